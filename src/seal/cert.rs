//! The controller's sealing certificate: the first `CERTIFICATE` of a PEM bundle, RSA only, not
//! expired. Like kubeseal, nothing else is checked (controller certificates are self-signed CAs
//! with `KeyUsage = EncipherOnly` and often an empty subject).

use std::fmt;

use rsa::RsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode, EncodePem, pem::LineEnding};

/// The OID of `rsaEncryption` (RFC 8017).
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

/// A parsed sealing certificate.
#[derive(Clone)]
pub struct SealingCert {
    der: Vec<u8>,
    public_key: RsaPublicKey,
    not_after: jiff::Timestamp,
    fingerprint: Fingerprint,
}

/// The SHA-256 of a certificate's DER, shown as `openssl x509 -fingerprint -sha256` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{byte:02X}")?;
        }
        Ok(())
    }
}

/// A certificate that cannot be used for sealing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CertError {
    /// No PEM `CERTIFICATE` block at all.
    #[error(
        "no PEM certificate found (expected a block starting with -----BEGIN CERTIFICATE-----)"
    )]
    NoCertificate,
    /// The block is not valid base64 or DER, or not an X.509 certificate.
    #[error("the certificate is not valid X.509: {0}")]
    Malformed(String),
    /// The key is ECDSA, Ed25519, ...; SealedSecrets uses RSA only.
    #[error("the certificate holds a {algorithm} key, but SealedSecrets seals with RSA keys only")]
    NotRsa { algorithm: String },
    /// The RSA key is too short to protect secrets (the controller's own is 4096 bits).
    #[error(
        "the certificate's RSA key has {bits} bits; sealing needs at least {MIN_RSA_BITS} (the controller makes 4096-bit keys), so it is not the controller's"
    )]
    WeakKey { bits: usize },
    /// `NotAfter` has passed; kubeseal refuses it too.
    #[error("the sealing certificate expired on {date} (NotAfter {not_after})")]
    Expired { date: String, not_after: String },
}

/// The shortest RSA key sealing accepts: NIST's floor since 2013, and half the controller's.
pub const MIN_RSA_BITS: usize = 2048;

impl SealingCert {
    /// Parses the first `CERTIFICATE` block of `pem`; other blocks are skipped, as kubeseal does.
    ///
    /// # Errors
    /// When there is no certificate, it does not parse, or its key is not RSA.
    pub fn from_pem(pem: &[u8]) -> Result<Self, CertError> {
        let der = first_certificate_der(pem)?;
        Self::from_der(der)
    }

    fn from_der(der: Vec<u8>) -> Result<Self, CertError> {
        let cert = Certificate::from_der(&der).map_err(|e| CertError::Malformed(e.to_string()))?;
        let tbs = &cert.tbs_certificate;
        let spki = &tbs.subject_public_key_info;
        let oid = spki.algorithm.oid.to_string();
        if oid != RSA_ENCRYPTION {
            return Err(CertError::NotRsa {
                algorithm: algorithm_name(&oid),
            });
        }
        let spki_der = spki
            .to_der()
            .map_err(|e| CertError::Malformed(e.to_string()))?;
        let public_key = RsaPublicKey::from_public_key_der(&spki_der)
            .map_err(|e| CertError::Malformed(format!("bad RSA public key: {e}")))?;
        let bits = rsa::traits::PublicKeyParts::size(&public_key) * 8;
        if bits < MIN_RSA_BITS {
            return Err(CertError::WeakKey { bits });
        }
        let seconds = tbs.validity.not_after.to_unix_duration().as_secs();
        let not_after = i64::try_from(seconds)
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        let fingerprint = Fingerprint(Sha256::digest(&der).into());
        Ok(SealingCert {
            der,
            public_key,
            not_after,
            fingerprint,
        })
    }

    /// Refuses a certificate whose `NotAfter` is before `now`.
    ///
    /// # Errors
    /// [`CertError::Expired`], with the date.
    pub fn check_valid_at(&self, now: jiff::Timestamp) -> Result<(), CertError> {
        if now > self.not_after {
            return Err(CertError::Expired {
                date: self.not_after.strftime("%B %-d, %Y").to_string(),
                not_after: self.not_after.to_string(),
            });
        }
        Ok(())
    }

    /// The RSA key values are sealed to.
    #[must_use]
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public_key
    }

    /// When the certificate expires.
    #[must_use]
    pub fn not_after(&self) -> jiff::Timestamp {
        self.not_after
    }

    /// SHA-256 of the DER encoding.
    #[must_use]
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The key size in bits (2048, 4096, ...).
    #[must_use]
    pub fn key_bits(&self) -> usize {
        rsa::traits::PublicKeyParts::size(&self.public_key) * 8
    }

    /// This certificate alone, as PEM: what the cache file holds.
    #[must_use]
    pub fn to_pem(&self) -> String {
        // Re-encoding the parsed DER cannot fail; fall back to nothing rather than panic.
        Certificate::from_der(&self.der)
            .ok()
            .and_then(|c| c.to_pem(LineEnding::LF).ok())
            .unwrap_or_default()
    }
}

impl fmt::Debug for SealingCert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealingCert")
            .field("fingerprint", &self.fingerprint.to_string())
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

/// The DER of the first `CERTIFICATE` block; blocks of other types are skipped.
fn first_certificate_der(pem: &[u8]) -> Result<Vec<u8>, CertError> {
    let text = String::from_utf8_lossy(pem);
    let mut rest = text.as_ref();
    const BEGIN: &str = "-----BEGIN ";
    while let Some(start) = rest.find(BEGIN) {
        let block = &rest[start..];
        let label_end = block[BEGIN.len()..].find("-----").map(|i| i + BEGIN.len());
        let Some(label_end) = label_end else { break };
        let label = &block[BEGIN.len()..label_end];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = block.find(&end_marker) else {
            return Err(CertError::Malformed(format!(
                "the PEM block {label} has no end line"
            )));
        };
        let whole = &block[..end + end_marker.len()];
        if label == "CERTIFICATE" {
            let (_, der) = x509_cert::der::pem::decode_vec(whole.as_bytes())
                .map_err(|e| CertError::Malformed(format!("bad PEM: {e}")))?;
            return Ok(der);
        }
        rest = &block[end + end_marker.len()..];
    }
    Err(CertError::NoCertificate)
}

fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.2.840.10045.2.1" => "ECDSA".to_owned(),
        "1.3.101.112" => "Ed25519".to_owned(),
        "1.3.101.113" => "Ed448".to_owned(),
        "1.2.840.10040.4.1" => "DSA".to_owned(),
        "1.2.840.113549.1.1.10" => "RSA-PSS".to_owned(),
        other => format!("non-RSA ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `testCert` from kubeseal's own tests (pkg/kubeseal/kubeseal_test.go): RSA-4096, empty
    /// subject, valid 2017-06-20 to 2027-06-18.
    pub(crate) const KUBESEAL_TEST_CERT: &str = include_str!("testdata/kubeseal-test-cert.pem");
    /// An ECDSA P-256 certificate made with openssl.
    const EC_CERT: &str = include_str!("testdata/ec-cert.pem");

    #[test]
    fn parses_kubeseals_test_certificate() {
        let cert = SealingCert::from_pem(KUBESEAL_TEST_CERT.as_bytes()).unwrap();
        assert_eq!(cert.key_bits(), 4096);
        assert_eq!(cert.not_after().to_string(), "2027-06-18T04:32:45Z");
        assert_eq!(cert.fingerprint().to_string().len(), 32 * 3 - 1);
        let again = SealingCert::from_pem(cert.to_pem().as_bytes()).unwrap();
        assert_eq!(again.fingerprint(), cert.fingerprint());
    }

    #[test]
    fn takes_the_first_certificate_and_skips_other_blocks() {
        let bundle = format!(
            "junk\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n{KUBESEAL_TEST_CERT}{EC_CERT}"
        );
        let cert = SealingCert::from_pem(bundle.as_bytes()).unwrap();
        assert_eq!(cert.key_bits(), 4096);
    }

    #[test]
    fn refuses_what_cannot_seal() {
        type Check = fn(&CertError) -> bool;
        let cases: [(&str, Check); 4] = [
            ("", |e| *e == CertError::NoCertificate),
            ("hello", |e| *e == CertError::NoCertificate),
            (
                "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
                |e| matches!(e, CertError::Malformed(_)),
            ),
            (EC_CERT, |e| {
                *e == CertError::NotRsa {
                    algorithm: "ECDSA".into(),
                }
            }),
        ];
        for (pem, check) in cases {
            let err = SealingCert::from_pem(pem.as_bytes()).unwrap_err();
            assert!(check(&err), "{pem:?}: {err}");
        }
    }

    #[test]
    fn expiry_names_the_date() {
        let cert = SealingCert::from_pem(KUBESEAL_TEST_CERT.as_bytes()).unwrap();
        assert!(
            cert.check_valid_at("2027-06-17T00:00:00Z".parse().unwrap())
                .is_ok()
        );
        let err = cert
            .check_valid_at("2027-06-18T04:32:46Z".parse().unwrap())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the sealing certificate expired on June 18, 2027 (NotAfter 2027-06-18T04:32:45Z)"
        );
    }
}
