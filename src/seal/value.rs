//! A secret's plaintext. It lives only in memory, is wiped when dropped, and never prints.

use std::fmt;

use secrecy::{ExposeSecret, SecretSlice};

/// The bytes of one secret value (binary-safe). `Debug` prints `[redacted]`; there is no
/// `Display`, so a value cannot slip into a message by accident.
pub struct SecretValue(SecretSlice<u8>);

impl SecretValue {
    /// Takes ownership of `bytes`; they are zeroized when the value is dropped.
    #[must_use]
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretValue(SecretSlice::from(bytes))
    }

    /// The plaintext, for sealing and nothing else.
    #[must_use]
    pub fn expose(&self) -> &[u8] {
        self.0.expose_secret()
    }

    /// The length in bytes (safe to show).
    #[must_use]
    pub fn len(&self) -> usize {
        self.expose().len()
    }

    /// True for the empty value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<secrecy::SecretString> for SecretValue {
    fn from(value: secrecy::SecretString) -> Self {
        SecretValue::new(value.expose_secret().as_bytes().to_vec())
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let value = SecretValue::new(b"hunter2".to_vec());
        assert_eq!(format!("{value:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&value)), "Some([redacted])");
        assert_eq!(value.expose(), b"hunter2");
    }
}
