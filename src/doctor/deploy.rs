//! The link file, the deploy repository and the app spec in it.

use crate::gitops::DeployRepo;
use crate::link::{LinkError, LinkFile};
use crate::spec::{self, AppSpec};

use super::Finding;

/// The link file, whether its deploy repository opens, and whether app.yaml there is valid.
/// Returns the spec when it could be read, for the checks that depend on it.
#[must_use]
pub fn deploy(link: Result<&LinkFile, &LinkError>) -> (Vec<Finding>, Option<AppSpec>) {
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
            return (out, None);
        }
    };
    let repo = match DeployRepo::open(link) {
        Ok(repo) => {
            out.push(Finding::ok(
                "deploy.repository",
                format!("the deploy repository {} opens", repo.root().display()),
            ));
            repo
        }
        Err(e) => {
            let fix = crate::exit::Classify::hint(&e)
                .unwrap_or_else(|| "check deploy.repo in the link file".to_owned());
            out.push(Finding::fail("deploy.repository", e.to_string(), fix));
            return (out, None);
        }
    };
    let path = repo.app_dir(&link.link).join(spec::FILE_NAME);
    match AppSpec::load(&path) {
        Ok(spec) => {
            out.push(Finding::ok(
                "deploy.app_spec",
                format!("{} is valid", path.display()),
            ));
            (out, Some(spec))
        }
        Err(e) => {
            let fix = crate::exit::Classify::hint(&e)
                .unwrap_or_else(|| "run `ungleich-django init` to write it".to_owned());
            out.push(Finding::fail("deploy.app_spec", e.to_string(), fix));
            (out, None)
        }
    }
}
