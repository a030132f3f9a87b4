//! The Warning events of an app's objects, as `kubectl describe` shows them: what statuses do
//! not carry (a volume that will not mount, a quota that stops a ReplicaSet creating pods, the
//! scheduler's reasons), newest first, the same reason and message counted once.

use k8s_openapi::api::core::v1::Event;
use kube::api::ListParams;
use kube::{Api, Client};
use serde::Serialize;

/// How many warnings are shown: the newest, as kubectl's describe keeps its list short.
pub const SHOWN: usize = 5;

/// One kind of warning about the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `kind/name` of the object it was last about (`pod/shop-web-7d9f-x2kq4`).
    pub object: String,
    /// The machine-readable reason (`FailedMount`, `FailedCreate`, `FailedScheduling`, ...).
    pub reason: String,
    pub message: String,
    /// How often it happened.
    pub count: i32,
    /// When it last happened (RFC 3339), when the event says.
    pub last_seen: Option<String>,
}

impl Warning {
    /// `3x FailedMount pod/x: message` (the count only when above 1).
    #[must_use]
    pub fn line(&self) -> String {
        let count = if self.count > 1 {
            format!("{}x ", self.count)
        } else {
            String::new()
        };
        format!("{count}{} {}: {}", self.reason, self.object, self.message)
    }
}

/// The app's newest warnings in `namespace` (at most [`SHOWN`]).
///
/// # Errors
/// When the events cannot be listed.
pub async fn warnings(
    client: &Client,
    namespace: &str,
    app: &str,
) -> Result<Vec<Warning>, kube::Error> {
    let events: Api<Event> = Api::namespaced(client.clone(), namespace);
    let list = events
        .list(&ListParams::default().fields("type=Warning"))
        .await?;
    Ok(summarize(&list.items, app, SHOWN))
}

/// The Warning events about `app`'s objects (`<app>` and `<app>-...`), grouped by reason and
/// message, newest first, at most `limit`.
#[must_use]
pub fn summarize(events: &[Event], app: &str, limit: usize) -> Vec<Warning> {
    let prefix = format!("{app}-");
    let mut grouped: Vec<(jiff::Timestamp, Warning)> = Vec::new();
    for event in events {
        if event.type_.as_deref() != Some("Warning") {
            continue;
        }
        let involved = &event.involved_object;
        let name = involved.name.as_deref().unwrap_or_default();
        if name != app && !name.starts_with(&prefix) {
            continue;
        }
        let when = event
            .last_timestamp
            .as_ref()
            .map(|t| t.0)
            .or_else(|| event.event_time.as_ref().map(|t| t.0))
            .or_else(|| event.metadata.creation_timestamp.as_ref().map(|t| t.0))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let object = format!(
            "{}/{name}",
            involved.kind.as_deref().unwrap_or("object").to_lowercase()
        );
        let reason = event.reason.clone().unwrap_or_default();
        let message = event.message.clone().unwrap_or_default().trim().to_owned();
        let count = event.count.unwrap_or(1).max(1);
        match grouped
            .iter_mut()
            .find(|(_, w)| w.reason == reason && w.message == message)
        {
            Some((latest, warning)) => {
                warning.count += count;
                if when > *latest {
                    *latest = when;
                    warning.object = object;
                }
            }
            None => grouped.push((
                when,
                Warning {
                    object,
                    reason,
                    message,
                    count,
                    last_seen: None,
                },
            )),
        }
    }
    grouped.sort_by_key(|(when, _)| std::cmp::Reverse(*when));
    grouped
        .into_iter()
        .take(limit)
        .map(|(when, mut warning)| {
            warning.last_seen = (when != jiff::Timestamp::UNIX_EPOCH).then(|| when.to_string());
            warning
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, object: &str, reason: &str, message: &str, count: i32, at: &str) -> Event {
        let (object_kind, name) = object.split_once('/').unwrap();
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": format!("{name}.{reason}"), "namespace": "shop"},
            "involvedObject": {"kind": object_kind, "name": name, "namespace": "shop"},
            "type": kind,
            "reason": reason,
            "message": message,
            "count": count,
            "lastTimestamp": at,
        }))
        .unwrap()
    }

    #[test]
    fn warnings_of_the_app_are_grouped_newest_first() {
        let events = [
            event(
                "Warning",
                "Pod/shop-web-1-a",
                "FailedMount",
                "volume data: timed out",
                2,
                "2026-11-27T10:00:00Z",
            ),
            event(
                "Normal",
                "Pod/shop-web-1-a",
                "Pulled",
                "image pulled",
                1,
                "2026-11-27T10:05:00Z",
            ),
            event(
                "Warning",
                "ReplicaSet/shop-web-1",
                "FailedCreate",
                "exceeded quota: pods=10",
                1,
                "2026-11-27T10:03:00Z",
            ),
            event(
                "Warning",
                "Pod/shop-web-1-b",
                "FailedMount",
                "volume data: timed out",
                3,
                "2026-11-27T10:04:00Z",
            ),
            event(
                "Warning",
                "Pod/other-web-1-c",
                "FailedMount",
                "not ours",
                1,
                "2026-11-27T10:06:00Z",
            ),
            event(
                "Warning",
                "Ingress/shop",
                "Sync",
                "certificate pending",
                1,
                "2026-11-27T09:00:00Z",
            ),
        ];
        let got = summarize(&events, "shop", 5);
        let lines: Vec<String> = got.iter().map(Warning::line).collect();
        assert_eq!(
            lines,
            [
                "5x FailedMount pod/shop-web-1-b: volume data: timed out",
                "FailedCreate replicaset/shop-web-1: exceeded quota: pods=10",
                "Sync ingress/shop: certificate pending",
            ]
        );
        assert_eq!(got[0].last_seen.as_deref(), Some("2026-11-27T10:04:00Z"));
        assert_eq!(summarize(&events, "shop", 1).len(), 1);
        assert!(
            summarize(&events, "sho", 5).is_empty(),
            "a prefix of the name is not the app"
        );
    }
}
