//! The contract, run here: [`check`] proves it as a release would (two `/init` at once, `/run`
//! answering HTTP, `/async` staying up, all stopped) and [`serve`] runs it until Ctrl-C.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Component, DevError, Event, Observer, Supervisor, tail};

/// How long `/run` may take to answer its first request.
const SERVE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long `/async` must stay up at least, from its start...
const ASYNC_UP: Duration = Duration::from_secs(2);
/// ...and after its first line: a worker that crashes does so while it starts (settings, imports,
/// its broker or database), which its first line shows it is doing; measuring from there, not
/// only from the start, keeps the check as strict on a slow machine as on a fast one.
const ASYNC_UP_AFTER_FIRST_LINE: Duration = Duration::from_secs(1);
/// How long SIGTERM has before SIGKILL, as a short terminationGracePeriod.
const GRACE: Duration = Duration::from_secs(10);
/// The lines an error shows of the failed script.
const ERROR_LINES: usize = 40;

/// The contract's programs in the source tree.
#[derive(Debug, Clone)]
pub struct Scripts {
    pub init: PathBuf,
    pub run: PathBuf,
    /// `None` unless the app runs a worker.
    pub async_worker: Option<PathBuf>,
}

/// Where and how the scripts run.
pub struct Launch<'a> {
    pub scripts: &'a Scripts,
    /// The environment of each component.
    pub env: &'a dyn Fn(Component) -> Vec<(String, OsString)>,
    /// manage.py's folder.
    pub cwd: &'a Path,
    /// The port `/run` listens on.
    pub port: u16,
    /// app.yaml's healthcheck path.
    pub healthcheck: Option<&'a str>,
}

/// What `check` saw.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// `/init` twice: how long both took.
    pub init: Duration,
    /// The start of `/run` to its first HTTP answer.
    pub serving_after: Duration,
    /// The status line `/` answered with.
    pub root_status: String,
    /// The healthcheck path and its status line.
    pub healthcheck: Option<(String, String)>,
    /// True when `/async` ran and stayed up.
    pub async_stayed_up: bool,
    /// Components that did not exit 0 on SIGTERM.
    pub unclean_stops: Vec<&'static str>,
}

/// How [`serve`] ended without a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Interrupted,
}

/// Runs `/init` twice at once, then `/run` until it answers HTTP, requests `/` and the
/// healthcheck, runs `/async` for a few seconds, and stops everything.
///
/// # Errors
/// `/init` failing (migrations), `/run` or `/async` exiting or answering with a server error,
/// `/run` never answering, Ctrl-C.
pub fn check(
    sup: &mut Supervisor,
    launch: &Launch<'_>,
    observer: &mut dyn Observer,
) -> Result<CheckReport, DevError> {
    let mut report = CheckReport::default();
    let started = Instant::now();
    observer.step("running /init twice at once, as two pods starting together do");
    let first = spawn(sup, launch, Component::Init)?;
    let second = spawn(sup, launch, Component::Init)?;
    run_init(sup, &[first, second], observer)?;
    report.init = started.elapsed();

    // /async starts with /run, as the two Deployments do: its seconds of staying up overlap
    // /run's start instead of adding to the wait.
    let started = Instant::now();
    let run = spawn(sup, launch, Component::Run)?;
    let worker = match launch.scripts.async_worker {
        Some(_) => Some(spawn(sup, launch, Component::Async)?),
        None => None,
    };
    let running: Vec<usize> = [Some(run), worker].into_iter().flatten().collect();
    wait_serving(sup, &running, launch.port, observer)?;
    report.serving_after = started.elapsed();
    report.root_status = request(sup, run, launch.port, "/", false)?;
    if let Some(path) = launch.healthcheck {
        let status = request(sup, run, launch.port, path, true)?;
        report.healthcheck = Some((path.to_owned(), status));
    }
    // /run has shown what it must: it stops while /async finishes its seconds.
    sup.terminate(run);
    if let Some(worker) = worker {
        loop {
            if !sup.is_alive(worker) {
                return Err(crashed(sup, worker, "exited within its first seconds"));
            }
            let until = async_up_until(started, sup.first_line_at(worker));
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            pump(sup, left, observer)?;
        }
        report.async_stayed_up = true;
    }

    sup.stop_all(GRACE, &mut |event| forward(event, observer));
    report.unclean_stops = running
        .iter()
        .filter(|&&id| !sup.exit_status(id).is_some_and(|s| s.success()))
        .map(|&id| sup.component(id).name())
        .collect();
    Ok(report)
}

/// When `/async`, started at `started`, has stayed up long enough: [`ASYNC_UP`] after its start
/// and [`ASYNC_UP_AFTER_FIRST_LINE`] after its first line; without a line yet, it waits for one
/// (a worker that stays silent is judged at [`ASYNC_UP`] plus the same second).
fn async_up_until(started: Instant, first_line: Option<Instant>) -> Instant {
    let after_line = first_line.unwrap_or(started + ASYNC_UP) + ASYNC_UP_AFTER_FIRST_LINE;
    (started + ASYNC_UP).max(after_line)
}

/// Runs `/init`, then `/run` and `/async`, passing their lines on, until Ctrl-C or until one of
/// them exits.
///
/// # Errors
/// `/init` failing, `/run` or `/async` exiting.
pub fn serve(
    sup: &mut Supervisor,
    launch: &Launch<'_>,
    observer: &mut dyn Observer,
) -> Result<Ended, DevError> {
    let init = spawn(sup, launch, Component::Init)?;
    if let Err(e) = run_init(sup, &[init], observer) {
        return stop_then(sup, observer, e);
    }
    let mut running = vec![spawn(sup, launch, Component::Run)?];
    if launch.scripts.async_worker.is_some() {
        running.push(spawn(sup, launch, Component::Async)?);
    }
    if let Err(e) = wait_serving(sup, &running, launch.port, observer) {
        return stop_then(sup, observer, e);
    }
    observer.step(&format!(
        "serving on http://127.0.0.1:{}/ (Ctrl-C stops it)",
        launch.port
    ));
    loop {
        match sup.next(Duration::from_secs(3600)) {
            Some(Event::Interrupted) => {
                sup.stop_all(GRACE, &mut |event| forward(event, observer));
                return Ok(Ended::Interrupted);
            }
            Some(Event::Exited { id, status, .. }) => {
                let e = crashed(sup, id, &format!("exited ({status})"));
                return stop_then(sup, observer, e);
            }
            Some(event) => forward(&event, observer),
            None => {}
        }
    }
}

fn stop_then<T>(
    sup: &mut Supervisor,
    observer: &mut dyn Observer,
    e: DevError,
) -> Result<T, DevError> {
    sup.stop_all(GRACE, &mut |event| forward(event, observer));
    Err(e)
}

fn spawn(
    sup: &mut Supervisor,
    launch: &Launch<'_>,
    component: Component,
) -> Result<usize, DevError> {
    let program = match component {
        Component::Init => &launch.scripts.init,
        Component::Run => &launch.scripts.run,
        Component::Async => launch
            .scripts
            .async_worker
            .as_ref()
            .unwrap_or(&launch.scripts.run),
    };
    sup.spawn(component, program, &(launch.env)(component), launch.cwd)
}

/// Waits for every `/init` in `ids` to end; the first to fail fails the release.
fn run_init(
    sup: &mut Supervisor,
    ids: &[usize],
    observer: &mut dyn Observer,
) -> Result<(), DevError> {
    while ids.iter().any(|id| sup.is_alive(*id)) {
        if let Some(Event::Exited { id, status, .. }) =
            pump(sup, Duration::from_secs(3600), observer)?
            && !status.success()
        {
            return Err(DevError::MigrationFailed {
                status: status.to_string(),
                lines: tail(&sup.lines(id), ERROR_LINES),
            });
        }
    }
    Ok(())
}

/// Polls `/run`'s port until it answers HTTP (any answer), failing when it exits first.
/// `/run` is `running[0]`; any of `running` exiting fails.
fn wait_serving(
    sup: &mut Supervisor,
    running: &[usize],
    port: u16,
    observer: &mut dyn Observer,
) -> Result<(), DevError> {
    let run = running[0];
    let deadline = Instant::now() + SERVE_TIMEOUT;
    loop {
        pump(sup, Duration::from_millis(50), observer)?;
        if let Some(&id) = running.iter().find(|&&id| !sup.is_alive(id)) {
            let problem = if id == run {
                "exited before it answered HTTP"
            } else {
                "exited before /run answered HTTP"
            };
            return Err(crashed(sup, id, problem));
        }
        if http_status(port, "/").is_some() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(DevError::NotServing {
                port,
                seconds: SERVE_TIMEOUT.as_secs(),
                lines: tail(&sup.lines(run), ERROR_LINES),
            });
        }
    }
}

/// `GET path`: a server error fails, and so does anything but 2xx and 3xx for a probe.
fn request(
    sup: &Supervisor,
    run: usize,
    port: u16,
    path: &str,
    probe: bool,
) -> Result<String, DevError> {
    let status = http_status(port, path)
        .ok_or_else(|| crashed(sup, run, &format!("stopped answering (GET {path})")))?;
    let code = status.split_whitespace().nth(1).unwrap_or("");
    let bad = code.starts_with('5') || (probe && !(code.starts_with('2') || code.starts_with('3')));
    if bad {
        let what = if probe {
            "the healthcheck path"
        } else {
            "the site"
        };
        return Err(crashed(
            sup,
            run,
            &format!("answers GET {path} ({what}) with {status}"),
        ));
    }
    Ok(status)
}

/// One event, passed on; Ctrl-C ends the wait.
fn pump(
    sup: &mut Supervisor,
    timeout: Duration,
    observer: &mut dyn Observer,
) -> Result<Option<Event>, DevError> {
    let event = sup.next(timeout);
    match &event {
        Some(Event::Interrupted) => Err(DevError::Interrupted),
        Some(event) => {
            forward(event, observer);
            Ok(Some(event.clone()))
        }
        None => Ok(None),
    }
}

fn forward(event: &Event, observer: &mut dyn Observer) {
    if let Event::Line {
        component, text, ..
    } = event
    {
        observer.line(*component, text);
    }
}

fn crashed(sup: &Supervisor, id: usize, problem: &str) -> DevError {
    DevError::Crashed {
        component: sup.component(id),
        problem: problem.to_owned(),
        lines: tail(&sup.lines(id), ERROR_LINES),
    }
}

/// The status line of `GET path` on loopback, or `None` when nothing answers HTTP there.
#[must_use]
pub fn http_status(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 256];
    let mut len = 0;
    while len < head.len() {
        match stream.read(&mut head[len..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
        if head[..len].contains(&b'\n') {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head[..len]);
    let line = text.lines().next()?.trim_end().to_owned();
    line.starts_with("HTTP/").then_some(line)
}

/// The contract's programs in the source tree: each of app.yaml's `commands` by its file name in
/// `ungleich/` (`/ungleich/run` and `/run` are both `ungleich/run`), else the name `init` writes.
///
/// # Errors
/// A script that is missing or not executable.
pub fn scripts(
    root: &Path,
    commands: &crate::spec::Commands,
    with_worker: bool,
) -> Result<Scripts, DevError> {
    let find = |path: &str, component: Component| -> Result<PathBuf, DevError> {
        use std::os::unix::fs::PermissionsExt;
        let dir = root.join("ungleich");
        let named = Path::new(path).file_name().map(|n| dir.join(n));
        let candidates = named.into_iter().chain([dir.join(component.name())]);
        let mut first = None;
        for candidate in candidates {
            let executable = candidate
                .metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
            if executable {
                return Ok(candidate);
            }
            first.get_or_insert(candidate);
        }
        Err(DevError::Script {
            path: first.unwrap_or_else(|| dir.join(component.name())),
        })
    };
    Ok(Scripts {
        init: find(&commands.init, Component::Init)?,
        run: find(&commands.run, Component::Run)?,
        async_worker: if with_worker {
            Some(find(&commands.async_worker, Component::Async)?)
        } else {
            None
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn async_stays_up_two_seconds_and_one_past_its_first_line() {
        let start = Instant::now();
        let s = Duration::from_millis;
        // A quick worker: its first line early, the two seconds count.
        assert_eq!(async_up_until(start, Some(start + s(500))), start + s(2000));
        // A slow start: one second past the first line.
        assert_eq!(
            async_up_until(start, Some(start + s(2500))),
            start + s(3500)
        );
        // Nothing said yet: one second more than the minimum, and later once it speaks.
        assert_eq!(async_up_until(start, None), start + s(3000));
    }

    #[test]
    fn commands_map_to_ungleich_in_the_source_tree() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ungleich = dir.path().join("ungleich");
        std::fs::create_dir(&ungleich).unwrap();
        for name in ["init", "run", "web"] {
            let path = ungleich.join(name);
            std::fs::write(&path, "#!/bin/sh\n").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let commands = crate::spec::Commands {
            init: "/init".into(),
            run: "/srv/web".into(),
            async_worker: "/async".into(),
        };
        let found = scripts(dir.path(), &commands, false).unwrap();
        assert_eq!(found.init, ungleich.join("init"));
        assert_eq!(found.run, ungleich.join("web"));
        assert!(found.async_worker.is_none());
        let err = scripts(dir.path(), &commands, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} is missing or not executable",
                ungleich.join("async").display()
            )
        );
    }

    #[test]
    fn only_http_counts_as_serving() {
        assert_eq!(http_status(1, "/"), None, "connection refused");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 512];
            let _ = conn.read(&mut buf).unwrap();
            conn.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").unwrap();
        });
        assert_eq!(
            http_status(port, "/").as_deref(),
            Some("HTTP/1.1 400 Bad Request")
        );
        server.join().unwrap();
    }
}
