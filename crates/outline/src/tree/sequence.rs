//! The sequence logic: whether a numbered line opens a heading, and at which depth, decided
//! from the headings open before it (the rules of the [`crate::tree`] documentation).

use std::ops::Range;

use policykg_read::Warning;

use super::Head;
use crate::numbering::{bare_heading_numeral, number_at, Number, Parts};
use crate::text::{is_space, Text};
use crate::Style;

const STYLES: usize = 13;

fn slot_index(s: Style) -> usize {
    s as usize
}

#[derive(Debug, Clone, Copy)]
struct Open {
    slot: Style,
    ordinal: u32,
    head: usize,
    /// The whole number of a decimal heading ("4.2"), which its children's numbers extend.
    parts: Parts,
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
    /// Whether `n` is the next sibling of an open heading of `style`.
    pub fn continues(&self, style: Style, n: u32) -> bool {
        self.stack
            .iter()
            .any(|o| o.slot == style && o.ordinal + 1 == n)
    }

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
        // 4. The next sibling of an open heading, in another style (a decimal section's number
        // is its whole dotted number, never one written otherwise).
        if titleish {
            if let Some(d) = self
                .stack
                .iter()
                .rposition(|o| o.slot != style && o.slot != Style::Decimal && o.ordinal + 1 == n)
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

    /// Where a decimal section number goes. Its whole number says where: "2.1.3" is the next
    /// sibling of an open "2.1.2", "2.1.1" the first child of an open "2.1". A top-level "1"
    /// opens the numbering only before any other heading, when `confirmed` (its first child
    /// "1.1" follows), or restarts it (a table of contents, then the text).
    pub fn decide_decimal(&self, parts: Parts, titleish: bool, confirmed: bool) -> Place {
        let at = |depth: usize, irregular: Option<Irregular>| Place::Heading {
            depth,
            slot: Style::Decimal,
            irregular,
        };
        let decimal = |o: &Open, p: Parts| o.slot == Style::Decimal && o.parts == p;
        if let Some(previous) = parts.previous() {
            return match self.stack.iter().rposition(|o| decimal(o, previous)) {
                Some(d) => at(d, None),
                None => Place::Text,
            };
        }
        if parts.len() >= 2 {
            let parent = parts.parent();
            return match self.stack.iter().rposition(|o| decimal(o, parent)) {
                Some(d) => at(d + 1, None),
                None => Place::Text,
            };
        }
        if !titleish || !confirmed {
            return Place::Text;
        }
        match self
            .stack
            .iter()
            .position(|o| o.slot == Style::Decimal && o.parts.len() == 1)
        {
            Some(d) => at(d, Some(Irregular::Restart)),
            None if self.stack.is_empty() => at(0, None),
            None => Place::Text,
        }
    }

    /// Record a heading placed by [`Sequencer::decide`]; returns its parent head.
    pub fn accept(
        &mut self,
        depth: usize,
        slot: Style,
        ordinal: u32,
        head: usize,
    ) -> Option<usize> {
        self.accept_number(depth, slot, ordinal, Parts::default(), head)
    }

    /// [`Sequencer::accept`] with the whole number of a decimal heading.
    pub fn accept_number(
        &mut self,
        depth: usize,
        slot: Style,
        ordinal: u32,
        parts: Parts,
        head: usize,
    ) -> Option<usize> {
        self.stack.truncate(depth);
        let parent = self.stack.last().map(|o| o.head);
        self.stack.push(Open {
            slot,
            ordinal,
            head,
            parts,
        });
        self.last[slot_index(slot)] = Some(ordinal);
        self.accepted += 1;
        parent
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }
}

/// Whether `rest`, the text after a heading number, reads as a short title.
pub(super) fn titleish(rest: &str) -> bool {
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

/// Content lines looked at after a decimal "1" for its first child.
const FIRST_CHILD_WITHIN: usize = 20;

/// Whether the first decimal number among the next content lines of `[from, end)` is the first
/// child of `parts` ("1.1" after "1"): a line "1 总则" is a heading only when the numbering
/// goes on under it.
fn first_child_follows(t: &Text, from: usize, end: usize, parts: Parts) -> bool {
    (from..end)
        .filter_map(|j| t.content(j).map(|(lo, hi)| &t.line(j)[lo..hi]))
        .take(FIRST_CHILD_WITHIN)
        .filter_map(number_at)
        .find(|n| n.style == Style::Decimal)
        .is_some_and(|n| Some(n.parts) == parts.child(1))
}

/// The sequence pass over lines `[0, end)` but `skip` (a table of contents); `plain` lists the
/// lines of unnumbered subheadings, each of which closes everything open and starts a new
/// top-level section.
pub(super) fn sequence(
    t: &Text,
    end: usize,
    plain: &[usize],
    skip: Range<usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Head> {
    let mut seq = Sequencer::default();
    let mut heads: Vec<Head> = Vec::new();
    let mut plain = plain.iter().peekable();
    let mut plain_count = 0;
    for i in 0..end {
        if skip.contains(&i) {
            continue;
        }
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
                    parts: Parts::default(),
                },
                parent,
                level: 1,
            });
            continue;
        }
        let line = t.line(i);
        let markdown_heading = line[..lo].trim_start_matches(is_space).starts_with('#');
        // A numeral alone on its line is an item number that lost its 、 where the author
        // marked it as a heading ("## 三"), or where it is the next of the open items (the same
        // export saved as text: "三" after "二、…").
        let Some(number) = number_at(&line[lo..hi]).or_else(|| {
            bare_heading_numeral(&line[lo..hi])
                .filter(|n| markdown_heading || seq.continues(Style::CnComma, n.ordinal))
        }) else {
            continue;
        };
        let text_at = skip_separators(line, lo + number.len, hi);
        let rest = &line[text_at..hi];
        let place = if number.style == Style::Decimal {
            let confirmed = number.parts.len() == 1
                && number.ordinal == 1
                && first_child_follows(t, i + 1, end, number.parts);
            seq.decide_decimal(number.parts, titleish(rest), confirmed)
        } else {
            seq.decide(number.style, number.ordinal, titleish(rest))
        };
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
        let parent = seq.accept_number(depth, slot, number.ordinal, number.parts, index);
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

    /// Depths given to decimal numbers ("1", "1.1" …), each confirmed and titleish.
    fn decimal_depths(numbers: &[&str]) -> Vec<Option<usize>> {
        let mut seq = Sequencer::default();
        numbers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let parts = number_at(&format!("{s}　总则")).unwrap().parts;
                match seq.decide_decimal(parts, true, true) {
                    Place::Heading { depth, slot, .. } => {
                        seq.accept_number(depth, slot, parts.last(), parts, i);
                        Some(depth)
                    }
                    Place::Text => None,
                }
            })
            .collect()
    }

    #[test]
    fn decimal_numbers_nest_by_their_prefix() {
        assert_eq!(
            decimal_depths(&["1", "1.1", "1.2", "1.2.1", "1.2.2", "1.3", "2", "2.1", "2.1.1", "3"]),
            [0, 1, 1, 2, 2, 1, 0, 1, 2, 0].map(Some).to_vec()
        );
        // A child must extend the open section's number, a sibling continue it.
        assert_eq!(
            decimal_depths(&["1", "1.1", "2.1", "1.3", "1.2", "3", "1.2.2"]),
            vec![Some(0), Some(1), None, None, Some(1), None, None]
        );
        // "1" again restarts the numbering (a table of contents, then the text).
        assert_eq!(
            decimal_depths(&["1", "1.1", "2", "1", "1.1"]),
            [0, 1, 0, 0, 1].map(Some).to_vec()
        );
    }

    #[test]
    fn an_unconfirmed_or_nested_top_level_decimal_is_text() {
        let one = number_at("1　总则").unwrap().parts;
        let seq = Sequencer::default();
        assert_eq!(seq.decide_decimal(one, true, false), Place::Text);
        assert_eq!(seq.decide_decimal(one, false, true), Place::Text);
        let mut seq = Sequencer::default();
        seq.accept(0, Style::CnComma, 1, 0);
        assert_eq!(seq.decide_decimal(one, true, true), Place::Text);
        // Nor does an open decimal section stand in for another style's sibling.
        let mut seq = Sequencer::default();
        seq.accept_number(0, Style::Decimal, 1, one, 0);
        assert_eq!(seq.decide(Style::ArabicComma, 2, true), Place::Text);
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
}
