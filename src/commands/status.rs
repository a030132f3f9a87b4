//! `status`: what app.yaml asks for against what runs.

use std::io;

use serde::Serialize;

use crate::cluster::certificates::{self, CertState, HostCertificate};
use crate::cluster::cron::{LastRun, RunResult};
use crate::cluster::events::Warning;
use crate::cluster::status::{self, AppStatus, PodStatus};
use crate::cluster::verdict::{Verdict, short_image};
use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::DeployRepo;
use crate::spec::history;
use crate::spec::{self, AppSpec};
use crate::ui::Printer;

/// How far back `status` looks for the deploy that would undo a failed release.
const HISTORY: usize = 20;

#[derive(Serialize)]
struct Report<'a> {
    app: &'a str,
    namespace: &'a str,
    desired_image: Option<&'a str>,
    pushed_revision: Option<String>,
    hosts: &'a [String],
    /// The command that restores what serves now, when the release failed.
    rollback_command: Option<String>,
    /// Each host's certificate state from cert-manager.
    certificates: &'a [HostCertificate],
    #[serde(flatten)]
    cluster: &'a AppStatus,
    /// app.yaml's scheduled commands and how each one's newest run went.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cron: Vec<CronStatus>,
}

/// One `cron:` entry in `status`.
#[derive(Serialize)]
struct CronStatus {
    name: String,
    schedule: String,
    /// `null`: no run yet, or the Jobs cannot be read.
    last_run: Option<LastRun>,
}

/// `status --all-envs`: one table of every environment (the same as `environments`), exit 0;
/// `status -e NAME` judges one environment with its exit code.
///
/// # Errors
/// When there is no link file or it is invalid.
pub fn run_all_envs(ctx: &Context) -> anyhow::Result<ExitCode> {
    let file = crate::link::find(&ctx.cwd)?;
    let rows = ctx.block_on(crate::environments::survey_all(
        &file,
        || ctx.git_auth(),
        |link| ctx.environment_target(link),
    ))??;
    if ctx.printer.is_json() {
        ctx.printer.json(&rows)?;
    } else {
        ctx.printer
            .data(crate::ui::environments::table(&rows).trim_end())?;
    }
    Ok(ExitCode::Success)
}

/// Prints the app's status.
///
/// # Errors
/// When there is no link file, app.yaml cannot be read, or the cluster cannot be used.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec_path = spec::path_in_repo(&link.link);
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    let pushed = repo.resolve_revision("HEAD").ok().map(|o| o.to_string());
    let l = &link.link;
    let argocd = Some(l.argocd_application());
    let (namespace, state, certs, mut runs) = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&ctx.cluster_target(Some(l))).await?;
        let certs = if spec.hosts.is_empty() {
            Vec::new()
        } else {
            certificates::read(client.clone(), &namespace, &spec.hosts).await
        };
        let state = status::read(
            client.clone(),
            &namespace,
            &l.app,
            argocd.as_ref().map(|(n, a)| (n.as_str(), a.as_str())),
            &l.deploy.repo,
            spec.image.as_deref(),
        )
        .await?;
        // A failing schedule is a warning, not the release's verdict; unreadable Jobs leave the
        // entries without a last run.
        let runs = if spec.cron.is_empty() {
            std::collections::BTreeMap::new()
        } else {
            crate::cluster::cron::last_runs(client, &l.app, &namespace)
                .await
                .unwrap_or_default()
        };
        anyhow::Ok((namespace, state, certs, runs))
    })??;
    let cron: Vec<CronStatus> = spec
        .cron
        .iter()
        .map(|entry| CronStatus {
            name: entry.name.clone(),
            schedule: entry.schedule.clone(),
            last_run: runs.remove(&entry.name),
        })
        .collect();
    for entry in &cron {
        if let Some(run) = entry
            .last_run
            .as_ref()
            .filter(|r| r.result == RunResult::Failed)
        {
            ctx.printer.warn(format!(
                "cron entry `{}` failed its last run ({}{}); its output: `ungleich-django logs --cron {}`",
                entry.name,
                run.job,
                run.reason.as_deref().map_or_else(String::new, |r| format!(", {r}")),
                entry.name
            ));
        }
    }
    let rollback_command = match state.verdict {
        Verdict::Failed { .. } => {
            let deploys = history::deploys(&repo, &spec_path, HISTORY).unwrap_or_default();
            history::undo_target(&deploys, &state.serving).map(|d| {
                format!(
                    "ungleich-django rollback {}",
                    crate::gitops::command_id(&d.revision)
                )
            })
        }
        _ => None,
    };
    let report = Report {
        app: &l.app,
        namespace: &namespace,
        desired_image: spec.image.as_deref(),
        pushed_revision: pushed,
        hosts: &spec.hosts,
        rollback_command,
        certificates: &certs,
        cluster: &state,
        cron,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
    } else {
        show(&ctx.printer, &report)?;
    }
    Ok(state.verdict.exit_code())
}

fn short(revision: &str) -> String {
    crate::gitops::short_id(revision).to_owned()
}

/// The first lines: the verdict, and after a failure what broke, what serves, what app.yaml
/// asks for and the command that undoes it, so that this alone tells a newcomer what to do.
fn show_verdict(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    let state = report.cluster;
    let revision = state
        .application
        .as_ref()
        .and_then(|a| a.revision.clone())
        .or_else(|| report.pushed_revision.clone())
        .map(|r| format!(" at {}", short(&r)))
        .unwrap_or_default();
    let desired = report.desired_image;
    let serves: Vec<String> = state
        .serving
        .iter()
        .map(|i| short_image(i, desired))
        .collect();
    let serves = if serves.is_empty() {
        "nothing serves".to_owned()
    } else {
        format!("{} serves", serves.join(", "))
    };
    match &state.verdict {
        Verdict::Live => p.data(format!("live{revision}; {serves}")),
        Verdict::RollingOut { detail } => {
            p.data(format!("rolling out{revision}; {serves}"))?;
            p.data(format!("  {detail}"))
        }
        Verdict::Failed {
            what,
            message,
            hint,
            ..
        } => {
            let still = serves.replace(" serves", " still serves");
            p.data(format!("FAILED ({what}){revision}; {still}"))?;
            p.data(format!("  {message}"))?;
            p.data(format!(
                "  app.yaml asks for {}",
                desired.unwrap_or("no image")
            ))?;
            if let Some(cmd) = &report.rollback_command {
                p.data(format!("  undo with `{cmd}` (migrations are not reversed)"))?;
            }
            p.data(format!("  hint: {hint}"))
        }
        Verdict::NotFound => {
            p.data(format!(
                "NOT FOUND: no Deployment or pod of {} in namespace {}",
                report.app, report.namespace
            ))?;
            p.data("  hint: check the namespace (-n) and --context, or deploy the app first")
        }
    }
}

/// The report for people: the verdict, one line per fact, then the pods as a table.
fn show(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    let state = report.cluster;
    show_verdict(p, report)?;
    p.data("")?;
    p.data(format!(
        "app        {} (namespace {})",
        report.app, report.namespace
    ))?;
    p.data(format!(
        "image      {} (app.yaml)",
        report.desired_image.unwrap_or("none")
    ))?;
    p.data(format!(
        "pushed     {}",
        report
            .pushed_revision
            .as_deref()
            .map_or("none".to_owned(), short)
    ))?;
    match &state.application {
        Some(a) => p.data(format!(
            "argocd     {} at {}, {}",
            a.sync,
            a.revision.as_deref().map_or("?".to_owned(), short),
            a.health
        ))?,
        None => p.data("argocd     not readable or not configured")?,
    }
    show_deployments(p, report)?;
    p.data(format!(
        "init       {}",
        state.last_init.as_deref().unwrap_or("no run seen")
    ))?;
    show_warnings(p, &state.warnings)?;
    p.data(format!(
        "hosts      {}",
        if report.hosts.is_empty() {
            "none".to_owned()
        } else {
            report.hosts.join(", ")
        }
    ))?;
    show_certificates(p, report.certificates)?;
    for entry in &report.cron {
        let last = match &entry.last_run {
            None => "no run yet".to_owned(),
            Some(run) => match run.result {
                RunResult::Running => format!("running ({})", run.job),
                RunResult::Succeeded => format!("last run succeeded ({})", run.job),
                RunResult::Failed => format!("last run FAILED ({})", run.job),
            },
        };
        p.data(format!(
            "cron       {} {}: {last}",
            entry.name, entry.schedule
        ))?;
    }
    p.data("")?;
    show_pods(p, &state.pods, report.desired_image)
}

/// One line per host under `hosts`: its certificate's state, and why it is not ready yet.
fn show_certificates(p: &Printer, certs: &[HostCertificate]) -> io::Result<()> {
    if let Some(unknown) = certs.iter().find(|c| c.state == CertState::Unknown) {
        let reason = unknown.reason.as_deref().unwrap_or("cannot be read");
        return p.data(format!("  certs    unknown: {reason}"));
    }
    for c in certs {
        let detail = c.reason.as_deref().unwrap_or("");
        let line = match c.state {
            CertState::Ready => format!(
                "ready, expires {}",
                c.not_after.as_deref().unwrap_or("(not reported)")
            ),
            CertState::Pending => format!("pending: {detail}"),
            CertState::Missing | CertState::Unknown => format!("none: {detail}"),
        };
        p.data(format!("  cert     {}: {line}", c.host))?;
    }
    Ok(())
}

fn show_deployments(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    for d in &report.cluster.deployments {
        let component = d.name.trim_start_matches(&format!("{}-", report.app));
        let mut drift = match (&d.image, report.desired_image) {
            (Some(have), Some(want)) if have != want => " (not yet the desired image)".to_owned(),
            _ => String::new(),
        };
        // The ready count includes old pods: say which image the ready ones run when it is
        // not the template's, or `1/1 ready, :2` would hide that `:1` serves.
        let ready_images: Vec<String> = report
            .cluster
            .pods
            .iter()
            .filter(|p| p.component == component && p.status == "Running")
            .filter_map(|p| p.image.clone())
            .filter(|i| Some(i) != d.image.as_ref())
            .collect();
        if !ready_images.is_empty() && drift.is_empty() {
            let mut shown: Vec<String> = ready_images
                .iter()
                .map(|i| short_image(i, report.desired_image))
                .collect();
            shown.dedup();
            drift = format!(" (ready pods run {})", shown.join(", "));
        }
        p.data(format!(
            "{:<10} {}/{} ready, {}{}",
            component,
            d.ready,
            d.desired,
            d.image.as_deref().unwrap_or("?"),
            drift,
        ))?;
        p.data(format!("{:<10} {}", "  sizes", sizes(&d.resources)))?;
    }
    Ok(())
}

fn show_warnings(p: &Printer, warnings: &[Warning]) -> io::Result<()> {
    for (i, w) in warnings.iter().enumerate() {
        let ago = w
            .last_seen
            .parse::<jiff::Timestamp>()
            .map(|t| {
                format!(
                    "{} ago ",
                    age((jiff::Timestamp::now() - t).get_seconds().max(0))
                )
            })
            .unwrap_or_default();
        let label = if i == 0 { "warnings" } else { "" };
        p.data(format!("{label:<10} {ago}{}", w.describe()))?;
    }
    Ok(())
}

/// The pods as kubectl lists them, with the image each runs (short next to app.yaml's).
fn show_pods(p: &Printer, pods: &[PodStatus], desired: Option<&str>) -> io::Result<()> {
    let width =
        |f: fn(&PodStatus) -> usize, min: usize| pods.iter().map(f).max().unwrap_or(0).max(min);
    let name_w = width(|p| p.name.len(), 40);
    let status_w = width(|p| p.status.len() + 1, 9);
    p.data(format!(
        "{:<name_w$} {:<10} {:<6} {:<status_w$} {:<9} {:<5} IMAGE",
        "POD", "COMPONENT", "READY", "STATUS", "RESTARTS", "AGE"
    ))?;
    for pod in pods {
        let image = pod
            .image
            .as_deref()
            .map_or_else(|| "?".to_owned(), |i| short_image(i, desired));
        p.data(format!(
            "{:<name_w$} {:<10} {:<6} {:<status_w$} {:<9} {:<5} {image}",
            pod.name,
            pod.component,
            pod.ready,
            pod.status,
            pod.restarts,
            age(pod.age_seconds)
        ))?;
    }
    Ok(())
}

fn age(seconds: i64) -> String {
    match seconds {
        s if s < 120 => format!("{s}s"),
        s if s < 7200 => format!("{}m", s / 60),
        s if s < 172_800 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// The container's resources as the hoster set them: `requests cpu 250m, memory 256Mi; limits
/// memory 512Mi`.
fn sizes(resources: &serde_json::Value) -> String {
    let part = |kind: &str| {
        let values = resources.get(kind)?.as_object()?;
        let items: Vec<String> = values
            .iter()
            .map(|(name, value)| {
                format!(
                    "{name} {}",
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned)
                )
            })
            .collect();
        (!items.is_empty()).then(|| format!("{kind} {}", items.join(", ")))
    };
    let parts: Vec<String> = ["requests", "limits"]
        .into_iter()
        .filter_map(part)
        .collect();
    if parts.is_empty() {
        "none set (the cluster's defaults apply)".to_owned()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::sizes;

    #[test]
    fn sizes_read_like_the_hosters_values() {
        let resources = serde_json::json!({"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}});
        assert_eq!(
            sizes(&resources),
            "requests cpu 250m, memory 256Mi; limits memory 512Mi"
        );
        assert_eq!(
            sizes(&serde_json::Value::Null),
            "none set (the cluster's defaults apply)"
        );
    }
}
