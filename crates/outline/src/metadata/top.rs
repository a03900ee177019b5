//! The top block: title lines, status, 文号, addressees, regulation history, a red-header
//! issuer and a newspaper dateline, read from the lines above the first heading.

use policykg_ontology::{LabelField, MarkerMeaning, Ontology};
use policykg_read::Span;

use super::cover::cover_in;
use super::fields::label_line;
use super::signature::{inline_signature, signature_at};
use super::{find_date, find_doc_numbers, parse_date, whole_doc_number, Date, SHORT_LINE};
use crate::agency::{agency_list, looks_like_agency};
use crate::date::date_at;
use crate::numbering::{cn_digit, number_at};
use crate::text::{is_space, Text};
use crate::tree::Layout;
use crate::{Cover, HistoryEntry};

/// Only this many content lines at the top are searched for title lines.
const TOP_LINES: usize = 16;

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

/// `s` without one pair of round brackets around it.
fn unbracketed(s: &str) -> &str {
    s.strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']))
        .map_or(s, str::trim)
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
        && !s.contains(['。', '《'])
        && !ontology
            .words
            .salutations
            .iter()
            .any(|w| s.starts_with(w.as_str()))
        && (s.starts_with('各')
            || ontology
                .words
                .addressee_words
                .iter()
                .any(|w| s.contains(w.as_str()))
            // A reply to one body names it alone: "教育部：".
            || complete_name(s.trim_end_matches(['：', ':']), ontology))
}

/// A body's full name: it ends with an agency or generic suffix of
/// `ontology/agencies/markers.tsv`, before any bracketed note ("机关各处（室、局）").
pub(super) fn complete_name(p: &str, ontology: &Ontology) -> bool {
    let p = match p.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(p, |i| &p[..i]),
        None => p,
    };
    p.chars().count() >= 2
        && ontology
            .gazetteer
            .markers(MarkerMeaning::Agency)
            .chain(ontology.gazetteer.markers(MarkerMeaning::Generic))
            .any(|e| p.ends_with(e))
}

/// Split an addressee line into names. A group splits on 、 when every part is a complete name:
/// it ends with an agency or generic suffix of `ontology/agencies/markers.tsv` (so that
/// "省政府各部门、各直属机构" splits but "各省、自治区、直辖市人民政府" and "各县、区人民政府" do not).
pub fn addressees(line: &str, ontology: &Ontology) -> Vec<String> {
    let complete_name = |p: &str| complete_name(p, ontology);
    let line = line.trim().trim_end_matches(['：', ':']);
    let mut out = Vec::new();
    for group in line.split(['，', ',', '；', ';']) {
        let group = group.trim();
        if group.is_empty() {
            continue;
        }
        let parts: Vec<&str> = split_outside_brackets(group).map(str::trim).collect();
        // Every part but the last must be a complete name: "各区属事业单位、国企" splits,
        // "各市、县（区）人民政府" (各市 is not a name) does not.
        let complete = parts.len() > 1
            && parts[..parts.len() - 1].iter().all(|p| complete_name(p))
            && parts.last().is_some_and(|p| p.chars().count() >= 2);
        if complete {
            out.extend(parts.iter().map(|p| (*p).to_owned()));
        } else if let Some(names) = places_with_bracketed_levels(&parts, ontology) {
            out.extend(names);
        } else if let Some(head) = shared_head(&parts, ontology) {
            // "北京市、…、甘肃省人民政府": places sharing the last one's head, one recipient each.
            out.extend(
                parts[..parts.len() - 1]
                    .iter()
                    .map(|p| format!("{p}{head}")),
            );
            out.extend(parts.last().map(|p| (*p).to_owned()));
        } else {
            out.push(group.to_owned());
        }
    }
    out
}

/// The head the places of a list share when every part but the last is a place name alone and
/// the last is a place name followed by it ("北京市、天津市人民政府" → 人民政府; "沈阳、广州军区" →
/// 军区). `None` for "各省、自治区、直辖市人民政府" (省 is a level, not a place).
fn shared_head<'a>(parts: &[&'a str], ontology: &Ontology) -> Option<&'a str> {
    let (last, places) = parts.split_last()?;
    let j = &ontology.jurisdictions;
    let whole_place = |p: &str| j.prefix_of(p).is_some_and(|(_, n)| n == p.chars().count());
    if places.is_empty() || !places.iter().all(|p| whole_place(p)) {
        return None;
    }
    let (_, n) = j.prefix_of(last)?;
    let at = last.char_indices().nth(n)?.0;
    let head = &last[at..];
    // "…陕西省（自治区、直辖市）人民政府": the bracket names the levels of places written
    // short, read by `places_with_bracketed_levels` before this.
    (head.chars().count() >= 2 && !head.starts_with(['（', '('])).then_some(head)
}

/// "北京、天津、…、西藏、陕西省（自治区、直辖市）人民政府": places written short, the last with
/// its level and a bracket naming the other levels, then the head they share. One recipient
/// each, every place under its full name with the head after the bracket (北京市人民政府 …
/// 西藏自治区人民政府, 陕西省人民政府). `None` unless every part is a place and the bracket
/// follows the last one's name directly.
fn places_with_bracketed_levels(parts: &[&str], ontology: &Ontology) -> Option<Vec<String>> {
    let (last, places) = parts.split_last()?;
    let j = &ontology.jurisdictions;
    let (last_place, n) = j.prefix_of(last)?;
    let at = last.char_indices().nth(n)?.0;
    let bracketed = &last[at..];
    let close = bracketed.strip_prefix(['（', '('])?.find(['）', ')'])?;
    let open = bracketed.chars().next()?.len_utf8();
    let head = bracketed[open + close..]
        .trim_start_matches(['）', ')'])
        .trim();
    if places.is_empty() || head.chars().count() < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(parts.len());
    for p in places {
        let (place, m) = j.prefix_of(p)?;
        if m != p.chars().count() {
            return None;
        }
        out.push(format!("{}{head}", place.name));
    }
    out.push(format!("{}{head}", last_place.name));
    Some(out)
}

/// `s` split at each 、 that stands outside brackets ("省局机关各处（室、局）、各直属单位" → two).
fn split_outside_brackets(s: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '、' if depth == 0 => cuts.push(i),
            _ => {}
        }
    }
    let mut lo = 0;
    cuts.into_iter()
        .chain(std::iter::once(s.len()))
        .map(move |hi| {
            let part = &s[lo..hi];
            lo = (hi + '、'.len_utf8()).min(s.len());
            part
        })
}

/// A speech's date line: a date at the start (after dashes or an opening bracket) going on
/// with a `speech_date_word` ("——2025年1月19日在贵州省第十四届人民代表大会第三次会议上").
fn speech_date(s: &str, ontology: &Ontology) -> Option<Date> {
    let s = s.trim_start_matches(|c: char| is_space(c) || matches!(c, '—' | '-' | '（' | '('));
    let (date, len) = date_at(s)?;
    let rest = s[len..].trim_start_matches(is_space);
    ontology
        .words
        .speech_date_words
        .iter()
        .any(|w| rest.starts_with(w.as_str()))
        .then_some(date)
}

/// In a page run together on one line, the head before the first sentence: the addressees
/// (the first "…：" segment after a space that reads as a 主送 list) and a 文号 standing alone
/// between spaces before them ("…办公室文件 岚综管办〔2020〕31号 …的通知 各片区管理局，…：").
fn inline_head(s: &str, ontology: &Ontology) -> (Option<Vec<String>>, Option<String>) {
    // The head is short: at most the first sentence within a few lines' length, so that a huge
    // line with no full stop is not searched once per colon.
    let mut head_end = s.find('。').unwrap_or(s.len()).min(SHORT_LINE * 12);
    while !s.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &s[..head_end];
    let mut addressees_at = None;
    for (i, c) in head.char_indices() {
        if !matches!(c, '：' | ':') {
            continue;
        }
        let lo = head[..i].rfind(is_space).map_or(0, |j| {
            j + head[j..].chars().next().map_or(1, char::len_utf8)
        });
        // A title run into the list ("…的通知区直各单位，…："): the list starts after it.
        let first = &head[lo..i];
        let first = &first[..first.find(['，', ',']).unwrap_or(first.len())];
        let lo = lo
            + ontology
                .words
                .document_types
                .iter()
                .filter_map(|w| first.rfind(w.as_str()).map(|j| j + w.len()))
                .max()
                .unwrap_or(0);
        let seg = &head[lo..i + c.len_utf8()];
        if lo > 0 && addressee_line(seg, ontology) {
            addressees_at = Some((lo, seg));
            break;
        }
    }
    let Some((lo, seg)) = addressees_at else {
        return (None, None);
    };
    let number = find_doc_numbers(&head[..lo], ontology)
        .first()
        .map(|&(a, b)| head[a..b].to_owned());
    (Some(addressees(seg, ontology)), number)
}

/// A regulation's adoption or amendment line: "2020年4月10日 上海市…会议通过", possibly in
/// brackets ("（2020年4月10日…通过）"): the date and the byte range of the event text.
fn history_line(s: &str, ontology: &Ontology) -> Option<(Date, usize, usize)> {
    let lo = s.len() - s.trim_start_matches(['（', '(']).len();
    // "根据2019年9月28日…的决定》修正": an amendment by a decision names the decision's date
    let lo = lo
        + s[lo..]
            .strip_prefix(AMENDED_BY)
            .map_or(0, |_| AMENDED_BY.len());
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

/// What opens an amendment made by a decision: "根据2019年9月28日…《关于修改…的决定》修正".
const AMENDED_BY: &str = "根据";

/// Every adoption or amendment event of a history line, several when one line lists them
/// ("2015年7月30日 …批准；2019年2月23日…修改，2019年3月28日…批准）", "（2009年7月30日…通过　根据
/// 2019年9月28日…的决定》修正）"): a new event starts at a date, or at 根据 and a date, after `；`,
/// `，` or white space. Byte ranges are of `s`.
fn history_events(s: &str, ontology: &Ontology) -> Vec<(Date, usize, usize)> {
    let mut starts = vec![0];
    let mut previous_space = false;
    for (i, c) in s.char_indices() {
        let separator = matches!(c, '；' | ';' | '，' | ',');
        let space = is_space(c);
        if separator || (space && !previous_space) {
            let at = i + c.len_utf8();
            let at = at + (s[at..].len() - s[at..].trim_start_matches(is_space).len());
            let rest = &s[at..];
            let date = rest.strip_prefix(AMENDED_BY).unwrap_or(rest);
            if at < s.len() && date_at(date).is_some() && starts.last() != Some(&at) {
                starts.push(at);
            }
        }
        previous_space = space;
    }
    let mut out = Vec::new();
    for (k, &lo) in starts.iter().enumerate() {
        let hi = starts.get(k + 1).map_or(s.len(), |&next| {
            s[..next]
                .trim_end_matches(is_space)
                .trim_end_matches(['；', ';', '，', ','])
                .len()
        });
        if let Some((date, a, b)) = history_line(&s[lo..hi], ontology) {
            out.push((date, lo + a, lo + b));
        } else if k == 0 {
            return Vec::new();
        }
    }
    out
}

/// The body that adopted a regulation, from its adoption line:
/// "上海市第十五届人民代表大会常务委员会第二十次会议通过" → "上海市人民代表大会常务委员会".
pub(super) fn adopting_body(event: &str, ontology: &Ontology) -> Option<String> {
    // "第二十次会议", "第68次常务会议", "第5次全体会议": the session number before 会议 and the kind
    // of meeting between them.
    let meeting = event.match_indices('次').map(|(i, _)| i).find(|&i| {
        event[i..]
            .find("会议")
            .is_some_and(|m| event[i..i + m].chars().count() <= 3)
    })?;
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

/// A rule's promulgation by decree: "中华人民共和国国家安全部令第2号公布" → the decree's number
/// ("中华人民共和国国家安全部令第2号", its 文号) and the issuing body.
pub(super) fn decree(event: &str, ontology: &Ontology) -> Option<(String, String)> {
    let at = event.find("令第")?;
    let body = event[..at].trim_matches(is_space);
    let rest = &event[at + "令第".len()..];
    let digits = rest
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_digit() || cn_digit(c).is_some() || c == '十')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    // One space before 号, as a copy out of a PDF has it ("令第52 号").
    let digits = digits + usize::from(rest[digits..].starts_with(" 号"));
    if !rest[digits..].starts_with('号') || !looks_like_agency(body, ontology) {
        return None;
    }
    let end = at + "令第".len() + digits + '号'.len_utf8();
    let lo = event.len() - event.trim_start_matches(is_space).len();
    Some((event[lo..end].to_owned(), body.to_owned()))
}

/// A decree's header: "X令第N号" on one line, or "X令" with "第N号" on the `next`; the number and
/// whether it took the next line too.
fn decree_header(s: &str, next: Option<&str>, ontology: &Ontology) -> Option<(String, bool)> {
    let whole = |line: &str| {
        let compact: String = line.chars().filter(|&c| !is_space(c)).collect();
        decree(&compact, ontology)
            .filter(|(number, _)| number.len() == compact.len())
            .map(|(number, _)| number)
    };
    if let Some(number) = whole(s) {
        return Some((number, false));
    }
    let next = next?;
    if !s.ends_with('令') || !next.trim_start_matches(is_space).starts_with('第') {
        return None;
    }
    whole(&format!("{s}{next}")).map(|number| (number, true))
}

/// Everything found in the lines above the first heading.
#[derive(Debug, Default)]
pub(super) struct Top {
    pub title: Option<(String, Span)>,
    pub status: Option<String>,
    pub doc_number: Option<String>,
    pub addressees: Option<Vec<String>>,
    pub dateline: Option<Date>,
    pub history: Vec<HistoryEntry>,
    /// A 落款 (issuer lines and date) inside the preamble, as after a cover notice.
    pub signature: Option<(Vec<String>, Date)>,
    pub cover: Option<Cover>,
    /// A red-header line "安徽省人民政府办公厅文件".
    pub header_issuers: Option<Vec<String>>,
    /// Labelled lines of a page copied as text ("标题: …", "【发文字号】…"), with a value.
    pub labels: Vec<(LabelField, String)>,
    /// A line holding only a date in the preamble: under the title ("（2023年2月8日）") or
    /// closing a cover notice that has no issuer line; or a speech's date line.
    pub bare_date: Option<Date>,
}

pub(super) fn read_top(t: &Text, layout: &Layout, ontology: &Ontology) -> Top {
    let mut top = Top::default();
    let end = layout.first_head_line.min(layout.closing.start);
    // Content lines of the preamble, as (line, normalised content).
    let lines: Vec<(usize, usize, usize)> = (0..end)
        .filter_map(|i| t.content(i).map(|(lo, hi)| (i, lo, hi)))
        .collect();
    let title_parts = read_head_lines(t, &lines, ontology, &mut top);
    if top.title.is_none() && !title_parts.is_empty() {
        top.title = Some(joined_title(t, &title_parts));
    }
    signature_and_cover(t, &lines, ontology, &mut top);
    top
}

/// The title lines joined, with the span from the first to the last.
fn joined_title(t: &Text, title_parts: &[(usize, usize, usize)]) -> (String, Span) {
    let orig_of = |&(i, lo, hi): &(usize, usize, usize)| t.line_str(i, lo, hi);
    let first = title_parts[0];
    let last = title_parts[title_parts.len() - 1];
    let mut title = String::new();
    for p in title_parts {
        title.push_str(orig_of(p).trim());
    }
    let span = Span::new(
        t.line_span(first.0, first.1, first.2).start,
        t.line_span(last.0, last.1, last.2).end,
    );
    (title, span)
}

/// Title lines, status, 文号, addressees, history and dateline at the very top, recorded in
/// `top`; returns the title lines, to be joined (none when the title shared a dateline's line).
fn read_head_lines(
    t: &Text,
    lines: &[(usize, usize, usize)],
    ontology: &Ontology,
    top: &mut Top,
) -> Vec<(usize, usize, usize)> {
    let text_of = |&(i, lo, hi): &(usize, usize, usize)| &t.line(i)[lo..hi];
    let orig_of = |&(i, lo, hi): &(usize, usize, usize)| t.line_str(i, lo, hi);
    let mut title_parts: Vec<(usize, usize, usize)> = Vec::new();
    let mut title_done = false;
    // Only page furniture (labels, status, 文号 lines) has followed the title lines so far.
    let mut after_running_text = false;
    let mut prev_line: Option<usize> = None;
    let mut skip_next = false;
    for (k, l) in lines.iter().take(TOP_LINES).enumerate() {
        if std::mem::take(&mut skip_next) {
            prev_line = Some(l.0);
            continue;
        }
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
        // A line with no Chinese above the title: template code a page printed
        // (`<%@ page contentType=… %>`), a site's Latin name. It neither starts nor ends a title.
        if title_parts.is_empty() && !s.chars().any(crate::docnum::is_han) {
            continue;
        }
        // "首页 > 政务公开 > 政策文件", "工作动态": the site's sections above the title.
        if title_parts.is_empty() && page_section_line(s, ontology) {
            continue;
        }
        if let Some((label, lo, hi)) = label_line(orig_of(l), ontology) {
            // Page furniture, never a title line; a value fills its field.
            let value = orig_of(l)[lo..hi].trim();
            if let Some(field) = ontology.page_labels.field(&label) {
                if !value.is_empty() {
                    top.labels.push((field, value.to_owned()));
                }
            }
            title_done |= !title_parts.is_empty();
            continue;
        }
        if status_of(s).is_some() {
            top.status.get_or_insert_with(|| {
                let o = orig_of(l).trim();
                o.trim_matches(['（', '）', '(', ')']).trim().to_owned()
            });
            title_done |= !title_parts.is_empty();
            continue;
        }
        // "（余府发〔2012〕3号）": a 文号 line in brackets.
        if whole_doc_number(s, ontology)
            .or_else(|| whole_doc_number(unbracketed(s), ontology))
            .is_some()
        {
            if top.doc_number.is_none() {
                top.doc_number = Some(unbracketed(orig_of(l).trim()).to_owned());
            }
            title_done |= !title_parts.is_empty();
            continue;
        }
        // A decree's header ("江西省人民政府令" over "第223号", or on one line): its number, not
        // a title; the decision it promulgates is titled elsewhere (the page's ArticleTitle).
        let next = lines.get(k + 1).filter(|n| n.0 == l.0 + 1).map(&text_of);
        if let Some((number, both)) = decree_header(s, next, ontology) {
            top.doc_number.get_or_insert(number);
            title_done |= !title_parts.is_empty();
            skip_next = both;
            continue;
        }
        let events = history_events(s, ontology);
        if !events.is_empty() {
            let (i, llo, _) = *l;
            for (date, lo, hi) in events {
                let span = t.line_span(i, llo + lo, llo + hi);
                top.history.push(HistoryEntry {
                    date: date.iso(),
                    event: t.line_str(i, llo + lo, llo + hi).to_owned(),
                    span,
                });
            }
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
        // A reprint's headline above a source line, then the document's own heading, which the
        // headline ends with ("2025年湖南省政府工作报告" / "来源：湖南日报" / "政府工作报告").
        if title_done && !title_parts.is_empty() && title_like(s) && !after_running_text {
            let joined: String = title_parts.iter().map(&text_of).collect();
            if joined.len() > s.len() && joined.ends_with(s) {
                title_parts = vec![*l];
                continue;
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
        // A byline or source line ("来源：湖南日报") ends the title lines as furniture; a date
        // line or running text ends them for good.
        title_done = true;
        after_running_text |= !ontology
            .words
            .not_subheadings
            .iter()
            .any(|w| s.starts_with(w.as_str()));
    }
    title_parts
}

/// A line of a page copied as text that names the site's section, not the document: a section
/// word alone (`page_section` of words.tsv: 工作动态), or a breadcrumb ("首页 > 政务公开 >
/// 政策文件", "当前位置：首页›…"), its parts separated by `>`, `＞`, `›` or `»`.
fn page_section_line(s: &str, ontology: &Ontology) -> bool {
    let s = s.trim();
    let bare: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if ontology.words.page_sections.contains(&bare) {
        return true;
    }
    s.chars()
        .filter(|c| matches!(c, '>' | '＞' | '›' | '»'))
        .count()
        >= 2
        || s.starts_with("首页") && s.contains(['>', '＞', '›', '»'])
}

/// A 落款 inside the preamble (issuer lines, then a date line), and a cover notice.
fn signature_and_cover(
    t: &Text,
    lines: &[(usize, usize, usize)],
    ontology: &Ontology,
    top: &mut Top,
) {
    let text_of = |&(i, lo, hi): &(usize, usize, usize)| &t.line(i)[lo..hi];
    let orig_of = |&(i, lo, hi): &(usize, usize, usize)| t.line_str(i, lo, hi);
    for (k, l) in lines.iter().enumerate() {
        let s = text_of(l);
        if s.len() > SHORT_LINE * 3 {
            if k < TOP_LINES && top.addressees.is_none() {
                let (names, number) = inline_head(s, ontology);
                top.addressees = names;
                if top.doc_number.is_none() {
                    top.doc_number = number;
                }
            }
            if top.cover.is_none() {
                top.cover = cover_in(t, l, ontology);
            }
            if top.signature.is_none() {
                top.signature = inline_signature(s, ontology);
            }
            continue;
        }
        if top.signature.is_none() {
            top.signature = signature_at(t, lines, k, ontology);
        }
        if top.bare_date.is_none() && label_line(orig_of(l), ontology).is_none() {
            top.bare_date = parse_date(s).or_else(|| speech_date(s, ontology));
        }
        if top.cover.is_none() {
            top.cover = cover_in(t, l, ontology);
        }
    }
    if let Some(cover) = &mut top.cover {
        // The carried document is included when its title starts a line after the cover
        // sentence: a line of its own, or in a page run together the line that goes on with
        // its first paragraph. Compared without white space ("…国有划拨 建设用地…").
        cover.included = lines.iter().any(|l| {
            let line_span = t.line_span(l.0, l.1, l.2);
            line_span.start > cover.span.end && starts_with_title(orig_of(l), &cover.title)
        });
    }
}

/// Whether `line` starts with `title`, white space ignored in both.
fn starts_with_title(line: &str, title: &str) -> bool {
    let mut line = line.chars().filter(|c| !c.is_whitespace());
    let mut title = title.chars().filter(|c| !c.is_whitespace()).peekable();
    title.peek().is_some() && title.all(|c| line.next() == Some(c))
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
    fn places_written_short_with_bracketed_levels_are_one_recipient_each() {
        // 国办发〔1996〕32号 (dev 011)
        assert_eq!(
            addressees("北京、天津、河北、西藏、陕西省（自治区、直辖市）人民政府："),
            [
                "北京市人民政府",
                "天津市人民政府",
                "河北省人民政府",
                "西藏自治区人民政府",
                "陕西省人民政府"
            ]
        );
    }

    #[test]
    fn places_sharing_a_head_are_one_recipient_each() {
        // corpus/dev/046 (国办发〔1996〕25号), shortened.
        assert_eq!(
            addressees("北京市、天津市、内蒙古自治区、甘肃省人民政府，沈阳、北京、广州军区："),
            [
                "北京市人民政府",
                "天津市人民政府",
                "内蒙古自治区人民政府",
                "甘肃省人民政府",
                "沈阳军区",
                "北京军区",
                "广州军区"
            ]
        );
        // Levels are not places: one collective.
        assert_eq!(
            addressees("各省、自治区、直辖市人民政府："),
            ["各省、自治区、直辖市人民政府"]
        );
    }

    #[test]
    fn a_reply_addressed_to_one_body() {
        // corpus/dev/050 (国函〔2018〕144号, a 批复): "教育部：" is its whole 主送.
        assert!(super::addressee_line("教育部：", Ontology::bundled()));
        assert_eq!(addressees("教育部："), ["教育部"]);
        // A short label line is not an addressee line.
        assert!(!super::addressee_line("主要任务：", Ontology::bundled()));
    }

    #[test]
    fn addressee_lists_with_bracketed_notes_and_short_last_names() {
        // corpus/dev/058 and 051: 、 inside "（室、局）" does not split; "各市、县（区）…" stays whole.
        assert_eq!(
            addressees("省药监局，机关各处（室、局）、各直属单位："),
            ["省药监局", "机关各处（室、局）", "各直属单位"]
        );
        assert_eq!(
            addressees("省药监局，各市、县（区）市场监管局，省局机关各处（室、局）、各直属单位："),
            [
                "省药监局",
                "各市、县（区）市场监管局",
                "省局机关各处（室、局）",
                "各直属单位"
            ]
        );
        // corpus/dev/030: the last recipient need not end with an agency word.
        assert_eq!(
            addressees("各片区管理局，区直各单位，各区属事业单位、国企："),
            ["各片区管理局", "区直各单位", "各区属事业单位", "国企"]
        );
    }

    #[test]
    fn greetings_are_not_addressees() {
        // corpus/dev/036 and 038, government work reports: the deputies are people.
        let o = Ontology::bundled();
        assert!(!addressee_line("各位代表：", o));
        assert!(addressee_line("各相关单位：", o));
        // ../shared/corpus-dev/056: an amendment decision's lead-in is no 主送 list.
        assert!(!addressee_line(
            "省人民政府第66次常务会议决定对《江西省流动人口服务和管理办法》作如下修改：",
            o
        ));
    }

    #[test]
    fn speech_date_lines() {
        let o = Ontology::bundled();
        // corpus/dev/038 and 036.
        let d = speech_date("——2025年1月19日在贵州省第十四届人民代表大会第三次会议上", o);
        assert_eq!(d.map(|d| d.iso()).as_deref(), Some("2025-01-19"));
        let d = speech_date(
            "2025年1月14日在湖南省第十四届人民代表大会第三次会议上省长毛伟明作政府工作报告。",
            o,
        );
        assert_eq!(d.map(|d| d.iso()).as_deref(), Some("2025-01-14"));
        assert!(speech_date("2025年1月19日以来，全省上下", o).is_none());
    }

    #[test]
    fn decrees() {
        let o = Ontology::bundled();
        // corpus/dev/045: "2022年6月6日 中华人民共和国国家安全部令第2号公布".
        assert_eq!(
            decree("中华人民共和国国家安全部令第2号公布", o),
            Some((
                "中华人民共和国国家安全部令第2号".to_owned(),
                "中华人民共和国国家安全部".to_owned()
            ))
        );
        assert!(decree("上海市第十五届人民代表大会常务委员会第二十次会议通过", o).is_none());
        // Copied out of a PDF: a space before 号.
        assert_eq!(
            decree("国家市场监督管理总局令第52 号公布", o).map(|(n, _)| n),
            Some("国家市场监督管理总局令第52 号".to_owned())
        );
    }

    #[test]
    fn decree_headers_are_numbers_not_titles() {
        let o = Ontology::bundled();
        // ../shared/corpus-dev/056 (江西省人民政府关于修改《江西省流动人口服务和管理办法》的决定):
        // the text opens with the decree's header on two lines.
        assert_eq!(
            decree_header("江西省人民政府令", Some("第223号"), o),
            Some(("江西省人民政府令第223号".to_owned(), true))
        );
        assert_eq!(
            decree_header("中华人民共和国国家安全部令 第2号", None, o),
            Some(("中华人民共和国国家安全部令第2号".to_owned(), false))
        );
        // A promulgation event, a title naming a decree, and a 令 line with other text after it.
        assert_eq!(
            decree_header("中华人民共和国国家安全部令第2号公布", None, o),
            None
        );
        assert_eq!(
            decree_header("江西省人民政府令", Some("第223号文件"), o),
            None
        );
        assert_eq!(
            decree_header("关于执行省政府令", Some("第二条的通知"), o),
            None
        );
    }

    #[test]
    fn head_of_a_page_run_together() {
        let o = Ontology::bundled();
        // corpus/dev/030 (page text on one line).
        let s = "平潭综合实验区管委会办公室文件 岚综管办〔2020〕31号 平潭综合实验区管委会办公室关于印发《平潭综合实验区支持新兴产业园示范区运营发展的政策措施》的通知 各片区管理局，区直各单位，各区属事业单位、国企：《平潭综合实验区关于支持新兴产业园示范区运营发展的政策措施》已经研究同意，现印发给你们。";
        let (names, number) = inline_head(s, o);
        assert_eq!(
            names.unwrap(),
            ["各片区管理局", "区直各单位", "各区属事业单位", "国企"]
        );
        assert_eq!(number.as_deref(), Some("岚综管办〔2020〕31号"));
        // corpus/dev/047: page furniture "当前位置：" and "时间：" before the list are skipped.
        let s = "当前位置： 首页政务公开最新文件区管委会办公室文件 平潭综合实验区管委会办公室转发福建省人民政府办公厅关于印发福建省进一步支持大学生创新创业 若干措施的通知 时间：2023-02-22 12:39 微信 微博 QQ空间 各片区管理局，区直各单位，各区属事业单位，各区属国企：现将《通知》转发给你们。";
        let (names, number) = inline_head(s, o);
        assert_eq!(
            names.unwrap(),
            ["各片区管理局", "区直各单位", "各区属事业单位", "各区属国企"]
        );
        assert_eq!(number, None);
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
        // a government's rule, adopted by its executive meeting
        assert_eq!(
            adopting_body("南昌市人民政府第68次常务会议审议通过").as_deref(),
            Some("南昌市人民政府")
        );
    }

    #[test]
    fn page_sections_are_no_title() {
        let o = Ontology::bundled();
        assert!(page_section_line("首页 > 政务公开 > 政策文件", o));
        assert!(page_section_line("首页›信息公开", o));
        assert!(page_section_line("工作动态", o) && page_section_line(" 政策 文件 ", o));
        assert!(!page_section_line("关于印发《A>B》的通知", o));
        assert!(!page_section_line(
            "江西省人民政府关于加强政策文件管理的通知",
            o
        ));
    }

    #[test]
    fn events_separated_by_spaces_and_amendments_by_decision() {
        // The form of the official database's headers: one bracket, events separated by a
        // full-width space, an amendment by decision opening with 根据.
        let s = "（2009年7月30日江西省第十一届人民代表大会常务委员会第十一次会议通过　根据2015年3月5日江西省第十二届人民代表大会常务委员会第十六次会议《关于修改〈江西省农民专业合作社条例〉的决定》第一次修正　根据2019年9月28日江西省第十三届人民代表大会常务委员会第十五次会议《关于修改〈江西省农民专业合作社条例〉的决定》第二次修正）";
        let events = history_events(s, Ontology::bundled());
        let dates: Vec<String> = events.iter().map(|(d, _, _)| d.iso()).collect();
        assert_eq!(dates, ["2009-07-30", "2015-03-05", "2019-09-28"]);
        let (_, lo, hi) = events[2];
        assert!(s[lo..hi].starts_with("江西省第十三届") && s[lo..hi].ends_with("第二次修正"));
        // a date inside an event's words starts no event
        let s = "2020年4月10日 上海市第十五届人民代表大会常务委员会第二十次会议通过";
        assert_eq!(history_events(s, Ontology::bundled()).len(), 1);
    }

    #[test]
    fn several_events_on_one_history_line() {
        // corpus/dev/053 (彭水苗族土家族自治县旅游条例): approval, amendment and its approval.
        let s = "2015年7月30日 重庆市第四届人民代表大会常务委员会第十九次会议批准；2019年2月23日彭水苗族土家族自治县第十七届人民代表大会第四次会议修改，2019年3月28日重庆市第五届人民代表大会常务委员会第九次会议批准）";
        let events = history_events(s, Ontology::bundled());
        let dates: Vec<String> = events.iter().map(|(d, _, _)| d.iso()).collect();
        assert_eq!(dates, ["2015-07-30", "2019-02-23", "2019-03-28"]);
        let (_, lo, hi) = events[1];
        assert_eq!(
            &s[lo..hi],
            "彭水苗族土家族自治县第十七届人民代表大会第四次会议修改"
        );
        let (_, lo, hi) = events[2];
        assert_eq!(
            &s[lo..hi],
            "重庆市第五届人民代表大会常务委员会第九次会议批准"
        );
    }
}
