//! `db dump`, `db restore`, `db shell` against the emulator, whose kubelet runs the helper pod's
//! command as a real local process with the database Secret's keys in its environment, and the
//! real PostgreSQL of this test binary (one server, a database per test): a dump with every
//! byte value and a 50 MiB table restores row for row; the file appears only when whole; a
//! wrong confirmation and a restore that fails half-way change nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::contract::{free_port, is_root, pg_program};
use crate::support::apiserver::{ApiServer, Kubelet};
use crate::support::{Outcome, TestEnv};

/// The test binary's PostgreSQL: started once, as a child that dies with the test process
/// (`setpriv --pdeathsig`), so no server outlives the run.
struct Server {
    port: u16,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(start_server)
}

fn start_server() -> Server {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("db-postgres");
    // Folders of earlier runs: their servers died with them.
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join(std::process::id().to_string());
    let data = dir.join("pgdata");
    std::fs::create_dir_all(&data).unwrap();
    if is_root() {
        use std::os::unix::fs::PermissionsExt;
        // PostgreSQL refuses root: it runs as nobody, who must own its data directory.
        for d in [&base, &dir] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    }
    let out = as_postgres(&pg_program("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "initdb: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = free_port();
    let (tx, rx) = std::sync::mpsc::channel();
    // The thread that starts the server lives as long as the process: its end kills it.
    std::thread::spawn(move || {
        let child = as_postgres(&pg_program("postgres"))
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string(), "-h", "127.0.0.1", "-k"])
            .arg(&data)
            .args([
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
            ])
            .env("LC_ALL", "C")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        tx.send(child.is_ok()).unwrap();
        loop {
            std::thread::park();
        }
    });
    assert!(rx.recv().unwrap(), "cannot start postgres");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !psql_status(port, "postgres", "select 1") {
        assert!(Instant::now() < deadline, "postgres did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Server { port }
}

/// `program` as PostgreSQL's user (nobody, when the tests run as root), killed when the thread
/// that started it ends.
fn as_postgres(program: &Path) -> Command {
    let mut cmd = Command::new("setpriv");
    if is_root() {
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
    }
    cmd.args(["--pdeathsig", "KILL"]).arg(program);
    cmd
}

fn psql_command(port: u16, db: &str, sql: &str) -> Command {
    let mut cmd = Command::new(pg_program("psql"));
    cmd.args([
        "-h",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-U",
        "postgres",
        "-d",
        db,
    ])
    .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
    .env("PGCONNECT_TIMEOUT", "5");
    cmd
}

fn psql_status(port: u16, db: &str, sql: &str) -> bool {
    psql_command(port, db, sql)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `sql` in `db`; its output.
fn psql(db: &str, sql: &str) -> String {
    let out = psql_command(server().port, db, sql).output().unwrap();
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A new, empty database of this test.
fn database(name: &str) -> String {
    let name = format!("{name}_{}", std::process::id());
    psql("postgres", &format!("drop database if exists {name}"));
    psql("postgres", &format!("create database {name}"));
    name
}

/// A database with a few tables: every byte value in a bytea, text with non-ASCII characters,
/// a foreign key, and (when `big`) a 50 MiB table made in SQL.
fn shop_database(name: &str, big: bool) -> String {
    let db = database(name);
    psql(
        &db,
        "create table blobs (id int primary key, data bytea not null);
         insert into blobs select 0, decode(string_agg(lpad(to_hex(b), 2, '0'), '' order by b), 'hex') from generate_series(0, 255) b;
         insert into blobs select b + 1, decode(lpad(to_hex(b), 2, '0'), 'hex') from generate_series(0, 255) b;
         create table customers (id serial primary key, name text not null);
         insert into customers (name) values ('Zoë'), ('José'), ('東京'), (E'tab\\tand\\nnewline');
         create table orders (id serial primary key, customer int not null references customers(id), total numeric(10, 2));
         insert into orders (customer, total) select 1 + g % 4, g * 1.5 from generate_series(1, 1000) g;",
    );
    if big {
        // 100 000 rows of 512 bytes of hex: 50 MiB of table, made by the server in a second.
        psql(
            &db,
            "create table big (id int primary key, payload text not null);
             insert into big select g, repeat(md5(g::text), 16) from generate_series(1, 100000) g;",
        );
    }
    db
}

/// What the tables hold, as one line per table: its row count and a sum of its rows' 64-bit
/// hashes (any changed, missing or extra row changes it; cheaper than sorting 50 MiB).
fn fingerprint(db: &str) -> String {
    let tables = psql(
        db,
        "select string_agg(tablename, ' ' order by tablename) from pg_tables where schemaname = 'public'",
    );
    tables
        .split_whitespace()
        .map(|t| {
            let digest = psql(
                db,
                &format!("select count(*) || ' ' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) from {t} t"),
            );
            format!("{t}: {digest}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn linked(env: &TestEnv) -> PathBuf {
    env.write(
        "work/p/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    env.work().join("p")
}

fn platform(restore_stops_app: bool) -> Value {
    json!({"apiVersion": "v1", "kind": "ConfigMap",
    "metadata": {"name": "shop-platform", "namespace": "shop"},
    "data": {
        "databaseClientImage": "postgres:17",
        "databaseSecret": "shop-db-app",
        "databaseHostKey": "host", "databasePortKey": "port", "databaseNameKey": "dbname",
        "databaseUserKey": "username", "databasePasswordKey": "password",
        "restoreStopsApp": restore_stops_app.to_string(),
        "runAsUser": "10001", "runAsGroup": "10001",
    }})
}

/// The database Secret, CloudNativePG's keys, pointing at `db` on the test's server.
fn db_secret(db: &str) -> Value {
    use base64::Engine as _;
    let b64 = |v: &str| base64::engine::general_purpose::STANDARD.encode(v);
    json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
    "metadata": {"name": "shop-db-app", "namespace": "shop"},
    "data": {
        "host": b64("127.0.0.1"), "port": b64(&server().port.to_string()),
        "dbname": b64(db), "username": b64("postgres"), "password": b64("never-shown-p4ss"),
    }})
}

fn cluster(env: &TestEnv, workdir: &Path, db: &str, kubelet: Kubelet) -> ApiServer {
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    cluster.apply(platform(false));
    cluster.apply(db_secret(db));
    let _ = workdir;
    cluster.kubelet(kubelet);
    cluster
}

fn db(env: &TestEnv, p: &Path, args: &[&str]) -> Outcome {
    let mut all = vec!["db"];
    all.extend_from_slice(args);
    Outcome::of(env.cmd_in(p, &all), None)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The helper pods still in the cluster.
fn helper_pods(cluster: &ApiServer) -> Vec<Value> {
    cluster
        .list("v1", "Pod", "shop")
        .into_iter()
        .filter(|p| p["metadata"]["labels"]["app.kubernetes.io/component"] == "db")
        .collect()
}

fn pod_creations(cluster: &ApiServer) -> Vec<Value> {
    cluster
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/pods"))
        .map(|r| serde_json::from_str(&r.body).unwrap_or(Value::Null))
        .collect()
}

/// Files in `dir` (names), hidden ones included.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_dump_restores_into_a_fresh_database_row_for_row() {
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("dump_source", true);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    let dumped = db(&env, &p, &["dump", "-f", "shop.dump"]);
    dumped.success().never_shows("never-shown-p4ss");
    let bytes = std::fs::read(p.join("shop.dump")).unwrap();
    assert!(bytes.starts_with(b"PGDMP"), "not a custom-format dump");
    dumped
        .stderr_has(&format!("({} bytes)", bytes.len()))
        .stderr_has(&format!("sha256 {}", sha256_hex(&bytes)));
    // Nothing else was left beside it, and the helper pod is gone.
    let before: Vec<String> = files(&p);
    assert_eq!(before, ["shop.dump", "ungleich-django.yaml"]);
    assert!(helper_pods(&cluster).is_empty());
    let created = pod_creations(&cluster);
    assert_eq!(created.len(), 1);
    let helper = &created[0];
    assert_eq!(helper["spec"]["containers"][0]["image"], "postgres:17");
    assert!(
        helper["metadata"]["labels"]
            .get("app.kubernetes.io/instance")
            .is_none()
    );
    assert!(!helper.to_string().contains("never-shown-p4ss"));

    let target = database("restore_target");
    cluster.apply(db_secret(&target));
    db(&env, &p, &["restore", "shop.dump", "--confirm", "shop"])
        .success()
        .stderr_has(&format!("a dump of {source} taken "))
        .stderr_has("The app stays up during the restore")
        .stderr_has("Restored ");
    assert_eq!(fingerprint(&target), fingerprint(&source));
    // Every byte value survived the trip.
    assert_eq!(
        psql(
            &target,
            "select length(data) || ' ' || md5(data) from blobs where id = 0"
        ),
        psql(
            &source,
            "select length(data) || ' ' || md5(data) from blobs where id = 0"
        ),
    );
    assert_eq!(
        psql(&target, "select length(data) from blobs where id = 0"),
        "256"
    );
    assert!(helper_pods(&cluster).is_empty());
}

#[test]
fn a_dump_to_stdout_is_the_same_bytes() {
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("stdout_source", false);
    let _cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    let out = env.cmd_in(&p, &["db", "dump", "-f", "-"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.starts_with(b"PGDMP"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&sha256_hex(&out.stdout)), "{stderr}");
    assert!(stderr.contains("to stdout"), "{stderr}");
}

#[test]
fn a_wrong_or_missing_confirmation_changes_nothing() {
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("confirm_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    db(&env, &p, &["dump", "-f", "shop.dump"]).success();
    let target = shop_database("confirm_target", false);
    psql(&target, "insert into customers (name) values ('only here')");
    let before = fingerprint(&target);
    cluster.apply(db_secret(&target));
    let pods_before = pod_creations(&cluster).len();
    db(&env, &p, &["restore", "shop.dump", "--confirm", "shopp"])
        .code(3)
        .stderr_has("is not the app's name `shop`: nothing was restored")
        .stderr_has("--confirm shop");
    // --yes answers confirmations, not this one.
    db(&env, &p, &["restore", "shop.dump", "--yes"])
        .code(2)
        .stderr_has("--confirm shop");
    db(&env, &p, &["restore", "shop.dump"]).code(2);
    // Not a dump: refused before the cluster.
    env.write("work/p/plain.sql", "select 1;\n");
    db(&env, &p, &["restore", "plain.sql", "--confirm", "shop"])
        .code(3)
        .stderr_has("is not a pg_dump custom-format archive");
    assert_eq!(pod_creations(&cluster).len(), pods_before);
    assert_eq!(fingerprint(&target), before);
}

#[test]
fn a_restore_that_fails_half_way_leaves_the_data_unchanged() {
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("half_source", true);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    db(&env, &p, &["dump", "-f", "shop.dump"]).success();
    // The dump cut after its table of contents: pg_restore drops and creates the tables, then
    // finds the data missing.
    let whole = std::fs::read(p.join("shop.dump")).unwrap();
    std::fs::write(p.join("cut.dump"), &whole[..whole.len() * 3 / 5]).unwrap();
    let target = shop_database("half_target", false);
    psql(&target, "insert into customers (name) values ('only here')");
    let before = fingerprint(&target);
    cluster.apply(db_secret(&target));
    db(&env, &p, &["restore", "cut.dump", "--confirm", "shop"])
        .code(1)
        .stderr_has("pg_restore failed")
        .stderr_has("the database is as it was");
    assert_eq!(fingerprint(&target), before);
    assert!(helper_pods(&cluster).is_empty());
}

#[test]
fn an_interrupted_or_failed_dump_leaves_no_file() {
    let env = TestEnv::new();
    let p = linked(&env);
    // A pg_dump that writes the start of a dump and then hangs, as a long dump does.
    let bin = env.root().join("slow-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("pg_dump");
    std::fs::write(
        &fake,
        "#!/bin/sh\nprintf 'PGDMP-start-of-a-dump'\nexec sleep 60\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cluster = cluster(&env, &p, "postgres", Kubelet::new(&p).path(&bin));
    let out_dir = p.join("dumps");
    std::fs::create_dir_all(&out_dir).unwrap();
    let child = env
        .cmd_in(&p, &["db", "dump", "-f", "dumps/shop.dump"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the first bytes are in the temporary file, then Ctrl-C.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let partial = files(&out_dir)
            .into_iter()
            .find(|f| f.ends_with(".partial"))
            .is_some_and(|f| std::fs::metadata(out_dir.join(f)).is_ok_and(|m| m.len() > 0));
        if partial {
            break;
        }
        assert!(Instant::now() < deadline, "the dump never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(files(&out_dir).is_empty(), "{:?}", files(&out_dir));
    assert!(helper_pods(&cluster).is_empty());

    // A pg_dump that fails (no such database): its message, and no file.
    let env2 = TestEnv::new();
    let p2 = linked(&env2);
    let cluster2 = cluster_for(&env2, "no_such_database");
    db(&env2, &p2, &["dump", "-f", "shop.dump"])
        .code(1)
        .stderr_has("pg_dump failed")
        .stderr_has("no_such_database");
    assert_eq!(files(&p2), ["ungleich-django.yaml"]);
    assert!(helper_pods(&cluster2).is_empty());
}

fn cluster_for(env: &TestEnv, db: &str) -> ApiServer {
    let p = env.work().join("p");
    cluster(env, &p, db, Kubelet::new(&p))
}

#[test]
fn a_statement_runs_in_psql_and_its_exit_code_is_ours() {
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("shell_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    db(
        &env,
        &p,
        &[
            "shell",
            "-c",
            "select name from customers order by id limit 1",
        ],
    )
    .success()
    .stdout_has("Zoë");
    // The statement went over stdin: the pod's spec, which anyone who lists pods reads, has
    // only its length.
    let created = pod_creations(&cluster);
    assert!(
        !created[0].to_string().contains("from customers"),
        "{}",
        created[0]
    );
    db(&env, &p, &["shell", "-c", "select * from no_such_table"])
        .code(1)
        .stderr_has("no_such_table");
    // Without a terminal there is no interactive psql.
    db(&env, &p, &["shell"]).code(2).stderr_has("db shell -c");
}

#[test]
fn without_the_platform_configmap_nothing_is_created() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.kubelet(Kubelet::new(&p));
    db(&env, &p, &["dump", "-f", "shop.dump"])
        .code(3)
        .stderr_has("there is no ConfigMap shop-platform in namespace shop")
        .stderr_has("hosting.database");
    assert!(pod_creations(&cluster).is_empty());
    assert_eq!(files(&p), ["ungleich-django.yaml"]);
}

/// With the Roles of `chart/examples/rbac.yaml` a dump gets through without a 403; without the
/// customer Role's ConfigMap rule, or without the opt-in Role, the refusal names the grant.
#[test]
fn the_example_roles_are_enough_and_a_refusal_names_the_grant() {
    use crate::rbac::example_rules;
    use crate::support::apiserver::Rule;
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("rbac_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    cluster.authorize_with(example_rules());
    db(&env, &p, &["dump", "-f", "shop.dump"]).success();
    assert_eq!(cluster.forbidden(), Vec::<String>::new());

    let without_configmap: Vec<Rule> = example_rules()
        .into_iter()
        .filter(|r| r.resources != ["configmaps"])
        .collect();
    cluster.authorize_with(without_configmap);
    db(&env, &p, &["dump", "-f", "other.dump"])
        .code(4)
        .stderr_has("needs `get` on configmaps (apiGroups: [\"\"]) in namespace shop: ask the hoster for the customer Role ungleich-django-customer");
    let without_pods: Vec<Rule> = example_rules()
        .into_iter()
        .filter(|r| !(r.resources == ["pods"] && r.verbs.iter().any(|v| v == "create")))
        .collect();
    cluster.authorize_with(without_pods);
    db(&env, &p, &["dump", "-f", "other.dump"])
        .code(4)
        .stderr_has("needs `create` on pods (apiGroups: [\"\"]) in namespace shop: ask the hoster for the opt-in Role ungleich-django-runs");
    assert_eq!(files(&p), ["shop.dump", "ungleich-django.yaml"]);
}

/// `deploy --backup` dumps before it pushes and keeps the dump under the revision that was live;
/// `db dumps` lists it, `rollback` to that revision names it; a backup that fails pushes nothing.
#[test]
fn deploy_backup_keeps_a_dump_per_live_revision_and_rollback_names_it() {
    let env = TestEnv::new();
    let p = crate::release::project(&env, false, false);
    let source = shop_database("backup_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    let live = crate::release::git_head(&p);
    Outcome::of(
        env.cmd_in(&p, &["deploy", "--tag", "2.0", "--no-wait", "--backup"]),
        None,
    )
    .success()
    .stderr_has("Dumped the database");
    assert_ne!(
        crate::release::git_head(&p),
        live,
        "the deploy was not committed"
    );
    let kept_dir = PathBuf::from(env.var("XDG_DATA_HOME").unwrap())
        .join("ungleich-django/dumps/shop")
        .join(&live[..12]);
    let kept = files(&kept_dir);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].ends_with(".dump"), "{kept:?}");
    let bytes = std::fs::read(kept_dir.join(&kept[0])).unwrap();
    assert!(bytes.starts_with(b"PGDMP"));
    db(&env, &p, &["dumps"]).success().stdout_has(&live[..12]);
    let listed = db(&env, &p, &["dumps", "-o", "json"]).success().json();
    assert_eq!(listed[0]["revision"], &live[..12]);
    assert_eq!(listed[0]["bytes"], bytes.len());
    Outcome::of(env.cmd_in(&p, &["rollback", &live, "--no-wait"]), None)
        .success()
        .stderr_has(&format!(
            "a dump taken while {} was live is kept",
            &live[..12]
        ))
        .stderr_has("ungleich-django db restore ");

    // A backup that fails (pg_dump cannot connect) stops the deploy before the commit.
    cluster.apply(db_secret("no_such_database"));
    let head = crate::release::git_head(&p);
    Outcome::of(
        env.cmd_in(&p, &["deploy", "--tag", "3.0", "--no-wait", "--backup"]),
        None,
    )
    .code(1)
    .stderr_has("pg_dump failed");
    assert_eq!(crate::release::git_head(&p), head);
}

/// Where the hoster allows it, the web and async Deployments are scaled to zero for the restore
/// and given their replicas back afterwards, also when the restore fails.
#[test]
fn a_restore_stops_the_app_only_where_the_hoster_allows_it() {
    use crate::support::apiserver::objects;
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("pause_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    cluster.apply(platform(true));
    cluster.apply(objects::web_deployment(
        "shop",
        "registry.example.com/acme/shop:2",
        2,
    ));
    cluster.apply(objects::async_deployment(
        "shop",
        "registry.example.com/acme/shop:2",
        1,
    ));
    db(&env, &p, &["dump", "-f", "shop.dump"]).success();
    let whole = std::fs::read(p.join("shop.dump")).unwrap();
    std::fs::write(p.join("cut.dump"), &whole[..whole.len() / 2]).unwrap();
    for (file, code) in [("shop.dump", 0), ("cut.dump", 1)] {
        let before = cluster.requests().len();
        db(&env, &p, &["restore", file, "--confirm", "shop"])
            .code(code)
            .stderr_has("Stopping the web and async pods during the restore")
            .stderr_has("Started the web and async pods again");
        let scales: Vec<(String, Value)> = cluster.requests()[before..]
            .iter()
            .filter(|r| r.method == "PATCH" && r.path.ends_with("/scale"))
            .map(|r| {
                let body: Value = serde_json::from_str(&r.body).unwrap();
                (
                    r.path.rsplit('/').nth(1).unwrap().to_owned(),
                    body["spec"]["replicas"].clone(),
                )
            })
            .collect();
        assert_eq!(
            scales,
            [
                ("shop-web".to_owned(), json!(0)),
                ("shop-async".to_owned(), json!(0)),
                ("shop-web".to_owned(), json!(2)),
                ("shop-async".to_owned(), json!(1)),
            ],
            "{file}"
        );
    }
    let web = cluster
        .get("apps/v1", "Deployment", "shop", "shop-web")
        .unwrap();
    assert_eq!(web["spec"]["replicas"], 2);
}

/// On a terminal: psql with a TTY, a statement typed and answered; and the restore's question,
/// answered with the app's name (restores) or another (changes nothing).
#[test]
fn on_a_terminal_psql_answers_and_the_restore_asks_for_the_apps_name() {
    use crate::support::terminal;
    let env = TestEnv::new();
    let p = linked(&env);
    let source = shop_database("tty_source", false);
    let cluster = cluster(&env, &p, &source, Kubelet::new(&p));
    let session = terminal::converse(
        &env,
        &p,
        &["db", "shell"],
        &[("=# ", "select 6 * 7 as answer;"), ("(1 row)", "\\q")],
    );
    assert!(session.success, "{}", session.output);
    assert!(session.output.contains("42"), "{}", session.output);
    assert!(helper_pods(&cluster).is_empty());
    // A dump is binary: not written to the terminal, and the hint names the right flag.
    let creations = pod_creations(&cluster).len();
    let to_terminal = terminal::converse(&env, &p, &["db", "dump", "-f", "-"], &[]);
    assert_eq!(to_terminal.code, Some(3), "{}", to_terminal.output);
    assert!(
        to_terminal.output.contains("a dump is binary")
            && to_terminal.output.contains("`-f - > shop.dump`"),
        "{}",
        to_terminal.output
    );
    assert_eq!(
        pod_creations(&cluster).len(),
        creations,
        "no helper pod made"
    );

    db(&env, &p, &["dump", "-f", "shop.dump"]).success();
    let target = shop_database("tty_target", false);
    psql(&target, "insert into customers (name) values ('only here')");
    let before = fingerprint(&target);
    cluster.apply(db_secret(&target));
    let refused = terminal::answer_once(
        &env,
        &p,
        &["db", "restore", "shop.dump"],
        "to replace its database",
        "prod",
    );
    assert!(!refused.success, "{}", refused.output);
    assert!(
        refused.output.contains("nothing was restored"),
        "{}",
        refused.output
    );
    assert_eq!(fingerprint(&target), before);
    let restored = terminal::answer_once(
        &env,
        &p,
        &["db", "restore", "shop.dump"],
        "to replace its database",
        "shop",
    );
    assert!(restored.success, "{}", restored.output);
    assert_eq!(fingerprint(&target), fingerprint(&source));
}
