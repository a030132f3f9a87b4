//! Shared test support: the isolated environment and the tools the tests need.

pub mod apiserver;
pub mod dns;
mod env;
pub mod git_servers;
pub mod shells;
pub mod terminal;
pub mod tools;

pub use env::{Outcome, TestEnv};

impl apiserver::KubeconfigPath for &TestEnv {
    fn kubeconfig_path(&self) -> std::path::PathBuf {
        self.var("KUBECONFIG").expect("KUBECONFIG is set").into()
    }
}
