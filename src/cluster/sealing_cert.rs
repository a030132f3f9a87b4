//! The SealedSecrets controller through the API server's service proxy, as kubeseal reaches it:
//! first the Service (for the name of its first port, which the Helm chart names `http`), then
//! `/api/v1/namespaces/NS/services/http:NAME:PORT/proxy/v1/...`.

use k8s_openapi::api::core::v1::Service;

use crate::exit::{Classify, ExitCode};

/// kubeseal's defaults (`--controller-name`, `--controller-namespace`).
pub const DEFAULT_CONTROLLER_NAME: &str = "sealed-secrets-controller";
/// See [`DEFAULT_CONTROLLER_NAME`].
pub const DEFAULT_CONTROLLER_NAMESPACE: &str = "kube-system";
/// The Service name the Helm chart's documented `helm install sealed-secrets ...` creates.
pub const HELM_CONTROLLER_NAME: &str = "sealed-secrets";

/// Where the controller's Service is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controller {
    /// The Service's name.
    pub name: String,
    /// Its namespace.
    pub namespace: String,
}

/// The controller cannot be asked.
#[derive(Debug, thiserror::Error)]
pub enum ControllerError {
    /// No Service of that name.
    #[error("there is no SealedSecrets controller Service {namespace}/{name}")]
    NotFound { name: String, namespace: String },
    /// The Service exists but no pod answers behind it (503 from the proxy).
    #[error(
        "the SealedSecrets controller {namespace}/{name} does not answer: {message} (HTTP {code})"
    )]
    Unavailable {
        name: String,
        namespace: String,
        code: u16,
        message: String,
    },
    /// The API server refused the request (403: RBAC; others: its Status message).
    #[error("cannot {action} {namespace}/{name}: {message} (HTTP {code})")]
    Refused {
        action: &'static str,
        name: String,
        namespace: String,
        code: u16,
        message: String,
    },
    /// A transport failure.
    #[error("cannot {action} {namespace}/{name}")]
    Request {
        action: &'static str,
        name: String,
        namespace: String,
        source: kube::Error,
    },
}

impl Classify for ControllerError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::ClusterAccess
    }
    fn hint(&self) -> Option<String> {
        match self {
            ControllerError::NotFound { name, .. } if name == DEFAULT_CONTROLLER_NAME => Some(format!(
                "the Helm chart names the Service after the release, usually `{HELM_CONTROLLER_NAME}`: pass --controller-name {HELM_CONTROLLER_NAME} (and --controller-namespace if it is not in {DEFAULT_CONTROLLER_NAMESPACE}), or set SEALED_SECRETS_CONTROLLER_NAME; or pass --cert FILE"
            )),
            ControllerError::NotFound { .. } => Some(
                "pass the controller's Service with --controller-name and --controller-namespace (`kubectl get svc -A | grep sealed`), or pass --cert FILE".to_owned(),
            ),
            ControllerError::Unavailable { .. } => Some(
                "check the controller's pods (`kubectl get pods -A | grep sealed-secrets`), or pass --cert FILE".to_owned(),
            ),
            ControllerError::Refused { code: 403, name, namespace, .. } => Some(format!(
                "your kube identity needs `get` on services/{name} and on services/proxy http:{name}: and http:{name}:http in {namespace}, which the hoster grants once for every customer (chart/examples/rbac.yaml, Role ungleich-django-sealing-cert); or pass --cert FILE with the certificate your hoster publishes"
            )),
            ControllerError::Refused { .. } | ControllerError::Request { .. } => None,
        }
    }
}

impl Controller {
    fn proxy_path(&self, port: &str, endpoint: &str) -> String {
        format!(
            "/api/v1/namespaces/{}/services/http:{}:{port}/proxy/v1/{endpoint}",
            self.namespace, self.name
        )
    }

    fn fail(&self, action: &'static str, source: kube::Error) -> ControllerError {
        match &source {
            kube::Error::Api(status) if status.code == 503 => ControllerError::Unavailable {
                name: self.name.clone(),
                namespace: self.namespace.clone(),
                code: status.code,
                message: status.message.clone(),
            },
            kube::Error::Api(status) => ControllerError::Refused {
                action,
                name: self.name.clone(),
                namespace: self.namespace.clone(),
                code: status.code,
                message: status.message.clone(),
            },
            _ => ControllerError::Request {
                action,
                name: self.name.clone(),
                namespace: self.namespace.clone(),
                source,
            },
        }
    }

    /// The name of the Service's first port ("" when unnamed, as in the release manifests).
    async fn port_name(&self, client: &kube::Client) -> Result<String, ControllerError> {
        let services: kube::Api<Service> = kube::Api::namespaced(client.clone(), &self.namespace);
        match services.get(&self.name).await {
            Ok(service) => Ok(service
                .spec
                .and_then(|spec| spec.ports)
                .and_then(|ports| ports.into_iter().next())
                .and_then(|port| port.name)
                .unwrap_or_default()),
            Err(kube::Error::Api(status)) if status.code == 404 => Err(ControllerError::NotFound {
                name: self.name.clone(),
                namespace: self.namespace.clone(),
            }),
            Err(e) => Err(self.fail("read the SealedSecrets controller Service", e)),
        }
    }

    /// `GET /v1/cert.pem`: the certificate of the controller's newest key, as bytes.
    ///
    /// # Errors
    /// When the Service is missing, no pod answers, or the API server refuses.
    pub async fn fetch_cert(&self, client: &kube::Client) -> Result<Vec<u8>, ControllerError> {
        let port = self.port_name(client).await?;
        let request = http::Request::get(self.proxy_path(&port, "cert.pem"))
            .header(http::header::ACCEPT, "application/x-pem-file, */*")
            .body(Vec::new())
            .expect("a valid request");
        client
            .request_text(request)
            .await
            .map(String::into_bytes)
            .map_err(|e| {
                self.fail(
                    "fetch the sealing certificate from the SealedSecrets controller",
                    e,
                )
            })
    }

    /// `POST /v1/rotate`: the controller re-encrypts a SealedSecret (JSON) to its newest key
    /// and answers with the new object as JSON.
    ///
    /// # Errors
    /// As [`Controller::fetch_cert`]; also when the controller cannot decrypt a value.
    pub async fn rotate(
        &self,
        client: &kube::Client,
        sealed_secret_json: Vec<u8>,
    ) -> Result<Vec<u8>, ControllerError> {
        let port = self.port_name(client).await?;
        let request = http::Request::post(self.proxy_path(&port, "rotate"))
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json")
            .body(sealed_secret_json)
            .expect("a valid request");
        client
            .request_text(request)
            .await
            .map(String::into_bytes)
            .map_err(|e| {
                self.fail(
                    "re-encrypt the secrets through the SealedSecrets controller",
                    e,
                )
            })
    }
}
