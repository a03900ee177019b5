//! Read + outline speed on the corpus, in memory (no disk I/O):
//! `cargo bench -p policykg-outline --bench outline`.
//!
//! - `corpus_x50MB/read+outline`: every corpus document the outline tests use (seeds, extra
//!   texts, Markdown and raw HTML), replicated until the batch is ≥ 50 MB, each copy read and
//!   parsed as its own document: the target is ≥ 30 MB/s on one core;
//! - `corpus_x50MB/read`: the same batch read only, the baseline that shows what the outline
//!   stage adds;
//! - `corpus_x50MB/outline`: the outline stage alone on documents read beforehand;
//! - `one_50MB_text` and `one_50MB_line`: a single document of seed 001 repeated, with its line
//!   breaks and with every line break replaced by a full stop (no quadratic work on long texts
//!   or long lines).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use policykg_ontology::Ontology;
use policykg_read::{read_bytes, Document, Limits};

const TARGET: usize = 50 * 1024 * 1024;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["corpus/seeds", "corpus/extra"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .expect("corpus directory")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !policykg_read::is_skipped_name(n))
            .collect();
        names.sort();
        for name in names {
            let bytes = std::fs::read(root.join(dir).join(&name)).expect("corpus file");
            out.push((format!("{dir}/{name}"), bytes));
        }
    }
    out
}

fn replicate<T: Clone>(items: &[T], size: impl Fn(&T) -> usize) -> Vec<T> {
    let once: usize = items.iter().map(&size).sum();
    let copies = TARGET.div_ceil(once);
    (0..copies).flat_map(|_| items.iter().cloned()).collect()
}

fn bench(c: &mut Criterion) {
    let ontology = Ontology::bundled();
    let limits = Limits {
        max_bytes: 128 * 1024 * 1024,
    };
    let batch = replicate(&corpus(), |(_, b)| b.len());
    let bytes: u64 = batch.iter().map(|(_, b)| b.len() as u64).sum();

    let mut group = c.benchmark_group("corpus_x50MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read+outline", |b| {
        b.iter(|| {
            let mut nodes = 0;
            for (label, data) in &batch {
                let doc = read_bytes(label, data, &limits).expect("corpus documents read");
                nodes += policykg_outline::parse(doc, ontology).outline.nodes.len();
            }
            black_box(nodes)
        })
    });
    group.bench_function("read", |b| {
        b.iter(|| {
            let mut chars = 0;
            for (label, data) in &batch {
                chars += read_bytes(label, data, &limits).expect("read").text.len();
            }
            black_box(chars)
        })
    });
    let docs: Vec<Document> = batch
        .iter()
        .map(|(label, data)| read_bytes(label, data, &limits).expect("read"))
        .collect();
    group.bench_function("outline", |b| {
        b.iter_batched(
            || docs.clone(),
            |docs| {
                let mut nodes = 0;
                for doc in docs {
                    nodes += policykg_outline::parse(doc, ontology).outline.nodes.len();
                }
                black_box(nodes)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds/001_a6818095697d7a7c.txt"),
    )
    .expect("seed 001");
    let text = seed.repeat(TARGET.div_ceil(seed.len()));
    let line = text.replace('\n', "。");
    let mut group = c.benchmark_group("single_document");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for (name, text) in [("one_50MB_text", text), ("one_50MB_line", line)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        let bytes = text.into_bytes();
        group.bench_function(name, |b| {
            b.iter(|| {
                let doc = read_bytes("big.txt", &bytes, &limits).expect("read");
                black_box(policykg_outline::parse(doc, ontology).outline.nodes.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
