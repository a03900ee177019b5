//! The CLI's renderers on real corpus files, through the built binary: `parse --format json`
//! (the outline's JSON, byte for byte), `extract` as JSON Lines, CSV files and tables, and the
//! table output of `query` and `tasks`. Reviewed snapshots in `tests/snapshots/`.

use std::sync::OnceLock;

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, policykg_with, repo};

/// Standard output of a run that must succeed.
fn stdout(args: &[&str]) -> String {
    let out = policykg(args);
    assert!(
        out.status.success(),
        "policykg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Snapshot names from corpus paths: `corpus/seeds/001_a68….txt` → `seeds_001_a68…_txt`.
fn name(path: &str) -> String {
    path.trim_start_matches("corpus/").replace(['/', '.'], "_")
}

// A cover notice (seed 001), an HTML page in GB2312 with a gov.cn field table, a plain text with
// a 落款, and a regulation in Markdown with front matter and an adoption history.
const PARSE_FILES: [&str; 4] = [
    "corpus/seeds/001_a6818095697d7a7c.txt",
    "corpus/encodings/001_a6818095697d7a7c.gb2312.html",
    "corpus/extra/02_sichuan_duchazicha_2014.txt",
    "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
];

#[test]
fn parse_json_is_the_outline_model_serialised() {
    for path in PARSE_FILES {
        let out = stdout(&["parse", "--format", "json", path]);
        // One JSON object per line, and the line is valid JSON.
        assert_eq!(out.lines().count(), 1, "{path}");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(v["source"], *path);
        insta::assert_snapshot!(format!("parse_json_{}", name(path)), out);
    }
}

#[test]
fn parse_json_key_order_and_nesting() {
    let out = stdout(&["parse", "--format", "json", PARSE_FILES[0]]);
    // Keys come sorted at every level (as serde_json's `Value` writes them).
    let keys = [
        "chars", "closing", "encoding", "format", "metadata", "outline", "preamble", "source",
        "tables", "warnings",
    ];
    let mut at = 0;
    for k in keys {
        let pos = out[at..]
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("key {k} in order"));
        at += pos;
    }
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["outline"][0];
    assert_eq!(first["level"], 1);
    // Children are nested objects, not ids; no parent field.
    assert!(first["children"][0]["number"].is_string(), "{first}");
    assert!(first.get("parent").is_none());
    let chars = std::fs::read_to_string(repo().join(PARSE_FILES[0]))
        .unwrap()
        .chars()
        .count();
    assert_eq!(v["chars"], chars);
}

#[test]
fn extract_jsonl() {
    let path = "corpus/seeds/001_a6818095697d7a7c.txt";
    let out = stdout(&["extract", path]);
    assert_eq!(out.lines().count(), 1);
    insta::assert_snapshot!("extract_jsonl_seeds_001", out);
}

#[test]
fn extract_csv_files_keep_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("csv");
    let out = policykg(&[
        "extract",
        "corpus/seeds/001_a6818095697d7a7c.txt",
        "corpus/seeds/004_1fa6e42cb493e32d.txt",
        "--format",
        "csv",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let headers = [
        (
            "documents",
            "version,sources,encodings,title,status,doc_number,date,jurisdiction,issuers,convention,tasks,targets,amounts,warnings",
        ),
        (
            "tasks",
            "version,task,path,origin,heading,text,span_start,span_end,open_list,agencies,deadline,deadline_kind,deadline_by",
        ),
        (
            "agencies",
            "version,task,name,mention,role,basis,collective,known,kind,jurisdiction,parent,span_start,span_end",
        ),
        (
            "targets",
            "version,task,metric,value,min,max,unit,comparator,change,year,period,within_years,text,span_start,span_end",
        ),
        (
            "amounts",
            "version,task,index,role,currency,yuan,min_yuan,max_yuan,kind,cap,floor,rate_percent,rate_base,one_off,per_capita,per,recipient,change,new_level,comparator,measure,conditions,text,span_start,span_end",
        ),
    ];
    for (file, header) in headers {
        let text = std::fs::read_to_string(out_dir.join(format!("{file}.csv"))).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{file}.csv");
        insta::assert_snapshot!(format!("extract_csv_{file}"), text);
    }
}

/// Rows of a CSV file with a header, as maps from column to value.
fn csv_records(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

#[test]
fn extract_csv_has_one_row_per_version_on_the_corpus() {
    use std::collections::{BTreeMap, BTreeSet, HashSet};
    let dir = tempfile::tempdir().unwrap();
    let out = policykg(&[
        "extract",
        "corpus/",
        "--format",
        "csv",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The versions of the corpus, counted here from the texts with the graph's fingerprint.
    let root = repo();
    let mut versions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = 0;
    for path in policykg_read::discover(&[root.join("corpus")]) {
        let path = path.unwrap();
        let doc = policykg_read::read_path(&path, &policykg_read::Limits::default()).unwrap();
        let shown = path.strip_prefix(&root).unwrap().display().to_string();
        versions
            .entry(policykg_graph::iri::version_id(&doc.text))
            .or_default()
            .insert(shown);
        files += 1;
    }
    assert!(versions.len() < files, "the corpus holds copies of texts");

    let documents = csv_records(&dir.path().join("documents.csv"));
    assert_eq!(documents.len(), versions.len(), "one row per version");
    let mut listed = 0;
    for d in &documents {
        let sources: BTreeSet<String> = d["sources"].split('|').map(str::to_owned).collect();
        assert_eq!(
            Some(&sources),
            versions.get(&d["version"]),
            "every file of version {}",
            d["version"]
        );
        assert_eq!(
            d["encodings"].split('|').count(),
            sources.len(),
            "{}",
            d["version"]
        );
        listed += sources.len();
    }
    assert_eq!(listed, files, "every file in one row");
    // The bundled corpus as counted by hand: 83 files, 73 texts (seed 001 has four encoded
    // copies, seed 004 three, the three gov.cn pages their text beside them), and each version of
    // the real pairs in corpus/versions/ is a row of its own (no draft fixture among them).
    assert_eq!((files, documents.len()), (83, 73));
    for real in [
        "022a_shanghai_nongye_keji_guiding_2007-10-10.md",
        "022b_shanghai_nongye_keji_guiding_2024-11-28.md",
        "031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt",
        "031b_pingtan_huabo_tudi_zhuanrang_banfa_2018_xiuding.page.txt",
    ] {
        let rows: Vec<_> = documents
            .iter()
            .filter(|d| d["sources"].contains(real))
            .collect();
        assert_eq!(rows.len(), 1, "{real}");
        assert_eq!(rows[0]["sources"], format!("corpus/versions/{real}"));
    }
    assert!(documents
        .iter()
        .all(|d| !d["sources"].contains("001_zhengqiu")));
    // Seed 001 and its four encoded copies are one version.
    let seed = documents
        .iter()
        .find(|d| d["sources"].contains("seeds/001_a6818095697d7a7c.txt"))
        .unwrap();
    assert_eq!(seed["sources"].split('|').count(), 5, "{seed:?}");
    assert_eq!(seed["convention"], "first_listed");

    // Facts are written once per version, each referring to a version of documents.csv.
    let ids: HashSet<&str> = documents.iter().map(|d| d["version"].as_str()).collect();
    let tasks = csv_records(&dir.path().join("tasks.csv"));
    let keys: HashSet<(&str, &str)> = tasks
        .iter()
        .map(|t| (t["version"].as_str(), t["task"].as_str()))
        .collect();
    assert_eq!(keys.len(), tasks.len(), "no task row twice");
    let declared: usize = documents
        .iter()
        .map(|d| d["tasks"].parse::<usize>().unwrap())
        .sum();
    assert_eq!(tasks.len(), declared, "each version's tasks once");
    for file in ["tasks", "agencies", "targets", "amounts"] {
        for row in csv_records(&dir.path().join(format!("{file}.csv"))) {
            assert!(ids.contains(row["version"].as_str()), "{file}.csv: {row:?}");
        }
    }
    // agencies.csv keeps what the gazetteer says of each agency.
    let agencies = csv_records(&dir.path().join("agencies.csv"));
    let jx = agencies
        .iter()
        .find(|a| a["name"] == "安徽省经济和信息化厅")
        .unwrap();
    assert_eq!(jx["jurisdiction"], "安徽省", "{jx:?}");
    assert_eq!(jx["parent"], "安徽省人民政府", "{jx:?}");
    assert_eq!(jx["kind"], "local", "{jx:?}");
}

#[test]
fn extract_csv_of_a_document_without_facts_still_has_headers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("empty.txt");
    std::fs::write(&input, "关于召开会议的通知\n\n请准时参加。\n").unwrap();
    let out_dir = dir.path().join("csv");
    let out = policykg(&[
        "extract",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in ["tasks", "agencies", "targets", "amounts"] {
        let text = std::fs::read_to_string(out_dir.join(format!("{file}.csv"))).unwrap();
        assert_eq!(text.lines().count(), 1, "{file}.csv: {text}");
        assert!(text.starts_with("version,"), "{file}.csv: {text}");
    }
}

#[test]
fn extract_table() {
    let out = stdout(&[
        "extract",
        "corpus/seeds/001_a6818095697d7a7c.txt",
        "--format",
        "table",
    ]);
    insta::assert_snapshot!("extract_table_seeds_001", out);
}

/// The seeds ingested once into a temp store shared by the query tests of this file.
fn seeds_store() -> &'static String {
    static STORE: OnceLock<String> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = cli::shared_dir("cli_render-seeds");
        let store = dir.join("store").to_str().unwrap().to_owned();
        stdout(&["ingest", "corpus/seeds", "--store", &store]);
        store
    })
}

#[test]
fn query_table() {
    let store = seeds_store();
    let out = stdout(&[
        "query",
        "@scripts/queries/tasks-led-by-sheng-jingxinting.rq",
        "--store",
        store,
        "--wide",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("file  "), "{out}");
    assert!(lines[1].starts_with("----"), "{out}");
    assert_eq!(lines.len(), 2 + 11, "{out}");
    insta::assert_snapshot!("query_table_tasks_led", out);
}

#[test]
fn query_table_cuts_long_cells_and_flattens_lines() {
    let store = seeds_store();
    let out = stdout(&[
        "query",
        "SELECT ?id ?text WHERE { ?t a pkg:Task ; pkg:taskId ?id ; pkg:text ?text ; \
         dcterms:isPartOf ?e . ?e prov:hadPrimarySource/pkg:path ?p \
         FILTER(CONTAINS(?p, \"001_a68\")) } ORDER BY ?id LIMIT 12",
        "--store",
        store,
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2 + 12, "{out}");
    // Some task texts are longer than a table cell gets: they end in … within 80 columns.
    assert!(lines.iter().any(|l| l.ends_with('…')), "{out}");
    insta::assert_snapshot!("query_table_long_cells", out);
}

/// Display width in a terminal, for the alignment checks: CJK ideographs and full-width forms
/// take two columns (the corpus's cells hold nothing else that is wide).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn tasks_table() {
    let store = seeds_store();
    let out = policykg(&["tasks", "--agency", "省经信厅", "--store", store, "--wide"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("task  "), "{text}");
    assert!(lines[1].starts_with("----"), "{text}");
    // As many rows as the count on stderr, every one the agency's.
    let n: usize = stderr
        .lines()
        .find_map(|l| l.strip_suffix(" tasks")?.parse().ok())
        .expect("a count on stderr");
    assert_eq!(lines.len(), 2 + n, "{text}");
    assert!(
        lines[2..]
            .iter()
            .all(|l| l.contains("安徽省经济和信息化厅")),
        "{text}"
    );
    // The agency column starts at the same terminal column on every row, whatever the Chinese
    // before it.
    let at = |l: &str| display_width(&l[..l.find("安徽省经济和信息化厅").unwrap()]);
    assert!(lines[2..].iter().all(|l| at(l) == at(lines[2])), "{text}");
    // Rows are one line each; long texts are cut to 80 columns with `…`.
    assert!(lines[2..].iter().any(|l| l.contains('…')), "{text}");
}

/// Display width as a terminal counts it (unicode-width's rules, as the tables use).
fn terminal_width_of(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[test]
fn tables_fit_the_terminal_width() {
    let store = seeds_store();
    let tasks = ["tasks", "--agency", "省经信厅", "--store", store];
    let extract = [
        "extract",
        "corpus/seeds/001_a6818095697d7a7c.txt",
        "--format",
        "table",
    ];
    for (args, columns) in [
        (&tasks[..], "100"),
        (&tasks[..], "200"),
        (&extract[..], "100"),
    ] {
        let out = policykg_with(args, &[("COLUMNS", columns)]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let max: usize = columns.parse().unwrap();
        for l in text.lines() {
            assert!(
                terminal_width_of(l) <= max,
                "{args:?} at {columns}: {} columns: {l}",
                terminal_width_of(l)
            );
        }
        // Short columns stay whole: the version id and the date of every task row.
        if args[0] == "tasks" {
            assert_eq!(
                text.matches("771465a39450cd44ab303cd3").count(),
                text.matches("2022-02-17").count(),
                "{text}"
            );
            assert!(text.contains("771465a39450cd44ab303cd3"), "{text}");
        }
    }
    // Without room for the short columns, a tasks row is a record: one line per column.
    let out = policykg_with(&tasks, &[("COLUMNS", "100")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("-[ 1 ]\ntask        "), "{text}");
    // At 200 columns it is a table again, its text cut.
    let out = policykg_with(&tasks, &[("COLUMNS", "200")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("task  "), "{text}");
    // --wide: as wide as the cells, whatever the terminal.
    let mut wide = tasks.to_vec();
    wide.push("--wide");
    let out = policykg_with(&wide, &[("COLUMNS", "100")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| terminal_width_of(l) > 200), "{text}");
}

#[test]
fn agencies_table() {
    let store = seeds_store();
    let out = stdout(&["agencies", "--store", store]);
    assert!(out.lines().nth(1).unwrap().starts_with("----"), "{out}");
    insta::assert_snapshot!("agencies_table", out);
}
