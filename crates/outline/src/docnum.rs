//! 文号 (document numbers): 皖政〔2018〕46号, 晋医保发〔2021〕14号, 国发〔2018〕39号,
//! 工信部企业〔2013〕264号, with 〔〕 [] ［］ 【】 （） () brackets, in normalised text.

use policykg_ontology::Ontology;

/// Brackets around the year.
fn closing_bracket(open: char) -> Option<&'static [char]> {
    Some(match open {
        '〔' | '[' | '［' | '【' | '（' | '(' => &['〕', ']', '］', '】', '）', ')'],
        _ => return None,
    })
}

pub(crate) use policykg_text::is_han;

/// Longest prefix kept (in characters): the longest real prefixes (国办发明电, 工信部企业,
/// 皖发改产业) are well within it.
const MAX_PREFIX: usize = 10;

/// The year-bracket-number-号 tail of a 文号 starting at the opening bracket `s[0]`: its length in
/// bytes.
fn tail_at(s: &str) -> Option<usize> {
    let open = s.chars().next()?;
    let closers = closing_bracket(open)?;
    let mut at = open.len_utf8();
    let b = s.as_bytes();
    if b.len() < at + 4 || !b[at..at + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: u32 = s[at..at + 4].parse().ok()?;
    if !(1949..=2100).contains(&year) {
        return None;
    }
    at += 4;
    let close = s[at..].chars().next()?;
    if !closers.contains(&close) {
        return None;
    }
    at += close.len_utf8();
    if s[at..].starts_with('第') {
        at += '第'.len_utf8();
    }
    let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=5).contains(&digits) {
        return None;
    }
    at += digits;
    // One space before 号, as text copied out of a PDF has it ("3 号").
    if s[at..].starts_with(" 号") {
        at += 1;
    }
    s[at..].starts_with('号').then_some(at + '号'.len_utf8())
}

/// Start (byte) of the prefix of a 文号 whose bracket is at `bracket` in `s`, not before `floor`;
/// `None` when there is no prefix. The `citation_lead` words of the ontology ("根据国发〔2018〕39号"
/// has the prefix 国发) introduce the number rather than belong to it.
fn prefix_start(s: &str, floor: usize, bracket: usize, ontology: &Ontology) -> Option<usize> {
    let mut start = bracket;
    for (n, (i, c)) in s[floor..bracket].char_indices().rev().enumerate() {
        let i = floor + i;
        if !is_han(c) || n == MAX_PREFIX {
            break;
        }
        start = i;
    }
    // "…人民政府要按照国办发〔1993〕71号": a word of two or more characters that introduces the
    // number ends whatever stands before it in the sentence (one-character words such as 和 or
    // 见 only where they open the run, below); so does the end of a title run into the number
    // on a page ("…若干措施的通知闽政办〔2023〕2号": 的 and a document type, as 发改规划 is no title).
    let run = &s[start..bracket];
    let leads = ontology
        .words
        .citation_leads
        .iter()
        .filter(|w| w.chars().count() >= 2)
        .filter_map(|w| run.rfind(w.as_str()).map(|i| i + w.len()));
    let titles = ontology
        .words
        .document_types
        .iter()
        .filter(|t| t.chars().count() >= 2)
        .filter_map(|t| {
            run.match_indices(t.as_str())
                .filter(|(i, _)| run[..*i].ends_with('的'))
                .last()
                .map(|(i, _)| i + t.len())
        });
    if let Some(end) = leads.chain(titles).filter(|&e| e < run.len()).max() {
        start += end;
    }
    // Drop words that introduce the number rather than belong to it.
    'strip: loop {
        for w in &ontology.words.citation_leads {
            if s[start..bracket].starts_with(w) && s[start..bracket].len() > w.len() {
                start += w.len();
                continue 'strip;
            }
        }
        break;
    }
    (start < bracket).then_some(start)
}

/// The opening bracket ending just before byte `at` of `s`: its start.
fn opening_before(s: &str, at: usize) -> Option<usize> {
    let c = s[..at].chars().next_back()?;
    closing_bracket(c).map(|_| at - c.len_utf8())
}

/// Every 文号 in `s`, as byte ranges, in order.
///
/// Anchored on 号 (found with SIMD search), then read backwards: digits, a closing bracket, a
/// four-digit year, an opening bracket, and the prefix; the whole tail is then checked
/// forwards. 号 is rare enough that this touches a small part of the text.
pub fn find_doc_numbers(s: &str, ontology: &Ontology) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = s.as_bytes();
    for hao in memchr::memmem::find_iter(b, "号".as_bytes()) {
        let hao = if hao > 0 && b[hao - 1] == b' ' {
            hao - 1
        } else {
            hao
        };
        let digits = b[..hao]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=5).contains(&digits) {
            continue;
        }
        let mut at = hao - digits;
        if s[..at].ends_with('第') {
            at -= '第'.len_utf8();
        }
        let Some(close) = s[..at].chars().next_back() else {
            continue;
        };
        if !matches!(close, '〕' | ']' | '］' | '】' | '）' | ')') {
            continue;
        }
        at -= close.len_utf8();
        if at < 4 || !b[at - 4..at].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let Some(open) = opening_before(s, at - 4) else {
            continue;
        };
        if open < from {
            continue;
        }
        let Some(len) = tail_at(&s[open..]) else {
            continue;
        };
        if let Some(start) = prefix_start(s, from, open, ontology) {
            out.push((start, open + len));
            from = open + len;
        }
    }
    out
}

/// Whether the whole of `s` (spaces around allowed) is one 文号; returns its byte range.
pub fn whole_doc_number(s: &str, ontology: &Ontology) -> Option<(usize, usize)> {
    let lo = s.len() - s.trim_start().len();
    let hi = s.trim_end().len();
    if hi <= lo {
        return None;
    }
    let t = &s[lo..hi];
    let found = find_doc_numbers(t, ontology);
    match found.as_slice() {
        [(0, end)] if *end == t.len() => Some((lo, hi)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<&str> {
        find_doc_numbers(s, Ontology::bundled())
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn variants() {
        assert_eq!(all("皖政〔2018〕46号"), ["皖政〔2018〕46号"]);
        assert_eq!(all("（晋医保发[2021]14号）"), ["晋医保发[2021]14号"]);
        assert_eq!(all("国发（2018）39号"), ["国发（2018）39号"]);
        assert_eq!(all("工信部企业【2013】264号"), ["工信部企业【2013】264号"]);
        assert_eq!(all("国办发(2019)第5号"), ["国办发(2019)第5号"]);
        // Copied out of a PDF: one space before 号.
        assert_eq!(all("余府发〔2012〕3 号"), ["余府发〔2012〕3 号"]);
        assert!(all("余府发〔2012〕3  号").is_empty());
    }

    #[test]
    fn in_running_text() {
        assert_eq!(
            all("根据国发〔2018〕39号和皖政〔2018〕46号文件"),
            ["国发〔2018〕39号", "皖政〔2018〕46号"]
        );
        assert_eq!(
            all("《关于促进中小企业“专精特新”发展的指导意见》（工信部企业〔2013〕264号）"),
            ["工信部企业〔2013〕264号"]
        );
        // A sentence runs into the number (dev 011): what stands before the word introducing
        // it is no part of its prefix.
        assert_eq!(
            all(
                "承办的有关省（市）人民政府要按照国办发〔1993〕71号文件，要根据中发〔1994〕8号文件"
            ),
            ["国办发〔1993〕71号", "中发〔1994〕8号"]
        );
        // A page's title run into the number (dev 047); a prefix holding a document type stays
        assert_eq!(
            all("若干措施的通知闽政办〔2023〕2号 各市"),
            ["闽政办〔2023〕2号"]
        );
        assert_eq!(all("发改规划〔2019〕1234号"), ["发改规划〔2019〕1234号"]);
        // A red header's 文件 run into the number (dev 030 copied out of a PDF).
        assert_eq!(
            all("区管委会办公室文件岚综管办〔2020〕31 号 平潭"),
            ["岚综管办〔2020〕31 号"]
        );
        assert!(all("（2018）年度").is_empty());
        assert!(all("〔2018〕46号").is_empty());
        assert!(all("到2025年（2025）").is_empty());
    }

    #[test]
    fn whole_lines() {
        assert!(whole_doc_number("国发〔2018〕39号", Ontology::bundled()).is_some());
        assert!(whole_doc_number(" 国发〔2018〕39号 ", Ontology::bundled()).is_some());
        assert!(whole_doc_number("根据国发〔2018〕39号", Ontology::bundled()).is_none());
        assert!(whole_doc_number("\u{b}\n", Ontology::bundled()).is_none());
    }
}
