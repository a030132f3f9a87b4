//! The contract's scripts in the source tree, and whether the image gets them.

use std::path::Path;

use crate::detect::Project;
use crate::spec::AppSpec;

use super::Finding;

/// `ungleich/init`, `ungleich/run` (and `ungleich/async` when the app runs a worker): present,
/// executable, and copied by the Dockerfile.
#[must_use]
pub fn contract(root: &Path, project: &Project, spec: Option<&AppSpec>) -> Vec<Finding> {
    let async_worker = spec.is_some_and(|s| s.async_worker);
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
            if copied && let Some(spec) = spec {
                out.push(paths_match(&text, spec));
            }
        }
    }
    out
}

/// app.yaml `commands` name the paths the Dockerfile copies the scripts to.
fn paths_match(dockerfile: &str, spec: &AppSpec) -> Finding {
    let mut wanted = vec![("init", &spec.commands.init), ("run", &spec.commands.run)];
    if spec.async_worker {
        wanted.push(("async", &spec.commands.async_worker));
    }
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(name, path)| {
            !dockerfile.lines().any(|l| {
                l.contains(&format!("ungleich/{name} ")) && l.trim_end().ends_with(path.as_str())
            })
        })
        .map(|(name, path)| format!("ungleich/{name} to {path}"))
        .collect();
    if missing.is_empty() {
        Finding::ok(
            "contract.paths",
            "app.yaml `commands` match where the Dockerfile puts the scripts",
        )
    } else {
        Finding::fail(
            "contract.paths",
            format!(
                "the Dockerfile does not copy {} (app.yaml `commands`)",
                missing.join(", ")
            ),
            "make the COPY targets and app.yaml `commands` name the same paths",
        )
    }
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
