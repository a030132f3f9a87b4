//! `logs` against the kube-apiserver emulator: across pods, prefixes, JSON, following a restart
//! and a dropped stream without duplicates.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::apiserver::{ApiServer, Fault, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";

fn linked(env: &TestEnv) -> std::path::PathBuf {
    env.write(
        "work/p/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    env.work().join("p")
}

fn three_pods(cluster: &ApiServer) {
    cluster.apply(objects::running_web_pod("shop", "h1", "aaaaa", IMAGE));
    cluster.apply(objects::running_web_pod("shop", "h1", "bbbbb", IMAGE));
    cluster.apply(objects::async_pod("shop", "h2", "ccccc", IMAGE));
    cluster.logs("shop-web-h1-aaaaa", "run", &["GET / 200", "GET /a 200"]);
    cluster.logs("shop-web-h1-aaaaa", "init", &["No migrations to apply."]);
    cluster.logs("shop-web-h1-bbbbb", "run", &["GET /b 200"]);
    cluster.logs("shop-async-h2-ccccc", "async", &["task done"]);
}

#[test]
fn logs_show_every_web_and_async_pod_with_a_prefix() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    three_pods(&cluster);
    Outcome::of(env.cmd_in(&p, &["logs"]), None).success().stdout_is(
        "shop-async-h2-ccccc/async task done\nshop-web-h1-aaaaa/run GET / 200\nshop-web-h1-aaaaa/run GET /a 200\nshop-web-h1-bbbbb/run GET /b 200\n",
    );
    Outcome::of(env.cmd_in(&p, &["logs", "init"]), None)
        .success()
        .stdout_is("shop-web-h1-aaaaa/init No migrations to apply.\n");
    let out = Outcome::of(
        env.cmd_in(&p, &["logs", "async", "-o", "json", "--timestamps"]),
        None,
    );
    out.success();
    let line = out.ndjson().pop().expect("one log line");
    assert_eq!(line["pod"], "shop-async-h2-ccccc");
    assert_eq!(line["container"], "async");
    assert_eq!(line["line"], "task done");
    assert!(line["timestamp"].as_str().unwrap().ends_with('Z'), "{line}");
    Outcome::of(
        env.cmd_in(&p, &["logs", "--pod", "shop-web-h1-bbbbb", "--timestamps"]),
        None,
    )
    .success()
    .stdout_has(" GET /b 200\n")
    .never_shows("aaaaa");
}

/// Runs `logs -f` until `done` appears in its output (or 20 s), then kills it.
fn follow_until(env: &TestEnv, dir: &std::path::Path, args: &[&str], done: &str) -> String {
    follow_then(env, dir, args, done, false).0
}

/// Runs `logs -f` until `done` appears in its output (or 20 s), then kills it, or with
/// `interrupt` sends it SIGINT (Ctrl-C) and waits: its stdout, exit code and stderr.
fn follow_then(
    env: &TestEnv,
    dir: &std::path::Path,
    args: &[&str],
    done: &str,
    interrupt: bool,
) -> (String, Option<i32>, String) {
    let mut child = env
        .cmd_in(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.extend(chunk);
        }
        if String::from_utf8_lossy(&seen).contains(done) {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    if interrupt {
        let sent = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
        seen.extend(chunk);
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (String::from_utf8(seen).unwrap(), status.code(), stderr)
}

#[test]
fn ctrl_c_ends_logs_f_with_130_and_whole_lines() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    three_pods(&cluster);
    let (out, code, stderr) = follow_then(&env, &p, &["logs", "-f"], "GET /b 200", true);
    // Killed by the signal there would be no code at all.
    assert_eq!(code, Some(130), "{stderr}");
    assert_eq!(stderr, "");
    assert!(out.contains("shop-web-h1-bbbbb/run GET /b 200\n"), "{out}");
    assert!(out.ends_with('\n'), "{out}");
}

#[test]
fn follow_picks_up_new_pods_and_restarts_and_resumes_without_duplicates() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    three_pods(&cluster);
    let ms = Duration::from_millis(300);
    cluster
        .scenario()
        .after_log_request("shop-async-h2-ccccc")
        .after(ms)
        // A dropped stream: the next log stream is cut after one line.
        .fault(Fault::DropLogAfter(1))
        .logs("shop-web-h1-bbbbb", "run", &["GET /c 200", "GET /d 200"])
        .after(ms)
        .container_restarted("shop-web-h1-aaaaa", "run", 1, "")
        .after(ms)
        .logs("shop-web-h1-aaaaa", "run", &["booted again"])
        .apply(objects::async_pod("shop", "h3", "ddddd", IMAGE))
        .after(ms)
        .logs("shop-async-h3-ddddd", "async", &["new worker ready"])
        .after(ms)
        .logs("shop-web-h1-bbbbb", "run", &["the end"])
        .start();
    let out = follow_until(&env, &p, &["logs", "-f"], "the end");
    for line in [
        "shop-web-h1-bbbbb/run GET /c 200\n",
        "shop-web-h1-bbbbb/run GET /d 200\n",
        "shop-web-h1-aaaaa/run booted again\n",
        "shop-async-h3-ddddd/async new worker ready\n",
        "shop-web-h1-bbbbb/run the end\n",
    ] {
        assert_eq!(out.matches(line).count(), 1, "{line:?} once in:\n{out}");
    }
    assert_eq!(
        out.matches("shop-web-h1-bbbbb/run GET /b 200\n").count(),
        1,
        "{out}"
    );
}

#[test]
fn a_busy_api_server_is_retried_briefly_then_explained() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    three_pods(&cluster);
    let all = "shop-async-h2-ccccc/async task done\nshop-web-h1-aaaaa/run GET / 200\nshop-web-h1-aaaaa/run GET /a 200\nshop-web-h1-bbbbb/run GET /b 200\n";
    // A moment without backends, then API Priority and Fairness asking to wait (Retry-After).
    cluster.fault(Fault::Busy {
        code: 503,
        times: 2,
    });
    Outcome::of(env.cmd_in(&p, &["logs"]), None)
        .success()
        .stdout_is(all)
        .stderr_is("");
    cluster.fault(Fault::Busy {
        code: 429,
        times: 1,
    });
    Outcome::of(env.cmd_in(&p, &["logs"]), None)
        .success()
        .stdout_is(all);
    // Unavailable for good: a few retries within seconds, then what it answered, exit 4.
    cluster.fault(Fault::Busy {
        code: 503,
        times: 1000,
    });
    let before = cluster.requests().len();
    Outcome::of(env.cmd_in(&p, &["logs"]), None)
        .code(4)
        .stdout_is("")
        .stderr_is("error: the Kubernetes API server is unavailable (HTTP 503): the server is currently unable to handle the request\n  hint: it answered so on every retry; try again in a minute, and if it persists tell ungleich support\n");
    assert_eq!(
        cluster.requests().len() - before,
        5,
        "one attempt and four retries"
    );
}

#[test]
fn logs_show_a_failing_init_without_previous_and_say_when_a_pod_has_no_output() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::running_web_pod(
        "shop",
        "h1",
        "aaaaa",
        "registry.example.com/acme/shop:1",
    ));
    cluster.logs("shop-web-h1-aaaaa", "init", &["No migrations to apply."]);
    // The new pod's migration failed and waits to be restarted: its error is in the previous
    // attempt only.
    let mut failing = objects::web_pod("shop", "new01", "x2kq4", IMAGE);
    for _ in 0..4 {
        objects::restart_container(&mut failing, "init", 1, "CrashLoopBackOff");
    }
    cluster.apply(failing);
    cluster.previous_logs(
        "shop-web-new01-x2kq4",
        "init",
        &[
            "Applying shop.0002_order...",
            "django.db.utils.ProgrammingError: column \"total\" does not exist",
        ],
    );
    // A pod whose init has not started yet.
    let mut waiting = objects::web_pod("shop", "new01", "m8ztw", IMAGE);
    objects::set_waiting(&mut waiting, "init", "PodInitializing", "");
    cluster.apply(waiting);

    Outcome::of(
        env.cmd_in(&p, &["logs", "init", "--pod", "shop-web-new01-x2kq4"]),
        None,
    )
    .success()
    .stdout_is("shop-web-new01-x2kq4/init (previous attempt) Applying shop.0002_order...\nshop-web-new01-x2kq4/init (previous attempt) django.db.utils.ProgrammingError: column \"total\" does not exist\n");

    Outcome::of(env.cmd_in(&p, &["logs", "init", "--tail", "1"]), None)
        .success()
        .stdout_is("shop-web-h1-aaaaa/init No migrations to apply.\nshop-web-new01-x2kq4/init (previous attempt) django.db.utils.ProgrammingError: column \"total\" does not exist\n")
        .stderr_is("shop-web-new01-m8ztw/init: no output yet (waiting: PodInitializing)\n");

    let out = Outcome::of(env.cmd_in(&p, &["logs", "init", "-o", "json"]), None);
    out.success();
    let lines = out.ndjson();
    assert_eq!(lines.last().unwrap()["previous"], true);
    assert!(lines[0].get("previous").is_none(), "{}", lines[0]);

    Outcome::of(env.cmd_in(&p, &["logs", "--pod", "shop-web-gone-zzzzz"]), None)
        .code(6)
        .stderr_has("error: no pod shop-web-gone-zzzzz of shop with the containers asked for in namespace shop\n");
}
