//! The comment-keeping editors of app.yaml (`spec::edit`, `env_edit`, `hosts`, `cron_edit`): an
//! edit changes exactly the key it was asked to, and every line outside that key's block stays
//! byte for byte as it was.
//!
//! The input's first line is the edit (`set KEY VALUE`, `remove KEY`, `env KEY VALUE`, `unset
//! KEY`, `replicas KEY N`, `restarts KEY N`, `host-add HOST`, `host-remove HOST`, `cron-add NAME
//! WORD`, `cron-remove NAME`), the rest the document. When the document reads as a YAML mapping,
//! the edited text must read as the same mapping with only that change; in any case, the lines
//! that differ must all lie in the edited key's block.

use std::ops::Range;

use serde_json::{Map, Value, json};

use super::{first_line, text};
use crate::spec::cron::{CronComponent, CronEntry};
use crate::spec::{cron_edit, edit, env_edit, hosts};

/// One edit the input asks for.
enum Edit<'a> {
    Set(&'a str, &'a str),
    Remove(&'a str),
    Env(&'a str, &'a str),
    Unset(&'a str),
    Number(&'static str, &'a str, u64),
    HostAdd(String),
    HostRemove(String),
    CronAdd(&'a str, &'a str),
    CronRemove(&'a str),
}

impl<'a> Edit<'a> {
    /// The edit of the input's first line, when it is one the editors are given: keys as the
    /// commands check them before editing.
    fn read(line: &'a str) -> Option<Self> {
        let mut words = line.splitn(3, ' ');
        let (op, key, value) = (words.next()?, words.next()?, words.next().unwrap_or(""));
        let plain_key = !key.is_empty()
            && key.chars().all(|c| c.is_ascii_alphanumeric())
            && key.starts_with(|c: char| c.is_ascii_alphabetic());
        let env_key = crate::spec::validate_env_name(key).is_ok();
        let label = crate::spec::validate_dns_label(key).is_ok();
        Some(match op {
            "set" if plain_key => Edit::Set(key, value),
            "remove" if plain_key => Edit::Remove(key),
            "env" if env_key => Edit::Env(key, value),
            "unset" if env_key => Edit::Unset(key),
            "replicas" | "restarts" if ["web", "async"].contains(&key) => {
                let block = if op == "replicas" {
                    "replicas"
                } else {
                    "restarts"
                };
                Edit::Number(block, key, value.parse().ok()?)
            }
            "host-add" => Edit::HostAdd(hosts::normalize(key).ok()?),
            "host-remove" => Edit::HostRemove(hosts::normalize(key).ok()?),
            "cron-add" if label && !value.is_empty() => Edit::CronAdd(key, value),
            "cron-remove" if label => Edit::CronRemove(key),
            _ => return None,
        })
    }

    /// The top-level key whose block the edit may change.
    fn block(&self) -> &str {
        match self {
            Edit::Set(key, _) | Edit::Remove(key) => key,
            Edit::Env(..) | Edit::Unset(_) => "env",
            Edit::Number(block, ..) => block,
            Edit::HostAdd(_) | Edit::HostRemove(_) => "hosts",
            Edit::CronAdd(..) | Edit::CronRemove(_) => "cron",
        }
    }

    /// Runs the editor: the new text, `Ok(None)` when it changes nothing.
    fn apply(&self, text: &str) -> Result<Option<String>, String> {
        let edited = match self {
            Edit::Set(key, value) => edit::set_top_level_scalar(text, key, value),
            Edit::Remove(key) => edit::remove_top_level_scalar(text, key),
            Edit::Env(key, value) => env_edit::set_env(text, &[(key, value)]),
            Edit::Unset(key) => env_edit::unset_env(text, &[key]),
            Edit::Number(block, key, n) => env_edit::set_numbers(text, block, &[(key, *n)]),
            Edit::HostAdd(host) => hosts::add(text, std::slice::from_ref(host)),
            Edit::HostRemove(host) => hosts::remove(text, std::slice::from_ref(host)),
            Edit::CronAdd(name, word) => cron_edit::add_entry(text, &cron_entry(name, word)),
            Edit::CronRemove(name) => return cron_edit::remove_entry(text, name),
        };
        edited.map(Some)
    }

    /// `doc` with this edit made, as its editor promises.
    fn expected(&self, mut doc: Map<String, Value>) -> Map<String, Value> {
        let mapping = |doc: &mut Map<String, Value>, key: &str| {
            let slot = doc.entry(key).or_insert(Value::Null);
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            slot.as_object_mut().unwrap().clone()
        };
        match self {
            Edit::Set(key, value) => {
                doc.insert((*key).to_owned(), json!(value));
            }
            Edit::Remove(key) => {
                doc.remove(*key);
            }
            Edit::Env(key, value) => {
                let mut env = mapping(&mut doc, "env");
                env.insert((*key).to_owned(), json!(value));
                doc.insert("env".to_owned(), Value::Object(env));
            }
            Edit::Unset(key) => unset(&mut doc, key),
            Edit::Number(block, key, n) => {
                let mut numbers = mapping(&mut doc, block);
                numbers.insert((*key).to_owned(), json!(n));
                doc.insert((*block).to_owned(), Value::Object(numbers));
            }
            Edit::HostAdd(host) => push(&mut doc, "hosts", json!(host)),
            Edit::HostRemove(host) => remove_items(&mut doc, "hosts", |item| item == host),
            Edit::CronAdd(name, word) => push(&mut doc, "cron", cron_json(name, word)),
            Edit::CronRemove(name) => {
                // The first entry of that name, also when written without quotes (`name: y`
                // reads as true).
                let unquoted = serde_saphyr::from_str::<Value>(name).ok();
                if let Some(Value::Array(items)) = doc.get_mut("cron")
                    && let Some(at) = items.iter().position(|item| {
                        item["name"] == *name || Some(&item["name"]) == unquoted.as_ref()
                    })
                {
                    items.remove(at);
                }
                if doc.get("cron").is_some_and(|c| c == &json!([])) {
                    doc.remove("cron");
                }
            }
        }
        doc
    }
}

fn cron_entry(name: &str, word: &str) -> CronEntry {
    CronEntry {
        name: name.to_owned(),
        schedule: "@daily".to_owned(),
        command: vec![word.to_owned()],
        time_zone: None,
        timeout: None,
        component: CronComponent::Web,
    }
}

fn cron_json(name: &str, word: &str) -> Value {
    json!({"name": name, "schedule": "@daily", "command": [word]})
}

/// `config unset`: the key goes, and `env` with its last key.
fn unset(doc: &mut Map<String, Value>, key: &str) {
    let Some(Value::Object(env)) = doc.get_mut("env") else {
        return;
    };
    if env.remove(key).is_some() && env.is_empty() {
        doc.remove("env");
    }
}

/// Appends `item` to the list `key` (created, or made of a null or empty value).
fn push(doc: &mut Map<String, Value>, key: &str, item: Value) {
    let slot = doc.entry(key).or_insert(Value::Null);
    if !slot.is_array() {
        *slot = json!([]);
    }
    slot.as_array_mut().unwrap().push(item);
}

/// Takes the items `drop` picks out of the list `key`.
fn remove_items(doc: &mut Map<String, Value>, key: &str, drop: impl Fn(&Value) -> bool) {
    if let Some(Value::Array(items)) = doc.get_mut(key) {
        items.retain(|item| !drop(item));
    }
}

/// The document as a mapping, when it reads as one (an empty document is the empty mapping).
fn mapping(text: &str) -> Option<Map<String, Value>> {
    match serde_saphyr::from_str::<Value>(text).ok()? {
        Value::Object(map) => Some(map),
        Value::Null => Some(Map::new()),
        _ => None,
    }
}

/// The lines of `text`, without the newline that ends the last one; none for an empty text
/// (not one empty line, which made any key added to an empty document a change outside it).
fn lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    text.strip_suffix('\n')
        .map_or_else(|| text.split('\n').collect(), |t| t.split('\n').collect())
}

/// The column of the top-level keys: where the first line that is neither blank, a comment, a
/// directive nor a `---` marker starts (YAML lets a whole document sit indented).
fn top_column(lines: &[&str]) -> usize {
    lines
        .iter()
        .find(|l| {
            let t = l.trim();
            let marker = *l == &"---" || l.starts_with("--- ") || l.starts_with("---\t");
            !(t.is_empty() || t.starts_with('#') || l.starts_with('%') || marker)
        })
        .map_or(0, |l| l.len() - l.trim_start_matches(' ').len())
}

/// The lines of the top-level key `key`: its own and every line up to the next top-level key.
fn block_range(lines: &[&str], key: &str) -> Option<Range<usize>> {
    let pad = " ".repeat(top_column(lines));
    let spellings = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")];
    let start = lines.iter().position(|l| {
        spellings.iter().any(|spelled| {
            l.strip_prefix(pad.as_str())
                .and_then(|l| l.strip_prefix(spelled.as_str()))
                .map(|rest| rest.trim_start_matches([' ', '\t']))
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r']))
        })
    })?;
    let end = (start + 1..lines.len())
        .find(|&i| {
            // A line less indented than the keys ends the block unless blank or a comment.
            let Some(line) = lines[i].strip_prefix(pad.as_str()) else {
                let t = lines[i].trim_start();
                return !(t.is_empty() || t.starts_with('#'));
            };
            !line.starts_with([' ', '\t', '-', '#', '\r']) && !line.is_empty()
        })
        .unwrap_or(lines.len());
    Some(start..end)
}

/// Every line that differs between `before` and `after` lies in `block`'s lines of each; a
/// comment of a block that is gone may stay.
fn check_lines(before: &str, after: &str, block: &str) {
    // A file that mixes line ends comes back with LF (see `spec::edit::join_lines`): its lines
    // compare as `str::lines` splits them, which is how the editors read them.
    let mixed = before.contains("\r\n") && before.replace("\r\n", "").contains('\n');
    // The editors end every line they write with a line end in the file's style, as
    // documented, also the last one when it had none: that is not a change of the line (found
    // by the fuzzer: `regressions/spec_edit/crlf-no-final-line-end`, and
    // `crlf-last-line-without-end-before-an-added-key` where lines were added after it).
    let mut before = before.to_owned();
    if !before.is_empty() && !before.ends_with('\n') {
        before.push_str(if before.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        });
    }
    let (before, after) = (before.as_str(), after);
    let (old, new): (Vec<&str>, Vec<&str>) = if mixed {
        (before.lines().collect(), after.lines().collect())
    } else {
        (lines(before), lines(after))
    };
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let changed_old = prefix..old.len() - suffix;
    let changed_new = prefix..new.len() - suffix;
    let inside = |range: &Range<usize>, block: Option<Range<usize>>| {
        range.is_empty() || block.is_some_and(|b| b.start <= range.start && range.end <= b.end)
    };
    assert!(
        inside(&changed_old, block_range(&old, block)),
        "lines {changed_old:?} outside `{block}` changed:\n{before}\n---\n{after}"
    );
    let new_block = block_range(&new, block);
    let kept_comments = new_block.is_none()
        && new[changed_new.clone()]
            .iter()
            .all(|l| l.trim_start().starts_with('#'));
    assert!(
        inside(&changed_new, new_block) || kept_comments,
        "lines {changed_new:?} written outside `{block}`:\n{before}\n---\n{after}"
    );
}

/// See the module's documentation.
pub(super) fn spec_edit(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (line, document) = first_line(text);
    let Some(edit) = Edit::read(line) else { return };
    let Ok(Some(after)) = edit.apply(document) else {
        return;
    };
    check_lines(document, &after, edit.block());
    if let Some(before) = mapping(document) {
        let got = mapping(&after).unwrap_or_else(|| {
            panic!("the edit made the mapping unreadable:\n{document}\n---\n{after}")
        });
        assert_eq!(
            Value::Object(got),
            Value::Object(edit.expected(before)),
            "the edit changed more or less than asked:\n{document}\n---\n{after}"
        );
    }
}
