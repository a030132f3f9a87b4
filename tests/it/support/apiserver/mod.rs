//! A kube-apiserver emulator for the test suite: HTTPS on a free loopback port, a generated
//! kubeconfig, and enough of the Kubernetes API wire protocol that real `kubectl` and the `kube`
//! crate cannot tell it from a cluster for what this project does (the conformance tests in
//! `tests/it/conformance.rs` run real kubectl against it: where the two disagree, the emulator is
//! wrong).
//!
//! # A scenario in ten lines
//!
//! ```ignore
//! use std::time::Duration;
//! use crate::support::apiserver::{ApiServer, objects};
//!
//! let cluster = ApiServer::start();                       // per test; free port; HTTPS
//! cluster.write_kubeconfig(&env);                         // env's KUBECONFIG: context "test", namespace "shop"
//! cluster.apply(objects::web_deployment("shop", "registry/shop:1", 1));
//! cluster.apply(objects::web_pod("shop", "7d9f8", "x2kq4", "registry/shop:1")); // init running
//! let pod = "shop-web-7d9f8-x2kq4";
//! cluster.scenario()
//!     .after_log_request(pod)                             // wait until the binary asks for the log
//!     .logs_every(Duration::from_millis(50), pod, "init", &["Applying x... OK", "Applying y... OK"])
//!     .after(Duration::from_millis(50)).container_terminated(pod, "init", 0) // ends the log stream
//!     .container_running(pod, "run")
//!     .deployment_rolled_out("shop-web", "7d9f8")
//!     .start();                                           // runs in the background
//! let out = env.run(&["logs", "--follow"]);               // the real binary, a subprocess
//! ```
//!
//! Synchronous tests use it directly (it runs on its own runtime thread); `#[tokio::test]`s can
//! build a kube client from [`ApiServer::kubeconfig`] (see `tests/it/emulator.rs`).
//!
//! # The API
//!
//! - [`ApiServer::start`]; [`ApiServer::url`], [`ApiServer::token`], [`ApiServer::ca_pem`];
//!   [`ApiServer::write_kubeconfig`] (token auth, to a path or a `&TestEnv`'s KUBECONFIG) and
//!   [`ApiServer::write_kubeconfig_with`] ([`Auth::Token`], [`Auth::WrongToken`] (401),
//!   [`Auth::ClientCertificate`], [`Auth::Anonymous`]); [`ApiServer::kubeconfig`] for the YAML.
//!   Context and cluster and user are all named `test`; the namespace is `shop` ([`NAMESPACE`]);
//!   a valid token is the user [`USER`]. Namespaces default, kube-system, kube-public, shop and
//!   argocd exist.
//! - Objects: [`ApiServer::apply`] (create or replace, status included, any `Serialize`:
//!   `serde_json::Value` or k8s-openapi types; set `metadata.namespace`, it defaults to
//!   `default`; an explicit `metadata.generation` is kept), [`ApiServer::get`],
//!   [`ApiServer::modify`] (change in place with the server's generation rules),
//!   [`ApiServer::delete`], [`ApiServer::compact`] (older watches and continue tokens get 410).
//!   [`objects`] builds realistic Pods, Deployments, ReplicaSets, Services, Namespaces, Events
//!   ([`objects::event`]), Applications and SealedSecrets with the names and labels of `src/cluster/names.rs` (web
//!   Deployment `<app>-web`, init container `init`, container `run`; `<app>-async` with container
//!   `async`), all created 15 minutes ago ([`objects::created_ago`] changes that), and the state
//!   changes of the kubelet and controllers (`set_running`, `set_terminated`, `set_waiting`,
//!   `restart_container`, `set_new_template`, `set_progressing`, `set_rolled_out`,
//!   `set_progress_deadline_exceeded`, `set_application`; `new_pods` for a new ReplicaSet's).
//! - Logs: [`ApiServer::logs`] appends lines to a container's current log (in `shop`),
//!   [`ApiServer::previous_logs`] sets the previous instance's. A followed log ends when the
//!   container stops running (or restarts, or its pod goes).
//! - Services proxy: [`ApiServer::proxy`] answers
//!   `/api/v1/namespaces/NS/services/[scheme:]NAME[:PORT]/proxy/PATH` with a handler
//!   ([`ProxyRequest`] in, [`ProxyResponse`] out); the Service object must exist
//!   ([`objects::service`]); without a handler the proxy answers 503 like a Service without
//!   endpoints. [`ApiServer::sealed_secrets_controller`] sets up kubeseal's certificate fetch.
//! - Time: [`ApiServer::scenario`] returns a [`Scenario`]: `after(d)` moves its clock;
//!   `after_watch("pods")`, `after_watches(n, ..)`, `after_log_request(pod)` and
//!   `after_request(pred)` hold it until a client has asked (so a slow-starting binary cannot
//!   miss a change); steps: `rollout_started(app, component, hash, image)` (a push: new
//!   template and generation, new ReplicaSet, its pods `<rs>-x2kq4`, `<rs>-m8ztw`, ... from
//!   [`objects::POD_SUFFIXES`]), `apply`, `delete`, `logs`, `logs_every`, `pod_init_logs`,
//!   `container_running`, `container_terminated`, `container_waiting` (`ErrImagePull`,
//!   `ImagePullBackOff`), `container_restarted` (`CrashLoopBackOff`, previous log),
//!   `pod_deleted`, `deployment_progressing`, `deployment_rolled_out`,
//!   `deployment_deadline_exceeded`, `application(name, sync, revision, health)`, `fault`, and
//!   `step(|store| ..)` for anything else. `start()` runs it in the background; a step that
//!   panics (say, on a pod that does not exist) fails the test when the server is dropped.
//! - One-off pods: [`ApiServer::kubelet`] runs the command of a pod created with
//!   `restartPolicy: Never` as a local process with the pod's environment ([`Kubelet`]: working
//!   directory, PATH, unpullable images), its output the container's log, its exit code the
//!   container's.
//!   `pods/attach` and `pods/exec` speak the WebSocket remote-command protocol
//!   (`v5.channel.k8s.io`, else `v4.channel.k8s.io`: channel 0 stdin, 1 stdout, 2 stderr, 3 the
//!   exit status as a metav1.Status, 4 resize, and v5's 255 to close stdin) with such a
//!   process (attach: the container's; exec: a new one with the container's environment;
//!   `tty` runs it on a terminal); only the streams a client asks for are sent (a stdin-only
//!   attach gets no output), and a container with `stdinOnce` has its stdin closed when the
//!   client that attached to it goes, as the kubelet does; [`ApiServer::resizes`] tells the
//!   window sizes received.
//! - Permissions and faults: [`ApiServer::deny`]`(verb, resource)` (403 with the authorizer's
//!   message; `"*"` matches any verb or resource; subresources as `"pods/log"`);
//!   [`ApiServer::authorize_with`]`(rules)` makes the server an RBAC authorizer: a resource
//!   request is allowed only by a [`Rule`] of a Role (namespace, apiGroups, resources, verbs,
//!   resourceNames; a list or watch whose field selector is `metadata.name=X` has the name X,
//!   as kube-apiserver's RequestInfo gives it);
//!   [`ApiServer::fault`] with a [`Fault`] (cut watch, 410, 500, busy 429/503, latency, cut
//!   log (between lines or mid-line), 5xx on a log request, slow log);
//!   [`ApiServer::heal`] removes them.
//! - What was asked: [`ApiServer::requests`] ([`RecordedRequest`]: method, path, raw query,
//!   `param(k)`, Accept, Content-Type, user, body); [`ApiServer::wait_for_request`] blocks
//!   until one has arrived.
//!
//! # What it serves
//!
//! `/version` (v1.33.5; the gcloud kubectl dispatcher picks kubectl.1.33 from it), `/api`,
//! `/apis` (aggregated discovery, `apidiscovery.k8s.io/v2`, when the client asks for it, as
//! kubectl does; legacy otherwise), `/api/v1`, `/apis/apps/v1`, `/apis/argoproj.io/v1alpha1`,
//! `/apis/bitnami.com/v1alpha1`, `/apis/batch/v1`. Pods, Services,
//! Secrets, ConfigMaps, Events, Namespaces, Deployments, ReplicaSets, Applications, AppProjects,
//! SealedSecrets, Jobs: list (label and field selectors, limit/continue), get, watch (chunked JSON
//! lines; from resourceVersion N, or initial ADDED events from 0 or none; `sendInitialEvents`
//! with the initial-events-end bookmark; ERROR 410 `Expired` below the compaction point;
//! BOOKMARK at `timeoutSeconds` when allowed; selector-leaving updates as DELETED), create,
//! update, delete, merge and JSON patch, status subresources, a Deployment's `scale` (get,
//! and a merge patch of `spec.replicas`), generation bumps, 404/403/409/410
//! Status errors with the real wording, Table output for `as=Table` (kubectl's columns for
//! pods, deployments, replicasets, services, secrets, events; the CRDs' printer columns), `pods/log`
//! (container, follow, previous, sinceSeconds, sinceTime, tailLines, timestamps, limitBytes, and
//! the apiserver's and kubelet's 400 messages), and the services proxy. Anonymous requests may
//! read `/version` only; a wrong token gets 401.
//!
//! Not emulated: OpenAPI (`kubectl apply`, `explain` and `edit` validate
//! with it), protobuf, HTTP/2, SPDY (kubectl falls back to it only when WebSockets fail),
//! port-forward, the pods proxy, admission and
//! validation, controllers (nothing changes unless a test, a scenario or the opt-in kubelet changes it; no
//! Job controller), finalizers
//! and graceful deletion, field managers and real server-side apply (strategic merge and apply
//! patches are applied as JSON merge patches), `resourceVersionMatch` on lists (lists always
//! serve the newest state), periodic bookmarks.

// Shared by the test crate and `benches/release.rs`, each of which uses a part of it.
#![allow(dead_code)]

pub mod objects;

mod http;
mod kubelet;
mod listwatch;
mod logs;
mod proxy;
mod remote;
mod resources;
mod scenario;
mod selectors;
mod status;
mod store;
mod table;
mod tls;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

pub use kubelet::Kubelet;
pub use scenario::Scenario;
pub use store::Store;
pub use tls::Auth;

/// The kubeconfig's namespace, and the namespace the scenario helpers act in.
pub const NAMESPACE: &str = "shop";
/// The user a valid bearer token authenticates as (RBAC messages name it).
pub const USER: &str = "system:serviceaccount:shop:deployer";

/// Something that goes wrong on purpose.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// The next watch is cut (a broken chunked stream) after this many events.
    DropWatchAfter(usize),
    /// The next watch from a resourceVersion answers with an ERROR event, 410 Expired.
    Gone410,
    /// The next resource request (not discovery) answers 500.
    Status500,
    /// Every request from now on waits this long before it is served.
    Latency(Duration),
    /// The next log stream is cut after this many lines.
    DropLogAfter(usize),
    /// Every watch open now is cut (a broken chunked stream), as when a load balancer or the
    /// apiserver restarts; the clients' next watches are not affected.
    CutWatches,
    /// The next log stream is cut after this many lines and half of the next one.
    DropLogMidLine(usize),
    /// The next log request answers this code (500, or 503 as a kubelet that is unreachable).
    LogStatus(u16),
    /// Every log line of a stream opened from now on is delayed this long (zero: no delay).
    SlowLogs(Duration),
    /// The next `times` resource requests answer `code` (429 as API Priority and Fairness
    /// rejects, 503 as an apiserver without healthy backends), with `Retry-After: 1` on 429.
    Busy { code: u16, times: usize },
}

/// One request the server received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The raw query string (kube's begins with `&`).
    pub query: String,
    pub accept: String,
    pub content_type: String,
    /// Who it authenticated as; empty for a wrong token.
    pub user: String,
    pub body: String,
    /// When it was received (after its body), for benchmarks.
    pub at: std::time::Instant,
}

impl RecordedRequest {
    /// A decoded query parameter.
    pub fn param(&self, key: &str) -> Option<String> {
        http::parse_query(&self.query).remove(key)
    }

    /// `GET /api/v1/namespaces/shop/pods?limit=500`, for readable assertions.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            format!("{} {}?{}", self.method, self.path, self.query)
        }
    }
}

/// What a services-proxy handler sees.
#[derive(Debug, Clone)]
pub struct ProxyRequest {
    pub method: String,
    /// `http`, `https` or empty, from `[scheme:]NAME[:PORT]`.
    pub scheme: String,
    /// The port name or number, or empty.
    pub port: String,
    /// The path after `/proxy`, starting with `/`.
    pub path: String,
    pub query: HashMap<String, String>,
    pub accept: String,
    pub body: Vec<u8>,
}

/// What a services-proxy handler answers.
#[derive(Debug, Clone)]
pub struct ProxyResponse {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl ProxyResponse {
    /// A 200 with a body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        ProxyResponse {
            status: 200,
            content_type: content_type.to_owned(),
            body: body.into(),
        }
    }

    /// Any status with a text body.
    pub fn status(status: u16, body: &str) -> Self {
        ProxyResponse {
            status,
            content_type: "text/plain; charset=utf-8".to_owned(),
            body: body.as_bytes().to_vec(),
        }
    }
}

type ProxyHandler = Arc<dyn Fn(&ProxyRequest) -> ProxyResponse + Send + Sync>;

#[derive(Default)]
struct Control {
    denied: Vec<(String, String)>,
    /// With RBAC on, the rules of the user's Roles: nothing else is allowed.
    rules: Option<Vec<Rule>>,
    /// Every request refused with 403, as `verb resource namespace/name`.
    forbidden: Vec<String>,
    faults: Vec<Fault>,
    latency: Option<Duration>,
    slow_logs: Option<Duration>,
    /// How many times [`Fault::CutWatches`] was injected: a watch that began before a cut ends.
    watch_cuts: u64,
    requests: Vec<RecordedRequest>,
    proxies: HashMap<(String, String), ProxyHandler>,
    /// Scenario steps that panicked: the test fails when the server is dropped.
    scenario_failures: Vec<String>,
}

/// One rule of a Role in `namespace`, as `rbac.authorization.k8s.io/v1` spells it (`*` matches
/// anything; empty `resource_names` allows every object).
#[derive(Debug, Clone, Default)]
pub struct Rule {
    pub namespace: String,
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub verbs: Vec<String>,
    pub resource_names: Vec<String>,
}

impl Rule {
    /// Whether this rule allows `verb` on `resource` (with subresource, `pods/log`) of `group`
    /// named `name` in `namespace`.
    fn allows(
        &self,
        namespace: &str,
        group: &str,
        resource: &str,
        verb: &str,
        name: Option<&str>,
    ) -> bool {
        let any = |list: &[String], want: &str| list.iter().any(|x| x == want || x == "*");
        self.namespace == namespace
            && any(&self.api_groups, group)
            && any(&self.resources, resource)
            && any(&self.verbs, verb)
            && (self.resource_names.is_empty()
                || name.is_some_and(|n| self.resource_names.iter().any(|r| r == n)))
    }
}

/// What the server tasks and the test share.
struct Shared {
    store: Mutex<Store>,
    control: Mutex<Control>,
    /// Bumped on every change; watches and followed logs wait on it.
    changed: tokio::sync::watch::Sender<u64>,
    /// Bumped on every request; scenarios waiting for a request wait on it.
    requests_seen: tokio::sync::watch::Sender<u64>,
    token: String,
    user: String,
    address: String,
    /// The processes `pods/attach` reaches, by namespace and pod name.
    sessions: kubelet::Sessions,
    /// The kubelet, once started: `pods/exec` runs its processes the same way.
    kubelet: Mutex<Option<Arc<Kubelet>>>,
}

impl Shared {
    /// Puts a fault in place (the scenario's and the test's way alike).
    fn fault(&self, fault: Fault) {
        let mut control = self.control.lock().unwrap_or_else(PoisonError::into_inner);
        match fault {
            Fault::Latency(d) => control.latency = Some(d),
            Fault::SlowLogs(d) => control.slow_logs = Some(d),
            Fault::CutWatches => {
                control.watch_cuts += 1;
                drop(control);
                // Wake every watch, so that each sees the cut now.
                self.changed.send_modify(|n| *n += 1);
            }
            other => control.faults.push(other),
        }
    }

    fn mutate<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let out = f(&mut self.store.lock().unwrap_or_else(PoisonError::into_inner));
        self.changed.send_modify(|n| *n += 1);
        out
    }
}

/// A running emulator. Dropping it stops the server and ends every stream.
pub struct ApiServer {
    shared: Arc<Shared>,
    pki: tls::Pki,
    addr: SocketAddr,
    runtime: tokio::runtime::Handle,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ApiServer {
    /// Starts a server on a free port of 127.0.0.1, on its own runtime thread, so that both
    /// synchronous tests (running the binary or kubectl) and `#[tokio::test]`s can use it.
    pub fn start() -> Self {
        let pki = tls::Pki::generate();
        let tls_config = pki.server_config();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local addr");
        let token = format!("emulator-token-{}", addr.port());
        let shared = Arc::new(Shared {
            store: Mutex::new(Store::default()),
            control: Mutex::new(Control::default()),
            changed: tokio::sync::watch::channel(0).0,
            requests_seen: tokio::sync::watch::channel(0).0,
            token,
            user: USER.to_owned(),
            address: addr.to_string(),
            sessions: Mutex::default(),
            kubelet: Mutex::default(),
        });
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
        let server_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name(format!("apiserver-{}", addr.port()))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("runtime");
                handle_tx.send(runtime.handle().clone()).expect("handle");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                    tokio::select! {
                        () = http::serve(server_shared, listener, tls_config) => {}
                        _ = shutdown_rx => {}
                    }
                });
                runtime.shutdown_background();
            })
            .expect("server thread");
        let runtime = handle_rx.recv().expect("runtime handle");
        // The namespaces a cluster of ours has (kubectl looks its namespace up to word a 404).
        for ns in [
            "default",
            "kube-system",
            "kube-public",
            NAMESPACE,
            objects::ARGOCD_NAMESPACE,
        ] {
            shared.mutate(|s| s.apply(objects::namespace(ns)));
        }
        ApiServer {
            shared,
            pki,
            addr,
            runtime,
            shutdown: Some(shutdown_tx),
            thread: Some(thread),
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    /// The bearer token the kubeconfig carries.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The test CA (PEM), which the kubeconfig's `certificate-authority-data` holds.
    pub fn ca_pem(&self) -> &str {
        &self.pki.ca_pem
    }

    /// The kubeconfig YAML for `auth`.
    pub fn kubeconfig(&self, auth: &Auth) -> String {
        tls::kubeconfig(&self.pki, &self.url(), &self.shared.token, NAMESPACE, auth)
    }

    /// Writes the kubeconfig (token auth) where `target` keeps it: a path, or a `TestEnv`
    /// (its KUBECONFIG).
    pub fn write_kubeconfig(&self, target: impl KubeconfigPath) -> PathBuf {
        self.write_kubeconfig_with(target, &Auth::Token)
    }

    /// Writes the kubeconfig with another kind of authentication.
    pub fn write_kubeconfig_with(&self, target: impl KubeconfigPath, auth: &Auth) -> PathBuf {
        let path = target.kubeconfig_path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("kubeconfig dir");
        }
        std::fs::write(&path, self.kubeconfig(auth)).expect("write kubeconfig");
        path
    }

    /// Creates or replaces an object (status included). Returns it as stored.
    pub fn apply(&self, object: impl Serialize) -> Value {
        let value = serde_json::to_value(object).expect("object as JSON");
        self.shared.mutate(|s| s.apply(value))
    }

    /// Applies several objects.
    pub fn apply_all(&self, objects: impl IntoIterator<Item = Value>) {
        for o in objects {
            self.apply(o);
        }
    }

    /// An object by apiVersion, kind, namespace and name.
    pub fn get(&self, api_version: &str, kind: &str, namespace: &str, name: &str) -> Option<Value> {
        let res = resources::by_kind(api_version, kind).expect("known kind");
        self.shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(res, namespace, name)
            .cloned()
    }

    /// Every object of a kind in a namespace.
    pub fn list(&self, api_version: &str, kind: &str, namespace: &str) -> Vec<Value> {
        let res = resources::by_kind(api_version, kind).expect("known kind");
        self.shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .list(res, Some(namespace))
            .cloned()
            .collect()
    }

    /// Changes a stored object; panics if it is absent.
    pub fn modify(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
        change: impl FnOnce(&mut Value),
    ) -> Value {
        let res = resources::by_kind(api_version, kind).expect("known kind");
        self.shared
            .mutate(|s| s.modify(res, namespace, name, change))
            .unwrap_or_else(|| panic!("no {kind} {namespace}/{name} to modify"))
    }

    /// Deletes an object (a DELETED event); panics if it is absent.
    pub fn delete(&self, api_version: &str, kind: &str, namespace: &str, name: &str) {
        let res = resources::by_kind(api_version, kind).expect("known kind");
        self.shared
            .mutate(|s| s.delete(res, namespace, name))
            .expect("delete");
    }

    /// The newest resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .resource_version()
    }

    /// Forgets the event history: a watch from any earlier resourceVersion gets 410.
    pub fn compact(&self) {
        self.shared.mutate(Store::compact);
    }

    /// Runs `f` on the store at once, as one change (then wakes watches and log streams): for a
    /// driver that needs several changes to land together, as a kubelet's restart does.
    pub fn mutate<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        self.shared.mutate(f)
    }

    /// A container of a pod in [`NAMESPACE`] crashes and restarts in one change, as
    /// [`Scenario::container_restarted`] does: its log becomes the previous log.
    pub fn restart_container(&self, pod: &str, container: &str, exit_code: i64, reason: &str) {
        let pods = resources::by_plural("", "v1", "pods").expect("pods");
        self.shared.mutate(|s| {
            s.modify(pods, NAMESPACE, pod, |p| {
                objects::restart_container(p, container, exit_code, reason);
            })
            .unwrap_or_else(|| panic!("no pod {pod} to restart"));
            let log = s.log_mut(NAMESPACE, pod, container);
            log.previous = std::mem::take(&mut log.current);
            log.ended = false;
        });
    }

    /// A container of a pod in [`NAMESPACE`] exits with `exit_code` in one change, as
    /// [`Scenario::container_terminated`] does: its followed log streams end.
    pub fn terminate_container(&self, pod: &str, container: &str, exit_code: i64) {
        let pods = resources::by_plural("", "v1", "pods").expect("pods");
        self.shared.mutate(|s| {
            s.modify(pods, NAMESPACE, pod, |p| {
                objects::set_terminated(p, container, exit_code);
            })
            .unwrap_or_else(|| panic!("no pod {pod} to stop"));
            s.log_mut(NAMESPACE, pod, container).ended = true;
        });
    }

    /// Appends lines to the current log of a container of a pod in [`NAMESPACE`].
    pub fn logs(&self, pod: &str, container: &str, lines: &[&str]) {
        self.shared
            .mutate(|s| s.append_log(NAMESPACE, pod, container, lines));
    }

    /// Sets the previous (terminated) instance's log of a container in [`NAMESPACE`].
    pub fn previous_logs(&self, pod: &str, container: &str, lines: &[&str]) {
        self.shared.mutate(|s| {
            let now = jiff::Timestamp::now();
            s.log_mut(NAMESPACE, pod, container).previous =
                lines.iter().map(|l| (now, (*l).to_owned())).collect();
        });
    }

    /// Answers the services proxy for Service `namespace/name` with `handler`.
    pub fn proxy(
        &self,
        namespace: &str,
        name: &str,
        handler: impl Fn(&ProxyRequest) -> ProxyResponse + Send + Sync + 'static,
    ) {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .proxies
            .insert((namespace.to_owned(), name.to_owned()), Arc::new(handler));
    }

    /// A sealed-secrets controller as kubeseal finds it: the Service
    /// `kube-system/sealed-secrets-controller` with port `http` (8080), whose proxy answers
    /// `GET /v1/cert.pem` with `cert_pem` (`application/x-pem-file`) and anything else with 404.
    pub fn sealed_secrets_controller(&self, cert_pem: &str) {
        let (ns, name) = ("kube-system", "sealed-secrets-controller");
        self.apply(objects::service(ns, name, "http", 8080));
        let pem = cert_pem.to_owned();
        self.proxy(ns, name, move |req| {
            if req.method == "GET" && req.path == "/v1/cert.pem" {
                ProxyResponse::ok("application/x-pem-file", pem.clone())
            } else {
                ProxyResponse::status(404, "404 page not found\n")
            }
        });
    }

    /// Denies `verb` (`get`, `list`, `watch`, `patch`, ... or `*`) on `resource` (`pods`,
    /// `applications`, `pods/log`, or `*`) with a 403 Forbidden.
    pub fn deny(&self, verb: &str, resource: &str) {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .denied
            .push((verb.to_owned(), resource.to_owned()));
    }

    /// Turns on RBAC: from now on a resource request is allowed only when one of `rules` (the
    /// rules of the Roles bound to the user) allows it.
    pub fn authorize_with(&self, rules: Vec<Rule>) {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .rules = Some(rules);
    }

    /// Every request refused with 403 so far, as `verb resource namespace/name`.
    pub fn forbidden(&self) -> Vec<String> {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .forbidden
            .clone()
    }

    /// Injects a fault (see [`Fault`] for which are one-shot).
    pub fn fault(&self, fault: Fault) {
        self.shared.fault(fault);
    }

    /// How many one-shot faults wait for a request to hit.
    pub fn pending_faults(&self) -> usize {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .faults
            .len()
    }

    /// Removes every fault and denial.
    pub fn heal(&self) {
        let mut control = self
            .shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        control.faults.clear();
        control.denied.clear();
        control.rules = None;
        control.latency = None;
        control.slow_logs = None;
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .requests
            .clone()
    }

    /// Blocks until a request matching `pred` has arrived (or `limit` passed: `None`), for tests
    /// that run the binary in the background and act from the test thread.
    pub fn wait_for_request(
        &self,
        limit: Duration,
        pred: impl Fn(&RecordedRequest) -> bool,
    ) -> Option<RecordedRequest> {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(r) = self.requests().into_iter().find(|r| pred(r)) {
                return Some(r);
            }
            if std::time::Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The scenario steps that have failed so far (dropping the server panics with them).
    pub fn scenario_failures(&self) -> Vec<String> {
        self.shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .scenario_failures
            .clone()
    }

    /// Runs the pods created through the API with `restartPolicy: Never` as local processes
    /// (see [`Kubelet`]).
    pub fn kubelet(&self, kubelet: Kubelet) {
        kubelet::start(self.shared.clone(), &self.runtime, kubelet);
    }

    /// The window sizes clients sent to the attached process of `pod` in [`NAMESPACE`] (columns,
    /// rows), in order.
    pub fn resizes(&self, pod: &str) -> Vec<(u16, u16)> {
        self.shared
            .sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(NAMESPACE.to_owned(), pod.to_owned()))
            .map(|s| {
                s.resizes
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
            })
            .unwrap_or_default()
    }

    /// When the kubelet started each pod's process, by pod name (for benchmarks).
    pub fn process_starts(&self) -> Vec<(String, std::time::Instant)> {
        self.shared
            .sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|((_, pod), s)| (pod.clone(), s.started))
            .collect()
    }

    /// A script of changes over time; see [`Scenario`].
    pub fn scenario(&self) -> Scenario {
        Scenario::new(self.shared.clone(), self.runtime.clone())
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        let failures = std::mem::take(
            &mut self
                .shared
                .control
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .scenario_failures,
        );
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if !failures.is_empty() && !std::thread::panicking() {
            panic!("a scenario step failed: {}", failures.join("; "));
        }
    }
}

/// Where a kubeconfig goes: a path, or a test environment's KUBECONFIG.
pub trait KubeconfigPath {
    fn kubeconfig_path(&self) -> PathBuf;
}

impl KubeconfigPath for &Path {
    fn kubeconfig_path(&self) -> PathBuf {
        self.to_path_buf()
    }
}

impl KubeconfigPath for PathBuf {
    fn kubeconfig_path(&self) -> PathBuf {
        self.clone()
    }
}

impl KubeconfigPath for &PathBuf {
    fn kubeconfig_path(&self) -> PathBuf {
        (*self).clone()
    }
}
