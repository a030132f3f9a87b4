//! The app's plain configuration variables (`app.yaml` `env`), as `config set|unset|list` see
//! them: which assignments are accepted, which are refused and why, and where each variable the
//! app sees comes from. A value given here ends up in plain text in the deploy repository, so
//! anything that may be a secret is refused unless the user says it is meant (`--plain`), and
//! no error ever shows a value.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::exit::{Classify, ExitCode};
use crate::seal::SealedSecret;
use crate::spec::PLATFORM_ENV;

/// One `KEY=VALUE` of `config set`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub key: String,
    pub value: String,
}

/// Why a `config` change is refused. None of the messages holds a value.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// An argument is not `KEY=VALUE`, or its key is no variable name.
    #[error("argument {position} {reason}")]
    BadArgument { position: usize, reason: String },
    /// The same key twice in one command.
    #[error("{key} is given twice")]
    Repeated { key: String },
    /// Keys the platform sets itself.
    #[error("{}", platform_keys_message(keys))]
    PlatformKeys { keys: Vec<String> },
    /// Keys that are sealed secrets: a plain value would shadow the secret.
    #[error("{} {} sealed {}: a plain value in `env` would shadow the secret (the chart's `env` wins over the sealed Secret)", crate::text::and_list(keys), if keys.len() == 1 { "is a" } else { "are" }, if keys.len() == 1 { "secret" } else { "secrets" })]
    Sealed { keys: Vec<String>, unset: bool },
    /// A value that looks like a secret, without `--plain`.
    #[error(
        "the value of {key} looks like a secret ({why}) and is not stored in plain text; it is not shown"
    )]
    LooksSecret { key: String, why: &'static str },
    /// `config unset` of keys `env` does not have.
    #[error("{} not set in app.yaml `env`", crate::text::and_list(keys))]
    NotSet { keys: Vec<String> },
    /// The SealedSecret next to app.yaml cannot be read, so whether a key is sealed is unknown.
    #[error("cannot read the sealed secrets, so cannot tell which keys are secret")]
    SealedUnreadable { source: crate::seal::ManifestError },
}

impl Classify for ConfigError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }

    fn hint(&self) -> Option<String> {
        match self {
            ConfigError::BadArgument { .. } => Some(format!(
                "write each as KEY=VALUE; keys {}",
                crate::seal::keys::NAME_RULE
            )),
            ConfigError::Repeated { .. } | ConfigError::SealedUnreadable { .. } => None,
            ConfigError::PlatformKeys { .. } => {
                Some("`ungleich-django config` lists the names the platform sets".to_owned())
            }
            ConfigError::Sealed { keys, unset: false } => Some(format!(
                "change a secret with `ungleich-django secret set {}`, or remove it first with `ungleich-django secret unset {}`",
                keys.join(" "),
                keys.join(" ")
            )),
            ConfigError::Sealed { keys, unset: true } => Some(format!(
                "remove a secret with `ungleich-django secret unset {}`",
                keys.join(" ")
            )),
            ConfigError::LooksSecret { key, .. } => Some(format!(
                "seal it with `ungleich-django secret set {key}` (it asks for the value); if it really is not secret, pass --plain"
            )),
            ConfigError::NotSet { .. } => {
                Some("`ungleich-django config` lists what is set".to_owned())
            }
        }
    }
}

fn platform_keys_message(keys: &[String]) -> String {
    let list = crate::text::and_list(keys);
    if keys.len() == 1 {
        format!(
            "{list} is set by the platform, which gives the app its own value; `env` cannot change it"
        )
    } else {
        format!(
            "{list} are set by the platform, which gives the app their own values; `env` cannot change them"
        )
    }
}

/// Parses `config set`'s arguments. Refuses an argument without `=`, an invalid name and a
/// repeated key, naming the argument by position when its key may be a value.
///
/// # Errors
/// The first bad argument.
pub fn parse_assignments(args: &[String]) -> Result<Vec<Assignment>, ConfigError> {
    let mut out: Vec<Assignment> = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let position = i + 1;
        let Some((key, value)) = arg.split_once('=') else {
            return Err(ConfigError::BadArgument {
                position,
                reason: "is not KEY=VALUE and is not shown, as it may be a value".to_owned(),
            });
        };
        crate::seal::keys::check_name(key).map_err(|reason| ConfigError::BadArgument {
            position,
            reason: format!("has a key that {reason}"),
        })?;
        if out.iter().any(|a| a.key == key) {
            return Err(ConfigError::Repeated {
                key: key.to_owned(),
            });
        }
        out.push(Assignment {
            key: key.to_owned(),
            value: value.to_owned(),
        });
    }
    Ok(out)
}

/// Checks `config unset`'s keys: names only, each once.
///
/// # Errors
/// The first invalid or repeated name.
pub fn check_keys(keys: &[String]) -> Result<(), ConfigError> {
    for (i, key) in keys.iter().enumerate() {
        crate::seal::keys::check_name(key).map_err(|reason| ConfigError::BadArgument {
            position: i + 1,
            reason: format!("is a key that {reason}"),
        })?;
        if keys[..i].contains(key) {
            return Err(ConfigError::Repeated { key: key.clone() });
        }
    }
    Ok(())
}

/// Refuses keys the platform sets. Needs no files, so it runs before any network traffic.
///
/// # Errors
/// Naming every such key.
pub fn refuse_platform_keys<'a>(
    keys: impl IntoIterator<Item = &'a str>,
) -> Result<(), ConfigError> {
    let owned: Vec<String> = crate::seal::keys::platform_owned(keys)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if owned.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::PlatformKeys { keys: owned })
    }
}

/// Refuses values that look like secrets unless `plain`.
///
/// # Errors
/// The first such assignment, by key, never by value.
pub fn refuse_secret_looking(assignments: &[Assignment], plain: bool) -> Result<(), ConfigError> {
    if plain {
        return Ok(());
    }
    for a in assignments {
        if let Some(why) = looks_secret(&a.key, &a.value) {
            return Err(ConfigError::LooksSecret {
                key: a.key.clone(),
                why,
            });
        }
    }
    Ok(())
}

/// Why a variable looks like a secret, by its name or its value; `None` when it does not.
#[must_use]
pub fn looks_secret(key: &str, value: &str) -> Option<&'static str> {
    let upper = key.to_ascii_uppercase();
    if upper.ends_with("_KEY") || upper == "KEY" {
        return Some("its name ends in _KEY");
    }
    if upper.ends_with("_TOKEN") || upper == "TOKEN" {
        return Some("its name ends in _TOKEN");
    }
    if upper.contains("PASSWORD") || upper.contains("PASSWD") {
        return Some("its name contains PASSWORD");
    }
    if upper.contains("SECRET") {
        return Some("its name contains SECRET");
    }
    if has_url_credentials(value) {
        return Some("it is a URL with a password");
    }
    if is_high_entropy(value) {
        return Some("it is long and random-looking");
    }
    None
}

/// `scheme://user:password@host...`.
fn has_url_credentials(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(userinfo, _)| userinfo.contains(':'))
}

/// The shortest value taken for a random token.
const TOKEN_MIN_LEN: usize = 20;
/// Bits of Shannon entropy per character above which a long value reads as random.
const TOKEN_MIN_BITS: f64 = 3.5;

/// A long value without spaces that mixes character classes and whose characters are spread
/// like a random token's (API keys, hex or base64 secrets), not like words or a dotted path.
fn is_high_entropy(value: &str) -> bool {
    if value.len() < TOKEN_MIN_LEN || value.chars().any(char::is_whitespace) {
        return false;
    }
    // Paths, URLs and module names are long but made of words.
    if value.contains("://") || value.starts_with('/') {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if classes < 2 {
        return false;
    }
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in value.chars() {
        *counts.entry(c).or_default() += 1;
    }
    #[allow(clippy::cast_precision_loss)] // Lengths far below 2^52.
    let len = value.chars().count() as f64;
    #[allow(clippy::cast_precision_loss)]
    let bits: f64 = counts
        .values()
        .map(|&n| {
            let p = n as f64 / len;
            -p * p.log2()
        })
        .sum();
    bits >= TOKEN_MIN_BITS
}

/// The keys of the SealedSecret at `path` (none when there is no file).
///
/// # Errors
/// When the file exists but is not a SealedSecret.
pub fn sealed_keys(path: &Path) -> Result<Vec<String>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        // Unreadable is not "no secrets": a plain value could then shadow one unnoticed.
        Err(source) => {
            return Err(ConfigError::SealedUnreadable {
                source: crate::seal::ManifestError {
                    path: path.to_owned(),
                    problem: source.to_string(),
                },
            });
        }
    };
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    SealedSecret::parse(path, &text)
        .map(|s| s.keys())
        .map_err(|source| ConfigError::SealedUnreadable { source })
}

/// Refuses keys that are sealed secrets. `unset` words the hint for `config unset`.
///
/// # Errors
/// Naming every such key.
pub fn refuse_sealed<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    sealed: &[String],
    unset: bool,
) -> Result<(), ConfigError> {
    let clash: Vec<String> = keys
        .into_iter()
        .filter(|k| sealed.iter().any(|s| s == k))
        .map(str::to_owned)
        .collect();
    if clash.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Sealed { keys: clash, unset })
    }
}

/// Where a variable the app sees comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `app.yaml` `env`: the value is plain text.
    AppYaml,
    /// The SealedSecret: only the name is known here.
    Sealed,
    /// The platform (DESIGN section 2).
    Platform,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::AppYaml => "app.yaml",
            Source::Sealed => "sealed",
            Source::Platform => "platform",
        })
    }
}

/// One variable of `config`'s listing.
#[derive(Debug, Clone, Serialize)]
pub struct Variable {
    pub name: String,
    pub source: Source,
    /// The plain value; `None` for sealed and platform variables.
    pub value: Option<String>,
}

/// Every variable the app's containers get, by source: the plain ones with their values, the
/// sealed ones and the platform's by name only. A sealed key the platform also sets is listed
/// once, as the platform's (its value wins).
#[must_use]
pub fn listing(env: &BTreeMap<String, String>, sealed: &[String]) -> Vec<Variable> {
    let mut out: Vec<Variable> = env
        .iter()
        .map(|(name, value)| Variable {
            name: name.clone(),
            source: Source::AppYaml,
            value: Some(value.clone()),
        })
        .collect();
    out.extend(
        sealed
            .iter()
            .filter(|k| !PLATFORM_ENV.contains(&k.as_str()) && !env.contains_key(*k))
            .map(|name| Variable {
                name: name.clone(),
                source: Source::Sealed,
                value: None,
            }),
    );
    out.extend(PLATFORM_ENV.iter().map(|name| Variable {
        name: (*name).to_owned(),
        source: Source::Platform,
        value: None,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_names_and_values() {
        let cases = [
            ("DJANGO_SECRET_KEY", "x", true),
            ("STRIPE_API_KEY", "x", true),
            ("GITHUB_TOKEN", "x", true),
            ("SMTP_PASSWORD", "x", true),
            ("DB_PASSWORD_FILE", "x", true),
            ("CLIENT_SECRET", "x", true),
            ("SENTRY_DSN", "https://abc@o1.ingest.sentry.io/1", false),
            ("REDIS_URL", "redis://:hunter2@redis:6379/0", true),
            ("DATABASE_REPLICA", "postgres://u:p@db/x", true),
            ("API_ID", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", true),
            ("HEX", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", true),
            ("DJANGO_SETTINGS_MODULE", "shop.settings.production", false),
            ("STATIC_URL", "/static/very/long/path/to/files/", false),
            ("DEBUG", "false", false),
            ("LANGUAGE", "de-ch", false),
            ("TIME_ZONE", "Europe/Zurich", false),
            ("GREETING", "Hello, World and everyone in it", false),
            (
                "CSRF_TRUSTED_ORIGINS",
                "https://shop.example.com,https://www.shop.example.com",
                false,
            ),
        ];
        for (key, value, secret) in cases {
            assert_eq!(looks_secret(key, value).is_some(), secret, "{key}");
        }
    }

    #[test]
    fn bad_arguments_never_show_the_value() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let err = parse_assignments(&args(&["A=1", "hunter2"])).unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
        assert!(err.to_string().starts_with("argument 2 "));
        let err = parse_assignments(&args(&["s3cr3t!x=1"])).unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"));
        let err = parse_assignments(&args(&["A=1", "A=2"])).unwrap_err();
        assert_eq!(err.to_string(), "A is given twice");
        let ok = parse_assignments(&args(&["A=b=c", "E="])).unwrap();
        assert_eq!(ok[0].value, "b=c");
        assert_eq!(ok[1].value, "");
        let err = refuse_secret_looking(
            &[Assignment {
                key: "API_TOKEN".into(),
                value: "tok3n".into(),
            }],
            false,
        )
        .unwrap_err();
        assert!(!err.to_string().contains("tok3n"));
        assert!(err.hint().unwrap().contains("secret set API_TOKEN"));
    }

    #[test]
    fn listing_marks_each_source() {
        let env = BTreeMap::from([("A".to_owned(), "1".to_owned())]);
        let list = listing(&env, &["S".to_owned(), "PORT".to_owned()]);
        let sources: Vec<(&str, Source)> =
            list.iter().map(|v| (v.name.as_str(), v.source)).collect();
        assert_eq!(sources[0], ("A", Source::AppYaml));
        assert_eq!(sources[1], ("S", Source::Sealed));
        assert_eq!(sources.iter().filter(|(n, _)| *n == "PORT").count(), 1);
        assert!(list[1].value.is_none());
    }
}
