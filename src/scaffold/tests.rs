//! The rendered files for typical projects. Their behaviour against a real Django and PostgreSQL
//! is proven by `tests/it/contract.rs`; here: shape, syntax and the per-server command lines.

use super::*;
use crate::detect::{DatabaseConfig, Framework, Interface, PackageManager, Worker};

fn project() -> Project {
    Project {
        root: ".".into(),
        manage_py: "src/manage.py".into(),
        settings_module: Some("proj.settings".into()),
        wsgi_application: Some("proj.wsgi:application".into()),
        asgi_application: Some("proj.asgi:application".into()),
        server: Some("gunicorn".into()),
        worker: Some(Worker {
            framework: Framework::Celery,
            command: "celery -A proj worker".into(),
            scheduler: None,
            evidence: String::new(),
            found: None,
        }),
        package_manager: Some(PackageManager::Poetry),
        python_version: Some("3.13".into()),
        database_config: DatabaseConfig::DatabaseUrl,
        interface: Interface::Wsgi,
        settings_default: None,
        settings_candidates: Vec::new(),
        lock_file: Some("poetry.lock".into()),
        manifest: Some("pyproject.toml".into()),
        requirements_dir: None,
        python_version_source: None,
        whitenoise: false,
        uvicorn_worker_package: false,
        uvicorn_installed: false,
        settings_sources: std::collections::BTreeMap::new(),
        debug_hard_coded_true: false,
        dockerfile: None,
        needs_build_tools: false,
        needs_libpq: false,
        manage_py_candidates: Vec::new(),
        application_candidates: Vec::new(),
        celery_candidates: Vec::new(),
        hand_installed: Vec::new(),
        evidence: std::collections::BTreeMap::new(),
        cron: Vec::new(),
        dependencies: [
            "django", "gunicorn", "celery", "uvicorn", "daphne", "granian", "uwsgi",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
    }
}

fn file<'a>(files: &'a [Rendered], path: &str) -> &'a Rendered {
    files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
}

/// `sh -n` parses the script without running it.
fn assert_posix_sh(script: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script");
    std::fs::write(&path, script).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sh -n: {}\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn scripts_are_strict_posix_sh_that_exec() {
    let files = render(&project(), true, &ImagePaths::for_image(None));
    for name in ["ungleich/init", "ungleich/run", "ungleich/async"] {
        let f = file(&files, name);
        assert!(f.executable);
        assert!(f.contents.starts_with("#!/bin/sh\n"), "{name}");
        assert!(f.contents.contains("\nset -eu\n"), "{name}");
        assert!(f.contents.contains("\nexec "), "{name}");
        assert!(
            f.contents.contains("cd \"${UNGLEICH_APP_DIR:-/app/src}\""),
            "{name}"
        );
        assert!(
            f.contents.contains("DJANGO_SETTINGS_MODULE:-proj.settings"),
            "{name}"
        );
        assert_posix_sh(&f.contents);
    }
    assert!(
        file(&files, "ungleich/async")
            .contents
            .ends_with("exec celery -A proj worker\n")
    );
}

#[test]
fn init_holds_the_advisory_lock_across_migrate_and_collectstatic() {
    let files = render(&project(), false, &ImagePaths::for_image(None));
    let init = &file(&files, "ungleich/init").contents;
    let lock = init.find("pg_advisory_lock").unwrap();
    let migrate = init.find("call_command(\"migrate\"").unwrap();
    let collect = init.find("call_command(\"collectstatic\"").unwrap();
    let unlock = init.find("pg_advisory_unlock").unwrap();
    assert!(lock < migrate && migrate < collect && collect < unlock);
    assert!(init.contains("lock = create(\"default\") if create else connections[\"default\"]"));
    assert!(
        files.iter().all(|f| f.path != "ungleich/async"),
        "no worker asked for"
    );
}

#[test]
fn no_run_line_names_a_server_or_an_application_detection_did_not_find() {
    // Before, a missing server became gunicorn and a missing module `config.wsgi`.
    let no_server = Project {
        server: None,
        ..project()
    };
    assert_eq!(run_command(&no_server), None);
    let no_module = Project {
        wsgi_application: None,
        ..project()
    };
    assert_eq!(run_command(&no_module), None);
    let files = render(&no_module, false, &ImagePaths::for_image(None));
    assert!(files.iter().all(|f| f.path != "ungleich/run"));
}

#[test]
fn the_generated_dockerfile_installs_the_server_the_dependencies_lack() {
    let mut p = Project {
        interface: Interface::Asgi,
        ..project()
    };
    p.dependencies = ["django".to_owned()].into_iter().collect();
    let files = render(&p, false, &ImagePaths::for_image(None));
    let dockerfile = &file(&files, "Dockerfile").contents;
    assert!(
        dockerfile.contains("# /run execs gunicorn and uvicorn, which the dependencies do not list.\nRUN pip install gunicorn uvicorn\n"),
        "{dockerfile}"
    );
    let run = &file(&files, "ungleich/run").contents;
    assert_eq!(image_adds(&p, run), ["gunicorn", "uvicorn"]);
    p.dependencies.insert("gunicorn".to_owned());
    p.dependencies.insert("uvicorn".to_owned());
    assert!(image_adds(&p, run).is_empty());
}

#[test]
fn run_lines_per_server() {
    let cases: &[(Option<&str>, Interface, &str)] = &[
        (
            Some("gunicorn"),
            Interface::Wsgi,
            "exec gunicorn proj.wsgi:application \\\n    --bind \"0.0.0.0:${PORT:-8000}\" \\\n    --workers \"${WEB_CONCURRENCY:-3}\"",
        ),
        (
            Some("gunicorn"),
            Interface::Asgi,
            "exec gunicorn proj.asgi:application \\\n    --worker-class uvicorn.workers.UvicornWorker",
        ),
        (
            Some("hypercorn"),
            Interface::Asgi,
            "exec hypercorn --bind \"0.0.0.0:${PORT:-8000}\"",
        ),
        (
            Some("uvicorn"),
            Interface::Asgi,
            "exec uvicorn proj.asgi:application \\\n    --host 0.0.0.0 --port \"${PORT:-8000}\"",
        ),
        (
            Some("daphne"),
            Interface::Asgi,
            "exec daphne --bind 0.0.0.0 --port \"${PORT:-8000}\" --proxy-headers proj.asgi:application",
        ),
        (
            Some("granian"),
            Interface::Asgi,
            "exec granian --interface asgi",
        ),
        (
            Some("uwsgi"),
            Interface::Wsgi,
            "exec uwsgi --http-socket \"0.0.0.0:${PORT:-8000}\" \\\n    --module proj.wsgi:application",
        ),
    ];
    for (server, interface, expected) in cases {
        let p = Project {
            server: server.map(str::to_owned),
            interface: *interface,
            ..project()
        };
        let line = run_command(&p).unwrap();
        assert!(
            line.starts_with(expected),
            "{server:?} {interface:?}:\n{line}"
        );
        assert_posix_sh(&line);
    }
}

#[test]
fn image_paths_avoid_the_ones_the_image_uses() {
    let plain = ImagePaths::for_image(None);
    assert_eq!(
        (
            plain.init.as_str(),
            plain.run.as_str(),
            plain.async_worker.as_str()
        ),
        ("/init", "/ungleich/run", "/async")
    );
    let s6 = ExistingDockerfile {
        path: "Dockerfile".into(),
        workdir: Some("/usr/src/paperless/src/".into()),
        taken_paths: vec!["/init".into()],
        s6_overlay: true,
    };
    let paths = ImagePaths::for_image(Some(&s6));
    assert_eq!(paths.init, "/ungleich/init");
    let p = Project {
        dockerfile: Some(s6),
        ..project()
    };
    assert_eq!(app_dir_in_image(&p), "/usr/src/paperless/src");
    let lines = copy_lines(&p, &paths, true);
    assert_eq!(
        lines,
        "COPY --chmod=0755 ungleich/init /ungleich/init\nCOPY --chmod=0755 ungleich/run /ungleich/run\nCOPY --chmod=0755 ungleich/async /async\n"
    );
}

#[test]
fn dockerfile_installs_libpq_for_psycopg_without_its_binary() {
    let paths = ImagePaths::for_image(None);
    let mut p = project();
    assert!(!docker::dockerfile(&p, &paths, &[]).contains("libpq"));
    p.needs_libpq = true;
    let text = docker::dockerfile(&p, &paths, &[]);
    assert!(
        text.contains("apt-get install -y --no-install-recommends libpq5"),
        "{text}"
    );
    // The build tools bring libpq with its headers.
    p.needs_build_tools = true;
    let text = docker::dockerfile(&p, &paths, &[]);
    assert!(!text.contains(" libpq5"), "{text}");
    assert!(text.contains("libpq-dev"), "{text}");
}

#[test]
fn dockerfile_per_package_manager() {
    /// Manager, lock file, requirements folder, what the Dockerfile must contain.
    type Case<'a> = (
        Option<PackageManager>,
        Option<&'a str>,
        Option<&'a str>,
        &'a [&'a str],
    );
    let cases: &[Case<'_>] = &[
        (
            Some(PackageManager::Poetry),
            Some("poetry.lock"),
            None,
            &[
                "COPY pyproject.toml poetry.lock ./",
                "poetry install --only main --no-root",
            ],
        ),
        (
            Some(PackageManager::Uv),
            Some("uv.lock"),
            None,
            &[
                "COPY pyproject.toml uv.lock ./",
                "uv sync --frozen --no-dev",
            ],
        ),
        (
            Some(PackageManager::Pipenv),
            Some("Pipfile.lock"),
            None,
            &["COPY Pipfile Pipfile.lock ./", "pipenv requirements"],
        ),
        (
            Some(PackageManager::Pdm),
            Some("pdm.lock"),
            None,
            &["pdm export --prod"],
        ),
        (
            Some(PackageManager::Pip),
            Some("requirements.txt"),
            None,
            &[
                "COPY requirements.txt requirements.txt",
                "pip install -r requirements.txt",
            ],
        ),
        (
            Some(PackageManager::Pip),
            Some("requirements/production.txt"),
            Some("requirements"),
            &[
                "COPY requirements/ requirements/",
                "pip install -r requirements/production.txt",
            ],
        ),
    ];
    for (manager, lock, dir, expected) in cases {
        let p = Project {
            package_manager: *manager,
            lock_file: lock.map(str::to_owned),
            requirements_dir: dir.map(str::to_owned),
            manifest: None,
            ..project()
        };
        let text = docker::dockerfile(&p, &ImagePaths::for_image(None), &[]);
        assert!(text.contains("FROM python:3.13-slim\n"), "{text}");
        assert!(
            text.contains("\nUSER app\n") && text.contains("CMD [\"/ungleich/run\"]"),
            "{text}"
        );
        assert!(text.contains("COPY ungleich/init /init\nCOPY ungleich/run /ungleich/run\nCOPY ungleich/async /async\nRUN chmod 0755 /init /ungleich/run /async\n"), "{text}");
        for needle in *expected {
            assert!(text.contains(needle), "{manager:?}: {needle}\n{text}");
        }
    }
}

#[test]
fn a_project_folder_named_app_is_below_the_generated_workdir() {
    // The generated Dockerfile's /app is the repository root: manage.py in app/ is /app/app.
    let p = Project {
        manage_py: "app/manage.py".into(),
        ..project()
    };
    assert_eq!(app_dir_in_image(&p), "/app/app");
    let kept = Project {
        dockerfile: Some(crate::detect::ExistingDockerfile {
            path: "Dockerfile".into(),
            workdir: Some("/srv/app".into()),
            taken_paths: Vec::new(),
            s6_overlay: false,
        }),
        ..p
    };
    assert_eq!(app_dir_in_image(&kept), "/srv/app");
}
