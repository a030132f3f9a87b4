//! Read-only views of the deploy repository: a file at a revision, the commits that changed a
//! file, the versions of one file through history, and the files git tracks.

use std::path::{Path, PathBuf};

use git2::Oid;

use super::{DeployRepo, tree_path};
use crate::gitops::GitError;
use crate::gitops::error::git;

/// A commit that changed a file, as [`DeployRepo::history_of`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCommit {
    /// The commit.
    pub revision: Oid,
    /// When it was committed (seconds since the epoch, UTC).
    pub time: i64,
    /// `Name <email>` of its author.
    pub author: String,
    /// The first line of its message.
    pub subject: String,
}

/// One commit that changed a file, newest first.
#[derive(Debug, Clone)]
pub struct FileVersion {
    /// The commit's full id.
    pub commit: String,
    /// The commit time.
    pub time: jiff::Timestamp,
    /// The file's contents in that commit (`None`: deleted there).
    pub contents: Option<Vec<u8>>,
    /// The file's contents in the commit's first parent (`None`: absent).
    pub previous: Option<Vec<u8>>,
}

impl DeployRepo {
    /// The file at `path` (relative to the root) as committed in `revision`; `None` if absent.
    ///
    /// # Errors
    /// When `revision` is not a commit of this repository.
    pub fn file_at(&self, revision: &str, path: &Path) -> Result<Option<Vec<u8>>, GitError> {
        let commit = self.resolve(revision)?;
        let tree = commit.tree().map_err(git("cannot read the tree"))?;
        let Ok(entry) = tree.get_path(Path::new(&tree_path(path)?)) else {
            return Ok(None);
        };
        let blob = entry
            .to_object(&self.repo)
            .and_then(|o| o.peel_to_blob())
            .map_err(git(format!("cannot read {}", path.display())))?;
        Ok(Some(blob.content().to_vec()))
    }

    /// The full id of `revision` (a sha, a prefix, or any git revision expression).
    ///
    /// # Errors
    /// When it names no commit here.
    pub fn resolve_revision(&self, revision: &str) -> Result<Oid, GitError> {
        self.resolve(revision).map(|c| c.id())
    }

    fn resolve(&self, revision: &str) -> Result<git2::Commit<'_>, GitError> {
        self.repo
            .revparse_single(revision)
            .and_then(|o| o.peel_to_commit())
            .map_err(|source| GitError::UnknownRevision {
                revision: revision.to_owned(),
                source,
            })
    }

    /// The commits that changed `path` (relative to the root), newest first, at most `limit`.
    ///
    /// # Errors
    /// When the history cannot be read.
    pub fn history_of(&self, path: &Path, limit: usize) -> Result<Vec<FileCommit>, GitError> {
        let Some(head) = self.head_commit()? else {
            return Ok(Vec::new());
        };
        let path = tree_path(path)?;
        let mut walk = self
            .repo
            .revwalk()
            .map_err(git("cannot walk the history"))?;
        walk.push(head).map_err(git("cannot walk the history"))?;
        walk.simplify_first_parent()
            .map_err(git("cannot walk the history"))?;
        let blob_of = |commit: &git2::Commit<'_>| {
            commit
                .tree()
                .ok()
                .and_then(|t| t.get_path(Path::new(&path)).ok())
                .map(|e| e.id())
        };
        let mut found = Vec::new();
        for id in walk {
            let id = id.map_err(git("cannot walk the history"))?;
            let commit = self
                .repo
                .find_commit(id)
                .map_err(git("cannot read a commit"))?;
            let parent_blob = commit.parent(0).ok().and_then(|p| blob_of(&p));
            if blob_of(&commit) != parent_blob {
                let author = commit.author();
                found.push(FileCommit {
                    revision: id,
                    time: commit.time().seconds(),
                    author: format!(
                        "{} <{}>",
                        author.name().unwrap_or("?"),
                        author.email().unwrap_or("?")
                    ),
                    subject: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default())
                        .into_owned(),
                });
                if found.len() == limit {
                    break;
                }
            }
        }
        Ok(found)
    }

    /// The commits reachable from HEAD that changed `path` (relative to the root), newest
    /// first, until `keep_going` returns false. An unborn branch has no history.
    ///
    /// # Errors
    /// When libgit2 cannot walk the history.
    pub fn file_history(
        &self,
        path: &Path,
        mut keep_going: impl FnMut(&FileVersion) -> bool,
    ) -> Result<(), GitError> {
        let mut walk = self
            .repo
            .revwalk()
            .map_err(git("cannot walk the history"))?;
        if walk.push_head().is_err() {
            return Ok(());
        }
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)
            .map_err(git("cannot walk the history"))?;
        for id in walk {
            let id = id.map_err(git("cannot walk the history"))?;
            let commit = self
                .repo
                .find_commit(id)
                .map_err(git("cannot read a commit"))?;
            let blob_id = |c: &git2::Commit<'_>| {
                c.tree()
                    .ok()
                    .and_then(|t| t.get_path(path).ok())
                    .map(|e| e.id())
            };
            let now = blob_id(&commit);
            let parent = commit.parent(0).ok();
            let before = parent.as_ref().and_then(blob_id);
            if now == before {
                continue;
            }
            let read = |id: Option<git2::Oid>| {
                id.and_then(|id| self.repo.find_blob(id).ok())
                    .map(|b| b.content().to_vec())
            };
            let version = FileVersion {
                commit: id.to_string(),
                time: jiff::Timestamp::from_second(commit.time().seconds())
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
                contents: read(now),
                previous: read(before),
            };
            if !keep_going(&version) {
                break;
            }
        }
        Ok(())
    }

    /// Every path in the index (tracked, or staged to be), relative to the root.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn tracked_paths(&self) -> Result<Vec<PathBuf>, GitError> {
        let index = self
            .repo
            .index()
            .map_err(git("cannot read the git index"))?;
        Ok(index
            .iter()
            .filter_map(|entry| std::str::from_utf8(&entry.path).ok().map(PathBuf::from))
            .collect())
    }
}
