//! The check every init test runs on what init wrote: each program `/run` and `/async` exec,
//! each `module:callable` they serve, each `-A` Celery app and worker class, resolved against the
//! project's tree and the packages its dependencies and Dockerfile install. Written apart from
//! the CLI's own verification, so that a module init invents fails here even if init's check
//! let it through.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Panics, naming the script and the word, when a script names something the project lacks.
pub fn assert_scripts_resolve(proj: &Path) {
    let installed = installed(proj);
    for script in ["ungleich/run", "ungleich/async"] {
        let Ok(text) = std::fs::read_to_string(proj.join(script)) else {
            continue;
        };
        let roots = import_roots(proj, &text);
        for line in text.replace("\\\n", " ").lines() {
            let Some(rest) = line.trim().strip_prefix("exec ") else {
                continue;
            };
            let words: Vec<String> = rest
                .split_whitespace()
                .map(|w| w.trim_matches('"').to_owned())
                .collect();
            check_exec(script, &words, &roots, &installed, &text);
        }
    }
}

fn check_exec(
    script: &str,
    words: &[String],
    roots: &[PathBuf],
    installed: &BTreeSet<String>,
    text: &str,
) {
    let program = words[0].as_str();
    if program == "python" {
        if words.get(1).is_some_and(|w| w == "manage.py") {
            assert!(
                roots.iter().any(|r| r.join("manage.py").is_file()),
                "{script}: no manage.py where it runs\n{text}"
            );
        }
        return;
    }
    assert!(
        installed.contains(program),
        "{script} execs {program}, which the image does not install ({installed:?})\n{text}"
    );
    for (i, word) in words.iter().enumerate().skip(1) {
        let previous = words[i - 1].as_str();
        if matches!(previous, "-A" | "--app") {
            assert_celery_app(script, word, roots, text);
        } else if previous == "--worker-class" {
            let package = word.split('.').next().unwrap().replace('_', "-");
            assert!(
                installed.contains(&package),
                "{script}: worker class {word} needs {package}, which the image lacks\n{text}"
            );
        } else if is_target(word) && !previous.starts_with("--bind") && previous != "--host" {
            assert_defined(script, word, roots, text);
        }
    }
    if program == "celery" {
        assert!(
            words.iter().any(|w| w == "-A" || w.starts_with("--app")),
            "{script}: celery without -A runs none of the project's tasks\n{text}"
        );
    }
}

/// `module.path:callable`.
fn is_target(word: &str) -> bool {
    let Some((module, callable)) = word.split_once(':') else {
        return false;
    };
    !module.is_empty()
        && module
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_'))
        && !module.starts_with(|c: char| c.is_ascii_digit())
        && callable.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !callable.is_empty()
}

fn module_file(roots: &[PathBuf], module: &str) -> Option<PathBuf> {
    let rel: PathBuf = module.split('.').collect();
    roots.iter().find_map(|root| {
        let file = root.join(&rel).with_extension("py");
        let package = root.join(&rel).join("__init__.py");
        [file, package].into_iter().find(|p| p.is_file())
    })
}

fn defines(file: &Path, name: &str) -> bool {
    std::fs::read_to_string(file).unwrap().lines().any(|l| {
        l.starts_with(&format!("{name} ="))
            || l.starts_with(&format!("def {name}("))
            || (l.starts_with("from ") && l.ends_with(&format!(" {name}")))
    })
}

fn assert_defined(script: &str, target: &str, roots: &[PathBuf], text: &str) {
    let (module, callable) = target.split_once(':').unwrap();
    let file = module_file(roots, module).unwrap_or_else(|| {
        panic!("{script} names module {module}, which the project lacks\n{text}")
    });
    assert!(
        defines(&file, callable),
        "{script} names {target}, but {} defines no {callable}\n{text}",
        file.display()
    );
}

fn assert_celery_app(script: &str, app: &str, roots: &[PathBuf], text: &str) {
    if app.contains(':') {
        return assert_defined(script, app, roots, text);
    }
    let found = [app.to_owned(), format!("{app}.celery")]
        .iter()
        .filter_map(|m| module_file(roots, m))
        .any(|f| defines(&f, "app") || defines(&f, "celery"));
    assert!(
        found,
        "{script}: -A {app} names no Celery app of the project\n{text}"
    );
}

/// Where the script's imports start: manage.py's folder, from its `cd` line.
fn import_roots(proj: &Path, script: &str) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Some(dir) = script
        .lines()
        .find_map(|l| l.strip_prefix("cd \"${UNGLEICH_APP_DIR:-"))
        .and_then(|l| l.strip_suffix("}\""))
    {
        // The generated Dockerfile copies the project to /app.
        if let Some(rel) = dir.strip_prefix("/app") {
            roots.push(proj.join(rel.trim_start_matches('/')));
        }
    }
    roots.push(proj.to_owned());
    roots.push(proj.join("src"));
    roots
}

/// Package names the dependencies and the Dockerfile install, lower case.
fn installed(proj: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut texts = Vec::new();
    for entry in walk(proj) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name == "pyproject.toml"
            || (name.starts_with("requirements") && name.ends_with(".txt"))
            || name == "Pipfile"
        {
            texts.push(std::fs::read_to_string(&entry).unwrap());
        }
    }
    let word = regex::Regex::new(r"[A-Za-z][A-Za-z0-9_.-]*").unwrap();
    for text in texts {
        for line in text.lines() {
            for m in word.find_iter(line) {
                out.insert(m.as_str().to_ascii_lowercase().replace('_', "-"));
            }
        }
    }
    if let Ok(dockerfile) = std::fs::read_to_string(proj.join("Dockerfile")) {
        for line in dockerfile.lines().filter(|l| l.contains("pip install")) {
            for m in word.find_iter(line) {
                out.insert(m.as_str().to_ascii_lowercase());
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') && name != "node_modules" {
            out.extend(walk(&path));
        } else if path.is_file() {
            out.push(path);
        }
    }
    out
}
