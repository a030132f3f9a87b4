//! The app's folder in the deploy repository's work tree, and the files the secret commands
//! read and write there: sealed-secrets.yaml and app.yaml's `secretsRevision`.

use std::path::{Path, PathBuf};

use crate::gitops::{DeployRepo, FileChange};
use crate::link::LinkFile;
use crate::seal::{Scope, SealedSecret, sealed_secret};

use super::SecretsError;
use super::certificate::CACHE_FILE;

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

/// The workspace and the deploy repository that records its commits.
#[derive(Debug)]
pub struct Opened {
    pub workspace: Workspace,
    pub repo: DeployRepo,
}

impl Workspace {
    /// Opens the deploy repository the link file names; the secrets are sealed for `namespace`.
    ///
    /// # Errors
    /// When the deploy repository cannot be opened.
    pub fn open(
        link: LinkFile,
        auth: crate::gitops::Auth,
        namespace: String,
    ) -> Result<Opened, SecretsError> {
        let repo = DeployRepo::open_with(&link, auth)?;
        let full = repo.app_dir(&link.link);
        let app_dir = full
            .strip_prefix(repo.root())
            .map(crate::fsutil::lexical)
            .unwrap_or_default();
        let workspace = Workspace {
            link,
            root: repo.root().to_owned(),
            app_dir,
            namespace,
        };
        Ok(Opened { workspace, repo })
    }

    /// The SealedSecret's name, `<app>-env`.
    #[must_use]
    pub fn secret_name(&self) -> String {
        crate::cluster::names::env_secret(&self.link.link.app)
    }

    /// A path in the app's folder, relative to the repository's root, as git's index holds it.
    #[must_use]
    pub fn relative(&self, name: &str) -> PathBuf {
        crate::fsutil::lexical(&self.app_dir.join(name))
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
    pub fn read_sealed(&self) -> Result<Option<SealedSecret>, SecretsError> {
        let path = self.absolute(&self.sealed_path());
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(reason) => return Err(SecretsError::Unreadable { path, reason }),
        };
        let Ok(text) = String::from_utf8(text) else {
            return Err(SecretsError::NotUtf8 { path });
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        let secret =
            SealedSecret::parse(&path, &text).map_err(|problem| SecretsError::Malformed {
                problem,
                name: self.secret_name(),
                file: self.sealed_path(),
            })?;
        let expected = self.secret_name();
        if secret.name() != expected || secret.namespace().is_some_and(|ns| ns != self.namespace) {
            return Err(SecretsError::ForeignSecret {
                found: format!(
                    "{}/{}",
                    secret.namespace().unwrap_or("(no namespace)"),
                    secret.name()
                ),
                expected: format!("{}/{expected}", self.namespace),
                path,
            });
        }
        Ok(Some(secret))
    }

    /// The existing SealedSecret, or a new one with `scope` (default strict). A scope that
    /// differs from an existing file's is refused while the file holds values.
    ///
    /// # Errors
    /// As [`Workspace::read_sealed`], and for a scope change of a file with values.
    pub fn sealed_for_writing(&self, scope: Option<Scope>) -> Result<SealedSecret, SecretsError> {
        match (self.read_sealed()?, scope) {
            (Some(existing), Some(scope)) if existing.scope() != scope => {
                if existing.keys().is_empty() {
                    return Ok(SealedSecret::new(
                        &self.secret_name(),
                        &self.namespace,
                        scope,
                    ));
                }
                Err(SecretsError::ScopeChange {
                    file: self.sealed_path(),
                    current: existing.scope(),
                    wanted: scope,
                })
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
    pub fn store(&self, secret: &SealedSecret) -> Result<Vec<FileChange>, SecretsError> {
        let contents = secret.render().into_bytes();
        let revision = super::secrets_revision(&contents);
        let spec_path = self.relative(crate::spec::FILE_NAME);
        let full = self.absolute(&spec_path);
        let spec = std::fs::read_to_string(&full).map_err(|reason| SecretsError::NoSpec {
            path: full.clone(),
            reason,
        })?;
        let spec = crate::spec::edit::set_top_level_scalar(&spec, "secretsRevision", &revision)
            .map_err(|reason| SecretsError::SpecEdit {
                path: full.clone(),
                reason,
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

    /// Refuses to go on while a file the secret commands edit (app.yaml, sealed-secrets.yaml)
    /// differs from HEAD: the commit takes the whole file, so a half-done edit of app.yaml would
    /// be committed, pushed and deployed along with the secret. (The cached certificate is
    /// written whole, so whatever it held before does not matter.)
    ///
    /// # Errors
    /// Naming each such file.
    pub fn refuse_uncommitted(&self, repo: &DeployRepo) -> Result<(), SecretsError> {
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
    ) -> Result<(), SecretsError> {
        if repo.resolve_revision("HEAD").is_err() {
            return Ok(());
        }
        let cache = self.relative(CACHE_FILE);
        let mut files = Vec::new();
        for path in paths.iter().filter(|p| **p != cache) {
            let committed = repo.file_at("HEAD", path)?;
            let on_disk = match std::fs::read(self.absolute(path)) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(reason) => {
                    return Err(SecretsError::Unreadable {
                        path: self.absolute(path),
                        reason,
                    });
                }
            };
            if committed != on_disk {
                files.push(path.display().to_string());
            }
        }
        if files.is_empty() {
            return Ok(());
        }
        let root = self.root.display().to_string();
        Err(SecretsError::Uncommitted {
            files,
            root: root.trim_end_matches('/').to_owned(),
        })
    }
}
