//! `deploy --image REF | --tag TAG`: set the image in app.yaml, commit, push, follow the release.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use serde::Serialize;

use crate::app::Context;
use crate::commands::follow::{self, Release};
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange, Recorded};
use crate::link::LinkFile;
use crate::spec::image::ImageRef;
use crate::spec::{self, AppSpec};

/// What to deploy.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A full image reference.
    pub image: Option<String>,
    /// A new tag for the image in app.yaml.
    pub tag: Option<String>,
    /// Stop after the push.
    pub no_wait: bool,
    /// How long to follow the release.
    pub timeout: Duration,
}

/// What `-o json` prints.
#[derive(Debug, Serialize)]
pub struct Deployed<'a> {
    pub app: &'a str,
    pub image: &'a str,
    pub revision: String,
    pub changed: bool,
    pub pushed: bool,
}

/// Deploys the image the settings name.
///
/// # Errors
/// When the reference is invalid, app.yaml cannot be read or edited, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let spec_path = spec_path(&link);
    if settings.image.is_none() && settings.tag.is_none() {
        let mut repo = DeployRepo::open_with(&link, ctx.git_auth())?;
        let current = AppSpec::load(&repo.root().join(&spec_path))?;
        return follow_current(ctx, &link, &mut repo, &current, &settings);
    }
    // Bad input is refused before any network traffic.
    let given = settings
        .image
        .as_deref()
        .map(ImageRef::parse)
        .transpose()
        .map_err(invalid)?;
    if let Some(tag) = &settings.tag {
        ImageRef::parse(&format!("x:{tag}")).map_err(invalid)?;
    }
    let mut repo = DeployRepo::open_for_change(&link, ctx.git_auth())?;
    let mut image = String::new();
    let recorded = repo
        .record_with(|root| -> anyhow::Result<(String, Vec<FileChange>)> {
            // Runs on the newest files, again after a lost race: --tag applies to what is there.
            let current = AppSpec::load(&root.join(&spec_path))?;
            let new = match (&given, &settings.tag) {
                (Some(given), _) => given.clone(),
                (None, Some(tag)) => {
                    let Some(old) = &current.image else {
                        return Err(Failure::new(
                            ExitCode::Usage,
                            "app.yaml has no image yet, so --tag has nothing to change",
                        )
                        .hint(
                            "pass the whole reference: --image registry.example.com/acme/shop:1.0",
                        )
                        .into());
                    };
                    ImageRef::parse(old)
                        .map_err(invalid)?
                        .with_tag(tag)
                        .map_err(invalid)?
                }
                (None, None) => unreachable!("handled above"),
            };
            image = new.to_string();
            let changes = set_fields(root, &spec_path, &[("image", Some(&image))])?;
            Ok((format!("deploy {}: {image}", link.link.app), changes))
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    report(ctx, &link, &image, &recorded)?;
    if settings.no_wait {
        return Ok(ExitCode::Success);
    }
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

/// `deploy` without an image: push what an earlier command could not, and follow the release of
/// what the branch holds.
fn follow_current(
    ctx: &Context,
    link: &LinkFile,
    repo: &mut DeployRepo,
    spec: &AppSpec,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let Some(image) = spec.image.clone() else {
        return Err(
            Failure::new(ExitCode::InvalidInput, "app.yaml has no image yet")
                .hint("ungleich-django deploy --image registry.example.com/acme/shop:1.4.2")
                .into(),
        );
    };
    let pushed_now = repo.push_pending()?;
    let revision = repo.resolve_revision("HEAD")?;
    if pushed_now {
        ctx.printer
            .success("pushed the commits an earlier command could not push");
    }
    let recorded = Recorded {
        revision,
        changed: false,
        pushed: repo.has_upstream(),
        attempts: 0,
    };
    report(ctx, link, &image, &recorded)?;
    if settings.no_wait {
        return Ok(ExitCode::Success);
    }
    follow::run(
        ctx,
        &Release {
            link,
            spec,
            revision: revision.to_string(),
            timeout: settings.timeout,
        },
    )
}

/// `app.yaml`'s path relative to the deploy repository's root.
pub(crate) fn spec_path(link: &LinkFile) -> PathBuf {
    Path::new(&link.link.deploy.path).join(spec::FILE_NAME)
}

/// The edit of one action: read app.yaml as it is now, set (or remove) top-level fields keeping
/// comments and order, and check the result still is a valid spec.
pub(crate) fn set_fields(
    root: &Path,
    spec_path: &Path,
    fields: &[(&str, Option<&str>)],
) -> anyhow::Result<Vec<FileChange>> {
    let full = root.join(spec_path);
    let mut text = std::fs::read_to_string(&full)
        .with_context(|| format!("cannot read {}", full.display()))?;
    for (key, value) in fields {
        text = match value {
            Some(value) => spec::edit::set_top_level_scalar(&text, key, value),
            None => spec::edit::remove_top_level_scalar(&text, key),
        }
        .map_err(|reason| {
            Failure::new(
                ExitCode::InvalidInput,
                format!("{}: {reason}", full.display()),
            )
        })?;
    }
    AppSpec::parse(&full, &text)?;
    Ok(vec![FileChange::Write {
        path: spec_path.to_owned(),
        contents: text.into_bytes(),
    }])
}

pub(crate) fn report(
    ctx: &Context,
    link: &LinkFile,
    image: &str,
    recorded: &Recorded,
) -> anyhow::Result<()> {
    let revision = recorded.revision.to_string();
    if ctx.printer.is_json() {
        ctx.printer.json(&Deployed {
            app: &link.link.app,
            image,
            revision,
            changed: recorded.changed,
            pushed: recorded.pushed,
        })?;
    } else {
        if !recorded.changed {
            ctx.printer.info(format!(
                "app.yaml already has {image}: nothing new to commit"
            ));
        }
        if recorded.pushed && recorded.attempts == 0 {
            ctx.printer.info(format!(
                "{} is at {image} on {}",
                link.link.app, link.link.deploy.branch
            ));
        } else if recorded.pushed {
            // Pushed is not running: following the release is what says when it runs.
            ctx.printer.success(format!(
                "pushed {image} for {} to {}",
                link.link.app, link.link.deploy.branch
            ));
        } else if recorded.changed {
            ctx.printer.warn(format!(
                "committed locally only: the deploy repository has no `origin` with {} checked out to push to",
                link.link.deploy.branch
            ));
        }
        ctx.printer.data(format!("revision {revision}"))?;
    }
    Ok(())
}

fn invalid(reason: String) -> Failure {
    Failure::new(
        ExitCode::InvalidInput,
        format!("invalid image reference: {reason}"),
    )
}
