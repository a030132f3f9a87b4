//! The vocabulary of failure: the exit codes and what each means, the [`Classify`] trait by which
//! an error names its code and hint, and [`Failure`] for the command edge where no domain error
//! type fits.
//!
//! Scripts branch on these codes, so they are part of the interface: never renumber one. This
//! module knows no domain module; the edge (`app`) finds the class of an error and renders it.

use std::fmt;

/// Every way the program can end. The numbers are documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ExitCode {
    /// Done, and everything is as asked.
    Success = 0,
    /// An error no more specific code describes.
    Failure = 1,
    /// The command line itself is wrong (clap's usage errors use 2 as well).
    Usage = 2,
    /// A file, a flag's value or other input is invalid (link file, app.yaml, certificate, ...).
    InvalidInput = 3,
    /// The Kubernetes API cannot be reached, or refuses the credentials or the namespace.
    ClusterAccess = 4,
    /// The deploy repository cannot be fetched or pushed (auth, host key, rejected, network).
    Git = 5,
    /// `status` found nothing of the app in the namespace (not deployed yet, or the wrong one).
    NotFound = 6,
    /// The `/init` container exited non-zero: migrations failed.
    MigrationFailed = 10,
    /// The image cannot be pulled (`ErrImagePull`, `ImagePullBackOff`).
    ImagePull = 11,
    /// `/run` or `/async` keeps crashing (`CrashLoopBackOff`).
    CrashLoop = 12,
    /// A container cannot be created from its configuration (`CreateContainerConfigError`).
    ContainerConfig = 13,
    /// A pod cannot be scheduled (Pending, unschedulable).
    Unschedulable = 14,
    /// ArgoCD could not sync the pushed revision.
    SyncFailed = 15,
    /// The Deployment exceeded its progress deadline.
    ProgressDeadline = 16,
    /// `--timeout` passed before the release was live.
    Timeout = 17,
    /// Interrupted (Ctrl-C).
    Interrupted = 130,
}

impl ExitCode {
    /// Every code, in numeric order, for documentation.
    pub const ALL: [ExitCode; 16] = [
        ExitCode::Success,
        ExitCode::Failure,
        ExitCode::Usage,
        ExitCode::InvalidInput,
        ExitCode::ClusterAccess,
        ExitCode::Git,
        ExitCode::NotFound,
        ExitCode::MigrationFailed,
        ExitCode::ImagePull,
        ExitCode::CrashLoop,
        ExitCode::ContainerConfig,
        ExitCode::Unschedulable,
        ExitCode::SyncFailed,
        ExitCode::ProgressDeadline,
        ExitCode::Timeout,
        ExitCode::Interrupted,
    ];

    /// The process exit status.
    #[must_use]
    pub fn code(self) -> u8 {
        self as u8
    }

    /// One line on what the code means.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Success => "success",
            ExitCode::Failure => "an error no other code describes",
            ExitCode::Usage => "usage error: the command line is wrong",
            ExitCode::InvalidInput => {
                "invalid input or configuration (link file, app.yaml, certificate, flag value)"
            }
            ExitCode::ClusterAccess => {
                "the cluster cannot be reached, refuses the credentials or namespace, or stays busy"
            }
            ExitCode::Git => "the deploy repository cannot be fetched or pushed",
            ExitCode::NotFound => {
                "nothing of the app is found in the namespace (not deployed yet, or the wrong namespace)"
            }
            ExitCode::MigrationFailed => "release failed: /init (migrations) exited non-zero",
            ExitCode::ImagePull => "release failed: the image cannot be pulled",
            ExitCode::CrashLoop => "release failed: /run or /async keeps crashing",
            ExitCode::ContainerConfig => {
                "release failed: a container's configuration is invalid (e.g. a missing secret key)"
            }
            ExitCode::Unschedulable => "release failed: a pod cannot be scheduled",
            ExitCode::SyncFailed => "release failed: ArgoCD could not sync the pushed revision",
            ExitCode::ProgressDeadline => {
                "release failed: the Deployment exceeded its progress deadline"
            }
            ExitCode::Timeout => "release not live within --timeout",
            ExitCode::Interrupted => "interrupted",
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

/// The exit-code table as `--help` shows it.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
    0  success
    1  an error no other code describes
    2  usage error: the command line is wrong
    3  invalid input or configuration (link file, app.yaml, certificate, flag value)
    4  the cluster cannot be reached, refuses the credentials or namespace, or stays busy
    5  the deploy repository cannot be fetched or pushed
    6  nothing of the app is found in the namespace (not deployed yet, or the wrong namespace)
   10  release failed: /init (migrations) exited non-zero
   11  release failed: the image cannot be pulled
   12  release failed: /run or /async keeps crashing
   13  release failed: a container's configuration is invalid (e.g. a missing secret key)
   14  release failed: a pod cannot be scheduled
   15  release failed: ArgoCD could not sync the pushed revision
   16  release failed: the Deployment exceeded its progress deadline
   17  release not live within --timeout
  130  interrupted";

/// An error that knows its exit code and, often, what the user should do next.
pub trait Classify {
    /// The exit code this error ends the program with.
    fn exit_code(&self) -> ExitCode;
    /// What the user can do about it, if there is more to say than the message.
    fn hint(&self) -> Option<String> {
        None
    }
}

/// A failure raised at the command edge, where no domain error type fits.
#[derive(Debug)]
pub struct Failure {
    code: ExitCode,
    message: String,
    hint: Option<String>,
}

impl Failure {
    /// A failure with this exit code and message.
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds what the user should do.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Classify for Failure {
    fn exit_code(&self) -> ExitCode {
        self.code
    }
    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_table_lists_every_code_once() {
        for code in ExitCode::ALL {
            let line = format!("{:>5}  {}", code.code(), code.meaning());
            assert!(EXIT_CODES_HELP.contains(&line), "missing from help: {line}");
        }
        assert_eq!(EXIT_CODES_HELP.lines().count() - 1, ExitCode::ALL.len());
    }
}
