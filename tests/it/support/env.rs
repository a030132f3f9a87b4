//! `TestEnv`: a temporary HOME, XDG directories, KUBECONFIG and git configuration per test, and
//! a runner that asserts stdout, stderr and the exit status together.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One test's world. Nothing from the developer's own HOME, kubeconfig or git config leaks in.
pub struct TestEnv {
    dir: tempfile::TempDir,
    envs: Vec<(String, OsString)>,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    /// A fresh environment with an identity for git, and no kubeconfig yet.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("ud-test-")
            .tempdir()
            .expect("temp dir");
        let root = dir.path().to_owned();
        for sub in ["home", "work", "cache", "config", "data", "state"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        let gitconfig = root.join("home/.gitconfig");
        std::fs::write(&gitconfig, "[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
            .expect("gitconfig");
        let envs = vec![
            ("HOME".to_owned(), root.join("home").into_os_string()),
            (
                "XDG_CACHE_HOME".to_owned(),
                root.join("cache").into_os_string(),
            ),
            (
                "XDG_CONFIG_HOME".to_owned(),
                root.join("config").into_os_string(),
            ),
            (
                "XDG_DATA_HOME".to_owned(),
                root.join("data").into_os_string(),
            ),
            (
                "XDG_STATE_HOME".to_owned(),
                root.join("state").into_os_string(),
            ),
            (
                "KUBECONFIG".to_owned(),
                root.join("home/.kube/config").into_os_string(),
            ),
            ("GIT_CONFIG_GLOBAL".to_owned(), gitconfig.into_os_string()),
            ("GIT_CONFIG_NOSYSTEM".to_owned(), "1".into()),
            // The machine's /etc/ssh/ssh_known_hosts must not decide a test (src/gitops/host_keys.rs).
            (
                "UNGLEICH_TEST_SYSTEM_KNOWN_HOSTS".to_owned(),
                root.join("etc/ssh/ssh_known_hosts").into_os_string(),
            ),
            ("NO_COLOR".to_owned(), "1".into()),
            ("LC_ALL".to_owned(), "C.UTF-8".into()),
        ];
        TestEnv { dir, envs }
    }

    /// The root of the temporary world.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// HOME.
    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    /// The directory commands run in by default.
    pub fn work(&self) -> PathBuf {
        self.root().join("work")
    }

    /// Sets (or replaces) an environment variable for every later command.
    pub fn env(&mut self, key: &str, value: impl Into<OsString>) -> &mut Self {
        self.envs.retain(|(k, _)| k != key);
        self.envs.push((key.to_owned(), value.into()));
        self
    }

    /// The value an environment variable has for later commands.
    pub fn var(&self, key: &str) -> Option<OsString> {
        self.envs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Removes an environment variable for every later command.
    pub fn unset(&mut self, key: &str) -> &mut Self {
        self.envs.retain(|(k, _)| k != key);
        self
    }

    /// Writes a file below the root, creating directories.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// A command for the real binary, in `work/`, with this environment and nothing else.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_in(&self.work(), args)
    }

    /// A command for the real binary in `dir`.
    pub fn cmd_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ungleich-django"));
        cmd.args(args).current_dir(dir).env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    /// Any other program (git, kubectl, python) with this environment.
    pub fn program(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args).current_dir(self.work()).env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs git in `dir` with this environment (its identity and config), failing the test when
    /// git fails; returns stdout.
    #[track_caller]
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = self
            .program("git", args)
            .current_dir(dir)
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs the binary with `args` and an empty, non-terminal stdin.
    pub fn run(&self, args: &[&str]) -> Outcome {
        Outcome::of(self.cmd(args), None)
    }

    /// Runs the binary with `args`, feeding `stdin`.
    pub fn run_with_stdin(&self, args: &[&str], stdin: impl AsRef<[u8]>) -> Outcome {
        Outcome::of(self.cmd(args), Some(stdin.as_ref()))
    }
}

/// What a finished command printed, and how it ended.
#[derive(Debug)]
pub struct Outcome {
    pub command: String,
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
}

impl Outcome {
    /// Runs `cmd` to the end.
    pub fn of(mut cmd: Command, stdin: Option<&[u8]>) -> Self {
        let command = format!("{cmd:?}");
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {command}: {e}"));
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
        drop(pipe);
        let out = child.wait_with_output().expect("wait");
        Outcome {
            command,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
        }
    }

    fn report(&self) -> String {
        format!(
            "command: {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(expected),
            "unexpected exit status\n{}",
            self.report()
        );
        self
    }

    /// Asserts success.
    #[track_caller]
    pub fn success(&self) -> &Self {
        self.code(0)
    }

    /// Asserts stdout is exactly `expected`.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout differs\n{}", self.report());
        self
    }

    /// Asserts stderr is exactly `expected`.
    #[track_caller]
    pub fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr differs\n{}", self.report());
        self
    }

    /// Asserts stdout contains `needle`.
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.report()
        );
        self
    }

    /// Asserts stderr contains `needle`.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.report()
        );
        self
    }

    /// Asserts neither stdout nor stderr contains `needle` (secrets).
    #[track_caller]
    pub fn never_shows(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle) && !self.stderr.contains(needle),
            "output shows {needle:?}\n{}",
            self.report()
        );
        self
    }

    /// stdout parsed as one JSON value, held to the public interface's key case (snake_case).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        let value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.report()));
        assert_snake_case_keys(&value, "$");
        value
    }

    /// stdout parsed as NDJSON (one JSON value a line, as `deploy -o json` and `logs -o json`
    /// stream), each held to the public interface's key case.
    #[track_caller]
    pub fn ndjson(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let value = serde_json::from_str(line).unwrap_or_else(|e| {
                    panic!("stdout line is not JSON: {e}: {line}\n{}", self.report())
                });
                assert_snake_case_keys(&value, "$");
                value
            })
            .collect()
    }
}

/// Every `-o json` output names its fields in snake_case (README "Conventions"): scripts depend on
/// the names, so one case holds everywhere. Maps keyed by the user's own names (environment
/// variables, secret keys) are data, not fields: those are upper-case and pass as such.
#[track_caller]
pub fn assert_snake_case_keys(value: &serde_json::Value, at: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let field = key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                let data = key
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                assert!(
                    field || data,
                    "JSON key {at}.{key} is not snake_case (README: every -o json output uses snake_case)"
                );
                assert_snake_case_keys(inner, &format!("{at}.{key}"));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                assert_snake_case_keys(inner, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}
