//! `ungleich-django.yaml`: the link from a source tree to its deployment, and its environments
//! (the top-level fields are the default environment; `environments:` names others, each
//! overriding what differs). Never holds a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use serde::{Deserialize, Serialize};

use crate::exit::{Classify, ExitCode};
use crate::fsutil::lexical;
use crate::yaml::{self, YamlError};

/// The link file's name, looked up in the current directory and its parents.
pub const FILE_NAME: &str = "ungleich-django.yaml";

/// The link file's JSON Schema, next to it, which its first line names for editors.
pub const SCHEMA_FILE: &str = ".ungleich-django/link.schema.json";

/// The JSON Schema of the link file (`schema --link-file`), from the same types that read it.
#[must_use]
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Link)
}

/// The link file's contents (DESIGN section 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ungleich-django link file (ungleich-django.yaml)")]
pub struct Link {
    /// The app's name: a DNS-1123 label that names everything in the cluster.
    pub app: String,
    /// The kube namespace; `-n` overrides it.
    pub namespace: String,
    /// The kube context; `--context` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Where the deploy configuration lives.
    pub deploy: DeployRepoRef,
    /// The ArgoCD Application that deploys the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub argocd: Option<ArgoCdRef>,
    /// The name of the environment the top-level fields describe ([`DEFAULT_ENVIRONMENT`] when
    /// absent); `-e NAME` selects it like any other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// The app's other environments by name, each with the fields that differ from the top level.
    /// Spanned, so that an invalid entry is reported at its line.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(with = "BTreeMap<String, Environment>")]
    pub environments: BTreeMap<String, Spanned<Environment>>,
}

/// The name of the environment the top-level fields describe when `environment:` does not name it.
pub const DEFAULT_ENVIRONMENT: &str = "default";

/// One entry of `environments:`: the top-level fields that differ in this environment. A field
/// left out keeps the top-level value; `deploy` and `argocd` merge field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// The app's name in this environment (its own name in the cluster).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub app: Option<Spanned<String>>,
    /// The namespace of this environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub namespace: Option<Spanned<String>>,
    /// The kube context of this environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Where this environment's app.yaml lives: another path or branch, or another repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy: Option<DeployOverride>,
    /// This environment's ArgoCD Application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub argocd: Option<ArgoCdOverride>,
}

/// The `deploy` fields an environment changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeployOverride {
    /// Another deploy repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub repo: Option<Spanned<String>>,
    /// Another branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// Another folder inside the repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// The `argocd` fields an environment changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArgoCdOverride {
    /// Another namespace of the Application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Another Application name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
}

/// The deploy repository: a git URL, a local path, or `.` for the source repository itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeployRepoRef {
    /// A git URL, a path (relative to the link file), or `.`.
    pub repo: String,
    /// The branch ArgoCD follows.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The folder inside the repository that holds `app.yaml`.
    #[serde(default = "default_path")]
    pub path: String,
}

/// Where the app's ArgoCD Application is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArgoCdRef {
    /// The namespace of the Application (ArgoCD's own, usually `argocd`).
    #[serde(default = "default_argocd_namespace")]
    pub namespace: String,
    /// The Application's name; defaults to the app's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
}

fn default_branch() -> String {
    "main".to_owned()
}

fn default_path() -> String {
    ".".to_owned()
}

fn default_argocd_namespace() -> String {
    "argocd".to_owned()
}

impl Link {
    /// The ArgoCD Application that deploys the app, as (namespace, name): the `argocd` section's,
    /// or DESIGN's defaults (`<app>` in `argocd`) when the section is absent. Whether it exists
    /// and may be read is for the cluster to say.
    #[must_use]
    pub fn argocd_application(&self) -> (String, String) {
        let section = self.argocd.as_ref();
        (
            section.map_or_else(default_argocd_namespace, |a| a.namespace.clone()),
            section
                .and_then(|a| a.application.clone())
                .unwrap_or_else(|| self.app.clone()),
        )
    }
}

impl Link {
    /// The name of the environment the top-level fields describe.
    #[must_use]
    pub fn default_environment(&self) -> &str {
        self.environment.as_deref().unwrap_or(DEFAULT_ENVIRONMENT)
    }

    /// Every environment's name: the default one first, then the others in name order.
    #[must_use]
    pub fn environment_names(&self) -> Vec<String> {
        std::iter::once(self.default_environment().to_owned())
            .chain(self.environments.keys().cloned())
            .collect()
    }

    /// The link as environment `name` sees it: the top-level fields with that environment's
    /// overrides, and no further environments. `None` is the default environment. An
    /// environment without an `application` of its own in `argocd` gets its app's name, as the
    /// default one does.
    ///
    /// # Errors
    /// When the file names no such environment.
    pub fn environment_view(&self, name: Option<&str>) -> Result<Link, UnknownEnvironment> {
        let default = self.default_environment();
        let name = name.unwrap_or(default);
        let base = Link {
            environment: Some(name.to_owned()),
            environments: BTreeMap::new(),
            ..self.clone()
        };
        if name == default {
            return Ok(base);
        }
        let Some(entry) = self.environments.get(name) else {
            return Err(UnknownEnvironment {
                name: name.to_owned(),
                known: self.environment_names(),
            });
        };
        Ok(merge(base, &entry.value))
    }
}

/// `base` with the fields `over` sets replaced.
fn merge(base: Link, over: &Environment) -> Link {
    let mut deploy = base.deploy;
    if let Some(d) = &over.deploy {
        if let Some(repo) = &d.repo {
            deploy.repo = repo.value.clone();
        }
        if let Some(branch) = &d.branch {
            deploy.branch = branch.clone();
        }
        if let Some(path) = &d.path {
            deploy.path = tidy_deploy_path(path);
        }
    }
    // An environment that renames its app but not its Application follows its own app's name,
    // as DESIGN's default does: the top-level Application deploys another app.
    let argocd = if over.argocd.is_none() && over.app.is_none() {
        base.argocd
    } else {
        let o = over.argocd.clone().unwrap_or_default();
        let namespace = o
            .namespace
            .or_else(|| base.argocd.as_ref().map(|a| a.namespace.clone()));
        let application = o.application.or_else(|| {
            over.app
                .is_none()
                .then(|| base.argocd.as_ref().and_then(|a| a.application.clone()))
                .flatten()
        });
        (namespace.is_some() || application.is_some()).then(|| ArgoCdRef {
            namespace: namespace.unwrap_or_else(default_argocd_namespace),
            application,
        })
    };
    Link {
        app: over.app.as_ref().map_or(base.app, |a| a.value.clone()),
        namespace: over
            .namespace
            .as_ref()
            .map_or(base.namespace, |n| n.value.clone()),
        context: over.context.clone().or(base.context),
        deploy,
        argocd,
        environment: base.environment,
        environments: BTreeMap::new(),
    }
}

/// An environment the link file does not name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no environment `{name}` in the link file (it names {})", known.join(", "))]
pub struct UnknownEnvironment {
    /// The name asked for.
    pub name: String,
    /// The names the file has, the default first.
    pub known: Vec<String>,
}

impl Classify for UnknownEnvironment {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }
    fn hint(&self) -> Option<String> {
        Some(format!("the environments are {}", self.known.join(", ")))
    }
}

impl DeployRepoRef {
    /// True when `repo` names a server rather than a folder on this machine.
    #[must_use]
    pub fn is_remote(&self) -> bool {
        crate::gitops::is_remote_url(&self.repo)
    }

    /// app.yaml's path inside the deploy repository: `deploy/app.yaml`, or `app.yaml` for `.`.
    #[must_use]
    pub fn spec_path(&self) -> PathBuf {
        lexical(&Path::new(&self.path).join(crate::spec::FILE_NAME))
    }

    /// app.yaml as a person at the link file finds it: inside the repository for `.` and for a
    /// remote, beside the link file for a local repository (`../shop-deploy/app.yaml`).
    #[must_use]
    pub fn spec_shown_path(&self) -> String {
        let inner = self.spec_path();
        let shown = if self.repo == "." || self.is_remote() {
            inner
        } else {
            lexical(&Path::new(self.local_repo()).join(inner))
        };
        shown.to_string_lossy().into_owned()
    }

    /// A file of the deploy repository as a person knows it: `deploy/app.yaml` for `.`, beside
    /// the link file for a local repository, and `app.yaml in URL (branch main)` for a remote,
    /// never the path of the CLI's cached clone. `inner` is relative to the repository's top.
    #[must_use]
    pub fn shown(&self, inner: &Path) -> String {
        let inner = lexical(inner);
        if self.is_remote() {
            format!(
                "{} in {} (branch {})",
                inner.display(),
                crate::gitops::redact_url(&self.repo),
                self.branch
            )
        } else if self.repo == "." {
            inner.to_string_lossy().into_owned()
        } else {
            lexical(&Path::new(self.local_repo()).join(inner))
                .to_string_lossy()
                .into_owned()
        }
    }

    /// The folder that holds app.yaml in a local deploy repository. `link_dir` holds the link
    /// file; `repository_top` is the top of the repository it is in, which `.` names (and which
    /// may be above `link_dir`, for a project in a subfolder).
    #[must_use]
    pub fn local_app_dir(&self, link_dir: &Path, repository_top: Option<&Path>) -> PathBuf {
        if self.repo == "." {
            return repository_top.unwrap_or(link_dir).join(&self.path);
        }
        link_dir.join(self.local_repo()).join(&self.path)
    }

    /// `repo` as a path: a `file://` URL without its scheme.
    fn local_repo(&self) -> &str {
        self.repo.strip_prefix("file://").unwrap_or(&self.repo)
    }
}

/// `deploy.path` as given, tidied: no trailing slash, and `.` for the repository's top.
#[must_use]
pub fn tidy_deploy_path(path: &str) -> String {
    match path.trim_end_matches('/') {
        "" => ".".to_owned(),
        tidy => tidy.to_owned(),
    }
}

/// The `deploy.path` offered when none is given. In the project's own repository (`.`) app.yaml
/// gets a `deploy` folder beside the project, as ArgoCD reads paths from the repository's top: a
/// project in a subfolder of a monorepo keeps its app.yaml beside it (`backend/deploy`). A
/// repository of its own keeps app.yaml at its top.
#[must_use]
pub fn default_deploy_path(repo: &str, link_dir: &Path, repository_top: Option<&Path>) -> String {
    if repo != "." {
        return ".".to_owned();
    }
    let folder = match (
        repository_top.and_then(|t| t.canonicalize().ok()),
        link_dir.canonicalize(),
    ) {
        (Some(top), Ok(here)) => here
            .strip_prefix(&top)
            .map(Path::to_owned)
            .unwrap_or_default(),
        _ => PathBuf::new(),
    };
    lexical(&folder.join("deploy"))
        .to_string_lossy()
        .into_owned()
}

/// A link file that cannot be found or read.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// None in the directory or any parent.
    #[error("no {FILE_NAME} in {} or any parent directory", start.display())]
    NotFound { start: PathBuf },
    /// It exists but cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// It does not parse, or a field is invalid.
    #[error("invalid link file {0}")]
    Invalid(#[from] YamlError),
    /// A field parses but its value is not allowed. `line` is known for the fields of
    /// `environments:`, whose entries are read with their place in the file.
    #[error(
        "invalid link file {}{}: field `{field}`: {reason}",
        path.display(),
        line.map(|l| format!(": line {l}")).unwrap_or_default()
    )]
    Field {
        path: PathBuf,
        line: Option<u64>,
        field: String,
        reason: String,
    },
    /// `-e NAME` (or `UNGLEICH_ENV`) names an environment the file does not have.
    #[error("{}: {source}", path.display())]
    Environment {
        path: PathBuf,
        source: UnknownEnvironment,
    },
}

impl Classify for LinkError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }
    fn hint(&self) -> Option<String> {
        match self {
            LinkError::NotFound { .. } => {
                Some("run `ungleich-django init` in your Django project, or pass -C DIR to run in another folder".to_owned())
            }
            LinkError::Invalid(YamlError { suggestion: Some(key), .. }) => Some(format!("did you mean `{key}`?")),
            LinkError::Invalid(_) | LinkError::Field { .. } => {
                Some(format!("fix the file, or run `ungleich-django init` again to rewrite {FILE_NAME}"))
            }
            LinkError::Environment { source, .. } => Some(format!(
                "pass one of {} to -e/--env (or UNGLEICH_ENV), or add `{}` under `environments:` (`ungleich-django init --env {}`)",
                source.known.join(", "),
                source.name,
                source.name
            )),
            LinkError::Read { .. } => None,
        }
    }
}

/// A link file and where it was found.
#[derive(Debug, Clone)]
pub struct LinkFile {
    /// The file's path.
    pub path: PathBuf,
    /// Its contents, as the selected environment sees them (see [`LinkFile::select`]); the whole
    /// file as written until one is selected.
    pub link: Link,
}

impl LinkFile {
    /// The link file as environment `name` (`None`: the default one) sees it: `link` becomes that
    /// environment's view, named in its `environment` field, with no further environments.
    ///
    /// # Errors
    /// When the file names no such environment.
    pub fn select(self, name: Option<&str>) -> Result<LinkFile, LinkError> {
        let link = self
            .link
            .environment_view(name)
            .map_err(|source| LinkError::Environment {
                path: self.path.clone(),
                source,
            })?;
        Ok(LinkFile {
            path: self.path,
            link,
        })
    }

    /// The directory that holds the link file: the source repository's root, usually.
    #[must_use]
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// The nearest link file at or above `start`, as git finds `.git`.
///
/// # Errors
/// When there is none, or the nearest one cannot be read or is invalid.
pub fn find(start: &Path) -> Result<LinkFile, LinkError> {
    let path = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| LinkError::NotFound {
            start: start.to_owned(),
        })?;
    load(&path)
}

/// Reads and validates the link file at `path`.
///
/// # Errors
/// When it cannot be read, does not parse, or holds an invalid value.
pub fn load(path: &Path) -> Result<LinkFile, LinkError> {
    let text = std::fs::read_to_string(path).map_err(|source| LinkError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &text)
}

/// Parses and validates `text` as the link file at `path` would be: also used to check an edit
/// before it is written.
///
/// # Errors
/// When it does not parse, or holds an invalid value.
pub fn parse(path: &Path, text: &str) -> Result<LinkFile, LinkError> {
    let link: Link = yaml::parse(path, text)?;
    validate(&link).map_err(|e| LinkError::Field {
        path: path.to_owned(),
        line: e.line,
        field: e.field,
        reason: e.reason,
    })?;
    Ok(LinkFile {
        path: path.to_owned(),
        link,
    })
}

/// A field of a parsed link file whose value is not allowed, before the file's path is added.
#[derive(Debug)]
struct FieldError {
    line: Option<u64>,
    field: String,
    reason: String,
}

/// Checks every environment's view: names that Kubernetes accepts, a deploy repository, and no
/// two environments that would deploy the same app or write the same app.yaml.
fn validate(link: &Link) -> Result<(), FieldError> {
    let error = |line, field: String, reason: String| FieldError {
        line,
        field,
        reason,
    };
    check_view(link, "", None, &EnvironmentLines::default())?;
    if let Some(name) = &link.environment {
        crate::spec::validate_dns_label(name)
            .map_err(|reason| error(None, "environment".to_owned(), reason))?;
    }
    let mut seen = vec![(link.default_environment().to_owned(), link.clone())];
    for (name, entry) in &link.environments {
        let line = Some(entry.referenced.line());
        let field = format!("environments.{name}");
        crate::spec::validate_dns_label(name).map_err(|reason| {
            error(
                line,
                field.clone(),
                format!("not an environment name: {reason}"),
            )
        })?;
        if name == link.default_environment() {
            return Err(error(
                line,
                field,
                "names the default environment, which the top-level fields describe".to_owned(),
            ));
        }
        let view = merge(link.clone(), &entry.value);
        check_view(
            &view,
            &format!("{field}."),
            line,
            &EnvironmentLines::of(&entry.value),
        )?;
        for (other, seen_view) in &seen {
            let same_app = (&seen_view.context, &seen_view.namespace, &seen_view.app)
                == (&view.context, &view.namespace, &view.app);
            if same_app {
                return Err(error(
                    line,
                    field,
                    format!(
                        "deploys the same app `{}` in namespace `{}` as environment `{other}`: give it its own `namespace` or `app`",
                        view.app, view.namespace
                    ),
                ));
            }
            if seen_view.deploy == view.deploy {
                return Err(error(
                    line,
                    field,
                    format!(
                        "writes the same app.yaml as environment `{other}`: give it its own `deploy.path`, `deploy.branch` or `deploy.repo`"
                    ),
                ));
            }
        }
        seen.push((name.clone(), view));
    }
    Ok(())
}

/// Where an environment's fields are, so that an invalid value is reported at its own line.
#[derive(Debug, Default)]
struct EnvironmentLines {
    app: Option<u64>,
    namespace: Option<u64>,
    repo: Option<u64>,
}

impl EnvironmentLines {
    fn of(entry: &Environment) -> Self {
        EnvironmentLines {
            app: entry.app.as_ref().map(|a| a.referenced.line()),
            namespace: entry.namespace.as_ref().map(|n| n.referenced.line()),
            repo: entry
                .deploy
                .as_ref()
                .and_then(|d| d.repo.as_ref())
                .map(|r| r.referenced.line()),
        }
    }
}

/// Checks one environment's view; `prefix` and `line` say where its fields are written.
fn check_view(
    view: &Link,
    prefix: &str,
    line: Option<u64>,
    lines: &EnvironmentLines,
) -> Result<(), FieldError> {
    let error = |at: Option<u64>, field: &str, reason: String| FieldError {
        line: at.or(line),
        field: format!("{prefix}{field}"),
        reason,
    };
    crate::spec::validate_app_name(&view.app).map_err(|r| error(lines.app, "app", r))?;
    crate::spec::validate_dns_label(&view.namespace)
        .map_err(|r| error(lines.namespace, "namespace", r))?;
    if view.deploy.repo.trim().is_empty() {
        return Err(error(
            lines.repo,
            "deploy.repo",
            "must not be empty".to_owned(),
        ));
    }
    Ok(())
}

/// The link file as YAML, with the comments that explain each field to a reader of the repository.
#[must_use]
pub fn render(link: &Link) -> String {
    let mut out = crate::yaml::schema_line(SCHEMA_FILE);
    out.push_str("# Written by `ungleich-django init`: links this source tree to its deployment. Never holds a secret.\n");
    out.push_str(&format!(
        "app: {}                # names everything in the cluster\n",
        link.app
    ));
    out.push_str(&format!(
        "namespace: {}          # kube namespace (flag -n overrides)\n",
        link.namespace
    ));
    if let Some(context) = &link.context {
        out.push_str(&format!(
            "context: {}            # kube context (flag --context overrides)\n",
            quote(context)
        ));
    }
    out.push_str("deploy:\n");
    out.push_str(&format!(
        "  repo: {}  # a git URL, a local path, or \".\" for this repository\n",
        quote(&link.deploy.repo)
    ));
    out.push_str(&format!("  branch: {}\n", quote(&link.deploy.branch)));
    out.push_str(&format!(
        "  path: {}  # the folder inside the deploy repository\n",
        quote(&link.deploy.path)
    ));
    if let Some(argocd) = &link.argocd {
        out.push_str("argocd:\n");
        out.push_str(&format!("  namespace: {}\n", quote(&argocd.namespace)));
        if let Some(application) = &argocd.application {
            out.push_str(&format!("  application: {}\n", quote(application)));
        }
    }
    if let Some(name) = &link.environment {
        out.push_str(&format!(
            "environment: {name}          # the name of the environment above (-e {name})\n"
        ));
    }
    if !link.environments.is_empty() {
        out.push_str(ENVIRONMENTS_LINE);
    }
    for (name, entry) in &link.environments {
        out.push_str(&render_environment(name, &entry.value, 2));
    }
    out
}

/// The line that opens `environments:` in a link file init writes.
pub const ENVIRONMENTS_LINE: &str =
    "environments:                # each overrides what differs above; -e NAME selects one\n";

/// One entry of `environments:`, with only the fields it sets, its name indented by `indent`
/// spaces (the file's own indentation when an entry is added to it) and each level by two more.
#[must_use]
pub fn render_environment(name: &str, env: &Environment, indent: usize) -> String {
    let (at, field_at, sub_at) = (
        " ".repeat(indent),
        " ".repeat(indent + 2),
        " ".repeat(indent + 4),
    );
    let mut lines = Vec::new();
    let mut field = |key: &str, value: Option<&String>| {
        if let Some(value) = value {
            lines.push(format!("{field_at}{key}: {}", quote(value)));
        }
    };
    field("app", env.app.as_ref().map(|a| &a.value));
    field("namespace", env.namespace.as_ref().map(|n| &n.value));
    field("context", env.context.as_ref());
    if let Some(deploy) = &env.deploy {
        lines.push(format!("{field_at}deploy:"));
        let mut field = |key: &str, value: Option<&String>| {
            if let Some(value) = value {
                lines.push(format!("{sub_at}{key}: {}", quote(value)));
            }
        };
        field("repo", deploy.repo.as_ref().map(|r| &r.value));
        field("branch", deploy.branch.as_ref());
        field("path", deploy.path.as_ref());
    }
    if let Some(argocd) = &env.argocd {
        lines.push(format!("{field_at}argocd:"));
        for (key, value) in [
            ("namespace", &argocd.namespace),
            ("application", &argocd.application),
        ] {
            if let Some(value) = value {
                lines.push(format!("{sub_at}{key}: {}", quote(value)));
            }
        }
    }
    if lines.is_empty() {
        format!("{at}{name}: {{}}\n")
    } else {
        format!("{at}{name}:\n{}\n", lines.join("\n"))
    }
}

/// A YAML scalar for `value`, quoted when plain style would change its meaning.
fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./@:".contains(c))
        && !value.starts_with(['-', ':', '@', '.'])
        && !value.contains(": ")
        && !value.ends_with(':')
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
            .contains(&value.to_ascii_lowercase().as_str());
    if plain || value == "." {
        value.to_owned()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Link {
        Link {
            app: "shop".into(),
            namespace: "shop".into(),
            context: Some("ungleich-prod".into()),
            deploy: DeployRepoRef {
                repo: "git@git.example.com:acme/shop-deploy.git".into(),
                branch: "main".into(),
                path: ".".into(),
            },
            argocd: Some(ArgoCdRef {
                namespace: "argocd".into(),
                application: Some("shop".into()),
            }),
            environment: None,
            environments: BTreeMap::new(),
        }
    }

    /// The top of a link file with two environments; cases append `environments:` entries.
    const TOP: &str = "\
app: shop
namespace: shop
context: prod
deploy:
  repo: git@git.example.com:acme/shop-deploy.git
  branch: main
  path: production
argocd:
  namespace: argocd
  application: shop
environment: production
environments:
";

    fn load_text(text: &str) -> Result<LinkFile, LinkError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        load(&path)
    }

    /// What a view is compared on: app, namespace, context, repo, branch, path, Application.
    fn summary(link: &Link) -> [String; 8] {
        let (argocd_namespace, application) = link.argocd_application();
        [
            link.app.clone(),
            link.namespace.clone(),
            link.context.clone().unwrap_or_default(),
            link.deploy.repo.clone(),
            link.deploy.branch.clone(),
            link.deploy.path.clone(),
            argocd_namespace,
            application,
        ]
    }

    #[test]
    fn environments_merge_over_the_top_level_fields() {
        let repo = "git@git.example.com:acme/shop-deploy.git";
        for (entries, env, want) in [
            // The top level is the default environment, under its own name or none.
            (
                "  staging:\n    namespace: shop-staging\n    deploy: {path: staging}\n",
                None,
                [
                    "shop",
                    "shop",
                    "prod",
                    repo,
                    "main",
                    "production",
                    "argocd",
                    "shop",
                ],
            ),
            (
                "  staging:\n    namespace: shop-staging\n    deploy: {path: staging}\n",
                Some("production"),
                [
                    "shop",
                    "shop",
                    "prod",
                    repo,
                    "main",
                    "production",
                    "argocd",
                    "shop",
                ],
            ),
            // Only the fields given change; deploy merges field by field.
            (
                "  staging:\n    namespace: shop-staging\n    deploy: {path: staging/}\n",
                Some("staging"),
                [
                    "shop",
                    "shop-staging",
                    "prod",
                    repo,
                    "main",
                    "staging",
                    "argocd",
                    "shop",
                ],
            ),
            (
                "  staging:\n    context: test\n    namespace: shop-staging\n    deploy:\n      branch: staging\n",
                Some("staging"),
                [
                    "shop",
                    "shop-staging",
                    "test",
                    repo,
                    "staging",
                    "production",
                    "argocd",
                    "shop",
                ],
            ),
            // A renamed app gets an Application of its own name unless it names one.
            (
                "  staging:\n    app: shop-staging\n    deploy: {repo: ../staging-deploy}\n",
                Some("staging"),
                [
                    "shop-staging",
                    "shop",
                    "prod",
                    "../staging-deploy",
                    "main",
                    "production",
                    "argocd",
                    "shop-staging",
                ],
            ),
            (
                "  staging:\n    app: shop-staging\n    deploy: {path: s}\n    argocd: {application: staging-shop}\n",
                Some("staging"),
                [
                    "shop-staging",
                    "shop",
                    "prod",
                    repo,
                    "main",
                    "s",
                    "argocd",
                    "staging-shop",
                ],
            ),
            (
                "  staging:\n    namespace: s\n    deploy: {path: s}\n    argocd: {namespace: argo-s}\n",
                Some("staging"),
                ["shop", "s", "prod", repo, "main", "s", "argo-s", "shop"],
            ),
        ] {
            let file = load_text(&format!("{TOP}{entries}")).unwrap();
            let view = file.select(env).unwrap().link;
            assert_eq!(
                summary(&view),
                want.map(str::to_owned),
                "{entries} -e {env:?}"
            );
            assert!(view.environments.is_empty());
            assert_eq!(view.default_environment(), env.unwrap_or("production"));
        }
    }

    #[test]
    fn a_file_without_environments_is_its_own_default() {
        let file = load_text(&render(&sample())).unwrap();
        assert_eq!(file.link.environment_names(), ["default"]);
        let view = file.clone().select(None).unwrap().link;
        assert_eq!(
            Link {
                environment: None,
                ..view
            },
            sample()
        );
        assert_eq!(
            file.clone().select(Some("default")).unwrap().link.app,
            "shop"
        );
        let err = file.select(Some("staging")).unwrap_err();
        assert_eq!(err.exit_code(), ExitCode::InvalidInput);
        assert!(
            err.to_string().contains("no environment `staging`"),
            "{err}"
        );
        assert!(
            err.hint().unwrap().contains("pass one of default"),
            "{:?}",
            err.hint()
        );
    }

    #[test]
    fn invalid_environments_name_file_line_and_field() {
        for (entries, line, field, reason) in [
            (
                "  staging:\n    namespace: Shop_Staging\n",
                14,
                "environments.staging.namespace",
                "lowercase",
            ),
            (
                "  staging:\n    namespace: s\n    app: Shop\n    deploy: {path: s}\n",
                15,
                "environments.staging.app",
                "",
            ),
            (
                "  staging:\n    namespace: s\n    deploy: {repo: \"\"}\n",
                15,
                "environments.staging.deploy.repo",
                "empty",
            ),
            (
                "  Staging: {namespace: s}\n",
                13,
                "environments.Staging",
                "not an environment name",
            ),
            (
                "  production: {namespace: s}\n",
                13,
                "environments.production",
                "default environment",
            ),
            (
                "  staging:\n    deploy: {path: s}\n",
                14,
                "environments.staging",
                "same app `shop`",
            ),
            (
                "  staging:\n    context: other\n",
                14,
                "environments.staging",
                "same app.yaml",
            ),
            (
                "  staging:\n    namespace: s\n",
                14,
                "environments.staging",
                "same app.yaml",
            ),
            (
                "  a:\n    namespace: a\n    deploy: {path: a}\n  b:\n    namespace: a\n    deploy: {path: b}\n",
                17,
                "environments.b",
                "environment `a`",
            ),
        ] {
            let err = load_text(&format!("{TOP}{entries}")).unwrap_err();
            let text = err.to_string();
            assert!(
                text.contains(FILE_NAME)
                    && text.contains(&format!(": line {line}:"))
                    && text.contains(&format!("field `{field}`"))
                    && text.contains(reason),
                "{entries}: {text}"
            );
            assert_eq!(err.exit_code(), ExitCode::InvalidInput);
        }
        // A misspelt key inside an entry is the parser's error, at its line, with the nearest key.
        let err = load_text(&format!("{TOP}  staging:\n    namspace: s\n")).unwrap_err();
        assert!(err.to_string().contains("line 14"), "{err}");
        assert_eq!(err.hint().as_deref(), Some("did you mean `namespace`?"));
    }

    #[test]
    fn environments_are_rendered_and_read_back() {
        let text = format!(
            "{TOP}  staging:\n    app: shop-staging\n    namespace: shop-staging\n    context: test\n    deploy:\n      branch: staging\n      path: staging\n    argocd:\n      application: shop-s\n  review: {{namespace: review, deploy: {{path: review}}}}\n"
        );
        let file = load_text(&text).unwrap();
        let again = load_text(&render(&file.link)).unwrap();
        assert_eq!(
            again.link.environment_names(),
            ["production", "review", "staging"]
        );
        for env in ["production", "review", "staging"] {
            assert_eq!(
                summary(&again.clone().select(Some(env)).unwrap().link),
                summary(&file.clone().select(Some(env)).unwrap().link),
                "{env}"
            );
        }
    }

    #[test]
    fn rendered_link_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for link in [
            sample(),
            Link {
                context: None,
                argocd: None,
                ..sample()
            },
            Link {
                environment: Some("production".into()),
                ..sample()
            },
        ] {
            std::fs::write(&path, render(&link)).unwrap();
            assert_eq!(load(&path).unwrap().link, link);
        }
    }

    #[test]
    fn found_in_a_parent_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), render(&sample())).unwrap();
        let nested = dir.path().join("src/shop/templates");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(find(&nested).unwrap().path, dir.path().join(FILE_NAME));
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "app: shop\nnamespace: shop\ndeploy:\n  repo: x\n  brach: main\n",
        )
        .unwrap();
        let err = load(&path).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains(&path.display().to_string()) && text.contains("line 5"),
            "{text}"
        );
        assert_eq!(err.hint().as_deref(), Some("did you mean `branch`?"));

        std::fs::write(&path, "app: Shop_1\nnamespace: shop\ndeploy:\n  repo: x\n").unwrap();
        assert!(load(&path).unwrap_err().to_string().contains("field `app`"));
    }

    #[test]
    fn app_yaml_is_named_from_where_the_link_file_is() {
        let deploy = |repo: &str, path: &str| DeployRepoRef {
            repo: repo.into(),
            branch: "main".into(),
            path: path.into(),
        };
        for (repo, path, shown) in [
            (".", "deploy", "deploy/app.yaml"),
            (".", "./backend/deploy", "backend/deploy/app.yaml"),
            ("../shop-deploy", ".", "../shop-deploy/app.yaml"),
            (
                "file://../shop-deploy",
                "apps/shop",
                "../shop-deploy/apps/shop/app.yaml",
            ),
            (
                "git@git.example.com:acme/deploy.git",
                "shop",
                "shop/app.yaml",
            ),
        ] {
            assert_eq!(deploy(repo, path).spec_shown_path(), shown, "{repo} {path}");
        }
        let root = Path::new("/src/shop");
        assert_eq!(
            deploy("../d", "x").local_app_dir(root, None),
            Path::new("/src/shop/../d/x")
        );
        assert_eq!(
            deploy(".", "shop/deploy").local_app_dir(root, Some(Path::new("/src"))),
            Path::new("/src/shop/deploy")
        );
    }

    #[test]
    fn deploy_paths_are_tidied_and_defaulted() {
        assert_eq!(tidy_deploy_path("deploy/"), "deploy");
        assert_eq!(tidy_deploy_path("/"), ".");
        assert_eq!(tidy_deploy_path(""), ".");
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("backend");
        std::fs::create_dir_all(&project).unwrap();
        assert_eq!(
            default_deploy_path(".", &project, Some(dir.path())),
            "backend/deploy"
        );
        assert_eq!(default_deploy_path(".", &project, None), "deploy");
        assert_eq!(default_deploy_path("../d", &project, Some(dir.path())), ".");
    }

    #[test]
    fn missing_link_file_says_how_to_make_one() {
        let dir = tempfile::tempdir().unwrap();
        let err = find(dir.path()).unwrap_err();
        assert!(err.hint().unwrap().contains("ungleich-django init"));
    }
}
