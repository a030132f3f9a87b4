//! init offers the scheduled work a project declares (issue 15, item 5): django-crontab's
//! `CRONJOBS`, a crontab file, a Procfile clock. Each finding is shown with its file and line;
//! nothing is enabled without being said; what cannot be an entry is reported with what to do.

use std::path::{Path, PathBuf};

use super::run_in;
use crate::support::TestEnv;

const MANAGE: &str = "import os, sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n";

/// Line 7 and 8 are the jobs: a management command, and a Python function.
const SETTINGS: &str = "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '').split(',')\nINSTALLED_APPS = ['django_crontab']\nCRONJOBS = [\n    ('0 3 * * *', 'django.core.management.call_command', ['clearsessions']),\n    ('*/5 * * * *', 'shop.cron.remind', '>> /tmp/remind.log'),\n]\n";

/// A project with every kind of finding: the settings' jobs, a crontab with a management
/// command behind a `cd`, another program, a schedule the CLI refuses, and a Procfile clock.
fn project(env: &TestEnv) -> PathBuf {
    let files = [
        ("manage.py", MANAGE),
        ("shop/__init__.py", ""),
        ("shop/settings.py", SETTINGS),
        ("shop/wsgi.py", "application = get_wsgi_application()\n"),
        ("requirements.txt", "django\ngunicorn\ndjango-crontab\n"),
        (
            "deploy.crontab",
            "# m h dom mon dow command\nMAILTO=ops@example.com\n30 2 * * mon-fri cd /app && python manage.py import_feed --all >> /var/log/feed.log 2>&1\n0 * * * * /app/bin/ping.sh\n0 4 31 2-1 * python manage.py never\n",
        ),
        (
            "Procfile",
            "web: gunicorn shop.wsgi\nclock: python shop/clock.py\n",
        ),
    ];
    for (path, text) in files {
        env.write(&format!("work/shop/{path}"), text);
    }
    env.work().join("shop")
}

const INIT: [&str; 9] = [
    "init",
    "--yes",
    "--app",
    "shop",
    "--deploy-repo",
    ".",
    "--deploy-path",
    "deploy/",
    "--no-async",
];

fn app_yaml(proj: &Path) -> String {
    std::fs::read_to_string(proj.join("deploy/app.yaml")).unwrap()
}

/// The `cron:` entries of app.yaml as `(name, schedule, command)`.
fn entries(proj: &Path) -> Vec<(String, String, Vec<String>)> {
    let spec: serde_json::Value = serde_saphyr::from_str(&app_yaml(proj)).unwrap();
    spec["cron"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["schedule"].as_str().unwrap().to_owned(),
                e["command"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn argv(words: &str) -> Vec<String> {
    words.split(' ').map(str::to_owned).collect()
}

#[test]
fn under_yes_init_adds_the_management_commands_and_reports_every_finding_where_it_was() {
    let env = TestEnv::new();
    let proj = project(&env);
    let out = run_in(&env, &proj, &INIT);
    out.success();
    assert_eq!(
        entries(&proj),
        [
            (
                "clearsessions".to_owned(),
                "0 3 * * *".to_owned(),
                argv("python manage.py clearsessions")
            ),
            (
                "import-feed".to_owned(),
                "30 2 * * mon-fri".to_owned(),
                argv("python manage.py import_feed --all")
            ),
        ]
    );
    let err = &out.stderr;
    // Each finding, with its file and line and what became of it.
    for line in [
        "added clearsessions: python manage.py clearsessions at 03:00 every day (shop/settings.py:7)",
        "added import-feed: python manage.py import_feed --all",
        "(deploy.crontab:3)",
        "not added ping: /app/bin/ping.sh",
        "(deploy.crontab:4)",
        "to add it: ungleich-django cron add ping '0 * * * *' -- /app/bin/ping.sh",
        "cannot add ('*/5 * * * *', 'shop.cron.remind', '>> /tmp/remind.log') (shop/settings.py:8): `shop.cron.remind` is a Python function",
        "fix: make it a management command",
        "cannot add 0 4 31 2-1 * python manage.py never (deploy.crontab:5): its schedule cannot be read",
        "cannot add clock: python shop/clock.py (Procfile:2)",
        "not a schedule",
    ] {
        let squeezed = err.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed.contains(line), "no `{line}` in:\n{err}");
    }
    assert!(
        err.contains("the rest of the line (a `cd`, an output redirection) is left out"),
        "{err}"
    );

    // A second run finds the entries in app.yaml: nothing is added twice, nothing changes.
    let again = run_in(&env, &proj, &INIT);
    again.success();
    assert_eq!(entries(&proj).len(), 2, "{}", app_yaml(&proj));
    let squeezed = again
        .stderr
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        squeezed.contains("present clearsessions"),
        "{}",
        again.stderr
    );
    assert!(
        squeezed.contains("kept deploy/app.yaml"),
        "{}",
        again.stderr
    );
}

#[test]
fn no_cron_adds_none_and_says_so() {
    let env = TestEnv::new();
    let proj = project(&env);
    let out = run_in(&env, &proj, &[&INIT[..], &["--no-cron"]].concat());
    out.success();
    assert!(entries(&proj).is_empty(), "{}", app_yaml(&proj));
    let squeezed = out.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squeezed.contains(
            "skipped clearsessions: python manage.py clearsessions at 03:00 every day (shop/settings.py:7)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        squeezed.contains("--no-cron; to add it: ungleich-django cron add clearsessions '0 3 * * *' -- python manage.py clearsessions"),
        "{}",
        out.stderr
    );
}

#[test]
fn dry_run_json_lists_each_finding_with_its_place_and_decision() {
    let env = TestEnv::new();
    let proj = project(&env);
    let before = std::fs::read_dir(&proj).unwrap().count();
    let out = run_in(
        &env,
        &proj,
        &["init", "--dry-run", "--yes", "--app", "shop", "-o", "json"],
    );
    out.success();
    assert_eq!(std::fs::read_dir(&proj).unwrap().count(), before);
    let report = out.json();
    let cron = report["cron"].as_array().expect("a cron list");
    let short: Vec<(String, String, String)> = cron
        .iter()
        .map(|c| {
            let place = format!(
                "{}:{}",
                c["evidence"]["file"].as_str().unwrap(),
                c["evidence"]["line"]
            );
            (
                place,
                c["verdict"].as_str().unwrap().to_owned(),
                c["decision"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want = [
        ("shop/settings.py:7", "entry", "added"),
        ("shop/settings.py:8", "refused", "refused"),
        ("deploy.crontab:3", "entry", "added"),
        ("deploy.crontab:4", "entry", "not-added"),
        ("deploy.crontab:5", "refused", "refused"),
        ("Procfile:2", "refused", "refused"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(short, want);
    assert_eq!(cron[0]["source"], "django-crontab");
    assert_eq!(cron[0]["management"], true);
    assert_eq!(
        cron[0]["command"],
        serde_json::json!(["python", "manage.py", "clearsessions"])
    );
    assert_eq!(cron[5]["source"], "procfile");
}

#[test]
fn on_a_terminal_each_entry_is_asked_showing_where_it_was_found() {
    let env = TestEnv::new();
    let proj = project(&env);
    let session = crate::support::terminal::converse(
        &env,
        &proj,
        &[
            "init",
            "--app",
            "shop",
            "-n",
            "shop",
            "--deploy-repo",
            ".",
            "--deploy-path",
            "deploy/",
            "--no-async",
            "--host",
            "shop.example.com",
        ],
        &[
            // Enter takes the default: yes, for a management command.
            ("Add `clearsessions`", ""),
            // dialoguer takes `n` at once; the Enter typed after it answers the next question,
            // `ping`'s, with its default: no, for a program that is not a management command.
            ("Add `import-feed`", "n"),
        ],
    );
    let output = &session.output;
    assert!(session.success, "{output}");
    assert!(output.contains("(from shop/settings.py:7)"), "{output}");
    assert!(
        output.contains("(from deploy.crontab:4; not a management command"),
        "{output}"
    );
    let names: Vec<String> = entries(&proj).into_iter().map(|(n, _, _)| n).collect();
    assert_eq!(names, ["clearsessions"]);
    let squeezed = output.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("not added import-feed"), "{output}");
    assert!(squeezed.contains("not added ping"), "{output}");
}
