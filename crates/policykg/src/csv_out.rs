//! `extract --format csv`: one CSV file per kind of fact, each row carrying its document's
//! `source` and its task's id, so the files join like database tables in pandas or R.

use std::fs::File;
use std::path::Path;

use anyhow::Context;
use policykg_extract::Extraction;
use rust_decimal::Decimal;
use serde::Serialize;

pub struct Writers {
    documents: csv::Writer<File>,
    tasks: csv::Writer<File>,
    agencies: csv::Writer<File>,
    targets: csv::Writer<File>,
    amounts: csv::Writer<File>,
}

fn writer(dir: &Path, name: &str, header: &[&str]) -> anyhow::Result<csv::Writer<File>> {
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    w.write_record(header)?;
    Ok(w)
}

/// The serde name of an enum value (`first_listed`), as in the JSON output.
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn dec(d: &Option<Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

impl Writers {
    pub fn create(dir: &Path) -> anyhow::Result<Writers> {
        std::fs::create_dir_all(dir)?;
        Ok(Writers {
            documents: writer(
                dir,
                "documents.csv",
                &[
                    "source",
                    "title",
                    "doc_number",
                    "date",
                    "jurisdiction",
                    "issuers",
                    "encoding",
                    "tasks",
                    "targets",
                    "amounts",
                    "warnings",
                ],
            )?,
            tasks: writer(
                dir,
                "tasks.csv",
                &[
                    "source",
                    "task",
                    "path",
                    "origin",
                    "heading",
                    "text",
                    "span_start",
                    "span_end",
                    "open_list",
                    "agencies",
                ],
            )?,
            agencies: writer(
                dir,
                "agencies.csv",
                &[
                    "source",
                    "task",
                    "name",
                    "mention",
                    "role",
                    "basis",
                    "collective",
                    "known",
                    "span_start",
                    "span_end",
                ],
            )?,
            targets: writer(
                dir,
                "targets.csv",
                &[
                    "source",
                    "task",
                    "metric",
                    "value",
                    "min",
                    "max",
                    "unit",
                    "comparator",
                    "year",
                    "period",
                    "within_years",
                    "text",
                    "span_start",
                    "span_end",
                ],
            )?,
            amounts: writer(
                dir,
                "amounts.csv",
                &[
                    "source",
                    "task",
                    "yuan",
                    "min_yuan",
                    "max_yuan",
                    "kind",
                    "cap",
                    "floor",
                    "rate_percent",
                    "rate_base",
                    "one_off",
                    "per_capita",
                    "recipient",
                    "text",
                    "span_start",
                    "span_end",
                ],
            )?,
        })
    }

    pub fn write(&mut self, x: &Extraction) -> anyhow::Result<()> {
        let src = x.source.as_str();
        self.documents.write_record([
            src,
            &opt(&x.title),
            &opt(&x.doc_number),
            &opt(&x.date),
            &opt(&x.jurisdiction),
            &x.issuers.join("；"),
            &x.encoding,
            &x.tasks.len().to_string(),
            &x.targets.len().to_string(),
            &x.amounts.len().to_string(),
            &x.warnings.len().to_string(),
        ])?;
        for t in &x.tasks {
            let agencies: Vec<String> = t
                .agencies
                .iter()
                .map(|a| format!("{}({})", a.name, name(&a.role)))
                .collect();
            self.tasks.write_record([
                src,
                &t.id,
                &t.path,
                &name(&t.origin),
                &t.heading,
                &t.text,
                &t.span.start.to_string(),
                &t.span.end.to_string(),
                &t.open_list.to_string(),
                &agencies.join("；"),
            ])?;
            for a in &t.agencies {
                self.agencies.write_record([
                    src,
                    &t.id,
                    &a.name,
                    &a.mention,
                    &name(&a.role),
                    &name(&a.basis),
                    &a.collective.to_string(),
                    &a.known.to_string(),
                    &a.span.start.to_string(),
                    &a.span.end.to_string(),
                ])?;
            }
        }
        for t in &x.targets {
            self.targets.write_record([
                src,
                &opt(&t.task),
                &t.metric,
                &dec(&t.value),
                &dec(&t.min),
                &dec(&t.max),
                &t.unit,
                &name(&t.comparator),
                &opt(&t.year),
                &t.period.map(|p| name(&p)).unwrap_or_default(),
                &opt(&t.within_years),
                &t.text,
                &t.span.start.to_string(),
                &t.span.end.to_string(),
            ])?;
        }
        for a in &x.amounts {
            self.amounts.write_record([
                src,
                &opt(&a.task),
                &dec(&a.yuan),
                &dec(&a.min_yuan),
                &dec(&a.max_yuan),
                &name(&a.kind),
                &dec(&a.cap),
                &dec(&a.floor),
                &a.rate
                    .as_ref()
                    .map(|r| r.percent.normalize().to_string())
                    .unwrap_or_default(),
                &a.rate
                    .as_ref()
                    .and_then(|r| r.base.clone())
                    .unwrap_or_default(),
                &a.one_off.to_string(),
                &a.per_capita.to_string(),
                &opt(&a.recipient),
                &a.text,
                &a.span.start.to_string(),
                &a.span.end.to_string(),
            ])?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.documents.flush()?;
        self.tasks.flush()?;
        self.agencies.flush()?;
        self.targets.flush()?;
        self.amounts.flush()?;
        Ok(())
    }
}
