//! Collections: list (selectors, limit/continue, Tables) and watch (chunked JSON events from a
//! resourceVersion, initial events, bookmarks, 410 for what compaction forgot, injected cuts).

use std::sync::PoisonError;

use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::Response;
use hyper::body::Frame;
use serde_json::{Value, json};

use super::Fault;
use super::http::{Body, Ctx, Target, cut, json_response, stream_response, take_fault, truthy};
use super::selectors::{FieldSelector, LabelSelector};
use super::status::ApiError;
use super::store::EventType;
use super::table;

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

pub(super) fn list(ctx: &Ctx, t: &Target) -> Result<Response<Body>, ApiError> {
    let filter = Filter::from(ctx)?;
    let store = ctx
        .shared
        .store
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
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

pub(super) fn watch(ctx: &Ctx, t: &Target) -> Result<Response<Body>, ApiError> {
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
    // Streaming lists (client-go's WatchList, kube's `streaming_lists`): the current state as
    // ADDED events, then a bookmark that marks the end of the initial events.
    let initial_events = truthy(ctx.params.get("sendInitialEvents"));
    let gone = take_fault(ctx, |f| matches!(f, Fault::Gone410)).is_some();
    let drop_after = match take_fault(ctx, |f| matches!(f, Fault::DropWatchAfter(_))) {
        Some(Fault::DropWatchAfter(n)) => Some(n),
        _ => None,
    };
    let cuts = ctx
        .shared
        .control
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .watch_cuts;
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
            let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
            let rv = store.resource_version();
            match requested_rv.as_deref().map(str::parse::<u64>) {
                Some(Ok(n)) if initial_events && n != 0 && n < store.oldest() => {
                    Err(ApiError::expired(format!(
                        "too old resource version: {n} ({})",
                        store.oldest()
                    ))
                    .body)
                }
                _ if initial_events => {
                    let objs: Vec<Value> = store
                        .list(res, ns.as_deref())
                        .filter(|o| filter.matches(o))
                        .cloned()
                        .collect();
                    Ok((rv, objs))
                }
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
        if initial_events && bookmarks {
            let bookmark = json!({
                "kind": res.kind,
                "apiVersion": res.api_version(),
                "metadata": {
                    "resourceVersion": last.to_string(),
                    "creationTimestamp": null,
                    "annotations": {"k8s.io/initial-events-end": "true"},
                }
            });
            if tx
                .send(Ok(Frame::data(event_line("BOOKMARK", &bookmark))))
                .await
                .is_err()
            {
                return;
            }
        }
        loop {
            let cut_now = shared
                .control
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .watch_cuts
                != cuts;
            if cut_now {
                cut(&tx, "watch connection cut (injected fault)").await;
                return;
            }
            let batch: Vec<(&'static str, Value)> = {
                let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
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
