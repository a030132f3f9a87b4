//! The link file, the deploy repository and the app spec in it.

use std::path::PathBuf;

use crate::gitops::DeployRepo;
use crate::link::{LinkError, LinkFile};
use crate::spec::{self, AppSpec};

use super::Finding;

/// What the deploy checks found, with what later checks need.
#[derive(Debug, Default)]
pub struct DeployCheck {
    /// The findings.
    pub findings: Vec<Finding>,
    /// The app spec, when it could be read.
    pub spec: Option<AppSpec>,
    /// The app's folder in the deploy repository's work tree, when the repository opened.
    pub app_dir: Option<PathBuf>,
}

/// The link file, whether its deploy repository opens (authenticating with `auth`), and
/// whether app.yaml there is valid.
#[must_use]
pub fn deploy(link: Result<&LinkFile, &LinkError>, auth: crate::gitops::Auth) -> DeployCheck {
    let mut out = Vec::new();
    let link = match link {
        Ok(link) => {
            out.push(Finding::ok(
                "deploy.link",
                format!(
                    "{} links app {} to {}",
                    link.path.display(),
                    link.link.app,
                    crate::gitops::redact_url(&link.link.deploy.repo)
                ),
            ));
            link
        }
        Err(e) => {
            out.push(Finding::fail(
                "deploy.link",
                e.to_string(),
                "run `ungleich-django init`",
            ));
            return DeployCheck {
                findings: out,
                ..DeployCheck::default()
            };
        }
    };
    let deploy = &link.link.deploy;
    let repo = match DeployRepo::open_with(link, auth) {
        Ok(repo) => {
            // The repository as the user named it: a cached clone's path means nothing to them.
            let shown = if deploy.is_remote() {
                format!(
                    "{} (branch {})",
                    crate::gitops::redact_url(&deploy.repo),
                    deploy.branch
                )
            } else {
                repo.root().display().to_string()
            };
            out.push(Finding::ok(
                "deploy.repository",
                format!("the deploy repository {shown} opens"),
            ));
            repo
        }
        Err(e) => {
            let fix = crate::exit::Classify::hint(&e)
                .unwrap_or_else(|| "check deploy.repo in the link file".to_owned());
            out.push(Finding::fail("deploy.repository", e.to_string(), fix));
            return DeployCheck {
                findings: out,
                ..DeployCheck::default()
            };
        }
    };
    let app_dir = repo.app_dir(&link.link);
    let path = app_dir.join(spec::FILE_NAME);
    match AppSpec::load(&path) {
        Ok(spec) => {
            out.push(Finding::ok(
                "deploy.app_spec",
                format!("{} is valid", deploy.shown(&deploy.spec_path())),
            ));
            DeployCheck {
                findings: out,
                spec: Some(spec),
                app_dir: Some(app_dir),
            }
        }
        Err(e) => {
            let fix = crate::exit::Classify::hint(&e)
                .unwrap_or_else(|| "run `ungleich-django init` to write it".to_owned());
            out.push(Finding::fail("deploy.app_spec", e.to_string(), fix));
            DeployCheck {
                findings: out,
                spec: None,
                app_dir: Some(app_dir),
            }
        }
    }
}
