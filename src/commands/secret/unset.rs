use crate::app::Context;
use crate::exit::{ExitCode, Failure};

use super::Workspace;

/// `secret unset`.
#[derive(Debug)]
pub struct Settings {
    /// The keys to remove.
    pub keys: Vec<String>,
    /// `--ignore-missing`.
    pub ignore_missing: bool,
    /// Push after the commit.
    pub push: bool,
}

/// Removes keys in one commit. Needs no certificate: nothing is sealed.
///
/// # Errors
/// When a key is not set (without `--ignore-missing`), the file is malformed, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    super::validate_keys(&settings.keys)?;
    let (workspace, mut repo) = Workspace::open(ctx)?;
    let sealed = workspace.read_sealed()?.unwrap_or_else(|| {
        crate::seal::SealedSecret::new(
            &workspace.secret_name(),
            &workspace.namespace,
            crate::seal::Scope::Strict,
        )
    });
    let (present, missing): (Vec<String>, Vec<String>) = settings
        .keys
        .iter()
        .cloned()
        .partition(|k| sealed.get(k).is_some());
    if !missing.is_empty() {
        if !settings.ignore_missing {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                format!(
                    "{} {} not set; nothing was changed",
                    super::key_list(&missing),
                    if missing.len() == 1 { "is" } else { "are" }
                ),
            )
            .hint("see the keys with `ungleich-django secret list`, or pass --ignore-missing")
            .into());
        }
        ctx.printer.info(format!(
            "{} {} not set",
            super::key_list(&missing),
            if missing.len() == 1 { "was" } else { "were" }
        ));
    }
    if present.is_empty() {
        ctx.printer.info("nothing to change");
        if ctx.printer.is_json() {
            ctx.printer
                .json(&serde_json::json!({ "removed": present, "commit": null }))?;
        }
        return Ok(ExitCode::Success);
    }
    let message = format!(
        "Unset {} {}",
        super::plural(&present),
        super::key_list(&present)
    );
    let commit = super::commit_change(
        ctx,
        &workspace,
        &mut repo,
        &message,
        settings.push,
        |workspace| {
            let mut sealed = workspace.sealed_for_writing(None)?;
            for key in &present {
                sealed.remove(key);
            }
            workspace.store(&sealed)
        },
    )?;
    if ctx.printer.is_json() {
        ctx.printer
            .json(&serde_json::json!({ "removed": present, "commit": commit }))?;
    }
    Ok(ExitCode::Success)
}
