//! Following a release: ArgoCD refresh and sync to the pushed commit, the first new web pod's
//! `/init` log live, then the rollout of web and async until kubectl's rollout-complete holds.
//! Fails the moment a new pod shows a diagnosis; reports through [`Observer`], never prints.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::Duration;

use futures::{AsyncBufReadExt, StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{ListParams, LogParams};
use kube::runtime::{WatchStreamExt, reflector, watcher};
use kube::{Api, Client};
use tokio::sync::mpsc;

use crate::cluster::access::AccessError;
use crate::cluster::argocd::{self, Sync};
use crate::cluster::diagnose::{self, Diagnosis, Kind};
use crate::cluster::events::{self, Warning};
use crate::cluster::names;
use crate::cluster::rollout::Rollout;
use crate::exit::ExitCode;

/// How often the app's Warning events are read while a rollout is followed.
const WARNING_POLL: Duration = Duration::from_secs(2);

/// What to follow.
#[derive(Debug, Clone)]
pub struct Plan {
    pub app: String,
    pub namespace: String,
    /// The Application's namespace and name, when the app is deployed by ArgoCD.
    pub argocd: Option<(String, String)>,
    /// The deploy repository's URL, to find its source in a multi-source Application.
    pub repo: String,
    /// The pushed commit.
    pub revision: String,
    /// The image app.yaml asks for; the Deployments must carry it before their rollout counts.
    pub image: Option<String>,
    pub async_worker: bool,
    pub timeout: Duration,
}

/// The stages of a release, as `-o json` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Sync,
    Init,
    Rollout,
}

impl Stage {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Sync => "sync",
            Stage::Init => "init",
            Stage::Rollout => "rollout",
        }
    }
}

/// Something to tell the user while following.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A step was reached or skipped: one line.
    Note { stage: Stage, message: String },
    /// The current state of a stage, replacing the previous one (a spinner's message).
    Progress { stage: Stage, message: String },
    /// A Warning event of one of the app's objects, new since the last one shown.
    Warning { stage: Stage, warning: Warning },
    /// A log line of a container.
    Log {
        stage: Stage,
        pod: String,
        container: String,
        line: String,
    },
}

/// Receives the events of a release as they happen; the ui implements it.
pub trait Observer {
    fn event(&mut self, event: Event);
}

/// How a release ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Live,
    Failed(Failed),
}

/// A release that is not going to become live, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub code: ExitCode,
    /// `migration-failed`, `image-pull`, ..., `timeout`.
    pub result: &'static str,
    pub message: String,
    pub hint: String,
    /// Log lines that explain it (pod, container, line), not yet shown.
    pub log: Vec<(String, String, String)>,
}

/// Follows `plan` until the release is live or has failed.
///
/// # Errors
/// When the API server cannot be used (unreachable, credentials, namespace).
pub async fn follow(
    client: Client,
    plan: &Plan,
    observer: &mut dyn Observer,
) -> Result<Outcome, AccessError> {
    // Warnings of the previous release are no explanation of this one; a minute of slack
    // keeps those of a stuck rollout that `deploy` (no --image) follows again.
    let since = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(60);
    match tokio::time::timeout(
        plan.timeout,
        follow_inner(client.clone(), plan, since, observer),
    )
    .await
    {
        Ok(outcome) => outcome,
        Err(_) => Ok(Outcome::Failed(Failed {
            code: ExitCode::Timeout,
            result: "timeout",
            message: format!(
                "the release was not live within {}{}",
                humanize(plan.timeout),
                newest_warning(client, plan, since).await
            ),
            hint: "follow it again with `ungleich-django deploy` (no --image) or look with `ungleich-django status`; raise --timeout for slow migrations".to_owned(),
            log: Vec::new(),
        })),
    }
}

fn humanize(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 && s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

/// `; the newest warning: FailedMount on pod/...: ...`, or nothing: what the cluster said about a
/// rollout that pod and container statuses cannot explain (a volume, a quota, the scheduler).
async fn newest_warning(client: Client, plan: &Plan, since: jiff::Timestamp) -> String {
    let read = events::warnings(client, &plan.namespace, &plan.app, Some(since));
    match tokio::time::timeout(Duration::from_secs(3), read).await {
        Ok(Ok(warnings)) => warnings
            .first()
            .map(|w| format!("; the newest warning: {}", w.describe()))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

async fn follow_inner(
    client: Client,
    plan: &Plan,
    since: jiff::Timestamp,
    observer: &mut dyn Observer,
) -> Result<Outcome, AccessError> {
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), &plan.namespace);
    // One plain request first: access problems become errors with a fix instead of retries.
    deployments
        .list(
            &ListParams::default()
                .labels(&names::app_selector(&plan.app))
                .limit(1),
        )
        .await
        .map_err(|e| AccessError::from_kube(&e, &plan.namespace))?;
    if let Some(failed) = wait_for_sync(client.clone(), plan, observer).await? {
        return Ok(Outcome::Failed(failed));
    }
    follow_rollout(client, plan, since, observer).await
}

/// The ArgoCD stage; `Some` when the sync failed.
async fn wait_for_sync(
    client: Client,
    plan: &Plan,
    observer: &mut dyn Observer,
) -> Result<Option<Failed>, AccessError> {
    let note = |observer: &mut dyn Observer, message: String| {
        observer.event(Event::Note {
            stage: Stage::Sync,
            message,
        });
    };
    let Some((ns, name)) = &plan.argocd else {
        note(
            observer,
            "no ArgoCD Application in ungleich-django.yaml: following the Deployments directly"
                .to_owned(),
        );
        return Ok(None);
    };
    let api = argocd::api(client, ns);
    match api.get(name).await {
        Ok(_) => {}
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
            return Ok(None);
        }
        Err(e) => return Err(AccessError::from_kube(&e, ns)),
    }
    if argocd::refresh(&api, name).await.is_err() {
        observer.event(Event::Note {
            stage: Stage::Sync,
            message: "cannot ask ArgoCD to refresh (no patch right): waiting for its next poll"
                .to_owned(),
        });
    }
    let short = &plan.revision[..plan.revision.len().min(7)];
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
                    &revision[..revision.len().min(7)]
                ),
            }),
        }
    }
    Ok(None)
}

/// A log stream's output, through a channel into the follow loop.
enum LogMsg {
    Line {
        pod: String,
        container: String,
        line: String,
    },
    End,
}

async fn follow_rollout(
    client: Client,
    plan: &Plan,
    since: jiff::Timestamp,
    observer: &mut dyn Observer,
) -> Result<Outcome, AccessError> {
    let selector = names::app_selector(&plan.app);
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), &plan.namespace);
    let pods: Api<Pod> = Api::namespaced(client.clone(), &plan.namespace);
    let (dep_store, dep_writer) = reflector::store();
    let (pod_store, pod_writer) = reflector::store();
    let config = watcher::Config::default().labels(&selector);
    let dep_events = reflector(dep_writer, watcher(deployments, config.clone()).boxed())
        .default_backoff()
        .map(|e| (true, matches!(e, Ok(watcher::Event::InitDone))));
    let pod_events = reflector(pod_writer, watcher(pods.clone(), config).boxed())
        .default_backoff()
        .map(|e| (false, matches!(e, Ok(watcher::Event::InitDone))));
    let mut changes = futures::stream::select(dep_events.boxed(), pod_events.boxed());
    let (log_tx, mut log_rx) = mpsc::unbounded_channel::<LogMsg>();
    let mut init_pod: Option<String> = None;
    let mut init_open = false;
    let mut init_tail: VecDeque<(String, String, String)> = VecDeque::new();
    let mut components = vec![names::COMPONENT_WEB];
    if plan.async_worker {
        components.push(names::COMPONENT_ASYNC);
    }
    let mut last_progress = String::new();
    let (mut deps_listed, mut pods_listed) = (false, false);
    // Events are polled, not watched: a few lists a release, and a namespace's other events
    // never stream through.
    let mut event_poll = tokio::time::interval(WARNING_POLL);
    event_poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut warned: HashSet<(String, String)> = HashSet::new();
    loop {
        tokio::select! {
            _ = event_poll.tick() => {
                // No right to read events (or a hiccup) only costs the explanation.
                if let Ok(warnings) =
                    events::warnings(client.clone(), &plan.namespace, &plan.app, Some(since)).await
                {
                    for w in warnings.iter().rev() {
                        if warned.insert((w.reason.clone(), w.message.clone())) {
                            observer.event(Event::Warning {
                                stage: Stage::Rollout,
                                warning: w.clone(),
                            });
                        }
                    }
                }
                continue;
            }
            change = changes.next() => {
                match change {
                    None => return Err(AccessError::Other("the watch ended".to_owned())),
                    Some((true, true)) => deps_listed = true,
                    Some((false, true)) => pods_listed = true,
                    Some(_) => {}
                }
            }
            Some(msg) = log_rx.recv() => {
                match msg {
                    LogMsg::Line { pod, container, line } => {
                        init_tail.push_back((pod.clone(), container.clone(), line.clone()));
                        if init_tail.len() > 50 { init_tail.pop_front(); }
                        observer.event(Event::Log { stage: Stage::Init, pod, container, line });
                    }
                    LogMsg::End => init_open = false,
                }
                continue;
            }
        }
        // Both stores must have listed once: an empty store before that means nothing.
        // (Tracked from the events, never awaited: the stores fill only while this loop polls.)
        if !(deps_listed && pods_listed) {
            continue;
        }
        let deps: BTreeMap<String, Deployment> = dep_store
            .state()
            .iter()
            .map(|d| (d.metadata.name.clone().unwrap_or_default(), (**d).clone()))
            .collect();
        let all_pods: Vec<Pod> = pod_store.state().iter().map(|p| (**p).clone()).collect();
        let mut waiting = Vec::new();
        let mut complete = true;
        for component in &components {
            let name = format!("{}-{component}", plan.app);
            let Some(dep) = deps.get(&name) else {
                complete = false;
                waiting.push(format!("{name}: waiting for the Deployment to exist"));
                continue;
            };
            let main = main_container(component);
            let template_image = template_image(dep, main);
            if let (Some(want), Some(have)) = (&plan.image, &template_image)
                && want != have
            {
                complete = false;
                waiting.push(format!(
                    "{name}: waiting for the Deployment to carry {want}"
                ));
                continue;
            }
            let fresh: Vec<&Pod> = all_pods
                .iter()
                .filter(|p| is_new_pod(p, dep, component, main, template_image.as_deref()))
                .collect();
            for pod in &fresh {
                if let Some(d) = diagnose::diagnose(&plan.app, pod) {
                    let failed =
                        explain(&pods, d, &mut log_rx, &mut init_tail, init_open, observer).await;
                    return Ok(Outcome::Failed(failed));
                }
            }
            if *component == names::COMPONENT_WEB && init_pod.is_none() {
                let started = fresh.iter().find(|p| init_started(p));
                if let Some(pod) = started {
                    let pod_name = pod.metadata.name.clone().unwrap_or_default();
                    observer.event(Event::Note {
                        stage: Stage::Init,
                        message: format!("/init (migrations) in {pod_name}:"),
                    });
                    init_pod = Some(pod_name.clone());
                    init_open = true;
                    tokio::spawn(stream_init(pods.clone(), pod_name, log_tx.clone()));
                }
            }
            match Rollout::of(dep) {
                Rollout::Complete => waiting.push(Rollout::Complete.describe(&name)),
                Rollout::DeadlineExceeded { message } => {
                    return Ok(Outcome::Failed(Failed {
                        code: ExitCode::ProgressDeadline,
                        result: "progress-deadline",
                        message: format!(
                            "{name} exceeded its progress deadline: {message}{}",
                            newest_warning(client.clone(), plan, since).await
                        ),
                        hint: "look at the pods with `ungleich-django status` and `ungleich-django logs`"
                            .to_owned(),
                        log: Vec::new(),
                    }));
                }
                other => {
                    complete = false;
                    waiting.push(other.describe(&name));
                }
            }
        }
        if complete {
            drain_init(&mut log_rx, init_open, observer).await;
            observer.event(Event::Note {
                stage: Stage::Rollout,
                message: waiting.join(", "),
            });
            return Ok(Outcome::Live);
        }
        let progress = waiting.join(", ");
        if progress != last_progress {
            observer.event(Event::Progress {
                stage: Stage::Rollout,
                message: progress.clone(),
            });
            last_progress = progress;
        }
    }
}

fn main_container(component: &str) -> &'static str {
    if component == names::COMPONENT_WEB {
        names::CONTAINER_RUN
    } else {
        names::CONTAINER_ASYNC
    }
}

fn template_image(dep: &Deployment, container: &str) -> Option<String> {
    dep.spec
        .as_ref()?
        .template
        .spec
        .as_ref()?
        .containers
        .iter()
        .find(|c| c.name == container)
        .and_then(|c| c.image.clone())
}

/// A pod of the Deployment's current template: same component, same image, same secrets
/// revision, and not on its way out.
fn is_new_pod(
    pod: &Pod,
    dep: &Deployment,
    component: &str,
    main: &str,
    image: Option<&str>,
) -> bool {
    let labels = pod.metadata.labels.clone().unwrap_or_default();
    if labels.get(names::LABEL_COMPONENT).map(String::as_str) != Some(component)
        || pod.metadata.deletion_timestamp.is_some()
    {
        return false;
    }
    let pod_image = pod
        .spec
        .as_ref()
        .and_then(|s| s.containers.iter().find(|c| c.name == main))
        .and_then(|c| c.image.as_deref());
    if pod_image != image {
        return false;
    }
    let want = dep
        .spec
        .as_ref()
        .and_then(|s| s.template.metadata.as_ref())
        .and_then(|m| m.annotations.as_ref())
        .and_then(|a| a.get(names::ANNOTATION_SECRETS_REVISION));
    let have = pod
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(names::ANNOTATION_SECRETS_REVISION));
    want.is_none() || want == have
}

/// The init container has a log to read: it runs or has run.
fn init_started(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.init_container_statuses.as_ref())
        .and_then(|l| l.iter().find(|c| c.name == names::CONTAINER_INIT))
        .and_then(|c| c.state.as_ref())
        .is_some_and(|s| s.running.is_some() || s.terminated.is_some())
}

async fn stream_init(pods: Api<Pod>, pod: String, tx: mpsc::UnboundedSender<LogMsg>) {
    let params = LogParams {
        container: Some(names::CONTAINER_INIT.to_owned()),
        follow: true,
        ..LogParams::default()
    };
    if let Ok(reader) = pods.log_stream(&pod, &params).await {
        let mut lines = reader.lines();
        while let Ok(Some(line)) = lines.try_next().await {
            let msg = LogMsg::Line {
                pod: pod.clone(),
                container: names::CONTAINER_INIT.to_owned(),
                line,
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(LogMsg::End);
}

/// Shows what is left of the init log (its stream ends when the container does).
async fn drain_init(
    rx: &mut mpsc::UnboundedReceiver<LogMsg>,
    mut open: bool,
    observer: &mut dyn Observer,
) -> Vec<(String, String, String)> {
    let mut shown = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_millis(1500);
    loop {
        let next = if open {
            tokio::time::timeout_at(deadline, rx.recv())
                .await
                .ok()
                .flatten()
        } else {
            rx.try_recv().ok()
        };
        match next {
            Some(LogMsg::Line {
                pod,
                container,
                line,
            }) => {
                shown.push((pod.clone(), container.clone(), line.clone()));
                observer.event(Event::Log {
                    stage: Stage::Init,
                    pod,
                    container,
                    line,
                });
            }
            Some(LogMsg::End) => open = false,
            None => return shown,
        }
    }
}

/// The failure for a diagnosis, with the log lines that explain it.
async fn explain(
    pods: &Api<Pod>,
    d: Diagnosis,
    rx: &mut mpsc::UnboundedReceiver<LogMsg>,
    tail: &mut VecDeque<(String, String, String)>,
    init_open: bool,
    observer: &mut dyn Observer,
) -> Failed {
    let mut log = Vec::new();
    match d.kind {
        Kind::MigrationFailed => {
            let streamed: Vec<_> = tail.iter().filter(|(p, ..)| *p == d.pod).cloned().collect();
            let more = drain_init(rx, init_open, observer).await;
            if streamed.is_empty() && more.is_empty() {
                // It failed before we could watch it run: show its end now.
                log = fetch_tail(pods, &d.pod, names::CONTAINER_INIT, false, 50).await;
            }
        }
        Kind::CrashLoop => {
            let container = d.container.clone().unwrap_or_default();
            log = fetch_tail(pods, &d.pod, &container, true, 20).await;
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

async fn fetch_tail(
    pods: &Api<Pod>,
    pod: &str,
    container: &str,
    previous: bool,
    lines: i64,
) -> Vec<(String, String, String)> {
    let params = LogParams {
        container: Some(container.to_owned()),
        previous,
        tail_lines: Some(lines),
        ..LogParams::default()
    };
    match pods.logs(pod, &params).await {
        Ok(text) => text
            .lines()
            .map(|l| (pod.to_owned(), container.to_owned(), l.to_owned()))
            .collect(),
        Err(_) => Vec::new(),
    }
}
