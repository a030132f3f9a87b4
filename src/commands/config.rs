//! `config set KEY=VALUE...`, `config unset KEY...` and `config` (list): the plain environment
//! variables in app.yaml `env`. Each change is one commit, pushed and followed like a deploy.
//! Everything that can be refused is refused before the network is used, except the check
//! against the sealed keys, which reads the newest files of the deploy repository.

use std::path::Path;

use crate::config_vars::{self, Assignment, ConfigError};
use crate::context::Context;
use crate::exit::ExitCode;
use crate::spec::env_edit::{set_env, unset_env};
use crate::spec::{self, AppSpec, SpecError};
use crate::ui::spec_change::{self, Follow};

/// What `config` does.
#[derive(Debug, Clone)]
pub enum Settings {
    /// List every variable by source.
    List,
    /// Set these `KEY=VALUE` arguments; `plain` accepts secret-looking values.
    Set {
        args: Vec<String>,
        plain: bool,
        follow: Follow,
    },
    /// Remove these keys.
    Unset { keys: Vec<String>, follow: Follow },
}

/// Runs `config`.
///
/// # Errors
/// For every refusal (exit 3, nothing written), and when git or the release fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    match settings {
        Settings::List => list(ctx),
        Settings::Set {
            args,
            plain,
            follow,
        } => set(ctx, &args, plain, follow),
        Settings::Unset { keys, follow } => unset(ctx, &keys, follow),
    }
}

fn set(ctx: &Context, args: &[String], plain: bool, follow: Follow) -> anyhow::Result<ExitCode> {
    let assignments = config_vars::parse_assignments(args)?;
    config_vars::refuse_platform_keys(assignments.iter().map(|a| a.key.as_str()))?;
    config_vars::refuse_secret_looking(&assignments, plain)?;
    let link = ctx.link()?;
    let keys: Vec<&str> = assignments.iter().map(|a| a.key.as_str()).collect();
    let message = format!("config set {}", keys.join(" "));
    spec_change::record_and_follow(ctx, &link, follow, &mut |root, spec_path| {
        refuse_sealed(root, spec_path, &keys, false)?;
        let text = read(root, spec_path)?;
        let pairs: Vec<(&str, &str)> = assignments
            .iter()
            .map(|Assignment { key, value }| (key.as_str(), value.as_str()))
            .collect();
        let edited =
            set_env(&text, &pairs).map_err(|reason| edit_error(root, spec_path, reason))?;
        AppSpec::parse(&root.join(spec_path), &edited)?;
        Ok((message.clone(), edited))
    })
}

fn unset(ctx: &Context, keys: &[String], follow: Follow) -> anyhow::Result<ExitCode> {
    config_vars::check_keys(keys)?;
    config_vars::refuse_platform_keys(keys.iter().map(String::as_str))?;
    let link = ctx.link()?;
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let message = format!("config unset {}", keys.join(" "));
    spec_change::record_and_follow(ctx, &link, follow, &mut |root, spec_path| {
        let spec = AppSpec::load(&root.join(spec_path))?;
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| !spec.env.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            // A sealed key is not in `env`: say where it is rather than "not set".
            refuse_sealed(root, spec_path, &missing, true)?;
            return Err(ConfigError::NotSet {
                keys: missing.iter().map(|k| (*k).to_owned()).collect(),
            }
            .into());
        }
        let text = read(root, spec_path)?;
        let edited =
            unset_env(&text, &keys).map_err(|reason| edit_error(root, spec_path, reason))?;
        AppSpec::parse(&root.join(spec_path), &edited)?;
        Ok((message.clone(), edited))
    })
}

/// Refuses `keys` that are sealed secrets in the folder of app.yaml.
fn refuse_sealed(root: &Path, spec_path: &Path, keys: &[&str], unset: bool) -> anyhow::Result<()> {
    let sealed = config_vars::sealed_keys(&sealed_path(root, spec_path))?;
    config_vars::refuse_sealed(keys.iter().copied(), &sealed, unset)?;
    Ok(())
}

fn sealed_path(root: &Path, spec_path: &Path) -> std::path::PathBuf {
    root.join(spec_path)
        .with_file_name(crate::seal::sealed_secret::FILE_NAME)
}

fn read(root: &Path, spec_path: &Path) -> Result<String, SpecError> {
    let path = root.join(spec_path);
    std::fs::read_to_string(&path).map_err(|source| SpecError::Read { path, source })
}

fn edit_error(root: &Path, spec_path: &Path, reason: String) -> SpecError {
    SpecError::Edit {
        path: root.join(spec_path),
        reason,
    }
}

/// `config`: like `heroku config`, every variable the app's containers get, by source.
fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = crate::gitops::DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec_path = spec::path_in_repo(&link.link);
    let spec = AppSpec::load(&repo.root().join(&spec_path))?;
    let sealed = config_vars::sealed_keys(&sealed_path(repo.root(), &spec_path))?;
    let variables = config_vars::listing(&spec.env, &sealed);
    if ctx.printer.is_json() {
        ctx.printer.json(&variables)?;
        return Ok(ExitCode::Success);
    }
    let width = variables
        .iter()
        .map(|v| v.name.len())
        .max()
        .unwrap_or(0)
        .max(3);
    ctx.printer
        .data(format!("{:width$}  {:8}  VALUE", "KEY", "SOURCE"))?;
    for v in &variables {
        let value = match (&v.value, v.source) {
            (Some(value), _) => value.clone(),
            (None, config_vars::Source::Sealed) => {
                "(sealed: `ungleich-django secret list`)".to_owned()
            }
            (None, _) => "(set by the platform)".to_owned(),
        };
        ctx.printer.data(format!(
            "{:width$}  {:8}  {value}",
            v.name,
            v.source.to_string()
        ))?;
    }
    Ok(ExitCode::Success)
}
