//! The verdict on an app's release in one word — live, rolling out, failed (and why), or not
//! found — and which images serve now: what `status` leads with and exits by. Read from the same
//! Deployments and pods as the release follower, with the same diagnosis, so `status` after a
//! failed `deploy` says what `deploy` said.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use serde::Serialize;

use crate::cluster::diagnose::{self, Kind};
use crate::cluster::names;
use crate::cluster::release::pods::{is_new_pod, main_container, template_image};
use crate::cluster::rollout::Rollout;
use crate::exit::ExitCode;

/// Where the app's release stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Verdict {
    /// Every Deployment rolled out the image app.yaml asks for.
    Live,
    /// Not there yet, and nothing says it will not get there.
    RollingOut {
        /// Why not live yet, one line.
        detail: String,
    },
    /// A pod of the current release will not become ready on its own.
    Failed {
        /// The failure class, as `deploy -o json` names it (`migration-failed`, ...).
        failure: &'static str,
        /// The class in words: `migrations`, `image pull`, ...
        what: &'static str,
        message: String,
        hint: String,
        #[serde(skip)]
        code: ExitCode,
    },
    /// No Deployment and no pod of the app in the namespace.
    NotFound,
}

impl Verdict {
    /// The exit code `status` ends with: the release failure's own code, [`ExitCode::NotFound`]
    /// when nothing of the app runs, success otherwise.
    #[must_use]
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Verdict::Failed { code, .. } => *code,
            Verdict::NotFound => ExitCode::NotFound,
            Verdict::Live | Verdict::RollingOut { .. } => ExitCode::Success,
        }
    }
}

/// The failure class in words, for the verdict line.
fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::MigrationFailed => "migrations",
        Kind::ImagePull => "image pull",
        Kind::CrashLoop => "crash loop",
        Kind::ContainerConfig => "container configuration",
        Kind::Unschedulable => "unschedulable",
    }
}

/// Judges the release of `app` from its Deployments and pods; `desired` is the image app.yaml
/// asks for.
#[must_use]
pub fn judge(
    app: &str,
    deployments: &[Deployment],
    pods: &[Pod],
    desired: Option<&str>,
) -> Verdict {
    if deployments.is_empty() && pods.is_empty() {
        return Verdict::NotFound;
    }
    let mut waiting = Vec::new();
    for dep in deployments {
        let name = dep.metadata.name.clone().unwrap_or_default();
        let component = component_of(dep);
        let main = main_container(component);
        let image = template_image(dep, main);
        let failed = pods
            .iter()
            .filter(|p| is_new_pod(p, dep, component, main, image.as_deref()))
            .find_map(|p| diagnose::diagnose(app, p));
        if let Some(d) = failed {
            return Verdict::Failed {
                failure: d.kind.as_str(),
                what: what(d.kind),
                message: d.message,
                hint: d.hint,
                code: d.kind.exit_code(),
            };
        }
        match Rollout::of(dep) {
            Rollout::DeadlineExceeded { message } => {
                return Verdict::Failed {
                    failure: "progress-deadline",
                    what: "progress deadline",
                    message: format!("{name} exceeded its progress deadline: {message}"),
                    hint: "`ungleich-django logs` and the warnings above say what the new pods wait for".to_owned(),
                    code: ExitCode::ProgressDeadline,
                };
            }
            Rollout::Complete => {}
            other => waiting.push(other.describe(&name)),
        }
        if let (Some(want), Some(have)) = (desired, image.as_deref())
            && want != have
        {
            waiting.push(format!(
                "{name} runs {have}, app.yaml asks for {want} (not yet applied)"
            ));
        }
    }
    if deployments.is_empty() {
        waiting.push("no Deployment of the app yet".to_owned());
    }
    if waiting.is_empty() {
        Verdict::Live
    } else {
        Verdict::RollingOut {
            detail: waiting.join("; "),
        }
    }
}

/// The verdict when ArgoCD's last sync of the Application `namespace`/`name` failed.
#[must_use]
pub fn sync_failed(message: &str, namespace: &str, name: &str) -> Verdict {
    Verdict::Failed {
        failure: "sync-failed",
        what: "sync",
        message: format!("ArgoCD could not sync: {message}"),
        hint: format!(
            "see the Application's events with `kubectl -n {namespace} describe application {name}`"
        ),
        code: ExitCode::SyncFailed,
    }
}

/// The Deployment's component, from its label, else its name.
fn component_of(dep: &Deployment) -> &'static str {
    let label = dep
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(names::LABEL_COMPONENT));
    let name = dep.metadata.name.as_deref().unwrap_or_default();
    if label.map(String::as_str) == Some(names::COMPONENT_ASYNC)
        || (label.is_none() && name.ends_with("-async"))
    {
        names::COMPONENT_ASYNC
    } else {
        names::COMPONENT_WEB
    }
}

/// The images of the main containers of ready pods, each once, in the order of the pods: what
/// serves now.
#[must_use]
pub fn serving(pods: &[Pod]) -> Vec<String> {
    let mut images: Vec<String> = Vec::new();
    for pod in pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        let ready = pod
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"));
        if !ready {
            continue;
        }
        if let Some(image) = main_image(pod)
            && !images.contains(&image)
        {
            images.push(image);
        }
    }
    images
}

/// The image of the pod's main container (`run` or `async`).
#[must_use]
pub fn main_image(pod: &Pod) -> Option<String> {
    pod.spec
        .as_ref()?
        .containers
        .iter()
        .find(|c| c.name == names::CONTAINER_RUN || c.name == names::CONTAINER_ASYNC)
        .and_then(|c| c.image.clone())
}

/// `image` as short as it can be said next to `desired`: `:1` when only the tag differs.
#[must_use]
pub fn short_image(image: &str, desired: Option<&str>) -> String {
    let repo = |r: &str| {
        r.rsplit_once(':')
            .filter(|(_, t)| !t.contains('/'))
            .map(|(r, _)| r.to_owned())
    };
    match (repo(image), desired.and_then(repo)) {
        (Some(a), Some(b)) if a == b => image[a.len()..].to_owned(),
        _ => image.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_shortened_to_their_tag_next_to_the_same_repository() {
        let want = Some("registry.example.com/acme/shop:2");
        assert_eq!(short_image("registry.example.com/acme/shop:1", want), ":1");
        assert_eq!(
            short_image("registry.example.com/acme/other:1", want),
            "registry.example.com/acme/other:1"
        );
        assert_eq!(
            short_image("localhost:5000/shop", Some("localhost:5000/shop:2")),
            "localhost:5000/shop"
        );
        assert_eq!(
            short_image("registry.example.com/acme/shop:1", None),
            "registry.example.com/acme/shop:1"
        );
    }
}
