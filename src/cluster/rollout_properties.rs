//! Property tests of the rollout state machine (issue 19): whatever order the watches deliver
//! Deployment and pod events in, the release follower's decision ([`Rollout::of`], with the
//! pods' diagnosis, as [`verdict::judge`] assembles it) is the one kubectl's `rollout status`
//! rule reaches on the same objects. The reference rule is written here again from kubectl's
//! source (`kubectl/pkg/polymorphichelpers/rollout_status.go`, `DeploymentStatusViewer`), not
//! from ours, so that the two can disagree.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use proptest::prelude::*;
use serde_json::json;

use super::rollout::Rollout;
use super::verdict::{self, Verdict};

/// What kubectl's rule says about one Deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kubectl {
    /// "Waiting for deployment spec update to be observed..."
    NotObserved,
    /// "N out of M new replicas have been updated..."
    Updating,
    /// "N old replicas are pending termination..."
    OldPending,
    /// "N of M updated replicas are available..."
    Unavailable,
    /// "successfully rolled out"
    Done,
    /// error: "exceeded its progress deadline"
    Deadline,
}

/// One Deployment as the generators make it; `None` is a field the API server left out.
#[derive(Debug, Clone)]
struct DeploymentState {
    generation: Option<i64>,
    spec_replicas: Option<i32>,
    /// `None`: no status written yet.
    status: Option<StatusState>,
    /// The template's image is the one app.yaml asks for.
    new_image: bool,
}

#[derive(Debug, Clone)]
struct StatusState {
    observed: Option<i64>,
    replicas: Option<i32>,
    updated: Option<i32>,
    available: Option<i32>,
    /// `(type, reason)` of each condition, in order.
    conditions: Vec<(&'static str, &'static str)>,
}

/// kubectl's rule, transcribed: Go's zero values stand for absent fields.
fn kubectl(d: &DeploymentState) -> Kubectl {
    let status = d.status.clone().unwrap_or(StatusState {
        observed: None,
        replicas: None,
        updated: None,
        available: None,
        conditions: Vec::new(),
    });
    if d.generation.unwrap_or(0) > status.observed.unwrap_or(0) {
        return Kubectl::NotObserved;
    }
    // GetDeploymentCondition: the first condition of the type.
    let progressing = status.conditions.iter().find(|(t, _)| *t == "Progressing");
    if progressing.is_some_and(|(_, reason)| *reason == "ProgressDeadlineExceeded") {
        return Kubectl::Deadline;
    }
    let (replicas, updated, available) = (
        status.replicas.unwrap_or(0),
        status.updated.unwrap_or(0),
        status.available.unwrap_or(0),
    );
    if d.spec_replicas.is_some_and(|want| updated < want) {
        Kubectl::Updating
    } else if replicas > updated {
        Kubectl::OldPending
    } else if available < updated {
        Kubectl::Unavailable
    } else {
        Kubectl::Done
    }
}

fn ours(rollout: &Rollout) -> Kubectl {
    match rollout {
        Rollout::NotObserved => Kubectl::NotObserved,
        Rollout::Updating { .. } => Kubectl::Updating,
        Rollout::OldPending { .. } => Kubectl::OldPending,
        Rollout::Unavailable { .. } => Kubectl::Unavailable,
        Rollout::Complete => Kubectl::Done,
        Rollout::DeadlineExceeded { .. } => Kubectl::Deadline,
    }
}

const NEW_IMAGE: &str = "registry.example.com/acme/shop:2";
const OLD_IMAGE: &str = "registry.example.com/acme/shop:1";

fn image(new: bool) -> &'static str {
    if new { NEW_IMAGE } else { OLD_IMAGE }
}

/// The Deployment `shop-<component>` in state `d`.
fn deployment(component: &str, d: &DeploymentState) -> Deployment {
    let container = if component == "web" { "run" } else { "async" };
    let mut value = json!({
        "metadata": {
            "name": format!("shop-{component}"),
            "labels": {"app.kubernetes.io/component": component},
        },
        "spec": {
            "selector": {},
            "template": {"spec": {"containers": [{"name": container, "image": image(d.new_image)}]}},
        },
    });
    if let Some(generation) = d.generation {
        value["metadata"]["generation"] = json!(generation);
    }
    if let Some(replicas) = d.spec_replicas {
        value["spec"]["replicas"] = json!(replicas);
    }
    if let Some(s) = &d.status {
        let conditions: Vec<_> = s
            .conditions
            .iter()
            .map(|(t, reason)| json!({"type": t, "status": "True", "reason": reason}))
            .collect();
        let mut status = json!({"conditions": conditions});
        for (key, field) in [
            ("replicas", s.replicas),
            ("updatedReplicas", s.updated),
            ("availableReplicas", s.available),
        ] {
            if let Some(n) = field {
                status[key] = json!(n);
            }
        }
        if let Some(observed) = s.observed {
            status["observedGeneration"] = json!(observed);
        }
        value["status"] = status;
    }
    serde_json::from_value(value).expect("a Deployment")
}

/// A pod of the app as the generators make it.
#[derive(Debug, Clone)]
struct PodState {
    web: bool,
    new_image: bool,
    terminating: bool,
    /// The init container's exit code, once it ended.
    init_exit: Option<i32>,
    /// Why the main container waits (`None`: it runs).
    waiting: Option<&'static str>,
}

/// The failure kubectl's rule knows nothing of: a pod that will not start on its own, as
/// `deploy` documents each class. A pod on its way out fails nothing.
fn pod_failure(p: &PodState) -> Option<&'static str> {
    if p.terminating {
        return None;
    }
    if p.init_exit.is_some_and(|code| code != 0) {
        return Some("migration-failed");
    }
    match p.waiting {
        Some("ImagePullBackOff" | "ErrImagePull") => Some("image-pull"),
        Some("CrashLoopBackOff") => Some("crash-loop"),
        _ => None,
    }
}

fn pod(name: &str, p: &PodState) -> Pod {
    let (component, container) = if p.web {
        ("web", "run")
    } else {
        ("async", "async")
    };
    let state = match p.waiting {
        Some(reason) => json!({"waiting": {"reason": reason}}),
        None => json!({"running": {}}),
    };
    let mut value = json!({
        "metadata": {"name": name, "labels": {"app.kubernetes.io/component": component}},
        "spec": {"containers": [{"name": container, "image": image(p.new_image)}]},
        "status": {
            "containerStatuses": [{
                "name": container, "image": image(p.new_image), "imageID": "",
                "ready": p.waiting.is_none(), "restartCount": 3, "state": state,
            }],
        },
    });
    if let Some(code) = p.init_exit {
        value["status"]["initContainerStatuses"] = json!([{
            "name": "init", "image": image(p.new_image), "imageID": "", "ready": code == 0,
            "restartCount": 0, "state": {"terminated": {"exitCode": code}},
        }]);
    }
    if p.terminating {
        value["metadata"]["deletionTimestamp"] = json!("2026-12-06T00:00:00Z");
    }
    serde_json::from_value(value).expect("a Pod")
}

/// What the whole release comes to on one snapshot, by kubectl's rule per Deployment (web
/// first, as the follower looks), each Deployment's failing new pods before its counts.
fn reference(deployments: &[(&str, DeploymentState)], pods: &[(String, PodState)]) -> String {
    if deployments.is_empty() && pods.is_empty() {
        return "not-found".to_owned();
    }
    let mut waiting = deployments.is_empty();
    for (component, d) in deployments {
        let mine = |p: &&(String, PodState)| {
            p.1.web == (*component == "web") && p.1.new_image == d.new_image
        };
        if let Some(failure) = pods.iter().filter(mine).find_map(|(_, p)| pod_failure(p)) {
            return failure.to_owned();
        }
        match kubectl(d) {
            Kubectl::Deadline => return "progress-deadline".to_owned(),
            Kubectl::Done => waiting |= !d.new_image,
            _ => waiting = true,
        }
    }
    if waiting { "rolling-out" } else { "live" }.to_owned()
}

fn judged(deployments: &[(&str, DeploymentState)], pods: &[(String, PodState)]) -> String {
    let deployments: Vec<Deployment> = deployments.iter().map(|(c, d)| deployment(c, d)).collect();
    let pods: Vec<Pod> = pods.iter().map(|(name, p)| pod(name, p)).collect();
    match verdict::judge("shop", &deployments, &pods, Some(NEW_IMAGE)) {
        Verdict::Live => "live".to_owned(),
        Verdict::RollingOut { .. } => "rolling-out".to_owned(),
        Verdict::Failed { failure, .. } => failure.to_owned(),
        Verdict::NotFound => "not-found".to_owned(),
    }
}

fn status_state() -> impl Strategy<Value = StatusState> {
    let count = || proptest::option::weighted(0.9, 0..4i32);
    let condition = prop_oneof![
        Just(("Progressing", "ProgressDeadlineExceeded")),
        Just(("Progressing", "NewReplicaSetAvailable")),
        Just(("Progressing", "ReplicaSetUpdated")),
        Just(("Available", "MinimumReplicasAvailable")),
        Just(("Available", "ProgressDeadlineExceeded")),
    ];
    (
        proptest::option::weighted(0.9, 0..4i64),
        count(),
        count(),
        count(),
        proptest::collection::vec(condition, 0..3),
    )
        .prop_map(
            |(observed, replicas, updated, available, conditions)| StatusState {
                observed,
                replicas,
                updated,
                available,
                conditions,
            },
        )
}

fn deployment_state() -> impl Strategy<Value = DeploymentState> {
    (
        proptest::option::weighted(0.9, 0..4i64),
        proptest::option::weighted(0.9, 0..4i32),
        proptest::option::weighted(0.9, status_state()),
        proptest::bool::weighted(0.8),
    )
        .prop_map(
            |(generation, spec_replicas, status, new_image)| DeploymentState {
                generation,
                spec_replicas,
                status,
                new_image,
            },
        )
}

fn pod_state() -> impl Strategy<Value = PodState> {
    let waiting = prop_oneof![
        4 => Just(None),
        1 => Just(Some("ContainerCreating")),
        1 => Just(Some("ImagePullBackOff")),
        1 => Just(Some("ErrImagePull")),
        1 => Just(Some("CrashLoopBackOff")),
    ];
    (
        any::<bool>(),
        proptest::bool::weighted(0.7),
        proptest::bool::weighted(0.2),
        proptest::option::weighted(0.3, prop_oneof![Just(0), Just(1), Just(2)]),
        waiting,
    )
        .prop_map(
            |(web, new_image, terminating, init_exit, waiting)| PodState {
                web,
                new_image,
                terminating,
                init_exit,
                waiting,
            },
        )
}

/// One watch event: a Deployment's new state, a pod's new state, or a pod deleted.
#[derive(Debug, Clone)]
enum Change {
    Deployment(usize, DeploymentState),
    Pod(usize, Option<PodState>),
}

/// Each object's own events in order (a watch keeps one object's events in order).
fn histories() -> impl Strategy<Value = Vec<Vec<Change>>> {
    let deployment = |i: usize| {
        proptest::collection::vec(deployment_state(), 1..5).prop_map(move |states| {
            states
                .into_iter()
                .map(|s| Change::Deployment(i, s))
                .collect()
        })
    };
    let pod = |i: usize| {
        proptest::collection::vec(proptest::option::weighted(0.85, pod_state()), 1..4)
            .prop_map(move |states| states.into_iter().map(|s| Change::Pod(i, s)).collect())
    };
    (
        deployment(0),
        deployment(1),
        pod(0),
        pod(1),
        pod(2),
        any::<bool>(),
    )
        .prop_map(|(web, worker, p0, p1, p2, with_async)| {
            let mut all = vec![web, p0, p1, p2];
            if with_async {
                all.push(worker);
            }
            all
        })
}

/// The histories interleaved in the order `picks` chooses (each pick takes the next event of
/// the history it names, modulo those left).
fn interleave(histories: &[Vec<Change>], picks: &[usize]) -> Vec<Change> {
    let mut next = vec![0; histories.len()];
    let mut out = Vec::new();
    let mut picks = picks.iter().cycle();
    while out.len() < histories.iter().map(Vec::len).sum() {
        let open: Vec<usize> = (0..histories.len())
            .filter(|&h| next[h] < histories[h].len())
            .collect();
        let h = open[picks.next().copied().unwrap_or(0) % open.len()];
        out.push(histories[h][next[h]].clone());
        next[h] += 1;
    }
    out
}

/// The verdict after each event, by our code and by the reference.
fn replay(events: &[Change]) -> Vec<(String, String)> {
    let mut deployments: [Option<DeploymentState>; 2] = [None, None];
    let mut pods: [Option<PodState>; 3] = [None, None, None];
    let mut seen = Vec::new();
    for event in events {
        match event {
            Change::Deployment(i, state) => deployments[*i] = Some(state.clone()),
            Change::Pod(i, state) => pods[*i].clone_from(state),
        }
        let deployments: Vec<(&str, DeploymentState)> = ["web", "async"]
            .into_iter()
            .zip(deployments.iter())
            .filter_map(|(c, d)| Some((c, d.clone()?)))
            .collect();
        let pods: Vec<(String, PodState)> = pods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((format!("shop-{i}"), p.clone()?)))
            .collect();
        seen.push((judged(&deployments, &pods), reference(&deployments, &pods)));
    }
    seen
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The state of one Deployment, with any fields absent: the same decision as kubectl's.
    #[test]
    fn one_deployment_follows_kubectls_rule(d in deployment_state()) {
        prop_assert_eq!(ours(&Rollout::of(&deployment("web", &d))), kubectl(&d), "{:?}", d);
    }

    /// Any interleaving of the objects' events: after every event the verdict is the
    /// reference's, so the follower stops where kubectl's rule stops, with the same verdict;
    /// and two interleavings of the same events end on the same verdict.
    #[test]
    fn any_order_of_events_reaches_kubectls_verdict(
        histories in histories(),
        first in proptest::collection::vec(any::<usize>(), 1..40),
        second in proptest::collection::vec(any::<usize>(), 1..40),
    ) {
        let one = replay(&interleave(&histories, &first));
        let two = replay(&interleave(&histories, &second));
        for (step, (got, want)) in one.iter().chain(&two).enumerate() {
            prop_assert_eq!(got, want, "step {}", step);
        }
        prop_assert_eq!(one.last(), two.last());
    }
}
