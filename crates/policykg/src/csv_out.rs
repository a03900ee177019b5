//! CSV for pandas and R: the one place the workspace writes CSV (`extract --format csv`,
//! `network --format csv`; SPARQL results CSV is oxigraph's serializer, a standard format of its
//! own).
//!
//! `extract --format csv` writes one file per kind of fact, each row carrying its version's id
//! and its task's id, so the files join like database tables. A version is a text: copies of
//! one text (a GBK file, the saved HTML page) are one row of `documents.csv`, which lists their
//! files, and their facts are written once. Each file is one row struct: its fields are the
//! header, so header and records cannot drift apart.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use policykg_extract::Extraction;
use policykg_graph::network::Network;
use policykg_graph::petgraph::EdgeType;
use rust_decimal::Decimal;
use serde::Serialize;

/// The CLI's CSV: quoted only where needed (`,`, `"`, line breaks), `\n` line ends. Headers
/// are written by the caller ([`header`] or from the data), so that a file without rows still
/// has one.
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out)
}

/// The header of a row struct: its field names, as the csv crate writes them.
pub fn header<R: Serialize + Default>() -> anyhow::Result<csv::StringRecord> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    w.serialize(R::default())?;
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[..]);
    Ok(r.headers()?.clone())
}

/// A CSV file of rows of type `R`, its header written on creation.
pub struct CsvFile<R> {
    w: csv::Writer<File>,
    row: std::marker::PhantomData<fn(&R)>,
}

impl<R: Serialize + Default> CsvFile<R> {
    fn create(dir: &Path, name: &str) -> anyhow::Result<CsvFile<R>> {
        let path = dir.join(name);
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut w = writer(file);
        w.write_record(&header::<R>()?)?;
        Ok(CsvFile {
            w,
            row: std::marker::PhantomData,
        })
    }

    fn write(&mut self, row: &R) -> anyhow::Result<()> {
        Ok(self.w.serialize(row)?)
    }

    fn finish(mut self) -> anyhow::Result<()> {
        Ok(self.w.flush()?)
    }
}

/// The serde name of an enum value (`first_listed`), as in the JSON output: the one machine
/// spelling of a value in every machine format ([`crate::table::words`] is the human one).
pub(crate) fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Exact, without trailing zeros (`5000`, `1.5`).
fn dec(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

/// What joins the source files and the encodings of one version in `documents.csv`.
pub const FILE_SEPARATOR: &str = "|";

/// `documents.csv`: one row per version (text), with every file that holds it.
#[derive(Serialize, Default)]
struct DocumentRow {
    /// The version id: the text's fingerprint, as in the graph's `expr/` IRIs.
    version: String,
    /// Every file holding this text, in the order read, joined by [`FILE_SEPARATOR`].
    sources: String,
    /// The encoding of each of `sources`, in the same order, joined by [`FILE_SEPARATOR`].
    encodings: String,
    title: Option<String>,
    /// A draft status printed under the title (征求意见稿, 送审稿, 草案); empty for a final text.
    status: Option<String>,
    doc_number: Option<String>,
    date: Option<String>,
    jurisdiction: Option<String>,
    /// Joined by `；`.
    issuers: String,
    /// How the text assigns roles: `explicit_marks`, `declared_first_listed`, `first_listed`.
    convention: String,
    tasks: usize,
    targets: usize,
    amounts: usize,
    warnings: usize,
}

/// `tasks.csv`.
#[derive(Serialize, Default)]
struct TaskRow {
    version: String,
    task: String,
    path: String,
    origin: String,
    heading: String,
    text: String,
    span_start: usize,
    span_end: usize,
    open_list: bool,
    /// `name(role)` joined by `；`.
    agencies: String,
    /// The deadline as written ("2025年底前", "长期坚持"), empty when none.
    deadline: String,
    /// `date`, `relative`, `ongoing` or `other`; empty when none.
    deadline_kind: String,
    /// The last day a dated deadline allows, `YYYY-MM-DD`.
    deadline_by: String,
}

/// `agencies.csv`: one row per agency of a task.
#[derive(Serialize, Default)]
struct AgencyRow {
    version: String,
    task: String,
    name: String,
    mention: String,
    role: String,
    basis: String,
    collective: bool,
    known: bool,
    /// `central`, `local`, `branch`, `collective` or `unknown`.
    kind: String,
    /// The agency's jurisdiction (安徽省), empty when unknown.
    jurisdiction: Option<String>,
    /// The body it belongs to (a branch's central body, a department's government).
    parent: Option<String>,
    span_start: usize,
    span_end: usize,
}

/// `targets.csv`.
#[derive(Serialize, Default)]
struct TargetRow {
    version: String,
    task: Option<String>,
    metric: String,
    value: Option<String>,
    min: Option<String>,
    max: Option<String>,
    unit: String,
    comparator: String,
    /// `increase` / `decrease`: the value is a change by that much; empty: a level.
    change: Option<String>,
    year: Option<i32>,
    period: Option<String>,
    within_years: Option<u32>,
    text: String,
    span_start: usize,
    span_end: usize,
}

/// `amounts.csv`.
#[derive(Serialize, Default)]
struct AmountRow {
    version: String,
    task: Option<String>,
    /// 0-based position in the document's amounts: what a threshold's `conditions` refer to.
    index: usize,
    role: String,
    currency: String,
    yuan: Option<String>,
    min_yuan: Option<String>,
    max_yuan: Option<String>,
    kind: String,
    cap: Option<String>,
    floor: Option<String>,
    rate_percent: Option<String>,
    rate_base: Option<String>,
    one_off: bool,
    per_capita: bool,
    /// What the amount is paid per, as written: 每户, /平方米, /月.
    per: Option<String>,
    recipient: Option<String>,
    /// `increase` / `decrease` (by the amount) or `previous` (the level before a change), and
    /// the `index` of the amount stating the level reached.
    change: Option<String>,
    new_level: Option<usize>,
    /// A threshold's comparator, measure and the `index`es of the amounts it conditions
    /// (`;`-separated).
    comparator: Option<String>,
    measure: Option<String>,
    conditions: String,
    text: String,
    span_start: usize,
    span_end: usize,
}

/// The five files of `extract --format csv`.
pub struct Writers {
    /// Written at [`Writers::finish`], once every file of each version is known.
    documents: CsvFile<DocumentRow>,
    versions: Vec<DocumentRow>,
    seen: HashMap<String, usize>,
    tasks: CsvFile<TaskRow>,
    agencies: CsvFile<AgencyRow>,
    targets: CsvFile<TargetRow>,
    amounts: CsvFile<AmountRow>,
}

impl Writers {
    pub fn create(dir: &Path) -> anyhow::Result<Writers> {
        std::fs::create_dir_all(dir)?;
        Ok(Writers {
            documents: CsvFile::create(dir, "documents.csv")?,
            versions: Vec::new(),
            seen: HashMap::new(),
            tasks: CsvFile::create(dir, "tasks.csv")?,
            agencies: CsvFile::create(dir, "agencies.csv")?,
            targets: CsvFile::create(dir, "targets.csv")?,
            amounts: CsvFile::create(dir, "amounts.csv")?,
        })
    }

    /// Adds the extraction of one file whose text is version `version`: a new version's row
    /// and facts, or, for another copy of a version already written, its file only.
    pub fn write(&mut self, version: &str, x: &Extraction) -> anyhow::Result<()> {
        if let Some(&i) = self.seen.get(version) {
            let row = &mut self.versions[i];
            row.sources.push_str(FILE_SEPARATOR);
            row.sources.push_str(&x.source);
            row.encodings.push_str(FILE_SEPARATOR);
            row.encodings.push_str(&x.encoding);
            return Ok(());
        }
        self.seen.insert(version.to_owned(), self.versions.len());
        let id = || version.to_owned();
        self.versions.push(DocumentRow {
            version: id(),
            sources: x.source.clone(),
            encodings: x.encoding.clone(),
            title: x.title.clone(),
            status: x.status.clone(),
            doc_number: x.doc_number.clone(),
            date: x.date.clone(),
            jurisdiction: x.jurisdiction.clone(),
            issuers: x.issuers.join("；"),
            convention: name(&x.convention),
            tasks: x.tasks.len(),
            targets: x.targets.len(),
            amounts: x.amounts.len(),
            warnings: x.warnings.len(),
        });
        for t in &x.tasks {
            let agencies: Vec<String> = t
                .agencies
                .iter()
                .map(|a| format!("{}({})", a.name, name(&a.role)))
                .collect();
            self.tasks.write(&TaskRow {
                version: id(),
                task: t.id.clone(),
                path: t.path.clone(),
                origin: name(&t.origin),
                heading: t.heading.clone(),
                text: t.text.clone(),
                span_start: t.span.start,
                span_end: t.span.end,
                open_list: t.open_list,
                agencies: agencies.join("；"),
                deadline: t
                    .deadline
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
                deadline_kind: t
                    .deadline
                    .as_ref()
                    .map(|d| name(&d.kind))
                    .unwrap_or_default(),
                deadline_by: t
                    .deadline
                    .as_ref()
                    .and_then(|d| d.by.clone())
                    .unwrap_or_default(),
            })?;
            for a in &t.agencies {
                self.agencies.write(&AgencyRow {
                    version: id(),
                    task: t.id.clone(),
                    name: a.name.clone(),
                    mention: a.mention.clone(),
                    role: name(&a.role),
                    basis: name(&a.basis),
                    collective: a.collective,
                    known: a.known,
                    kind: name(&a.kind),
                    jurisdiction: a.jurisdiction.clone(),
                    parent: a.parent.clone(),
                    span_start: a.span.start,
                    span_end: a.span.end,
                })?;
            }
        }
        for t in &x.targets {
            self.targets.write(&TargetRow {
                version: id(),
                task: t.task.clone(),
                metric: t.metric.clone(),
                value: dec(t.value),
                min: dec(t.min),
                max: dec(t.max),
                unit: t.unit.clone(),
                comparator: name(&t.comparator),
                change: t.change.map(|c| name(&c)),
                year: t.year,
                period: t.period.map(|p| name(&p)),
                within_years: t.within_years,
                text: t.text.clone(),
                span_start: t.span.start,
                span_end: t.span.end,
            })?;
        }
        for (index, a) in x.amounts.iter().enumerate() {
            self.amounts.write(&AmountRow {
                version: id(),
                task: a.task.clone(),
                index,
                role: name(&a.role),
                currency: a.currency.clone(),
                yuan: dec(a.yuan),
                min_yuan: dec(a.min_yuan),
                max_yuan: dec(a.max_yuan),
                kind: name(&a.kind),
                cap: dec(a.cap),
                floor: dec(a.floor),
                rate_percent: a.rate.as_ref().and_then(|r| dec(Some(r.percent))),
                rate_base: a.rate.as_ref().and_then(|r| r.base.clone()),
                one_off: a.one_off,
                per_capita: a.per_capita,
                per: a.per.clone(),
                recipient: a.recipient.clone(),
                change: a.change.as_ref().map(name),
                new_level: a.new_level,
                comparator: a.comparator.as_ref().map(name),
                measure: a.measure.clone(),
                conditions: a
                    .conditions
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(";"),
                text: a.text.clone(),
                span_start: a.span.start,
                span_end: a.span.end,
            })?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        for row in &self.versions {
            self.documents.write(row)?;
        }
        self.documents.finish()?;
        self.tasks.finish()?;
        self.agencies.finish()?;
        self.targets.finish()?;
        self.amounts.finish()?;
        Ok(())
    }
}

/// `network --format csv --table edges`.
#[derive(Serialize, Default)]
struct EdgeRow<'a> {
    source: &'a str,
    target: &'a str,
    source_label: &'a str,
    target_label: &'a str,
    weight: u64,
}

/// `network --format csv --table edges`: ids and labels of both ends, the weight; heaviest
/// first.
pub fn write_network_edges<Ty: EdgeType>(
    net: &Network<Ty>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = writer(out);
    w.write_record(&header::<EdgeRow>().map_err(std::io::Error::other)?)?;
    for (s, t, weight) in net.edges_by_weight() {
        w.serialize(EdgeRow {
            source: &s.id,
            target: &t.id,
            source_label: &s.label,
            target_label: &t.label,
            weight,
        })?;
    }
    w.flush()
}

/// `network --format csv --table nodes`: id, label, kind, degree, weighted_degree, betweenness
/// (6 decimals), then one column per node attribute; those differ by network, so the header
/// comes from the data rather than a row struct. Most central first.
pub fn write_network_nodes<Ty: EdgeType>(
    net: &Network<Ty>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let attrs = net.attr_names();
    let mut w = writer(out);
    let fixed = [
        "id",
        "label",
        "kind",
        "degree",
        "weighted_degree",
        "betweenness",
    ];
    w.write_record(
        fixed
            .iter()
            .copied()
            .chain(attrs.iter().map(String::as_str)),
    )?;
    for n in net.nodes_by_centrality() {
        let fixed = [
            n.id.clone(),
            n.label.clone(),
            n.kind.clone(),
            n.degree.to_string(),
            n.weighted_degree.to_string(),
            format!("{:.6}", n.betweenness),
        ];
        let extra = attrs
            .iter()
            .map(|k| n.attrs.get(k).map(ToString::to_string).unwrap_or_default());
        w.write_record(fixed.into_iter().chain(extra))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_where_needed() {
        let mut w = writer(Vec::new());
        w.write_record(["a,b", "c\"d", "省财政厅", "e\nf", ""])
            .unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text, "\"a,b\",\"c\"\"d\",省财政厅,\"e\nf\",\n");
    }

    #[test]
    fn header_is_the_field_names_in_order() {
        let h = header::<AgencyRow>().unwrap();
        assert_eq!(
            h.iter().collect::<Vec<_>>(),
            [
                "version",
                "task",
                "name",
                "mention",
                "role",
                "basis",
                "collective",
                "known",
                "kind",
                "jurisdiction",
                "parent",
                "span_start",
                "span_end"
            ]
        );
    }
}
