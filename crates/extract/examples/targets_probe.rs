//! Print the targets the extraction finds in every document under the given paths (recursively,
//! read as the pipeline reads them), one line a target, to diff two builds' readings of the
//! corpus:
//!
//! cargo run -p policykg-extract --example targets_probe -- corpus [--skip PREFIX,PREFIX…]
//!
//! `--skip` leaves out files whose path starts with one of the prefixes (held-out documents one
//! must not look at: `--skip corpus/dev/003_,…`). Directories named `gold` are not documents and are skipped.

use std::io::Write;
use std::path::{Path, PathBuf};

fn files(dir: &Path, skip: &[String], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if p.is_dir() {
            if name != "gold" {
                files(&p, skip, out)?;
            }
            continue;
        }
        let ext_ok = [".txt", ".md", ".html", ".htm", ".jsp"]
            .iter()
            .any(|e| name.ends_with(e));
        let skipped = skip
            .iter()
            .any(|s| p.to_string_lossy().starts_with(s.as_str()));
        if ext_ok
            && !skipped
            && !matches!(name.as_str(), "README.md" | "SOURCES.md")
            && !policykg_read::is_skipped_name(&name)
        {
            out.push(p);
        }
    }
    Ok(())
}

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
    let mut paths = Vec::new();
    for r in &roots {
        files(r, &skip, &mut paths)?;
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
