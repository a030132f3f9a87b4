//! `secret ...`: one file per command, each asking the [`crate::secrets`] domain and reporting
//! what it answers. What they share is here: opening the workspace with the global flags,
//! fetching a certificate on the cluster, and the report of a commit.

pub mod cert;
pub mod import;
pub mod list;
pub mod rotate;
pub mod set;
pub mod unset;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
pub use crate::secrets::Opened;
use crate::secrets::{CertAccess, CertSource, Committed, Fetched, Prepared, Workspace};

/// The link file's deploy repository, with the secrets sealed for `-n`, else the link file's
/// namespace.
///
/// # Errors
/// When there is no link file, or the deploy repository cannot be opened.
pub fn open(ctx: &Context) -> anyhow::Result<Opened> {
    let link = ctx.link()?;
    let namespace = ctx
        .cluster_target(Some(&link.link))
        .namespace
        .unwrap_or_else(|| link.link.namespace.clone());
    Ok(Workspace::open(link, ctx.git_auth(), namespace)?)
}

/// The cluster and working directory a certificate is fetched with.
fn cert_access(ctx: &Context, workspace: &Workspace) -> CertAccess {
    CertAccess {
        cwd: ctx.cwd.clone(),
        cluster: ctx.cluster_target(Some(&workspace.link.link)),
    }
}

/// Fetches a fresh certificate from `--cert` or the cluster.
///
/// # Errors
/// When it cannot be had.
pub fn fetch(ctx: &Context, workspace: &Workspace, source: &CertSource) -> anyhow::Result<Fetched> {
    let access = cert_access(ctx, workspace);
    Ok(ctx.block_on(source.fetch(&access))??)
}

/// Opens the workspace and prepares sealing new values with `--scope` and the certificate.
///
/// # Errors
/// When the repository, app.yaml, sealed-secrets.yaml or the certificate cannot be used.
pub fn prepare(
    ctx: &Context,
    scope: Option<crate::seal::Scope>,
    source: &CertSource,
) -> anyhow::Result<Prepared> {
    crate::secrets::prepare(open(ctx)?, scope, source, |workspace| {
        fetch(ctx, workspace, source)
    })
}

/// Tells the user about a commit; returns the short commit for the command's own output.
pub fn report(ctx: &Context, committed: Committed) -> String {
    tell_unchanged(ctx, &committed);
    committed_line(ctx, committed)
}

fn committed_line(ctx: &Context, committed: Committed) -> String {
    ctx.printer.success(format!(
        "committed {} \"{}\" ({})",
        committed.short, committed.subject, committed.pushed
    ));
    // A pushed change of secrets rolls the pods: ArgoCD should act on it now, as on a deploy.
    if committed.changed
        && matches!(committed.pushed, crate::secrets::Pushed::To(_))
        && let Ok(link) = ctx.link()
    {
        let target = ctx.cluster_target(Some(&link.link));
        let _ = ctx.block_on(crate::ui::release::request_refresh(
            ctx.printer,
            &target,
            &link.link,
        ));
    }
    committed.short
}

/// A commit of `set` or `import` as the user sees it: `what` was sealed, and under `-o json`
/// one object with the keys, the commit and the certificate. Nothing is reported before the
/// commit exists: a failed commit leaves nothing sealed or cached.
///
/// # Errors
/// When the output cannot be written.
pub fn report_sealed(
    ctx: &Context,
    prepared: &Prepared,
    committed: Committed,
    keys: &[String],
    what: &str,
) -> anyhow::Result<()> {
    let Prepared {
        opened,
        sealed,
        cert,
    } = prepared;
    tell_unchanged(ctx, &committed);
    if let Some(line) = cert.cached_line(&opened.workspace) {
        ctx.printer.info(line);
    }
    ctx.printer.info(format!(
        "sealed {what} for {}/{} ({} scope, certificate {})",
        opened.workspace.namespace,
        sealed.name(),
        sealed.scope(),
        cert.origin
    ));
    let commit = committed_line(ctx, committed);
    if ctx.printer.is_json() {
        ctx.printer.json(&serde_json::json!({
            "keys": keys,
            "secret": sealed.name(),
            "namespace": opened.workspace.namespace,
            "scope": sealed.scope(),
            "commit": commit,
            "certificate": format!("SHA256:{}", cert.cert.fingerprint()),
        }))?;
    }
    Ok(())
}

/// A pushed change that changed nothing made no commit: say so before the commit line.
fn tell_unchanged(ctx: &Context, committed: &Committed) {
    if !committed.changed {
        ctx.printer.info("nothing changed: no commit made");
    }
}

/// "secret" or "secrets".
#[must_use]
pub fn plural(keys: &[String]) -> &'static str {
    if keys.len() == 1 { "secret" } else { "secrets" }
}

/// An empty value is more often a mistake (an unset variable, an empty pipe) than a wish: it is
/// sealed with `--allow-empty`, or when the person at the terminal says so; without a terminal it
/// is refused before anything is sealed.
///
/// # Errors
/// When a value of `empty` is refused.
pub fn allow_empty(ctx: &Context, empty: &[String], allowed: bool) -> anyhow::Result<()> {
    if empty.is_empty() || allowed {
        return Ok(());
    }
    let what = format!(
        "{} {} empty",
        crate::text::and_list(empty),
        if empty.len() == 1 { "is" } else { "are" }
    );
    let asked = ctx.prompter.is_interactive();
    if asked
        && ctx
            .prompter
            .confirm(&format!("The value of {what}. Seal it empty?"), false)?
    {
        return Ok(());
    }
    let refused = Failure::new(
        ExitCode::InvalidInput,
        format!("the value of {what}; nothing was changed"),
    );
    Err(if asked {
        refused
    } else {
        refused.hint("pass --allow-empty to seal an empty value")
    }
    .into())
}
