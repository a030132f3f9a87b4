use std::path::PathBuf;

use kube::config::{KubeConfigOptions, Kubeconfig};

use crate::exit::{Classify, ExitCode};

/// Which cluster and namespace a command talks to: flags first, then the link file, then the
/// kubeconfig, as kubectl resolves them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterTarget {
    /// `--kubeconfig` or `KUBECONFIG` (a `:`-separated list, as kubectl reads it).
    pub kubeconfig: Option<PathBuf>,
    /// `--context`, else the link file's, else the kubeconfig's current context.
    pub context: Option<String>,
    /// `-n`, else the link file's, else the context's namespace, else `default`.
    pub namespace: Option<String>,
}

/// The cluster cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No kubeconfig could be read. The cause is part of the message rather than a source:
    /// kube's own message quotes the path again, as `'"/home/u/.kube/config"'`.
    #[error("cannot read the kubeconfig {}", kubeconfig_problem(path.as_deref(), cause))]
    Kubeconfig {
        path: Option<PathBuf>,
        cause: kube::config::KubeconfigError,
    },
    /// The kubeconfig does not describe a usable cluster for the context.
    #[error("cannot use kube context {}", context.as_deref().unwrap_or("(current)"))]
    Context {
        context: Option<String>,
        source: kube::config::KubeconfigError,
    },
    /// The client could not be built from the configuration.
    #[error("cannot set up the Kubernetes client")]
    Client(#[source] kube::Error),
}

/// `PATH: why`, the path said once: the file kube tried, else the one given.
fn kubeconfig_problem(
    path: Option<&std::path::Path>,
    cause: &kube::config::KubeconfigError,
) -> String {
    use kube::config::KubeconfigError;
    match cause {
        KubeconfigError::ReadConfig(e, tried) => format!("{}: {e}", tried.display()),
        KubeconfigError::FindPath => "(none found: no KUBECONFIG and no ~/.kube/config)".to_owned(),
        // Never kube's own text of the file's content: it may quote credentials.
        other => {
            let why = super::redact::describe_kubeconfig(other);
            match path {
                Some(p) => format!("{}: {why}", p.display()),
                None => format!("(the default one): {why}"),
            }
        }
    }
}

impl Classify for ClusterError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::ClusterAccess
    }
    fn hint(&self) -> Option<String> {
        match self {
            ClusterError::Kubeconfig { .. } => Some(
                "pass --kubeconfig FILE or set KUBECONFIG to the kubeconfig ungleich gave you"
                    .to_owned(),
            ),
            ClusterError::Context { .. } => Some(
                "list the contexts with `kubectl config get-contexts` and pass one with --context"
                    .to_owned(),
            ),
            ClusterError::Client(_) => None,
        }
    }
}

/// A client for `target`, and the namespace to work in.
///
/// # Errors
/// When the kubeconfig cannot be read or has no usable context. Nothing is sent to the cluster
/// yet: reachability and credentials show on the first request.
pub async fn connect(target: &ClusterTarget) -> Result<(kube::Client, String), ClusterError> {
    connect_with(target, true).await
}

/// As [`connect`], but a 429, 503 or 504 is answered at once instead of retried (see
/// `retry`): for one-shot requests whose failure the user should see now, like the sealing
/// controller's 503 when it has no endpoints.
///
/// # Errors
/// As [`connect`].
pub async fn connect_once(target: &ClusterTarget) -> Result<(kube::Client, String), ClusterError> {
    connect_with(target, false).await
}

/// The API server's version (`/version`'s `gitVersion`, e.g. `v1.33.5`), or `None` when the
/// kubeconfig names no usable cluster or it does not answer within `timeout` (`version`, where
/// an unreachable cluster is a fact to report, not an error).
pub async fn server_version(
    target: &ClusterTarget,
    timeout: std::time::Duration,
) -> Option<String> {
    tokio::time::timeout(timeout, async {
        let (client, _) = connect_once(target).await.ok()?;
        client
            .apiserver_version()
            .await
            .ok()
            .map(|info| info.git_version)
    })
    .await
    .ok()
    .flatten()
}

async fn connect_with(
    target: &ClusterTarget,
    retry: bool,
) -> Result<(kube::Client, String), ClusterError> {
    let paths = target.kubeconfig.clone().or_else(default_kubeconfig);
    let kubeconfig = match &paths {
        Some(paths) => read_kubeconfigs(paths),
        None => Kubeconfig::read().map_err(|cause| (None, cause)),
    }
    .map_err(|(path, cause)| ClusterError::Kubeconfig { path, cause })?;
    super::redact::remember_user(user_entry(
        &kubeconfig,
        target.context.as_deref(),
        paths.as_deref(),
    ));
    let options = KubeConfigOptions {
        context: target.context.clone(),
        ..KubeConfigOptions::default()
    };
    let mut config = kube::Config::from_custom_kubeconfig(kubeconfig, &options)
        .await
        .map_err(|source| ClusterError::Context {
            context: target.context.clone(),
            source,
        })?;
    // kube's own retry policy waits minutes for a busy server; ours is bounded.
    config.default_retry = false;
    remember_server(&config.cluster_url);
    let namespace = target
        .namespace
        .clone()
        .unwrap_or_else(|| config.default_namespace.clone());
    let builder = kube::client::ClientBuilder::try_from(config).map_err(ClusterError::Client)?;
    let client = if retry {
        // Retrying needs a service it can clone; kube's boxed stack is not, a buffer in front
        // of it is.
        builder
            .with_layer(&tower::buffer::BufferLayer::new(64))
            .with_layer(&tower::retry::RetryLayer::new(
                super::retry::BoundedRetry::default(),
            ))
            .build()
    } else {
        builder.build()
    };
    Ok((client, namespace))
}

/// The API server the last [`connect`] addressed. A kube error does not say which server it
/// came from and `kube::Client` does not tell its URL, yet "cannot reach the API server" is
/// useless without it; a process talks to one cluster, so the one it connected to is the one.
static SERVER: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn remember_server(url: &http::Uri) {
    let mut server = SERVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *server = Some(url.to_string().trim_end_matches('/').to_owned());
}

/// The URL of the API server this process connected to, if it did.
pub(crate) fn server() -> Option<String> {
    SERVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// `KUBECONFIG` may list several files; kubectl merges them, the first one winning. An error
/// names the file it is about.
fn read_kubeconfigs(
    paths: &std::path::Path,
) -> Result<Kubeconfig, (Option<PathBuf>, kube::config::KubeconfigError)> {
    let mut merged: Option<Kubeconfig> = None;
    for path in std::env::split_paths(paths).filter(|p| !p.as_os_str().is_empty()) {
        let next = Kubeconfig::read_from(&path).map_err(|e| (Some(path.clone()), e))?;
        merged = Some(match merged {
            Some(config) => config.merge(next).map_err(|e| (Some(path.clone()), e))?,
            None => next,
        });
    }
    merged.map_or_else(
        || Kubeconfig::read_from(paths).map_err(|e| (Some(paths.to_owned()), e)),
        Ok,
    )
}

/// `~/.kube/config`, which kubectl reads without `KUBECONFIG`, to name it in errors.
fn default_kubeconfig() -> Option<PathBuf> {
    let path = etcetera::home_dir().ok()?.join(".kube").join("config");
    path.is_file().then_some(path)
}

/// `user `NAME` of FILE`: the user entry the context authenticates as, for errors about its
/// credentials that come later.
fn user_entry(
    kubeconfig: &Kubeconfig,
    context: Option<&str>,
    paths: Option<&std::path::Path>,
) -> Option<String> {
    let name = context.or(kubeconfig.current_context.as_deref())?;
    let user = kubeconfig
        .contexts
        .iter()
        .find(|c| c.name == name)?
        .context
        .as_ref()?
        .user
        .clone()?;
    Some(match paths {
        Some(paths) => format!("user `{user}` of the kubeconfig {}", paths.display()),
        None => format!("user `{user}` of the kubeconfig"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_kubeconfig_is_named_once_without_quotes() {
        let target = ClusterTarget {
            kubeconfig: Some(PathBuf::from("/nonexistent/kube/config")),
            ..ClusterTarget::default()
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let Err(err) = runtime.block_on(connect(&target)) else {
            panic!("a kubeconfig that does not exist was read");
        };
        let text = err.to_string();
        assert_eq!(
            text.matches("/nonexistent/kube/config").count(),
            1,
            "{text}"
        );
        assert!(
            text.starts_with("cannot read the kubeconfig /nonexistent/kube/config: "),
            "{text}"
        );
        assert!(!text.contains('"') && !text.contains('\''), "{text}");
        assert!(std::error::Error::source(&err).is_none());
    }
}
