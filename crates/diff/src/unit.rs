//! The units compared: articles, items, headings and paragraphs, cut from the outline that the
//! outline stage built (this crate never looks for headings itself).

use policykg_extract::Extraction;
use policykg_outline::{Outline, Parsed, Style};
use policykg_read::Span;

use crate::model::{DocInfo, Granularity, UnitKind};

/// One unit of a version: what is aligned and diffed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// The number as written ("第五条", "1．"); empty for paragraphs.
    pub number: String,
    /// Outline path ("二/（一）/1"); empty for paragraphs.
    pub path: String,
    /// The text after the number, as written: what is compared.
    pub text: String,
    /// Where `text` is in the document (characters).
    pub span: Span,
    /// A line of a cover notice (印发/转发 notice: addressees, 现印发给你们, 特此通知, its 落款
    /// and date), a status line (（征求意见稿）) or a line of the page's metadata header
    /// (标题:, 发布时间:, 原文链接: …, [`Outline::page_header`]): reported apart from the
    /// substantive rows.
    pub front: bool,
}

/// One side of a comparison: a document's header fields, its units and its extracted facts.
#[derive(Debug, Clone)]
pub struct Version {
    pub info: DocInfo,
    pub units: Vec<Unit>,
    /// Tasks, agencies, targets and amounts, with spans in the same text as the units.
    pub extraction: Option<Extraction>,
}

impl Version {
    /// A version from the pipeline's output for one document.
    pub fn new(parsed: &Parsed, extraction: &Extraction) -> Version {
        let (granularity, units) = units(parsed);
        let m = &parsed.metadata;
        let doc = &parsed.document;
        let info = DocInfo {
            source: doc.source.clone(),
            title: extraction
                .title
                .clone()
                .or_else(|| m.title.clone())
                .or_else(|| doc.field("title").map(str::to_owned)),
            status: m.status.clone(),
            date: extraction
                .date
                .clone()
                .or_else(|| m.date.clone())
                .or_else(|| m.published.clone()),
            doc_number: extraction
                .doc_number
                .clone()
                .or_else(|| m.doc_number.clone()),
            issuers: if extraction.issuers.is_empty() {
                m.issuers.clone()
            } else {
                extraction.issuers.clone()
            },
            name: m
                .cover
                .as_ref()
                .map(|c| c.title.clone())
                .or_else(|| extraction.title.clone())
                .or_else(|| m.title.clone()),
            granularity,
            units: units.len(),
        };
        Version {
            info,
            units,
            extraction: Some(extraction.clone()),
        }
    }

    /// A version from units cut by the caller (tests, tools with their own segmentation).
    pub fn from_units(
        mut info: DocInfo,
        units: Vec<Unit>,
        extraction: Option<Extraction>,
    ) -> Version {
        info.units = units.len();
        Version {
            info,
            units,
            extraction,
        }
    }
}

/// Character offsets to byte offsets of one text, in constant time per lookup.
pub(crate) struct Chars<'a> {
    text: &'a str,
    /// Byte offset of every STRIDE-th character.
    marks: Vec<usize>,
    len: usize,
}

const STRIDE: usize = 32;

impl<'a> Chars<'a> {
    pub(crate) fn new(text: &'a str) -> Chars<'a> {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len = 0;
        for (b, _) in text.char_indices() {
            if len % STRIDE == 0 {
                marks.push(b);
            }
            len += 1;
        }
        Chars { text, marks, len }
    }

    fn byte(&self, c: usize) -> usize {
        if c >= self.len {
            return self.text.len();
        }
        let start = self.marks[c / STRIDE];
        self.text[start..]
            .char_indices()
            .nth(c % STRIDE)
            .map_or(self.text.len(), |(b, _)| start + b)
    }

    pub(crate) fn slice(&self, span: Span) -> &'a str {
        let s = self.byte(span.start);
        let e = self.byte(span.end).max(s);
        &self.text[s..e]
    }

    /// `span` without white space at either end.
    pub(crate) fn trim(&self, span: Span) -> Span {
        let text = self.slice(span);
        let lead = text.chars().take_while(|c| c.is_whitespace()).count();
        let total = text.chars().count();
        if lead == total {
            return Span::new(span.start, span.start);
        }
        let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        Span::new(span.start + lead, span.start + total - trail)
    }

    /// The non-empty lines of `span`, trimmed.
    pub(crate) fn lines(&self, span: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = span.start;
        for (pos, c) in (span.start..).zip(self.slice(span).chars()) {
            if c == '\n' {
                out.push(Span::new(start, pos));
                start = pos + 1;
            }
        }
        out.push(Span::new(start, span.end.max(start)));
        out.into_iter()
            .map(|s| self.trim(s))
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Cut a parsed document into units: articles for a regulation (第X条 with everything under them),
/// items for a notice (the leaves of the outline), the headings above them (their own text
/// only), the lines of the preamble and the closing block. Under an unnumbered subheading (a
/// news article's), and in a document without an outline, each paragraph is a unit.
pub fn units(parsed: &Parsed) -> (Granularity, Vec<Unit>) {
    let text = &parsed.document.text;
    let chars = Chars::new(text);
    let outline = &parsed.outline;
    if outline.nodes.is_empty() {
        let whole = Span::new(0, chars.len);
        let mut units: Vec<Unit> = chars
            .lines(whole)
            .into_iter()
            .map(|s| line_unit(&chars, UnitKind::Paragraph, s))
            .collect();
        mark_page_header(outline, &mut units);
        return (Granularity::Paragraphs, units);
    }
    let articles = outline.nodes.iter().any(|n| n.style == Style::Article);
    let mut units = Vec::with_capacity(outline.nodes.len() + 8);
    for s in chars.lines(clamp(outline.preamble, chars.len)) {
        units.push(line_unit(&chars, UnitKind::Preamble, s));
    }
    for (id, node) in outline.nodes.iter().enumerate() {
        if articles && under_article(outline, id) {
            continue;
        }
        let whole = if articles && node.style == Style::Article {
            Some(UnitKind::Article)
        } else if node.children.is_empty() {
            Some(UnitKind::Item)
        } else {
            None
        };
        let (kind, end) = match whole {
            Some(kind) => (kind, node.span.end),
            None => (
                UnitKind::Heading,
                node.children
                    .first()
                    .and_then(|&c| outline.nodes.get(c))
                    .map_or(node.span.end, |c| c.span.start),
            ),
        };
        if node.style == Style::Plain {
            // An unnumbered subheading (news articles, web pages): its paragraphs are separate
            // measures, so each is a unit of its own under the subheading.
            let heading = chars.trim(clamp(node.heading_span, chars.len));
            units.push(Unit {
                kind: UnitKind::Heading,
                number: String::new(),
                path: node.path.clone(),
                text: chars.slice(heading).to_owned(),
                span: heading,
                front: false,
            });
            for (k, p) in node.paragraphs.iter().enumerate() {
                let span = chars.trim(clamp(*p, chars.len));
                if span.is_empty() || span.end > end {
                    continue;
                }
                units.push(Unit {
                    kind: UnitKind::Paragraph,
                    number: String::new(),
                    path: format!("{}¶{}", node.path, k + 1),
                    text: chars.slice(span).to_owned(),
                    span,
                    front: false,
                });
            }
            continue;
        }
        let start = node.number_span.end.max(node.span.start);
        let span = chars.trim(clamp(Span::new(start, end.max(start)), chars.len));
        units.push(Unit {
            kind,
            number: node.number.clone(),
            path: node.path.clone(),
            text: chars.slice(span).to_owned(),
            span,
            front: false,
        });
    }
    if !outline.closing.is_empty() {
        for s in chars.lines(clamp(outline.closing, chars.len)) {
            units.push(line_unit(&chars, UnitKind::Closing, s));
        }
    }
    mark_cover(parsed, &chars, &mut units);
    mark_page_header(outline, &mut units);
    let granularity = if articles {
        Granularity::Articles
    } else {
        Granularity::Items
    };
    (granularity, units)
}

fn clamp(span: Span, len: usize) -> Span {
    let end = span.end.min(len);
    Span::new(span.start.min(end), end)
}

fn under_article(outline: &Outline, id: usize) -> bool {
    outline
        .ancestry(id)
        .skip(1)
        .any(|(_, n)| n.style == Style::Article)
}

fn line_unit(chars: &Chars, kind: UnitKind, span: Span) -> Unit {
    let text = chars.slice(span).to_owned();
    Unit {
        kind,
        number: String::new(),
        path: String::new(),
        front: is_status_line(&text),
        text,
        span,
    }
}

/// The diff's status words (`crates/diff/data/front_words.tsv`).
const FRONT_WORDS: &str = include_str!("../data/front_words.tsv");
const FRONT_WORDS_FILE: &str = "crates/diff/data/front_words.tsv";

fn status_words() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        policykg_text::lines::rows(FRONT_WORDS, FRONT_WORDS_FILE, &["word", "role"])
            .expect("the bundled front_words.tsv is valid (checked by a test)")
            .into_iter()
            .filter(|r| r.cell(1) == "status")
            .map(|r| r.cell(0).to_owned())
            .collect()
    })
}

/// A line saying the text's stage: a status word alone or ending the text in round brackets.
pub fn is_status_line(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = squeezed
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']));
    match inner {
        Some(inner) => status_words().iter().any(|w| inner.ends_with(w.as_str())),
        None => status_words().contains(&squeezed),
    }
}

/// Mark the lines of the page's metadata header: what the page says about the text (its
/// address, when it was posted), not what the text says.
fn mark_page_header(outline: &Outline, units: &mut [Unit]) {
    let header = outline.page_header;
    for u in units.iter_mut() {
        let line = matches!(u.kind, UnitKind::Preamble | UnitKind::Paragraph);
        if line && !header.is_empty() && u.span.end <= header.end {
            u.front = true;
        }
    }
}

/// Mark the lines of a cover notice that carries the document (印发/转发 … 《X》, X following):
/// every preamble line before the carried document's title, and the part before it of a line
/// holding both (a web page run together on one line), which is cut there.
fn mark_cover(parsed: &Parsed, chars: &Chars, units: &mut Vec<Unit>) {
    let Some(cover) = parsed.metadata.cover.as_ref().filter(|c| c.included) else {
        return;
    };
    let Some(title_at) = carried_title_at(&parsed.document.text, &cover.title, cover.span.end)
    else {
        return;
    };
    let mut out = Vec::with_capacity(units.len() + 1);
    for u in units.drain(..) {
        if u.kind != UnitKind::Preamble || u.span.start >= title_at {
            out.push(u);
        } else if u.span.end <= title_at {
            out.push(Unit { front: true, ..u });
        } else {
            let head = chars.trim(Span::new(u.span.start, title_at));
            let tail = chars.trim(Span::new(title_at, u.span.end));
            for (span, front) in [(head, true), (tail, false)] {
                if !span.is_empty() {
                    out.push(Unit {
                        text: chars.slice(span).to_owned(),
                        span,
                        front: front || is_status_line(chars.slice(span)),
                        ..u.clone()
                    });
                }
            }
        }
    }
    *units = out;
}

/// Where the carried document's own title starts (characters): its first occurrence after
/// the cover sentence that is not a citation (《X》). Titles are compared without white space,
/// as page copies break them ("…国有划拨 建设用地…").
fn carried_title_at(text: &str, title: &str, from: usize) -> Option<usize> {
    let want: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    let first = *want.first()?;
    let chars: Vec<char> = text.chars().collect();
    (from..chars.len()).find(|&k| {
        chars[k] == first && (k == 0 || chars[k - 1] != '《') && {
            let mut it = chars[k..].iter().filter(|c| !c.is_whitespace());
            want.iter().all(|w| it.next() == Some(w))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_slice_trim_and_lines() {
        let text = "第一条 总则\n\n  本条例适用于本市。 \n第二条";
        let c = Chars::new(text);
        assert_eq!(c.slice(Span::new(4, 6)), "总则");
        let lines: Vec<&str> = c
            .lines(Span::new(0, text.chars().count()))
            .into_iter()
            .map(|s| c.slice(s))
            .collect();
        assert_eq!(lines, ["第一条 总则", "本条例适用于本市。", "第二条"]);
        assert_eq!(c.trim(Span::new(6, 9)), Span::new(6, 6));
        // Past the end is clamped to the end.
        assert_eq!(c.slice(Span::new(21, 99)), "第二条");
    }

    #[test]
    fn a_document_without_outline_is_cut_into_paragraphs() {
        let doc = policykg_read::read_bytes(
            "news.txt",
            "推进补链强链工程。\n\n发挥基金引导作用。\n".as_bytes(),
            &policykg_read::Limits::default(),
        )
        .expect("read");
        let parsed = Parsed {
            document: doc,
            outline: Outline::default(),
            metadata: Default::default(),
            warnings: Vec::new(),
        };
        let (g, units) = units(&parsed);
        assert_eq!(g, Granularity::Paragraphs);
        let texts: Vec<(&str, Span)> = units.iter().map(|u| (u.text.as_str(), u.span)).collect();
        assert_eq!(
            texts,
            [
                ("推进补链强链工程。", Span::new(0, 9)),
                ("发挥基金引导作用。", Span::new(11, 20))
            ]
        );
    }
}
