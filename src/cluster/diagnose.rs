//! Why a new pod cannot become ready, read from its pod and container statuses the moment the
//! kubelet or scheduler reports it: the progress deadline would say the same ten minutes later.

use k8s_openapi::api::core::v1::{ContainerStatus, Pod};

use crate::cluster::names;
use crate::exit::ExitCode;

/// What went wrong with a release, and which container to show the log of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub kind: Kind,
    pub pod: String,
    pub container: Option<String>,
    /// One line: what happened.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// The failure classes, each with its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    MigrationFailed,
    ImagePull,
    CrashLoop,
    ContainerConfig,
    Unschedulable,
}

impl Kind {
    #[must_use]
    pub fn exit_code(self) -> ExitCode {
        match self {
            Kind::MigrationFailed => ExitCode::MigrationFailed,
            Kind::ImagePull => ExitCode::ImagePull,
            Kind::CrashLoop => ExitCode::CrashLoop,
            Kind::ContainerConfig => ExitCode::ContainerConfig,
            Kind::Unschedulable => ExitCode::Unschedulable,
        }
    }

    /// The short name used in `-o json` results.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MigrationFailed => "migration-failed",
            Kind::ImagePull => "image-pull",
            Kind::CrashLoop => "crash-loop",
            Kind::ContainerConfig => "container-config",
            Kind::Unschedulable => "unschedulable",
        }
    }
}

/// The first reason `pod` will not become ready on its own, if there is one. `app` names the
/// `<app>-env` Secret in hints.
#[must_use]
pub fn diagnose(app: &str, pod: &Pod) -> Option<Diagnosis> {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let status = pod.status.as_ref()?;
    for init in status.init_container_statuses.iter().flatten() {
        if let Some(code) = failed_exit(init) {
            return Some(Diagnosis {
                kind: Kind::MigrationFailed,
                pod: name.clone(),
                container: Some(init.name.clone()),
                message: format!("migrations failed: /init exited with code {code} in pod {name}"),
                hint: "fix the migration or its data, push a new image and deploy it".to_owned(),
            });
        }
    }
    let all = status
        .init_container_statuses
        .iter()
        .flatten()
        .chain(status.container_statuses.iter().flatten());
    for c in all {
        if let Some(mut found) = waiting(app, &name, c) {
            if found.kind == Kind::CrashLoop {
                found.message.push_str(&migrations_note(status));
            }
            return Some(found);
        }
    }
    unschedulable(&name, status)
}

/// Why the container `c` of pod `pod` waits, when it will go on waiting.
fn waiting(app: &str, pod: &str, c: &ContainerStatus) -> Option<Diagnosis> {
    let waiting = c.state.as_ref()?.waiting.as_ref()?;
    let reason = waiting.reason.as_deref().unwrap_or_default();
    let message = waiting.message.clone().unwrap_or_default();
    let found = match reason {
        "ErrImagePull" | "ImagePullBackOff" | "InvalidImageName" => Finding {
            kind: Kind::ImagePull,
            message: format!(
                "the image {} cannot be pulled ({reason}){}",
                c.image,
                if message.is_empty() { String::new() } else { format!(": {message}") }
            ),
            hint: "check that the image reference exists; for a private registry set `imagePullSecret` in app.yaml to a docker-registry Secret in the namespace".to_owned(),
        },
        "CrashLoopBackOff" if c.name != names::CONTAINER_INIT => Finding {
            kind: Kind::CrashLoop,
            message: format!(
                "{} keeps crashing in pod {pod} (restarted {} time{}{})",
                c.name,
                c.restart_count,
                if c.restart_count == 1 { "" } else { "s" },
                last_exit(c)
                    .map(|code| format!(", last exit code {code}"))
                    .unwrap_or_default()
            ),
            hint: format!("read the whole log with `ungleich-django logs --previous --pod {pod}`"),
        },
        "CreateContainerConfigError" => config_error(app, &c.name, &message),
        _ => return None,
    };
    Some(Diagnosis {
        kind: found.kind,
        pod: pod.to_owned(),
        container: Some(c.name.clone()),
        message: found.message,
        hint: found.hint,
    })
}

/// What went wrong with one container, before it is tied to its pod.
struct Finding {
    kind: Kind,
    message: String,
    hint: String,
}

/// What a `CreateContainerConfigError` of `container` means: mostly a key missing from the
/// app's Secret.
fn config_error(app: &str, container: &str, message: &str) -> Finding {
    let secret = names::env_secret(app);
    let (message, hint) = match missing_key(message) {
        Some(MissingKey {
            key,
            secret: in_secret,
        }) => (
            format!("{container} cannot start: the key {key} is missing from Secret {in_secret}"),
            if in_secret.ends_with(&secret) {
                format!("set it with `ungleich-django secret set {key}`")
            } else {
                format!("add the key {key} to Secret {in_secret}")
            },
        ),
        None => (
            format!("{container} cannot start: {message}"),
            format!("check the Secret {secret} with `ungleich-django secret list`"),
        ),
    };
    Finding {
        kind: Kind::ContainerConfig,
        message,
        hint,
    }
}

/// Whether the migrations of a crashing web pod had finished, for its message: the first thing
/// to know before rolling back. Empty for a pod without `/init` (async).
fn migrations_note(status: &k8s_openapi::api::core::v1::PodStatus) -> String {
    let init = status
        .init_container_statuses
        .iter()
        .flatten()
        .find(|c| c.name == names::CONTAINER_INIT);
    let Some(init) = init else {
        return String::new();
    };
    let done = init
        .state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .is_some_and(|t| t.exit_code == 0);
    if done {
        "; its /init (migrations) had completed".to_owned()
    } else {
        "; its /init (migrations) had not completed".to_owned()
    }
}

/// The scheduler found no node for `pod`.
fn unschedulable(pod: &str, status: &k8s_openapi::api::core::v1::PodStatus) -> Option<Diagnosis> {
    let cond = status.conditions.iter().flatten().find(|c| {
        c.type_ == "PodScheduled"
            && c.status == "False"
            && c.reason.as_deref() == Some("Unschedulable")
    })?;
    Some(Diagnosis {
        kind: Kind::Unschedulable,
        pod: pod.to_owned(),
        container: None,
        message: format!(
            "pod {pod} cannot be scheduled: {}",
            cond.message.as_deref().unwrap_or("no node fits")
        ),
        hint:
            "lower the resources or replicas in app.yaml, or ask ungleich support for more capacity"
                .to_owned(),
    })
}

/// The exit code of an init container that failed (now, or before its restart).
fn failed_exit(c: &ContainerStatus) -> Option<i32> {
    let now = c.state.as_ref().and_then(|s| s.terminated.as_ref());
    if let Some(t) = now {
        return (t.exit_code != 0).then_some(t.exit_code);
    }
    let waiting = c.state.as_ref().and_then(|s| s.waiting.as_ref());
    if waiting.and_then(|w| w.reason.as_deref()) == Some("CrashLoopBackOff") {
        return last_exit(c).filter(|code| *code != 0);
    }
    None
}

fn last_exit(c: &ContainerStatus) -> Option<i32> {
    c.last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .map(|t| t.exit_code)
}

/// A key a container's environment takes from a Secret that does not have it.
struct MissingKey<'a> {
    key: &'a str,
    /// `namespace/name`.
    secret: &'a str,
}

/// `couldn't find key DATABASE_URL in Secret shop/shop-env` → `DATABASE_URL` in `shop/shop-env`.
fn missing_key(message: &str) -> Option<MissingKey<'_>> {
    let rest = message.split("couldn't find key ").nth(1)?;
    let (key, rest) = rest.split_once(" in Secret ")?;
    let secret = rest.split_whitespace().next()?;
    Some(MissingKey { key, secret })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(status: &str) -> Pod {
        let yaml = format!("metadata: {{name: shop-web-7d9f8-x2kq4}}\nstatus: {status}\n");
        serde_saphyr::from_str(&yaml).expect("fixture parses")
    }

    fn cs(name: &str, state: &str) -> String {
        format!(
            "{{name: {name}, image: 'registry.example.com/shop:2', imageID: '', ready: false, restartCount: 3, state: {state}, lastState: {{terminated: {{exitCode: 2}}}}}}"
        )
    }

    #[test]
    fn each_class_is_found_with_its_details() {
        type Case = (&'static str, String, Option<(Kind, &'static str)>);
        let cases: Vec<Case> = vec![
            ("init running", format!("{{phase: Pending, initContainerStatuses: [{}]}}", cs("init", "{running: {}}")), None),
            ("init done", format!("{{phase: Running, initContainerStatuses: [{}], containerStatuses: [{}]}}", cs("init", "{terminated: {exitCode: 0}}"), cs("run", "{running: {}}")), None),
            ("init failed", format!("{{phase: Pending, initContainerStatuses: [{}]}}", cs("init", "{terminated: {exitCode: 1, reason: Error}}")), Some((Kind::MigrationFailed, "code 1"))),
            ("init failed and restarting", format!("{{phase: Pending, initContainerStatuses: [{}]}}", cs("init", "{waiting: {reason: CrashLoopBackOff}}")), Some((Kind::MigrationFailed, "code 2"))),
            ("image pull", format!("{{phase: Pending, initContainerStatuses: [{}]}}", cs("init", "{waiting: {reason: ImagePullBackOff, message: 'Back-off pulling image'}}")), Some((Kind::ImagePull, "registry.example.com/shop:2"))),
            ("err image pull", format!("{{phase: Pending, containerStatuses: [{}]}}", cs("async", "{waiting: {reason: ErrImagePull}}")), Some((Kind::ImagePull, "ErrImagePull"))),
            ("crash loop", format!("{{phase: Running, containerStatuses: [{}]}}", cs("run", "{waiting: {reason: CrashLoopBackOff}}")), Some((Kind::CrashLoop, "last exit code 2"))),
            ("missing key", format!("{{phase: Pending, containerStatuses: [{}]}}", cs("run", "{waiting: {reason: CreateContainerConfigError, message: \"couldn't find key SECRET_KEY in Secret shop/shop-env\"}}")), Some((Kind::ContainerConfig, "key SECRET_KEY is missing from Secret shop/shop-env"))),
            ("unschedulable", "{phase: Pending, conditions: [{type: PodScheduled, status: 'False', reason: Unschedulable, message: '0/3 nodes are available: 3 Insufficient memory.'}]}".to_owned(), Some((Kind::Unschedulable, "3 Insufficient memory"))),
            ("container creating", format!("{{phase: Pending, containerStatuses: [{}]}}", cs("run", "{waiting: {reason: ContainerCreating}}")), None),
        ];
        for (name, status, want) in cases {
            let got = diagnose("shop", &pod(&status));
            match (got, want) {
                (None, None) => {}
                (Some(d), Some((kind, text))) => {
                    assert_eq!(d.kind, kind, "{name}");
                    assert!(d.message.contains(text), "{name}: {}", d.message);
                }
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn a_missing_env_key_gets_the_secret_set_hint() {
        let d = diagnose("shop", &pod(&format!("{{containerStatuses: [{}]}}", cs("run", "{waiting: {reason: CreateContainerConfigError, message: \"couldn't find key SECRET_KEY in Secret shop/shop-env\"}}")))).expect("diagnosed");
        assert_eq!(
            d.hint,
            "set it with `ungleich-django secret set SECRET_KEY`"
        );
        assert_eq!(d.kind.exit_code(), ExitCode::ContainerConfig);
    }
}
