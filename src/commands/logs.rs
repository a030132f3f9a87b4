//! `logs [web|async|init]...`: every pod's lines with a stable coloured `pod/container` prefix.

use std::io::Write as _;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::mpsc;

use crate::app::Context;
use crate::cluster::logs::{self, Line, Source};
use crate::exit::ExitCode;
use crate::ui::stable_color_index;

/// What to show.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Empty: web and async.
    pub sources: Vec<Source>,
    pub follow: bool,
    pub since: Option<Duration>,
    pub tail: Option<u64>,
    pub timestamps: bool,
    pub previous: bool,
    pub pod: Option<String>,
    /// A one-off run's output instead (`logs --run NAME`).
    pub run: Option<String>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    pod: &'a str,
    container: &'a str,
    timestamp: &'a str,
    line: &'a str,
}

/// Prints the logs; with `-f` until interrupted.
///
/// # Errors
/// When there is no link file, the cluster cannot be used, or stdout is closed.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    if let Some(name) = &settings.run {
        return run_output(ctx, name, settings.follow);
    }
    let link = ctx.link()?;
    let mut sources = settings.sources.clone();
    if sources.is_empty() {
        sources = vec![Source::Web, Source::Async];
    }
    sources.dedup();
    let tail = settings
        .tail
        .or(settings.follow.then_some(10))
        .map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    let printer = ctx.printer;
    let palette = printer.palette();
    let interrupted = ctx.block_on(async {
        let (client, namespace) =
            crate::cluster::connect(&ctx.cluster_target(Some(&link.link))).await?;
        let request = logs::Request {
            app: link.link.app.clone(),
            namespace,
            sources,
            follow: settings.follow,
            since: settings.since,
            tail,
            previous: settings.previous,
            pod: settings.pod.clone(),
        };
        let (tx, mut rx) = mpsc::channel::<Vec<Line>>(64);
        let mut prefixes: std::collections::HashMap<
            (std::sync::Arc<str>, std::sync::Arc<str>),
            String,
        > = std::collections::HashMap::new();
        let reader = tokio::spawn(async move { logs::read(client, &request, tx).await });
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        // One listener for the whole stream: once tokio handles SIGINT, a signal that arrives
        // while no listener exists would be lost.
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            let batch = tokio::select! {
                batch = rx.recv() => batch,
                _ = &mut ctrl_c => {
                    // Like `kubectl logs -f`: stop quietly, every line shown so far complete.
                    std::io::Write::flush(&mut out)?;
                    return anyhow::Ok(true);
                }
            };
            let Some(batch) = batch else { break };
            for line in batch {
                if printer.is_json() {
                    serde_json::to_writer(
                        &mut out,
                        &JsonLine {
                            pod: &line.pod,
                            container: &line.container,
                            timestamp: &line.timestamp,
                            line: &line.text,
                        },
                    )?;
                    writeln!(out)?;
                } else {
                    let prefix = prefixes
                        .entry((line.pod.clone(), line.container.clone()))
                        .or_insert_with(|| {
                            let who = format!("{}/{}", line.pod, line.container);
                            palette.rotating(stable_color_index(&line.pod), &who)
                        });
                    if settings.timestamps && !line.timestamp.is_empty() {
                        writeln!(out, "{prefix} {} {}", line.timestamp, line.text)?;
                    } else {
                        writeln!(out, "{prefix} {}", line.text)?;
                    }
                }
            }
            // Flush when nothing more is waiting: throughput when busy, no lag when quiet.
            if rx.is_empty() {
                out.flush()?;
            }
        }
        std::io::Write::flush(&mut out)?;
        reader.await??;
        anyhow::Ok(false)
    })??;
    Ok(if interrupted {
        ExitCode::Interrupted
    } else {
        ExitCode::Success
    })
}

/// `logs --run NAME [-f]`: one run's output as it wrote it, no prefix; with `-f` until it ends.
fn run_output(ctx: &Context, name: &str, follow: bool) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let target = ctx.cluster_target(Some(&link.link));
    ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        crate::oneoff::find(client.clone(), &link.link.app, &namespace, name).await?;
        let (tx, mut rx) = mpsc::channel::<String>(256);
        let reader = tokio::spawn({
            let (client, namespace, name) = (client.clone(), namespace.clone(), name.to_owned());
            async move {
                if follow {
                    crate::oneoff::follow(client, &namespace, &name, tx)
                        .await
                        .map(|_| ())
                } else {
                    crate::oneoff::output(client, &namespace, &name, tx).await
                }
            }
        });
        let mut out = std::io::stdout().lock();
        while let Some(chunk) = rx.recv().await {
            out.write_all(chunk.as_bytes())?;
            if rx.is_empty() {
                out.flush()?;
            }
        }
        out.flush()?;
        reader.await??;
        anyhow::Ok(ExitCode::Success)
    })?
}
