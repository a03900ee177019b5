//! The scorer on gold fixtures written by reading seed 001 (`tests/fixtures/*/`).
//!
//! The exact counts are scored against a frozen extraction of seeds 001 and 002
//! (`tests/fixtures/extractions/`, `policykg extract --format jsonl` at commit f60a53a: 25 tasks
//! with 83 agency pairs, 24 targets, 15 amounts, no deadlines, no amount roles), so that these
//! tests check the scorer and do not change whenever the extractor improves. The gold-file
//! checks (absent or repeated snippets) run the real pipeline, as `policykg eval` does.

use std::path::{Path, PathBuf};

use policykg_eval::{
    check_floors, enforce_floors, evaluate, gold, gold_files, parse_floors, score_document,
    Agreement, Counts, EvalError, Field, Report, ViewOptions,
};
use policykg_ontology::Ontology;
use policykg_read::Limits;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(dir: &Path) -> Result<Report, EvalError> {
    evaluate(dir, Ontology::bundled(), &Limits::default())
}

/// The gold files of `dir` scored against the frozen extraction of their document.
fn run_frozen(dir: &Path) -> Report {
    let mut documents = Vec::new();
    for path in gold_files(dir).unwrap() {
        let gold = gold::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let stem = gold
            .document
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let frozen = fixture("extractions").join(format!("{stem}.json"));
        let extraction = serde_json::from_str(&std::fs::read_to_string(&frozen).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", frozen.display()));
        documents.push(score_document(&gold, &extraction));
    }
    Report::from_documents(dir.to_owned(), documents)
}

fn counts(tp: u64, fp: u64, fn_: u64) -> Counts {
    Counts { tp, fp, fn_ }
}

fn gold_errors(result: Result<Report, EvalError>) -> Vec<String> {
    match result {
        Err(EvalError::Gold(errors)) => errors.iter().map(|e| e.to_string()).collect(),
        Err(other) => panic!("expected gold errors, got {other}"),
        Ok(_) => panic!("expected gold errors, got a report"),
    }
}

#[test]
fn seed_001_exact_counts() {
    let report = run_frozen(&fixture("seed001"));
    assert_eq!(report.documents.len(), 1);
    let d = &report.documents[0];
    let got = |f: Field| d.scores.get(&f).copied();
    // The 25 extracted tasks are 22 items: 二/（一）/1#1–#3 and 二/（二）/3#1–#2 count as their
    // item, with the agencies of all their runs (省科技厅, named in two runs of item 1, once):
    // 82 pairs. Three gold tasks matched; the fourth is inside item 5, already claimed by the
    // third.
    assert_eq!(got(Field::Tasks), Some(counts(3, 19, 1)));
    assert_eq!(
        d.details.unmatched_gold_tasks,
        ["列入《安徽省三首产品推广应用指导目录》的产品"]
    );
    assert_eq!(d.details.unmatched_extracted_tasks.len(), 19);
    assert_eq!(d.details.unmatched_extracted_tasks[0].0, "一/（一）");
    // 9 pairs agree; the unmatched gold task's 3 are missed; the 19 unmatched extracted items
    // carry 82 − 9 = 73 pairs.
    assert_eq!(got(Field::AgencyRole), Some(counts(9, 73, 3)));
    assert_eq!(got(Field::Agency), Some(counts(9, 73, 3)));
    // This fixture annotates one paragraph of item 1 (加快科技成果转化…, 省教育厅's); the scorer
    // counts the item, so the other two paragraphs' six bodies are extra there (and counted
    // in the 73 above).
    let diff = &d.details.task_differences;
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].extracted_id, "二/（一）/1");
    assert!(diff[0].missing_agencies.is_empty());
    assert_eq!(diff[0].extra_agencies.len(), 6);
    // No deadline in the gold, none extracted (the model has no `deadline` yet).
    assert_eq!(got(Field::Deadline), Some(counts(0, 0, 0)));
    // Metadata: title, date, jurisdiction, one issuer, three addressees; no 文号 on either side.
    assert_eq!(got(Field::Title), Some(counts(1, 0, 0)));
    assert_eq!(got(Field::DocNumber), Some(counts(0, 0, 0)));
    assert_eq!(got(Field::Addressees), Some(counts(3, 0, 0)));
    assert_eq!(got(Field::Metadata), Some(counts(7, 0, 0)));
    assert!(d.details.metadata.is_empty());
    // "50.0" in the gold is 50 extracted. 500家 (gold exactly) pairs with the 500家 the
    // extractor reads as exactly (遴选…500家), preferred for agreement; 达50家 (gold exactly)
    // finds only at_least.
    assert_eq!(got(Field::Targets), Some(counts(4, 20, 0)));
    assert_eq!(
        d.comparators,
        Some(Agreement {
            agree: 3,
            disagree: 1,
            missing: 0
        })
    );
    // The one differing comparator is shown with the gold item it belongs to.
    assert_eq!(
        d.details.comparator_differences,
        [(
            "50家 exactly (国家级单项冠军企业达50家)".to_owned(),
            Some("at_least".to_owned())
        )]
    );
    // 最高100万元 is matched through the extracted cap, 不少于4000亿元 through the floor.
    assert_eq!(got(Field::Amounts), Some(counts(3, 12, 0)));
    assert!(d.details.missed_amounts.is_empty());
    // The model has no amount role yet: counted as not extracted.
    assert_eq!(
        d.amount_roles,
        Some(Agreement {
            agree: 0,
            disagree: 0,
            missing: 3
        })
    );
    // Each is listed under the roles that differ, as not extracted.
    let roles: Vec<_> = d.details.role_differences.iter().collect();
    assert_eq!(roles.len(), 3);
    assert_eq!(
        roles[0],
        &("800000 CNY award (给予一次性奖补80万元)".to_owned(), None)
    );
    // The dev and all summaries are this document; blind is empty.
    let dev = report.summary("dev").unwrap();
    assert_eq!(dev.documents, 1);
    assert_eq!(dev.fields.get(&Field::Tasks), Some(&counts(3, 19, 1)));
    assert_eq!(report.summary("all").unwrap().fields, dev.fields);
    let blind = report.summary("blind").unwrap();
    assert_eq!(blind.documents, 0);
    assert!(blind.fields.is_empty());
    let tasks = dev.fields[&Field::Tasks];
    assert_eq!(tasks.precision(), Some(3.0 / 22.0));
    assert_eq!(tasks.recall(), Some(0.75));
    assert_eq!(tasks.f1(), Some(6.0 / 26.0));
}

#[test]
fn a_wrong_role_is_a_false_positive_and_negative_for_roles_only() {
    let report = run_frozen(&fixture("wrong_role"));
    let d = &report.documents[0];
    assert_eq!(d.scores.get(&Field::Tasks), Some(&counts(1, 21, 0)));
    // 省财政厅/lead is not extracted (FN), 省财政厅/support is extracted (FP); the other 21
    // items carry 82 − 3 = 79 pairs.
    assert_eq!(d.scores.get(&Field::AgencyRole), Some(&counts(2, 80, 1)));
    assert_eq!(d.scores.get(&Field::Agency), Some(&counts(3, 79, 0)));
    let diff = &d.details.task_differences;
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].extracted_id, "二/（一）/2");
    assert_eq!(
        diff[0].missing_agencies,
        [("省财政厅".into(), "lead".into())]
    );
    assert_eq!(
        diff[0].extra_agencies,
        [("省财政厅".into(), "support".into())]
    );
    // Parts the gold leaves null are not scored.
    for f in [
        Field::Metadata,
        Field::Title,
        Field::Targets,
        Field::Amounts,
    ] {
        assert!(!d.scores.contains_key(&f), "{f:?} scored");
    }
    assert_eq!(d.comparators, None);
}

#[test]
fn a_short_issuer_is_the_body_it_names_in_the_gold_jurisdiction() {
    // The extraction resolves seed 001's 落款 to 安徽省人民政府办公厅; the gold's 省政府办公厅
    // (安徽省) names that body, 省财政厅 does not.
    let report = run(&fixture("short_issuers")).unwrap();
    let d = &report.documents[0];
    assert_eq!(d.scores.get(&Field::Issuers), Some(&counts(1, 0, 1)));
    let diff = &d.details.metadata;
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].gold, "安徽省人民政府办公厅、安徽省财政厅");
}

#[test]
fn an_absent_snippet_is_an_error_naming_the_file() {
    let errors = gold_errors(run(&fixture("absent_snippet")));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("absent_snippet/001.json"), "{errors:?}");
    assert!(
        errors[0].contains("tasks[1].snippet \"专精特新中小企业倍减行动\" does not occur"),
        "{errors:?}"
    );
}

#[test]
fn a_duplicate_snippet_is_an_error() {
    let errors = gold_errors(run(&fixture("duplicate_snippet")));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains("duplicate_snippet/001.json"),
        "{errors:?}"
    );
    // 23 responsibility parentheses of the document end so.
    assert!(
        errors[0].contains("tasks[0].snippet \"按职责分工负责\" occurs 23 times"),
        "{errors:?}"
    );
}

#[test]
fn every_bad_gold_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("seed001/001.json");
    let good = std::fs::read_to_string(&seed).unwrap().replace(
        "../../../../../corpus",
        &format!("{}/../../corpus", env!("CARGO_MANIFEST_DIR")),
    );
    std::fs::write(dir.path().join("a.json"), "{ \"file\": ").unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        good.replace("\"role\": \"lead\"", "\"role\": \"leader\""),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.json"),
        good.replace("001_a6818095697d7a7c.txt", "nope.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d.json"),
        good.replace("\"comparator\": \"exactly\"", "\"comparator\": \"equal\""),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("e.json"),
        good.replace("\"deadline\": null", "\"deadlne\": null"),
    )
    .unwrap();
    std::fs::write(dir.path().join("f.json"), &good).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not gold").unwrap();
    let errors = gold_errors(run(dir.path()));
    assert_eq!(errors.len(), 5, "{errors:#?}");
    let has = |file: &str, reason: &str| {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(file) && e.contains(reason)),
            "{file}: {reason} not in {errors:#?}"
        )
    };
    has("a.json", "invalid JSON");
    has(
        "b.json",
        "tasks[0].agencies[0].role: unknown role \"leader\" (expected lead, support, joint)",
    );
    has("c.json", "file: no such document");
    has(
        "d.json",
        "targets[1].comparator: unknown comparator \"equal\"",
    );
    has("e.json", "tasks[0]: unknown key \"deadlne\"");
}

#[test]
fn an_empty_gold_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    match run(dir.path()) {
        Err(EvalError::GoldDir { reason, .. }) => assert!(reason.contains("no *.json")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn blind_documents_are_hidden_from_per_document_output() {
    let report = run_frozen(&fixture("blind"));
    assert_eq!(report.documents.len(), 2);
    assert_eq!(report.summary("blind").unwrap().documents, 1);
    assert_eq!(report.summary("all").unwrap().documents, 2);

    let view = report.view(&ViewOptions::default()).unwrap();
    let names: Vec<&str> = view.documents.iter().map(|d| d.name).collect();
    assert_eq!(names, ["001"]);
    assert_eq!(view.hidden_blind_documents, 1);
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains("002_076db4c0ab1c918d"), "{json}");

    // Details: refused for the blind document, by any of its names.
    for name in ["002", "002.json", "002_076db4c0ab1c918d.txt"] {
        let opts = ViewOptions {
            show_blind: false,
            details: Some(name.into()),
        };
        assert!(matches!(
            report.view(&opts),
            Err(EvalError::BlindDocument(_))
        ));
    }
    let dev = report
        .view(&ViewOptions {
            show_blind: false,
            details: Some("001".into()),
        })
        .unwrap();
    assert_eq!(dev.details.unwrap().details.task_differences.len(), 1);
    assert!(matches!(
        report.view(&ViewOptions {
            show_blind: false,
            details: Some("999".into()),
        }),
        Err(EvalError::UnknownDocument(_))
    ));

    let all = report
        .view(&ViewOptions {
            show_blind: true,
            details: Some("002".into()),
        })
        .unwrap();
    assert_eq!(all.documents.len(), 2);
    assert_eq!(all.hidden_blind_documents, 0);
    assert!(all.details.is_some());
}

#[test]
fn floors_below_the_figures_are_an_error() {
    let report = run_frozen(&fixture("seed001"));
    let src = std::fs::read_to_string(fixture("floors.tsv")).unwrap();
    let floors = parse_floors(&src, "floors.tsv").unwrap();
    assert_eq!(floors.len(), 4);
    let checks = check_floors(&report, &floors);
    let ok: Vec<bool> = checks.iter().map(|c| c.ok).collect();
    // dev tasks 6/26 = 0.231 < 0.9; all metadata exactly 1 meets 1; all agency 18/94 ≥ 0.05; blind
    // has no documents, so its floor cannot be met.
    assert_eq!(ok, [false, true, true, false]);
    match enforce_floors(&checks) {
        Err(EvalError::FloorsViolated(messages)) => {
            assert_eq!(
                messages,
                [
                    "dev tasks F1 0.231 is below its floor 0.9 (floors.tsv:2)",
                    "blind tasks has no F1 (nothing scored) but a floor of 0.1 (floors.tsv:6)",
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let passing = parse_floors("all\tagency\t0.191\n", "f").unwrap();
    assert!(enforce_floors(&check_floors(&report, &passing)).is_ok());
    let failing = parse_floors("all\tagency\t0.192\n", "f").unwrap();
    assert!(enforce_floors(&check_floors(&report, &failing)).is_err());
}

#[test]
fn bad_floors_name_the_line() {
    let e = parse_floors("# c\ndev\ttask\t0.5\n", "floors.tsv").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("unknown field \"task\""), "{e}");
    let e = parse_floors("dev\ttasks\t1.5\n", "floors.tsv").unwrap_err();
    assert!(e.message.contains("not a number from 0 to 1"), "{e}");
    let e = parse_floors("test\ttasks\t0.5\n", "floors.tsv").unwrap_err();
    assert!(e.message.contains("unknown split"), "{e}");
    let e = parse_floors("dev tasks 0.5\n", "floors.tsv").unwrap_err();
    assert!(e.message.contains("3 tab-separated cells"), "{e}");
}
