//! The rollout stage: watch the app's Deployments and pods until every component's rollout is
//! complete with the pushed image, stream the first new web pod's init log, show new Warning
//! events, and stop at the first new pod that shows a diagnosis.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::BoxStream;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::runtime::reflector::Store;
use kube::runtime::{WatchStreamExt, reflector, watcher};
use kube::{Api, Client};
use tokio::sync::mpsc;

use super::explain::explain;
use super::init_log::{InitLog, LogMsg};
use super::pods::{init_started, is_new_pod, main_container, template_image};
use super::{Event, Failed, Observer, Outcome, Plan, Stage, newest_warning};
use crate::cluster::access::AccessError;
use crate::cluster::diagnose::{self, Diagnosis};
use crate::cluster::events;
use crate::cluster::names;
use crate::cluster::rollout::Rollout;
use crate::exit::ExitCode;

/// How often the app's Warning events are read while a rollout is followed.
const WARNING_POLL: Duration = Duration::from_secs(2);

/// What woke the follow loop.
enum Step {
    PollWarnings,
    Changed(Option<Change>),
    Log(LogMsg),
}

/// Follows the rollout until it is complete, a new pod shows a diagnosis, or a Deployment
/// exceeds its progress deadline.
pub(super) async fn follow_rollout(
    client: Client,
    plan: &Plan,
    since: jiff::Timestamp,
    observer: &mut dyn Observer,
) -> Result<Outcome, AccessError> {
    let mut watch = Watch::start(&client, plan);
    let (log_tx, mut log_rx) = mpsc::unbounded_channel::<LogMsg>();
    let mut init = InitLog::new(Api::namespaced(client.clone(), &plan.namespace), log_tx);
    // Events are polled, not watched: a few lists a release, and a namespace's other events
    // never stream through.
    let mut warnings = Warnings::new(client.clone(), since);
    let mut event_poll = tokio::time::interval(WARNING_POLL);
    event_poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_progress = String::new();
    loop {
        let step = tokio::select! {
            _ = event_poll.tick() => Step::PollWarnings,
            change = watch.changes.next() => Step::Changed(change),
            Some(msg) = log_rx.recv() => Step::Log(msg),
        };
        match step {
            Step::PollWarnings => warnings.show_new(plan, observer).await,
            Step::Log(msg) => init.receive(msg, observer),
            Step::Changed(change) => {
                watch.note(change)?;
                // Both stores must have listed once: an empty store before that means nothing.
                // (Tracked from the events, never awaited: the stores fill only while this
                // loop polls.)
                if !watch.listed() {
                    continue;
                }
                match look(plan, &watch.snapshot(), &mut init, observer) {
                    Look::Waiting(progress) => {
                        if progress != last_progress {
                            observer.event(Event::Progress {
                                stage: Stage::Rollout,
                                message: progress.clone(),
                            });
                            last_progress = progress;
                        }
                    }
                    Look::Live(summary) => {
                        init.drain(&mut log_rx, observer).await;
                        observer.event(Event::Note {
                            stage: Stage::Rollout,
                            message: summary,
                        });
                        return Ok(Outcome::Live);
                    }
                    Look::Diagnosed(d) => {
                        let failed = explain(d, &init, &mut log_rx, observer).await;
                        return Ok(Outcome::Failed(failed));
                    }
                    Look::DeadlineExceeded(deadline) => {
                        let failed = deadline.failed(client, plan, since).await;
                        return Ok(Outcome::Failed(failed));
                    }
                }
            }
        }
    }
}

/// One event of the watches: which store changed, and whether it has now listed everything.
enum Change {
    Deployments { listed: bool },
    Pods { listed: bool },
}

/// The app's Deployments and pods, each kept in a store by a watch.
struct Watch {
    changes: BoxStream<'static, Change>,
    deployments: Store<Deployment>,
    pods: Store<Pod>,
    deployments_listed: bool,
    pods_listed: bool,
}

impl Watch {
    fn start(client: &Client, plan: &Plan) -> Self {
        let config = watcher::Config::default().labels(&names::app_selector(&plan.app));
        let deployments: Api<Deployment> = Api::namespaced(client.clone(), &plan.namespace);
        let pods: Api<Pod> = Api::namespaced(client.clone(), &plan.namespace);
        let (dep_store, dep_writer) = reflector::store();
        let (pod_store, pod_writer) = reflector::store();
        let dep_events = reflector(dep_writer, watcher(deployments, config.clone()).boxed())
            .default_backoff()
            .map(|e| Change::Deployments {
                listed: matches!(e, Ok(watcher::Event::InitDone)),
            });
        let pod_events = reflector(pod_writer, watcher(pods, config).boxed())
            .default_backoff()
            .map(|e| Change::Pods {
                listed: matches!(e, Ok(watcher::Event::InitDone)),
            });
        Watch {
            changes: futures::stream::select(dep_events.boxed(), pod_events.boxed()).boxed(),
            deployments: dep_store,
            pods: pod_store,
            deployments_listed: false,
            pods_listed: false,
        }
    }

    /// Takes in one change; the end of the watches is an error.
    fn note(&mut self, change: Option<Change>) -> Result<(), AccessError> {
        match change {
            None => return Err(AccessError::Other("the watch ended".to_owned())),
            Some(Change::Deployments { listed: true }) => self.deployments_listed = true,
            Some(Change::Pods { listed: true }) => self.pods_listed = true,
            Some(_) => {}
        }
        Ok(())
    }

    fn listed(&self) -> bool {
        self.deployments_listed && self.pods_listed
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            deployments: self
                .deployments
                .state()
                .into_iter()
                .map(|d| (d.metadata.name.clone().unwrap_or_default(), d))
                .collect(),
            pods: self.pods.state(),
        }
    }
}

/// The stores' contents at one moment.
struct Snapshot {
    deployments: BTreeMap<String, Arc<Deployment>>,
    pods: Vec<Arc<Pod>>,
}

/// Where the rollout stands after one look at the stores.
enum Look {
    /// Not done: what each component waits for.
    Waiting(String),
    /// Every component rolled out: what each says.
    Live(String),
    /// A new pod will not become ready on its own.
    Diagnosed(Diagnosis),
    /// A Deployment's progress deadline passed.
    DeadlineExceeded(Deadline),
}

/// Where one component's rollout stands.
enum ComponentLook {
    Done(String),
    Waiting(String),
    Stop(Look),
}

/// A Deployment that exceeded its progress deadline.
struct Deadline {
    deployment: String,
    message: String,
}

impl Deadline {
    async fn failed(self, client: Client, plan: &Plan, since: jiff::Timestamp) -> Failed {
        Failed {
            code: ExitCode::ProgressDeadline,
            result: "progress-deadline",
            message: format!(
                "{} exceeded its progress deadline: {}{}",
                self.deployment,
                self.message,
                newest_warning(client, plan, since).await
            ),
            hint: "look at the pods with `ungleich-django status` and `ungleich-django logs`"
                .to_owned(),
            log: Vec::new(),
        }
    }
}

/// Looks at every component in turn; the first that stops the release decides.
fn look(plan: &Plan, snapshot: &Snapshot, init: &mut InitLog, observer: &mut dyn Observer) -> Look {
    let mut states = Vec::new();
    let mut complete = true;
    for component in plan.components() {
        match look_at(plan, component, snapshot, init, observer) {
            ComponentLook::Done(state) => states.push(state),
            ComponentLook::Waiting(state) => {
                complete = false;
                states.push(state);
            }
            ComponentLook::Stop(look) => return look,
        }
    }
    if complete {
        Look::Live(states.join(", "))
    } else {
        Look::Waiting(states.join(", "))
    }
}

/// Where `component`'s rollout stands; starts the init log of its first new web pod.
fn look_at(
    plan: &Plan,
    component: &str,
    snapshot: &Snapshot,
    init: &mut InitLog,
    observer: &mut dyn Observer,
) -> ComponentLook {
    let name = format!("{}-{component}", plan.app);
    let Some(dep) = snapshot.deployments.get(&name) else {
        return ComponentLook::Waiting(format!("{name}: waiting for the Deployment to exist"));
    };
    let main = main_container(component);
    let template_image = template_image(dep, main);
    if let (Some(want), Some(have)) = (&plan.image, &template_image)
        && want != have
    {
        return ComponentLook::Waiting(format!(
            "{name}: waiting for the Deployment to carry {want}"
        ));
    }
    let fresh: Vec<&Pod> = snapshot
        .pods
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| is_new_pod(p, dep, component, main, template_image.as_deref()))
        .collect();
    if let Some(d) = fresh
        .iter()
        .find_map(|pod| diagnose::diagnose(&plan.app, pod))
    {
        return ComponentLook::Stop(Look::Diagnosed(d));
    }
    if component == names::COMPONENT_WEB
        && !init.is_streaming()
        && let Some(pod) = fresh.iter().find(|p| init_started(p))
    {
        init.start(pod.metadata.name.clone().unwrap_or_default(), observer);
    }
    match Rollout::of(dep) {
        Rollout::Complete => ComponentLook::Done(Rollout::Complete.describe(&name)),
        Rollout::DeadlineExceeded { message } => {
            ComponentLook::Stop(Look::DeadlineExceeded(Deadline {
                deployment: name,
                message,
            }))
        }
        other => ComponentLook::Waiting(other.describe(&name)),
    }
}

/// The app's Warning events, each shown once.
struct Warnings {
    client: Client,
    since: jiff::Timestamp,
    /// Reason and message of those shown.
    shown: HashSet<(String, String)>,
}

impl Warnings {
    fn new(client: Client, since: jiff::Timestamp) -> Self {
        Warnings {
            client,
            since,
            shown: HashSet::new(),
        }
    }

    /// Shows the warnings not shown yet, oldest first.
    async fn show_new(&mut self, plan: &Plan, observer: &mut dyn Observer) {
        // No right to read events (or a hiccup) only costs the explanation.
        let Ok(warnings) = events::warnings(
            self.client.clone(),
            &plan.namespace,
            &plan.app,
            Some(self.since),
        )
        .await
        else {
            return;
        };
        for w in warnings.iter().rev() {
            if self.shown.insert((w.reason.clone(), w.message.clone())) {
                observer.event(Event::Warning {
                    stage: Stage::Rollout,
                    warning: w.clone(),
                });
            }
        }
    }
}
