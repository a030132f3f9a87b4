//! Comment- and order-preserving edits of `app.yaml`. Re-serialising through serde would drop the
//! customer's comments and reorder their keys, so edits change only the lines they must.

use std::path::Path;

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
/// a line edit cannot replace safely.
pub fn set_top_level_scalar(text: &str, key: &str, value: &str) -> Result<String, String> {
    let rendered = render_scalar(value);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let found = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| Some((i, key_at(line, key)?)));
    match found {
        Some((index, spelled)) => {
            let (old_value, comment) = split_comment(&lines[index][spelled..]);
            if multi_line(&lines, index, old_value.trim()) {
                return Err(multi_line_error(key));
            }
            // The key stays as the customer spelled it (quoted or not).
            let key = &lines[index][..spelled];
            lines[index] = match comment {
                Some(comment) => format!("{key} {rendered}  {comment}"),
                None => format!("{key} {rendered}"),
            };
        }
        None => lines.push(format!("{key}: {rendered}")),
    }
    Ok(join_lines(text, &lines))
}

/// Removes the top-level key `key` (one line) if present. Returns the new text.
///
/// # Errors
/// As [`set_top_level_scalar`].
pub fn remove_top_level_scalar(text: &str, key: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let Some(spelled) = key_at(line, key) else {
            kept.push(*line);
            continue;
        };
        if multi_line(&lines, index, split_comment(&line[spelled..]).0.trim()) {
            return Err(multi_line_error(key));
        }
    }
    Ok(join_lines(text, &kept))
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

/// True when the value `value` on line `index` goes on below it: a block scalar, a flow value
/// still open, or nothing on the line and an indented line or list item next (comments and
/// blank lines between do not end it).
fn multi_line<S: AsRef<str>>(lines: &[S], index: usize, value: &str) -> bool {
    let next = lines[index + 1..]
        .iter()
        .map(AsRef::as_ref)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let continues = next.is_some_and(|next| next.starts_with([' ', '\t', '-']));
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
#[must_use]
pub fn remove_top_level_block(text: &str, key: &str) -> String {
    let prefix = format!("{key}:");
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let continues = line.starts_with([' ', '\t', '-']) || line.trim().is_empty();
        if inside && continues {
            continue;
        }
        inside = line
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
        if !inside {
            out.push(line);
        }
    }
    let mut out = out.join("\n");
    out.push('\n');
    out
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
pub(super) fn render_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./@:+".contains(c))
        && !value.starts_with(['-', ':', '@', '.', '+'])
        && !value.contains(": ")
        && !value.ends_with(':')
        && value.parse::<f64>().is_err()
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
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
            remove_top_level_block(SPEC, "hosts"),
            "# The shop's deployment.\nname: shop\nimage: registry.example.com/acme/shop:1.4.1   # bumped by CI\nenv:\n  A: b\n"
        );
        assert_eq!(
            remove_top_level_block("hosts: [a]\nb: 1\n", "hosts"),
            "b: 1\n"
        );
        assert_eq!(remove_top_level_block("b: 1\n", "hosts"), "b: 1\n");
    }

    #[test]
    fn removes_a_key() {
        assert_eq!(
            remove_top_level_scalar("a: 1\nb: 2\n", "a").unwrap(),
            "b: 2\n"
        );
    }
}
