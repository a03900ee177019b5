//! Construction: the heads of the sequence pass turned into outline nodes, with heading, body,
//! paragraphs, a unique path and spans covering their descendants.

use std::collections::HashMap;

use policykg_read::Span;

use super::sequence::titleish;
use super::Head;
use crate::text::{is_space, Text};
use crate::{Node, Style};

/// Length in bytes of the lead sentence of `rest`: up to and including the first 。！？ outside
/// brackets and quotes; the whole of `rest` when there is none.
pub(crate) fn lead_sentence(rest: &str) -> usize {
    let mut depth = 0i32;
    let mut first_any = None;
    for (i, c) in rest.char_indices() {
        match c {
            '（' | '(' | '“' | '《' | '‘' | '「' | '【' | '〔' | '[' => depth += 1,
            '）' | ')' | '”' | '》' | '’' | '」' | '】' | '〕' | ']' => {
                depth = (depth - 1).max(0)
            }
            '。' | '！' | '？' => {
                let end = i + c.len_utf8();
                if depth == 0 {
                    return end;
                }
                first_any.get_or_insert(end);
            }
            _ => {}
        }
    }
    if depth > 0 {
        // Unbalanced brackets: trust the first full stop anyway.
        first_any.unwrap_or(rest.len())
    } else {
        rest.len()
    }
}

/// Trim trailing space and a closing Markdown bold mark.
fn trim_heading_end(s: &str) -> usize {
    let t = s.trim_end_matches(is_space);
    let t = t.strip_suffix("**").unwrap_or(t);
    t.trim_end_matches(is_space).len()
}

/// The path component of a number: without its trailing punctuation ("一、" → "一",
/// "1．" → "1", "一是" → "一"); parenthesised numbers and 第X条 keep their form.
fn path_part(number: &str, style: Style) -> &str {
    match style {
        Style::CnComma | Style::ArabicDot | Style::ArabicComma | Style::CnShi => {
            let mut chars = number.chars();
            chars.next_back();
            chars.as_str()
        }
        _ => number,
    }
}

/// Turn the heads into nodes: headings, bodies, paths and spans.
pub(super) fn nodes(t: &Text, heads: &[Head], cuts: &[usize]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::with_capacity(heads.len());
    let mut paths = Paths::default();
    for (k, h) in heads.iter().enumerate() {
        let line = t.line(h.line);
        // An item ends at the next heading or at the first cut after it (a 落款 or an
        // attachment line before an attachment, the end of the body), whichever comes first.
        let cut = cuts.iter().copied().filter(|&c| c > h.line).min();
        let next_line = match (heads.get(k + 1).map(|n| n.line), cut) {
            (Some(n), Some(c)) => n.min(c),
            (n, c) => n.or(c).unwrap_or(h.line + 1),
        };
        let number_span = t.line_span(h.line, h.number_at, h.number_at + h.number.len);
        let rest = &line[h.text_at..h.end];
        let lead = lead_sentence(rest);
        let heading_end = h.text_at + trim_heading_end(&rest[..lead]);
        let mut heading_span = t.line_span(h.line, h.text_at, heading_end);
        let mut heading = t.line_str(h.line, h.text_at, heading_end);
        let mut paragraphs: Vec<Span> = Vec::new();
        let mut body = String::new();
        let mut add = |paragraphs: &mut Vec<Span>, j: usize, lo: usize, hi: usize| {
            if !paragraphs.is_empty() {
                body.push('\n');
            }
            body.push_str(t.line_str(j, lo, hi));
            paragraphs.push(t.line_span(j, lo, hi));
        };
        let after = h.text_at + lead;
        let after_lo = after
            + (line[after..h.end].len() - line[after..h.end].trim_start_matches(is_space).len());
        if after_lo < h.end {
            add(&mut paragraphs, h.line, after_lo, h.end);
        }
        let mut first_body_line = h.line + 1;
        if heading_span.is_empty() {
            // A bare number: the title is on the next line when that line is short.
            if let Some(j) = (h.line + 1..next_line).find(|&j| t.content(j).is_some()) {
                let (lo, hi) = t.content(j).unwrap_or((0, 0));
                let l = &t.line(j)[lo..hi];
                if titleish(l) || l.chars().count() <= 40 && !l.contains('。') {
                    heading_span = t.line_span(j, lo, lo + trim_heading_end(l));
                    heading = t.line_str(j, lo, lo + trim_heading_end(l));
                    first_body_line = j + 1;
                }
            }
        }
        for j in first_body_line..next_line {
            if let Some((lo, hi)) = t.content(j) {
                add(&mut paragraphs, j, lo, hi);
            }
        }
        let body_span = match (paragraphs.first(), paragraphs.last()) {
            (Some(f), Some(l)) => Span::new(f.start, l.end),
            _ => Span::new(
                heading_span.end.max(number_span.end),
                heading_span.end.max(number_span.end),
            ),
        };
        let path = paths.unique(own_path(h, line, &nodes));
        let own_end = body_span.end.max(heading_span.end).max(number_span.end);
        let node = Node {
            number: t
                .line_str(h.line, h.number_at, h.number_at + h.number.len)
                .to_owned(),
            style: h.number.style,
            ordinal: h.number.ordinal,
            level: h.level,
            parent: h.parent,
            children: Vec::new(),
            heading: heading.to_owned(),
            body,
            path,
            span: Span::new(number_span.start, own_end),
            number_span,
            heading_span,
            body_span,
            paragraphs,
        };
        if let Some(p) = h.parent {
            nodes[p].children.push(k);
        }
        nodes.push(node);
    }
    extend_over_descendants(&mut nodes);
    nodes
}

/// The path of head `h` (on normalised line `line`) under its parent's path.
fn own_path(h: &Head, line: &str, nodes: &[Node]) -> String {
    let number_norm = &line[h.number_at..h.number_at + h.number.len];
    let plain_part;
    let part = if h.number.style == Style::Plain {
        plain_part = format!("§{}", h.number.ordinal);
        plain_part.as_str()
    } else {
        path_part(number_norm, h.number.style)
    };
    // A copy out of a PDF spaces a number's parts ("五 、", "（ 三 ）", "第 三 条"): the path is
    // an identifier, the same as the original's ("五/（三）").
    let spaced;
    let part = if part.contains(is_space) {
        spaced = part.replace(is_space, "");
        spaced.as_str()
    } else {
        part
    };
    match h.parent {
        Some(p) => format!("{}/{}", nodes[p].path, part),
        None => part.to_owned(),
    }
}

/// The paths given out so far.
#[derive(Default)]
struct Paths {
    /// Every path given out → the last "~k" suffix given to it (1 when none). One map for both:
    /// a path is given out exactly when it has an entry. Hashed with foldhash (SipHash cost
    /// three times the look-up, per heading).
    suffix: HashMap<String, usize, foldhash::fast::RandomState>,
}

impl Paths {
    /// `path`, or, when used before (a restarted numbering), with the next free "~k" suffix.
    fn unique(&mut self, mut path: String) -> String {
        if let Some(&last) = self.suffix.get(&path) {
            let base = std::mem::take(&mut path);
            let mut next = last;
            loop {
                next += 1;
                path = format!("{base}~{next}");
                if !self.suffix.contains_key(&path) {
                    break;
                }
            }
            self.suffix.insert(base, next);
        }
        self.suffix.entry(path.clone()).or_insert(1);
        path
    }
}

/// Extend each span over its descendants: children come after their parent.
fn extend_over_descendants(nodes: &mut [Node]) {
    for k in (0..nodes.len()).rev() {
        if let Some(p) = nodes[k].parent {
            let end = nodes[k].span.end;
            if end > nodes[p].span.end {
                nodes[p].span.end = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_sentences() {
        let s = "支持企业技术创新。充分发挥…";
        assert_eq!(&s[..lead_sentence(s)], "支持企业技术创新。");
        let s = "加大稳岗支持力度（人社部负责。列第一位者为牵头单位）后文";
        assert_eq!(lead_sentence(s), s.len());
        assert_eq!(lead_sentence("总体要求"), "总体要求".len());
    }
}
