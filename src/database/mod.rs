//! The app's PostgreSQL database through a short-lived helper pod (`db dump`, `db restore`,
//! `db shell`): the platform's facts ([`platform`]), the helper pod ([`pod`]), the bytes to and
//! from it ([`transfer`]), what a dump file says about itself ([`archive`]) and the dumps kept
//! on this machine ([`store`]). Built on the one-off machinery of [`crate::oneoff`] (waiting for
//! the pod, its end, deleting it). Never prints, prompts or exits.
//!
//! The helper runs the hoster's client image, not the app's (which may lack the PostgreSQL
//! client), with the credentials from the database Secret by reference: the customer, and the
//! CLI, never see the password.

pub mod archive;
mod error;
pub mod pause;
pub mod platform;
pub mod pod;
pub mod store;
pub mod transfer;

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::api::PostParams;
use kube::{Api, Client};

pub use error::DbError;
pub use platform::Platform;
pub use pod::Job;
pub use transfer::Transferred;

use crate::oneoff::{self, RunError};

/// How long a helper pod may live at most (its `activeDeadlineSeconds`): a dump or restore of a
/// large database, or a psql session, ends well before; a forgotten one does not stay.
pub const DEADLINE: Duration = Duration::from_secs(6 * 3600);

/// A created helper pod.
#[derive(Debug, Clone)]
pub struct Started {
    pub pod: String,
    pub platform: Platform,
}

/// Reads the platform's facts and creates the helper pod for `job`.
///
/// # Errors
/// [`DbError::NoPlatform`], [`DbError::PlatformKey`], or the cluster's refusal (naming the
/// grant to ask for).
pub async fn start(
    client: Client,
    app: &str,
    namespace: &str,
    who: &str,
    job: Job,
) -> Result<Started, DbError> {
    let platform = platform::read(client.clone(), app, namespace).await?;
    let pod = pod::helper(
        &platform,
        &pod::HelperRequest {
            app,
            job,
            who,
            deadline: DEADLINE,
        },
    );
    let pods: Api<Pod> = Api::namespaced(client, namespace);
    let created = pods
        .create(&PostParams::default(), &pod)
        .await
        .map_err(|e| RunError::from_kube(&e, "create", "pods", namespace))?;
    Ok(Started {
        pod: created.metadata.name.unwrap_or_default(),
        platform,
    })
}

/// Deletes the helper pod (gone already is fine).
///
/// # Errors
/// The cluster's refusal.
pub async fn delete(client: Client, namespace: &str, pod: &str) -> Result<(), DbError> {
    Ok(oneoff::delete(client, namespace, pod).await?)
}

/// Judges a finished dump: pg_dump's exit code, and the byte count the pod wrote against the
/// one received. Returns pg_dump's own messages (warnings), without the count.
///
/// # Errors
/// [`DbError::Failed`] when pg_dump failed, [`DbError::Incomplete`] when the counts differ or
/// the pod never said its count.
pub fn judge_dump(transferred: &Transferred) -> Result<String, DbError> {
    let mut sent = None;
    let messages: Vec<&str> = transferred
        .stderr
        .lines()
        .filter(|line| match line.strip_prefix(pod::BYTES_MARKER) {
            Some(count) => {
                sent = Some(count.trim().to_owned());
                false
            }
            None => true,
        })
        .collect();
    let messages = messages.join("\n");
    if transferred.exit_code != 0 {
        return Err(DbError::Failed {
            what: "pg_dump",
            code: transferred.exit_code,
            stderr: messages,
        });
    }
    match sent {
        Some(count) if count.parse::<u64>().ok() == Some(transferred.bytes) => Ok(messages),
        other => Err(DbError::Incomplete {
            received: transferred.bytes,
            sent: other.unwrap_or_else(|| "an unknown number of".to_owned()),
        }),
    }
}

/// Judges a finished restore or statement by its exit code.
///
/// # Errors
/// [`DbError::Failed`] naming `what`, with its messages.
pub fn judge(what: &'static str, transferred: &Transferred) -> Result<(), DbError> {
    if transferred.exit_code == 0 {
        return Ok(());
    }
    Err(DbError::Failed {
        what,
        code: transferred.exit_code,
        stderr: transferred.stderr.trim().to_owned(),
    })
}
