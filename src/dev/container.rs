//! PostgreSQL in a Docker container, for machines without PostgreSQL's server programs: the
//! official image, published on a free loopback port only, with the same user, password and
//! database the local server gets, so the app's environment does not change. Removed when
//! stopped or dropped; a `--keep-db` folder is mounted as its data folder.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::DevError;
use super::postgres::{DATABASE, PASSWORD, io};

/// The image `--postgres-image` defaults to: the official one, in the version the platform runs.
pub const DEFAULT_IMAGE: &str = "postgres:17";

/// The label every container `dev` starts carries, so a user can find one a `kill -9` left:
/// `docker ps --filter label=ungleich-django.dev`.
pub const LABEL: &str = "ungleich-django.dev";

/// Where the official image keeps its data.
const DATA_IN_IMAGE: &str = "/var/lib/postgresql/data";

/// How long the server may take to accept connections: a first `docker run` may pull the image,
/// which is waited for before this starts counting.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running container. Removed (with its anonymous volume) when stopped or dropped.
#[derive(Debug)]
pub struct Container {
    docker: PathBuf,
    id: String,
    running: bool,
    /// The loopback port Docker publishes the server on.
    pub port: u16,
    /// The image, as given.
    pub image: String,
    /// The server's version, as `postgres --version` in the container tells it.
    pub version: String,
}

impl Container {
    /// True when `docker` is on PATH and its daemon answers.
    #[must_use]
    pub fn available() -> bool {
        super::postgres::find_on_path("docker").is_some_and(|docker| {
            Command::new(docker)
                .args(["version", "--format", "{{.Server.Version}}"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
    }

    /// Starts `image` with `user` as the superuser (and `kept` as its data folder when given),
    /// and waits until it accepts connections.
    ///
    /// # Errors
    /// No `docker`; `docker run` failing (no daemon, no image); the server exiting or not
    /// accepting connections in time (with the container's log).
    pub fn start(image: &str, kept: Option<&Path>, user: &str) -> Result<Self, DevError> {
        let docker = super::postgres::find_on_path("docker").ok_or(DevError::NoDocker)?;
        let mut run = Command::new(&docker);
        // Loopback only. The values reach the container from docker's own environment (a bare
        // `--env NAME`): the password is no secret, but no password belongs in an argument.
        run.args(["run", "--detach", "--label", LABEL])
            .args(["--publish", "127.0.0.1::5432"])
            .env("POSTGRES_USER", user)
            .env("POSTGRES_PASSWORD", PASSWORD)
            .env("POSTGRES_DB", DATABASE)
            .env("POSTGRES_INITDB_ARGS", "--no-sync");
        for name in [
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "POSTGRES_DB",
            "POSTGRES_INITDB_ARGS",
        ] {
            run.args(["--env", name]);
        }
        if let Some(dir) = kept {
            run.arg("--volume")
                .arg(format!("{}:{DATA_IN_IMAGE}", dir.display()));
        }
        // The same durability trade as the local server: a throwaway database needs none.
        run.arg(image).args([
            "-c",
            "fsync=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "synchronous_commit=off",
        ]);
        let out = output(&mut run, "docker run")?;
        if !out.status.success() {
            return Err(DevError::PostgresStart {
                what: format!("docker run {image} exited with {}", out.status),
                log: text(&out.stderr),
            });
        }
        let mut container = Container {
            docker,
            id: text(&out.stdout),
            running: true,
            port: 0,
            image: image.to_owned(),
            version: String::new(),
        };
        container.port = container.published_port()?;
        container.wait_ready()?;
        container.version = container.server_version();
        Ok(container)
    }

    /// Stops and removes the container. A kept data folder stays; the server is asked to stop
    /// cleanly first so it stays consistent.
    pub fn stop(mut self, kept: bool) {
        self.remove(kept);
    }

    fn remove(&mut self, gracefully: bool) {
        if !self.running {
            return;
        }
        if gracefully {
            let _ = self.docker(&["stop", "--time", "30", &self.id]);
        }
        let _ = self.docker(&["rm", "--force", "--volumes", &self.id]);
        self.running = false;
    }

    fn docker(&self, args: &[&str]) -> Result<Output, DevError> {
        output(Command::new(&self.docker).args(args), "docker")
    }

    /// The host port of the container's 5432, from `docker port` (`127.0.0.1:49153`).
    fn published_port(&self) -> Result<u16, DevError> {
        let out = self.docker(&["port", &self.id, "5432/tcp"])?;
        parse_published_port(&text(&out.stdout)).ok_or_else(|| DevError::PostgresStart {
            what: "docker did not publish the server's port".to_owned(),
            log: text(&out.stderr),
        })
    }

    /// Waits until the server answers PostgreSQL's protocol on the published port: Docker's
    /// proxy accepts connections before the server listens (and while the image's entrypoint
    /// runs initdb with a server that listens on no TCP port), so an accepted connection alone
    /// proves nothing.
    fn wait_ready(&self) -> Result<(), DevError> {
        let started = Instant::now();
        let mut last_state_check = Instant::now();
        loop {
            if answers_postgres(self.port) {
                return Ok(());
            }
            if last_state_check.elapsed() >= Duration::from_secs(1) {
                last_state_check = Instant::now();
                if !self.is_running() {
                    return Err(self.failed("the PostgreSQL container exited"));
                }
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(self.failed(&format!(
                    "the PostgreSQL container did not accept connections within {} s",
                    READY_TIMEOUT.as_secs()
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn is_running(&self) -> bool {
        self.docker(&["inspect", "--format", "{{.State.Running}}", &self.id])
            .is_ok_and(|out| text(&out.stdout) == "true")
    }

    fn failed(&self, what: &str) -> DevError {
        let log = self
            .docker(&["logs", "--tail", "40", &self.id])
            .map(|out| {
                let mut log = text(&out.stdout);
                log.push_str(&text(&out.stderr));
                log
            })
            .unwrap_or_default();
        DevError::PostgresStart {
            what: what.to_owned(),
            log,
        }
    }

    fn server_version(&self) -> String {
        self.docker(&["exec", &self.id, "postgres", "--version"])
            .ok()
            .and_then(|out| super::postgres::version_of(&text(&out.stdout)))
            .unwrap_or_else(|| "(unknown version)".to_owned())
    }
}

impl Drop for Container {
    fn drop(&mut self) {
        self.remove(false);
    }
}

fn output(cmd: &mut Command, what: &str) -> Result<Output, DevError> {
    cmd.stdin(Stdio::null())
        .output()
        .map_err(|source| io(&format!("cannot run {what}"), source))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_owned()
}

/// The port of `docker port`'s first line: `127.0.0.1:49153` (or `[::1]:49153`).
fn parse_published_port(out: &str) -> Option<u16> {
    out.lines().next()?.rsplit_once(':')?.1.trim().parse().ok()
}

/// True when `port` answers an SSLRequest as a PostgreSQL server does: with `S` or `N`.
fn answers_postgres(port: u16) -> bool {
    // Length 8, then the SSLRequest code 1234.5679.
    const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];
    let Ok(mut stream) = TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(500),
    ) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut answer = [0u8; 1];
    stream.write_all(&SSL_REQUEST).is_ok()
        && stream.read_exact(&mut answer).is_ok()
        && matches!(answer[0], b'S' | b'N')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_port_is_read_from_docker_port() {
        assert_eq!(parse_published_port("127.0.0.1:49153\n"), Some(49153));
        assert_eq!(
            parse_published_port("[::1]:5433\n127.0.0.1:5433"),
            Some(5433)
        );
        assert_eq!(parse_published_port(""), None);
        assert_eq!(parse_published_port("Error: no public port"), None);
    }

    #[test]
    fn a_listener_that_does_not_speak_postgres_is_not_ready() {
        // As Docker's proxy does before the server listens: accept, then close.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let closer = std::thread::spawn(move || {
            let (conn, _) = listener.accept().unwrap();
            drop(conn);
        });
        assert!(!answers_postgres(port));
        closer.join().unwrap();
    }

    #[test]
    fn a_server_answering_the_ssl_request_is_ready() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut request = [0u8; 8];
            conn.read_exact(&mut request).unwrap();
            assert_eq!(request, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
            conn.write_all(b"N").unwrap();
        });
        assert!(answers_postgres(port));
        server.join().unwrap();
    }
}
