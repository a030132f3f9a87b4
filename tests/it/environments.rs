//! Environments (`environments:` in the link file, `-e/--env`, `UNGLEICH_ENV`) with the real
//! binary: every command acts on the environment selected, and says which with `-v`.

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
