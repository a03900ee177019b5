//! A SPARQL 1.1 lexer: the tokens of the grammar's terminals, with byte offsets into the text.
//!
//! One pass, one token per call, no backtracking beyond a single token (an `<` that does not
//! open an IRI is re-read as the operator), so the whole text is lexed in linear time. Any
//! `&str` is accepted: a character no terminal starts with becomes an [`Kind::Unknown`] token
//! rather than an error, because deciding what is a syntax error is the parser's job.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Spaces, tabs, line breaks (the only white space SPARQL has).
    Space,
    /// `#` to the end of the line, outside IRIs and strings.
    Comment,
    /// `<…>` with only the characters the grammar's IRIREF allows (and `\u` escapes).
    Iri,
    /// `prefix:local`, `:local`, `prefix:`.
    PrefixedName,
    /// `_:label`.
    BlankNode,
    /// `?name` or `$name`.
    Variable,
    /// `'…'`, `"…"`, `'''…'''`, `"""…"""`; `terminated` is false when the text or the line
    /// (for the short forms) ends first.
    String { terminated: bool },
    /// `@zh`, `@en-GB`.
    LangTag,
    /// `12`, `1.5`, `.5`, `1e3` (signs are operators).
    Number,
    /// A keyword or any other bare name (`SELECT`, `a`, `true`, `STRLEN`).
    Word,
    /// `{` `(` `[`
    Open,
    /// `}` `)` `]`
    Close,
    /// Operators and other punctuation: `&&` `||` `!=` `<=` `>=` `^^` and single characters.
    Punct,
    /// A character no SPARQL terminal starts with, or a `\` and the character after it.
    Unknown,
}

/// A token: its kind and where it is (byte range of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Byte offset of the first character.
    pub start: usize,
}

/// Iterator over the tokens of a text.
pub struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }
}

/// Every token of `text`, white space and comments included.
pub fn tokens(text: &str) -> Lexer<'_> {
    Lexer::new(text)
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.text[self.pos..];
        let c = rest.chars().next()?;
        let (kind, len) = lex_one(rest, c);
        debug_assert!(len > 0 && rest.is_char_boundary(len));
        let start = self.pos;
        self.pos += len;
        Some(Token {
            kind,
            text: &self.text[start..self.pos],
            start,
        })
    }
}

/// The kind and byte length of the token at the start of `rest` (never 0).
fn lex_one(rest: &str, c: char) -> (Kind, usize) {
    let b = rest.as_bytes();
    match c {
        ' ' | '\t' | '\r' | '\n' => {
            let n = b
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            (Kind::Space, n)
        }
        '#' => (
            Kind::Comment,
            b.iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .unwrap_or(b.len()),
        ),
        '<' => match iri_len(rest) {
            Some(n) => (Kind::Iri, n),
            None if rest.starts_with("<=") => (Kind::Punct, 2),
            None => (Kind::Punct, 1),
        },
        '"' | '\'' => string_len(rest, c as u8),
        '?' | '$' => match name_len(&rest[1..], is_varname_char) {
            0 if c == '?' => (Kind::Punct, 1),
            0 => (Kind::Unknown, 1),
            n => (Kind::Variable, 1 + n),
        },
        '@' => {
            let n = lang_len(&rest[1..]);
            if n == 0 {
                (Kind::Unknown, 1)
            } else {
                (Kind::LangTag, 1 + n)
            }
        }
        '_' if rest.starts_with("_:") => {
            let n = name_len(&rest[2..], is_pn_chars);
            (Kind::BlankNode, 2 + n)
        }
        '0'..='9' => (Kind::Number, number_len(rest)),
        '.' if b.get(1).is_some_and(u8::is_ascii_digit) => (Kind::Number, number_len(rest)),
        ':' => (Kind::PrefixedName, 1 + local_len(&rest[1..])),
        c if is_pn_chars_base(c) || c == '_' => {
            let n = name_len(rest, is_pn_chars);
            if rest[n..].starts_with(':') {
                (Kind::PrefixedName, n + 1 + local_len(&rest[n + 1..]))
            } else {
                (Kind::Word, n)
            }
        }
        '{' | '(' | '[' => (Kind::Open, 1),
        '}' | ')' | ']' => (Kind::Close, 1),
        '\\' => {
            // Not a SPARQL token outside strings and names; taking the next character with it
            // keeps `\#` from being read as a comment start.
            let next = rest[1..].chars().next().map_or(0, char::len_utf8);
            (Kind::Unknown, 1 + next)
        }
        _ => {
            for op in ["&&", "||", "!=", ">=", "^^"] {
                if rest.starts_with(op) {
                    return (Kind::Punct, 2);
                }
            }
            if "&|!=>^*/+-,;.".contains(c) {
                (Kind::Punct, 1)
            } else {
                (Kind::Unknown, c.len_utf8())
            }
        }
    }
}

/// Characters IRIREF allows between `<` and `>`: `[^<>"{}|^`\]-[#x00-#x20]`.
pub fn is_iri_char(c: char) -> bool {
    !matches!(
        c,
        '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' | '\u{0}'..=' '
    )
}

/// Length of the IRIREF at the start of `rest` (which starts with `<`), if it is one.
fn iri_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'\\' => {
                // The only escapes SPARQL allows here: \uXXXX and \UXXXXXXXX.
                let digits = match b.get(i + 1) {
                    Some(b'u') => 4,
                    Some(b'U') => 8,
                    _ => return None,
                };
                let hex = b.get(i + 2..i + 2 + digits)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                i += 2 + digits;
            }
            _ => {
                let c = rest[i..].chars().next()?;
                if !is_iri_char(c) {
                    return None;
                }
                i += c.len_utf8();
            }
        }
    }
    None
}

/// A string literal at the start of `rest`, which starts with `quote`.
fn string_len(rest: &str, quote: u8) -> (Kind, usize) {
    let b = rest.as_bytes();
    let long = b.len() >= 3 && b[1] == quote && b[2] == quote;
    let mut i = if long { 3 } else { 1 };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            q if q == quote => {
                if !long {
                    return (Kind::String { terminated: true }, i + 1);
                }
                if b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote) {
                    return (Kind::String { terminated: true }, i + 3);
                }
                i += 1;
            }
            b'\n' | b'\r' if !long => return (Kind::String { terminated: false }, i),
            _ => i += 1,
        }
    }
    // `\` as the last byte steps past the end; the token still ends on a character boundary.
    (Kind::String { terminated: false }, b.len())
}

/// Bytes of the longest prefix of `s` whose characters satisfy `ok`, with `.` allowed inside
/// (not last), as PN_PREFIX and BLANK_NODE_LABEL allow.
fn name_len(s: &str, ok: fn(char) -> bool) -> usize {
    let mut end = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if ok(c) {
            end = i + c.len_utf8();
        } else if c == '.' && end > 0 {
            // A dot belongs to the name only if a name character follows the run of dots.
            let mut j = i + 1;
            while s[j..].starts_with('.') {
                j += 1;
                iter.next();
            }
            match s[j..].chars().next() {
                Some(n) if ok(n) => end = j,
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// Bytes of the PN_LOCAL at the start of `s` (possibly 0): name characters, `:`, `%hh` and
/// `\`-escapes, with `.` inside but not last.
fn local_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut end = 0;
    while i < b.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if is_pn_chars(c) || c == ':' {
            i += c.len_utf8();
            end = i;
        } else if c == '%' && b.len() >= i + 3 && b[i + 1..i + 3].iter().all(u8::is_ascii_hexdigit)
        {
            i += 3;
            end = i;
        } else if c == '\\'
            && b.get(i + 1)
                .is_some_and(|e| b"_~.-!$&'()*+,;=/?#@%".contains(e))
        {
            i += 2;
            end = i;
        } else if c == '.' && end > 0 {
            i += 1;
        } else {
            break;
        }
    }
    end
}

fn lang_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if i == 0 {
        return 0;
    }
    while b.get(i) == Some(&b'-') {
        let n = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if n == 0 {
            break;
        }
        i += 1 + n;
    }
    i
}

fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + digits(i + 1);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let n = digits(i + 1 + sign);
        if n > 0 {
            i += 1 + sign + n;
        }
    }
    i.max(1)
}

/// PN_CHARS_BASE of the grammar.
pub fn is_pn_chars_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// PN_CHARS of the grammar (PN_CHARS_U, `-`, digits and a few combining characters).
pub fn is_pn_chars(c: char) -> bool {
    is_pn_chars_base(c)
        || matches!(c, '_' | '-' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

fn is_varname_char(c: char) -> bool {
    is_pn_chars(c) && c != '-'
}

/// 1-based line and column (in characters, as the parser counts them) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens(text)
            .filter(|t| t.kind != Kind::Space)
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn iri_versus_less_than() {
        assert_eq!(
            kinds("<http://x/#a'b> ?a<?b ?c <= 3 <a b>"),
            vec![
                (Kind::Iri, "<http://x/#a'b>"),
                (Kind::Variable, "?a"),
                (Kind::Punct, "<"),
                (Kind::Variable, "?b"),
                (Kind::Variable, "?c"),
                (Kind::Punct, "<="),
                (Kind::Number, "3"),
                (Kind::Punct, "<"),
                (Kind::Word, "a"),
                (Kind::Word, "b"),
                (Kind::Punct, ">"),
            ]
        );
        assert_eq!(
            kinds(r"<http://x/\u0041>"),
            vec![(Kind::Iri, r"<http://x/\u0041>")]
        );
    }

    #[test]
    fn comments_only_outside_iris_and_strings() {
        assert_eq!(
            kinds("?s <http://x/#a> \"#{\" # { (\n}"),
            vec![
                (Kind::Variable, "?s"),
                (Kind::Iri, "<http://x/#a>"),
                (Kind::String { terminated: true }, "\"#{\""),
                (Kind::Comment, "# { ("),
                (Kind::Close, "}"),
            ]
        );
    }

    #[test]
    fn the_four_string_forms_with_escapes() {
        let t = kinds(r#"'a\'b' "c\"d" '''e''f''' """g"h""" 'open"#);
        assert_eq!(
            t,
            vec![
                (Kind::String { terminated: true }, r"'a\'b'"),
                (Kind::String { terminated: true }, r#""c\"d""#),
                (Kind::String { terminated: true }, "'''e''f'''"),
                (Kind::String { terminated: true }, r#""""g"h""""#),
                (Kind::String { terminated: false }, "'open"),
            ]
        );
        assert_eq!(
            kinds("'a\n{")[0],
            (Kind::String { terminated: false }, "'a")
        );
    }

    #[test]
    fn names_numbers_and_operators() {
        assert_eq!(
            kinds(r"pkg:a\#b.c. _:b1 $v @zh-CN 1.5e3 .5 ^^xsd:int && || != >= ^ :x"),
            vec![
                (Kind::PrefixedName, r"pkg:a\#b.c"),
                (Kind::Punct, "."),
                (Kind::BlankNode, "_:b1"),
                (Kind::Variable, "$v"),
                (Kind::LangTag, "@zh-CN"),
                (Kind::Number, "1.5e3"),
                (Kind::Number, ".5"),
                (Kind::Punct, "^^"),
                (Kind::PrefixedName, "xsd:int"),
                (Kind::Punct, "&&"),
                (Kind::Punct, "||"),
                (Kind::Punct, "!="),
                (Kind::Punct, ">="),
                (Kind::Punct, "^"),
                (Kind::PrefixedName, ":x"),
            ]
        );
    }

    #[test]
    fn any_text_is_covered_exactly() {
        for text in [
            "\\",
            "'\\",
            "<\\u00",
            "省经信厅 ?任务 \u{0} \u{FFFF}\\é",
            "'''\\",
            "@",
            "_:",
        ] {
            let joined: String = tokens(text).map(|t| t.text).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn positions_count_characters() {
        let text = "SELECT\n  省经信厅 ?x";
        assert_eq!(line_column(text, text.find('?').unwrap()), (2, 8));
        assert_eq!(line_column(text, 0), (1, 1));
    }
}
