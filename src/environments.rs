//! Every environment of the app at once: what each one's app.yaml asks for and what runs in its
//! namespace. Data only; `environments` and `status --all-envs` show it, `ui::environments` draws
//! the table. One environment that cannot be read does not hide the others: its row says why.

use serde::Serialize;

use crate::cluster::verdict::Verdict;
use crate::cluster::{ClusterTarget, status};
use crate::gitops::{Auth, DeployRepo};
use crate::link::{Link, LinkError, LinkFile};
use crate::spec::{self, AppSpec};

/// One environment as `environments` and `status --all-envs` show it.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentRow {
    pub environment: String,
    pub app: String,
    pub namespace: String,
    /// The image app.yaml asks for.
    pub desired_image: Option<String>,
    /// The images ready pods run now.
    pub running_images: Vec<String>,
    /// ArgoCD's sync status, when the Application can be read.
    pub sync: Option<String>,
    /// ArgoCD's health, else the release's verdict (`live`, `rolling-out`, `failed`, `not-found`).
    pub health: Option<String>,
    /// Ready pods of all pods, `2/3`.
    pub pods: Option<String>,
    /// What could not be read (the deploy repository, the cluster), in one line.
    pub problem: Option<String>,
}

/// The row of every environment of `file` (as found, before one is selected), the default
/// first. `auth` gives the deploy repository's authentication, `target` the cluster of a view.
///
/// # Errors
/// When the file's environments cannot be selected (never, for a file that loaded).
pub async fn survey_all(
    file: &LinkFile,
    auth: impl Fn() -> Auth,
    target: impl Fn(&Link) -> ClusterTarget,
) -> Result<Vec<EnvironmentRow>, LinkError> {
    let mut rows = Vec::new();
    for name in file.link.environment_names() {
        let view = file.clone().select(Some(&name))?;
        let desired = desired_image(&view, auth()).map_err(|e| format!("{e:#}"));
        rows.push(survey(&name, &view, desired, &target(&view.link)).await);
    }
    Ok(rows)
}

/// The image environment `link`'s app.yaml asks for.
///
/// # Errors
/// When the deploy repository or app.yaml cannot be read.
pub fn desired_image(link: &LinkFile, auth: Auth) -> anyhow::Result<Option<String>> {
    let repo = DeployRepo::open_with(link, auth)?;
    Ok(AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?.image)
}

/// The row of environment `name` (`link` is its view): `desired` from its app.yaml (or why
/// not), the rest from the cluster `target`.
pub async fn survey(
    name: &str,
    link: &LinkFile,
    desired: Result<Option<String>, String>,
    target: &ClusterTarget,
) -> EnvironmentRow {
    let l = &link.link;
    let (desired_image, mut problem) = match desired {
        Ok(image) => (image, None),
        Err(why) => (None, Some(why)),
    };
    let mut row = EnvironmentRow {
        environment: name.to_owned(),
        app: l.app.clone(),
        namespace: target
            .namespace
            .clone()
            .unwrap_or_else(|| l.namespace.clone()),
        desired_image,
        running_images: Vec::new(),
        sync: None,
        health: None,
        pods: None,
        problem: None,
    };
    let (argocd_ns, application) = l.argocd_application();
    let read = async {
        let (client, namespace) = crate::cluster::connect(target).await?;
        let state = status::read(
            client,
            &namespace,
            &l.app,
            Some((&argocd_ns, &application)),
            &l.deploy.repo,
            row.desired_image.as_deref(),
        )
        .await?;
        anyhow::Ok(state)
    };
    match read.await {
        Ok(state) => {
            let ready = state.pods.iter().filter(|p| is_ready(&p.ready)).count();
            row.pods = Some(format!("{ready}/{}", state.pods.len()));
            row.running_images = state.serving;
            row.sync = state.application.as_ref().map(|a| a.sync.clone());
            row.health = Some(
                state
                    .application
                    .as_ref()
                    .map_or_else(|| verdict_word(&state.verdict), |a| a.health.clone()),
            );
        }
        Err(e) => {
            let why = format!("{e:#}");
            problem = Some(problem.map_or(why.clone(), |p| format!("{p}; {why}")));
        }
    }
    row.problem = problem;
    row
}

/// `1/1` is ready; `0/1` and `1/2` are not.
fn is_ready(ready: &str) -> bool {
    ready
        .split_once('/')
        .is_some_and(|(a, b)| a == b && a != "0")
}

/// The verdict in one word, for an app whose ArgoCD Application cannot be read.
fn verdict_word(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Live => "live",
        Verdict::RollingOut { .. } => "rolling-out",
        Verdict::Failed { .. } => "failed",
        Verdict::NotFound => "not-found",
    }
    .to_owned()
}
