//! `db dump` of a 200 MiB database through the emulator (its kubelet runs the helper pod's
//! script, and so pg_dump, as a local process; the dump crosses the attach WebSocket and the CLI
//! writes it to a file) next to a local `pg_dump -Fc -f FILE` against the same server: the wall
//! time and throughput of each (median of 3), and the CLI's peak memory (VmHWM, polled), which
//! must stay flat however large the dump. Run: `cargo bench --bench db` (budgets checked and
//! reported: at least half of pg_dump's throughput; the CLI under 64 MiB resident).

#![allow(dead_code, unused_imports)]

#[path = "../tests/it/support/apiserver/mod.rs"]
mod apiserver;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use apiserver::{ApiServer, Kubelet};
use serde_json::json;

const ROUNDS: usize = 3;
/// Rows of 8 random MD5s (256 hex characters): about 200 MiB of table, half of it compressible.
const ROWS: u32 = 760_000;

fn bin() -> String {
    std::env::var("UNGLEICH_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_ungleich-django").to_owned())
}

fn pg_program(name: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| PathBuf::from(name))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `program` as PostgreSQL's user (nobody when root), killed with this process.
fn as_postgres(program: &Path) -> Command {
    let mut cmd = Command::new("setpriv");
    if is_root() {
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
    }
    cmd.args(["--pdeathsig", "KILL"]).arg(program);
    cmd
}

fn start_postgres(dir: &Path) -> (std::process::Child, u16) {
    let data = dir.join("pgdata");
    std::fs::create_dir_all(&data).unwrap();
    if is_root() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    }
    let ok = as_postgres(&pg_program("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        .env("LC_ALL", "C")
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(ok, "initdb failed");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = as_postgres(&pg_program("postgres"))
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-h", "127.0.0.1", "-k"])
        .arg(&data)
        .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while psql(port, "select 1").is_err() {
        assert!(Instant::now() < deadline, "postgres did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (child, port)
}

fn psql(port: u16, sql: &str) -> Result<String, String> {
    let out = Command::new(pg_program("psql"))
        .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-U", "postgres"])
        .args([
            "-d",
            "postgres",
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Runs `command` to its end; (seconds, peak resident KiB polled from /proc).
fn measure(mut command: Command) -> (f64, u64) {
    let start = Instant::now();
    let mut child = command.spawn().expect("start");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0);
            peak = peak.max(hwm);
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{command:?} failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (start.elapsed().as_secs_f64(), peak)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn mib(bytes: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    b / 1024.0 / 1024.0
}

fn main() {
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let (mut server, port) = start_postgres(&home.join("pg"));
    psql(
        port,
        &format!(
            "create table big (id int primary key, payload text not null);
             insert into big select g, md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
                 || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
             from generate_series(1, {ROWS}) g;"
        ),
    )
    .expect("create the data");
    let size: u64 = psql(port, "select pg_database_size('postgres')")
        .unwrap()
        .parse()
        .unwrap();
    let p = home.join("p");
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(
        p.join("ungleich-django.yaml"),
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    )
    .unwrap();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(home.join("kubeconfig"));
    cluster.apply(json!({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "shop-platform", "namespace": "shop"},
        "data": {"databaseClientImage": "postgres:17", "databaseSecret": "shop-db-app",
                 "databaseHostKey": "host", "databasePortKey": "port", "databaseNameKey": "dbname",
                 "databaseUserKey": "username", "databasePasswordKey": "password",
                 "restoreStopsApp": "false", "runAsUser": "10001", "runAsGroup": "10001"}}));
    cluster.apply(json!({"apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "shop-db-app", "namespace": "shop"},
        "stringData": {"host": "127.0.0.1", "port": port.to_string(), "dbname": "postgres",
                       "username": "postgres", "password": "x"}}));
    cluster.kubelet(Kubelet::new(&p).path(pg_program("pg_dump").parent().unwrap()));
    let (mut ours, mut local, mut rss) = (Vec::new(), Vec::new(), 0u64);
    let mut dump_bytes = 0u64;
    for round in 0..ROUNDS {
        let file = p.join(format!("ours-{round}.dump"));
        let mut cmd = Command::new(bin());
        cmd.args(["db", "dump", "-f"])
            .arg(&file)
            .env("HOME", home)
            .env("KUBECONFIG", home.join("kubeconfig"))
            .env("NO_COLOR", "1")
            .current_dir(&p)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let (seconds, peak) = measure(cmd);
        ours.push(seconds);
        rss = rss.max(peak);
        dump_bytes = std::fs::metadata(&file).unwrap().len();
        std::fs::remove_file(&file).unwrap();
        let file = p.join(format!("local-{round}.dump"));
        let mut cmd = Command::new(pg_program("pg_dump"));
        cmd.args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-U",
            "postgres",
            "-Fc",
            "-f",
        ])
        .arg(&file)
        .arg("postgres");
        let (seconds, _) = measure(cmd);
        local.push(seconds);
        std::fs::remove_file(&file).unwrap();
    }
    let _ = server.kill();
    let (ours, local) = (median(ours), median(local));
    println!(
        "database {:.0} MiB, dump {:.0} MiB; median of {ROUNDS}",
        mib(size),
        mib(dump_bytes)
    );
    println!("                       wall      database/s   dump/s");
    for (what, t) in [
        ("ungleich-django db dump", ours),
        ("local pg_dump -Fc     ", local),
    ] {
        println!(
            "{what} {t:>6.2} s  {:>7.1} MiB/s  {:>6.1} MiB/s",
            mib(size) / t,
            mib(dump_bytes) / t
        );
    }
    println!("CLI peak resident memory: {:.1} MiB", rss as f64 / 1024.0);
    let budget = |ok: bool, what: &str| println!("{} {what}", if ok { "ok  " } else { "OVER" });
    budget(ours <= 2.0 * local, "at least half of pg_dump's throughput");
    budget(
        rss < 64 * 1024,
        "the CLI under 64 MiB resident (streamed, never held)",
    );
}
