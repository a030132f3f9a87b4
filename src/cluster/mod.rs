//! Everything that talks to the Kubernetes API. Returns data and domain events; never prints.

mod client;
pub mod names;
pub mod redact;
mod retry;
pub mod sealing_cert;

pub use client::{ClusterError, ClusterTarget, connect, connect_once, server_version};
pub mod access;
pub mod argocd;
pub mod certificates;
pub mod cron;
pub mod diagnose;
pub mod events;
pub mod logs;
pub mod pod_column;
pub mod quantity;
pub mod quota;
pub mod release;
pub mod rollout;
#[cfg(test)]
mod rollout_properties;
pub mod status;
pub mod unsealed;
pub mod verdict;
