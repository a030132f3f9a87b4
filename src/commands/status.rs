//! `status`: what app.yaml asks for against what runs.

use std::io;

use serde::Serialize;

use crate::cluster::events::Warning;
use crate::cluster::status::{self, AppStatus, PodStatus};
use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::DeployRepo;
use crate::spec::{self, AppSpec};
use crate::ui::Printer;

#[derive(Serialize)]
struct Report<'a> {
    app: &'a str,
    namespace: &'a str,
    desired_image: Option<&'a str>,
    pushed_revision: Option<String>,
    hosts: &'a [String],
    #[serde(flatten)]
    cluster: &'a AppStatus,
}

/// Prints the app's status.
///
/// # Errors
/// When there is no link file, app.yaml cannot be read, or the cluster cannot be used.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec = AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?;
    let pushed = repo.resolve_revision("HEAD").ok().map(|o| o.to_string());
    let l = &link.link;
    let argocd = Some(l.argocd_application());
    let (namespace, state) = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&ctx.cluster_target(Some(l))).await?;
        let state = status::read(
            client,
            &namespace,
            &l.app,
            argocd.as_ref().map(|(n, a)| (n.as_str(), a.as_str())),
            &l.deploy.repo,
        )
        .await?;
        anyhow::Ok((namespace, state))
    })??;
    let report = Report {
        app: &l.app,
        namespace: &namespace,
        desired_image: spec.image.as_deref(),
        pushed_revision: pushed,
        hosts: &spec.hosts,
        cluster: &state,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
    } else {
        show(&ctx.printer, &report)?;
    }
    Ok(ExitCode::Success)
}

/// The report for people: one line per fact, then the pods as a table.
fn show(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    let short = |r: &str| crate::gitops::short_id(r).to_owned();
    let state = report.cluster;
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
    p.data("")?;
    show_pods(p, &state.pods)
}

fn show_deployments(p: &Printer, report: &Report<'_>) -> io::Result<()> {
    for d in &report.cluster.deployments {
        let drift = match (&d.image, report.desired_image) {
            (Some(have), Some(want)) if have != want => " (not yet the desired image)",
            _ => "",
        };
        p.data(format!(
            "{:<10} {}/{} ready, {}{}",
            d.name.trim_start_matches(&format!("{}-", report.app)),
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

fn show_pods(p: &Printer, pods: &[PodStatus]) -> io::Result<()> {
    p.data(format!(
        "{:<40} {:<10} {:<6} {:<9} AGE",
        "POD", "COMPONENT", "READY", "RESTARTS"
    ))?;
    for pod in pods {
        p.data(format!(
            "{:<40} {:<10} {:<6} {:<9} {}",
            pod.name,
            pod.component,
            pod.ready,
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
