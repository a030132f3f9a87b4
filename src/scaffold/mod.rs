//! Renders the files `init` writes into the source repository, and the lines a Dockerfile the
//! customer keeps lacks. Never writes: the command decides what to do with each file (create,
//! keep, update, print).

mod docker;
mod scripts;

use crate::detect::{ExistingDockerfile, Project, verify};

pub use docker::{WORKDIR, copy_lines};
pub use scripts::{MIGRATE_LOCK_KEY, ScriptSettings, run_command};

/// Where the image keeps the contract's programs (app.yaml `commands`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePaths {
    pub init: String,
    pub run: String,
    pub async_worker: String,
}

/// Where taken contract paths go instead.
const FALLBACK_DIR: &str = "/ungleich";

impl ImagePaths {
    /// The contract's paths, except those the image already uses for something else, which move
    /// to `/ungleich/NAME`.
    ///
    /// `/run` is always taken: every Linux base image (Debian's python:*-slim, Ubuntu, Alpine)
    /// has a `/run` directory with `/var/run` linking to it, and Kubernetes mounts the
    /// service-account token at `/var/run/secrets/kubernetes.io/serviceaccount`. A file at `/run`
    /// makes that mount fail ("openat2 .../rootfs/var/run: not a directory", kubernetes/kubernetes
    /// issue 136210 shows the same error path), and `COPY x /run` would land inside the directory.
    /// s6-overlay images (paperless-ngx) run `/init` as their ENTRYPOINT.
    #[must_use]
    pub fn for_image(dockerfile: Option<&ExistingDockerfile>) -> Self {
        let taken = |path: &str| {
            path == "/run" || dockerfile.is_some_and(|d| d.taken_paths.iter().any(|t| t == path))
        };
        let pick = |name: &str| {
            let contract = format!("/{name}");
            if taken(&contract) {
                format!("{FALLBACK_DIR}/{name}")
            } else {
                contract
            }
        };
        ImagePaths {
            init: pick("init"),
            run: pick("run"),
            async_worker: pick("async"),
        }
    }
}

/// One file init may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Relative to the repository root.
    pub path: String,
    pub contents: String,
    pub executable: bool,
}

/// Everything for the source repository: the scripts, and a Dockerfile and .dockerignore
/// (written only when absent; the command decides).
#[must_use]
pub fn render(project: &Project, with_worker: bool, paths: &ImagePaths) -> Vec<Rendered> {
    let settings = ScriptSettings {
        app_dir_in_image: app_dir_in_image(project),
        settings_module: project.settings_module.clone(),
    };
    let script = |name: &str, contents: String| Rendered {
        path: format!("ungleich/{name}"),
        contents,
        executable: true,
    };
    let mut files = vec![script("init", scripts::init(&settings))];
    let run = scripts::run(project, &settings);
    let added = run
        .as_deref()
        .map(|r| image_adds(project, r))
        .unwrap_or_default();
    files.extend(run.map(|run| script("run", run)));
    if with_worker && let Some(worker) = &project.worker {
        files.push(script(
            "async",
            scripts::worker(&worker.command, worker.scheduler.as_deref(), &settings),
        ));
    }
    files.push(Rendered {
        path: "Dockerfile".to_owned(),
        contents: docker::dockerfile(&for_docker(project, with_worker), paths, &added),
        executable: false,
    });
    files.push(Rendered {
        path: ".dockerignore".to_owned(),
        contents: docker::dockerignore(),
        executable: false,
    });
    files
}

/// The packages `/run` execs that the dependencies lack (the server, and uvicorn for gunicorn's
/// uvicorn worker class): the Dockerfile init writes installs them.
#[must_use]
pub fn image_adds(project: &Project, run_script: &str) -> Vec<String> {
    let dependencies = &project.dependencies;
    let mut out = Vec::new();
    for words in verify::exec_lines(run_script) {
        let mut needed: Vec<String> = verify::package_of(&words[0])
            .map(str::to_owned)
            .into_iter()
            .collect();
        if words.iter().any(|w| w.starts_with("uvicorn.workers.")) {
            needed.push("uvicorn".to_owned());
        }
        if words.iter().any(|w| w.starts_with("uvicorn_worker.")) {
            needed.push("uvicorn-worker".to_owned());
        }
        out.extend(needed.into_iter().filter(|p| !dependencies.contains(p)));
    }
    out
}

/// The `COPY` lines a Dockerfile the customer keeps lacks (empty when it copies every script
/// the app runs): what init prints for the customer to add.
#[must_use]
pub fn missing_copy_lines(
    project: &Project,
    with_worker: bool,
    paths: &ImagePaths,
    dockerfile: &str,
) -> Vec<String> {
    copy_lines(&for_docker(project, with_worker), paths, true)
        .lines()
        .filter(|l| !dockerfile.contains(l.trim_start_matches("COPY --chmod=0755 ")))
        .map(str::to_owned)
        .collect()
}

/// The project as the image sees it: without its worker when the app does not run one.
fn for_docker(project: &Project, with_worker: bool) -> Project {
    let mut for_docker = project.clone();
    if !with_worker {
        for_docker.worker = None;
    }
    for_docker
}

/// manage.py's folder inside the image: below the generated Dockerfile's WORKDIR, or, for an
/// existing Dockerfile, its WORKDIR when that already is manage.py's folder (paperless-ngx's
/// `WORKDIR /usr/src/paperless/src`), else the project's folder below it.
#[must_use]
pub fn app_dir_in_image(project: &Project) -> String {
    let app_dir = project.app_dir();
    let kept = project
        .dockerfile
        .as_ref()
        .and_then(|d| d.workdir.clone())
        .map(|w| w.trim_end_matches('/').to_owned());
    // Only a kept Dockerfile's WORKDIR may already be manage.py's folder: the generated one's
    // `/app` is the repository root even when manage.py lives in a folder named `app`.
    let already_there = kept
        .as_ref()
        .is_some_and(|w| w.ends_with(&format!("/{app_dir}")));
    let base = kept.unwrap_or_else(|| WORKDIR.to_owned());
    if app_dir == "." || already_there {
        base
    } else {
        format!("{base}/{app_dir}")
    }
}

#[cfg(test)]
mod tests;
