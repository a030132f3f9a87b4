//! One-off runs (`run`, `shell`): a pod made from the live pod template, started, followed to
//! its exit code, and deleted. Never prints, prompts or exits: the command layer does.
//!
//! A bare pod rather than a Job: the CLI is there to read the exit code and deletes the pod
//! itself, so a controller adds nothing but RBAC verbs (batch/jobs) and a second object to
//! watch; `--detach`ed runs stay until `run --list` has shown them finished for a day (each
//! `run` deletes those, see [`prune`]).

pub mod cron;
mod error;
pub mod pod;

use std::time::Duration;

use futures::{AsyncBufReadExt, StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ContainerState, Pod};
use kube::api::{DeleteParams, ListParams, LogParams, PostParams};
use kube::runtime::watcher;
use kube::{Api, Client};
use tokio::sync::mpsc;

pub use error::RunError;

use crate::cluster::diagnose::diagnose;
use crate::cluster::logs::{Dedup, split_timestamp};
use crate::cluster::names;

/// What the opt-in Role of `chart/examples/rbac.yaml` grants beyond the customer Role: the
/// words a refused run quotes.
pub const RBAC_RULES: &str =
    "`create` and `delete` on pods and `create` on pods/attach (apiGroups: [\"\"])";

/// How long a finished, detached run is kept for `logs --run` before a later `run` deletes it.
pub const KEEP_FINISHED: Duration = Duration::from_secs(24 * 3600);

/// The Deployment whose pod template a run copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Web,
    Async,
}

impl Component {
    fn name(self) -> &'static str {
        match self {
            Component::Web => names::COMPONENT_WEB,
            Component::Async => names::COMPONENT_ASYNC,
        }
    }
    fn container(self) -> &'static str {
        match self {
            Component::Web => names::CONTAINER_RUN,
            Component::Async => names::CONTAINER_ASYNC,
        }
    }
}

/// A run to start.
#[derive(Debug, Clone)]
pub struct Request {
    pub app: String,
    pub namespace: String,
    pub component: Component,
    pub command: Vec<String>,
    /// The git identity of who starts it.
    pub who: String,
    pub timeout: Option<Duration>,
    /// Keep stdin open and allocate a terminal.
    pub tty: bool,
    /// Keep stdin open for the one client that sends it (`run -i`), closed when it is done.
    pub stdin: bool,
}

/// A created run.
#[derive(Debug, Clone)]
pub struct Started {
    pub name: String,
    pub image: String,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub exit_code: i32,
}

/// Creates the run's pod from the component's live Deployment. Nothing is created when the
/// command is empty or the component is not deployed.
///
/// # Errors
/// [`RunError::EmptyCommand`], [`RunError::NotDeployed`], [`RunError::ComponentNotEnabled`],
/// [`RunError::Forbidden`] (with the rule to ask for), or the cluster's failure.
pub async fn start(client: Client, req: &Request) -> Result<Started, RunError> {
    if req.command.is_empty() || req.command[0].trim().is_empty() {
        return Err(RunError::EmptyCommand);
    }
    let ns = &req.namespace;
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), ns);
    let name = format!("{}-{}", req.app, req.component.name());
    let deployment = match deployments.get_opt(&name).await {
        Ok(Some(d)) => d,
        Ok(None) => return Err(not_deployed(&deployments, req, name).await),
        Err(e) => return Err(RunError::from_kube(&e, "get", "apps:deployments", ns)),
    };
    let pods: Api<Pod> = Api::namespaced(client, ns);
    let digest = running_digest(&pods, req, &deployment).await?;
    let Some(pod) = pod::from_template(
        &deployment,
        &pod::PodRequest {
            app: &req.app,
            container: req.component.container(),
            command: &req.command,
            who: &req.who,
            timeout: req.timeout,
            digest,
            tty: req.tty,
            stdin: req.stdin,
        },
    ) else {
        return Err(RunError::NotDeployed {
            app: req.app.clone(),
            namespace: ns.clone(),
            deployment: name,
        });
    };
    create(&pods, &pod, ns).await
}

/// Creates the run's pod and says what the API server made of it: its generated name and the
/// image it runs (a digest when one was pinned). Shared by `run` and `cron run`.
pub(crate) async fn create(pods: &Api<Pod>, pod: &Pod, ns: &str) -> Result<Started, RunError> {
    let created = pods
        .create(&PostParams::default(), pod)
        .await
        .map_err(|e| RunError::from_kube(&e, "create", "pods", ns))?;
    let image = created
        .spec
        .as_ref()
        .and_then(|s| s.containers.first())
        .and_then(|c| c.image.clone())
        .unwrap_or_default();
    Ok(Started {
        name: created.metadata.name.unwrap_or_default(),
        image,
    })
}

/// Which of the two "nothing to copy" errors applies: an app whose web Deployment exists has
/// deployed, and only its worker is off.
async fn not_deployed(deployments: &Api<Deployment>, req: &Request, name: String) -> RunError {
    let web = names::web_deployment(&req.app);
    if req.component == Component::Async && matches!(deployments.get_opt(&web).await, Ok(Some(_))) {
        return RunError::ComponentNotEnabled {
            app: req.app.clone(),
            component: req.component.name(),
            namespace: req.namespace.clone(),
            deployment: name,
        };
    }
    RunError::NotDeployed {
        app: req.app.clone(),
        namespace: req.namespace.clone(),
        deployment: name,
    }
}

/// The digest the component's pods run for the template's image, when one reports it.
async fn running_digest(
    pods: &Api<Pod>,
    req: &Request,
    deployment: &Deployment,
) -> Result<Option<String>, RunError> {
    let container = req.component.container();
    let image = deployment
        .spec
        .as_ref()
        .and_then(|s| s.template.spec.as_ref())
        .and_then(|s| s.containers.iter().find(|c| c.name == container))
        .and_then(|c| c.image.clone())
        .unwrap_or_default();
    let selector = names::component_selector(&req.app, req.component.name());
    let listed = pods
        .list(&ListParams::default().labels(&selector))
        .await
        .map_err(|e| RunError::from_kube(&e, "list", "pods", &req.namespace))?;
    Ok(listed
        .items
        .iter()
        .filter_map(|p| p.status.as_ref()?.container_statuses.as_ref())
        .flatten()
        .filter(|s| s.name == container && s.image == image)
        .find_map(|s| pod::digest_of(&s.image_id)))
}

fn run_state(pod: &Pod) -> Option<&ContainerState> {
    pod.status
        .as_ref()?
        .container_statuses
        .as_ref()?
        .iter()
        .find(|c| c.name == pod::CONTAINER)?
        .state
        .as_ref()
}

fn deadline_exceeded(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .is_some_and(|s| s.reason.as_deref() == Some("DeadlineExceeded"))
}

/// Waits until the run's container runs (or has already ended); fails fast with the release's
/// failure classes when it cannot start.
///
/// # Errors
/// [`RunError::CannotStart`] (image pull, configuration, unschedulable),
/// [`RunError::DeadlineExceeded`], [`RunError::Vanished`], or the cluster's failure.
pub async fn wait_started(
    client: Client,
    app: &str,
    namespace: &str,
    name: &str,
) -> Result<(), RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let mut events = watcher::watch_object(pods, name).boxed();
    while let Some(event) = events.next().await {
        let pod = match event {
            Ok(Some(pod)) => pod,
            Ok(None) => {
                return Err(RunError::Vanished {
                    pod: name.to_owned(),
                });
            }
            Err(
                watcher::Error::WatchError(status)
                | watcher::Error::InitialListFailed(kube::Error::Api(status)),
            ) if status.code == 403 => {
                return Err(RunError::Forbidden {
                    verb: "watch",
                    resource: "pods",
                    namespace: namespace.to_owned(),
                    message: status.message,
                });
            }
            Err(_) => continue,
        };
        if run_state(&pod).is_some_and(|s| s.running.is_some() || s.terminated.is_some()) {
            return Ok(());
        }
        if deadline_exceeded(&pod) {
            return Err(RunError::DeadlineExceeded {
                pod: name.to_owned(),
            });
        }
        if let Some(diagnosis) = diagnose(app, &pod) {
            return Err(RunError::CannotStart(diagnosis));
        }
    }
    Err(RunError::Vanished {
        pod: name.to_owned(),
    })
}

/// Sends the run's output, line by line, to `tx` while it runs (from the start), and returns
/// its exit code once it has ended. A dropped stream is resumed without repeating lines.
///
/// # Errors
/// [`RunError::DeadlineExceeded`], [`RunError::Vanished`], or the cluster's failure.
pub async fn follow(
    client: Client,
    namespace: &str,
    name: &str,
    tx: mpsc::Sender<String>,
) -> Result<Ended, RunError> {
    let pods: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let mut events = watcher::watch_object(pods, name).boxed();
    // The log exists once the container has started.
    while let Some(event) = events.next().await {
        match event {
            Ok(Some(pod))
                if run_state(&pod)
                    .is_some_and(|s| s.running.is_some() || s.terminated.is_some()) =>
            {
                break;
            }
            Ok(Some(pod))
                if pod.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Failed") =>
            {
                break;
            }
            Ok(None) => {
                return Err(RunError::Vanished {
                    pod: name.to_owned(),
                });
            }
            _ => {}
        }
    }
    drop(events);
    follow_log(client, namespace, name, tx).await
}

/// What the run has written so far (`logs --run NAME` without `-f`).
///
/// # Errors
/// [`RunError::NoSuchRun`] before its container started, or the cluster's failure.
pub async fn output(
    client: Client,
    namespace: &str,
    name: &str,
    tx: mpsc::Sender<String>,
) -> Result<(), RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let params = LogParams {
        container: Some(pod::CONTAINER.to_owned()),
        ..LogParams::default()
    };
    let reader = match pods.log_stream(name, &params).await {
        Ok(r) => r,
        // 400: not started yet; nothing written.
        Err(kube::Error::Api(status)) if status.code == 400 => return Ok(()),
        Err(e) => return Err(RunError::from_kube(&e, "get", "pods/log", namespace)),
    };
    let mut lines = reader.lines();
    while let Ok(Some(line)) = lines.try_next().await {
        if tx.send(format!("{line}\n")).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// As [`follow`], for a run whose container has started ([`wait_started`]).
///
/// # Errors
/// As [`follow`].
pub async fn follow_log(
    client: Client,
    namespace: &str,
    name: &str,
    tx: mpsc::Sender<String>,
) -> Result<Ended, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let mut dedup = Dedup::default();
    let mut params = LogParams {
        container: Some(pod::CONTAINER.to_owned()),
        follow: true,
        timestamps: true,
        ..LogParams::default()
    };
    let mut cuts = 0u32;
    loop {
        // Whether the stream reached its end (rather than being cut): only then is a
        // terminated container's log complete.
        let mut complete = false;
        cuts += 1;
        let stream = match pods.log_stream(name, &params).await {
            Err(kube::Error::Api(status)) if status.code == 403 => {
                return Err(RunError::Forbidden {
                    verb: "get",
                    resource: "pods/log",
                    namespace: namespace.to_owned(),
                    message: status.message,
                });
            }
            other => other,
        };
        if let Ok(reader) = stream {
            let mut lines = reader.lines();
            loop {
                match lines.try_next().await {
                    Ok(Some(raw)) => {
                        let (_, parsed, text) = split_timestamp(&raw);
                        if dedup.admit(parsed, text) && tx.send(format!("{text}\n")).await.is_err()
                        {
                            break;
                        }
                    }
                    Ok(None) => {
                        complete = true;
                        break;
                    }
                    Err(_) => break,
                }
            }
        }
        let now = match pods.get_opt(name).await {
            Ok(Some(p)) => p,
            Ok(None) => {
                return Err(RunError::Vanished {
                    pod: name.to_owned(),
                });
            }
            Err(e) => return Err(RunError::from_kube(&e, "get", "pods", namespace)),
        };
        if deadline_exceeded(&now) {
            return Err(RunError::DeadlineExceeded {
                pod: name.to_owned(),
            });
        }
        // A cut stream is resumed; a log that keeps failing after the command ended does not
        // hold its exit code back for long.
        if let Some(t) = run_state(&now).and_then(|s| s.terminated.as_ref())
            && (complete || cuts > 20)
        {
            return Ok(Ended {
                exit_code: t.exit_code,
            });
        }
        params.since_time = dedup.resume_from();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Attaches to the run's terminal (a run started with `tty`): stdin, stdout, window size.
///
/// # Errors
/// [`RunError::Forbidden`] without `create` on pods/attach, or the cluster's failure.
pub async fn attach(
    client: Client,
    namespace: &str,
    name: &str,
) -> Result<kube::api::AttachedProcess, RunError> {
    let params = kube::api::AttachParams::interactive_tty().container(pod::CONTAINER);
    attach_with(client, namespace, name, &params).await
}

/// Attaches to the run's stdin only (a run started with `stdin`): its output is read from the
/// log, which holds all of it, where an attach would miss what the command wrote before.
///
/// # Errors
/// [`RunError::Forbidden`] without `create` on pods/attach, or the cluster's failure.
pub async fn attach_stdin(
    client: Client,
    namespace: &str,
    name: &str,
) -> Result<kube::api::AttachedProcess, RunError> {
    let params = kube::api::AttachParams::default()
        .container(pod::CONTAINER)
        .stdin(true)
        .stdout(false)
        .stderr(false);
    attach_with(client, namespace, name, &params).await
}

async fn attach_with(
    client: Client,
    namespace: &str,
    name: &str,
    params: &kube::api::AttachParams,
) -> Result<kube::api::AttachedProcess, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    pods.attach(name, params)
        .await
        .map_err(|e| RunError::from_kube(&e, "create", "pods/attach", namespace))
}

/// True when the run's command has ended (or its pod is gone).
///
/// # Errors
/// When the pod cannot be read.
pub async fn has_ended(client: Client, namespace: &str, name: &str) -> Result<bool, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    match pods.get_opt(name).await {
        Ok(Some(pod)) => Ok(run_state(&pod).is_some_and(|s| s.terminated.is_some())),
        Ok(None) => Ok(true),
        Err(e) => Err(RunError::from_kube(&e, "get", "pods", namespace)),
    }
}

/// Waits until the run's command has ended and returns its exit code (after an attached
/// session, whose end may come a moment before the status says so).
///
/// # Errors
/// [`RunError::DeadlineExceeded`], [`RunError::Vanished`], or the cluster's failure.
pub async fn wait_ended(client: Client, namespace: &str, name: &str) -> Result<Ended, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let mut events = watcher::watch_object(pods, name).boxed();
    while let Some(event) = events.next().await {
        match event {
            Ok(Some(pod)) if deadline_exceeded(&pod) => {
                return Err(RunError::DeadlineExceeded {
                    pod: name.to_owned(),
                });
            }
            Ok(Some(pod)) => {
                if let Some(t) = run_state(&pod).and_then(|s| s.terminated.as_ref()) {
                    return Ok(Ended {
                        exit_code: t.exit_code,
                    });
                }
            }
            Ok(None) => {
                return Err(RunError::Vanished {
                    pod: name.to_owned(),
                });
            }
            Err(_) => {}
        }
    }
    Err(RunError::Vanished {
        pod: name.to_owned(),
    })
}

/// Deletes the run's pod (gone already is fine).
///
/// # Errors
/// When the API server refuses.
pub async fn delete(client: Client, namespace: &str, name: &str) -> Result<(), RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    match pods
        .delete(name, &DeleteParams::default().grace_period(0))
        .await
    {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(()),
        Err(e) => Err(RunError::from_kube(&e, "delete", "pods", namespace)),
    }
}

/// One run, as `run --list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunSummary {
    pub name: String,
    /// `Pending`, `Running`, `Succeeded`, `Failed`.
    pub state: String,
    pub exit_code: Option<i32>,
    pub who: String,
    pub command: Vec<String>,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339, once ended.
    pub finished: Option<String>,
}

fn summary(pod: &Pod) -> RunSummary {
    let annotation = |key: &str| {
        pod.metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(key))
            .cloned()
            .unwrap_or_default()
    };
    let terminated = run_state(pod).and_then(|s| s.terminated.as_ref());
    RunSummary {
        name: pod.metadata.name.clone().unwrap_or_default(),
        state: pod
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Pending".to_owned()),
        exit_code: terminated.map(|t| t.exit_code),
        who: annotation(pod::ANNOTATION_BY),
        command: serde_json::from_str(&annotation(pod::ANNOTATION_COMMAND)).unwrap_or_default(),
        created: pod
            .metadata
            .creation_timestamp
            .as_ref()
            .map(|t| t.0.to_string())
            .unwrap_or_default(),
        finished: terminated
            .and_then(|t| t.finished_at.as_ref())
            .map(|t| t.0.to_string()),
    }
}

/// The app's runs still in the cluster, newest first.
///
/// # Errors
/// When the pods cannot be listed.
pub async fn list(client: Client, app: &str, namespace: &str) -> Result<Vec<RunSummary>, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let mut items = pods
        .list(&ListParams::default().labels(&pod::selector(app)))
        .await
        .map_err(|e| RunError::from_kube(&e, "list", "pods", namespace))?
        .items;
    items.sort_by(|a, b| {
        b.metadata
            .creation_timestamp
            .cmp(&a.metadata.creation_timestamp)
            .then_with(|| a.metadata.name.cmp(&b.metadata.name))
    });
    Ok(items.iter().map(summary).collect())
}

/// Checks that `name` is a run of `app` (for `logs --run`).
///
/// # Errors
/// [`RunError::NoSuchRun`], or the cluster's failure.
pub async fn find(
    client: Client,
    app: &str,
    namespace: &str,
    name: &str,
) -> Result<RunSummary, RunError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let found = pods
        .get_opt(name)
        .await
        .map_err(|e| RunError::from_kube(&e, "get", "pods", namespace))?;
    let is_run = |p: &Pod| {
        p.metadata.labels.as_ref().is_some_and(|l| {
            l.get(pod::LABEL_APP).is_some_and(|a| a == app)
                && l.get(names::LABEL_COMPONENT)
                    .is_some_and(|c| c == pod::COMPONENT_RUN)
        })
    };
    match found {
        Some(p) if is_run(&p) => Ok(summary(&p)),
        _ => Err(RunError::NoSuchRun {
            name: name.to_owned(),
            app: app.to_owned(),
            namespace: namespace.to_owned(),
        }),
    }
}

/// Deletes the app's runs that finished more than [`KEEP_FINISHED`] ago (detached runs nobody
/// deleted); best effort, returns how many went.
pub async fn prune(client: Client, app: &str, namespace: &str) -> usize {
    let Ok(runs) = list(client.clone(), app, namespace).await else {
        return 0;
    };
    let now = jiff::Timestamp::now();
    let mut pruned = 0;
    for run in runs {
        let old = run
            .finished
            .as_deref()
            .and_then(|f| f.parse::<jiff::Timestamp>().ok())
            .is_some_and(|f| now.duration_since(f).as_secs() > KEEP_FINISHED.as_secs() as i64);
        if old && delete(client.clone(), namespace, &run.name).await.is_ok() {
            pruned += 1;
        }
    }
    pruned
}
