//! Finds a plaintext Kubernetes `Secret` in a file of the deploy repository: its values would be
//! readable by anyone who can read the repository, so such a file must never be committed.

/// True when `text` (YAML, possibly several documents, or JSON) declares `kind: Secret` at the
/// top level of a document. `SealedSecret` and indented `kind:` lines do not count.
#[must_use]
pub fn declares_plain_secret(text: &str) -> bool {
    text.lines().any(|line| {
        let yaml = line
            .strip_prefix("kind:")
            .map(|rest| rest.split(" #").next().unwrap_or_default().trim())
            .is_some_and(|kind| matches!(kind, "Secret" | "\"Secret\"" | "'Secret'"));
        yaml || is_json_secret_kind(line)
    })
}

fn is_json_secret_kind(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("\"kind\":\"Secret\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_plain_secrets() {
        let cases = [
            ("apiVersion: v1\nkind: Secret\ndata: {}\n", true),
            (
                "---\nkind: ConfigMap\n---\nkind: \"Secret\"  # oops\n",
                true,
            ),
            ("{\"apiVersion\": \"v1\", \"kind\": \"Secret\"}", true),
            (
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n",
                false,
            ),
            ("items:\n  - kind: Secret\n", false),
            ("kind: SecretStore\n", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(declares_plain_secret(text), expected, "{text:?}");
        }
    }
}
