//! What happens to each file init writes (create, keep, update, or print what to add by hand),
//! decided before anything is written, and the app spec it writes.

use std::path::Path;

use serde::Serialize;

use crate::context::Context;
use crate::detect::Project;
use crate::exit::{ExitCode, Failure};
use crate::gitops;
use crate::link::{self, LinkFile};
use crate::scaffold::{self, ImagePaths, Rendered};
use crate::spec::{self, AppSpec};

use super::Settings;
use super::answers::Answers;

/// What happens to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Action {
    /// It does not exist; init writes it.
    Create,
    /// It exists and stays as it is.
    Keep,
    /// It exists and init rewrites it (`--force`, or the user said yes).
    Update,
    /// It exists and is the customer's: init prints what to add instead.
    Print,
}

/// One file of the plan, as `-o json` shows it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PlannedFile {
    /// Relative to the repository root (for a separate deploy repository: its path as given).
    pub path: String,
    pub action: Action,
    /// Why a file is kept although it differs, or what to print.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What is written, for `Create` and `Update`.
    #[serde(skip)]
    pub contents: Option<Vec<u8>>,
    #[serde(skip)]
    pub executable: bool,
}

/// What happens to one file, before it is named.
struct Decision {
    action: Action,
    note: Option<String>,
    contents: Option<Vec<u8>>,
}

impl Decision {
    fn keep() -> Self {
        Decision {
            action: Action::Keep,
            note: None,
            contents: None,
        }
    }

    fn write(action: Action, contents: Vec<u8>) -> Self {
        Decision {
            action,
            note: None,
            contents: Some(contents),
        }
    }

    fn noted(self, note: impl Into<String>) -> Self {
        Decision {
            note: Some(note.into()),
            ..self
        }
    }

    fn file(self, path: String, executable: bool) -> PlannedFile {
        PlannedFile {
            path,
            action: self.action,
            note: self.note,
            contents: self.contents,
            executable,
        }
    }
}

/// The link file, the scripts, the Dockerfile and .dockerignore, each with what happens to it.
/// `rewrite_link` says an invalid link file is rewritten.
pub(super) fn source_files(
    ctx: &Context,
    settings: &Settings,
    root: &Path,
    project: &Project,
    answers: &Answers,
    paths: &ImagePaths,
    rewrite_link: bool,
) -> anyhow::Result<Vec<PlannedFile>> {
    let mut rendered = scaffold::render(project, answers.async_worker, paths);
    rendered.insert(
        0,
        Rendered {
            path: link::FILE_NAME.to_owned(),
            contents: link::render(&answers.link),
            executable: false,
        },
    );
    rendered.insert(
        1,
        Rendered {
            path: link::SCHEMA_FILE.to_owned(),
            contents: crate::generate::link_schema_json(),
            executable: false,
        },
    );
    let mut planned = Vec::new();
    for file in rendered {
        let target = root.join(&file.path);
        let decision = match std::fs::read(&target).ok() {
            None => Decision::write(Action::Create, file.contents.into_bytes()),
            Some(current) if file.path == "Dockerfile" => {
                let current = String::from_utf8_lossy(&current);
                let missing =
                    scaffold::missing_copy_lines(project, answers.async_worker, paths, &current);
                if missing.is_empty() {
                    Decision::keep()
                } else {
                    Decision {
                        action: Action::Print,
                        ..Decision::keep()
                    }
                    .noted(missing.join("\n"))
                }
            }
            // The customer's own: kept as it is.
            Some(_) if file.path == ".dockerignore" => Decision::keep(),
            Some(current) if current == file.contents.as_bytes() => {
                if !file.executable || is_executable(&target) {
                    Decision::keep()
                } else {
                    Decision::write(Action::Update, current).noted("made executable")
                }
            }
            // Written before init wrote the schema line: as good, kept.
            Some(current)
                if crate::yaml::differs_only_by_schema_line(&current, file.contents.as_bytes()) =>
            {
                Decision::keep()
            }
            // Generated from this version's types, never edited by hand: always brought up to date.
            Some(_) if file.path == link::SCHEMA_FILE => {
                Decision::write(Action::Update, file.contents.into_bytes())
            }
            Some(_) if rewrite_link && file.path == link::FILE_NAME => {
                Decision::write(Action::Update, file.contents.into_bytes())
                    .noted("was invalid; rewritten")
            }
            Some(current) => {
                let contents = file.contents.into_bytes();
                if may_overwrite(ctx, settings, &file.path, &current, &contents)? {
                    Decision::write(Action::Update, contents)
                } else {
                    Decision::keep()
                        .noted("differs from what init would write: pass --force to overwrite")
                }
            }
        };
        planned.push(decision.file(file.path, file.executable));
    }
    Ok(planned)
}

/// `--force`, or a yes from the person at the terminal (never asked in a dry run). Either way
/// the change is shown first, so nothing of the file is lost unseen.
fn may_overwrite(
    ctx: &Context,
    settings: &Settings,
    path: &str,
    current: &[u8],
    contents: &[u8],
) -> anyhow::Result<bool> {
    let asked = !settings.force && ctx.prompter.is_interactive() && !settings.dry_run;
    if !settings.force && !asked {
        return Ok(false);
    }
    if !ctx.printer.is_json() {
        let verb = if asked { "would change" } else { "changes" };
        ctx.printer.info(format!("{path} {verb}:"));
        let old = String::from_utf8_lossy(current);
        let new = String::from_utf8_lossy(contents);
        for line in crate::ui::diff::render(&old, &new, ctx.printer.palette()) {
            ctx.printer.info(format!("    {line}"));
        }
    }
    Ok(!asked
        || ctx
            .prompter
            .confirm(&format!("Overwrite {path} with these changes?"), false)?)
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 == 0o111)
}

#[cfg(not(unix))]
fn is_executable(_path: &Path) -> bool {
    true
}

/// The app spec init writes for a new app, with the scheduled commands `cron` it adds.
pub(super) fn app_spec(
    answers: &Answers,
    paths: &ImagePaths,
    cron: Vec<spec::cron::CronEntry>,
) -> anyhow::Result<AppSpec> {
    let mut spec = AppSpec::new(answers.link.app.clone());
    spec.cron = cron;
    spec.hosts.clone_from(&answers.hosts);
    spec.image.clone_from(&answers.image);
    spec.async_worker = answers.async_worker;
    spec.commands.init.clone_from(&paths.init);
    spec.commands.run.clone_from(&paths.run);
    spec.commands.async_worker.clone_from(&paths.async_worker);
    spec.validate().map_err(|(field, reason)| {
        Failure::new(ExitCode::InvalidInput, format!("invalid {field}: {reason}"))
    })?;
    Ok(spec)
}

/// app.yaml in the deploy repository, and what init warns about it.
pub(super) struct AppYamlPlan {
    pub file: PlannedFile,
    /// The app.yaml that exists is invalid.
    pub warning: Option<String>,
}

/// app.yaml in the deploy repository: created when absent, kept when present (unless --force).
/// `opened_dir` is the app's folder in the opened repository; a dry run opens none.
pub(super) fn app_yaml(
    ctx: &Context,
    settings: &Settings,
    link_file: &LinkFile,
    opened_dir: Option<&Path>,
    spec: &AppSpec,
) -> anyhow::Result<AppYamlPlan> {
    let deploy = &link_file.link.deploy;
    let contents = crate::spec::render(spec).into_bytes();
    let shown = deploy.spec_shown_path();
    let dir = match opened_dir {
        Some(dir) => dir.to_owned(),
        None if deploy.is_remote() => {
            // A dry run does not fetch: what is on the server is not known here.
            let note = format!("in {}, unless it has one already", deploy.repo);
            return Ok(AppYamlPlan {
                file: Decision::write(Action::Create, contents)
                    .noted(note)
                    .file(shown, false),
                warning: None,
            });
        }
        None => deploy.local_app_dir(
            link_file.dir(),
            gitops::repository_top(link_file.dir()).as_deref(),
        ),
    };
    let full = dir.join(spec::FILE_NAME);
    let mut warning = None;
    let decision = match std::fs::read(&full) {
        Err(_) => Decision::write(Action::Create, contents),
        Ok(current)
            if current == contents
                || crate::yaml::differs_only_by_schema_line(&current, &contents) =>
        {
            Decision::keep()
        }
        Ok(current) => {
            // Someone's app.yaml: keep it unless told otherwise, and say when it is invalid.
            let text = String::from_utf8_lossy(&current);
            let contents = match AppSpec::parse(&full, &text) {
                Ok(existing) => crate::spec::render(&rewritten(existing, spec)).into_bytes(),
                Err(e) => {
                    warning = Some(e.to_string());
                    crate::spec::render(&salvaged(&text, spec)).into_bytes()
                }
            };
            if contents == current || crate::yaml::differs_only_by_schema_line(&current, &contents)
            {
                Decision::keep()
            } else if may_overwrite(ctx, settings, &shown, &current, &contents)? {
                let note = if warning.is_some() {
                    "rewritten: it was invalid; its image and hosts kept where readable"
                } else {
                    "rewritten; its image, env and secrets revision kept"
                };
                Decision::write(Action::Update, contents).noted(note)
            } else {
                Decision::keep().noted(
                    "differs from what init would write: edit it, or pass --force to rewrite it",
                )
            }
        }
    };
    Ok(AppYamlPlan {
        file: decision.file(shown, false),
        warning,
    })
}

/// An invalid app.yaml rewritten: its `image` and `hosts`, where they can still be read and
/// are valid, survive, so that rewriting a file with a typo elsewhere never undeploys the app.
fn salvaged(text: &str, planned: &AppSpec) -> AppSpec {
    let old: serde_json::Value = serde_saphyr::from_str(text).unwrap_or_default();
    let mut spec = planned.clone();
    if spec.image.is_none() {
        spec.image = old
            .get("image")
            .and_then(|v| v.as_str())
            .filter(|image| crate::spec::image::ImageRef::parse(image).is_ok())
            .map(str::to_owned);
    }
    if spec.hosts.is_empty() {
        spec.hosts = old
            .get("hosts")
            .and_then(|v| v.as_array())
            .map(|hosts| {
                hosts
                    .iter()
                    .filter_map(|h| h.as_str())
                    .filter(|h| spec::validate_host(h).is_ok())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
    }
    spec
}

/// A valid app.yaml rewritten (--force): what init decides replaces the old values, and what
/// deploy, the secret commands and the customer set (the running image, the secrets revision,
/// env, replicas, storage) stays, so a rewrite never undeploys the app.
fn rewritten(existing: AppSpec, planned: &AppSpec) -> AppSpec {
    AppSpec {
        name: planned.name.clone(),
        image: planned.image.clone().or(existing.image),
        hosts: if planned.hosts.is_empty() {
            existing.hosts
        } else {
            planned.hosts.clone()
        },
        async_worker: planned.async_worker,
        commands: planned.commands.clone(),
        // The entries there are stay; init adds only what the offer took (never one of theirs twice).
        cron: existing
            .cron
            .iter()
            .cloned()
            .chain(
                planned
                    .cron
                    .iter()
                    .filter(|e| !existing.cron.iter().any(|x| x.name == e.name))
                    .cloned(),
            )
            .collect(),
        ..existing
    }
}
