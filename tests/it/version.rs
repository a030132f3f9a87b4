//! `version`: what ran, for bug reports, with the API server's version when one answers.

use std::time::{Duration, Instant};

use crate::support::TestEnv;
use crate::support::apiserver::{ApiServer, Fault};

#[test]
fn version_names_the_build_and_the_clusters_kubernetes() {
    let env = TestEnv::new();
    let flag = env.run(&["--version"]);
    flag.success();
    let out = env.run(&["version", "-o", "json"]);
    out.success().stderr_is("");
    let report = out.json();
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    let commit = report["commit"].as_str().unwrap();
    let date = report["build_date"].as_str().unwrap();
    assert_eq!(
        flag.stdout,
        format!(
            "ungleich-django {} ({commit} {date})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(!report["target"].as_str().unwrap().is_empty(), "{report}");
    assert!(
        report["kubernetes_version"].is_null(),
        "no kubeconfig: {report}"
    );
    env.run(&["version"])
        .success()
        .stdout_has("kubernetes  (no cluster answered)\n");

    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let out = env.run(&["version", "-o", "json"]);
    out.success();
    assert_eq!(out.json()["kubernetes_version"], "v1.33.5");
    env.run(&["version"])
        .success()
        .stdout_has("kubernetes  v1.33.5\n");

    // A cluster that does not answer is reported as none, in seconds.
    cluster.fault(Fault::Latency(Duration::from_secs(30)));
    let started = Instant::now();
    let out = env.run(&["version", "-o", "json"]);
    out.success();
    assert!(out.json()["kubernetes_version"].is_null());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
