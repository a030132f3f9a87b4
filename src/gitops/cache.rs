//! Where the clones of remote deploy repositories live: the user's cache directory (XDG
//! `$XDG_CACHE_HOME/ungleich-django/deploy-repos/`), one clone per URL, each with a lock file so
//! that two commands on one machine take turns.

use std::fs::File;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use super::GitError;

/// The clone's directory for `url`: readable (host and path) and unique (a hash of the URL).
///
/// # Errors
/// When there is no home directory to put the cache in.
pub fn clone_dir(url: &str) -> Result<PathBuf, GitError> {
    let base = etcetera::choose_base_strategy().map_err(|e| GitError::Write {
        path: PathBuf::from("~/.cache"),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(base
        .cache_dir()
        .join("ungleich-django")
        .join("deploy-repos")
        .join(key(url)))
}

/// A directory name for `url`: its readable part, and a stable hash so that URLs which differ
/// only in punctuation never share a clone.
fn key(url: &str) -> String {
    let readable: String = url
        .rsplit('@')
        .next()
        .unwrap_or(url)
        .trim_start_matches("ssh://")
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    format!("{readable}-{:016x}", fnv1a(url.as_bytes()))
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`, so a clone keeps its name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Holds the clone's lock until dropped; the OS releases it if the process dies.
#[derive(Debug)]
pub struct CloneLock {
    _file: File,
}

/// Waits for and takes the exclusive lock of the clone at `dir`.
///
/// # Errors
/// When the lock file cannot be created.
pub fn lock(dir: &Path) -> Result<CloneLock, GitError> {
    let path = dir.with_extension("lock");
    let io = |source| GitError::Write {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    file.lock().map_err(io)?;
    Ok(CloneLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_and_distinct() {
        let a = key("git@git.example.com:acme/shop-deploy.git");
        assert!(
            a.starts_with("git.example.com_acme_shop-deploy.git-"),
            "{a}"
        );
        assert_ne!(key("https://h/a/b"), key("https://h/a_b"));
        assert_eq!(key("https://h/a/b"), key("https://h/a/b"));
    }
}
