//! `secret ...`: the commands share the deploy repository workspace, the sealing certificate,
//! the SealedSecret file and one commit path ([`commit_change`]).

pub mod cert;
pub mod import;
pub mod list;
pub mod rotate;
pub mod set;
pub mod unset;

mod certificate;
mod workspace;

pub use certificate::{CertSource, CertUse};
pub use workspace::Workspace;

use sha2::Digest;

use crate::app::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::FileChange;

/// Checks the changes, makes exactly one commit in the deploy repository, and tells the user.
/// Every mutating secret command goes through here, so that pushing is added in one place.
///
/// # Errors
/// When a plaintext Secret is in the deploy repository, or git fails.
pub fn commit_change(
    ctx: &Context,
    workspace: &Workspace,
    message: &str,
    changes: &[FileChange],
    push: bool,
) -> anyhow::Result<String> {
    refuse_plaintext_secrets(workspace, changes)?;
    let id = workspace.repo.commit(message, changes)?;
    let short = id.to_string()[..7].to_owned();
    let subject = message.lines().next().unwrap_or_default();
    if push {
        ctx.printer.success(format!(
            "committed {short} \"{subject}\" (not pushed: this build cannot push yet; push the deploy repository {} yourself)",
            workspace.repo.root().display()
        ));
    } else {
        ctx.printer.success(format!(
            "committed {short} \"{subject}\" (not pushed: --no-push)"
        ));
    }
    Ok(short)
}

/// A plaintext `kind: Secret` among the files git tracks in the deploy repository, or among
/// the files about to be written, stops the commit.
fn refuse_plaintext_secrets(workspace: &Workspace, changes: &[FileChange]) -> anyhow::Result<()> {
    let manifest = |p: &std::path::Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
    };
    let mut offenders = Vec::new();
    for change in changes {
        if let FileChange::Write { path, contents } = change
            && manifest(path)
            && crate::seal::plaintext::declares_plain_secret(&String::from_utf8_lossy(contents))
        {
            offenders.push(path.clone());
        }
    }
    let written: Vec<&std::path::Path> = changes
        .iter()
        .map(|c| match c {
            FileChange::Write { path, .. } | FileChange::Remove { path } => path.as_path(),
        })
        .collect();
    for path in workspace.repo.tracked_paths()? {
        if !manifest(&path) || written.contains(&path.as_path()) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(workspace.repo.root().join(&path))
            && crate::seal::plaintext::declares_plain_secret(&text)
        {
            offenders.push(path);
        }
    }
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

/// Rejects names that are not environment variable names, and names given twice.
///
/// # Errors
/// The first invalid or repeated name.
pub fn validate_keys(keys: &[String]) -> anyhow::Result<()> {
    for (i, key) in keys.iter().enumerate() {
        crate::spec::validate_env_name(key).map_err(|reason| {
            Failure::new(ExitCode::Usage, reason)
                .hint("secret keys become environment variables of the app's containers")
        })?;
        if keys[..i].contains(key) {
            return Err(Failure::new(ExitCode::Usage, format!("`{key}` is given twice")).into());
        }
    }
    Ok(())
}
