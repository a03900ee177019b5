//! Source paths that survive moving the corpus, and `policykg remove`, on copies of corpus
//! documents in temporary directories: a moved or re-cloned corpus is the same files (no
//! document, version or record added; versions still read back for `diff`), a corpus of the same
//! name holding other bytes is other files, and removal takes a version or a file out with what
//! derives from it (031a/031b: the 2015 平潭 measure and its 2018 修订, a real revision pair).

use std::path::Path;

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, repo, text};

/// Copies `files` (paths under corpus/) into `dir`, keeping their subdirectory.
fn copy_corpus(dir: &Path, files: &[&str]) {
    for f in files {
        let to = dir.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo().join("corpus").join(f), &to).unwrap();
    }
}

const PAIR_OLD: &str = "versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt";
const PAIR_NEW: &str = "versions/031b_pingtan_huabo_tudi_zhuanrang_banfa_2018_xiuding.page.txt";
const SEED: &str = "seeds/001_a6818095697d7a7c.txt";
/// The GBK copy of seed 001: other bytes, the same text, so the same version.
const SEED_GBK: &str = "encodings/001_a6818095697d7a7c.gbk.txt";

fn run(args: &[&str]) -> String {
    let out = policykg(args);
    assert!(
        out.status.success(),
        "policykg {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn ingest(store: &str, path: &Path) -> serde_json::Value {
    let out = run(&[
        "ingest",
        path.to_str().unwrap(),
        "--store",
        store,
        "--format",
        "json",
    ]);
    serde_json::from_str(out.trim()).unwrap()
}

/// The CSV rows of a query, header left out.
fn rows(store: &str, sparql: &str) -> Vec<String> {
    run(&["query", sparql, "--store", store, "--format", "csv"])
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

fn count(store: &str, pattern: &str) -> usize {
    let r = rows(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"),
    );
    r[0].parse().unwrap()
}

fn versions(store: &str) -> usize {
    count(store, "GRAPH ?g { ?e a eli:LegalExpression }")
}

fn records(store: &str) -> usize {
    count(
        store,
        "GRAPH <https://policykg.org/id/graph/sources> { ?s a pkg:SourceFile }",
    )
}

fn quads(store: &str) -> usize {
    count(store, "GRAPH ?g { ?s ?p ?o }")
}

/// The id of the version whose primary source's path ends with `file`.
fn version_id(store: &str, file: &str) -> String {
    let name = Path::new(file).file_name().unwrap().to_str().unwrap();
    let r = rows(
        store,
        &format!(
            "SELECT ?id WHERE {{ ?e prov:hadPrimarySource/pkg:path ?p .
               FILTER(STRENDS(?p, \"/{name}\")) BIND(STRAFTER(STR(?e), \"/expr/\") AS ?id) }}"
        ),
    );
    assert_eq!(r.len(), 1, "{file}: {r:?}");
    r[0].clone()
}

fn status(store: &str, id: &str) -> String {
    let r = rows(
        store,
        &format!("SELECT ?s WHERE {{ <https://policykg.org/id/expr/{id}> pkg:versionStatus ?s }}"),
    );
    assert_eq!(r.len(), 1, "{id}: {r:?}");
    r[0].rsplit('#').next().unwrap().to_owned()
}

#[test]
fn a_moved_corpus_is_the_same_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let first = tmp.path().join("first/corpus");
    copy_corpus(&first, &[PAIR_OLD, PAIR_NEW, SEED]);

    let r = ingest(store, &first);
    assert_eq!(r["new"], 3, "{r}");
    let (v, s) = (versions(store), records(store));
    assert_eq!((v, s), (3, 3));
    // Paths are stored relative to the parent of the directory given, starting with its name.
    let mut paths = rows(
        store,
        "SELECT ?p ?r WHERE { GRAPH ?g { ?s pkg:path ?p ; pkg:root ?r } } ORDER BY ?p",
    );
    paths.sort();
    let root = std::fs::canonicalize(tmp.path().join("first")).unwrap();
    let root = root.to_str().unwrap();
    let mut expected = [PAIR_OLD, PAIR_NEW, SEED].map(|f| format!("corpus/{f},{root}"));
    expected.sort();
    assert_eq!(paths, expected);
    let (old_id, new_id) = (version_id(store, PAIR_OLD), version_id(store, PAIR_NEW));

    // The corpus moves: same files, only their root changes, nothing is extracted again.
    let second = tmp.path().join("elsewhere/deeper/corpus");
    copy_corpus(&second, &[PAIR_OLD, PAIR_NEW, SEED]);
    std::fs::remove_dir_all(tmp.path().join("first")).unwrap();
    let r = ingest(store, &second);
    assert_eq!(
        (&r["new"], &r["unchanged"], &r["relocated"]),
        (&0.into(), &3.into(), &3.into()),
        "{r}"
    );
    assert_eq!(r["written"]["documents"], 0, "{r}");
    assert_eq!((versions(store), records(store)), (v, s));
    let root = std::fs::canonicalize(tmp.path().join("elsewhere/deeper")).unwrap();
    let roots = rows(
        store,
        "SELECT DISTINCT ?r WHERE { GRAPH ?g { ?s pkg:root ?r } }",
    );
    assert_eq!(roots, [root.to_str().unwrap()]);

    // Versions read back from the new place, the old one being gone.
    let diff = run(&["diff", &old_id, &new_id, "--store", store]);
    assert!(!diff.trim().is_empty());

    // A second run finds nothing to do, not even a root to update.
    let r = ingest(store, &second);
    assert_eq!(
        (&r["unchanged"], &r["relocated"]),
        (&3.into(), &0.into()),
        "{r}"
    );

    // A file given by itself, where its directory's ingest recorded it: the same record.
    let r = ingest(store, &second.join(SEED));
    assert_eq!((&r["unchanged"], &r["new"]), (&1.into(), &0.into()), "{r}");
    assert_eq!(records(store), s);
}

#[test]
fn a_corpus_of_the_same_name_with_other_bytes_is_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let a = tmp.path().join("a/corpus");
    copy_corpus(&a, &[SEED]);
    ingest(store, &a);

    // Another corpus, same directory name, same relative path, another text.
    let b = tmp.path().join("b/corpus");
    std::fs::create_dir_all(b.join("seeds")).unwrap();
    let seed = std::fs::read_to_string(repo().join("corpus").join(SEED)).unwrap();
    let other = seed.replacen(
        "安徽省专精特新中小企业倍增行动方案",
        "某省专精特新中小企业倍增行动方案",
        1,
    );
    assert_ne!(seed, other);
    std::fs::write(b.join(SEED), &other).unwrap();
    let r = ingest(store, &b);
    assert_eq!(r["new"], 1, "{r}");
    assert_eq!((versions(store), records(store)), (2, 2));
    // Both files read back where they are.
    let roots = rows(
        store,
        "SELECT ?r WHERE { GRAPH ?g { ?s pkg:root ?r } } ORDER BY ?r",
    );
    assert_eq!(roots.len(), 2, "{roots:?}");

    // Edited in place, the file replaces its own earlier text (and no other corpus's).
    std::fs::write(b.join(SEED), seed.replacen("倍增", "翻番", 1)).unwrap();
    let r = ingest(store, &b);
    assert_eq!(r["replaced"], 1, "{r}");
    assert_eq!((versions(store), records(store)), (2, 2));
}

#[test]
fn remove_takes_out_a_version_or_a_file_and_what_derives_from_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_corpus(&corpus, &[PAIR_OLD, PAIR_NEW, SEED, SEED_GBK]);
    let r = ingest(store, &corpus);
    assert_eq!((&r["new"], &r["same_text"]), (&3.into(), &1.into()), "{r}");
    let (old_id, new_id) = (version_id(store, PAIR_OLD), version_id(store, PAIR_NEW));
    let links = "GRAPH ?g { ?a prov:wasRevisionOf ?b }";
    let change_graphs =
        format!("GRAPH ?g {{ ?c a pkg:VersionChange }} FILTER(CONTAINS(STR(?g), \"{new_id}\"))");
    assert_eq!(count(store, links), 1);
    assert!(count(store, &change_graphs) > 0);
    assert_eq!(status(store, &old_id), "SupersededText");
    let before = (versions(store), records(store), quads(store));
    assert_eq!((before.0, before.1), (3, 4));

    // A dry run says what would go and changes nothing.
    let out = run(&["remove", &new_id, "--dry-run", "--store", store]);
    assert!(
        out.contains("would remove 1 version, 1 file, 1 revision link"),
        "{out}"
    );
    assert!(out.contains(&format!("in_force: {old_id}")), "{out}");
    assert_eq!((versions(store), records(store), quads(store)), before);

    // An unknown id: an error naming it, nothing changed.
    let out = policykg(&[
        "remove",
        &new_id,
        "0123456789abcdef01234567",
        "--store",
        store,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("0123456789abcdef01234567"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!((versions(store), records(store), quads(store)), before);

    // By id: the version, its file, its link and its change graph; the 2015 text is in force
    // again.
    let out = run(&["remove", &new_id, "--store", store]);
    assert!(
        out.contains("removed 1 version, 1 file, 1 revision link, 1 change graph"),
        "{out}"
    );
    assert_eq!((versions(store), records(store)), (2, 3));
    assert_eq!(count(store, links), 0);
    assert_eq!(count(store, &change_graphs), 0);
    assert_eq!(
        count(
            store,
            &format!("GRAPH ?g {{ ?s ?p <https://policykg.org/id/expr/{new_id}> }}")
        ),
        0
    );
    assert_eq!(status(store, &old_id), "InForceText");

    // By the path as stored, a file whose version another file also holds: only the record
    // goes, and the other file becomes the version's primary source.
    let seed_id = version_id(store, SEED_GBK);
    let out = run(&["remove", &format!("corpus/{SEED_GBK}"), "--store", store]);
    assert!(out.contains("its version stays"), "{out}");
    assert_eq!((versions(store), records(store)), (2, 2));
    let primary = rows(
        store,
        &format!("SELECT ?p WHERE {{ <https://policykg.org/id/expr/{seed_id}> prov:hadPrimarySource/pkg:path ?p }}"),
    );
    assert_eq!(primary, [format!("corpus/{SEED}")]);

    // By the file on disk, the last one holding it: the version goes too.
    let seed = corpus.join(SEED);
    run(&["remove", seed.to_str().unwrap(), "--store", store]);
    assert_eq!((versions(store), records(store)), (1, 1));
    let out = run(&["verify", "--store", store]);
    assert!(out.contains("ok, 1 whole documents"), "{out}");

    // Ingested again, the removed files come back as they were.
    let r = ingest(store, &corpus);
    assert_eq!((&r["new"], &r["same_text"]), (&2.into(), &1.into()), "{r}");
    assert_eq!(count(store, links), 1);
    assert_eq!(status(store, &old_id), "SupersededText");
}

/// The user's ontology directory is part of what made a graph: after a word is added there,
/// ingesting the same unchanged file again rewrites its graph instead of skipping it, and the
/// store then holds what the new data finds. (The same record holds a build fingerprint of the
/// stages' code, so an upgraded extractor is not skipped over either.)
#[test]
fn a_changed_user_ontology_redoes_unchanged_files() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_corpus(&corpus, &[SEED]);
    let ontology = tmp.path().join("ontology");
    std::fs::create_dir_all(ontology.join("lexicon")).unwrap();
    let ingest_with = |dir: &Path| -> serde_json::Value {
        let out = run(&[
            "ingest",
            corpus.to_str().unwrap(),
            "--store",
            store,
            "--format",
            "json",
            "--ontology",
            dir.to_str().unwrap(),
        ]);
        serde_json::from_str(out.trim()).unwrap()
    };
    // Seed 001: 每年评定首台套装备200项、首批次新材料40项、首版次软件100项左右.
    let forty = "GRAPH ?g { ?t a pkg:Target ; pkg:metric \"首批次新材料\"@zh }";
    let r = ingest_with(&ontology);
    assert_eq!(r["new"], 1, "{r}");
    assert_eq!(count(store, forty), 1);
    let r = ingest_with(&ontology);
    assert_eq!(r["unchanged"], 1, "{r}");

    // The user declares 新材料40项 not a number: the target goes.
    std::fs::write(
        ontology.join("lexicon/not_numbers-user.tsv"),
        "word\n新材料40项\n",
    )
    .unwrap();
    let r = ingest_with(&ontology);
    assert_eq!(
        (&r["unchanged"], &r["rewritten"]),
        (&0.into(), &1.into()),
        "{r}"
    );
    assert_eq!(count(store, forty), 0);
    let r = ingest_with(&ontology);
    assert_eq!(r["unchanged"], 1, "{r}");
}
