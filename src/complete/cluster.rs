//! Completions that only the cluster knows: the app's pods (`logs --pod`) and its one-off runs
//! (`logs --run`). The shell waits while they are asked for, so the whole question, connecting
//! included, gets [`TIMEOUT`]; without an answer by then (offline, a slow API server) nothing is
//! offered, and the line stays as typed.

use std::time::Duration;

use clap_complete::CompletionCandidate;
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::ListParams;

use super::command_line::CommandLine;
use super::{candidate, link_file};
use crate::cluster::{ClusterTarget, names};

/// How long a completion may wait for the cluster.
const TIMEOUT: Duration = Duration::from_secs(1);

/// The app's pods (web, async, cron and runs), each described by its component and phase.
#[must_use]
pub fn pods() -> Vec<CompletionCandidate> {
    list(names::app_selector).unwrap_or_default()
}

/// The app's one-off runs still in the cluster, newest first, each with its state.
#[must_use]
pub fn runs() -> Vec<CompletionCandidate> {
    list(crate::oneoff::pod::selector).unwrap_or_default()
}

/// The pods of the app the command line names that `selector` selects, within [`TIMEOUT`].
fn list(selector: impl Fn(&str) -> String) -> Option<Vec<CompletionCandidate>> {
    let line = CommandLine::current();
    let link = link_file(&line)?;
    let target = ClusterTarget {
        kubeconfig: line.cluster.kubeconfig.clone(),
        context: line.cluster.context.clone().or(link.link.context.clone()),
        namespace: line
            .cluster
            .namespace
            .clone()
            .or(Some(link.link.namespace.clone())),
    };
    let selector = selector(&link.link.app);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    let pods = runtime.block_on(async {
        tokio::time::timeout(TIMEOUT, async {
            let (client, namespace) = crate::cluster::connect_once(&target).await.ok()?;
            let api: Api<Pod> = Api::namespaced(client, &namespace);
            api.list(&ListParams::default().labels(&selector))
                .await
                .ok()
        })
        .await
        .ok()
        .flatten()
    });
    // Work still pending (a connection being made) is dropped, not waited for.
    runtime.shutdown_background();
    let mut pods = pods?.items;
    pods.sort_by(|a, b| {
        b.metadata
            .creation_timestamp
            .cmp(&a.metadata.creation_timestamp)
    });
    Some(
        pods.iter()
            .enumerate()
            .filter_map(|(i, pod)| {
                let name = pod.metadata.name.clone()?;
                Some(candidate(name, &describe(pod)).display_order(Some(i)))
            })
            .collect(),
    )
}

/// `web Running`: the pod's component and phase.
fn describe(pod: &Pod) -> String {
    let component = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(names::LABEL_COMPONENT))
        .map_or("", String::as_str);
    let phase = pod
        .status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("Pending");
    format!("{component} {phase}").trim().to_owned()
}
