//! Real bash, zsh and fish completing a command line with the committed scripts in
//! `completions/`, as a user's shell does: each asks the binary (found on PATH, as installed) for
//! the candidates. What they offer is returned, one candidate a line.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{TestEnv, tools};

/// Where the shells run: a test's environment and the folder the user is in.
pub struct Shell<'a> {
    pub env: &'a TestEnv,
    pub dir: PathBuf,
}

impl<'a> Shell<'a> {
    /// In `dir` with `env`'s HOME, cache and kubeconfig.
    pub fn new(env: &'a TestEnv, dir: &Path) -> Self {
        Shell {
            env,
            dir: dir.to_owned(),
        }
    }

    /// What bash offers for `words` (the last one being completed), calling the function the
    /// script registers with `complete -F` as bash does on Tab.
    pub fn bash(&self, words: &[&str]) -> Vec<String> {
        let script = tools::repo_root().join("completions/ungleich-django.bash");
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let check = format!(
            "source {script}; f=$(complete -p ungleich-django | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p'); COMP_WORDS=({words}); COMP_CWORD={cword}; \"$f\" ungleich-django '{cur}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script = script.display(),
            words = quoted.join(" "),
            cword = words.len() - 1,
            cur = words[words.len() - 1],
            prev = words[words.len() - 2],
        );
        self.lines("bash", &["--norc", "--noprofile", "-c", &check])
    }

    /// What fish offers for `line` (`complete -C`), without the descriptions.
    pub fn fish(&self, line: &str) -> Vec<String> {
        self.fish_described(line)
            .into_iter()
            .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
            .collect()
    }

    /// What fish offers for `line`, each `VALUE\tDESCRIPTION` as fish shows it.
    pub fn fish_described(&self, line: &str) -> Vec<String> {
        let script = tools::repo_root().join("completions/ungleich-django.fish");
        let check = format!("source {}; complete -C '{line}'", script.display());
        self.lines("fish", &["--no-config", "-c", &check])
    }

    /// What zsh's completion system offers for `line`: an interactive zsh in a pty (zsh/zpty)
    /// gets the line and a Tab, with `completions/` in fpath as a package installs it, and a
    /// wrapped `compadd` records every match it is given.
    pub fn zsh(&self, line: &str) -> Vec<String> {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("matches");
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
        self.lines("zsh", &["-f", "-c", &driver]);
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn lines(&self, shell: &str, args: &[&str]) -> Vec<String> {
        let out = self.command(shell, args).output().unwrap();
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

    /// `shell` with the binary first on PATH, where the scripts find it.
    fn command(&self, shell: &str, args: &[&str]) -> Command {
        let bin = Path::new(env!("CARGO_BIN_EXE_ungleich-django"))
            .parent()
            .unwrap()
            .to_owned();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path =
            std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path))).unwrap();
        let mut cmd = self.env.program(tools::require(shell), args);
        cmd.current_dir(&self.dir).env("PATH", path);
        cmd
    }
}
