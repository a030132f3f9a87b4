//! `restart [web|async]`: a rolling restart as desired state. The component's counter in
//! app.yaml `restarts` goes up by one in one commit, which the chart renders as a pod-template
//! annotation, so the Deployment rolls its pods; pushed and followed like a deploy.

use crate::context::Context;
use crate::exit::ExitCode;
use crate::spec::env_edit::set_numbers;
use crate::spec::scale::{self, Component};
use crate::spec::{AppSpec, SpecError};
use crate::ui::spec_change::{self, Follow};

/// What to restart.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The components; empty: web, and async when the app runs a worker.
    pub components: Vec<Component>,
    pub follow: Follow,
}

/// Restarts the components.
///
/// # Errors
/// `async` without a worker (exit 3, nothing written), and when git or the release fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    spec_change::record_and_follow(ctx, &link, settings.follow, &mut |root, spec_path| {
        let path = root.join(spec_path);
        let spec = AppSpec::load(&path)?;
        scale::refuse_async_without_worker(&spec, &settings.components, "restart")?;
        let components = if settings.components.is_empty() {
            let mut all = vec![Component::Web];
            if spec.async_worker {
                all.push(Component::Async);
            }
            all
        } else {
            settings.components.clone()
        };
        let counts: Vec<(&str, u64)> = components
            .iter()
            .map(|c| {
                let now = match c {
                    Component::Web => spec.restarts.web,
                    Component::Async => spec.restarts.async_worker,
                };
                (c.key(), now + 1)
            })
            .collect();
        let text = std::fs::read_to_string(&path).map_err(|source| SpecError::Read {
            path: path.clone(),
            source,
        })?;
        let edited = set_numbers(&text, "restarts", &counts).map_err(|reason| SpecError::Edit {
            path: path.clone(),
            reason,
        })?;
        AppSpec::parse(&path, &edited)?;
        let names: Vec<&str> = components.iter().map(|c| c.key()).collect();
        Ok((format!("restart {}", names.join(" ")), edited))
    })
}
