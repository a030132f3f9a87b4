use dialoguer::{Confirm, Input, Select, theme::ColorfulTheme};
use secrecy::SecretString;

use super::hidden::{self, HiddenError};

use crate::exit::{Classify, ExitCode};

/// Asks the user, or explains which flag answers the question when nobody can be asked.
#[derive(Debug, Clone, Copy)]
pub struct Prompter {
    interactive: bool,
    assume_yes: bool,
}

/// A question that could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Prompting is off (`--no-input`, `--yes` or no terminal) and no flag gave the answer.
    #[error(
        "{question}: no answer given, and prompting is off (--no-input, --yes, or stdin is not a terminal)"
    )]
    NoAnswer { question: String, flag: String },
    /// The terminal failed while prompting.
    #[error("cannot read the answer from the terminal")]
    Terminal(#[source] dialoguer::Error),
    /// The hidden prompt failed, or was interrupted.
    #[error("cannot read the hidden value from the terminal")]
    Hidden(#[source] HiddenError),
    /// What was typed at the hidden prompt is not UTF-8 text.
    #[error("the value typed is not UTF-8 text")]
    NotText,
}

impl Classify for InputError {
    fn exit_code(&self) -> ExitCode {
        match self {
            InputError::NoAnswer { .. } => ExitCode::Usage,
            InputError::Hidden(HiddenError::Interrupted) => ExitCode::Interrupted,
            InputError::NotText => ExitCode::InvalidInput,
            InputError::Terminal(_) | InputError::Hidden(_) => ExitCode::Failure,
        }
    }
    fn hint(&self) -> Option<String> {
        match self {
            InputError::NoAnswer { flag, .. } => Some(format!("pass {flag}")),
            InputError::NotText => {
                Some("give a binary value with `KEY -` on stdin or --from-file PATH".to_owned())
            }
            InputError::Terminal(_) | InputError::Hidden(_) => None,
        }
    }
}

impl Prompter {
    /// `interactive`: a person is at the terminal and prompting is allowed. `assume_yes`: `--yes`.
    #[must_use]
    pub fn new(interactive: bool, assume_yes: bool) -> Self {
        Prompter {
            interactive: interactive && !assume_yes,
            assume_yes,
        }
    }

    /// True when questions can be asked.
    #[must_use]
    pub fn is_interactive(&self) -> bool {
        self.interactive
    }

    fn refuse(question: &str, flag: &str) -> InputError {
        InputError::NoAnswer {
            question: question.to_owned(),
            flag: flag.to_owned(),
        }
    }

    /// A line of text. Without a terminal, `default` is the answer, or the error names `flag`.
    ///
    /// # Errors
    /// When nobody can be asked and there is no default, or the terminal fails.
    pub fn text(
        &self,
        question: &str,
        default: Option<&str>,
        flag: &str,
    ) -> Result<String, InputError> {
        if !self.interactive {
            return default
                .map(str::to_owned)
                .ok_or_else(|| Self::refuse(question, flag));
        }
        let theme = ColorfulTheme::default();
        let mut input = Input::<String>::with_theme(&theme).with_prompt(question);
        if let Some(default) = default {
            input = input.default(default.to_owned());
        }
        input.interact_text().map_err(InputError::Terminal)
    }

    /// As [`Prompter::text`], but on a terminal an answer `check` refuses is not taken: its
    /// reason is shown and the question asked again, so one typo does not end the run. Without
    /// a terminal the default is returned unchecked; the caller checks what it is given.
    ///
    /// # Errors
    /// When nobody can be asked and there is no default, or the terminal fails.
    pub fn text_checked(
        &self,
        question: &str,
        default: Option<&str>,
        flag: &str,
        mut check: impl FnMut(&str) -> Result<(), String>,
    ) -> Result<String, InputError> {
        if !self.interactive {
            return self.text(question, default, flag);
        }
        let theme = ColorfulTheme::default();
        let mut input = Input::<String>::with_theme(&theme)
            .with_prompt(question)
            .validate_with(|answer: &String| check(answer.trim()));
        if let Some(default) = default {
            input = input.default(default.to_owned());
        }
        input
            .interact_text()
            .map(|answer| answer.trim().to_owned())
            .map_err(InputError::Terminal)
    }

    /// Yes or no. `--yes` answers yes; without a terminal `default` is the answer.
    ///
    /// # Errors
    /// When the terminal fails.
    pub fn confirm(&self, question: &str, default: bool) -> Result<bool, InputError> {
        if self.assume_yes {
            return Ok(true);
        }
        if !self.interactive {
            return Ok(default);
        }
        Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(question)
            .default(default)
            .interact()
            .map_err(InputError::Terminal)
    }

    /// A hidden value, typed twice when `confirm` is set. Never echoed, never logged.
    ///
    /// # Errors
    /// When nobody can be asked, or the terminal fails.
    pub fn secret(
        &self,
        question: &str,
        confirm: bool,
        flag: &str,
    ) -> Result<SecretString, InputError> {
        if !self.interactive {
            return Err(Self::refuse(question, flag));
        }
        loop {
            let first = hidden::read_line(question).map_err(InputError::Hidden)?;
            if !confirm {
                return exact_string(&first);
            }
            let again = hidden::read_line("Again, to confirm").map_err(InputError::Hidden)?;
            if first.as_bytes() == again.as_bytes() {
                return exact_string(&first);
            }
            eprintln!("The two values differ; try again");
        }
    }

    /// One of `candidates`, or a typed answer (the last item offers to type one). Without a
    /// terminal the error names `flag`.
    ///
    /// # Errors
    /// When nobody can be asked, or the terminal fails.
    pub fn choose(
        &self,
        question: &str,
        candidates: &[String],
        flag: &str,
    ) -> Result<String, InputError> {
        if !self.interactive {
            return Err(Self::refuse(question, flag));
        }
        if candidates.is_empty() {
            return self.text(question, None, flag);
        }
        let theme = ColorfulTheme::default();
        let other = "something else (type it)".to_owned();
        let items: Vec<&String> = candidates.iter().chain([&other]).collect();
        let picked = Select::with_theme(&theme)
            .with_prompt(question)
            .items(&items)
            .default(0)
            .interact()
            .map_err(InputError::Terminal)?;
        match candidates.get(picked) {
            Some(answer) => Ok(answer.clone()),
            None => self.text(question, None, flag),
        }
    }
}

/// The typed bytes as a string in an allocation of exactly their size, which `SecretString`
/// keeps as it is (spare capacity would make it move the text and free the old copy unwiped).
fn exact_string(typed: &crate::seal::SecretBuffer) -> Result<SecretString, InputError> {
    let text = std::str::from_utf8(typed.as_bytes()).map_err(|_| InputError::NotText)?;
    let mut exact = String::with_capacity(text.len());
    exact.push_str(text);
    Ok(SecretString::from(exact))
}
