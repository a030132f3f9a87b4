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

/// One entry as `cron list -o json` shows it.
#[derive(Debug, Serialize)]
struct Listed {
    name: String,
    cronjob: String,
    schedule: String,
    /// The schedule in words.
    description: String,
    time_zone: Option<String>,
    component: &'static str,
    command: Vec<String>,
    timeout: Option<String>,
    /// The next runs, RFC 3339 in the user's time zone.
    next_runs: Vec<String>,
    #[serde(skip)]
    next: Vec<jiff::Timestamp>,
    /// The newest run in the cluster; `null` when there is none or the cluster cannot be read.
    last_run: Option<LastRun>,
}

/// Lists the entries of app.yaml with their schedule in words and the next runs, in the user's
/// time zone.
///
/// # Errors
/// When the link file, the deploy repository or app.yaml cannot be read.
pub fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec = AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?;
    let here = TimeZone::system();
    let now = Zoned::now().with_time_zone(here.clone());
    let mut listed: Vec<Listed> = spec
        .cron
        .iter()
        .map(|entry| listed(&link.link.app, entry, &now))
        .collect::<anyhow::Result<_>>()?;
    if !listed.is_empty() {
        // The schedule is app.yaml's; how the runs went is the cluster's, when it can be read.
        let target = ctx.cluster_target(Some(&link.link));
        let runs = ctx.block_on(async {
            let (client, namespace) = crate::cluster::connect(&target).await?;
            anyhow::Ok(crate::cluster::cron::last_runs(client, &link.link.app, &namespace).await?)
        });
        match runs {
            Ok(Ok(mut runs)) => {
                for entry in &mut listed {
                    entry.last_run = runs.remove(&entry.name);
                }
            }
            Ok(Err(e)) | Err(e) => ctx
                .printer
                .warn(format!("cannot read the last runs from the cluster: {e:#}")),
        }
    }
    if ctx.printer.is_json() {
        ctx.printer.json(&listed)?;
        return Ok(ExitCode::Success);
    }
    if listed.is_empty() {
        ctx.printer.info(
            "no cron entries; add one with `ungleich-django cron add NAME SCHEDULE -- CMD...`",
        );
        return Ok(ExitCode::Success);
    }
    for (i, entry) in listed.iter().enumerate() {
        if i > 0 {
            ctx.printer.data("")?;
        }
        let zone = entry
            .time_zone
            .as_deref()
            .map_or_else(String::new, |z| format!(" ({z})"));
        ctx.printer.data(format!(
            "{}  {}{zone}  {}",
            entry.name, entry.schedule, entry.description
        ))?;
        ctx.printer
            .data(format!("  command  {}", entry.command.join(" ")))?;
        if entry.component != CronComponent::Web.as_str() {
            ctx.printer
                .data(format!("  in       {}", entry.component))?;
        }
        if let Some(timeout) = &entry.timeout {
            ctx.printer.data(format!("  timeout  {timeout}"))?;
        }
        let next: Vec<String> = entry
            .next
            .iter()
            .map(|run| spec::cron::show_time(*run, &here))
            .collect();
        ctx.printer
            .data(format!("  next     {}", next.join(", ")))?;
        if let Some(run) = &entry.last_run {
            ctx.printer.data(format!(
                "  last     {}",
                last_run_words(&entry.name, run, &here)
            ))?;
        }
    }
    Ok(ExitCode::Success)
}

/// `succeeded at 2026-12-06 03:00 UTC in 42s`, `FAILED (DeadlineExceeded) ...`, `running since ...`.
fn last_run_words(name: &str, run: &LastRun, here: &TimeZone) -> String {
    let at = |t: Option<jiff::Timestamp>| {
        t.map_or_else(|| "?".to_owned(), |t| spec::cron::show_time(t, here))
    };
    let took = run
        .duration_seconds
        .map_or_else(String::new, |s| format!(" in {s}s"));
    match run.result {
        RunResult::Running => format!("running since {} ({})", at(run.started), run.job),
        RunResult::Succeeded => format!("succeeded at {}{took} ({})", at(run.finished), run.job),
        RunResult::Failed => format!(
            "FAILED{} at {}{took} ({}); its output: `ungleich-django logs --cron {name}`",
            run.reason
                .as_deref()
                .map_or_else(String::new, |r| format!(" ({r})")),
            at(run.finished.or(run.started)),
            run.job
        ),
    }
}

fn listed(app: &str, entry: &CronEntry, now: &Zoned) -> anyhow::Result<Listed> {
    let schedule = Schedule::parse(&entry.schedule).map_err(|r| invalid("schedule", &r))?;
    // Unset: the cluster's zone, which is UTC on ungleich's clusters.
    let zone = match &entry.time_zone {
        Some(zone) => TimeZone::get(zone)?,
        None => TimeZone::UTC,
    };
    let next = schedule.next_runs(now, &zone, NEXT_RUNS);
    Ok(Listed {
        name: entry.name.clone(),
        cronjob: cronjob_name(app, &entry.name),
        schedule: entry.schedule.clone(),
        description: schedule.describe(&entry.schedule),
        time_zone: entry.time_zone.clone(),
        component: entry.component.as_str(),
        command: entry.command.clone(),
        timeout: entry.timeout.clone(),
        next_runs: next
            .iter()
            .map(|run| run.with_time_zone(now.time_zone().clone()).to_string())
            .collect(),
        next: next.iter().map(Zoned::timestamp).collect(),
        last_run: None,
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

/// `cron run NAME`: a run now from the entry's CronJob, its output streamed here and its exit
/// code ours. Not attached to a terminal: a scheduled command runs without one.
///
/// # Errors
/// No such CronJob (exit 3), a pod that cannot start (the release's codes), the cluster's
/// failures.
pub fn run_now(ctx: &Context, name: &str) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    crate::spec::validate_dns_label(name).map_err(|r| invalid("NAME", &r))?;
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    let target = ctx.cluster_target(Some(&link.link));
    let code = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let request = oneoff::cron::CronRequest {
            app: link.link.app.clone(),
            namespace: namespace.clone(),
            entry: name.to_owned(),
            who,
        };
        let started = oneoff::cron::start(client.clone(), &request).await?;
        let pod = started.name.clone();
        ctx.printer.info(format!(
            "started {pod} from {}",
            cronjob_name(&request.app, name)
        ));
        let outcome = stream(ctx, client.clone(), &request, &pod).await;
        // A run now does not outlive us, as a one-off run does not.
        oneoff::delete(client, &namespace, &pod).await?;
        outcome
    })??;
    Ok(ExitCode::of_command(code))
}

/// Waits for the pod, streams its output and returns its exit code (130 on Ctrl-C, which stops
/// it).
async fn stream(
    ctx: &Context,
    client: kube::Client,
    request: &oneoff::cron::CronRequest,
    pod: &str,
) -> anyhow::Result<i32> {
    use std::io::Write as _;
    let namespace = &request.namespace;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    tokio::select! {
        started = oneoff::wait_started(client.clone(), &request.app, namespace, pod) => started?,
        _ = &mut ctrl_c => {
            ctx.printer.info(format!("stopped {pod}"));
            return Ok(i32::from(ExitCode::Interrupted.code()));
        }
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(256);
    let follower = tokio::spawn({
        let (client, namespace, pod) = (client.clone(), namespace.clone(), pod.to_owned());
        async move { oneoff::follow_log(client, &namespace, &pod, tx).await }
    });
    let mut out = std::io::stdout().lock();
    loop {
        tokio::select! {
            chunk = rx.recv() => {
                let Some(chunk) = chunk else { break };
                out.write_all(chunk.as_bytes())?;
                if rx.is_empty() {
                    out.flush()?;
                }
            }
            _ = &mut ctrl_c => {
                out.flush()?;
                follower.abort();
                ctx.printer.info(format!("stopped {pod}"));
                return Ok(i32::from(ExitCode::Interrupted.code()));
            }
        }
    }
    out.flush()?;
    let ended = follower.await??;
    Ok(ended.exit_code)
}
