//! `policykg extract`: tasks, agencies, targets and amounts, as JSON Lines for programs, a table
//! for people, CSV files for pandas/R, or N-Quads (each document's named graph as `ingest` would
//! store it) for bulk loaders. Paths come from the command line or, one a line, from
//! `--files-from` (a batch system's partition on standard input).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use policykg_extract::Extraction;
use policykg_graph::oxigraph::io::{RdfFormat, RdfSerializer};

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
    /// Each document's named graph as N-Quads: the quads `ingest` stores for it (the shared
    /// graphs — vocabulary, gazetteer, works, agencies, versions, sources — are not included).
    Nquads,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (read recursively).
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also read paths from this file, one a line (`-`: standard input); blank lines are
    /// ignored. An empty list is no error (an empty partition of a batch job).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Directory for `--format csv` (created if missing).
    #[arg(long, value_name = "DIR", required_if_eq("format", "csv"))]
    out: Option<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
    /// With `--format nquads`: the base IRI of the identifiers, as the store they are loaded
    /// next to was created with (`ingest --base-iri`).
    #[arg(long, value_name = "IRI", default_value = policykg_graph::DEFAULT_BASE)]
    base_iri: String,
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
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(read_path_list(list)?);
        if paths.is_empty() {
            eprintln!("policykg: --files-from {}: no paths listed", list.display());
        }
    }
    let work = |path: &Path| extract_file(path, &limits, &ontology);
    let summary = match args.format {
        Format::Jsonl => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let s = batch::run(&paths, work, |_, x| {
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
            let s = batch::run(&paths, work, |_, x| {
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
            let s = batch::run(&paths, work, |_, (version, x)| csv.write(&version, &x))?;
            csv.finish()?;
            eprintln!("policykg: wrote CSV files to {}", dir.display());
            s
        }
        Format::Nquads => {
            let iris = policykg_graph::Iris::new(&args.base_iri)?;
            // The same steps as `ingest` (policykg_graph::ingest::prepare_bytes): the file's
            // bytes, extracted, then mapped by the function ingest maps with.
            let work = |path: &Path| {
                let display = path.display().to_string();
                let bytes = policykg_read::read_file(path, &limits)?;
                let processed =
                    policykg_extract::process_bytes(&display, &bytes, &ontology, &limits)?;
                parse::print_warnings(&processed.parsed);
                let doc =
                    policykg_graph::ingest::map_processed(&display, &processed, &iris, &ontology)?;
                anyhow::Ok(doc)
            };
            let stdout = std::io::stdout();
            let mut out = RdfSerializer::from_format(RdfFormat::NQuads)
                .for_writer(std::io::BufWriter::new(stdout.lock()));
            let s = batch::run(&paths, work, |_, doc| {
                for q in &doc.quads {
                    out.serialize_quad(q)?;
                }
                Ok(())
            })?;
            out.finish()?.flush()?;
            s
        }
    };
    summary.report();
    Ok(summary.exit_code())
}

/// The paths listed in `list` (`-`: standard input), one a line; blank lines are skipped, a
/// line's trailing CR (a list written on Windows) is not part of its path.
fn read_path_list(list: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let bytes = if list.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut b)
            .context("--files-from -: cannot read standard input")?;
        b
    } else {
        std::fs::read(list)
            .with_context(|| format!("--files-from {}: cannot read", list.display()))?
    };
    Ok(bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .map(path_from_bytes)
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
