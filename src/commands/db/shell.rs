//! `db shell [-c SQL]`: psql in the helper pod, attached with a terminal; or one statement,
//! whose output streams here. Either way psql's exit code is ours.

use anyhow::Context as _;

use crate::context::Context;
use crate::database::{self, Job};
use crate::exit::{ExitCode, Failure};
use crate::oneoff;

/// What to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// One statement; `None`: interactive psql.
    pub sql: Option<String>,
}

/// Runs psql.
///
/// # Errors
/// The cluster's refusals, a pod that cannot start, no terminal for an interactive psql.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    if let Some(sql) = settings.sql {
        if sql.trim().is_empty() {
            return Err(Failure::new(ExitCode::InvalidInput, "-c needs an SQL statement").into());
        }
        let code = crate::ui::database::sql(ctx, &link.link, &sql)?;
        return Ok(ExitCode::of_command(code));
    }
    if !(ctx.terminal().stdin() && ctx.terminal().stdout()) {
        return Err(
            Failure::new(ExitCode::Usage, "an interactive psql needs a terminal")
                .hint("run one statement with `ungleich-django db shell -c 'SQL'`")
                .into(),
        );
    }
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    let target = ctx.cluster_target(Some(&link.link));
    let app = link.link.app.clone();
    let code = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let started = database::start(client.clone(), &app, &namespace, &who, Job::Shell).await?;
        let outcome = interactive(client.clone(), &app, &namespace, &started.pod).await;
        database::delete(client, &namespace, &started.pod).await?;
        outcome
    })??;
    Ok(ExitCode::of_command(code))
}

/// The terminal is psql's until it ends.
async fn interactive(
    client: kube::Client,
    app: &str,
    namespace: &str,
    pod: &str,
) -> anyhow::Result<i32> {
    {
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        tokio::select! {
            started = oneoff::wait_started(client.clone(), app, namespace, pod) => started?,
            _ = &mut ctrl_c => return Ok(i32::from(ExitCode::Interrupted.code())),
        }
    }
    let mut process = oneoff::attach(client.clone(), namespace, pod).await?;
    crate::ui::raw_terminal::join(&mut process)
        .await
        .context("cannot join psql's terminal")?
        .context("lost the connection to psql")?;
    let ended = oneoff::wait_ended(client, namespace, pod).await?;
    Ok(ended.exit_code)
}
