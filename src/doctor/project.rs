//! The project's settings and dependencies, read by detection, judged for production. The one
//! source of production checks: `doctor` lists these findings, and `init` turns the ones that
//! are not ok into its advice.

use crate::detect::{DatabaseConfig, Interface, Project, ValueSource};

use super::Finding;

/// The settings production depends on, the database, static and media files, the server.
#[must_use]
pub fn project(project: &Project) -> Vec<Finding> {
    let mut out = vec![settings_module(project)];
    out.extend(secrets_and_hosts(project));
    out.extend(storage(project));
    out.push(server(project));
    out
}

/// A worker's scheduler (Celery beat, rqscheduler) runs inside the `async` script only while
/// one worker pod runs: with the worker in its own pods, the person must know it must run once.
/// `None` when the app runs no worker or the worker has no scheduler.
#[must_use]
pub fn scheduler(project: &Project, async_worker: bool) -> Option<Finding> {
    let scheduler = project.worker.as_ref()?.scheduler.as_ref()?;
    async_worker.then(|| {
        Finding::warn(
            "worker.scheduler",
            format!("the project has a scheduler (`{scheduler}`), which must run exactly once"),
            "see the comment in ungleich/async",
        )
    })
}

fn settings_module(project: &Project) -> Finding {
    match &project.settings_module {
        Some(module) => Finding::ok("settings.module", format!("settings module {module}")),
        None => Finding::fail(
            "settings.module",
            format!("no settings module found from {}", project.manage_py),
            "set DJANGO_SETTINGS_MODULE in manage.py, or in app.yaml `env`",
        ),
    }
}

/// SECRET_KEY, DEBUG, ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS.
fn secrets_and_hosts(project: &Project) -> [Finding; 4] {
    let source = |name| project.setting_source(name);
    let read_secret_key = "write SECRET_KEY = os.environ[\"SECRET_KEY\"], then `ungleich-django secret set SECRET_KEY`";
    let read_hosts = "write ALLOWED_HOSTS = os.environ.get(\"ALLOWED_HOSTS\", \"\").split(\",\") (the platform sets it)";
    [
        match source("SECRET_KEY") {
            ValueSource::Environment => Finding::ok(
                "settings.secret_key",
                "SECRET_KEY comes from the environment",
            ),
            ValueSource::Literal => Finding::fail(
                "settings.secret_key",
                "SECRET_KEY is written in the settings (and so in git)",
                read_secret_key,
            ),
            ValueSource::Missing => Finding::fail(
                "settings.secret_key",
                "SECRET_KEY is not set",
                read_secret_key,
            ),
        },
        match (source("DEBUG"), project.debug_hard_coded_true) {
            (_, true) => Finding::fail(
                "settings.debug",
                "DEBUG = True is written in the settings: production would show tracebacks to visitors",
                "write DEBUG = os.environ.get(\"DEBUG\") == \"1\"",
            ),
            (ValueSource::Environment, _) => {
                Finding::ok("settings.debug", "DEBUG comes from the environment")
            }
            _ => Finding::ok("settings.debug", "DEBUG is off"),
        },
        match source("ALLOWED_HOSTS") {
            ValueSource::Environment => Finding::ok(
                "settings.allowed_hosts",
                "ALLOWED_HOSTS comes from the environment",
            ),
            ValueSource::Literal => Finding::warn(
                "settings.allowed_hosts",
                "ALLOWED_HOSTS is written in the settings: the app's hosts in app.yaml will not reach it",
                read_hosts,
            ),
            ValueSource::Missing => Finding::fail(
                "settings.allowed_hosts",
                "ALLOWED_HOSTS is not set: with DEBUG off, Django answers every request with 400",
                read_hosts,
            ),
        },
        match source("CSRF_TRUSTED_ORIGINS") {
            ValueSource::Environment => Finding::ok(
                "settings.csrf_trusted_origins",
                "CSRF_TRUSTED_ORIGINS comes from the environment",
            ),
            ValueSource::Literal => Finding::warn(
                "settings.csrf_trusted_origins",
                "CSRF_TRUSTED_ORIGINS is written in the settings",
                "read it from the environment, e.g. os.environ.get(\"CSRF_TRUSTED_ORIGINS\", \"\").split(\",\"), and set it with app.yaml `env`",
            ),
            ValueSource::Missing => Finding::warn(
                "settings.csrf_trusted_origins",
                "CSRF_TRUSTED_ORIGINS is not set: forms posted over HTTPS behind the ingress can fail the CSRF check",
                "write CSRF_TRUSTED_ORIGINS = [f\"https://{h}\" for h in ALLOWED_HOSTS], or SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")",
            ),
        },
    ]
}

/// The database, and where static and media files go and who serves them.
fn storage(project: &Project) -> [Finding; 4] {
    let source = |name| project.setting_source(name);
    let read_static_root =
        "write STATIC_ROOT = os.environ.get(\"STATIC_ROOT\") (the platform sets /data/static)";
    [
        match project.database_config {
            DatabaseConfig::DatabaseUrl => {
                Finding::ok("settings.database", "the database comes from DATABASE_URL")
            }
            DatabaseConfig::EnvVars => Finding::ok(
                "settings.database",
                "the database comes from environment variables",
            ),
            DatabaseConfig::HardCoded => Finding::fail(
                "settings.database",
                "the database is written in the settings",
                "read DATABASE_URL (dj-database-url: DATABASES = {\"default\": dj_database_url.config()}) or PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD",
            ),
            DatabaseConfig::Unknown => Finding::warn(
                "settings.database",
                "cannot tell how the settings configure the database",
                "read DATABASE_URL or the PG* variables the platform sets",
            ),
        },
        match source("STATIC_ROOT") {
            ValueSource::Environment => Finding::ok(
                "settings.static_root",
                "STATIC_ROOT comes from the environment",
            ),
            ValueSource::Literal => Finding::warn(
                "settings.static_root",
                "STATIC_ROOT is written in the settings: /init collects into the image, not onto the app's volume",
                read_static_root,
            ),
            ValueSource::Missing => Finding::fail(
                "settings.static_root",
                "STATIC_ROOT is not set: collectstatic in /init fails",
                read_static_root,
            ),
        },
        match source("MEDIA_ROOT") {
            ValueSource::Environment => Finding::ok(
                "settings.media_root",
                "MEDIA_ROOT comes from the environment",
            ),
            _ => Finding::warn(
                "settings.media_root",
                "MEDIA_ROOT does not come from the environment: uploads land outside the app's volume and are lost on restart",
                "write MEDIA_ROOT = os.environ.get(\"MEDIA_ROOT\") (the platform sets /data/media)",
            ),
        },
        if project.whitenoise {
            Finding::ok("static.served", "whitenoise serves the static files")
        } else {
            Finding::warn(
                "static.served",
                "nothing in the project serves static files: with DEBUG off Django does not",
                "add whitenoise: `whitenoise` in the dependencies and \"whitenoise.middleware.WhiteNoiseMiddleware\" after SecurityMiddleware",
            )
        },
    ]
}

/// The server's package (uwsgi also as pyuwsgi, daphne through channels) is a dependency.
fn server_declared(project: &Project, server: &str) -> bool {
    let alternatives: &[&str] = match server {
        "uwsgi" => &["uwsgi", "pyuwsgi"],
        "daphne" => &["daphne", "channels[daphne]"],
        other => &[other][..],
    };
    alternatives
        .iter()
        .any(|a| project.dependencies.contains(*a))
}

/// The production server among the dependencies, and for ASGI through gunicorn its worker class.
fn server(project: &Project) -> Finding {
    const CHECK: &str = "dependencies.server";
    if project.package_manager.is_none() {
        return Finding::fail(
            CHECK,
            "no dependency file found (requirements.txt, pyproject.toml, Pipfile): the image cannot install the dependencies, nor a production server",
            "list your dependencies, gunicorn among them, in requirements.txt or pyproject.toml",
        );
    }
    let asgi_without_uvicorn = project.interface == Interface::Asgi
        && project.server.as_deref() == Some("gunicorn")
        && !project.uvicorn_installed;
    match &project.server {
        Some(_) if asgi_without_uvicorn => Finding::fail(
            CHECK,
            "the project serves ASGI through gunicorn, but uvicorn (its worker class) is not among the dependencies",
            "add uvicorn (or uvicorn-worker) to your dependencies",
        ),
        Some(server) if !server_declared(project, server) => Finding::warn(
            CHECK,
            format!("{server} serves the site, but it is not among the dependencies"),
            format!(
                "add {server} to your dependencies (the Dockerfile init writes installs it meanwhile)"
            ),
        ),
        Some(server) => Finding::ok(CHECK, format!("{server} is among the dependencies")),
        None => Finding::fail(
            CHECK,
            "no production server among the dependencies (gunicorn, uvicorn, daphne, hypercorn, granian, uwsgi)",
            "add gunicorn to your dependencies; ungleich/run uses it",
        ),
    }
}
