//! The scheduled runs of an app's `cron:` entries, as the cluster has them: the newest Job of
//! each entry (the CronJob controller's, labelled by the chart) and how it went, for `cron list`
//! and `status`; and the pod of an entry's last run, for `logs --cron`.

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::Pod;
use kube::api::ListParams;
use kube::{Api, Client};
use serde::Serialize;

use super::access::AccessError;
use super::names;

/// The label naming the entry of a scheduled run's Job and pod (the chart's `ud.cronLabels`).
pub const LABEL_CRON: &str = "ungleich.ch/cron";
/// The label tying a scheduled run to its app, in place of ArgoCD's tracking label.
pub const LABEL_APP: &str = "ungleich.ch/app";
/// The component label value of scheduled runs.
pub const COMPONENT_CRON: &str = "cron";

/// How an entry's newest run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunResult {
    Running,
    Succeeded,
    Failed,
}

/// An entry's newest run.
#[derive(Debug, Clone, Serialize)]
pub struct LastRun {
    pub job: String,
    pub result: RunResult,
    /// Why it failed, as the Job says (`DeadlineExceeded`, `BackoffLimitExceeded`).
    pub reason: Option<String>,
    pub started: Option<Timestamp>,
    pub finished: Option<Timestamp>,
    /// Seconds from start to end, when it has ended.
    pub duration_seconds: Option<i64>,
}

/// The label selector of an app's scheduled runs, or of one entry's.
#[must_use]
pub fn selector(app: &str, entry: Option<&str>) -> String {
    let mut selector = format!(
        "{LABEL_APP}={app},{}={COMPONENT_CRON}",
        names::LABEL_COMPONENT
    );
    if let Some(entry) = entry {
        selector.push_str(&format!(",{LABEL_CRON}={entry}"));
    }
    selector
}

/// The newest run of each entry that has one, by entry name.
///
/// # Errors
/// When the Jobs cannot be listed.
pub async fn last_runs(
    client: Client,
    app: &str,
    namespace: &str,
) -> Result<BTreeMap<String, LastRun>, AccessError> {
    let jobs: Api<Job> = Api::namespaced(client, namespace);
    let listed = jobs
        .list(&ListParams::default().labels(&selector(app, None)))
        .await
        .map_err(|e| AccessError::from_kube(&e, namespace))?;
    let mut newest: BTreeMap<String, Job> = BTreeMap::new();
    for job in listed.items {
        let Some(entry) = job
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(LABEL_CRON))
            .cloned()
        else {
            continue;
        };
        let created = |j: &Job| j.metadata.creation_timestamp.clone().map(|t| t.0);
        if newest
            .get(&entry)
            .is_none_or(|old| created(old) < created(&job))
        {
            newest.insert(entry, job);
        }
    }
    Ok(newest
        .into_iter()
        .map(|(entry, job)| (entry, last_run(&job)))
        .collect())
}

/// How `job` went, from its status.
#[must_use]
pub fn last_run(job: &Job) -> LastRun {
    let status = job.status.clone().unwrap_or_default();
    let condition = |kind: &str| {
        status
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == kind && c.status == "True")
            .cloned()
    };
    let failed = condition("Failed");
    let result = if failed.is_some() || status.failed.unwrap_or(0) > 0 {
        RunResult::Failed
    } else if condition("Complete").is_some() || status.succeeded.unwrap_or(0) > 0 {
        RunResult::Succeeded
    } else {
        RunResult::Running
    };
    let started = status.start_time.map(|t| t.0);
    let finished = status.completion_time.map(|t| t.0).or_else(|| {
        failed
            .as_ref()
            .and_then(|c| c.last_transition_time.clone())
            .map(|t| t.0)
    });
    LastRun {
        job: job.metadata.name.clone().unwrap_or_default(),
        result,
        reason: failed.and_then(|c| c.reason),
        started,
        finished,
        duration_seconds: started
            .zip(finished)
            .map(|(s, f)| f.as_second() - s.as_second()),
    }
}

/// The newest pod of entry `entry`'s runs (scheduled or run now), for its output.
///
/// # Errors
/// When the pods cannot be listed.
pub async fn last_pod(
    client: Client,
    app: &str,
    entry: &str,
    namespace: &str,
) -> Result<Option<String>, AccessError> {
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let listed = pods
        .list(&ListParams::default().labels(&selector(app, Some(entry))))
        .await
        .map_err(|e| AccessError::from_kube(&e, namespace))?;
    Ok(listed
        .items
        .into_iter()
        .max_by_key(|p| p.metadata.creation_timestamp.clone().map(|t| t.0))
        .and_then(|p| p.metadata.name))
}

/// Why `logs --cron NAME` has nothing to show.
#[derive(Debug, thiserror::Error)]
pub enum CronLogError {
    /// No pod of the entry's runs is left (none yet, or the history limit removed it).
    #[error("no run of cron entry `{entry}` of {app} is left in namespace {namespace}")]
    NoRun {
        entry: String,
        app: String,
        namespace: String,
    },
    #[error(transparent)]
    Access(#[from] AccessError),
}

impl crate::exit::Classify for CronLogError {
    fn exit_code(&self) -> crate::exit::ExitCode {
        match self {
            CronLogError::NoRun { .. } => crate::exit::ExitCode::NotFound,
            CronLogError::Access(e) => e.exit_code(),
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            CronLogError::NoRun { entry, .. } => Some(format!(
                "`ungleich-django cron list` shows when it runs next; `ungleich-django cron run {entry}` runs it now"
            )),
            CronLogError::Access(e) => e.hint(),
        }
    }
}

/// Sends the output of entry `entry`'s newest run, line by line, to `tx`; with `follow`, until it
/// ends. Returns the pod's name.
///
/// # Errors
/// [`CronLogError::NoRun`] when no run's pod is left, or the cluster's failure.
pub async fn last_output(
    client: Client,
    app: &str,
    entry: &str,
    namespace: &str,
    follow: bool,
    tx: tokio::sync::mpsc::Sender<String>,
) -> Result<String, CronLogError> {
    use futures::{AsyncBufReadExt, TryStreamExt};
    let Some(pod) = last_pod(client.clone(), app, entry, namespace).await? else {
        return Err(CronLogError::NoRun {
            entry: entry.to_owned(),
            app: app.to_owned(),
            namespace: namespace.to_owned(),
        });
    };
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    // One container: the scheduled run's `cron`, or a run now's `run`.
    let params = kube::api::LogParams {
        follow,
        ..kube::api::LogParams::default()
    };
    let reader = match pods.log_stream(&pod, &params).await {
        Ok(r) => r,
        // 400: not started yet; nothing written.
        Err(kube::Error::Api(status)) if status.code == 400 => return Ok(pod),
        Err(e) => return Err(AccessError::from_kube(&e, namespace).into()),
    };
    let mut lines = reader.lines();
    while let Ok(Some(line)) = lines.try_next().await {
        if tx.send(format!("{line}\n")).await.is_err() {
            break;
        }
    }
    Ok(pod)
}
