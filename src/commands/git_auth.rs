//! The command layer's half of git authentication: asking for a key's passphrase on the
//! terminal (the gitops module never prompts), shared by every command that pushes.

use crate::app::Context;
use crate::gitops::Auth;

/// Authentication for the deploy repository that can ask for key passphrases when a person is
/// at the terminal.
#[must_use]
pub fn auth(ctx: &Context) -> Auth {
    let prompter = ctx.prompter;
    if !prompter.is_interactive() {
        return Auth::default();
    }
    Auth::with_prompt(Box::new(move |key: &std::path::Path| {
        prompter
            .secret(
                &format!("Passphrase for {}", key.display()),
                false,
                "ssh-add (load the key into ssh-agent)",
            )
            .ok()
    }))
}
