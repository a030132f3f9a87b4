//! The release as the user sees it, shared by `deploy` and `rollback`: the report of what was
//! committed and pushed, then the release followed live (a spinner or plain lines for people,
//! JSON lines for CI) until it is live or has failed. The following itself is
//! `cluster::release`; this module renders its events and its outcome.

use std::io;
use std::time::Duration;

use serde::Serialize;

use super::{Printer, Progress};
use crate::cluster::events::Warning;
use crate::cluster::release::{self, Event, Failed, LogLine, Observer, Outcome, Plan};
use crate::cluster::verdict::short_image;
use crate::cluster::{ClusterTarget, access, argocd, status};
use crate::exit::{Classify, ExitCode, Failure};
use crate::gitops::Recorded;
use crate::link::Link;
use crate::spec::AppSpec;
use crate::spec::history::{self, PastDeploy};

/// What `-o json` prints for a recorded deploy or rollback.
#[derive(Debug, Serialize)]
struct Deployed<'a> {
    app: &'a str,
    image: &'a str,
    revision: String,
    changed: bool,
    pushed: bool,
}

/// Tells what a deploy or rollback of `image` recorded in the deploy repository: whether it
/// changed anything, and whether it is on the server now.
///
/// # Errors
/// When stdout cannot be written.
pub fn report_recorded(
    printer: &Printer,
    link: &Link,
    image: &str,
    recorded: &Recorded,
) -> io::Result<()> {
    let revision = recorded.revision.to_string();
    if printer.is_json() {
        return printer.json(&Deployed {
            app: &link.app,
            image,
            revision,
            changed: recorded.changed,
            pushed: recorded.pushed,
        });
    }
    if recorded.pushed && recorded.attempts == 0 {
        // No edit was asked for (`deploy` without an image): say where the branch is.
        printer.info(format!(
            "{} is at {image} on {}",
            link.app, link.deploy.branch
        ));
    } else if !recorded.changed && recorded.pushed {
        // Nothing was committed, so "✓ pushed" would claim work that was not done.
        printer.info(format!(
            "app.yaml already has {image}: nothing new to commit; {} on the server has it",
            link.deploy.branch
        ));
    } else if !recorded.changed {
        printer.info(format!(
            "app.yaml already has {image}: nothing new to commit"
        ));
    } else if recorded.pushed {
        // Pushed is not running: following the release is what says when it runs.
        printer.success(format!(
            "pushed {image} for {} to {}",
            link.app, link.deploy.branch
        ));
    } else {
        printer.warn(format!(
            "committed locally only: the deploy repository has no `origin` with {} checked out to push to",
            link.deploy.branch
        ));
    }
    printer.data(format!("revision {revision}"))
}

/// How long asking ArgoCD to refresh may take after a push that is not followed: the push is
/// done, so a slow cluster must not hold the command.
const REFRESH_TIMEOUT: Duration = Duration::from_secs(10);

/// After a push that is not followed (`--no-wait`): asks ArgoCD to refresh, so that it syncs the
/// pushed commit now rather than at its next poll, and says so; when it cannot, warns and says
/// when ArgoCD will notice instead (without a kubeconfig, only under `-v`). Never fails: the
/// push it belongs to is done.
pub async fn request_refresh(printer: Printer, target: &ClusterTarget, link: &Link) {
    let (namespace, name) = link.argocd_application();
    let asked = tokio::time::timeout(
        REFRESH_TIMEOUT,
        argocd::request_refresh(target, &namespace, &name),
    )
    .await;
    match asked {
        Ok(Ok(())) => printer.info(format!(
            "asked ArgoCD ({namespace}/{name}) to sync it now"
        )),
        // No kubeconfig at all is a push-only setup (CI with git credentials alone): ArgoCD's
        // poll is what it relies on, so do not warn on every deploy.
        Ok(Err(e @ argocd::RefreshError::Cluster(crate::cluster::ClusterError::Kubeconfig { .. }))) => {
            printer.debug(format!(
                "not asking ArgoCD to refresh ({e}): it syncs at its next poll, within about three minutes"
            ));
        }
        Ok(Err(e)) => printer.warn(format!(
            "cannot ask ArgoCD to sync it now ({e}): it syncs at its next poll, within about three minutes"
        )),
        Err(_) => printer.warn(format!(
            "ArgoCD ({namespace}/{name}) did not answer the refresh request within {}s: it syncs at its next poll, within about three minutes",
            REFRESH_TIMEOUT.as_secs()
        )),
    }
}

/// Before a push that will be followed: whether the cluster can be used. Without this check a
/// missing kubeconfig or an unreachable server showed only after the push, leaving a release
/// nobody follows and an error that did not say it was pushed.
///
/// # Errors
/// The cluster's problem, with its exit code and hint, saying nothing was pushed.
pub async fn check_cluster(target: &ClusterTarget) -> Result<(), Failure> {
    fn nothing_pushed(problem: &(impl Classify + std::fmt::Display)) -> Failure {
        let mut hint = problem.hint().map(|h| format!("{h}; ")).unwrap_or_default();
        hint.push_str(
            "nothing was committed or pushed: following the release needs the cluster (`--no-wait` pushes without following)",
        );
        Failure::new(problem.exit_code(), problem.to_string()).hint(hint)
    }
    let (client, namespace) = crate::cluster::connect(target)
        .await
        .map_err(|e| nothing_pushed(&e))?;
    access::check(client, &namespace)
        .await
        .map_err(|e| nothing_pushed(&e))
}

/// What to follow: the app as pushed, and the deploy repository's commit that carries it.
#[derive(Debug, Clone)]
pub struct Release<'a> {
    /// The link file (app name, ArgoCD Application, deploy repository).
    pub link: &'a Link,
    /// The app spec as pushed.
    pub spec: &'a AppSpec,
    /// The pushed commit of the deploy repository.
    pub revision: String,
    /// Give up after this long.
    pub timeout: Duration,
    /// The deploys app.yaml's history records, newest first (this one included): where a
    /// failed release finds the deploy that brings back what serves.
    pub deploys: Vec<PastDeploy>,
}

impl Release<'_> {
    fn plan(&self, namespace: String) -> Plan {
        Plan {
            app: self.link.app.clone(),
            namespace,
            argocd: Some(self.link.argocd_application()),
            repo: self.link.deploy.repo.clone(),
            revision: self.revision.clone(),
            image: self.spec.image.clone(),
            async_worker: self.spec.async_worker,
            timeout: self.timeout,
        }
    }

    /// The revision as people read it.
    fn short_revision(&self) -> &str {
        crate::gitops::short_id(&self.revision)
    }
}

/// Follows `release` on the cluster `target` names until it is live or has failed, showing it
/// as it goes, and returns the exit code that says which. Ctrl-C stops watching, not the
/// release.
///
/// # Errors
/// When the cluster cannot be used, and for a failed or interrupted release (classified by its
/// exit code).
pub async fn follow(
    printer: Printer,
    target: &ClusterTarget,
    release: &Release<'_>,
) -> anyhow::Result<ExitCode> {
    let mut view = ReleaseView {
        printer,
        progress: None,
    };
    let (client, namespace) = crate::cluster::connect(target).await?;
    let outcome = {
        let plan = release.plan(namespace.clone());
        let following = release::follow(client.clone(), &plan, &mut view);
        // Ctrl-C stops watching, not the release: say so rather than die mid-line.
        tokio::select! {
            outcome = following => Some(outcome?),
            _ = tokio::signal::ctrl_c() => None,
        }
    };
    match outcome {
        None => Err(view.interrupted(release).into()),
        Some(Outcome::Live) => Ok(view.live(release)),
        Some(Outcome::Failed(failed)) => {
            // What serves now is read after the failure: the old pods may be gone already.
            let serving = status::serving_now(client, &namespace, &release.link.app)
                .await
                .unwrap_or_default();
            let aftermath = Aftermath::of(release, serving);
            Err(view.failed(failed, &aftermath).into())
        }
    }
}

/// What a failed release leaves: what serves now, what app.yaml asks for, and the command that
/// brings back what served, so that no failure ends without the way back.
#[derive(Debug, Serialize)]
struct Aftermath {
    serving: Vec<String>,
    desired_image: Option<String>,
    rollback_command: Option<String>,
}

impl Aftermath {
    fn of(release: &Release<'_>, serving: Vec<String>) -> Self {
        let rollback_command = history::undo_target(&release.deploys, &serving).map(|d| {
            format!(
                "ungleich-django rollback {}",
                crate::gitops::command_id(&d.revision)
            )
        });
        Aftermath {
            serving,
            desired_image: release.spec.image.clone(),
            rollback_command,
        }
    }

    /// The lines after the failure's hint.
    fn lines(&self) -> String {
        let desired = self.desired_image.as_deref();
        let serves = if self.serving.is_empty() {
            "nothing serves the app now".to_owned()
        } else {
            let images: Vec<String> = self
                .serving
                .iter()
                .map(|i| short_image(i, desired))
                .collect();
            format!("{} still serves", images.join(", "))
        };
        let undo = match &self.rollback_command {
            Some(cmd) => format!("undo with `{cmd}` (migrations are not reversed)"),
            None => "no earlier deploy to roll back to: push a fixed image".to_owned(),
        };
        format!(
            "  now: {serves}; app.yaml asks for {}\n  {undo}",
            desired.unwrap_or("no image")
        )
    }
}

/// One line of `-o json`.
#[derive(Debug, Serialize)]
struct JsonEvent<'a> {
    stage: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pod: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<&'a Warning>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    aftermath: Option<&'a Aftermath>,
}

impl<'a> JsonEvent<'a> {
    fn stage(stage: &'a str) -> Self {
        JsonEvent {
            stage,
            pod: None,
            container: None,
            line: None,
            message: None,
            warning: None,
            result: None,
            exit_code: None,
            aftermath: None,
        }
    }
}

/// Shows the release: a spinner or plain lines for people, JSON lines for CI.
struct ReleaseView {
    printer: Printer,
    progress: Option<Progress>,
}

impl ReleaseView {
    fn progress(&mut self) -> &mut Progress {
        let printer = self.printer;
        self.progress
            .get_or_insert_with(|| printer.progress("following the release"))
    }

    fn json(&self, event: &JsonEvent<'_>) {
        // A closed stdout is noticed when the result is written.
        let _ = self.printer.json(event);
    }

    fn json_event(&self, event: &Event) {
        match event {
            Event::Note { stage, message } | Event::Progress { stage, message } => {
                self.json(&JsonEvent {
                    message: Some(message),
                    ..JsonEvent::stage(stage.as_str())
                });
            }
            Event::Warning { stage, warning } => self.json(&JsonEvent {
                warning: Some(warning),
                ..JsonEvent::stage(stage.as_str())
            }),
            Event::Log { stage, log } => self.json(&JsonEvent {
                pod: Some(&log.pod),
                container: Some(&log.container),
                line: Some(&log.line),
                ..JsonEvent::stage(stage.as_str())
            }),
        }
    }

    /// `container | line`, the container dimmed.
    fn log_line(&self, log: &LogLine) -> String {
        let prefix = self.printer.palette().dim(format!("{} |", log.container));
        format!("{prefix} {}", log.line)
    }

    fn interrupted(mut self, release: &Release<'_>) -> Failure {
        if let Some(p) = self.progress.take() {
            p.clear();
        }
        Failure::new(
            ExitCode::Interrupted,
            format!(
                "stopped following: revision {} is pushed, and the cluster goes on rolling it out",
                release.short_revision()
            ),
        )
        .hint("follow it again with `ungleich-django deploy` (no --image), or look with `ungleich-django status`")
    }

    fn live(mut self, release: &Release<'_>) -> ExitCode {
        if self.printer.is_json() {
            self.json(&JsonEvent {
                result: Some("live"),
                exit_code: Some(0),
                ..JsonEvent::stage("result")
            });
        }
        // The address is what the user opens next; the revision is what the cluster runs.
        let message = match release.spec.hosts.first() {
            Some(host) => format!(
                "{} {} is live at https://{host} (revision {})",
                self.printer.palette().green("✓"),
                release.link.app,
                release.short_revision()
            ),
            None => format!(
                "{} {} is live at revision {} (app.yaml has no hosts)",
                self.printer.palette().green("✓"),
                release.link.app,
                release.short_revision()
            ),
        };
        match self.progress.take() {
            Some(p) => p.finish(message),
            None => self.printer.info(message),
        }
        ExitCode::Success
    }

    fn failed(mut self, failed: Failed, aftermath: &Aftermath) -> Failure {
        if let Some(p) = self.progress.take() {
            p.clear();
        }
        for log in &failed.log {
            if self.printer.is_json() {
                self.json(&JsonEvent {
                    container: Some(&log.container),
                    line: Some(&log.line),
                    ..JsonEvent::stage("diagnosis")
                });
            } else {
                self.printer.info(self.log_line(log));
            }
        }
        if self.printer.is_json() {
            self.json(&JsonEvent {
                result: Some(failed.result),
                message: Some(&failed.message),
                exit_code: Some(failed.code.code()),
                aftermath: Some(aftermath),
                ..JsonEvent::stage("result")
            });
        }
        Failure::new(failed.code, failed.message).hint(format!(
            "{}\n{}",
            failed.hint,
            aftermath.lines()
        ))
    }
}

impl Observer for ReleaseView {
    fn event(&mut self, event: Event) {
        if self.printer.is_json() {
            self.json_event(&event);
            return;
        }
        match event {
            Event::Note { message, .. } => self.progress().println(message),
            Event::Progress { message, .. } => self.progress().set_message(message),
            Event::Warning { warning, .. } => {
                let label = self.printer.palette().yellow_bold("warning:");
                self.progress()
                    .println(format!("{label} {}", warning.describe()));
            }
            Event::Log { log, .. } => {
                let line = self.log_line(&log);
                self.progress().println(line);
            }
        }
    }
}
