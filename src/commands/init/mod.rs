//! `ungleich-django init`: detect the project, ask what detection cannot answer, write the
//! contract scripts, the link file, a Dockerfile where none exists, and `app.yaml` in the deploy
//! repository; then say exactly what to do next.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;

use crate::app::Context;
use crate::detect::{self, Project, ValueSource};
use crate::exit::{ExitCode, Failure};
use crate::gitops::{self, DeployRepo, FileChange};
use crate::link::{self, DeployRepoRef, Link, LinkFile};
use crate::scaffold::{self, ImagePaths, Rendered};
use crate::spec::{self, AppSpec};

/// `init`'s settings, from its flags and the global ones.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub app: Option<String>,
    pub namespace: Option<String>,
    pub context: Option<String>,
    pub deploy_repo: Option<String>,
    pub deploy_branch: Option<String>,
    pub deploy_path: Option<String>,
    /// `--async` / `--no-async`; `None` when neither was given.
    pub async_worker: Option<bool>,
    pub hosts: Vec<String>,
    pub image: Option<String>,
    pub dry_run: bool,
    pub force: bool,
}

/// What happens to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// It does not exist; init writes it.
    Create,
    /// It exists and stays as it is.
    Keep,
    /// It exists and init rewrites it (`--force`, or the user said yes).
    Update,
    /// It exists and is the customer's: init prints what to add instead.
    Print,
}

/// One file of the plan, as `-o json` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedFile {
    /// Relative to the repository root (for a separate deploy repository: its path as given).
    pub path: String,
    pub action: Action,
    /// Why a file is kept although it differs, or what to print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    contents: Option<Vec<u8>>,
    #[serde(skip)]
    executable: bool,
}

/// The whole report: `{"project": ..., "files": [...]}` is an interface other tools read.
#[derive(Debug, Serialize)]
struct Report<'a> {
    project: &'a Project,
    files: &'a [PlannedFile],
    link: &'a Link,
    #[serde(rename = "async")]
    async_worker: bool,
    commands: CommandsJson<'a>,
    warnings: &'a [String],
    dry_run: bool,
    deploy: &'a DeployOutcome,
}

/// What happened in the deploy repository.
#[derive(Debug, Serialize)]
struct DeployOutcome {
    /// As the link file names it.
    repository: String,
    /// The commit that added app.yaml, when one was made.
    revision: Option<String>,
    /// The commit is on the server.
    pushed: bool,
}

#[derive(Debug, Serialize)]
struct CommandsJson<'a> {
    init: &'a str,
    run: &'a str,
    #[serde(rename = "async")]
    async_worker: &'a str,
}

/// Runs `init`.
///
/// # Errors
/// When the folder is no Django project, an answer is missing or invalid, or a file cannot be
/// written.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let root = ctx.cwd.clone();
    let project = detect::detect(&root)?;
    let (existing_link, rewrite_link) = match link::load(&root.join(link::FILE_NAME)) {
        Ok(found) => (Some(found.link), false),
        Err(link::LinkError::Read { .. }) => (None, false),
        Err(e @ (link::LinkError::Invalid(_) | link::LinkError::Field { .. })) => {
            (None, rewrite_invalid_link(ctx, &settings, e)?)
        }
        Err(e) => return Err(e.into()),
    };
    let answers = ask(ctx, &settings, &project, &root, existing_link.as_ref())?;
    let paths = choose_paths(ctx, &project)?;
    let mut warnings = advice(&project, &answers);
    let mut files = plan_source_files(
        ctx,
        &settings,
        &root,
        &project,
        &answers,
        &paths,
        rewrite_link,
    )?;
    let link_file = LinkFile {
        path: root.join(link::FILE_NAME),
        link: answers.link.clone(),
    };
    let spec = app_spec(&answers, &paths)?;
    // The deploy repository is opened (a remote one cloned and brought up to date) before
    // anything is written: when it cannot be used, nothing changes. A dry run opens nothing.
    let mut repo = if settings.dry_run {
        None
    } else {
        Some(open_deploy_repo(ctx, &root, &link_file)?)
    };
    let deploy_dir = repo.as_ref().map(|r| r.app_dir(&link_file.link));
    let deploy = plan_deploy(
        ctx,
        &settings,
        &root,
        &link_file,
        deploy_dir.as_deref(),
        &spec,
        &mut warnings,
    )?;
    files.push(deploy.file.clone());

    let mut outcome = DeployOutcome {
        repository: answers.link.deploy.repo.clone(),
        revision: None,
        pushed: false,
    };
    if let Some(repo) = repo.as_mut() {
        for file in &files[..files.len() - 1] {
            write_source_file(&root, file)?;
        }
        if let Some(contents) = &deploy.file.contents {
            let relative = normalise(&Path::new(&answers.link.deploy.path).join(spec::FILE_NAME));
            let create_only = deploy.file.action == Action::Create;
            let recorded = repo
                .record(
                    &format!(
                        "Add app.yaml for {} (ungleich-django init)",
                        answers.link.app
                    ),
                    |tree: &Path| {
                        // Someone may have pushed an app.yaml since the plan: never replace it
                        // unless told to.
                        let current = std::fs::read(tree.join(&relative)).ok();
                        let theirs = create_only && current.is_some_and(|c| &c != contents);
                        Ok::<_, std::convert::Infallible>(if theirs {
                            Vec::new()
                        } else {
                            vec![FileChange::Write {
                                path: relative.clone(),
                                contents: contents.clone(),
                            }]
                        })
                    },
                )
                .map_err(gitops::ActionError::into_anyhow)?;
            if recorded.changed {
                outcome.revision = Some(recorded.revision.to_string());
            }
            outcome.pushed = recorded.pushed && recorded.changed;
        }
    }

    let report = Report {
        project: &project,
        files: &files,
        link: &answers.link,
        async_worker: answers.async_worker,
        commands: CommandsJson {
            init: &paths.init,
            run: &paths.run,
            async_worker: &paths.async_worker,
        },
        warnings: &warnings,
        dry_run: settings.dry_run,
        deploy: &outcome,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
    } else {
        tell(ctx, &report, &project, &paths, &answers);
    }
    Ok(ExitCode::Success)
}

/// An invalid link file is rewritten from the answers with `--force`, or when the person at
/// the terminal agrees; otherwise init stops before it writes anything.
fn rewrite_invalid_link(
    ctx: &Context,
    settings: &Settings,
    error: link::LinkError,
) -> anyhow::Result<bool> {
    if settings.force {
        return Ok(true);
    }
    if ctx.prompter.is_interactive() && !settings.dry_run {
        ctx.printer.warn(format!("{error}"));
        if ctx.prompter.confirm(
            &format!("Rewrite {} from your answers?", link::FILE_NAME),
            false,
        )? {
            return Ok(true);
        }
    }
    Err(Failure::new(ExitCode::InvalidInput, format!("{error}"))
        .hint(format!(
            "fix the file, or pass --force to rewrite {} from the flags and answers",
            link::FILE_NAME
        ))
        .into())
}

/// Where the image keeps the scripts: the contract's paths, except those the image already uses,
/// for which the user is offered another path (the default under --yes).
fn choose_paths(ctx: &Context, project: &Project) -> anyhow::Result<ImagePaths> {
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

/// The answers to init's questions.
#[derive(Debug, Clone)]
struct Answers {
    link: Link,
    async_worker: bool,
    hosts: Vec<String>,
    image: Option<String>,
}

/// Flags first, then the existing link file, then a question (or its default when nobody can
/// be asked).
fn ask(
    ctx: &Context,
    settings: &Settings,
    project: &Project,
    root: &Path,
    existing: Option<&Link>,
) -> anyhow::Result<Answers> {
    let p = &ctx.prompter;
    let app = match settings
        .app
        .clone()
        .or_else(|| existing.map(|l| l.app.clone()))
    {
        Some(app) => app,
        None => p.text(
            "App name (names everything in the cluster)",
            Some(&app_name_from(root)),
            "--app NAME",
        )?,
    };
    spec::validate_app_name(&app).map_err(|reason| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("invalid app name: {reason}"),
        )
        .hint("pass --app with a lowercase DNS label, like --app shop")
    })?;
    let namespace = match settings
        .namespace
        .clone()
        .or_else(|| existing.map(|l| l.namespace.clone()))
    {
        Some(ns) => ns,
        None => p.text("Kubernetes namespace", Some(&app), "-n NAMESPACE")?,
    };
    spec::validate_dns_label(&namespace).map_err(|reason| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("invalid namespace: {reason}"),
        )
    })?;
    let repo = match settings
        .deploy_repo
        .clone()
        .or_else(|| existing.map(|l| l.deploy.repo.clone()))
    {
        Some(repo) => repo,
        None => p.text(
            "Deploy repository (a git URL, a local path, or \".\" for this repository)",
            Some("."),
            "--deploy-repo URL|PATH",
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
    let branch = settings
        .deploy_branch
        .clone()
        .or_else(|| existing.map(|l| l.deploy.branch.clone()))
        .unwrap_or_else(|| "main".to_owned());
    if !git2::Reference::is_valid_name(&format!("refs/heads/{branch}")) {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!("invalid deploy branch `{branch}`: git does not allow that branch name"),
        )
        .hint("pass --deploy-branch with the branch ArgoCD follows, like --deploy-branch main")
        .into());
    }
    let path = settings
        .deploy_path
        .clone()
        .or_else(|| existing.map(|l| l.deploy.path.clone()))
        .unwrap_or_else(|| {
            if repo == "." {
                // Inside the repository's root, as ArgoCD reads it: a project in a subfolder
                // of a monorepo keeps its app.yaml beside it (`backend/deploy`).
                let prefix = folder_in_repository(root);
                normalise(&prefix.join("deploy"))
                    .to_string_lossy()
                    .into_owned()
            } else {
                ".".to_owned()
            }
        });
    let path = path.trim_end_matches('/').to_owned();
    let path = if path.is_empty() {
        ".".to_owned()
    } else {
        path
    };
    if repo == "." && (path == "." || path.is_empty()) {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            "with --deploy-repo . the app spec needs a folder of its own",
        )
        .hint("pass --deploy-path deploy/")
        .into());
    }
    let async_worker = match (settings.async_worker, &project.worker) {
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
        (None, Some(worker)) => p.confirm(
            &format!("Run the worker (`{}`) in its own pods?", worker.command),
            true,
        )?,
    };
    let hosts = if settings.hosts.is_empty() {
        let existing_hosts = existing_spec_hosts(root, existing);
        if existing_hosts.is_empty() && p.is_interactive() {
            let answer = p.text(
                "Host names the site answers on (comma-separated, empty for none yet)",
                Some(""),
                "--host HOST",
            )?;
            answer
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            existing_hosts
        }
    } else {
        settings.hosts.clone()
    };
    let context = settings
        .context
        .clone()
        .or_else(|| existing.and_then(|l| l.context.clone()));
    Ok(Answers {
        link: Link {
            app,
            namespace,
            context,
            deploy: DeployRepoRef { repo, branch, path },
            argocd: existing.and_then(|l| l.argocd.clone()),
        },
        async_worker,
        hosts,
        image: settings.image.clone(),
    })
}

/// The hosts of an app.yaml that exists already, so a re-run keeps them.
fn existing_spec_hosts(root: &Path, existing: Option<&Link>) -> Vec<String> {
    let Some(link) = existing else {
        return Vec::new();
    };
    if gitops::is_remote_url(&link.deploy.repo) {
        return Vec::new();
    }
    let path = local_deploy_dir(root, link).join(spec::FILE_NAME);
    AppSpec::load(&path).map(|s| s.hosts).unwrap_or_default()
}

/// The folder's name as a DNS label: `My_Shop` → `my-shop`.
fn app_name_from(root: &Path) -> String {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut label: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    label = label.trim_matches('-').to_owned();
    while label.contains("--") {
        label = label.replace("--", "-");
    }
    label = label
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        .to_owned();
    label.truncate(40);
    let label = label.trim_end_matches('-').to_owned();
    if label.is_empty() {
        "app".to_owned()
    } else {
        label
    }
}

/// The scripts, link file, Dockerfile and .dockerignore, each with what happens to it.
fn plan_source_files(
    ctx: &Context,
    settings: &Settings,
    root: &Path,
    project: &Project,
    answers: &Answers,
    paths: &ImagePaths,
    rewrite_link: bool,
) -> anyhow::Result<Vec<PlannedFile>> {
    let mut rendered = scaffold::render(project, answers.async_worker, paths);
    rendered.insert(
        0,
        Rendered {
            path: link::FILE_NAME.to_owned(),
            contents: link::render(&answers.link),
            executable: false,
        },
    );
    let mut planned = Vec::new();
    for file in rendered {
        let target = root.join(&file.path);
        let current = std::fs::read(&target).ok();
        let customer_owned = file.path == "Dockerfile" || file.path == ".dockerignore";
        let (action, note, contents) = match current {
            None => (Action::Create, None, Some(file.contents.into_bytes())),
            Some(_) if file.path == "Dockerfile" => {
                let lines = scaffold::copy_lines(
                    &project_for_docker(project, answers.async_worker),
                    paths,
                    true,
                );
                let text = std::fs::read_to_string(&target).unwrap_or_default();
                let missing: Vec<&str> = lines
                    .lines()
                    .filter(|l| !text.contains(l.trim_start_matches("COPY --chmod=0755 ")))
                    .collect();
                if missing.is_empty() {
                    (Action::Keep, None, None)
                } else {
                    (Action::Print, Some(missing.join("\n")), None)
                }
            }
            Some(_) if customer_owned => (Action::Keep, None, None),
            Some(bytes) if bytes == file.contents.as_bytes() => {
                let mode_ok = !file.executable || is_executable(&target);
                if mode_ok {
                    (Action::Keep, None, None)
                } else {
                    (
                        Action::Update,
                        Some("made executable".to_owned()),
                        Some(bytes),
                    )
                }
            }
            Some(_) if rewrite_link && file.path == link::FILE_NAME => (
                Action::Update,
                Some("was invalid; rewritten".to_owned()),
                Some(file.contents.into_bytes()),
            ),
            Some(_) => {
                let overwrite = settings.force
                    || (ctx.prompter.is_interactive()
                        && !settings.dry_run
                        && ctx.prompter.confirm(
                            &format!(
                                "{} differs from what init would write. Overwrite it?",
                                file.path
                            ),
                            false,
                        )?);
                if overwrite {
                    (Action::Update, None, Some(file.contents.into_bytes()))
                } else {
                    (
                        Action::Keep,
                        Some(
                            "differs from what init would write; kept (pass --force to overwrite)"
                                .to_owned(),
                        ),
                        None,
                    )
                }
            }
        };
        planned.push(PlannedFile {
            path: file.path,
            action,
            note,
            contents,
            executable: file.executable,
        });
    }
    Ok(planned)
}

fn project_for_docker(project: &Project, with_worker: bool) -> Project {
    let mut p = project.clone();
    if !with_worker {
        p.worker = None;
    }
    p
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 == 0o111)
}

#[cfg(not(unix))]
fn is_executable(_path: &Path) -> bool {
    true
}

/// The app spec init writes for a new app.
fn app_spec(answers: &Answers, paths: &ImagePaths) -> anyhow::Result<AppSpec> {
    let mut spec = AppSpec::new(answers.link.app.clone());
    spec.hosts.clone_from(&answers.hosts);
    spec.image.clone_from(&answers.image);
    spec.async_worker = answers.async_worker;
    spec.commands.init.clone_from(&paths.init);
    spec.commands.run.clone_from(&paths.run);
    spec.commands.async_worker.clone_from(&paths.async_worker);
    spec.validate().map_err(|(field, reason)| {
        Failure::new(ExitCode::InvalidInput, format!("invalid {field}: {reason}"))
    })?;
    Ok(spec)
}

fn render_spec(spec: &AppSpec) -> anyhow::Result<String> {
    let body = serde_saphyr::to_string(spec).context("cannot write app.yaml")?;
    Ok(format!(
        "# The app spec: your values for the hoster's chart. `ungleich-django schema` documents every field.\n{body}"
    ))
}

struct DeployPlan {
    file: PlannedFile,
}

/// app.yaml in the deploy repository: created when absent, kept when present (unless --force).
fn plan_deploy(
    ctx: &Context,
    settings: &Settings,
    root: &Path,
    link_file: &LinkFile,
    opened_dir: Option<&Path>,
    spec: &AppSpec,
    warnings: &mut Vec<String>,
) -> anyhow::Result<DeployPlan> {
    let link = &link_file.link;
    let contents = render_spec(spec)?.into_bytes();
    let display = deploy_display_path(link);
    let dir = match opened_dir {
        Some(dir) => dir.to_owned(),
        None if gitops::is_remote_url(&link.deploy.repo) => {
            // A dry run does not fetch: what is on the server is not known here.
            return Ok(DeployPlan {
                file: PlannedFile {
                    path: display,
                    action: Action::Create,
                    note: Some(format!(
                        "in {}, unless it has one already",
                        link.deploy.repo
                    )),
                    contents: Some(contents),
                    executable: false,
                },
            });
        }
        None => local_deploy_dir(root, link),
    };
    let full = dir.join(spec::FILE_NAME);
    let (action, note, contents) = match std::fs::read(&full) {
        Err(_) => (Action::Create, None, Some(contents)),
        Ok(current) if current == contents => (Action::Keep, None, None),
        Ok(current) => {
            // Someone's app.yaml: keep it unless told otherwise, and say when it is invalid.
            let text = String::from_utf8_lossy(&current);
            let contents = match AppSpec::parse(&full, &text) {
                Ok(existing) => render_spec(&rewritten(existing, spec))?.into_bytes(),
                Err(e) => {
                    warnings.push(format!("{e}"));
                    contents
                }
            };
            let overwrite = settings.force
                || (ctx.prompter.is_interactive()
                    && !settings.dry_run
                    && ctx.prompter.confirm(
                        &format!("{display} exists and differs. Overwrite it?"),
                        false,
                    )?);
            if contents == current {
                (Action::Keep, None, None)
            } else if overwrite {
                (
                    Action::Update,
                    Some("rewritten; its image, env and secrets revision kept".to_owned()),
                    Some(contents),
                )
            } else {
                (
                    Action::Keep,
                    Some("exists; kept (edit it, or pass --force to rewrite it)".to_owned()),
                    None,
                )
            }
        }
    };
    Ok(DeployPlan {
        file: PlannedFile {
            path: display,
            action,
            note,
            contents,
            executable: false,
        },
    })
}

/// A valid app.yaml rewritten (--force): what init decides replaces the old values, and what
/// deploy, the secret commands and the customer set (the running image, the secrets revision,
/// env, replicas, storage) stays, so a rewrite never undeploys the app.
fn rewritten(existing: AppSpec, planned: &AppSpec) -> AppSpec {
    AppSpec {
        name: planned.name.clone(),
        image: planned.image.clone().or(existing.image),
        hosts: if planned.hosts.is_empty() {
            existing.hosts
        } else {
            planned.hosts.clone()
        },
        async_worker: planned.async_worker,
        commands: planned.commands.clone(),
        ..existing
    }
}

fn deploy_display_path(link: &Link) -> String {
    let inner = normalise(&Path::new(&link.deploy.path).join(spec::FILE_NAME));
    if link.deploy.repo == "." || gitops::is_remote_url(&link.deploy.repo) {
        inner.to_string_lossy().into_owned()
    } else {
        normalise(&Path::new(&link.deploy.repo).join(inner))
            .to_string_lossy()
            .into_owned()
    }
}

/// `root`'s folder relative to the top of the git repository it is in (empty at the top or
/// outside any repository).
fn folder_in_repository(root: &Path) -> PathBuf {
    let top = git2::Repository::discover(root)
        .ok()
        .and_then(|r| r.workdir().and_then(|w| w.canonicalize().ok()));
    match (top, root.canonicalize()) {
        (Some(top), Ok(here)) => here
            .strip_prefix(&top)
            .map(Path::to_owned)
            .unwrap_or_default(),
        _ => PathBuf::new(),
    }
}

fn local_deploy_dir(root: &Path, link: &Link) -> PathBuf {
    if link.deploy.repo == "." {
        // deploy.path is relative to the repository's top, which may be above `root`.
        let top = git2::Repository::discover(root)
            .ok()
            .and_then(|r| r.workdir().map(Path::to_owned))
            .unwrap_or_else(|| root.to_owned());
        return top.join(&link.deploy.path);
    }
    let repo = link
        .deploy
        .repo
        .strip_prefix("file://")
        .unwrap_or(&link.deploy.repo);
    root.join(repo).join(&link.deploy.path)
}

/// `./deploy/./app.yaml` → `deploy/app.yaml`.
fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// The deploy repository, made a git repository when it is a local path that is not one yet.
/// A key's passphrase is asked on the terminal, as deploy asks it.
fn open_deploy_repo(
    ctx: &Context,
    root: &Path,
    link_file: &LinkFile,
) -> anyhow::Result<DeployRepo> {
    let link = &link_file.link;
    let auth = ctx.git_auth();
    if gitops::is_remote_url(&link.deploy.repo) {
        let repo = DeployRepo::open_with(link_file, auth)?;
        repo.check_identity()?;
        return Ok(repo);
    }
    let repo_dir = root.join(
        link.deploy
            .repo
            .strip_prefix("file://")
            .unwrap_or(&link.deploy.repo),
    );
    if repo_dir.is_file() {
        return Err(gitops::GitError::NotAFolder { path: repo_dir }.into());
    }
    // A folder that does not exist, or one in no repository, becomes a repository; a folder
    // inside another repository is refused when it is opened.
    if git2::Repository::discover(&repo_dir).is_err() {
        DeployRepo::check_global_identity()?;
        std::fs::create_dir_all(&repo_dir)
            .with_context(|| format!("cannot create {}", repo_dir.display()))?;
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head(&link.deploy.branch);
        git2::Repository::init_opts(&repo_dir, &options).map_err(|source| {
            gitops::GitError::Git {
                action: format!("cannot create a git repository in {}", repo_dir.display()),
                source,
            }
        })?;
    }
    let repo = DeployRepo::open_with(link_file, auth)?;
    // init writes the source files before it commits app.yaml: without an identity it would
    // stop half-way.
    repo.check_identity()?;
    Ok(repo)
}

fn write_source_file(root: &Path, file: &PlannedFile) -> anyhow::Result<()> {
    if let (Action::Create | Action::Update, Some(contents)) = (file.action, &file.contents) {
        let path = root.join(&file.path);
        crate::fsutil::write_atomic(&path, contents, file.executable)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// What the project should change before it runs well in production.
fn advice(project: &Project, answers: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    if project.settings_module.is_none() {
        out.push(
            "no settings module found: set DJANGO_SETTINGS_MODULE in app.yaml `env`".to_owned(),
        );
    }
    if project.server.is_none() {
        out.push(
            "no production server among the dependencies: add gunicorn (the scripts use it)"
                .to_owned(),
        );
    }
    if project.interface == detect::Interface::Asgi
        && matches!(project.server.as_deref(), None | Some("gunicorn"))
        && !project.uvicorn_installed
    {
        out.push("ungleich/run serves ASGI through gunicorn's uvicorn workers: add uvicorn to your dependencies".to_owned());
    }
    if project.package_manager.is_none() {
        out.push("no dependency file found (requirements.txt, pyproject.toml, Pipfile): the Dockerfile cannot install your dependencies".to_owned());
    }
    if project.setting_source("SECRET_KEY") != ValueSource::Environment {
        out.push("SECRET_KEY is not read from the environment: write SECRET_KEY = os.environ[\"SECRET_KEY\"] and run `ungleich-django secret set SECRET_KEY`".to_owned());
    }
    if project.debug_hard_coded_true {
        out.push(
            "DEBUG = True is written in the settings: read it from the environment, off by default"
                .to_owned(),
        );
    }
    if project.setting_source("STATIC_ROOT") != ValueSource::Environment {
        out.push("STATIC_ROOT is not read from the environment: write STATIC_ROOT = os.environ.get(\"STATIC_ROOT\") so /init collects to the app's volume".to_owned());
    }
    if project.setting_source("ALLOWED_HOSTS") != ValueSource::Environment {
        out.push("ALLOWED_HOSTS is not read from the environment: the platform sets ALLOWED_HOSTS (comma-separated)".to_owned());
    }
    match project.database_config {
        detect::DatabaseConfig::DatabaseUrl | detect::DatabaseConfig::EnvVars => {}
        _ => out.push("the database settings do not come from the environment: read DATABASE_URL (dj-database-url) or the PG* variables".to_owned()),
    }
    if answers.async_worker
        && let Some(scheduler) = project.worker.as_ref().and_then(|w| w.scheduler.as_ref())
    {
        out.push(format!("the project has a scheduler (`{scheduler}`), which must run exactly once: see the comment in ungleich/async"));
    }
    out
}

/// The human report: what was found, what was written, what to do next.
fn tell(
    ctx: &Context,
    report: &Report<'_>,
    project: &Project,
    paths: &ImagePaths,
    answers: &Answers,
) {
    let pr = &ctx.printer;
    let p = pr.palette();
    let none = || "none found".to_owned();
    pr.info(format!(
        "Detected Django project: {} (settings {}, {})",
        project.manage_py,
        project.settings_module.as_deref().unwrap_or("unknown"),
        match project.interface {
            detect::Interface::Wsgi => project
                .wsgi_application
                .clone()
                .map_or_else(none, |w| format!("WSGI {w}")),
            detect::Interface::Asgi => project
                .asgi_application
                .clone()
                .map_or_else(none, |a| format!("ASGI {a}")),
        }
    ));
    pr.info(format!(
        "  server {}, worker {}, {} with {}, Python {}",
        project
            .server
            .as_deref()
            .unwrap_or("none (gunicorn assumed)"),
        project
            .worker
            .as_ref()
            .map_or_else(none, |w| format!("`{}`", w.command)),
        project
            .package_manager
            .map_or("no package manager", |m| m.name()),
        project.lock_file.as_deref().unwrap_or("no lock file"),
        project
            .python_version
            .as_deref()
            .unwrap_or(detect::DEFAULT_PYTHON),
    ));
    for file in report.files {
        let word = match (file.action, report.dry_run) {
            (Action::Create, false) => p.green("created"),
            (Action::Create, true) => p.green("would create"),
            (Action::Update, false) => p.yellow_bold("updated"),
            (Action::Update, true) => p.yellow_bold("would update"),
            (Action::Keep, _) => p.dim("kept"),
            (Action::Print, _) => p.cyan("add by hand"),
        };
        let note = file
            .note
            .as_deref()
            .filter(|_| file.action != Action::Print)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        pr.info(format!("  {word:>12} {}{note}", file.path));
    }
    if let Some(file) = report.files.iter().find(|f| f.action == Action::Print) {
        pr.info(format!(
            "\nYour {} is yours: add these lines before its CMD/ENTRYPOINT:",
            file.path
        ));
        for line in file.note.as_deref().unwrap_or("").lines() {
            pr.info(format!("    {line}"));
        }
        if paths.init != "/init" {
            pr.info(format!(
                "  (the image already uses /init, so init is at {}; app.yaml `commands` records the paths)",
                paths.init
            ));
        }
    }
    for warning in report.warnings {
        pr.warn(warning);
    }
    if report.dry_run {
        pr.info("\nDry run: nothing was written.");
        return;
    }
    if let Some(revision) = &report.deploy.revision {
        let short = &revision[..revision.len().min(12)];
        if report.deploy.pushed {
            pr.success(format!(
                "Committed app.yaml ({short}) and pushed it to {}",
                report.deploy.repository
            ));
        } else {
            pr.success(format!(
                "Committed app.yaml ({short}) in the deploy repository"
            ));
        }
    }
    let app = &answers.link.app;
    let written: Vec<&str> = report.files[..report.files.len() - 1]
        .iter()
        .filter(|f| matches!(f.action, Action::Create | Action::Update))
        .map(|f| f.path.as_str())
        .collect();
    let mut steps = Vec::new();
    if !written.is_empty() {
        steps.push(format!(
            "Commit the new files: git add {} && git commit -m \"Add the ungleich-django contract\"",
            written.join(" ")
        ));
    }
    let deploy = report.deploy;
    if !deploy.pushed {
        if answers.link.deploy.repo == "." {
            steps.push("Push this repository: app.yaml is committed in it, and ArgoCD reads it from the server".to_owned());
        } else {
            steps.push(format!(
                "Push the deploy repository ({}) to the server ArgoCD watches",
                answers.link.deploy.repo
            ));
        }
    }
    steps.push(format!(
        "Build and push the image: docker build -t REGISTRY/{app}:v1 . && docker push REGISTRY/{app}:v1"
    ));
    steps.push("Store the secrets: ungleich-django secret set SECRET_KEY".to_owned());
    steps.push("Check for production: ungleich-django doctor".to_owned());
    steps.push(format!(
        "Deploy: ungleich-django deploy --image REGISTRY/{app}:v1"
    ));
    pr.info(format!("\n{}", p.bold("Next steps:")));
    for (i, step) in steps.iter().enumerate() {
        pr.info(format!("  {}. {step}", i + 1));
    }
}
