//! How the program words the things it lists and explains, in one place so that every message
//! reads alike: lists in prose ("A, B and C") and an error's causes on one line.

use std::error::Error;

/// `items` as prose: "A", "A and B", "A, B and C"; empty for none.
#[must_use]
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// An error and its sources on one line, joined by ": ", each text once: a source whose text the
/// message already quotes (as wrappers often do) is not repeated.
#[must_use]
pub fn cause_chain(err: &dyn Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        let none: [&str; 0] = [];
        assert_eq!(and_list(&none), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(
            and_list(&["A".to_owned(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }

    #[test]
    fn a_chain_says_each_cause_once() {
        let err = anyhow::Error::new(std::io::Error::other("connection refused"))
            .context("cannot connect");
        assert_eq!(
            cause_chain(err.as_ref()),
            "cannot connect: connection refused"
        );
        let quoting =
            anyhow::Error::new(std::io::Error::other("refused")).context("cannot connect: refused");
        assert_eq!(cause_chain(quoting.as_ref()), "cannot connect: refused");
    }
}
