//! `ungleich-django init` on fixture projects shaped like real ones: what it prints, what it
//! writes, what it refuses, and that a second run changes nothing.

#[cfg(test)]
mod classes;
#[cfg(test)]
mod cron;
pub(crate) mod resolves;

use std::path::Path;

use crate::support::git_servers::{SshServer, encrypt_key, git, keygen};
use crate::support::{Outcome, TestEnv};

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

const MANAGE: &str = "import os, sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n";

const SETTINGS: &str = "import os\nimport dj_database_url\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = os.environ.get('DEBUG') == '1'\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(',')\nCSRF_TRUSTED_ORIGINS = os.environ.get('CSRF_TRUSTED_ORIGINS', 'https://x').split(',')\nDATABASES = {'default': dj_database_url.config()}\nWSGI_APPLICATION = 'proj.wsgi.application'\nSTATIC_ROOT = os.environ.get('STATIC_ROOT')\nMEDIA_ROOT = os.environ.get('MEDIA_ROOT')\n";

/// A project like paperless-ngx's layout: manage.py in src/, poetry, a Celery app.
pub(crate) fn poetry_project(env: &TestEnv) -> std::path::PathBuf {
    let files = [
        ("src/manage.py", MANAGE),
        ("src/proj/__init__.py", ""),
        ("src/proj/settings.py", SETTINGS),
        ("src/proj/wsgi.py", "application = get_wsgi_application()\n"),
        (
            "src/proj/celery.py",
            "from celery import Celery\n\napp = Celery('proj')\n",
        ),
        (
            "pyproject.toml",
            "[tool.poetry]\nname = 'proj'\n\n[tool.poetry.dependencies]\npython = '^3.12'\ndjango = '^5'\ngunicorn = '*'\ncelery = '*'\ndj-database-url = '*'\n",
        ),
        ("poetry.lock", "# locked\n"),
    ];
    for (path, text) in files {
        env.write(&format!("work/proj/{path}"), text);
    }
    env.work().join("proj")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    out.sort();
    out
}

const DEPLOY_ONE: [&str; 4] = [
    "deploy",
    "--image",
    "registry.example.com/shop:1",
    "--no-wait",
];

/// A link file for app shop whose deploy repository is `repo`, as a user would write it.
fn link_by_hand(proj: &Path, repo: &str) {
    std::fs::write(
        proj.join("ungleich-django.yaml"),
        format!("app: shop\nnamespace: shop\ndeploy:\n  repo: {repo}\n  branch: main\n  path: .\n"),
    )
    .unwrap();
}

/// Runs `init ARGS` in `dir` and checks that it is refused as bad input (exit 3, nothing on
/// stdout) and that nothing in `dir` changed; returns the outcome for the message.
fn refused(env: &TestEnv, dir: &Path, args: &[&str]) -> Outcome {
    let before = listing(dir);
    let out = run_in(
        env,
        dir,
        &[&["init", "--yes", "--app", "shop"][..], args].concat(),
    );
    out.code(3).stdout_is("");
    assert_eq!(listing(dir), before, "a refused init wrote something");
    out
}

/// `init` of the one-repository layout: app.yaml in `deploy/` of the project's own repository.
const ONE_REPOSITORY_INIT: [&str; 9] = [
    "init",
    "--yes",
    "--app",
    "shop",
    "--deploy-repo",
    ".",
    "--deploy-path",
    "deploy/",
    "--no-async",
];

/// Runs the CLI in `dir`; after every init that succeeds, what the scripts name is resolved
/// against the project (`resolves`).
fn run_in(env: &TestEnv, dir: &Path, args: &[&str]) -> Outcome {
    let out = Outcome::of(env.cmd_in(dir, args), None);
    if args.first() == Some(&"init") && out.code == Some(0) {
        resolves::assert_scripts_resolve(dir);
    }
    out
}

#[test]
fn dry_run_json_has_the_interface_shape_and_writes_nothing() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let before = listing(&proj);
    let out = run_in(
        &env,
        &proj,
        &["init", "--dry-run", "-o", "json", "--yes", "--app", "shop"],
    );
    out.success().stderr_is("");
    let json = out.json();
    let expected = serde_json::json!({
        "root": ".",
        "manage_py": "src/manage.py",
        "settings_module": "proj.settings",
        "wsgi_application": "proj.wsgi:application",
        "asgi_application": null,
        "server": "gunicorn",
        "package_manager": "poetry",
        "python_version": "3.12",
        "database_config": "DATABASE_URL",
    });
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&json["project"][key], value, "project.{key}");
    }
    // Every detected field says where it came from.
    let evidence = &json["project"]["evidence"];
    for (field, file, line) in [
        ("manage_py", "src/manage.py", None),
        ("settings_module", "src/manage.py", Some(4)),
        ("wsgi_application", "src/proj/wsgi.py", Some(1)),
        ("server", "pyproject.toml", Some(7)),
        ("worker", "src/proj/celery.py", Some(3)),
        ("package_manager", "poetry.lock", None),
        ("python_version", "pyproject.toml", Some(5)),
    ] {
        assert_eq!(
            evidence[field]["file"], file,
            "evidence of {field}: {evidence:#}"
        );
        assert_eq!(
            evidence[field]["line"],
            line.map_or(serde_json::Value::Null, |l: u64| l.into()),
            "evidence of {field}: {evidence:#}"
        );
    }
    assert_eq!(json["project"]["worker"]["framework"], "celery");
    assert_eq!(
        json["project"]["worker"]["command"],
        "celery -A proj worker"
    );
    let files: Vec<(String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        "ungleich-django.yaml",
        ".ungleich-django/link.schema.json",
        "ungleich/init",
        "ungleich/run",
        "ungleich/async",
        "Dockerfile",
        ".dockerignore",
        "deploy/app.yaml",
    ]
    .iter()
    .map(|p| ((*p).to_owned(), "create".to_owned()))
    .collect();
    assert_eq!(files, expected);
    assert_eq!(listing(&proj), before, "--dry-run wrote something");
}

#[test]
fn writes_the_files_commits_app_yaml_and_a_second_run_keeps_everything() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let args = [
        "init",
        "--yes",
        "--app",
        "shop",
        "--deploy-repo",
        "../shop-deploy",
        "--host",
        "shop.example.com",
        "--async",
    ];
    let out = run_in(&env, &proj, &args);
    out.success()
        .stdout_is("")
        .stderr_has("Detected Django project: src/manage.py (settings proj.settings, WSGI proj.wsgi:application)")
        .stderr_has("created ungleich/async")
        .stderr_has("created ../shop-deploy/app.yaml")
        .stderr_has("Next steps:\n  1. Commit the new files: git add ungleich-django.yaml .ungleich-django/link.schema.json ungleich/init ungleich/run ungleich/async Dockerfile .dockerignore");
    for script in ["init", "run", "async"] {
        let path = proj.join("ungleich").join(script);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o111,
            0o111,
            "{script}"
        );
    }
    let async_script = std::fs::read_to_string(proj.join("ungleich/async")).unwrap();
    assert!(
        async_script.ends_with("exec celery -A proj worker\n"),
        "{async_script}"
    );
    let dockerfile = std::fs::read_to_string(proj.join("Dockerfile")).unwrap();
    assert!(dockerfile.starts_with("# Written by `ungleich-django init`"));
    assert!(
        dockerfile.contains("FROM python:3.12-slim\n")
            && dockerfile.contains("poetry install --only main")
    );

    let link = std::fs::read_to_string(proj.join("ungleich-django.yaml")).unwrap();
    assert!(
        link.contains("app: shop ") && link.contains("repo: \"../shop-deploy\""),
        "{link}"
    );

    let deploy = env.work().join("shop-deploy");
    let spec = std::fs::read_to_string(deploy.join("app.yaml")).unwrap();
    assert!(
        spec.contains("name: shop\n")
            && spec.contains("- shop.example.com\n")
            && spec.contains("async: true\n"),
        "{spec}"
    );
    let log = env
        .program(
            "git",
            &[
                "-C",
                deploy.to_str().unwrap(),
                "log",
                "--format=%s",
                "--name-only",
            ],
        )
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "Add app.yaml for shop (ungleich-django init)\n\n.ungleich-django/app.schema.json\napp.yaml\n"
    );

    // Again, with the same answers coming from the link file: nothing changes, no new commit.
    let before: Vec<Vec<u8>> = [
        "ungleich/init",
        "ungleich/run",
        "ungleich-django.yaml",
        "Dockerfile",
    ]
    .iter()
    .map(|p| std::fs::read(proj.join(p)).unwrap())
    .collect();
    let out = run_in(&env, &proj, &["init", "--yes", "-o", "json"]);
    out.success();
    let actions: Vec<String> = out.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"].as_str().unwrap().to_owned())
        .collect();
    assert!(actions.iter().all(|a| a == "keep"), "{actions:?}");
    let after: Vec<Vec<u8>> = [
        "ungleich/init",
        "ungleich/run",
        "ungleich-django.yaml",
        "Dockerfile",
    ]
    .iter()
    .map(|p| std::fs::read(proj.join(p)).unwrap())
    .collect();
    assert_eq!(before, after);
    let log = env
        .program(
            "git",
            &[
                "-C",
                deploy.to_str().unwrap(),
                "rev-list",
                "--count",
                "HEAD",
            ],
        )
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "1");
}

#[test]
fn yes_without_force_keeps_a_changed_script_and_force_restores_it() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    run_in(
        &env,
        &proj,
        &["init", "--yes", "--app", "shop", "--no-async"],
    )
    .success();
    let original = std::fs::read_to_string(proj.join("ungleich/run")).unwrap();
    let edited = original.replace("--workers", "--threads 4 --workers");
    std::fs::write(proj.join("ungleich/run"), &edited).unwrap();

    run_in(&env, &proj, &["init", "--yes"])
        .success()
        .stderr_has(
            "kept ungleich/run (differs from what init would write: pass --force to overwrite)",
        );
    assert_eq!(
        std::fs::read_to_string(proj.join("ungleich/run")).unwrap(),
        edited
    );

    run_in(&env, &proj, &["init", "--yes", "--force"])
        .success()
        .stderr_has("updated ungleich/run");
    assert_eq!(
        std::fs::read_to_string(proj.join("ungleich/run")).unwrap(),
        original
    );
}

#[test]
fn an_s6_overlay_dockerfile_is_kept_and_init_moves_to_another_path() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let dockerfile = "FROM python:3.12-slim\nARG S6_OVERLAY_VERSION=3.2.0.2\nWORKDIR /usr/src/proj/src\nENTRYPOINT [\"/init\"]\n";
    std::fs::write(proj.join("Dockerfile"), dockerfile).unwrap();
    run_in(&env, &proj, &["init", "--yes", "--app", "shop", "--no-async"])
        .success()
        .stderr_has("add by hand Dockerfile")
        .stderr_has("\n    COPY --chmod=0755 ungleich/init /ungleich/init\n    COPY --chmod=0755 ungleich/run /ungleich/run\n")
        .stderr_has("the image already uses /init, so init is at /ungleich/init");
    assert_eq!(
        std::fs::read_to_string(proj.join("Dockerfile")).unwrap(),
        dockerfile
    );
    let spec = std::fs::read_to_string(proj.join("deploy/app.yaml")).unwrap();
    assert!(
        spec.contains("commands:\n  init: /ungleich/init\n  run: /ungleich/run\n"),
        "{spec}"
    );
    let init = std::fs::read_to_string(proj.join("ungleich/init")).unwrap();
    assert!(
        init.contains("cd \"${UNGLEICH_APP_DIR:-/usr/src/proj/src}\""),
        "{init}"
    );
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let env = TestEnv::new();
    let empty = env.work().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    run_in(&env, &empty, &["init", "--yes"])
        .code(3)
        .stdout_is("")
        .stderr_has("error: no manage.py in ")
        .stderr_has("hint: run init in your Django project's repository, or pass -C DIR");

    let proj = poetry_project(&env);
    std::fs::remove_file(proj.join("src/proj/celery.py")).unwrap();
    std::fs::write(
        proj.join("pyproject.toml"),
        "[project]\nname = 'x'\ndependencies = ['django']\n",
    )
    .unwrap();
    let before = listing(&proj);
    run_in(&env, &proj, &["init", "--yes", "--async"])
        .code(3)
        .stderr_has("error: --async: no worker found in this project");
    run_in(&env, &proj, &["init", "--yes", "--app", "Shop_1"])
        .code(3)
        .stderr_has("error: invalid app name:");
    // A deploy repository that cannot be reached: nothing is written before it is.
    let unreachable = format!("https://127.0.0.1:{}/acme/shop-deploy.git", closed_port());
    run_in(
        &env,
        &proj,
        &[
            "init",
            "--yes",
            "--server",
            "gunicorn",
            "--deploy-repo",
            &unreachable,
        ],
    )
    .code(5)
    .stderr_has(&format!(
        "error: cannot reach the deploy repository at {unreachable}"
    ));
    assert_eq!(listing(&proj), before, "a refused init wrote something");
}

#[test]
fn deploy_repo_dot_never_commits_into_a_repository_of_the_home_folder() {
    let mut env = TestEnv::new();
    let proj = poetry_project(&env);
    // The whole home folder is a repository (dotfiles); the project has none of its own.
    let home = env.root().to_owned();
    std::fs::copy(env.home().join(".gitconfig"), home.join(".gitconfig")).unwrap();
    env.env("HOME", &home);
    env.git(&home, &["init", "-q"]);
    refused(&env, &proj, &ONE_REPOSITORY_INIT[4..])
        .stderr_has(&format!(
            "error: {} has no git repository of its own: the one it is in is {}/, which holds your home folder\n",
            proj.display(),
            home.display()
        ))
        .stderr_has(&format!("hint: give the project a repository of its own with `git init {}`", proj.display()));
    assert!(
        env.git(&home, &["status", "--porcelain"])
            .lines()
            .all(|l| l.starts_with("??"))
    );
    // No commit was made there.
    let head = env
        .program("git", &["rev-parse", "HEAD"])
        .current_dir(&home)
        .output();
    assert!(!head.unwrap().status.success());
    // With its own repository, the same command works.
    env.git(&proj, &["init", "-q"]);
    run_in(&env, &proj, &ONE_REPOSITORY_INIT)
        .success()
        .stderr_has("created deploy/app.yaml");
}

#[test]
fn one_repository_layout_commits_only_app_yaml_in_the_source_repository() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let git = |args: &[&str]| env.git(&proj, args);
    git(&["init", "-q"]);
    run_in(&env, &proj, &ONE_REPOSITORY_INIT)
        .success()
        .stderr_has("created deploy/app.yaml");
    assert_eq!(
        git(&["log", "--format=%s", "--name-only"]),
        "Add app.yaml for shop (ungleich-django init)\n\ndeploy/.ungleich-django/app.schema.json\ndeploy/app.yaml\n"
    );
    let link = std::fs::read_to_string(proj.join("ungleich-django.yaml")).unwrap();
    assert!(
        link.contains("  repo: .  ") && link.contains("  path: deploy  "),
        "{link}"
    );
    // The customer's own files stay theirs to commit.
    assert!(git(&["status", "--porcelain"]).contains("?? ungleich/"));
}

#[test]
fn a_remote_deploy_repository_gets_app_yaml_pushed_once() {
    let server = SshServer::start();
    let bare = server.repo("shop-deploy");
    let env = TestEnv::new();
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let proj = poetry_project(&env);
    let url = server.url(&bare);
    let args = [
        "init",
        "--yes",
        "--app",
        "shop",
        "--deploy-repo",
        &url,
        "--deploy-path",
        "shop",
        "--no-async",
    ];
    run_in(&env, &proj, &args)
        .success()
        .stderr_has("created shop/app.yaml")
        .stderr_has(&format!("and pushed it to {url}"));
    let log = git(&bare, &["log", "--format=%s", "--name-only", "-1", "main"]);
    assert_eq!(
        log,
        "Add app.yaml for shop (ungleich-django init)\n\nshop/.ungleich-django/app.schema.json\nshop/app.yaml\n"
    );
    let spec = git(&bare, &["show", "main:shop/app.yaml"]);
    assert!(spec.contains("name: shop\n"), "{spec}");
    let tip = git(&bare, &["rev-parse", "main"]);

    let out = run_in(&env, &proj, &["init", "--yes", "-o", "json"]);
    out.success();
    let json = out.json();
    assert_eq!(
        json["files"].as_array().unwrap().last().unwrap()["action"],
        "keep"
    );
    assert_eq!(json["deploy"]["pushed"], false);
    assert_eq!(
        git(&bare, &["rev-parse", "main"]),
        tip,
        "a second init pushed again"
    );
}

#[test]
fn init_asks_for_the_passphrase_of_an_encrypted_key_on_the_terminal() {
    let server = SshServer::start();
    let bare = server.repo("shop-deploy");
    let env = TestEnv::new();
    let key = env.home().join(".ssh/id_ed25519");
    server.authorize(&keygen(&key));
    encrypt_key(&key, "pass phrase");
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let proj = poetry_project(&env);
    let url = server.url(&bare);
    // Every other answer is a flag: the passphrase is the one question.
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
            &url,
            "--deploy-path",
            "shop",
            "--no-async",
            "--host",
            "shop.example.com",
        ],
        "Passphrase for",
        "pass phrase",
    );
    let output = session.output;
    assert!(session.success, "{output}");
    assert_eq!(output.matches("? Passphrase for").count(), 1, "{output}");
    assert!(!output.contains("pass phrase"), "{output}");
    assert!(
        output.contains(&format!("and pushed it to {url}")),
        "{output}"
    );
    let spec = git(&bare, &["show", "main:shop/app.yaml"]);
    assert!(spec.contains("shop.example.com"), "{spec}");
}

#[test]
fn an_invalid_link_file_stops_init_until_force_rewrites_it() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let broken = "app: shop\nnamespace: [shop\n";
    std::fs::write(proj.join("ungleich-django.yaml"), broken).unwrap();
    refused(&env, &proj, &["--no-async"])
        .stderr_has("error: invalid link file ")
        .stderr_has("hint: fix the file, or pass --force to rewrite ungleich-django.yaml");

    let out = run_in(
        &env,
        &proj,
        &[
            "init",
            "--yes",
            "--force",
            "--app",
            "shop",
            "--no-async",
            "-o",
            "json",
        ],
    );
    out.success();
    assert_eq!(
        out.json()["files"][0],
        serde_json::json!({"path": "ungleich-django.yaml", "action": "update", "note": "was invalid; rewritten"})
    );
    run_in(&env, &proj, &["doctor"]).stdout_has("links app shop to .");
}

#[test]
fn a_deploy_repository_that_is_a_file_or_a_folder_in_another_repository_is_refused() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let git_init = env
        .program(crate::support::tools::require("git"), &["init", "-q"])
        .current_dir(&proj)
        .status()
        .unwrap();
    assert!(git_init.success());
    std::fs::write(proj.join("notes"), "a file\n").unwrap();
    std::fs::create_dir(proj.join("ops")).unwrap();
    // Before: the source files were written, then the commit failed on the branch name.
    refused(&env, &proj, &["--deploy-branch", "a..b"])
        .stderr_has("error: invalid deploy branch `a..b`: git does not allow that branch name");
    refused(&env, &proj, &["--deploy-repo", "notes"]).stderr_has(&format!(
        "error: the deploy repository {} is a file, not a folder",
        proj.join("notes").display()
    ));
    // Before: app.yaml was committed at the root of the source repository.
    refused(&env, &proj, &["--deploy-repo", "ops"])
        .stderr_has("is a folder inside the git repository")
        .stderr_has("hint: to keep app.yaml in that repository use `repo: .` and `path: ops` (init: --deploy-repo . --deploy-path ops)");

    // deploy refuses the same link file.
    link_by_hand(&proj, "ops");
    run_in(&env, &proj, &DEPLOY_ONE)
        .code(3)
        .stdout_is("")
        .stderr_has("is a folder inside the git repository");
}

#[test]
fn a_project_in_a_monorepo_folder_keeps_app_yaml_beside_it() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let mono = env.work().join("mono");
    std::fs::create_dir_all(mono.join("frontend")).unwrap();
    std::fs::write(mono.join("frontend/package.json"), "{}\n").unwrap();
    std::fs::rename(&proj, mono.join("backend")).unwrap();
    git(&mono, &["init", "-q", "-b", "main"]);
    let backend = mono.join("backend");
    let flags = ["--yes", "--app", "shop", "--host", "shop.example.com"];
    run_in(
        &env,
        &backend,
        &[&["init", "--dry-run"][..], &flags].concat(),
    )
    .success()
    .stderr_has("would create backend/deploy/app.yaml");
    run_in(&env, &backend, &[&["init"][..], &flags].concat())
        .success()
        .stderr_has("created backend/deploy/app.yaml");
    // Before: committed at the monorepo's top as deploy/app.yaml, reported as the backend's.
    assert_eq!(
        git(&mono, &["show", "--format=", "--name-only", "HEAD"]),
        "backend/deploy/.ungleich-django/app.schema.json\nbackend/deploy/app.yaml\n"
    );
    let link = std::fs::read_to_string(backend.join("ungleich-django.yaml")).unwrap();
    assert!(link.contains("\n  path: backend/deploy "), "{link}");
    // A second run finds it, hosts and all.
    let out = run_in(
        &env,
        &backend,
        &["init", "--yes", "--dry-run", "-o", "json"],
    );
    out.success();
    let files = out.json()["files"].clone();
    assert_eq!(
        files.as_array().unwrap().last().unwrap(),
        &serde_json::json!({"path": "backend/deploy/app.yaml", "action": "keep"})
    );
    run_in(
        &env,
        &backend,
        &[
            "deploy",
            "--image",
            "registry.example.com/shop:1",
            "--no-wait",
        ],
    )
    .success();
    let spec = git(&mono, &["show", "HEAD:backend/deploy/app.yaml"]);
    assert!(
        spec.contains("image: registry.example.com/shop:1"),
        "{spec}"
    );
    assert!(spec.contains("shop.example.com"), "{spec}");
}

#[test]
fn without_a_git_identity_init_stops_before_it_writes_anything() {
    let env = TestEnv::new();
    env.write("home/.gitconfig", "[init]\n\tdefaultBranch = main\n");
    let proj = poetry_project(&env);
    // A new repository for the deploy folder, and an existing one.
    refused(&env, &proj, &["-o", "json"])
        .stderr_has("error: git does not know who you are")
        .stderr_has("hint: run `git config --global user.name");
    git(&proj, &["init", "-q", "-b", "main"]);
    refused(&env, &proj, &[]).stderr_has("error: git does not know who you are");
}

#[test]
fn a_password_in_the_deploy_repository_url_is_refused_and_never_shown() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let url = format!(
        "https://bob:s3cretTOKEN@127.0.0.1:{}/acme/d.git",
        closed_port()
    );
    refused(&env, &proj, &["--deploy-repo", &url])
        .stderr_has("holds a password, which would be written into ungleich-django.yaml")
        .stderr_has("https://bob:***@127.0.0.1:")
        .stderr_has("hint: leave the password out of the URL")
        .never_shows("s3cretTOKEN");
    // A link file written by hand: the error names the server without the password.
    link_by_hand(&proj, &url);
    run_in(&env, &proj, &DEPLOY_ONE)
        .code(5)
        .stderr_has("error: cannot reach the deploy repository at https://bob:***@127.0.0.1:")
        .never_shows("s3cretTOKEN");
    run_in(&env, &proj, &["-v", "doctor"])
        .stdout_has("links app shop to https://bob:***@127.0.0.1:")
        .stderr_has("deploy repository https://bob:***@127.0.0.1:")
        .never_shows("s3cretTOKEN");
}

#[test]
fn force_rewrites_app_yaml_but_never_undeploys_the_app() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let flags = [
        "--yes",
        "--app",
        "shop",
        "--no-async",
        "--host",
        "shop.example.com",
    ];
    run_in(&env, &proj, &[&["init"][..], &flags].concat()).success();
    run_in(&env, &proj, &DEPLOY_ONE).success();
    let spec_path = proj.join("deploy/app.yaml");
    let deployed = std::fs::read_to_string(&spec_path).unwrap();
    std::fs::write(
        &spec_path,
        format!("{deployed}env:\n  FEATURE: on\nsecretsRevision: s7\n"),
    )
    .unwrap();
    // --force to restore a script: before, it also dropped the image, env and secrets revision.
    run_in(&env, &proj, &["init", "--yes", "--force", "--async"])
        .success()
        .stderr_has(
            "updated deploy/app.yaml (rewritten; its image, env and secrets revision kept)",
        );
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    for kept in [
        "image: registry.example.com/shop:1\n",
        "  FEATURE: \"on\"\n",
        "secretsRevision: s7\n",
        "- shop.example.com\n",
        "async: true\n",
    ] {
        assert!(spec.contains(kept), "{kept:?} lost: {spec}");
    }
    run_in(&env, &proj, &["init", "--yes", "--force"])
        .success()
        .stderr_has("kept deploy/app.yaml\n");
}

#[test]
fn init_advises_what_doctor_finds_and_a_missing_server_is_no_longer_assumed_gunicorn() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    // No server among the dependencies: init used to assume gunicorn and say nothing of it,
    // while doctor failed the project. Now both say the same, from doctor's one list of checks.
    let pyproject = std::fs::read_to_string(proj.join("pyproject.toml")).unwrap();
    std::fs::write(
        proj.join("pyproject.toml"),
        pyproject.replace("gunicorn = '*'\n", ""),
    )
    .unwrap();
    // No server anywhere: init no longer writes a gunicorn the image lacks; it names the flag.
    run_in(&env, &proj, &["init", "--dry-run", "--yes", "--app", "shop"])
        .code(3)
        .stdout_is("")
        .stderr_has("error: cannot write ungleich/run: no production server among the dependencies, nor in a command the project runs")
        .stderr_has("hint: pass --server with one of what detection found: --server \"gunicorn\"");
    // Answered, the Dockerfile init writes installs it, and the summary says so.
    run_in(
        &env,
        &proj,
        &[
            "init",
            "--dry-run",
            "--yes",
            "--app",
            "shop",
            "--server",
            "gunicorn",
        ],
    )
    .success()
    .stderr_has("  server gunicorn, worker `celery -A proj worker`")
    .stderr_has("  gunicorn not among the dependencies: the Dockerfile installs it\n");
    run_in(&env, &proj, &["init", "--dry-run", "--yes", "--app", "shop", "--server", "gunicorn"])
        .success()
        .stderr_has("warning: gunicorn serves the site, but it is not among the dependencies; fix: add gunicorn to your dependencies (the Dockerfile init writes installs it meanwhile)")
        .stderr_has("warning: nothing in the project serves static files");

    let init = run_in(
        &env,
        &proj,
        &[
            "init",
            "--dry-run",
            "--yes",
            "--app",
            "shop",
            "--server",
            "gunicorn",
            "-o",
            "json",
        ],
    );
    init.success();
    assert_eq!(init.json()["image_adds"], serde_json::json!(["gunicorn"]));
    let warnings: Vec<String> = init.json()["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_owned())
        .collect();
    let doctor = run_in(&env, &proj, &["doctor", "--offline", "-o", "json"]).json();
    let project_group = doctor["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "project")
        .unwrap()
        .clone();
    let findings: Vec<String> = project_group["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] != "ok")
        .map(|f| {
            format!(
                "{}; fix: {}",
                f["message"].as_str().unwrap(),
                f["fix"].as_str().unwrap()
            )
        })
        .collect();
    assert!(!findings.is_empty());
    // The server is the one finding that differs: init was told it (--server), doctor was not.
    let not_server =
        |w: &&String| !w.contains("production server") && !w.contains("serves the site");
    assert_eq!(
        warnings.iter().filter(not_server).collect::<Vec<_>>(),
        findings.iter().filter(not_server).collect::<Vec<_>>()
    );
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("no production server among the dependencies")),
        "{findings:?}"
    );
    assert!(
        warnings.iter().any(
            |w| w.starts_with("gunicorn serves the site, but it is not among the dependencies")
        ),
        "{warnings:?}"
    );
}

#[test]
fn on_a_terminal_init_shows_what_it_found_then_asks_again_after_an_invalid_answer() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    let pyproject = std::fs::read_to_string(proj.join("pyproject.toml")).unwrap();
    std::fs::write(
        proj.join("pyproject.toml"),
        pyproject.replace("name = 'proj'", "name = 'acme-shop'"),
    )
    .unwrap();
    let first = crate::support::terminal::converse(
        &env,
        &proj,
        &[
            "init",
            "-n",
            "shop",
            "--deploy-repo",
            "../shop-deploy",
            "--no-async",
        ],
        &[
            ("App name", "My_Shop!"),
            ("invalid app name", "shop"),
            ("Host names", "Bad_Host!"),
            ("invalid host", "shop.example.com"),
        ],
    );
    let output = &first.output;
    assert!(first.success, "{output}");
    // What detection found comes before the first question; the default is the project's name.
    let detected = output.find("Detected Django project").expect(output);
    let asked = output.find("App name").expect(output);
    assert!(detected < asked, "{output}");
    assert!(output.contains("acme-shop"), "{output}");
    assert!(
        output.contains("`My_Shop!` must be") || output.contains("invalid app name: "),
        "{output}"
    );
    assert!(
        output.contains("`Bad_Host!` must be a fully qualified host name"),
        "{output}"
    );
    let spec_path = env.work().join("shop-deploy/app.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    assert!(spec.contains("name: shop\n"), "{spec}");
    assert!(spec.contains("- shop.example.com\n"), "{spec}");

    // Run again after a deploy: the link file and app.yaml answer everything; app.yaml, changed
    // by hand, is shown as a diff before the question, and kept on no, without a stutter.
    let deploy = env.work().join("shop-deploy");
    let edited = spec
        .replace(
            "commands:\n",
            "image: registry.example.com/shop:1\ncommands:\n",
        )
        .replace("run: /ungleich/run", "run: /srv/run");
    std::fs::write(&spec_path, &edited).unwrap();
    env.write("work/shop-deploy/sealed-secrets.yaml", "# sealed\n");
    env.git(&deploy, &["add", "."]);
    env.git(&deploy, &["commit", "-qm", "deployed"]);
    let again = crate::support::terminal::converse(
        &env,
        &proj,
        &["init"],
        &[("Overwrite ../shop-deploy/app.yaml with these changes?", "n")],
    );
    let output = &again.output;
    assert!(again.success, "{output}");
    assert!(!output.contains("App name"), "{output}");
    assert!(!output.contains("Host names"), "{output}");
    assert!(
        output.contains("../shop-deploy/app.yaml would change:"),
        "{output}"
    );
    assert!(output.contains("-   run: /srv/run"), "{output}");
    assert!(output.contains("+   run: /ungleich/run"), "{output}");
    assert!(
        output.contains(
            "kept ../shop-deploy/app.yaml (differs from what init would write: edit it, or pass --force to rewrite it)"
        ),
        "{output}"
    );
    assert!(!output.contains("kept (edit"), "{output}");
    assert_eq!(std::fs::read_to_string(&spec_path).unwrap(), edited);
    // Next steps leave out what is done: the image is deployed and secrets are sealed.
    assert!(
        output.contains("deploy --tag NEW_TAG (app.yaml has registry.example.com/shop:1)"),
        "{output}"
    );
    assert!(!output.contains("Store the secrets"), "{output}");
    assert!(!output.contains("docker build"), "{output}");
    assert!(!output.contains("Push the deploy repository"), "{output}");
}

#[test]
fn force_on_an_invalid_app_yaml_shows_the_change_and_keeps_its_image_and_hosts() {
    let env = TestEnv::new();
    let proj = poetry_project(&env);
    run_in(
        &env,
        &proj,
        &["init", "--yes", "--app", "shop", "--no-async"],
    )
    .success();
    let spec_path = proj.join("deploy/app.yaml");
    // A misspelt key makes the file invalid; its image and hosts are still what serves.
    std::fs::write(
        &spec_path,
        "name: shop\nimage: registry.example.com/shop:7\nhosts:\n- shop.example.com\nreplica: 2\n",
    )
    .unwrap();
    run_in(&env, &proj, &["init", "--yes", "--force"])
        .success()
        .stderr_has("deploy/app.yaml changes:\n")
        .stderr_has("    - replica: 2\n")
        .stderr_has("updated deploy/app.yaml (rewritten: it was invalid; its image and hosts kept where readable)");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    assert!(
        spec.contains("image: registry.example.com/shop:7\n"),
        "{spec}"
    );
    assert!(spec.contains("- shop.example.com\n"), "{spec}");
    assert!(!spec.contains("replica:"), "{spec}");
}
