//! The scripts as running processes: each in a process group of its own (so the terminal's
//! Ctrl-C reaches us, not them, and stopping one stops its workers too), its stdout and stderr
//! read line by line into one stream of [`Event`]s, with Ctrl-C and SIGTERM arriving in the same
//! stream. Stopping is SIGTERM to each script, as Kubernetes stops a pod, then SIGKILL to its
//! whole group; nothing outlives the supervisor.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process, kill_process_group};

use super::{Component, DevError, postgres::io};

/// The lines kept of each process, for the error when it fails.
const KEPT_LINES: usize = 200;

/// Something that happened to the processes.
#[derive(Debug, Clone)]
pub enum Event {
    /// Process `id` wrote a line (without its line end).
    Line {
        id: usize,
        component: Component,
        text: String,
    },
    /// Process `id` ended; its last lines have all been sent before this.
    Exited {
        id: usize,
        component: Component,
        status: ExitStatus,
    },
    /// The user pressed Ctrl-C, or we were sent SIGTERM.
    Interrupted,
}

#[derive(Debug)]
struct Process {
    component: Component,
    pid: Pid,
    alive: bool,
    /// Sent SIGTERM already.
    terminated: bool,
    status: Option<ExitStatus>,
    lines: VecDeque<String>,
    /// When its first line arrived.
    first_line: Option<Instant>,
}

/// The running scripts.
#[derive(Debug)]
pub struct Supervisor {
    tx: Sender<Event>,
    rx: Receiver<Event>,
    processes: Vec<Process>,
}

impl Default for Supervisor {
    fn default() -> Self {
        Self::new()
    }
}

impl Supervisor {
    /// No processes yet.
    #[must_use]
    pub fn new() -> Self {
        let (tx, rx) = mpsc::channel();
        Supervisor {
            tx,
            rx,
            processes: Vec::new(),
        }
    }

    /// From now on Ctrl-C and SIGTERM arrive as [`Event::Interrupted`] instead of ending the
    /// program, so whatever runs is stopped and the database removed.
    ///
    /// # Errors
    /// When the signal handlers cannot be installed.
    pub fn catch_interrupts(&self) -> Result<(), DevError> {
        use tokio::signal::unix::{SignalKind, signal};
        let tx = self.tx.clone();
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => return drop(ready_tx.send(Err(e))),
            };
            runtime.block_on(async move {
                let signals = (
                    signal(SignalKind::interrupt()),
                    signal(SignalKind::terminate()),
                );
                let (mut int, mut term) = match signals {
                    (Ok(int), Ok(term)) => (int, term),
                    (Err(e), _) | (_, Err(e)) => return drop(ready_tx.send(Err(e))),
                };
                let _ = ready_tx.send(Ok(()));
                loop {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                    if tx.send(Event::Interrupted).is_err() {
                        return;
                    }
                }
            });
        });
        ready_rx
            .recv()
            .unwrap_or_else(|_| Err(std::io::Error::other("the signal thread ended")))
            .map_err(|source| io("cannot catch Ctrl-C", source))
    }

    /// Starts `program` in `cwd` with exactly `env`, in a new process group.
    ///
    /// # Errors
    /// When it cannot be started.
    pub fn spawn(
        &mut self,
        component: Component,
        program: &Path,
        env: &[(String, OsString)],
        cwd: &Path,
    ) -> Result<usize, DevError> {
        use std::os::unix::process::CommandExt;
        let mut child = Command::new(program)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(cwd)
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| io(&format!("cannot start {}", program.display()), source))?;
        let id = self.processes.len();
        let pid = i32::try_from(child.id())
            .ok()
            .and_then(Pid::from_raw)
            .ok_or_else(|| io("a process id out of range", std::io::Error::other("pid")))?;
        let (eof_tx, eof_rx) = mpsc::channel::<()>();
        let readers: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().expect("piped stdout")),
            Box::new(child.stderr.take().expect("piped stderr")),
        ];
        for reader in readers {
            let (tx, eof_tx) = (self.tx.clone(), eof_tx.clone());
            std::thread::spawn(move || {
                forward_lines(reader, id, component, &tx);
                let _ = eof_tx.send(());
            });
        }
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let Ok(status) = child.wait() else { return };
            // Its last lines (a traceback) before its end; a worker it left behind may hold the
            // pipes open, so not forever.
            for _ in 0..2 {
                let _ = eof_rx.recv_timeout(Duration::from_secs(2));
            }
            let _ = tx.send(Event::Exited {
                id,
                component,
                status,
            });
        });
        self.processes.push(Process {
            component,
            pid,
            alive: true,
            terminated: false,
            status: None,
            lines: VecDeque::new(),
            first_line: None,
        });
        Ok(id)
    }

    /// The next event, waiting at most `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<Event> {
        let event = match self.rx.recv_timeout(timeout) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        match &event {
            Event::Line { id, text, .. } => {
                self.processes[*id]
                    .first_line
                    .get_or_insert_with(Instant::now);
                let lines = &mut self.processes[*id].lines;
                if lines.len() == KEPT_LINES {
                    lines.pop_front();
                }
                lines.push_back(text.clone());
            }
            Event::Exited { id, status, .. } => {
                self.processes[*id].alive = false;
                self.processes[*id].status = Some(*status);
            }
            Event::Interrupted => {}
        }
        Some(event)
    }

    /// When process `id` wrote its first line, if it has.
    #[must_use]
    pub fn first_line_at(&self, id: usize) -> Option<Instant> {
        self.processes[id].first_line
    }

    /// The last lines process `id` wrote.
    #[must_use]
    pub fn lines(&self, id: usize) -> Vec<String> {
        self.processes[id].lines.iter().cloned().collect()
    }

    /// How process `id` ended, once it has.
    #[must_use]
    pub fn exit_status(&self, id: usize) -> Option<ExitStatus> {
        self.processes[id].status
    }

    /// Sends SIGTERM to process `id` (not its group: see [`Supervisor::stop_all`]).
    pub fn terminate(&mut self, id: usize) {
        let process = &mut self.processes[id];
        if process.alive && !process.terminated {
            let _ = kill_process(process.pid, Signal::TERM);
            process.terminated = true;
        }
    }

    /// True while process `id` runs.
    #[must_use]
    pub fn is_alive(&self, id: usize) -> bool {
        self.processes[id].alive
    }

    /// Stops everything as Kubernetes stops a pod: SIGTERM to each script's process (the
    /// container's PID 1, which `exec` made the server), newest first, so it stops its own
    /// workers; after `grace`, SIGKILL to every group, whatever it left behind included. Events
    /// that arrive meanwhile go to `seen`.
    pub fn stop_all(&mut self, grace: Duration, seen: &mut dyn FnMut(&Event)) {
        for id in (0..self.processes.len()).rev() {
            self.terminate(id);
        }
        self.wait_all(grace, seen);
        for process in &self.processes {
            let _ = kill_process_group(process.pid, Signal::KILL);
        }
        self.wait_all(Duration::from_secs(5), seen);
    }

    fn wait_all(&mut self, timeout: Duration, seen: &mut dyn FnMut(&Event)) {
        let deadline = Instant::now() + timeout;
        while self.processes.iter().any(|p| p.alive) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            if let Some(event) = self.next(left) {
                seen(&event);
            }
        }
    }

    /// The component of process `id`.
    #[must_use]
    pub fn component(&self, id: usize) -> Component {
        self.processes[id].component
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        for process in &self.processes {
            let _ = kill_process_group(process.pid, Signal::KILL);
        }
    }
}

/// Sends each line of `reader` (lossily decoded, line end removed) until it closes.
fn forward_lines(reader: impl Read, id: usize, component: Component, tx: &Sender<Event>) {
    let mut reader = BufReader::new(reader);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&buf)
                    .trim_end_matches(['\n', '\r'])
                    .to_owned();
                if tx
                    .send(Event::Line {
                        id,
                        component,
                        text,
                    })
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}
