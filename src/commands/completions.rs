use crate::context::Context;
use crate::exit::ExitCode;

/// Prints the completion script for `shell`: the same bytes as the file in `completions/`.
///
/// # Errors
/// When stdout cannot be written.
pub fn run(_ctx: &Context, shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(&crate::generate::completion(shell))?;
    out.flush()?;
    Ok(ExitCode::Success)
}
