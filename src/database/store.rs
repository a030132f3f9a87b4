//! The local dumps store: the dumps `deploy --backup` and `rollback --backup` take, kept in the
//! user's data directory (`$XDG_DATA_HOME/ungleich-django/dumps/<app>/<revision>/`), one folder
//! per deploy revision that was live when the dump was taken, so `rollback` to that revision
//! finds the data that went with it. And the atomic file every dump is written through.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::Serialize;

use super::DbError;

/// The folder of an app's dumps.
///
/// # Errors
/// [`DbError::Io`] when there is no home directory.
pub fn app_dir(app: &str) -> Result<PathBuf, DbError> {
    let base = etcetera::choose_base_strategy().map_err(|e| DbError::Io {
        path: PathBuf::from("~/.local/share"),
        source: io::Error::other(e.to_string()),
    })?;
    Ok(base
        .data_dir()
        .join("ungleich-django")
        .join("dumps")
        .join(app))
}

/// Where a new dump of `app` taken while `revision` was live goes: the revision's folder, the
/// time (UTC) as the file's name.
///
/// # Errors
/// As [`app_dir`].
pub fn new_path(app: &str, revision: &str) -> Result<PathBuf, DbError> {
    let now = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    Ok(app_dir(app)?
        .join(short(revision))
        .join(format!("{now}.dump")))
}

fn short(revision: &str) -> &str {
    revision.get(..12).unwrap_or(revision)
}

/// A kept dump.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeptDump {
    /// The deploy revision (short) that was live when it was taken.
    pub revision: String,
    /// When, UTC (`20261206T071502Z`).
    pub taken: String,
    pub bytes: u64,
    pub path: PathBuf,
}

/// The app's kept dumps, newest first.
///
/// # Errors
/// [`DbError::Io`] when the folder exists but cannot be read.
pub fn list(app: &str) -> Result<Vec<KeptDump>, DbError> {
    let dir = app_dir(app)?;
    let mut dumps = Vec::new();
    let revisions = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(dumps),
        Err(source) => return Err(DbError::Io { path: dir, source }),
    };
    for revision in revisions.flatten().filter(|e| e.path().is_dir()) {
        let Ok(files) = std::fs::read_dir(revision.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "dump") {
                continue;
            }
            let taken = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            dumps.push(KeptDump {
                revision: revision.file_name().to_string_lossy().into_owned(),
                taken,
                bytes: file.metadata().map(|m| m.len()).unwrap_or(0),
                path,
            });
        }
    }
    dumps.sort_by(|a, b| b.taken.cmp(&a.taken).then(a.revision.cmp(&b.revision)));
    Ok(dumps)
}

/// The newest kept dump taken while `revision` (full or short) was live.
#[must_use]
pub fn for_revision(app: &str, revision: &str) -> Option<KeptDump> {
    let wanted = short(revision);
    list(app).ok()?.into_iter().find(|d| {
        !d.revision.is_empty()
            && (wanted.starts_with(&d.revision) || d.revision.starts_with(wanted))
    })
}

/// A dump being written: a hidden temporary file next to its destination, renamed to it only by
/// [`Partial::keep`]. Dropped without `keep` (an error, a cut stream, Ctrl-C), it is removed, so
/// no file that looks complete is ever left behind.
pub struct Partial {
    file: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Partial {
    /// Starts writing towards `target`, creating its folder.
    ///
    /// # Errors
    /// [`DbError::Io`] when the folder cannot be written.
    pub fn create(target: &Path) -> Result<Self, DbError> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let io_err = |source| DbError::Io {
            path: dir.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io_err)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(&dir)
            .map_err(io_err)?;
        Ok(Partial {
            file,
            target: target.to_path_buf(),
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut File {
        self.file.as_file_mut()
    }

    /// Flushes the dump to disk and gives it its name.
    ///
    /// # Errors
    /// [`DbError::Io`] when it cannot be synced or renamed.
    pub fn keep(self) -> Result<PathBuf, DbError> {
        let target = self.target;
        self.file
            .as_file()
            .sync_all()
            .map_err(|source| DbError::Io {
                path: target.clone(),
                source,
            })?;
        self.file.persist(&target).map_err(|e| DbError::Io {
            path: target.clone(),
            source: e.error,
        })?;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_dump_leaves_nothing_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/shop.dump");
        {
            let mut partial = Partial::create(&target).unwrap();
            io::Write::write_all(partial.file(), b"PGDMP half").unwrap();
        }
        let left: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
        let mut partial = Partial::create(&target).unwrap();
        io::Write::write_all(partial.file(), b"PGDMP whole").unwrap();
        assert_eq!(partial.keep().unwrap(), target);
        assert_eq!(std::fs::read(&target).unwrap(), b"PGDMP whole");
    }
}
