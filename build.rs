//! Stamps the binary with the commit it was built from and that commit's date, for `--version`
//! and bug reports, and with the target it was built for (`version -o json`). The commit's date rather than the clock's: the same commit builds the same
//! binary. Outside a git checkout (a source tarball) both are `unknown`.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn main() {
    let commit = git(&["rev-parse", "--short=7", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=UNGLEICH_GIT_COMMIT={commit}");
    println!("cargo:rustc-env=UNGLEICH_GIT_DATE={date}");
    // The platform the binary runs on, for `version -o json` (cargo sets TARGET for build scripts).
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=UNGLEICH_TARGET={target}");
    // A new commit changes HEAD or the ref it points to.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/refs/heads");
        println!("cargo:rerun-if-changed={dir}/packed-refs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
