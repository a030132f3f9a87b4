//! Dotenv files, known_hosts lines, PEM certificates and the kubelet's log lines.

use base64::Engine as _;
use hmac::{Hmac, Mac};

use super::{first_line, text};
use crate::cluster::logs::{Dedup, split_timestamp};
use crate::gitops::known_hosts::{self, PresentedKey, Verdict};
use crate::seal::cert::SealingCert;
use crate::seal::dotenv;

/// Marks the secret in a dotenv input. The fuzzer's own copies are taken out first, so any of it
/// in an error can only have come from a value.
const SECRET: &str = "\u{E000}s3cr3t\u{E000}";

/// A dotenv value never reaches an error message, nor the debug output of what was parsed. The
/// secret is put at the end of every line, where it is part of a value, a comment, or a line
/// that is no `KEY=value` at all (which may be the middle of a badly quoted value): never a key.
pub(super) fn dotenv(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let clean = text.replace('\u{E000}', "");
    let with_secrets = clean.replace('\n', &format!("{SECRET}\n")) + SECRET;
    match dotenv::parse_with_repeats(&with_secrets) {
        Ok((entries, repeated)) => {
            let shown = format!("{entries:?} {repeated:?}");
            assert!(!shown.contains('\u{E000}'), "a value is shown: {shown}");
            for (key, _) in &entries {
                assert!(
                    crate::seal::keys::check_name(key).is_ok(),
                    "`{key}` is no name"
                );
            }
        }
        Err(error) => {
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains('\u{E000}'), "a value leaks: {shown}");
            let lines = with_secrets.split('\n').count();
            assert!(
                error.line >= 1 && error.line <= lines,
                "line {}",
                error.line
            );
        }
    }
}

/// The key every known_hosts input is asked about.
const ED25519: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

/// The first line is a host (and `:port`), the rest a known_hosts file. What ssh would decide
/// holds whatever else the file says: a line naming the host with the key trusts it unless a
/// line revokes it; a `@revoked` line always wins; the hashed form of a name matches as the
/// name does.
pub(super) fn known_hosts(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (host_line, contents) = first_line(text);
    let (host, port) = match host_line.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().unwrap_or(22)),
        None => (host_line, 22),
    };
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    let host = if plain { host } else { "git.example.com" };
    let name = known_hosts::lookup_name(host, port);
    let blob = base64::engine::general_purpose::STANDARD
        .decode(ED25519)
        .unwrap();
    let key = PresentedKey {
        key_type: "ssh-ed25519",
        blob: &blob,
    };
    let before = known_hosts::verdict(contents, &name, key);
    let with = |line: &str| known_hosts::verdict(&format!("{contents}\n{line}\n"), &name, key);
    let trusted = if before == Verdict::Revoked {
        Verdict::Revoked
    } else {
        Verdict::Trusted
    };
    assert_eq!(with(&format!("{name} ssh-ed25519 {ED25519}")), trusted);
    assert_eq!(
        with(&format!("{} ssh-ed25519 {ED25519}", hashed(&name))),
        trusted
    );
    assert_eq!(
        with(&format!("@revoked {name} ssh-ed25519 {ED25519}")),
        Verdict::Revoked
    );
    assert_eq!(
        with(&format!("!{name},* ssh-ed25519 {ED25519}")),
        before,
        "a negated name must not make the line apply"
    );
}

/// `name` hashed as `ssh-keygen -H` writes it, with a fixed salt.
fn hashed(name: &str) -> String {
    let salt = [7u8; 20];
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&salt).unwrap();
    mac.update(name.as_bytes());
    let engine = base64::engine::general_purpose::STANDARD;
    format!(
        "|1|{}|{}",
        engine.encode(salt),
        engine.encode(mac.finalize().into_bytes())
    )
}

/// A sealing certificate that parses writes out as PEM that parses to the same certificate.
pub(super) fn pem_cert(data: &[u8]) {
    let Ok(cert) = SealingCert::from_pem(data) else {
        return;
    };
    let pem = cert.to_pem();
    let again = SealingCert::from_pem(pem.as_bytes())
        .unwrap_or_else(|e| panic!("the written PEM does not parse: {e}\n{pem}"));
    assert_eq!(cert.fingerprint(), again.fingerprint());
    assert_eq!(cert.public_key(), again.public_key());
    assert_eq!(cert.not_after(), again.not_after());
    assert!(cert.key_bits() >= crate::seal::cert::MIN_RSA_BITS);
}

/// The kubelet's `TIMESTAMP TEXT`: the parts put back together are the line; a stream read
/// twice (a reconnect from [`Dedup::resume_from`]) prints each line once.
pub(super) fn log_line(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        let (ts, parsed, rest) = split_timestamp(raw);
        match parsed {
            Some(at) => {
                assert_eq!(format!("{ts} {rest}"), raw);
                assert_eq!(ts.parse::<jiff::Timestamp>().ok(), Some(at));
                lines.push((at, rest));
            }
            None => assert_eq!((ts, rest), ("", raw)),
        }
    }
    // A kubelet's stream is in time order, and one line is not written twice in the same
    // nanosecond; the rest of the input is not a stream.
    lines.sort();
    lines.dedup();
    let mut dedup = Dedup::default();
    for (at, rest) in &lines {
        assert!(dedup.admit(Some(*at), rest), "a new line is dropped");
    }
    let from = dedup.resume_from();
    for (at, rest) in lines.iter().filter(|(at, _)| from.is_none_or(|f| *at >= f)) {
        assert!(!dedup.admit(Some(*at), rest), "a line is shown twice");
    }
}
