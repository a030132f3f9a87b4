//! The checks that need the cluster: API reachable, credentials valid, namespace access, the
//! ArgoCD Application readable, and whether the controller still serves the cached sealing
//! certificate. Each request's answer becomes one finding with its fix. One attempt each: a
//! doctor that retries for minutes helps nobody.

use k8s_openapi::api::apps::v1::Deployment;
use kube::api::ListParams;
use kube::{Api, Client};

use crate::cluster::ClusterTarget;
use crate::cluster::access::AccessError;
use crate::cluster::argocd;
use crate::cluster::sealing_cert::Controller;
use crate::exit::Classify;
use crate::seal::SealingCert;

use super::Finding;

/// The app's ArgoCD Application.
#[derive(Debug, Clone, Copy)]
pub struct Application<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
}

/// What the cluster group found, and the certificate finding it adds (when a certificate is
/// cached and the cluster is reachable).
#[derive(Debug)]
pub struct ClusterFindings {
    pub cluster: Vec<Finding>,
    pub certificate: Option<Finding>,
}

/// Connects to `target` and runs the checks; compares `cached` with `controller`'s certificate
/// when the cluster is reachable.
pub async fn check(
    target: &ClusterTarget,
    application: Option<Application<'_>>,
    controller: &Controller,
    cached: Option<&SealingCert>,
) -> ClusterFindings {
    let (client, namespace) = match crate::cluster::connect_once(target).await {
        Ok(connected) => connected,
        Err(e) => {
            let fix = e.hint().unwrap_or_default();
            return ClusterFindings {
                cluster: vec![Finding::fail("cluster.config", e.to_string(), fix)],
                certificate: None,
            };
        }
    };
    let cluster = checks(client.clone(), &namespace, application).await;
    let reachable = cluster.iter().all(|f| f.status != super::Status::Fail);
    let certificate = match cached {
        Some(cached) if reachable => Some(match controller.fetch_cert(&client).await {
            Ok(pem) => super::certificate::matches_cluster(cached, &pem),
            Err(e) => Finding::warn(
                "certificate.matches",
                format!("cannot compare with the cluster's certificate: {e}"),
                e.hint().unwrap_or_default(),
            ),
        }),
        _ => None,
    };
    ClusterFindings {
        cluster,
        certificate,
    }
}

/// Runs the checks in order; a failed one stops those that depend on it.
pub async fn checks(
    client: Client,
    namespace: &str,
    application: Option<Application<'_>>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    match client.apiserver_version().await {
        Ok(v) => findings.push(Finding::ok(
            "cluster.reachable",
            format!(
                "the API server answers (Kubernetes {}.{})",
                v.major, v.minor
            ),
        )),
        Err(e) => {
            let err = AccessError::from_kube(&e, namespace);
            let (check, message) = match err {
                AccessError::Unauthorized => ("cluster.credentials", err.to_string()),
                _ => ("cluster.reachable", err.to_string()),
            };
            findings.push(Finding::fail(
                check,
                message,
                err.hint().unwrap_or_default(),
            ));
            return findings;
        }
    }
    findings.push(Finding::ok(
        "cluster.credentials",
        "the credentials are accepted",
    ));
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    match deployments.list(&ListParams::default().limit(1)).await {
        Ok(_) => findings.push(Finding::ok(
            "cluster.namespace",
            format!("namespace {namespace} is accessible"),
        )),
        Err(e) => {
            let err = AccessError::from_kube(&e, namespace);
            findings.push(Finding::fail(
                "cluster.namespace",
                err.to_string(),
                err.hint().unwrap_or_default(),
            ));
            return findings;
        }
    }
    if let Some(Application {
        namespace: ns,
        name,
    }) = application
    {
        match argocd::api(client, ns).get(name).await {
            Ok(_) => findings.push(Finding::ok(
                "cluster.application",
                format!("ArgoCD Application {ns}/{name} is readable"),
            )),
            Err(kube::Error::Api(s)) if s.code == 404 || s.code == 403 => findings.push(Finding::warn(
                "cluster.application",
                format!("ArgoCD Application {ns}/{name} is {}", if s.code == 404 { "missing" } else { "not readable" }),
                "deploy still works and follows the Deployments directly; ask ungleich support for read access to the Application to see the sync",
            )),
            Err(e) => findings.push(Finding::warn(
                "cluster.application",
                format!("cannot read ArgoCD Application {ns}/{name}: {e}"),
                "retry; deploy follows the Deployments directly meanwhile",
            )),
        }
    }
    findings
}
