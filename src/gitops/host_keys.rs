//! SSH host keys. libgit2 (≥ 1.6) checks the server's key against `~/.ssh/known_hosts` only;
//! ssh also reads `~/.ssh/known_hosts2` and the system files `/etc/ssh/ssh_known_hosts` and
//! `/etc/ssh/ssh_known_hosts2`, which managed machines and CI images fill. Our check callback
//! records the key for the error message, then:
//! - a key a `@revoked` line of any of those four files names for this host is refused, whatever
//!   else vouches for it;
//! - a key a line of the three files libgit2 does not read trusts is accepted (`CertificateOk`);
//! - anything else passes libgit2's own `~/.ssh/known_hosts` verdict through. Never answer "ok"
//!   otherwise: that would accept any key.
//!
//! The format is read as ssh reads it (`known_hosts`). Missing or unreadable files count as empty,
//! as for ssh. libgit2 asks the server for the key types `~/.ssh/known_hosts` lists for the host,
//! and otherwise takes libssh2's order (ECDSA before Ed25519 before RSA): a system file must hold
//! that key type for a host absent from `~/.ssh/known_hosts` (`ssh-keyscan` writes every type).
//!
//! Tests cannot write `/etc`: the internal variable [`SYSTEM_FILES_ENV`] (a `:`-separated list of
//! paths) replaces the two system files. It is for the test suite, not documented for users; it
//! grants nothing that `HOME` does not already.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use base64::Engine as _;
use git2::CertificateCheckStatus;
use git2::cert::{Cert, SshHostKeyType};

use super::GitError;
use super::known_hosts::{self, PresentedKey, Verdict};

/// Internal, for tests: the system known_hosts files to read instead of `/etc/ssh/...`.
pub const SYSTEM_FILES_ENV: &str = "UNGLEICH_TEST_SYSTEM_KNOWN_HOSTS";

/// The SSH host key the server presented, as `ssh-keygen -l` shows it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SeenHostKey {
    pub key_type: String,
    pub fingerprint: String,
    /// The file whose `@revoked` line refused the key.
    pub revoked_in: Option<PathBuf>,
}

/// The known_hosts files ssh reads besides `~/.ssh/known_hosts`: the user's second file and the
/// system files.
fn extra_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = user_file("known_hosts2").into_iter().collect();
    match std::env::var_os(SYSTEM_FILES_ENV) {
        Some(list) => files.extend(std::env::split_paths(&list)),
        None => files
            .extend(["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"].map(PathBuf::from)),
    }
    files
}

fn user_file(name: &str) -> Option<PathBuf> {
    etcetera::home_dir().ok().map(|h| h.join(".ssh").join(name))
}

/// What the files libgit2 does not read say about `key`; a revocation in `~/.ssh/known_hosts`
/// counts too, since libgit2 does not honour it.
fn lookup(host: &str, port: u16, key: PresentedKey<'_>) -> (Verdict, Option<PathBuf>) {
    let name = known_hosts::lookup_name(host, port);
    let main = user_file("known_hosts");
    let mut trusted = false;
    for file in main.iter().chain(extra_files().iter()) {
        let Ok(contents) = std::fs::read_to_string(file) else {
            continue;
        };
        match known_hosts::verdict(&contents, &name, key) {
            Verdict::Revoked => return (Verdict::Revoked, Some(file.clone())),
            Verdict::Trusted if Some(file) != main.as_ref() => trusted = true,
            _ => {}
        }
    }
    let verdict = if trusted {
        Verdict::Trusted
    } else {
        Verdict::Unknown
    };
    (verdict, None)
}

/// A check callback for a server on `port` (libgit2 names only the host): records the host key,
/// refuses a revoked one, accepts one the files libgit2 skips trust, and otherwise defers to
/// libgit2's known_hosts verdict.
pub(crate) fn check(
    seen: Rc<RefCell<Option<SeenHostKey>>>,
    port: u16,
) -> impl FnMut(&Cert<'_>, &str) -> Result<CertificateCheckStatus, git2::Error> {
    move |cert, host| {
        let Some(key) = cert.as_hostkey() else {
            return Ok(CertificateCheckStatus::CertificatePassthrough);
        };
        let fingerprint = key.hash_sha256().map(|hash| {
            format!(
                "SHA256:{}",
                base64::engine::general_purpose::STANDARD_NO_PAD.encode(hash)
            )
        });
        let mut record = SeenHostKey {
            key_type: key.hostkey_type().map_or("unknown", type_name).to_owned(),
            fingerprint: fingerprint.unwrap_or_else(|| "(no SHA256 fingerprint)".to_owned()),
            revoked_in: None,
        };
        let presented = key
            .hostkey()
            .zip(key.hostkey_type().and_then(known_hosts_name));
        let verdict = match presented {
            Some((blob, key_type)) => {
                let (verdict, file) = lookup(host, port, PresentedKey { key_type, blob });
                record.revoked_in = file;
                verdict
            }
            None => Verdict::Unknown,
        };
        *seen.borrow_mut() = Some(record);
        match verdict {
            Verdict::Trusted => Ok(CertificateCheckStatus::CertificateOk),
            // libgit2 replaces the message with its own; `untrusted` explains from `seen`.
            Verdict::Revoked => Err(git2::Error::new(
                git2::ErrorCode::Certificate,
                git2::ErrorClass::Ssh,
                "the host key is revoked",
            )),
            Verdict::Unknown => Ok(CertificateCheckStatus::CertificatePassthrough),
        }
    }
}

/// The key type as known_hosts lines name it (the name inside the key's blob).
fn known_hosts_name(kind: SshHostKeyType) -> Option<&'static str> {
    Some(match kind {
        SshHostKeyType::Rsa => "ssh-rsa",
        SshHostKeyType::Dss => "ssh-dss",
        SshHostKeyType::Ecdsa256 => "ecdsa-sha2-nistp256",
        SshHostKeyType::Ecdsa384 => "ecdsa-sha2-nistp384",
        SshHostKeyType::Ecdsa521 => "ecdsa-sha2-nistp521",
        SshHostKeyType::Ed255219 => "ssh-ed25519",
        _ => return None,
    })
}

fn type_name(kind: SshHostKeyType) -> &'static str {
    match kind {
        SshHostKeyType::Rsa => "RSA",
        SshHostKeyType::Dss => "DSA",
        SshHostKeyType::Ecdsa256 | SshHostKeyType::Ecdsa384 | SshHostKeyType::Ecdsa521 => "ECDSA",
        SshHostKeyType::Ed255219 => "ED25519",
        _ => "unknown",
    }
}

/// The error for a refused SSH host key, when `err` is one.
pub(crate) fn untrusted(
    err: &git2::Error,
    url: &str,
    seen: Option<&SeenHostKey>,
) -> Option<GitError> {
    if err.code() != git2::ErrorCode::Certificate || err.class() != git2::ErrorClass::Ssh {
        return None;
    }
    let (host, port) = ssh_host_port(url);
    let seen = seen.cloned().unwrap_or_default();
    if let Some(file) = seen.revoked_in {
        return Some(GitError::HostKeyRevoked {
            host,
            port,
            key_type: seen.key_type,
            fingerprint: seen.fingerprint,
            file,
        });
    }
    Some(GitError::HostKeyUntrusted {
        host,
        port,
        key_type: seen.key_type,
        fingerprint: seen.fingerprint,
    })
}

/// The host and port of an ssh URL: `ssh://[user@]host[:port]/path` or scp-like `user@host:path`.
pub(crate) fn ssh_host_port(url: &str) -> (String, u16) {
    if let Some(rest) = url.strip_prefix("ssh://") {
        let authority = rest.split('/').next().unwrap_or(rest);
        let host_port = authority.rsplit('@').next().unwrap_or(authority);
        if let Some(bracketed) = host_port.strip_prefix('[') {
            let (host, after) = bracketed.split_once(']').unwrap_or((bracketed, ""));
            let port = after.strip_prefix(':').and_then(|p| p.parse().ok());
            return (host.to_owned(), port.unwrap_or(22));
        }
        return match host_port.rsplit_once(':') {
            Some((host, port)) => (host.to_owned(), port.parse().unwrap_or(22)),
            None => (host_port.to_owned(), 22),
        };
    }
    let before_path = url.split(':').next().unwrap_or(url);
    let host = before_path.rsplit('@').next().unwrap_or(before_path);
    (host.to_owned(), 22)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_ports_come_from_both_url_forms() {
        for (url, host, port) in [
            ("ssh://git@127.0.0.1:2222/srv/x.git", "127.0.0.1", 2222),
            ("ssh://host/x.git", "host", 22),
            ("ssh://git@[::1]:2200/x", "::1", 2200),
            ("git@git.example.com:acme/shop.git", "git.example.com", 22),
            ("host:x", "host", 22),
        ] {
            assert_eq!(ssh_host_port(url), (host.to_owned(), port), "{url}");
        }
    }
}
