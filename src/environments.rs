//! Every environment of the app at once: what each one's app.yaml asks for and what runs in its
//! namespace. Data only; `environments` and `status --all-envs` show it, `ui::environments` draws
//! the table. One environment that cannot be read does not hide the others: its row says why.

use serde::Serialize;

use crate::cluster::verdict::Verdict;
use crate::cluster::{ClusterTarget, status};
use crate::exit::{Classify, ExitCode};
use crate::gitops::{Auth, DeployRepo, GitError};
use crate::link::{Link, LinkError, LinkFile};
use crate::spec::{self, AppSpec, SpecError};

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
    /// The code `status -e` would end with for this environment: the release's verdict, or the
    /// class of what could not be read.
    #[serde(skip)]
    pub exit_code: ExitCode,
}

/// The code of the worst environment, which `status --all-envs` ends with: a failed release
/// (10-17) before an environment that could not be judged (its deploy repository or cluster
/// unreadable: 3, 4, 5, 1) before one not deployed (6) before success; among equals, the first
/// in the table's order.
#[must_use]
pub fn worst_exit_code(rows: &[EnvironmentRow]) -> ExitCode {
    let severity = |code: ExitCode| match code {
        ExitCode::Success => 0,
        ExitCode::NotFound => 1,
        code if code.code() >= 10 => 3,
        _ => 2,
    };
    rows.iter()
        .map(|row| row.exit_code)
        .fold(ExitCode::Success, |worst, code| {
            if severity(code) > severity(worst) {
                code
            } else {
                worst
            }
        })
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
        let desired = desired_image(&view, auth()).map_err(|e| (format!("{e:#}"), code_of(&e)));
        rows.push(survey(&name, &view, desired, &target(&view.link)).await);
    }
    Ok(rows)
}

/// The class of an error reading the deploy repository or app.yaml, as `status` would exit.
fn code_of(e: &anyhow::Error) -> ExitCode {
    e.chain()
        .find_map(|cause| {
            cause
                .downcast_ref::<GitError>()
                .map(Classify::exit_code)
                .or_else(|| cause.downcast_ref::<SpecError>().map(Classify::exit_code))
        })
        .unwrap_or(ExitCode::Failure)
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
    desired: Result<Option<String>, (String, ExitCode)>,
    target: &ClusterTarget,
) -> EnvironmentRow {
    let l = &link.link;
    let (desired_image, mut problem, unreadable) = match desired {
        Ok(image) => (image, None, None),
        Err((why, code)) => (None, Some(why), Some(code)),
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
        exit_code: ExitCode::Success,
    };
    let (argocd_ns, application) = l.argocd_application();
    let read = async {
        let (client, namespace) = crate::cluster::connect(target)
            .await
            .map_err(|e| (format!("{e:#}"), e.exit_code()))?;
        status::read(
            client,
            &namespace,
            &l.app,
            Some((&argocd_ns, &application)),
            &l.deploy.repo,
            row.desired_image.as_deref(),
        )
        .await
        .map_err(|e| (format!("{e:#}"), e.exit_code()))
    };
    match read.await {
        Ok(state) => {
            row.exit_code = unreadable.unwrap_or_else(|| state.verdict.exit_code());
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
        Err((why, code)) => {
            row.exit_code = unreadable.unwrap_or(code);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(exit_code: ExitCode) -> EnvironmentRow {
        EnvironmentRow {
            environment: String::new(),
            app: String::new(),
            namespace: String::new(),
            desired_image: None,
            running_images: Vec::new(),
            sync: None,
            health: None,
            pods: None,
            problem: None,
            exit_code,
        }
    }

    #[test]
    fn the_worst_code_is_a_failed_release_then_an_unjudged_one_then_not_found() {
        use ExitCode::{ClusterAccess, CrashLoop, NotFound, Success, SyncFailed};
        for (codes, worst) in [
            (&[][..], Success),
            (&[Success, Success][..], Success),
            (&[Success, NotFound][..], NotFound),
            (&[NotFound, ClusterAccess][..], ClusterAccess),
            (&[ClusterAccess, CrashLoop, NotFound][..], CrashLoop),
            (&[SyncFailed, CrashLoop][..], SyncFailed),
        ] {
            let rows: Vec<EnvironmentRow> = codes.iter().copied().map(row).collect();
            assert_eq!(worst_exit_code(&rows), worst, "{codes:?}");
        }
    }
}
