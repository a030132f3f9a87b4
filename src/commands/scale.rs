//! `scale web=N async=M`: `replicas` in app.yaml, in one commit, pushed and followed like a
//! deploy. The counts are checked against the chart's schema limit before anything is written;
//! with a ReadWriteOnce volume the command says that all pods share one node.

use crate::context::Context;
use crate::exit::ExitCode;
use crate::spec::env_edit::set_numbers;
use crate::spec::scale::{self, Component};
use crate::spec::{AppSpec, SpecError, Storage};
use crate::ui::spec_change::{self, Follow};

/// What to scale to.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `web=N`, `async=M`.
    pub counts: Vec<String>,
    pub follow: Follow,
}

/// Scales the components.
///
/// # Errors
/// For a bad or too large count or `async` without a worker (exit 3, nothing written), and when
/// git or the release fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    // The hoster's plans are not readable from the cluster yet: the schema's limit is the one
    // helm enforces, so nothing above it could render anyway.
    let counts = scale::parse_counts(&settings.counts, scale::schema_limit())?;
    let components: Vec<Component> = counts.iter().map(|(c, _)| *c).collect();
    let link = ctx.link()?;
    let mut shared_node = false;
    let follow = settings.follow;
    let printer = ctx.printer;
    spec_change::record_and_follow(ctx, &link, follow, &mut |root, spec_path| {
        let path = root.join(spec_path);
        let spec = AppSpec::load(&path)?;
        scale::refuse_async_without_worker(&spec, &components, "scale")?;
        let pairs: Vec<(&str, u64)> = counts.iter().map(|(c, n)| (c.key(), *n)).collect();
        let text = std::fs::read_to_string(&path).map_err(|source| SpecError::Read {
            path: path.clone(),
            source,
        })?;
        let edited = set_numbers(&text, "replicas", &pairs).map_err(|reason| SpecError::Edit {
            path: path.clone(),
            reason,
        })?;
        let new = AppSpec::parse(&path, &edited)?;
        let pods = new.replicas.web
            + if new.async_worker {
                new.replicas.async_worker
            } else {
                0
            };
        if new.storage == Storage::Volume && pods > 1 && !shared_node {
            shared_node = true;
            printer.warn(
                "the app's volume is ReadWriteOnce: all its pods run on one node, so more pods add capacity only as far as that node has room (`storage: shared` spreads them)",
            );
        }
        let message: Vec<String> = counts
            .iter()
            .map(|(c, n)| format!("{}={n}", c.key()))
            .collect();
        Ok((format!("scale {}", message.join(" ")), edited))
    })
}
