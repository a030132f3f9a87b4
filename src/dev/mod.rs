//! Running the container contract on the developer's machine (`dev`, `dev --check`): a throwaway
//! PostgreSQL ([`database`]: the local server programs of [`postgres`], or Docker's official image
//! through [`container`]), the platform's environment ([`environment`]), the interpreter and
//! server the scripts will use ([`toolchain`]), the scripts supervised in their own process groups
//! ([`supervisor`]) and the check sequence ([`check`]).
//!
//! Never prints: progress and the scripts' lines reach the command through [`Observer`].

pub mod check;
pub mod container;
pub mod database;
pub mod environment;
pub mod postgres;
pub mod supervisor;
mod template;
pub mod toolchain;

use std::path::PathBuf;

use crate::exit::{Classify, ExitCode};

pub use check::{CheckReport, Ended, Launch, Scripts, check, scripts, serve};
pub use database::{Database, Engine};
pub use environment::{ContractEnv, EnvError};
pub use postgres::Postgres;
pub use supervisor::{Event, Supervisor};
pub use toolchain::Toolchain;

/// A contract program, named as `logs` names the containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    Init,
    Run,
    Async,
}

impl Component {
    /// The container's name, which prefixes its lines.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Component::Init => "init",
            Component::Run => "run",
            Component::Async => "async",
        }
    }

    /// `UNGLEICH_COMPONENT` as the chart sets it: `/run` is the `web` component.
    #[must_use]
    pub fn platform_component(self) -> &'static str {
        match self {
            Component::Init => "init",
            Component::Run => "web",
            Component::Async => "async",
        }
    }
}

/// What the command hears while the contract runs.
pub trait Observer {
    /// A step began or ended (one line for people).
    fn step(&mut self, message: &str);
    /// A line a script wrote, stdout and stderr alike.
    fn line(&mut self, component: Component, line: &str);
}

/// Why a local run of the contract failed. The release failures carry the component's last lines.
#[derive(Debug, thiserror::Error)]
pub enum DevError {
    /// No PostgreSQL server programs on this machine.
    #[error(
        "no PostgreSQL server found: `initdb`, `pg_ctl` and `postgres` are neither on PATH nor in {searched}"
    )]
    NoPostgres { searched: String },
    /// `--postgres docker` without a `docker` program.
    #[error("--postgres docker: no `docker` on PATH")]
    NoDocker,
    /// Root, and no way to drop to an unprivileged user for PostgreSQL.
    #[error("PostgreSQL refuses to run as root, and `setpriv` (util-linux) is not installed")]
    RootWithoutSetpriv,
    /// initdb or pg_ctl failed.
    #[error("PostgreSQL did not start: {what}\n{log}")]
    PostgresStart { what: String, log: String },
    /// The --keep-db folder cannot be used.
    #[error("--keep-db {}: {problem}", dir.display())]
    KeepDb { dir: PathBuf, problem: String },
    /// The port asked for is taken.
    #[error("port {port} is in use")]
    PortInUse { port: u16 },
    /// A contract script is missing or not executable.
    #[error("{} is missing or not executable", path.display())]
    Script { path: PathBuf },
    /// No `python` on PATH.
    #[error("no `python` on PATH: the contract scripts run `python`")]
    NoPython,
    /// `/run` execs a server the active environment lacks.
    #[error("ungleich/run execs `{server}`, which is not installed in {}", env.display())]
    NoServer { server: String, env: PathBuf },
    /// The environment cannot be built (the dotenv file).
    #[error(transparent)]
    Env(#[from] EnvError),
    /// A program could not be started or watched.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// `/init` exited non-zero.
    #[error("/init failed ({status}); its last lines:\n{lines}")]
    MigrationFailed { status: String, lines: String },
    /// `/run` or `/async` exited, or does not do what it must.
    #[error("/{} {problem}; its last lines:\n{lines}", component.name())]
    Crashed {
        component: Component,
        problem: String,
        lines: String,
    },
    /// Ctrl-C or SIGTERM.
    #[error("interrupted")]
    Interrupted,
    /// `/run` never answered HTTP.
    #[error("/run did not answer HTTP on port {port} within {seconds} s; its last lines:\n{lines}")]
    NotServing {
        port: u16,
        seconds: u64,
        lines: String,
    },
}

impl Classify for DevError {
    fn exit_code(&self) -> ExitCode {
        match self {
            DevError::Env(e) => e.exit_code(),
            DevError::KeepDb { .. } | DevError::Script { .. } | DevError::PortInUse { .. } => {
                ExitCode::InvalidInput
            }
            DevError::MigrationFailed { .. } => ExitCode::MigrationFailed,
            DevError::Crashed { .. } => ExitCode::CrashLoop,
            DevError::NotServing { .. } => ExitCode::Timeout,
            DevError::Interrupted => ExitCode::Interrupted,
            _ => ExitCode::Failure,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            DevError::NoPostgres { .. } => Some(
                "install PostgreSQL's server (Debian/Ubuntu: `apt install postgresql`; macOS: `brew install postgresql`), or put its bin folder on PATH; or start Docker: dev then runs PostgreSQL in a container".to_owned(),
            ),
            DevError::NoDocker => Some(
                "install Docker (https://docs.docker.com/engine/install/), or leave out --postgres docker to use PostgreSQL's own server programs".to_owned(),
            ),
            DevError::RootWithoutSetpriv => Some(
                "run `ungleich-django dev` as an ordinary user, or install util-linux's setpriv so PostgreSQL can run as nobody".to_owned(),
            ),
            DevError::NoPython => Some(
                "activate your project's virtualenv (`source .venv/bin/activate`, `poetry shell`, ...) and run again".to_owned(),
            ),
            DevError::NoServer { server, .. } => Some(format!(
                "install it in the active environment: `python -m pip install {server}` (and add it to your dependencies, as the image needs it too)"
            )),
            DevError::Script { .. } => {
                Some("run `ungleich-django init` to write the contract scripts".to_owned())
            }
            DevError::MigrationFailed { .. } => Some(
                "fix the migration and run `ungleich-django dev --check` again; a deploy would fail the same way".to_owned(),
            ),
            DevError::Crashed { .. } | DevError::NotServing { .. } => Some(
                "fix ungleich/run (or the settings it loads) and run `ungleich-django dev --check` again".to_owned(),
            ),
            DevError::Env(e) => e.hint(),
            DevError::PortInUse { .. } => {
                Some("stop what listens there, or pass --port with a free one".to_owned())
            }
            _ => None,
        }
    }
}

/// The last `n` lines of `lines`, joined, for an error.
pub(crate) fn tail(lines: &[String], n: usize) -> String {
    let start = lines.len().saturating_sub(n);
    lines[start..].join("\n")
}
