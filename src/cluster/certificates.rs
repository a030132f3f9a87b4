//! What the cluster says about the app's hosts: cert-manager's Certificate for each (its Ready
//! condition and expiry) and, while one is not ready, the pending ACME Challenge's reason; and
//! the address the app's Ingress publishes, which the hosts' DNS records must point to. Read as
//! `DynamicObject`s, so no CRD types are needed and a cluster without cert-manager is no error.

use kube::api::{ApiResource, DynamicObject, GroupVersionKind, ListParams};
use kube::{Api, Client};
use serde::Serialize;
use serde_json::Value;

/// The state of one host's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertState {
    /// The Certificate's Ready condition is True.
    Ready,
    /// A Certificate names the host but is not ready (issuing, or failing).
    Pending,
    /// No Certificate names the host (yet: cert-manager creates it from the Ingress).
    Missing,
    /// The Certificates cannot be read (no right, or cert-manager not installed).
    Unknown,
}

/// One host's certificate as the cluster reports it.
#[derive(Debug, Clone, Serialize)]
pub struct HostCertificate {
    pub host: String,
    pub state: CertState,
    /// The certificate's expiry (`status.notAfter`), RFC 3339.
    pub not_after: Option<String>,
    /// While not ready: the pending Challenge's reason, else the Ready condition's message.
    pub reason: Option<String>,
}

fn api(client: Client, namespace: &str, group: &str, kind: &str) -> Api<DynamicObject> {
    let gvk = GroupVersionKind::gvk(group, "v1", kind);
    Api::namespaced_with(client, namespace, &ApiResource::from_gvk(&gvk))
}

/// The certificate state of each of `hosts`. Never fails: what cannot be read is
/// [`CertState::Unknown`] with the reason.
pub async fn read(client: Client, namespace: &str, hosts: &[String]) -> Vec<HostCertificate> {
    let certificates = api(client.clone(), namespace, "cert-manager.io", "Certificate")
        .list(&ListParams::default())
        .await;
    let certificates = match certificates {
        Ok(list) => list.items,
        Err(e) => {
            let reason = format!("cannot read cert-manager Certificates: {}", short(&e));
            return unknown(hosts, &reason);
        }
    };
    // Challenges are read only when needed, and their absence is no error.
    let mut challenges: Option<Vec<DynamicObject>> = None;
    let mut out = Vec::with_capacity(hosts.len());
    for host in hosts {
        let Some(cert) = certificates.iter().find(|c| names_host(c, host)) else {
            out.push(HostCertificate {
                host: host.clone(),
                state: CertState::Missing,
                not_after: None,
                reason: Some("no Certificate names it yet (cert-manager makes one from the Ingress after the release)".to_owned()),
            });
            continue;
        };
        let status = &cert.data["status"];
        let ready = condition(status, "Ready");
        let not_after = status["notAfter"].as_str().map(str::to_owned);
        if ready.is_some_and(|c| c["status"] == "True") {
            out.push(HostCertificate {
                host: host.clone(),
                state: CertState::Ready,
                not_after,
                reason: None,
            });
            continue;
        }
        if challenges.is_none() {
            challenges = Some(
                api(
                    client.clone(),
                    namespace,
                    "acme.cert-manager.io",
                    "Challenge",
                )
                .list(&ListParams::default())
                .await
                .map(|l| l.items)
                .unwrap_or_default(),
            );
        }
        let challenge = challenges
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|c| challenge_host(c) == *host);
        let reason = challenge
            .and_then(|c| {
                let state = c.data["status"]["state"].as_str().unwrap_or("pending");
                c.data["status"]["reason"]
                    .as_str()
                    .map(|r| format!("ACME challenge {state}: {r}"))
            })
            .or_else(|| ready.and_then(|c| c["message"].as_str().map(str::to_owned)));
        out.push(HostCertificate {
            host: host.clone(),
            state: CertState::Pending,
            not_after,
            reason,
        });
    }
    out
}

/// Every host in state [`CertState::Unknown`], for `reason`.
#[must_use]
pub fn unknown(hosts: &[String], reason: &str) -> Vec<HostCertificate> {
    hosts
        .iter()
        .map(|host| HostCertificate {
            host: host.clone(),
            state: CertState::Unknown,
            not_after: None,
            reason: Some(reason.to_owned()),
        })
        .collect()
}

/// What the app's Ingress tells about the DNS its hosts need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngressDns {
    /// The addresses (IPs or host names) it publishes; empty before the controller set one.
    pub addresses: Vec<String>,
    /// The CAA issuer domain of its certificate issuer; `None` without TLS (no certificate).
    pub caa_issuer: Option<String>,
}

/// What the app's Ingress `name` publishes, and the CAA issuer domain of its certificate
/// (the chart's annotation, else `default_issuer`).
///
/// # Errors
/// Why the Ingress cannot be read, in words for the user: not there yet (the chart makes it
/// with the first host), forbidden, or the cluster's error.
pub async fn ingress_dns(
    client: Client,
    namespace: &str,
    name: &str,
    default_issuer: &str,
) -> Result<IngressDns, String> {
    let api: Api<k8s_openapi::api::networking::v1::Ingress> = Api::namespaced(client, namespace);
    let ingress = api.get(name).await.map_err(|e| match &e {
        kube::Error::Api(status) if status.code == 404 => {
            format!("there is none yet: the chart makes {name} with the first host")
        }
        kube::Error::Api(status) if status.code == 403 => {
            "forbidden (the RBAC example's Role allows it)".to_owned()
        }
        other => other.to_string(),
    })?;
    let tls = ingress
        .spec
        .as_ref()
        .and_then(|s| s.tls.as_ref())
        .is_some_and(|t| !t.is_empty());
    let caa_issuer = tls.then(|| {
        ingress
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(super::names::ANNOTATION_CAA_ISSUER))
            .map_or_else(|| default_issuer.to_owned(), Clone::clone)
    });
    let addresses = ingress
        .status
        .and_then(|s| s.load_balancer)
        .and_then(|lb| lb.ingress)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| i.ip.or(i.hostname))
        .collect();
    Ok(IngressDns {
        addresses,
        caa_issuer,
    })
}

fn names_host(cert: &DynamicObject, host: &str) -> bool {
    cert.data["spec"]["dnsNames"]
        .as_array()
        .is_some_and(|names| names.iter().any(|n| n == host))
}

/// The host a Challenge proves: its `dnsName`, with `*.` for a wildcard.
fn challenge_host(challenge: &DynamicObject) -> String {
    let name = challenge.data["spec"]["dnsName"].as_str().unwrap_or("");
    if challenge.data["spec"]["wildcard"] == true {
        format!("*.{name}")
    } else {
        name.to_owned()
    }
}

fn condition<'a>(status: &'a Value, kind: &str) -> Option<&'a Value> {
    status["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == kind)
}

fn short(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(status) if status.code == 403 => {
            "forbidden (the RBAC example's Role allows it)".to_owned()
        }
        kube::Error::Api(status) if status.code == 404 => {
            "cert-manager is not installed".to_owned()
        }
        other => other.to_string(),
    }
}
