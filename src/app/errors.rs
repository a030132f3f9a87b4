//! Errors at the edge: which exit code and hint an error carries, and how it is shown.
//!
//! Domain error types say their class through [`Classify`]; this module is the one place that
//! knows them all (the `classified!` list), walks an error's cause chain for the first classified
//! one, and renders `error:`, its causes and `hint:` in the palette the terminal was decided for.
//! The tests keep the list complete: an error type that is neither listed nor known to be always
//! wrapped by a listed one fails them, so none silently exits 1.

use std::io;

use crate::exit::{Classify, ExitCode, Failure};
use crate::ui::Palette;

/// What an error means for the process: its exit code, and what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorClass {
    /// The code the program ends with.
    pub code: ExitCode,
    /// What to do next, when there is more to say than the message.
    pub hint: Option<String>,
}

/// The class of an error: that of the first classified error in its cause chain, else
/// [`ExitCode::Failure`] without a hint.
#[must_use]
pub fn classify(err: &anyhow::Error) -> ErrorClass {
    err.chain().find_map(as_classified).map_or(
        ErrorClass {
            code: ExitCode::Failure,
            hint: None,
        },
        |c| ErrorClass {
            code: c.exit_code(),
            hint: c.hint(),
        },
    )
}

/// Writes `as_classified`, which finds a cause's class by downcasting to each listed type (the
/// compiler checks each implements [`Classify`]), and, for the tests, the list of their names.
macro_rules! classified {
    ($($ty:ty),* $(,)?) => {
        fn as_classified<'a>(
            cause: &'a (dyn std::error::Error + 'static),
        ) -> Option<&'a dyn Classify> {
            $(
                if let Some(e) = cause.downcast_ref::<$ty>() {
                    return Some(e);
                }
            )*
            None
        }

        #[cfg(test)]
        const CLASSIFIED: &[&str] = &[$(stringify!($ty)),*];
    };
}

// Every error type that knows its exit code. A new domain error type is added here once.
classified![
    Failure,
    crate::link::LinkError,
    crate::link::UnknownEnvironment,
    crate::promote::PromoteError,
    crate::new_environment::NewEnvironmentError,
    crate::spec::SpecError,
    crate::cluster::access::AccessError,
    crate::cluster::ClusterError,
    crate::cluster::argocd::RefreshError,
    crate::gitops::GitError,
    crate::detect::NotDjango,
    crate::ui::InputError,
    crate::cluster::sealing_cert::ControllerError,
    crate::https::HttpsError,
    crate::secrets::SecretsError,
    crate::oneoff::RunError,
    crate::database::DbError,
    crate::config_vars::ConfigError,
    crate::spec::scale::ScaleError,
    crate::spec::hosts::HostError,
    crate::dns_check::DnsError,
    crate::dev::DevError,
    crate::dev::EnvError,
    crate::cluster::cron::CronLogError,
];

/// True when the error comes from writing to a closed pipe (`ungleich-django ... | head`), which
/// is not a failure of ours: the reader has all it wanted.
#[must_use]
pub(super) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// `error: ...`, each cause once, and the hint, as one block for stderr.
#[must_use]
pub(super) fn render(err: &anyhow::Error, hint: Option<&str>, palette: Palette) -> String {
    let mut out = format!("{} {err}\n", palette.red_bold("error:"));
    for cause in err.chain().skip(1) {
        // A kube error may quote a kubeconfig's credentials: its safe description ends the
        // chain, whose rest would quote them again.
        let safe = crate::cluster::redact::describe(cause);
        let text = safe.clone().unwrap_or_else(|| cause_message(cause));
        // anyhow repeats a source's text when a context wraps it verbatim; say it once.
        if !out.contains(&text) {
            out.push_str(&format!("  {} {text}\n", palette.yellow("caused by:")));
        }
        if safe.is_some() {
            break;
        }
    }
    if let Some(hint) = hint {
        out.push_str(&format!("  {} {hint}\n", palette.cyan_bold("hint:")));
    }
    out
}

/// What a person reads of one cause.
fn cause_message(cause: &(dyn std::error::Error + 'static)) -> String {
    // libgit2's Display appends "; class=Os (2); code=NotFound (-3)": its message is what counts.
    match cause.downcast_ref::<git2::Error>() {
        Some(git) => git.message().to_owned(),
        None => cause.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::ui::Terminal;

    /// An error type that is deliberately not in `classified!`, and why that loses nothing.
    struct Unclassified {
        name: &'static str,
        why: &'static str,
    }

    /// The error types the edge never needs to classify. Adding one here needs a reason as good as
    /// these: the type is always the source of a classified error, or exiting 1 is right for it.
    const UNCLASSIFIED: &[Unclassified] = &[
        Unclassified {
            name: "HiddenError",
            why: "the hidden prompt's failure; always the source of an InputError",
        },
        Unclassified {
            name: "GitSaid",
            why: "what the git program printed; always the source of a GitError",
        },
        Unclassified {
            name: "YamlError",
            why: "always the source of a LinkError or a SpecError (`#[from]`)",
        },
        Unclassified {
            name: "CertError",
            why: "the secret commands turn it into a Failure; doctor into a finding",
        },
        Unclassified {
            name: "ManifestError",
            why: "the secret workspace turns it into a Failure naming the file",
        },
        Unclassified {
            name: "DotenvError",
            why: "`secret import` turns it into a Failure naming the file",
        },
        Unclassified {
            name: "WireError",
            why: "a DNS answer that cannot be read; always the source of a DnsError (`#[from]`)",
        },
        Unclassified {
            name: "SealFailure",
            why: "encryption with a valid key failed: none of the documented codes, so 1 is right",
        },
    ];

    /// An error type found in the sources.
    #[derive(Debug)]
    struct ErrorType {
        name: String,
        file: PathBuf,
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The types of one file that derive `Error` (thiserror) or implement `std::error::Error` by
    /// hand. Line-based: rustfmt keeps each `derive` and `impl` header on lines of its own.
    fn error_types_in(text: &str) -> Vec<String> {
        let derive = regex::Regex::new(r"^#\[derive\(([^)]*)\)\]").unwrap();
        let type_name = regex::Regex::new(r"\b(?:enum|struct)\s+(\w+)").unwrap();
        let by_hand =
            regex::Regex::new(r"^impl(?:<[^>]*>)?\s+(?:std::error::)?Error\s+for\s+(\w+)").unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let mut found = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if let Some(names) = by_hand.captures(line) {
                found.push(names[1].to_owned());
            }
            let derives_error = derive.captures(line).is_some_and(|d| {
                d[1].split(',')
                    .any(|item| item.trim().rsplit("::").next() == Some("Error"))
            });
            if !derives_error {
                continue;
            }
            let declaration = lines[i + 1..]
                .iter()
                .find(|l| !l.starts_with("#[") && !l.starts_with("//"));
            if let Some(name) = declaration.and_then(|l| type_name.captures(l)) {
                found.push(name[1].to_owned());
            }
        }
        found
    }

    fn error_types() -> Vec<ErrorType> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        files.sort();
        let mut found = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for name in error_types_in(&text) {
                let file = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                found.push(ErrorType { name, file });
            }
        }
        found
    }

    fn registered(name: &str) -> bool {
        CLASSIFIED.iter().any(|listed| {
            let path: String = listed.split_whitespace().collect();
            path.rsplit("::").next() == Some(name)
        })
    }

    #[test]
    fn every_error_type_is_classified_or_known_to_be_wrapped() {
        let found = error_types();
        assert!(
            found.iter().any(|t| t.name == "Failure") && found.len() > 10,
            "the scan finds too little; is it still reading src/? {found:?}"
        );
        let lost: Vec<String> = found
            .iter()
            .filter(|t| !registered(&t.name) && !UNCLASSIFIED.iter().any(|u| u.name == t.name))
            .map(|t| {
                format!(
                    "{} ({}) would exit 1 whatever it says: implement crate::exit::Classify for it \
                     and add it to `classified!` in src/app/errors.rs, or, if it is always the \
                     source of a classified error, add it to UNCLASSIFIED there with the reason",
                    t.name,
                    t.file.display()
                )
            })
            .collect();
        assert!(lost.is_empty(), "{}", lost.join("\n"));
        for exempt in UNCLASSIFIED {
            assert!(
                found.iter().any(|t| t.name == exempt.name),
                "UNCLASSIFIED names {}, which no longer exists ({}); remove it",
                exempt.name,
                exempt.why
            );
        }
    }

    #[test]
    fn the_scan_finds_derived_and_hand_written_error_types() {
        let text = [
            "#[derive(Debug, thiserror::Error)]",
            "/// Doc.",
            "#[error(\"{0}\")]",
            "pub struct Said(String);",
            "#[derive(Debug, Clone)]",
            "pub enum NotAnError {}",
            "// impl std::error::Error for InAComment {}",
            "impl std::error::Error for ByHand {}",
        ]
        .join("\n");
        assert_eq!(error_types_in(&text), ["Said", "ByHand"]);
    }

    #[test]
    fn classification_takes_the_first_classified_cause() {
        let err =
            anyhow::Error::new(Failure::new(ExitCode::Git, "push rejected").hint("pull first"))
                .context("deploying shop");
        assert_eq!(
            classify(&err),
            ErrorClass {
                code: ExitCode::Git,
                hint: Some("pull first".to_owned())
            }
        );
        assert_eq!(classify(&anyhow::anyhow!("plain")).code, ExitCode::Failure);
    }

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }

    fn plain() -> Palette {
        Terminal::new(false, false, false).palette()
    }

    #[test]
    fn libgit2_causes_show_their_message_only() {
        let git = git2::Error::new(
            git2::ErrorCode::NotFound,
            git2::ErrorClass::Repository,
            "could not find repository at '/x'",
        );
        let err = anyhow::Error::new(git).context("/x is not a git repository");
        assert_eq!(
            render(&err, None, plain()),
            "error: /x is not a git repository\n  caused by: could not find repository at '/x'\n"
        );
    }

    #[test]
    fn render_shows_causes_and_hint_without_colour() {
        let err = anyhow::anyhow!("disk full").context("cannot write app.yaml");
        let text = render(&err, Some("free some space"), plain());
        assert_eq!(
            text,
            "error: cannot write app.yaml\n  caused by: disk full\n  hint: free some space\n"
        );
    }

    #[test]
    fn render_colours_only_the_labels() {
        let err = anyhow::anyhow!("disk full").context("cannot write app.yaml");
        let palette = Terminal::new(true, true, true).palette();
        let text = render(&err, Some("free some space"), palette);
        assert!(text.starts_with(&palette.red_bold("error:")), "{text:?}");
        assert!(text.contains(&format!("{} disk full\n", palette.yellow("caused by:"))));
        assert!(text.contains(&format!("{} free some space\n", palette.cyan_bold("hint:"))));
        assert_ne!(text, render(&err, Some("free some space"), plain()));
    }
}
