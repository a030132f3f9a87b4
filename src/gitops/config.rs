//! The git configuration as the `git` program reads it. libgit2 finds the system, XDG and global
//! files by itself but ignores the variables that move or drop them: `GIT_CONFIG_GLOBAL` (one
//! file instead of `~/.gitconfig` and `$XDG_CONFIG_HOME/git/config`), `GIT_CONFIG_SYSTEM` (instead
//! of `/etc/gitconfig`) and `GIT_CONFIG_NOSYSTEM` (no system file). A user whose identity lives
//! in `GIT_CONFIG_GLOBAL` would be told git does not know who they are while `git commit` works.
//! When none of them is set, libgit2's own reading is kept as it is (with its `includeIf`).

use std::path::PathBuf;

use git2::{Config, ConfigLevel, Repository};

const GLOBAL: &str = "GIT_CONFIG_GLOBAL";
const SYSTEM: &str = "GIT_CONFIG_SYSTEM";
const NOSYSTEM: &str = "GIT_CONFIG_NOSYSTEM";

/// The user's configuration (system, XDG, global), as `git config` without a repository sees it.
///
/// # Errors
/// When a configuration file cannot be parsed.
pub(crate) fn user() -> Result<Config, git2::Error> {
    if !overridden() {
        return Config::open_default();
    }
    let mut config = Config::new()?;
    for (path, level) in user_files() {
        // `/dev/null` (a common GIT_CONFIG_GLOBAL) and missing files read as empty, as in git.
        if path.is_file() {
            config.add_file(&path, level, false)?;
        }
    }
    Ok(config)
}

/// Makes `repo` read the user's configuration as git does, its own `config` file on top; a
/// no-op unless one of the variables is set.
///
/// # Errors
/// When a configuration file cannot be parsed.
pub(crate) fn apply(repo: &Repository) -> Result<(), git2::Error> {
    if !overridden() {
        return Ok(());
    }
    let mut config = user()?;
    let local = repo.path().join("config");
    if local.is_file() {
        config.add_file(&local, ConfigLevel::Local, false)?;
    }
    repo.set_config(&config)
}

fn overridden() -> bool {
    [GLOBAL, SYSTEM, NOSYSTEM]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
}

/// The files git reads without a repository, lowest priority first.
fn user_files() -> Vec<(PathBuf, ConfigLevel)> {
    let mut files = Vec::new();
    if !is_true(std::env::var(NOSYSTEM).ok().as_deref()) {
        let system = path_from(SYSTEM).or_else(|| Config::find_system().ok());
        files.extend(system.map(|p| (p, ConfigLevel::System)));
    }
    match path_from(GLOBAL) {
        Some(global) => files.push((global, ConfigLevel::Global)),
        None => {
            files.extend(Config::find_xdg().ok().map(|p| (p, ConfigLevel::XDG)));
            files.extend(Config::find_global().ok().map(|p| (p, ConfigLevel::Global)));
        }
    }
    files
}

fn path_from(variable: &str) -> Option<PathBuf> {
    std::env::var_os(variable)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// A boolean as git parses one from the environment: true, yes, on or a non-zero number.
fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        matches!(v.as_str(), "true" | "yes" | "on") || v.parse::<i64>().is_ok_and(|n| n != 0)
    })
}

#[cfg(test)]
mod tests {
    use super::is_true;

    #[test]
    fn booleans_parse_as_git_parses_them() {
        for (value, expected) in [
            (Some("1"), true),
            (Some("true"), true),
            (Some("Yes"), true),
            (Some("on"), true),
            (Some("0"), false),
            (Some("false"), false),
            (Some(""), false),
            (None, false),
        ] {
            assert_eq!(is_true(value), expected, "{value:?}");
        }
    }
}
