//! The throwaway database `dev` runs against: PostgreSQL's own server programs when this machine
//! has them, otherwise (or when asked) the official image in Docker. Either way the app sees the
//! same thing: a server on a loopback port, the app's name as the user, the same password and
//! database, so the contract's environment does not depend on which one runs.

use std::path::{Path, PathBuf};

use super::DevError;
use super::container::Container;
use super::postgres::{Postgres, prepare_kept};

/// Which PostgreSQL `dev` starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Engine {
    /// The server programs when found, otherwise Docker when its daemon answers.
    #[default]
    Auto,
    /// Only the server programs.
    Local,
    /// Only a container.
    Docker,
}

/// A running throwaway (or kept) database.
#[derive(Debug)]
pub enum Database {
    Local(Postgres),
    Container {
        container: Container,
        user: String,
        /// The `--keep-db` folder mounted as its data.
        kept: Option<PathBuf>,
        reused: bool,
    },
}

/// Where the database runs, for the one line `dev` says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// "PostgreSQL 17.2" or "PostgreSQL 17.2 in a container of postgres:17".
    pub server: String,
    pub port: u16,
    /// The kept folder, when there is one.
    pub kept: Option<PathBuf>,
    /// True when the kept folder already held a database.
    pub reused: bool,
}

impl Database {
    /// Starts the database `engine` chooses (`image` for a container), keeping its data in
    /// `keep` when given.
    ///
    /// # Errors
    /// No PostgreSQL (and no Docker for `Auto`); the server or container failing to start.
    pub fn start(
        engine: Engine,
        image: &str,
        keep: Option<&Path>,
        user: &str,
    ) -> Result<Self, DevError> {
        match engine {
            Engine::Local => Postgres::start(keep, user).map(Database::Local),
            Engine::Docker => Self::container(image, keep, user),
            Engine::Auto => match Postgres::start(keep, user) {
                Err(DevError::NoPostgres { .. }) if Container::available() => {
                    Self::container(image, keep, user)
                }
                other => other.map(Database::Local),
            },
        }
    }

    fn container(image: &str, keep: Option<&Path>, user: &str) -> Result<Self, DevError> {
        let kept = keep.map(prepare_kept).transpose()?;
        let reused = kept
            .as_ref()
            .is_some_and(|d| d.join("PG_VERSION").is_file());
        let container = Container::start(image, kept.as_deref(), user)?;
        Ok(Database::Container {
            container,
            user: user.to_owned(),
            kept,
            reused,
        })
    }

    /// The loopback port the server listens on.
    #[must_use]
    pub fn port(&self) -> u16 {
        match self {
            Database::Local(pg) => pg.port,
            Database::Container { container, .. } => container.port,
        }
    }

    /// The superuser the app connects as.
    #[must_use]
    pub fn user(&self) -> &str {
        match self {
            Database::Local(pg) => &pg.user,
            Database::Container { user, .. } => user,
        }
    }

    #[must_use]
    pub fn describe(&self) -> Description {
        match self {
            Database::Local(pg) => Description {
                server: format!("PostgreSQL {}", pg.version),
                port: pg.port,
                kept: (!pg.is_throwaway()).then(|| pg.data_dir().to_owned()),
                reused: pg.reused,
            },
            Database::Container {
                container,
                kept,
                reused,
                ..
            } => Description {
                server: format!(
                    "PostgreSQL {} in a container of {}",
                    container.version, container.image
                ),
                port: container.port,
                kept: kept.clone(),
                reused: *reused,
            },
        }
    }

    /// Stops the server and removes what was throwaway; returns the kept folder, if any.
    ///
    /// # Errors
    /// When the local server's temporary folder cannot be removed.
    pub fn stop(self) -> Result<Option<PathBuf>, DevError> {
        match self {
            Database::Local(pg) => {
                let kept = (!pg.is_throwaway()).then(|| pg.data_dir().to_owned());
                pg.stop()?;
                Ok(kept)
            }
            Database::Container {
                container, kept, ..
            } => {
                container.stop(kept.is_some());
                Ok(kept)
            }
        }
    }
}
