//! The interpreter and server the scripts will use: `python` on the PATH they get (the user's
//! active environment), and the program `ungleich/run` execs, which must be installed next to it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::DevError;

/// What was found.
#[derive(Debug, Clone)]
pub struct Toolchain {
    /// The interpreter (`sys.executable`, so a pyenv shim shows what it runs).
    pub python: PathBuf,
    /// Its version, e.g. `3.12.4`.
    pub version: String,
    /// The server `ungleich/run` execs and where it is, when it execs one by name.
    pub server: Option<(String, PathBuf)>,
}

impl Toolchain {
    /// Finds `python` and the server on `path` (the PATH the scripts get).
    ///
    /// # Errors
    /// No python; a server the environment lacks.
    pub fn find(path: &OsStr, run_script: &str) -> Result<Self, DevError> {
        let python = which(path, "python").ok_or(DevError::NoPython)?;
        let out = Command::new(&python)
            .args([
                "-c",
                "import sys; print(sys.executable); print(sys.version.split()[0])",
            ])
            .env("PATH", path)
            .output()
            .map_err(|source| super::postgres::io("cannot run python", source))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let (Some(executable), Some(version)) = (lines.next(), lines.next()) else {
            return Err(DevError::NoPython);
        };
        let executable = PathBuf::from(executable);
        let server = match server_of(run_script) {
            Some(server) => {
                let found = which(path, &server).ok_or_else(|| DevError::NoServer {
                    env: environment_of(&executable),
                    server: server.clone(),
                })?;
                Some((server, found))
            }
            None => None,
        };
        Ok(Toolchain {
            python: executable,
            version: version.to_owned(),
            server,
        })
    }
}

/// The program the first `exec` of the script runs, unless that is python itself (`exec python
/// manage.py ...`), whose presence is already known.
#[must_use]
pub fn server_of(script: &str) -> Option<String> {
    let program = script
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("exec "))?
        .split_whitespace()
        .next()?;
    let name = Path::new(program)
        .file_name()?
        .to_string_lossy()
        .into_owned();
    (!name.starts_with("python")).then_some(name)
}

/// The virtualenv (or installation) an interpreter belongs to: the folder above its `bin/`.
fn environment_of(python: &Path) -> PathBuf {
    python
        .parent()
        .and_then(Path::parent)
        .unwrap_or(python)
        .to_owned()
}

fn which(path: &OsStr, program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|p| {
            p.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_what_run_execs() {
        for (script, server) in [
            (
                "#!/bin/sh\nset -eu\ncd x\nexec gunicorn a.wsgi:application \\\n  --bind x\n",
                Some("gunicorn"),
            ),
            ("exec uvicorn a.asgi:application\n", Some("uvicorn")),
            (
                "  exec /opt/venv/bin/granian --interface asgi\n",
                Some("granian"),
            ),
            ("exec python manage.py runserver\n", None),
            ("exec python3 -m gunicorn\n", None),
            ("gunicorn a.wsgi\n", None),
        ] {
            assert_eq!(server_of(script).as_deref(), server, "{script}");
        }
    }
}
