//! The latest Warning events of an app's objects, as `kubectl describe` shows them: a volume that
//! cannot be mounted, a quota that stops the ReplicaSet from creating pods, a scheduler's reasons.
//! Pod and container statuses do not carry these, so without them a stuck rollout has no why.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::Event;
use kube::api::ListParams;
use kube::{Api, Client};
use serde::Serialize;

use crate::cluster::access::AccessError;
use crate::cluster::names;

/// How many distinct warnings are shown: the newest, like the tail of `kubectl describe`.
pub const SHOWN: usize = 5;

/// Warning events with the same reason and message, counted together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub reason: String,
    pub message: String,
    /// `pod/shop-web-7d9f8-x2kq4`, `replicaset/shop-web-7d9f8`: the newest object it was about.
    pub object: String,
    /// How often it happened, over every object.
    pub count: i32,
    /// When it last happened (RFC 3339), empty when the event carries no time.
    pub last_seen: String,
}

/// The newest [`SHOWN`] distinct warnings about `app`'s objects that last
/// happened at or after `since`, newest first.
///
/// # Errors
/// When the events cannot be listed.
pub async fn warnings(
    client: Client,
    namespace: &str,
    app: &str,
    since: Option<jiff::Timestamp>,
) -> Result<Vec<Warning>, AccessError> {
    let events = Api::<Event>::namespaced(client, namespace)
        .list(&ListParams::default().fields("type=Warning"))
        .await
        .map_err(|e| AccessError::from_kube(&e, namespace))?;
    Ok(summarize(&events.items, app, since))
}

/// The pure part of [`warnings`].
#[must_use]
pub fn summarize(events: &[Event], app: &str, since: Option<jiff::Timestamp>) -> Vec<Warning> {
    let mut grouped: BTreeMap<(String, String), (Warning, Option<jiff::Timestamp>)> =
        BTreeMap::new();
    for e in events {
        if e.type_.as_deref() != Some("Warning") {
            continue;
        }
        let name = e.involved_object.name.as_deref().unwrap_or_default();
        if !is_apps(app, name) {
            continue;
        }
        let when = last_seen(e);
        if let (Some(since), Some(when)) = (since, when)
            && when < since
        {
            continue;
        }
        let reason = e.reason.clone().unwrap_or_default();
        let message = e.message.clone().unwrap_or_default().trim().to_owned();
        let object = format!(
            "{}/{name}",
            e.involved_object
                .kind
                .as_deref()
                .unwrap_or("object")
                .to_lowercase()
        );
        let count = e
            .series
            .as_ref()
            .and_then(|s| s.count)
            .or(e.count)
            .unwrap_or(1)
            .max(1);
        let entry = grouped
            .entry((reason.clone(), message.clone()))
            .or_insert_with(|| {
                (
                    Warning {
                        reason,
                        message,
                        object: object.clone(),
                        count: 0,
                        last_seen: String::new(),
                    },
                    None,
                )
            });
        entry.0.count += count;
        if when >= entry.1 {
            entry.1 = when;
            entry.0.object = object;
            entry.0.last_seen = when.map(|t| t.to_string()).unwrap_or_default();
        }
    }
    let mut list: Vec<(Warning, Option<jiff::Timestamp>)> = grouped.into_values().collect();
    list.sort_by_key(|w| std::cmp::Reverse(w.1));
    list.into_iter().take(SHOWN).map(|(w, _)| w).collect()
}

/// Whether `name` is one of `app`'s objects: its Deployments, their ReplicaSets
/// (`<deployment>-<hash>`) and pods (`<deployment>-<hash>-<suffix>`), its volume, Ingress and
/// certificate. Not a bare `<app>-` prefix: app `shop` must not show app `shop-api`'s warnings.
fn is_apps(app: &str, name: &str) -> bool {
    let exact = [
        app.to_owned(),
        names::web_deployment(app),
        names::async_deployment(app),
        names::data_volume(app, false),
        names::data_volume(app, true),
        names::tls_secret(app),
    ];
    if exact.iter().any(|n| n == name) {
        return true;
    }
    [names::web_deployment(app), names::async_deployment(app)]
        .iter()
        .any(|dep| {
            name.strip_prefix(dep.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|rest| !rest.is_empty() && rest.matches('-').count() <= 1)
        })
}

/// The newest time an event carries (events.k8s.io series, `lastTimestamp`, `eventTime`, ...).
fn last_seen(e: &Event) -> Option<jiff::Timestamp> {
    e.series
        .as_ref()
        .and_then(|s| s.last_observed_time.as_ref().map(|t| t.0))
        .or_else(|| e.last_timestamp.as_ref().map(|t| t.0))
        .or_else(|| e.event_time.as_ref().map(|t| t.0))
        .or_else(|| e.first_timestamp.as_ref().map(|t| t.0))
        .or_else(|| e.metadata.creation_timestamp.as_ref().map(|t| t.0))
}

impl Warning {
    /// `FailedMount (x3) on pod/shop-web-7d9f8-x2kq4: MountVolume.SetUp failed ...`.
    #[must_use]
    pub fn describe(&self) -> String {
        let times = if self.count > 1 {
            format!(" (x{})", self.count)
        } else {
            String::new()
        };
        format!(
            "{}{times} on {}: {}",
            self.reason, self.object, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, name: &str, reason: &str, message: &str, count: i32, at: &str) -> Event {
        let yaml = format!(
            "metadata: {{name: {name}.1}}\ninvolvedObject: {{kind: {kind}, name: {name}}}\ntype: {}\nreason: {reason}\nmessage: '{message}'\ncount: {count}\nlastTimestamp: '{at}'\n",
            if reason == "Scheduled" {
                "Normal"
            } else {
                "Warning"
            }
        );
        serde_saphyr::from_str(&yaml).expect("fixture parses")
    }

    // Long because it is one fixture event list and the questions asked of it, read top down.
    #[test]
    fn warnings_are_the_apps_newest_deduplicated_with_counts() {
        let events = vec![
            event(
                "Pod",
                "shop-web-a-1",
                "FailedMount",
                "no volume",
                2,
                "2026-01-01T10:00:00Z",
            ),
            event(
                "Pod",
                "shop-web-a-2",
                "FailedMount",
                "no volume",
                3,
                "2026-01-01T10:05:00Z",
            ),
            event(
                "ReplicaSet",
                "shop-web-a",
                "FailedCreate",
                "exceeded quota",
                1,
                "2026-01-01T10:01:00Z",
            ),
            event(
                "Pod",
                "shop-web-a-1",
                "Scheduled",
                "assigned",
                1,
                "2026-01-01T10:06:00Z",
            ),
            event(
                "Pod",
                "blog-web-b-1",
                "FailedMount",
                "other app",
                1,
                "2026-01-01T10:07:00Z",
            ),
            event(
                "Pod",
                "shop-web-old-1",
                "BackOff",
                "old",
                1,
                "2025-12-31T10:00:00Z",
            ),
        ];
        let since = Some("2026-01-01T00:00:00Z".parse().unwrap());
        let got = summarize(&events, "shop", since);
        assert_eq!(
            got.iter().map(Warning::describe).collect::<Vec<_>>(),
            [
                "FailedMount (x5) on pod/shop-web-a-2: no volume",
                "FailedCreate on replicaset/shop-web-a: exceeded quota",
            ]
        );
        assert_eq!(summarize(&events, "shop", None).len(), 3);
        for (name, ours) in [
            ("shop", true),
            ("shop-web", true),
            ("shop-async-7d9f8", true),
            ("shop-web-7d9f8-x2kq4", true),
            ("shop-data", true),
            ("shop-shared-data", true),
            ("shop-api-web", false),
            ("shop-web-web-7d9f8-x2kq4", false),
            ("shop-web-", false),
            ("shopping-web", false),
        ] {
            assert_eq!(is_apps("shop", name), ours, "{name}");
        }
        let many: Vec<Event> = (0..9)
            .map(|i| {
                event(
                    "Pod",
                    "shop-web-a-1",
                    "BackOff",
                    &format!("m{i}"),
                    1,
                    &format!("2026-01-01T10:0{i}:00Z"),
                )
            })
            .collect();
        let got = summarize(&many, "shop", None);
        assert_eq!(got.len(), SHOWN);
        assert_eq!(got[0].message, "m8");
    }
}
