//! Print what the reader makes of files: `cargo run -p policykg-read --example read -- PATH...`
//! (directories recursively). For looking at real pages while tuning the rules; the CLI is
//! `policykg parse`.

use std::path::PathBuf;
use std::process::ExitCode;

use policykg_read::{discover, read_path, Limits};

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let mut failed = false;
    for entry in discover(&paths) {
        let result = entry.and_then(|path| read_path(&path, &Limits::default()));
        match result {
            Ok(doc) => {
                println!("== {} ({:?}, {:?})", doc.source, doc.format, doc.encoding);
                for field in &doc.fields {
                    println!("  {:?} {} = {}", field.origin, field.key, field.value);
                }
                for warning in &doc.warnings {
                    println!("  warning: {}", warning.message);
                }
                println!("  {} tables", doc.tables.len());
                print!("{}", doc.text);
                if !doc.text.ends_with('\n') {
                    println!();
                }
            }
            Err(err) => {
                failed = true;
                eprintln!("error: {err}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
