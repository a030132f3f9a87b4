//! Reading YAML files into typed values with errors that name the file, the line and the field,
//! and the editor's schema line the files init writes begin with.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// A YAML file that does not parse into the expected type.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct YamlError {
    /// The file.
    pub path: PathBuf,
    /// The parser's message, with line, column and the offending snippet.
    pub message: String,
    /// The nearest valid key, when the problem is an unknown or misspelt one.
    pub suggestion: Option<String>,
}

/// Parses `text`, read from `path`, as `T`.
///
/// # Errors
/// When the text is not valid YAML for `T`; the error says where and, for a misspelt key, which
/// key was probably meant.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .strip_prefix("error: ")
            .unwrap_or(&message)
            .to_owned();
        YamlError {
            path: path.to_owned(),
            suggestion: suggest_key(&message),
            message,
        }
    })
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" message, the closest valid key.
fn suggest_key(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.lines().next()?.split_once("expected ")?.1;
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    expected
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .map(|k| (strsim::damerau_levenshtein(unknown, k), k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k.to_owned())
}

/// The first line of a YAML file init writes: yaml-language-server (VS Code's YAML extension,
/// Neovim's yamlls) validates and completes the file against the JSON Schema at `schema`, a path
/// relative to the file, which works offline.
#[must_use]
pub fn schema_line(schema: &str) -> String {
    format!("# yaml-language-server: $schema={schema}\n")
}

/// True when `current` is `planned` without its schema line: a file written before init wrote
/// the line, which is kept as it is (it works the same without).
#[must_use]
pub fn differs_only_by_schema_line(current: &[u8], planned: &[u8]) -> bool {
    let planned = String::from_utf8_lossy(planned);
    let Some((first, rest)) = planned.split_once('\n') else {
        return false;
    };
    first.starts_with("# yaml-language-server: $schema=") && rest.as_bytes() == current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_the_schema_line_is_as_good_as_one_with_it() {
        let planned = format!("{}name: shop\n", schema_line("s.json"));
        assert!(differs_only_by_schema_line(
            b"name: shop\n",
            planned.as_bytes()
        ));
        assert!(!differs_only_by_schema_line(
            b"name: other\n",
            planned.as_bytes()
        ));
        assert!(!differs_only_by_schema_line(b"b\n", b"# a comment\nb\n"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        branch: String,
        path: String,
    }

    #[test]
    fn unknown_key_names_line_and_nearest_key() {
        let err = parse::<Sample>(Path::new("x.yaml"), "path: .\nbrnch: main\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.yaml: line 2 column 1: unknown field `brnch`"),
            "{err}"
        );
        assert_eq!(err.suggestion.as_deref(), Some("branch"));
    }

    #[test]
    fn far_away_keys_get_no_suggestion() {
        let err =
            parse::<Sample>(Path::new("x.yaml"), "path: .\nbranch: a\nzzzzzzzz: 1\n").unwrap_err();
        assert_eq!(err.suggestion, None);
    }
}
