//! A kubelet for one-off pods: a pod created through the API with `restartPolicy: Never` runs
//! its first container's command as a real local process, with the pod's environment (`env`
//! values, `valueFrom.secretKeyRef`, `envFrom[].secretRef`, resolved from the Secrets in the
//! store as the real kubelet resolves them, missing keys included), in the working directory and
//! with the PATH the test gives (the "image"). Its stdout and stderr go byte for byte to an
//! attached client (binary output too, held back rather than dropped when the client is slow)
//! and become the container's log line by line, its status goes Running, then Terminated with the exit code (phase Succeeded or
//! Failed); deleting the pod kills the process; `activeDeadlineSeconds` is enforced (phase
//! Failed, reason DeadlineExceeded). An image named in [`Kubelet::unpullable`] waits in
//! `ErrImagePull` instead.

use std::collections::HashSet;
use std::io::Read;
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
    /// The scheduler's answer for every pod: none fits (`PodScheduled` False, `Unschedulable`).
    pub unschedulable: Option<String>,
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

    /// No pod can be scheduled, for this reason (`0/3 nodes are available: ...`).
    #[must_use]
    pub fn unschedulable(mut self, message: &str) -> Self {
        self.unschedulable = Some(message.to_owned());
        self
    }

    /// Pods of `image` cannot pull it.
    #[must_use]
    pub fn unpullable(mut self, image: &str) -> Self {
        self.unpullable.push(image.to_owned());
        self
    }
}

/// An output chunk and its channel (1 stdout, 2 stderr).
pub type Chunk = (u8, bytes::Bytes);

/// How many chunks an attached client may be behind before the process's writes block, as a
/// pipe blocks its writer: binary output (a database dump) arrives whole, however slowly the
/// client reads it, and the process is held back rather than its output dropped.
const ATTACH_QUEUE: usize = 64;

/// A container's log is rotated (the current file moved away, so `kubectl logs` starts over)
/// once it holds this much, the kubelet's default `containerLogMaxSize`: a process writing
/// hundreds of megabytes of dump to stdout does not keep them all in the emulator's memory.
const LOG_MAX_BYTES: usize = 10 << 20;

/// A running container's terminal streams, for `pods/attach` (and the process of a
/// `pods/exec`): its stdin, its output as bytes (channel 1 stdout, 2 stderr), and its exit.
/// Output written before the first attach is kept for it, so that a prompt printed before the
/// client attached is not lost; afterwards the attached client gets every byte, in order.
pub struct Session {
    pub stdin: Mutex<Option<std::process::ChildStdin>>,
    output: Mutex<Output>,
    /// The exit code, once the process has ended.
    pub exit: tokio::sync::watch::Sender<Option<i64>>,
    /// Every window size a client sent (columns, rows).
    pub resizes: Mutex<Vec<(u16, u16)>>,
    /// The command, for the error channel's message.
    pub argv: Vec<String>,
    /// On a terminal: the pid of `script`, whose child holds the terminal to resize.
    pub tty_pid: Option<u32>,
    /// When the process was started.
    pub started: Instant,
}

impl Session {
    pub(super) fn new(
        stdin: Option<std::process::ChildStdin>,
        argv: Vec<String>,
        tty_pid: Option<u32>,
    ) -> Arc<Self> {
        Arc::new(Session {
            stdin: Mutex::new(stdin),
            output: Mutex::new(Output {
                backlog: Some(Vec::new()),
                client: None,
            }),
            exit: tokio::sync::watch::channel(None).0,
            resizes: Mutex::new(Vec::new()),
            argv,
            tty_pid,
            started: Instant::now(),
        })
    }

    /// A client's window size: recorded, and applied to the process's terminal (`stty -F`, which
    /// sends it SIGWINCH), as the kubelet applies it to the container's.
    pub fn resize(&self, columns: u16, rows: u16) {
        self.apply_size(columns, rows);
        // Recorded once applied: a test that saw it may rely on the terminal having it.
        self.resizes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((columns, rows));
    }

    fn apply_size(&self, columns: u16, rows: u16) {
        let Some(pid) = self.tty_pid else {
            return;
        };
        // A client sends its size as soon as it is attached; on a loaded machine `script` may
        // not have started its child yet, and a size dropped then is one the test relies on.
        let deadline = Instant::now() + std::time::Duration::from_secs(2);
        let terminal = loop {
            let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                .unwrap_or_default();
            let found = children
                .split_whitespace()
                .next()
                .and_then(|child| std::fs::read_link(format!("/proc/{child}/fd/0")).ok())
                .filter(|t| t.starts_with("/dev/pts"));
            match found {
                Some(terminal) => break terminal,
                None if Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                None => return,
            }
        };
        let _ = Command::new("stty")
            .arg("-F")
            .arg(&terminal)
            .args(["cols", &columns.to_string(), "rows", &rows.to_string()])
            .status();
    }

    /// Called from the output threads: blocks while the attached client is [`ATTACH_QUEUE`]
    /// chunks behind; output nobody is attached to is dropped, as the kubelet drops it.
    fn emit(&self, channel: u8, chunk: bytes::Bytes) {
        let client = {
            let mut output = self.output.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(kept) = output.backlog.as_mut() {
                kept.push((channel, chunk));
                return;
            }
            output.client.clone()
        };
        if let Some(client) = client
            && client.blocking_send((channel, chunk)).is_err()
        {
            let mut output = self.output.lock().unwrap_or_else(PoisonError::into_inner);
            if output
                .client
                .as_ref()
                .is_some_and(|c| c.same_channel(&client))
            {
                output.client = None;
            }
        }
    }

    /// What was written before (only for the first caller) and everything from now on; a
    /// later attach takes the stream over.
    pub fn subscribe(&self) -> (Vec<Chunk>, tokio::sync::mpsc::Receiver<Chunk>) {
        let mut output = self.output.lock().unwrap_or_else(PoisonError::into_inner);
        let (tx, rx) = tokio::sync::mpsc::channel(ATTACH_QUEUE);
        output.client = Some(tx);
        (output.backlog.take().unwrap_or_default(), rx)
    }
}

/// Where a session's output goes: kept until the first attach, then to the attached client.
struct Output {
    backlog: Option<Vec<Chunk>>,
    client: Option<tokio::sync::mpsc::Sender<Chunk>>,
}

/// The attachable processes of pods, by namespace and name.
pub type Sessions = Mutex<std::collections::HashMap<(String, String), Arc<Session>>>;

fn pods() -> &'static ResourceDef {
    resources::by_plural("", "v1", "pods").expect("pods")
}

fn secrets() -> &'static ResourceDef {
    resources::by_plural("", "v1", "secrets").expect("secrets")
}

/// Starts the kubelet on the server's runtime: every change is looked at for new pods.
pub(super) fn start(shared: Arc<Shared>, runtime: &tokio::runtime::Handle, kubelet: Kubelet) {
    let kubelet = Arc::new(kubelet);
    *shared
        .kubelet
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(kubelet.clone());
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
    if let Some(message) = &kubelet.unschedulable {
        update_pod(shared, pod, |p| {
            p["status"] = json!({"phase": "Pending", "qosClass": "BestEffort", "conditions": [{
                "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                "message": message, "lastProbeTime": null,
                "lastTransitionTime": super::store::now_rfc3339(),
            }]});
        });
        return;
    }
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
    let Some(program) = argv.first() else {
        waiting(
            shared,
            pod,
            &container,
            "CreateContainerError",
            "no command specified",
        );
        return;
    };
    let tty = container["tty"] == true;
    let stdin = container["stdin"] == true;
    let mut command = process(kubelet, &argv, tty, &pod_name, env);
    command.stdin(if stdin { Stdio::piped() } else { Stdio::null() });
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
    let session = Session::new(child.stdin.take(), argv.clone(), tty.then(|| child.id()));
    shared
        .sessions
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert((ns.clone(), pod_name.clone()), session.clone());
    let id = image_id(&image);
    update_pod(shared, pod, |p| {
        p["status"] = json!({
            "phase": "Pending", "hostIP": "10.0.0.1", "podIP": "10.244.0.99", "qosClass": "BestEffort",
            "startTime": super::store::now_rfc3339(),
            "containerStatuses": [{"name": container_name, "image": image, "imageID": id, "ready": false, "restartCount": 0, "started": false, "state": {"waiting": {"reason": "ContainerCreating"}}, "lastState": {}}],
        });
        objects::set_running(p, &container_name, true);
    });
    let readers = pump_output(
        &mut child,
        &session,
        Some((
            shared.clone(),
            ns.clone(),
            pod_name.clone(),
            container_name.clone(),
        )),
    );
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
    let code = status.map_or(137, |status| {
        use std::os::unix::process::ExitStatusExt as _;
        status
            .code()
            .map_or_else(|| 128 + i64::from(status.signal().unwrap_or(9)), i64::from)
    });
    session.exit.send_replace(Some(code));
    update_pod(shared, pod, |p| match status {
        Some(_) => {
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

/// The process of `argv` as the "image" runs it: in the kubelet's working directory, with its
/// PATH and the container's environment only; on a terminal (`script` gives it one) for `tty`.
pub(super) fn process(
    kubelet: &Kubelet,
    argv: &[String],
    tty: bool,
    hostname: &str,
    env: Vec<(String, String)>,
) -> Command {
    let mut path: Vec<PathBuf> = kubelet.path.clone();
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let mut command = if tty {
        let quoted: Vec<String> = argv
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let mut c = Command::new("script");
        c.args(["-qefc", &quoted.join(" "), "/dev/null"]);
        c
    } else {
        let mut c = Command::new(&argv[0]);
        c.args(&argv[1..]);
        c
    };
    command
        .current_dir(&kubelet.workdir)
        .env_clear()
        .env("PATH", std::env::join_paths(path).expect("PATH"))
        .env("HOSTNAME", hostname)
        .env("LC_ALL", "C.UTF-8")
        .env("TERM", "xterm")
        .envs(env)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Threads that copy the child's stdout and stderr to the session as they come, byte for byte,
/// and (for a pod's container) line by line into its log, one store change per read, rotated
/// at [`LOG_MAX_BYTES`].
pub(super) fn pump_output(
    child: &mut std::process::Child,
    session: &Arc<Session>,
    log: Option<(Arc<Shared>, String, String, String)>,
) -> Vec<std::thread::JoinHandle<()>> {
    [
        (
            1u8,
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
        ),
        (2u8, Box::new(child.stderr.take().expect("stderr"))),
    ]
    .into_iter()
    .map(|(channel, mut stream)| {
        let (session, log) = (session.clone(), log.clone());
        std::thread::spawn(move || {
            let mut buffer = vec![0u8; 64 * 1024];
            let mut line = Vec::new();
            let mut logged = 0usize;
            let mut append = |lines: &[Vec<u8>]| {
                let Some((shared, ns, pod, container)) = &log else {
                    return;
                };
                if lines.is_empty() {
                    return;
                }
                let texts: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        let text = String::from_utf8_lossy(l);
                        let text = text.strip_suffix('\n').unwrap_or(&text);
                        text.strip_suffix('\r').unwrap_or(text).to_owned()
                    })
                    .collect();
                logged += lines.iter().map(Vec::len).sum::<usize>();
                let rotate = logged > LOG_MAX_BYTES;
                if rotate {
                    logged = 0;
                }
                shared.mutate(|s| {
                    if rotate {
                        s.log_mut(ns, pod, container).current.clear();
                    }
                    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                    s.append_log(ns, pod, container, &texts);
                });
            };
            while let Ok(n) = stream.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                session.emit(channel, bytes::Bytes::copy_from_slice(&buffer[..n]));
                let mut complete = Vec::new();
                for &b in &buffer[..n] {
                    line.push(b);
                    if b == b'\n' {
                        complete.push(std::mem::take(&mut line));
                    }
                }
                append(&complete);
            }
            if !line.is_empty() {
                append(&[line]);
            }
        })
    })
    .collect()
}

/// The container's environment as the kubelet builds it: `envFrom` first, then `env`.
pub(super) fn environment(
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
