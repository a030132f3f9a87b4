//! `ungleich-django.yaml`: the link from a source tree to its deployment. Never holds a secret.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::exit::{Classify, ExitCode};
use crate::fsutil::lexical;
use crate::yaml::{self, YamlError};

/// The link file's name, looked up in the current directory and its parents.
pub const FILE_NAME: &str = "ungleich-django.yaml";

/// The link file's contents (DESIGN section 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
}

/// The deploy repository: a git URL, a local path, or `.` for the source repository itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// A field parses but its value is not allowed.
    #[error("invalid link file {}: field `{field}`: {reason}", path.display())]
    Field {
        path: PathBuf,
        field: &'static str,
        reason: String,
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
            LinkError::Read { .. } => None,
        }
    }
}

/// A link file and where it was found.
#[derive(Debug, Clone)]
pub struct LinkFile {
    /// The file's path.
    pub path: PathBuf,
    /// Its contents.
    pub link: Link,
}

impl LinkFile {
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
    let link: Link = yaml::parse(path, &text)?;
    let field_error = |field, reason: String| LinkError::Field {
        path: path.to_owned(),
        field,
        reason,
    };
    crate::spec::validate_app_name(&link.app).map_err(|reason| field_error("app", reason))?;
    crate::spec::validate_dns_label(&link.namespace)
        .map_err(|reason| field_error("namespace", reason))?;
    if link.deploy.repo.trim().is_empty() {
        return Err(field_error("deploy.repo", "must not be empty".to_owned()));
    }
    Ok(LinkFile {
        path: path.to_owned(),
        link,
    })
}

/// The link file as YAML, with the comments that explain each field to a reader of the repository.
#[must_use]
pub fn render(link: &Link) -> String {
    let mut out = String::new();
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
        out.push_str(&format!("  namespace: {}\n", argocd.namespace));
        if let Some(application) = &argocd.application {
            out.push_str(&format!("  application: {application}\n"));
        }
    }
    out
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
