//! `run [--detach] [--timeout D] [--component C] -- CMD...` and `run --list`: a one-off command
//! in the app's live environment; its output streams here and its exit code is ours.
//! `shell` (in `shell`) is `run` of Django's shell.

pub mod shell;

use std::io::Write as _;
use std::time::Duration;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::oneoff::{self, Component, RunError};
use crate::ui::run_output::{Attached, Streamed};

/// What to run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub command: Vec<String>,
    pub component: Component,
    pub detach: bool,
    pub timeout: Option<Duration>,
    pub list: bool,
    /// Send our stdin to the command (`-i`).
    pub stdin: bool,
}

/// Runs the command to its end (or starts it, with `--detach`) and returns its exit code.
///
/// # Errors
/// Bad input (exit 3), a pod that cannot start (the release's codes), the cluster's failures.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    if settings.list {
        return list(ctx);
    }
    // Before anything else, so that a mistyped command line creates nothing.
    if settings.command.first().is_none_or(|c| c.trim().is_empty()) {
        return Err(RunError::EmptyCommand.into());
    }
    let link = ctx.link()?;
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    // A person at a terminal gets the command's terminal; anything else gets its output.
    let tty = !settings.detach && (ctx.terminal().stdin() && ctx.terminal().stdout());
    // On a terminal every key goes to the command already; -i adds stdin to a run without one.
    let send_stdin = settings.stdin && !tty;
    if !settings.stdin
        && !settings.detach
        && !tty
        && crate::ui::run_output::stdin_is_a_file_with_content()
    {
        ctx.printer.warn(
            "stdin is a file, which the command does not get: add -i to send it (`run -i -- CMD < FILE`)",
        );
    }
    let target = ctx.cluster_target(Some(&link.link));
    let code = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let request = oneoff::Request {
            app: link.link.app.clone(),
            namespace: namespace.clone(),
            component: settings.component,
            command: settings.command.clone(),
            who,
            timeout: settings.timeout,
            tty,
            stdin: send_stdin,
        };
        let started = oneoff::start(client.clone(), &request).await?;
        let name = started.name.clone();
        if settings.detach {
            ctx.printer.data(&name)?;
            ctx.printer.info(format!(
                "started {name} ({}); follow it with `ungleich-django logs --run {name}`, see how it ended with `ungleich-django run --list`",
                started.image
            ));
            return anyhow::Ok(0);
        }
        ctx.printer
            .debug(format_args!("started {name} ({})", started.image));
        let outcome = if tty {
            interactive(ctx, client.clone(), &request, &name).await
        } else {
            attached(ctx, client.clone(), &request, &name).await
        };
        // Whatever happened, an attached run does not outlive us, except when the user chose to
        // leave it running (`Detached`).
        if !matches!(outcome, Ok(Outcome::Detached)) {
            oneoff::delete(client.clone(), &namespace, &name).await?;
        }
        oneoff::prune(client, &request.app, &namespace).await;
        match outcome? {
            Outcome::Ended(code) => Ok(code),
            Outcome::Detached => Ok(0),
            Outcome::Interrupted => Ok(i32::from(ExitCode::Interrupted.code())),
        }
    })??;
    Ok(ExitCode::of_command(code))
}

enum Outcome {
    Ended(i32),
    Detached,
    Interrupted,
}

/// Waits for the pod, streams its output and returns how it ended; Ctrl-C asks whether to stop
/// the command (stops it when nobody can be asked).
async fn attached(
    ctx: &Context,
    client: kube::Client,
    request: &oneoff::Request,
    name: &str,
) -> anyhow::Result<Outcome> {
    let streamed = crate::ui::run_output::stream(
        client,
        &request.app,
        &request.namespace,
        name,
        request.stdin,
    )
    .await?;
    match streamed {
        Streamed::Interrupted => Ok(interrupted(ctx, name)),
        Streamed::Ended(Ok(ended)) => Ok(Outcome::Ended(ended.exit_code)),
        Streamed::Ended(Err(RunError::Access(e))) => Err(anyhow::Error::new(
            Failure::new(ExitCode::ClusterAccess, format!("lost the connection to run {name}: {e}"))
                .hint(format!("the command goes on in the cluster: read its output with `ungleich-django logs --run {name}` and its exit code with `ungleich-django run --list`")),
        )),
        Streamed::Ended(Err(e)) => Err(e.into()),
    }
}

/// On a terminal: the command's terminal is ours (raw mode, window size and its changes), every
/// key goes to it, Ctrl-C and Ctrl-D included.
async fn interactive(
    ctx: &Context,
    client: kube::Client,
    request: &oneoff::Request,
    name: &str,
) -> anyhow::Result<Outcome> {
    match crate::ui::run_output::attach(client, &request.app, &request.namespace, name).await? {
        Attached::Interrupted => Ok(interrupted(ctx, name)),
        Attached::Lost(e) => Err(anyhow::Error::new(
            Failure::new(ExitCode::ClusterAccess, format!("lost the connection to run {name}: {e}"))
                .hint(format!("the command goes on in the cluster: read its output with `ungleich-django logs --run {name} -f` and its exit code with `ungleich-django run --list`")),
        )),
        Attached::Ended(ended) => Ok(Outcome::Ended(ended.exit_code)),
    }
}

/// Ctrl-C: stop the command, or leave it running when the user says so.
fn interrupted(ctx: &Context, name: &str) -> Outcome {
    let stop = !ctx.prompter.is_interactive()
        || ctx
            .prompter
            .confirm(&format!("Stop the command ({name})?"), true)
            .unwrap_or(true);
    if stop {
        ctx.printer.info(format!("stopped {name}"));
        Outcome::Interrupted
    } else {
        ctx.printer.info(format!(
            "{name} goes on: `ungleich-django logs --run {name}` follows it, `ungleich-django run --list` shows how it ended"
        ));
        Outcome::Detached
    }
}

/// `run --list`: the runs still in the cluster.
fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let target = ctx.cluster_target(Some(&link.link));
    let runs = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        anyhow::Ok(oneoff::list(client, &link.link.app, &namespace).await?)
    })??;
    if ctx.printer.is_json() {
        ctx.printer.json(&runs)?;
        return Ok(ExitCode::Success);
    }
    if runs.is_empty() {
        ctx.printer.info("no runs");
        return Ok(ExitCode::Success);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<20} {:<10} {:>4}  {:<20} {:<30} COMMAND",
        "NAME", "STATE", "EXIT", "STARTED", "BY"
    )?;
    for r in &runs {
        writeln!(
            out,
            "{:<20} {:<10} {:>4}  {:<20} {:<30} {}",
            r.name,
            r.state,
            r.exit_code
                .map_or_else(|| "-".to_owned(), |c| c.to_string()),
            r.created,
            r.who,
            r.command.join(" ")
        )?;
    }
    out.flush()?;
    Ok(ExitCode::Success)
}
