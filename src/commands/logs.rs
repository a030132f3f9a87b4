//! `logs [web|async|init]...`: every pod's lines with a stable coloured `pod/container` prefix.

use std::collections::HashMap;
use std::io::{self, BufWriter, StdoutLock, Write as _};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::mpsc;

use crate::cluster::logs::{self, Line, Source};
use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::ui::{Printer, stable_color_index};

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
    /// A scheduled command's newest run instead (`logs --cron NAME`).
    pub cron: Option<String>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    pod: &'a str,
    container: &'a str,
    /// The line is from the container's previous attempt.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    previous: bool,
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
    if let Some(entry) = &settings.cron {
        return cron_output(ctx, entry, settings.follow);
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
    let found = ctx.block_on(async {
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
        let (tx, rx) = mpsc::channel::<Vec<Line>>(64);
        let reader = tokio::spawn(async move { logs::read(client, &request, tx).await });
        let mut out = LogWriter::new(ctx.printer, settings.timestamps);
        if out.copy(rx).await? == Copied::Interrupted {
            return anyhow::Ok(None);
        }
        anyhow::Ok(Some(reader.await??))
    })??;
    let Some(found) = found else {
        return Ok(ExitCode::Interrupted);
    };
    if settings.follow {
        return Ok(ExitCode::Success);
    }
    report_silence(ctx, &link.link, &settings, &found)
}

/// Says which containers had no output yet, and fails when no pod matched at all: an empty
/// output with exit 0 reads as "it logged nothing", which is seldom true.
fn report_silence(
    ctx: &Context,
    link: &crate::link::Link,
    settings: &Settings,
    found: &logs::Found,
) -> anyhow::Result<ExitCode> {
    if found.pods == 0 {
        let what = match &settings.pod {
            Some(pod) => format!("no pod {pod} of {}", link.app),
            None => format!("no pods of {}", link.app),
        };
        let namespace = ctx
            .cluster_target(Some(link))
            .namespace
            .unwrap_or_else(|| link.namespace.clone());
        return Err(Failure::new(
            ExitCode::NotFound,
            format!("{what} with the containers asked for in namespace {namespace}"),
        )
        .hint("`ungleich-django status` lists the pods; check -n, --context and the component (web, async, init)")
        .into());
    }
    for s in &found.silent {
        ctx.printer.info(format!(
            "{}/{}: no output yet ({})",
            s.pod, s.container, s.state
        ));
    }
    Ok(ExitCode::Success)
}

/// How copying the lines to stdout ended.
#[derive(Debug, PartialEq, Eq)]
enum Copied {
    /// Every line the reader sent is written.
    All,
    /// Ctrl-C: every line shown so far is complete.
    Interrupted,
}

/// Writes log lines to stdout: JSON lines, or each with a stable coloured `pod/container`
/// prefix.
struct LogWriter {
    printer: Printer,
    timestamps: bool,
    out: BufWriter<StdoutLock<'static>>,
    /// The rendered prefix of each pod and container (and attempt) seen.
    prefixes: HashMap<(Arc<str>, Arc<str>, bool), String>,
}

impl LogWriter {
    fn new(printer: Printer, timestamps: bool) -> Self {
        LogWriter {
            printer,
            timestamps,
            out: BufWriter::new(std::io::stdout().lock()),
            prefixes: HashMap::new(),
        }
    }

    /// Writes what arrives on `rx` until the reader is done or the user presses Ctrl-C.
    async fn copy(&mut self, mut rx: mpsc::Receiver<Vec<Line>>) -> io::Result<Copied> {
        // One listener for the whole stream: once tokio handles SIGINT, a signal that arrives
        // while no listener exists would be lost.
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            let batch = tokio::select! {
                batch = rx.recv() => batch,
                _ = &mut ctrl_c => {
                    // Like `kubectl logs -f`: stop quietly, every line shown so far complete.
                    self.out.flush()?;
                    return Ok(Copied::Interrupted);
                }
            };
            let Some(batch) = batch else { break };
            for line in batch {
                self.write(&line)?;
            }
            // Flush when nothing more is waiting: throughput when busy, no lag when quiet.
            if rx.is_empty() {
                self.out.flush()?;
            }
        }
        self.out.flush()?;
        Ok(Copied::All)
    }

    fn write(&mut self, line: &Line) -> io::Result<()> {
        if self.printer.is_json() {
            serde_json::to_writer(
                &mut self.out,
                &JsonLine {
                    pod: &line.pod,
                    container: &line.container,
                    previous: line.previous,
                    timestamp: &line.timestamp,
                    line: &line.text,
                },
            )?;
            return writeln!(self.out);
        }
        let palette = self.printer.palette();
        let prefix = self
            .prefixes
            .entry((line.pod.clone(), line.container.clone(), line.previous))
            .or_insert_with(|| {
                let attempt = if line.previous {
                    " (previous attempt)"
                } else {
                    ""
                };
                let who = format!("{}/{}{attempt}", line.pod, line.container);
                palette.rotating(stable_color_index(&line.pod), &who)
            });
        if self.timestamps && !line.timestamp.is_empty() {
            writeln!(self.out, "{prefix} {} {}", line.timestamp, line.text)
        } else {
            writeln!(self.out, "{prefix} {}", line.text)
        }
    }
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

/// `logs --cron NAME [-f]`: the output of the entry's newest run (scheduled or run now), no
/// prefix; the pod it comes from is named on stderr.
fn cron_output(ctx: &Context, entry: &str, follow: bool) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let target = ctx.cluster_target(Some(&link.link));
    ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let (tx, mut rx) = mpsc::channel::<String>(256);
        let reader = tokio::spawn({
            let (app, entry) = (link.link.app.clone(), entry.to_owned());
            async move {
                crate::cluster::cron::last_output(client, &app, &entry, &namespace, follow, tx)
                    .await
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
        let pod = reader.await??;
        ctx.printer.debug(format_args!("the output of {pod}"));
        anyhow::Ok(ExitCode::Success)
    })?
}
