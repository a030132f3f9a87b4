//! The sealing certificate cached in the deploy repository: there, readable, RSA, not expired
//! and not about to expire. Whether it still matches the cluster's is the command's to ask.

use std::path::Path;

use crate::seal::SealingCert;

use super::Finding;

/// Renewal is normal (the controller makes a new key every 30 days) and an expired certificate
/// refuses to seal, so warn while there is time to refresh.
const WARN_BEFORE_EXPIRY_DAYS: i64 = 14;

/// Checks the cached certificate at `path`, named `shown` in findings (where the user knows it,
/// not the cached clone's path); returns it when it can be used for comparison.
#[must_use]
pub fn cached(
    path: &Path,
    shown: &str,
    now: jiff::Timestamp,
) -> (Vec<Finding>, Option<SealingCert>) {
    let refresh = "run `ungleich-django secret cert --refresh` to fetch the cluster's certificate";
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let message = format!("no sealing certificate is cached yet in {shown}");
            return (
                vec![Finding::warn("certificate.cached", message, refresh)],
                None,
            );
        }
        Err(e) => {
            let message = format!("cannot read {shown}: {e}");
            return (
                vec![Finding::fail("certificate.cached", message, refresh)],
                None,
            );
        }
    };
    let cert = match SealingCert::from_pem(&bytes) {
        Ok(cert) => cert,
        Err(e) => {
            let message = format!("{shown} is not a usable sealing certificate: {e}");
            return (
                vec![Finding::fail("certificate.cached", message, refresh)],
                None,
            );
        }
    };
    let expires = cert.not_after();
    let described = format!(
        "sealing certificate SHA256 {} (RSA {} bits, expires {})",
        cert.fingerprint(),
        cert.key_bits(),
        expires.strftime("%Y-%m-%d")
    );
    let finding = if cert.check_valid_at(now).is_err() {
        Finding::fail(
            "certificate.valid",
            format!("the cached {described} has expired"),
            refresh,
        )
    } else if expires.as_second() - now.as_second() < WARN_BEFORE_EXPIRY_DAYS * 86_400 {
        Finding::warn(
            "certificate.valid",
            format!("the cached {described} expires soon"),
            refresh,
        )
    } else {
        Finding::ok(
            "certificate.valid",
            format!("the cached {described} is valid"),
        )
    };
    (vec![finding], Some(cert))
}

/// Compares the cached certificate with the one the cluster serves now.
#[must_use]
pub fn matches_cluster(cached: &SealingCert, fresh_pem: &[u8]) -> Finding {
    match SealingCert::from_pem(fresh_pem) {
        Ok(fresh) if fresh.fingerprint() == cached.fingerprint() => Finding::ok(
            "certificate.matches",
            "the cluster serves the cached sealing certificate",
        ),
        Ok(fresh) => Finding::fail(
            "certificate.matches",
            format!(
                "the cluster serves sealing certificate SHA256 {}, not the cached SHA256 {}",
                fresh.fingerprint(),
                cached.fingerprint()
            ),
            "a renewed key is normal, a swapped one is an attack: check the new fingerprint with your hoster, then run `ungleich-django secret cert --refresh --accept-new-cert`",
        ),
        Err(e) => Finding::fail(
            "certificate.matches",
            format!("the cluster's sealing certificate is unusable: {e}"),
            "ask your hoster to check the SealedSecrets controller",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_cache_is_a_warning_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let (findings, cert) = cached(
            &dir.path().join("sealing-cert.pem"),
            "sealing-cert.pem",
            jiff::Timestamp::now(),
        );
        assert!(cert.is_none());
        assert_eq!(findings[0].status, super::super::Status::Warn);
        assert!(
            findings[0]
                .fix
                .as_deref()
                .unwrap()
                .contains("secret cert --refresh")
        );
    }

    #[test]
    fn garbage_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sealing-cert.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let (findings, cert) = cached(&path, "sealing-cert.pem", jiff::Timestamp::now());
        assert!(cert.is_none());
        assert_eq!(findings[0].status, super::super::Status::Fail);
    }
}
