//! The object store: JSON objects keyed by resource, namespace and name, a monotonically
//! increasing numeric `resourceVersion`, the watch event log, and the containers' log lines.
//! Everything here is synchronous; the HTTP layer and the scenario driver share it behind a mutex.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::resources::{self, ResourceDef};
use super::status::ApiError;

/// `ADDED`, `MODIFIED` or `DELETED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One change, as watches replay it.
#[derive(Debug, Clone)]
pub struct Event {
    pub rv: u64,
    pub res: &'static ResourceDef,
    pub kind: EventType,
    pub object: Value,
    /// The object before the change, so that selector-filtered watches can turn an update that
    /// leaves the selection into DELETED (as the real watch cache does).
    pub previous: Option<Value>,
}

/// The log of one container: the current instance and the previous (terminated) one.
#[derive(Debug, Clone, Default)]
pub struct ContainerLog {
    pub current: Vec<(Timestamp, String)>,
    pub previous: Vec<(Timestamp, String)>,
    /// The current instance has exited: follow streams end after its last line.
    pub ended: bool,
}

type Key = (String, String, String);

fn key(res: &ResourceDef, ns: &str, name: &str) -> Key {
    (res.qualified(), ns.to_owned(), name.to_owned())
}

/// What the API server keeps.
#[derive(Debug, Default)]
pub struct Store {
    rv: u64,
    objects: BTreeMap<Key, Value>,
    events: Vec<Event>,
    /// Watches that start below this resourceVersion get 410 Gone (compaction).
    oldest: u64,
    uid: u64,
    pub logs: HashMap<(String, String, String), ContainerLog>,
}

/// The parts of an object that are not `metadata` (and not `status` when the resource has a
/// status subresource): a change there bumps `metadata.generation`.
fn spec_part(res: &ResourceDef, obj: &Value) -> Value {
    let mut v = obj.clone();
    if let Some(map) = v.as_object_mut() {
        map.remove("metadata");
        map.remove("kind");
        map.remove("apiVersion");
        if res.has_status() {
            map.remove("status");
        }
    }
    v
}

impl Store {
    /// The newest resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.rv
    }

    /// The oldest resourceVersion a watch may start from.
    pub fn oldest(&self) -> u64 {
        self.oldest
    }

    /// Forgets history: watches from any earlier resourceVersion get 410 Gone.
    pub fn compact(&mut self) {
        self.rv += 1;
        self.oldest = self.rv;
        self.events.clear();
    }

    pub fn events_after(&self, rv: u64) -> impl Iterator<Item = &Event> {
        let start = self.events.partition_point(|e| e.rv <= rv);
        self.events[start..].iter()
    }

    pub fn get(&self, res: &ResourceDef, ns: &str, name: &str) -> Option<&Value> {
        self.objects.get(&key(res, ns, name))
    }

    /// Objects of one resource, in one namespace or all, in (namespace, name) order.
    pub fn list<'a>(
        &'a self,
        res: &'a ResourceDef,
        ns: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Value> + 'a {
        let q = res.qualified();
        self.objects
            .iter()
            .filter(move |((r, n, _), _)| *r == q && ns.is_none_or(|ns| ns == n))
            .map(|(_, v)| v)
    }

    fn commit(
        &mut self,
        res: &'static ResourceDef,
        kind: EventType,
        mut obj: Value,
        previous: Option<Value>,
    ) -> Value {
        self.rv += 1;
        obj["metadata"]["resourceVersion"] = json!(self.rv.to_string());
        let meta = &obj["metadata"];
        let ns = meta["namespace"].as_str().unwrap_or_default().to_owned();
        let name = meta["name"].as_str().unwrap_or_default().to_owned();
        let k = key(res, &ns, &name);
        match kind {
            EventType::Deleted => {
                self.objects.remove(&k);
            }
            _ => {
                self.objects.insert(k, obj.clone());
            }
        }
        self.events.push(Event {
            rv: self.rv,
            res,
            kind,
            object: obj.clone(),
            previous,
        });
        obj
    }

    fn normalise(res: &ResourceDef, ns: &str, obj: &mut Value) {
        obj["apiVersion"] = json!(res.api_version());
        obj["kind"] = json!(res.kind);
        if !obj["metadata"].is_object() {
            obj["metadata"] = json!({});
        }
        if res.namespaced {
            obj["metadata"]["namespace"] = json!(ns);
        } else if let Some(m) = obj["metadata"].as_object_mut() {
            m.remove("namespace");
        }
    }

    /// POST: a new object. `generateName` is honoured.
    pub fn create(
        &mut self,
        res: &'static ResourceDef,
        ns: &str,
        mut obj: Value,
    ) -> Result<Value, ApiError> {
        Self::normalise(res, ns, &mut obj);
        if obj["metadata"]["name"].as_str().is_none_or(str::is_empty) {
            match obj["metadata"]["generateName"].as_str() {
                Some(prefix) => {
                    self.uid += 1;
                    obj["metadata"]["name"] =
                        json!(format!("{prefix}{:05x}", self.uid * 7919 % 0xfffff));
                }
                None => {
                    return Err(ApiError::invalid(
                        res,
                        "",
                        "metadata.name: Required value: name or generateName is required",
                    ));
                }
            }
        }
        let name = obj["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if self.get(res, ns, &name).is_some() {
            return Err(ApiError::already_exists(res, &name));
        }
        self.uid += 1;
        let meta = obj["metadata"].as_object_mut().expect("metadata");
        meta.insert(
            "uid".into(),
            json!(format!("00000000-0000-4000-8000-{:012x}", self.uid)),
        );
        meta.entry("creationTimestamp")
            .or_insert_with(|| json!(now_rfc3339()));
        if res.generation {
            meta.entry("generation").or_insert(json!(1));
        }
        meta.remove("resourceVersion");
        Ok(self.commit(res, EventType::Added, obj, None))
    }

    /// PUT (or a patch's result): replaces an object. A `metadata.resourceVersion` that differs
    /// from the stored one is a 409 Conflict. `status` writes go to the status subresource only.
    pub fn update(
        &mut self,
        res: &'static ResourceDef,
        ns: &str,
        name: &str,
        mut obj: Value,
        subresource: Option<&str>,
    ) -> Result<Value, ApiError> {
        Self::normalise(res, ns, &mut obj);
        let Some(old) = self.get(res, ns, name).cloned() else {
            return Err(ApiError::not_found(res, name));
        };
        if let Some(rv) = obj["metadata"]["resourceVersion"].as_str()
            && !rv.is_empty()
            && Some(rv) != old["metadata"]["resourceVersion"].as_str()
        {
            return Err(ApiError::conflict(res, name));
        }
        if obj["metadata"]["name"].as_str().is_some_and(|n| n != name) {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({}) does not match the name on the URL ({name})",
                obj["metadata"]["name"].as_str().unwrap_or_default()
            )));
        }
        if subresource == Some("status") {
            let mut merged = old.clone();
            merged["status"] = obj.get("status").cloned().unwrap_or(Value::Null);
            obj = merged;
        } else if res.has_status() {
            match old.get("status") {
                Some(s) => obj["status"] = s.clone(),
                None => {
                    if let Some(m) = obj.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
        Ok(self.replace_unchecked(res, &old, obj))
    }

    /// Replaces `old` with `obj` keeping identity, bumping generation on spec changes.
    fn replace_unchecked(
        &mut self,
        res: &'static ResourceDef,
        old: &Value,
        mut obj: Value,
    ) -> Value {
        for field in ["uid", "creationTimestamp"] {
            obj["metadata"][field] = old["metadata"][field].clone();
        }
        if obj["metadata"]["name"].is_null() {
            obj["metadata"]["name"] = old["metadata"]["name"].clone();
        }
        if res.generation {
            let generation = old["metadata"]["generation"].as_i64().unwrap_or(1);
            let bumped = spec_part(res, old) != spec_part(res, &obj);
            obj["metadata"]["generation"] = json!(if bumped { generation + 1 } else { generation });
        }
        self.commit(res, EventType::Modified, obj, Some(old.clone()))
    }

    /// The test-side write: create, or replace whatever is there (status included). An explicit
    /// `metadata.generation` in `obj` is kept, so a test can stage "spec not yet observed".
    pub fn apply(&mut self, mut obj: Value) -> Value {
        let api_version = obj["apiVersion"].as_str().unwrap_or_default().to_owned();
        let kind = obj["kind"].as_str().unwrap_or_default().to_owned();
        let res = resources::by_kind(&api_version, &kind)
            .unwrap_or_else(|| panic!("the emulator does not serve {api_version} {kind}"));
        let ns = if res.namespaced {
            obj["metadata"]["namespace"]
                .as_str()
                .unwrap_or("default")
                .to_owned()
        } else {
            String::new()
        };
        let name = obj["metadata"]["name"]
            .as_str()
            .expect("metadata.name")
            .to_owned();
        Self::normalise(res, &ns, &mut obj);
        match self.get(res, &ns, &name).cloned() {
            None => self.create(res, &ns, obj).expect("create"),
            Some(old) => {
                let explicit = obj["metadata"]["generation"].clone();
                let mut out = self.replace_unchecked(res, &old, obj);
                if !explicit.is_null() {
                    out["metadata"]["generation"] = explicit;
                    let k = key(res, &ns, &name);
                    self.objects.insert(k, out.clone());
                    if let Some(last) = self.events.last_mut() {
                        last.object = out.clone();
                    }
                }
                out
            }
        }
    }

    /// DELETE.
    pub fn delete(
        &mut self,
        res: &'static ResourceDef,
        ns: &str,
        name: &str,
    ) -> Result<Value, ApiError> {
        let Some(old) = self.get(res, ns, name).cloned() else {
            return Err(ApiError::not_found(res, name));
        };
        Ok(self.commit(res, EventType::Deleted, old.clone(), Some(old)))
    }

    /// Appends lines to a container's current log.
    pub fn append_log(&mut self, ns: &str, pod: &str, container: &str, lines: &[&str]) {
        let log = self
            .logs
            .entry((ns.into(), pod.into(), container.into()))
            .or_default();
        for line in lines {
            log.current.push((Timestamp::now(), (*line).to_owned()));
        }
    }

    pub fn log(&self, ns: &str, pod: &str, container: &str) -> ContainerLog {
        self.logs
            .get(&(ns.into(), pod.into(), container.into()))
            .cloned()
            .unwrap_or_default()
    }

    /// A container's log without copying it.
    pub fn log_ref(&self, ns: &str, pod: &str, container: &str) -> Option<&ContainerLog> {
        self.logs.get(&(ns.into(), pod.into(), container.into()))
    }

    pub fn log_mut(&mut self, ns: &str, pod: &str, container: &str) -> &mut ContainerLog {
        self.logs
            .entry((ns.into(), pod.into(), container.into()))
            .or_default()
    }
}

/// Now, as the API server writes timestamps (RFC 3339, whole seconds, UTC).
pub fn now_rfc3339() -> String {
    rfc3339(Timestamp::now())
}

/// A timestamp as the API server writes it in objects (whole seconds).
pub fn rfc3339(t: Timestamp) -> String {
    let secs = t.as_second();
    Timestamp::from_second(secs).expect("timestamp").to_string()
}

/// An object's `metadata` as a map (for PartialObjectMetadata).
pub fn metadata(obj: &Value) -> Map<String, Value> {
    obj["metadata"].as_object().cloned().unwrap_or_default()
}

impl Store {
    /// Changes a stored object in place with the server's rules (a new resourceVersion, a
    /// MODIFIED event, generation bumped only if the spec part changed). `None` if it is absent.
    pub fn modify(
        &mut self,
        res: &'static ResourceDef,
        ns: &str,
        name: &str,
        change: impl FnOnce(&mut Value),
    ) -> Option<Value> {
        let old = self.get(res, ns, name)?.clone();
        let mut obj = old.clone();
        change(&mut obj);
        Some(self.replace_unchecked(res, &old, obj))
    }
}
