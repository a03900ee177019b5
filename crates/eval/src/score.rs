//! Scoring one document: the gold against the JSON value of its extraction.
//!
//! The extraction is read field by field from its JSON (the `extract --format jsonl` contract),
//! so a field the model does not have yet (a task's `deadline`, an amount's `currency` or
//! `role`) reads as absent and is scored as missing.

use std::collections::{BTreeMap, BTreeSet};

use serde::ser::SerializeStruct;
use serde::Serialize;
use serde_json::Value;

use crate::gold::{Gold, GoldMetadata, Split};
use crate::matching::{
    match_multiset, match_tasks, normalise, scalar_counts, set_counts, Quantity,
};

/// True positives, false positives, false negatives; micro-averaged by adding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn ratio(num: u64, den: u64) -> Option<f64> {
        (den > 0).then(|| num as f64 / den as f64)
    }

    /// `None` when nothing was extracted.
    pub fn precision(&self) -> Option<f64> {
        Self::ratio(self.tp, self.tp + self.fp)
    }

    /// `None` when the gold has nothing.
    pub fn recall(&self) -> Option<f64> {
        Self::ratio(self.tp, self.tp + self.fn_)
    }

    /// `None` when neither side has anything.
    pub fn f1(&self) -> Option<f64> {
        Self::ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Counts", 6)?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.end()
    }
}

/// The fields scored, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Tasks,
    AgencyRole,
    Agency,
    Deadline,
    Title,
    DocNumber,
    Date,
    Jurisdiction,
    Issuers,
    Addressees,
    /// Micro over the six metadata fields.
    Metadata,
    Targets,
    Amounts,
}

impl Field {
    pub const ALL: [Field; 13] = [
        Field::Tasks,
        Field::AgencyRole,
        Field::Agency,
        Field::Deadline,
        Field::Title,
        Field::DocNumber,
        Field::Date,
        Field::Jurisdiction,
        Field::Issuers,
        Field::Addressees,
        Field::Metadata,
        Field::Targets,
        Field::Amounts,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Tasks => "tasks",
            Field::AgencyRole => "agency_role",
            Field::Agency => "agency",
            Field::Deadline => "deadline",
            Field::Title => "title",
            Field::DocNumber => "doc_number",
            Field::Date => "date",
            Field::Jurisdiction => "jurisdiction",
            Field::Issuers => "issuers",
            Field::Addressees => "addressees",
            Field::Metadata => "metadata",
            Field::Targets => "targets",
            Field::Amounts => "amounts",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// How often a secondary attribute agrees over matched items: a target's comparator, an
/// amount's role. `missing`: the extraction has no such field or it is null.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub agree: u64,
    pub disagree: u64,
    pub missing: u64,
}

impl Agreement {
    pub fn add(&mut self, other: Agreement) {
        self.agree += other.agree;
        self.disagree += other.disagree;
        self.missing += other.missing;
    }

    pub fn total(&self) -> u64 {
        self.agree + self.disagree + self.missing
    }

    fn count(&mut self, gold: &str, extracted: Option<&str>) {
        match extracted {
            Some(e) if e == gold => self.agree += 1,
            Some(_) => self.disagree += 1,
            None => self.missing += 1,
        }
    }
}

/// A field's counts; a field absent from the map was not scored (gold part null).
pub type Scores = BTreeMap<Field, Counts>;

/// One document's scores and everything that did not match.
#[derive(Debug, Clone, Serialize)]
pub struct DocReport {
    /// The gold file's stem: "014".
    pub name: String,
    /// The document's file name.
    pub document: String,
    pub split: Split,
    pub scores: Scores,
    /// Comparator agreement over matched targets (`None`: targets not scored).
    pub comparators: Option<Agreement>,
    /// Role agreement over matched amounts (`None`: amounts not scored).
    pub amount_roles: Option<Agreement>,
    pub details: Details,
}

impl DocReport {
    pub fn f1(&self, field: Field) -> Option<f64> {
        self.scores.get(&field).and_then(Counts::f1)
    }
}

/// The mismatches of one document, for `--details`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Details {
    /// Snippets of gold tasks no extracted task contains.
    pub unmatched_gold_tasks: Vec<String>,
    /// Extracted tasks no gold task claimed: (id, first 40 characters).
    pub unmatched_extracted_tasks: Vec<(String, String)>,
    /// Matched tasks whose agencies or deadline differ.
    pub task_differences: Vec<TaskDifference>,
    /// Metadata fields that are not all TP.
    pub metadata: Vec<MetadataDifference>,
    pub missed_targets: Vec<String>,
    pub extra_targets: Vec<String>,
    pub missed_amounts: Vec<String>,
    pub extra_amounts: Vec<String>,
    /// Matched targets whose comparator differs: (gold item, extracted comparator).
    pub comparator_differences: Vec<(String, Option<String>)>,
    /// Matched amounts whose role differs: (gold item, extracted role), so a role error is seen
    /// where it is, not only counted.
    pub role_differences: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskDifference {
    pub snippet: String,
    pub extracted_id: String,
    /// Gold (mention, role) pairs the extraction lacks.
    pub missing_agencies: Vec<(String, String)>,
    /// Extracted (mention, role) pairs the gold lacks.
    pub extra_agencies: Vec<(String, String)>,
    /// (gold, extracted) when they differ.
    pub deadline: Option<(Option<String>, Option<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetadataDifference {
    pub field: Field,
    pub gold: String,
    pub extracted: String,
}

/// A string field of a JSON object; null and absent are `None`; a non-string value (a future
/// structured field) is compared by its JSON text.
fn text_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) if o.get("text").is_some_and(Value::is_string) => {
            o.get("text").and_then(Value::as_str).map(str::to_owned)
        }
        Some(other) => Some(other.to_string()),
    }
}

fn string_list(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn decimal(v: &Value, key: &str) -> Option<rust_decimal::Decimal> {
    let text = match v.get(key)? {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    text.parse().ok()
}

fn first_chars(s: &str, n: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    one_line.trim().chars().take(n).collect()
}

/// The (mention, role) pairs of an extracted task, normalised.
fn extracted_pairs(task: &Value) -> BTreeSet<(String, String)> {
    items(task, "agencies")
        .iter()
        .map(|a| {
            (
                normalise(&text_field(a, "mention").unwrap_or_default()),
                text_field(a, "role").unwrap_or_default(),
            )
        })
        .collect()
}

/// The extracted tasks as the gold counts them: an item's statement runs (`path#1`, `path#2`
/// …: one task per responsibility parenthesis, so that a paragraph's lead is not the whole
/// item's) together as the item, with the agencies of all of them (a body named twice keeps
/// its strongest role, as the gold README says) and the first deadline.
fn item_tasks(tasks: &[Value]) -> Vec<Value> {
    let strength = |role: &str| match role {
        "lead" => 3,
        "joint" => 2,
        _ => 1,
    };
    let mut out: Vec<Value> = Vec::new();
    let mut open: Option<String> = None;
    for t in tasks {
        let id = text_field(t, "id").unwrap_or_default();
        let run_of = id.split_once('#').map(|(path, _)| path.to_owned());
        let joins = run_of.is_some() && run_of == open;
        open = run_of.clone();
        let Some(item) = out.last_mut().filter(|_| joins) else {
            let mut t = t.clone();
            if let (Some(path), Some(obj)) = (run_of, t.as_object_mut()) {
                obj.insert("id".into(), Value::String(path));
            }
            out.push(t);
            continue;
        };
        let text = format!(
            "{}{}",
            text_field(item, "text").unwrap_or_default(),
            text_field(t, "text").unwrap_or_default()
        );
        item["text"] = Value::String(text);
        if item.get("deadline").is_none_or(Value::is_null) {
            if let Some(d) = t.get("deadline") {
                item["deadline"] = d.clone();
            }
        }
        let mut agencies: Vec<Value> = items(item, "agencies").to_vec();
        for a in items(t, "agencies") {
            let mention = text_field(a, "mention");
            let role = text_field(a, "role").unwrap_or_default();
            match agencies
                .iter_mut()
                .find(|b| text_field(b, "mention") == mention)
            {
                Some(b)
                    if strength(&role) > strength(&text_field(b, "role").unwrap_or_default()) =>
                {
                    *b = a.clone()
                }
                Some(_) => {}
                None => agencies.push(a.clone()),
            }
        }
        item["agencies"] = Value::Array(agencies);
    }
    out
}

fn mentions(pairs: &BTreeSet<(String, String)>) -> BTreeSet<String> {
    pairs.iter().map(|(m, _)| m.clone()).collect()
}

/// Scores one document. `extraction` is `serde_json::to_value` of its extraction.
pub fn score_document(gold: &Gold, extraction: &Value) -> DocReport {
    let mut scores = Scores::new();
    let mut details = Details::default();
    if let Some(tasks) = &gold.tasks {
        score_tasks(tasks, extraction, &mut scores, &mut details);
    }
    if let Some(m) = &gold.metadata {
        score_metadata(m, extraction, &mut scores, &mut details);
    }
    let comparators = gold.targets.as_ref().map(|targets| {
        let (counts, agreement) = score_targets(targets, extraction, &mut details);
        scores.insert(Field::Targets, counts);
        agreement
    });
    let amount_roles = gold.amounts.as_ref().map(|amounts| {
        let (counts, agreement) = score_amounts(amounts, extraction, &mut details);
        scores.insert(Field::Amounts, counts);
        agreement
    });
    DocReport {
        name: gold.name.clone(),
        document: gold
            .document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        split: gold.split,
        scores,
        comparators,
        amount_roles,
        details,
    }
}

fn score_tasks(
    gold: &[crate::gold::GoldTask],
    extraction: &Value,
    scores: &mut Scores,
    details: &mut Details,
) {
    let extracted = item_tasks(items(extraction, "tasks"));
    let texts: Vec<String> = extracted
        .iter()
        .map(|t| normalise(&text_field(t, "text").unwrap_or_default()))
        .collect();
    let snippets: Vec<String> = gold.iter().map(|t| normalise(&t.snippet)).collect();
    let matches = match_tasks(&snippets, &texts);

    let mut tasks = Counts::default();
    let mut agency_role = Counts::default();
    let mut agency = Counts::default();
    let mut deadline = Counts::default();
    let mut claimed = vec![false; extracted.len()];
    for (g, m) in gold.iter().zip(&matches) {
        let gold_pairs: BTreeSet<(String, String)> = g
            .agencies
            .iter()
            .map(|(name, role)| (normalise(name), role.clone()))
            .collect();
        let Some(i) = *m else {
            tasks.fn_ += 1;
            agency_role.fn_ += gold_pairs.len() as u64;
            agency.fn_ += mentions(&gold_pairs).len() as u64;
            details.unmatched_gold_tasks.push(g.snippet.clone());
            continue;
        };
        claimed[i] = true;
        tasks.tp += 1;
        let e = &extracted[i];
        let pairs = extracted_pairs(e);
        agency_role.add(set_counts(&gold_pairs, &pairs));
        agency.add(set_counts(&mentions(&gold_pairs), &mentions(&pairs)));
        let extracted_deadline = text_field(e, "deadline");
        let d = scalar_counts(g.deadline.as_deref(), extracted_deadline.as_deref());
        deadline.add(d);
        let missing: Vec<_> = gold_pairs.difference(&pairs).cloned().collect();
        let extra: Vec<_> = pairs.difference(&gold_pairs).cloned().collect();
        let deadline_differs = d.fp + d.fn_ > 0;
        if !missing.is_empty() || !extra.is_empty() || deadline_differs {
            details.task_differences.push(TaskDifference {
                snippet: g.snippet.clone(),
                extracted_id: text_field(e, "id").unwrap_or_default(),
                missing_agencies: missing,
                extra_agencies: extra,
                deadline: deadline_differs.then(|| (g.deadline.clone(), extracted_deadline)),
            });
        }
    }
    for (e, _) in extracted.iter().zip(&claimed).filter(|(_, c)| !**c) {
        tasks.fp += 1;
        let pairs = extracted_pairs(e);
        agency_role.fp += pairs.len() as u64;
        agency.fp += mentions(&pairs).len() as u64;
        details.unmatched_extracted_tasks.push((
            text_field(e, "id").unwrap_or_default(),
            first_chars(&text_field(e, "text").unwrap_or_default(), 40),
        ));
    }
    scores.insert(Field::Tasks, tasks);
    scores.insert(Field::AgencyRole, agency_role);
    scores.insert(Field::Agency, agency);
    scores.insert(Field::Deadline, deadline);
}

fn score_metadata(
    gold: &GoldMetadata,
    extraction: &Value,
    scores: &mut Scores,
    details: &mut Details,
) {
    let mut all = Counts::default();
    let mut record = |field: Field, counts: Counts, g: String, e: String| {
        all.add(counts);
        scores.insert(field, counts);
        if counts.fp + counts.fn_ > 0 {
            details.metadata.push(MetadataDifference {
                field,
                gold: g,
                extracted: e,
            });
        }
    };
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    for (field, g) in [
        (Field::Title, &gold.title),
        (Field::DocNumber, &gold.doc_number),
        (Field::Date, &gold.date),
        (Field::Jurisdiction, &gold.jurisdiction),
    ] {
        let e = text_field(extraction, field.name());
        let counts = scalar_counts(g.as_deref(), e.as_deref());
        record(field, counts, show(g), show(&e));
    }
    for (field, g) in [
        (Field::Issuers, &gold.issuers),
        (Field::Addressees, &gold.addressees),
    ] {
        // null: not annotated.
        let Some(g) = g else { continue };
        let e = string_list(extraction, field.name());
        let set = |v: &[String]| v.iter().map(|s| normalise(s)).collect::<BTreeSet<_>>();
        let counts = set_counts(&set(g), &set(&e));
        record(field, counts, g.join("、"), e.join("、"));
    }
    scores.insert(Field::Metadata, all);
}

/// An extracted target or amount as the matcher sees it.
struct Item {
    quantity: Option<Quantity>,
    /// Unit (targets) or currency (amounts).
    key: String,
    /// Comparator (targets) or role (amounts).
    attribute: Option<String>,
    shown: String,
}

/// The gold writes a target's number and unit as the text does (`70万人`: 70, `万人`); the
/// extraction applies the scale to the value and keeps it apart (700000, `人`, scale `万`), so
/// the written form is rebuilt before comparing.
fn target_item(t: &Value) -> Item {
    let scale = text_field(t, "scale").unwrap_or_default();
    let factor = policykg_text::numeral::scale_factor(&scale);
    let written = |key: &str| decimal(t, key).map(|v| (v / factor).normalize());
    let quantity = match (written("value"), written("min"), written("max")) {
        (Some(v), _, _) => Some(Quantity::One(v)),
        (None, Some(a), Some(b)) => Some(Quantity::Range(a, b)),
        _ => None,
    };
    let unit = scale + &text_field(t, "unit").unwrap_or_default();
    let attribute = if matches!(quantity, Some(Quantity::Range(..))) {
        Some("range".to_owned())
    } else {
        text_field(t, "comparator")
    };
    Item {
        shown: format!(
            "{}{} ({})",
            quantity.map_or("?".to_owned(), |q| q.to_string()),
            unit,
            first_chars(&text_field(t, "text").unwrap_or_default(), 40)
        ),
        quantity,
        key: normalise(&unit),
        attribute,
    }
}

/// An amount's value in yuan: the definite amount, else its range, else (最高100万元 alone) its
/// cap, else its floor.
fn amount_item(a: &Value) -> Item {
    let quantity = match (
        decimal(a, "yuan"),
        decimal(a, "min_yuan"),
        decimal(a, "max_yuan"),
    ) {
        (Some(v), _, _) => Some(Quantity::One(v)),
        (None, Some(lo), Some(hi)) => Some(Quantity::Range(lo, hi)),
        _ => decimal(a, "cap")
            .or_else(|| decimal(a, "floor"))
            .map(Quantity::One),
    };
    let currency = text_field(a, "currency").unwrap_or_else(|| "CNY".to_owned());
    Item {
        shown: format!(
            "{} {} ({})",
            quantity.map_or("?".to_owned(), |q| q.to_string()),
            currency,
            first_chars(&text_field(a, "text").unwrap_or_default(), 40)
        ),
        quantity,
        key: normalise(&currency),
        attribute: text_field(a, "role"),
    }
}

/// (quantity, key, attribute, shown) of a gold item.
type GoldItem = (Quantity, String, String, String);

fn score_multiset(
    gold: &[GoldItem],
    extracted: &[Item],
    missed: &mut Vec<String>,
    extra: &mut Vec<String>,
    differ: &mut Vec<(String, Option<String>)>,
) -> (Counts, Agreement) {
    let matches = match_multiset(
        gold,
        extracted,
        |g, e| e.quantity == Some(g.0) && e.key == g.1,
        |g, e| e.attribute.as_deref() == Some(g.2.as_str()),
    );
    let mut counts = Counts::default();
    let mut agreement = Agreement::default();
    let mut claimed = vec![false; extracted.len()];
    for (g, m) in gold.iter().zip(&matches) {
        match m {
            Some(i) => {
                claimed[*i] = true;
                counts.tp += 1;
                let attribute = extracted[*i].attribute.as_deref();
                agreement.count(&g.2, attribute);
                if attribute != Some(g.2.as_str()) {
                    differ.push((g.3.clone(), attribute.map(str::to_owned)));
                }
            }
            None => {
                counts.fn_ += 1;
                missed.push(g.3.clone());
            }
        }
    }
    for (e, _) in extracted.iter().zip(&claimed).filter(|(_, c)| !**c) {
        counts.fp += 1;
        extra.push(e.shown.clone());
    }
    (counts, agreement)
}

fn score_targets(
    gold: &[crate::gold::GoldTarget],
    extraction: &Value,
    details: &mut Details,
) -> (Counts, Agreement) {
    let gold: Vec<GoldItem> = gold
        .iter()
        .map(|t| {
            let shown = format!(
                "{}{} {} ({})",
                t.value,
                t.unit,
                t.comparator,
                t.snippet.as_deref().unwrap_or("")
            );
            (t.value, normalise(&t.unit), t.comparator.clone(), shown)
        })
        .collect();
    let extracted: Vec<Item> = items(extraction, "targets")
        .iter()
        .map(target_item)
        .collect();
    score_multiset(
        &gold,
        &extracted,
        &mut details.missed_targets,
        &mut details.extra_targets,
        &mut details.comparator_differences,
    )
}

fn score_amounts(
    gold: &[crate::gold::GoldAmount],
    extraction: &Value,
    details: &mut Details,
) -> (Counts, Agreement) {
    let gold: Vec<GoldItem> = gold
        .iter()
        .map(|a| {
            let shown = format!(
                "{} {} {} ({})",
                a.value,
                a.currency,
                a.role,
                a.snippet.as_deref().unwrap_or("")
            );
            (a.value, normalise(&a.currency), a.role.clone(), shown)
        })
        .collect();
    let extracted: Vec<Item> = items(extraction, "amounts")
        .iter()
        .map(amount_item)
        .collect();
    score_multiset(
        &gold,
        &extracted,
        &mut details.missed_amounts,
        &mut details.extra_amounts,
        &mut details.role_differences,
    )
}
