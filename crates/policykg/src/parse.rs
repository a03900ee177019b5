//! `policykg parse`: the reading and outline stages, for people (an indented outline) and for
//! programs (one JSON object per document per line; the keys are documented in README.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use policykg_outline::Parsed;

use crate::{batch, Global};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An indented outline with the metadata above it.
    Text,
    /// One JSON object per document per line.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (read recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let limits = policykg_read::Limits {
        max_bytes: args.max_size,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = batch::run(
        &args.paths,
        |path| parse_file(path, &limits, &ontology),
        |_, parsed| {
            match args.format {
                Format::Json => writeln!(out, "{}", to_json(&parsed)?)?,
                Format::Text => {
                    print_warnings(&parsed);
                    write_text(&mut out, &parsed)?
                }
            }
            Ok(())
        },
    )?;
    out.flush()?;
    summary.report();
    Ok(summary.exit_code())
}

pub fn parse_file(
    path: &Path,
    limits: &policykg_read::Limits,
    ontology: &policykg_ontology::Ontology,
) -> anyhow::Result<Parsed> {
    Ok(policykg_extract::outline_path(path, ontology, limits)?)
}

/// Warnings of the reading and outline stages, one line each on stderr, naming the file.
pub fn print_warnings(parsed: &Parsed) {
    let source = &parsed.document.source;
    for w in parsed.document.warnings.iter().chain(&parsed.warnings) {
        match w.span {
            Some(span) => eprintln!(
                "warning: {source}: {} (chars {}..{})",
                w.message, span.start, span.end
            ),
            None => eprintln!("warning: {source}: {}", w.message),
        }
    }
}

/// The JSON line of a parsed document: the shape is the outline model's own
/// ([`Parsed`]'s `Serialize`, keys in README.md); going through `Value` writes every object's
/// keys sorted, so the line does not change when a model's fields are reordered.
fn to_json(parsed: &Parsed) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(parsed)
}

/// For people: metadata, then the outline indented by level, headings only.
fn write_text(out: &mut impl Write, parsed: &Parsed) -> std::io::Result<()> {
    let d = &parsed.document;
    let m = &parsed.metadata;
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.join("；")
        }
    };
    writeln!(
        out,
        "== {}  ({}, {})",
        d.source,
        d.encoding.name,
        crate::table::words(&d.format)
    )?;
    writeln!(out, "title:        {}", dash(&m.title))?;
    writeln!(out, "issuers:      {}", list(&m.issuers))?;
    writeln!(out, "date:         {}", dash(&m.date))?;
    writeln!(out, "doc number:   {}", dash(&m.doc_number))?;
    writeln!(out, "jurisdiction: {}", dash(&m.jurisdiction))?;
    writeln!(out, "addressees:   {}", list(&m.addressees))?;
    for c in &m.citations {
        let title = c.title.as_deref().map(|t| format!("《{t}》"));
        let parts: Vec<String> = title.into_iter().chain(c.doc_number.clone()).collect();
        writeln!(out, "cites:        {}", parts.join(" "))?;
    }
    writeln!(out, "outline:")?;
    for n in &parsed.outline.nodes {
        let indent = "  ".repeat(n.level as usize);
        writeln!(out, "{indent}{}{}", n.number, n.heading)?;
    }
    writeln!(out)
}
