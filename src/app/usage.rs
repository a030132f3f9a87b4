//! The command line parsed into [`Cli`], with clap's usage errors and two things clap lacks:
//! - the suggestion its similarity measure misses: a flag with two letters swapped or one letter
//!   wrong in a short word (`--tga` for `--tag`, `--hots` for `--host`) scores too low to be offered;
//! - never a secret: clap echoes an argument it does not know as an option, and
//!   `secret set TOKEN --s3cr3t-value` makes that a value typed where an option goes; such an
//!   argument is named by its position instead. A near miss of a real option (at most two edits
//!   from the option suggested) is a typo, and keeps clap's own message.
//!
//! A shell's completion script runs the binary with `UNGLEICH_DJANGO_COMPLETE` set: then the
//! words are completed (clap's dynamic engine, with `crate::complete` for the app's names) and
//! the process exits before anything else runs.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use crate::cli::Cli;

/// The parsed command line; on a usage error it is printed (with our suggestion added, or with a
/// word that may be a value named by its position) and the process exits 2; help and the version
/// exit 0, as clap does.
#[must_use]
pub fn parse() -> Cli {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(crate::generate::COMPLETE_VAR)
        .bin("ungleich-django")
        .complete();
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(mut err) => {
            if let Some(flag) = suggestion(&err, &args) {
                err.insert(ContextKind::SuggestedArg, ContextValue::String(flag));
            }
            if let Some(message) = hidden_message(&err, &args) {
                eprint!("{message}");
                std::process::exit(i32::from(crate::exit::ExitCode::Usage.code()));
            }
            err.exit()
        }
    }
}

/// The flag meant by an unknown one clap found nothing similar to.
fn suggestion(err: &clap::Error, args: &[OsString]) -> Option<String> {
    if err.kind() != ErrorKind::UnknownArgument || err.get(ContextKind::SuggestedArg).is_some() {
        return None;
    }
    let Some(ContextValue::String(given)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let given = given.strip_prefix("--")?;
    let given = given.split_once('=').map_or(given, |(name, _)| name);
    nearest_long_flag(&command_of(args), given).map(|long| format!("--{long}"))
}

/// The (sub)command the arguments name, with the global flags propagated into it.
fn command_of(args: &[OsString]) -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if arg == "--" {
            break;
        }
        if let Some(sub) = cmd.find_subcommand(arg) {
            let mut sub = sub.clone();
            sub.build();
            cmd = sub;
        }
    }
    cmd
}

/// The long flag of `cmd` nearest to `given`, if it is one edit away (two for longer names).
fn nearest_long_flag(cmd: &clap::Command, given: &str) -> Option<String> {
    let allowed = if given.len() >= 6 { 2 } else { 1 };
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long())
        .map(|long| (strsim::osa_distance(given, long), long))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, long)| long.to_owned())
}

/// Our message for `err` when clap's would show a word that may be a value; `None` to let clap
/// print its own.
#[must_use]
pub fn hidden_message(err: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(word)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    // clap suggests by likeness (`--s3cr3t` gets `--cert`); a typo is closer than that.
    let suggested: Vec<&str> = match err.get(ContextKind::SuggestedArg) {
        Some(ContextValue::String(one)) => vec![one.as_str()],
        Some(ContextValue::Strings(many)) => many.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    if suggested
        .iter()
        .any(|option| strsim::damerau_levenshtein(option, word) <= 2)
    {
        return None;
    }
    // clap reports `--name` of `--name=value`: match either form.
    let position = args.iter().skip(1).position(|arg| {
        let arg = arg.to_string_lossy();
        arg == word.as_str() || arg.starts_with(&format!("{word}="))
    })?;
    Some(format!(
        "error: argument {} starts with `-` but is no option of this command; it is not shown, as it may be a value\n  hint: a value that starts with `-` can be given on stdin (`secret set KEY -`) or with --from-file; see --help for the options\n",
        position + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn mistyped_flags_find_the_flag_of_their_command() {
        for (line, given, meant) in [
            ("ungleich-django deploy --tga 2", "tga", Some("tag")),
            (
                "ungleich-django init --hots a.example",
                "hots",
                Some("host"),
            ),
            (
                "ungleich-django deploy --contxt x",
                "contxt",
                Some("context"),
            ),
            (
                "ungleich-django secret set A=1 --no-psh",
                "no-psh",
                Some("no-push"),
            ),
            ("ungleich-django status --tga 2", "tga", None),
            ("ungleich-django deploy --frobnicate", "frobnicate", None),
        ] {
            let found = nearest_long_flag(&command_of(&args(line)), given);
            assert_eq!(found.as_deref(), meant, "{line}");
        }
    }

    fn message(line: &[&str]) -> Option<String> {
        let args: Vec<OsString> = line.iter().map(Into::into).collect();
        let Err(err) = Cli::try_parse_from(&args) else {
            panic!("{args:?} parsed");
        };
        hidden_message(&err, &args)
    }

    #[test]
    fn unknown_options_are_named_by_position_unless_they_are_typos() {
        let hidden = message(&["ud", "secret", "set", "TOKEN", "--s3cr3t-v4lue"]).unwrap();
        assert!(
            hidden.starts_with("error: argument 4 starts with `-`"),
            "{hidden}"
        );
        assert!(!hidden.contains("s3cr3t"), "{hidden}");
        let hidden = message(&["ud", "secret", "set", "TOKEN", "--s3cr3t=x"]).unwrap();
        assert!(!hidden.contains("s3cr3t"), "{hidden}");
        assert_eq!(
            message(&["ud", "secret", "set", "TOKEN", "--no-psuh"]),
            None
        );
        assert_eq!(message(&["ud", "secret", "sett"]), None);
    }
}
