//! The deploy repository. Owns every git operation; knows nothing of app.yaml or the terminal.
//!
//! Callers describe one user action as a set of [`FileChange`]s and a message; this module turns
//! it into exactly one commit that stages exactly those paths.

use std::path::{Path, PathBuf};

mod read;
pub use read::FileVersion;

use crate::exit::{Classify, ExitCode};

/// One file of a commit: new contents, or removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Write these bytes at this path (relative to the repository's root).
    Write { path: PathBuf, contents: Vec<u8> },
    /// Remove the file at this path.
    Remove { path: PathBuf },
}

/// A git failure, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// The path is not inside a git repository.
    #[error("{} is not a git repository", path.display())]
    NotARepository { path: PathBuf, source: git2::Error },
    /// No `user.name`/`user.email` is configured.
    #[error("git does not know who you are: no user.name and user.email are configured")]
    NoIdentity(#[source] git2::Error),
    /// A file could not be written into the work tree.
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The deploy repository is a remote URL, which this build cannot clone yet.
    #[error(
        "cannot use the remote deploy repository {url} yet: this build works with local deploy repositories only"
    )]
    RemoteUnsupported { url: String },
    /// Any other libgit2 error.
    #[error("{action}")]
    Git { action: String, source: git2::Error },
}

impl Classify for GitError {
    fn exit_code(&self) -> ExitCode {
        match self {
            GitError::NoIdentity(_) | GitError::NotARepository { .. } => ExitCode::InvalidInput,
            GitError::Write { .. } => ExitCode::Failure,
            GitError::Git { .. } | GitError::RemoteUnsupported { .. } => ExitCode::Git,
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            GitError::NoIdentity(_) => Some(
                "run `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.com`"
                    .to_owned(),
            ),
            _ => None,
        }
    }
}

fn git(action: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError {
    let action = action.into();
    move |source| GitError::Git { action, source }
}

/// A deploy repository with a work tree on this machine.
pub struct DeployRepo {
    repo: git2::Repository,
    root: PathBuf,
}

impl std::fmt::Debug for DeployRepo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeployRepo")
            .field("root", &self.root)
            .finish_non_exhaustive()
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

impl DeployRepo {
    /// The deploy repository a link file names: the source repository itself for `.`, a local
    /// path (relative to the link file), or a remote URL.
    ///
    /// # Errors
    /// When the repository cannot be opened.
    pub fn open(link: &crate::link::LinkFile) -> Result<Self, GitError> {
        let repo = &link.link.deploy.repo;
        if is_remote_url(repo) {
            return Err(GitError::RemoteUnsupported { url: repo.clone() });
        }
        let path = repo.strip_prefix("file://").unwrap_or(repo);
        Self::open_local(&link.dir().join(path))
    }

    /// Opens the repository that contains `path`.
    ///
    /// # Errors
    /// When `path` is not in a git repository with a work tree.
    pub fn open_local(path: &Path) -> Result<Self, GitError> {
        let repo = git2::Repository::discover(path).map_err(|source| GitError::NotARepository {
            path: path.to_owned(),
            source,
        })?;
        let root = repo
            .workdir()
            .ok_or_else(|| GitError::NotARepository {
                path: path.to_owned(),
                source: git2::Error::from_str("the repository is bare"),
            })?
            .to_owned();
        Ok(DeployRepo { repo, root })
    }

    /// The folder of the app inside the work tree (`deploy.path` of the link file).
    #[must_use]
    pub fn app_dir(&self, link: &crate::link::Link) -> PathBuf {
        self.root.join(&link.deploy.path)
    }

    /// The root of the work tree.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `changes` and records them as one commit on the current branch, staging exactly
    /// those paths. Returns the new commit's id.
    ///
    /// # Errors
    /// When there is no git identity (checked before anything is written), a file cannot be
    /// written, or libgit2 fails.
    pub fn commit(&self, message: &str, changes: &[FileChange]) -> Result<git2::Oid, GitError> {
        let signature = self.repo.signature().map_err(GitError::NoIdentity)?;
        let mut index = self
            .repo
            .index()
            .map_err(git("cannot read the git index"))?;
        for change in changes {
            match change {
                FileChange::Write { path, contents } => {
                    let full = self.root.join(path);
                    crate::fsutil::write_atomic(&full, contents, false).map_err(|source| {
                        GitError::Write {
                            path: full.clone(),
                            source,
                        }
                    })?;
                    index
                        .add_path(path)
                        .map_err(git(format!("cannot stage {}", path.display())))?;
                }
                FileChange::Remove { path } => {
                    let full = self.root.join(path);
                    if full.exists() {
                        std::fs::remove_file(&full).map_err(|source| GitError::Write {
                            path: full.clone(),
                            source,
                        })?;
                    }
                    index
                        .remove_path(path)
                        .map_err(git(format!("cannot unstage {}", path.display())))?;
                }
            }
        }
        index.write().map_err(git("cannot write the git index"))?;
        let tree_id = index.write_tree().map_err(git("cannot write the tree"))?;
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(git("cannot read the tree"))?;
        let parent = match self.repo.head() {
            Ok(head) => Some(head.peel_to_commit().map_err(git("cannot read HEAD"))?),
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => None,
            Err(e) => return Err(git("cannot read HEAD")(e)),
        };
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(
                Some("HEAD"),
                &signature,
                &signature,
                message,
                &tree,
                &parents,
            )
            .map_err(git("cannot create the commit"))
    }
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
}
