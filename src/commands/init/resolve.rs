//! What the scripts name, established before anything is written: the flags that answer
//! detection (`--manage-py`, `--server`, `--app-module`, `--worker-command`) applied, then every
//! program, module and app the rendered scripts name verified against the tree and the image
//! (`detect::verify`). What does not resolve is asked on a terminal with the candidates
//! detection found; without one, init stops with exit 3 and names the flag that answers.

use std::path::Path;

use crate::context::Context;
use crate::detect::verify::{self, Question, Unverified};
use crate::detect::{self, Framework, Interface, Project, Worker};
use crate::exit::{ExitCode, Failure};
use crate::scaffold::{self, ImagePaths};

use super::Settings;

/// How many answers init takes before it gives up on a question the answers never settle.
const MAX_ROUNDS: usize = 8;

/// The project of the manage.py `--manage-py` names, the one detection prefers, or the one the
/// person chooses among several.
pub(super) fn project(ctx: &Context, settings: &Settings, root: &Path) -> anyhow::Result<Project> {
    let manage = match &settings.manage_py {
        Some(path) => path.clone(),
        None => match detect::preferred_manage_py(root) {
            Some(found) => found,
            None => {
                let candidates = detect::manage_py_candidates(root);
                if candidates.is_empty() {
                    return Err(detect::NotDjango {
                        root: root.to_owned(),
                    }
                    .into());
                }
                ask(
                    ctx,
                    &Unverified {
                        question: Question::ManagePy,
                        script: String::new(),
                        name: "manage.py".to_owned(),
                        reason: format!("the tree has {} manage.py files", candidates.len()),
                        candidates,
                    },
                )?
            }
        },
    };
    let path = root.join(&manage);
    if path.file_name().is_none_or(|n| n != "manage.py") || !path.is_file() {
        return Err(invalid(
            format!("--manage-py {manage}: there is no such manage.py"),
            Question::ManagePy,
            &detect::manage_py_candidates(root),
        ));
    }
    let mut project = detect::detect_at(root, Path::new(&manage));
    apply_flags(settings, &mut project)?;
    Ok(project)
}

/// The answers the flags give, each checked for its form.
fn apply_flags(settings: &Settings, project: &mut Project) -> anyhow::Result<()> {
    if let Some(server) = &settings.server {
        apply(project, Question::Server, server)?;
    }
    if let Some(target) = &settings.app_module {
        apply(project, Question::AppModule, target)?;
    }
    if let Some(command) = &settings.worker_command {
        apply(project, Question::WorkerCommand, command)?;
    }
    Ok(())
}

/// Renders the scripts and verifies them until nothing is left unresolved, asking for each
/// question in turn. Returns the project the scripts are rendered from, and the packages the
/// generated Dockerfile adds.
pub(super) fn verified(
    ctx: &Context,
    root: &Path,
    mut project: Project,
    async_worker: bool,
    paths: &ImagePaths,
) -> anyhow::Result<(Project, Vec<String>)> {
    for _ in 0..MAX_ROUNDS {
        let rendered = scaffold::render(&project, async_worker, paths);
        let scripts: Vec<(String, String)> = rendered
            .iter()
            .filter(|f| f.path.starts_with("ungleich/"))
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect();
        let added = scripts
            .iter()
            .find(|(p, _)| p == "ungleich/run")
            .map(|(_, run)| scaffold::image_adds(&project, run))
            .unwrap_or_default();
        let installed = verify::installed(&project, &added);
        let problems = verify::verify(&project, root, &scripts, &installed);
        let Some(first) = problems.first() else {
            let added = if project.dockerfile.is_some() {
                Vec::new()
            } else {
                added
            };
            return Ok((project, added));
        };
        let answer = ask(ctx, first)?;
        if let Err(e) = apply(&mut project, first.question, &answer) {
            ctx.printer.warn(&e);
        }
    }
    Err(Failure::new(
        ExitCode::InvalidInput,
        "the answers never named something the project has",
    )
    .hint("pass --server, --app-module and --worker-command")
    .into())
}

/// Asks one question on a terminal; without one, the error that names its flag.
fn ask(ctx: &Context, problem: &Unverified) -> anyhow::Result<String> {
    if !ctx.prompter.is_interactive() {
        return Err(unanswered(problem));
    }
    let what = if problem.name.is_empty() {
        problem.reason.clone()
    } else {
        format!("{}: {}", problem.name, problem.reason)
    };
    ctx.printer.warn(format!(
        "{} cannot be written as detected: {what}",
        display_script(problem)
    ));
    Ok(ctx.prompter.choose(
        problem.question.prompt(),
        &problem.candidates,
        problem.question.flag(),
    )?)
}

fn display_script(problem: &Unverified) -> String {
    if problem.script.is_empty() {
        "init".to_owned()
    } else {
        problem.script.clone()
    }
}

/// Exit 3: what could not be established, the flag that answers it and what was found.
fn unanswered(problem: &Unverified) -> anyhow::Error {
    let message = if problem.name.is_empty() {
        format!(
            "cannot write {}: {}",
            display_script(problem),
            problem.reason
        )
    } else {
        format!(
            "{} would name `{}`, which the project lacks: {}",
            display_script(problem),
            problem.name,
            problem.reason
        )
    };
    invalid(message, problem.question, &problem.candidates)
}

fn invalid(message: String, question: Question, candidates: &[String]) -> anyhow::Error {
    let flag = question.flag();
    let hint = match candidates {
        [] => format!("pass {flag}"),
        found => format!(
            "pass {flag} with one of what detection found: {}",
            found
                .iter()
                .map(|c| format!("{flag} \"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Failure::new(ExitCode::InvalidInput, message)
        .hint(hint)
        .into()
}

/// An answer taken into the project, after checking its form.
fn apply(project: &mut Project, question: Question, answer: &str) -> anyhow::Result<()> {
    let answer = answer.trim();
    match question {
        Question::ManagePy => {}
        Question::Server => {
            if !detect::SERVERS.contains(&answer) {
                return Err(invalid(
                    format!(
                        "--server {answer}: not a server /run knows ({})",
                        detect::SERVERS.join(", ")
                    ),
                    question,
                    &verify::candidates(project, question),
                ));
            }
            project.server = Some(answer.to_owned());
            if matches!(answer, "uvicorn" | "daphne" | "hypercorn") {
                project.interface = Interface::Asgi;
            } else if answer == "uwsgi" {
                project.interface = Interface::Wsgi;
            }
        }
        Question::AppModule => {
            let form = regex::Regex::new(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")
                .expect("valid pattern");
            if !form.is_match(answer) {
                return Err(invalid(
                    format!(
                        "--app-module {answer}: write it as module:callable, like shop.asgi:application"
                    ),
                    question,
                    &verify::candidates(project, question),
                ));
            }
            match project.interface {
                Interface::Wsgi => project.wsgi_application = Some(answer.to_owned()),
                Interface::Asgi => project.asgi_application = Some(answer.to_owned()),
            }
        }
        Question::WorkerCommand => {
            if answer.is_empty() {
                return Err(invalid(
                    "--worker-command: the command is empty".to_owned(),
                    question,
                    &verify::candidates(project, question),
                ));
            }
            let framework = if answer.split_whitespace().any(|w| w == "celery") {
                Framework::Celery
            } else {
                Framework::Other
            };
            let scheduler = project.worker.as_ref().and_then(|w| w.scheduler.clone());
            project.worker = Some(Worker {
                framework,
                command: answer.to_owned(),
                scheduler: scheduler.filter(|_| framework != Framework::Celery),
                evidence: "given as --worker-command".to_owned(),
                found: None,
            });
        }
    }
    Ok(())
}
