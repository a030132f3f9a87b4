//! Which program talks to the server, chosen once per URL: libgit2 for ssh (`libgit2`), the
//! `git` program for http(s) and whenever the user opts in with [`GIT_CLI_ENV`] (`cli`).
//!
//! [`GIT_CLI_ENV`]: super::GIT_CLI_ENV

use git2::Repository;

use super::credentials::Auth;
use super::{GitError, cli, git_cli_enabled, is_http_url, libgit2};

/// Every branch of the server, as remote-tracking refs of `origin`.
pub(crate) const FETCH_REFSPEC: &str = "+refs/heads/*:refs/remotes/origin/*";

/// How a push ended when the network worked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Pushed {
    /// The server took it.
    Accepted,
    /// The branch moved on the server: fetch, redo, retry.
    NotFastForward,
}

/// What fetches from and pushes to one server URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport {
    /// libgit2 over its own ssh: one connection per action.
    Libgit2,
    /// The `git` program, which reads the user's credential helpers, CAs, proxies and
    /// `~/.ssh/config`.
    GitProgram,
}

impl Transport {
    /// http(s) always goes through the `git` program (libgit2 is built without TLS: README,
    /// "Dependencies"); ssh through libgit2 unless the user opted into the `git` program.
    pub(crate) fn for_url(url: &str) -> Self {
        if is_http_url(url) || git_cli_enabled() {
            Transport::GitProgram
        } else {
            Transport::Libgit2
        }
    }

    /// Fetches every branch of `origin` into `refs/remotes/origin/*`.
    ///
    /// # Errors
    /// When the server cannot be reached or refuses us.
    pub(crate) fn fetch(self, repo: &Repository, url: &str, auth: &Auth) -> Result<(), GitError> {
        match self {
            Transport::Libgit2 => libgit2::fetch(repo, url, auth),
            Transport::GitProgram => cli::fetch(work_dir(repo), url, auth),
        }
    }

    /// Pushes `local_ref` to `refs/heads/<branch>` of `origin`, never forcing.
    ///
    /// # Errors
    /// When the server refuses the push (with its reason and messages), or the network fails.
    pub(crate) fn push(
        self,
        repo: &Repository,
        url: &str,
        local_ref: &str,
        branch: &str,
        auth: &Auth,
    ) -> Result<Pushed, GitError> {
        self.connect_then_push(repo, url, branch, auth, |_| {
            Ok::<_, GitError>(Some(local_ref.to_owned()))
        })
        .map(|pushed| pushed.unwrap_or(Pushed::Accepted))
    }

    /// One action's push: `prepare` gets whether the server's tip may differ from our
    /// `refs/remotes/origin/<branch>` (then it must fetch) and makes the commit, returning the
    /// ref to push, or `None` for nothing to push. libgit2 learns the tip on the connection it
    /// then pushes over (`libgit2::connect_then_push`); the `git` program has no connection to
    /// share, so `prepare` always fetches first.
    ///
    /// # Errors
    /// `prepare`'s errors; when the server refuses the push; when the network fails.
    pub(crate) fn connect_then_push<X: From<GitError>>(
        self,
        repo: &Repository,
        url: &str,
        branch: &str,
        auth: &Auth,
        prepare: impl FnOnce(bool) -> Result<Option<String>, X>,
    ) -> Result<Option<Pushed>, X> {
        match self {
            Transport::Libgit2 => libgit2::connect_then_push(repo, url, branch, auth, prepare),
            Transport::GitProgram => {
                let Some(local_ref) = prepare(true)? else {
                    return Ok(None);
                };
                let refspec = format!("{local_ref}:refs/heads/{branch}");
                Ok(Some(cli::push(
                    work_dir(repo),
                    url,
                    auth,
                    &refspec,
                    branch,
                )?))
            }
        }
    }
}

/// True for the reasons a server gives when the branch moved since we looked.
pub(crate) fn is_race(reason: &str) -> bool {
    [
        "fetch first",
        "non-fast-forward",
        "stale info",
        "failed to update ref",
    ]
    .iter()
    .any(|r| reason.contains(r))
}

fn work_dir(repo: &Repository) -> &std::path::Path {
    repo.workdir().unwrap_or(repo.path())
}
