//! The external programs the tests use. `.ci/install` puts them in place; a test that needs a
//! missing one fails and says so, rather than passing without having tested anything.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where `.ci/install` puts the tools that are not Debian packages (venvs, helm).
pub fn tools_dir() -> PathBuf {
    repo_root().join(".tools")
}

/// The path of `program`: from `.tools/bin`, then PATH. Panics with the fix when it is missing.
#[track_caller]
pub fn require(program: &str) -> PathBuf {
    find(program).unwrap_or_else(|| {
        panic!("this test needs `{program}`, which is not installed: run `bash .ci/install` (as root on Debian)")
    })
}

/// The path of `program`, if it is installed.
pub fn find(program: &str) -> Option<PathBuf> {
    let local = tools_dir().join("bin").join(program);
    if local.is_file() {
        return Some(local);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A self-signed RSA certificate valid for 30 days, as the SealedSecrets controller makes them:
/// writes `NAME-key.pem` and `NAME-cert.pem` into `dir` and returns (key, certificate).
pub fn self_signed_rsa(dir: &Path, name: &str, bits: u32) -> (PathBuf, PathBuf) {
    let key = dir.join(format!("{name}-key.pem"));
    let cert = dir.join(format!("{name}-cert.pem"));
    let out = std::process::Command::new(require("openssl"))
        .args([
            "req",
            "-x509",
            "-newkey",
            &format!("rsa:{bits}"),
            "-nodes",
            "-days",
            "30",
        ])
        .args(["-subj", "/CN=sealed-secret/O=sealed-secret", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (key, cert)
}
