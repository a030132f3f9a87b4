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
