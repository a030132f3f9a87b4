//! Real kubectl against the kube-apiserver emulator (`support::apiserver`): each test asserts
//! what kubectl printed and its exit status, as against a real cluster. Where kubectl and the
//! emulator disagree, the emulator is wrong.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::apiserver::{ApiServer, Auth, objects};
use crate::support::{Outcome, TestEnv, tools};

fn ago(d: Duration) -> String {
    let t = jiff::Timestamp::now() - jiff::SignedDuration::try_from(d).expect("duration");
    jiff::Timestamp::from_second(t.as_second())
        .expect("timestamp")
        .to_string()
}

const IMAGE: &str = "registry.example.com/shop:1.0";

/// A test world: a temp HOME whose KUBECONFIG points at a fresh emulator.
fn world() -> (TestEnv, ApiServer) {
    let env = TestEnv::new();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    (env, cluster)
}

/// kubectl with the test's HOME, KUBECONFIG and its own discovery cache.
fn kubectl(env: &TestEnv, args: &[&str]) -> Command {
    let cache = env.root().join("kube-cache");
    let mut all = vec![
        "--cache-dir",
        cache.to_str().expect("utf-8 path"),
        "--request-timeout=10s",
    ];
    all.extend_from_slice(args);
    env.program(tools::require("kubectl"), &all)
}

/// Runs kubectl to the end, killing it after 20 seconds (a hang is a failure, not a stuck CI).
fn run(env: &TestEnv, args: &[&str]) -> Outcome {
    let cmd = kubectl(env, args);
    let command = format!("{cmd:?}");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut child = {
        let mut cmd = cmd;
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().expect("start kubectl")
    };
    let pid = child.id();
    let (mut stdout, mut stderr) = (
        child.stdout.take().expect("stdout"),
        child.stderr.take().expect("stderr"),
    );
    std::thread::spawn(move || {
        let mut err = String::new();
        let reader = std::thread::spawn(move || {
            let mut out = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut out).ok();
            out
        });
        std::io::Read::read_to_string(&mut stderr, &mut err).ok();
        let out = reader.join().unwrap_or_default();
        let _ = tx.send((out, err));
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let (stdout, stderr) = rx.recv().expect("output");
            return Outcome {
                command,
                stdout,
                stderr,
                code: status.code(),
            };
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let (stdout, stderr) = rx.recv().unwrap_or_default();
            panic!(
                "kubectl (pid {pid}) did not finish within 20s: {command}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs kubectl until it printed `lines` lines on stdout (or `limit` passed), then kills it.
fn run_until_lines(env: &TestEnv, args: &[&str], lines: usize, limit: Duration) -> Vec<String> {
    let mut child = kubectl(env, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kubectl");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + limit;
    let mut out = Vec::new();
    while out.len() < lines {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => out.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    out
}

#[test]
fn get_pods_prints_the_servers_table() {
    let (env, cluster) = world();
    cluster.apply(objects::web_deployment("shop", IMAGE, 2));
    cluster.apply(objects::running_web_pod(
        "shop",
        "7d9f8c6b5",
        "x2kq4",
        IMAGE,
    ));
    cluster.apply(objects::web_pod("shop", "7d9f8c6b5", "m8ztw", IMAGE));
    let mut crashing = objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE);
    objects::restart_container(&mut crashing, "async", 1, "CrashLoopBackOff");
    crashing["status"]["containerStatuses"][0]["lastState"]["terminated"]["finishedAt"] =
        json!(ago(Duration::from_secs(10 * 60)));
    cluster.apply(objects::created_ago(
        crashing,
        Duration::from_secs(3 * 3600),
    ));

    run(&env, &["get", "pods"])
        .success()
        .stderr_is("")
        .stdout_is(
            "NAME                         READY   STATUS             RESTARTS      AGE
shop-async-5f6d7c8b9-q7wzc   0/1     CrashLoopBackOff   1 (10m ago)   3h
shop-web-7d9f8c6b5-m8ztw     0/1     Init:0/1           0             15m
shop-web-7d9f8c6b5-x2kq4     1/1     Running            0             15m
",
        );
    // Aggregated discovery: two requests, as against a 1.33 API server (the gcloud dispatcher
    // asks /version first to pick its kubectl; a plain kubectl does not).
    let paths: Vec<String> = cluster
        .requests()
        .into_iter()
        .filter(|r| r.path != "/version")
        .map(|r| r.path)
        .collect();
    assert_eq!(paths, ["/api", "/apis", "/api/v1/namespaces/shop/pods"]);
}

#[test]
fn get_pods_shows_pull_and_init_failures_like_a_cluster() {
    let (env, cluster) = world();
    let mut pulling = objects::web_pod("shop", "6c4f9d7b8", "a1b2c", IMAGE);
    objects::set_waiting(&mut pulling, "init", "ErrImagePull", "failed to pull image");
    cluster.apply(pulling);
    let mut backoff = objects::async_pod("shop", "6c4f9d7b8", "d3e4f", IMAGE);
    objects::set_waiting(
        &mut backoff,
        "async",
        "ImagePullBackOff",
        "Back-off pulling image",
    );
    cluster.apply(backoff);
    let mut failed_init = objects::web_pod("shop", "6c4f9d7b8", "g5h6i", IMAGE);
    objects::set_terminated(&mut failed_init, "init", 2);
    cluster.apply(failed_init);

    run(&env, &["get", "pods", "-o", "wide", "-l", "app.kubernetes.io/instance=shop"]).success().stderr_is("").stdout_is(
        "NAME                         READY   STATUS              RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES
shop-async-6c4f9d7b8-d3e4f   0/1     ImagePullBackOff    0          15m   10.244.0.17   node-1   <none>           <none>
shop-web-6c4f9d7b8-a1b2c     0/1     Init:ErrImagePull   0          15m   10.244.0.17   node-1   <none>           <none>
shop-web-6c4f9d7b8-g5h6i     0/1     Init:Error          0          15m   10.244.0.17   node-1   <none>           <none>
",
    );
    run(&env, &["logs", "shop-async-6c4f9d7b8-d3e4f"])
        .code(1)
        .stderr_is("Error from server (BadRequest): container \"async\" in pod \"shop-async-6c4f9d7b8-d3e4f\" is waiting to start: trying and failing to pull image\n");
    run(
        &env,
        &["get", "pods", "--field-selector", "metadata.name=nope"],
    )
    .success()
    .stdout_is("")
    .stderr_is("No resources found in shop namespace.\n");
}

#[test]
fn get_pods_watch_prints_each_change_as_a_row() {
    let (env, cluster) = world();
    let pod = "shop-web-7d9f8c6b5-x2kq4";
    cluster.apply(objects::web_pod("shop", "7d9f8c6b5", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after_watch("pods")
        .after(Duration::from_millis(100))
        .container_terminated(pod, "init", 0)
        .container_running(pod, "run")
        .start();

    let lines = run_until_lines(&env, &["get", "pods", "-w"], 4, Duration::from_secs(8));
    let watch = cluster
        .wait_for_request(Duration::from_secs(1), |r| r.param("watch").is_some())
        .expect("a watch");
    assert_eq!(watch.path, "/api/v1/namespaces/shop/pods");
    assert_eq!(
        lines,
        [
            "NAME                       READY   STATUS     RESTARTS   AGE",
            "shop-web-7d9f8c6b5-x2kq4   0/1     Init:0/1   0          15m",
            "shop-web-7d9f8c6b5-x2kq4   0/1     PodInitializing   0          15m",
            "shop-web-7d9f8c6b5-x2kq4   1/1     Running           0          15m",
        ]
    );
}

#[test]
fn logs_follow_streams_an_init_container_until_it_exits() {
    let (env, cluster) = world();
    let pod = "shop-web-7d9f8c6b5-x2kq4";
    cluster.apply(objects::web_pod("shop", "7d9f8c6b5", "x2kq4", IMAGE));
    cluster.logs(pod, "init", &["Operations to perform:"]);
    cluster
        .scenario()
        .after_log_request(pod)
        .after(Duration::from_millis(200))
        .logs_every(
            Duration::from_millis(100),
            pod,
            "init",
            &[
                "  Apply all migrations: shop",
                "  Applying shop.0001_initial... OK",
            ],
        )
        .after(Duration::from_millis(200))
        .container_terminated(pod, "init", 0)
        .start();

    let started = Instant::now();
    run(&env, &["logs", "-f", pod, "-c", "init"])
        .success()
        .stderr_is("")
        .stdout_is("Operations to perform:\n  Apply all migrations: shop\n  Applying shop.0001_initial... OK\n");
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "kubectl returned before the container exited"
    );
}

#[test]
fn logs_of_a_container_that_has_not_started_is_a_bad_request() {
    let (env, cluster) = world();
    cluster.apply(objects::web_pod("shop", "7d9f8c6b5", "x2kq4", IMAGE));

    run(&env, &["logs", "shop-web-7d9f8c6b5-x2kq4", "-c", "run"])
        .code(1)
        .stdout_is("")
        .stderr_is("Error from server (BadRequest): container \"run\" in pod \"shop-web-7d9f8c6b5-x2kq4\" is waiting to start: PodInitializing\n");
}

#[test]
fn logs_previous_reads_the_crashed_instance() {
    let (env, cluster) = world();
    let pod = "shop-async-5f6d7c8b9-q7wzc";
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE));
    cluster.logs(
        pod,
        "async",
        &["worker starting", "KeyError: 'DATABASE_URL'"],
    );
    cluster
        .scenario()
        .container_restarted(pod, "async", 1, "CrashLoopBackOff")
        .start();
    wait_until(|| {
        cluster
            .get("v1", "Pod", "shop", pod)
            .is_some_and(|p| p["status"]["containerStatuses"][0]["restartCount"] == 1)
    });

    run(&env, &["logs", pod, "--previous"])
        .success()
        .stdout_is("worker starting\nKeyError: 'DATABASE_URL'\n");
    run(&env, &["logs", "shop-web-nope", "--previous"])
        .code(1)
        .stderr_is("error: error from server (NotFound): pods \"shop-web-nope\" not found in namespace \"shop\"\n");
}

fn wait_until(mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !ok() {
        assert!(Instant::now() < deadline, "condition not reached within 5s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn rollout_status_waits_for_the_new_replicas_and_succeeds() {
    let (env, cluster) = world();
    let mut deployment = objects::web_deployment("shop", IMAGE, 2);
    deployment["metadata"]["generation"] = json!(2);
    cluster.apply(deployment);
    cluster
        .scenario()
        .after_watch("deployments")
        .after(Duration::from_millis(100))
        .deployment_progressing("shop-web", "6c4f9d7b8", 1, 0, 2)
        .after(Duration::from_millis(100))
        .deployment_progressing("shop-web", "6c4f9d7b8", 2, 1, 1)
        .after(Duration::from_millis(100))
        .deployment_progressing("shop-web", "6c4f9d7b8", 2, 1, 0)
        .after(Duration::from_millis(100))
        .deployment_rolled_out("shop-web", "6c4f9d7b8")
        .start();

    run(&env, &["rollout", "status", "deployment/shop-web"])
        .success()
        .stderr_is("")
        .stdout_is(
            "Waiting for deployment spec update to be observed...
Waiting for deployment \"shop-web\" rollout to finish: 1 out of 2 new replicas have been updated...
Waiting for deployment \"shop-web\" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment \"shop-web\" rollout to finish: 1 of 2 updated replicas are available...
deployment \"shop-web\" successfully rolled out
",
        );
}

#[test]
fn rollout_status_fails_when_the_progress_deadline_is_exceeded() {
    let (env, cluster) = world();
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    cluster.modify("apps/v1", "Deployment", "shop", "shop-web", |d| {
        objects::set_progressing(d, "6c4f9d7b8", 1, 0, 0);
    });
    cluster
        .scenario()
        .after_watch("deployments")
        .after(Duration::from_millis(100))
        .deployment_deadline_exceeded("shop-web", "6c4f9d7b8")
        .start();

    run(&env, &["rollout", "status", "deployment/shop-web"])
        .code(1)
        .stdout_is("Waiting for deployment \"shop-web\" rollout to finish: 0 of 1 updated replicas are available...\n")
        .stderr_is("error: deployment \"shop-web\" exceeded its progress deadline\n");
}

#[test]
fn get_raw_reaches_a_service_through_the_proxy() {
    let (env, cluster) = world();
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    cluster.sealed_secrets_controller(pem);

    run(&env, &["get", "--raw", "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem"])
        .success()
        .stderr_is("")
        .stdout_is("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    run(&env, &["get", "--raw", "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:metrics/proxy/v1/cert.pem"])
        .code(1)
        .stderr_is("Error from server (ServiceUnavailable): no service port \"metrics\" found for service \"sealed-secrets-controller\"\n");
}

#[test]
fn get_applications_prints_argo_cds_printer_columns() {
    let (env, cluster) = world();
    cluster.apply(objects::application("shop", "Synced", "4f2a9c1", "Healthy"));
    cluster.apply(objects::application(
        "blog",
        "OutOfSync",
        "77be01d",
        "Progressing",
    ));

    run(&env, &["get", "applications.argoproj.io", "-n", "argocd"])
        .success()
        .stderr_is("")
        .stdout_is(
            "NAME   SYNC STATUS   HEALTH STATUS
blog   OutOfSync     Progressing
shop   Synced        Healthy
",
        );
    cluster.deny("get", "applications");
    run(&env, &["get", "app", "shop", "-n", "argocd"]).code(1).stderr_is(
        "Error from server (Forbidden): applications.argoproj.io \"shop\" is forbidden: User \"system:serviceaccount:shop:deployer\" cannot get resource \"applications\" in API group \"argoproj.io\" in the namespace \"argocd\"\n",
    );
}

#[test]
fn get_sealedsecrets_lists_the_custom_resource() {
    let (env, cluster) = world();
    cluster.apply(objects::sealed_secret(
        "shop",
        "shop-env",
        &["DATABASE_URL", "SECRET_KEY"],
    ));

    run(&env, &["get", "sealedsecrets.bitnami.com"])
        .success()
        .stderr_is("")
        .stdout_is(
            "NAME       STATUS   SYNCED   AGE
shop-env            True     15m
",
        );
}

#[test]
fn a_wrong_token_is_unauthorized() {
    let (env, cluster) = world();
    cluster.write_kubeconfig_with(&env, &Auth::WrongToken);

    let out = run(&env, &["get", "pods"]);
    out.code(1).stdout_is("");
    // kubectl's discovery client logs each failed attempt (klog lines whose wording changes
    // between kubectl versions), then prints the error.
    let (retries, rest): (Vec<&str>, Vec<&str>) = out.stderr.lines().partition(|l| {
        l.starts_with('E')
            && l.contains("memcache.go")
            && l.ends_with("the server has asked for the client to provide credentials\"")
    });
    assert!(!retries.is_empty(), "{out:?}");
    assert_eq!(
        rest,
        [
            "error: You must be logged in to the server (the server has asked for the client to provide credentials)"
        ],
        "{out:?}"
    );
    let last = cluster.requests().pop().expect("requests");
    assert_eq!(last.user, "", "the wrong token authenticated: {last:?}");
}

#[test]
fn a_client_certificate_authenticates() {
    let (env, cluster) = world();
    cluster.write_kubeconfig_with(&env, &Auth::ClientCertificate);
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));

    run(&env, &["get", "deployments"])
        .success()
        .stderr_is("")
        .stdout_is(
            "NAME       READY   UP-TO-DATE   AVAILABLE   AGE
shop-web   1/1     1            1           15m
",
        );
    assert!(cluster.requests().iter().all(|r| r.user == "test-admin"));
}

#[test]
fn logs_honour_tail_and_timestamps_and_deny_the_log_subresource() {
    let (env, cluster) = world();
    let pod = "shop-async-5f6d7c8b9-q7wzc";
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE));
    cluster.logs(pod, "async", &["one", "two", "three"]);

    run(&env, &["logs", pod, "--tail=2"])
        .success()
        .stderr_is("")
        .stdout_is("two\nthree\n");
    let stamped = run(&env, &["logs", pod, "--tail=1", "--timestamps"]);
    stamped.success();
    let (ts, text) = stamped
        .stdout
        .trim_end()
        .split_once(' ')
        .expect("a timestamp");
    assert_eq!(text, "three");
    ts.parse::<jiff::Timestamp>()
        .unwrap_or_else(|e| panic!("{ts}: {e}"));
    // The kubelet writes RFC3339NanoFixed: always nine digits of fraction.
    assert_eq!((ts.len(), &ts[19..20], &ts[29..]), (30, ".", "Z"), "{ts}");
    run(&env, &["logs", pod, "--since=1h"])
        .success()
        .stdout_is("one\ntwo\nthree\n");

    cluster.deny("get", "pods/log");
    run(&env, &["logs", pod]).code(1).stdout_is("").stderr_is(
        "Error from server (Forbidden): pods \"shop-async-5f6d7c8b9-q7wzc\" is forbidden: User \"system:serviceaccount:shop:deployer\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"shop\"\n",
    );
}

#[test]
fn get_events_prints_what_went_wrong() {
    let (env, cluster) = world();
    let mut pod = objects::async_pod("shop", "6c4f9d7b8", "d3e4f", IMAGE);
    objects::set_waiting(
        &mut pod,
        "async",
        "ImagePullBackOff",
        "Back-off pulling image",
    );
    let pod = cluster.apply(pod);
    // Events recorded minutes ago, so that LAST SEEN does not depend on the test's speed.
    for (kind, reason, message, secs) in [
        (
            "Normal",
            "Pulling",
            "Pulling image \"registry.example.com/shop:1.0\"",
            20 * 60,
        ),
        ("Warning", "Failed", "Error: ImagePullBackOff", 12 * 60),
    ] {
        let mut event = objects::event(&pod, kind, reason, message);
        event["firstTimestamp"] = json!(ago(Duration::from_secs(secs)));
        event["lastTimestamp"] = json!(ago(Duration::from_secs(secs)));
        cluster.apply(event);
    }

    run(&env, &["get", "events", "--field-selector", "involvedObject.name=shop-async-6c4f9d7b8-d3e4f"])
        .success()
        .stderr_is("")
        .stdout_is(
            "LAST SEEN   TYPE      REASON    OBJECT                           MESSAGE
12m         Warning   Failed    pod/shop-async-6c4f9d7b8-d3e4f   Error: ImagePullBackOff
20m         Normal    Pulling   pod/shop-async-6c4f9d7b8-d3e4f   Pulling image \"registry.example.com/shop:1.0\"
",
        );
}

#[test]
fn logs_of_a_deployment_and_by_label_with_prefixes() {
    let (env, cluster) = world();
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    cluster.apply(objects::running_web_pod(
        "shop",
        "7d9f8c6b5",
        "x2kq4",
        IMAGE,
    ));
    cluster.apply(objects::async_pod("shop", "5f6d7c8b9", "q7wzc", IMAGE));
    cluster.logs("shop-web-7d9f8c6b5-x2kq4", "run", &["GET / 200"]);
    cluster.logs("shop-async-5f6d7c8b9-q7wzc", "async", &["task done"]);

    run(&env, &["logs", "deployment/shop-web", "-c", "run"])
        .success()
        .stderr_is("")
        .stdout_is("GET / 200\n");
    run(
        &env,
        &[
            "logs",
            "-l",
            "app.kubernetes.io/instance=shop,app.kubernetes.io/component=async",
            "--prefix",
            "-c",
            "async",
        ],
    )
    .success()
    .stdout_is("[pod/shop-async-5f6d7c8b9-q7wzc/async] task done\n");
}
