//! `promote FROM TO`: TO gets the image FROM serves now, by digest, after checking that TO has
//! every secret key FROM has; then the commit to TO's deploy repository is followed like a deploy.

use std::time::Duration;

use serde::Serialize;

use crate::cluster::status;
use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::{DeployRepo, FileChange};
use crate::link::LinkFile;
use crate::promote::{self, Difference, PromoteError};
use crate::secrets::Workspace;
use crate::spec::edit::{FieldEdit, edit_fields};
use crate::spec::{self, AppSpec, history};
use crate::ui::release::{self, Release};

/// How far back a failed release looks for the deploy that would undo it.
const HISTORY: usize = 20;

/// What to promote where.
#[derive(Debug, Clone)]
pub struct Settings {
    pub from: String,
    pub to: String,
    /// Go on although TO lacks secret keys FROM has.
    pub force: bool,
    /// Stop after the push.
    pub no_wait: bool,
    /// How long to follow the release.
    pub timeout: Duration,
}

/// What `-o json` prints before the release is followed.
#[derive(Debug, Serialize)]
struct Promoted<'a> {
    from: &'a str,
    to: &'a str,
    app: &'a str,
    image: &'a str,
    previous_image: Option<&'a str>,
    missing_secrets: &'a [String],
    /// TO's sealed keys its Secret in the cluster lacks (not unsealed yet), when it can be read.
    not_unsealed: &'a [String],
    differences: &'a [Difference],
    revision: String,
    changed: bool,
    pushed: bool,
}

/// Promotes FROM's running image to TO.
///
/// # Errors
/// When an environment is unknown, FROM serves no single image, TO lacks secret keys (without
/// `--force`), or the deploy repository or the cluster fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    if settings.from == settings.to {
        return Err(PromoteError::SameEnvironment(settings.from).into());
    }
    let from = ctx.environment_link(&settings.from)?;
    let to = ctx.environment_link(&settings.to)?;
    // FROM's repository is let go before TO's is opened: both may be one cached clone, whose
    // lock one of them holds at a time.
    let (from_desired, _) = read_desired(ctx, &from)?;
    let (to_desired, mut repo) = read_desired(ctx, &to)?;
    let missing = promote::missing_secrets(&from_desired.secret_keys, &to_desired.secret_keys);
    if !missing.is_empty() && !settings.force {
        return Err(PromoteError::MissingSecrets {
            from: settings.from,
            to: settings.to,
            keys: missing,
        }
        .into());
    }
    let image = serving_image(ctx, &settings.from, &from)?;
    let to_spec_path = spec::path_in_repo(&to.link);
    let differences = promote::differences(&from_desired.spec, &to_desired.spec);
    if !settings.no_wait {
        ctx.block_on(release::check_cluster(&ctx.environment_target(&to.link)))??;
    }
    let not_unsealed = not_unsealed(ctx, &to, &to_desired.secret_keys);
    let message = format!("promote {} to {}: {image}", settings.from, settings.to);
    let recorded = repo
        .record_with(|root| -> anyhow::Result<(String, Vec<FileChange>)> {
            let text = edit_fields(
                &root.join(&to_spec_path),
                &[FieldEdit {
                    key: "image",
                    value: Some(&image),
                }],
            )?;
            Ok((
                message.clone(),
                vec![FileChange::Write {
                    path: to_spec_path.clone(),
                    contents: text.into_bytes(),
                }],
            ))
        })
        .map_err(crate::gitops::ActionError::into_anyhow)?;
    if ctx.printer.is_json() {
        ctx.printer.json(&Promoted {
            from: &settings.from,
            to: &settings.to,
            app: &to.link.app,
            image: &image,
            previous_image: to_desired.spec.image.as_deref(),
            missing_secrets: &missing,
            not_unsealed: not_unsealed.as_ref().map_or(&[], |n| n.keys.as_slice()),
            differences: &differences,
            revision: recorded.revision.to_string(),
            changed: recorded.changed,
            pushed: recorded.pushed,
        })?;
    } else {
        report(ctx, &settings, &image, &missing, &differences);
        if let Some(lacking) = &not_unsealed {
            ctx.printer.warn(format!(
                "{}'s Secret {} lacks {}, which its sealed-secrets.yaml has: {}; until they are unsealed, a release that needs them fails (exit 13)",
                settings.to,
                crate::cluster::names::env_secret(&to.link.app),
                lacking.keys.join(", "),
                lacking.why
            ));
        }
        release::report_recorded(&ctx.printer, &to.link, &image, &recorded)?;
    }
    let target = ctx.environment_target(&to.link);
    if settings.no_wait {
        if recorded.pushed {
            ctx.block_on(release::request_refresh(ctx.printer, &target, &to.link))?;
        }
        return Ok(ExitCode::Success);
    }
    let spec = AppSpec::load(&repo.root().join(&to_spec_path))?;
    let release = Release {
        link: &to.link,
        spec: &spec,
        revision: recorded.revision.to_string(),
        timeout: settings.timeout,
        deploys: history::deploys(&repo, &to_spec_path, HISTORY).unwrap_or_default(),
    };
    ctx.block_on(release::follow(ctx.printer, &target, &release))?
}

/// What an environment's deploy repository asks for: the names of its sealed secret keys (never
/// a value: there is none to read) and its app.yaml.
struct Desired {
    secret_keys: Vec<String>,
    spec: AppSpec,
}

/// The environment's desired state, with its deploy repository opened once (a remote one
/// fetched once), which TO's commit then uses.
fn read_desired(ctx: &Context, link: &LinkFile) -> anyhow::Result<(Desired, DeployRepo)> {
    let namespace = link.link.namespace.clone();
    let opened = Workspace::open(link.clone(), ctx.git_auth(), namespace)?;
    let secret_keys = opened
        .workspace
        .read_sealed()?
        .map(|sealed| sealed.keys())
        .unwrap_or_default();
    let spec = AppSpec::load(&opened.repo.root().join(spec::path_in_repo(&link.link)))?;
    Ok((Desired { secret_keys, spec }, opened.repo))
}

/// TO's sealed keys (desired state, `sealed`) that its Secret in the cluster lacks, as the
/// cluster's SealedSecret says. The check compares the deploy repository, which is what promote
/// refuses on; this only warns, and says nothing when the cluster cannot be read (no right to
/// read SealedSecrets, say), as the release that follows judges the pods anyway.
fn not_unsealed(ctx: &Context, to: &LinkFile, sealed: &[String]) -> Option<promote::NotUnsealed> {
    if sealed.is_empty() {
        return None;
    }
    let l = &to.link;
    let read = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&ctx.environment_target(l)).await?;
        anyhow::Ok(crate::cluster::unsealed::read(client, &namespace, &l.app).await?)
    });
    match read {
        Ok(Ok(unsealed)) => promote::not_unsealed(sealed, &unsealed),
        // The cause is left out: a kube error may quote the kubeconfig's credentials.
        Ok(Err(_)) | Err(_) => {
            ctx.printer.debug(format!(
                "cannot read {}'s SealedSecret: whether its keys are unsealed is unknown",
                l.app
            ));
            None
        }
    }
}

/// The one image FROM's ready web pods run, by digest.
fn serving_image(ctx: &Context, env: &str, link: &LinkFile) -> anyhow::Result<String> {
    let l = &link.link;
    let serving = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&ctx.environment_target(l)).await?;
        anyhow::Ok(status::serving_digests(client, &namespace, &l.app).await?)
    })??;
    Ok(promote::image_to_promote(env, &l.app, &serving)?)
}

/// What goes to TO besides the image, and the keys `--force` let through.
fn report(
    ctx: &Context,
    settings: &Settings,
    image: &str,
    missing: &[String],
    differences: &[Difference],
) {
    ctx.printer.info(format!(
        "promoting {image} from {} to {}",
        settings.from, settings.to
    ));
    if !missing.is_empty() {
        ctx.printer.warn(format!(
            "{} lacks secret keys {} has: {} (--force)",
            settings.to,
            settings.from,
            missing.join(", ")
        ));
    }
    for d in differences {
        ctx.printer.info(format!(
            "  differs: {}: {} in {}, {} in {}",
            d.field, d.from, settings.from, d.to, settings.to
        ));
    }
}
