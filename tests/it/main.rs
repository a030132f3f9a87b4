//! The one integration-test crate: every test runs the real binary in an isolated environment
//! (see `support::TestEnv`), against real servers where the feature talks to one.

mod support;

mod chart;
mod cli;
mod config;
mod conformance;
mod contract;
mod cron;
mod db;
mod dev;
mod doctor;
mod domains;
mod emulator;
mod environments;
mod generated;
mod gitops;
mod init;
mod logs;
mod rbac;
mod release;
mod remote;
mod run;
mod scale;
mod secret;
mod status;
