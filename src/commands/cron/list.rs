//! `cron list`: each entry in words, its next runs in the user's time zone, and how its last
//! run went.

use super::*;

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
