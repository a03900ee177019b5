//! The assembled extraction: targets and amounts linked to the task whose text holds them,
//! canonical issuers, and the JSONL contract (exact decimal numbers, the documented keys).

#[path = "../../../tests/common/corpus.rs"]
mod corpus_common;

use policykg_extract::{extract, Extraction, Role, RoleBasis};
use policykg_ontology::Ontology;
use rust_decimal::Decimal;

fn run(rel: &str) -> Extraction {
    let o = Ontology::bundled();
    let path = corpus_common::corpus_dir().join(rel);
    let doc = policykg_read::read_path(&path, &policykg_read::Limits::default()).unwrap();
    extract(&policykg_outline::parse(doc, o), o)
}

/// (task, yuan, cap, floor)
type AmountRow<'a> = (
    Option<&'a str>,
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
);

fn yuan(n: i64) -> Option<Decimal> {
    Some(Decimal::from(n))
}

#[test]
fn seed_001_links_every_fact_to_its_task() {
    let x = run("seeds/001_a6818095697d7a7c.txt");
    assert_eq!(x.issuers, ["安徽省人民政府办公厅"]);
    assert_eq!(x.jurisdiction.as_deref(), Some("安徽省"));
    assert_eq!(x.date.as_deref(), Some("2022-02-17"));

    // 23 responsibility statements (items 1 and 3 hold several, each its own task: 1#1–#3,
    // 3#1–#2), 11 of them led by 安徽省经济和信息化厅 as first listed; the framing sections
    // （一）指导思想 and （二）主要目标 are no tasks.
    let statements = x.tasks.iter().filter(|t| !t.agencies.is_empty()).count();
    assert_eq!((x.tasks.len(), statements), (23, 23));
    let led: Vec<&str> = x
        .tasks
        .iter()
        .filter(|t| {
            t.agencies.iter().any(|a| {
                a.name == "安徽省经济和信息化厅"
                    && a.role == Role::Lead
                    && a.basis == RoleBasis::FirstListed
            })
        })
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(
        led,
        [
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
            "三/20"
        ]
    );

    // The 15 amounts, each in the task whose text holds it.
    let amounts: Vec<AmountRow> = x
        .amounts
        .iter()
        .map(|a| (a.task.as_deref(), a.yuan, a.cap, a.floor))
        .collect();
    let t = Some;
    assert_eq!(
        amounts,
        [
            (t("二/（一）/2"), yuan(800_000), None, None),
            (t("二/（一）/2"), yuan(1_000_000), None, None),
            (t("二/（一）/2"), yuan(2_000_000), None, None),
            (t("二/（一）/2"), yuan(1_000_000), None, None),
            (t("二/（一）/2"), yuan(2_000_000), None, None),
            (t("二/（三）/6"), yuan(1_000_000), None, None),
            (t("二/（三）/6"), None, yuan(1_000_000), None),
            (t("二/（三）/7"), yuan(500_000), None, None),
            (t("二/（三）/7"), yuan(1_000_000), None, None),
            (t("二/（三）/7"), yuan(1_500_000), None, None),
            (t("二/（三）/7"), None, yuan(1_000_000), None),
            (t("二/（三）/8"), None, yuan(5_000_000), None),
            (t("二/（四）/9"), None, None, yuan(400_000_000_000)),
            (t("二/（四）/11"), yuan(200_000), None, None),
            (t("二/（六）/16"), yuan(1_000_000), None, None),
        ]
    );

    // The 2025 goals are stated in （二）主要目标, which frames the measures and is no task: they
    // are the document's, linked to no task; the yearly ones belong to item 2.
    let target = |metric: &str| {
        x.targets
            .iter()
            .find(|t| t.metric == metric)
            .unwrap_or_else(|| panic!("no target {metric}"))
    };
    for (metric, value) in [
        ("省级专精特新企业", 5000),
        ("国家级专精特新“小巨人”企业", 500),
        ("国家级单项冠军企业", 50),
    ] {
        let t = target(metric);
        assert_eq!(
            (t.task.as_deref(), t.value, t.year),
            (None, yuan(value), Some(2025))
        );
    }
    assert_eq!(
        target("创新型中小企业").task.as_deref(),
        Some("二/（一）/2")
    );
    // Every other target of this notice sits inside some task.
    assert!(x
        .targets
        .iter()
        .filter(|t| t.year != Some(2025))
        .all(|t| t.task.is_some()));
}

#[test]
fn seed_004_paired_caps_sit_in_the_policy_support_item() {
    let x = run("seeds/004_1fa6e42cb493e32d.txt");
    let caps: Vec<(Option<&str>, Option<Decimal>, Option<&str>)> = x
        .amounts
        .iter()
        .filter(|a| a.cap.is_some())
        .map(|a| (a.task.as_deref(), a.cap, a.recipient.as_deref()))
        .collect();
    assert_eq!(
        caps,
        [
            (Some("三/（二）"), yuan(1_000_000), Some("市内研制单位")),
            (Some("三/（二）"), yuan(500_000), Some("市内研制单位")),
            (Some("三/（二）"), yuan(200_000), Some("市内研制单位")),
        ]
    );
}

#[test]
fn jsonl_keeps_the_contract_and_exact_numbers() {
    let x = run("seeds/001_a6818095697d7a7c.txt");
    let line = serde_json::to_string(&x).unwrap();
    assert!(!line.contains('\n'));
    // Exact integers, never floats: 4000亿元 is written out in full.
    assert!(line.contains(r#""floor":400000000000"#), "{line}");
    assert!(!line.contains("e+"));
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    for key in [
        "source",
        "encoding",
        "title",
        "doc_number",
        "date",
        "issuers",
        "jurisdiction",
        "addressees",
        "citations",
        "warnings",
        "tasks",
        "targets",
        "amounts",
    ] {
        assert!(v.get(key).is_some(), "document key {key}");
    }
    let task = &v["tasks"][2];
    for key in ["id", "path", "heading", "text", "span", "agencies"] {
        assert!(task.get(key).is_some(), "task key {key}");
    }
    for key in ["name", "mention", "role", "basis", "collective"] {
        assert!(task["agencies"][0].get(key).is_some(), "agency key {key}");
    }
    for key in [
        "task",
        "metric",
        "value",
        "min",
        "max",
        "unit",
        "comparator",
        "year",
        "period",
        "text",
        "span",
    ] {
        assert!(v["targets"][0].get(key).is_some(), "target key {key}");
    }
    for key in [
        "task",
        "yuan",
        "min_yuan",
        "max_yuan",
        "kind",
        "cap",
        "floor",
        "rate",
        "recipient",
        "text",
        "span",
    ] {
        assert!(v["amounts"][0].get(key).is_some(), "amount key {key}");
    }
}

#[test]
fn every_fact_links_inside_its_task() {
    let o = Ontology::bundled();
    for path in policykg_read::discover(&[corpus_common::corpus_dir()]) {
        let path = path.unwrap();
        let doc = policykg_read::read_path(&path, &policykg_read::Limits::default()).unwrap();
        let x = extract(&policykg_outline::parse(doc, o), o);
        let facts = x
            .targets
            .iter()
            .map(|t| (&t.task, t.value_span))
            .chain(x.amounts.iter().map(|a| (&a.task, a.value_span)));
        for (task, span) in facts {
            let Some(id) = task else { continue };
            let t = x.tasks.iter().find(|t| &t.id == id).unwrap();
            assert!(
                t.span.start <= span.start && span.end <= t.span.end,
                "{}: fact at {span:?} outside its task {id} {:?}",
                path.display(),
                t.span
            );
        }
    }
}
