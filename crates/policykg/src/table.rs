//! `extract --format table`: what a researcher wants to glance at in a terminal, one block per
//! document (tasks with their agencies, targets, amounts), CJK-width aware.

use std::io::Write;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use policykg_extract::{Extraction, Role};
use policykg_text::yuan;

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(160)
        .set_header(header.to_vec());
    t
}

fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

pub fn write_extraction(out: &mut impl Write, x: &Extraction) -> std::io::Result<()> {
    writeln!(out, "== {}", x.source)?;
    writeln!(
        out,
        "{}  {}  {}  {}",
        x.title.as_deref().unwrap_or("(no title)"),
        x.doc_number.as_deref().unwrap_or(""),
        x.date.as_deref().unwrap_or(""),
        x.jurisdiction.as_deref().unwrap_or("")
    )?;

    let mut tasks = new_table(&["task", "heading", "lead", "support / joint"]);
    for t in &x.tasks {
        let names = |pred: &dyn Fn(Role) -> bool| {
            t.agencies
                .iter()
                .filter(|a| pred(a.role))
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        tasks.add_row(vec![
            t.id.clone(),
            short(&t.heading, 24),
            names(&|r| r == Role::Lead),
            names(&|r| r != Role::Lead),
        ]);
    }
    writeln!(out, "tasks: {}\n{tasks}", x.tasks.len())?;

    let mut targets = new_table(&["task", "metric", "value", "comparator", "year", "period"]);
    for t in &x.targets {
        let value = match (t.value, t.min, t.max) {
            (Some(v), _, _) => format!("{}{}", v.normalize(), t.unit),
            (None, Some(a), Some(b)) => format!("{}—{}{}", a.normalize(), b.normalize(), t.unit),
            _ => t.unit.clone(),
        };
        targets.add_row(vec![
            t.task.clone().unwrap_or_default(),
            short(&t.metric, 24),
            value,
            format!("{:?}", t.comparator),
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.period.map(|p| format!("{p:?}")).unwrap_or_default(),
        ]);
    }
    writeln!(out, "targets: {}\n{targets}", x.targets.len())?;

    let mut amounts = new_table(&["task", "amount", "kind", "recipient"]);
    for a in &x.amounts {
        let mut parts = Vec::new();
        if let Some(r) = &a.rate {
            parts.push(format!(
                "{}% of {}",
                r.percent.normalize(),
                r.base.as_deref().unwrap_or("?")
            ));
        }
        if let Some(v) = a.yuan {
            parts.push(yuan(v));
        }
        if let (Some(lo), Some(hi)) = (a.min_yuan, a.max_yuan) {
            parts.push(format!("{}—{}", yuan(lo), yuan(hi)));
        }
        if let Some(v) = a.cap {
            parts.push(format!("≤{}", yuan(v)));
        }
        if let Some(v) = a.floor {
            parts.push(format!("≥{}", yuan(v)));
        }
        amounts.add_row(vec![
            a.task.clone().unwrap_or_default(),
            parts.join(", "),
            format!("{:?}", a.kind),
            short(a.recipient.as_deref().unwrap_or(""), 30),
        ]);
    }
    writeln!(out, "amounts: {}\n{amounts}", x.amounts.len())?;
    for w in &x.warnings {
        writeln!(out, "warning: {}", w.message)?;
    }
    writeln!(out)
}
