//! The name rules of Kubernetes and of environment variables, with messages that say the rule.

// The same rules as JSON Schema patterns (valid in RE2, helm's regex engine, and ECMA-262), for
// the schema helm checks the chart's values with; `tests::patterns_agree_with_the_validators`
// keeps the patterns and the validators in step.
/// [`validate_app_name`] as a pattern (its length limit is [`MAX_APP_NAME`]).
pub const APP_NAME_PATTERN: &str = r"^[a-z]([-a-z0-9]*[a-z0-9])?$";
/// [`validate_dns_label`] as a pattern (its length limit is 63).
pub const DNS_LABEL_PATTERN: &str = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/// [`validate_dns_subdomain`] as a pattern (its length limit is 253).
pub const DNS_SUBDOMAIN_PATTERN: &str =
    r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$";
/// [`validate_host`] as a pattern (its length limit is 255).
pub const HOST_PATTERN: &str =
    r"^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$";
/// [`validate_env_name`] as a pattern.
pub const ENV_NAME_PATTERN: &str = r"^[A-Za-z_][A-Za-z0-9_]*$";
/// An absolute path: `healthcheck` and `commands`.
pub const ABSOLUTE_PATH_PATTERN: &str = r"^/";

/// The longest app name: the chart appends `-async` (6) and Kubernetes appends a ReplicaSet hash
/// and a pod suffix (17) to pod names, whose label values must stay within 63 characters.
pub const MAX_APP_NAME: usize = 40;

/// A DNS-1123 label: lowercase letters, digits and `-`, starting and ending alphanumeric, ≤ 63.
///
/// # Errors
/// The rule that `name` breaks.
pub fn validate_dns_label(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 63 {
        return Err(format!("`{name}` must be 1 to 63 characters long"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "`{name}` may contain only lowercase letters, digits and '-'"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(format!(
            "`{name}` must start and end with a letter or digit"
        ));
    }
    Ok(())
}

/// An app name: a DNS-1123 label short enough for the names derived from it.
///
/// # Errors
/// The rule that `name` breaks.
pub fn validate_app_name(name: &str) -> Result<(), String> {
    validate_dns_label(name)?;
    if name.len() > MAX_APP_NAME {
        return Err(format!(
            "`{name}` is longer than {MAX_APP_NAME} characters, too long for the names derived from it"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!("`{name}` must start with a lowercase letter"));
    }
    Ok(())
}

/// A DNS-1123 subdomain: dot-separated labels, ≤ 253 (Secret names).
///
/// # Errors
/// The rule that `name` breaks.
pub fn validate_dns_subdomain(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 253 {
        return Err(format!("`{name}` must be 1 to 253 characters long"));
    }
    name.split('.').try_for_each(validate_dns_label).map_err(|_| {
        format!("`{name}` must be lowercase letters, digits, '-' and '.', each part starting and ending alphanumeric")
    })
}

/// A host name for an Ingress rule: a DNS subdomain, or a wildcard `*.` in front of one.
///
/// # Errors
/// The rule that `host` breaks.
pub fn validate_host(host: &str) -> Result<(), String> {
    let rest = host.strip_prefix("*.").unwrap_or(host);
    if !rest.contains('.') {
        return Err(format!(
            "`{host}` must be a fully qualified host name, like shop.example.com"
        ));
    }
    validate_dns_subdomain(rest)
}

/// An environment variable name as shells and Kubernetes accept it: `[A-Za-z_][A-Za-z0-9_]*`.
///
/// # Errors
/// The rule that `name` breaks.
pub fn validate_env_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid_start = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !valid_start || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a valid environment variable name: use letters, digits and '_', not starting with a digit"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_kubernetes_rules() {
        for good in ["shop", "a", "shop-2", "my-shop"] {
            assert!(validate_app_name(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Shop",
            "shop_2",
            "-shop",
            "shop-",
            "2shop",
            &"a".repeat(41),
            "shop.example",
        ] {
            assert!(validate_app_name(bad).is_err(), "{bad}");
        }
        assert!(validate_dns_label("2shop").is_ok());
        assert!(validate_dns_subdomain("regcred.v2").is_ok());
        assert!(validate_host("*.shop.example.com").is_ok());
        assert!(validate_host("localhost").is_err());
    }

    /// The schema's patterns (what helm checks) accept exactly what the validators accept.
    #[test]
    fn patterns_agree_with_the_validators() {
        type Validator = fn(&str) -> Result<(), String>;
        let long_label = "a".repeat(63);
        let too_long_label = "a".repeat(64);
        let samples: Vec<String> = [
            "",
            "shop",
            "a",
            "shop-2",
            "2shop",
            "-shop",
            "shop-",
            "Shop",
            "shop_2",
            "shop.example",
            "a.b.c",
            "a..b",
            ".a",
            "a.",
            "*.shop.example.com",
            "*.com",
            "*shop.example.com",
            "shop.example.com",
            "x.-y.z",
            "localhost",
            "SECRET_KEY",
            "_X",
            "a1",
            "1A",
            "A-B",
            "A B",
            "Ä",
            "é.example.com",
            "/healthz",
            "healthz",
            "/",
            "shop\n",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain([
            long_label.clone(),
            too_long_label.clone(),
            format!("{long_label}.example.com"),
            format!("{too_long_label}.example.com"),
            "a".repeat(40),
            "a".repeat(41),
        ])
        .collect();
        let cases: [(&str, Option<usize>, Validator); 5] = [
            (DNS_LABEL_PATTERN, Some(63), validate_dns_label),
            (APP_NAME_PATTERN, Some(MAX_APP_NAME), validate_app_name),
            (DNS_SUBDOMAIN_PATTERN, Some(253), validate_dns_subdomain),
            (HOST_PATTERN, Some(255), validate_host),
            (ENV_NAME_PATTERN, None, validate_env_name),
        ];
        for (pattern, max, validator) in cases {
            let regex = regex::Regex::new(pattern).unwrap();
            for sample in &samples {
                let by_schema =
                    regex.is_match(sample) && max.is_none_or(|max| sample.chars().count() <= max);
                assert_eq!(
                    by_schema,
                    validator(sample).is_ok(),
                    "pattern {pattern} and its validator disagree on {sample:?}"
                );
            }
        }
    }

    #[test]
    fn env_names() {
        for good in ["SECRET_KEY", "_X", "a1"] {
            assert!(validate_env_name(good).is_ok(), "{good}");
        }
        for bad in ["", "1A", "A-B", "A B", "Ä"] {
            assert!(validate_env_name(bad).is_err(), "{bad}");
        }
    }
}
