//! [`Context`]: what every command receives, built once from the global flags: the printer and
//! the prompter, the terminal they were decided for, the working directory, and the cluster flags.
//! It also answers the questions several commands ask of those flags: which link file, which
//! cluster, which git authentication, and it runs async work for the commands that need it.

use std::future::Future;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::cluster::ClusterTarget;
use crate::exit::{ExitCode, Failure};
use crate::link::{self, LinkError, LinkFile};
use crate::ui::{Printer, Prompter, Terminal};

/// What every command receives: where it runs, how to talk to the user, which cluster the flags
/// name. Built once from the global flags.
#[derive(Debug)]
pub struct Context {
    /// Output to the user.
    pub printer: Printer,
    /// Questions to the user, or the flag that answers them when nobody can be asked.
    pub prompter: Prompter,
    /// The directory the command runs in (`-C DIR`, else the current one).
    pub cwd: PathBuf,
    /// The cluster flags as given; combine with the link file through [`Context::cluster_target`].
    pub cluster_flags: ClusterTarget,
    /// The environment `-e/--env` or `UNGLEICH_ENV` selects; `None` for the link file's default.
    pub environment: Option<String>,
    terminal: Terminal,
}

impl Context {
    /// Resolves the global flags for `terminal`. A stdin or stderr that is not a terminal, or
    /// `--no-input`, turns prompting off.
    ///
    /// # Errors
    /// When `-C DIR` does not exist or the current directory is gone.
    pub fn from_flags(global: &GlobalArgs, terminal: Terminal) -> anyhow::Result<Self> {
        let json = global.output == OutputFormat::Json;
        let printer = Printer::new(global.quiet, global.verbose, json, terminal);
        let interactive = terminal.stdin() && terminal.stderr() && !global.no_input;
        let prompter = Prompter::new(interactive, global.yes);
        let cwd = match &global.directory {
            Some(dir) => dir.canonicalize().map_err(|e| {
                Failure::new(
                    ExitCode::Usage,
                    format!("cannot change to directory {}: {e}", dir.display()),
                )
            })?,
            None => std::env::current_dir().context("cannot read the current directory")?,
        };
        // `-n` ends up in committed manifests (a SealedSecret's namespace, the link file): it
        // must be a namespace name before anything is written.
        if let Some(namespace) = &global.namespace {
            crate::spec::validate_dns_label(namespace).map_err(|reason| {
                Failure::new(
                    ExitCode::InvalidInput,
                    format!("-n/--namespace is not a Kubernetes namespace name: {reason}"),
                )
                .hint("a namespace name is a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters")
            })?;
        }
        let cluster_flags = ClusterTarget {
            kubeconfig: global.kubeconfig.clone(),
            context: global.context.clone(),
            namespace: global.namespace.clone(),
        };
        Ok(Context {
            printer,
            prompter,
            cwd,
            cluster_flags,
            // An empty UNGLEICH_ENV (exported but unset in CI) means the default environment.
            environment: global.env.clone().filter(|e| !e.is_empty()),
            terminal,
        })
    }

    /// What stdin and stderr are attached to, and whether to colour (ask this rather than the
    /// streams, so one decision holds everywhere).
    #[must_use]
    pub fn terminal(&self) -> Terminal {
        self.terminal
    }

    /// Authentication for the deploy repository that can ask for an ssh key's passphrase when a
    /// person is at the terminal (the gitops module never prompts).
    #[must_use]
    pub fn git_auth(&self) -> crate::gitops::Auth {
        let prompter = self.prompter;
        if !prompter.is_interactive() {
            return crate::gitops::Auth::default();
        }
        crate::gitops::Auth::with_prompt(Box::new(move |key: &std::path::Path| {
            prompter
                .secret(
                    &format!("Passphrase for {}", key.display()),
                    false,
                    "ssh-add (load the key into ssh-agent)",
                )
                .ok()
        }))
    }

    /// The nearest link file at or above the working directory, as the environment `-e` selects
    /// sees it (every command works on one environment).
    ///
    /// # Errors
    /// When there is none, it is invalid, or it does not name the selected environment.
    pub fn link(&self) -> Result<LinkFile, LinkError> {
        let found = link::find(&self.cwd)?.select(self.environment.as_deref())?;
        let deploy = &found.link.deploy;
        self.printer.debug(format_args!(
            "link file {}, environment {} (app {}, namespace {}, deploy repository {} branch {} path {})",
            found.path.display(),
            found.link.default_environment(),
            found.link.app,
            found.link.namespace,
            crate::gitops::redact_url(&deploy.repo),
            deploy.branch,
            deploy.path
        ));
        Ok(found)
    }

    /// The nearest link file as environment `name` sees it, whatever `-e` selects: for the
    /// commands that act on several environments (`promote`, `--all-envs`).
    ///
    /// # Errors
    /// When there is no link file, it is invalid, or it does not name `name`.
    pub fn environment_link(&self, name: &str) -> Result<LinkFile, LinkError> {
        link::find(&self.cwd)?.select(Some(name))
    }

    /// The cluster of one of several environments a command acts on (`promote`, `--all-envs`):
    /// as [`Context::cluster_target`], but always the environment's own namespace, as one `-n`
    /// cannot name the namespaces of two environments.
    #[must_use]
    pub fn environment_target(&self, link: &link::Link) -> ClusterTarget {
        ClusterTarget {
            namespace: Some(link.namespace.clone()),
            ..self.cluster_target(Some(link))
        }
    }

    /// The cluster to use: the flags, completed by the link file's context and namespace.
    #[must_use]
    pub fn cluster_target(&self, link: Option<&link::Link>) -> ClusterTarget {
        let flags = &self.cluster_flags;
        let target = ClusterTarget {
            kubeconfig: flags.kubeconfig.clone(),
            context: flags
                .context
                .clone()
                .or_else(|| link.and_then(|l| l.context.clone())),
            namespace: flags
                .namespace
                .clone()
                .or_else(|| link.map(|l| l.namespace.clone())),
        };
        self.printer.debug(format_args!(
            "cluster: kubeconfig {}, context {}, namespace {}",
            target
                .kubeconfig
                .as_ref()
                .map_or_else(|| "(default)".to_owned(), |p| p.display().to_string()),
            target.context.as_deref().unwrap_or("(current)"),
            target.namespace.as_deref().unwrap_or("(the context's)")
        ));
        target
    }

    /// Runs async work (cluster calls) to completion on a runtime made for it. Commands that do
    /// not talk to the cluster never pay for one, which keeps `--help` and `secret set` fast.
    ///
    /// # Errors
    /// When the runtime cannot be created.
    pub fn block_on<F: Future>(&self, future: F) -> anyhow::Result<F::Output> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime")?;
        Ok(runtime.block_on(future))
    }
}
