//! `ungleich-django`: run Django apps on ungleich's Kubernetes clusters.
//!
//! The binary is a thin shell around this library: `cli` parses, `app` builds the
//! [`context::Context`] from the global flags, dispatches to one module of `commands` per command,
//! and classifies and renders whatever error comes back. The domain modules (`spec`, `link`,
//! `gitops`, `cluster`, ...) never print, prompt or exit; `ui` owns the terminal; `exit` is the
//! vocabulary of exit codes that every error type speaks.

pub mod app;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod complete;
pub mod config_vars;
pub mod context;
pub mod database;
pub mod detect;
pub mod dev;
pub mod dns_check;
pub mod doctor;
pub mod environments;
pub mod exit;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod gitops;
pub mod https;
pub mod link;
pub mod new_environment;
pub mod oneoff;
pub mod promote;
pub mod scaffold;
pub mod seal;
pub mod secrets;
pub mod spec;
pub mod text;
pub mod ui;
pub mod yaml;
