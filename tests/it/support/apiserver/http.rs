//! The HTTP layer: TLS accept loop, authentication, routing, and the handlers for discovery,
//! list/get/watch, writes, `pods/log` and the services proxy. Streams (watches, followed logs)
//! are HTTP/1.1 chunked bodies fed by a task per request.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use jiff::Timestamp;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use super::resources::{self, ResourceDef};
use super::selectors::{FieldSelector, LabelSelector};
use super::status::ApiError;
use super::store::{EventType, Store};
use super::table;
use super::tls::CLIENT_CERT_USER;
use super::{Fault, ProxyRequest, RecordedRequest, Shared};

pub type Body = BoxBody<Bytes, std::io::Error>;
type Chunk = Result<Frame<Bytes>, std::io::Error>;

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

fn json_response(code: u16, body: &Value) -> Response<Body> {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "application/json")
        .header("Audit-Id", "00000000-0000-0000-0000-000000000000")
        .body(full(serde_json::to_vec(body).expect("json")))
        .expect("response")
}

fn error_response(e: &ApiError) -> Response<Body> {
    json_response(e.code, &e.body)
}

/// A chunked body fed through a channel: the sender ends it cleanly by dropping, or cuts the
/// connection by sending an error.
fn stream_response(content_type: &str) -> (mpsc::Sender<Chunk>, Response<Body>) {
    let (tx, rx) = mpsc::channel::<Chunk>(64);
    let stream =
        futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    let body = StreamBody::new(stream).boxed();
    let resp = Response::builder()
        .status(200)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache, private")
        .body(body)
        .expect("response");
    (tx, resp)
}

/// Cuts a stream the way a dropped connection does (no chunked terminator), after giving the
/// connection time to flush what was sent before.
async fn cut(tx: &mpsc::Sender<Chunk>, why: &str) {
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = tx.send(Err(std::io::Error::other(why.to_owned()))).await;
}

/// Runs the accept loop until the runtime shuts down.
pub async fn serve(
    shared: Arc<Shared>,
    listener: TcpListener,
    tls: Arc<tokio_rustls::rustls::ServerConfig>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            continue;
        };
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let Ok(stream) = acceptor.accept(tcp).await else {
                return;
            };
            let cert_user = stream
                .get_ref()
                .1
                .peer_certificates()
                .is_some_and(|c| !c.is_empty())
                .then(|| CLIENT_CERT_USER.to_owned());
            let service = hyper::service::service_fn(move |req| {
                let shared = shared.clone();
                let cert_user = cert_user.clone();
                async move { Ok::<_, Infallible>(handle(shared, cert_user, req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Query parameters, tolerating kube's leading `?&` and empty pairs.
pub fn parse_query(query: &str) -> HashMap<String, String> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(&s[i + 1..i + 3], 16) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn truthy(v: Option<&String>) -> bool {
    v.is_some_and(|v| v == "true" || v == "1")
}

async fn handle(
    shared: Arc<Shared>,
    cert_user: Option<String>,
    req: Request<Incoming>,
) -> Response<Body> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let header_str = |h: header::HeaderName| {
        parts
            .headers
            .get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let accept = header_str(header::ACCEPT);
    let content_type = header_str(header::CONTENT_TYPE);
    let authorization = header_str(header::AUTHORIZATION);

    let user = match authorization.strip_prefix("Bearer ") {
        Some(token) if token == shared.token => Some(shared.user.clone()),
        Some(_) => None,
        None => Some(cert_user.unwrap_or_else(|| "system:anonymous".to_owned())),
    };
    let latency = {
        let mut control = shared.control.lock().expect("control");
        control.requests.push(RecordedRequest {
            method: parts.method.to_string(),
            path: path.clone(),
            query: query.clone(),
            accept: accept.clone(),
            content_type: content_type.clone(),
            user: user.clone().unwrap_or_default(),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        control.latency
    };
    shared.requests_seen.send_modify(|n| *n += 1);
    if let Some(d) = latency {
        tokio::time::sleep(d).await;
    }
    let Some(user) = user else {
        return error_response(&ApiError::unauthorized());
    };
    let ctx = Ctx {
        shared,
        user,
        method: parts.method,
        path,
        params: parse_query(&query),
        accept,
        content_type,
        body,
    };
    match route(&ctx).await {
        Ok(resp) => resp,
        Err(e) => error_response(&e),
    }
}

struct Ctx {
    shared: Arc<Shared>,
    user: String,
    method: Method,
    path: String,
    params: HashMap<String, String>,
    accept: String,
    content_type: String,
    body: Bytes,
}

impl Ctx {
    fn param(&self, k: &str) -> Option<&String> {
        self.params.get(k).filter(|v| !v.is_empty())
    }
    fn wants_table(&self) -> bool {
        self.accept.contains("as=Table")
    }
    fn anonymous(&self) -> bool {
        self.user == "system:anonymous"
    }
}

async fn route(ctx: &Ctx) -> Result<Response<Body>, ApiError> {
    let segs: Vec<&str> = ctx.path.trim_matches('/').split('/').collect();
    let discovery = |v: Option<Value>| {
        v.map(|v| json_response(200, &v))
            .ok_or_else(ApiError::path_not_found)
    };
    let public = matches!(
        segs.as_slice(),
        ["version"] | ["healthz"] | ["livez"] | ["readyz"]
    );
    if ctx.anonymous() && !public && !matches!(segs.first(), Some(&"api") | Some(&"apis")) {
        return Err(ApiError::forbidden_path(&ctx.user, &ctx.path));
    }
    match segs.as_slice() {
        ["version"] => Ok(json_response(200, &resources::version())),
        ["healthz"] | ["livez"] | ["readyz"] => Ok(Response::new(full("ok"))),
        ["api"] | ["apis"] | ["api", _] | ["apis", _] | ["apis", _, _] if ctx.anonymous() => {
            Err(ApiError::forbidden_path(&ctx.user, &ctx.path))
        }
        ["api"] => Ok(json_response(
            200,
            &resources::core_versions(&ctx.shared.address),
        )),
        ["apis"] => Ok(json_response(200, &resources::group_list())),
        ["api", v] => discovery(resources::resource_list("", v)),
        ["apis", g] => discovery(resources::group(g)),
        ["apis", g, v] => discovery(resources::resource_list(g, v)),
        ["api", v, rest @ ..] => resource_request(ctx, "", v, rest).await,
        ["apis", g, v, rest @ ..] => resource_request(ctx, g, v, rest).await,
        _ => Err(ApiError::path_not_found()),
    }
}

/// The parts of a resource URL.
struct Target<'a> {
    res: &'static ResourceDef,
    ns: Option<&'a str>,
    name: Option<&'a str>,
    sub: Option<&'a str>,
    rest: String,
}

fn parse_target<'a>(group: &str, version: &str, segs: &'a [&'a str]) -> Option<Target<'a>> {
    let (ns, rest) = match segs {
        ["namespaces", ns, rest @ ..] if !rest.is_empty() => (Some(*ns), rest),
        _ => (None, segs),
    };
    let (plural, tail) = rest.split_first()?;
    let res = resources::by_plural(group, version, plural)?;
    Some(Target {
        res,
        ns,
        name: tail.first().copied(),
        sub: tail.get(1).copied(),
        rest: tail.get(2..).map(|r| r.join("/")).unwrap_or_default(),
    })
}

fn take_fault(ctx: &Ctx, pick: impl Fn(&Fault) -> bool) -> Option<Fault> {
    let mut control = ctx.shared.control.lock().expect("control");
    let i = control.faults.iter().position(pick)?;
    Some(control.faults.remove(i))
}

async fn resource_request(
    ctx: &Ctx,
    group: &str,
    version: &str,
    segs: &[&str],
) -> Result<Response<Body>, ApiError> {
    let Some(t) = parse_target(group, version, segs) else {
        return Err(ApiError::path_not_found());
    };
    let watching = truthy(ctx.params.get("watch"));
    let verb = match (&ctx.method, t.name, t.sub) {
        (&Method::GET, None, _) if watching => "watch",
        (&Method::GET, None, _) => "list",
        (&Method::GET, Some(_), _) => "get",
        (&Method::POST, _, _) => "create",
        (&Method::PUT, _, _) => "update",
        (&Method::PATCH, _, _) => "patch",
        (&Method::DELETE, None, _) => "deletecollection",
        (&Method::DELETE, Some(_), _) => "delete",
        _ => return Err(ApiError::method_not_allowed(ctx.method.as_str(), t.res)),
    };
    if t.res.namespaced != t.ns.is_some() && !(t.ns.is_none() && matches!(verb, "list" | "watch")) {
        return Err(ApiError::path_not_found());
    }
    let resource = match t.sub {
        Some(sub) => format!("{}/{sub}", t.res.plural),
        None => t.res.plural.to_owned(),
    };
    let denied = ctx.anonymous() || {
        let control = ctx.shared.control.lock().expect("control");
        control
            .denied
            .iter()
            .any(|(v, r)| (v == verb || v == "*") && (*r == resource || r == "*"))
    };
    if denied {
        return Err(ApiError::forbidden(
            &ctx.user, verb, t.res, t.sub, t.ns, t.name,
        ));
    }
    if take_fault(ctx, |f| matches!(f, Fault::Status500)).is_some() {
        return Err(ApiError::internal(
            "Internal error occurred: injected fault",
        ));
    }
    let ns = t.ns.unwrap_or("");
    match (verb, t.sub) {
        ("list", _) => list(ctx, &t),
        ("watch", _) => watch(ctx, &t),
        ("get", Some("log")) if t.res.plural == "pods" => {
            pod_log(ctx, ns, t.name.unwrap_or_default())
        }
        ("get", None) => {
            let store = ctx.shared.store.lock().expect("store");
            let name = t.name.unwrap_or_default();
            let obj = store
                .get(t.res, ns, name)
                .ok_or_else(|| ApiError::not_found(t.res, name))?;
            if ctx.wants_table() {
                let meta = json!({"resourceVersion": obj["metadata"]["resourceVersion"]});
                return Ok(json_response(
                    200,
                    &table::table(t.res, std::slice::from_ref(obj), meta),
                ));
            }
            Ok(json_response(200, obj))
        }
        ("get", Some("status")) => {
            let store = ctx.shared.store.lock().expect("store");
            let name = t.name.unwrap_or_default();
            let obj = store
                .get(t.res, ns, name)
                .ok_or_else(|| ApiError::not_found(t.res, name))?;
            Ok(json_response(200, obj))
        }
        (_, Some("proxy")) if t.res.plural == "services" => {
            service_proxy(ctx, ns, t.name.unwrap_or_default(), &t.rest)
        }
        ("create", None) => {
            let obj = body_json(ctx)?;
            let created = ctx.shared.mutate(|s| s.create(t.res, ns, obj))?;
            Ok(json_response(201, &created))
        }
        ("update", sub @ (None | Some("status"))) => {
            let obj = body_json(ctx)?;
            let name = t.name.unwrap_or_default();
            let updated = ctx.shared.mutate(|s| s.update(t.res, ns, name, obj, sub))?;
            Ok(json_response(200, &updated))
        }
        ("patch", sub @ (None | Some("status"))) => patch(ctx, &t, ns, sub),
        ("delete", None) => {
            let name = t.name.unwrap_or_default();
            let deleted = ctx.shared.mutate(|s| s.delete(t.res, ns, name))?;
            Ok(json_response(200, &deleted))
        }
        _ => Err(ApiError::method_not_allowed(verb, t.res)),
    }
}

fn body_json(ctx: &Ctx) -> Result<Value, ApiError> {
    serde_json::from_slice(&ctx.body)
        .or_else(|_| serde_saphyr::from_slice::<Value>(&ctx.body).map_err(|e| e.to_string()))
        .map_err(|e| ApiError::bad_request(format!("the object provided is unrecognized: {e}")))
}

fn patch(ctx: &Ctx, t: &Target, ns: &str, sub: Option<&str>) -> Result<Response<Body>, ApiError> {
    let name = t.name.unwrap_or_default();
    let patch_body = body_json(ctx)?;
    let media = ctx
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let res = t.res;
    let out = ctx.shared.mutate(|store: &mut Store| {
        let current = store.get(res, ns, name).cloned();
        let mut doc = match (current, media.as_str()) {
            (Some(c), _) => c,
            // Server-side apply creates what does not exist.
            (None, "application/apply-patch+yaml") => {
                return store.create(res, ns, patch_body.clone());
            }
            (None, _) => return Err(ApiError::not_found(res, name)),
        };
        match media.as_str() {
            "application/merge-patch+json"
            | "application/strategic-merge-patch+json"
            | "application/apply-patch+yaml" => {
                json_patch::merge(&mut doc, &patch_body);
            }
            "application/json-patch+json" => {
                let p: json_patch::Patch =
                    serde_json::from_value(patch_body.clone()).map_err(|e| {
                        ApiError::bad_request(format!("json: cannot unmarshal patch: {e}"))
                    })?;
                json_patch::patch(&mut doc, &p)
                    .map_err(|e| ApiError::invalid(res, name, &e.to_string()))?;
            }
            other => return Err(ApiError::unsupported_media_type(other)),
        }
        store.update(res, ns, name, doc, sub)
    })?;
    Ok(json_response(200, &out))
}

/// The continue token: opaque to clients, like the real one (base64 JSON of rv and start key).
fn continue_token(rv: u64, start: &str) -> String {
    let raw = json!({"v": "meta.k8s.io/v1", "rv": rv, "start": start}).to_string();
    base64::engine::general_purpose::URL_SAFE.encode(raw)
}

fn parse_continue(token: &str) -> Option<(u64, String)> {
    let raw = base64::engine::general_purpose::URL_SAFE
        .decode(token)
        .ok()?;
    let v: Value = serde_json::from_slice(&raw).ok()?;
    Some((v["rv"].as_u64()?, v["start"].as_str()?.to_owned()))
}

struct Filter {
    labels: LabelSelector,
    fields: FieldSelector,
}

impl Filter {
    fn from(ctx: &Ctx) -> Result<Self, ApiError> {
        let labels = LabelSelector::parse(ctx.param("labelSelector").map_or("", |s| s))
            .map_err(|e| ApiError::bad_request(format!("unable to parse requirement: {e}")))?;
        let fields = FieldSelector::parse(ctx.param("fieldSelector").map_or("", |s| s))
            .map_err(ApiError::bad_request)?;
        Ok(Filter { labels, fields })
    }
    fn matches(&self, obj: &Value) -> bool {
        self.labels.matches(obj) && self.fields.matches(obj)
    }
}

fn sort_key(obj: &Value) -> String {
    format!(
        "{}/{}",
        obj["metadata"]["namespace"].as_str().unwrap_or(""),
        obj["metadata"]["name"].as_str().unwrap_or("")
    )
}

fn list(ctx: &Ctx, t: &Target) -> Result<Response<Body>, ApiError> {
    let filter = Filter::from(ctx)?;
    let store = ctx.shared.store.lock().expect("store");
    let rv = store.resource_version();
    let (list_rv, start) = match ctx.param("continue") {
        Some(token) => {
            let (crv, start) = parse_continue(token).ok_or_else(|| ApiError::bad_request("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"))?;
            if crv < store.oldest() {
                return Err(ApiError::expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
                ));
            }
            (crv, Some(start))
        }
        None => (rv, None),
    };
    let mut items: Vec<Value> = store
        .list(t.res, t.ns)
        .filter(|o| filter.matches(o))
        .filter(|o| start.as_ref().is_none_or(|s| sort_key(o) >= *s))
        .cloned()
        .collect();
    let limit = ctx
        .param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0);
    let mut meta = json!({"resourceVersion": list_rv.to_string()});
    if let Some(limit) = limit
        && items.len() > limit
    {
        let rest = items.split_off(limit);
        meta["continue"] = json!(continue_token(list_rv, &sort_key(&rest[0])));
        meta["remainingItemCount"] = json!(rest.len());
    }
    if ctx.wants_table() {
        return Ok(json_response(200, &table::table(t.res, &items, meta)));
    }
    if !t.res.custom {
        for item in &mut items {
            if let Some(m) = item.as_object_mut() {
                m.remove("kind");
                m.remove("apiVersion");
            }
        }
    }
    Ok(json_response(
        200,
        &json!({
            "kind": format!("{}List", t.res.kind),
            "apiVersion": t.res.api_version(),
            "metadata": meta,
            "items": items,
        }),
    ))
}

fn event_line(kind: &str, object: &Value) -> Bytes {
    let mut line = serde_json::to_vec(&json!({"type": kind, "object": object})).expect("json");
    line.push(b'\n');
    Bytes::from(line)
}

fn watch(ctx: &Ctx, t: &Target) -> Result<Response<Body>, ApiError> {
    let filter = Filter::from(ctx)?;
    let res = t.res;
    let ns = t.ns.map(str::to_owned);
    let table = ctx.wants_table();
    let bookmarks = truthy(ctx.params.get("allowWatchBookmarks"));
    // The real server's default is a random 30 to 60 minutes; the emulator's streams also end
    // with the server.
    let timeout = Duration::from_secs(
        ctx.param("timeoutSeconds")
            .and_then(|s| s.parse().ok())
            .unwrap_or(1800),
    );
    let requested_rv = ctx.param("resourceVersion").cloned();
    let gone = take_fault(ctx, |f| matches!(f, Fault::Gone410)).is_some();
    let drop_after = match take_fault(ctx, |f| matches!(f, Fault::DropWatchAfter(_))) {
        Some(Fault::DropWatchAfter(n)) => Some(n),
        _ => None,
    };
    let shared = ctx.shared.clone();
    let (tx, resp) = stream_response("application/json");
    let render = move |obj: &Value| -> Value {
        if table {
            let meta = json!({"resourceVersion": obj["metadata"]["resourceVersion"]});
            table::table(res, std::slice::from_ref(obj), meta)
        } else {
            obj.clone()
        }
    };
    tokio::spawn(async move {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changed = shared.changed.subscribe();
        let mut sent = 0usize;
        let in_scope = |obj: &Value| {
            ns.as_deref()
                .is_none_or(|n| obj["metadata"]["namespace"] == n)
        };
        // Initial state: synthetic ADDED events for a watch from "0" or no resourceVersion.
        let start: Result<(u64, Vec<Value>), Value> = {
            let store = shared.store.lock().expect("store");
            let rv = store.resource_version();
            match requested_rv.as_deref().map(str::parse::<u64>) {
                None | Some(Ok(0)) => {
                    let objs: Vec<Value> = store
                        .list(res, ns.as_deref())
                        .filter(|o| filter.matches(o))
                        .cloned()
                        .collect();
                    Ok((rv, objs))
                }
                Some(Ok(n)) if gone || n < store.oldest() => Err(ApiError::expired(format!(
                    "too old resource version: {n} ({})",
                    if gone { rv } else { store.oldest() }
                ))
                .body),
                Some(Ok(n)) => Ok((n, Vec::new())),
                Some(Err(_)) => Err(ApiError::bad_request(format!(
                    "invalid resource version: {}",
                    requested_rv.clone().unwrap_or_default()
                ))
                .body),
            }
        };
        let (mut last, initial) = match start {
            Ok(start) => start,
            Err(status) => {
                let _ = tx.send(Ok(Frame::data(event_line("ERROR", &status)))).await;
                return;
            }
        };
        for obj in initial {
            if tx
                .send(Ok(Frame::data(event_line("ADDED", &render(&obj)))))
                .await
                .is_err()
            {
                return;
            }
            sent += 1;
        }
        loop {
            let batch: Vec<(&'static str, Value)> = {
                let store = shared.store.lock().expect("store");
                let out = store
                    .events_after(last)
                    .filter(|e| std::ptr::eq(e.res, res) && in_scope(&e.object))
                    .filter_map(|e| {
                        let now = filter.matches(&e.object);
                        let before = e.previous.as_ref().is_some_and(|p| filter.matches(p));
                        match (e.kind, before, now) {
                            (EventType::Deleted, _, true) => Some(("DELETED", e.object.clone())),
                            (EventType::Added, _, true) => Some(("ADDED", e.object.clone())),
                            (EventType::Modified, true, true) => {
                                Some(("MODIFIED", e.object.clone()))
                            }
                            (EventType::Modified, false, true) => Some(("ADDED", e.object.clone())),
                            (EventType::Modified, true, false) => {
                                Some(("DELETED", e.object.clone()))
                            }
                            _ => None,
                        }
                    })
                    .collect();
                last = store.resource_version();
                out
            };
            for (kind, obj) in batch {
                if drop_after.is_some_and(|n| sent >= n) {
                    cut(&tx, "watch connection dropped (injected fault)").await;
                    return;
                }
                if tx
                    .send(Ok(Frame::data(event_line(kind, &render(&obj)))))
                    .await
                    .is_err()
                {
                    return;
                }
                sent += 1;
            }
            if drop_after.is_some_and(|n| sent >= n) {
                cut(&tx, "watch connection dropped (injected fault)").await;
                return;
            }
            tokio::select! {
                r = changed.changed() => if r.is_err() { return },
                () = tokio::time::sleep_until(deadline) => {
                    if bookmarks {
                        let bookmark = json!({
                            "kind": res.kind,
                            "apiVersion": res.api_version(),
                            "metadata": {"resourceVersion": last.to_string(), "creationTimestamp": null}
                        });
                        let _ = tx.send(Ok(Frame::data(event_line("BOOKMARK", &bookmark)))).await;
                    }
                    return;
                }
                () = tx.closed() => return,
            }
        }
    });
    Ok(resp)
}

/// Which instance of a container a log request reads.
#[derive(Clone, Copy, PartialEq)]
enum Instance {
    Current,
    Previous,
}

fn container_status<'a>(pod: &'a Value, container: &str) -> Option<&'a Value> {
    [
        "containerStatuses",
        "initContainerStatuses",
        "ephemeralContainerStatuses",
    ]
    .iter()
    .filter_map(|k| pod["status"][k].as_array())
    .flatten()
    .find(|c| c["name"] == container)
}

/// The kubelet's `validateContainerLogStatus`: which instance to read, or the 400 message.
fn log_instance(
    pod: &Value,
    pod_name: &str,
    container: &str,
    previous: bool,
) -> Result<Instance, ApiError> {
    let Some(status) = container_status(pod, container) else {
        return Err(ApiError::bad_request(format!(
            "container \"{container}\" in pod \"{pod_name}\" is not available"
        )));
    };
    let state = &status["state"];
    let last_terminated = status["lastState"]["terminated"].is_object();
    if previous {
        return if last_terminated {
            Ok(Instance::Previous)
        } else {
            Err(ApiError::bad_request(format!(
                "previous terminated container \"{container}\" in pod \"{pod_name}\" not found"
            )))
        };
    }
    if state["running"].is_object() || state["terminated"].is_object() {
        return Ok(Instance::Current);
    }
    if last_terminated {
        return Ok(Instance::Previous);
    }
    let message = match state["waiting"]["reason"].as_str() {
        Some("ErrImagePull") => "is waiting to start: image can't be pulled".to_owned(),
        Some("ImagePullBackOff") => {
            "is waiting to start: trying and failing to pull image".to_owned()
        }
        Some(reason) => format!("is waiting to start: {reason}"),
        None => "is waiting to start - no logs yet".to_owned(),
    };
    Err(ApiError::bad_request(format!(
        "container \"{container}\" in pod \"{pod_name}\" {message}"
    )))
}

/// The apiserver's own checks before it asks the kubelet (`pod.LogLocation`).
fn log_container(pod: &Value, name: &str, requested: Option<&String>) -> Result<String, ApiError> {
    let names = |k: &str| -> Vec<String> {
        pod["spec"][k]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["name"].as_str().map(str::to_owned))
            .collect()
    };
    let containers = names("containers");
    let inits = names("initContainers");
    let Some(container) = requested else {
        if containers.len() == 1 {
            return Ok(containers[0].clone());
        }
        let mut msg = format!(
            "a container name must be specified for pod {name}, choose one of: [{}]",
            containers.join(" ")
        );
        if !inits.is_empty() {
            msg.push_str(&format!(
                " or one of the init containers: [{}]",
                inits.join(" ")
            ));
        }
        return Err(ApiError::bad_request(msg));
    };
    if !containers.contains(container)
        && !inits.contains(container)
        && !names("ephemeralContainers").contains(container)
    {
        return Err(ApiError::bad_request(format!(
            "container {container} is not valid for pod {name}"
        )));
    }
    if pod["spec"]["nodeName"].as_str().is_none_or(str::is_empty) {
        return Err(ApiError::bad_request(format!(
            "pod {name} does not have a host assigned"
        )));
    }
    Ok(container.clone())
}

fn pods_def() -> &'static ResourceDef {
    resources::by_plural("", "v1", "pods").expect("pods")
}

struct LogOptions {
    timestamps: bool,
    since: Option<Timestamp>,
    tail: Option<usize>,
    limit_bytes: Option<usize>,
}

fn render_lines(lines: &[(Timestamp, String)], o: &LogOptions) -> Vec<Bytes> {
    let selected: Vec<&(Timestamp, String)> = lines
        .iter()
        .filter(|(t, _)| o.since.is_none_or(|s| *t >= s))
        .collect();
    let skip = o.tail.map_or(0, |n| selected.len().saturating_sub(n));
    selected[skip..]
        .iter()
        .map(|(t, l)| {
            if o.timestamps {
                Bytes::from(format!("{} {l}\n", t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")))
            } else {
                Bytes::from(format!("{l}\n"))
            }
        })
        .collect()
}

fn pod_log(ctx: &Ctx, ns: &str, name: &str) -> Result<Response<Body>, ApiError> {
    let pods = pods_def();
    let (container, instance, restarts) = {
        let store = ctx.shared.store.lock().expect("store");
        let pod = store
            .get(pods, ns, name)
            .ok_or_else(|| ApiError::not_found(pods, name))?;
        let container = log_container(pod, name, ctx.param("container"))?;
        let instance = log_instance(pod, name, &container, truthy(ctx.params.get("previous")))?;
        let restarts = container_status(pod, &container).map(|s| s["restartCount"].clone());
        (container, instance, restarts)
    };
    let since = match (ctx.param("sinceSeconds"), ctx.param("sinceTime")) {
        (Some(s), _) => {
            let secs: i64 = s
                .parse()
                .map_err(|_| ApiError::bad_request("sinceSeconds: Invalid value"))?;
            Some(Timestamp::now() - jiff::SignedDuration::from_secs(secs))
        }
        (None, Some(t)) => Some(
            t.parse::<Timestamp>()
                .map_err(|e| ApiError::bad_request(format!("sinceTime: {e}")))?,
        ),
        _ => None,
    };
    let options = LogOptions {
        timestamps: truthy(ctx.params.get("timestamps")),
        since,
        tail: ctx.param("tailLines").and_then(|n| n.parse().ok()),
        limit_bytes: ctx.param("limitBytes").and_then(|n| n.parse().ok()),
    };
    let follow = truthy(ctx.params.get("follow"));
    let (slow, drop_after) = {
        let mut control = ctx.shared.control.lock().expect("control");
        let drop = control
            .faults
            .iter()
            .position(|f| matches!(f, Fault::DropLogAfter(_)));
        let drop = drop.map(|i| control.faults.remove(i));
        (
            control.slow_logs,
            match drop {
                Some(Fault::DropLogAfter(n)) => Some(n),
                _ => None,
            },
        )
    };
    let shared = ctx.shared.clone();
    let ns = ns.to_owned();
    let name = name.to_owned();
    let (tx, resp) = stream_response("text/plain");
    tokio::spawn(async move {
        let mut changed = shared.changed.subscribe();
        let mut sent_lines = 0usize;
        let mut lines_out = 0usize;
        let mut bytes_out = 0usize;
        let mut first = true;
        loop {
            let (chunks, done) = {
                let store = shared.store.lock().expect("store");
                let log = store.log(&ns, &name, &container);
                let pod = store.get(pods, &ns, &name);
                let status = pod.and_then(|p| container_status(p, &container));
                let restarted = status.map(|s| s["restartCount"].clone()) != restarts;
                let (lines, done) = match instance {
                    Instance::Previous => (log.previous.clone(), true),
                    Instance::Current if restarted => (Vec::new(), true),
                    Instance::Current => {
                        let exited = status.is_none_or(|s| !s["state"]["running"].is_object());
                        (log.current.clone(), log.ended || exited || pod.is_none())
                    }
                };
                // tailLines and the since filters apply to the log as it was when the request came;
                // later lines of a followed log all follow.
                let rendered = if first {
                    render_lines(&lines, &options)
                } else {
                    let o = LogOptions {
                        tail: None,
                        since: None,
                        ..options
                    };
                    render_lines(&lines[sent_lines.min(lines.len())..], &o)
                };
                if first {
                    sent_lines = lines.len();
                } else {
                    sent_lines = lines.len().max(sent_lines);
                }
                (rendered, done || !follow)
            };
            first = false;
            for chunk in chunks {
                if let Some(d) = slow {
                    tokio::time::sleep(d).await;
                }
                if drop_after.is_some_and(|n| lines_out >= n) {
                    cut(&tx, "log connection dropped (injected fault)").await;
                    return;
                }
                let chunk = match options.limit_bytes {
                    Some(limit) if bytes_out >= limit => return,
                    Some(limit) if chunk.len() > limit - bytes_out => {
                        chunk.slice(..limit - bytes_out)
                    }
                    _ => chunk,
                };
                bytes_out += chunk.len();
                lines_out += 1;
                if tx.send(Ok(Frame::data(chunk))).await.is_err() {
                    return;
                }
            }
            if done {
                return;
            }
            tokio::select! {
                r = changed.changed() => if r.is_err() { return },
                () = tx.closed() => return,
            }
        }
    });
    Ok(resp)
}

fn service_proxy(
    ctx: &Ctx,
    ns: &str,
    target: &str,
    rest: &str,
) -> Result<Response<Body>, ApiError> {
    let parts: Vec<&str> = target.split(':').collect();
    let (scheme, name, port) = match parts.as_slice() {
        [name] => ("", *name, ""),
        [a, b] if *a == "http" || *a == "https" => (*a, *b, ""),
        [name, port] => ("", *name, *port),
        [scheme, name, port] => (*scheme, *name, *port),
        _ => {
            return Err(ApiError::bad_request(format!(
                "invalid service request {target}"
            )));
        }
    };
    let services = resources::by_plural("", "v1", "services").expect("services");
    let svc = {
        let store = ctx.shared.store.lock().expect("store");
        store
            .get(services, ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(services, name))?
    };
    if !port.is_empty() {
        let found = svc["spec"]["ports"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| {
                p["name"] == port || p["port"].as_i64().is_some_and(|n| n.to_string() == port)
            });
        if !found {
            return Err(ApiError::service_unavailable(format!(
                "no service port \"{port}\" found for service \"{name}\""
            )));
        }
    }
    let handler = {
        let control = ctx.shared.control.lock().expect("control");
        control
            .proxies
            .get(&(ns.to_owned(), name.to_owned()))
            .cloned()
    };
    let Some(handler) = handler else {
        return Err(ApiError::service_unavailable(format!(
            "no endpoints available for service \"{name}\""
        )));
    };
    let request = ProxyRequest {
        method: ctx.method.to_string(),
        scheme: scheme.to_owned(),
        port: port.to_owned(),
        path: format!("/{rest}"),
        query: ctx.params.clone(),
        accept: ctx.accept.clone(),
        body: ctx.body.to_vec(),
    };
    let answer = handler(&request);
    Ok(Response::builder()
        .status(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, answer.content_type)
        .body(full(answer.body))
        .expect("response"))
}

#[cfg(test)]
mod tests {
    use super::parse_query;

    #[test]
    fn queries_tolerate_kubes_leading_ampersand() {
        let q =
            parse_query("&watch=true&fieldSelector=metadata.name%3Dweb&&labelSelector=a+in+(b)");
        assert_eq!(q["watch"], "true");
        assert_eq!(q["fieldSelector"], "metadata.name=web");
        assert_eq!(q["labelSelector"], "a in (b)");
        assert_eq!(q.len(), 3);
    }
}
