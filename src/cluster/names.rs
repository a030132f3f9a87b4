//! The names and labels the CLI looks for in the cluster (DESIGN section 5). The chart renders
//! exactly these; a test reads them from here and finds them in the chart's output.

/// The label every object of an app carries, with the app's name as value.
pub const LABEL_INSTANCE: &str = "app.kubernetes.io/instance";
/// The label that tells web from async pods.
pub const LABEL_COMPONENT: &str = "app.kubernetes.io/component";
/// The label that marks objects this tool's chart manages.
pub const LABEL_MANAGED_BY: &str = "app.kubernetes.io/managed-by";
/// The value of [`LABEL_MANAGED_BY`].
pub const MANAGED_BY: &str = "ungleich-django";

/// The web component: label value and Deployment suffix.
pub const COMPONENT_WEB: &str = "web";
/// The async component: label value and Deployment suffix.
pub const COMPONENT_ASYNC: &str = "async";

/// The init container of the web pods (`/init`).
pub const CONTAINER_INIT: &str = "init";
/// The web container (`/run`).
pub const CONTAINER_RUN: &str = "run";
/// The worker container (`/async`).
pub const CONTAINER_ASYNC: &str = "async";

/// The pod-template annotation that changes with the secrets, so that a secret change rolls pods.
pub const ANNOTATION_SECRETS_REVISION: &str = "ungleich.ch/secrets-revision";

/// The pod-template annotation that holds the component's restart counter (`restarts` in
/// app.yaml), so that `ungleich-django restart` rolls its pods.
pub const ANNOTATION_RESTART: &str = "ungleich.ch/restart";

/// The Ingress annotation that names the CAA issuer domain of the hoster's certificate issuer
/// (`hosting.ingress.caaIssuer`), so that `domains add` checks the CAA records against it.
pub const ANNOTATION_CAA_ISSUER: &str = "ungleich.ch/caa-issuer";

/// The web Deployment's name.
#[must_use]
pub fn web_deployment(app: &str) -> String {
    format!("{app}-{COMPONENT_WEB}")
}

/// The async Deployment's name.
#[must_use]
pub fn async_deployment(app: &str) -> String {
    format!("{app}-{COMPONENT_ASYNC}")
}

/// The SealedSecret and the Secret it unseals into.
#[must_use]
pub fn env_secret(app: &str) -> String {
    format!("{app}-env")
}

/// The label selector for one component's pods.
#[must_use]
pub fn component_selector(app: &str, component: &str) -> String {
    format!("{LABEL_INSTANCE}={app},{LABEL_COMPONENT}={component}")
}

/// The label selector for all of an app's pods.
#[must_use]
pub fn app_selector(app: &str) -> String {
    format!("{LABEL_INSTANCE}={app}")
}

/// The Service in front of the web pods; the Ingress routes to it.
#[must_use]
pub fn web_service(app: &str) -> String {
    format!("{app}-{COMPONENT_WEB}")
}

/// The Ingress of the app's hosts.
#[must_use]
pub fn ingress(app: &str) -> String {
    app.to_owned()
}

/// The Secret cert-manager writes the hosts' certificate to.
#[must_use]
pub fn tls_secret(app: &str) -> String {
    format!("{app}-tls")
}

/// The app's volume (a PersistentVolumeClaim), mounted at [`DATA_MOUNT`]. The two storage modes
/// get two names: a claim's access mode cannot change, so switching modes makes a new volume.
#[must_use]
pub fn data_volume(app: &str, shared: bool) -> String {
    if shared {
        format!("{app}-shared-data")
    } else {
        format!("{app}-data")
    }
}

/// Where the app's volume is mounted; `STATIC_ROOT` and `MEDIA_ROOT` are below it.
pub const DATA_MOUNT: &str = "/data";

/// The database Secret when the hoster names none: CloudNativePG's app Secret of a cluster named
/// `<app>-db`.
#[must_use]
pub fn database_secret(app: &str) -> String {
    format!("{app}-db-app")
}

/// The ConfigMap of the platform's facts for the CLI, rendered by the chart from the hoster's
/// `hosting` values (`chart/templates/platform.yaml`): the database client image, the database
/// Secret's name and keys, what `db restore` may do.
#[must_use]
pub fn platform_configmap(app: &str) -> String {
    format!("{app}-platform")
}
