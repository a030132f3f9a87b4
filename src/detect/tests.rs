//! Detection on fixtures laid out like well-known Django projects.

use super::*;

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

const MANAGE: &str = "#!/usr/bin/env python\nimport os, sys\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{}')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n";

fn manage(module: &str) -> String {
    MANAGE.replace("{}", module)
}

#[test]
fn startproject_at_the_root_with_requirements_txt() {
    let m = manage("mysite.settings");
    let dir = project(&[
        ("manage.py", &m),
        ("mysite/__init__.py", ""),
        (
            "mysite/settings.py",
            "import dj_database_url\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = True\nWSGI_APPLICATION = 'mysite.wsgi.application'\nDATABASES = {'default': dj_database_url.config()}\nSTATIC_ROOT = os.environ.get('STATIC_ROOT')\n",
        ),
        ("mysite/wsgi.py", "application = get_wsgi_application()\n"),
        ("mysite/asgi.py", "application = get_asgi_application()\n"),
        (
            "requirements.txt",
            "Django>=5\ngunicorn\ndj-database-url\npsycopg[binary]\ndjango-q2\n",
        ),
        ("runtime.txt", "python-3.11.9\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.manage_py, "manage.py");
    assert_eq!(p.app_dir(), ".");
    assert_eq!(p.settings_module.as_deref(), Some("mysite.settings"));
    assert_eq!(
        p.wsgi_application.as_deref(),
        Some("mysite.wsgi:application")
    );
    assert_eq!(
        p.asgi_application.as_deref(),
        Some("mysite.asgi:application")
    );
    assert_eq!(p.interface, Interface::Wsgi);
    assert_eq!(p.server.as_deref(), Some("gunicorn"));
    let worker = p.worker.as_ref().unwrap();
    assert_eq!(
        (worker.framework, worker.command.as_str()),
        (Framework::DjangoQ, "python manage.py qcluster")
    );
    assert_eq!(p.package_manager, Some(PackageManager::Pip));
    assert_eq!(p.lock_file.as_deref(), Some("requirements.txt"));
    assert_eq!(p.python_version.as_deref(), Some("3.11"));
    assert_eq!(p.database_config, DatabaseConfig::DatabaseUrl);
    assert_eq!(p.setting_source("SECRET_KEY"), ValueSource::Environment);
    assert_eq!(p.setting_source("ALLOWED_HOSTS"), ValueSource::Missing);
    assert_eq!(p.setting_source("STATIC_ROOT"), ValueSource::Environment);
    assert!(p.debug_hard_coded_true);
    assert!(p.dockerfile.is_none());
}

#[test]
fn paperless_shape_src_folder_uv_celery_and_s6_dockerfile() {
    let dir = project(&[
        (
            "src/manage.py",
            "import os\nif __name__ == '__main__':\n    os.environ.setdefault(\n        \"DJANGO_SETTINGS_MODULE\",\n        \"paperless.settings\",\n    )\n",
        ),
        (
            "src/paperless/__init__.py",
            "from .celery import app as celery_app\n",
        ),
        (
            "src/paperless/settings.py",
            "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'HOST': os.getenv('PAPERLESS_DBHOST'),\n    },\n}\nASGI_APPLICATION = 'paperless.asgi.application'\nCELERY_BEAT_SCHEDULE = {}\n",
        ),
        (
            "src/paperless/celery.py",
            "from celery import Celery\napp = Celery('paperless')\n",
        ),
        (
            "src/paperless/asgi.py",
            "application = ProtocolTypeRouter({})\n",
        ),
        (
            "src/paperless/wsgi.py",
            "application = get_wsgi_application()\n",
        ),
        (
            "pyproject.toml",
            "[project]\nname = 'paperless'\nrequires-python = '>=3.10'\ndependencies = ['django~=5.1', 'celery[redis]~=5.4', 'granian[uvloop]', 'channels']\n",
        ),
        ("uv.lock", "version = 1\n"),
        (
            "Dockerfile",
            "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\nARG S6_OVERLAY_VERSION=3.2.0.2\nWORKDIR /usr/src/paperless/src/\nENTRYPOINT [\"/init\"]\n",
        ),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.manage_py, "src/manage.py");
    assert_eq!(p.app_dir(), "src");
    assert_eq!(p.settings_module.as_deref(), Some("paperless.settings"));
    assert_eq!(
        p.asgi_application.as_deref(),
        Some("paperless.asgi:application")
    );
    assert_eq!(p.interface, Interface::Asgi);
    assert_eq!(p.server.as_deref(), Some("granian"));
    let worker = p.worker.as_ref().unwrap();
    assert_eq!(worker.command, "celery -A paperless worker");
    assert_eq!(
        worker.scheduler.as_deref(),
        Some("celery -A paperless beat")
    );
    assert_eq!(p.package_manager, Some(PackageManager::Uv));
    assert_eq!(p.lock_file.as_deref(), Some("uv.lock"));
    assert_eq!(p.python_version.as_deref(), Some("3.12"));
    assert_eq!(p.database_config, DatabaseConfig::EnvVars);
    let docker = p.dockerfile.as_ref().unwrap();
    assert_eq!(docker.taken_paths, ["/init"]);
    assert!(docker.s6_overlay);
}

#[test]
fn netbox_shape_named_subfolder_and_django_rq_queues() {
    let dir = project(&[
        ("netbox/manage.py", &manage("netbox.settings")),
        ("netbox/netbox/__init__.py", ""),
        (
            "netbox/netbox/settings.py",
            "from netbox.configuration import *\nRQ_QUEUES = {\n    'high': RQ_PARAMS,\n    'default': RQ_PARAMS,\n    'low': RQ_PARAMS,\n}\nDATABASES = {\n    'default': DATABASE,\n}\n",
        ),
        (
            "netbox/netbox/configuration.py",
            "DATABASE = {\n    'NAME': 'netbox',\n    'USER': '',\n}\n",
        ),
        (
            "netbox/netbox/wsgi.py",
            "application = get_wsgi_application()\n",
        ),
        (
            "requirements.txt",
            "Django==5.2\ndjango-rq==3.0\npsycopg[c,pool]==3.2\n",
        ),
        ("docs/manage.py", "# not this one\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.manage_py, "netbox/manage.py");
    assert_eq!(
        p.wsgi_application.as_deref(),
        Some("netbox.wsgi:application")
    );
    assert_eq!(p.server, None);
    let worker = p.worker.as_ref().unwrap();
    assert_eq!(
        (worker.framework, worker.command.as_str()),
        (
            Framework::DjangoRq,
            "python manage.py rqworker high default low"
        )
    );
    assert_eq!(p.database_config, DatabaseConfig::HardCoded);
}

#[test]
fn cookiecutter_shape_several_settings_and_requirements_folder() {
    let dir = project(&[
        ("manage.py", &manage("config.settings.local")),
        ("config/__init__.py", ""),
        ("config/settings/__init__.py", ""),
        (
            "config/settings/base.py",
            "import environ\nenv = environ.Env()\nDATABASES = {'default': env.db('DATABASE_URL')}\nWSGI_APPLICATION = 'config.wsgi.application'\nSTATIC_ROOT = str(BASE_DIR / 'staticfiles')\n",
        ),
        (
            "config/settings/local.py",
            "from .base import *\nDEBUG = True\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='x')\n",
        ),
        (
            "config/settings/production.py",
            "from .base import *\nSECRET_KEY = env('DJANGO_SECRET_KEY')\nALLOWED_HOSTS = env.list('DJANGO_ALLOWED_HOSTS')\n",
        ),
        // Siblings production does not import must not count: their values are not its own.
        (
            "config/settings/test.py",
            "from .base import *\nSECRET_KEY = 'test'\nALLOWED_HOSTS = ['*']\nMEDIA_ROOT = '/tmp'\n",
        ),
        ("config/wsgi.py", "application = get_wsgi_application()\n"),
        (
            "config/celery_app.py",
            "from celery import Celery\napp = Celery('proj')\napp.config_from_object('django.conf:settings', namespace='CELERY')\n",
        ),
        (
            "requirements/base.txt",
            "django==5.1\ncelery==5.4\ndjango-celery-beat\nwhitenoise\n",
        ),
        ("requirements/local.txt", "-r base.txt\nWerkzeug\n"),
        (
            "requirements/production.txt",
            "-r base.txt\ngunicorn==23\npsycopg[c]==3.2\n",
        ),
        (".python-version", "3.13.1\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(
        p.settings_module.as_deref(),
        Some("config.settings.production")
    );
    assert_eq!(p.settings_default.as_deref(), Some("config.settings.local"));
    assert_eq!(
        p.settings_candidates,
        [
            "config.settings.base",
            "config.settings.local",
            "config.settings.production",
            "config.settings.test"
        ]
    );
    assert_eq!(
        p.wsgi_application.as_deref(),
        Some("config.wsgi:application")
    );
    assert_eq!(p.asgi_application, None);
    assert_eq!(p.server.as_deref(), Some("gunicorn"));
    let worker = p.worker.as_ref().unwrap();
    assert_eq!(worker.command, "celery -A config.celery_app:app worker");
    assert!(worker.scheduler.is_some());
    assert_eq!(p.package_manager, Some(PackageManager::Pip));
    assert_eq!(p.lock_file.as_deref(), Some("requirements/production.txt"));
    assert_eq!(p.requirements_dir.as_deref(), Some("requirements"));
    assert_eq!(p.python_version.as_deref(), Some("3.13"));
    assert_eq!(p.database_config, DatabaseConfig::DatabaseUrl);
    assert_eq!(p.setting_source("SECRET_KEY"), ValueSource::Environment);
    assert_eq!(p.setting_source("ALLOWED_HOSTS"), ValueSource::Environment);
    assert_eq!(p.setting_source("STATIC_ROOT"), ValueSource::Literal);
    assert_eq!(p.setting_source("MEDIA_ROOT"), ValueSource::Missing);
    assert!(!p.debug_hard_coded_true, "DEBUG = True is local.py's");
    assert!(p.whitenoise);
    assert!(
        p.needs_build_tools,
        "psycopg[c] is compiled at install time"
    );
}

#[test]
fn psycopg_needs_libpq_unless_its_binary_extra_brings_one() {
    for (requirements, libpq, build) in [
        ("django\npsycopg==3.2\n", true, false),
        ("django\npsycopg[binary,pool]==3.2\n", false, false),
        ("django\npsycopg\npsycopg-binary\n", false, false),
        ("django\npsycopg[c]\n", true, true),
        ("django\npsycopg2-binary\n", false, false),
    ] {
        let dir = project(&[
            ("manage.py", &manage("proj.settings")),
            ("proj/__init__.py", ""),
            (
                "proj/settings.py",
                "WSGI_APPLICATION = 'proj.wsgi.application'\n",
            ),
            ("requirements.txt", requirements),
        ]);
        let p = detect(dir.path()).unwrap();
        assert_eq!(p.needs_libpq, libpq, "{requirements}");
        assert_eq!(p.needs_build_tools, build, "{requirements}");
    }
}

#[test]
fn a_star_import_comes_before_what_follows_it_and_parents_resolve() {
    let dir = project(&[
        ("manage.py", &manage("proj.settings.prod")),
        ("proj/__init__.py", ""),
        ("proj/settings/__init__.py", ""),
        (
            "proj/settings/prod.py",
            "from ..common import *\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n",
        ),
        (
            "proj/common.py",
            "SECRET_KEY = 'dev'\nDEBUG = True\nALLOWED_HOSTS = ['*']\nfrom .base import *\n",
        ),
        (
            "proj/base.py",
            "from proj.common import *\nSTATIC_ROOT = os.environ['STATIC_ROOT']\n",
        ),
        ("proj/wsgi.py", "application = get_wsgi_application()\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.setting_source("SECRET_KEY"), ValueSource::Environment);
    assert_eq!(p.setting_source("ALLOWED_HOSTS"), ValueSource::Literal);
    assert_eq!(p.setting_source("STATIC_ROOT"), ValueSource::Environment);
    assert!(!p.debug_hard_coded_true);
}

#[test]
fn saleor_shape_celery_in_a_non_standard_module_with_poetry() {
    let dir = project(&[
        ("manage.py", &manage("saleor.settings")),
        (
            "saleor/__init__.py",
            "from .celeryconf import app as celery_app\n",
        ),
        (
            "saleor/settings.py",
            "DATABASES = {\n    'default': dj_database_url.config(default='postgres://x', conn_max_age=600)\n}\nASGI_APPLICATION = 'saleor.asgi.application'\n",
        ),
        (
            "saleor/celeryconf.py",
            "import os\nfrom celery import Celery\n\napp = Celery('saleor')\n",
        ),
        (
            "saleor/asgi/__init__.py",
            "application = get_asgi_application()\n",
        ),
        (
            "pyproject.toml",
            "[tool.poetry]\nname = 'saleor'\n\n[tool.poetry.dependencies]\npython = '~3.12'\nDjango = '^5'\nuvicorn = {extras = ['standard'], version = '^0.30'}\ngunicorn = '^23'\ncelery = '^5'\npsycopg2 = '^2.9'\n",
        ),
        ("poetry.lock", "# lock\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(
        p.asgi_application.as_deref(),
        Some("saleor.asgi:application")
    );
    assert_eq!(p.interface, Interface::Asgi);
    assert_eq!(p.server.as_deref(), Some("gunicorn"));
    assert_eq!(
        p.worker.as_ref().unwrap().command,
        "celery -A saleor.celeryconf:app worker"
    );
    assert_eq!(p.package_manager, Some(PackageManager::Poetry));
    assert_eq!(p.lock_file.as_deref(), Some("poetry.lock"));
    assert_eq!(p.python_version.as_deref(), Some("3.12"));
    assert!(p.needs_build_tools);
}

#[test]
fn pipenv_daphne_and_huey() {
    let dir = project(&[
        ("app/manage.py", &manage("chat.settings")),
        ("app/chat/__init__.py", ""),
        (
            "app/chat/settings.py",
            "HUEY = {'name': 'chat'}\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'chat'}}\n",
        ),
        ("app/chat/asgi.py", "application = x\n"),
        (
            "Pipfile",
            "[packages]\ndjango = '*'\ndaphne = '*'\nhuey = '*'\n\n[requires]\npython_version = '3.11'\n",
        ),
        ("Pipfile.lock", "{}\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.manage_py, "app/manage.py");
    assert_eq!(p.wsgi_application, None);
    assert_eq!(p.interface, Interface::Asgi);
    assert_eq!(p.server.as_deref(), Some("daphne"));
    assert_eq!(
        p.worker.as_ref().unwrap().command,
        "python manage.py run_huey"
    );
    assert_eq!(p.package_manager, Some(PackageManager::Pipenv));
    assert_eq!(p.python_version.as_deref(), Some("3.11"));
    assert_eq!(p.database_config, DatabaseConfig::HardCoded);
}

#[test]
fn no_manage_py_is_not_django() {
    let dir = project(&[("app.py", "from flask import Flask\n")]);
    assert!(detect(dir.path()).is_err());
}

#[test]
fn json_keeps_the_interface_names() {
    let dir = project(&[
        ("manage.py", &manage("p.settings")),
        ("p/settings.py", ""),
        ("p/__init__.py", ""),
    ]);
    let value = serde_json::to_value(detect(dir.path()).unwrap()).unwrap();
    for key in [
        "root",
        "manage_py",
        "settings_module",
        "wsgi_application",
        "asgi_application",
        "server",
        "worker",
        "package_manager",
        "python_version",
        "database_config",
    ] {
        assert!(value.get(key).is_some(), "missing {key}: {value}");
    }
    assert_eq!(value["database_config"], "unknown");
    assert_eq!(value["server"], serde_json::Value::Null);
}

#[test]
fn pdm_and_setup_py_projects() {
    let dir = project(&[
        ("manage.py", &manage("site_.settings")),
        ("site_/__init__.py", ""),
        ("site_/settings.py", "DATABASES = {'default': env.db()}\n"),
        ("site_/wsgi.py", "application = x\n"),
        (
            "pyproject.toml",
            "[project]\nname = 's'\nrequires-python = '>=3.11,<3.12'\ndependencies = ['django', 'uwsgi', 'dramatiq', 'django-dramatiq']\n\n[tool.pdm]\ndistribution = false\n",
        ),
        ("pdm.lock", "# lock\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.package_manager, Some(PackageManager::Pdm));
    assert_eq!(p.lock_file.as_deref(), Some("pdm.lock"));
    assert_eq!(p.python_version.as_deref(), Some("3.11"));
    assert_eq!(p.server.as_deref(), Some("uwsgi"));
    assert_eq!(
        p.worker.as_ref().unwrap().command,
        "python manage.py rundramatiq"
    );
    assert_eq!(p.database_config, DatabaseConfig::DatabaseUrl);

    let dir = project(&[
        ("manage.py", &manage("legacy.settings")),
        ("legacy/__init__.py", ""),
        ("legacy/settings.py", "DATABASES = {}\n"),
        (
            "setup.py",
            "from setuptools import setup\nsetup(name='legacy', install_requires=['Django<5', 'gunicorn'])\n",
        ),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.package_manager, Some(PackageManager::Pip));
    assert_eq!(p.manifest.as_deref(), Some("setup.py"));
    assert_eq!(p.lock_file, None);
    assert_eq!(p.server.as_deref(), Some("gunicorn"));
    assert_eq!(p.worker, None);
}

#[test]
fn uv_src_layout_serves_with_the_server_of_the_main_dependencies() {
    let dir = project(&[
        (
            "pyproject.toml",
            "[project]\nname = 'shop'\nrequires-python = '>=3.12,<3.14'\ndependencies = ['django>=5.1', 'uvicorn[standard]', 'django-q2', 'psycopg[binary]']\n[dependency-groups]\ndev = ['gunicorn', 'celery']\n",
        ),
        ("uv.lock", "version = 1\n"),
        ("src/shop/manage.py", &manage("shop.settings")),
        ("src/shop/shop/__init__.py", ""),
        (
            "src/shop/shop/settings.py",
            "ASGI_APPLICATION = 'shop.asgi.application'\nQ_CLUSTER = {'orm': 'default'}\n",
        ),
        (
            "src/shop/shop/asgi.py",
            "application = get_asgi_application()\n",
        ),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.manage_py, "src/shop/manage.py");
    assert_eq!(p.server.as_deref(), Some("uvicorn"), "gunicorn is dev-only");
    assert_eq!(p.interface, Interface::Asgi);
    assert_eq!(p.worker.as_ref().unwrap().framework, Framework::DjangoQ);
    assert_eq!(p.package_manager, Some(PackageManager::Uv));
    assert!(!p.needs_libpq);
}

#[test]
fn a_settings_package_that_imports_production_under_a_condition() {
    let dir = project(&[
        ("manage.py", &manage("proj.settings")),
        ("proj/__init__.py", ""),
        (
            "proj/settings/__init__.py",
            "import os\nfrom .base import *\nif os.environ.get('ENV') == 'production':\n    from .production import *\n",
        ),
        (
            "proj/settings/base.py",
            "SECRET_KEY = 'dev'\nWSGI_APPLICATION = 'proj.wsgi.application'\n",
        ),
        (
            "proj/settings/production.py",
            "SECRET_KEY = os.environ['SECRET_KEY']\n",
        ),
        ("proj/wsgi.py", "application = get_wsgi_application()\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.settings_module.as_deref(), Some("proj.settings"));
    assert_eq!(p.setting_source("SECRET_KEY"), ValueSource::Environment);
    assert_eq!(p.wsgi_application.as_deref(), Some("proj.wsgi:application"));
}

/// Files of a case, the server, the target it serves, the interface, and the evidence's file
/// and line.
type RunsCase<'a> = (
    &'a [(&'a str, &'a str)],
    &'a str,
    &'a str,
    Interface,
    &'a str,
    usize,
);

/// A script, and the question and name verification leaves (none when it resolves).
type VerifyCase<'a> = ((String, String), Option<(verify::Question, &'a str)>);

/// What the project runs, table by table: the file, the server and the target it names.
#[test]
fn what_the_project_runs_outranks_its_dependencies() {
    let base = |extra: &[(&'static str, &'static str)]| {
        let m = manage("shop.settings");
        let mut files: Vec<(&str, String)> = vec![
            ("manage.py", m),
            ("shop/__init__.py", String::new()),
            ("shop/settings.py", "SECRET_KEY = 'x'\n".to_owned()),
            (
                "shop/wsgi.py",
                "application = get_wsgi_application()\n".to_owned(),
            ),
            (
                "shop/asgi.py",
                "application = get_asgi_application()\n".to_owned(),
            ),
            (
                "requirements.txt",
                "django\ngunicorn\nuvicorn\ngranian\nuwsgi\n".to_owned(),
            ),
        ];
        files.extend(extra.iter().map(|(p, t)| (*p, (*t).to_owned())));
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        project(&refs)
    };
    let cases: &[RunsCase<'_>] = &[
        (
            &[(
                "Procfile",
                "release: python manage.py migrate\nweb: uvicorn shop.asgi:application --port $PORT\n",
            )],
            "uvicorn",
            "shop.asgi:application",
            Interface::Asgi,
            "Procfile",
            2,
        ),
        (
            &[(
                "docker-compose.yml",
                "services:\n  web:\n    build: .\n    command: [\"granian\", \"--interface\", \"wsgi\", \"shop.wsgi:application\"]\n",
            )],
            "granian",
            "shop.wsgi:application",
            Interface::Wsgi,
            "docker-compose.yml",
            4,
        ),
        (
            &[
                (
                    "Dockerfile",
                    "FROM python:3.12\nCOPY docker/start.sh /start\nCMD [\"/start\"]\n",
                ),
                (
                    "docker/start.sh",
                    "#!/bin/sh\npython manage.py migrate\nexec gunicorn shop.asgi:application -k uvicorn.workers.UvicornWorker\n",
                ),
            ],
            "gunicorn",
            "shop.asgi:application",
            Interface::Asgi,
            "docker/start.sh",
            3,
        ),
        (
            &[
                ("Procfile", "web: uwsgi --ini deploy/uwsgi.ini\n"),
                (
                    "deploy/uwsgi.ini",
                    "[uwsgi]\nmodule = shop.wsgi:application\nmaster = true\n",
                ),
            ],
            "uwsgi",
            "shop.wsgi:application",
            Interface::Wsgi,
            "Procfile",
            1,
        ),
    ];
    for (files, server, target, interface, file, line) in cases {
        let dir = base(files);
        let p = detect(dir.path()).unwrap();
        assert_eq!(p.server.as_deref(), Some(*server), "{file}");
        assert_eq!(p.interface, *interface, "{file}");
        let served = match interface {
            Interface::Wsgi => p.wsgi_application.as_deref(),
            Interface::Asgi => p.asgi_application.as_deref(),
        };
        assert_eq!(served, Some(*target), "{file}");
        assert_eq!(p.evidence["server"].file, *file);
        assert_eq!(p.evidence["server"].line, Some(*line), "{file}");
    }
}

#[test]
fn verification_names_the_flag_and_the_candidates() {
    let dir = project(&[
        ("manage.py", &manage("shop.settings")),
        ("shop/__init__.py", ""),
        ("shop/settings.py", "SECRET_KEY = 'x'\n"),
        (
            "shop/asgi/__init__.py",
            "from .app import make\napplication = make()\n",
        ),
        (
            "shop/worker.py",
            "from celery import Celery\n\ndef create_app():\n    app = Celery('shop')\n    return app\n\nworker_app = create_app()\n",
        ),
        ("requirements.txt", "django\nuvicorn\ncelery\n"),
    ]);
    let p = detect(dir.path()).unwrap();
    assert_eq!(p.asgi_application.as_deref(), Some("shop.asgi:application"));
    assert_eq!(p.wsgi_application, None);
    assert_eq!(p.interface, Interface::Asgi);
    assert_eq!(p.celery_candidates, ["shop.worker:worker_app"]);
    let installed = verify::installed(&p, &[]);
    let script = |path: &str, line: &str| (path.to_owned(), format!("#!/bin/sh\n{line}\n"));
    let cases: &[VerifyCase<'_>] = &[
        (
            script(
                "ungleich/run",
                "exec uvicorn shop.asgi:application --port 1",
            ),
            None,
        ),
        (
            script("ungleich/run", "exec uvicorn config.asgi:application"),
            Some((verify::Question::AppModule, "config.asgi:application")),
        ),
        (
            script("ungleich/run", "exec gunicorn shop.asgi:application"),
            Some((verify::Question::Server, "gunicorn")),
        ),
        (
            script("ungleich/async", "exec celery worker"),
            Some((verify::Question::WorkerCommand, "celery")),
        ),
        (
            script(
                "ungleich/async",
                "exec celery -A shop.worker:worker_app worker",
            ),
            None,
        ),
    ];
    for (script, expected) in cases {
        let mut scripts = vec![script.clone()];
        if script.0 != "ungleich/run" {
            scripts.push((
                "ungleich/run".to_owned(),
                "exec uvicorn shop.asgi:application\n".to_owned(),
            ));
        }
        let found = verify::verify(&p, dir.path(), &scripts, &installed);
        let got = found.first().map(|u| (u.question, u.name.as_str()));
        assert_eq!(got, *expected, "{}", script.1);
        if let Some(first) = found.first() {
            assert!(!first.candidates.is_empty(), "{first:?}");
        }
    }
    let worker = verify::candidates(&p, verify::Question::WorkerCommand);
    assert_eq!(worker, ["celery -A shop.worker:worker_app worker"]);
    let apps = verify::candidates(&p, verify::Question::AppModule);
    assert_eq!(apps, ["shop.asgi:application"]);
}
