//! The `git` program. It fetches and pushes every http(s) remote: there it reads the user's whole
//! git setup (credential helpers, `http.sslCAInfo`, proxies, cookies), and libgit2 is built
//! without a TLS stack, whose eager start-up cost every local commit a CA-bundle parse (README,
//! "Dependencies"). When the user opts in ([`super::GIT_CLI_ENV`]) it also handles ssh remotes
//! (`~/.ssh/config`: aliases, ProxyJump, IdentityFile) and signs commits.
//!
//! Secrets stay out of its arguments: a token reaches git through a credential helper that reads
//! it from the environment git inherits, and the helper's text names only the variable.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::credentials::{Auth, TOKEN_ENV, TOKEN_USER_ENV};
use super::transport::{FETCH_REFSPEC, Pushed, is_race};
use super::{GitError, url_password};

/// A credential helper for `credential.helper` that answers `get` with [`TOKEN_ENV`] as the
/// password and [`TOKEN_USER_ENV`] (else the URL's user, else `git`) as the user name, but only
/// for `https` and the host (and port) in [`TOKEN_HOST_ENV`], the deploy repository's: git asks
/// again for whatever host a redirect leads to, and that host must get nothing.
const TOKEN_HELPER: &str = concat!(
    "!f() { test \"$1\" = get || exit 0; u=; p=; h=; ",
    "while IFS= read -r l && test -n \"$l\"; do case \"$l\" in username=*) u=${l#username=};; protocol=*) p=${l#protocol=};; host=*) h=${l#host=};; esac; done; ",
    "test \"$p\" = https && test -n \"$h\" && test \"$h\" = \"$UNGLEICH_GIT_TOKEN_HOST\" || exit 0; ",
    "printf 'username=%s\\npassword=%s\\n' \"${UNGLEICH_GIT_USERNAME:-${u:-git}}\" \"$UNGLEICH_GIT_TOKEN\"; }; f"
);

/// The one host (`name[:port]`, as git's credential protocol says it) the token may go to.
const TOKEN_HOST_ENV: &str = "UNGLEICH_GIT_TOKEN_HOST";

/// What git printed when it failed, and how to show it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct GitSaid(String);

/// Runs `git args...` in `dir`, feeding `stdin`; returns stdout.
///
/// # Errors
/// When git cannot be started or fails; the error carries its stderr.
pub(crate) fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Result<String, GitError> {
    let mut command = Command::new("git");
    command.args(args).current_dir(dir);
    output(command, stdin).map_err(|failure| GitError::Cli {
        command: args.join(" "),
        stderr: failure.text(),
    })
}

/// Fetches every branch of `origin` (at `url`) into `refs/remotes/origin/*`, and drops those the
/// server no longer has (see `libgit2::fetch`).
///
/// # Errors
/// When the server cannot be reached or refuses us, explained as [`GitError`] says.
pub(crate) fn fetch(dir: &Path, url: &str, auth: &Auth) -> Result<(), GitError> {
    refuse_token_over_http(url)?;
    network(
        dir,
        url,
        auth,
        &["fetch", "--quiet", "--prune", "origin", FETCH_REFSPEC],
    )
    .map(drop)
    .map_err(|failure| explain(url, auth, &failure.text()))
}

/// Pushes `refspec` to `origin` (at `url`) with `git push --porcelain`, telling a lost race from
/// a refusal.
///
/// # Errors
/// When the server refuses the push, or the network or authentication fails.
pub(crate) fn push(
    dir: &Path,
    url: &str,
    auth: &Auth,
    refspec: &str,
    branch: &str,
) -> Result<Pushed, GitError> {
    refuse_token_over_http(url)?;
    let failure = match network(dir, url, auth, &["push", "--porcelain", "origin", refspec]) {
        Ok(_) => return Ok(Pushed::Accepted),
        Err(failure) => failure,
    };
    let text = failure.text();
    // --porcelain: "!<tab>src:dst<tab>[rejected] (why)" or "[remote rejected] (why)".
    let reason = text
        .lines()
        .find(|l| l.contains("rejected]"))
        .and_then(|l| l.split_once('(').map(|(_, r)| r.trim_end_matches(')')));
    match reason {
        Some(r) if is_race(r) => Ok(Pushed::NotFastForward),
        Some(r) => Err(GitError::PushRejected {
            branch: branch.to_owned(),
            reason: r.to_owned(),
            remote: text
                .lines()
                .filter_map(|l| l.strip_prefix("remote: "))
                .map(str::to_owned)
                .collect(),
        }),
        None => Err(explain(url, auth, &text)),
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

/// Why a git run failed.
enum Failure {
    /// git is not installed (or not on PATH).
    Missing,
    /// git could not be started or talked to otherwise.
    Start(std::io::Error),
    /// git ran and failed: its stderr, then its stdout (`push --porcelain` gives its per-ref
    /// verdicts there).
    Failed(String),
}

impl Failure {
    fn text(&self) -> String {
        match self {
            Failure::Missing => "cannot run git: it is not installed or not on PATH".to_owned(),
            Failure::Start(e) => format!("cannot run git: {e}"),
            Failure::Failed(text) => text.clone(),
        }
    }
}

fn output(mut command: Command, stdin: Option<&str>) -> Result<String, Failure> {
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Failure::Missing,
        _ => Failure::Start(e),
    })?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).map_err(Failure::Start)?;
    }
    let out = child.wait_with_output().map_err(Failure::Start)?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        return Ok(stdout);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    Err(Failure::Failed(
        format!("{}\n{}", stderr.trim(), stdout.trim())
            .trim()
            .to_owned(),
    ))
}

/// Runs a network command: the token (if any) as the only credential, no terminal prompt
/// without a terminal, and `SSL_CERT_FILE`/`SSL_CERT_DIR` honoured as everywhere else in the
/// tool (git's own settings win).
fn network(dir: &Path, url: &str, auth: &Auth, args: &[&str]) -> Result<String, Failure> {
    let mut command = Command::new("git");
    command.current_dir(dir);
    if token().is_some() {
        // Only the token: in CI a helper of the machine must not answer instead, and a wrong
        // token must stop at once rather than fall back to a prompt.
        command.args(["-c", "credential.helper=", "-c"]);
        command.arg(format!("credential.helper={TOKEN_HELPER}"));
        command.env(TOKEN_HOST_ENV, https_host(url).unwrap_or_default());
        command.env("GIT_TERMINAL_PROMPT", "0");
    } else if !auth.can_prompt() {
        command.env("GIT_TERMINAL_PROMPT", "0");
    }
    if !has_git_ca_setting() {
        for (ours, gits) in [
            ("SSL_CERT_FILE", "GIT_SSL_CAINFO"),
            ("SSL_CERT_DIR", "GIT_SSL_CAPATH"),
        ] {
            if let Some(value) = std::env::var_os(ours).filter(|v| !v.is_empty()) {
                command.env(gits, value);
            }
        }
    }
    command.args(args);
    match output(command, None) {
        Err(Failure::Missing) => Err(Failure::Failed(format!(
            "{MISSING_MARK} {}",
            super::redact_url(url)
        ))),
        other => other,
    }
}

/// How [`network`] tells [`explain`] that git is not installed.
const MISSING_MARK: &str = "ungleich-django: git is not installed, and is needed for";

/// True when git is told where CAs are by its own environment or configuration, which then win.
fn has_git_ca_setting() -> bool {
    if ["GIT_SSL_CAINFO", "GIT_SSL_CAPATH"]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
    {
        return true;
    }
    super::config::user().is_ok_and(|config| {
        config.get_string("http.sslCAInfo").is_ok() || config.get_string("http.sslCAPath").is_ok()
    })
}

/// A token is a password: over plain http anyone on the way reads it. Plain http stays usable
/// without a token, for a server that asks for no credentials.
fn refuse_token_over_http(url: &str) -> Result<(), GitError> {
    if token().is_some() && url_scheme(url).eq_ignore_ascii_case("http") {
        return Err(GitError::TokenOverHttp {
            url: url.to_owned(),
        });
    }
    Ok(())
}

/// The scheme of `url` (`https`, `http`, ...); empty for scp-like ssh and paths.
fn url_scheme(url: &str) -> &str {
    url.split_once("://").map_or("", |(scheme, _)| scheme)
}

/// `host[:port]` of an https URL, without user information, as git's credential protocol names
/// it; `None` for anything else.
fn https_host(url: &str) -> Option<&str> {
    if !url_scheme(url).eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[url.find("://")? + 3..];
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(
        authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host),
    )
}

fn token() -> Option<std::ffi::OsString> {
    std::env::var_os(TOKEN_ENV).filter(|t| !t.is_empty())
}

/// Turns what git printed into an error that says what was tried and what to do.
fn explain(url: &str, auth: &Auth, text: &str) -> GitError {
    let text = match url_password(url) {
        Some(password) if !password.is_empty() => text.replace(password, "***"),
        _ => text.to_owned(),
    };
    let said = || Box::new(GitSaid(text.clone()));
    let lower = text.to_lowercase();
    if text.starts_with(MISSING_MARK) {
        return GitError::GitProgramMissing {
            url: url.to_owned(),
        };
    }
    let auth_failed = [
        "authentication failed",
        "could not read username",
        "could not read password",
        "terminal prompts disabled",
        "permission denied (publickey",
        "invalid username or password",
    ];
    if auth_failed.iter().any(|m| lower.contains(m)) {
        return GitError::AuthFailed {
            url: url.to_owned(),
            tried: tried(url, auth),
            source: said(),
        };
    }
    if lower.contains("certificate") || lower.contains("ssl_connect") {
        return GitError::TlsUntrusted {
            url: url.to_owned(),
            source: said(),
        };
    }
    let network = [
        "unable to access",
        "could not resolve",
        "failed to connect",
        "connection refused",
        "connection reset",
        "timed out",
        "the remote end hung up",
        "early eof",
        "could not read from remote repository",
        "not found",
    ];
    if network.iter().any(|m| lower.contains(m)) {
        return GitError::Network {
            url: url.to_owned(),
            builtin_ssh: false,
            source: said(),
        };
    }
    GitError::Cli {
        command: "git (network)".to_owned(),
        stderr: text,
    }
}

/// The credentials git had for `url`, for the error message.
fn tried(url: &str, auth: &Auth) -> Vec<String> {
    if !super::is_http_url(url) {
        return vec![
            "ssh's own keys, agent and ~/.ssh/config (through the git program)".to_owned(),
        ];
    }
    if token().is_some() {
        let user = std::env::var(TOKEN_USER_ENV)
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| url_user(url))
            .unwrap_or_else(|| "git".to_owned());
        return vec![format!("the token in {TOKEN_ENV} as user `{user}`")];
    }
    let helpers: Vec<String> = super::config::user()
        .ok()
        .map(|config| {
            let mut found = Vec::new();
            if let Ok(mut entries) = config.multivar("credential.helper", None) {
                while let Some(Ok(entry)) = entries.next() {
                    if let Some(value) = entry.value().ok().filter(|v| !v.is_empty()) {
                        found.push(format!("`{value}`"));
                    }
                }
            }
            found
        })
        .unwrap_or_default();
    let mut tried = vec![if helpers.is_empty() {
        "git credential helper: none configured".to_owned()
    } else {
        format!("your git credential helper ({})", helpers.join(", "))
    }];
    tried.push(if auth.can_prompt() {
        "a user name and password typed at git's prompt".to_owned()
    } else {
        "no terminal to ask for a user name and password".to_owned()
    });
    tried
}

/// The user name of a `scheme://user[:password]@host/...` URL.
fn url_user(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split('/').next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    let user = userinfo.split(':').next()?;
    (!user.is_empty()).then(|| user.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_host_is_the_https_urls_host_and_port() {
        assert_eq!(
            https_host("https://bob:pw@git.example.com:8443/a/b.git"),
            Some("git.example.com:8443")
        );
        assert_eq!(
            https_host("HTTPS://git.example.com/a"),
            Some("git.example.com")
        );
        assert_eq!(https_host("http://git.example.com/a"), None);
        assert_eq!(https_host("git@git.example.com:a/b.git"), None);
        assert_eq!(url_scheme("http://x/y"), "http");
    }

    #[test]
    fn what_git_printed_becomes_the_error_that_says_what_to_do() {
        let url = "https://bob:pw@git.example.com/a/b.git";
        let auth = Auth::default();
        let cases = [
            (
                "fatal: Authentication failed for 'https://git.example.com/a/b.git/'",
                "AuthFailed",
            ),
            (
                "fatal: could not read Username for 'https://git.example.com': terminal prompts disabled",
                "AuthFailed",
            ),
            (
                "fatal: unable to access 'https://git.example.com/a/b.git/': server certificate verification failed. CAfile: none CRLfile: none",
                "TlsUntrusted",
            ),
            (
                "fatal: unable to access 'https://git.example.com/a/b.git/': SSL certificate problem: self-signed certificate",
                "TlsUntrusted",
            ),
            (
                "fatal: unable to access 'https://git.example.com/a/b.git/': Could not resolve host: git.example.com",
                "Network",
            ),
            (
                "fatal: repository 'https://git.example.com/a/b.git/' not found",
                "Network",
            ),
            ("error: something else entirely", "Cli"),
        ];
        for (text, want) in cases {
            let got = explain(url, &auth, text);
            let kind = format!("{got:?}");
            assert!(kind.starts_with(want), "{text}: {kind}");
        }
    }

    #[test]
    fn the_password_of_the_url_never_reaches_the_message() {
        let err = explain(
            "https://bob:hunter2@h/x.git",
            &Auth::default(),
            "fatal: unable to access 'https://bob:hunter2@h/x.git/': Failed to connect",
        );
        let all = format!("{err} {:?}", std::error::Error::source(&err));
        assert!(!all.contains("hunter2"), "{all}");
    }

    #[test]
    fn url_users_are_read_as_git_reads_them() {
        assert_eq!(url_user("https://bob@h/x").as_deref(), Some("bob"));
        assert_eq!(url_user("https://bob:pw@h/x").as_deref(), Some("bob"));
        assert_eq!(url_user("https://h/x@y"), None);
        assert_eq!(url_user("https://:pw@h/x"), None);
    }
}
