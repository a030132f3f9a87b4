//! What init tells: the project it found, what happens to each file, the advice (doctor's
//! project findings that are not ok), and the next steps; or all of it as one JSON document.

use serde::Serialize;

use crate::context::Context;
use crate::detect::{self, Interface, Project};
use crate::doctor::{self, Status};
use crate::link::Link;
use crate::scaffold::ImagePaths;
use crate::ui::Printer;

use super::plan::{Action, PlannedFile};
use super::write::DeployOutcome;

/// The whole report: `{"project": ..., "files": [...]}` is an interface other tools read.
#[derive(Debug, Serialize)]
pub(super) struct Report<'a> {
    pub project: &'a Project,
    /// The source files, then app.yaml.
    pub files: Vec<&'a PlannedFile>,
    pub link: &'a Link,
    #[serde(rename = "async")]
    pub async_worker: bool,
    pub commands: Commands<'a>,
    pub warnings: &'a [String],
    pub dry_run: bool,
    pub deploy: &'a DeployOutcome,
    /// Packages `/run` needs that the dependencies lack: the Dockerfile init writes installs them.
    pub image_adds: &'a [String],
    /// The scheduled work found in the project, and what became of each.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub cron: &'a [super::cron_offer::Offered],
    /// What is done already, which the next steps leave out.
    #[serde(skip)]
    pub done: Done<'a>,
}

/// What a re-run finds done: app.yaml names an image, secrets are sealed.
#[derive(Debug, Default)]
pub(super) struct Done<'a> {
    pub image: Option<&'a str>,
    pub secrets_stored: bool,
}

/// Where the image keeps the contract's programs, as app.yaml `commands` records them.
#[derive(Debug, Serialize)]
pub(super) struct Commands<'a> {
    init: &'a str,
    run: &'a str,
    #[serde(rename = "async")]
    async_worker: &'a str,
}

impl<'a> From<&'a ImagePaths> for Commands<'a> {
    fn from(paths: &'a ImagePaths) -> Self {
        Commands {
            init: &paths.init,
            run: &paths.run,
            async_worker: &paths.async_worker,
        }
    }
}

/// What the project should change before it runs well in production: doctor's project findings
/// that are not ok, and the scheduler of a worker that runs in its own pods.
pub(super) fn advice(project: &Project, async_worker: bool) -> Vec<String> {
    doctor::project(project)
        .into_iter()
        .chain(doctor::scheduler(project, async_worker))
        .filter(|f| f.status != Status::Ok)
        .map(|f| match f.fix {
            Some(fix) => format!("{}; fix: {fix}", f.message),
            None => f.message,
        })
        .collect()
}

/// The report as JSON, or told to the person on stderr.
///
/// # Errors
/// When the JSON cannot be written.
pub(super) fn show(ctx: &Context, report: &Report<'_>) -> anyhow::Result<()> {
    if ctx.printer.is_json() {
        ctx.printer.json(report)?;
        return Ok(());
    }
    let pr = &ctx.printer;
    if !report.image_adds.is_empty() {
        pr.info(format!(
            "  {} not among the dependencies: the Dockerfile installs it",
            report.image_adds.join(" and ")
        ));
    }
    tell_files(pr, report);
    super::cron_offer::tell(pr, report.cron, report.dry_run);
    for warning in report.warnings {
        pr.warn(warning);
    }
    if report.dry_run {
        pr.info("\nDry run: nothing was written.");
        return Ok(());
    }
    tell_commit(pr, report.deploy);
    pr.info(format!("\n{}", pr.palette().bold("Next steps:")));
    for (i, step) in next_steps(report).iter().enumerate() {
        pr.info(format!("  {}. {step}", i + 1));
    }
    Ok(())
}

/// What detection found, in two lines.
pub(super) fn tell_project(pr: &Printer, project: &Project) {
    let none = || "none found".to_owned();
    let application = match project.interface {
        Interface::Wsgi => project
            .wsgi_application
            .clone()
            .map_or_else(none, |w| format!("WSGI {w}")),
        Interface::Asgi => project
            .asgi_application
            .clone()
            .map_or_else(none, |a| format!("ASGI {a}")),
    };
    pr.info(format!(
        "Detected Django project: {} (settings {}, {application})",
        project.manage_py,
        project.settings_module.as_deref().unwrap_or("unknown"),
    ));
    pr.info(format!(
        "  server {}, worker {}, {} with {}, Python {}",
        project.server.as_deref().unwrap_or("none"),
        project
            .worker
            .as_ref()
            .map_or_else(none, |w| format!("`{}`", w.command)),
        project
            .package_manager
            .map_or("no package manager", |m| m.name()),
        project.lock_file.as_deref().unwrap_or("no lock file"),
        project
            .python_version
            .as_deref()
            .unwrap_or(detect::DEFAULT_PYTHON),
    ));
}

/// One line per file with what happens to it, and the lines to add to a Dockerfile init keeps.
fn tell_files(pr: &Printer, report: &Report<'_>) {
    let p = pr.palette();
    for file in &report.files {
        let word = match (file.action, report.dry_run) {
            (Action::Create, false) => p.green("created"),
            (Action::Create, true) => p.green("would create"),
            (Action::Update, false) => p.yellow_bold("updated"),
            (Action::Update, true) => p.yellow_bold("would update"),
            (Action::Keep, _) => p.dim("kept"),
            (Action::Print, _) => p.cyan("add by hand"),
        };
        let note = file
            .note
            .as_deref()
            .filter(|_| file.action != Action::Print)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        pr.info(format!("  {word:>12} {}{note}", file.path));
    }
    let Some(file) = report.files.iter().find(|f| f.action == Action::Print) else {
        return;
    };
    pr.info(format!(
        "\nYour {} is yours: add these lines before its CMD/ENTRYPOINT:",
        file.path
    ));
    for line in file.note.as_deref().unwrap_or("").lines() {
        pr.info(format!("    {line}"));
    }
    if report.commands.init != "/init" {
        pr.info(format!(
            "  (the image already uses /init, so init is at {}; app.yaml `commands` records the paths)",
            report.commands.init
        ));
    }
}

/// The commit that added app.yaml, when one was made.
fn tell_commit(pr: &Printer, deploy: &DeployOutcome) {
    let Some(revision) = &deploy.revision else {
        return;
    };
    let short = crate::gitops::short_id(revision);
    if deploy.pushed {
        pr.success(format!(
            "Committed app.yaml ({short}) and pushed it to {}",
            deploy.repository
        ));
    } else {
        pr.success(format!(
            "Committed app.yaml ({short}) in the deploy repository"
        ));
    }
}

/// What to do next, in order: commit and push what init wrote, try the contract locally, build,
/// store the secrets, check, deploy.
fn next_steps(report: &Report<'_>) -> Vec<String> {
    let app = &report.link.app;
    // app.yaml, last, is committed by init itself: only the source files are the person's to commit.
    let sources = report.files.split_last().map_or(&[][..], |(_, s)| s);
    let written: Vec<&str> = sources
        .iter()
        .filter(|f| matches!(f.action, Action::Create | Action::Update))
        .map(|f| f.path.as_str())
        .collect();
    let mut steps = Vec::new();
    if !written.is_empty() {
        steps.push(format!(
            "Commit the new files: git add {} && git commit -m \"Add the ungleich-django contract\"",
            written.join(" ")
        ));
    }
    // Only a commit init made is the person's to push; a re-run that changed nothing has none.
    if report.deploy.revision.is_some() && !report.deploy.pushed {
        if report.link.deploy.repo == "." {
            steps.push("Push this repository: app.yaml is committed in it, and ArgoCD reads it from the server".to_owned());
        } else {
            steps.push(format!(
                "Push the deploy repository ({}) to the server ArgoCD watches",
                report.link.deploy.repo
            ));
        }
    }
    // Seconds here instead of a failed release after an image build, a push and a rollout.
    steps.push(
        "Run the contract here, before any image is built: ungleich-django dev --check (the app's secrets from a dotenv file: --env-file FILE)".to_owned(),
    );
    match report.done.image {
        // Deployed before: the next release is a new tag of the same image.
        Some(image) => steps.push(format!(
            "Build and push a new image, then deploy it: ungleich-django deploy --tag NEW_TAG (app.yaml has {image})"
        )),
        None => steps.push(format!(
            "Build and push the image: docker build -t REGISTRY/{app}:v1 . && docker push REGISTRY/{app}:v1"
        )),
    }
    if !report.done.secrets_stored {
        steps.push("Store the secrets: ungleich-django secret set SECRET_KEY".to_owned());
    }
    steps.push("Check for production: ungleich-django doctor".to_owned());
    if report.done.image.is_none() {
        steps.push(format!(
            "Deploy: ungleich-django deploy --image REGISTRY/{app}:v1"
        ));
    }
    steps
}
