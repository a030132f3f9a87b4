//! The global flags of the command line being completed. The dynamic engine gives a completer
//! only the word under the cursor; the whole line is this process's arguments after `--`
//! (`ungleich-django -- ungleich-django -C shop secret unset ""`), read here for the flags that
//! say which app is meant.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::cluster::ClusterTarget;

/// The flags of the line that decide where completions come from.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct CommandLine {
    /// `-C DIR` (relative to the shell's directory), else the current directory.
    pub dir: PathBuf,
    /// `-e/--env NAME`, else `UNGLEICH_ENV`.
    pub environment: Option<String>,
    /// `--kubeconfig`, `--context` and `-n` as given.
    pub cluster: ClusterTarget,
    /// Every word of the line, the program's name first and the word being completed last.
    pub words: Vec<String>,
}

impl CommandLine {
    /// The line this process was asked to complete.
    pub fn current() -> Self {
        let args: Vec<OsString> = std::env::args_os().collect();
        let words = args
            .iter()
            .position(|a| a == "--")
            .map_or(&args[..0], |i| &args[i + 1..]);
        let words: Vec<String> = words
            .iter()
            .map(|w| w.to_string_lossy().into_owned())
            .collect();
        let mut line = Self::parse(&words);
        if line.environment.is_none() {
            line.environment = std::env::var("UNGLEICH_ENV").ok().filter(|e| !e.is_empty());
        }
        line
    }

    /// The flags among `words` (the program's name first, the word being completed last, which
    /// is left out: it is not a value yet).
    pub fn parse(words: &[String]) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut line = CommandLine {
            dir: cwd.clone(),
            words: words.to_vec(),
            ..CommandLine::default()
        };
        let given = words
            .get(1..words.len().saturating_sub(1))
            .unwrap_or_default();
        let mut iter = given.iter();
        while let Some(word) = iter.next() {
            if word == "--" {
                break;
            }
            let (flag, inline) = match word.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
                _ => (word.as_str(), None),
            };
            let short = |name: &str| {
                word.strip_prefix(name)
                    .filter(|rest| !rest.is_empty() && !word.starts_with("--"))
            };
            let mut value = |inline: Option<String>| inline.or_else(|| iter.next().cloned());
            match flag {
                "-C" => line.dir = cwd.join(value(None).unwrap_or_default()),
                "-e" | "--env" => line.environment = value(inline),
                "-n" | "--namespace" => line.cluster.namespace = value(inline),
                "--context" => line.cluster.context = value(inline),
                "--kubeconfig" => line.cluster.kubeconfig = value(inline).map(PathBuf::from),
                _ => {
                    if let Some(dir) = short("-C") {
                        line.dir = cwd.join(dir);
                    } else if let Some(env) = short("-e") {
                        line.environment = Some(env.to_owned());
                    } else if let Some(ns) = short("-n") {
                        line.cluster.namespace = Some(ns.to_owned());
                    }
                }
            }
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> CommandLine {
        let words: Vec<String> = line.split(' ').map(str::to_owned).collect();
        CommandLine::parse(&words)
    }

    #[test]
    fn reads_the_flags_that_name_the_app_and_the_cluster() {
        let cwd = std::env::current_dir().unwrap();
        let line = parse("ud -C shop -e staging --context=prod -n shop-ns secret unset ");
        assert_eq!(line.dir, cwd.join("shop"));
        assert_eq!(line.environment.as_deref(), Some("staging"));
        assert_eq!(line.cluster.context.as_deref(), Some("prod"));
        assert_eq!(line.cluster.namespace.as_deref(), Some("shop-ns"));
        let line = parse("ud --env prod -Cshop --kubeconfig k.yaml logs --pod ");
        assert_eq!(line.environment.as_deref(), Some("prod"));
        assert_eq!(line.dir, cwd.join("shop"));
        assert_eq!(line.cluster.kubeconfig, Some(PathBuf::from("k.yaml")));
    }

    #[test]
    fn the_word_being_completed_and_a_commands_own_arguments_are_no_flags() {
        let line = parse("ud run -- -e x");
        assert_eq!(line.environment, None);
        let line = parse("ud -e");
        assert_eq!(
            line.environment, None,
            "-e is being completed, it has no value"
        );
    }
}
