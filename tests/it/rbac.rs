//! The hoster's RBAC example (`chart/examples/rbac.yaml`) is enough for every command: the
//! emulator authorizes with exactly the Roles of that file, as kube-apiserver's RBAC authorizer
//! would (resourceNames included), and each command must get through without a 403.

use serde_json::Value;

use crate::release::{cluster, git_head, project};
use crate::support::apiserver::{ApiServer, ProxyResponse, Rule, objects};
use crate::support::{Outcome, TestEnv, tools};

const IMAGE: &str = "registry.example.com/acme/shop:2";

/// Every rule of every Role in the example (its RoleBindings bind them to the customer).
pub(crate) fn example_rules() -> Vec<Rule> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("chart/examples/rbac.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let docs: Vec<Value> = serde_saphyr::from_multiple(&text).unwrap();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let rules: Vec<Rule> = docs
        .iter()
        .filter(|d| d["kind"] == "Role")
        .flat_map(|role| {
            let namespace = role["metadata"]["namespace"].as_str().unwrap().to_owned();
            role["rules"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |r| Rule {
                    namespace: namespace.clone(),
                    api_groups: strings(&r["apiGroups"]),
                    resources: strings(&r["resources"]),
                    verbs: strings(&r["verbs"]),
                    resource_names: strings(&r["resourceNames"]),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(rules.len() >= 5, "{rules:?}");
    rules
}

/// The SealedSecrets controller Service with its port named `port` (the release manifest
/// leaves it unnamed; the Helm chart names it `http`).
fn controller(cluster: &ApiServer, env: &TestEnv, port: &str) {
    let (_, cert) = tools::self_signed_rsa(env.root(), "sealing", 2048);
    let pem = std::fs::read(cert).unwrap();
    let name = "sealed-secrets-controller";
    cluster.apply(objects::service("kube-system", name, port, 8080));
    cluster.proxy("kube-system", name, move |request| {
        if request.method == "GET" && request.path == "/v1/cert.pem" {
            ProxyResponse::ok("application/x-pem-file", pem.clone())
        } else {
            ProxyResponse::status(404, "404 page not found")
        }
    });
}

#[test]
fn every_command_gets_through_with_the_example_roles() {
    for port in ["", "http"] {
        let env = TestEnv::new();
        let p = project(&env, false, true);
        let cluster = cluster(&env, false);
        controller(&cluster, &env, port);
        cluster.apply(objects::application(
            "shop",
            "Synced",
            "0000000000000000000000000000000000000000",
            "Healthy",
        ));
        cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
        cluster.apply(serde_json::json!({
            "apiVersion": "v1",
            "kind": "ResourceQuota",
            "metadata": {"name": "shop-size", "namespace": "shop"},
            "spec": {"hard": {"pods": "10"}},
            "status": {"hard": {"pods": "10"}, "used": {"pods": "1"}},
        }));
        cluster.authorize_with(example_rules());

        // The certificate through the services proxy: `http:<name>:<port>` is the name RBAC sees.
        Outcome::of(
            env.cmd_in(&p, &["secret", "set", "API_KEY", "-", "--no-push"]),
            Some(b"v4lue"),
        )
        .success()
        .never_shows("v4lue");

        let head = git_head(&p);
        cluster
            .scenario()
            .after_request(|r| r.method == "PATCH")
            .after(std::time::Duration::from_millis(150))
            .application("shop", "Synced", &head, "Progressing")
            .deployment_rolled_out("shop-web", "new01")
            .start();
        // The Application: get, then watched with fieldSelector metadata.name=shop, patched.
        Outcome::of(env.cmd_in(&p, &["deploy", "--timeout", "20s"]), None)
            .success()
            .stderr_has("✓ shop is live");
        Outcome::of(env.cmd_in(&p, &["status"]), None).success();
        Outcome::of(env.cmd_in(&p, &["logs", "--tail", "5"]), None).success();
        // The quota, the Deployments and the app's pods: what scale fits within.
        Outcome::of(env.cmd_in(&p, &["scale", "web=2", "--no-wait", "-v"]), None)
            .success()
            .stderr_has("scale: within the ResourceQuota shop-size");
        // The fixture's settings fail the project group; the cluster's groups must be all ok.
        let doctor = Outcome::of(env.cmd_in(&p, &["doctor", "-o", "json"]), None);
        let report = doctor.code(1).json();
        for group in report["groups"].as_array().unwrap() {
            if matches!(group["name"].as_str(), Some("cluster" | "certificate")) {
                for finding in group["findings"].as_array().unwrap() {
                    assert_eq!(finding["status"], "ok", "port {port:?}: {finding}");
                }
            }
        }
        assert_eq!(cluster.forbidden(), Vec::<String>::new(), "port {port:?}");
    }
}

#[test]
fn a_role_without_the_proxy_name_is_explained_with_the_grant_to_ask_for() {
    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    controller(&cluster, &env, "");
    let rules = example_rules()
        .into_iter()
        .filter(|r| r.resources != ["services/proxy"])
        .collect();
    cluster.authorize_with(rules);
    Outcome::of(
        env.cmd_in(&p, &["secret", "set", "API_KEY", "-", "--no-push"]),
        Some(b"v4lue"),
    )
    .code(4)
    .stdout_is("")
    .stderr_has("error: cannot fetch the sealing certificate from the SealedSecrets controller kube-system/sealed-secrets-controller: services \"http:sealed-secrets-controller:\" is forbidden: User \"system:serviceaccount:shop:deployer\" cannot get resource \"services/proxy\" in API group \"\" in the namespace \"kube-system\" (HTTP 403)\n")
    .stderr_has("hint: your kube identity needs `get` on services/sealed-secrets-controller and on services/proxy http:sealed-secrets-controller: and http:sealed-secrets-controller:http in kube-system")
    .never_shows("Status {")
    .never_shows("v4lue");
}

#[test]
fn run_gets_through_with_the_opt_in_role_and_a_refused_run_names_the_rule() {
    use crate::support::apiserver::Kubelet;
    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster.kubelet(Kubelet::new(&p));
    cluster.authorize_with(example_rules());
    // Reads the Deployment and the pods, creates the pod, watches it, reads its log, deletes it.
    Outcome::of(
        env.cmd_in(&p, &["run", "--", "sh", "-c", "echo ran; exit 5"]),
        None,
    )
    .code(5)
    .stdout_is("ran\n");
    Outcome::of(env.cmd_in(&p, &["run", "--list"]), None).success();
    assert_eq!(cluster.forbidden(), Vec::<String>::new());

    // Without the opt-in Role: refused before anything runs, with the rule to ask for.
    let without: Vec<Rule> = example_rules()
        .into_iter()
        .filter(|r| !(r.resources == ["pods"] && r.verbs.iter().any(|v| v == "create")))
        .collect();
    cluster.authorize_with(without);
    Outcome::of(env.cmd_in(&p, &["run", "--", "true"]), None)
        .code(4)
        .stdout_is("")
        .stderr_has("error: cannot create pods in namespace shop: pods is forbidden: User \"system:serviceaccount:shop:deployer\" cannot create resource \"pods\" in API group \"\" in the namespace \"shop\"\n")
        .stderr_has("hint: your kube identity needs `create` on pods (apiGroups: [\"\"]) in namespace shop: ask the hoster for the opt-in Role ungleich-django-runs of chart/examples/rbac.yaml, which grants `create` and `delete` on pods and `create` on pods/attach");
}

/// `cron run` needs the customer Role's `get` on CronJobs and the opt-in Role's pods; without the
/// first, the refusal names it.
#[test]
fn cron_run_gets_through_with_the_example_roles_and_a_refusal_names_the_rule() {
    use crate::support::apiserver::Kubelet;
    use serde_json::json;
    let env = TestEnv::new();
    let p = project(&env, false, true);
    let cluster = cluster(&env, false);
    cluster.kubelet(Kubelet::new(&p));
    cluster.apply(json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"name": "shop-cron-nightly", "namespace": "shop"},
        "spec": {"schedule": "@daily", "jobTemplate": {"spec": {"template": {"spec": {
            "restartPolicy": "Never",
            "containers": [{"name": "cron", "image": IMAGE, "command": ["sh", "-c", "echo ran; exit 7"]}],
        }}}}},
    }));
    cluster.authorize_with(example_rules());
    Outcome::of(env.cmd_in(&p, &["cron", "run", "nightly"]), None)
        .code(7)
        .stdout_is("ran\n");
    assert_eq!(cluster.forbidden(), Vec::<String>::new());

    let without: Vec<Rule> = example_rules()
        .into_iter()
        .filter(|r| r.resources != ["cronjobs"])
        .collect();
    cluster.authorize_with(without);
    Outcome::of(env.cmd_in(&p, &["cron", "run", "nightly"]), None)
        .code(4)
        .stdout_is("")
        .stderr_has("needs `get` on cronjobs (apiGroups: [\"batch\"]) in namespace shop: ask the hoster for the customer Role ungleich-django-customer");
}
