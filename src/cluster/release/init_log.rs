//! The `/init` (migrations) log of the first new web pod, streamed live while the rollout is
//! followed, and its last lines kept to explain a failed migration.

use std::collections::VecDeque;
use std::time::Duration;

use futures::{AsyncBufReadExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::LogParams;
use tokio::sync::mpsc;

use super::{Event, LogLine, Observer, Stage};
use crate::cluster::names;

/// How many of the streamed lines are kept to explain a failure.
const TAIL: usize = 50;

/// A log stream's output, through a channel into the follow loop.
pub(super) enum LogMsg {
    Line(LogLine),
    End,
}

/// The init log: which pod's is streamed, whether its stream is still open, its last lines.
pub(super) struct InitLog {
    pods: Api<Pod>,
    tx: mpsc::UnboundedSender<LogMsg>,
    pod: Option<String>,
    open: bool,
    tail: VecDeque<LogLine>,
}

impl InitLog {
    /// Nothing streamed yet; lines will arrive on the receiver that belongs to `tx`.
    pub(super) fn new(pods: Api<Pod>, tx: mpsc::UnboundedSender<LogMsg>) -> Self {
        InitLog {
            pods,
            tx,
            pod: None,
            open: false,
            tail: VecDeque::new(),
        }
    }

    pub(super) fn pods(&self) -> &Api<Pod> {
        &self.pods
    }

    /// True once a pod's init log is being streamed: only the first one is shown.
    pub(super) fn is_streaming(&self) -> bool {
        self.pod.is_some()
    }

    /// Starts streaming the init log of `pod`.
    pub(super) fn start(&mut self, pod: String, observer: &mut dyn Observer) {
        observer.event(Event::Note {
            stage: Stage::Init,
            message: format!("/init (migrations) in {pod}:"),
        });
        self.pod = Some(pod.clone());
        self.open = true;
        tokio::spawn(stream(self.pods.clone(), pod, self.tx.clone()));
    }

    /// Shows a streamed line and keeps it, or notes that the stream ended.
    pub(super) fn receive(&mut self, msg: LogMsg, observer: &mut dyn Observer) {
        match msg {
            LogMsg::Line(log) => {
                self.tail.push_back(log.clone());
                if self.tail.len() > TAIL {
                    self.tail.pop_front();
                }
                observer.event(Event::Log {
                    stage: Stage::Init,
                    log,
                });
            }
            LogMsg::End => self.open = false,
        }
    }

    /// True when lines of `pod` were streamed (and so shown) already.
    pub(super) fn has_shown(&self, pod: &str) -> bool {
        self.tail.iter().any(|l| l.pod == pod)
    }

    /// Shows what is left of the init log (its stream ends when the container does); returns
    /// the lines shown.
    pub(super) async fn drain(
        &self,
        rx: &mut mpsc::UnboundedReceiver<LogMsg>,
        observer: &mut dyn Observer,
    ) -> Vec<LogLine> {
        let mut open = self.open;
        let mut shown = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_millis(1500);
        loop {
            let next = if open {
                tokio::time::timeout_at(deadline, rx.recv())
                    .await
                    .ok()
                    .flatten()
            } else {
                rx.try_recv().ok()
            };
            match next {
                Some(LogMsg::Line(log)) => {
                    shown.push(log.clone());
                    observer.event(Event::Log {
                        stage: Stage::Init,
                        log,
                    });
                }
                Some(LogMsg::End) => open = false,
                None => return shown,
            }
        }
    }
}

async fn stream(pods: Api<Pod>, pod: String, tx: mpsc::UnboundedSender<LogMsg>) {
    let params = LogParams {
        container: Some(names::CONTAINER_INIT.to_owned()),
        follow: true,
        ..LogParams::default()
    };
    if let Ok(reader) = pods.log_stream(&pod, &params).await {
        let mut lines = reader.lines();
        while let Ok(Some(line)) = lines.try_next().await {
            let msg = LogMsg::Line(LogLine {
                pod: pod.clone(),
                container: names::CONTAINER_INIT.to_owned(),
                line,
            });
            if tx.send(msg).is_err() {
                return;
            }
        }
    }
    let _ = tx.send(LogMsg::End);
}
