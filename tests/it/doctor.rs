//! `ungleich-django doctor` on prepared projects: the verdict per check, the fixes, the exit code.

use std::path::Path;

use crate::support::{Outcome, TestEnv};

const MANAGE: &str =
    "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n";

fn write_project(env: &TestEnv, settings: &str, requirements: &str) -> std::path::PathBuf {
    env.write("work/p/manage.py", MANAGE);
    env.write("work/p/proj/__init__.py", "");
    env.write("work/p/proj/settings.py", settings);
    env.write(
        "work/p/proj/wsgi.py",
        "application = get_wsgi_application()\n",
    );
    env.write("work/p/requirements.txt", requirements);
    env.work().join("p")
}

/// Runs the CLI in `dir`; after an init that succeeds, its scripts are resolved against the
/// project (`init::resolves`).
fn run_in(env: &TestEnv, dir: &Path, args: &[&str]) -> Outcome {
    let out = Outcome::of(env.cmd_in(dir, args), None);
    if args.first() == Some(&"init") && out.code == Some(0) {
        crate::init::resolves::assert_scripts_resolve(dir);
    }
    out
}

fn statuses(json: &serde_json::Value) -> Vec<(String, String)> {
    json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_owned(),
                f["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_project_ready_for_production_passes() {
    let env = TestEnv::new();
    let settings = "import os\nimport dj_database_url\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = os.environ.get('DEBUG') == '1'\nALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')\nCSRF_TRUSTED_ORIGINS = os.environ['CSRF_TRUSTED_ORIGINS'].split(',')\nDATABASES = {'default': dj_database_url.config()}\nSTATIC_ROOT = os.environ.get('STATIC_ROOT')\nMEDIA_ROOT = os.environ.get('MEDIA_ROOT')\nMIDDLEWARE = ['whitenoise.middleware.WhiteNoiseMiddleware']\n";
    let p = write_project(
        &env,
        settings,
        "django\ngunicorn\nwhitenoise\ndj-database-url\n",
    );
    run_in(&env, &p, &["init", "--yes", "--app", "shop"]).success();

    let out = run_in(&env, &p, &["doctor", "--offline", "-o", "json"]);
    out.success().stderr_is("");
    let json = out.json();
    // The one warning: no sealing certificate is cached before the first `secret` command.
    assert_eq!(
        json["summary"],
        serde_json::json!({"ok": 17, "warn": 1, "fail": 0}),
        "{json:#}"
    );
    let groups: Vec<&str> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["project", "contract", "deploy", "certificate"]);

    // app.yaml naming a path the image does not have is caught before a deploy.
    let spec_path = p.join("deploy/app.yaml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    std::fs::write(&spec_path, spec.replace("init: /init", "init: /elsewhere")).unwrap();
    run_in(&env, &p, &["doctor", "--offline"]).code(1).stdout_has(
        "  FAIL the Dockerfile does not copy ungleich/init to /elsewhere (app.yaml `commands`)\n",
    );
}

#[test]
fn a_startproject_settings_file_fails_with_the_fixes() {
    let env = TestEnv::new();
    let settings = "SECRET_KEY = 'django-insecure-abc'\nDEBUG = True\nALLOWED_HOSTS = []\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': BASE_DIR / 'db.sqlite3',\n    }\n}\n";
    let p = write_project(&env, settings, "django\n");
    // No server among the dependencies: init asks for one (here, the flag answers).
    run_in(
        &env,
        &p,
        &["init", "--yes", "--app", "shop", "--server", "gunicorn"],
    )
    .success();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        p.join("ungleich/run"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();

    let out = run_in(&env, &p, &["doctor"]);
    out.code(1)
        .stderr_is("")
        .stdout_has("  FAIL SECRET_KEY is written in the settings (and so in git)\n       fix: write SECRET_KEY = os.environ[\"SECRET_KEY\"], then `ungleich-django secret set SECRET_KEY`\n")
        .stdout_has("  FAIL DEBUG = True is written in the settings")
        .stdout_has("  FAIL the database is written in the settings\n")
        .stdout_has("  FAIL no production server among the dependencies")
        .stdout_has("  FAIL ungleich/run is not executable\n       fix: chmod +x ungleich/run && git add --chmod=+x ungleich/run\n")
        .stdout_has("  ok   ungleich/init is present and executable\n");
    let json = run_in(&env, &p, &["doctor", "-o", "json"]).json();
    let found = statuses(&json);
    for (check, status) in [
        ("settings.secret_key", "fail"),
        ("settings.debug", "fail"),
        ("settings.allowed_hosts", "warn"),
        ("settings.csrf_trusted_origins", "warn"),
        ("settings.database", "fail"),
        ("settings.static_root", "fail"),
        ("dependencies.server", "fail"),
        ("contract.run", "fail"),
        ("contract.paths", "ok"),
        ("deploy.app_spec", "ok"),
    ] {
        assert!(
            found.contains(&(check.to_owned(), status.to_owned())),
            "{check} should be {status}: {found:?}"
        );
    }
}

#[test]
fn without_init_the_link_and_scripts_are_missing() {
    let env = TestEnv::new();
    let p = write_project(&env, "SECRET_KEY = os.environ['K']\n", "django\ngunicorn\n");
    let out = run_in(&env, &p, &["doctor", "-o", "json"]);
    out.code(1);
    let found = statuses(&out.json());
    for (check, status) in [
        ("contract.init", "fail"),
        ("contract.dockerfile", "warn"),
        ("deploy.link", "fail"),
    ] {
        assert!(
            found.contains(&(check.to_owned(), status.to_owned())),
            "{check} should be {status}: {found:?}"
        );
    }
    run_in(&env, &p, &["doctor"])
        .code(1)
        .stdout_has("  FAIL no ungleich-django.yaml in ")
        .stdout_has("       fix: run `ungleich-django init`\n");
}

/// A certificate as the SealedSecrets controller serves one.
fn sealing_cert(env: &TestEnv, name: &str) -> String {
    let (_, cert) = crate::support::tools::self_signed_rsa(env.root(), name, 2048);
    std::fs::read_to_string(cert).unwrap()
}

#[test]
fn the_cluster_and_the_pinned_sealing_certificate_are_checked() {
    use crate::support::apiserver::ApiServer;

    let env = TestEnv::new();
    let p = write_project(&env, "SECRET_KEY = 'x'\n", "django\ngunicorn\n");
    run_in(&env, &p, &["init", "--yes", "--app", "shop"]).success();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let pinned = sealing_cert(&env, "pinned");
    std::fs::create_dir_all(p.join("deploy/.ungleich-django")).unwrap();
    std::fs::write(p.join("deploy/.ungleich-django/sealing-cert.pem"), &pinned).unwrap();
    cluster.sealed_secrets_controller(&pinned);

    let out = run_in(&env, &p, &["doctor"]);
    out.stdout_has("cluster\n  ok   the API server answers (Kubernetes 1.33)\n")
        .stdout_has("  ok   namespace shop is accessible\n")
        // No Application in the emulator: deploy still works, so a warning, not a failure.
        .stdout_has("  warn ArgoCD Application argocd/shop is missing\n")
        .stdout_has("  ok   the cluster serves the cached sealing certificate\n");

    // A different key behind the controller stops doctor with both fingerprints and the fix.
    cluster.sealed_secrets_controller(&sealing_cert(&env, "swapped"));
    let out = run_in(&env, &p, &["doctor"]);
    out.code(1)
        .stdout_has("  FAIL the cluster serves sealing certificate SHA256 ")
        .stdout_has(", not the cached SHA256 ")
        .stdout_has("secret cert --refresh --accept-new-cert");
}

#[test]
fn doctor_takes_the_controller_flags_its_fix_names() {
    use crate::support::apiserver::{ApiServer, ProxyResponse, objects};

    let env = TestEnv::new();
    let p = write_project(&env, "SECRET_KEY = 'x'\n", "django\ngunicorn\n");
    run_in(&env, &p, &["init", "--yes", "--app", "shop"]).success();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let pinned = sealing_cert(&env, "pinned");
    std::fs::create_dir_all(p.join("deploy/.ungleich-django")).unwrap();
    std::fs::write(p.join("deploy/.ungleich-django/sealing-cert.pem"), &pinned).unwrap();
    // The controller as the Helm chart names it, not kubeseal's default.
    cluster.apply(objects::service(
        "kube-system",
        "sealed-secrets",
        "http",
        8080,
    ));
    cluster.proxy("kube-system", "sealed-secrets", move |req| {
        if req.method == "GET" && req.path == "/v1/cert.pem" {
            ProxyResponse::ok("application/x-pem-file", pinned.clone())
        } else {
            ProxyResponse::status(404, "404 page not found\n")
        }
    });

    let out = run_in(&env, &p, &["doctor"]);
    out.stdout_has("--controller-name sealed-secrets");
    // The fix works as written, on doctor itself.
    run_in(&env, &p, &["doctor", "--controller-name", "sealed-secrets"])
        .stdout_has("  ok   the cluster serves the cached sealing certificate\n")
        .never_shows("--controller-name");
}
