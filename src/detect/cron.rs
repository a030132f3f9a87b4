//! Scheduled work the project already declares, read statically (issue 15, item 5): a
//! django-crontab `CRONJOBS` setting, a crontab file (`crontab`, `*.crontab`, `cron/*`), and a
//! Procfile `clock:`/`scheduler:` process. Each finding keeps the file and line it came from and
//! says whether it can become an entry of app.yaml `cron:` (a schedule the CLI's parser accepts
//! and a command as argv) or why not, with what to do instead. Nothing is invented: a Python
//! function or a long-running scheduler process is never turned into a guessed command.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::python_literal::{self, Literal};
use super::runs::{self, Evidence};
use super::source;
use crate::spec::cron::Schedule;

/// django-crontab's way of naming a management command as a job.
const CALL_COMMAND: &str = "django.core.management.call_command";

/// Where a finding was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CronSource {
    /// An entry of django-crontab's `CRONJOBS` setting.
    DjangoCrontab,
    /// A line of a crontab file.
    Crontab,
    /// A Procfile process.
    Procfile,
}

/// One piece of scheduled work found in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CronFinding {
    pub source: CronSource,
    pub evidence: Evidence,
    #[serde(flatten)]
    pub verdict: CronVerdict,
}

/// Whether a finding can become a `cron:` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum CronVerdict {
    /// It can: its schedule parses and its command is argv.
    Entry {
        /// A DNS label, unique among the findings once [`name_entries`] has run.
        name: String,
        schedule: String,
        command: Vec<String>,
        /// `python manage.py COMMAND`: offered with a default of yes.
        management: bool,
        /// What of the original was left out (an output redirection, a `cd`).
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// It cannot, and what to do instead.
    Refused { reason: String, fix: String },
}

impl CronFinding {
    fn refused(
        source: CronSource,
        evidence: Evidence,
        reason: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        CronFinding {
            source,
            evidence,
            verdict: CronVerdict::Refused {
                reason: reason.into(),
                fix: fix.into(),
            },
        }
    }
}

/// Every finding of the project whose repository root is `root`, manage.py `manage_py`
/// (relative to the root, as the image's working folder has it: a management command runs as
/// `python src/manage.py X` when manage.py is in `src/`), its folder `app_dir` and settings
/// module `settings_module`: the settings first, then crontab files, then the Procfile. Names
/// are not yet unique: see [`name_entries`].
#[must_use]
pub fn detect(
    root: &Path,
    manage_py: &str,
    app_dir: &Path,
    settings_module: Option<&str>,
) -> Vec<CronFinding> {
    let mut out = Vec::new();
    if let Some(module) = settings_module {
        out.extend(django_crontab(root, manage_py, app_dir, module));
    }
    for file in crontab_files(root, app_dir) {
        let text = source::read(&file);
        out.extend(crontab(&rel(root, &file), manage_py, &text));
    }
    let procfile = root.join("Procfile");
    if procfile.is_file() {
        out.extend(procfile_clock(
            &rel(root, &procfile),
            &source::read(&procfile),
        ));
    }
    out
}

/// Makes the entries' names unique and short enough: `taken` are names in use already (app.yaml's
/// entries), `max_len` the longest a name may be (the CronJob name `<app>-cron-<name>` is at
/// most 52 characters).
pub fn name_entries(findings: &mut [CronFinding], taken: &[String], max_len: usize) {
    let mut used: Vec<String> = taken.to_vec();
    for finding in findings {
        let CronVerdict::Entry { name, .. } = &mut finding.verdict else {
            continue;
        };
        let base = shorten(name, max_len);
        let mut candidate = base.clone();
        let mut n = 2;
        while used.contains(&candidate) {
            let suffix = format!("-{n}");
            candidate = format!(
                "{}{suffix}",
                shorten(&base, max_len.saturating_sub(suffix.len()))
            );
            n += 1;
        }
        used.push(candidate.clone());
        *name = candidate;
    }
}

fn shorten(name: &str, max_len: usize) -> String {
    let cut: String = name.chars().take(max_len.max(1)).collect();
    let trimmed = cut.trim_end_matches('-');
    if trimmed.is_empty() {
        "job".chars().take(max_len.max(1)).collect()
    } else {
        trimmed.to_owned()
    }
}

/// A DNS label made of a command's name: `send_reminders` → `send-reminders`.
fn label(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').chars().take(63).collect::<String>();
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "job".to_owned()
    } else {
        out
    }
}

/// The finding that says why the CronJob controller would not read `schedule`; `None` when it
/// would.
fn refused_schedule(
    source: CronSource,
    evidence: &Evidence,
    schedule: &str,
) -> Option<CronFinding> {
    Schedule::parse(schedule).err().map(|reason| {
        CronFinding::refused(
            source,
            evidence.clone(),
            format!("its schedule cannot be read: {reason}"),
            "write it as five fields (minute hour day-of-month month day-of-week) and add it with `ungleich-django cron add NAME 'SCHEDULE' -- COMMAND...`",
        )
    })
}

/// `CRONJOBS` in the settings: the last assignment the settings end with, each job with the line
/// it is written on.
fn django_crontab(root: &Path, manage_py: &str, app_dir: &Path, module: &str) -> Vec<CronFinding> {
    let text = super::settings::settings_text(app_dir, module);
    let Some(rhs) = source::assignment_rhs(&text, "CRONJOBS") else {
        return Vec::new();
    };
    let (file, line) = assignment_line(root, app_dir, module, &rhs);
    let Literal::Seq(jobs) = python_literal::parse(&rhs) else {
        let evidence = Evidence {
            file,
            line,
            found: format!("CRONJOBS ={}", first_line(&rhs)),
        };
        return vec![CronFinding::refused(
            CronSource::DjangoCrontab,
            evidence,
            "CRONJOBS is not a list written out in the settings, so its jobs cannot be read",
            "add each job with `ungleich-django cron add NAME 'SCHEDULE' -- python manage.py COMMAND`",
        )];
    };
    jobs.into_iter()
        .map(|(at, job)| {
            let evidence = Evidence {
                file: file.clone(),
                line: line.map(|l| l + rhs[..at].matches('\n').count()),
                found: first_line(&rhs[at..])
                    .trim()
                    .trim_end_matches(',')
                    .to_owned(),
            };
            crontab_job(evidence, manage_py, &job)
        })
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The settings file (relative to `root`) and line where `CRONJOBS = <rhs>` is written.
fn assignment_line(
    root: &Path,
    app_dir: &Path,
    module: &str,
    rhs: &str,
) -> (String, Option<usize>) {
    let assignment = regex::Regex::new(r"(?m)^CRONJOBS\s*(?::[^=\n]+)?=").expect("valid pattern");
    let files = super::settings::settings_files(app_dir, module);
    for file in &files {
        let text = source::read(file);
        let found = assignment
            .find_iter(&text)
            .filter(|m| text[m.end()..].starts_with(rhs))
            .last();
        if let Some(m) = found {
            return (
                rel(root, file),
                Some(text[..m.start()].matches('\n').count() + 1),
            );
        }
    }
    (
        files
            .first()
            .map_or_else(|| module.to_owned(), |f| rel(root, f)),
        None,
    )
}

/// One django-crontab job: `(schedule, 'dotted.function', [args], {kwargs}, 'suffix')`, the
/// last three optional, a string in the third place being the suffix.
fn crontab_job(evidence: Evidence, manage_py: &str, job: &Literal) -> CronFinding {
    let source = CronSource::DjangoCrontab;
    let unreadable = |what: &str| {
        CronFinding::refused(
            source,
            evidence.clone(),
            format!(
                "{what} is not written out as a literal, so it cannot be read without running the settings"
            ),
            "add the job with `ungleich-django cron add NAME 'SCHEDULE' -- python manage.py COMMAND`",
        )
    };
    let Literal::Seq(items) = job else {
        return unreadable("the job");
    };
    let mut items = items.iter().map(|(_, item)| item);
    let (Some(Literal::Str(schedule)), Some(Literal::Str(function))) = (items.next(), items.next())
    else {
        return unreadable("its schedule or function");
    };
    let rest: Vec<&Literal> = items.collect();
    let suffix = rest.iter().find_map(|item| item.as_str());
    let args = rest.iter().find(|item| matches!(item, Literal::Seq(_)));
    let kwargs = rest.iter().find(|item| matches!(item, Literal::Dict(_)));
    if let Some(refused) = refused_schedule(source, &evidence, schedule) {
        return refused;
    }
    if function != CALL_COMMAND {
        let short = function.rsplit('.').next().unwrap_or(function);
        return CronFinding::refused(
            source,
            evidence,
            format!(
                "`{function}` is a Python function; a scheduled run is a command, not a function call"
            ),
            format!(
                "make it a management command (a `{short}` command in one of your apps' management/commands/ that calls it), then `ungleich-django cron add {} '{schedule}' -- python manage.py {short}`",
                label(short)
            ),
        );
    }
    let words = match call_command_words(args.copied(), kwargs.copied()) {
        Ok(words) => words,
        Err(what) => return unreadable(&what),
    };
    let mut command = vec!["python".to_owned(), manage_py.to_owned()];
    command.extend(words);
    CronFinding {
        source,
        evidence,
        verdict: CronVerdict::Entry {
            name: label(&command[2]),
            schedule: schedule.clone(),
            command,
            management: true,
            note: suffix.map(|s| {
                format!("its suffix `{s}` is left out: `ungleich-django logs --cron NAME` shows a run's output")
            }),
        },
    }
}

/// `call_command`'s arguments as `manage.py`'s: the command, its positional arguments, then each
/// keyword as its option (`verbosity=0` → `--verbosity=0`, `interactive=False` → `--no-input`).
fn call_command_words(
    args: Option<&Literal>,
    kwargs: Option<&Literal>,
) -> Result<Vec<String>, String> {
    let Some(Literal::Seq(args)) = args else {
        return Err("the management command's name".to_owned());
    };
    let mut words = Vec::new();
    for (_, arg) in args {
        words.push(match arg {
            Literal::Str(s) | Literal::Number(s) => s.clone(),
            _ => return Err("an argument of the command".to_owned()),
        });
    }
    if words.is_empty() {
        return Err("the management command's name".to_owned());
    }
    if let Some(Literal::Dict(entries)) = kwargs {
        for (key, value) in entries {
            let Some(key) = key.as_str() else {
                return Err("a keyword argument".to_owned());
            };
            let option = key.replace('_', "-");
            match (key, value) {
                ("interactive", Literal::Bool(false)) => words.push("--no-input".to_owned()),
                (_, Literal::Bool(true)) => words.push(format!("--{option}")),
                (_, Literal::Str(v) | Literal::Number(v)) => words.push(format!("--{option}={v}")),
                _ => return Err(format!("the keyword argument `{key}`")),
            }
        }
    }
    Ok(words)
}

/// The crontab files of the project: `crontab`, `*.crontab` and the files in `cron/`, at the
/// root and in manage.py's folder.
fn crontab_files(root: &Path, app_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [root, app_dir] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n == "crontab" || n.ends_with(".crontab"))
            })
            .collect();
        found.sort();
        let mut folder: Vec<PathBuf> = std::fs::read_dir(dir.join("cron"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        folder.sort();
        found.extend(folder);
        for file in found {
            if !out.contains(&file) {
                out.push(file);
            }
        }
    }
    out
}

/// The users a system crontab (`/etc/cron.d` style) names before the command.
const CRONTAB_USERS: &[&str] = &["root", "www-data", "app", "django", "nobody", "ubuntu"];

/// The lines of a crontab file that schedule something (`SCHEDULE COMMAND`); variables, comments
/// and blank lines are not.
fn crontab(file: &str, manage_py: &str, text: &str) -> Vec<CronFinding> {
    let variable = regex::Regex::new(r"^[A-Za-z_][A-Za-z0-9_]*\s*=").expect("valid pattern");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || variable.is_match(line) {
            continue;
        }
        let evidence = Evidence {
            file: file.to_owned(),
            line: Some(n + 1),
            found: line.to_owned(),
        };
        out.push(crontab_line(evidence, manage_py, line));
    }
    out
}

fn crontab_line(evidence: Evidence, manage_py: &str, line: &str) -> CronFinding {
    let source = CronSource::Crontab;
    let fields = if line.starts_with('@') { 1 } else { 5 };
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() <= fields {
        return CronFinding::refused(
            source,
            evidence,
            "the line has no command after its schedule",
            "write it as `SCHEDULE COMMAND`",
        );
    }
    if words[0] == "@reboot" {
        return CronFinding::refused(
            source,
            evidence,
            "`@reboot` runs when a machine starts, not on a schedule",
            "run it in /init (once per release) or in /run before the server starts",
        );
    }
    let schedule = words[..fields].join(" ");
    if let Some(refused) = refused_schedule(source, &evidence, &schedule) {
        return refused;
    }
    // The command is the rest of the line as written, after the schedule's fields.
    let mut rest = line;
    for word in &words[..fields] {
        rest = rest.trim_start()[word.len()..].trim_start();
    }
    let first = rest.split_whitespace().next().unwrap_or("");
    if CRONTAB_USERS.contains(&first) && rest.split_whitespace().count() > 1 {
        rest = rest[first.len()..].trim_start();
    }
    let verdict = match management_command(rest, manage_py) {
        Some(Ok(ManagementCommand { command, note })) => CronVerdict::Entry {
            name: label(&command[2]),
            schedule,
            command,
            management: true,
            note,
        },
        Some(Err(reason)) => {
            return CronFinding::refused(
                source,
                evidence,
                reason,
                "add it with `ungleich-django cron add NAME 'SCHEDULE' -- python manage.py COMMAND ARGS...`, the values written out",
            );
        }
        None => plain_command(schedule, rest),
    };
    CronFinding {
        source,
        evidence,
        verdict,
    }
}

/// A crontab line's management command as argv, and what of the line was left out.
struct ManagementCommand {
    command: Vec<String>,
    note: Option<String>,
}

/// `... python manage.py X ARGS >> log 2>&1` as `python manage.py X ARGS`, and what was left
/// out; `None` when no segment of the line runs manage.py; an error when its arguments need a
/// shell.
fn management_command(line: &str, manage_py: &str) -> Option<Result<ManagementCommand, String>> {
    let segments = runs::segments(line);
    let segment = segments.iter().find(|s| s.contains("manage.py"))?;
    let words = runs::split_words(segment);
    let start = words.iter().position(|w| w.ends_with("manage.py"))?;
    let mut args = Vec::new();
    let mut redirected = false;
    for word in &words[start + 1..] {
        if word.starts_with(['>', '<']) || word.contains('>') {
            redirected = true;
            break;
        }
        args.push(word.clone());
    }
    if args.is_empty() {
        return Some(Err("it runs manage.py without a command".to_owned()));
    }
    if args.iter().any(|a| a.contains(['$', '`', '*', '?'])) {
        return Some(Err(
            "its arguments use the shell (`$VARIABLE`, `*`, backquotes), which a command run without a shell does not expand".to_owned(),
        ));
    }
    let others = segments.len() > 1;
    let note = match (others, redirected) {
        (false, false) => None,
        (true, false) => Some(
            "the rest of the line (a `cd`, another command) is left out: the command runs in the image's working folder",
        ),
        (false, true) => Some(
            "its output redirection is left out: `ungleich-django logs --cron NAME` shows a run's output",
        ),
        (true, true) => Some(
            "the rest of the line (a `cd`, an output redirection) is left out: the command runs in the image's working folder and `ungleich-django logs --cron NAME` shows its output",
        ),
    };
    let mut command = vec!["python".to_owned(), manage_py.to_owned()];
    command.extend(args);
    Some(Ok(ManagementCommand {
        command,
        note: note.map(str::to_owned),
    }))
}

/// A command that is not a management command: offered as written (through `sh -c` when it uses
/// the shell), with a default of no.
fn plain_command(schedule: String, rest: &str) -> CronVerdict {
    // `NAME=value program` sets a variable for the program, which only a shell does.
    let assigns = rest
        .split_whitespace()
        .next()
        .is_some_and(|word| word.contains('='));
    let shell = assigns || rest.contains(['|', '&', ';', '<', '>', '$', '`', '*', '?', '"', '\'']);
    let command = if shell {
        vec!["sh".to_owned(), "-c".to_owned(), rest.to_owned()]
    } else {
        rest.split_whitespace().map(str::to_owned).collect()
    };
    let program = rest
        .split_whitespace()
        .find(|word| !word.contains('='))
        .unwrap_or("job");
    let name = program
        .rsplit('/')
        .next()
        .unwrap_or(program)
        .split('.')
        .next()
        .unwrap_or(program);
    CronVerdict::Entry {
        name: label(name),
        schedule,
        command,
        management: false,
        note: Some(
            "not a management command: it runs in the web image as written, which must have the program"
                .to_owned(),
        ),
    }
}

/// The Procfile's `clock:`, `scheduler:` and `beat:` processes: long-running schedulers, not
/// schedules. Said so, with what to do; never turned into an entry.
fn procfile_clock(file: &str, text: &str) -> Vec<CronFinding> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some((process, command)) = line.split_once(':') else {
            continue;
        };
        let process = process.trim();
        if !["clock", "scheduler", "beat"].contains(&process) {
            continue;
        }
        let command = command.trim();
        let evidence = Evidence {
            file: file.to_owned(),
            line: Some(n + 1),
            found: line.trim().to_owned(),
        };
        let reason = format!(
            "the `{process}` process (`{command}`) runs all the time and keeps its own schedule: it is a process like /async, not a schedule"
        );
        let fix = if command.contains("celery") && command.contains("beat") {
            "run Celery beat once, beside the worker (app.yaml `async: true`; see the comment in ungleich/async), or make each of its periodic tasks a management command and add it with `ungleich-django cron add NAME 'SCHEDULE' -- python manage.py COMMAND`"
        } else {
            "make each job it schedules a management command and add it with `ungleich-django cron add NAME 'SCHEDULE' -- python manage.py COMMAND`; or run the process as the worker (init --worker-command, app.yaml `async: true`)"
        };
        out.push(CronFinding::refused(
            CronSource::Procfile,
            evidence,
            reason,
            fix,
        ));
    }
    out
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests;
