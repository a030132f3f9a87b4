//! The generated files are the shipped files: they must match what the code generates now, and
//! real shells and mandoc must accept them.

use std::process::Command;

use ungleich_django::generate;

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

    if update_mode() {
        for dir in ["completions", "man"] {
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
    for dir in ["completions", "man"] {
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
    let check = format!(
        "source {}; complete -C 'ungleich-django sec' | string match -q 'secret*'; or exit 3",
        script.display()
    );
    load_in_shell("fish", &["--no-config", "-c", &check]);
}

/// What real bash offers for the words of a command line (the last word being completed).
fn bash_offers(words: &[&str]) -> Vec<String> {
    let script = tools::repo_root().join("completions/ungleich-django.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let check = format!(
        "source {}; COMP_WORDS=({}); COMP_CWORD={}; _ungleich__django ungleich-django '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    shell_lines("bash", &["--norc", "--noprofile", "-c", &check])
}

/// What real fish offers for a command line.
fn fish_offers(line: &str) -> Vec<String> {
    let script = tools::repo_root().join("completions/ungleich-django.fish");
    let check = format!("source {}; complete -C '{line}'", script.display());
    shell_lines("fish", &["--no-config", "-c", &check])
        .into_iter()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect()
}

/// What real zsh's completion system offers for a command line: an interactive zsh in a pty
/// (zsh/zpty) gets the line and a Tab, and a wrapped `compadd` records every match it is given.
fn zsh_offers(line: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matches");
    let completions = tools::repo_root().join("completions");
    let driver = format!(
        r#"zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=({completions} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z 'compadd() {{ builtin compadd -O __m "$@"; (( ${{#__m}} )) && print -l -- ${{__m[@]}} >>{out}; builtin compadd "$@" }}'
zpty -w z "bindkey '^I' complete-word"
zpty -w z '{line}'$'\t'
for i in {{1..50}}; do [[ -s {out} ]] && break; sleep 0.1; done
sleep 0.2
zpty -d z
"#,
        completions = completions.display(),
        out = out.display(),
    );
    shell_lines("zsh", &["-f", "-c", &driver]);
    std::fs::read_to_string(&out)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn shell_lines(shell: &str, args: &[&str]) -> Vec<String> {
    let out = Command::new(tools::require(shell))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn assert_offers(shell: &str, offered: &[String], wanted: &[&str]) {
    for want in wanted {
        assert!(
            offered.iter().any(|o| o == want),
            "{shell} does not offer {want}; it offers {offered:?}"
        );
    }
}

/// Completion beyond the first word: the subcommands of `secret` and the flags of `secret set`.
/// (clap_complete's bash script once completed the first word only; see `generate::completion`.)
#[test]
fn every_shell_completes_subcommands_and_their_flags() {
    assert_offers(
        "bash",
        &bash_offers(&["ungleich-django", "secret", ""]),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "bash",
        &bash_offers(&["ungleich-django", "secret", "set", "--no-p"]),
        &["--no-push"],
    );
    assert_offers(
        "fish",
        &fish_offers("ungleich-django secret "),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "fish",
        &fish_offers("ungleich-django secret set --no-p"),
        &["--no-push"],
    );
    assert_offers(
        "zsh",
        &zsh_offers("ungleich-django secret "),
        &["set", "unset", "import", "list"],
    );
    assert_offers(
        "zsh",
        &zsh_offers("ungleich-django deploy --no-"),
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
