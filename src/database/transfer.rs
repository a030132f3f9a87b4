//! The bytes between the CLI and the helper pod, over the API server's attach WebSocket: the
//! dump from the pod's stdout, a dump into pg_restore's stdin, psql's output. Streamed in
//! chunks, never held whole; stdout is kept as bytes (channel 1 frames, unchanged). stderr is
//! kept only as its last [`STDERR_KEPT`] bytes, for the error message.

use std::cell::RefCell;
use std::io::{Read, Write};

use k8s_openapi::api::core::v1::Pod;
use kube::api::{AttachParams, AttachedProcess};
use kube::{Api, Client};
use sha2::{Digest as _, Sha256};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::DbError;
use crate::oneoff::{self, RunError, pod as oneoff_pod};

/// How much of the helper's stderr is kept for an error message.
const STDERR_KEPT: usize = 16 * 1024;

/// The size of each read and write: large enough that the WebSocket frames, not our loop, set
/// the pace.
const CHUNK: usize = 256 * 1024;

/// What went through, and how the helper ended.
#[derive(Debug, Clone)]
pub struct Transferred {
    /// Bytes of the helper's stdout (or, with input, of the input sent).
    pub bytes: u64,
    /// The SHA-256 of the helper's stdout.
    pub sha256: String,
    /// The end of its stderr.
    pub stderr: String,
    pub exit_code: i32,
}

/// The pod's side of one transfer.
pub struct Helper<'a> {
    pub client: Client,
    pub app: &'a str,
    pub namespace: &'a str,
    pub pod: &'a str,
    /// Send the starting line first (see [`super::pod`]).
    pub start_line: bool,
}

/// Waits until the helper runs, attaches, sends `input` (if any) to its stdin while its stdout
/// goes to `output`, and returns once it has ended. `progress` is told the bytes so far (of the
/// input when there is one, else of the output).
///
/// # Errors
/// [`DbError::Run`] when the pod cannot start or be attached to (a refusal names the grant),
/// [`DbError::Stream`] when the connection breaks, [`DbError::Io`] when `output` cannot be
/// written.
pub async fn run(
    helper: &Helper<'_>,
    input: Option<&mut dyn Read>,
    output: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Transferred, DbError> {
    oneoff::wait_started(
        helper.client.clone(),
        helper.app,
        helper.namespace,
        helper.pod,
    )
    .await?;
    let pods: Api<Pod> = Api::namespaced(helper.client.clone(), helper.namespace);
    let params = AttachParams::default()
        .container(oneoff_pod::CONTAINER)
        .stdin(true)
        .stdout(true)
        .stderr(true)
        .max_stdin_buf_size(CHUNK)
        .max_stdout_buf_size(CHUNK);
    let mut process = pods
        .attach(helper.pod, &params)
        .await
        .map_err(|e| RunError::from_kube(&e, "create", "pods/attach", helper.namespace))?;
    let broken = |message: String| DbError::Stream {
        pod: helper.pod.to_owned(),
        message,
    };
    let (Some(mut stdin), Some(mut stdout), Some(stderr)) =
        (process.stdin(), process.stdout(), process.stderr())
    else {
        return Err(broken(
            "the attached process has no stdin, stdout or stderr".to_owned(),
        ));
    };
    let stderr_task = tokio::spawn(keep_tail(stderr));
    if helper.start_line {
        stdin
            .write_all(b"\n")
            .await
            .map_err(|e| broken(e.to_string()))?;
    }
    let progress = RefCell::new(progress);
    let sending = input.is_some();
    let send = async {
        if let Some(input) = input {
            send_input(input, &mut stdin, &progress).await?;
        }
        // Keep stdin open: closing it ends a v4 attach at once, before the output is read.
        Ok::<_, DbError>(stdin)
    };
    let receive = receive_output(&mut stdout, output, &progress, !sending);
    let (sent, received) = futures::join!(send, receive);
    let (bytes_out, sha256) = received.map_err(|e| match e {
        Received::Output(source) => DbError::Io {
            path: "stdout".into(),
            source,
        },
        Received::Stream(message) => broken(message),
    })?;
    match sent {
        // pg_restore stopped reading (it failed): its exit code says why.
        Ok(_) | Err(DbError::Stream { .. }) => {}
        Err(e) => return Err(e),
    }
    let ended = finish(&mut process, helper).await?;
    let stderr = stderr_task.await.unwrap_or_default();
    Ok(Transferred {
        bytes: bytes_out,
        sha256,
        stderr,
        exit_code: ended,
    })
}

async fn send_input(
    input: &mut dyn Read,
    stdin: &mut (impl tokio::io::AsyncWrite + Unpin),
    progress: &RefCell<&mut dyn FnMut(u64)>,
) -> Result<(), DbError> {
    let mut buffer = vec![0u8; CHUNK];
    let mut sent = 0u64;
    loop {
        let n = input.read(&mut buffer).map_err(|source| DbError::Io {
            path: "the dump".into(),
            source,
        })?;
        if n == 0 {
            return Ok(());
        }
        stdin
            .write_all(&buffer[..n])
            .await
            .map_err(|e| DbError::Stream {
                pod: String::new(),
                message: e.to_string(),
            })?;
        sent += n as u64;
        (progress.borrow_mut())(sent);
    }
}

enum Received {
    Output(std::io::Error),
    Stream(String),
}

/// Copies stdout to `output` until it ends, counting and hashing it.
async fn receive_output(
    stdout: &mut (impl tokio::io::AsyncRead + Unpin),
    output: &mut dyn Write,
    progress: &RefCell<&mut dyn FnMut(u64)>,
    report: bool,
) -> Result<(u64, String), Received> {
    let mut buffer = vec![0u8; CHUNK];
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    loop {
        let n = stdout
            .read(&mut buffer)
            .await
            .map_err(|e| Received::Stream(e.to_string()))?;
        if n == 0 {
            break;
        }
        output.write_all(&buffer[..n]).map_err(Received::Output)?;
        hasher.update(&buffer[..n]);
        bytes += n as u64;
        if report {
            (progress.borrow_mut())(bytes);
        }
    }
    output.flush().map_err(Received::Output)?;
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((bytes, sha256))
}

/// The last [`STDERR_KEPT`] bytes of stderr.
async fn keep_tail(mut stderr: impl tokio::io::AsyncRead + Unpin) -> String {
    let mut kept: Vec<u8> = Vec::new();
    let mut buffer = vec![0u8; 8192];
    while let Ok(n) = stderr.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        kept.extend_from_slice(&buffer[..n]);
        if kept.len() > 2 * STDERR_KEPT {
            kept.drain(..kept.len() - STDERR_KEPT);
        }
    }
    if kept.len() > STDERR_KEPT {
        kept.drain(..kept.len() - STDERR_KEPT);
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// The helper's exit code, once the attach has ended: from the pod's status, which a real
/// kubelet (unlike the error channel of exec) always reports.
async fn finish(process: &mut AttachedProcess, helper: &Helper<'_>) -> Result<i32, DbError> {
    if let Some(status) = process.take_status() {
        let _ = status.await;
    }
    let ended = oneoff::wait_ended(helper.client.clone(), helper.namespace, helper.pod).await?;
    Ok(ended.exit_code)
}
