//! The libgit2 transport: fetch and push over libgit2's ssh (credentials, host keys, the
//! server's messages), one connection per action; every failure turned into a [`GitError`]
//! that says what to do.

use std::cell::RefCell;
use std::rc::Rc;

use git2::{Direction, FetchOptions, Oid, ProxyOptions, PushOptions, RemoteCallbacks, Repository};

use super::GitError;
use super::credentials::{Attempts, Auth, NO_MORE_CREDENTIALS};
use super::host_keys::{self, SeenHostKey};
use super::transport::{FETCH_REFSPEC, Pushed, is_race};

/// What one network operation saw, for the error message.
#[derive(Default)]
struct Session {
    attempts: RefCell<Attempts>,
    host_key: Rc<RefCell<Option<SeenHostKey>>>,
    rejected: RefCell<Option<String>>,
    remote_lines: RefCell<Vec<String>>,
}

impl Session {
    fn callbacks<'a>(self: &'a Rc<Self>, auth: &'a Auth, url: &str) -> RemoteCallbacks<'a> {
        let mut callbacks = RemoteCallbacks::new();
        let me = Rc::clone(self);
        callbacks.credentials(move |_url, user, allowed| {
            me.attempts.borrow_mut().next(auth, user, allowed)
        });
        let (_, port) = host_keys::ssh_host_port(url);
        callbacks.certificate_check(host_keys::check(Rc::clone(&self.host_key), port));
        let me = Rc::clone(self);
        callbacks.sideband_progress(move |bytes| {
            let text = String::from_utf8_lossy(bytes);
            for line in text.split(['\n', '\r']) {
                let clean: String = line.chars().filter(|c| !c.is_control()).collect();
                let clean = clean.trim();
                if !clean.is_empty() {
                    me.remote_lines.borrow_mut().push(clean.to_owned());
                }
            }
            true
        });
        let me = Rc::clone(self);
        // libgit2 reports a ref the server refused only here; push() itself returns Ok.
        callbacks.push_update_reference(move |_refname, status| {
            if let Some(reason) = status {
                *me.rejected.borrow_mut() = Some(reason.to_owned());
            }
            Ok(())
        });
        callbacks
    }

    /// Turns a failed operation's error into what the user needs to know.
    fn explain(&self, err: git2::Error, url: &str, action: &str) -> GitError {
        if let Some(e) = host_keys::untrusted(&err, url, self.host_key.borrow().as_ref()) {
            return e;
        }
        let tried = self.attempts.borrow().tried.clone();
        if matches!(err.class(), git2::ErrorClass::Net | git2::ErrorClass::Os) && tried.is_empty() {
            return GitError::Network {
                url: url.to_owned(),
                builtin_ssh: true,
                source: Box::new(err),
            };
        }
        // Our credentials callback ends with NO_MORE_CREDENTIALS; libgit2 reports a refused
        // key or password with code Auth, or in words on older paths.
        let message = err.message().to_lowercase();
        let auth_like = err.code() == git2::ErrorCode::Auth
            || err.message() == NO_MORE_CREDENTIALS
            || message.contains("authenticat");
        if auth_like {
            return GitError::AuthFailed {
                url: url.to_owned(),
                tried,
                source: Box::new(err),
            };
        }
        if matches!(
            err.class(),
            git2::ErrorClass::Net | git2::ErrorClass::Os | git2::ErrorClass::Ssh
        ) {
            return GitError::Network {
                url: url.to_owned(),
                builtin_ssh: true,
                source: Box::new(err),
            };
        }
        GitError::Git {
            action: format!("{action} {url}"),
            source: err,
        }
    }
}

/// Fetches every branch of `origin` into `refs/remotes/origin/*`, and drops those the server no
/// longer has: a branch deleted there (an environment retired) must read as gone, not as the
/// tip the clone remembers (see `DeployRepo::reconcile`).
///
/// # Errors
/// When the server cannot be reached or refuses us.
pub(super) fn fetch(repo: &Repository, url: &str, auth: &Auth) -> Result<(), GitError> {
    let session = Rc::new(Session::default());
    let mut remote = repo
        .find_remote("origin")
        .or_else(|_| repo.remote_anonymous(url))
        .map_err(super::error::git("cannot read the remote origin"))?;
    let mut options = FetchOptions::new();
    options.remote_callbacks(session.callbacks(auth, url));
    options.proxy_options(auto_proxy());
    options.prune(git2::FetchPrune::On);
    remote
        .fetch(&[FETCH_REFSPEC], Some(&mut options), None)
        .map_err(|e| session.explain(e, url, "cannot fetch from"))
}

/// One connection for a whole action: connect for pushing, which tells us the server's tip;
/// `prepare` gets whether that tip differs from our `refs/remotes/origin/<branch>` (then it must
/// fetch) and makes the commit, returning the ref to push, or `None` for nothing to push; the
/// push then goes over the same connection. An ssh handshake costs more than the rest of the
/// action, so this is what keeps a deploy as fast as `git push`.
///
/// # Errors
/// `prepare`'s errors; when the server refuses the push; when the network fails.
pub(super) fn connect_then_push<X: From<GitError>>(
    repo: &Repository,
    url: &str,
    branch: &str,
    auth: &Auth,
    prepare: impl FnOnce(bool) -> Result<Option<String>, X>,
) -> Result<Option<Pushed>, X> {
    let _local = LocalServer::claim(url);
    let session = Rc::new(Session::default());
    let mut remote = repo
        .find_remote("origin")
        .or_else(|_| repo.remote_anonymous(url))
        .map_err(super::error::git("cannot read the remote origin"))?;
    let tracking: Option<Oid> = repo
        .refname_to_id(&format!("refs/remotes/origin/{branch}"))
        .ok();
    let mut connection = remote
        .connect_auth(
            Direction::Push,
            Some(session.callbacks(auth, url)),
            Some(auto_proxy()),
        )
        .map_err(|e| session.explain(e, url, "cannot connect to"))?;
    let want = format!("refs/heads/{branch}");
    let advertised = connection
        .list()
        .map_err(|e| session.explain(e, url, "cannot list the branches of"))?
        .iter()
        .find(|head| head.name() == want)
        .map(git2::RemoteHead::oid);
    let Some(local_ref) = prepare(advertised != tracking)? else {
        return Ok(None);
    };
    let refspec = format!("{local_ref}:refs/heads/{branch}");
    let mut options = PushOptions::new();
    options.remote_callbacks(session.callbacks(auth, url));
    options.proxy_options(auto_proxy());
    match connection
        .remote()
        .push(&[refspec.as_str()], Some(&mut options))
    {
        Ok(()) => {}
        Err(e) if e.code() == git2::ErrorCode::NotFastForward => {
            return Ok(Some(Pushed::NotFastForward));
        }
        Err(e) => return Err(session.explain(e, url, "cannot push to").into()),
    }
    let rejected = session.rejected.borrow_mut().take();
    match rejected {
        None => Ok(Some(Pushed::Accepted)),
        Some(reason) if is_race(&reason) => Ok(Some(Pushed::NotFastForward)),
        Some(reason) => Err(GitError::PushRejected {
            branch: branch.to_owned(),
            reason,
            remote: session.remote_lines.take(),
        }
        .into()),
    }
}

fn auto_proxy() -> ProxyOptions<'static> {
    let mut proxy = ProxyOptions::new();
    proxy.auto();
    proxy
}

/// A repository on this machine that we push into: libgit2 updates its refs in our own process,
/// so a push killed half-way leaves its ref locks (`refs/heads/main.lock`) there, and every later
/// push would be refused, where a server's receive-pack would have cleaned up after a dropped
/// connection. Our pushes into one such repository take turns on an advisory lock of its folder
/// (released by the kernel when a process dies), and the first to hold it removes the ref locks
/// a killed push left: while it holds the lock, no push of ours is under way.
struct LocalServer {
    _folder: Option<std::fs::File>,
}

impl LocalServer {
    fn claim(url: &str) -> Self {
        if super::is_remote_url(url) {
            return LocalServer { _folder: None };
        }
        let path = std::path::Path::new(url.strip_prefix("file://").unwrap_or(url));
        let Ok(folder) = std::fs::File::open(path) else {
            return LocalServer { _folder: None };
        };
        // Only a repository's own folder: a path that is not one is left to libgit2's error.
        if folder.lock().is_err() || !path.join("refs").is_dir() {
            return LocalServer { _folder: None };
        }
        for stale in ref_locks(path) {
            let _ = std::fs::remove_file(stale);
        }
        LocalServer {
            _folder: Some(folder),
        }
    }
}

/// The ref lock files of the bare repository at `git_dir`.
fn ref_locks(git_dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "lock") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&git_dir.join("refs"), &mut found);
    found.extend(
        ["packed-refs.lock", "HEAD.lock"]
            .iter()
            .map(|name| git_dir.join(name))
            .filter(|path| path.is_file()),
    );
    found
}
