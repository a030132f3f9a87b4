use crate::context::Context;
use crate::exit::ExitCode;

/// Prints the JSON Schema of `app.yaml`.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    ctx.printer
        .data(crate::generate::app_schema_json().trim_end())?;
    Ok(ExitCode::Success)
}
