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

mod show;

use show::{show_certificates, show_deployments, show_pods, show_warnings};

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

/// `status --all-envs`: one table of every environment (the same as `environments`), ending
/// with the worst environment's code (`environments::worst_exit_code`), so that CI can gate on
/// every environment at once; `status -e NAME` judges one.
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
    Ok(crate::environments::worst_exit_code(&rows))
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

#[cfg(test)]
mod tests {
    use super::show::sizes;

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
