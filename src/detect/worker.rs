//! The background worker and its exact command: Celery (with the app module found in the code),
//! Django-Q/django-q2, django-rq (with its queues), Dramatiq, Huey; and a scheduler beside it.

use std::path::Path;

use regex::Regex;
use serde::Serialize;

use super::deps::Dependencies;
use super::runs::{CeleryUse, Evidence};
use super::source;

/// A worker framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    Celery,
    DjangoQ,
    DjangoRq,
    Dramatiq,
    Huey,
    Other,
}

/// The worker `/async` runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Worker {
    /// The framework.
    pub framework: Framework,
    /// The command `/async` execs, run in manage.py's folder.
    pub command: String,
    /// A periodic-task scheduler, when the project has one (Celery beat). It must run once, so
    /// it is part of `command` only while one worker pod runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduler: Option<String>,
    /// Where the framework was found, for the explanation.
    pub evidence: String,
    /// The file and line the command comes from, when one says it.
    #[serde(skip)]
    pub found: Option<Evidence>,
}

/// Finds the worker. `app_dir` is manage.py's folder (the import root); `settings` the settings
/// text.
#[must_use]
pub fn detect(
    app_dir: &Path,
    deps: &Dependencies,
    settings: &str,
    used: Option<CeleryUse>,
) -> Option<Worker> {
    let files = source::python_files(app_dir, 4);
    if let Some(used) = used {
        return Some(from_command(used, beat(deps, settings, &files)));
    }
    if let Some(worker) = celery(app_dir, &files, deps, settings) {
        return Some(worker);
    }
    if deps.has("django-q") || deps.has("django-q2") || settings.contains("Q_CLUSTER") {
        return Some(Worker {
            framework: Framework::DjangoQ,
            command: "python manage.py qcluster".to_owned(),
            scheduler: None,
            found: None,
            evidence: evidence(
                deps,
                &["django-q2", "django-q"],
                "Q_CLUSTER in the settings",
            ),
        });
    }
    if deps.has("django-rq") || settings.contains("RQ_QUEUES") {
        let queues = rq_queues(settings);
        let mut command = "python manage.py rqworker".to_owned();
        for queue in &queues {
            command.push(' ');
            command.push_str(queue);
        }
        let scheduler = (deps.has("rq-scheduler") || settings.contains("RQ_SCHEDULER"))
            .then(|| "python manage.py rqscheduler".to_owned());
        return Some(Worker {
            framework: Framework::DjangoRq,
            command,
            scheduler,
            found: None,
            evidence: evidence(deps, &["django-rq"], "RQ_QUEUES in the settings"),
        });
    }
    if deps.has("django-dramatiq") || settings.contains("django_dramatiq") {
        return Some(Worker {
            framework: Framework::Dramatiq,
            command: "python manage.py rundramatiq".to_owned(),
            scheduler: None,
            found: None,
            evidence: evidence(
                deps,
                &["django-dramatiq"],
                "django_dramatiq in the settings",
            ),
        });
    }
    if deps.has("dramatiq") {
        let modules: Vec<String> = files
            .iter()
            .filter(|f| source::read(f).contains("dramatiq.actor"))
            .filter_map(|f| source::module_name(app_dir, f))
            .collect();
        if !modules.is_empty() {
            return Some(Worker {
                framework: Framework::Dramatiq,
                command: format!("dramatiq {}", modules.join(" ")),
                scheduler: None,
                found: None,
                evidence: "dramatiq among the dependencies".to_owned(),
            });
        }
    }
    if deps.has("huey") || settings.contains("HUEY") {
        return Some(Worker {
            framework: Framework::Huey,
            command: "python manage.py run_huey".to_owned(),
            scheduler: None,
            found: None,
            evidence: evidence(deps, &["huey"], "HUEY in the settings"),
        });
    }
    None
}

/// The project's own worker command names its app: that is the one.
fn from_command(used: CeleryUse, beat: bool) -> Worker {
    Worker {
        framework: Framework::Celery,
        command: format!("celery -A {} worker", used.app),
        scheduler: beat.then(|| format!("celery -A {} beat", used.app)),
        evidence: format!("`{}` in {}", used.evidence.found, used.evidence),
        found: Some(used.evidence),
    }
}

fn evidence(deps: &Dependencies, names: &[&str], otherwise: &str) -> String {
    names.iter().find(|n| deps.has(n)).map_or_else(
        || otherwise.to_owned(),
        |n| format!("{n} among the dependencies"),
    )
}

/// The Celery apps of the code, as `-A` values: a module-level `x = Celery(...)`, or the result
/// of a factory that builds one (`def create_app(): app = Celery(...); return app` and, at module
/// level, `application = create_app()`). A factory called without keeping its result makes no
/// app `-A` can name.
#[must_use]
pub fn celery_apps(app_dir: &Path) -> Vec<String> {
    celery_apps_in(app_dir, &source::python_files(app_dir, 4))
        .into_iter()
        .map(|(target, ..)| target)
        .collect()
}

/// `(-A value, module, line, attribute)` for each Celery app of the files.
fn celery_apps_in(
    app_dir: &Path,
    files: &[std::path::PathBuf],
) -> Vec<(String, String, usize, String)> {
    let assignment = Regex::new(r"(?m)^(\w+)\s*(?::[^=\n]+)?=\s*Celery\(").expect("valid pattern");
    let factory = Regex::new(r"(?m)^(?:async\s+)?def\s+(\w+)\s*\(").expect("valid pattern");
    let mut out = Vec::new();
    for file in files {
        let text = source::read(file);
        if !text.contains("Celery(") {
            continue;
        }
        let Some(module) = source::module_name(app_dir, file) else {
            continue;
        };
        let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
        for found in assignment.captures_iter(&text) {
            let attribute = found[1].to_owned();
            let at = line_of(found.get(0).map_or(0, |m| m.start()));
            out.push((
                celery_target(&module, &attribute),
                module.clone(),
                at,
                attribute,
            ));
        }
        // Factories: a function whose body builds `Celery(...)`, called at module level.
        let functions: Vec<(String, usize)> = factory
            .captures_iter(&text)
            .map(|c| (c[1].to_owned(), c.get(0).map_or(0, |m| m.start())))
            .collect();
        for (i, (name, start)) in functions.iter().enumerate() {
            let end = functions.get(i + 1).map_or(text.len(), |(_, s)| *s);
            if !text[*start..end].contains("Celery(") {
                continue;
            }
            let call = Regex::new(&format!(
                r"(?m)^(\w+)\s*(?::[^=\n]+)?=\s*{}\(",
                regex::escape(name)
            ))
            .expect("valid pattern");
            for c in call.captures_iter(&text) {
                let at = line_of(c.get(0).map_or(0, |m| m.start()));
                out.push((
                    celery_target(&module, &c[1]),
                    module.clone(),
                    at,
                    c[1].to_owned(),
                ));
            }
        }
    }
    out
}

/// `-A` the way Celery finds the app: `-A proj` finds `proj.celery`'s `app`/`celery`, and a
/// module's own `app`/`celery`; anything else needs `module:attribute`.
fn celery_target(module: &str, attribute: &str) -> String {
    match module.rsplit_once('.') {
        Some((package, "celery")) if attribute == "app" || attribute == "celery" => {
            package.to_owned()
        }
        _ if (attribute == "app" || attribute == "celery") && module.ends_with(".celery") => {
            module.to_owned()
        }
        _ => format!("{module}:{attribute}"),
    }
}

fn beat(deps: &Dependencies, settings: &str, files: &[std::path::PathBuf]) -> bool {
    deps.has("django-celery-beat")
        || settings.contains("CELERY_BEAT_SCHEDULE")
        || settings.contains("beat_schedule")
        || files
            .iter()
            .any(|f| source::read(f).contains("beat_schedule"))
}

/// The Celery worker of the app found in the code. Celery among the dependencies without an app
/// in the code gives `celery worker` without `-A`, which verification refuses: init asks.
fn celery(
    app_dir: &Path,
    files: &[std::path::PathBuf],
    deps: &Dependencies,
    settings: &str,
) -> Option<Worker> {
    let found = celery_apps_in(app_dir, files).into_iter().next();
    let Some((target, module, line, attribute)) = found else {
        return deps.has("celery").then(|| Worker {
            framework: Framework::Celery,
            command: "celery worker".to_owned(),
            scheduler: None,
            found: None,
            evidence: "celery among the dependencies, but no Celery app found in the code"
                .to_owned(),
        });
    };
    let file = source::module_file(app_dir, &module);
    Some(Worker {
        framework: Framework::Celery,
        command: format!("celery -A {target} worker"),
        scheduler: beat(deps, settings, files).then(|| format!("celery -A {target} beat")),
        evidence: format!("`{attribute} = Celery(...)` in {module}"),
        found: file.map(|f| Evidence {
            file: f.to_string_lossy().into_owned(),
            line: Some(line),
            found: format!("Celery app {target}"),
        }),
    })
}

/// The queue names of `RQ_QUEUES`, in the order written.
fn rq_queues(settings: &str) -> Vec<String> {
    let Some(rhs) = source::assignment_rhs(settings, "RQ_QUEUES") else {
        return Vec::new();
    };
    let mut depth = 0;
    let mut queues = Vec::new();
    let key = Regex::new(r#"^\s*["']([\w.-]+)["']\s*:"#).expect("valid pattern");
    let mut rest = rhs.as_str();
    while let Some(c) = rest.chars().next() {
        if depth == 1
            && let Some(found) = key.captures(rest)
        {
            queues.push(found[1].to_owned());
            rest = &rest[found.get(0).map_or(1, |m| m.end())..];
            continue;
        }
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    queues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rq_queue_names_in_order() {
        let settings = "RQ_QUEUES = {\n    'high': {'URL': REDIS},\n    \"default\": {\n        'HOST': 'x',\n    },\n    'low': {},\n}\n";
        assert_eq!(rq_queues(settings), ["high", "default", "low"]);
        assert!(rq_queues("DEBUG = 1\n").is_empty());
    }
}
