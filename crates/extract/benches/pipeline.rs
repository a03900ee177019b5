//! The whole per-document pipeline (read → outline → extract) over every file of the corpus
//! (UTF-8, GBK, GB18030, UTF-16, HTML), replicated in memory to at least 50 MB, on one core and in
//! parallel over files with rayon (1 vs 2 threads: the scaling the CLI gets from `batch.rs`).
//! Throughput is in bytes of input files; figures and the command are in docs/benchmarks.md.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;

fn files(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if !policykg_read::is_skipped_name(
            &p.file_name().unwrap_or_default().to_string_lossy(),
        ) {
            let bytes = std::fs::read(&p).expect("corpus file");
            out.push((p.display().to_string(), bytes));
        }
    }
}

fn one(name: &str, bytes: &[u8]) -> usize {
    let ontology = policykg_ontology::Ontology::bundled();
    let limits = policykg_read::Limits::default();
    let doc = policykg_read::read_bytes(name, bytes, &limits).expect("corpus reads");
    let parsed = policykg_outline::parse(doc, ontology);
    let x = policykg_extract::extract(&parsed, ontology);
    x.tasks.len() + x.targets.len() + x.amounts.len()
}

fn pipeline(c: &mut Criterion) {
    let mut corpus = Vec::new();
    files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus"),
        &mut corpus,
    );
    let once: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    // At least 50 MB (issue 13): rounded up, not down.
    let copies = 50_000_000usize.div_ceil(once).max(1);
    let docs: Vec<&(String, Vec<u8>)> = (0..copies).flat_map(|_| corpus.iter()).collect();
    let total: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    eprintln!("{} files x {copies} copies, {total} bytes", corpus.len());

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(total));
    g.sample_size(10);
    g.bench_function("read+outline+extract/1 thread", |b| {
        b.iter(|| docs.iter().map(|(n, b)| one(n, b)).sum::<usize>())
    });
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_function(format!("read+outline+extract/rayon {threads}"), |b| {
            b.iter(|| pool.install(|| docs.par_iter().map(|(n, b)| one(n, b)).sum::<usize>()))
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
