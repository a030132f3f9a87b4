use serde::Serialize;

use crate::context::Context;
use crate::exit::ExitCode;
use crate::gitops::GitError;
use crate::secrets::SecretsError;

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
    let super::Opened { workspace, repo } = super::open(ctx)?;
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
    let changed = crate::secrets::last_changes(&workspace, &repo, &sealed)?;
    let scope = sealed.scope().to_string();
    let entries: Vec<Entry> = sealed
        .keys()
        .into_iter()
        .map(|name| {
            let change = changed.get(&name);
            Entry {
                scope: scope.clone(),
                commit: change.map(|c| c.commit.clone()),
                changed: change.map(|c| c.time.to_string()),
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
            (Some(commit), Some(change)) => (
                crate::gitops::short_id(commit).to_owned(),
                change.time.strftime("%Y-%m-%d %H:%M UTC").to_string(),
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

/// One key of `list --all-envs`: whether each environment has it.
#[derive(Debug, Serialize)]
struct KeyByEnvironment {
    name: String,
    /// Environment name to whether its SealedSecret holds the key.
    environments: std::collections::BTreeMap<String, bool>,
}

/// `list --all-envs`: the keys of every environment side by side; `missing` marks the keys an
/// environment lacks that another has (what `promote` into it would refuse). Names only: there
/// is no value to read.
///
/// # Errors
/// When the link file, a deploy repository or a SealedSecret cannot be read.
pub fn run_all_envs(ctx: &Context) -> anyhow::Result<ExitCode> {
    let file = crate::link::find(&ctx.cwd)?;
    let names = file.link.environment_names();
    let mut per_env = Vec::new();
    // An environment whose deploy branch is not pushed yet has no secrets: its column says so,
    // and the other environments are still listed.
    let mut unpushed = Vec::new();
    for name in &names {
        let view = file.clone().select(Some(name))?;
        let namespace = view.link.namespace.clone();
        let opened = match crate::secrets::Workspace::open(view, ctx.git_auth(), namespace) {
            Ok(opened) => opened,
            Err(SecretsError::Git(error))
                if matches!(*error, GitError::BranchNotOnServer { .. }) =>
            {
                ctx.printer.warn(format!("{name}: {error}"));
                unpushed.push(name.clone());
                per_env.push(Vec::new());
                continue;
            }
            Err(error) => return Err(error.into()),
        };
        let keys = opened
            .workspace
            .read_sealed()?
            .map(|s| s.keys())
            .unwrap_or_default();
        per_env.push(keys);
    }
    let all: std::collections::BTreeSet<&String> = per_env.iter().flatten().collect();
    let rows: Vec<KeyByEnvironment> = all
        .into_iter()
        .map(|key| KeyByEnvironment {
            name: key.clone(),
            environments: names
                .iter()
                .zip(&per_env)
                .map(|(env, keys)| (env.clone(), keys.contains(key)))
                .collect(),
        })
        .collect();
    if ctx.printer.is_json() {
        ctx.printer.json(&rows)?;
        return Ok(ExitCode::Success);
    }
    if rows.is_empty() {
        ctx.printer.info("no secrets yet in any environment");
        return Ok(ExitCode::Success);
    }
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0).max(3);
    let cells = |n: &String| {
        if unpushed.contains(n) {
            "no branch"
        } else {
            "missing"
        }
    };
    let columns: Vec<usize> = names.iter().map(|n| n.len().max(cells(n).len())).collect();
    let mut header = format!("{:width$}", "KEY");
    for (name, w) in names.iter().zip(&columns) {
        header.push_str(&format!("  {name:w$}"));
    }
    ctx.printer.data(header.trim_end())?;
    for row in &rows {
        let mut line = format!("{:width$}", row.name);
        for (name, w) in names.iter().zip(&columns) {
            let cell = if row.environments[name] {
                "set"
            } else {
                cells(name)
            };
            line.push_str(&format!("  {cell:w$}"));
        }
        ctx.printer.data(line.trim_end())?;
    }
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
