//! The `---` block at the top of files saved by static-site and feed tools (seed 000):
//!
//! ```text
//! ---
//! title: '安徽：聚焦高端芯片…'
//! categories:
//!  - 新媒体
//!  - IT 之家
//! date: Mon, 07 Feb 2022 06:27:57 GMT
//! ---
//! ```
//!
//! Only the YAML subset these blocks use is read: `key: value` with plain, single- or
//! double-quoted values, block lists (`- item`), flow lists (`[a, b]`) and `|`/`>` block scalars.
//! Values are kept raw (a date stays an RFC 2822 string; the outline stage interprets it); list
//! items are joined with [`LIST_SEPARATOR`]. Keys with empty values are left out.
//!
//! A block only counts as front matter when it opens on the first non-blank line, closes with `---` or
//! `...` within [`MAX_LINES`] lines, and its first non-blank line is `key: ...`; a notice that
//! happens to start with a horizontal rule stays text.

use crate::document::{Field, FieldOrigin};

/// How list items are joined into one field value.
pub const LIST_SEPARATOR: &str = "、";

/// Front matter longer than this is not front matter.
const MAX_LINES: usize = 200;

/// The parsed block: its fields and the byte offset in the text where the body starts (just
/// after the closing fence's line break).
#[derive(Debug)]
pub struct FrontMatter {
    pub fields: Vec<Field>,
    pub body_start: usize,
}

pub fn split(text: &str) -> Option<FrontMatter> {
    let mut lines = LinesWithEnds::new(text);
    // Blank lines may precede the fence (seed 000 starts with one).
    let (first, _) = lines.by_ref().find(|(line, _)| !line.trim().is_empty())?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut block = Vec::new();
    let mut body_start = None;
    for (line, end) in lines.by_ref().take(MAX_LINES) {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            body_start = Some(end);
            break;
        }
        block.push(line);
    }
    let body_start = body_start?;
    let first_content = block.iter().find(|l| !l.trim().is_empty())?;
    key_value(first_content)?;
    Some(FrontMatter {
        fields: parse_block(&block),
        body_start,
    })
}

fn parse_block(lines: &[&str]) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.trim_start().starts_with('#') || line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, raw)) = key_value(line) else {
            continue;
        };
        let value = if raw.is_empty() {
            // A block list follows, or nothing.
            let mut items = Vec::new();
            while let Some(next) = lines.get(i) {
                let trimmed = next.trim_start();
                if let Some(item) = trimmed
                    .strip_prefix('-')
                    .filter(|_| !trimmed.starts_with("--"))
                {
                    items.push(scalar(item.trim()));
                    i += 1;
                } else if trimmed.is_empty() {
                    i += 1;
                } else {
                    break;
                }
            }
            items.retain(|s| !s.is_empty());
            items.join(LIST_SEPARATOR)
        } else if raw == "|" || raw == ">" || raw.starts_with("|-") || raw.starts_with(">-") {
            let mut parts = Vec::new();
            while let Some(next) = lines.get(i) {
                if next.starts_with([' ', '\t']) || next.trim().is_empty() {
                    parts.push(next.trim());
                    i += 1;
                } else {
                    break;
                }
            }
            while parts.last().is_some_and(|p| p.is_empty()) {
                parts.pop();
            }
            parts.join(if raw.starts_with('|') { "\n" } else { " " })
        } else if let Some(inner) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            inner
                .split(',')
                .map(|item| scalar(item.trim()))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR)
        } else {
            scalar(raw)
        };
        if !value.is_empty() {
            fields.push(Field {
                key: key.to_owned(),
                value,
                origin: FieldOrigin::FrontMatter,
            });
        }
    }
    fields
}

/// `key: value` at the start of a line → (key, value trimmed). The colon must be followed by a
/// space or end the line, so `https://…` is not split.
fn key_value(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    let mut search = 0;
    while let Some(pos) = line[search..].find(':') {
        let at = search + pos;
        let after = &line[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t', '\r']) {
            let key = line[..at].trim();
            if key.is_empty() {
                return None;
            }
            return Some((unquote_key(key), after.trim()));
        }
        search = at + 1;
    }
    None
}

fn unquote_key(key: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = key.strip_prefix(q).and_then(|k| k.strip_suffix(q)) {
            return inner;
        }
    }
    key
}

/// A scalar as written: quotes removed (`''` inside single quotes is one quote; `\"`, `\\`,
/// `\n`, `\t` inside double quotes), or a plain value with a trailing ` #comment` removed.
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return raw[1..raw.len() - 1].replace("''", "'");
    }
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        let mut out = String::new();
        let mut chars = raw[1..raw.len() - 1].chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        return out;
    }
    match raw.find(" #") {
        Some(at) => raw[..at].trim_end().to_owned(),
        None => raw.to_owned(),
    }
}

/// Lines without their terminator, each with the byte offset just after its terminator.
struct LinesWithEnds<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LinesWithEnds<'a> {
    fn new(text: &'a str) -> Self {
        LinesWithEnds { text, pos: 0 }
    }
}

impl<'a> Iterator for LinesWithEnds<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (line, len) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(nl) => (&rest[..nl], nl + 1),
            None => (rest, rest.len()),
        };
        self.pos += len;
        Some((line.strip_suffix('\r').unwrap_or(line), self.pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(fm: &'a FrontMatter, key: &str) -> Option<&'a str> {
        fm.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    #[test]
    fn subset_of_yaml() {
        let text = "---\r\ntitle: 'It''s 安徽'\r\ntags: [a, \"b\"]\r\ncats:\r\n - x\r\n - y\r\n\
                    url: https://a.b/c # note\r\nempty:\r\nnote: |\r\n  line1\r\n  line2\r\n---\r\nbody";
        let fm = split(text).unwrap();
        assert_eq!(get(&fm, "title"), Some("It's 安徽"));
        assert_eq!(get(&fm, "tags"), Some("a、b"));
        assert_eq!(get(&fm, "cats"), Some("x、y"));
        assert_eq!(get(&fm, "url"), Some("https://a.b/c"));
        assert_eq!(get(&fm, "empty"), None);
        assert_eq!(get(&fm, "note"), Some("line1\nline2"));
        assert_eq!(&text[fm.body_start..], "body");
    }

    #[test]
    fn not_front_matter() {
        assert!(split("---\n一、总体要求\n---\n").is_none());
        assert!(split("---\ntitle: x\n").is_none());
        assert!(split("title: x\n---\n").is_none());
        assert!(split("").is_none());
        assert!(split("正文\n---\ntitle: x\n---\n").is_none());
        let fm = split("\n---\ntitle: x\n---\n正文").unwrap();
        assert_eq!(get(&fm, "title"), Some("x"));
    }
}
