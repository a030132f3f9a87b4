//! Why `db` could not dump, restore or open psql, each with its exit code and what to do.

use std::path::PathBuf;

use crate::exit::{Classify, ExitCode};
use crate::oneoff::RunError;

/// A `db` command failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The chart has not rendered the platform ConfigMap (an older chart, or not deployed).
    #[error(
        "there is no ConfigMap {configmap} in namespace {namespace}: the platform does not say which PostgreSQL client to use"
    )]
    NoPlatform {
        configmap: String,
        namespace: String,
    },
    /// The platform ConfigMap lacks a key, or its value is unusable.
    #[error("the ConfigMap {configmap} has no usable `{key}`")]
    PlatformKey {
        configmap: String,
        key: &'static str,
    },
    /// `db restore` of a file that is not a custom-format dump.
    #[error("{path} is not a pg_dump custom-format archive ({why})")]
    NotADump { path: PathBuf, why: String },
    /// The typed confirmation is not the app's name.
    #[error("the confirmation `{typed}` is not the app's name `{app}`: nothing was restored")]
    WrongConfirmation { typed: String, app: String },
    /// `-f -` with stdout on a terminal.
    #[error("a dump is binary: it is not written to a terminal")]
    StdoutIsTerminal,
    /// pg_dump or pg_restore (or psql) ended with a non-zero code.
    #[error("{what} failed (exit code {code}){}", tail(.stderr))]
    Failed {
        what: &'static str,
        code: i32,
        stderr: String,
    },
    /// The dump arrived shorter or longer than the pod wrote it: the stream was cut.
    #[error("the dump arrived incomplete: {received} of {sent} bytes")]
    Incomplete { received: u64, sent: String },
    /// The stream to or from the helper pod broke.
    #[error("the connection to the helper pod {pod} broke: {message}")]
    Stream { pod: String, message: String },
    /// A local file could not be read or written.
    #[error("cannot write or read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The helper pod could not be made, started or followed.
    #[error(transparent)]
    Run(#[from] RunError),
}

fn tail(stderr: &str) -> String {
    let stderr = stderr.trim();
    if stderr.is_empty() {
        String::new()
    } else {
        format!(":\n{stderr}")
    }
}

impl Classify for DbError {
    fn exit_code(&self) -> ExitCode {
        match self {
            DbError::NoPlatform { .. }
            | DbError::PlatformKey { .. }
            | DbError::NotADump { .. }
            | DbError::WrongConfirmation { .. }
            | DbError::StdoutIsTerminal => ExitCode::InvalidInput,
            DbError::Failed { .. } | DbError::Incomplete { .. } | DbError::Io { .. } => {
                ExitCode::Failure
            }
            DbError::Stream { .. } => ExitCode::ClusterAccess,
            DbError::Run(e) => e.exit_code(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            DbError::NoPlatform { .. } | DbError::PlatformKey { .. } => Some(
                "the hoster's chart renders it from `hosting.database` (clientImage, secretName, keys): ask the hoster to deploy a chart that has chart/templates/platform.yaml".to_owned(),
            ),
            DbError::NotADump { .. } => Some(
                "restore a dump `ungleich-django db dump` took (pg_dump --format=custom); a plain SQL file goes through `ungleich-django db shell`".to_owned(),
            ),
            DbError::WrongConfirmation { app, .. } => {
                Some(format!("type the app's name, or pass --confirm {app}"))
            }
            DbError::StdoutIsTerminal => {
                Some("redirect it (`-f - > shop.dump`), or give a file with -f".to_owned())
            }
            DbError::Failed { what, .. } if *what == "pg_restore" => Some(
                "the restore ran in one transaction, which was rolled back: the database is as it was".to_owned(),
            ),
            DbError::Failed { .. } => None,
            // The same errors end a dump, a restore and psql; a dump to stdout (`-f -`) has
            // printed part of itself by then, so "no file was written" alone would mislead.
            DbError::Incomplete { .. } => Some(
                "no dump file was written (with `-f -`, throw away what was printed: it is cut short); try again (a slow or unstable connection to the cluster cuts long streams)".to_owned(),
            ),
            DbError::Stream { .. } => Some(
                "try again (a slow or unstable connection to the cluster cuts long streams); a dump cut this way leaves no file (with `-f -`, throw away what was printed: it is cut short)".to_owned(),
            ),
            DbError::Io { .. } => None,
            DbError::Run(e) => e.hint(),
        }
    }
}
