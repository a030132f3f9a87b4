//! Dotenv files as people write them: `KEY=value`, `export KEY=value`, blank lines and `#`
//! comments, single quotes (literal), double quotes (`\n`, `\t`, `\r`, `\"`, `\\`, `\$` escapes),
//! both of which may span lines, and unquoted values that end at ` #`. `$VAR` is never expanded:
//! a password with a `$` in it stays as written. Errors name the line and key, never a value.

use zeroize::Zeroizing;

use super::value::{SecretBuffer, SecretValue};

/// A dotenv file that cannot be read as one.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {problem}")]
pub struct DotenvError {
    /// 1-based line where the problem starts.
    pub line: usize,
    /// What is wrong, naming the key when there is one.
    pub problem: String,
    /// The problem is the key's name (see [`super::keys::check_name`]).
    pub bad_name: bool,
}

/// The variables of a file, in file order.
pub type Entries = Vec<(String, SecretValue)>;

/// The variables of `text`, in file order; a key given twice keeps its last value.
///
/// # Errors
/// A line that is not `KEY=value`, a key that is not an environment variable name, an
/// unterminated quote, or text after a closing quote.
pub fn parse(text: &str) -> Result<Entries, DotenvError> {
    parse_with_repeats(text).map(|(entries, _)| entries)
}

/// As [`parse`], with the keys given more than once (each once, in file order): a repeated key
/// is most often a leftover that the user should know was overridden.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_repeats(text: &str) -> Result<(Entries, Vec<String>), DotenvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Sized once: a collect that grows would leave fragments of the values in freed memory.
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    let mut parser = Parser {
        chars: Zeroizing::new(chars),
        pos: 0,
        line: 1,
    };
    let mut out: Entries = Vec::new();
    let mut repeated: Vec<String> = Vec::new();
    while let Some((key, value)) = parser.entry()? {
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => {
                slot.1 = value;
                if !repeated.contains(&key) {
                    repeated.push(key);
                }
            }
            None => out.push((key, value)),
        }
    }
    Ok((out, repeated))
}

struct Parser {
    chars: Zeroizing<Vec<char>>,
    pos: usize,
    line: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn error(&self, line: usize, problem: impl Into<String>) -> DotenvError {
        DotenvError {
            line,
            problem: problem.into(),
            bad_name: false,
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    /// Skips to the end of the line, which must hold only blanks and an optional comment.
    fn end_of_line(&mut self, key: &str) -> Result<(), DotenvError> {
        self.skip_blanks();
        match self.peek() {
            None => Ok(()),
            Some('\n') => {
                self.bump();
                Ok(())
            }
            Some('\r') if self.chars.get(self.pos + 1) == Some(&'\n') => {
                self.bump();
                self.bump();
                Ok(())
            }
            Some('#') => {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
                self.bump();
                Ok(())
            }
            Some(_) => Err(self.error(
                self.line,
                format!("unexpected text after the closing quote of {key}"),
            )),
        }
    }

    /// The next `KEY=value`, skipping blank lines and comments; `None` at the end.
    fn entry(&mut self) -> Result<Option<(String, SecretValue)>, DotenvError> {
        loop {
            while matches!(self.peek(), Some(' ' | '\t' | '\r' | '\n')) {
                self.bump();
            }
            match self.peek() {
                None => return Ok(None),
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                Some(_) => break,
            }
        }
        let line = self.line;
        let mut key = self.word();
        if key == "export" && matches!(self.peek(), Some(' ' | '\t')) {
            self.skip_blanks();
            key = self.word();
        }
        self.skip_blanks();
        if self.peek() != Some('=') {
            // The line may be the middle of a value that should have been quoted: show no more
            // of it than a name.
            let rest_has_equals = self.chars[self.pos..]
                .iter()
                .take_while(|c| **c != '\n')
                .any(|c| *c == '=');
            let problem = if rest_has_equals {
                "expected KEY=value, but blanks come before the `=`: a key cannot contain blanks"
            } else {
                "expected KEY=value, but the line has no `=` (a value that spans lines must be quoted)"
            };
            return Err(self.error(line, problem));
        }
        self.bump();
        super::keys::check_name(&key).map_err(|reason| DotenvError {
            bad_name: true,
            ..self.error(line, format!("the key {reason}"))
        })?;
        self.skip_blanks();
        let value = match self.peek() {
            Some(quote @ ('"' | '\'')) => {
                self.bump();
                let value = self.quoted(quote, &key, line)?;
                self.end_of_line(&key)?;
                value
            }
            _ => self.unquoted(),
        };
        Ok(Some((key, value.into_value())))
    }

    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| !matches!(c, '=' | ' ' | '\t' | '\n' | '\r'))
        {
            word.push(c);
            self.bump();
        }
        word
    }

    fn quoted(&mut self, quote: char, key: &str, line: usize) -> Result<SecretBuffer, DotenvError> {
        let mut value = Text::default();
        loop {
            let Some(c) = self.bump() else {
                return Err(self.error(line, format!("the value of {key} has no closing {quote}")));
            };
            match c {
                c if c == quote => break,
                '\\' if quote == '"' => {
                    let Some(escaped) = self.bump() else { continue };
                    match escaped {
                        'n' => value.push('\n'),
                        't' => value.push('\t'),
                        'r' => value.push('\r'),
                        '"' | '\\' | '$' => value.push(escaped),
                        other => {
                            value.push('\\');
                            value.push(other);
                        }
                    }
                }
                '\r' if self.peek() == Some('\n') => {}
                c => value.push(c),
            }
        }
        Ok(value.0)
    }

    fn unquoted(&mut self) -> SecretBuffer {
        let mut value = Text::default();
        let mut previous = ' ';
        while let Some(c) = self.peek() {
            if c == '\n' || (c == '#' && matches!(previous, ' ' | '\t')) {
                break;
            }
            value.push(c);
            previous = c;
            self.bump();
        }
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
        self.bump();
        while matches!(value.0.as_bytes().last(), Some(b' ' | b'\t' | b'\r')) {
            value.0.pop();
        }
        value.0
    }
}

/// A value being parsed, growing without leaving copies (see [`SecretBuffer`]).
struct Text(SecretBuffer);

impl Default for Text {
    fn default() -> Self {
        Text(SecretBuffer::with_capacity(256))
    }
}

impl Text {
    fn push(&mut self, c: char) {
        let mut utf8 = Zeroizing::new([0u8; 4]);
        self.0.extend(c.encode_utf8(&mut utf8[..]).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse(text)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .into_iter()
            .map(|(k, v)| (k, String::from_utf8(v.expose().to_vec()).unwrap()))
            .collect()
    }

    #[test]
    fn reads_what_people_write() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("\n\n# only a comment\n", &[]),
            ("A=1", &[("A", "1")]),
            ("A=1\r\nB=2\r\n", &[("A", "1"), ("B", "2")]),
            ("export A=1\n", &[("A", "1")]),
            ("  export   A = 1  \n", &[("A", "1")]),
            ("A=\n", &[("A", "")]),
            ("A=''\nB=\"\"\n", &[("A", ""), ("B", "")]),
            ("A=a b c # comment\n", &[("A", "a b c")]),
            ("A=a#b\n", &[("A", "a#b")]),
            ("A='a # b' # c\n", &[("A", "a # b")]),
            ("A='x\\ny $HOME'\n", &[("A", "x\\ny $HOME")]),
            (
                "A=\"x\\ny\\t\\\"q\\\" \\\\ \\$HOME $HOME\"\n",
                &[("A", "x\ny\t\"q\" \\ $HOME $HOME")],
            ),
            (
                "KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nB=2\n",
                &[
                    ("KEY", "-----BEGIN KEY-----\nabc\n-----END KEY-----"),
                    ("B", "2"),
                ],
            ),
            ("A='line1\nline2'\n", &[("A", "line1\nline2")]),
            ("A=1\nA=2\n", &[("A", "2")]),
            ("\u{feff}A=1\n", &[("A", "1")]),
            ("export=1\n", &[("export", "1")]),
            ("A=ä€\n", &[("A", "ä€")]),
            ("A=p@ss=word\n", &[("A", "p@ss=word")]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(pairs(text), expected, "{text:?}");
        }
    }

    #[test]
    fn repeated_keys_are_reported_once_each() {
        let (entries, repeated) = parse_with_repeats("A=1\nB=2\nA=3\nB=4\nA=5\nC=6\n").unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(repeated, ["A", "B"]);
        assert!(parse_with_repeats("A=1\n").unwrap().1.is_empty());
    }

    #[test]
    fn errors_name_the_line_and_key_but_not_the_value() {
        let cases: &[(&str, usize, &str)] = &[
            ("A=1\nB\n", 2, "the line has no `=`"),
            ("A B=sekrit\n", 1, "blanks come before the `=`"),
            ("se+krit x=y\n", 1, "blanks come before the `=`"),
            (
                "KEY=-----BEGIN KEY-----\nMIIsekritAB\n",
                2,
                "the line has no `=` (a value that spans lines must be quoted)",
            ),
            (
                "KEY=-----BEGIN KEY-----\nMIIs/ekrit+A==\n",
                2,
                "the key is not a valid environment variable name and is not shown",
            ),
            ("=x\n", 1, "the key is empty"),
            (
                "A=1\n1A=x\n",
                2,
                "the key is not a valid environment variable name and is not shown",
            ),
            ("A-B=x\n", 1, "the key is not a valid"),
            // The tail of an unquoted multi-line value, once shown as a "mistyped name".
            (
                "KEY=-----BEGIN KEY-----\n3Fq8xYzK1wPLANT==\n",
                2,
                "the key is not a valid environment variable name and is not shown",
            ),
            ("A=\"sekrit\n", 1, "the value of A has no closing \""),
            ("\n\nA='sekrit\n", 3, "the value of A has no closing '"),
            (
                "A=\"sekrit\" trailing\n",
                1,
                "unexpected text after the closing quote of A",
            ),
        ];
        for (text, line, needle) in cases {
            let err = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} parsed"));
            assert_eq!(err.line, *line, "{text:?}: {err}");
            assert!(err.to_string().contains(needle), "{text:?}: {err}");
            assert!(!err.to_string().contains("sekrit"), "{err}");
            for word in ["1A", "A-B", "3Fq8xYzK1wPLANT", "`A`"] {
                assert!(!err.to_string().contains(word), "{err}");
            }
        }
    }
}
