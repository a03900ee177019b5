//! `ingest::ingest_paths` and the lookups on a store built from seed 001 by the whole pipeline:
//! the report and its JSON keys, progress, re-ingest as a no-op, and the lookups with their
//! values bound as parameters (names, jurisdictions, IRIs), including values that would have
//! broken a query assembled as text.

use std::path::{Path, PathBuf};

use oxigraph::sparql::QueryResults;
use policykg_graph::ingest::{ingest_paths, FileOutcome, IngestOptions, IngestProgress};
use policykg_graph::lookup::{self, Resolution, RoleFilter, Versions};
use policykg_graph::query::text;
use policykg_graph::{GraphStore, Mode};
use policykg_ontology::Ontology;

fn seed_001() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds/001_a6818095697d7a7c.txt")
}

#[derive(Default)]
struct Recorder {
    total: Option<usize>,
    done: Vec<(String, FileOutcome)>,
    finished: bool,
}

impl IngestProgress for Recorder {
    fn started(&mut self, total: usize) {
        self.total = Some(total);
    }
    fn file_done(&mut self, display: &str, outcome: &FileOutcome) {
        self.done.push((display.to_owned(), outcome.clone()));
    }
    fn finished(&mut self) {
        self.finished = true;
    }
}

fn store() -> (tempfile::TempDir, GraphStore) {
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&dir.path().join("store"), Mode::ReadWrite, None).unwrap();
    // The file twice (once through a `..` path): one file.
    let twice = vec![
        seed_001(),
        seed_001()
            .parent()
            .unwrap()
            .join("../seeds/001_a6818095697d7a7c.txt"),
    ];
    let mut progress = Recorder::default();
    let report = ingest_paths(
        &gs,
        &twice,
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut progress,
    )
    .unwrap();
    assert_eq!(progress.total, Some(1));
    assert_eq!(progress.done.len(), 1);
    assert!(progress.finished);
    assert_eq!((report.files, report.new, report.failures.len()), (1, 1, 0));
    assert_eq!(report.written.documents, 1);
    assert!(report.written.tasks >= 23, "{report:?}");
    assert_eq!(report.store.documents, 1);
    (dir, gs)
}

fn rows(results: QueryResults<'static>) -> (Vec<String>, Vec<Vec<String>>) {
    let QueryResults::Solutions(solutions) = results else {
        panic!("not a SELECT result");
    };
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let rows = solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| text(&s.get(v.as_str()).cloned()).unwrap_or_default())
                .collect()
        })
        .collect();
    (vars, rows)
}

#[test]
fn ingest_report_keys_progress_and_a_second_run_that_changes_nothing() {
    let (_dir, gs) = store();
    let mut progress = Recorder::default();
    let again = ingest_paths(
        &gs,
        &[seed_001()],
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut progress,
    )
    .unwrap();
    assert_eq!(progress.done[0].1, FileOutcome::Unchanged);
    assert_eq!((again.files, again.unchanged, again.new), (1, 1, 0));
    let json = serde_json::to_value(&again).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    // The keys of `policykg ingest --format json` (tests/graph_crash.rs reads them).
    assert_eq!(
        keys(&json),
        [
            "failed",
            "files",
            "new",
            "relocated",
            "replaced",
            "rewritten",
            "same_text",
            "store",
            "unchanged",
            "written"
        ]
    );
    assert_eq!(json["failed"], 0);
    assert_eq!(
        keys(&json["written"]),
        ["agencies", "documents", "seconds", "tasks", "triples"]
    );
    assert_eq!(
        keys(&json["store"]),
        [
            "agencies",
            "documents",
            "path",
            "revision_links",
            "source_files",
            "tasks"
        ]
    );

    let dir = tempfile::tempdir().unwrap();
    let err = ingest_paths(
        &gs,
        &[dir.path().to_owned()],
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut (),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no files found"), "{err}");
}

#[test]
fn agencies_by_jurisdiction_bind_the_name() {
    let (_dir, gs) = store();
    let (vars, anhui) =
        rows(lookup::agencies_table(gs.store(), false, Some("安徽省"), Versions::InForce).unwrap());
    assert_eq!(
        vars,
        [
            "agency",
            "jurisdiction",
            "lead",
            "support",
            "joint",
            "tasks"
        ]
    );
    let jx = anhui
        .iter()
        .find(|r| r[0] == "安徽省经济和信息化厅")
        .expect("安徽省经济和信息化厅 listed in 安徽省");
    assert!(jx[2].parse::<usize>().unwrap() >= 11, "{jx:?}");
    // The whole list holds the same agency with the same counts.
    let (_, all) =
        rows(lookup::agencies_table(gs.store(), false, None, Versions::InForce).unwrap());
    assert!(all.contains(jx));
    assert!(anhui.len() <= all.len());
    let (_, beijing) =
        rows(lookup::agencies_table(gs.store(), false, Some("北京市"), Versions::InForce).unwrap());
    assert!(!beijing.iter().any(|r| r[0] == "安徽省经济和信息化厅"));
    // A value that would end a literal and add a pattern in a query built as text is a name
    // like any other: it names no jurisdiction.
    for j in [
        "安徽省\"@zh } UNION { ?scope ?p ?o } #",
        "安徽省\\",
        "安徽省'",
    ] {
        let (_, none) =
            rows(lookup::agencies_table(gs.store(), true, Some(j), Versions::InForce).unwrap());
        assert!(none.is_empty(), "{j}: {none:?}");
    }
}

#[test]
fn a_name_resolves_to_the_agency_and_its_tasks_by_role() {
    let (_dir, gs) = store();
    let jurisdictions = &Ontology::bundled().jurisdictions;
    let Resolution::Found {
        agencies,
        without_tasks,
    } = lookup::choose_agencies(gs.store(), "省经信厅", Some("安徽省"), jurisdictions).unwrap()
    else {
        panic!("省经信厅 in 安徽省 not found");
    };
    assert_eq!(without_tasks, 0);
    assert_eq!(agencies.len(), 1);
    assert_eq!(agencies[0].name, "安徽省经济和信息化厅");
    // Without a jurisdiction the alias names every province's department; the one with tasks is
    // kept and the others counted.
    let Resolution::Found {
        agencies: any,
        without_tasks,
    } = lookup::choose_agencies(gs.store(), "省经信厅", None, jurisdictions).unwrap()
    else {
        panic!("省经信厅 not found");
    };
    assert_eq!(any, agencies);
    assert!(without_tasks > 0);

    let iri = &agencies[0].iri;
    let count = |role| rows(lookup::tasks_table(gs.store(), iri, role, Versions::InForce).unwrap());
    let (vars, lead) = count(RoleFilter::Lead);
    assert_eq!(
        vars,
        [
            "task",
            "document",
            "status",
            "date",
            "version",
            "file",
            "path",
            "role",
            "basis",
            "agency",
            "text",
            "basis_kind"
        ]
    );
    assert!(lead.len() >= 11, "{}", lead.len());
    // Seed 001 never marks a lead: every basis is inferred (the first-listed convention).
    assert!(lead.iter().all(|r| r[11] == "inferred"), "{lead:?}");
    // The only version of its policy: in force.
    assert!(lead.iter().all(|r| r[2] == "in_force"), "{lead:?}");
    let (_, support) = count(RoleFilter::Support);
    let (_, joint) = count(RoleFilter::Joint);
    let (_, any) = count(RoleFilter::Any);
    assert_eq!(lead.len() + support.len() + joint.len(), any.len());
    let profile = lookup::agency_profile(gs.store(), iri, Versions::InForce).unwrap();
    assert_eq!(
        (profile.lead, profile.support, profile.joint),
        (lead.len(), support.len(), joint.len())
    );
    assert_eq!(profile.documents, 1);
    assert!(profile.aliases.iter().any(|a| a == "省经信厅"));

    let Resolution::NotFound { suggestions } =
        lookup::choose_agencies(gs.store(), "经信厅\"}", None, jurisdictions).unwrap()
    else {
        panic!("a name with a quote resolved");
    };
    assert!(suggestions.len() <= lookup::SUGGESTIONS);
    let Resolution::NotFound { suggestions } = lookup::choose_agencies(
        gs.store(),
        "经济和信息化厅",
        Some("没有这个省"),
        jurisdictions,
    )
    .unwrap() else {
        panic!("found in a jurisdiction that does not exist");
    };
    assert!(
        suggestions.iter().any(|s| s == "安徽省经济和信息化厅"),
        "{suggestions:?}"
    );
}

/// Seed 001 and its draft (`tests/fixtures/versions/001_zhengqiu.txt`, a 征求意见稿 of the same notice):
/// answers count the text in force unless asked for drafts or every version, and say which
/// version each row comes from.
#[test]
fn answers_count_the_text_in_force_unless_asked_for_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&dir.path().join("store"), Mode::ReadWrite, None).unwrap();
    let draft = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/versions/001_zhengqiu.txt");
    let report = ingest_paths(
        &gs,
        &[seed_001(), draft],
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut (),
    )
    .unwrap();
    assert_eq!(report.written.documents, 2);
    let jurisdictions = &Ontology::bundled().jurisdictions;
    let Resolution::Found { agencies, .. } =
        lookup::choose_agencies(gs.store(), "省经信厅", Some("安徽省"), jurisdictions).unwrap()
    else {
        panic!("省经信厅 not found");
    };
    let iri = &agencies[0].iri;
    let lead = |versions| {
        rows(lookup::tasks_table(gs.store(), iri, RoleFilter::Lead, versions).unwrap()).1
    };
    let in_force = lead(Versions::InForce);
    assert_eq!(in_force.len(), 11, "{in_force:?}");
    assert!(in_force.iter().all(|r| r[2] == "in_force"), "{in_force:?}");
    let with_drafts = lead(Versions::WithDrafts);
    let drafts: Vec<_> = with_drafts.iter().filter(|r| r[2] == "draft").collect();
    assert!(!drafts.is_empty(), "{with_drafts:?}");
    assert_eq!(with_drafts.len(), in_force.len() + drafts.len());
    // No superseded versions here: all versions are the text in force and the draft.
    assert_eq!(lead(Versions::All), with_drafts);
    // The two versions have different ids, and the rows say which one they come from.
    let ids: std::collections::BTreeSet<&str> = with_drafts.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");

    let profile = lookup::agency_profile(gs.store(), iri, Versions::InForce).unwrap();
    assert_eq!((profile.lead, profile.documents), (11, 1));
    let profile = lookup::agency_profile(gs.store(), iri, Versions::WithDrafts).unwrap();
    assert_eq!(profile.lead, with_drafts.len());
    assert_eq!(profile.documents, 2);

    let led = |versions| {
        let (_, table) =
            rows(lookup::agencies_table(gs.store(), false, Some("安徽省"), versions).unwrap());
        table
            .iter()
            .find(|r| r[0] == "安徽省经济和信息化厅")
            .map(|r| r[2].parse::<usize>().unwrap())
    };
    assert_eq!(led(Versions::InForce), Some(11));
    assert_eq!(led(Versions::WithDrafts), Some(with_drafts.len()));
    let net =
        policykg_graph::network::agency_network(gs.store(), false, Versions::InForce).unwrap();
    let wide =
        policykg_graph::network::agency_network(gs.store(), false, Versions::WithDrafts).unwrap();
    let weight = |n: &policykg_graph::network::AgencyNetwork| n.graph.edge_weights().sum::<u64>();
    assert!(weight(&net) < weight(&wide));
}
