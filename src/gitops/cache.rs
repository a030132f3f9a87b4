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

/// `dir` with `.suffix` appended to its name. `with_extension` would replace what follows the
/// name's last `.`, the URL's hash with it (`shop-deploy.git-<hash>` became `shop-deploy.lock`),
/// so that URLs differing only in user or scheme shared a lock and a partial clone.
#[must_use]
pub fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    dir.with_file_name(name)
}

/// Creates `dir` (and its parents) readable by the user only, and makes an existing one so: the
/// clones hold the deploy repository, which others on the machine have no business reading.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
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
    let path = sibling(dir, "lock");
    let io = |source| GitError::Write {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        create_private_dir(parent).map_err(io)?;
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
        // URLs differing only in user or scheme have clones, locks and partial clones of their
        // own (issue 21: `with_extension` dropped the hash from the last two).
        let (one, two) = (
            clone_dir("https://alice@h/a/shop-deploy.git").unwrap(),
            clone_dir("https://bob@h/a/shop-deploy.git").unwrap(),
        );
        assert_ne!(one, two);
        assert_ne!(sibling(&one, "lock"), sibling(&two, "lock"));
        assert_ne!(sibling(&one, "partial"), sibling(&two, "partial"));
        assert_eq!(
            sibling(Path::new("/c/h.git-0123"), "lock"),
            Path::new("/c/h.git-0123.lock")
        );
        assert_eq!(key("https://h/a/b"), key("https://h/a/b"));
    }
}
