//! `version`: what ran, for bug reports: the version, the commit and date it was built from, the
//! target, and the version of the Kubernetes API server the kubeconfig (and the link file, when
//! there is one) names, when it answers within a few seconds.

use std::time::Duration;

use serde::Serialize;

use crate::context::Context;
use crate::exit::ExitCode;

/// How long the API server may take to say its version.
const CLUSTER_TIMEOUT: Duration = Duration::from_secs(3);

/// `version -o json`.
#[derive(Debug, Serialize)]
struct Report {
    version: &'static str,
    commit: &'static str,
    /// The date of the commit built (see build.rs: the same commit builds the same binary).
    build_date: &'static str,
    target: &'static str,
    /// The API server's `gitVersion`; `null` when no cluster answered.
    kubernetes_version: Option<String>,
}

/// Prints the version report.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    // A link file is not needed here; when there is a valid one, its context and namespace count.
    let link = ctx.link().ok();
    let cluster = ctx.cluster_target(link.as_ref().map(|l| &l.link));
    let kubernetes_version =
        ctx.block_on(crate::cluster::server_version(&cluster, CLUSTER_TIMEOUT))?;
    let report = Report {
        version: env!("CARGO_PKG_VERSION"),
        commit: env!("UNGLEICH_GIT_COMMIT"),
        build_date: env!("UNGLEICH_GIT_DATE"),
        target: env!("UNGLEICH_TARGET"),
        kubernetes_version,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
        return Ok(ExitCode::Success);
    }
    ctx.printer
        .data(format_args!("ungleich-django {}", crate::cli::VERSION))?;
    ctx.printer
        .data(format_args!("target      {}", report.target))?;
    ctx.printer.data(format_args!(
        "kubernetes  {}",
        report
            .kubernetes_version
            .as_deref()
            .unwrap_or("(no cluster answered)")
    ))?;
    Ok(ExitCode::Success)
}
