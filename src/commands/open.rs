//! `open`: the app's first host in the browser, or its URL on stdout when there is no display
//! (or the browser cannot be started), so that it also works over ssh and in scripts.

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::spec::{self, AppSpec};

/// Opens the app's site.
///
/// # Errors
/// When app.yaml has no host to open (exit 3), or the deploy repository cannot be read.
pub fn run(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = crate::gitops::DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec = AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?;
    // A wildcard names many sites and opens none of them.
    let Some(host) = spec.hosts.iter().find(|h| !h.starts_with("*.")) else {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!("{} has no host to open in app.yaml", link.link.app),
        )
        .hint("add one with `ungleich-django domains add shop.example.com`")
        .into());
    };
    let url = format!("https://{host}");
    if crate::ui::browser::has_display() && !ctx.printer.is_json() && crate::ui::browser::open(&url)
    {
        ctx.printer.info(format!("opened {url}"));
        return Ok(ExitCode::Success);
    }
    if ctx.printer.is_json() {
        ctx.printer.json(&serde_json::json!({ "url": url }))?;
    } else {
        ctx.printer.data(&url)?;
    }
    Ok(ExitCode::Success)
}
