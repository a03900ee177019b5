//! Read, outline and extract every file under a directory, once, single-threaded: the workload
//! of the `pipeline` bench as a plain run, for `perf stat` (instruction counts do not depend on
//! what else the machine runs) and `perf record`, and, with `--jsonl`, the extractions to
//! compare two builds' output byte for byte.
//!
//! With `--parallel`, files are processed on rayon's pool (`RAYON_NUM_THREADS`), as
//! `policykg extract` does, to compare wall-clock time on one and two threads.
//!
//! cargo run --release -p policykg-extract --example pipeline -- DIR [--jsonl] [--parallel]

// Allocate as the policykg binary does (mimalloc in place of malloc): its allocations are a
// tenth of this run's CPU time under glibc's malloc.
use libmimalloc_sys as _;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().ok_or("usage: pipeline DIR [--jsonl]")?;
    let jsonl = args.iter().any(|a| a == "--jsonl");
    let parallel = args.iter().any(|a| a == "--parallel");
    let mut paths = policykg_read::discover(&[PathBuf::from(dir)])
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let ontology = policykg_ontology::Ontology::bundled();
    let limits = policykg_read::Limits::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut bytes, mut items, files) = (0usize, 0usize, paths.len());
    if parallel {
        use rayon::prelude::*;
        let done: Vec<(usize, Option<policykg_extract::Extraction>)> = paths
            .par_iter()
            .map(|p| {
                let data = std::fs::read(p).unwrap_or_default();
                let x = policykg_read::read_bytes(&p.display().to_string(), &data, &limits)
                    .ok()
                    .map(|doc| {
                        policykg_extract::extract(&policykg_outline::parse(doc, ontology), ontology)
                    });
                (data.len(), x)
            })
            .collect();
        for (len, x) in done {
            bytes += len;
            let Some(x) = x else { continue };
            items += x.tasks.len() + x.targets.len() + x.amounts.len();
            if jsonl {
                serde_json::to_writer(&mut out, &x)?;
                writeln!(out)?;
            }
        }
        paths.clear();
    }
    for p in &paths {
        let data = std::fs::read(p)?;
        bytes += data.len();
        let Ok(doc) = policykg_read::read_bytes(&p.display().to_string(), &data, &limits) else {
            continue;
        };
        let parsed = policykg_outline::parse(doc, ontology);
        let x = policykg_extract::extract(&parsed, ontology);
        items += x.tasks.len() + x.targets.len() + x.amounts.len();
        if jsonl {
            serde_json::to_writer(&mut out, &x)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    eprintln!("{files} files, {bytes} bytes, {items} tasks + targets + amounts");
    Ok(())
}
