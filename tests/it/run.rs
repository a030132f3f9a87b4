//! `run` and `shell` against the emulator, whose kubelet runs the one-off pod's command as a
//! real process: exit codes, live output, detach and `logs --run`, `run --list`, the labels
//! that keep a run out of the release, bad input, pods that cannot start; and against real
//! Django and PostgreSQL, `createsuperuser` from the app's Secret.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::apiserver::{ApiServer, Kubelet, RecordedRequest, objects};
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";
const DIGEST: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

fn linked(env: &TestEnv) -> std::path::PathBuf {
    env.write(
        "work/p/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    env.work().join("p")
}

/// The web Deployment with the platform's environment, its pod running (with a digest), the
/// app's Secret, and a kubelet that runs one-off pods in `workdir`.
fn cluster(env: &TestEnv, workdir: &std::path::Path) -> ApiServer {
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    let mut web = objects::web_deployment("shop", IMAGE, 1);
    let spec = &mut web["spec"]["template"]["spec"];
    spec["serviceAccountName"] = json!("shop");
    spec["securityContext"] = json!({"runAsNonRoot": true, "runAsUser": 1000});
    spec["volumes"] =
        json!([{"name": "data", "persistentVolumeClaim": {"claimName": "shop-data"}}]);
    let run = &mut spec["containers"][0];
    run["env"] = json!([
        {"name": "UNGLEICH_APP", "value": "shop"},
        {"name": "GREETING", "valueFrom": {"secretKeyRef": {"name": "shop-env", "key": "GREETING"}}},
    ]);
    run["envFrom"] = json!([{"secretRef": {"name": "shop-env"}}]);
    run["resources"] = json!({"limits": {"memory": "512Mi"}});
    run["volumeMounts"] = json!([{"name": "data", "mountPath": "/data"}]);
    run["readinessProbe"] = json!({"httpGet": {"path": "/", "port": 8000}});
    cluster.apply(web);
    let mut pod = objects::running_web_pod("shop", "0", "x2kq4", IMAGE);
    pod["status"]["containerStatuses"][0]["imageID"] =
        json!(format!("registry.example.com/acme/shop@{DIGEST}"));
    cluster.apply(pod);
    cluster.apply(secret(&[
        ("GREETING", "hello from the secret"),
        ("API_KEY", "s3cret"),
    ]));
    cluster.kubelet(Kubelet::new(workdir).unpullable("registry.example.com/acme/shop@sha256:dead"));
    cluster
}

fn secret(pairs: &[(&str, &str)]) -> Value {
    use base64::Engine as _;
    let data: serde_json::Map<String, Value> = pairs
        .iter()
        .map(|(k, v)| {
            (
                (*k).to_owned(),
                json!(base64::engine::general_purpose::STANDARD.encode(v)),
            )
        })
        .collect();
    json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
           "metadata": {"name": "shop-env", "namespace": "shop"}, "data": data})
}

fn run(env: &TestEnv, p: &std::path::Path, args: &[&str]) -> Outcome {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    Outcome::of(env.cmd_in(p, &all), None)
}

fn pod_creations(cluster: &ApiServer) -> Vec<RecordedRequest> {
    cluster
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/pods"))
        .collect()
}

/// The one-off pods still in the cluster.
fn run_pods(cluster: &ApiServer) -> Vec<Value> {
    cluster
        .list("v1", "Pod", "shop")
        .into_iter()
        .filter(|p| p["metadata"]["labels"]["app.kubernetes.io/component"] == "run")
        .collect()
}

#[test]
fn the_commands_exit_code_is_ours_and_its_output_streams() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    run(
        &env,
        &p,
        &[
            "--",
            "sh",
            "-c",
            "echo out; sleep 0.2; echo err >&2; sleep 0.2; echo \"$GREETING\"",
        ],
    )
    .success()
    .stdout_is("out\nerr\nhello from the secret\n");
    run(&env, &p, &["--", "sh", "-c", "echo failing; exit 42"])
        .code(42)
        .stdout_is("failing\n");
    run(&env, &p, &["--", "sh", "-c", "exit 3"]).code(3);
    run(&env, &p, &["--", "false"]).code(1);
    // Every run's pod is gone afterwards.
    assert_eq!(pod_creations(&cluster).len(), 4);
    let left: Vec<String> = cluster
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE" && r.path.contains("/pods/shop-run-"))
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(run_pods(&cluster).is_empty());
}

#[test]
fn output_arrives_while_the_command_still_runs() {
    let env = TestEnv::new();
    let p = linked(&env);
    let _cluster = cluster(&env, &p);
    let marker = p.join("go");
    let script = format!(
        "echo first; while [ ! -e {} ]; do sleep 0.05; done; echo second",
        marker.display()
    );
    let mut child = env
        .cmd_in(&p, &["run", "--", "sh", "-c", &script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    // The command waits for the marker: "first" came while it was running.
    assert_eq!(line, "first\n");
    std::fs::write(&marker, "").unwrap();
    line.clear();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert_eq!(line, "second\n");
    assert!(child.wait().unwrap().success());
}

#[test]
fn the_pod_is_the_live_template_and_never_part_of_the_release() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    let mut env = env;
    env.env("GIT_AUTHOR_NAME", "Ada Lovelace")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com");
    run(
        &env,
        &p,
        &[
            "--timeout",
            "5m",
            "--",
            "echo",
            "manage.py",
            "migrate",
            "shop",
            "0042",
        ],
    )
    .success()
    .stdout_is("manage.py migrate shop 0042\n");
    let created = pod_creations(&cluster);
    assert_eq!(created.len(), 1);
    let pod: Value = serde_json::from_str(&created[0].body).unwrap();
    let labels = pod["metadata"]["labels"].as_object().unwrap();
    assert!(
        !labels.contains_key("app.kubernetes.io/instance"),
        "{labels:?}"
    );
    assert_eq!(labels["app.kubernetes.io/component"], "run");
    assert_eq!(labels["app.kubernetes.io/managed-by"], "ungleich-django");
    let annotations = pod["metadata"]["annotations"].as_object().unwrap();
    assert!(
        !annotations
            .keys()
            .any(|k| k.starts_with("argocd.argoproj.io")),
        "{annotations:?}"
    );
    assert_eq!(
        annotations["ungleich.ch/run-by"],
        "Ada Lovelace <ada@example.com>"
    );
    assert_eq!(
        annotations["ungleich.ch/run-command"],
        r#"["echo","manage.py","migrate","shop","0042"]"#
    );
    let spec = &pod["spec"];
    assert!(spec.get("initContainers").is_none());
    assert_eq!(spec["restartPolicy"], "Never");
    assert_eq!(spec["activeDeadlineSeconds"], 300);
    assert_eq!(spec["serviceAccountName"], "shop");
    assert_eq!(spec["securityContext"]["runAsUser"], 1000);
    assert_eq!(
        spec["volumes"][0]["persistentVolumeClaim"]["claimName"],
        "shop-data"
    );
    let c = &spec["containers"][0];
    assert_eq!(
        c["image"],
        format!("registry.example.com/acme/shop@{DIGEST}")
    );
    assert_eq!(
        c["command"],
        json!(["echo", "manage.py", "migrate", "shop", "0042"])
    );
    assert!(c.get("args").is_none() && c.get("readinessProbe").is_none());
    assert_eq!(c["envFrom"][0]["secretRef"]["name"], "shop-env");
    assert_eq!(c["resources"]["limits"]["memory"], "512Mi");
    assert_eq!(c["volumeMounts"][0]["mountPath"], "/data");
    // The release's readers never see it: `logs` selects the instance label.
    Outcome::of(env.cmd_in(&p, &["logs"]), None)
        .success()
        .never_shows("shop-run-");
}

#[test]
fn a_detached_run_prints_its_name_and_is_read_later() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    let out = run(
        &env,
        &p,
        &[
            "--detach",
            "--",
            "sh",
            "-c",
            "echo working; echo done; exit 7",
        ],
    );
    out.success()
        .stderr_has("ungleich-django logs --run shop-run-");
    let name = out.stdout.trim().to_owned();
    assert!(name.starts_with("shop-run-"), "{name}");
    // Following it ends when it ends.
    Outcome::of(env.cmd_in(&p, &["logs", "--run", &name, "-f"]), None)
        .success()
        .stdout_is("working\ndone\n");
    Outcome::of(env.cmd_in(&p, &["logs", "--run", &name]), None)
        .success()
        .stdout_is("working\ndone\n");
    let list = Outcome::of(env.cmd_in(&p, &["run", "--list"]), None);
    list.success()
        .stdout_has(&name)
        .stdout_has("Failed")
        .stdout_has("sh -c echo working; echo done; exit 7");
    let json = Outcome::of(env.cmd_in(&p, &["run", "--list", "-o", "json"]), None).json();
    assert_eq!(json[0]["name"], name.as_str());
    assert_eq!(json[0]["exit_code"], 7);
    assert_eq!(json[0]["state"], "Failed");
    assert!(
        cluster.get("v1", "Pod", "shop", &name).is_some(),
        "a detached run stays for logs --run"
    );
    Outcome::of(env.cmd_in(&p, &["logs", "--run", "shop-web-0-x2kq4"]), None)
        .code(3)
        .stderr_has("error: there is no run shop-web-0-x2kq4 of shop in namespace shop");
}

#[test]
fn bad_input_exits_3_and_creates_nothing() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    run(&env, &p, &[])
        .code(3)
        .stderr_has("error: no command to run");
    run(&env, &p, &["--", ""])
        .code(3)
        .stderr_has("error: no command to run");
    run(&env, &p, &["--component", "async", "--", "true"])
        .code(3)
        .stderr_has("error: the async component of shop is not enabled: there is no Deployment shop-async in namespace shop");
    cluster.delete("apps/v1", "Deployment", "shop", "shop-web");
    run(&env, &p, &["--", "true"])
        .code(3)
        .stderr_has("error: shop is not deployed in namespace shop")
        .stderr_has("hint: deploy the app first");
    Outcome::of(env.cmd_in(&p, &["shell"]), None)
        .code(3)
        .stderr_has("error: shop is not deployed");
    assert!(pod_creations(&cluster).is_empty());
}

#[test]
fn a_pod_that_cannot_start_fails_fast_with_the_release_codes() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    // A key the container needs is missing from the Secret: 13.
    cluster.apply(secret(&[("API_KEY", "s3cret")]));
    run(&env, &p, &["--", "true"])
        .code(13)
        .stderr_has("the key GREETING is missing from Secret shop/shop-env");
    // The image the pods run cannot be pulled any more: 11.
    cluster.apply(secret(&[("GREETING", "hi")]));
    cluster.modify("v1", "Pod", "shop", "shop-web-0-x2kq4", |pod| {
        pod["status"]["containerStatuses"][0]["imageID"] =
            json!("registry.example.com/acme/shop@sha256:dead");
    });
    run(&env, &p, &["--", "true"])
        .code(11)
        .stderr_has("cannot be pulled (ErrImagePull)");
    // --timeout ends a command that runs too long: 17.
    cluster.modify("v1", "Pod", "shop", "shop-web-0-x2kq4", |pod| {
        pod["status"]["containerStatuses"][0]["imageID"] = json!("");
    });
    let started = std::time::Instant::now();
    run(&env, &p, &["--timeout", "1s", "--", "sleep", "30"])
        .code(17)
        .stderr_has("did not end within --timeout");
    assert!(started.elapsed() < Duration::from_secs(15));
    // Each pod was deleted.
    let deleted = cluster
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE" && r.path.contains("/pods/shop-run-"))
        .count();
    assert_eq!(deleted, 3);
}

/// The settings of `contract::make_project` read these; the Secret holds the rest.
fn django_deployment(pg_port: u16) -> Value {
    let mut web = objects::web_deployment("shop", IMAGE, 1);
    let run = &mut web["spec"]["template"]["spec"]["containers"][0];
    run["env"] = json!([
        {"name": "PGHOST", "value": "127.0.0.1"},
        {"name": "PGPORT", "value": pg_port.to_string()},
        {"name": "PGDATABASE", "value": "postgres"},
        {"name": "PGUSER", "value": "postgres"},
        {"name": "ALLOWED_HOSTS", "value": "shop.example.com"},
        {"name": "UNGLEICH_APP", "value": "shop"},
    ]);
    run["envFrom"] = json!([{"secretRef": {"name": "shop-env"}}]);
    web
}

#[test]
fn createsuperuser_from_the_apps_secret_against_real_django_and_postgres() {
    let python = crate::contract::django_python();
    let env = TestEnv::new();
    let project = env.work().join("shop");
    crate::contract::make_project(&env, &python, &project);
    let pg = crate::contract::Postgres::start(&env.root().join("pg"));
    env.write(
        "work/shop/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(django_deployment(pg.port));
    cluster.apply(secret(&[
        ("SECRET_KEY", "run-test-key"),
        ("DJANGO_SUPERUSER_USERNAME", "ada"),
        ("DJANGO_SUPERUSER_EMAIL", "ada@example.com"),
        ("DJANGO_SUPERUSER_PASSWORD", "c0rrect-horse-battery"),
    ]));
    cluster.kubelet(Kubelet::new(&project).path(python.parent().unwrap()));

    // A data change before the first deploy's /init would have run: migrate, by hand.
    run(
        &env,
        &project,
        &["--", "python", "manage.py", "migrate", "--noinput"],
    )
    .success()
    .stdout_has("Applying auth.0001_initial... OK");
    run(
        &env,
        &project,
        &["--", "python", "manage.py", "createsuperuser", "--noinput"],
    )
    .success()
    .stdout_is("Superuser created successfully.\n")
    .never_shows("c0rrect-horse-battery");
    // In the database, with the password from the Secret.
    let out = env
        .program(
            crate::support::tools::require("psql"),
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &pg.port.to_string(),
                "-U",
                "postgres",
                "-tAc",
            ],
        )
        .arg("select username, email, is_superuser from auth_user")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ada|ada@example.com|t\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = "from django.contrib.auth.models import User; print(User.objects.get(username='ada').check_password('c0rrect-horse-battery'))";
    // (Django 5.2's shell also says how many objects it imported.)
    run(
        &env,
        &project,
        &["--", "python", "manage.py", "shell", "-c", check],
    )
    .success()
    .stdout_has("True\n")
    .never_shows("False");
    // The Django shell on a real terminal: type a line, read the answer.
    let session = crate::support::terminal::answer_once(
        &env,
        &project,
        &["shell"],
        ">>> ",
        "print(6 * 7); exit()",
    );
    assert!(session.success, "{}", session.output);
    assert!(session.output.contains("42\r\n"), "{}", session.output);
    // A second createsuperuser fails, and so do we.
    run(
        &env,
        &project,
        &["--", "python", "manage.py", "createsuperuser", "--noinput"],
    )
    .code(1)
    .stdout_has("That username is already taken.");
}

/// Runs `line` (a shell command line) on a terminal of 111x33 made by `script`, waits for
/// `prompt`, types `answer` and Enter: the exit code and what the terminal showed.
fn on_terminal(
    env: &TestEnv,
    dir: &std::path::Path,
    line: &str,
    prompt: &str,
    answer: &str,
    before_typing: impl Fn(),
) -> (i32, String) {
    use std::io::{Read as _, Write as _};
    let script = format!("stty cols 111 rows 33; {line}");
    let mut child = env
        .program(
            crate::support::tools::require("timeout"),
            &["60", "script", "-qec", &script, "/dev/null"],
        )
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let output = output.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                output
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !output.lock().unwrap().contains(prompt) {
        assert!(
            std::time::Instant::now() < deadline,
            "no {prompt:?}: {}",
            output.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    before_typing();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(answer.as_bytes()).unwrap();
    stdin.write_all(b"\r").unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let text = output.lock().unwrap().clone();
    (status.code().unwrap_or(-1), text)
}

#[test]
fn on_a_terminal_the_command_gets_the_keys_the_window_size_and_its_exit_code() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    let line = format!(
        "'{}' run -- sh -c 'printf \"name? \"; read n; echo \"hello $n\"; stty size; exit 9'",
        env!("CARGO_BIN_EXE_ungleich-django")
    );
    // A person reads the prompt before typing: by then the window size has arrived.
    let resized = || {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !cluster
            .process_starts()
            .iter()
            .any(|(pod, _)| !cluster.resizes(pod).is_empty())
        {
            assert!(
                std::time::Instant::now() < deadline,
                "no window size arrived"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let (code, output) = on_terminal(&env, &p, &line, "name? ", "Ada", resized);
    assert_eq!(code, 9, "{output}");
    // The remote terminal has our size, echoes what we type, and answers.
    assert!(
        output.contains("Ada\r\nhello Ada\r\n33 111\r\n"),
        "{output}"
    );
    let pod = run_names(&cluster).pop().expect("a run");
    assert_eq!(cluster.resizes(&pod).first(), Some(&(111, 33)));
    let created: Value = serde_json::from_str(&pod_creations(&cluster)[0].body).unwrap();
    assert_eq!(created["spec"]["containers"][0]["tty"], true);
    assert_eq!(created["spec"]["containers"][0]["stdin"], true);
}

/// The names of the runs created (from the deletions that followed them).
fn run_names(cluster: &ApiServer) -> Vec<String> {
    cluster
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE" && r.path.contains("/pods/shop-run-"))
        .filter_map(|r| r.path.rsplit('/').next().map(str::to_owned))
        .collect()
}

#[test]
fn shell_is_shell_plus_when_the_project_has_django_extensions() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    // Not on a terminal, and without a Django project here: whatever the command does, its pod
    // shows what ran.
    Outcome::of(env.cmd_in(&p, &["shell"]), Some(b""));
    env.write(
        "work/p/requirements.txt",
        "Django>=5\ndjango-extensions>=3\n",
    );
    Outcome::of(env.cmd_in(&p, &["shell"]), Some(b""));
    let commands: Vec<Value> = pod_creations(&cluster)
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["spec"]["containers"][0]["command"]
                .clone()
        })
        .collect();
    assert_eq!(
        commands,
        [
            json!(["python", "manage.py", "shell"]),
            json!(["python", "manage.py", "shell_plus"])
        ]
    );
}

#[test]
fn ctrl_c_stops_the_command_and_removes_its_pod() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    let mut child = env
        .cmd_in(&p, &["run", "--", "sh", "-c", "echo started; sleep 30"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert_eq!(line, "started\n");
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(run_pods(&cluster).is_empty(), "the pod was not deleted");
}

#[test]
fn an_unschedulable_run_exits_14_and_is_removed() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment("shop", IMAGE, 1));
    cluster
        .kubelet(Kubelet::new(&p).unschedulable("0/3 nodes are available: 3 Insufficient memory."));
    run(&env, &p, &["--", "true"])
        .code(14)
        .stderr_has("3 Insufficient memory");
    assert!(run_pods(&cluster).is_empty());
}

#[test]
fn a_dropped_log_stream_is_resumed_without_repeats() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    cluster.fault(crate::support::apiserver::Fault::DropLogAfter(2));
    run(
        &env,
        &p,
        &[
            "--",
            "sh",
            "-c",
            "for i in 1 2 3 4 5; do echo line $i; done",
        ],
    )
    .success()
    .stdout_is("line 1\nline 2\nline 3\nline 4\nline 5\n");
}

#[test]
fn detached_runs_that_ended_a_day_ago_are_removed_by_the_next_run() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    let old = run(&env, &p, &["--detach", "--", "true"]);
    old.success();
    let old = old.stdout.trim().to_owned();
    let recent = run(&env, &p, &["--detach", "--", "true"]);
    recent.success();
    let recent = recent.stdout.trim().to_owned();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while [&old, &recent].iter().any(|n| {
        cluster
            .get("v1", "Pod", "shop", n)
            .is_none_or(|p| p["status"]["phase"] != "Succeeded")
    }) {
        assert!(std::time::Instant::now() < deadline, "the runs never ended");
        std::thread::sleep(Duration::from_millis(20));
    }
    cluster.modify("v1", "Pod", "shop", &old, |pod| {
        pod["status"]["containerStatuses"][0]["state"]["terminated"]["finishedAt"] =
            json!("2020-01-01T00:00:00Z");
    });
    run(&env, &p, &["--", "true"]).success();
    assert!(
        cluster.get("v1", "Pod", "shop", &old).is_none(),
        "the old run stayed"
    );
    assert!(
        cluster.get("v1", "Pod", "shop", &recent).is_some(),
        "the recent run went"
    );
}

// `run -i`: our stdin sent to the command (through a stdin-only attach), its output from the
// log as without -i.

/// The requests that attached to a run.
fn attaches(cluster: &ApiServer) -> Vec<RecordedRequest> {
    cluster
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/attach"))
        .collect()
}

#[test]
fn with_i_the_command_reads_our_stdin_to_its_end_and_nothing_it_printed_before_is_lost() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    // Larger than one chunk of each hop, with every byte value.
    let input: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let expected = sha256_hex(&input);
    let out = Outcome::of(
        env.cmd_in(
            &p,
            &[
                "run",
                "-i",
                "--",
                "sh",
                "-c",
                "echo before; sha256sum | cut -d' ' -f1; echo after; exit 7",
            ],
        ),
        Some(&input),
    );
    out.code(7)
        .stdout_is(&format!("before\n{expected}\nafter\n"));
    let attached = attaches(&cluster);
    assert_eq!(attached.len(), 1, "{attached:?}");
    let query = &attached[0].query;
    assert!(
        query.contains("stdin=true") && !query.contains("stdout=true"),
        "{query}"
    );
    let created: Value = serde_json::from_str(&pod_creations(&cluster)[0].body).unwrap();
    let container = &created["spec"]["containers"][0];
    assert_eq!(container["stdin"], true);
    assert_eq!(container["stdinOnce"], true);
    assert_eq!(container["tty"], false);
    assert!(run_pods(&cluster).is_empty());
}

#[test]
fn without_i_the_command_gets_no_stdin_and_a_file_on_ours_is_said() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    // A pipe: not read, so that a CI job's script fed through stdin is never taken.
    run(&env, &p, &["--", "sh", "-c", "cat; echo done"])
        .success()
        .stdout_is("done\n")
        .never_shows("stdin is a file");
    // A file: not read either, and said.
    let script = p.join("script.py");
    std::fs::write(&script, "print('hello')\n").unwrap();
    let out = env
        .cmd_in(&p, &["run", "--", "sh", "-c", "cat; echo done"])
        .stdin(std::fs::File::open(&script).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("add -i to send it"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // With -i the same file is the command's.
    let out = env
        .cmd_in(&p, &["run", "-i", "--", "sh", "-c", "cat; echo done"])
        .stdin(std::fs::File::open(&script).unwrap())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "print('hello')\ndone\n"
    );
    assert_eq!(attaches(&cluster).len(), 1);
}

/// A command that does not read its stdin ends as it would without -i, even when ours stays
/// open (a CI runner's pipe that never closes).
#[test]
fn with_i_a_command_that_never_reads_ends_though_our_stdin_stays_open() {
    let env = TestEnv::new();
    let p = linked(&env);
    let _cluster = cluster(&env, &p);
    let mut child = env
        .cmd_in(&p, &["run", "-i", "--", "sh", "-c", "echo quick; exit 5"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _open = child.stdin.take();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "run -i still waits on a stdin the command never reads"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "quick\n");
}

#[test]
fn with_i_and_no_right_to_attach_the_refusal_names_the_grant_and_the_pod_goes() {
    let env = TestEnv::new();
    let p = linked(&env);
    let cluster = cluster(&env, &p);
    cluster.deny("create", "pods/attach");
    Outcome::of(env.cmd_in(&p, &["run", "-i", "--", "cat"]), Some(b"x\n"))
        .code(4)
        .stderr_has("`create` on pods/attach");
    assert!(run_pods(&cluster).is_empty());
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
