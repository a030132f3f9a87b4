//! The STATUS column of `kubectl get pods` for one pod (kubectl's `printPod`), so that `status`
//! says `Init:CrashLoopBackOff` where kubectl would, and the restarts it counts.

use k8s_openapi::api::core::v1::{ContainerStatus, Pod};

/// kubectl's STATUS of `pod`: `Running`, `Init:0/1`, `Init:CrashLoopBackOff`, `ImagePullBackOff`,
/// `Terminating`, ...
#[must_use]
pub fn status(pod: &Pod) -> String {
    let Some(status) = &pod.status else {
        return "Unknown".to_owned();
    };
    let phase = status.phase.clone().unwrap_or_default();
    let mut reason = status.reason.clone().unwrap_or_else(|| phase.clone());
    let init_count = pod
        .spec
        .as_ref()
        .and_then(|s| s.init_containers.as_ref())
        .map_or(0, Vec::len);
    let inits = status
        .init_container_statuses
        .as_deref()
        .unwrap_or_default();
    let mut initializing = false;
    for (i, c) in inits.iter().enumerate() {
        if let Some(r) = init_reason(c, i, init_count) {
            reason = r;
            initializing = true;
            break;
        }
    }
    if !initializing {
        let mut running = false;
        for c in status.container_statuses.iter().flatten().rev() {
            let state = c.state.clone().unwrap_or_default();
            if let Some(r) = state
                .waiting
                .and_then(|w| w.reason)
                .filter(|r| !r.is_empty())
            {
                reason = r;
            } else if let Some(t) = state.terminated {
                reason = t
                    .reason
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| match t.signal {
                        Some(s) if s != 0 => format!("Signal:{s}"),
                        _ => format!("ExitCode:{}", t.exit_code),
                    });
            } else if c.ready && state.running.is_some() {
                running = true;
            }
        }
        if reason == "Completed" && running {
            reason = "Running".to_owned();
        }
    }
    if pod.metadata.deletion_timestamp.is_some() && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".to_owned();
    }
    reason
}

/// The STATUS an init container gives its pod while it has not completed; `None` once it has.
fn init_reason(c: &ContainerStatus, index: usize, count: usize) -> Option<String> {
    let state = c.state.clone().unwrap_or_default();
    if let Some(t) = state.terminated {
        if t.exit_code == 0 {
            return None;
        }
        return Some(match t.reason.filter(|r| !r.is_empty()) {
            Some(r) => format!("Init:{r}"),
            None => match t.signal {
                Some(s) if s != 0 => format!("Init:Signal:{s}"),
                _ => format!("Init:ExitCode:{}", t.exit_code),
            },
        });
    }
    match state.waiting.and_then(|w| w.reason) {
        Some(r) if !r.is_empty() && r != "PodInitializing" => Some(format!("Init:{r}")),
        _ => Some(format!("Init:{index}/{}", count.max(1))),
    }
}

/// Every restart of the pod's containers, init containers included: a migration that keeps
/// failing restarts only `init`, and hiding that would hide the failure.
#[must_use]
pub fn restarts(pod: &Pod) -> i32 {
    let Some(status) = &pod.status else {
        return 0;
    };
    status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten())
        .map(|c| c.restart_count)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(status: &str) -> Pod {
        let yaml = format!(
            "metadata: {{name: shop-web-7d9f8-x2kq4}}\nspec: {{initContainers: [{{name: init}}], containers: [{{name: run}}]}}\nstatus: {status}\n"
        );
        serde_saphyr::from_str(&yaml).expect("fixture parses")
    }

    fn cs(name: &str, state: &str, restarts: i32, ready: bool) -> String {
        format!(
            "{{name: {name}, image: 'registry.example.com/shop:2', imageID: '', ready: {ready}, restartCount: {restarts}, state: {state}}}"
        )
    }

    #[test]
    fn the_status_column_reads_like_kubectl() {
        let pending = "{waiting: {reason: PodInitializing}}";
        let cases = [
            (
                format!(
                    "{{phase: Pending, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs("init", "{running: {}}", 0, false),
                    cs("run", pending, 0, false)
                ),
                "Init:0/1",
                0,
            ),
            (
                format!(
                    "{{phase: Pending, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs("init", "{waiting: {reason: CrashLoopBackOff}}", 4, false),
                    cs("run", pending, 0, false)
                ),
                "Init:CrashLoopBackOff",
                4,
            ),
            (
                format!(
                    "{{phase: Pending, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs(
                        "init",
                        "{terminated: {exitCode: 1, reason: Error}}",
                        0,
                        false
                    ),
                    cs("run", pending, 0, false)
                ),
                "Init:Error",
                0,
            ),
            (
                format!(
                    "{{phase: Pending, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs("init", "{waiting: {reason: ImagePullBackOff}}", 0, false),
                    cs("run", pending, 0, false)
                ),
                "Init:ImagePullBackOff",
                0,
            ),
            (
                format!(
                    "{{phase: Running, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs(
                        "init",
                        "{terminated: {exitCode: 0, reason: Completed}}",
                        1,
                        false
                    ),
                    cs("run", "{running: {}}", 2, true)
                ),
                "Running",
                3,
            ),
            (
                format!(
                    "{{phase: Running, initContainerStatuses: [{}], containerStatuses: [{}]}}",
                    cs(
                        "init",
                        "{terminated: {exitCode: 0, reason: Completed}}",
                        0,
                        false
                    ),
                    cs("run", "{waiting: {reason: CrashLoopBackOff}}", 5, false)
                ),
                "CrashLoopBackOff",
                5,
            ),
            (
                format!(
                    "{{phase: Pending, containerStatuses: [{}]}}",
                    cs("run", "{waiting: {reason: ImagePullBackOff}}", 0, false)
                ),
                "ImagePullBackOff",
                0,
            ),
        ];
        for (status, want, restarts_want) in cases {
            let p = pod(&status);
            assert_eq!(super::status(&p), want, "{status}");
            assert_eq!(super::restarts(&p), restarts_want, "{status}");
        }
    }
}
