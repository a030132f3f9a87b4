//! The app's ArgoCD Application, read as a `DynamicObject` (no CRD types needed): ask for a
//! refresh, and tell when the pushed commit is the synced one.

use kube::api::{ApiResource, DynamicObject, GroupVersionKind, Patch, PatchParams};
use kube::{Api, Client};
use serde_json::Value;

use crate::cluster::access::AccessError;
use crate::cluster::{ClusterError, ClusterTarget};
use crate::exit::{Classify, ExitCode};

/// The annotation ArgoCD's controller reads as "compare with git now" and then removes.
pub const REFRESH_ANNOTATION: &str = "argocd.argoproj.io/refresh";

/// The Applications API in `namespace`.
#[must_use]
pub fn api(client: Client, namespace: &str) -> Api<DynamicObject> {
    let gvk = GroupVersionKind::gvk("argoproj.io", "v1alpha1", "Application");
    Api::namespaced_with(client, namespace, &ApiResource::from_gvk(&gvk))
}

/// Asks ArgoCD to compare the Application with git now instead of at its next poll.
///
/// # Errors
/// When the patch is refused (no right to patch Applications) or the API fails.
pub async fn refresh(api: &Api<DynamicObject>, name: &str) -> Result<(), kube::Error> {
    let patch = serde_json::json!({"metadata": {"annotations": {REFRESH_ANNOTATION: "normal"}}});
    api.patch(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(|_| ())
}

/// Why ArgoCD could not be asked to refresh after a push.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    #[error("the ArgoCD Application {namespace}/{name} does not exist")]
    NotFound { namespace: String, name: String },
    #[error("no right to patch the ArgoCD Application {namespace}/{name}")]
    Forbidden { namespace: String, name: String },
    #[error(transparent)]
    Access(AccessError),
}

impl Classify for RefreshError {
    fn exit_code(&self) -> ExitCode {
        match self {
            RefreshError::Cluster(e) => e.exit_code(),
            RefreshError::Access(e) => e.exit_code(),
            RefreshError::NotFound { .. } | RefreshError::Forbidden { .. } => {
                ExitCode::ClusterAccess
            }
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            RefreshError::Cluster(e) => e.hint(),
            RefreshError::Access(e) => e.hint(),
            RefreshError::NotFound { .. } => Some(
                "check `argocd:` in ungleich-django.yaml against the Application ungleich set up"
                    .to_owned(),
            ),
            RefreshError::Forbidden { .. } => None,
        }
    }
}

/// Asks the Application `namespace`/`name` on the cluster `target` names to refresh: the part
/// of a push that makes ArgoCD act on it now rather than at its next poll (about three
/// minutes), whether or not the release is followed.
///
/// # Errors
/// When the cluster cannot be used, or the Application is missing or may not be patched.
pub async fn request_refresh(
    target: &ClusterTarget,
    namespace: &str,
    name: &str,
) -> Result<(), RefreshError> {
    let (client, _) = crate::cluster::connect_once(target).await?;
    refresh(&api(client, namespace), name)
        .await
        .map_err(|e| match &e {
            kube::Error::Api(s) if s.code == 404 => RefreshError::NotFound {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
            },
            kube::Error::Api(s) if s.code == 403 => RefreshError::Forbidden {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
            },
            _ => RefreshError::Access(AccessError::from_kube(&e, namespace)),
        })
}

/// Where an Application stands with respect to a pushed commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sync {
    /// Not yet at the pushed commit, or not yet Synced: what it says now.
    Waiting { status: String, revision: String },
    /// Synced to the pushed commit.
    Synced { health: String },
    /// ArgoCD tried the pushed commit and failed.
    Failed { message: String },
}

/// The Application's state for `pushed`; `repo` is the deploy repository, to pick its source's
/// revision out of a multi-source Application.
#[must_use]
pub fn sync_state(app: &Value, repo: &str, pushed: &str) -> Sync {
    let status = &app["status"];
    let revision = synced_revision(app, repo).unwrap_or_default();
    let sync_status = status["sync"]["status"].as_str().unwrap_or("Unknown");
    let operation = &status["operationState"];
    let phase = operation["phase"].as_str().unwrap_or_default();
    let op_revision = operation["syncResult"]["revision"]
        .as_str()
        .or_else(|| operation["operation"]["sync"]["revision"].as_str())
        .unwrap_or_default();
    let op_revisions: Vec<&str> = operation["syncResult"]["revisions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let about_pushed = op_revision == pushed || op_revisions.contains(&pushed);
    if matches!(phase, "Failed" | "Error") && about_pushed {
        return Sync::Failed {
            message: operation["message"]
                .as_str()
                .unwrap_or("the sync failed")
                .to_owned(),
        };
    }
    if sync_status == "Synced" && revision == pushed {
        return Sync::Synced {
            health: status["health"]["status"]
                .as_str()
                .unwrap_or("Unknown")
                .to_owned(),
        };
    }
    Sync::Waiting {
        status: sync_status.to_owned(),
        revision,
    }
}

/// The revision the Application is synced to: `status.sync.revision`, or for a multi-source
/// Application the entry of `status.sync.revisions` at the deploy repository's source index.
#[must_use]
pub fn synced_revision(app: &Value, repo: &str) -> Option<String> {
    let sync = &app["status"]["sync"];
    if let Some(sources) = app["spec"]["sources"].as_array() {
        let index = sources
            .iter()
            .position(|s| same_repo(s["repoURL"].as_str().unwrap_or_default(), repo))
            .unwrap_or(0);
        return sync["revisions"][index].as_str().map(str::to_owned);
    }
    sync["revision"].as_str().map(str::to_owned)
}

/// Git URLs that name the same repository (`.git`, a trailing slash and case do not matter).
fn same_repo(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        u.trim_end_matches('/')
            .trim_end_matches(".git")
            .to_ascii_lowercase()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PUSHED: &str = "4f1c2a9";
    const REPO: &str = "https://git.example.com/acme/deploy.git";

    fn app(spec: Value, status: Value) -> Value {
        json!({"spec": spec, "status": status})
    }

    // Long because it is a table: one fixture Application and its expected state per case.
    #[test]
    fn states_for_the_pushed_commit() {
        let single = json!({"source": {"repoURL": REPO}});
        let multi = json!({"sources": [{"repoURL": "https://charts.example.com"}, {"repoURL": "https://git.example.com/acme/deploy"}]});
        let cases = [
            (
                "synced to the previous commit",
                app(
                    single.clone(),
                    json!({"sync": {"status": "Synced", "revision": "0000000"}}),
                ),
                Sync::Waiting {
                    status: "Synced".into(),
                    revision: "0000000".into(),
                },
            ),
            (
                "out of sync at the pushed commit",
                app(
                    single.clone(),
                    json!({"sync": {"status": "OutOfSync", "revision": PUSHED}}),
                ),
                Sync::Waiting {
                    status: "OutOfSync".into(),
                    revision: PUSHED.into(),
                },
            ),
            (
                "synced",
                app(
                    single.clone(),
                    json!({"sync": {"status": "Synced", "revision": PUSHED}, "health": {"status": "Progressing"}}),
                ),
                Sync::Synced {
                    health: "Progressing".into(),
                },
            ),
            (
                "multi-source picks the deploy repo's revision",
                app(
                    multi.clone(),
                    json!({"sync": {"status": "Synced", "revisions": ["1.2.0", PUSHED]}, "health": {"status": "Healthy"}}),
                ),
                Sync::Synced {
                    health: "Healthy".into(),
                },
            ),
            (
                "multi-source with the chart at the pushed text is not synced",
                app(
                    multi,
                    json!({"sync": {"status": "Synced", "revisions": [PUSHED, "0000000"]}}),
                ),
                Sync::Waiting {
                    status: "Synced".into(),
                    revision: "0000000".into(),
                },
            ),
            (
                "sync of the pushed commit failed",
                app(
                    single.clone(),
                    json!({"sync": {"status": "OutOfSync", "revision": PUSHED}, "operationState": {"phase": "Failed", "message": "one or more objects failed to apply", "syncResult": {"revision": PUSHED}}}),
                ),
                Sync::Failed {
                    message: "one or more objects failed to apply".into(),
                },
            ),
            (
                "an old failure is not ours",
                app(
                    single,
                    json!({"sync": {"status": "OutOfSync", "revision": "0000000"}, "operationState": {"phase": "Failed", "message": "old", "syncResult": {"revision": "0000000"}}}),
                ),
                Sync::Waiting {
                    status: "OutOfSync".into(),
                    revision: "0000000".into(),
                },
            ),
        ];
        for (name, app, want) in cases {
            assert_eq!(sync_state(&app, REPO, PUSHED), want, "{name}");
        }
    }
}
