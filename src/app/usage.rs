//! The command line parsed into [`Cli`], with clap's usage errors, plus the suggestion clap's own
//! similarity measure misses: a flag with two letters swapped or one letter wrong in a short word
//! (`--tga` for `--tag`, `--hots` for `--host`) scores too low on clap's scale to be offered.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use crate::cli::Cli;

/// The parsed command line; on a usage error clap prints it (with our suggestion added) and exits
/// 0 or 2 as it always does.
#[must_use]
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(mut err) => {
            if let Some(flag) = suggestion(&err, &args) {
                err.insert(ContextKind::SuggestedArg, ContextValue::String(flag));
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
        .map(|long| (edit_distance(given, long), long))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, long)| long.to_owned())
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("tga", "tag"), 1);
        assert_eq!(edit_distance("tag", "tag"), 0);
        assert_eq!(edit_distance("ta", "tag"), 1);
        assert_eq!(edit_distance("xyz", "tag"), 3);
    }
}
