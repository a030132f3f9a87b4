use crate::app::Context;
use crate::exit::{ExitCode, Failure};

use super::certificate::read_cache;
use super::{CertSource, Workspace};

/// `secret rotate`.
#[derive(Debug)]
pub struct Settings {
    /// Push after the commit.
    pub push: bool,
    /// The controller, and whether its current certificate is trusted when it changed.
    pub cert: CertSource,
}

/// Re-encrypts every value to the controller's newest key through its `/v1/rotate` (only the
/// controller holds the private keys), caches its current certificate, and commits both.
///
/// # Errors
/// When the controller cannot be reached or refuses, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let (workspace, mut repo) = Workspace::open(ctx)?;
    let Some(sealed) = workspace.read_sealed()? else {
        ctx.printer.info("no secrets to re-encrypt");
        return Ok(ExitCode::Success);
    };
    if sealed.keys().is_empty() {
        ctx.printer.info("no secrets to re-encrypt");
        return Ok(ExitCode::Success);
    }
    let cached = read_cache(&workspace).unwrap_or(None);
    let source = CertSource {
        cert: None,
        ..settings.cert
    };
    let fresh = source
        .fresh(ctx, &workspace, cached.as_ref())
        .map_err(|e| unreachable_hint(e, &source))?;
    let target = ctx.cluster_target(Some(&workspace.link.link));
    let controller = source.controller.clone();
    let body = sealed.to_json();
    let answer = ctx
        .block_on(async move {
            let (client, _) = crate::cluster::connect_once(&target).await?;
            anyhow::Ok(controller.rotate(&client, body).await?)
        })?
        .map_err(|e| unreachable_hint(e, &source))?;
    let rotated: serde_json::Value = serde_json::from_slice(&answer).map_err(|e| {
        Failure::new(
            ExitCode::ClusterAccess,
            format!(
                "the controller's /v1/rotate answered with something other than a SealedSecret: {e}"
            ),
        )
    })?;
    let Some(data) = rotated
        .pointer("/spec/encryptedData")
        .and_then(serde_json::Value::as_object)
    else {
        return Err(Failure::new(
            ExitCode::ClusterAccess,
            "the controller's /v1/rotate answered without spec.encryptedData",
        )
        .into());
    };
    let mut keys: Vec<String> = data.keys().cloned().collect();
    keys.sort_by(|a, b| crate::seal::sealed_secret::natural_order(a, b));
    let message = format!(
        "Re-encrypt {} {} to the sealing key SHA256 {}",
        super::plural(&keys),
        super::key_list(&keys),
        fresh.cert.fingerprint()
    );
    super::commit_change(
        ctx,
        &workspace,
        &mut repo,
        &message,
        settings.push,
        |workspace| {
            let mut sealed = workspace.sealed_for_writing(None)?;
            sealed.replace_all(data.clone());
            let mut changes = workspace.store(&sealed)?;
            changes.extend(fresh.cache_update.clone());
            Ok(changes)
        },
    )?;
    Ok(ExitCode::Success)
}

/// Re-encryption needs the controller: say what to do when it cannot be reached.
fn unreachable_hint(err: anyhow::Error, source: &CertSource) -> anyhow::Error {
    if crate::app::classify(&err).code != ExitCode::ClusterAccess {
        return err;
    }
    let advice = format!(
        "re-encryption needs the private keys, which only the controller {}/{} holds, so it cannot be done offline. Values sealed to an older key keep working (the controller keeps its old keys); run `secret rotate` again when the cluster is reachable, or set each value again with `secret set` after `secret cert --refresh`",
        source.controller.namespace, source.controller.name
    );
    super::with_more_hint(err, &advice)
}
