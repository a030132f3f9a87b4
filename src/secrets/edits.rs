//! The edits of the commands that change sealed values without sealing new ones: removing keys
//! (`secret unset`) and taking the controller's re-encryption (`secret rotate`).

use crate::gitops::FileChange;
use crate::seal::SealedSecret;

use super::{CertSource, SecretsError, Workspace};

/// The keys asked for, split into those the SealedSecret holds and those it does not.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeysFound {
    pub present: Vec<String>,
    pub missing: Vec<String>,
}

/// Which of `keys` the SealedSecret holds.
#[must_use]
pub fn find_keys(sealed: &SealedSecret, keys: &[String]) -> KeysFound {
    let (present, missing) = keys.iter().cloned().partition(|k| sealed.get(k).is_some());
    KeysFound { present, missing }
}

/// The edit that removes `keys` from the file as it is now.
///
/// # Errors
/// When the file cannot be read or app.yaml cannot record the new revision.
pub fn remove(workspace: &Workspace, keys: &[String]) -> Result<Vec<FileChange>, SecretsError> {
    let mut sealed = workspace.sealed_for_writing(None)?;
    for key in keys {
        sealed.remove(key);
    }
    workspace.store(&sealed)
}

/// Every value of `sealed` re-encrypted to the controller's newest key, through its
/// `/v1/rotate` (only the controller holds the private keys): its answer, for
/// [`rotated_data`].
///
/// # Errors
/// When the cluster or the controller cannot be asked.
pub async fn reencrypt(
    source: &CertSource,
    cluster: &crate::cluster::ClusterTarget,
    sealed: &SealedSecret,
) -> Result<Vec<u8>, SecretsError> {
    let (client, _) = crate::cluster::connect_once(cluster).await?;
    Ok(source.controller.rotate(&client, sealed.to_json()).await?)
}

/// The `encryptedData` of the controller's `/v1/rotate` answer.
///
/// # Errors
/// When the answer is not a SealedSecret with `spec.encryptedData`.
pub fn rotated_data(
    answer: &[u8],
) -> Result<serde_json::Map<String, serde_json::Value>, SecretsError> {
    let rotated: serde_json::Value =
        serde_json::from_slice(answer).map_err(|e| SecretsError::RotateAnswer {
            problem: format!("with something other than a SealedSecret: {e}"),
        })?;
    match rotated.pointer("/spec/encryptedData") {
        Some(serde_json::Value::Object(data)) => Ok(data.clone()),
        _ => Err(SecretsError::RotateAnswer {
            problem: "without spec.encryptedData".to_owned(),
        }),
    }
}

/// The edit that replaces every ciphertext with the controller's re-encryption, and caches its
/// current certificate when it changed.
///
/// # Errors
/// When the file cannot be read or app.yaml cannot record the new revision.
pub fn replace_all(
    workspace: &Workspace,
    data: &serde_json::Map<String, serde_json::Value>,
    cache_update: Option<&FileChange>,
) -> Result<Vec<FileChange>, SecretsError> {
    let mut sealed = workspace.sealed_for_writing(None)?;
    sealed.replace_all(data.clone());
    let mut changes = workspace.store(&sealed)?;
    changes.extend(cache_update.cloned());
    Ok(changes)
}

/// Why re-encryption cannot be done without the cluster, and what to do instead.
#[must_use]
pub fn rotation_needs_the_controller(source: &CertSource) -> String {
    format!(
        "re-encryption needs the private keys, which only the controller {}/{} holds, so it cannot be done offline. Values sealed to an older key keep working (the controller keeps its old keys); run `secret rotate` again when the cluster is reachable, or set each value again with `secret set` after `secret cert --refresh`",
        source.controller.namespace, source.controller.name
    )
}
