//! Real kubectl's `exec`, `attach` and `run -i --rm --restart=Never` against the emulator's
//! `pods/exec` and `pods/attach` (WebSocket, `v5.channel.k8s.io`) and its kubelet, and the
//! `v4.channel.k8s.io` fallback spoken by a raw WebSocket client: stdin, stdout, stderr, the exit
//! status on the error channel.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::apiserver::{ApiServer, Kubelet};
use crate::support::{Outcome, TestEnv, tools};

fn world() -> (TestEnv, ApiServer) {
    let env = TestEnv::new();
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.kubelet(Kubelet::new(env.work()));
    (env, cluster)
}

/// kubectl to its end with `stdin`, killed after 20 seconds.
fn kubectl(env: &TestEnv, args: &[&str], stdin: &[u8]) -> Outcome {
    let cache = env.root().join("kube-cache");
    let mut all = vec![
        "--cache-dir",
        cache.to_str().unwrap(),
        "--request-timeout=10s",
    ];
    all.extend_from_slice(args);
    let mut all_timeout = vec!["20", tools::require("kubectl").to_str().unwrap()]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    all_timeout.extend(all.iter().map(|s| (*s).to_owned()));
    let refs: Vec<&str> = all_timeout.iter().map(String::as_str).collect();
    Outcome::of(env.program(tools::require("timeout"), &refs), Some(stdin))
}

/// A one-off pod running `command` (with stdin open), as `run` makes them; returns once it runs.
fn pod(cluster: &ApiServer, name: &str, command: &[&str]) {
    cluster.apply(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {"restartPolicy": "Never", "containers": [{
            "name": "run", "image": "registry.example.com/shop:1", "command": command,
            "stdin": true, "stdinOnce": true,
            "env": [{"name": "GREETING", "value": "hello"}],
        }]},
    }));
    wait_phase(cluster, name, "Running");
}

fn wait_phase(cluster: &ApiServer, name: &str, phase: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(p) = cluster.get("v1", "Pod", "shop", name)
            && p["status"]["phase"] == phase
        {
            return p;
        }
        assert!(Instant::now() < deadline, "{name} never became {phase}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn kubectl_exec_streams_and_exits_with_the_commands_code() {
    let (env, cluster) = world();
    pod(&cluster, "shop-run-a", &["sleep", "30"]);
    kubectl(
        &env,
        &[
            "exec",
            "shop-run-a",
            "--",
            "sh",
            "-c",
            "echo \"$GREETING out\"; echo err >&2; exit 3",
        ],
        b"",
    )
    .code(3)
    .stdout_is("hello out\n")
    .stderr_has("err\n")
    .stderr_has("command terminated with exit code 3");
    kubectl(
        &env,
        &["exec", "-i", "shop-run-a", "--", "cat"],
        b"typed\nlines\n",
    )
    .success()
    .stdout_is("typed\nlines\n");
    let requests = cluster.requests();
    let exec = requests
        .iter()
        .find(|r| r.path.ends_with("/pods/shop-run-a/exec"))
        .expect("an exec request");
    assert_eq!(exec.method, "GET", "kubectl speaks WebSocket");
}

#[test]
fn kubectl_attach_reaches_the_running_command() {
    let (env, cluster) = world();
    pod(
        &cluster,
        "shop-run-b",
        &["sh", "-c", "read line; echo \"got $line\"; exit 4"],
    );
    kubectl(&env, &["attach", "-i", "shop-run-b"], b"hi\n")
        .code(4)
        .stdout_has("got hi\n");
    let pod = wait_phase(&cluster, "shop-run-b", "Failed");
    assert_eq!(
        pod["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"],
        4
    );
}

#[test]
fn kubectl_run_interactive_and_removed() {
    let (env, cluster) = world();
    let out = kubectl(
        &env,
        &[
            "run",
            "probe",
            "-i",
            "--rm",
            "--restart=Never",
            "--image=registry.example.com/shop:1",
            "--",
            "sh",
            "-c",
            "read l; echo \"got $l\"; exit 5",
        ],
        b"x\n",
    );
    out.code(5)
        .stdout_has("got x\n")
        .stderr_has("pod shop/probe terminated (Error)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while cluster.get("v1", "Pod", "shop", "probe").is_some() {
        assert!(Instant::now() < deadline, "kubectl run --rm left the pod");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// kubectl speaks v5 only; v4 (older kubectl, client-go's fallback) through a raw client.
#[test]
fn the_v4_protocol_is_served_too() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};
    let (_env, cluster) = world();
    pod(&cluster, "shop-run-c", &["sleep", "30"]);
    let url = format!(
        "{}/api/v1/namespaces/shop/pods/shop-run-c/exec?command=sh&command=-c&command=read+l%3B+echo+%22v4+%24l%22%3B+exit+6&stdin=true&stdout=true&stderr=true",
        cluster.url().replace("https://", "wss://")
    );
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "v4.channel.k8s.io".parse().unwrap(),
    );
    request.headers_mut().insert(
        "Authorization",
        format!("Bearer {}", cluster.token()).parse().unwrap(),
    );
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    for cert in rustls_pki_certs(cluster.ca_pem()) {
        roots.add(cert).unwrap();
    }
    let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (stdout, status, protocol) = runtime.block_on(async {
        let tcp = tokio::net::TcpStream::connect(cluster.address())
            .await
            .unwrap();
        let tls = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
            .connect("127.0.0.1".try_into().unwrap(), tcp)
            .await
            .unwrap();
        let (mut ws, response) = tokio_tungstenite::client_async(request, tls).await.unwrap();
        let protocol = response.headers()["Sec-WebSocket-Protocol"]
            .to_str()
            .unwrap()
            .to_owned();
        ws.send(Message::Binary(b"\x00four\n".to_vec().into()))
            .await
            .unwrap();
        let (mut stdout, mut status) = (Vec::new(), Value::Null);
        while let Some(Ok(message)) = ws.next().await {
            if let Message::Binary(data) = message {
                match data[0] {
                    1 => stdout.extend_from_slice(&data[1..]),
                    3 => status = serde_json::from_slice(&data[1..]).unwrap(),
                    _ => {}
                }
            }
        }
        (String::from_utf8(stdout).unwrap(), status, protocol)
    });
    assert_eq!(protocol, "v4.channel.k8s.io");
    assert_eq!(stdout, "v4 four\n");
    assert_eq!(status["status"], "Failure");
    assert_eq!(status["reason"], "NonZeroExitCode");
    assert_eq!(status["details"]["causes"][0]["message"], "6");
}

fn rustls_pki_certs(pem: &str) -> Vec<tokio_rustls::rustls::pki_types::CertificateDer<'static>> {
    use tokio_rustls::rustls::pki_types::pem::PemObject as _;
    tokio_rustls::rustls::pki_types::CertificateDer::pem_slice_iter(pem.as_bytes())
        .map(Result::unwrap)
        .collect()
}

/// Jobs are stored and served (batch/v1: create, get, list, watch, delete); no controller runs
/// them.
#[test]
fn kubectl_creates_lists_watches_and_deletes_jobs() {
    let (env, _cluster) = world();
    // (`kubectl create job` speaks protobuf, which the emulator does not; a manifest is JSON.)
    let job = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "migrate"},
        "spec": {"backoffLimit": 0, "ttlSecondsAfterFinished": 600, "template": {"spec": {
            "restartPolicy": "Never",
            "containers": [{"name": "run", "image": "registry.example.com/shop:1",
                            "command": ["python", "manage.py", "migrate"]}],
        }}},
    });
    kubectl(
        &env,
        &["create", "--validate=false", "-f", "-"],
        job.to_string().as_bytes(),
    )
    .success()
    .stdout_is("job.batch/migrate created\n");
    kubectl(&env, &["get", "jobs", "-o", "name"], b"")
        .success()
        .stdout_is("job.batch/migrate\n");
    kubectl(
        &env,
        &["get", "job", "migrate", "-o", "jsonpath={.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}"],
        b"",
    )
    .success()
    .stdout_is("Never [\"python\",\"manage.py\",\"migrate\"]");
    kubectl(
        &env,
        &[
            "get",
            "jobs",
            "--watch",
            "--request-timeout=1s",
            "-o",
            "name",
        ],
        b"",
    )
    .stdout_has("job.batch/migrate\n");
    kubectl(&env, &["delete", "job", "migrate"], b"")
        .success()
        .stdout_is("job.batch \"migrate\" deleted\n");
    kubectl(&env, &["get", "jobs", "-o", "name"], b"")
        .success()
        .stdout_is("");
}
