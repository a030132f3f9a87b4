//! `run` against the emulator and its kubelet, side by side with `kubectl run --rm -i
//! --restart=Never` on the same emulator: the time from the program's start to the pod object
//! created, and from the container's process running to the first byte of its output on the
//! program's stdout. Run: `cargo bench --bench run` (median of 10; budgets checked and reported:
//! ours at most 100 ms and 20 ms over the floor, and never slower than kubectl).

#![allow(dead_code, unused_imports)]

#[path = "../tests/it/support/apiserver/mod.rs"]
mod apiserver;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use apiserver::{ApiServer, Kubelet, objects};

const IMAGE: &str = "registry.example.com/acme/shop:2";
const ROUNDS: usize = 10;

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
        .env("NO_COLOR", "1")
        .current_dir(home.join("p"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

/// (ms from start to the pod's POST, ms from its process start to our first stdout byte).
fn once(cluster: &ApiServer, mut command: Command, known: &mut Vec<String>) -> (f64, f64) {
    let before = cluster.requests().len();
    let start = Instant::now();
    let mut child = command.spawn().expect("start");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).expect("output");
    let first_byte = Instant::now();
    let mut rest = Vec::new();
    let _ = stdout.read_to_end(&mut rest);
    let _ = child.wait();
    let created = cluster.requests()[before..]
        .iter()
        .find(|r| r.method == "POST" && r.path.ends_with("/pods"))
        .map(|r| r.at)
        .expect("a pod was created");
    let (name, running) = cluster
        .process_starts()
        .into_iter()
        .find(|(name, _)| !known.contains(name))
        .expect("a process ran");
    known.push(name);
    // BENCH_TRACE=1: every request of the round, in ms from the process start.
    if std::env::var_os("BENCH_TRACE").is_some() {
        for r in &cluster.requests()[before..] {
            let t = if r.at > running {
                r.at.duration_since(running).as_secs_f64() * 1000.0
            } else {
                -(running.duration_since(r.at).as_secs_f64() * 1000.0)
            };
            eprintln!("{t:>8.1} ms {} {}?{}", r.method, r.path, r.query);
        }
        eprintln!(
            "{:>8.1} ms first byte",
            first_byte.duration_since(running).as_secs_f64() * 1000.0
        );
    }
    (
        created.duration_since(start).as_secs_f64() * 1000.0,
        first_byte.duration_since(running).as_secs_f64() * 1000.0,
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    std::fs::create_dir_all(home.join("p")).unwrap();
    std::fs::write(
        home.join("p/ungleich-django.yaml"),
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    )
    .unwrap();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(home.join("kubeconfig"));
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    cluster.kubelet(Kubelet::new(home.join("p")));
    let mut known = Vec::new();
    let mut ours = (Vec::new(), Vec::new());
    let mut kubectl = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (a, b) = once(
            &cluster,
            cmd(home, &bin(), &["run", "--", "echo", "hello"]),
            &mut known,
        );
        ours.0.push(a);
        ours.1.push(b);
        let name = format!("bench-{round}");
        let (a, b) = once(
            &cluster,
            cmd(
                home,
                "kubectl",
                &[
                    "--cache-dir",
                    home.join("kube-cache").to_str().unwrap(),
                    "run",
                    &name,
                    "-i",
                    "--rm",
                    "--restart=Never",
                    &format!("--image={IMAGE}"),
                    "--",
                    "echo",
                    "hello",
                ],
            ),
            &mut known,
        );
        kubectl.0.push(a);
        kubectl.1.push(b);
    }
    let (ours_create, ours_output) = (median(ours.0), median(ours.1));
    let (kubectl_create, kubectl_output) = (median(kubectl.0), median(kubectl.1));
    println!("median of {ROUNDS}        ungleich-django run   kubectl run --rm -i");
    println!("start → pod created       {ours_create:>10.1} ms   {kubectl_create:>10.1} ms");
    println!("running → first byte      {ours_output:>10.1} ms   {kubectl_output:>10.1} ms");
    let budget = |ok: bool, what: &str| {
        println!("{} {what}", if ok { "ok  " } else { "OVER" });
    };
    budget(ours_create <= 100.0, "start → pod created within 100 ms");
    budget(ours_output <= 20.0, "running → first byte within 20 ms");
    budget(
        ours_create <= kubectl_create,
        "start → pod created no slower than kubectl",
    );
    budget(
        ours_output <= kubectl_output,
        "running → first byte no slower than kubectl",
    );
}
