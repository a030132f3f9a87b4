//! Shared test support: the isolated environment and the tools the tests need.

#![allow(dead_code, unused_imports)]

mod env;
pub mod git_servers;
pub mod tools;

pub use env::{Outcome, TestEnv};
