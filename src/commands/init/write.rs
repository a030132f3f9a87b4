//! The plan carried out: the source files written in place, app.yaml committed (and pushed) in
//! the deploy repository as one action.

use std::path::Path;

use anyhow::Context as _;
use serde::Serialize;

use crate::gitops::{self, DeployRepo, FileChange};
use crate::link::Link;

use super::plan::{Action, PlannedFile};

/// What happened in the deploy repository.
#[derive(Debug, Serialize)]
pub(super) struct DeployOutcome {
    /// As the link file names it.
    pub repository: String,
    /// The commit that added app.yaml, when one was made.
    pub revision: Option<String>,
    /// The commit is on the server.
    pub pushed: bool,
}

impl DeployOutcome {
    /// Nothing was committed: a dry run.
    pub fn unwritten(link: &Link) -> Self {
        DeployOutcome {
            repository: link.deploy.repo.clone(),
            revision: None,
            pushed: false,
        }
    }
}

/// Writes the files the plan creates or updates; the others stay as they are.
pub(super) fn source_files(root: &Path, files: &[PlannedFile]) -> anyhow::Result<()> {
    for file in files {
        let path = root.join(&file.path);
        // What an init killed mid-write left goes, also where this run changes nothing.
        if let Some(dir) = path.parent() {
            crate::fsutil::sweep_stale_temps(dir);
        }
        if let (Action::Create | Action::Update, Some(contents)) = (file.action, &file.contents) {
            crate::fsutil::write_atomic(&path, contents, file.executable)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(())
}

/// Commits app.yaml as the plan says, and pushes it when the repository has a server.
pub(super) fn app_yaml(
    repo: &mut DeployRepo,
    link: &Link,
    file: &PlannedFile,
) -> anyhow::Result<DeployOutcome> {
    let mut outcome = DeployOutcome::unwritten(link);
    let Some(contents) = &file.contents else {
        return Ok(outcome);
    };
    let path = link.deploy.spec_path();
    let schema =
        crate::fsutil::lexical(&Path::new(&link.deploy.path).join(crate::spec::SCHEMA_FILE));
    let create_only = file.action == Action::Create;
    let message = format!("Add app.yaml for {} (ungleich-django init)", link.app);
    let recorded = repo
        .record(&message, |tree: &Path| {
            // Someone may have pushed an app.yaml since the plan: never replace it unless told to.
            let current = std::fs::read(tree.join(&path)).ok();
            let theirs = create_only && current.is_some_and(|c| &c != contents);
            Ok::<_, std::convert::Infallible>(if theirs {
                Vec::new()
            } else {
                vec![
                    FileChange::Write {
                        path: path.clone(),
                        contents: contents.clone(),
                    },
                    // The schema app.yaml's first line names, for editors.
                    FileChange::Write {
                        path: schema.clone(),
                        contents: crate::generate::app_schema_json().into_bytes(),
                    },
                ]
            })
        })
        .map_err(gitops::ActionError::into_anyhow)?;
    if recorded.changed {
        outcome.revision = Some(recorded.revision.to_string());
    }
    outcome.pushed = recorded.pushed && recorded.changed;
    Ok(outcome)
}
