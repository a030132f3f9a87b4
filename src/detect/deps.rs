//! The project's dependencies, its package manager and lock file, and its Python version, read
//! from pyproject.toml, Pipfile, requirements files, setup.py/setup.cfg and the version files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// The tool that installs the project's dependencies in the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackageManager {
    Uv,
    Poetry,
    Pipenv,
    Pdm,
    Pip,
}

impl PackageManager {
    /// The name in JSON and messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            PackageManager::Uv => "uv",
            PackageManager::Poetry => "poetry",
            PackageManager::Pipenv => "pipenv",
            PackageManager::Pdm => "pdm",
            PackageManager::Pip => "pip",
        }
    }
}

/// What the dependency files say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dependencies {
    /// Normalised names (lower case, `_` and `.` as `-`), from every file found.
    pub names: BTreeSet<String>,
    /// The package manager; `None` when no dependency file was found.
    pub manager: Option<PackageManager>,
    /// The lock file (or, for pip, the requirements file the image installs), relative to the root.
    pub lock_file: Option<String>,
    /// The dependency declaration next to the lock (`pyproject.toml`, `Pipfile`), relative to the root.
    pub manifest: Option<String>,
    /// `requirements/` style: the folder the requirements files live in, copied whole because they
    /// include each other with `-r`.
    pub requirements_dir: Option<String>,
    /// The Python version as `X.Y`.
    pub python_version: Option<String>,
    /// Where the version came from, for the explanation.
    pub python_version_source: Option<String>,
}

impl Dependencies {
    /// True when `name` (any spelling) is a dependency; `name[extra]` when it is one with that
    /// extra.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.names.contains(&normalise(name))
    }
}

/// PEP 503 normalisation, as pip compares names.
#[must_use]
pub fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace(['_', '.'], "-")
}

/// The Python version the image uses when the project names none.
pub const DEFAULT_PYTHON: &str = "3.12";

/// Reads the dependency files in `root` (the repository) and in `app_dir` (where manage.py is,
/// when that is a subfolder with its own files).
#[must_use]
pub fn detect(root: &Path, app_dir: &Path) -> Dependencies {
    let mut deps = Dependencies::default();
    let mut dirs = vec![root.to_owned()];
    if app_dir != root {
        dirs.push(app_dir.to_owned());
    }
    for dir in &dirs {
        read_dir_files(root, dir, &mut deps);
        if deps.manager.is_some() {
            break;
        }
    }
    if deps.python_version.is_none() {
        for dir in &dirs {
            if let Some((version, source)) = version_files(root, dir) {
                deps.python_version = Some(version);
                deps.python_version_source = Some(source);
                break;
            }
        }
    }
    deps
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// What the dependency files of `dir` say, added to `deps` (the first folder that names a
/// package manager decides it).
fn read_dir_files(root: &Path, dir: &Path, deps: &mut Dependencies) {
    let pyproject = read_pyproject(dir, deps);
    let pipfile_path = dir.join("Pipfile");
    read_pipfile(&pipfile_path, deps);
    let requirements = requirements_files(dir);
    for file in &requirements {
        requirement_names(
            &std::fs::read_to_string(file).unwrap_or_default(),
            &mut deps.names,
        );
    }
    for setup in ["setup.py", "setup.cfg"] {
        let text = std::fs::read_to_string(dir.join(setup)).unwrap_or_default();
        setup_names(&text, &mut deps.names);
    }
    if deps.manager.is_some() {
        return;
    }
    if let Some(found) = package_manager(root, dir, pyproject.as_ref(), &requirements) {
        deps.manager = Some(found.manager);
        deps.lock_file = found.lock_file;
        deps.manifest = found.manifest.map(|m| rel(root, &dir.join(m)));
        let req_dir = dir.join("requirements");
        if found.manager == PackageManager::Pip && req_dir.is_dir() {
            deps.requirements_dir = Some(rel(root, &req_dir));
        }
    }
}

/// `dir/pyproject.toml`: its dependency names and `requires-python` go into `deps`.
fn read_pyproject(dir: &Path, deps: &mut Dependencies) -> Option<toml::Table> {
    let table: toml::Table = std::fs::read_to_string(dir.join("pyproject.toml"))
        .ok()
        .and_then(|t| t.parse().ok())?;
    pyproject_names(&table, &mut deps.names);
    if deps.python_version.is_none()
        && let Some(spec) = requires_python(&table)
        && let Some(version) = version_from_specifier(&spec)
    {
        deps.python_version = Some(version);
        deps.python_version_source = Some(format!("requires-python `{spec}`"));
    }
    Some(table)
}

/// A Pipfile's `[packages]` and `[requires] python_version` go into `deps`.
fn read_pipfile(path: &Path, deps: &mut Dependencies) {
    let Some(table) = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
    else {
        return;
    };
    // dev-packages are not in the image (`pipenv requirements` leaves them out).
    if let Some(packages) = table.get("packages").and_then(toml::Value::as_table) {
        deps.names.extend(packages.keys().map(|k| normalise(k)));
    }
    if deps.python_version.is_none()
        && let Some(v) = table
            .get("requires")
            .and_then(|r| r.get("python_version"))
            .and_then(toml::Value::as_str)
    {
        deps.python_version = version_from_specifier(v);
        deps.python_version_source = Some("Pipfile [requires]".to_owned());
    }
}

/// The package manager a folder's files name, with its lock file and the manifest it reads.
struct ManagerFound {
    manager: PackageManager,
    lock_file: Option<String>,
    manifest: Option<&'static str>,
}

/// Which package manager `dir` uses: a lock file first, then a manifest's own section, then
/// plain pip files.
fn package_manager(
    root: &Path,
    dir: &Path,
    pyproject: Option<&toml::Table>,
    requirements: &[std::path::PathBuf],
) -> Option<ManagerFound> {
    let found = |manager, lock_file, manifest| {
        Some(ManagerFound {
            manager,
            lock_file,
            manifest,
        })
    };
    let lock = |name: &str| dir.join(name).is_file().then(|| rel(root, &dir.join(name)));
    let has_tool = |tool: &str| {
        pyproject
            .and_then(|t| t.get("tool"))
            .and_then(|t| t.get(tool))
            .is_some()
    };
    for (file, manager, manifest) in [
        ("uv.lock", PackageManager::Uv, "pyproject.toml"),
        ("poetry.lock", PackageManager::Poetry, "pyproject.toml"),
        ("Pipfile.lock", PackageManager::Pipenv, "Pipfile"),
        ("pdm.lock", PackageManager::Pdm, "pyproject.toml"),
    ] {
        if let Some(l) = lock(file) {
            return found(manager, Some(l), Some(manifest));
        }
    }
    if dir.join("Pipfile").is_file() {
        return found(PackageManager::Pipenv, None, Some("Pipfile"));
    }
    for (tool, manager) in [
        ("poetry", PackageManager::Poetry),
        ("pdm", PackageManager::Pdm),
        ("uv", PackageManager::Uv),
    ] {
        if has_tool(tool) {
            return found(manager, None, Some("pyproject.toml"));
        }
    }
    if let Some(main) = main_requirements(requirements) {
        found(PackageManager::Pip, Some(rel(root, &main)), None)
    } else if pyproject.is_some() {
        found(PackageManager::Pip, None, Some("pyproject.toml"))
    } else if dir.join("setup.py").is_file() || dir.join("setup.cfg").is_file() {
        found(PackageManager::Pip, None, Some("setup.py"))
    } else {
        None
    }
}

/// `requirements*.txt` beside the project and every `.txt`/`.in` file of a `requirements/` folder.
fn requirements_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in [dir.to_owned(), dir.join("requirements")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let in_folder = folder != dir;
            let wanted = if in_folder {
                name.ends_with(".txt")
            } else {
                name.starts_with("requirements") && name.ends_with(".txt")
            };
            if wanted && entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

/// The file a production image installs: `requirements.txt`, else the production file of a
/// `requirements/` folder, else its base.
fn main_requirements(files: &[PathBuf]) -> Option<PathBuf> {
    let by_name = |names: &[&str]| {
        files.iter().find(|f| {
            let file = f.file_name().map(|n| n.to_string_lossy().into_owned());
            let folder = f
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == "requirements");
            names.iter().any(|n| {
                file.as_deref() == Some(n)
                    && (folder || file.as_deref() == Some("requirements.txt"))
            }) || names
                .iter()
                .any(|n| !folder && file.as_deref() == Some(&format!("requirements-{n}")[..]))
        })
    };
    by_name(&["requirements.txt"])
        .or_else(|| by_name(&["production.txt", "prod.txt"]))
        .or_else(|| by_name(&["base.txt", "common.txt", "main.txt"]))
        .or_else(|| files.first())
        .cloned()
}

/// The dependencies the image installs: `[project] dependencies` and poetry's main group. The
/// Dockerfile init writes leaves out development groups (`uv sync --no-dev`, `poetry install
/// --only main`, `pdm export --prod`) and extras, so a server or worker found only there would
/// not be in the image.
fn pyproject_names(table: &toml::Table, names: &mut BTreeSet<String>) {
    let project = table.get("project");
    for item in project
        .and_then(|p| p.get("dependencies"))
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(req) = item.as_str() {
            insert_requirement(req, names);
        }
    }
    let poetry = table.get("tool").and_then(|t| t.get("poetry"));
    let keys = |value: Option<&toml::Value>, names: &mut BTreeSet<String>| {
        for (key, spec) in value.and_then(toml::Value::as_table).into_iter().flatten() {
            if key == "python" {
                continue;
            }
            let name = normalise(key);
            // `psycopg = { version = "^3", extras = ["binary"] }`
            for extra in spec
                .get("extras")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(toml::Value::as_str)
            {
                names.insert(format!("{name}[{}]", normalise(extra)));
            }
            names.insert(name);
        }
    };
    keys(poetry.and_then(|p| p.get("dependencies")), names);
    keys(
        poetry
            .and_then(|p| p.get("group"))
            .and_then(|g| g.get("main"))
            .and_then(|m| m.get("dependencies")),
        names,
    );
}

fn requires_python(table: &toml::Table) -> Option<String> {
    if let Some(spec) = table
        .get("project")
        .and_then(|p| p.get("requires-python"))
        .and_then(toml::Value::as_str)
    {
        return Some(spec.to_owned());
    }
    table
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(|p| p.get("dependencies"))
        .and_then(|d| d.get("python"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
}

/// The name of a PEP 508 requirement (`Django[argon2]>=5.0 ; python_version>"3"` → `django`).
pub(super) fn requirement_name(req: &str) -> String {
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .unwrap_or(req.len());
    normalise(&req[..end])
}

/// Inserts a requirement's name, and `name[extra]` for each extra it asks for (`psycopg[c]` is
/// compiled at install time, `psycopg[binary]` is not).
fn insert_requirement(req: &str, names: &mut BTreeSet<String>) {
    let name = requirement_name(req);
    if name.is_empty() {
        return;
    }
    let rest = req.trim_start()[name.len()..].trim_start();
    if let Some(extras) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
        for extra in extras.0.split(',').map(normalise).filter(|e| !e.is_empty()) {
            names.insert(format!("{name}[{extra}]"));
        }
    }
    names.insert(name);
}

fn requirement_names(text: &str, names: &mut BTreeSet<String>) {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('-') || line.contains("://") {
            continue;
        }
        insert_requirement(line, names);
    }
}

/// Quoted requirement strings in `install_requires` of setup.py, or lines of setup.cfg's.
fn setup_names(text: &str, names: &mut BTreeSet<String>) {
    let Some(start) = text.find("install_requires") else {
        return;
    };
    let rest = &text[start..];
    let section = if text.trim_start().starts_with('[') || rest.contains("=\n") {
        // setup.cfg: the indented lines after the key.
        rest.lines()
            .skip(1)
            .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        rest.split(']').next().unwrap_or("").to_owned()
    };
    let quoted =
        regex::Regex::new(r#"["']([A-Za-z0-9][A-Za-z0-9._-]*)[^"']*["']"#).expect("valid pattern");
    for c in quoted.captures_iter(&section) {
        names.insert(normalise(&c[1]));
    }
    if !section.contains(['"', '\'']) {
        requirement_names(&section, names);
    }
}

/// `.python-version` or `runtime.txt`.
fn version_files(root: &Path, dir: &Path) -> Option<(String, String)> {
    let pv = dir.join(".python-version");
    if let Ok(text) = std::fs::read_to_string(&pv)
        && let Some(v) = text.lines().map(str::trim).find(|l| !l.is_empty())
        && let Some(version) = major_minor(v)
    {
        return Some((version, rel(root, &pv)));
    }
    let runtime = dir.join("runtime.txt");
    if let Ok(text) = std::fs::read_to_string(&runtime)
        && let Some(version) = major_minor(text.trim().trim_start_matches("python-"))
    {
        return Some((version, rel(root, &runtime)));
    }
    None
}

/// `3.12.4` → `3.12`.
fn major_minor(version: &str) -> Option<String> {
    let mut parts = version.trim().split('.');
    let major: u32 = parts.next()?.trim().parse().ok()?;
    let minor: u32 = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    (major == 3).then(|| format!("{major}.{minor}"))
}

/// The version an image should use for a specifier: [`DEFAULT_PYTHON`] when it is allowed, else
/// the lowest version allowed (`>=3.13` → 3.13, `~=3.10` → 3.12, `<3.12,>=3.10` → 3.10).
fn version_from_specifier(spec: &str) -> Option<String> {
    let parse = |v: &str| {
        major_minor(v).and_then(|mm| {
            let (a, b) = mm.split_once('.')?;
            Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?))
        })
    };
    let default = parse(DEFAULT_PYTHON)?;
    let mut lower: Option<(u32, u32)> = None;
    let mut below: Option<(u32, u32)> = None;
    let mut any = false;
    for clause in spec.split(',') {
        let clause = clause.trim();
        let op_end = clause
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(clause.len());
        let (op, version) = clause.split_at(op_end);
        let Some(v) = parse(version) else { continue };
        any = true;
        match op.trim() {
            ">=" | "~=" | "^" | "~" | "==" | "" => lower = Some(lower.map_or(v, |l| l.max(v))),
            ">" => lower = Some(lower.map_or(v, |l| l.max(v))),
            "<" => below = Some(below.map_or(v, |b| b.min(v))),
            "<=" => {
                let next = (v.0, v.1 + 1);
                below = Some(below.map_or(next, |b| b.min(next)));
            }
            _ => {}
        }
        // An exact version, or poetry's `~3.12`, pins the minor version.
        if matches!(op.trim(), "==" | "" | "~") {
            let next = (v.0, v.1 + 1);
            below = Some(below.map_or(next, |b| b.min(next)));
        }
    }
    if !any {
        return None;
    }
    let fits = |v: (u32, u32)| lower.is_none_or(|l| v >= l) && below.is_none_or(|b| v < b);
    let chosen = if fits(default) { default } else { lower? };
    Some(format!("{}.{}", chosen.0, chosen.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_version_from_specifiers() {
        let cases = [
            (">=3.10", Some("3.12")),
            (">=3.13", Some("3.13")),
            (">=3.10,<3.12", Some("3.10")),
            ("^3.11", Some("3.12")),
            ("==3.11.*", Some("3.11")),
            ("~=3.9", Some("3.12")),
            ("3.11", Some("3.11")),
            ("<=3.10,>=3.8", Some("3.8")),
            ("*", None),
        ];
        for (spec, expected) in cases {
            assert_eq!(version_from_specifier(spec).as_deref(), expected, "{spec}");
        }
    }

    #[test]
    fn requirement_names_are_normalised() {
        let mut names = BTreeSet::new();
        requirement_names(
            "-r base.txt\nDjango[argon2]>=5.0  # web\ndjango_q2==1.7\npsycopg[binary]; python_version>'3'\ngit+https://x/y.git\n\n",
            &mut names,
        );
        let got: Vec<_> = names.into_iter().collect();
        assert_eq!(
            got,
            [
                "django",
                "django-q2",
                "django[argon2]",
                "psycopg",
                "psycopg[binary]"
            ]
        );
    }

    #[test]
    fn setup_py_and_cfg_install_requires() {
        let mut names = BTreeSet::new();
        setup_names(
            "setup(name='x', install_requires=['Django>=4', \"gunicorn\"], extras_require={'x': ['nope']})",
            &mut names,
        );
        assert_eq!(names.iter().collect::<Vec<_>>(), ["django", "gunicorn"]);
        let mut names = BTreeSet::new();
        setup_names(
            "[options]\ninstall_requires =\n    Django>=4\n    celery\n\n[options.extras]\n",
            &mut names,
        );
        assert_eq!(names.iter().collect::<Vec<_>>(), ["celery", "django"]);
    }

    #[test]
    fn only_what_the_image_installs_counts() {
        let cases: &[(&str, &[&str])] = &[
            (
                "[project]\ndependencies = ['django', 'uvicorn[standard]']\n[project.optional-dependencies]\ndocs = ['sphinx']\n[dependency-groups]\ndev = ['gunicorn', 'pytest']\n[tool.pdm.dev-dependencies]\nlint = ['ruff']\n",
                &["django", "uvicorn", "uvicorn[standard]"],
            ),
            (
                "[tool.poetry.dependencies]\npython = '^3.12'\ndjango = '^5'\npsycopg = { version = '^3', extras = ['binary'] }\n[tool.poetry.dev-dependencies]\ngunicorn = '*'\n[tool.poetry.group.test.dependencies]\ncelery = '*'\n[tool.poetry.group.main.dependencies]\nhuey = '*'\n",
                &["django", "huey", "psycopg", "psycopg[binary]"],
            ),
        ];
        for (text, expected) in cases {
            let mut names = BTreeSet::new();
            pyproject_names(&text.parse().unwrap(), &mut names);
            assert_eq!(names.iter().collect::<Vec<_>>(), *expected, "{text}");
        }
    }
}
