//! Word lists asked at many places of a text ("does a cue start here?", "does this name hold a
//! verb?"): one Aho–Corasick automaton per list instead of `starts_with` / `contains` over every
//! word, which was a quarter of the pipeline's time in `memcmp`. Answers are the ones of the
//! plain scans, word for word: the first word *in list order* that starts or ends a text.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

/// A list of words, in its order (the data files list them longest first).
pub(crate) struct WordList {
    words: Vec<String>,
    /// Leftmost-first: anchored, the first word in list order that starts a text; unanchored,
    /// whether any word occurs.
    automaton: AhoCorasick,
    /// (last character, index), sorted: the only words that can end a text with that character.
    by_last: Vec<(char, usize)>,
    /// The words' last characters: most names asked whether they end with a word end with none
    /// of them, and are answered without the search in `by_last`.
    lasts: CharSet,
    /// The first empty word, which starts and ends every text.
    empty: Option<usize>,
    /// The words' first characters: most texts start with none of them, and are answered
    /// without running the automaton.
    firsts: CharSet,
    /// (first character, index), sorted: a text can only start with the words of its first
    /// character, and when they are few, comparing them is cheaper than the automaton.
    by_first: Vec<(char, usize)>,
}

/// The longest text, in bytes, that [`WordList::in_text`] reads position by position rather
/// than with the automaton.
const SHORT_TEXT: usize = 96;

/// The most words of one first character compared one by one in [`WordList::start_index`];
/// beyond that the automaton answers.
const GROUP_SCAN: usize = 8;

impl WordList {
    pub(crate) fn new(words: Vec<String>) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .start_kind(StartKind::Both)
            .build(&words)
            .expect("word lists are far below the automaton's size limits");
        let mut by_last: Vec<(char, usize)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.chars().next_back().map(|c| (c, i)))
            .collect();
        by_last.sort_unstable();
        let empty = words.iter().position(String::is_empty);
        let mut by_first: Vec<(char, usize)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.chars().next().map(|c| (c, i)))
            .collect();
        by_first.sort_unstable();
        let firsts = by_first.iter().map(|&(c, _)| c).collect();
        let lasts = by_last.iter().map(|&(c, _)| c).collect();
        WordList {
            words,
            automaton,
            by_last,
            lasts,
            empty,
            firsts,
            by_first,
        }
    }

    /// The words, in list order.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether `text` is one of the words, whole.
    pub(crate) fn is_word(&self, text: &str) -> bool {
        self.words.iter().any(|w| w == text)
    }

    /// Whether some word may start with `c`: false for most characters that start none, never
    /// false for one that starts a word (or when a word is empty).
    #[inline]
    pub(crate) fn may_start_with(&self, c: char) -> bool {
        self.empty.is_some() || self.firsts.may_contain(c)
    }

    /// Whether a word (not the empty one) starts with `c`, exactly: the bit filter, then the
    /// sorted first characters only for the few characters it lets through.
    #[inline]
    pub(crate) fn has_first(&self, c: char) -> bool {
        self.firsts.contains(&c)
    }

    /// The characters words start with (not the empty word's), each once, sorted.
    pub(crate) fn first_chars(&self) -> &[char] {
        &self.firsts.chars
    }

    /// Whether some word may end with `c`: false for most characters that end none, never false
    /// for one that ends a word (or when a word is empty).
    #[inline]
    pub(crate) fn may_end_with(&self, c: char) -> bool {
        self.empty.is_some() || self.lasts.may_contain(c)
    }

    /// The first word in list order that `text` starts with.
    pub(crate) fn starts(&self, text: &str) -> Option<&str> {
        self.start_index(text).map(|i| self.words[i].as_str())
    }

    /// The list index of [`WordList::starts`].
    pub(crate) fn start_index(&self, text: &str) -> Option<usize> {
        if self.empty.is_none() {
            let first = text.chars().next()?;
            // A filter only: the group below is empty for a first character no word has.
            if !self.firsts.may_contain(first) {
                return None;
            }
            // The words of that first character, in list order: the first that starts the
            // text is the automaton's (leftmost-first) answer.
            let group = &self.by_first[self.by_first.partition_point(|&(c, _)| c < first)..];
            let n = group
                .iter()
                .take(GROUP_SCAN + 1)
                .take_while(|&&(c, _)| c == first)
                .count();
            if n <= GROUP_SCAN {
                return group[..n]
                    .iter()
                    .map(|&(_, i)| i)
                    .find(|&i| text.starts_with(self.words[i].as_str()));
            }
        }
        self.automaton
            .find(Input::new(text).anchored(Anchored::Yes))
            .map(|m| m.pattern().as_usize())
    }

    /// The first word in list order that `text` ends with.
    pub(crate) fn ends(&self, text: &str) -> Option<&str> {
        let found = text.chars().next_back().and_then(|last| {
            if !self.lasts.may_contain(last) {
                return None;
            }
            let from = self.by_last.partition_point(|&(c, _)| c < last);
            self.by_last[from..]
                .iter()
                .take_while(|&&(c, _)| c == last)
                .map(|&(_, i)| i)
                .find(|&i| text.ends_with(self.words[i].as_str()))
        });
        let i = match (found, self.empty) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some(self.words[i].as_str())
    }

    /// Whether any word occurs in `text`.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        if self.empty.is_some() || text.len() > SHORT_TEXT {
            return self
                .automaton
                .is_match(Input::new(text).anchored(Anchored::No));
        }
        // A short text (a name) asked by position: most of its characters start no word and
        // are rejected by the filter, without the automaton's tables (its run on a name missed
        // the caches more than it compared).
        text.char_indices()
            .any(|(i, c)| self.firsts.may_contain(c) && self.start_index(&text[i..]).is_some())
    }
}

/// Whether `text` holds `c`: `memchr` on the character's last byte, each hit checked.
pub(crate) fn holds_char(text: &str, c: char) -> bool {
    let mut buf = [0; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let (bytes, n) = (text.as_bytes(), enc.len());
    memchr::memchr_iter(enc[n - 1], bytes).any(|i| i + 1 >= n && bytes[i + 1 - n..=i] == *enc)
}

/// A set of characters asked at every character of a clause. The characters' codes modulo
/// 1,024 as bits (128 bytes, two cache lines) reject most characters at once; a sorted list
/// answers the rest exactly. A bit per character of the Basic Multilingual Plane (8 KiB per
/// set, a set per word list, some thirty of them read in turn) missed the L1 cache at nearly
/// every look-up; a hash set cost more than the look-ups it saved.
pub(crate) struct CharSet {
    bits: [u64; 16],
    chars: Vec<char>,
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut set = CharSet {
            bits: [0; 16],
            chars: iter.into_iter().collect(),
        };
        set.chars.sort_unstable();
        set.chars.dedup();
        for &c in &set.chars {
            let (slot, bit) = CharSet::bit(c);
            set.bits[slot] |= bit;
        }
        set
    }
}

impl CharSet {
    /// The slot and bit of `c` among the 1,024.
    #[inline]
    fn bit(c: char) -> (usize, u64) {
        let u = c as usize % 1024;
        (u / 64, 1 << (u % 64))
    }

    /// Whether `c` may be in the set: false for most characters that are not, never false for
    /// one that is.
    #[inline]
    pub(crate) fn may_contain(&self, c: char) -> bool {
        let (slot, bit) = CharSet::bit(c);
        self.bits[slot] & bit != 0
    }

    pub(crate) fn contains(&self, c: &char) -> bool {
        self.may_contain(*c) && self.chars.binary_search(c).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(words: &[&str]) -> WordList {
        WordList::new(words.iter().map(|w| (*w).to_owned()).collect())
    }

    fn plain_starts<'a>(text: &str, words: &'a [&'a str]) -> Option<&'a str> {
        words.iter().find(|w| text.starts_with(**w)).copied()
    }

    fn plain_ends<'a>(text: &str, words: &'a [&'a str]) -> Option<&'a str> {
        words.iter().find(|w| text.ends_with(**w)).copied()
    }

    /// The answers of the plain scans, on every prefix and suffix of a few texts, for lists in
    /// either order (longest first, and a shorter word before a longer one that holds it).
    #[test]
    fn answers_as_the_plain_scans() {
        let orders: [&[&str]; 4] = [
            &["abcd", "abc", "bc", "c", "xy"],
            &["ab", "abcd", "d", "cd", "bcd"],
            &["q", "", "ab"],
            // more words of one first character than are compared one by one
            &[
                "ax", "ay", "a", "abcd", "az", "aw", "av", "au", "at", "abc", "as", "b", "dcb",
            ],
        ];
        // The last is longer than `SHORT_TEXT`: its long prefixes and suffixes are read by
        // the automaton, the short ones position by position.
        let long = format!("{}dcb{}", "x".repeat(60), "y".repeat(60));
        let texts = [
            "abcd",
            "xabcd",
            "bcdab",
            "xyz",
            "",
            "cabc",
            "dcba",
            long.as_str(),
        ];
        for words in orders {
            let l = list(words);
            for t in texts {
                for (i, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                    let (head, tail) = t.split_at(i);
                    for s in [head, tail] {
                        assert_eq!(
                            l.starts(s),
                            plain_starts(s, words),
                            "{words:?} starts {s:?}"
                        );
                        assert_eq!(l.ends(s), plain_ends(s, words), "{words:?} ends {s:?}");
                        assert_eq!(
                            l.in_text(s),
                            words.iter().any(|w| s.contains(*w)),
                            "{words:?} in {s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn char_sets_hold_what_they_were_given() {
        let set: CharSet = ['a', 'z', '\u{4e00}', '\u{ffff}', '\u{20000}']
            .into_iter()
            .collect();
        for c in ['a', 'z', '\u{4e00}', '\u{ffff}', '\u{20000}'] {
            assert!(set.contains(&c), "{c:?}");
        }
        // '\u{461}' and '\u{5200}' share their bits with 'a' and '\u{4e00}'.
        for c in [
            'b',
            '\u{4e01}',
            '\u{20001}',
            '\u{10000}',
            '\u{461}',
            '\u{5200}',
        ] {
            assert!(!set.contains(&c), "{c:?}");
        }
    }
}
