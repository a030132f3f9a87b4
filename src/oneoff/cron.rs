//! `cron run NAME`: a run now of a scheduled command, made from its CronJob's pod template as
//! `kubectl create job --from=cronjob/...` would, but as a bare pod, for the reasons a one-off run
//! is one (the module header of [`super`]): the CLI waits for it, reads its exit code and deletes
//! it, so a Job controller would add `batch/jobs` verbs and a retry policy and nothing else.
//! Like a one-off run it uses exactly the deployed code: a tag is pinned to the digest the app's
//! running pods report for it, since the tag may have moved since they pulled it.

use std::collections::BTreeMap;

use k8s_openapi::api::batch::v1::CronJob;
use k8s_openapi::api::core::v1::{Pod, PodSpec};
use kube::api::{ListParams, ObjectMeta};
use kube::{Api, Client};

use super::{RunError, Started, pod};
use crate::cluster::names;
use crate::spec::cron::cronjob_name;

pub use crate::cluster::cron::{COMPONENT_CRON, LABEL_CRON};

/// A run now of entry `entry`.
#[derive(Debug, Clone)]
pub struct CronRequest {
    pub app: String,
    pub namespace: String,
    pub entry: String,
    /// The git identity of who starts it.
    pub who: String,
    /// Keep stdin open and allocate a terminal (a person at one).
    pub tty: bool,
}

/// Creates the pod of a run now from the entry's CronJob.
///
/// # Errors
/// [`RunError::NoCronJob`] when the cluster has no such CronJob (nothing is created),
/// [`RunError::Forbidden`], or the cluster's failure.
pub async fn start(client: Client, req: &CronRequest) -> Result<Started, RunError> {
    let ns = &req.namespace;
    let cronjobs: Api<CronJob> = Api::namespaced(client.clone(), ns);
    let name = cronjob_name(&req.app, &req.entry);
    let cronjob = match cronjobs.get_opt(&name).await {
        Ok(Some(c)) => c,
        Ok(None) => {
            return Err(RunError::NoCronJob {
                name: req.entry.clone(),
                cronjob: name,
                namespace: ns.clone(),
            });
        }
        Err(e) => return Err(RunError::from_kube(&e, "get", "batch:cronjobs", ns)),
    };
    let pods: Api<Pod> = Api::namespaced(client, ns);
    let digest = match template_image(&cronjob) {
        Some(image) if !image.contains('@') => running_digest(&pods, req, image).await?,
        _ => None,
    };
    let Some(pod) = from_cronjob(&cronjob, req, digest.as_deref()) else {
        return Err(RunError::NoCronJob {
            name: req.entry.clone(),
            cronjob: name,
            namespace: ns.clone(),
        });
    };
    super::create(&pods, &pod, ns).await
}

/// The image of the CronJob's container.
fn template_image(cronjob: &CronJob) -> Option<&str> {
    cronjob
        .spec
        .as_ref()?
        .job_template
        .spec
        .as_ref()?
        .template
        .spec
        .as_ref()?
        .containers
        .first()?
        .image
        .as_deref()
}

/// The digest the app's running pods (web or async, whose image the CronJob shares) report for
/// `image`, when one does.
async fn running_digest(
    pods: &Api<Pod>,
    req: &CronRequest,
    image: &str,
) -> Result<Option<String>, RunError> {
    let listed = pods
        .list(&ListParams::default().labels(&names::app_selector(&req.app)))
        .await
        .map_err(|e| RunError::from_kube(&e, "list", "pods", &req.namespace))?;
    Ok(listed
        .items
        .iter()
        .filter_map(|p| p.status.as_ref()?.container_statuses.as_ref())
        .flatten()
        .filter(|s| s.image == image)
        .find_map(|s| pod::digest_of(&s.image_id)))
}

/// The pod of a run now: the CronJob's pod template as it is (command, env, volume, sizes), its
/// image pinned to `digest` when one is known, the Job's deadline as the pod's, the container
/// named as a one-off run's so that the run machinery follows it (with a terminal when
/// `req.tty`), and the labels of a scheduled run, never ArgoCD's tracking label.
#[must_use]
pub fn from_cronjob(cronjob: &CronJob, req: &CronRequest, digest: Option<&str>) -> Option<Pod> {
    let job = cronjob.spec.as_ref()?.job_template.spec.as_ref()?;
    let spec: PodSpec = job.template.spec.clone()?;
    let mut container = spec.containers.first()?.clone();
    container.name = pod::CONTAINER.to_owned();
    if let (Some(digest), Some(image)) = (digest, &container.image) {
        container.image = Some(pod::pinned(image, digest));
    }
    container.stdin = Some(req.tty);
    container.stdin_once = Some(req.tty);
    container.tty = Some(req.tty);
    let command = container.command.clone().unwrap_or_default();
    let labels = BTreeMap::from([
        (names::LABEL_COMPONENT.to_owned(), COMPONENT_CRON.to_owned()),
        (
            names::LABEL_MANAGED_BY.to_owned(),
            names::MANAGED_BY.to_owned(),
        ),
        (pod::LABEL_APP.to_owned(), req.app.clone()),
        (LABEL_CRON.to_owned(), req.entry.clone()),
    ]);
    let annotations = BTreeMap::from([
        (pod::ANNOTATION_BY.to_owned(), req.who.clone()),
        (
            pod::ANNOTATION_COMMAND.to_owned(),
            serde_json::to_string(&command).unwrap_or_default(),
        ),
        (
            pod::ANNOTATION_FROM.to_owned(),
            format!(
                "cronjob/{}",
                cronjob.metadata.name.clone().unwrap_or_default()
            ),
        ),
    ]);
    Some(Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-{COMPONENT_CRON}-{}-", req.app, req.entry)),
            labels: Some(labels),
            annotations: Some(annotations),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![container],
            restart_policy: Some("Never".to_owned()),
            active_deadline_seconds: job.active_deadline_seconds.or(spec.active_deadline_seconds),
            ..spec
        }),
        status: None,
    })
}
