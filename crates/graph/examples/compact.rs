//! Compacts a store (Oxigraph's `Store::optimize`) and says how long it took.
//!
//! `cargo run --release -p policykg-graph --example compact -- STORE_DIR`

use std::process::ExitCode;
use std::time::Instant;

use policykg_graph::oxigraph::store::Store;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: compact STORE_DIR");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match Store::open(&dir).and_then(|s| s.optimize()) {
        Ok(()) => {
            println!(
                "compacted {dir} in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("compact: {dir}: {e}");
            ExitCode::FAILURE
        }
    }
}
