//! Changes as data: seed 001 and its draft (`tests/fixtures/versions/001_zhengqiu.txt`) give one revision
//! link, and the changes between them are in the graph: the raised targets with their numbers,
//! linked to the versions and to the tasks of the clause that changed; a second ingest keeps them.

use std::path::{Path, PathBuf};

use policykg_graph::ingest::{ingest_paths, IngestOptions};
use policykg_graph::query::{select, text};
use policykg_graph::{GraphStore, Mode};
use policykg_ontology::Ontology;

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel)
}

const RAISED: &str = "PREFIX pkg: <https://policykg.org/ns#>
SELECT ?target ?old ?new ?from ?to ?task WHERE {
  ?c a pkg:VersionChange ; pkg:changeKind \"target_changed\" ; pkg:changeSubject ?target ;
     pkg:oldNumber ?old ; pkg:newNumber ?new ; pkg:inChangeSet ?set .
  FILTER(?new > ?old)
  ?set pkg:fromVersion ?from ; pkg:toVersion ?to .
  OPTIONAL { ?c pkg:newTask ?task }
} ORDER BY ?target";

#[test]
fn the_changes_between_a_draft_and_its_final_text_are_queryable() {
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&dir.path().join("store"), Mode::ReadWrite, None).unwrap();
    let files = [
        corpus("seeds/001_a6818095697d7a7c.txt"),
        corpus("../tests/fixtures/versions/001_zhengqiu.txt"),
    ];
    let ingest = || {
        ingest_paths(
            &gs,
            &files,
            Ontology::bundled(),
            &IngestOptions::default(),
            &mut (),
        )
        .unwrap()
    };
    ingest();
    let (_, rows) = select(gs.store(), RAISED, "raised targets").unwrap();
    let row = |r: &Vec<Option<oxigraph::model::Term>>| -> Vec<String> {
        r.iter().map(|t| text(t).unwrap_or_default()).collect()
    };
    let rows: Vec<Vec<String>> = rows.iter().map(row).collect();
    // 省级专精特新企业 4000家以上 (draft, 2024) → 5000家以上 (final, 2025); 省级小微企业创业创新基地
    // 150个以上 → 200个以上
    let targets: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert!(
        targets.contains(&("省级专精特新企业", "4000", "5000")),
        "{rows:?}"
    );
    assert!(
        targets.contains(&("省级小微企业创业创新基地", "150", "200")),
        "{rows:?}"
    );
    // from the draft to the final text
    let base = rows
        .iter()
        .find(|r| r[0] == "省级小微企业创业创新基地")
        .unwrap();
    let (from, to) = (&base[3], &base[4]);
    let status = |e: &str| {
        let q = format!(
            "PREFIX pkg: <https://policykg.org/ns#> SELECT ?s WHERE {{ <{e}> pkg:versionStatus ?s }}"
        );
        let (_, r) = select(gs.store(), &q, "status").unwrap();
        text(&r[0][0]).unwrap()
    };
    assert!(status(from).ends_with("#DraftText"), "{from}");
    assert!(status(to).ends_with("#InForceText"), "{to}");
    // the task of the clause that changed, in the final text (二/（五）/13)
    assert!(base[5].contains("/task/"), "{base:?}");

    // A second ingest keeps the pair's changes as they are: one change set, same changes.
    let count = || {
        let (_, r) = select(
            gs.store(),
            "PREFIX pkg: <https://policykg.org/ns#>
             SELECT (COUNT(DISTINCT ?s) AS ?sets) (COUNT(?c) AS ?changes) WHERE {
               ?c pkg:inChangeSet ?s }",
            "counts",
        )
        .unwrap();
        (text(&r[0][0]).unwrap(), text(&r[0][1]).unwrap())
    };
    let before = count();
    assert_eq!(before.0, "1");
    ingest();
    assert_eq!(count(), before);
}

/// A real revision (`corpus/versions/031a`, `031b`): 平潭's 2015 measure on transferring
/// allocated land under private housing and its 2018 修订, issued by notices of different titles
/// and 文号. Read side by side, item 二 of 2015 has 区房地产交易中心 gather the applications
/// ("由区房地产交易中心汇总"), that of 2018 区不动产登记中心 ("由区不动产登记中心汇总"); the changes
/// say so in SPARQL, at item 二, from the superseded version to the one in force.
#[test]
fn a_real_revisions_changes_are_queryable() {
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&dir.path().join("store"), Mode::ReadWrite, None).unwrap();
    let files = [
        corpus("versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt"),
        corpus("versions/031b_pingtan_huabo_tudi_zhuanrang_banfa_2018_xiuding.page.txt"),
    ];
    let report = ingest_paths(
        &gs,
        &files,
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut (),
    )
    .unwrap();
    assert_eq!(report.written.documents, 2);
    let q = "PREFIX pkg: <https://policykg.org/ns#>
SELECT ?kind ?agency ?before ?after ?where ?from ?to WHERE {
  ?c a pkg:VersionChange ; pkg:changeKind ?kind ; pkg:changeSubject ?agency ;
     pkg:locator ?where ; pkg:inChangeSet ?set .
  FILTER(STRSTARTS(?kind, \"agency_\"))
  ?set pkg:fromVersion ?f ; pkg:toVersion ?t .
  ?f pkg:versionStatus ?from . ?t pkg:versionStatus ?to .
  OPTIONAL { ?c pkg:oldValue ?before }
  OPTIONAL { ?c pkg:newValue ?after }
} ORDER BY ?kind ?agency ?where";
    let (_, rows) = select(gs.store(), q, "agency changes").unwrap();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|t| text(t).unwrap_or_default()).collect())
        .collect();
    let has = |kind: &str, agency: &str, before: &str, after: &str| {
        rows.iter().any(|r| {
            r[0] == kind
                && r[1] == agency
                && r[2] == before
                && r[3] == after
                && r[4] == "第二部分"
                && r[5].ends_with("#SupersededText")
                && r[6].ends_with("#InForceText")
        })
    };
    assert!(
        has("agency_removed", "平潭综合实验区房地产交易中心", "lead", ""),
        "{rows:#?}"
    );
    assert!(
        has("agency_added", "平潭综合实验区不动产登记中心", "", "lead"),
        "{rows:#?}"
    );
}
