//! `pods/log`: the apiserver's checks, the kubelet's choice of container instance and its 400
//! messages, and the text stream (follow, previous, since, tail, timestamps, limitBytes).

use std::sync::PoisonError;

use bytes::Bytes;
use http::Response;
use hyper::body::Frame;
use jiff::Timestamp;
use serde_json::Value;

use super::Fault;
use super::http::{Body, Ctx, cut, stream_response, truthy};
use super::resources::{self, ResourceDef};
use super::status::ApiError;

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
                Bytes::from(format!("{} {l}\n", t.strftime("%Y-%m-%dT%H:%M:%S.%9fZ")))
            } else {
                Bytes::from(format!("{l}\n"))
            }
        })
        .collect()
}

pub(super) fn pod_log(ctx: &Ctx, ns: &str, name: &str) -> Result<Response<Body>, ApiError> {
    let pods = pods_def();
    let (container, instance, restarts) = {
        let store = ctx
            .shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
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
        let mut control = ctx
            .shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
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
                let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
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
