//! OpenSSH's known_hosts format (`man sshd`, "SSH_KNOWN_HOSTS FILE FORMAT"), read the way `ssh`
//! reads it: what a set of files says about one host's key. Pure: the caller reads the files.
//!
//! - A line is `[marker] hosts keytype base64 [comment]`; blank lines and `#` comments are skipped,
//!   and so is any line ssh would not parse.
//! - `hosts` is a comma-separated list of patterns (`*`, `?`, `!` negation: a negated match makes
//!   the whole line not apply), compared without case; or one hashed name `|1|salt|hmac`, the
//!   HMAC-SHA1 of the name keyed with the salt (what `ssh-keygen -H` writes).
//! - The name looked up is `host` for port 22 and `[host]:port` otherwise, with no fallback from
//!   one to the other (ssh has none).
//! - `@revoked` marks a key that must never be accepted for the hosts it names, whatever other
//!   lines say; `@cert-authority` lines are skipped, because libgit2 cannot check certificates.
//! - Keys are compared byte for byte: the line's key type and decoded blob against the type and
//!   raw key libgit2 reports.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// What known_hosts lines say about the key a host presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A line for this host holds this key.
    Trusted,
    /// A `@revoked` line for this host holds this key.
    Revoked,
    /// No line vouches for the key (there may be none for the host, or another key).
    Unknown,
}

/// The key a server presented: its type name as known_hosts writes it, and its wire blob.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PresentedKey<'a> {
    pub key_type: &'a str,
    pub blob: &'a [u8],
}

#[derive(Debug, PartialEq, Eq)]
enum Marker {
    None,
    Revoked,
    CertAuthority,
}

/// One parsed line.
#[derive(Debug)]
struct Line<'a> {
    marker: Marker,
    hosts: &'a str,
    key_type: &'a str,
    blob: Vec<u8>,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let line = line.trim_start_matches([' ', '\t']);
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let mut fields = line.split([' ', '\t']).filter(|f| !f.is_empty());
    let mut first = fields.next()?;
    let marker = match first {
        "@revoked" => Marker::Revoked,
        "@cert-authority" => Marker::CertAuthority,
        m if m.starts_with('@') => return None,
        _ => Marker::None,
    };
    if marker != Marker::None {
        first = fields.next()?;
    }
    let key_type = fields.next()?;
    let blob = base64::engine::general_purpose::STANDARD
        .decode(fields.next()?.trim_end_matches(['\r', '\n']))
        .ok()?;
    Some(Line {
        marker,
        hosts: first,
        key_type,
        blob,
    })
}

/// The name ssh looks up for a host and port.
pub(crate) fn lookup_name(host: &str, port: u16) -> String {
    let host = host.to_lowercase();
    if port == 22 {
        host
    } else {
        format!("[{host}]:{port}")
    }
}

/// Whether a line's host field names `name` (already lowercased, as [`lookup_name`] makes it).
fn hosts_match(hosts: &str, name: &str) -> bool {
    if let Some(hashed) = hosts.strip_prefix("|1|") {
        return hashed_match(hashed, name);
    }
    let mut positive = false;
    for pattern in hosts.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pattern),
        };
        if wildcard_match(&pattern.to_lowercase(), name) {
            if negated {
                return false;
            }
            positive = true;
        }
    }
    positive
}

fn hashed_match(salt_and_hash: &str, name: &str) -> bool {
    let engine = base64::engine::general_purpose::STANDARD;
    let Some((salt, hash)) = salt_and_hash.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (engine.decode(salt), engine.decode(hash)) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&salt) else {
        return false;
    };
    mac.update(name.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

/// ssh's `match_pattern`: `*` is any run of characters, `?` any one character.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // Iterative matching with backtracking to the last `*`.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// What the lines of `contents` say about `key` presented as `name` ([`lookup_name`]).
pub(crate) fn verdict(contents: &str, name: &str, key: PresentedKey<'_>) -> Verdict {
    let mut trusted = false;
    for line in contents.lines().filter_map(parse_line) {
        if line.marker == Marker::CertAuthority
            || line.key_type != key.key_type
            || line.blob != key.blob
            || !hosts_match(line.hosts, name)
        {
            continue;
        }
        if line.marker == Marker::Revoked {
            return Verdict::Revoked;
        }
        trusted = true;
    }
    if trusted {
        Verdict::Trusted
    } else {
        Verdict::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    const OTHER: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIFHcmAbcRmB1IoeIq0aVY7yMmyTDq5Tx8QYX8ieyr+vs";

    fn blob(b64: &str) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap()
    }

    fn check(contents: &str, host: &str, port: u16) -> Verdict {
        let blob = blob(ED);
        verdict(
            contents,
            &lookup_name(host, port),
            PresentedKey {
                key_type: "ssh-ed25519",
                blob: &blob,
            },
        )
    }

    // Long because it is a table: one known_hosts line and what ssh makes of it per row.
    #[test]
    fn lines_are_read_as_ssh_reads_them() {
        use Verdict::{Revoked, Trusted, Unknown};
        for (contents, host, port, want) in [
            (
                format!("git.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!("git.example.com ssh-ed25519 {ED} a comment"),
                "GIT.Example.com",
                22,
                Trusted,
            ),
            (
                format!("  \tGit.Example.COM\tssh-ed25519 {ED}\r\n"),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!("a.example.com,git.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Trusted,
            ),
            // another key, another type, another host, a broken key: no say
            (
                format!("git.example.com ssh-ed25519 {OTHER}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("git.example.com ssh-rsa {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("other.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                "git.example.com ssh-ed25519 not*base64".to_owned(),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                "git.example.com ssh-ed25519".to_owned(),
                "git.example.com",
                22,
                Unknown,
            ),
            // comments and blank lines
            (
                format!("# git.example.com ssh-ed25519 {ED}\n\n"),
                "git.example.com",
                22,
                Unknown,
            ),
            // ports: bare for 22, bracketed otherwise, no fallback either way
            (
                format!("[git.example.com]:2222 ssh-ed25519 {ED}"),
                "git.example.com",
                2222,
                Trusted,
            ),
            (
                format!("git.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                2222,
                Unknown,
            ),
            (
                format!("[git.example.com]:22 ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("[git.example.com]:2222 ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (format!("[::1]:2200 ssh-ed25519 {ED}"), "::1", 2200, Trusted),
            // wildcards and negation
            (
                format!("*.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!("git?.example.com ssh-ed25519 {ED}"),
                "git2.example.com",
                22,
                Trusted,
            ),
            (
                format!("git?.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("[*.example.com]:* ssh-ed25519 {ED}"),
                "git.example.com",
                2222,
                Trusted,
            ),
            (
                format!("*.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                2222,
                Unknown,
            ),
            (
                format!("*.example.com,!git.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("!git.example.com,*.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("!git.example.com,*.example.com ssh-ed25519 {ED}"),
                "a.example.com",
                22,
                Trusted,
            ),
            (
                format!("!git.example.com ssh-ed25519 {ED}"),
                "a.example.com",
                22,
                Unknown,
            ),
            (format!("* ssh-ed25519 {ED}"), "anything", 22, Trusted),
            // markers
            (
                format!("@revoked * ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Revoked,
            ),
            (
                format!("git.example.com ssh-ed25519 {ED}\n@revoked * ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Revoked,
            ),
            (
                format!("@revoked * ssh-ed25519 {ED}\ngit.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Revoked,
            ),
            (
                format!(
                    "@revoked other.example.com ssh-ed25519 {ED}\ngit.example.com ssh-ed25519 {ED}"
                ),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!("@revoked * ssh-ed25519 {OTHER}\ngit.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!("@cert-authority *.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            (
                format!("@unknown-marker git.example.com ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
            // hashed (`ssh-keygen -H` of git.example.com and of [127.0.0.1]:2222, salts chosen here)
            (
                format!(
                    "|1|AAECAwQFBgcICQoLDA0ODxAREhM=|{} ssh-ed25519 {ED}",
                    hmac_of(&salt(), "git.example.com")
                ),
                "git.example.com",
                22,
                Trusted,
            ),
            (
                format!(
                    "|1|AAECAwQFBgcICQoLDA0ODxAREhM=|{} ssh-ed25519 {ED}",
                    hmac_of(&salt(), "git.example.com")
                ),
                "other.example.com",
                22,
                Unknown,
            ),
            (
                format!(
                    "|1|AAECAwQFBgcICQoLDA0ODxAREhM=|{} ssh-ed25519 {ED}",
                    hmac_of(&salt(), "[127.0.0.1]:2222")
                ),
                "127.0.0.1",
                2222,
                Trusted,
            ),
            (
                format!(
                    "@revoked |1|AAECAwQFBgcICQoLDA0ODxAREhM=|{} ssh-ed25519 {ED}",
                    hmac_of(&salt(), "git.example.com")
                ),
                "git.example.com",
                22,
                Revoked,
            ),
            (
                format!("|1|AAECAwQFBgcICQoLDA0ODxAREhM=|broken ssh-ed25519 {ED}"),
                "git.example.com",
                22,
                Unknown,
            ),
        ] {
            assert_eq!(
                check(&contents, host, port),
                want,
                "{contents:?} for {host} port {port}"
            );
        }
    }

    fn salt() -> Vec<u8> {
        (0..20).collect()
    }

    fn hmac_of(salt: &[u8], name: &str) -> String {
        let mut mac = Hmac::<Sha1>::new_from_slice(salt).unwrap();
        mac.update(name.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    #[test]
    fn an_entry_hashed_by_ssh_keygen_matches_its_host_only() {
        let ssh_keygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen"]
            .into_iter()
            .find(|p| std::path::Path::new(p).is_file())
            .expect("ssh-keygen is needed: run .ci/install (it installs openssh-client)");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("known_hosts");
        std::fs::write(
            &file,
            format!("git.example.com ssh-ed25519 {ED}\n[127.0.0.1]:2222 ssh-ed25519 {ED}\n"),
        )
        .unwrap();
        let status = std::process::Command::new(ssh_keygen)
            .arg("-H")
            .arg("-f")
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        let hashed = std::fs::read_to_string(&file).unwrap();
        assert!(hashed.lines().all(|l| l.starts_with("|1|")), "{hashed}");
        assert!(!hashed.contains("example"), "{hashed}");
        assert_eq!(check(&hashed, "git.example.com", 22), Verdict::Trusted);
        assert_eq!(check(&hashed, "127.0.0.1", 2222), Verdict::Trusted);
        assert_eq!(check(&hashed, "127.0.0.1", 22), Verdict::Unknown);
        assert_eq!(check(&hashed, "other.example.com", 22), Verdict::Unknown);
    }

    #[test]
    fn wildcards_backtrack() {
        for (pattern, name, want) in [
            ("*", "", true),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
            ("*.example.com", "a.b.example.com", true),
            ("?", "", false),
            ("a**", "a", true),
        ] {
            assert_eq!(wildcard_match(pattern, name), want, "{pattern} {name}");
        }
    }
}
