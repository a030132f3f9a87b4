//! Reads a Django project and says what it is, without running any of its code. Anything it
//! cannot tell is `None`/`Unknown`: the caller decides whether to ask.

pub mod deps;
mod dockerfile;
mod settings;
mod source;
mod worker;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use deps::{DEFAULT_PYTHON, Dependencies, PackageManager};
pub use dockerfile::ExistingDockerfile;
pub use settings::{DatabaseConfig, SettingsChoice, ValueSource};
pub use worker::{Framework, Worker};

/// The production servers `/run` knows, in the order one is preferred when several are listed.
pub const SERVERS: &[&str] = &["gunicorn", "uvicorn", "daphne", "granian", "uwsgi"];

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
#[error("no manage.py in {} (looked at the root, src/ and two folders down)", root.display())]
pub struct NotDjango {
    /// Where detection looked.
    pub root: PathBuf,
}

impl crate::exit::Classify for NotDjango {
    fn exit_code(&self) -> crate::exit::ExitCode {
        crate::exit::ExitCode::InvalidInput
    }
    fn hint(&self) -> Option<String> {
        Some("run init in your Django project's repository, or pass -C DIR".to_owned())
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

/// Detects the project whose repository root is `root`.
///
/// # Errors
/// When there is no manage.py.
pub fn detect(root: &Path) -> Result<Project, NotDjango> {
    let manage = settings::find_manage_py(root).ok_or_else(|| NotDjango {
        root: root.to_owned(),
    })?;
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
    let (wsgi, asgi) = match &settings_module {
        Some(module) => (
            settings::entry_point(&app_dir, module, &text, "WSGI"),
            settings::entry_point(&app_dir, module, &text, "ASGI"),
        ),
        None => (None, None),
    };
    let server = SERVERS
        .iter()
        .find(|s| deps.has(s))
        .map(|s| (*s).to_owned());
    let asgi_setting = source::string_assignment(&text, "ASGI_APPLICATION").is_some();
    let interface = match server.as_deref() {
        _ if asgi_setting && asgi.is_some() => Interface::Asgi,
        Some("uvicorn" | "daphne") if asgi.is_some() => Interface::Asgi,
        _ if wsgi.is_none() && asgi.is_some() => Interface::Asgi,
        _ => Interface::Wsgi,
    };
    let settings_sources = PRODUCTION_SETTINGS
        .iter()
        .map(|name| ((*name).to_owned(), settings::value_source(&text, name)))
        .collect();
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    Ok(Project {
        root: ".".to_owned(),
        manage_py: rel(&manage),
        wsgi_application: wsgi,
        asgi_application: asgi,
        server,
        worker: worker::detect(&app_dir, &deps, &text),
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
    })
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
