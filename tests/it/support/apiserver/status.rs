//! Kubernetes `Status` error bodies, with the reasons and messages the real API server sends
//! (k8s.io/apimachinery `pkg/api/errors`, k8s.io/apiserver `endpoints/handlers/responsewriters`).

use serde_json::{Value, json};

use super::resources::ResourceDef;

/// An error answer: HTTP code and its `Status` body.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: u16,
    pub body: Value,
}

impl ApiError {
    fn new(code: u16, reason: &str, message: String, details: Option<Value>) -> Self {
        let mut body = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": message,
            "reason": reason,
            "code": code,
        });
        if let Some(details) = details {
            body["details"] = details;
        }
        ApiError { code, body }
    }

    fn details(res: &ResourceDef, name: &str) -> Value {
        let mut d = json!({ "kind": res.plural });
        if !name.is_empty() {
            d["name"] = json!(name);
        }
        if !res.group.is_empty() {
            d["group"] = json!(res.group);
        }
        d
    }

    /// 429 from API Priority and Fairness, or 503 from an apiserver without healthy backends.
    pub fn busy(code: u16) -> Self {
        if code == 429 {
            Self::new(
                429,
                "TooManyRequests",
                "Too many requests, please try again later.".to_owned(),
                Some(json!({"retryAfterSeconds": 1})),
            )
        } else {
            Self::new(
                code,
                "ServiceUnavailable",
                "the server is currently unable to handle the request".to_owned(),
                None,
            )
        }
    }

    /// `deployments.apps "x" not found`.
    pub fn not_found(res: &ResourceDef, name: &str) -> Self {
        Self::new(
            404,
            "NotFound",
            format!("{} \"{name}\" not found", res.qualified()),
            Some(Self::details(res, name)),
        )
    }

    /// `pods "x" already exists`.
    pub fn already_exists(res: &ResourceDef, name: &str) -> Self {
        Self::new(
            409,
            "AlreadyExists",
            format!("{} \"{name}\" already exists", res.qualified()),
            Some(Self::details(res, name)),
        )
    }

    /// The optimistic-concurrency conflict on a stale `resourceVersion`.
    pub fn conflict(res: &ResourceDef, name: &str) -> Self {
        Self::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                res.qualified()
            ),
            Some(Self::details(res, name)),
        )
    }

    /// RBAC denial, worded like the authorizer's (`responsewriters.forbiddenMessage`).
    pub fn forbidden(
        user: &str,
        verb: &str,
        res: &ResourceDef,
        subresource: Option<&str>,
        namespace: Option<&str>,
        name: Option<&str>,
    ) -> Self {
        let resource = match subresource {
            Some(sub) => format!("{}/{sub}", res.plural),
            None => res.plural.to_owned(),
        };
        let scope = match namespace {
            Some(ns) => format!("in the namespace \"{ns}\""),
            None => "at the cluster scope".to_owned(),
        };
        let subject = match name {
            Some(name) => format!("{} \"{name}\" is forbidden", res.qualified()),
            None => format!("{} is forbidden", res.qualified()),
        };
        let message = format!(
            "{subject}: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{}\" {scope}",
            res.group
        );
        Self::new(
            403,
            "Forbidden",
            message,
            Some(Self::details(res, name.unwrap_or(""))),
        )
    }

    /// A denied non-resource URL (`/api`, `/apis`) for an anonymous caller.
    pub fn forbidden_path(user: &str, path: &str) -> Self {
        Self::new(
            403,
            "Forbidden",
            format!("forbidden: User \"{user}\" cannot get path \"{path}\""),
            Some(json!({})),
        )
    }

    /// A wrong token or an untrusted client certificate.
    pub fn unauthorized() -> Self {
        Self::new(401, "Unauthorized", "Unauthorized".to_owned(), None)
    }

    /// 400 with a message, as the kubelet's log errors and validation errors reach the client.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message.into(), None)
    }

    /// A watch from a resourceVersion the server no longer has.
    pub fn expired(message: impl Into<String>) -> Self {
        Self::new(410, "Expired", message.into(), None)
    }

    /// 410 Gone for a stale `continue` token.
    pub fn gone(message: impl Into<String>) -> Self {
        Self::new(410, "Gone", message.into(), None)
    }

    /// 503: the services proxy without endpoints.
    pub fn service_unavailable(message: impl Into<String>) -> Self {
        Self::new(503, "ServiceUnavailable", message.into(), None)
    }

    /// 500, as an injected fault.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            500,
            "InternalError",
            message.into(),
            Some(json!({"causes": [{"message": "injected fault"}]})),
        )
    }

    /// 404 for a path the server does not serve.
    pub fn path_not_found() -> Self {
        Self::new(
            404,
            "NotFound",
            "the server could not find the requested resource".to_owned(),
            Some(json!({})),
        )
    }

    /// 405 for a verb a resource does not support.
    pub fn method_not_allowed(verb: &str, res: &ResourceDef) -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            format!(
                "{verb} is not supported on resources of kind \"{}\"",
                res.qualified()
            ),
            Some(json!({})),
        )
    }

    /// 415 for a patch type the server does not know.
    pub fn unsupported_media_type(content_type: &str) -> Self {
        Self::new(
            415,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {content_type})"
            ),
            None,
        )
    }

    /// 422 for a body that is not a valid object.
    pub fn invalid(res: &ResourceDef, name: &str, message: &str) -> Self {
        Self::new(
            422,
            "Invalid",
            format!("{} \"{name}\" is invalid: {message}", res.kind),
            Some(Self::details(res, name)),
        )
    }
}
