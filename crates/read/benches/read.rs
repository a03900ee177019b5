//! Reading speed on the corpus, in memory (no disk I/O): `cargo bench -p policykg-read`.
//!
//! - `corpus_x50MB`: every corpus document, replicated until the batch is ≥ 50 MB, each copy
//!   read as its own document (a batch run over a big directory);
//! - `kind/*`: one copy of each document of a kind, to see where time goes, with baselines that
//!   do only the unavoidable part (encoding_rs decoding alone, html5ever parsing alone) so the
//!   ratio shows what our own work costs;
//! - `one_50MB_text`: a single 50 MB UTF-8 document (seed 001 repeated).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use policykg_read::{discover, read_bytes, Limits};

const TARGET: usize = 50 * 1024 * 1024;

/// Which corpus labels belong to a kind.
type Picker = fn(&str) -> bool;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    discover(std::slice::from_ref(&root))
        .into_iter()
        .filter_map(Result::ok)
        .map(|path: PathBuf| {
            let bytes = std::fs::read(&path).expect("corpus file");
            let label = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            (label, bytes)
        })
        .collect()
}

fn read_all(docs: &[(String, Vec<u8>)], limits: &Limits) -> usize {
    let mut chars = 0;
    for (label, bytes) in docs {
        let doc = read_bytes(label, bytes, limits).expect("corpus documents read");
        chars += doc.text.len();
    }
    chars
}

fn total(docs: &[(String, Vec<u8>)]) -> u64 {
    docs.iter().map(|(_, b)| b.len() as u64).sum()
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let docs = corpus();
    let once = total(&docs) as usize;
    let copies = TARGET.div_ceil(once);
    let replicated: Vec<(String, Vec<u8>)> = (0..copies).flat_map(|_| docs.clone()).collect();

    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(total(&replicated)));
    group.bench_function("corpus_x50MB", |b| {
        b.iter(|| black_box(read_all(&replicated, &limits)))
    });

    let seed = docs
        .iter()
        .find(|(l, _)| l.ends_with("001_a6818095697d7a7c.txt"))
        .expect("seed 001")
        .1
        .clone();
    let big = seed.repeat(TARGET.div_ceil(seed.len()));
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("one_50MB_text", |b| {
        b.iter(|| black_box(read_bytes("big.txt", &big, &limits).unwrap().text.len()))
    });
    group.finish();

    let kinds: [(&str, Picker); 4] = [
        ("utf8_text", |l| {
            !l.starts_with("encodings")
                && (l.ends_with(".txt") || l.ends_with(".md"))
                && !l.contains("000_")
        }),
        ("gbk_gb18030_text", |l| {
            l.ends_with(".gbk.txt") || l.ends_with(".gb18030.txt")
        }),
        ("utf16_text", |l| l.ends_with(".utf16le.txt")),
        ("html", |l| l.ends_with(".html") || l.contains("000_")),
    ];
    let mut group = c.benchmark_group("kind");
    group.sample_size(30);
    for (name, pick) in kinds {
        let set: Vec<(String, Vec<u8>)> = docs.iter().filter(|(l, _)| pick(l)).cloned().collect();
        // Enough copies that one iteration is a few MB: stable timings.
        let copies = (4 * 1024 * 1024usize).div_ceil(total(&set) as usize);
        let set: Vec<(String, Vec<u8>)> = (0..copies).flat_map(|_| set.clone()).collect();
        group.throughput(Throughput::Bytes(total(&set)));
        group.bench_function(format!("{name}/read"), |b| {
            b.iter(|| black_box(read_all(&set, &limits)))
        });
        match name {
            "gbk_gb18030_text" => {
                group.bench_function(format!("{name}/baseline_encoding_rs_decode"), |b| {
                    b.iter(|| {
                        set.iter()
                            .map(|(_, bytes)| encoding_rs::GB18030.decode(bytes).0.len())
                            .sum::<usize>()
                    })
                });
            }
            "html" => {
                group.bench_function(format!("{name}/baseline_html5ever_parse"), |b| {
                    b.iter(|| {
                        set.iter()
                            .map(|(label, bytes)| {
                                let encoding = if label.ends_with(".gb2312.html") {
                                    encoding_rs::GBK
                                } else {
                                    encoding_rs::UTF_8
                                };
                                let (text, _) = encoding.decode_without_bom_handling(bytes);
                                scraper::Html::parse_document(&text).tree.values().count()
                            })
                            .sum::<usize>()
                    })
                });
            }
            _ => {}
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
