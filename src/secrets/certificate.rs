//! The sealing certificate: the copy cached in the app's folder of the deploy repository, and
//! the trust policy for a fresh one from `--cert` or the cluster. The cache pins the
//! certificate: a fresh one that differs is refused unless the user accepts it, because an
//! unexpected key may be an attack. Expired certificates never seal.

use std::path::{Path, PathBuf};

use crate::cluster::ClusterTarget;
use crate::cluster::sealing_cert::Controller;
use crate::gitops::FileChange;
use crate::seal::SealingCert;

use super::{SecretsError, Workspace};

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

/// What a fresh certificate is fetched with: `--cert`'s file is relative to `cwd`, the
/// controller is asked on `cluster`.
#[derive(Debug, Clone)]
pub struct CertAccess {
    pub cwd: PathBuf,
    pub cluster: ClusterTarget,
}

/// A certificate's bytes as fetched, and where they came from (for the user).
#[derive(Debug)]
pub struct Fetched {
    pub pem: Vec<u8>,
    pub origin: String,
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

    /// Refuses an expired certificate; `advice` is the hint.
    ///
    /// # Errors
    /// When the certificate has expired.
    pub fn check_valid(&self, advice: Option<&'static str>) -> Result<(), SecretsError> {
        self.cert
            .check_valid_at(jiff::Timestamp::now())
            .map_err(|reason| SecretsError::Expired {
                reason,
                origin: self.origin.clone(),
                advice,
            })
    }
}

impl CertSource {
    /// The certificate to seal with: `--cert`, else the cached one, else the cluster's (`fetch`
    /// runs only when the cache does not serve). A fresh one that differs from the cache needs
    /// `--accept-new-cert`. Expired ones are refused.
    ///
    /// # Errors
    /// When no certificate can be had, it is unusable or expired, or it changed unaccepted.
    pub fn for_sealing<E: From<SecretsError>>(
        &self,
        workspace: &Workspace,
        fetch: impl FnOnce(&Workspace) -> Result<Fetched, E>,
    ) -> Result<CertUse, E> {
        let cached = read_cache(workspace)?;
        let found = match (&self.cert, cached) {
            (None, Some(cached)) => CertUse {
                cert: cached,
                cache_update: None,
                origin: format!("cached in {}", cache_path(workspace).display()),
            },
            (_, cached) => self.accept(workspace, fetch(workspace)?, cached.as_ref())?,
        };
        let advice = if self.cert.is_none() && found.cache_update.is_none() {
            "the controller renews its key regularly: run `ungleich-django secret cert --refresh`"
        } else {
            "use the controller's current certificate (`ungleich-django secret cert --refresh`)"
        };
        found.check_valid(Some(advice))?;
        Ok(found)
    }

    /// The certificate `fetched` holds, checked against `cached`: a different one needs
    /// `--accept-new-cert`, and then replaces the cache.
    ///
    /// # Errors
    /// When it is not a certificate, or it changed unaccepted.
    pub fn accept(
        &self,
        workspace: &Workspace,
        fetched: Fetched,
        cached: Option<&SealingCert>,
    ) -> Result<CertUse, SecretsError> {
        let Fetched { pem, origin } = fetched;
        let cert = match SealingCert::from_pem(&pem) {
            Ok(cert) => cert,
            Err(reason) => return Err(SecretsError::NotPem { origin, reason }),
        };
        if let Some(cached) = cached
            && cached.fingerprint() != cert.fingerprint()
            && !self.accept_new_cert
        {
            return Err(SecretsError::CertChanged {
                origin,
                cache: cache_path(workspace),
                cached: cached.fingerprint().to_string(),
                fresh: cert.fingerprint().to_string(),
            });
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

    /// The bytes of a fresh certificate: `--cert`'s file or https URL, else the controller's.
    /// A cluster that cannot give it comes with the advice to use `--cert`.
    ///
    /// # Errors
    /// When the file, the URL or the cluster cannot give it.
    pub async fn fetch(&self, access: &CertAccess) -> Result<Fetched, SecretsError> {
        match &self.cert {
            Some(location) => Ok(Fetched {
                pem: read_location(&access.cwd, location).await?,
                origin: location.clone(),
            }),
            None => self
                .fetch_from_controller(&access.cluster)
                .await
                .map_err(|e| e.without_cluster(WITHOUT_A_CLUSTER)),
        }
    }

    /// The controller's current certificate, whatever `--cert` says.
    ///
    /// # Errors
    /// When the cluster or the controller cannot give it.
    pub async fn fetch_from_controller(
        &self,
        cluster: &ClusterTarget,
    ) -> Result<Fetched, SecretsError> {
        let (client, _) = crate::cluster::connect_once(cluster).await?;
        let pem = self.controller.fetch_cert(&client).await?;
        Ok(Fetched {
            pem,
            origin: format!(
                "the controller {}/{}",
                self.controller.namespace, self.controller.name
            ),
        })
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
pub fn read_cache(workspace: &Workspace) -> Result<Option<SealingCert>, SecretsError> {
    let path = cache_path(workspace);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(reason) => return Err(SecretsError::CacheUnreadable { path, reason }),
    };
    match SealingCert::from_pem(&bytes) {
        Ok(cert) => Ok(Some(cert)),
        Err(reason) => Err(SecretsError::CacheUnusable { path, reason }),
    }
}

/// The bytes of `--cert`: a file, or an https URL.
async fn read_location(cwd: &Path, location: &str) -> Result<Vec<u8>, SecretsError> {
    if location.contains("://") {
        return Ok(crate::https::get(location).await?);
    }
    let path = cwd.join(location);
    std::fs::read(&path).map_err(|reason| SecretsError::CertUnreadable { path, reason })
}
