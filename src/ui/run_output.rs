//! A one-off pod on our terminal, for `run`, `shell` and `cron run`: without a terminal its
//! output on our stdout as it comes (wait until it starts, copy its log, stop watching on
//! Ctrl-C), and with `-i` our stdin sent to it; on one, the command's terminal joined to ours
//! (`attach`).

use std::io::{Read as _, Write as _};

use anyhow::Context as _;
use tokio::io::AsyncWriteExt as _;

use crate::oneoff::{self, Ended, RunError};

/// How watching a one-off pod ended.
pub enum Streamed {
    /// Its output is all here; the pod's end, or why it could not be followed to it.
    Ended(Result<Ended, RunError>),
    /// Ctrl-C: what to do with the pod is the caller's choice.
    Interrupted,
}

/// Waits until `pod` starts, then copies its output to stdout until it ends or Ctrl-C; with
/// `send_stdin` (a pod made with `stdin`), our stdin goes to the command meanwhile.
///
/// # Errors
/// A pod that cannot start (the release's classes), stdout that cannot be written, or stdin that
/// cannot be sent (the refusal names the grant).
pub async fn stream(
    client: kube::Client,
    app: &str,
    namespace: &str,
    pod: &str,
    send_stdin: bool,
) -> anyhow::Result<Streamed> {
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    tokio::select! {
        started = oneoff::wait_started(client.clone(), app, namespace, pod) => started?,
        _ = &mut ctrl_c => return Ok(Streamed::Interrupted),
    }
    let sending = async {
        if send_stdin {
            feed_stdin(client.clone(), namespace, pod).await
        } else {
            std::future::pending().await
        }
    };
    tokio::pin!(sending);
    let mut sent = false;
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
            fed = &mut sending, if !sent => {
                if let Err(e) = fed {
                    out.flush()?;
                    follower.abort();
                    return Err(e);
                }
                sent = true;
            }
        }
    }
    out.flush()?;
    Ok(Streamed::Ended(
        follower.await.context("the output reader failed")?,
    ))
}

/// Sends our stdin to the run's, to its end, then closes it (the runtime closes the command's
/// stdin when its one client is done, as `stdinOnce` says): the command reads it as it would
/// read a file. Returns once the close has reached the cluster, or the connection ended.
async fn feed_stdin(client: kube::Client, namespace: &str, pod: &str) -> anyhow::Result<()> {
    let mut process = match oneoff::attach_stdin(client.clone(), namespace, pod).await {
        Ok(process) => process,
        // A command that ended before we could attach needs no stdin: its output and exit code
        // are what counts. A refusal is said: the command may be waiting for it.
        Err(e)
            if !matches!(e, RunError::Forbidden { .. })
                && oneoff::has_ended(client, namespace, pod)
                    .await
                    .unwrap_or(false) =>
        {
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let mut writer = process
        .stdin()
        .context("the attached run has no stdin to send to")?;
    // Our stdin is read on a thread of its own: a read from a pipe cannot be awaited, and one
    // that blocks must not hold the runtime the output is copied on.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<std::io::Result<Vec<u8>>>(4);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = match stdin.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => Ok(buffer[..n].to_vec()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => Err(e),
            };
            let failed = read.is_err();
            if tx.blocking_send(read).is_err() || failed {
                break;
            }
        }
    });
    while let Some(chunk) = rx.recv().await {
        let chunk = chunk.context("cannot read stdin to send it to the command")?;
        writer
            .write_all(&chunk)
            .await
            .context("cannot send stdin to the command")?;
    }
    // Shutting the writer down is the end of stdin (dropping it is not: the pipe's other half
    // keeps it open); the connection's own loop tells the cluster (v5 closes the stream, v4 the
    // connection). Waiting for that loop keeps it alive to do so.
    writer
        .shutdown()
        .await
        .context("cannot close the command's stdin")?;
    drop(writer);
    let _ = process.join().await;
    Ok(())
}

/// True when our stdin is a file that holds something (`< script.py`), which the command gets
/// only with `-i`: said, rather than silently not read.
#[must_use]
pub fn stdin_is_a_file_with_content() -> bool {
    use std::os::fd::AsFd as _;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|file| file.metadata())
        .is_ok_and(|meta| meta.is_file() && meta.len() > 0)
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
