//! The outline builder: which numbered lines are headings, and where each belongs.
//!
//! A line whose content starts with a heading number ([`crate::numbering`]) is a *candidate*.
//! Whether it is a heading, and at which depth, is decided by the `Sequencer` from what came
//! before, never from the line alone:
//!
//! 1. **next sibling**: a number that continues an open heading of the same style (the innermost
//!    one first) is its next sibling: "（二）" after "（一）", closing everything below;
//! 2. **first child**: a "1" opens a new level under the innermost open heading; if its style is
//!    already open higher up, the numbering restarts there instead (a second 一是…二是 run);
//! 3. **continued numbering**: a style that is not open but whose last number was n−1 continues
//!    under the current heading: items 3, 4, 5 under （二） after 1, 2 under （一） (seed 001),
//!    （三） under 二、 after （二） under 一、 (State Council notices);
//! 4. **sibling in an unusual style**: a short title line whose number is the next one of an open
//!    heading written in another style takes that heading's place, with a warning: "2、 重点任务"
//!    between "一、总体要求" and "三、保障措施" (seed 002);
//! 5. **typos**: a repeated number or one skipping a single number is accepted as the next
//!    sibling, with a warning;
//! 6. anything else is body text (with a warning when it looks like a heading).
//!
//! Only lines before the closing block (特此通知, 落款, "（此件公开发布）") are considered, so that
//! numbered lines of a signature or a footer are never headings.

use std::collections::{HashMap, HashSet};

use policykg_ontology::Ontology;
use policykg_read::{Span, Warning};

use crate::agency::agency_list;
use crate::date::parse_date;
use crate::numbering::{number_at, Number};
use crate::text::{is_space, Text};
use crate::{Node, Outline, Style};

const STYLES: usize = 13;

fn slot_index(s: Style) -> usize {
    s as usize
}

#[derive(Debug, Clone, Copy)]
struct Open {
    slot: Style,
    ordinal: u32,
    head: usize,
}

/// Why a heading was accepted although its numbering is irregular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Irregular {
    /// A "1" in a style already open: the numbering restarts at that level.
    Restart,
    /// Next sibling of the open heading `head`, written in another style.
    Unusual { head: usize },
    /// The same number as the previous sibling `head`.
    Repeat { head: usize },
    /// Skips one number after sibling `head`.
    Skip { head: usize },
    /// The document's first heading does not start at 1.
    FirstNotOne,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A heading at `depth` (0 = top level) whose numbering continues `slot`.
    Heading {
        depth: usize,
        slot: Style,
        irregular: Option<Irregular>,
    },
    /// Body text.
    Text,
}

/// The sequence state: the open headings, innermost last, and the last number of each style.
#[derive(Debug, Default)]
pub(crate) struct Sequencer {
    stack: Vec<Open>,
    last: [Option<u32>; STYLES],
    accepted: usize,
}

impl Sequencer {
    /// Where a candidate of `style` numbered `n` goes. `titleish`: the rest of its line is a
    /// short title rather than running text.
    pub fn decide(&self, style: Style, n: u32, titleish: bool) -> Place {
        let at = |depth: usize, slot: Style, irregular: Option<Irregular>| Place::Heading {
            depth,
            slot,
            irregular,
        };
        let same = self.stack.iter().rposition(|o| o.slot == style);
        // 1. Next sibling of an open heading of the same style.
        if let Some(d) = self
            .stack
            .iter()
            .rposition(|o| o.slot == style && o.ordinal + 1 == n)
        {
            return at(d, style, None);
        }
        // 2. A first child, or a restart.
        if n == 1 {
            return match same {
                Some(d) => at(d, style, Some(Irregular::Restart)),
                None => at(self.stack.len(), style, None),
            };
        }
        // 3. Numbering continued from an earlier parent.
        if same.is_none() && self.last[slot_index(style)] == Some(n - 1) {
            return at(self.stack.len(), style, None);
        }
        // 4. The next sibling of an open heading, in another style.
        if titleish {
            if let Some(d) = self
                .stack
                .iter()
                .rposition(|o| o.slot != style && o.ordinal + 1 == n)
            {
                let open = self.stack[d];
                return at(d, open.slot, Some(Irregular::Unusual { head: open.head }));
            }
        }
        // 5. A repeated or skipped number.
        if let Some(d) = same {
            let open = self.stack[d];
            if n == open.ordinal {
                return at(d, style, Some(Irregular::Repeat { head: open.head }));
            }
            if n == open.ordinal + 2 {
                return at(d, style, Some(Irregular::Skip { head: open.head }));
            }
        }
        // A document (or excerpt) whose first heading is not numbered 1.
        if self.accepted == 0 && titleish {
            return at(0, style, Some(Irregular::FirstNotOne));
        }
        Place::Text
    }

    /// Record a heading placed by [`Sequencer::decide`]; returns its parent head.
    pub fn accept(
        &mut self,
        depth: usize,
        slot: Style,
        ordinal: u32,
        head: usize,
    ) -> Option<usize> {
        self.stack.truncate(depth);
        let parent = self.stack.last().map(|o| o.head);
        self.stack.push(Open {
            slot,
            ordinal,
            head,
        });
        self.last[slot_index(slot)] = Some(ordinal);
        self.accepted += 1;
        parent
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }
}

/// A heading line found by the sequence pass.
#[derive(Debug, Clone)]
struct Head {
    line: usize,
    /// Byte offsets in the normalised line: number start, heading text start, content end.
    number_at: usize,
    text_at: usize,
    end: usize,
    number: Number,
    parent: Option<usize>,
    level: u8,
}

/// The closing block at the end of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Closing {
    /// First line of the block (the number of lines when there is none).
    pub start: usize,
    /// 落款 lines naming the issuers, in order.
    pub issuer_lines: Vec<usize>,
    /// The 落款 date line.
    pub date_line: Option<usize>,
}

/// What the metadata pass needs to know about the layout besides the outline.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub closing: Closing,
    /// First line of the first heading (the number of lines when there is none).
    pub first_head_line: usize,
}

/// Whether `rest`, the text after a heading number, reads as a short title.
fn titleish(rest: &str) -> bool {
    let rest = rest.trim_end_matches(is_space);
    let n = rest.chars().count();
    if n == 0 || n > 30 {
        return false;
    }
    let body = rest.strip_suffix('。').unwrap_or(rest);
    !body.contains(['。', '，', '；', ',', ';'])
}

/// Bytes of `line[from..to]` to skip after a number: spaces and a doubled separator ("（一）、").
fn skip_separators(line: &str, from: usize, to: usize) -> usize {
    let mut at = from;
    for c in line[from..to].chars() {
        if is_space(c) || matches!(c, '、' | '．' | '.') {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

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

pub(crate) fn is_date_line(s: &str) -> bool {
    parse_date(s).is_some()
}

/// A note after the 落款: "（此件公开发布）", "抄送：…" (the `closing_note` words of the
/// ontology, after an opening parenthesis), "…2022年2月18日印发".
fn is_note(s: &str, ontology: &Ontology) -> bool {
    let inner = s.trim_start_matches(['（', '(']);
    ontology
        .words
        .closing_notes
        .iter()
        .any(|w| inner.starts_with(w.as_str()))
        || (s.ends_with("印发") && crate::date::find_date(s).is_some())
}

/// "特此通知。" and its kin (the `closing_formula` words).
fn is_formula(s: &str, ontology: &Ontology) -> bool {
    s.chars().count() <= 8
        && ontology
            .words
            .closing_formulas
            .iter()
            .any(|w| s.starts_with(w.as_str()))
}

/// A 落款 line with the issuer and the date together: "安徽省人民政府办公厅 2022年2月17日".
pub(crate) fn issuer_and_date<'s>(
    s: &'s str,
    ontology: &Ontology,
) -> Option<(&'s str, crate::date::Date)> {
    let i = s.rfind(is_space)?;
    let space = s[i..].chars().next().map_or(1, char::len_utf8);
    let (who, when) = (s[..i].trim_end_matches(is_space), &s[i + space..]);
    let date = parse_date(when)?;
    agency_list(who, ontology).map(|_| (who, date))
}

/// Find the closing block by walking back from the end of the text.
pub(crate) fn find_closing(t: &Text, ontology: &Ontology) -> Closing {
    let n = t.lines.len();
    let mut closing = Closing {
        start: n,
        ..Closing::default()
    };
    // 0: notes after the signature; 1: issuer lines above the date.
    let mut phase = 0;
    let mut i = n;
    while i > 0 {
        i -= 1;
        let Some((lo, hi)) = t.content(i) else {
            continue;
        };
        let s = &t.line(i)[lo..hi];
        if phase == 0 && is_note(s, ontology) {
            closing.start = i;
            continue;
        }
        if phase == 0 && (is_date_line(s) || issuer_and_date(s, ontology).is_some()) {
            closing.start = i;
            closing.date_line = Some(i);
            if issuer_and_date(s, ontology).is_some() {
                closing.issuer_lines.push(i);
            }
            phase = 1;
            continue;
        }
        if phase == 1 && closing.issuer_lines.len() < 4 && agency_list(s, ontology).is_some() {
            closing.start = i;
            closing.issuer_lines.insert(0, i);
            continue;
        }
        if is_formula(s, ontology) {
            closing.start = i;
        }
        break;
    }
    closing
}

/// Styles that give a document a formal structure; documents with none of them may have
/// unnumbered subheadings.
const FORMAL: &[Style] = &[
    Style::CnComma,
    Style::Part,
    Style::Chapter,
    Style::Section,
    Style::Article,
];

/// Whether content `s` has the shape of an unnumbered subheading.
/// Lines starting with a `not_subheading` word of the ontology (图为, 来源, 记者 …) are captions
/// and bylines, not subheadings.
fn plain_shape(s: &str, ontology: &Ontology) -> bool {
    let n = s.chars().count();
    (4..=25).contains(&n)
        && s.chars().filter(|&c| crate::docnum::is_han(c)).count() >= 4
        && !s.ends_with([
            '。', '！', '？', '；', '：', '，', '、', '.', ',', ':', ';', '!', '?', '…',
        ])
        && !s.contains(['。', '：', ':'])
        && number_at(s).is_none()
        && crate::date::find_date(s).is_none()
        && !ontology
            .words
            .not_subheadings
            .iter()
            .any(|p| s.starts_with(p.as_str()))
}

/// Lines of unnumbered subheadings: short title-shaped lines between a finished paragraph and a
/// longer one, not the first line of the text (its title). At least two are needed.
fn plain_headings(t: &Text, end: usize, ontology: &Ontology) -> Vec<usize> {
    let lines: Vec<(usize, &str)> = (0..end)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, &t.line(i)[lo..hi])))
        .collect();
    let mut found = Vec::new();
    for k in 1..lines.len().saturating_sub(1) {
        let (i, s) = lines[k];
        let prev = lines[k - 1].1;
        let next = lines[k + 1].1;
        if plain_shape(s, ontology)
            && prev.ends_with(['。', '！', '？', '”', '）'])
            && next.chars().count() > s.chars().count()
            && !plain_shape(next, ontology)
        {
            found.push(i);
        }
    }
    if found.len() < 2 {
        found.clear();
    }
    found
}

/// Build the outline of `t`. Warnings about irregular numbering go to `warnings`.
pub(crate) fn build(
    t: &Text,
    ontology: &Ontology,
    warnings: &mut Vec<Warning>,
) -> (Outline, Layout) {
    let closing = find_closing(t, ontology);
    let mut first_warnings = Vec::new();
    let heads = sequence(t, closing.start, &[], &mut first_warnings);
    let formal = heads.iter().any(|h| FORMAL.contains(&h.number.style));
    let plain = if formal {
        Vec::new()
    } else {
        plain_headings(t, closing.start, ontology)
    };
    let heads = if plain.is_empty() {
        warnings.append(&mut first_warnings);
        heads
    } else {
        sequence(t, closing.start, &plain, warnings)
    };
    let first_head_line = heads.first().map_or(closing.start, |h| h.line);
    let nodes = nodes(t, &heads, closing.start);
    let outline = Outline {
        nodes,
        preamble: Span::new(0, t.line_start(first_head_line)),
        closing: Span::new(t.line_start(closing.start), t.len_chars()),
    };
    (
        outline,
        Layout {
            closing,
            first_head_line,
        },
    )
}

/// The sequence pass over lines `[0, end)`; `plain` lists the lines of unnumbered subheadings,
/// each of which closes everything open and starts a new top-level section.
fn sequence(t: &Text, end: usize, plain: &[usize], warnings: &mut Vec<Warning>) -> Vec<Head> {
    let mut seq = Sequencer::default();
    let mut heads: Vec<Head> = Vec::new();
    let mut plain = plain.iter().peekable();
    let mut plain_count = 0;
    for i in 0..end {
        let Some((lo, hi)) = t.content(i) else {
            continue;
        };
        if plain.peek() == Some(&&i) {
            plain.next();
            plain_count += 1;
            let index = heads.len();
            let parent = seq.accept(0, Style::Plain, plain_count, index);
            heads.push(Head {
                line: i,
                number_at: lo,
                text_at: lo,
                end: hi,
                number: Number {
                    style: Style::Plain,
                    ordinal: plain_count,
                    len: 0,
                },
                parent,
                level: 1,
            });
            continue;
        }
        let line = t.line(i);
        let Some(number) = number_at(&line[lo..hi]) else {
            continue;
        };
        let text_at = skip_separators(line, lo + number.len, hi);
        let rest = &line[text_at..hi];
        let place = seq.decide(number.style, number.ordinal, titleish(rest));
        let Place::Heading {
            depth,
            slot,
            irregular,
        } = place
        else {
            if titleish(rest) {
                warnings.push(Warning {
                    message: format!(
                        "“{}” looks like a heading number but does not continue the numbering; kept as text",
                        &line[lo..lo + number.len]
                    ),
                    span: Some(t.line_span(i, lo, hi)),
                });
            }
            continue;
        };
        let index = heads.len();
        let parent = seq.accept(depth, slot, number.ordinal, index);
        let head = Head {
            line: i,
            number_at: lo,
            text_at,
            end: hi,
            number,
            parent,
            level: u8::try_from(seq.depth()).unwrap_or(u8::MAX),
        };
        if let Some(irregular) = irregular {
            let written = |h: &Head| {
                let l = t.line(h.line);
                l[h.number_at..h.number_at + h.number.len].to_owned()
            };
            let this = &line[lo..lo + number.len];
            let message = match irregular {
                Irregular::Restart => {
                    format!("“{this}” restarts a numbering already in use at this level")
                }
                Irregular::Unusual { head: h } => format!(
                    "“{this}” is read as the next sibling of “{}”, written in another style",
                    written(&heads[h])
                ),
                Irregular::Repeat { head: h } => {
                    format!("“{this}” repeats the number of “{}”", written(&heads[h]))
                }
                Irregular::Skip { head: h } => {
                    format!("“{this}” skips a number after “{}”", written(&heads[h]))
                }
                Irregular::FirstNotOne => format!("the first heading “{this}” is not numbered 1"),
            };
            warnings.push(Warning {
                message,
                span: Some(t.line_span(i, lo, lo + number.len)),
            });
        }
        heads.push(head);
    }
    heads
}

/// Turn the heads into nodes: headings, bodies, paths and spans.
fn nodes(t: &Text, heads: &[Head], end_line: usize) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::with_capacity(heads.len());
    // Path → the last "~k" suffix given to it; every path given out.
    let mut paths: HashMap<String, usize> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (k, h) in heads.iter().enumerate() {
        let line = t.line(h.line);
        let next_line = heads.get(k + 1).map_or(end_line, |n| n.line);
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
        let number_norm = &line[h.number_at..h.number_at + h.number.len];
        let plain_part;
        let part = if h.number.style == Style::Plain {
            plain_part = format!("§{}", h.number.ordinal);
            plain_part.as_str()
        } else {
            path_part(number_norm, h.number.style)
        };
        let mut path = match h.parent {
            Some(p) => format!("{}/{}", nodes[p].path, part),
            None => part.to_owned(),
        };
        // A path used before (a restarted numbering) gets the next free "~k" suffix.
        if let Some(next) = paths.get_mut(&path) {
            let base = path.clone();
            loop {
                *next += 1;
                path = format!("{base}~{next}");
                if !taken.contains(&path) {
                    break;
                }
            }
        }
        paths.entry(path.clone()).or_insert(1);
        taken.insert(path.clone());
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
    // Extend each span over its descendants: children come after their parent.
    for k in (0..nodes.len()).rev() {
        if let Some(p) = nodes[k].parent {
            let end = nodes[k].span.end;
            if end > nodes[p].span.end {
                nodes[p].span.end = end;
            }
        }
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(seq: &mut Sequencer, items: &[(Style, u32, bool)]) -> Vec<Option<(usize, Style)>> {
        let mut out = Vec::new();
        for (i, &(style, n, titleish)) in items.iter().enumerate() {
            match seq.decide(style, n, titleish) {
                Place::Heading { depth, slot, .. } => {
                    seq.accept(depth, slot, n, i);
                    out.push(Some((depth, slot)));
                }
                Place::Text => out.push(None),
            }
        }
        out
    }

    #[test]
    fn items_continue_across_sections() {
        use Style::*;
        let mut seq = Sequencer::default();
        let got = run(
            &mut seq,
            &[
                (CnComma, 1, true),
                (CnParen, 1, false),
                (CnParen, 2, false),
                (CnComma, 2, true),
                (CnParen, 1, true),
                (ArabicDot, 1, false),
                (ArabicDot, 2, false),
                (CnParen, 2, true),
                (ArabicDot, 3, false),
                (CnComma, 3, true),
                (ArabicDot, 4, false),
            ],
        );
        let depths: Vec<Option<usize>> = got.iter().map(|g| g.map(|(d, _)| d)).collect();
        assert_eq!(depths, [0, 1, 1, 0, 1, 2, 2, 1, 2, 0, 1].map(Some).to_vec());
    }

    #[test]
    fn unusual_style_takes_the_place_of_the_expected_sibling() {
        use Style::*;
        let mut seq = Sequencer::default();
        let got = run(
            &mut seq,
            &[
                (CnComma, 1, true),
                (ArabicComma, 2, true),
                (CnParen, 1, true),
                (ArabicDot, 1, false),
                (CnComma, 3, true),
            ],
        );
        assert_eq!(
            got,
            vec![
                Some((0, CnComma)),
                Some((0, CnComma)),
                Some((1, CnParen)),
                Some((2, ArabicDot)),
                Some((0, CnComma)),
            ]
        );
    }

    #[test]
    fn out_of_sequence_numbers_are_text() {
        use Style::*;
        let mut seq = Sequencer::default();
        let got = run(
            &mut seq,
            &[
                (CnComma, 1, true),
                (ArabicDot, 5, false),
                (CnParen, 7, false),
            ],
        );
        assert_eq!(got, vec![Some((0, CnComma)), None, None]);
    }

    #[test]
    fn lead_sentences() {
        let s = "支持企业技术创新。充分发挥…";
        assert_eq!(&s[..lead_sentence(s)], "支持企业技术创新。");
        let s = "加大稳岗支持力度（人社部负责。列第一位者为牵头单位）后文";
        assert_eq!(lead_sentence(s), s.len());
        assert_eq!(lead_sentence("总体要求"), "总体要求".len());
    }
}
