use serde::Serialize;

use crate::context::Context;
use crate::exit::ExitCode;

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
