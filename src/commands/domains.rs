//! `domains add HOST...`, `domains remove HOST...` and `domains` (list): `hosts` in app.yaml,
//! each change one commit, pushed and followed like a deploy. `add` checks from this machine
//! that each name points at the app's Ingress and that its CAA records let the hoster's issuer
//! sign, and warns with the DNS record to set when not; the list shows each host's certificate
//! state from cert-manager.

use std::time::Duration;

use crate::cluster::certificates::{self, CertState, HostCertificate};

use crate::context::Context;
use crate::dns_check::{self, DEFAULT_CAA_ISSUER, DnsError, Published, Resolver};
use crate::exit::ExitCode;
use crate::spec::hosts::{self, HostError};
use crate::spec::{self, AppSpec, SpecError};
use crate::ui::spec_change::{self, Follow};

/// What `domains` does.
#[derive(Debug, Clone)]
pub enum Settings {
    List,
    Add { hosts: Vec<String>, follow: Follow },
    Remove { hosts: Vec<String>, follow: Follow },
}

/// Runs `domains`.
///
/// # Errors
/// For an invalid, repeated or missing host (exit 3, nothing written), and when git or the
/// release fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    match settings {
        Settings::List => list(ctx),
        Settings::Add { hosts, follow } => change(ctx, &hosts, follow, true),
        Settings::Remove { hosts, follow } => change(ctx, &hosts, follow, false),
    }
}

/// The hosts as app.yaml keeps them, each once.
fn normalized(inputs: &[String]) -> Result<Vec<String>, HostError> {
    let mut out: Vec<String> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let host = hosts::normalize(input)?;
        if out.contains(&host) {
            return Err(HostError::Duplicate { host });
        }
        out.push(host);
    }
    Ok(out)
}

fn change(ctx: &Context, inputs: &[String], follow: Follow, add: bool) -> anyhow::Result<ExitCode> {
    let wanted = normalized(inputs)?;
    let link = ctx.link()?;
    if add {
        warn_about_dns(ctx, &link, &wanted)?;
    }
    let verb = if add { "add" } else { "remove" };
    let message = format!("domains {verb} {}", wanted.join(" "));
    spec_change::record_and_follow(ctx, &link, follow, &mut |root, spec_path| {
        let path = root.join(spec_path);
        let spec = AppSpec::load(&path)?;
        for host in &wanted {
            match (add, spec.hosts.contains(host)) {
                (true, true) => return Err(HostError::Duplicate { host: host.clone() }.into()),
                (false, false) => return Err(HostError::Missing { host: host.clone() }.into()),
                _ => {}
            }
        }
        let text = std::fs::read_to_string(&path).map_err(|source| SpecError::Read {
            path: path.clone(),
            source,
        })?;
        let edited = if add {
            hosts::add(&text, &wanted)
        } else {
            hosts::remove(&text, &wanted)
        }
        .map_err(|reason| SpecError::Edit {
            path: path.clone(),
            reason,
        })?;
        AppSpec::parse(&path, &edited)?;
        Ok((message.clone(), edited))
    })
}

/// How long `add` waits for the cluster to tell the Ingress's address and issuer: the advice
/// must never hold the command up, and an unreachable cluster only makes it less precise.
const INGRESS_BUDGET: Duration = Duration::from_secs(3);
/// How long every DNS question of `add` together may take.
const DNS_BUDGET: Duration = Duration::from_secs(3);

/// Warns, per host, when its DNS does not point at the address the app's Ingress publishes or
/// its CAA records forbid the hoster's issuer. Only advice: nothing is refused, as DNS may be
/// changed later; what could not be checked is said as such.
///
/// # Errors
/// Only for an `UNGLEICH_DNS_SERVER` that is no address (exit 3), before anything is written.
fn warn_about_dns(
    ctx: &Context,
    link: &crate::link::LinkFile,
    wanted: &[String],
) -> anyhow::Result<()> {
    let (published, issuer) = read_ingress(ctx, link);
    // Made after the cluster's answer, so the DNS budget is not spent waiting for it.
    let resolver = match Resolver::from_system(DNS_BUDGET) {
        Ok(resolver) => resolver,
        Err(e @ DnsError::ServerSetting { .. }) => return Err(e.into()),
        Err(e) => {
            ctx.printer.info(format!("DNS could not be checked: {e}"));
            return Ok(());
        }
    };
    ctx.printer.debug(format_args!(
        "DNS: the Ingress publishes {published:?}; CAA issuer {issuer:?}"
    ));
    for host in wanted {
        let found = dns_check::check(&resolver, host, &published, issuer.as_deref());
        for warning in found.warnings() {
            ctx.printer.warn(warning);
        }
        for note in found.notes(&published) {
            ctx.printer.info(note);
        }
    }
    Ok(())
}

/// The addresses the app's Ingress publishes and the CAA issuer domain its certificate needs
/// (`None`: no TLS), within [`INGRESS_BUDGET`]; when the Ingress cannot be read, why, and the
/// default issuer.
fn read_ingress(ctx: &Context, link: &crate::link::LinkFile) -> (Published, Option<String>) {
    let target = ctx.cluster_target(Some(&link.link));
    let app = link.link.app.clone();
    let read = ctx.block_on(async move {
        let read = async {
            let (client, namespace) = crate::cluster::connect(&target)
                .await
                .map_err(|e| e.to_string())?;
            let name = crate::cluster::names::ingress(&app);
            certificates::ingress_dns(client, &namespace, &name, DEFAULT_CAA_ISSUER).await
        };
        tokio::time::timeout(INGRESS_BUDGET, read)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "the cluster did not answer within {} s",
                    INGRESS_BUDGET.as_secs()
                ))
            })
    });
    let default = Some(DEFAULT_CAA_ISSUER.to_owned());
    match read {
        Ok(Ok(ingress)) if ingress.addresses.is_empty() => (Published::NoneYet, ingress.caa_issuer),
        Ok(Ok(ingress)) => (Published::Addresses(ingress.addresses), ingress.caa_issuer),
        Ok(Err(reason)) => (Published::Unknown(reason), default),
        Err(e) => (Published::Unknown(e.to_string()), default),
    }
}

/// `domains`: each host with its certificate state.
fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    let link = ctx.link()?;
    let repo = crate::gitops::DeployRepo::open_with(&link, ctx.git_auth())?;
    let spec = AppSpec::load(&repo.root().join(spec::path_in_repo(&link.link)))?;
    let target = ctx.cluster_target(Some(&link.link));
    let hosts = spec.hosts.clone();
    let states: Vec<HostCertificate> = ctx.block_on(async move {
        match crate::cluster::connect(&target).await {
            Ok((client, namespace)) => certificates::read(client, &namespace, &hosts).await,
            Err(e) => certificates::unknown(&hosts, &format!("cannot read the cluster: {e}")),
        }
    })?;
    if ctx.printer.is_json() {
        ctx.printer.json(&states)?;
        return Ok(ExitCode::Success);
    }
    if states.is_empty() {
        ctx.printer
            .info("no hosts yet; add one with `ungleich-django domains add shop.example.com`");
        return Ok(ExitCode::Success);
    }
    let width = states
        .iter()
        .map(|s| s.host.len())
        .max()
        .unwrap_or(0)
        .max(4);
    ctx.printer.data(format!(
        "{:width$}  {:11}  {:20}  DETAIL",
        "HOST", "CERTIFICATE", "EXPIRES"
    ))?;
    for s in &states {
        let state = match s.state {
            CertState::Ready => "ready",
            CertState::Pending => "pending",
            CertState::Missing => "none",
            CertState::Unknown => "unknown",
        };
        ctx.printer.data(format!(
            "{:width$}  {state:11}  {:20}  {}",
            s.host,
            s.not_after.as_deref().unwrap_or("-"),
            s.reason.as_deref().unwrap_or("")
        ))?;
    }
    Ok(ExitCode::Success)
}
