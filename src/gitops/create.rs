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
        create_if_local(link_file)?;
        let repo = Self::open_with(link_file, auth)?;
        repo.check_identity()?;
        Ok(repo)
    }

    /// As [`DeployRepo::open_or_create`], for a new environment's first commit on a branch of
    /// its own or in a repository of its own: a branch the server lacks is started as
    /// [`DeployRepo::open_to_start_branch`] starts it, whichever repository it is in (another
    /// repository's server may well have other branches); a local checkout must have the branch
    /// checked out.
    ///
    /// # Errors
    /// As [`DeployRepo::open_or_create`] and [`DeployRepo::open_to_start_branch`].
    pub fn create_or_start_branch(link_file: &LinkFile, auth: Auth) -> Result<Self, GitError> {
        create_if_local(link_file)?;
        Self::open_to_start_branch(link_file, auth)
    }
}

/// Makes the link's deploy repository when it is a local folder that is in no repository yet.
fn create_if_local(link_file: &LinkFile) -> Result<(), GitError> {
    let deploy = &link_file.link.deploy;
    if super::is_remote_url(&deploy.repo) {
        return Ok(());
    }
    let dir = link_file
        .dir()
        .join(deploy.repo.strip_prefix("file://").unwrap_or(&deploy.repo));
    create_local(&dir, &deploy.branch)
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
    // A `.git` that git cannot open and that holds no object and no ref is what a creation
    // killed half-way leaves (its `config.lock` makes every later creation fail): nothing in it
    // can be lost, so it is made anew.
    let dot_git = dir.join(".git");
    if dot_git.is_dir() && holds_no_history(&dot_git) {
        std::fs::remove_dir_all(&dot_git).map_err(|source| GitError::Write {
            path: dot_git.clone(),
            source,
        })?;
    }
    let mut options = RepositoryInitOptions::new();
    options.initial_head(branch).mkpath(true);
    Repository::init_opts(dir, &options).map_err(|source| GitError::Git {
        action: format!("cannot create a git repository in {}", dir.display()),
        source,
    })?;
    Ok(())
}

/// True when `git_dir` has no file under `objects/` or `refs/` and no `packed-refs`.
fn holds_no_history(git_dir: &Path) -> bool {
    fn has_files(dir: &Path) -> bool {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.flatten().any(|entry| {
                let path = entry.path();
                if path.is_dir() {
                    has_files(&path)
                } else {
                    true
                }
            })
        })
    }
    !git_dir.join("packed-refs").exists()
        && !has_files(&git_dir.join("objects"))
        && !has_files(&git_dir.join("refs"))
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

    #[test]
    fn only_a_git_folder_without_history_counts_as_half_made() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        for sub in ["objects/info", "objects/pack", "refs/heads", "refs/tags"] {
            std::fs::create_dir_all(git.join(sub)).unwrap();
        }
        std::fs::write(git.join("config.lock"), "[core]\n").unwrap();
        assert!(holds_no_history(&git), "a creation killed half-way");
        std::fs::write(git.join("refs/heads/main"), "0".repeat(40)).unwrap();
        assert!(!holds_no_history(&git), "a ref is history");
        std::fs::remove_file(git.join("refs/heads/main")).unwrap();
        std::fs::create_dir_all(git.join("objects/ab")).unwrap();
        std::fs::write(git.join("objects/ab/cdef"), "x").unwrap();
        assert!(!holds_no_history(&git), "an object is history");
    }
}
