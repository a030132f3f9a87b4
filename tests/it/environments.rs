//! Environments (`environments:` in the link file, `-e/--env`, `UNGLEICH_ENV`) with the real
//! binary: every command acts on the environment selected, and says which with `-v`.

use serde_json::json;

use serde_json::Value;

use std::time::Duration;

use crate::support::apiserver::{ApiServer, Rule, objects};
use crate::support::git_servers::{SshServer, git, keygen};
use crate::support::{TestEnv, tools};

/// A source tree in `work/` whose link file names `production` (the top level, `deploy/prod`)
/// and `staging` (namespace shop-staging, `deploy/staging`), over one local deploy repository.
fn two_environments(env: &TestEnv) {
    env.write(
        "deploy/prod/app.yaml",
        "name: shop\nimage: registry.example.com/acme/shop:1\n",
    );
    env.write(
        "deploy/staging/app.yaml",
        "name: shop\nimage: registry.example.com/acme/shop:2\n",
    );
    let deploy = env.root().join("deploy");
    env.git(&deploy, &["init", "-q", "-b", "main"]);
    env.git(&deploy, &["add", "."]);
    env.git(&deploy, &["commit", "-q", "-m", "Start"]);
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  path: prod\nenvironment: production\nenvironments:\n  staging:\n    namespace: shop-staging\n    deploy:\n      path: staging\n",
    );
}

#[test]
fn secrets_go_to_the_environment_selected_and_v_says_which() {
    let mut env = TestEnv::new();
    two_environments(&env);
    let certs = tempfile::tempdir().unwrap();
    let (_, cert) = tools::self_signed_rsa(certs.path(), "cert", 2048);
    let cert = cert.to_str().unwrap();
    env.run(&[
        "secret",
        "set",
        "-e",
        "staging",
        "ONLY_STAGING=1",
        "--cert",
        cert,
        "--no-push",
        "-v",
    ])
    .success()
    .stderr_has("environment staging (app shop, namespace shop-staging");
    let sealed =
        std::fs::read_to_string(env.root().join("deploy/staging/sealed-secrets.yaml")).unwrap();
    assert!(sealed.contains("namespace: shop-staging"), "{sealed}");
    assert!(!env.root().join("deploy/prod/sealed-secrets.yaml").exists());

    // The default environment does not see staging's key; UNGLEICH_ENV selects like -e.
    env.run(&["secret", "list"]).success().stdout_is("");
    env.run(&["secret", "list", "-e", "production"])
        .success()
        .stdout_is("");
    env.env("UNGLEICH_ENV", "staging");
    env.run(&["secret", "list"])
        .success()
        .stdout_has("ONLY_STAGING");
    // -e wins over UNGLEICH_ENV, as a flag wins over its variable.
    env.run(&["secret", "list", "-e", "production"])
        .success()
        .stdout_is("");
}

#[test]
fn an_unknown_environment_is_invalid_input_and_names_the_known_ones() {
    let env = TestEnv::new();
    two_environments(&env);
    env.run(&["secret", "list", "-e", "prod"])
        .code(3)
        .stderr_has("no environment `prod` in the link file (it names production, staging)")
        .stderr_has("hint: pass one of production, staging to -e/--env");
    env.run(&["status", "--env", "stagin"])
        .code(3)
        .stderr_has("ungleich-django.yaml");
}

#[test]
fn a_malformed_environment_names_file_line_and_field() {
    let env = TestEnv::new();
    two_environments(&env);
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  path: prod\nenvironments:\n  staging:\n    namespace: Shop_Staging\n    deploy:\n      path: staging\n",
    );
    env.run(&["secret", "list"])
        .code(3)
        .stderr_has("ungleich-django.yaml: line 8: field `environments.staging.namespace`");
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\nenvironments:\n  staging:\n    namespase: shop-staging\n",
    );
    env.run(&["secret", "list", "-e", "staging"])
        .code(3)
        .stderr_has("line 7")
        .stderr_has("did you mean `namespace`?");
}

// Promote against the emulator: production (`shop` in namespace shop) and staging (`shop-staging`
// in namespace shop-staging), each with its web Deployment and a ready pod that reports a digest.

const STAGING_TAG: &str = "registry.example.com/acme/shop:2";
const STAGING_DIGEST: &str =
    "sha256:2222222222222222222222222222222222222222222222222222222222222222";

/// Two environments as two apps in two namespaces, and secrets sealed in each: staging has
/// `staging_keys`, production `production_keys`.
fn two_apps(env: &TestEnv, staging_keys: &[&str], production_keys: &[&str]) -> ApiServer {
    env.write(
        "deploy/prod/app.yaml",
        "name: shop\nimage: registry.example.com/acme/shop:1  # promoted from staging\nhosts: [shop.example.com]\n",
    );
    env.write(
        "deploy/staging/app.yaml",
        "name: shop-staging\nimage: registry.example.com/acme/shop:2\nhosts: [staging.shop.example.com]\n",
    );
    let deploy = env.root().join("deploy");
    env.git(&deploy, &["init", "-q", "-b", "main"]);
    env.git(&deploy, &["add", "."]);
    env.git(&deploy, &["commit", "-q", "-m", "Start"]);
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  path: prod\nenvironment: production\nenvironments:\n  staging:\n    app: shop-staging\n    namespace: shop-staging\n    deploy:\n      path: staging\n",
    );
    let certs = tempfile::tempdir().unwrap();
    let (_, cert) = tools::self_signed_rsa(certs.path(), "cert", 2048);
    for (name, keys) in [("staging", staging_keys), ("production", production_keys)] {
        let mut args = vec![
            "secret",
            "set",
            "-e",
            name,
            "--cert",
            cert.to_str().unwrap(),
            "--no-push",
        ];
        let pairs: Vec<String> = keys.iter().map(|k| format!("{k}=x")).collect();
        args.extend(pairs.iter().map(String::as_str));
        env.run(&args).success();
    }
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    for (app, image, id) in [
        (
            "shop",
            "registry.example.com/acme/shop:1",
            format!("registry.example.com/acme/shop@sha256:{}", "1".repeat(64)),
        ),
        (
            "shop-staging",
            STAGING_TAG,
            format!("registry.example.com/acme/shop@{STAGING_DIGEST}"),
        ),
    ] {
        let mut dep = objects::web_deployment(app, image, 1);
        dep["metadata"]["namespace"] = json!(app);
        cluster.apply(dep);
        let mut pod = objects::running_web_pod(app, "0", "aaaaa", image);
        pod["metadata"]["namespace"] = json!(app);
        pod["status"]["containerStatuses"][0]["imageID"] = json!(id);
        cluster.apply(pod);
    }
    cluster
}

/// The `secretsRevision` that `secret set` wrote into production's app.yaml.
fn secrets_revision(env: &TestEnv) -> String {
    let text = env.git(
        &env.root().join("deploy"),
        &["show", "HEAD~0:prod/app.yaml"],
    );
    text.lines()
        .find_map(|l| l.strip_prefix("secretsRevision: "))
        .unwrap_or_default()
        .to_owned()
}

fn production_app_yaml(env: &TestEnv) -> String {
    std::fs::read_to_string(env.root().join("deploy/prod/app.yaml")).unwrap()
}

#[test]
fn promote_refuses_when_the_target_lacks_a_secret_key_and_changes_nothing() {
    let env = TestEnv::new();
    let _cluster = two_apps(&env, &["SECRET_KEY", "STRIPE_KEY"], &["SECRET_KEY"]);
    let before = production_app_yaml(&env);
    env.run(&["promote", "staging", "production", "--no-wait"])
        .code(3)
        .stderr_has("environment `production` lacks secret keys that `staging` has: STRIPE_KEY")
        .stderr_has("hint: set them first (`ungleich-django secret set -e production STRIPE_KEY`), or pass --force");
    assert_eq!(production_app_yaml(&env), before);
    env.run(&["promote", "staging", "staging"])
        .code(3)
        .stderr_has("to itself");
    env.run(&["promote", "staging", "prod"])
        .code(3)
        .stderr_has("no environment `prod`");
}

#[test]
fn promote_ships_what_staging_runs_by_digest_and_shows_what_else_differs() {
    let env = TestEnv::new();
    let cluster = two_apps(&env, &["SECRET_KEY", "STRIPE_KEY"], &["SECRET_KEY"]);
    let pinned = format!("registry.example.com/acme/shop@{STAGING_DIGEST}");
    // Staging's tag moves after its pods pulled it: what they run is still what ships.
    env.write("deploy/staging/app.yaml", "name: shop-staging\nimage: registry.example.com/acme/shop:3\nhosts: [staging.shop.example.com]\n");
    let out = env.run(&[
        "promote",
        "staging",
        "production",
        "--force",
        "--no-wait",
        "-o",
        "json",
    ]);
    out.success();
    let json = out.json();
    assert_eq!(json["image"], pinned.as_str());
    assert_eq!(json["previous_image"], "registry.example.com/acme/shop:1");
    assert_eq!(json["missing_secrets"], json!(["STRIPE_KEY"]));
    assert_eq!(
        json["differences"],
        json!([{"field": "hosts", "from": ["staging.shop.example.com"], "to": ["shop.example.com"]}])
    );
    assert_eq!(json["app"], "shop");
    // Only the image line changed; the customer's comment stays.
    assert_eq!(
        production_app_yaml(&env),
        format!(
            "name: shop\nimage: {pinned}  # promoted from staging\nhosts: [shop.example.com]\nsecretsRevision: {}\n",
            secrets_revision(&env)
        )
    );
    let log = env.git(&env.root().join("deploy"), &["log", "-1", "--format=%s"]);
    assert_eq!(
        log.trim(),
        format!("promote staging to production: {pinned}")
    );
    // The pods were asked in staging's namespace, never production's, for what to promote.
    assert!(
        cluster
            .requests()
            .iter()
            .any(|r| r.path.starts_with("/api/v1/namespaces/shop-staging/pods"))
    );

    // Without -o json people read the same, and the other differences are shown.
    env.run(&["promote", "staging", "production", "--force", "--no-wait"])
        .success()
        .stderr_has(&format!("promoting {pinned} from staging to production"))
        .stderr_has("production lacks secret keys staging has: STRIPE_KEY (--force)")
        .stderr_has("differs: hosts");
}

#[test]
fn environments_and_status_all_envs_show_both_namespaces_and_applications() {
    let env = TestEnv::new();
    let cluster = two_apps(&env, &["SECRET_KEY"], &["SECRET_KEY"]);
    let mut staging = objects::application("shop-staging", "OutOfSync", "abc", "Progressing");
    staging["spec"]["destination"]["namespace"] = json!("shop-staging");
    cluster.apply(staging);
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    for args in [&["environments"][..], &["status", "--all-envs"]] {
        let out = env.run(args);
        out.success();
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines.len(), 3, "{}", out.stdout);
        let words = |line: &str| {
            line.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words(lines[0]),
            [
                "ENVIRONMENT",
                "APP",
                "NAMESPACE",
                "DESIRED",
                "RUNNING",
                "SYNC",
                "HEALTH",
                "PODS"
            ]
        );
        assert_eq!(
            words(lines[1]),
            [
                "production",
                "shop",
                "shop",
                "registry.example.com/acme/shop:1",
                ":1",
                "Synced",
                "Healthy",
                "1/1"
            ]
        );
        assert_eq!(
            words(lines[2]),
            [
                "staging",
                "shop-staging",
                "shop-staging",
                "registry.example.com/acme/shop:2",
                ":2",
                "OutOfSync",
                "Progressing",
                "1/1"
            ]
        );
    }
    let out = env.run(&["environments", "-o", "json"]);
    out.success();
    let json = out.json();
    assert_eq!(json[1]["environment"], "staging");
    assert_eq!(json[1]["namespace"], "shop-staging");
    assert_eq!(json[1]["running_images"], json!([STAGING_TAG]));
    assert_eq!(json[0]["health"], "Healthy");

    // A namespace the cluster refuses is said in its row; the other environment is still shown.
    cluster.deny("list", "pods");
    let out = env.run(&["environments"]);
    out.success().stdout_has("staging: ");
}

#[test]
fn secret_list_all_envs_marks_the_keys_an_environment_lacks() {
    let env = TestEnv::new();
    let _cluster = two_apps(
        &env,
        &["SECRET_KEY", "STRIPE_KEY"],
        &["SECRET_KEY", "SENTRY_DSN"],
    );
    env.run(&["secret", "list", "--all-envs"]).success().stdout_is(
        "KEY         production  staging\nSECRET_KEY  set         set\nSENTRY_DSN  set         missing\nSTRIPE_KEY  missing     set\n",
    );
    let out = env.run(&["secret", "list", "--all-envs", "-o", "json"]);
    out.success();
    assert_eq!(
        out.json()[2],
        json!({"name": "STRIPE_KEY", "environments": {"production": false, "staging": true}})
    );
}

/// The rules of the Roles in the chart's example `file` (relative to chart/examples).
fn example_rules(file: &str) -> Vec<Rule> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("chart/examples")
        .join(file);
    let docs: Vec<Value> =
        serde_saphyr::from_multiple(&std::fs::read_to_string(path).unwrap()).unwrap();
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
    docs.iter()
        .filter(|d| d["kind"] == "Role")
        .flat_map(|role| {
            let namespace = role["metadata"]["namespace"].as_str().unwrap().to_owned();
            role["rules"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| Rule {
                    namespace: namespace.clone(),
                    api_groups: strings(&r["apiGroups"]),
                    resources: strings(&r["resources"]),
                    verbs: strings(&r["verbs"]),
                    resource_names: strings(&r["resourceNames"]),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_chart_examples_rbac_for_both_namespaces_is_enough_for_every_environment_command() {
    let env = TestEnv::new();
    let cluster = two_apps(&env, &["SECRET_KEY"], &["SECRET_KEY"]);
    let mut staging = objects::application("shop-staging", "Synced", "abc", "Healthy");
    staging["spec"]["destination"]["namespace"] = json!("shop-staging");
    cluster.apply(staging);
    cluster.apply(objects::application("shop", "Synced", "abc", "Healthy"));
    let mut rules = example_rules("rbac.yaml");
    rules.extend(example_rules("environments/rbac-staging.yaml"));
    cluster.authorize_with(rules);
    env.run(&["environments"]).success().stdout_has("Healthy");
    // -n cannot name two namespaces: each environment keeps its own.
    env.run(&["status", "--all-envs", "-n", "shop"])
        .success()
        .stdout_has("staging      shop-staging  shop-staging");
    env.run(&["status", "-e", "staging"]).success();
    env.run(&["promote", "staging", "production", "--no-wait"])
        .success();
    assert_eq!(cluster.forbidden(), Vec::<String>::new());
    // Production's Roles alone do not reach staging: its row says so, and promote cannot read it.
    cluster.authorize_with(example_rules("rbac.yaml"));
    env.run(&["environments"]).success().stdout_has("staging: ");
    env.run(&["promote", "staging", "production", "--no-wait"])
        .code(4);
}

// `init -e NAME`: a new environment in a project whose deploy repository is on a real sshd.

const MS: Duration = Duration::from_millis(150);

/// A user linked to app `shop` (namespace shop-production) in the deploy repository `shop` on
/// `server`, whose default environment has the secret SECRET_KEY sealed; returns the bare
/// repository and the link file as written.
fn linked_over_ssh(env: &TestEnv, server: &SshServer) -> (std::path::PathBuf, String) {
    let bare = server.repo("shop");
    server.authorize(&keygen(&env.home().join(".ssh/id_ed25519")));
    env.write("home/.ssh/known_hosts", server.known_hosts_line());
    let link = format!(
        "# the shop, linked by hand\napp: shop\nnamespace: shop-production   # ours\ndeploy:\n  repo: {}\n  branch: main\n  path: .\n",
        server.url(&bare)
    );
    env.write("work/ungleich-django.yaml", &link);
    let certs = tempfile::tempdir().unwrap();
    let (_, cert) = tools::self_signed_rsa(certs.path(), "cert", 2048);
    env.run(&[
        "secret",
        "set",
        "SECRET_KEY=x",
        "--cert",
        cert.to_str().unwrap(),
    ])
    .success();
    (bare, link)
}

fn link_file(env: &TestEnv) -> String {
    std::fs::read_to_string(env.work().join("ungleich-django.yaml")).unwrap()
}

fn tip(bare: &std::path::Path) -> String {
    git(bare, &["rev-parse", "main"]).trim().to_owned()
}

/// A cluster where `shop-staging-web` rolls out `image` once the deployments are watched: what
/// `deploy -e staging` follows to live.
fn staging_rolling_out(env: &TestEnv, image: &str) -> ApiServer {
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(env);
    let mut dep = objects::web_deployment("shop-staging", image, 1);
    dep["metadata"]["generation"] = 2.into();
    objects::set_progressing(&mut dep, "new01", 0, 0, 1);
    cluster.apply(dep);
    cluster.apply(objects::running_web_pod(
        "shop-staging",
        "new01",
        "x2kq4",
        image,
    ));
    cluster
        .scenario()
        .after_watch("deployments")
        .after(MS)
        .deployment_rolled_out("shop-staging-web", "new01")
        .start();
    cluster
}

#[test]
fn init_env_adds_an_environment_commits_its_app_yaml_and_deploy_and_status_use_it() {
    let server = SshServer::start();
    let env = TestEnv::new();
    let (bare, before) = linked_over_ssh(&env, &server);
    // Its namespace is the emulator's scenario namespace, so that its release can be driven.
    let out = env.run(&["init", "-e", "staging", "--namespace", "shop", "--yes"]);
    out.success()
        .stderr_has("added environment staging (app shop-staging, namespace shop)")
        .stderr_has("Committed staging/app.yaml (")
        .stderr_has("(made from default's app.yaml) and pushed it to ssh://")
        .stderr_has("ungleich-django secret set -e staging SECRET_KEY");
    // The file as the customer wrote it, then the new entry with only what differs.
    assert_eq!(
        link_file(&env),
        format!(
            "{before}environments:                # each overrides what differs above; -e NAME selects one\n  staging:\n    app: shop-staging\n    namespace: shop\n    deploy:\n      path: staging\n"
        )
    );
    // One commit, pushed: the default's app.yaml with its own name, comments kept, no secrets.
    assert_eq!(
        git(&bare, &["log", "-1", "--format=%s", "main"]).trim(),
        "Add app.yaml for shop-staging (environment staging, ungleich-django init)"
    );
    assert_eq!(
        git(&bare, &["show", "main:staging/app.yaml"]),
        "# the shop's deploy settings\nname: shop-staging\nimage: registry.example.com/acme/shop:1.0  # set by deploy\nreplicas:\n  web: 2\n"
    );
    assert_eq!(
        git(&bare, &["ls-tree", "--name-only", "main", "staging/"]).trim(),
        "staging/app.yaml"
    );

    // -e staging deploys to its own folder and follows its own app in its own namespace.
    let image = "registry.example.com/acme/shop:2";
    let _cluster = staging_rolling_out(&env, image);
    env.run(&["deploy", "-e", "staging", "--image", image])
        .success()
        .stderr_has("✓ shop-staging is live");
    assert!(git(&bare, &["show", "main:staging/app.yaml"]).contains(image));
    assert!(git(&bare, &["show", "main:app.yaml"]).contains("shop:1.0"));
    env.run(&["status", "-e", "staging"])
        .success()
        .stdout_has(image);
}

#[test]
fn init_env_refuses_a_taken_or_invalid_name_and_a_shared_app_writing_nothing() {
    let server = SshServer::start();
    let env = TestEnv::new();
    let (bare, _) = linked_over_ssh(&env, &server);
    let out = env.run(&["init", "-e", "staging", "--yes", "--dry-run", "-o", "json"]);
    out.success();
    let json = out.json();
    assert_eq!(json["app"], "shop-staging");
    assert_eq!(json["namespace"], "shop-production-staging");
    assert_eq!(json["secrets_to_set"], json!(["SECRET_KEY"]));
    assert_eq!(json["dry_run"], true);
    env.run(&["init", "-e", "staging", "--yes"]).success();
    let (link, head) = (link_file(&env), tip(&bare));
    for (args, message) in [
        (
            &["init", "-e", "staging", "--yes"][..],
            "environment `staging` exists already",
        ),
        (&["init", "-e", "default", "--yes", "--app", "x"][..], ""),
        (
            &[
                "init",
                "-e",
                "qa",
                "--yes",
                "--app",
                "shop-staging",
                "--namespace",
                "shop-production-staging",
            ][..],
            "the new environment would deploy the same app `shop-staging` in namespace `shop-production-staging` as environment `staging`",
        ),
        (
            &["init", "-e", "qa", "--yes", "--deploy-path", "staging"][..],
            "the app.yaml of environment `staging`",
        ),
        (
            &["init", "-e", "Q_A", "--yes"][..],
            "`Q_A` is not an environment name",
        ),
        (
            &["init", "-e", "qa", "--yes", "--server", "gunicorn"][..],
            "--server cannot be given with -e/--env",
        ),
        (
            &["init", "-e", "qa", "--yes", "--deploy-branch", "q..a"][..],
            "invalid deploy branch for the new environment: `q..a` is not a name git allows",
        ),
    ] {
        if message.is_empty() {
            // -e naming the default environment is plain init, which this tree is not for.
            env.run(args).code(3);
        } else {
            env.run(args).code(3).stderr_has(message);
        }
        assert_eq!(link_file(&env), link, "{args:?}");
        assert_eq!(tip(&bare), head, "{args:?}");
    }
}

#[test]
fn init_env_on_a_branch_of_its_own_starts_it_empty_and_deploy_and_status_use_it() {
    let server = SshServer::start();
    let env = TestEnv::new();
    let (bare, before) = linked_over_ssh(&env, &server);
    let main_before = tip(&bare);
    let args = [
        "init",
        "-e",
        "staging",
        "--deploy-branch",
        "staging",
        "--deploy-path",
        ".",
        "--namespace",
        "shop",
        "--yes",
    ];
    env.run(&args)
        .success()
        .stderr_has("Committed app.yaml (")
        .stderr_has("and pushed it to ssh://");
    assert_eq!(
        link_file(&env),
        format!(
            "{before}environments:                # each overrides what differs above; -e NAME selects one\n  staging:\n    app: shop-staging\n    namespace: shop\n    deploy:\n      branch: staging\n"
        )
    );
    // The new branch is one commit holding only staging's app.yaml, in the layout main has:
    // nothing of main's (its app.yaml, its sealed secrets) to be taken for staging's own.
    assert_eq!(tip(&bare), main_before);
    assert_eq!(git(&bare, &["rev-list", "--count", "staging"]).trim(), "1");
    assert_eq!(
        git(&bare, &["ls-tree", "-r", "--name-only", "staging"]).trim(),
        "app.yaml"
    );
    assert!(git(&bare, &["show", "staging:app.yaml"]).contains("name: shop-staging"));
    assert!(git(&bare, &["show", "main:app.yaml"]).contains("name: shop\n"));

    // -e staging deploys on its branch and follows its app; the default stays on main.
    let image = "registry.example.com/acme/shop:2";
    let _cluster = staging_rolling_out(&env, image);
    env.run(&["deploy", "-e", "staging", "--image", image])
        .success()
        .stderr_has("✓ shop-staging is live");
    assert!(git(&bare, &["show", "staging:app.yaml"]).contains(image));
    assert_eq!(tip(&bare), main_before);
    env.run(&["status", "-e", "staging"])
        .success()
        .stdout_has(image);
    // The default environment still reads and writes main, in the same cached clone.
    env.run(&["secret", "list"])
        .success()
        .stdout_has("SECRET_KEY");
    env.run(&["deploy", "--tag", "1.1", "--no-wait"]).success();
    let main_app = git(&bare, &["show", "main:app.yaml"]);
    assert!(main_app.contains("shop:1.1") && main_app.contains("name: shop\n"));
    assert!(git(&bare, &["show", "staging:app.yaml"]).contains(image));
}

#[test]
fn init_env_without_a_link_file_says_to_run_init_first() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.work()).unwrap();
    env.run(&["init", "--env", "staging", "--yes"])
        .code(3)
        .stderr_has("cannot add environment `staging`: no ungleich-django.yaml")
        .stderr_has("hint: run plain `ungleich-django init` first");
    assert!(!env.work().join("ungleich-django.yaml").exists());
}

#[test]
fn promote_follows_the_targets_release_to_live_and_to_a_failure() {
    const POD: &str = "shop-web-new01-x2kq4";
    let pinned = format!("registry.example.com/acme/shop@{STAGING_DIGEST}");
    for failing in [false, true] {
        let env = TestEnv::new();
        let cluster = two_apps(&env, &["SECRET_KEY"], &["SECRET_KEY"]);
        // Production (namespace shop) starts rolling out what was promoted once it is pushed.
        let mut dep = objects::web_deployment("shop", &pinned, 1);
        dep["metadata"]["generation"] = 2.into();
        objects::set_progressing(&mut dep, "new01", 0, 0, 1);
        cluster.apply(dep);
        cluster.apply(objects::web_pod("shop", "new01", "x2kq4", &pinned));
        let scenario = cluster
            .scenario()
            .after_log_request(POD)
            .after(MS)
            .pod_init_logs(POD, &["Applying shop.0002_order... OK"]);
        if failing {
            scenario
                .pod_init_logs(POD, &["django.db.utils.ProgrammingError: boom"])
                .after(MS)
                .container_terminated(POD, "init", 1)
                .start();
            env.run(&["promote", "staging", "production"])
                .code(10)
                .stderr_has("init | django.db.utils.ProgrammingError: boom")
                .stderr_has("error: migrations failed: /init exited with code 1 in pod shop-web-new01-x2kq4");
        } else {
            scenario
                .after(MS)
                .container_terminated(POD, "init", 0)
                .container_running(POD, "run")
                .deployment_rolled_out("shop-web", "new01")
                .start();
            env.run(&["promote", "staging", "production"])
                .success()
                .stderr_has("init | Applying shop.0002_order... OK")
                .stderr_has("✓ shop is live");
        }
        assert!(production_app_yaml(&env).contains(&pinned));
    }
}

#[test]
fn status_all_envs_ends_with_the_worst_environments_code() {
    let env = TestEnv::new();
    let cluster = two_apps(&env, &["SECRET_KEY"], &["SECRET_KEY"]);
    env.run(&["status", "--all-envs"]).success();
    // Staging not deployed: 6, the code `status -e staging` ends with; the table is still shown.
    cluster.delete("apps/v1", "Deployment", "shop-staging", "shop-staging-web");
    cluster.delete("v1", "Pod", "shop-staging", "shop-staging-web-0-aaaaa");
    env.run(&["status", "-e", "staging"]).code(6);
    env.run(&["status", "--all-envs"])
        .code(6)
        .stdout_has("production   shop");
    // Production's sync failed (15): a failed release is worse than one not deployed.
    let mut app = objects::application("shop", "OutOfSync", "abc", "Healthy");
    app["status"]["operationState"]["phase"] = "Failed".into();
    app["status"]["operationState"]["message"] = "one or more objects failed to apply".into();
    cluster.apply(app);
    env.run(&["status", "-e", "production"]).code(15);
    let out = env.run(&["status", "--all-envs", "-o", "json"]);
    out.code(15);
    assert_eq!(out.json()[1]["health"], "not-found");
    // `environments` lists; it judges nothing.
    env.run(&["environments"]).success();
}

#[test]
fn promote_warns_when_the_targets_secret_lacks_a_sealed_key_not_yet_unsealed() {
    let env = TestEnv::new();
    let keys = ["SECRET_KEY", "STRIPE_KEY"];
    let cluster = two_apps(&env, &keys, &keys);
    let promote = ["promote", "staging", "production", "--no-wait"];
    // The deploy repository has both keys; the cluster's SealedSecret has one so far.
    cluster.apply(objects::sealed_secret("shop", "shop-env", &["SECRET_KEY"]));
    env.run(&promote).success().stderr_has(
        "warning: production's Secret shop-env lacks STRIPE_KEY, which its sealed-secrets.yaml has: the cluster's SealedSecret does not have them yet",
    );
    let out = env.run(&[&promote[..], &["-o", "json"]].concat());
    out.success();
    assert_eq!(out.json()["not_unsealed"], json!(["STRIPE_KEY"]));
    // Unsealed, nothing to say.
    cluster.apply(objects::sealed_secret("shop", "shop-env", &keys));
    env.run(&promote).success().never_shows("lacks");
    // A controller that cannot unseal it: every key, with its reason.
    let mut failed = objects::sealed_secret("shop", "shop-env", &keys);
    failed["status"]["conditions"][0]["status"] = json!("False");
    failed["status"]["conditions"][0]["message"] = json!("no key could decrypt secret");
    cluster.apply(failed);
    env.run(&promote)
        .success()
        .stderr_has("lacks SECRET_KEY, STRIPE_KEY, which its sealed-secrets.yaml has: the SealedSecrets controller could not unseal them: no key could decrypt secret");
    // Without the right to read SealedSecrets, promote goes on without the warning.
    cluster.deny("get", "sealedsecrets");
    env.run(&promote).success().never_shows("lacks");
}

/// `--deploy-repo OTHER --deploy-branch B` where OTHER's server has other branches but not `B`:
/// `B` is started there holding only the new environment's app.yaml, as on the default's own
/// repository; OTHER's other branches are left alone.
#[test]
fn init_env_on_a_new_branch_of_another_repository_starts_it_there() {
    let server = SshServer::start();
    let env = TestEnv::new();
    let (bare, _) = linked_over_ssh(&env, &server);
    let other = server.repo("ops");
    // OTHER already serves another app on main.
    let seed = tempfile::tempdir().unwrap();
    let work = seed.path().join("w");
    git(
        seed.path(),
        &[
            "clone",
            "-q",
            &other.to_string_lossy(),
            &work.to_string_lossy(),
        ],
    );
    std::fs::write(work.join("README"), "ops\n").unwrap();
    git(&work, &["add", "."]);
    git(
        &work,
        &[
            "-c",
            "user.name=o",
            "-c",
            "user.email=o@example.com",
            "commit",
            "-q",
            "-m",
            "ops",
        ],
    );
    git(&work, &["push", "-q", "origin", "HEAD:main"]);
    let ops_main = git(&other, &["rev-parse", "main"]);
    let main_before = tip(&bare);
    let url = server.url(&other);
    env.run(&[
        "init",
        "-e",
        "qa",
        "--deploy-repo",
        &url,
        "--deploy-branch",
        "qa",
        "--deploy-path",
        ".",
        "--namespace",
        "shop-qa",
        "--yes",
    ])
    .success()
    .stderr_has("Committed app.yaml (")
    .stderr_has("and pushed it to ssh://");
    assert_eq!(
        git(&other, &["ls-tree", "-r", "--name-only", "qa"]).trim(),
        "app.yaml"
    );
    assert!(git(&other, &["show", "qa:app.yaml"]).contains("name: shop-qa"));
    assert_eq!(git(&other, &["rev-parse", "main"]), ops_main);
    assert_eq!(tip(&bare), main_before);
    assert!(link_file(&env).contains(&format!("  qa:\n    app: shop-qa\n    namespace: shop-qa\n    deploy:\n      repo: {url}\n      branch: qa\n")), "{}", link_file(&env));
    env.run(&["secret", "list", "-e", "qa"]).success();
}

#[test]
fn init_env_on_another_branch_of_a_local_deploy_repository_is_refused_writing_nothing() {
    let env = TestEnv::new();
    two_environments(&env);
    let deploy = env.root().join("deploy");
    let (link, head) = (link_file(&env), git(&deploy, &["rev-parse", "HEAD"]));
    env.run(&[
        "init",
        "-e",
        "qa",
        "--deploy-branch",
        "qa",
        "--namespace",
        "shop-qa",
        "--yes",
    ])
    .code(3)
    .stderr_has("has another branch checked out than `qa`")
    .stderr_has("switch -c qa");
    assert_eq!(link_file(&env), link);
    assert_eq!(git(&deploy, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&deploy, &["branch", "--list", "qa"]), "");
    assert_eq!(git(&deploy, &["status", "--porcelain"]), "");
}
