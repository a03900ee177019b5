//! `policykg eval GOLD_DIR`: the extraction scored against the gold files, as tables or JSON,
//! with floors for CI. Scoring, and what may be shown of blind documents, is policykg-eval's;
//! this module renders.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use policykg_eval::{
    check_floors, load_floors, Agreement, Counts, DocDetails, Field, View, ViewOptions,
};

use crate::table::TextTable;
use crate::Global;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Tables for people.
    Text,
    /// One JSON object: summaries, per-document scores, details, floors.
    Json,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Gold format and annotation rules: corpus/gold/README.md. \
    Exit status: 0 done; 1 a figure is below its floor (--floors); 2 bad gold, bad floors \
    or another error."
)]
pub struct Args {
    /// Directory of gold files (every *.json in it; `file` is relative to the gold file).
    #[arg(value_name = "GOLD_DIR")]
    gold_dir: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Print every mismatch of one dev document (its gold file's name, e.g. 014, or the
    /// document's file name).
    #[arg(long, value_name = "DOC")]
    details: Option<String>,
    /// Also show blind documents' per-document scores and details (do not tune on them).
    #[arg(long)]
    show_blind: bool,
    /// TSV of `split<TAB>field<TAB>min_f1` lines: exit 1 when a figure is below its floor.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// Score these extractions (JSONL as `policykg extract --format jsonl` writes, e.g. from
    /// another version of policykg) instead of extracting; matched by the source's file name.
    #[arg(long, value_name = "JSONL")]
    extractions: Option<PathBuf>,
    /// Refuse documents larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    // Bad floors are reported before the (slower) scoring.
    let floors = args.floors.as_deref().map(load_floors).transpose()?;
    let ontology = global.ontology()?;
    let limits = policykg_read::Limits {
        max_bytes: args.max_size,
    };
    let given = args
        .extractions
        .as_deref()
        .map(policykg_eval::load_extractions)
        .transpose()?;
    let report =
        policykg_eval::evaluate_against(&args.gold_dir, &ontology, &limits, given.as_ref())?;
    let mut view = report.view(&ViewOptions {
        show_blind: args.show_blind,
        details: args.details.clone(),
    })?;
    let checks = floors.map(|f| check_floors(&report, &f));
    view.floors = checks.clone();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &view)?;
            writeln!(out)?;
        }
        Format::Text => write_text(&mut out, &view)?,
    }
    out.flush()?;

    let violated: Vec<_> = checks.iter().flatten().filter(|c| !c.ok).collect();
    for c in &violated {
        eprintln!("policykg: floor violated: {c}");
    }
    Ok(if violated.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn figure(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn agreement_line(what: &str, a: &Agreement) -> String {
    let share = if a.total() > 0 {
        format!(" ({:.3})", a.agree as f64 / a.total() as f64)
    } else {
        String::new()
    };
    format!(
        "{what}: {} of {} matched agree{share}, {} differ, {} not extracted",
        a.agree,
        a.total(),
        a.disagree,
        a.missing
    )
}

fn write_text(out: &mut dyn Write, view: &View<'_>) -> std::io::Result<()> {
    for s in view.summaries {
        writeln!(out, "== {} ({} documents)", s.split, s.documents)?;
        let mut t = TextTable::new(["field", "P", "R", "F1", "TP", "FP", "FN"]);
        for field in Field::ALL {
            let Some(c) = s.fields.get(&field) else {
                continue;
            };
            t.add_row(row(field.name(), c));
        }
        t.write(out)?;
        writeln!(
            out,
            "{}",
            agreement_line("target comparators", &s.comparators)
        )?;
        writeln!(out, "{}", agreement_line("amount roles", &s.amount_roles))?;
        writeln!(out)?;
    }

    writeln!(out, "== per document")?;
    let columns = [
        Field::Tasks,
        Field::AgencyRole,
        Field::Agency,
        Field::Metadata,
        Field::Targets,
        Field::Amounts,
    ];
    let mut t = TextTable::new(
        ["document", "split"]
            .into_iter()
            .chain(columns.iter().map(|f| f.name())),
    )
    .max_width(0, 48);
    for d in &view.documents {
        let mut cells = vec![d.document.to_owned(), d.split.as_str().to_owned()];
        cells.extend(columns.iter().map(|f| figure(d.f1(*f))));
        t.add_row(cells);
    }
    t.write(out)?;
    if view.hidden_blind_documents > 0 {
        writeln!(
            out,
            "({} blind documents not shown: nobody tunes on them; --show-blind shows them)",
            view.hidden_blind_documents
        )?;
    }
    if let Some(d) = &view.details {
        writeln!(out)?;
        write_details(out, d)?;
    }
    if let Some(checks) = &view.floors {
        writeln!(out)?;
        let bad = checks.iter().filter(|c| !c.ok).count();
        writeln!(out, "floors: {} checked, {bad} violated", checks.len())?;
    }
    Ok(())
}

fn row(name: &str, c: &Counts) -> Vec<String> {
    vec![
        name.to_owned(),
        figure(c.precision()),
        figure(c.recall()),
        figure(c.f1()),
        c.tp.to_string(),
        c.fp.to_string(),
        c.fn_.to_string(),
    ]
}

fn pairs(p: &[(String, String)]) -> String {
    p.iter()
        .map(|(m, r)| format!("{m}/{r}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_details(out: &mut dyn Write, d: &DocDetails<'_>) -> std::io::Result<()> {
    let x = d.details;
    writeln!(out, "== details: {} ({})", d.name, d.document)?;
    let not_annotated: Vec<&str> = [
        Field::Tasks,
        Field::Metadata,
        Field::Targets,
        Field::Amounts,
    ]
    .into_iter()
    .filter(|f| !d.scored.contains(f))
    .map(Field::name)
    .collect();
    if !not_annotated.is_empty() {
        writeln!(
            out,
            "not annotated (not scored): {}",
            not_annotated.join(", ")
        )?;
    }
    writeln!(
        out,
        "unmatched gold tasks: {}",
        x.unmatched_gold_tasks.len()
    )?;
    for s in &x.unmatched_gold_tasks {
        writeln!(out, "  {s}")?;
    }
    writeln!(
        out,
        "unmatched extracted tasks: {}",
        x.unmatched_extracted_tasks.len()
    )?;
    for (id, text) in &x.unmatched_extracted_tasks {
        writeln!(out, "  {id}  {text}")?;
    }
    writeln!(
        out,
        "matched tasks that differ: {}",
        x.task_differences.len()
    )?;
    for t in &x.task_differences {
        writeln!(out, "  {} ↔ {}", t.snippet, t.extracted_id)?;
        if !t.missing_agencies.is_empty() {
            writeln!(out, "    missing: {}", pairs(&t.missing_agencies))?;
        }
        if !t.extra_agencies.is_empty() {
            writeln!(out, "    extra:   {}", pairs(&t.extra_agencies))?;
        }
        if let Some((g, e)) = &t.deadline {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            writeln!(out, "    deadline: gold {}, extracted {}", show(g), show(e))?;
        }
    }
    writeln!(out, "metadata that differs: {}", x.metadata.len())?;
    // Lines, not a table: the values are shown whole.
    for m in &x.metadata {
        writeln!(out, "  {}", m.field.name())?;
        writeln!(out, "    gold:      {}", m.gold)?;
        writeln!(out, "    extracted: {}", m.extracted)?;
    }
    for (what, items) in [
        ("missed targets", &x.missed_targets),
        ("extra targets", &x.extra_targets),
        ("missed amounts", &x.missed_amounts),
        ("extra amounts", &x.extra_amounts),
    ] {
        writeln!(out, "{what}: {}", items.len())?;
        for i in items {
            writeln!(out, "  {i}")?;
        }
    }
    for (what, items) in [
        ("target comparators that differ", &x.comparator_differences),
        ("amount roles that differ", &x.role_differences),
    ] {
        writeln!(out, "{what}: {}", items.len())?;
        for (gold, extracted) in items {
            let extracted = extracted.as_deref().unwrap_or("(none)");
            writeln!(out, "  {gold} ← extracted {extracted}")?;
        }
    }
    Ok(())
}
