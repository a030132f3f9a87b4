//! A one-off pod on our terminal, for `run`, `shell` and `cron run`: without a terminal its
//! output on our stdout as it comes (wait until it starts, copy its log, stop watching on
//! Ctrl-C); on one, the command's terminal joined to ours (`attach`).

use std::io::Write as _;

use anyhow::Context as _;

use crate::oneoff::{self, Ended, RunError};

/// How watching a one-off pod ended.
pub enum Streamed {
    /// Its output is all here; the pod's end, or why it could not be followed to it.
    Ended(Result<Ended, RunError>),
    /// Ctrl-C: what to do with the pod is the caller's choice.
    Interrupted,
}

/// Waits until `pod` starts, then copies its output to stdout until it ends or Ctrl-C.
///
/// # Errors
/// A pod that cannot start (the release's classes), or stdout that cannot be written.
pub async fn stream(
    client: kube::Client,
    app: &str,
    namespace: &str,
    pod: &str,
) -> anyhow::Result<Streamed> {
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    tokio::select! {
        started = oneoff::wait_started(client.clone(), app, namespace, pod) => started?,
        _ = &mut ctrl_c => return Ok(Streamed::Interrupted),
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(256);
    let follower = tokio::spawn({
        let (client, namespace, pod) = (client.clone(), namespace.to_owned(), pod.to_owned());
        async move { oneoff::follow_log(client, &namespace, &pod, tx).await }
    });
    let mut out = std::io::stdout().lock();
    loop {
        tokio::select! {
            chunk = rx.recv() => {
                let Some(chunk) = chunk else { break };
                out.write_all(chunk.as_bytes())?;
                // Flush when nothing more is waiting: throughput when busy, no lag when quiet.
                if rx.is_empty() {
                    out.flush()?;
                }
            }
            _ = &mut ctrl_c => {
                out.flush()?;
                follower.abort();
                return Ok(Streamed::Interrupted);
            }
        }
    }
    out.flush()?;
    Ok(Streamed::Ended(
        follower.await.context("the output reader failed")?,
    ))
}

/// How an attached run ended.
pub enum Attached {
    /// The command ended with this exit code.
    Ended(Ended),
    /// Ctrl-C before it started: what to do with the pod is the caller's choice.
    Interrupted,
    /// The connection broke before the command ended; it goes on in the cluster.
    Lost(std::io::Error),
}

/// On a terminal: waits until `pod` starts, then the command's terminal is ours (raw mode,
/// window size and its changes), every key goes to it, Ctrl-C and Ctrl-D included; returns
/// how it ended.
///
/// # Errors
/// A pod that cannot start (the release's classes), or the cluster's failure.
pub async fn attach(
    client: kube::Client,
    app: &str,
    namespace: &str,
    pod: &str,
) -> anyhow::Result<Attached> {
    {
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        tokio::select! {
            started = oneoff::wait_started(client.clone(), app, namespace, pod) => started?,
            _ = &mut ctrl_c => return Ok(Attached::Interrupted),
        }
    }
    let mut process = oneoff::attach(client.clone(), namespace, pod).await?;
    let copied = super::raw_terminal::join(&mut process)
        .await
        .context("cannot join the command's terminal")?;
    let status = match process.take_status() {
        Some(status) => status.await,
        None => None,
    };
    if let Err(e) = copied
        && status.is_none()
    {
        return Ok(Attached::Lost(e));
    }
    Ok(Attached::Ended(
        oneoff::wait_ended(client, namespace, pod).await?,
    ))
}
