//! `ungleich-django doctor`: every check, grouped, each finding with its fix. Exits 1 when a
//! check fails, 0 when there are only warnings.

use serde::Serialize;

use crate::app::Context;
use crate::detect;
use crate::doctor::{self, Finding, Group, Status};
use crate::exit::ExitCode;

/// `doctor`'s settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct DoctorSettings {
    /// Skip the checks that need the cluster.
    pub offline: bool,
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
pub fn run(ctx: &Context, settings: DoctorSettings) -> anyhow::Result<ExitCode> {
    let link = ctx.link();
    let root = link
        .as_ref()
        .map_or_else(|_| ctx.cwd.clone(), |l| l.dir().to_owned());
    let (deploy_findings, spec) = doctor::deploy(link.as_ref());
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
        findings: deploy_findings,
    });
    // The cluster and sealing-certificate groups join here, skipped under --offline.
    let _ = settings.offline;

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
