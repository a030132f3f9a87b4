//! Following a release: ArgoCD refresh and sync to the pushed commit (`sync`), then the rollout
//! of web and async until kubectl's rollout-complete holds (`rollout`), with the first new web
//! pod's `/init` log live (`init_log`). Fails the moment a new pod shows a diagnosis, with the
//! log lines that explain it (`explain`). Reports through [`Observer`], never prints.

mod explain;
mod init_log;
pub(crate) mod pods;
mod rollout;
mod sync;

use std::time::Duration;

use kube::Client;
use kube::api::{Api, ListParams};

use crate::cluster::access::AccessError;
use crate::cluster::events::{self, Warning};
use crate::cluster::names;
use crate::exit::ExitCode;

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

impl Plan {
    /// The components whose Deployments must roll out, web first.
    fn components(&self) -> Vec<&'static str> {
        let mut components = vec![names::COMPONENT_WEB];
        if self.async_worker {
            components.push(names::COMPONENT_ASYNC);
        }
        components
    }
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

/// One line a container logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub pod: String,
    pub container: String,
    pub line: String,
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
    Log { stage: Stage, log: LogLine },
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
    /// Log lines that explain it, not yet shown.
    pub log: Vec<LogLine>,
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
        follow_stages(client.clone(), plan, since, observer),
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

async fn follow_stages(
    client: Client,
    plan: &Plan,
    since: jiff::Timestamp,
    observer: &mut dyn Observer,
) -> Result<Outcome, AccessError> {
    let deployments: Api<k8s_openapi::api::apps::v1::Deployment> =
        Api::namespaced(client.clone(), &plan.namespace);
    // One plain request first: access problems become errors with a fix instead of retries.
    deployments
        .list(
            &ListParams::default()
                .labels(&names::app_selector(&plan.app))
                .limit(1),
        )
        .await
        .map_err(|e| AccessError::from_kube(&e, &plan.namespace))?;
    if let Some(failed) = sync::wait_for_sync(client.clone(), plan, observer).await? {
        return Ok(Outcome::Failed(failed));
    }
    rollout::follow_rollout(client, plan, since, observer).await
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
