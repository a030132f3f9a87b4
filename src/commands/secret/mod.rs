//! `secret ...`: the commands share the deploy repository workspace, the sealing certificate,
//! the SealedSecret file and one commit path ([`commit_change`]).

pub mod cert;
pub mod import;
pub mod list;
pub mod rotate;
pub mod set;
pub mod unset;

pub mod certificate;
mod workspace;

pub use certificate::{CertSource, CertUse};
pub use workspace::Workspace;

use std::path::PathBuf;

use sha2::Digest;

use crate::app::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange};

/// What `set` and `import` sealed, ready to become one commit.
pub struct Sealing<'a> {
    /// The keys, in the order given.
    pub keys: &'a [String],
    /// Each key's ciphertext.
    pub ciphertexts: &'a [(String, String)],
    /// The SealedSecret as it was before (name, scope, label).
    pub sealed: &'a crate::seal::SealedSecret,
    /// `--scope`, for a new file.
    pub scope: Option<crate::seal::Scope>,
    /// The certificate sealed against, and its cache update.
    pub cert: &'a CertUse,
    /// Push after the commit.
    pub push: bool,
}

/// Commits what `set` or `import` sealed as one commit whose message starts with `headline`
/// (keys, never values) and reports it: `what` says what was sealed, for the line on stderr.
/// Returns the commit for the command's own output.
///
/// # Errors
/// As [`commit_change`].
pub fn commit_sealed(
    ctx: &Context,
    workspace: &Workspace,
    repo: &mut DeployRepo,
    sealing: &Sealing<'_>,
    headline: &str,
    what: &str,
) -> anyhow::Result<String> {
    let Sealing { sealed, cert, .. } = sealing;
    let message = format!(
        "{headline}\n\nSealed for {}/{} ({} scope) with the certificate SHA256 {}.",
        workspace.namespace,
        sealed.name(),
        sealed.scope(),
        cert.cert.fingerprint()
    );
    let label = sealed.label();
    let edit = insert_sealed(
        sealing.scope,
        &label,
        sealing.ciphertexts,
        &cert.cache_update,
    );
    // Nothing is reported before the commit exists: a failed commit leaves nothing sealed or cached.
    let committed = record_change(ctx, workspace, repo, &message, sealing.push, edit)?;
    if let Some(line) = cert.cached_line(workspace) {
        ctx.printer.info(line);
    }
    ctx.printer.info(format!(
        "sealed {what} for {}/{} ({} scope, certificate {})",
        workspace.namespace,
        sealed.name(),
        sealed.scope(),
        cert.origin
    ));
    let commit = committed.report(ctx);
    if ctx.printer.is_json() {
        ctx.printer.json(&serde_json::json!({
            "keys": sealing.keys,
            "secret": sealed.name(),
            "namespace": workspace.namespace,
            "scope": sealed.scope(),
            "commit": commit,
            "certificate": format!("SHA256:{}", cert.cert.fingerprint()),
        }))?;
    }
    Ok(commit)
}

/// Makes exactly one commit in the deploy repository from `edit`'s changes, and tells the user.
/// Every mutating secret command goes through here. With `push`, the GitOps `record` commits
/// and pushes, re-running `edit` on a newer tip when someone else pushed first.
/// `edit` computes the changes from the files in the work tree; it may run again on a newer
/// tip when a push loses a race, so it reads the files itself rather than capturing them.
///
/// # Errors
/// When a plaintext Secret is in the deploy repository, `edit` fails, or git fails.
pub fn commit_change(
    ctx: &Context,
    workspace: &Workspace,
    repo: &mut DeployRepo,
    message: &str,
    push: bool,
    edit: impl FnMut(&Workspace) -> anyhow::Result<Vec<FileChange>>,
) -> anyhow::Result<String> {
    Ok(record_change(ctx, workspace, repo, message, push, edit)?.report(ctx))
}

/// A commit made, not yet reported.
struct Committed {
    short: String,
    subject: String,
    pushed: String,
}

impl Committed {
    /// Tells the user; returns the short commit.
    fn report(self, ctx: &Context) -> String {
        ctx.printer.success(format!(
            "committed {} \"{}\" ({})",
            self.short, self.subject, self.pushed
        ));
        self.short
    }
}

/// [`commit_change`] without the report.
fn record_change(
    ctx: &Context,
    workspace: &Workspace,
    repo: &mut DeployRepo,
    message: &str,
    push: bool,
    mut edit: impl FnMut(&Workspace) -> anyhow::Result<Vec<FileChange>>,
) -> anyhow::Result<Committed> {
    refuse_tracked_plaintext(workspace, repo)?;
    // The files this change edits must hold nothing uncommitted, or the commit takes it along.
    let edited: Vec<PathBuf> = edit(workspace)?
        .iter()
        .map(|c| c.path().to_owned())
        .collect();
    workspace.refuse_uncommitted_in(repo, &edited)?;
    let mut checked_edit = |workspace: &Workspace| {
        let changes = edit(workspace)?;
        refuse_plaintext_changes(&changes)?;
        anyhow::Ok(changes)
    };
    let (revision, pushed) = if push {
        let recorded = repo
            .record(message, |_root| checked_edit(workspace))
            .map_err(crate::gitops::ActionError::into_anyhow)?;
        if !recorded.changed {
            ctx.printer.info("nothing changed: no commit made");
        }
        let pushed = if recorded.pushed {
            format!("pushed to {}", workspace.link.link.deploy.branch)
        } else {
            "not pushed: the deploy repository has no remote with this branch checked out"
                .to_owned()
        };
        (recorded.revision, pushed)
    } else {
        let changes = checked_edit(workspace)?;
        (
            repo.commit(message, &changes)?,
            "not pushed: --no-push".to_owned(),
        )
    };
    Ok(Committed {
        short: revision.to_string()[..7].to_owned(),
        subject: message.lines().next().unwrap_or_default().to_owned(),
        pushed,
    })
}

/// YAML and JSON files are where Kubernetes manifests live.
fn is_manifest(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
}

/// A plaintext `kind: Secret` among the files about to be written stops the commit.
fn refuse_plaintext_changes(changes: &[FileChange]) -> anyhow::Result<()> {
    let offenders: Vec<PathBuf> = changes
        .iter()
        .filter_map(|change| match change {
            FileChange::Write { path, contents }
                if is_manifest(path)
                    && crate::seal::plaintext::declares_plain_secret(&String::from_utf8_lossy(
                        contents,
                    )) =>
            {
                Some(path.clone())
            }
            _ => None,
        })
        .collect();
    plaintext_refusal(&offenders)
}

/// A plaintext `kind: Secret` among the files git tracks in the deploy repository stops the
/// commit too: it would be pushed along with ours.
fn refuse_tracked_plaintext(workspace: &Workspace, repo: &DeployRepo) -> anyhow::Result<()> {
    let offenders: Vec<PathBuf> = repo
        .tracked_paths()?
        .into_iter()
        .filter(|path| is_manifest(path))
        .filter(|path| {
            std::fs::read_to_string(workspace.root.join(path))
                .is_ok_and(|text| crate::seal::plaintext::declares_plain_secret(&text))
        })
        .collect();
    plaintext_refusal(&offenders)
}

fn plaintext_refusal(offenders: &[PathBuf]) -> anyhow::Result<()> {
    if offenders.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = offenders.iter().map(|p| p.display().to_string()).collect();
    Err(Failure::new(
        ExitCode::InvalidInput,
        format!(
            "refusing to commit: the deploy repository holds a plaintext Kubernetes Secret (kind: Secret) in {}; anyone who can read the repository can read its values",
            list.join(", ")
        ),
    )
    .hint("remove it from the repository (git rm), set its values with `ungleich-django secret set` or `secret import`, and change those values if the file was ever pushed")
    .into())
}

/// The edit of `set` and `import`: adds the sealed values to the file as it is now (which must
/// still be sealed under `label`), and caches the certificate when it is new.
fn insert_sealed<'a>(
    scope: Option<crate::seal::Scope>,
    label: &'a str,
    ciphertexts: &'a [(String, String)],
    cache_update: &'a Option<FileChange>,
) -> impl FnMut(&Workspace) -> anyhow::Result<Vec<FileChange>> + 'a {
    move |workspace| {
        let mut sealed = workspace.sealed_for_writing(scope)?;
        if sealed.label() != label {
            return Err(Failure::new(
                ExitCode::Failure,
                format!(
                    "{} changed its name, namespace or scope meanwhile; run the command again",
                    workspace.sealed_path().display()
                ),
            )
            .into());
        }
        for (key, ciphertext) in ciphertexts {
            sealed.insert(key, ciphertext.clone());
        }
        let mut changes = workspace.store(&sealed)?;
        changes.extend(cache_update.clone());
        Ok(changes)
    }
}

/// The revision recorded in app.yaml's `secretsRevision`: it changes with every change of the
/// sealed file, so the chart's pod annotation changes and the pods roll.
#[must_use]
pub fn secrets_revision(sealed_file: &[u8]) -> String {
    let digest = sha2::Sha256::digest(sealed_file);
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// "A", "A and B", "A, B and C".
#[must_use]
pub fn key_list(keys: &[String]) -> String {
    match keys {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "secret" or "secrets".
#[must_use]
pub fn plural(keys: &[String]) -> &'static str {
    if keys.len() == 1 { "secret" } else { "secrets" }
}

/// What `set` and `import` seal into: the workspace and its repository, the SealedSecret to add
/// keys to, and the certificate.
pub struct Prepared {
    pub workspace: Workspace,
    pub repo: DeployRepo,
    pub sealed: crate::seal::SealedSecret,
    pub cert: CertUse,
}

/// Opens the deploy repository for sealing new values: checks, before the certificate is read or
/// fetched, that app.yaml can record the secrets' revision and that neither file the commit takes
/// has edits of the user's own; then the certificate.
///
/// # Errors
/// When the repository, app.yaml, sealed-secrets.yaml or the certificate cannot be used.
pub fn prepare_sealing(
    ctx: &Context,
    scope: Option<crate::seal::Scope>,
    cert: &CertSource,
) -> anyhow::Result<Prepared> {
    let (workspace, repo) = Workspace::open(ctx)?;
    let sealed = workspace.sealed_for_writing(scope)?;
    workspace.store(&sealed)?;
    workspace.refuse_uncommitted(&repo)?;
    let cert = cert.for_sealing(ctx, &workspace)?;
    Ok(Prepared {
        workspace,
        repo,
        sealed,
        cert,
    })
}

/// Rejects names that are not environment variable names, and names given twice. Invalid
/// input, exit 3, whichever command and however the key was given; never shows a value.
///
/// # Errors
/// The first invalid or repeated name.
pub fn validate_keys(keys: &[String]) -> anyhow::Result<()> {
    for (i, key) in keys.iter().enumerate() {
        crate::seal::keys::check_name(key).map_err(|reason| {
            // A key the message does not show is found by its position.
            let reason = match reason.strip_prefix("the key ") {
                Some(rest) if keys.len() > 1 => format!("key {} of {} {rest}", i + 1, keys.len()),
                _ => reason,
            };
            Failure::new(ExitCode::InvalidInput, reason).hint(crate::seal::keys::NAME_HINT)
        })?;
        if keys[..i].contains(key) {
            return Err(
                Failure::new(ExitCode::InvalidInput, format!("`{key}` is given twice"))
                    .hint("give each key once")
                    .into(),
            );
        }
    }
    Ok(())
}

/// Refuses keys the platform sets itself: the chart sets them as explicit `env`, which wins over
/// the `envFrom` of `<app>-env`, so such a secret would be silently ignored.
///
/// # Errors
/// Naming every such key, before anything is read or sealed.
pub fn refuse_platform_keys(keys: &[String]) -> anyhow::Result<()> {
    let owned = crate::seal::keys::platform_owned(keys.iter().map(String::as_str));
    if owned.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        ExitCode::InvalidInput,
        format!(
            "{}; nothing was changed",
            crate::seal::keys::platform_owned_reason(&owned)
        ),
    )
    .hint(format!(
        "the platform's values point at this app's own database, port, hosts and folders; to use another value, store it under a name of your own and read that in your settings (the platform sets {})",
        crate::spec::PLATFORM_ENV.join(", ")
    ))
    .into())
}

/// `err` with `more` added to its hint, keeping its exit code and the whole of its message
/// (each cause once, as the error report shows them).
#[must_use]
pub fn with_more_hint(err: anyhow::Error, more: &str) -> anyhow::Error {
    let crate::app::ErrorClass { code, hint } = crate::app::classify(&err);
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    let hint = match hint {
        Some(first) => format!("{first}\n  {more}"),
        None => more.to_owned(),
    };
    anyhow::Error::new(Failure::new(code, message).hint(hint))
}
