//! Tables of what the project declares and what each becomes.

use super::*;

fn evidence(line: usize, found: &str) -> Evidence {
    Evidence {
        file: "f".to_owned(),
        line: Some(line),
        found: found.to_owned(),
    }
}

fn argv(words: &str) -> Vec<String> {
    words.split(' ').map(str::to_owned).collect()
}

/// A finding in short: `Ok((name, schedule, argv, management))` or `Err(reason's start)`.
type Short = Result<(String, String, Vec<String>, bool), String>;

fn short(finding: &CronFinding) -> Short {
    match &finding.verdict {
        CronVerdict::Entry {
            name,
            schedule,
            command,
            management,
            ..
        } => Ok((name.clone(), schedule.clone(), command.clone(), *management)),
        CronVerdict::Refused { reason, .. } => Err(reason.clone()),
    }
}

fn entry(name: &str, schedule: &str, command: &str, management: bool) -> Short {
    Ok((
        name.to_owned(),
        schedule.to_owned(),
        argv(command),
        management,
    ))
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

#[test]
fn django_crontab_jobs_in_their_spellings() {
    let cases: &[(&str, Short)] = &[
        (
            "('0 0 * * *', 'django.core.management.call_command', ['clearsessions'])",
            entry(
                "clearsessions",
                "0 0 * * *",
                "python manage.py clearsessions",
                true,
            ),
        ),
        (
            "('*/5 * * * *', 'django.core.management.call_command', ['send_mail', 'daily', 3], {'verbosity': 0, 'dry_run': True, 'interactive': False})",
            entry(
                "send-mail",
                "*/5 * * * *",
                "python manage.py send_mail daily 3 --verbosity=0 --dry-run --no-input",
                true,
            ),
        ),
        (
            "(\"@daily\", \"django.core.management.call_command\", [\"rebuild_index\"], {}, '>> /tmp/index.log')",
            entry(
                "rebuild-index",
                "@daily",
                "python manage.py rebuild_index",
                true,
            ),
        ),
        (
            "('*/5 * * * *', 'app.cron.job')",
            Err("`app.cron.job` is a Python function".to_owned()),
        ),
        (
            "('*/5 * * * *', 'app.cron.job', ['a'], {'b': 1})",
            Err("`app.cron.job` is a Python function".to_owned()),
        ),
        (
            "('61 * * * *', 'django.core.management.call_command', ['x'])",
            Err("its schedule cannot be read".to_owned()),
        ),
        (
            "(SCHEDULE, 'django.core.management.call_command', ['x'])",
            Err("its schedule or function is not written out".to_owned()),
        ),
        (
            "('0 0 * * *', 'django.core.management.call_command', [NAME])",
            Err("an argument of the command is not written out".to_owned()),
        ),
        (
            "('0 0 * * *', 'django.core.management.call_command', ['x'], {'since': now()})",
            Err("the keyword argument `since` is not written out".to_owned()),
        ),
    ];
    for (job, want) in cases {
        let finding = crontab_job(evidence(1, job), "manage.py", &python_literal::parse(job));
        let got = short(&finding);
        match (&got, want) {
            (Err(reason), Err(start)) => assert!(reason.starts_with(start), "{job}: {reason}"),
            _ => assert_eq!(&got, want, "{job}"),
        }
    }
}

#[test]
fn cronjobs_are_read_from_the_settings_file_that_sets_them_with_each_line() {
    let dir = project(&[
        (
            "manage.py",
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.production')\n",
        ),
        ("shop/__init__.py", ""),
        ("shop/settings/__init__.py", ""),
        (
            "shop/settings/base.py",
            "INSTALLED_APPS = ['django_crontab']\nCRONJOBS = [('@hourly', 'x.y')]\n",
        ),
        (
            "shop/settings/production.py",
            "from .base import *\n\n# nightly work\nCRONJOBS = [\n    ('0 3 * * *', 'django.core.management.call_command', ['clearsessions']),\n    # reminders\n    ('*/10 * * * *', 'shop.cron.remind'),\n]\n",
        ),
    ]);
    let found = detect(
        dir.path(),
        "manage.py",
        dir.path(),
        Some("shop.settings.production"),
    );
    let places: Vec<String> = found.iter().map(|f| f.evidence.to_string()).collect();
    assert_eq!(
        places,
        [
            "shop/settings/production.py:5",
            "shop/settings/production.py:7"
        ]
    );
    assert_eq!(
        found[0].evidence.found,
        "('0 3 * * *', 'django.core.management.call_command', ['clearsessions'])"
    );
    assert_eq!(
        short(&found[0]),
        entry(
            "clearsessions",
            "0 3 * * *",
            "python manage.py clearsessions",
            true
        )
    );
    assert!(short(&found[1]).is_err());
    let CronVerdict::Refused { fix, .. } = &found[1].verdict else {
        panic!("a function was offered");
    };
    assert!(
        fix.contains("cron add remind '*/10 * * * *' -- python manage.py remind"),
        "{fix}"
    );
}

#[test]
fn crontab_lines_in_their_spellings() {
    let cases: &[(&str, Short)] = &[
        (
            "0 3 * * * python manage.py clearsessions",
            entry(
                "clearsessions",
                "0 3 * * *",
                "python manage.py clearsessions",
                true,
            ),
        ),
        (
            "*/15 * * * * cd /app && /usr/local/bin/python /app/manage.py send_queued_mail --limit 50 >> /var/log/mail.log 2>&1",
            entry(
                "send-queued-mail",
                "*/15 * * * *",
                "python manage.py send_queued_mail --limit 50",
                true,
            ),
        ),
        (
            "@daily root python manage.py import_feed",
            entry(
                "import-feed",
                "@daily",
                "python manage.py import_feed",
                true,
            ),
        ),
        (
            "30 2 * * mon-fri /app/bin/backup.sh --full",
            entry(
                "backup",
                "30 2 * * mon-fri",
                "/app/bin/backup.sh --full",
                false,
            ),
        ),
        (
            "0 * * * * curl -fsS https://example.com/ping > /dev/null",
            Ok((
                "curl".to_owned(),
                "0 * * * *".to_owned(),
                vec![
                    "sh".to_owned(),
                    "-c".to_owned(),
                    "curl -fsS https://example.com/ping > /dev/null".to_owned(),
                ],
                false,
            )),
        ),
        (
            "0 5 * * * DEBUG=0 /app/bin/report",
            Ok((
                "report".to_owned(),
                "0 5 * * *".to_owned(),
                vec![
                    "sh".to_owned(),
                    "-c".to_owned(),
                    "DEBUG=0 /app/bin/report".to_owned(),
                ],
                false,
            )),
        ),
        (
            "0 3 * * * python manage.py export --to $BUCKET",
            Err("its arguments use the shell".to_owned()),
        ),
        (
            "5-1 * * * * python manage.py x",
            Err("its schedule cannot be read".to_owned()),
        ),
        (
            "@reboot python manage.py warm",
            Err("`@reboot` runs when a machine starts".to_owned()),
        ),
        ("0 3 * * *", Err("the line has no command".to_owned())),
    ];
    for (line, want) in cases {
        let finding = crontab_line(evidence(1, line), "manage.py", line);
        let got = short(&finding);
        match (&got, want) {
            (Err(reason), Err(start)) => assert!(reason.starts_with(start), "{line}: {reason}"),
            _ => assert_eq!(&got, want, "{line}"),
        }
    }
}

#[test]
fn crontab_files_skip_comments_and_variables_and_keep_lines() {
    let found = crontab(
        "deploy/app.crontab",
        "manage.py",
        "# m h dom mon dow command\nSHELL=/bin/bash\nMAILTO=\"\"\n\n0 4 * * * python manage.py clearsessions\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence.to_string(), "deploy/app.crontab:5");
    assert_eq!(found[0].source, CronSource::Crontab);
}

#[test]
fn the_crontab_files_looked_at() {
    let dir = project(&[
        ("crontab", "0 1 * * * python manage.py a\n"),
        ("ops.crontab", "0 2 * * * python manage.py b\n"),
        ("cron/nightly", "0 3 * * * python manage.py c\n"),
        ("src/crontab", "0 4 * * * python manage.py d\n"),
        ("crontab.md", "0 5 * * * python manage.py e\n"),
        ("docs/crontab", "0 6 * * * python manage.py f\n"),
    ]);
    let found = detect(dir.path(), "src/manage.py", &dir.path().join("src"), None);
    let places: Vec<String> = found.iter().map(|f| f.evidence.to_string()).collect();
    assert_eq!(
        places,
        [
            "crontab:1",
            "ops.crontab:1",
            "cron/nightly:1",
            "src/crontab:1"
        ]
    );
    // The image's working folder is the repository's top: manage.py is named from there.
    assert_eq!(
        short(&found[0]),
        entry("a", "0 1 * * *", "python src/manage.py a", true)
    );
}

#[test]
fn procfile_clocks_are_processes_not_schedules() {
    let cases = [
        (
            "clock: celery -A shop beat -l info",
            Some("run Celery beat once"),
        ),
        (
            "scheduler: python clock.py",
            Some("make each job it schedules"),
        ),
        ("beat: celery -A shop beat", Some("run Celery beat once")),
        ("web: gunicorn shop.wsgi", None),
        ("worker: celery -A shop worker", None),
    ];
    for (line, fix_start) in cases {
        let found = procfile_clock("Procfile", line);
        match fix_start {
            None => assert!(found.is_empty(), "{line}"),
            Some(start) => {
                let [finding] = found.as_slice() else {
                    panic!("{line}: {found:?}");
                };
                assert_eq!(finding.evidence.to_string(), "Procfile:1");
                let CronVerdict::Refused { reason, fix } = &finding.verdict else {
                    panic!("{line} was offered as an entry");
                };
                assert!(reason.contains("not a schedule"), "{reason}");
                assert!(fix.starts_with(start), "{line}: {fix}");
            }
        }
    }
}

#[test]
fn entry_names_become_unique_dns_labels_that_fit() {
    // (names found, names taken already, the longest a name may be, the names given)
    type Case<'a> = (&'a [&'a str], &'a [&'a str], usize, &'a [&'a str]);
    let cases: &[Case] = &[
        (&["a", "a", "a"], &[], 40, &["a", "a-2", "a-3"]),
        (
            &["clearsessions"],
            &["clearsessions"],
            40,
            &["clearsessions-2"],
        ),
        (&["send-queued-mail"], &[], 8, &["send-que"]),
        (&["send-queued"], &[], 5, &["send"]),
        (&["abcdef", "abcdef"], &[], 6, &["abcdef", "abcd-2"]),
    ];
    for (names, taken, max_len, want) in cases {
        let mut findings: Vec<CronFinding> = names
            .iter()
            .map(|name| CronFinding {
                source: CronSource::Crontab,
                evidence: evidence(1, ""),
                verdict: CronVerdict::Entry {
                    name: (*name).to_owned(),
                    schedule: "@daily".to_owned(),
                    command: argv("x"),
                    management: true,
                    note: None,
                },
            })
            .collect();
        let taken: Vec<String> = taken.iter().map(|t| (*t).to_owned()).collect();
        name_entries(&mut findings, &taken, *max_len);
        let got: Vec<String> = findings
            .iter()
            .map(|f| match &f.verdict {
                CronVerdict::Entry { name, .. } => name.clone(),
                CronVerdict::Refused { .. } => String::new(),
            })
            .collect();
        assert_eq!(&got, want, "{names:?}");
        for name in &got {
            crate::spec::validate_dns_label(name).unwrap();
        }
    }
}
