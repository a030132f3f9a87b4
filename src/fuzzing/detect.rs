//! The static readers of a Django project (`detect`): settings.py, pyproject.toml, requirements
//! and setup files, Pipfile and lock files, Dockerfiles. Each input is written into a project on
//! disk and read the way `init` reads it, so the targets go through the same file handling. They
//! are heuristics, so the properties are about their output's shape: names normalised, versions
//! `3.N`, the contract's paths, evidence that points at a line the file has.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::{first_line, text};
use crate::detect::{self, PackageManager, deps};

thread_local! {
    // One folder per thread: libFuzzer runs one, the tests replay on several.
    static PROJECT: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// A project holding exactly `files` (relative path, contents), emptied first; its root.
fn project(files: &[(&str, &str)]) -> PathBuf {
    PROJECT.with(|cell| {
        let mut slot = cell.borrow_mut();
        let dir = slot.get_or_insert_with(|| tempfile::tempdir().expect("a temporary folder"));
        let root = dir.path().join("project");
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("the last project goes");
        }
        for (path, contents) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, contents).unwrap();
        }
        std::fs::create_dir_all(&root).unwrap();
        root
    })
}

const MANAGE_PY: &str =
    "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n";

/// A whole project around `settings` (shop/settings.py), read as init reads it.
pub(super) fn settings_py(data: &[u8]) {
    let Some(settings) = text(data) else { return };
    let root = project(&[
        ("manage.py", MANAGE_PY),
        ("shop/__init__.py", ""),
        ("shop/settings.py", settings),
        ("requirements.txt", "django\ngunicorn\n"),
    ]);
    let found = detect::detect_at(&root, Path::new("manage.py"));
    assert_eq!(found.settings_module.as_deref(), Some("shop.settings"));
    check_evidence(&root, &found);
    assert_eq!(
        found.database_config,
        detect::settings::database_config(settings),
        "the settings' database is read the same from the file and from its text"
    );
}

/// Every line an explanation points at is a line of its file.
fn check_evidence(root: &Path, project: &detect::Project) {
    for (field, evidence) in &project.evidence {
        let Some(line) = evidence.line else { continue };
        let Ok(text) = std::fs::read_to_string(root.join(&evidence.file)) else {
            continue;
        };
        let lines = text.split('\n').count();
        assert!(
            line >= 1 && line <= lines,
            "{field}: {}:{line}, a file of {lines} lines",
            evidence.file
        );
    }
}

/// What every dependency reading gives: normalised names and a `3.N` Python.
fn check_dependencies(found: &deps::Dependencies) {
    for name in &found.names {
        let base = name.split('[').next().unwrap_or(name);
        assert!(!base.is_empty(), "an empty name in {:?}", found.names);
        assert_eq!(deps::normalise(base), base, "{name} is not normalised");
    }
    if let Some(version) = &found.python_version {
        let minor = version.strip_prefix("3.").unwrap_or("x");
        assert!(
            !minor.is_empty() && minor.chars().all(|c| c.is_ascii_digit()),
            "python {version}"
        );
    }
}

/// pyproject.toml, as uv, poetry, pdm and plain pip projects write it.
pub(super) fn pyproject(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let root = project(&[("pyproject.toml", text)]);
    let found = deps::detect(&root, &root);
    check_dependencies(&found);
    // One that is not TOML is skipped (found by the fuzzer: the property first said any file).
    if text.parse::<toml::Table>().is_ok() {
        assert!(found.manager.is_some(), "a pyproject.toml names a manager");
    }
}

/// requirements.txt, requirements/*.txt, setup.py and setup.cfg: the first line of the input
/// says which file the rest is.
pub(super) fn requirements(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (which, contents) = first_line(text);
    let file = match which.trim() {
        "setup.py" | "setup.cfg" | "requirements/base.txt" | "requirements-dev.txt" => which.trim(),
        _ => "requirements.txt",
    };
    let root = project(&[(file, contents)]);
    let found = deps::detect(&root, &root);
    check_dependencies(&found);
    assert_eq!(found.manager, Some(PackageManager::Pip));
}

/// A Pipfile, with or without its lock; or, when the first line names a lock file, that lock
/// beside a pyproject.toml: a lock decides the manager whatever it holds (its contents are not
/// read).
pub(super) fn pipfile(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (first, rest) = first_line(text);
    let lock = [
        ("uv.lock", PackageManager::Uv),
        ("poetry.lock", PackageManager::Poetry),
        ("pdm.lock", PackageManager::Pdm),
    ]
    .into_iter()
    .find(|(name, _)| *name == first.trim());
    let (root, manager) = match lock {
        Some((name, manager)) => (project(&[(name, rest), ("pyproject.toml", "")]), manager),
        None if first.trim() == "Pipfile.lock" => (
            project(&[("Pipfile", rest), ("Pipfile.lock", rest)]),
            PackageManager::Pipenv,
        ),
        None => (project(&[("Pipfile", text)]), PackageManager::Pipenv),
    };
    let found = deps::detect(&root, &root);
    check_dependencies(&found);
    assert_eq!(found.manager, Some(manager));
}

/// A Dockerfile: what it already takes of the contract, and the commands it runs (with the
/// server and worker they name), as init reads them.
pub(super) fn dockerfile(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let root = project(&[
        ("Dockerfile", text),
        ("manage.py", MANAGE_PY),
        ("shop/settings.py", ""),
    ]);
    let existing = detect::dockerfile::read(&root).expect("the Dockerfile is there");
    for path in &existing.taken_paths {
        assert!(
            ["/init", "/run", "/async"].contains(&path.as_str()),
            "{path}"
        );
    }
    let mut taken = existing.taken_paths.clone();
    taken.sort();
    taken.dedup();
    assert_eq!(
        taken.len(),
        existing.taken_paths.len(),
        "a path taken twice"
    );
    let commands = detect::runs::commands(&root);
    for command in &commands {
        assert!(!command.words.is_empty(), "an empty command");
    }
    let found = detect::detect_at(&root, Path::new("manage.py"));
    check_evidence(&root, &found);
}
