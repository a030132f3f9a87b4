//! `db dump [-f FILE]`: a `pg_dump --format=custom` of the app's database to a local file (or
//! stdout with `-f -`), streamed and written atomically; the size and SHA-256 at the end.

use std::path::PathBuf;

use serde::Serialize;

use crate::context::Context;
use crate::exit::ExitCode;
use crate::ui::database::{self, Destination};

/// Where to write.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `None`: `<app>-<UTC time>.dump` in the working directory; `-`: stdout.
    pub file: Option<PathBuf>,
}

#[derive(Serialize)]
struct Report<'a> {
    path: Option<&'a std::path::Path>,
    bytes: u64,
    sha256: &'a str,
}

/// Takes the dump.
///
/// # Errors
/// The cluster's refusals, a failed or cut dump (no file is left), Ctrl-C.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let app = &link.link.app;
    let destination = match settings.file {
        Some(f) if f.as_os_str() == "-" => Destination::Stdout,
        Some(f) => Destination::File(ctx.cwd.join(f)),
        None => {
            let now = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
            Destination::File(ctx.cwd.join(format!("{app}-{now}.dump")))
        }
    };
    let dumped = database::dump(ctx, &link.link, &destination)?;
    if !dumped.warnings.trim().is_empty() {
        ctx.printer.warn(dumped.warnings.trim());
    }
    if ctx.printer.is_json() && dumped.path.is_some() {
        ctx.printer.json(&Report {
            path: dumped.path.as_deref(),
            bytes: dumped.bytes,
            sha256: &dumped.sha256,
        })?;
        return Ok(ExitCode::Success);
    }
    let place = dumped
        .path
        .as_ref()
        .map_or_else(|| "stdout".to_owned(), |p| p.display().to_string());
    ctx.printer.success(format!(
        "Dumped the database of {app} to {place}: {} ({} bytes), sha256 {}",
        database::size(dumped.bytes),
        dumped.bytes,
        dumped.sha256
    ));
    Ok(ExitCode::Success)
}
