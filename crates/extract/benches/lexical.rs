//! Throughput of the lexical finders (targets + money) over the corpus text, replicated to
//! about 4 MB so that one iteration is long enough to time. Report in MB/s (criterion's
//! `Throughput::Bytes`); see docs/benchmarks.md for recorded figures and the command.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

fn corpus_text() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut text = String::new();
    for (dir, exts) in [("seeds", &["txt"][..]), ("extra", &["txt", "md"][..])] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("corpus directory")
            .map(|e| e.expect("corpus entry").path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| exts.contains(&e))
                    && p.file_name().and_then(|n| n.to_str()) != Some("SOURCES.md")
            })
            .collect();
        paths.sort();
        for p in paths {
            text.push_str(&std::fs::read_to_string(&p).expect("UTF-8 corpus file"));
            text.push('\n');
        }
    }
    text
}

fn lexical(c: &mut Criterion) {
    let once = corpus_text();
    let text = once.repeat((4_000_000 / once.len()).max(1));
    let mut g = c.benchmark_group("lexical");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("targets", |b| {
        b.iter(|| policykg_extract::targets::find(&text).len())
    });
    g.bench_function("money", |b| {
        b.iter(|| policykg_extract::money::find_all(&text).amounts.len())
    });
    g.bench_function("targets+money", |b| {
        b.iter(|| {
            policykg_extract::targets::find(&text).len()
                + policykg_extract::money::find(&text).0.len()
        })
    });
    g.bench_function("numbers", |b| {
        b.iter(|| policykg_extract::numbers::find(&text).len())
    });
    g.finish();
}

criterion_group!(benches, lexical);
criterion_main!(benches);
