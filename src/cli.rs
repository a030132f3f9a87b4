//! Every clap type of the command line, and nothing else.
//!
//! `app.rs` turns these into plain settings before a command runs, so no command module depends on
//! clap; `generate.rs` renders completions and man pages from the same definitions.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::complete;

use crate::exit::EXIT_CODES_HELP;

const ABOUT: &str = "Run your Django app on ungleich's Kubernetes: scaffold it, seal its secrets, deploy it and read its logs";

const LONG_ABOUT: &str = "\
Run your Django app on ungleich's Kubernetes clusters.

Your image honours a small contract: /init runs once per release (migrations), /run serves the site
and, optionally, /async runs a worker. `init` writes that contract for your project, `secret` seals
values against the cluster's SealedSecrets key, `deploy` commits a new image to your deploy
repository and follows the release until the site is live, and `logs` streams the app's logs.";

const MAIN_EXAMPLES: &str = "\
Examples:
  ungleich-django init                       # in your Django project: detect it, write the contract
  ungleich-django secret set SECRET_KEY      # prompt for a value, seal it, commit and push it
  ungleich-django deploy --tag v1.4.2        # deploy a new image tag and watch the migrations run
  ungleich-django logs -f                    # stream the logs of every web and async pod
  ungleich-django status                     # what runs where, and is it healthy";

/// `0.1.0 (abc1234 2026-12-06)`: the version, and the commit the binary was built from with
/// its date (see build.rs), so that a bug report says exactly what ran.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("UNGLEICH_GIT_COMMIT"),
    " ",
    env!("UNGLEICH_GIT_DATE"),
    ")"
);

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "ungleich-django",
    version = VERSION,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = MAIN_EXAMPLES,
    after_long_help = format!("{MAIN_EXAMPLES}\n\n{EXIT_CODES_HELP}"),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts, named as kubectl names them. `--help` lists them apart from each
/// command's own, under their own heading, as kubectl and flyctl do.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "KUBECONFIG",
        hide_env_values = true
    )]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use (default: the link file's, then the current context)
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// The namespace of the app (default: the link file's)
    #[arg(short = 'n', long, global = true, value_name = "NAME")]
    pub namespace: Option<String>,

    /// The environment of the app to act on, one the link file names under `environments:`
    /// (default: the one its top-level fields describe)
    #[arg(
        short = 'e',
        long = "env",
        global = true,
        value_name = "NAME",
        env = "UNGLEICH_ENV",
        add = ArgValueCandidates::new(complete::environments)
    )]
    pub env: Option<String>,

    /// Output format: human for people, json for scripts (one object, or one per line for streams)
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Human)]
    pub output: OutputFormat,

    /// Never colour the output (also: NO_COLOR set to anything)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Answer yes to every confirmation; implies --no-input
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,

    /// Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is
    /// not a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Print only data and errors
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more about what happens (repeat for more)
    #[arg(short = 'v', long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Run as if started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,
}

/// How results are written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    // Undocumented variants render as one "[possible values: ...]" line in help and man pages.
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Detect the Django project and write the container contract and the deploy config
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),

    /// Check the project, the deploy repository and the cluster for production
    #[command(after_help = "Examples:\n  ungleich-django doctor\n  ungleich-django doctor -o json")]
    Doctor(DoctorArgs),

    /// Run the contract here against a throwaway PostgreSQL: /init, then /run and /async
    #[command(after_help = DEV_EXAMPLES, after_long_help = DEV_LONG_HELP)]
    Dev(DevArgs),

    /// Seal, list and remove the app's secrets
    #[command(subcommand)]
    Secret(SecretCommand),

    /// Set, remove and list the app's plain environment variables (app.yaml `env`)
    #[command(after_help = CONFIG_EXAMPLES)]
    Config(ConfigArgs),

    /// Add, remove and list the app's host names, with their certificate state
    #[command(after_help = DOMAINS_EXAMPLES)]
    Domains(DomainsArgs),

    /// Open the app's first host in the browser (prints the URL without a display)
    #[command(
        after_help = "Examples:\n  ungleich-django open\n  ungleich-django open -o json     # {\"url\": ...}"
    )]
    Open,

    /// Restart the app's pods, rolling: a restart counter in app.yaml, committed and followed
    #[command(
        after_help = "Examples:\n  ungleich-django restart            # web, and async when on\n  ungleich-django restart async --no-wait"
    )]
    Restart(RestartArgs),

    /// Set how many pods run: replicas in app.yaml, committed and followed
    #[command(
        after_help = "Examples:\n  ungleich-django scale web=3\n  ungleich-django scale web=2 async=0 --no-wait\n\nCounts must fit the namespace's ResourceQuota (the hoster's sizes), read from the cluster\nwhen it can be (-v says when not), and the chart's limit of 20 pods."
    )]
    Scale(ScaleArgs),

    /// Deploy a new image: commit it, push it and follow the release until it is live
    #[command(after_help = DEPLOY_EXAMPLES)]
    Deploy(DeployArgs),

    /// Deploy the image of an earlier revision again (database migrations are not reversed)
    #[command(after_help = ROLLBACK_EXAMPLES)]
    Rollback(RollbackArgs),

    /// Stream the logs of the app's pods
    #[command(after_help = LOGS_EXAMPLES)]
    Logs(LogsArgs),

    /// Show the desired and running release, the pods and their health
    #[command(after_help = "Examples:\n  ungleich-django status\n  ungleich-django status -o json")]
    Status(StatusArgs),

    /// List the app's environments: app, namespace, desired and running image, sync, health, pods
    #[command(
        after_help = "Examples:\n  ungleich-django environments\n  ungleich-django environments -o json"
    )]
    Environments(EnvironmentsArgs),

    /// Promote what one environment runs (by digest) to another: commit it and follow the release
    #[command(after_help = PROMOTE_EXAMPLES)]
    Promote(PromoteArgs),

    /// Run a one-off command in the app's live environment; its exit code is ours
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),

    /// Open a Django shell in the app's live environment (`run` of `manage.py shell`)
    #[command(
        after_help = "Examples:\n  ungleich-django shell\n  ungleich-django shell --component async"
    )]
    Shell(ShellArgs),

    /// Scheduled commands (`cron:` in app.yaml): add, remove and list them
    #[command(subcommand, after_help = CRON_EXAMPLES)]
    Cron(CronCommand),

    /// The app's PostgreSQL database: dump, restore, psql, and the dumps kept here
    #[command(subcommand, after_help = DB_EXAMPLES)]
    Db(DbCommand),

    /// Print the JSON Schema of app.yaml (or of the link file), for editors and CI
    #[command(
        after_help = "Examples:\n  ungleich-django schema > app.schema.json\n  ungleich-django schema --link-file > link.schema.json\n\nFiles init writes begin with a `# yaml-language-server: $schema=...` line naming the\nschema it wrote next to them, which VS Code's YAML extension and Neovim's yamlls read."
    )]
    Schema(SchemaArgs),

    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),

    /// Print the version, the commit it was built from, and the cluster's Kubernetes version
    #[command(
        after_help = "Examples:\n  ungleich-django version\n  ungleich-django version -o json   # for bug reports"
    )]
    Version,
}

const INIT_EXAMPLES: &str = "\
Examples:
  ungleich-django init
  ungleich-django init --dry-run -o json
  ungleich-django init --yes --app shop --namespace shop --deploy-repo git@git.example.com:acme/shop-deploy.git
  ungleich-django init --yes --app shop --deploy-repo . --deploy-path deploy/
  ungleich-django init -e staging --yes   # in a linked project: add the environment staging";

/// `init`: every answer has a flag, so CI can run it with --yes.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The app's name: a DNS-1123 label that names everything in the cluster
    #[arg(long, value_name = "NAME")]
    pub app: Option<String>,

    /// The deploy repository: a git URL, a local path (created when missing), or "." for this one
    #[arg(long, value_name = "URL|PATH")]
    pub deploy_repo: Option<String>,

    /// The branch ArgoCD follows in the deploy repository (with -e NAME, a branch the server
    /// lacks is started holding only the new environment's app.yaml, and pushed)
    #[arg(long, value_name = "BRANCH")]
    pub deploy_branch: Option<String>,

    /// The folder inside the deploy repository that holds app.yaml, from the repository's top
    /// (default for --deploy-repo .: deploy/ in the project's folder)
    #[arg(long, value_name = "PATH")]
    pub deploy_path: Option<String>,

    /// Run a worker (/async) next to the web pods
    #[arg(long = "async", overrides_with = "no_async")]
    pub async_worker: bool,

    /// Run no worker
    #[arg(long = "no-async", overrides_with = "async_worker")]
    pub no_async: bool,

    /// Add none of the scheduled commands init finds in the project (django-crontab's CRONJOBS,
    /// a crontab file); without it, a terminal is asked about each, and under --yes the
    /// management commands among them are added and listed
    #[arg(long)]
    pub no_cron: bool,

    /// A host name the site answers on (repeat for more)
    #[arg(long = "host", value_name = "HOST")]
    pub hosts: Vec<String>,

    /// The image to deploy first, if you already have one
    #[arg(long, value_name = "REF")]
    pub image: Option<String>,

    /// Show what would be detected and written, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Overwrite files that differ from what init would write, and an invalid link file, without
    /// asking (without it: asked at a terminal, kept under --yes); an existing Dockerfile or
    /// .dockerignore is never touched
    #[arg(long)]
    pub force: bool,

    /// The project's manage.py, when the tree has several (relative to the current folder)
    #[arg(long, value_name = "PATH")]
    pub manage_py: Option<String>,

    /// The server /run execs: gunicorn, uvicorn, daphne, hypercorn, granian or uwsgi (the
    /// Dockerfile init writes installs it when the dependencies lack it)
    #[arg(long, value_name = "SERVER")]
    pub server: Option<String>,

    /// The application /run serves, as module:callable (e.g. shop.asgi:application)
    #[arg(long, value_name = "MODULE:CALLABLE")]
    pub app_module: Option<String>,

    /// The command /async execs, e.g. "celery -A shop.worker:application worker"
    #[arg(long, value_name = "COMMAND")]
    pub worker_command: Option<String>,

    /// With -e NAME: the namespace of the new environment's ArgoCD Application (default: the
    /// default environment's)
    #[arg(long, value_name = "NAMESPACE")]
    pub argocd_namespace: Option<String>,

    /// With -e NAME: the new environment's ArgoCD Application (default: its app's name)
    #[arg(long, value_name = "NAME")]
    pub argocd_application: Option<String>,
}

const DEV_EXAMPLES: &str = "\
Examples:
  ungleich-django dev --check                # does the contract work? (exit 0, 10 or 12)
  ungleich-django dev --env-file .env        # serve on http://127.0.0.1:8000/ until Ctrl-C
  ungleich-django dev --keep-db .dev-db      # keep the database between runs";

const DEV_LONG_HELP: &str = "\
Examples:
  ungleich-django dev --check                # does the contract work? (exit 0, 10 or 12)
  ungleich-django dev --env-file .env        # serve on http://127.0.0.1:8000/ until Ctrl-C
  ungleich-django dev --keep-db .dev-db      # keep the database between runs

The scripts run from ungleich/ in the source tree, with `python` and the server from your active
environment (PATH, the virtualenv), and the platform's environment: DATABASE_URL and PG* for a
PostgreSQL started from the server programs on PATH or in /usr/lib/postgresql/*/bin (Homebrew's
and PGDG's folders too), PORT, STATIC_ROOT and MEDIA_ROOT in a temporary folder, ALLOWED_HOSTS
(app.yaml's hosts, localhost and 127.0.0.1), UNGLEICH_APP, UNGLEICH_COMPONENT, app.yaml's env, and
the secrets of --env-file (the sealed ones cannot be opened here). As root, PostgreSQL runs as
nobody. Ctrl-C stops everything and removes the database (exit 130).

Exit codes of --check: 0 the contract works; 10 /init failed (its last lines are shown); 12 /run
or /async exited, or answered a request with a server error; 17 /run did not answer HTTP within
60 s; 130 interrupted.";

/// `dev`: the contract on this machine.
#[derive(Debug, Args)]
pub struct DevArgs {
    /// Run /init twice at once, /run until it answers HTTP (GET / and the healthcheck), /async for
    /// a few seconds, stop them, and exit: 0 when the contract works, a release failure code when
    /// not
    #[arg(long)]
    pub check: bool,

    /// Keep the database in DIR (created when missing, reused when it holds one) instead of a
    /// temporary folder removed at the end
    #[arg(long, value_name = "DIR")]
    pub keep_db: Option<PathBuf>,

    /// A dotenv file with the app's secrets, which the sealed ones cannot give here
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,

    /// The port /run listens on (default: 8000; with --check a free one)
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// Which PostgreSQL to run: its server programs when found, else Docker (auto); only the
    /// server programs (local); only a container (docker)
    #[arg(long, value_enum, value_name = "HOW", default_value_t = DevPostgres::Auto)]
    pub postgres: DevPostgres,

    /// The image of a PostgreSQL container
    #[arg(long, value_name = "IMAGE", default_value = crate::dev::container::DEFAULT_IMAGE)]
    pub postgres_image: String,
}

/// `dev --postgres`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DevPostgres {
    Auto,
    Local,
    Docker,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Skip the checks that need the cluster
    #[arg(long)]
    pub offline: bool,

    /// Name of the SealedSecrets controller's Service (as for the secret commands)
    #[arg(long, value_name = "NAME", env = "SEALED_SECRETS_CONTROLLER_NAME")]
    pub controller_name: Option<String>,

    /// Namespace of the SealedSecrets controller
    #[arg(long, value_name = "NAME", env = "SEALED_SECRETS_CONTROLLER_NAMESPACE")]
    pub controller_namespace: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Seal values and commit them to the deploy repository
    #[command(after_help = SECRET_SET_EXAMPLES)]
    Set(SecretSetArgs),

    /// Seal every variable of a dotenv file (prints only the keys)
    #[command(
        after_help = "Examples:\n  ungleich-django secret import production.env\n  op inject -i production.env.tpl | ungleich-django secret import -"
    )]
    Import(SecretImportArgs),

    /// List the secrets' names, scope and when each last changed (never their values)
    #[command(
        after_help = "Examples:\n  ungleich-django secret list\n  ungleich-django secret list -o json"
    )]
    List(SecretListArgs),

    /// Remove secrets
    #[command(
        after_help = "Examples:\n  ungleich-django secret unset OLD_TOKEN\n  ungleich-django secret unset A B --ignore-missing"
    )]
    Unset(SecretUnsetArgs),

    /// Show the sealing certificate, or fetch it again from the cluster
    #[command(
        after_help = "Examples:\n  ungleich-django secret cert\n  ungleich-django secret cert --refresh\n  ungleich-django secret cert --cert sealing-cert.pem   # without cluster access",
        mut_arg("cert", |arg| arg.help("Take the certificate from this PEM file or https URL instead of the cluster, and cache it"))
    )]
    Cert(SecretCertArgs),

    /// Re-encrypt every value to the cluster's current sealing key
    #[command(after_help = "Examples:\n  ungleich-django secret rotate")]
    Rotate(SecretRotateArgs),
}

const SECRET_SET_EXAMPLES: &str = "\
Examples:
  ungleich-django secret set SECRET_KEY              # asks for the value, hidden
  ungleich-django secret set SMTP_USER SMTP_PASSWORD # asks for each
  pass show shop/stripe | ungleich-django secret set STRIPE_KEY -
  ungleich-django secret set GOOGLE_CREDENTIALS --from-file creds.json
  ungleich-django secret set DEBUG_TOOLBAR=0         # works, but `ps` shows the value while it runs";

/// Where the sealing certificate comes from; shared by the secret commands that seal.
#[derive(Debug, Args)]
pub struct CertSourceArgs {
    /// Seal against this certificate (a PEM file or an https URL) instead of the cached one
    #[arg(long, value_name = "FILE|URL", env = "SEALED_SECRETS_CERT")]
    pub cert: Option<String>,

    /// Name of the SealedSecrets controller's Service
    #[arg(long, value_name = "NAME", env = "SEALED_SECRETS_CONTROLLER_NAME")]
    pub controller_name: Option<String>,

    /// Namespace of the SealedSecrets controller
    #[arg(long, value_name = "NAME", env = "SEALED_SECRETS_CONTROLLER_NAMESPACE")]
    pub controller_namespace: Option<String>,

    /// Trust a certificate that differs from the cached one (after you checked its fingerprint)
    #[arg(long)]
    pub accept_new_cert: bool,
}

/// The scope of a SealedSecret, as kubeseal's `--scope` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    // strict: only `<app>-env` in the app's namespace can unseal the values (the default);
    // namespace-wide: any SealedSecret in that namespace; cluster-wide: any SealedSecret.
    Strict,
    NamespaceWide,
    ClusterWide,
}

#[derive(Debug, Args)]
pub struct SecretSetArgs {
    /// The keys to set, as KEY (asks for the value, or reads piped stdin), KEY=VALUE, or KEY
    /// followed by - (stdin; one trailing newline is dropped). Keys are environment variable
    /// names; those the platform sets (DATABASE_URL, PG*, PORT, ALLOWED_HOSTS, ...) are refused
    #[arg(value_name = "KEY", required = true, num_args = 1.., add = ArgValueCandidates::new(complete::secret_keys))]
    pub keys: Vec<String>,

    /// Read the value of the one KEY from this file (binary-safe)
    #[arg(long, value_name = "PATH")]
    pub from_file: Option<PathBuf>,

    /// The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal
    /// it), namespace-wide or cluster-wide; an existing file keeps its own
    #[arg(long, value_enum, value_name = "SCOPE", env = "SEALED_SECRETS_SCOPE")]
    pub scope: Option<ScopeArg>,

    /// Commit but do not push
    #[arg(long)]
    pub no_push: bool,

    /// Seal an empty value without asking (otherwise asked on a terminal, refused without one)
    #[arg(long)]
    pub allow_empty: bool,

    #[command(flatten)]
    pub cert: CertSourceArgs,
}

#[derive(Debug, Args)]
pub struct SecretImportArgs {
    /// The dotenv file (KEY=value lines, quoted values may span lines), or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal
    /// it), namespace-wide or cluster-wide; an existing file keeps its own
    #[arg(long, value_enum, value_name = "SCOPE", env = "SEALED_SECRETS_SCOPE")]
    pub scope: Option<ScopeArg>,

    /// Commit but do not push
    #[arg(long)]
    pub no_push: bool,

    /// Seal an empty value without asking (otherwise asked on a terminal, refused without one)
    #[arg(long)]
    pub allow_empty: bool,

    #[command(flatten)]
    pub cert: CertSourceArgs,
}

#[derive(Debug, Args)]
pub struct SecretListArgs {
    /// One table of the keys of every environment the link file names, marking those one lacks
    #[arg(long)]
    pub all_envs: bool,
}

#[derive(Debug, Args)]
pub struct SecretUnsetArgs {
    /// The keys to remove
    #[arg(value_name = "KEY", required = true, num_args = 1.., add = ArgValueCandidates::new(complete::secret_keys))]
    pub keys: Vec<String>,

    /// Succeed even when a key is not set
    #[arg(long)]
    pub ignore_missing: bool,

    /// Commit but do not push
    #[arg(long)]
    pub no_push: bool,
}

#[derive(Debug, Args)]
pub struct SecretCertArgs {
    /// Fetch the certificate from the cluster (or --cert) and update the cached copy
    #[arg(long)]
    pub refresh: bool,

    /// Commit but do not push the refreshed certificate
    #[arg(long)]
    pub no_push: bool,

    #[command(flatten)]
    pub cert: CertSourceArgs,
}

#[derive(Debug, Args)]
pub struct SecretRotateArgs {
    /// Commit but do not push
    #[arg(long)]
    pub no_push: bool,

    #[command(flatten)]
    pub cert: CertSourceArgs,
}

const DEPLOY_EXAMPLES: &str = "\
Examples:
  ungleich-django deploy --tag v1.4.2
  ungleich-django deploy --image registry.example.com/acme/shop@sha256:4f5e...
  ungleich-django deploy --tag v1.4.2 --no-wait -o json   # in CI: push, ask ArgoCD to sync, print the revision, stop
  ungleich-django deploy                                  # follow the release of what is pushed

Authentication to the deploy repository, as git does it:
  ssh    ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa (a passphrase is asked on a
         terminal); the host key must be in ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts
         (a key marked @revoked there is refused)
  https  the git program fetches and pushes, with your credential helpers, http.sslCAInfo
         and proxies; in CI, UNGLEICH_GIT_TOKEN (and UNGLEICH_GIT_USERNAME) is the only
         credential; SSL_CERT_FILE names a private CA when git's own settings do not
  UNGLEICH_GIT_CLI=1 lets the git program handle ssh and signing too: for ~/.ssh/config
         aliases and commit.gpgSign";

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The full image reference to deploy
    #[arg(long, value_name = "REF", conflicts_with = "tag")]
    pub image: Option<String>,

    /// A new tag for the image already in app.yaml
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Take a dump of the database before pushing, kept under the app and the revision it
    /// replaces (`ungleich-django db dumps` lists them)
    #[arg(long)]
    pub backup: bool,

    #[command(flatten)]
    pub follow: FollowArgs,
}

/// How long and whether to follow a release; shared by deploy and rollback.
#[derive(Debug, Args)]
pub struct FollowArgs {
    /// Stop after the push and the request that ArgoCD sync it now; do not follow the release
    #[arg(long)]
    pub no_wait: bool,

    /// Give up following the release after this long (e.g. 90s, 10m, 1h)
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = parse_duration)]
    pub timeout: Duration,
}

const PROMOTE_EXAMPLES: &str = "\
Examples:
  ungleich-django promote staging production          # what staging runs now, by digest
  ungleich-django promote staging production --no-wait -o json   # in CI
  ungleich-django promote staging production --force  # although production lacks a secret key

The release is followed like deploy's and ends with the same exit codes. A warning says when
TO's Secret lacks a key its sealed-secrets.yaml has (not unsealed yet), where the cluster's
SealedSecret can be read.";

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// The environment whose running image is promoted
    #[arg(value_name = "FROM", add = ArgValueCandidates::new(complete::environments))]
    pub from: String,

    /// The environment that gets it
    #[arg(value_name = "TO", add = ArgValueCandidates::new(complete::environments))]
    pub to: String,

    /// Promote although TO lacks secret keys that FROM has
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub follow: FollowArgs,
}

const CONFIG_EXAMPLES: &str = "\
Examples:
  ungleich-django config                                   # plain values, sealed and platform names
  ungleich-django config set DJANGO_DEBUG=false TIME_ZONE=Europe/Zurich
  ungleich-django config unset TIME_ZONE --no-wait
  ungleich-django config -o json

Values are stored in plain text in the deploy repository. A value that looks secret (a name
like *_KEY, *_TOKEN, *PASSWORD*, *SECRET*, a URL with a password, a long random-looking value)
is refused unless --plain says it is meant; seal secrets with `ungleich-django secret set`.";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set plain variables in one commit, push it and follow the release
    Set(ConfigSetArgs),
    /// Remove plain variables in one commit, push it and follow the release
    Unset(ConfigUnsetArgs),
}

#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The variables, each KEY=VALUE
    #[arg(required = true, value_name = "KEY=VALUE", add = ArgValueCandidates::new(complete::config_pairs))]
    pub pairs: Vec<String>,

    /// Store values that look secret in plain text anyway
    #[arg(long)]
    pub plain: bool,

    #[command(flatten)]
    pub follow: FollowArgs,
}

#[derive(Debug, Args)]
pub struct ConfigUnsetArgs {
    /// The variables to remove
    #[arg(required = true, value_name = "KEY", add = ArgValueCandidates::new(complete::config_keys))]
    pub keys: Vec<String>,

    #[command(flatten)]
    pub follow: FollowArgs,
}

const DOMAINS_EXAMPLES: &str = "\
Examples:
  ungleich-django domains                       # each host, its certificate and expiry
  ungleich-django domains add shop.example.com www.shop.example.com
  ungleich-django domains add bücher.example    # stored as xn--bcher-kva.example
  ungleich-django domains remove old.example.com --no-wait

`add` warns when a name does not resolve to the app's Ingress or its CAA records forbid the
hoster's certificate issuer, asking the nameservers of /etc/resolv.conf, or the one
UNGLEICH_DNS_SERVER=IP:PORT names (split-horizon DNS), for at most a few seconds.";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DomainsArgs {
    #[command(subcommand)]
    pub command: Option<DomainsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DomainsCommand {
    /// Add host names in one commit (warns when their DNS does not point at the app), push and follow
    Add(DomainsChangeArgs),
    /// Remove host names in one commit, push and follow
    Remove(DomainsChangeArgs),
}

#[derive(Debug, Args)]
pub struct DomainsChangeArgs {
    /// Host names (IDNs are stored in their ASCII form)
    #[arg(required = true, value_name = "HOST", add = ArgValueCandidates::new(complete::hosts_to_remove))]
    pub hosts: Vec<String>,

    #[command(flatten)]
    pub follow: FollowArgs,
}

#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Which pods: web, async; default: web, and async when the app runs a worker
    #[arg(value_enum)]
    pub components: Vec<RunComponent>,

    #[command(flatten)]
    pub follow: FollowArgs,
}

#[derive(Debug, Args)]
pub struct ScaleArgs {
    /// Pod counts, web=N and/or async=N
    #[arg(required = true, value_name = "COMPONENT=N")]
    pub counts: Vec<String>,

    #[command(flatten)]
    pub follow: FollowArgs,
}

const ROLLBACK_EXAMPLES: &str = "\
Examples:
  ungleich-django rollback --list      # recent deploys
  ungleich-django rollback             # the deploy before the current one
  ungleich-django rollback 3f2a9c1";

#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// The deploy repository revision whose image to restore (default: the previous deploy)
    #[arg(value_name = "REV", conflicts_with = "list", add = ArgValueCandidates::new(complete::revisions))]
    pub revision: Option<String>,

    /// List recent deploys and exit
    #[arg(long)]
    pub list: bool,

    /// Take a dump of the database before pushing, kept under the app and the revision it
    /// replaces (`ungleich-django db dumps` lists them)
    #[arg(long, conflicts_with = "list")]
    pub backup: bool,

    #[command(flatten)]
    pub follow: FollowArgs,
}

const LOGS_EXAMPLES: &str = "\
Examples:
  ungleich-django logs -f                 # web and async, following new pods
  ungleich-django logs init --tail 50     # the last migration output
  ungleich-django logs web --since 1h --timestamps
  ungleich-django logs async --previous   # the crashed worker's last run";

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Which containers: web (the site), async (the worker), init (migrations); default: web and async
    #[arg(value_enum, value_name = "COMPONENT")]
    pub components: Vec<LogComponent>,

    /// Keep streaming, and pick up new pods as they start
    #[arg(short = 'f', long)]
    pub follow: bool,

    /// Only lines newer than this (e.g. 10s, 5m, 2h)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub since: Option<Duration>,

    /// The last N lines of each container (default: all, or 10 with -f)
    #[arg(long, value_name = "N")]
    pub tail: Option<u64>,

    /// Prefix each line with its RFC 3339 timestamp
    #[arg(long)]
    pub timestamps: bool,

    /// The previous run of each container (after a crash)
    #[arg(short = 'p', long, conflicts_with = "follow")]
    pub previous: bool,

    /// Only this pod
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(complete::pods))]
    pub pod: Option<String>,

    /// The output of a one-off run (`run --detach` prints its name; `run --list` shows them)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["components", "pod", "previous"], add = ArgValueCandidates::new(complete::runs))]
    pub run: Option<String>,

    /// The output of a scheduled command's newest run (`cron list` names the entries)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["components", "pod", "previous", "run"], add = ArgValueCandidates::new(complete::cron_entries))]
    pub cron: Option<String>,
}

/// A container of the app, as named in `logs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum LogComponent {
    // web: container `run` of the web pods; async: container `async` of the worker pods;
    // init: init container `init` of the web pods (migrations).
    Web,
    Async,
    Init,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One table of every environment the link file names instead of one app's detail; the exit
    /// code is the worst environment's
    #[arg(long)]
    pub all_envs: bool,
}

#[derive(Debug, Args)]
pub struct EnvironmentsArgs {}

const RUN_EXAMPLES: &str = "\
Examples:
  ungleich-django run -- python manage.py createsuperuser --noinput
  ungleich-django run -- python manage.py migrate shop 0042
  ungleich-django run --detach -- python manage.py rebuild_index
  ungleich-django run -i -- python manage.py shell < fix_orders.py
  ungleich-django logs --run shop-run-7x2kq
  ungleich-django run --list";

/// `run`: a one-off pod from the live pod template.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Start the command and return at once, printing its name and how to follow it
    #[arg(short = 'd', long, conflicts_with = "list")]
    pub detach: bool,

    /// Stop the command after this long (e.g. 90s, 10m, 1h); its pod's activeDeadlineSeconds
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// Whose pod template to use: web (the site) or async (the worker)
    #[arg(long, value_enum, default_value = "web", value_name = "COMPONENT")]
    pub component: RunComponent,

    /// Show recent runs: state, exit code, who started them and what
    #[arg(long, conflicts_with_all = ["detach", "timeout"])]
    pub list: bool,

    /// Send this command's stdin (a file or a pipe) to the command, to its end, as `kubectl run
    /// -i` does; without it the command's stdin is empty, so that a CI job's script fed through
    /// stdin is never taken
    #[arg(short = 'i', long, conflicts_with_all = ["detach", "list"])]
    pub stdin: bool,

    /// The command and its arguments (after `--`)
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,
}

/// `shell`: `run` of Django's shell.
#[derive(Debug, Args)]
pub struct ShellArgs {
    /// Whose pod template to use: web (the site) or async (the worker)
    #[arg(long, value_enum, default_value = "web", value_name = "COMPONENT")]
    pub component: RunComponent,

    /// Send this command's stdin (a file or a pipe) to the shell, to its end: `shell -i <
    /// script.py` runs the script
    #[arg(short = 'i', long)]
    pub stdin: bool,
}

const CRON_EXAMPLES: &str = "\
Examples:
  ungleich-django cron add sessions @daily -- python manage.py clearsessions
  ungleich-django cron add import '30 2 * * mon-fri' --time-zone Europe/Zurich --run-timeout 1h -- python manage.py import
  ungleich-django cron list
  ungleich-django cron run import            # now, to test it; its exit code is ours
  ungleich-django cron remove import";

/// `cron ...`: scheduled commands, committed to app.yaml like a deploy.
#[derive(Debug, Subcommand)]
pub enum CronCommand {
    /// Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy
    #[command(after_help = CRON_EXAMPLES)]
    Add(CronAddArgs),
    /// Remove a scheduled command: one commit, pushed and followed like a deploy
    Remove(CronRemoveArgs),
    /// List the scheduled commands, each schedule in words and its next runs in your time zone
    List(CronListArgs),
    /// Run a scheduled command now, from its CronJob on the image the app runs (by digest); its
    /// output streams (on a terminal: the command gets it) and its exit code is ours
    Run(CronRunArgs),
}

const DB_EXAMPLES: &str = "\
Examples:
  ungleich-django db dump                          # to ./shop-20261206T071502Z.dump
  ungleich-django db dump -f before-0042.dump
  ungleich-django db dump -f - | gzip > shop.dump.gz
  ungleich-django db restore before-0042.dump      # asks you to type the app's name
  ungleich-django db restore before-0042.dump --confirm shop   # in CI
  ungleich-django db shell
  ungleich-django db shell -c 'select count(*) from auth_user'
  ungleich-django db dumps                         # the dumps deploy --backup kept";

/// `db ...`: the app's database through a short-lived helper pod.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically
    #[command(after_help = DB_EXAMPLES)]
    Dump(DbDumpArgs),
    /// Restore a dump into the database, replacing what it holds (in one transaction)
    #[command(after_help = DB_EXAMPLES)]
    Restore(DbRestoreArgs),
    /// Open psql on the database, or run one statement with -c; its exit code is ours
    #[command(after_help = DB_EXAMPLES)]
    Shell(DbShellArgs),
    /// List the dumps `deploy --backup` and `rollback --backup` kept on this machine
    Dumps(DbDumpsArgs),
}

#[derive(Debug, Args)]
pub struct DbDumpArgs {
    /// The file to write (`-` for stdout); default: <app>-<UTC time>.dump here. pg_dump's -f, as
    /// -o is the output format
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DbRestoreArgs {
    /// The dump to restore (pg_dump --format=custom, as `db dump` writes it)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The app's name, confirming the restore without a terminal (--yes alone is not enough)
    #[arg(long, value_name = "APP")]
    pub confirm: Option<String>,
}

#[derive(Debug, Args)]
pub struct DbShellArgs {
    /// Run this one SQL statement instead of an interactive psql
    #[arg(short = 'c', long, value_name = "SQL")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct DbDumpsArgs {}

#[derive(Debug, Args)]
pub struct CronRunArgs {
    /// The entry's name
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(complete::cron_entries))]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CronAddArgs {
    /// The entry's name, a DNS label (the CronJob is <app>-cron-<name>)
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Five cron fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly, @yearly
    #[arg(value_name = "SCHEDULE")]
    pub schedule: String,

    /// The IANA time zone of the schedule (e.g. Europe/Zurich; default: the cluster's, UTC)
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,

    /// Stop a run after this long: a whole number of s, m or h (e.g. 30m)
    #[arg(long = "run-timeout", value_name = "DURATION")]
    pub run_timeout: Option<String>,

    /// Whose pod template to use: web (the site) or async (the worker)
    #[arg(long, value_enum, default_value = "web", value_name = "COMPONENT")]
    pub component: RunComponent,

    #[command(flatten)]
    pub follow: FollowArgs,

    /// The command and its arguments (after `--`)
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CronRemoveArgs {
    /// The entry's name
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(complete::cron_entries))]
    pub name: String,

    #[command(flatten)]
    pub follow: FollowArgs,
}

#[derive(Debug, Args)]
pub struct CronListArgs {}

/// The Deployment a run copies its pod template from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunComponent {
    Web,
    Async,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of the link file (ungleich-django.yaml) instead of app.yaml's
    #[arg(long)]
    pub link_file: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  ungleich-django completions bash > ~/.local/share/bash-completion/completions/ungleich-django
  ungleich-django completions zsh > ~/.zfunc/_ungleich-django
  ungleich-django completions fish > ~/.config/fish/completions/ungleich-django.fish";

/// Parses durations as kubectl does for `--since` and `--timeout`: `30s`, `5m`, `1h30m`; a bare
/// number is seconds.
///
/// # Errors
/// When the text is not such a duration.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let invalid =
        || format!("invalid duration `{text}`: use a number with a unit, e.g. 30s, 5m, 1h30m");
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let value: u64 = number.parse().map_err(|_| invalid())?;
        number.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(invalid()),
        };
        total = value
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(invalid)?;
    }
    if !number.is_empty() || text.is_empty() {
        return Err(invalid());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_parse_like_kubectl() {
        let cases = [
            ("30", 30),
            ("30s", 30),
            ("5m", 300),
            ("1h30m", 5400),
            ("2d", 172_800),
        ];
        for (text, seconds) in cases {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(seconds)),
                "{text}"
            );
        }
        for bad in ["", "m", "5x", "1h30", "-5s"] {
            assert!(parse_duration(bad).is_err(), "{bad} should be rejected");
        }
    }
}
