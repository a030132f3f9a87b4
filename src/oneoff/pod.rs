//! The one-off pod, made from a live Deployment's pod template: the same image (by digest when
//! the running pods report one), environment, volumes, service account, security context and
//! resources; the command replaced; no init container, no probes; labelled as a run and never
//! with ArgoCD's tracking label, so that neither ArgoCD, the release follower nor `logs` count it.

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Container, Pod, PodSpec};
use kube::api::ObjectMeta;

use crate::cluster::names;

/// The component label value of one-off runs.
pub const COMPONENT_RUN: &str = "run";
/// The container of a one-off pod.
pub const CONTAINER: &str = "run";
/// The label that ties a run to its app, in place of ArgoCD's `app.kubernetes.io/instance`.
pub const LABEL_APP: &str = "ungleich.ch/app";
/// Who started the run: the git identity, `Name <email>`.
pub const ANNOTATION_BY: &str = "ungleich.ch/run-by";
/// The command, as a JSON array.
pub const ANNOTATION_COMMAND: &str = "ungleich.ch/run-command";
/// The Deployment whose template the run copies.
pub const ANNOTATION_FROM: &str = "ungleich.ch/run-from";

/// What the pod is made of besides the Deployment.
#[derive(Debug, Clone)]
pub struct PodRequest<'a> {
    pub app: &'a str,
    /// The container of the template to copy (`run` or `async`).
    pub container: &'a str,
    pub command: &'a [String],
    pub who: &'a str,
    pub timeout: Option<Duration>,
    /// The running pods' image digest (`sha256:...`), when they report one for the template's image.
    pub digest: Option<String>,
    /// Keep stdin open and allocate a terminal (an interactive run).
    pub tty: bool,
    /// Keep stdin open for one client (`run -i`): the runtime closes it when that client goes.
    pub stdin: bool,
}

/// The label selector of an app's runs.
#[must_use]
pub fn selector(app: &str) -> String {
    format!(
        "{LABEL_APP}={app},{}={COMPONENT_RUN}",
        names::LABEL_COMPONENT
    )
}

/// The pod for `req`, from `deployment`'s template; `None` when the template has no such
/// container.
#[must_use]
pub fn from_template(deployment: &Deployment, req: &PodRequest<'_>) -> Option<Pod> {
    let template = deployment.spec.as_ref()?.template.clone();
    let spec = template.spec?;
    let mut container: Container = spec
        .containers
        .iter()
        .find(|c| c.name == req.container)
        .cloned()?;
    container.name = CONTAINER.to_owned();
    container.command = Some(req.command.to_vec());
    container.args = None;
    container.liveness_probe = None;
    container.readiness_probe = None;
    container.startup_probe = None;
    container.lifecycle = None;
    container.ports = None;
    container.restart_policy = None;
    container.stdin = Some(req.tty || req.stdin);
    container.stdin_once = Some(req.tty || req.stdin);
    container.tty = Some(req.tty);
    if let (Some(digest), Some(image)) = (&req.digest, &container.image) {
        container.image = Some(pinned(image, digest));
    }
    let labels = BTreeMap::from([
        (names::LABEL_COMPONENT.to_owned(), COMPONENT_RUN.to_owned()),
        (
            names::LABEL_MANAGED_BY.to_owned(),
            names::MANAGED_BY.to_owned(),
        ),
        (LABEL_APP.to_owned(), req.app.to_owned()),
    ]);
    let annotations = BTreeMap::from([
        (ANNOTATION_BY.to_owned(), req.who.to_owned()),
        (
            ANNOTATION_COMMAND.to_owned(),
            serde_json::to_string(req.command).unwrap_or_default(),
        ),
        (
            ANNOTATION_FROM.to_owned(),
            deployment.metadata.name.clone().unwrap_or_default(),
        ),
    ]);
    Some(Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-{COMPONENT_RUN}-", req.app)),
            labels: Some(labels),
            annotations: Some(annotations),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![container],
            init_containers: None,
            restart_policy: Some("Never".to_owned()),
            active_deadline_seconds: req
                .timeout
                .map(|t| i64::try_from(t.as_secs().max(1)).unwrap_or(i64::MAX)),
            // A run gets a short grace: Ctrl-C means stop.
            termination_grace_period_seconds: Some(10),
            ..spec
        }),
        status: None,
    })
}

/// `registry/shop:2` with digest `sha256:ab..` is `registry/shop@sha256:ab..`: the tag may have
/// moved since the pods pulled it; the digest is what they run.
#[must_use]
pub fn pinned(image: &str, digest: &str) -> String {
    let without_digest = image.split('@').next().unwrap_or(image);
    let name_start = without_digest.rfind('/').map_or(0, |i| i + 1);
    let repository = match without_digest[name_start..].find(':') {
        Some(colon) => &without_digest[..name_start + colon],
        None => without_digest,
    };
    format!("{repository}@{digest}")
}

/// The digest in a container status's `imageID` (`docker-pullable://repo@sha256:..`,
/// `repo@sha256:..`, or a bare `sha256:..` image ID, which is not a registry digest).
#[must_use]
pub fn digest_of(image_id: &str) -> Option<String> {
    let (_, digest) = image_id.rsplit_once('@')?;
    digest.starts_with("sha256:").then(|| digest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment() -> Deployment {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "shop-web", "labels": {"app.kubernetes.io/instance": "shop"}},
            "spec": {
                "selector": {"matchLabels": {"app.kubernetes.io/instance": "shop"}},
                "template": {
                    "metadata": {"labels": {"app.kubernetes.io/instance": "shop", "app.kubernetes.io/component": "web"},
                                 "annotations": {"argocd.argoproj.io/tracking-id": "shop:apps/Deployment:shop/shop-web"}},
                    "spec": {
                        "serviceAccountName": "shop",
                        "securityContext": {"runAsNonRoot": true, "runAsUser": 1000},
                        "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "shop-data"}}],
                        "initContainers": [{"name": "init", "image": "registry/shop:2", "command": ["/init"]}],
                        "containers": [{
                            "name": "run", "image": "registry/shop:2", "command": ["/run"], "args": ["--x"],
                            "env": [{"name": "PORT", "value": "8000"}],
                            "envFrom": [{"secretRef": {"name": "shop-env"}}],
                            "resources": {"limits": {"memory": "512Mi"}},
                            "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                            "readinessProbe": {"httpGet": {"path": "/", "port": 8000}},
                            "livenessProbe": {"httpGet": {"path": "/", "port": 8000}},
                            "ports": [{"containerPort": 8000}]
                        }]
                    }
                }
            }
        }))
        .unwrap()
    }

    #[test]
    fn the_pod_keeps_the_environment_and_drops_what_makes_it_part_of_the_release() {
        let command = vec![
            "python".to_owned(),
            "manage.py".to_owned(),
            "shell".to_owned(),
        ];
        let pod = from_template(
            &deployment(),
            &PodRequest {
                app: "shop",
                container: "run",
                command: &command,
                who: "Ada <ada@example.com>",
                timeout: Some(Duration::from_secs(90)),
                digest: Some("sha256:abc".to_owned()),
                tty: false,
                stdin: false,
            },
        )
        .unwrap();
        let json = serde_json::to_value(&pod).unwrap();
        let labels = &json["metadata"]["labels"];
        assert!(labels.get(names::LABEL_INSTANCE).is_none(), "{labels}");
        assert_eq!(labels[names::LABEL_COMPONENT], "run");
        assert_eq!(labels[names::LABEL_MANAGED_BY], "ungleich-django");
        assert_eq!(labels[LABEL_APP], "shop");
        let annotations = &json["metadata"]["annotations"];
        assert!(annotations.get("argocd.argoproj.io/tracking-id").is_none());
        assert_eq!(annotations[ANNOTATION_BY], "Ada <ada@example.com>");
        assert_eq!(
            annotations[ANNOTATION_COMMAND],
            r#"["python","manage.py","shell"]"#
        );
        assert_eq!(json["metadata"]["generateName"], "shop-run-");
        let spec = &json["spec"];
        assert!(spec.get("initContainers").is_none());
        assert_eq!(spec["restartPolicy"], "Never");
        assert_eq!(spec["activeDeadlineSeconds"], 90);
        assert_eq!(spec["serviceAccountName"], "shop");
        assert_eq!(spec["securityContext"]["runAsUser"], 1000);
        assert_eq!(spec["volumes"][0]["name"], "data");
        let c = &spec["containers"][0];
        assert_eq!(c["name"], "run");
        assert_eq!(c["image"], "registry/shop@sha256:abc");
        assert_eq!(
            c["command"],
            serde_json::json!(["python", "manage.py", "shell"])
        );
        assert!(c.get("args").is_none());
        assert!(c.get("readinessProbe").is_none() && c.get("livenessProbe").is_none());
        assert_eq!(c["envFrom"][0]["secretRef"]["name"], "shop-env");
        assert_eq!(c["env"][0]["name"], "PORT");
        assert_eq!(c["resources"]["limits"]["memory"], "512Mi");
        assert_eq!(c["volumeMounts"][0]["mountPath"], "/data");
    }

    #[test]
    fn images_are_pinned_to_the_running_digest() {
        for (image, want) in [
            ("registry/shop:2", "registry/shop@sha256:d"),
            (
                "registry:5000/acme/shop:2",
                "registry:5000/acme/shop@sha256:d",
            ),
            (
                "registry:5000/acme/shop",
                "registry:5000/acme/shop@sha256:d",
            ),
            ("shop@sha256:old", "shop@sha256:d"),
            ("shop:2@sha256:old", "shop@sha256:d"),
        ] {
            assert_eq!(pinned(image, "sha256:d"), want, "{image}");
        }
        assert_eq!(
            digest_of("docker-pullable://registry/shop@sha256:d").as_deref(),
            Some("sha256:d")
        );
        assert_eq!(
            digest_of("registry/shop@sha256:d").as_deref(),
            Some("sha256:d")
        );
        assert_eq!(digest_of("sha256:imageid"), None);
        assert_eq!(digest_of(""), None);
    }
}
