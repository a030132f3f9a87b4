//! `db dumps`: the dumps `deploy --backup` and `rollback --backup` kept on this machine, newest
//! first, each under the revision that was live when it was taken.

use std::io::Write as _;

use crate::context::Context;
use crate::database::store;
use crate::exit::ExitCode;
use crate::ui::database::size;

/// Lists them.
///
/// # Errors
/// When the folder cannot be read.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let dumps = store::list(&link.link.app)?;
    if ctx.printer.is_json() {
        ctx.printer.json(&dumps)?;
        return Ok(ExitCode::Success);
    }
    if dumps.is_empty() {
        ctx.printer.info(format!(
            "no dumps of {} kept in {}: `ungleich-django deploy --backup` takes one",
            link.link.app,
            store::app_dir(&link.link.app)?.display()
        ));
        return Ok(ExitCode::Success);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<12} {:<17} {:>10}  PATH",
        "REVISION", "TAKEN", "SIZE"
    )?;
    for d in &dumps {
        writeln!(
            out,
            "{:<12} {:<17} {:>10}  {}",
            d.revision,
            d.taken,
            size(d.bytes),
            d.path.display()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::Success)
}
