//! `dev` and `dev --check` on a real Django project (the contract test's, in the shared test
//! venv) against a real PostgreSQL started by the binary: the check passes with both `/init`
//! taking turns on the lock; a migration that raises exits 10 with its traceback; a `/run` that
//! exits at once exits 12 with its lines; Ctrl-C leaves no process and no data folder behind;
//! `--postgres docker` runs the server in a container (through a `docker` that stands in for
//! the engine no test machine can run) and removes it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::contract::{django_python, free_port, http_get, make_project, wait_for};
use crate::support::{Outcome, TestEnv};

/// A value that must never be shown.
const SECRET: &str = "dev-test-secret-4711";

/// The contract test's project, with `init` run, a healthcheck view, its secrets in `.env`, the
/// venv first on PATH (the user's active environment) and a TMPDIR of its own, open to `nobody`
/// (PostgreSQL's user when the tests run as root).
fn project(env: &mut TestEnv) -> PathBuf {
    let python = django_python();
    let project = env.work().join("shop");
    make_project(env, &python, &project);
    Outcome::of(
        env.cmd_in(
            &project,
            &[
                "init",
                "--yes",
                "--app",
                "shop",
                "--async",
                "--deploy-repo",
                ".",
            ],
        ),
        None,
    )
    .success()
    .stderr_has("ungleich-django dev --check");
    std::fs::write(
        project.join("mysite/urls.py"),
        "from django.http import HttpResponse\nfrom django.urls import path\n\nfrom shop.views import index\n\nurlpatterns = [path(\"\", index), path(\"health/\", lambda r: HttpResponse(\"ok\"))]\n",
    )
    .unwrap();
    let spec = project.join("deploy/app.yaml");
    let mut text = std::fs::read_to_string(&spec).unwrap();
    text.push_str("healthcheck: /health/\n");
    std::fs::write(&spec, text).unwrap();
    std::fs::write(project.join(".env"), format!("SECRET_KEY={SECRET}\n")).unwrap();

    let path = format!(
        "{}:{}",
        python.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.env("PATH", path);
    let tmp = tmpdir(env);
    std::fs::create_dir_all(&tmp).unwrap();
    for dir in [env.root(), tmp.as_path()] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).unwrap();
    }
    env.env("TMPDIR", &tmp);
    project
}

fn tmpdir(env: &TestEnv) -> PathBuf {
    env.root().join("tmp")
}

/// What `dev` left in its TMPDIR.
fn left_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn dev_check_passes_on_a_working_project_and_leaves_nothing_behind() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    let out = Outcome::of(
        env.cmd_in(&project, &["dev", "--check", "--env-file", ".env", "-v"]),
        None,
    );
    out.success()
        .stderr_has("python 3.")
        .stderr_has("venv-django/bin/python")
        .stderr_has("server gunicorn at ")
        .stderr_has("PostgreSQL ")
        .stderr_has("✓ /init ran twice at once")
        .stderr_has("GET / HTTP/1.0 200 OK")
        .stderr_has("healthcheck GET /health/ HTTP/1.0 200 OK")
        .stderr_has("✓ /async stayed up")
        .stderr_has("✓ the contract works")
        .stdout_has("init | ")
        .stdout_has("run | ")
        .never_shows(SECRET);
    // Both /init ran; the advisory lock made one wait for the other, which then found nothing
    // to migrate.
    assert_eq!(
        out.stdout.matches("No migrations to apply.").count(),
        1,
        "{}",
        out.stdout
    );
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
    // initdb's result is kept as a template, which the next run copies instead.
    let templates = env.root().join("cache/ungleich-django/postgres-templates");
    let saved = left_in(&templates);
    assert!(saved.len() == 1 && saved[0].ends_with("-shop"), "{saved:?}");

    // Without -v the scripts' lines stay out of the way; a JSON report for CI.
    let out = Outcome::of(
        env.cmd_in(
            &project,
            &["dev", "--check", "--env-file", ".env", "-o", "json"],
        ),
        None,
    );
    let report = out.success().json();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["root_status"], "HTTP/1.0 200 OK", "{report}");
    assert_eq!(report["async_stayed_up"], true, "{report}");
}

#[test]
fn a_migration_that_raises_fails_the_check_with_10_and_its_traceback() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    std::fs::write(
        project.join("shop/migrations/0002_boom.py"),
        "from django.db import migrations\n\n\ndef boom(apps, schema_editor):\n    raise RuntimeError(\"boom in migration 0002\")\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"shop\", \"0001_initial\")]\n    operations = [migrations.RunPython(boom)]\n",
    )
    .unwrap();
    Outcome::of(
        env.cmd_in(&project, &["dev", "--check", "--env-file", ".env"]),
        None,
    )
    .code(10)
    .stderr_has("/init failed")
    .stderr_has("Traceback (most recent call last):")
    .stderr_has("RuntimeError: boom in migration 0002")
    .stderr_has("hint: fix the migration")
    .never_shows(SECRET);
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
}

#[test]
fn a_run_that_exits_at_once_fails_the_check_with_12_and_its_lines() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    std::fs::write(
        project.join("ungleich/run"),
        "#!/bin/sh\necho \"run: no server configured\" >&2\nexit 3\n",
    )
    .unwrap();
    Outcome::of(
        env.cmd_in(&project, &["dev", "--check", "--env-file", ".env"]),
        None,
    )
    .code(12)
    .stderr_has("/run exited before it answered HTTP")
    .stderr_has("run: no server configured");
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
}

#[test]
fn an_async_that_dies_while_it_starts_fails_the_check_with_12() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    // It says it starts, as a worker does, then dies a second and a half later: within the
    // seconds /async must stay up however fast its first line came.
    std::fs::write(
        project.join("ungleich/async"),
        "#!/bin/sh\necho \"worker: connecting to the broker\"\nsleep 1.5\necho \"worker: broker refused\" >&2\nexit 1\n",
    )
    .unwrap();
    Outcome::of(
        env.cmd_in(&project, &["dev", "--check", "--env-file", ".env"]),
        None,
    )
    .code(12)
    .stderr_has("/async exited within its first seconds")
    .stderr_has("worker: broker refused");
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
}

/// The processes whose environment names `marker` (the scripts get `UNGLEICH_APP_DIR`) or whose
/// command line does (PostgreSQL's data folder).
fn processes_with(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        for file in ["environ", "cmdline"] {
            let bytes = std::fs::read(entry.path().join(file)).unwrap_or_default();
            if String::from_utf8_lossy(&bytes).contains(marker) {
                let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
                found.push(format!(
                    "{name}: {}",
                    String::from_utf8_lossy(&cmdline).replace('\0', " ")
                ));
                break;
            }
        }
    }
    found
}

#[test]
fn ctrl_c_stops_everything_and_removes_the_database() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    let port = free_port();
    let log = env.root().join("dev.log");
    let mut child = env
        .cmd_in(
            &project,
            &["dev", "--env-file", ".env", "--port", &port.to_string()],
        )
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(env.root().join("dev.err")).unwrap())
        .spawn()
        .unwrap();
    let (status, body) = wait_for("dev to serve", Duration::from_secs(60), || {
        http_get(port, "/")
    });
    assert!(status.ends_with(" 200 OK"), "{status}\n{body}");
    let marker = project.display().to_string();
    let tmp = tmpdir(&env).display().to_string();
    assert!(
        !processes_with(&marker).is_empty() && !processes_with(&tmp).is_empty(),
        "the scripts and PostgreSQL run while dev does"
    );
    assert!(
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let status = wait_for("dev to stop", Duration::from_secs(30), || {
        child.try_wait().unwrap()
    });
    let err = std::fs::read_to_string(env.root().join("dev.err")).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    let lines = std::fs::read_to_string(&log).unwrap();
    assert!(lines.contains("run | "), "{lines}");
    assert!(!lines.contains(SECRET) && !err.contains(SECRET));
    let left = [processes_with(&marker), processes_with(&tmp)].concat();
    assert!(left.is_empty(), "processes left behind: {left:#?}");
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
    assert!(http_get(port, "/").is_none(), "still serving");
}

/// A folder holding `docker` (the support script standing in for a Docker engine, which cannot run
/// here) and the state it keeps; first on PATH.
fn docker_on_path(env: &mut TestEnv) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.root().join("docker-bin");
    let state = env.root().join("docker-state");
    for dir in [&bin, &state] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).unwrap();
    }
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/docker_without_engine.sh"),
        bin.join("docker"),
    )
    .unwrap();
    let path = format!(
        "{}:{}:{}",
        bin.display(),
        django_python().parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.env("PATH", path).env("DOCKER_STATE", &state);
    state
}

#[test]
fn dev_check_runs_postgres_in_docker_when_asked_and_removes_the_container() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    let state = docker_on_path(&mut env);
    let kept = env.root().join("kept-db");
    Outcome::of(
        env.cmd_in(
            &project,
            &[
                "dev",
                "--check",
                "--env-file",
                ".env",
                "--postgres",
                "docker",
                "--keep-db",
                kept.to_str().unwrap(),
            ],
        ),
        None,
    )
    .success()
    .stderr_has("in a container of postgres:17 on 127.0.0.1:")
    .stderr_has(&format!("a new database in {}", kept.display()))
    .stderr_has("✓ the contract works")
    .never_shows(SECRET);
    let calls = std::fs::read_to_string(state.join("calls")).unwrap();
    assert!(
        calls.contains("run --detach --label ungleich-django.dev --publish 127.0.0.1::5432"),
        "{calls}"
    );
    assert!(
        calls.contains("stop --time 30 "),
        "a kept database is stopped cleanly: {calls}"
    );
    assert!(calls.contains("rm --force --volumes "), "{calls}");
    assert_eq!(left_in(&state), ["calls"], "the container is removed");
    assert!(kept.join("PG_VERSION").is_file(), "the kept data stays");

    // The kept database is used again: the migrations are there already.
    Outcome::of(
        env.cmd_in(
            &project,
            &[
                "dev",
                "--check",
                "--env-file",
                ".env",
                "-v",
                "--postgres",
                "docker",
                "--keep-db",
                kept.to_str().unwrap(),
            ],
        ),
        None,
    )
    .success()
    .stderr_has(&format!("with the database in {}", kept.display()));
    assert_eq!(left_in(&tmpdir(&env)), Vec::<String>::new());
}

#[test]
fn a_postgres_container_that_cannot_start_is_explained_and_nothing_is_left() {
    let mut env = TestEnv::new();
    let project = project(&mut env);
    let state = docker_on_path(&mut env);
    Outcome::of(
        env.cmd_in(
            &project,
            &[
                "dev",
                "--check",
                "--env-file",
                ".env",
                "--postgres",
                "docker",
                "--postgres-image",
                "postgres:99",
            ],
        ),
        None,
    )
    .code(1)
    .stderr_has("docker run postgres:99 exited with")
    .stderr_has("Unable to find image 'postgres:99' locally");
    assert_eq!(left_in(&state), ["calls"]);

    // Without docker at all: what to install, or how to do without.
    let python = django_python();
    env.env("PATH", python.parent().unwrap());
    Outcome::of(
        env.cmd_in(
            &project,
            &[
                "dev",
                "--check",
                "--env-file",
                ".env",
                "--postgres",
                "docker",
            ],
        ),
        None,
    )
    .code(1)
    .stderr_has("--postgres docker: no `docker` on PATH")
    .stderr_has("install Docker");
}
