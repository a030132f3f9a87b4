//! `pods/attach` and `pods/exec` over WebSocket, as the kubelet serves them through the API
//! server: the `v5.channel.k8s.io` subprotocol (else `v4.channel.k8s.io`); every binary message
//! starts with its channel: 0 stdin, 1 stdout, 2 stderr, 3 the error channel (a metav1.Status
//! with the exit code, then the connection closes), 4 resize (`{"Width":W,"Height":H}`), and in
//! v5 255 to close a channel (`[255, 0]`: stdin is done).

use std::io::Write as _;
use std::sync::{Arc, PoisonError};

use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use http::{Response, header};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};

use super::http::{Body, Ctx, full};
use super::kubelet::{self, Session};
use super::resources;
use super::status::ApiError;

const PROTOCOLS: [&str; 2] = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

/// Answers the handshake and serves the streams on the upgraded connection.
pub(super) fn serve(
    ctx: &Ctx,
    ns: &str,
    name: &str,
    sub: &str,
) -> Result<Response<Body>, ApiError> {
    let pods = resources::by_plural("", "v1", "pods").expect("pods");
    let pod = {
        let store = ctx
            .shared
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        store
            .get(pods, ns, name)
            .cloned()
            .ok_or_else(|| ApiError::not_found(pods, name))?
    };
    let container = ctx
        .param("container")
        .cloned()
        .or_else(|| {
            pod["spec"]["containers"][0]["name"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let spec = pod["spec"]["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == container.as_str())
        .cloned()
        .ok_or_else(|| {
            ApiError::bad_request(format!("container {container} is not valid for pod {name}"))
        })?;
    let running = pod["status"]["containerStatuses"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|s| s["name"] == container.as_str() && s["state"]["running"].is_object());
    if !running {
        return Err(ApiError::bad_request(format!(
            "container {container} in pod {name} is not running"
        )));
    }
    let session = if sub == "attach" {
        if spec["stdin"] != true && ctx.param("stdin").is_some_and(|v| v == "true") {
            return Err(ApiError::bad_request(format!(
                "stdin is not enabled for container {container} in pod {name}"
            )));
        }
        ctx.shared
            .sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(ns.to_owned(), name.to_owned()))
            .cloned()
            .ok_or_else(|| {
                ApiError::bad_request(format!("container {container} is not attachable"))
            })?
    } else {
        exec(ctx, ns, name, &spec)?
    };
    let Some(protocol) = PROTOCOLS
        .iter()
        .find(|p| ctx.websocket_protocols.iter().any(|q| q == *p))
    else {
        return Err(ApiError::bad_request(
            "Upgrade request required: a WebSocket with v5.channel.k8s.io or v4.channel.k8s.io",
        ));
    };
    let upgrade = ctx
        .upgrade
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()
        .ok_or_else(|| ApiError::bad_request("Upgrade request required"))?;
    let flag = |name: &str| ctx.param(name).is_some_and(|v| v == "true");
    let streams = Streams {
        v5: *protocol == PROTOCOLS[0],
        tty: flag("tty"),
        output: flag("stdout") || flag("stderr"),
        // As the kubelet: a container with `stdinOnce` gets its stdin closed when the client
        // that attached to it goes (its EOF), and no other attach opens it again.
        close_stdin_at_end: sub == "attach" && flag("stdin") && spec["stdinOnce"] == true,
    };
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else {
            return;
        };
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        stream(ws, &session, streams).await;
        if streams.close_stdin_at_end {
            *session.stdin.lock().unwrap_or_else(PoisonError::into_inner) = None;
        }
    });
    Ok(Response::builder()
        .status(101)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(
            header::SEC_WEBSOCKET_ACCEPT,
            tokio_tungstenite::tungstenite::handshake::derive_accept_key(
                ctx.websocket_key.as_bytes(),
            ),
        )
        .header(header::SEC_WEBSOCKET_PROTOCOL, *protocol)
        .body(full(Bytes::new()))
        .expect("response"))
}

/// `pods/exec`: a new process with the container's environment.
fn exec(ctx: &Ctx, ns: &str, name: &str, container: &Value) -> Result<Arc<Session>, ApiError> {
    let kubelet = ctx
        .shared
        .kubelet
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .ok_or_else(|| {
            ApiError::bad_request("this emulator runs no kubelet: call ApiServer::kubelet")
        })?;
    let argv: Vec<String> = ctx
        .query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, _)| *k == "command")
        .map(|(_, v)| {
            super::http::parse_query(&format!("c={v}"))
                .remove("c")
                .unwrap_or_default()
        })
        .collect();
    if argv.is_empty() {
        return Err(ApiError::bad_request("you must specify at least 1 command"));
    }
    let env = kubelet::environment(&ctx.shared, ns, container).map_err(ApiError::bad_request)?;
    let tty = ctx.param("tty").is_some_and(|v| v == "true");
    let stdin = ctx.param("stdin").is_some_and(|v| v == "true");
    let mut command = kubelet::process(&kubelet, &argv, tty, name, env);
    command.stdin(if stdin {
        std::process::Stdio::piped()
    } else {
        std::process::Stdio::null()
    });
    let mut child = command.spawn().map_err(|e| {
        ApiError::internal(format!(
            "failed to exec in container: starting container process caused: exec: \"{}\": {e}",
            argv[0]
        ))
    })?;
    let session = Session::new(child.stdin.take(), argv, tty.then(|| child.id()));
    let readers = kubelet::pump_output(&mut child, &session, None);
    let done = session.clone();
    std::thread::spawn(move || {
        let status = child.wait();
        for reader in readers {
            let _ = reader.join();
        }
        let code = status.ok().and_then(|s| s.code()).map_or(137, i64::from);
        done.exit.send_replace(Some(code));
    });
    Ok(session)
}

/// The error channel's message: success, or the exit code as kubelet words it.
fn exit_status(session: &Session, code: i64) -> Value {
    if code == 0 {
        return json!({"metadata": {}, "status": "Success"});
    }
    json!({
        "metadata": {},
        "status": "Failure",
        "message": format!("command terminated with non-zero exit code: error executing command {:?}, exit code {code}", session.argv),
        "reason": "NonZeroExitCode",
        "details": {"causes": [{"reason": "ExitCode", "message": code.to_string()}]},
    })
}

/// What a client asked of a stream.
#[derive(Clone, Copy)]
struct Streams {
    v5: bool,
    tty: bool,
    /// stdout or stderr asked for: a stdin-only attach takes none of the output (which goes on
    /// to the log, and to a client that asks for it).
    output: bool,
    close_stdin_at_end: bool,
}

async fn stream<S>(mut ws: WebSocketStream<S>, session: &Arc<Session>, streams: Streams)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let Streams { v5, tty, .. } = streams;
    // Without output, a channel never fed nor closed: the loop waits on the client and the exit.
    let (_unfed, nothing) = tokio::sync::mpsc::channel(1);
    let (backlog, mut output) = if streams.output {
        session.subscribe()
    } else {
        (Vec::new(), nothing)
    };
    for (channel, chunk) in backlog {
        if send(&mut ws, channel, &chunk, tty).await.is_err() {
            return;
        }
    }
    let mut exit = session.exit.subscribe();
    // An exit before we subscribed is not a change: look at it once.
    exit.mark_changed();
    loop {
        tokio::select! {
            message = ws.next() => match message {
                Some(Ok(Message::Binary(data))) if !data.is_empty() => input(session, &data, v5),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                // Pings are answered on the next write: flush now.
                Some(Ok(Message::Ping(_))) if ws.flush().await.is_err() => return,
                _ => {}
            },
            chunk = output.recv() => match chunk {
                Some((channel, chunk)) => {
                    if send(&mut ws, channel, &chunk, tty).await.is_err() {
                        return;
                    }
                }
                // A later attach took the stream over.
                None => return,
            },
            changed = exit.changed() => {
                let code = *exit.borrow();
                if let (Ok(()), Some(code)) = (changed, code) {
                    // The output threads have ended: what is left is buffered.
                    while let Ok((channel, chunk)) = output.try_recv() {
                        let _ = send(&mut ws, channel, &chunk, tty).await;
                    }
                    let status = serde_json::to_vec(&exit_status(session, code)).expect("json");
                    let mut frame = vec![3u8];
                    frame.extend_from_slice(&status);
                    let _ = ws.send(Message::Binary(frame.into())).await;
                    // A normal closure: client-go takes any other code (1005 too) as an error.
                    let _ = ws
                        .close(Some(CloseFrame {
                            code: CloseCode::Normal,
                            reason: "".into(),
                        }))
                        .await;
                    return;
                }
            }
        }
    }
}

/// A frame on `channel`; on a terminal there is one output stream (stdout).
async fn send<S>(
    ws: &mut WebSocketStream<S>,
    channel: u8,
    chunk: &[u8],
    tty: bool,
) -> Result<(), tokio_tungstenite::tungstenite::Error>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut frame = Vec::with_capacity(chunk.len() + 1);
    frame.push(if tty { 1 } else { channel });
    frame.extend_from_slice(chunk);
    ws.send(Message::Binary(frame.into())).await
}

/// A client frame: stdin data, a resize, or (v5) the end of stdin.
fn input(session: &Session, data: &[u8], v5: bool) {
    match data[0] {
        0 => {
            let mut stdin = session.stdin.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(pipe) = stdin.as_mut()
                && pipe
                    .write_all(&data[1..])
                    .and_then(|()| pipe.flush())
                    .is_err()
            {
                *stdin = None;
            }
        }
        4 => {
            let size: Value = serde_json::from_slice(&data[1..]).unwrap_or_default();
            let dimension = |k: &str| u16::try_from(size[k].as_u64().unwrap_or(0)).unwrap_or(0);
            session.resize(dimension("Width"), dimension("Height"));
        }
        255 if v5 && data.get(1) == Some(&0) => {
            *session.stdin.lock().unwrap_or_else(PoisonError::into_inner) = None;
        }
        _ => {}
    }
}
