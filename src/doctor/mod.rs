//! `doctor`'s checks, in groups: the project's settings for production, the contract scripts and
//! the image, the link file and the deploy repository. Each check returns findings; none prints.
//! A group is a function from what it needs to findings; the cluster group (`cluster`) and the
//! certificate group (`certificate`) need the link file, and the cluster the network.

pub mod certificate;
pub mod cluster;
mod contract;
mod deploy;
mod project;

use serde::Serialize;

pub use contract::contract;
pub use deploy::{DeployCheck, deploy};
pub use project::{project, scheduler};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

/// One check's result, with the fix when it is not ok.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A stable id for scripts (`settings.secret_key`).
    pub check: &'static str,
    pub status: Status,
    /// What was found.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    #[must_use]
    pub fn ok(check: &'static str, message: impl Into<String>) -> Self {
        Finding {
            check,
            status: Status::Ok,
            message: message.into(),
            fix: None,
        }
    }

    #[must_use]
    pub fn warn(check: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            check,
            status: Status::Warn,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }

    #[must_use]
    pub fn fail(check: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Finding {
            check,
            status: Status::Fail,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }
}

/// A named group of findings.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: &'static str,
    pub findings: Vec<Finding>,
}

impl Group {
    /// The worst status in the group.
    #[must_use]
    pub fn status(&self) -> Status {
        self.findings
            .iter()
            .map(|f| f.status)
            .max()
            .unwrap_or(Status::Ok)
    }
}
