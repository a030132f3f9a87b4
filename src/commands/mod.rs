//! One module per command, each with a `run` that takes the [`Context`](crate::context::Context)
//! and, when the command has options, its plain `Settings` (built from the clap arguments in
//! `app`); it calls the domain modules, tells the user what happened through the context's printer
//! and returns the exit code. Errors go back to `app`, which classifies and renders them.

pub mod completions;
pub mod deploy;
pub mod doctor;
pub mod init;
pub mod logs;
pub mod rollback;
pub mod schema;
pub mod secret;
pub mod status;
