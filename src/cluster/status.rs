//! What runs in the cluster for an app: Deployments, pods, the ArgoCD Application, and the
//! verdict on its release. Data only.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::api::ListParams;
use kube::{Api, Client};
use serde::Serialize;

use crate::cluster::access::AccessError;
use crate::cluster::verdict::{self, Verdict};
use crate::cluster::{argocd, events, names, pod_column};

#[derive(Debug, Clone, Serialize)]
pub struct AppStatus {
    /// Where the release stands: live, rolling out, failed, or nothing found.
    pub verdict: Verdict,
    /// The images ready pods run: what serves now.
    pub serving: Vec<String>,
    pub deployments: Vec<DeploymentStatus>,
    pub pods: Vec<PodStatus>,
    /// The newest web pod's `/init` run.
    pub last_init: Option<String>,
    pub application: Option<ApplicationStatus>,
    /// The newest Warning events of the app's objects (none when events cannot be read).
    pub warnings: Vec<events::Warning>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeploymentStatus {
    pub name: String,
    pub image: Option<String>,
    pub desired: i32,
    pub ready: i32,
    pub updated: i32,
    pub rollout: String,
    /// Requests and limits of the main container, from the live pod template.
    pub resources: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct PodStatus {
    pub name: String,
    pub component: String,
    /// The image of its main container (`run` or `async`).
    pub image: Option<String>,
    pub ready: String,
    /// kubectl's STATUS column: `Running`, `Init:CrashLoopBackOff`, `ImagePullBackOff`, ...
    pub status: String,
    /// Restarts of all its containers, init containers included.
    pub restarts: i32,
    pub age_seconds: i64,
    pub phase: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApplicationStatus {
    pub sync: String,
    pub health: String,
    pub revision: Option<String>,
    /// The message of ArgoCD's last sync operation, when it failed.
    pub sync_failed: Option<String>,
}

/// Reads the app's state and judges its release against `desired`, the image app.yaml asks
/// for. `argocd` is the Application's namespace and name, if any; an Application that is
/// missing or unreadable is left out.
///
/// # Errors
/// When the API server cannot be used for the app's namespace.
pub async fn read(
    client: Client,
    namespace: &str,
    app: &str,
    argocd: Option<(&str, &str)>,
    repo: &str,
    desired: Option<&str>,
) -> Result<AppStatus, AccessError> {
    let lp = ListParams::default().labels(&names::app_selector(app));
    let access = |e: kube::Error| AccessError::from_kube(&e, namespace);
    let deps = Api::<Deployment>::namespaced(client.clone(), namespace)
        .list(&lp)
        .await
        .map_err(access)?;
    let mut pods = Api::<Pod>::namespaced(client.clone(), namespace)
        .list(&lp)
        .await
        .map_err(access)?
        .items;
    pods.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let now = jiff::Timestamp::now();
    let warnings = events::warnings(client.clone(), namespace, app, None)
        .await
        .unwrap_or_default();
    let application = match argocd {
        Some((ns, name)) => application(client, ns, name, repo).await,
        None => None,
    };
    let mut verdict = verdict::judge(app, &deps.items, &pods, desired);
    // A sync that failed leaves the old release running as if nothing had been asked.
    if let (Some(message), Some((ns, name))) = (
        application.as_ref().and_then(|a| a.sync_failed.as_deref()),
        argocd,
    ) && !matches!(verdict, Verdict::Failed { .. } | Verdict::NotFound)
    {
        verdict = verdict::sync_failed(message, ns, name);
    }
    Ok(AppStatus {
        verdict,
        serving: verdict::serving(&pods),
        deployments: deps.items.iter().map(deployment).collect(),
        pods: pods.iter().map(|p| pod(p, now)).collect(),
        last_init: last_init(&pods),
        application,
        warnings,
    })
}

/// The images ready pods of `app` run: what serves now.
///
/// # Errors
/// When the pods cannot be listed.
pub async fn serving_now(
    client: Client,
    namespace: &str,
    app: &str,
) -> Result<Vec<String>, AccessError> {
    let lp = ListParams::default().labels(&names::app_selector(app));
    let pods = Api::<Pod>::namespaced(client, namespace)
        .list(&lp)
        .await
        .map_err(|e| AccessError::from_kube(&e, namespace))?;
    Ok(verdict::serving(&pods.items))
}

/// What the ready web pods of `app` run, by digest (`registry/shop@sha256:..`, from each `run`
/// container's `imageID`), so that a tag moved since they pulled it cannot change the answer.
/// Pods that report no registry digest are left out.
///
/// # Errors
/// When the pods cannot be listed.
pub async fn serving_digests(
    client: Client,
    namespace: &str,
    app: &str,
) -> Result<Vec<String>, AccessError> {
    let lp = ListParams::default().labels(&names::component_selector(app, names::COMPONENT_WEB));
    let pods = Api::<Pod>::namespaced(client, namespace)
        .list(&lp)
        .await
        .map_err(|e| AccessError::from_kube(&e, namespace))?;
    let mut images: Vec<String> = Vec::new();
    for pod in &pods.items {
        let Some(status) = pod.status.as_ref() else {
            continue;
        };
        let ready = status
            .conditions
            .as_ref()
            .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"));
        if !ready || pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let pinned = status
            .container_statuses
            .iter()
            .flatten()
            .filter(|c| c.name == names::CONTAINER_RUN)
            .find_map(|c| {
                crate::oneoff::pod::digest_of(&c.image_id)
                    .map(|d| crate::oneoff::pod::pinned(&c.image, &d))
            });
        if let Some(image) = pinned
            && !images.contains(&image)
        {
            images.push(image);
        }
    }
    Ok(images)
}

fn deployment(d: &Deployment) -> DeploymentStatus {
    let name = d.metadata.name.clone().unwrap_or_default();
    let main = d.spec.as_ref().and_then(|s| {
        s.template.spec.as_ref().and_then(|p| {
            p.containers
                .iter()
                .find(|c| c.name == names::CONTAINER_RUN || c.name == names::CONTAINER_ASYNC)
                .cloned()
        })
    });
    let status = d.status.clone().unwrap_or_default();
    DeploymentStatus {
        rollout: crate::cluster::rollout::Rollout::of(d).describe(&name),
        name,
        image: main.as_ref().and_then(|c| c.image.clone()),
        desired: d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
        ready: status.ready_replicas.unwrap_or(0),
        updated: status.updated_replicas.unwrap_or(0),
        resources: main
            .and_then(|c| c.resources)
            .and_then(|r| serde_json::to_value(r).ok())
            .unwrap_or_default(),
    }
}

fn pod(p: &Pod, now: jiff::Timestamp) -> PodStatus {
    let statuses = p
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.clone())
        .unwrap_or_default();
    let ready = statuses.iter().filter(|c| c.ready).count();
    let created = p.metadata.creation_timestamp.as_ref().map(|t| t.0);
    PodStatus {
        name: p.metadata.name.clone().unwrap_or_default(),
        component: p
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(names::LABEL_COMPONENT))
            .cloned()
            .unwrap_or_default(),
        image: verdict::main_image(p),
        ready: format!("{ready}/{}", statuses.len()),
        status: pod_column::status(p),
        restarts: pod_column::restarts(p),
        age_seconds: created.map_or(0, |c| (now - c).get_seconds()),
        phase: p
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default(),
    }
}

/// How the `/init` run of the newest pod went.
fn last_init(pods: &[Pod]) -> Option<String> {
    let newest = pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .max_by_key(|p| p.metadata.creation_timestamp.as_ref().map(|t| t.0))?;
    let name = newest.metadata.name.clone().unwrap_or_default();
    let init = newest
        .status
        .as_ref()?
        .init_container_statuses
        .as_ref()?
        .iter()
        .find(|c| c.name == names::CONTAINER_INIT)?;
    let state = init.state.as_ref()?;
    Some(if let Some(t) = &state.terminated {
        if t.exit_code == 0 {
            format!("succeeded in {name}")
        } else {
            format!("failed with exit code {} in {name}", t.exit_code)
        }
    } else if state.running.is_some() {
        format!("running in {name}")
    } else {
        let reason = state.waiting.as_ref().and_then(|w| w.reason.as_deref());
        let last = init
            .last_state
            .as_ref()
            .and_then(|s| s.terminated.as_ref())
            .filter(|t| t.exit_code != 0);
        match (reason, last) {
            // Waiting to be restarted after a failure: the failure is the news.
            (Some(reason), Some(t)) => format!(
                "failed with exit code {} in {name} ({reason}, restarted {} time{})",
                t.exit_code,
                init.restart_count,
                if init.restart_count == 1 { "" } else { "s" }
            ),
            (Some(reason), None) if reason != "PodInitializing" => {
                format!("waiting in {name} ({reason})")
            }
            _ => format!("waiting in {name}"),
        }
    })
}

/// The Application's sync and health; `None` when it is missing or cannot be read.
async fn application(
    client: Client,
    ns: &str,
    name: &str,
    repo: &str,
) -> Option<ApplicationStatus> {
    let obj = argocd::api(client, ns).get(name).await.ok()?;
    let v = serde_json::to_value(&obj).unwrap_or_default();
    Some(ApplicationStatus {
        sync: v["status"]["sync"]["status"]
            .as_str()
            .unwrap_or("Unknown")
            .to_owned(),
        health: v["status"]["health"]["status"]
            .as_str()
            .unwrap_or("Unknown")
            .to_owned(),
        revision: argocd::synced_revision(&v, repo),
        sync_failed: matches!(
            v["status"]["operationState"]["phase"].as_str(),
            Some("Failed" | "Error")
        )
        .then(|| {
            v["status"]["operationState"]["message"]
                .as_str()
                .unwrap_or("the sync failed")
                .to_owned()
        }),
    })
}
