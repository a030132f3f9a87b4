//! `shell`: `run` of Django's shell (`shell_plus` when the project depends on
//! django-extensions).

use crate::context::Context;
use crate::exit::ExitCode;
use crate::oneoff::Component;

/// Which template.
#[derive(Debug, Clone)]
pub struct Settings {
    pub component: Component,
    /// Send our stdin to the shell (`shell -i < script.py`).
    pub stdin: bool,
}

/// Opens the shell; its exit code is ours.
///
/// # Errors
/// As `run`.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let root = link.path.parent().unwrap_or(&ctx.cwd).to_path_buf();
    let shell = if crate::detect::deps::detect(&root, &root).has("django-extensions") {
        "shell_plus"
    } else {
        "shell"
    };
    super::run(
        ctx,
        super::Settings {
            command: ["python", "manage.py", shell].map(str::to_owned).to_vec(),
            component: settings.component,
            detach: false,
            timeout: None,
            list: false,
            stdin: settings.stdin,
        },
    )
}
