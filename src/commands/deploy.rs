//! `deploy --image REF | --tag TAG`: set the image in app.yaml, commit, push, follow the release.
//! Without either: push what an earlier command could not, and follow what the branch holds.

use std::path::Path;
use std::time::Duration;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange, Recorded};
use crate::link::LinkFile;
use crate::spec::edit::{FieldEdit, edit_fields};
use crate::spec::image::ImageRef;
use crate::spec::{self, AppSpec, history};
use crate::ui::release::{self, Release, report_recorded};

/// How far back a failed release looks for the deploy that would undo it.
const HISTORY: usize = 20;

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
    /// Dump the database before pushing.
    pub backup: bool,
}

/// The image the settings ask for.
enum NewImage {
    /// `--image`: this reference.
    Given(ImageRef),
    /// `--tag`: app.yaml's image with this tag.
    Tag(String),
}

impl NewImage {
    /// `None` without `--image` and `--tag`. Bad input is refused here, before any network
    /// traffic.
    fn from_settings(settings: &Settings) -> Result<Option<Self>, Failure> {
        if let Some(tag) = &settings.tag {
            ImageRef::parse(&format!("x:{tag}")).map_err(invalid)?;
        }
        if let Some(image) = &settings.image {
            return Ok(Some(NewImage::Given(
                ImageRef::parse(image).map_err(invalid)?,
            )));
        }
        Ok(settings.tag.clone().map(NewImage::Tag))
    }

    /// The reference to deploy when app.yaml has `current`.
    fn resolve(&self, current: Option<&str>) -> Result<ImageRef, Failure> {
        match self {
            NewImage::Given(given) => Ok(given.clone()),
            NewImage::Tag(tag) => {
                let Some(old) = current else {
                    return Err(Failure::new(
                        ExitCode::Usage,
                        "app.yaml has no image yet, so --tag has nothing to change",
                    )
                    .hint("pass the whole reference: --image registry.example.com/acme/shop:1.0"));
                };
                ImageRef::parse(old)
                    .map_err(invalid)?
                    .with_tag(tag)
                    .map_err(invalid)
            }
        }
    }
}

/// Deploys the image the settings name.
///
/// # Errors
/// When the reference is invalid, app.yaml cannot be read or edited, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let Some(new_image) = NewImage::from_settings(&settings)? else {
        return follow_current(ctx, &link, &settings);
    };
    let spec_path = spec::path_in_repo(&link.link);
    let mut repo = DeployRepo::open_for_change(&link, ctx.git_auth())?;
    if !settings.no_wait {
        let target = ctx.cluster_target(Some(&link.link));
        ctx.block_on(release::check_cluster(&target))??;
    }
    if settings.backup {
        let live = repo.resolve_revision("HEAD")?.to_string();
        crate::ui::database::backup(ctx, &link.link, &live)?;
    }
    let mut image = String::new();
    let recorded = repo
        .record_with(|root| -> anyhow::Result<(String, Vec<FileChange>)> {
            // Runs on the newest files, again after a lost race: --tag applies to what is there.
            let current = AppSpec::load(&root.join(&spec_path))?;
            image = new_image.resolve(current.image.as_deref())?.to_string();
            let changes = set_image(root, &spec_path, &image)?;
            Ok((format!("deploy {}: {image}", link.link.app), changes))
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    report_recorded(&ctx.printer, &link.link, &image, &recorded)?;
    follow(ctx, &link, &repo, &spec, &recorded, &settings)
}

/// `deploy` without an image: push what an earlier command could not, and follow the release of
/// what the branch holds.
fn follow_current(ctx: &Context, link: &LinkFile, settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut repo = DeployRepo::open_with(link, ctx.git_auth())?;
    let spec = AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?;
    let Some(image) = spec.image.clone() else {
        return Err(
            Failure::new(ExitCode::InvalidInput, "app.yaml has no image yet")
                .hint("ungleich-django deploy --image registry.example.com/acme/shop:1.4.2")
                .into(),
        );
    };
    if !settings.no_wait {
        let target = ctx.cluster_target(Some(&link.link));
        ctx.block_on(release::check_cluster(&target))??;
    }
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
    report_recorded(&ctx.printer, &link.link, &image, &recorded)?;
    follow(ctx, link, &repo, &spec, &recorded, settings)
}

/// The edit of one deploy: app.yaml with `image`, comments and order kept.
fn set_image(root: &Path, spec_path: &Path, image: &str) -> anyhow::Result<Vec<FileChange>> {
    let text = edit_fields(
        &root.join(spec_path),
        &[FieldEdit {
            key: "image",
            value: Some(image),
        }],
    )?;
    Ok(vec![FileChange::Write {
        path: spec_path.to_owned(),
        contents: text.into_bytes(),
    }])
}

/// Follows the release of `recorded`, unless `--no-wait`.
fn follow(
    ctx: &Context,
    link: &LinkFile,
    repo: &DeployRepo,
    spec: &AppSpec,
    recorded: &Recorded,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let target = ctx.cluster_target(Some(&link.link));
    if settings.no_wait {
        if recorded.pushed {
            ctx.block_on(release::request_refresh(ctx.printer, &target, &link.link))?;
        }
        return Ok(ExitCode::Success);
    }
    let spec_path = spec::path_in_repo(&link.link);
    let deploys = history::deploys(repo, &spec_path, HISTORY).unwrap_or_default();
    let release = Release {
        link: &link.link,
        spec,
        revision: recorded.revision.to_string(),
        timeout: settings.timeout,
        deploys,
    };
    ctx.block_on(release::follow(ctx.printer, &target, &release))?
}

fn invalid(reason: String) -> Failure {
    Failure::new(
        ExitCode::InvalidInput,
        format!("invalid image reference: {reason}"),
    )
}
