//! `cron run NAME`: a run now from the entry's CronJob, through the one-off run's machinery.

use super::*;

/// `cron run NAME`: a run now from the entry's CronJob, on the image the app's pods run (by
/// digest), its exit code ours. A person at a terminal gets the command's terminal (a command
/// that asks, or colours its output, behaves as under `run`); otherwise its output streams here.
///
/// # Errors
/// No such CronJob (exit 3), a pod that cannot start (the release's codes), the cluster's
/// failures.
pub fn run_now(ctx: &Context, name: &str) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    crate::spec::validate_dns_label(name).map_err(|r| invalid("NAME", &r))?;
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    let target = ctx.cluster_target(Some(&link.link));
    let tty = ctx.terminal().stdin() && ctx.terminal().stdout();
    let code = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let request = oneoff::cron::CronRequest {
            app: link.link.app.clone(),
            namespace: namespace.clone(),
            entry: name.to_owned(),
            who,
            tty,
        };
        let started = oneoff::cron::start(client.clone(), &request).await?;
        let pod = started.name.clone();
        ctx.printer.info(format!(
            "started {pod} from {} ({})",
            cronjob_name(&request.app, name),
            started.image
        ));
        let outcome = if tty {
            attach(ctx, client.clone(), &request, &pod).await
        } else {
            stream(ctx, client.clone(), &request, &pod).await
        };
        // A run now does not outlive us, as a one-off run does not.
        oneoff::delete(client, &namespace, &pod).await?;
        outcome
    })??;
    Ok(ExitCode::of_command(code))
}

/// Waits for the pod, streams its output and returns its exit code (130 on Ctrl-C, which stops
/// it).
async fn stream(
    ctx: &Context,
    client: kube::Client,
    request: &oneoff::cron::CronRequest,
    pod: &str,
) -> anyhow::Result<i32> {
    match crate::ui::run_output::stream(client, &request.app, &request.namespace, pod, false)
        .await?
    {
        crate::ui::run_output::Streamed::Interrupted => {
            ctx.printer.info(format!("stopped {pod}"));
            Ok(i32::from(ExitCode::Interrupted.code()))
        }
        crate::ui::run_output::Streamed::Ended(ended) => Ok(ended?.exit_code),
    }
}

/// On a terminal: the command's terminal is ours until it ends (130 on Ctrl-C before it starts,
/// which stops it).
async fn attach(
    ctx: &Context,
    client: kube::Client,
    request: &oneoff::cron::CronRequest,
    pod: &str,
) -> anyhow::Result<i32> {
    use crate::ui::run_output::Attached;
    match crate::ui::run_output::attach(client, &request.app, &request.namespace, pod).await? {
        Attached::Interrupted => {
            ctx.printer.info(format!("stopped {pod}"));
            Ok(i32::from(ExitCode::Interrupted.code()))
        }
        Attached::Lost(e) => Err(anyhow::Error::new(
            Failure::new(
                ExitCode::ClusterAccess,
                format!("lost the connection to {pod}: {e}"),
            )
            .hint(format!(
                "the command may go on in the cluster: `ungleich-django logs --cron {}` shows its newest run's output",
                request.entry
            )),
        )),
        Attached::Ended(ended) => Ok(ended.exit_code),
    }
}
