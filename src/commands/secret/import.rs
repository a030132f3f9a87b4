use std::path::PathBuf;

use crate::context::Context;
use crate::exit::{ExitCode, Failure};
use crate::seal::{Scope, SecretBuffer};

use crate::secrets::{CertSource, Ciphertext};

/// `secret import`.
#[derive(Debug)]
pub struct Settings {
    /// The dotenv file; `-` is stdin.
    pub file: PathBuf,
    /// `--scope`.
    pub scope: Option<Scope>,
    /// `--allow-empty`: empty values are sealed without a question.
    pub allow_empty: bool,
    /// Push after the commit.
    pub push: bool,
    /// Where the certificate comes from.
    pub cert: CertSource,
}

/// Seals every variable of a dotenv file in one commit; prints only the keys.
///
/// # Errors
/// When the file cannot be read or parsed, the certificate is unusable, or git fails.
pub fn run(ctx: &Context, settings: Settings) -> anyhow::Result<ExitCode> {
    let from_stdin = settings.file.as_os_str() == "-";
    let path = if from_stdin {
        PathBuf::from("stdin")
    } else {
        ctx.cwd.join(&settings.file)
    };
    let entries = read_entries(ctx, &path, from_stdin)?;
    let keys: Vec<String> = entries.iter().map(|(k, _)| k.clone()).collect();
    // Every key of the file, before anything is sealed.
    crate::secrets::keys::refuse_platform_owned(&keys)?;
    let empty: Vec<String> = entries
        .iter()
        .filter(|(_, value)| value.expose().is_empty())
        .map(|(key, _)| key.clone())
        .collect();
    super::allow_empty(ctx, &empty, settings.allow_empty)?;

    let mut prepared = super::prepare(ctx, settings.scope, &settings.cert)?;
    let label = prepared.sealed.label();
    let mut ciphertexts = Vec::new();
    for (key, value) in &entries {
        let sealed = crate::seal::seal(prepared.cert.cert.public_key(), &label, value.expose())?;
        ciphertexts.push(Ciphertext {
            key: key.clone(),
            sealed,
        });
    }
    drop(entries);
    let file_name = if from_stdin {
        "stdin".to_owned()
    } else {
        settings.file.file_name().map_or_else(
            || settings.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let headline = format!(
        "Import {} {} from {file_name}",
        super::plural(&keys),
        crate::text::and_list(&keys)
    );
    let what = format!(
        "{} {} from {}",
        keys.len(),
        super::plural(&keys),
        path.display()
    );
    let committed = prepared.commit(&ciphertexts, settings.scope, settings.push, &headline)?;
    super::report_sealed(ctx, &prepared, committed, &keys, &what)?;
    // The keys are the data of `import`; under -o json the object above carries them.
    if !ctx.printer.is_json() {
        for key in &keys {
            ctx.printer.data(key)?;
        }
    }
    Ok(ExitCode::Success)
}

/// The variables of the dotenv file at `path` (stdin when `from_stdin`); a key defined twice
/// is warned about.
fn read_entries(
    ctx: &Context,
    path: &std::path::Path,
    from_stdin: bool,
) -> anyhow::Result<crate::seal::dotenv::Entries> {
    if from_stdin && ctx.terminal().stdin() {
        // What is typed on a terminal is echoed, and a dotenv file is not typed: pipe it.
        return Err(Failure::new(
            ExitCode::Usage,
            "`secret import -` reads a dotenv file from stdin, and stdin is a terminal, which would show what is typed; nothing was read",
        )
        .hint("pipe the file in (`pass show shop/env | ungleich-django secret import -`), give its path, or set single values with `secret set KEY` (asks, hidden)")
        .into());
    }
    let bytes = if from_stdin {
        SecretBuffer::read_to_end(std::io::stdin())
    } else {
        std::fs::File::open(path).and_then(SecretBuffer::read_to_end)
    }
    .map_err(|e| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let text = std::str::from_utf8(bytes.as_bytes()).map_err(|_| {
        Failure::new(
            ExitCode::InvalidInput,
            format!("{}: not UTF-8 text", path.display()),
        )
        .hint("save the file as UTF-8 (Windows editors may write UTF-16)")
    })?;
    let (entries, repeated) = crate::seal::dotenv::parse_with_repeats(text).map_err(|e| {
        let failure = Failure::new(ExitCode::InvalidInput, format!("{}: {e}", path.display()));
        if e.bad_name {
            failure.hint(crate::seal::keys::NAME_HINT)
        } else {
            failure
        }
    })?;
    if entries.is_empty() {
        return Err(Failure::new(
            ExitCode::InvalidInput,
            format!("{} defines no variables", path.display()),
        )
        .hint("a dotenv file holds KEY=value lines (`export KEY=value` works too; # starts a comment)")
        .into());
    }
    for key in &repeated {
        ctx.printer.warn(format!(
            "{key} is defined more than once in {}; the last definition is used",
            path.display()
        ));
    }
    Ok(entries)
}
