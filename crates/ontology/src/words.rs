//! The words of official documents (`ontology/documents/words.tsv`) and the labels of page
//! metadata tables with the field each fills (`ontology/documents/page_labels.tsv`).
//!
//! These are what the outline reads a document's shape by (document types, cover and amendment
//! verbs, closing-block words, words before a 文号), and what the extractor reads tables and
//! statements by (task columns, level words, prose fillers). Each role is a typed list, longest
//! word first, so that a stage never compares against a role by its name.

use serde::Serialize;

use crate::{tsv, OntologyError};

const WORD_COLUMNS: &[&str] = &["word", "role"];
const LABEL_COLUMNS: &[&str] = &["label", "field"];

pub(crate) const BUNDLED_WORDS: (&str, &str) = (
    "ontology/documents/words.tsv",
    include_str!("../../../ontology/documents/words.tsv"),
);
pub(crate) const BUNDLED_LABELS: (&str, &str) = (
    "ontology/documents/page_labels.tsv",
    include_str!("../../../ontology/documents/page_labels.tsv"),
);

/// The lists of `ontology/documents/words.tsv`, one per role (see the file's header).
#[derive(Debug, Clone, Default)]
pub struct DocumentWords {
    /// A title ends with one: 通知, 意见, 办法 …
    pub document_types: Vec<String>,
    /// The verb of a cover notice: 印发, 转发 …
    pub cover_verbs: Vec<String>,
    /// An adoption or amendment line holds one: 通过, 修正 …
    pub history_verbs: Vec<String>,
    /// Stands before a 文号 without belonging to its prefix: 根据, 按照 …
    pub citation_leads: Vec<String>,
    /// An addressee line holds one: 政府, 部门 …
    pub addressee_words: Vec<String>,
    /// A note after the 落款 starts with one: 此件, 抄送 …
    pub closing_notes: Vec<String>,
    /// The closing formula starts with one: 特此.
    pub closing_formulas: Vec<String>,
    /// A line listing or opening the attachments starts with one: 附件, 附表, 附.
    pub attachment_labels: Vec<String>,
    /// A caption or byline starts with one: 图为, 来源 …
    pub not_subheadings: Vec<String>,
    /// The header of a task column holds one: 任务, 措施 …
    pub task_columns: Vec<String>,
    /// May follow 各省 / 各区 inside one collective: 自治区, 直辖市 …
    pub level_words: Vec<String>,
    /// The level words below a county: 乡, 镇, 街道.
    pub township_words: Vec<String>,
    /// Level words a one-character place name may stand before: 县 (歙县, 泾县).
    pub short_place_levels: Vec<String>,
    /// Opens a word before a level word that names no place: 本县, 全县, 各县 …
    pub not_place_stems: Vec<String>,
    /// Between the subject and the verb of a prose statement: 要切实发挥 …
    pub prose_fillers: Vec<String>,
    /// A central body's name starts with one: 国务院, 国家 …
    pub central_prefixes: Vec<String>,
    /// A line starting with one greets people, not a 主送 list: 各位代表 …
    pub salutations: Vec<String>,
    /// Goes on after the date of a speech's date line: "2025年1月19日在…会议上".
    pub speech_date_words: Vec<String>,
    /// A speaker says whom they speak for after it: "我代表省人民政府向大会报告工作".
    pub speaker_for: Vec<String>,
    /// The title of a list annexed to the body ends with one: "…部际联席会议成员名单".
    pub annexed_lists: Vec<String>,
    /// An addressee starting with one is every province: 各省、自治区、直辖市 ….
    pub national_addressees: Vec<String>,
    /// A line of a page copied as text that is only one of them is the site's section, not a
    /// title line: 政策文件, 工作动态 ….
    pub page_sections: Vec<String>,
}

/// A word written with full-width colons or brackets (`相关文件：`, `部门（单位）`) as a copy
/// typed with half-width ones writes it (`相关文件:`, `部门(单位)`); `None` when it has none.
pub(crate) fn half_width_twin(word: &str) -> Option<String> {
    word.contains(['：', '（', '）']).then(|| {
        word.chars()
            .map(|c| match c {
                '：' | '（' | '）' => policykg_text::fold::fold_width(c),
                other => other,
            })
            .collect()
    })
}

impl DocumentWords {
    /// Add the rows of a words file.
    pub(crate) fn extend_tsv(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, WORD_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let (word, role) = (tsv::cell(&row, 0), tsv::cell(&row, 1));
            if word.is_empty() {
                return Err(err("empty word".into()));
            }
            let list = match role {
                "doc_type" => &mut self.document_types,
                "cover_verb" => &mut self.cover_verbs,
                "history_verb" => &mut self.history_verbs,
                "citation_lead" => &mut self.citation_leads,
                "addressee_word" => &mut self.addressee_words,
                "closing_note" => &mut self.closing_notes,
                "closing_formula" => &mut self.closing_formulas,
                "attachment_label" => &mut self.attachment_labels,
                "not_subheading" => &mut self.not_subheadings,
                "task_column" => &mut self.task_columns,
                "level_word" => &mut self.level_words,
                "township_word" => &mut self.township_words,
                "short_place_level" => &mut self.short_place_levels,
                "not_place_stem" => &mut self.not_place_stems,
                "prose_filler" => &mut self.prose_fillers,
                "central_prefix" => &mut self.central_prefixes,
                "salutation" => &mut self.salutations,
                "speech_date_word" => &mut self.speech_date_words,
                "speaker_for" => &mut self.speaker_for,
                "annexed_list" => &mut self.annexed_lists,
                "national_addressee" => &mut self.national_addressees,
                "page_section" => &mut self.page_sections,
                other => {
                    return Err(err(format!(
                        "unknown role `{other}` (doc_type, cover_verb, history_verb, \
                         citation_lead, addressee_word, closing_note, closing_formula, \
                         attachment_label, not_subheading, task_column, level_word, township_word, \
                         short_place_level, not_place_stem, prose_filler, central_prefix, \
                         salutation, speech_date_word, speaker_for, annexed_list, \
                         national_addressee or page_section)"
                    )))
                }
            };
            for form in std::iter::once(word.to_owned()).chain(half_width_twin(word)) {
                if !list.contains(&form) {
                    list.push(form);
                }
            }
        }
        for list in [
            &mut self.document_types,
            &mut self.cover_verbs,
            &mut self.history_verbs,
            &mut self.citation_leads,
            &mut self.addressee_words,
            &mut self.closing_notes,
            &mut self.closing_formulas,
            &mut self.attachment_labels,
            &mut self.not_subheadings,
            &mut self.task_columns,
            &mut self.level_words,
            &mut self.township_words,
            &mut self.short_place_levels,
            &mut self.not_place_stems,
            &mut self.prose_fillers,
            &mut self.central_prefixes,
            &mut self.salutations,
            &mut self.speech_date_words,
            &mut self.speaker_for,
            &mut self.annexed_lists,
            &mut self.national_addressees,
            &mut self.page_sections,
        ] {
            list.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        }
        Ok(())
    }

    pub(crate) fn bundled() -> DocumentWords {
        let mut words = DocumentWords::default();
        words
            .extend_tsv(BUNDLED_WORDS.1, BUNDLED_WORDS.0)
            .expect("bundled ontology/documents/words.tsv is valid (checked by tests)");
        words
    }
}

/// The metadata field a page label fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelField {
    Title,
    Issuers,
    /// 成文日期: the date the document was signed.
    Written,
    /// 发布日期: the date it was published.
    Published,
    DocNumber,
}

/// The labels of page metadata tables.
#[derive(Debug, Clone, Default)]
pub struct PageLabels {
    /// (label, field), in file order; `None`: read but mapped to no field.
    labels: Vec<(String, Option<LabelField>)>,
}

impl PageLabels {
    pub(crate) fn extend_tsv(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, LABEL_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let label = tsv::cell(&row, 0);
            if label.is_empty() {
                return Err(err("empty label".into()));
            }
            let field = match tsv::cell(&row, 1) {
                "" => None,
                "title" => Some(LabelField::Title),
                "issuers" => Some(LabelField::Issuers),
                "written" => Some(LabelField::Written),
                "published" => Some(LabelField::Published),
                "doc_number" => Some(LabelField::DocNumber),
                other => {
                    return Err(err(format!(
                        "unknown field `{other}` (title, issuers, written, published, \
                         doc_number, or empty)"
                    )))
                }
            };
            match self.labels.iter_mut().find(|(l, _)| l == label) {
                Some(entry) => entry.1 = field,
                None => self.labels.push((label.to_owned(), field)),
            }
        }
        Ok(())
    }

    pub(crate) fn bundled() -> PageLabels {
        let mut labels = PageLabels::default();
        labels
            .extend_tsv(BUNDLED_LABELS.1, BUNDLED_LABELS.0)
            .expect("bundled ontology/documents/page_labels.tsv is valid (checked by tests)");
        labels
    }

    /// Every label, with its field.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<LabelField>)> {
        self.labels.iter().map(|(l, f)| (l.as_str(), *f))
    }

    /// The labels that fill `field`.
    pub fn of(&self, field: LabelField) -> impl Iterator<Item = &str> {
        self.iter()
            .filter(move |(_, f)| *f == Some(field))
            .map(|(l, _)| l)
    }

    /// The field a label fills.
    pub fn field(&self, label: &str) -> Option<LabelField> {
        self.labels
            .iter()
            .find(|(l, _)| l == label)
            .and_then(|(_, f)| *f)
    }
}
