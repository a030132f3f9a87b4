//! `config set|unset|(list)`: plain variables in app.yaml `env`, one commit each, comments and
//! key order kept, followed like a deploy; every refusal exits 3, commits nothing and never
//! shows the value.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::release::{cluster, git_head, project};
use crate::support::apiserver::objects;
use crate::support::{Outcome, TestEnv};

const IMAGE: &str = "registry.example.com/acme/shop:2";

/// app.yaml with comments around and inside `env`, and a SealedSecret holding `SENTRY_CREDENTIAL`,
/// committed in the project `p`.
fn with_env_and_a_secret(env: &TestEnv, p: &Path) -> PathBuf {
    let spec = p.join("deploy/app.yaml");
    std::fs::write(
        &spec,
        format!(
            "# The shop's deployment.\nname: shop\nimage: {IMAGE}   # bumped by CI\nenv:   # plain settings\n  # the settings module\n  DJANGO_SETTINGS_MODULE: proj.settings   # production\n  TIME_ZONE: UTC\nhosts:\n  - shop.example.com   # main\n"
        ),
    )
    .unwrap();
    std::fs::write(
        p.join("deploy/sealed-secrets.yaml"),
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-env\n  namespace: shop\nspec:\n  encryptedData:\n    SENTRY_CREDENTIAL: AgBy3i4OJSWK+PiTySYZZA==\n  template:\n    metadata:\n      name: shop-env\n      namespace: shop\n",
    )
    .unwrap();
    env.git(p, &["add", "-A"]);
    env.git(p, &["commit", "-q", "-m", "env and a secret"]);
    spec
}

fn config(env: &TestEnv, p: &Path, args: &[&str]) -> Outcome {
    let mut all = vec!["config"];
    all.extend_from_slice(args);
    Outcome::of(env.cmd_in(p, &all), None)
}

#[test]
fn every_refusal_exits_3_commits_nothing_and_never_shows_the_value() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let spec = with_env_and_a_secret(&env, &p);
    let before = std::fs::read_to_string(&spec).unwrap();
    let head = git_head(&p);
    // (arguments, what stderr says, what it must never show)
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["set", "hunter2xyz"],
            "error: argument 1 is not KEY=VALUE and is not shown",
            "hunter2xyz",
        ),
        (
            &["set", "A=1", "1s3cr3t=x"],
            "error: argument 2 has a key that is not a valid environment variable name",
            "1s3cr3t",
        ),
        (
            &["set", "A=v4lue1", "A=v4lue2"],
            "error: A is given twice",
            "v4lue",
        ),
        (
            &["set", "PORT=8080"],
            "error: PORT is set by the platform",
            "8080",
        ),
        (
            &["set", "STRIPE_API_KEY=sk_test_zz9"],
            "hint: seal it with `ungleich-django secret set STRIPE_API_KEY`",
            "sk_test_zz9",
        ),
        (
            &["set", "DB_PASSWORD=pw0rdzz"],
            "error: the value of DB_PASSWORD looks like a secret (its name contains PASSWORD)",
            "pw0rdzz",
        ),
        (
            &["set", "CACHE=redis://:hunter3@cache:6379/0"],
            "it is a URL with a password",
            "hunter3",
        ),
        (
            &["set", "BUILD=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"],
            "(it is long and random-looking)",
            "9f86d081",
        ),
        (
            &["set", "SENTRY_CREDENTIAL=https://o1.example"],
            "error: SENTRY_CREDENTIAL is a sealed secret: a plain value in `env` would shadow the secret",
            "o1.example",
        ),
        (
            &["unset", "SENTRY_CREDENTIAL"],
            "hint: remove a secret with `ungleich-django secret unset SENTRY_CREDENTIAL`",
            "AgBy3i",
        ),
        (
            &["unset", "NOT_THERE"],
            "error: NOT_THERE not set in app.yaml `env`",
            "AgBy3i",
        ),
        (
            &["unset", "DATABASE_URL"],
            "error: DATABASE_URL is set by the platform",
            "AgBy3i",
        ),
    ];
    for (args, says, hidden) in cases {
        let mut all = args.to_vec();
        all.push("--no-wait");
        let out = config(&env, &p, &all);
        out.code(3).stderr_has(says).never_shows(hidden);
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), before, "{args:?}");
        assert_eq!(git_head(&p), head, "{args:?} committed");
    }
    // A flow-style `env` cannot be edited line by line: said, and nothing written.
    std::fs::write(&spec, "name: shop\nenv: {A: b}\n").unwrap();
    env.git(&p, &["commit", "-q", "-am", "flow"]);
    let head = git_head(&p);
    config(&env, &p, &["set", "A=c", "--no-wait"])
        .code(3)
        .stderr_has("write it as a block");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        "name: shop\nenv: {A: b}\n"
    );
    assert_eq!(git_head(&p), head);
    // A whole app.yaml in flow style is a valid spec, but its keys are not where a line edit
    // looks for them: refused with the line, nothing written.
    let flow = "{name: shop, image: r.example.com/shop:1}\n";
    std::fs::write(&spec, flow).unwrap();
    env.git(&p, &["commit", "-q", "-am", "flow mapping"]);
    let head = git_head(&p);
    config(&env, &p, &["set", "A=c", "--no-wait"])
        .code(3)
        .stderr_has("line 1 (`{name: shop, image: r.example.com/shop:1}`) reads differently");
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), flow);
    assert_eq!(git_head(&p), head);
}

#[test]
fn set_and_unset_are_one_commit_each_and_keep_comments_and_order() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let spec = with_env_and_a_secret(&env, &p);
    config(
        &env,
        &p,
        &[
            "set",
            "TIME_ZONE=Europe/Zurich",
            "DJANGO_DEBUG=false",
            "--no-wait",
        ],
    )
    .success()
    .stderr_has("committed \"config set TIME_ZONE DJANGO_DEBUG\"")
    .stdout_has("revision ");
    assert_eq!(
        std::fs::read_to_string(&spec).unwrap(),
        format!(
            "# The shop's deployment.\nname: shop\nimage: {IMAGE}   # bumped by CI\nenv:   # plain settings\n  # the settings module\n  DJANGO_SETTINGS_MODULE: proj.settings   # production\n  TIME_ZONE: Europe/Zurich\n  DJANGO_DEBUG: \"false\"\nhosts:\n  - shop.example.com   # main\n"
        )
    );
    assert_eq!(
        env.git(&p, &["log", "-1", "--format=%s"]).trim(),
        "config set TIME_ZONE DJANGO_DEBUG"
    );
    // --plain stores what only looks secret; the value is the user's to see in app.yaml.
    config(
        &env,
        &p,
        &["set", "PUBLIC_KEY=pk_live_visible", "--plain", "--no-wait"],
    )
    .success();
    config(&env, &p, &["unset", "TIME_ZONE", "PUBLIC_KEY", "--no-wait"]).success();
    assert_eq!(
        env.git(&p, &["log", "-3", "--format=%s"]).trim(),
        "config unset TIME_ZONE PUBLIC_KEY\nconfig set PUBLIC_KEY\nconfig set TIME_ZONE DJANGO_DEBUG"
    );
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(text.contains("env:   # plain settings\n  # the settings module\n  DJANGO_SETTINGS_MODULE: proj.settings   # production\n  DJANGO_DEBUG: \"false\"\nhosts:\n"), "{text}");
    // The same value again commits nothing.
    let head = git_head(&p);
    config(&env, &p, &["set", "DJANGO_DEBUG=false", "--no-wait"])
        .success()
        .stderr_has("nothing new to commit");
    assert_eq!(git_head(&p), head);
}

#[test]
fn config_lists_plain_values_sealed_names_and_platform_names_by_source() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    with_env_and_a_secret(&env, &p);
    let out = config(&env, &p, &[]);
    out.success()
        .stdout_has("KEY                     SOURCE    VALUE\n")
        .stdout_has("DJANGO_SETTINGS_MODULE  app.yaml  proj.settings\n")
        .stdout_has("SENTRY_CREDENTIAL       sealed    (sealed: `ungleich-django secret list`)\n")
        .stdout_has("DATABASE_URL            platform  (set by the platform)\n")
        .never_shows("AgBy3i");
    let out = config(&env, &p, &["-o", "json"]);
    let json = out.json();
    let find = |name: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("TIME_ZONE")["source"], "app_yaml");
    assert_eq!(find("TIME_ZONE")["value"], "UTC");
    assert_eq!(find("SENTRY_CREDENTIAL")["source"], "sealed");
    assert!(find("SENTRY_CREDENTIAL")["value"].is_null());
    assert_eq!(find("PGPASSWORD")["source"], "platform");
}

#[test]
fn config_set_is_followed_like_a_deploy() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    with_env_and_a_secret(&env, &p);
    let cluster = cluster(&env, false);
    cluster.apply(objects::running_web_pod("shop", "new01", "x2kq4", IMAGE));
    cluster
        .scenario()
        .after(Duration::from_millis(300))
        .deployment_rolled_out("shop-web", "new01")
        .start();
    config(&env, &p, &["set", "TIME_ZONE=Europe/Zurich"])
        .success()
        .stderr_has("committed \"config set TIME_ZONE\"")
        .stderr_has(&format!(
            "✓ shop is live at https://shop.example.com (revision {})\n",
            &git_head(&p)[..7]
        ));
}

#[test]
fn without_a_cluster_nothing_is_committed_unless_no_wait() {
    let env = TestEnv::new();
    let p = project(&env, false, false);
    let head = git_head(&p);
    config(&env, &p, &["set", "TIME_ZONE=UTC"])
        .code(4)
        .stderr_has("nothing was committed or pushed");
    assert_eq!(git_head(&p), head);
}
