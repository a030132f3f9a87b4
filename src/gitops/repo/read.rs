//! Read-only views of the deploy repository: the versions of one file through history, and the
//! files git tracks. Kept apart from the commit path, which the push work extends.

use std::path::{Path, PathBuf};

use super::DeployRepo;
use crate::gitops::GitError;
use crate::gitops::error::git;

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
