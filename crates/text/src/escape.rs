//! Text for HTML and XML.

/// `s` as HTML element content or a quoted attribute value, and as XML 1.0 content or
/// attribute: `& < > " '` escaped (`'` as `&#39;`, which HTML 4, HTML 5 and XML all read;
/// `&apos;` is not HTML 4), and the control characters XML 1.0 cannot carry at all (which HTML
/// also forbids) replaced by a space, so that one bad byte in a source document cannot make
/// the whole output unreadable. Tab, line feed and carriage return are kept.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// [`escape`] for one character, appended to `out`.
#[inline]
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\t' | '\n' | '\r' => out.push(c),
        c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push(' '),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_control_characters() {
        assert_eq!(escape("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c ");
        assert_eq!(escape("方案<草>'x'"), "方案&lt;草&gt;&#39;x&#39;");
        assert_eq!(escape("a\tb\nc\r"), "a\tb\nc\r");
        assert_eq!(escape("\u{0}\u{1f}\u{ffff}"), "   ");
        assert_eq!(escape("《通知》（一）"), "《通知》（一）");
    }
}
