//! `secret ...` with the real binary: what we seal is unsealed by kubesealpy (an independent
//! implementation, installed by `.ci/install.d/40-kubesealpy.sh`) with private keys made here,
//! and no output ever shows a value.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use base64::Engine as _;

use crate::support::apiserver::{ApiServer, ProxyResponse, objects};
use crate::support::{Outcome, TestEnv, tools};

/// The keys and certificates every test shares, made once per test process.
struct Keys {
    _dir: tempfile::TempDir,
    rsa2048: (PathBuf, PathBuf),
    rsa4096: (PathBuf, PathBuf),
    other2048: (PathBuf, PathBuf),
    ec_cert: PathBuf,
    expired_cert: PathBuf,
}

fn python() -> PathBuf {
    let python = tools::tools_dir().join("kubesealpy/bin/python");
    assert!(
        python.is_file(),
        "these tests need kubesealpy in .tools/kubesealpy: run `bash .ci/install` (or `bash .ci/install.d/40-kubesealpy.sh`)"
    );
    python
}

fn script(name: &str) -> PathBuf {
    tools::repo_root().join("tests/it/secret").join(name)
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("start");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("ud-keys-")
            .tempdir()
            .unwrap();
        let openssl = tools::require("openssl");
        let rsa = |name: &str, bits: u32| tools::self_signed_rsa(dir.path(), name, bits);
        let ec_cert = dir.path().join("ec-cert.pem");
        run_ok(
            Command::new(&openssl)
                .args([
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                    "-days",
                    "30",
                    "-subj",
                    "/CN=ec",
                    "-keyout",
                ])
                .arg(dir.path().join("ec-key.pem"))
                .arg("-out")
                .arg(&ec_cert),
        );
        run_ok(
            Command::new(python())
                .arg(script("make_certs.py"))
                .arg(dir.path()),
        );
        Keys {
            rsa2048: rsa("rsa2048", 2048),
            rsa4096: rsa("rsa4096", 4096),
            other2048: rsa("other2048", 2048),
            ec_cert,
            expired_cert: dir.path().join("expired-cert.pem"),
            _dir: dir,
        }
    })
}

/// A source tree in `work/` linked to a deploy repository in `deploy/` with an app.yaml.
fn linked(env: &TestEnv) -> PathBuf {
    let deploy = env.root().join("deploy");
    std::fs::create_dir_all(&deploy).unwrap();
    env.write(
        "deploy/app.yaml",
        "# The shop.\nname: shop\nimage: registry.example.com/acme/shop:1.0  # CI bumps this\n",
    );
    let git = |args: &[&str]| env.git(&deploy, args);
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "Start"]);
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  branch: main\n  path: .\n",
    );
    deploy
}

fn commits(env: &TestEnv) -> Vec<String> {
    let out = env
        .program("git", &["log", "--format=%s"])
        .current_dir(env.root().join("deploy"))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn sealed_file(env: &TestEnv) -> PathBuf {
    env.root().join("deploy/sealed-secrets.yaml")
}

/// kubesealpy's view of the file: each key's plaintext, or the error.
fn unseal(env: &TestEnv, key: &Path, overrides: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let out = Command::new(python())
        .arg(script("unseal.py"))
        .arg(key)
        .arg(sealed_file(env))
        .arg(overrides)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "unseal.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if let Some(error) = answer["error"].as_str() {
        return Err(error.to_owned());
    }
    let mut data: Vec<(String, Vec<u8>)> = answer["data"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.as_str().unwrap())
                .unwrap();
            (k.clone(), bytes)
        })
        .collect();
    data.sort();
    Ok(data)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

fn one_mebibyte() -> Vec<u8> {
    (0..1 << 20)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

#[test]
fn set_seals_values_an_independent_unsealer_recovers() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;

    let out = env.run_with_stdin(
        &[
            "secret",
            "set",
            "SECRET_KEY",
            "-",
            "--cert",
            path(cert),
            "--no-push",
        ],
        "s3cr3t-from-stdin\n",
    );
    out.success().stdout_is("").never_shows("s3cr3t-from-stdin");
    let fingerprint = run_ok(
        Command::new(tools::require("openssl"))
            .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
            .arg(cert),
    );
    let fingerprint = fingerprint.trim().split('=').nth(1).unwrap().to_owned();
    assert!(
        out.stderr.starts_with(&format!(
            "sealing certificate SHA256 {fingerprint} (RSA 2048 bits, expires 20"
        )) && out.stderr.contains(&format!(
            ") from {}, cached in .ungleich-django/sealing-cert.pem\nsealed SECRET_KEY for shop/shop-env (strict scope, certificate {})\n✓ committed ",
            path(cert),
            path(cert)
        )) && out
            .stderr
            .ends_with("\"Set secret SECRET_KEY\" (not pushed: --no-push)\n"),
        "{}",
        out.stderr
    );

    let binary = env.write("binary.bin", all_bytes());
    env.run(&[
        "secret",
        "set",
        "ALL_BYTES",
        "--from-file",
        path(&binary),
        "--no-push",
    ])
    .success();
    let big = env.write("big.bin", one_mebibyte());
    env.run(&[
        "secret",
        "set",
        "BIG",
        "--from-file",
        path(&big),
        "--no-push",
    ])
    .success();
    // A bare KEY reads piped stdin; empty stdin is refused unless asked for with `KEY -`, and
    // an empty value, however given, is sealed without a terminal only with --allow-empty.
    env.run(&["secret", "set", "EMPTY", "--no-push"])
        .code(3)
        .stderr_has("error: no value for EMPTY: stdin is not a terminal and is empty");
    for args in [&["EMPTY", "-"][..], &["EMPTY="], &["EMPTY=", "OTHER=x"]] {
        let mut line = vec!["secret", "set"];
        line.extend(args);
        line.push("--no-push");
        env.run(&line)
            .code(3)
            .stdout_is("")
            // KEY=VALUE forms also carry the warning that the command line is readable by `ps`.
            .stderr_has("error: the value of EMPTY is empty; nothing was changed\n  hint: pass --allow-empty to seal an empty value\n");
    }
    assert_eq!(commits(&env)[0], "Set secret BIG");
    env.run(&["secret", "set", "EMPTY", "-", "--allow-empty", "--no-push"])
        .success();
    env.run_with_stdin(&["secret", "set", "PIPED", "--no-push"], "p1ped\r\n")
        .success()
        .never_shows("p1ped");
    env.run(&[
        "secret",
        "set",
        "INLINE=v@lue=with=equals",
        "OTHER=x",
        "--no-push",
    ])
    .success()
    .never_shows("v@lue");

    assert_eq!(
        commits(&env),
        [
            "Set secrets INLINE and OTHER",
            "Set secret PIPED",
            "Set secret EMPTY",
            "Set secret BIG",
            "Set secret ALL_BYTES",
            "Set secret SECRET_KEY",
            "Start"
        ]
    );
    let text = std::fs::read_to_string(sealed_file(&env)).unwrap();
    assert!(text.starts_with("---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-env\n  namespace: shop\nspec:\n  encryptedData:\n    ALL_BYTES: AQ"), "{}", &text[..300]);
    assert!(text.ends_with("  template:\n    metadata:\n      name: shop-env\n      namespace: shop\n    type: Opaque\n"));
    let app = std::fs::read_to_string(env.root().join("deploy/app.yaml")).unwrap();
    assert!(app.starts_with("# The shop.\nname: shop\nimage: registry.example.com/acme/shop:1.0  # CI bumps this\nsecretsRevision: "), "{app}");

    let unsealed = unseal(&env, key, "{}").unwrap();
    let expected: Vec<(String, Vec<u8>)> = vec![
        ("ALL_BYTES".into(), all_bytes()),
        ("BIG".into(), one_mebibyte()),
        ("EMPTY".into(), Vec::new()),
        ("INLINE".into(), b"v@lue=with=equals".to_vec()),
        ("OTHER".into(), b"x".to_vec()),
        ("PIPED".into(), b"p1ped".to_vec()),
        ("SECRET_KEY".into(), b"s3cr3t-from-stdin".to_vec()),
    ];
    assert!(unsealed == expected, "unsealed values differ (not shown)");
    // Another key cannot unseal them.
    assert!(unseal(&env, &keys().other2048.0, "{}").is_err());
}

#[test]
fn each_scope_unseals_only_where_it_should() {
    let (key, cert) = &keys().rsa4096;
    // (scope, renamed unseals, moved to another namespace unseals)
    for (scope, renamed_ok, moved_ok) in [
        ("strict", false, false),
        ("namespace-wide", true, false),
        ("cluster-wide", true, true),
    ] {
        let env = TestEnv::new();
        linked(&env);
        env.run_with_stdin(
            &[
                "secret",
                "set",
                "TOKEN",
                "-",
                "--scope",
                scope,
                "--cert",
                path(cert),
                "--no-push",
            ],
            "t0ken",
        )
        .success()
        .stderr_has(&format!("({scope} scope,"))
        .never_shows("t0ken");
        let text = std::fs::read_to_string(sealed_file(&env)).unwrap();
        if scope != "strict" {
            let annotation = format!(
                "  annotations:\n    sealedsecrets.bitnami.com/{scope}: \"true\"\n  name: shop-env\n"
            );
            assert!(text.contains(&annotation), "{text}");
        }
        assert!(
            text.contains("    TOKEN: AgA")
                || text.contains("    TOKEN: AgB")
                || text.contains("    TOKEN: AgC")
                || text.contains("    TOKEN: AgD"),
            "RSA-4096 prefix"
        );
        let expected = vec![("TOKEN".to_owned(), b"t0ken".to_vec())];
        assert_eq!(
            unseal(&env, key, "{}").as_ref().ok(),
            Some(&expected),
            "{scope}"
        );
        let renamed = unseal(&env, key, r#"{"name": "other-env"}"#);
        assert_eq!(renamed.is_ok(), renamed_ok, "{scope} renamed: {renamed:?}");
        let moved = unseal(&env, key, r#"{"namespace": "other"}"#);
        assert_eq!(moved.is_ok(), moved_ok, "{scope} moved: {moved:?}");

        // The file's scope wins over a new --scope once it holds values.
        if scope != "strict" {
            env.run(&["secret", "set", "X=1", "--scope", "strict", "--no-push"])
                .code(3)
                .stderr_has(&format!("sealed-secrets.yaml is {scope} and holds values"));
            env.run(&["secret", "set", "X=1", "--no-push"]).success();
            assert!(unseal(&env, key, "{}").is_ok(), "{scope}: merged key");
        }
    }
}

#[test]
fn import_reads_dotenv_files_and_prints_only_keys() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let dotenv = env.write(
        "work/production.env",
        "# production values\n\nexport SECRET_KEY='sk-l1ve $HOME'\nDATABASE_PASSWORD=\"pa\\\"ss\\nword\"  # quoted\nEMAIL_HOST_PASSWORD = sm7p-pass # inline comment\nPRIVATE_KEY=\"-----BEGIN KEY-----\nAAAA\n-----END KEY-----\"\nEMPTY=\n",
    );
    let mut args = vec![
        "secret",
        "import",
        path(&dotenv),
        "--cert",
        path(cert),
        "--no-push",
    ];
    // An empty value in the file is a placeholder more often than a wish: refused unless allowed.
    env.run(&args)
        .code(3)
        .stdout_is("")
        .stderr_is("error: the value of EMPTY is empty; nothing was changed\n  hint: pass --allow-empty to seal an empty value\n");
    assert_eq!(commits(&env), ["Start"]);
    args.push("--allow-empty");
    let out = env.run(&args);
    out.success()
        .stdout_is("SECRET_KEY\nDATABASE_PASSWORD\nEMAIL_HOST_PASSWORD\nPRIVATE_KEY\nEMPTY\n");
    for value in ["sk-l1ve", "pa\\\"ss", "sm7p-pass", "AAAA"] {
        out.never_shows(value);
    }
    assert_eq!(
        commits(&env)[0],
        "Import secrets SECRET_KEY, DATABASE_PASSWORD, EMAIL_HOST_PASSWORD, PRIVATE_KEY and EMPTY from production.env"
    );
    let unsealed = unseal(&env, key, "{}").unwrap();
    let expected: Vec<(String, Vec<u8>)> = vec![
        ("DATABASE_PASSWORD".into(), b"pa\"ss\nword".to_vec()),
        ("EMAIL_HOST_PASSWORD".into(), b"sm7p-pass".to_vec()),
        ("EMPTY".into(), Vec::new()),
        (
            "PRIVATE_KEY".into(),
            b"-----BEGIN KEY-----\nAAAA\n-----END KEY-----".to_vec(),
        ),
        ("SECRET_KEY".into(), b"sk-l1ve $HOME".to_vec()),
    ];
    assert!(unsealed == expected, "unsealed values differ (not shown)");

    // Under -o json, import answers as set does: one object with the keys and the certificate.
    let more = env.write("work/more.env", "API_TOKEN=t0ken-value\n");
    let out = env.run(&["secret", "import", path(&more), "--no-push", "-o", "json"]);
    out.success().never_shows("t0ken-value");
    let json = out.json();
    assert_eq!(json["keys"], serde_json::json!(["API_TOKEN"]));
    assert_eq!(json["secret"], "shop-env");
    assert!(
        json["certificate"].as_str().unwrap().contains(':'),
        "{json}"
    );

    let bad = env.write("work/bad.env", "GOOD=fine\nBAD KEY=sekrit\n");
    env.run(&["secret", "import", path(&bad), "--no-push"])
        .code(3)
        .stderr_has("bad.env: line 2: expected KEY=value, but blanks come before the `=`: a key cannot contain blanks")
        .never_shows("sekrit")
        .never_shows("BAD");
}

#[test]
fn list_shows_keys_scope_and_last_commit_and_unset_removes() {
    let env = TestEnv::new();
    linked(&env);
    let (_, cert) = &keys().rsa2048;
    env.run(&["secret", "list"])
        .success()
        .stdout_is("")
        .stderr_has("no secrets yet");
    env.run(&["secret", "list", "-o", "json"])
        .success()
        .stdout_is("[]\n");
    env.run(&[
        "secret",
        "set",
        "B_KEY=1",
        "A_KEY=2",
        "--cert",
        path(cert),
        "--no-push",
    ])
    .success();
    env.run(&["secret", "set", "B_KEY=3", "--no-push"])
        .success();
    let head = |n: usize| {
        let out = env
            .program("git", &["log", "--format=%H %cI"])
            .current_dir(env.root().join("deploy"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(n)
            .unwrap()
            .to_owned()
    };
    let (newest, older) = (head(0), head(1));
    let out = env.run(&["secret", "list", "-o", "json"]);
    out.success();
    let json = out.json();
    assert_eq!(json[0]["name"], "A_KEY");
    assert_eq!(json[0]["scope"], "strict");
    assert_eq!(json[0]["commit"], older.split(' ').next().unwrap());
    assert_eq!(json[1]["name"], "B_KEY");
    assert_eq!(json[1]["commit"], newest.split(' ').next().unwrap());
    let out = env.run(&["secret", "list"]);
    out.success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "KEY    SCOPE   COMMIT   CHANGED");
    assert!(
        lines[1].starts_with(&format!("A_KEY  strict  {}  20", &older[..7])),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].starts_with(&format!("B_KEY  strict  {}  20", &newest[..7])),
        "{}",
        out.stdout
    );

    let before = std::fs::read(sealed_file(&env)).unwrap();
    env.run(&["secret", "unset", "A_KEY", "NOPE", "--no-push"])
        .code(3)
        .stderr_is("error: NOPE is not set; nothing was changed\n  hint: see the keys with `ungleich-django secret list`, or pass --ignore-missing\n");
    assert_eq!(std::fs::read(sealed_file(&env)).unwrap(), before);
    env.run(&[
        "secret",
        "unset",
        "A_KEY",
        "NOPE",
        "--ignore-missing",
        "--no-push",
    ])
    .success()
    .stderr_has("NOPE was not set");
    assert_eq!(commits(&env)[0], "Unset secret A_KEY");
    let out = env.run(&["secret", "list", "-o", "json"]);
    out.success();
    assert_eq!(out.json().as_array().unwrap().len(), 1);

    // Scripts get one JSON object from the mutating commands, naming keys, never values.
    let out = env.run(&[
        "secret",
        "set",
        "C_KEY=s3t-by-ci",
        "--no-push",
        "-o",
        "json",
    ]);
    out.success().never_shows("s3t-by-ci");
    let json = out.json();
    assert_eq!(json["keys"], serde_json::json!(["C_KEY"]));
    assert_eq!(json["secret"], "shop-env");
    assert_eq!(json["namespace"], "shop");
    assert_eq!(json["scope"], "strict");
    assert_eq!(json["commit"].as_str().unwrap().len(), 7);
}

#[test]
fn bad_input_is_a_clear_error_and_changes_nothing() {
    let env = TestEnv::new();
    linked(&env);
    let k = keys();
    let garbage = env.write(
        "garbage.pem",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
    );
    let not_pem = env.write("not-pem.txt", "hello\n");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--cert".into(), path(&k.expired_cert).into()],
            "the sealing certificate expired on March 4, 2021 (NotAfter 2021-03-04T05:06:07Z)",
        ),
        (
            vec!["--cert".into(), path(&k.ec_cert).into()],
            "the certificate holds a ECDSA key, but SealedSecrets seals with RSA keys only",
        ),
        (
            vec!["--cert".into(), path(&garbage).into()],
            "the certificate is not valid X.509",
        ),
        (
            vec!["--cert".into(), path(&not_pem).into()],
            "no PEM certificate found",
        ),
        (
            vec![
                "--cert".into(),
                path(&env.root().join("missing.pem")).into(),
            ],
            "cannot read the certificate",
        ),
        (
            vec!["--cert".into(), path(env.root()).into()],
            "cannot read the certificate",
        ),
        (
            vec!["--cert".into(), "http://127.0.0.1:9/cert.pem".into()],
            "only https URLs are fetched",
        ),
        (
            vec![
                "--from-file".into(),
                path(&env.root().join("missing.bin")).into(),
                "--cert".into(),
                path(&k.rsa2048.1).into(),
            ],
            "missing.bin: No such file or directory",
        ),
    ];
    for (extra, message) in &cases {
        let mut args = vec!["secret", "set", "KEY", "--no-push"];
        args.extend(extra.iter().map(String::as_str));
        // Piped stdin is read before the certificate, so there must be a value.
        let out = env.run_with_stdin(&args, "v4lue");
        out.code(3)
            .stdout_is("")
            .stderr_has(message)
            .never_shows("v4lue");
        assert!(!sealed_file(&env).exists(), "{args:?} wrote a file");
    }
    assert_eq!(commits(&env), ["Start"]);

    // A malformed existing file stays exactly as it is.
    for malformed in [
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: [oops\n",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: shop-env}\n",
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: other-env, namespace: shop}\nspec: {encryptedData: {}}\n",
    ] {
        env.write("deploy/sealed-secrets.yaml", malformed);
        let out = env.run_with_stdin(
            &[
                "secret",
                "set",
                "KEY",
                "-",
                "--cert",
                path(&k.rsa2048.1),
                "--no-push",
            ],
            "v4lue",
        );
        out.code(3)
            .stderr_has(&format!("{}", sealed_file(&env).display()))
            .never_shows("v4lue");
        assert_eq!(
            std::fs::read_to_string(sealed_file(&env)).unwrap(),
            malformed
        );
        env.run(&["secret", "unset", "KEY", "--no-push"]).code(3);
        env.run(&["secret", "list"]).code(3);
        assert_eq!(
            std::fs::read_to_string(sealed_file(&env)).unwrap(),
            malformed
        );
    }
    assert_eq!(commits(&env), ["Start"]);

    env.run(&["secret", "set", "1BAD=x", "--no-push"])
        .code(3)
        .stderr_has("error: the key in argument 1 is not a valid environment variable name")
        .never_shows("1BAD");
}

#[test]
fn a_changed_certificate_stops_with_both_fingerprints() {
    let env = TestEnv::new();
    linked(&env);
    let k = keys();
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&k.rsa2048.1),
        "--no-push",
    ])
    .success();
    let cached =
        std::fs::read(env.root().join("deploy/.ungleich-django/sealing-cert.pem")).unwrap();
    let fingerprint = |cert: &Path| {
        let out = run_ok(
            Command::new(tools::require("openssl"))
                .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
                .arg(cert),
        );
        out.trim().split('=').nth(1).unwrap().to_owned()
    };
    let (old, new) = (fingerprint(&k.rsa2048.1), fingerprint(&k.other2048.1));
    env.run(&["secret", "cert"])
        .success()
        .stdout_has(&format!("fingerprint  SHA256 {old}\n"))
        .stdout_has("key          RSA 2048 bits\n");

    let out = env.run(&[
        "secret",
        "set",
        "B=2",
        "--cert",
        path(&k.other2048.1),
        "--no-push",
    ]);
    out.code(3)
        .stderr_has(&format!("  cached: SHA256 {old}\n  new:    SHA256 {new}\n"))
        .stderr_has("pass --accept-new-cert");
    assert_eq!(
        std::fs::read(env.root().join("deploy/.ungleich-django/sealing-cert.pem")).unwrap(),
        cached
    );
    assert_eq!(commits(&env).len(), 2);

    env.run(&[
        "secret",
        "set",
        "B=2",
        "--cert",
        path(&k.other2048.1),
        "--accept-new-cert",
        "--no-push",
    ])
    .success();
    env.run(&["secret", "cert", "-o", "json"]).success();
    let out = env.run(&["secret", "cert", "-o", "json"]);
    assert_eq!(out.json()["fingerprint"], format!("SHA256:{new}"));
    // The values sealed before stay sealed to the old key: both keys are needed, as in the cluster.
    assert!(unseal(&env, &k.other2048.0, "{}").is_err());
}

#[test]
fn a_plaintext_secret_in_the_deploy_repository_is_refused() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    env.write(
        "deploy/db-secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n",
    );
    let git = |args: &[&str]| env.git(&deploy, args);
    git(&["add", "db-secret.yaml"]);
    git(&["commit", "-q", "-m", "Add the database secret"]);
    let out = env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&keys().rsa2048.1),
        "--no-push",
    ]);
    out.code(3)
        .stderr_has("refusing to commit: the deploy repository holds a plaintext Kubernetes Secret (kind: Secret) in db-secret.yaml")
        .never_shows("hunter2");
    assert!(!sealed_file(&env).exists());
    assert_eq!(commits(&env)[0], "Add the database secret");
}

#[test]
fn without_a_cluster_fetch_and_rotate_explain_what_to_do() {
    let mut env = TestEnv::new();
    linked(&env);
    // A kubeconfig whose API server is a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let kubeconfig = env.write(
        "home/.kube/config",
        format!("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:{port}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context: {{cluster: c, user: u}}\ncurrent-context: c\nusers:\n- name: u\n  user: {{token: t}}\n"),
    );
    env.env("KUBECONFIG", kubeconfig.into_os_string());
    env.run(&["secret", "set", "A=1", "--no-push"])
        .code(4)
        .stderr_has("error: cannot read the SealedSecrets controller Service kube-system/sealed-secrets-controller");
    env.run(&[
        "secret",
        "set",
        "B=1",
        "--cert",
        path(&keys().rsa2048.1),
        "--no-push",
    ])
    .success();
    env.run(&["secret", "rotate", "--no-push"])
        .code(4)
        .stderr_has("re-encryption needs the private keys, which only the controller kube-system/sealed-secrets-controller holds");
    assert_eq!(commits(&env).len(), 2);
}

/// A TLS server on loopback with a certificate from a test CA; killed when dropped.
struct HttpsServer {
    child: std::process::Child,
    port: u16,
    ca: PathBuf,
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn https_server(env: &TestEnv, serve: &Path) -> HttpsServer {
    let openssl = tools::require("openssl");
    let dir = env.root().join("tls");
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str| dir.join(name);
    run_ok(
        Command::new(&openssl)
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=test-ca",
                "-keyout",
            ])
            .arg(file("ca-key.pem"))
            .arg("-out")
            .arg(file("ca.pem")),
    );
    run_ok(
        Command::new(&openssl)
            .args([
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
            ])
            .arg(file("srv-key.pem"))
            .arg("-out")
            .arg(file("srv.csr")),
    );
    std::fs::write(
        file("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run_ok(
        Command::new(&openssl)
            .args(["x509", "-req", "-days", "1", "-in"])
            .arg(file("srv.csr"))
            .arg("-CA")
            .arg(file("ca.pem"))
            .arg("-CAkey")
            .arg(file("ca-key.pem"))
            .args(["-CAcreateserial", "-out"])
            .arg(file("srv.pem"))
            .arg("-extfile")
            .arg(file("ext.cnf")),
    );
    let mut child = Command::new(tools::require("python3"))
        .arg(script("https_server.py"))
        .arg(serve)
        .arg(file("srv.pem"))
        .arg(file("srv-key.pem"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    HttpsServer {
        child,
        port: line.trim().parse().expect("the server prints its port"),
        ca: file("ca.pem"),
    }
}

#[test]
fn cert_from_an_https_url_is_verified() {
    let mut env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let server = https_server(&env, cert);
    let url = format!("https://127.0.0.1:{}/cert.pem", server.port);

    // Not trusted: the system roots do not know the test CA.
    env.env("SSL_CERT_FILE", keys().other2048.1.clone().into_os_string());
    env.run(&["secret", "set", "A=1", "--cert", &url, "--no-push"])
        .code(1)
        .stderr_has(&format!("error: cannot fetch {url}: "))
        .stderr_has("invalid peer certificate: UnknownIssuer");
    assert!(!sealed_file(&env).exists());

    env.env("SSL_CERT_FILE", server.ca.clone().into_os_string());
    let missing = format!("https://127.0.0.1:{}/nothing.pem", server.port);
    env.run(&["secret", "set", "A=1", "--cert", &missing, "--no-push"])
        .code(1)
        .stderr_has(&format!("error: cannot fetch {missing}: 404 Not Found"));
    env.run_with_stdin(
        &["secret", "set", "A", "--cert", &url, "--no-push"],
        "fr0m-url",
    )
    .success()
    .stderr_has(&format!("certificate {url})"))
    .never_shows("fr0m-url");
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        vec![("A".to_owned(), b"fr0m-url".to_vec())]
    );
    env.env("SEALED_SECRETS_CERT", &url);
    env.run(&["secret", "cert"])
        .success()
        .stderr_has("is the cached one");
}

#[test]
fn key_value_on_a_terminal_warns_about_shell_history() {
    let env = TestEnv::new();
    linked(&env);
    let bin = env!("CARGO_BIN_EXE_ungleich-django");
    let command = format!(
        "{bin} secret set DEBUG_TOOLBAR=0 --cert {} --no-push",
        path(&keys().rsa2048.1)
    );
    // `script` gives the binary a terminal, as a person's shell would.
    let out = Outcome::of(
        env.program(tools::require("script"), &["-qec", &command, "/dev/null"]),
        None,
    );
    out.success().stdout_has(WARNING);
    assert_eq!(commits(&env)[0], "Set secret DEBUG_TOOLBAR");
}

/// What `KEY=VALUE` warns, always (issue 21: it once warned only on a terminal, and only of the
/// shell history).
const WARNING: &str = "warning: a value given as KEY=VALUE is readable by every user of this machine while the command runs (`ps`, /proc/PID/cmdline) and stays in your shell history or CI log; prefer `secret set KEY -` (value on stdin) or `--from-file PATH`";

#[test]
fn key_value_warns_about_ps_also_without_a_terminal() {
    let env = TestEnv::new();
    linked(&env);
    let cert = path(&keys().rsa2048.1);
    env.run(&[
        "secret",
        "set",
        "DEBUG_TOOLBAR=0",
        "--cert",
        cert,
        "--no-push",
    ])
    .success()
    .stderr_has(WARNING);
    // The other sources are not in any process's arguments, and say nothing.
    let out = env.run_with_stdin(
        &[
            "secret",
            "set",
            "SMTP_PASSWORD",
            "-",
            "--cert",
            cert,
            "--no-push",
        ],
        "pw\n",
    );
    out.success();
    assert!(!out.stderr.contains("warning:"), "{}", out.stderr);
}

#[test]
fn a_value_typed_where_a_key_goes_is_named_by_position_never_shown() {
    let env = TestEnv::new();
    linked(&env);
    let cert = path(&keys().rsa2048.1);
    let before = commits(&env);
    // The reproductions of issue 21, finding 1.
    for (args, value) in [
        (
            &["MAILGUN_API_KEY", "9f86d081884c7d659a2feaa0c55ad015"][..],
            "9f86d081884c7d659a2feaa0c55ad015",
        ),
        (
            &["DB_PASSWORD", "correct-horse.battery"][..],
            "correct-horse",
        ),
        (&["DB_PASSWORD", "CORRECT-HORSE"][..], "CORRECT-HORSE"),
        (&["9f86d081884c7d659a2feaa0c55ad015"][..], "9f86d081884c7d"),
        (
            &["9f86d081884c7d659a2feaa0c55ad015", "abc"][..],
            "9f86d081884c7d",
        ),
        (&["correct-horse.battery=x"][..], "correct-horse"),
    ] {
        let mut full = vec!["secret", "set"];
        full.extend(args);
        full.extend(["--cert", cert, "--no-push"]);
        env.run_with_stdin(&full, "")
            .code(3)
            .stdout_is("")
            .stderr_has("argument ")
            .never_shows(value);
    }
    env.run(&["secret", "unset", "A", "correct-horse.battery", "--no-push"])
        .code(3)
        .stderr_has("error: the key in argument 2 is not a valid environment variable name")
        .never_shows("correct-horse");
    // The tail of an unquoted multi-line value in a dotenv file.
    let dotenv = env.write(
        "work/multi.env",
        "GOOD=1\nTLS_KEY=-----BEGIN KEY-----\n3Fq8xYzK1wPLANT==\n",
    );
    env.run(&[
        "secret",
        "import",
        path(&dotenv),
        "--cert",
        cert,
        "--no-push",
    ])
    .code(3)
    .stderr_has("line 3: the key is not a valid environment variable name")
    .never_shows("3Fq8xYzK1wPLANT");
    // What clap would echo for an unknown `--option`.
    env.run(&["secret", "set", "TOKEN", "--s3cr3t-t0ken-value", "--no-push"])
        .code(2)
        .stdout_is("")
        .stderr_has("error: argument 4 starts with `-` but is no option of this command; it is not shown, as it may be a value")
        .never_shows("s3cr3t");
    // A near miss of a real option is a typo, and clap's suggestion still helps.
    env.run(&["secret", "set", "TOKEN", "--no-psuh"])
        .code(2)
        .stderr_has("--no-push");
    assert_eq!(commits(&env), before);
}

#[test]
fn each_change_is_one_commit_pushed_unless_no_push() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    let origin = env.root().join("origin.git");
    let git = |dir: &Path, args: &[&str]| env.git(dir, args).trim().to_owned();
    // Without a remote there is nothing to push to, and the output says so.
    env.run(&["secret", "set", "A=1", "--cert", path(&keys().rsa2048.1)])
        .success()
        .stderr_has("\"Set secret A\" (not pushed: the deploy repository has no remote with this branch checked out)\n");

    git(
        env.root(),
        &["init", "-q", "--bare", "-b", "main", path(&origin)],
    );
    git(&deploy, &["remote", "add", "origin", path(&origin)]);
    git(&deploy, &["push", "-q", "-u", "origin", "main"]);
    let out = env.run_with_stdin(&["secret", "set", "B", "-"], "pu5hed");
    out.success()
        .stderr_has("\"Set secret B\" (pushed to main)\n")
        .never_shows("pu5hed");
    assert_eq!(git(&origin, &["log", "-1", "--format=%s"]), "Set secret B");
    let files = git(&origin, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, "app.yaml\nsealed-secrets.yaml");

    env.run(&["secret", "unset", "A", "--no-push"])
        .success()
        .stderr_has("\"Unset secret A\" (not pushed: --no-push)\n");
    assert_eq!(git(&origin, &["log", "-1", "--format=%s"]), "Set secret B");
    env.run(&["secret", "unset", "B"])
        .success()
        .stderr_has("(pushed to main)");
    // The earlier unpushed commit went along with it.
    assert_eq!(
        git(&origin, &["log", "-3", "--format=%s"]),
        "Unset secret B\nUnset secret A\nSet secret B"
    );
}

#[test]
fn an_app_in_a_folder_of_the_deploy_repository_keeps_its_files_there() {
    let env = TestEnv::new();
    let deploy = env.root().join("deploy");
    env.write("deploy/apps/shop/app.yaml", "name: shop\n");
    env.write("deploy/README.md", "deployments\n");
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "."],
        &["commit", "-q", "-m", "Start"],
    ] {
        assert!(
            env.program("git", args)
                .current_dir(&deploy)
                .status()
                .unwrap()
                .success()
        );
    }
    env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: ../deploy\n  path: apps/shop\n",
    );
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&keys().rsa2048.1),
        "--no-push",
    ])
    .success();
    let out = env
        .program("git", &["show", "--name-only", "--format=", "HEAD"])
        .current_dir(&deploy)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "apps/shop/.ungleich-django/sealing-cert.pem\napps/shop/app.yaml\napps/shop/sealed-secrets.yaml\n"
    );
    env.run(&["secret", "list", "-o", "json"])
        .success()
        .stdout_has("\"name\":\"A\"");
}

// The certificate through the API server's services proxy, as kubeseal fetches it, against the
// kube-apiserver emulator (tests/it/support/apiserver).

const CONTROLLER_NS: &str = "kube-system";

/// A cluster whose controller Service `name` (first port `port`) answers `/v1/cert.pem` with
/// `cert`; `rotate` answers `/v1/rotate` when given.
fn controller(
    cluster: &ApiServer,
    name: &str,
    port: &str,
    cert: &Path,
    rotated: Option<serde_json::Value>,
) {
    cluster.apply(objects::service(CONTROLLER_NS, name, port, 8080));
    let pem = std::fs::read(cert).unwrap();
    let port = port.to_owned();
    cluster.proxy(CONTROLLER_NS, name, move |request| {
        if request.scheme != "http" || request.port != port {
            return ProxyResponse::status(503, "no endpoints available for service");
        }
        match (request.method.as_str(), request.path.as_str(), &rotated) {
            ("GET", "/v1/cert.pem", _) => ProxyResponse::ok("application/x-pem-file", pem.clone()),
            ("POST", "/v1/rotate", Some(answer)) => {
                ProxyResponse::ok("application/json", serde_json::to_vec(answer).unwrap())
            }
            _ => ProxyResponse::status(404, "404 page not found"),
        }
    });
}

fn cluster_env() -> (TestEnv, ApiServer) {
    let env = TestEnv::new();
    linked(&env);
    let cluster = ApiServer::start();
    cluster.write_kubeconfig(&env);
    (env, cluster)
}

#[test]
fn fetches_the_certificate_from_the_default_controller_and_caches_it() {
    let (env, cluster) = cluster_env();
    let (key, cert) = &keys().rsa2048;
    controller(&cluster, "sealed-secrets-controller", "", cert, None);
    env.run_with_stdin(&["secret", "set", "A", "-", "--no-push"], "fr0m-cluster")
        .success()
        .stderr_has(
            "(strict scope, certificate the controller kube-system/sealed-secrets-controller)",
        )
        .never_shows("fr0m-cluster");
    let lines: Vec<String> = cluster.requests().iter().map(|r| r.line()).collect();
    assert_eq!(
        lines,
        [
            "GET /api/v1/namespaces/kube-system/services/sealed-secrets-controller",
            "GET /api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/cert.pem",
        ]
    );
    assert_eq!(cluster.requests()[1].accept, "application/x-pem-file, */*");
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        vec![("A".to_owned(), b"fr0m-cluster".to_vec())]
    );
    // With the certificate cached, sealing needs no cluster at all.
    drop(cluster);
    env.run(&["secret", "set", "B=2", "--no-push"]).success();
}

#[test]
fn a_helm_installed_controller_needs_its_name_and_the_error_says_so() {
    let (mut env, cluster) = cluster_env();
    let (key, cert) = &keys().rsa2048;
    controller(&cluster, "sealed-secrets", "http", cert, None);
    env.run(&["secret", "set", "A=1", "--no-push"])
        .code(4)
        .stderr_has("error: there is no SealedSecrets controller Service kube-system/sealed-secrets-controller\n")
        .stderr_has("pass --controller-name sealed-secrets");
    assert!(!sealed_file(&env).exists());
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--controller-name",
        "sealed-secrets",
        "--no-push",
    ])
    .success();
    assert!(cluster.requests().iter().any(|r| r.path
        == "/api/v1/namespaces/kube-system/services/http:sealed-secrets:http/proxy/v1/cert.pem"));
    // kubeseal's environment variable names the controller too.
    std::fs::remove_file(env.root().join("deploy/.ungleich-django/sealing-cert.pem")).unwrap();
    env.env("SEALED_SECRETS_CONTROLLER_NAME", "sealed-secrets");
    env.run(&["secret", "cert"])
        .success()
        .stdout_has("key          RSA 2048 bits\n");
    assert!(unseal(&env, key, "{}").is_ok());
}

#[test]
fn a_controller_without_endpoints_is_a_clear_cluster_error() {
    let (env, cluster) = cluster_env();
    cluster.apply(objects::service(
        CONTROLLER_NS,
        "sealed-secrets-controller",
        "",
        8080,
    ));
    env.run(&["secret", "set", "A=1", "--no-push"])
        .code(4)
        .stderr_has("error: the SealedSecrets controller kube-system/sealed-secrets-controller does not answer")
        .stderr_has("(HTTP 503)")
        .stderr_has("hint: check the controller's pods");
    assert_eq!(commits(&env), ["Start"]);
}

#[test]
fn a_swapped_controller_key_stops_with_both_fingerprints() {
    let (env, cluster) = cluster_env();
    let k = keys();
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&k.rsa2048.1),
        "--no-push",
    ])
    .success();
    let cache = env.root().join("deploy/.ungleich-django/sealing-cert.pem");
    let cached = std::fs::read(&cache).unwrap();
    controller(
        &cluster,
        "sealed-secrets-controller",
        "",
        &k.other2048.1,
        None,
    );
    let fingerprint = |cert: &Path| {
        let out = run_ok(
            Command::new(tools::require("openssl"))
                .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
                .arg(cert),
        );
        out.trim().split('=').nth(1).unwrap().to_owned()
    };
    let out = env.run(&["secret", "cert", "--refresh", "--no-push"]);
    out.code(3)
        .stderr_has("the sealing certificate from the controller kube-system/sealed-secrets-controller differs from the one cached")
        .stderr_has(&format!("  cached: SHA256 {}\n  new:    SHA256 {}\n", fingerprint(&k.rsa2048.1), fingerprint(&k.other2048.1)));
    assert_eq!(std::fs::read(&cache).unwrap(), cached);
    env.run(&[
        "secret",
        "cert",
        "--refresh",
        "--accept-new-cert",
        "--no-push",
    ])
    .success()
    .stdout_has(&format!(
        "fingerprint  SHA256 {}\n",
        fingerprint(&k.other2048.1)
    ));
    assert!(commits(&env)[0].starts_with("Cache the sealing certificate SHA256 "));
}

#[test]
fn rotate_takes_the_controllers_re_encryption() {
    let (env, cluster) = cluster_env();
    let k = keys();
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&k.other2048.1),
        "--no-push",
    ])
    .success();
    // The controller re-encrypts to its newest key; here kubesealpy plays that part.
    let mut seal = Command::new(python());
    seal.arg(script("seal.py"))
        .arg(&k.other2048.1)
        .args(["shop", "shop-env"]);
    let out = Outcome::of(seal, Some(b"r0tated"));
    let answer = serde_json::json!({
        "metadata": {"name": "shop-env", "namespace": "shop"},
        "spec": {"template": {"metadata": {"name": "shop-env", "namespace": "shop"}, "type": "Opaque"},
                 "encryptedData": {"A": out.stdout}},
    });
    controller(
        &cluster,
        "sealed-secrets-controller",
        "",
        &k.other2048.1,
        Some(answer),
    );
    env.run(&["secret", "rotate", "--no-push"])
        .success()
        .never_shows("r0tated");
    let rotate = cluster
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    assert_eq!(
        rotate.path,
        "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/rotate"
    );
    let sent: serde_json::Value = serde_json::from_str(&rotate.body).unwrap();
    assert_eq!(sent["kind"], "SealedSecret");
    assert_eq!(sent["metadata"]["name"], "shop-env");
    assert!(commits(&env)[0].starts_with("Re-encrypt secret A to the sealing key SHA256 "));
    assert_eq!(
        unseal(&env, &k.other2048.0, "{}").unwrap(),
        vec![("A".to_owned(), b"r0tated".to_vec())]
    );
}

#[test]
fn a_new_key_is_asked_for_twice_on_a_hidden_prompt() {
    use std::io::{Read, Write};
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let bin = env!("CARGO_BIN_EXE_ungleich-django");
    let command = format!("{bin} secret set NEW_KEY --cert {} --no-push", path(cert));
    // `script` gives the binary a terminal; we type only once the prompt shows, when echo is off.
    let mut child = env
        .program(tools::require("script"), &["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let mut wait_for = |needle: &str, seen: &mut String| {
        let mut buf = [0u8; 256];
        while !seen.contains(needle) {
            let n = stdout.read(&mut buf).unwrap();
            assert!(n > 0, "the prompt {needle:?} never came: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    wait_for("Value of NEW_KEY", &mut seen);
    stdin.write_all(b"typ3d-secret\r").unwrap();
    wait_for("Again, to confirm", &mut seen);
    stdin.write_all(b"typ3d-secret\r").unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    seen.push_str(&rest);
    let status = child.wait().unwrap();
    assert!(status.success(), "{seen}");
    assert!(
        !seen.contains("typ3d-secret"),
        "the terminal showed the value: {seen}"
    );
    assert!(
        seen.contains("\"Set secret NEW_KEY\" (not pushed: --no-push)"),
        "{seen}"
    );
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        vec![("NEW_KEY".to_owned(), b"typ3d-secret".to_vec())]
    );
}

#[test]
fn plaintext_never_reaches_the_disk_or_the_history() {
    let mut env = TestEnv::new();
    let deploy = linked(&env);
    let tmp = env.root().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    env.env("TMPDIR", tmp.clone().into_os_string());
    let value = "d1sk-n3ver-sees-this";
    env.run_with_stdin(
        &[
            "secret",
            "set",
            "A",
            "-",
            "--cert",
            path(&keys().rsa2048.1),
            "--no-push",
        ],
        value,
    )
    .success()
    .never_shows(value);
    let dotenv = env.write("work/.env", format!("B={value}-too\n"));
    env.run(&["secret", "import", path(&dotenv), "--no-push"])
        .success()
        .never_shows(value);
    std::fs::remove_file(&dotenv).unwrap();

    fn scan(dir: &Path, needle: &[u8], found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                scan(&path, needle, found);
            } else if std::fs::read(&path)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle)
            {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    scan(env.root(), value.as_bytes(), &mut found);
    assert!(found.is_empty(), "plaintext on disk in {found:?}");
    // Git objects are compressed: ask git for every version of every file.
    let out = env
        .program("git", &["log", "-p", "--all"])
        .current_dir(&deploy)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(value),
        "plaintext in the history"
    );
    assert!(
        std::fs::read_dir(&tmp).unwrap().next().is_none(),
        "temporary files left behind"
    );
}

const NAME_RULE: &str = "use letters, digits and '_', not starting with a digit";
const NAME_HINT: &str =
    "  hint: secret keys become environment variables of the app's containers\n";
const PLATFORM_HINT: &str = "  hint: the platform's values point at this app's own database, port, hosts and folders; to use another value, store it under a name of your own and read that in your settings (the platform sets DATABASE_URL, PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PORT, STATIC_ROOT, MEDIA_ROOT, ALLOWED_HOSTS, UNGLEICH_APP, UNGLEICH_COMPONENT)\n";

fn cache_file(env: &TestEnv) -> PathBuf {
    env.root().join("deploy/.ungleich-django/sealing-cert.pem")
}

#[test]
fn keys_the_platform_sets_are_refused_flagged_and_removable() {
    let env = TestEnv::new();
    linked(&env);
    let cert = path(&keys().rsa2048.1);
    // The chart's own env wins over envFrom: such a secret would be silently ignored.
    let out = env.run_with_stdin(
        &[
            "secret",
            "set",
            "A=1",
            "DATABASE_URL",
            "-",
            "--cert",
            cert,
            "--no-push",
        ],
        "postgres://hunter2@db",
    );
    out.code(3).stdout_is("").stderr_is(&format!(
        "error: DATABASE_URL is set by the platform: the chart gives the app's containers their own DATABASE_URL, which wins over a secret of that name, so the secret would be ignored; nothing was changed\n{PLATFORM_HINT}"
    ));
    // Every key of a dotenv file is checked before anything is sealed.
    let dotenv = env.write(
        "work/prod.env",
        "SECRET_KEY=hunter2\nPGHOST=db.example.com\nSTRIPE=sk\nPORT=8000\n",
    );
    env.run(&["secret", "import", path(&dotenv), "--cert", cert, "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!(
            "error: PGHOST and PORT are set by the platform: the chart gives the app's containers their own values, which win over secrets of those names, so the secrets would be ignored; nothing was changed\n{PLATFORM_HINT}"
        ))
        .never_shows("hunter2");
    assert!(!sealed_file(&env).exists());
    assert!(!cache_file(&env).exists());
    assert_eq!(commits(&env), ["Start"]);

    // A file from before the check, holding a key the platform sets: list flags it, unset
    // removes it.
    env.run(&[
        "secret",
        "set",
        "OLD_DB=x",
        "SECRET_KEY=y",
        "--cert",
        cert,
        "--no-push",
    ])
    .success();
    let text = std::fs::read_to_string(sealed_file(&env)).unwrap();
    std::fs::write(sealed_file(&env), text.replace("OLD_DB:", "DATABASE_URL:")).unwrap();
    env.git(&env.root().join("deploy"), &["commit", "-qam", "By hand"]);
    let warning = "warning: ignored: the platform sets DATABASE_URL, which wins over the secret DATABASE_URL; remove it with `ungleich-django secret unset DATABASE_URL`\n";
    let out = env.run(&["secret", "list"]);
    out.success().stderr_is(warning);
    assert_eq!(
        out.stdout
            .lines()
            .map(|l| l.split("  ").next().unwrap())
            .collect::<Vec<_>>(),
        ["KEY", "DATABASE_URL", "SECRET_KEY"],
        "{}",
        out.stdout
    );
    let out = env.run(&["secret", "list", "-o", "json"]);
    out.success().stderr_is(warning);
    let ignored: Vec<(String, bool)> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["ignored"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ignored,
        [
            ("DATABASE_URL".to_owned(), true),
            ("SECRET_KEY".to_owned(), false)
        ]
    );
    let out = env.run(&["secret", "unset", "DATABASE_URL", "--no-push"]);
    out.success()
        .stdout_is("")
        .stderr_has("\"Unset secret DATABASE_URL\" (not pushed: --no-push)\n");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    let out = env.run(&["secret", "list"]);
    out.success().stderr_is("");
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert!(out.stdout.contains("\nSECRET_KEY "), "{}", out.stdout);
}

#[test]
fn invalid_key_names_exit_3_in_one_wording_and_never_show_a_value() {
    let env = TestEnv::new();
    linked(&env);
    let cert = path(&keys().rsa2048.1);
    // No rule tells a mistyped name from a value, so an invalid key is named by its position
    // (issue 21: `1BAD`-like words, hex tokens and words with `-` or `.` were shown).
    let bad_name = format!(
        "is not a valid environment variable name and is not shown, as it may be a value: {NAME_RULE}\n{NAME_HINT}"
    );
    env.run(&["secret", "set", "1BAD=hunter2", "--cert", cert, "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!("error: the key in argument 1 {bad_name}"))
        .never_shows("hunter2")
        .never_shows("1BAD");
    env.run(&["secret", "unset", "1BAD", "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!("error: the key in argument 1 {bad_name}"))
        .never_shows("1BAD");
    let dotenv = env.write("work/bad.env", "GOOD=1\n1BAD=hunter2\n");
    env.run(&[
        "secret",
        "import",
        path(&dotenv),
        "--cert",
        cert,
        "--no-push",
    ])
    .code(3)
    .stdout_is("")
    .stderr_is(&format!(
        "error: {}: line 2: the key {bad_name}",
        path(&dotenv)
    ))
    .never_shows("hunter2")
    .never_shows("1BAD");

    // A word that is no name may be a value typed in the wrong place: it is never shown.
    let hidden = format!(
        "is not a valid environment variable name and is not shown, as it may be a value: {NAME_RULE}\n{NAME_HINT}"
    );
    env.run(&[
        "secret",
        "set",
        "TOKEN",
        "p@ss w0rd!",
        "--cert",
        cert,
        "--no-push",
    ])
    .code(3)
    .stdout_is("")
    .stderr_has("error: argument 2 is not an upper-case environment variable name, so it may be a value typed after TOKEN; it is not shown, and nothing was changed\n  hint: ")
    .never_shows("p@ss");
    env.run(&["secret", "set", "=hunter2", "--cert", cert, "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!(
            "error: the key in argument 1 is empty: {NAME_RULE}\n{NAME_HINT}"
        ))
        .never_shows("hunter2");
    let pem = env.write(
        "work/pem.env",
        "KEY=-----BEGIN PRIVATE KEY-----\nMIIsekr1tAB/cd+efgh==\n-----END PRIVATE KEY-----\n",
    );
    env.run(&["secret", "import", path(&pem), "--cert", cert, "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!("error: {}: line 2: the key {hidden}", path(&pem)))
        .never_shows("sekr1t");
    let pem = env.write(
        "work/pem2.env",
        "KEY=-----BEGIN PRIVATE KEY-----\nMIIsekr1tABcdefgh\n",
    );
    env.run(&["secret", "import", path(&pem), "--cert", cert, "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!(
            "error: {}: line 2: expected KEY=value, but the line has no `=` (a value that spans lines must be quoted)\n",
            path(&pem)
        ))
        .never_shows("sekr1t");

    // Repeated keys are invalid input too; mistakes in the command line's shape are usage
    // errors. None shows the value.
    env.run(&[
        "secret",
        "set",
        "A=hunter2",
        "A=x",
        "--cert",
        cert,
        "--no-push",
    ])
    .code(3)
    .stdout_is("")
    .stderr_is("error: `A` is given twice\n  hint: give each key once\n")
    .never_shows("hunter2");
    env.run(&[
        "secret",
        "set",
        "A=hunter2",
        "-",
        "--cert",
        cert,
        "--no-push",
    ])
    .code(2)
    .stdout_is("")
    .stderr_is("error: `-` must follow a KEY: `secret set KEY -` reads KEY's value from stdin\n")
    .never_shows("hunter2");
    env.run(&[
        "secret",
        "set",
        "A=hunter2",
        "--from-file",
        "x",
        "--no-push",
    ])
    .code(2)
    .stdout_is("")
    .stderr_is("error: --from-file sets exactly one KEY, given without a value\n  hint: for example `secret set GOOGLE_CREDENTIALS --from-file creds.json`; set other keys with another `secret set`, or put them all in a dotenv file for `secret import`\n")
    .never_shows("hunter2");
    env.run(&["secret", "set", "A=hunter2", "--frm-file", "x"])
        .code(2)
        .stdout_is("")
        .stderr_has("error: unexpected argument '--frm-file' found")
        .never_shows("hunter2");
    assert!(!sealed_file(&env).exists());
    assert_eq!(commits(&env), ["Start"]);
}

/// A port on loopback nobody listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn inputs_are_checked_before_the_certificate_and_nothing_is_claimed_before_the_commit() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    // A certificate that cannot be had: were it fetched first, its error would show.
    let unreachable = format!("https://127.0.0.1:{}/cert.pem", closed_port());
    let missing = env.root().join("missing.bin");
    env.run(&[
        "secret",
        "set",
        "KEY",
        "--from-file",
        path(&missing),
        "--cert",
        &unreachable,
        "--no-push",
    ])
    .code(3)
    .stdout_is("")
    .stderr_is(&format!(
        "error: cannot read {}: No such file or directory (os error 2)\n",
        path(&missing)
    ));
    // No kubeconfig, no cached certificate: empty piped stdin is still the error.
    env.run(&["secret", "set", "KEY", "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_has("error: no value for KEY: stdin is not a terminal and is empty\n");
    // app.yaml records the secrets' revision: without it nothing can be committed.
    std::fs::rename(deploy.join("app.yaml"), env.root().join("app.yaml")).unwrap();
    env.run_with_stdin(
        &["secret", "set", "KEY", "-", "--cert", &unreachable, "--no-push"],
        "v4lue",
    )
    .code(3)
    .stdout_is("")
    .stderr_is(&format!(
        "error: cannot read {}: No such file or directory (os error 2)\n  hint: the secrets' revision is recorded in app.yaml so that the pods restart with the new values; run `ungleich-django init` to write it\n",
        path(&deploy.join("app.yaml"))
    ))
    .never_shows("v4lue");
    std::fs::rename(env.root().join("app.yaml"), deploy.join("app.yaml")).unwrap();

    // A commit refused after the certificate was read: no line claims it was cached or that
    // anything was sealed.
    env.write(
        "deploy/db-secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: x}\n",
    );
    env.git(&deploy, &["add", "db-secret.yaml"]);
    env.git(&deploy, &["commit", "-qm", "Add the database secret"]);
    env.run_with_stdin(
        &[
            "secret",
            "set",
            "KEY",
            "-",
            "--cert",
            path(&keys().rsa2048.1),
            "--no-push",
        ],
        "v4lue",
    )
    .code(3)
    .stdout_is("")
    .stderr_is("error: refusing to commit: the deploy repository holds a plaintext Kubernetes Secret (kind: Secret) in db-secret.yaml; anyone who can read the repository can read its values\n  hint: remove it from the repository (git rm), set its values with `ungleich-django secret set` or `secret import`, and change those values if the file was ever pushed\n");
    assert!(!cache_file(&env).exists());
    assert!(!sealed_file(&env).exists());
    assert_eq!(commits(&env), ["Add the database secret", "Start"]);
}

#[test]
fn without_a_cluster_the_hints_say_how_to_seal_offline() {
    let env = TestEnv::new();
    linked(&env);
    let kubeconfig_hint =
        "  hint: pass --kubeconfig FILE or set KUBECONFIG to the kubeconfig ungleich gave you\n";
    let offline = "  without access to the cluster, use the certificate as a file: pass --cert FILE|URL (your hoster has it; `kubeseal --fetch-cert` prints it); it is cached, and later commands need neither the cluster nor --cert\n";
    for args in [
        &["secret", "cert"][..],
        &["secret", "set", "A=1", "--no-push"][..],
    ] {
        let out = env.run(args);
        out.code(4)
            .stdout_is("")
            .stderr_has("error: cannot read the kubeconfig ")
            .stderr_has(&format!("{kubeconfig_hint}{offline}"));
        assert!(out.stderr.ends_with(offline), "{}", out.stderr);
    }
    // As the hint says: once with --cert, then offline.
    let out = env.run(&[
        "secret",
        "cert",
        "--cert",
        path(&keys().rsa2048.1),
        "--no-push",
    ]);
    out.success().stdout_has("fingerprint  SHA256 ");
    env.run(&["secret", "set", "A=1", "--no-push"]).success();
    // Re-encryption needs the controller itself: no --cert hint, and each cause once.
    let out = env.run(&["secret", "rotate", "--no-push"]);
    out.code(4)
        .stdout_is("")
        .stderr_has(kubeconfig_hint)
        .never_shows("--cert");
    assert_eq!(
        out.stderr.matches("(os error 2)").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn scripts_read_the_same_fingerprint_from_set_and_cert() {
    let env = TestEnv::new();
    linked(&env);
    let out = env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&keys().rsa2048.1),
        "--no-push",
        "-o",
        "json",
    ]);
    out.success();
    let set = out.json();
    let out = env.run(&["secret", "cert", "-o", "json"]);
    out.success().stderr_is("");
    let cert = out.json();
    assert!(
        set["certificate"].as_str().unwrap().starts_with("SHA256:"),
        "{set}"
    );
    assert_eq!(set["certificate"], cert["fingerprint"]);
}

#[test]
fn import_reads_a_dotenv_file_from_stdin() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let out = env.run_with_stdin(
        &["secret", "import", "-", "--cert", path(cert), "--no-push"],
        "export A=hunter2\nB=\"two\nlines\"\n",
    );
    out.success().stdout_is("A\nB\n").never_shows("hunter2");
    assert_eq!(commits(&env)[0], "Import secrets A and B from stdin");
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        [
            ("A".to_owned(), b"hunter2".to_vec()),
            ("B".to_owned(), b"two\nlines".to_vec())
        ]
    );
    env.run_with_stdin(&["secret", "import", "-", "--no-push"], "")
        .code(3)
        .stdout_is("")
        .stderr_is("error: stdin defines no variables\n  hint: a dotenv file holds KEY=value lines (`export KEY=value` works too; # starts a comment)\n");
}

#[test]
fn help_says_what_a_new_user_needs() {
    let env = TestEnv::new();
    // `--cert` of `secret cert` takes the certificate; it seals nothing.
    env.run(&["secret", "cert", "--help"])
        .success()
        .stdout_has("--cert <FILE|URL>              Take the certificate from this PEM file or https URL instead of\n")
        .stdout_has("secret cert --cert sealing-cert.pem   # without cluster access\n")
        .stderr_is("");
    env.run(&["secret", "set", "--help"])
        .success()
        .stdout_has(
            "those the platform sets (DATABASE_URL, PG*, PORT, ALLOWED_HOSTS, ...) are refused\n",
        )
        .stderr_is("");
    env.run(&["secret", "import", "--help"])
        .success()
        .stdout_has("or - for stdin\n")
        .stderr_is("");
}

#[test]
fn uncommitted_edits_of_the_files_a_secret_commit_takes_are_never_taken_along() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    let k = keys();
    env.run(&[
        "secret",
        "set",
        "A=1",
        "--cert",
        path(&k.rsa2048.1),
        "--no-push",
    ])
    .success();
    // A half-done edit of app.yaml must not be committed (and pushed, and deployed) as part
    // of "Set secret B".
    let app_yaml = deploy.join("app.yaml");
    let edited = format!(
        "{}hosts: [shop.example.com]\n",
        std::fs::read_to_string(&app_yaml).unwrap()
    );
    std::fs::write(&app_yaml, &edited).unwrap();
    let root = path(&deploy);
    let refused = format!(
        "error: app.yaml has changes that are not committed in the deploy repository {root}; the commit would take them along; nothing was changed\n  hint: commit them first (`git -C {root} commit app.yaml`), or set them aside with `git -C {root} stash`\n"
    );
    env.run(&["secret", "set", "B=hunter2", "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&format!("{WARNING}\n{refused}"))
        .never_shows("hunter2");
    env.run(&["secret", "unset", "A", "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&refused);
    let dotenv = env.write("work/prod.env", "C=hunter2\n");
    env.run(&["secret", "import", path(&dotenv), "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_is(&refused);
    assert_eq!(std::fs::read_to_string(&app_yaml).unwrap(), edited);
    assert_eq!(commits(&env), ["Set secret A", "Start"]);
    // Refreshing the certificate commits only the certificate: app.yaml may stay as it is.
    env.run(&[
        "secret",
        "cert",
        "--cert",
        path(&k.other2048.1),
        "--accept-new-cert",
        "--no-push",
    ])
    .success();
    assert_eq!(
        env.git(&deploy, &["status", "--porcelain"]),
        " M app.yaml\n"
    );
    env.git(&deploy, &["commit", "-qam", "Add the host"]);
    env.run(&["secret", "set", "B=2", "--no-push"]).success();
    assert_eq!(commits(&env)[0], "Set secret B");
}

#[test]
fn with_prompts_off_a_missing_value_fails_before_the_cluster_is_asked() {
    let env = TestEnv::new();
    linked(&env);
    let bin = env!("CARGO_BIN_EXE_ungleich-django");
    // A terminal, but --no-input: no value can be had, and no kubeconfig is needed to say so.
    let out = Outcome::of(
        env.program(
            tools::require("script"),
            &[
                "-qec",
                &format!("{bin} secret set NEW_KEY --no-input --no-push"),
                "/dev/null",
            ],
        ),
        None,
    );
    out.code(2)
        .stdout_is("error: Value of NEW_KEY: no answer given, and prompting is off (--no-input, --yes, or stdin is not a terminal)\r\n  hint: pass KEY=VALUE, `KEY -` with the value on stdin, or --from-file PATH\r\n")
        .stderr_is("");
    assert_eq!(commits(&env), ["Start"]);
}

#[test]
fn an_expired_cached_certificate_is_shown_with_what_to_do() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    env.write(
        "deploy/.ungleich-django/sealing-cert.pem",
        std::fs::read(&keys().expired_cert).unwrap(),
    );
    env.git(&deploy, &["add", "."]);
    env.git(&deploy, &["commit", "-qm", "An old certificate"]);
    let warning = "warning: the cached certificate expired on 2021-03-04: `secret set` and `secret import` refuse to seal with it; fetch the current one with `ungleich-django secret cert --refresh`\n";
    env.run(&["secret", "cert"])
        .success()
        .stdout_has("expires      2021-03-04 (expired)\n")
        .stderr_is(warning);
    let out = env.run(&["secret", "cert", "-o", "json"]);
    out.success().stderr_is(warning);
    // snake_case keys, as every `-o json` output has.
    let json = out.json();
    assert_eq!(json["expired"], true);
    assert!(
        json["not_after"]
            .as_str()
            .unwrap()
            .starts_with("2021-03-04"),
        "{json}"
    );
    assert!(json["key_bits"].as_u64().unwrap() >= 2048, "{json}");
    assert!(json.get("notAfter").is_none() && json.get("keyBits").is_none());
    env.run(&["secret", "set", "A=1", "--no-push"])
        .code(3)
        .stdout_is("")
        .stderr_has("the sealing certificate expired on March 4, 2021")
        .stderr_has("secret cert --refresh");
}

#[test]
fn import_warns_about_a_key_defined_twice() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let dotenv = env.write(
        "work/prod.env",
        "API_TOKEN=old-t0ken\nDEBUG=0\nAPI_TOKEN=new-t0ken\n",
    );
    let out = env.run(&[
        "secret",
        "import",
        path(&dotenv),
        "--cert",
        path(cert),
        "--no-push",
    ]);
    out.success()
        .stdout_is("API_TOKEN\nDEBUG\n")
        .stderr_has(&format!(
            "warning: API_TOKEN is defined more than once in {}; the last definition is used\n",
            path(&dotenv)
        ))
        .never_shows("t0ken");
    assert_eq!(out.stderr.matches("warning:").count(), 1, "{}", out.stderr);
    let unsealed = unseal(&env, key, "{}").unwrap();
    assert!(
        unsealed[0] == ("API_TOKEN".to_owned(), b"new-t0ken".to_vec()),
        "the last definition wins (values not shown)"
    );
}

#[test]
fn a_value_typed_where_a_second_key_goes_is_never_committed_or_shown() {
    let env = TestEnv::new();
    linked(&env);
    let cert = path(&keys().rsa2048.1);
    let before = commits(&env);
    // A valid name, so only its case gives it away; piped stdin would otherwise answer it.
    env.run_with_stdin(
        &["secret", "set", "API_TOKEN", "ghp_4f2a9c", "--cert", cert, "--no-push"],
        "",
    )
    .code(3)
    .stdout_is("")
    .stderr_has("error: argument 2 is not an upper-case environment variable name, so it may be a value typed after API_TOKEN; it is not shown, and nothing was changed\n")
    .stderr_has("hint: secret set takes KEYs (each value asked for, hidden) or KEY=VALUE: run `ungleich-django secret set API_TOKEN`")
    .never_shows("ghp_4f2a9c");
    assert_eq!(commits(&env), before);
    // Upper-case keys, and a lower-case key on its own, are still keys.
    env.run(&["secret", "set", "A=1", "B=2", "--cert", cert, "--no-push"])
        .success();
    env.run(&["secret", "set", "lower_case=1", "--no-push"])
        .success();
    assert_eq!(commits(&env).len(), before.len() + 2);
}

#[test]
fn an_empty_value_typed_at_the_terminal_is_asked_about() {
    let env = TestEnv::new();
    linked(&env);
    let work = env.root().join("work");
    let (key, cert) = &keys().rsa2048;
    let args = [
        "secret",
        "set",
        "NEW_KEY",
        "--cert",
        path(cert),
        "--no-push",
    ];
    let typed_empty = [("Value of NEW_KEY", ""), ("Again, to confirm", "")];
    let no = crate::support::terminal::converse(
        &env,
        &work,
        &args,
        &[typed_empty[0], typed_empty[1], ("Seal it empty?", "n")],
    );
    assert!(!no.success, "{}", no.output);
    assert!(
        no.output
            .contains("error: the value of NEW_KEY is empty; nothing was changed"),
        "{}",
        no.output
    );
    assert_eq!(commits(&env), ["Start"]);
    let yes = crate::support::terminal::converse(
        &env,
        &work,
        &args,
        &[typed_empty[0], typed_empty[1], ("Seal it empty?", "y")],
    );
    assert!(yes.success, "{}", yes.output);
    assert_eq!(commits(&env)[0], "Set secret NEW_KEY");
    let unsealed = unseal(&env, key, "{}").unwrap();
    assert!(unsealed == vec![("NEW_KEY".to_owned(), Vec::new())]);
}

#[test]
fn a_value_typed_at_the_hidden_prompt_is_gone_from_memory_at_exit() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    let typed = "Zq7typedAtThePrompt4242";
    // Issue 21: dialoguer's password prompt kept the value whole in the heap until exit.
    let dump = crate::support::terminal::core_at_exit(
        &env,
        &env.work(),
        &[
            "secret",
            "set",
            "NEW_KEY",
            "--cert",
            path(cert),
            "--no-push",
        ],
        Some(&[("Value of NEW_KEY", typed), ("Again, to confirm", typed)]),
        b"",
    );
    assert!(!dump.output.contains(typed), "the terminal showed it");
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        vec![("NEW_KEY".to_owned(), typed.as_bytes().to_vec())],
        "{}",
        dump.output
    );
    assert!(
        !dump.holds(typed.as_bytes()),
        "the typed value is still in the process's memory at exit"
    );
}

#[test]
fn a_large_value_from_stdin_leaves_no_fragments_in_memory_at_exit() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    // 256 KiB: `read_to_end` grew its Vec through many sizes, freeing each copy unwiped.
    let value: String = (0..8192)
        .map(|i| format!("{i:09}-LEAKCHECK-{i:09}|"))
        .collect();
    let dump = crate::support::terminal::core_at_exit(
        &env,
        &env.work(),
        &[
            "secret",
            "set",
            "BIG",
            "-",
            "--cert",
            path(cert),
            "--no-push",
        ],
        None,
        value.as_bytes(),
    );
    assert!(
        unseal(&env, key, "{}").unwrap() == vec![("BIG".to_owned(), value.as_bytes().to_vec())],
        "the value was not sealed (not shown): {}",
        dump.output
    );
    assert!(
        !dump.holds(b"-LEAKCHECK-"),
        "fragments of the value are still in the process's memory at exit"
    );
    // The same for a dotenv file on stdin.
    let dotenv = format!("BIG=\"{value}\"\n");
    let dump = crate::support::terminal::core_at_exit(
        &env,
        &env.work(),
        &["secret", "import", "-", "--cert", path(cert), "--no-push"],
        None,
        dotenv.as_bytes(),
    );
    assert!(dump.output.contains("exited normally"), "{}", dump.output);
    assert!(
        !dump.holds(b"-LEAKCHECK-"),
        "fragments of the imported value are still in the process's memory at exit"
    );
}

#[test]
fn key_dash_on_a_terminal_asks_hidden_and_import_dash_refuses() {
    let env = TestEnv::new();
    linked(&env);
    let (key, cert) = &keys().rsa2048;
    // Issue 21: `KEY -` read the terminal as stdin, echoing what was typed.
    let seen = crate::support::terminal::converse(
        &env,
        &env.work(),
        &[
            "secret",
            "set",
            "TYPED",
            "-",
            "--cert",
            path(cert),
            "--no-push",
        ],
        &[
            ("Value of TYPED", "ech0ed-value"),
            ("Again, to confirm", "ech0ed-value"),
        ],
    )
    .output;
    assert!(
        !seen.contains("ech0ed"),
        "the terminal showed the value: {seen}"
    );
    assert_eq!(
        unseal(&env, key, "{}").unwrap(),
        vec![("TYPED".to_owned(), b"ech0ed-value".to_vec())]
    );
    let seen = crate::support::terminal::converse(
        &env,
        &env.work(),
        &["secret", "import", "-", "--cert", path(cert), "--no-push"],
        &[],
    )
    .output;
    assert!(
        seen.contains(
            "error: `secret import -` reads a dotenv file from stdin, and stdin is a terminal"
        ),
        "{seen}"
    );
}

#[test]
fn kubeconfig_credentials_never_reach_an_error() {
    let env = TestEnv::new();
    linked(&env);
    // Issue 21: a failing exec plugin's command line and output, and a YAML excerpt holding the
    // `token:` line, were printed.
    let kubeconfig = env.write(
        "home/.kube/config",
        "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: https://127.0.0.1:9\ncontexts:\n- name: c\n  context: {cluster: k, user: oidc-user, namespace: shop}\nusers:\n- name: oidc-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: sh\n      args: [\"-c\", \"echo pr1nted-s3cr3t; echo pr1nted-s3cr3t >&2; exit 1\", \"--oidc-client-secret=cl1ent-s3cr3t\"]\n      interactiveMode: Never\n",
    );
    for args in [&["secret", "set", "A=1", "--no-push"][..], &["status"][..]] {
        let out = env.run(args);
        assert_ne!(out.code, Some(0), "{args:?}");
        out.stderr_has("the exec credential plugin of user `oidc-user` of the kubeconfig ")
            .stderr_has(path(&kubeconfig))
            .never_shows("s3cr3t");
    }
    env.write(
        "home/.kube/config",
        "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: t0ken-s3cr3t\n  bad: [\n",
    );
    for args in [&["secret", "set", "A=1", "--no-push"][..], &["status"][..]] {
        env.run(args)
            .code(4)
            .stderr_has(&format!(
                "error: cannot read the kubeconfig {}",
                path(&kubeconfig)
            ))
            .stderr_has("is not valid YAML at line ")
            .never_shows("s3cr3t");
    }
}

#[test]
fn weak_certificates_bad_namespaces_and_the_umask_are_minded() {
    let env = TestEnv::new();
    let deploy = linked(&env);
    let cert = path(&keys().rsa2048.1);
    let before = commits(&env);
    // Issue 21: a 1024-bit sealing certificate was accepted.
    let weak = tools::self_signed_rsa(env.root(), "rsa1024", 1024);
    env.run(&["secret", "set", "A=1", "--cert", path(&weak.1), "--no-push"])
        .code(3)
        .stderr_has("the certificate's RSA key has 1024 bits; sealing needs at least 2048");
    // `-n` lands in the SealedSecret: it must be a namespace name.
    env.run(&["secret", "set", "A=1", "-n", "Bad_NS", "--cert", cert, "--no-push"])
        .code(3)
        .stderr_has("error: -n/--namespace is not a Kubernetes namespace name: `Bad_NS` may contain only lowercase letters, digits and '-'");
    assert_eq!(commits(&env), before);
    // A new file gets 0666 less the umask, not 0644 whatever the umask.
    let command = format!(
        "umask 077; exec '{}' secret set A=1 --cert '{cert}' --no-push",
        env!("CARGO_BIN_EXE_ungleich-django")
    );
    Outcome::of(env.program("sh", &["-c", &command]), None).success();
    let sealed = sealed_file(&env);
    assert!(sealed.starts_with(&deploy));
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&sealed).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "{}", sealed.display());
}
