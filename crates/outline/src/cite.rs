//! Cited documents: 《titles》 (nested 〈〉 kept as written), 文号, and the two paired when written
//! together: "《安徽省人民政府关于…的意见》（皖政〔2018〕46号）".
//!
//! Not citations: the document itself (its own title or 文号), and short names it defines for
//! what it cites ("（以下简称《规划》）" makes every later 《规划》 an alias of the first title).

use std::collections::HashSet;

use policykg_ontology::Ontology;

use crate::docnum::find_doc_numbers;
use crate::text::Text;
use crate::Citation;

/// Longest title accepted between 《 and 》, in bytes (about 100 characters); an unclosed 《 is
/// skipped rather than run to the end of a long line.
const MAX_TITLE: usize = 300;
/// Longest parenthesis after a title searched for a 文号 or a short name, in bytes.
const MAX_PAREN: usize = 240;

/// The outermost 《…》 pairs of `s` in one pass: (offset of 《, offset just after 》). Nesting is
/// counted with a stack; a 《 left open at a line break is dropped, and so is a pair longer than
/// [`MAX_TITLE`].
fn title_pairs(s: &str) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let b = s.as_bytes();
    // 《 is E3 80 8A and 》 E3 80 8B: look for their lead byte (and line breaks) with memchr.
    for i in memchr::memchr2_iter(0xE3, b'\n', b) {
        match (b[i], b.get(i + 1), b.get(i + 2)) {
            (b'\n', _, _) => open.clear(),
            (_, Some(0x80), Some(0x8A)) => open.push(i),
            (_, Some(0x80), Some(0x8B)) => {
                if let Some(start) = open.pop() {
                    let end = i + 3;
                    if open.is_empty() && end - start <= MAX_TITLE {
                        pairs.push((start, end));
                    }
                }
            }
            _ => {}
        }
    }
    pairs
}

/// The byte offset just after the bracket closing the one at `open` (（ or ( ), nesting counted.
fn paren_end(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s[open..].char_indices() {
        if i > MAX_PAREN || c == '\n' {
            return None;
        }
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// The short name defined in a parenthesis: "以下简称《规划》" / "以下简称“意见”".
fn short_name(paren: &str) -> Option<&str> {
    let at = paren.find("简称")? + "简称".len();
    let rest = &paren[at..];
    let (open, close) = if rest.starts_with('《') {
        ('《', '》')
    } else if rest.starts_with('“') {
        ('“', '”')
    } else {
        return None;
    };
    let inner = &rest[open.len_utf8()..];
    inner.find(close).map(|e| &inner[..e])
}

/// What the document is, so that it does not cite itself.
#[derive(Debug, Default)]
pub(crate) struct Own<'a> {
    pub titles: Vec<&'a str>,
    pub doc_number: Option<&'a str>,
}

/// All citations of the text, in order of first mention, each cited document once.
pub(crate) fn citations(t: &Text, own: &Own, ontology: &Ontology) -> Vec<Citation> {
    let s = t.norm_text();
    let mut out: Vec<Citation> = Vec::new();
    let mut seen: HashSet<(Option<String>, Option<String>)> = HashSet::new();
    let mut aliases: HashSet<String> = HashSet::new();
    // Byte ranges already read as part of a 《title》（文号） citation.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let mut push = |out: &mut Vec<Citation>, c: Citation| {
        if seen.insert((c.title.clone(), c.doc_number.clone())) {
            out.push(c);
        }
    };
    let own_number = own.doc_number.map(|n| crate::normalize::normalize(n).text);
    let is_own_number = |n: &str| own_number.as_deref() == Some(n);

    let mut from = 0;
    for (open, end) in title_pairs(s) {
        if open < from {
            continue;
        }
        let inner = &s[open + '《'.len_utf8()..end - '》'.len_utf8()];
        let mut cite_end = end;
        let mut number: Option<(usize, usize)> = None;
        // A parenthesis right after the title: its 文号, or a short name it defines.
        let after = end + (s[end..].len() - s[end..].trim_start_matches([' ', '\t']).len());
        if s[after..].starts_with(['（', '(']) {
            if let Some(pend) = paren_end(s, after) {
                let paren = &s[after..pend];
                if let Some(name) = short_name(paren) {
                    aliases.insert(name.to_owned());
                }
                if let Some(&(a, b)) = find_doc_numbers(paren, ontology).first() {
                    number = Some((after + a, after + b));
                    cite_end = pend;
                }
                covered.push((after, pend));
                from = pend;
            }
        }
        from = from.max(end);
        // Everything written between the brackets, invisible characters included.
        let (o_open, o_end) = t.orig_bytes(open, end);
        let title_orig = &t.original[o_open + '《'.len_utf8()..o_end - '》'.len_utf8()];
        let is_self = own.titles.iter().any(|o| *o == title_orig || *o == inner);
        if is_self || aliases.contains(inner) || inner.trim().is_empty() {
            continue;
        }
        let doc_number = number.map(|(a, b)| t.norm_str(a, b).to_owned());
        if doc_number
            .as_deref()
            .is_some_and(|n| is_own_number(&crate::normalize::normalize(n).text))
        {
            continue;
        }
        push(
            &mut out,
            Citation {
                title: Some(title_orig.to_owned()),
                doc_number,
                span: t.norm_span(open, cite_end),
            },
        );
    }
    // 文号 on their own. Both lists are in text order, so one walk finds the covered ones.
    let mut c = 0;
    for (a, b) in find_doc_numbers(s, ontology) {
        while c < covered.len() && covered[c].1 <= a {
            c += 1;
        }
        if covered.get(c).is_some_and(|&(x, y)| a >= x && b <= y) {
            continue;
        }
        if is_own_number(&s[a..b]) {
            continue;
        }
        let span = t.norm_span(a, b);
        push(
            &mut out,
            Citation {
                title: None,
                doc_number: Some(t.norm_str(a, b).to_owned()),
                span,
            },
        );
    }
    out.sort_by_key(|c| c.span.start);
    out
}
