//! `policykg eval` through the built binary, on the gold fixtures of `crates/eval/tests/fixtures/`
//! (read from seed 001): what is shown of blind documents, floors and exit statuses.

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, text};

const FIXTURES: &str = "crates/eval/tests/fixtures";

#[test]
fn blind_documents_are_summarised_but_not_listed() {
    let out = policykg(&["eval", &format!("{FIXTURES}/blind")]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("== dev (1 documents)"), "{stdout}");
    assert!(stdout.contains("== blind (1 documents)"), "{stdout}");
    assert!(stdout.contains("== all (2 documents)"), "{stdout}");
    // The figures themselves are the scorer's tests' (crates/eval/tests, on a frozen
    // extraction); here, that the table has them.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("agency_role ") && l.split_whitespace().count() == 7),
        "{stdout}"
    );
    assert!(stdout.contains("001_a6818095697d7a7c.txt  dev"), "{stdout}");
    assert!(!stdout.contains("002_076db4c0ab1c918d"), "{stdout}");
    assert!(stdout.contains("(1 blind documents not shown"), "{stdout}");

    let out = policykg(&["eval", &format!("{FIXTURES}/blind"), "--details", "002"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("002 is a blind document"));
    assert!(out.stdout.is_empty());

    let out = policykg(&[
        "eval",
        &format!("{FIXTURES}/blind"),
        "--show-blind",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    assert_eq!(v["hidden_blind_documents"], 0);
}

#[test]
fn details_list_the_mismatches() {
    let out = policykg(&[
        "eval",
        &format!("{FIXTURES}/wrong_role"),
        "--details",
        "001",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("实施“五企”培育工程 ↔ 二/（一）/2\n    missing: 省财政厅/lead\n    extra:   省财政厅/support\n"), "{stdout}");
    assert!(
        stdout.contains("not annotated (not scored): metadata, targets, amounts"),
        "{stdout}"
    );
}

#[test]
fn floors_below_the_figures_exit_1() {
    let out = policykg(&[
        "eval",
        &format!("{FIXTURES}/seed001"),
        "--floors",
        &format!("{FIXTURES}/floors.tsv"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ok: Vec<bool> = v["floors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ok"].as_bool().unwrap())
        .collect();
    // Four floors; the gold annotates 4 of the document's 20-odd tasks, so dev tasks F1 is far
    // below its floor of 0.9, and the floor on a field nothing was scored for is violated.
    assert_eq!(ok.len(), 4);
    assert!(!ok[0] && !ok[3], "{ok:?}");
    // One message per violated floor, each naming the split, field, figure and floor.
    let violated = ok.iter().filter(|o| !**o).count();
    assert_eq!(
        stderr.matches("floor violated").count(),
        violated,
        "{stderr}"
    );
    assert!(stderr.contains("dev tasks F1 0."), "{stderr}");
    assert!(stderr.contains("is below its floor 0.9"), "{stderr}");
    assert_eq!(v["summaries"][0]["fields"]["tasks"]["tp"], 3);

    // The project's evaluation set against its floors: the regression gate of
    // docs/evaluation.md (also run by .ci/run).
    let out = policykg(&["eval", "corpus/gold", "--floors", "corpus/gold/floors.tsv"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn bad_gold_exits_2_naming_the_file() {
    let out = policykg(&["eval", &format!("{FIXTURES}/absent_snippet")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("absent_snippet/001.json: tasks[1].snippet"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}
