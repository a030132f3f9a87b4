//! A new environment of a linked app (`init --env NAME`): what it is proposed to be, its entry
//! under `environments:` holding only what differs from the default environment, the link file's
//! text with that entry added (every other line kept as the customer wrote it), and its first
//! app.yaml made from the default environment's. Asking, writing and committing are the
//! command's.

use std::path::Path;

use serde_saphyr::{Location, Spanned};

use crate::exit::{Classify, ExitCode};
use crate::link::{self, ArgoCdOverride, DeployOverride, Environment, Link, LinkError};
use crate::spec::{self, AppSpec, SpecError};

/// Every field of the new environment, as it will be seen (`-e NAME`): the default
/// environment's value wherever nothing else was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub app: String,
    pub namespace: String,
    pub context: Option<String>,
    pub deploy_repo: String,
    pub deploy_branch: String,
    pub deploy_path: String,
    /// `None`: the default environment's, or `argocd` when it has none.
    pub argocd_namespace: Option<String>,
    /// `None`: the app's name, as for the default environment.
    pub argocd_application: Option<String>,
}

/// What environment `name` of `link` is proposed to be when nothing is asked: its own app
/// `<app>-<name>` (so its ArgoCD Application has its own name too) in its own namespace
/// `<namespace>-<name>`, in the same deploy repository and branch, in its own folder
/// ([`proposed_path`]).
#[must_use]
pub fn proposed(link: &Link, name: &str) -> Wanted {
    Wanted {
        app: format!("{}-{name}", link.app),
        namespace: format!("{}-{name}", link.namespace),
        context: link.context.clone(),
        deploy_repo: link.deploy.repo.clone(),
        deploy_branch: link.deploy.branch.clone(),
        deploy_path: proposed_path(&link.deploy.path, link.default_environment(), name),
        argocd_namespace: None,
        argocd_application: None,
    }
}

/// The folder of environment `name` in the deploy repository, given the default environment's
/// `path`: beside it when the folders are named after environments (`production` gives
/// `staging`), else inside it (`.` gives `staging`, `deploy` gives `deploy/staging`). ArgoCD reads
/// each folder's sealed-secrets.yaml alone (`directory.include`), so a folder inside another
/// never mixes their secrets.
#[must_use]
pub fn proposed_path(path: &str, default_environment: &str, name: &str) -> String {
    let path = Path::new(path);
    if path == Path::new(".") {
        return name.to_owned();
    }
    let named_after_environment = path
        .file_name()
        .is_some_and(|last| last == default_environment);
    let at = if named_after_environment {
        path.parent().unwrap_or(Path::new("")).join(name)
    } else {
        path.join(name)
    };
    link::tidy_deploy_path(&at.to_string_lossy())
}

/// The entry of `environments:` for `wanted`: only the fields that differ from the default
/// environment, so that a later change of the top level (another repository, say) reaches every
/// environment that did not choose otherwise.
#[must_use]
pub fn entry(link: &Link, wanted: &Wanted) -> Environment {
    let spanned =
        |value: &str| Spanned::new(value.to_owned(), Location::UNKNOWN, Location::UNKNOWN);
    let differs = |ours: &str, theirs: &str| (ours != theirs).then(|| ours.to_owned());
    let deploy = DeployOverride {
        repo: (wanted.deploy_repo != link.deploy.repo).then(|| spanned(&wanted.deploy_repo)),
        branch: differs(&wanted.deploy_branch, &link.deploy.branch),
        path: differs(
            &link::tidy_deploy_path(&wanted.deploy_path),
            &link.deploy.path,
        ),
    };
    let argocd = ArgoCdOverride {
        namespace: wanted.argocd_namespace.clone(),
        application: wanted.argocd_application.clone(),
    };
    Environment {
        app: (wanted.app != link.app).then(|| spanned(&wanted.app)),
        namespace: (wanted.namespace != link.namespace).then(|| spanned(&wanted.namespace)),
        context: match (&wanted.context, &link.context) {
            (Some(ours), theirs) if Some(ours) != theirs.as_ref() => Some(ours.clone()),
            _ => None,
        },
        deploy: (deploy != DeployOverride::default()).then_some(deploy),
        argocd: (argocd != ArgoCdOverride::default()).then_some(argocd),
    }
}

/// The link file `text` (at `path`, read as `link`) with environment `name` added as `entry`.
/// The other lines stay as they are, comments and order included; the entry goes at the end of
/// `environments:` (made at the end of the file when missing), indented as its entries are. The
/// result is read back: it must be a valid link file in which `name` sees `wanted`.
///
/// # Errors
/// When `name` is taken or invalid, the environment would deploy the same app, Application or
/// app.yaml as another one, or `environments:` is written in a style a line edit cannot extend.
pub fn add_to_link_file(
    path: &Path,
    text: &str,
    link: &Link,
    name: &str,
    wanted: &Wanted,
) -> Result<String, NewEnvironmentError> {
    check_name(link, name)?;
    check_wanted(wanted)?;
    let entry = entry(link, wanted);
    let mut with_entry = link.clone();
    with_entry.environments.insert(
        name.to_owned(),
        Spanned::new(entry.clone(), Location::UNKNOWN, Location::UNKNOWN),
    );
    check_apart(&with_entry, name)?;
    let new_text = insert_entry(text, name, &entry)?;
    let parsed = link::parse(path, &new_text)?;
    let view = parsed.link.environment_view(Some(name)).ok();
    let seen = view.map(|v| (v.app, v.namespace, v.deploy.path));
    let asked = (
        wanted.app.clone(),
        wanted.namespace.clone(),
        link::tidy_deploy_path(&wanted.deploy_path),
    );
    // A line edit that reads back as something else is a bug here, never the customer's: it
    // must not be written.
    if seen.as_ref() != Some(&asked) {
        return Err(NewEnvironmentError::Unreadable {
            path: path.to_owned(),
        });
    }
    Ok(new_text)
}

/// A name the file does not use yet, that Kubernetes and the `-e` flag accept.
///
/// # Errors
/// [`NewEnvironmentError::Exists`] or [`NewEnvironmentError::InvalidName`].
pub fn check_name(link: &Link, name: &str) -> Result<(), NewEnvironmentError> {
    if link.environment_names().iter().any(|known| known == name) {
        return Err(NewEnvironmentError::Exists {
            name: name.to_owned(),
            known: link.environment_names(),
        });
    }
    spec::validate_dns_label(name).map_err(|reason| NewEnvironmentError::InvalidName {
        name: name.to_owned(),
        reason,
    })
}

/// The values Kubernetes must accept, checked here so that a bad one is named as the flag or
/// answer it came from, not as a line of a file never written.
fn check_wanted(wanted: &Wanted) -> Result<(), NewEnvironmentError> {
    let invalid = |field: &'static str| {
        move |reason: String| NewEnvironmentError::InvalidField { field, reason }
    };
    spec::validate_app_name(&wanted.app).map_err(invalid("app"))?;
    spec::validate_dns_label(&wanted.namespace).map_err(invalid("namespace"))?;
    for (field, value) in [
        ("deploy repository", &wanted.deploy_repo),
        ("deploy branch", &wanted.deploy_branch),
        ("deploy path", &wanted.deploy_path),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(field)("must not be empty".to_owned()));
        }
    }
    // Checked here as git checks it, before the link file or the deploy repository is touched.
    if !crate::gitops::is_valid_branch_name(&wanted.deploy_branch) {
        return Err(invalid("deploy branch")(format!(
            "`{}` is not a name git allows for a branch",
            wanted.deploy_branch
        )));
    }
    Ok(())
}

/// Environment `name` of `link` shares nothing with the others that must be its own: the app in
/// its namespace, the ArgoCD Application, and the app.yaml.
fn check_apart(link: &Link, name: &str) -> Result<(), NewEnvironmentError> {
    let Ok(ours) = link.environment_view(Some(name)) else {
        return Ok(());
    };
    for other in link.environment_names() {
        let Ok(theirs) = link.environment_view(Some(&other)) else {
            continue;
        };
        if other == name {
            continue;
        }
        if (&ours.context, &ours.namespace, &ours.app)
            == (&theirs.context, &theirs.namespace, &theirs.app)
        {
            return Err(NewEnvironmentError::SameApp {
                other,
                app: ours.app,
                namespace: ours.namespace,
            });
        }
        if ours.argocd_application() == theirs.argocd_application() {
            let (namespace, application) = ours.argocd_application();
            return Err(NewEnvironmentError::SameApplication {
                other,
                application: format!("{namespace}/{application}"),
            });
        }
        if ours.deploy == theirs.deploy {
            return Err(NewEnvironmentError::SameAppYaml {
                other,
                path: ours.deploy.spec_shown_path(),
            });
        }
    }
    Ok(())
}

/// `text` with `entry` added at the end of `environments:`; see [`add_to_link_file`].
fn insert_entry(
    text: &str,
    name: &str,
    entry: &Environment,
) -> Result<String, NewEnvironmentError> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let header = lines.iter().position(|line| {
        line.strip_prefix("environments:")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    });
    let Some(header) = header else {
        let mut out = lines.join("\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(link::ENVIRONMENTS_LINE);
        out.push_str(&link::render_environment(name, entry, 2));
        return Ok(out);
    };
    let rest = &lines[header]["environments:".len()..];
    let (value, comment) = spec::edit::split_comment(rest);
    match value.trim() {
        "" => {}
        // An empty flow map becomes a block with one entry; its comment stays.
        "{}" => {
            lines[header] = match comment {
                Some(comment) => format!("environments:  {comment}"),
                None => "environments:".to_owned(),
            };
        }
        _ => return Err(NewEnvironmentError::FlowStyle),
    }
    // The block ends before the next line at column 0 that is not a comment; comments and blank
    // lines after its last entry belong to what follows.
    let mut end = header + 1;
    let mut indent = None;
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || (trimmed.starts_with('#') && !line.starts_with([' ', '\t'])) {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            break;
        }
        if line.starts_with('\t') {
            return Err(NewEnvironmentError::FlowStyle);
        }
        if !trimmed.starts_with('#') {
            indent.get_or_insert(line.len() - trimmed.len());
        }
        end = i + 1;
    }
    let rendered = link::render_environment(name, entry, indent.unwrap_or(2));
    lines.splice(end..end, rendered.lines().map(str::to_owned));
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

/// The new environment's first app.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstSpec {
    pub text: String,
    /// The default environment's app.yaml was its model.
    pub copied: bool,
    /// The default environment's hosts, left out: two Ingresses cannot answer the same host.
    pub hosts_left_out: Vec<String>,
}

/// app.yaml for the new environment `app`, from the default environment's (`default`, when it
/// has one): its image, env, replicas, commands and the rest copied, comments and order kept;
/// `name` its own; the hosts left out (they would collide with the default's) unless `hosts`
/// names its own; `secretsRevision` left out, as the secrets are not copied (a SealedSecret is
/// bound to its namespace). `image` replaces the copied image.
///
/// # Errors
/// When the default's app.yaml cannot be edited on its lines, or the result is invalid.
pub fn first_spec(
    path: &Path,
    default: Option<&str>,
    app: &str,
    image: Option<&str>,
    hosts: &[String],
) -> Result<FirstSpec, SpecError> {
    let edit_error = |reason: String| SpecError::Edit {
        path: path.to_owned(),
        reason,
    };
    let (mut text, hosts_left_out) = match default {
        Some(default) => {
            let parsed = AppSpec::parse(path, default)?;
            let text = spec::edit::remove_top_level_block(default, "hosts").map_err(edit_error)?;
            let text = spec::edit::remove_top_level_scalar(&text, "secretsRevision")
                .map_err(edit_error)?;
            (text, parsed.hosts)
        }
        None => (String::new(), Vec::new()),
    };
    text = spec::edit::set_top_level_scalar(&text, "name", app).map_err(edit_error)?;
    if let Some(image) = image {
        text = spec::edit::set_top_level_scalar(&text, "image", image).map_err(edit_error)?;
    }
    if !hosts.is_empty() {
        text = spec::hosts::add(&text, hosts).map_err(edit_error)?;
    }
    AppSpec::parse(path, &text)?;
    Ok(FirstSpec {
        text,
        copied: default.is_some(),
        hosts_left_out,
    })
}

/// Why an environment cannot be added.
#[derive(Debug, thiserror::Error)]
pub enum NewEnvironmentError {
    /// The link file names it already.
    #[error("environment `{name}` exists already (the link file names {})", known.join(", "))]
    Exists { name: String, known: Vec<String> },
    /// Not a name Kubernetes and the `-e` flag accept.
    #[error("`{name}` is not an environment name: {reason}")]
    InvalidName { name: String, reason: String },
    /// The app, namespace or deploy location asked for is not allowed.
    #[error("invalid {field} for the new environment: {reason}")]
    InvalidField { field: &'static str, reason: String },
    /// Another environment is the same app in the same namespace.
    #[error(
        "the new environment would deploy the same app `{app}` in namespace `{namespace}` as environment `{other}`"
    )]
    SameApp {
        other: String,
        app: String,
        namespace: String,
    },
    /// Another environment's ArgoCD Application.
    #[error(
        "the new environment would be deployed by the ArgoCD Application {application} of environment `{other}`"
    )]
    SameApplication { other: String, application: String },
    /// Another environment's app.yaml.
    #[error("the new environment would write {path}, the app.yaml of environment `{other}`")]
    SameAppYaml { other: String, path: String },
    /// `environments:` is written in flow style (or with tabs), which a line edit cannot extend.
    #[error("`environments:` is written in flow style; init can only add to a block of entries")]
    FlowStyle,
    /// The edited file would not read back as asked.
    #[error("the link file {} would not read back as asked after the edit", path.display())]
    Unreadable { path: std::path::PathBuf },
    /// The edited file is not a valid link file.
    #[error(transparent)]
    Link(#[from] LinkError),
}

impl Classify for NewEnvironmentError {
    fn exit_code(&self) -> ExitCode {
        match self {
            NewEnvironmentError::Link(e) => e.exit_code(),
            NewEnvironmentError::Unreadable { .. } => ExitCode::Failure,
            _ => ExitCode::InvalidInput,
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            NewEnvironmentError::Exists { name, .. } => Some(format!(
                "choose another name, or change `{name}` under `environments:` in {}",
                link::FILE_NAME
            )),
            NewEnvironmentError::InvalidName { .. } => {
                Some("use lowercase letters, digits and '-', e.g. `staging`".to_owned())
            }
            NewEnvironmentError::InvalidField { field, .. } => Some(format!(
                "give another --{}",
                field.replace(' ', "-").replace("repository", "repo")
            )),
            NewEnvironmentError::SameApp { .. } => {
                Some("give it its own --namespace or --app".to_owned())
            }
            NewEnvironmentError::SameApplication { .. } => {
                Some("give it its own --app or --argocd-application".to_owned())
            }
            NewEnvironmentError::SameAppYaml { .. } => {
                Some("give it its own --deploy-path, --deploy-branch or --deploy-repo".to_owned())
            }
            NewEnvironmentError::FlowStyle => Some(format!(
                "write `environments:` in {} as a block (one entry a line, indented), or add the entry by hand",
                link::FILE_NAME
            )),
            NewEnvironmentError::Unreadable { .. } => Some(
                "nothing was written; add the entry under `environments:` by hand and report this"
                    .to_owned(),
            ),
            NewEnvironmentError::Link(e) => e.hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOP: &str = "# ours\napp: shop   # the app\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  path: production\nenvironment: production\n";

    fn link_of(text: &str) -> Link {
        link::parse(Path::new("ungleich-django.yaml"), text)
            .unwrap()
            .link
    }

    fn add(
        text: &str,
        name: &str,
        edit: impl FnOnce(&mut Wanted),
    ) -> Result<String, NewEnvironmentError> {
        let link = link_of(text);
        let mut wanted = proposed(&link, name);
        edit(&mut wanted);
        add_to_link_file(
            Path::new("ungleich-django.yaml"),
            text,
            &link,
            name,
            &wanted,
        )
    }

    #[test]
    fn proposed_folders_sit_beside_environment_folders_and_inside_others() {
        for (path, default, expected) in [
            (".", "default", "staging"),
            ("production", "production", "staging"),
            ("envs/production", "production", "envs/staging"),
            ("deploy", "default", "deploy/staging"),
            ("shop/deploy", "production", "shop/deploy/staging"),
        ] {
            assert_eq!(proposed_path(path, default, "staging"), expected, "{path}");
        }
    }

    #[test]
    fn the_entry_holds_only_what_differs_and_the_rest_of_the_file_stays() {
        let out = add(TOP, "staging", |_| {}).unwrap();
        assert_eq!(
            out,
            format!(
                "{TOP}{}  staging:\n    app: shop-staging\n    namespace: shop-staging\n    deploy:\n      path: staging\n",
                link::ENVIRONMENTS_LINE
            )
        );
        // Same app name in its own namespace, with its own Application, in its own folder.
        let out = add(TOP, "qa", |w| {
            w.app = "shop".into();
            w.argocd_application = Some("shop-qa".into());
        })
        .unwrap();
        assert!(
            out.ends_with("  qa:\n    namespace: shop-qa\n    deploy:\n      path: qa\n    argocd:\n      application: shop-qa\n"),
            "{out}"
        );
        // Another branch of the same repository: the entry names it (and the folder proposed).
        let out = add(TOP, "qa", |w| w.deploy_branch = "qa".into()).unwrap();
        assert!(
            out.ends_with("  qa:\n    app: shop-qa\n    namespace: shop-qa\n    deploy:\n      branch: qa\n      path: qa\n"),
            "{out}"
        );
    }

    #[test]
    fn an_entry_goes_at_the_end_of_environments_indented_as_its_entries() {
        let text = format!(
            "{TOP}environments:   # two\n    staging:\n        namespace: shop-staging\n        deploy: {{path: staging}}\n    # qa comes next\n\n# the end\nargocd:\n  namespace: argocd\n"
        );
        let out = add(&text, "qa", |_| {}).unwrap();
        assert_eq!(
            out,
            text.replace(
                "    # qa comes next\n",
                "    # qa comes next\n    qa:\n      app: shop-qa\n      namespace: shop-qa\n      deploy:\n        path: qa\n"
            )
        );
        let empty = format!("{TOP}environments: {{}}  # none yet\n");
        assert!(
            add(&empty, "qa", |_| {})
                .unwrap()
                .ends_with("environments:  # none yet\n  qa:\n    app: shop-qa\n    namespace: shop-qa\n    deploy:\n      path: qa\n")
        );
        let flow =
            format!("{TOP}environments: {{staging: {{namespace: s, deploy: {{path: s}}}}}}\n");
        assert!(matches!(
            add(&flow, "qa", |_| {}),
            Err(NewEnvironmentError::FlowStyle)
        ));
    }

    #[test]
    fn refusals_name_what_collides() {
        let two = format!(
            "{TOP}environments:\n  staging:\n    app: shop-staging\n    namespace: shop-staging\n    deploy:\n      path: staging\n"
        );
        let code = |r: Result<String, NewEnvironmentError>| r.unwrap_err();
        let e = code(add(&two, "staging", |_| {}));
        assert!(matches!(e, NewEnvironmentError::Exists { .. }), "{e}");
        assert_eq!(e.exit_code(), ExitCode::InvalidInput);
        assert!(matches!(
            code(add(&two, "production", |_| {})),
            NewEnvironmentError::Exists { .. }
        ));
        assert!(matches!(
            code(add(&two, "Q_A", |_| {})),
            NewEnvironmentError::InvalidName { .. }
        ));
        let e = code(add(&two, "qa", |w| {
            w.app = "shop-staging".into();
            w.namespace = "shop-staging".into();
        }));
        assert!(
            e.to_string().contains(
                "same app `shop-staging` in namespace `shop-staging` as environment `staging`"
            ),
            "{e}"
        );
        let e = code(add(&two, "qa", |w| w.app = "shop".into()));
        assert!(
            e.to_string()
                .contains("ArgoCD Application argocd/shop of environment `production`"),
            "{e}"
        );
        let e = code(add(&two, "qa", |w| w.deploy_path = "staging".into()));
        assert!(
            e.to_string()
                .contains("staging/app.yaml, the app.yaml of environment `staging`"),
            "{e}"
        );
        let e = code(add(&two, "qa", |w| w.namespace = "QA".into()));
        assert!(e.to_string().starts_with("invalid namespace"), "{e}");
        assert_eq!(e.exit_code(), ExitCode::InvalidInput);
    }

    #[test]
    fn the_first_app_yaml_copies_the_default_but_its_name_hosts_and_secrets() {
        let default = "# shop\nname: shop\nimage: r/shop:1  # CI\nhosts:\n  - shop.example.com\nenv:\n  DEBUG: '0'\nsecretsRevision: abc\nreplicas:\n  web: 2\n";
        let path = Path::new("staging/app.yaml");
        let first = first_spec(path, Some(default), "shop-staging", None, &[]).unwrap();
        assert_eq!(
            first.text,
            "# shop\nname: shop-staging\nimage: r/shop:1  # CI\nenv:\n  DEBUG: '0'\nreplicas:\n  web: 2\n"
        );
        assert!(first.copied);
        assert_eq!(first.hosts_left_out, ["shop.example.com"]);
        let own = first_spec(
            path,
            Some(default),
            "shop-staging",
            Some("r/shop:2"),
            &["staging.example.com".to_owned()],
        )
        .unwrap();
        assert!(own.text.contains("image: r/shop:2  # CI\n"), "{}", own.text);
        assert!(
            own.text.ends_with("hosts:\n  - staging.example.com\n"),
            "{}",
            own.text
        );
        let bare = first_spec(path, None, "shop-staging", None, &[]).unwrap();
        assert_eq!(bare.text, "name: shop-staging\n");
        assert!(!bare.copied);
    }
}
