//! init's offer of the scheduled work the project already declares (issue 15): django-crontab's
//! `CRONJOBS`, a crontab file, a Procfile clock, as `detect::cron` reads them. Nothing is enabled
//! unseen: on a terminal each entry is asked, showing where it was found (yes by default for a
//! management command, no for another program); under `--yes` or without a terminal the
//! management commands are added and the report lists every finding with what became of it;
//! `--no-cron` adds none. What cannot be an entry (a Python function, a clock process, a
//! schedule the parser refuses) is reported with what to do instead, never added.

use serde::Serialize;

use crate::context::Context;
use crate::detect::Project;
use crate::detect::cron::{self, CronFinding, CronVerdict};
use crate::spec::cron::{CRONJOB_INFIX, CronComponent, CronEntry, MAX_CRONJOB_NAME, Schedule};
use crate::ui::Printer;

use super::Settings;
use super::plan::{Action, PlannedFile};

/// What became of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Decision {
    /// It is an entry of the app.yaml init writes.
    Added,
    /// The person said no, or it is not a management command and nobody was asked.
    NotAdded,
    /// `--no-cron`.
    Skipped,
    /// app.yaml has an entry with the same command already.
    Present,
    /// It cannot be an entry: the finding's reason and fix say why and what to do.
    Refused,
    /// It was to be added, but init keeps the app.yaml there is.
    Unwritten,
}

/// One finding and what became of it, as `-o json` shows it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Offered {
    #[serde(flatten)]
    pub finding: CronFinding,
    pub decision: Decision,
}

/// Every finding of the project, each with its decision.
#[derive(Debug, Default)]
pub(super) struct CronOffer {
    pub offered: Vec<Offered>,
}

impl CronOffer {
    /// The entries to write into app.yaml.
    pub fn entries(&self) -> Vec<CronEntry> {
        self.offered
            .iter()
            .filter(|o| o.decision == Decision::Added)
            .filter_map(|o| match &o.finding.verdict {
                CronVerdict::Entry {
                    name,
                    schedule,
                    command,
                    ..
                } => Some(CronEntry {
                    name: name.clone(),
                    schedule: schedule.clone(),
                    command: command.clone(),
                    time_zone: None,
                    timeout: None,
                    component: CronComponent::Web,
                }),
                CronVerdict::Refused { .. } => None,
            })
            .collect()
    }

    /// When init keeps the app.yaml there is (it differs and was not to be rewritten), what was
    /// to be added is not: said so rather than reported as added.
    pub fn settle(&mut self, app_yaml: &PlannedFile) {
        let kept = app_yaml.action == Action::Keep && app_yaml.note.is_some();
        if kept {
            for offered in &mut self.offered {
                if offered.decision == Decision::Added {
                    offered.decision = Decision::Unwritten;
                }
            }
        }
    }
}

/// Decides each finding of `project` for app `app`, whose app.yaml has `current` entries already.
///
/// # Errors
/// When the terminal fails.
pub(super) fn offer(
    ctx: &Context,
    settings: &Settings,
    project: &Project,
    app: &str,
    current: &[CronEntry],
) -> anyhow::Result<CronOffer> {
    let mut findings = project.cron.clone();
    let taken: Vec<String> = current.iter().map(|e| e.name.clone()).collect();
    let max_len = MAX_CRONJOB_NAME.saturating_sub(app.len() + CRONJOB_INFIX.len());
    cron::name_entries(&mut findings, &taken, max_len.max(1));
    let mut offered = Vec::new();
    let mut asked_header = false;
    for finding in findings {
        let decision = match &finding.verdict {
            CronVerdict::Refused { .. } => Decision::Refused,
            CronVerdict::Entry { command, .. } if current.iter().any(|e| &e.command == command) => {
                Decision::Present
            }
            _ if settings.no_cron => Decision::Skipped,
            CronVerdict::Entry { management, .. } if !ctx.prompter.is_interactive() => {
                if *management {
                    Decision::Added
                } else {
                    Decision::NotAdded
                }
            }
            CronVerdict::Entry { management, .. } => {
                if !asked_header {
                    ctx.printer
                        .info("Scheduled commands found in the project (app.yaml `cron:`):");
                    asked_header = true;
                }
                let question = question(&finding);
                if ctx.prompter.confirm(&question, *management)? {
                    Decision::Added
                } else {
                    Decision::NotAdded
                }
            }
        };
        offered.push(Offered { finding, decision });
    }
    Ok(CronOffer { offered })
}

/// `Add clearsessions: python manage.py clearsessions, at 03:00 every day (from shop/settings.py:5)?`
fn question(finding: &CronFinding) -> String {
    let CronVerdict::Entry {
        name,
        schedule,
        command,
        note,
        ..
    } = &finding.verdict
    else {
        return String::new();
    };
    let note = note
        .as_deref()
        .map(|n| format!("; {n}"))
        .unwrap_or_default();
    format!(
        "Add `{name}`: {}, {} (from {}{note})?",
        command.join(" "),
        in_words(schedule),
        finding.evidence
    )
}

fn in_words(schedule: &str) -> String {
    Schedule::parse(schedule).map_or_else(|_| schedule.to_owned(), |s| s.describe(schedule))
}

/// The `cron add` command that adds an entry by hand.
fn add_command(name: &str, schedule: &str, command: &[String]) -> String {
    let words: Vec<String> = command
        .iter()
        .map(|w| crate::detect::runs::shell_quote(w))
        .collect();
    format!(
        "ungleich-django cron add {name} '{schedule}' -- {}",
        words.join(" ")
    )
}

/// The findings in the report: one line each with what became of it and where it was found,
/// then the note, reason or fix under it.
pub(super) fn tell(pr: &Printer, offered: &[Offered], dry_run: bool) {
    if offered.is_empty() {
        return;
    }
    let p = pr.palette();
    pr.info(format!(
        "\n{}",
        p.bold("Scheduled work found in the project (app.yaml `cron:`):")
    ));
    for o in offered {
        let word = match (o.decision, dry_run) {
            (Decision::Added, false) => p.green("added"),
            (Decision::Added, true) => p.green("would add"),
            (Decision::Present, _) => p.dim("present"),
            (Decision::Skipped, _) => p.dim("skipped"),
            (Decision::NotAdded | Decision::Unwritten, _) => p.yellow_bold("not added"),
            (Decision::Refused, _) => p.yellow_bold("cannot add"),
        };
        let place = &o.finding.evidence;
        match &o.finding.verdict {
            CronVerdict::Entry {
                name,
                schedule,
                command,
                note,
                ..
            } => {
                pr.info(format!(
                    "  {word:>12} {name}: {} {} ({place})",
                    command.join(" "),
                    in_words(schedule)
                ));
                let why = match o.decision {
                    Decision::Skipped => Some("--no-cron".to_owned()),
                    Decision::Unwritten => Some("app.yaml is kept as it is".to_owned()),
                    Decision::NotAdded => {
                        Some("not a management command, or answered no".to_owned())
                    }
                    _ => None,
                };
                if let Some(note) = note {
                    pr.info(format!("{:>15}{note}", ""));
                }
                if let Some(why) = why {
                    pr.info(format!(
                        "{:>15}{why}; to add it: {}",
                        "",
                        add_command(name, schedule, command)
                    ));
                }
            }
            CronVerdict::Refused { reason, fix } => {
                pr.info(format!("  {word:>12} {} ({place}): {reason}", place.found));
                pr.info(format!("{:>15}fix: {fix}", ""));
            }
        }
    }
}
