use crate::context::Context;
use crate::exit::ExitCode;
use crate::seal::SealingCert;
use crate::secrets::{CACHE_FILE, CertSource, Workspace, cache_path, read_cache};

/// `secret cert`.
#[derive(Debug)]
pub struct Settings {
    /// Fetch it again (from `--cert` or the cluster) and update the cache.
    pub refresh: bool,
    /// Push after the commit.
    pub push: bool,
    /// Where a fresh certificate comes from.
    pub cert: CertSource,
}

/// Shows the cached certificate; fetches and caches it with `--refresh` or when none is cached.
///
/// # Errors
/// When the certificate cannot be had, changed unaccepted, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let mut opened = super::open(ctx)?;
    let cached = match read_cache(&opened.workspace) {
        Ok(cached) => cached,
        // A damaged cache pins nothing; --accept-new-cert replaces it.
        Err(_) if settings.refresh && settings.cert.accept_new_cert => None,
        Err(e) => return Err(e.into()),
    };
    let refresh = settings.refresh || cached.is_none() || settings.cert.cert.is_some();
    let shown = match cached {
        Some(cached) if !refresh => cached,
        cached => {
            let fetched = super::fetch(ctx, &opened.workspace, &settings.cert)?;
            let fresh = settings
                .cert
                .accept(&opened.workspace, fetched, cached.as_ref())?;
            fresh.check_valid(None)?;
            match &fresh.cache_update {
                Some(change) => {
                    let message = format!(
                        "Cache the sealing certificate SHA256 {}\n\nFrom {}.",
                        fresh.cert.fingerprint(),
                        fresh.origin
                    );
                    let committed =
                        opened.commit(&message, settings.push, |_| Ok(vec![change.clone()]))?;
                    super::report(ctx, committed);
                }
                None => ctx.printer.success(format!(
                    "the certificate from {} is the cached one",
                    fresh.origin
                )),
            }
            fresh.cert
        }
    };
    show(ctx, &opened.workspace, &shown)?;
    Ok(ExitCode::Success)
}

/// The certificate as a table, or under `-o json` one object.
fn show(ctx: &Context, workspace: &Workspace, cert: &SealingCert) -> anyhow::Result<()> {
    let now = jiff::Timestamp::now();
    let expired = cert.check_valid_at(now).is_err();
    if expired {
        ctx.printer.warn(format!(
            "the cached certificate expired on {}: `secret set` and `secret import` refuse to seal with it; fetch the current one with `ungleich-django secret cert --refresh`",
            cert.not_after().strftime("%Y-%m-%d")
        ));
    }
    if ctx.printer.is_json() {
        ctx.printer.json(&serde_json::json!({
            "fingerprint": format!("SHA256:{}", cert.fingerprint()),
            "not_after": cert.not_after().to_string(),
            "expired": expired,
            "key_bits": cert.key_bits(),
            "path": workspace.relative(CACHE_FILE),
        }))?;
        return Ok(());
    }
    let expiry = cert.not_after().strftime("%Y-%m-%d").to_string();
    let status = if expired { " (expired)" } else { "" };
    ctx.printer
        .data(format!("fingerprint  SHA256 {}", cert.fingerprint()))?;
    ctx.printer.data(format!("expires      {expiry}{status}"))?;
    ctx.printer
        .data(format!("key          RSA {} bits", cert.key_bits()))?;
    ctx.printer
        .data(format!("cached in    {}", cache_path(workspace).display()))?;
    Ok(())
}
