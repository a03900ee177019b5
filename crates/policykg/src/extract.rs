//! `policykg extract`: tasks, agencies, targets and amounts, as JSON Lines for programs, a table
//! for people, or CSV files for pandas/R.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use policykg_extract::Extraction;

use crate::{batch, parse, Global};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per document per line (keys documented in README.md).
    Jsonl,
    /// Tables for people.
    Table,
    /// documents.csv (one row per version), tasks.csv, agencies.csv, targets.csv and amounts.csv
    /// in `--out DIR`.
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (read recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Directory for `--format csv` (created if missing).
    #[arg(long, value_name = "DIR", required_if_eq("format", "csv"))]
    out: Option<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
}

/// Read, outline and extract one file.
pub fn extract_file(
    path: &Path,
    limits: &policykg_read::Limits,
    ontology: &policykg_ontology::Ontology,
) -> anyhow::Result<Extraction> {
    let processed = policykg_extract::process_path(path, ontology, limits)?;
    parse::print_warnings(&processed.parsed);
    Ok(processed.extraction)
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let limits = policykg_read::Limits {
        max_bytes: args.max_size,
    };
    let work = |path: &Path| extract_file(path, &limits, &ontology);
    let summary = match args.format {
        Format::Jsonl => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let s = batch::run(&args.paths, work, |_, x| {
                serde_json::to_writer(&mut out, &x)?;
                writeln!(out)?;
                Ok(())
            })?;
            out.flush()?;
            s
        }
        Format::Table => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let s = batch::run(&args.paths, work, |_, x| {
                crate::table::write_extraction(&mut out, &x)?;
                Ok(())
            })?;
            out.flush()?;
            s
        }
        Format::Csv => {
            let dir = args
                .out
                .as_deref()
                .context("--format csv needs --out DIR")?;
            let mut csv = crate::csv_out::Writers::create(dir)
                .with_context(|| format!("cannot write CSV files in {}", dir.display()))?;
            // Copies of one text (another encoding, the saved HTML page) are one version, as in
            // the graph: its id is the graph's, from the text's fingerprint.
            let work = |path: &Path| {
                let processed = policykg_extract::process_path(path, &ontology, &limits)?;
                parse::print_warnings(&processed.parsed);
                let version = policykg_graph::iri::version_id(&processed.parsed.document.text);
                anyhow::Ok((version, processed.extraction))
            };
            let s = batch::run(&args.paths, work, |_, (version, x)| csv.write(&version, &x))?;
            csv.finish()?;
            eprintln!("policykg: wrote CSV files to {}", dir.display());
            s
        }
    };
    summary.report();
    Ok(summary.exit_code())
}
