use std::path::PathBuf;

use crate::app::Context;
use crate::cluster::sealing_cert::Controller;
use crate::exit::{ExitCode, Failure};
use crate::gitops::FileChange;
use crate::seal::SealingCert;

use super::Workspace;

/// Where the cached certificate lives in the app's folder of the deploy repository.
pub const CACHE_FILE: &str = ".ungleich-django/sealing-cert.pem";

/// What to do when the cluster cannot give the certificate.
const WITHOUT_A_CLUSTER: &str = "without access to the cluster, use the certificate as a file: pass --cert FILE|URL (your hoster has it; `kubeseal --fetch-cert` prints it); it is cached, and later commands need neither the cluster nor --cert";

/// Where a fresh certificate comes from, and whether a changed one is trusted.
#[derive(Debug, Clone)]
pub struct CertSource {
    /// `--cert FILE|URL`.
    pub cert: Option<String>,
    /// The controller's Service (`--controller-name`, `--controller-namespace`).
    pub controller: Controller,
    /// `--accept-new-cert`.
    pub accept_new_cert: bool,
}

/// A certificate ready to seal with, and the cache update that goes into the same commit.
#[derive(Debug)]
pub struct CertUse {
    /// The certificate.
    pub cert: SealingCert,
    /// The new contents of the cache file, when it changes.
    pub cache_update: Option<FileChange>,
    /// Where it came from, for the user.
    pub origin: String,
}

impl CertUse {
    /// What the user is told once the commit that caches a new certificate exists; `None` when
    /// the cache does not change.
    #[must_use]
    pub fn cached_line(&self, workspace: &Workspace) -> Option<String> {
        self.cache_update.as_ref().map(|_| {
            format!(
                "sealing certificate SHA256 {} (RSA {} bits, expires {}) from {}, cached in {}",
                self.cert.fingerprint(),
                self.cert.key_bits(),
                self.cert.not_after().strftime("%Y-%m-%d"),
                self.origin,
                workspace.relative(CACHE_FILE).display()
            )
        })
    }
}

impl CertSource {
    /// The certificate to seal with: `--cert`, else the cached one, else the cluster's. A
    /// fresh one that differs from the cache needs `--accept-new-cert`. Expired ones are refused.
    ///
    /// # Errors
    /// When no certificate can be had, it is unusable or expired, or it changed unaccepted.
    pub fn for_sealing(&self, ctx: &Context, workspace: &Workspace) -> anyhow::Result<CertUse> {
        let cached = read_cache(workspace)?;
        let found = match (&self.cert, cached) {
            (None, Some(cached)) => CertUse {
                cert: cached,
                cache_update: None,
                origin: format!("cached in {}", cache_path(workspace).display()),
            },
            (_, cached) => self
                .fresh(ctx, workspace, cached.as_ref())
                .map_err(offline_hint)?,
        };
        found.cert.check_valid_at(jiff::Timestamp::now()).map_err(|e| {
            let hint = if self.cert.is_none() && found.cache_update.is_none() {
                "the controller renews its key regularly: run `ungleich-django secret cert --refresh`"
            } else {
                "use the controller's current certificate (`ungleich-django secret cert --refresh`)"
            };
            anyhow::Error::new(Failure::new(ExitCode::InvalidInput, format!("{e} ({})", found.origin)).hint(hint))
        })?;
        Ok(found)
    }

    /// A certificate from `--cert` or the cluster, compared with `cached`.
    ///
    /// # Errors
    /// As [`CertSource::for_sealing`].
    pub fn fresh(
        &self,
        ctx: &Context,
        workspace: &Workspace,
        cached: Option<&SealingCert>,
    ) -> anyhow::Result<CertUse> {
        let (bytes, origin) = match &self.cert {
            Some(location) => (read_location(ctx, location)?, location.clone()),
            None => {
                let target = ctx.cluster_target(Some(&workspace.link.link));
                let controller = self.controller.clone();
                let bytes = ctx
                    .block_on(async move {
                        let (client, _) = crate::cluster::connect_once(&target).await?;
                        anyhow::Ok(controller.fetch_cert(&client).await?)
                    })
                    .and_then(|fetched| fetched)?;
                let origin = format!(
                    "the controller {}/{}",
                    self.controller.namespace, self.controller.name
                );
                (bytes, origin)
            }
        };
        let cert = SealingCert::from_pem(&bytes).map_err(|e| {
            Failure::new(ExitCode::InvalidInput, format!("{origin}: {e}"))
                .hint("pass a PEM certificate, as `kubeseal --fetch-cert` prints it")
        })?;
        if let Some(cached) = cached
            && cached.fingerprint() != cert.fingerprint()
            && !self.accept_new_cert
        {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                format!(
                    "the sealing certificate from {origin} differs from the one cached in {}\n  cached: SHA256 {}\n  new:    SHA256 {}",
                    cache_path(workspace).display(),
                    cached.fingerprint(),
                    cert.fingerprint()
                ),
            )
            .hint("the controller renews its key every 30 days, which is normal, but an unexpected key may be an attack: check the new fingerprint with your cluster's operator, then pass --accept-new-cert")
            .into());
        }
        let unchanged = cached.is_some_and(|c| c.fingerprint() == cert.fingerprint());
        let cache_update = (!unchanged).then(|| FileChange::Write {
            path: workspace.relative(CACHE_FILE),
            contents: cert.to_pem().into_bytes(),
        });
        Ok(CertUse {
            cert,
            cache_update,
            origin,
        })
    }
}

/// A cluster that cannot give the certificate: say how to do without one.
#[must_use]
pub fn offline_hint(err: anyhow::Error) -> anyhow::Error {
    if crate::app::classify(&err).code == ExitCode::ClusterAccess {
        super::with_more_hint(err, WITHOUT_A_CLUSTER)
    } else {
        err
    }
}

/// The cache file, on disk.
#[must_use]
pub fn cache_path(workspace: &Workspace) -> PathBuf {
    workspace.absolute(&workspace.relative(CACHE_FILE))
}

/// The cached certificate, if there is one.
///
/// # Errors
/// When the file exists but cannot be read or parsed.
pub fn read_cache(workspace: &Workspace) -> anyhow::Result<Option<SealingCert>> {
    let path = cache_path(workspace);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                format!(
                    "cannot read the cached sealing certificate {}: {e}",
                    path.display()
                ),
            )
            .into());
        }
    };
    SealingCert::from_pem(&bytes).map(Some).map_err(|e| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("the cached sealing certificate {} is unusable: {e}", path.display()),
        )
        .hint("restore it with git, or fetch it again with `ungleich-django secret cert --refresh --accept-new-cert`")
        .into()
    })
}

/// The bytes of `--cert`: a file, or an https URL.
fn read_location(ctx: &Context, location: &str) -> anyhow::Result<Vec<u8>> {
    if location.contains("://") {
        let location = location.to_owned();
        return Ok(ctx.block_on(async move { crate::https::get(&location).await })??);
    }
    let path = ctx.cwd.join(location);
    std::fs::read(&path).map_err(|e| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("cannot read the certificate {}: {e}", path.display()),
        )
        .into()
    })
}
