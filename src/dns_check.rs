//! Whether a host's DNS points at the app, checked from the user's machine with the system
//! resolver: the host's addresses against those the app's Ingress publishes. The answer is
//! advice (what to change at the DNS provider), never a refusal: DNS may be changed later.

use std::collections::BTreeSet;
use std::net::{IpAddr, ToSocketAddrs};

/// What the check found for one host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsCheck {
    /// The host resolves to an address the Ingress publishes.
    PointsHere,
    /// A wildcard cannot be resolved as such; its records are the user's to check.
    Wildcard,
    /// The Ingress publishes no address yet (or it cannot be read): nothing to compare with.
    NoTarget,
    /// The host does not resolve.
    Unresolved { target: Vec<String> },
    /// The host resolves elsewhere.
    Elsewhere {
        found: Vec<IpAddr>,
        target: Vec<String>,
    },
}

impl DnsCheck {
    /// The warning for the user, with what to change at the DNS provider; `None` when fine.
    #[must_use]
    pub fn advice(&self, host: &str) -> Option<String> {
        let record = |target: &[String]| {
            let ips: Vec<&String> = target
                .iter()
                .filter(|t| t.parse::<IpAddr>().is_ok())
                .collect();
            if ips.is_empty() {
                format!("a CNAME record {host} → {}", target.join(", "))
            } else {
                let kinds: Vec<String> = ips
                    .iter()
                    .map(|ip| match ip.parse::<IpAddr>() {
                        Ok(IpAddr::V6(_)) => format!("AAAA {ip}"),
                        _ => format!("A {ip}"),
                    })
                    .collect();
                format!("{} for {host}", crate::text::and_list(&kinds))
            }
        };
        match self {
            DnsCheck::PointsHere | DnsCheck::Wildcard | DnsCheck::NoTarget => None,
            DnsCheck::Unresolved { target } => Some(format!(
                "{host} does not resolve yet: at your DNS provider, add {}; the certificate is issued once it does",
                record(target)
            )),
            DnsCheck::Elsewhere { found, target } => Some(format!(
                "{host} resolves to {}, not to the app's Ingress: at your DNS provider, set {}; the certificate is issued once it does",
                crate::text::and_list(&found.iter().map(ToString::to_string).collect::<Vec<_>>()),
                record(target)
            )),
        }
    }
}

/// Checks `host` against `published`, the Ingress's IPs or host names.
#[must_use]
pub fn check(host: &str, published: &[String]) -> DnsCheck {
    if host.starts_with("*.") {
        return DnsCheck::Wildcard;
    }
    if published.is_empty() {
        return DnsCheck::NoTarget;
    }
    let wanted: BTreeSet<IpAddr> = published.iter().flat_map(|p| resolve(p)).collect();
    let found = resolve(host);
    if found.is_empty() {
        return DnsCheck::Unresolved {
            target: published.to_vec(),
        };
    }
    if found.iter().any(|ip| wanted.contains(ip)) {
        DnsCheck::PointsHere
    } else {
        DnsCheck::Elsewhere {
            found: found.into_iter().collect(),
            target: published.to_vec(),
        }
    }
}

/// The addresses of `name` (itself when it is an IP), through the system resolver.
fn resolve(name: &str) -> BTreeSet<IpAddr> {
    if let Ok(ip) = name.parse::<IpAddr>() {
        return BTreeSet::from([ip]);
    }
    (name, 443)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|a| a.ip()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_names_the_record_to_set() {
        let target = vec!["203.0.113.7".to_owned()];
        assert_eq!(
            check("localhost", &target),
            DnsCheck::Elsewhere {
                found: resolve("localhost").into_iter().collect(),
                target: target.clone(),
            }
        );
        assert!(check("localhost", &["127.0.0.1".to_owned()]) == DnsCheck::PointsHere);
        assert_eq!(check("*.example.com", &target), DnsCheck::Wildcard);
        assert_eq!(check("a.example.com", &[]), DnsCheck::NoTarget);
        let advice = DnsCheck::Unresolved { target }
            .advice("shop.example.com")
            .unwrap();
        assert!(
            advice.contains("add A 203.0.113.7 for shop.example.com"),
            "{advice}"
        );
        let advice = DnsCheck::Unresolved {
            target: vec!["lb.example.net".to_owned()],
        }
        .advice("shop.example.com")
        .unwrap();
        assert!(
            advice.contains("a CNAME record shop.example.com → lb.example.net"),
            "{advice}"
        );
    }
}
