//! The opt-in fallback to the `git` program ([`super::GIT_CLI_ENV`]), for what libgit2 cannot
//! do: `~/.ssh/config` (aliases, ProxyJump, IdentityFile), `http.sslCAInfo`, and signed commits.
//! git asks for passwords and passphrases on the terminal itself.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::GitError;
use super::push::{Pushed, is_race};

/// Runs `git args...` in `dir`, feeding `stdin`; returns stdout.
///
/// # Errors
/// When git cannot be started or fails; the error carries its stderr.
pub(crate) fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Result<String, GitError> {
    let command = args.join(" ");
    let failed = |stderr: String| GitError::Cli {
        command: command.clone(),
        stderr,
    };
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("cannot run git: {e}")))?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())
            .map_err(|e| failed(e.to_string()))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| failed(e.to_string()))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        // `push --porcelain` gives its per-ref verdicts on stdout, so keep both.
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(failed(
            format!("{}\n{}", stderr.trim(), stdout.trim())
                .trim()
                .to_owned(),
        ))
    }
}

/// Pushes `refspec` with `git push --porcelain`, telling a lost race from a refusal.
///
/// # Errors
/// When the server refuses the push, or git fails otherwise.
pub(crate) fn push(dir: &Path, refspec: &str, branch: &str) -> Result<Pushed, GitError> {
    match run(dir, &["push", "--porcelain", "origin", refspec], None) {
        Ok(_) => Ok(Pushed::Accepted),
        Err(GitError::Cli { command, stderr }) => {
            // --porcelain: "!<tab>src:dst<tab>[rejected] (why)" or "[remote rejected] (why)".
            let reason = stderr
                .lines()
                .find(|l| l.contains("rejected]"))
                .and_then(|l| l.split_once('(').map(|(_, r)| r.trim_end_matches(')')));
            match reason {
                Some(r) if is_race(r) => Ok(Pushed::NotFastForward),
                Some(r) => Err(GitError::PushRejected {
                    branch: branch.to_owned(),
                    reason: r.to_owned(),
                    remote: stderr
                        .lines()
                        .filter_map(|l| l.strip_prefix("remote: "))
                        .map(str::to_owned)
                        .collect(),
                }),
                None => Err(GitError::Cli { command, stderr }),
            }
        }
        Err(other) => Err(other),
    }
}

/// Creates a commit object signed as the user's git configuration says (`commit-tree -S`).
///
/// # Errors
/// When git cannot sign or create it.
pub(crate) fn commit_tree_signed(
    dir: &Path,
    tree: git2::Oid,
    parents: &[git2::Oid],
    message: &str,
) -> Result<git2::Oid, GitError> {
    let tree = tree.to_string();
    let parents: Vec<String> = parents.iter().map(ToString::to_string).collect();
    let mut args = vec!["commit-tree", "-S", tree.as_str()];
    for parent in &parents {
        args.extend(["-p", parent.as_str()]);
    }
    args.extend(["-F", "-"]);
    let out = run(dir, &args, Some(message))?;
    git2::Oid::from_str(out.trim()).map_err(|source| GitError::Git {
        action: "git commit-tree printed no commit id".to_owned(),
        source,
    })
}
