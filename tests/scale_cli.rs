//! Extraction and export for work beyond one machine (issue 15): `extract --files-from` (a batch
//! system's partition on standard input), `extract --format nquads` (each document's named
//! graph, exactly as `ingest` stores it) and `export --split-by-graph` (one file per graph for a
//! bulk loader).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use policykg_graph::oxigraph::io::{RdfFormat, RdfParser};
use policykg_graph::oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use policykg_graph::{GraphStore, Mode};

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, repo, text};

/// Real documents of every kind: plain text seeds, a gov.cn HTML page with its metadata table,
/// a 征求意见稿 (a draft: its status lives in the versions graph, not in its own) and a Markdown
/// regulation. Each is a different text, so each is one version read from one file.
const DOCUMENTS: &[&str] = &[
    "corpus/seeds/000_eef8574c2d5c617b.txt",
    "corpus/seeds/001_a6818095697d7a7c.txt",
    "corpus/seeds/002_076db4c0ab1c918d.txt",
    "corpus/seeds/003_e1ad1d33f2229fbe.txt",
    "corpus/seeds/004_1fa6e42cb493e32d.txt",
    "corpus/dev/001_guobanfa2018-126_tuiguang_gaige_table.html",
    "tests/fixtures/versions/001_zhengqiu.txt",
    "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
];

/// `policykg ARGS` with `stdin` on standard input.
fn policykg_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args(args)
        .current_dir(repo())
        .env_remove("POLICYKG_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run policykg");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn parse_nquads(bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("not N-Quads: {e}"))
}

fn has_blank_node(q: &Quad) -> bool {
    q.subject.is_blank_node()
        || matches!(q.object, Term::BlankNode(_))
        || matches!(q.graph_name, GraphName::BlankNode(_))
}

fn by_graph(quads: Vec<Quad>) -> BTreeMap<String, HashSet<Quad>> {
    let mut graphs: BTreeMap<String, HashSet<Quad>> = BTreeMap::new();
    for q in quads {
        graphs
            .entry(q.graph_name.to_string())
            .or_default()
            .insert(q);
    }
    graphs
}

fn ingest(store: &Path, paths: &[&str]) {
    let mut args = vec!["ingest", "--store", store.to_str().unwrap()];
    args.extend(paths);
    let out = policykg(&args);
    assert!(out.status.success(), "ingest: {}", text(&out.stderr));
}

#[test]
fn extract_nquads_is_exactly_the_graph_ingest_stores() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest(&store, DOCUMENTS);

    // The same files through --files-from, as a batch system would hand them over.
    let list = dir.path().join("files.txt");
    std::fs::write(&list, DOCUMENTS.join("\n") + "\n").unwrap();
    let out = policykg(&[
        "extract",
        "--files-from",
        list.to_str().unwrap(),
        "--format",
        "nquads",
    ]);
    assert!(out.status.success(), "extract: {}", text(&out.stderr));
    let extracted = parse_nquads(&out.stdout);
    // The mapping mints no blank nodes: the quads compare as they are, with no renaming.
    assert!(!extracted.iter().any(has_blank_node));
    // Each document's quads are written once.
    let n = extracted.len();
    let extracted = by_graph(extracted);
    assert_eq!(extracted.values().map(HashSet::len).sum::<usize>(), n);
    assert_eq!(extracted.len(), DOCUMENTS.len(), "one graph per document");

    let gs = GraphStore::open(&store, Mode::ReadOnly, None).unwrap();
    let mut versions = BTreeSet::new();
    for g in gs.store().named_graphs() {
        if let NamedOrBlankNode::NamedNode(g) = g.unwrap() {
            if gs.iris().is_expression(g.as_str()) {
                versions.insert(g.to_string());
            }
        }
    }
    drop(gs);
    assert_eq!(
        extracted.keys().cloned().collect::<BTreeSet<_>>(),
        versions,
        "the same version graphs, by IRI"
    );
    for (graph, quads) in &extracted {
        let iri = &graph[1..graph.len() - 1];
        let out = policykg(&[
            "export",
            "--format",
            "nquads",
            "--graph",
            iri,
            "--store",
            store.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "export {iri}: {}", text(&out.stderr));
        let stored = parse_nquads(&out.stdout);
        assert!(!stored.iter().any(has_blank_node));
        let stored: HashSet<Quad> = stored.into_iter().collect();
        let missing: Vec<_> = stored.difference(quads).take(5).collect();
        let extra: Vec<_> = quads.difference(&stored).take(5).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{iri}: stored but not extracted {missing:#?}; extracted but not stored {extra:#?}"
        );
        assert!(stored.len() > 100, "{iri}: {} quads", stored.len());
    }
}

#[test]
fn files_from_reads_the_list_from_standard_input_or_a_file() {
    let docs = &DOCUMENTS[..2];
    let mut args = vec!["extract"];
    args.extend(docs);
    let direct = policykg(&args);
    assert!(direct.status.success());
    assert_eq!(text(&direct.stdout).lines().count(), 2);

    // Blank lines are skipped; a list written on Windows ends its lines with CRLF.
    let list = format!("\n{}\r\n   \n{}\n\n", docs[0], docs[1]);
    let out = policykg_stdin(&["extract", "--files-from", "-"], list.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, direct.stdout);

    // A missing path is one file's failure, named; the others are extracted; exit status 1.
    let list = format!("{}\ncorpus/no-such-notice.txt\n{}\n", docs[0], docs[1]);
    for format in ["jsonl", "nquads", "table"] {
        let out = policykg_stdin(
            &["extract", "--files-from", "-", "--format", format],
            list.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let err = text(&out.stderr);
        assert!(
            err.contains("corpus/no-such-notice.txt") && err.contains("1 of 3 files failed"),
            "{format}: {err}"
        );
        assert!(!out.stdout.is_empty(), "{format}");
    }

    // CSV from a list file (with a directory in it, read recursively as on the command line).
    let dir = tempfile::tempdir().unwrap();
    let list_file = dir.path().join("list");
    std::fs::write(&list_file, "corpus/seeds\n").unwrap();
    let csv_dir = dir.path().join("csv");
    let out = policykg(&[
        "extract",
        "--files-from",
        list_file.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        csv_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let documents = std::fs::read_to_string(csv_dir.join("documents.csv")).unwrap();
    assert_eq!(documents.lines().count(), 1 + 5, "{documents}");

    // An empty list (an empty partition) is no error and writes nothing.
    let out = policykg_stdin(
        &["extract", "--files-from", "-", "--format", "nquads"],
        b"\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());

    // A list that cannot be read is an error (exit status 2), named.
    let out = policykg(&["extract", "--files-from", "/no/such/list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--files-from /no/such/list"));
}

#[test]
fn split_export_files_together_equal_the_full_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest(&store, &DOCUMENTS[..5]);
    let store_arg = store.to_str().unwrap();
    let full = policykg(&["export", "--format", "nquads", "--store", store_arg]);
    assert!(full.status.success());
    let full = parse_nquads(&full.stdout);
    let full_len = full.len();
    let full: HashSet<Quad> = full.into_iter().collect();
    assert_eq!(full.len(), full_len);

    let split = dir.path().join("split");
    let split_arg = split.to_str().unwrap();
    let out = policykg(&[
        "export",
        "--format",
        "nquads",
        "--split-by-graph",
        split_arg,
        "--store",
        store_arg,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let manifest = std::fs::read_to_string(split.join("manifest.tsv")).unwrap();
    let mut lines = manifest.lines();
    assert_eq!(lines.next(), Some("graph\tfile\tquads"));
    let mut union = HashSet::new();
    let mut files = BTreeSet::new();
    let mut graphs = BTreeSet::new();
    for line in lines {
        let [graph, file, count] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("manifest line {line:?}");
        };
        assert!(
            graphs.insert(graph.to_owned()),
            "graph listed twice: {graph}"
        );
        assert!(files.insert(file.to_owned()), "file listed twice: {file}");
        assert!(
            file.ends_with(".nq") && !file.contains('/') && !file.starts_with('.'),
            "{file}"
        );
        let quads = parse_nquads(&std::fs::read(split.join(file)).unwrap());
        assert_eq!(quads.len(), count.parse::<usize>().unwrap(), "{file}");
        for q in quads {
            assert_eq!(q.graph_name.to_string(), format!("<{graph}>"), "{file}");
            assert!(union.insert(q), "{file}: a quad written twice");
        }
    }
    // Every version and the shared graphs (vocabulary, gazetteer, sources, versions …).
    assert!(graphs.len() >= 5 + 4, "{graphs:?}");
    assert_eq!(union, full, "the files together are the full export");
    // Nothing but the files of the manifest and the manifest itself.
    let on_disk: BTreeSet<String> = std::fs::read_dir(&split)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mut expected = files.clone();
    expected.insert("manifest.tsv".into());
    assert_eq!(on_disk, expected);

    // Again into the same directory: a file of the previous export that the store no longer
    // has is removed; a directory that is no split export is refused.
    std::fs::write(split.join("expr-gone.nq"), "").unwrap();
    let mut with_stale = manifest.clone();
    with_stale.push_str("https://policykg.org/id/expr/gone\texpr-gone.nq\t0\n");
    std::fs::write(split.join("manifest.tsv"), with_stale).unwrap();
    let again = policykg(&[
        "export",
        "--split-by-graph",
        split_arg,
        "--store",
        store_arg,
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(!split.join("expr-gone.nq").exists());
    assert_eq!(
        std::fs::read_to_string(split.join("manifest.tsv")).unwrap(),
        manifest
    );
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let refused = policykg(&[
        "export",
        "--split-by-graph",
        other.to_str().unwrap(),
        "--store",
        store_arg,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("not empty"));
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
}
