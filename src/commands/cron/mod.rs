//! `cron add|remove|list`: scheduled commands as desired state. `add` and `remove` change
//! app.yaml's `cron:` in one commit, pushed and followed like a deploy (ArgoCD syncs the
//! revision and owns the CronJobs); `list` reads the entries, says each schedule in words and
//! when it runs next in the user's time zone; `run NAME` starts a run now from the entry's
//! CronJob with the one-off run's machinery (`oneoff`) and returns its exit code.

use std::time::Duration;

use jiff::Zoned;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::cluster::cron::{LastRun, RunResult};
use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange, Recorded};
use crate::link::LinkFile;
use crate::oneoff;
use crate::spec::cron::{CronComponent, CronEntry, Schedule, cronjob_name};
use crate::spec::{self, AppSpec, SpecError, cron_edit, history};
use crate::ui::release::{self, Release};

mod list;
mod run_now;

pub use list::list;
pub use run_now::run_now;

/// How many upcoming runs `list` shows.
const NEXT_RUNS: usize = 3;

/// How far back a failed release looks for the deploy that would undo it.
const HISTORY: usize = 20;

/// `cron add`.
#[derive(Debug, Clone)]
pub struct AddSettings {
    pub entry: CronEntry,
    pub follow: Follow,
}

/// `cron remove`.
#[derive(Debug, Clone)]
pub struct RemoveSettings {
    pub name: String,
    pub follow: Follow,
}

/// Whether and how long to follow the release of the change.
#[derive(Debug, Clone, Copy)]
pub struct Follow {
    pub no_wait: bool,
    pub timeout: Duration,
}

/// Adds an entry: checked before anything is fetched, then one commit.
///
/// # Errors
/// When the entry or the resulting app.yaml is invalid (exit 3), or git or the cluster fails.
pub fn add(ctx: &Context, settings: AddSettings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let entry = settings.entry;
    // The entry alone, before any network traffic: a bad schedule costs no fetch.
    spec::cron::validate_entries(&link.link.app, true, std::slice::from_ref(&entry))
        .map_err(|(field, reason)| invalid(&field.replacen("cron[0].", "", 1), &reason))?;
    let message = format!(
        "cron add {}: {} `{}`",
        entry.name,
        entry.schedule,
        entry.command.join(" ")
    );
    change(ctx, &link, settings.follow, &message, |text, path| {
        if AppSpec::parse(path, text)?
            .cron
            .iter()
            .any(|e| e.name == entry.name)
        {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                format!("app.yaml already has a cron entry `{}`", entry.name),
            )
            .hint(format!(
                "remove it first with `ungleich-django cron remove {}`, or choose another name",
                entry.name
            ))
            .into());
        }
        cron_edit::add_entry(text, &entry).map_err(|reason| edit_error(path, reason))
    })
}

/// Removes an entry by name.
///
/// # Errors
/// When there is no such entry (exit 3), or git or the cluster fails.
pub fn remove(ctx: &Context, settings: RemoveSettings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let name = settings.name;
    let message = format!("cron remove {name}");
    change(
        ctx,
        &link,
        settings.follow,
        &message,
        |text, path| match cron_edit::remove_entry(text, &name)
            .map_err(|reason| edit_error(path, reason))?
        {
            Some(text) => Ok(text),
            None => {
                let spec = AppSpec::parse(path, text)?;
                let names: Vec<&str> = spec.cron.iter().map(|e| e.name.as_str()).collect();
                Err(Failure::new(
                    ExitCode::InvalidInput,
                    format!("app.yaml has no cron entry `{name}`"),
                )
                .hint(if names.is_empty() {
                    "app.yaml has no cron entries".to_owned()
                } else {
                    format!("its entries: {}", names.join(", "))
                })
                .into())
            }
        },
    )
}

/// One commit of app.yaml made by `edit` (text and path in, new text out, checked as a whole
/// spec), pushed, then followed like a deploy.
fn change(
    ctx: &Context,
    link: &LinkFile,
    follow: Follow,
    message: &str,
    edit: impl Fn(&str, &std::path::Path) -> anyhow::Result<String>,
) -> anyhow::Result<ExitCode> {
    let spec_path = spec::path_in_repo(&link.link);
    let mut repo = DeployRepo::open_for_change(link, ctx.git_auth())?;
    let recorded = repo
        .record_with(|root| -> anyhow::Result<(String, Vec<FileChange>)> {
            let path = root.join(&spec_path);
            let text = std::fs::read_to_string(&path).map_err(|source| SpecError::Read {
                path: path.clone(),
                source,
            })?;
            let new = edit(&text, &path)?;
            AppSpec::parse(&path, &new)?;
            Ok((
                message.to_owned(),
                vec![FileChange::Write {
                    path: spec_path.clone(),
                    contents: new.into_bytes(),
                }],
            ))
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    report(ctx, link, message, &recorded)?;
    follow_release(ctx, link, &repo, &spec, &recorded, follow)
}

fn report(
    ctx: &Context,
    link: &LinkFile,
    message: &str,
    recorded: &Recorded,
) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct Changed<'a> {
        app: &'a str,
        change: &'a str,
        revision: String,
        pushed: bool,
    }
    let revision = recorded.revision.to_string();
    if ctx.printer.is_json() {
        ctx.printer.json(&Changed {
            app: &link.link.app,
            change: message,
            revision,
            pushed: recorded.pushed,
        })?;
    } else if recorded.pushed {
        ctx.printer.success(format!(
            "committed and pushed {} ({message})",
            crate::gitops::short_id(&revision)
        ));
    } else {
        ctx.printer.success(format!(
            "committed {} ({message})",
            crate::gitops::short_id(&revision)
        ));
    }
    Ok(())
}

/// Follows the release of the change as `deploy` does, unless `--no-wait` or there is nothing
/// deployed to follow yet.
fn follow_release(
    ctx: &Context,
    link: &LinkFile,
    repo: &DeployRepo,
    spec: &AppSpec,
    recorded: &Recorded,
    follow: Follow,
) -> anyhow::Result<ExitCode> {
    let target = ctx.cluster_target(Some(&link.link));
    if follow.no_wait || spec.image.is_none() {
        if spec.image.is_none() {
            ctx.printer
                .info("app.yaml has no image yet: the schedule takes effect with the first deploy");
        }
        if recorded.pushed {
            ctx.block_on(release::request_refresh(ctx.printer, &target, &link.link))?;
        }
        return Ok(ExitCode::Success);
    }
    let spec_path = spec::path_in_repo(&link.link);
    let deploys = history::deploys(repo, &spec_path, HISTORY).unwrap_or_default();
    let release = Release {
        link: &link.link,
        spec,
        revision: recorded.revision.to_string(),
        timeout: follow.timeout,
        deploys,
    };
    ctx.block_on(release::follow(ctx.printer, &target, &release))?
}

fn invalid(field: &str, reason: &str) -> Failure {
    Failure::new(
        ExitCode::InvalidInput,
        format!("invalid cron entry: {field}: {reason}"),
    )
    .hint("`ungleich-django schema` describes every field of a cron entry")
}

fn edit_error(path: &std::path::Path, reason: String) -> anyhow::Error {
    SpecError::Edit {
        path: path.to_owned(),
        reason,
    }
    .into()
}
