//! Following a release after a push: shared by `deploy` and `rollback`.

use std::time::Duration;

use serde::Serialize;

use crate::app::Context;
use crate::cluster::events::Warning;
use crate::cluster::release::{self, Event, Observer, Outcome, Plan};
use crate::exit::{ExitCode, Failure};
use crate::link::LinkFile;
use crate::spec::AppSpec;
use crate::ui::{Printer, Progress};

/// What to follow: the app as pushed, and the deploy repository's commit that carries it.
#[derive(Debug, Clone)]
pub struct Release<'a> {
    /// The link file (app name, namespace, ArgoCD Application).
    pub link: &'a LinkFile,
    /// The app spec as pushed.
    pub spec: &'a AppSpec,
    /// The pushed commit of the deploy repository.
    pub revision: String,
    /// Give up after this long.
    pub timeout: Duration,
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
        }
    }
}

/// Shows the release: a spinner or plain lines for people, JSON lines for CI.
struct Show {
    printer: Printer,
    progress: Option<Progress>,
}

impl Show {
    fn progress(&mut self) -> &mut Progress {
        let printer = self.printer;
        self.progress
            .get_or_insert_with(|| printer.progress("following the release"))
    }

    fn json(&self, event: &JsonEvent<'_>) {
        // A closed stdout is noticed when the result is written.
        let _ = self.printer.json(event);
    }
}

impl Observer for Show {
    fn event(&mut self, event: Event) {
        if self.printer.is_json() {
            match &event {
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
                Event::Log {
                    stage,
                    pod,
                    container,
                    line,
                } => self.json(&JsonEvent {
                    pod: Some(pod),
                    container: Some(container),
                    line: Some(line),
                    ..JsonEvent::stage(stage.as_str())
                }),
            }
            return;
        }
        let palette = self.printer.palette();
        match event {
            Event::Note { message, .. } => self.progress().println(message),
            Event::Progress { message, .. } => self.progress().set_message(message),
            Event::Warning { warning, .. } => {
                let label = palette.yellow_bold("warning:");
                self.progress()
                    .println(format!("{label} {}", warning.describe()));
            }
            Event::Log {
                container, line, ..
            } => {
                let prefix = palette.dim(format!("{container} |"));
                self.progress().println(format!("{prefix} {line}"));
            }
        }
    }
}

/// Follows `release` until it is live or has failed, and returns the exit code that says which.
///
/// # Errors
/// When the cluster cannot be used, and for a failed release (classified by its exit code).
pub fn run(ctx: &Context, release: &Release<'_>) -> anyhow::Result<ExitCode> {
    let link = &release.link.link;
    let plan = Plan {
        app: link.app.clone(),
        namespace: String::new(),
        argocd: Some(link.argocd_application()),
        repo: link.deploy.repo.clone(),
        revision: release.revision.clone(),
        image: release.spec.image.clone(),
        async_worker: release.spec.async_worker,
        timeout: release.timeout,
    };
    let mut show = Show {
        printer: ctx.printer,
        progress: None,
    };
    let outcome = ctx.block_on(async {
        let follow = async {
            let (client, namespace) =
                crate::cluster::connect(&ctx.cluster_target(Some(link))).await?;
            let plan = Plan { namespace, ..plan };
            anyhow::Ok(release::follow(client, &plan, &mut show).await?)
        };
        // Ctrl-C stops watching, not the release: say so rather than die mid-line.
        tokio::select! {
            outcome = follow => outcome.map(Some),
            _ = tokio::signal::ctrl_c() => Ok(None),
        }
    })??;
    let progress = show.progress.take();
    let Some(outcome) = outcome else {
        if let Some(p) = progress {
            p.clear();
        }
        return Err(Failure::new(
            ExitCode::Interrupted,
            format!(
                "stopped following: revision {} is pushed, and the cluster goes on rolling it out",
                &release.revision[..release.revision.len().min(7)]
            ),
        )
        .hint("follow it again with `ungleich-django deploy` (no --image), or look with `ungleich-django status`")
        .into());
    };
    match outcome {
        Outcome::Live => {
            if ctx.printer.is_json() {
                show.json(&JsonEvent {
                    result: Some("live"),
                    exit_code: Some(0),
                    ..JsonEvent::stage("result")
                });
            }
            let message = format!(
                "{} {} is live at {}",
                ctx.printer.palette().green("✓"),
                link.app,
                &release.revision[..release.revision.len().min(7)]
            );
            match progress {
                Some(p) => p.finish(message),
                None => ctx.printer.info(message),
            }
            Ok(ExitCode::Success)
        }
        Outcome::Failed(failed) => {
            if let Some(p) = progress {
                p.clear();
            }
            for (_, container, line) in &failed.log {
                if ctx.printer.is_json() {
                    show.json(&JsonEvent {
                        container: Some(container),
                        line: Some(line),
                        ..JsonEvent::stage("diagnosis")
                    });
                } else {
                    let prefix = ctx.printer.palette().dim(format!("{container} |"));
                    ctx.printer.info(format!("{prefix} {line}"));
                }
            }
            if ctx.printer.is_json() {
                show.json(&JsonEvent {
                    result: Some(failed.result),
                    message: Some(&failed.message),
                    exit_code: Some(failed.code.code()),
                    ..JsonEvent::stage("result")
                });
            }
            Err(Failure::new(failed.code, failed.message)
                .hint(failed.hint)
                .into())
        }
    }
}
