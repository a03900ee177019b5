//! Print the targets the extraction finds in every document under the given paths (recursively,
//! read as the pipeline reads them), one line a target, to diff two builds' readings of the
//! corpus:
//!
//! cargo run -p policykg-extract --example targets_probe -- corpus [--skip PREFIX,PREFIX…]
//!
//! `--skip` leaves out files whose path starts with one of the prefixes (held-out documents one
//! must not look at: `--skip corpus/dev/003_,…`). Files are found as `policykg extract` finds them
//! ([`policykg_read::discover`]: notes, the gold's JSON and data files are skipped).

use std::io::Write;
use std::path::PathBuf;

fn opt<T: std::fmt::Debug>(o: &Option<T>) -> String {
    o.as_ref()
        .map_or_else(|| "-".to_owned(), |v| format!("{v:?}"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut skip: Vec<String> = Vec::new();
    let mut roots = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--skip" {
            let list = it.next().ok_or("--skip needs a list")?;
            skip.extend(list.split(',').map(str::to_owned));
        } else {
            roots.push(PathBuf::from(a));
        }
    }
    if roots.is_empty() {
        return Err("usage: targets_probe PATH… [--skip PREFIX,…]".into());
    }
    // The files `policykg extract` would read (notes, gold JSON and data files skipped), less the
    // held-out ones.
    let mut paths = Vec::new();
    for found in policykg_read::discover(&roots) {
        let p = found?;
        if !skip
            .iter()
            .any(|s| p.to_string_lossy().starts_with(s.as_str()))
        {
            paths.push(p);
        }
    }
    let ontology = policykg_ontology::Ontology::bundled();
    let limits = policykg_read::Limits::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for p in &paths {
        let data = std::fs::read(p)?;
        let Ok(doc) = policykg_read::read_bytes(&p.display().to_string(), &data, &limits) else {
            writeln!(out, "== {} (unreadable)", p.display())?;
            continue;
        };
        let x = policykg_extract::extract(&policykg_outline::parse(doc, ontology), ontology);
        writeln!(out, "== {} ({} targets)", p.display(), x.targets.len())?;
        for t in &x.targets {
            let value = match (t.value, t.min, t.max) {
                (Some(v), _, _) => v.to_string(),
                (None, lo, hi) => format!("{}-{}", opt(&lo), opt(&hi)),
            };
            writeln!(
                out,
                "{}\t[{}]\t{}{}\t{:?}\tchange={}\tyear={}\tperiod={}\twithin={}\titem={}\tqual={}\t| {}",
                t.task.as_deref().unwrap_or("-"),
                t.metric,
                value,
                t.unit,
                t.comparator,
                opt(&t.change),
                opt(&t.year),
                opt(&t.period),
                opt(&t.within_years),
                t.item.as_deref().unwrap_or("-"),
                t.qualifier.as_deref().unwrap_or("-"),
                t.text.replace('\n', " "),
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
