//! The edge of the program: turns each command's clap arguments into plain settings, builds the
//! [`Context`] from the global flags, dispatches to `commands`, and turns the outcome into an exit
//! code. The terminal is looked at once, here, and errors are classified and rendered here
//! (`app::errors`), so no other module decides colour or exit codes.
//! `app::usage` parses the command line: clap's usage errors with the nearest flag for a mistyped
//! one, and never a word that may be a value.

mod errors;
mod usage;

use crate::cli::{CertSourceArgs, Cli, Command, ScopeArg, SecretCommand};
use crate::commands;
use crate::exit::ExitCode;
use crate::ui::Terminal;

use crate::context::Context;
pub use errors::{ErrorClass, classify};
pub use usage::parse;

/// Runs the parsed command line and returns the exit code, having told the user about any error.
#[must_use]
pub fn main(cli: Cli) -> ExitCode {
    let terminal = Terminal::detect(cli.global.no_color);
    match run(cli, terminal) {
        Ok(code) => code,
        Err(err) if errors::is_broken_pipe(&err) => ExitCode::Success,
        Err(err) => {
            let class = classify(&err);
            eprint!(
                "{}",
                errors::render(&err, class.hint.as_deref(), terminal.palette())
            );
            class.code
        }
    }
}

/// Dispatches to the command.
///
/// # Errors
/// Whatever the command fails with; `main` classifies and renders it.
pub fn run(cli: Cli, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let ctx = Context::from_flags(&cli.global, terminal)?;
    match cli.command {
        Command::Completions(args) => commands::completions::run(&ctx, args.shell),
        Command::Schema(args) => commands::schema::run(&ctx, args.link_file),
        Command::Version => commands::version::run(&ctx),
        Command::Init(args) => commands::init::run(&ctx, init_settings(&ctx, args)),
        // Each of these reads the link file first, so its errors are already the real ones.
        Command::Doctor(args) => commands::doctor::run(
            &ctx,
            commands::doctor::Settings {
                offline: args.offline,
                controller_name: args.controller_name,
                controller_namespace: args.controller_namespace,
            },
        ),
        Command::Dev(args) => commands::dev::run(
            &ctx,
            commands::dev::Settings {
                check: args.check,
                keep_db: args.keep_db,
                env_file: args.env_file,
                port: args.port,
                engine: match args.postgres {
                    crate::cli::DevPostgres::Auto => crate::dev::Engine::Auto,
                    crate::cli::DevPostgres::Local => crate::dev::Engine::Local,
                    crate::cli::DevPostgres::Docker => crate::dev::Engine::Docker,
                },
                image: args.postgres_image,
            },
        ),
        Command::Secret(command) => run_secret(&ctx, command),
        Command::Config(args) => commands::config::run(&ctx, config_settings(args.command)),
        Command::Domains(args) => commands::domains::run(
            &ctx,
            match args.command {
                None => commands::domains::Settings::List,
                Some(crate::cli::DomainsCommand::Add(a)) => commands::domains::Settings::Add {
                    hosts: a.hosts,
                    follow: follow(a.follow),
                },
                Some(crate::cli::DomainsCommand::Remove(a)) => {
                    commands::domains::Settings::Remove {
                        hosts: a.hosts,
                        follow: follow(a.follow),
                    }
                }
            },
        ),
        Command::Open => commands::open::run(&ctx),
        Command::Restart(args) => commands::restart::run(
            &ctx,
            commands::restart::Settings {
                components: args
                    .components
                    .into_iter()
                    .map(|c| match c {
                        crate::cli::RunComponent::Web => crate::spec::scale::Component::Web,
                        crate::cli::RunComponent::Async => crate::spec::scale::Component::Async,
                    })
                    .collect(),
                follow: follow(args.follow),
            },
        ),
        Command::Scale(args) => commands::scale::run(
            &ctx,
            commands::scale::Settings {
                counts: args.counts,
                follow: follow(args.follow),
            },
        ),
        Command::Cron(command) => run_cron(&ctx, command),
        Command::Db(command) => run_db(&ctx, command),
        Command::Deploy(args) => commands::deploy::run(
            &ctx,
            commands::deploy::Settings {
                image: args.image,
                tag: args.tag,
                no_wait: args.follow.no_wait,
                timeout: args.follow.timeout,
                backup: args.backup,
            },
        ),
        Command::Rollback(args) => commands::rollback::run(
            &ctx,
            commands::rollback::Settings {
                revision: args.revision,
                list: args.list,
                backup: args.backup,
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
                cron: args.cron,
            },
        ),
        Command::Status(args) if args.all_envs => commands::status::run_all_envs(&ctx),
        Command::Status(_) => commands::status::run(&ctx),
        Command::Environments(_) => commands::environments::run(&ctx),
        Command::Promote(args) => commands::promote::run(
            &ctx,
            commands::promote::Settings {
                from: args.from,
                to: args.to,
                force: args.force,
                no_wait: args.follow.no_wait,
                timeout: args.follow.timeout,
            },
        ),
        Command::Run(args) => commands::run::run(
            &ctx,
            commands::run::Settings {
                command: args.command,
                component: run_component(args.component),
                detach: args.detach,
                timeout: args.timeout,
                list: args.list,
                stdin: args.stdin,
            },
        ),
        Command::Shell(args) => commands::run::shell::run(
            &ctx,
            commands::run::shell::Settings {
                component: run_component(args.component),
                stdin: args.stdin,
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
                allow_empty: args.allow_empty,
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
        SecretCommand::Import(args) => secret::import::run(
            ctx,
            secret::import::Settings {
                file: args.file,
                scope: args.scope.map(scope),
                allow_empty: args.allow_empty,
                push: !args.no_push,
                cert: cert_source(args.cert),
            },
        ),
        SecretCommand::List(args) if args.all_envs => secret::list::run_all_envs(ctx),
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

/// `config ...`: clap's arguments become the command's plain settings.
fn config_settings(command: Option<crate::cli::ConfigCommand>) -> commands::config::Settings {
    use crate::cli::ConfigCommand;
    use commands::config::Settings;
    match command {
        None => Settings::List,
        Some(ConfigCommand::Set(args)) => Settings::Set {
            args: args.pairs,
            plain: args.plain,
            follow: follow(args.follow),
        },
        Some(ConfigCommand::Unset(args)) => Settings::Unset {
            keys: args.keys,
            follow: follow(args.follow),
        },
    }
}

fn follow(args: crate::cli::FollowArgs) -> crate::ui::spec_change::Follow {
    crate::ui::spec_change::Follow {
        no_wait: args.no_wait,
        timeout: args.timeout,
    }
}

/// `db ...`: clap's arguments become each command's plain settings.
fn run_db(ctx: &Context, command: crate::cli::DbCommand) -> anyhow::Result<ExitCode> {
    use crate::cli::DbCommand;
    use commands::db;
    match command {
        DbCommand::Dump(args) => db::dump::run(ctx, db::dump::Settings { file: args.file }),
        DbCommand::Restore(args) => db::restore::run(
            ctx,
            db::restore::Settings {
                file: args.file,
                confirm: args.confirm,
            },
        ),
        DbCommand::Shell(args) => db::shell::run(ctx, db::shell::Settings { sql: args.command }),
        DbCommand::Dumps(_) => db::dumps::run(ctx),
    }
}

/// `cron ...`: clap's arguments become each command's plain settings.
fn run_cron(ctx: &Context, command: crate::cli::CronCommand) -> anyhow::Result<ExitCode> {
    use crate::cli::CronCommand;
    use commands::cron;
    match command {
        CronCommand::Add(args) => cron::add(
            ctx,
            cron::AddSettings {
                entry: crate::spec::cron::CronEntry {
                    name: args.name,
                    schedule: args.schedule,
                    command: args.command,
                    time_zone: args.time_zone,
                    timeout: args.run_timeout,
                    component: match args.component {
                        crate::cli::RunComponent::Web => crate::spec::cron::CronComponent::Web,
                        crate::cli::RunComponent::Async => crate::spec::cron::CronComponent::Async,
                    },
                },
                follow: follow(args.follow),
            },
        ),
        CronCommand::Remove(args) => cron::remove(
            ctx,
            cron::RemoveSettings {
                name: args.name,
                follow: follow(args.follow),
            },
        ),
        CronCommand::List(_) => cron::list(ctx),
        CronCommand::Run(args) => cron::run_now(ctx, &args.name),
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

fn cert_source(args: CertSourceArgs) -> crate::secrets::CertSource {
    use crate::cluster::sealing_cert::{
        Controller, DEFAULT_CONTROLLER_NAME, DEFAULT_CONTROLLER_NAMESPACE,
    };
    crate::secrets::CertSource {
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
        manage_py: args.manage_py,
        server: args.server,
        app_module: args.app_module,
        worker_command: args.worker_command,
        no_cron: args.no_cron,
        argocd_namespace: args.argocd_namespace,
        argocd_application: args.argocd_application,
    }
}
