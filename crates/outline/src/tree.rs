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

mod closing;
mod nodes;
mod plain;
mod sequence;

use policykg_ontology::Ontology;
use policykg_read::{Span, Warning};

use closing::{attachment_start, find_closing, inner_signature};
pub(crate) use closing::{issuer_and_date, Closing};
use nodes::nodes;
use plain::{plain_headings, FORMAL};
use sequence::sequence;

use crate::numbering::Number;
use crate::text::Text;
use crate::Outline;

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

/// What the metadata pass needs to know about the layout besides the outline.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    pub closing: Closing,
    /// First line of the first heading (the number of lines when there is none).
    pub first_head_line: usize,
}

/// Build the outline of `t`. Warnings about irregular numbering go to `warnings`.
pub(crate) fn build(
    t: &Text,
    ontology: &Ontology,
    warnings: &mut Vec<Warning>,
) -> (Outline, Layout) {
    let closing = find_closing(t, ontology);
    let mut first_warnings = Vec::new();
    let heads = sequence(t, closing.start, &[], 0..0, &mut first_warnings);
    let formal = heads.iter().any(|h| FORMAL.contains(&h.number.style));
    let plain = if formal {
        Vec::new()
    } else {
        plain_headings(t, closing.start, ontology)
    };
    let skip = contents(t, &heads).unwrap_or(0..0);
    let heads = if plain.is_empty() && skip.is_empty() {
        warnings.append(&mut first_warnings);
        heads
    } else {
        sequence(t, closing.start, &plain, skip, warnings)
    };
    let first_head_line = heads.first().map_or(closing.start, |h| h.line);
    // A 落款 between the last heading and the attachment after it ends the last item, when the
    // attachment holds no heading of the outline (its numbered items would be tasks).
    let last_head_line = heads.last().map_or(closing.start, |h| h.line);
    let items_end = [
        inner_signature(t, last_head_line + 1, closing.start, ontology),
        attachment_start(t, last_head_line + 1, closing.start, ontology),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(closing.start);
    // An attachment whose numbering the outline reads ("附件 … 一、医疗质量"): the item before it
    // ends at its 落款 or its 附件 line, not at the attachment's first heading.
    let mut cuts: Vec<usize> = heads
        .windows(2)
        .filter(|w| w[1].number.ordinal == 1)
        .filter_map(|w| {
            [
                inner_signature(t, w[0].line + 1, w[1].line, ontology),
                attachment_start(t, w[0].line + 1, w[1].line, ontology),
            ]
            .into_iter()
            .flatten()
            .min()
        })
        .collect();
    cuts.push(items_end);
    let nodes = nodes(t, &heads, &cuts);
    let header_end = page_header(t, ontology).min(first_head_line);
    let outline = Outline {
        nodes,
        preamble: Span::new(0, t.line_start(first_head_line)),
        page_header: Span::new(
            0,
            if header_end == 0 {
                0
            } else {
                t.line_start(header_end)
            },
        ),
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

/// Fewest entries of a table of contents: two lines repeated are a coincidence.
const CONTENTS_ENTRIES: usize = 3;

/// A table of contents: the first headings of the text, on consecutive lines with no text of
/// their own, before the numbering restarts at the top level with the first one's title
/// ("目录 1 总则 1.1 编制目的及依据 … 7 附则", then "1 总则" over the text). Its lines are left
/// out of the outline, which would otherwise hold every heading twice.
fn contents(t: &Text, heads: &[Head]) -> Option<std::ops::Range<usize>> {
    let first = heads.first()?;
    let title = |h: &Head| -> String {
        let line = t.line(h.line);
        line[h.text_at..h.end]
            .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·'))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let first_title = title(first);
    let again = heads.iter().skip(1).position(|h| {
        h.level == 1
            && h.number.style == first.number.style
            && h.number.ordinal == first.number.ordinal
            && title(h) == first_title
    })? + 1;
    let lines = (first.line..heads[again].line)
        .filter(|&i| t.content(i).is_some())
        .count();
    (again >= CONTENTS_ENTRIES && !first_title.is_empty() && lines == again)
        .then_some(first.line..heads[again].line)
}

/// Fewest labelled lines that make a page header: one "标题：" line may be the text's own.
const HEADER_LABELS: usize = 2;

/// Lines read after the labelled lines for the rule line closing the header.
const HEADER_TAIL: usize = 2;

/// The line after the page header ([`Outline::page_header`]): a run of labelled lines at the top
/// (labels of `ontology/documents/page_labels.tsv`), and up to the rule line after them when
/// one follows closely ("页面链接与图片详见 links.tsv", "==== 正文 ===="); 0 when there is none.
fn page_header(t: &Text, ontology: &Ontology) -> usize {
    let mut labels = 0;
    let mut end = 0;
    let mut tail = 0;
    for i in 0..t.lines.len() {
        let Some((lo, hi)) = t.content(i) else {
            continue;
        };
        let line = t.line_str(i, lo, hi);
        if tail == 0 && crate::metadata::fields::label_line(line, ontology).is_some() {
            labels += 1;
            end = i + 1;
            continue;
        }
        if labels < HEADER_LABELS {
            return 0;
        }
        if is_rule(line) {
            return i + 1;
        }
        tail += 1;
        if tail > HEADER_TAIL {
            break;
        }
    }
    if labels >= HEADER_LABELS {
        end
    } else {
        0
    }
}

/// A separator line: at least three of = - * _ ─, with at most a short word among them
/// ("==== 正文 ====").
fn is_rule(line: &str) -> bool {
    let marks = line
        .chars()
        .filter(|c| matches!(c, '=' | '-' | '*' | '_' | '─' | '━'))
        .count();
    let words = line
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '=' | '-' | '*' | '_' | '─' | '━'))
        .count();
    marks >= 3 && words <= 6
}
