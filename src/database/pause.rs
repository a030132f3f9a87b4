//! Stopping the app's traffic while a restore runs, where the hoster allows it
//! (`hosting.database.restoreStopsApp`): the web and async Deployments scaled to zero through
//! their scale subresource, and back to what they had afterwards, so no request reads or writes
//! a database that is half restored.

use k8s_openapi::api::apps::v1::Deployment;
use kube::api::{Patch, PatchParams};
use kube::{Api, Client};

use super::DbError;
use crate::cluster::names;
use crate::oneoff::RunError;

/// The Deployments that were stopped, and their replicas before.
#[derive(Debug, Clone, Default)]
pub struct Paused {
    pub replicas: Vec<(String, i32)>,
}

/// Scales the app's web and async Deployments (those that exist and run pods) to zero.
///
/// # Errors
/// The cluster's refusal (naming the grant); what was stopped by then is started again first.
pub async fn stop(client: Client, app: &str, namespace: &str) -> Result<Paused, DbError> {
    let deployments: Api<Deployment> = Api::namespaced(client, namespace);
    let mut paused = Paused::default();
    for name in [names::web_deployment(app), names::async_deployment(app)] {
        let scale = match deployments.get_scale(&name).await {
            Ok(s) => s,
            Err(kube::Error::Api(status)) if status.code == 404 => continue,
            Err(e) => {
                return Err(
                    RunError::from_kube(&e, "get", "apps:deployments/scale", namespace).into(),
                );
            }
        };
        let replicas = scale.spec.and_then(|s| s.replicas).unwrap_or(0);
        if replicas == 0 {
            continue;
        }
        if let Err(e) = set(&deployments, &name, 0, namespace).await {
            // Half stopped is worse than up: start again what was stopped.
            for (stopped, replicas) in &paused.replicas {
                let _ = set(&deployments, stopped, *replicas, namespace).await;
            }
            return Err(e);
        }
        paused.replicas.push((name, replicas));
    }
    Ok(paused)
}

/// Gives each stopped Deployment its replicas back.
///
/// # Errors
/// The cluster's refusal.
pub async fn resume(client: Client, namespace: &str, paused: &Paused) -> Result<(), DbError> {
    let deployments: Api<Deployment> = Api::namespaced(client, namespace);
    for (name, replicas) in &paused.replicas {
        set(&deployments, name, *replicas, namespace).await?;
    }
    Ok(())
}

async fn set(
    deployments: &Api<Deployment>,
    name: &str,
    replicas: i32,
    namespace: &str,
) -> Result<(), DbError> {
    deployments
        .patch_scale(
            name,
            &PatchParams::default(),
            &Patch::Merge(serde_json::json!({"spec": {"replicas": replicas}})),
        )
        .await
        .map_err(|e| RunError::from_kube(&e, "patch", "apps:deployments/scale", namespace))?;
    Ok(())
}
