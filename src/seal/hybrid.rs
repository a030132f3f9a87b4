//! The SealedSecrets ciphertext format (`pkg/crypto/crypto.go` `HybridEncrypt`):
//! `u16be(len(rsa)) || RSA-OAEP-SHA256(session key, label) || AES-256-GCM(plaintext) || tag`,
//! with a fresh 32-byte session key, the all-zero nonce (each key seals exactly one value) and
//! no associated data; `encryptedData` holds it in standard, padded base64.

use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use rsa::{Oaep, RsaPublicKey};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Which objects may unseal a value; the OAEP label binds the ciphertext to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Only a SealedSecret of this name in this namespace (kubeseal's default).
    #[default]
    Strict,
    /// Any SealedSecret in this namespace.
    NamespaceWide,
    /// Any SealedSecret anywhere.
    ClusterWide,
}

impl Scope {
    /// The OAEP label: `namespace/name`, `namespace`, or empty.
    #[must_use]
    pub fn label(self, namespace: &str, name: &str) -> String {
        match self {
            Scope::Strict => format!("{namespace}/{name}"),
            Scope::NamespaceWide => namespace.to_owned(),
            Scope::ClusterWide => String::new(),
        }
    }

    /// The name as kubeseal's `--scope` spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Strict => "strict",
            Scope::NamespaceWide => "namespace-wide",
            Scope::ClusterWide => "cluster-wide",
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Sealing failed inside the crypto libraries (a key too small for OAEP-SHA256, say).
#[derive(Debug, thiserror::Error)]
#[error("cannot seal a value: {0}")]
pub struct SealFailure(String);

/// Seals `plaintext` to `key` under `label`, as base64 ready for `encryptedData`.
///
/// # Errors
/// When the RSA key cannot encrypt a 32-byte key with OAEP-SHA256 (keys under 528 bits).
pub fn seal(key: &RsaPublicKey, label: &str, plaintext: &[u8]) -> Result<String, SealFailure> {
    let mut session_key = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(session_key.as_mut_slice());
    let padding = if label.is_empty() {
        Oaep::new::<Sha256>()
    } else {
        Oaep::new_with_label::<Sha256, _>(label)
    };
    let rsa_ciphertext = key
        .encrypt(&mut OsRng, padding, session_key.as_slice())
        .map_err(|e| SealFailure(e.to_string()))?;
    let length = u16::try_from(rsa_ciphertext.len())
        .map_err(|_| SealFailure("the RSA key is too large".to_owned()))?;
    let aes_ciphertext = Aes256Gcm::new_from_slice(session_key.as_slice())
        .map_err(|e| SealFailure(e.to_string()))?
        .encrypt(&Nonce::default(), plaintext)
        .map_err(|e| SealFailure(e.to_string()))?;
    let mut out = Vec::with_capacity(2 + rsa_ciphertext.len() + aes_ciphertext.len());
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(&rsa_ciphertext);
    out.extend_from_slice(&aes_ciphertext);
    Ok(base64::engine::general_purpose::STANDARD.encode(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::RsaPrivateKey;
    use rsa::rand_core::OsRng as RsaRng;

    /// The reverse of `seal`, written from the controller's `HybridDecrypt`, for the unit tests
    /// only; the integration tests use an independent implementation (kubesealpy).
    fn open(key: &RsaPrivateKey, label: &str, sealed: &str) -> Option<Vec<u8>> {
        let blob = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        let length = usize::from(u16::from_be_bytes([blob[0], blob[1]]));
        let (rsa_part, aes_part) = blob[2..].split_at(length);
        let padding = if label.is_empty() {
            Oaep::new::<Sha256>()
        } else {
            Oaep::new_with_label::<Sha256, _>(label)
        };
        let session_key = key.decrypt(padding, rsa_part).ok()?;
        Aes256Gcm::new_from_slice(&session_key)
            .ok()?
            .decrypt(&Nonce::default(), aes_part)
            .ok()
    }

    #[test]
    fn round_trips_under_each_scope_and_binds_the_label() {
        let private = RsaPrivateKey::new(&mut RsaRng, 1024).unwrap();
        let public = private.to_public_key();
        for scope in [Scope::Strict, Scope::NamespaceWide, Scope::ClusterWide] {
            let label = scope.label("shop", "shop-env");
            let sealed = seal(&public, &label, b"hunter2").unwrap();
            assert_eq!(
                open(&private, &label, &sealed).as_deref(),
                Some(&b"hunter2"[..])
            );
            let other = scope.label("other", "shop-env");
            if other != label {
                assert_eq!(open(&private, &other, &sealed), None, "{scope}");
            }
        }
    }

    #[test]
    fn layout_matches_the_controller() {
        let private = RsaPrivateKey::new(&mut RsaRng, 1024).unwrap();
        let sealed = seal(&private.to_public_key(), "a/b", b"").unwrap();
        let blob = base64::engine::general_purpose::STANDARD
            .decode(&sealed)
            .unwrap();
        assert_eq!(&blob[..2], &[0x00, 0x80], "length prefix of a 1024-bit key");
        assert_eq!(
            blob.len(),
            2 + 128 + 16,
            "an empty value is prefix, key block and tag"
        );
        assert_ne!(
            seal(&private.to_public_key(), "a/b", b"").unwrap(),
            sealed,
            "fresh session key"
        );
    }

    /// A few keys for the property test, made fresh each run (1024 bits: key generation in a
    /// debug build is slow, and the property does not depend on the size).
    fn pool() -> &'static [RsaPrivateKey] {
        static POOL: std::sync::OnceLock<Vec<RsaPrivateKey>> = std::sync::OnceLock::new();
        POOL.get_or_init(|| {
            (0..3)
                .map(|_| RsaPrivateKey::new(&mut RsaRng, 1024).unwrap())
                .collect()
        })
    }

    fn scope() -> impl proptest::strategy::Strategy<Value = Scope> {
        proptest::prop_oneof![
            proptest::strategy::Just(Scope::Strict),
            proptest::strategy::Just(Scope::NamespaceWide),
            proptest::strategy::Just(Scope::ClusterWide),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]

        /// Issue 19: whatever the key, value and scope, the private key opens what was sealed
        /// under the same label, and no other label opens it.
        #[test]
        fn sealing_round_trips_for_any_key_value_and_scope(
            which in 0usize..3,
            value in proptest::collection::vec(proptest::num::u8::ANY, 0..2048),
            namespace in "[a-z][a-z0-9-]{0,20}",
            name in "[a-z][a-z0-9-]{0,20}",
            scope in scope(),
        ) {
            let key = &pool()[which];
            let label = scope.label(&namespace, &name);
            let sealed = seal(&key.to_public_key(), &label, &value).unwrap();
            proptest::prop_assert_eq!(open(key, &label, &sealed), Some(value));
            let elsewhere = scope.label(&format!("{namespace}-x"), &name);
            if elsewhere != label {
                proptest::prop_assert_eq!(open(key, &elsewhere, &sealed), None);
            }
            let other = &pool()[(which + 1) % 3];
            proptest::prop_assert_eq!(open(other, &label, &sealed), None);
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Scope::Strict.label("ns", "n"), "ns/n");
        assert_eq!(Scope::NamespaceWide.label("ns", "n"), "ns");
        assert_eq!(Scope::ClusterWide.label("ns", "n"), "");
    }
}
