//! Exit codes, and the one place where an error is classified and rendered.
//!
//! Scripts branch on these codes, so they are part of the interface: never renumber one. Domain
//! errors carry their class through [`Classify`]; `classify` walks an error's cause chain and takes
//! the first class it finds.

use std::fmt;
use std::io;

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
    pub const ALL: [ExitCode; 15] = [
        ExitCode::Success,
        ExitCode::Failure,
        ExitCode::Usage,
        ExitCode::InvalidInput,
        ExitCode::ClusterAccess,
        ExitCode::Git,
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

/// The class of an error: the first classified error in its cause chain.
#[must_use]
pub fn classify(err: &anyhow::Error) -> (ExitCode, Option<String>) {
    for cause in err.chain() {
        if let Some(c) = as_classified(cause) {
            return (c.exit_code(), c.hint());
        }
    }
    (ExitCode::Failure, None)
}

/// The domain error types that know their class. A new domain error enum is added here once.
fn as_classified<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a dyn Classify> {
    if let Some(e) = cause.downcast_ref::<Failure>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::link::LinkError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::spec::SpecError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::cluster::access::AccessError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::cluster::ClusterError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::gitops::GitError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::detect::NotDjango>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::ui::InputError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::cluster::sealing_cert::ControllerError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::https::HttpsError>() {
        return Some(e);
    }
    if let Some(e) = cause.downcast_ref::<crate::oneoff::RunError>() {
        return Some(e);
    }
    None
}

/// True when the error comes from writing to a closed pipe (`ungleich-django ... | head`), which
/// is not a failure of ours: the reader has all it wanted.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Writes `error: ...`, the causes and the hint, as one block on stderr.
pub fn render(err: &anyhow::Error, hint: Option<&str>, color: bool) -> String {
    let style = |text: &str, f: fn(console::StyledObject<&str>) -> console::StyledObject<&str>| {
        if color {
            f(console::style(text)).force_styling(true).to_string()
        } else {
            text.to_owned()
        }
    };
    let mut out = format!("{} {err}\n", style("error:", |s| s.red().bold()));
    for cause in err.chain().skip(1) {
        // libgit2's Display appends "; class=Os (2); code=NotFound (-3)": its message is
        // what a person reads.
        let text = match cause.downcast_ref::<git2::Error>() {
            Some(git) => git.message().to_owned(),
            None => cause.to_string(),
        };
        // anyhow repeats a source's text when a context wraps it verbatim; say it once.
        if !out.contains(&text) {
            out.push_str(&format!(
                "  {} {text}\n",
                style("caused by:", |s| s.yellow())
            ));
        }
    }
    if let Some(hint) = hint {
        out.push_str(&format!(
            "  {} {hint}\n",
            style("hint:", |s| s.cyan().bold())
        ));
    }
    out
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
    fn classification_takes_the_first_classified_cause() {
        let err =
            anyhow::Error::new(Failure::new(ExitCode::Git, "push rejected").hint("pull first"))
                .context("deploying shop");
        assert_eq!(
            classify(&err),
            (ExitCode::Git, Some("pull first".to_owned()))
        );
        assert_eq!(classify(&anyhow::anyhow!("plain")).0, ExitCode::Failure);
    }

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }

    #[test]
    fn libgit2_causes_show_their_message_only() {
        let git = git2::Error::new(
            git2::ErrorCode::NotFound,
            git2::ErrorClass::Repository,
            "could not find repository at '/x'",
        );
        let err = anyhow::Error::new(git).context("/x is not a git repository");
        assert_eq!(
            render(&err, None, false),
            "error: /x is not a git repository\n  caused by: could not find repository at '/x'\n"
        );
    }

    #[test]
    fn render_shows_causes_and_hint_without_colour() {
        let err = anyhow::anyhow!("disk full").context("cannot write app.yaml");
        let text = render(&err, Some("free some space"), false);
        assert_eq!(
            text,
            "error: cannot write app.yaml\n  caused by: disk full\n  hint: free some space\n"
        );
    }
}
