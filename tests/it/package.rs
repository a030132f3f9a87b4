//! The Debian package (`cargo deb`, README "Debian package"): built, installed with `dpkg -i`
//! on this machine, checked where the system looks (man, bash-completion with a fresh bash, zsh's
//! and fish's vendor folders), and removed with `dpkg -r`, leaving none of its files behind.
//!
//! It needs root and cargo-deb, which `.ci/install` installs, so CI runs it; elsewhere it says
//! why it is skipped. The package is built from the debug binary the suite tests (`--no-build
//! --profile dev`): a release build costs minutes on a small CI machine, and the package's
//! layout is what is tested here, not the optimiser; README's command builds the release one.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::tools;

const PACKAGE: &str = "ungleich-django";

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn skip_reason() -> Option<&'static str> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some("dpkg -i needs root (CI runs the suite as root)");
    }
    let deb = Command::new("cargo").args(["deb", "--version"]).output();
    if !deb.is_ok_and(|o| o.status.success()) {
        return Some("cargo-deb is not installed: run `bash .ci/install`");
    }
    None
}

/// Removes the package however the test ends.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = Command::new("dpkg").args(["-r", PACKAGE]).output();
    }
}

/// What a fresh bash with bash-completion offers for `ungleich-django WORD<Tab>`: the script is
/// found where the package put it, loaded on demand as bash-completion does, and asks the
/// installed binary.
fn fresh_bash_offers(word: &str) -> String {
    let script = format!(
        r#"source /usr/share/bash-completion/bash_completion
__load_completion {PACKAGE} || exit 3
f=$(complete -p {PACKAGE} | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
COMP_WORDS=({PACKAGE} {word}); COMP_CWORD=1
"$f" {PACKAGE} {word} {PACKAGE}
printf '%s\n' "${{COMPREPLY[@]}}""#
    );
    run(Command::new(tools::require("bash"))
        .args(["--norc", "--noprofile", "-c", &script])
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("HOME", "/nonexistent"))
}

#[test]
fn the_debian_package_puts_man_pages_and_completions_where_the_system_looks() {
    if let Some(reason) = skip_reason() {
        eprintln!("skipped: {reason}");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let built = run(Command::new("cargo")
        .args([
            "deb",
            "--no-build",
            "--no-strip",
            "--fast",
            "--profile",
            "dev",
            "--output",
        ])
        .arg(out.path())
        .arg("--manifest-path")
        .arg(tools::repo_root().join("Cargo.toml")));
    let deb: PathBuf = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .unwrap_or_else(|| panic!("no .deb built: {built}"));

    let _installed = Installed;
    run(Command::new("dpkg").arg("-i").arg(&deb));
    let files: Vec<PathBuf> = run(Command::new("dpkg").args(["-L", PACKAGE]))
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    for expected in [
        "/usr/bin/ungleich-django",
        "/usr/share/man/man1/ungleich-django-deploy.1.gz",
        "/usr/share/bash-completion/completions/ungleich-django",
        "/usr/share/zsh/vendor-completions/_ungleich-django",
        "/usr/share/fish/vendor_completions.d/ungleich-django.fish",
    ] {
        assert!(
            files.contains(&PathBuf::from(expected)),
            "{expected} not in {files:?}"
        );
    }
    // One page per command, as in man/.
    let pages = std::fs::read_dir(tools::repo_root().join("man"))
        .unwrap()
        .count();
    let installed_pages = files
        .iter()
        .filter(|p| p.starts_with("/usr/share/man/man1"))
        .count();
    assert_eq!(installed_pages, pages);
    assert_eq!(
        run(Command::new("man").args(["-w", "ungleich-django-deploy"])).trim(),
        "/usr/share/man/man1/ungleich-django-deploy.1.gz"
    );
    let offered = fresh_bash_offers("sec");
    assert!(offered.lines().any(|l| l == "secret"), "{offered}");

    run(Command::new("dpkg").args(["-r", PACKAGE]));
    let left: Vec<&Path> = files
        .iter()
        .map(PathBuf::as_path)
        .filter(|p| p.exists())
        .collect();
    assert!(left.is_empty(), "dpkg -r left {left:?}");
}
