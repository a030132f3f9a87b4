//! A day-2 change of `app.yaml` (`config`, `domains`, `scale`, `restart`, `cron add|remove`) as
//! the user sees it, from the commit to the live release: recorded in the deploy repository as
//! one commit, reported, then followed like a deploy (`--no-wait` stops after the push and asks
//! ArgoCD to sync). What to change is the caller's; this module owns the sequence and its wording.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::{DeployRepo, FileChange, Recorded};
use crate::link::LinkFile;
use crate::spec::{self, AppSpec, history};
use crate::ui::release::{self, Release};

/// How far back a failed release looks for the deploy that would undo it (as `deploy`).
const HISTORY: usize = 20;

/// Whether and how long to follow the release of the change.
#[derive(Debug, Clone, Copy)]
pub struct Follow {
    pub no_wait: bool,
    pub timeout: Duration,
}

/// The edit of one change: given the deploy repository's root (the newest files, again after
/// a lost push race) and app.yaml's path in it, the commit message and app.yaml's new text.
pub type Edit<'a> = dyn FnMut(&Path, &Path) -> anyhow::Result<(String, String)> + 'a;

/// What `-o json` prints for a recorded change.
#[derive(Debug, Serialize)]
struct Changed<'a> {
    app: &'a str,
    message: &'a str,
    revision: String,
    changed: bool,
    pushed: bool,
}

/// Records `edit` as one commit, pushes it, tells the user, and follows the release unless
/// `follow.no_wait`. The cluster is checked before anything is committed when the release will
/// be followed, so a missing cluster leaves nothing half-done.
///
/// # Errors
/// The edit's own error (nothing committed), git's, or the release's failure.
pub fn record_and_follow(
    ctx: &Context,
    link: &LinkFile,
    follow: Follow,
    edit: &mut Edit<'_>,
) -> anyhow::Result<ExitCode> {
    let spec_path = spec::path_in_repo(&link.link);
    let mut repo = DeployRepo::open_for_change(link, ctx.git_auth())?;
    let target = ctx.cluster_target(Some(&link.link));
    if !follow.no_wait {
        // What was asked is judged before the cluster is: an invalid change is exit 3 whether
        // or not the cluster answers (the edit only reads; it runs again on the newest files).
        edit(repo.root(), &spec_path)?;
        ctx.block_on(release::check_cluster(&target))??;
    }
    let mut message = String::new();
    let recorded = repo
        .record_with(|root| -> anyhow::Result<(String, Vec<FileChange>)> {
            let (subject, text) = edit(root, &spec_path)?;
            message.clone_from(&subject);
            Ok((
                subject,
                vec![FileChange::Write {
                    path: spec_path.clone(),
                    contents: text.into_bytes(),
                }],
            ))
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    report(ctx, link, &message, &recorded)?;
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    if spec.image.is_none() {
        ctx.printer
            .info("app.yaml has no image yet: the change takes effect with the first deploy");
    }
    if follow.no_wait || spec.image.is_none() {
        if recorded.pushed {
            ctx.block_on(release::request_refresh(ctx.printer, &target, &link.link))?;
        }
        return Ok(ExitCode::Success);
    }
    let deploys = history::deploys(&repo, &spec_path, HISTORY).unwrap_or_default();
    let release = Release {
        link: &link.link,
        spec: &spec,
        revision: recorded.revision.to_string(),
        timeout: follow.timeout,
        deploys,
    };
    ctx.block_on(release::follow(ctx.printer, &target, &release))?
}

/// Says what was committed and whether it is on the server; the revision goes to stdout.
fn report(
    ctx: &Context,
    link: &LinkFile,
    message: &str,
    recorded: &Recorded,
) -> std::io::Result<()> {
    let printer = &ctx.printer;
    let revision = recorded.revision.to_string();
    if printer.is_json() {
        return printer.json(&Changed {
            app: &link.link.app,
            message,
            revision,
            changed: recorded.changed,
            pushed: recorded.pushed,
        });
    }
    let branch = &link.link.deploy.branch;
    if !recorded.changed {
        printer.info("app.yaml already says so: nothing new to commit");
    } else if recorded.pushed {
        printer.success(format!("committed \"{message}\" and pushed it to {branch}"));
    } else {
        printer.warn(format!(
            "committed \"{message}\" locally only: the deploy repository has no `origin` with {branch} checked out to push to"
        ));
    }
    printer.data(format!("revision {revision}"))
}
