//! Log streams of an app's containers across pods, by label selector: new pods picked up as they
//! appear, a container still initialising waited for (never a 400), a dropped stream resumed from
//! its last timestamp without repeating lines.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use futures::{AsyncBufReadExt, FutureExt, StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::{ContainerStatus, Pod};
use kube::api::{ListParams, LogParams};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Api, Client};
use tokio::sync::mpsc;

use crate::cluster::access::AccessError;
use crate::cluster::names;

/// Which containers, with the component label their pods carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Web,
    Async,
    Init,
}

impl Source {
    fn component(self) -> &'static str {
        match self {
            Source::Web | Source::Init => names::COMPONENT_WEB,
            Source::Async => names::COMPONENT_ASYNC,
        }
    }
    fn container(self) -> &'static str {
        match self {
            Source::Web => names::CONTAINER_RUN,
            Source::Async => names::CONTAINER_ASYNC,
            Source::Init => names::CONTAINER_INIT,
        }
    }
}

/// What to read.
#[derive(Debug, Clone)]
pub struct Request {
    pub app: String,
    pub namespace: String,
    pub sources: Vec<Source>,
    pub follow: bool,
    pub since: Option<Duration>,
    pub tail: Option<i64>,
    pub previous: bool,
    pub pod: Option<String>,
}

/// One line of a container's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub pod: Arc<str>,
    pub container: Arc<str>,
    /// From the container's previous attempt (before its last restart).
    pub previous: bool,
    /// RFC 3339 with nanoseconds, as the kubelet wrote it.
    pub timestamp: String,
    pub text: String,
}

/// What a read without `follow` found besides the lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// How many pods the request named.
    pub pods: usize,
    /// The containers that had nothing to show, and why.
    pub silent: Vec<Silent>,
}

/// A container of a named pod that had no output to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silent {
    pub pod: String,
    pub container: String,
    /// Its state, as kubectl would say it: `waiting: PodInitializing`, `running`, ...
    pub state: String,
}

/// Sends every line the request names to `tx`; with `follow` it runs until `tx` is closed.
///
/// # Errors
/// When the API server cannot be used.
pub async fn read(
    client: Client,
    req: &Request,
    tx: mpsc::Sender<Vec<Line>>,
) -> Result<Found, AccessError> {
    let pods: Api<Pod> = Api::namespaced(client, &req.namespace);
    let selector = names::app_selector(&req.app);
    let listed = pods
        .list(&ListParams::default().labels(&selector))
        .await
        .map_err(|e| AccessError::from_kube(&e, &req.namespace))?;
    if !req.follow {
        return Ok(read_once(&pods, req, listed.items, &tx).await);
    }
    // pod/container → the restart count of the run being streamed.
    let mut streaming: HashMap<(String, String), i32> = HashMap::new();
    let mut events = watcher(pods.clone(), watcher::Config::default().labels(&selector))
        .default_backoff()
        .boxed();
    while let Some(event) = events.next().await {
        if tx.is_closed() {
            return Ok(Found::default());
        }
        let pod = match event {
            Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)) => p,
            _ => continue,
        };
        for (name, container) in targets(req, &pod) {
            let Some(status) = container_status(&pod, container) else {
                continue;
            };
            if !started(&pod, container) {
                continue;
            }
            let key = (name.clone(), container.to_owned());
            let restarts = status.restart_count;
            let first = !streaming.contains_key(&key);
            if streaming.get(&key).is_some_and(|r| *r >= restarts) {
                continue;
            }
            streaming.insert(key, restarts);
            // Only the first run of a container honours --tail and --since; a restart's log is
            // read whole.
            let params = if first {
                params(req, container, None)
            } else {
                LogParams {
                    follow: true,
                    timestamps: true,
                    container: Some(container.to_owned()),
                    ..LogParams::default()
                }
            };
            tokio::spawn(follow_container(
                pods.clone(),
                name,
                container.to_owned(),
                restarts,
                params,
                tx.clone(),
            ));
        }
    }
    Ok(Found::default())
}

/// Without `follow`: each named container's log, in pod order. A container that failed shows
/// its current attempt, then the previous one, without `--previous`: a migration in
/// `Init:CrashLoopBackOff` has its error only there. Containers with nothing to show are
/// reported rather than passed over in silence.
async fn read_once(
    pods: &Api<Pod>,
    req: &Request,
    mut items: Vec<Pod>,
    tx: &mpsc::Sender<Vec<Line>>,
) -> Found {
    items.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut found = Found::default();
    for pod in &items {
        let targets = targets(req, pod);
        if !targets.is_empty() {
            found.pods += 1;
        }
        for (name, container) in targets {
            let mut shown = 0;
            if started(pod, container) || req.previous {
                let params = params(req, container, None);
                let mut dedup = Dedup::default();
                if let Ok(Some(n)) =
                    stream_once(pods, &name, container, &params, &mut dedup, false, tx).await
                {
                    shown += n;
                }
            }
            if !req.previous && failed_before(pod, container) {
                let params = LogParams {
                    previous: true,
                    ..params(req, container, None)
                };
                let mut dedup = Dedup::default();
                if let Ok(Some(n)) =
                    stream_once(pods, &name, container, &params, &mut dedup, true, tx).await
                {
                    shown += n;
                }
            }
            if shown == 0 {
                found.silent.push(Silent {
                    pod: name.clone(),
                    container: container.to_owned(),
                    state: state_of(pod, container),
                });
            }
        }
    }
    found
}

/// The container crashed at least once and does not run now: its previous attempt holds why.
fn failed_before(pod: &Pod, container: &str) -> bool {
    container_status(pod, container).is_some_and(|c| {
        let running = c.state.as_ref().is_some_and(|s| s.running.is_some());
        let crashed = c
            .last_state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .is_some_and(|t| t.exit_code != 0);
        !running && c.restart_count > 0 && crashed
    })
}

/// `waiting: PodInitializing`, `running`, `terminated: exit code 1`, or `not created yet`.
fn state_of(pod: &Pod, container: &str) -> String {
    let Some(state) = container_status(pod, container).and_then(|c| c.state.as_ref()) else {
        return "not created yet".to_owned();
    };
    if let Some(w) = &state.waiting {
        format!("waiting: {}", w.reason.as_deref().unwrap_or("not started"))
    } else if let Some(t) = &state.terminated {
        format!("terminated: exit code {}", t.exit_code)
    } else {
        "running".to_owned()
    }
}

fn targets(req: &Request, pod: &Pod) -> Vec<(String, &'static str)> {
    let name = pod.metadata.name.clone().unwrap_or_default();
    if req.pod.as_ref().is_some_and(|p| *p != name)
        || pod.metadata.deletion_timestamp.is_some() && req.follow
    {
        return Vec::new();
    }
    let component = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(names::LABEL_COMPONENT))
        .cloned()
        .unwrap_or_default();
    req.sources
        .iter()
        .filter(|s| s.component() == component)
        .map(|s| (name.clone(), s.container()))
        .collect()
}

fn container_status<'a>(pod: &'a Pod, container: &str) -> Option<&'a ContainerStatus> {
    let status = pod.status.as_ref()?;
    status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten())
        .find(|c| c.name == container)
}

/// The container runs or has run: its log exists (asking earlier gets a 400).
fn started(pod: &Pod, container: &str) -> bool {
    container_status(pod, container)
        .and_then(|c| c.state.as_ref())
        .is_some_and(|s| s.running.is_some() || s.terminated.is_some())
}

fn params(req: &Request, container: &str, since_time: Option<jiff::Timestamp>) -> LogParams {
    LogParams {
        container: Some(container.to_owned()),
        follow: req.follow,
        previous: req.previous,
        since_seconds: req
            .since
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX).max(1)),
        since_time,
        tail_lines: req.tail,
        timestamps: true,
        ..LogParams::default()
    }
}

/// Remembers where a stream was, to resume after it and never repeat a line.
#[derive(Debug, Default)]
pub struct Dedup {
    last: Option<jiff::Timestamp>,
    at_last: HashSet<String>,
}

impl Dedup {
    /// True when the line is new; lines without a timestamp always are.
    pub fn admit(&mut self, timestamp: Option<jiff::Timestamp>, text: &str) -> bool {
        let Some(ts) = timestamp else {
            return true;
        };
        match self.last {
            Some(last) if ts < last => false,
            Some(last) if ts == last => self.at_last.insert(text.to_owned()),
            _ => {
                self.last = Some(ts);
                self.at_last.clear();
                self.at_last.insert(text.to_owned());
                true
            }
        }
    }

    /// Where to ask from after a drop: a second before the last line, as kubectl's `--since-time`
    /// has second resolution on some kubelets; repeats are dropped by [`Dedup::admit`].
    #[must_use]
    pub fn resume_from(&self) -> Option<jiff::Timestamp> {
        self.last
            .and_then(|t| t.checked_sub(jiff::SignedDuration::from_secs(1)).ok())
    }
}

/// Splits the kubelet's `TIMESTAMP TEXT`, parsing the timestamp once.
#[must_use]
pub fn split_timestamp(raw: &str) -> (&str, Option<jiff::Timestamp>, &str) {
    match raw.split_once(' ') {
        Some((ts, text)) => match ts.parse::<jiff::Timestamp>() {
            Ok(parsed) => (ts, Some(parsed), text),
            Err(_) => ("", None, raw),
        },
        None => ("", None, raw),
    }
}

/// Reads one request's stream to its end: how many lines it sent, `None` when the receiver is
/// gone. `previous` marks the lines as the previous attempt's.
async fn stream_once(
    pods: &Api<Pod>,
    pod: &str,
    container: &str,
    params: &LogParams,
    dedup: &mut Dedup,
    previous: bool,
    tx: &mpsc::Sender<Vec<Line>>,
) -> Result<Option<usize>, kube::Error> {
    let reader = pods.log_stream(pod, params).await?;
    let mut lines = reader.lines();
    let (pod, container): (Arc<str>, Arc<str>) = (Arc::from(pod), Arc::from(container));
    let mut ended = false;
    let mut sent = 0;
    while !ended {
        // Wait for one line, then take what is already buffered: one send per batch.
        let mut batch = Vec::new();
        let mut next = Some(lines.try_next().await);
        while let Some(item) = next.take() {
            let Ok(Some(raw)) = item else {
                ended = true;
                break;
            };
            let (ts, parsed, text) = split_timestamp(&raw);
            if dedup.admit(parsed, text) {
                batch.push(Line {
                    pod: pod.clone(),
                    container: container.clone(),
                    previous,
                    timestamp: ts.to_owned(),
                    text: text.to_owned(),
                });
            }
            if batch.len() < 1024 {
                next = lines.try_next().now_or_never();
            }
        }
        sent += batch.len();
        if !batch.is_empty() && tx.send(batch).await.is_err() {
            return Ok(None);
        }
    }
    Ok(Some(sent))
}

/// Follows one run of a container; reconnects while that run is still going.
async fn follow_container(
    pods: Api<Pod>,
    pod: String,
    container: String,
    restarts: i32,
    mut params: LogParams,
    tx: mpsc::Sender<Vec<Line>>,
) {
    let mut dedup = Dedup::default();
    loop {
        if let Ok(None) =
            stream_once(&pods, &pod, &container, &params, &mut dedup, false, &tx).await
        {
            return;
        }
        // Ended: the container stopped (done), or the connection dropped (resume).
        let Ok(now) = pods.get(&pod).await else {
            return;
        };
        let Some(status) = container_status(&now, &container) else {
            return;
        };
        let running = status.state.as_ref().is_some_and(|s| s.running.is_some());
        if !running || status.restart_count != restarts || now.metadata.deletion_timestamp.is_some()
        {
            return;
        }
        params.tail_lines = None;
        params.since_seconds = None;
        params.since_time = dedup.resume_from();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_after_a_resume_are_dropped() {
        let mut d = Dedup::default();
        let mut d_admit = |ts: &str, text: &str| d.admit(ts.parse().ok(), text);
        assert!(d_admit("2026-11-26T10:00:00.5Z", "a"));
        assert!(d_admit("2026-11-26T10:00:01Z", "b"));
        assert!(d_admit("2026-11-26T10:00:01Z", "c"));
        // The server sends from a second earlier again.
        assert!(!d_admit("2026-11-26T10:00:00.5Z", "a"));
        assert!(!d_admit("2026-11-26T10:00:01Z", "b"));
        assert!(!d_admit("2026-11-26T10:00:01Z", "c"));
        assert!(d_admit("2026-11-26T10:00:01Z", "d"));
        assert!(d_admit("2026-11-26T10:00:02Z", "e"));
        assert!(d_admit("", "no timestamp"));
    }

    #[test]
    fn timestamps_are_split_off() {
        let (ts, parsed, text) = split_timestamp("2026-11-26T10:00:00.123456789Z hello world");
        assert_eq!(
            (ts, text),
            ("2026-11-26T10:00:00.123456789Z", "hello world")
        );
        assert_eq!(split_timestamp("plain line"), ("", None, "plain line"));
        let mut d = Dedup::default();
        assert!(d.admit(parsed, "x"));
        assert_eq!(
            d.resume_from().unwrap().to_string(),
            "2026-11-26T10:00:00.123456789Z"
                .parse::<jiff::Timestamp>()
                .unwrap()
                .checked_sub(jiff::SignedDuration::from_secs(1))
                .unwrap()
                .to_string()
        );
    }
}
