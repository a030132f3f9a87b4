//! `status` against the kube-apiserver emulator.

use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};

use crate::support::apiserver::{ApiServer, Auth, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";

#[test]
fn status_compares_the_desired_image_with_what_runs() {
    let env = TestEnv::new();
    env.write("work/p/manage.py", "import os\n");
    env.write("work/p/proj/__init__.py", "");
    env.write("work/p/proj/settings.py", "");
    env.write("work/p/proj/wsgi.py", "application = None\n");
    env.write("work/p/requirements.txt", "django\ngunicorn\n");
    let p = env.work().join("p");
    Outcome::of(
        env.cmd_in(
            &p,
            &[
                "init",
                "--yes",
                "--app",
                "shop",
                "--image",
                IMAGE,
                "--host",
                "shop.example.com",
            ],
        ),
        None,
    )
    .success();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment(
        "shop",
        "registry.example.com/acme/shop:1",
        1,
    ));
    let mut pod =
        objects::running_web_pod("shop", "h1", "aaaaa", "registry.example.com/acme/shop:1");
    objects::restart_container(&mut pod, "run", 1, "");
    cluster.apply(objects::created_ago(pod, Duration::from_secs(600)));
    // cert-manager's Certificate for the host, not issued yet: status says why.
    cluster.apply(serde_json::json!({
        "apiVersion": "cert-manager.io/v1",
        "kind": "Certificate",
        "metadata": {"name": "shop-tls", "namespace": "shop"},
        "spec": {"secretName": "shop-tls", "dnsNames": ["shop.example.com"]},
        "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "DoesNotExist", "message": "Issuing certificate as Secret does not exist"}]},
    }));

    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    out.success()
        .stdout_has("hosts      shop.example.com\n  cert     shop.example.com: pending: Issuing certificate as Secret does not exist\n")
        .stdout_has("image      registry.example.com/acme/shop:2 (app.yaml)\n")
        .stdout_has(
            "web        1/1 ready, registry.example.com/acme/shop:1 (not yet the desired image)",
        )
        .stdout_has("init       succeeded in shop-web-h1-aaaaa\n")
        .stdout_has("hosts      shop.example.com\n")
        .stdout_has("rolling out at ")
        .stdout_has("; :1 serves\n")
        .stdout_has(
            "shop-web-h1-aaaaa                        web        1/1    Running   1         10m   :1\n",
        );

    let out = Outcome::of(env.cmd_in(&p, &["status", "-o", "json"]), None);
    out.success();
    let json = out.json();
    assert_eq!(json["desired_image"], IMAGE);
    assert_eq!(
        json["deployments"][0]["image"],
        "registry.example.com/acme/shop:1"
    );
    assert_eq!(json["pods"][0]["restarts"], 1);
    assert_eq!(json["pods"][0]["component"], "web");
    assert_eq!(json["pods"][0]["status"], "Running");
    assert_eq!(json["verdict"]["state"], "rolling_out");
    assert_eq!(json["pushed_revision"].as_str().unwrap().len(), 40);
}

/// An event about `kind` `name` in `shop`, named `unique`, last seen `ago`.
pub(crate) fn warning(
    kind: &str,
    name: &str,
    reason: &str,
    message: &str,
    count: i64,
    ago: Duration,
    unique: &str,
) -> serde_json::Value {
    let api = if kind == "Pod" { "v1" } else { "apps/v1" };
    let involved = serde_json::json!({"apiVersion": api, "kind": kind, "metadata": {"name": name, "namespace": "shop"}});
    let mut e = objects::event(&involved, "Warning", reason, message);
    let at = (jiff::Timestamp::now() - jiff::SignedDuration::try_from(ago).unwrap()).to_string();
    e["metadata"]["name"] = format!("{name}.{unique}").into();
    e["count"] = count.into();
    e["lastTimestamp"] = at.into();
    e
}

#[test]
fn status_shows_the_newest_warning_events_counted_like_kubectl() {
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, false);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    let mount = "MountVolume.SetUp failed for volume \"data\" : persistentvolumeclaim \"shop-data\" not found";
    let minute = Duration::from_secs(60);
    cluster.apply(warning(
        "Pod",
        "shop-web-h1-aaaaa",
        "FailedMount",
        mount,
        2,
        minute * 5,
        "a",
    ));
    cluster.apply(warning(
        "Pod",
        "shop-web-h1-bbbbb",
        "FailedMount",
        mount,
        3,
        minute * 2,
        "b",
    ));
    let quota = "pods \"shop-web-h1-ccccc\" is forbidden: exceeded quota: compute, requested: memory=512Mi, used: memory=1536Mi, limited: memory=2Gi";
    cluster.apply(warning(
        "ReplicaSet",
        "shop-web-h1",
        "FailedCreate",
        quota,
        1,
        minute * 3,
        "c",
    ));
    cluster.apply(warning(
        "Pod",
        "shop-api-web-h1-aaaaa",
        "FailedMount",
        "another app",
        1,
        minute,
        "d",
    ));

    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    out.success()
        .stdout_has(&format!(
            "warnings   2m ago FailedMount (x5) on pod/shop-web-h1-bbbbb: {mount}\n           3m ago FailedCreate on replicaset/shop-web-h1: {quota}\n"
        ))
        .never_shows("another app");
    let json = Outcome::of(env.cmd_in(&p, &["status", "-o", "json"]), None).json();
    assert_eq!(json["warnings"][0]["reason"], "FailedMount");
    assert_eq!(json["warnings"][0]["count"], 5);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 2);
}

async fn checks_with(cluster: &ApiServer, auth: &Auth) -> Vec<(String, String)> {
    let kubeconfig = Kubeconfig::from_yaml(&cluster.kubeconfig(auth)).expect("kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("config");
    let client = kube::Client::try_from(config).expect("client");
    let application = ungleich_django::doctor::cluster::Application {
        namespace: "argocd",
        name: "shop",
    };
    ungleich_django::doctor::cluster::checks(client, "shop", Some(application))
        .await
        .into_iter()
        .map(|f| {
            let v = serde_json::to_value(&f).unwrap();
            (f.check.to_owned(), v["status"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn doctor_cluster_checks_name_what_is_wrong() {
    let cluster = ApiServer::start();
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await,
        pairs(&[
            ("cluster.reachable", "ok"),
            ("cluster.credentials", "ok"),
            ("cluster.namespace", "ok"),
            ("cluster.application", "ok")
        ])
    );
    cluster.deny("get", "applications");
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await[3],
        ("cluster.application".to_owned(), "warn".to_owned())
    );
    cluster.deny("list", "deployments");
    assert_eq!(
        checks_with(&cluster, &Auth::Token).await[2],
        ("cluster.namespace".to_owned(), "fail".to_owned())
    );
    assert_eq!(
        checks_with(&cluster, &Auth::WrongToken).await,
        pairs(&[("cluster.credentials", "fail")])
    );
}

/// A project whose deploy repository has deployed `:1` and then `IMAGE` (`:2`), and a cluster
/// where `:1` serves from an old pod while the web Deployment rolls out `:2` in pod
/// `shop-web-new01-x2kq4`, which `break_pod` breaks. Returns the project, the cluster and the
/// revision that deployed `:1`.
fn failed_release(
    env: &TestEnv,
    break_pod: impl FnOnce(&mut serde_json::Value),
) -> (std::path::PathBuf, ApiServer, String) {
    let p = crate::release::project(env, false, false);
    for image in ["registry.example.com/acme/shop:1", IMAGE] {
        Outcome::of(
            env.cmd_in(&p, &["deploy", "--image", image, "--no-wait"]),
            None,
        )
        .success();
    }
    let list = Outcome::of(env.cmd_in(&p, &["rollback", "--list", "-o", "json"]), None).json();
    assert_eq!(list[1]["image"], "registry.example.com/acme/shop:1");
    let old_rev = list[1]["revision"].as_str().unwrap()[..12].to_owned();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    let mut dep = objects::web_deployment("shop", IMAGE, 1);
    dep["metadata"]["generation"] = 2.into();
    objects::set_progressing(&mut dep, "new01", 1, 0, 1);
    cluster.apply(dep);
    let old = objects::running_web_pod("shop", "h1", "aaaaa", "registry.example.com/acme/shop:1");
    cluster.apply(objects::created_ago(old, Duration::from_secs(3600)));
    let mut new = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    break_pod(&mut new);
    cluster.apply(new);
    (p, cluster, old_rev)
}

/// `status` after a release that failed with `verdict`, `code`, the pod's STATUS and restarts.
fn status_tells_the_failure(
    break_pod: impl FnOnce(&mut serde_json::Value),
    verdict: &str,
    code: i32,
    pod_status: &str,
    restarts: i64,
) {
    let env = TestEnv::new();
    let (p, _cluster, old_rev) = failed_release(&env, break_pod);
    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    let first = out.stdout.lines().next().unwrap_or_default().to_owned();
    assert!(
        first.starts_with(&format!("FAILED ({verdict}) at "))
            && first.ends_with("; :1 still serves"),
        "verdict line: {first}"
    );
    out.code(code)
        .stdout_has(&format!("  app.yaml asks for {IMAGE}\n"))
        .stdout_has(&format!(
            "  undo with `ungleich-django rollback {old_rev}` (migrations are not reversed)\n"
        ))
        .stdout_has("web        1/1 ready, registry.example.com/acme/shop:2 (ready pods run :1)\n");
    let row = |pod: &str| -> Vec<String> {
        let line = out.stdout.lines().find(|l| l.starts_with(pod)).expect(pod);
        line.split_whitespace().map(str::to_owned).collect()
    };
    let restarts = restarts.to_string();
    assert_eq!(
        row("shop-web-new01-x2kq4")[..5],
        ["shop-web-new01-x2kq4", "web", "0/1", pod_status, &restarts]
    );
    assert_eq!(row("shop-web-new01-x2kq4")[6], ":2");
    assert_eq!(row("shop-web-h1-aaaaa")[3], "Running");
    assert_eq!(row("shop-web-h1-aaaaa")[6], ":1");
    let out = Outcome::of(env.cmd_in(&p, &["status", "-o", "json"]), None);
    out.code(code);
    let json = out.json();
    assert_eq!(json["verdict"]["state"], "failed");
    assert_eq!(
        json["serving"],
        serde_json::json!(["registry.example.com/acme/shop:1"])
    );
    assert_eq!(
        json["rollback_command"],
        format!("ungleich-django rollback {old_rev}")
    );
}

#[test]
fn status_after_a_failed_migration_says_what_still_serves_and_how_to_undo() {
    status_tells_the_failure(
        |pod| {
            for _ in 0..4 {
                objects::restart_container(pod, "init", 1, "CrashLoopBackOff");
            }
        },
        "migrations",
        10,
        "Init:CrashLoopBackOff",
        4,
    );
    // The init line says the migration failed, not that it is "waiting".
    let env = TestEnv::new();
    let (p, _cluster, _) = failed_release(&env, |pod| {
        for _ in 0..4 {
            objects::restart_container(pod, "init", 1, "CrashLoopBackOff");
        }
    });
    Outcome::of(env.cmd_in(&p, &["status"]), None)
        .code(10)
        .stdout_has("init       failed with exit code 1 in shop-web-new01-x2kq4 (CrashLoopBackOff, restarted 4 times)\n");
}

#[test]
fn status_after_an_image_that_cannot_be_pulled() {
    status_tells_the_failure(
        |pod| {
            objects::set_waiting(pod, "init", "ImagePullBackOff", "Back-off pulling image");
        },
        "image pull",
        11,
        "Init:ImagePullBackOff",
        0,
    );
}

#[test]
fn status_after_a_crash_loop() {
    status_tells_the_failure(
        |pod| {
            objects::set_terminated(pod, "init", 0);
            objects::set_running(pod, "run", false);
            for _ in 0..3 {
                objects::restart_container(pod, "run", 2, "CrashLoopBackOff");
            }
        },
        "crash loop",
        12,
        "CrashLoopBackOff",
        3,
    );
}

#[test]
fn status_of_an_empty_namespace_says_nothing_is_found_and_exits_6() {
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, true);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    let out = Outcome::of(env.cmd_in(&p, &["status", "-n", "wrong"]), None);
    out.code(6)
        .stdout_has("NOT FOUND: no Deployment or pod of shop in namespace wrong\n")
        .stdout_has("  hint: check the namespace (-n) and --context, or deploy the app first\n");
    let out = Outcome::of(
        env.cmd_in(&p, &["status", "-n", "wrong", "-o", "json"]),
        None,
    );
    out.code(6);
    assert_eq!(out.json()["verdict"]["state"], "not_found");
}

#[test]
fn status_of_a_rolled_out_release_is_live() {
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, false);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    cluster.apply(objects::running_web_pod("shop", "h2", "aaaaa", IMAGE));
    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    let first = out.stdout.lines().next().unwrap_or_default().to_owned();
    assert!(
        first.starts_with("live at ") && first.ends_with("; :2 serves"),
        "{first}"
    );
    out.success();
}

#[test]
fn rollback_list_marks_what_serves_what_failed_and_what_was_rolled_back() {
    let env = TestEnv::new();
    // History: :2 (init), :1, :2 (failing in the cluster, :1 serving).
    let (p, _cluster, old_rev) = failed_release(&env, |pod| {
        objects::restart_container(pod, "init", 1, "CrashLoopBackOff");
    });
    let out = Outcome::of(env.cmd_in(&p, &["rollback", "--list"]), None);
    out.success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("  REV      DATE"), "{}", out.stdout);
    assert!(
        lines[1].ends_with(&format!("{IMAGE}  app.yaml now, FAILED (migrations)")),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].starts_with(&format!("* {} ", &old_rev[..7])),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].ends_with("registry.example.com/acme/shop:1  serving"),
        "{}",
        out.stdout
    );
    // Deploying :2 again after :1 is no rollback of :1: nothing marks the older ones.
    assert!(lines[3].ends_with(IMAGE), "{}", out.stdout);
    let json = Outcome::of(env.cmd_in(&p, &["rollback", "--list", "-o", "json"]), None).json();
    assert_eq!(json[0]["failed"], "migrations");
    assert_eq!(json[1]["serving"], true);
    assert_eq!(json[0]["serving"], false);

    // Roll back: the failed :2 is now marked as rolled back.
    Outcome::of(env.cmd_in(&p, &["rollback", "--no-wait"]), None).success();
    let out = Outcome::of(env.cmd_in(&p, &["rollback", "--list"]), None);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[2].contains(&format!("{IMAGE}  ")) && lines[2].ends_with("rolled back"),
        "{}",
        out.stdout
    );
}

#[test]
fn status_after_a_failed_argocd_sync_exits_15() {
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, true);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    // The old release runs on; ArgoCD could not apply the new one.
    cluster.apply(objects::web_deployment(
        "shop",
        "registry.example.com/acme/shop:1",
        1,
    ));
    cluster.apply(objects::running_web_pod(
        "shop",
        "h1",
        "aaaaa",
        "registry.example.com/acme/shop:1",
    ));
    let mut app = objects::application("shop", "OutOfSync", "abc", "Healthy");
    app["status"]["operationState"]["phase"] = "Failed".into();
    app["status"]["operationState"]["message"] =
        "one or more objects failed to apply, reason: Deployment.apps \"shop-web\" is invalid"
            .into();
    cluster.apply(app);
    let out = Outcome::of(env.cmd_in(&p, &["status"]), None);
    let first = out.stdout.lines().next().unwrap_or_default().to_owned();
    assert!(
        first.starts_with("FAILED (sync) at ") && first.ends_with("; :1 still serves"),
        "{first}"
    );
    out.code(15)
        .stdout_has("  ArgoCD could not sync: one or more objects failed to apply")
        .stdout_has("  hint: see the Application's events with `kubectl -n argocd describe application shop`\n");
}
