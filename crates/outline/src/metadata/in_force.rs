//! The entry-into-force clause: "本规定自2007年12月1日起施行", "本《实施办法》自下发之日起施行",
//! "…印发给你们，自2024年1月1日起施行" (words: `ontology/documents/in_force.tsv`). The date it
//! gives orders the versions of a work when the text states no adoption date of its own.

use std::sync::OnceLock;

use policykg_read::Span;

use super::{parse_date, Date};
use crate::date::date_at;
use crate::text::{is_space, Text};
use crate::tree::Layout;
use crate::{InForce, InForceBasis, Metadata};

const WORDS: &str = include_str!("../../../../ontology/documents/in_force.tsv");
const WORDS_FILE: &str = "ontology/documents/in_force.tsv";

/// The clause words: verbs, and the named days with their basis.
struct Words {
    verbs: Vec<String>,
    days: Vec<(String, InForceBasis)>,
}

fn words() -> &'static Words {
    static WORDS_CELL: OnceLock<Words> = OnceLock::new();
    WORDS_CELL.get_or_init(|| {
        let rows = policykg_text::lines::rows(WORDS, WORDS_FILE, &["word", "role"])
            .expect("the bundled in_force.tsv is valid (checked by a test)");
        let mut w = Words {
            verbs: Vec::new(),
            days: Vec::new(),
        };
        for r in rows {
            let word = r.cell(0).to_owned();
            match r.cell(1) {
                "verb" => w.verbs.push(word),
                "issued" => w.days.push((word, InForceBasis::Issued)),
                "published" => w.days.push((word, InForceBasis::Published)),
                _ => {}
            }
        }
        w
    })
}

/// Longest subject before 自 ("本《实施办法》"), in characters.
const SUBJECT: usize = 20;

/// A clause found: its date (when stated) or the named day's basis, and its byte range in the
/// normalised line.
struct Clause {
    line: usize,
    lo: usize,
    hi: usize,
    stated: Option<Date>,
    basis: InForceBasis,
}

/// The clause at 自 (byte `at` of normalised line `s`), when one starts there.
fn clause_at(s: &str, at: usize) -> Option<(usize, Option<Date>, InForceBasis)> {
    let w = words();
    let rest = &s[at + '自'.len_utf8()..];
    let rest_t = rest.trim_start_matches(is_space);
    let (stated, basis, len) = match date_at(rest_t) {
        Some((d, len)) => (Some(d), InForceBasis::Stated, len),
        None => {
            let (word, basis) = w
                .days
                .iter()
                .find(|(d, _)| rest_t.starts_with(d.as_str()))?;
            (None, *basis, word.len())
        }
    };
    let after = rest_t[len..].trim_start_matches(is_space);
    let after = after.strip_prefix('起')?.trim_start_matches(is_space);
    let verb = w.verbs.iter().find(|v| after.starts_with(v.as_str()))?;
    let end = s.len() - after.len() + verb.len();
    Some((end, stated, basis))
}

/// Every clause of the text, in order: its subject is 本… ("本规定", "本《实施办法》"), or it
/// stands in the cover notice's sentence ("…印发给你们，自…起施行").
fn clauses(t: &Text, cover: Option<Span>) -> Vec<Clause> {
    let mut out = Vec::new();
    for i in 0..t.lines.len() {
        let s = t.line(i);
        if !s.contains('自') {
            continue;
        }
        for (at, _) in s.match_indices('自') {
            let Some((end, stated, basis)) = clause_at(s, at) else {
                continue;
            };
            let start = s[..at]
                .rfind(['。', '，', '；', '：', ',', ';'])
                .map_or(0, |k| k + s[k..].chars().next().map_or(1, char::len_utf8));
            let mut lo = start + (s[start..].len() - s[start..].trim_start_matches(is_space).len());
            // The article or item number opening the line: "第十五条 本规定自…".
            if let Some(n) = crate::numbering::number_at(&s[lo..at]) {
                lo += n.len;
                lo += s[lo..].len() - s[lo..].trim_start_matches(is_space).len();
            }
            let subject = s[lo..at].trim_matches(is_space);
            let by_subject = subject.starts_with('本') && subject.chars().count() <= SUBJECT;
            let in_cover = subject.is_empty()
                && cover.is_some_and(|c| {
                    let sp = t.line_span(i, lo, end);
                    c.start <= sp.start && sp.end <= c.end
                });
            // "（2021年6月1日…通过　2021年6月10日…公布　自2021年8月1日起施行）": the last event of
            // a rule's header bracket, after white space
            let opened = s.trim_start();
            let in_header = s[..at].ends_with(is_space)
                && opened
                    .strip_prefix(['（', '('])
                    .is_some_and(|rest| date_at(rest).is_some());
            if in_header {
                lo = at;
            }
            if by_subject || in_cover || in_header {
                out.push(Clause {
                    line: i,
                    lo,
                    hi: end,
                    stated,
                    basis,
                });
            }
        }
    }
    out
}

/// The date of the 印发 note closing the document ("…2018年11月1日印发").
fn issue_note_date(t: &Text, layout: &Layout) -> Option<Date> {
    (layout.closing.start..t.lines.len()).find_map(|i| {
        let (lo, hi) = t.content(i)?;
        let s = t.line(i)[lo..hi].strip_suffix(super::ISSUED)?;
        let (at, d, len) = crate::date::find_date(s)?;
        (at + len == s.trim_end_matches(is_space).len()).then_some(d)
    })
}

/// The entry-into-force date: the last clause of the text, its date stated or taken from the
/// document's dates (`m.date`, `m.published` already chosen).
pub(super) fn in_force(t: &Text, layout: &Layout, m: &Metadata) -> Option<InForce> {
    let cover = m.cover.as_ref().map(|c| c.span);
    let c = clauses(t, cover).pop()?;
    let date = match c.basis {
        InForceBasis::Stated => c.stated?,
        InForceBasis::Issued => {
            issue_note_date(t, layout).or_else(|| m.date.as_deref().and_then(parse_date))?
        }
        InForceBasis::Published => m
            .published
            .as_deref()
            .or(m.date.as_deref())
            .and_then(parse_date)?,
    };
    Some(InForce {
        date: date.iso(),
        basis: c.basis,
        clause: t.line_str(c.line, c.lo, c.hi).to_owned(),
        span: t.line_span(c.line, c.lo, c.hi),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_words_are_read() {
        let w = words();
        assert!(w.verbs.iter().any(|v| v == "施行"));
        assert!(w
            .days
            .iter()
            .any(|(d, b)| d == "下发之日" && *b == InForceBasis::Issued));
    }

    #[test]
    fn clause_shapes() {
        let s = "第十五条 本规定自2007年12月1日起施行。";
        let at = s.find('自').unwrap();
        let (end, d, b) = clause_at(s, at).unwrap();
        assert_eq!(&s[at..end], "自2007年12月1日起施行");
        assert_eq!(d.map(|d| d.iso()).as_deref(), Some("2007-12-01"));
        assert_eq!(b, InForceBasis::Stated);
        let s = "本办法自公布之日起施行";
        let (_, d, b) = clause_at(s, s.find('自').unwrap()).unwrap();
        assert_eq!((d, b), (None, InForceBasis::Published));
        // A term counted from a day is no entry into force; nor is a deadline.
        let s = "本办法自印发之日起30日后施行";
        assert!(clause_at(s, s.find('自').unwrap()).is_none());
        let s = "自2020年1月1日起，各地应当完成";
        assert!(clause_at(s, s.find('自').unwrap()).is_none());
    }
}
