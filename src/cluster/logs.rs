//! Log streams of an app's containers across pods, by label selector: new pods picked up as they
//! appear, a container still initialising waited for (never a 400), a dropped stream resumed from
//! its last timestamp without repeating lines, and every line of a run delivered once and in order
//! through drops, restarts, stopping pods and a server that refuses for a while (the soak test in
//! `tests/it/soak.rs` holds it to that).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use futures::{AsyncBufReadExt, FutureExt, StreamExt};
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
    follow(&pods, req, &listed.items, &tx).await;
    Ok(Found::default())
}

/// A container run being followed: which run, and the task reading it.
struct Followed {
    restarts: i32,
    task: tokio::task::JoinHandle<()>,
}

/// With `follow`: watches the app's pods and follows each container run as it starts, until
/// `tx` is closed. `--tail` and `--since` apply to the containers that were already running
/// when we began; a container that starts later is shown whole, or the lines it wrote before the
/// watch told us of it would be lost.
// Longer than most: one loop over the watch's events, whose state (the runs followed, what a
// relist showed, what ran at the start) lives in it and is changed by every kind of event.
async fn follow(pods: &Api<Pod>, req: &Request, listed: &[Pod], tx: &mpsc::Sender<Vec<Line>>) {
    let mut already_running: HashSet<(String, String)> = listed
        .iter()
        .flat_map(|pod| {
            targets(req, pod)
                .into_iter()
                .filter(|(_, c)| started(pod, c))
                .map(|(name, c)| (name, c.to_owned()))
        })
        .collect();
    let mut followed: HashMap<(String, String), Followed> = HashMap::new();
    // The pods a relist has shown so far, to forget the ones it no longer has.
    let mut relisted: HashSet<String> = HashSet::new();
    let selector = names::app_selector(&req.app);
    let mut events = watcher(pods.clone(), watcher::Config::default().labels(&selector))
        .default_backoff()
        .boxed();
    while let Some(event) = events.next().await {
        if tx.is_closed() {
            return;
        }
        let pod = match event {
            Ok(watcher::Event::Apply(p)) => p,
            Ok(watcher::Event::InitApply(p)) => {
                relisted.insert(p.metadata.name.clone().unwrap_or_default());
                p
            }
            Ok(watcher::Event::Init) => {
                relisted.clear();
                continue;
            }
            Ok(watcher::Event::InitDone) => {
                // Forget what is gone, so that hours of pod churn do not grow the map; the
                // tasks of the forgotten runs end on their own.
                followed.retain(|(pod, _), _| relisted.contains(pod));
                continue;
            }
            Ok(watcher::Event::Delete(p)) => {
                let gone = p.metadata.name.unwrap_or_default();
                followed.retain(|(pod, _), _| *pod != gone);
                continue;
            }
            Err(_) => continue,
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
            let earlier = followed.get(&key).map(|f| f.restarts);
            if earlier.is_some_and(|r| r >= restarts) {
                continue;
            }
            let was_running = already_running.remove(&key);
            let params = if was_running {
                params(req, container, None)
            } else {
                LogParams {
                    follow: true,
                    timestamps: true,
                    container: Some(container.to_owned()),
                    ..LogParams::default()
                }
            };
            let run = Run {
                pods: pods.clone(),
                pod: name,
                uid: pod.metadata.uid.clone(),
                container: container.to_owned(),
                restarts,
            };
            // A run no event showed is the previous log, when it is the one just before: two
            // restarts in one gap, or a pod that came after we began and restarted before the
            // watch told us of it.
            let skipped = match earlier {
                Some(r) => restarts > r + 1,
                None => !was_running && restarts > 0,
            };
            let after = followed.remove(&key).map(|f| f.task);
            let task = tokio::spawn(run.follow(params, after, skipped, tx.clone()));
            followed.insert(key, Followed { restarts, task });
        }
    }
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
                let (_, n) =
                    stream_once(pods, &name, container, &params, &mut dedup, false, true, tx).await;
                shown += n;
            }
            if !req.previous && failed_before(pod, container) {
                let params = LogParams {
                    previous: true,
                    ..params(req, container, None)
                };
                let mut dedup = Dedup::default();
                let (_, n) =
                    stream_once(pods, &name, container, &params, &mut dedup, true, true, tx).await;
                shown += n;
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

/// How a log stream ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// The server ended it: the run stopped, or the request did not follow.
    Clean,
    /// The connection broke after it was answered.
    Broken,
    /// The request was not answered with a log (5xx, 400, a connection refused).
    Refused,
    /// The receiver is gone: stop.
    Closed,
}

/// Reads one request's stream to its end, sending each new line once; `previous` marks the
/// lines as the previous attempt's. A last line without its newline is sent only with `whole`
/// (the run has stopped, so it is complete): otherwise it is a line cut in the middle, and the
/// resumed stream brings it whole.
#[allow(clippy::too_many_arguments)]
async fn stream_once(
    pods: &Api<Pod>,
    pod: &str,
    container: &str,
    params: &LogParams,
    dedup: &mut Dedup,
    previous: bool,
    whole: bool,
    tx: &mpsc::Sender<Vec<Line>>,
) -> (Ended, usize) {
    let Ok(mut reader) = pods.log_stream(pod, params).await else {
        return (Ended::Refused, 0);
    };
    let (pod, container): (Arc<str>, Arc<str>) = (Arc::from(pod), Arc::from(container));
    let mut pending = Vec::new();
    let mut sent = 0;
    loop {
        // Wait for one line, then take what is already buffered: one send per batch.
        let mut batch = Vec::new();
        let mut next = Some(next_line(&mut reader, &mut pending).await);
        let mut ended = None;
        while let Some(item) = next.take() {
            let raw = match item {
                Ok(Some(raw)) => raw,
                Ok(None) if whole && !pending.is_empty() => {
                    ended = Some(Ended::Clean);
                    String::from_utf8_lossy(&std::mem::take(&mut pending)).into_owned()
                }
                Ok(None) => {
                    ended = Some(Ended::Clean);
                    break;
                }
                Err(_) => {
                    ended = Some(Ended::Broken);
                    break;
                }
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
            if batch.len() < 1024 && ended.is_none() {
                next = next_line(&mut reader, &mut pending).now_or_never();
            }
        }
        sent += batch.len();
        if !batch.is_empty() && tx.send(batch).await.is_err() {
            return (Ended::Closed, sent);
        }
        if let Some(ended) = ended {
            return (ended, sent);
        }
    }
}

/// The next whole line (without its newline), or `None` at the end of the stream, where
/// `pending` keeps a last line that had no newline. Safe to drop while pending: what was read
/// stays in `pending`, and the next call goes on from there.
async fn next_line(
    reader: &mut (impl futures::AsyncBufRead + Unpin),
    pending: &mut Vec<u8>,
) -> std::io::Result<Option<String>> {
    loop {
        let n = reader.read_until(b'\n', pending).await?;
        if pending.last() == Some(&b'\n') {
            pending.pop();
            if pending.last() == Some(&b'\r') {
                pending.pop();
            }
            let line = String::from_utf8_lossy(pending).into_owned();
            pending.clear();
            return Ok(Some(line));
        }
        if n == 0 {
            return Ok(None);
        }
    }
}

/// One run of a container (its restart count), of one pod (its uid: a pod of the same name
/// made later is another).
struct Run {
    pods: Api<Pod>,
    pod: String,
    uid: Option<String>,
    container: String,
    restarts: i32,
}

/// Where a followed run is after its stream ended.
enum RunNow {
    /// Still running (or stopping): follow on.
    Running,
    /// Stopped, this run still the current one: read what is left, then done.
    Stopped,
    /// Restarted once: this run is the previous log now.
    Restarted,
    /// Its pod is gone, or the run is gone with a second restart.
    Gone,
}

impl Run {
    /// Follows the run to its end, after the run before it (`after`) is done, so that a
    /// container's lines stay in order across restarts. Reconnects while the run goes on;
    /// every line once: a dropped stream resumes after its last line, and the lines a run
    /// wrote between a drop and its end are read from wherever they are now (the stopped
    /// run's log, or the previous log after a restart). `skipped`: the previous log is a run
    /// no event showed, read whole first.
    async fn follow(
        self,
        mut params: LogParams,
        after: Option<tokio::task::JoinHandle<()>>,
        skipped: bool,
        tx: mpsc::Sender<Vec<Line>>,
    ) {
        if let Some(earlier) = after {
            let _ = earlier.await;
        }
        if skipped {
            let whole = LogParams {
                follow: false,
                previous: true,
                ..params.clone()
            };
            self.read_previous(whole, &mut Dedup::default(), &tx).await;
        }
        let mut dedup = Dedup::default();
        let mut last_read = false;
        let mut backoff = Backoff::default();
        let mut refused_at_the_end = 0;
        loop {
            let (ended, _) = stream_once(
                &self.pods,
                &self.pod,
                &self.container,
                &params,
                &mut dedup,
                false,
                last_read,
                &tx,
            )
            .await;
            match ended {
                Ended::Closed => return,
                Ended::Clean if last_read => return,
                // A stopped run whose log cannot be had (its container gone with the node):
                // give up rather than ask forever.
                Ended::Refused if last_read && refused_at_the_end >= 5 => return,
                Ended::Refused => {
                    refused_at_the_end += usize::from(last_read);
                    backoff.wait().await;
                }
                Ended::Clean | Ended::Broken => {
                    backoff.reset();
                    // Asked once, the tail and since are done with: from now on, after the last
                    // line read (or the whole run when none was).
                    params.tail_lines = None;
                    if dedup.last.is_some() {
                        params.since_seconds = None;
                        params.since_time = dedup.resume_from();
                    }
                }
            }
            match self.now(&tx).await {
                RunNow::Running => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                RunNow::Stopped => {
                    last_read = true;
                    params.follow = false;
                }
                RunNow::Restarted => {
                    let rest = LogParams {
                        follow: false,
                        previous: true,
                        tail_lines: None,
                        ..params.clone()
                    };
                    self.read_previous(rest, &mut dedup, &tx).await;
                    return;
                }
                RunNow::Gone => return,
            }
        }
    }

    /// Reads the previous log (this run's, after a restart) to its end, retrying a refused or
    /// broken request a few times.
    async fn read_previous(
        &self,
        mut params: LogParams,
        dedup: &mut Dedup,
        tx: &mpsc::Sender<Vec<Line>>,
    ) {
        let mut backoff = Backoff::default();
        for _ in 0..5 {
            let (ended, _) = stream_once(
                &self.pods,
                &self.pod,
                &self.container,
                &params,
                dedup,
                false,
                true,
                tx,
            )
            .await;
            if matches!(ended, Ended::Clean | Ended::Closed) {
                return;
            }
            if dedup.last.is_some() {
                params.since_time = dedup.resume_from();
            }
            backoff.wait().await;
        }
    }

    /// Asks the API server where the run is, retrying (with a backoff) while it cannot say.
    async fn now(&self, tx: &mpsc::Sender<Vec<Line>>) -> RunNow {
        let mut backoff = Backoff::default();
        let pod = loop {
            match self.pods.get_opt(&self.pod).await {
                Ok(Some(pod)) => break pod,
                Ok(None) => return RunNow::Gone,
                Err(_) if tx.is_closed() => return RunNow::Gone,
                Err(_) => backoff.wait().await,
            }
        };
        if pod.metadata.uid != self.uid {
            return RunNow::Gone;
        }
        let Some(status) = container_status(&pod, &self.container) else {
            return RunNow::Gone;
        };
        let running = status.state.as_ref().is_some_and(|s| s.running.is_some());
        match status.restart_count {
            n if n == self.restarts && running => RunNow::Running,
            n if n == self.restarts => RunNow::Stopped,
            n if n == self.restarts + 1 => RunNow::Restarted,
            _ => RunNow::Gone,
        }
    }
}

/// 100 ms doubling to 3 s between attempts at something the server refused.
#[derive(Debug, Default)]
struct Backoff {
    next: Option<Duration>,
}

impl Backoff {
    async fn wait(&mut self) {
        let d = self.next.unwrap_or(Duration::from_millis(100));
        tokio::time::sleep(d).await;
        self.next = Some((d * 2).min(Duration::from_secs(3)));
    }

    fn reset(&mut self) {
        self.next = None;
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
