//! `cron add|remove|list` (issue 15) as the real binary against a real sshd: each change is one
//! commit of app.yaml with the customer's comments and key order kept; bad input is exit 3 with
//! nothing committed; `list` says each schedule in words and when it runs next.

use std::path::Path;

use crate::support::TestEnv;
use crate::support::git_servers::{APP_YAML, SshServer, git, keygen};

fn user(server: &SshServer, bare: &Path) -> TestEnv {
    let mut env = TestEnv::new();
    // `cron list` shows times in the user's zone; the assertions are in UTC.
    env.env("TZ", "UTC");
    env.write(
        "work/ungleich-django.yaml",
        format!(
            "app: shop\nnamespace: shop\ndeploy:\n  repo: {}\n  branch: main\n  path: .\n",
            server.url(bare)
        ),
    );
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    env
}

fn app_yaml(bare: &Path) -> String {
    git(bare, &["show", "main:app.yaml"])
}

fn subjects(bare: &Path) -> Vec<String> {
    git(bare, &["log", "--format=%s", "main"])
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_nightly_command_is_one_line_one_commit_and_listed_with_its_next_runs() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user(&server, &bare);
    let out = env.run(&[
        "cron",
        "add",
        "sessions",
        "0 3 * * *",
        "--no-wait",
        "-o",
        "json",
        "--",
        "python",
        "manage.py",
        "clearsessions",
    ]);
    out.success();
    assert_eq!(out.json()["pushed"], true);
    assert_eq!(
        app_yaml(&bare),
        format!(
            "{APP_YAML}cron:\n  - name: sessions\n    schedule: \"0 3 * * *\"\n    command: [\"python\", \"manage.py\", \"clearsessions\"]\n"
        )
    );
    env.run(&[
        "cron",
        "add",
        "import",
        "30 2 * * mon-fri",
        "--time-zone",
        "Europe/Zurich",
        "--run-timeout",
        "1h",
        "--no-wait",
        "--",
        "python",
        "manage.py",
        "import",
    ])
    .success()
    .stderr_has("cron add import");
    assert_eq!(
        subjects(&bare),
        [
            "cron add import: 30 2 * * mon-fri `python manage.py import`",
            "cron add sessions: 0 3 * * * `python manage.py clearsessions`",
            "initial"
        ]
    );

    let out = env.run(&["cron", "list", "-o", "json"]);
    out.success();
    let json = out.json();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["name"], "sessions");
    assert_eq!(entries[0]["cronjob"], "shop-cron-sessions");
    assert_eq!(entries[0]["description"], "at 03:00 every day");
    let next = entries[0]["next_runs"].as_array().unwrap();
    assert_eq!(next.len(), 3);
    for run in next {
        assert!(run.as_str().unwrap().contains("T03:00:00+00:00"), "{run}");
    }
    assert_eq!(entries[1]["time_zone"], "Europe/Zurich");
    assert_eq!(entries[1]["timeout"], "1h");
    assert_eq!(
        entries[1]["description"],
        "at 02:30 on Monday, Tuesday, Wednesday, Thursday, Friday"
    );
    // 02:30 in Zurich is 01:30 UTC in winter, 00:30 in summer.
    for run in entries[1]["next_runs"].as_array().unwrap() {
        let run = run.as_str().unwrap();
        assert!(
            run.contains("T01:30:00+00:00") || run.contains("T00:30:00+00:00"),
            "{run}"
        );
    }
    env.run(&["cron", "list"])
        .success()
        .stdout_has("sessions  0 3 * * *  at 03:00 every day\n  command  python manage.py clearsessions\n  next     ");

    env.run(&["cron", "remove", "sessions", "--no-wait"])
        .success();
    let text = app_yaml(&bare);
    assert!(!text.contains("sessions"), "{text}");
    assert!(text.starts_with(APP_YAML), "{text}");
    env.run(&["cron", "remove", "import", "--no-wait"])
        .success();
    assert_eq!(app_yaml(&bare), APP_YAML);
    assert_eq!(subjects(&bare)[0], "cron remove import");
}

#[test]
fn bad_entries_are_refused_with_exit_3_and_nothing_committed() {
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user(&server, &bare);
    let cases: [(&[&str], &str); 6] = [
        (
            &["cron", "add", "a", "0 25 * * *", "--", "x"],
            "the hour field has 25, outside 0-23",
        ),
        (
            &["cron", "add", "a", "@every 5m", "--", "x"],
            "is not a schedule",
        ),
        (
            &["cron", "add", "Nightly", "@daily", "--", "x"],
            "may contain only lowercase",
        ),
        (
            &["cron", "add", "a", "@daily", "--", ""],
            "the command must name a program",
        ),
        (
            &[
                "cron",
                "add",
                "a",
                "@daily",
                "--time-zone",
                "Mars/Base",
                "--",
                "x",
            ],
            "Mars/Base",
        ),
        (
            &[
                "cron",
                "add",
                "a",
                "@daily",
                "--component",
                "async",
                "--",
                "x",
            ],
            "needs the worker",
        ),
    ];
    for (args, needle) in cases {
        env.run(args).code(3).stdout_is("").stderr_has(needle);
    }
    env.run(&["cron", "add", "a", "@daily", "--no-wait", "--", "x"])
        .success();
    env.run(&["cron", "add", "a", "@hourly", "--no-wait", "--", "y"])
        .code(3)
        .stderr_has("app.yaml already has a cron entry `a`");
    env.run(&["cron", "remove", "b", "--no-wait"])
        .code(3)
        .stderr_has("app.yaml has no cron entry `b`")
        .stderr_has("its entries: a");
    assert_eq!(
        subjects(&bare).len(),
        2,
        "only the one good add was committed"
    );
    // A missing command is a usage error (2), as clap says.
    env.run(&["cron", "add", "a", "@daily"]).code(2);
}

mod run_now {
    use serde_json::{Value, json};

    use crate::support::apiserver::{ApiServer, Kubelet, objects};
    use crate::support::{Outcome, TestEnv};

    const IMAGE: &str = "registry.example.com/acme/shop:2";
    const DIGEST: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// The pods `cron run` created, as it sent them.
    fn created_pods(cluster: &ApiServer) -> Vec<Value> {
        cluster
            .requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/pods"))
            .map(|r| serde_json::from_str(&r.body).unwrap())
            .collect()
    }

    fn linked(env: &TestEnv) -> std::path::PathBuf {
        env.write(
            "work/p/ungleich-django.yaml",
            "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
        );
        env.work().join("p")
    }

    /// The CronJob as the chart renders it (tests/it/chart.rs holds the chart to this shape).
    fn cronjob(entry: &str, command: &[&str], deadline: Option<u64>) -> Value {
        let labels = json!({
            "app.kubernetes.io/component": "cron",
            "app.kubernetes.io/managed-by": "ungleich-django",
            "ungleich.ch/app": "shop",
            "ungleich.ch/cron": entry,
        });
        let mut job = json!({
            "backoffLimit": 0,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "restartPolicy": "Never",
                    "containers": [{
                        "name": "cron",
                        "image": "registry.example.com/acme/shop:2",
                        "command": command,
                        "env": [{"name": "UNGLEICH_COMPONENT", "value": "cron"}],
                        "envFrom": [{"secretRef": {"name": "shop-env", "optional": true}}],
                    }],
                },
            },
        });
        if let Some(seconds) = deadline {
            job["activeDeadlineSeconds"] = json!(seconds);
        }
        json!({
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": {"name": format!("shop-cron-{entry}"), "namespace": "shop",
                         "labels": {"app.kubernetes.io/instance": "shop"}},
            "spec": {"schedule": "@daily", "concurrencyPolicy": "Forbid",
                     "jobTemplate": {"metadata": {"labels": labels}, "spec": job}},
        })
    }

    fn cron_run(env: &TestEnv, p: &std::path::Path, name: &str) -> Outcome {
        Outcome::of(env.cmd_in(p, &["cron", "run", name]), None)
    }

    /// `cron run` starts the CronJob's command now, streams it, returns its exit code, and leaves
    /// no pod behind; the pod is a scheduled run's, never part of the release.
    #[test]
    fn a_run_now_streams_and_returns_the_commands_exit_code() {
        let env = TestEnv::new();
        let p = linked(&env);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(&env);
        cluster.kubelet(Kubelet::new(&p));
        cluster.apply(cronjob(
            "nightly",
            &["sh", "-c", "echo importing as $UNGLEICH_COMPONENT; exit 42"],
            Some(600),
        ));
        cluster.apply(cronjob("sessions", &["sh", "-c", "echo done"], None));
        cron_run(&env, &p, "nightly")
            .code(42)
            .stdout_is("importing as cron\n")
            .stderr_has("started shop-cron-nightly-");
        cron_run(&env, &p, "sessions").success().stdout_is("done\n");
        let created: Vec<Value> = cluster
            .requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/pods"))
            .map(|r| serde_json::from_str(&r.body).unwrap())
            .collect();
        assert_eq!(created.len(), 2);
        let pod = &created[0];
        let labels = &pod["metadata"]["labels"];
        assert_eq!(labels["app.kubernetes.io/component"], "cron");
        assert_eq!(labels["ungleich.ch/cron"], "nightly");
        assert!(labels["app.kubernetes.io/instance"].is_null(), "{labels}");
        assert_eq!(pod["spec"]["activeDeadlineSeconds"], 600);
        assert_eq!(pod["spec"]["restartPolicy"], "Never");
        // No pod of the app reports a digest: the tag is what there is. No terminal here.
        let container = &pod["spec"]["containers"][0];
        assert_eq!(container["image"], IMAGE);
        assert_eq!(container["tty"], false);
        assert_eq!(container["stdin"], false);
        assert_eq!(
            pod["metadata"]["annotations"]["ungleich.ch/run-from"],
            "cronjob/shop-cron-nightly"
        );
        assert!(
            cluster.list("v1", "Pod", "shop").is_empty(),
            "pods left behind"
        );
    }

    /// A tag may have moved since the web pods pulled it: the run uses the digest they run, so
    /// it runs exactly the deployed code; a pod on another image does not count.
    #[test]
    fn a_run_now_uses_the_digest_the_apps_pods_run() {
        let env = TestEnv::new();
        let p = linked(&env);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(&env);
        cluster.kubelet(Kubelet::new(&p));
        let mut old =
            objects::running_web_pod("shop", "0", "x2kq4", "registry.example.com/acme/shop:1");
        old["status"]["containerStatuses"][0]["imageID"] = json!(
            "registry.example.com/acme/shop@sha256:1111111111111111111111111111111111111111111111111111111111111111"
        );
        cluster.apply(old);
        let mut web = objects::running_web_pod("shop", "1", "m8ztw", IMAGE);
        web["status"]["containerStatuses"][0]["imageID"] = json!(format!(
            "docker-pullable://registry.example.com/acme/shop@{DIGEST}"
        ));
        cluster.apply(web);
        cluster.apply(cronjob("sessions", &["sh", "-c", "echo done"], None));
        cron_run(&env, &p, "sessions")
            .success()
            .stdout_is("done\n")
            .stderr_has(&format!("(registry.example.com/acme/shop@{DIGEST})"));
        let created = created_pods(&cluster);
        assert_eq!(
            created[0]["spec"]["containers"][0]["image"],
            format!("registry.example.com/acme/shop@{DIGEST}")
        );
    }

    /// A person at a terminal gets the command's terminal, as under `run`: it can ask, and its
    /// exit code is still ours.
    #[test]
    fn on_a_terminal_a_run_now_gets_the_commands_terminal() {
        let env = TestEnv::new();
        let p = linked(&env);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(&env);
        cluster.kubelet(Kubelet::new(&p));
        cluster.apply(cronjob(
            "ask",
            &[
                "sh",
                "-c",
                "printf 'name? '; read n; echo \"hello $n\"; exit 7",
            ],
            None,
        ));
        let session = crate::support::terminal::converse(
            &env,
            &p,
            &["cron", "run", "ask"],
            &[("name? ", "Ada")],
        );
        assert_eq!(session.code, Some(7), "{}", session.output);
        assert!(session.output.contains("hello Ada"), "{}", session.output);
        let created = created_pods(&cluster);
        let container = &created[0]["spec"]["containers"][0];
        assert_eq!(container["tty"], true);
        assert_eq!(container["stdin"], true);
        assert!(
            cluster
                .list("v1", "Pod", "shop")
                .iter()
                .all(|pod| pod["metadata"]["labels"]["ungleich.ch/cron"] != "ask"),
            "the run's pod is left behind"
        );
    }

    #[test]
    fn an_entry_without_its_cronjob_is_exit_3_and_creates_nothing() {
        let env = TestEnv::new();
        let p = linked(&env);
        let cluster = ApiServer::start();
        cluster.write_kubeconfig(&env);
        cron_run(&env, &p, "nightly")
            .code(3)
            .stdout_is("")
            .stderr_has("there is no CronJob shop-cron-nightly in namespace shop")
            .stderr_has("cron list");
        cron_run(&env, &p, "Bad_Name").code(3);
        assert!(
            !cluster.requests().iter().any(|r| r.method == "POST"),
            "nothing is created"
        );
    }
}

/// `cron list` says how each entry's newest run went, from the cluster's Jobs, and gets through
/// with the RBAC example's Roles alone.
#[test]
fn list_shows_the_last_run_of_each_entry_from_the_cluster() {
    use crate::support::apiserver::{ApiServer, Rule};
    use serde_json::json;
    let server = SshServer::start();
    let bare = server.repo("shop");
    let env = user(&server, &bare);
    for (name, schedule) in [
        ("sessions", "@daily"),
        ("import", "0 3 * * *"),
        ("mail", "@hourly"),
    ] {
        env.run(&["cron", "add", name, schedule, "--no-wait", "--", "true"])
            .success();
    }
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let job = |name: &str, entry: &str, created: &str, status: serde_json::Value| {
        json!({
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": name, "namespace": "shop", "creationTimestamp": created,
                "labels": {"app.kubernetes.io/component": "cron", "ungleich.ch/app": "shop",
                           "ungleich.ch/cron": entry}},
            "spec": {"template": {"spec": {"restartPolicy": "Never",
                "containers": [{"name": "cron", "image": "x"}]}}},
            "status": status,
        })
    };
    cluster.apply(job(
        "shop-cron-sessions-1",
        "sessions",
        "2026-12-05T00:00:00Z",
        json!({
        "startTime": "2026-12-05T00:00:01Z", "failed": 1,
        "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                        "lastTransitionTime": "2026-12-05T00:00:09Z"}]}),
    ));
    cluster.apply(job(
        "shop-cron-sessions-2",
        "sessions",
        "2026-12-06T00:00:00Z",
        json!({
        "startTime": "2026-12-06T00:00:01Z", "completionTime": "2026-12-06T00:00:43Z",
        "succeeded": 1,
        "conditions": [{"type": "Complete", "status": "True"}]}),
    ));
    cluster.apply(job(
        "shop-cron-import-1",
        "import",
        "2026-12-06T03:00:00Z",
        json!({
        "startTime": "2026-12-06T03:00:00Z", "failed": 1,
        "conditions": [{"type": "Failed", "status": "True", "reason": "DeadlineExceeded",
                        "lastTransitionTime": "2026-12-06T04:00:00Z"}]}),
    ));
    let rbac = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("chart/examples/rbac.yaml"),
    )
    .unwrap();
    assert!(rbac.contains("resources: [jobs]\n    verbs: [list]"));
    cluster.authorize_with(vec![Rule {
        namespace: "shop".to_owned(),
        api_groups: vec!["batch".to_owned()],
        resources: vec!["jobs".to_owned()],
        verbs: vec!["list".to_owned()],
        resource_names: vec![],
    }]);
    let out = env.run(&["cron", "list", "-o", "json"]);
    out.success().stderr_is("");
    let json = out.json();
    let sessions = &json[0]["last_run"];
    assert_eq!(sessions["job"], "shop-cron-sessions-2");
    assert_eq!(sessions["result"], "succeeded");
    assert_eq!(sessions["duration_seconds"], 42);
    let import = &json[1]["last_run"];
    assert_eq!(import["result"], "failed");
    assert_eq!(import["reason"], "DeadlineExceeded");
    assert_eq!(import["duration_seconds"], 3600);
    assert!(json[2]["last_run"].is_null());
    assert_eq!(cluster.forbidden(), Vec::<String>::new());
    env.run(&["cron", "list"])
        .success()
        .stdout_has("  last     succeeded at 2026-12-06 00:00 UTC in 42s (shop-cron-sessions-2)\n")
        .stdout_has("  last     FAILED (DeadlineExceeded) at 2026-12-06 04:00 UTC in 3600s (shop-cron-import-1); its output: `ungleich-django logs --cron import`\n");
}

/// `logs --cron NAME` shows the newest run's output (a scheduled run's or a run now's); with no
/// run left it says so and exits 6.
#[test]
fn logs_cron_shows_the_newest_runs_output() {
    use crate::support::apiserver::{ApiServer, Kubelet};
    use serde_json::json;
    let env = TestEnv::new();
    env.write(
        "work/p/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: .\n  branch: main\n  path: deploy\n",
    );
    let p = env.work().join("p");
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.kubelet(Kubelet::new(&p));
    let logs = |args: &[&str]| {
        let mut all = vec!["logs"];
        all.extend_from_slice(args);
        crate::support::Outcome::of(env.cmd_in(&p, &all), None)
    };
    logs(&["--cron", "nightly"])
        .code(6)
        .stderr_has("no run of cron entry `nightly` of shop is left in namespace shop")
        .stderr_has("cron run nightly");
    // A scheduled run's pod, as the CronJob controller makes it: container `cron`.
    cluster.apply(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "shop-cron-nightly-29420000-abcde", "namespace": "shop",
            "labels": {"app.kubernetes.io/component": "cron", "ungleich.ch/app": "shop",
                       "ungleich.ch/cron": "nightly"}},
        "spec": {"restartPolicy": "Never", "containers": [{"name": "cron", "image": "x",
            "command": ["sh", "-c", "echo imported 12 orders"]}]},
    }));
    // The kubelet runs it; its output stays readable once it has ended.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let out = logs(&["--cron", "nightly"]);
        if out.stdout == "imported 12 orders\n" || std::time::Instant::now() > deadline {
            out.success().stdout_is("imported 12 orders\n");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    logs(&["--cron", "nightly", "--run", "x"]).code(2);
}

/// `status` lists the cron entries with how each one's last run went, and a failing one is a
/// warning, not the release's verdict (the exit code stays the release's).
#[test]
fn status_lists_the_entries_and_warns_of_a_failing_one() {
    use crate::support::apiserver::{ApiServer, objects};
    use serde_json::json;
    let env = TestEnv::new();
    env.write("work/p/manage.py", "import os\n");
    env.write("work/p/proj/__init__.py", "");
    env.write("work/p/proj/settings.py", "");
    env.write("work/p/proj/wsgi.py", "application = None\n");
    env.write("work/p/requirements.txt", "django\ngunicorn\n");
    let p = env.work().join("p");
    let image = "registry.example.com/acme/shop:1";
    let run = |args: &[&str]| crate::support::Outcome::of(env.cmd_in(&p, args), None);
    run(&["init", "--yes", "--app", "shop", "--image", image]).success();
    run(&[
        "cron",
        "add",
        "sessions",
        "@daily",
        "--no-wait",
        "--",
        "true",
    ])
    .success();
    run(&[
        "cron",
        "add",
        "import",
        "0 3 * * *",
        "--no-wait",
        "--",
        "false",
    ])
    .success();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(objects::web_deployment("shop", image, 1));
    cluster.apply(objects::running_web_pod("shop", "h1", "aaaaa", image));
    cluster.apply(json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "shop-cron-import-29420000", "namespace": "shop",
            "labels": {"app.kubernetes.io/component": "cron", "ungleich.ch/app": "shop",
                       "ungleich.ch/cron": "import"}},
        "spec": {"template": {"spec": {"restartPolicy": "Never",
            "containers": [{"name": "cron", "image": image}]}}},
        "status": {"failed": 1, "conditions": [{"type": "Failed", "status": "True",
            "reason": "BackoffLimitExceeded"}]},
    }));
    let out = run(&["status"]);
    out.success()
        .stdout_has("cron       sessions @daily: no run yet\n")
        .stdout_has("cron       import 0 3 * * *: last run FAILED (shop-cron-import-29420000)\n")
        .stderr_has("cron entry `import` failed its last run (shop-cron-import-29420000, BackoffLimitExceeded); its output: `ungleich-django logs --cron import`");
    let out = run(&["status", "-o", "json"]);
    let json = out.json();
    assert_eq!(json["cron"][1]["last_run"]["result"], "failed");
    assert!(json["cron"][0]["last_run"].is_null());
}

/// `cron add` without `--no-wait` is followed like a deploy: ArgoCD syncs the commit it made,
/// then the rollout, until the app is live at that revision.
#[test]
fn cron_add_is_followed_until_argocd_has_synced_its_commit() {
    use std::time::Duration;

    use crate::release::{cluster, git_head, project};
    use crate::support::apiserver::objects;

    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    let before = git_head(&p);
    cluster.apply(objects::application("shop", "Synced", &before, "Healthy"));
    cluster.apply(objects::running_web_pod(
        "shop",
        "new01",
        "x2kq4",
        "registry.example.com/acme/shop:2",
    ));
    cluster
        .scenario()
        .after_request(|r| r.method == "PATCH" && r.path.ends_with("/applications/shop"))
        .after(Duration::from_millis(150))
        .application_at_head("shop", &p, "Synced", "Progressing")
        .after(Duration::from_millis(150))
        .deployment_rolled_out("shop-web", "new01")
        .start();
    let out = crate::support::Outcome::of(
        env.cmd_in(
            &p,
            &[
                "cron",
                "add",
                "sessions",
                "@daily",
                "--",
                "python",
                "manage.py",
                "clearsessions",
            ],
        ),
        None,
    );
    let head = git_head(&p);
    assert_ne!(head, before, "nothing was committed");
    out.success()
        .stderr_has("committed \"cron add sessions: @daily `python manage.py clearsessions`\"")
        .stderr_has(&format!(
            "ArgoCD synced {} (health: Progressing)\n",
            &head[..7]
        ))
        .stderr_has(&format!("✓ shop is live at revision {}", &head[..7]));
    let spec = std::fs::read_to_string(p.join("deploy/app.yaml")).unwrap();
    assert!(spec.contains("  - name: sessions\n"), "{spec}");
}
