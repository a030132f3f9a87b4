use std::io::IsTerminal;

use super::style::Palette;

/// What the process is attached to, and whether it colours: decided once at start-up, so the
/// printer, the prompter, the error report and the commands agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    stdin: bool,
    stdout: bool,
    stderr: bool,
    color: bool,
}

impl Terminal {
    /// Looks at stdin, stderr and `NO_COLOR`. Colour is on only when stderr is a terminal (the
    /// human text goes there), `--no-color` is not given and `NO_COLOR` is unset or empty.
    #[must_use]
    pub fn detect(no_color_flag: bool) -> Self {
        let stderr = std::io::stderr().is_terminal();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr,
            color: stderr && !no_color_flag && !no_color_env,
        }
    }

    /// A terminal described by hand (tests, and callers that must not look at the real one).
    #[must_use]
    pub fn new(stdin: bool, stderr: bool, color: bool) -> Self {
        Terminal {
            stdin,
            stdout: stdin,
            stderr,
            color,
        }
    }

    /// True when stdin is a terminal: a person can type, and piped input is not waiting.
    #[must_use]
    pub fn stdin(&self) -> bool {
        self.stdin
    }

    /// True when stdout is a terminal: a one-off command's output can be a remote terminal's.
    #[must_use]
    pub fn stdout(&self) -> bool {
        self.stdout
    }

    /// True when stderr is a terminal: spinners and prompts can be drawn.
    #[must_use]
    pub fn stderr(&self) -> bool {
        self.stderr
    }

    /// The colours to use, disabled when colour is off.
    #[must_use]
    pub fn palette(&self) -> Palette {
        Palette {
            enabled: self.color,
        }
    }
}
