//! The mapping and the store on real text: an extraction built by hand from seed 001 (its 23
//! responsibility parentheses, resolved with the real gazetteer), written into a RocksDB store in
//! a temp directory, and asked through SPARQL.
//!
//! These tests do not depend on the extraction stage: they hold the graph stage to the
//! `Extraction` contract. The corpus-level tests (`tests/graph_*.rs` at the repository root) run
//! the whole pipeline.

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedNode, Term};
use policykg_extract::{
    AgencyRole, Amount, AmountKind, Comparator, Extraction, Role, RoleBasis, RoleConvention,
    StatementStyle, Target, Task, TaskOrigin,
};
use policykg_graph::iri::{fingerprint, Iris};
use policykg_graph::mapping::map_extraction;
use policykg_graph::query::select;
use policykg_graph::vocab::pkg;
use policykg_graph::{GraphStore, Mode, SourceRecord, WriteOutcome};
use policykg_ontology::Ontology;
use policykg_read::Span;
use rust_decimal::Decimal;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed_001() -> String {
    std::fs::read_to_string(repo().join("corpus/seeds/001_a6818095697d7a7c.txt")).unwrap()
}

/// Character offset of the `n`-th byte offset.
fn chars_before(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// An extraction of seed 001 built by hand: one task per responsibility parenthesis
/// "（A、B，各市人民政府按职责分工负责）", the first listed agency leading by convention (the document
/// never marks a lead), names resolved with the bundled gazetteer in 安徽省.
fn seed_001_extraction(text: &str) -> Extraction {
    let ontology = Ontology::bundled();
    let anhui = ontology.jurisdictions.get("安徽省").unwrap();
    let mut tasks = Vec::new();
    let mut search = 0;
    let tail = "按职责分工负责）";
    while let Some(end) = text[search..].find(tail).map(|i| search + i) {
        let open = text[..end].rfind('（').unwrap();
        let list = &text[open + '（'.len_utf8()..end];
        let sentence_start = text[..open]
            .rfind(['。', '）', '\n'])
            .map(|i| i + text[i..].chars().next().unwrap().len_utf8())
            .unwrap_or(0);
        let mut agencies = Vec::new();
        let mut offset = open + '（'.len_utf8();
        for (i, raw) in list.split(['、', '，']).enumerate() {
            let mention = raw.trim_end_matches('等');
            let r = ontology
                .gazetteer
                .resolve(mention, Some(anhui), &ontology.jurisdictions);
            let start = chars_before(text, offset);
            agencies.push(AgencyRole {
                name: r.canonical.clone(),
                mention: mention.to_owned(),
                role: if i == 0 { Role::Lead } else { Role::Support },
                basis: RoleBasis::FirstListed,
                collective: r.collective,
                known: r.known,
                span: Span::new(start, start + mention.chars().count()),
                kind: r.kind,
                jurisdiction: r.jurisdiction.clone(),
                parent: r.parent.clone(),
            });
            offset += raw.len() + '、'.len_utf8();
        }
        let n = tasks.len() + 1;
        let end_all = end + tail.len();
        tasks.push(Task {
            id: format!("p{n}"),
            path: format!("p/{n}"),
            heading: String::new(),
            text: text[sentence_start..end_all].to_owned(),
            span: Span::new(
                chars_before(text, sentence_start),
                chars_before(text, end_all),
            ),
            origin: TaskOrigin::Statement,
            agencies,
            open_list: list.contains('等'),
            responsibility_style: Some(StatementStyle::Parenthesis),
            responsibility_span: Some(Span::new(
                chars_before(text, open),
                chars_before(text, end_all),
            )),
            remarks: vec![],
        });
        search = end_all;
    }
    let target_text = "省级专精特新企业5000家以上";
    let t = text.find(target_text).unwrap();
    let amount_text = "给予一次性奖补80万元";
    let a = text.find(amount_text).unwrap();
    Extraction {
        source: "corpus/seeds/001_a6818095697d7a7c.txt".into(),
        encoding: "UTF-8".into(),
        title: Some("安徽省专精特新中小企业倍增行动方案".into()),
        status: None,
        doc_number: None,
        date: Some("2022-02-17".into()),
        issuers: vec!["安徽省人民政府办公厅".into()],
        jurisdiction: Some("安徽省".into()),
        addressees: vec![
            "各市人民政府".into(),
            "省政府各部门".into(),
            "各直属机构".into(),
        ],
        citations: vec![],
        convention: RoleConvention::FirstListed,
        targets: vec![Target {
            task: None,
            metric: "省级专精特新企业".into(),
            value: Some(Decimal::from(5000)),
            min: None,
            max: None,
            unit: "家".into(),
            comparator: Comparator::AtLeast,
            year: Some(2025),
            period: None,
            within_years: None,
            text: target_text.into(),
            span: Span::new(
                chars_before(text, t),
                chars_before(text, t) + target_text.chars().count(),
            ),
            value_span: Span::new(chars_before(text, t) + 8, chars_before(text, t) + 13),
            unit_kind: None,
            scale: None,
            qualifier: None,
            item: None,
        }],
        amounts: vec![Amount {
            task: Some("p4".into()),
            yuan: Some(Decimal::from(800_000)),
            min_yuan: None,
            max_yuan: None,
            kind: AmountKind::Subsidy,
            cap: None,
            floor: None,
            rate: None,
            one_off: true,
            per_capita: false,
            recipient: Some("省培育认定的专精特新冠军企业".into()),
            text: amount_text.into(),
            span: Span::new(
                chars_before(text, a),
                chars_before(text, a) + amount_text.chars().count(),
            ),
            value_span: Span::new(chars_before(text, a) + 7, chars_before(text, a) + 11),
            item: None,
            per: None,
            period: None,
            condition: None,
        }],
        tasks,
        warnings: vec![],
    }
}

fn source(key: &str, content: &str) -> SourceRecord {
    SourceRecord {
        key: key.into(),
        content_hash: policykg_graph::iri::sha256_hex(content.as_bytes()),
        encoding: "UTF-8".into(),
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
SELECT ?task ?basis WHERE {
  ?agency skos:altLabel "省经信厅"@zh ;
          dcterms:spatial/skos:prefLabel "安徽省"@zh .
  ?task pkg:assignment ?ra .
  ?ra pkg:agency ?agency ; pkg:role pkg:Lead ; pkg:roleBasis ?basis .
} ORDER BY ?task"#;

#[test]
fn the_fixture_reads_seed_001_as_written() {
    let text = seed_001();
    let x = seed_001_extraction(&text);
    assert_eq!(x.tasks.len(), 23, "responsibility parentheses in seed 001");
    let first = &x.tasks[0].agencies;
    assert_eq!(first[0].mention, "省发展改革委");
    assert_eq!(first[2].name, "安徽省经济和信息化厅");
    let chars: Vec<char> = text.chars().collect();
    let s = first[2].span;
    assert_eq!(
        chars[s.start..s.end].iter().collect::<String>(),
        "省经济和信息化厅"
    );
}

#[test]
fn alias_query_finds_the_11_tasks_led_by_the_anhui_economy_department() {
    let text = seed_001();
    let x = seed_001_extraction(&text);
    let (_dir, gs) = store();
    let doc = map_extraction(&x, &fingerprint(&text), gs.iris(), Ontology::bundled());
    assert_eq!(
        gs.write(&doc, &source("/corpus/001.txt", &text)).unwrap(),
        WriteOutcome::Added
    );
    let (_, rows) = select(gs.store(), LED_BY_ALIAS, "test").unwrap();
    let tasks = strings(&rows, 0);
    // Parentheses 4, 9, 10, 11, 12, 14, 16, 18, 19, 20 and 23 of seed 001 list
    // 省经济和信息化厅 first.
    let expected: Vec<String> = [4, 9, 10, 11, 12, 14, 16, 18, 19, 20, 23]
        .iter()
        .map(|n| format!("{}/task/p{n}", doc.expression.as_str()))
        .collect();
    let mut got = tasks.clone();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|e| format!("<{e}>")).collect();
    want.sort();
    assert_eq!(got, want);
    assert!(strings(&rows, 1)
        .iter()
        .all(|b| b == "<https://policykg.org/ns#BasisFirstListed>"));
}

#[test]
fn every_task_target_and_amount_points_back_to_its_span() {
    let text = seed_001();
    let x = seed_001_extraction(&text);
    let (_dir, gs) = store();
    let doc = map_extraction(&x, &fingerprint(&text), gs.iris(), Ontology::bundled());
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
    assert_eq!(rows.len(), 23 + 1 + 1);
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let v = strings(std::slice::from_ref(r), 1)[0].clone();
        let start: usize = strings(std::slice::from_ref(r), 2)[0].parse().unwrap();
        let end: usize = strings(std::slice::from_ref(r), 3)[0].parse().unwrap();
        assert_eq!(chars[start..end].iter().collect::<String>(), v);
    }
    // Money is an exact decimal in yuan.
    let (_, rows) = select(
        gs.store(),
        "SELECT ?v ?task WHERE { ?a a schema:MonetaryAmount ; schema:value ?v ;
           schema:currency \"CNY\" ; pkg:task/pkg:taskId ?task }",
        "test",
    )
    .unwrap();
    assert_eq!(strings(&rows, 0), ["800000"]);
    assert_eq!(strings(&rows, 1), ["p4"]);
}

#[test]
fn mapping_is_deterministic_and_counts_its_triples() {
    let text = seed_001();
    let x = seed_001_extraction(&text);
    let iris = Iris::default();
    let a = map_extraction(&x, &fingerprint(&text), &iris, Ontology::bundled());
    let b = map_extraction(&x, &fingerprint(&text), &iris, Ontology::bundled());
    assert_eq!(a.quads, b.quads);
    assert_eq!(
        a.work.as_str(),
        "https://policykg.org/id/work/title/安徽省/安徽省专精特新中小企业倍增行动方案"
    );
    assert!(a
        .expression
        .as_str()
        .starts_with("https://policykg.org/id/expr/"));
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
    let c = map_extraction(&x, &fingerprint(&text), &other, Ontology::bundled());
    assert!(c
        .expression
        .as_str()
        .starts_with("https://example.org/kg/expr/"));
    assert_eq!(a.quads.len(), c.quads.len());
}

#[test]
fn unchanged_is_a_no_op_and_a_copy_of_the_same_text_counts_once() {
    let text = seed_001();
    let x = seed_001_extraction(&text);
    let (_dir, gs) = store();
    let doc = map_extraction(&x, &fingerprint(&text), gs.iris(), Ontology::bundled());
    let utf8 = source("/corpus/001.txt", &text);
    assert_eq!(gs.write(&doc, &utf8).unwrap(), WriteOutcome::Added);
    let len = gs.store().len().unwrap();
    assert!(gs.is_unchanged(&utf8).unwrap());
    assert_eq!(gs.write(&doc, &utf8).unwrap(), WriteOutcome::Unchanged);
    assert_eq!(gs.store().len().unwrap(), len);

    // A GBK copy: other bytes, other file, same text after decoding (and another layout).
    let relaid = text.replace('\n', "\r\n");
    let mut gbk_x = x.clone();
    gbk_x.source = "corpus/encodings/001.gbk.txt".into();
    gbk_x.encoding = "GBK".into();
    let copy = map_extraction(
        &gbk_x,
        &fingerprint(&relaid),
        gs.iris(),
        Ontology::bundled(),
    );
    assert_eq!(copy.expression, doc.expression);
    let gbk = SourceRecord {
        key: "/corpus/encodings/001.gbk.txt".into(),
        content_hash: "0".repeat(64),
        encoding: "GBK".into(),
    };
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
    let x = seed_001_extraction(&text);
    let (_dir, gs) = store();
    let src = source("/corpus/001.txt", &text);
    let old = map_extraction(&x, &fingerprint(&text), gs.iris(), Ontology::bundled());
    gs.write(&old, &src).unwrap();

    // The file is edited: one task fewer, a new title (so another policy too).
    let edited = text.replacen("（省经济和信息化厅，各市人民政府按职责分工负责）", "", 1);
    let mut y = seed_001_extraction(&edited);
    y.title = Some("安徽省专精特新中小企业倍增行动方案（修订）".into());
    let new = map_extraction(&y, &fingerprint(&edited), gs.iris(), Ontology::bundled());
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
    let x = seed_001_extraction(&text);
    let (_dir, gs) = store();
    gs.write(
        &map_extraction(&x, &fingerprint(&text), gs.iris(), Ontology::bundled()),
        &source("/a.txt", &text),
    )
    .unwrap();
    // A second, different document naming the same agencies.
    let other = format!("{text}\n附：无。");
    let mut y = seed_001_extraction(&other);
    y.title = Some("另一个通知".into());
    gs.write(
        &map_extraction(&y, &fingerprint(&other), gs.iris(), Ontology::bundled()),
        &source("/b.txt", &other),
    )
    .unwrap();
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
