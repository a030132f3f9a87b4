//! Builders of realistic objects, with the names and labels of `src/cluster/names.rs`, and the
//! state changes the kubelet and the controllers would make (pure functions on JSON, used by the
//! scenario driver and usable directly with [`super::ApiServer::modify`]).
//!
//! Every object is created 15 minutes ago (`AGE 15m` in kubectl, stable for a minute); change it
//! with [`created_ago`].

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use ungleich_django::cluster::names;

use super::NAMESPACE;
use super::store::rfc3339;

/// The namespace Argo CD Applications live in.
pub const ARGOCD_NAMESPACE: &str = "argocd";

fn ago(d: Duration) -> String {
    rfc3339(Timestamp::now() - SignedDuration::try_from(d).expect("duration"))
}

fn default_created() -> String {
    ago(Duration::from_secs(15 * 60))
}

/// Sets `metadata.creationTimestamp` to `d` ago.
pub fn created_ago(mut obj: Value, d: Duration) -> Value {
    obj["metadata"]["creationTimestamp"] = json!(ago(d));
    obj
}

fn labels(app: &str, component: &str) -> Value {
    json!({
        names::LABEL_INSTANCE: app,
        names::LABEL_COMPONENT: component,
        names::LABEL_MANAGED_BY: names::MANAGED_BY,
    })
}

fn pod_spec(component: &str, image: &str) -> Value {
    let container = |name: &str, command: &str| {
        json!({"name": name, "image": image, "command": [command], "imagePullPolicy": "IfNotPresent",
               "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"})
    };
    if component == names::COMPONENT_WEB {
        let mut run = container(names::CONTAINER_RUN, "/run");
        run["ports"] = json!([{"name": "http", "containerPort": 8000, "protocol": "TCP"}]);
        json!({
            "initContainers": [container(names::CONTAINER_INIT, "/init")],
            "containers": [run],
            "restartPolicy": "Always",
            "dnsPolicy": "ClusterFirst",
            "schedulerName": "default-scheduler",
            "terminationGracePeriodSeconds": 30,
        })
    } else {
        json!({
            "containers": [container(names::CONTAINER_ASYNC, "/async")],
            "restartPolicy": "Always",
            "dnsPolicy": "ClusterFirst",
            "schedulerName": "default-scheduler",
            "terminationGracePeriodSeconds": 30,
        })
    }
}

fn deployment(app: &str, component: &str, image: &str, replicas: i64) -> Value {
    let name = format!("{app}-{component}");
    let mut obj = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": name,
            "namespace": NAMESPACE,
            "labels": labels(app, component),
            "annotations": {"deployment.kubernetes.io/revision": "1"},
            "creationTimestamp": default_created(),
            "generation": 1,
        },
        "spec": {
            "replicas": replicas,
            "revisionHistoryLimit": 10,
            "progressDeadlineSeconds": 600,
            "selector": {"matchLabels": {names::LABEL_INSTANCE: app, names::LABEL_COMPONENT: component}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
            "template": {
                "metadata": {"labels": labels(app, component)},
                "spec": pod_spec(component, image),
            },
        },
    });
    set_rolled_out(&mut obj, "0");
    obj
}

/// The web Deployment `<app>-web` (init container `init`, container `run`), rolled out.
pub fn web_deployment(app: &str, image: &str, replicas: i64) -> Value {
    deployment(app, names::COMPONENT_WEB, image, replicas)
}

/// The async Deployment `<app>-async` (container `async`), rolled out.
pub fn async_deployment(app: &str, image: &str, replicas: i64) -> Value {
    deployment(app, names::COMPONENT_ASYNC, image, replicas)
}

/// The ReplicaSet `<app>-<component>-<hash>` of a Deployment, all replicas ready.
pub fn replica_set(app: &str, component: &str, hash: &str, image: &str, replicas: i64) -> Value {
    let deployment = format!("{app}-{component}");
    let mut pod_labels = labels(app, component);
    pod_labels["pod-template-hash"] = json!(hash);
    json!({
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "name": format!("{deployment}-{hash}"),
            "namespace": NAMESPACE,
            "labels": pod_labels,
            "annotations": {"deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": replicas.to_string()},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": deployment, "uid": "00000000-0000-4000-8000-00000000d001", "controller": true, "blockOwnerDeletion": true}],
            "creationTimestamp": default_created(),
            "generation": 1,
        },
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {names::LABEL_INSTANCE: app, names::LABEL_COMPONENT: component, "pod-template-hash": hash}},
            "template": {"metadata": {"labels": pod_labels}, "spec": pod_spec(component, image)},
        },
        "status": {"replicas": replicas, "fullyLabeledReplicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas, "observedGeneration": 1},
    })
}

fn pod(app: &str, component: &str, hash: &str, suffix: &str, image: &str) -> Value {
    let rs = format!("{app}-{component}-{hash}");
    let mut pod_labels = labels(app, component);
    pod_labels["pod-template-hash"] = json!(hash);
    let mut spec = pod_spec(component, image);
    spec["nodeName"] = json!("node-1");
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": format!("{rs}-{suffix}"),
            "generateName": format!("{rs}-"),
            "namespace": NAMESPACE,
            "labels": pod_labels,
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "uid": "00000000-0000-4000-8000-00000000a001", "controller": true, "blockOwnerDeletion": true}],
            "creationTimestamp": default_created(),
        },
        "spec": spec,
        "status": {"phase": "Pending", "hostIP": "10.0.0.1", "podIP": "10.244.0.17", "qosClass": "BestEffort",
                   "startTime": default_created(), "conditions": []},
    })
}

fn status_entry(name: &str, image: &str, state: Value) -> Value {
    json!({"name": name, "image": image, "imageID": "", "ready": false, "restartCount": 0, "started": false, "state": state, "lastState": {}})
}

/// A web pod `<app>-web-<hash>-<suffix>` whose `init` container is running (STATUS `Init:0/1`).
pub fn web_pod(app: &str, hash: &str, suffix: &str, image: &str) -> Value {
    let mut p = pod(app, names::COMPONENT_WEB, hash, suffix, image);
    p["status"]["initContainerStatuses"] = json!([status_entry(
        names::CONTAINER_INIT,
        image,
        json!({"waiting": {"reason": "PodInitializing"}})
    )]);
    p["status"]["containerStatuses"] = json!([status_entry(
        names::CONTAINER_RUN,
        image,
        json!({"waiting": {"reason": "PodInitializing"}})
    )]);
    set_running(&mut p, names::CONTAINER_INIT, false);
    p
}

/// A web pod that has initialised and runs, ready (STATUS `Running`, READY `1/1`).
pub fn running_web_pod(app: &str, hash: &str, suffix: &str, image: &str) -> Value {
    let mut p = web_pod(app, hash, suffix, image);
    set_terminated(&mut p, names::CONTAINER_INIT, 0);
    set_running(&mut p, names::CONTAINER_RUN, true);
    p
}

/// An async pod `<app>-async-<hash>-<suffix>`, running and ready.
pub fn async_pod(app: &str, hash: &str, suffix: &str, image: &str) -> Value {
    let mut p = pod(app, names::COMPONENT_ASYNC, hash, suffix, image);
    p["status"]["containerStatuses"] = json!([status_entry(
        names::CONTAINER_ASYNC,
        image,
        json!({"waiting": {"reason": "ContainerCreating"}})
    )]);
    set_running(&mut p, names::CONTAINER_ASYNC, true);
    p
}

/// The pod-name suffixes [`new_pods`] uses, in order (a ReplicaSet's pods are `<rs>-<suffix>`).
pub const POD_SUFFIXES: [&str; 5] = ["x2kq4", "m8ztw", "q7wzc", "d3e4f", "g5h6i"];

/// The first `n` pods of ReplicaSet `<app>-<component>-<hash>`, just created: a web pod's init
/// container runs (`Init:0/1`), an async pod's container is being created
/// (`ContainerCreating`). Created now.
pub fn new_pods(app: &str, component: &str, hash: &str, image: &str, n: usize) -> Vec<Value> {
    POD_SUFFIXES
        .iter()
        .take(n)
        .map(|suffix| {
            let p = if component == names::COMPONENT_WEB {
                web_pod(app, hash, suffix, image)
            } else {
                let mut p = async_pod(app, hash, suffix, image);
                set_waiting(&mut p, names::CONTAINER_ASYNC, "ContainerCreating", "");
                p
            };
            created_ago(p, Duration::ZERO)
        })
        .collect()
}

/// A new revision of a Deployment's pod template (a push): the image changes, so the
/// generation goes up and the controller has not observed it yet.
pub fn set_new_template(dep: &mut Value, image: &str) {
    for key in ["initContainers", "containers"] {
        if let Some(list) = dep["spec"]["template"]["spec"][key].as_array_mut() {
            for c in list {
                c["image"] = json!(image);
            }
        }
    }
    let revision = dep["metadata"]["annotations"]["deployment.kubernetes.io/revision"]
        .as_str()
        .and_then(|r| r.parse::<i64>().ok())
        .unwrap_or(1);
    dep["metadata"]["annotations"]["deployment.kubernetes.io/revision"] =
        json!((revision + 1).to_string());
}

fn statuses_mut<'a>(pod: &'a mut Value, container: &str) -> &'a mut Value {
    let key = if pod["status"]["initContainerStatuses"]
        .as_array()
        .is_some_and(|a| a.iter().any(|c| c["name"] == container))
    {
        "initContainerStatuses"
    } else {
        "containerStatuses"
    };
    let list = pod["status"][key]
        .as_array_mut()
        .unwrap_or_else(|| panic!("pod has no {key}"));
    list.iter_mut()
        .find(|c| c["name"] == container)
        .unwrap_or_else(|| panic!("pod has no container {container}"))
}

fn container_id(pod: &Value, container: &str, restarts: i64) -> String {
    format!(
        "containerd://{:0>16}{:0>48}",
        format!(
            "{:x}",
            pod["metadata"]["name"].as_str().unwrap_or("").len() * 131 + container.len()
        ),
        format!("{restarts:x}")
    )
}

fn now() -> String {
    rfc3339(Timestamp::now())
}

/// The container runs (and is ready when `ready`).
pub fn set_running(pod: &mut Value, container: &str, ready: bool) {
    let restarts = pod_restarts(pod, container);
    let id = container_id(pod, container, restarts);
    let c = statuses_mut(pod, container);
    c["state"] = json!({"running": {"startedAt": now()}});
    c["ready"] = json!(ready);
    c["started"] = json!(true);
    c["containerID"] = json!(id);
    recompute_pod(pod);
}

/// The container exited with `exit_code` (reason `Completed` for 0, `Error` otherwise).
pub fn set_terminated(pod: &mut Value, container: &str, exit_code: i64) {
    let restarts = pod_restarts(pod, container);
    let id = container_id(pod, container, restarts);
    let c = statuses_mut(pod, container);
    let started = c["state"]["running"]["startedAt"]
        .as_str()
        .map_or_else(now, str::to_owned);
    let reason = if exit_code == 0 { "Completed" } else { "Error" };
    c["state"] = json!({"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": now(), "containerID": id}});
    c["ready"] = json!(false);
    c["started"] = json!(false);
    c["containerID"] = json!(id);
    recompute_pod(pod);
}

/// The container waits (`ErrImagePull`, `ImagePullBackOff`, `CrashLoopBackOff`, ...).
pub fn set_waiting(pod: &mut Value, container: &str, reason: &str, message: &str) {
    let c = statuses_mut(pod, container);
    let mut waiting = json!({"reason": reason});
    if !message.is_empty() {
        waiting["message"] = json!(message);
    }
    c["state"] = json!({"waiting": waiting});
    c["ready"] = json!(false);
    c["started"] = json!(false);
    recompute_pod(pod);
}

fn pod_restarts(pod: &Value, container: &str) -> i64 {
    ["initContainerStatuses", "containerStatuses"]
        .iter()
        .filter_map(|k| pod["status"][k].as_array())
        .flatten()
        .find(|c| c["name"] == container)
        .and_then(|c| c["restartCount"].as_i64())
        .unwrap_or(0)
}

/// The container crashed with `exit_code` and was restarted: `lastState.terminated`, one more
/// restart, and now `waiting` with `reason` (`CrashLoopBackOff`) or running again if `reason` is
/// empty. The log store moves the current log to `--previous` when the scenario does this.
pub fn restart_container(pod: &mut Value, container: &str, exit_code: i64, reason: &str) {
    let restarts = pod_restarts(pod, container);
    let id = container_id(pod, container, restarts);
    let c = statuses_mut(pod, container);
    let started = c["state"]["running"]["startedAt"]
        .as_str()
        .map_or_else(now, str::to_owned);
    c["lastState"] = json!({"terminated": {"exitCode": exit_code, "reason": if exit_code == 0 { "Completed" } else { "Error" }, "startedAt": started, "finishedAt": now(), "containerID": id}});
    c["restartCount"] = json!(restarts + 1);
    if reason.is_empty() {
        set_running(pod, container, true);
    } else {
        let message = if reason == "CrashLoopBackOff" {
            let name = pod["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let uid = pod["metadata"]["uid"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            format!(
                "back-off 10s restarting failed container={container} pod={name}_{ns}({uid})",
                ns = pod["metadata"]["namespace"].as_str().unwrap_or_default()
            )
        } else {
            String::new()
        };
        set_waiting(pod, container, reason, &message);
    }
}

fn condition(kind: &str, ok: bool) -> Value {
    json!({"type": kind, "status": if ok { "True" } else { "False" }, "lastProbeTime": null, "lastTransitionTime": now()})
}

/// Phase and conditions from the container states, as the kubelet derives them.
fn recompute_pod(pod: &mut Value) {
    let empty = Vec::new();
    let inits = pod["status"]["initContainerStatuses"]
        .as_array()
        .unwrap_or(&empty);
    let initialized = inits
        .iter()
        .all(|c| c["state"]["terminated"]["exitCode"] == 0);
    let containers = pod["status"]["containerStatuses"]
        .as_array()
        .unwrap_or(&empty);
    let ready =
        initialized && !containers.is_empty() && containers.iter().all(|c| c["ready"] == true);
    let running = containers.iter().any(|c| c["state"]["running"].is_object());
    let mut conditions = vec![
        condition("PodReadyToStartContainers", true),
        condition("Initialized", initialized),
    ];
    let mut ready_c = condition("Ready", ready);
    let mut cont_c = condition("ContainersReady", ready);
    if !ready {
        let not_ready: Vec<String> = containers
            .iter()
            .filter(|c| c["ready"] != true)
            .filter_map(|c| c["name"].as_str().map(str::to_owned))
            .collect();
        let message = format!("containers with unready status: [{}]", not_ready.join(" "));
        for c in [&mut ready_c, &mut cont_c] {
            c["reason"] = json!("ContainersNotReady");
            c["message"] = json!(message);
        }
    }
    if !initialized {
        let pending: Vec<String> = inits
            .iter()
            .filter(|c| c["state"]["terminated"]["exitCode"] != 0)
            .filter_map(|c| c["name"].as_str().map(str::to_owned))
            .collect();
        conditions[1]["reason"] = json!("ContainersNotInitialized");
        conditions[1]["message"] = json!(format!(
            "containers with incomplete status: [{}]",
            pending.join(" ")
        ));
    }
    conditions.extend([ready_c, cont_c, condition("PodScheduled", true)]);
    pod["status"]["conditions"] = json!(conditions);
    pod["status"]["phase"] = json!(if initialized && running {
        "Running"
    } else {
        "Pending"
    });
}

/// A namespace, active.
pub fn namespace(name: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name, "labels": {"kubernetes.io/metadata.name": name}, "creationTimestamp": ago(Duration::from_secs(30 * 86400))},
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    })
}

/// An Event about `involved` (a Pod, Deployment, ...), recorded now: `Warning`/`Normal`, a
/// reason (`Failed`, `BackOff`, `Pulling`, `ProgressDeadlineExceeded`, ...) and a message. Pod
/// events come from the kubelet on node-1, others from their controller.
pub fn event(involved: &Value, kind: &str, reason: &str, message: &str) -> Value {
    let meta = &involved["metadata"];
    let name = meta["name"].as_str().unwrap_or_default();
    let object_kind = involved["kind"].as_str().unwrap_or_default();
    let source = match object_kind {
        "Pod" => json!({"component": "kubelet", "host": "node-1"}),
        "Deployment" => json!({"component": "deployment-controller"}),
        "ReplicaSet" => json!({"component": "replicaset-controller"}),
        _ => json!({}),
    };
    let stamp = now();
    let unique = reason.len() * 7919 + message.len() * 104_729 + name.len();
    json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": format!("{name}.{unique:016x}"), "namespace": meta["namespace"], "creationTimestamp": stamp},
        "involvedObject": {"apiVersion": involved["apiVersion"], "kind": object_kind, "name": name,
                           "namespace": meta["namespace"], "uid": meta["uid"], "resourceVersion": meta["resourceVersion"]},
        "type": kind,
        "reason": reason,
        "message": message,
        "source": source,
        "firstTimestamp": stamp,
        "lastTimestamp": stamp,
        "count": 1,
        "reportingComponent": source["component"],
        "reportingInstance": source["host"].as_str().unwrap_or(""),
    })
}

/// A ClusterIP Service with one named port.
pub fn service(namespace: &str, name: &str, port_name: &str, port: i64) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": namespace, "creationTimestamp": default_created()},
        "spec": {
            "type": "ClusterIP",
            "clusterIP": "10.96.0.42",
            "clusterIPs": ["10.96.0.42"],
            "ports": [{"name": port_name, "port": port, "protocol": "TCP", "targetPort": port}],
            "selector": {"name": name},
            "sessionAffinity": "None",
        },
        "status": {"loadBalancer": {}},
    })
}

/// An Argo CD Application `name` in `argocd`, with a sync status, revision and health.
pub fn application(name: &str, sync: &str, revision: &str, health: &str) -> Value {
    let mut app = json!({
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Application",
        "metadata": {"name": name, "namespace": ARGOCD_NAMESPACE, "creationTimestamp": default_created()},
        "spec": {
            "project": "default",
            "source": {"repoURL": format!("https://git.example.com/{name}-deploy.git"), "path": ".", "targetRevision": "HEAD"},
            "destination": {"server": "https://kubernetes.default.svc", "namespace": NAMESPACE},
            "syncPolicy": {"automated": {"prune": true, "selfHeal": true}},
        },
    });
    set_application(&mut app, sync, revision, health);
    app
}

/// The Application's `status.sync` and `status.health`, and an operation state that matches
/// (`Running` while OutOfSync, `Succeeded` once Synced).
pub fn set_application(app: &mut Value, sync: &str, revision: &str, health: &str) {
    app["status"]["sync"] = json!({"status": sync, "revision": revision, "comparedTo": {"source": app["spec"]["source"].clone(), "destination": app["spec"]["destination"].clone()}});
    app["status"]["health"] = json!({"status": health});
    let phase = if sync == "Synced" {
        "Succeeded"
    } else {
        "Running"
    };
    let message = if sync == "Synced" {
        "successfully synced (all tasks run)"
    } else {
        "waiting for completion of hook and 2 more resources"
    };
    app["status"]["operationState"] = json!({
        "phase": phase, "message": message, "startedAt": now(),
        "operation": {"sync": {"revision": revision}},
        "syncResult": {"revision": revision},
    });
    if sync == "Synced" {
        app["status"]["operationState"]["finishedAt"] = json!(now());
    }
    app["status"]["reconciledAt"] = json!(now());
}

/// A SealedSecret `name` with encrypted keys, unsealed successfully.
pub fn sealed_secret(namespace: &str, name: &str, keys: &[&str]) -> Value {
    let data: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| ((*k).to_owned(), json!("AgBy3i4OJSWK+PiTySYZZA==")))
        .collect();
    json!({
        "apiVersion": "bitnami.com/v1alpha1",
        "kind": "SealedSecret",
        "metadata": {"name": name, "namespace": namespace, "creationTimestamp": default_created(), "generation": 1},
        "spec": {"encryptedData": data, "template": {"metadata": {"name": name, "namespace": namespace}, "type": "Opaque"}},
        "status": {"observedGeneration": 1, "conditions": [{"type": "Synced", "status": "True", "lastTransitionTime": default_created(), "lastUpdateTime": default_created()}]},
    })
}

fn deployment_condition(kind: &str, ok: bool, reason: &str, message: &str) -> Value {
    json!({"type": kind, "status": if ok { "True" } else { "False" }, "reason": reason, "message": message,
           "lastUpdateTime": now(), "lastTransitionTime": now()})
}

fn rs_name(dep: &Value, hash: &str) -> String {
    format!(
        "{}-{hash}",
        dep["metadata"]["name"].as_str().unwrap_or_default()
    )
}

fn replicas(dep: &Value) -> i64 {
    dep["spec"]["replicas"].as_i64().unwrap_or(1)
}

/// The controller observed the current generation and the rollout is complete.
pub fn set_rolled_out(dep: &mut Value, hash: &str) {
    let n = replicas(dep);
    let rs = rs_name(dep, hash);
    dep["status"] = json!({
        "observedGeneration": dep["metadata"]["generation"].as_i64().unwrap_or(1),
        "replicas": n, "updatedReplicas": n, "readyReplicas": n, "availableReplicas": n,
        "conditions": [
            deployment_condition("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability."),
            deployment_condition("Progressing", true, "NewReplicaSetAvailable", &format!("ReplicaSet \"{rs}\" has successfully progressed.")),
        ],
    });
}

/// The controller observed the current generation; `updated` new pods exist, `available` of them
/// are available, and `old` old pods are still there.
pub fn set_progressing(dep: &mut Value, hash: &str, updated: i64, available: i64, old: i64) {
    let n = replicas(dep);
    let rs = rs_name(dep, hash);
    dep["status"] = json!({
        "observedGeneration": dep["metadata"]["generation"].as_i64().unwrap_or(1),
        "replicas": updated + old, "updatedReplicas": updated, "readyReplicas": available + old, "availableReplicas": available + old,
        "unavailableReplicas": (n - available - old).max(0),
        "conditions": [
            deployment_condition("Available", available + old >= n, if available + old >= n { "MinimumReplicasAvailable" } else { "MinimumReplicasUnavailable" },
                if available + old >= n { "Deployment has minimum availability." } else { "Deployment does not have minimum availability." }),
            deployment_condition("Progressing", true, "ReplicaSetUpdated", &format!("ReplicaSet \"{rs}\" is progressing.")),
        ],
    });
}

/// The rollout exceeded `progressDeadlineSeconds`.
pub fn set_progress_deadline_exceeded(dep: &mut Value, hash: &str) {
    let n = replicas(dep);
    let rs = rs_name(dep, hash);
    dep["status"] = json!({
        "observedGeneration": dep["metadata"]["generation"].as_i64().unwrap_or(1),
        "replicas": n, "updatedReplicas": n, "readyReplicas": 0, "availableReplicas": 0, "unavailableReplicas": n,
        "conditions": [
            deployment_condition("Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
            deployment_condition("Progressing", false, "ProgressDeadlineExceeded", &format!("ReplicaSet \"{rs}\" has timed out progressing.")),
        ],
    });
}
