//! Resolves the global flags into a [`Context`], turns each command's clap arguments into plain
//! settings, dispatches, and turns the outcome into an exit code.

use std::future::Future;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{CertSourceArgs, Cli, Command, GlobalArgs, OutputFormat, ScopeArg, SecretCommand};
use crate::cluster::ClusterTarget;
use crate::commands;
use crate::exit::{self, ExitCode, Failure};
use crate::link::{self, LinkError, LinkFile};
use crate::ui::{Printer, Prompter};

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
}

impl Context {
    /// Resolves the global flags. `NO_COLOR`, `--no-color` and a stderr that is not a terminal turn
    /// colour off; a stdin that is not a terminal turns prompting off.
    ///
    /// # Errors
    /// When `-C DIR` does not exist or the current directory is gone.
    pub fn from_flags(global: &GlobalArgs) -> anyhow::Result<Self> {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = !global.no_color && !no_color_env && std::io::stderr().is_terminal();
        let json = global.output == OutputFormat::Json;
        let printer = Printer::new(global.quiet, global.verbose, json, color);
        let interactive =
            std::io::stdin().is_terminal() && std::io::stderr().is_terminal() && !global.no_input;
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
        })
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

    /// The nearest link file at or above the working directory.
    ///
    /// # Errors
    /// When there is none, or it is invalid.
    pub fn link(&self) -> Result<LinkFile, LinkError> {
        let found = link::find(&self.cwd)?;
        let deploy = &found.link.deploy;
        self.printer.debug(format_args!(
            "link file {} (app {}, namespace {}, deploy repository {} branch {} path {})",
            found.path.display(),
            found.link.app,
            found.link.namespace,
            crate::gitops::redact_url(&deploy.repo),
            deploy.branch,
            deploy.path
        ));
        Ok(found)
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

/// Runs the parsed command line and returns the exit code, having told the user about any error.
#[must_use]
pub fn main(cli: Cli) -> ExitCode {
    let color = !cli.global.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    match run(cli) {
        Ok(code) => code,
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::Success,
        Err(err) => {
            let (code, hint) = exit::classify(&err);
            eprint!("{}", exit::render(&err, hint.as_deref(), color));
            code
        }
    }
}

/// Dispatches to the command.
///
/// # Errors
/// Whatever the command fails with; `main` classifies and renders it.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ctx = Context::from_flags(&cli.global)?;
    match cli.command {
        Command::Completions(args) => commands::completions::run(&ctx, args.shell),
        Command::Schema => commands::schema::run(&ctx),
        Command::Init(args) => commands::init::run(&ctx, init_settings(&ctx, args)),
        // Each of these reads the link file first, so its errors are already the real ones.
        Command::Doctor(args) => commands::doctor::run(
            &ctx,
            commands::doctor::Settings {
                offline: args.offline,
            },
        ),
        Command::Secret(command) => run_secret(&ctx, command),
        Command::Deploy(args) => commands::deploy::run(
            &ctx,
            commands::deploy::Settings {
                image: args.image,
                tag: args.tag,
                no_wait: args.follow.no_wait,
                timeout: args.follow.timeout,
            },
        ),
        Command::Rollback(args) => commands::rollback::run(
            &ctx,
            commands::rollback::Settings {
                revision: args.revision,
                list: args.list,
                no_wait: args.follow.no_wait,
                timeout: args.follow.timeout,
            },
        ),
        Command::Logs(args) => commands::logs::run(
            &ctx,
            commands::logs::Settings {
                sources: args
                    .components
                    .iter()
                    .map(|c| match c {
                        crate::cli::LogComponent::Web => crate::cluster::logs::Source::Web,
                        crate::cli::LogComponent::Async => crate::cluster::logs::Source::Async,
                        crate::cli::LogComponent::Init => crate::cluster::logs::Source::Init,
                    })
                    .collect(),
                follow: args.follow,
                since: args.since,
                tail: args.tail,
                timestamps: args.timestamps,
                previous: args.previous,
                pod: args.pod,
                run: args.run,
            },
        ),
        Command::Status(_) => commands::status::run(&ctx),
        Command::Run(args) => commands::run::run(
            &ctx,
            commands::run::Settings {
                command: args.command,
                component: run_component(args.component),
                detach: args.detach,
                timeout: args.timeout,
                list: args.list,
            },
        ),
        Command::Shell(args) => commands::shell::run(
            &ctx,
            commands::shell::Settings {
                component: run_component(args.component),
            },
        ),
    }
}

/// `secret ...`: clap's arguments become each command's plain settings.
fn run_secret(ctx: &Context, command: SecretCommand) -> anyhow::Result<ExitCode> {
    use commands::secret;
    match command {
        SecretCommand::Set(args) => secret::set::run(
            ctx,
            secret::set::Settings {
                args: args.keys,
                from_file: args.from_file,
                scope: args.scope.map(scope),
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
        SecretCommand::Import(args) => secret::import::run(
            ctx,
            secret::import::Settings {
                file: args.file,
                scope: args.scope.map(scope),
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
        SecretCommand::List(_) => secret::list::run(ctx),
        SecretCommand::Unset(args) => secret::unset::run(
            ctx,
            secret::unset::Settings {
                keys: args.keys,
                ignore_missing: args.ignore_missing,
                push: !args.no_push,
            },
        ),
        SecretCommand::Cert(args) => secret::cert::run(
            ctx,
            secret::cert::Settings {
                refresh: args.refresh,
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
        SecretCommand::Rotate(args) => secret::rotate::run(
            ctx,
            secret::rotate::Settings {
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
    }
}

fn run_component(arg: crate::cli::RunComponent) -> crate::oneoff::Component {
    match arg {
        crate::cli::RunComponent::Web => crate::oneoff::Component::Web,
        crate::cli::RunComponent::Async => crate::oneoff::Component::Async,
    }
}

fn scope(arg: ScopeArg) -> crate::seal::Scope {
    match arg {
        ScopeArg::Strict => crate::seal::Scope::Strict,
        ScopeArg::NamespaceWide => crate::seal::Scope::NamespaceWide,
        ScopeArg::ClusterWide => crate::seal::Scope::ClusterWide,
    }
}

fn cert_source(args: CertSourceArgs) -> commands::secret::CertSource {
    use crate::cluster::sealing_cert::{
        Controller, DEFAULT_CONTROLLER_NAME, DEFAULT_CONTROLLER_NAMESPACE,
    };
    commands::secret::CertSource {
        cert: args.cert.filter(|c| !c.is_empty()),
        controller: Controller {
            name: args
                .controller_name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| DEFAULT_CONTROLLER_NAME.to_owned()),
            namespace: args
                .controller_namespace
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| DEFAULT_CONTROLLER_NAMESPACE.to_owned()),
        },
        accept_new_cert: args.accept_new_cert,
    }
}

/// `init`'s flags, with the global `-n` and `--context` as its namespace and context answers.
fn init_settings(ctx: &Context, args: crate::cli::InitArgs) -> commands::init::Settings {
    commands::init::Settings {
        app: args.app,
        namespace: ctx.cluster_flags.namespace.clone(),
        context: ctx.cluster_flags.context.clone(),
        deploy_repo: args.deploy_repo,
        deploy_branch: args.deploy_branch,
        deploy_path: args.deploy_path,
        async_worker: if args.async_worker {
            Some(true)
        } else if args.no_async {
            Some(false)
        } else {
            None
        },
        hosts: args.hosts,
        image: args.image,
        dry_run: args.dry_run,
        force: args.force,
    }
}
