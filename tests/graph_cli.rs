//! End-to-end tests of the graph subcommands: the built `policykg` binary on the bundled corpus,
//! with stores in temp directories.
//!
//! The must-show of issue 4 is `must_show_tasks_led_by_the_alias`: ingest the corpus and ask,
//! through SPARQL with the alias 省经信厅, which tasks 安徽省经济和信息化厅 leads.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use policykg_graph::{GraphStore, Mode};

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, repo, text};

/// The corpus ingested once into a store shared by the tests of this file.
struct Ingested {
    store: PathBuf,
    first: Output,
}

fn corpus_store() -> &'static Ingested {
    static STORE: OnceLock<Ingested> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = cli::shared_dir("graph_cli-corpus").join("store");
        let first = policykg(&["ingest", "corpus", "--store", store.to_str().unwrap()]);
        Ingested { store, first }
    })
}

fn store_arg() -> String {
    corpus_store().store.to_str().unwrap().to_owned()
}

/// The corpus and the constructed 征求意见稿 of seed 001 (`tests/fixtures/versions/`), which the
/// bundled corpus does not hold: a store with a draft beside its final text.
fn store_with_draft() -> String {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    let store = STORE.get_or_init(|| {
        let store = cli::shared_dir("graph_cli-corpus-and-draft").join("store");
        let out = policykg(&[
            "ingest",
            "corpus",
            "tests/fixtures/versions/001_zhengqiu.txt",
            "--store",
            store.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        store
    });
    store.to_str().unwrap().to_owned()
}

/// CSV rows (SPARQL CSV: header first, CRLF line ends), split naively on commas outside quotes.
fn csv_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut quoted = false;
            let mut chars = line.trim_end_matches('\r').chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        cell.push('"');
                        chars.next();
                    }
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                    c => cell.push(c),
                }
            }
            cells.push(cell);
            cells
        })
        .collect()
}

#[test]
fn ingest_reports_totals_and_succeeds_on_the_corpus() {
    let ing = corpus_store();
    let out = text(&ing.first.stdout);
    let err = text(&ing.first.stderr);
    assert!(ing.first.status.success(), "stdout:\n{out}\nstderr:\n{err}");
    assert!(out.contains(" files: "), "{out}");
    assert!(out.contains("written: "), "{out}");
    assert!(out.contains(" tasks, "), "{out}");
    assert!(out.contains(" triples in "), "{out}");
    // The GBK, GB18030 and UTF-16 copies of seeds 001 and 004 hold the same text as the seeds:
    // recorded, not counted again.
    let same = out
        .split(", ")
        .find(|s| s.ends_with("same text as another file"))
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    assert!(same >= 6, "expected the encoded copies to collapse:\n{out}");
    let gs = GraphStore::open(&ing.store, Mode::ReadOnly, None).unwrap();
    let v = gs.verify().unwrap();
    assert!(
        v.broken.is_empty() && v.dangling_sources.is_empty(),
        "{v:?}"
    );
    assert!(v.whole_documents >= 10, "{v:?}");
}

#[test]
fn ingesting_again_changes_nothing() {
    let ing = corpus_store();
    assert!(ing.first.status.success());
    let dir = tempfile::tempdir().unwrap();
    // A copy of the store, so the shared one is not written concurrently.
    let copy = dir.path().join("store");
    copy_dir(&ing.store, &copy);
    let before = GraphStore::open(&copy, Mode::ReadOnly, None)
        .unwrap()
        .store()
        .len()
        .unwrap();
    let again = policykg(&["ingest", "corpus", "--store", copy.to_str().unwrap()]);
    let out = text(&again.stdout);
    assert!(again.status.success(), "{out}{}", text(&again.stderr));
    assert!(
        out.contains(" 0 new, 0 replaced, 0 rewritten, 0 same text as another file,"),
        "{out}"
    );
    assert!(
        out.contains("written: 0 documents, 0 tasks, 0 agencies, 0 triples"),
        "{out}"
    );
    let after = GraphStore::open(&copy, Mode::ReadOnly, None)
        .unwrap()
        .store()
        .len()
        .unwrap();
    assert_eq!(before, after);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else if e.file_name() != "LOCK" {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Outline paths of the 11 items of seed 001 whose responsibility parenthesis lists
/// 省经济和信息化厅 first (seed 001 never marks a lead: the first listed leads by convention).
const SEED_001_LED: [&str; 11] = [
    "二/（一）/2",
    "二/（三）/6",
    "二/（三）/7",
    "二/（三）/8",
    "二/（四）/9",
    "二/（四）/11",
    "二/（五）/13",
    "二/（六）/15",
    "二/（六）/16",
    "二/（六）/17",
    "三/20",
];

#[test]
fn must_show_tasks_led_by_the_alias() {
    assert!(corpus_store().first.status.success());
    let q = r#"
SELECT ?file ?path ?basis ?agency WHERE {
  ?a skos:altLabel "省经信厅"@zh ; skos:prefLabel ?agency .
  ?ra pkg:agency ?a ; pkg:role pkg:Lead ; pkg:roleBasis ?b .
  ?b rdfs:label ?basis FILTER(LANG(?basis) = "en")
  ?t pkg:assignment ?ra ; pkg:outlinePath ?path ; dcterms:isPartOf ?e .
  ?e prov:hadPrimarySource/pkg:path ?p .
  BIND(REPLACE(?p, "^.*/", "") AS ?file)
} ORDER BY ?file ?path"#;
    let out = policykg(&["query", q, "--format", "csv", "--store", &store_arg()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = csv_rows(&text(&out.stdout));
    assert_eq!(rows[0], ["file", "path", "basis", "agency"]);
    let rows = &rows[1..];
    assert!(
        rows.iter().all(|r| r[3] == "安徽省经济和信息化厅"),
        "the alias resolves to one agency: {rows:?}"
    );
    let mut seed: Vec<&str> = rows
        .iter()
        .filter(|r| r[0].starts_with("001_a6818095697d7a7c"))
        .map(|r| r[1].as_str())
        .collect();
    seed.sort();
    let mut want = SEED_001_LED.to_vec();
    want.sort();
    assert_eq!(seed, want, "seed 001's tasks led by 省经信厅");
    for r in rows.iter().filter(|r| r[0].starts_with("001_")) {
        assert_eq!(r[2], "first listed", "{r:?}");
    }
    // Whatever the other documents give it also has a basis.
    assert!(rows.iter().all(|r| !r[2].is_empty()), "{rows:?}");
}

#[test]
fn tasks_basis_filter_splits_the_tasks_by_how_sure_the_role_is() {
    assert!(corpus_store().first.status.success());
    let tasks = |basis: Option<&str>| {
        let mut args = vec!["tasks", "--agency", "省经信厅", "--jurisdiction", "安徽"];
        args.extend(["--format", "csv"]);
        if let Some(b) = basis {
            args.extend(["--basis", b]);
        }
        let store = store_arg();
        args.extend(["--store", &store]);
        let out = policykg(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        csv_rows(&text(&out.stdout))
    };
    let all = tasks(None);
    let kind = all[0].iter().position(|c| c == "basis_kind").unwrap();
    let basis = all[0].iter().position(|c| c == "basis").unwrap();
    let mut counted = 0;
    for (filter, bases) in [
        ("explicit", &["explicit", "prose"][..]),
        ("declared", &["declared_convention"][..]),
        ("inferred", &["first_listed", "joint"][..]),
    ] {
        let rows = tasks(Some(filter));
        // The filtered answer has no basis_kind column (it is the filter) ...
        assert!(!rows[0].iter().any(|c| c == "basis_kind"), "{:?}", rows[0]);
        // ... and every row's basis is of that kind.
        for r in &rows[1..] {
            assert!(bases.contains(&r[basis].as_str()), "{filter}: {r:?}");
        }
        let unfiltered = all[1..].iter().filter(|r| r[kind] == filter).count();
        assert_eq!(rows.len() - 1, unfiltered, "{filter}");
        counted += unfiltered;
    }
    assert_eq!(
        counted,
        all.len() - 1,
        "every task has one of the three kinds"
    );
    // Seed 001 never marks a lead: its tasks are all inferred.
    let inferred = tasks(Some("inferred"));
    assert!(
        inferred[1..]
            .iter()
            .filter(|r| r[5].starts_with("001_a68"))
            .count()
            >= 11
    );
}

#[test]
fn tasks_command_resolves_the_alias() {
    assert!(corpus_store().first.status.success());
    let tasks = |store: &str, drafts: bool| {
        let mut args = vec!["tasks", "--agency", "省经信厅", "--role", "lead"];
        args.extend([
            "--jurisdiction",
            "安徽",
            "--format",
            "csv",
            "--store",
            store,
        ]);
        if drafts {
            args.push("--include-drafts");
        }
        let out = policykg(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        csv_rows(&text(&out.stdout))
    };
    let rows = tasks(&store_arg(), false);
    assert_eq!(
        rows[0],
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
    // The text in force: the final text's 11 tasks, each copy of it counted once.
    let final_text = |rows: &[Vec<String>]| {
        assert_eq!(rows.len(), 11, "{rows:?}");
        // Machine words in CSV, the same as in JSON Lines (snake_case).
        assert!(rows.iter().all(|r| r[2] == "in_force"
            && r[3] == "2022-02-17"
            && r[5].starts_with("001_a6818095697d7a7c")
            && r[7] == "lead"
            && r[8] == "first_listed"));
    };
    final_text(&rows[1..]);
    // The bundled corpus holds no draft of it: asking for drafts adds nothing.
    assert_eq!(tasks(&store_arg(), true), rows);

    // A store that also holds the draft fixture: by default still the final text's 11 ...
    let with_draft = store_with_draft();
    let default = tasks(&with_draft, false);
    assert_eq!(default, rows);
    // ... and --include-drafts adds the draft's, with their status shown.
    let wide = tasks(&with_draft, true);
    let (drafts, finals): (Vec<_>, Vec<_>) =
        wide[1..].iter().cloned().partition(|r| r[2] == "draft");
    final_text(&finals);
    assert!(!drafts.is_empty(), "{wide:?}");
    assert!(
        drafts
            .iter()
            .all(|r| r[5] == "001_zhengqiu.txt" && r[7] == "lead"),
        "{drafts:?}"
    );
    // The table is for people: aligned (at full width: at 100 columns its rows are records),
    // with the resolution on stderr.
    let out = policykg(&[
        "tasks",
        "--agency",
        "省经信厅",
        "--store",
        &store_arg(),
        "--wide",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("省经信厅 → 安徽省经济和信息化厅"),
        "{}",
        text(&out.stderr)
    );
    // ... and says which versions it counts.
    assert!(
        text(&out.stderr).contains("versions: the text in force of each policy"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("----"));
    // ... in words: status and basis as people say them, not the machine words of the CSV.
    let table = text(&out.stdout);
    assert!(
        table.contains("in force") && table.contains("first listed"),
        "{table}"
    );
    assert!(
        !table.contains("in_force") && !table.contains("first_listed"),
        "{table}"
    );
}

#[test]
fn agencies_resolves_names_and_lists_counts() {
    assert!(corpus_store().first.status.success());
    let out = policykg(&[
        "agencies",
        "省经信厅",
        "--jurisdiction",
        "安徽省",
        "--store",
        &store_arg(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("name         安徽省经济和信息化厅"),
        "{stdout}"
    );
    assert!(stdout.contains("省经信厅"), "{stdout}");
    assert!(stdout.contains("jurisdiction 安徽省"), "{stdout}");
    // In-force tasks only: the final text's 11 leads, in one document (not the draft's too).
    assert!(stdout.contains("tasks        11 lead, "), "{stdout}");
    assert!(
        stdout.contains(" joint, in 1 document (texts in force)"),
        "{stdout}"
    );

    let out = policykg(&["agencies", "--format", "csv", "--store", &store_arg()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = csv_rows(&text(&out.stdout));
    assert_eq!(
        rows[0],
        [
            "agency",
            "jurisdiction",
            "lead",
            "support",
            "joint",
            "tasks"
        ]
    );
    let jx = rows
        .iter()
        .find(|r| r[0] == "安徽省经济和信息化厅")
        .expect("安徽省经济和信息化厅 listed");
    assert_eq!(jx[2], "11", "{jx:?}");

    let out = policykg(&["agencies", "没有这个厅", "--store", &store_arg()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no agency called 没有这个厅"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn export_round_trips_through_standard_formats() {
    assert!(corpus_store().first.status.success());
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&corpus_store().store, Mode::ReadOnly, None).unwrap();
    let quads = gs.store().len().unwrap();
    drop(gs);
    for (format, rdf) in [
        ("nquads", policykg_graph::oxigraph::io::RdfFormat::NQuads),
        ("trig", policykg_graph::oxigraph::io::RdfFormat::TriG),
        (
            "jsonld",
            policykg_graph::oxigraph::io::RdfFormat::JsonLd {
                profile: policykg_graph::oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let file = dir.path().join(format!("all.{format}"));
        let out = policykg(&[
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
            "--store",
            &store_arg(),
        ]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let back = policykg_graph::oxigraph::store::Store::new().unwrap();
        back.load_from_reader(rdf, std::fs::File::open(&file).unwrap())
            .unwrap_or_else(|e| panic!("{format} does not parse back: {e}"));
        assert_eq!(back.len().unwrap(), quads, "{format}");
    }
    let out = policykg(&["export", "--format", "turtle", "--store", &store_arg()]);
    assert!(out.status.success());
    let back = policykg_graph::oxigraph::store::Store::new().unwrap();
    back.load_from_slice(policykg_graph::oxigraph::io::RdfFormat::Turtle, &out.stdout)
        .unwrap();
    assert!(back.len().unwrap() > 0);
}

#[test]
fn networks_carry_centralities() {
    assert!(corpus_store().first.status.success());
    let out = policykg(&["network", "--format", "csv", "--store", &store_arg()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = csv_rows(&text(&out.stdout));
    assert_eq!(
        &rows[0][..6],
        [
            "id",
            "label",
            "kind",
            "degree",
            "weighted_degree",
            "betweenness"
        ]
    );
    let jx = rows
        .iter()
        .find(|r| r[1] == "安徽省经济和信息化厅")
        .expect("安徽省经济和信息化厅 in the network");
    assert!(jx[3].parse::<usize>().unwrap() > 5, "{jx:?}");
    assert!(jx[5].parse::<f64>().unwrap() > 0.0, "{jx:?}");

    let out = policykg(&["network", "--format", "graphml", "--store", &store_arg()]);
    let xml = text(&out.stdout);
    assert!(xml.starts_with("<?xml") && xml.trim_end().ends_with("</graphml>"));
    assert!(xml.contains("安徽省经济和信息化厅"));
    // Counts are numbers to Gephi and networkx, not strings.
    for key in ["tasks", "lead_tasks"] {
        let typed = format!(r#"attr.name="{key}" attr.type="long""#);
        assert!(xml.contains(&typed), "{typed} in the GraphML header");
    }

    let out = policykg(&[
        "network",
        "--kind",
        "citations",
        "--format",
        "csv",
        "--table",
        "edges",
        "--store",
        &store_arg(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let edges = text(&out.stdout);
    // Seed 004 (芜湖) cites 皖政〔2018〕46号, which is not in the corpus: an external node.
    assert!(edges.contains("皖政〔2018〕46号"), "{edges}");
}

#[test]
fn bad_queries_and_stores_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let out = policykg(&[
        "query",
        "SELECT * { ?s ?p ?o }",
        "--store",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("no policykg store at") && err.contains("nowhere"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    let out = policykg(&[
        "query",
        "SELECT ?x WHERE { ?x",
        "--store",
        missing.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("SPARQL syntax error in the query argument"),
        "{err}"
    );

    let rq = dir.path().join("broken.rq");
    std::fs::write(&rq, "SELECT ?x WHERE { ?x pkg:task }").unwrap();
    let out = policykg(&[
        "query",
        &format!("@{}", rq.display()),
        "--store",
        &store_arg(),
    ]);
    let err = text(&out.stderr);
    assert!(
        err.contains("SPARQL syntax error in") && err.contains("broken.rq"),
        "{err}"
    );

    // A store locked by another process.
    let locked = dir.path().join("locked");
    let held = GraphStore::open(&locked, Mode::ReadWrite, None).unwrap();
    let out = policykg(&[
        "ingest",
        "corpus/seeds",
        "--store",
        locked.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("in use by another process") && err.contains("locked"),
        "{err}"
    );
    drop(held);

    // A corrupt store.
    let corrupt = dir.path().join("corrupt");
    drop(GraphStore::open(&corrupt, Mode::ReadWrite, None).unwrap());
    std::fs::write(corrupt.join("CURRENT"), b"garbage\x00").unwrap();
    let out = policykg(&["query", "ASK {}", "--store", corrupt.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("is damaged") && err.contains("policykg verify"),
        "{err}"
    );
}

#[test]
fn bad_files_are_one_line_each_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        repo().join("corpus/seeds/004_1fa6e42cb493e32d.txt"),
        input.join("004.txt"),
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(input.join("blob.bin"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).unwrap();
    let store = dir.path().join("store");
    let out = policykg(&[
        "ingest",
        input.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    let err = text(&out.stderr);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{err}");
    assert!(err.contains("2 files failed"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("empty.txt") && l.contains("empty")),
        "{err}"
    );
    assert!(lines.iter().any(|l| l.contains("blob.bin")), "{err}");
    assert!(stdout.contains("1 new"), "{stdout}");
}

#[test]
fn versions_are_linked_and_diffable_by_id() {
    assert!(corpus_store().first.status.success());
    // The 2018 平潭 measure revises the 2015 one (notices of other titles and 文号); the 2024
    // Shanghai regulation revises the 2020 one. Ids as `policykg query` prints them.
    let q = r#"SELECT ?newer ?older ?title WHERE {
      ?newer prov:wasRevisionOf ?older ; eli:title ?title } ORDER BY ?title"#;
    let out = policykg(&["query", q, "--format", "csv", "--store", &store_arg()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows = csv_rows(&text(&out.stdout));
    let titles: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    // The five real pairs of the corpus. 022a states no date of its own, only 本规定自2007年12月
    // 1日起施行; the 2024 text, in force from 2025-01-01, revises it. The 2024 上海市科学技术进步条例
    // (019b) revises the 2010 one (019a), and the 2024 上海市社会救助条例 (021b) the 2018 one
    // (021a), all in corpus/dev.
    let pingtan = "平潭综合实验区管委会办公室关于印发《平潭综合实验区个人住房国有划拨建设用地使用权转让实施办法（修订）》的通知";
    assert_eq!(
        titles,
        [
            "上海市优化营商环境条例",
            "上海市促进农业科技进步若干规定",
            "上海市社会救助条例",
            "上海市科学技术进步条例",
            pingtan,
        ]
    );
    let row = rows[1..].iter().find(|r| r[2] == pingtan).unwrap();
    let (newer, older) = (&row[0], &row[1]);

    // `policykg diff OLD_ID NEW_ID` reads the versions back from their files and gives the
    // comparison of the files themselves.
    let json = |args: &[&str]| -> serde_json::Value {
        let out = policykg(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let by_id = json(&[
        "diff",
        older,
        newer,
        "--format",
        "json",
        "--store",
        &store_arg(),
    ]);
    let by_file = json(&[
        "diff",
        "corpus/versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt",
        "corpus/versions/031b_pingtan_huabo_tudi_zhuanrang_banfa_2018_xiuding.page.txt",
        "--format",
        "json",
    ]);
    for key in ["summary", "rows", "changes"] {
        assert_eq!(by_id[key], by_file[key], "{key}");
    }
    let short = older.trim_start_matches("https://policykg.org/id/expr/");
    assert_ne!(short, older.as_str());
    let out = policykg(&[
        "diff",
        short,
        "ffff0000ffff0000ffff0000",
        "--store",
        &store_arg(),
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("ffff0000ffff0000ffff0000") && err.contains("has no version"),
        "{err}"
    );
}
