//! The matching rules, as pure functions: how a gold item finds the extracted item it is
//! compared with, and how two sets or two values count as TP/FP/FN.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use policykg_outline::numbering::number_at;
use policykg_text::fold::fold_alnum;
use rust_decimal::Decimal;

use crate::score::Counts;

/// The comparison form of a text: every whitespace character removed (U+3000 and U+00A0
/// included), because HTML rendering and copying from a page move line breaks and spaces.
pub fn normalise(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How often `needle` occurs in `haystack`, overlapping occurrences included.
pub fn occurrences(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        n += 1;
        let at = from + i;
        // Next character boundary after the start of this occurrence.
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    n
}

/// For each gold snippet (normalised), the index of the extracted task (normalised text) it
/// claims: in gold order, the shortest unclaimed task containing the snippet (the first of equal
/// length). An extracted task is claimed by one gold task at most.
pub fn match_tasks(snippets: &[String], texts: &[String]) -> Vec<Option<usize>> {
    let lengths: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    let mut claimed = vec![false; texts.len()];
    snippets
        .iter()
        .map(|s| {
            let find = |needle: &str| {
                texts
                    .iter()
                    .enumerate()
                    .filter(|(i, t)| !claimed[*i] && t.contains(needle))
                    .min_by_key(|(i, _)| (lengths[*i], *i))
                    .map(|(i, _)| i)
            };
            // A snippet may start with the item's number ("5.聚焦支小支农。", chosen because the
            // heading alone is short); the extraction keeps the number in the outline path,
            // not in the task's text.
            let best = find(s).or_else(|| without_enumerator(s).and_then(find));
            if let Some(i) = best {
                claimed[i] = true;
            }
            best
        })
        .collect()
}

/// `s` without a leading item number (`5.`, `5、`, `（五）`, `(5)`, `五、`, `第五条`, `一是`), if it
/// has one: the outline's own reading of heading numbers ([`number_at`]), on a copy with
/// full-width digits folded (as the outline folds a line before reading it).
pub fn without_enumerator(s: &str) -> Option<&str> {
    let folded: String = s.chars().map(fold_alnum).collect();
    let number = number_at(&folded)?;
    let chars = folded[..number.len].chars().count();
    let rest = s.char_indices().nth(chars).map_or("", |(i, _)| &s[i..]);
    (!rest.is_empty()).then_some(rest)
}

/// One-to-one matching of multisets: for each gold item in order, the first unclaimed extracted
/// item that is `equal`, preferring one that is also `preferred` (same comparator, same role), so
/// that the secondary agreement is not understated by an arbitrary pairing.
pub fn match_multiset<G, E>(
    gold: &[G],
    extracted: &[E],
    equal: impl Fn(&G, &E) -> bool,
    preferred: impl Fn(&G, &E) -> bool,
) -> Vec<Option<usize>> {
    let mut claimed = vec![false; extracted.len()];
    gold.iter()
        .map(|g| {
            let free = |i: &usize| !claimed[*i] && equal(g, &extracted[*i]);
            let best = (0..extracted.len())
                .filter(free)
                .find(|i| preferred(g, &extracted[*i]))
                .or_else(|| (0..extracted.len()).find(free));
            if let Some(i) = best {
                claimed[i] = true;
            }
            best
        })
        .collect()
}

/// Set comparison: gold items found are TP, extracted items not in gold FP, gold items not
/// extracted FN.
pub fn set_counts<T: Ord>(gold: &BTreeSet<T>, extracted: &BTreeSet<T>) -> Counts {
    let tp = gold.intersection(extracted).count() as u64;
    Counts {
        tp,
        fp: extracted.len() as u64 - tp,
        fn_: gold.len() as u64 - tp,
    }
}

/// The scalar rule (deadline, title, 文号, date, jurisdiction), on normalised values: equal →
/// TP; gold only → FN; extracted only → FP; both but different → FP and FN.
pub fn scalar_counts(gold: Option<&str>, extracted: Option<&str>) -> Counts {
    let gold = gold.map(normalise);
    let extracted = extracted.map(normalise);
    match (gold, extracted) {
        (None, None) => Counts::default(),
        (Some(g), Some(e)) if g == e => Counts {
            tp: 1,
            ..Counts::default()
        },
        (Some(_), Some(_)) => Counts {
            tp: 0,
            fp: 1,
            fn_: 1,
        },
        (Some(_), None) => Counts {
            fn_: 1,
            ..Counts::default()
        },
        (None, Some(_)) => Counts {
            fp: 1,
            ..Counts::default()
        },
    }
}

/// An exact number or an exact range: compared as decimals, never floats (5000 == 5000.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    One(Decimal),
    Range(Decimal, Decimal),
}

impl Quantity {
    /// "5000", "1.5", or a range "200000-2000000".
    pub fn parse(s: &str) -> Result<Quantity, String> {
        let s = s.trim();
        let number = |t: &str| {
            Decimal::from_str(t.trim())
                .map_err(|_| format!("\"{s}\" is not a decimal number or a \"min-max\" range"))
        };
        // A '-' after the first character separates a range (a leading one is a sign).
        match s.char_indices().skip(1).find(|(_, c)| *c == '-') {
            Some((i, _)) => {
                let (lo, hi) = (number(&s[..i])?, number(&s[i + 1..])?);
                if lo > hi {
                    return Err(format!("range \"{s}\" has its minimum above its maximum"));
                }
                Ok(Quantity::Range(lo, hi))
            }
            None => Ok(Quantity::One(number(s)?)),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::One(v) => write!(f, "{}", v.normalize()),
            Quantity::Range(a, b) => write!(f, "{}-{}", a.normalize(), b.normalize()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn normalise_removes_every_kind_of_space() {
        assert_eq!(
            normalise(" 省财政厅\u{3000}牵头\u{a0}\n\t负责 "),
            "省财政厅牵头负责"
        );
    }

    #[test]
    fn occurrences_count_overlaps() {
        assert_eq!(occurrences("专精特新专精特新", "专精特新"), 2);
        assert_eq!(occurrences("啊啊啊", "啊啊"), 2);
        assert_eq!(occurrences("abc", "d"), 0);
        assert_eq!(occurrences("abc", ""), 0);
    }

    #[test]
    fn a_task_is_claimed_once_and_the_shortest_container_wins() {
        let texts = s(&["一二三四五六", "三四", "三四五"]);
        // The first gold claims the shortest container (1); the second takes the next shortest
        // (2); the third finds only the longest (0); a fourth finds nothing left.
        let got = match_tasks(&s(&["三四", "三四", "三四", "三四"]), &texts);
        assert_eq!(got, vec![Some(1), Some(2), Some(0), None]);
        // Equal lengths: the first in document order.
        assert_eq!(match_tasks(&s(&["a"]), &s(&["xa", "ya"])), vec![Some(0)]);
        assert_eq!(match_tasks(&s(&["z"]), &s(&["xa"])), vec![None]);
        // The item number is not part of an extracted task's text.
        assert_eq!(
            match_tasks(&s(&["5.聚焦支小支农。"]), &s(&["聚焦支小支农。全省"])),
            vec![Some(0)]
        );
        assert_eq!(without_enumerator("（十二）加强"), Some("加强"));
        assert_eq!(without_enumerator("第五条县级"), Some("县级"));
        assert_eq!(without_enumerator("二、主要任务"), Some("主要任务"));
        assert_eq!(without_enumerator("2025年底前"), None);
        assert_eq!(without_enumerator("一批"), None);
        assert_eq!(without_enumerator("二是建立和完善"), Some("建立和完善"));
        assert_eq!(without_enumerator("5是建立"), None);
    }

    #[test]
    fn decimals_compare_exactly() {
        assert_eq!(
            Quantity::parse("5000").unwrap(),
            Quantity::parse("5000.0").unwrap()
        );
        assert_eq!(
            Quantity::parse("1.50").unwrap(),
            Quantity::parse("1.5").unwrap()
        );
        assert_ne!(
            Quantity::parse("0.1").unwrap(),
            Quantity::parse("0.10000001").unwrap()
        );
        // Beyond f64's 15–17 digits: still told apart.
        assert_ne!(
            Quantity::parse("12345678901234567890").unwrap(),
            Quantity::parse("12345678901234567891").unwrap()
        );
        assert_eq!(
            Quantity::parse("-3").unwrap(),
            Quantity::One(Decimal::from(-3))
        );
        assert!(Quantity::parse("5千").is_err());
        assert!(Quantity::parse("").is_err());
    }

    #[test]
    fn ranges_parse_and_compare() {
        let r = Quantity::parse("200000-2000000").unwrap();
        assert_eq!(
            r,
            Quantity::Range(Decimal::from(200_000), Decimal::from(2_000_000))
        );
        assert_eq!(r, Quantity::parse("200000.00 - 2000000").unwrap());
        assert_ne!(r, Quantity::One(Decimal::from(200_000)));
        assert_eq!(r.to_string(), "200000-2000000");
        assert!(Quantity::parse("20-10").is_err());
        assert!(Quantity::parse("1-2-3").is_err());
    }

    #[test]
    fn multisets_match_one_to_one_preferring_agreement() {
        let gold = [(1, 'a'), (1, 'b'), (1, 'c'), (2, 'a')];
        let extracted = [(1, 'b'), (1, 'a'), (3, 'a')];
        let got = match_multiset(&gold, &extracted, |g, e| g.0 == e.0, |g, e| g.1 == e.1);
        assert_eq!(got, vec![Some(1), Some(0), None, None]);
    }

    #[test]
    fn scalar_rule() {
        assert_eq!(
            scalar_counts(Some("a b"), Some("ab")),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            scalar_counts(Some("a"), Some("b")),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            scalar_counts(Some("a"), None),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            scalar_counts(None, Some("b")),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(scalar_counts(None, None), Counts::default());
    }

    #[test]
    fn sets() {
        let g: BTreeSet<_> = ["a", "b", "c"].into_iter().collect();
        let e: BTreeSet<_> = ["b", "c", "d", "e"].into_iter().collect();
        assert_eq!(
            set_counts(&g, &e),
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
    }
}
