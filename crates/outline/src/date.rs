//! Dates as Chinese documents write them, to YYYY-MM-DD: 2022年2月17日, 2025年05月16日,
//! 二〇二二年二月十七日, 2021-07-28, 2021/7/28, 2021.07.28, and the RFC 2822 dates of front
//! matter ("Mon, 07 Feb 2022 06:27:57 GMT", whose calendar date is taken as written, without a
//! time-zone conversion).
//!
//! Input is normalised text (full-width digits already folded).

use crate::numbering::{cn_digits, cn_numeral};

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2100).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// YYYY-MM-DD.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A number of 1–2 Arabic digits or a Chinese numeral (十二, 三十一, 五) at the start of `s`.
fn small_number(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if digits > 2 {
            return None;
        }
        return Some((s[..digits].parse().ok()?, digits));
    }
    cn_numeral(s).filter(|&(v, _)| v <= 31)
}

/// The date at the start of `s` and its length in bytes.
pub fn date_at(s: &str) -> Option<(Date, usize)> {
    chinese_date(s)
        .or_else(|| numeric_date(s))
        .or_else(|| rfc2822_date(s))
}

/// 2022年2月17日 / 二〇二二年二月十七日 (日 or 号).
fn chinese_date(s: &str) -> Option<(Date, usize)> {
    let (year, mut at, n) = cn_digits(s)?;
    if n != 4 {
        return None;
    }
    at += s[at..].strip_prefix(' ').map_or(0, |_| 1);
    at += expect(&s[at..], '年')?;
    at += s[at..].strip_prefix(' ').map_or(0, |_| 1);
    let (month, n) = small_number(&s[at..])?;
    at += n;
    at += s[at..].strip_prefix(' ').map_or(0, |_| 1);
    at += expect(&s[at..], '月')?;
    at += s[at..].strip_prefix(' ').map_or(0, |_| 1);
    let (day, n) = small_number(&s[at..])?;
    at += n;
    at += s[at..].strip_prefix(' ').map_or(0, |_| 1);
    at += expect(&s[at..], '日').or_else(|| expect(&s[at..], '号'))?;
    Some((Date::new(year, month, day)?, at))
}

fn expect(s: &str, c: char) -> Option<usize> {
    s.starts_with(c).then_some(c.len_utf8())
}

/// 2021-07-28, 2021/7/28, 2021.07.28 (not followed by another digit).
fn numeric_date(s: &str) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let year: u32 = s[..4].parse().ok()?;
    let m_len = b[5..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&m_len) || b.get(5 + m_len) != Some(&sep) {
        return None;
    }
    let month: u32 = s[5..5 + m_len].parse().ok()?;
    let d_at = 6 + m_len;
    let d_len = b[d_at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&d_len) {
        return None;
    }
    let day: u32 = s[d_at..d_at + d_len].parse().ok()?;
    Some((Date::new(year, month, day)?, d_at + d_len))
}

/// "Mon, 07 Feb 2022 06:27:57 GMT" or "07 Feb 2022": the calendar date as written.
fn rfc2822_date(s: &str) -> Option<(Date, usize)> {
    let mut at = 0;
    let b = s.as_bytes();
    if b.len() >= 5 && b[..3].iter().all(u8::is_ascii_alphabetic) && b[3] == b',' {
        at = 4;
        while b.get(at) == Some(&b' ') {
            at += 1;
        }
    }
    let d_len = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&d_len) {
        return None;
    }
    let day: u32 = s[at..at + d_len].parse().ok()?;
    at += d_len;
    if b.get(at) != Some(&b' ') {
        return None;
    }
    at += 1;
    let mon = s.get(at..at + 3)?;
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(mon))? as u32 + 1;
    at += 3;
    if b.get(at) != Some(&b' ') {
        return None;
    }
    at += 1;
    if b.len() < at + 4 || !b[at..at + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: u32 = s[at..at + 4].parse().ok()?;
    Some((Date::new(year, month, day)?, at + 4))
}

/// Parse a whole value (a metadata field, a line) as one date, ignoring surrounding space, a
/// trailing time of day and brackets: "2018年11月16日", "Mon, 07 Feb 2022 06:27:57 GMT",
/// "2021-07-28T10:00:00+08:00".
pub fn parse_date(value: &str) -> Option<Date> {
    let v = value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')'));
    let (date, len) = date_at(v)?;
    let rest = &v[len..];
    let ok = rest.is_empty()
        || rest.starts_with(['T', ' '])
            && rest[1..].chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, ':' | '+' | '-' | '.' | ' ' | 'Z')
            });
    ok.then_some(date)
}

/// The first date inside `s`: (byte offset, date, length in bytes).
pub fn find_date(s: &str) -> Option<(usize, Date, usize)> {
    let mut prev_digit = false;
    for (i, c) in s.char_indices() {
        let digit = c.is_ascii_digit() || crate::numbering::cn_digit(c).is_some();
        if digit && !prev_digit {
            if let Some((d, len)) = chinese_date(&s[i..]).or_else(|| numeric_date(&s[i..])) {
                return Some((i, d, len));
            }
        }
        prev_digit = digit;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.iso())
    }

    #[test]
    fn formats() {
        assert_eq!(iso("2022年2月17日").as_deref(), Some("2022-02-17"));
        assert_eq!(iso("2025年05月16日").as_deref(), Some("2025-05-16"));
        assert_eq!(iso("二〇二二年二月十七日").as_deref(), Some("2022-02-17"));
        assert_eq!(iso("二〇一八年十一月三十日").as_deref(), Some("2018-11-30"));
        assert_eq!(iso("二○二二年二月十七日").as_deref(), Some("2022-02-17"));
        assert_eq!(iso("2021-07-28").as_deref(), Some("2021-07-28"));
        assert_eq!(iso("2021/7/8").as_deref(), Some("2021-07-08"));
        assert_eq!(iso("2021.07.28").as_deref(), Some("2021-07-28"));
        assert_eq!(
            iso("Mon, 07 Feb 2022 06:27:57 GMT").as_deref(),
            Some("2022-02-07")
        );
        assert_eq!(
            iso("2021-07-28T10:00:00+08:00").as_deref(),
            Some("2021-07-28")
        );
        assert_eq!(iso(" 2018年11月16日 ").as_deref(), Some("2018-11-16"));
        assert_eq!(iso("2024年 9月 27日").as_deref(), Some("2024-09-27"));
    }

    #[test]
    fn rejects() {
        assert_eq!(iso("2022年2月30日"), None);
        assert_eq!(iso("2022年13月1日"), None);
        assert_eq!(iso("2022年2月17日印发"), None);
        assert_eq!(iso("到2025年"), None);
        assert_eq!(iso("2021-07-288"), None);
        assert_eq!(iso("二二年二月"), None);
    }

    #[test]
    fn finds_dates_inside_lines() {
        let s = "安徽推动新兴产业培育提质增效 2025年05月16日 本报记者";
        let (at, d, len) = find_date(s).unwrap();
        assert_eq!(d.iso(), "2025-05-16");
        assert_eq!(&s[at..at + len], "2025年05月16日");
        assert!(find_date("第十一次党代会，2025年实现").is_none());
    }
}
