//! The one integration-test crate: every test runs the real binary in an isolated environment
//! (see `support::TestEnv`), against real servers where the feature talks to one.

mod support;

mod chart;
mod ci_recipes;
mod cli;
mod completion;
mod config;
mod conformance;
mod contract;
mod crash;
mod cron;
mod db;
mod dev;
mod doctor;
mod domains;
mod editor;
mod emulator;
mod environments;
mod generated;
mod gitops;
mod init;
mod logs;
mod package;
mod rbac;
mod release;
mod remote;
mod run;
mod scale;
mod secret;
mod soak;
mod status;
mod version;
