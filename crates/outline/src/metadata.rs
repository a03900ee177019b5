//! What a document says about itself: title, status, issuers, date, 文号, addressees,
//! jurisdiction, cover notice, regulation history and cited documents.
//!
//! Sources, strongest first (each field records its [`Source`]):
//! - **title**: the page table's 标题 (or a labelled "标题:" line of a page copied as text, with
//!   the issuer the text prints before that same title when the field drops it); the
//!   title lines at the top of the text (joined when wrapped, the status line "（征求意见稿）"
//!   kept apart, a newspaper dateline cut off); the front matter's `title`; the HTML head's
//!   ArticleTitle, then its `<title>` without the site and section names; last, the carried
//!   document of a 印发 cover notice. A 印发/转发 notice is titled by itself, not by what it carries.
//! - **issuers**: the page table's 发文机关; the 落款 (issuer lines above the closing date, or
//!   above the date of a cover notice); the "XX关于…" part of the title; the body that adopted a
//!   regulation ("上海市第十五届人民代表大会常务委员会第二十次会议通过" → 上海市人民代表大会常务委员会).
//! - **date** (成文日期): the 落款 date (for a 转发/印发 notice, the page table's 成文日期 where
//!   they differ: the 落款 may close the carried document); the date the text gives a decree's
//!   own 令 number ("2016年9月21日省人民政府令第223号修正"); the page table's 成文日期; the last
//!   adoption or amendment of a regulation; a line holding only a date in the preamble; then a publication
//!   date (发布日期, front matter `date`, a newspaper dateline), which is also kept in `published`.
//! - **doc_number**: the page table's 发文字号 (not "无"); a line holding only a 文号 near the top.
//! - **in_force**: the last entry-into-force clause ("本规定自2007年12月1日起施行"); a clause
//!   naming the day of issue ("自下发之日起施行") takes the date of the 印发 note, else `date`;
//!   one naming publication ("自公布之日起施行") `published`, else `date`.
//! - **jurisdiction**: an issuer's own county, city or zone even when the table does not list it
//!   (平潭综合实验区管委会办公室 → 平潭综合实验区); the issuers; the 文号 prefix (皖 → 安徽省);
//!   the title; a 主送 list written to every province (各省、自治区、直辖市…: the country); the
//!   place most mentioned in the text (a city counts for its province; chosen only when clearly
//!   ahead).
//!
//! Nothing is invented: a field with no evidence stays `None`.

mod cover;
pub(crate) mod fields;
mod in_force;
mod place;
mod signature;
mod top;

use policykg_ontology::{LabelField, Ontology};
use policykg_read::{Document, FieldOrigin, Warning};

use crate::agency::agency_list;
use crate::cite::{citations, Own};
use crate::date::date_at;
use crate::text::Text;
use crate::tree::Layout;
use crate::{Metadata, Source};
use fields::{field, head_title, names_a_doc_number, reads_as_title, table_field};
use place::{jurisdiction_from_body, place_before_year, unlisted_place};
use signature::{body_signature, closing_signature, Signature};
use top::{adopting_body, decree, read_top, Top};

pub use crate::date::{find_date, parse_date, Date};
pub use crate::docnum::{find_doc_numbers, whole_doc_number};
pub use top::addressees;

/// The verb of a 印发 note ("…2018年11月1日印发").
pub(super) const ISSUED: &str = "印发";

/// Longest line read as a title, status, 文号 or addressee line (characters).
pub(super) const SHORT_LINE: usize = 200;

/// A report read out with no 落款 is issued by the body its speaker speaks for, in the lines
/// before the first heading: "我代表省人民政府向大会报告工作" → 省人民政府. The name is written
/// in full when those lines spell it with its place ("重庆市人民政府市长 胡衡华"), as written
/// otherwise.
fn speaker_body(t: &Text, layout: &Layout, ontology: &Ontology) -> Option<String> {
    let top_lines = 0..layout.first_head_line.min(t.lines.len());
    let name = top_lines.clone().find_map(|i| {
        let (lo, hi) = t.content(i)?;
        let s = &t.line(i)[lo..hi];
        ontology.words.speaker_for.iter().find_map(|w| {
            let at = s.find(w.as_str())? + w.len();
            let rest = &s[at..];
            let end = rest.find(['向', '，', ',']).unwrap_or(rest.len());
            let name = rest[..end].trim_end();
            (name.chars().count() <= 30 && top::complete_name(name, ontology))
                .then(|| (name, t.line_str(i, lo + at, lo + at + name.len())))
        })
    });
    let (name, written) = name?;
    let spelled = top_lines.into_iter().find_map(|i| {
        let (lo, hi) = t.content(i)?;
        let s = &t.line(i)[lo..hi];
        s.match_indices(name).find_map(|(k, _)| {
            // The nearest start before the name from which a place name runs into it.
            let starts = s[..k].char_indices().rev().take(8);
            starts.into_iter().find_map(|(b, _)| {
                let full = &s[b..k + name.len()];
                let (_, n) = ontology.jurisdictions.prefix_of(full)?;
                (n >= s[b..k].chars().count()).then(|| t.line_str(i, lo + b, lo + k + name.len()))
            })
        })
    });
    Some(spelled.unwrap_or(written).to_owned())
}

/// The issuers named before 关于, or before the verb of a notice that carries another document,
/// in a title: "国务院关于…" → ["国务院"]; "江西省人民政府办公厅印发关于…的通知" and
/// "国务院办公厅转发《…》的通知" name theirs before 印发 / 转发 (`cover_verb` words).
fn issuers_in_title(title: &str, ontology: &Ontology) -> Option<Vec<String>> {
    let verbs = ontology.words.cover_verbs.iter().map(String::as_str);
    let i = std::iter::once("关于")
        .chain(verbs)
        .filter_map(|w| title.find(w))
        .min()?;
    let list = agency_list(title[..i].trim(), ontology)?;
    Some(list.into_iter().map(str::to_owned).collect())
}

/// Read the metadata of a document. `warnings` receives conflicts between sources.
/// How far before a decree's number its date may start: "2016年9月21日省人民政府令第223号".
const OWN_DECREE_DATE_SPAN: usize = 24;

pub(crate) fn extract(
    t: &Text,
    layout: &Layout,
    doc: &Document,
    ontology: &Ontology,
    warnings: &mut Vec<Warning>,
) -> Metadata {
    let r = Reading {
        t,
        layout,
        doc,
        ontology,
        top: read_top(t, layout, ontology),
    };
    let mut m = Metadata::default();
    let notice_title = r.title(&mut m);
    m.status = r.top.status.clone();
    let signature_date = r.issuers(&mut m, notice_title.as_ref());
    r.printed_issuer(&mut m);
    r.dates(&mut m, signature_date, warnings);
    r.doc_number(&mut m);
    m.addressees = r.top.addressees.clone().unwrap_or_default();
    r.jurisdiction(&mut m, notice_title.as_ref(), warnings);

    // Citations: never the document itself.
    let mut own = Own::default();
    if let Some(title) = &m.title {
        own.titles.push(title);
    }
    if let Some((title, _)) = &notice_title {
        own.titles.push(title);
    }
    if let Some(cover) = r.top.cover.as_ref().filter(|c| c.included) {
        own.titles.push(&cover.title);
    }
    own.doc_number = m.doc_number.as_deref();
    m.citations = citations(t, &own, ontology);

    m.cover = r.top.cover.map(|mut cover| {
        if cover.included {
            cover.notice_title = notice_title.map(|(t, _)| t).filter(|t| *t != cover.title);
        }
        cover
    });
    m.in_force = in_force::in_force(t, layout, &m);
    m
}

/// Everything the fields are chosen from: the text, its layout, the declared fields and what
/// the top block holds. Each method chooses one field among its sources, strongest first.
struct Reading<'a, 't> {
    t: &'a Text<'t>,
    layout: &'a Layout,
    doc: &'a Document,
    ontology: &'a Ontology,
    top: Top,
}

impl<'a> Reading<'a, '_> {
    fn table(&self, target: LabelField) -> Option<&'a str> {
        table_field(self.doc, self.ontology, target)
    }

    /// A page-table field, else a labelled line of a page copied as text. Not for issuers: a
    /// page's 发布机构 is often the office that posted the notice, not the one that issued it.
    fn labelled(&self, target: LabelField) -> Option<&str> {
        self.table(target).or_else(|| {
            self.top
                .labels
                .iter()
                .find(|(f, _)| *f == target)
                .map(|(_, v)| v.as_str())
        })
    }

    fn front(&self, keys: &[&str]) -> Option<&'a str> {
        field(self.doc, FieldOrigin::FrontMatter, keys)
    }

    fn head(&self, keys: &[&str]) -> Option<&'a str> {
        field(self.doc, FieldOrigin::HtmlHead, keys)
    }

    /// The title; returns the notice's own title (which a cover notice's carried document
    /// replaces as the title) with its source.
    fn title(&self, m: &mut Metadata) -> Option<(String, Source)> {
        let top = &self.top;
        let own_title_in_text = top.title.as_ref().map(|(s, _)| s.clone());
        let notice_title = self
            .labelled(LabelField::Title)
            .map(|s| (s.to_owned(), Source::PageTable))
            .or_else(|| own_title_in_text.clone().map(|s| (s, Source::TitleLine)))
            .or_else(|| {
                self.front(&["title", "标题"])
                    .map(|s| (s.to_owned(), Source::FrontMatter))
            })
            .or_else(|| {
                self.head(&["ArticleTitle"])
                    .map(|s| (s.to_owned(), Source::HtmlHead))
            })
            // The heading the page prints above the notice, when it reads as a title: the
            // <title> is often the site's name alone.
            .or_else(|| {
                field(self.doc, FieldOrigin::PageHeading, &["标题"])
                    .filter(|s| reads_as_title(s, self.ontology))
                    .map(|s| (s.to_owned(), Source::PageHeading))
            })
            .or_else(|| {
                self.head(&["title"])
                    .map(|s| (head_title(s, self.ontology).to_owned(), Source::HtmlHead))
            });
        // A 印发/转发 notice is titled by its own title line; the carried document's title
        // (kept in `cover`) stands in only when the notice has none.
        match (&notice_title, &top.cover) {
            (Some((title, source)), _) => {
                m.title = Some(title.clone());
                m.sources.title = Some(*source);
            }
            (None, Some(c)) if c.included => {
                m.title = Some(c.title.clone());
                m.sources.title = Some(Source::CoverNotice);
            }
            _ => {}
        }
        notice_title
    }

    /// A page's 标题 field that drops the issuer the text prints before the same title
    /// ("关于印发…的通知" above a body opening "平潭综合实验区管委会办公室关于印发…的通知"): the
    /// title as the document prints it, with its issuer.
    fn printed_issuer(&self, m: &mut Metadata) {
        let Some(title) = m.title.as_deref() else {
            return;
        };
        if m.sources.title != Some(Source::PageTable) || !title.starts_with("关于") {
            return;
        }
        let issuers = m.issuers.join("、");
        if issuers.is_empty() {
            return;
        }
        let printed = format!("{issuers}{title}");
        if self.t.norm_text().contains(&printed) {
            m.title = Some(printed);
        }
    }

    /// The issuers; returns the date of the 落款 chosen: at the end of the text, else before
    /// attachments, else the one of a cover notice in the preamble.
    fn issuers(&self, m: &mut Metadata, notice_title: Option<&(String, Source)>) -> Option<Date> {
        let (t, layout, ontology, top) = (self.t, self.layout, self.ontology, &self.top);
        let (closing_issuers, closing_date) = closing_signature(t, layout, ontology);
        // Looked for once, and only when needed: it scans the body line by line.
        let body = std::cell::OnceCell::new();
        let body_signature = || {
            body.get_or_init(|| body_signature(t, layout, ontology))
                .clone()
        };
        let signature: Option<Signature> = match closing_date {
            Some(date) if !closing_issuers.is_empty() => Some((closing_issuers, date)),
            _ => body_signature().or_else(|| top.signature.clone()),
        };
        // The notice's own 落款 names the body its title names. In a cover notice (…转发国家教委
        // 关于…的通知) it stands in the preamble, and the carried document's 落款 closes the text.
        let title_issuers = notice_title.and_then(|(title, _)| issuers_in_title(title, ontology));
        let own = title_issuers.as_ref().and_then(|named| {
            let names_the_title = |s: &Signature| !s.0.is_empty() && &s.0 == named;
            signature
                .clone()
                .filter(names_the_title)
                .or_else(|| top.signature.clone().filter(names_the_title))
                .or_else(|| body_signature().filter(names_the_title))
        });
        let signature_date = own
            .as_ref()
            .or(signature.as_ref())
            .map(|(_, d)| *d)
            .or(closing_date);
        // The document names its issuer twice, in its title and its 落款: that beats a site's
        // 发文机关 field, which may name the parent body ("江西省市场监督管理局" for a notice of
        // its 办公室).
        let stated_twice = own.map(|(names, _)| (names, Source::Signature));
        let issuers_and_source: Option<(Vec<String>, Source)> = stated_twice
            .or_else(|| {
                self.table(LabelField::Issuers).and_then(|v| {
                    let list: Vec<String> = agency_list(v, ontology)
                        .map(|l| l.into_iter().map(str::to_owned).collect())
                        .unwrap_or_else(|| vec![v.to_owned()]);
                    (!list.is_empty()).then_some((list, Source::PageTable))
                })
            })
            .or_else(|| {
                signature
                    .as_ref()
                    .filter(|(names, _)| !names.is_empty())
                    .map(|(names, _)| (names.clone(), Source::Signature))
            })
            .or_else(|| title_issuers.map(|v| (v, Source::Title)))
            .or_else(|| top.header_issuers.clone().map(|v| (v, Source::TitleLine)))
            .or_else(|| {
                top.history
                    .iter()
                    .find_map(|h| {
                        adopting_body(&h.event, ontology)
                            .or_else(|| decree(&h.event, ontology).map(|(_, body)| body))
                    })
                    .map(|b| (vec![b], Source::History))
            })
            .or_else(|| speaker_body(t, layout, ontology).map(|b| (vec![b], Source::Speaker)));
        if let Some((list, source)) = issuers_and_source {
            m.issuers = list;
            m.sources.issuers = Some(source);
        }
        signature_date
    }

    /// The date (成文日期), the publication date and the regulation history.
    fn dates(&self, m: &mut Metadata, signature_date: Option<Date>, warnings: &mut Vec<Warning>) {
        let top = &self.top;
        let published = self
            .labelled(LabelField::Published)
            .and_then(parse_date)
            .map(|d| (d, Source::PageTable))
            .or_else(|| {
                self.front(&["date", "published", "发布日期"])
                    .and_then(parse_date)
                    .map(|d| (d, Source::FrontMatter))
            })
            .or_else(|| top.dateline.map(|d| (d, Source::Dateline)));
        m.published = published.map(|(d, _)| d.iso());
        let written = self.labelled(LabelField::Written).and_then(parse_date);
        // A 转发/印发 notice whose text runs on into the carried document: a 落款 found after
        // the cover may close the carried document (国办发〔1996〕32号 forwards a 请示 signed
        // 一九九六年五月十三日), so a page's 成文日期 that differs from it dates the notice.
        let carried = top.cover.is_some();
        if let (Some(s), Some(w)) = (signature_date, written) {
            if s != w {
                let used = if carried {
                    "the 成文日期"
                } else {
                    "the 落款"
                };
                warnings.push(Warning {
                    message: format!(
                        "the 落款 date {} differs from the page's 成文日期 {}; using {used}",
                        s.iso(),
                        w.iso()
                    ),
                    span: None,
                });
            }
        }
        let history_date = top.history.last().and_then(|h| parse_date(&h.date));
        let date = signature_date
            .filter(|&s| !(carried && written.is_some_and(|w| w != s)))
            .map(|d| (d, Source::Signature))
            .or_else(|| self.own_decree_date().map(|d| (d, Source::History)))
            .or_else(|| written.map(|d| (d, Source::PageTable)))
            .or_else(|| history_date.map(|d| (d, Source::History)))
            .or_else(|| top.bare_date.map(|d| (d, Source::PreambleDate)))
            .or(published);
        if let Some((d, source)) = date {
            m.date = Some(d.iso());
            m.sources.date = Some(source);
        }
        m.history = top.history.clone();
    }

    /// The date the text gives the decree that is this document: a republished rule's history
    /// line names it ("（2011年8月26日省人民政府令第190号公布　2016年9月21日省人民政府令第223号
    /// 修正）" in 江西省人民政府令第223号, which a page dates by its re-publication).
    fn own_decree_date(&self) -> Option<Date> {
        let number = self
            .labelled(LabelField::DocNumber)
            .or(self.top.doc_number.as_deref())?;
        let own = &number[number.rfind('令')?..];
        if own.chars().count() < 4 {
            return None;
        }
        let text = self.t.norm_text();
        text.match_indices(own).find_map(|(i, _)| {
            let before = &text[..i];
            let from = before
                .char_indices()
                .rev()
                .take(OWN_DECREE_DATE_SPAN)
                .map(|(b, _)| b)
                .filter(|&b| date_at(&before[b..]).is_some())
                .last()?;
            date_at(&before[from..]).map(|(d, _)| d)
        })
    }

    /// The 文号.
    fn doc_number(&self, m: &mut Metadata) {
        if let Some(n) = self
            .labelled(LabelField::DocNumber)
            .filter(|n| names_a_doc_number(n))
        {
            m.doc_number = Some(n.to_owned());
            m.sources.doc_number = Some(Source::PageTable);
        } else if let Some(n) = &self.top.doc_number {
            m.doc_number = Some(n.clone());
            m.sources.doc_number = Some(Source::DocNumberLine);
        } else if let Some((n, _)) = self
            .top
            .history
            .iter()
            .rev()
            .find_map(|h| decree(&h.event, self.ontology))
        {
            // A rule promulgated by decree is numbered by it ("…部令第2号公布").
            m.doc_number = Some(n);
            m.sources.doc_number = Some(Source::History);
        }
    }

    /// The jurisdiction, from the issuers, the 文号, the title or the body, in that order.
    fn jurisdiction(
        &self,
        m: &mut Metadata,
        notice_title: Option<&(String, Source)>,
        warnings: &mut Vec<Warning>,
    ) {
        let j = &self.ontology.jurisdictions;
        let by_issuer = m.issuers.iter().find_map(|i| j.of_agency(i));
        let by_number = m
            .doc_number
            .as_deref()
            .and_then(|n| j.from_doc_number(&crate::normalize::normalize(n).text));
        let by_title = m
            .title
            .iter()
            .chain(notice_title.map(|(t, _)| t))
            .find_map(|title| j.of_agency(title.trim_start_matches(['“', '"'])));
        // An issuer's own county, city or zone, more specific than any listed place before it.
        let by_issuer_place = m
            .issuers
            .iter()
            .find_map(|i| unlisted_place(i, self.ontology))
            .or_else(|| {
                let title = notice_title.map(|(t, _)| t).or(m.title.as_ref())?;
                let head = &title[..title.find("关于")?];
                unlisted_place(head.trim(), self.ontology)
            })
            .or_else(|| {
                let title = notice_title.map(|(t, _)| t).or(m.title.as_ref())?;
                place_before_year(title, self.ontology)
            });
        let jurisdiction = by_issuer_place
            .map(|x| (x, Source::Issuer))
            .or_else(|| by_issuer.map(|x| (x.name.clone(), Source::Issuer)))
            .or_else(|| by_number.map(|x| (x.name.clone(), Source::DocNumber)))
            .or_else(|| by_title.map(|x| (x.name.clone(), Source::Title)))
            .or_else(|| {
                // Written to every province ("各省、自治区、直辖市劳动和社会保障厅（局）"): only
                // a national body does that.
                let national = &self.ontology.words.national_addressees;
                m.addressees
                    .iter()
                    .any(|a| national.iter().any(|w| a.starts_with(w.as_str())))
                    .then(|| j.national())
                    .flatten()
                    .map(|x| (x.name.clone(), Source::Addressees))
            })
            .or_else(|| jurisdiction_from_body(self.t, self.ontology).map(|x| (x, Source::Body)));
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
    }
}
