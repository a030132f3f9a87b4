//! The rule that init never writes a command naming something the project lacks: every program
//! the contract scripts `exec`, every `module:callable` they serve, every `-A` Celery app and
//! worker class is resolved against the project's tree and the packages the image installs,
//! before anything is written. What does not resolve becomes a question, with the candidates
//! detection found and the flag that answers it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::deps::normalise;
use super::runs::{positional_target, program_words_of, split_words};
use super::{Interface, Project, SERVERS, source};

/// A question verification leaves for the person (or the flag) to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// Which manage.py, when the tree has several.
    ManagePy,
    /// The server `/run` execs.
    Server,
    /// The `module:callable` `/run` serves.
    AppModule,
    /// The command `/async` execs.
    WorkerCommand,
}

impl Question {
    /// The flag that answers it.
    #[must_use]
    pub fn flag(self) -> &'static str {
        match self {
            Question::ManagePy => "--manage-py",
            Question::Server => "--server",
            Question::AppModule => "--app-module",
            Question::WorkerCommand => "--worker-command",
        }
    }

    /// The question as asked on a terminal.
    #[must_use]
    pub fn prompt(self) -> &'static str {
        match self {
            Question::ManagePy => "Which manage.py is the project's",
            Question::Server => "Which server should /run exec",
            Question::AppModule => "Which application should /run serve (module:callable)",
            Question::WorkerCommand => "Which command should /async exec",
        }
    }
}

/// Something a script names that neither the tree nor the image has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unverified {
    pub question: Question,
    /// The script, as `ungleich/run`.
    pub script: String,
    /// What it names.
    pub name: String,
    /// Why it does not resolve.
    pub reason: String,
    /// What detection found that could answer instead.
    pub candidates: Vec<String>,
}

/// The programs of the contract scripts and the packages that install them.
const PROGRAM_PACKAGES: &[(&str, &[&str])] = &[
    ("gunicorn", &["gunicorn"]),
    ("uvicorn", &["uvicorn", "uvicorn-worker"]),
    ("daphne", &["daphne", "channels[daphne]"]),
    ("hypercorn", &["hypercorn"]),
    ("granian", &["granian"]),
    ("uwsgi", &["uwsgi", "pyuwsgi"]),
    ("celery", &["celery"]),
    ("dramatiq", &["dramatiq", "django-dramatiq"]),
];

/// The package that installs a server program.
#[must_use]
pub fn package_of(program: &str) -> Option<&'static str> {
    PROGRAM_PACKAGES
        .iter()
        .find(|(p, _)| *p == program)
        .map(|(_, packages)| packages[0])
}

/// The packages the image has: the dependencies, and what its Dockerfile adds (the generated
/// one's additions, or what a kept one installs by hand).
#[must_use]
pub fn installed(project: &Project, added: &[String]) -> BTreeSet<String> {
    let mut names = project.dependencies.clone();
    if project.dockerfile.is_some() {
        names.extend(project.hand_installed.iter().cloned());
    } else {
        names.extend(added.iter().map(|a| normalise(a)));
    }
    names
}

/// Checks every script (`(path, contents)`) against the tree at `root` and the `installed`
/// packages. `/run` missing from `scripts` means it could not be written: its application is
/// not known.
#[must_use]
pub fn verify(
    project: &Project,
    root: &Path,
    scripts: &[(String, String)],
    installed: &BTreeSet<String>,
) -> Vec<Unverified> {
    let tree = Tree::new(project, root);
    let mut out = Vec::new();
    if !scripts.iter().any(|(p, _)| p == "ungleich/run") {
        let (question, reason) = if project.server.is_none() {
            (
                Question::Server,
                "no production server among the dependencies, nor in a command the project runs",
            )
        } else {
            (
                Question::AppModule,
                "no application to serve was found (no WSGI/ASGI setting, no wsgi.py or asgi.py, no server command in the project)",
            )
        };
        out.push(tree.unverified(question, "ungleich/run", "", reason));
    }
    for (path, text) in scripts {
        let question = if path.ends_with("async") {
            Question::WorkerCommand
        } else {
            Question::Server
        };
        for words in exec_lines(text) {
            out.extend(
                tree.check_command(question, path, &words, installed)
                    .into_iter()
                    .map(|(q, name, reason)| tree.unverified(q, path, &name, &reason)),
            );
        }
    }
    out
}

/// The words of each `exec` line of a script (continuation lines joined).
#[must_use]
pub fn exec_lines(script: &str) -> Vec<Vec<String>> {
    script
        .replace("\\\n", " ")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("exec "))
        .map(|rest| program_words_of(&split_words(rest)))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The project's tree as imports see it.
struct Tree<'a> {
    project: &'a Project,
    import_roots: Vec<PathBuf>,
    app_dir: PathBuf,
}

impl<'a> Tree<'a> {
    fn new(project: &'a Project, root: &Path) -> Self {
        let app_dir = root.join(project.app_dir());
        Tree {
            project,
            import_roots: vec![app_dir.clone(), root.to_owned(), root.join("src")],
            app_dir,
        }
    }

    fn unverified(&self, question: Question, script: &str, name: &str, reason: &str) -> Unverified {
        Unverified {
            question,
            script: script.to_owned(),
            name: name.to_owned(),
            reason: reason.to_owned(),
            candidates: candidates(self.project, question),
        }
    }

    /// `(question, name, reason)` for each name of the command that does not resolve.
    fn check_command(
        &self,
        question: Question,
        _script: &str,
        words: &[String],
        installed: &BTreeSet<String>,
    ) -> Vec<(Question, String, String)> {
        let program = words[0].as_str();
        let args = &words[1..];
        let mut out = Vec::new();
        if program.starts_with("python") {
            if args.first().is_some_and(|a| a == "manage.py")
                && !self.app_dir.join("manage.py").is_file()
            {
                out.push((
                    question,
                    "manage.py".to_owned(),
                    "there is no manage.py in the folder the script runs in".to_owned(),
                ));
            }
            return out;
        }
        if program.contains('/') {
            let exists = self.import_roots.iter().any(|r| r.join(program).is_file());
            if !exists {
                out.push((
                    question,
                    program.to_owned(),
                    "no such file in the project".to_owned(),
                ));
            }
            return out;
        }
        let Some((_, packages)) = PROGRAM_PACKAGES.iter().find(|(p, _)| *p == program) else {
            out.push((
                question,
                program.to_owned(),
                "not a program init knows the image installs".to_owned(),
            ));
            return out;
        };
        if !packages.iter().any(|p| installed.contains(&normalise(p))) {
            out.push((
                question,
                program.to_owned(),
                match &self.project.dockerfile {
                    // init never changes a Dockerfile it did not write: the dependencies must
                    // bring the program.
                    Some(kept) => format!(
                        "{program} is neither among the dependencies nor installed by {} (kept as it is): add {program} to your dependencies",
                        kept.path
                    ),
                    None => format!("{program} is not among the dependencies"),
                },
            ));
        }
        out.extend(self.check_arguments(program, question, args, installed));
        out
    }

    /// The names in a program's arguments: the application a server serves, its worker class,
    /// Celery's `-A` app.
    fn check_arguments(
        &self,
        program: &str,
        question: Question,
        args: &[String],
        installed: &BTreeSet<String>,
    ) -> Vec<(Question, String, String)> {
        let mut out = Vec::new();
        let app_question = if question == Question::Server {
            Question::AppModule
        } else {
            question
        };
        match program {
            "celery" => out.extend(self.check_celery(question, args)),
            "uwsgi" => {
                let module = option(args, "--module");
                match module {
                    Some(target) => out.extend(self.check_target(app_question, &target)),
                    None => out.push((
                        app_question,
                        "uwsgi".to_owned(),
                        "uwsgi is given no --module".to_owned(),
                    )),
                }
            }
            "gunicorn" | "uvicorn" | "daphne" | "hypercorn" | "granian" => {
                match positional_target(args) {
                    Some(target) => out.extend(self.check_target(app_question, &target)),
                    None => out.push((
                        app_question,
                        program.to_owned(),
                        format!("{program} is given no application"),
                    )),
                }
                if let Some(class) = option(args, "--worker-class") {
                    let package = class.split('.').next().unwrap_or("").replace('_', "-");
                    if !installed.contains(&normalise(&package)) {
                        out.push((
                            Question::Server,
                            class.clone(),
                            format!(
                                "the worker class needs {package}, which the image does not install"
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// `module:callable` (or a module, whose callable is `application`) defined in the tree.
    fn check_target(&self, question: Question, target: &str) -> Option<(Question, String, String)> {
        let (module, callable) = target.split_once(':').unwrap_or((target, "application"));
        let callable = callable.trim_end_matches("()");
        let Some(file) = self.module_file(module) else {
            return Some((
                question,
                target.to_owned(),
                format!("there is no module {module} in the project"),
            ));
        };
        if source::defines(&source::read(&file), callable).is_none() {
            return Some((
                question,
                target.to_owned(),
                format!("{module} defines no {callable}"),
            ));
        }
        None
    }

    /// `-A` names an app Celery finds as it would.
    fn check_celery(
        &self,
        question: Question,
        args: &[String],
    ) -> Option<(Question, String, String)> {
        let Some(app) = option(args, "-A").or_else(|| option(args, "--app")) else {
            return Some((question, "celery".to_owned(), "celery without -A starts Celery's default app, which runs none of the project's tasks".to_owned()));
        };
        if app.contains(':') {
            return self.check_target(question, &app);
        }
        let found = [app.clone(), format!("{app}.celery")].iter().any(|module| {
            self.module_file(module).is_some_and(|f| {
                let text = source::read(&f);
                ["app", "celery"]
                    .iter()
                    .any(|n| source::defines(&text, n).is_some())
                    || text
                        .lines()
                        .any(|l| !l.starts_with(' ') && l.contains("Celery("))
            })
        });
        (!found).then(|| {
            (
                question,
                app.clone(),
                format!("there is no Celery app in {app} (nor in {app}.celery)"),
            )
        })
    }

    fn module_file(&self, module: &str) -> Option<PathBuf> {
        self.import_roots
            .iter()
            .find_map(|r| source::module_file(r, module))
    }
}

/// The value of `--name value`, `--name=value` or (two-letter names) `-Nvalue`.
fn option(args: &[String], name: &str) -> Option<String> {
    for (i, arg) in args.iter().enumerate() {
        if arg == name {
            return args.get(i + 1).cloned();
        }
        if let Some(v) = arg.strip_prefix(&format!("{name}=")) {
            return Some(v.to_owned());
        }
        if name.len() == 2
            && arg.len() > 2
            && !arg.starts_with("--")
            && let Some(v) = arg.strip_prefix(name)
        {
            return Some(v.to_owned());
        }
    }
    None
}

/// What detection found that answers a question.
#[must_use]
pub fn candidates(project: &Project, question: Question) -> Vec<String> {
    match question {
        Question::ManagePy => project.manage_py_candidates.clone(),
        Question::Server => {
            let fits = |s: &&str| match project.interface {
                Interface::Wsgi => !matches!(*s, "uvicorn" | "daphne" | "hypercorn"),
                Interface::Asgi => *s != "uwsgi",
            };
            let (mut listed, others): (Vec<&str>, Vec<&str>) = SERVERS
                .iter()
                .copied()
                .filter(|s| fits(s))
                .partition(|s| project.dependencies.contains(*s));
            listed.extend(others);
            listed.into_iter().map(str::to_owned).collect()
        }
        Question::AppModule => {
            let kind = match project.interface {
                Interface::Wsgi => "wsgi",
                Interface::Asgi => "asgi",
            };
            let (mut of_kind, others): (Vec<String>, Vec<String>) = project
                .application_candidates
                .iter()
                .cloned()
                .partition(|c| c.contains(kind));
            of_kind.extend(others);
            of_kind
        }
        Question::WorkerCommand => project
            .celery_candidates
            .iter()
            .map(|app| format!("celery -A {app} worker"))
            .collect(),
    }
}
