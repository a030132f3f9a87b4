//! Comment- and order-preserving edits of `app.yaml`'s top-level mappings: `env` for
//! `config set|unset`, `replicas` for `scale`, `restarts` for `restart`. Like [`super::edit`],
//! only the lines that must change are touched: an entry's value is replaced on its line (its
//! trailing comment kept), a new entry goes after the last one, and a removed entry takes its
//! continuation lines with it. Kept apart from `edit.rs` so that the top-level edits and these
//! stay small.

use serde_json::Value;

use super::edit::{join_lines, key_at, render_scalar, split_comment, top_indent, top_key_at};
use super::edit_check::{mapping_at, only_changed, readable};

/// The `env:` line and the block of entries under it.
struct EnvBlock {
    /// The index of the `env:` line.
    header: usize,
    /// How long the key's spelling on that line is, its colon included (`env:`, `"env":`).
    spelled: usize,
    /// The indentation of the entries (two spaces deeper than the key when the block is empty).
    indent: usize,
    /// Indices of the entry lines (`  KEY: value`), in order.
    entries: Vec<usize>,
    /// One past the last line that belongs to the block (entries and their continuations).
    end: usize,
}

/// Sets each `(key, value)` in `env`, in order; keys not there yet are appended to the block,
/// which is created at the end of the document when `env` is missing. Returns the new text.
///
/// # Errors
/// When `env` is written in flow style with entries (`env: {A: b}`), or a key's current value
/// spans several lines: a line edit cannot change those safely; or the document is laid out in
/// a way a line edit would misread (see `edit_check`).
pub fn set_env(text: &str, pairs: &[(&str, &str)]) -> Result<String, String> {
    let rendered: Vec<(&str, String, Value)> = pairs
        .iter()
        .map(|(key, value)| (*key, render_scalar(value), Value::from(*value)))
        .collect();
    set_in_block(text, "env", &rendered)
}

/// As [`set_env`], for the mapping `block` with whole numbers (`replicas`, `restarts`).
///
/// # Errors
/// As [`set_env`].
pub fn set_numbers(text: &str, block: &str, pairs: &[(&str, u64)]) -> Result<String, String> {
    let rendered: Vec<(&str, String, Value)> = pairs
        .iter()
        .map(|(key, value)| (*key, value.to_string(), Value::from(*value)))
        .collect();
    set_in_block(text, block, &rendered)
}

/// Sets each `(key, yaml, value)` in the mapping `name`: `yaml` is `value` rendered.
fn set_in_block(text: &str, name: &str, pairs: &[(&str, String, Value)]) -> Result<String, String> {
    let before = readable(text)?;
    let what = if name == "env" {
        "names to values"
    } else {
        "components to numbers"
    };
    let mut expected = mapping_at(&before, name, what)?;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // The document's own column for top-level keys, kept as the edits go (they add none before
    // its first key).
    let top = top_indent(&lines);
    let header_key = format!("{}{name}:", " ".repeat(top));
    for (key, value, typed) in pairs {
        expected.insert((*key).to_owned(), typed.clone());
        let rendered = format!("{key}: {value}");
        let block = match find_block(&lines, name)? {
            Some(block) => block,
            None => {
                lines.push(header_key.clone());
                EnvBlock {
                    header: lines.len() - 1,
                    spelled: header_key.len(),
                    indent: top + 2,
                    entries: Vec::new(),
                    end: lines.len(),
                }
            }
        };
        if block.entries.is_empty() {
            // `env: {}` followed by entries would not parse: the `{}` goes, a comment stays.
            let (spelled, after) = lines[block.header].split_at(block.spelled);
            let comment = split_comment(after).1;
            lines[block.header] = match comment {
                Some(comment) => format!("{spelled}  {comment}"),
                None => spelled.to_owned(),
            };
        }
        let pad = " ".repeat(block.indent);
        match entry_of(&lines, &block, key) {
            Some((index, spelled)) => {
                let rest = &lines[index][block.indent + spelled..];
                let (old, comment) = split_comment(rest);
                let old = old.trim();
                let continues = index + 1 < block.end && !block.entries.contains(&(index + 1));
                if old.starts_with(['|', '>']) || old.is_empty() || continues {
                    return Err(format!(
                        "{name}.{key} has a multi-line value; write it on one line (`{key}: ...`) and try again"
                    ));
                }
                lines[index] = match comment {
                    Some(comment) => format!("{pad}{rendered}  {comment}"),
                    None => format!("{pad}{rendered}"),
                };
            }
            None => {
                let after = block.entries.last().map_or(block.header + 1, |_| block.end);
                lines.insert(after, format!("{pad}{rendered}"));
            }
        }
    }
    let expected = Some(Value::Object(expected));
    only_changed(&before, join_lines(text, &lines), name, expected)
}

/// Removes each of `keys` from `env` (with its continuation lines); removes `env:` itself when
/// no entry is left, as an empty `env:` reads as null. Keys not there are skipped: the caller
/// decides whether that is an error. Returns the new text.
///
/// # Errors
/// When `env` is written in flow style with entries, or the document is laid out in a way a
/// line edit would misread (see `edit_check`).
pub fn unset_env(text: &str, keys: &[&str]) -> Result<String, String> {
    let before = readable(text)?;
    // An emptied `env` goes with its last entry; one that loses nothing stays as it was.
    let expected = match before.get("env") {
        None => None,
        Some(current) => {
            let mut env = mapping_at(&before, "env", "names to values")?;
            let removed = keys.iter().filter(|k| env.remove(**k).is_some()).count();
            match (removed, env.is_empty()) {
                (0, _) => Some(current.clone()),
                (_, true) => None,
                (_, false) => Some(Value::Object(env)),
            }
        }
    };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for key in keys {
        let Some(block) = find_block(&lines, "env")? else {
            break;
        };
        let Some((index, _)) = entry_of(&lines, &block, key) else {
            continue;
        };
        let next = block
            .entries
            .iter()
            .copied()
            .find(|&i| i > index)
            .unwrap_or(block.end);
        lines.drain(index..next);
        if block.entries.len() == 1 {
            let header = &lines[block.header];
            let comment = split_comment(&header[block.spelled..]).1.map(str::to_owned);
            match comment {
                // The customer's note about env stays, on a line of its own.
                Some(comment) => lines[block.header] = comment,
                None => {
                    lines.remove(block.header);
                }
            }
        }
    }
    only_changed(&before, join_lines(text, &lines), "env", expected)
}

/// The block of the top-level mapping `name` in `lines`, or `None` when there is no such key.
fn find_block(lines: &[String], name: &str) -> Result<Option<EnvBlock>, String> {
    let top = top_indent(lines);
    let Some((header, spelled)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, top_key_at(l, top, name)?)))
    else {
        return Ok(None);
    };
    let (value, comment) = split_comment(&lines[header][spelled..]);
    match value.trim() {
        "" => {}
        "{}" => {
            // An empty flow mapping: the caller turns its line into a block header.
            let _ = comment;
            return Ok(Some(EnvBlock {
                header,
                spelled,
                indent: top + 2,
                entries: Vec::new(),
                end: header + 1,
            }));
        }
        _ => {
            return Err(format!(
                "`{name}` is written on one line ({{...}}); write it as a block, one `key: value` per line, and try again"
            ));
        }
    }
    let mut indent = None;
    let mut entries = Vec::new();
    let mut end = header + 1;
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        if depth <= top {
            break;
        }
        let entry_indent = *indent.get_or_insert(depth);
        if depth == entry_indent {
            entries.push(i);
        }
        end = i + 1;
    }
    Ok(Some(EnvBlock {
        header,
        spelled,
        indent: indent.unwrap_or(top + 2),
        entries,
        end,
    }))
}

/// The line of `key`'s entry in `block`, and how long the key's spelling on it is.
fn entry_of(lines: &[String], block: &EnvBlock, key: &str) -> Option<(usize, usize)> {
    block
        .entries
        .iter()
        .find_map(|&i| Some((i, key_at(&lines[i][block.indent..], key)?)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_plain_in_any_block() {
        let text =
            "name: shop\nreplicas:   # sized for Black Friday\n  web: 2  # peak\nasync: true\n";
        let out = super::set_numbers(text, "replicas", &[("web", 4), ("async", 1)]).unwrap();
        assert_eq!(
            out,
            "name: shop\nreplicas:   # sized for Black Friday\n  web: 4  # peak\n  async: 1\nasync: true\n"
        );
        let out = super::set_numbers("name: shop\n", "restarts", &[("web", 1)]).unwrap();
        assert_eq!(out, "name: shop\nrestarts:\n  web: 1\n");
    }

    use super::*;
    use crate::spec::AppSpec;
    use std::path::Path;

    const SPEC: &str = "\
# The shop.
name: shop
env:   # plain settings
  # the settings module
  DJANGO_SETTINGS_MODULE: shop.settings   # production
  B: two
hosts:
  - shop.example.com
";

    fn env_of(text: &str) -> Vec<(String, String)> {
        AppSpec::parse(Path::new("app.yaml"), text)
            .unwrap()
            .env
            .into_iter()
            .collect()
    }

    #[test]
    fn set_replaces_in_place_and_appends_after_the_last_entry() {
        let out = set_env(SPEC, &[("B", "2"), ("C", "x y")]).unwrap();
        assert_eq!(
            out,
            SPEC.replace("  B: two\n", "  B: \"2\"\n  C: x y\n")
                .replace("x y", "\"x y\"")
        );
        let out = set_env(SPEC, &[("DJANGO_SETTINGS_MODULE", "shop.settings.prod")]).unwrap();
        assert!(out.contains("  DJANGO_SETTINGS_MODULE: shop.settings.prod  # production\n"));
        assert!(out.starts_with(
            "# The shop.\nname: shop\nenv:   # plain settings\n  # the settings module\n"
        ));
        env_of(&out);
    }

    #[test]
    fn set_creates_env_at_the_end_and_fills_an_empty_flow_mapping() {
        let out = set_env("name: shop  # hi\n", &[("A", "1"), ("B", "b")]).unwrap();
        assert_eq!(out, "name: shop  # hi\nenv:\n  A: \"1\"\n  B: b\n");
        let out = set_env(
            "name: shop\nenv: {}  # none yet\nhosts: []\n",
            &[("A", "a")],
        )
        .unwrap();
        assert_eq!(out, "name: shop\nenv:  # none yet\n  A: a\nhosts: []\n");
        assert_eq!(env_of(&out), [("A".to_owned(), "a".to_owned())]);
    }

    #[test]
    fn unset_removes_the_entry_and_an_empty_block() {
        let out = unset_env(SPEC, &["B"]).unwrap();
        assert_eq!(out, SPEC.replace("  B: two\n", ""));
        let out = unset_env(&out, &["DJANGO_SETTINGS_MODULE"]).unwrap();
        assert_eq!(
            out,
            "# The shop.\nname: shop\n# plain settings\n  # the settings module\nhosts:\n  - shop.example.com\n"
        );
        assert!(env_of(&out).is_empty());
    }

    #[test]
    fn multi_line_and_flow_values_are_refused() {
        assert!(set_env("env: {A: b}\n", &[("A", "c")]).is_err());
        assert!(set_env("env:\n  A: |\n    x\n", &[("A", "c")]).is_err());
        assert!(unset_env("env: {A: b}\n", &["A"]).is_err());
        let err = set_numbers("replicas: {web: 2}\n", "replicas", &[("web", 3)]).unwrap_err();
        assert!(
            err.starts_with("`replicas` is written on one line"),
            "{err}"
        );
        let out = unset_env("env:\n  A: |\n    x\n  B: c\n", &["A"]).unwrap();
        assert_eq!(out, "env:\n  B: c\n");
    }
}
