//! Numerals: the digits and units Chinese numbers are written with, and exact parsers for the
//! three shapes they take in notices: Arabic with an optional Chinese scale (`5000万`, `1.2亿`,
//! `１,２００`), Chinese with units (`一百二十`, `两千`, `廿五`, `一万二千`, `五千万`) and
//! Chinese digit by digit (`二〇二五`, `二○二二`, `二0二三`).
//!
//! Zero is written 零, 〇, ○ (U+25CB, the circle many real documents type for 〇) or an Arabic
//! `0` typed into a Chinese year (二0二三年); all four are zero here. Financial forms (壹贰叁…)
//! are not read: they appear inside ordinary words (队伍, 陆续, 收拾) far more often than as
//! numbers in notices.
//!
//! Deciding that a numeral run is *not* a number (一批, 一体化, 三农, 统一) needs the lexicon
//! and the context, and is left to `policykg-extract`; this module only answers "what value
//! does this run spell", so [`parse_cn`] rejects runs that spell no single number (十四五).

use std::str::FromStr;

use rust_decimal::Decimal;

/// The value of a Chinese numeral digit (两 included, see [`cn_digits`] for where it is not).
#[inline]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | '0' | '０' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// An Arabic digit, ASCII or full-width.
#[inline]
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The power of ten of a Chinese numeral unit or scale.
#[inline]
pub fn cn_power(c: char) -> Option<u32> {
    Some(match c {
        '十' => 1,
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

/// 廿 (twenty) and 卅 (thirty): a digit and 十 in one character; their digit.
#[inline]
pub fn cn_tens(c: char) -> Option<u32> {
    match c {
        '廿' => Some(2),
        '卅' => Some(3),
        _ => None,
    }
}

/// A character of a Chinese numeral: digit, unit, scale, 廿 or 卅.
#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_power(c).is_some() || cn_tens(c).is_some()
}

/// Any character that can be part of a numeral run.
#[inline]
pub fn is_numeral_char(c: char) -> bool {
    arabic_digit(c).is_some() || is_cn_numeral(c)
}

/// 10^`p` exactly (`p` ≤ 28).
#[inline]
pub fn pow10(p: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(p), 0)
}

/// The factor of a scale as written after a number: `万` → 10⁴, `万亿` → 10¹², `百万` → 10⁶.
pub fn scale_factor(scale: &str) -> Decimal {
    scale
        .chars()
        .filter_map(cn_power)
        .fold(Decimal::ONE, |acc, p| acc * pow10(p))
}

/// The Arabic number starting at `chars[i]`: digits (ASCII or full-width), one decimal point
/// (`.` or `．`) followed by a digit, and `,` thousands separators followed by exactly three
/// digits; its exact value and the index after it. No scale is read (see [`parse`]).
pub fn arabic_at(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    let digit = |k: usize| chars.get(k).and_then(|c| arabic_digit(*c));
    digit(i)?;
    let mut s = String::new();
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        if let Some(d) = arabic_digit(c) {
            s.push(char::from_digit(d, 10)?);
        } else if matches!(c, '.' | '．') && !s.contains('.') && digit(j + 1).is_some() {
            s.push('.');
        } else if c == ','
            && !s.contains('.')
            && (1..=3).all(|k| digit(j + k).is_some())
            && digit(j + 4).is_none()
        {
            // a thousands separator: exactly three digits follow
        } else {
            break;
        }
        j += 1;
    }
    Some((Decimal::from_str(&s).ok()?, j))
}

/// An Arabic number and the scales written after it (`1.2亿`, `5000万`, `3百万`, never `十`:
/// nobody writes 1十) at `chars[i]`: its exact value and the index after it.
pub fn arabic_scaled_at(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    let (mut value, mut j) = arabic_at(chars, i)?;
    while j < chars.len() && matches!(chars[j], '百' | '千' | '万' | '亿') {
        value = value.checked_mul(pow10(cn_power(chars[j])?))?;
        j += 1;
    }
    Some((value.normalize(), j))
}

/// A whole string as one number: Arabic with an optional scale (`1.2亿`, `5000万`, `１,２００`,
/// `2.5万亿`) or a Chinese numeral (`五千万`, `二〇二五`, `三点五`); surrounding white space is
/// ignored. `None` when the string is anything more or less than one number.
pub fn parse(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.trim().chars().collect();
    if chars.first().is_some_and(|c| arabic_digit(*c).is_some()) {
        let (value, j) = arabic_scaled_at(&chars, 0)?;
        return (j == chars.len()).then_some(value);
    }
    parse_cn(&chars).map(|d| d.normalize())
}

/// Parse a Chinese numeral (`一百二十`, `两千`, `十五`, `廿五`, `一万二千`, `二〇二五`, `三点五`).
pub fn parse_chinese(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.chars().collect();
    parse_cn(&chars)
}

/// Strict Chinese numeral grammar; `None` for runs that are not one number (十四五, 百千, 一二).
pub fn parse_cn(chars: &[char]) -> Option<Decimal> {
    if chars.is_empty() {
        return None;
    }
    if chars.iter().any(|c| cn_tens(*c).is_some()) {
        // 廿五 is 二十五: read it so
        let mut spelled = Vec::with_capacity(chars.len() + 2);
        for &c in chars {
            match c {
                '廿' => spelled.extend(['二', '十']),
                '卅' => spelled.extend(['三', '十']),
                c => spelled.push(c),
            }
        }
        return parse_cn(&spelled);
    }
    if let Some(dot) = chars.iter().position(|c| *c == '点') {
        let int = parse_cn(&chars[..dot])?;
        let frac = &chars[dot + 1..];
        if frac.is_empty() || frac.iter().any(|c| cn_digit(*c).is_none() || *c == '两') {
            return None;
        }
        let frac = Decimal::from_str(&format!("0.{}", digit_string(frac))).ok()?;
        return Some(int + frac);
    }
    // positional: 二〇二五, 一九九八
    if chars.iter().all(|c| cn_digit(*c).is_some()) {
        if chars.len() == 1 {
            return Some(Decimal::from(cn_digit(chars[0])?));
        }
        let positional = !chars.contains(&'两')
            && (chars.iter().any(|c| cn_digit(*c) == Some(0)) || chars.len() == 4);
        if !positional {
            return None;
        }
        return Decimal::from_str(&digit_string(chars)).ok();
    }
    // 百, 万, 亿万: no digit; but 十 is 一十 (十五), so 十, 十万 and 十亿 are numbers
    let ten_of_a_scale = chars[0] == '十' && chars[1..].iter().all(|c| matches!(c, '万' | '亿'));
    if chars.iter().all(|c| cn_power(*c).is_some()) && !ten_of_a_scale {
        return None;
    }
    let mut result: i128 = 0; // complete 亿 groups
    let mut wan: i128 = 0; // complete 万 groups inside the current 亿 group
    let mut small: i128 = 0; // below 万
    let mut pending: Option<i128> = None;
    let mut last_small_power = 4u32; // powers inside `small` must decrease
    let mut last_power = 0u32;
    let mut zero_seen = false;
    let mut wan_seen = false;
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                if pending.is_some() {
                    return None;
                }
                zero_seen = true;
                continue;
            }
            if pending.is_some() {
                return None; // two digits in a row: 十四五
            }
            pending = Some(d as i128);
            continue;
        }
        let p = cn_power(c)?;
        match p {
            1..=3 => {
                if p >= last_small_power {
                    return None;
                }
                let d = match pending.take() {
                    Some(d) => d,
                    None if p == 1 => 1, // 十五
                    None => return None,
                };
                small = small.checked_add(d.checked_mul(10i128.pow(p))?)?;
                last_small_power = p;
            }
            4 => {
                let v = small + pending.take().unwrap_or(0);
                if v == 0 || wan_seen {
                    return None;
                }
                wan = v.checked_mul(10_000)?;
                small = 0;
                last_small_power = 4;
                wan_seen = true;
            }
            _ => {
                let v = wan + small + pending.take().unwrap_or(0);
                if v == 0 {
                    return None;
                }
                result = result.checked_add(v)?.checked_mul(100_000_000)?;
                wan = 0;
                small = 0;
                last_small_power = 4;
                wan_seen = false;
            }
        }
        last_power = p;
        zero_seen = false;
    }
    let mut tail = pending.unwrap_or(0);
    // colloquial 一百二 = 120, 一万二 = 12000: a trailing digit right after a power
    if pending.is_some() && !zero_seen && last_power >= 2 {
        tail = tail.checked_mul(10i128.pow(last_power.min(4) - 1))?;
    }
    let total = result
        .checked_add(wan)?
        .checked_add(small)?
        .checked_add(tail)?;
    Some(Decimal::from_i128_with_scale(total, 0))
}

/// Chinese digits (every one a [`cn_digit`]) as the ASCII digits they stand for.
fn digit_string(chars: &[char]) -> String {
    chars
        .iter()
        .filter_map(|c| cn_digit(*c).and_then(|d| char::from_digit(d, 10)))
        .collect()
}

/// A small Chinese numeral with units at the start of `s` (十一, 二十, 一百零五, 九十九, 廿五) or
/// a single digit (三), as heading numbers and dates write them: its value and length in bytes.
/// Digit-by-digit forms (二〇二二) are not accepted here (see [`cn_digits`]), nor is a numeral
/// starting with a zero, nor one longer than eight characters.
pub fn cn_numeral(s: &str) -> Option<(u32, usize)> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut len = 0;
    let mut last_unit = u32::MAX;
    let mut count = 0;
    for c in s.chars() {
        if let Some(d) = cn_digit(c).filter(|_| !c.is_ascii_digit() && c != '０') {
            if count == 0 && d == 0 {
                return None;
            }
            if pending.is_some() && d != 0 {
                // Two digits in a row without a unit (一二): not this kind of numeral.
                return None;
            }
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = cn_power(c).filter(|&p| p <= 3).map(|p| 10u32.pow(p)) {
            if u >= last_unit {
                return None;
            }
            last_unit = u;
            total += pending.take().unwrap_or(1) * u;
        } else if let Some(d) = cn_tens(c) {
            if pending.is_some() || last_unit <= 10 {
                return None;
            }
            last_unit = 10;
            total += d * 10;
        } else {
            break;
        }
        len += c.len_utf8();
        count += 1;
        if count > 8 {
            return None;
        }
    }
    if count == 0 {
        return None;
    }
    total += pending.unwrap_or(0);
    (total > 0).then_some((total, len))
}

/// A numeral written digit by digit at the start of `s` (二〇二二, 二○二二, 2022, 二0二二): its
/// value, length in bytes and number of digits. 两 is not a digit of this form; at most nine
/// digits are read.
pub fn cn_digits(s: &str) -> Option<(u32, usize, usize)> {
    let mut value = 0u32;
    let mut len = 0;
    let mut n = 0;
    for c in s.chars() {
        let d = match arabic_digit(c).or_else(|| cn_digit(c).filter(|_| c != '两')) {
            Some(d) => d,
            None => break,
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        len += c.len_utf8();
        n += 1;
        if n > 9 {
            return None;
        }
    }
    (n > 0).then_some((value, len, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn digits_and_units() {
        for z in ['零', '〇', '○', '0', '０'] {
            assert_eq!(cn_digit(z), Some(0), "{z}");
        }
        assert_eq!(cn_digit('两'), Some(2));
        assert_eq!(cn_digit('壹'), None);
        assert_eq!(arabic_digit('７'), Some(7));
        assert_eq!(arabic_digit('七'), None);
        assert_eq!(cn_power('亿'), Some(8));
        assert_eq!(scale_factor("万亿"), pow10(12));
        assert!(is_numeral_char('廿') && is_numeral_char('５') && !is_numeral_char('第'));
    }

    #[test]
    fn chinese_grammar() {
        for (s, v) in [
            ("一百二十", "120"),
            ("两千", "2000"),
            ("十五", "15"),
            ("廿", "20"),
            ("廿五", "25"),
            ("卅一", "31"),
            ("一万二千", "12000"),
            ("一万二", "12000"),
            ("五千万", "50000000"),
            ("一亿二千万", "120000000"),
            ("三千零五", "3005"),
            ("二〇二五", "2025"),
            ("二○二二", "2022"),
            ("二0二三", "2023"),
            ("一九九八", "1998"),
            ("〇", "0"),
            ("三点五", "3.5"),
            ("两万亿", "2000000000000"),
            // 十 is 一十: 处三万元以上十万元以下罚款 (dev 026)
            ("十万", "100000"),
            ("十亿", "1000000000"),
        ] {
            assert_eq!(parse_chinese(s), d(v), "{s}");
        }
        for s in [
            "十四五",
            "百千",
            "万",
            "一二",
            "二廿",
            "廿十",
            "两〇",
            "三点",
            "十十",
            "百万",
            "十百",
            "",
        ] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
    }

    #[test]
    fn whole_numbers() {
        for (s, v) in [
            ("1.2亿", "120000000"),
            ("5000万", "50000000"),
            ("2.5万亿", "2500000000000"),
            ("１,２００", "1200"),
            ("10,000", "10000"),
            ("1．5", "1.5"),
            ("0.50", "0.5"),
            (" 五千万 ", "50000000"),
            ("二〇二五", "2025"),
        ] {
            assert_eq!(parse(s), d(v), "{s}");
        }
        for s in ["1.2亿元", "12a", "1,00", "一批", "1十", "万", ""] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn arabic_prefix() {
        let chars: Vec<char> = "共1,234.5万元".chars().collect();
        assert_eq!(arabic_at(&chars, 1), Some((d("1234.5").unwrap(), 8)));
        assert_eq!(arabic_at(&chars, 0), None);
        let chars: Vec<char> = "3.个".chars().collect();
        assert_eq!(arabic_at(&chars, 0), Some((Decimal::from(3), 1)));
        let chars: Vec<char> = "３.５百万元".chars().collect();
        assert_eq!(
            arabic_scaled_at(&chars, 0),
            Some((Decimal::from(3_500_000), 5))
        );
        let chars: Vec<char> = "12十".chars().collect();
        assert_eq!(arabic_scaled_at(&chars, 0), Some((Decimal::from(12), 2)));
    }

    #[test]
    fn heading_and_date_numerals() {
        assert_eq!(cn_numeral("三、"), Some((3, 3)));
        assert_eq!(cn_numeral("十一）").map(|x| x.0), Some(11));
        assert_eq!(cn_numeral("二十").map(|x| x.0), Some(20));
        assert_eq!(cn_numeral("五十三").map(|x| x.0), Some(53));
        assert_eq!(cn_numeral("一百零五条").map(|x| x.0), Some(105));
        assert_eq!(cn_numeral("一百二十").map(|x| x.0), Some(120));
        assert_eq!(cn_numeral("九十七条").map(|x| x.0), Some(97));
        assert_eq!(cn_numeral("廿五日"), Some((25, 6)));
        assert_eq!(cn_numeral("卅日").map(|x| x.0), Some(30));
        assert_eq!(cn_numeral("一二"), None);
        assert_eq!(cn_numeral("十十"), None);
        assert_eq!(cn_numeral("〇一"), None);
        assert_eq!(cn_numeral("○一"), None);
        assert_eq!(cn_numeral("二廿"), None);
        assert_eq!(cn_numeral("0"), None);
        assert_eq!(cn_digits("二〇二二年"), Some((2022, 12, 4)));
        assert_eq!(cn_digits("二○二二年").map(|x| x.0), Some(2022));
        assert_eq!(cn_digits("二0二三年"), Some((2023, 10, 4)));
        assert_eq!(cn_digits("两千"), None);
        assert_eq!(cn_digits("1234567890"), None);
    }

    proptest::proptest! {
        /// Numbers spelled the way notices spell them read back as themselves.
        #[test]
        fn spelled_numbers_round_trip(n in 1u64..100_000_000_000) {
            let s = spell(n);
            proptest::prop_assert_eq!(parse_chinese(&s), Some(Decimal::from(n)), "{}", s);
            proptest::prop_assert_eq!(parse(&n.to_string()), Some(Decimal::from(n)));
        }

        /// Digit by digit, with any of the zeros.
        #[test]
        fn positional_round_trips(n in 1000u32..10_000, zero in 0usize..4) {
            let zeros = ['〇', '○', '零', '0'];
            let digits = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
            let s: String = n
                .to_string()
                .chars()
                .map(|c| match c {
                    '0' => zeros[zero],
                    c => digits[c as usize - '1' as usize],
                })
                .collect();
            proptest::prop_assert_eq!(parse_chinese(&s), Some(Decimal::from(n)), "{}", s);
            proptest::prop_assert_eq!(cn_digits(&s).map(|x| x.0), Some(n));
        }
    }

    /// The standard spelling of `n` (< 10¹²): 一千零五, 十五, 三亿零二十万.
    fn spell(n: u64) -> String {
        const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        let digits: Vec<usize> = n.to_string().bytes().map(|b| (b - b'0') as usize).collect();
        let mut s = String::new();
        let mut zero = false; // a zero since the last digit written
        for (k, &d) in digits.iter().enumerate() {
            let p = (digits.len() - 1 - k) as u32;
            if d == 0 {
                zero = true;
            } else {
                if zero {
                    s.push('零');
                }
                zero = false;
                // 十五, not 一十五, at the start
                if !(d == 1 && p % 4 == 1 && s.is_empty()) {
                    s.push(D[d]);
                }
                s.push_str(["", "十", "百", "千"][(p % 4) as usize]);
            }
            if (p == 4 || p == 8) && (n / 10u64.pow(p)) % 10_000 != 0 {
                s.push(if p == 4 { '万' } else { '亿' });
            }
        }
        s
    }
}
