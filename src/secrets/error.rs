//! What can go wrong with an app's secrets in the deploy repository, and what to do about it.
//! Messages name keys and files, never a value.

use std::path::PathBuf;

use crate::exit::{Classify, ExitCode};

/// A failure of the secrets domain. Each variant knows its exit code and its hint.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// A file the secret commands read cannot be read (its `reason` is in the message, so the
    /// I/O error is not a separate cause).
    #[error("cannot read {}: {reason}", path.display())]
    Unreadable {
        path: PathBuf,
        reason: std::io::Error,
    },
    /// sealed-secrets.yaml is not UTF-8.
    #[error("{}: not UTF-8 text", path.display())]
    NotUtf8 { path: PathBuf },
    /// sealed-secrets.yaml is not one SealedSecret.
    #[error("{problem}")]
    Malformed {
        problem: crate::seal::ManifestError,
        name: String,
        file: PathBuf,
    },
    /// sealed-secrets.yaml holds another app's (or namespace's) SealedSecret.
    #[error(
        "{} holds the SealedSecret {found}, but this app's is {expected}",
        path.display()
    )]
    ForeignSecret {
        path: PathBuf,
        found: String,
        expected: String,
    },
    /// `--scope` would change the scope of a file that holds values.
    #[error(
        "{} is {current} and holds values; --scope {wanted} would leave them unreadable by the controller",
        file.display()
    )]
    ScopeChange {
        file: PathBuf,
        current: crate::seal::Scope,
        wanted: crate::seal::Scope,
    },
    /// app.yaml, where the secrets' revision is recorded, cannot be read.
    #[error("cannot read {}: {reason}", path.display())]
    NoSpec {
        path: PathBuf,
        reason: std::io::Error,
    },
    /// app.yaml's `secretsRevision` cannot be edited in place.
    #[error("{}: {reason}", path.display())]
    SpecEdit { path: PathBuf, reason: String },
    /// A file the commit takes holds edits of the user's own.
    #[error(
        "{} {} changes that are not committed in the deploy repository {root}; the commit would take them along; nothing was changed",
        crate::text::and_list(files),
        if files.len() == 1 { "has" } else { "have" }
    )]
    Uncommitted { files: Vec<String>, root: String },
    /// The deploy repository holds a plaintext `kind: Secret`.
    #[error(
        "refusing to commit: the deploy repository holds a plaintext Kubernetes Secret (kind: Secret) in {}; anyone who can read the repository can read its values",
        files.join(", ")
    )]
    Plaintext { files: Vec<String> },
    /// sealed-secrets.yaml changed its name, namespace or scope between sealing and committing.
    #[error(
        "{} changed its name, namespace or scope meanwhile; run the command again",
        file.display()
    )]
    ChangedMeanwhile { file: PathBuf },
    /// A key that is not an environment variable name.
    #[error("{reason}")]
    BadKey { reason: String },
    /// A key given twice.
    #[error("`{key}` is given twice")]
    RepeatedKey { key: String },
    /// Keys the platform sets itself.
    #[error("{reason}; nothing was changed")]
    PlatformKeys { reason: String },
    /// `secret unset` of keys that are not set.
    #[error(
        "{} {} not set; nothing was changed",
        crate::text::and_list(keys),
        if keys.len() == 1 { "is" } else { "are" }
    )]
    NotSet { keys: Vec<String> },
    /// The cached certificate cannot be read.
    #[error("cannot read the cached sealing certificate {}: {reason}", path.display())]
    CacheUnreadable {
        path: PathBuf,
        reason: std::io::Error,
    },
    /// The cached certificate is not a usable certificate.
    #[error("the cached sealing certificate {} is unusable: {reason}", path.display())]
    CacheUnusable {
        path: PathBuf,
        reason: crate::seal::CertError,
    },
    /// `--cert FILE` cannot be read.
    #[error("cannot read the certificate {}: {reason}", path.display())]
    CertUnreadable {
        path: PathBuf,
        reason: std::io::Error,
    },
    /// What `--cert` or the cluster gave is not a PEM certificate.
    #[error("{origin}: {reason}")]
    NotPem {
        origin: String,
        reason: crate::seal::CertError,
    },
    /// The certificate has expired.
    #[error("{reason} ({origin})")]
    Expired {
        reason: crate::seal::CertError,
        origin: String,
        advice: Option<&'static str>,
    },
    /// A fresh certificate differs from the cached one and was not accepted.
    #[error(
        "the sealing certificate from {origin} differs from the one cached in {}\n  cached: SHA256 {cached}\n  new:    SHA256 {fresh}",
        cache.display()
    )]
    CertChanged {
        origin: String,
        cache: PathBuf,
        cached: String,
        fresh: String,
    },
    /// The controller's `/v1/rotate` answered with something other than a SealedSecret.
    #[error("the controller's /v1/rotate answered {problem}")]
    RotateAnswer { problem: String },
    /// Something that needs the cluster failed; `advice` says how to do without it.
    #[error("{cause}")]
    NeedsCluster {
        #[source]
        cause: Box<SecretsError>,
        advice: String,
    },
    // The errors of the modules this one uses, boxed to keep every `Result` small.
    /// The cluster cannot be used.
    #[error(transparent)]
    Cluster(Box<crate::cluster::ClusterError>),
    /// The SealedSecrets controller cannot be asked.
    #[error(transparent)]
    Controller(Box<crate::cluster::sealing_cert::ControllerError>),
    /// `--cert URL` cannot be fetched.
    #[error(transparent)]
    Https(Box<crate::https::HttpsError>),
    /// git failed.
    #[error(transparent)]
    Git(Box<crate::gitops::GitError>),
}

impl From<crate::cluster::ClusterError> for SecretsError {
    fn from(e: crate::cluster::ClusterError) -> Self {
        SecretsError::Cluster(Box::new(e))
    }
}

impl From<crate::cluster::sealing_cert::ControllerError> for SecretsError {
    fn from(e: crate::cluster::sealing_cert::ControllerError) -> Self {
        SecretsError::Controller(Box::new(e))
    }
}

impl From<crate::https::HttpsError> for SecretsError {
    fn from(e: crate::https::HttpsError) -> Self {
        SecretsError::Https(Box::new(e))
    }
}

impl From<crate::gitops::GitError> for SecretsError {
    fn from(e: crate::gitops::GitError) -> Self {
        SecretsError::Git(Box::new(e))
    }
}

impl SecretsError {
    /// `self` with `advice` on doing without the cluster, when the cluster is what failed.
    #[must_use]
    pub fn without_cluster(self, advice: impl Into<String>) -> Self {
        if self.exit_code() == ExitCode::ClusterAccess {
            SecretsError::NeedsCluster {
                cause: Box::new(self),
                advice: advice.into(),
            }
        } else {
            self
        }
    }
}

impl Classify for SecretsError {
    fn exit_code(&self) -> ExitCode {
        match self {
            SecretsError::ChangedMeanwhile { .. } => ExitCode::Failure,
            SecretsError::RotateAnswer { .. } => ExitCode::ClusterAccess,
            SecretsError::NeedsCluster { cause, .. } => cause.exit_code(),
            SecretsError::Cluster(e) => e.exit_code(),
            SecretsError::Controller(e) => e.exit_code(),
            SecretsError::Https(e) => e.exit_code(),
            SecretsError::Git(e) => e.exit_code(),
            _ => ExitCode::InvalidInput,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            SecretsError::Malformed { name, file, .. } => format!(
                "fix the file (it must hold one SealedSecret named {name}), or restore it with `git checkout -- {}`; nothing was changed",
                file.display()
            ),
            SecretsError::ForeignSecret { .. } => "values are sealed for one name and namespace: check -n and the link file, or move the file away; nothing was changed".to_owned(),
            SecretsError::ScopeChange { current, .. } => format!(
                "drop --scope to keep {current}, or unset every key first and set them again with the new scope"
            ),
            SecretsError::NoSpec { .. } => "the secrets' revision is recorded in app.yaml so that the pods restart with the new values; run `ungleich-django init` to write it".to_owned(),
            SecretsError::Uncommitted { files, root } => format!(
                "commit them first (`git -C {root} commit {}`), or set them aside with `git -C {root} stash`",
                files.join(" ")
            ),
            SecretsError::Plaintext { .. } => "remove it from the repository (git rm), set its values with `ungleich-django secret set` or `secret import`, and change those values if the file was ever pushed".to_owned(),
            SecretsError::BadKey { .. } => crate::seal::keys::NAME_HINT.to_owned(),
            SecretsError::RepeatedKey { .. } => "give each key once".to_owned(),
            SecretsError::PlatformKeys { .. } => format!(
                "the platform's values point at this app's own database, port, hosts and folders; to use another value, store it under a name of your own and read that in your settings (the platform sets {})",
                crate::spec::PLATFORM_ENV.join(", ")
            ),
            SecretsError::NotSet { .. } => "see the keys with `ungleich-django secret list`, or pass --ignore-missing".to_owned(),
            SecretsError::CacheUnusable { .. } => "restore it with git, or fetch it again with `ungleich-django secret cert --refresh --accept-new-cert`".to_owned(),
            SecretsError::NotPem { .. } => "pass a PEM certificate, as `kubeseal --fetch-cert` prints it".to_owned(),
            SecretsError::Expired { advice, .. } => return advice.map(str::to_owned),
            SecretsError::CertChanged { .. } => "the controller renews its key every 30 days, which is normal, but an unexpected key may be an attack: check the new fingerprint with your cluster's operator, then pass --accept-new-cert".to_owned(),
            SecretsError::NeedsCluster { cause, advice } => match cause.hint() {
                Some(first) => format!("{first}\n  {advice}"),
                None => advice.clone(),
            },
            SecretsError::Cluster(e) => return e.hint(),
            SecretsError::Controller(e) => return e.hint(),
            SecretsError::Https(e) => return e.hint(),
            SecretsError::Git(e) => return e.hint(),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edge (`app::classify`) must know the type, or every secrets failure would silently exit 1.
    #[test]
    fn the_exit_codes_survive_the_command_edge() {
        let err = anyhow::Error::new(SecretsError::NotSet {
            keys: vec!["A".into(), "B".into()],
        })
        .context("secret unset");
        let class = crate::app::classify(&err);
        assert_eq!(class.code, ExitCode::InvalidInput);
        assert!(class.hint.unwrap().contains("--ignore-missing"));
        assert_eq!(
            err.root_cause().to_string(),
            "A and B are not set; nothing was changed"
        );
    }

    #[test]
    fn advice_without_the_cluster_keeps_the_cause_and_its_hint() {
        let cause = SecretsError::Controller(Box::new(
            crate::cluster::sealing_cert::ControllerError::NotFound {
                name: "c".into(),
                namespace: "ns".into(),
            },
        ));
        let first = cause.hint().unwrap();
        let err = cause.without_cluster("use --cert");
        assert_eq!(err.exit_code(), ExitCode::ClusterAccess);
        assert_eq!(err.hint().unwrap(), format!("{first}\n  use --cert"));
        let local = SecretsError::RepeatedKey { key: "A".into() }.without_cluster("use --cert");
        assert!(matches!(local, SecretsError::RepeatedKey { .. }));
    }
}
