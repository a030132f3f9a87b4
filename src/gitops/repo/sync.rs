//! Keeping the cached clone in step with the server, on the branch each command asks for, and
//! consistent when interrupted.
//!
//! Every change to the work tree and the branch goes through a marker file in `.git` that names
//! the paths involved; an interrupted command (Ctrl-C, a crash) leaves the marker, and the next
//! open repairs from it. Our own clone is never left looking as if someone edited it by hand.

use std::path::Path;

use git2::{Oid, Repository, build::CheckoutBuilder};

use super::DeployRepo;
use crate::gitops::GitError;
use crate::gitops::credentials::Auth;
use crate::gitops::error::git;
use crate::gitops::transport::Transport;

const MARKER: &str = "ungleich-django-action";

/// Clones `url` into `dir`: fetched into a sibling directory first and renamed when complete,
/// so an interrupted clone never looks like a clone.
pub(super) fn clone(url: &str, dir: &Path, auth: &Auth) -> Result<Repository, GitError> {
    let partial = crate::gitops::cache::sibling(dir, "partial");
    let io = |source| GitError::Write {
        path: partial.clone(),
        source,
    };
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io)?;
    }
    std::fs::create_dir_all(&partial).map_err(io)?;
    {
        let repo = Repository::init(&partial).map_err(git("cannot create the cached clone"))?;
        repo.remote("origin", url)
            .map_err(git("cannot configure the remote origin"))?;
        Transport::for_url(url).fetch(&repo, url, auth)?;
    }
    std::fs::rename(&partial, dir).map_err(io)?;
    Repository::open(dir).map_err(|source| GitError::NotARepository {
        path: dir.to_owned(),
        source,
    })
}

impl DeployRepo {
    /// Fetches, refuses to touch hand edits, and brings the local branch up to the server's:
    /// fast-forward, or replay our unpushed commits on top.
    pub(super) fn update(&self) -> Result<(), GitError> {
        let Some(upstream) = &self.upstream else {
            return Ok(());
        };
        upstream
            .transport
            .fetch(&self.repo, &upstream.url, &self.auth)?;
        self.reconcile()
    }

    /// True when the clone has the link's branch, ours or the server's as last fetched.
    pub(super) fn knows_branch(&self) -> bool {
        let Some(upstream) = &self.upstream else {
            return true;
        };
        let branch = &upstream.branch;
        self.repo
            .refname_to_id(&format!("refs/heads/{branch}"))
            .or_else(|_| {
                self.repo
                    .refname_to_id(&format!("refs/remotes/origin/{branch}"))
            })
            .is_ok()
    }

    /// Refuses to touch hand edits, and brings the local branch up to what we last fetched:
    /// fast-forward, or replay our unpushed commits on top. The clone is shared by every
    /// environment whose deploy repository it is, each maybe on a branch of its own: under the
    /// clone's lock, each command checks out its own branch here, so it reads that branch's
    /// files and never leaves another environment's command a checkout it did not expect.
    pub(super) fn reconcile(&self) -> Result<(), GitError> {
        let Some(upstream) = self.upstream.clone() else {
            return Ok(());
        };
        self.refuse_hand_edits()?;
        let want = format!("refs/heads/{}", upstream.branch);
        let remote = self
            .repo
            .refname_to_id(&format!("refs/remotes/origin/{}", upstream.branch))
            .ok();
        // Decided before anything moves: a branch that cannot be had leaves the clone as it was.
        let local = match self.repo.refname_to_id(&want).ok() {
            None if remote.is_none() => self.start_branch(&upstream)?,
            // Ours, and the server had it once but has it no more: deleted there (an environment
            // retired). Reading or pushing what the clone remembers would bring it back, so it is
            // put aside and the branch is as one never pushed (a new one may start).
            Some(tip) if remote.is_none() && self.tracks(&upstream.branch) => {
                self.retire(&upstream.branch, tip)?;
                self.start_branch(&upstream)?
            }
            local => local,
        };
        let target = match (local, remote) {
            (None, Some(r)) => Some(r),
            (Some(l), Some(r)) if l != r => {
                let (ahead, behind) = self
                    .repo
                    .graph_ahead_behind(l, r)
                    .map_err(git("cannot compare with the server"))?;
                match (ahead, behind) {
                    (_, 0) => None,
                    (0, _) => Some(r),
                    _ => Some(self.replay(l, r)?),
                }
            }
            _ => None,
        };
        if let Some(target) = target {
            self.repo
                .reference(
                    &want,
                    target,
                    true,
                    "ungleich-django: update from the server",
                )
                .map_err(git(format!("cannot move {want}")))?;
        }
        if remote.is_some() {
            self.track(&upstream.branch)?;
        }
        if self.head_ref_name().ok().as_deref() != Some(want.as_str()) {
            return self.switch_to(&want);
        }
        if target.is_some() && self.head_commit()?.is_some() {
            self.begin("sync", &[])?;
            force_checkout(&self.repo)?;
            self.finish()?;
        }
        Ok(())
    }

    /// True when our `branch` tracks the server's (git's `branch.<name>.merge`): the server has
    /// been seen to have it. A branch we started and have not pushed yet does not.
    fn tracks(&self, branch: &str) -> bool {
        self.repo
            .config()
            .and_then(|c| c.get_string(&format!("branch.{branch}.merge")))
            .is_ok()
    }

    /// Puts our `branch` (at `tip`) aside as `refs/ungleich-django/retired/<branch>`, so that its
    /// commits stay findable but no command reads or pushes them, and forgets that it tracked
    /// the server's. A HEAD on it is detached at `tip` first (the work tree is that commit's, as
    /// before; the next switch takes its files out). In this order, so that an interruption
    /// loses nothing and the next open retires it again or finds it retired.
    fn retire(&self, branch: &str, tip: Oid) -> Result<(), GitError> {
        let name = format!("refs/heads/{branch}");
        self.repo
            .reference(
                &format!("refs/ungleich-django/retired/{branch}"),
                tip,
                true,
                "ungleich-django: deleted on the server",
            )
            .map_err(git(format!("cannot put {branch} aside")))?;
        if self.head_ref_name().ok().as_deref() == Some(name.as_str()) {
            self.repo
                .set_head_detached(tip)
                .map_err(git(format!("cannot leave {branch}")))?;
        }
        self.repo
            .find_reference(&format!("refs/heads/{branch}"))
            .and_then(|mut r| r.delete())
            .map_err(git(format!("cannot put {branch} aside")))?;
        let mut config = self
            .repo
            .config()
            .map_err(git("cannot read the git configuration"))?;
        for key in ["merge", "remote"] {
            // Absent already is fine: that is what it is for.
            let _ = config.remove(&format!("branch.{branch}.{key}"));
        }
        Ok(())
    }

    /// Makes our `branch` track the server's, as `git clone` or `git push -u` would; written once.
    fn track(&self, branch: &str) -> Result<(), GitError> {
        if self.tracks(branch) {
            return Ok(());
        }
        let mut local = self
            .repo
            .find_branch(branch, git2::BranchType::Local)
            .map_err(git(format!("cannot read the branch {branch}")))?;
        local
            .set_upstream(Some(&format!("origin/{branch}")))
            .map_err(git(format!("cannot make {branch} track the server's")))
    }

    /// The tip a branch that neither we nor the server have starts at: always `None` (it
    /// starts empty), or the error that stops the command.
    ///
    /// A server with no branch at all is a new repository: its first commit (plain `init`)
    /// starts the branch. Otherwise a command for this branch stops with
    /// [`GitError::BranchNotOnServer`], unless it starts the branch (`init -e NAME
    /// --deploy-branch B`). Then the branch starts as an orphan holding only the new
    /// environment's files, not from the default branch's tip: a branch per environment usually
    /// keeps the same layout (`path: .`), where the default's app.yaml would be taken for the new
    /// environment's own (init keeps an app.yaml it finds) and ArgoCD would apply the default's
    /// sealed-secrets.yaml, sealed for another namespace, in the new one. Nothing the new
    /// environment needs lives outside its folder (the sealing certificate is cached per folder).
    fn start_branch(&self, upstream: &super::Upstream) -> Result<Option<Oid>, GitError> {
        let mut server_branches = self
            .repo
            .references_glob("refs/remotes/origin/*")
            .map_err(git("cannot list the branches of the server"))?;
        if server_branches.next().is_none() || upstream.may_start {
            return Ok(None);
        }
        Err(GitError::BranchNotOnServer {
            branch: upstream.branch.clone(),
            url: upstream.url.clone(),
        })
    }

    /// Checks out branch `want` (a full ref name) in place of the current one: its files first,
    /// removing those only the current branch has, then HEAD. An interruption in between leaves
    /// the marker, and the next open checks out HEAD's files again.
    fn switch_to(&self, want: &str) -> Result<(), GitError> {
        self.begin("sync", &[])?;
        if let Ok(tip) = self.repo.revparse_single(want) {
            // The current HEAD is the baseline: files it tracks that `want` lacks are removed.
            self.repo
                .checkout_tree(&tip, Some(CheckoutBuilder::new().force()))
                .map_err(git(format!("cannot check out {want}")))?;
        } else if let Some(head) = self.head_commit()? {
            // An unborn branch (a new, empty repository): nothing of the other branch stays.
            let tree = self
                .repo
                .find_commit(head)
                .and_then(|c| c.tree())
                .map_err(git("cannot read HEAD's tree"))?;
            self.remove_tree_files(&tree, "")?;
        }
        self.repo
            .set_head(want)
            .map_err(git(format!("cannot switch to {want}")))?;
        self.finish()
    }

    /// Replays our unpushed commits `local` onto the server's `remote`; returns the new tip.
    fn replay(&self, local: Oid, remote: Oid) -> Result<Oid, GitError> {
        let repo = &self.repo;
        let walk_err = git("cannot list the unpushed commits");
        let mut walk = repo.revwalk().map_err(git("cannot walk the history"))?;
        walk.push(local).map_err(git("cannot walk the history"))?;
        walk.hide(remote).map_err(walk_err)?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
            .map_err(git("cannot walk the history"))?;
        let mut onto = repo
            .find_commit(remote)
            .map_err(git("cannot read the server's tip"))?;
        for id in walk {
            let id = id.map_err(git("cannot walk the history"))?;
            let commit = repo.find_commit(id).map_err(git("cannot read a commit"))?;
            let mut index = repo
                .cherrypick_commit(&commit, &onto, 0, None)
                .map_err(git("cannot replay an unpushed commit"))?;
            if index.has_conflicts() {
                return Err(GitError::PendingConflict {
                    root: self.root.clone(),
                    revision: id.to_string(),
                });
            }
            let tree = index
                .write_tree_to(repo)
                .and_then(|t| repo.find_tree(t))
                .map_err(git("cannot write a replayed tree"))?;
            let new = repo
                .commit(
                    None,
                    &commit.author(),
                    &commit.committer(),
                    commit.message().unwrap_or(""),
                    &tree,
                    &[&onto],
                )
                .map_err(git("cannot replay an unpushed commit"))?;
            onto = repo.find_commit(new).map_err(git("cannot read a commit"))?;
        }
        Ok(onto.id())
    }

    fn refuse_hand_edits(&self) -> Result<(), GitError> {
        let mut options = git2::StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false);
        let statuses = self
            .repo
            .statuses(Some(&mut options))
            .map_err(git("cannot read the status of the cached clone"))?;
        let paths: Vec<String> = statuses
            .iter()
            .filter_map(|s| s.path().ok().map(str::to_owned))
            .collect();
        if paths.is_empty() {
            Ok(())
        } else {
            Err(GitError::HandEdits {
                root: self.root.clone(),
                paths,
            })
        }
    }

    /// True when the local branch has commits the server does not.
    pub(super) fn has_unpushed(&self, branch: &str) -> Result<bool, GitError> {
        let Some(local) = self.head_commit()? else {
            return Ok(false);
        };
        let Ok(remote) = self
            .repo
            .refname_to_id(&format!("refs/remotes/origin/{branch}"))
        else {
            return Ok(true);
        };
        if local == remote {
            return Ok(false);
        }
        let (ahead, _) = self
            .repo
            .graph_ahead_behind(local, remote)
            .map_err(git("cannot compare with the server"))?;
        Ok(ahead > 0)
    }

    /// Records that the server's branch is at `tip` now, as git does after a push.
    pub(super) fn mark_pushed(&self, branch: &str, tip: Oid) -> Result<(), GitError> {
        self.repo
            .reference(
                &format!("refs/remotes/origin/{branch}"),
                tip,
                true,
                "ungleich-django: pushed",
            )
            .map(drop)
            .map_err(git("cannot record the push"))
    }

    /// Takes back our own commit `made` in the cached clone (the server refused it, or moved on).
    pub(super) fn undo(&self, made: Oid) -> Result<(), GitError> {
        let head_ref = self.head_ref_name()?;
        let commit = self
            .repo
            .find_commit(made)
            .map_err(git("cannot read our commit"))?;
        self.begin("sync", &[])?;
        match commit.parent_id(0) {
            Ok(parent) => {
                self.repo
                    .reference_matching(&head_ref, parent, true, made, "ungleich-django: undo")
                    .map_err(git("cannot take back our commit"))?;
                force_checkout(&self.repo)?;
            }
            Err(_) => {
                // Our commit was the first: the branch goes back to unborn, and its files go.
                let tree = commit.tree().map_err(git("cannot read our commit"))?;
                self.repo
                    .find_reference(&head_ref)
                    .and_then(|mut r| r.delete())
                    .map_err(git("cannot take back our commit"))?;
                self.remove_tree_files(&tree, "")?;
            }
        }
        self.finish()
    }

    fn remove_tree_files(&self, tree: &git2::Tree<'_>, prefix: &str) -> Result<(), GitError> {
        let mut index = self.repo.index().map_err(git("cannot read the index"))?;
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob) {
                let path = format!("{prefix}{dir}{}", entry.name().unwrap_or(""));
                let _ = std::fs::remove_file(self.root.join(&path));
                let _ = index.remove_path(Path::new(&path));
            }
            git2::TreeWalkResult::Ok
        })
        .map_err(git("cannot walk our commit"))?;
        index.write().map_err(git("cannot write the index"))
    }

    /// Notes that an operation on `paths` (relative to the root) starts.
    pub(super) fn begin(&self, kind: &str, paths: &[String]) -> Result<(), GitError> {
        let mut text = format!("{kind}\n");
        for path in paths {
            text.push_str(path);
            text.push('\n');
        }
        let marker = self.repo.path().join(MARKER);
        crate::fsutil::write_atomic(&marker, text.as_bytes(), false).map_err(|source| {
            GitError::Write {
                path: marker,
                source,
            }
        })
    }

    /// Notes that the operation finished.
    pub(super) fn finish(&self) -> Result<(), GitError> {
        let marker = self.repo.path().join(MARKER);
        match std::fs::remove_file(&marker) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(GitError::Write {
                path: marker,
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// Makes the index match HEAD for exactly `paths`, leaving every other entry (the user's staged
    /// work) alone.
    pub(super) fn refresh_index(&self, paths: &[String]) -> Result<(), GitError> {
        let mut index = self
            .repo
            .index()
            .map_err(git("cannot read the git index"))?;
        let tree = match self.head_commit()? {
            Some(id) => Some(
                self.repo
                    .find_commit(id)
                    .and_then(|c| c.tree())
                    .map_err(git("cannot read HEAD's tree"))?,
            ),
            None => None,
        };
        for path in paths {
            let entry = tree.as_ref().and_then(|t| t.get_path(Path::new(path)).ok());
            let result = match entry {
                Some(entry) => {
                    let full = self.root.join(path);
                    let on_disk = git2::Oid::hash_file(git2::ObjectType::Blob, &full).ok();
                    if on_disk == Some(entry.id()) {
                        index.add_path(Path::new(path))
                    } else {
                        index.add(&index_entry(path, entry.id(), entry.filemode()))
                    }
                }
                None => match index.remove_path(Path::new(path)) {
                    Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(()),
                    other => other,
                },
            };
            result.map_err(git(format!("cannot stage {path}")))?;
        }
        index.write().map_err(git("cannot write the git index"))
    }

    /// Repairs what an interrupted command left: stale locks in our own clone, and the paths of an
    /// unfinished commit or update.
    pub(super) fn recover(&mut self) -> Result<(), GitError> {
        if self.cached {
            // We hold the clone's lock, so no other command of ours is writing here: a lock
            // file is what a killed command left, and would make the next write fail.
            remove_stale_locks(self.repo.path());
            // And a temporary file of a write it was killed in: not a change made by hand.
            sweep_work_tree(&self.root);
            self.drop_stranded_checkout()?;
        }
        let marker = self.repo.path().join(MARKER);
        let Ok(text) = std::fs::read_to_string(&marker) else {
            return Ok(());
        };
        let mut lines = text.lines();
        match lines.next() {
            Some("sync") if self.cached && self.head_commit()?.is_some() => {
                // Untracked files here are what the interrupted switch of branch checked out
                // (hand edits stopped it before it began): they are not HEAD's.
                self.repo
                    .checkout_head(Some(CheckoutBuilder::new().force().remove_untracked(true)))
                    .map_err(git("cannot update the files of the cached clone"))?;
            }
            Some("commit") => {
                let paths: Vec<String> = lines.map(str::to_owned).collect();
                self.recover_commit(&paths)?;
            }
            _ => {}
        }
        self.finish()
    }

    /// Clears what earlier versions left in a cached clone opened at a branch its server lacked:
    /// HEAD on that unborn branch, with the index and files of the branch checked out before,
    /// which every later command took for hand edits (issue 17). Our clone reaches an unborn
    /// HEAD with a non-empty index no other way (taking back a first commit clears both), so
    /// when every file is still as checked out, they go; a file changed since is a hand edit,
    /// and the clone is left for `refuse_hand_edits` to report.
    fn drop_stranded_checkout(&self) -> Result<(), GitError> {
        if self.head_commit()?.is_some() {
            return Ok(());
        }
        let mut index = self.repo.index().map_err(git("cannot read the index"))?;
        let paths: Vec<(String, Oid)> = index
            .iter()
            .map(|e| (String::from_utf8_lossy(&e.path).into_owned(), e.id))
            .collect();
        let unchanged = |(path, id): &(String, Oid)| {
            git2::Oid::hash_file(git2::ObjectType::Blob, self.root.join(path)).ok() == Some(*id)
        };
        if paths.is_empty() || !paths.iter().all(unchanged) {
            return Ok(());
        }
        for (path, _) in &paths {
            let _ = std::fs::remove_file(self.root.join(path));
        }
        index.clear().map_err(git("cannot clear the index"))?;
        index.write().map_err(git("cannot write the index"))
    }

    /// After an interrupted commit: where the file matches HEAD the commit happened and only the
    /// index lags; otherwise the commit did not happen, and our clone's file goes back to HEAD's.
    fn recover_commit(&self, paths: &[String]) -> Result<(), GitError> {
        let tree = match self.head_commit()? {
            Some(id) => self.repo.find_commit(id).and_then(|c| c.tree()).ok(),
            None => None,
        };
        let mut done = Vec::new();
        let mut undone = Vec::new();
        for path in paths {
            let in_head = tree
                .as_ref()
                .and_then(|t| t.get_path(Path::new(path)).ok())
                .map(|e| e.id());
            let on_disk = git2::Oid::hash_file(git2::ObjectType::Blob, self.root.join(path)).ok();
            if in_head == on_disk {
                done.push(path.clone());
            } else {
                undone.push(path.clone());
            }
        }
        self.refresh_index(&done)?;
        if self.cached && !undone.is_empty() {
            let mut checkout = CheckoutBuilder::new();
            checkout.force().remove_untracked(true);
            for path in &undone {
                checkout.path(path);
            }
            self.repo
                .checkout_head(Some(&mut checkout))
                .map_err(git("cannot restore the files of an interrupted change"))?;
        }
        Ok(())
    }
}

/// Removes the lock files git and libgit2 leave when killed while writing (`index.lock`,
/// `HEAD.lock`, `config.lock`, `packed-refs.lock`, `FETCH_HEAD.lock`, `refs/**/*.lock`), and
/// our own temporary files in `.git`. Only for our cached clone, which no one else writes.
fn remove_stale_locks(git_dir: &Path) {
    fn walk(dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path);
            } else if path.extension().is_some_and(|e| e == "lock") {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(git_dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() && path.extension().is_some_and(|e| e == "lock") {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    walk(&git_dir.join("refs"));
    crate::fsutil::sweep_stale_temps(git_dir);
}

/// [`crate::fsutil::sweep_stale_temps`] in every folder of a work tree but `.git`.
fn sweep_work_tree(dir: &Path) {
    crate::fsutil::sweep_stale_temps(dir);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && entry.file_name() != ".git" && !path.is_symlink() {
            sweep_work_tree(&path);
        }
    }
}

fn force_checkout(repo: &Repository) -> Result<(), GitError> {
    repo.checkout_head(Some(CheckoutBuilder::new().force()))
        .map_err(git("cannot update the files of the cached clone"))
}

fn index_entry(path: &str, id: Oid, mode: i32) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: u32::try_from(mode).unwrap_or(0o100_644),
        uid: 0,
        gid: 0,
        file_size: 0,
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
