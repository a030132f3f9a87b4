//! Benchmarks (not tests) against the kube-apiserver emulator, side by side with real kubectl:
//! `logs -f` throughput and peak memory over 100,000 lines across 10 pods; the delay from the
//! final rollout status event to our exit; the delay from ImagePullBackOff to our failing exit.
//! Run: `cargo bench --bench release` (prints the figures; budgets are checked and reported).

// The emulator's own unit tests import what only they use; cargo builds benches with cfg(test).
#[allow(unused_imports)]
#[path = "../tests/it/support/apiserver/mod.rs"]
mod apiserver;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apiserver::{ApiServer, objects};

const IMAGE: &str = "registry.example.com/acme/shop:2";
/// The binary under test: `UNGLEICH_BENCH_BIN` (a release build) or the one cargo built.
fn bin() -> String {
    std::env::var("UNGLEICH_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_ungleich-django").to_owned())
}

fn cmd(home: &Path, program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args)
        .env("HOME", home)
        .env("KUBECONFIG", home.join("kubeconfig"))
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .env("NO_COLOR", "1")
        .current_dir(home.join("p"));
    c
}

fn project(home: &Path) {
    let p = home.join("p");
    std::fs::create_dir_all(p.join("proj")).unwrap();
    std::fs::write(p.join("manage.py"), "import os\n").unwrap();
    std::fs::write(p.join("proj/__init__.py"), "").unwrap();
    std::fs::write(p.join("proj/settings.py"), "").unwrap();
    std::fs::write(p.join("proj/wsgi.py"), "application = None\n").unwrap();
    std::fs::write(p.join("requirements.txt"), "django\ngunicorn\n").unwrap();
    let out = cmd(
        home,
        &bin(),
        &["init", "--yes", "--app", "shop", "--image", IMAGE],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn rolling(cluster: &ApiServer) {
    let mut dep = objects::web_deployment("shop", IMAGE, 1);
    dep["metadata"]["generation"] = 2.into();
    objects::set_progressing(&mut dep, "new01", 0, 0, 1);
    cluster.apply(dep);
}

/// Milliseconds from the scenario's marked step to `deploy`'s exit, and its exit code.
fn delay_to_exit(
    home: &Path,
    cluster: &ApiServer,
    last: impl FnOnce(apiserver::Scenario) -> apiserver::Scenario,
) -> (f64, i32) {
    let mark = Arc::new(Mutex::new(None::<Instant>));
    let m = mark.clone();
    let scenario = cluster
        .scenario()
        .after_watch("pods")
        .after_watch("deployments")
        .after(Duration::from_millis(500));
    last(scenario)
        .step(move |_| *m.lock().unwrap() = Some(Instant::now()))
        .start();
    let status = cmd(home, &bin(), &["deploy"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let end = Instant::now();
    let at = mark.lock().unwrap().expect("the scenario ran");
    (
        end.duration_since(at).as_secs_f64() * 1000.0,
        status.code().unwrap_or(-1),
    )
}

/// Lines per second, peak RSS (kB) and CPU seconds of a follower until it has printed `total`
/// lines. The CPU time tells whether the follower or the emulator serving it is the limit.
fn follow_rate(mut c: Command, total: usize) -> (f64, u64, f64) {
    let start = Instant::now();
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let reader = BufReader::with_capacity(1 << 16, child.stdout.take().unwrap());
    let mut n = 0;
    let mut peak = 0;
    for line in reader.lines() {
        if line.is_err() {
            break;
        }
        n += 1;
        if n % 5000 == 0 {
            peak = peak.max(hwm(pid));
        }
        if n >= total {
            break;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    peak = peak.max(hwm(pid));
    let cpu = cpu_seconds(pid);
    let _ = child.kill();
    let _ = child.wait();
    assert!(n >= total, "only {n} of {total} lines arrived");
    (n as f64 / secs, peak, cpu)
}

fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the `(comm)`: utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    f.get(11)
        .zip(f.get(12))
        .map_or(0.0, |(u, s)| (u + s) / 100.0)
}

fn hwm(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn home() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

fn main() {
    // ImagePullBackOff → failing exit.
    let mut pull = Vec::new();
    let mut done = Vec::new();
    for _ in 0..5 {
        let (_d, h) = home();
        project(&h);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(h.join("kubeconfig"));
        rolling(&cluster);
        cluster.apply(objects::web_pod("shop", "new01", "x2kq4", IMAGE));
        let (ms, code) = delay_to_exit(&h, &cluster, |s| {
            s.container_waiting(
                "shop-web-new01-x2kq4",
                "init",
                "ImagePullBackOff",
                "Back-off pulling image",
            )
        });
        assert_eq!(code, 11);
        pull.push(ms);

        let (_d, h) = home();
        project(&h);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(h.join("kubeconfig"));
        rolling(&cluster);
        cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
        let (ms, code) = delay_to_exit(&h, &cluster, |s| {
            s.deployment_rolled_out("shop-web", "new01")
        });
        assert_eq!(code, 0);
        done.push(ms);
    }
    let worst = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
    println!(
        "ImagePullBackOff -> exit 11: worst {:.0} ms of {:?} (budget 2000 ms)",
        worst(&pull),
        pull.iter().map(|m| m.round()).collect::<Vec<_>>()
    );
    println!(
        "rolled out -> exit 0:        worst {:.0} ms of {:?} (budget 100 ms)",
        worst(&done),
        done.iter().map(|m| m.round()).collect::<Vec<_>>()
    );

    // logs -f over 100,000 lines across 10 pods, ours and kubectl's, against the same server.
    let (_d, h) = home();
    project(&h);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(h.join("kubeconfig"));
    let lines: Vec<String> = (0..10_000)
        .map(|i| {
            format!("10.0.0.1 - - \"GET /product/{i} HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0\"")
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    for i in 0..10 {
        let suffix = format!("p{i:04}");
        cluster.apply(objects::running_web_pod("shop", "h1", &suffix, IMAGE));
        cluster.logs(&format!("shop-web-h1-{suffix}"), "run", &refs);
    }
    let total = 100_000;
    let ours = follow_rate(
        cmd(&h, &bin(), &["logs", "-f", "web", "--tail", "10000"]),
        total,
    );
    let kubectl = follow_rate(
        cmd(
            &h,
            "kubectl",
            &[
                "logs",
                "-f",
                "-l",
                "app.kubernetes.io/instance=shop,app.kubernetes.io/component=web",
                "-c",
                "run",
                "--tail=-1",
                "--prefix",
                "--max-log-requests=10",
            ],
        ),
        total,
    );
    println!(
        "logs -f, 100,000 lines / 10 pods: ours {:.0} lines/s, peak {} kB, {:.2} s CPU; kubectl {:.0} lines/s, peak {} kB, {:.2} s CPU",
        ours.0, ours.1, ours.2, kubectl.0, kubectl.1, kubectl.2
    );
    println!(
        "  rate {:.2}x kubectl (budget >= 1.5x), memory {:.2}x kubectl (budget <= 0.5x)",
        ours.0 / kubectl.0,
        ours.1 as f64 / kubectl.1 as f64
    );
}
