//! Reading a Python project without running it: the files to look at and the literal values that
//! can be read off them with a pattern. Good enough for settings and entry points, which are
//! written as plain assignments in nearly every project.

use std::path::{Path, PathBuf};

use regex::Regex;

/// Folders that never hold the project's own code.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".venv",
    "venv",
    "env",
    ".env",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "site-packages",
    "dist",
    "build",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "static",
    "media",
    "migrations",
    "docs",
];

/// True for a directory the walk must not enter.
pub fn is_skipped_dir(name: &str) -> bool {
    SKIPPED_DIRS.contains(&name) || (name.starts_with('.') && name.len() > 1)
}

/// Every `.py` file below `root`, at most `depth` folders deep, in a stable order.
pub fn python_files(root: &Path, depth: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(root, depth, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth > 0 && !is_skipped_dir(&name) {
                walk(&path, depth - 1, out);
            }
        } else if kind.is_file() && name.ends_with(".py") {
            out.push(path);
        }
    }
}

/// The text of a file, or empty when it cannot be read (detection never fails on one file).
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The string literal assigned to `name` at the start of a line: `NAME = "value"`.
pub fn string_assignment(text: &str, name: &str) -> Option<String> {
    let pattern = format!(
        r#"(?m)^\s*{}\s*(?::\s*\w+\s*)?=\s*[rbuf]?["']([^"'\n]+)["']"#,
        regex::escape(name)
    );
    Regex::new(&pattern)
        .ok()?
        .captures(text)
        .map(|c| c[1].to_owned())
}

/// The right-hand side of the last top-level assignment to `name`, through the end of its
/// bracket (so a multi-line list or dict comes whole). Comments are left in.
pub fn assignment_rhs(text: &str, name: &str) -> Option<String> {
    let pattern = format!(r"(?m)^{}\s*(?::[^=\n]+)?=([^=].*)$", regex::escape(name));
    let re = Regex::new(&pattern).ok()?;
    let found = re.captures_iter(text).last()?;
    let start = found.get(1)?.start();
    Some(balanced_expression(&text[start..]))
}

/// From `text`, the expression up to the end of the line where every bracket opened is closed.
fn balanced_expression(text: &str) -> String {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '\n') if depth <= 0 => return text[..i].to_owned(),
            _ => {}
        }
    }
    text.to_owned()
}

/// True when an expression reads the environment: `os.environ`, `os.getenv`, django-environ's
/// `env(...)`/`env.str(...)`, python-decouple's `config(...)`, and the like.
pub fn reads_environment(expr: &str) -> bool {
    static PATTERN: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(
                r"\b(os\.environ|environ\.get|environ\[|getenv\(|env(\.\w+)?\(|config\(|get_env\w*\(|env_\w+\(|dj_database_url|db_url\()",
            )
            .expect("valid pattern")
        })
        .is_match(expr)
}

/// The dotted module path of a Python file relative to the import root (`proj/settings/prod.py`
/// → `proj.settings.prod`; a package's `__init__.py` names the package).
pub fn module_name(import_root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(import_root).ok()?;
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".py")?;
    if stem != "__init__" {
        parts.push(stem.to_owned());
    }
    (!parts.is_empty()).then(|| parts.join("."))
}

/// The file of a dotted module below the import root: `a/b.py` or `a/b/__init__.py`.
pub fn module_file(import_root: &Path, module: &str) -> Option<PathBuf> {
    let base = module
        .split('.')
        .fold(import_root.to_owned(), |path, part| path.join(part));
    let file = base.with_extension("py");
    if file.is_file() {
        return Some(file);
    }
    let package = base.join("__init__.py");
    package.is_file().then_some(package)
}

/// The line (1-based) where a module defines `name` at its top level: an assignment, a `def`
/// or `class`, or an import that binds it.
pub fn defines(text: &str, name: &str) -> Option<usize> {
    let n = regex::escape(name);
    let pattern = format!(
        r"^(?:{n}\s*(?::[^=\n]+)?=[^=]|(?:async\s+)?def\s+{n}\s*\(|class\s+{n}\b|(?:from\s+\S+\s+)?import\s+.*\b(?:as\s+)?{n}\s*(?:,|$|\)))"
    );
    let re = Regex::new(&pattern).ok()?;
    // A parenthesised import spans lines: `from x import (\n    a,\n    application,\n)`.
    let mut in_import = false;
    for (i, line) in text.lines().enumerate() {
        if re.is_match(line) {
            return Some(i + 1);
        }
        if line.starts_with("from ") && line.contains("import (") {
            in_import = true;
        } else if in_import {
            let word = line.trim().trim_end_matches(',');
            let bound = word.rsplit(" as ").next().unwrap_or(word).trim();
            if bound == name {
                return Some(i + 1);
            }
            if line.contains(')') {
                in_import = false;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_assignments_are_read_in_their_common_spellings() {
        let cases = [
            (
                "WSGI_APPLICATION = 'proj.wsgi.application'\n",
                Some("proj.wsgi.application"),
            ),
            (
                "WSGI_APPLICATION: str = \"x.wsgi.app\"\n",
                Some("x.wsgi.app"),
            ),
            ("# WSGI_APPLICATION = 'no'\n", None),
            ("WSGI_APPLICATION = get()\n", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                string_assignment(text, "WSGI_APPLICATION").as_deref(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn multi_line_right_hand_sides_come_whole() {
        let text = "DATABASES = {\n    'default': env.db('DATABASE_URL'),\n}\nDEBUG = False\n";
        let rhs = assignment_rhs(text, "DATABASES").unwrap();
        assert!(rhs.contains("env.db") && !rhs.contains("DEBUG"), "{rhs}");
        assert_eq!(assignment_rhs(text, "DEBUG").unwrap().trim(), "False");
        assert_eq!(assignment_rhs("DEBUG == 1\n", "DEBUG"), None);
    }

    #[test]
    fn top_level_definitions_are_found_with_their_line() {
        let text = "import os\nfrom .wrappers import (\n    wrap,\n    make as application2,\n)\napplication = wrap(base)\n\ndef main():\n    app = 1\n";
        assert_eq!(defines(text, "application"), Some(6));
        assert_eq!(defines(text, "application2"), Some(4));
        assert_eq!(defines(text, "main"), Some(8));
        assert_eq!(
            defines(text, "app"),
            None,
            "an indented assignment is not top level"
        );
        assert_eq!(defines("from x import y as app\n", "app"), Some(1));
        assert_eq!(defines("application == 1\n", "application"), None);
    }

    #[test]
    fn environment_reads_are_recognised() {
        for yes in [
            "os.environ['SECRET_KEY']",
            "os.getenv('DEBUG', '0') == '1'",
            "env('SECRET_KEY')",
            "env.bool('DEBUG', default=False)",
            "config('ALLOWED_HOSTS', cast=Csv())",
            "dj_database_url.config(conn_max_age=600)",
        ] {
            assert!(reads_environment(yes), "{yes}");
        }
        for no in ["'django-insecure-abc'", "True", "['*']"] {
            assert!(!reads_environment(no), "{no}");
        }
    }
}
