//! The five ways the API server turns us away (unreachable, unauthorized, forbidden, busy, and
//! any other failure), each with its exit code and, where there is one, its fix.

use crate::exit::{Classify, ExitCode};

/// The cluster cannot be used for this request.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("cannot reach the Kubernetes API server{}: {reason}", server.as_ref().map(|s| format!(" {s}")).unwrap_or_default())]
    Unreachable {
        /// The server's URL, as the kubeconfig names it.
        server: Option<String>,
        reason: String,
    },
    #[error("the Kubernetes API server refused the credentials (401 Unauthorized)")]
    Unauthorized,
    #[error("no access to namespace {namespace}: {message}")]
    Forbidden { namespace: String, message: String },
    #[error("the Kubernetes API server is {} (HTTP {code}): {message}", if *code == 429 { "overloaded" } else { "unavailable" })]
    Busy { code: u16, message: String },
    #[error("the Kubernetes API failed: {0}")]
    Other(String),
}

impl AccessError {
    /// Classifies a kube error met while using `namespace`.
    #[must_use]
    pub fn from_kube(err: &kube::Error, namespace: &str) -> Self {
        match err {
            kube::Error::Api(status) if status.code == 401 => AccessError::Unauthorized,
            kube::Error::Api(status) if status.code == 403 => AccessError::Forbidden {
                namespace: namespace.to_owned(),
                message: status.message.clone(),
            },
            // Still busy after the client's bounded retries (`cluster::retry`).
            kube::Error::Api(status) if matches!(status.code, 429 | 503 | 504) => {
                AccessError::Busy {
                    code: status.code,
                    message: status.message.clone(),
                }
            }
            kube::Error::Api(status) => AccessError::Other(status.message.clone()),
            // "ServiceError: " says nothing to a person; what the transport said does.
            kube::Error::Service(inner) => AccessError::Unreachable {
                server: super::client::server(),
                reason: chain(inner.as_ref()),
            },
            kube::Error::HyperError(_) | kube::Error::TlsRequired => AccessError::Unreachable {
                server: super::client::server(),
                reason: chain(err),
            },
            other => AccessError::Other(chain(other)),
        }
    }
}

/// Whether the cluster answers, takes the credentials and lets us read `namespace`: one cheap
/// request of the kind the release follower makes first.
///
/// # Errors
/// The way the API server turned the request away.
pub async fn check(client: kube::Client, namespace: &str) -> Result<(), AccessError> {
    use k8s_openapi::api::apps::v1::Deployment;
    let lp = kube::api::ListParams::default().limit(1);
    kube::Api::<Deployment>::namespaced(client, namespace)
        .list_metadata(&lp)
        .await
        .map(|_| ())
        .map_err(|e| AccessError::from_kube(&e, namespace))
}

/// A kube error's text, with nothing a kubeconfig's credentials could put there.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    super::redact::chain(err)
}

impl Classify for AccessError {
    fn exit_code(&self) -> ExitCode {
        match self {
            AccessError::Other(_) => ExitCode::Failure,
            _ => ExitCode::ClusterAccess,
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            AccessError::Unreachable { .. } => Some("check your network or VPN, and that --context names the right cluster (`kubectl config get-contexts`)".to_owned()),
            AccessError::Unauthorized => Some("your credentials expired or are wrong: download a fresh kubeconfig from ungleich and pass it with --kubeconfig".to_owned()),
            AccessError::Forbidden { .. } => Some("check the namespace in ungleich-django.yaml or -n; ask ungleich support to grant your user access to it".to_owned()),
            AccessError::Busy { .. } => Some(
                "it answered so on every retry; try again in a minute, and if it persists tell ungleich support".to_owned(),
            ),
            AccessError::Other(_) => None,
        }
    }
}
