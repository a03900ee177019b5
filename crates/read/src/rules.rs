//! The page-reading rules, kept as data in `crates/read/data/` so that adding a CMS container or
//! a share widget is a one-line change that needs no Rust: content containers, furniture class
//! words, furniture lines and metadata-table labels. Each file is one item per line, `#` starts a
//! comment line. The labels are the first column of `ontology/documents/page_labels.tsv`, whose
//! second column (the field a label fills) the outline reads.

use std::sync::OnceLock;

use policykg_text::lines::items;
use scraper::Selector;

const CONTAINERS: &str = include_str!("../data/content_containers.txt");
const NOISE_CLASSES: &str = include_str!("../data/noise_classes.txt");
const NOISE_LINES: &str = include_str!("../data/noise_lines.txt");
/// The one list of page labels, shared with the outline, which maps each to its metadata field
/// (`label<TAB>field` under a header line; read takes the first column).
const PAGE_LABELS: &str = include_str!("../../../ontology/documents/page_labels.tsv");

/// A word list where an entry ending in `*` matches by prefix.
#[derive(Debug, Default)]
pub(crate) struct WordList {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl WordList {
    fn parse(data: &str, lowercase: bool) -> Self {
        let mut list = WordList::default();
        for item in items(data) {
            let item = if lowercase {
                item.to_lowercase()
            } else {
                item.to_owned()
            };
            match item.strip_suffix('*') {
                Some(prefix) => list.prefixes.push(prefix.to_owned()),
                None => list.exact.push(item),
            }
        }
        list
    }

    pub(crate) fn matches(&self, word: &str) -> bool {
        self.exact.iter().any(|w| w == word) || self.prefixes.iter().any(|p| word.starts_with(p))
    }

    /// [`matches`](Self::matches) ignoring ASCII case, without allocating (called for every
    /// class and id of every element). The list must have been parsed lower-case.
    pub(crate) fn matches_ignore_ascii_case(&self, word: &str) -> bool {
        let word = word.as_bytes();
        self.exact
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
            || self.prefixes.iter().any(|p| {
                word.len() >= p.len() && word[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
    }
}

pub(crate) struct Rules {
    /// Content containers in the order they are tried, with the selector text for messages.
    pub(crate) containers: Vec<(String, Selector)>,
    /// Lower-case words of class/id values that mark furniture.
    pub(crate) noise_classes: WordList,
    /// Furniture lines, whitespace removed.
    pub(crate) noise_lines: WordList,
    /// Metadata-table labels, whitespace removed.
    pub(crate) page_labels: Vec<String>,
    /// Selectors in the data file that did not parse (a defect of the data file; a test keeps
    /// this empty).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) bad_selectors: Vec<String>,
}

fn parse_rules() -> Rules {
    let mut containers = Vec::new();
    let mut bad_selectors = Vec::new();
    for item in container_items() {
        match Selector::parse(item) {
            Ok(selector) => containers.push((item.to_owned(), selector)),
            Err(_) => bad_selectors.push(item.to_owned()),
        }
    }
    Rules {
        containers,
        noise_classes: WordList::parse(NOISE_CLASSES, true),
        noise_lines: WordList::parse(NOISE_LINES, false),
        page_labels: items(PAGE_LABELS)
            .skip(1)
            .map(|row| row.split('\t').next().unwrap_or(row).trim().to_owned())
            .collect(),
        bad_selectors,
    }
}

/// Selector lines of the containers file. A line starting with `#` followed by a letter or a
/// digit and no space is an id selector (`#zoom`), not a comment (`# generic names last`).
fn container_items() -> impl Iterator<Item = &'static str> {
    CONTAINERS.lines().map(str::trim).filter(|line| {
        if line.is_empty() {
            return false;
        }
        match line.strip_prefix('#') {
            Some(rest) => rest
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            None => true,
        }
    })
}

/// The listed page label opening `text` before its first colon ("发文字号：…", "成 文 日 期:…"),
/// white space removed, and the byte where its value starts (after the colon).
pub(crate) fn listed_label(text: &str, labels: &[String]) -> Option<(String, usize)> {
    let at = text.find(['：', ':'])?;
    let key: String = text[..at].chars().filter(|c| !c.is_whitespace()).collect();
    let colon = text[at..].chars().next().map_or(1, char::len_utf8);
    labels.contains(&key).then_some((key, at + colon))
}

pub(crate) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(parse_rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_container_selector_parses() {
        let rules = rules();
        assert!(rules.bad_selectors.is_empty(), "{:?}", rules.bad_selectors);
        let names: Vec<&str> = rules.containers.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(names.first(), Some(&"div.TRS_Editor"));
        assert!(names.contains(&"#UCAP-CONTENT"));
        assert!(names.contains(&"#zoom"));
        assert!(!names.iter().any(|n| n.starts_with("# ")));
    }

    #[test]
    fn word_lists_match_exact_and_prefix() {
        let rules = rules();
        assert!(rules.noise_classes.matches("bdsharebuttonbox"));
        assert!(rules
            .noise_classes
            .matches_ignore_ascii_case("BdShareButtonBox"));
        assert!(rules.noise_classes.matches_ignore_ascii_case("NAV"));
        assert!(!rules.noise_classes.matches_ignore_ascii_case("Navigator"));
        assert!(!rules.noise_classes.matches_ignore_ascii_case("TRS_Editor"));
        assert!(rules.noise_classes.matches("share"));
        assert!(rules.noise_classes.matches("breadcrumbs"));
        assert!(!rules.noise_classes.matches("content"));
        assert!(!rules.noise_classes.matches("trs"));
        assert!(rules.noise_lines.matches("分享到：微信微博"));
        assert!(rules.noise_lines.matches("打印本页"));
        assert!(!rules.noise_lines.matches("打印本页面的说明"));
        assert!(rules.page_labels.iter().any(|l| l == "索引号"));
        assert!(!rules.page_labels.iter().any(|l| l.starts_with('#')));
    }
}
