//! The sync stage: ask ArgoCD to refresh, then wait until its Application has synced the pushed
//! commit. Skipped, with a note, when there is no Application to read.

use futures::StreamExt;
use kube::api::DynamicObject;
use kube::{Api, Client};

use super::{Event, Failed, Observer, Plan, Stage};
use crate::cluster::access::AccessError;
use crate::cluster::argocd::{self, Sync};
use crate::exit::ExitCode;

/// The ArgoCD stage; `Some` when the sync failed.
pub(super) async fn wait_for_sync(
    client: Client,
    plan: &Plan,
    observer: &mut dyn Observer,
) -> Result<Option<Failed>, AccessError> {
    let Some((ns, name)) = &plan.argocd else {
        note(
            observer,
            "no ArgoCD Application in ungleich-django.yaml: following the Deployments directly"
                .to_owned(),
        );
        return Ok(None);
    };
    let api = argocd::api(client, ns);
    if !readable(&api, ns, name, observer).await? {
        return Ok(None);
    }
    if argocd::refresh(&api, name).await.is_err() {
        note(
            observer,
            "cannot ask ArgoCD to refresh (no patch right): waiting for its next poll".to_owned(),
        );
    }
    let short = crate::gitops::short_id(&plan.revision);
    let mut stream = kube::runtime::watcher::watch_object(api, name).boxed();
    while let Some(item) = stream.next().await {
        let Ok(Some(obj)) = item else { continue };
        let value = serde_json::to_value(&obj).unwrap_or_default();
        match argocd::sync_state(&value, &plan.repo, &plan.revision) {
            Sync::Synced { health } => {
                note(
                    observer,
                    format!("ArgoCD synced {short} (health: {health})"),
                );
                return Ok(None);
            }
            Sync::Failed { message } => {
                return Ok(Some(Failed {
                    code: ExitCode::SyncFailed,
                    result: "sync-failed",
                    message: format!("ArgoCD could not sync {short}: {message}"),
                    hint: format!(
                        "see the Application's events with `kubectl -n {ns} describe application {name}`"
                    ),
                    log: Vec::new(),
                }));
            }
            Sync::Waiting { status, revision } => observer.event(Event::Progress {
                stage: Stage::Sync,
                message: format!(
                    "waiting for ArgoCD to sync {short} (now {status} at {})",
                    crate::gitops::short_id(&revision)
                ),
            }),
        }
    }
    Ok(None)
}

/// True when the Application can be read; a missing one, or no right to read it, skips the
/// stage with a note rather than failing a release that may well become live.
async fn readable(
    api: &Api<DynamicObject>,
    ns: &str,
    name: &str,
    observer: &mut dyn Observer,
) -> Result<bool, AccessError> {
    match api.get(name).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(s)) if s.code == 404 || s.code == 403 => {
            let why = if s.code == 404 {
                format!("ArgoCD Application {ns}/{name} not found")
            } else {
                format!("no right to read ArgoCD Application {ns}/{name}")
            };
            note(
                observer,
                format!("{why}: skipping the sync stage, following the Deployments directly"),
            );
            Ok(false)
        }
        Err(e) => Err(AccessError::from_kube(&e, ns)),
    }
}

fn note(observer: &mut dyn Observer, message: String) {
    observer.event(Event::Note {
        stage: Stage::Sync,
        message,
    });
}
