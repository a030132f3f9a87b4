//! Server-side printing: the `meta.k8s.io/v1 Table` kubectl asks for (`Accept: …;as=Table`), so
//! that `kubectl get` prints the columns it prints against a real cluster. Ported from
//! kubernetes `pkg/printers/internalversion/printers.go` (pods, deployments, replicasets,
//! services, secrets) and the CRD printer columns of Argo CD and sealed-secrets.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::resources::ResourceDef;
use super::store::metadata;

/// `duration.HumanDuration` (k8s.io/apimachinery `pkg/util/duration`).
pub fn human_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

fn since(ts: &Value) -> Option<i64> {
    let t: Timestamp = ts.as_str()?.parse().ok()?;
    Some(Timestamp::now().as_second() - t.as_second())
}

/// `translateTimestampSince`: `<unknown>` without a timestamp.
fn age(ts: &Value) -> String {
    since(ts).map_or_else(|| "<unknown>".into(), human_duration)
}

fn col(name: &str, ty: &str, priority: i64, description: &str) -> Value {
    let mut c = json!({"name": name, "type": ty, "format": "", "description": description, "priority": priority});
    if name == "Name" {
        c["format"] = json!("name");
    }
    c
}

const NAME_DESC: &str = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
const AGE_DESC: &str = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

fn columns(res: &ResourceDef) -> Vec<Value> {
    let name = col("Name", "string", 0, NAME_DESC);
    let age = col("Age", "string", 0, AGE_DESC);
    match res.plural {
        "pods" => vec![
            name,
            col(
                "Ready",
                "string",
                0,
                "The aggregate readiness state of this pod for accepting traffic.",
            ),
            col(
                "Status",
                "string",
                0,
                "The aggregate status of the containers in this pod.",
            ),
            col(
                "Restarts",
                "string",
                0,
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
            ),
            age,
            col(
                "IP",
                "string",
                1,
                "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
            ),
            col(
                "Node",
                "string",
                1,
                "NodeName indicates in which node this pod is scheduled.",
            ),
            col(
                "Nominated Node",
                "string",
                1,
                "nominatedNodeName is set only when this pod preempts other pods on the node.",
            ),
            col(
                "Readiness Gates",
                "string",
                1,
                "If specified, all readiness gates will be evaluated for pod readiness.",
            ),
        ],
        "deployments" => vec![
            name,
            col("Ready", "string", 0, "Number of the pod with ready state"),
            col(
                "Up-to-date",
                "string",
                0,
                "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
            ),
            col(
                "Available",
                "string",
                0,
                "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
            ),
            age,
            col(
                "Containers",
                "string",
                1,
                "Names of each container in the template.",
            ),
            col(
                "Images",
                "string",
                1,
                "Images referenced by each container in the template.",
            ),
            col(
                "Selector",
                "string",
                1,
                "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
            ),
        ],
        "replicasets" => vec![
            name,
            col(
                "Desired",
                "integer",
                0,
                "Replicas is the number of desired replicas.",
            ),
            col(
                "Current",
                "integer",
                0,
                "Replicas is the most recently observed number of replicas.",
            ),
            col(
                "Ready",
                "integer",
                0,
                "The number of ready replicas for this replica set.",
            ),
            age,
            col(
                "Containers",
                "string",
                1,
                "Names of each container in the template.",
            ),
            col(
                "Images",
                "string",
                1,
                "Images referenced by each container in the template.",
            ),
            col(
                "Selector",
                "string",
                1,
                "Selector is a label query over pods that should match the replica count.",
            ),
        ],
        "services" => vec![
            name,
            col(
                "Type",
                "string",
                0,
                "type determines how the Service is exposed.",
            ),
            col(
                "Cluster-IP",
                "string",
                0,
                "clusterIP is the IP address of the service.",
            ),
            col(
                "External-IP",
                "string",
                0,
                "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
            ),
            col(
                "Port(s)",
                "string",
                0,
                "The list of ports that are exposed by this service.",
            ),
            age,
            col(
                "Selector",
                "string",
                1,
                "Route service traffic to pods with label keys and values matching this selector.",
            ),
        ],
        "secrets" => vec![
            name,
            col("Type", "string", 0, "The type of the secret"),
            col("Data", "string", 0, "The number of keys in the data"),
            age,
        ],
        "events" => vec![
            col(
                "Last Seen",
                "string",
                0,
                "The time at which the most recent occurrence of this event was recorded.",
            ),
            col(
                "Type",
                "string",
                0,
                "Type of this event (Normal, Warning), new types could be added in the future",
            ),
            col(
                "Reason",
                "string",
                0,
                "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
            ),
            col(
                "Object",
                "string",
                0,
                "The object that this event is about.",
            ),
            col(
                "Subobject",
                "string",
                1,
                "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].",
            ),
            col(
                "Source",
                "string",
                1,
                "The component reporting this event. Should be a short machine understandable string.",
            ),
            col(
                "Message",
                "string",
                0,
                "A human-readable description of the status of this operation.",
            ),
            col(
                "First Seen",
                "string",
                1,
                "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
            ),
            col(
                "Count",
                "string",
                1,
                "The number of times this event has occurred.",
            ),
            col("Name", "string", 1, NAME_DESC),
        ],
        "applications" => vec![
            col("Name", "string", 0, NAME_DESC),
            col("Sync Status", "string", 0, ""),
            col("Health Status", "string", 0, ""),
            col("Revision", "string", 10, ""),
            col("Project", "string", 10, ""),
        ],
        // The printer columns of the sealed-secrets Helm chart's CRD (since chart 2.x/v0.22;
        // the plain controller.yaml has none, and kubectl would print NAME AGE).
        "sealedsecrets" => vec![
            col("Name", "string", 0, NAME_DESC),
            col("Status", "string", 0, ""),
            col("Synced", "string", 0, ""),
            col("Age", "date", 0, ""),
        ],
        _ => vec![name, age],
    }
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

fn or_none(v: &Value) -> String {
    let out = s(v);
    if out.is_empty() { "<none>".into() } else { out }
}

fn cells(res: &ResourceDef, obj: &Value) -> Vec<Value> {
    let name = json!(obj["metadata"]["name"]);
    let created = &obj["metadata"]["creationTimestamp"];
    match res.plural {
        "pods" => pod_cells(obj),
        "deployments" => {
            let (containers, images) = containers_images(&obj["spec"]["template"]["spec"]);
            vec![
                name,
                json!(format!(
                    "{}/{}",
                    int(&obj["status"]["readyReplicas"]),
                    obj["spec"]["replicas"].as_i64().unwrap_or(1)
                )),
                json!(int(&obj["status"]["updatedReplicas"])),
                json!(int(&obj["status"]["availableReplicas"])),
                json!(age(created)),
                json!(containers),
                json!(images),
                json!(selector(&obj["spec"]["selector"])),
            ]
        }
        "replicasets" => {
            let (containers, images) = containers_images(&obj["spec"]["template"]["spec"]);
            vec![
                name,
                json!(obj["spec"]["replicas"].as_i64().unwrap_or(1)),
                json!(int(&obj["status"]["replicas"])),
                json!(int(&obj["status"]["readyReplicas"])),
                json!(age(created)),
                json!(containers),
                json!(images),
                json!(selector(&obj["spec"]["selector"])),
            ]
        }
        "services" => {
            let ports: Vec<String> = obj["spec"]["ports"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    format!(
                        "{}/{}",
                        int(&p["port"]),
                        p["protocol"].as_str().unwrap_or("TCP")
                    )
                })
                .collect();
            let ports = if ports.is_empty() {
                "<none>".to_owned()
            } else {
                ports.join(",")
            };
            let sel = obj["spec"]["selector"]
                .as_object()
                .map(|m| {
                    let mut kv: Vec<String> =
                        m.iter().map(|(k, v)| format!("{k}={}", s(v))).collect();
                    kv.sort();
                    kv.join(",")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "<none>".into());
            vec![
                name,
                json!(obj["spec"]["type"].as_str().unwrap_or("ClusterIP")),
                json!(or_none(&obj["spec"]["clusterIP"])),
                json!("<none>"),
                json!(ports),
                json!(age(created)),
                json!(sel),
            ]
        }
        "secrets" => vec![
            name,
            json!(obj["type"].as_str().unwrap_or("Opaque")),
            json!(obj["data"].as_object().map_or(0, |m| m.len())),
            json!(age(created)),
        ],
        "events" => {
            let first = if obj["firstTimestamp"].is_null() {
                age(&obj["eventTime"])
            } else {
                age(&obj["firstTimestamp"])
            };
            let last = if obj["lastTimestamp"].is_null() {
                first.clone()
            } else {
                age(&obj["lastTimestamp"])
            };
            let involved = &obj["involvedObject"];
            let kind = s(&involved["kind"]).to_lowercase();
            let target = if s(&involved["name"]).is_empty() {
                kind
            } else {
                format!("{kind}/{}", s(&involved["name"]))
            };
            let component = [
                s(&obj["source"]["component"]),
                s(&obj["reportingComponent"]),
            ]
            .into_iter()
            .find(|c| !c.is_empty())
            .unwrap_or_default();
            let instance = [s(&obj["source"]["host"]), s(&obj["reportingInstance"])]
                .into_iter()
                .find(|c| !c.is_empty())
                .unwrap_or_default();
            let source = match (component.is_empty(), instance.is_empty()) {
                (true, _) => String::new(),
                (false, true) => component,
                (false, false) => format!("{component}, {instance}"),
            };
            vec![
                json!(last),
                json!(s(&obj["type"])),
                json!(s(&obj["reason"])),
                json!(target),
                json!(s(&involved["fieldPath"])),
                json!(source),
                json!(s(&obj["message"]).trim()),
                json!(first),
                json!(obj["count"].as_i64().filter(|c| *c != 0).unwrap_or(1)),
                name,
            ]
        }
        "applications" => vec![
            name,
            json!(s(&obj["status"]["sync"]["status"])),
            json!(s(&obj["status"]["health"]["status"])),
            json!(s(&obj["status"]["sync"]["revision"])),
            json!(s(&obj["spec"]["project"])),
        ],
        "sealedsecrets" => vec![
            name,
            json!(s(&obj["status"]["conditions"][0]["message"])),
            json!(s(&obj["status"]["conditions"][0]["status"])),
            json!(age(created)),
        ],
        _ => vec![name, json!(age(created))],
    }
}

fn containers_images(pod_spec: &Value) -> (String, String) {
    let list = pod_spec["containers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<String> = list.iter().map(|c| s(&c["name"])).collect();
    let images: Vec<String> = list.iter().map(|c| s(&c["image"])).collect();
    (names.join(","), images.join(","))
}

/// `metav1.LabelSelectorAsSelector(...).String()`: requirements sorted by key.
fn selector(sel: &Value) -> String {
    let mut parts: Vec<String> = sel["matchLabels"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", s(v)))
        .collect();
    parts.sort();
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

/// `printPod`: READY, STATUS (with the init-container and waiting-reason rules) and RESTARTS.
fn pod_cells(pod: &Value) -> Vec<Value> {
    let spec = &pod["spec"];
    let status = &pod["status"];
    let empty = Vec::new();
    let containers = spec["containers"].as_array().unwrap_or(&empty);
    let init_specs = spec["initContainers"].as_array().unwrap_or(&empty);
    let restartable = |name: &str| {
        init_specs
            .iter()
            .any(|c| c["name"] == name && c["restartPolicy"] == "Always")
    };
    let mut total = containers.len()
        + init_specs
            .iter()
            .filter(|c| c["restartPolicy"] == "Always")
            .count();
    total = total.max(containers.len());
    let mut ready = 0;
    let mut restarts = 0i64;
    let mut last_restart: Option<Timestamp> = None;
    let mut sidecar_restarts = 0i64;
    let mut sidecar_last: Option<Timestamp> = None;
    let phase = s(&status["phase"]);
    let mut reason = if s(&status["reason"]).is_empty() {
        phase.clone()
    } else {
        s(&status["reason"])
    };
    let later = |acc: Option<Timestamp>, c: &Value| -> Option<Timestamp> {
        let t: Option<Timestamp> = c["lastState"]["terminated"]["finishedAt"]
            .as_str()
            .and_then(|t| t.parse().ok());
        match (acc, t) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    };

    let mut initializing = false;
    let init_statuses = status["initContainerStatuses"].as_array().unwrap_or(&empty);
    for (i, c) in init_statuses.iter().enumerate() {
        restarts += int(&c["restartCount"]);
        last_restart = later(last_restart, c);
        let name = s(&c["name"]);
        if restartable(&name) {
            sidecar_restarts += int(&c["restartCount"]);
            sidecar_last = later(sidecar_last, c);
        }
        let term = &c["state"]["terminated"];
        let waiting = &c["state"]["waiting"];
        if term.is_object() && int(&term["exitCode"]) == 0 {
            continue;
        }
        if restartable(&name) && c["started"] == true {
            if c["ready"] == true {
                ready += 1;
            }
            continue;
        }
        if term.is_object() {
            reason = if s(&term["reason"]).is_empty() {
                if int(&term["signal"]) != 0 {
                    format!("Init:Signal:{}", int(&term["signal"]))
                } else {
                    format!("Init:ExitCode:{}", int(&term["exitCode"]))
                }
            } else {
                format!("Init:{}", s(&term["reason"]))
            };
        } else if waiting.is_object()
            && !s(&waiting["reason"]).is_empty()
            && s(&waiting["reason"]) != "PodInitializing"
        {
            reason = format!("Init:{}", s(&waiting["reason"]));
        } else {
            reason = format!("Init:{i}/{}", init_specs.len());
        }
        initializing = true;
        break;
    }

    let initialized = status["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| c["type"] == "Initialized" && c["status"] == "True");
    if !initializing || initialized {
        restarts = sidecar_restarts;
        last_restart = sidecar_last;
        let mut has_running = false;
        let statuses = status["containerStatuses"].as_array().unwrap_or(&empty);
        for c in statuses.iter().rev() {
            restarts += int(&c["restartCount"]);
            last_restart = later(last_restart, c);
            let waiting = &c["state"]["waiting"];
            let term = &c["state"]["terminated"];
            if waiting.is_object() && !s(&waiting["reason"]).is_empty() {
                reason = s(&waiting["reason"]);
            } else if term.is_object() && !s(&term["reason"]).is_empty() {
                reason = s(&term["reason"]);
            } else if term.is_object() {
                reason = if int(&term["signal"]) != 0 {
                    format!("Signal:{}", int(&term["signal"]))
                } else {
                    format!("ExitCode:{}", int(&term["exitCode"]))
                };
            } else if c["ready"] == true && c["state"]["running"].is_object() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = status["conditions"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| c["type"] == "Ready" && c["status"] == "True");
            reason = if pod_ready {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }
    if !pod["metadata"]["deletionTimestamp"].is_null() {
        if s(&status["reason"]) == "NodeLost" {
            reason = "Unknown".into();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".into();
        }
    }
    let restarts_cell = match last_restart {
        Some(t) if restarts != 0 => {
            format!(
                "{restarts} ({} ago)",
                human_duration(Timestamp::now().as_second() - t.as_second())
            )
        }
        _ => restarts.to_string(),
    };
    let gates = spec["readinessGates"].as_array().map_or(0, Vec::len);
    let gates_cell = if gates == 0 {
        "<none>".to_owned()
    } else {
        let true_gates = spec["readinessGates"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|g| {
                status["conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["type"] == g["conditionType"] && c["status"] == "True")
            })
            .count();
        format!("{true_gates}/{gates}")
    };
    vec![
        json!(pod["metadata"]["name"]),
        json!(format!("{ready}/{total}")),
        json!(reason),
        json!(restarts_cell),
        json!(age(&pod["metadata"]["creationTimestamp"])),
        json!(or_none(&status["podIP"])),
        json!(or_none(&spec["nodeName"])),
        json!(or_none(&status["nominatedNodeName"])),
        json!(gates_cell),
    ]
}

/// A Table of `objects`, each row carrying its PartialObjectMetadata (kubectl's default
/// `includeObject=Metadata`).
pub fn table(res: &ResourceDef, objects: &[Value], list_meta: Value) -> Value {
    let rows: Vec<Value> = objects
        .iter()
        .map(|o| {
            let mut row = json!({
                "cells": cells(res, o),
                "object": {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": metadata(o),
                }
            });
            let phase = o["status"]["phase"].as_str();
            if res.plural == "pods" && matches!(phase, Some("Succeeded") | Some("Failed")) {
                row["conditions"] = json!([{"type": "Completed", "status": "True", "reason": phase, "message": "The pod has completed successfully."}]);
            }
            row
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": list_meta,
        "columnDefinitions": columns(res),
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::human_duration;

    #[test]
    fn ages_read_like_kubectl() {
        for (secs, want) in [
            (0, "0s"),
            (119, "119s"),
            (120, "2m"),
            (150, "2m30s"),
            (900, "15m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 120, "3h2m"),
            (9 * 3600, "9h"),
            (50 * 3600, "2d2h"),
            (10 * 86400, "10d"),
        ] {
            assert_eq!(human_duration(secs), want, "{secs}");
        }
    }
}
