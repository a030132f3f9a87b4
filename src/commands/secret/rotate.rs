use crate::context::Context;
use crate::exit::ExitCode;
use crate::secrets::{CertSource, SecretsError};

/// `secret rotate`.
#[derive(Debug)]
pub struct Settings {
    /// Push after the commit.
    pub push: bool,
    /// The controller, and whether its current certificate is trusted when it changed.
    pub cert: CertSource,
}

/// Re-encrypts every value to the controller's newest key (only the controller holds the
/// private keys), caches its current certificate, and commits both.
///
/// # Errors
/// When the controller cannot be reached or refuses, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let mut opened = super::open(ctx)?;
    let Some(sealed) = opened
        .workspace
        .read_sealed()?
        .filter(|s| !s.keys().is_empty())
    else {
        ctx.printer.info("no secrets to re-encrypt");
        return Ok(ExitCode::Success);
    };
    // A damaged cache is replaced by the controller's current certificate.
    let cached = crate::secrets::read_cache(&opened.workspace).unwrap_or(None);
    let source = CertSource {
        cert: None,
        ..settings.cert
    };
    let cluster = ctx.cluster_target(Some(&opened.workspace.link.link));
    let offline =
        |e: SecretsError| e.without_cluster(crate::secrets::rotation_needs_the_controller(&source));
    let fetched = ctx
        .block_on(source.fetch_from_controller(&cluster))?
        .map_err(offline)?;
    let fresh = source.accept(&opened.workspace, fetched, cached.as_ref())?;
    let answer = ctx
        .block_on(crate::secrets::reencrypt(&source, &cluster, &sealed))?
        .map_err(offline)?;
    let data = crate::secrets::rotated_data(&answer)?;
    let mut keys: Vec<String> = data.keys().cloned().collect();
    keys.sort_by(|a, b| crate::seal::sealed_secret::natural_order(a, b));
    let message = format!(
        "Re-encrypt {} {} to the sealing key SHA256 {}",
        super::plural(&keys),
        crate::text::and_list(&keys),
        fresh.cert.fingerprint()
    );
    let committed = opened.commit(&message, settings.push, |workspace| {
        crate::secrets::replace_all(workspace, &data, fresh.cache_update.as_ref())
    })?;
    super::report(ctx, committed);
    Ok(ExitCode::Success)
}
