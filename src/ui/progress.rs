//! The progress of a long step on stderr: a spinner on a terminal, plain lines elsewhere, nothing
//! under `--quiet`; and never left behind on screen when the step ends early.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Progress of a long step. On a terminal an indicatif spinner; elsewhere (CI logs) each new
/// message becomes one plain line, so logs stay readable and say the same.
#[derive(Debug)]
pub struct Progress {
    mode: Mode,
}

#[derive(Debug)]
enum Mode {
    Spinner(ProgressBar),
    Lines { last: String },
    Silent,
}

impl Progress {
    pub(super) fn start(message: String, quiet: bool, terminal: bool) -> Self {
        // indicatif hides its bar, and everything printed above it, when TERM is unset or
        // `dumb`: a spinner there would swallow the notes and log lines, so use plain lines.
        let dumb = std::env::var("TERM").map_or(true, |t| t.is_empty() || t == "dumb");
        let mode = if quiet {
            Mode::Silent
        } else if terminal && !dumb {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner:.cyan} {msg} {elapsed:.dim}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar.set_message(message);
            Mode::Spinner(bar)
        } else {
            eprintln!("{message}");
            Mode::Lines { last: message }
        };
        Progress { mode }
    }

    /// Replaces the message; in plain mode only a changed message is printed.
    pub fn set_message(&mut self, message: impl Into<String>) {
        let message = message.into();
        match &mut self.mode {
            Mode::Spinner(bar) => bar.set_message(message),
            Mode::Lines { last } => {
                if *last != message {
                    eprintln!("{message}");
                    *last = message;
                }
            }
            Mode::Silent => {}
        }
    }

    /// Prints a line above the spinner (log lines, events), keeping the spinner below them.
    pub fn println(&self, line: impl AsRef<str>) {
        match &self.mode {
            Mode::Spinner(bar) => bar.println(line.as_ref()),
            Mode::Lines { .. } => eprintln!("{}", line.as_ref()),
            Mode::Silent => {}
        }
    }

    /// Ends the progress, leaving `message` as its last line.
    pub fn finish(mut self, message: impl Into<String>) {
        let message = message.into();
        match std::mem::replace(&mut self.mode, Mode::Silent) {
            Mode::Spinner(bar) => {
                bar.finish_and_clear();
                eprintln!("{message}");
            }
            Mode::Lines { .. } => eprintln!("{message}"),
            Mode::Silent => {}
        }
    }

    /// Ends the progress and removes it, saying nothing.
    pub fn clear(mut self) {
        self.clear_spinner();
    }

    fn clear_spinner(&mut self) {
        if let Mode::Spinner(bar) = std::mem::replace(&mut self.mode, Mode::Silent) {
            bar.finish_and_clear();
        }
    }
}

/// A spinner dropped without `finish` or `clear` (an error, Ctrl-C, a panic unwinding) would
/// stay on screen with the error printed after it, as if still working; remove it.
impl Drop for Progress {
    fn drop(&mut self) {
        self.clear_spinner();
    }
}
