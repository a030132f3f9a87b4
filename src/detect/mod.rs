//! Reads a Django project and says what it is, without running any of its code. Anything it
//! cannot tell is `None`/`Unknown`: the caller decides whether to ask.

pub mod app_name;
pub mod cron;
pub mod deps;
pub(crate) mod dockerfile;
mod python_literal;
pub mod runs;
pub(crate) mod settings;
mod source;
pub mod verify;
mod worker;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use deps::{DEFAULT_PYTHON, Dependencies, PackageManager};
pub use dockerfile::ExistingDockerfile;
pub use runs::Evidence;
pub use settings::{DatabaseConfig, SettingsChoice, ValueSource};
pub use worker::{Framework, Worker};

/// The production servers `/run` knows, in the order one is preferred when several are listed.
pub const SERVERS: &[&str] = &[
    "gunicorn",
    "uvicorn",
    "daphne",
    "hypercorn",
    "granian",
    "uwsgi",
];

/// The settings production depends on, and where each comes from.
pub const PRODUCTION_SETTINGS: &[&str] = &[
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "STATIC_ROOT",
    "MEDIA_ROOT",
];

/// A Django project as detection sees it. Paths are relative to the repository root.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    /// The repository root, as given (`.`).
    pub root: String,
    /// manage.py.
    pub manage_py: String,
    /// The settings module production uses.
    pub settings_module: Option<String>,
    /// `module:callable`.
    pub wsgi_application: Option<String>,
    /// `module:callable`.
    pub asgi_application: Option<String>,
    /// The first of [`SERVERS`] among the dependencies.
    pub server: Option<String>,
    /// The background worker.
    pub worker: Option<Worker>,
    /// The package manager; `None` when no dependency file was found.
    pub package_manager: Option<PackageManager>,
    /// `X.Y`.
    pub python_version: Option<String>,
    /// How the settings read the database.
    pub database_config: DatabaseConfig,
    /// `wsgi` or `asgi`: what `/run` serves (ASGI when the settings name an ASGI application or
    /// the only server is an ASGI one).
    pub interface: Interface,
    /// manage.py's default settings module, when production uses another one.
    pub settings_default: Option<String>,
    /// Every settings module, when there are several.
    pub settings_candidates: Vec<String>,
    /// The lock file (for pip, the requirements file) the image installs from.
    pub lock_file: Option<String>,
    /// The dependency declaration (`pyproject.toml`, `Pipfile`, `setup.py`).
    pub manifest: Option<String>,
    /// A `requirements/` folder whose files include each other.
    pub requirements_dir: Option<String>,
    /// Where the Python version came from.
    pub python_version_source: Option<String>,
    /// whitenoise is installed.
    pub whitenoise: bool,
    /// uvicorn's gunicorn worker class lives in the `uvicorn-worker` package.
    pub uvicorn_worker_package: bool,
    /// uvicorn is installed (gunicorn serves ASGI through its worker class).
    pub uvicorn_installed: bool,
    /// The production settings and where each value comes from.
    pub settings_sources: std::collections::BTreeMap<String, ValueSource>,
    /// `DEBUG` written as `True` in the settings.
    pub debug_hard_coded_true: bool,
    /// The Dockerfile that exists already.
    pub dockerfile: Option<ExistingDockerfile>,
    /// A database driver that must be compiled (psycopg2 without -binary, psycopg[c],
    /// mysqlclient).
    pub needs_build_tools: bool,
    /// psycopg 3 without its `binary` extra: it loads the system's libpq at run time, which the
    /// slim Python image does not have.
    pub needs_libpq: bool,
    /// Every manage.py found, when there are several (the choice is `--manage-py`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub manage_py_candidates: Vec<String>,
    /// The `module:callable` entry points found in the tree, for the question when the one to
    /// serve is not known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub application_candidates: Vec<String>,
    /// The Celery apps (`-A` values) found in the code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub celery_candidates: Vec<String>,
    /// Packages a Dockerfile of the project installs by hand (`RUN pip install gunicorn`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hand_installed: Vec<String>,
    /// For every detected field, the file and line it came from.
    pub evidence: std::collections::BTreeMap<String, Evidence>,
    /// Scheduled work the project declares (django-crontab's `CRONJOBS`, crontab files, a
    /// Procfile clock), each where it was found and whether it can be a `cron:` entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cron: Vec<cron::CronFinding>,
    /// The normalised names of the dependencies the image installs.
    #[serde(skip)]
    pub dependencies: std::collections::BTreeSet<String>,
}

/// What `/run` serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    Wsgi,
    Asgi,
}

/// No manage.py: this is not a Django project (or it is deeper than detection looks).
#[derive(Debug, thiserror::Error)]
#[error("no manage.py in {} (looked through the tree, five folders deep, skipping tests, docs, node_modules, virtualenvs and vendored code)", root.display())]
pub struct NotDjango {
    /// Where detection looked.
    pub root: PathBuf,
}

impl crate::exit::Classify for NotDjango {
    fn exit_code(&self) -> crate::exit::ExitCode {
        crate::exit::ExitCode::InvalidInput
    }
    fn hint(&self) -> Option<String> {
        Some(
            "run init in your Django project's repository, or pass -C DIR (or --manage-py PATH)"
                .to_owned(),
        )
    }
}

impl Project {
    /// manage.py's folder, relative to the root (`.` at the root).
    #[must_use]
    pub fn app_dir(&self) -> String {
        match Path::new(&self.manage_py).parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_string_lossy().into_owned(),
            _ => ".".to_owned(),
        }
    }

    /// Where a production setting comes from.
    #[must_use]
    pub fn setting_source(&self, name: &str) -> ValueSource {
        self.settings_sources
            .get(name)
            .copied()
            .unwrap_or(ValueSource::Missing)
    }
}

/// Every manage.py of the project below `root`, relative to it, shallowest first.
#[must_use]
pub fn manage_py_candidates(root: &Path) -> Vec<String> {
    settings::manage_py_candidates(root)
        .iter()
        .map(|p| rel(root, p))
        .collect()
}

/// The manage.py detection takes without asking (at the root, in `src/`, or the only one).
#[must_use]
pub fn preferred_manage_py(root: &Path) -> Option<String> {
    let candidates = settings::manage_py_candidates(root);
    settings::preferred_manage_py(root, &candidates).map(|p| rel(root, &p))
}

/// Detects the project whose repository root is `root`, with the manage.py it prefers (else the
/// shallowest).
///
/// # Errors
/// When there is no manage.py.
pub fn detect(root: &Path) -> Result<Project, NotDjango> {
    let candidates = settings::manage_py_candidates(root);
    let manage = settings::preferred_manage_py(root, &candidates)
        .or_else(|| candidates.first().cloned())
        .ok_or_else(|| NotDjango {
            root: root.to_owned(),
        })?;
    Ok(detect_at(root, &manage))
}

/// Detects the project of the manage.py at `manage` (absolute, or relative to `root`).
// Longer than a screen because it assembles `Project` field by field; every decision lives in
// the helpers it calls (`serving`, `worker::detect`, `file_evidence`, ...).
#[must_use]
pub fn detect_at(root: &Path, manage: &Path) -> Project {
    let manage = root.join(manage);
    let app_dir = manage.parent().unwrap_or(root).to_owned();
    let manage_text = source::read(&manage);
    let choice = settings::manage_py_default(&manage_text)
        .or_else(|| guess_settings_module(&app_dir))
        .map(|default| settings::choose_settings(&app_dir, &default));
    let settings_module = choice.as_ref().map(|c| c.module.clone());
    let text = settings_module
        .as_deref()
        .map(|m| settings::settings_text(&app_dir, m))
        .unwrap_or_default();
    let deps = deps::detect(root, &app_dir);
    let runs = runs::commands(root);
    let mut evidence = std::collections::BTreeMap::new();
    let Serving {
        wsgi,
        asgi,
        server,
        interface,
    } = serving(
        root,
        &app_dir,
        settings_module.as_deref(),
        &text,
        &deps,
        &runs,
        &mut evidence,
    );
    let settings_sources = PRODUCTION_SETTINGS
        .iter()
        .map(|name| ((*name).to_owned(), settings::value_source(&text, name)))
        .collect();
    let worker = worker::detect(&app_dir, &deps, &text, runs::celery(&runs));
    if let Some(w) = &worker {
        evidence.insert("worker".to_owned(), worker_evidence(root, &app_dir, w));
    }
    file_evidence(
        root,
        &manage,
        &manage_text,
        settings_module.as_deref(),
        &deps,
        &mut evidence,
    );
    let all_manage = manage_py_candidates(root);
    let hand_installed: Vec<String> = runs::hand_installed(root)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let application_candidates = entry_point_candidates(root, &app_dir)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let scheduled = cron::detect(
        root,
        &rel(root, &manage),
        &app_dir,
        settings_module.as_deref(),
    );
    Project {
        root: ".".to_owned(),
        manage_py: rel(root, &manage),
        wsgi_application: wsgi,
        asgi_application: asgi,
        server,
        celery_candidates: worker::celery_apps(&app_dir),
        worker,
        package_manager: deps.manager,
        python_version: deps.python_version.clone(),
        database_config: settings::database_config(&text),
        interface,
        settings_default: choice.as_ref().and_then(|c| c.manage_py_default.clone()),
        settings_candidates: choice.map(|c| c.candidates).unwrap_or_default(),
        settings_module,
        lock_file: deps.lock_file.clone(),
        manifest: deps.manifest.clone(),
        requirements_dir: deps.requirements_dir.clone(),
        python_version_source: deps.python_version_source.clone(),
        whitenoise: deps.has("whitenoise") || text.contains("whitenoise"),
        uvicorn_worker_package: deps.has("uvicorn-worker"),
        uvicorn_installed: deps.has("uvicorn") || deps.has("uvicorn-worker"),
        settings_sources,
        debug_hard_coded_true: settings::literal_bool(&text, "DEBUG") == Some(true),
        dockerfile: dockerfile::read(root),
        needs_build_tools: (deps.has("psycopg2") && !deps.has("psycopg2-binary"))
            || deps.has("psycopg[c]")
            || deps.has("mysqlclient"),
        needs_libpq: deps.has("psycopg")
            && !deps.has("psycopg[binary]")
            && !deps.has("psycopg-binary"),
        manage_py_candidates: if all_manage.len() > 1 {
            all_manage
        } else {
            Vec::new()
        },
        application_candidates,
        hand_installed,
        evidence,
        cron: scheduled,
        dependencies: deps.names.clone(),
    }
}

/// What `/run` serves and with what.
struct Serving {
    wsgi: Option<String>,
    asgi: Option<String>,
    server: Option<String>,
    interface: Interface,
}

/// The entry points, the server and the interface: what the project runs first, then the
/// settings, the files beside them, the only entry point of its kind in the tree, and the
/// dependencies. Records the evidence of each.
fn serving(
    root: &Path,
    app_dir: &Path,
    settings_module: Option<&str>,
    text: &str,
    deps: &Dependencies,
    runs: &[runs::RunCommand],
    evidence: &mut std::collections::BTreeMap<String, Evidence>,
) -> Serving {
    let (mut wsgi, mut asgi) = match settings_module {
        Some(module) => (
            settings::entry_point(app_dir, module, text, "WSGI"),
            settings::entry_point(app_dir, module, text, "ASGI"),
        ),
        None => (None, None),
    };
    let candidates = entry_point_candidates(root, app_dir);
    // Without a setting or a file beside the settings: the only entry point of its kind in the
    // tree (an `asgi/` package elsewhere), never a guessed name.
    for (kind, slot) in [("wsgi", &mut wsgi), ("asgi", &mut asgi)] {
        let of_kind: Vec<&(String, Evidence)> = candidates
            .iter()
            .filter(|(t, _)| {
                t.split(':')
                    .next()
                    .is_some_and(|m| m.split('.').any(|p| p == kind))
            })
            .collect();
        if slot.is_none()
            && let [(target, _)] = of_kind.as_slice()
        {
            *slot = Some(target.clone());
        }
        if let Some(target) = slot.as_ref()
            && let Some((_, found)) = candidates.iter().find(|(t, _)| t == target)
        {
            evidence.insert(format!("{kind}_application"), found.clone());
        }
    }
    let used = runs::server(root, runs);
    let server = used.as_ref().map(|u| u.server.clone()).or_else(|| {
        SERVERS
            .iter()
            .find(|s| deps.has(s))
            .map(|s| (*s).to_owned())
    });
    let asgi_setting = source::string_assignment(text, "ASGI_APPLICATION").is_some();
    let mut interface = match server.as_deref() {
        _ if asgi_setting && asgi.is_some() => Interface::Asgi,
        Some("uvicorn" | "daphne" | "hypercorn") if asgi.is_some() => Interface::Asgi,
        _ if wsgi.is_none() && asgi.is_some() => Interface::Asgi,
        _ => Interface::Wsgi,
    };
    // What the project runs outranks what its files suggest.
    if let Some(used) = &used {
        if let Some(i) = used.interface {
            interface = i;
        }
        if let Some(target) = &used.target {
            match interface {
                Interface::Wsgi => wsgi = Some(target.clone()),
                Interface::Asgi => asgi = Some(target.clone()),
            }
            let key = match interface {
                Interface::Wsgi => "wsgi_application",
                Interface::Asgi => "asgi_application",
            };
            evidence.insert(key.to_owned(), used.evidence.clone());
        }
        evidence.insert("server".to_owned(), used.evidence.clone());
        evidence.insert("interface".to_owned(), used.evidence.clone());
    } else if let Some(server) = &server {
        evidence.extend(deps_evidence(root, deps, "server", server));
    }
    Serving {
        wsgi,
        asgi,
        server,
        interface,
    }
}

/// Where the worker's command came from: the command or the app's line, else its folder.
fn worker_evidence(root: &Path, app_dir: &Path, w: &Worker) -> Evidence {
    match &w.found {
        Some(e) => Evidence {
            file: rel(root, Path::new(&e.file)),
            ..e.clone()
        },
        None => Evidence {
            file: rel(root, app_dir),
            line: None,
            found: w.evidence.clone(),
        },
    }
}

/// The evidence of the fields read off files: manage.py, the settings module, the package
/// manager.
fn file_evidence(
    root: &Path,
    manage: &Path,
    manage_text: &str,
    settings_module: Option<&str>,
    deps: &Dependencies,
    evidence: &mut std::collections::BTreeMap<String, Evidence>,
) {
    evidence.insert(
        "manage_py".to_owned(),
        Evidence {
            file: rel(root, manage),
            line: None,
            found: "manage.py".to_owned(),
        },
    );
    if let Some(module) = settings_module {
        let line = manage_text.lines().position(|l| l.contains(module));
        let found = match line {
            Some(n) => Evidence {
                file: rel(root, manage),
                line: Some(n + 1),
                found: manage_text.lines().nth(n).unwrap_or("").trim().to_owned(),
            },
            None => Evidence {
                file: rel(root, manage.parent().unwrap_or(root)),
                line: None,
                found: format!("the settings module {module}"),
            },
        };
        evidence.insert("settings_module".to_owned(), found);
    }
    if let Some(file) = deps.lock_file.clone().or_else(|| deps.manifest.clone()) {
        evidence.insert(
            "package_manager".to_owned(),
            Evidence {
                file,
                line: None,
                found: deps.manager.map_or("", |m| m.name()).to_owned(),
            },
        );
    }
    if let Some(file) = &deps.lock_file {
        evidence.insert(
            "lock_file".to_owned(),
            Evidence {
                file: file.clone(),
                line: None,
                found: file.clone(),
            },
        );
    }
    if let Some(found) = python_evidence(root, deps) {
        evidence.insert("python_version".to_owned(), found);
    }
}

/// The line that gave the Python version: a version file, or the manifest's requirement.
fn python_evidence(root: &Path, deps: &Dependencies) -> Option<Evidence> {
    let source = deps.python_version_source.as_deref()?;
    let file = if root.join(source).is_file() {
        source.to_owned()
    } else {
        deps.manifest.clone()?
    };
    let text = source::read(&root.join(&file));
    let line = text.lines().position(|l| {
        let l = l.trim_start();
        l.starts_with("requires-python")
            || l.starts_with("python_version")
            || l.starts_with("python =")
            || l.starts_with("python=")
            || file.ends_with(source)
    })?;
    Some(Evidence {
        found: text.lines().nth(line).unwrap_or("").trim().to_owned(),
        file,
        line: Some(line + 1),
    })
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Where a dependency is declared: the line of the lock or dependency file that names it.
fn deps_evidence(
    root: &Path,
    deps: &Dependencies,
    field: &str,
    name: &str,
) -> Option<(String, Evidence)> {
    let files = [deps.manifest.as_deref(), deps.lock_file.as_deref()];
    for file in files.into_iter().flatten() {
        let text = source::read(&root.join(file));
        if let Some(n) = text
            .lines()
            .position(|l| deps::normalise(l).contains(&deps::normalise(name)))
        {
            let found = text.lines().nth(n).unwrap_or("").trim().to_owned();
            return Some((
                field.to_owned(),
                Evidence {
                    file: file.to_owned(),
                    line: Some(n + 1),
                    found,
                },
            ));
        }
    }
    None
}

/// The `module:callable` entry points in the tree: `wsgi.py`, `asgi.py` and `asgi/`/`wsgi/`
/// packages that assign `application` (or `app`) at module level, as modules of manage.py's
/// folder.
fn entry_point_candidates(root: &Path, app_dir: &Path) -> Vec<(String, Evidence)> {
    let mut out = Vec::new();
    for file in source::python_files(app_dir, 4) {
        let is_entry = |name: &str| name == "wsgi" || name == "asgi";
        let module_file = file
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(is_entry);
        let package = file.ends_with("__init__.py")
            && file
                .parent()
                .and_then(Path::file_name)
                .and_then(|n| n.to_str())
                .is_some_and(is_entry);
        if !(module_file || package) {
            continue;
        }
        let Some(module) = source::module_name(app_dir, &file) else {
            continue;
        };
        let text = source::read(&file);
        for callable in ["application", "app"] {
            if let Some(line) = source::defines(&text, callable) {
                out.push((
                    format!("{module}:{callable}"),
                    Evidence {
                        file: rel(root, &file),
                        line: Some(line),
                        found: text.lines().nth(line - 1).unwrap_or("").trim().to_owned(),
                    },
                ));
                break;
            }
        }
    }
    out
}

/// Without a default in manage.py: the one `settings.py` (or `settings/` package) near it.
fn guess_settings_module(app_dir: &Path) -> Option<String> {
    let found: Vec<String> = source::python_files(app_dir, 2)
        .iter()
        .filter(|f| {
            f.file_name().is_some_and(|n| n == "settings.py")
                || (f.ends_with("__init__.py")
                    && f.parent()
                        .and_then(Path::file_name)
                        .is_some_and(|n| n == "settings"))
        })
        .filter_map(|f| source::module_name(app_dir, f))
        .collect();
    match found.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
