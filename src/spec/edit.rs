//! Comment- and order-preserving edits of `app.yaml`. Re-serialising through serde would drop the
//! customer's comments and reorder their keys, so edits change only the lines they must.

use std::path::Path;

use super::edit_check::{only_changed, readable};
use super::{AppSpec, SpecError};

/// One top-level field of an edit: set to `value`, or removed when `value` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldEdit<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
}

/// Reads the app spec at `path`, applies `fields` in order and checks that the result still is
/// a valid spec. Returns the new text; writing it is the caller's (one commit of the deploy
/// repository).
///
/// # Errors
/// When the file cannot be read, a field cannot be edited on its line, or the result is invalid.
pub fn edit_fields(path: &Path, fields: &[FieldEdit<'_>]) -> Result<String, SpecError> {
    let mut text = std::fs::read_to_string(path).map_err(|source| SpecError::Read {
        path: path.to_owned(),
        source,
    })?;
    for field in fields {
        text = match field.value {
            Some(value) => set_top_level_scalar(&text, field.key, value),
            None => remove_top_level_scalar(&text, field.key),
        }
        .map_err(|reason| SpecError::Edit {
            path: path.to_owned(),
            reason,
        })?;
    }
    AppSpec::parse(path, &text)?;
    Ok(text)
}

/// Sets the top-level key `key` to the plain scalar `value` in the YAML document `text`: the value
/// on the key's line is replaced and a trailing comment kept; a missing key is appended. Returns
/// the new text.
///
/// # Errors
/// When the key's current value spans several lines (a block or a multi-line flow value), which
/// a line edit cannot replace safely, or the document is laid out in a way the line edit would
/// misread (see `edit_check`).
pub fn set_top_level_scalar(text: &str, key: &str, value: &str) -> Result<String, String> {
    let before = readable(text)?;
    let rendered = render_scalar(value);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let indent = top_indent(&lines);
    let found = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| Some((i, top_key_at(line, indent, key)?)));
    match found {
        Some((index, spelled)) => {
            let (old_value, comment) = split_comment(&lines[index][spelled..]);
            if multi_line(&lines, index, indent, old_value.trim()) {
                return Err(multi_line_error(key));
            }
            // The key stays as the customer spelled it (quoted or not).
            let key = &lines[index][..spelled];
            lines[index] = match comment {
                Some(comment) => format!("{key} {rendered}  {comment}"),
                None => format!("{key} {rendered}"),
            };
        }
        None => lines.push(format!("{}{key}: {rendered}", " ".repeat(indent))),
    }
    let expected = serde_json::Value::String(value.to_owned());
    only_changed(&before, join_lines(text, &lines), key, Some(expected))
}

/// Removes the top-level key `key` (one line) if present. Returns the new text.
///
/// # Errors
/// As [`set_top_level_scalar`].
pub fn remove_top_level_scalar(text: &str, key: &str) -> Result<String, String> {
    let before = readable(text)?;
    let lines: Vec<&str> = text.lines().collect();
    let indent = top_indent(&lines);
    let mut kept = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let Some(spelled) = top_key_at(line, indent, key) else {
            kept.push(*line);
            continue;
        };
        if multi_line(
            &lines,
            index,
            indent,
            split_comment(&line[spelled..]).0.trim(),
        ) {
            return Err(multi_line_error(key));
        }
    }
    only_changed(&before, join_lines(text, &kept), key, None)
}

/// How long `key`'s spelling is at the start of `line`, its colon included: `key:`, `"key":`
/// or `'key':`, blanks allowed before the colon; `None` when the line is not `key`'s.
pub(super) fn key_at(line: &str, key: &str) -> Option<usize> {
    let rest = ["", "\"", "'"]
        .iter()
        .find_map(|q| line.strip_prefix(q)?.strip_prefix(key)?.strip_prefix(q))?;
    let after = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(line.len() - after.len())
}

/// The column of the document's top-level keys: the indentation of its first line with content
/// (not blank, a comment, a directive or the `---` marker), 0 for a document without any. YAML
/// lets a whole document sit indented (every top-level key at column 2); a key an edit adds must
/// go in that column, as one at column 0 would no longer parse.
pub(super) fn top_indent<S: AsRef<str>>(lines: &[S]) -> usize {
    lines
        .iter()
        .map(AsRef::as_ref)
        .find(|line| has_content(line))
        .map_or(0, |line| line.len() - line.trim_start_matches(' ').len())
}

/// True when `line` holds part of the document: not blank, a comment, a directive or the `---`
/// marker.
pub(super) fn has_content(line: &str) -> bool {
    let trimmed = line.trim();
    let marker = line
        .strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    !(trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('%') || marker)
}

/// As [`key_at`], for a top-level key of a document whose keys sit at column `indent` (see
/// [`top_indent`]): the line must be indented by exactly that many spaces. The length returned
/// counts the indentation.
pub(super) fn top_key_at(line: &str, indent: usize, key: &str) -> Option<usize> {
    let (pad, rest) = (line.get(..indent)?, line.get(indent..)?);
    if !pad.bytes().all(|b| b == b' ') {
        return None;
    }
    Some(indent + key_at(rest, key)?)
}

/// True when `line` belongs to the value of a top-level key at column `indent`: it is indented
/// deeper, or it is a list item in the key's own column (YAML allows `hosts:` then `- a`).
pub(super) fn inside_block(line: &str, indent: usize) -> bool {
    let depth = line.len() - line.trim_start_matches([' ', '\t']).len();
    depth > indent || (depth == indent && line[depth..].starts_with('-'))
}

/// True when the value `value` on line `index` goes on below it: a block scalar, a flow value
/// still open, or nothing on the line and an indented line or list item next (comments and
/// blank lines between do not end it).
fn multi_line<S: AsRef<str>>(lines: &[S], index: usize, indent: usize, value: &str) -> bool {
    let next = lines[index + 1..]
        .iter()
        .map(AsRef::as_ref)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let continues = next.is_some_and(|next| inside_block(next, indent));
    value.is_empty() && continues || value.starts_with(['|', '>']) || unbalanced(value)
}

fn multi_line_error(key: &str) -> String {
    format!("`{key}` has a multi-line value; set it on one line (`{key}: ...`) and try again")
}

/// `lines`, split from `original` with [`str::lines`] and edited, joined with `original`'s line
/// ends: CRLF when every line of it ends so (a file written on Windows stays one), else LF. The
/// text ends with a line end unless it is empty. A file that mixes both comes back with LF.
pub(super) fn join_lines<S: AsRef<str>>(original: &str, lines: &[S]) -> String {
    let crlf = original.contains("\r\n") && !original.replace("\r\n", "").contains('\n');
    let end = if crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    for line in lines {
        out.push_str(line.as_ref());
        out.push_str(end);
    }
    out
}

/// Removes the top-level key `key` with its value, however many lines that takes (the key's
/// line and the indented or `- ` lines under it). Returns the new text.
///
/// # Errors
/// When the document is laid out in a way the line edit would misread (see `edit_check`).
pub fn remove_top_level_block(text: &str, key: &str) -> Result<String, String> {
    let before = readable(text)?;
    let lines: Vec<&str> = text.lines().collect();
    let indent = top_indent(&lines);
    let mut out = Vec::new();
    let mut inside = false;
    for line in lines {
        let continues = inside_block(line, indent) || line.trim().is_empty();
        if inside && continues {
            continue;
        }
        inside = top_key_at(line, indent, key).is_some();
        if !inside {
            out.push(line);
        }
    }
    let mut out = out.join("\n");
    out.push('\n');
    only_changed(&before, out, key, None)
}

/// Splits `value # comment` at the first `#` that starts a comment (after whitespace, outside
/// quotes).
pub(crate) fn split_comment(rest: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return (&rest[..i], Some(&rest[i..])),
            _ => {}
        }
        previous = c;
    }
    (rest, None)
}

/// True when a flow value opens more brackets than it closes (it continues on the next line).
fn unbalanced(value: &str) -> bool {
    let opens = value.matches(['[', '{']).count();
    let closes = value.matches([']', '}']).count();
    opens > closes
}

/// `value` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
/// Plain only when it starts with a letter or `/`: every number YAML knows (`0x1F`, `0o17`,
/// `1_000`, `.5`) starts otherwise. The words YAML 1.1 reads as booleans or null (`y`, `off`)
/// are quoted too, because the chart's values are read by Helm, whose YAML reader is 1.1.
pub(super) fn render_scalar(value: &str) -> String {
    let plain = value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./@:+".contains(c))
        && !value.ends_with(':')
        && value.parse::<f64>().is_err()
        && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
            .contains(&value.to_ascii_lowercase().as_str());
    if plain {
        value.to_owned()
    } else {
        serde_json::to_string(value).expect("a string serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "\
# The shop's deployment.
name: shop
image: registry.example.com/acme/shop:1.4.1   # bumped by CI
hosts:
  - shop.example.com   # main
env:
  A: b
";

    #[test]
    fn replaces_the_value_and_keeps_comments_and_order() {
        let out =
            set_top_level_scalar(SPEC, "image", "registry.example.com/acme/shop:1.4.2").unwrap();
        assert_eq!(
            out,
            SPEC.replace("shop:1.4.1   # bumped", "shop:1.4.2  # bumped")
        );
        let spec = crate::spec::AppSpec::parse(std::path::Path::new("app.yaml"), &out).unwrap();
        assert_eq!(
            spec.image.as_deref(),
            Some("registry.example.com/acme/shop:1.4.2")
        );
    }

    #[test]
    fn appends_a_missing_key_and_quotes_when_needed() {
        let out = set_top_level_scalar("name: shop\n", "secretsRevision", "0123").unwrap();
        assert_eq!(out, "name: shop\nsecretsRevision: \"0123\"\n");
        let out = set_top_level_scalar("name: shop", "image", "r.example.com/a@sha256:ab").unwrap();
        assert_eq!(out, "name: shop\nimage: r.example.com/a@sha256:ab\n");
    }

    /// `config set A=0x1F` once wrote `A: 0x1F`, which YAML reads as the number 31, and
    /// `config set A=y` a boolean for Helm.
    #[test]
    fn values_yaml_would_read_as_numbers_or_booleans_are_quoted() {
        for value in [
            "0x1F", "0o17", "1_000", "1e3", ".5", "y", "Off", "~", "", "-1",
        ] {
            let out = set_top_level_scalar("name: shop\n", "healthcheck", value).unwrap();
            assert!(out.contains(&format!("healthcheck: \"{value}\"")), "{out}");
        }
        for value in ["shop", "/up", "r.example.com/a@sha256:ab", "x1", "inf-2"] {
            let out = set_top_level_scalar("name: shop\n", "healthcheck", value).unwrap();
            assert!(out.contains(&format!("healthcheck: {value}\n")), "{out}");
        }
    }

    #[test]
    fn a_hash_inside_quotes_is_not_a_comment() {
        let out = set_top_level_scalar("image: \"a#b\" # c\n", "image", "x").unwrap();
        assert_eq!(out, "image: x  # c\n");
    }

    #[test]
    fn refuses_multi_line_values() {
        assert!(set_top_level_scalar("image: >\n  a\n", "image", "x").is_err());
        assert!(set_top_level_scalar("image:\n  a\n", "image", "x").is_err());
        assert!(set_top_level_scalar("image: [a,\n  b]\n", "image", "x").is_err());
    }

    #[test]
    fn removes_a_block_with_its_items_and_keeps_the_rest() {
        assert_eq!(
            remove_top_level_block(SPEC, "hosts").unwrap(),
            "# The shop's deployment.\nname: shop\nimage: registry.example.com/acme/shop:1.4.1   # bumped by CI\nenv:\n  A: b\n"
        );
        assert_eq!(
            remove_top_level_block("hosts: [a]\nb: 1\n", "hosts").unwrap(),
            "b: 1\n"
        );
        assert_eq!(remove_top_level_block("b: 1\n", "hosts").unwrap(), "b: 1\n");
    }

    /// Found by `fuzz/run.sh spec_edit` (fuzz/regressions/spec_edit/indented-top-level-mapping):
    /// a document whose top-level keys all sit at column 2 got new keys at column 0, and no
    /// longer parsed. Every editor now writes in the document's own column.
    #[test]
    fn an_indented_document_is_edited_in_its_own_column() {
        let parse = |text: &str| {
            crate::spec::AppSpec::parse(std::path::Path::new("app.yaml"), text)
                .unwrap_or_else(|e| panic!("{e}:\n{text}"))
        };
        let text = "# the shop\n  name: shop  # label\n  image: r.example.com/shop:1\n";
        let out = set_top_level_scalar(text, "image", "r.example.com/shop:2").unwrap();
        assert_eq!(out, text.replace("shop:1", "shop:2"));
        let out = set_top_level_scalar(text, "healthcheck", "/up").unwrap();
        assert_eq!(out, format!("{text}  healthcheck: /up\n"));
        assert_eq!(parse(&out).healthcheck.as_deref(), Some("/up"));
        assert_eq!(
            remove_top_level_scalar(&out, "image").unwrap(),
            "# the shop\n  name: shop  # label\n  healthcheck: /up\n"
        );
        let out = crate::spec::env_edit::set_env(text, &[("A", "b")]).unwrap();
        assert_eq!(out, format!("{text}  env:\n    A: b\n"));
        assert_eq!(parse(&out).env["A"], "b");
        let out = crate::spec::env_edit::set_env(&out, &[("C", "d")]).unwrap();
        assert_eq!(out, format!("{text}  env:\n    A: b\n    C: d\n"));
        let out = crate::spec::env_edit::unset_env(&out, &["A", "C"]).unwrap();
        assert_eq!(out, text);
        let out = crate::spec::hosts::add(text, &["a.example.com".to_owned()]).unwrap();
        assert_eq!(out, format!("{text}  hosts:\n    - a.example.com\n"));
        assert_eq!(parse(&out).hosts, ["a.example.com"]);
        assert_eq!(
            crate::spec::hosts::remove(&out, &["a.example.com".to_owned()]).unwrap(),
            format!("{text}  hosts: []\n")
        );
        assert_eq!(remove_top_level_block(&out, "hosts").unwrap(), text);
        let entry = crate::spec::cron::CronEntry::daily("nightly", "x");
        let out = crate::spec::cron_edit::add_entry(text, &entry).unwrap();
        assert_eq!(
            out,
            format!(
                "{text}  cron:\n    - name: nightly\n      schedule: \"@daily\"\n      command: [\"x\"]\n"
            )
        );
        assert_eq!(parse(&out).cron.len(), 1);
        let out = crate::spec::cron_edit::remove_entry(&out, "nightly").unwrap();
        assert_eq!(out.as_deref(), Some(text));
        // A key deeper than the document's column is not a top-level one.
        let nested = "  env:\n    image: x\n";
        assert_eq!(
            set_top_level_scalar(nested, "image", "z").unwrap(),
            "  env:\n    image: x\n  image: z\n"
        );
    }

    #[test]
    fn removes_a_key() {
        assert_eq!(
            remove_top_level_scalar("a: 1\nb: 2\n", "a").unwrap(),
            "b: 2\n"
        );
    }
}
