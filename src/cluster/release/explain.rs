//! A diagnosis of a new pod turned into the failure of the release, with the log lines that
//! explain it: the end of a failed migration, the previous run of a crashing container.

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::LogParams;
use tokio::sync::mpsc;

use super::init_log::{InitLog, LogMsg};
use super::{Failed, LogLine, Observer};
use crate::cluster::diagnose::{Diagnosis, Kind};
use crate::cluster::names;

/// The failure for a diagnosis, with the log lines that explain it and were not yet shown.
pub(super) async fn explain(
    d: Diagnosis,
    init: &InitLog,
    rx: &mut mpsc::UnboundedReceiver<LogMsg>,
    observer: &mut dyn Observer,
) -> Failed {
    let mut log = Vec::new();
    match d.kind {
        Kind::MigrationFailed => {
            let streamed = init.has_shown(&d.pod);
            let more = init.drain(rx, observer).await;
            if !streamed && more.is_empty() {
                // It failed before we could watch it run: show its end now.
                log = fetch_tail(init.pods(), &d.pod, names::CONTAINER_INIT, false, 50).await;
            }
        }
        Kind::CrashLoop => {
            let container = d.container.clone().unwrap_or_default();
            log = fetch_tail(init.pods(), &d.pod, &container, true, 20).await;
        }
        _ => {}
    }
    Failed {
        code: d.kind.exit_code(),
        result: d.kind.as_str(),
        message: d.message,
        hint: d.hint,
        log,
    }
}

/// The last `lines` lines of a container's log (of its previous run with `previous`); none when
/// they cannot be read.
async fn fetch_tail(
    pods: &Api<Pod>,
    pod: &str,
    container: &str,
    previous: bool,
    lines: i64,
) -> Vec<LogLine> {
    let params = LogParams {
        container: Some(container.to_owned()),
        previous,
        tail_lines: Some(lines),
        ..LogParams::default()
    };
    match pods.logs(pod, &params).await {
        Ok(text) => text
            .lines()
            .map(|l| LogLine {
                pod: pod.to_owned(),
                container: container.to_owned(),
                line: l.to_owned(),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}
