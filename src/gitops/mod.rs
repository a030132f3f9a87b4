//! The deploy repository. Owns every git operation; knows nothing of app.yaml or the terminal.
//!
//! Callers describe one user action as a set of [`FileChange`]s and a message; this module turns
//! it into exactly one commit that stages exactly those paths, and pushes it.
//!
//! - [`DeployRepo::open_with`] finds the repository a link file names: for a remote URL, a clone in the
//!   user's cache directory (`cache`), fetched and fast-forwarded, with the link's branch checked
//!   out under the clone's lock (one clone serves every environment, each maybe on a branch of
//!   its own); a local path or `.` in place. A branch the server lacks stops the command,
//!   unless [`DeployRepo::open_to_start_branch`] starts it (`init -e NAME --deploy-branch B`).
//! - [`DeployRepo::record`] is "commit and push one user action": it re-runs the caller's edit on
//!   the newest tip whenever the push loses a race, a bounded number of times, and never forces.
//! - Keeping the cached clone in step with the server, and repairing what an interrupted
//!   command left, are methods of [`DeployRepo`] too (`repo::sync`); reading history is
//!   `repo::read`.
//! - `transport` chooses, once per URL, what talks to the server:
//!   - ssh remotes go through libgit2 (`libgit2`): one connection per action, authentication
//!     (`credentials`) as git and cargo try it (ssh-agent, `~/.ssh` keys), host keys checked by
//!     libgit2 against `~/.ssh/known_hosts` and by us against the files it skips, the system
//!     `/etc/ssh/ssh_known_hosts` among them (`host_keys`, `known_hosts`).
//!   - http(s) remotes go through the `git` program (`cli`), which reads the user's credential
//!     helpers, CAs and proxies; a token from [`TOKEN_ENV`] serves CI. libgit2 is built
//!     without TLS (README, "Dependencies").
//!   - [`GIT_CLI_ENV`] opts into the `git` program for ssh remotes and signed commits too, for
//!     what libgit2 cannot do: `~/.ssh/config` aliases, `commit.gpgSign`.
//!
//! One user action, from a command (the edit re-reads the files, because it may run again on a
//! newer tip when someone else pushed first):
//!
//! ```no_run
//! # use ungleich_django::gitops::{DeployRepo, FileChange};
//! # fn action(ctx: &ungleich_django::context::Context) -> anyhow::Result<()> {
//! let link = ctx.link()?;
//! let mut repo = DeployRepo::open_with(&link, ctx.git_auth())?;
//! let file = std::path::Path::new(&link.link.deploy.path).join("sealed-secrets.yaml");
//! let recorded = repo
//!     .record("secret set shop: API_KEY", |root| -> anyhow::Result<Vec<FileChange>> {
//!         let current = std::fs::read(root.join(&file)).unwrap_or_default();
//!         let contents = current; // ... the caller's change of the current contents
//!         Ok(vec![FileChange::Write { path: file.clone(), contents }])
//!     })
//!     .map_err(|e| e.into_anyhow())?;
//! println!("revision {} (pushed: {})", recorded.revision, recorded.pushed);
//! # Ok(()) }
//! ```

mod cache;
mod cli;
mod config;
mod create;
mod credentials;
mod error;
mod host_keys;
pub mod identity;
pub(crate) mod known_hosts;
mod libgit2;
mod repo;
mod transport;

use std::path::PathBuf;

pub use create::{is_valid_branch_name, repository_top};
pub use credentials::{Auth, PassphrasePrompt, TOKEN_ENV, TOKEN_USER_ENV};
pub use error::{ActionError, GitError};
pub use repo::{DeployRepo, FileCommit, FileVersion, Recorded};

/// Set to `1` to let the `git` program fetch, push and sign commits instead of libgit2.
pub const GIT_CLI_ENV: &str = "UNGLEICH_GIT_CLI";

/// How many times an action is re-applied on a newer tip when a push loses a race.
pub const MAX_ATTEMPTS: usize = 5;

/// One file of a commit: new contents, or removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Write these bytes at this path (relative to the repository's root).
    Write { path: PathBuf, contents: Vec<u8> },
    /// Remove the file at this path.
    Remove { path: PathBuf },
}

impl FileChange {
    /// The path this change touches, relative to the repository's root.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        match self {
            FileChange::Write { path, .. } | FileChange::Remove { path } => path,
        }
    }
}

/// True when `repo` (from the link file) names a remote rather than a path on this machine:
/// `scheme://...` or scp-like `user@host:path`.
#[must_use]
pub fn is_remote_url(repo: &str) -> bool {
    if repo.contains("://") {
        return !repo.starts_with("file://");
    }
    // scp-like syntax: a colon before any slash, as git decides it (`git help clone`, GIT URLS).
    match (repo.find(':'), repo.find('/')) {
        (Some(colon), Some(slash)) => colon < slash && colon > 1,
        (Some(colon), None) => colon > 1,
        _ => false,
    }
}

/// The cached clone of the remote deploy repository `url`, when there is one; it may be behind
/// the server, so it answers only what a default may come from.
#[must_use]
pub fn cached_clone(url: &str) -> Option<PathBuf> {
    cache::clone_dir(url)
        .ok()
        .filter(|dir| dir.join(".git").is_dir())
}

/// True for an `http://` or `https://` remote, which the git program fetches and pushes.
#[must_use]
pub fn is_http_url(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
    })
}

/// The password of a `scheme://user:password@host/...` URL, which must stay out of files and
/// messages.
#[must_use]
pub fn url_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    userinfo.split_once(':').map(|(_, password)| password)
}

/// `url` with its password (if any) replaced by `***`, for messages.
#[must_use]
pub fn redact_url(url: &str) -> std::borrow::Cow<'_, str> {
    match url_password(url) {
        Some(password) if !password.is_empty() => {
            std::borrow::Cow::Owned(url.replacen(&format!(":{password}@"), ":***@", 1))
        }
        _ => std::borrow::Cow::Borrowed(url),
    }
}

/// True when the user opted into the `git` program for network operations and signing.
#[must_use]
pub fn git_cli_enabled() -> bool {
    std::env::var(GIT_CLI_ENV).is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes"))
}

/// A commit id as people read it: its first seven hex digits, git's default abbreviation (the
/// `core.abbrev` minimum), whole when shorter. Every command shows revisions this way.
#[must_use]
pub fn short_id(revision: &str) -> &str {
    revision.get(..7).unwrap_or(revision)
}

/// A commit id for a command the user copies (`rollback 66de6ee1a2b3`): twelve hex digits, long
/// enough never to be ambiguous in a deploy repository, whole when shorter.
#[must_use]
pub fn command_id(revision: &str) -> &str {
    revision.get(..12).unwrap_or(revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_are_told_from_paths() {
        for remote in [
            "git@git.example.com:acme/shop.git",
            "ssh://git@host/x.git",
            "https://host/x.git",
            "host:x",
        ] {
            assert!(is_remote_url(remote), "{remote}");
        }
        for local in [
            ".",
            "../shop-deploy",
            "/srv/git/shop",
            "file:///srv/git/shop",
            "C:/x",
            "./a:b",
        ] {
            assert!(!is_remote_url(local), "{local}");
        }
    }

    #[test]
    fn passwords_in_urls_are_found_and_hidden() {
        for (url, password, shown) in [
            (
                "https://bob:t0ken@git.example.com/a/b.git",
                Some("t0ken"),
                "https://bob:***@git.example.com/a/b.git",
            ),
            (
                "https://oauth2:p@ss:w@rd@h/x.git",
                Some("p@ss:w@rd"),
                "https://oauth2:***@h/x.git",
            ),
            (
                "https://bob@git.example.com/a/b.git",
                None,
                "https://bob@git.example.com/a/b.git",
            ),
            ("ssh://git@host:22/x.git", None, "ssh://git@host:22/x.git"),
            ("git@host:a/b.git", None, "git@host:a/b.git"),
            ("https://h/x@y:z.git", None, "https://h/x@y:z.git"),
        ] {
            assert_eq!(url_password(url), password, "{url}");
            assert_eq!(redact_url(url), shown, "{url}");
        }
    }
}
