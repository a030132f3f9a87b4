//! A pristine data folder per PostgreSQL installation and superuser, kept in the user's cache
//! (`$XDG_CACHE_HOME/ungleich-django/postgres-templates/`). Copying it takes a tenth of the time
//! `initdb` takes, and `initdb` is most of what `dev --check` waits for before `/init` can start.
//! The cache only ever speeds things up: when it cannot be read or written, `initdb` runs as
//! before.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The template for a server of `version` installed in `bin`, initialised for `user`; `None`
/// when there is no cache directory.
pub(super) fn location(bin: &Path, version: &str, user: &str) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    // The installation's path is part of the name: two installations of one version may differ
    // in their build options, which a data folder records.
    let install = fnv1a(bin.as_os_str().as_encoded_bytes());
    Some(
        base.cache_dir()
            .join("ungleich-django")
            .join("postgres-templates")
            .join(format!("{version}-{install:016x}-{user}")),
    )
}

/// True when `template` holds a whole data folder (saving renames it into place only when done).
pub(super) fn exists(template: &Path) -> bool {
    template.join("PG_VERSION").is_file()
}

/// Copies `template` into the empty folder `data`, giving every file to `owner` when set.
pub(super) fn copy_into(template: &Path, data: &Path, owner: Option<u32>) -> io::Result<()> {
    copy_tree(template, data, owner)
}

/// Saves the freshly initialised `data` as `template`. Two `dev` at once may both save: each
/// copies into a folder of its own and renames it into place, and the second rename's loser
/// removes its copy.
pub(super) fn save(data: &Path, template: &Path) -> io::Result<()> {
    let parent = template
        .parent()
        .ok_or_else(|| io::Error::other("a template needs a parent folder"))?;
    fs::create_dir_all(parent)?;
    let staging = tempfile::Builder::new()
        .prefix(".saving-")
        .tempdir_in(parent)?;
    let copy = staging.path().join("data");
    copy_tree(data, &copy, None)?;
    if fs::rename(&copy, template).is_err() && !exists(template) {
        return Err(io::Error::other("cannot move the template into place"));
    }
    Ok(())
}

/// Copies a folder tree (files and folders only: a fresh data folder has nothing else),
/// keeping modes, which PostgreSQL checks (0700 folders).
fn copy_tree(from: &Path, to: &Path, owner: Option<u32>) -> io::Result<()> {
    if !to.exists() {
        fs::create_dir(to)?;
    }
    fs::set_permissions(to, fs::metadata(from)?.permissions())?;
    chown(to, owner)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &target, owner)?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &target)?;
            chown(&target, owner)?;
        } else {
            return Err(io::Error::other(format!(
                "{} is neither a file nor a folder",
                entry.path().display()
            )));
        }
    }
    Ok(())
}

fn chown(path: &Path, owner: Option<u32>) -> io::Result<()> {
    match owner {
        Some(id) => std::os::unix::fs::chown(path, Some(id), Some(id)),
        None => Ok(()),
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn tree(root: &Path) {
        fs::create_dir_all(root.join("base/1")).unwrap();
        fs::write(root.join("PG_VERSION"), "15\n").unwrap();
        fs::write(root.join("base/1/1259"), [0u8, 1, 2, 255]).unwrap();
        for dir in [root, &root.join("base"), &root.join("base/1")] {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
        }
        fs::set_permissions(root.join("PG_VERSION"), fs::Permissions::from_mode(0o600)).unwrap();
    }

    #[test]
    fn a_saved_template_copies_back_whole_with_its_modes() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        tree(&data);
        let template = dir.path().join("cache/templates/15-shop");
        assert!(!exists(&template));
        save(&data, &template).unwrap();
        assert!(exists(&template));
        // Saving again (a second dev at once) keeps the first and leaves no staging folder.
        save(&data, &template).unwrap();
        let names: Vec<_> = fs::read_dir(template.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["15-shop"]);

        let copy = dir.path().join("copy");
        fs::create_dir(&copy).unwrap();
        copy_into(&template, &copy, None).unwrap();
        assert_eq!(fs::read(copy.join("base/1/1259")).unwrap(), [0, 1, 2, 255]);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&copy), 0o700);
        assert_eq!(mode(&copy.join("base/1")), 0o700);
        assert_eq!(mode(&copy.join("PG_VERSION")), 0o600);
    }

    #[test]
    fn installations_and_users_get_templates_of_their_own() {
        let a = location(Path::new("/usr/lib/postgresql/15/bin"), "15.18", "shop");
        let b = location(Path::new("/opt/pg/bin"), "15.18", "shop");
        let c = location(Path::new("/usr/lib/postgresql/15/bin"), "15.18", "blog");
        assert!(a.is_some());
        assert_ne!(a, b);
        assert_ne!(a, c);
    }
}
