//! `cron run NAME`: a run now from the entry's CronJob, through the one-off run's machinery.

use super::*;

/// `cron run NAME`: a run now from the entry's CronJob, its output streamed here and its exit
/// code ours. Not attached to a terminal: a scheduled command runs without one.
///
/// # Errors
/// No such CronJob (exit 3), a pod that cannot start (the release's codes), the cluster's
/// failures.
pub fn run_now(ctx: &Context, name: &str) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    crate::spec::validate_dns_label(name).map_err(|r| invalid("NAME", &r))?;
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    let target = ctx.cluster_target(Some(&link.link));
    let code = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let request = oneoff::cron::CronRequest {
            app: link.link.app.clone(),
            namespace: namespace.clone(),
            entry: name.to_owned(),
            who,
        };
        let started = oneoff::cron::start(client.clone(), &request).await?;
        let pod = started.name.clone();
        ctx.printer.info(format!(
            "started {pod} from {}",
            cronjob_name(&request.app, name)
        ));
        let outcome = stream(ctx, client.clone(), &request, &pod).await;
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
    match crate::ui::run_output::stream(client, &request.app, &request.namespace, pod).await? {
        crate::ui::run_output::Streamed::Interrupted => {
            ctx.printer.info(format!("stopped {pod}"));
            Ok(i32::from(ExitCode::Interrupted.code()))
        }
        crate::ui::run_output::Streamed::Ended(ended) => Ok(ended?.exit_code),
    }
}
