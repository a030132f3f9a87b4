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

#[derive(Clone, Copy)]
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
    let cut_at = {
        let mut control = ctx
            .shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // A 5xx on a log request: the kubelet unreachable or restarting.
        if let Some(i) = control
            .faults
            .iter()
            .position(|f| matches!(f, Fault::LogStatus(_)))
            && let Fault::LogStatus(code) = control.faults.remove(i)
        {
            return Err(if code == 500 {
                ApiError::internal("Internal error occurred: injected fault on pods/log")
            } else {
                ApiError::busy(code)
            });
        }
        let drop = control
            .faults
            .iter()
            .position(|f| matches!(f, Fault::DropLogAfter(_) | Fault::DropLogMidLine(_)));
        drop.map(|i| match control.faults.remove(i) {
            Fault::DropLogMidLine(n) => Cut::MidLine(n),
            Fault::DropLogAfter(n) => Cut::After(n),
            _ => unreachable!("only log cuts are picked"),
        })
    };
    let shared = ctx.shared.clone();
    let stream = LogStream {
        ns: ns.to_owned(),
        pod: name.to_owned(),
        container,
        instance,
        restarts,
        options,
        follow,
        cut_at,
    };
    let (tx, resp) = stream_response("text/plain");
    tokio::spawn(stream.serve(shared, tx));
    Ok(resp)
}

/// Where an injected fault cuts a log stream.
#[derive(Clone, Copy)]
enum Cut {
    /// After this many whole lines.
    After(usize),
    /// After this many whole lines and half of the next one.
    MidLine(usize),
}

/// One log request being answered.
struct LogStream {
    ns: String,
    pod: String,
    container: String,
    instance: Instance,
    /// The container's restart count when the request came: the instance it reads.
    restarts: Option<Value>,
    options: LogOptions,
    follow: bool,
    cut_at: Option<Cut>,
}

impl LogStream {
    /// The lines not yet sent (from `sent` on) and whether the stream ends after them. Renders
    /// only the new lines under the lock: a soak's logs grow to hundreds of thousands of lines.
    fn next_chunks(
        &self,
        store: &super::store::Store,
        sent: &mut Option<usize>,
    ) -> (Vec<Bytes>, bool) {
        let pods = pods_def();
        let log = store.log_ref(&self.ns, &self.pod, &self.container);
        let pod = store.get(pods, &self.ns, &self.pod);
        let status = pod.and_then(|p| container_status(p, &self.container));
        let count = status.map(|s| s["restartCount"].clone());
        let empty = Vec::new();
        let current = log.map_or(&empty, |l| &l.current);
        let previous = log.map_or(&empty, |l| &l.previous);
        let (lines, done) = match self.instance {
            Instance::Previous => (previous, true),
            Instance::Current if count != self.restarts => {
                // The container restarted: the instance this stream read is now the previous
                // log, which the kubelet's follow reads to its end; after a second restart it
                // is gone.
                let once = self
                    .restarts
                    .as_ref()
                    .and_then(Value::as_i64)
                    .map(|r| r + 1);
                if count.as_ref().and_then(Value::as_i64) == once {
                    (previous, true)
                } else {
                    (&empty, true)
                }
            }
            Instance::Current => {
                let exited = status.is_none_or(|s| !s["state"]["running"].is_object());
                let ended = log.is_some_and(|l| l.ended);
                (current, ended || exited || pod.is_none())
            }
        };
        // tailLines and the since filters apply to the log as it was when the request came;
        // later lines of a followed log all follow.
        let rendered = match *sent {
            None => render_lines(lines, &self.options),
            Some(n) => {
                let o = LogOptions {
                    tail: None,
                    since: None,
                    ..self.options
                };
                render_lines(&lines[n.min(lines.len())..], &o)
            }
        };
        *sent = Some(lines.len().max(sent.unwrap_or(0)));
        (rendered, done || !self.follow)
    }

    async fn serve(
        self,
        shared: std::sync::Arc<super::Shared>,
        tx: tokio::sync::mpsc::Sender<super::http::Chunk>,
    ) {
        let mut changed = shared.changed.subscribe();
        let mut sent = None;
        let mut lines_out = 0usize;
        let mut bytes_out = 0usize;
        let slow = shared
            .control
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .slow_logs;
        loop {
            let (chunks, done) = {
                let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
                self.next_chunks(&store, &mut sent)
            };
            for chunk in chunks {
                if let Some(d) = slow {
                    tokio::time::sleep(d).await;
                }
                match self.cut_at {
                    Some(Cut::After(n)) if lines_out >= n => {
                        cut(&tx, "log connection dropped (injected fault)").await;
                        return;
                    }
                    Some(Cut::MidLine(n)) if lines_out >= n => {
                        let half = chunk.slice(..chunk.len() / 2);
                        let _ = tx.send(Ok(Frame::data(half))).await;
                        cut(&tx, "log connection dropped mid-line (injected fault)").await;
                        return;
                    }
                    _ => {}
                }
                let chunk = match self.options.limit_bytes {
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
    }
}
