//! The command line's conventions: help, versions, usage errors, exit codes, colour, the link file.

use crate::support::TestEnv;

#[test]
fn help_lists_every_command_with_examples_and_exit_codes() {
    let env = TestEnv::new();
    let out = env.run(&["--help"]);
    out.success();
    for command in [
        "init",
        "doctor",
        "secret",
        "deploy",
        "rollback",
        "logs",
        "status",
        "schema",
        "completions",
    ] {
        out.stdout_has(&format!("\n  {command} "));
    }
    out.stdout_has("Examples:")
        .stdout_has("Exit codes:")
        .stdout_has("  130  interrupted");
    assert_eq!(out.stderr, "");
}

#[test]
fn every_command_has_help_with_examples() {
    let env = TestEnv::new();
    for command in [
        &["init"][..],
        &["doctor"],
        &["secret", "set"],
        &["secret", "import"],
        &["secret", "list"],
        &["secret", "unset"],
        &["secret", "cert"],
        &["secret", "rotate"],
        &["deploy"],
        &["rollback"],
        &["logs"],
        &["status"],
        &["schema"],
        &["completions"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let out = env.run(&args);
        out.success()
            .stdout_has("Usage: ungleich-django")
            .stdout_has("Examples:");
        // The global flags stand apart under their own heading, as kubectl and flyctl show them.
        let (own, global) = out
            .stdout
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{command:?}: no Global options heading\n{}", out.stdout));
        for flag in [
            "      --kubeconfig <FILE>",
            "      --context <NAME>",
            "  -n, --namespace <NAME>",
            "      --no-input ",
            "  -y, --yes ",
        ] {
            assert!(
                !own.contains(flag),
                "{command:?}: {flag} among its own options\n{own}"
            );
            assert!(
                global.contains(flag),
                "{command:?}: {flag} not global\n{global}"
            );
        }
    }
}

#[test]
fn a_mistyped_flag_gets_the_nearest_one_suggested() {
    let env = TestEnv::new();
    env.run(&["deploy", "--tga", "2"])
        .code(2)
        .stderr_has("error: unexpected argument '--tga' found")
        .stderr_has("tip: a similar argument exists: '--tag'");
    env.run(&["init", "--hots=shop.example.com"])
        .code(2)
        .stderr_has("tip: a similar argument exists: '--host'");
    // Nothing near: no tip that would mislead.
    let out = env.run(&["status", "--frobnicate"]);
    out.code(2);
    assert!(!out.stderr.contains("tip:"), "{}", out.stderr);
}

#[test]
fn version_names_the_program_its_commit_and_the_commit_date() {
    let out = TestEnv::new().run(&["--version"]);
    out.success();
    let root = crate::support::tools::repo_root();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&root)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    // Built from this checkout's HEAD (the suite builds the binary it tests).
    let expected = format!(
        "ungleich-django {} ({} {})\n",
        env!("CARGO_PKG_VERSION"),
        git(&["rev-parse", "--short=7", "HEAD"]),
        git(&["log", "-1", "--format=%cs", "HEAD"])
    );
    out.stdout_is(&expected);
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let env = TestEnv::new();
    env.run(&["deploy", "--image", "a", "--tag", "b"])
        .code(2)
        .stderr_has("cannot be used with");
    env.run(&["frobnicate"])
        .code(2)
        .stderr_has("unrecognized subcommand 'frobnicate'");
    env.run(&["logs", "--since", "5x"])
        .code(2)
        .stderr_has("invalid duration `5x`");
}

#[test]
fn a_missing_directory_for_dash_c_is_a_usage_error() {
    let env = TestEnv::new();
    env.run(&["-C", "/nonexistent/dir", "schema"])
        .code(2)
        .stderr_has("error: cannot change to directory /nonexistent/dir");
}

#[test]
fn a_malformed_link_file_names_file_line_and_field() {
    let env = TestEnv::new();
    let link = env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ndeploy:\n  repo: x\n  brnch: main\n",
    );
    env.write("work/shop/templates/.keep", "");
    // Any command that reads the link file says the same; `secret list` is one that only reads it.
    let out = env.run(&[
        "-C",
        &env.work().join("shop/templates").display().to_string(),
        "secret",
        "list",
    ]);
    out.code(3)
        .stderr_has(&format!(
            "error: invalid link file {}: line 5 column 3: unknown field `brnch`",
            link.display()
        ))
        .stderr_has("hint: did you mean `branch`?");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = TestEnv::new();
    let mut cmd = env.cmd(&["schema"]);
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take()); // the reader goes away before we write, as `| head -c0` would
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn schema_is_json_that_forbids_unknown_keys() {
    let out = TestEnv::new().run(&["schema", "-o", "json"]);
    out.success();
    // A JSON Schema document speaks the JSON Schema vocabulary (`additionalProperties`), and the
    // app spec's own fields are app.yaml's camelCase: not an `-o json` report, so not snake_case.
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}

#[test]
fn the_readme_documents_every_exit_code() {
    let readme =
        std::fs::read_to_string(crate::support::tools::repo_root().join("README.md")).unwrap();
    for code in ungleich_django::exit::ExitCode::ALL {
        let row = format!(
            "| {} | {} |",
            code.code(),
            code.meaning()
                .replace("/init", "`/init`")
                .replace("/run or /async", "`/run` or `/async`")
                .replace("--timeout", "`--timeout`")
        );
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}

#[test]
fn verbose_says_which_link_file_and_cluster_a_command_uses() {
    let env = TestEnv::new();
    let link = env.write(
        "work/ungleich-django.yaml",
        "app: shop\nnamespace: shop\ncontext: prod\ndeploy:\n  repo: ../deploy\n",
    );
    // No kubeconfig exists, so the command fails after resolving; what it resolved is still shown.
    let out = env.run(&["-v", "secret", "cert", "--refresh"]);
    out.stderr_has(&format!(
        "debug: link file {}, environment default (app shop, namespace shop, deploy repository ../deploy branch main path .)",
        link.display()
    ));
    let quiet = env.run(&["secret", "cert", "--refresh"]);
    assert!(!quiet.stderr.contains("debug:"), "{}", quiet.stderr);
}

/// What a failing command shows on a real terminal (`script` gives it one), escape codes and all.
fn error_on_a_terminal(env: &TestEnv, flags: &[&str]) -> String {
    let mut args = vec![env!("CARGO_BIN_EXE_ungleich-django")];
    args.extend_from_slice(flags);
    args.extend(["-C", "/nonexistent/dir", "schema"]);
    let out = env
        .program(
            crate::support::tools::require("timeout"),
            &["30", "script", "-qec", &args.join(" "), "/dev/null"],
        )
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn errors_are_coloured_on_a_terminal_unless_no_color_or_the_flag_says_not() {
    let mut env = TestEnv::new();
    let with_no_color = error_on_a_terminal(&env, &[]);
    assert!(
        with_no_color.starts_with("error: cannot change to directory"),
        "{with_no_color:?}"
    );
    env.unset("NO_COLOR");
    let coloured = error_on_a_terminal(&env, &[]);
    assert!(coloured.starts_with("\u{1b}["), "{coloured:?}");
    assert!(
        coloured.contains("cannot change to directory"),
        "{coloured:?}"
    );
    let flag = error_on_a_terminal(&env, &["--no-color"]);
    assert!(
        flag.starts_with("error: cannot change to directory"),
        "{flag:?}"
    );
    env.env("NO_COLOR", "");
    let empty = error_on_a_terminal(&env, &[]);
    assert!(
        empty.starts_with("\u{1b}["),
        "an empty NO_COLOR is unset: {empty:?}"
    );
}
