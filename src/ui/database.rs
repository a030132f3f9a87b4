//! `db`'s transfers on the terminal, shared by `db dump`, `db restore` and the backups of
//! `deploy --backup` and `rollback --backup`: connect, make the helper pod, stream with the
//! bytes and rate on a terminal, delete the pod whatever happens (Ctrl-C included), and judge
//! the result.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::context::Context;
use crate::database::{self, DbError, Job, Transferred, store::Partial, transfer};
use crate::exit::{ExitCode, Failure};
use crate::link::Link;

/// Where a dump goes.
#[derive(Debug, Clone)]
pub enum Destination {
    File(PathBuf),
    Stdout,
}

/// A dump that was written whole.
#[derive(Debug, Clone)]
pub struct Dumped {
    /// The file; `None` for stdout.
    pub path: Option<PathBuf>,
    pub bytes: u64,
    pub sha256: String,
    /// pg_dump's warnings, if it had any.
    pub warnings: String,
}

/// Dumps the app's database to `destination`: written through a temporary file that gets its
/// name only once pg_dump exited 0 and every byte it wrote arrived.
///
/// # Errors
/// The cluster's refusals (naming the grant), a failed or cut dump, Ctrl-C (exit 130); in each
/// case no dump file is left.
pub fn dump(ctx: &Context, link: &Link, destination: &Destination) -> anyhow::Result<Dumped> {
    if matches!(destination, Destination::Stdout) && ctx.terminal().stdout() {
        return Err(DbError::StdoutIsTerminal.into());
    }
    let mut partial = match destination {
        Destination::File(path) => Some(Partial::create(path)?),
        Destination::Stdout => None,
    };
    let mut meter = Meter::new(ctx, format!("dumping the database of {}", link.app));
    let transferred = {
        let mut stdout;
        let output: &mut dyn Write = match partial.as_mut() {
            Some(p) => p.file(),
            None => {
                stdout = std::io::stdout().lock();
                &mut stdout
            }
        };
        in_helper(ctx, link, Job::Dump, None, output, &mut |b| meter.update(b))?
    };
    meter.clear();
    let warnings = database::judge_dump(&transferred)?;
    let path = partial.map(Partial::keep).transpose()?;
    Ok(Dumped {
        path,
        bytes: transferred.bytes,
        sha256: transferred.sha256,
        warnings,
    })
}

/// Restores `file` (of `bytes` bytes) into the app's database.
///
/// # Errors
/// The cluster's refusals, pg_restore's failure (the database is then as it was), Ctrl-C.
pub fn restore(ctx: &Context, link: &Link, file: &Path, bytes: u64) -> anyhow::Result<()> {
    let mut input = std::fs::File::open(file).map_err(|source| DbError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let mut meter = Meter::new(ctx, format!("restoring into the database of {}", link.app));
    let mut sink = std::io::sink();
    let transferred = in_helper(
        ctx,
        link,
        Job::Restore { bytes },
        Some(&mut input),
        &mut sink,
        &mut |b| meter.update(b),
    )?;
    meter.clear();
    database::judge("pg_restore", &transferred)?;
    Ok(())
}

/// One SQL statement; psql's output goes to stdout, its messages to stderr. Returns its exit
/// code.
///
/// # Errors
/// The cluster's refusals, Ctrl-C.
pub fn sql(ctx: &Context, link: &Link, statement: &str) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    let mut input = statement.as_bytes();
    let transferred = in_helper(
        ctx,
        link,
        Job::Sql(statement.to_owned()),
        Some(&mut input),
        &mut stdout,
        &mut |_| {},
    )?;
    if !transferred.stderr.is_empty() {
        ctx.printer.info(transferred.stderr.trim_end());
    }
    Ok(transferred.exit_code)
}

/// Makes the helper pod for `job`, runs the transfer, and deletes the pod, also on Ctrl-C.
fn in_helper(
    ctx: &Context,
    link: &Link,
    job: Job,
    input: Option<&mut dyn Read>,
    output: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<Transferred> {
    let who = crate::gitops::identity::author().unwrap_or_else(|| "unknown".to_owned());
    let target = ctx.cluster_target(Some(link));
    let start_line = job.waits_for_start();
    ctx.block_on(async {
        let (client, namespace) = crate::cluster::connect(&target).await?;
        let started = database::start(client.clone(), &link.app, &namespace, &who, job).await?;
        ctx.printer
            .debug(format_args!("started the helper pod {}", started.pod));
        let helper = transfer::Helper {
            client: client.clone(),
            app: &link.app,
            namespace: &namespace,
            pod: &started.pod,
            start_line,
        };
        let outcome = tokio::select! {
            done = transfer::run(&helper, input, output, progress) => Some(done),
            _ = tokio::signal::ctrl_c() => None,
        };
        // Whatever happened, the helper does not outlive us.
        let deleted = database::delete(client, &namespace, &started.pod).await;
        let transferred = match outcome {
            Some(done) => done?,
            None => {
                return Err(anyhow::Error::new(Failure::new(
                    ExitCode::Interrupted,
                    format!(
                        "interrupted: the helper pod {} is deleted and nothing was written",
                        started.pod
                    ),
                )));
            }
        };
        deleted?;
        anyhow::Ok(transferred)
    })?
}

/// Bytes and rate on a terminal's stderr, at most ten times a second; nothing elsewhere.
struct Meter {
    progress: Option<super::Progress>,
    what: String,
    started: Instant,
    shown: Instant,
}

impl Meter {
    fn new(ctx: &Context, what: String) -> Self {
        let progress = ctx
            .terminal()
            .stderr()
            .then(|| ctx.printer.progress(what.clone()));
        Meter {
            progress,
            what,
            started: Instant::now(),
            shown: Instant::now(),
        }
    }

    fn update(&mut self, bytes: u64) {
        let Some(progress) = self.progress.as_mut() else {
            return;
        };
        if self.shown.elapsed() < Duration::from_millis(100) {
            return;
        }
        self.shown = Instant::now();
        let seconds = self.started.elapsed().as_secs_f64().max(0.001);
        #[allow(clippy::cast_precision_loss)] // a rate on screen
        let rate = bytes as f64 / seconds;
        progress.set_message(format!(
            "{}: {} at {}/s",
            self.what,
            size(bytes),
            size_f(rate)
        ));
    }

    fn clear(self) {
        if let Some(progress) = self.progress {
            progress.clear();
        }
    }
}

/// `1.5 MiB`.
#[must_use]
pub fn size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size on screen
    size_f(bytes as f64)
}

fn size_f(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// `deploy --backup` and `rollback --backup`: a dump before the push, kept under the app and
/// the revision it replaces (`db dumps` lists them), and said where.
///
/// # Errors
/// As [`dump`]; the caller pushes nothing then.
pub fn backup(ctx: &Context, link: &Link, live_revision: &str) -> anyhow::Result<Dumped> {
    let path = database::store::new_path(&link.app, live_revision)?;
    let dumped = dump(ctx, link, &Destination::File(path))?;
    if let Some(path) = &dumped.path {
        ctx.printer.success(format!(
            "Dumped the database ({}) to {}; `ungleich-django db restore {}` puts it back",
            size(dumped.bytes),
            path.display(),
            path.display()
        ));
    }
    Ok(dumped)
}

/// After a rollback to `revision`: the newest dump kept while it was live, if there is one.
pub fn mention_kept_dump(ctx: &Context, app: &str, revision: &str) {
    if let Some(kept) = database::store::for_revision(app, revision) {
        ctx.printer.info(format!(
            "a dump taken while {} was live is kept: {} ({}); `ungleich-django db restore {}` puts that data back",
            kept.revision,
            kept.path.display(),
            size(kept.bytes),
            kept.path.display()
        ));
    }
}
