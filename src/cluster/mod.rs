//! Everything that talks to the Kubernetes API. Returns data and domain events; never prints.

mod client;
pub mod names;

pub use client::{ClusterError, ClusterTarget, connect};
pub mod access;
pub mod argocd;
pub mod checks;
pub mod diagnose;
pub mod logs;
pub mod release;
pub mod rollout;
pub mod status;
