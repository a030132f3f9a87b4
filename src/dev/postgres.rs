//! A throwaway PostgreSQL server: found on PATH or where packagers install it, initialised in a
//! temporary folder (or the `--keep-db` folder), listening on a free loopback port with no unix
//! socket, stopped and removed when dropped. As root it runs as `nobody` through `setpriv`, since
//! PostgreSQL refuses to run as root.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{DevError, template};

/// The password in `DATABASE_URL`. Not a secret: the server trusts every loopback connection,
/// and only exists while `dev` runs; the URL has a password because the platform's always does.
pub const PASSWORD: &str = "dev";

/// The database the app gets (initdb's own).
pub const DATABASE: &str = "postgres";

/// `nobody`, whom PostgreSQL runs as when we are root.
const NOBODY: u32 = 65534;

/// Where packagers put the server programs, newest version first within each pattern: Debian and
/// Ubuntu, Homebrew (Apple silicon and Intel), RHEL/Fedora's PGDG packages, Postgres.app.
const SEARCHED: &[&str] = &[
    "/usr/lib/postgresql/*/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
    "/opt/homebrew/opt/postgresql/bin",
    "/usr/local/opt/postgresql@*/bin",
    "/usr/local/opt/postgresql/bin",
    "/usr/pgsql-*/bin",
    "/Applications/Postgres.app/Contents/Versions/latest/bin",
];

/// A running server. Stopped, and its data removed unless kept, when dropped.
#[derive(Debug)]
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    /// The temporary folder holding `data`; `None` when the data is kept.
    temp: Option<tempfile::TempDir>,
    as_nobody: bool,
    running: bool,
    /// The loopback port it listens on.
    pub port: u16,
    /// The superuser, named after the app.
    pub user: String,
    /// The server's version, as `pg_ctl --version` tells it.
    pub version: String,
    /// True when `--keep-db` named a data folder that already held a database.
    pub reused: bool,
}

impl Postgres {
    /// Finds the server programs, initialises a data folder (unless `keep` already holds one) and
    /// starts the server.
    ///
    /// # Errors
    /// No PostgreSQL; root without setpriv; a `keep` folder that holds something else; initdb or
    /// the server failing (with its log).
    pub fn start(keep: Option<&Path>, user: &str) -> Result<Self, DevError> {
        let bin = find_bin_dir()?;
        let as_nobody = rustix::process::geteuid().is_root();
        if as_nobody && find_on_path("setpriv").is_none() {
            return Err(DevError::RootWithoutSetpriv);
        }
        let (temp, data) = match keep {
            Some(dir) => (None, prepare_kept(dir)?),
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("ungleich-dev-")
                    .tempdir()
                    .map_err(|source| io("cannot create a temporary folder", source))?;
                let data = temp.path().join("pgdata");
                std::fs::create_dir(&data)
                    .map_err(|source| io("cannot create the data folder", source))?;
                (Some(temp), data)
            }
        };
        let mut pg = Postgres {
            version: version(&bin),
            bin,
            data,
            temp,
            as_nobody,
            running: false,
            port: 0,
            user: user.to_owned(),
            reused: false,
        };
        if as_nobody {
            pg.hand_to_nobody()?;
        }
        pg.reused = pg.data.join("PG_VERSION").is_file();
        if !pg.reused {
            pg.initialise(user)?;
        }
        pg.port = free_port()?;
        pg.pg_ctl_start()?;
        Ok(pg)
    }

    /// The data folder.
    #[must_use]
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// True when the data folder goes away when the server stops.
    #[must_use]
    pub fn is_throwaway(&self) -> bool {
        self.temp.is_some()
    }

    /// Stops the server (fast shutdown: sessions are ended) and removes a throwaway data folder.
    ///
    /// # Errors
    /// When the data folder cannot be removed.
    pub fn stop(mut self) -> Result<(), DevError> {
        self.stop_server();
        match self.temp.take() {
            Some(temp) => temp
                .close()
                .map_err(|source| io("cannot remove the database's temporary folder", source)),
            None => Ok(()),
        }
    }

    fn stop_server(&mut self) {
        if self.running {
            // A throwaway database is removed next: no checkpoint is worth waiting for. A kept
            // one is shut down cleanly, so the next start needs no recovery.
            let mode = if self.temp.is_some() {
                "immediate"
            } else {
                "fast"
            };
            let _ = self
                .program("pg_ctl")
                .arg("-D")
                .arg(&self.data)
                .args(["-m", mode, "-w", "-t", "30", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            self.running = false;
        }
    }

    /// A server program, run as `nobody` when we are root.
    fn program(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let mut cmd = if self.as_nobody {
            let mut cmd = Command::new("setpriv");
            cmd.arg(format!("--reuid={NOBODY}"))
                .arg(format!("--regid={NOBODY}"))
                .arg("--clear-groups")
                .arg(path);
            cmd
        } else {
            Command::new(path)
        };
        // Messages in English whatever the user's locale, and a folder nobody can enter.
        cmd.env("LC_ALL", "C")
            .current_dir(self.data.parent().unwrap_or(Path::new("/")))
            .stdin(Stdio::null());
        cmd
    }

    /// Root owns the temporary folder: let nobody through it and give it the data folder.
    fn hand_to_nobody(&self) -> Result<(), DevError> {
        use std::os::unix::fs::PermissionsExt;
        if let Some(temp) = &self.temp {
            std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o711))
                .map_err(|source| io("cannot open the temporary folder to nobody", source))?;
        }
        std::os::unix::fs::chown(&self.data, Some(NOBODY), Some(NOBODY))
            .map_err(|source| io("cannot give the data folder to nobody", source))
    }

    /// A new data folder: a copy of the cached template when there is one, else `initdb`'s,
    /// which then becomes the template.
    fn initialise(&self, user: &str) -> Result<(), DevError> {
        let template = template::location(&self.bin, &self.version, user);
        let owner = self.as_nobody.then_some(NOBODY);
        if let Some(template) = template.as_deref().filter(|t| template::exists(t)) {
            if template::copy_into(template, &self.data, owner).is_ok() {
                return Ok(());
            }
            // A damaged template: start this folder afresh, as initdb wants it empty.
            let _ = std::fs::remove_dir_all(&self.data);
            std::fs::create_dir(&self.data)
                .map_err(|source| io("cannot create the data folder", source))?;
            if self.as_nobody {
                self.hand_to_nobody()?;
            }
        }
        self.initdb()?;
        if let Some(template) = template {
            // Only ever a speed-up: a cache that cannot be written changes nothing else.
            let _ = template::save(&self.data, &template);
        }
        Ok(())
    }

    fn initdb(&self) -> Result<(), DevError> {
        let out = self
            .program("initdb")
            .arg("-D")
            .arg(&self.data)
            .args(["-U", &self.user, "--auth=trust", "-E", "UTF8", "--no-sync"])
            .output()
            .map_err(|source| io("cannot run initdb", source))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(DevError::PostgresStart {
                what: format!("initdb exited with {}", out.status),
                log: String::from_utf8_lossy(&out.stderr).trim_end().to_owned(),
            })
        }
    }

    /// Starts the server and waits until it accepts connections. Its own process group keeps the
    /// terminal's Ctrl-C from reaching it: we stop it last, after the scripts.
    fn pg_ctl_start(&mut self) -> Result<(), DevError> {
        use std::os::unix::process::CommandExt;
        // No unix socket: the app connects over TCP, and a socket path in a long --keep-db
        // folder could exceed the 107 bytes a socket path may have.
        let options = format!(
            "-p {} -h 127.0.0.1 -c unix_socket_directories= -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
            self.port
        );
        let log = self.data.join("server.log");
        let out = self
            .program("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-o", &options, "-l"])
            .arg(&log)
            .args(["-w", "-t", "30", "start"])
            .process_group(0)
            .stdout(Stdio::null())
            .output()
            .map_err(|source| io("cannot run pg_ctl", source))?;
        if out.status.success() {
            self.running = true;
            Ok(())
        } else {
            Err(DevError::PostgresStart {
                what: format!("pg_ctl start exited with {}", out.status),
                log: std::fs::read_to_string(&log)
                    .unwrap_or_else(|_| String::from_utf8_lossy(&out.stderr).into_owned())
                    .trim_end()
                    .to_owned(),
            })
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop_server();
    }
}

/// The folder `--keep-db` names: created when missing; an existing one must be empty or hold a
/// PostgreSQL data folder.
pub(super) fn prepare_kept(dir: &Path) -> Result<PathBuf, DevError> {
    let problem = |problem: String| DevError::KeepDb {
        dir: dir.to_owned(),
        problem,
    };
    std::fs::create_dir_all(dir).map_err(|e| problem(format!("cannot create it: {e}")))?;
    let dir = dir
        .canonicalize()
        .map_err(|e| problem(format!("cannot read it: {e}")))?;
    let holds_db = dir.join("PG_VERSION").is_file();
    let empty = std::fs::read_dir(&dir)
        .map_err(|e| problem(format!("cannot read it: {e}")))?
        .next()
        .is_none();
    if holds_db || empty {
        Ok(dir)
    } else {
        Err(problem(
            "it is neither empty nor a PostgreSQL data folder; name a new folder".to_owned(),
        ))
    }
}

/// The folder holding `initdb` and `pg_ctl`: PATH first, then the packagers' places.
fn find_bin_dir() -> Result<PathBuf, DevError> {
    if let Some(initdb) = find_on_path("initdb") {
        // Debian links only pg_ctl and friends into /usr/bin (pg_wrapper); the real folder
        // holds postgres too.
        let real = initdb.canonicalize().unwrap_or(initdb);
        if let Some(dir) = real.parent().filter(|d| d.join("pg_ctl").is_file()) {
            return Ok(dir.to_owned());
        }
    }
    SEARCHED
        .iter()
        .flat_map(|pattern| expand(pattern))
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
        .ok_or_else(|| DevError::NoPostgres {
            searched: SEARCHED.join(", "),
        })
}

/// The folders matching a pattern with at most one `*`, the highest version first.
fn expand(pattern: &str) -> Vec<PathBuf> {
    let Some((head, tail)) = pattern.split_once('*') else {
        return vec![PathBuf::from(pattern)];
    };
    let (parent, prefix) = head.rsplit_once('/').unwrap_or(("", head));
    let (middle, rest) = tail.split_once('/').unwrap_or((tail, ""));
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let version = name.strip_prefix(prefix)?.strip_suffix(middle)?.to_owned();
            let key = version
                .split('.')
                .map(|part| part.parse().unwrap_or(0))
                .collect();
            Some((key, entry.path().join(rest)))
        })
        .collect();
    found.sort();
    found.into_iter().rev().map(|(_, path)| path).collect()
}

/// `program` on PATH.
pub(crate) fn find_on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn version(bin: &Path) -> String {
    Command::new(bin.join("pg_ctl"))
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| version_of(&String::from_utf8_lossy(&o.stdout)))
        .unwrap_or_else(|| "(unknown version)".to_owned())
}

/// The version in a server program's `--version`: "pg_ctl (PostgreSQL) 15.18 (Debian
/// 15.18-0+deb12u1)" gives "15.18".
pub(super) fn version_of(output: &str) -> Option<String> {
    let (_, rest) = output.trim().split_once(") ")?;
    rest.split_whitespace().next().map(str::to_owned)
}

pub fn free_port() -> Result<u16, DevError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|source| io("cannot find a free loopback port", source))
}

pub(super) fn io(what: &str, source: std::io::Error) -> DevError {
    DevError::Io {
        what: what.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_tried_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        for v in ["9.6", "15", "16", "13"] {
            std::fs::create_dir_all(dir.path().join(v).join("bin")).unwrap();
        }
        let pattern = format!("{}/*/bin", dir.path().display());
        let found: Vec<String> = expand(&pattern)
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(found, ["16/bin", "15/bin", "13/bin", "9.6/bin"]);
    }

    #[test]
    fn a_kept_folder_must_be_empty_or_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("db");
        assert!(prepare_kept(&kept).is_ok(), "a new folder is created");
        std::fs::write(kept.join("notes.txt"), "x").unwrap();
        let err = prepare_kept(&kept).unwrap_err();
        assert!(err.to_string().contains("neither empty nor"), "{err}");
        std::fs::write(kept.join("PG_VERSION"), "15").unwrap();
        assert!(prepare_kept(&kept).is_ok(), "a data folder is reused");
    }
}
