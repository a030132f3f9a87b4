//! Which pods belong to the release being followed: read from a Deployment's template and the
//! pods' specs and statuses.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;

use crate::cluster::names;

/// The container that runs the component's code.
pub(crate) fn main_container(component: &str) -> &'static str {
    if component == names::COMPONENT_WEB {
        names::CONTAINER_RUN
    } else {
        names::CONTAINER_ASYNC
    }
}

/// The image of `container` in the Deployment's pod template.
pub(crate) fn template_image(dep: &Deployment, container: &str) -> Option<String> {
    dep.spec
        .as_ref()?
        .template
        .spec
        .as_ref()?
        .containers
        .iter()
        .find(|c| c.name == container)
        .and_then(|c| c.image.clone())
}

/// A pod of the Deployment's current template: same component, same image, same secrets
/// revision, and not on its way out.
pub(crate) fn is_new_pod(
    pod: &Pod,
    dep: &Deployment,
    component: &str,
    main: &str,
    image: Option<&str>,
) -> bool {
    let labels = pod.metadata.labels.clone().unwrap_or_default();
    if labels.get(names::LABEL_COMPONENT).map(String::as_str) != Some(component)
        || pod.metadata.deletion_timestamp.is_some()
    {
        return false;
    }
    let pod_image = pod
        .spec
        .as_ref()
        .and_then(|s| s.containers.iter().find(|c| c.name == main))
        .and_then(|c| c.image.as_deref());
    if pod_image != image {
        return false;
    }
    let want = dep
        .spec
        .as_ref()
        .and_then(|s| s.template.metadata.as_ref())
        .and_then(|m| m.annotations.as_ref())
        .and_then(|a| a.get(names::ANNOTATION_SECRETS_REVISION));
    let have = pod
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(names::ANNOTATION_SECRETS_REVISION));
    want.is_none() || want == have
}

/// The init container has a log to read: it runs or has run.
pub(super) fn init_started(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.init_container_statuses.as_ref())
        .and_then(|l| l.iter().find(|c| c.name == names::CONTAINER_INIT))
        .and_then(|c| c.state.as_ref())
        .is_some_and(|s| s.running.is_some() || s.terminated.is_some())
}
