//! The services proxy: `/api/v1/namespaces/NS/services/[scheme:]NAME[:PORT]/proxy/PATH`, answered
//! by the handler a test registered for the Service.

use std::sync::PoisonError;

use http::{Response, StatusCode, header};

use super::ProxyRequest;
use super::http::{Body, Ctx, full};
use super::resources;
use super::status::ApiError;

pub(super) fn service_proxy(
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
        let store = ctx
            .shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
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
        let control = ctx
            .shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
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
