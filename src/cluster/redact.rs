//! What of a kube error may be shown. A kubeconfig holds credentials, and kube's errors quote
//! them: a failing exec credential plugin's error holds its whole command line (an
//! `--oidc-client-secret=...` argument included) and everything it printed; a YAML error holds
//! an excerpt of the file (the `token:` line included). Errors about a kubeconfig name the file,
//! the user entry and the line instead, never a value.

use std::error::Error;
use std::sync::Mutex;

use kube::client::AuthError;
use kube::config::KubeconfigError;

/// The kubeconfig user entry and file the client was last built from, to name in errors that
/// arrive later, with a request (kube runs the exec plugin then).
static USER_ENTRY: Mutex<Option<String>> = Mutex::new(None);

/// Records which user entry of which file the client authenticates as (`user `u` of FILE`).
pub(super) fn remember_user(entry: Option<String>) {
    if let Ok(mut slot) = USER_ENTRY.lock() {
        *slot = entry;
    }
}

fn user_entry() -> String {
    USER_ENTRY
        .lock()
        .ok()
        .and_then(|slot| slot.clone())
        .unwrap_or_else(|| "the kubeconfig's user".to_owned())
}

/// A safe description of `err` when it, or an error it wraps, comes from a kubeconfig's
/// credentials or text; `None` when it does not (its own text may be shown).
#[must_use]
pub fn describe(err: &(dyn Error + 'static)) -> Option<String> {
    let mut next = Some(err);
    while let Some(cause) = next {
        if let Some(auth) = cause.downcast_ref::<AuthError>() {
            return Some(describe_auth(auth));
        }
        if let Some(config) = cause.downcast_ref::<KubeconfigError>() {
            return Some(describe_kubeconfig(config));
        }
        next = cause.source();
    }
    None
}

/// `text` of a kube error as a person reads it, every cause once, with [`describe`]'s text in
/// place of anything that may quote credentials.
#[must_use]
pub fn chain(err: &(dyn Error + 'static)) -> String {
    if let Some(safe) = describe(err) {
        return safe;
    }
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let next = cause.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = cause.source();
    }
    text
}

fn describe_auth(err: &AuthError) -> String {
    let user = user_entry();
    let hidden = "its command line and output are not shown, as they may hold credentials";
    match err {
        AuthError::AuthExecRun { out, .. } => format!(
            "the exec credential plugin of {user} failed ({}); {hidden}",
            out.status
        ),
        AuthError::AuthExecStart(e) => format!(
            "the exec credential plugin of {user} cannot be started: {}",
            e.kind()
        ),
        AuthError::AuthExecParse(_) | AuthError::ExecPluginFailed => format!(
            "the exec credential plugin of {user} printed no valid ExecCredential; {hidden}"
        ),
        AuthError::ReadTokenFile(e, path) => format!(
            "cannot read the token file {} of {user}: {}",
            path.display(),
            e.kind()
        ),
        AuthError::InvalidBasicAuth(_) | AuthError::InvalidBearerToken(_) => format!(
            "the token or password of {user} cannot be sent in an HTTP header (it is not shown)"
        ),
        _ => format!(
            "the credentials of {user} cannot be used; the details are not shown, as they may hold credentials"
        ),
    }
}

pub(crate) fn describe_kubeconfig(err: &KubeconfigError) -> String {
    match err {
        KubeconfigError::Parse(yaml) => match yaml.location() {
            Some(at) => format!(
                "it is not valid YAML at line {}, column {} (the line is not shown, as it may hold credentials)",
                at.line(),
                at.column()
            ),
            None => "it is not valid YAML (the text is not shown, as it may hold credentials)"
                .to_owned(),
        },
        // The others name paths, contexts and clusters, or quote no text of the file.
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yaml_error_names_the_line_but_not_the_token() {
        let text = "apiVersion: v1\nusers:\n- name: u\n  user:\n    token: s3cr3tTOKEN\n  bad: [\n";
        let err = kube::config::Kubeconfig::from_yaml(text).unwrap_err();
        let safe = chain(&err);
        assert!(safe.contains("line "), "{safe}");
        assert!(!safe.contains("s3cr3t"), "{safe}");
    }
}
