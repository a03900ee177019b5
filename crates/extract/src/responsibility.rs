//! Responsibility statements: which agencies a task names, and in which role.
//!
//! The styles real notices use, all read here:
//! - a trailing parenthesis closing a run of sentences: "（省经济和信息化厅、省财政厅，各市人民政府按职责
//!   分工负责）", "（省发展改革委牵头，省工业和信息化厅按职责分工负责）", "（农业农村部、工业和信息化部
//!   牵头负责）", "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）";
//! - a labelled parenthesis: "（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，
//!   各区、县级市）", "（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：…）";
//! - labelled lines under a task: "牵头单位：…", "责任单位：…", "配合单位：…";
//! - table columns 牵头单位 / 责任单位 / 配合单位 (see [`crate::tasks`]);
//! - prose, best effort: "由省发展改革委…等省级主管部门（单位）牵头…，其他相关部门（单位）配合",
//!   "市发展民营经济工作领导小组统筹协调…".
//!
//! The grammar is here; the words (牵头单位, 配合, 按职责分工负责, 列第一位者为牵头单位 …) are data in
//! `ontology/agencies/roles.tsv`, and names are resolved through the gazetteer.
//!
//! Lists split on 、，；。 outside brackets, except inside names the gazetteer lists with a 、
//! (各区、县级市) and inside "各省、自治区、直辖市…"-style collectives; a trailing 等 / 等单位 /
//! 等有关部门 is dropped and marks the list open; a name without a prefix inherits the prefix of
//! the name before it ("省科技厅、工业和信息化厅": both provincial).
//!
//! Roles (see [`roles`]): 牵头 → lead; 配合, or listed beside an explicit lead → support;
//! otherwise the document's [`RoleConvention`](crate::model::RoleConvention) decides: declared ("列第一位者为牵头单位", for the
//! whole document — also for statements before the declaration, which real notices place in
//! their first statement), first listed (a document that never marks a lead), or joint (a
//! document that marks leads elsewhere). In a document that marks leads, a prose body that is
//! the sole subject of its own clause leads: it is charged alone, not listed together.

mod convention;
mod lines;
mod list;
mod parenthesis;
mod prose;
mod table;

use policykg_ontology::{Jurisdiction, Ontology};
use policykg_read::Span;
use serde::Serialize;

#[cfg(doc)]
use crate::model::RoleConvention;
use crate::model::StatementStyle;
use lines::labelled_lines;
use list::Offsets;
use parenthesis::{in_parentheses, parentheses};

pub use convention::{convention, roles};
pub(crate) use list::closes_name;
pub(crate) use list::first_chars;
pub use list::{apply_standing, standing};
pub use prose::find_prose;
pub(crate) use prose::{duty::DutyWords, find_prose_many, find_prose_with, owners_before_colon};
pub use table::{column_role, parse_cell};

/// Whether `line` is a labelled line that names no body: officials (责任领导：), a contact
/// (联系人：) or a time (完成时限：). Such a line after a task's unit lines belongs to that task.
pub(crate) fn is_ignored_label_line(line: &str, ontology: &Ontology) -> bool {
    list::label_at(line.trim_start(), ontology)
        .is_some_and(|(role, _, _)| role == policykg_ontology::RoleWord::Ignore)
}

/// The longest name in a list, in characters: longer pieces are sentences, not names.
const MAX_NAME: usize = 40;
/// What a statement says about one name, before the document's convention is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// 牵头, 牵头单位.
    Lead,
    /// The subject of 会同: it leads this task, but 会同 marks no lead for the document, and
    /// in a document that never marks one the first-listed body leads beside it.
    With,
    /// 配合, 配合单位, or listed after an explicit lead.
    Support,
    /// 负责, 按职责分工负责, 责任单位, 负责部门: the role follows the convention.
    Responsible,
    /// "A、B按照各自职责…", "按照职责分工": the bodies share the duty, none leading, whatever
    /// the document's convention; a lead named beside them still makes them support.
    Joint,
    /// The object of a support verb ("A配合B处理": B): it does the work, so it leads where the
    /// document marks leads; where it marks none it is read as [`Mark::Responsible`].
    Helped,
}

/// One name of a statement, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub mention: String,
    /// Character span in the document.
    pub span: Span,
    pub mark: Mark,
}

/// A responsibility statement, before roles are decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub style: StatementStyle,
    /// Character span in the document: the parenthesis with its brackets, the labelled lines,
    /// the table cells, or the prose sentence.
    pub span: Span,
    pub text: String,
    pub items: Vec<Item>,
    /// The list ended in 等 / 等单位 / 等有关部门.
    pub open_list: bool,
    /// It declares "列第一位者为牵头单位".
    pub declares_first_listed: bool,
    /// It marks a lead with 牵头 / 牵头单位.
    pub marks_lead: bool,
    /// Labelled parts that are not lists of agencies, as written: "适用范围：浙江自贸试验区".
    pub remarks: Vec<String>,
}

/// The responsibility statements of a text: parentheses and labelled lines. `base` is the
/// character offset of `text` in the document.
pub fn find_statements(
    text: &str,
    base: usize,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Statement> {
    let offsets = Offsets::new(text, base);
    let mut out = Vec::new();
    let parens = parentheses(text);
    out.extend(in_parentheses(text, &offsets, &parens, scope, ontology));
    out.extend(labelled_lines(text, &offsets, &parens, scope, ontology));
    out.sort_by_key(|s| s.span.start);
    out
}

/// [`find_statements`] of each of `texts` (each with the character it starts at), each reader
/// over all the texts before the next: read text by text, the parentheses' reader and the
/// labelled lines' evicted each other's code from the instruction cache.
pub(crate) fn find_statements_many(
    texts: &[(&str, usize)],
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<Vec<Statement>> {
    let read: Vec<_> = texts
        .iter()
        .map(|&(text, base)| (text, Offsets::new(text, base), parentheses(text)))
        .collect();
    let mut all: Vec<Vec<Statement>> = read
        .iter()
        .map(|(text, offsets, parens)| in_parentheses(text, offsets, parens, scope, ontology))
        .collect();
    for ((text, offsets, parens), out) in read.iter().zip(&mut all) {
        out.extend(labelled_lines(text, offsets, parens, scope, ontology));
    }
    for out in &mut all {
        out.sort_by_key(|s| s.span.start);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(String, Mark)> {
        let o = Ontology::bundled();
        let st = find_statements(text, 0, o.jurisdictions.get("安徽省"), o);
        st.into_iter()
            .flat_map(|s| s.items)
            .map(|i| (i.mention, i.mark))
            .collect()
    }

    #[test]
    fn lists_split_but_collectives_stay_whole() {
        let got = marks("（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局，各区、县级市）");
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "市发展改革委",
                "市委组织部",
                "市人力资源和社会保障局",
                "各区、县级市"
            ]
        );
        assert_eq!(got[0].1, Mark::Lead);
        assert!(got[1..].iter().all(|(_, m)| *m == Mark::Support));
        let got = marks("（各省、自治区、直辖市人民政府，财政部负责）");
        assert_eq!(got[0].0, "各省、自治区、直辖市人民政府");
    }

    #[test]
    fn not_every_parenthesis_is_a_statement() {
        assert!(marks("印发《规划》（以下简称《规划》）。").is_empty());
        assert!(marks("鼓励建立企业技术（工程）中心。").is_empty());
        assert!(marks("报送自查报告（含电子文档）。").is_empty());
        assert!(marks("（由企业自行负责）").is_empty());
    }
}
