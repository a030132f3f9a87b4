//! `rollback [REV]` and `rollback --list`: deploy an earlier revision's image again, as a new
//! commit (history is never rewritten).

use std::path::Path;
use std::time::Duration;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange};
use crate::spec::edit::{FieldEdit, edit_fields};
use crate::spec::history::{self, PastDeploy};
use crate::spec::{self, AppSpec};
use crate::ui::release::{self, Release, report_recorded};

/// How many deploys `--list` shows, and how far back a rollback looks.
const HISTORY: usize = 20;

/// What to roll back to.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The revision whose image to restore; default: the deploy before the current one.
    pub revision: Option<String>,
    /// List recent deploys instead.
    pub list: bool,
    /// Stop after the push.
    pub no_wait: bool,
    /// How long to follow the release.
    pub timeout: Duration,
}

/// What a rollback restores: the image and secrets revision of an earlier commit.
struct Target {
    revision: String,
    image: String,
    secrets_revision: Option<String>,
}

/// Lists deploys, or rolls back.
///
/// # Errors
/// When the deploy repository or the revision cannot be read, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let mut repo = DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec_path = spec::path_in_repo(&link.link);
    let deploys = history::deploys(&repo, &spec_path, HISTORY)?;
    if settings.list {
        list(ctx, &deploys)?;
        return Ok(ExitCode::Success);
    }
    let target = target(&repo, &spec_path, &deploys, settings.revision.as_deref())?;
    let cluster = ctx.cluster_target(Some(&link.link));
    if !settings.no_wait {
        ctx.block_on(release::check_cluster(&cluster))??;
    }
    let short = &target.revision[..12];
    let message = format!(
        "rollback {}: {} (as of {short})",
        link.link.app, target.image
    );
    let recorded = repo
        .record(&message, |root| restore(root, &spec_path, &target))
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    ctx.printer.warn(
        "database migrations are not reversed: the old image runs against the current schema",
    );
    report_recorded(&ctx.printer, &link.link, &target.image, &recorded)?;
    if settings.no_wait {
        if recorded.pushed {
            ctx.block_on(release::request_refresh(ctx.printer, &cluster, &link.link))?;
        }
        return Ok(ExitCode::Success);
    }
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    let deploys = history::deploys(&repo, &spec_path, HISTORY).unwrap_or_default();
    let release = Release {
        link: &link.link,
        spec: &spec,
        revision: recorded.revision.to_string(),
        timeout: settings.timeout,
        deploys,
    };
    ctx.block_on(release::follow(ctx.printer, &cluster, &release))?
}

fn list(ctx: &Context, deploys: &[PastDeploy]) -> anyhow::Result<()> {
    if ctx.printer.is_json() {
        ctx.printer.json(&deploys)?;
    } else if deploys.is_empty() {
        ctx.printer.info("no deploys yet");
    } else {
        for d in deploys {
            ctx.printer.data(format!(
                "{}  {}  {}  {}",
                &d.revision[..12],
                d.date,
                d.author,
                d.image
            ))?;
        }
    }
    Ok(())
}

/// The revision to roll back to (`revision`, else the deploy before the current one) and what
/// its app.yaml held.
fn target(
    repo: &DeployRepo,
    spec_path: &Path,
    deploys: &[PastDeploy],
    revision: Option<&str>,
) -> anyhow::Result<Target> {
    let revision = match revision {
        Some(rev) => repo.resolve_revision(rev)?.to_string(),
        None => deploys.get(1).map(|d| d.revision.clone()).ok_or_else(|| {
            Failure::new(
                ExitCode::InvalidInput,
                "there is no earlier deploy to roll back to",
            )
            .hint("`ungleich-django rollback --list` shows the deploys")
        })?,
    };
    let old_text = repo.file_at(&revision, spec_path)?.ok_or_else(|| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("revision {revision} has no {}", spec_path.display()),
        )
    })?;
    let old = AppSpec::parse(spec_path, &String::from_utf8_lossy(&old_text))?;
    let image = old.image.ok_or_else(|| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("revision {revision} has no image"),
        )
    })?;
    Ok(Target {
        revision,
        image,
        secrets_revision: old.secrets_revision,
    })
}

/// The edit of the rollback: app.yaml with the target's image and secrets revision.
fn restore(root: &Path, spec_path: &Path, target: &Target) -> anyhow::Result<Vec<FileChange>> {
    let text = edit_fields(
        &root.join(spec_path),
        &[
            FieldEdit {
                key: "image",
                value: Some(&target.image),
            },
            FieldEdit {
                key: "secretsRevision",
                value: target.secrets_revision.as_deref(),
            },
        ],
    )?;
    Ok(vec![FileChange::Write {
        path: spec_path.to_owned(),
        contents: text.into_bytes(),
    }])
}
