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
//! cluster.scenario()
//!     .after(Duration::from_millis(100)).logs("shop-web-7d9f8-x2kq4", "init", &["Applying x... OK"])
//!     .after(Duration::from_millis(100)).container_terminated("shop-web-7d9f8-x2kq4", "init", 0)
//!     .container_running("shop-web-7d9f8-x2kq4", "run")
//!     .deployment_rolled_out("shop-web")
//!     .start();                                           // runs in the background
//! let out = env.run(&["logs", "--follow"]);               // the real binary, a subprocess
//! ```
//!
//! # The API
//!
//! - [`ApiServer::start`] (token auth; [`ApiServer::address`], [`ApiServer::token`],
//!   [`ApiServer::ca_pem`]); [`ApiServer::write_kubeconfig`] / [`ApiServer::write_kubeconfig_with`]
//!   ([`Auth::Token`], [`Auth::WrongToken`] (401), [`Auth::ClientCertificate`], [`Auth::Anonymous`]);
//!   [`ApiServer::kubeconfig`] for the YAML. Default namespace `shop` ([`NAMESPACE`]).
//! - Objects: [`ApiServer::apply`] (create or replace, any `Serialize`: `serde_json::Value` or
//!   k8s-openapi types; `metadata.namespace` defaults to `default`, so set it), [`ApiServer::get`],
//!   [`ApiServer::modify`] (change in place with the server's generation rules),
//!   [`ApiServer::delete`], [`ApiServer::compact`] (older watches get 410). Builders of realistic
//!   Pods, Deployments, ReplicaSets, Services, Applications and SealedSecrets with the labels of
//!   `src/cluster/names.rs` are in [`objects`].
//! - Logs: [`ApiServer::logs`] appends lines to a container's current log; the log of a
//!   restarted container moves to `--previous` ([`objects::restart_container`]).
//! - Services proxy: [`ApiServer::proxy`] registers a handler for
//!   `/api/v1/namespaces/NS/services/[scheme:]NAME[:PORT]/proxy/PATH` (the Service object must
//!   exist: [`objects::service`]); without a handler the proxy answers 503 like a Service without
//!   endpoints.
//! - Time: [`ApiServer::scenario`] scripts changes over time ([`Scenario`]: `after`, `apply`,
//!   `logs`, container state changes, Deployment conditions, Application sync/health, `fault`,
//!   `step` for anything else), then `start()` runs it in the background.
//! - Permissions and faults: [`ApiServer::deny`]`(verb, resource)` (403 with the real message;
//!   `"*"` matches any verb; subresources as `"pods/log"`), [`ApiServer::fault`] with [`Fault`].
//! - What was asked: [`ApiServer::requests`] ([`RecordedRequest`]).
//!
//! # What it serves
//!
//! `/version` (v1.33.5), `/api`, `/apis`, `/api/v1`, `/apis/apps/v1`, `/apis/argoproj.io/v1alpha1`,
//! `/apis/bitnami.com/v1alpha1` (legacy discovery; kubectl falls back to it from aggregated
//! discovery). Pods, Services, Secrets, ConfigMaps, Events, Namespaces, Deployments, ReplicaSets,
//! Applications, AppProjects, SealedSecrets: list (label and field selectors, limit/continue),
//! get, watch (chunked JSON lines; from `resourceVersion` N, or initial ADDED events from 0/none;
//! ERROR 410 `Expired` below the compaction point; BOOKMARK at `timeoutSeconds` when allowed),
//! create, update, delete, merge/JSON patch (strategic merge and server-side apply are treated as a
//! JSON merge patch), status subresources, generation bumps, 404/403/409/410 Status errors, Table
//! output for `as=Table`, `pods/log` (container, follow, previous, sinceSeconds, sinceTime,
//! tailLines, timestamps, limitBytes, and the kubelet's 400 messages), the services proxy.
//!
//! Not emulated: aggregated discovery, OpenAPI (`kubectl apply`/`explain`/`edit` validation),
//! protobuf, HTTP/2, exec/attach/port-forward, admission, controllers (nothing happens unless a
//! test or scenario makes it happen), finalizers and graceful deletion, field managers.

#![allow(dead_code)]

pub mod objects;

mod http;
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
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

pub use scenario::Scenario;
pub use tls::Auth;

use store::Store;

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
    /// Every log line from now on is delayed this long.
    SlowLogs(Duration),
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
    faults: Vec<Fault>,
    latency: Option<Duration>,
    slow_logs: Option<Duration>,
    requests: Vec<RecordedRequest>,
    proxies: HashMap<(String, String), ProxyHandler>,
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
}

impl Shared {
    fn mutate<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let out = f(&mut self.store.lock().expect("store"));
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
            .expect("store")
            .get(res, namespace, name)
            .cloned()
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
        self.shared.store.lock().expect("store").resource_version()
    }

    /// Forgets the event history: a watch from any earlier resourceVersion gets 410.
    pub fn compact(&self) {
        self.shared.mutate(Store::compact);
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
            .expect("control")
            .proxies
            .insert((namespace.to_owned(), name.to_owned()), Arc::new(handler));
    }

    /// Denies `verb` (`get`, `list`, `watch`, `patch`, ... or `*`) on `resource` (`pods`,
    /// `applications`, `pods/log`, or `*`) with a 403 Forbidden.
    pub fn deny(&self, verb: &str, resource: &str) {
        self.shared
            .control
            .lock()
            .expect("control")
            .denied
            .push((verb.to_owned(), resource.to_owned()));
    }

    /// Injects a fault (see [`Fault`] for which are one-shot).
    pub fn fault(&self, fault: Fault) {
        let mut control = self.shared.control.lock().expect("control");
        match fault {
            Fault::Latency(d) => control.latency = Some(d),
            Fault::SlowLogs(d) => control.slow_logs = Some(d),
            other => control.faults.push(other),
        }
    }

    /// Removes every fault and denial.
    pub fn heal(&self) {
        let mut control = self.shared.control.lock().expect("control");
        control.faults.clear();
        control.denied.clear();
        control.latency = None;
        control.slow_logs = None;
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .control
            .lock()
            .expect("control")
            .requests
            .clone()
    }

    /// A script of changes over time; see [`Scenario`].
    pub fn scenario(&self) -> Scenario {
        Scenario::new(self.shared.clone(), self.runtime.clone())
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
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
