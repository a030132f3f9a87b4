use std::path::PathBuf;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::seal::{Scope, SecretBuffer, SecretValue};

use crate::secrets::{CertSource, Ciphertext, keys};

/// `secret set`. `Debug` shows the keys only: an argument may be `KEY=VALUE`.
pub struct Settings {
    /// `KEY`, `KEY=VALUE` or `-` (after a KEY), as given.
    pub args: Vec<String>,
    /// `--from-file`.
    pub from_file: Option<PathBuf>,
    /// `--scope`.
    pub scope: Option<Scope>,
    /// `--allow-empty`: an empty value is sealed without a question.
    pub allow_empty: bool,
    /// Push after the commit.
    pub push: bool,
    /// Where the certificate comes from.
    pub cert: CertSource,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&str> = self
            .args
            .iter()
            .map(|arg| arg.split_once('=').map_or(arg.as_str(), |(key, _)| key))
            .collect();
        f.debug_struct("Settings")
            .field("keys", &keys)
            .field("from_file", &self.from_file)
            .field("scope", &self.scope)
            .field("allow_empty", &self.allow_empty)
            .field("push", &self.push)
            .field("cert", &self.cert)
            .finish()
    }
}

/// Why `KEY=VALUE` is a bad habit, shown whenever it is used.
const INLINE_VALUE_WARNING: &str = "a value given as KEY=VALUE is readable by every user of this machine while the command runs (`ps`, /proc/PID/cmdline) and stays in your shell history or CI log; prefer `secret set KEY -` (value on stdin) or `--from-file PATH`";

/// One key as given, and where its value comes from.
#[derive(Debug)]
struct Given {
    key: String,
    source: Source,
    /// The 1-based argument the key came from, which names it in errors.
    position: usize,
}

/// Where one key's value comes from.
#[derive(Debug)]
enum Source {
    Prompt,
    Stdin,
    File(PathBuf),
    Inline(SecretValue),
}

/// Seals each value and commits them.
///
/// # Errors
/// When a key is invalid, a value cannot be read, the certificate is unusable, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let mut sources = parse_args(settings.args, settings.from_file)?;
    let keys = check_inputs(ctx, &mut sources)?;
    let pending = read_unprompted(ctx, sources, settings.allow_empty)?;
    let mut prepared = super::prepare(ctx, settings.scope, &settings.cert)?;
    let ciphertexts = seal_all(ctx, &prepared, pending, settings.allow_empty)?;
    let headline = format!(
        "Set {} {}",
        super::plural(&keys),
        crate::text::and_list(&keys)
    );
    let committed = prepared.commit(&ciphertexts, settings.scope, settings.push, &headline)?;
    super::report_sealed(
        ctx,
        &prepared,
        committed,
        &keys,
        &crate::text::and_list(&keys),
    )?;
    Ok(ExitCode::Success)
}

/// A key and its value, or `None` while it waits for the prompt.
struct Pending {
    key: String,
    value: Option<SecretValue>,
}

/// Everything about the command line that can be judged without reading a value: the keys
/// (returned in order), where each value comes from, the warning about values in arguments.
fn check_inputs(ctx: &Context, sources: &mut [Given]) -> anyhow::Result<Vec<String>> {
    if ctx.terminal().stdin() {
        // `KEY -` on a terminal would echo what is typed: ask on the hidden prompt instead.
        for given in sources.iter_mut() {
            if matches!(given.source, Source::Stdin) {
                given.source = Source::Prompt;
            }
        }
    }
    let keys: Vec<String> = sources.iter().map(|g| g.key.clone()).collect();
    // A value typed where a key goes gets the message that says so before any message about
    // names; neither shows it.
    refuse_value_like_keys(sources)?;
    let positions: Vec<usize> = sources.iter().map(|g| g.position).collect();
    keys::validate_at(&keys, &positions)?;
    keys::refuse_platform_owned(&keys)?;
    if sources
        .iter()
        .any(|g| matches!(g.source, Source::Inline(_)))
    {
        // Always, not only on a terminal: in CI the arguments are as readable, and the log
        // that shows this warning is where someone will look.
        ctx.printer.warn(INLINE_VALUE_WARNING);
    }
    // A bare KEY reads piped stdin, but only one key can.
    let piped = !ctx.terminal().stdin();
    let reads_stdin = sources
        .iter()
        .filter(|g| {
            matches!(g.source, Source::Stdin) || (piped && matches!(g.source, Source::Prompt))
        })
        .count();
    if reads_stdin > 1 {
        return Err(Failure::new(
            ExitCode::Usage,
            "only one key can read its value from stdin",
        )
        .hint("set the others with KEY=VALUE or --from-file, or run one `secret set` per key")
        .into());
    }
    Ok(keys)
}

/// Every value that needs nobody at the keyboard, read before the certificate is fetched, so
/// that a missing file or empty stdin fails fast and offline; prompts wait until sealing can no
/// longer fail for want of a certificate, so that nobody types a value in vain.
fn read_unprompted(
    ctx: &Context,
    sources: Vec<Given>,
    allow_empty: bool,
) -> anyhow::Result<Vec<Pending>> {
    let piped = !ctx.terminal().stdin();
    let mut pending = Vec::new();
    for Given { key, source, .. } in sources {
        let value = match source {
            Source::Inline(value) => Some(value),
            Source::File(path) => Some(read_file(ctx, &path)?),
            Source::Stdin => Some(read_stdin(&key, true)?),
            Source::Prompt if piped => Some(read_stdin(&key, false)?),
            Source::Prompt => None,
        };
        pending.push(Pending { key, value });
    }
    let empty: Vec<String> = pending
        .iter()
        .filter(|p| p.value.as_ref().is_some_and(|v| v.expose().is_empty()))
        .map(|p| p.key.clone())
        .collect();
    super::allow_empty(ctx, &empty, allow_empty)?;
    // Without prompts, a value nobody can type is known to be missing now, offline.
    if !ctx.prompter.is_interactive()
        && let Some(missing) = pending.iter().find(|p| p.value.is_none())
    {
        ask(ctx, &missing.key, true)?;
    }
    Ok(pending)
}

/// Each value sealed for the prepared file, asking for those still missing.
fn seal_all(
    ctx: &Context,
    prepared: &crate::secrets::Prepared,
    pending: Vec<Pending>,
    allow_empty: bool,
) -> anyhow::Result<Vec<Ciphertext>> {
    let label = prepared.sealed.label();
    let mut ciphertexts = Vec::new();
    for Pending { key, value } in pending {
        let value = match value {
            Some(value) => value,
            None => {
                let typed = ask(ctx, &key, prepared.sealed.get(&key).is_none())?;
                if typed.expose().is_empty() {
                    super::allow_empty(ctx, std::slice::from_ref(&key), allow_empty)?;
                }
                typed
            }
        };
        let sealed = crate::seal::seal(prepared.cert.cert.public_key(), &label, value.expose())?;
        ciphertexts.push(Ciphertext { key, sealed });
    }
    Ok(ciphertexts)
}

/// The value of `key` from a hidden prompt, asked twice for a new key.
fn ask(ctx: &Context, key: &str, is_new: bool) -> anyhow::Result<SecretValue> {
    let question = if is_new {
        format!("Value of {key}")
    } else {
        format!("New value of {key}")
    };
    Ok(SecretValue::from(ctx.prompter.secret(
        &question,
        is_new,
        "KEY=VALUE, `KEY -` with the value on stdin, or --from-file PATH",
    )?))
}

/// `secret set API_TOKEN ghp_4f2a...` is a value typed where a second KEY goes (as
/// `heroku config:set` habits suggest): taken as a key, it would be asked for and then named
/// in the commit message, in the deploy repository's history for good. A second or later bare
/// key that is not upper case is refused without showing it; one key at a time still may be.
fn refuse_value_like_keys(sources: &[Given]) -> anyhow::Result<()> {
    if sources.len() < 2 {
        return Ok(());
    }
    let suspicious = sources.iter().enumerate().skip(1).find(|(_, given)| {
        matches!(given.source, Source::Prompt | Source::Stdin)
            && (given.key.chars().any(|c| c.is_ascii_lowercase())
                || crate::seal::keys::check_name(&given.key).is_err())
    });
    let Some((_, given)) = suspicious else {
        return Ok(());
    };
    // The first key is shown only when it is a name: otherwise it may be a value too.
    let first = match crate::seal::keys::check_name(&sources[0].key) {
        Ok(()) => sources[0].key.as_str(),
        Err(_) => "KEY",
    };
    Err(Failure::new(
        ExitCode::InvalidInput,
        format!(
            "argument {} is not an upper-case environment variable name, so it may be a value typed after {first}; it is not shown, and nothing was changed",
            given.position
        ),
    )
    .hint(format!(
        "secret set takes KEYs (each value asked for, hidden) or KEY=VALUE: run `ungleich-django secret set {first}` and type the value at the prompt, or pipe it: `... | ungleich-django secret set {first} -`; a lower-case key can be set on its own"
    ))
    .into())
}

/// Pairs each KEY with where its value comes from.
fn parse_args(args: Vec<String>, from_file: Option<PathBuf>) -> anyhow::Result<Vec<Given>> {
    let usage =
        |message: &str| anyhow::Error::new(Failure::new(ExitCode::Usage, message.to_owned()));
    let mut sources: Vec<Given> = Vec::new();
    for (i, mut arg) in args.into_iter().enumerate() {
        let position = i + 1;
        if arg == "-" {
            match sources.last_mut() {
                Some(Given {
                    source: source @ Source::Prompt,
                    ..
                }) => *source = Source::Stdin,
                _ => {
                    return Err(usage(
                        "`-` must follow a KEY: `secret set KEY -` reads KEY's value from stdin",
                    ));
                }
            }
        } else if let Some((key, value)) = arg.split_once('=') {
            let source = Source::Inline(SecretValue::new(value.as_bytes().to_vec()));
            sources.push(Given {
                key: key.to_owned(),
                source,
                position,
            });
            zeroize::Zeroize::zeroize(&mut arg);
        } else {
            sources.push(Given {
                key: arg,
                source: Source::Prompt,
                position,
            });
        }
    }
    if let Some(path) = from_file {
        match sources.as_mut_slice() {
            [
                Given {
                    source: source @ Source::Prompt,
                    ..
                },
            ] => *source = Source::File(path),
            _ => {
                return Err(Failure::new(
                    ExitCode::Usage,
                    "--from-file sets exactly one KEY, given without a value",
                )
                .hint("for example `secret set GOOGLE_CREDENTIALS --from-file creds.json`; set other keys with another `secret set`, or put them all in a dotenv file for `secret import`")
                .into());
            }
        }
    }
    Ok(sources)
}

fn read_file(ctx: &Context, path: &std::path::Path) -> anyhow::Result<SecretValue> {
    let full = ctx.cwd.join(path);
    let file = std::fs::File::open(&full);
    file.and_then(SecretBuffer::read_to_end)
        .map(SecretBuffer::into_value)
        .map_err(|e| {
            Failure::new(
                ExitCode::InvalidInput,
                format!("cannot read {}: {e}", full.display()),
            )
            .into()
        })
}

/// All of stdin, less one trailing newline (as `$(...)` drops it); `--from-file` is exact.
/// Empty stdin is a value only when asked for with `KEY -` (and then allowed like any empty
/// value): a bare KEY in a script whose stdin is empty is more likely a mistake than a wish.
fn read_stdin(key: &str, explicit: bool) -> anyhow::Result<SecretValue> {
    let mut read = SecretBuffer::read_to_end(std::io::stdin()).map_err(|e| {
        Failure::new(
            ExitCode::Failure,
            format!("cannot read the value of {key} from stdin: {e}"),
        )
    })?;
    read.trim_newline();
    if read.as_bytes().is_empty() && !explicit {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!("no value for {key}: stdin is not a terminal and is empty"),
        )
        .hint(format!("pipe the value in, pass {key}=VALUE or --from-file PATH; to set an empty value, pass `{key} - --allow-empty` with empty stdin"))
        .into());
    }
    Ok(read.into_value())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::sealing_cert::Controller;

    #[test]
    fn debug_shows_keys_but_never_values() {
        let settings = Settings {
            args: vec!["A=hunter2".into(), "B".into(), "-".into()],
            from_file: None,
            scope: None,
            allow_empty: false,
            push: false,
            cert: CertSource {
                cert: None,
                controller: Controller {
                    name: "n".into(),
                    namespace: "ns".into(),
                },
                accept_new_cert: false,
            },
        };
        let text = format!("{settings:?}");
        assert!(text.contains(r#"keys: ["A", "B", "-"]"#), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
        let sources = parse_args(settings.args, None).unwrap();
        assert!(!format!("{sources:?}").contains("hunter2"));
    }

    #[test]
    fn arguments_pair_keys_with_their_sources() {
        let parsed =
            parse_args(vec!["A".into(), "-".into(), "B=".into(), "C".into()], None).unwrap();
        let kinds: Vec<(&str, &str)> = parsed
            .iter()
            .map(|Given { key, source, .. }| {
                let kind = match source {
                    Source::Stdin => "stdin",
                    Source::Inline(v) if v.is_empty() => "empty",
                    Source::Inline(_) => "inline",
                    Source::Prompt => "prompt",
                    Source::File(_) => "file",
                };
                (key.as_str(), kind)
            })
            .collect();
        assert_eq!(kinds, [("A", "stdin"), ("B", "empty"), ("C", "prompt")]);
        assert!(parse_args(vec!["-".into()], None).is_err());
        assert!(parse_args(vec!["A=1".into(), "-".into()], None).is_err());
        assert!(parse_args(vec!["A".into(), "B".into()], Some("f".into())).is_err());
        assert!(parse_args(vec!["A=1".into()], Some("f".into())).is_err());
    }
}
