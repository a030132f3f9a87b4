//! Which names a secret may have, with one wording for `set`, `import` and `unset`. A word that
//! is not a name may be a value typed in the wrong place (`secret set TOKEN s3cr3t!`, the second
//! line of an unquoted PEM key in a dotenv file), so messages show only what looks like a name.

use crate::spec::PLATFORM_ENV;

/// What every secret key must look like.
pub const NAME_RULE: &str = "use letters, digits and '_', not starting with a digit";

/// What a user should know about key names, for the hint under a name error.
pub const NAME_HINT: &str = "secret keys become environment variables of the app's containers";

/// Checks that `key` is an environment variable name.
///
/// # Errors
/// What is wrong: names the key when it looks like a mistyped name, never when it may be a value.
pub fn check_name(key: &str) -> Result<(), String> {
    if crate::spec::validate_env_name(key).is_ok() {
        return Ok(());
    }
    if key.is_empty() {
        return Err(format!("the key is empty: {NAME_RULE}"));
    }
    if looks_like_a_name(key) {
        Err(format!(
            "`{key}` is not a valid environment variable name: {NAME_RULE}"
        ))
    } else {
        Err(format!(
            "the key is not a valid environment variable name and is not shown, as it may be a value: {NAME_RULE}"
        ))
    }
}

/// Short words of name characters are typos of names; anything else may be a secret.
#[must_use]
pub fn looks_like_a_name(word: &str) -> bool {
    word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
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
    fn names_are_shown_only_when_they_look_like_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("SECRET_KEY", None),
            ("_X", None),
            (
                "1BAD",
                Some("`1BAD` is not a valid environment variable name"),
            ),
            ("BAD-KEY", Some("`BAD-KEY` is not a valid")),
            ("my.key", Some("`my.key` is not a valid")),
            ("", Some("the key is empty")),
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
                    if needle.contains("not shown") {
                        assert!(!message.contains(key), "{key:?}: {message}");
                    }
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
