//! The scenario driver: a script of changes at points in time, run in the background on the
//! server's runtime. Each step is what a controller or the kubelet would do; `step` runs any
//! closure on the store for what the helpers do not cover.

use std::sync::{Arc, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use super::resources::{self, ResourceDef};
use super::store::Store;
use super::{Fault, NAMESPACE, RecordedRequest, Shared, objects};

enum Step {
    /// Runs at its time.
    Do(Box<dyn FnOnce(&Shared) + Send>),
    /// Holds the script until a request like this has arrived; later times count from then.
    Await(usize, Box<dyn Fn(&RecordedRequest) -> bool + Send>),
}

/// A script: `after(d)` moves the clock forward; every other call adds a step at the current
/// time. Nothing happens until [`Scenario::start`].
#[must_use = "a scenario does nothing until start()"]
pub struct Scenario {
    shared: Arc<Shared>,
    runtime: tokio::runtime::Handle,
    at: Duration,
    steps: Vec<(Duration, Step)>,
}

fn pods() -> &'static ResourceDef {
    resources::by_plural("", "v1", "pods").expect("pods")
}

fn deployments() -> &'static ResourceDef {
    resources::by_plural("apps", "v1", "deployments").expect("deployments")
}

fn applications() -> &'static ResourceDef {
    resources::by_plural("argoproj.io", "v1alpha1", "applications").expect("applications")
}

fn modify(
    store: &mut Store,
    res: &'static ResourceDef,
    ns: &str,
    name: &str,
    change: impl FnOnce(&mut Value),
) {
    store
        .modify(res, ns, name, change)
        .unwrap_or_else(|| panic!("scenario: no {} {ns}/{name}", res.kind));
}

impl Scenario {
    pub(super) fn new(shared: Arc<Shared>, runtime: tokio::runtime::Handle) -> Self {
        Scenario {
            shared,
            runtime,
            at: Duration::ZERO,
            steps: Vec::new(),
        }
    }

    /// Later steps happen `d` after the previous ones.
    pub fn after(mut self, d: Duration) -> Self {
        self.at += d;
        self
    }

    /// Runs `f` on the store (then wakes watches and log streams).
    pub fn step(mut self, f: impl FnOnce(&mut Store) + Send + 'static) -> Self {
        self.steps.push((
            self.at,
            Step::Do(Box::new(move |shared: &Shared| shared.mutate(f))),
        ));
        self
    }

    /// Holds the script until the server has received a request matching `pred` (at any time
    /// since it started); the clock of `after` restarts then. This keeps a script in step with a
    /// client that takes a while to start (kubectl's discovery, a cold binary).
    pub fn after_request(self, pred: impl Fn(&RecordedRequest) -> bool + Send + 'static) -> Self {
        self.after_requests(1, pred)
    }

    /// Like [`Scenario::after_request`], until `n` matching requests have arrived (the third
    /// watch: the one after a dropped connection and a relist).
    pub fn after_requests(
        mut self,
        n: usize,
        pred: impl Fn(&RecordedRequest) -> bool + Send + 'static,
    ) -> Self {
        self.steps.push((self.at, Step::Await(n, Box::new(pred))));
        self.at = Duration::ZERO;
        self
    }

    /// Holds the script until the `n`-th watch of `resource` has started.
    pub fn after_watches(self, n: usize, resource: &str) -> Self {
        let suffix = format!("/{resource}");
        self.after_requests(n, move |r| {
            r.path.ends_with(&suffix) && matches!(r.param("watch").as_deref(), Some("true" | "1"))
        })
    }

    /// Holds the script until a watch of `resource` (plural, e.g. `pods`) has started.
    pub fn after_watch(self, resource: &str) -> Self {
        self.after_watches(1, resource)
    }

    /// Holds the script until a log of `pod` has been requested.
    pub fn after_log_request(self, pod: &str) -> Self {
        let suffix = format!("/pods/{pod}/log");
        self.after_request(move |r| r.path.ends_with(&suffix))
    }

    /// Creates or replaces an object.
    pub fn apply(self, object: impl Serialize) -> Self {
        let value = serde_json::to_value(object).expect("object as JSON");
        self.step(move |s| {
            s.apply(value);
        })
    }

    /// Deletes an object.
    pub fn delete(self, api_version: &str, kind: &str, namespace: &str, name: &str) -> Self {
        let res = resources::by_kind(api_version, kind).expect("known kind");
        let (ns, name) = (namespace.to_owned(), name.to_owned());
        self.step(move |s| {
            s.delete(res, &ns, &name).expect("delete");
        })
    }

    /// Appends lines to a container's log, all at once.
    pub fn logs(self, pod: &str, container: &str, lines: &[&str]) -> Self {
        let (pod, container) = (pod.to_owned(), container.to_owned());
        let lines: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        self.step(move |s| {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            s.append_log(NAMESPACE, &pod, &container, &refs);
        })
    }

    /// Appends lines to a container's log one by one, `every` apart.
    pub fn logs_every(
        mut self,
        every: Duration,
        pod: &str,
        container: &str,
        lines: &[&str],
    ) -> Self {
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self = self.after(every);
            }
            self = self.logs(pod, container, &[line]);
        }
        self
    }

    /// The `init` container's log lines, all at once.
    pub fn pod_init_logs(self, pod: &str, lines: &[&str]) -> Self {
        self.logs(pod, ungleich_django::cluster::names::CONTAINER_INIT, lines)
    }

    fn pod_change(self, pod: &str, change: impl FnOnce(&mut Value) + Send + 'static) -> Self {
        let pod = pod.to_owned();
        self.step(move |s| modify(s, pods(), NAMESPACE, &pod, change))
    }

    /// A container starts running (ready unless it is an init container).
    pub fn container_running(self, pod: &str, container: &str) -> Self {
        let c = container.to_owned();
        let is_init = c == ungleich_django::cluster::names::CONTAINER_INIT;
        self.pod_change(pod, move |p| objects::set_running(p, &c, !is_init))
    }

    /// A container exits with `exit_code`; its followed log streams end.
    pub fn container_terminated(self, pod: &str, container: &str, exit_code: i64) -> Self {
        let (pod_name, c) = (pod.to_owned(), container.to_owned());
        self.step(move |s| {
            modify(s, pods(), NAMESPACE, &pod_name, |p| {
                objects::set_terminated(p, &c, exit_code)
            });
            s.log_mut(NAMESPACE, &pod_name, &c).ended = true;
        })
    }

    /// A container waits with a reason (`ErrImagePull`, `ImagePullBackOff`, ...) and message.
    pub fn container_waiting(
        self,
        pod: &str,
        container: &str,
        reason: &str,
        message: &str,
    ) -> Self {
        let (c, r, m) = (container.to_owned(), reason.to_owned(), message.to_owned());
        self.pod_change(pod, move |p| objects::set_waiting(p, &c, &r, &m))
    }

    /// A container crashes with `exit_code` and restarts: its log becomes the previous log, the
    /// restart count goes up, and it waits in `reason` (`CrashLoopBackOff`; empty: runs again).
    pub fn container_restarted(
        self,
        pod: &str,
        container: &str,
        exit_code: i64,
        reason: &str,
    ) -> Self {
        let (pod_name, c, r) = (pod.to_owned(), container.to_owned(), reason.to_owned());
        self.step(move |s| {
            modify(s, pods(), NAMESPACE, &pod_name, |p| {
                objects::restart_container(p, &c, exit_code, &r)
            });
            let log = s.log_mut(NAMESPACE, &pod_name, &c);
            log.previous = std::mem::take(&mut log.current);
            log.ended = false;
        })
    }

    /// The pod is deleted (DELETED event; its followed logs end).
    pub fn pod_deleted(self, pod: &str) -> Self {
        self.delete("v1", "Pod", NAMESPACE, pod)
    }

    fn deployment_change(
        self,
        name: &str,
        change: impl FnOnce(&mut Value) + Send + 'static,
    ) -> Self {
        let name = name.to_owned();
        self.step(move |s| modify(s, deployments(), NAMESPACE, &name, change))
    }

    /// The Deployment's controller reports progress of ReplicaSet `<name>-<hash>`.
    pub fn deployment_progressing(
        self,
        name: &str,
        hash: &str,
        updated: i64,
        available: i64,
        old: i64,
    ) -> Self {
        let hash = hash.to_owned();
        self.deployment_change(name, move |d| {
            objects::set_progressing(d, &hash, updated, available, old)
        })
    }

    /// The rollout of ReplicaSet `<name>-<hash>` completed.
    pub fn deployment_rolled_out(self, name: &str, hash: &str) -> Self {
        let hash = hash.to_owned();
        self.deployment_change(name, move |d| objects::set_rolled_out(d, &hash))
    }

    /// The rollout exceeded its progress deadline (`ProgressDeadlineExceeded`).
    pub fn deployment_deadline_exceeded(self, name: &str, hash: &str) -> Self {
        let hash = hash.to_owned();
        self.deployment_change(name, move |d| {
            objects::set_progress_deadline_exceeded(d, &hash)
        })
    }

    /// A push reaches the cluster: Deployment `<app>-<component>` gets a new template with
    /// `image` (generation + 1, not yet observed), its new ReplicaSet `<app>-<component>-<hash>`
    /// appears, and then its pods ([`objects::new_pods`]: `<rs>-x2kq4`, `<rs>-m8ztw`, ...; a web
    /// pod's `init` container running). Drive the rest with `deployment_progressing`,
    /// `container_*` and `deployment_rolled_out` or `deployment_deadline_exceeded`.
    pub fn rollout_started(self, app: &str, component: &str, hash: &str, image: &str) -> Self {
        let (app, component, hash, image) = (
            app.to_owned(),
            component.to_owned(),
            hash.to_owned(),
            image.to_owned(),
        );
        self.step(move |s| {
            let name = format!("{app}-{component}");
            let replicas = s
                .get(deployments(), NAMESPACE, &name)
                .and_then(|d| d["spec"]["replicas"].as_i64())
                .unwrap_or_else(|| panic!("scenario: no Deployment {NAMESPACE}/{name}"));
            modify(s, deployments(), NAMESPACE, &name, |d| objects::set_new_template(d, &image));
            let mut rs = objects::replica_set(&app, &component, &hash, &image, replicas);
            rs["status"] = serde_json::json!({"replicas": replicas, "fullyLabeledReplicas": replicas, "observedGeneration": 1});
            s.apply(objects::created_ago(rs, Duration::ZERO));
            for pod in objects::new_pods(&app, &component, &hash, &image, usize::try_from(replicas).unwrap_or(1)) {
                s.apply(pod);
            }
        })
    }

    /// The Argo CD Application `name` (in `argocd`) reports sync status, revision and health.
    pub fn application(self, name: &str, sync: &str, revision: &str, health: &str) -> Self {
        let (name, sync, revision, health) = (
            name.to_owned(),
            sync.to_owned(),
            revision.to_owned(),
            health.to_owned(),
        );
        self.step(move |s| {
            modify(s, applications(), objects::ARGOCD_NAMESPACE, &name, |a| {
                objects::set_application(a, &sync, &revision, &health)
            });
        })
    }

    /// As [`Scenario::application`], at the revision `repo`'s HEAD has when the step runs: the
    /// commit a day-2 command has just made, which a test cannot know beforehand.
    pub fn application_at_head(
        self,
        name: &str,
        repo: &std::path::Path,
        sync: &str,
        health: &str,
    ) -> Self {
        let (name, repo, sync, health) = (
            name.to_owned(),
            repo.to_owned(),
            sync.to_owned(),
            health.to_owned(),
        );
        self.step(move |s| {
            let head = std::process::Command::new("git")
                .arg("-C")
                .arg(&repo)
                .args(["rev-parse", "HEAD"])
                .output()
                .expect("git runs");
            let revision = String::from_utf8_lossy(&head.stdout).trim().to_owned();
            modify(s, applications(), objects::ARGOCD_NAMESPACE, &name, |a| {
                objects::set_application(a, &sync, &revision, &health)
            });
        })
    }

    /// Injects a fault at this point.
    pub fn fault(mut self, fault: Fault) -> Self {
        self.steps.push((
            self.at,
            Step::Do(Box::new(move |shared: &Shared| shared.fault(fault))),
        ));
        self
    }

    /// Runs the script in the background; returns at once. The steps stop with the server.
    pub fn start(self) {
        let shared = self.shared;
        let steps = self.steps;
        self.runtime.spawn(async move {
            let mut begin = tokio::time::Instant::now();
            for (at, step) in steps {
                tokio::time::sleep_until(begin + at).await;
                match step {
                    Step::Do(f) => {
                        let run =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&shared)));
                        if let Err(panic) = run {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                                .unwrap_or_else(|| "a step panicked".to_owned());
                            shared
                                .control
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .scenario_failures
                                .push(message);
                            return;
                        }
                    }
                    Step::Await(n, pred) => {
                        let mut changed = shared.requests_seen.subscribe();
                        loop {
                            let seen = shared
                                .control
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .requests
                                .iter()
                                .filter(|r| pred(r))
                                .count();
                            if seen >= n {
                                break;
                            }
                            if changed.changed().await.is_err() {
                                return;
                            }
                        }
                        begin = tokio::time::Instant::now();
                    }
                }
            }
        });
    }
}
