//! `ungleich-django doctor`: every check, grouped, each finding with its fix. Exits 1 when a
//! check fails, 0 when there are only warnings.

use std::path::Path;

use serde::Serialize;

use crate::cluster::sealing_cert::{
    Controller, DEFAULT_CONTROLLER_NAME, DEFAULT_CONTROLLER_NAMESPACE,
};
use crate::context::Context;
use crate::detect;
use crate::doctor::cluster::{Application, ClusterFindings};
use crate::doctor::{self, Finding, Group, Status};
use crate::exit::ExitCode;
use crate::link::LinkFile;
use crate::secrets::CACHE_FILE;

/// `doctor`'s settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Skip the checks that need the cluster.
    pub offline: bool,
    /// The SealedSecrets controller's Service (`--controller-name`, as the secret commands take
    /// it, since doctor's own fixes name that flag), else kubeseal's default.
    pub controller_name: Option<String>,
    /// Its namespace (`--controller-namespace`).
    pub controller_namespace: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    groups: &'a [Group],
    summary: Summary,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    ok: usize,
    warn: usize,
    fail: usize,
}

/// Runs the checks and reports them.
///
/// # Errors
/// When the report cannot be written.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link();
    let root = link
        .as_ref()
        .map_or_else(|_| ctx.cwd.clone(), |l| l.dir().to_owned());
    let deploy = doctor::deploy(link.as_ref(), ctx.git_auth());
    let spec = deploy.spec.clone();
    let mut groups = Vec::new();
    match detect::detect(&root) {
        Ok(project) => {
            groups.push(Group {
                name: "project",
                findings: doctor::project(&project),
            });
            groups.push(Group {
                name: "contract",
                findings: doctor::contract(&root, &project, spec.as_ref()),
            });
        }
        Err(e) => groups.push(Group {
            name: "project",
            findings: vec![Finding::fail(
                "project.django",
                e.to_string(),
                "run doctor in your Django project's repository, or pass -C DIR",
            )],
        }),
    }
    groups.push(Group {
        name: "deploy",
        findings: deploy.findings,
    });
    if let Ok(link) = &link {
        groups.extend(cluster_groups(
            ctx,
            link,
            deploy.app_dir.as_deref(),
            &settings,
        )?);
    }

    let mut summary = Summary::default();
    for finding in groups.iter().flat_map(|g| &g.findings) {
        match finding.status {
            Status::Ok => summary.ok += 1,
            Status::Warn => summary.warn += 1,
            Status::Fail => summary.fail += 1,
        }
    }
    let failed = summary.fail > 0;
    if ctx.printer.is_json() {
        ctx.printer.json(&Report {
            groups: &groups,
            summary,
        })?;
    } else {
        tell(ctx, &groups, &summary)?;
    }
    Ok(if failed {
        ExitCode::Failure
    } else {
        ExitCode::Success
    })
}

/// The cluster group (unless offline) and the sealing-certificate group: the cached certificate,
/// and whether the cluster still serves it.
fn cluster_groups(
    ctx: &Context,
    link: &LinkFile,
    app_dir: Option<&Path>,
    settings: &Settings,
) -> anyhow::Result<Vec<Group>> {
    let (mut cert_findings, cached) = match app_dir {
        Some(dir) => {
            let deploy = &link.link.deploy;
            let shown = deploy.shown(&Path::new(&deploy.path).join(CACHE_FILE));
            doctor::certificate::cached(&dir.join(CACHE_FILE), &shown, jiff::Timestamp::now())
        }
        None => (Vec::new(), None),
    };
    if settings.offline {
        return Ok(vec![Group {
            name: "certificate",
            findings: cert_findings,
        }]);
    }
    let target = ctx.cluster_target(Some(&link.link));
    let (argocd_ns, application) = link.link.argocd_application();
    let controller = Controller {
        name: nonempty(settings.controller_name.as_deref(), DEFAULT_CONTROLLER_NAME),
        namespace: nonempty(
            settings.controller_namespace.as_deref(),
            DEFAULT_CONTROLLER_NAMESPACE,
        ),
    };
    let application = Application {
        namespace: &argocd_ns,
        name: &application,
    };
    let ClusterFindings {
        cluster,
        certificate,
    } = ctx.block_on(doctor::cluster::check(
        &target,
        Some(application),
        &controller,
        cached.as_ref(),
    ))?;
    cert_findings.extend(certificate);
    Ok(vec![
        Group {
            name: "cluster",
            findings: cluster,
        },
        Group {
            name: "certificate",
            findings: cert_findings,
        },
    ])
}

/// The flag's value (clap fills it from kubeseal's environment variables too), unless empty.
fn nonempty(value: Option<&str>, default: &str) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or(default)
        .to_owned()
}

fn tell(ctx: &Context, groups: &[Group], summary: &Summary) -> std::io::Result<()> {
    let p = ctx.printer.palette();
    for group in groups {
        ctx.printer.data(p.bold(group.name))?;
        for finding in &group.findings {
            let mark = match finding.status {
                Status::Ok => p.green("ok  "),
                Status::Warn => p.yellow_bold("warn"),
                Status::Fail => p.red("FAIL"),
            };
            ctx.printer.data(format!("  {mark} {}", finding.message))?;
            if let Some(fix) = &finding.fix {
                ctx.printer.data(format!("       fix: {fix}"))?;
            }
        }
    }
    ctx.printer.data(format!(
        "{} ok, {} warnings, {} failed",
        summary.ok, summary.warn, summary.fail
    ))
}
