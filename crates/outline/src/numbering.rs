//! Heading numbers at the start of a line, and the numerals they are written with.
//!
//! This module only answers "does this (normalised) line start with something that *could* be a
//! heading number, and which". Whether it *is* a heading is decided by the sequence logic of the
//! outline builder, which knows what came before.

use crate::Style;

/// A heading number found at the start of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub style: Style,
    pub ordinal: u32,
    /// Length in bytes of the number, punctuation included ("（一）", "1．", "第三条"); a
    /// decimal number without the space after it ("4.2.1").
    pub len: usize,
    /// The components of a [`Style::Decimal`] number ("4.2.1" → 4, 2, 1), whose count is its
    /// level; empty for the other styles.
    pub parts: Parts,
}

/// Most components of a decimal section number: plans go to 4.2.1.3 at most.
const MAX_PARTS: usize = 4;

/// The components of a decimal section number, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Parts {
    items: [u16; MAX_PARTS],
    count: u8,
}

impl Parts {
    pub fn as_slice(&self) -> &[u16] {
        &self.items[..usize::from(self.count)]
    }

    pub fn len(&self) -> usize {
        usize::from(self.count)
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The last component: the number's place among its siblings.
    pub fn last(&self) -> u32 {
        self.as_slice().last().map_or(0, |&v| u32::from(v))
    }

    /// The number of the section holding this one ("4.2.1" → "4.2"; empty for "4").
    pub fn parent(&self) -> Parts {
        let mut p = *self;
        p.count = p.count.saturating_sub(1);
        p.items[usize::from(p.count)..].fill(0);
        p
    }

    /// The number of the sibling before this one ("4.2.3" → "4.2.2"), if there is one.
    pub fn previous(&self) -> Option<Parts> {
        let k = usize::from(self.count).checked_sub(1)?;
        let mut p = *self;
        p.items[k] = p.items[k].checked_sub(1).filter(|&v| v > 0)?;
        Some(p)
    }

    /// These components followed by `v` ("4.2" and 1 → "4.2.1").
    pub fn child(&self, v: u16) -> Option<Parts> {
        let k = usize::from(self.count);
        if k >= MAX_PARTS {
            return None;
        }
        let mut p = *self;
        p.items[k] = v;
        p.count += 1;
        Some(p)
    }
}

/// Largest ordinal accepted as a heading number (years such as 2025 are not headings).
const MAX_ORDINAL: u32 = 999;

pub use policykg_text::numeral::{cn_digit, cn_digits, cn_numeral};

/// ASCII digits at the start of `s`: value, length (bytes = digits).
pub fn ascii_digits(s: &str) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 9 {
        return None;
    }
    let v = s[..n].parse().ok()?;
    Some((v, n))
}

fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|r| r.chars().next())
}

/// Either numeral kind: Arabic digits (up to three) or a Chinese numeral with units.
fn any_numeral(s: &str) -> Option<(u32, usize)> {
    match ascii_digits(s) {
        Some((v, n)) if n <= 3 => Some((v, n)),
        Some(_) => None,
        None => cn_numeral(s),
    }
}

/// One space at `at` in `s`, as text copied out of a PDF puts inside a heading number
/// (`第 一 条`, `（ 一 ）`, `二 、`): its length in bytes, else 0. Never a tab (a table's cells).
fn spaced(s: &str, at: usize) -> usize {
    match next_char(s, at) {
        Some(c) if c == ' ' || c == '\u{3000}' => c.len_utf8(),
        _ => 0,
    }
}

/// The heading number at the start of `s` (a normalised line with leading space removed).
/// One space may stand between the parts of the number (`第 一 条`, `（ 一 ）`, `二 、`).
pub fn number_at(s: &str) -> Option<Number> {
    let first = s.chars().next()?;
    let found = match first {
        '第' => {
            let open = '第'.len_utf8() + spaced(s, '第'.len_utf8());
            let (mut ordinal, mut n) = any_numeral(&s[open..])?;
            // "第二十 五条": one space inside the numeral, the rest of it after the space.
            let mut inner_gap = 0;
            let gap = spaced(s, open + n);
            if gap > 0 {
                let joined = format!("{}{}", &s[open..open + n], &s[open + n + gap..]);
                if let Some((v, m)) = any_numeral(&joined).filter(|&(_, m)| m > n) {
                    ordinal = v;
                    n = m;
                    inner_gap = gap;
                }
            }
            let end = open + n + inner_gap;
            let at = end + spaced(s, end);
            let rest = &s[at..];
            let (style, unit) = match rest.chars().next()? {
                '章' => (Style::Chapter, '章'.len_utf8()),
                '节' => (Style::Section, '节'.len_utf8()),
                '条' => (Style::Article, '条'.len_utf8()),
                '编' => (Style::Part, '编'.len_utf8()),
                '部' if rest.starts_with("部分") => (Style::Part, "部分".len()),
                _ => return None,
            };
            Number {
                style,
                ordinal,
                len: at + unit,
                parts: Parts::default(),
            }
        }
        '（' | '(' => {
            let open = first.len_utf8() + spaced(s, first.len_utf8());
            let inner = &s[open..];
            let (ordinal, n, style) = match ascii_digits(inner) {
                Some((v, n)) if n <= 3 => (v, n, Style::ArabicParen),
                Some(_) => return None,
                None => {
                    let (v, n) = cn_numeral(inner)?;
                    (v, n, Style::CnParen)
                }
            };
            let at = open + n + spaced(s, open + n);
            let close = next_char(s, at)?;
            if close != '）' && close != ')' {
                return None;
            }
            Number {
                style,
                ordinal,
                len: at + close.len_utf8(),
                parts: Parts::default(),
            }
        }
        '0'..='9' => {
            let (ordinal, n) = ascii_digits(s)?;
            if n > 3 {
                return None;
            }
            let punct = next_char(s, n)?;
            let style = match punct {
                '.' | '．' => {
                    // 1.5亿 is not a heading; 1.1　编制目的 may be one.
                    if next_char(s, n + 1).is_some_and(|c| c.is_ascii_digit()) {
                        return decimal_at(s);
                    }
                    Style::ArabicDot
                }
                '、' => Style::ArabicComma,
                '）' | ')' => Style::ArabicParen,
                c if is_gap(c) => return decimal_at(s),
                _ => return None,
            };
            Number {
                style,
                ordinal,
                len: n + punct.len_utf8(),
                parts: Parts::default(),
            }
        }
        c if cn_digit(c).is_some() || c == '十' => {
            let (ordinal, n) = cn_numeral(s)?;
            let gap = spaced(s, n);
            let punct = next_char(s, n + gap)?;
            let style = match punct {
                '、' => Style::CnComma,
                '．' | '.' if gap == 0 => Style::CnComma,
                '是' if ordinal <= 20 && gap == 0 => Style::CnShi,
                _ => return None,
            };
            Number {
                style,
                ordinal,
                len: n + gap + punct.len_utf8(),
                parts: Parts::default(),
            }
        }
        c => {
            let (style, ordinal) = symbol_number(c)?;
            Number {
                style,
                ordinal,
                len: c.len_utf8(),
                parts: Parts::default(),
            }
        }
    };
    (found.ordinal >= 1 && found.ordinal <= MAX_ORDINAL).then_some(found)
}

/// A Chinese numeral standing alone as the whole of a Markdown heading ("## 三", a database
/// export whose item lost its 、 and runs its text on the next line): that item's number, as if
/// written "三、". Only for a line the author marked as a heading: a bare numeral elsewhere is a
/// figure or a table cell.
pub fn bare_heading_numeral(s: &str) -> Option<Number> {
    let (ordinal, n) = cn_numeral(s)?;
    (n == s.len() && (1..=MAX_ORDINAL).contains(&ordinal)).then_some(Number {
        style: Style::CnComma,
        ordinal,
        len: n,
        parts: Parts::default(),
    })
}

/// Space between a decimal number and its heading; a tab separates table cells instead.
fn is_gap(c: char) -> bool {
    c.is_whitespace() && c != '\t'
}

/// A decimal section number at the start of `s`: "1　总则", "2.1　国家粮食应急工作指挥部",
/// "4.2.1　出现…". Components have up to three digits and none is 0 (dates, versions); what
/// follows must be the heading's Chinese text, after a space for one or two components
/// ("2.1亿元", "1 月" and "增长1.5%" are figures; a third component is never one).
fn decimal_at(s: &str) -> Option<Number> {
    let mut parts = Parts::default();
    let mut at = 0;
    loop {
        let (v, n) = ascii_digits(&s[at..])?;
        if n > 3 || v == 0 || v > MAX_ORDINAL {
            return None;
        }
        parts = parts.child(u16::try_from(v).ok()?)?;
        at += n;
        match next_char(s, at) {
            Some(c @ ('.' | '．'))
                if next_char(s, at + c.len_utf8()).is_some_and(|d| d.is_ascii_digit()) =>
            {
                at += c.len_utf8();
            }
            _ => break,
        }
    }
    let mut rest = &s[at..];
    if parts.len() >= 2 {
        // "1.1. 编制目的": a closing dot belongs to the separator.
        rest = rest.strip_prefix(['.', '．']).unwrap_or(rest);
    }
    let text = rest.trim_start_matches(is_gap);
    let spaced = text.len() < rest.len();
    let opens_text = text.chars().next().is_some_and(crate::docnum::is_han);
    (opens_text && (spaced || parts.len() >= 3)).then_some(Number {
        style: Style::Decimal,
        ordinal: parts.last(),
        len: at,
        parts,
    })
}

/// Numbers written as one symbol: ① ㉑ ㊱ ❶ ➀ (circled), ⑴ (parenthesised), ⒈ (with a full stop).
fn symbol_number(c: char) -> Option<(Style, u32)> {
    let u = c as u32;
    Some(match u {
        0x2460..=0x2473 => (Style::Circled, u - 0x2460 + 1),
        0x3251..=0x325F => (Style::Circled, u - 0x3251 + 21),
        0x32B1..=0x32BF => (Style::Circled, u - 0x32B1 + 36),
        0x2776..=0x277F => (Style::Circled, u - 0x2776 + 1),
        0x2780..=0x2789 => (Style::Circled, u - 0x2780 + 1),
        0x278A..=0x2793 => (Style::Circled, u - 0x278A + 1),
        0x2474..=0x2487 => (Style::ArabicParen, u - 0x2474 + 1),
        0x2488..=0x249B => (Style::ArabicDot, u - 0x2488 + 1),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(Style, u32, &str)> {
        number_at(s).map(|n| (n.style, n.ordinal, &s[..n.len]))
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(num("一、总体要求"), Some((Style::CnComma, 1, "一、")));
        assert_eq!(num("（十五）x"), Some((Style::CnParen, 15, "（十五）")));
        assert_eq!(num("(二)x"), Some((Style::CnParen, 2, "(二)")));
        assert_eq!(num("1．催生"), Some((Style::ArabicDot, 1, "1．")));
        assert_eq!(num("18.强化"), Some((Style::ArabicDot, 18, "18.")));
        assert_eq!(num("2、 重点任务"), Some((Style::ArabicComma, 2, "2、")));
        // Text copied out of a PDF spaces out heading numbers.
        assert_eq!(num("第 一 条 为了"), Some((Style::Article, 1, "第 一 条")));
        assert_eq!(num("第 12 条 为了"), Some((Style::Article, 12, "第 12 条")));
        assert_eq!(
            num("第二十 五条 本市"),
            Some((Style::Article, 25, "第二十 五条"))
        );
        assert_eq!(
            num("第 二十 五 条"),
            Some((Style::Article, 25, "第 二十 五 条"))
        );
        assert_eq!(num("（ 三 ）加强"), Some((Style::CnParen, 3, "（ 三 ）")));
        assert_eq!(num("二 、主要任务"), Some((Style::CnComma, 2, "二 、")));
        assert_eq!(num("二 是"), None);
        assert_eq!(num("第  一条"), None);
        assert_eq!(num("（3）x"), Some((Style::ArabicParen, 3, "（3）")));
        assert_eq!(num("⑫x"), Some((Style::Circled, 12, "⑫")));
        assert_eq!(num("⑵x"), Some((Style::ArabicParen, 2, "⑵")));
        assert_eq!(num("三是加快"), Some((Style::CnShi, 3, "三是")));
        assert_eq!(num("第十一条 x"), Some((Style::Article, 11, "第十一条")));
        assert_eq!(num("第一章  总则"), Some((Style::Chapter, 1, "第一章")));
        assert_eq!(num("第二节 x"), Some((Style::Section, 2, "第二节")));
        assert_eq!(num("第一部分 x"), Some((Style::Part, 1, "第一部分")));
    }

    #[test]
    fn decimal_section_numbers() {
        fn parts(s: &str) -> Option<(Style, Vec<u16>, &str)> {
            number_at(s).map(|n| (n.style, n.parts.as_slice().to_vec(), &s[..n.len]))
        }
        let dec = Style::Decimal;
        assert_eq!(parts("1　总则"), Some((dec, vec![1], "1")));
        assert_eq!(
            parts("2.1　国家粮食应急工作指挥部"),
            Some((dec, vec![2, 1], "2.1"))
        );
        assert_eq!(
            parts("5.1.2 省级人民政府必须按照"),
            Some((dec, vec![5, 1, 2], "5.1.2"))
        );
        assert_eq!(
            parts("4.2.1出现国家级（Ⅰ级）"),
            Some((dec, vec![4, 2, 1], "4.2.1"))
        );
        assert_eq!(parts("1.1. 编制目的"), Some((dec, vec![1, 1], "1.1")));
        // Without a space, two components are a figure ("2.1亿元"), and "1." stays a list item.
        assert_eq!(parts("2.1亿元"), None);
        assert_eq!(parts("1. 编制目的").map(|p| p.0), Some(Style::ArabicDot));
        let first = number_at("4.2.1　出现").unwrap().parts;
        let third = number_at("4.2.3　出现").unwrap().parts;
        assert_eq!(first.parent().as_slice(), &[4, 2]);
        assert_eq!(third.previous().and_then(|p| p.previous()), Some(first));
        assert_eq!(first.parent().child(1), Some(first));
        assert_eq!(number_at("4.2.1 出").unwrap().parts.previous(), None);
    }

    #[test]
    fn not_heading_numbers() {
        for s in [
            "第十一次党代会",
            "2025年05月16日",
            "06",
            "1.5亿元",
            "一批企业",
            "一体化",
            "三农",
            "2022、",
            "（2018）",
            "（以下简称）",
            "十分重要",
            "0．",
            "一是",
            "2.1亿元",
            "1.5%",
            "2.1 %",
            "2005.6.11",
            "1.0 版",
            "3\t项目名称",
            "1",
            "1 ",
            "12 11:30",
        ] {
            if s == "一是" {
                // Alone it is still a candidate; sequence logic decides.
                assert!(num(s).is_some());
                continue;
            }
            assert_eq!(num(s), None, "{s}");
        }
    }
}
