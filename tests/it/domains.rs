//! `domains add|remove|(list)`: `hosts` in app.yaml as DNS names (IDNs in ASCII), one commit each
//! with comments kept; invalid, repeated and missing hosts exit 3 with nothing committed; the
//! list shows each host's certificate state from cert-manager's Certificates and Challenges;
//! `add`'s DNS advice (address and CAA) is checked against a real dnsmasq on loopback.

use std::path::Path;

use serde_json::json;

use crate::release::{git_head, project};
use crate::support::apiserver::ApiServer;
use crate::support::{Outcome, TestEnv, dns};

fn ud(env: &TestEnv, p: &Path, args: &[&str]) -> Outcome {
    Outcome::of(env.cmd_in(p, args), None)
}

/// app.yaml with a commented host list, committed.
fn commented(env: &TestEnv, p: &Path) -> std::path::PathBuf {
    let spec = p.join("deploy/app.yaml");
    std::fs::write(
        &spec,
        "# The shop.\nname: shop\nimage: registry.example.com/acme/shop:2\nhosts:   # public names\n  - shop.example.com   # main\nasync: false\n",
    )
    .unwrap();
    env.git(p, &["commit", "-q", "-am", "hosts"]);
    spec
}

#[test]
fn add_and_remove_keep_comments_store_idns_in_ascii_and_refuse_bad_hosts() {
    let mut env = TestEnv::new();
    env.env("UNGLEICH_DNS_SERVER", dns::server().address.to_string());
    let p = project(&env, false, false);
    let spec = commented(&env, &p);
    let before = std::fs::read_to_string(&spec).unwrap();
    let head = git_head(&p);
    for (args, says) in [
        (
            &["domains", "add", "localhost"][..],
            "error: `localhost` is not a valid host name",
        ),
        (
            &["domains", "add", "https://shop.example.org/"],
            "without a scheme, port or path",
        ),
        (
            &["domains", "add", "a..example.com"],
            "is not a valid host name",
        ),
        (
            &["domains", "add", "Shop.Example.com"],
            "error: shop.example.com is already in app.yaml `hosts`",
        ),
        (
            &["domains", "add", "a.example.com", "A.example.com."],
            "error: a.example.com is already",
        ),
        (
            &["domains", "remove", "other.example.com"],
            "error: other.example.com is not in app.yaml `hosts`",
        ),
    ] {
        let mut all = args.to_vec();
        all.push("--no-wait");
        ud(&env, &p, &all).code(3).stderr_has(says);
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), before, "{args:?}");
        assert_eq!(git_head(&p), head, "{args:?}");
    }
    ud(
        &env,
        &p,
        &[
            "domains",
            "add",
            "bücher.example",
            "www.shop.example.com",
            "--no-wait",
        ],
    )
    .success()
    .stderr_has("committed \"domains add xn--bcher-kva.example www.shop.example.com\"");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        before.replace(
            "  - shop.example.com   # main\n",
            "  - shop.example.com   # main\n  - xn--bcher-kva.example\n  - www.shop.example.com\n"
        )
    );
    ud(
        &env,
        &p,
        &["domains", "remove", "shop.example.com", "--no-wait"],
    )
    .success()
    .stderr_has("committed \"domains remove shop.example.com\"");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        before.replace(
            "  - shop.example.com   # main\n",
            "  - xn--bcher-kva.example\n  - www.shop.example.com\n"
        )
    );
}

fn certificate(name: &str, hosts: &[&str], ready: bool, message: &str) -> serde_json::Value {
    json!({
        "apiVersion": "cert-manager.io/v1",
        "kind": "Certificate",
        "metadata": {"name": name, "namespace": "shop"},
        "spec": {"secretName": name, "dnsNames": hosts, "issuerRef": {"name": "letsencrypt", "kind": "ClusterIssuer"}},
        "status": {
            "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }, "reason": if ready { "Ready" } else { "DoesNotExist" }, "message": message}],
            "notAfter": if ready { json!("2027-03-06T05:00:00Z") } else { json!(null) },
        },
    })
}

#[test]
fn the_list_shows_each_hosts_certificate_state_and_the_pending_challenges_reason() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let spec = p.join("deploy/app.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(
        &spec,
        format!("{text}hosts:\n  - shop.example.com\n  - new.example.com\n  - later.example.com\n"),
    )
    .unwrap();
    env.git(&p, &["commit", "-q", "-am", "hosts"]);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(certificate(
        "shop-tls",
        &["shop.example.com", "new.example.com"],
        true,
        "Certificate is up to date and has not expired",
    ));
    cluster.apply(certificate(
        "shop-later-tls",
        &["later.example.com"],
        false,
        "Issuing certificate as Secret does not exist",
    ));
    cluster.apply(json!({
        "apiVersion": "acme.cert-manager.io/v1",
        "kind": "Challenge",
        "metadata": {"name": "shop-later-tls-1-2-3", "namespace": "shop"},
        "spec": {"dnsName": "later.example.com", "type": "HTTP-01", "wildcard": false},
        "status": {"state": "pending", "reason": "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'"},
    }));
    ud(&env, &p, &["domains"])
        .success()
        .stdout_has("HOST               CERTIFICATE  EXPIRES               DETAIL\n")
        .stdout_has("shop.example.com   ready        2027-03-06T05:00:00Z  \n")
        .stdout_has("later.example.com  pending      -                     ACME challenge pending: Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'\n");
    let json = ud(&env, &p, &["domains", "-o", "json"]).json();
    assert_eq!(json[0]["state"], "ready");
    assert_eq!(json[0]["not_after"], "2027-03-06T05:00:00Z");
    assert_eq!(json[2]["state"], "pending");
}

#[test]
fn without_cert_manager_or_a_cluster_the_state_is_unknown_not_an_error() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    commented(&env, &p);
    ud(&env, &p, &["domains"])
        .success()
        .stdout_has("shop.example.com  unknown");
}

#[test]
fn open_starts_the_browser_on_the_first_host_or_prints_its_url() {
    let mut env = TestEnv::new();
    let p = project(&env, false, false);
    // No host yet: nothing to open, said with the command that adds one.
    ud(&env, &p, &["open"])
        .code(3)
        .stderr_has("error: shop has no host to open in app.yaml")
        .stderr_has("domains add");
    commented(&env, &p);
    // Without a display (ssh, CI) the URL is the output.
    env.unset("DISPLAY").unset("WAYLAND_DISPLAY");
    ud(&env, &p, &["open"])
        .success()
        .stdout_is("https://shop.example.com\n");
    // With one, the desktop's opener gets the URL.
    let bin = env.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = env.root().join("opened");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = env
        .var("PATH")
        .or_else(|| std::env::var_os("PATH"))
        .unwrap();
    let mut joined = bin.into_os_string();
    joined.push(":");
    joined.push(path);
    env.env("PATH", joined).env("DISPLAY", ":0");
    ud(&env, &p, &["open"])
        .success()
        .stdout_is("")
        .stderr_has("opened https://shop.example.com\n");
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://shop.example.com\n"
    );
}

/// The app's Ingress as the chart renders it, with the address its controller published.
fn ingress(caa_issuer: Option<&str>) -> serde_json::Value {
    let mut annotations = json!({"cert-manager.io/cluster-issuer": "letsencrypt-prod"});
    if let Some(issuer) = caa_issuer {
        annotations["ungleich.ch/caa-issuer"] = json!(issuer);
    }
    json!({
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": "shop", "namespace": "shop", "annotations": annotations},
        "spec": {
            "tls": [{"secretName": "shop-tls", "hosts": ["shop.example.com"]}],
            "rules": [{"host": "shop.example.com"}],
        },
        "status": {"loadBalancer": {"ingress": [{"ip": dns::INGRESS_IP}]}},
    })
}

/// A project whose DNS questions go to the shared dnsmasq.
fn with_dns(env: &mut TestEnv) -> std::path::PathBuf {
    env.env("UNGLEICH_DNS_SERVER", dns::server().address.to_string());
    let p = project(env, false, false);
    commented(env, &p);
    p
}

#[test]
fn add_warns_with_the_record_to_set_when_a_name_points_elsewhere_or_nowhere() {
    let mut env = TestEnv::new();
    let p = with_dns(&mut env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    cluster.apply(ingress(Some("letsencrypt.org")));
    // At the Ingress, and the parent's CAA set names Let's Encrypt: nothing to say.
    ud(
        &env,
        &p,
        &["domains", "add", "here.example.test", "--no-wait"],
    )
    .success()
    .never_shows("resolve")
    .never_shows("CAA")
    .never_shows("could not")
    .stderr_has("committed \"domains add here.example.test\"");
    ud(&env, &p, &["domains", "add", "elsewhere.example.test", "--no-wait"])
        .success()
        .stderr_has("warning: elsewhere.example.test resolves to 192.0.2.1, not to the app's Ingress: at your DNS provider, set A 203.0.113.7 for elsewhere.example.test; the certificate is issued once it does\n")
        .stderr_has("committed \"domains add elsewhere.example.test\"");
    ud(&env, &p, &["domains", "add", "missing.example.test", "--no-wait"])
        .success()
        .stderr_has("warning: missing.example.test does not resolve yet: at your DNS provider, add A 203.0.113.7 for missing.example.test; the certificate is issued once it does\n")
        .stderr_has("committed \"domains add missing.example.test\"");
}

#[test]
fn add_warns_when_the_caa_records_forbid_the_hosters_issuer() {
    let mut env = TestEnv::new();
    let p = with_dns(&mut env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    // Without the chart's annotation, the issuer is Let's Encrypt.
    cluster.apply(ingress(None));
    ud(&env, &p, &["domains", "add", "shop.other.test", "--no-wait"])
        .success()
        .stderr_has("warning: the CAA records of other.test allow only sectigo.com, so no certificate for shop.other.test can be issued: at your DNS provider, add the record `other.test. CAA 0 issue \"letsencrypt.org\"`\n")
        .never_shows("resolves to")
        .stderr_has("committed \"domains add shop.other.test\"");
    // The hoster's issuer, named by the chart's annotation, is the one the records must allow.
    cluster.apply(ingress(Some("sectigo.com")));
    ud(
        &env,
        &p,
        &["domains", "remove", "shop.other.test", "--no-wait"],
    )
    .success();
    ud(&env, &p, &["domains", "add", "shop.other.test", "www.example.test", "--no-wait"])
        .success()
        .never_shows("CAA records of other.test")
        .stderr_has("warning: the CAA records of example.test allow only letsencrypt.org, so no certificate for www.example.test can be issued: at your DNS provider, add the record `example.test. CAA 0 issue \"sectigo.com\"`\n");
}

/// A TCP server that accepts connections and never answers: a cluster that hangs.
fn silent_server() -> (std::net::TcpListener, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    (listener, url)
}

#[test]
fn add_with_an_unreachable_cluster_checks_that_the_name_resolves_and_never_hangs() {
    let mut env = TestEnv::new();
    let p = with_dns(&mut env);
    let (_listener, url) = silent_server();
    let kubeconfig = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"{url}\", insecure-skip-tls-verify: true}}\nusers:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u, namespace: shop}}\ncurrent-context: c\n"
    );
    env.write("home/.kube/config", kubeconfig);
    let start = std::time::Instant::now();
    ud(&env, &p, &["domains", "add", "here.example.test", "missing.example.test", "--no-wait"])
        .success()
        .stderr_has("here.example.test resolves to 203.0.113.7, but the app's Ingress cannot be read (the cluster did not answer within 3 s), so it could not be compared with the Ingress address\n")
        .stderr_has("warning: missing.example.test does not resolve yet: at your DNS provider, add an A/AAAA record (or a CNAME) to the app's Ingress address")
        .stderr_has("committed \"domains add here.example.test missing.example.test\"");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(8),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn a_silent_dns_server_is_said_and_a_bad_one_refused() {
    let mut env = TestEnv::new();
    let p = with_dns(&mut env);
    let spec = p.join("deploy/app.yaml");
    let before = std::fs::read_to_string(&spec).unwrap();
    let head = git_head(&p);
    env.env("UNGLEICH_DNS_SERVER", "dns.example.test:53");
    ud(
        &env,
        &p,
        &["domains", "add", "here.example.test", "--no-wait"],
    )
    .code(3)
    .stderr_has("error: UNGLEICH_DNS_SERVER=dns.example.test:53 is not an IP address with a port");
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), before);
    assert_eq!(git_head(&p), head);
    // A UDP socket nobody reads: the question is never answered.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    env.env(
        "UNGLEICH_DNS_SERVER",
        silent.local_addr().unwrap().to_string(),
    );
    let start = std::time::Instant::now();
    ud(
        &env,
        &p,
        &["domains", "add", "here.example.test", "--no-wait"],
    )
    .success()
    .stderr_has(
        "DNS could not be checked for here.example.test: the DNS server did not answer in time\n",
    )
    .stderr_has("committed \"domains add here.example.test\"");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(8),
        "took {:?}",
        start.elapsed()
    );
}
