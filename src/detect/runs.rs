//! What the project itself runs, read from the files that run it, in order of trust: its
//! Dockerfiles' `CMD`/`ENTRYPOINT` (and the scripts they call), a Procfile, compose files'
//! `command`, and pyproject task runners' commands. Each command keeps the file and line it came
//! from, so every field detected from one can show its evidence.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Interface;
use super::source::{self, is_skipped_dir};

/// Where a detected value came from: a file of the project and the line in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Relative to the repository root.
    pub file: String,
    /// 1-based; `None` when the value comes from the file as a whole (a lock file's presence).
    pub line: Option<usize>,
    /// What was found there, as written.
    pub found: String,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => write!(f, "{}", self.file),
        }
    }
}

/// One command the project runs, split into words as a shell would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunCommand {
    pub words: Vec<String>,
    pub evidence: Evidence,
}

/// The server a command of the project runs, and what it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUse {
    pub server: String,
    /// `module:callable`.
    pub target: Option<String>,
    pub interface: Option<Interface>,
    pub evidence: Evidence,
}

/// A Celery worker a command of the project runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeleryUse {
    /// The `-A` value as written.
    pub app: String,
    pub evidence: Evidence,
}

/// The servers detection recognises in a command, as their program names.
pub const SERVER_PROGRAMS: &[&str] = &[
    "gunicorn",
    "uvicorn",
    "daphne",
    "hypercorn",
    "granian",
    "uwsgi",
];

/// Every command the project runs, most trusted first.
#[must_use]
pub fn commands(root: &Path) -> Vec<RunCommand> {
    let mut out = Vec::new();
    for dockerfile in dockerfiles(root) {
        dockerfile_commands(root, &dockerfile, &mut out);
    }
    let procfile = root.join("Procfile");
    if procfile.is_file() {
        for (n, line) in source::read(&procfile).lines().enumerate() {
            if let Some((_, command)) = line.split_once(':') {
                push_shell(root, &procfile, n + 1, command, &mut out);
            }
        }
    }
    for compose in compose_files(root) {
        for (n, line) in source::read(&compose).lines().enumerate() {
            let line = line.trim();
            let Some(value) = line
                .strip_prefix("command:")
                .or_else(|| line.strip_prefix("entrypoint:"))
            else {
                continue;
            };
            push_shell(root, &compose, n + 1, &flow_list(value.trim()), &mut out);
        }
    }
    pyproject_commands(root, &mut out);
    out
}

/// The packages a Dockerfile of the project installs by hand (`RUN pip install gunicorn`).
#[must_use]
pub fn hand_installed(root: &Path) -> Vec<(String, Evidence)> {
    let mut out = Vec::new();
    for dockerfile in dockerfiles(root) {
        for (line_no, instruction) in instructions(&source::read(&dockerfile)) {
            let Some(rest) = strip_instruction(&instruction, "RUN") else {
                continue;
            };
            for segment in segments(rest) {
                let words = program_words(&segment);
                let installs = match words.first().map(String::as_str) {
                    Some("pip" | "pip3") => words.get(1).is_some_and(|w| w == "install"),
                    Some("uv") => words.get(1).is_some_and(|w| w == "pip"),
                    _ => false,
                };
                if !installs {
                    continue;
                }
                for word in words.iter().skip(2).filter(|w| !w.starts_with('-')) {
                    if word == "install" || word.contains('/') || word.contains('$') {
                        continue;
                    }
                    out.push((
                        super::deps::requirement_name(word),
                        Evidence {
                            file: rel(root, &dockerfile),
                            line: Some(line_no),
                            found: instruction.clone(),
                        },
                    ));
                }
            }
        }
    }
    out
}

/// The first server the commands run.
#[must_use]
pub fn server(root: &Path, commands: &[RunCommand]) -> Option<ServerUse> {
    commands.iter().find_map(|c| server_of(root, c))
}

/// The Celery app of the first `celery ... worker` command.
#[must_use]
pub fn celery(commands: &[RunCommand]) -> Option<CeleryUse> {
    commands.iter().find_map(|c| {
        let words = program_words_of(&c.words);
        if words.first().map(String::as_str) != Some("celery")
            || !words.iter().any(|w| w == "worker")
        {
            return None;
        }
        option_value(&words, &["-A", "--app"]).map(|app| CeleryUse {
            app,
            evidence: c.evidence.clone(),
        })
    })
}

fn server_of(root: &Path, command: &RunCommand) -> Option<ServerUse> {
    let words = program_words_of(&command.words);
    let server = words.first()?.clone();
    if !SERVER_PROGRAMS.contains(&server.as_str()) {
        return None;
    }
    let args = &words[1..];
    let positional = positional_target(args);
    let (target, interface) = match server.as_str() {
        "gunicorn" => {
            let class = option_value(args, &["-k", "--worker-class"]);
            let asgi = class.is_some_and(|c| c.contains("uvicorn") || c.contains("Uvicorn"));
            (
                positional.map(|t| with_callable(&t)),
                Some(if asgi {
                    Interface::Asgi
                } else {
                    Interface::Wsgi
                }),
            )
        }
        "granian" => {
            let interface = match option_value(args, &["--interface"]).as_deref() {
                Some("wsgi") => Some(Interface::Wsgi),
                Some("asgi" | "asginl") => Some(Interface::Asgi),
                _ => None,
            };
            (positional.map(|t| with_callable(&t)), interface)
        }
        "uwsgi" => (uwsgi_target(root, args), Some(Interface::Wsgi)),
        _ => (positional.map(|t| with_callable(&t)), Some(Interface::Asgi)),
    };
    Some(ServerUse {
        server,
        target,
        interface,
        evidence: command.evidence.clone(),
    })
}

/// `proj.wsgi` → `proj.wsgi:application`, as gunicorn and uvicorn's defaults would not: both
/// need the callable, except gunicorn, whose default is `application`.
fn with_callable(target: &str) -> String {
    if target.contains(':') {
        target.to_owned()
    } else {
        format!("{target}:application")
    }
}

/// The first argument that reads as `module:callable` or a dotted module, skipping option values.
pub(super) fn positional_target(args: &[String]) -> Option<String> {
    let re = regex::Regex::new(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*(\(\))?)?$")
        .expect("valid pattern");
    let mut skip = false;
    for arg in args {
        if skip {
            skip = false;
            continue;
        }
        if arg.starts_with('-') {
            // `--bind 0.0.0.0:8000`: an option without `=` whose value is the next word.
            skip = !arg.contains('=') && !FLAGS_WITHOUT_VALUE.contains(&arg.as_str());
            continue;
        }
        if re.is_match(arg) && (arg.contains(':') || arg.contains('.')) {
            return Some(arg.trim_end_matches("()").to_owned());
        }
    }
    None
}

/// Options of the servers that take no value (the rest take one, which is skipped).
const FLAGS_WITHOUT_VALUE: &[&str] = &[
    "--reload",
    "--factory",
    "--proxy-headers",
    "--no-access-log",
    "--access-log",
    "--preload",
    "--daemon",
    "-D",
    "--master",
    "--die-on-term",
    "--need-app",
    "--enable-threads",
    "--lazy-apps",
    "--use-colors",
    "--no-server-header",
    "--capture-output",
    "--respawn-failed-workers",
    "-v",
    "--verbose",
];

/// uwsgi's `--module`/`-w`, or the `module` of the ini file it is given.
fn uwsgi_target(root: &Path, args: &[String]) -> Option<String> {
    if let Some(module) = option_value(args, &["--module", "-w", "--wsgi"]) {
        return Some(with_callable(&module.replace('/', ".")));
    }
    let ini = option_value(args, &["--ini"])
        .or_else(|| args.iter().find(|a| a.ends_with(".ini")).cloned())?;
    let path = [root.join(&ini), root.join(ini.trim_start_matches('/'))]
        .into_iter()
        .find(|p| p.is_file())
        .or_else(|| find_file(root, Path::new(&ini).file_name()?.to_str()?))?;
    source::read(&path).lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (matches!(key.trim(), "module" | "wsgi")).then(|| with_callable(value.trim()))
    })
}

/// The value of the first of `names` in the words: `-A x`, `--app x`, `--app=x`, `-Ax`.
fn option_value(words: &[String], names: &[&str]) -> Option<String> {
    for (i, word) in words.iter().enumerate() {
        for name in names {
            if word == name {
                return words.get(i + 1).cloned();
            }
            if let Some(value) = word.strip_prefix(&format!("{name}=")) {
                return Some(value.to_owned());
            }
            if name.len() == 2
                && word.len() > 2
                && !word.starts_with("--")
                && let Some(value) = word.strip_prefix(name)
            {
                return Some(value.to_owned());
            }
        }
    }
    None
}

/// The words from the program on: without `exec`, variable assignments, `env`, runners
/// (`poetry run`, `uv run`, ...), `python -m`, and a path before the program's name.
#[must_use]
pub fn program_words_of(words: &[String]) -> Vec<String> {
    let mut rest: &[String] = words;
    loop {
        let Some(first) = rest.first() else {
            return Vec::new();
        };
        let name = first.rsplit('/').next().unwrap_or(first);
        let is_assignment = first.contains('=')
            && first.split('=').next().is_some_and(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if is_assignment || matches!(name, "exec" | "env" | "nohup" | "tini" | "dumb-init" | "--") {
            rest = &rest[1..];
        } else if (matches!(name, "poetry" | "uv" | "pipenv" | "pdm" | "rye" | "hatch")
            && rest.get(1).is_some_and(|w| w == "run"))
            || (name.starts_with("python") && rest.get(1).is_some_and(|w| w == "-m"))
        {
            rest = &rest[2..];
        } else {
            let mut out = rest.to_vec();
            out[0] = name.to_owned();
            return out;
        }
    }
}

fn program_words(segment: &str) -> Vec<String> {
    program_words_of(&split_words(segment))
}

/// A line of shell split into the commands it runs (`a && b; c | d`).
pub(super) fn segments(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (None, ';' | '|' | '&' | '\n') => {
                if chars.peek() == Some(&c) {
                    chars.next();
                }
                out.push(std::mem::take(&mut current));
            }
            (None, c) => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Words as sh splits them, quotes removed (no expansion).
#[must_use]
pub fn split_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            (None, '#') if !in_word => break,
            (None, c) => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(current);
    }
    out
}

/// `["a", "b"]` (a JSON or YAML flow list) as the shell line `a b`; anything else unchanged.
fn flow_list(value: &str) -> String {
    match serde_json::from_str::<Vec<String>>(&value.replace('\'', "\"")) {
        Ok(words) => words
            .iter()
            .map(|w| shell_quote(w))
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => value.trim_matches(|c| c == '"' || c == '\'').to_owned(),
    }
}

/// A word quoted for sh when it needs it.
#[must_use]
pub fn shell_quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+${}".contains(c))
    {
        word.to_owned()
    } else {
        format!("\"{}\"", word.replace('"', "\\\""))
    }
}

fn push_shell(root: &Path, file: &Path, line: usize, text: &str, out: &mut Vec<RunCommand>) {
    for segment in segments(text) {
        let words = split_words(&segment);
        if words.is_empty() {
            continue;
        }
        out.push(RunCommand {
            words,
            evidence: Evidence {
                file: rel(root, file),
                line: Some(line),
                found: text.trim().to_owned(),
            },
        });
    }
}

/// Dockerfile instructions, continuation lines joined, each with the line it starts on.
fn instructions(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if current.is_none() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        let (start, mut text) = current.take().unwrap_or((n + 1, String::new()));
        if let Some(body) = trimmed.strip_suffix('\\') {
            text.push_str(body);
            text.push(' ');
            current = Some((start, text));
        } else {
            text.push_str(trimmed);
            out.push((start, text));
        }
    }
    out.extend(current);
    out
}

fn strip_instruction<'a>(instruction: &'a str, name: &str) -> Option<&'a str> {
    let (first, rest) = instruction.split_once(char::is_whitespace)?;
    first.eq_ignore_ascii_case(name).then_some(rest.trim())
}

/// The `CMD` and `ENTRYPOINT` of a Dockerfile, and the lines of the scripts they run.
fn dockerfile_commands(root: &Path, dockerfile: &Path, out: &mut Vec<RunCommand>) {
    let text = source::read(dockerfile);
    let all = instructions(&text);
    for (line, instruction) in &all {
        let Some(rest) = strip_instruction(instruction, "CMD")
            .or_else(|| strip_instruction(instruction, "ENTRYPOINT"))
        else {
            continue;
        };
        let shell = flow_list(rest);
        let before = out.len();
        push_shell(root, dockerfile, *line, &shell, out);
        for command in &mut out[before..] {
            command.evidence.found.clone_from(instruction);
        }
        let programs: Vec<String> = out[before..]
            .iter()
            .filter_map(|c| c.words.first().cloned())
            .chain(out[before..].iter().filter_map(|c| c.words.get(1).cloned()))
            .collect();
        for program in programs {
            // init's own scripts are what it wrote, not what the project runs: reading them back
            // would keep a first guess forever.
            if let Some(script) = script_in_tree(root, dockerfile, &all, &program)
                && !script.starts_with(root.join("ungleich"))
            {
                for (n, line) in source::read(&script).lines().enumerate() {
                    if !line.trim_start().starts_with('#') {
                        push_shell(root, &script, n + 1, line, out);
                    }
                }
            }
        }
    }
}

/// The project's file behind a program a Dockerfile runs: a `COPY src dest` whose destination
/// is that program, or a file of that name in the tree.
fn script_in_tree(
    root: &Path,
    dockerfile: &Path,
    instructions: &[(usize, String)],
    program: &str,
) -> Option<PathBuf> {
    if !(program.ends_with(".sh") || program.starts_with('/') || program.starts_with("./")) {
        return None;
    }
    let context = dockerfile.parent().unwrap_or(root);
    for (_, instruction) in instructions {
        let Some(rest) = strip_instruction(instruction, "COPY") else {
            continue;
        };
        let words: Vec<String> = split_words(rest)
            .into_iter()
            .filter(|w| !w.starts_with("--"))
            .collect();
        if let [sources @ .., dest] = words.as_slice()
            && (dest == program || dest.trim_end_matches('/') == program)
            && let [source] = sources
        {
            for base in [root, context] {
                let path = base.join(source);
                if path.is_file() {
                    return Some(path);
                }
            }
        }
    }
    let name = Path::new(program).file_name()?.to_str()?;
    let direct = root.join(program.trim_start_matches("./").trim_start_matches('/'));
    if direct.is_file() {
        return Some(direct);
    }
    find_file(root, name)
}

/// A file named `name` in the tree, three folders deep at most.
fn find_file(root: &Path, name: &str) -> Option<PathBuf> {
    let mut level = vec![root.to_owned()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for dir in &level {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .collect();
            entries.sort_by_key(std::fs::DirEntry::file_name);
            for entry in entries {
                let path = entry.path();
                if path.is_file() && entry.file_name() == name {
                    return Some(path);
                }
                if path.is_dir() && !is_skipped_dir(&entry.file_name().to_string_lossy()) {
                    next.push(path);
                }
            }
        }
        level = next;
    }
    None
}

/// The project's Dockerfiles: `Dockerfile`, `Containerfile` and `*.Dockerfile`/`Dockerfile.*`,
/// at the root first, then up to three folders down.
fn dockerfiles(root: &Path) -> Vec<PathBuf> {
    files_named(root, |name| {
        name == "Dockerfile"
            || name == "Containerfile"
            || name.starts_with("Dockerfile.")
            || name.ends_with(".Dockerfile")
    })
}

fn compose_files(root: &Path) -> Vec<PathBuf> {
    files_named(root, |name| {
        (name.starts_with("docker-compose") || name.starts_with("compose"))
            && (name.ends_with(".yml") || name.ends_with(".yaml"))
    })
}

/// Files whose name passes `wanted`, shallowest first, in a stable order.
fn files_named(root: &Path, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut level = vec![root.to_owned()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for dir in &level {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .collect();
            entries.sort_by_key(std::fs::DirEntry::file_name);
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                if path.is_file() && wanted(&name) {
                    out.push(path);
                } else if path.is_dir()
                    && !is_skipped_dir(&name)
                    && !super::settings::is_not_project_dir(&name)
                {
                    next.push(path);
                }
            }
        }
        level = next;
    }
    out
}

/// Commands of the task runners pyproject.toml configures (poe, pdm, taskipy, rye, hatch).
fn pyproject_commands(root: &Path, out: &mut Vec<RunCommand>) {
    let path = root.join("pyproject.toml");
    let text = source::read(&path);
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let tool = table.get("tool");
    let mut tables: Vec<&toml::Value> = [
        tool.and_then(|t| t.get("poe")).and_then(|p| p.get("tasks")),
        tool.and_then(|t| t.get("pdm"))
            .and_then(|p| p.get("scripts")),
        tool.and_then(|t| t.get("taskipy"))
            .and_then(|p| p.get("tasks")),
        tool.and_then(|t| t.get("rye"))
            .and_then(|p| p.get("scripts")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(envs) = tool
        .and_then(|t| t.get("hatch"))
        .and_then(|h| h.get("envs"))
        .and_then(toml::Value::as_table)
    {
        tables.extend(envs.values().filter_map(|e| e.get("scripts")));
    }
    for value in tables
        .iter()
        .filter_map(|t| t.as_table())
        .flat_map(|t| t.values())
    {
        let command = match value {
            toml::Value::String(s) => Some(s.as_str()),
            toml::Value::Table(t) => ["cmd", "shell", "cmd"]
                .iter()
                .find_map(|k| t.get(*k).and_then(toml::Value::as_str)),
            _ => None,
        };
        let Some(command) = command else { continue };
        let line = text
            .lines()
            .position(|l| l.contains(command.lines().next().unwrap_or(command)))
            .map(|n| n + 1);
        let before = out.len();
        push_shell(root, &path, line.unwrap_or(1), command, out);
        for c in &mut out[before..] {
            c.evidence.line = line;
        }
    }
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        split_words(text)
    }

    #[test]
    fn servers_and_their_targets_in_the_spellings_projects_use() {
        let root = Path::new("/nonexistent");
        let cases: &[(&str, &str, Option<&str>, Option<Interface>)] = &[
            (
                "uvicorn shop.asgi:application --host 0.0.0.0",
                "uvicorn",
                Some("shop.asgi:application"),
                Some(Interface::Asgi),
            ),
            (
                "exec gunicorn -b 0.0.0.0:8000 -k uvicorn.workers.UvicornWorker proj.asgi:app",
                "gunicorn",
                Some("proj.asgi:app"),
                Some(Interface::Asgi),
            ),
            (
                "poetry run gunicorn proj.wsgi",
                "gunicorn",
                Some("proj.wsgi:application"),
                Some(Interface::Wsgi),
            ),
            (
                "PORT=1 python -m granian --interface wsgi --port 8000 proj.wsgi:application",
                "granian",
                Some("proj.wsgi:application"),
                Some(Interface::Wsgi),
            ),
            (
                "/opt/venv/bin/daphne -b 0.0.0.0 -p 8000 proj.asgi:application",
                "daphne",
                Some("proj.asgi:application"),
                Some(Interface::Asgi),
            ),
            (
                "uwsgi --http :8000 --module proj.wsgi:application --master",
                "uwsgi",
                Some("proj.wsgi:application"),
                Some(Interface::Wsgi),
            ),
            (
                "hypercorn proj.asgi:application --bind 0.0.0.0:8000",
                "hypercorn",
                Some("proj.asgi:application"),
                Some(Interface::Asgi),
            ),
        ];
        for (line, server, target, interface) in cases {
            let command = RunCommand {
                words: words(line),
                evidence: Evidence {
                    file: "Procfile".into(),
                    line: Some(1),
                    found: (*line).into(),
                },
            };
            let found = server_of(root, &command).unwrap();
            assert_eq!(found.server, *server, "{line}");
            assert_eq!(found.target.as_deref(), *target, "{line}");
            assert_eq!(found.interface, *interface, "{line}");
        }
    }

    #[test]
    fn celery_apps_in_worker_commands() {
        let command = |line: &str| RunCommand {
            words: words(line),
            evidence: Evidence {
                file: "Procfile".into(),
                line: Some(2),
                found: line.into(),
            },
        };
        for (line, app) in [
            ("celery -A proj worker -l info", Some("proj")),
            (
                "exec celery --app=proj.worker:app worker",
                Some("proj.worker:app"),
            ),
            ("celery -Aproj worker", Some("proj")),
            ("celery -A proj beat", None),
        ] {
            assert_eq!(
                celery(&[command(line)]).map(|c| c.app).as_deref(),
                app,
                "{line}"
            );
        }
    }

    #[test]
    fn shell_lines_split_into_commands() {
        assert_eq!(
            segments("python manage.py migrate && exec gunicorn 'a b'; echo \"x;y\""),
            [
                "python manage.py migrate",
                "exec gunicorn 'a b'",
                "echo \"x;y\""
            ]
        );
        assert_eq!(
            flow_list("[\"uvicorn\", \"a.asgi:app\"]"),
            "uvicorn a.asgi:app"
        );
        assert_eq!(
            words("gunicorn 'a b' \"$X\" # note"),
            ["gunicorn", "a b", "$X"]
        );
    }
}
