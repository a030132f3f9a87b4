//! `app.yaml`, the app spec: the customer's values for the hoster's chart (DESIGN section 4).
//!
//! These Rust types are the single source of truth: the JSON Schema (`ungleich-django schema`,
//! `chart/values.schema.json`) is generated from them, so the chart rejects what the CLI rejects.

pub mod cron;
pub mod cron_edit;
pub mod edit;
mod edit_check;
pub mod env_edit;
pub mod history;
pub mod hosting;
pub mod hosts;
pub mod image;
mod names;
pub mod scale;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::exit::{Classify, ExitCode};
use crate::yaml::{self, YamlError};

pub use names::{validate_app_name, validate_dns_label, validate_env_name, validate_host};

/// The app spec's file name in the deploy repository's folder.
pub const FILE_NAME: &str = "app.yaml";

/// app.yaml's JSON Schema, next to it, which its first line names for editors.
pub const SCHEMA_FILE: &str = ".ungleich-django/app.schema.json";

/// `app.yaml`'s path relative to the deploy repository's root: in the folder `deploy.path` of the
/// link file names.
#[must_use]
pub fn path_in_repo(link: &crate::link::Link) -> PathBuf {
    Path::new(&link.deploy.path).join(FILE_NAME)
}

/// The environment variables the platform sets (DESIGN section 2); `env` cannot set them.
pub const PLATFORM_ENV: [&str; 12] = [
    "DATABASE_URL",
    "PGHOST",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGPASSWORD",
    "PORT",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "ALLOWED_HOSTS",
    "UNGLEICH_APP",
    "UNGLEICH_COMPONENT",
];

/// The app spec. Unknown keys are errors that name the nearest valid key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "ungleich-django app spec (app.yaml)")]
pub struct AppSpec {
    /// The app's name, a DNS-1123 label: names the Deployments, Service, volume and Secret.
    #[schemars(regex(pattern = names::APP_NAME_PATTERN), length(max = names::MAX_APP_NAME))]
    pub name: String,
    /// The container image to run, as an OCI reference with a tag or a digest
    /// (`registry.example.com/acme/shop:1.4.2`, `...@sha256:...`). Set by `ungleich-django deploy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = image::PATTERN))]
    pub image: Option<String>,
    /// The name of a `kubernetes.io/dockerconfigjson` Secret to pull a private image with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::DNS_SUBDOMAIN_PATTERN), length(max = 253))]
    pub image_pull_secret: Option<String>,
    /// The host names the site answers on; each gets an Ingress rule and a TLS certificate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = names::HOST_PATTERN), length(max = 255)))]
    pub hosts: Vec<String>,
    /// Environment variables that are not secret (secrets go to `sealed-secrets.yaml`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("propertyNames" = {
        "pattern": names::ENV_NAME_PATTERN,
        "not": {"enum": PLATFORM_ENV},
    }))]
    pub env: BTreeMap<String, String>,
    /// Run `/async` (a Celery, Django-Q, ... worker) in a second Deployment.
    #[serde(default, rename = "async")]
    pub async_worker: bool,
    /// How many pods of each component run.
    #[serde(default, skip_serializing_if = "Replicas::is_default")]
    pub replicas: Replicas,
    /// An HTTP path that answers 200 when the site is up, for readiness and liveness probes.
    /// Without it the probes check that the port accepts connections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = names::ABSOLUTE_PATH_PATTERN))]
    pub healthcheck: Option<String>,
    /// Where the image keeps the contract's programs.
    #[serde(default, skip_serializing_if = "Commands::is_default")]
    pub commands: Commands,
    /// `volume`: a ReadWriteOnce volume, fast, with a short downtime on each release; `shared`: a
    /// shared filesystem, slower, with rolling releases.
    #[serde(default, skip_serializing_if = "Storage::is_default")]
    pub storage: Storage,
    /// Scheduled commands: one CronJob each, made from the component's pod template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cron: Vec<cron::CronEntry>,
    /// Changes whenever the secrets change, so the pods roll. Written by `ungleich-django secret`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_revision: Option<String>,
    /// How often each component was restarted; a change rolls its pods. Written by
    /// `ungleich-django restart`.
    #[serde(default, skip_serializing_if = "scale::Restarts::is_default")]
    pub restarts: scale::Restarts,
}

/// `spec` as the text of a new app.yaml (what `init` writes), under a comment that says where its
/// fields are documented.
#[must_use]
pub fn render(spec: &AppSpec) -> String {
    // Serialising plain strings, numbers and maps into a String cannot fail.
    let body = serde_saphyr::to_string(spec).expect("an app spec serialises");
    format!(
        "{}# The app spec: your values for the hoster's chart. `ungleich-django schema` documents every field.\n{body}",
        crate::yaml::schema_line(SCHEMA_FILE)
    )
}

/// The most pods of one component an app may ask for.
pub const MAX_REPLICAS: u32 = 20;

/// Pod counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replicas {
    /// Web pods (`/run`).
    #[serde(default = "one")]
    #[schemars(range(min = 0, max = MAX_REPLICAS))]
    pub web: u32,
    /// Worker pods (`/async`), when `async` is on.
    #[serde(default = "one", rename = "async")]
    #[schemars(range(min = 0, max = MAX_REPLICAS))]
    pub async_worker: u32,
}

impl Default for Replicas {
    fn default() -> Self {
        Replicas {
            web: 1,
            async_worker: 1,
        }
    }
}

impl Replicas {
    fn is_default(&self) -> bool {
        *self == Replicas::default()
    }
}

fn one() -> u32 {
    1
}

/// The contract's programs inside the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commands {
    /// Runs once per release before the web server starts (migrations).
    #[serde(default = "default_init")]
    #[schemars(regex(pattern = names::ABSOLUTE_PATH_PATTERN))]
    pub init: String,
    /// Serves the site on `$PORT`.
    #[serde(default = "default_run")]
    #[schemars(regex(pattern = names::ABSOLUTE_PATH_PATTERN))]
    pub run: String,
    /// Runs the worker.
    #[serde(default = "default_async", rename = "async")]
    #[schemars(regex(pattern = names::ABSOLUTE_PATH_PATTERN))]
    pub async_worker: String,
}

impl Default for Commands {
    fn default() -> Self {
        Commands {
            init: default_init(),
            run: default_run(),
            async_worker: default_async(),
        }
    }
}

impl Commands {
    fn is_default(&self) -> bool {
        *self == Commands::default()
    }
}

fn default_init() -> String {
    "/init".to_owned()
}
fn default_run() -> String {
    "/run".to_owned()
}
fn default_async() -> String {
    "/async".to_owned()
}

/// How static and media files are stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    /// A ReadWriteOnce volume: fast; pods are replaced, not rolled, so a release has a short downtime.
    #[default]
    Volume,
    /// A ReadWriteMany shared filesystem: slower, with rolling releases and no downtime.
    Shared,
}

impl Storage {
    fn is_default(&self) -> bool {
        *self == Storage::Volume
    }
}

/// An app spec that cannot be read or is invalid.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    /// The file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// It does not parse.
    #[error("invalid app spec {0}")]
    Invalid(#[from] YamlError),
    /// An edit cannot change the file on its lines (a multi-line value).
    #[error("{}: {reason}", path.display())]
    Edit { path: PathBuf, reason: String },
    /// A field parses but its value is not allowed.
    #[error("invalid app spec {}: field `{field}`: {reason}", path.display())]
    Field {
        path: PathBuf,
        field: String,
        reason: String,
    },
}

impl Classify for SpecError {
    fn exit_code(&self) -> ExitCode {
        match self {
            SpecError::Read { .. } => ExitCode::Failure,
            SpecError::Invalid(_) | SpecError::Edit { .. } | SpecError::Field { .. } => {
                ExitCode::InvalidInput
            }
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            SpecError::Invalid(YamlError {
                suggestion: Some(key),
                ..
            }) => Some(format!("did you mean `{key}`?")),
            SpecError::Invalid(_) | SpecError::Field { .. } => {
                Some("`ungleich-django schema` prints every field and what it accepts".to_owned())
            }
            SpecError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Some("check `deploy.path` in ungleich-django.yaml, or run `ungleich-django init` to write app.yaml there".to_owned())
            }
            SpecError::Read { .. } | SpecError::Edit { .. } => None,
        }
    }
}

impl AppSpec {
    /// A spec with the defaults for a new app.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        AppSpec {
            name: name.into(),
            image: None,
            image_pull_secret: None,
            hosts: Vec::new(),
            env: BTreeMap::new(),
            async_worker: false,
            replicas: Replicas::default(),
            healthcheck: None,
            commands: Commands::default(),
            storage: Storage::Volume,
            cron: Vec::new(),
            secrets_revision: None,
            restarts: scale::Restarts::default(),
        }
    }

    /// Parses and validates `text`, read from `path`.
    ///
    /// # Errors
    /// When the text does not parse or a value is invalid; the error names the field.
    pub fn parse(path: &Path, text: &str) -> Result<Self, SpecError> {
        let spec: AppSpec = yaml::parse(path, text)?;
        spec.validate()
            .map_err(|(field, reason)| SpecError::Field {
                path: path.to_owned(),
                field,
                reason,
            })?;
        Ok(spec)
    }

    /// Reads and validates the spec at `path`.
    ///
    /// # Errors
    /// As [`AppSpec::parse`], and when the file cannot be read.
    pub fn load(path: &Path) -> Result<Self, SpecError> {
        let text = std::fs::read_to_string(path).map_err(|source| SpecError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Checks what the types alone cannot: names, paths, hosts.
    ///
    /// # Errors
    /// The field and the reason of the first invalid value.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let field = |name: &'static str| move |reason: String| (name.to_owned(), reason);
        validate_app_name(&self.name).map_err(field("name"))?;
        if let Some(image) = &self.image {
            image::ImageRef::parse(image).map_err(field("image"))?;
        }
        if let Some(secret) = &self.image_pull_secret {
            names::validate_dns_subdomain(secret).map_err(field("imagePullSecret"))?;
        }
        for (i, host) in self.hosts.iter().enumerate() {
            names::validate_host(host).map_err(|reason| (format!("hosts[{i}]"), reason))?;
        }
        for key in self.env.keys() {
            validate_env_name(key).map_err(|reason| (format!("env.{key}"), reason))?;
            if PLATFORM_ENV.contains(&key.as_str()) {
                return Err((
                    format!("env.{key}"),
                    format!("`{key}` is set by the platform; remove it from `env`"),
                ));
            }
        }
        for (name, count) in [
            ("replicas.web", self.replicas.web),
            ("replicas.async", self.replicas.async_worker),
        ] {
            if count > MAX_REPLICAS {
                return Err((
                    name.to_owned(),
                    format!("{count} is more than {MAX_REPLICAS} pods; ask the hoster for more"),
                ));
            }
        }
        if let Some(path) = &self.healthcheck
            && !path.starts_with('/')
        {
            return Err((
                "healthcheck".to_owned(),
                format!("`{path}` must be an absolute HTTP path, like /healthz"),
            ));
        }
        for (name, path) in [
            ("commands.init", &self.commands.init),
            ("commands.run", &self.commands.run),
            ("commands.async", &self.commands.async_worker),
        ] {
            if !path.starts_with('/') {
                return Err((
                    name.to_owned(),
                    format!("`{path}` must be an absolute path inside the image"),
                ));
            }
        }
        cron::validate_entries(&self.name, self.async_worker, &self.cron)?;
        Ok(())
    }
}

/// The JSON Schema of `app.yaml`.
#[must_use]
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(AppSpec)
}

/// The JSON Schema of the chart's values: the app spec's keys plus [`hosting::KEY`], so helm
/// rejects what the CLI rejects and the hoster's values are checked too.
#[must_use]
pub fn chart_values_schema() -> schemars::Schema {
    let mut generator = schemars::SchemaGenerator::default();
    // Generated first, its definitions land in the same `$defs` as the app spec's.
    let hosting = generator.subschema_for::<hosting::Hosting>();
    let mut values = generator.into_root_schema_for::<AppSpec>();
    values.insert(
        "title".to_owned(),
        "ungleich-django chart values (app.yaml plus the hoster's `hosting`)".into(),
    );
    let properties = values
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
        .expect("the app spec has properties");
    let mut hosting = hosting.to_value();
    hosting["description"] =
        "The hoster's values (sizes, storage classes, database Secret, ingress); set only in the hoster's values file, which ArgoCD lists last.".into();
    properties.insert(hosting::KEY.to_owned(), hosting);
    // Helm hands a chart used as a subchart its parent's `global` values; the chart reads none of
    // them, but a schema without the key would reject every such install.
    properties.insert(
        "global".to_owned(),
        serde_json::json!({
            "description": "Helm's values shared with subcharts; this chart reads none of them.",
            "type": "object",
        }),
    );
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_spec_parses() {
        let text = "\
name: shop
image: registry.example.com/acme/shop:1.4.2   # deployed by CI
imagePullSecret: regcred
hosts: [shop.example.com, www.shop.example.com]
env:
  DJANGO_SETTINGS_MODULE: shop.settings.production
async: true
replicas: {web: 2, async: 1}
healthcheck: /healthz
commands: {init: /app/init}
storage: shared
";
        let spec = AppSpec::parse(Path::new("app.yaml"), text).unwrap();
        assert_eq!(spec.replicas.web, 2);
        assert_eq!(spec.commands.init, "/app/init");
        assert_eq!(spec.commands.run, "/run");
        assert_eq!(spec.storage, Storage::Shared);
        assert!(spec.async_worker);
    }

    #[test]
    fn misspelt_keys_name_the_nearest_valid_one() {
        let err = AppSpec::parse(
            Path::new("app.yaml"),
            "name: shop\nimagePullSecrets: regcred\n",
        )
        .unwrap_err();
        assert_eq!(
            err.hint().as_deref(),
            Some("did you mean `imagePullSecret`?")
        );
        let err = AppSpec::parse(Path::new("app.yaml"), "name: shop\nhealtcheck: /\n").unwrap_err();
        assert_eq!(err.hint().as_deref(), Some("did you mean `healthcheck`?"));
    }

    #[test]
    fn invalid_values_name_the_field() {
        let cases = [
            ("name: Shop\n", "name"),
            ("name: shop\nhosts: ['-bad.example.com']\n", "hosts[0]"),
            ("name: shop\nenv: {'1X': y}\n", "env.1X"),
            ("name: shop\nenv: {PORT: '80'}\n", "env.PORT"),
            ("name: shop\nreplicas: {async: 21}\n", "replicas.async"),
            ("name: shop\nhealthcheck: healthz\n", "healthcheck"),
            ("name: shop\ncommands: {run: run.sh}\n", "commands.run"),
        ];
        for (text, field) in cases {
            match AppSpec::parse(Path::new("app.yaml"), text) {
                Err(SpecError::Field { field: f, .. }) => assert_eq!(f, field, "{text}"),
                other => panic!("{text}: expected an error on {field}, got {other:?}"),
            }
        }
    }

    #[test]
    fn schema_forbids_unknown_keys() {
        let schema = serde_json::to_value(schema()).unwrap();
        assert_eq!(schema["additionalProperties"], serde_json::json!(false));
        assert!(schema["properties"]["imagePullSecret"].is_object());
    }
}
