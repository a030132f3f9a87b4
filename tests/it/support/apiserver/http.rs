//! The HTTP layer: TLS accept loop, authentication, routing, discovery, get and the writes
//! (create, update, merge and JSON patch, delete). Collections are in `listwatch`, `pods/log` in
//! `logs`, the services proxy in `proxy`; streams are HTTP/1.1 chunked bodies fed by a task.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, header};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use super::listwatch::{list, watch};
use super::logs::pod_log;
use super::proxy::service_proxy;
use super::resources::{self, ResourceDef};
use super::status::ApiError;
use super::store::Store;
use super::table;
use super::tls::CLIENT_CERT_USER;
use super::{Fault, RecordedRequest, Shared};

pub type Body = BoxBody<Bytes, std::io::Error>;
pub(super) type Chunk = Result<Frame<Bytes>, std::io::Error>;

pub(super) fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

pub(super) fn json_response(code: u16, body: &Value) -> Response<Body> {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "application/json")
        .header("Audit-Id", "00000000-0000-0000-0000-000000000000")
        .body(full(serde_json::to_vec(body).expect("json")))
        .expect("response")
}

pub(super) fn error_response(e: &ApiError) -> Response<Body> {
    let mut response = json_response(e.code, &e.body);
    if let Some(seconds) = e.body["details"]["retryAfterSeconds"].as_u64() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
    }
    response
}

/// A chunked body fed through a channel: the sender ends it cleanly by dropping, or cuts the
/// connection by sending an error.
pub(super) fn stream_response(content_type: &str) -> (mpsc::Sender<Chunk>, Response<Body>) {
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
pub(super) async fn cut(tx: &mpsc::Sender<Chunk>, why: &str) {
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
        // As Go's net/http does: no Nagle delay between a response's small writes (headers,
        // then each chunk of a stream), which would hold a streamed line back ~40 ms.
        let _ = tcp.set_nodelay(true);
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
                .with_upgrades()
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

pub(super) fn truthy(v: Option<&String>) -> bool {
    v.is_some_and(|v| v == "true" || v == "1")
}

async fn handle(
    shared: Arc<Shared>,
    cert_user: Option<String>,
    mut req: Request<Incoming>,
) -> Response<Body> {
    let upgrade = req
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
        .then(|| hyper::upgrade::on(&mut req));
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
        let mut control = shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        control.requests.push(RecordedRequest {
            method: parts.method.to_string(),
            path: path.clone(),
            query: query.clone(),
            accept: accept.clone(),
            content_type: content_type.clone(),
            user: user.clone().unwrap_or_default(),
            body: String::from_utf8_lossy(&body).into_owned(),
            at: std::time::Instant::now(),
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
    let websocket_protocols = parts
        .headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|p| p.trim().to_owned())
        .collect();
    let ctx = Ctx {
        shared,
        user,
        method: parts.method,
        path,
        upgrade: std::sync::Mutex::new(upgrade),
        websocket_key: header_str(header::SEC_WEBSOCKET_KEY),
        websocket_protocols,
        query: query.clone(),
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

pub(super) struct Ctx {
    pub(super) shared: Arc<Shared>,
    pub(super) user: String,
    pub(super) method: Method,
    pub(super) path: String,
    /// A WebSocket handshake's connection, to take over after answering 101.
    pub(super) upgrade: std::sync::Mutex<Option<hyper::upgrade::OnUpgrade>>,
    pub(super) websocket_key: String,
    pub(super) websocket_protocols: Vec<String>,
    /// The raw query (`command` repeats in `pods/exec`).
    pub(super) query: String,
    pub(super) params: HashMap<String, String>,
    pub(super) accept: String,
    pub(super) content_type: String,
    pub(super) body: Bytes,
}

impl Ctx {
    pub(super) fn param(&self, k: &str) -> Option<&String> {
        self.params.get(k).filter(|v| !v.is_empty())
    }
    pub(super) fn wants_table(&self) -> bool {
        self.accept.contains("as=Table")
    }
    pub(super) fn anonymous(&self) -> bool {
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
        ["api"] | ["apis"] if ctx.accept.contains("v=v2;as=APIGroupDiscoveryList") => {
            let body = resources::aggregated_discovery(segs == ["api"]);
            let mut resp = json_response(200, &body);
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static(resources::AGGREGATED_DISCOVERY),
            );
            Ok(resp)
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
pub(super) struct Target<'a> {
    pub(super) res: &'static ResourceDef,
    pub(super) ns: Option<&'a str>,
    pub(super) name: Option<&'a str>,
    pub(super) sub: Option<&'a str>,
    pub(super) rest: String,
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

pub(super) fn take_fault(ctx: &Ctx, pick: impl Fn(&Fault) -> bool) -> Option<Fault> {
    let mut control = ctx
        .shared
        .control
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let i = control.faults.iter().position(pick)?;
    Some(control.faults.remove(i))
}

/// The code of a [`Fault::Busy`] still answering, counting this request.
fn busy(ctx: &Ctx) -> Option<u16> {
    let mut control = ctx
        .shared
        .control
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let i = control
        .faults
        .iter()
        .position(|f| matches!(f, Fault::Busy { .. }))?;
    let Fault::Busy { code, times } = &mut control.faults[i] else {
        return None;
    };
    let code = *code;
    *times -= 1;
    if *times == 0 {
        control.faults.remove(i);
    }
    Some(code)
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
        // A WebSocket GET is authorized as create, as kube-apiserver does since 1.31.
        (&Method::GET | &Method::POST, Some(_), Some("attach" | "exec"))
            if t.res.plural == "pods" =>
        {
            "create"
        }
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
        let mut control = ctx
            .shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // RequestInfo: a list or watch whose field selector pins metadata.name has that name.
        let name = t.name.map(str::to_owned).or_else(|| {
            matches!(verb, "list" | "watch")
                .then(|| ctx.param("fieldSelector"))
                .flatten()
                .and_then(|s| s.strip_prefix("metadata.name="))
                .filter(|n| !n.contains(','))
                .map(str::to_owned)
        });
        let denied = control
            .denied
            .iter()
            .any(|(v, r)| (v == verb || v == "*") && (*r == resource || r == "*"))
            || control.rules.as_ref().is_some_and(|rules| {
                !rules.iter().any(|rule| {
                    rule.allows(
                        t.ns.unwrap_or(""),
                        t.res.group,
                        &resource,
                        verb,
                        name.as_deref(),
                    )
                })
            });
        if denied {
            let line = format!(
                "{verb} {resource} {}/{}",
                t.ns.unwrap_or(""),
                name.as_deref().unwrap_or("")
            );
            control.forbidden.push(line);
        }
        denied
    };
    if denied {
        return Err(ApiError::forbidden(
            &ctx.user, verb, t.res, t.sub, t.ns, t.name,
        ));
    }
    if let Some(code) = busy(ctx) {
        return Err(ApiError::busy(code));
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
        ("create", Some(sub @ ("attach" | "exec"))) if t.res.plural == "pods" => {
            super::remote::serve(ctx, ns, t.name.unwrap_or_default(), sub)
        }
        ("get", Some("log")) if t.res.plural == "pods" => {
            pod_log(ctx, ns, t.name.unwrap_or_default())
        }
        ("get", None) => {
            let store = ctx
                .shared
                .store
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
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
            let store = ctx
                .shared
                .store
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let name = t.name.unwrap_or_default();
            let obj = store
                .get(t.res, ns, name)
                .ok_or_else(|| ApiError::not_found(t.res, name))?;
            Ok(json_response(200, obj))
        }
        (verb @ ("get" | "patch"), Some("scale")) if t.res.plural == "deployments" => {
            scale(ctx, &t, ns, verb == "patch")
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

/// A Deployment's `scale` subresource (`autoscaling/v1` Scale): read, or a merge patch of
/// `spec.replicas`, which changes the Deployment's.
fn scale(ctx: &Ctx, t: &Target, ns: &str, patch: bool) -> Result<Response<Body>, ApiError> {
    let name = t.name.unwrap_or_default();
    let replicas = if patch {
        let body = body_json(ctx)?;
        Some(
            body["spec"]["replicas"]
                .as_i64()
                .ok_or_else(|| ApiError::bad_request("a scale patch needs spec.replicas"))?,
        )
    } else {
        None
    };
    let res = t.res;
    let deployment = ctx.shared.mutate(|store: &mut Store| {
        let mut doc = store
            .get(res, ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(res, name))?;
        match replicas {
            Some(n) => {
                doc["spec"]["replicas"] = json!(n);
                store.update(res, ns, name, doc, None)
            }
            None => Ok(doc),
        }
    })?;
    Ok(json_response(
        200,
        &json!({
            "apiVersion": "autoscaling/v1", "kind": "Scale",
            "metadata": {"name": name, "namespace": ns,
                         "resourceVersion": deployment["metadata"]["resourceVersion"]},
            "spec": {"replicas": deployment["spec"]["replicas"]},
            "status": {"replicas": deployment["status"]["replicas"].as_i64().unwrap_or(0)},
        }),
    ))
}

pub(super) fn body_json(ctx: &Ctx) -> Result<Value, ApiError> {
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
