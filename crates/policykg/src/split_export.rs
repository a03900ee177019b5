//! `policykg export --format nquads --split-by-graph DIR`: one N-Quads file per named graph and a
//! `manifest.tsv` (graph IRI → file), the layout bulk loaders take (Virtuoso's `ld_dir`, QLever,
//! `oxigraph load`). Each file is written whole or not at all ([`OutFile`]), the manifest last;
//! files of a previous split export in DIR that this one did not write are removed, so DIR never
//! mixes graphs of two states of the store.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use policykg_graph::export::{self, ExportFormat};
use policykg_graph::oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use policykg_graph::GraphStore;

use crate::out_file::{self, OutFile};

pub const MANIFEST: &str = "manifest.tsv";

/// Longest readable file name kept (before `.nq`); longer names are hashed.
const MAX_NAME: usize = 100;

/// Writes every graph of `gs` into `dir`; returns (files, quads).
pub fn write(gs: &GraphStore, dir: &Path) -> anyhow::Result<(usize, usize)> {
    let previous = previous_files(dir)?;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let store = gs.store();
    let mut names = Names::new(gs.iris().base());
    // (graph IRI, file, quads); the default graph, when it holds anything, has an empty IRI.
    let mut rows: Vec<(String, String, usize)> = Vec::new();
    let mut graphs: Vec<Option<NamedOrBlankNode>> = export::named_graphs(store, gs.path())?
        .into_iter()
        .map(Some)
        .collect();
    if !export::default_graph_is_empty(store, gs.path())? {
        graphs.push(None);
    }
    let mut total = 0;
    for g in &graphs {
        let (iri, name) = match g {
            Some(g) => {
                let iri = match g {
                    NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                    NamedOrBlankNode::BlankNode(b) => b.to_string(),
                };
                let name = names.file_for(&iri);
                (iri, name)
            }
            None => (String::new(), names.file_for_default()),
        };
        let path = dir.join(&name);
        let mut out = OutFile::create(&path)?;
        let graph_ref = match g {
            Some(g) => GraphNameRef::from(g.as_ref()),
            None => GraphNameRef::DefaultGraph,
        };
        let n = export::export_graph(store, gs.path(), ExportFormat::NQuads, graph_ref, &mut out)
            .with_context(|| format!("exporting to {}", path.display()))?;
        out.commit()?;
        total += n;
        rows.push((iri, name, n));
    }
    let mut manifest = String::from("graph\tfile\tquads\n");
    for (iri, name, n) in &rows {
        manifest.push_str(&format!("{iri}\t{name}\t{n}\n"));
    }
    out_file::write(&dir.join(MANIFEST), manifest.as_bytes())?;
    let written: HashSet<&str> = rows.iter().map(|(_, name, _)| name.as_str()).collect();
    for stale in previous.iter().filter(|f| !written.contains(f.as_str())) {
        let path = dir.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("{}: cannot remove", path.display()));
            }
        }
    }
    Ok((rows.len(), total))
}

/// The files listed by the manifest of a previous split export in `dir`. A directory that is
/// neither missing, empty, nor such an export is refused: a bulk loader takes every `.nq` file
/// in it, whatever wrote it.
fn previous_files(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", dir.display())),
    };
    let manifest = dir.join(MANIFEST);
    if !manifest.exists() {
        if entries.next().is_some() {
            anyhow::bail!(
                "--split-by-graph {}: the directory is not empty and holds no {MANIFEST} of a \
                 previous split export; give an empty or new directory",
                dir.display()
            );
        }
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("{}: cannot read", manifest.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').nth(1))
        // Only names this module writes: never a path out of `dir`.
        .filter(|name| is_safe_name(name))
        .map(str::to_owned)
        .collect())
}

/// File names for graphs: the IRI after the store's base with `/` as `-` (`expr-0cae….nq`,
/// `graph-vocabulary.nq`) when that is short and plain ASCII, else `graph-` and the SHA-256 of
/// the IRI; a name already taken is hashed too.
struct Names<'a> {
    base: &'a str,
    used: HashSet<String>,
}

impl<'a> Names<'a> {
    fn new(base: &'a str) -> Self {
        Names {
            base,
            used: HashSet::new(),
        }
    }

    fn file_for(&mut self, iri: &str) -> String {
        let readable = iri
            .strip_prefix(self.base)
            .map(|rest| rest.replace('/', "-"))
            .filter(|s| s.len() <= MAX_NAME && is_safe_stem(s))
            .map(|s| format!("{s}.nq"));
        match readable {
            Some(name) if !self.used.contains(&name) => self.take(name),
            _ => self.take(format!(
                "graph-{}.nq",
                &policykg_graph::iri::sha256_hex(iri.as_bytes())[..32]
            )),
        }
    }

    fn file_for_default(&mut self) -> String {
        let name = "default-graph.nq".to_owned();
        if self.used.contains(&name) {
            return self.file_for("");
        }
        self.take(name)
    }

    fn take(&mut self, name: String) -> String {
        self.used.insert(name.clone());
        name
    }
}

fn is_safe_stem(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(['.', '-'])
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn is_safe_name(name: &str) -> bool {
    name.strip_suffix(".nq").is_some_and(is_safe_stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_when_safe_and_hashed_otherwise() {
        let mut n = Names::new("https://policykg.org/id/");
        assert_eq!(
            n.file_for("https://policykg.org/id/expr/0cae72b95b2ae90e96daf2d8"),
            "expr-0cae72b95b2ae90e96daf2d8.nq"
        );
        assert_eq!(
            n.file_for("https://policykg.org/id/graph/vocabulary"),
            "graph-vocabulary.nq"
        );
        // Same readable name again: hashed, not overwritten.
        let again = n.file_for("https://policykg.org/id/graph-vocabulary");
        assert!(again.starts_with("graph-") && again.len() == "graph-.nq".len() + 32);
        for hostile in [
            "https://policykg.org/id/../../etc/passwd",
            "https://elsewhere.example/x",
            "https://policykg.org/id/工作/x",
            "https://policykg.org/id/.hidden",
        ] {
            let name = n.file_for(hostile);
            assert!(
                name.starts_with("graph-") && is_safe_name(&name),
                "{hostile} → {name}"
            );
        }
        assert!(!is_safe_name("../x.nq") && !is_safe_name("a/b.nq") && !is_safe_name(".nq"));
    }
}
