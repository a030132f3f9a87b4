//! The contract's three programs as POSIX sh: `/init`, `/run`, `/async` (DESIGN section 2).

use crate::detect::{Interface, Project};

/// What the scripts need to know beyond the detection.
#[derive(Debug, Clone)]
pub struct ScriptSettings {
    /// manage.py's folder inside the image.
    pub app_dir_in_image: String,
    /// The settings module the scripts default to.
    pub settings_module: Option<String>,
}

/// A fixed advisory-lock key: one lock per database, shared by every pod of the app.
/// ("ungleich" in ASCII, as a number, so a DBA who sees it in pg_locks can tell whose it is.)
pub const MIGRATE_LOCK_KEY: i64 = 0x756e_676c_6569_6368;

fn header(path: &str, duty: &str, settings: &ScriptSettings) -> String {
    let mut out = format!(
        "#!/bin/sh\n# {path}: {duty}\n# Written by `ungleich-django init` for this project; edit it freely, init will not overwrite\n# your changes without asking.\nset -eu\n\ncd \"${{UNGLEICH_APP_DIR:-{}}}\"\n",
        settings.app_dir_in_image
    );
    if let Some(module) = &settings.settings_module {
        out.push_str(&format!(
            "export DJANGO_SETTINGS_MODULE=\"${{DJANGO_SETTINGS_MODULE:-{module}}}\"\n"
        ));
    }
    out.push('\n');
    out
}

/// `/init`: `migrate --noinput`, then `collectstatic --noinput`, both while holding a
/// PostgreSQL advisory lock.
///
/// The lock is taken on a connection of its own (not Django's default one, which `migrate` may
/// close and reopen), so it is held from before the first migration query until after the last
/// static file is copied. A second pod blocks in `pg_advisory_lock` until the first is done, then
/// finds nothing to migrate and nothing to copy. If a pod dies, PostgreSQL ends its session and
/// the lock with it, so a crash never leaves the app locked.
#[must_use]
pub fn init(settings: &ScriptSettings) -> String {
    let mut out = header(
        "/init",
        "runs once per release, before the web server starts. Migrates the database and\n# collects the static files under a PostgreSQL advisory lock, so pods that start together take\n# turns instead of racing. A non-zero exit stops the release.",
        settings,
    );
    out.push_str(&format!(
        r#"exec python - <<'PYTHON'
import sys

import django

django.setup()

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connections

LOCK_KEY = {MIGRATE_LOCK_KEY}

# A session of its own for the lock: migrate may close and reopen the default connection.
# (Django before 3.2 cannot make one; its default connection then holds the lock.)
create = getattr(connections, "create_connection", None)
lock = create("default") if create else connections["default"]
locked = lock.vendor == "postgresql"
if locked:
    with lock.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            print("init: another pod is migrating; waiting for it to finish", flush=True)
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
try:
    call_command("migrate", interactive=False)
    if "django.contrib.staticfiles" in settings.INSTALLED_APPS:
        try:
            call_command("collectstatic", interactive=False)
        except ImproperlyConfigured as error:
            sys.exit(
                f"init: collectstatic failed: {{error}}\n"
                "init: the platform sets STATIC_ROOT in the environment; in your settings write\n"
                "init:     STATIC_ROOT = os.environ.get(\"STATIC_ROOT\")"
            )
finally:
    if locked:
        with lock.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    lock.close()
PYTHON
"#
    ));
    out
}

/// `/run`: the production server on `0.0.0.0:$PORT`, workers from `WEB_CONCURRENCY`; `None`
/// while the server or the application it serves is not known (init asks first).
#[must_use]
pub fn run(project: &Project, settings: &ScriptSettings) -> Option<String> {
    let mut out = header(
        "/run",
        "serves the site on 0.0.0.0:$PORT. Logs go to stdout and stderr; SIGTERM stops it\n# cleanly. WEB_CONCURRENCY sets the number of worker processes.",
        settings,
    );
    out.push_str(&run_command(project)?);
    Some(out)
}

/// The `exec` line of `/run`, for the detected server and application; never a guessed one.
#[must_use]
pub fn run_command(project: &Project) -> Option<String> {
    let asgi_mode = project.interface == Interface::Asgi;
    let target = if asgi_mode {
        project.asgi_application.clone()?
    } else {
        project.wsgi_application.clone()?
    };
    let (wsgi, asgi) = (&target, &target);
    let bind = "\"0.0.0.0:${PORT:-8000}\"";
    let workers = "\"${WEB_CONCURRENCY:-3}\"";
    Some(match project.server.as_deref()? {
        "uvicorn" if asgi_mode => format!(
            "exec uvicorn {asgi} \\\n    --host 0.0.0.0 --port \"${{PORT:-8000}}\" \\\n    --workers {workers} \\\n    --proxy-headers --forwarded-allow-ips \"${{FORWARDED_ALLOW_IPS:-*}}\"\n"
        ),
        "daphne" if asgi_mode => format!(
            "exec daphne --bind 0.0.0.0 --port \"${{PORT:-8000}}\" --proxy-headers {asgi}\n"
        ),
        "hypercorn" if asgi_mode => {
            format!("exec hypercorn --bind {bind} \\\n    --workers {workers} \\\n    {asgi}\n")
        }
        "granian" => {
            let (interface, target) = if asgi_mode {
                ("asgi", &asgi)
            } else {
                ("wsgi", &wsgi)
            };
            format!(
                "exec granian --interface {interface} \\\n    --host 0.0.0.0 --port \"${{PORT:-8000}}\" \\\n    --workers {workers} \\\n    {target}\n"
            )
        }
        "uwsgi" if !asgi_mode => format!(
            "exec uwsgi --http-socket {bind} \\\n    --module {wsgi} \\\n    --master --processes {workers} \\\n    --die-on-term --need-app --enable-threads\n"
        ),
        _ if asgi_mode => {
            let class = if project.uvicorn_worker_package {
                "uvicorn_worker.UvicornWorker"
            } else {
                "uvicorn.workers.UvicornWorker"
            };
            format!(
                "exec gunicorn {asgi} \\\n    --worker-class {class} \\\n    --bind {bind} \\\n    --workers {workers} \\\n    --access-logfile - \\\n    --forwarded-allow-ips \"${{FORWARDED_ALLOW_IPS:-*}}\"\n"
            )
        }
        _ => format!(
            "exec gunicorn {wsgi} \\\n    --bind {bind} \\\n    --workers {workers} \\\n    --access-logfile - \\\n    --forwarded-allow-ips \"${{FORWARDED_ALLOW_IPS:-*}}\"\n"
        ),
    })
}

/// `/async`: the worker's command, exactly as detected.
#[must_use]
pub fn worker(command: &str, scheduler: Option<&str>, settings: &ScriptSettings) -> String {
    let mut out = header(
        "/async",
        "runs the background worker, in its own pods beside the web pods.",
        settings,
    );
    if let Some(scheduler) = scheduler {
        out.push_str(&format!(
            "# The project also has a scheduler (`{scheduler}`). It must run exactly once: run it in a\n# pod of its own, or (Celery, one async replica) add `--beat` to the line below.\n"
        ));
    }
    out.push_str(&format!("exec {command}\n"));
    out
}
