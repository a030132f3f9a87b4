//! Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same directory and a rename.
/// An existing file's permissions are kept; `executable` adds the execute bits (contract scripts).
///
/// # Errors
/// When the directory cannot be written or the rename fails; `path` is then untouched.
pub fn write_atomic(path: &Path, contents: &[u8], executable: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    sweep_stale_temps(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut temp = tempfile::Builder::new().prefix(&prefix).tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    set_mode(temp.path(), path, executable)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The start of a temporary file's name, followed by the writing process's id.
const TEMP_PREFIX: &str = ".ungleich-django-";

/// Removes the temporary files in `dir` that a process of ours left when it was killed in
/// the middle of [`write_atomic`] (SIGKILL, power loss): those whose process is gone. A
/// running command's own temporary file is never touched. Best effort: what cannot be
/// removed stays, harmless (no tool reads a file of that name).
pub fn sweep_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs on this machine (Linux: its `/proc` entry); where that
/// cannot be told, every process counts as alive, so nothing is removed.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(unix)]
fn set_mode(temp: &Path, target: &Path, executable: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; a config file that others on the machine could read before should
    // stay readable, and a new one gets what any program's would: 0666 less the umask (0644
    // for the usual 022; nothing for others under 077).
    let umask = umask();
    let mut mode = fs::metadata(target).map_or(0o666 & !umask, |m| m.permissions().mode() & 0o7777);
    if executable {
        mode |= 0o111 & !umask;
    }
    fs::set_permissions(temp, fs::Permissions::from_mode(mode))
}

/// The process's umask, as Linux reports it (reading it with umask(2) would change it); the
/// usual 022 where it cannot be read.
#[cfg(unix)]
fn umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("Umask:"))?;
            u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
        })
        .unwrap_or(0o022)
}

#[cfg(not(unix))]
fn set_mode(_temp: &Path, _target: &Path, _executable: bool) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.txt");
        write_atomic(&path, b"one", false).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o755
            );
        }
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file may be left behind");
    }

    #[test]
    fn a_killed_writers_temporary_file_is_swept_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this high (the kernel's limit is 2^22).
        let dead = dir.path().join(".ungleich-django-4294967295-abc123");
        let alive = dir
            .path()
            .join(format!(".ungleich-django-{}-def456", std::process::id()));
        let other = dir.path().join(".ungleich-django-notes");
        for f in [&dead, &alive, &other] {
            fs::write(f, "x").unwrap();
        }
        write_atomic(&dir.path().join("app.yaml"), b"name: shop\n", false).unwrap();
        assert!(!dead.exists(), "a dead process's temporary file stays");
        assert!(
            alive.exists() && other.exists(),
            "a file not ours to remove was removed"
        );
    }
}

/// `path` with `.` dropped and `..` applied to the part before it, without touching the file
/// system (so a path that does not exist yet reads as a person would write it).
#[must_use]
pub fn lexical(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod lexical_tests {
    use super::lexical;
    use std::path::Path;

    #[test]
    fn dots_are_applied_as_a_person_reads_them() {
        for (given, want) in [
            ("/a/work/../plain", "/a/plain"),
            ("/a/./b/.", "/a/b"),
            ("../x", "../x"),
            ("a/../../x", "../x"),
            ("/..", "/.."),
        ] {
            assert_eq!(lexical(Path::new(given)), Path::new(want), "{given}");
        }
    }
}
