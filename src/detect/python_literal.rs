//! Python literals read without running Python: strings, numbers, `True`/`False`/`None`, lists,
//! tuples and dicts, as a settings file writes a value like django-crontab's `CRONJOBS`. Whatever
//! else an expression holds (a name, a call, an f-string) is kept as its text, so that the caller
//! can say what it could not read instead of guessing.

/// One value of a literal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Str(String),
    /// A number as written (`0`, `-1`, `2.5`).
    Number(String),
    Bool(bool),
    None,
    /// A list or a tuple, each item with its byte offset in the text read.
    Seq(Vec<(usize, Literal)>),
    Dict(Vec<(Literal, Literal)>),
    /// Anything that is not a literal, as written (`settings.JOBS`, `f"{x}"`).
    Other(String),
}

impl Literal {
    /// The string, when this is one.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads the expression at the start of `text` (the right-hand side of an assignment).
#[must_use]
pub fn parse(text: &str) -> Literal {
    let mut reader = Reader { text, pos: 0 };
    reader.value()
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Skips white space, line continuations and comments.
    fn skip_blank(&mut self) {
        loop {
            let before = self.pos;
            let trimmed = self
                .rest()
                .trim_start_matches(|c: char| c.is_whitespace() || c == '\\');
            self.pos = self.text.len() - trimmed.len();
            if self.peek() == Some('#') {
                self.pos += self.rest().find('\n').unwrap_or(self.rest().len());
            }
            if self.pos == before {
                return;
            }
        }
    }

    fn value(&mut self) -> Literal {
        self.skip_blank();
        let rest = self.rest();
        match self.peek() {
            Some('[') => self.seq(']'),
            Some('(') => self.seq(')'),
            Some('{') => self.dict(),
            Some('"' | '\'') => self.string(),
            // A raw or unicode string; an f-string or bytes is not a plain value.
            Some('r' | 'R' | 'u' | 'U') if rest[1..].starts_with(['"', '\'']) => {
                let raw = matches!(self.peek(), Some('r' | 'R'));
                self.pos += 1;
                if raw {
                    self.raw_string()
                } else {
                    self.string()
                }
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => self.number(),
            _ => self.other(),
        }
    }

    fn seq(&mut self, close: char) -> Literal {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                None => return Literal::Seq(items),
                Some(c) if c == close => {
                    self.pos += 1;
                    return Literal::Seq(items);
                }
                Some(',') => self.pos += 1,
                Some(_) => {
                    let at = self.pos;
                    let item = self.value();
                    items.push((at, item));
                    if self.pos == at {
                        // Nothing could be read: stop rather than loop.
                        return Literal::Seq(items);
                    }
                }
            }
        }
    }

    fn dict(&mut self) -> Literal {
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                None => return Literal::Dict(entries),
                Some('}') => {
                    self.pos += 1;
                    return Literal::Dict(entries);
                }
                Some(',') => self.pos += 1,
                Some(_) => {
                    let at = self.pos;
                    let key = self.value();
                    self.skip_blank();
                    if self.peek() == Some(':') {
                        self.pos += 1;
                    }
                    let value = self.value();
                    entries.push((key, value));
                    if self.pos == at {
                        return Literal::Dict(entries);
                    }
                }
            }
        }
    }

    /// A quoted string with its escapes; adjacent strings are joined, as Python joins them.
    fn string(&mut self) -> Literal {
        let Some(quote) = self.peek() else {
            return Literal::Other(String::new());
        };
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, other)) => out.push(other),
                    None => {}
                },
                c if c == quote => {
                    self.pos += i + 1;
                    return self.joined(out);
                }
                c => out.push(c),
            }
        }
        self.pos = self.text.len();
        Literal::Other(out)
    }

    fn raw_string(&mut self) -> Literal {
        let Some(quote) = self.peek() else {
            return Literal::Other(String::new());
        };
        self.pos += 1;
        match self.rest().find(quote) {
            Some(end) => {
                let out = self.rest()[..end].to_owned();
                self.pos += end + 1;
                self.joined(out)
            }
            None => {
                self.pos = self.text.len();
                Literal::Other(String::new())
            }
        }
    }

    /// `'a' 'b'` is `'ab'`.
    fn joined(&mut self, first: String) -> Literal {
        let after = self.pos;
        self.skip_blank();
        if matches!(self.peek(), Some('"' | '\''))
            && let Literal::Str(next) = self.string()
        {
            return Literal::Str(first + &next);
        }
        self.pos = after;
        Literal::Str(first)
    }

    fn number(&mut self) -> Literal {
        let len = self
            .rest()
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || (i == 0 && "+-".contains(c)))
            })
            .map_or(self.rest().len(), |(i, _)| i);
        let text = self.rest()[..len].to_owned();
        self.pos += len;
        if text
            .chars()
            .skip(1)
            .all(|c| c.is_ascii_digit() || c == '.' || c == '_')
        {
            Literal::Number(text)
        } else {
            Literal::Other(text)
        }
    }

    /// A name or an expression, up to the comma or bracket that ends it.
    fn other(&mut self) -> Literal {
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        let mut end = self.rest().len();
        for (i, c) in self.rest().char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') if depth == 0 => {
                    end = i;
                    break;
                }
                (None, ')' | ']' | '}') => depth -= 1,
                (None, ',' | ':' | '\n') if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let text = self.rest()[..end].trim().to_owned();
        self.pos += end;
        match text.as_str() {
            "True" => Literal::Bool(true),
            "False" => Literal::Bool(false),
            "None" => Literal::None,
            _ => Literal::Other(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(value: Literal) -> Literal {
        match value {
            Literal::Seq(items) => Literal::Seq(
                items
                    .into_iter()
                    .map(|(_, item)| (0, plain(item)))
                    .collect(),
            ),
            Literal::Dict(entries) => Literal::Dict(
                entries
                    .into_iter()
                    .map(|(k, v)| (plain(k), plain(v)))
                    .collect(),
            ),
            other => other,
        }
    }

    fn s(text: &str) -> Literal {
        Literal::Str(text.to_owned())
    }

    fn seq(items: Vec<Literal>) -> Literal {
        Literal::Seq(items.into_iter().map(|item| (0, item)).collect())
    }

    #[test]
    fn literals_in_the_spellings_settings_use() {
        let cases: Vec<(&str, Literal)> = vec![
            ("'a'", s("a")),
            ("\"a b\"", s("a b")),
            (r"r'\d+'", s(r"\d+")),
            ("u'x'", s("x")),
            ("'it\\'s'", s("it's")),
            ("'a' 'b'", s("ab")),
            ("42", Literal::Number("42".into())),
            ("-1", Literal::Number("-1".into())),
            ("True", Literal::Bool(true)),
            ("None", Literal::None),
            ("settings.JOBS", Literal::Other("settings.JOBS".into())),
            ("f'{x}'", Literal::Other("f'{x}'".into())),
            (
                "[('0 0 * * *', 'a.b', ['x', 1]), # comment\n ('@daily', 'c', {'v': 0})]",
                seq(vec![
                    seq(vec![
                        s("0 0 * * *"),
                        s("a.b"),
                        seq(vec![s("x"), Literal::Number("1".into())]),
                    ]),
                    seq(vec![
                        s("@daily"),
                        s("c"),
                        Literal::Dict(vec![(s("v"), Literal::Number("0".into()))]),
                    ]),
                ]),
            ),
            (
                "(JOB, 'x')",
                seq(vec![Literal::Other("JOB".into()), s("x")]),
            ),
            (
                "[call(1, 2)]",
                seq(vec![Literal::Other("call(1, 2)".into())]),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(plain(parse(text)), want, "{text}");
        }
    }

    #[test]
    fn items_keep_their_offsets() {
        let text = "[\n    ('a', 'b'),\n    ('c', 'd'),\n]";
        let Literal::Seq(items) = parse(text) else {
            panic!("not a list");
        };
        let offsets: Vec<usize> = items.iter().map(|(at, _)| *at).collect();
        assert_eq!(offsets, [6, 22]);
    }

    #[test]
    fn unfinished_text_ends_without_looping() {
        for text in ["[('a', ", "{'a': ", "'open", "[", "(", "{"] {
            let _ = parse(text);
        }
    }
}
