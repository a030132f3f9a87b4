//! Everything that talks to the Kubernetes API. Returns data and domain events; never prints.

mod client;
pub mod names;
pub mod sealing_cert;

pub use client::{ClusterError, ClusterTarget, connect, connect_once};
