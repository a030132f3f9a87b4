//! The name a project goes by, as the default for the app's name: what the project calls
//! itself, never the folder that happens to hold its code.

use std::path::Path;

#[must_use]
/// The project's name as the app's: the name in pyproject.toml, else the settings' package
/// unless it is a generic one (`config`), else the first folder from here up that is not a
/// generic one (`src`, `backend`): a project run from its `src/` is not called `src`.
pub fn default_app_name(root: &Path, settings_module: Option<&str>) -> String {
    let top = crate::gitops::repository_top(root);
    let folders: Vec<&Path> = root
        .ancestors()
        .take_while(|dir| top.as_deref().is_none_or(|top| dir.starts_with(top)))
        // Outside a repository, a few folders up: never a pyproject.toml of the home folder.
        .take(if top.is_some() { usize::MAX } else { 3 })
        .collect();
    let from_pyproject = folders.iter().find_map(|dir| pyproject_name(dir));
    let from_settings = settings_module
        .and_then(|m| m.split('.').next())
        .filter(|package| !GENERIC_PACKAGES.contains(package))
        .map(str::to_owned);
    let from_folders = folders
        .iter()
        .filter_map(|dir| dir.file_name())
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .find(|name| !GENERIC_FOLDERS.contains(&name.as_str()));
    [from_pyproject, from_settings, from_folders]
        .into_iter()
        .flatten()
        .map(|name| dns_label(&name))
        .find(|label| !label.is_empty())
        .unwrap_or_else(|| app_name_from(root))
}

/// Names that say where code is, not what the project is.
const GENERIC_FOLDERS: [&str; 10] = [
    "src", "source", "app", "apps", "backend", "server", "django", "web", "code", "project",
];
const GENERIC_PACKAGES: [&str; 9] = [
    "config", "settings", "core", "conf", "project", "app", "main", "src", "mysite",
];

/// `[project] name` or `[tool.poetry] name` of `dir/pyproject.toml`.
fn pyproject_name(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("pyproject.toml")).ok()?;
    let doc: toml::Table = text.parse().ok()?;
    let project = doc.get("project").and_then(|p| p.get("name"));
    let poetry = doc
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(|p| p.get("name"));
    project.or(poetry)?.as_str().map(str::to_owned)
}

/// The folder's name as a DNS label: `My_Shop` → `my-shop`.
fn app_name_from(root: &Path) -> String {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = dns_label(&name);
    if label.is_empty() {
        "app".to_owned()
    } else {
        label
    }
}

/// `name` as a DNS label, possibly empty: lower case, `-` for the rest, no leading digit.
fn dns_label(name: &str) -> String {
    let mut label: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    label = label.trim_matches('-').to_owned();
    while label.contains("--") {
        label = label.replace("--", "-");
    }
    label = label
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        .to_owned();
    label.truncate(40);
    label.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::{app_name_from, default_app_name};
    use std::path::Path;

    #[test]
    fn the_app_name_defaults_to_the_project_not_the_folder_src() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("acme-shop/src");
        std::fs::create_dir_all(&src).unwrap();
        // No pyproject name, a generic settings package: the first folder that is no `src`.
        assert_eq!(default_app_name(&src, Some("config.settings")), "acme-shop");
        // The settings' package, when it names the project.
        assert_eq!(default_app_name(&src, Some("shop.settings")), "shop");
        // The name in pyproject.toml, here or above, wins.
        std::fs::write(
            dir.path().join("acme-shop/pyproject.toml"),
            "[project]\nname = \"Acme_Store\"\n",
        )
        .unwrap();
        assert_eq!(default_app_name(&src, Some("shop.settings")), "acme-store");
    }

    #[test]
    fn app_names_come_from_the_folder_as_dns_labels() {
        for (folder, name) in [
            ("/src/My_Shop", "my-shop"),
            ("/src/2024--shop--", "shop"),
            ("/src/___", "app"),
        ] {
            assert_eq!(app_name_from(Path::new(folder)), name, "{folder}");
        }
    }
}
