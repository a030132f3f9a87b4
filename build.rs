//! Stamps the binary with the commit it was built from and that commit's date, for `--version`
//! and bug reports, and with the target it was built for (`version -o json`). The commit's date rather than the clock's: the same commit builds the same
//! binary. Outside a git checkout (a source tarball) both are `unknown`.

use std::path::Path;
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
    for path in watched() {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// The files a new commit changes: HEAD, and the branch it points to (its loose ref, or
/// `packed-refs`). In a linked worktree (`git worktree add`) HEAD is in the worktree's own git
/// directory (`.git/worktrees/NAME`) but the refs are in the repository's common one, so both
/// are asked for. Only this branch's ref is watched, not every branch's, so that a commit in
/// another worktree does not rebuild this one. Only paths that exist are named: cargo takes a
/// missing one as changed and would run this script, and rebuild the crate, on every build (a
/// fresh clone has no `packed-refs`, a worktree's git directory no `refs/heads`); a branch
/// with no loose ref yet is watched through its folder, where its first commit writes one.
/// Outside git, none.
fn watched() -> Vec<String> {
    let Some(dirs) = git(&["rev-parse", "--git-dir", "--git-common-dir"]) else {
        return Vec::new();
    };
    let mut lines = dirs.lines();
    let (Some(own), Some(common)) = (lines.next(), lines.next()) else {
        return Vec::new();
    };
    // git answers relative to the folder it ran in, which for a build script is the package's.
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let (own, common) = (Path::new(&root).join(own), Path::new(&root).join(common));
    let mut paths = vec![own.join("HEAD"), common.join("packed-refs")];
    // None when HEAD is detached: then HEAD itself holds the commit.
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        let loose = common.join(&branch);
        match loose.parent() {
            Some(folder) if !loose.exists() => paths.push(folder.to_owned()),
            _ => paths.push(loose),
        }
    }
    paths
        .into_iter()
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect()
}
