//! `ungleich-django`: run Django apps on ungleich's Kubernetes clusters.
//!
//! The binary is a thin shell around this library: `cli` parses, `app` resolves the flags into a
//! [`app::Context`] and dispatches to one module of `commands` per command. The domain modules
//! (`spec`, `link`, `gitops`, `cluster`, ...) never print, prompt or exit; `ui` owns the terminal.

pub mod app;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod detect;
pub mod doctor;
pub mod exit;
pub mod fsutil;
pub mod generate;
pub mod gitops;
pub mod https;
pub mod link;
pub mod oneoff;
pub mod scaffold;
pub mod seal;
pub mod spec;
pub mod ui;
pub mod yaml;
