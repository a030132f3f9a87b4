//! `cron add|remove|list`: scheduled commands as desired state. `add` and `remove` change
//! app.yaml's `cron:` in one commit, pushed and followed like a deploy (ArgoCD syncs the
//! revision and owns the CronJobs); `list` reads the entries, says each schedule in words and
//! when it runs next in the user's time zone; `run NAME` starts a run now from the entry's
//! CronJob with the one-off run's machinery (`oneoff`) and returns its exit code.

use jiff::Zoned;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::cluster::cron::{LastRun, RunResult};
use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::DeployRepo;
use crate::link::LinkFile;
use crate::oneoff;
use crate::spec::cron::{CronComponent, CronEntry, Schedule, cronjob_name};
use crate::spec::{self, AppSpec, SpecError, cron_edit};
use crate::ui::spec_change::Follow;

mod list;
mod run_now;

pub use list::list;
pub use run_now::run_now;

/// How many upcoming runs `list` shows.
const NEXT_RUNS: usize = 3;

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

/// One commit of app.yaml's `cron:` with `edit` (the new text from the old), valid as a whole
/// before it is written, then reported and followed like every day-2 change.
fn change(
    ctx: &Context,
    link: &LinkFile,
    follow: Follow,
    message: &str,
    edit: impl Fn(&str, &std::path::Path) -> anyhow::Result<String>,
) -> anyhow::Result<ExitCode> {
    crate::ui::spec_change::record_and_follow(ctx, link, follow, &mut |root, spec_path| {
        let path = root.join(spec_path);
        let text = std::fs::read_to_string(&path).map_err(|source| SpecError::Read {
            path: path.clone(),
            source,
        })?;
        let new = edit(&text, &path)?;
        AppSpec::parse(&path, &new)?;
        Ok((message.to_owned(), new))
    })
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
