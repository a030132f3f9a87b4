//! The checks around every line edit of app.yaml. The editors find a key by its line and its
//! block by indentation, which keeps the customer's comments and order; YAML allows layouts where
//! that reading and the parser's part ways (a plain key spread over two lines, a flow mapping, an
//! explicit `? key`, a mapping where a list was expected). Before an edit, [`readable`] refuses a
//! document whose top-level keys the editors would not find where YAML does; after it,
//! [`only_changed`] refuses a result that does not read as the document with exactly the change
//! asked for. Both were found needed by `fuzz/run.sh spec_edit`.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};
use serde_saphyr::Spanned;

use super::edit::{has_content, inside_block, top_indent, top_key_at};

/// A document as YAML reads it: its top-level mapping (empty for an empty document).
pub(super) type Document = Map<String, Value>;

/// `text` as YAML reads it, when the editors read its top-level keys where YAML does: each
/// starts, for YAML, on a line where the editors see a top-level key, in the editors' column and
/// spelled as they read it, and every such line starts one.
///
/// # Errors
/// When `text` is not a YAML mapping (or empty), or a line is read differently; the reason names
/// the line and what to change.
pub(super) fn readable(text: &str) -> Result<Document, String> {
    let keys = match serde_saphyr::from_str::<Option<TopKeys>>(text) {
        Ok(keys) => keys.map(|keys| keys.0).unwrap_or_default(),
        Err(error) => return Err(not_a_mapping(&error.to_string())),
    };
    let lines: Vec<&str> = text.lines().collect();
    // YAML ends a line at a lone `\r` too; the editors, like `str::lines`, do not, so they would
    // count lines differently (`fuzz/regressions/spec_edit/mixed-line-ends-with-a-lone-cr`).
    if let Some(index) = lines.iter().position(|line| line.contains('\r')) {
        return Err(format!(
            "line {} has a carriage return that is not followed by a line feed (old Mac line \
             ends); save the file with LF or CRLF line ends and try again",
            index + 1
        ));
    }
    let indent = top_indent(&lines);
    let mut yaml_lines = Vec::with_capacity(keys.len());
    for key in &keys {
        let (line, column) = key.start;
        let Some(content) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
            return Err(misread(
                line,
                "",
                "YAML reads a key there the edit cannot find",
            ));
        };
        if column != indent + 1 || top_key_at(content, indent, &key.name).is_none() {
            let why = format!(
                "YAML reads the top-level key `{}` from column {column}, not as a key of its \
                 own at column {}",
                key.name,
                indent + 1
            );
            return Err(misread(line, content, &why));
        }
        yaml_lines.push(line);
    }
    // Every line the editors take for a top-level key must be one YAML starts a key on.
    for (index, content) in lines.iter().enumerate() {
        if starts_entry(content, indent) && !yaml_lines.contains(&(index + 1)) {
            let why = "YAML does not start a top-level key on it";
            return Err(misread(index + 1, content, why));
        }
    }
    parse(text).map_err(|error| not_a_mapping(&error))
}

/// Checks that `after`, an edit of the document `before`, reads as `before` with `key` set to
/// `expected` (removed when `None`) and every other top-level key as it was. Returns `after`.
///
/// # Errors
/// When it reads otherwise: the edit is refused rather than written.
pub(super) fn only_changed(
    before: &Document,
    after: String,
    key: &str,
    expected: Option<Value>,
) -> Result<String, String> {
    let refused = |what: String| {
        Err(format!(
            "this edit would {what}, as app.yaml is laid out in a way it cannot follow line by \
             line; nothing was changed: make the change by hand"
        ))
    };
    let Ok(got) = parse(&after) else {
        return refused("leave app.yaml unreadable as YAML".to_owned());
    };
    let others = |doc: &Document| -> Document {
        doc.iter()
            .filter(|(k, _)| *k != key)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    if others(before) != others(&got) {
        let changed = before
            .keys()
            .chain(got.keys())
            .find(|k| *k != key && before.get(*k) != got.get(*k))
            .map_or_else(String::new, |k| format!(" `{k}`"));
        return refused(format!("change{changed} as well as `{key}`"));
    }
    if got.get(key) != expected.as_ref() {
        return refused(format!("not give `{key}` the value asked for"));
    }
    Ok(after)
}

/// The mapping under `key` (empty when it is missing or empty).
///
/// # Errors
/// When `key` holds something else; `what` says what the command edits.
pub(super) fn mapping_at(
    doc: &Document,
    key: &str,
    what: &str,
) -> Result<Map<String, Value>, String> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map.clone()),
        Some(_) => Err(format!(
            "app.yaml's `{key}` is not a mapping of {what}, which is what this command edits: \
             write it as `{key}:` followed by indented `NAME: value` lines, or edit it by hand"
        )),
    }
}

/// The list under `key` (empty when it is missing or empty).
///
/// # Errors
/// When `key` holds something else; `what` says what the command edits.
pub(super) fn list_at(doc: &Document, key: &str, what: &str) -> Result<Vec<Value>, String> {
    match doc.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.clone()),
        Some(_) => Err(format!(
            "app.yaml's `{key}` is not a list of {what}, which is what this command edits: \
             write it as `{key}:` followed by `- ...` lines, or edit it by hand"
        )),
    }
}

fn parse(text: &str) -> Result<Document, String> {
    match serde_saphyr::from_str::<Option<Value>>(text).map_err(|e| e.to_string())? {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err("the document is not a mapping of keys".to_owned()),
    }
}

fn not_a_mapping(error: &str) -> String {
    // The parser's message quotes the document below its first line; the line and column say
    // enough.
    let first = error.lines().next().unwrap_or("");
    format!("the file does not read as a YAML mapping ({first}); fix it and try again")
}

/// True when the editors read `line` as the start of a top-level entry: content in the keys'
/// column or left of it, which ends the block before it (see `edit::inside_block`).
fn starts_entry(line: &str, indent: usize) -> bool {
    has_content(line) && !inside_block(line, indent)
}

fn misread(line: usize, content: &str, why: &str) -> String {
    let shown: String = content.trim().chars().take(60).collect();
    format!(
        "line {line} (`{shown}`) reads differently as YAML than line by line: {why}; write each \
         top-level key on a line of its own, in the same column as the others, with its value \
         on that line or indented under it, and try again"
    )
}

/// A top-level key as YAML reads it, and where it starts (line from 1, column from 1).
struct Key {
    name: String,
    start: (usize, usize),
}

/// The top-level keys of a document that is a mapping, in order.
struct TopKeys(Vec<Key>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TopKeysVisitor)
    }
}

struct TopKeysVisitor;

impl<'de> Visitor<'de> for TopKeysVisitor {
    type Value = TopKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping of keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            map.next_value::<IgnoredAny>()?;
            let at = key.referenced;
            let start = (
                usize::try_from(at.line()).unwrap_or(usize::MAX),
                usize::try_from(at.column()).unwrap_or(usize::MAX),
            );
            keys.push(Key {
                name: key.value,
                start,
            });
        }
        Ok(TopKeys(keys))
    }
}

#[cfg(test)]
mod tests {
    use super::readable as check;

    #[test]
    fn documents_the_editors_read_as_yaml_does_pass() {
        for text in [
            "",
            "# only a comment\n",
            "---\nname: shop\n",
            "name: shop  # label\nimage: \"r.example.com/shop:1\"\n",
            "\"name\": shop\n'image': x\n",
            "hosts:\n- a.example.com\n- b.example.com\nenv:\n  A: b\n",
            "  name: shop\n  env:\n    A: b\n",
            "name: shop\n# a comment at column 0\n\nenv:\n  A: |\n    two\n    lines\n",
            "name: shop\r\nimage: x\r\n",
        ] {
            check(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
    }

    /// `fuzz/regressions/spec_edit/cron-remove-after-a-multi-line-plain-key`: `nue here` and
    /// `replicas:` on the next line are one key for YAML, two lines for the editors.
    #[test]
    fn layouts_the_editors_would_misread_are_refused_with_the_line() {
        for (text, line) in [
            ("name: shop\nnue here\nreplicas:\n  web: 2\n", "line 2"),
            ("{name: shop, image: x}\n", "line 1"),
            ("? name\n: shop\n", "line 1"),
            (
                "name: shop\n  image: x\n",
                "does not read as a YAML mapping",
            ),
            ("- a\n- b\n", "does not read as a YAML mapping"),
            (
                "name: shop\r\nenv:\r\n  A: b\r\r\n",
                "line 3 has a carriage return",
            ),
            (
                "name: shop\nname: other\n",
                "does not read as a YAML mapping",
            ),
        ] {
            let error = check(text).expect_err(text);
            assert!(error.contains(line), "{text:?}: {error}");
        }
    }

    /// Every editor checks the layout before it edits: a flow mapping is a valid app spec, and
    /// a line edit would have appended a block after it.
    #[test]
    fn every_editor_refuses_a_layout_it_would_misread() {
        use crate::spec::{cron_edit, edit, env_edit, hosts};
        let text = "{name: shop, image: r.example.com/shop:1}\n";
        crate::spec::AppSpec::parse(std::path::Path::new("app.yaml"), text).unwrap();
        let host = ["a.example.com".to_owned()];
        let entry = crate::spec::cron::CronEntry::daily("nightly", "x");
        let results = [
            edit::set_top_level_scalar(text, "image", "x"),
            edit::remove_top_level_scalar(text, "image"),
            edit::remove_top_level_block(text, "hosts"),
            env_edit::set_env(text, &[("A", "b")]),
            env_edit::unset_env(text, &["A"]),
            env_edit::set_numbers(text, "replicas", &[("web", 2)]),
            hosts::add(text, &host),
            hosts::remove(text, &host),
            cron_edit::add_entry(text, &entry),
            cron_edit::remove_entry(text, "nightly").map(|_| String::new()),
        ];
        for (n, result) in results.into_iter().enumerate() {
            let error = result.expect_err(&format!("editor {n} edited"));
            assert!(
                error.starts_with("line 1 (`{name: shop"),
                "editor {n}: {error}"
            );
        }
    }
}
