//! Comparison keys: an agency name rewritten by the abbreviation rules of
//! `ontology/abbreviations.tsv`, so that 省经信厅, 省经济信息化厅 and 省经济和信息化厅 meet.

use rustc_hash::FxHashMap as HashMap;

use crate::tsv;
use crate::OntologyError;

pub(crate) const COLUMNS: &[&str] = &["from", "to", "where"];

#[derive(Debug, Clone)]
struct Rule {
    from: String,
    to: String,
    /// Only when `from` ends the name.
    at_end: bool,
}

/// The rewrite rules, indexed by the first character of `from`, longest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rules {
    by_first: HashMap<char, Vec<Rule>>,
    /// The first characters hashed into 1,024 bits: most characters of a name start no rule
    /// and are copied without the hashed look-up (every resolution rewrites its mention).
    first_bits: [u64; 16],
}

impl Rules {
    /// Add (or replace, by `from` and `where`) the rules of an abbreviations file.
    pub(crate) fn extend_tsv(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let from = tsv::cell(&row, 0);
            let Some(first) = from.chars().next() else {
                return Err(err("empty `from`".into()));
            };
            let at_end = match tsv::cell(&row, 2) {
                "any" | "" => false,
                "end" => true,
                other => return Err(err(format!("unknown where `{other}` (any or end)"))),
            };
            let rule = Rule {
                from: from.to_owned(),
                to: tsv::cell(&row, 1).to_owned(),
                at_end,
            };
            let (slot, bit) = first_bit(first);
            self.first_bits[slot] |= bit;
            let list = self.by_first.entry(first).or_default();
            list.retain(|r| !(r.from == rule.from && r.at_end == rule.at_end));
            list.push(rule);
            list.sort_by_key(|r| std::cmp::Reverse(r.from.len()));
        }
        Ok(())
    }

    /// The last characters of the rules' `from` words: a key ends with its name's last
    /// character unless a rule rewrote a `from` ending the name (into any `to`).
    pub(crate) fn rewritten_ends(&self) -> impl Iterator<Item = char> + '_ {
        self.by_first
            .values()
            .flatten()
            .filter_map(|r| r.from.chars().next_back())
    }

    /// The comparison key of a whole name.
    pub(crate) fn key(&self, name: &str) -> String {
        self.rewrite(name, true)
    }

    /// The key of a piece that does not end the name (the literal before a placeholder).
    pub(crate) fn key_inner(&self, piece: &str) -> String {
        self.rewrite(piece, false)
    }

    fn rewrite(&self, name: &str, ends_name: bool) -> String {
        // Most names hold neither spaces nor ASCII parentheses nor other brackets: they are read
        // as they are, without a folded copy. 各县〔市、区〕 and 各县[区] are the listed 各县（…）.
        let folded: std::borrow::Cow<str> = if name.chars().any(|c| {
            c.is_whitespace() || matches!(c, '(' | ')' | '〔' | '〕' | '[' | ']' | '［' | '］')
        }) {
            name.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match c {
                    '(' | '〔' | '[' | '［' => '（',
                    ')' | '〕' | ']' | '］' => '）',
                    c => c,
                })
                .collect::<String>()
                .into()
        } else {
            name.into()
        };
        let mut out = String::with_capacity(folded.len());
        let mut rest: &str = &folded;
        while let Some(c) = rest.chars().next() {
            let (slot, bit) = first_bit(c);
            let may_start = self.first_bits[slot] & bit != 0;
            let rule = may_start
                .then(|| self.by_first.get(&c))
                .flatten()
                .and_then(|rules| {
                    rules.iter().find(|r| {
                        rest.starts_with(&r.from)
                            && (!r.at_end || (ends_name && rest.len() == r.from.len()))
                    })
                });
            match rule {
                Some(r) => {
                    out.push_str(&r.to);
                    rest = &rest[r.from.len()..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

/// The slot and bit of `c` in [`Rules`]'s first-character filter.
fn first_bit(c: char) -> (usize, u64) {
    let c = c as u32;
    (((c >> 6) & 15) as usize, 1 << (c & 63))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        let mut r = Rules::default();
        r.extend_tsv(
            include_str!("../../../../ontology/abbreviations.tsv"),
            "abbreviations.tsv",
        )
        .unwrap();
        r
    }

    #[test]
    fn variants_meet() {
        let r = rules();
        assert_eq!(r.key("省经济和信息化厅"), r.key("省经信厅"));
        assert_eq!(r.key("省经济信息化厅"), r.key("省经信厅"));
        assert_ne!(r.key("省工业和信息化厅"), r.key("省经信厅"));
        assert_eq!(r.key("国家发展和改革委员会"), r.key("国家发展改革委"));
        assert_eq!(r.key("省发改委"), r.key("省发展改革委"));
        assert_eq!(r.key("省人力资源和社会保障厅"), r.key("省人社厅"));
        assert_eq!(r.key("省市场监督管理局"), r.key("省市场监管局"));
        assert_eq!(r.key("省 政 府"), r.key("省人民政府"));
        assert_eq!(r.key("各市(州)"), "各市（州）");
        // 委员会 → 委 only at the end of a name.
        assert_eq!(r.key("中共安徽省委员会"), "中共安徽省委");
        assert_eq!(r.key_inner("委员会"), "委员会");
    }

    #[test]
    fn bad_rules_name_file_and_line() {
        let mut r = Rules::default();
        let e = r
            .extend_tsv("from\tto\twhere\n经信\t经济和信息化\tmiddle\n", "a.tsv")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.tsv:2: unknown where `middle` (any or end)"
        );
        let e = r
            .extend_tsv("from\tto\twhere\n\tx\tany\n", "b.tsv")
            .unwrap_err();
        assert_eq!(e.to_string(), "b.tsv:2: empty `from`");
    }
}
