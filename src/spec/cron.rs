//! `cron:` in `app.yaml`: scheduled Django commands (issue 15). Owns the entry's type, the
//! five-field schedule (parsed, checked, described in words, its next runs computed) and the
//! schema patterns that let helm refuse what the CLI refuses.
//!
//! The schedule language is Kubernetes' (the `robfig/cron` standard parser the CronJob
//! controller uses): five fields, `*`, lists, ranges, steps, month and weekday names, and the
//! macros `@yearly` ... `@hourly`. `@every` and a `CRON_TZ=` prefix are refused: the zone is
//! `timeZone`.

use std::collections::BTreeSet;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names;

/// The longest CronJob name Kubernetes accepts: the controller appends an 11-character suffix to
/// the Jobs it creates, and Job names feed a 63-character label.
pub const MAX_CRONJOB_NAME: usize = 52;

/// The infix of the CronJob names: `<app>-cron-<entry>`.
pub const CRONJOB_INFIX: &str = "-cron-";

/// The CronJob the chart renders for entry `entry` of app `app`.
#[must_use]
pub fn cronjob_name(app: &str, entry: &str) -> String {
    format!("{app}{CRONJOB_INFIX}{entry}")
}

/// The macros Kubernetes accepts, with the five fields each stands for.
const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

/// `timeout` as a pattern: a whole number of seconds, minutes or hours.
pub const TIMEOUT_PATTERN: &str = r"^[1-9][0-9]{0,5}[smh]$";

/// One scheduled command: a CronJob made from the component's pod template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CronEntry {
    /// The entry's name, a DNS-1123 label, unique in `cron`; the CronJob is `<app>-cron-<name>`
    /// (at most 52 characters in all).
    #[schemars(regex(pattern = names::DNS_LABEL_PATTERN), length(max = 63))]
    pub name: String,
    /// When it runs: five fields (minute hour day-of-month month day-of-week, as crontab) or one
    /// of `@yearly`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
    #[schemars(regex(pattern = schedule_pattern()))]
    pub schedule: String,
    /// The command and its arguments, run without a shell (`[python, manage.py, clearsessions]`).
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub command: Vec<String>,
    /// The IANA time zone the schedule is in (`Europe/Zurich`); unset: the cluster's, usually UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"))]
    pub time_zone: Option<String>,
    /// How long one run may take before it is stopped (`30s`, `15m`, `2h`); unset: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = TIMEOUT_PATTERN))]
    pub timeout: Option<String>,
    /// Whose pod template the run uses: `web` (the default) or `async` (needs `async: true`).
    #[serde(default, skip_serializing_if = "CronComponent::is_default")]
    pub component: CronComponent,
}

/// The component whose pod template a scheduled command runs in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CronComponent {
    /// The web pods' image, environment and sizes.
    #[default]
    Web,
    /// The worker pods'.
    Async,
}

impl CronComponent {
    fn is_default(&self) -> bool {
        *self == CronComponent::Web
    }

    /// The label value and Deployment suffix.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CronComponent::Web => "web",
            CronComponent::Async => "async",
        }
    }
}

#[cfg(test)]
impl CronEntry {
    /// `@daily`, running `command`, with nothing else set: what the editors' tests add.
    pub(crate) fn daily(name: &str, command: &str) -> Self {
        CronEntry {
            name: name.to_owned(),
            schedule: "@daily".to_owned(),
            command: vec![command.to_owned()],
            time_zone: None,
            timeout: None,
            component: CronComponent::Web,
        }
    }
}

impl CronEntry {
    /// `timeout` in seconds, when set and valid.
    #[must_use]
    pub fn timeout_seconds(&self) -> Option<u64> {
        self.timeout.as_deref().and_then(|t| parse_timeout(t).ok())
    }
}

/// Checks the entries of `cron` for app `app`: each valid, names unique, CronJob names short
/// enough, `async` only with a worker.
///
/// # Errors
/// The field (`cron[1].schedule`) and the reason of the first invalid value.
pub fn validate_entries(
    app: &str,
    has_async: bool,
    entries: &[CronEntry],
) -> Result<(), (String, String)> {
    let mut seen = BTreeSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let field =
            |name: &'static str| move |reason: String| (format!("cron[{i}].{name}"), reason);
        names::validate_dns_label(&entry.name).map_err(field("name"))?;
        if !seen.insert(entry.name.as_str()) {
            return Err(field("name")(format!(
                "`{}` is used by an earlier entry; each entry needs its own name",
                entry.name
            )));
        }
        let cronjob = cronjob_name(app, &entry.name);
        if cronjob.len() > MAX_CRONJOB_NAME {
            return Err(field("name")(format!(
                "`{}` makes the CronJob name `{cronjob}` longer than {MAX_CRONJOB_NAME} characters; choose a shorter name",
                entry.name
            )));
        }
        Schedule::parse(&entry.schedule).map_err(field("schedule"))?;
        if entry.command.is_empty() || entry.command.iter().any(String::is_empty) {
            return Err(field("command")(
                "the command must name a program, e.g. [python, manage.py, clearsessions]"
                    .to_owned(),
            ));
        }
        if let Some(zone) = &entry.time_zone {
            validate_time_zone(zone).map_err(field("timeZone"))?;
        }
        if let Some(timeout) = &entry.timeout {
            parse_timeout(timeout).map_err(field("timeout"))?;
        }
        if entry.component == CronComponent::Async && !has_async {
            return Err(field("component")(
                "`async` needs the worker: set `async: true`, or use `web`".to_owned(),
            ));
        }
    }
    Ok(())
}

/// An IANA time zone name the tz database knows.
///
/// # Errors
/// When the name is unknown.
pub fn validate_time_zone(zone: &str) -> Result<(), String> {
    let shape = regex::Regex::new(r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")
        .expect("a valid pattern");
    if !shape.is_match(zone) {
        return Err(format!(
            "`{zone}` is not an IANA time zone name, like Europe/Zurich or UTC"
        ));
    }
    TimeZone::get(zone).map(|_| ()).map_err(|_| {
        format!("`{zone}` is not a time zone the tz database knows, like Europe/Zurich or UTC")
    })
}

/// `timeout` in seconds.
///
/// # Errors
/// When `text` is not a whole number of seconds, minutes or hours.
pub fn parse_timeout(text: &str) -> Result<u64, String> {
    let invalid = || format!("`{text}` is not a timeout like 30s, 15m or 2h");
    if !regex::Regex::new(TIMEOUT_PATTERN)
        .expect("a valid pattern")
        .is_match(text)
    {
        return Err(invalid());
    }
    let (number, unit) = text.split_at(text.len() - 1);
    let number: u64 = number.parse().map_err(|_| invalid())?;
    Ok(number
        * match unit {
            "s" => 1,
            "m" => 60,
            _ => 3600,
        })
}

/// One field of a schedule: its range and the names it accepts for its values.
struct FieldRule {
    what: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const FIELDS: [FieldRule; 5] = [
    FieldRule {
        what: "minute",
        min: 0,
        max: 59,
        names: &[],
    },
    FieldRule {
        what: "hour",
        min: 0,
        max: 23,
        names: &[],
    },
    FieldRule {
        what: "day of month",
        min: 1,
        max: 31,
        names: &[],
    },
    FieldRule {
        what: "month",
        min: 1,
        max: 12,
        names: &[
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
    },
    FieldRule {
        what: "day of week",
        min: 0,
        max: 6,
        names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
    },
];

/// A parsed schedule: the set of values of each field, and whether day-of-month and day-of-week
/// were left open (`*`), which decides how the two combine (as cron and Kubernetes do: both
/// restricted means either matches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    fields: [u64; 5],
    dom_open: bool,
    dow_open: bool,
}

impl Schedule {
    /// Parses a schedule as the CronJob controller does.
    ///
    /// # Errors
    /// What is wrong, naming the field.
    pub fn parse(text: &str) -> Result<Self, String> {
        let expanded = if text.starts_with('@') {
            MACROS
                .iter()
                .find(|(name, _)| *name == text)
                .map(|(_, fields)| *fields)
                .ok_or_else(|| {
                    format!(
                        "`{text}` is not a schedule; use five fields like `0 3 * * *` or one of {}",
                        macro_names()
                    )
                })?
        } else {
            text
        };
        let parts: Vec<&str> = expanded.split(' ').filter(|p| !p.is_empty()).collect();
        if parts.len() != 5
            || expanded.starts_with(' ')
            || expanded.ends_with(' ')
            || expanded.contains(|c: char| c.is_whitespace() && c != ' ')
        {
            return Err(format!(
                "`{text}` is not a schedule: it needs five fields separated by spaces (minute hour day-of-month month day-of-week), like `0 3 * * *`, or one of {}",
                macro_names()
            ));
        }
        let mut fields = [0u64; 5];
        let mut open = [false; 5];
        for (i, (part, rule)) in parts.iter().zip(FIELDS.iter()).enumerate() {
            (fields[i], open[i]) = parse_field(part, rule)
                .map_err(|reason| format!("`{text}`: the {} field {reason}", rule.what))?;
        }
        Ok(Schedule {
            fields,
            dom_open: open[2],
            dow_open: open[4],
        })
    }

    fn has(&self, field: usize, value: u32) -> bool {
        self.fields[field] & (1 << value) != 0
    }

    fn day_matches(&self, date: Date) -> bool {
        let dom = self.has(2, u32::from(date.day().unsigned_abs()));
        let dow = self.has(
            4,
            u32::from(date.weekday().to_sunday_zero_offset().unsigned_abs()),
        );
        if self.dom_open || self.dow_open {
            dom && dow
        } else {
            dom || dow
        }
    }

    /// The next `count` runs after `after`, in the zone `zone` the schedule is in. A time a
    /// daylight-saving change skips is taken as the next that exists.
    #[must_use]
    pub fn next_runs(&self, after: &Zoned, zone: &TimeZone, count: usize) -> Vec<Zoned> {
        let mut runs = Vec::with_capacity(count);
        let start = after.with_time_zone(zone.clone());
        // The minute after `after`, on the minute.
        let Ok(mut dt) = start
            .datetime()
            .with()
            .second(0)
            .subsec_nanosecond(0)
            .build()
            .and_then(|d| d.checked_add(1.minute()))
        else {
            return runs;
        };
        // Five years hold every valid schedule's next run (29 February on a given weekday
        // repeats within 28 years, but needs only one match of either field).
        let limit = dt.checked_add(5.years()).unwrap_or(DateTime::MAX);
        while runs.len() < count && dt < limit {
            let month = u32::from(dt.month().unsigned_abs());
            if !self.has(3, month) {
                dt = first_of_next_month(dt);
                continue;
            }
            if !self.day_matches(dt.date()) {
                dt = next_day(dt);
                continue;
            }
            if !self.has(1, u32::from(dt.hour().unsigned_abs())) {
                dt = dt
                    .with()
                    .minute(0)
                    .build()
                    .ok()
                    .and_then(|d| d.checked_add(1.hour()).ok())
                    .unwrap_or(DateTime::MAX);
                continue;
            }
            if self.has(0, u32::from(dt.minute().unsigned_abs()))
                && let Ok(zoned) = dt.to_zoned(zone.clone())
                && zoned.timestamp() > after.timestamp()
                && runs
                    .last()
                    .is_none_or(|last: &Zoned| last.timestamp() < zoned.timestamp())
            {
                runs.push(zoned);
            }
            dt = dt.checked_add(1.minute()).unwrap_or(DateTime::MAX);
        }
        runs
    }

    /// The schedule in words, for `cron list`.
    #[must_use]
    pub fn describe(&self, text: &str) -> String {
        let all = |field: usize| {
            let rule = &FIELDS[field];
            (rule.min..=rule.max).all(|v| self.has(field, v))
        };
        let single = |field: usize| {
            let values = self.values(field);
            (values.len() == 1).then(|| values[0])
        };
        let days = self.describe_days();
        let words = match (single(0), single(1)) {
            (Some(m), Some(h)) => format!("at {h:02}:{m:02} {days}"),
            (Some(m), None) if all(1) => format!("every hour at minute {m} {days}"),
            (None, None) if all(1) && all(0) => format!("every minute {days}"),
            (None, None) if all(1) => match self.step(0) {
                Some(step) => format!("every {step} minutes {days}"),
                None => format!("at minutes {} of every hour {days}", list(&self.values(0))),
            },
            _ => format!(
                "at minutes {} of hours {} {days}",
                list(&self.values(0)),
                list(&self.values(1))
            ),
        };
        if text.starts_with('@') {
            format!("{words} ({text})")
        } else {
            words
        }
    }

    fn describe_days(&self) -> String {
        let full = |field: usize| {
            let rule = &FIELDS[field];
            (rule.min..=rule.max).all(|v| self.has(field, v))
        };
        let weekdays = || {
            self.values(4)
                .iter()
                .map(|d| {
                    [
                        "Sunday",
                        "Monday",
                        "Tuesday",
                        "Wednesday",
                        "Thursday",
                        "Friday",
                        "Saturday",
                    ][*d as usize]
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut days = match (full(2) && self.dom_open, full(4) && self.dow_open) {
            (true, true) => "every day".to_owned(),
            (true, false) => format!("on {}", weekdays()),
            (false, true) => format!("on day {} of the month", list(&self.values(2))),
            (false, false) => format!(
                "on day {} of the month or on {}",
                list(&self.values(2)),
                weekdays()
            ),
        };
        if !full(3) {
            let months: Vec<&str> = self
                .values(3)
                .iter()
                .map(|m| {
                    [
                        "January",
                        "February",
                        "March",
                        "April",
                        "May",
                        "June",
                        "July",
                        "August",
                        "September",
                        "October",
                        "November",
                        "December",
                    ][*m as usize - 1]
                })
                .collect();
            days = format!("{days} in {}", months.join(", "));
        }
        days
    }

    fn values(&self, field: usize) -> Vec<u32> {
        let rule = &FIELDS[field];
        (rule.min..=rule.max)
            .filter(|v| self.has(field, *v))
            .collect()
    }

    /// The step of a field that holds every n-th value from its minimum, if it does.
    fn step(&self, field: usize) -> Option<u32> {
        let values = self.values(field);
        let rule = &FIELDS[field];
        let step = *values.get(1)? - values[0];
        let regular = values[0] == rule.min
            && values.windows(2).all(|w| w[1] - w[0] == step)
            && values.last().is_some_and(|last| last + step > rule.max);
        regular.then_some(step)
    }
}

fn list(values: &[u32]) -> String {
    values
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn macro_names() -> String {
    MACROS
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_of_next_month(dt: DateTime) -> DateTime {
    dt.date()
        .first_of_month()
        .checked_add(1.month())
        .map(|d| d.to_datetime(Time::midnight()))
        .unwrap_or(DateTime::MAX)
}

fn next_day(dt: DateTime) -> DateTime {
    dt.date()
        .tomorrow()
        .map(|d| d.to_datetime(Time::midnight()))
        .unwrap_or(DateTime::MAX)
}

/// One field: a comma-separated list of `*`, `N` or `N-M`, each with an optional `/STEP`. Returns
/// the set of values as bits, and whether the field is open (`*` without a step over 1).
fn parse_field(text: &str, rule: &FieldRule) -> Result<(u64, bool), String> {
    let mut bits = 0u64;
    let mut open = false;
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((range, step)) => {
                let step: u32 = step
                    .parse()
                    .ok()
                    .filter(|s| *s > 0 && step.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| format!("has the step `{step}`, not a number above 0"))?;
                (range, Some(step))
            }
            None => (part, None),
        };
        let (low, high) = if range == "*" {
            if step.is_none_or(|s| s == 1) {
                open = true;
            }
            (rule.min, rule.max)
        } else if let Some((low, high)) = range.split_once('-') {
            let (low, high) = (value(low, rule)?, value(high, rule)?);
            if low > high {
                return Err(format!(
                    "has the range `{range}`, which ends before it starts"
                ));
            }
            (low, high)
        } else {
            let low = value(range, rule)?;
            // `N/STEP` means from N to the end, every STEP.
            (low, if step.is_some() { rule.max } else { low })
        };
        let step = step.unwrap_or(1);
        let mut v = low;
        while v <= high {
            bits |= 1 << v;
            v += step;
        }
    }
    Ok((bits, open))
}

fn value(text: &str, rule: &FieldRule) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(index) = rule.names.iter().position(|n| *n == lower) {
        return Ok(u32::try_from(index).expect("few names") + rule.min);
    }
    let number: u32 = text
        .parse()
        .ok()
        .filter(|_| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            if rule.names.is_empty() {
                format!("has `{text}`, not a number")
            } else {
                format!(
                    "has `{text}`, neither a number nor a name like `{}`",
                    rule.names[0]
                )
            }
        })?;
    if number < rule.min || number > rule.max {
        return Err(format!("has {number}, outside {}-{}", rule.min, rule.max));
    }
    Ok(number)
}

/// The schedule language as a JSON Schema pattern (RE2 and ECMA-262): five fields of values in
/// range, or a macro. It cannot see that a range ends before it starts (`5-1`): the chart's
/// `ud.cronRanges` refuses that one (`tests::the_pattern_agrees_with_the_parser` names the
/// difference; tests/it/chart.rs checks helm refuses it).
#[must_use]
pub fn schedule_pattern() -> String {
    let value = |rule: &FieldRule| {
        let number = match (rule.min, rule.max) {
            (0, 59) => "0?[0-9]|[1-5][0-9]",
            (0, 23) => "0?[0-9]|1[0-9]|2[0-3]",
            (1, 31) => "0?[1-9]|[12][0-9]|3[01]",
            (1, 12) => "0?[1-9]|1[0-2]",
            _ => "0?[0-6]",
        };
        let names = rule.names.iter().map(|name| {
            name.chars()
                .map(|c| format!("[{}{c}]", c.to_ascii_uppercase()))
                .collect::<String>()
        });
        std::iter::once(number.to_owned())
            .chain(names)
            .collect::<Vec<_>>()
            .join("|")
    };
    let field = |rule: &FieldRule| {
        let v = value(rule);
        let element = format!(r"(\*|({v})(-({v}))?)(/0*[1-9][0-9]*)?");
        format!("{element}(,{element})*")
    };
    let fields: Vec<String> = FIELDS.iter().map(field).collect();
    let macros: Vec<&str> = MACROS.iter().map(|(name, _)| *name).collect();
    format!("^(({}))$|^({})$", fields.join(") +("), macros.join("|"))
}

/// The time a run started, for display: `2026-12-06 03:00 CET` in the user's zone.
#[must_use]
pub fn show_time(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, schedule: &str) -> CronEntry {
        CronEntry {
            name: name.to_owned(),
            schedule: schedule.to_owned(),
            command: vec!["python".into(), "manage.py".into(), "clearsessions".into()],
            time_zone: None,
            timeout: None,
            component: CronComponent::Web,
        }
    }

    #[test]
    fn schedules_parse_as_kubernetes_parses_them() {
        for good in [
            "0 3 * * *",
            "*/15 * * * *",
            "0 0 1 1 *",
            "30 2 * * mon-fri",
            "0 9 1,15 * *",
            "5/10 * * JAN,jul *",
            "0  3 * * 0",
            "@daily",
            "@hourly",
            "@yearly",
            "59 23 31 12 6",
        ] {
            assert!(Schedule::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "0 3 * *",
            "0 3 * * * *",
            "60 * * * *",
            "* 24 * * *",
            "* * 0 * *",
            "* * * 13 *",
            "* * * * 7",
            "*/0 * * * *",
            "5-1 * * * *",
            "@every 5m",
            "@reboot",
            "CRON_TZ=UTC 0 3 * * *",
            " 0 3 * * *",
            "0\t3 * * *",
            "a * * * *",
        ] {
            assert!(Schedule::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_pattern_agrees_with_the_parser() {
        let pattern = regex::Regex::new(&schedule_pattern()).unwrap();
        let samples = [
            "0 3 * * *",
            "*/15 * * * *",
            "30 2 * * mon-fri",
            "30 2 * * MON-Fri",
            "0 9 1,15 * *",
            "5/10 * * JAN,jul *",
            "0  3 * * 0",
            "@daily",
            "@midnight",
            "59 23 31 12 6",
            "",
            "0 3 * *",
            "0 3 * * * *",
            "60 * * * *",
            "* 24 * * *",
            "* * 0 * *",
            "* * * 13 *",
            "* * * * 7",
            "*/0 * * * *",
            "@every 5m",
            "@reboot",
            " 0 3 * * *",
            "0 3 * * * ",
            "0\t3 * * *",
            "a * * * *",
            "1,,2 * * * *",
            "1- * * * *",
            "* * * * sunday",
        ];
        for sample in samples {
            assert_eq!(
                pattern.is_match(sample),
                Schedule::parse(sample).is_ok(),
                "the schema's pattern and the parser disagree on {sample:?}"
            );
        }
        // The one difference: a range that ends before it starts.
        assert!(pattern.is_match("5-1 * * * *") && Schedule::parse("5-1 * * * *").is_err());
    }

    #[test]
    fn schedules_read_in_words() {
        let cases = [
            ("0 3 * * *", "at 03:00 every day"),
            ("@daily", "at 00:00 every day (@daily)"),
            ("*/15 * * * *", "every 15 minutes every day"),
            ("5 * * * *", "every hour at minute 5 every day"),
            (
                "30 2 * * mon-fri",
                "at 02:30 on Monday, Tuesday, Wednesday, Thursday, Friday",
            ),
            ("0 9 1 * *", "at 09:00 on day 1 of the month"),
            ("0 0 1 1 *", "at 00:00 on day 1 of the month in January"),
        ];
        for (text, words) in cases {
            assert_eq!(
                Schedule::parse(text).unwrap().describe(text),
                words,
                "{text}"
            );
        }
    }

    #[test]
    fn next_runs_follow_the_schedule_and_its_zone() {
        let now: Zoned = "2026-12-06T05:30:00+00:00[UTC]".parse().unwrap();
        let utc = TimeZone::UTC;
        let runs = Schedule::parse("0 3 * * *")
            .unwrap()
            .next_runs(&now, &utc, 3);
        let shown: Vec<String> = runs.iter().map(|z| z.to_string()).collect();
        assert_eq!(
            shown,
            [
                "2026-12-07T03:00:00+00:00[UTC]",
                "2026-12-08T03:00:00+00:00[UTC]",
                "2026-12-09T03:00:00+00:00[UTC]"
            ]
        );
        let zurich = TimeZone::get("Europe/Zurich").unwrap();
        let runs = Schedule::parse("0 3 * * *")
            .unwrap()
            .next_runs(&now, &zurich, 1);
        assert_eq!(runs[0].timestamp().to_string(), "2026-12-07T02:00:00Z");
        // Day of month and day of week both restricted: either matches (cron's rule).
        let runs = Schedule::parse("0 0 13 * fri")
            .unwrap()
            .next_runs(&now, &utc, 2);
        let days: Vec<String> = runs.iter().map(|z| z.date().to_string()).collect();
        assert_eq!(days, ["2026-12-11", "2026-12-13"]);
        // 29 February.
        let runs = Schedule::parse("0 0 29 2 *")
            .unwrap()
            .next_runs(&now, &utc, 1);
        assert_eq!(runs[0].date().to_string(), "2028-02-29");
        let runs = Schedule::parse("*/20 * * * *")
            .unwrap()
            .next_runs(&now, &utc, 3);
        let times: Vec<String> = runs.iter().map(|z| z.time().to_string()).collect();
        assert_eq!(times, ["05:40:00", "06:00:00", "06:20:00"]);
    }

    #[test]
    fn entries_are_checked_together() {
        let ok = [entry("sessions", "@daily"), entry("import", "0 3 * * *")];
        assert!(validate_entries("shop", false, &ok).is_ok());
        let cases: Vec<(Vec<CronEntry>, &str)> = vec![
            (
                vec![entry("a", "@daily"), entry("a", "@hourly")],
                "cron[1].name",
            ),
            (vec![entry("Bad_Name", "@daily")], "cron[0].name"),
            (vec![entry(&"a".repeat(50), "@daily")], "cron[0].name"),
            (vec![entry("a", "0 25 * * *")], "cron[0].schedule"),
            (
                vec![CronEntry {
                    command: vec![],
                    ..entry("a", "@daily")
                }],
                "cron[0].command",
            ),
            (
                vec![CronEntry {
                    time_zone: Some("Mars/Olympus".into()),
                    ..entry("a", "@daily")
                }],
                "cron[0].timeZone",
            ),
            (
                vec![CronEntry {
                    timeout: Some("1d".into()),
                    ..entry("a", "@daily")
                }],
                "cron[0].timeout",
            ),
            (
                vec![CronEntry {
                    component: CronComponent::Async,
                    ..entry("a", "@daily")
                }],
                "cron[0].component",
            ),
        ];
        for (entries, field) in cases {
            let (got, _) = validate_entries("shop", false, &entries).unwrap_err();
            assert_eq!(got, field);
        }
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("30s"), Ok(30));
        assert_eq!(parse_timeout("15m"), Ok(900));
        assert_eq!(parse_timeout("2h"), Ok(7200));
        for bad in ["", "0s", "1d", "1h30m", "m", "01m"] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
    }
}
