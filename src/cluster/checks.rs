//! The cluster checks `doctor` runs: API reachable, credentials valid, namespace access, the
//! ArgoCD Application readable. Each request's answer becomes one finding with its fix.

use k8s_openapi::api::apps::v1::Deployment;
use kube::api::ListParams;
use kube::{Api, Client};

use crate::cluster::access::AccessError;
use crate::cluster::argocd;
use crate::doctor::Finding;
use crate::exit::Classify;

/// Runs the checks in order; a failed one stops those that depend on it.
pub async fn run(
    client: Client,
    namespace: &str,
    application: Option<(&str, &str)>,
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
    if let Some((ns, name)) = application {
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
