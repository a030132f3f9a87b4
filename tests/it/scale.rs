//! `restart` and `scale`: desired state in app.yaml (`restarts`, `replicas`), one commit each
//! with comments kept, followed like a deploy; bad counts and a missing worker exit 3 with
//! nothing committed; `scale` beyond the namespace's ResourceQuota too.

use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::release::{cluster, git_head, project};
use crate::support::apiserver::{ApiServer, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";

fn ud(env: &TestEnv, p: &Path, args: &[&str]) -> Outcome {
    Outcome::of(env.cmd_in(p, args), None)
}

/// app.yaml with comments, committed.
fn commented(env: &TestEnv, p: &Path, extra: &str) -> std::path::PathBuf {
    let spec = p.join("deploy/app.yaml");
    std::fs::write(
        &spec,
        format!(
            "# The shop.\nname: shop\nimage: {IMAGE}   # CI\n{extra}hosts:\n  - shop.example.com\n"
        ),
    )
    .unwrap();
    env.git(p, &["commit", "-q", "-am", "commented"]);
    spec
}

#[test]
fn restart_counts_up_per_component_in_one_commit_each() {
    let env = TestEnv::new();
    let p = project(&env, true, false);
    let spec = commented(&env, &p, "async: true  # celery\n");
    ud(&env, &p, &["restart", "--no-wait"])
        .success()
        .stderr_has("committed \"restart web async\"");
    ud(&env, &p, &["restart", "web", "--no-wait"]).success();
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        format!(
            "# The shop.\nname: shop\nimage: {IMAGE}   # CI\nasync: true  # celery\nhosts:\n  - shop.example.com\nrestarts:\n  web: 2\n  async: 1\n"
        )
    );
    assert_eq!(
        env.git(&p, &["log", "-2", "--format=%s"]).trim(),
        "restart web\nrestart web async"
    );
}

#[test]
fn restart_async_without_a_worker_is_refused_and_commits_nothing() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let head = git_head(&p);
    ud(&env, &p, &["restart", "async", "--no-wait"])
        .code(3)
        .stderr_has(
            "error: app.yaml has no worker (`async` is off), so there are no async pods to restart",
        );
    assert_eq!(git_head(&p), head);
}

#[test]
fn scale_sets_replicas_keeping_comments_and_refuses_bad_counts() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let spec = commented(
        &env,
        &p,
        "replicas:   # sized for the shop\n  web: 1  # one is enough\n",
    );
    let before = std::fs::read_to_string(&spec).unwrap();
    let head = git_head(&p);
    for (args, says) in [
        (
            &["scale", "web=21"][..],
            "error: web=21 is more than the 20 pods the chart allows",
        ),
        (&["scale", "async=1"], "error: app.yaml has no worker"),
        (&["scale", "db=1"], "error: `db=1` is not web=N or async=N"),
        (
            &["scale", "web=-1"],
            "error: `web=-1` is not web=N or async=N",
        ),
        (&["scale", "web=1", "web=2"], "error: web is given twice"),
    ] {
        let mut all = args.to_vec();
        all.push("--no-wait");
        ud(&env, &p, &all).code(3).stderr_has(says);
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), before, "{args:?}");
        assert_eq!(git_head(&p), head, "{args:?}");
    }
    ud(&env, &p, &["scale", "web=3", "--no-wait"])
        .success()
        .stderr_has("warning: the app's volume is ReadWriteOnce: all its pods run on one node")
        .stderr_has("committed \"scale web=3\"");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        before.replace("  web: 1  # one", "  web: 3  # one")
    );
}

#[test]
fn restart_is_followed_like_a_deploy() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after(Duration::from_millis(300))
        .deployment_rolled_out("shop-web", "new01")
        .start();
    ud(&env, &p, &["restart"])
        .success()
        .stderr_has("committed \"restart web\"")
        .stderr_has(&format!(
            "✓ shop is live at revision {}",
            &git_head(&p)[..7]
        ));
}

/// The hoster's web size as the chart renders it: 256Mi requested, 512Mi at most.
fn sized(mut object: serde_json::Value, containers: &str) -> serde_json::Value {
    let spec = if object["kind"] == "Pod" {
        &mut object["spec"]
    } else {
        &mut object["spec"]["template"]["spec"]
    };
    spec[containers][0]["resources"] = json!({
        "requests": {"cpu": "100m", "memory": "256Mi"},
        "limits": {"memory": "512Mi"},
    });
    object
}

/// The namespace's quota: 10 pods, 2Gi requested, 3Gi of limits; of which the app's one web
/// pod and another pod (a one-off run) use 2 pods, 512Mi and 1Gi.
fn quota() -> serde_json::Value {
    let hard = json!({"pods": "10", "requests.memory": "2Gi", "limits.memory": "3Gi"});
    json!({
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": {"name": "shop-size", "namespace": "shop"},
        "spec": {"hard": hard},
        "status": {
            "hard": hard,
            "used": {"pods": "2", "requests.memory": "512Mi", "limits.memory": "1Gi"},
        },
    })
}

#[test]
fn scale_stays_within_the_namespaces_resource_quota_when_it_can_be_read() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let spec = commented(&env, &p, "");
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(sized(
        objects::web_deployment("shop", IMAGE, 1),
        "containers",
    ));
    cluster.apply(sized(
        objects::running_web_pod("shop", "h1", "aaaaa", IMAGE),
        "containers",
    ));
    cluster.apply(quota());
    let before = std::fs::read_to_string(&spec).unwrap();
    let head = git_head(&p);
    // 3Gi of limits, 512Mi of them the run's: five pods of 512Mi fit, six do not.
    ud(&env, &p, &["scale", "web=6", "--no-wait"])
        .code(3)
        .stderr_has("error: web=6 does not fit the namespace's ResourceQuota shop-size: the app's pods would need 3Gi of limits.memory, which allows 3Gi, and other pods use 512Mi of it; at most web=5 fits\n")
        .stderr_has("hint: scale to at most web=5, or ask the hoster for a larger plan");
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), before);
    assert_eq!(git_head(&p), head);
    ud(&env, &p, &["scale", "web=5", "--no-wait", "-v"])
        .success()
        .stderr_has("scale: within the ResourceQuota shop-size and the chart's limit of 20 pods")
        .stderr_has("committed \"scale web=5\"");
    // A plan the app already exceeds (the hoster made it smaller: 2Gi of limits, room for
    // three pods next to the run's) never stops a scale down from five.
    cluster.modify("v1", "ResourceQuota", "shop", "shop-size", |q| {
        q["spec"]["hard"]["limits.memory"] = json!("2Gi");
        q["status"]["hard"]["limits.memory"] = json!("2Gi");
    });
    ud(&env, &p, &["scale", "web=6", "--no-wait"])
        .code(3)
        .stderr_has("at most web=3 fits");
    ud(&env, &p, &["scale", "web=4", "--no-wait"])
        .success()
        .stderr_has("committed \"scale web=4\"");
    // Without the right to read quotas, the chart's limit is all there is, said with -v.
    cluster.deny("list", "resourcequotas");
    ud(&env, &p, &["scale", "web=8", "--no-wait", "-v"])
        .success()
        .stderr_has("scale: the ResourceQuotas cannot be read (reading resourcequotas is forbidden (the RBAC example's Role allows it)); the chart's limit of 20 pods applies")
        .stderr_has("committed \"scale web=8\"");
    ud(&env, &p, &["scale", "web=21", "--no-wait"])
        .code(3)
        .stderr_has("error: web=21 is more than the 20 pods the chart allows");
}
