//! A kubelet for one-off pods: a pod created through the API with `restartPolicy: Never` runs
//! its first container's command as a real local process, with the pod's environment (`env`
//! values, `valueFrom.secretKeyRef`, `envFrom[].secretRef`, resolved from the Secrets in the
//! store as the real kubelet resolves them, missing keys included), in the working directory and
//! with the PATH the test gives (the "image"). Its stdout and stderr become the container's log
//! line by line, its status goes Running, then Terminated with the exit code (phase Succeeded or
//! Failed); deleting the pod kills the process; `activeDeadlineSeconds` is enforced (phase
//! Failed, reason DeadlineExceeded). An image named in [`Kubelet::unpullable`] waits in
//! `ErrImagePull` instead.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use super::Shared;
use super::objects;
use super::resources::{self, ResourceDef};
use super::store::Store;

/// What the "image" is on this machine.
#[derive(Debug, Clone, Default)]
pub struct Kubelet {
    /// The working directory of the processes (the image's WORKDIR).
    pub workdir: PathBuf,
    /// Directories put before the test's PATH (a venv's `bin`).
    pub path: Vec<PathBuf>,
    /// Images that cannot be pulled: their pods wait in `ErrImagePull`.
    pub unpullable: Vec<String>,
}

impl Kubelet {
    /// Processes run in `workdir` with the test's PATH.
    pub fn new(workdir: impl Into<PathBuf>) -> Self {
        Kubelet {
            workdir: workdir.into(),
            ..Kubelet::default()
        }
    }

    /// Puts `dir` before PATH.
    #[must_use]
    pub fn path(mut self, dir: impl Into<PathBuf>) -> Self {
        self.path.push(dir.into());
        self
    }

    /// Pods of `image` cannot pull it.
    #[must_use]
    pub fn unpullable(mut self, image: &str) -> Self {
        self.unpullable.push(image.to_owned());
        self
    }
}

fn pods() -> &'static ResourceDef {
    resources::by_plural("", "v1", "pods").expect("pods")
}

fn secrets() -> &'static ResourceDef {
    resources::by_plural("", "v1", "secrets").expect("secrets")
}

/// Starts the kubelet on the server's runtime: every change is looked at for new pods.
pub(super) fn start(shared: Arc<Shared>, runtime: &tokio::runtime::Handle, kubelet: Kubelet) {
    let kubelet = Arc::new(kubelet);
    let mut changed = shared.changed.subscribe();
    let seen = Arc::new(Mutex::new(HashSet::<String>::new()));
    runtime.spawn(async move {
        loop {
            let new: Vec<Value> = {
                let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
                let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
                store
                    .list(pods(), None)
                    .filter(|p| {
                        p["spec"]["restartPolicy"] == "Never"
                            && p["status"]["phase"].is_null()
                            && seen.insert(p["metadata"]["uid"].as_str().unwrap_or("").to_owned())
                    })
                    .cloned()
                    .collect()
            };
            for pod in new {
                let (shared, kubelet) = (shared.clone(), kubelet.clone());
                std::thread::spawn(move || run_pod(&shared, &kubelet, &pod));
            }
            if changed.changed().await.is_err() {
                return;
            }
        }
    });
}

fn name_ns(pod: &Value) -> (String, String) {
    (
        pod["metadata"]["name"].as_str().unwrap_or("").to_owned(),
        pod["metadata"]["namespace"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
    )
}

/// Changes the pod if it still exists (the same one: same uid).
fn update_pod(shared: &Shared, pod: &Value, change: impl FnOnce(&mut Value)) -> bool {
    let (name, ns) = name_ns(pod);
    let uid = pod["metadata"]["uid"].clone();
    shared.mutate(|s: &mut Store| {
        if s.get(pods(), &ns, &name)
            .is_none_or(|p| p["metadata"]["uid"] != uid)
        {
            return false;
        }
        s.modify(pods(), &ns, &name, change).is_some()
    })
}

fn exists(shared: &Shared, pod: &Value) -> bool {
    let (name, ns) = name_ns(pod);
    let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
    store
        .get(pods(), &ns, &name)
        .is_some_and(|p| p["metadata"]["uid"] == pod["metadata"]["uid"])
}

fn image_id(image: &str) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(image.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let repository = image.split('@').next().unwrap_or(image);
    let repository = match repository.rfind(':') {
        Some(i) if !repository[i..].contains('/') => &repository[..i],
        _ => repository,
    };
    format!("{repository}@sha256:{hex}")
}

fn waiting(shared: &Shared, pod: &Value, container: &Value, reason: &str, message: &str) {
    let (name, image) = (container["name"].clone(), container["image"].clone());
    update_pod(shared, pod, |p| {
        p["status"] = json!({
            "phase": "Pending", "hostIP": "10.0.0.1", "podIP": "10.244.0.99", "qosClass": "BestEffort",
            "startTime": super::store::now_rfc3339(),
            "containerStatuses": [{"name": name, "image": image, "imageID": "", "ready": false, "restartCount": 0, "started": false, "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {}}],
        });
        let container = p["spec"]["containers"][0]["name"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        objects::set_waiting(p, &container, reason, message);
    });
}

fn run_pod(shared: &Arc<Shared>, kubelet: &Kubelet, pod: &Value) {
    let container = pod["spec"]["containers"][0].clone();
    let container_name = container["name"].as_str().unwrap_or("").to_owned();
    let image = container["image"].as_str().unwrap_or("").to_owned();
    let (pod_name, ns) = name_ns(pod);
    update_pod(shared, pod, |p| {
        p["spec"]["nodeName"] = json!("node-1");
    });
    if kubelet.unpullable.contains(&image) {
        let message = format!(
            "failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": not found"
        );
        waiting(shared, pod, &container, "ErrImagePull", &message);
        return;
    }
    let env = match environment(shared, &ns, &container) {
        Ok(env) => env,
        Err(message) => {
            waiting(
                shared,
                pod,
                &container,
                "CreateContainerConfigError",
                &message,
            );
            return;
        }
    };
    let argv: Vec<String> = container["command"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(container["args"].as_array().into_iter().flatten())
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect();
    let Some((program, args)) = argv.split_first() else {
        waiting(
            shared,
            pod,
            &container,
            "CreateContainerError",
            "no command specified",
        );
        return;
    };
    let mut path: Vec<PathBuf> = kubelet.path.clone();
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(&kubelet.workdir)
        .env_clear()
        .env("PATH", std::env::join_paths(path).expect("PATH"))
        .env("HOSTNAME", &pod_name)
        .env("LC_ALL", "C.UTF-8")
        .envs(env)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            // As containerd reports an executable that is not in the image.
            let message = format!("failed to create containerd task: exec: \"{program}\": {e}");
            waiting(shared, pod, &container, "ContainerCreating", "");
            update_pod(shared, pod, |p| {
                objects::set_terminated(p, &container_name, 128);
                let status = &mut p["status"]["containerStatuses"][0]["state"]["terminated"];
                status["reason"] = json!("StartError");
                status["message"] = json!(message);
                p["status"]["phase"] = json!("Failed");
            });
            return;
        }
    };
    let id = image_id(&image);
    update_pod(shared, pod, |p| {
        p["status"] = json!({
            "phase": "Pending", "hostIP": "10.0.0.1", "podIP": "10.244.0.99", "qosClass": "BestEffort",
            "startTime": super::store::now_rfc3339(),
            "containerStatuses": [{"name": container_name, "image": image, "imageID": id, "ready": false, "restartCount": 0, "started": false, "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {}}],
        });
        objects::set_running(p, &container_name, true);
    });
    let readers: Vec<_> = [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ]
    .into_iter()
    .map(|stream| {
        let (shared, ns, pod_name, container_name) = (
            shared.clone(),
            ns.clone(),
            pod_name.clone(),
            container_name.clone(),
        );
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                let text = String::from_utf8_lossy(&line);
                let text = text.strip_suffix('\n').unwrap_or(&text);
                shared.mutate(|s| s.append_log(&ns, &pod_name, &container_name, &[text]));
                line.clear();
            }
        })
    })
    .collect();
    let deadline = pod["spec"]["activeDeadlineSeconds"]
        .as_u64()
        .map(|s| Instant::now() + Duration::from_secs(s));
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if !exists(shared, pod) {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    for reader in readers {
        let _ = reader.join();
    }
    update_pod(shared, pod, |p| match status {
        Some(status) => {
            use std::os::unix::process::ExitStatusExt as _;
            let code = status
                .code()
                .map_or_else(|| 128 + i64::from(status.signal().unwrap_or(9)), i64::from);
            objects::set_terminated(p, &container_name, code);
            p["status"]["phase"] = json!(if code == 0 { "Succeeded" } else { "Failed" });
        }
        None => {
            objects::set_terminated(p, &container_name, 137);
            p["status"]["phase"] = json!("Failed");
            p["status"]["reason"] = json!("DeadlineExceeded");
            p["status"]["message"] = json!(format!(
                "Pod was active on the node longer than the specified deadline"
            ));
        }
    });
}

/// The container's environment as the kubelet builds it: `envFrom` first, then `env`.
fn environment(
    shared: &Shared,
    ns: &str,
    container: &Value,
) -> Result<Vec<(String, String)>, String> {
    let store = shared.store.lock().unwrap_or_else(PoisonError::into_inner);
    let secret_data = |name: &str| -> Option<Vec<(String, String)>> {
        let secret = store.get(secrets(), ns, name)?;
        let mut out: Vec<(String, String)> = secret["data"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(v.as_str().unwrap_or(""))
                    .unwrap_or_default();
                (k.clone(), String::from_utf8_lossy(&bytes).into_owned())
            })
            .collect();
        out.extend(
            secret["stringData"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned())),
        );
        Some(out)
    };
    let mut env: Vec<(String, String)> = Vec::new();
    for from in container["envFrom"].as_array().into_iter().flatten() {
        let Some(name) = from["secretRef"]["name"].as_str() else {
            continue;
        };
        match secret_data(name) {
            Some(data) => env.extend(data),
            None if from["secretRef"]["optional"] == true => {}
            None => return Err(format!("secret \"{name}\" not found")),
        }
    }
    for var in container["env"].as_array().into_iter().flatten() {
        let name = var["name"].as_str().unwrap_or("").to_owned();
        if let Some(value) = var["value"].as_str() {
            env.push((name, value.to_owned()));
        } else if let Some(reference) = var["valueFrom"]["secretKeyRef"].as_object() {
            let secret = reference["name"].as_str().unwrap_or("");
            let key = reference["key"].as_str().unwrap_or("");
            let optional = reference.get("optional") == Some(&json!(true));
            match secret_data(secret).map(|d| d.into_iter().find(|(k, _)| k == key)) {
                Some(Some((_, value))) => env.push((name, value)),
                _ if optional => {}
                Some(None) => {
                    return Err(format!("couldn't find key {key} in Secret {ns}/{secret}"));
                }
                None => return Err(format!("secret \"{secret}\" not found")),
            }
        } else {
            env.push((name, String::new()));
        }
    }
    Ok(env)
}
