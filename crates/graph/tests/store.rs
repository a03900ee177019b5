//! The mapping and the store on real text: seed 001 run through the real read → outline →
//! extract pipeline (the one ingest uses), written into a RocksDB store in a temp directory, and
//! asked through SPARQL.
//!
//! The extraction these tests feed the store is reviewed in extract's own snapshots
//! (`crates/extract/tests/snapshots/*001*`); the values asserted here were read from it and
//! checked against the text of `corpus/seeds/001_a6818095697d7a7c.txt`. The corpus-level tests
//! (`tests/graph_*.rs` at the repository root) run the CLI over the whole corpus.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, Term};
use policykg_extract::{process_bytes, process_path, Processed, Role, RoleBasis};
use policykg_graph::iri::{fingerprint, Iris};
use policykg_graph::mapping::{map_extraction, MappedDocument};
use policykg_graph::query::select;
use policykg_graph::vocab::pkg;
use policykg_graph::{GraphStore, Mode, SourceRecord, WriteOutcome};
use policykg_ontology::Ontology;
use policykg_read::Limits;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const SEED_001: &str = "corpus/seeds/001_a6818095697d7a7c.txt";

fn seed_001() -> String {
    std::fs::read_to_string(repo().join(SEED_001)).unwrap()
}

/// Seed 001 through the real pipeline, as `ingest` reads a file.
fn seed_001_processed() -> Processed {
    process_path(
        &repo().join(SEED_001),
        Ontology::bundled(),
        &Limits::default(),
    )
    .unwrap()
}

/// An edited text through the real pipeline, as `ingest` reads the bytes of a changed file.
fn processed_text(label: &str, text: &str) -> Processed {
    process_bytes(
        label,
        text.as_bytes(),
        Ontology::bundled(),
        &Limits::default(),
    )
    .unwrap()
}

/// Maps a processed file the way `ingest::prepare_bytes` does.
fn mapped(p: &Processed, iris: &Iris) -> MappedDocument {
    map_extraction(
        &p.extraction,
        &fingerprint(&p.parsed.document.text),
        iris,
        Ontology::bundled(),
    )
}

/// The 11 tasks whose responsibility parenthesis lists 省经济和信息化厅 first (items 2, 6, 7,
/// 8, 9, 11, 13, 15, 16, 17 and 20 of seed 001).
const LED_BY_ECONOMY_DEPARTMENT: [&str; 11] = [
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

/// Seed 001's second statement of item 1, with its responsibility parenthesis.
const ITEM_1_SECOND_STATEMENT: &str = "加快科技成果转化与知识产权运用，支持高校科研人员等重点群体运用专利创新创业。（省教育厅、省科技厅、省市场监管局按职责分工负责）";

fn source(key: &str, content: &str) -> SourceRecord {
    SourceRecord {
        key: key.into(),
        content_hash: policykg_graph::iri::sha256_hex(content.as_bytes()),
        encoding: "UTF-8".into(),
        root: None,
        pipeline: policykg_graph::pipeline_version(Ontology::bundled()),
        replaces: Vec::new(),
    }
}

fn store() -> (tempfile::TempDir, GraphStore) {
    let dir = tempfile::tempdir().unwrap();
    let gs = GraphStore::open(&dir.path().join("store"), Mode::ReadWrite, None).unwrap();
    gs.publish_reference(Ontology::bundled()).unwrap();
    (dir, gs)
}

fn strings(rows: &[Vec<Option<Term>>], col: usize) -> Vec<String> {
    rows.iter()
        .map(|r| match &r[col] {
            Some(Term::Literal(l)) => l.value().to_owned(),
            Some(t) => t.to_string(),
            None => String::new(),
        })
        .collect()
}

const LED_BY_ALIAS: &str = r#"
SELECT ?task ?id ?basis WHERE {
  ?agency skos:altLabel "省经信厅"@zh ;
          dcterms:spatial/skos:prefLabel "安徽省"@zh .
  ?task pkg:assignment ?ra ; pkg:taskId ?id .
  ?ra pkg:agency ?agency ; pkg:role pkg:Lead ; pkg:roleBasis ?basis .
}"#;

#[test]
fn the_extraction_reads_seed_001_as_written() {
    let text = seed_001();
    let p = seed_001_processed();
    assert_eq!(p.parsed.document.text, text, "plain UTF-8 is read as is");
    let x = &p.extraction;
    // 20 numbered items; items 1 and 3 hold three and two responsibility statements; the two
    // items of 一、总体要求 (指导思想, 主要目标) frame the measures and are no tasks: 23 tasks,
    // all with agencies.
    let ids: Vec<&str> = x.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 23);
    assert_eq!(
        ids[..5],
        [
            "二/（一）/1#1",
            "二/（一）/1#2",
            "二/（一）/1#3",
            "二/（一）/2",
            "二/（二）/3#1"
        ]
    );
    assert_eq!(ids[22], "三/20");
    assert_eq!(
        x.tasks.iter().filter(|t| !t.agencies.is_empty()).count(),
        23
    );
    assert_eq!(x.tasks.iter().map(|t| t.agencies.len()).sum::<usize>(), 83);
    // The document never marks a lead: the first listed agency leads.
    let mut led: Vec<&str> = x
        .tasks
        .iter()
        .filter(|t| {
            t.agencies.first().is_some_and(|a| {
                a.name == "安徽省经济和信息化厅"
                    && a.role == Role::Lead
                    && a.basis == RoleBasis::FirstListed
            })
        })
        .map(|t| t.id.as_str())
        .collect();
    led.sort_unstable();
    let mut want = LED_BY_ECONOMY_DEPARTMENT;
    want.sort_unstable();
    assert_eq!(led, want);
    // （省发展改革委、省科技厅、省经济和信息化厅、省人力资源社会保障厅、省地方金融监管局等…）
    let first = &x.tasks[0];
    assert_eq!(first.id, "二/（一）/1#1");
    assert!(first.open_list, "the list ends in 等");
    let a = &first.agencies;
    assert_eq!(a.len(), 5);
    assert_eq!(
        (a[0].mention.as_str(), a[0].name.as_str()),
        ("省发展改革委", "安徽省发展和改革委员会")
    );
    assert_eq!(a[2].name, "安徽省经济和信息化厅");
    let chars: Vec<char> = text.chars().collect();
    let s = a[2].span;
    assert_eq!((s.start, s.end), (628, 636));
    assert_eq!(
        chars[s.start..s.end].iter().collect::<String>(),
        "省经济和信息化厅"
    );
    assert_eq!(
        (x.targets.len(), x.amounts.len(), x.citations.len()),
        (24, 15, 1)
    );
}

#[test]
fn alias_query_finds_the_11_tasks_led_by_the_anhui_economy_department() {
    let text = seed_001();
    let p = seed_001_processed();
    let (_dir, gs) = store();
    let doc = mapped(&p, gs.iris());
    assert_eq!(
        gs.write(&doc, &source("/corpus/001.txt", &text)).unwrap(),
        WriteOutcome::Added
    );
    let (_, rows) = select(gs.store(), LED_BY_ALIAS, "test").unwrap();
    let mut got: Vec<(String, String)> = strings(&rows, 0)
        .into_iter()
        .zip(strings(&rows, 1))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = LED_BY_ECONOMY_DEPARTMENT
        .iter()
        .map(|id| {
            (
                format!("<{}/task/{id}>", doc.expression.as_str()),
                id.to_string(),
            )
        })
        .collect();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(
        strings(&rows, 2),
        vec!["<https://policykg.org/ns#BasisFirstListed>"; 11]
    );
}

#[test]
fn every_task_target_and_amount_points_back_to_its_span() {
    let text = seed_001();
    let p = seed_001_processed();
    let (_dir, gs) = store();
    let doc = mapped(&p, gs.iris());
    gs.write(&doc, &source("/corpus/001.txt", &text)).unwrap();
    let (_, rows) = select(
        gs.store(),
        "SELECT ?thing ?text ?start ?end WHERE {
           ?thing pkg:text ?text ; prov:wasDerivedFrom ?r .
           ?r oa:hasSource ?e ; oa:hasSelector [ oa:start ?start ; oa:end ?end ] .
           ?e a eli:LegalExpression .
         }",
        "test",
    )
    .unwrap();
    // 23 tasks, 24 targets, 15 amounts.
    assert_eq!(rows.len(), 23 + 24 + 15);
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let v = strings(std::slice::from_ref(r), 1)[0].clone();
        let start: usize = strings(std::slice::from_ref(r), 2)[0].parse().unwrap();
        let end: usize = strings(std::slice::from_ref(r), 3)[0].parse().unwrap();
        assert_eq!(chars[start..end].iter().collect::<String>(), v);
    }
    // Money is an exact decimal in yuan, tied to the item that grants it.
    let (_, rows) = select(
        gs.store(),
        "SELECT ?task ?v WHERE { ?a a schema:MonetaryAmount ; schema:value ?v ;
           schema:currency \"CNY\" ; pkg:task/pkg:taskId ?task }",
        "test",
    )
    .unwrap();
    let mut got: Vec<(String, String)> = strings(&rows, 0)
        .into_iter()
        .zip(strings(&rows, 1))
        .collect();
    got.sort();
    let mut want: Vec<(String, String)> = [
        // 对省培育认定的专精特新冠军企业给予一次性奖补80万元; 小巨人 / 单项冠军 100万元、200万元,
        // twice (awarded and moved in).
        ("二/（一）/2", "800000"),
        ("二/（一）/2", "1000000"),
        ("二/（一）/2", "2000000"),
        ("二/（一）/2", "1000000"),
        ("二/（一）/2", "2000000"),
        // 对企业级工业互联网平台给予一次性奖补100万元
        ("二/（三）/6", "1000000"),
        // 3A、4A、5A级 … 50万元、100万元、150万元
        ("二/（三）/7", "500000"),
        ("二/（三）/7", "1000000"),
        ("二/（三）/7", "1500000"),
        // “专精特新板”挂牌的企业给予一次性奖补20万元
        ("二/（四）/11", "200000"),
        // 对国家级公共服务示范平台给予100万元奖补
        ("二/（六）/16", "1000000"),
    ]
    .iter()
    .map(|(t, v)| (t.to_string(), v.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want);
    // A bound is exact too: 不少于4000亿元.
    let (_, rows) = select(
        gs.store(),
        "SELECT ?task ?min WHERE { ?a a schema:MonetaryAmount ; schema:minValue ?min ;
           pkg:comparator pkg:AtLeast ; pkg:task/pkg:taskId ?task }",
        "test",
    )
    .unwrap();
    assert_eq!(
        (strings(&rows, 0), strings(&rows, 1)),
        (
            vec!["二/（四）/9".to_owned()],
            vec!["400000000000".to_owned()]
        )
    );
}

#[test]
fn mapping_is_deterministic_and_counts_its_triples() {
    let p = seed_001_processed();
    let iris = Iris::default();
    let a = mapped(&p, &iris);
    let b = mapped(&p, &iris);
    assert_eq!(a.quads, b.quads);
    assert_eq!(
        a.work.as_str(),
        "https://policykg.org/id/work/title/安徽省/安徽省专精特新中小企业倍增行动方案"
    );
    assert!(a
        .expression
        .as_str()
        .starts_with("https://policykg.org/id/expr/"));
    assert_eq!(
        (
            a.stats.tasks,
            a.stats.assignments,
            a.stats.targets,
            a.stats.amounts,
            a.stats.citations
        ),
        (23, 83, 24, 15, 1)
    );
    let count = a
        .quads
        .iter()
        .find(|q| q.predicate == pkg::TRIPLE_COUNT)
        .unwrap();
    match &count.object {
        Term::Literal(l) => assert_eq!(l.value(), a.quads.len().to_string()),
        other => panic!("tripleCount is {other}"),
    }
    assert!(a
        .quads
        .iter()
        .all(|q| q.graph_name == GraphNameRef::NamedNode(a.expression.as_ref()).into_owned()));
    // Another base IRI moves everything under it.
    let other = Iris::new("https://example.org/kg/").unwrap();
    let c = mapped(&p, &other);
    assert!(c
        .expression
        .as_str()
        .starts_with("https://example.org/kg/expr/"));
    assert_eq!(a.quads.len(), c.quads.len());
}

#[test]
fn unchanged_is_a_no_op_and_a_copy_of_the_same_text_counts_once() {
    let text = seed_001();
    let p = seed_001_processed();
    let (_dir, gs) = store();
    let doc = mapped(&p, gs.iris());
    let utf8 = source("/corpus/001.txt", &text);
    assert_eq!(gs.write(&doc, &utf8).unwrap(), WriteOutcome::Added);
    let len = gs.store().len().unwrap();
    assert!(gs.is_unchanged(&utf8).unwrap());
    assert_eq!(gs.write(&doc, &utf8).unwrap(), WriteOutcome::Unchanged);
    assert_eq!(gs.store().len().unwrap(), len);

    // The corpus's GBK copy: other bytes, other file, the same text after decoding.
    let gbk_path = repo().join("corpus/encodings/001_a6818095697d7a7c.gbk.txt");
    let gbk_bytes = std::fs::read(&gbk_path).unwrap();
    let g = process_path(&gbk_path, Ontology::bundled(), &Limits::default()).unwrap();
    assert_eq!(g.parsed.document.encoding.name, "GBK");
    let copy = mapped(&g, gs.iris());
    assert_eq!(copy.expression, doc.expression);
    let gbk = SourceRecord {
        key: "/corpus/encodings/001.gbk.txt".into(),
        content_hash: policykg_graph::iri::sha256_hex(&gbk_bytes),
        encoding: "GBK".into(),
        root: None,
        pipeline: policykg_graph::pipeline_version(Ontology::bundled()),
        replaces: Vec::new(),
    };
    assert_ne!(gbk.content_hash, utf8.content_hash);
    assert_eq!(gs.write(&copy, &gbk).unwrap(), WriteOutcome::SameText);
    let counts = gs.counts(false).unwrap();
    assert_eq!((counts.documents, counts.source_files), (1, 2));
    assert_eq!(counts.tasks, 23);
    let v = gs.verify().unwrap();
    assert_eq!(v.whole_documents, 1);
    assert!(
        v.broken.is_empty() && v.dangling_sources.is_empty(),
        "{v:?}"
    );
}

#[test]
fn a_changed_file_replaces_its_graph_and_leaves_no_orphans() {
    let text = seed_001();
    let p = seed_001_processed();
    let (_dir, gs) = store();
    let src = source("/corpus/001.txt", &text);
    let old = mapped(&p, gs.iris());
    gs.write(&old, &src).unwrap();

    // The file is edited: one statement of item 1 dropped (one task fewer), a new title (so
    // another policy too).
    assert!(text.contains(ITEM_1_SECOND_STATEMENT));
    let edited = text.replacen(ITEM_1_SECOND_STATEMENT, "", 1).replace(
        "安徽省专精特新中小企业倍增行动方案",
        "安徽省专精特新中小企业倍增行动方案（修订）",
    );
    let q = processed_text("/corpus/001.txt", &edited);
    assert_eq!(
        q.extraction.title.as_deref(),
        Some("安徽省专精特新中小企业倍增行动方案（修订）")
    );
    let item_1: Vec<&str> = q
        .extraction
        .tasks
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| id.starts_with("二/（一）/1#"))
        .collect();
    assert_eq!(item_1, ["二/（一）/1#1", "二/（一）/1#2"]);
    let new = mapped(&q, gs.iris());
    assert_ne!(new.expression, old.expression);
    assert_eq!(
        gs.write(&new, &source("/corpus/001.txt", &edited)).unwrap(),
        WriteOutcome::Replaced
    );
    let s = gs.store();
    assert!(!s.contains_named_graph(&old.expression).unwrap());
    assert!(s.contains_named_graph(&new.expression).unwrap());
    let counts = gs.counts(false).unwrap();
    assert_eq!((counts.documents, counts.source_files), (1, 1));
    assert_eq!(counts.tasks, 22);
    // The old policy is gone from the works graph; the new one is there.
    let (_, rows) = select(s, "SELECT ?w WHERE { ?w a eli:LegalResource }", "t").unwrap();
    assert_eq!(strings(&rows, 0), [format!("<{}>", new.work.as_str())]);
    let v = gs.verify().unwrap();
    assert_eq!((v.whole_documents, v.broken.len()), (1, 0));
}

#[test]
fn agencies_are_stated_once_across_documents_and_the_gazetteer() {
    let text = seed_001();
    let p = seed_001_processed();
    let (_dir, gs) = store();
    gs.write(&mapped(&p, gs.iris()), &source("/a.txt", &text))
        .unwrap();
    // A second, different document (another title, so another policy) naming the same agencies.
    let other = text.replace("安徽省专精特新中小企业倍增行动方案", "另一个通知");
    let q = processed_text("/b.txt", &other);
    assert_eq!(q.extraction.title.as_deref(), Some("另一个通知"));
    assert_eq!(q.extraction.tasks.len(), 23);
    let second = mapped(&q, gs.iris());
    assert_eq!(
        gs.write(&second, &source("/b.txt", &other)).unwrap(),
        WriteOutcome::Added
    );
    assert_eq!(gs.counts(false).unwrap().documents, 2);
    let (_, rows) = select(
        gs.store(),
        "SELECT ?label WHERE { ?a skos:prefLabel ?label FILTER(STR(?label) = \"安徽省经济和信息化厅\") }",
        "t",
    )
    .unwrap();
    assert_eq!(rows.len(), 1, "one prefLabel in the union graph");
    let (_, rows) = select(
        gs.store(),
        "SELECT ?l WHERE { <https://policykg.org/id/agency/安徽省经济和信息化厅> skos:altLabel ?l } ORDER BY ?l",
        "t",
    )
    .unwrap();
    let aliases = strings(&rows, 0);
    assert!(aliases.contains(&"省经信厅".to_owned()), "{aliases:?}");
    assert!(
        aliases.contains(&"省经济和信息化厅".to_owned()),
        "{aliases:?}"
    );
    let mut dedup = aliases.clone();
    dedup.dedup();
    assert_eq!(dedup, aliases, "no alias stated twice");
}

#[test]
fn a_store_keeps_its_base_iri() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    drop(GraphStore::open(&path, Mode::ReadWrite, Some("https://example.org/kg/")).unwrap());
    let gs = GraphStore::open(&path, Mode::ReadOnly, None).unwrap();
    assert_eq!(gs.iris().base(), "https://example.org/kg/");
    drop(gs);
    let err = GraphStore::open(&path, Mode::ReadWrite, Some("https://policykg.org/id/"))
        .err()
        .unwrap();
    let msg = err.to_string();
    assert!(
        msg.contains("https://example.org/kg/") && msg.contains("--base-iri"),
        "{msg}"
    );
}

#[test]
fn the_vocabulary_documents_every_own_term() {
    let store = oxigraph::store::Store::new().unwrap();
    let iris = Iris::default();
    store
        .extend(policykg_graph::publish::vocabulary_quads(&iris).unwrap())
        .unwrap();
    let (_, rows) = select(
        &store,
        "SELECT ?term (SAMPLE(?zh) AS ?z) (SAMPLE(?en) AS ?e) (SAMPLE(?c) AS ?comment) WHERE {
           ?term a ?type .
           FILTER(STRSTARTS(STR(?term), \"https://policykg.org/ns#\"))
           OPTIONAL { ?term rdfs:label ?zh FILTER(LANG(?zh) = \"zh\") }
           OPTIONAL { ?term rdfs:label ?en FILTER(LANG(?en) = \"en\") }
           OPTIONAL { ?term rdfs:comment ?c }
         } GROUP BY ?term",
        "t",
    )
    .unwrap();
    let mut defined = std::collections::BTreeSet::new();
    for r in &rows {
        let term = r[0].as_ref().unwrap().to_string();
        for (i, what) in [
            (1, "a Chinese label"),
            (2, "an English label"),
            (3, "a comment"),
        ] {
            assert!(r[i].is_some(), "{term} has no {what}");
        }
        defined.insert(term);
    }
    for t in pkg::ALL {
        assert!(
            defined.contains(&NamedNode::from(*t).to_string()),
            "{t} is used by the mapping but not defined in ontology/policykg.ttl"
        );
    }
    assert!(defined.len() >= pkg::ALL.len());
}

/// A task's deadline (dev document 006, 国办发〔2018〕128号: "开展评估总结。2021年3月底前，试点
/// 城市政府…") becomes its words, its kind and its last day as an xsd:date.
#[test]
fn a_task_deadline_is_its_words_kind_and_last_day() {
    let p = process_path(
        &repo().join("corpus/dev/006_guobanfa2018-128_wufei_chengshi.html"),
        Ontology::bundled(),
        &Limits::default(),
    )
    .unwrap();
    let m = mapped(&p, &Iris::default());
    let task = p
        .extraction
        .tasks
        .iter()
        .find(|t| t.text.starts_with("开展评估总结。"))
        .unwrap();
    let t = policykg_graph::iri::task(&m.expression, &task.id).to_string();
    let subject = |q: &oxigraph::model::Quad| q.subject.to_string() == t;
    let object = |p: oxigraph::model::NamedNodeRef| -> Vec<String> {
        m.quads
            .iter()
            .filter(|q| q.predicate == p && subject(q))
            .map(|q| q.object.to_string())
            .collect()
    };
    assert_eq!(
        object(pkg::DEADLINE),
        ["\"2021-03-31\"^^<http://www.w3.org/2001/XMLSchema#date>"]
    );
    assert_eq!(object(pkg::DEADLINE_TEXT), ["\"2021年3月底前\"@zh"]);
    assert_eq!(
        object(pkg::DEADLINE_KIND),
        [NamedNode::from(pkg::DATED_DEADLINE).to_string()]
    );
    // Tasks without one have none of the three.
    let all = m
        .quads
        .iter()
        .filter(|q| q.predicate == pkg::DEADLINE_TEXT)
        .count();
    assert_eq!(
        all,
        p.extraction
            .tasks
            .iter()
            .filter(|t| t.deadline.is_some())
            .count()
    );
}
