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
    /// The bounds of `chars`. A clause also starts after each heading number ending at `ends`
    /// (sorted character offsets: the outline's items, "二、", "第三十二条　"; none for a bare
    /// text) and the spaces after it: the number is no part of its item's first clause, so a
    /// condition's or a figure's text starts after it.
    pub fn new(chars: &[char], ends: &[usize]) -> Segments {
        let mut sentences = vec![0];
        let mut clauses = vec![0];
        let mut paragraphs = vec![0];
        // The heading ends not yet placed among the clause starts, in order.
        let mut pending = 0;
        let mut place_headings = |clauses: &mut Vec<usize>, before: usize| {
            while let Some(&e) = ends.get(pending).filter(|&&e| e < before) {
                pending += 1;
                // "第三十二条　违反…": the spaces after the number too (no clause ends there).
                let mut e = e;
                while chars.get(e).is_some_and(|&c| matches!(c, ' ' | '\u{3000}')) {
                    e += 1;
                }
                if clauses.last().is_some_and(|&last| last < e) {
                    clauses.push(e);
                }
            }
        };
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
                place_headings(&mut clauses, i + 1);
                clauses.push(i + 1);
            }
            if c == '\n' {
                paragraphs.push(i + 1);
            }
        }
        place_headings(&mut clauses, chars.len());
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
