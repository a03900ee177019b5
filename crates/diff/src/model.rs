//! The result of a comparison: what `policykg diff --format json` prints and what the renderers
//! read. Every span counts **characters** of the `Document::text` of its version.

use policykg_read::Span;
use serde::Serialize;

/// A comparison of two versions of one policy.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// 修订前: the version given first.
    pub old: DocInfo,
    /// 修订后.
    pub new: DocInfo,
    pub summary: Summary,
    /// Replacements made throughout the text (市场主体 → 经营主体), stated once rather than row
    /// by row.
    pub systematic: Vec<Replacement>,
    /// The rows of the 对照表, in reading order of the new version (deleted units where they
    /// stood).
    pub rows: Vec<Row>,
    /// Targets, amounts, agencies and tasks that changed, and changed figures in the text.
    pub changes: Vec<Change>,
    /// Where the two files came from and when they were compared, for the report's footer; set
    /// by the caller that read the files (the comparison itself never sees them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// What a filed 对照表 says about its own making: the tool, the exact input files, the time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The tool and its version ("policykg 0.1.0").
    pub tool: String,
    /// SHA-256 of the old file's bytes, as hex.
    pub old_sha256: String,
    /// SHA-256 of the new file's bytes, as hex.
    pub new_sha256: String,
    /// When the comparison was made, as the caller gives it (the CLI: UTC, RFC 3339).
    pub time: String,
}

/// What identifies one version in a report header.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocInfo {
    /// The path or label the document was read from.
    pub source: String,
    pub title: Option<String>,
    /// 征求意见稿 / 送审稿 / 草案, when the document says so.
    pub status: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    /// The policy's name: the title of the document a cover notice carries (印发《X》), else the
    /// title. Two versions of one policy share it (see [`Summary::same_name`]).
    pub name: Option<String>,
    /// How the text was cut into units.
    pub granularity: Granularity,
    /// Number of units compared.
    pub units: usize,
}

/// What the units of a version are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// 第X条 of a regulation (with chapter headings as their own units).
    Articles,
    /// Numbered items of a notice (with section headings as their own units).
    #[default]
    Items,
    /// Paragraphs, for a text without numbered headings (a news article).
    Paragraphs,
}

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 第X条, with everything under it.
    Article,
    /// A numbered item without sub-items (1．, （一）, 一是).
    Item,
    /// A heading with units under it (第一章 总则, 二、重点任务); only its own text.
    Heading,
    /// A line before the first heading (title, addressees, lead paragraph).
    Preamble,
    /// A line of the closing block (特此通知, 落款).
    Closing,
    /// A paragraph of a text without an outline.
    Paragraph,
}

impl UnitKind {
    /// Headings are compared only with headings, everything else with everything else.
    pub(crate) fn is_heading(self) -> bool {
        self == UnitKind::Heading
    }
}

/// One unit of one version as it appears in a row.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRef {
    /// Index in the version's unit list.
    pub index: usize,
    pub kind: UnitKind,
    /// The number as written ("第五条", "1．", "（一）"); empty for paragraphs.
    pub number: String,
    /// Outline path ("二/（一）/1"); empty for paragraphs.
    pub path: String,
    /// The text after the number, as written.
    pub text: String,
    /// Where `text` is in the document.
    pub span: Span,
}

impl UnitRef {
    /// Where the unit is, in full, as a citation writes it: "第十二条" for an article (articles
    /// are numbered through the whole text), "第二部分第（三）项第7条" for an item of a notice
    /// (its path 二/（三）/7), "第一章" for a heading; 文首 / 文尾 for lines of the preamble and
    /// the closing block, "第N段" for a paragraph of a text without an outline.
    pub fn locator(&self) -> String {
        match self.kind {
            UnitKind::Preamble => return "文首".to_owned(),
            UnitKind::Closing => return "文尾".to_owned(),
            UnitKind::Paragraph if self.path.is_empty() => {
                return format!("第{}段", self.index + 1)
            }
            _ => {}
        }
        let parts: Vec<&str> = self.path.split('/').filter(|p| !p.is_empty()).collect();
        let Some(last) = parts.last() else {
            return self.number.trim().to_owned();
        };
        if self.kind == UnitKind::Article && last.starts_with('第') {
            return (*last).to_owned();
        }
        parts.iter().map(|p| locator_part(p)).collect()
    }
}

/// One level of a path as a citation writes it: 二 → 第二部分, （三） → 第（三）项, 7 → 第7条;
/// 第X章 / 第X条 and anything else as written.
fn locator_part(part: &str) -> String {
    let chinese_numeral = |c: char| "〇零一二三四五六七八九十百".contains(c);
    if part.starts_with('第') {
        part.to_owned()
    } else if part.starts_with(['（', '(']) {
        format!("第{part}项")
    } else if part.chars().all(chinese_numeral) {
        format!("第{part}部分")
    } else if part
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        format!("第{part}条")
    } else {
        part.to_owned()
    }
}

/// How a row relates its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Same text, same number.
    Unchanged,
    /// Same text, new number.
    Renumbered,
    /// Text changed, in its place (perhaps with a new number too: see [`Row::renumbered`]).
    Modified,
    /// Out of the order of the other units (perhaps also modified and renumbered).
    Moved,
    /// One old unit became several new ones (or, text reorganised, several became more).
    Split,
    /// Several old units became one new one (or fewer new ones).
    Merged,
    /// Only in the new version (修订前: 新增).
    Added,
    /// Only in the old version (删除).
    Deleted,
}

impl RowKind {
    pub const ALL: [RowKind; 8] = [
        RowKind::Unchanged,
        RowKind::Renumbered,
        RowKind::Modified,
        RowKind::Moved,
        RowKind::Split,
        RowKind::Merged,
        RowKind::Added,
        RowKind::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RowKind::Unchanged => "unchanged",
            RowKind::Renumbered => "renumbered",
            RowKind::Modified => "modified",
            RowKind::Moved => "moved",
            RowKind::Split => "split",
            RowKind::Merged => "merged",
            RowKind::Added => "added",
            RowKind::Deleted => "deleted",
        }
    }

    /// The word a 修订前后对照表 uses.
    pub fn chinese(self) -> &'static str {
        match self {
            RowKind::Unchanged => "未改",
            RowKind::Renumbered => "条序变化",
            RowKind::Modified => "修改",
            RowKind::Moved => "移动",
            RowKind::Split => "拆分",
            RowKind::Merged => "合并",
            RowKind::Added => "新增",
            RowKind::Deleted => "删除",
        }
    }
}

/// One row of the 对照表.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// The old units (none when added; several when merged).
    pub old: Vec<UnitRef>,
    /// The new units (none when deleted; several when split).
    pub new: Vec<UnitRef>,
    /// The text changed (beyond white space).
    pub modified: bool,
    /// The number changed.
    pub renumbered: bool,
    /// Out of order with the rows around it.
    pub moved: bool,
    /// Similarity of the old and new text, 0 to 1 (Dice coefficient of character trigram sets).
    pub similarity: Option<f64>,
    /// Inserted and deleted phrases, in order.
    pub hunks: Vec<Hunk>,
    /// Every hunk is one of [`Diff::systematic`]: the row changed only by those replacements.
    pub systematic_only: bool,
    /// A row of cover-notice or status lines (文首与状态): listed before the substantive rows,
    /// counted in [`Summary::front`] and not as added or deleted, and without structured changes.
    pub front: bool,
}

impl Row {
    /// "第五条" or "第五条、第六条" for one side; the path when there is no number.
    pub fn label(units: &[UnitRef]) -> String {
        units
            .iter()
            .map(|u| {
                if !u.number.is_empty() {
                    u.number.clone()
                } else if !u.path.is_empty() {
                    u.path.clone()
                } else {
                    format!("¶{}", u.index + 1)
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The units' [`UnitRef::locator`]s, joined by 、 (a run of 文首 lines said once).
    pub fn locators(units: &[UnitRef]) -> String {
        let mut all: Vec<String> = units.iter().map(UnitRef::locator).collect();
        all.dedup();
        all.join("、")
    }

    /// Where the row is in both versions: "第二部分第（三）项第7条" when both say the same,
    /// "修订前 X，修订后 Y" when they differ, one side for an added or deleted row.
    pub fn place(&self) -> String {
        let (old, new) = (Row::locators(&self.old), Row::locators(&self.new));
        match (old.is_empty(), new.is_empty()) {
            (true, _) => format!("修订后{new}"),
            (_, true) => format!("修订前{old}"),
            _ if old == new => old,
            _ => format!("修订前{old}，修订后{new}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HunkOp {
    Insert,
    Delete,
    Replace,
}

/// A deleted and/or inserted phrase.
#[derive(Debug, Clone, Serialize)]
pub struct Hunk {
    pub op: HunkOp,
    /// The deleted text, one piece per old unit it touches (usually one).
    pub old: Vec<Piece>,
    /// The inserted text, one piece per new unit it touches.
    pub new: Vec<Piece>,
    /// Index into [`Diff::systematic`] when this is one of those replacements.
    pub systematic: Option<usize>,
}

/// Text of one unit inside a hunk.
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    /// Index into the row's `old` or `new` units.
    pub unit: usize,
    pub span: Span,
    pub text: String,
}

/// A replacement made throughout the text.
#[derive(Debug, Clone, Serialize)]
pub struct Replacement {
    pub old: String,
    pub new: String,
    /// Times it was made.
    pub count: usize,
    /// Rows it was made in.
    pub rows: Vec<usize>,
    /// Units of the new version that still contain the old wording, by label.
    pub remaining: Vec<String>,
}

/// What changed in the facts of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    TargetChanged,
    TargetAdded,
    TargetRemoved,
    AmountChanged,
    AmountAdded,
    AmountRemoved,
    AgencyAdded,
    AgencyRemoved,
    AgencyRoleChanged,
    TaskAdded,
    TaskRemoved,
    /// A number in the text changed where no target or amount explains it.
    FigureChanged,
    FigureAdded,
    FigureRemoved,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::TargetChanged => "target_changed",
            ChangeKind::TargetAdded => "target_added",
            ChangeKind::TargetRemoved => "target_removed",
            ChangeKind::AmountChanged => "amount_changed",
            ChangeKind::AmountAdded => "amount_added",
            ChangeKind::AmountRemoved => "amount_removed",
            ChangeKind::AgencyAdded => "agency_added",
            ChangeKind::AgencyRemoved => "agency_removed",
            ChangeKind::AgencyRoleChanged => "agency_role_changed",
            ChangeKind::TaskAdded => "task_added",
            ChangeKind::TaskRemoved => "task_removed",
            ChangeKind::FigureChanged => "figure_changed",
            ChangeKind::FigureAdded => "figure_added",
            ChangeKind::FigureRemoved => "figure_removed",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            ChangeKind::TargetChanged => "目标调整",
            ChangeKind::TargetAdded => "新增目标",
            ChangeKind::TargetRemoved => "删除目标",
            ChangeKind::AmountChanged => "金额调整",
            ChangeKind::AmountAdded => "新增金额",
            ChangeKind::AmountRemoved => "删除金额",
            ChangeKind::AgencyAdded => "新增部门",
            ChangeKind::AgencyRemoved => "删除部门",
            ChangeKind::AgencyRoleChanged => "部门职责变化",
            ChangeKind::TaskAdded => "新增任务",
            ChangeKind::TaskRemoved => "删除任务",
            ChangeKind::FigureChanged => "数字变化",
            ChangeKind::FigureAdded => "新增数字",
            ChangeKind::FigureRemoved => "删除数字",
        }
    }
}

/// A structured change: a target, amount, agency, task or figure of one row.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// Index into [`Diff::rows`].
    pub row: usize,
    /// What it is about: the target's metric, the amount's recipient or context, the agency's
    /// canonical name, the task's heading, or the clause around a figure.
    pub subject: String,
    /// The old and new value as a reader writes it ("4000家以上（2024年）", "50万元",
    /// "lead").
    pub old: Option<String>,
    pub new: Option<String>,
    /// The fields that differ, with exact values (decimals as strings).
    pub fields: Vec<FieldChange>,
    pub old_span: Option<Span>,
    pub new_span: Option<Span>,
}

/// One field of a target or amount that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Change {
    /// One line for people and for tests: `kind subject: old → new`.
    pub fn describe(&self) -> String {
        let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "∅".to_owned());
        format!(
            "{} {}: {} → {}",
            self.kind.as_str(),
            self.subject,
            side(&self.old),
            side(&self.new)
        )
    }
}

/// Counts for the top of a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub renumbered: usize,
    pub modified: usize,
    pub moved: usize,
    pub split: usize,
    pub merged: usize,
    pub added: usize,
    pub deleted: usize,
    /// Modified rows whose only changes are systematic replacements.
    pub systematic_only: usize,
    /// Rows of cover-notice and status lines ([`Row::front`]), whatever their kind: not in the
    /// counts above.
    pub front: usize,
    /// Structured changes by kind (`target_changed` …), in [`ChangeKind`] order.
    pub changes: Vec<(ChangeKind, usize)>,
    /// How much of the two texts the alignment carried over, 0 to 1: over the clauses of both
    /// versions (articles, items, paragraphs; headings, preamble and closing lines left out),
    /// the mean similarity of the row each clause is in, 0 for an added or deleted one.
    pub aligned: f64,
    /// Both versions have a name and the names are the same once spaces, 《》 and parenthesised
    /// parts (（征求意见稿）, （修订）, （试行）) are left out.
    pub same_name: bool,
    /// The two documents look unrelated: their names differ and `aligned` is below
    /// [`UNRELATED_BELOW`].
    pub unrelated: bool,
}

/// Below this [`Summary::aligned`], two documents with different names look unrelated.
///
/// Chosen on the real pairs of corpus/ and corpus-dev (see the README, `policykg diff`): the
/// versions of one policy score 0.07–0.99 (a 2010 regulation rewritten in 2024 keeps its name but
/// little text: 0.07; the pairs whose names differ, 0.74 and above), and 600 ordered pairs of
/// unrelated documents score at most 0.29 (two cities' 优化营商环境条例, one modelled on the other).
pub const UNRELATED_BELOW: f64 = 0.4;

impl Summary {
    pub fn count(&self, kind: RowKind) -> usize {
        match kind {
            RowKind::Unchanged => self.unchanged,
            RowKind::Renumbered => self.renumbered,
            RowKind::Modified => self.modified,
            RowKind::Moved => self.moved,
            RowKind::Split => self.split,
            RowKind::Merged => self.merged,
            RowKind::Added => self.added,
            RowKind::Deleted => self.deleted,
        }
    }

    pub(crate) fn of(rows: &[Row], changes: &[Change], old: &DocInfo, new: &DocInfo) -> Summary {
        let mut s = Summary::default();
        for r in rows {
            if r.front {
                s.front += 1;
                continue;
            }
            *match r.kind {
                RowKind::Unchanged => &mut s.unchanged,
                RowKind::Renumbered => &mut s.renumbered,
                RowKind::Modified => &mut s.modified,
                RowKind::Moved => &mut s.moved,
                RowKind::Split => &mut s.split,
                RowKind::Merged => &mut s.merged,
                RowKind::Added => &mut s.added,
                RowKind::Deleted => &mut s.deleted,
            } += 1;
            if r.systematic_only {
                s.systematic_only += 1;
            }
        }
        let mut by_kind = std::collections::BTreeMap::new();
        for c in changes {
            *by_kind.entry(c.kind).or_insert(0) += 1;
        }
        s.changes = by_kind.into_iter().collect();
        s.aligned = aligned(rows);
        s.same_name = match (name_key(old), name_key(new)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        s.unrelated = !s.same_name && s.aligned < UNRELATED_BELOW;
        s
    }
}

/// [`Summary::aligned`]: over the clauses of both sides, the mean similarity of their rows
/// (over every unit when a text has only headings, preamble and closing lines; 1 when there is
/// nothing to compare).
fn aligned(rows: &[Row]) -> f64 {
    let clause = |u: &&UnitRef| {
        !matches!(
            u.kind,
            UnitKind::Heading | UnitKind::Preamble | UnitKind::Closing
        )
    };
    let mean = |only_clauses: bool| {
        let (mut n, mut sum) = (0usize, 0.0);
        for r in rows {
            let k = r
                .old
                .iter()
                .chain(&r.new)
                .filter(|u| !only_clauses || clause(u))
                .count();
            n += k;
            sum += k as f64 * r.similarity.unwrap_or(0.0);
        }
        (n > 0).then(|| sum / n as f64)
    };
    let share = mean(true).or_else(|| mean(false)).unwrap_or(1.0);
    (share * 1000.0).round() / 1000.0
}

/// A name as compared between versions: no white space, no 《》, no parenthesised parts.
fn name_key(d: &DocInfo) -> Option<String> {
    let name = d.name.as_deref().or(d.title.as_deref())?;
    let mut key = String::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '《' | '》' => {}
            c if depth == 0 && !c.is_whitespace() => key.push(c),
            _ => {}
        }
    }
    (!key.is_empty()).then_some(key)
}
