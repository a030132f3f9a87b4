//! Opening a URL in the user's browser: only where there is a display to show it on, through
//! the desktop's opener (`open` on macOS, `xdg-open` elsewhere). The URL is an address, never a
//! secret, so handing it over as an argument is fine.

use std::process::{Command, Stdio};

/// Whether a browser can be shown: macOS always has a display; elsewhere an X11 or Wayland
/// session says so.
#[must_use]
pub fn has_display() -> bool {
    cfg!(target_os = "macos")
        || std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty())
}

/// Asks the desktop to open `url`; true when the opener started and exited successfully.
#[must_use]
pub fn open(url: &str) -> bool {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
