//! The output contract of the extraction stage.
//!
//! Field names are the keys of `policykg extract --format jsonl` and are relied on by downstream
//! tools (the graph mapping, the CSV writer, researchers' scripts): add fields freely, but do not
//! rename or remove one without updating README.md's "JSON output" section.
//!
//! Numbers are [`Decimal`]s, serialised as JSON numbers with their exact decimal digits
//! (`serde_json`'s `arbitrary_precision`): money is never a float.

use policykg_ontology::AgencyKind;
use policykg_outline::Citation;
use policykg_read::Span;
use rust_decimal::Decimal;
use serde::Serialize;

/// Everything extracted from one document; one line of `extract --format jsonl`.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub source: String,
    /// encoding_rs name of the encoding the file was decoded with.
    pub encoding: String,
    pub title: Option<String>,
    /// A draft status printed under the title: "征求意见稿", "送审稿", "草案".
    pub status: Option<String>,
    pub doc_number: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// When the text enters into force (YYYY-MM-DD), by its own clause ("本规定自2007年12月1日起
    /// 施行"; the outline's `metadata.in_force`).
    pub in_force_date: Option<String>,
    /// Canonical names of the issuing bodies.
    pub issuers: Vec<String>,
    pub jurisdiction: Option<String>,
    pub addressees: Vec<String>,
    pub citations: Vec<Citation>,
    /// How this document assigns roles, which decides every [`RoleBasis`] below.
    pub convention: RoleConvention,
    pub tasks: Vec<Task>,
    pub targets: Vec<Target>,
    pub amounts: Vec<Amount>,
    /// Whatever could not be parsed confidently, with its span.
    pub warnings: Vec<ExtractWarning>,
}

/// The unit a responsibility applies to.
#[derive(Debug, Clone, Serialize)]
pub struct Task {
    /// Stable within the document: the outline path ("二/（一）/1"), plus `#n` for the n-th
    /// responsibility statement inside one item ("二/（一）/1#2"), `p{line}` for a line of a
    /// document without outline, or row `n` of table `k` ("table1/row3").
    pub id: String,
    pub path: String,
    pub heading: String,
    pub text: String,
    pub span: Span,
    pub origin: TaskOrigin,
    pub agencies: Vec<AgencyRole>,
    /// The responsibility list ended in 等 / 等单位 / 等有关部门: more agencies than named.
    pub open_list: bool,
    /// How the responsibility statement is written; `None` when the task names no agency.
    pub responsibility_style: Option<StatementStyle>,
    /// The responsibility statement in the text: the parenthesis with its brackets, the labelled
    /// lines, the table cells or the prose sentence.
    pub responsibility_span: Option<Span>,
    /// Labelled parts of the statement that are not agencies, as written: "适用范围：浙江自贸试验区".
    pub remarks: Vec<String>,
    /// When the task is due, where the text gives it for the whole task; `None` otherwise (a
    /// date bounding one clause, a target's year).
    pub deadline: Option<Deadline>,
}

/// A task's completion time: "2025年底前", "完成时限：2023年6月", "长期坚持", "10个工作日内".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// As written, without a completion verb after it: "2025年底前" of "2025年底前完成"; a
    /// labelled field or table cell whole: "2023年6月底前完成".
    pub text: String,
    pub span: Span,
    pub kind: DeadlineKind,
    /// The last day the text allows, `YYYY-MM-DD`, for a calendar deadline: 2025年底前 →
    /// 2025-12-31, 2019年上半年 → 2019-06-30, 1997年4―6月 → 1997-06-30.
    pub by: Option<String>,
    /// A relative limit's length, counted from the event the text names: 30个工作日内 → 30
    /// working days.
    pub within: Option<TimeLimit>,
    /// How often a recurring deadline comes round: 每季度末 → quarter, 每年12月底前 → year.
    pub every: Option<TimeUnit>,
    pub basis: DeadlineBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A calendar date or period (see [`Deadline::by`]).
    Date,
    /// Within a time after an event: "作出奖励决定之日起10个工作日内" (see [`Deadline::within`]).
    Relative,
    /// No end: 长期坚持, 持续推进, 常态化.
    Ongoing,
    /// Due again every period: 每季度末, 每年12月底前, 每月10日前 (see [`Deadline::every`]).
    Recurring,
    /// A labelled value that is none of these, kept as written.
    Other,
}

/// Where the deadline was read, so that a researcher can filter on how sure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineBasis {
    /// A 完成时限 / 时间节点 column of a task table, or a "完成时限：…" field of the task.
    Labelled,
    /// A parenthesis after the task, alone or beside its agencies: "（2023年底前）".
    Parenthesis,
    /// A time phrase opening the task's first or last sentence: "2021年3月底前，试点城市…";
    /// for a regulation's duty, "应当在…10个工作日内".
    Sentence,
}

/// A length of time: 30 working days, 6 months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeLimit {
    pub value: u32,
    pub unit: TimeUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Day,
    WorkingDay,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// How a responsibility statement is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementStyle {
    /// "（省经济和信息化厅、省财政厅，各市人民政府按职责分工负责）", "（A牵头，B按职责分工负责）".
    Parenthesis,
    /// "（牵头单位：市发展改革委，配合单位：…）", "（负责部门：…；适用范围：…）".
    LabelledParenthesis,
    /// Lines "牵头单位：…" / "责任单位：…" / "配合单位：…" under a task.
    LabelledLines,
    /// Columns 牵头单位 / 责任单位 / 配合单位 of a task-division table.
    TableColumns,
    /// Running text: "由A、B牵头…，其他相关部门配合", "A统筹协调…" (best effort).
    Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskOrigin {
    /// A numbered outline item with no or one responsibility statement.
    Item,
    /// One of several runs of sentences inside an item, each closed by its own responsibility
    /// parenthesis.
    Statement,
    /// A row of a task-division table.
    TableRow,
}

/// One agency named as responsible for a task.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyRole {
    /// Canonical name, scoped to the issuing jurisdiction: "安徽省经济和信息化厅".
    pub name: String,
    /// As written in the text: "省经济和信息化厅", "省经信厅".
    pub mention: String,
    pub role: Role,
    pub basis: RoleBasis,
    /// 各市人民政府, 各区、县级市, 各有关单位: a class of bodies, not one agency.
    pub collective: bool,
    /// Found in the gazetteer (otherwise kept because it looks like an agency).
    pub known: bool,
    pub span: Span,
    /// central, local, branch, collective or unknown.
    pub kind: AgencyKind,
    /// Full name of the jurisdiction the agency belongs to: "安徽省", "合肥市", "中华人民共和国".
    pub jurisdiction: Option<String>,
    /// Canonical name of the body it belongs to: a branch's central body, a department's
    /// government.
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Support,
    Joint,
}

/// Why an agency has its role, so that a researcher can filter on how sure the role is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleBasis {
    /// The text says so: 牵头 / 牵头单位 / 配合单位, or listed after an explicit lead.
    Explicit,
    /// The document declares a convention ("列第一位者为牵头单位").
    DeclaredConvention,
    /// The document never marks a lead: by convention the first listed leads.
    FirstListed,
    /// The document marks leads elsewhere but not here: everyone listed shares the task.
    Joint,
    /// Read from prose ("由省发展改革委…牵头…其他相关部门配合"): best effort.
    Prose,
}

/// How a document assigns roles, decided once per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleConvention {
    /// Leads are marked with 牵头 somewhere: unmarked lists are joint.
    ExplicitMarks,
    /// "列第一位者为牵头单位": first listed leads.
    DeclaredFirstListed,
    /// No lead is ever marked: first listed leads, by convention.
    FirstListed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上 / 不少于 / 不低于 / 达到 / 超过
    AtLeast,
    /// 以下 / 不超过 / 最高 / 以内
    AtMost,
    /// 左右 / 约
    About,
    /// A bare number.
    Exactly,
}

/// A target stated as a change rather than a level: 增长15% (increase), 下降5个百分点
/// (decrease); 提高到40% and 达到28% are levels (no change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// 增长 / 提高 / 增加 / 提升 … by the value; 翻一番 / 翻两番 by 1 or 2 in unit 番.
    Increase,
    /// 下降 / 降低 / 减少 / 压减 … by the value.
    Decrease,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 每年 / 年均
    Annual,
    /// 累计
    Cumulative,
    /// 5年内 (see [`Target::within_years`])
    WithinYears,
}

/// A numeric target: "到2025年…省级专精特新企业5000家以上".
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub task: Option<String>,
    /// What is counted: "省级专精特新企业".
    pub metric: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub value: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub min: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub max: Option<Decimal>,
    /// 家 个 项 名 场 套 %, as written; 番 for a doubling (翻一番: 1番); empty for a first one
    /// (实现上市企业零的突破: at least 1, no unit written).
    pub unit: String,
    pub comparator: Comparator,
    /// The value is a change by that much (增长15%, 下降5个百分点); `None`: a level.
    pub change: Option<Change>,
    /// Deadline year: 到2025年, 2025年底前.
    pub year: Option<i32>,
    pub period: Option<Period>,
    pub within_years: Option<u32>,
    pub text: String,
    pub span: Span,
    /// The number and its unit within the text: "5000家" (`span` is the whole clause).
    pub value_span: Span,
    /// What the unit measures: count, percent, ratio or physical.
    pub unit_kind: Option<crate::numbers::UnitClass>,
    /// The scale written in the number, already applied to the value: "1.2亿千瓦" → 亿.
    pub scale: Option<String>,
    /// A size condition on what is counted: "主营业务收入10亿元以上" (“行业小巨人”15户).
    pub qualifier: Option<String>,
    /// The element of a 分别 list this value is paired with: "花生种植" (…分别达到65%和55%).
    pub item: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// 奖补 / 补助 / 补贴
    Subsidy,
    /// 奖励
    Award,
    /// A fund's size: 设立…基金, 专项资金
    Fund,
    /// A credit line or loan: 信贷资金, 贷款
    Credit,
    Other,
}

/// What a money figure is to the policy, in the words of the gold format (corpus/gold/README.md):
/// the same figure can be paid (`award`), bound a payment (`cap`) or only decide who is eligible
/// (`threshold`), and researchers compare policies on the first two, never on the third.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountRole {
    /// Paid to a recipient: 奖励, 奖补, 补助, 补贴, 资助.
    Award,
    /// The upper bound of a payment: 最高500万元, 不超过100万元.
    Cap,
    /// A condition, not a payment: 固定资产投资1亿元以上, 营业收入超过5000万元的企业.
    Threshold,
    /// A budget, fund or credit line: 设立10亿元基金, 安排资金3000万元.
    Fund,
    /// 罚款.
    Penalty,
    /// A charge or price: 注册费, 租金.
    Fee,
    Other,
}

/// A rate of some base: "按照项目设备购置额的10%".
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub percent: Decimal,
    pub base: Option<String>,
    /// `exactly`, or `at_most` for "按照不超过项目投资额50%的比例".
    pub comparator: Comparator,
}

/// How an amount stands to a change of a standard: 提高40元 is an increase by 40, 由50万元提高到
/// 80万元 gives 50万 as the previous level (and 80万 as the new level, with no change of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountChange {
    /// 提高 / 增加 / 上调 … by the amount.
    Increase,
    /// 降低 / 减少 / 下调 … by the amount.
    Decrease,
    /// The level before the change: 由0.54万元下降至…
    Previous,
}

/// A money figure, exact, in the base unit of its `currency` (yuan for CNY; a dollar amount is
/// never converted to yuan, so the `*yuan` fields then hold dollars).
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    pub task: Option<String>,
    pub role: AmountRole,
    /// ISO 4217 code: CNY unless the unit says otherwise (美元 → USD; `ontology/lexicon/money_cues.tsv`).
    pub currency: String,
    /// A definite amount: 一次性奖补80万元 → 800000; a threshold's figure: 投资1亿元以上 → 100000000.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub yuan: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub min_yuan: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub max_yuan: Option<Decimal>,
    pub kind: AmountKind,
    /// Upper bound: 最高500万元, 不超过100万元.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub cap: Option<Decimal>,
    /// Lower bound: 不少于4000亿元.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub floor: Option<Decimal>,
    pub rate: Option<Rate>,
    /// 一次性
    pub one_off: bool,
    /// 人均 / 每人 / 每户
    pub per_capita: bool,
    /// Who receives it: "获得国家级专精特新“小巨人”称号的企业".
    pub recipient: Option<String>,
    pub text: String,
    pub span: Span,
    /// The number and its unit within the text: "100万元" (`span` is the whole rule).
    pub value_span: Span,
    /// The element of a 分别 list this amount is paired with: "单项冠军", "3A", "成套装备".
    pub item: Option<String>,
    /// What the amount is paid per, as written: "每户", "人均" (per capita), "每平方米",
    /// "/平方米", "/月" (per unit of area, weight, time …: 300元/平方米, 740元/月).
    pub per: Option<String>,
    /// `annual` for "每年安排不少于4000亿元".
    pub period: Option<Period>,
    /// A condition clause of the rule: "符合创业担保贷款申请条件的人员自主创业的".
    pub condition: Option<String>,
    /// How a threshold bounds what it measures: 以上/超过/达到 → at_least, 以下 → at_most;
    /// `None` for any other role.
    pub comparator: Option<Comparator>,
    /// What a threshold measures, as written: "固定资产投资", "年营业收入", "单户担保金额";
    /// `None` when the text names nothing ("5亿元以上企业") or for any other role.
    pub measure: Option<String>,
    /// The amounts a threshold is the condition of, as 0-based indices into the extraction's
    /// `amounts`: "对固定资产投资1亿元以上的项目，给予100万元奖励" links the 1亿元 to the 100万元.
    /// Empty for any other role, or when the sentence pays nothing after the threshold.
    pub conditions: Vec<usize>,
    /// A change of a standard this amount states: by how much (`increase`, `decrease`), or the
    /// level before it (`previous`); `None`: a level or a plain sum.
    pub change: Option<AmountChange>,
    /// For an amount with a `change`: the 0-based index (into `amounts`) of the amount stating
    /// the level reached ("提高40元，达到610元" links the 40 to the 610; "由2.44万元下降至1.708万元"
    /// the 2.44万 to the 1.708万; a 分别 list pairs in order).
    pub new_level: Option<usize>,
}

impl Amount {
    /// An amount of `role` with nothing known of it but where it stands: no value, kind, rate,
    /// recipient or links. The finders fill in what they read (`Amount { yuan, ..plain }`).
    pub(crate) fn plain(
        role: AmountRole,
        currency: String,
        text: String,
        span: Span,
        value_span: Span,
    ) -> Amount {
        Amount {
            task: None,
            role,
            currency,
            yuan: None,
            min_yuan: None,
            max_yuan: None,
            kind: AmountKind::Other,
            cap: None,
            floor: None,
            rate: None,
            one_off: false,
            per_capita: false,
            recipient: None,
            text,
            span,
            value_span,
            item: None,
            per: None,
            period: None,
            condition: None,
            comparator: None,
            measure: None,
            conditions: Vec::new(),
            change: None,
            new_level: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtractWarning {
    pub message: String,
    pub span: Option<Span>,
}
