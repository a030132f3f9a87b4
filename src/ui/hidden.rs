//! The hidden prompt for secrets: reads what is typed on the terminal with echo off, byte by
//! byte, straight into a [`SecretBuffer`]. Prompt libraries read into growing `String`s and
//! keep their own copies (dialoguer's password prompt left the whole value in the heap until
//! exit); this reader leaves none. The terminal's settings are restored however it ends.

use std::fs::File;
use std::io::Write;

use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use zeroize::Zeroize;

use crate::seal::SecretBuffer;

/// Room for a typed value before the buffer first moves; far more than anyone types or pastes.
const TYPED_CAPACITY: usize = 4096;

/// What ended a hidden read other than Enter.
#[derive(Debug, thiserror::Error)]
pub enum HiddenError {
    /// Ctrl-C or Ctrl-D on an empty line.
    #[error("interrupted")]
    Interrupted,
    /// The terminal could not be opened or set up.
    #[error("cannot read from the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Writes `prompt` to the terminal and reads one line with echo off.
///
/// # Errors
/// When there is no terminal, it fails, or the user interrupts.
pub fn read_line(prompt: &str) -> Result<SecretBuffer, HiddenError> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")?;
    let line = {
        // Echo goes off before the prompt shows, so nothing typed after it is ever echoed.
        let _raw = RawMode::enter(&tty)?;
        let mut out = &tty;
        // As dialoguer's other prompts look.
        write!(out, "? {prompt}: ")?;
        out.flush()?;
        read_keys(&tty)
    };
    // Enter was not echoed either: end the prompt's line.
    writeln!(&tty)?;
    line
}

/// Keys until Enter: Backspace and Ctrl-U edit, Ctrl-C and Ctrl-D (on an empty line) stop.
fn read_keys(tty: &File) -> Result<SecretBuffer, HiddenError> {
    let mut typed = SecretBuffer::with_capacity(TYPED_CAPACITY);
    let mut key = [0u8; 1];
    let outcome = loop {
        match rustix::io::read(tty, &mut key) {
            Ok(0) => break Err(HiddenError::Interrupted),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => break Err(HiddenError::Terminal(e.into())),
        }
        match key[0] {
            b'\r' | b'\n' => break Ok(()),
            0x03 => break Err(HiddenError::Interrupted),
            0x04 if typed.as_bytes().is_empty() => break Err(HiddenError::Interrupted),
            0x7f | 0x08 => typed.pop(),
            0x15 => typed.clear(),
            byte => typed.extend(&[byte]),
        }
    };
    key.zeroize();
    outcome.map(|()| typed)
}

/// The terminal with echo and line editing off (we edit, and see Ctrl-C as a key rather than
/// being killed with echo still off); the old settings come back on drop.
struct RawMode<'a> {
    tty: &'a File,
    saved: Termios,
}

impl<'a> RawMode<'a> {
    fn enter(tty: &'a File) -> std::io::Result<Self> {
        let saved = termios::tcgetattr(tty)?;
        let mut raw = saved.clone();
        raw.local_modes
            .remove(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG | LocalModes::IEXTEN);
        raw.special_codes[SpecialCodeIndex::VMIN] = 1;
        raw.special_codes[SpecialCodeIndex::VTIME] = 0;
        termios::tcsetattr(tty, OptionalActions::Now, &raw)?;
        Ok(RawMode { tty, saved })
    }
}

impl Drop for RawMode<'_> {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(self.tty, OptionalActions::Now, &self.saved);
    }
}
