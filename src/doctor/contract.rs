//! The contract's scripts in the source tree, and whether the image gets them.

use std::path::Path;

use crate::detect::Project;

use super::Finding;

/// `ungleich/init`, `ungleich/run` (and `ungleich/async` when the app runs a worker): present,
/// executable, and copied by the Dockerfile.
#[must_use]
pub fn contract(root: &Path, project: &Project, async_worker: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut names = vec![("init", "contract.init"), ("run", "contract.run")];
    if async_worker || project.worker.is_some() {
        names.push(("async", "contract.async"));
    }
    for (name, check) in names {
        let path = root.join("ungleich").join(name);
        let shown = format!("ungleich/{name}");
        out.push(match std::fs::metadata(&path) {
            Err(_) if name == "async" && !async_worker => Finding::warn(
                check,
                format!("{shown} is missing, although the project has a worker"),
                "run `ungleich-django init --async` to write it, and set `async: true` in app.yaml",
            ),
            Err(_) => Finding::fail(
                check,
                format!("{shown} is missing"),
                "run `ungleich-django init` to write it",
            ),
            Ok(meta) if !is_executable(&meta) => Finding::fail(
                check,
                format!("{shown} is not executable"),
                format!("chmod +x {shown} && git add --chmod=+x {shown}"),
            ),
            Ok(_) => Finding::ok(check, format!("{shown} is present and executable")),
        });
    }
    match std::fs::read_to_string(root.join("Dockerfile")) {
        Err(_) => out.push(Finding::warn(
            "contract.dockerfile",
            "no Dockerfile: the image must contain the contract's programs",
            "run `ungleich-django init` to write one, or copy ungleich/ into your image",
        )),
        Ok(text) => {
            let copied = ["ungleich/init", "ungleich/run"]
                .iter()
                .all(|s| text.contains(s));
            out.push(if copied {
                Finding::ok(
                    "contract.dockerfile",
                    "the Dockerfile copies the scripts into the image",
                )
            } else {
                Finding::fail(
                    "contract.dockerfile",
                    "the Dockerfile does not copy ungleich/init and ungleich/run into the image",
                    "add the COPY lines `ungleich-django init` prints",
                )
            });
        }
    }
    out
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 == 0o111
}

#[cfg(not(unix))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    true
}
