//! The refusal of plaintext Secrets: a commit of the secret commands never goes into a deploy
//! repository that holds a `kind: Secret`, nor writes one, because anyone who can read the
//! repository could read its values.

use std::path::{Path, PathBuf};

use crate::gitops::{DeployRepo, FileChange};
use crate::seal::plaintext::declares_plain_secret;

use super::SecretsError;

/// YAML and JSON files are where Kubernetes manifests live.
fn is_manifest(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
}

/// A plaintext `kind: Secret` among the files about to be written stops the commit.
///
/// # Errors
/// Naming every such file.
pub fn refuse_in_changes(changes: &[FileChange]) -> Result<(), SecretsError> {
    let offenders: Vec<&Path> = changes
        .iter()
        .filter_map(|change| match change {
            FileChange::Write { path, contents }
                if is_manifest(path)
                    && declares_plain_secret(&String::from_utf8_lossy(contents)) =>
            {
                Some(path.as_path())
            }
            _ => None,
        })
        .collect();
    refusal(&offenders)
}

/// A plaintext `kind: Secret` among the files git tracks in the deploy repository stops the
/// commit too: it would be pushed along with ours.
///
/// # Errors
/// Naming every such file; when the index cannot be read.
pub fn refuse_tracked(root: &Path, repo: &DeployRepo) -> Result<(), SecretsError> {
    let tracked: Vec<PathBuf> = repo.tracked_paths()?;
    let offenders: Vec<&Path> = tracked
        .iter()
        .map(PathBuf::as_path)
        .filter(|path| is_manifest(path))
        .filter(|path| {
            std::fs::read_to_string(root.join(path)).is_ok_and(|text| declares_plain_secret(&text))
        })
        .collect();
    refusal(&offenders)
}

fn refusal(offenders: &[&Path]) -> Result<(), SecretsError> {
    if offenders.is_empty() {
        return Ok(());
    }
    Err(SecretsError::Plaintext {
        files: offenders.iter().map(|p| p.display().to_string()).collect(),
    })
}
