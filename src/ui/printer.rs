use std::fmt::Display;
use std::io::{self, Write};

use serde::Serialize;

use super::progress::Progress;
use super::style::Palette;
use super::terminal::Terminal;

/// Owns stdout and stderr. Cheap to copy; every command gets one through its context.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    quiet: bool,
    verbose: u8,
    json: bool,
    terminal: Terminal,
}

impl Printer {
    /// A printer for these settings, colouring and drawing spinners as `terminal` allows.
    #[must_use]
    pub fn new(quiet: bool, verbose: u8, json: bool, terminal: Terminal) -> Self {
        Printer {
            quiet,
            verbose,
            json,
            terminal,
        }
    }

    /// True when stdout carries JSON: human text must then stay off stdout.
    #[must_use]
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// The colours, disabled when colour is off.
    #[must_use]
    pub fn palette(&self) -> Palette {
        self.terminal.palette()
    }

    /// One line of data on stdout.
    ///
    /// # Errors
    /// When stdout cannot be written; a closed pipe is turned into a quiet exit by the caller.
    pub fn data(&self, line: impl Display) -> io::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{line}")?;
        out.flush()
    }

    /// One JSON value on one line of stdout.
    ///
    /// # Errors
    /// When stdout cannot be written.
    pub fn json(&self, value: &impl Serialize) -> io::Result<()> {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, value)?;
        writeln!(out)?;
        out.flush()
    }

    /// True with `-v`.
    #[must_use]
    pub fn is_verbose(&self) -> bool {
        self.verbose > 0
    }

    /// A message for people on stderr (silent under `--quiet`).
    pub fn info(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// A step that went well.
    pub fn success(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{} {message}", self.palette().green("✓"));
        }
    }

    /// Something the user should know even though the command goes on.
    pub fn warn(&self, message: impl Display) {
        if !self.quiet {
            eprintln!("{} {message}", self.palette().yellow_bold("warning:"));
        }
    }

    /// Detail shown with `-v`.
    pub fn debug(&self, message: impl Display) {
        if self.verbose > 0 {
            eprintln!("{} {message}", self.palette().dim("debug:"));
        }
    }

    /// A spinner on a terminal, plain lines otherwise, nothing under `--quiet`.
    #[must_use]
    pub fn progress(&self, message: impl Into<String>) -> Progress {
        Progress::start(message.into(), self.quiet, self.terminal.stderr())
    }
}
