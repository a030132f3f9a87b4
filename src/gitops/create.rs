//! A deploy repository's first moments, as `init` needs them: the repository a project folder
//! is in, whether a branch name is one git allows, and a local deploy repository made where the
//! link file names a folder that is not one yet.

use std::path::{Path, PathBuf};

use git2::{Reference, Repository, RepositoryInitOptions};

use super::{Auth, DeployRepo, GitError};
use crate::link::LinkFile;

/// True when git allows `branch` as a branch name (`refs/heads/<branch>` is a valid reference).
#[must_use]
pub fn is_valid_branch_name(branch: &str) -> bool {
    Reference::is_valid_name(&format!("refs/heads/{branch}"))
}

/// The top of the work tree of the git repository `path` is in, when it is in one.
#[must_use]
pub fn repository_top(path: &Path) -> Option<PathBuf> {
    Repository::discover(path)
        .ok()
        .and_then(|r| r.workdir().map(Path::to_owned))
}

impl DeployRepo {
    /// The deploy repository the link file names, ready for a first commit: a remote one cloned
    /// and brought up to date; a local folder that is in no repository (or does not exist yet)
    /// made a repository whose first branch is the link's. A folder inside another repository
    /// is refused as [`DeployRepo::open_with`] refuses it.
    ///
    /// The git identity is checked here, before the caller writes anything: a command that
    /// writes other files before it commits would otherwise stop half-way.
    ///
    /// # Errors
    /// When the repository cannot be cloned, opened or created, or git does not know who the
    /// user is.
    pub fn open_or_create(link_file: &LinkFile, auth: Auth) -> Result<Self, GitError> {
        let deploy = &link_file.link.deploy;
        if !super::is_remote_url(&deploy.repo) {
            let dir = link_file
                .dir()
                .join(deploy.repo.strip_prefix("file://").unwrap_or(&deploy.repo));
            create_local(&dir, &deploy.branch)?;
        }
        let repo = Self::open_with(link_file, auth)?;
        repo.check_identity()?;
        Ok(repo)
    }
}

/// Makes `dir` (and the folders above it) a git repository whose first branch is `branch`,
/// unless it is in a repository already.
fn create_local(dir: &Path, branch: &str) -> Result<(), GitError> {
    if dir.is_file() {
        return Err(GitError::NotAFolder {
            path: dir.to_owned(),
        });
    }
    if Repository::discover(dir).is_ok() {
        return Ok(());
    }
    // Checked before the folder is made: a refused init leaves nothing behind.
    DeployRepo::check_global_identity()?;
    let mut options = RepositoryInitOptions::new();
    options.initial_head(branch).mkpath(true);
    Repository::init_opts(dir, &options).map_err(|source| GitError::Git {
        action: format!("cannot create a git repository in {}", dir.display()),
        source,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_names_are_checked_as_git_checks_them() {
        for good in ["main", "release/2024", "feature-x"] {
            assert!(is_valid_branch_name(good), "{good}");
        }
        for bad in ["a..b", "", "x~1", "end.lock", "sp ace"] {
            assert!(!is_valid_branch_name(bad), "{bad}");
        }
    }
}
