//! Sealing new values (`secret set`, `secret import`): the preparation that fails before any
//! value is asked for, and the commit that adds the ciphertexts (and a new certificate) at once.

use crate::gitops::FileChange;
use crate::seal::{Scope, SealedSecret};

use super::{CertSource, CertUse, Committed, Fetched, Opened, SecretsError, Workspace};

/// One key's value, sealed.
#[derive(Debug, Clone)]
pub struct Ciphertext {
    pub key: String,
    /// The base64 ciphertext, as the SealedSecret's `encryptedData` holds it.
    pub sealed: String,
}

/// What `set` and `import` seal into: the workspace and its repository, the SealedSecret to add
/// keys to, and the certificate.
#[derive(Debug)]
pub struct Prepared {
    pub opened: Opened,
    /// The SealedSecret as it is now (name, scope, label).
    pub sealed: SealedSecret,
    /// The certificate to seal with, and its cache update.
    pub cert: CertUse,
}

/// Checks, before the certificate is read or fetched, that app.yaml can record the secrets'
/// revision and that neither file the commit takes has edits of the user's own; then gets the
/// certificate (`fetch` runs only when the cache does not serve).
///
/// # Errors
/// When app.yaml, sealed-secrets.yaml or the certificate cannot be used.
pub fn prepare<E: From<SecretsError>>(
    opened: Opened,
    scope: Option<Scope>,
    source: &CertSource,
    fetch: impl FnOnce(&Workspace) -> Result<Fetched, E>,
) -> Result<Prepared, E> {
    let sealed = opened.workspace.sealed_for_writing(scope)?;
    opened.workspace.store(&sealed)?;
    opened.workspace.refuse_uncommitted(&opened.repo)?;
    let cert = source.for_sealing(&opened.workspace, fetch)?;
    Ok(Prepared {
        opened,
        sealed,
        cert,
    })
}

impl Prepared {
    /// Commits `ciphertexts` as one commit whose message starts with `headline` (keys, never
    /// values) and records the certificate they were sealed with; a new certificate is cached
    /// in the same commit.
    ///
    /// # Errors
    /// As [`Opened::commit`]; also when the file changed its name, namespace or scope since it
    /// was read.
    pub fn commit(
        &mut self,
        ciphertexts: &[Ciphertext],
        scope: Option<Scope>,
        push: bool,
        headline: &str,
    ) -> Result<Committed, SecretsError> {
        let message = format!(
            "{headline}\n\nSealed for {}/{} ({} scope) with the certificate SHA256 {}.",
            self.opened.workspace.namespace,
            self.sealed.name(),
            self.sealed.scope(),
            self.cert.cert.fingerprint()
        );
        let label = self.sealed.label();
        let cache_update = &self.cert.cache_update;
        self.opened.commit(&message, push, |workspace| {
            insert(workspace, scope, &label, ciphertexts, cache_update)
        })
    }
}

/// The edit of `set` and `import`: adds the sealed values to the file as it is now (which must
/// still be sealed under `label`), and caches the certificate when it is new.
fn insert(
    workspace: &Workspace,
    scope: Option<Scope>,
    label: &str,
    ciphertexts: &[Ciphertext],
    cache_update: &Option<FileChange>,
) -> Result<Vec<FileChange>, SecretsError> {
    let mut sealed = workspace.sealed_for_writing(scope)?;
    if sealed.label() != label {
        return Err(SecretsError::ChangedMeanwhile {
            file: workspace.sealed_path(),
        });
    }
    for Ciphertext { key, sealed: value } in ciphertexts {
        sealed.insert(key, value.clone());
    }
    let mut changes = workspace.store(&sealed)?;
    changes.extend(cache_update.clone());
    Ok(changes)
}
