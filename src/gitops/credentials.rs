//! Credentials for fetch and push over ssh with libgit2, tried in the order git and cargo use,
//! each at most once: libgit2 calls back until we give up, so a refused key must never loop.
//! What was tried is kept for the error message. (http(s) goes through the git program, which
//! asks the user's credential helpers itself; `cli` hands it [`TOKEN_ENV`].)

use std::path::Path;

use git2::{Cred, CredentialType};
use secrecy::{ExposeSecret, SecretString};

/// A token for HTTPS in CI (sent as the password, as GitHub, GitLab and Gitea expect).
pub const TOKEN_ENV: &str = "UNGLEICH_GIT_TOKEN";
/// The user name that goes with [`TOKEN_ENV`]; default: the URL's user, else `git`.
pub const TOKEN_USER_ENV: &str = "UNGLEICH_GIT_USERNAME";

/// The error our credentials callback ends with, so that it is told from other failures.
pub(crate) const NO_MORE_CREDENTIALS: &str = "no more credentials to try";

/// The key files tried after the agent, in ssh's own order of preference.
const KEY_FILES: [&str; 3] = ["id_ed25519", "id_ecdsa", "id_rsa"];

/// Asks for the passphrase of an encrypted key file; `None` when nobody can be asked. The command
/// layer supplies it (domain code never prompts).
pub type PassphrasePrompt = dyn Fn(&Path) -> Option<SecretString>;

/// How to authenticate: the sources above, plus an optional passphrase prompt.
#[derive(Default)]
pub struct Auth {
    prompt: Option<Box<PassphrasePrompt>>,
    /// Passphrases typed in this process, so one action (fetch, then push) asks once.
    typed: std::cell::RefCell<Vec<(std::path::PathBuf, SecretString)>>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("prompt", &self.prompt.is_some())
            .finish()
    }
}

impl Auth {
    /// Authentication that can ask for key passphrases through `prompt`.
    #[must_use]
    pub fn with_prompt(prompt: Box<PassphrasePrompt>) -> Self {
        Auth {
            prompt: Some(prompt),
            typed: std::cell::RefCell::default(),
        }
    }

    /// True when a person can be asked (then the git program may prompt too).
    #[must_use]
    pub fn can_prompt(&self) -> bool {
        self.prompt.is_some()
    }

    /// The passphrase of `key`: typed earlier in this process, or asked for now.
    fn passphrase(&self, key: &Path) -> Option<SecretString> {
        if let Some((_, known)) = self.typed.borrow().iter().find(|(k, _)| k == key) {
            return Some(known.clone());
        }
        let typed = (self.prompt.as_ref()?)(key)?;
        self.typed
            .borrow_mut()
            .push((key.to_owned(), typed.clone()));
        Some(typed)
    }
}

/// What one network operation has tried so far.
#[derive(Debug, Default)]
pub(crate) struct Attempts {
    pub tried: Vec<String>,
    username_given: bool,
    agent_tried: bool,
    next_key: usize,
}

impl Attempts {
    /// The next credential to offer, or an error when everything was tried.
    pub fn next(
        &mut self,
        auth: &Auth,
        user_from_url: Option<&str>,
        allowed: CredentialType,
    ) -> Result<Cred, git2::Error> {
        let user = user_from_url.unwrap_or("git");
        if allowed.contains(CredentialType::USERNAME) && !self.username_given {
            self.username_given = true;
            return Cred::username(user);
        }
        if allowed.contains(CredentialType::SSH_KEY)
            && let Some(cred) = self.next_ssh(auth, user)
        {
            return cred;
        }
        Err(git2::Error::from_str(NO_MORE_CREDENTIALS))
    }

    fn next_ssh(&mut self, auth: &Auth, user: &str) -> Option<Result<Cred, git2::Error>> {
        if !self.agent_tried {
            self.agent_tried = true;
            if std::env::var_os("SSH_AUTH_SOCK").is_some() {
                self.tried.push(format!(
                    "the keys in ssh-agent (SSH_AUTH_SOCK) as user `{user}`"
                ));
                return Some(Cred::ssh_key_from_agent(user));
            }
            self.tried
                .push("ssh-agent: not running (SSH_AUTH_SOCK is not set)".to_owned());
        }
        let ssh_dir = etcetera::home_dir().ok()?.join(".ssh");
        while self.next_key < KEY_FILES.len() {
            let name = KEY_FILES[self.next_key];
            self.next_key += 1;
            let key = ssh_dir.join(name);
            let Ok(text) = std::fs::read_to_string(&key) else {
                continue;
            };
            let passphrase = if is_encrypted(&text) {
                match auth.passphrase(&key) {
                    Some(p) => Some(p),
                    None => {
                        self.tried.push(format!(
                            "{}: encrypted, and no terminal to ask for its passphrase (load it with `ssh-add`)",
                            key.display()
                        ));
                        continue;
                    }
                }
            } else {
                None
            };
            self.tried
                .push(format!("the key {} as user `{user}`", key.display()));
            let public = key.with_extension("pub");
            let public = public.is_file().then_some(public);
            return Some(Cred::ssh_key(
                user,
                public.as_deref(),
                &key,
                passphrase.as_ref().map(ExposeSecret::expose_secret),
            ));
        }
        // "No key file" only when none was found: an encrypted one was, and is reported already.
        let in_ssh_dir = ssh_dir.display().to_string();
        if !self
            .tried
            .iter()
            .any(|t| t.starts_with("the key ") || t.starts_with(&in_ssh_dir))
            && self.next_key == KEY_FILES.len()
        {
            self.next_key += 1;
            self.tried.push(format!(
                "no key file in {} ({})",
                ssh_dir.display(),
                KEY_FILES.join(", ")
            ));
        }
        None
    }
}

/// True for a private key file that needs a passphrase: legacy PEM says so in a header, the
/// OpenSSH format names its cipher right after the magic (`none` when unencrypted).
fn is_encrypted(text: &str) -> bool {
    use base64::Engine as _;
    if text.contains("ENCRYPTED") {
        return true;
    }
    let body: String = text
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(body.trim()) else {
        return false;
    };
    let Some(rest) = bytes.strip_prefix(b"openssh-key-v1\0") else {
        return false;
    };
    let Some((len, rest)) = rest.split_first_chunk::<4>() else {
        return false;
    };
    let len = u32::from_be_bytes(*len) as usize;
    rest.get(..len).is_some_and(|cipher| cipher != b"none")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_keys_are_recognised() {
        use base64::Engine as _;
        let encode = |cipher: &[u8]| {
            let mut body = b"openssh-key-v1\0".to_vec();
            body.extend((cipher.len() as u32).to_be_bytes());
            body.extend(cipher);
            body.extend(b"\0\0\0\0rest");
            format!(
                "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----\n",
                base64::engine::general_purpose::STANDARD.encode(body)
            )
        };
        assert!(!is_encrypted(&encode(b"none")));
        assert!(is_encrypted(&encode(b"aes256-ctr")));
        assert!(is_encrypted(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        ));
        assert!(!is_encrypted("garbage"));
    }
}
