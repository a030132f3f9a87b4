//! `ungleich-django init`: detect the project, ask what detection cannot answer, write the
//! contract scripts, the link file, a Dockerfile where none exists, and `app.yaml` in the deploy
//! repository; then say exactly what to do next.
//!
//! - `answers`: what is asked, and the flags and the existing link file that answer it;
//! - `plan`: what happens to each file (create, keep, update, print), decided before anything is
//!   written;
//! - `write`: the plan carried out, the source files in place and app.yaml as one commit;
//! - `cron_offer`: the scheduled work the project declares, offered as app.yaml `cron:` entries;
//! - `report`: what is told, with the advice (doctor's project findings) and the next steps;
//! - `environment`: `init -e NAME` in a linked project, which adds an environment instead.

mod answers;
mod cron_offer;
mod environment;
mod plan;
mod report;
mod resolve;
mod write;

use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::DeployRepo;
use crate::link::{self, LinkFile};

/// `init`'s settings, from its flags and the global ones.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub app: Option<String>,
    pub namespace: Option<String>,
    pub context: Option<String>,
    pub deploy_repo: Option<String>,
    pub deploy_branch: Option<String>,
    pub deploy_path: Option<String>,
    /// `--async` / `--no-async`; `None` when neither was given.
    pub async_worker: Option<bool>,
    pub hosts: Vec<String>,
    pub image: Option<String>,
    pub dry_run: bool,
    pub force: bool,
    /// `--manage-py`: the project's manage.py, relative to the folder init runs in.
    pub manage_py: Option<String>,
    /// `--server`: the server `/run` execs.
    pub server: Option<String>,
    /// `--app-module`: the `module:callable` `/run` serves.
    pub app_module: Option<String>,
    /// `--worker-command`: the command `/async` execs.
    pub worker_command: Option<String>,
    /// `--no-cron`: add none of the scheduled commands found in the project.
    pub no_cron: bool,
    /// `--argocd-namespace`: the new environment's Application namespace (with `-e` only).
    pub argocd_namespace: Option<String>,
    /// `--argocd-application`: the new environment's Application (with `-e` only).
    pub argocd_application: Option<String>,
}

/// Runs `init`.
///
/// # Errors
/// When the folder is no Django project, an answer is missing or invalid, or a file cannot be
/// written.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    if let Some(name) = environment::other_than_default(ctx) {
        return environment::run(ctx, &settings, &name);
    }
    environment::refuse_environment_flags(&settings)?;
    let root = ctx.cwd.clone();
    let project = resolve::project(ctx, &settings, &root)?;
    // What was found comes before the questions, so that they are answered knowing it.
    if !ctx.printer.is_json() {
        report::tell_project(&ctx.printer, &project);
    }
    let existing = answers::existing_link(ctx, &settings, &root)?;
    let answers = answers::ask(ctx, &settings, &project, &root, existing.link.as_ref())?;
    let paths = answers::choose_paths(ctx, &project)?;
    let (project, image_adds) =
        resolve::verified(ctx, &root, project, answers.async_worker, &paths)?;
    let sources = plan::source_files(
        ctx,
        &settings,
        &root,
        &project,
        &answers,
        &paths,
        existing.rewrite,
    )?;
    let link_file = LinkFile {
        path: root.join(link::FILE_NAME),
        link: answers.link.clone(),
    };
    let mut cron = cron_offer::offer(
        ctx,
        &settings,
        &project,
        &answers.link.app,
        &answers.current_cron,
    )?;
    let spec = plan::app_spec(&answers, &paths, cron.entries())?;
    // The deploy repository is opened (a remote one cloned and brought up to date) before
    // anything is written: when it cannot be used, nothing changes. A dry run opens nothing.
    let mut repo = if settings.dry_run {
        None
    } else {
        Some(DeployRepo::open_or_create(&link_file, ctx.git_auth())?)
    };
    let app_dir = repo.as_ref().map(|r| r.app_dir(&link_file.link));
    let app_yaml = plan::app_yaml(ctx, &settings, &link_file, app_dir.as_deref(), &spec)?;
    cron.settle(&app_yaml.file);
    let deploy = match repo.as_mut() {
        Some(repo) => {
            write::source_files(&root, &sources)?;
            write::app_yaml(repo, &answers.link, &app_yaml.file)?
        }
        None => write::DeployOutcome::unwritten(&answers.link),
    };
    let secrets_stored = app_dir
        .as_deref()
        .is_some_and(|dir| dir.join(crate::seal::sealed_secret::FILE_NAME).is_file());
    let mut warnings = report::advice(&project, answers.async_worker);
    warnings.extend(app_yaml.warning.clone());
    let report = report::Report {
        project: &project,
        files: sources.iter().chain([&app_yaml.file]).collect(),
        link: &answers.link,
        async_worker: answers.async_worker,
        commands: report::Commands::from(&paths),
        warnings: &warnings,
        dry_run: settings.dry_run,
        deploy: &deploy,
        done: report::Done {
            image: answers
                .image
                .as_deref()
                .or(answers.current_image.as_deref()),
            secrets_stored,
        },
        image_adds: &image_adds,
        cron: &cron.offered,
    };
    report::show(ctx, &report)?;
    Ok(ExitCode::Success)
}
