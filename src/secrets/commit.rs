//! One commit path for every change of the secrets: the plaintext and uncommitted-edit checks,
//! then exactly one commit, pushed or not. What happened comes back as a [`Committed`] for the
//! command to report.

use std::fmt;
use std::path::PathBuf;

use crate::gitops::FileChange;

use super::{Opened, SecretsError, Workspace, plaintext};

/// Where the commit went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// Pushed to this branch.
    To(String),
    /// The deploy repository has no remote with the branch checked out.
    NoRemote,
    /// `--no-push`.
    NotAsked,
}

impl fmt::Display for Pushed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pushed::To(branch) => write!(f, "pushed to {branch}"),
            Pushed::NoRemote => f.write_str(
                "not pushed: the deploy repository has no remote with this branch checked out",
            ),
            Pushed::NotAsked => f.write_str("not pushed: --no-push"),
        }
    }
}

/// A commit made, for the command to report.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The commit, abbreviated.
    pub short: String,
    /// The message's first line.
    pub subject: String,
    /// Where it went.
    pub pushed: Pushed,
    /// False when the edit changed nothing, so that no new commit was made.
    pub changed: bool,
}

impl Opened {
    /// Makes exactly one commit in the deploy repository from `edit`'s changes. With `push`,
    /// the GitOps `record` commits and pushes, re-running `edit` on a newer tip when someone
    /// else pushed first; so `edit` computes the changes from the files in the work tree each
    /// time rather than capturing them.
    ///
    /// # Errors
    /// When a plaintext Secret is in the deploy repository or among the changes, a file the
    /// change edits holds uncommitted edits, `edit` fails, or git fails.
    pub fn commit(
        &mut self,
        message: &str,
        push: bool,
        mut edit: impl FnMut(&Workspace) -> Result<Vec<FileChange>, SecretsError>,
    ) -> Result<Committed, SecretsError> {
        let Opened { workspace, repo } = self;
        plaintext::refuse_tracked(&workspace.root, repo)?;
        // The files this change edits must hold nothing uncommitted, or the commit takes it along.
        let edited: Vec<PathBuf> = edit(workspace)?
            .iter()
            .map(|c| c.path().to_owned())
            .collect();
        workspace.refuse_uncommitted_in(repo, &edited)?;
        let mut checked_edit = |workspace: &Workspace| {
            let changes = edit(workspace)?;
            plaintext::refuse_in_changes(&changes)?;
            Ok::<_, SecretsError>(changes)
        };
        let (revision, pushed, changed) = if push {
            let recorded = repo
                .record(message, |_root| checked_edit(workspace))
                .map_err(|e| match e {
                    crate::gitops::ActionError::Edit(e) => e,
                    crate::gitops::ActionError::Git(e) => e.into(),
                })?;
            let pushed = if recorded.pushed {
                Pushed::To(workspace.link.link.deploy.branch.clone())
            } else {
                Pushed::NoRemote
            };
            (recorded.revision, pushed, recorded.changed)
        } else {
            let changes = checked_edit(workspace)?;
            (repo.commit(message, &changes)?, Pushed::NotAsked, true)
        };
        Ok(Committed {
            short: crate::gitops::short_id(&revision.to_string()).to_owned(),
            subject: message.lines().next().unwrap_or_default().to_owned(),
            pushed,
            changed,
        })
    }
}
