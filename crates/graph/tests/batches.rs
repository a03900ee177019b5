//! Batched writes change nothing but speed: the bundled corpus (which holds copies of one text in
//! several encodings, so the batch gives way to single writes there) ingested in batches of 32,
//! of 3 and one document at a time makes the same store, quad for quad (the ingest times aside).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use policykg_graph::ingest::{ingest_paths, IngestOptions, IngestReport};
use policykg_graph::oxigraph::model::vocab::xsd;
use policykg_graph::oxigraph::model::Term;
use policykg_graph::{GraphStore, Mode};
use policykg_ontology::Ontology;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Every quad of a store, as N-Quads lines, but times (when a file was ingested, when changes
/// were computed: `xsd:dateTime` values).
fn load(dir: &Path, batch: usize) -> (IngestReport, BTreeSet<String>) {
    let gs = GraphStore::open(&dir.join(format!("store-{batch}")), Mode::ReadWrite, None).unwrap();
    let options = IngestOptions {
        batch,
        ..IngestOptions::default()
    };
    let report = ingest_paths(&gs, &[corpus()], Ontology::bundled(), &options, &mut ()).unwrap();
    let quads = gs
        .store()
        .iter()
        .map(|q| q.unwrap())
        .filter(|q| !matches!(&q.object, Term::Literal(l) if l.datatype() == xsd::DATE_TIME))
        .map(|q| q.to_string())
        .collect();
    (report, quads)
}

#[test]
fn batches_of_any_size_write_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let (one, single) = load(dir.path(), 1);
    assert!(one.failures.is_empty(), "{:?}", one.failures);
    assert!(one.new > 20, "the corpus is there: {one:?}");
    assert!(one.same_text > 0, "copies of one text: {one:?}");
    for batch in [3, 32] {
        let (report, quads) = load(dir.path(), batch);
        assert_eq!(
            (
                report.new,
                report.same_text,
                report.replaced,
                report.failures.len()
            ),
            (one.new, one.same_text, one.replaced, 0),
            "batch {batch}"
        );
        assert_eq!(report.written.triples, one.written.triples, "batch {batch}");
        let only_single: Vec<_> = single.difference(&quads).take(5).collect();
        let only_batched: Vec<_> = quads.difference(&single).take(5).collect();
        assert!(
            only_single.is_empty() && only_batched.is_empty(),
            "batch {batch}: only one at a time: {only_single:#?}\nonly batched: {only_batched:#?}"
        );
    }
}
