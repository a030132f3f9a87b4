//! Sealing secrets client-side exactly as the SealedSecrets controller unseals them (see
//! `notes/sealed-secrets.md`): the certificate, the hybrid encryption, the manifest and the
//! dotenv files values come from. Never prints; plaintext only in [`SecretValue`].

pub mod cert;
pub mod dotenv;
pub mod hybrid;
pub mod keys;
pub mod plaintext;
pub mod sealed_secret;
pub mod value;

pub use cert::{CertError, Fingerprint, SealingCert};
pub use hybrid::{Scope, seal};
pub use sealed_secret::{ManifestError, SealedSecret};
pub use value::{SecretBuffer, SecretValue};
