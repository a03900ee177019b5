//! `policykg diff OLD NEW`: compare two versions of a policy, clause by clause, as coloured text,
//! JSON (every change with its spans in both versions), or the 对照表 as a self-contained HTML
//! page, an XLSX workbook or a DOCX document.
//! OLD and NEW are files, or ids of versions in the store (read back from their source files).
//!
//! Every report carries its provenance: the tool's version, both files' SHA-256 and the time of
//! the comparison (`SOURCE_DATE_EPOCH` when set, for reproducible reports and tests). Two
//! documents that look unrelated (see `policykg_diff::UNRELATED_BELOW`) stop the command with a
//! warning and exit status 5 unless `--force` is given.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use policykg_diff::{Options, TextOptions};

use crate::{parse, Global};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The changed units with inserted and deleted phrases marked, for a terminal.
    Text,
    /// The whole comparison as one JSON object (rows, hunks with spans, changes, summary).
    Json,
    /// A self-contained HTML page: the side-by-side 修订前后对照表.
    Html,
    /// The 对照表 as an Excel workbook (序号, 修订前, 修订后, 说明; a 说明 sheet with the
    /// documents and the provenance). Needs --out, or standard output that is not a terminal.
    Xlsx,
    /// The 对照表 as a Word document (landscape A4, header row repeated on every page).
    /// Needs --out, or standard output that is not a terminal.
    Docx,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The earlier version (修订前), e.g. a 征求意见稿: a file, or the id of a version in the
    /// store (its IRI, `id:expr/KEY` or KEY, as `policykg query` shows them).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later version (修订后): a file or a version id.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Text format: list unchanged and renumbered-only units too.
    #[arg(long)]
    all: bool,
    /// Text format: ANSI colours.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Write the report even when the two documents look unrelated (few clauses pair up and
    /// their names differ); without it the command stops with exit status 5.
    #[arg(long)]
    force: bool,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
    /// The store that version ids refer to.
    #[command(flatten)]
    store: crate::graph::StoreArg,
}

/// A file to read: `arg` itself when it exists, else the source file of the version it names
/// (the store is opened only then, so diffing two files needs no store).
fn resolve(arg: &Path, store: &crate::graph::StoreArg) -> anyhow::Result<PathBuf> {
    if arg.exists() {
        return Ok(arg.to_owned());
    }
    let id = arg.to_string_lossy();
    let gs = store
        .open(policykg_graph::Mode::ReadOnly)
        .with_context(|| {
            format!("{id}: no such file, and no store to look it up as a version id")
        })?;
    Ok(policykg_graph::versions::source_file(&gs, &id)?)
}

fn load(
    path: &Path,
    limits: &policykg_read::Limits,
    ontology: &policykg_ontology::Ontology,
) -> anyhow::Result<(policykg_outline::Parsed, policykg_extract::Extraction)> {
    // The reading stage's errors name the file and the reason.
    let processed = policykg_extract::process_path(path, ontology, limits)?;
    parse::print_warnings(&processed.parsed);
    Ok((processed.parsed, processed.extraction))
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Exit status when the two documents look unrelated and `--force` was not given.
pub const EXIT_UNRELATED: u8 = 5;

/// SHA-256 of a file's bytes, as hex.
fn file_sha256(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(policykg_graph::iri::sha256_hex(&bytes))
}

/// The time of the comparison: `SOURCE_DATE_EPOCH` (seconds, as reproducible builds set it)
/// when set, else now; UTC, RFC 3339.
fn comparison_time() -> anyhow::Result<String> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds"))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(policykg_text::time::utc_rfc3339(secs))
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let limits = policykg_read::Limits {
        max_bytes: args.max_size,
    };
    let binary = matches!(args.format, Format::Xlsx | Format::Docx);
    if binary && args.out.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("--format xlsx and docx write a binary file: give --out FILE");
    }
    let old_path = resolve(&args.old, &args.store)?;
    let new_path = resolve(&args.new, &args.store)?;
    let old = load(&old_path, &limits, &ontology)?;
    let new = load(&new_path, &limits, &ontology)?;
    let mut diff =
        policykg_diff::diff((&old.0, &old.1), (&new.0, &new.1), &Options::new(&ontology));
    diff.provenance = Some(policykg_diff::Provenance {
        tool: format!("policykg {}", env!("CARGO_PKG_VERSION")),
        old_sha256: file_sha256(&old_path)?,
        new_sha256: file_sha256(&new_path)?,
        time: comparison_time()?,
    });

    if diff.summary.unrelated {
        eprintln!(
            "policykg: warning: the two documents look unrelated: their names differ and their clauses are {:.0}% aligned (below {:.0}%){}",
            diff.summary.aligned * 100.0,
            policykg_diff::UNRELATED_BELOW * 100.0,
            if args.force {
                "; going on (--force)"
            } else {
                "; check the files, or give --force to compare them anyway"
            }
        );
        if !args.force {
            return Ok(ExitCode::from(EXIT_UNRELATED));
        }
    }

    let report = match args.format {
        Format::Xlsx => policykg_diff::render_xlsx(&diff)?,
        Format::Docx => policykg_diff::render_docx(&diff)?,
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&diff)?;
            s.push('\n');
            s.into_bytes()
        }
        Format::Html => policykg_diff::render_html(&diff).into_bytes(),
        Format::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => args.out.is_none() && std::io::stdout().is_terminal() && !no_color(),
            };
            policykg_diff::render_text(
                &diff,
                &TextOptions {
                    color,
                    all: args.all,
                },
            )
            .into_bytes()
        }
    };
    match &args.out {
        Some(path) => {
            crate::out_file::write(path, &report)?;
            eprintln!("policykg: wrote {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(&report)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
