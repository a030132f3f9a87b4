//! The terminal: everything the user sees or types goes through here.
//!
//! Data goes to stdout, everything else (progress, prompts, diagnostics) to stderr, so that
//! `ungleich-django ... -o json | jq` always works. Domain modules never print: they return data
//! or report progress through traits that this module implements.

mod printer;
mod progress;
mod prompt;
mod style;
pub mod terminal;

pub use printer::Printer;
pub use progress::Progress;
pub use prompt::{InputError, Prompter};
pub use style::{Palette, stable_color_index};
