//! `sealed-secrets.yaml`: the one SealedSecret `<app>-env`, written as `kubeseal -o yaml` writes
//! it (a `---` line, keys sorted in go-yaml v2's natural order, two-space indent), and changed as
//! `kubeseal --merge-into` changes it: keys are added or replaced, every other field is kept, and
//! the name, namespace and scope come from the file.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::hybrid::Scope;

/// The file's name in the app's folder of the deploy repository.
pub const FILE_NAME: &str = "sealed-secrets.yaml";

const API_VERSION: &str = "bitnami.com/v1alpha1";
const KIND: &str = "SealedSecret";
const CLUSTER_WIDE: &str = "sealedsecrets.bitnami.com/cluster-wide";
const NAMESPACE_WIDE: &str = "sealedsecrets.bitnami.com/namespace-wide";

/// An existing `sealed-secrets.yaml` that cannot be used; it is left as it is.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{}: {problem}", path.display())]
pub struct ManifestError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: String,
}

/// The SealedSecret, as a document tree so that fields this tool does not know survive.
#[derive(Debug, Clone, PartialEq)]
pub struct SealedSecret {
    doc: Map<String, Value>,
}

impl SealedSecret {
    /// A new, empty SealedSecret as kubeseal builds it from a Secret of type Opaque.
    #[must_use]
    pub fn new(name: &str, namespace: &str, scope: Scope) -> Self {
        let mut meta = Map::new();
        meta.insert("name".into(), name.into());
        meta.insert("namespace".into(), namespace.into());
        if let Some(annotation) = scope_annotation(scope) {
            let mut annotations = Map::new();
            annotations.insert(annotation.into(), "true".into());
            meta.insert("annotations".into(), Value::Object(annotations));
        }
        let mut template = Map::new();
        template.insert("metadata".into(), Value::Object(meta.clone()));
        template.insert("type".into(), "Opaque".into());
        let mut spec = Map::new();
        spec.insert("template".into(), Value::Object(template));
        spec.insert("encryptedData".into(), Value::Object(Map::new()));
        let mut doc = Map::new();
        doc.insert("apiVersion".into(), API_VERSION.into());
        doc.insert("kind".into(), KIND.into());
        doc.insert("metadata".into(), Value::Object(meta));
        doc.insert("spec".into(), Value::Object(spec));
        SealedSecret { doc }
    }

    /// Reads a SealedSecret written by this tool, by kubeseal (YAML or JSON) or by hand.
    ///
    /// # Errors
    /// When the text is not YAML, not exactly one SealedSecret, or a field this tool relies on
    /// has the wrong type; the error names the file and the field.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ManifestError> {
        let bad = |problem: String| ManifestError {
            path: path.to_owned(),
            problem,
        };
        let value: Value = serde_saphyr::from_str(text).map_err(|e| {
            let message = e.to_string();
            bad(message
                .strip_prefix("error: ")
                .unwrap_or(&message)
                .to_owned())
        })?;
        let Value::Object(doc) = value else {
            return Err(bad("expected one SealedSecret object".to_owned()));
        };
        let field = |name: &str| doc.get(name).and_then(Value::as_str);
        if field("apiVersion") != Some(API_VERSION) || field("kind") != Some(KIND) {
            return Err(bad(format!(
                "expected apiVersion {API_VERSION} and kind {KIND}, found {} {}",
                field("apiVersion").unwrap_or("(none)"),
                field("kind").unwrap_or("(none)")
            )));
        }
        let secret = SealedSecret { doc };
        let meta = secret
            .doc
            .get("metadata")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("metadata is missing or not a mapping".to_owned()))?;
        if meta.get("name").and_then(Value::as_str).is_none() {
            return Err(bad("metadata.name is missing".to_owned()));
        }
        if let Some(annotations) = meta.get("annotations") {
            let strings = annotations
                .as_object()
                .is_some_and(|a| a.values().all(Value::is_string));
            if !strings && !annotations.is_null() {
                return Err(bad(
                    "metadata.annotations must map names to strings (quote \"true\")".to_owned(),
                ));
            }
        }
        let spec = secret
            .doc
            .get("spec")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("spec is missing or not a mapping".to_owned()))?;
        match spec.get("encryptedData") {
            None | Some(Value::Null) => {}
            Some(Value::Object(data)) => {
                if let Some((key, _)) = data.iter().find(|(_, v)| !v.is_string()) {
                    return Err(bad(format!(
                        "spec.encryptedData.{key} must be a base64 string"
                    )));
                }
            }
            Some(_) => return Err(bad("spec.encryptedData must be a mapping".to_owned())),
        }
        if spec.get("template").is_some_and(|t| !t.is_object()) {
            return Err(bad("spec.template must be a mapping".to_owned()));
        }
        Ok(secret)
    }

    fn meta(&self) -> Option<&Map<String, Value>> {
        self.doc.get("metadata").and_then(Value::as_object)
    }

    /// `metadata.name`.
    #[must_use]
    pub fn name(&self) -> &str {
        self.meta()
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// `metadata.namespace` (absent only for cluster-wide secrets written elsewhere).
    #[must_use]
    pub fn namespace(&self) -> Option<&str> {
        self.meta()
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
    }

    /// The scope the controller derives from the top-level annotations (exactly `"true"`;
    /// cluster-wide wins over namespace-wide).
    #[must_use]
    pub fn scope(&self) -> Scope {
        let annotation = |name: &str| {
            self.meta()
                .and_then(|m| m.get("annotations"))
                .and_then(|a| a.get(name))
                .and_then(Value::as_str)
                == Some("true")
        };
        if annotation(CLUSTER_WIDE) {
            Scope::ClusterWide
        } else if annotation(NAMESPACE_WIDE) {
            Scope::NamespaceWide
        } else {
            Scope::Strict
        }
    }

    /// The OAEP label values of this SealedSecret are sealed under.
    #[must_use]
    pub fn label(&self) -> String {
        self.scope()
            .label(self.namespace().unwrap_or_default(), self.name())
    }

    fn encrypted_data(&self) -> Option<&Map<String, Value>> {
        self.doc
            .get("spec")
            .and_then(|s| s.get("encryptedData"))
            .and_then(Value::as_object)
    }

    fn encrypted_data_mut(&mut self) -> &mut Map<String, Value> {
        let spec = self
            .doc
            .entry("spec")
            .or_insert_with(|| Value::Object(Map::new()));
        if !spec.is_object() {
            *spec = Value::Object(Map::new());
        }
        let data = spec
            .as_object_mut()
            .map(|s| s.entry("encryptedData").or_insert(Value::Null));
        match data {
            Some(data) => {
                if !data.is_object() {
                    *data = Value::Object(Map::new());
                }
                data.as_object_mut().expect("just made an object")
            }
            None => unreachable!("spec is an object"),
        }
    }

    /// The keys, in the file's (sorted) order.
    #[must_use]
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .encrypted_data()
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort_by(|a, b| natural_order(a, b));
        keys
    }

    /// The sealed value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.encrypted_data()?.get(key)?.as_str()
    }

    /// Adds or replaces one sealed value.
    pub fn insert(&mut self, key: &str, sealed: String) {
        self.encrypted_data_mut()
            .insert(key.to_owned(), Value::String(sealed));
    }

    /// Removes a key; false when it was not there.
    pub fn remove(&mut self, key: &str) -> bool {
        self.encrypted_data_mut().remove(key).is_some()
    }

    /// Replaces every sealed value with those of `other` (the controller's re-encryption).
    pub fn replace_all(&mut self, data: Map<String, Value>) {
        *self.encrypted_data_mut() = data;
    }

    /// The whole object as JSON, as the controller's `/v1/rotate` expects it.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.doc).expect("a JSON tree serialises")
    }

    /// The file's text, as `kubeseal -o yaml` writes it.
    #[must_use]
    pub fn render(&self) -> String {
        let mut out = String::from("---\n");
        emit_mapping(&mut out, &self.doc, 0, None);
        out
    }
}

fn scope_annotation(scope: Scope) -> Option<&'static str> {
    match scope {
        Scope::Strict => None,
        Scope::NamespaceWide => Some(NAMESPACE_WIDE),
        Scope::ClusterWide => Some(CLUSTER_WIDE),
    }
}

/// go-yaml v2's map key order (`keyList.Less`): at the first differing character two letters
/// compare by code point, a letter sorts after a non-letter (before it right after a digit),
/// and runs of digits compare by numeric value.
#[must_use]
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut after_digit = false;
    for i in 0..a.len().min(b.len()) {
        if a[i] == b[i] {
            after_digit = a[i].is_numeric();
            continue;
        }
        let (a_letter, b_letter) = (a[i].is_alphabetic(), b[i].is_alphabetic());
        if a_letter && b_letter {
            return a[i].cmp(&b[i]);
        }
        if a_letter || b_letter {
            let a_first = if after_digit { a_letter } else { b_letter };
            return if a_first {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        // Neither is a letter: compare the digit runs that start here. Zeros that continue a
        // non-zero number count (a run of "0" after "1" is the number 10, not 0).
        let continues_number = (a[i] == '0' || b[i] == '0')
            && a[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .any(|c| *c != '0');
        let run = |s: &[char]| {
            let mut n: i64 = i64::from(continues_number);
            let mut end = i;
            while end < s.len() && s[end].is_ascii_digit() {
                n = n
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(s[end] as u8 - b'0'));
                end += 1;
            }
            (n, end)
        };
        let ((an, ae), (bn, be)) = (run(&a), run(&b));
        return an.cmp(&bn).then(ae.cmp(&be)).then(a[i].cmp(&b[i]));
    }
    a.len().cmp(&b.len())
}

fn emit_mapping(out: &mut String, map: &Map<String, Value>, indent: usize, first: Option<&str>) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by(|a, b| natural_order(a, b));
    for (i, key) in keys.into_iter().enumerate() {
        match (i, first) {
            (0, Some(prefix)) => out.push_str(prefix),
            _ => out.push_str(&" ".repeat(indent)),
        }
        out.push_str(&scalar(key));
        out.push(':');
        emit_value(out, &map[key], indent);
    }
}

/// Writes a value after `key:` (a space and a scalar, or a nested block on the next lines).
fn emit_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            emit_mapping(out, map, indent + 2, None);
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            emit_sequence(out, items, indent);
        }
        Value::Array(_) => out.push_str(" []\n"),
        scalar_value => {
            out.push(' ');
            out.push_str(&scalar_text(scalar_value));
            out.push('\n');
        }
    }
}

/// Sequences are not indented relative to their key, as go-yaml v2 writes them.
fn emit_sequence(out: &mut String, items: &[Value], indent: usize) {
    let dash = format!("{}- ", " ".repeat(indent));
    for item in items {
        match item {
            Value::Object(map) if !map.is_empty() => {
                emit_mapping(out, map, indent + 2, Some(&dash))
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push_str(&dash);
                out.push('\n');
                emit_sequence(out, inner, indent + 2);
            }
            other => {
                out.push_str(dash.trim_end());
                emit_value(out, other, indent);
            }
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => scalar(s),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

/// A string as go-yaml writes it: plain when it reads back as the same string, else
/// double-quoted. Only simple characters are written plain, so odd strings are quoted where
/// go-yaml might have chosen another style; they read back the same either way.
fn scalar(s: &str) -> String {
    let simple = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/+=-@:".contains(c))
        && !s.starts_with(['-', '.', ':', '@', '/', '+', '='])
        && !s.ends_with(':')
        && !s.contains("::");
    if simple && !resolves_to_non_string(s) {
        s.to_owned()
    } else {
        serde_json::to_string(s).expect("a string serialises")
    }
}

/// True when go-yaml v2 would read the plain scalar `s` as a bool, null, number or timestamp.
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-' || c == '.') {
        return false;
    }
    let plain = s.replace('_', "");
    let digits = plain.trim_start_matches(['+', '-']);
    let radix_int = |prefix: &str, radix: u32| {
        digits
            .strip_prefix(prefix)
            .is_some_and(|d| !d.is_empty() && u64::from_str_radix(d, radix).is_ok())
    };
    let is_int = (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        || radix_int("0x", 16)
        || radix_int("0o", 8)
        || radix_int("0b", 2);
    let is_float = {
        let body = digits;
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let mantissa_ok = match mantissa.split_once('.') {
            Some((int, frac)) => {
                int.chars().all(|c| c.is_ascii_digit())
                    && frac.chars().all(|c| c.is_ascii_digit())
                    && (!int.is_empty() || !frac.is_empty())
                    && !(int.is_empty() && frac.is_empty())
            }
            None => !mantissa.is_empty() && mantissa.chars().all(|c| c.is_ascii_digit()),
        };
        let exponent_ok = exponent.is_none_or(|e| {
            let e = e.trim_start_matches(['+', '-']);
            !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
        });
        mantissa_ok && exponent_ok
    };
    is_int
        || is_float
        || is_timestamp(s)
        || [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(&digits)
}

/// `YYYY-M-D`, optionally followed by a time: go-yaml resolves these to timestamps.
fn is_timestamp(s: &str) -> bool {
    let date = s.split(['T', 't', ' ']).next().unwrap_or_default();
    let parts: Vec<&str> = date.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| (1..=2).contains(&p.len()))
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_manifest_matches_kubeseal_yaml() {
        let mut secret = SealedSecret::new("shop-env", "shop", Scope::Strict);
        secret.insert("foo", "AgBxyz+/==".into());
        assert_eq!(
            secret.render(),
            "---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: shop-env
  namespace: shop
spec:
  encryptedData:
    foo: AgBxyz+/==
  template:
    metadata:
      name: shop-env
      namespace: shop
    type: Opaque
"
        );
        let secret = SealedSecret::new("shop-env", "shop", Scope::NamespaceWide);
        assert_eq!(
            secret.render(),
            "---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  annotations:
    sealedsecrets.bitnami.com/namespace-wide: \"true\"
  name: shop-env
  namespace: shop
spec:
  encryptedData: {}
  template:
    metadata:
      annotations:
        sealedsecrets.bitnami.com/namespace-wide: \"true\"
      name: shop-env
      namespace: shop
    type: Opaque
"
        );
    }

    #[test]
    fn keys_sort_like_go_yaml() {
        let mut keys = vec![
            "a10",
            "a2",
            "a_b",
            "aB",
            "Z",
            ".dockerconfigjson",
            "key.9",
            "key.10",
        ];
        keys.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            keys,
            [
                ".dockerconfigjson",
                "Z",
                "a_b",
                "a2",
                "a10",
                "aB",
                "key.9",
                "key.10"
            ]
        );
        let mut env = vec![
            "SECRET_KEY",
            "API_TOKEN_10",
            "API_TOKEN_9",
            "DEBUG",
            "_X",
            "a",
        ];
        env.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            env,
            [
                "_X",
                "API_TOKEN_9",
                "API_TOKEN_10",
                "DEBUG",
                "SECRET_KEY",
                "a"
            ]
        );
    }

    #[test]
    fn scalars_quote_what_would_change_type() {
        let cases = [
            ("shop", "shop"),
            ("true", "\"true\""),
            ("yes", "\"yes\""),
            ("ON", "\"ON\""),
            ("123", "\"123\""),
            ("0x1f", "\"0x1f\""),
            ("1e3", "\"1e3\""),
            ("2024-01-15", "\"2024-01-15\""),
            ("1-2-3", "1-2-3"),
            ("a b", "\"a b\""),
            ("", "\"\""),
            ("AgB+/==", "AgB+/=="),
            ("Opaque", "Opaque"),
        ];
        for (input, expected) in cases {
            assert_eq!(scalar(input), expected, "{input}");
        }
    }

    #[test]
    fn merge_keeps_unknown_fields_and_scope_from_the_file() {
        let path = Path::new("sealed-secrets.yaml");
        let text = r#"{
  "kind": "SealedSecret",
  "apiVersion": "bitnami.com/v1alpha1",
  "metadata": {"name": "shop-env", "namespace": "shop",
    "annotations": {"sealedsecrets.bitnami.com/cluster-wide": "true"}},
  "spec": {"template": {"metadata": {"name": "shop-env", "namespace": "shop",
      "labels": {"team": "web"}}, "type": "Opaque", "immutable": false},
    "encryptedData": {"B": "AgBb", "A": "AgAa"}}
}"#;
        let mut secret = SealedSecret::parse(path, text).unwrap();
        assert_eq!(secret.scope(), Scope::ClusterWide);
        assert_eq!(secret.label(), "");
        assert_eq!(secret.keys(), ["A", "B"]);
        secret.insert("C", "AgCc".into());
        assert!(secret.remove("A"));
        assert!(!secret.remove("A"));
        let rendered = secret.render();
        assert!(
            rendered.contains("      labels:\n        team: web\n"),
            "{rendered}"
        );
        assert!(rendered.contains("    immutable: false\n"), "{rendered}");
        let again = SealedSecret::parse(path, &rendered).unwrap();
        assert_eq!(again, secret);
        assert_eq!(again.render(), rendered);
    }

    #[test]
    fn refuses_what_is_not_one_sealed_secret() {
        let path = Path::new("s.yaml");
        let cases = [
            ("key: [unclosed\n", ""),
            ("- a\n- b\n", "expected one SealedSecret object"),
            (
                "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n",
                "found v1 Secret",
            ),
            (
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n",
                "metadata is missing",
            ),
            (
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: x}\nspec: {encryptedData: [a]}\n",
                "spec.encryptedData must be a mapping",
            ),
            (
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: x}\nspec: {encryptedData: {A: 1}}\n",
                "spec.encryptedData.A must be a base64 string",
            ),
        ];
        for (text, needle) in cases {
            let err = SealedSecret::parse(path, text).unwrap_err();
            assert!(err.to_string().contains(needle), "{text:?}: {err}");
        }
    }
}
