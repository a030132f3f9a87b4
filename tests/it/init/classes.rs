//! One fixture per class of real project init used to get wrong (issue 13): what init detects,
//! with its evidence, and scripts whose every name resolves (`resolves`), or a stop that names
//! the flag that answers.

use std::path::{Path, PathBuf};

use super::{refused, run_in};
use crate::support::TestEnv;

const MANAGE: &str = "import os, sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{}')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n";

const SETTINGS: &str = "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(',')\nDATABASES = {'default': env.db('DATABASE_URL')}\nSTATIC_ROOT = os.environ.get('STATIC_ROOT')\n";

fn fixture(env: &TestEnv, name: &str, files: &[(&str, &str)]) -> PathBuf {
    for (path, text) in files {
        env.write(&format!("work/{name}/{path}"), text);
    }
    env.work().join(name)
}

fn dry_json(env: &TestEnv, proj: &Path, extra: &[&str]) -> serde_json::Value {
    let out = run_in(
        env,
        proj,
        &[
            &["init", "--dry-run", "--yes", "--app", "shop", "-o", "json"][..],
            extra,
        ]
        .concat(),
    );
    out.success();
    out.json()
}

fn write(env: &TestEnv, proj: &Path, extra: &[&str]) -> String {
    run_in(
        env,
        proj,
        &[
            &[
                "init",
                "--yes",
                "--app",
                "shop",
                "--deploy-repo",
                ".",
                "--deploy-path",
                "deploy/",
            ][..],
            extra,
        ]
        .concat(),
    )
    .success();
    std::fs::read_to_string(proj.join("ungleich/run")).unwrap()
}

#[test]
fn an_asgi_only_project_serves_its_asgi_package_with_the_server_its_dockerfile_runs() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "asgi",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            (
                "shop/asgi/__init__.py",
                "from .wrappers import wrap\nfrom django.core.asgi import get_asgi_application\n\nbase = get_asgi_application()\napplication = wrap(wrap(base))\n",
            ),
            ("shop/asgi/wrappers.py", "def wrap(app):\n    return app\n"),
            ("requirements.txt", "django\nuvicorn[standard]\n"),
            (
                "docker/prod.Dockerfile",
                "FROM python:3.12\nCOPY . /app\nCMD [\"uvicorn\", \"shop.asgi:application\", \"--host\", \"0.0.0.0\"]\n",
            ),
            (
                "pyproject.toml",
                "[project]\nname = 'shop'\ndependencies = ['django', 'uvicorn[standard]']\n[tool.poe.tasks]\nstart = \"uvicorn shop.asgi:application --port 8000\"\n",
            ),
        ],
    );
    let json = dry_json(&env, &proj, &[]);
    let project = &json["project"];
    assert_eq!(project["server"], "uvicorn");
    assert_eq!(project["interface"], "asgi");
    assert_eq!(project["asgi_application"], "shop.asgi:application");
    assert_eq!(project["wsgi_application"], serde_json::Value::Null);
    assert_eq!(
        project["evidence"]["server"],
        serde_json::json!({"file": "docker/prod.Dockerfile", "line": 3, "found": "CMD [\"uvicorn\", \"shop.asgi:application\", \"--host\", \"0.0.0.0\"]"})
    );
    assert_eq!(
        project["evidence"]["asgi_application"]["file"],
        "docker/prod.Dockerfile"
    );
    let run = write(&env, &proj, &[]);
    assert!(run.contains("exec uvicorn shop.asgi:application"), "{run}");
    assert!(
        !run.contains("gunicorn") && !run.contains("config."),
        "{run}"
    );
}

#[test]
fn a_granian_project_is_served_by_granian() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "granian",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            (
                "shop/wsgi.py",
                "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
            ),
            ("requirements.txt", "django\ngranian\n"),
        ],
    );
    let json = dry_json(&env, &proj, &[]);
    assert_eq!(json["project"]["server"], "granian");
    assert_eq!(
        json["project"]["evidence"]["server"]["file"],
        "requirements.txt"
    );
    assert_eq!(json["project"]["evidence"]["server"]["line"], 2);
    let run = write(&env, &proj, &[]);
    assert!(run.contains("exec granian --interface wsgi"), "{run}");
    assert!(run.contains("shop.wsgi:application"), "{run}");
}

#[test]
fn a_celery_app_made_by_a_factory_is_named_with_a() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "factory",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            (
                "shop/worker.py",
                "from celery import Celery\n\n\ndef create_application():\n    application = Celery('shop')\n    application.config_from_object('django.conf:settings')\n    return application\n\n\napplication = create_application()\n",
            ),
            ("requirements.txt", "django\ngunicorn\ncelery\n"),
        ],
    );
    let json = dry_json(&env, &proj, &["--async"]);
    assert_eq!(
        json["project"]["worker"]["command"],
        "celery -A shop.worker:application worker"
    );
    assert_eq!(
        json["project"]["evidence"]["worker"]["file"],
        "shop/worker.py"
    );
    assert_eq!(json["project"]["evidence"]["worker"]["line"], 10);
    write(&env, &proj, &["--async"]);
    let worker = std::fs::read_to_string(proj.join("ungleich/async")).unwrap();
    assert!(
        worker.contains("exec celery -A shop.worker:application worker"),
        "{worker}"
    );

    // Celery without an app anywhere: never `celery worker` without -A; the flag answers.
    std::fs::write(
        proj.join("shop/worker.py"),
        "from celery import shared_task\n",
    )
    .unwrap();
    std::fs::remove_dir_all(proj.join("ungleich")).unwrap();
    refused(&env, &proj, &["--async", "--dry-run"])
        .stderr_has("ungleich/async would name `celery`, which the project lacks: celery without -A starts Celery's default app")
        .stderr_has("hint: pass --worker-command");
    run_in(
        &env,
        &proj,
        &[
            "init",
            "--yes",
            "--app",
            "shop",
            "--async",
            "--dry-run",
            "--worker-command",
            "celery -A shop.missing worker",
        ],
    )
    .code(3)
    .stderr_has("there is no Celery app in shop.missing");
}

#[test]
fn a_monorepo_finds_manage_py_deep_and_asks_which_when_there_are_several() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "mono",
        &[
            ("backend/src/shop/manage.py", &manage),
            ("backend/src/shop/shop/__init__.py", ""),
            ("backend/src/shop/shop/settings.py", SETTINGS),
            (
                "backend/src/shop/shop/wsgi.py",
                "application = get_wsgi_application()\n",
            ),
            ("backend/requirements.txt", "django\ngunicorn\n"),
            ("requirements.txt", "django\ngunicorn\n"),
            ("frontend/package.json", "{}\n"),
            ("frontend/node_modules/x/manage.py", "# not the project's\n"),
            ("docs/example/manage.py", "# not the project's\n"),
            ("backend/tests/manage.py", "# not the project's\n"),
            (".venv/lib/manage.py", "# not the project's\n"),
        ],
    );
    let json = dry_json(&env, &proj, &[]);
    assert_eq!(json["project"]["manage_py"], "backend/src/shop/manage.py");
    assert_eq!(json["project"]["wsgi_application"], "shop.wsgi:application");
    write(&env, &proj, &[]);

    // A second project beside it: init asks which, and under --yes names the flag.
    std::fs::remove_dir_all(proj.join("ungleich")).unwrap();
    for f in ["ungleich-django.yaml", "Dockerfile", ".dockerignore"] {
        std::fs::remove_file(proj.join(f)).unwrap();
    }
    std::fs::remove_dir_all(proj.join("deploy")).unwrap();
    env.write("work/mono/tools/admin/manage.py", &manage);
    refused(&env, &proj, &["--dry-run"])
        .stderr_has("the tree has 2 manage.py files")
        .stderr_has("hint: pass --manage-py with one of what detection found: --manage-py \"tools/admin/manage.py\", --manage-py \"backend/src/shop/manage.py\"");
    let json = dry_json(&env, &proj, &["--manage-py", "backend/src/shop/manage.py"]);
    assert_eq!(json["project"]["manage_py"], "backend/src/shop/manage.py");
    refused(&env, &proj, &["--manage-py", "nope/manage.py"])
        .stderr_has("--manage-py nope/manage.py: there is no such manage.py");
}

#[test]
fn no_server_among_the_dependencies_the_image_installs_the_one_the_project_runs() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "noserver",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("requirements.txt", "django\n"),
            (
                "deploy/docker/Dockerfile",
                "FROM python:3.12\nRUN pip install -r requirements.txt \\\n    && pip install gunicorn==22.0\nCMD gunicorn shop.wsgi --bind 0.0.0.0:8000\n",
            ),
        ],
    );
    let out = run_in(
        &env,
        &proj,
        &["init", "--dry-run", "--yes", "--app", "shop"],
    );
    out.success()
        .stderr_has("  server gunicorn,")
        .stderr_has("  gunicorn not among the dependencies: the Dockerfile installs it\n");
    let json = dry_json(&env, &proj, &[]);
    assert_eq!(
        json["project"]["evidence"]["server"]["file"],
        "deploy/docker/Dockerfile"
    );
    assert_eq!(json["project"]["evidence"]["server"]["line"], 4);
    write(&env, &proj, &[]);
    let dockerfile = std::fs::read_to_string(proj.join("Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("RUN pip install gunicorn\n"),
        "{dockerfile}"
    );
}

#[test]
fn an_answer_that_names_a_missing_module_is_refused_with_the_candidates() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "answer",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("requirements.txt", "django\ngunicorn\n"),
        ],
    );
    refused(&env, &proj, &["--app-module", "config.wsgi:application"])
        .stderr_has("ungleich/run would name `config.wsgi:application`, which the project lacks: there is no module config.wsgi in the project")
        .stderr_has("--app-module \"shop.wsgi:application\"");
    refused(&env, &proj, &["--server", "tomcat"])
        .stderr_has("--server tomcat: not a server /run knows");
}

#[test]
fn on_a_terminal_init_asks_for_what_it_cannot_establish_offering_what_it_found() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "asked",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("requirements.txt", "django\n"),
        ],
    );
    let session = crate::support::terminal::answer_once(
        &env,
        &proj,
        &[
            "init",
            "--app",
            "shop",
            "--namespace",
            "shop",
            "--deploy-repo",
            ".",
            "--deploy-path",
            "deploy/",
            "--no-async",
            "--host",
            "shop.example.com",
        ],
        "Which server should /run exec",
        "",
    );
    let output = session.output;
    assert!(session.success, "{output}");
    assert!(
        output.contains("ungleich/run cannot be written as detected: no production server among the dependencies"),
        "{output}"
    );
    for offered in ["gunicorn", "granian", "uwsgi", "something else (type it)"] {
        assert!(output.contains(offered), "{offered} not offered: {output}");
    }
    let run = std::fs::read_to_string(proj.join("ungleich/run")).unwrap();
    assert!(run.contains("exec gunicorn shop.wsgi:application"), "{run}");
    let dockerfile = std::fs::read_to_string(proj.join("Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("RUN pip install gunicorn\n"),
        "{dockerfile}"
    );
    super::resolves::assert_scripts_resolve(&proj);
}

#[test]
fn the_check_fails_on_scripts_that_name_what_the_project_lacks() {
    let env = TestEnv::new();
    let proj = fixture(
        &env,
        "invented",
        &[
            ("manage.py", "# manage\n"),
            ("shop/__init__.py", ""),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("shop/tasks.py", "from celery import shared_task\n"),
            ("requirements.txt", "django\ngunicorn\ncelery\n"),
        ],
    );
    let header = "#!/bin/sh\ncd \"${UNGLEICH_APP_DIR:-/app}\"\n";
    let cases = [
        (
            "ungleich/run",
            "exec gunicorn shop.wsgi:application --bind \"0.0.0.0:8000\"\n",
            true,
        ),
        (
            "ungleich/run",
            "exec gunicorn config.wsgi:application\n",
            false,
        ),
        ("ungleich/run", "exec gunicorn shop.wsgi:app\n", false),
        (
            "ungleich/run",
            "exec uvicorn shop.wsgi:application\n",
            false,
        ),
        ("ungleich/async", "exec celery worker\n", false),
        (
            "ungleich/async",
            "exec celery -A shop.tasks worker\n",
            false,
        ),
    ];
    for (script, line, resolves) in cases {
        let _ = std::fs::remove_dir_all(proj.join("ungleich"));
        env.write(
            &format!("work/invented/{script}"),
            format!("{header}{line}"),
        );
        let checked = std::panic::catch_unwind(|| super::resolves::assert_scripts_resolve(&proj));
        assert_eq!(checked.is_ok(), resolves, "{script}: {line}");
    }
}

#[test]
fn a_kept_dockerfile_must_install_the_server_itself() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "kept",
        &[
            ("manage.py", &manage),
            ("shop/__init__.py", ""),
            ("shop/settings.py", SETTINGS),
            ("shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("requirements.txt", "django\n"),
            (
                "Dockerfile",
                "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n",
            ),
        ],
    );
    refused(&env, &proj, &["--server", "gunicorn"]).stderr_has(
        "ungleich/run would name `gunicorn`, which the project lacks: gunicorn is neither among the dependencies nor installed by Dockerfile (kept as it is): add gunicorn to your dependencies",
    );
    // Installed by hand in the Dockerfile: that is what the image has.
    std::fs::write(
        proj.join("Dockerfile"),
        "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && pip install 'gunicorn>=22'\n",
    )
    .unwrap();
    run_in(
        &env,
        &proj,
        &["init", "--yes", "--app", "shop", "--server", "gunicorn"],
    )
    .success()
    .stderr_has("add by hand Dockerfile");
    let run = std::fs::read_to_string(proj.join("ungleich/run")).unwrap();
    assert!(run.contains("exec gunicorn shop.wsgi:application"), "{run}");
}

#[test]
fn on_a_terminal_init_asks_which_manage_py_when_there_are_several() {
    let env = TestEnv::new();
    let manage = MANAGE.replace("{}", "shop.settings");
    let proj = fixture(
        &env,
        "several",
        &[
            ("app/manage.py", &manage),
            ("app/shop/__init__.py", ""),
            ("app/shop/settings.py", SETTINGS),
            ("app/shop/wsgi.py", "application = get_wsgi_application()\n"),
            ("legacy/old/manage.py", &manage),
            ("requirements.txt", "django\ngunicorn\n"),
        ],
    );
    let session = crate::support::terminal::answer_once(
        &env,
        &proj,
        &[
            "init",
            "--app",
            "shop",
            "--namespace",
            "shop",
            "--deploy-repo",
            ".",
            "--deploy-path",
            "deploy/",
            "--no-async",
            "--host",
            "shop.example.com",
        ],
        "Which manage.py is the project's",
        "",
    );
    let output = session.output;
    assert!(session.success, "{output}");
    assert!(
        output.contains("legacy/old/manage.py"),
        "not offered: {output}"
    );
    let run = std::fs::read_to_string(proj.join("ungleich/run")).unwrap();
    assert!(
        run.contains("cd \"${UNGLEICH_APP_DIR:-/app/app}\""),
        "{run}"
    );
    super::resolves::assert_scripts_resolve(&proj);
}
