//! Usage errors that could show a secret. clap echoes an argument it does not know as an option,
//! and `secret set TOKEN --s3cr3t-value` makes that a value typed where an option goes; such an
//! argument is named by its position instead. A near miss of a real option (at most two edits
//! from the option clap suggests) is a typo, and keeps clap's own message.

use clap::error::{ContextKind, ContextValue, ErrorKind};

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
    use clap::Parser as _;

    use super::*;
    use crate::cli::Cli;

    fn message(args: &[&str]) -> Option<String> {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
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
