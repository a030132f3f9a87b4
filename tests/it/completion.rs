//! Tab completion that knows the app: real bash, zsh and fish, with the committed scripts of
//! `completions/`, complete the secret keys sealed in the deploy repository (a real git server,
//! read through the CLI's cached clone), its deploys with their images, app.yaml's names, the
//! link file's environments, and the pods the cluster (the emulator) runs, without ever hanging.

use std::time::{Duration, Instant};

use crate::generated::assert_offers;
use crate::support::apiserver::{ApiServer, Fault, objects};
use crate::support::git_servers::{HttpsServer, git};
use crate::support::shells::Shell;
use crate::support::{TestEnv, tools};

const IMAGE_1_1: &str = "registry.example.com/acme/shop:1.1";

/// The candidates that are values, not flags, sorted.
fn values(offered: Vec<String>) -> Vec<String> {
    let mut values: Vec<String> = offered
        .into_iter()
        .filter(|o| !o.is_empty() && !o.starts_with('-'))
        .collect();
    values.sort();
    values.dedup();
    values
}

/// A user whose deploy repository is on an https git server, with one deploy and two sealed
/// keys pushed there by the CLI.
fn deployed_with_secrets(server: &HttpsServer) -> TestEnv {
    let mut env = TestEnv::new();
    env.write(
        "work/ungleich-django.yaml",
        format!(
            "app: shop\nnamespace: shop\ndeploy:\n  repo: {}\n  branch: main\n  path: .\n",
            server.url("shop")
        ),
    );
    env.env("SSL_CERT_FILE", &server.ca);
    env.env("UNGLEICH_GIT_USERNAME", "deploy");
    env.env("UNGLEICH_GIT_TOKEN", "s3cret");
    env.run(&["deploy", "--image", IMAGE_1_1, "--no-wait"])
        .success();
    let (_, cert) = tools::self_signed_rsa(env.root(), "sealing", 2048);
    env.run_with_stdin(
        &["secret", "import", "-", "--cert", &cert.to_string_lossy()],
        "SECRET_KEY=k3y-value\nSMTP_PASSWORD=pa55word\n",
    )
    .success();
    env
}

#[test]
fn secret_keys_and_revisions_come_from_the_deploy_repository() {
    let server = HttpsServer::start("deploy", "s3cret");
    let bare = server.repo("shop");
    let env = deployed_with_secrets(&server);
    let shell = Shell::new(&env, &env.work());
    let keys = ["SECRET_KEY", "SMTP_PASSWORD"];
    assert_eq!(
        values(shell.bash(&["ungleich-django", "secret", "unset", ""])),
        keys
    );
    assert_eq!(values(shell.fish("ungleich-django secret unset ")), keys);
    assert_eq!(values(shell.zsh("ungleich-django secret unset ")), keys);
    assert_eq!(
        values(shell.bash(&["ungleich-django", "secret", "set", "SM"])),
        ["SMTP_PASSWORD"]
    );

    // The deploys, newest first, each described by its image.
    let short = |log: String| log.lines().next().unwrap()[..7].to_owned();
    let latest = short(git(
        &bare,
        &["log", "--format=%H", "--grep=^deploy shop", "main"],
    ));
    let first = short(git(&bare, &["log", "--format=%H", "--reverse", "main"]));
    let (latest, first) = (latest.as_str(), first.as_str());
    let described = shell.fish_described("ungleich-django rollback ");
    let line_of = |rev: &str| {
        described
            .iter()
            .find(|l| l.starts_with(&format!("{rev}\t")))
            .unwrap_or_else(|| panic!("no revision {rev} in {described:?}"))
            .clone()
    };
    assert!(line_of(latest).contains(IMAGE_1_1), "{described:?}");
    assert!(line_of(latest).contains("app.yaml now"), "{described:?}");
    assert!(
        line_of(first).contains("registry.example.com/acme/shop:1.0"),
        "{described:?}"
    );
    assert_offers(
        "bash",
        &shell.bash(&["ungleich-django", "rollback", ""]),
        &[latest, first],
    );
    assert_offers("zsh", &shell.zsh("ungleich-django rollback "), &[first]);

    // A value never shows: only names are offered.
    for offered in [
        shell.fish_described("ungleich-django secret unset "),
        shell.fish_described("ungleich-django secret set "),
    ] {
        let all = offered.join("\n");
        assert!(
            !all.contains("k3y-value") && !all.contains("pa55word"),
            "{all}"
        );
    }
}

/// A local deploy repository whose app.yaml has plain variables, hosts and a cron entry, and a
/// link file with a second environment.
fn local_app(env: &TestEnv) -> std::path::PathBuf {
    env.write(
        "deploy/app.yaml",
        "name: shop\nimage: registry.example.com/acme/shop:1.0\nhosts:\n  - shop.example.com\n  - www.shop.example.com\nenv:\n  TIME_ZONE: Europe/Zurich\n  DJANGO_DEBUG: \"false\"\ncron:\n  - name: sessions\n    schedule: \"@daily\"\n    command: [python, manage.py, clearsessions]\n",
    );
    let deploy = env.root().join("deploy");
    env.git(&deploy, &["init", "-q", "-b", "main"]);
    env.git(&deploy, &["add", "."]);
    env.git(&deploy, &["commit", "-q", "-m", "Start"]);
    env.write(
        "work/shop/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../../deploy\n  branch: main\n  path: .\nenvironments:\n  staging:\n    namespace: shop-staging\n    deploy:\n      branch: staging\n",
    );
    env.work().join("shop")
}

#[test]
fn app_yaml_and_the_link_file_name_what_completes() {
    let env = TestEnv::new();
    let dir = local_app(&env);
    let shell = Shell::new(&env, &dir);
    assert_eq!(
        values(shell.bash(&["ungleich-django", "config", "unset", ""])),
        ["DJANGO_DEBUG", "TIME_ZONE"]
    );
    assert_eq!(
        values(shell.fish("ungleich-django config set ")),
        ["DJANGO_DEBUG=", "TIME_ZONE="]
    );
    assert_eq!(
        values(shell.fish("ungleich-django domains remove ")),
        ["shop.example.com", "www.shop.example.com"]
    );
    assert_eq!(
        values(shell.fish("ungleich-django domains add ")),
        Vec::<String>::new(),
        "new hosts are not in app.yaml"
    );
    assert_eq!(values(shell.zsh("ungleich-django cron run ")), ["sessions"]);
    assert_eq!(
        values(shell.bash(&["ungleich-django", "logs", "--cron", ""])),
        ["sessions"]
    );
    assert_eq!(
        values(shell.bash(&["ungleich-django", "-e", ""])),
        ["default", "staging"]
    );
    assert_eq!(
        values(shell.fish("ungleich-django promote staging ")),
        ["default", "staging"]
    );
    // -C names the project as it does for a command.
    let elsewhere = Shell::new(&env, &env.work());
    assert_eq!(
        values(elsewhere.bash(&["ungleich-django", "-C", "shop", "cron", "remove", ""])),
        ["sessions"]
    );
    assert_eq!(
        values(elsewhere.bash(&["ungleich-django", "cron", "remove", ""])),
        Vec::<String>::new(),
        "no link file here"
    );
}

#[test]
fn pods_come_from_the_cluster_and_a_slow_one_never_hangs_the_shell() {
    let env = TestEnv::new();
    let dir = local_app(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    let image = "registry.example.com/acme/shop:1.0";
    cluster.apply(objects::running_web_pod("shop", "h1", "aaaaa", image));
    cluster.apply(objects::async_pod("shop", "h2", "ccccc", image));
    let shell = Shell::new(&env, &dir);
    let pods = ["shop-async-h2-ccccc", "shop-web-h1-aaaaa"];
    assert_eq!(
        values(shell.bash(&["ungleich-django", "logs", "--pod", ""])),
        pods
    );
    assert_eq!(values(shell.fish("ungleich-django logs --pod ")), pods);
    let described = shell.fish_described("ungleich-django logs --pod ");
    assert!(
        described.contains(&"shop-web-h1-aaaaa\tweb Running".to_owned()),
        "{described:?}"
    );

    // One-off runs (`logs --run`) are the pods `run` labels as the app's runs, and only those.
    cluster.apply(serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "shop-run-7x2kq",
            "namespace": "shop",
            "labels": {
                "ungleich.ch/app": "shop",
                "app.kubernetes.io/component": "run",
                "app.kubernetes.io/managed-by": "ungleich-django"
            }
        },
        "spec": {"containers": [{"name": "run", "image": image}]},
        "status": {"phase": "Succeeded"}
    }));
    assert_eq!(
        values(shell.bash(&["ungleich-django", "logs", "--run", ""])),
        ["shop-run-7x2kq"]
    );

    cluster.fault(Fault::Latency(Duration::from_secs(20)));
    let started = Instant::now();
    let offered = values(shell.bash(&["ungleich-django", "logs", "--pod", ""]));
    let took = started.elapsed();
    assert!(offered.is_empty(), "{offered:?}");
    assert!(took < Duration::from_secs(4), "completion took {took:?}");
    // What is known locally still completes while the cluster is slow.
    assert_eq!(
        values(shell.bash(&["ungleich-django", "logs", "--cron", ""])),
        ["sessions"]
    );
}
