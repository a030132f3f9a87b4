//! Why a one-off run could not be made, started or followed, each with its exit code and fix.

use crate::cluster::access::AccessError;
use crate::cluster::diagnose::Diagnosis;
use crate::exit::{Classify, ExitCode};

/// A one-off run failed before its command could decide the exit code.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `run` without a command.
    #[error(
        "no command to run: give it after `--`, e.g. `ungleich-django run -- python manage.py migrate`"
    )]
    EmptyCommand,
    /// The component's Deployment does not exist: nothing has been deployed yet.
    #[error(
        "{app} is not deployed in namespace {namespace}: there is no Deployment {deployment} to copy the environment from"
    )]
    NotDeployed {
        app: String,
        namespace: String,
        deployment: String,
    },
    /// `--component async` while the app has no worker.
    #[error(
        "the {component} component of {app} is not enabled: there is no Deployment {deployment} in namespace {namespace}"
    )]
    ComponentNotEnabled {
        app: String,
        component: &'static str,
        namespace: String,
        deployment: String,
    },
    /// `cron run NAME` of an entry the cluster has no CronJob for.
    #[error("there is no CronJob {cronjob} in namespace {namespace} to run `{name}` from")]
    NoCronJob {
        name: String,
        cronjob: String,
        namespace: String,
    },
    /// The API server refused one of the requests a run needs (RBAC).
    #[error("cannot {verb} {resource} in namespace {namespace}: {message}")]
    Forbidden {
        verb: &'static str,
        resource: &'static str,
        namespace: String,
        message: String,
    },
    /// The pod will not start: image pull, configuration, scheduling.
    #[error("the one-off pod {} cannot start: {}", .0.pod, .0.message)]
    CannotStart(Diagnosis),
    /// `--timeout` passed (the pod's `activeDeadlineSeconds`) before the command ended.
    #[error("the command in pod {pod} did not end within --timeout and was stopped")]
    DeadlineExceeded { pod: String },
    /// The pod went away before its command ended (deleted by someone, node lost).
    #[error("the one-off pod {pod} disappeared before its command ended")]
    Vanished { pod: String },
    /// `logs --run NAME` of something that is not a run of this app.
    #[error("there is no run {name} of {app} in namespace {namespace}")]
    NoSuchRun {
        name: String,
        app: String,
        namespace: String,
    },
    /// Any other failure to use the cluster.
    #[error(transparent)]
    Access(#[from] AccessError),
}

impl RunError {
    /// Classifies a kube error met while doing `verb` on `resource`: a 403 becomes
    /// [`RunError::Forbidden`], which names the rule to ask for.
    #[must_use]
    pub fn from_kube(
        err: &kube::Error,
        verb: &'static str,
        resource: &'static str,
        namespace: &str,
    ) -> Self {
        match err {
            kube::Error::Api(status) if status.code == 403 => RunError::Forbidden {
                verb,
                resource,
                namespace: namespace.to_owned(),
                message: status.message.clone(),
            },
            other => RunError::Access(AccessError::from_kube(other, namespace)),
        }
    }
}

impl Classify for RunError {
    fn exit_code(&self) -> ExitCode {
        match self {
            RunError::EmptyCommand
            | RunError::NotDeployed { .. }
            | RunError::ComponentNotEnabled { .. }
            | RunError::NoSuchRun { .. }
            | RunError::NoCronJob { .. } => ExitCode::InvalidInput,
            RunError::Forbidden { .. } => ExitCode::ClusterAccess,
            RunError::CannotStart(d) => d.kind.exit_code(),
            RunError::DeadlineExceeded { .. } => ExitCode::Timeout,
            RunError::Vanished { .. } => ExitCode::Failure,
            RunError::Access(e) => e.exit_code(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            RunError::EmptyCommand => None,
            RunError::NotDeployed { .. } => Some(
                "deploy the app first (`ungleich-django deploy`), or check the namespace in ungleich-django.yaml or -n".to_owned(),
            ),
            RunError::ComponentNotEnabled { .. } => Some(
                "run with --component web, or enable the worker (`async: true` in app.yaml) and deploy".to_owned(),
            ),
            RunError::Forbidden {
                verb,
                resource,
                namespace,
                ..
            } => {
                let (group, resource) = resource.split_once(':').unwrap_or(("", resource));
                let role = if matches!((*verb, resource), ("create" | "delete", "pods" | "pods/attach")) {
                    format!(
                        "the opt-in Role ungleich-django-runs of chart/examples/rbac.yaml, which grants {}",
                        super::RBAC_RULES
                    )
                } else {
                    "the customer Role ungleich-django-customer of chart/examples/rbac.yaml, which grants the reads".to_owned()
                };
                Some(format!(
                    "your kube identity needs `{verb}` on {resource} (apiGroups: [\"{group}\"]) in namespace {namespace}: ask the hoster for {role}"
                ))
            }
            RunError::NoCronJob { name, .. } => Some(format!(
                "`ungleich-django cron list` shows app.yaml's entries; after `ungleich-django cron add {name} ...` ArgoCD must have synced the change"
            )),
            RunError::CannotStart(d) => Some(d.hint.clone()),
            RunError::DeadlineExceeded { pod } => Some(format!(
                "raise --timeout, or start it with --detach and read it with `ungleich-django logs --run {pod}`"
            )),
            RunError::Vanished { .. } => {
                Some("see what the cluster says with `ungleich-django run --list`".to_owned())
            }
            RunError::NoSuchRun { .. } => {
                Some("list the recent runs with `ungleich-django run --list`".to_owned())
            }
            RunError::Access(e) => e.hint(),
        }
    }
}
