//! `rollback [REV]` and `rollback --list`: deploy an earlier revision's image again, as a new
//! commit (history is never rewritten).

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::cluster::status::{self, AppStatus};
use crate::cluster::verdict::Verdict;
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
    /// Dump the database before pushing.
    pub backup: bool,
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
        list(ctx, &link, &deploys)?;
        return Ok(ExitCode::Success);
    }
    let target = target(&repo, &spec_path, &deploys, settings.revision.as_deref())?;
    let cluster = ctx.cluster_target(Some(&link.link));
    if !settings.no_wait {
        ctx.block_on(release::check_cluster(&cluster))??;
    }
    if settings.backup {
        let live = repo.resolve_revision("HEAD")?.to_string();
        crate::ui::database::backup(ctx, &link.link, &live)?;
    }
    let short = crate::gitops::short_id(&target.revision);
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
    crate::ui::database::mention_kept_dump(ctx, &link.link.app, &target.revision);
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

/// One line of `rollback --list`: a deploy, and what is known of its fate.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    deploy: &'a PastDeploy,
    /// The deploy app.yaml asks for now.
    current: bool,
    /// Its image is what ready pods serve now (when the cluster could be asked).
    serving: bool,
    /// Why its release failed, when the cluster says it did (`migrations`, `image pull`, ...).
    failed: Option<&'static str>,
    /// The deploy after it was a `rollback`: it was rolled back.
    rolled_back: bool,
}

/// How long `--list` waits for the cluster: the list itself is the deploy repository's, and
/// must not hang on a cluster that does not answer.
const CLUSTER_WAIT: Duration = Duration::from_secs(5);

fn list(ctx: &Context, link: &crate::link::LinkFile, deploys: &[PastDeploy]) -> anyhow::Result<()> {
    let cluster = cluster_view(ctx, link, deploys.first().map(|d| d.image.as_str()));
    let listed: Vec<Listed<'_>> = deploys
        .iter()
        .enumerate()
        .map(|(i, d)| Listed {
            deploy: d,
            current: i == 0,
            // The newest deploy of a serving image is the one deployed now.
            serving: cluster
                .as_ref()
                .is_some_and(|c| c.serving.contains(&d.image))
                && !deploys[..i].iter().any(|e| e.image == d.image),
            failed: match cluster.as_ref().map(|c| &c.verdict) {
                Some(Verdict::Failed { what, .. }) if i == 0 => Some(*what),
                _ => None,
            },
            rolled_back: i > 0 && deploys[i - 1].rollback,
        })
        .collect();
    if ctx.printer.is_json() {
        ctx.printer.json(&listed)?;
        return Ok(());
    }
    if deploys.is_empty() {
        ctx.printer.info("no deploys yet");
        return Ok(());
    }
    show_list(ctx, deploys, &listed)
}

/// The list for people: a header, `*` before what is deployed now, and a note per fate.
fn show_list(ctx: &Context, deploys: &[PastDeploy], listed: &[Listed<'_>]) -> anyhow::Result<()> {
    let author_w = deploys
        .iter()
        .map(|d| d.author.len())
        .max()
        .unwrap_or(0)
        .max(6);
    let image_w = deploys
        .iter()
        .map(|d| d.image.len())
        .max()
        .unwrap_or(0)
        .max(5);
    ctx.printer.data(
        format!(
            "  {:<7}  {:<20}  {:<author_w$}  {:<image_w$}  NOTE",
            "REV", "DATE", "AUTHOR", "IMAGE"
        )
        .trim_end(),
    )?;
    for l in listed {
        let mut notes = Vec::new();
        if l.current {
            notes.push("app.yaml now".to_owned());
        }
        if let Some(what) = l.failed {
            notes.push(format!("FAILED ({what})"));
        }
        if l.serving {
            notes.push("serving".to_owned());
        }
        if l.rolled_back {
            notes.push("rolled back".to_owned());
        }
        let d = l.deploy;
        let line = format!(
            "{} {:<7}  {:<20}  {:<author_w$}  {:<image_w$}  {}",
            if l.serving { "*" } else { " " },
            crate::gitops::short_id(&d.revision),
            d.date,
            d.author,
            d.image,
            notes.join(", ")
        );
        ctx.printer.data(line.trim_end())?;
    }
    Ok(())
}

/// What the cluster says of the app, if it answers within [`CLUSTER_WAIT`]; nothing (and no
/// noise) without a usable kubeconfig, as `--list` works offline.
fn cluster_view(
    ctx: &Context,
    link: &crate::link::LinkFile,
    desired: Option<&str>,
) -> Option<AppStatus> {
    let l = &link.link;
    let target = ctx.cluster_target(Some(l));
    let read = async {
        let (client, namespace) = crate::cluster::connect(&target).await.ok()?;
        status::read(client, &namespace, &l.app, None, &l.deploy.repo, desired)
            .await
            .ok()
    };
    let found = ctx
        .block_on(async {
            tokio::time::timeout(CLUSTER_WAIT, read)
                .await
                .ok()
                .flatten()
        })
        .ok()
        .flatten();
    if found.is_none() {
        ctx.printer.debug(
            "the cluster did not say what serves: the list shows the deploy repository only",
        );
    }
    found
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
