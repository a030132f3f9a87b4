//! `hosts` as `domains add|remove` change them: a name as typed becomes the ASCII form app.yaml,
//! the Ingress and the certificate use (IDNs in punycode, lower case, no trailing dot), and the
//! list in app.yaml is edited line by line, comments kept. Kept in its own file so the app spec
//! grows additively.

use serde_json::Value;

use super::edit::{join_lines, split_comment, top_indent, top_key_at};
use super::edit_check::{Document, list_at, only_changed, readable};
use super::names::validate_host;
use crate::exit::{Classify, ExitCode};

/// Why `domains add|remove` refuses.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// Not a DNS name the Ingress and the certificate accept.
    #[error("`{input}` is not a valid host name: {reason}")]
    Invalid { input: String, reason: String },
    /// Already in `hosts` (or given twice).
    #[error("{host} is already in app.yaml `hosts`")]
    Duplicate { host: String },
    /// `remove` of a host `hosts` does not have.
    #[error("{host} is not in app.yaml `hosts`")]
    Missing { host: String },
}

impl Classify for HostError {
    fn exit_code(&self) -> ExitCode {
        ExitCode::InvalidInput
    }

    fn hint(&self) -> Option<String> {
        match self {
            HostError::Invalid { .. } => Some(
                "give a fully qualified name like shop.example.com or *.shop.example.com (IDNs such as bücher.example are converted)".to_owned(),
            ),
            HostError::Duplicate { .. } | HostError::Missing { .. } => {
                Some("`ungleich-django domains` lists the app's hosts".to_owned())
            }
        }
    }
}

/// `input` in the form app.yaml keeps: IDNs to ASCII (punycode), lower case, without the
/// trailing dot of a fully qualified name; a leading `*.` is kept.
///
/// # Errors
/// When it is not a valid host name.
pub fn normalize(input: &str) -> Result<String, HostError> {
    let invalid = |reason: String| HostError::Invalid {
        input: input.to_owned(),
        reason,
    };
    let trimmed = input.trim().trim_end_matches('.');
    let (wildcard, rest) = match trimmed.strip_prefix("*.") {
        Some(rest) => ("*.", rest),
        None => ("", trimmed),
    };
    if rest.is_empty() || rest.contains(['/', ':', '@', ' ']) {
        return Err(invalid(
            "give the host alone, without a scheme, port or path".to_owned(),
        ));
    }
    let ascii = idna::domain_to_ascii(rest)
        .map_err(|_| invalid("it is not a valid internationalised domain name".to_owned()))?;
    let host = format!("{wildcard}{ascii}");
    validate_host(&host).map_err(invalid)?;
    Ok(host)
}

/// A top-level block sequence: its header line, and each item's line with the item.
type Sequence = (usize, Vec<(usize, String)>);

/// The items of the top-level block sequence `key` with their line indices.
fn items(lines: &[String], key: &str) -> Result<Option<Sequence>, String> {
    let top = top_indent(lines);
    let Some((header, spelled)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, top_key_at(l, top, key)?)))
    else {
        return Ok(None);
    };
    let value = split_comment(&lines[header][spelled..]).0.trim();
    if value == "[]" {
        return Ok(Some((header, Vec::new())));
    }
    if !value.is_empty() {
        return Err(format!(
            "`{key}` is written on one line ([...]); write it as a list, one `- host` per line, and try again"
        ));
    }
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(header + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // A sequence may sit at the key's own indentation (`- a` under `hosts:`).
        let Some(item) = trimmed.strip_prefix("- ") else {
            break;
        };
        let item = split_comment(item).0.trim().trim_matches(['"', '\'']);
        found.push((i, item.to_owned()));
    }
    Ok(Some((header, found)))
}

/// The `hosts` line (of a document whose keys sit at column `top`) with `value` (nothing, or
/// `[]`) after the key as it is spelled, its comment kept.
fn header_with(line: &str, top: usize, value: &str) -> String {
    let spelled = top_key_at(line, top, "hosts").unwrap_or(line.len());
    let (key, after) = line.split_at(spelled);
    let value = if value.is_empty() {
        String::new()
    } else {
        format!(" {value}")
    };
    match split_comment(after).1 {
        Some(comment) => format!("{key}{value}  {comment}"),
        None => format!("{key}{value}"),
    }
}

/// The hosts as app.yaml lists them, for an edit.
fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Appends `hosts` to app.yaml's `hosts` (created at the end when missing). Returns the text.
///
/// # Errors
/// When `hosts` is written in flow style with items or is not a list of names, or the document
/// is laid out in a way a line edit would misread (see `edit_check`).
pub fn add(text: &str, hosts: &[String]) -> Result<String, String> {
    let before = readable(text)?;
    let mut lines = lines_of(text);
    let top = top_indent(&lines);
    let (header, found) = match items(&lines, "hosts")? {
        Some(found) => found,
        None => {
            lines.push(format!("{}hosts:", " ".repeat(top)));
            (lines.len() - 1, Vec::new())
        }
    };
    if found.is_empty() {
        // `hosts: []` followed by items would not parse: the `[]` goes, a comment stays.
        lines[header] = header_with(&lines[header], top, "");
    }
    let (at, indent) = match found.last() {
        Some((i, _)) => (i + 1, lines[*i].len() - lines[*i].trim_start().len()),
        None => (header + 1, top + 2),
    };
    for (n, host) in hosts.iter().enumerate() {
        lines.insert(at + n, format!("{}- {host}", " ".repeat(indent)));
    }
    let mut expected = names_in(&before)?;
    expected.extend(hosts.iter().map(|host| Value::from(host.as_str())));
    only_changed(
        &before,
        join_lines(text, &lines),
        "hosts",
        Some(Value::Array(expected)),
    )
}

/// The names of app.yaml's `hosts`. The editor works line by line on a list of names; a `hosts:`
/// written another way (a tag, mappings as items) could come out as text that no longer parses,
/// so such an edit is refused instead of written.
fn names_in(doc: &Document) -> Result<Vec<Value>, String> {
    let names = list_at(doc, "hosts", "host names")?;
    if names.iter().all(Value::is_string) {
        Ok(names)
    } else {
        Err("app.yaml's `hosts` is not a plain list of host names, which is what this command edits: write it as `hosts:` followed by `- name` lines, or edit it by hand".to_owned())
    }
}

/// Removes `hosts` from app.yaml's `hosts`; an emptied list becomes `hosts: []`.
///
/// # Errors
/// When `hosts` is written in flow style with items or is not a list of names, or the document
/// is laid out in a way a line edit would misread (see `edit_check`).
pub fn remove(text: &str, hosts: &[String]) -> Result<String, String> {
    let before = readable(text)?;
    let mut lines = lines_of(text);
    let top = top_indent(&lines);
    let Some((header, found)) = items(&lines, "hosts")? else {
        return Ok(join_lines(text, &lines));
    };
    let mut drop: Vec<usize> = found
        .iter()
        .filter(|(_, h)| hosts.contains(h))
        .map(|(i, _)| *i)
        .collect();
    let emptied = drop.len() == found.len() && !found.is_empty();
    drop.sort_unstable();
    for i in drop.into_iter().rev() {
        lines.remove(i);
    }
    if emptied {
        lines[header] = header_with(&lines[header], top, "[]");
    }
    let expected = match before.get("hosts") {
        Some(Value::Array(_)) => {
            let mut names = names_in(&before)?;
            names.retain(|name| !hosts.iter().any(|host| name == host.as_str()));
            Some(Value::Array(names))
        }
        current => current.cloned(),
    };
    only_changed(&before, join_lines(text, &lines), "hosts", expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_their_ascii_form() {
        assert_eq!(normalize("Shop.Example.COM.").unwrap(), "shop.example.com");
        assert_eq!(
            normalize("bücher.example").unwrap(),
            "xn--bcher-kva.example"
        );
        assert_eq!(
            normalize("*.shops.example.org").unwrap(),
            "*.shops.example.org"
        );
        for bad in [
            "localhost",
            "https://shop.example.com",
            "shop.example.com:443",
            "-a.example.com",
            "a..example.com",
            "",
        ] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn add_and_remove_keep_comments() {
        let text =
            "name: shop\nhosts:   # public names\n  - shop.example.com   # main\nenv:\n  A: b\n";
        let out = add(text, &["www.shop.example.com".to_owned()]).unwrap();
        assert_eq!(
            out,
            "name: shop\nhosts:   # public names\n  - shop.example.com   # main\n  - www.shop.example.com\nenv:\n  A: b\n"
        );
        let out = remove(&out, &["shop.example.com".to_owned()]).unwrap();
        assert_eq!(
            out,
            "name: shop\nhosts:   # public names\n  - www.shop.example.com\nenv:\n  A: b\n"
        );
        let out = remove(&out, &["www.shop.example.com".to_owned()]).unwrap();
        assert_eq!(out, "name: shop\nhosts: []  # public names\nenv:\n  A: b\n");
        let out = add(&out, &["a.example.com".to_owned()]).unwrap();
        assert_eq!(
            out,
            "name: shop\nhosts:  # public names\n  - a.example.com\nenv:\n  A: b\n"
        );
        assert_eq!(
            add("name: shop\n", &["a.example.com".to_owned()]).unwrap(),
            "name: shop\nhosts:\n  - a.example.com\n"
        );
        assert!(add("hosts: [a.example.com]\n", &["b.example.com".to_owned()]).is_err());
        // A list at the key's own indentation.
        let out = add(
            "hosts:\n- a.example.com\nname: shop\n",
            &["b.example.com".to_owned()],
        )
        .unwrap();
        assert_eq!(
            out,
            "hosts:\n- a.example.com\n- b.example.com\nname: shop\n"
        );
    }
}
