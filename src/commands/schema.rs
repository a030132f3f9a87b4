use crate::context::Context;
use crate::exit::ExitCode;

/// Prints the JSON Schema of `app.yaml`, or of the link file.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(ctx: &Context, link_file: bool) -> anyhow::Result<ExitCode> {
    let schema = if link_file {
        crate::generate::link_schema_json()
    } else {
        crate::generate::app_schema_json()
    };
    ctx.printer.data(schema.trim_end())?;
    Ok(ExitCode::Success)
}
