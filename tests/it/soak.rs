//! Soak: `logs -f` over 20 pods for a set time while pods come and go, containers restart and
//! the emulator cuts, slows and refuses watches and log streams: every line written is printed
//! exactly once and in order per container, and the process's memory stays flat. And `deploy`
//! following releases through random schedules of faults: always the right verdict and exit code.
//!
//! Each run prints its seed; `UNGLEICH_SOAK_SEED=N` replays a schedule. The short versions run in
//! `cargo test`; the long one, by hand:
//! `UNGLEICH_SOAK_SECS=600 cargo test --locked --test it soak::logs_for_ten_minutes -- --ignored --nocapture`;
//! `UNGLEICH_SOAK_RELEASES=100 cargo test --locked --test it soak::deploys_many -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::support::TestEnv;
use crate::support::apiserver::{ApiServer, Fault, NAMESPACE, objects};

const IMAGE: &str = "registry.example.com/acme/shop:2";

/// splitmix64: small, seeded, and the same schedule for the same seed on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    /// The seed from `UNGLEICH_SOAK_SEED`, else from the clock; printed either way.
    pub(crate) fn seeded(what: &str) -> Self {
        let seed = std::env::var("UNGLEICH_SOAK_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                u64::try_from(now.as_nanos() % u128::from(u64::MAX)).unwrap_or(1)
            });
        eprintln!("{what}: seed {seed} (UNGLEICH_SOAK_SEED={seed} replays it)");
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    /// True once in `n` times.
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// `VmRSS` of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One container the driver writes to: its pod, and the next sequence number of its lines
/// (counted across restarts: the order checked is the container's, whatever its run).
struct Writer {
    pod: String,
    container: &'static str,
    next: u64,
    last_restart: Instant,
    /// Stopped (its pod is going away) since then: no more lines, deleted 3 s later.
    stopping: Option<Instant>,
}

impl Writer {
    fn key(&self) -> String {
        format!("{}/{}", self.pod, self.container)
    }
}

/// What a soak did, for its report and the README.
#[derive(Debug, Default)]
struct Figures {
    lines: u64,
    pods_churned: u64,
    restarts: u64,
    faults: BTreeMap<&'static str, u64>,
    rss_start_kib: u64,
    rss_end_kib: u64,
}

impl Figures {
    fn faults_total(&self) -> u64 {
        self.faults.values().sum()
    }
}

/// The pods of the soak: `web` web pods and `async` async pods, all running, their logs empty.
fn new_pod(cluster: &ApiServer, n: u64, web: bool) -> Writer {
    let suffix = format!("p{n:04}");
    let (pod, container) = if web {
        (
            objects::running_web_pod("shop", "h1", &suffix, IMAGE),
            "run",
        )
    } else {
        let mut p = objects::async_pod("shop", "h2", &suffix, IMAGE);
        objects::set_running(&mut p, "async", true);
        (p, "async")
    };
    let name = pod["metadata"]["name"].as_str().unwrap().to_owned();
    cluster.apply(pod);
    Writer {
        pod: name,
        container,
        next: 0,
        last_restart: Instant::now(),
        stopping: None,
    }
}

/// Puts one fault in place, chosen by `rng`; its name for the figures.
fn inject(cluster: &ApiServer, rng: &mut Rng, slow_until: &mut Option<Instant>) -> &'static str {
    let n = rng.below(20);
    match rng.below(9) {
        0 => {
            cluster.fault(Fault::CutWatches);
            "watch cut"
        }
        1 => {
            // The watch that resumes after the cut is told its resourceVersion is gone.
            cluster.fault(Fault::Gone410);
            cluster.fault(Fault::CutWatches);
            "410 Gone on a watch"
        }
        2 => {
            cluster.fault(Fault::DropLogAfter(n));
            "log stream dropped"
        }
        3 => {
            cluster.fault(Fault::DropLogMidLine(n));
            "log stream dropped mid-line"
        }
        4 => {
            cluster.fault(Fault::LogStatus(500));
            "500 on a log request"
        }
        5 => {
            cluster.fault(Fault::LogStatus(503));
            "503 on a log request"
        }
        6 => {
            cluster.fault(Fault::Status500);
            "500 on a request"
        }
        7 => {
            cluster.fault(Fault::Busy {
                code: 503,
                times: 1 + rng.below(3),
            });
            "503s on requests"
        }
        _ => {
            cluster.fault(Fault::SlowLogs(Duration::from_millis(3)));
            *slow_until = Some(Instant::now() + Duration::from_secs(2));
            "slow log streams"
        }
    }
}

/// Collects a child's output lines as they come (stderr too: a full pipe would stall it).
fn collect(output: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = out.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            let Ok(line) = line else { break };
            sink.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(line);
        }
    });
    out
}

/// The soak's cluster side: 20 pods that write, restart, stop and are replaced, and the faults.
struct Churn<'a> {
    cluster: &'a ApiServer,
    rng: Rng,
    writers: Vec<Writer>,
    pods_made: u64,
    /// Per container, how many lines it wrote.
    written: BTreeMap<String, u64>,
    slow_until: Option<Instant>,
    figures: Figures,
}

impl<'a> Churn<'a> {
    fn new(cluster: &'a ApiServer, rng: Rng) -> Self {
        let mut churn = Churn {
            cluster,
            rng,
            writers: Vec::new(),
            pods_made: 0,
            written: BTreeMap::new(),
            slow_until: None,
            figures: Figures::default(),
        };
        for i in 0..20 {
            let pod = churn.new_pod(i % 5 != 4);
            churn.writers.push(pod);
        }
        churn
    }

    fn new_pod(&mut self, web: bool) -> Writer {
        self.pods_made += 1;
        new_pod(self.cluster, self.pods_made, web)
    }

    /// About 10 ms of the cluster's life.
    fn tick(&mut self) {
        // Lines: a few containers write one each, some long enough to be cut mid-line.
        for _ in 0..1 + self.rng.below(4) {
            let w = &mut self.writers[self.rng.below(20)];
            if w.stopping.is_some() {
                continue;
            }
            let pad = "x".repeat(self.rng.below(120));
            let line = format!("{} #{} {pad}|", w.key(), w.next);
            self.cluster.logs(&w.pod, w.container, &[&line]);
            w.next += 1;
            self.figures.lines += 1;
            self.written.insert(w.key(), w.next);
        }
        // A restart, now and then, never twice within 2 s for one container.
        if self.rng.one_in(150) {
            let w = &mut self.writers[self.rng.below(20)];
            if w.stopping.is_none() && w.last_restart.elapsed() > Duration::from_secs(2) {
                self.cluster.restart_container(&w.pod, w.container, 1, "");
                w.last_restart = Instant::now();
                self.figures.restarts += 1;
            }
        }
        // Churn: a pod stops, 3 s later it is deleted and a new one takes its place.
        if self.rng.one_in(100) {
            let w = &mut self.writers[self.rng.below(20)];
            if w.stopping.is_none() {
                self.cluster.terminate_container(&w.pod, w.container, 0);
                w.stopping = Some(Instant::now());
            }
        }
        for i in 0..self.writers.len() {
            let w = &self.writers[i];
            if w.stopping
                .is_some_and(|t| t.elapsed() > Duration::from_secs(3))
            {
                self.cluster.delete("v1", "Pod", NAMESPACE, &w.pod);
                let web = w.container == "run";
                self.writers[i] = self.new_pod(web);
                self.figures.pods_churned += 1;
            }
        }
        // A fault waits for the next request of its kind; one at a time, or while the client
        // backs off, faults pile up and every request it makes fails: a flood, not a soak.
        if self.rng.one_in(60) && self.cluster.pending_faults() == 0 {
            let name = inject(self.cluster, &mut self.rng, &mut self.slow_until);
            *self.figures.faults.entry(name).or_default() += 1;
        }
        if self.slow_until.is_some_and(|t| Instant::now() > t) {
            self.cluster.fault(Fault::SlowLogs(Duration::ZERO));
            self.slow_until = None;
        }
    }
}

/// Runs `logs -f` against 20 pods for `duration` of churn and faults, then checks every line.
fn soak_logs(duration: Duration) -> Figures {
    let rng = Rng::seeded("logs soak");
    let env = TestEnv::new();
    env.write(
        "work/p/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let mut churn = Churn::new(&cluster, rng);
    let mut child = env
        .cmd_in(&env.work().join("p"), &["logs", "-f"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = collect(child.stdout.take().expect("piped stdout"));
    let err = collect(child.stderr.take().expect("piped stderr"));
    let watching = cluster.wait_for_request(Duration::from_secs(30), |r| {
        r.path.ends_with("/pods") && matches!(r.param("watch").as_deref(), Some("true" | "1"))
    });
    assert!(watching.is_some(), "logs -f never watched the pods");
    let started = Instant::now();
    while started.elapsed() < duration {
        if churn.figures.rss_start_kib == 0 && started.elapsed() >= Duration::from_secs(3) {
            churn.figures.rss_start_kib = rss_kib(child.id());
        }
        churn.tick();
        std::thread::sleep(Duration::from_millis(10));
    }
    cluster.heal();
    // Everything written arrives, or 60 s pass.
    let deadline = Instant::now() + Duration::from_secs(60);
    let lines = churn.figures.lines;
    while Instant::now() < deadline
        && (out.lock().unwrap_or_else(PoisonError::into_inner).len() as u64) < lines
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    let mut figures = churn.figures;
    figures.rss_end_kib = rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    let printed = out.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let mut stderr = err
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .join("\n");
    stderr.push_str(&requests_summary(&cluster, started));
    eprintln!("logs soak: {figures:?}");
    check_every_line_once(&printed, &churn.written, &stderr);
    figures
}

/// What the server was asked, for a failure's message: the watches of pods and the last requests.
fn requests_summary(cluster: &ApiServer, started: Instant) -> String {
    let requests = cluster.requests();
    let at = |r: &crate::support::apiserver::RecordedRequest| {
        r.at.saturating_duration_since(started).as_secs_f64()
    };
    let watches: Vec<String> = requests
        .iter()
        .filter(|r| r.path.ends_with("/pods") && r.param("watch").is_some())
        .map(|r| format!("{:.1}s", at(r)))
        .collect();
    let lists = requests
        .iter()
        .filter(|r| r.path.ends_with("/pods") && r.param("watch").is_none())
        .count();
    let last: Vec<String> = requests
        .iter()
        .rev()
        .take(15)
        .map(|r| format!("  {:.1}s {} {}?{}", at(r), r.method, r.path, r.query))
        .collect();
    format!(
        "\n{} requests; pod lists: {lists}; pod watches at: {}\nlast requests:\n{}",
        requests.len(),
        watches.join(" "),
        last.join("\n")
    )
}

/// Every written line printed once, in order per container, under its own prefix.
fn check_every_line_once(printed: &[String], written: &BTreeMap<String, u64>, stderr: &str) {
    let mut seen: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for line in printed {
        let (prefix, text) = line.split_once(' ').unwrap_or((line, ""));
        let (key, rest) = text.split_once(" #").unwrap_or(("", ""));
        assert_eq!(prefix, key, "a line under another prefix: {line:?}");
        let seq: u64 = rest
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("not a soak line: {line:?}"));
        assert!(rest.ends_with('|'), "a line cut short: {line:?}");
        seen.entry(key.to_owned()).or_default().push(seq);
    }
    let mut problems = Vec::new();
    for (key, &count) in written {
        let got = seen.remove(key).unwrap_or_default();
        if got.iter().copied().eq(0..count) {
            continue;
        }
        let mut missing: Vec<u64> = (0..count).filter(|n| !got.contains(n)).collect();
        missing.truncate(10);
        let dupes = got.len() - {
            let mut d = got.clone();
            d.sort_unstable();
            d.dedup();
            d.len()
        };
        let disorder = got.windows(2).position(|w| w[0] >= w[1]);
        problems.push(format!(
            "{key}: wrote {count}, printed {} (missing {missing:?}..., {dupes} repeated, first out of order at {disorder:?})",
            got.len()
        ));
    }
    for (key, got) in seen {
        problems.push(format!("{key}: printed {} lines never written", got.len()));
    }
    assert!(
        problems.is_empty(),
        "{} containers wrong:\n{}\nstderr:\n{}",
        problems.len(),
        problems.join("\n"),
        stderr.lines().take(60).collect::<Vec<_>>().join("\n")
    );
}

fn assert_flat(f: &Figures) {
    assert!(
        f.rss_start_kib > 0 && f.rss_end_kib > 0,
        "no RSS sampled: {f:?}"
    );
    assert!(
        f.rss_end_kib <= f.rss_start_kib + 16 * 1024,
        "memory grew from {} KiB to {} KiB",
        f.rss_start_kib,
        f.rss_end_kib
    );
}

#[test]
fn logs_follow_20_pods_through_churn_and_faults_prints_every_line_once() {
    let f = soak_logs(Duration::from_secs(15));
    assert!(
        f.lines > 500 && f.faults_total() > 3,
        "too quiet a soak: {f:?}"
    );
    assert_flat(&f);
}

/// The long version: `UNGLEICH_SOAK_SECS` (default 600) of the same.
#[test]
#[ignore = "a soak of 10 minutes; run by hand (see the module's doc)"]
fn logs_for_ten_minutes() {
    let secs = std::env::var("UNGLEICH_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let f = soak_logs(Duration::from_secs(secs));
    println!(
        "logs soak {secs} s: {} lines, {} pods churned, {} restarts, {} faults ({:?}), RSS {} KiB at 3 s, {} KiB at the end",
        f.lines,
        f.pods_churned,
        f.restarts,
        f.faults_total(),
        f.faults,
        f.rss_start_kib,
        f.rss_end_kib
    );
    assert_flat(&f);
}

/// How a release ends, and what `deploy` must say and exit with.
#[derive(Debug, Clone, Copy)]
enum Verdict {
    Live,
    MigrationFailed,
    ImageCannotBePulled,
    CrashLoop,
    ProgressDeadline,
}

impl Verdict {
    const ALL: [Verdict; 5] = [
        Verdict::Live,
        Verdict::MigrationFailed,
        Verdict::ImageCannotBePulled,
        Verdict::CrashLoop,
        Verdict::ProgressDeadline,
    ];

    fn code(self) -> i32 {
        match self {
            Verdict::Live => 0,
            Verdict::MigrationFailed => 10,
            Verdict::ImageCannotBePulled => 11,
            Verdict::CrashLoop => 12,
            Verdict::ProgressDeadline => 16,
        }
    }

    fn says(self) -> &'static str {
        match self {
            Verdict::Live => "✓ shop is live",
            Verdict::MigrationFailed => "error: migrations failed: /init exited with code 1",
            Verdict::ImageCannotBePulled => {
                "error: the image registry.example.com/acme/shop:2 cannot be pulled"
            }
            Verdict::CrashLoop => "error: run keeps crashing in pod shop-web-new01-x2kq4",
            Verdict::ProgressDeadline => "error: shop-web exceeded its progress deadline",
        }
    }
}

/// One transient fault for a release: the follower must see through it.
fn release_fault(rng: &mut Rng) -> (Fault, Option<Fault>, &'static str) {
    match rng.below(7) {
        0 => (Fault::CutWatches, None, "watch cut"),
        1 => (
            Fault::Gone410,
            Some(Fault::CutWatches),
            "410 Gone on a watch",
        ),
        2 => (
            Fault::DropLogAfter(rng.below(2)),
            None,
            "log stream dropped",
        ),
        3 => (
            Fault::DropLogMidLine(rng.below(2)),
            None,
            "log stream dropped mid-line",
        ),
        4 => (Fault::LogStatus(503), None, "503 on a log request"),
        5 => (Fault::Status500, None, "500 on a request"),
        _ => (
            Fault::Busy {
                code: 503,
                times: 1 + rng.below(2),
            },
            None,
            "503s on requests",
        ),
    }
}

/// The release's steps for `verdict`, each after a random pause and with random faults before
/// it; the faults' names for the report.
fn release_schedule(cluster: &ApiServer, verdict: Verdict, rng: &mut Rng) -> Vec<&'static str> {
    const POD: &str = "shop-web-new01-x2kq4";
    let mut injected = Vec::new();
    let mut s = cluster
        .scenario()
        .after_watch("pods")
        .after_watch("deployments");
    let steps: usize = match verdict {
        Verdict::Live | Verdict::CrashLoop => 4,
        _ => 2,
    };
    for step in 0..steps {
        s = s.after(Duration::from_millis(50 + 50 * rng.below(6) as u64));
        for _ in 0..rng.below(3) {
            let (fault, then, name) = release_fault(rng);
            s = s.fault(fault);
            if let Some(then) = then {
                s = s.fault(then);
            }
            injected.push(name);
        }
        s = s.after(Duration::from_millis(50 + 50 * rng.below(4) as u64));
        s = match (verdict, step) {
            (Verdict::ImageCannotBePulled, 0) => s.container_waiting(
                POD,
                "init",
                "ImagePullBackOff",
                "Back-off pulling image \"registry.example.com/acme/shop:2\"",
            ),
            (Verdict::ProgressDeadline, 0) => s
                .container_terminated(POD, "init", 0)
                .container_running(POD, "run"),
            (Verdict::ProgressDeadline, _) => s.deployment_deadline_exceeded("shop-web", "new01"),
            (_, 0) => s.pod_init_logs(POD, &["Applying shop.0002_order... OK"]),
            (Verdict::MigrationFailed, _) => s
                .pod_init_logs(POD, &["django.db.utils.ProgrammingError: boom"])
                .container_terminated(POD, "init", 1),
            (Verdict::ImageCannotBePulled, _) => s,
            (_, 1) => s
                .container_terminated(POD, "init", 0)
                .container_running(POD, "run"),
            (Verdict::Live, 2) => s.deployment_progressing("shop-web", "new01", 1, 1, 0),
            (Verdict::Live, _) => s.deployment_rolled_out("shop-web", "new01"),
            (_, 2) => s.logs(
                POD,
                "run",
                &["ModuleNotFoundError: No module named 'shop.wsgi'"],
            ),
            (_, _) => s.container_restarted(POD, "run", 1, "CrashLoopBackOff"),
        };
    }
    s.start();
    injected
}

/// Follows `releases` releases, each to a verdict chosen at random, through random faults.
fn soak_deploys(releases: usize) {
    let mut rng = Rng::seeded("deploy soak");
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, false);
    let mut faults = 0;
    for i in 0..releases {
        let verdict = Verdict::ALL[rng.below(Verdict::ALL.len())];
        let cluster = crate::release::cluster(&env, false);
        cluster.apply(objects::web_pod("shop", "new01", "x2kq4", IMAGE));
        let injected = release_schedule(&cluster, verdict, &mut rng);
        faults += injected.len();
        let out =
            crate::support::Outcome::of(env.cmd_in(&p, &["deploy", "--timeout", "60s"]), None);
        eprintln!("release {i}: {verdict:?} through {injected:?}");
        out.code(verdict.code()).stderr_has(verdict.says());
        assert!(
            cluster.scenario_failures().is_empty(),
            "{:?}",
            cluster.scenario_failures()
        );
    }
    eprintln!("deploy soak: {releases} releases, {faults} faults");
}

#[test]
fn deploy_follows_releases_through_random_faults_to_the_right_verdict() {
    soak_deploys(6);
}

/// The long version: `UNGLEICH_SOAK_RELEASES` (default 100) releases.
#[test]
#[ignore = "a soak of many releases; run by hand (see the module's doc)"]
fn deploys_many() {
    let n = std::env::var("UNGLEICH_SOAK_RELEASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    soak_deploys(n);
}
