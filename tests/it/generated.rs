//! The generated files are the shipped files: they must match what the code generates now, and
//! real shells and mandoc must accept them.

use std::process::Command;

use ungleich_django::generate;

use crate::support::shells::Shell;
use crate::support::tools;

fn update_mode() -> bool {
    std::env::var_os("UNGLEICH_UPDATE_GENERATED").is_some_and(|v| v == "1")
}

/// Compares (or, in update mode, writes) every generated file; fails listing the stale ones.
#[test]
fn generated_files_are_fresh() {
    let root = tools::repo_root();
    let mut expected: Vec<(String, Vec<u8>)> = generate::SHELLS
        .iter()
        .map(|(shell, name)| (format!("completions/{name}"), generate::completion(*shell)))
        .collect();
    expected.extend(
        generate::man_pages()
            .into_iter()
            .map(|(name, bytes)| (format!("man/{name}"), bytes)),
    );
    expected.push((
        "chart/values.schema.json".to_owned(),
        generate::chart_values_schema_json().into_bytes(),
    ));
    let rbac = std::fs::read_to_string(root.join("chart/examples/rbac.yaml")).unwrap();
    expected.push((
        generate::STAGING_RBAC_PATH.to_owned(),
        generate::staging_rbac(&rbac).into_bytes(),
    ));
    // The schemas init writes next to app.yaml and the link file, for editors and as files to
    // point at from elsewhere.
    expected.push((
        "schemas/app.schema.json".to_owned(),
        generate::app_schema_json().into_bytes(),
    ));
    expected.push((
        "schemas/link.schema.json".to_owned(),
        generate::link_schema_json().into_bytes(),
    ));

    if update_mode() {
        for dir in ["completions", "man", "schemas"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
        }
        for (path, bytes) in &expected {
            ungleich_django::fsutil::write_atomic(&root.join(path), bytes, false).unwrap();
        }
        return;
    }
    let mut stale: Vec<String> = expected
        .iter()
        .filter(|(path, bytes)| std::fs::read(root.join(path)).ok().as_ref() != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect();
    for dir in ["completions", "man", "schemas"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !expected.iter().any(|(p, _)| *p == path) {
                stale.push(format!("{path} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nrun `{}`",
        generate::REGENERATE_COMMAND
    );
}

#[test]
fn completions_command_prints_the_committed_files() {
    let env = crate::support::TestEnv::new();
    for (shell, name) in generate::SHELLS {
        let out = env.run(&["completions", &shell.to_string()]);
        out.success();
        let committed =
            std::fs::read_to_string(tools::repo_root().join("completions").join(name)).unwrap();
        assert_eq!(
            out.stdout, committed,
            "completions {shell} differs from completions/{name}"
        );
    }
}

fn load_in_shell(shell: &str, args: &[&str]) {
    let program = tools::require(shell);
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{shell} failed to load the completions: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bash_loads_the_completions() {
    let script = tools::repo_root().join("completions/ungleich-django.bash");
    let check = format!(
        "source {}; complete -p ungleich-django >/dev/null || exit 3",
        script.display()
    );
    load_in_shell("bash", &["--norc", "--noprofile", "-c", &check]);
}

#[test]
fn zsh_loads_the_completions() {
    let dir = tools::repo_root().join("completions");
    let check = format!(
        "fpath=({} $fpath); autoload -Uz compinit; compinit -u -D; autoload -Uz _ungleich-django; whence -w _ungleich-django | grep -q function || exit 3",
        dir.display()
    );
    load_in_shell("zsh", &["-f", "-c", &check]);
}

#[test]
fn fish_loads_the_completions() {
    let script = tools::repo_root().join("completions/ungleich-django.fish");
    let check = format!("source {}; complete -c ungleich-django", script.display());
    load_in_shell("fish", &["--no-config", "-c", &check]);
}

pub(crate) fn assert_offers(shell: &str, offered: &[String], wanted: &[&str]) {
    for want in wanted {
        assert!(
            offered.iter().any(|o| o == want),
            "{shell} does not offer {want}; it offers {offered:?}"
        );
    }
}

/// Completion beyond the first word: the subcommands of `secret` and the flags of `secret set`.
/// (clap_complete's static bash script once completed the first word only; bash, zsh and fish
/// now ask the binary, which completes every word.)
#[test]
fn every_shell_completes_subcommands_and_their_flags() {
    let env = crate::support::TestEnv::new();
    let shell = Shell::new(&env, &env.work());
    assert_offers(
        "bash",
        &shell.bash(&["ungleich-django", "secret", ""]),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "bash",
        &shell.bash(&["ungleich-django", "secret", "set", "--no-p"]),
        &["--no-push"],
    );
    assert_offers(
        "fish",
        &shell.fish("ungleich-django secret "),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "fish",
        &shell.fish("ungleich-django secret set --no-p"),
        &["--no-push"],
    );
    assert_offers(
        "zsh",
        &shell.zsh("ungleich-django secret "),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "zsh",
        &shell.zsh("ungleich-django deploy --no-"),
        &["--no-wait"],
    );
}

#[test]
fn man_pages_pass_mandoc_lint() {
    let mandoc = tools::require("mandoc");
    let dir = tools::repo_root().join("man");
    let pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        pages
            .iter()
            .any(|p| p.ends_with("ungleich-django-secret-set.1")),
        "{pages:?}"
    );
    for page in pages {
        // -W warning: style-level notes ("no blank line") are not defects; warnings and errors are.
        let out = Command::new(&mandoc)
            .args(["-Tlint", "-W", "warning"])
            .arg(&page)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && report.trim().is_empty(),
            "{}: {report}",
            page.display()
        );
    }
}
