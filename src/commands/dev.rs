//! `dev` and `dev --check`: the contract on this machine, against a throwaway PostgreSQL. This
//! file finds the pieces (link file, app.yaml, project, secrets file), says what it found, hands
//! them to `dev` and reports; the scripts' lines are printed with `logs`' prefixes.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::context::Context;
use crate::dev::{self, Component, ContractEnv, Database, Engine, Observer, Supervisor, Toolchain};
use crate::exit::ExitCode;
use crate::gitops::DeployRepo;
use crate::spec::{self, AppSpec};
use crate::ui::Printer;

/// `dev`'s settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Check the contract once and exit.
    pub check: bool,
    /// Keep the database here.
    pub keep_db: Option<PathBuf>,
    /// The app's secrets.
    pub env_file: Option<PathBuf>,
    /// `/run`'s port.
    pub port: Option<u16>,
    /// Which PostgreSQL runs.
    pub engine: Engine,
    /// The image a container of PostgreSQL runs.
    pub image: String,
}

/// The port `/run` listens on in the cluster, and here unless told otherwise.
const DEFAULT_PORT: u16 = 8000;

/// Runs the contract.
///
/// # Errors
/// A missing link file, app.yaml or script; no PostgreSQL or python; the contract failing.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let found = Found::gather(ctx, &settings)?;
    tell_toolchain(&ctx.printer, &found.tools);

    // Ctrl-C is caught before PostgreSQL starts, so it never leaves a server behind.
    let mut sup = Supervisor::new();
    sup.catch_interrupts()?;
    let db = Database::start(
        settings.engine,
        &settings.image,
        settings.keep_db.as_deref(),
        &found.spec.name,
    )?;
    tell_database(&ctx.printer, &db.describe());
    let data = tempfile::Builder::new()
        .prefix("ungleich-dev-data-")
        .tempdir()?;
    let contract = ContractEnv {
        app: found.spec.name.clone(),
        hosts: found.spec.hosts.clone(),
        port: found.port,
        pg_port: db.port(),
        pg_user: db.user().to_owned(),
        data_dir: data.path().to_owned(),
        app_dir: found.app_dir.clone(),
        spec_env: found.spec.env.clone(),
        secrets: found.secrets,
    };
    let user_env = found.user_env;
    let env = |component: Component| contract.for_component(component, user_env.clone());
    let launch = dev::Launch {
        scripts: &found.scripts,
        env: &env,
        cwd: &contract.app_dir,
        port: found.port,
        healthcheck: found.spec.healthcheck.as_deref(),
    };
    let mut lines = Lines {
        printer: ctx.printer,
        show: !settings.check || ctx.printer.is_verbose(),
    };
    let outcome = if settings.check {
        dev::check(&mut sup, &launch, &mut lines).map(Some)
    } else {
        dev::serve(&mut sup, &launch, &mut lines).map(|_| None)
    };
    drop(sup);
    if let Some(dir) = db.stop()? {
        ctx.printer
            .info(format!("the database stays in {}", dir.display()));
    }
    match outcome? {
        Some(report) => tell_check(ctx, &report, started),
        None => Ok(ExitCode::Interrupted),
    }
}

/// Everything found before anything starts, so bad input stops `dev` before PostgreSQL does.
struct Found {
    spec: AppSpec,
    scripts: dev::Scripts,
    app_dir: PathBuf,
    secrets: Vec<(String, crate::seal::value::SecretValue)>,
    port: u16,
    tools: Toolchain,
    user_env: Vec<(OsString, OsString)>,
}

impl Found {
    fn gather(ctx: &Context, settings: &Settings) -> anyhow::Result<Self> {
        let link = ctx.link()?;
        let root = link.dir().to_owned();
        let repo = DeployRepo::open_with(&link, ctx.git_auth())?;
        let spec = AppSpec::load(&repo.app_dir(&link.link).join(spec::FILE_NAME))?;
        let project = crate::detect::detect(&root)?;
        let scripts = dev::scripts(&root, &spec.commands, spec.async_worker)?;
        let secrets = match &settings.env_file {
            Some(path) => ContractEnv::read_secrets(path)?,
            None => Vec::new(),
        };
        let port = match settings.port {
            Some(port) => port,
            None if settings.check => dev::postgres::free_port()?,
            None => DEFAULT_PORT,
        };
        // Something already answering there would pass for /run.
        if dev::check::http_status(port, "/").is_some()
            || std::net::TcpListener::bind(("127.0.0.1", port)).is_err()
        {
            return Err(dev::DevError::PortInUse { port }.into());
        }
        let user_env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
        let path = user_env
            .iter()
            .find(|(k, _)| k == "PATH")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let run_text = std::fs::read_to_string(&scripts.run).unwrap_or_default();
        let tools = Toolchain::find(&path, &run_text)?;
        Ok(Found {
            app_dir: root.join(project.app_dir()),
            spec,
            scripts,
            secrets,
            port,
            tools,
            user_env,
        })
    }
}

/// The scripts' lines on stdout, prefixed as `logs` prefixes them; steps on stderr.
struct Lines {
    printer: Printer,
    show: bool,
}

impl Observer for Lines {
    fn step(&mut self, message: &str) {
        self.printer.info(message);
    }

    fn line(&mut self, component: Component, line: &str) {
        if self.show && !self.printer.is_json() {
            let name = component.name();
            let index = crate::ui::stable_color_index(name);
            let prefix = self.printer.palette().rotating(index, format!("{name} |"));
            // A closed stdout must not stop the scripts: their lines are only shown.
            let _ = self.printer.data(format!("{prefix} {line}"));
        }
    }
}

fn tell_toolchain(printer: &Printer, tools: &Toolchain) {
    printer.info(format!(
        "python {} at {}",
        tools.version,
        tools.python.display()
    ));
    if let Some((server, path)) = &tools.server {
        printer.info(format!("server {server} at {}", path.display()));
    }
}

fn tell_database(printer: &Printer, db: &dev::database::Description) {
    let data = match &db.kept {
        None => "a throwaway database".to_owned(),
        Some(dir) if db.reused => format!("the database in {}", dir.display()),
        Some(dir) => format!("a new database in {}", dir.display()),
    };
    printer.info(format!(
        "{} on 127.0.0.1:{} with {data}",
        db.server, db.port
    ));
}

#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    ok: bool,
    seconds: f64,
    init_seconds: f64,
    serving_after_seconds: f64,
    root_status: &'a str,
    healthcheck: Option<(&'a str, &'a str)>,
    async_stayed_up: bool,
    unclean_stops: &'a [&'static str],
}

fn tell_check(
    ctx: &Context,
    report: &dev::CheckReport,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    let p = &ctx.printer;
    if p.is_json() {
        p.json(&CheckJson {
            ok: true,
            seconds: started.elapsed().as_secs_f64(),
            init_seconds: report.init.as_secs_f64(),
            serving_after_seconds: report.serving_after.as_secs_f64(),
            root_status: &report.root_status,
            healthcheck: report
                .healthcheck
                .as_ref()
                .map(|(path, status)| (path.as_str(), status.as_str())),
            async_stayed_up: report.async_stayed_up,
            unclean_stops: &report.unclean_stops,
        })?;
        return Ok(ExitCode::Success);
    }
    p.success(format!(
        "/init ran twice at once in {:.1} s",
        report.init.as_secs_f64()
    ));
    p.success(format!(
        "/run answered after {:.1} s: GET / {}",
        report.serving_after.as_secs_f64(),
        report.root_status
    ));
    if let Some((path, status)) = &report.healthcheck {
        p.success(format!("healthcheck GET {path} {status}"));
    }
    if report.async_stayed_up {
        p.success("/async stayed up");
    }
    for component in &report.unclean_stops {
        p.warn(format!(
            "/{component} did not exit 0 on SIGTERM: Kubernetes stops it that way"
        ));
    }
    p.success(format!(
        "the contract works ({:.1} s): a release of this tree would migrate and serve",
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::Success)
}
