//! The alignment measure ([`policykg_diff::measure`]) of version pairs, as a table.
//!
//! `cargo run -p policykg-diff --example alignment -- OLD NEW [OLD NEW …]` (paths as given, or
//! relative to the workspace root); `--misses` also lists, per pair, each reappearing clause the
//! diff did not pair and each wrong pair; `--clauses` every old clause with its best share in the
//! new version and the share in its row.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use policykg_diff::{diff_versions, measure::measure, Options, Version};

fn load(path: &Path) -> Result<Version, String> {
    let ontology = policykg_ontology::Ontology::bundled();
    let document = policykg_read::read_path(path, &policykg_read::Limits::default())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let parsed = policykg_outline::parse(document, ontology);
    let extraction = policykg_extract::extract(&parsed, ontology);
    Ok(Version::new(&parsed, &extraction))
}

fn resolve(arg: &str) -> PathBuf {
    let p = PathBuf::from(arg);
    if p.exists() {
        return p;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(arg)
}

fn name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let clauses = args.iter().any(|a| a == "--clauses");
    args.retain(|a| a != "--misses" && a != "--clauses");
    if args.is_empty() || args.len() % 2 != 0 {
        eprintln!("usage: alignment [--misses] [--clauses] OLD NEW [OLD NEW …]");
        return ExitCode::from(2);
    }
    println!("| pair | old clauses | reappearing | paired | share | wrong pairs |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut details = Vec::new();
    for pair in args.chunks(2) {
        let (old, new) = match (load(&resolve(&pair[0])), load(&resolve(&pair[1]))) {
            (Ok(o), Ok(n)) => (o, n),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let d = diff_versions(&old, &new, &Options::default());
        let m = measure(&old.units, &new.units, &d);
        let label = format!("{} → {}", name(&pair[0]), name(&pair[1]));
        println!(
            "| {label} | {} | {} | {} | {:.3} | {} |",
            m.old_clauses,
            m.reappearing,
            m.paired,
            m.share(),
            m.wrong
        );
        let mut lines = Vec::new();
        if misses {
            lines.extend(m.misses.iter().cloned());
        }
        if clauses {
            lines.extend(m.clauses.iter().map(|(l, best, row, text)| {
                let row = row.map_or("deleted".to_owned(), |s| format!("{s:.2}"));
                format!("{l}\tbest {best:.2}\trow {row}\t{text}")
            }));
        }
        if !lines.is_empty() {
            details.push((label, lines));
        }
    }
    for (label, lines) in details {
        println!("\n{label}");
        for l in lines {
            println!("  {l}");
        }
    }
    ExitCode::SUCCESS
}
