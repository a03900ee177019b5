//! Sentences, clauses and paragraphs of a text, as character offsets, for the finders to scope
//! what they read ("到2025年" governs its sentence; a target's `text` is its clause).

/// Boundaries of one text; every query is a binary search.
#[derive(Debug, Clone)]
pub struct Segments {
    /// Sorted starts of sentences (after 。！？；!?; or a line break).
    sentences: Vec<usize>,
    /// Sorted starts of clauses (also after ，,：: and a table cell's tab).
    clauses: Vec<usize>,
    /// Sorted starts of paragraphs (after a line break).
    paragraphs: Vec<usize>,
    len: usize,
}

pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// A table cell (cells of a row are joined by '\t') is a clause of its own: the figure of one
/// cell never counts a noun in the next.
pub fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | '\t')
}

impl Segments {
    pub fn new(chars: &[char]) -> Segments {
        let mut sentences = vec![0];
        let mut clauses = vec![0];
        let mut paragraphs = vec![0];
        for (i, &c) in chars.iter().enumerate() {
            // Ideographs and kana (most characters) lie between the ASCII and CJK stops
            // (。 U+3002) and the full-width ones (！ U+FF01): none of them ends anything.
            if ('\u{3003}'..='\u{FF00}').contains(&c) {
                continue;
            }
            if is_sentence_end(c) {
                sentences.push(i + 1);
            }
            if is_clause_end(c) {
                clauses.push(i + 1);
            }
            if c == '\n' {
                paragraphs.push(i + 1);
            }
        }
        Segments {
            sentences,
            clauses,
            paragraphs,
            len: chars.len(),
        }
    }

    fn around(starts: &[usize], len: usize, i: usize) -> (usize, usize) {
        let k = starts.partition_point(|&s| s <= i);
        let start = starts[k.saturating_sub(1)];
        // the segment ends at its delimiter (exclusive), i.e. one before the next start
        let end = starts.get(k).map(|&n| n - 1).unwrap_or(len);
        (start, end.max(start))
    }

    /// `[start, end)` of the sentence holding `i`, without its closing punctuation.
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        Self::around(&self.sentences, self.len, i)
    }
    /// `[start, end)` of the clause holding `i`, without its closing punctuation.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        Self::around(&self.clauses, self.len, i)
    }
    /// `[start, end)` of the paragraph (line) holding `i`.
    pub fn paragraph(&self, i: usize) -> (usize, usize) {
        Self::around(&self.paragraphs, self.len, i)
    }
}
