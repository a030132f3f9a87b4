//! The vocabulary of failure: the exit codes and what each means, the [`Classify`] trait by which
//! an error names its code and hint, and [`Failure`] for the command edge where no domain error
//! type fits.
//!
//! Scripts branch on these codes, so they are part of the interface: never renumber one. This
//! module knows no domain module; the edge (`app`) finds the class of an error and renders it.

use std::fmt;

/// Every way the program can end. The numbers are documented in `--help` and the README; the
/// number of each variant is [`ExitCode::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitCode {
    /// Done, and everything is as asked.
    Success,
    /// An error no more specific code describes.
    Failure,
    /// The command line itself is wrong: an unknown flag, flags that exclude each other, an
    /// argument in the wrong place, a question nobody can answer (clap's usage errors use 2 as
    /// well).
    Usage,
    /// A file, a flag's value or other input is invalid (link file, app.yaml, certificate, a key
    /// name, an empty value on stdin, a --scope the sealed file contradicts, ...): what was given
    /// is wrong, not how it was given.
    InvalidInput,
    /// The Kubernetes API cannot be reached, or refuses the credentials or the namespace.
    ClusterAccess,
    /// The deploy repository cannot be fetched or pushed (auth, host key, rejected, network).
    Git,
    /// `status` found nothing of the app in the namespace (not deployed yet, or the wrong one).
    NotFound,
    /// The `/init` container exited non-zero: migrations failed.
    MigrationFailed,
    /// The image cannot be pulled (`ErrImagePull`, `ImagePullBackOff`).
    ImagePull,
    /// `/run` or `/async` keeps crashing (`CrashLoopBackOff`).
    CrashLoop,
    /// A container cannot be created from its configuration (`CreateContainerConfigError`).
    ContainerConfig,
    /// A pod cannot be scheduled (Pending, unschedulable).
    Unschedulable,
    /// ArgoCD could not sync the pushed revision.
    SyncFailed,
    /// The Deployment exceeded its progress deadline.
    ProgressDeadline,
    /// `--timeout` passed before the release was live.
    Timeout,
    /// Interrupted (Ctrl-C).
    Interrupted,
    /// `run` and `shell`: the one-off command ran, and this is its own exit status (never 0: a
    /// command that succeeded ends the program with [`ExitCode::Success`]).
    Command(u8),
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
        match self {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::InvalidInput => 3,
            ExitCode::ClusterAccess => 4,
            ExitCode::Git => 5,
            ExitCode::NotFound => 6,
            ExitCode::MigrationFailed => 10,
            ExitCode::ImagePull => 11,
            ExitCode::CrashLoop => 12,
            ExitCode::ContainerConfig => 13,
            ExitCode::Unschedulable => 14,
            ExitCode::SyncFailed => 15,
            ExitCode::ProgressDeadline => 16,
            ExitCode::Timeout => 17,
            ExitCode::Interrupted => 130,
            ExitCode::Command(status) => status,
        }
    }

    /// The exit code for a one-off command that ended with `status` (a process's exit status;
    /// a signal's 128+n included): success only when the command succeeded, and a status that
    /// cannot be an exit code (outside 0..=255) a failure.
    #[must_use]
    pub fn of_command(status: i32) -> Self {
        match u8::try_from(status) {
            Ok(0) => ExitCode::Success,
            Ok(status) => ExitCode::Command(status),
            Err(_) => ExitCode::Failure,
        }
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
                "nothing of the app is found in the namespace (not deployed yet, or the wrong namespace) or in the deploy repository (its branch is not on the server)"
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
            ExitCode::Command(_) => "run, shell: the one-off command's own exit status",
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
    6  nothing of the app is found in the namespace (not deployed yet, or the wrong namespace) or in the deploy repository (its branch is not on the server)
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

    #[test]
    fn a_one_off_command_exits_with_its_own_status() {
        assert_eq!(ExitCode::of_command(0), ExitCode::Success);
        assert_eq!(ExitCode::of_command(42).code(), 42);
        assert_eq!(ExitCode::of_command(137).code(), 137);
        assert_eq!(ExitCode::of_command(-1), ExitCode::Failure);
        assert_eq!(ExitCode::of_command(256), ExitCode::Failure);
    }
}
