//! Where manage.py is, which settings module production uses, and what those settings say:
//! the WSGI/ASGI entry points, the database, the static and media roots, and which of the
//! production-critical values come from the environment.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Serialize;

use super::source::{self, is_skipped_dir};

/// Folders that hold no project of their own: tests, documentation, examples and vendored code.
const NOT_PROJECT_DIRS: &[&str] = &[
    "tests",
    "test",
    "examples",
    "example",
    "docs",
    "doc",
    "vendor",
    "vendored",
    "third_party",
    "third-party",
    "external",
    "node_modules",
    "site-packages",
];

/// True for a folder whose manage.py is not the project's (tests, docs, vendored code).
#[must_use]
pub fn is_not_project_dir(name: &str) -> bool {
    NOT_PROJECT_DIRS.contains(&name)
}

/// How deep below the root manage.py is looked for (`backend/src/shop/manage.py` is three).
const MANAGE_PY_DEPTH: usize = 5;

/// Every manage.py of the project, shallowest first: anywhere in the tree, except in tests,
/// documentation, examples, `node_modules`, virtualenvs (a folder with `pyvenv.cfg`) and
/// vendored code.
#[must_use]
pub fn manage_py_candidates(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut level = vec![root.to_owned()];
    for _ in 0..=MANAGE_PY_DEPTH {
        let mut next = Vec::new();
        for dir in &level {
            if dir.join("manage.py").is_file() {
                found.push(dir.join("manage.py"));
            }
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    !is_skipped_dir(&name) && !is_not_project_dir(&name)
                })
                .map(|e| e.path())
                .filter(|p| !p.join("pyvenv.cfg").is_file())
                .collect();
            dirs.sort();
            next.extend(dirs);
        }
        level = next;
    }
    found
}

/// The manage.py detection takes without asking: the one at the root or in `src/`, else the
/// only one. `None` when there are several (or none): the caller asks.
#[must_use]
pub fn preferred_manage_py(root: &Path, candidates: &[PathBuf]) -> Option<PathBuf> {
    for direct in [root.join("manage.py"), root.join("src/manage.py")] {
        if candidates.contains(&direct) {
            return Some(direct);
        }
    }
    match candidates {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The settings module manage.py names as its default (`os.environ.setdefault(...)`).
#[must_use]
pub fn manage_py_default(manage_py: &str) -> Option<String> {
    let re = Regex::new(
        r#"DJANGO_SETTINGS_MODULE["']\s*(?:,|\]\s*=)\s*(?:f)?["']([A-Za-z_][\w.]*)["']"#,
    )
    .expect("valid pattern");
    re.captures(manage_py).map(|c| c[1].to_owned())
}

/// The settings module production should use, and the others that exist beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingsChoice {
    /// The module the scripts set as `DJANGO_SETTINGS_MODULE` when the environment sets none.
    pub module: String,
    /// manage.py's default, when it differs from `module`.
    pub manage_py_default: Option<String>,
    /// Every settings module of the package, when there are several.
    pub candidates: Vec<String>,
}

const PRODUCTION_NAMES: &[&str] = &["production", "prod", "live", "deploy", "deployment"];
const NOT_SETTINGS: &[&str] = &[
    "__init__",
    "base",
    "common",
    "defaults",
    "default",
    "test",
    "tests",
    "testing",
    "ci",
    "local",
    "dev",
    "development",
];

/// From manage.py's default: when it names a settings package with several modules (or a
/// development module of one), the production module of that package is the choice.
#[must_use]
pub fn choose_settings(import_root: &Path, default: &str) -> SettingsChoice {
    let default_file = source::module_file(import_root, default);
    let as_given = |candidates: Vec<String>| SettingsChoice {
        module: default.to_owned(),
        manage_py_default: None,
        candidates,
    };
    let Some(package) = settings_package(default_file.as_deref(), default) else {
        return as_given(Vec::new());
    };
    let names = module_names(&package.dir);
    let candidates: Vec<String> = names
        .iter()
        .map(|n| format!("{}.{n}", package.module))
        .collect();
    // A package whose __init__ star-imports its modules (`from .base import *`, then
    // production's under a condition) is the settings module itself: one of its modules
    // alone would lack what the others define.
    if default_file
        .as_ref()
        .is_some_and(|f| f.ends_with("__init__.py") && source::read(f).contains("import *"))
    {
        return as_given(candidates);
    }
    if let Some(module) = production_module(&package, &names, default) {
        return SettingsChoice {
            manage_py_default: (module != default).then(|| default.to_owned()),
            module,
            candidates,
        };
    }
    as_given(if candidates.len() > 1 {
        candidates
    } else {
        Vec::new()
    })
}

/// A settings package: its folder and its dotted module name.
struct SettingsPackage {
    dir: PathBuf,
    module: String,
}

/// The package `default` names or lies in, when it is one of several settings modules.
fn settings_package(default_file: Option<&Path>, default: &str) -> Option<SettingsPackage> {
    let file = default_file?;
    let dir = file.parent()?.to_owned();
    if file.ends_with("__init__.py") {
        return Some(SettingsPackage {
            dir,
            module: default.to_owned(),
        });
    }
    let in_package = dir.join("__init__.py").is_file()
        && default.contains('.')
        && file.file_stem().is_some_and(|s| s != "settings");
    in_package.then(|| SettingsPackage {
        dir,
        module: default
            .rsplit_once('.')
            .map(|(p, _)| p.to_owned())
            .unwrap_or_default(),
    })
}

/// The modules of a package folder, sorted, without `__init__`.
fn module_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".py")
                .map(str::to_owned)
        })
        .filter(|n| n != "__init__")
        .collect();
    names.sort();
    names
}

/// The package's production module: one named so, else, when manage.py defaults to a
/// development module, the package's only module that is not a development one.
fn production_module(package: &SettingsPackage, names: &[String], default: &str) -> Option<String> {
    if let Some(p) = PRODUCTION_NAMES
        .iter()
        .find(|p| names.iter().any(|n| n == *p))
    {
        return Some(format!("{}.{p}", package.module));
    }
    let real: Vec<&String> = names
        .iter()
        .filter(|n| !NOT_SETTINGS.contains(&n.as_str()))
        .collect();
    let dev_default = default.ends_with(".dev")
        || default.ends_with(".development")
        || default.ends_with(".local");
    match real.as_slice() {
        [only] if dev_default => Some(format!("{}.{only}", package.module)),
        _ => None,
    }
}

/// The text of the settings module and of the modules it builds on, in the order Python runs
/// them, so that the last assignment of a name is the value the settings end with: each module
/// it star-imports (`from .base import *`, recursively) comes before the text that follows the
/// import. Sibling modules it does not import (`local.py`, `test.py`) are not part of it. A
/// package assembled with django-split-settings' `include(...)` is read whole.
#[must_use]
pub fn settings_text(import_root: &Path, module: &str) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    append_module(import_root, module, &mut seen, &mut out);
    out
}

/// The files [`settings_text`] reads for `module`, the module's own first.
#[must_use]
pub fn settings_files(import_root: &Path, module: &str) -> Vec<PathBuf> {
    let mut seen = Vec::new();
    append_module(import_root, module, &mut seen, &mut String::new());
    seen
}

fn append_module(import_root: &Path, module: &str, seen: &mut Vec<PathBuf>, out: &mut String) {
    let Some(file) = source::module_file(import_root, module) else {
        return;
    };
    if seen.contains(&file) {
        return;
    }
    seen.push(file.clone());
    let text = source::read(&file);
    // `config.settings.production` imports relative to `config.settings`; a package's
    // `__init__.py` imports relative to the package itself.
    let is_package = file.file_name().is_some_and(|n| n == "__init__.py");
    let package: Vec<&str> = if is_package {
        module.split('.').collect()
    } else {
        module
            .split('.')
            .rev()
            .skip(1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    };
    // Indented too: `if ENV == "production": from .production import *` in a package.
    let star = Regex::new(r"(?m)^[ \t]*from\s+([.\w]+)\s+import\s+\*").expect("valid pattern");
    let mut copied = 0;
    for found in star.captures_iter(&text) {
        let whole = found.get(0).expect("match");
        out.push_str(&text[copied..whole.start()]);
        copied = whole.start();
        if let Some(target) = absolute_module(&package, &found[1]) {
            append_module(import_root, &target, seen, out);
            out.push('\n');
        }
    }
    out.push_str(&text[copied..]);
    out.push('\n');
    if text.contains("split_settings")
        && let Some(dir) = file.parent()
    {
        for other in source::python_files(dir, 2) {
            if !seen.contains(&other) {
                seen.push(other.clone());
                out.push_str(&source::read(&other));
                out.push('\n');
            }
        }
    }
}

/// `from ..base import *` in package `a.b` → `a.base`; `None` above the top package.
fn absolute_module(package: &[&str], target: &str) -> Option<String> {
    let dots = target.len() - target.trim_start_matches('.').len();
    let rest = &target[dots..];
    if dots == 0 {
        return Some(rest.to_owned());
    }
    let keep = package.len().checked_sub(dots - 1)?;
    let mut parts: Vec<&str> = package[..keep].to_vec();
    if !rest.is_empty() {
        parts.push(rest);
    }
    (!parts.is_empty()).then(|| parts.join("."))
}

/// `proj.wsgi.application` → `proj.wsgi:application`.
#[must_use]
pub fn dotted_to_entry_point(dotted: &str) -> Option<String> {
    dotted
        .rsplit_once('.')
        .map(|(module, attr)| format!("{module}:{attr}"))
}

/// The entry point for `kind` (`WSGI` or `ASGI`): the setting, else the `wsgi.py`/`asgi.py` of
/// the settings' package.
#[must_use]
pub fn entry_point(
    import_root: &Path,
    settings_module: &str,
    settings: &str,
    kind: &str,
) -> Option<String> {
    if let Some(dotted) = source::string_assignment(settings, &format!("{kind}_APPLICATION")) {
        return dotted_to_entry_point(&dotted);
    }
    let file_name = format!("{}.py", kind.to_ascii_lowercase());
    // proj.settings → proj/wsgi.py; proj.settings.production → proj/wsgi.py too.
    let parts: Vec<&str> = settings_module.split('.').collect();
    for keep in (1..parts.len()).rev() {
        let package = parts[..keep].join(".");
        let dir = package
            .split('.')
            .fold(import_root.to_owned(), |p, s| p.join(s));
        let file = dir.join(&file_name);
        // An entry point may be a package: `shop/asgi/__init__.py`.
        let package_init = dir.join(kind.to_ascii_lowercase()).join("__init__.py");
        let defined =
            |f: &Path| f.is_file() && source::defines(&source::read(f), "application").is_some();
        if defined(&file) || defined(&package_init) {
            // Django's templates and nearly every project name the callable `application`.
            return Some(format!(
                "{package}.{}:application",
                kind.to_ascii_lowercase()
            ));
        }
    }
    None
}

/// How the settings configure the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DatabaseConfig {
    /// One URL from the environment (dj-database-url, django-environ, ...).
    #[serde(rename = "DATABASE_URL")]
    DatabaseUrl,
    /// Host, name, user, ... each from its own variable.
    #[serde(rename = "env-vars")]
    EnvVars,
    /// Written into the settings.
    #[serde(rename = "hard-coded")]
    HardCoded,
    /// Not found.
    #[serde(rename = "unknown")]
    Unknown,
}

/// Reads `DATABASES` (and what it is built from).
#[must_use]
pub fn database_config(settings: &str) -> DatabaseConfig {
    let url_markers = [
        "dj_database_url",
        "DATABASE_URL",
        "env.db(",
        "env.db_url(",
        "db_url(",
    ];
    let Some(rhs) = source::assignment_rhs(settings, "DATABASES") else {
        if url_markers.iter().any(|m| settings.contains(m)) {
            return DatabaseConfig::DatabaseUrl;
        }
        return DatabaseConfig::Unknown;
    };
    if url_markers.iter().any(|m| rhs.contains(m)) {
        return DatabaseConfig::DatabaseUrl;
    }
    if source::reads_environment(&rhs) {
        return DatabaseConfig::EnvVars;
    }
    // `DATABASES = {"default": DATABASE}` with DATABASE built elsewhere from the environment.
    let names = Regex::new(r"[:,]\s*([A-Z_][A-Z0-9_]*)\s*[,}\n]").expect("valid pattern");
    let mut literal = rhs.contains("ENGINE") || rhs.contains("NAME");
    for c in names.captures_iter(&rhs) {
        if let Some(inner) = source::assignment_rhs(settings, &c[1]) {
            if url_markers.iter().any(|m| inner.contains(m)) {
                return DatabaseConfig::DatabaseUrl;
            }
            if source::reads_environment(&inner) {
                return DatabaseConfig::EnvVars;
            }
            literal |= inner.contains("ENGINE") || inner.contains("NAME");
        }
    }
    if literal {
        DatabaseConfig::HardCoded
    } else {
        DatabaseConfig::Unknown
    }
}

/// Where a setting's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueSource {
    /// Read from the environment.
    Environment,
    /// Written in the settings.
    Literal,
    /// Not set: Django's default applies.
    Missing,
}

/// Where `name`'s (last) value comes from.
#[must_use]
pub fn value_source(settings: &str, name: &str) -> ValueSource {
    match source::assignment_rhs(settings, name) {
        Some(rhs) if source::reads_environment(&rhs) => ValueSource::Environment,
        Some(_) => ValueSource::Literal,
        None => ValueSource::Missing,
    }
}

/// The literal value of a boolean setting, when it is one.
#[must_use]
pub fn literal_bool(settings: &str, name: &str) -> Option<bool> {
    match source::assignment_rhs(settings, name)?
        .split('#')
        .next()?
        .trim()
    {
        "True" => Some(true),
        "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manage_py_defaults_in_their_spellings() {
        let cases = [
            (
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')",
                Some("proj.settings"),
            ),
            (
                "os.environ.setdefault(\n    \"DJANGO_SETTINGS_MODULE\", \"paperless.settings\"\n)",
                Some("paperless.settings"),
            ),
            (
                "os.environ[\"DJANGO_SETTINGS_MODULE\"] = \"netbox.settings\"",
                Some("netbox.settings"),
            ),
            ("print('hi')", None),
        ];
        for (text, expected) in cases {
            assert_eq!(manage_py_default(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn database_configurations() {
        let cases = [
            (
                "import dj_database_url\nDATABASES = {'default': dj_database_url.config(conn_max_age=600)}\n",
                DatabaseConfig::DatabaseUrl,
            ),
            (
                "DATABASES = {'default': env.db('DATABASE_URL', default='sqlite:///x')}\n",
                DatabaseConfig::DatabaseUrl,
            ),
            (
                "DATABASES = {\n  'default': {\n    'ENGINE': 'django.db.backends.postgresql',\n    'HOST': os.environ.get('PGHOST'),\n  }\n}\n",
                DatabaseConfig::EnvVars,
            ),
            (
                "DATABASE = {'NAME': os.getenv('DB_NAME')}\nDATABASES = {\n    'default': DATABASE,\n}\n",
                DatabaseConfig::EnvVars,
            ),
            (
                "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': BASE_DIR / 'db.sqlite3',\n    }\n}\n",
                DatabaseConfig::HardCoded,
            ),
            ("DEBUG = True\n", DatabaseConfig::Unknown),
        ];
        for (text, expected) in cases {
            assert_eq!(database_config(text), expected, "{text}");
        }
    }

    #[test]
    fn value_sources() {
        let text = "SECRET_KEY = 'django-insecure-x'\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = True\n";
        assert_eq!(value_source(text, "SECRET_KEY"), ValueSource::Environment);
        assert_eq!(value_source(text, "DEBUG"), ValueSource::Literal);
        assert_eq!(literal_bool(text, "DEBUG"), Some(true));
        assert_eq!(value_source(text, "STATIC_ROOT"), ValueSource::Missing);
    }
}
