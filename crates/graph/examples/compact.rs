//! Compacts a store ([`GraphStore::compact`], what `ingest` ends with after a large load) and
//! says how long it took.
//!
//! `cargo run --release -p policykg-graph --example compact -- STORE_DIR`

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use policykg_graph::{GraphStore, Mode};

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: compact STORE_DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match GraphStore::open(Path::new(&dir), Mode::ReadWrite, None).and_then(|gs| gs.compact()) {
        Ok(()) => {
            println!(
                "compacted {dir} in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("compact: {e}");
            ExitCode::FAILURE
        }
    }
}
