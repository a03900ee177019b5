//! Print the money sentences of the corpus as JSON Lines, with what `money::find` reads in each,
//! for `scripts/bench/money_vs_jionlp.py`:
//! `{"doc": …, "sentence": …, "yuan": ["800000", …], "thresholds": [...]}` where `yuan` lists every
//! yuan figure of the amounts the finder reports (yuan, min/max, cap or floor) and `thresholds`
//! the size/eligibility sums it sets apart, as exact decimal strings.
//!
//! With `--bench N` it prints instead one JSON line with the throughput of `money::find` over the
//! same sentences, repeated N times: `{"sentences": …, "seconds": …, "sentences_per_second": …}`.
//!
//! A money sentence is a sentence (split at 。！？； and line breaks) holding a digit or a Chinese
//! numeral followed somewhere by 元. Usage: `cargo run -p policykg-extract --example
//! money_sentences [--repeat N] [DIR…]` (default: the bundled corpus).

use std::path::PathBuf;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    let mut bench: Option<usize> = None;
    if let Some(i) = args.iter().position(|a| a == "--bench") {
        bench = args.get(i + 1).and_then(|n| n.parse().ok());
        if bench.is_none() {
            eprintln!("--bench needs a number of rounds");
            std::process::exit(2)
        }
        args.drain(i..=i + 1);
    }
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| {
                eprintln!("--repeat needs a number");
                std::process::exit(2)
            });
        args.drain(i..=i + 1);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let dirs: Vec<PathBuf> = if args.is_empty() {
        vec![root.join("seeds"), root.join("extra")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for d in &dirs {
        let entries = match std::fs::read_dir(d) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{}: {e}", d.display());
                std::process::exit(1)
            }
        };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if matches!(ext, "txt" | "md") && name != "SOURCES.md" && name != "README.md" {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut sentences: Vec<(String, String)> = Vec::new();
    for _ in 0..repeat {
        for f in &files {
            let text = match std::fs::read_to_string(f) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{}: {e}", f.display());
                    continue;
                }
            };
            let doc = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            for sentence in text.split(['。', '！', '？', '；', '\n']) {
                let sentence = sentence.trim();
                let Some(yuan_at) = sentence.find('元') else {
                    continue;
                };
                if sentence[..yuan_at]
                    .chars()
                    .any(policykg_extract::numbers::is_numeral_char)
                {
                    sentences.push((doc.to_owned(), sentence.to_owned()));
                }
            }
        }
    }
    if let Some(rounds) = bench {
        let start = std::time::Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for (_, s) in &sentences {
                found += std::hint::black_box(policykg_extract::money::find(s))
                    .0
                    .len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let n = sentences.len() * rounds;
        let line = serde_json::json!({
            "sentences": n, "seconds": secs, "amounts": found,
            "sentences_per_second": n as f64 / secs,
        });
        println!("{line}");
        return;
    }
    for (doc, sentence) in &sentences {
        let m = policykg_extract::money::find_all(sentence);
        let yuan: Vec<String> = m
            .amounts
            .iter()
            .filter(|a| a.role != policykg_extract::AmountRole::Threshold)
            .flat_map(|a| [a.yuan, a.min_yuan, a.max_yuan, a.cap, a.floor])
            .flatten()
            .map(|d| d.normalize().to_string())
            .collect();
        let thresholds: Vec<String> = m
            .thresholds()
            .flat_map(|t| [t.yuan, t.min_yuan, t.max_yuan])
            .flatten()
            .map(|d| d.normalize().to_string())
            .collect();
        let line = serde_json::json!({
            "doc": doc, "sentence": sentence, "yuan": yuan, "thresholds": thresholds,
        });
        println!("{line}");
    }
}
