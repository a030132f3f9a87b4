//! `scale web=N async=M`: `replicas` in app.yaml, in one commit, pushed and followed like a
//! deploy. The counts are checked before anything is written: against the room the namespace's
//! ResourceQuotas leave (the hoster's sizes as Kubernetes enforces them) when the cluster lets
//! them be read, and always against the chart's schema limit. With a ReadWriteOnce volume the
//! command says that all pods share one node.

use std::time::Duration;

use k8s_openapi::api::core::v1::{Container, PodSpec, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::cluster::quota::{self, Room};
use crate::context::Context;
use crate::exit::ExitCode;
use crate::link::LinkFile;
use crate::spec::env_edit::set_numbers;
use crate::spec::hosting::{ComponentResources, Resources};
use crate::spec::scale::{self, Component, OverQuota, ScaleError};
use crate::spec::{AppSpec, SpecError, Storage};
use crate::ui::spec_change::{self, Follow};

/// How long `scale` waits for the cluster's quotas before it falls back to the schema's limit.
const QUOTA_BUDGET: Duration = Duration::from_secs(5);

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
/// For a bad count, one beyond the quota or the schema, or `async` without a worker (exit 3,
/// nothing written), and when git or the release fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let counts = scale::parse_counts(&settings.counts, scale::schema_limit())?;
    let components: Vec<Component> = counts.iter().map(|(c, _)| *c).collect();
    let link = ctx.link()?;
    let room = read_room(ctx, &link);
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
        let web = u64::from(new.replicas.web);
        let worker = if new.async_worker {
            u64::from(new.replicas.async_worker)
        } else {
            0
        };
        // Fewer pods always fit better: a plan the namespace already exceeds never stops a
        // scale down.
        let growing = web > u64::from(spec.replicas.web)
            || (worker > 0
                && (!spec.async_worker || worker > u64::from(spec.replicas.async_worker)));
        if let (Some(room), true) = (&room, growing) {
            fits(room, counts[0], web, worker)?;
        }
        if new.storage == Storage::Volume && web + worker > 1 && !shared_node {
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

/// Refuses `web` web and `worker` worker pods when they do not fit `room`; the error names
/// the first component asked for.
fn fits(room: &Room, asked: (Component, u64), web: u64, worker: u64) -> Result<(), ScaleError> {
    let (component, count) = asked;
    room.check(web, worker, component == Component::Web)
        .map_err(|e| {
            ScaleError::OverQuota(Box::new(OverQuota {
                component: component.key(),
                count,
                quota: e.quota,
                resource: e.resource,
                needed: e.needed,
                hard: e.hard,
                others: e.others,
                fits: e.fits,
            }))
        })
}

/// The room the namespace's ResourceQuotas leave, when they can be read within
/// [`QUOTA_BUDGET`]; `None` (said with -v) when there are none or they cannot be read.
fn read_room(ctx: &Context, link: &LinkFile) -> Option<Room> {
    let target = ctx.cluster_target(Some(&link.link));
    let app = link.link.app.clone();
    let (web, worker) = chart_default_pods(&ComponentResources::default());
    let read = ctx.block_on(async move {
        let read = async {
            let (client, namespace) = crate::cluster::connect(&target)
                .await
                .map_err(|e| e.to_string())?;
            quota::read(client, &namespace, &app, (&web, &worker)).await
        };
        tokio::time::timeout(QUOTA_BUDGET, read)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "the cluster did not answer within {} s",
                    QUOTA_BUDGET.as_secs()
                ))
            })
    });
    let limit = scale::schema_limit();
    match read {
        Ok(Ok(Some(room))) => {
            let names: Vec<&str> = room.quotas.iter().map(|q| q.name.as_str()).collect();
            ctx.printer.debug(format_args!(
                "scale: within the ResourceQuota {} and the chart's limit of {limit} pods",
                crate::text::and_list(&names)
            ));
            Some(room)
        }
        Ok(Ok(None)) => {
            ctx.printer.debug(format_args!(
                "scale: the namespace has no ResourceQuota; the chart's limit of {limit} pods applies"
            ));
            None
        }
        Ok(Err(why)) => {
            ctx.printer.debug(format_args!(
                "scale: the ResourceQuotas cannot be read ({why}); the chart's limit of {limit} pods applies"
            ));
            None
        }
        Err(e) => {
            ctx.printer.debug(format_args!(
                "scale: the ResourceQuotas cannot be read ({e}); the chart's limit of {limit} pods applies"
            ));
            None
        }
    }
}

/// The web and worker pods as the chart renders them with `resources`: what a component not
/// deployed yet will cost.
fn chart_default_pods(resources: &ComponentResources) -> (PodSpec, PodSpec) {
    let container = |r: &Resources| {
        let map = |q: &crate::spec::hosting::Quantities| {
            let pairs = [("cpu", &q.cpu), ("memory", &q.memory)];
            Some(
                pairs
                    .into_iter()
                    .filter_map(|(k, v)| Some((k.to_owned(), Quantity(v.clone()?))))
                    .collect(),
            )
        };
        Container {
            resources: Some(ResourceRequirements {
                requests: map(&r.requests),
                limits: map(&r.limits),
                ..ResourceRequirements::default()
            }),
            ..Container::default()
        }
    };
    let web = PodSpec {
        containers: vec![container(&resources.web)],
        init_containers: Some(vec![container(&resources.init)]),
        ..PodSpec::default()
    };
    let worker = PodSpec {
        containers: vec![container(&resources.async_worker)],
        ..PodSpec::default()
    };
    (web, worker)
}
