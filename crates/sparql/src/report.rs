//! Syntax errors in the user's terms: spargebra says "error at 1:34: expected one of" and every
//! character class of the grammar; people need the position, an unknown prefix named as such,
//! the keywords that could come next, and the line with a caret under the spot.

use std::fmt;

use unicode_width::UnicodeWidthStr;

/// A parser's syntax error, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxErrorReport {
    /// 1-based line of the error, when the parser gave one.
    pub line: Option<usize>,
    /// 1-based column, in characters, when the parser gave one.
    pub column: Option<usize>,
    /// `line 2, column 9: expected …` then the line and a caret under the column; the parser's
    /// own message when it has no position.
    pub message: String,
}

impl fmt::Display for SyntaxErrorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Describes `parser_message` (spargebra's error for `text`).
pub fn describe_syntax_error(text: &str, parser_message: &str) -> SyntaxErrorReport {
    describe_syntax_error_with_prefixes(text, parser_message, &[])
}

/// [`describe_syntax_error`] for a parser that had `predeclared` prefixes: an unknown prefix's
/// message lists them.
pub fn describe_syntax_error_with_prefixes(
    text: &str,
    parser_message: &str,
    predeclared: &[&str],
) -> SyntaxErrorReport {
    let unpositioned = || SyntaxErrorReport {
        line: None,
        column: None,
        message: parser_message.to_owned(),
    };
    let Some(rest) = parser_message.strip_prefix("error at ") else {
        return unpositioned();
    };
    let Some((pos, expected)) = rest.split_once(": ") else {
        return unpositioned();
    };
    let Some((line, column)) = pos
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    else {
        return unpositioned();
    };
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let before: String = source_line.chars().take(column.saturating_sub(1)).collect();
    let what = if expected.contains("Prefix not found") {
        // The parser stops after the prefixed name (`undeclared:p`): its prefix is the part
        // before the colon.
        let token: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let name = token.split(':').next().unwrap_or("");
        if predeclared.is_empty() {
            format!("unknown prefix `{name}:` (declare it with PREFIX)")
        } else {
            format!(
                "unknown prefix `{name}:` (declare it with PREFIX, or use one of the predeclared: {})",
                predeclared.join(" ")
            )
        }
    } else {
        let keywords: Vec<&str> = expected
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|k| !k.is_empty())
            .take(8)
            .collect();
        if source_line.chars().count() < column {
            "the query ends too early".to_owned()
        } else if keywords.is_empty() {
            "unexpected text".to_owned()
        } else {
            format!("expected {}", keywords.join(", "))
        }
    };
    let caret = " ".repeat(before.width());
    SyntaxErrorReport {
        line: Some(line),
        column: Some(column),
        message: format!("line {line}, column {column}: {what}\n  {source_line}\n  {caret}^"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_keywords_and_caret() {
        let text = "SELECT ?x WHERE {\n  ?x 省:p";
        let r = describe_syntax_error(text, "error at 2:9: expected one of \"{\", \"}\"");
        assert_eq!((r.line, r.column), (Some(2), Some(9)));
        assert_eq!(
            r.message,
            "line 2, column 9: the query ends too early\n    ?x 省:p\n           ^"
        );
        let r = describe_syntax_error(
            "ASK { ?x ?y }",
            "error at 1:7: expected one of \"GRAPH\", \"OPTIONAL\"",
        );
        assert!(r
            .message
            .starts_with("line 1, column 7: expected GRAPH, OPTIONAL\n"));
    }

    #[test]
    fn unknown_prefix_is_named() {
        let r = describe_syntax_error_with_prefixes(
            "SELECT * { ?x no:p ?y }",
            "error at 1:19: Prefix not found",
            &["pkg:", "eli:"],
        );
        assert!(
            r.message.starts_with("line 1, column 19: unknown prefix `no:` (declare it with PREFIX, or use one of the predeclared: pkg: eli:)"),
            "{}",
            r.message
        );
    }

    #[test]
    fn messages_without_position_pass_through() {
        let r = describe_syntax_error("x", "The blank node _:b cannot be shared");
        assert_eq!(r.line, None);
        assert_eq!(r.message, "The blank node _:b cannot be shared");
    }
}
