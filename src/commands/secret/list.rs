use std::collections::BTreeMap;

use serde::Serialize;

use crate::app::Context;
use crate::exit::ExitCode;
use crate::seal::SealedSecret;

use super::Workspace;

/// One key as `list` shows it.
#[derive(Debug, Serialize)]
struct Entry {
    name: String,
    scope: String,
    /// The deploy repository commit that last changed the key (`null`: not committed yet).
    commit: Option<String>,
    /// That commit's time, RFC 3339.
    changed: Option<String>,
    /// The platform sets this variable itself, so the app never sees the secret.
    ignored: bool,
}

/// Lists the keys, their scope, and the commit and date that last changed each. Never reads a
/// value: there is none to read, only ciphertext.
///
/// # Errors
/// When the link file, the deploy repository or the SealedSecret cannot be read.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let (workspace, repo) = Workspace::open(ctx)?;
    let Some(sealed) = workspace.read_sealed()? else {
        if ctx.printer.is_json() {
            ctx.printer.json(&Vec::<Entry>::new())?;
        } else {
            ctx.printer.info(format!(
                "no secrets yet: {} does not exist; add one with `ungleich-django secret set KEY`",
                workspace.sealed_path().display()
            ));
        }
        return Ok(ExitCode::Success);
    };
    let changed = last_changes(&workspace, &repo, &sealed)?;
    let scope = sealed.scope().to_string();
    let entries: Vec<Entry> = sealed
        .keys()
        .into_iter()
        .map(|name| {
            let change = changed.get(&name);
            Entry {
                scope: scope.clone(),
                commit: change.map(|(c, _)| c.clone()),
                changed: change.map(|(_, t)| t.to_string()),
                ignored: crate::spec::PLATFORM_ENV.contains(&name.as_str()),
                name,
            }
        })
        .collect();
    if ctx.printer.is_json() {
        ctx.printer.json(&entries)?;
        warn_ignored(ctx, &entries);
        return Ok(ExitCode::Success);
    }
    if entries.is_empty() {
        ctx.printer
            .info("no secrets yet; add one with `ungleich-django secret set KEY`");
        return Ok(ExitCode::Success);
    }
    let width = entries
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(0)
        .max(3);
    let scope_width = scope.len().max(5);
    ctx.printer.data(format!(
        "{:width$}  {:scope_width$}  {:7}  CHANGED",
        "KEY", "SCOPE", "COMMIT"
    ))?;
    for entry in &entries {
        let (commit, date) = match (&entry.commit, changed.get(&entry.name)) {
            (Some(commit), Some((_, time))) => (
                commit[..7].to_owned(),
                time.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            ),
            _ => ("-".to_owned(), "not committed".to_owned()),
        };
        ctx.printer.data(format!(
            "{:width$}  {:scope_width$}  {commit:7}  {date}",
            entry.name, entry.scope
        ))?;
    }
    warn_ignored(ctx, &entries);
    Ok(ExitCode::Success)
}

/// Keys written by older versions or by hand that the app never sees: the chart's own value of
/// each wins over the secret.
fn warn_ignored(ctx: &Context, entries: &[Entry]) {
    for entry in entries.iter().filter(|e| e.ignored) {
        ctx.printer.warn(format!(
            "ignored: the platform sets {0}, which wins over the secret {0}; remove it with `ungleich-django secret unset {0}`",
            entry.name
        ));
    }
}

/// For each key of `current`, the newest commit whose version of the file gave the key the
/// ciphertext it has now. A key whose ciphertext is not in HEAD is not committed yet.
fn last_changes(
    workspace: &Workspace,
    repo: &crate::gitops::DeployRepo,
    current: &SealedSecret,
) -> anyhow::Result<BTreeMap<String, (String, jiff::Timestamp)>> {
    let path = workspace.sealed_path();
    let mut found = BTreeMap::new();
    let mut pending: Vec<String> = current.keys();
    let parse = |bytes: &Option<Vec<u8>>| {
        bytes
            .as_deref()
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|text| SealedSecret::parse(&path, text).ok())
    };
    let mut first = true;
    repo.file_history(&path, |version| {
        let now = parse(&version.contents);
        let before = parse(&version.previous);
        let value = |s: &Option<SealedSecret>, key: &str| {
            s.as_ref().and_then(|s| s.get(key)).map(str::to_owned)
        };
        pending.retain(|key| {
            let committed = value(&now, key);
            // The newest commit must hold what the work tree holds; otherwise the key changed
            // after it and is not committed.
            if first && committed.as_deref() != current.get(key) {
                return false;
            }
            if committed != value(&before, key) {
                found.insert(key.clone(), (version.commit.clone(), version.time));
                return false;
            }
            true
        });
        first = false;
        !pending.is_empty()
    })?;
    Ok(found)
}
