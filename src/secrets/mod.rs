//! An app's secrets in the deploy repository: the workspace (the app's folder, its
//! sealed-secrets.yaml and app.yaml's `secretsRevision`), the sealing certificate cached there
//! and the trust policy for a fresh one, the keys accepted, the refusal of plaintext Secrets,
//! and the one commit path every change takes.
//!
//! Never prints, prompts or exits: failures are [`SecretsError`]s that classify themselves, and
//! what the user is told comes back as values ([`Committed`], [`CertUse::cached_line`]) for the
//! `secret` commands to report. Talking to the cluster is `async`; the command runs it.

mod certificate;
mod commit;
mod edits;
mod error;
mod history;
pub mod keys;
mod plaintext;
mod sealing;
mod workspace;

pub use certificate::{
    CACHE_FILE, CertAccess, CertSource, CertUse, Fetched, cache_path, read_cache,
};
pub use commit::{Committed, Pushed};
pub use edits::{
    KeysFound, find_keys, reencrypt, remove, replace_all, rotated_data,
    rotation_needs_the_controller,
};
pub use error::SecretsError;
pub use history::{KeyChange, last_changes};
pub use sealing::{Ciphertext, Prepared, prepare};
pub use workspace::{Opened, Workspace};

use sha2::Digest;

/// The revision recorded in app.yaml's `secretsRevision`: it changes with every change of the
/// sealed file, so the chart's pod annotation changes and the pods roll.
#[must_use]
pub fn secrets_revision(sealed_file: &[u8]) -> String {
    let digest = sha2::Sha256::digest(sealed_file);
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
