//! The terminal: everything the user sees or types goes through here.
//!
//! [`Terminal`] decides once what stdin and stderr are attached to and whether to colour;
//! [`Printer`] owns stdout and stderr, [`Progress`] draws spinners or plain lines, [`Prompter`]
//! asks questions, [`Palette`] colours words; `raw_terminal` puts the terminal in raw mode for an
//! attached one-off command, `release` shows a release as it happens, `spec_change` a day-2
//! change of app.yaml from its commit to its release, `browser` opens the app's site. Data goes to stdout, everything else
//! (progress, prompts, diagnostics) to stderr, so that `ungleich-django ... -o json | jq` always works. Domain
//! modules never print: they return data or report progress through traits that this module
//! implements.

pub mod browser;
pub mod database;
pub mod diff;
pub mod environments;
mod hidden;
mod printer;
mod progress;
mod prompt;
pub mod raw_terminal;
pub mod release;
pub mod run_output;
pub mod spec_change;
mod style;
mod terminal;

pub use printer::Printer;
pub use progress::Progress;
pub use prompt::{InputError, Prompter};
pub use style::{Palette, stable_color_index};
pub use terminal::Terminal;
