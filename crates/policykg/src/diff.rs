//! `policykg diff OLD NEW`: compare two versions of a policy, clause by clause, as coloured text,
//! JSON (every change with its spans in both versions), or a self-contained HTML 对照表.
//! OLD and NEW are files, or ids of versions in the store (read back from their source files).

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

pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let limits = policykg_read::Limits {
        max_bytes: args.max_size,
    };
    let old = load(&resolve(&args.old, &args.store)?, &limits, &ontology)?;
    let new = load(&resolve(&args.new, &args.store)?, &limits, &ontology)?;
    let diff = policykg_diff::diff((&old.0, &old.1), (&new.0, &new.1), &Options::new(&ontology));

    let report = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&diff)?;
            s.push('\n');
            s
        }
        Format::Html => policykg_diff::render_html(&diff),
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
        }
    };
    match &args.out {
        Some(path) => {
            crate::out_file::write(path, report.as_bytes())?;
            eprintln!("policykg: wrote {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(report.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
