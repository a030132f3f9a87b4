//! `db restore FILE [--confirm APP]`: shows what the dump would replace, asks for the app's
//! name, stops the app's pods only where the hoster allows it, and restores the dump in one
//! transaction (a failure leaves the database as it was).

use std::path::{Path, PathBuf};

use crate::context::Context;
use crate::database::{self, DbError, archive, pause};
use crate::exit::ExitCode;
use crate::link::Link;
use crate::ui::database::size;

/// What to restore.
#[derive(Debug, Clone)]
pub struct Settings {
    pub file: PathBuf,
    /// The app's name, typed ahead (CI).
    pub confirm: Option<String>,
}

/// Restores the dump.
///
/// # Errors
/// A file that is not a custom-format dump or a wrong confirmation (exit 3, nothing changed), no
/// confirmation without a terminal (exit 2), the cluster's refusals, pg_restore's failure.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let link = &link.link;
    let path = ctx.cwd.join(&settings.file);
    let (header, bytes) = read_dump(&path)?;
    let taken = header.created.as_deref().unwrap_or("an unknown time");
    let of = header.database.as_deref().unwrap_or("an unnamed database");
    ctx.printer.info(format!(
        "This replaces the database of {} in namespace {} with {}:\n  a dump of {of} taken {taken} (the dumping machine's clock), {} ({bytes} bytes)",
        link.app,
        link.namespace,
        path.display(),
        size(bytes)
    ));
    confirm(ctx, link, settings.confirm.as_deref())?;
    // Each block_on has its own runtime, and a client lives on the runtime that made it: every
    // step connects anew.
    let target = ctx.cluster_target(Some(link));
    let platform = ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        anyhow::Ok(database::platform::read(client, &link.app, &namespace).await?)
    })??;
    let paused = if platform.restore_stops_app {
        ctx.printer
            .info("Stopping the web and async pods during the restore (the hoster allows it)");
        ctx.block_on(async {
            let (client, namespace) = crate::cluster::connect(&target).await?;
            anyhow::Ok(pause::stop(client, &link.app, &namespace).await?)
        })??
    } else {
        ctx.printer.info(
            "The app stays up during the restore (the hoster does not let it be stopped): requests meanwhile may see the old data or fail",
        );
        pause::Paused::default()
    };
    let restored = crate::ui::database::restore(ctx, link, &path, bytes);
    if !paused.replicas.is_empty() {
        ctx.block_on(async {
            let (client, namespace) = crate::cluster::connect(&target).await?;
            anyhow::Ok(pause::resume(client, &namespace, &paused).await?)
        })??;
        ctx.printer.info("Started the web and async pods again");
    }
    restored?;
    ctx.printer.success(format!(
        "Restored {} into the database of {}",
        path.display(),
        link.app
    ));
    Ok(ExitCode::Success)
}

/// The dump's header and size, before anything in the cluster changes.
fn read_dump(path: &Path) -> Result<(archive::Header, u64), DbError> {
    let not_a_dump = |why: String| DbError::NotADump {
        path: path.to_path_buf(),
        why,
    };
    let mut file = std::fs::File::open(path).map_err(|e| not_a_dump(e.to_string()))?;
    let bytes = file
        .metadata()
        .map_err(|e| not_a_dump(e.to_string()))?
        .len();
    let header = archive::read_header(&mut file).map_err(|e| {
        not_a_dump(match e {
            archive::NotADump::Magic => "it does not start with PGDMP".to_owned(),
            archive::NotADump::Format(f) => format!("archive format {f}, not custom"),
            archive::NotADump::Truncated => "its header ends early".to_owned(),
        })
    })?;
    Ok((header, bytes))
}

/// The app's name, typed on a terminal or given with `--confirm`; `--yes` alone is not enough.
fn confirm(ctx: &Context, link: &Link, given: Option<&str>) -> anyhow::Result<()> {
    let typed = match given {
        Some(given) => given.to_owned(),
        None => ctx.prompter.text(
            &format!("Type the app's name ({}) to replace its database", link.app),
            None,
            &format!("--confirm {}", link.app),
        )?,
    };
    if typed.trim() != link.app {
        return Err(DbError::WrongConfirmation {
            typed: typed.trim().to_owned(),
            app: link.app.clone(),
        }
        .into());
    }
    Ok(())
}
