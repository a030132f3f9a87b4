//! Following a release after a push: shared by `deploy` and `rollback`.

use std::time::Duration;

use crate::app::Context;
use crate::exit::{ExitCode, Failure};
use crate::link::LinkFile;
use crate::spec::AppSpec;

/// What to follow: the app as pushed, and the deploy repository's commit that carries it.
#[derive(Debug, Clone)]
pub struct Release<'a> {
    /// The link file (app name, namespace, ArgoCD Application).
    pub link: &'a LinkFile,
    /// The app spec as pushed.
    pub spec: &'a AppSpec,
    /// The pushed commit of the deploy repository.
    pub revision: String,
    /// Give up after this long.
    pub timeout: Duration,
}

/// Follows `release` until it is live or has failed, and returns the exit code that says which.
///
/// # Errors
/// When the cluster cannot be used.
pub fn run(_ctx: &Context, _release: &Release<'_>) -> anyhow::Result<ExitCode> {
    Err(Failure::new(
        ExitCode::Failure,
        "following the release is not available in this build yet",
    )
    .hint("pass --no-wait, and watch the release with kubectl or ArgoCD")
    .into())
}
