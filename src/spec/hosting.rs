//! The hoster's values for the chart, under the key [`KEY`]: sizes, storage classes, the database
//! Secret, the ingress and the pods' user. They live in a repository the customer cannot write;
//! ArgoCD lists that repository's values file last, so it wins over the customer's `app.yaml`.
//!
//! Like [`super::AppSpec`], these types are the source of `chart/values.schema.json`; the chart's
//! `values.yaml` holds [`Hosting::default`], which a test checks.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::names;

/// The top-level key of the chart's values that holds [`Hosting`].
pub const KEY: &str = "hosting";

/// A Kubernetes resource quantity (`500m`, `1`, `512Mi`, `5Gi`).
const QUANTITY_PATTERN: &str =
    r"^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$";

/// Everything the hoster decides.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Hosting {
    /// When the kubelet pulls the image.
    #[serde(default)]
    pub image_pull_policy: PullPolicy,
    /// Requests and limits of each container.
    #[serde(default)]
    pub resources: ComponentResources,
    /// The app's volume.
    #[serde(default)]
    pub storage: HostedStorage,
    /// The Secret the hoster's PostgreSQL provides.
    #[serde(default)]
    pub database: Database,
    /// How the hosts are exposed.
    #[serde(default)]
    pub ingress: Ingress,
    /// The user and group the containers run as.
    #[serde(default)]
    pub security: Security,
}

/// The kubelet's image pull policy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PullPolicy {
    /// Pull on every start.
    Always,
    /// Pull when the node lacks the image: tags are immutable by convention here.
    #[default]
    IfNotPresent,
    /// Never pull.
    Never,
}

/// Requests and limits of each container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComponentResources {
    /// The init container `init` (migrations, collectstatic).
    #[serde(default = "Resources::small")]
    pub init: Resources,
    /// The web container `run`.
    #[serde(default = "Resources::small")]
    pub web: Resources,
    /// The worker container `async`.
    #[serde(default = "Resources::small", rename = "async")]
    pub async_worker: Resources,
}

impl Default for ComponentResources {
    fn default() -> Self {
        ComponentResources {
            init: Resources::small(),
            web: Resources::small(),
            async_worker: Resources::small(),
        }
    }
}

/// A container's requests and limits, as in a Kubernetes container spec.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// What the scheduler reserves.
    #[serde(default)]
    pub requests: Quantities,
    /// What the container may not exceed.
    #[serde(default)]
    pub limits: Quantities,
}

impl Resources {
    /// The default size: a small Django process.
    fn small() -> Self {
        Resources {
            requests: Quantities {
                cpu: Some("100m".to_owned()),
                memory: Some("256Mi".to_owned()),
            },
            limits: Quantities {
                cpu: None,
                memory: Some("512Mi".to_owned()),
            },
        }
    }
}

/// CPU and memory quantities; an absent one is not set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantities {
    /// CPU, e.g. `250m` or `1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = QUANTITY_PATTERN))]
    pub cpu: Option<String>,
    /// Memory, e.g. `512Mi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = QUANTITY_PATTERN))]
    pub memory: Option<String>,
}

/// The app's volume, mounted at `/data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HostedStorage {
    /// The volume's size.
    #[serde(default = "default_storage_size")]
    #[schemars(regex(pattern = QUANTITY_PATTERN))]
    pub size: String,
    /// The StorageClass of ReadWriteOnce volumes (`storage: volume`); empty: the cluster default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub volume_class_name: Option<String>,
    /// The StorageClass of ReadWriteMany volumes (`storage: shared`); empty: the cluster default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub shared_class_name: Option<String>,
}

impl Default for HostedStorage {
    fn default() -> Self {
        HostedStorage {
            size: default_storage_size(),
            volume_class_name: None,
            shared_class_name: None,
        }
    }
}

fn default_storage_size() -> String {
    "5Gi".to_owned()
}

/// The Secret that holds the app's PostgreSQL credentials, which of its keys holds what, and
/// what `ungleich-django db` may do with the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Database {
    /// The Secret's name; absent: `<app>-db-app`, the name CloudNativePG gives the app Secret of a
    /// cluster named `<app>-db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub secret_name: Option<String>,
    /// The Secret's keys.
    #[serde(default)]
    pub keys: DatabaseKeys,
    /// The image of the helper pod of `ungleich-django db` (dump, restore, psql): a PostgreSQL
    /// client, `pg_dump`, `pg_restore`, `psql` and a POSIX `sh`, of the server's major version or
    /// newer. The app's own image is not used: it may lack the client.
    #[serde(default = "default_client_image")]
    #[schemars(length(min = 1))]
    pub client_image: String,
    /// Whether `ungleich-django db restore` may stop the app's web and async pods (scale them to
    /// zero) while it restores, and start them again afterwards; false: the app stays up, and
    /// the customer is told so.
    #[serde(default)]
    pub restore_stops_app: bool,
}

impl Default for Database {
    fn default() -> Self {
        Database {
            secret_name: None,
            keys: DatabaseKeys::default(),
            client_image: default_client_image(),
            restore_stops_app: false,
        }
    }
}

fn default_client_image() -> String {
    "postgres:17".to_owned()
}

/// The keys of the database Secret; the defaults are CloudNativePG's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatabaseKeys {
    /// A ready `postgres://` URL with the password URL-encoded. Set it to empty (`""`) when the
    /// Secret has none: `DATABASE_URL` is then put together from the other keys, which is only
    /// right for passwords without URL-reserved characters.
    #[serde(default = "keys::uri")]
    pub url: String,
    /// The host name.
    #[serde(default = "keys::host")]
    pub host: String,
    /// The port.
    #[serde(default = "keys::port")]
    pub port: String,
    /// The database name.
    #[serde(default = "keys::dbname")]
    pub database: String,
    /// The user name.
    #[serde(default = "keys::user")]
    pub user: String,
    /// The password.
    #[serde(default = "keys::password")]
    pub password: String,
}

impl Default for DatabaseKeys {
    fn default() -> Self {
        DatabaseKeys {
            url: keys::uri(),
            host: keys::host(),
            port: keys::port(),
            database: keys::dbname(),
            user: keys::user(),
            password: keys::password(),
        }
    }
}

mod keys {
    pub fn uri() -> String {
        "uri".to_owned()
    }
    pub fn host() -> String {
        "host".to_owned()
    }
    pub fn port() -> String {
        "port".to_owned()
    }
    pub fn dbname() -> String {
        "dbname".to_owned()
    }
    pub fn user() -> String {
        "username".to_owned()
    }
    pub fn password() -> String {
        "password".to_owned()
    }
}

/// The Ingress of the app's hosts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Ingress {
    /// The IngressClass; absent: the cluster default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub class_name: Option<String>,
    /// The cert-manager ClusterIssuer that signs the hosts' certificate (annotation
    /// `cert-manager.io/cluster-issuer`); absent: no TLS.
    #[serde(
        default = "default_cluster_issuer",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub cluster_issuer: Option<String>,
    /// The issuer's CAA domain (RFC 8659), the name a host's CAA `issue` record must hold for
    /// the ClusterIssuer to get it a certificate: `letsencrypt.org` for Let's Encrypt.
    /// Rendered as the Ingress annotation `ungleich.ch/caa-issuer`, where `domains add` reads it.
    #[serde(default = "default_caa_issuer")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN))]
    pub caa_issuer: String,
    /// More annotations for the Ingress controller.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Default for Ingress {
    fn default() -> Self {
        Ingress {
            class_name: None,
            cluster_issuer: default_cluster_issuer(),
            caa_issuer: default_caa_issuer(),
            annotations: BTreeMap::new(),
        }
    }
}

#[allow(clippy::unnecessary_wraps)] // serde's default takes a function returning the field's type
fn default_cluster_issuer() -> Option<String> {
    Some("letsencrypt-prod".to_owned())
}

fn default_caa_issuer() -> String {
    crate::dns_check::DEFAULT_CAA_ISSUER.to_owned()
}

/// The numeric user and groups of every container. The image's `USER` is not used: a name cannot
/// be checked against `runAsNonRoot`. The defaults match the Dockerfile `ungleich-django init`
/// writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Security {
    /// The user id; never 0.
    #[serde(default = "default_id")]
    #[schemars(range(min = 1))]
    pub run_as_user: u32,
    /// The primary group id.
    #[serde(default = "default_id")]
    #[schemars(range(min = 1))]
    pub run_as_group: u32,
    /// The group that owns the volume's files, so the containers can write them.
    #[serde(default = "default_id")]
    #[schemars(range(min = 1))]
    pub fs_group: u32,
}

impl Default for Security {
    fn default() -> Self {
        Security {
            run_as_user: default_id(),
            run_as_group: default_id(),
            fs_group: default_id(),
        }
    }
}

fn default_id() -> u32 {
    10001
}
