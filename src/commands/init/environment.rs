//! `init -e NAME` in a linked project: adds environment NAME. Only what differs from the default
//! environment is asked (or taken from the flags) and written under `environments:` of the link
//! file; its app.yaml, made from the default environment's, is committed (and pushed) in its own
//! folder or branch of the deploy repository. The secrets are not copied: a SealedSecret is bound
//! to its namespace, so the report lists the `secret set -e NAME` to run.

use serde::Serialize;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{self, DeployRepo, FileChange};
use crate::link::{self, Link, LinkError, LinkFile};
use crate::new_environment::{self, FirstSpec, Wanted};
use crate::secrets::Workspace;
use crate::spec;

use super::Settings;

/// The environment `-e` names when it is not the link file's default one (which plain init
/// writes); also when there is no link file yet, which [`run`] explains.
pub(super) fn other_than_default(ctx: &Context) -> Option<String> {
    let name = ctx.environment.clone()?;
    let default = link::find(&ctx.cwd)
        .ok()
        .map(|found| found.link.default_environment().to_owned());
    (default.as_deref() != Some(name.as_str())).then_some(name)
}

/// `--argocd-*` name the new environment's Application: plain init has no use for them.
pub(super) fn refuse_environment_flags(settings: &Settings) -> anyhow::Result<()> {
    if settings.argocd_namespace.is_some() || settings.argocd_application.is_some() {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            "--argocd-namespace and --argocd-application are for a new environment (init -e NAME)",
        )
        .hint("write `argocd:` in the link file for the default environment's Application")
        .into());
    }
    Ok(())
}

/// What `-o json` prints.
#[derive(Debug, Serialize)]
struct Added<'a> {
    environment: &'a str,
    app: &'a str,
    namespace: &'a str,
    context: Option<&'a str>,
    deploy: &'a link::DeployRepoRef,
    link_file: String,
    /// As written under `environments:`.
    entry: &'a str,
    app_yaml: String,
    /// False when the folder already held an app.yaml, which is kept.
    app_yaml_written: bool,
    copied_from: &'a str,
    hosts_left_out: &'a [String],
    /// The default environment's secret keys, to set in the new one.
    secrets_to_set: &'a [String],
    revision: Option<String>,
    pushed: bool,
    dry_run: bool,
}

/// Adds environment `name`; see the module's documentation.
///
/// # Errors
/// When there is no link file, `name` is taken or invalid, the new environment would share its
/// app, Application or app.yaml with another, a flag belongs to the source tree, or the deploy
/// repository cannot be used. Nothing is written then.
pub(super) fn run(ctx: &Context, settings: &Settings, name: &str) -> anyhow::Result<ExitCode> {
    refuse_source_flags(settings)?;
    let found = match link::find(&ctx.cwd) {
        Err(LinkError::NotFound { start }) => return Err(not_initialised(name, &start)),
        found => found?,
    };
    let text = std::fs::read_to_string(&found.path).map_err(|source| LinkError::Read {
        path: found.path.clone(),
        source,
    })?;
    new_environment::check_name(&found.link, name)?;
    let wanted = ask(ctx, settings, &found.link, name)?;
    let new_text =
        new_environment::add_to_link_file(&found.path, &text, &found.link, name, &wanted)?;
    let added = link::parse(&found.path, &new_text)?.select(Some(name))?;
    let default = found.clone().select(None)?;
    let model = read_default(ctx, &default)?;
    let spec_path = spec::path_in_repo(&added.link);
    let first = new_environment::first_spec(
        &spec_path,
        model.app_yaml.as_deref(),
        &added.link.app,
        settings.image.as_deref(),
        &settings.hosts,
    )?;
    let outcome = if settings.dry_run {
        Committed::default()
    } else {
        let outcome = commit_app_yaml(ctx, &added, &default, name, &first)?;
        // After the commit: a link file naming an environment whose app.yaml could not be
        // committed would send the next `-e NAME` command to a folder that does not exist.
        crate::fsutil::write_atomic(&found.path, new_text.as_bytes(), false)
            .map_err(|source| anyhow::anyhow!(source))
            .map_err(|e| e.context(format!("cannot write {}", found.path.display())))?;
        outcome
    };
    let entry_text = entry_lines(&new_text, &text);
    let report = Added {
        environment: name,
        app: &added.link.app,
        namespace: &added.link.namespace,
        context: added.link.context.as_deref(),
        deploy: &added.link.deploy,
        link_file: found.path.display().to_string(),
        entry: &entry_text,
        app_yaml: added.link.deploy.spec_shown_path(),
        app_yaml_written: outcome.written,
        copied_from: default.link.default_environment(),
        hosts_left_out: &first.hosts_left_out,
        secrets_to_set: &model.secret_keys,
        revision: outcome.revision.clone(),
        pushed: outcome.pushed,
        dry_run: settings.dry_run,
    };
    if ctx.printer.is_json() {
        ctx.printer.json(&report)?;
    } else {
        tell(ctx, &report, first.copied);
    }
    Ok(ExitCode::Success)
}

/// The flags about the source tree, which every environment shares: init -e writes none of it.
fn refuse_source_flags(settings: &Settings) -> anyhow::Result<()> {
    let given: Vec<&str> = [
        (settings.manage_py.is_some(), "--manage-py"),
        (settings.server.is_some(), "--server"),
        (settings.app_module.is_some(), "--app-module"),
        (settings.worker_command.is_some(), "--worker-command"),
        (settings.async_worker.is_some(), "--async/--no-async"),
        (settings.force, "--force"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(Failure::new(
        ExitCode::InvalidInput,
        format!(
            "{} cannot be given with -e/--env: init -e adds an environment, and the source tree is every environment's",
            given.join(", ")
        ),
    )
    .hint("run plain `ungleich-django init` for the source tree; an environment's app.yaml is changed with `config`, `scale`, `domains` and `deploy` -e NAME")
    .into())
}

/// No link file: the default environment comes first.
fn not_initialised(name: &str, start: &std::path::Path) -> anyhow::Error {
    Failure::new(
        ExitCode::InvalidInput,
        format!(
            "cannot add environment `{name}`: no {} in {} or any parent directory, so there is no default environment to add it to",
            link::FILE_NAME,
            start.display()
        ),
    )
    .hint(format!(
        "run plain `ungleich-django init` first (it sets up the default environment; add `--env` to it later with `ungleich-django init --env {name}`)"
    ))
    .into()
}

/// Every field of the new environment: a flag's value, else asked at a terminal with the
/// proposal as default, else the proposal (`--yes`, no terminal).
fn ask(ctx: &Context, settings: &Settings, link: &Link, name: &str) -> anyhow::Result<Wanted> {
    let proposed = new_environment::proposed(link, name);
    let p = &ctx.prompter;
    let app = match &settings.app {
        Some(app) => app.clone(),
        None => p.text_checked(
            &format!("App name of environment {name}"),
            Some(&proposed.app),
            "--app",
            spec::validate_app_name,
        )?,
    };
    let namespace = match &settings.namespace {
        Some(namespace) => namespace.clone(),
        None => p.text_checked(
            &format!("Namespace of environment {name}"),
            Some(&proposed.namespace),
            "--namespace",
            spec::validate_dns_label,
        )?,
    };
    let deploy_path = match &settings.deploy_path {
        Some(path) => path.clone(),
        None => p.text(
            &format!("Folder of {name}'s app.yaml in the deploy repository"),
            Some(&proposed.deploy_path),
            "--deploy-path",
        )?,
    };
    Ok(Wanted {
        app,
        namespace,
        context: settings.context.clone().or(proposed.context),
        deploy_repo: settings.deploy_repo.clone().unwrap_or(proposed.deploy_repo),
        deploy_branch: settings
            .deploy_branch
            .clone()
            .unwrap_or(proposed.deploy_branch),
        deploy_path,
        argocd_namespace: settings.argocd_namespace.clone(),
        argocd_application: settings.argocd_application.clone(),
    })
}

/// What the default environment lends the new one.
struct Model {
    /// Its app.yaml, when it has one.
    app_yaml: Option<String>,
    /// Its sealed secret keys (names only).
    secret_keys: Vec<String>,
}

/// The default environment's app.yaml and secret key names, from its deploy repository.
fn read_default(ctx: &Context, default: &LinkFile) -> anyhow::Result<Model> {
    let namespace = default.link.namespace.clone();
    let opened = Workspace::open(default.clone(), ctx.git_auth(), namespace)?;
    let path = opened.repo.root().join(spec::path_in_repo(&default.link));
    let app_yaml = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(spec::SpecError::Read { path, source }.into()),
    };
    let secret_keys = opened
        .workspace
        .read_sealed()?
        .map(|sealed| sealed.keys())
        .unwrap_or_default();
    Ok(Model {
        app_yaml,
        secret_keys,
    })
}

/// What happened in the deploy repository.
#[derive(Debug, Default)]
struct Committed {
    written: bool,
    revision: Option<String>,
    pushed: bool,
}

/// Commits the new environment's app.yaml as one action (pushed when the repository has a
/// server). An app.yaml already in its folder is kept: it is someone's. A branch of its own
/// that the server lacks, in the default environment's repository or another, is started
/// (empty, holding only this commit) and created on the server by the push.
fn commit_app_yaml(
    ctx: &Context,
    added: &LinkFile,
    default: &LinkFile,
    name: &str,
    first: &FirstSpec,
) -> anyhow::Result<Committed> {
    let (ours, theirs) = (&added.link.deploy, &default.link.deploy);
    let mut repo = if ours.repo == theirs.repo && ours.branch == theirs.branch {
        DeployRepo::open_or_create(added, ctx.git_auth())?
    } else {
        DeployRepo::create_or_start_branch(added, ctx.git_auth())?
    };
    let path = added.link.deploy.spec_path();
    let message = format!(
        "Add app.yaml for {} (environment {name}, ungleich-django init)",
        added.link.app
    );
    let mut written = false;
    let recorded = repo
        .record(&message, |tree: &std::path::Path| {
            written = !tree.join(&path).exists();
            Ok::<_, std::convert::Infallible>(if written {
                vec![FileChange::Write {
                    path: path.clone(),
                    contents: first.text.clone().into_bytes(),
                }]
            } else {
                Vec::new()
            })
        })
        .map_err(gitops::ActionError::into_anyhow)?;
    Ok(Committed {
        written,
        revision: recorded.changed.then(|| recorded.revision.to_string()),
        pushed: recorded.pushed && recorded.changed,
    })
}

/// The lines `new` has that `old` has not: the entry as written (and `environments:` when it was
/// made), for the report.
fn entry_lines(new: &str, old: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let mut out = String::new();
    let mut at = 0;
    for line in new.lines() {
        if old.get(at) == Some(&line) {
            at += 1;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The report for people: what was written, what was not copied, and the next steps.
fn tell(ctx: &Context, added: &Added<'_>, copied: bool) {
    let pr = &ctx.printer;
    let p = pr.palette();
    let verb = if added.dry_run { "would add" } else { "added" };
    pr.info(format!(
        "{} environment {} (app {}, namespace {}) to {}:",
        p.green(verb),
        added.environment,
        added.app,
        added.namespace,
        added.link_file
    ));
    for line in added.entry.lines() {
        pr.info(format!("    {line}"));
    }
    let model = if copied {
        format!(" (made from {}'s app.yaml)", added.copied_from)
    } else {
        String::new()
    };
    match (&added.revision, added.app_yaml_written, added.dry_run) {
        (_, _, true) => pr.info(format!("  would commit {}{model}", added.app_yaml)),
        (Some(revision), true, _) => pr.success(format!(
            "Committed {} ({}){model}{}",
            added.app_yaml,
            gitops::short_id(revision),
            if added.pushed {
                format!(" and pushed it to {}", added.deploy.repo)
            } else {
                String::new()
            }
        )),
        _ => pr.info(format!("  kept the app.yaml already in {}", added.app_yaml)),
    }
    if !added.hosts_left_out.is_empty() {
        pr.warn(format!(
            "{}'s hosts were not copied ({}): one host cannot answer for two environments; add {}'s own with `ungleich-django domains add -e {} HOST`",
            added.copied_from,
            added.hosts_left_out.join(", "),
            added.environment,
            added.environment
        ));
    }
    if added.dry_run {
        pr.info("\nDry run: nothing was written.");
        return;
    }
    next_steps(ctx, added);
}

/// What to do before the first deploy to the new environment.
fn next_steps(ctx: &Context, added: &Added<'_>) {
    let pr = &ctx.printer;
    let env = added.environment;
    pr.info(format!("\n{}", pr.palette().bold("Next steps:")));
    let mut steps = vec![format!(
        "Commit the link file: git add {} && git commit -m \"Add environment {env}\"",
        link::FILE_NAME
    )];
    if added.revision.is_some() && !added.pushed {
        steps.push(format!(
            "Push the deploy repository ({}) to the server ArgoCD watches",
            added.deploy.repo
        ));
    }
    steps.push(format!(
        "Ask your hoster for {env}'s namespace {} and its ArgoCD Application (chart/examples/environments/ shows both environments)",
        added.namespace
    ));
    if added.secrets_to_set.is_empty() {
        steps.push(format!(
            "Store {env}'s secrets: ungleich-django secret set -e {env} SECRET_KEY"
        ));
    } else {
        steps.push(format!(
            "Store {env}'s secrets (not copied: a sealed secret is bound to its namespace, and {env}'s values may differ): ungleich-django secret set -e {env} {}",
            added.secrets_to_set.join(" ")
        ));
    }
    steps.push(format!(
        "Deploy: ungleich-django deploy -e {env} --image REGISTRY/IMAGE:TAG, then `ungleich-django promote {env} {}` ships what {env} runs",
        added.copied_from
    ));
    for (i, step) in steps.iter().enumerate() {
        pr.info(format!("  {}. {step}", i + 1));
    }
}
