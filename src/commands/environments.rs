//! `environments`: every environment the link file names, with its app, namespace, the image
//! its app.yaml asks for, what runs and how healthy it is. `status --all-envs` shows the same.

use crate::context::Context;
use crate::environments;
use crate::exit::ExitCode;

/// Lists the environments; one that cannot be read gets a row that says why, and exit 0 still:
/// this is a listing, `status -e NAME` judges one.
///
/// # Errors
/// When there is no link file or it is invalid.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let file = crate::link::find(&ctx.cwd)?;
    let rows = ctx.block_on(environments::survey_all(
        &file,
        || ctx.git_auth(),
        |link| ctx.environment_target(link),
    ))??;
    if ctx.printer.is_json() {
        ctx.printer.json(&rows)?;
    } else {
        ctx.printer
            .data(crate::ui::environments::table(&rows).trim_end())?;
    }
    Ok(ExitCode::Success)
}
