//! SSH host keys and TLS certificates. libgit2 (≥ 1.6) checks the SSH host key against
//! `~/.ssh/known_hosts` and OpenSSL checks TLS; our check callback only notes what the server
//! showed and always passes libgit2's verdict through (answering "ok" would accept any key).

use std::cell::RefCell;
use std::rc::Rc;

use base64::Engine as _;
use git2::CertificateCheckStatus;
use git2::cert::{Cert, SshHostKeyType};

use super::GitError;

/// The SSH host key the server presented, as `ssh-keygen -l` shows it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SeenHostKey {
    pub key_type: String,
    pub fingerprint: String,
}

/// A check callback that records the host key and defers to libgit2's known_hosts verdict.
pub(crate) fn check(
    seen: Rc<RefCell<Option<SeenHostKey>>>,
) -> impl FnMut(&Cert<'_>, &str) -> Result<CertificateCheckStatus, git2::Error> {
    move |cert, _host| {
        if let Some(key) = cert.as_hostkey() {
            let fingerprint = key.hash_sha256().map(|hash| {
                format!(
                    "SHA256:{}",
                    base64::engine::general_purpose::STANDARD_NO_PAD.encode(hash)
                )
            });
            *seen.borrow_mut() = Some(SeenHostKey {
                key_type: key.hostkey_type().map_or("unknown", type_name).to_owned(),
                fingerprint: fingerprint.unwrap_or_else(|| "(no SHA256 fingerprint)".to_owned()),
            });
        }
        Ok(CertificateCheckStatus::CertificatePassthrough)
    }
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
