//! How long a comparison takes, and how it grows with the size of the documents.
//!
//! Versions of 100, 200 and 400 KB are generated from the corpus: articles of the Shanghai
//! regulation (2020 and 2024) and the items of seed 001, numbered 第一条… in turn until the text
//! reaches the size; the "new" version edits it deterministically (a phrase changed in every 9th
//! article, every 17th deleted, an article inserted after every 13th, every 29th moved to the
//! end, every 41st split in two, everything renumbered). Both go through the real pipeline
//! (read → outline → extract) outside the timed part.
//!
//! - `diff/index/N`: `diff_versions` with the trigram index (the default).
//! - `diff/all_pairs/N`: the same with every old unit scored against every new unit, the
//!   quadratic baseline the index replaces.
//! - `render_html/N`: the 对照表 of the comparison.
//! - `pipeline/100`: read + outline + extract of both versions + diff: the whole command.
//! - `one_paragraph/N`: two texts without any outline (one unit each side, every 10th sentence
//!   changed): the inline diff alone, bounded by the sentence pass.
//!
//! Run: `cargo bench -p policykg-diff --bench diff`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use policykg_diff::{diff_versions, render_html, Candidates, Options, Version};

const CN_DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 第N条 numbering (N < 10000).
fn cn_number(n: usize) -> String {
    let mut s = String::new();
    let (q, b, t, o) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    if q > 0 {
        s.push_str(CN_DIGITS[q]);
        s.push('千');
    }
    if b > 0 {
        s.push_str(CN_DIGITS[b]);
        s.push('百');
    } else if q > 0 && (t > 0 || o > 0) {
        s.push('零');
    }
    if t > 0 {
        if !(t == 1 && q == 0 && b == 0) {
            s.push_str(CN_DIGITS[t]);
        }
        s.push('十');
    } else if (q > 0 || b > 0) && o > 0 && !s.ends_with('零') {
        s.push('零');
    }
    s.push_str(CN_DIGITS[o]);
    s
}

fn corpus(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Article bodies of a regulation in the corpus (the text after "第X条 ", paragraphs joined).
fn articles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_article = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('第')
            && line.contains("条 ")
            && line.find("条 ").is_some_and(|i| i < 16)
        {
            let body = &line[line.find("条 ").unwrap_or(0) + "条 ".len()..];
            out.push(body.to_owned());
            in_article = true;
        } else if line.starts_with('#') {
            in_article = false;
        } else if in_article && !line.is_empty() {
            if let Some(last) = out.last_mut() {
                last.push('\n');
                last.push_str(line);
            }
        }
    }
    out
}

/// Item bodies of seed 001 (lines "N．…").
fn items(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once('．')?;
            n.parse::<u32>().ok()?;
            Some(rest.to_owned())
        })
        .collect()
}

struct Pools {
    base: Vec<String>,
    extra: Vec<String>,
}

fn pools() -> Pools {
    let mut base = articles(&corpus("extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md"));
    base.extend(articles(&corpus(
        "extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md",
    )));
    let extra = items(&corpus("seeds/001_a6818095697d7a7c.txt"));
    assert!(base.len() > 150 && extra.len() == 20);
    Pools { base, extra }
}

/// A regulation of about `bytes` bytes: the article bodies, cycled, each made distinct by its
/// round ("（第2轮）" appended to the first sentence after the first round).
fn old_articles(pools: &Pools, bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut size = 0;
    let mut k = 0;
    while size < bytes {
        let round = k / pools.base.len();
        let mut body = pools.base[k % pools.base.len()].clone();
        if round > 0 {
            body = body.replacen('。', &format!("（第{}轮）。", round + 1), 1);
        }
        size += body.len() + 16;
        out.push(body);
        k += 1;
    }
    out
}

fn edit(pools: &Pools, old: &[String]) -> Vec<String> {
    let mut new = Vec::new();
    let mut moved = Vec::new();
    for (i, a) in old.iter().enumerate() {
        if i % 17 == 5 {
            continue;
        }
        let mut a = a.clone();
        if i % 9 == 3 {
            a = a
                .replace("市场主体", "经营主体")
                .replacen('，', "，依法依规，", 1);
        }
        if i % 29 == 11 {
            moved.push(a);
            continue;
        }
        if i % 41 == 20 {
            if let Some(p) = a.find('。') {
                let (x, y) = a.split_at(p + '。'.len_utf8());
                if !y.trim().is_empty() {
                    new.push(x.to_owned());
                    new.push(y.trim().to_owned());
                    continue;
                }
            }
        }
        new.push(a);
        if i % 13 == 7 {
            new.push(pools.extra[i % pools.extra.len()].clone());
        }
    }
    new.extend(moved);
    new
}

fn document(title: &str, bodies: &[String]) -> String {
    let mut s = format!("{title}\n\n");
    for (k, b) in bodies.iter().enumerate() {
        s.push_str(&format!("第{}条 {}\n\n", cn_number(k + 1), b));
    }
    s
}

fn version(label: &str, text: &str) -> Version {
    let ontology = policykg_ontology::Ontology::bundled();
    let doc = policykg_read::read_bytes(label, text.as_bytes(), &policykg_read::Limits::default())
        .expect("read");
    let parsed = policykg_outline::parse(doc, ontology);
    let extraction = policykg_extract::extract(&parsed, ontology);
    Version::new(&parsed, &extraction)
}

fn pair(pools: &Pools, kb: usize) -> (String, String) {
    let old = old_articles(pools, kb * 1024);
    let new = edit(pools, &old);
    (
        document("上海市优化营商环境条例（基准）", &old),
        document("上海市优化营商环境条例（修订）", &new),
    )
}

fn bench(c: &mut Criterion) {
    let pools = pools();
    let index = Options::default();
    let all_pairs = Options {
        candidates: Candidates::AllPairs,
        ..Options::default()
    };
    let mut g = c.benchmark_group("diff");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for kb in [100, 200, 400] {
        let (a, b) = pair(&pools, kb);
        let (va, vb) = (version("old", &a), version("new", &b));
        eprintln!(
            "{kb} KB: {} and {} bytes, {} and {} units",
            a.len(),
            b.len(),
            va.units.len(),
            vb.units.len()
        );
        g.bench_with_input(BenchmarkId::new("index", kb), &kb, |bch, _| {
            bch.iter(|| black_box(diff_versions(&va, &vb, &index)))
        });
        g.bench_with_input(BenchmarkId::new("all_pairs", kb), &kb, |bch, _| {
            bch.iter(|| black_box(diff_versions(&va, &vb, &all_pairs)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("render_html");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for kb in [100, 400] {
        let (a, b) = pair(&pools, kb);
        let d = diff_versions(&version("old", &a), &version("new", &b), &index);
        g.bench_with_input(BenchmarkId::from_parameter(kb), &kb, |bch, _| {
            bch.iter(|| black_box(render_html(&d)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let (a, b) = pair(&pools, 100);
    g.bench_function("100", |bch| {
        bch.iter(|| {
            let (va, vb) = (version("old", &a), version("new", &b));
            black_box(diff_versions(&va, &vb, &index))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("one_paragraph");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for kb in [100, 200, 400] {
        let old = old_articles(&pools, kb * 1024).join("");
        let sentences: Vec<&str> = old.split_inclusive('。').collect();
        let new: String = sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k % 10 == 4 {
                    s.replacen('，', "，并且", 1)
                } else {
                    (*s).to_owned()
                }
            })
            .collect();
        let unit = |text: &str| policykg_diff::Unit {
            kind: policykg_diff::UnitKind::Paragraph,
            number: String::new(),
            path: String::new(),
            text: text.to_owned(),
            span: policykg_read::Span::new(0, text.chars().count()),
            front: false,
        };
        let va = Version::from_units(Default::default(), vec![unit(&old)], None);
        let vb = Version::from_units(Default::default(), vec![unit(&new)], None);
        g.bench_with_input(BenchmarkId::from_parameter(kb), &kb, |bch, _| {
            bch.iter(|| black_box(diff_versions(&va, &vb, &index)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
