//! The ceiling for `policykg ingest`: Oxigraph's own bulk loader loading the same quads from an
//! N-Quads file (`policykg export --format nquads`) into a fresh store.
//!
//! `cargo run --release -p policykg-graph --example bulk_load -- ALL.nq NEW_STORE_DIR`

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use policykg_graph::oxigraph::io::RdfFormat;
use policykg_graph::oxigraph::store::Store;

// Allocate as the policykg binary does (mimalloc in place of malloc, RocksDB's included), so
// that the two loads are compared like for like.
use libmimalloc_sys as _;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, dir] = args.as_slice() else {
        eprintln!("usage: bulk_load FILE.nq NEW_STORE_DIR");
        return ExitCode::from(2);
    };
    match run(file, dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bulk_load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(file: &str, dir: &str) -> Result<(), Box<dyn std::error::Error>> {
    if std::path::Path::new(dir).exists() {
        return Err(format!("{dir} exists: give a new directory").into());
    }
    let store = Store::open(dir)?;
    let reader = BufReader::new(File::open(file).map_err(|e| format!("{file}: {e}"))?);
    let started = Instant::now();
    // Oxigraph 0.5: the loaded quads become visible only at `commit`, which is timed too.
    let mut loader = store.bulk_loader();
    loader.load_from_reader(RdfFormat::NQuads, reader)?;
    loader.commit()?;
    let secs = started.elapsed().as_secs_f64();
    let quads = store.len()?;
    println!(
        "bulk loader: {quads} quads in {secs:.2} s = {:.0} quads/s",
        quads as f64 / secs
    );
    Ok(())
}
