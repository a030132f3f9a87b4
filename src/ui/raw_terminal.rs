//! The local terminal of an interactive run: raw mode while attached (restored when dropped,
//! also on error), and the window size to send to the remote terminal.

use std::os::fd::AsFd;

use rustix::termios::{self, OptionalActions, Termios};

/// The window size of stdout's terminal as (columns, rows), if it has one.
#[must_use]
pub fn size() -> Option<(u16, u16)> {
    let size = termios::tcgetwinsize(std::io::stdout().as_fd()).ok()?;
    (size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
}

/// The terminal in raw mode: every key, Ctrl-C and Ctrl-D included, goes to the remote command
/// as typed, and the remote terminal echoes. Dropping it restores the terminal as it was.
#[derive(Debug)]
pub struct RawMode {
    original: Termios,
}

impl RawMode {
    /// Switches stdin's terminal to raw mode.
    ///
    /// # Errors
    /// When stdin is not a terminal or its settings cannot be changed.
    pub fn enable() -> std::io::Result<Self> {
        let stdin = std::io::stdin();
        let original = termios::tcgetattr(stdin.as_fd())?;
        let mut raw = original.clone();
        raw.make_raw();
        termios::tcsetattr(stdin.as_fd(), OptionalActions::Now, &raw)?;
        Ok(RawMode { original })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(
            std::io::stdin().as_fd(),
            OptionalActions::Now,
            &self.original,
        );
    }
}

/// Joins this terminal to a remote command's terminal until its output ends: raw mode, the
/// window size first and then each change of it, every key to the command, its output to
/// stdout. Returns how copying the output ended (an error is a lost connection).
///
/// # Errors
/// When the terminal cannot be put in raw mode or the process has no stdin or stdout.
pub async fn join(
    process: &mut kube::api::AttachedProcess,
) -> std::io::Result<std::io::Result<()>> {
    let (Some(stdin), Some(stdout)) = (process.stdin(), process.stdout()) else {
        return Err(std::io::Error::other(
            "the remote terminal has no stdin or stdout",
        ));
    };
    let raw = RawMode::enable()?;
    let resizer = process
        .terminal_size()
        .map(|sizes| tokio::spawn(follow_window_size(sizes)));
    let typist = tokio::spawn(forward_keys(stdin));
    let copied = copy_output(stdout).await;
    drop(raw);
    typist.abort();
    if let Some(resizer) = resizer {
        resizer.abort();
    }
    Ok(copied)
}

/// Sends the window size now (before any key reaches the command) and after every SIGWINCH.
async fn follow_window_size(mut sizes: futures::channel::mpsc::Sender<kube::api::TerminalSize>) {
    use futures::SinkExt as _;
    let as_size = |(width, height)| kube::api::TerminalSize { width, height };
    if let Some(now) = size() {
        let _ = sizes.send(as_size(now)).await;
    }
    let Ok(mut changes) =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change())
    else {
        return;
    };
    while changes.recv().await.is_some() {
        if let Some(now) = size()
            && sizes.send(as_size(now)).await.is_err()
        {
            return;
        }
    }
}

/// Every key typed, as typed, to the command: a thread blocks on the terminal (reading stdin
/// has no async form that can be cancelled), this task writes to the pod.
async fn forward_keys(mut remote: impl tokio::io::AsyncWrite + Unpin) {
    use tokio::io::AsyncWriteExt as _;
    let (keys_tx, mut keys) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    std::thread::spawn(move || {
        use std::io::Read as _;
        let mut buffer = [0u8; 1024];
        let mut input = std::io::stdin().lock();
        while let Ok(n) = input.read(&mut buffer) {
            if n == 0 || keys_tx.blocking_send(buffer[..n].to_vec()).is_err() {
                return;
            }
        }
    });
    while let Some(chunk) = keys.recv().await {
        if remote.write_all(&chunk).await.is_err() || remote.flush().await.is_err() {
            return;
        }
    }
}

/// The command's terminal output to stdout, flushed as it comes (it is someone's screen).
async fn copy_output(mut remote: impl tokio::io::AsyncRead + Unpin) -> std::io::Result<()> {
    use std::io::Write as _;
    use tokio::io::AsyncReadExt as _;
    let mut out = std::io::stdout().lock();
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let n = remote.read(&mut buffer).await?;
        if n == 0 {
            return Ok(());
        }
        out.write_all(&buffer[..n])?;
        out.flush()?;
    }
}
