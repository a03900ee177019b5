//! Scale words with no numeral (突破万亿元, 突破百亿元): one of that scale, 1×10^n, where a level
//! verb (`bare_scale_verb` in `number_cues.tsv`) comes right before them and their money unit
//! ends the clause. 过亿元企业 (over-a-hundred-million, an adjective before a noun) and a lone 亿
//! stay no number.

use policykg_text::numeral::{cn_power, pow10};
use rust_decimal::Decimal;

use super::lexicon::{lexicon, UnitClass};
use super::segment::is_clause_end;

/// The value of the scale words `chars[i..j]` (百亿, 万亿, 千万), whose unit starts at `j`.
pub(super) fn value(chars: &[char], i: usize, j: usize) -> Option<Decimal> {
    let mut total = 0;
    let mut last = 1;
    for &c in &chars[i..j] {
        let p = cn_power(c).filter(|&p| p > last)?;
        total += p;
        last = p;
    }
    if !(2..=4).contains(&cn_power(chars[i])?) {
        return None;
    }
    let lex = lexicon();
    let (len, class) = lex.unit_at(chars, j)?;
    if !matches!(class, UnitClass::Money | UnitClass::ForeignMoney) {
        return None;
    }
    lex.number.role("bare_scale_verb").ending_at(chars, i)?;
    let after = chars.get(j + len).copied();
    after
        .is_none_or(|c| is_clause_end(c) || c.is_whitespace())
        .then(|| pow10(total))
}
