//! What can go wrong with the deploy repository, each with what to do about it.

use std::path::PathBuf;

use crate::exit::{Classify, ExitCode};

/// What a network failure came from: libgit2's error, or what the git program printed.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A git failure, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// The path is not inside a git repository.
    #[error("{} is not a git repository", path.display())]
    NotARepository { path: PathBuf, source: git2::Error },
    /// The deploy repository's path names a file.
    #[error("the deploy repository {} is a file, not a folder", path.display())]
    NotAFolder { path: PathBuf },
    /// The deploy repository's path is a folder inside another repository: commits would land
    /// in that repository, at its root.
    #[error("the deploy repository {} is a folder inside the git repository {}, not a repository of its own", path.display(), root.display())]
    NestedRepository { path: PathBuf, root: PathBuf },
    /// `.` names the repository the project is in, and that is the home folder's.
    #[error("{} has no git repository of its own: the one it is in is {}, which holds your home folder", path.display(), root.display())]
    HomeRepository { path: PathBuf, root: PathBuf },
    /// The link's branch is on neither the server nor this machine, while other branches are.
    #[error(
        "the deploy repository {} has no branch `{branch}`",
        super::redact_url(url)
    )]
    BranchNotOnServer { branch: String, url: String },
    /// A new environment's branch is not the one checked out in the local deploy repository.
    #[error(
        "the deploy repository {} has another branch checked out than `{branch}`",
        root.display()
    )]
    BranchNotCheckedOut { root: PathBuf, branch: String },
    /// A revision the user named is not in the deploy repository.
    #[error("there is no revision {revision} in the deploy repository")]
    UnknownRevision {
        revision: String,
        source: git2::Error,
    },
    /// No `user.name`/`user.email` is configured.
    #[error("git does not know who you are: no user.name and user.email are configured")]
    NoIdentity(#[source] git2::Error),
    /// A file could not be written into the work tree.
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Someone changed files in the cached clone by hand; we never discard that silently.
    #[error(
        "the cached clone of the deploy repository at {} has changes that were made by hand: {}",
        root.display(),
        paths.join(", ")
    )]
    HandEdits { root: PathBuf, paths: Vec<String> },
    /// Our unpushed commits cannot be replayed on what the server has now.
    #[error(
        "the unpushed commit {revision} in {} conflicts with changes on the server",
        root.display()
    )]
    PendingConflict { root: PathBuf, revision: String },
    /// `UNGLEICH_GIT_TOKEN` is set and the deploy repository is at a plain `http://` URL, where
    /// the token would cross the network in cleartext.
    #[error(
        "UNGLEICH_GIT_TOKEN is set, and the deploy repository {} is plain http, where the token would be sent unencrypted; nothing was sent",
        super::redact_url(url)
    )]
    TokenOverHttp { url: String },
    /// Every credential we could find was refused.
    #[error(
        "authentication to {} failed; tried: {}",
        super::redact_url(url),
        tried_list(tried)
    )]
    AuthFailed {
        url: String,
        tried: Vec<String>,
        source: Cause,
    },
    /// The SSH server's host key is not in known_hosts, or differs from the one there.
    #[error(
        "the SSH host key of {host} (port {port}) is not trusted: {key_type} key {fingerprint} is not in ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts, or differs from the key recorded there"
    )]
    HostKeyUntrusted {
        host: String,
        port: u16,
        key_type: String,
        fingerprint: String,
    },
    /// A known_hosts file marks the SSH server's host key `@revoked`.
    #[error(
        "the SSH host key of {host} (port {port}) is revoked: {key_type} key {fingerprint} is marked @revoked in {}",
        file.display()
    )]
    HostKeyRevoked {
        host: String,
        port: u16,
        key_type: String,
        fingerprint: String,
        file: PathBuf,
    },
    /// The server's TLS certificate does not verify against the trusted CAs.
    #[error("the TLS certificate of {} is not trusted", super::redact_url(url))]
    TlsUntrusted { url: String, source: Cause },
    /// The server could not be reached, or the connection broke.
    #[error("cannot reach the deploy repository at {}", super::redact_url(url))]
    Network {
        url: String,
        /// True when libgit2's own ssh transport failed, which does not read `~/.ssh/config`.
        builtin_ssh: bool,
        source: Cause,
    },
    /// An http(s) remote (or `UNGLEICH_GIT_CLI=1`) needs the git program, which is missing.
    #[error(
        "the git program is needed to fetch and push {}, and it is not installed (or not on PATH)",
        super::redact_url(url)
    )]
    GitProgramMissing { url: String },
    /// The server refused the push (a hook, branch protection).
    #[error(
        "the server rejected the push to {branch}: {reason}{}",
        remote_text(remote)
    )]
    PushRejected {
        branch: String,
        reason: String,
        remote: Vec<String>,
    },
    /// Someone else pushed every time we tried.
    #[error("the branch {branch} kept moving: gave up after {attempts} attempts")]
    RaceLost { branch: String, attempts: usize },
    /// The commit exists locally but could not be pushed.
    #[error("committed {revision} locally, but could not push it: {source}")]
    NotPushed {
        revision: String,
        #[source]
        source: Box<GitError>,
    },
    /// `commit.gpgSign` is set, which libgit2 cannot honour.
    #[error(
        "your git configuration asks for signed commits (commit.gpgSign), which the built-in git cannot create"
    )]
    SigningNeedsCli,
    /// The `git` program failed (the opt-in fallback).
    #[error("`git {command}` failed: {stderr}")]
    Cli { command: String, stderr: String },
    /// Any other libgit2 error.
    #[error("{action}")]
    Git { action: String, source: git2::Error },
}

fn tried_list(tried: &[String]) -> String {
    if tried.is_empty() {
        "no credentials were found".to_owned()
    } else {
        tried.join("; ")
    }
}

fn remote_text(lines: &[String]) -> String {
    lines.iter().map(|l| format!("\nremote: {l}")).collect()
}

impl Classify for GitError {
    fn exit_code(&self) -> ExitCode {
        match self {
            GitError::NoIdentity(_)
            | GitError::NotARepository { .. }
            | GitError::NotAFolder { .. }
            | GitError::NestedRepository { .. }
            | GitError::HomeRepository { .. }
            | GitError::UnknownRevision { .. }
            | GitError::TokenOverHttp { .. }
            | GitError::BranchNotCheckedOut { .. } => ExitCode::InvalidInput,
            // Nothing of the app is there to read, as for an app not deployed yet.
            GitError::BranchNotOnServer { .. } => ExitCode::NotFound,
            GitError::Write { .. } => ExitCode::Failure,
            _ => ExitCode::Git,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            GitError::NoIdentity(_) => "run `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.com` (or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL)".to_owned(),
            GitError::BranchNotOnServer { branch, .. } => format!(
                "check deploy.branch in ungleich-django.yaml; `ungleich-django init -e NAME --deploy-branch {branch}` starts a new environment on that branch (holding only its own app.yaml), or push the branch yourself from the one it should start at (`git push origin DEFAULT-BRANCH:{branch}`); nothing was changed"
            ),
            GitError::BranchNotCheckedOut { root, branch } => format!(
                "run `git -C {} switch -c {branch}` (or give the environment a folder with --deploy-path instead); nothing was written",
                root.display()
            ),
            GitError::UnknownRevision { .. } => "`ungleich-django rollback --list` shows the revisions of recent deploys".to_owned(),
            GitError::TokenOverHttp { .. } => "use the repository's https:// URL in deploy.repo of ungleich-django.yaml; plain http works only without UNGLEICH_GIT_TOKEN (a server that needs no credentials)".to_owned(),
            GitError::NotARepository { path, .. } => format!(
                "deploy.repo in ungleich-django.yaml names a git URL, a folder that is a git repository (`git init {}` makes one), or \".\" for the repository the project is in",
                path.display()
            ),
            GitError::NotAFolder { .. } => "set deploy.repo in ungleich-django.yaml (or init's --deploy-repo) to a git URL, a folder, or \".\" for this repository".to_owned(),
            GitError::NestedRepository { path, root } => format!(
                "to keep app.yaml in that repository use `repo: .` and `path: {}` (init: --deploy-repo . --deploy-path {0}); or name a folder outside it, which init makes a repository of its own",
                path.strip_prefix(root).unwrap_or(path).display()
            ),
            GitError::HomeRepository { path, .. } => format!(
                "give the project a repository of its own with `git init {}`, or name a separate deploy repository (init --deploy-repo URL or folder)",
                path.display()
            ),
            GitError::HandEdits { root, .. } => format!(
                "commit and push them with `git -C {0} commit -a && git -C {0} push`, or put them aside with `git -C {0} stash`, then try again",
                root.display()
            ),
            GitError::PendingConflict { root, .. } => format!(
                "look at it with `git -C {0} log -p @{{u}}..`; drop it with `git -C {0} reset --hard @{{u}}` and repeat the change",
                root.display()
            ),
            GitError::AuthFailed { .. } => format!(
                "for ssh: load your key with `ssh-add` or put it in ~/.ssh/id_ed25519, and check it is authorised on the git server; for https: configure a git credential helper (`git config --global credential.helper store`) or set {} (and {} if the user is not `git`); to use the git program's own authentication and ~/.ssh/config, set {}=1",
                super::TOKEN_ENV,
                super::TOKEN_USER_ENV,
                super::GIT_CLI_ENV
            ),
            GitError::HostKeyUntrusted { host, port, .. } => format!(
                "if that fingerprint is the one your git host publishes, trust it with `ssh-keyscan -p {port} {host} >> ~/.ssh/known_hosts` (or /etc/ssh/ssh_known_hosts for every user of this machine); a key that changed unexpectedly can mean someone is intercepting the connection"
            ),
            GitError::HostKeyRevoked { .. } => "nothing was sent to the server; a revoked key is never accepted: ask whoever runs the git host for its current key, or remove the @revoked line if it is wrong".to_owned(),
            GitError::TlsUntrusted { .. } => "for a private CA, tell git its certificate (PEM): `git config --global http.sslCAInfo /path/to/ca.pem`, or set SSL_CERT_FILE".to_owned(),
            GitError::Network { builtin_ssh: true, .. } => format!(
                "check the URL and your connection; the built-in ssh does not read ~/.ssh/config: for a Host alias there, set {}=1 to use the git program",
                super::GIT_CLI_ENV
            ),
            GitError::Network { builtin_ssh: false, .. } => "check the URL and your connection; git reads proxies from http.proxy and https_proxy".to_owned(),
            GitError::GitProgramMissing { .. } => "install git (Debian and Ubuntu: `apt install git`; macOS: `xcode-select --install`), or use an ssh URL for the deploy repository".to_owned(),
            GitError::PushRejected { .. } => "nothing was changed on the server; fix what the server says and run the command again".to_owned(),
            GitError::RaceLost { .. } => "others are pushing to the same branch right now; run the command again".to_owned(),
            GitError::NotPushed { .. } => "the commit is kept; the next command that changes the deploy repository pushes it, and `ungleich-django deploy --no-wait` pushes it now".to_owned(),
            GitError::SigningNeedsCli => format!(
                "set {}=1 to let the git program sign the commit, or turn signing off for this repository",
                super::GIT_CLI_ENV
            ),
            _ => return None,
        })
    }
}

/// An action failed: either the caller's edit, or git.
#[derive(Debug)]
pub enum ActionError<E> {
    /// The caller's edit refused (its own error, unchanged).
    Edit(E),
    /// git failed.
    Git(GitError),
}

impl<E> From<GitError> for ActionError<E> {
    fn from(e: GitError) -> Self {
        ActionError::Git(e)
    }
}

impl<E: Into<anyhow::Error>> ActionError<E> {
    /// The error as the command edge reports it; each kind keeps its own class.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            ActionError::Edit(e) => e.into(),
            ActionError::Git(e) => e.into(),
        }
    }
}

/// Shorthand for a libgit2 error with what we were doing.
pub(crate) fn git(action: impl Into<String>) -> impl FnOnce(git2::Error) -> GitError {
    let action = action.into();
    move |source| GitError::Git { action, source }
}
