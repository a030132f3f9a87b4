//! `deploy` following a release against the kube-apiserver emulator: every failure class with its
//! exit code and the lines shown, a success with async, a dropped watch, ArgoCD sync.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::support::apiserver::{ApiServer, Fault, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";
const POD: &str = "shop-web-new01-x2kq4";
const MS: Duration = Duration::from_millis(150);

/// A project linked to app `shop`, its app.yaml at `IMAGE` committed; `async_worker` turns
/// the worker on.
pub(crate) fn project(env: &TestEnv, async_worker: bool, argocd: bool) -> PathBuf {
    env.write("work/p/manage.py", "import os\n");
    env.write("work/p/proj/__init__.py", "");
    env.write("work/p/proj/settings.py", "");
    env.write("work/p/proj/wsgi.py", "application = None\n");
    let deps = if async_worker {
        "django\ngunicorn\ncelery\n"
    } else {
        "django\ngunicorn\n"
    };
    env.write("work/p/requirements.txt", deps);
    if async_worker {
        // The app /async names: init no longer writes `celery worker` without one.
        env.write(
            "work/p/proj/celery.py",
            "from celery import Celery

app = Celery('proj')
",
        );
    }
    let p = env.work().join("p");
    let mut init = vec!["init", "--yes", "--app", "shop", "--image", IMAGE];
    if async_worker {
        init.push("--async");
    }
    Outcome::of(env.cmd_in(&p, &init), None).success();
    crate::init::resolves::assert_scripts_resolve(&p);
    if argocd {
        let link = p.join("ungleich-django.yaml");
        let text = std::fs::read_to_string(&link).unwrap();
        std::fs::write(&link, format!("{text}argocd:\n  namespace: argocd\n")).unwrap();
    }
    p
}

/// The Deployment at `IMAGE`, its controller still working on the new ReplicaSet `new01`.
fn rolling(dep: Value) -> Value {
    let mut dep = dep;
    dep["metadata"]["generation"] = 2.into();
    objects::set_progressing(&mut dep, "new01", 0, 0, 1);
    dep
}

pub(crate) fn cluster(env: &TestEnv, async_worker: bool) -> ApiServer {
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    cluster.apply(rolling(objects::web_deployment("shop", IMAGE, 1)));
    if async_worker {
        cluster.apply(rolling(objects::async_deployment("shop", IMAGE, 1)));
    }
    cluster
}

fn deploy(env: &TestEnv, dir: &std::path::Path, extra: &[&str]) -> Outcome {
    let mut args = vec!["deploy"];
    args.extend_from_slice(extra);
    Outcome::of(env.cmd_in(dir, &args), None)
}

#[test]
fn a_release_with_async_shows_the_migrations_and_ends_live() {
    let env = TestEnv::new();
    let p = project(&env, true, false);
    let spec = p.join("deploy/app.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, format!("{text}hosts:\n  - shop.example.com\n")).unwrap();
    env.git(&p, &["commit", "-q", "-am", "hosts"]);
    let cluster = cluster(&env, true);
    cluster.apply(objects::web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_log_request(POD)
        .after(MS)
        .pod_init_logs(
            POD,
            &[
                "Applying shop.0002_order... OK",
                "Applying shop.0003_refund... OK",
            ],
        )
        .after(MS)
        .container_terminated(POD, "init", 0)
        .container_running(POD, "run")
        .apply(objects::async_pod("shop", "new02", "a1b2c", IMAGE))
        .deployment_rolled_out("shop-web", "new01")
        .after(MS)
        .deployment_rolled_out("shop-async", "new02")
        .start();
    let out = deploy(&env, &p, &[]);
    out.success()
        .stderr_has(
            "ArgoCD Application argocd/shop not found: skipping the sync stage, following the Deployments directly\n",
        )
        .stderr_has(
            "init | Applying shop.0002_order... OK\ninit | Applying shop.0003_refund... OK\n",
        )
        .stderr_has("shop-web: rolled out, shop-async: rolled out\n")
        // The address is what the user opens next.
        .stderr_has(&format!(
            "✓ shop is live at https://shop.example.com (revision {})\n",
            &git_head(&p)[..7]
        ));
}

#[test]
fn failed_migrations_exit_10_with_the_init_log() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.apply(objects::web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_log_request(POD)
        .after(MS)
        .pod_init_logs(
            POD,
            &[
                "Applying shop.0002_order...",
                "django.db.utils.ProgrammingError: column \"total\" does not exist",
            ],
        )
        .after(MS)
        .container_terminated(POD, "init", 1)
        .start();
    deploy(&env, &p, &[])
        .code(10)
        .stderr_has("init | django.db.utils.ProgrammingError: column \"total\" does not exist\n")
        .stderr_has(
            "error: migrations failed: /init exited with code 1 in pod shop-web-new01-x2kq4\n",
        );
}

#[test]
fn a_migration_that_failed_before_we_looked_shows_its_last_lines() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_terminated(&mut pod, "init", 3);
    cluster.apply(pod);
    cluster.logs(
        POD,
        "init",
        &[
            "Traceback (most recent call last):",
            "KeyError: 'DATABASE_URL'",
        ],
    );
    deploy(&env, &p, &[])
        .code(10)
        .stderr_has("init | KeyError: 'DATABASE_URL'\n")
        .stderr_has("error: migrations failed: /init exited with code 3");
}

#[test]
fn an_image_that_cannot_be_pulled_exits_11_at_once() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_waiting(
        &mut pod,
        "init",
        "ImagePullBackOff",
        "Back-off pulling image \"registry.example.com/acme/shop:2\"",
    );
    cluster.apply(pod);
    deploy(&env, &p, &["--timeout", "5s"])
        .code(11)
        .stderr_has("error: the image registry.example.com/acme/shop:2 cannot be pulled (ImagePullBackOff)")
        .stderr_has("hint: check that the image reference exists; for a private registry set `imagePullSecret`");
}

#[test]
fn a_crash_loop_exits_12_with_the_previous_log() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster.logs(
        POD,
        "run",
        &[
            "[INFO] Booting worker",
            "ModuleNotFoundError: No module named 'shop.wsgi'",
        ],
    );
    cluster
        .scenario()
        .after_watch("pods")
        .after(MS)
        .container_restarted(POD, "run", 1, "CrashLoopBackOff")
        .start();
    deploy(&env, &p, &[])
        .code(12)
        .stderr_has("run | ModuleNotFoundError: No module named 'shop.wsgi'\n")
        .stderr_has("error: run keeps crashing in pod shop-web-new01-x2kq4 (restarted 1 time, last exit code 1); its /init (migrations) had completed\n")
        // Nothing older serves, and this is the app's first deploy: no way back to offer.
        .stderr_has(&format!("  now: nothing serves the app now; app.yaml asks for {IMAGE}\n  no earlier deploy to roll back to: push a fixed image\n"));
}

#[test]
fn a_failed_release_ends_with_what_serves_what_app_yaml_asks_and_the_rollback() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let old_image = "registry.example.com/acme/shop:1";
    Outcome::of(
        env.cmd_in(&p, &["deploy", "--image", old_image, "--no-wait"]),
        None,
    )
    .success();
    let list = Outcome::of(env.cmd_in(&p, &["rollback", "--list", "-o", "json"]), None).json();
    let old_rev = list[0]["revision"].as_str().unwrap()[..12].to_owned();
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "h1", "aaaaa", old_image));
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_terminated(&mut pod, "init", 1);
    cluster.apply(pod);
    let out = deploy(&env, &p, &["--image", IMAGE]);
    out.code(10);
    assert!(
        out.stderr.ends_with(&format!(
            "error: migrations failed: /init exited with code 1 in pod shop-web-new01-x2kq4\n  hint: fix the migration or its data, push a new image and deploy it\n  now: :1 still serves; app.yaml asks for {IMAGE}\n  undo with `ungleich-django rollback {old_rev}` (migrations are not reversed)\n"
        )),
        "{}",
        out.stderr
    );
    let out = deploy(&env, &p, &["-o", "json"]);
    out.code(10);
    let result = out.ndjson().pop().unwrap();
    assert_eq!(result["stage"], "result");
    assert_eq!(result["serving"], serde_json::json!([old_image]));
    assert_eq!(result["desired_image"], IMAGE);
    assert_eq!(
        result["rollback_command"],
        format!("ungleich-django rollback {old_rev}")
    );
}

#[test]
fn a_missing_secret_key_exits_13_naming_the_key() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_waiting(
        &mut pod,
        "init",
        "CreateContainerConfigError",
        "couldn't find key SECRET_KEY in Secret shop/shop-env",
    );
    cluster.apply(pod);
    deploy(&env, &p, &[])
        .code(13)
        .stderr_has(
            "error: init cannot start: the key SECRET_KEY is missing from Secret shop/shop-env\n",
        )
        .stderr_has("hint: set it with `ungleich-django secret set SECRET_KEY`\n");
}

#[test]
fn an_unschedulable_pod_exits_14_with_the_schedulers_message() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    pod["status"] = serde_json::json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "0/3 nodes are available: 3 Insufficient memory."}]});
    cluster.apply(pod);
    deploy(&env, &p, &[])
        .code(14)
        .stderr_has("error: pod shop-web-new01-x2kq4 cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory.\n");
}

#[test]
fn a_failed_argocd_sync_exits_15_with_its_message() {
    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    let head = git_head(&p);
    let mut app = objects::application("shop", "OutOfSync", &head, "Healthy");
    app["status"]["operationState"]["phase"] = "Failed".into();
    app["status"]["operationState"]["message"] =
        "one or more objects failed to apply, reason: Deployment.apps \"shop-web\" is invalid"
            .into();
    cluster.apply(app);
    deploy(&env, &p, &[])
        .code(15)
        .stderr_has("is invalid\n")
        .stderr_has("error: ArgoCD could not sync ");
    let refreshed = cluster.requests().iter().any(|r| {
        r.method == "PATCH"
            && r.path.ends_with("/applications/shop")
            && r.body.contains("argocd.argoproj.io/refresh")
    });
    assert!(refreshed, "no refresh was requested");
}

#[test]
fn argocd_synced_to_the_pushed_commit_then_the_rollout() {
    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    let head = git_head(&p);
    cluster.apply(objects::application(
        "shop",
        "Synced",
        "0000000000000000000000000000000000000000",
        "Healthy",
    ));
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_request(|r| r.method == "PATCH")
        .after(MS)
        .application("shop", "Synced", &head, "Progressing")
        .after(MS)
        .deployment_rolled_out("shop-web", "new01")
        .start();
    deploy(&env, &p, &[])
        .success()
        .stderr_has(&format!(
            "ArgoCD synced {} (health: Progressing)\n",
            &head[..7]
        ))
        .stderr_has("✓ shop is live");
}

#[test]
fn the_progress_deadline_exits_16() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_watch("deployments")
        .after(MS)
        .deployment_deadline_exceeded("shop-web", "new01")
        .start();
    deploy(&env, &p, &[])
        .code(16)
        .stderr_has("error: shop-web exceeded its progress deadline: ReplicaSet \"shop-web-new01\" has timed out progressing.\n");
}

const QUOTA: &str = "pods \"shop-web-new01-x2kq4\" is forbidden: exceeded quota: compute, requested: memory=512Mi, used: memory=1536Mi, limited: memory=2Gi";

#[test]
fn a_rollout_stuck_on_a_quota_shows_the_warning_and_explains_the_deadline_with_it() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let second = Duration::from_secs(1);
    // The ReplicaSet cannot create its pod: no pod status says so, only its events.
    let warning = crate::status::warning;
    cluster.apply(warning(
        "ReplicaSet",
        "shop-web-new01",
        "FailedCreate",
        QUOTA,
        4,
        second,
        "q",
    ));
    // Older than this release: not its explanation.
    cluster.apply(warning(
        "Pod",
        "shop-web-old01-aaaaa",
        "BackOff",
        "an old crash",
        1,
        second * 3600,
        "o",
    ));
    cluster
        .scenario()
        .after_watch("deployments")
        .after(MS * 2)
        .deployment_deadline_exceeded("shop-web", "new01")
        .start();
    deploy(&env, &p, &[])
        .code(16)
        .stderr_has(&format!("warning: FailedCreate (x4) on replicaset/shop-web-new01: {QUOTA}\n"))
        .stderr_has(&format!(
            "error: shop-web exceeded its progress deadline: ReplicaSet \"shop-web-new01\" has timed out progressing.; the newest warning: FailedCreate (x4) on replicaset/shop-web-new01: {QUOTA}\n"
        ))
        .never_shows("an old crash");
}

#[test]
fn a_timeout_names_the_newest_warning_of_a_pod_that_cannot_mount_its_volume() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_waiting(&mut pod, "init", "PodInitializing", "");
    cluster.apply(pod);
    let mount = "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition";
    cluster.apply(crate::status::warning(
        "Pod",
        POD,
        "FailedMount",
        mount,
        1,
        Duration::from_secs(1),
        "m",
    ));
    deploy(&env, &p, &["--timeout", "2s"])
        .code(17)
        .stderr_has(&format!("warning: FailedMount on pod/{POD}: {mount}\n"))
        .stderr_has(&format!(
            "error: the release was not live within 2s; the newest warning: FailedMount on pod/{POD}: {mount}\n"
        ));
}

#[test]
fn timeout_exits_17() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let _cluster = cluster(&env, false);
    deploy(&env, &p, &["--timeout", "2s"])
        .code(17)
        .stderr_has("error: the release was not live within 2s\n");
}

#[test]
fn a_watch_dropped_mid_rollout_resumes_without_a_false_result() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    // The first watch to start is cut after its first event, mid-rollout.
    cluster.fault(Fault::DropWatchAfter(1));
    cluster
        .scenario()
        .after_watch("deployments")
        .after_watch("pods")
        .after(MS)
        .deployment_progressing("shop-web", "new01", 1, 0, 1)
        .apply(objects::running_web_pod("shop", "new01", "b7c8d", IMAGE))
        .after(MS * 3)
        .deployment_progressing("shop-web", "new01", 1, 1, 0)
        .after(MS)
        .deployment_rolled_out("shop-web", "new01")
        .start();
    deploy(&env, &p, &["--timeout", "20s"])
        .success()
        .stderr_has("shop-web: 1 old pod pending termination\n")
        .stderr_has("✓ shop is live");
    let watches = cluster
        .requests()
        .iter()
        .filter(|r| {
            r.param("watch").as_deref() == Some("true") || r.param("watch").as_deref() == Some("1")
        })
        .count();
    assert!(
        watches >= 3,
        "the dropped watch was not resumed: {watches} watches"
    );
}

#[test]
fn expired_credentials_exit_4_with_the_fix() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig_with(&env, &crate::support::apiserver::Auth::WrongToken);
    deploy(&env, &p, &[])
        .code(4)
        .stderr_has("error: the Kubernetes API server refused the credentials (401 Unauthorized)\n")
        .stderr_has("hint: your credentials expired");
}

#[test]
fn json_events_for_ci() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let mut pod = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    objects::set_terminated(&mut pod, "init", 1);
    cluster.apply(pod);
    cluster.logs(POD, "init", &["boom"]);
    let out = deploy(&env, &p, &["-o", "json"]);
    out.code(10);
    let last = out.ndjson().pop().expect("a result event");
    assert_eq!(last["stage"], "result");
    assert_eq!(last["result"], "migration-failed");
    assert_eq!(last["exit_code"], 10);
    assert!(
        out.stdout
            .contains(r#"{"stage":"diagnosis","container":"init","line":"boom"}"#),
        "{}",
        out.stdout
    );
}

#[test]
fn json_events_carry_the_warnings_for_ci() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let second = Duration::from_secs(1);
    cluster.apply(crate::status::warning(
        "ReplicaSet",
        "shop-web-new01",
        "FailedCreate",
        QUOTA,
        2,
        second,
        "q",
    ));
    let out = deploy(&env, &p, &["-o", "json", "--timeout", "1s"]);
    out.code(17);
    let warning: Value = out
        .ndjson()
        .into_iter()
        .find(|v| v.get("warning").is_some())
        .unwrap_or_else(|| panic!("no warning event in {}", out.stdout));
    assert_eq!(warning["stage"], "rollout");
    assert_eq!(warning["warning"]["reason"], "FailedCreate");
    assert_eq!(warning["warning"]["object"], "replicaset/shop-web-new01");
    assert_eq!(warning["warning"]["count"], 2);
    assert_eq!(warning["warning"]["message"], QUOTA);
}

pub(crate) fn git_head(dir: &std::path::Path) -> String {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_forbidden_namespace_exits_4_with_the_fix() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.deny("list", "deployments");
    deploy(&env, &p, &[])
        .code(4)
        .stderr_has("error: no access to namespace shop: ")
        .stderr_has("hint: check the namespace in ungleich-django.yaml or -n");
}

#[test]
fn an_unreachable_api_server_exits_4_with_the_fix() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let url = {
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(&env);
        cluster.url()
    };
    // The server is named: "cannot reach the API server" alone leaves the user guessing which.
    deploy(&env, &p, &["--timeout", "20s"])
        .code(4)
        .stderr_has(&format!(
            "error: cannot reach the Kubernetes API server {}: ",
            url.trim_end_matches('/')
        ))
        .stderr_has("hint: check your network or VPN");
}

#[test]
fn ctrl_c_stops_following_with_130_and_says_the_release_goes_on() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    let head = git_head(&p);
    let child = env
        .cmd_in(&p, &["deploy"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once it watches the pods: the rollout here never ends on its own.
    let watching = cluster.wait_for_request(Duration::from_secs(20), |r| {
        r.path.ends_with("/pods") && r.param("watch").as_deref() == Some("true")
    });
    assert!(watching.is_some(), "deploy never watched the pods");
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.ends_with(&format!(
            "error: stopped following: revision {} is pushed, and the cluster goes on rolling it out\n  hint: follow it again with `ungleich-django deploy` (no --image), or look with `ungleich-django status`\n",
            &head[..7]
        )),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_on_a_terminal_clears_the_spinner_before_saying_the_release_goes_on() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let _cluster = cluster(&env, false);
    let session =
        crate::support::terminal::interrupt_once(&env, &p, &["deploy"], "new pods updated");
    assert!(!session.success);
    let error = session
        .output
        .rfind("error: stopped following")
        .unwrap_or_else(|| panic!("no interruption message: {:?}", session.output));
    let before = &session.output[..error];
    let spinner = before
        .rfind("new pods updated")
        .expect("the spinner was drawn");
    // indicatif clears its line with ESC [2K; after that nothing of the spinner is drawn again.
    let cleared = before[spinner..].find("\x1b[2K");
    assert!(
        cleared.is_some(),
        "the spinner was not cleared: {:?}",
        &session.output[spinner..]
    );
}
