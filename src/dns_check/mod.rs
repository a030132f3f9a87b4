//! What a new domain's DNS says, checked from the user's machine before `domains add` commits:
//! whether the host resolves to an address the app's Ingress publishes, and whether its CAA
//! records (RFC 8659) let the hoster's certificate issuer sign for it. Both questions go to the
//! same DNS server ([`resolver`]), within one short deadline. The answer is advice (what to
//! change at the DNS provider), never a refusal: DNS may be changed later.

pub mod resolver;
pub mod wire;

use std::collections::BTreeSet;
use std::net::IpAddr;

use crate::exit::{Classify, ExitCode};
pub use resolver::Resolver;
use wire::{Data, RCODE_NOERROR, RCODE_NXDOMAIN, Response};

/// The CAA issuer domain of Let's Encrypt, cert-manager's usual ACME issuer: what the check
/// expects when the hoster's Ingress does not name another.
pub const DEFAULT_CAA_ISSUER: &str = "letsencrypt.org";

/// Why DNS could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum DnsError {
    /// `UNGLEICH_DNS_SERVER` is not an address.
    #[error("UNGLEICH_DNS_SERVER={value} is not an IP address with a port")]
    ServerSetting { value: String },
    /// `/etc/resolv.conf` names no server.
    #[error("/etc/resolv.conf names no nameserver")]
    NoServer,
    /// No answer before the deadline.
    #[error("the DNS server did not answer in time")]
    Timeout,
    /// The server cannot be reached.
    #[error("the DNS server {server} cannot be reached: {reason}")]
    Unreachable {
        server: std::net::SocketAddr,
        reason: String,
    },
    /// The answer cannot be used.
    #[error(transparent)]
    Answer(#[from] wire::WireError),
    /// The server answered with a failure (SERVFAIL, REFUSED, ...).
    #[error("the DNS server answered {rcode} for {name}")]
    Failed { name: String, rcode: &'static str },
}

impl Classify for DnsError {
    fn exit_code(&self) -> ExitCode {
        match self {
            DnsError::ServerSetting { .. } => ExitCode::InvalidInput,
            _ => ExitCode::Failure,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            DnsError::ServerSetting { .. } => Some(
                "set it like UNGLEICH_DNS_SERVER=192.0.2.53:53, or unset it to ask the servers of /etc/resolv.conf".to_owned(),
            ),
            _ => None,
        }
    }
}

/// What the cluster says the hosts must point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// The Ingress's addresses: IPs or a load balancer's host names.
    Addresses(Vec<String>),
    /// The Ingress publishes no address yet.
    NoneYet,
    /// The Ingress could not be read; why.
    Unknown(String),
}

/// Where a host's name points, against where it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressCheck {
    /// The host resolves to an address the Ingress publishes.
    PointsHere,
    /// A wildcard cannot be resolved as such; its records are the user's to check.
    Wildcard,
    /// The host does not resolve; `target` is what it should point to, when known.
    Unresolved { target: Option<Vec<String>> },
    /// The host resolves elsewhere.
    Elsewhere {
        found: Vec<IpAddr>,
        target: Vec<String>,
    },
    /// The host resolves, but there is nothing to compare with.
    Resolves { found: Vec<IpAddr> },
    /// DNS could not be asked; why.
    Unchecked { reason: String },
}

/// Whether the CAA records let the issuer sign for the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaaCheck {
    /// No CAA record up the tree restricts issuance, or the relevant set names the issuer.
    Allows,
    /// The CAA set found at `at` names other issuers only (`issuers`, empty when it forbids
    /// every CA); `tag` is `issue`, or `issuewild` for a wildcard.
    Forbids {
        at: String,
        tag: &'static str,
        issuers: Vec<String>,
        issuer: String,
    },
    /// The set at `at` holds a critical property no CA may ignore (RFC 8659 section 4.1).
    UnknownCritical { at: String, tag: String },
    /// DNS could not be asked; why.
    Unchecked { reason: String },
}

/// Everything the check found for one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostCheck {
    pub host: String,
    pub address: AddressCheck,
    /// `None` when the Ingress has no TLS, so no certificate is issued.
    pub caa: Option<CaaCheck>,
}

/// Checks `host`: its addresses against `published`, and its CAA records against `issuer`
/// (the CAA issuer domain, `None` when no certificate is issued), through `resolver`.
#[must_use]
pub fn check(
    resolver: &Resolver,
    host: &str,
    published: &Published,
    issuer: Option<&str>,
) -> HostCheck {
    HostCheck {
        host: host.to_owned(),
        address: check_address(resolver, host, published),
        caa: issuer.map(|issuer| check_caa(resolver, host, issuer)),
    }
}

fn check_address(resolver: &Resolver, host: &str, published: &Published) -> AddressCheck {
    if host.starts_with("*.") {
        return AddressCheck::Wildcard;
    }
    let found = match addresses(resolver, host) {
        Ok(found) => found,
        Err(e) => {
            return AddressCheck::Unchecked {
                reason: e.to_string(),
            };
        }
    };
    let Published::Addresses(target) = published else {
        return match found.is_empty() {
            true => AddressCheck::Unresolved { target: None },
            false => AddressCheck::Resolves {
                found: found.into_iter().collect(),
            },
        };
    };
    // A load balancer's host name is resolved by the same server; one that does not resolve
    // is simply no match.
    let wanted: BTreeSet<IpAddr> = target
        .iter()
        .flat_map(|t| match t.parse::<IpAddr>() {
            Ok(ip) => BTreeSet::from([ip]),
            Err(_) => addresses(resolver, t).unwrap_or_default(),
        })
        .collect();
    compare(&found, &wanted, target)
}

/// The address verdict for `found` against `wanted` (the resolved `target`).
fn compare(found: &BTreeSet<IpAddr>, wanted: &BTreeSet<IpAddr>, target: &[String]) -> AddressCheck {
    if found.is_empty() {
        AddressCheck::Unresolved {
            target: Some(target.to_vec()),
        }
    } else if found.iter().any(|ip| wanted.contains(ip)) {
        AddressCheck::PointsHere
    } else {
        AddressCheck::Elsewhere {
            found: found.iter().copied().collect(),
            target: target.to_vec(),
        }
    }
}

/// The A and AAAA addresses of `name` (itself when it is an IP), CNAMEs followed; empty when
/// it does not exist or has none.
fn addresses(resolver: &Resolver, name: &str) -> Result<BTreeSet<IpAddr>, DnsError> {
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Ok(BTreeSet::from([ip]));
    }
    let mut out = BTreeSet::new();
    for qtype in [wire::TYPE_A, wire::TYPE_AAAA] {
        match resolver.ask(name, qtype).and_then(|r| usable(name, r)) {
            Ok(response) => {
                out.extend(chain(name, &response).into_iter().filter_map(|d| match d {
                    Data::A(ip) => Some(IpAddr::V4(*ip)),
                    Data::Aaaa(ip) => Some(IpAddr::V6(*ip)),
                    _ => None,
                }));
            }
            // No IPv6 answer in time is no reason to distrust the IPv4 one.
            Err(_) if qtype == wire::TYPE_AAAA && !out.is_empty() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The response when it is an answer (records, no records, or no such name).
fn usable(name: &str, response: Response) -> Result<Response, DnsError> {
    match response.rcode {
        RCODE_NOERROR | RCODE_NXDOMAIN => Ok(response),
        code => Err(DnsError::Failed {
            name: name.to_owned(),
            rcode: match code {
                1 => "FORMERR",
                2 => "SERVFAIL",
                4 => "NOTIMP",
                5 => "REFUSED",
                _ => "an error",
            },
        }),
    }
}

/// The data of the records owned by `name` or by a name its CNAME chain in `response` leads to.
fn chain<'a>(name: &str, response: &'a Response) -> Vec<&'a Data> {
    let mut names = vec![name.trim_end_matches('.').to_ascii_lowercase()];
    // Each round adds at most one CNAME target; the answer section bounds the rounds.
    for _ in 0..=response.answers.len() {
        let next = response.answers.iter().find_map(|r| match &r.data {
            Data::Cname(target) if names.contains(&r.name) && !names.contains(target) => {
                Some(target.clone())
            }
            _ => None,
        });
        match next {
            Some(target) => names.push(target),
            None => break,
        }
    }
    response
        .answers
        .iter()
        .filter(|r| names.contains(&r.name))
        .map(|r| &r.data)
        .collect()
}

/// RFC 8659 section 3: the relevant CAA set is the first found climbing from the host (a
/// wildcard's base name) to its parents, the TLD included.
fn check_caa(resolver: &Resolver, host: &str, issuer: &str) -> CaaCheck {
    let wildcard = host.starts_with("*.");
    let mut name = host.trim_start_matches("*.");
    loop {
        let response = match resolver
            .ask(name, wire::TYPE_CAA)
            .and_then(|r| usable(name, r))
        {
            Ok(r) => r,
            Err(e) => {
                return CaaCheck::Unchecked {
                    reason: e.to_string(),
                };
            }
        };
        let set: Vec<(bool, &str, &str)> = chain(name, &response)
            .into_iter()
            .filter_map(|d| match d {
                Data::Caa {
                    critical,
                    tag,
                    value,
                } => Some((*critical, tag.as_str(), value.as_str())),
                _ => None,
            })
            .collect();
        if !set.is_empty() {
            return judge(name, &set, issuer, wildcard);
        }
        match name.split_once('.') {
            Some((_, parent)) if !parent.is_empty() => name = parent,
            _ => return CaaCheck::Allows,
        }
    }
}

/// Whether the CAA set found at `at` lets `issuer` sign (RFC 8659 sections 4.2 and 4.3).
fn judge(at: &str, set: &[(bool, &str, &str)], issuer: &str, wildcard: bool) -> CaaCheck {
    const KNOWN: [&str; 4] = ["issue", "issuewild", "iodef", "issuemail"];
    if let Some((_, tag, _)) = set.iter().find(|(c, t, _)| *c && !KNOWN.contains(t)) {
        return CaaCheck::UnknownCritical {
            at: at.to_owned(),
            tag: (*tag).to_owned(),
        };
    }
    // For a wildcard, issuewild wins when present; otherwise issue speaks for both.
    let tag = if wildcard && set.iter().any(|(_, t, _)| *t == "issuewild") {
        "issuewild"
    } else {
        "issue"
    };
    let relevant: Vec<&str> = set
        .iter()
        .filter(|(_, t, _)| *t == tag)
        .map(|(_, _, v)| *v)
        .collect();
    if relevant.is_empty() {
        return CaaCheck::Allows;
    }
    // The issuer domain is what precedes the parameters: `letsencrypt.org; accounturi=...`.
    let issuers: Vec<String> = relevant
        .iter()
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty())
        .collect();
    if issuers.iter().any(|d| d.eq_ignore_ascii_case(issuer)) {
        return CaaCheck::Allows;
    }
    CaaCheck::Forbids {
        at: at.to_owned(),
        tag,
        issuers,
        issuer: issuer.to_owned(),
    }
}

impl HostCheck {
    /// The warnings for the user, each with what to change at the DNS provider.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let host = &self.host;
        let mut out = Vec::new();
        match &self.address {
            AddressCheck::Unresolved { target: Some(target) } => out.push(format!(
                "{host} does not resolve yet: at your DNS provider, add {}; the certificate is issued once it does",
                record(host, target)
            )),
            AddressCheck::Unresolved { target: None } => out.push(format!(
                "{host} does not resolve yet: at your DNS provider, add an A/AAAA record (or a CNAME) to the app's Ingress address; the certificate is issued once it does"
            )),
            AddressCheck::Elsewhere { found, target } => out.push(format!(
                "{host} resolves to {}, not to the app's Ingress: at your DNS provider, set {}; the certificate is issued once it does",
                crate::text::and_list(&found.iter().map(ToString::to_string).collect::<Vec<_>>()),
                record(host, target)
            )),
            _ => {}
        }
        match &self.caa {
            Some(CaaCheck::Forbids { at, tag, issuers, issuer }) => out.push(format!(
                "the CAA records of {at} allow {}, so no certificate for {host} can be issued: at your DNS provider, add the record `{at}. CAA 0 {tag} \"{issuer}\"`",
                if issuers.is_empty() {
                    "no certificate authority".to_owned()
                } else {
                    format!("only {}", crate::text::and_list(issuers))
                }
            )),
            Some(CaaCheck::UnknownCritical { at, tag }) => out.push(format!(
                "the CAA records of {at} hold the critical property `{tag}`, which no certificate authority may ignore, so no certificate for {host} can be issued: at your DNS provider, remove that record or clear its critical flag"
            )),
            _ => {}
        }
        out
    }

    /// What the check could not tell, for the user to know it was not checked.
    #[must_use]
    pub fn notes(&self, published: &Published) -> Vec<String> {
        let host = &self.host;
        let mut out = Vec::new();
        let why = match published {
            Published::Unknown(reason) => format!("the app's Ingress cannot be read ({reason})"),
            _ => "the app's Ingress publishes no address yet".to_owned(),
        };
        match &self.address {
            AddressCheck::Resolves { found } => out.push(format!(
                "{host} resolves to {}, but {why}, so it could not be compared with the Ingress address",
                crate::text::and_list(&found.iter().map(ToString::to_string).collect::<Vec<_>>()),
            )),
            AddressCheck::Unresolved { target: None } => out.push(format!(
                "{why}, so the address {host} needs could not be told"
            )),
            AddressCheck::Unchecked { reason } => {
                out.push(format!("DNS could not be checked for {host}: {reason}"));
            }
            _ => {}
        }
        if let Some(CaaCheck::Unchecked { reason }) = &self.caa {
            // Said once per host: when DNS fails, the address check said it already.
            if !matches!(self.address, AddressCheck::Unchecked { .. }) {
                out.push(format!(
                    "the CAA records of {host} could not be checked: {reason}"
                ));
            }
        }
        out
    }
}

/// The record(s) that point `host` at `target`: A/AAAA for IPs, a CNAME for a host name.
fn record(host: &str, target: &[String]) -> String {
    let ips: Vec<IpAddr> = target.iter().filter_map(|t| t.parse().ok()).collect();
    if ips.is_empty() {
        return format!("a CNAME record {host} → {}", target.join(", "));
    }
    let kinds: Vec<String> = ips
        .iter()
        .map(|ip| match ip {
            IpAddr::V6(_) => format!("AAAA {ip}"),
            IpAddr::V4(_) => format!("A {ip}"),
        })
        .collect();
    format!("{} for {host}", crate::text::and_list(&kinds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(list: &[&str]) -> BTreeSet<IpAddr> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn addresses_are_compared_and_the_record_to_set_is_named() {
        let target = vec!["203.0.113.7".to_owned()];
        let wanted = ips(&["203.0.113.7"]);
        assert_eq!(
            compare(&ips(&["203.0.113.7", "2001:db8::1"]), &wanted, &target),
            AddressCheck::PointsHere
        );
        let elsewhere = compare(&ips(&["192.0.2.1"]), &wanted, &target);
        let host = |address| HostCheck {
            host: "shop.example.com".into(),
            address,
            caa: None,
        };
        assert_eq!(
            host(elsewhere).warnings(),
            [
                "shop.example.com resolves to 192.0.2.1, not to the app's Ingress: at your DNS provider, set A 203.0.113.7 for shop.example.com; the certificate is issued once it does"
            ]
        );
        let unresolved = compare(&BTreeSet::new(), &wanted, &target);
        assert!(host(unresolved).warnings()[0].contains("add A 203.0.113.7 for shop.example.com"));
        let cname = compare(
            &BTreeSet::new(),
            &BTreeSet::new(),
            &["lb.example.net".to_owned()],
        );
        assert!(
            host(cname).warnings()[0].contains("a CNAME record shop.example.com → lb.example.net")
        );
        let unknown = Published::Unknown("timed out".into());
        let resolves = host(AddressCheck::Resolves {
            found: vec!["192.0.2.1".parse().unwrap()],
        });
        assert!(resolves.warnings().is_empty());
        assert_eq!(
            resolves.notes(&unknown),
            [
                "shop.example.com resolves to 192.0.2.1, but the app's Ingress cannot be read (timed out), so it could not be compared with the Ingress address"
            ]
        );
    }

    #[test]
    fn the_caa_set_is_judged_as_rfc_8659_says() {
        let le = "letsencrypt.org";
        let judged = |set: &[(bool, &str, &str)], wildcard| judge("example.com", set, le, wildcard);
        assert_eq!(judged(&[], false), CaaCheck::Allows);
        assert_eq!(
            judged(&[(false, "iodef", "mailto:a@example.com")], false),
            CaaCheck::Allows
        );
        assert_eq!(
            judged(
                &[(false, "issue", "LetsEncrypt.org; accounturi=https://x/1")],
                false
            ),
            CaaCheck::Allows
        );
        let forbids = |tag, issuers: &[&str]| CaaCheck::Forbids {
            at: "example.com".into(),
            tag,
            issuers: issuers.iter().map(|s| (*s).to_owned()).collect(),
            issuer: le.into(),
        };
        assert_eq!(
            judged(
                &[
                    (false, "issue", "sectigo.com"),
                    (false, "issue", "pki.goog")
                ],
                false
            ),
            forbids("issue", &["sectigo.com", "pki.goog"])
        );
        assert_eq!(
            judged(&[(false, "issue", ";")], false),
            forbids("issue", &[])
        );
        // issuewild decides for a wildcard, and only there.
        let wild = [
            (false, "issue", "letsencrypt.org"),
            (false, "issuewild", ";"),
        ];
        assert_eq!(judged(&wild, false), CaaCheck::Allows);
        assert_eq!(judged(&wild, true), forbids("issuewild", &[]));
        assert_eq!(
            judged(&[(false, "issue", "sectigo.com")], true),
            forbids("issue", &["sectigo.com"])
        );
        assert_eq!(
            judged(&[(true, "tbs", "x"), (false, "issue", le)], false),
            CaaCheck::UnknownCritical {
                at: "example.com".into(),
                tag: "tbs".into()
            }
        );
        let warning = HostCheck {
            host: "shop.example.com".into(),
            address: AddressCheck::PointsHere,
            caa: Some(forbids("issue", &["sectigo.com"])),
        }
        .warnings();
        assert_eq!(
            warning,
            [
                "the CAA records of example.com allow only sectigo.com, so no certificate for shop.example.com can be issued: at your DNS provider, add the record `example.com. CAA 0 issue \"letsencrypt.org\"`"
            ]
        );
    }

    #[test]
    fn cname_chains_are_followed_within_the_answer() {
        let record = |name: &str, data| wire::Record {
            name: name.into(),
            data,
        };
        let response = Response {
            rcode: 0,
            truncated: false,
            answers: vec![
                record("shop.example.com", Data::Cname("lb.example.net".into())),
                record("lb.example.net", Data::A("203.0.113.7".parse().unwrap())),
                record("other.example", Data::A("192.0.2.9".parse().unwrap())),
            ],
        };
        assert_eq!(
            chain("Shop.Example.com.", &response),
            [
                &Data::Cname("lb.example.net".into()),
                &Data::A("203.0.113.7".parse().unwrap())
            ]
        );
    }
}
