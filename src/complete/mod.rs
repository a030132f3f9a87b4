//! What the shell offers when it completes a value: the names the app has (secret keys, plain
//! variables, hosts, deploys, environments, cron entries) and, from the cluster, its pods and
//! one-off runs. clap_complete's dynamic engine calls these while the shell waits (see
//! `app::complete`), so they read only what is on this machine (the link file, a local deploy
//! repository or the cached clone of a remote one, never fetched) and ask the cluster with a
//! short timeout. Anything that cannot be read offers nothing: completion never fails or prints.

mod cluster;
mod command_line;

use std::path::{Path, PathBuf};

use clap_complete::CompletionCandidate;

use crate::link::{self, LinkFile};
use crate::spec::AppSpec;

pub use cluster::{pods, runs};
use command_line::CommandLine;

/// How many deploys the revisions of `rollback` go back, as `rollback --list` does.
const REVISIONS: usize = 20;

/// The keys sealed in the deploy repository's sealed-secrets.yaml (`secret set` and `unset`).
#[must_use]
pub fn secret_keys() -> Vec<CompletionCandidate> {
    let Some((link, dir)) = app_dir() else {
        return Vec::new();
    };
    let path = dir.join(crate::seal::sealed_secret::FILE_NAME);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(sealed) = crate::seal::SealedSecret::parse(&path, &text) else {
        return Vec::new();
    };
    // Another app's file (a wrong deploy.path) offers nothing rather than its keys.
    if sealed.name() != crate::cluster::names::env_secret(&link.link.app) {
        return Vec::new();
    }
    sealed
        .keys()
        .into_iter()
        .map(|key| candidate(key, "sealed secret"))
        .collect()
}

/// The keys of app.yaml's `env` (`config unset`).
#[must_use]
pub fn config_keys() -> Vec<CompletionCandidate> {
    spec().map_or_else(Vec::new, |spec| {
        spec.env
            .into_keys()
            .map(|key| candidate(key, "app.yaml env"))
            .collect()
    })
}

/// `KEY=` for each key of app.yaml's `env`, to change its value (`config set KEY=VALUE`).
#[must_use]
pub fn config_pairs() -> Vec<CompletionCandidate> {
    spec().map_or_else(Vec::new, |spec| {
        spec.env
            .into_iter()
            .map(|(key, value)| candidate(format!("{key}="), &format!("now {value}")))
            .collect()
    })
}

/// The hosts of app.yaml, for `domains remove`; `domains add` (which shares the argument)
/// wants new names, which nothing here knows.
#[must_use]
pub fn hosts_to_remove() -> Vec<CompletionCandidate> {
    let line = CommandLine::current();
    let words = &line.words;
    let removing = words
        .iter()
        .position(|w| w == "domains")
        .and_then(|i| words.get(i + 1))
        .is_some_and(|w| w == "remove");
    if !removing {
        return Vec::new();
    }
    spec().map_or_else(Vec::new, |spec| {
        spec.hosts
            .into_iter()
            .map(|host| candidate(host, "app.yaml hosts"))
            .collect()
    })
}

/// The names of app.yaml's `cron` entries, each described by its schedule.
#[must_use]
pub fn cron_entries() -> Vec<CompletionCandidate> {
    spec().map_or_else(Vec::new, |spec| {
        spec.cron
            .into_iter()
            .map(|entry| {
                let about = format!("{} {}", entry.schedule, entry.command.join(" "));
                candidate(entry.name, &about)
            })
            .collect()
    })
}

/// The environments the link file names (`-e`, `promote`), each with its app and namespace.
#[must_use]
pub fn environments() -> Vec<CompletionCandidate> {
    let line = CommandLine::current();
    let Ok(found) = link::find(&line.dir) else {
        return Vec::new();
    };
    found
        .link
        .environment_names()
        .into_iter()
        .map(|name| {
            let about = found.link.environment_view(Some(&name)).map_or_else(
                |_| String::new(),
                |view| format!("app {} in namespace {}", view.app, view.namespace),
            );
            candidate(name, &about)
        })
        .collect()
}

/// The deploys of the deploy repository, newest first, as short revisions described by their
/// image and date (`rollback REV`); the newest is what app.yaml asks for now.
#[must_use]
pub fn revisions() -> Vec<CompletionCandidate> {
    let Some((link, _)) = app_dir() else {
        return Vec::new();
    };
    let Some(root) = repository_root(&link) else {
        return Vec::new();
    };
    let Ok(repo) = crate::gitops::DeployRepo::open_read_only(&root) else {
        return Vec::new();
    };
    let spec_path = crate::spec::path_in_repo(&link.link);
    let Ok(deploys) = crate::spec::history::deploys(&repo, &spec_path, REVISIONS) else {
        return Vec::new();
    };
    deploys
        .into_iter()
        .enumerate()
        .map(|(i, deploy)| {
            let now = if i == 0 { ", app.yaml now" } else { "" };
            let about = format!("{} ({}{now})", deploy.image, deploy.date);
            // Ordered as deployed: the shell must not sort revisions by their hex.
            candidate(crate::gitops::short_id(&deploy.revision), &about).display_order(Some(i))
        })
        .collect()
}

fn candidate(value: impl Into<String>, about: &str) -> CompletionCandidate {
    let value: String = value.into();
    let candidate = CompletionCandidate::new(value);
    if about.is_empty() {
        candidate
    } else {
        candidate.help(Some(about.to_owned().into()))
    }
}

/// The link file of the command line being completed, as its `-e` environment sees it.
fn link_file(line: &CommandLine) -> Option<LinkFile> {
    link::find(&line.dir)
        .ok()?
        .select(line.environment.as_deref())
        .ok()
}

/// The folder that holds app.yaml on this machine: in a local deploy repository, or in the
/// cached clone of a remote (or bare) one as it was last brought up to date.
fn app_dir() -> Option<(LinkFile, PathBuf)> {
    let line = CommandLine::current();
    let link = link_file(&line)?;
    let root = repository_root(&link)?;
    let dir = if is_cached(&link) {
        root.join(&link.link.deploy.path)
    } else {
        let top = crate::gitops::repository_top(link.dir());
        link.link.deploy.local_app_dir(link.dir(), top.as_deref())
    };
    Some((link, dir))
}

/// The top of the work tree the deploy repository is read from.
fn repository_root(link: &LinkFile) -> Option<PathBuf> {
    let deploy = &link.link.deploy;
    if deploy.is_remote() {
        return crate::gitops::cached_clone(&deploy.repo);
    }
    let local = link
        .dir()
        .join(deploy.repo.strip_prefix("file://").unwrap_or(&deploy.repo));
    if is_bare(&local) {
        // A bare repository is used like a server: cloned into the cache under its full path.
        let url = local.canonicalize().ok()?;
        return crate::gitops::cached_clone(url.to_str()?);
    }
    if deploy.repo == "." {
        return crate::gitops::repository_top(link.dir());
    }
    Some(local)
}

fn is_cached(link: &LinkFile) -> bool {
    let deploy = &link.link.deploy;
    deploy.is_remote() || is_bare(&link.dir().join(&deploy.repo))
}

/// A bare git repository: HEAD and objects at its top and no work tree.
fn is_bare(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && !dir.join(".git").exists()
}

fn spec() -> Option<AppSpec> {
    let (_, dir) = app_dir()?;
    AppSpec::load(&dir.join(crate::spec::FILE_NAME)).ok()
}
