//! Unnumbered subheadings: short title-shaped lines, looked for only in documents without a
//! formal numbering.

use policykg_ontology::Ontology;

use crate::numbering::number_at;
use crate::text::Text;
use crate::Style;

/// Styles that give a document a formal structure; documents with none of them may have
/// unnumbered subheadings.
pub(super) const FORMAL: &[Style] = &[
    Style::CnComma,
    Style::Part,
    Style::Chapter,
    Style::Section,
    Style::Article,
    Style::Decimal,
];

/// Whether content `s` has the shape of an unnumbered subheading.
/// Lines starting with a `not_subheading` word of the ontology (图为, 来源, 记者 …) are captions
/// and bylines, not subheadings.
fn plain_shape(s: &str, ontology: &Ontology) -> bool {
    let n = s.chars().count();
    (4..=25).contains(&n)
        && s.chars().filter(|&c| crate::docnum::is_han(c)).count() >= 4
        && !s.ends_with([
            '。', '！', '？', '；', '：', '，', '、', '.', ',', ':', ';', '!', '?', '…',
        ])
        && !s.contains(['。', '：', ':'])
        && number_at(s).is_none()
        && crate::date::find_date(s).is_none()
        && !ontology
            .words
            .not_subheadings
            .iter()
            .any(|p| s.starts_with(p.as_str()))
}

/// Lines of unnumbered subheadings: short title-shaped lines between a finished paragraph and a
/// longer one, not the first line of the text (its title). At least two are needed.
pub(super) fn plain_headings(t: &Text, end: usize, ontology: &Ontology) -> Vec<usize> {
    let lines: Vec<(usize, &str)> = (0..end)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, &t.line(i)[lo..hi])))
        .collect();
    let mut found = Vec::new();
    for k in 1..lines.len().saturating_sub(1) {
        let (i, s) = lines[k];
        let prev = lines[k - 1].1;
        let next = lines[k + 1].1;
        if plain_shape(s, ontology)
            && prev.ends_with(['。', '！', '？', '”', '）'])
            && next.chars().count() > s.chars().count()
            && !plain_shape(next, ontology)
        {
            found.push(i);
        }
    }
    if found.len() < 2 {
        found.clear();
    }
    found
}
