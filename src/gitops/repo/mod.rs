//! [`DeployRepo`]: the deploy repository a link file names, and "commit and push one user
//! action". Keeping the cached clone in step with the server is `sync`; reading history is
//! `read`.

mod read;
mod sync;

use std::path::{Component, Path, PathBuf};

use git2::{FileMode, Oid, Repository};

use super::cache::{self, CloneLock};
use super::credentials::Auth;
use super::error::git;
use super::transport::{Pushed, Transport};
use super::{ActionError, FileChange, GitError, MAX_ATTEMPTS, cli, git_cli_enabled};

pub use read::{FileCommit, FileVersion};

/// Where pushes go: the server's URL and branch, and the transport chosen for the URL.
#[derive(Debug, Clone)]
struct Upstream {
    url: String,
    branch: String,
    transport: Transport,
    /// True when a `branch` the server lacks is started here (`init -e NAME --deploy-branch
    /// B`); every other command stops at a missing branch.
    may_start: bool,
}

impl Upstream {
    fn new(url: &str, branch: &str) -> Self {
        Upstream {
            url: url.to_owned(),
            branch: branch.to_owned(),
            transport: Transport::for_url(url),
            may_start: false,
        }
    }
}

/// A deploy repository with a work tree on this machine.
pub struct DeployRepo {
    repo: Repository,
    root: PathBuf,
    /// Set when commits are pushed: always for a cached clone, for a local checkout only when it
    /// has an `origin` and the link's branch is checked out.
    upstream: Option<Upstream>,
    /// True for our own clone in the cache directory (which we may fast-forward and reset).
    cached: bool,
    auth: Auth,
    _lock: Option<CloneLock>,
}

/// One try of an action against the server: what was committed, and how its push went.
struct Attempt {
    recorded: Recorded,
    pushed: Result<Option<Pushed>, GitError>,
}

/// What an edit returns: the commit message and the changes.
type Edit<'a, E> = dyn FnMut(&Path) -> Result<(String, Vec<FileChange>), E> + 'a;

impl std::fmt::Debug for DeployRepo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeployRepo")
            .field("root", &self.root)
            .field("upstream", &self.upstream)
            .field("cached", &self.cached)
            .finish_non_exhaustive()
    }
}

/// What [`DeployRepo::record`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The branch's tip after the action (our new commit, or the unchanged tip).
    pub revision: Oid,
    /// False when the edit changed nothing, so no commit was made.
    pub changed: bool,
    /// True when the tip is on the server now; false for a local repository without a remote.
    pub pushed: bool,
    /// How many times the edit ran (more than one when others pushed meanwhile).
    pub attempts: usize,
}

impl DeployRepo {
    /// The deploy repository a link file names: the source repository itself for `.`, a local
    /// path (relative to the link file), or a remote URL, cloned into the cache directory and
    /// brought up to date, authenticating with `auth` (which may ask for a key's passphrase:
    /// every command that opens it passes `Context::git_auth`).
    ///
    /// # Errors
    /// When the repository cannot be opened, cloned or fetched.
    pub fn open_with(link: &crate::link::LinkFile, auth: Auth) -> Result<Self, GitError> {
        Self::open_impl(link, auth, true)
    }

    /// As [`DeployRepo::open_with`], for a command that changes the repository with
    /// [`DeployRepo::record`] without reading it first: a cached clone is not fetched here,
    /// because `record` checks the server's tip on the connection it pushes over and fetches
    /// only when the tip moved, which saves a connection per action.
    ///
    /// # Errors
    /// When the repository cannot be opened or cloned.
    pub fn open_for_change(link: &crate::link::LinkFile, auth: Auth) -> Result<Self, GitError> {
        Self::open_impl(link, auth, false)
    }

    /// As [`DeployRepo::open_with`], for the first commit of an environment on a branch of its
    /// own (`init -e NAME --deploy-branch B`): when the server has no branch `B` yet, the cached
    /// clone checks out a new, empty `B` (see `start_branch`), and the first push creates it on
    /// the server. A local checkout must have `B` checked out, because its branches are the
    /// user's to switch.
    ///
    /// # Errors
    /// As [`DeployRepo::open_with`]; [`GitError::BranchNotCheckedOut`] for a local checkout on
    /// another branch.
    pub fn open_to_start_branch(
        link: &crate::link::LinkFile,
        auth: Auth,
    ) -> Result<Self, GitError> {
        let repo = Self::open_starting(link, auth, true, true)?;
        let branch = &link.link.deploy.branch;
        if !repo.cached && repo.head_ref_name().ok() != Some(format!("refs/heads/{branch}")) {
            return Err(GitError::BranchNotCheckedOut {
                root: repo.root.clone(),
                branch: branch.clone(),
            });
        }
        repo.check_identity()?;
        Ok(repo)
    }

    fn open_impl(link: &crate::link::LinkFile, auth: Auth, fetch: bool) -> Result<Self, GitError> {
        Self::open_starting(link, auth, fetch, false)
    }

    fn open_starting(
        link: &crate::link::LinkFile,
        auth: Auth,
        fetch: bool,
        may_start: bool,
    ) -> Result<Self, GitError> {
        let deploy = &link.link.deploy;
        let mut upstream = None;
        if super::is_remote_url(&deploy.repo) {
            upstream = Some(deploy.repo.clone());
        }
        let path = deploy.repo.strip_prefix("file://").unwrap_or(&deploy.repo);
        let full = link.dir().join(path);
        // A bare repository has no work tree to commit in: it is a server on this machine, used
        // like any URL (cloned into the cache, pushed to), as git treats a path or file:// URL.
        if upstream.is_none() {
            upstream = bare_repository(&full);
        }
        if let Some(url) = upstream {
            let mut to = Upstream::new(&url, &deploy.branch);
            to.may_start = may_start;
            return Self::open_remote(to, auth, fetch);
        }
        let mut repo = Self::open_local(&full).map_err(|e| match e {
            // Say which folder as a person would name it, not `work/../deploy`.
            GitError::NotARepository { path, source } => GitError::NotARepository {
                path: path
                    .canonicalize()
                    .unwrap_or_else(|_| crate::fsutil::lexical(&path)),
                source,
            },
            other => other,
        })?;
        // "." is the repository the link file is in, wherever its root; any other path names
        // the top of a repository, never a folder inside one.
        if deploy.repo != "." && !same_dir(&full, &repo.root) {
            return Err(if full.is_file() {
                GitError::NotAFolder { path: full }
            } else {
                GitError::NestedRepository {
                    path: full,
                    root: repo.root,
                }
            });
        }
        // "." found by walking up from a project that has no repository of its own can land
        // in a repository of the whole home folder (dotfiles): committing there is never meant.
        if deploy.repo == "." && !same_dir(&full, &repo.root) && holds_home(&repo.root) {
            return Err(GitError::HomeRepository {
                path: link.dir().to_owned(),
                root: repo.root,
            });
        }
        repo.auth = auth;
        repo.upstream = local_upstream(&repo.repo, &deploy.branch);
        Ok(repo)
    }

    /// Opens the repository that contains `path`, in place, without pushing.
    ///
    /// # Errors
    /// When `path` is not in a git repository with a work tree.
    pub fn open_local(path: &Path) -> Result<Self, GitError> {
        let repo = Repository::discover(path).map_err(|source| GitError::NotARepository {
            path: path.to_owned(),
            source,
        })?;
        super::config::apply(&repo).map_err(git("cannot read the git configuration"))?;
        let root = repo
            .workdir()
            .ok_or_else(|| GitError::NotARepository {
                path: path.to_owned(),
                source: git2::Error::from_str("the repository is bare"),
            })?
            .to_owned();
        let mut this = DeployRepo {
            repo,
            root,
            upstream: None,
            cached: false,
            auth: Auth::default(),
            _lock: None,
        };
        this.recover()?;
        Ok(this)
    }

    /// Opens the repository at `path` to read its history only: nothing is recovered, locked or
    /// fetched, so it is fast and never writes (shell completion, which must not wait or change
    /// the clone another command may be using).
    ///
    /// # Errors
    /// When `path` is not in a git repository with a work tree.
    pub fn open_read_only(path: &Path) -> Result<Self, GitError> {
        let repo = Repository::open(path).map_err(|source| GitError::NotARepository {
            path: path.to_owned(),
            source,
        })?;
        let root = repo.workdir().unwrap_or(path).to_owned();
        Ok(DeployRepo {
            repo,
            root,
            upstream: None,
            cached: false,
            auth: Auth::default(),
            _lock: None,
        })
    }

    fn open_remote(upstream: Upstream, auth: Auth, fetch: bool) -> Result<Self, GitError> {
        let url = upstream.url.as_str();
        let dir = cache::clone_dir(url)?;
        let lock = cache::lock(&dir)?;
        let repo = if dir.join(".git").is_dir() {
            Repository::open(&dir).map_err(|source| GitError::NotARepository {
                path: dir.clone(),
                source,
            })?
        } else {
            sync::clone(url, &dir, &auth)?
        };
        super::config::apply(&repo).map_err(git("cannot read the git configuration"))?;
        let mut this = DeployRepo {
            repo,
            root: dir,
            upstream: Some(upstream),
            cached: true,
            auth,
            _lock: Some(lock),
        };
        this.recover()?;
        // A branch this clone has never seen may be on the server by now (pushed by someone
        // else since the last fetch): ask the server before saying it is missing.
        if fetch || !this.knows_branch() {
            this.update()?;
        } else {
            this.reconcile()?;
        }
        Ok(this)
    }

    /// The folder of the app inside the work tree (`deploy.path` of the link file).
    #[must_use]
    pub fn app_dir(&self, link: &crate::link::Link) -> PathBuf {
        self.root.join(&link.deploy.path)
    }

    /// The root of the work tree.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True when commits are pushed to a server.
    #[must_use]
    pub fn has_upstream(&self) -> bool {
        self.upstream.is_some()
    }

    /// Commit and push one user action. `edit` reads the current files (under the root it is
    /// given) and returns the changes, with paths relative to that root. When someone else
    /// pushed first, the branch is brought up to date and `edit` runs again on the new files,
    /// at most [`MAX_ATTEMPTS`] times; nothing is ever force-pushed.
    ///
    /// # Errors
    /// `ActionError::Edit` with `edit`'s own error; `ActionError::Git` when git fails. When the
    /// commit was made but could not be pushed (network), the error is `GitError::NotPushed`
    /// and the commit is kept: the next action pushes it.
    pub fn record<E>(
        &mut self,
        message: &str,
        mut edit: impl FnMut(&Path) -> Result<Vec<FileChange>, E>,
    ) -> Result<Recorded, ActionError<E>> {
        self.record_with(|root| Ok((message.to_owned(), edit(root)?)))
    }

    /// As [`DeployRepo::record`], for an action whose message depends on the files (`edit`
    /// returns the message with the changes).
    ///
    /// # Errors
    /// As [`DeployRepo::record`].
    pub fn record_with<E>(
        &mut self,
        mut edit: impl FnMut(&Path) -> Result<(String, Vec<FileChange>), E>,
    ) -> Result<Recorded, ActionError<E>> {
        let Some(upstream) = self.upstream.clone() else {
            return self.record_locally(&mut edit);
        };
        for attempt in 1..=MAX_ATTEMPTS {
            let tried = self.try_once(&upstream, attempt, &mut edit)?;
            if let Some(recorded) = self.settle(&upstream, tried)? {
                return Ok(recorded);
            }
        }
        Err(GitError::RaceLost {
            branch: upstream.branch,
            attempts: MAX_ATTEMPTS,
        }
        .into())
    }

    /// An action in a repository without a server: commit only.
    fn record_locally<E>(&mut self, edit: &mut Edit<'_, E>) -> Result<Recorded, ActionError<E>> {
        let before = self.head_commit()?;
        let (message, changes) = edit(&self.root).map_err(ActionError::Edit)?;
        let made = self.commit(&message, &changes)?;
        Ok(Recorded {
            revision: made,
            changed: Some(made) != before,
            pushed: false,
            attempts: 1,
        })
    }

    /// Runs the edit on the newest tip (fetched when the server's moved), commits, and pushes
    /// over one connection.
    fn try_once<E>(
        &mut self,
        upstream: &Upstream,
        attempt: usize,
        edit: &mut Edit<'_, E>,
    ) -> Result<Attempt, ActionError<E>> {
        let mut made = None;
        let mut changed = false;
        let outcome = upstream.transport.connect_then_push(
            &self.repo,
            &upstream.url,
            &upstream.branch,
            &self.auth,
            |stale| -> Result<Option<String>, ActionError<E>> {
                if self.cached {
                    if stale || attempt > 1 {
                        upstream
                            .transport
                            .fetch(&self.repo, &upstream.url, &self.auth)?;
                    }
                    self.reconcile()?;
                }
                let before = self.head_commit()?;
                let (message, changes) = edit(&self.root).map_err(ActionError::Edit)?;
                let tip = self.commit(&message, &changes)?;
                made = Some(tip);
                changed = Some(tip) != before;
                if !changed && !self.has_unpushed(&upstream.branch)? {
                    return Ok(None);
                }
                Ok(Some(self.head_ref_name()?))
            },
        );
        // Once the commit is made, a git failure is the push's, which `settle` judges.
        let pushed = match outcome {
            Ok(outcome) => Ok(outcome),
            Err(ActionError::Git(e)) if made.is_some() => Err(e),
            Err(other) => return Err(other),
        };
        Ok(Attempt {
            recorded: Recorded {
                revision: made.unwrap_or(Oid::ZERO_SHA1),
                changed,
                pushed: true,
                attempts: attempt,
            },
            pushed,
        })
    }

    /// What an attempt's push means: `Some` when the action is done, `None` to run it again on
    /// the server's newer tip.
    fn settle<E>(
        &self,
        upstream: &Upstream,
        tried: Attempt,
    ) -> Result<Option<Recorded>, ActionError<E>> {
        let Attempt { recorded, pushed } = tried;
        let made = recorded.revision;
        match pushed {
            Ok(None) => Ok(Some(recorded)),
            Ok(Some(Pushed::Accepted)) => {
                self.mark_pushed(&upstream.branch, made)?;
                Ok(Some(recorded))
            }
            Ok(Some(Pushed::NotFastForward)) if self.cached => {
                if recorded.changed {
                    self.undo(made)?;
                }
                Ok(None)
            }
            Ok(Some(Pushed::NotFastForward)) => Err(GitError::NotPushed {
                revision: made.to_string(),
                source: Box::new(GitError::PushRejected {
                    branch: upstream.branch.clone(),
                    reason: "the branch moved on the server: pull, then run the command again"
                        .to_owned(),
                    remote: Vec::new(),
                }),
            }
            .into()),
            Err(rejected @ GitError::PushRejected { .. }) if self.cached => {
                // The server said no to this content: keeping the commit would make every
                // later action try it again.
                if recorded.changed {
                    self.undo(made)?;
                }
                Err(rejected.into())
            }
            Err(other) => Err(GitError::NotPushed {
                revision: made.to_string(),
                source: Box::new(other),
            }
            .into()),
        }
    }

    /// Pushes commits an earlier action could not push. Returns true when there was one.
    ///
    /// # Errors
    /// When the push fails.
    pub fn push_pending(&mut self) -> Result<bool, GitError> {
        let Some(upstream) = self.upstream.clone() else {
            return Ok(false);
        };
        if !self.has_unpushed(&upstream.branch)? {
            return Ok(false);
        }
        let local_ref = self.head_ref_name()?;
        match upstream.transport.push(
            &self.repo,
            &upstream.url,
            &local_ref,
            &upstream.branch,
            &self.auth,
        )? {
            Pushed::Accepted => {
                let head = self.head_commit()?.unwrap_or(Oid::ZERO_SHA1);
                self.mark_pushed(&upstream.branch, head)?;
                Ok(true)
            }
            Pushed::NotFastForward => Err(GitError::RaceLost {
                branch: upstream.branch,
                attempts: 1,
            }),
        }
    }

    /// Checks that a commit can name its author and committer, for a command that writes other
    /// files before it commits.
    ///
    /// # Errors
    /// [`GitError::NoIdentity`] when git does not know who the user is.
    pub fn check_identity(&self) -> Result<(), GitError> {
        self.repo.author_from_env().map_err(GitError::NoIdentity)?;
        self.repo
            .committer_from_env()
            .map_err(GitError::NoIdentity)?;
        Ok(())
    }

    /// As [`DeployRepo::check_identity`], before a repository exists: the user's and the
    /// system's git configuration and the environment.
    ///
    /// # Errors
    /// [`GitError::NoIdentity`] when neither names the user.
    pub fn check_global_identity() -> Result<(), GitError> {
        let config = super::config::user().map_err(GitError::NoIdentity)?;
        for (key, variables) in [
            ("user.name", ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"]),
            ("user.email", ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"]),
        ] {
            if variables.iter().all(|v| std::env::var_os(v).is_some()) {
                continue;
            }
            config.get_string(key).map_err(GitError::NoIdentity)?;
        }
        Ok(())
    }

    /// Writes `changes` and records them as one commit on the current branch, without pushing
    /// (for a remote deploy repository that is a commit in the cached clone only: commands use
    /// [`DeployRepo::record`], which also pushes).
    /// The commit's tree is HEAD's tree plus exactly these changes: whatever else the user has
    /// staged or changed stays out of it (and stays as it was). Returns the branch's tip: the
    /// new commit, or the old tip when the changes change nothing.
    ///
    /// # Errors
    /// When there is no git identity (checked before anything is written), a file cannot be
    /// written, or libgit2 fails.
    pub fn commit(&self, message: &str, changes: &[FileChange]) -> Result<Oid, GitError> {
        let author = self.repo.author_from_env().map_err(GitError::NoIdentity)?;
        let committer = self
            .repo
            .committer_from_env()
            .map_err(GitError::NoIdentity)?;
        let parent = self.head_commit()?;
        let base_tree = match parent {
            Some(id) => self
                .repo
                .find_commit(id)
                .and_then(|c| c.tree())
                .map_err(git("cannot read HEAD's tree"))?,
            None => {
                let empty = self
                    .repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(git("cannot write an empty tree"))?;
                self.repo
                    .find_tree(empty)
                    .map_err(git("cannot read the empty tree"))?
            }
        };
        let mut update = git2::build::TreeUpdateBuilder::new();
        let mut paths = Vec::with_capacity(changes.len());
        for change in changes {
            let path = tree_path(change.path())?;
            let existing = base_tree.get_path(Path::new(&path)).ok();
            match change {
                FileChange::Write { contents, .. } => {
                    let blob = self
                        .repo
                        .blob(contents)
                        .map_err(git(format!("cannot store {path}")))?;
                    let mode = match existing.map(|e| e.filemode()) {
                        Some(m) if m == i32::from(FileMode::BlobExecutable) => {
                            FileMode::BlobExecutable
                        }
                        _ => FileMode::Blob,
                    };
                    update.upsert(path.as_str(), blob, mode);
                }
                FileChange::Remove { .. } => {
                    if existing.is_some() {
                        update.remove(path.as_str());
                    }
                }
            }
            paths.push(path);
        }
        let tree_id = update
            .create_updated(&self.repo, &base_tree)
            .map_err(git("cannot build the commit's tree"))?;
        if let Some(parent) = parent.filter(|_| tree_id == base_tree.id()) {
            self.write_work_tree(changes)?;
            return Ok(parent);
        }
        let commit = self.create_commit(&author, &committer, message, tree_id, parent)?;
        // Interrupted between here and the end, the next open finds the marker and repairs.
        self.begin("commit", &paths)?;
        self.write_work_tree(changes)?;
        let head_ref = self.head_ref_name()?;
        match parent {
            Some(old) => self
                .repo
                .reference_matching(&head_ref, commit, true, old, message)
                .map(drop),
            None => self
                .repo
                .reference(&head_ref, commit, false, message)
                .map(drop),
        }
        .map_err(git(format!("cannot move {head_ref} to the new commit")))?;
        self.refresh_index(&paths)?;
        self.finish()?;
        Ok(commit)
    }

    fn create_commit(
        &self,
        author: &git2::Signature<'_>,
        committer: &git2::Signature<'_>,
        message: &str,
        tree_id: Oid,
        parent: Option<Oid>,
    ) -> Result<Oid, GitError> {
        let config = self.repo.config().map_err(git("cannot read git config"))?;
        if config.get_bool("commit.gpgsign").unwrap_or(false) {
            if !git_cli_enabled() {
                return Err(GitError::SigningNeedsCli);
            }
            let parents: Vec<Oid> = parent.into_iter().collect();
            return cli::commit_tree_signed(&self.root, tree_id, &parents, message);
        }
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(git("cannot read the new tree"))?;
        let parent = parent
            .map(|id| self.repo.find_commit(id))
            .transpose()
            .map_err(git("cannot read HEAD"))?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(None, author, committer, message, &tree, &parents)
            .map_err(git("cannot create the commit"))
    }

    fn write_work_tree(&self, changes: &[FileChange]) -> Result<(), GitError> {
        for change in changes {
            let full = self.root.join(change.path());
            let io = |source| GitError::Write {
                path: full.clone(),
                source,
            };
            // What a command killed mid-write left here goes, also when this file is unchanged.
            if let Some(dir) = full.parent() {
                crate::fsutil::sweep_stale_temps(dir);
            }
            match change {
                FileChange::Write { contents, .. } => {
                    if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
                        crate::fsutil::write_atomic(&full, contents, false).map_err(io)?;
                    }
                }
                FileChange::Remove { .. } => match std::fs::remove_file(&full) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                    _ => {}
                },
            }
        }
        Ok(())
    }

    /// The commit HEAD points at; `None` on an unborn branch.
    fn head_commit(&self) -> Result<Option<Oid>, GitError> {
        match self.repo.head() {
            Ok(head) => head
                .peel_to_commit()
                .map(|c| Some(c.id()))
                .map_err(git("cannot read HEAD")),
            Err(e)
                if matches!(
                    e.code(),
                    git2::ErrorCode::UnbornBranch | git2::ErrorCode::NotFound
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(git("cannot read HEAD")(e)),
        }
    }

    /// The full name of the branch HEAD is on (`refs/heads/main`), born or not.
    fn head_ref_name(&self) -> Result<String, GitError> {
        let head = self
            .repo
            .find_reference("HEAD")
            .map_err(git("cannot read HEAD"))?;
        head.symbolic_target()
            .ok()
            .flatten()
            .map(str::to_owned)
            .ok_or_else(|| GitError::Git {
                action: format!(
                    "HEAD of {} is detached: check out the deploy branch",
                    self.root.display()
                ),
                source: git2::Error::from_str("detached HEAD"),
            })
    }
}

/// A path inside the repository as git stores it: `/`-separated, no `.` or `..`.
fn tree_path(path: &Path) -> Result<String, GitError> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(GitError::Git {
                    action: format!("{} is not a path inside the repository", path.display()),
                    source: git2::Error::from_str("invalid path"),
                });
            }
        }
    }
    Ok(parts.join("/"))
}

/// True when `root` is the user's home folder or a folder above it.
fn holds_home(root: &Path) -> bool {
    let home = etcetera::home_dir()
        .ok()
        .and_then(|h| h.canonicalize().ok());
    match (home, root.canonicalize()) {
        (Some(home), Ok(root)) => home.starts_with(root),
        _ => false,
    }
}

/// The absolute path of the bare repository at `dir`, if `dir` is one (itself, not a folder in
/// one).
fn bare_repository(dir: &Path) -> Option<String> {
    let repo = Repository::open_ext(
        dir,
        git2::RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&std::ffi::OsStr>(),
    )
    .ok()?;
    if !repo.is_bare() {
        return None;
    }
    let path = dir.canonicalize().ok()?;
    path.to_str().map(str::to_owned)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The push target of a local checkout: its `origin`, when the link's branch is checked out.
fn local_upstream(repo: &Repository, branch: &str) -> Option<Upstream> {
    let head = repo.find_reference("HEAD").ok()?;
    if head.symbolic_target().ok()?? != format!("refs/heads/{branch}") {
        return None;
    }
    let remote = repo.find_remote("origin").ok()?;
    Some(Upstream::new(remote.url().ok()?, branch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_paths_are_normalised_and_confined() {
        assert_eq!(
            tree_path(Path::new("./deploy/app.yaml")).unwrap(),
            "deploy/app.yaml"
        );
        assert_eq!(tree_path(Path::new("app.yaml")).unwrap(), "app.yaml");
        assert!(tree_path(Path::new("../x")).is_err());
        assert!(tree_path(Path::new("/etc/passwd")).is_err());
    }
}
