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
