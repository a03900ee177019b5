//! Scoring the extraction against hand-annotated gold files (`corpus/gold/*.json`, format in
//! `corpus/gold/README.md`): micro-averaged precision, recall and F1 per field (tasks, agencies
//! with and without roles, deadlines, metadata, targets, amounts), per document and per split
//! (dev, blind, all), with the mismatches of one document and floors for CI.
//!
//! It sits after `extract` and only reads: it runs the pure pipeline on each gold file's document
//! and compares the JSON value of the extraction (the `extract --format jsonl` contract), so a
//! field the model does not have yet counts as missing. It is not part of ingest or of any stage,
//! it never changes the extraction, and it does not render tables (the CLI does).
//!
//! Bad gold is an error naming the gold file and the reason; nothing is skipped silently.
//! Blind documents' per-document scores and details are withheld unless asked for
//! ([`ViewOptions::show_blind`]): nobody should tune the extractor on them.

use std::fmt;
use std::path::{Path, PathBuf};

use policykg_ontology::Ontology;
use policykg_read::Limits;
use serde::Serialize;

pub mod floors;
pub mod gold;
pub mod matching;
pub mod score;
pub mod variant;

pub use floors::{check_floors, enforce_floors, load_floors, parse_floors, Floor, FloorCheck};
pub use gold::{Gold, Split};
pub use score::{score_document, Agreement, Counts, Details, DocReport, Field, Scores};
pub use variant::Variant;

/// The summaries of a report, in order.
pub const SPLITS: [&str; 3] = ["dev", "blind", "all"];

#[derive(Debug)]
pub enum EvalError {
    /// The gold directory cannot be listed, or holds no gold file.
    GoldDir { dir: PathBuf, reason: String },
    /// Defects of gold files, each naming its file; all of them, not only the first.
    Gold(Vec<GoldError>),
    /// `--details DOC` names no gold document.
    UnknownDocument(String),
    /// `--details DOC` names a blind document without `--show-blind`.
    BlindDocument(String),
    /// An unreadable or malformed floors file.
    Floors { reason: String },
    /// Figures below their floors, one message each.
    FloorsViolated(Vec<String>),
}

/// A defect of one gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldError {
    pub file: PathBuf,
    pub reason: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.reason)
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::GoldDir { dir, reason } => write!(f, "{}: {reason}", dir.display()),
            EvalError::Gold(errors) => {
                write!(f, "{} bad gold file(s):", errors.len())?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
            EvalError::UnknownDocument(doc) => write!(
                f,
                "no gold document \"{doc}\" (give the gold file's name, such as 014, or the document's file name)"
            ),
            EvalError::BlindDocument(doc) => write!(
                f,
                "{doc} is a blind document: its details are withheld so that nobody tunes on it (--show-blind shows them)"
            ),
            EvalError::Floors { reason } => write!(f, "floors: {reason}"),
            EvalError::FloorsViolated(messages) => {
                write!(f, "{} floor(s) violated:", messages.len())?;
                for m in messages {
                    write!(f, "\n  {m}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for EvalError {}

/// Summed counts of one split.
#[derive(Debug, Clone, Serialize)]
pub struct SplitSummary {
    /// dev, blind or all.
    pub split: String,
    pub documents: usize,
    /// Fields scored in at least one document of the split.
    pub fields: Scores,
    /// Comparator agreement over matched targets.
    pub comparators: Agreement,
    /// Role agreement over matched amounts.
    pub amount_roles: Agreement,
}

/// Everything measured, blind documents included; show it through [`Report::view`].
#[derive(Debug, Clone)]
pub struct Report {
    pub gold_dir: PathBuf,
    pub documents: Vec<DocReport>,
    pub summaries: Vec<SplitSummary>,
}

impl Report {
    pub fn from_documents(gold_dir: PathBuf, documents: Vec<DocReport>) -> Report {
        let summaries = SPLITS
            .iter()
            .map(|split| {
                let mut s = SplitSummary {
                    split: (*split).to_owned(),
                    documents: 0,
                    fields: Scores::new(),
                    comparators: Agreement::default(),
                    amount_roles: Agreement::default(),
                };
                for d in documents
                    .iter()
                    .filter(|d| *split == "all" || d.split.as_str() == *split)
                {
                    s.documents += 1;
                    for (field, counts) in &d.scores {
                        s.fields.entry(*field).or_default().add(*counts);
                    }
                    if let Some(a) = d.comparators {
                        s.comparators.add(a);
                    }
                    if let Some(a) = d.amount_roles {
                        s.amount_roles.add(a);
                    }
                }
                s
            })
            .collect();
        Report {
            gold_dir,
            documents,
            summaries,
        }
    }

    pub fn summary(&self, split: &str) -> Option<&SplitSummary> {
        self.summaries.iter().find(|s| s.split == split)
    }

    /// What may be shown: per-document rows of dev documents (blind ones too with
    /// `show_blind`), and the details of `opts.details` (refused for a blind document without
    /// `show_blind`).
    pub fn view(&self, opts: &ViewOptions) -> Result<View<'_>, EvalError> {
        let shown = |d: &&DocReport| opts.show_blind || d.split == Split::Dev;
        let documents: Vec<DocRow<'_>> = self
            .documents
            .iter()
            .filter(shown)
            .map(|d| DocRow {
                name: &d.name,
                document: &d.document,
                split: d.split,
                scores: &d.scores,
                comparators: d.comparators,
                amount_roles: d.amount_roles,
            })
            .collect();
        let details = match &opts.details {
            None => None,
            Some(wanted) => {
                let d = self
                    .find(wanted)
                    .ok_or_else(|| EvalError::UnknownDocument(wanted.clone()))?;
                if !shown(&d) {
                    return Err(EvalError::BlindDocument(wanted.clone()));
                }
                Some(DocDetails {
                    name: &d.name,
                    document: &d.document,
                    scored: d.scores.keys().copied().collect(),
                    details: &d.details,
                })
            }
        };
        Ok(View {
            gold_dir: self.gold_dir.display().to_string(),
            summaries: &self.summaries,
            hidden_blind_documents: self.documents.len() - documents.len(),
            documents,
            details,
            floors: None,
        })
    }

    /// A document by its gold file's stem ("014"), gold file name ("014.json") or document file
    /// name.
    pub fn find(&self, name: &str) -> Option<&DocReport> {
        self.documents.iter().find(|d| {
            d.name == name
                || name.strip_suffix(".json") == Some(d.name.as_str())
                || d.document == name
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// Show blind documents' per-document rows and allow their details.
    pub show_blind: bool,
    /// The document whose mismatches to show.
    pub details: Option<String>,
}

/// What `policykg eval` prints (as tables or as JSON).
#[derive(Debug, Serialize)]
pub struct View<'a> {
    pub gold_dir: String,
    pub summaries: &'a [SplitSummary],
    pub documents: Vec<DocRow<'a>>,
    /// Blind documents left out of `documents`.
    pub hidden_blind_documents: usize,
    pub details: Option<DocDetails<'a>>,
    /// Set by the caller after [`check_floors`].
    pub floors: Option<Vec<FloorCheck>>,
}

#[derive(Debug, Serialize)]
pub struct DocRow<'a> {
    pub name: &'a str,
    pub document: &'a str,
    pub split: Split,
    pub scores: &'a Scores,
    pub comparators: Option<Agreement>,
    pub amount_roles: Option<Agreement>,
}

impl DocRow<'_> {
    pub fn f1(&self, field: Field) -> Option<f64> {
        self.scores.get(&field).and_then(Counts::f1)
    }
}

#[derive(Debug, Serialize)]
pub struct DocDetails<'a> {
    pub name: &'a str,
    pub document: &'a str,
    /// The fields the gold annotates (the others are not scored, so they have no mismatches).
    pub scored: Vec<Field>,
    #[serde(flatten)]
    pub details: &'a Details,
}

/// The gold files of `dir`: every `*.json`, sorted by name.
pub fn gold_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let dir_err = |reason: String| EvalError::GoldDir {
        dir: dir.to_owned(),
        reason,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| dir_err(format!("cannot list gold files: {e}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| dir_err(format!("cannot list gold files: {e}")))?
            .path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(dir_err("no *.json gold files".to_owned()));
    }
    Ok(files)
}

/// Reads and checks one gold file (not its document).
pub fn load_gold(path: &Path) -> Result<Gold, GoldError> {
    let fail = |reason: String| GoldError {
        file: path.to_owned(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let gold = gold::parse(path, &text).map_err(fail)?;
    if !gold.document.is_file() {
        return Err(fail(format!(
            "file: no such document {}",
            gold.document.display()
        )));
    }
    Ok(gold)
}

/// The problems of the gold's task snippets in `text`: each must occur exactly once,
/// whitespace ignored, both sides compared through `key`.
fn snippet_problems(gold: &Gold, text: &str, key: &dyn Fn(&str) -> String) -> Vec<String> {
    let doc_text = key(&matching::normalise(text));
    let mut problems = Vec::new();
    for (i, t) in gold.tasks.iter().flatten().enumerate() {
        let snippet = key(&matching::normalise(&t.snippet));
        match matching::occurrences(&doc_text, &snippet) {
            1 => {}
            0 if snippet.is_empty() => problems.push(format!("tasks[{i}].snippet is empty")),
            0 => problems.push(format!(
                "tasks[{i}].snippet \"{}\" does not occur in the document text",
                t.snippet
            )),
            n => problems.push(format!(
                "tasks[{i}].snippet \"{}\" occurs {n} times in the document text (it must identify one task: make it longer)",
                t.snippet
            )),
        }
    }
    problems
}

/// Loads one gold file and extracts its document; the snippets are checked against the
/// document's text (each must occur exactly once, whitespace ignored).
pub fn load_and_extract(
    path: &Path,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<(Gold, serde_json::Value), GoldError> {
    extract_for(path, load_gold(path)?, ontology, limits)
}

/// [`load_and_extract`] of a gold file already loaded from `path`.
fn extract_for(
    path: &Path,
    gold: Gold,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<(Gold, serde_json::Value), GoldError> {
    let fail = |reason: String| GoldError {
        file: path.to_owned(),
        reason,
    };
    let processed = policykg_extract::process_path(&gold.document, ontology, limits)
        .map_err(|e| fail(format!("cannot read {}: {e}", gold.document.display())))?;
    let problems = snippet_problems(&gold, &processed.parsed.document.text, &|s| s.to_owned());
    if !problems.is_empty() {
        return Err(fail(problems.join("; ")));
    }
    let json = serde_json::to_value(&processed.extraction)
        .map_err(|e| fail(format!("cannot serialise the extraction: {e}")))?;
    let mut gold = gold;
    if let Some(m) = gold.metadata.as_mut() {
        resolve_issuers(m, &processed.parsed.document.text, ontology);
    }
    Ok((gold, json))
}

/// The gold writes issuers as the document does ("省人民政府" where the full name is never
/// spelled); the extraction gives the body each names, resolved in the document's
/// jurisdiction ("湖南省人民政府"). A gold issuer the gazetteer knows is compared as that body,
/// resolved in the gold's own jurisdiction, so that a short self-reference and the body's full
/// name are one issuer, as they are one node of the graph.
fn resolve_issuers(m: &mut gold::GoldMetadata, text: &str, ontology: &Ontology) {
    let jurisdictions = &ontology.jurisdictions;
    let scope = jurisdictions.scope(m.jurisdiction.as_deref(), text);
    for name in m.issuers.iter_mut().flatten() {
        let r = ontology
            .gazetteer
            .resolve(name, scope.as_deref(), jurisdictions);
        if r.known {
            *name = r.canonical;
        }
    }
}

/// Scores every gold file of `dir` against the extraction of its document.
pub fn evaluate(dir: &Path, ontology: &Ontology, limits: &Limits) -> Result<Report, EvalError> {
    evaluate_against(dir, ontology, limits, None)
}

/// Extractions made beforehand (JSONL, one document a line, as `policykg extract --format
/// jsonl` writes), found by the file name of their `source`: to score another version of
/// policykg, or another tool that writes the same keys, on the same gold.
pub type Extractions = std::collections::HashMap<String, serde_json::Value>;

/// Reads `path` as [`Extractions`]; a line that is not a JSON object with a `source` is an error
/// naming the line.
pub fn load_extractions(path: &Path) -> Result<Extractions, EvalError> {
    let fail = |reason: String| {
        EvalError::Gold(vec![GoldError {
            file: path.to_owned(),
            reason,
        }])
    };
    let text = std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let mut out = Extractions::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| fail(format!("line {}: not JSON: {e}", i + 1)))?;
        let name = value["source"]
            .as_str()
            .and_then(|s| Path::new(s).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| fail(format!("line {}: no \"source\" file name", i + 1)))?;
        out.insert(name, value);
    }
    Ok(out)
}

/// [`evaluate`], scoring `extractions` instead of extracting when given (the gold files are
/// still checked against the documents' text).
pub fn evaluate_against(
    dir: &Path,
    ontology: &Ontology,
    limits: &Limits,
    extractions: Option<&Extractions>,
) -> Result<Report, EvalError> {
    let files = gold_files(dir)?;
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        match load_and_extract(path, ontology, limits) {
            Ok((gold, json)) => {
                let name = gold
                    .document
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match extractions {
                    None => documents.push(score_document(&gold, &json)),
                    Some(given) => match given.get(&name) {
                        Some(value) => documents.push(score_document(&gold, value)),
                        None => errors.push(GoldError {
                            file: path.clone(),
                            reason: format!("no extraction of {name} among the given ones"),
                        }),
                    },
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(EvalError::Gold(errors));
    }
    Ok(Report::from_documents(dir.to_owned(), documents))
}

/// The dev documents scored in their original presentation and in a [`Variant`], over the same
/// documents (those the variant applies to). Blind documents are never read.
#[derive(Debug, Clone)]
pub struct VariantReport {
    pub variant: Variant,
    pub original: Report,
    pub transformed: Report,
    /// Dev documents the variant does not apply to (`text` of a text file).
    pub not_applicable: Vec<String>,
    /// Transformations that failed, and gold snippets that no longer occur once in the variant's
    /// text (a defect of the transformation, not of the extraction); scored all the same.
    pub problems: Vec<GoldError>,
}

/// Scores the dev gold of `dir` on `variant` of each dev document, and on the original for
/// comparison. The gold is the same facts: under [`Variant::Width`] the punctuation the
/// variant swaps is folded on both sides and the gold's 〔〕 are written `[]` as in the variant;
/// the other variants change only whitespace, which the scorer ignores already.
pub fn evaluate_variant(
    dir: &Path,
    variant: Variant,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<VariantReport, EvalError> {
    let files = gold_files(dir)?;
    let mut original = Vec::new();
    let mut transformed = Vec::new();
    let mut not_applicable = Vec::new();
    let mut problems = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        let gold = match load_gold(path) {
            Ok(g) => g,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if gold.split != Split::Dev {
            continue;
        }
        let fail = |reason: String| GoldError {
            file: path.to_owned(),
            reason,
        };
        let (gold_o, json_o) = match extract_for(path, gold.clone(), ontology, limits) {
            Ok(x) => x,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let name = gold
            .document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = match policykg_read::read_file(&gold.document, limits) {
            Ok(b) => b,
            Err(e) => {
                errors.push(fail(e.to_string()));
                continue;
            }
        };
        let shown_title = json_o["title"].as_str().map(str::to_owned);
        let t = match variant::transform(variant, &name, &bytes, shown_title.as_deref(), limits) {
            Ok(Some(t)) => t,
            Ok(None) => {
                not_applicable.push(name);
                continue;
            }
            Err(e) => {
                problems.push(fail(format!("{}: {e}", variant.name())));
                continue;
            }
        };
        let processed = match policykg_extract::process_bytes(&t.name, &t.bytes, ontology, limits) {
            Ok(p) => p,
            Err(e) => {
                problems.push(fail(format!("{}: cannot read: {e}", variant.name())));
                continue;
            }
        };
        let width = variant == Variant::Width;
        let key = |s: &str| {
            if width {
                variant::gold_as_swapped(s)
            } else {
                s.to_owned()
            }
        };
        let text = &processed.parsed.document.text;
        for p in snippet_problems(&gold, text, &key) {
            problems.push(fail(format!("{}: {p}", variant.name())));
        }
        let mut json = match serde_json::to_value(&processed.extraction) {
            Ok(j) => j,
            Err(e) => {
                errors.push(fail(format!("cannot serialise the extraction: {e}")));
                continue;
            }
        };
        let mut g = gold;
        if let Some(m) = g.metadata.as_mut() {
            resolve_issuers(m, text, ontology);
        }
        let mut json_o = json_o;
        let mut gold_o = gold_o;
        if width {
            fold_json(&mut json, &variant::fold_punctuation);
            fold_json(&mut json_o, &variant::fold_punctuation);
            fold_gold(&mut g, &variant::gold_as_swapped);
            fold_gold(&mut gold_o, &variant::fold_punctuation);
        }
        original.push(score_document(&gold_o, &json_o));
        transformed.push(score_document(&g, &json));
    }
    if !errors.is_empty() {
        return Err(EvalError::Gold(errors));
    }
    Ok(VariantReport {
        variant,
        original: Report::from_documents(dir.to_owned(), original),
        transformed: Report::from_documents(dir.to_owned(), transformed),
        not_applicable,
        problems,
    })
}

/// Every string value of `v` (not the keys) through `f`.
fn fold_json(v: &mut serde_json::Value, f: &dyn Fn(&str) -> String) {
    match v {
        serde_json::Value::String(s) => *s = f(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| fold_json(i, f)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|i| fold_json(i, f)),
        _ => {}
    }
}

/// Every text of the gold compared with the extraction through `f`.
fn fold_gold(g: &mut Gold, f: &dyn Fn(&str) -> String) {
    let each = |s: &mut String| *s = f(s);
    if let Some(m) = g.metadata.as_mut() {
        for s in [
            &mut m.title,
            &mut m.doc_number,
            &mut m.date,
            &mut m.jurisdiction,
        ]
        .into_iter()
        .flatten()
        {
            each(s);
        }
        for list in [&mut m.issuers, &mut m.addressees].into_iter().flatten() {
            list.iter_mut().for_each(each);
        }
    }
    for t in g.tasks.iter_mut().flatten() {
        each(&mut t.snippet);
        for (name, _) in &mut t.agencies {
            each(name);
        }
        if let Some(d) = t.deadline.as_mut() {
            each(d);
        }
    }
    for t in g.targets.iter_mut().flatten() {
        t.snippet.iter_mut().for_each(each);
        each(&mut t.unit);
    }
    for a in g.amounts.iter_mut().flatten() {
        a.snippet.iter_mut().for_each(each);
    }
}
