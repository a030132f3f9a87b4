//! When each key last changed: read from the deploy repository's history of sealed-secrets.yaml,
//! comparing ciphertexts (values are never read; there is none to read).

use std::collections::BTreeMap;

use crate::gitops::DeployRepo;
use crate::seal::SealedSecret;

use super::{SecretsError, Workspace};

/// The commit that gave a key the ciphertext it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChange {
    /// The full commit id.
    pub commit: String,
    /// The commit's time.
    pub time: jiff::Timestamp,
}

/// For each key of `current`, the newest commit whose version of the file gave the key the
/// ciphertext it has now. A key whose ciphertext is not in HEAD is not committed yet, and is
/// missing from the answer.
///
/// # Errors
/// When git cannot walk the history.
pub fn last_changes(
    workspace: &Workspace,
    repo: &DeployRepo,
    current: &SealedSecret,
) -> Result<BTreeMap<String, KeyChange>, SecretsError> {
    let path = workspace.sealed_path();
    let mut found = BTreeMap::new();
    let mut pending: Vec<String> = current.keys();
    let parse = |bytes: &Option<Vec<u8>>| {
        bytes
            .as_deref()
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|text| SealedSecret::parse(&path, text).ok())
    };
    let mut first = true;
    repo.file_history(&path, |version| {
        let now = parse(&version.contents);
        let before = parse(&version.previous);
        let value = |s: &Option<SealedSecret>, key: &str| {
            s.as_ref().and_then(|s| s.get(key)).map(str::to_owned)
        };
        pending.retain(|key| {
            let committed = value(&now, key);
            // The newest commit must hold what the work tree holds; otherwise the key changed
            // after it and is not committed.
            if first && committed.as_deref() != current.get(key) {
                return false;
            }
            if committed != value(&before, key) {
                let change = KeyChange {
                    commit: version.commit.clone(),
                    time: version.time,
                };
                found.insert(key.clone(), change);
                return false;
            }
            true
        });
        first = false;
        !pending.is_empty()
    })?;
    Ok(found)
}
