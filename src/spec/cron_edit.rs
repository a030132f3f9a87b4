//! Comment- and order-keeping edits of `app.yaml`'s `cron:` list (`cron add`, `cron remove`): an
//! entry's lines are appended or taken out, every other line stays as the customer wrote it.

use super::cron::CronEntry;
use serde_json::Value;

use super::edit::{inside_block, join_lines, render_scalar, top_indent, top_key_at};
use super::edit_check::{list_at, only_changed, readable};

/// The lines of the top-level `cron:` key: its own line and the block that follows (indented
/// lines, blank lines and comments inside it), as a range of line indexes.
struct Block {
    /// The column of the document's top-level keys (see `edit::top_indent`).
    top: usize,
    key: usize,
    /// One past the last line of the block (trailing blank lines and comments no deeper than the
    /// key excluded).
    end: usize,
}

fn find_block(lines: &[&str]) -> Option<Block> {
    let top = top_indent(lines);
    let key = lines
        .iter()
        .position(|line| top_key_at(line, top, "cron").is_some())?;
    let mut end = key + 1;
    let mut index = key + 1;
    while let Some(line) = lines.get(index) {
        if inside_block(line, top) && !line.trim().is_empty() {
            // `- ` in the key's own column is a list item of the key too (YAML allows it).
            end = index + 1;
        } else if !(line.trim().is_empty() || line.trim_start().starts_with('#')) {
            break;
        }
        index += 1;
    }
    Some(Block { top, key, end })
}

/// The value on the key's line, without a comment.
fn inline_value(line: &str, top: usize) -> &str {
    let rest = &line[top_key_at(line, top, "cron").unwrap_or(line.len())..];
    rest.split(" #").next().unwrap_or("").trim()
}

/// `entry` as block-style YAML lines at `indent`: plain names, JSON-quoted strings (valid YAML).
fn render(entry: &CronEntry, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let quote = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let command: Vec<String> = entry.command.iter().map(|a| quote(a)).collect();
    let mut lines = vec![
        // A name is a DNS label, and `y`, `on` or `123` are labels YAML reads as other than text.
        format!("{pad}- name: {}", render_scalar(&entry.name)),
        format!("{pad}  schedule: {}", quote(&entry.schedule)),
        format!("{pad}  command: [{}]", command.join(", ")),
    ];
    if let Some(zone) = &entry.time_zone {
        lines.push(format!("{pad}  timeZone: {}", quote(zone)));
    }
    if let Some(timeout) = &entry.timeout {
        lines.push(format!("{pad}  timeout: {timeout}"));
    }
    if entry.component != super::cron::CronComponent::Web {
        lines.push(format!("{pad}  component: {}", entry.component.as_str()));
    }
    lines
}

/// Appends `entry` to the `cron:` list of the YAML document `text`, creating the key when there is
/// none. The caller checks the result (a duplicate name, for one) by parsing it.
///
/// # Errors
/// When `cron:` holds something this edit cannot extend on its lines (a non-empty flow list or
/// not a list), or the document is laid out in a way a line edit would misread (see
/// `edit_check`).
pub fn add_entry(text: &str, entry: &CronEntry) -> Result<String, String> {
    let before = readable(text)?;
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match find_block(&lines) {
        None => {
            let top = top_indent(&lines);
            out.push(format!("{}cron:", " ".repeat(top)));
            out.extend(render(entry, top + 2));
        }
        Some(block) => {
            let value = inline_value(lines[block.key], block.top);
            if value == "[]" || value == "~" || value == "null" {
                out[block.key] = lines[block.key]
                    .replacen(value, "", 1)
                    .trim_end()
                    .to_owned();
                out.splice(block.key + 1..block.key + 1, render(entry, block.top + 2));
            } else if value.is_empty() {
                let indent = lines[block.key + 1..block.end]
                    .iter()
                    .find(|l| l.trim_start().starts_with('-'))
                    .map_or(block.top + 2, |l| l.len() - l.trim_start().len());
                out.splice(block.end..block.end, render(entry, indent));
            } else {
                return Err(
                    "`cron:` is written on one line; write it as a block list (one `- name: ...` per entry) to let `cron add` extend it"
                        .to_owned(),
                );
            }
        }
    }
    let mut expected = list_at(&before, "cron", "entries")?;
    expected.push(serde_json::to_value(entry).map_err(|e| e.to_string())?);
    only_changed(
        &before,
        join_lines(text, &out),
        "cron",
        Some(Value::Array(expected)),
    )
}

/// Removes the entry named `name` from the `cron:` list of `text`, and the key with its last
/// entry. Returns `None` when no entry has that name.
///
/// # Errors
/// When `cron:` is written on one line (a flow list), which this edit does not take apart, or
/// the document is laid out in a way a line edit would misread (see `edit_check`).
pub fn remove_entry(text: &str, name: &str) -> Result<Option<String>, String> {
    let before = readable(text)?;
    let lines: Vec<&str> = text.lines().collect();
    let Some(block) = find_block(&lines) else {
        return Ok(None);
    };
    if !inline_value(lines[block.key], block.top).is_empty() {
        return Err(
            "`cron:` is written on one line; write it as a block list (one `- name: ...` per entry) to let `cron remove` edit it"
                .to_owned(),
        );
    }
    let Some(indent) = lines[block.key + 1..block.end]
        .iter()
        .find(|l| l.trim_start().starts_with('-'))
        .map(|l| l.len() - l.trim_start().len())
    else {
        return Ok(None);
    };
    // The items: each starts at a `-` in the list's column and runs to the next one.
    let starts: Vec<usize> = (block.key + 1..block.end)
        .filter(|&i| {
            let line = lines[i];
            line.len() - line.trim_start().len() == indent && line.trim_start().starts_with('-')
        })
        .collect();
    let names_it = |line: &str| {
        let line = line.trim_start().trim_start_matches('-').trim_start();
        line.strip_prefix("name:").is_some_and(|rest| {
            let value = rest.split(" #").next().unwrap_or("").trim();
            value.trim_matches(|c| c == '"' || c == '\'') == name
        })
    };
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(block.end);
        let item_indent = indent + 2;
        let is_it = (start..end).any(|i| {
            let line = lines[i];
            (i == start || line.len() - line.trim_start().len() == item_indent) && names_it(line)
        });
        if !is_it {
            continue;
        }
        let mut out: Vec<&str> = lines.clone();
        if starts.len() == 1 {
            out.drain(block.key..block.end);
        } else {
            out.drain(start..end);
        }
        let out: Vec<String> = out.iter().map(|l| (*l).to_owned()).collect();
        // The first entry YAML reads with that name goes, and the key with the last one. A
        // name written by hand without quotes may read as other than text (`name: y` is true).
        let mut expected = list_at(&before, "cron", "entries")?;
        let unquoted = serde_saphyr::from_str::<Value>(name).ok();
        let named = |item: &Value| item["name"] == name || Some(&item["name"]) == unquoted.as_ref();
        if let Some(at) = expected.iter().position(named) {
            expected.remove(at);
        }
        let expected = (!expected.is_empty()).then_some(Value::Array(expected));
        return only_changed(&before, join_lines(text, &out), "cron", expected).map(Some);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::cron::CronComponent;

    fn entry(name: &str) -> CronEntry {
        CronEntry {
            name: name.to_owned(),
            schedule: "0 3 * * *".to_owned(),
            command: vec!["python".into(), "manage.py".into(), "import \"all\"".into()],
            time_zone: None,
            timeout: None,
            component: CronComponent::Web,
        }
    }

    #[test]
    fn add_creates_the_key_and_keeps_comments_and_order() {
        let text = "# the shop\nname: shop   # DNS label\nimage: r.example.com/shop:1\n";
        let added = add_entry(text, &entry("nightly")).unwrap();
        assert_eq!(
            added,
            "# the shop\nname: shop   # DNS label\nimage: r.example.com/shop:1\ncron:\n  - name: nightly\n    schedule: \"0 3 * * *\"\n    command: [\"python\", \"manage.py\", \"import \\\"all\\\"\"]\n"
        );
        let spec = crate::spec::AppSpec::parse(std::path::Path::new("app.yaml"), &added).unwrap();
        assert_eq!(spec.cron[0].command[2], "import \"all\"");
    }

    /// `fuzz/regressions/spec_edit/cron-add-a-name-yaml-reads-as-a-boolean`.
    #[test]
    fn names_yaml_would_read_as_booleans_or_numbers_are_quoted() {
        for name in ["y", "on", "no", "123", "0x1f", "1e3"] {
            let added = add_entry("name: shop\n", &entry(name)).unwrap();
            assert!(added.contains(&format!("- name: \"{name}\"\n")), "{added}");
            let removed = remove_entry(&added, name).unwrap();
            assert_eq!(removed.as_deref(), Some("name: shop\n"));
            // Written by hand without the quotes, it is still the entry of that name.
            let by_hand = format!(
                "cron:\n  - name: {name}\n    schedule: '@daily'\n    command: [x]\nname: shop\n"
            );
            let removed = remove_entry(&by_hand, name).unwrap();
            assert_eq!(removed.as_deref(), Some("name: shop\n"), "{by_hand}");
        }
    }

    #[test]
    fn add_appends_in_the_lists_own_indentation_before_later_keys() {
        let text = "name: shop\ncron:\n# sessions\n- name: a\n  schedule: '@daily'\n  command: [x]\n\n# the image\nimage: r.example.com/shop:1\n";
        let added = add_entry(text, &entry("b")).unwrap();
        assert!(
            added.contains("  command: [x]\n- name: b\n  schedule: \"0 3 * * *\"\n"),
            "{added}"
        );
        assert!(
            added.ends_with("\n\n# the image\nimage: r.example.com/shop:1\n"),
            "{added}"
        );
        let spec = crate::spec::AppSpec::parse(std::path::Path::new("app.yaml"), &added).unwrap();
        assert_eq!(spec.cron.len(), 2);
    }

    #[test]
    fn remove_takes_out_one_entry_and_the_key_with_the_last() {
        let text = "name: shop\ncron:\n  - name: a   # first\n    schedule: '@daily'\n    command: [x]\n  - schedule: '@hourly'\n    name: \"b\"\n    command: [y, z]\nimage: r.example.com/shop:1 # kept\n";
        let without_b = remove_entry(text, "b").unwrap().unwrap();
        assert_eq!(
            without_b,
            "name: shop\ncron:\n  - name: a   # first\n    schedule: '@daily'\n    command: [x]\nimage: r.example.com/shop:1 # kept\n"
        );
        let without_both = remove_entry(&without_b, "a").unwrap().unwrap();
        assert_eq!(
            without_both,
            "name: shop\nimage: r.example.com/shop:1 # kept\n"
        );
        assert_eq!(remove_entry(text, "c").unwrap(), None);
        assert_eq!(remove_entry("name: shop\n", "a").unwrap(), None);
        assert!(remove_entry("cron: [{name: a}]\n", "a").is_err());
    }
}
