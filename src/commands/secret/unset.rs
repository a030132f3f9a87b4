use crate::context::Context;
use crate::exit::ExitCode;
use crate::secrets::{KeysFound, SecretsError};

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
    crate::secrets::keys::validate(&settings.keys)?;
    let mut opened = super::open(ctx)?;
    let workspace = &opened.workspace;
    let sealed = workspace.read_sealed()?.unwrap_or_else(|| {
        crate::seal::SealedSecret::new(
            &workspace.secret_name(),
            &workspace.namespace,
            crate::seal::Scope::Strict,
        )
    });
    let KeysFound { present, missing } = crate::secrets::find_keys(&sealed, &settings.keys);
    if !missing.is_empty() {
        if !settings.ignore_missing {
            return Err(SecretsError::NotSet { keys: missing }.into());
        }
        ctx.printer.info(format!(
            "{} {} not set",
            crate::text::and_list(&missing),
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
        crate::text::and_list(&present)
    );
    let committed = opened.commit(&message, settings.push, |workspace| {
        crate::secrets::remove(workspace, &present)
    })?;
    let commit = super::report(ctx, committed);
    if ctx.printer.is_json() {
        ctx.printer
            .json(&serde_json::json!({ "removed": present, "commit": commit }))?;
    }
    Ok(ExitCode::Success)
}
