//! The resource types the emulator serves, and the discovery documents kubectl reads first
//! (`/version`, `/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`).

use serde_json::{Value, json};

/// One resource type, as discovery describes it.
#[derive(Debug)]
pub struct ResourceDef {
    /// API group; empty for the core group.
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    /// Subresources beside the main resource (`status`, `log`, `proxy`, `scale`).
    pub subresources: &'static [&'static str],
    /// Whether `metadata.generation` is tracked (bumped on spec changes).
    pub generation: bool,
    /// A custom resource (items keep apiVersion/kind in lists; CRD printer columns).
    pub custom: bool,
}

const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

impl ResourceDef {
    /// `deployments.apps`, or `pods` for the core group: how messages name a resource.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_owned()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_owned()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    pub fn has_status(&self) -> bool {
        self.subresources.contains(&"status")
    }

    fn discovery_entries(&self) -> Vec<Value> {
        let mut main = json!({
            "name": self.plural,
            "singularName": self.singular,
            "namespaced": self.namespaced,
            "kind": self.kind,
            "verbs": VERBS,
        });
        if !self.short_names.is_empty() {
            main["shortNames"] = json!(self.short_names);
        }
        if let Some(c) = categories(self) {
            main["categories"] = c;
        }
        let mut out = vec![main];
        for sub in self.subresources {
            let (kind, verbs) = subresource_kind_verbs(self, sub);
            let mut entry = json!({
                "name": format!("{}/{sub}", self.plural),
                "singularName": "",
                "namespaced": self.namespaced,
                "kind": kind,
                "verbs": verbs,
            });
            if *sub == "scale" {
                entry["group"] = json!("autoscaling");
                entry["version"] = json!("v1");
            }
            out.push(entry);
        }
        out
    }
}

/// The kind a subresource answers with, and its verbs.
fn subresource_kind_verbs(res: &ResourceDef, sub: &str) -> (&'static str, &'static [&'static str]) {
    match sub {
        "status" => (res.kind, &["get", "patch", "update"]),
        "proxy" => (
            "ServiceProxyOptions",
            &["create", "delete", "get", "patch", "update"],
        ),
        "scale" => ("Scale", &["get", "patch", "update"]),
        "attach" => ("PodAttachOptions", &["create", "get"]),
        "exec" => ("PodExecOptions", &["create", "get"]),
        _ => (res.kind, &["get"]),
    }
}

fn categories(res: &ResourceDef) -> Option<Value> {
    matches!(
        res.plural,
        "pods" | "services" | "deployments" | "replicasets"
    )
    .then(|| json!(["all"]))
}

/// The media type of aggregated discovery (`apidiscovery.k8s.io/v2`), which kubectl asks for
/// first and which a 1.33 API server answers `/api` and `/apis` with.
pub const AGGREGATED_DISCOVERY: &str =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/// `/api` (core) or `/apis` as one aggregated `APIGroupDiscoveryList`.
pub fn aggregated_discovery(core: bool) -> Value {
    let mut groups: Vec<(&str, &str)> = Vec::new();
    for r in RESOURCES.iter().filter(|r| r.group.is_empty() == core) {
        if !groups.contains(&(r.group, r.version)) {
            groups.push((r.group, r.version));
        }
    }
    let items: Vec<Value> = groups
        .iter()
        .map(|(group, version)| {
            let resources: Vec<Value> = RESOURCES
                .iter()
                .filter(|r| r.group == *group && r.version == *version)
                .map(|r| {
                    let gvk =
                        |kind: &str| json!({"group": r.group, "version": r.version, "kind": kind});
                    let subresources: Vec<Value> = r
                        .subresources
                        .iter()
                        .map(|sub| {
                            let (kind, verbs) = subresource_kind_verbs(r, sub);
                            let response = if *sub == "scale" {
                                json!({"group": "autoscaling", "version": "v1", "kind": kind})
                            } else {
                                gvk(kind)
                            };
                            json!({"subresource": sub, "responseKind": response, "verbs": verbs})
                        })
                        .collect();
                    let mut entry = json!({
                        "resource": r.plural,
                        "responseKind": gvk(r.kind),
                        "scope": if r.namespaced { "Namespaced" } else { "Cluster" },
                        "singularResource": r.singular,
                        "verbs": VERBS,
                    });
                    if !r.short_names.is_empty() {
                        entry["shortNames"] = json!(r.short_names);
                    }
                    if let Some(c) = categories(r) {
                        entry["categories"] = c;
                    }
                    if !subresources.is_empty() {
                        entry["subresources"] = json!(subresources);
                    }
                    entry
                })
                .collect();
            let metadata = if group.is_empty() {
                json!({"creationTimestamp": null})
            } else {
                json!({"name": group, "creationTimestamp": null})
            };
            json!({
                "metadata": metadata,
                "versions": [{"version": version, "resources": resources, "freshness": "Current"}],
            })
        })
        .collect();
    json!({
        "kind": "APIGroupDiscoveryList",
        "apiVersion": "apidiscovery.k8s.io/v2",
        "metadata": {},
        "items": items,
    })
}

macro_rules! def {
    ($group:expr, $version:expr, $plural:expr, $singular:expr, $kind:expr, $namespaced:expr,
     $short:expr, $subs:expr, $generation:expr, $custom:expr) => {
        ResourceDef {
            group: $group,
            version: $version,
            plural: $plural,
            singular: $singular,
            kind: $kind,
            namespaced: $namespaced,
            short_names: $short,
            subresources: $subs,
            generation: $generation,
            custom: $custom,
        }
    };
}

/// Every resource the emulator knows. An object of another kind cannot be stored.
pub static RESOURCES: &[ResourceDef] = &[
    def!(
        "",
        "v1",
        "pods",
        "pod",
        "Pod",
        true,
        &["po"],
        &["attach", "exec", "log", "status"],
        false,
        false
    ),
    def!(
        "",
        "v1",
        "services",
        "service",
        "Service",
        true,
        &["svc"],
        &["proxy", "status"],
        false,
        false
    ),
    def!(
        "",
        "v1",
        "secrets",
        "secret",
        "Secret",
        true,
        &[],
        &[],
        false,
        false
    ),
    def!(
        "",
        "v1",
        "configmaps",
        "configmap",
        "ConfigMap",
        true,
        &["cm"],
        &[],
        false,
        false
    ),
    def!(
        "",
        "v1",
        "events",
        "event",
        "Event",
        true,
        &["ev"],
        &[],
        false,
        false
    ),
    // The hoster's sizes as Kubernetes enforces them, for `scale`'s limits.
    def!(
        "",
        "v1",
        "resourcequotas",
        "resourcequota",
        "ResourceQuota",
        true,
        &["quota"],
        &["status"],
        false,
        false
    ),
    def!(
        "",
        "v1",
        "namespaces",
        "namespace",
        "Namespace",
        false,
        &["ns"],
        &["status"],
        false,
        false
    ),
    def!(
        "apps",
        "v1",
        "deployments",
        "deployment",
        "Deployment",
        true,
        &["deploy"],
        &["scale", "status"],
        true,
        false
    ),
    def!(
        "apps",
        "v1",
        "replicasets",
        "replicaset",
        "ReplicaSet",
        true,
        &["rs"],
        &["scale", "status"],
        true,
        false
    ),
    // Argo CD's CRD declares no status subresource: its controller writes status with updates.
    def!(
        "argoproj.io",
        "v1alpha1",
        "applications",
        "application",
        "Application",
        true,
        &["app", "apps"],
        &[],
        true,
        true
    ),
    def!(
        "argoproj.io",
        "v1alpha1",
        "appprojects",
        "appproject",
        "AppProject",
        true,
        &["appproj", "appprojs"],
        &[],
        true,
        true
    ),
    def!(
        "batch",
        "v1",
        "cronjobs",
        "cronjob",
        "CronJob",
        true,
        &["cj"],
        &["status"],
        true,
        false
    ),
    def!(
        "batch",
        "v1",
        "jobs",
        "job",
        "Job",
        true,
        &[],
        &["status"],
        true,
        false
    ),
    // cert-manager's CRDs, for the certificate state of `domains` and `status`.
    def!(
        "cert-manager.io",
        "v1",
        "certificates",
        "certificate",
        "Certificate",
        true,
        &["cert", "certs"],
        &["status"],
        true,
        true
    ),
    def!(
        "acme.cert-manager.io",
        "v1",
        "challenges",
        "challenge",
        "Challenge",
        true,
        &[],
        &["status"],
        true,
        true
    ),
    def!(
        "networking.k8s.io",
        "v1",
        "ingresses",
        "ingress",
        "Ingress",
        true,
        &["ing"],
        &["status"],
        true,
        false
    ),
    def!(
        "bitnami.com",
        "v1alpha1",
        "sealedsecrets",
        "sealedsecret",
        "SealedSecret",
        true,
        &[],
        &["status"],
        true,
        true
    ),
];

/// The resource for a group/version and plural name.
pub fn by_plural(group: &str, version: &str, plural: &str) -> Option<&'static ResourceDef> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// The resource for an object's apiVersion and kind.
pub fn by_kind(api_version: &str, kind: &str) -> Option<&'static ResourceDef> {
    RESOURCES
        .iter()
        .find(|r| r.api_version() == api_version && r.kind == kind)
}

/// The Kubernetes version the emulator claims. The gcloud kubectl dispatcher picks
/// `kubectl.1.<minor>` from it.
pub fn version() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": "v1.33.5",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2025-09-09T19:36:30Z",
        "goVersion": "go1.24.6",
        "compiler": "gc",
        "platform": "linux/amd64"
    })
}

/// `/api`.
pub fn core_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]
    })
}

fn groups() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for r in RESOURCES.iter().filter(|r| !r.group.is_empty()) {
        if !out.contains(&(r.group, r.version)) {
            out.push((r.group, r.version));
        }
    }
    out
}

fn group_json(group: &str, version: &str) -> Value {
    let gv = json!({"groupVersion": format!("{group}/{version}"), "version": version});
    json!({"name": group, "versions": [gv.clone()], "preferredVersion": gv})
}

/// `/apis`.
pub fn group_list() -> Value {
    let groups: Vec<Value> = groups().iter().map(|(g, v)| group_json(g, v)).collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>`.
pub fn group(group: &str) -> Option<Value> {
    let (g, v) = groups().into_iter().find(|(g, _)| *g == group)?;
    let mut out = group_json(g, v);
    out["kind"] = json!("APIGroup");
    out["apiVersion"] = json!("v1");
    Some(out)
}

/// `/api/v1` or `/apis/<group>/<version>`.
pub fn resource_list(group: &str, version: &str) -> Option<Value> {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
        .flat_map(ResourceDef::discovery_entries)
        .collect();
    if resources.is_empty() {
        return None;
    }
    let group_version = if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    };
    Some(json!({
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": group_version,
        "resources": resources
    }))
}
