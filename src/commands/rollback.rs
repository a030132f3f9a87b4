//! `rollback [REV]` and `rollback --list`: deploy an earlier revision's image again, as a new
//! commit (history is never rewritten).

use std::time::Duration;

use serde::Serialize;

use crate::app::Context;
use crate::commands::deploy::{report, set_fields, spec_path};
use crate::commands::follow::{self, Release};
use crate::exit::{ExitCode, Failure};
use crate::gitops::DeployRepo;
use crate::spec::AppSpec;

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

/// One deploy in `--list`.
#[derive(Debug, Serialize)]
pub struct DeployEntry {
    pub revision: String,
    pub date: String,
    pub author: String,
    pub image: String,
}

/// Lists deploys, or rolls back.
///
/// # Errors
/// When the deploy repository or the revision cannot be read, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let mut repo = DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec_path = spec_path(&link);
    let deploys = deploys(&repo, &spec_path)?;
    if settings.list {
        if ctx.printer.is_json() {
            ctx.printer.json(&deploys)?;
        } else if deploys.is_empty() {
            ctx.printer.info("no deploys yet");
        } else {
            for d in &deploys {
                ctx.printer.data(format!(
                    "{}  {}  {}  {}",
                    &d.revision[..12],
                    d.date,
                    d.author,
                    d.image
                ))?;
            }
        }
        return Ok(ExitCode::Success);
    }
    let revision = match &settings.revision {
        Some(rev) => repo.resolve_revision(rev)?.to_string(),
        None => deploys.get(1).map(|d| d.revision.clone()).ok_or_else(|| {
            Failure::new(
                ExitCode::InvalidInput,
                "there is no earlier deploy to roll back to",
            )
            .hint("`ungleich-django rollback --list` shows the deploys")
        })?,
    };
    let old_text = repo.file_at(&revision, &spec_path)?.ok_or_else(|| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("revision {revision} has no {}", spec_path.display()),
        )
    })?;
    let old = AppSpec::parse(&spec_path, &String::from_utf8_lossy(&old_text))?;
    let image = old.image.clone().ok_or_else(|| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("revision {revision} has no image"),
        )
    })?;
    let short = &revision[..12];
    let message = format!("rollback {}: {image} (as of {short})", link.link.app);
    let secrets = old.secrets_revision.as_deref();
    let recorded = repo
        .record(&message, |root| {
            set_fields(
                root,
                &spec_path,
                &[("image", Some(&image)), ("secretsRevision", secrets)],
            )
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    ctx.printer.warn(
        "database migrations are not reversed: the old image runs against the current schema",
    );
    report(ctx, &link, &image, &recorded)?;
    if settings.no_wait {
        return Ok(ExitCode::Success);
    }
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    follow::run(
        ctx,
        &Release {
            link: &link,
            spec: &spec,
            revision: recorded.revision.to_string(),
            timeout: settings.timeout,
        },
    )
}

/// The commits that changed the image, newest first, with the image each set.
fn deploys(repo: &DeployRepo, spec_path: &std::path::Path) -> anyhow::Result<Vec<DeployEntry>> {
    let image_at = |rev: &str| -> anyhow::Result<Option<String>> {
        let Some(bytes) = repo.file_at(rev, spec_path)? else {
            return Ok(None);
        };
        Ok(AppSpec::parse(spec_path, &String::from_utf8_lossy(&bytes))
            .ok()
            .and_then(|s| s.image))
    };
    let mut found = Vec::new();
    for commit in repo.history_of(spec_path, HISTORY * 5)? {
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
        found.push(DeployEntry {
            revision: rev,
            date,
            author: commit.author,
            image,
        });
        if found.len() == HISTORY {
            break;
        }
    }
    Ok(found)
}
