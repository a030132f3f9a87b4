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
    use std::io::Write as _;
    let namespace = &request.namespace;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    tokio::select! {
        started = oneoff::wait_started(client.clone(), &request.app, namespace, pod) => started?,
        _ = &mut ctrl_c => {
            ctx.printer.info(format!("stopped {pod}"));
            return Ok(i32::from(ExitCode::Interrupted.code()));
        }
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(256);
    let follower = tokio::spawn({
        let (client, namespace, pod) = (client.clone(), namespace.clone(), pod.to_owned());
        async move { oneoff::follow_log(client, &namespace, &pod, tx).await }
    });
    let mut out = std::io::stdout().lock();
    loop {
        tokio::select! {
            chunk = rx.recv() => {
                let Some(chunk) = chunk else { break };
                out.write_all(chunk.as_bytes())?;
                if rx.is_empty() {
                    out.flush()?;
                }
            }
            _ = &mut ctrl_c => {
                out.flush()?;
                follower.abort();
                ctx.printer.info(format!("stopped {pod}"));
                return Ok(i32::from(ExitCode::Interrupted.code()));
            }
        }
    }
    out.flush()?;
    let ended = follower.await??;
    Ok(ended.exit_code)
}
