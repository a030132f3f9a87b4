//! OCI image references (`[registry[:port]/]path[:tag][@digest]`), as the distribution
//! reference grammar defines them. `app.yaml` needs a tag or a digest: a bare name would float.

use std::fmt;

/// [`ImageRef::parse`] as a JSON Schema pattern (RE2 and ECMA-262 alike), for the schema helm
/// checks the chart's values with. Generated from the grammar's parts; the one rule it cannot
/// say is the name's limit of 255 characters. `tests::the_pattern_agrees_with_parse` keeps the two
/// in step. A first path part with a `.`, a `:` or an uppercase letter is a registry, as in
/// `validate_name`; `sha256` and `sha512` digests have their exact lengths, other algorithms at
/// least 32 hex digits.
pub const PATTERN: &str = r"^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*(:0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)+|[a-z0-9]+((_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)+|[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}|([a-z][a-z0-9+._-]{0,4}|[a-z][a-z0-9+._-]{6,}|[a-rt-z][a-z0-9+._-]{5}|s[abcdefgijklmnopqrstuvwxyz0123456789+._-][a-z0-9+._-]{4}|sh[bcdefghijklmnopqrstuvwxyz0123456789+._-][a-z0-9+._-]{3}|sha[abcdefghijklmnopqrstuvwxyz01346789+._-][a-z0-9+._-]{2}|sha2[abcdefghijklmnopqrstuvwxyz012346789+._-][a-z0-9+._-]|sha25[abcdefghijklmnopqrstuvwxyz012345789+._-]|sha5[abcdefghijklmnopqrstuvwxyz023456789+._-][a-z0-9+._-]|sha51[abcdefghijklmnopqrstuvwxyz013456789+._-]):[0-9a-f]{32,}))?|@(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}|([a-z][a-z0-9+._-]{0,4}|[a-z][a-z0-9+._-]{6,}|[a-rt-z][a-z0-9+._-]{5}|s[abcdefgijklmnopqrstuvwxyz0123456789+._-][a-z0-9+._-]{4}|sh[bcdefghijklmnopqrstuvwxyz0123456789+._-][a-z0-9+._-]{3}|sha[abcdefghijklmnopqrstuvwxyz01346789+._-][a-z0-9+._-]{2}|sha2[abcdefghijklmnopqrstuvwxyz012346789+._-][a-z0-9+._-]|sha25[abcdefghijklmnopqrstuvwxyz012345789+._-]|sha5[abcdefghijklmnopqrstuvwxyz023456789+._-][a-z0-9+._-]|sha51[abcdefghijklmnopqrstuvwxyz013456789+._-]):[0-9a-f]{32,}))$";

/// A validated image reference with a tag, a digest, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Registry (with port) and repository path: everything before the tag and digest.
    pub name: String,
    /// The tag, if any.
    pub tag: Option<String>,
    /// The digest (`algorithm:hex`), if any.
    pub digest: Option<String>,
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

impl ImageRef {
    /// Parses and validates `text`.
    ///
    /// # Errors
    /// What is wrong, in words the user can act on.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest)),
            None => (text, None),
        };
        // A colon after the last slash starts the tag; one before it belongs to a registry port.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
            None => (rest, None),
        };
        validate_name(name)?;
        if let Some(tag) = tag {
            validate_tag(tag)?;
        }
        if let Some(digest) = digest {
            validate_digest(digest)?;
        }
        if tag.is_none() && digest.is_none() {
            return Err(format!(
                "`{text}` has neither a tag nor a digest: add one, e.g. `{text}:1.0` or `{text}@sha256:...`"
            ));
        }
        Ok(ImageRef {
            name: name.to_owned(),
            tag: tag.map(str::to_owned),
            digest: digest.map(str::to_owned),
        })
    }

    /// The same image with `tag` and no digest (a digest pins the old tag's content).
    ///
    /// # Errors
    /// When `tag` is not a valid tag.
    pub fn with_tag(&self, tag: &str) -> Result<Self, String> {
        validate_tag(tag)?;
        Ok(ImageRef {
            name: self.name.clone(),
            tag: Some(tag.to_owned()),
            digest: None,
        })
    }
}

fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the image name is empty".to_owned());
    }
    if name.len() > 255 {
        return Err(format!(
            "the image name `{name}` is longer than 255 characters"
        ));
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    let first = parts[0];
    let has_registry = parts.len() > 1
        && (first.contains(['.', ':'])
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase()));
    if has_registry {
        validate_registry(first)?;
        parts.remove(0);
    }
    for part in parts {
        if !is_path_component(part) {
            return Err(format!(
                "`{name}`: the path part `{part}` must be lowercase letters and digits, separated by `.`, `_`, `__` or `-`"
            ));
        }
    }
    Ok(())
}

fn validate_registry(registry: &str) -> Result<(), String> {
    let (host, port) = match registry.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (registry, None),
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !host.split('.').all(label_ok) {
        return Err(format!("`{registry}` is not a valid registry host"));
    }
    if let Some(port) = port
        && (port.is_empty()
            || !port.chars().all(|c| c.is_ascii_digit())
            || port.parse::<u16>().is_err())
    {
        return Err(format!(
            "`{registry}`: the port must be a number up to 65535"
        ));
    }
    Ok(())
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn is_path_component(part: &str) -> bool {
    let bytes = part.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let separator = &part[start..i];
        if !(separator == "."
            || separator == "_"
            || separator == "__"
            || separator.bytes().all(|b| b == b'-'))
        {
            return false;
        }
    }
    true
}

/// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`
fn validate_tag(tag: &str) -> Result<(), String> {
    let mut chars = tag.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && tag.len() <= 128;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{tag}` is not a valid tag: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`"
        ))
    }
}

/// `algorithm:hex`; sha256 and sha512 must have their exact lowercase length.
fn validate_digest(digest: &str) -> Result<(), String> {
    let bad = || {
        format!(
            "`{digest}` is not a valid digest: expected e.g. `sha256:` and 64 lowercase hex digits"
        )
    };
    let (algorithm, hex) = digest.split_once(':').ok_or_else(bad)?;
    let algorithm_ok = algorithm.starts_with(|c: char| c.is_ascii_lowercase())
        && algorithm.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '.' | '_' | '-')
        });
    let hex_ok = hex.len() >= 32
        && hex
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c));
    let length_ok = match algorithm {
        "sha256" => hex.len() == 64,
        "sha512" => hex.len() == 128,
        _ => true,
    };
    if algorithm_ok && hex_ok && length_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn valid_references_parse_into_their_parts() {
        let digest = SHA;
        for (text, name, tag, has_digest) in [
            ("shop:1.4.2", "shop", Some("1.4.2"), false),
            ("acme/shop:latest", "acme/shop", Some("latest"), false),
            (
                "registry.example.com/acme/shop:1.4.2",
                "registry.example.com/acme/shop",
                Some("1.4.2"),
                false,
            ),
            (
                "localhost:5000/shop:v1",
                "localhost:5000/shop",
                Some("v1"),
                false,
            ),
            (
                "registry.example.com:5000/a/b/c/shop:2024-01_x",
                "registry.example.com:5000/a/b/c/shop",
                Some("2024-01_x"),
                false,
            ),
            (
                "ghcr.io/acme/my__app.web-1:1",
                "ghcr.io/acme/my__app.web-1",
                Some("1"),
                false,
            ),
            (
                &format!("registry.example.com/acme/shop@{digest}"),
                "registry.example.com/acme/shop",
                None,
                true,
            ),
            (
                &format!("registry.example.com:443/acme/shop:1.0@{digest}"),
                "registry.example.com:443/acme/shop",
                Some("1.0"),
                true,
            ),
        ] {
            let image = ImageRef::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(image.name, name, "{text}");
            assert_eq!(image.tag.as_deref(), tag, "{text}");
            assert_eq!(image.digest.is_some(), has_digest, "{text}");
            assert_eq!(image.to_string(), text);
        }
    }

    #[test]
    fn invalid_references_say_why() {
        for (text, says) in [
            ("shop", "neither a tag nor a digest"),
            (
                "registry.example.com:5000/shop",
                "neither a tag nor a digest",
            ),
            ("acme/Shop:1", "lowercase"),
            ("registry.example.com/Acme/shop:1", "lowercase"),
            ("reg_istry.example.com/shop:1", "registry"),
            ("registry.example.com/acme/shop:", "not a valid tag"),
            ("shop:-x", "not a valid tag"),
            ("shop:a b", "not a valid tag"),
            ("registry.example.com:http/shop:1", "port"),
            ("acme//shop:1", "lowercase"),
            ("acme/shop-:1", "lowercase"),
            ("shop@sha256:abc", "not a valid digest"),
            (
                &format!("shop@{}", SHA.to_uppercase()),
                "not a valid digest",
            ),
            ("", "empty"),
        ] {
            let err = ImageRef::parse(text).expect_err(text);
            assert!(err.contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn the_pattern_agrees_with_parse() {
        let regex = regex::Regex::new(PATTERN).unwrap();
        let sha512 = format!("sha512:{}", "ab".repeat(64));
        let samples = [
            "shop:1.4.2".to_owned(),
            "shop".to_owned(),
            "shop.v2:1".to_owned(),
            "acme/shop:latest".to_owned(),
            "acme/Shop:1".to_owned(),
            "Acme/shop:1".to_owned(),
            "a.b_c/shop:1".to_owned(),
            "ac__me/shop:1".to_owned(),
            "a--b/shop:1".to_owned(),
            "a-/shop:1".to_owned(),
            "a:b/shop:1".to_owned(),
            "localhost/shop:1".to_owned(),
            "localhost:5000/shop:1".to_owned(),
            "registry.example.com/acme/shop:1.4.2".to_owned(),
            "registry.example.com:5000/shop".to_owned(),
            "registry.example.com:65535/shop:1".to_owned(),
            "registry.example.com:65536/shop:1".to_owned(),
            "registry.example.com:/shop:1".to_owned(),
            "reg_istry.example.com/shop:1".to_owned(),
            "-reg.example.com/shop:1".to_owned(),
            "registry.example.com/Acme/shop:1".to_owned(),
            "registry.example.com/acme/shop:".to_owned(),
            "shop:-x".to_owned(),
            "shop:_x".to_owned(),
            format!("shop:{}", "a".repeat(128)),
            format!("shop:{}", "a".repeat(129)),
            format!("shop@{SHA}"),
            format!("shop:1@{SHA}"),
            format!("r.io/shop@{SHA}"),
            format!("shop@{}", SHA.to_uppercase()),
            format!("shop@{}", &SHA[..SHA.len() - 1]),
            format!("shop@{sha512}"),
            format!("shop@{}", &sha512[..sha512.len() - 2]),
            format!("shop@sha384:{}", "a".repeat(96)),
            format!("shop@sha25:{}", "a".repeat(32)),
            format!("shop@sha2566:{}", "a".repeat(40)),
            format!("shop@md5:{}", "a".repeat(31)),
            "shop@".to_owned(),
            "shop:1 ".to_owned(),
            "sh//op:1".to_owned(),
            "shop/:1".to_owned(),
            "".to_owned(),
        ];
        for sample in samples {
            assert_eq!(
                regex.is_match(&sample),
                ImageRef::parse(&sample).is_ok(),
                "PATTERN and ImageRef::parse disagree on {sample:?}"
            );
        }
    }

    #[test]
    fn a_new_tag_drops_the_digest() {
        let image = ImageRef::parse(&format!("r.io/shop:1@{SHA}")).unwrap();
        assert_eq!(image.with_tag("2").unwrap().to_string(), "r.io/shop:2");
        assert!(image.with_tag("bad tag").is_err());
    }
}
