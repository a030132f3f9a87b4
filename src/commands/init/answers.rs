//! What init asks, and what answers it first: the flags, then the existing link file, then a
//! question (or its default when nobody can be asked).

use std::path::Path;

use crate::context::Context;
use crate::detect::Project;
use crate::exit::{ExitCode, Failure};
use crate::gitops;
use crate::link::{self, DeployRepoRef, Link};
use crate::scaffold::ImagePaths;
use crate::spec::{self, AppSpec};

use super::Settings;

/// The answers to init's questions.
#[derive(Debug, Clone)]
pub(super) struct Answers {
    pub link: Link,
    pub async_worker: bool,
    pub hosts: Vec<String>,
    pub image: Option<String>,
    /// The image the app.yaml there is already names: init keeps it.
    pub current_image: Option<String>,
    /// The `cron:` entries of the app.yaml there is: init keeps them and offers no duplicate.
    pub current_cron: Vec<crate::spec::cron::CronEntry>,
}

/// The link file init found in the project's folder.
#[derive(Debug, Default)]
pub(super) struct ExistingLink {
    /// Its contents, when it is valid: they answer what the flags leave open.
    pub link: Option<Link>,
    /// It is invalid, and init rewrites it from the answers.
    pub rewrite: bool,
}

/// The link file in `root`, if any. An invalid one is rewritten from the answers with `--force`,
/// or when the person at the terminal agrees; otherwise init stops before it writes anything.
pub(super) fn existing_link(
    ctx: &Context,
    settings: &Settings,
    root: &Path,
) -> anyhow::Result<ExistingLink> {
    let error = match link::load(&root.join(link::FILE_NAME)) {
        Ok(found) => {
            return Ok(ExistingLink {
                link: Some(found.link),
                rewrite: false,
            });
        }
        Err(link::LinkError::Read { .. }) => return Ok(ExistingLink::default()),
        Err(e @ (link::LinkError::Invalid(_) | link::LinkError::Field { .. })) => e,
        Err(e) => return Err(e.into()),
    };
    let rewrite = ExistingLink {
        link: None,
        rewrite: true,
    };
    if settings.force {
        return Ok(rewrite);
    }
    if ctx.prompter.is_interactive() && !settings.dry_run {
        ctx.printer.warn(&error);
        let question = format!("Rewrite {} from your answers?", link::FILE_NAME);
        if ctx.prompter.confirm(&question, false)? {
            return Ok(rewrite);
        }
    }
    Err(Failure::new(ExitCode::InvalidInput, error.to_string())
        .hint(format!(
            "fix the file, or pass --force to rewrite {} from the flags and answers",
            link::FILE_NAME
        ))
        .into())
}

/// Every answer, each from its flag, the existing link file, or a question.
pub(super) fn ask(
    ctx: &Context,
    settings: &Settings,
    project: &Project,
    root: &Path,
    existing: Option<&Link>,
) -> anyhow::Result<Answers> {
    let app = app_name(ctx, settings, project, root, existing)?;
    let namespace = namespace(ctx, settings, &app, existing)?;
    let deploy = deploy_repo_ref(ctx, settings, root, existing)?;
    // A re-run starts from the app.yaml there is: its hosts and worker are the defaults.
    let current = current_spec(root, &deploy);
    let async_worker = async_worker(ctx, settings, project, current.as_ref())?;
    let hosts = hosts(ctx, settings, current.as_ref())?;
    let context = settings
        .context
        .clone()
        .or_else(|| existing.and_then(|l| l.context.clone()));
    Ok(Answers {
        link: Link {
            app,
            namespace,
            context,
            deploy,
            argocd: existing.and_then(|l| l.argocd.clone()),
            // A re-run keeps the environments the file names.
            environment: existing.and_then(|l| l.environment.clone()),
            environments: existing.map(|l| l.environments.clone()).unwrap_or_default(),
        },
        async_worker,
        hosts,
        image: settings.image.clone(),
        current_cron: current
            .as_ref()
            .map(|spec| spec.cron.clone())
            .unwrap_or_default(),
        current_image: current.and_then(|spec| spec.image),
    })
}

/// The flag's value, else the existing link file's.
fn given(
    flag: Option<&String>,
    existing: Option<&Link>,
    field: fn(&Link) -> &String,
) -> Option<String> {
    flag.or_else(|| existing.map(field)).cloned()
}

fn app_name(
    ctx: &Context,
    settings: &Settings,
    project: &Project,
    root: &Path,
    existing: Option<&Link>,
) -> anyhow::Result<String> {
    let app = match given(settings.app.as_ref(), existing, |l| &l.app) {
        Some(app) => app,
        None => ctx.prompter.text_checked(
            "App name (names everything in the cluster)",
            Some(&crate::detect::app_name::default_app_name(
                root,
                project.settings_module.as_deref(),
            )),
            "--app NAME",
            |answer| spec::validate_app_name(answer).map_err(|r| format!("invalid app name: {r}")),
        )?,
    };
    spec::validate_app_name(&app).map_err(|reason| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("invalid app name: {reason}"),
        )
        .hint("pass --app with a lowercase DNS label, like --app shop")
    })?;
    Ok(app)
}

fn namespace(
    ctx: &Context,
    settings: &Settings,
    app: &str,
    existing: Option<&Link>,
) -> anyhow::Result<String> {
    let namespace = match given(settings.namespace.as_ref(), existing, |l| &l.namespace) {
        Some(namespace) => namespace,
        None => ctx.prompter.text_checked(
            "Kubernetes namespace",
            Some(app),
            "-n NAMESPACE",
            |answer| {
                spec::validate_dns_label(answer).map_err(|r| format!("invalid namespace: {r}"))
            },
        )?,
    };
    spec::validate_dns_label(&namespace).map_err(|reason| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("invalid namespace: {reason}"),
        )
    })?;
    Ok(namespace)
}

/// Where app.yaml lives: the repository, its branch, the folder inside it.
fn deploy_repo_ref(
    ctx: &Context,
    settings: &Settings,
    root: &Path,
    existing: Option<&Link>,
) -> anyhow::Result<DeployRepoRef> {
    let repo = deploy_repo(ctx, settings, existing)?;
    let branch = given(settings.deploy_branch.as_ref(), existing, |l| {
        &l.deploy.branch
    })
    .unwrap_or_else(|| "main".to_owned());
    if !gitops::is_valid_branch_name(&branch) {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!("invalid deploy branch `{branch}`: git does not allow that branch name"),
        )
        .hint("pass --deploy-branch with the branch ArgoCD follows, like --deploy-branch main")
        .into());
    }
    let path =
        given(settings.deploy_path.as_ref(), existing, |l| &l.deploy.path).unwrap_or_else(|| {
            link::default_deploy_path(&repo, root, gitops::repository_top(root).as_deref())
        });
    let path = link::tidy_deploy_path(&path);
    if repo == "." && path == "." {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            "with --deploy-repo . the app spec needs a folder of its own",
        )
        .hint("pass --deploy-path deploy/")
        .into());
    }
    Ok(DeployRepoRef { repo, branch, path })
}

/// The deploy repository's URL or path; never one that holds a password, which the link file
/// would keep in git.
fn deploy_repo(
    ctx: &Context,
    settings: &Settings,
    existing: Option<&Link>,
) -> anyhow::Result<String> {
    let repo = match given(settings.deploy_repo.as_ref(), existing, |l| &l.deploy.repo) {
        Some(repo) => repo,
        None => ctx.prompter.text_checked(
            "Deploy repository (a git URL, a local path, or \".\" for this repository)",
            Some("."),
            "--deploy-repo URL|PATH",
            |answer| {
                if gitops::url_password(answer).is_some_and(|p| !p.is_empty()) {
                    Err("the URL holds a password, which would be written into the link file: leave it out and use a git credential helper".to_owned())
                } else {
                    Ok(())
                }
            },
        )?,
    };
    if gitops::url_password(&repo).is_some_and(|p| !p.is_empty()) {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!(
                "the deploy repository URL {} holds a password, which would be written into {}",
                gitops::redact_url(&repo),
                link::FILE_NAME
            ),
        )
        .hint(format!(
            "leave the password out of the URL and use a git credential helper (`git config --global credential.helper store`), or set {} in CI",
            gitops::TOKEN_ENV
        ))
        .into());
    }
    Ok(repo)
}

fn async_worker(
    ctx: &Context,
    settings: &Settings,
    project: &Project,
    current: Option<&AppSpec>,
) -> anyhow::Result<bool> {
    Ok(match (settings.async_worker, &project.worker) {
        (Some(true), None) => {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                "--async: no worker found in this project (Celery, Django-Q, django-rq, Dramatiq, Huey)",
            )
            .hint("add the worker to your dependencies first, or leave out --async")
            .into());
        }
        (Some(choice), _) => choice,
        (None, None) => false,
        // A re-run keeps what app.yaml says, as it keeps the link file's answers.
        (None, Some(_)) if current.is_some() => current.is_some_and(|spec| spec.async_worker),
        (None, Some(worker)) => ctx.prompter.confirm(
            &format!("Run the worker (`{}`) in its own pods?", worker.command),
            true,
        )?,
    })
}

/// `--host` flags; else the hosts of the app.yaml there is, so a re-run keeps them; else a
/// question, asked again until every host is valid.
fn hosts(
    ctx: &Context,
    settings: &Settings,
    current: Option<&AppSpec>,
) -> anyhow::Result<Vec<String>> {
    if !settings.hosts.is_empty() {
        return Ok(settings.hosts.clone());
    }
    let current_hosts = current.map(|spec| spec.hosts.clone()).unwrap_or_default();
    if !current_hosts.is_empty() || !ctx.prompter.is_interactive() {
        return Ok(current_hosts);
    }
    let answer = ctx.prompter.text_checked(
        "Host names the site answers on (comma-separated, empty for none yet)",
        Some(""),
        "--host HOST",
        |answer| {
            split_hosts(answer)
                .iter()
                .try_for_each(|host| spec::validate_host(host))
                .map_err(|r| format!("invalid host: {r}"))
        },
    )?;
    Ok(split_hosts(&answer))
}

fn split_hosts(answer: &str) -> Vec<String> {
    answer
        .split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The app.yaml the deploy repository holds already, as far as it can be read without the
/// network: in a local repository, or in the cached clone of a remote one.
fn current_spec(root: &Path, deploy: &DeployRepoRef) -> Option<AppSpec> {
    let dir = if deploy.is_remote() {
        gitops::cached_clone(&deploy.repo)?.join(&deploy.path)
    } else {
        deploy.local_app_dir(root, gitops::repository_top(root).as_deref())
    };
    AppSpec::load(&dir.join(spec::FILE_NAME)).ok()
}

/// Where the image keeps the scripts: the contract's paths, except those the image already uses,
/// for which the user is offered another path (the default under --yes).
pub(super) fn choose_paths(ctx: &Context, project: &Project) -> anyhow::Result<ImagePaths> {
    let mut paths = ImagePaths::for_image(project.dockerfile.as_ref());
    let Some(dockerfile) = &project.dockerfile else {
        return Ok(paths);
    };
    for (contract, chosen) in [
        ("/init", &mut paths.init),
        ("/async", &mut paths.async_worker),
    ] {
        if dockerfile.taken_paths.iter().any(|t| t == contract) && ctx.prompter.is_interactive() {
            let answer = ctx.prompter.text(
                &format!(
                    "{} already uses {contract} (s6-overlay or similar). Path for the script in the image",
                    dockerfile.path
                ),
                Some(chosen.as_str()),
                "--yes",
            )?;
            if !answer.starts_with('/') {
                return Err(Failure::new(
                    ExitCode::InvalidInput,
                    format!("`{answer}` must be an absolute path inside the image"),
                )
                .into());
            }
            *chosen = answer;
        }
    }
    Ok(paths)
}
