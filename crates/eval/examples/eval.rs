//! `policykg eval` without the graph store: the same scoring, printed as JSON, built from the
//! pipeline crates alone (no Oxigraph/RocksDB to compile). For working on the extraction in a
//! fresh target directory:
//!
//! ```text
//! cargo run -p policykg-eval --example eval -- corpus/gold            # summaries and rows
//! cargo run -p policykg-eval --example eval -- corpus/gold 014        # and 014's mismatches
//! ```
//!
//! Blind documents' rows and details stay hidden, as in `policykg eval`.

use std::path::PathBuf;
use std::process::ExitCode;

use policykg_eval::ViewOptions;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: eval GOLD_DIR [DOC]");
        return ExitCode::from(2);
    };
    let details = args.next().map(|d| d.to_string_lossy().into_owned());
    let ontology = policykg_ontology::Ontology::bundled();
    let limits = policykg_read::Limits::default();
    let report = match policykg_eval::evaluate(&dir, ontology, &limits) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    let view = match report.view(&ViewOptions {
        show_blind: false,
        details,
    }) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::from(2);
        }
    };
    match serde_json::to_string_pretty(&view) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::from(2)
        }
    }
}
