//! What a document says about itself: title, status, issuers, date, 文号, addressees,
//! jurisdiction, cover notice, regulation history and cited documents.
//!
//! Sources, strongest first (each field records its [`Source`]):
//! - **title**: the carried document of a 印发 cover notice when its text follows; the page
//!   table's 标题; the title lines at the top of the text (joined when wrapped, the status line
//!   "（征求意见稿）" kept apart, a newspaper dateline cut off); the front matter's `title`; the HTML
//!   `<title>`.
//! - **issuers**: the page table's 发文机关; the 落款 (issuer lines above the closing date, or
//!   above the date of a cover notice); the "XX关于…" part of the title; the body that adopted a
//!   regulation ("上海市第十五届人民代表大会常务委员会第二十次会议通过" → 上海市人民代表大会常务委员会).
//! - **date** (成文日期): the 落款 date; the page table's 成文日期; the last adoption or
//!   amendment of a regulation; then a publication date (发布日期, front matter `date`, a
//!   newspaper dateline), which is also kept in `published`.
//! - **doc_number**: the page table's 发文字号; a line holding only a 文号 near the top.
//! - **jurisdiction**: the issuers; the 文号 prefix (皖 → 安徽省); the title; the place most
//!   mentioned in the text (a city counts for its province; chosen only when clearly ahead).
//!
//! Nothing is invented: a field with no evidence stays `None`.

use std::collections::HashMap;

use policykg_ontology::{LabelField, Level, MarkerMeaning, Ontology};
use policykg_read::{Document, FieldOrigin, Span, Warning};

use crate::agency::{agency_list, looks_like_agency};
use crate::cite::{citations, Own};
use crate::date::date_at;
use crate::numbering::number_at;
use crate::text::{is_space, Text};
use crate::tree::{issuer_and_date, Layout};
use crate::{Cover, HistoryEntry, Metadata, Source};

pub use crate::date::{find_date, parse_date, Date};
pub use crate::docnum::{find_doc_numbers, whole_doc_number};

/// Only this many content lines at the top are searched for title lines.
const TOP_LINES: usize = 16;
/// Place mentions are counted in this many bytes of text at most.
const MENTION_BYTES: usize = 256 * 1024;
/// Longest line read as a title, status, 文号 or addressee line (characters).
const SHORT_LINE: usize = 200;

fn field<'a>(doc: &'a Document, origin: FieldOrigin, keys: &[&str]) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == origin && keys.contains(&f.key.as_str()) && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}

/// The first page-table field whose label fills `target` (`ontology/documents/page_labels.tsv`).
fn table_field<'a>(doc: &'a Document, ontology: &Ontology, target: LabelField) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == FieldOrigin::PageTable
                && ontology.page_labels.field(&f.key) == Some(target)
                && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}

/// Whether a title ends with a `doc_type` word of the ontology (通知, 意见, 办法 …).
fn ends_with_doc_type(title: &str, ontology: &Ontology) -> bool {
    // "…管理办法（试行）": look before a trailing parenthesis.
    let mut t = title.trim_end();
    if t.ends_with(['）', ')']) {
        if let Some(i) = t.rfind(['（', '(']) {
            t = &t[..i];
        }
    }
    ontology
        .words
        .document_types
        .iter()
        .any(|d| t.ends_with(d.as_str()))
}

/// A status line: "（征求意见稿）", "(送审稿)", "（草案）".
fn status_of(s: &str) -> Option<&str> {
    let inner = s
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    (inner.ends_with('稿') || inner == "草案" || inner == "草案修改稿").then_some(inner)
}

/// A line that can be (part of) a title.
fn title_like(s: &str) -> bool {
    let n = s.chars().count();
    (2..=60).contains(&n)
        && !s.ends_with(['。', '；', '：', ':', '，', ',', '、'])
        && !s.contains(['。', '：'])
        && s.chars().any(crate::docnum::is_han)
        && number_at(s).is_none()
        && parse_date(s).is_none()
        && s != "---"
}

/// An addressee (主送) line: "各市人民政府，省政府各部门、各直属机构：".
fn addressee_line(s: &str, ontology: &Ontology) -> bool {
    let n = s.chars().count();
    n <= SHORT_LINE
        && s.ends_with(['：', ':'])
        && !s.contains('。')
        && (s.starts_with('各')
            || ontology
                .words
                .addressee_words
                .iter()
                .any(|w| s.contains(w.as_str())))
}

/// Split an addressee line into names. A group splits on 、 when every part is a complete name:
/// it ends with an agency or generic suffix of `ontology/agencies/markers.tsv` (so that
/// "省政府各部门、各直属机构" splits but "各省、自治区、直辖市人民政府" and "各县、区人民政府" do not).
pub fn addressees(line: &str, ontology: &Ontology) -> Vec<String> {
    let complete_name = |p: &str| {
        p.chars().count() >= 2
            && ontology
                .gazetteer
                .markers(MarkerMeaning::Agency)
                .chain(ontology.gazetteer.markers(MarkerMeaning::Generic))
                .any(|e| p.ends_with(e))
    };
    let line = line.trim().trim_end_matches(['：', ':']);
    let mut out = Vec::new();
    for group in line.split(['，', ',', '；', ';']) {
        let group = group.trim();
        if group.is_empty() {
            continue;
        }
        let parts: Vec<&str> = group.split('、').map(str::trim).collect();
        let complete = parts.len() > 1 && parts.iter().all(|p| complete_name(p));
        if complete {
            out.extend(parts.iter().map(|p| (*p).to_owned()));
        } else {
            out.push(group.to_owned());
        }
    }
    out
}

/// A regulation's adoption or amendment line: "2020年4月10日 上海市…会议通过", possibly in
/// brackets ("（2020年4月10日…通过）"): the date and the byte range of the event text.
fn history_line(s: &str, ontology: &Ontology) -> Option<(Date, usize, usize)> {
    let lo = s.len() - s.trim_start_matches(['（', '(']).len();
    let (date, len) = date_at(&s[lo..])?;
    let ev_lo = lo + len;
    let ev_lo = ev_lo + (s[ev_lo..].len() - s[ev_lo..].trim_start_matches(is_space).len());
    let ev = s[ev_lo..].trim_end_matches(is_space);
    let ev = ev
        .strip_suffix(['）', ')'])
        .unwrap_or(ev)
        .trim_end_matches(is_space);
    let verbs = &ontology.words.history_verbs;
    (verbs.iter().any(|v| ev.contains(v.as_str())) && !ev.is_empty()).then_some((
        date,
        ev_lo,
        ev_lo + ev.len(),
    ))
}

/// The body that adopted a regulation, from its adoption line:
/// "上海市第十五届人民代表大会常务委员会第二十次会议通过" → "上海市人民代表大会常务委员会".
fn adopting_body(event: &str, ontology: &Ontology) -> Option<String> {
    let meeting = event.find("次会议")?;
    let before = &event[..meeting];
    // Cut the session number "第二十" before 次会议.
    let cut = before.rfind('第')?;
    let mut body = before[..cut].to_owned();
    // Remove the term "第十五届".
    if let (Some(a), Some(b)) = (body.find('第'), body.find('届')) {
        if a < b {
            body.replace_range(a..b + '届'.len_utf8(), "");
        }
    }
    looks_like_agency(&body, ontology).then_some(body)
}

/// The issuers named before 关于 in a title: "国务院关于…" → ["国务院"].
fn issuers_in_title(title: &str, ontology: &Ontology) -> Option<Vec<String>> {
    let i = title.find("关于")?;
    let list = agency_list(title[..i].trim(), ontology)?;
    Some(list.into_iter().map(str::to_owned).collect())
}

/// Everything found in the lines above the first heading.
#[derive(Debug, Default)]
struct Top {
    title: Option<(String, Span)>,
    status: Option<String>,
    doc_number: Option<String>,
    addressees: Option<Vec<String>>,
    dateline: Option<Date>,
    history: Vec<HistoryEntry>,
    /// A 落款 (issuer lines and date) inside the preamble, as after a cover notice.
    signature: Option<(Vec<String>, Date)>,
    cover: Option<Cover>,
    /// A red-header line "安徽省人民政府办公厅文件".
    header_issuers: Option<Vec<String>>,
}

fn read_top(t: &Text, layout: &Layout, ontology: &Ontology) -> Top {
    let mut top = Top::default();
    let end = layout.first_head_line.min(layout.closing.start);
    // Content lines of the preamble, as (line, normalised content).
    let lines: Vec<(usize, usize, usize)> = (0..end)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, lo, hi)))
        .collect();
    let text_of = |&(i, lo, hi): &(usize, usize, usize)| &t.line(i)[lo..hi];
    let orig_of = |&(i, lo, hi): &(usize, usize, usize)| t.line_str(i, lo, hi);

    // Title lines, status, 文号, addressees, history and dateline at the very top.
    let mut title_parts: Vec<(usize, usize, usize)> = Vec::new();
    let mut title_done = false;
    let mut prev_line: Option<usize> = None;
    for l in lines.iter().take(TOP_LINES) {
        let s = text_of(l);
        let short = s.len() <= SHORT_LINE * 3;
        // A blank line ends a title run.
        if prev_line.is_some_and(|p| p + 1 != l.0) && !title_parts.is_empty() {
            title_done = true;
        }
        prev_line = Some(l.0);
        if !short {
            break;
        }
        if s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 3 || s == "---" {
            continue; // a page number, a front-matter fence
        }
        if status_of(s).is_some() {
            top.status.get_or_insert_with(|| {
                let o = orig_of(l).trim();
                o.trim_matches(['（', '）', '(', ')']).trim().to_owned()
            });
            title_done |= !title_parts.is_empty();
            continue;
        }
        if whole_doc_number(s, ontology).is_some() {
            if top.doc_number.is_none() {
                top.doc_number = Some(orig_of(l).trim().to_owned());
            }
            title_done |= !title_parts.is_empty();
            continue;
        }
        if let Some((date, lo, hi)) = history_line(s, ontology) {
            let (i, llo, _) = *l;
            let span = t.line_span(i, llo + lo, llo + hi);
            top.history.push(HistoryEntry {
                date: date.iso(),
                event: t.line_str(i, llo + lo, llo + hi).to_owned(),
                span,
            });
            title_done = true;
            continue;
        }
        if addressee_line(s, ontology) {
            top.addressees
                .get_or_insert_with(|| addressees(orig_of(l), ontology));
            title_done = true;
            continue;
        }
        if let Some(who) = s
            .strip_suffix("文件")
            .and_then(|w| agency_list(w, ontology))
        {
            top.header_issuers
                .get_or_insert_with(|| who.iter().map(|w| (*w).to_owned()).collect());
            continue;
        }
        if !title_done && title_parts.is_empty() {
            // A newspaper title line with its dateline: "标题 2025年05月16日 本报记者 …".
            if let Some((at, date, _)) = find_date(s) {
                let before = s[..at].trim_end_matches(is_space);
                if at > 0 && title_like(before) {
                    let (i, lo, _) = *l;
                    let span = t.line_span(i, lo, lo + before.len());
                    top.title = Some((t.line_str(i, lo, lo + before.len()).to_owned(), span));
                    top.dateline = Some(date);
                    title_done = true;
                    continue;
                }
            }
        }
        if !title_done && title_like(s) {
            title_parts.push(*l);
            let joined: usize = title_parts.iter().map(|p| text_of(p).chars().count()).sum();
            if ends_with_doc_type(s, ontology) || joined > 80 {
                title_done = true;
            }
            continue;
        }
        // A date line or running text ends the title lines.
        title_done = true;
    }
    if top.title.is_none() && !title_parts.is_empty() {
        let first = title_parts[0];
        let last = title_parts[title_parts.len() - 1];
        let mut title = String::new();
        for p in &title_parts {
            title.push_str(orig_of(p).trim());
        }
        let span = Span::new(
            t.line_span(first.0, first.1, first.2).start,
            t.line_span(last.0, last.1, last.2).end,
        );
        top.title = Some((title, span));
    }

    // A 落款 inside the preamble (issuer lines, then a date line), and a cover notice.
    for (k, l) in lines.iter().enumerate() {
        let s = text_of(l);
        if s.len() > SHORT_LINE * 3 {
            if top.cover.is_none() {
                top.cover = cover_in(t, l, ontology);
            }
            continue;
        }
        if top.signature.is_none() {
            top.signature = signature_at(t, &lines, k, ontology);
        }
        if top.cover.is_none() {
            top.cover = cover_in(t, l, ontology);
        }
    }
    if let Some(cover) = &mut top.cover {
        // The carried document is included when its title stands on a line of its own after
        // the cover sentence.
        cover.included = lines.iter().any(|l| {
            let line_span = t.line_span(l.0, l.1, l.2);
            line_span.start > cover.span.end && orig_of(l).trim() == cover.title
        });
    }
    top
}

/// Issuers and date of a 落款.
type Signature = (Vec<String>, Date);

/// A 落款 ending at content line `k` of `lines` ((line, content start, content end) in order):
/// a line with issuers and date together, or a date line under up to three issuer lines.
fn signature_at(
    t: &Text,
    lines: &[(usize, usize, usize)],
    k: usize,
    ontology: &Ontology,
) -> Option<Signature> {
    let text_of = |&(i, lo, hi): &(usize, usize, usize)| &t.line(i)[lo..hi];
    let s = text_of(&lines[k]);
    if s.len() > SHORT_LINE {
        return None;
    }
    if let Some((who, date)) = issuer_and_date(s, ontology) {
        let names = agency_list(who, ontology)?;
        return Some((names.iter().map(|n| (*n).to_owned()).collect(), date));
    }
    let date = parse_date(s)?;
    let mut names: Vec<String> = Vec::new();
    for p in lines[..k].iter().rev().take(3) {
        // Issuer lines stand right above the date (a blank line or two allowed).
        match agency_list(text_of(p), ontology) {
            Some(list) if p.0 + 3 >= lines[k].0 => {
                let mut v: Vec<String> = list.iter().map(|n| (*n).to_owned()).collect();
                v.append(&mut names);
                names = v;
            }
            _ => break,
        }
    }
    (!names.is_empty()).then_some((names, date))
}

/// The last 落款 between the first heading and the closing block: the signature of a notice
/// followed by attachments (附件), which the closing block at the end of the text cannot see.
fn body_signature(t: &Text, layout: &Layout, ontology: &Ontology) -> Option<Signature> {
    let lines: Vec<(usize, usize, usize)> = (layout.first_head_line..layout.closing.start)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, lo, hi)))
        .collect();
    (0..lines.len())
        .rev()
        .find_map(|k| signature_at(t, &lines, k, ontology))
}

/// A cover-notice sentence on line `l`: "现将《X》（文号）印发给你们".
fn cover_in(t: &Text, l: &(usize, usize, usize), ontology: &Ontology) -> Option<Cover> {
    let &(i, lo, hi) = l;
    let s = &t.line(i)[lo..hi];
    if !(s.contains("现将") || s.contains("你们")) {
        return None;
    }
    let open = s.find('《')?;
    let mut depth = 0;
    let mut close = None;
    for (j, c) in s[open..].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + j);
                    break;
                }
            }
            _ => {}
        }
        if j > 600 {
            return None;
        }
    }
    let close = close?;
    let title = t.line_str(i, lo + open + '《'.len_utf8(), lo + close);
    let mut after = close + '》'.len_utf8();
    let mut doc_number = None;
    if s[after..].starts_with(['（', '(']) {
        if let Some(end) = s[after..].find(['）', ')']) {
            let paren = &s[after..after + end];
            if let Some(&(a, b)) = find_doc_numbers(paren, ontology).first() {
                doc_number = Some(t.line_str(i, lo + after + a, lo + after + b).to_owned());
            }
            let close_len = s[after + end..].chars().next().map_or(1, char::len_utf8);
            after += end + close_len;
        }
    }
    let window: String = s[after.min(s.len())..].chars().take(12).collect();
    let action = ontology
        .words
        .cover_verbs
        .iter()
        .find(|v| window.contains(v.as_str()))?;
    let sentence_end = s[close..]
        .find('。')
        .map_or(hi, |e| lo + close + e + '。'.len_utf8());
    let sentence_start = s[..open]
        .rfind('。')
        .map_or(lo, |e| lo + e + '。'.len_utf8());
    Some(Cover {
        action: action.clone(),
        title: title.to_owned(),
        notice_title: None,
        doc_number,
        included: false,
        span: t.line_span(i, sentence_start, sentence_end),
    })
}

/// The 落款 of the closing block.
fn closing_signature(
    t: &Text,
    layout: &Layout,
    ontology: &Ontology,
) -> (Vec<String>, Option<Date>) {
    let c = &layout.closing;
    let mut issuers = Vec::new();
    for &i in &c.issuer_lines {
        if let Some((lo, hi)) = t.content(i) {
            let s = &t.line(i)[lo..hi];
            let who = issuer_and_date(s, ontology).map_or(s, |(w, _)| w);
            if let Some(list) = agency_list(who, ontology) {
                issuers.extend(list.iter().map(|n| (*n).to_owned()));
            }
        }
    }
    let date = c.date_line.and_then(|i| {
        let (lo, hi) = t.content(i)?;
        let s = &t.line(i)[lo..hi];
        parse_date(s).or_else(|| issuer_and_date(s, ontology).map(|(_, d)| d))
    });
    (issuers, date)
}

/// The place most mentioned in the text, when clearly ahead of the others (a city counts for
/// its province too; the city is chosen over its province only when the province is never named).
fn jurisdiction_from_body(t: &Text, ontology: &Ontology) -> Option<String> {
    let j = &ontology.jurisdictions;
    let mut text = t.norm_text();
    if text.len() > MENTION_BYTES {
        let mut cut = MENTION_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
    }
    let mut own: HashMap<&str, usize> = HashMap::new();
    let mut province: HashMap<&str, usize> = HashMap::new();
    for (_, place, _) in j.mentions(text) {
        if place.level == Level::National {
            continue;
        }
        *own.entry(place.name.as_str()).or_default() += 1;
        let prov = j
            .ancestry(place)
            .find(|a| a.level == Level::Province)
            .unwrap_or(place);
        *province.entry(prov.name.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = province.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (best, count) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1);
    if count < 2 || count < 2 * runner_up.max(1) && runner_up > 0 {
        return None;
    }
    if own.get(best).copied().unwrap_or(0) == 0 {
        // Only cities of that province are named: one city clearly ahead is the answer.
        let mut cities: Vec<(&str, usize)> = own
            .iter()
            .filter(|(name, _)| {
                j.get(name)
                    .is_some_and(|c| j.ancestry(c).any(|a| a.name == best))
            })
            .map(|(n, c)| (*n, *c))
            .collect();
        cities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if let [(city, c), rest @ ..] = cities.as_slice() {
            if rest.is_empty() || *c >= 2 * rest[0].1 {
                return Some((*city).to_owned());
            }
        }
    }
    Some(best.to_owned())
}

/// Read the metadata of a document. `warnings` receives conflicts between sources.
pub(crate) fn extract(
    t: &Text,
    layout: &Layout,
    doc: &Document,
    ontology: &Ontology,
    warnings: &mut Vec<Warning>,
) -> Metadata {
    let mut m = Metadata::default();
    let top = read_top(t, layout, ontology);
    let table = |target: LabelField| table_field(doc, ontology, target);
    let front = |keys: &[&str]| field(doc, FieldOrigin::FrontMatter, keys);
    let head = |keys: &[&str]| field(doc, FieldOrigin::HtmlHead, keys);

    // Title.
    let own_title_in_text = top.title.as_ref().map(|(s, _)| s.clone());
    let notice_title = table(LabelField::Title)
        .map(|s| (s.to_owned(), Source::PageTable))
        .or_else(|| own_title_in_text.clone().map(|s| (s, Source::TitleLine)))
        .or_else(|| front(&["title", "标题"]).map(|s| (s.to_owned(), Source::FrontMatter)))
        .or_else(|| head(&["title"]).map(|s| (s.to_owned(), Source::HtmlHead)));
    match &top.cover {
        Some(c) if c.included => {
            m.title = Some(c.title.clone());
            m.sources.title = Some(Source::CoverNotice);
        }
        _ => {
            if let Some((title, source)) = notice_title.clone() {
                m.title = Some(title);
                m.sources.title = Some(source);
            }
        }
    }
    m.status = top.status.clone();

    // Issuers. The 落款: at the end of the text, else before attachments, else the one of a
    // cover notice in the preamble.
    let (closing_issuers, closing_date) = closing_signature(t, layout, ontology);
    let signature: Option<Signature> = match closing_date {
        Some(date) if !closing_issuers.is_empty() => Some((closing_issuers, date)),
        _ => body_signature(t, layout, ontology).or_else(|| top.signature.clone()),
    };
    let signature_date = signature.as_ref().map(|(_, d)| *d).or(closing_date);
    let issuers_and_source: Option<(Vec<String>, Source)> = table(LabelField::Issuers)
        .and_then(|v| {
            let list: Vec<String> = agency_list(v, ontology)
                .map(|l| l.into_iter().map(str::to_owned).collect())
                .unwrap_or_else(|| vec![v.to_owned()]);
            (!list.is_empty()).then_some((list, Source::PageTable))
        })
        .or_else(|| {
            signature
                .as_ref()
                .filter(|(names, _)| !names.is_empty())
                .map(|(names, _)| (names.clone(), Source::Signature))
        })
        .or_else(|| {
            notice_title
                .as_ref()
                .and_then(|(title, _)| issuers_in_title(title, ontology))
                .map(|v| (v, Source::Title))
        })
        .or_else(|| top.header_issuers.clone().map(|v| (v, Source::TitleLine)))
        .or_else(|| {
            top.history
                .first()
                .and_then(|h| adopting_body(&h.event, ontology))
                .map(|b| (vec![b], Source::History))
        });
    if let Some((list, source)) = issuers_and_source {
        m.issuers = list;
        m.sources.issuers = Some(source);
    }

    // Dates.
    let published = table(LabelField::Published)
        .and_then(parse_date)
        .map(|d| (d, Source::PageTable))
        .or_else(|| {
            front(&["date", "published", "发布日期"])
                .and_then(parse_date)
                .map(|d| (d, Source::FrontMatter))
        })
        .or_else(|| top.dateline.map(|d| (d, Source::Dateline)));
    m.published = published.map(|(d, _)| d.iso());
    let written = table(LabelField::Written).and_then(parse_date);
    if let (Some(s), Some(w)) = (signature_date, written) {
        if s != w {
            warnings.push(Warning {
                message: format!(
                    "the 落款 date {} differs from the page's 成文日期 {}; using the 落款",
                    s.iso(),
                    w.iso()
                ),
                span: None,
            });
        }
    }
    let history_date = top.history.last().and_then(|h| parse_date(&h.date));
    let date = signature_date
        .map(|d| (d, Source::Signature))
        .or_else(|| written.map(|d| (d, Source::PageTable)))
        .or_else(|| history_date.map(|d| (d, Source::History)))
        .or(published);
    if let Some((d, source)) = date {
        m.date = Some(d.iso());
        m.sources.date = Some(source);
    }
    m.history = top.history.clone();

    // 文号.
    if let Some(n) = table(LabelField::DocNumber) {
        m.doc_number = Some(n.to_owned());
        m.sources.doc_number = Some(Source::PageTable);
    } else if let Some(n) = &top.doc_number {
        m.doc_number = Some(n.clone());
        m.sources.doc_number = Some(Source::DocNumberLine);
    }

    m.addressees = top.addressees.clone().unwrap_or_default();

    // Jurisdiction.
    let j = &ontology.jurisdictions;
    let by_issuer = m.issuers.iter().find_map(|i| j.of_agency(i));
    let by_number = m
        .doc_number
        .as_deref()
        .and_then(|n| j.from_doc_number(&crate::normalize::normalize(n).text));
    let by_title = m
        .title
        .iter()
        .chain(notice_title.as_ref().map(|(t, _)| t))
        .find_map(|title| j.of_agency(title.trim_start_matches(['“', '"'])));
    let jurisdiction = by_issuer
        .map(|x| (x.name.clone(), Source::Issuer))
        .or_else(|| by_number.map(|x| (x.name.clone(), Source::DocNumber)))
        .or_else(|| by_title.map(|x| (x.name.clone(), Source::Title)))
        .or_else(|| jurisdiction_from_body(t, ontology).map(|x| (x, Source::Body)));
    if let (Some(a), Some(b)) = (by_issuer, by_number) {
        if a.name != b.name && !j.ancestry(a).any(|x| x.name == b.name) {
            warnings.push(Warning {
                message: format!(
                    "the issuer points to {} but the 文号 prefix to {}; using the issuer",
                    a.name, b.name
                ),
                span: None,
            });
        }
    }
    if let Some((name, source)) = jurisdiction {
        m.jurisdiction = Some(name);
        m.sources.jurisdiction = Some(source);
    }

    // Citations: never the document itself.
    let mut own = Own::default();
    if let Some(title) = &m.title {
        own.titles.push(title);
    }
    if let Some((title, _)) = &notice_title {
        own.titles.push(title);
    }
    own.doc_number = m.doc_number.as_deref();
    m.citations = citations(t, &own, ontology);

    m.cover = top.cover.map(|mut cover| {
        if cover.included {
            cover.notice_title = notice_title.map(|(t, _)| t).filter(|t| *t != cover.title);
        }
        cover
    });
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addressees(line: &str) -> Vec<String> {
        super::addressees(line, Ontology::bundled())
    }

    fn ends_with_doc_type(title: &str) -> bool {
        super::ends_with_doc_type(title, Ontology::bundled())
    }

    fn history_line(s: &str) -> Option<(Date, usize, usize)> {
        super::history_line(s, Ontology::bundled())
    }

    fn adopting_body(event: &str) -> Option<String> {
        super::adopting_body(event, Ontology::bundled())
    }

    #[test]
    fn addressee_lists() {
        assert_eq!(
            addressees("各市人民政府，省政府各部门、各直属机构："),
            ["各市人民政府", "省政府各部门", "各直属机构"]
        );
        assert_eq!(
            addressees("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]
        );
        assert_eq!(
            addressees("各县、区人民政府，市政府各部门、各直属单位，驻芜各单位："),
            [
                "各县、区人民政府",
                "市政府各部门",
                "各直属单位",
                "驻芜各单位"
            ]
        );
        assert_eq!(
            addressees("各市（州）、县（市、区）人民政府，省政府各部门、各直属机构："),
            [
                "各市（州）、县（市、区）人民政府",
                "省政府各部门",
                "各直属机构"
            ]
        );
    }

    #[test]
    fn statuses_and_titles() {
        assert_eq!(status_of("（征求意见稿）"), Some("征求意见稿"));
        assert_eq!(status_of("(草案)"), Some("草案"));
        assert_eq!(status_of("（试行）"), None);
        assert!(ends_with_doc_type("上海市优化营商环境条例"));
        assert!(ends_with_doc_type("某某管理办法（试行）"));
        assert!(!ends_with_doc_type("国务院关于做好当前和今后一个时期"));
    }

    #[test]
    fn regulation_history() {
        let s = "2020年4月10日 上海市第十五届人民代表大会常务委员会第二十次会议通过";
        let (d, lo, hi) = history_line(s).unwrap();
        assert_eq!(d.iso(), "2020-04-10");
        assert_eq!(
            adopting_body(&s[lo..hi]).as_deref(),
            Some("上海市人民代表大会常务委员会")
        );
        let s = "2024年9月27日 上海市第十六届人民代表大会常务委员会第十六次会议《关于修改〈上海市优化营商环境条例〉的决定》第三次修正）";
        let (d, lo, hi) = history_line(s).unwrap();
        assert_eq!(d.iso(), "2024-09-27");
        assert!(s[lo..hi].ends_with("第三次修正"));
        assert!(history_line("2022年2月17日").is_none());
    }
}
