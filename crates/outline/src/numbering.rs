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
    /// Length in bytes of the number, punctuation included ("（一）", "1．", "第三条").
    pub len: usize,
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

/// The heading number at the start of `s` (a normalised line with leading space removed).
pub fn number_at(s: &str) -> Option<Number> {
    let first = s.chars().next()?;
    let found = match first {
        '第' => {
            let (ordinal, n) = any_numeral(&s['第'.len_utf8()..])?;
            let at = '第'.len_utf8() + n;
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
            }
        }
        '（' | '(' => {
            let open = first.len_utf8();
            let inner = &s[open..];
            let (ordinal, n, style) = match ascii_digits(inner) {
                Some((v, n)) if n <= 3 => (v, n, Style::ArabicParen),
                Some(_) => return None,
                None => {
                    let (v, n) = cn_numeral(inner)?;
                    (v, n, Style::CnParen)
                }
            };
            let close = next_char(s, open + n)?;
            if close != '）' && close != ')' {
                return None;
            }
            Number {
                style,
                ordinal,
                len: open + n + close.len_utf8(),
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
                    // 1.5亿 and 1.1 are not headings.
                    if next_char(s, n + 1).is_some_and(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    Style::ArabicDot
                }
                '、' => Style::ArabicComma,
                '）' | ')' => Style::ArabicParen,
                _ => return None,
            };
            Number {
                style,
                ordinal,
                len: n + punct.len_utf8(),
            }
        }
        c if cn_digit(c).is_some() || c == '十' => {
            let (ordinal, n) = cn_numeral(s)?;
            let punct = next_char(s, n)?;
            let style = match punct {
                '、' | '．' | '.' => Style::CnComma,
                '是' if ordinal <= 20 => Style::CnShi,
                _ => return None,
            };
            Number {
                style,
                ordinal,
                len: n + punct.len_utf8(),
            }
        }
        c => {
            let (style, ordinal) = symbol_number(c)?;
            Number {
                style,
                ordinal,
                len: c.len_utf8(),
            }
        }
    };
    (found.ordinal >= 1 && found.ordinal <= MAX_ORDINAL).then_some(found)
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
