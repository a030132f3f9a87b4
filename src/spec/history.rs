//! The deploys app.yaml's history records: the commits of the deploy repository that changed
//! its image, newest first, for `rollback --list` and the default target of `rollback`.

use std::path::Path;

use serde::Serialize;

use super::AppSpec;
use crate::gitops::{DeployRepo, GitError};

/// One deploy: a commit that set a new image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PastDeploy {
    /// The commit's full id.
    pub revision: String,
    /// When it was committed: `2024-05-01 12:00 UTC`.
    pub date: String,
    /// `Name <email>` of its author.
    pub author: String,
    /// The image it set.
    pub image: String,
    /// It was made by `rollback` (its message starts `rollback `).
    pub rollback: bool,
}

/// The last `limit` deploys of the app spec at `spec_path` (relative to the repository's
/// root), newest first. Commits that changed app.yaml but not its image are no deploys.
///
/// # Errors
/// When the history cannot be read.
pub fn deploys(
    repo: &DeployRepo,
    spec_path: &Path,
    limit: usize,
) -> Result<Vec<PastDeploy>, GitError> {
    let image_at = |rev: &str| -> Result<Option<String>, GitError> {
        let Some(bytes) = repo.file_at(rev, spec_path)? else {
            return Ok(None);
        };
        Ok(AppSpec::parse(spec_path, &String::from_utf8_lossy(&bytes))
            .ok()
            .and_then(|s| s.image))
    };
    let mut found = Vec::new();
    // Most changes of app.yaml are deploys; a few are not, so look a little further back.
    for commit in repo.history_of(spec_path, limit * 5)? {
        let rev = commit.revision.to_string();
        let Some(image) = image_at(&rev)? else {
            continue;
        };
        let parent_image = image_at(&format!("{rev}^")).unwrap_or(None);
        if parent_image.as_deref() == Some(image.as_str()) {
            continue;
        }
        let date = jiff::Timestamp::from_second(commit.time)
            .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        found.push(PastDeploy {
            revision: rev,
            date,
            author: commit.author,
            image,
            rollback: commit.subject.starts_with("rollback "),
        });
        if found.len() == limit {
            break;
        }
    }
    Ok(found)
}

/// The deploy a rollback should restore to bring back what serves now: the newest deploy before
/// the current one whose image is one of `serving`, else the deploy before the current one.
/// `deploys` is newest first, as [`deploys`] returns them.
#[must_use]
pub fn undo_target<'a>(deploys: &'a [PastDeploy], serving: &[String]) -> Option<&'a PastDeploy> {
    let earlier = deploys.get(1..).unwrap_or_default();
    earlier
        .iter()
        .find(|d| serving.contains(&d.image))
        .or_else(|| earlier.first())
}
