use std::path::{Path, PathBuf};

use crate::app::Context;
use crate::exit::{ExitCode, Failure};
use crate::gitops::{DeployRepo, FileChange};
use crate::link::LinkFile;
use crate::seal::{Scope, SealedSecret, sealed_secret};

/// The app's place in the deploy repository's work tree, and what the secret commands read
/// there. Kept apart from the [`DeployRepo`] so that an edit can read files while the
/// repository records the commit.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The link file.
    pub link: LinkFile,
    /// The work tree's root.
    pub root: PathBuf,
    /// The app's folder, relative to the repository's root.
    pub app_dir: PathBuf,
    /// The namespace the secrets are sealed for (`-n`, else the link file's).
    pub namespace: String,
}

impl Workspace {
    /// Finds the link file and opens its deploy repository.
    ///
    /// # Errors
    /// When there is no link file, or the deploy repository cannot be opened.
    pub fn open(ctx: &Context) -> anyhow::Result<(Self, DeployRepo)> {
        let link = ctx.link()?;
        let repo = DeployRepo::open_with(&link, ctx.git_auth())?;
        let full = repo.app_dir(&link.link);
        let app_dir = full
            .strip_prefix(repo.root())
            .map(Path::to_owned)
            .unwrap_or_default();
        let app_dir = normalize(&app_dir);
        let namespace = ctx
            .cluster_target(Some(&link.link))
            .namespace
            .unwrap_or_else(|| link.link.namespace.clone());
        let workspace = Workspace {
            link,
            root: repo.root().to_owned(),
            app_dir,
            namespace,
        };
        Ok((workspace, repo))
    }

    /// The SealedSecret's name, `<app>-env`.
    #[must_use]
    pub fn secret_name(&self) -> String {
        crate::cluster::names::env_secret(&self.link.link.app)
    }

    /// A path in the app's folder, relative to the repository's root.
    #[must_use]
    pub fn relative(&self, name: &str) -> PathBuf {
        normalize(&self.app_dir.join(name))
    }

    /// The same path on disk.
    #[must_use]
    pub fn absolute(&self, relative: &Path) -> PathBuf {
        self.root.join(relative)
    }

    /// `sealed-secrets.yaml`, relative to the root.
    #[must_use]
    pub fn sealed_path(&self) -> PathBuf {
        self.relative(sealed_secret::FILE_NAME)
    }

    /// The existing SealedSecret, or `None` when there is no file yet.
    ///
    /// # Errors
    /// When the file cannot be read, is malformed, or belongs to another name or namespace.
    pub fn read_sealed(&self) -> anyhow::Result<Option<SealedSecret>> {
        let path = self.absolute(&self.sealed_path());
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Failure::new(
                    ExitCode::InvalidInput,
                    format!("cannot read {}: {e}", path.display()),
                )
                .into());
            }
        };
        let text = String::from_utf8(text).map_err(|_| {
            Failure::new(
                ExitCode::InvalidInput,
                format!("{}: not UTF-8 text", path.display()),
            )
        })?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        let secret = SealedSecret::parse(&path, &text).map_err(|e| {
            Failure::new(ExitCode::InvalidInput, e.to_string()).hint(format!(
                "fix the file (it must hold one SealedSecret named {}), or restore it with `git checkout -- {}`; nothing was changed",
                self.secret_name(),
                self.sealed_path().display()
            ))
        })?;
        let expected = self.secret_name();
        if secret.name() != expected || secret.namespace().is_some_and(|ns| ns != self.namespace) {
            return Err(Failure::new(
                ExitCode::InvalidInput,
                format!(
                    "{} holds the SealedSecret {}/{}, but this app's is {}/{expected}",
                    path.display(),
                    secret.namespace().unwrap_or("(no namespace)"),
                    secret.name(),
                    self.namespace
                ),
            )
            .hint("values are sealed for one name and namespace: check -n and the link file, or move the file away; nothing was changed")
            .into());
        }
        Ok(Some(secret))
    }

    /// The existing SealedSecret, or a new one with `scope` (default strict). A scope that
    /// differs from an existing file's is refused while the file holds values.
    ///
    /// # Errors
    /// As [`Workspace::read_sealed`], and for a scope change of a file with values.
    pub fn sealed_for_writing(&self, scope: Option<Scope>) -> anyhow::Result<SealedSecret> {
        match (self.read_sealed()?, scope) {
            (Some(existing), Some(scope)) if existing.scope() != scope => {
                if existing.keys().is_empty() {
                    return Ok(SealedSecret::new(
                        &self.secret_name(),
                        &self.namespace,
                        scope,
                    ));
                }
                Err(Failure::new(
                    ExitCode::Usage,
                    format!(
                        "{} is {} and holds values; --scope {scope} would leave them unreadable by the controller",
                        self.sealed_path().display(),
                        existing.scope()
                    ),
                )
                .hint(format!(
                    "drop --scope to keep {}, or unset every key first and set them again with the new scope",
                    existing.scope()
                ))
                .into())
            }
            (Some(existing), _) => Ok(existing),
            (None, scope) => Ok(SealedSecret::new(
                &self.secret_name(),
                &self.namespace,
                scope.unwrap_or_default(),
            )),
        }
    }

    /// The changes that store `secret`: the file itself and app.yaml's `secretsRevision`.
    ///
    /// # Errors
    /// When app.yaml is missing or its `secretsRevision` cannot be edited in place.
    pub fn store(&self, secret: &SealedSecret) -> anyhow::Result<Vec<FileChange>> {
        let contents = secret.render().into_bytes();
        let revision = super::secrets_revision(&contents);
        let spec_path = self.relative(crate::spec::FILE_NAME);
        let full = self.absolute(&spec_path);
        let spec = std::fs::read_to_string(&full).map_err(|e| {
            Failure::new(
                ExitCode::InvalidInput,
                format!("cannot read {}: {e}", full.display()),
            )
            .hint("the secrets' revision is recorded in app.yaml so that the pods restart with the new values; run `ungleich-django init` to write it")
        })?;
        let spec = crate::spec::edit::set_top_level_scalar(&spec, "secretsRevision", &revision)
            .map_err(|reason| {
                Failure::new(
                    ExitCode::InvalidInput,
                    format!("{}: {reason}", full.display()),
                )
            })?;
        Ok(vec![
            FileChange::Write {
                path: self.sealed_path(),
                contents,
            },
            FileChange::Write {
                path: spec_path,
                contents: spec.into_bytes(),
            },
        ])
    }
}

impl Workspace {
    /// Refuses to go on while a file the secret commands edit (app.yaml, sealed-secrets.yaml)
    /// differs from HEAD: the commit takes the whole file, so a half-done edit of app.yaml would
    /// be committed, pushed and deployed along with the secret. (The cached certificate is
    /// written whole, so whatever it held before does not matter.)
    ///
    /// # Errors
    /// Naming each such file.
    pub fn refuse_uncommitted(&self, repo: &DeployRepo) -> anyhow::Result<()> {
        self.refuse_uncommitted_in(
            repo,
            &[self.relative(crate::spec::FILE_NAME), self.sealed_path()],
        )
    }

    /// As [`Workspace::refuse_uncommitted`], for the files among `paths` that are edited (all
    /// but the cached certificate).
    ///
    /// # Errors
    /// Naming each such file.
    pub fn refuse_uncommitted_in(
        &self,
        repo: &DeployRepo,
        paths: &[PathBuf],
    ) -> anyhow::Result<()> {
        if repo.resolve_revision("HEAD").is_err() {
            return Ok(());
        }
        let cache = self.relative(super::certificate::CACHE_FILE);
        let mut changed = Vec::new();
        for path in paths.iter().filter(|p| **p != cache) {
            let committed = repo.file_at("HEAD", path)?;
            let on_disk = match std::fs::read(self.absolute(path)) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    return Err(Failure::new(
                        ExitCode::InvalidInput,
                        format!("cannot read {}: {e}", self.absolute(path).display()),
                    )
                    .into());
                }
            };
            if committed != on_disk {
                changed.push(path.display().to_string());
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        let root = self.root.display().to_string();
        let root = root.trim_end_matches('/');
        let (list, verb) = match changed.as_slice() {
            [one] => (one.clone(), "has"),
            [rest @ .., last] => (format!("{} and {last}", rest.join(", ")), "have"),
            [] => unreachable!("checked above"),
        };
        Err(Failure::new(
            ExitCode::InvalidInput,
            format!(
                "{list} {verb} changes that are not committed in the deploy repository {root}; the commit would take them along; nothing was changed"
            ),
        )
        .hint(format!(
            "commit them first (`git -C {root} commit {list}`), or set them aside with `git -C {root} stash`"
        ))
        .into())
    }
}

/// `./a/./b` as `a/b`, so that git sees the same path the index holds.
fn normalize(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}
