//! Which names a secret may have, with one wording for `set`, `import` and `unset`. A word that
//! is not a name may be a value typed in the wrong place (`secret set TOKEN s3cr3t!`, a hex token,
//! `correct-horse.battery`, the second line of an unquoted PEM key in a dotenv file), and no rule
//! tells a mistyped name from such a value, so a message about a key never shows the word: the
//! caller names its position (argument 2, line 2) instead.

use crate::spec::PLATFORM_ENV;

/// What every secret key must look like.
pub const NAME_RULE: &str = "use letters, digits and '_', not starting with a digit";

/// What a user should know about key names, for the hint under a name error.
pub const NAME_HINT: &str = "secret keys become environment variables of the app's containers";

/// Checks that `key` is an environment variable name.
///
/// # Errors
/// What is wrong, as the rest of a sentence whose subject (`the key in argument 2`, `the key`)
/// the caller writes; never the key itself, which may be a value.
pub fn check_name(key: &str) -> Result<(), String> {
    if crate::spec::validate_env_name(key).is_ok() {
        return Ok(());
    }
    if key.is_empty() {
        return Err(format!("is empty: {NAME_RULE}"));
    }
    Err(format!(
        "is not a valid environment variable name and is not shown, as it may be a value: {NAME_RULE}"
    ))
}

/// The keys the platform sets itself, in the order given.
#[must_use]
pub fn platform_owned<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    keys.into_iter()
        .filter(|key| PLATFORM_ENV.contains(key))
        .collect()
}

/// Why secrets named `keys` (all set by the platform) would never reach the app.
#[must_use]
pub fn platform_owned_reason(keys: &[&str]) -> String {
    let list = crate::text::and_list(keys);
    if keys.len() == 1 {
        format!(
            "{list} is set by the platform: the chart gives the app's containers their own {list}, which wins over a secret of that name, so the secret would be ignored"
        )
    } else {
        format!(
            "{list} are set by the platform: the chart gives the app's containers their own values, which win over secrets of those names, so the secrets would be ignored"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_names_are_never_shown() {
        // Hex tokens and words with `-` or `.` were once shown as "mistyped names" (issue 21).
        let cases: &[(&str, Option<&str>)] = &[
            ("SECRET_KEY", None),
            ("_X", None),
            ("1BAD", Some("is not shown, as it may be a value")),
            ("BAD-KEY", Some("is not shown, as it may be a value")),
            ("my.key", Some("is not shown, as it may be a value")),
            (
                "9f86d081884c7d659a2feaa0c55ad015",
                Some("is not shown, as it may be a value"),
            ),
            (
                "correct-horse.battery",
                Some("is not shown, as it may be a value"),
            ),
            (
                "3Fq8xYzK1wPLANT",
                Some("is not shown, as it may be a value"),
            ),
            ("", Some("is empty")),
            ("p@ss w0rd!", Some("is not shown, as it may be a value")),
            (
                "MIIEv/Qhunter2+ab",
                Some("is not shown, as it may be a value"),
            ),
            (
                "a-very-long-token-0123456789abcdef0123",
                Some("is not shown, as it may be a value"),
            ),
        ];
        for (key, expected) in cases {
            match (check_name(key), expected) {
                (Ok(()), None) => {}
                (Err(message), Some(needle)) => {
                    assert!(message.contains(needle), "{key:?}: {message}");
                    assert!(message.ends_with(NAME_RULE), "{key:?}: {message}");
                    assert!(
                        key.is_empty() || !message.contains(key),
                        "{key:?}: {message}"
                    );
                }
                (got, _) => panic!("{key:?}: {got:?}, expected {expected:?}"),
            }
        }
    }

    #[test]
    fn platform_keys_are_found_and_explained() {
        assert_eq!(
            platform_owned(["A", "DATABASE_URL", "B", "PORT"]),
            ["DATABASE_URL", "PORT"]
        );
        assert!(platform_owned(["SECRET_KEY"]).is_empty());
        assert!(platform_owned_reason(&["PGHOST"]).starts_with("PGHOST is set by the platform: "));
        assert!(
            platform_owned_reason(&["PORT", "PGHOST"])
                .starts_with("PORT and PGHOST are set by the platform: ")
        );
    }
}
