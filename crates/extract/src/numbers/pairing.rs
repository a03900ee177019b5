//! The items of a 分别 list: "对获得国家级专精特新“小巨人”、单项冠军称号的企业分别给予…100万元、200万元"
//! pairs 国家级专精特新“小巨人” with the first amount and 单项冠军 with the second. Used by money
//! and targets alike; the delimiting words are data (`ontology/lexicon/pairing.tsv`).
//!
//! The list is found right before the 分别; it must have exactly as many items as there are
//! values, or there is no pairing (the callers then warn rather than guess).

use super::lexicon::lexicon;
use policykg_read::Span;

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '\n' | '（' | '(' | '）' | ')'
    )
}

/// (position, length) of a separator.
type Seps = Vec<(usize, usize)>;

/// Separators usable in `chars[from..to]`, outside brackets and quotes: (position, length).
fn separators(chars: &[char], from: usize, to: usize) -> (Seps, Seps) {
    let lex = lexicon();
    let seps = lex.pairing.role("separator");
    let mut depth = 0i32;
    let mut commas = Vec::new();
    let mut words = Vec::new();
    let mut i = from;
    while i < to {
        match chars[i] {
            '（' | '(' | '“' | '《' | '「' => depth += 1,
            '）' | ')' | '”' | '》' | '」' => depth -= 1,
            _ => {}
        }
        if depth <= 0 {
            if chars[i] == '、' {
                commas.push((i, 1));
            } else if let Some(len) = seps.at(chars, i) {
                if i + len <= to {
                    words.push((i, len));
                    i += len;
                    continue;
                }
            }
        }
        i += 1;
    }
    (commas, words)
}

/// Exactly `n` (≥ 2) items of the list ending before `to`, searched no further back than `from`.
pub fn list_items(chars: &[char], from: usize, to: usize, n: usize) -> Option<Vec<Span>> {
    if n < 2 || from >= to {
        return None;
    }
    let lex = lexicon();
    let (commas, words) = separators(chars, from, to);
    // take the last n-1 separators: 、 only, or 、… plus one 和/及/与 before the last item
    let mut chosen: Vec<(usize, usize)> = if commas.len() >= n - 1 {
        commas[commas.len() - (n - 1)..].to_vec()
    } else if commas.len() == n - 2 {
        let after = commas.last().map(|c| c.0).unwrap_or(from);
        let w = words.iter().rev().find(|w| w.0 > after)?;
        let mut v = commas.clone();
        v.push(*w);
        v
    } else {
        return None;
    };
    chosen.sort();
    // the items must be contiguous: no clause punctuation between the separators
    let (first_sep, last_sep) = (chosen[0], *chosen.last()?);
    if chars[first_sep.0..last_sep.0].iter().any(|c| is_punct(*c)) {
        return None;
    }
    // left end of the first item
    let mut s = first_sep.0;
    let left_stops = lex.pairing.role("left_stop");
    while s > from && !is_punct(chars[s - 1]) && chars[s - 1] != '、' {
        if left_stops.ending_at(chars, s).is_some() && s < first_sep.0 {
            break;
        }
        s -= 1;
    }
    let mut items = Vec::with_capacity(n);
    let mut start = s;
    for &(p, len) in &chosen {
        items.push(Span::new(start, p));
        start = p + len;
    }
    // right end of the last item: by symmetry with the first item's last character, else at a
    // stop word or punctuation
    let right_stops = lex.pairing.role("right_stop");
    // "人均": a stop character inside a word (均) stops nothing
    let not_stops = lex.pairing.role("not_right_stop");
    let mut e = start;
    let mut stop = to;
    while e < to {
        if is_punct(chars[e])
            || (e > start
                && right_stops.at(chars, e).is_some()
                && not_stops.at(chars, e - 1).is_none())
        {
            stop = e;
            break;
        }
        e += 1;
    }
    let first = items[0];
    let mut end = stop;
    if first.end > first.start {
        let tail = chars[first.end - 1];
        if let Some(k) = (start..stop).find(|&k| chars[k] == tail) {
            end = k + 1;
        }
    }
    items.push(Span::new(start, end));
    if items
        .iter()
        .any(|sp| chars[sp.start..sp.end].iter().all(|c| c.is_whitespace()))
    {
        return None;
    }
    Some(items)
}
