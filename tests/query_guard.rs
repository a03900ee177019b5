//! `policykg query` on hostile query files (issue #10): nested braces that used to overflow the
//! parser's stack and abort the CLI are refused with exit status 2 and a message naming the file,
//! the limit and the position; a query at the limits runs.

#[path = "common/cli.rs"]
mod cli;
use cli::{policykg, text};

fn nested_braces(n: usize) -> String {
    format!(
        "SELECT * WHERE {{ <http://x/#a> ?p ?o . {} ?s ?p ?o {} }}\n",
        "{".repeat(n),
        "}".repeat(n)
    )
}

#[test]
fn deeply_nested_query_files_are_refused_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    for n in [1_000, 100_000] {
        let file = dir.path().join(format!("braces-{n}.rq"));
        std::fs::write(&file, nested_braces(n)).unwrap();
        let out = policykg(&[
            "query",
            &format!("@{}", file.display()),
            "--store",
            store.to_str().unwrap(),
        ]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{n} braces: {stderr}");
        assert_eq!(
            stderr.trim_end(),
            format!(
                "policykg: {}: SPARQL query refused before parsing: line 1, column 167: brackets \
                 {{ ( [ nest more than 128 levels deep here; flatten the query (groups side by \
                 side instead of inside one another, VALUES or IN (…) instead of nested \
                 alternatives)",
                file.display()
            ),
            "{n} braces"
        );
    }
}

#[test]
fn queries_at_the_limits_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let ingest = policykg(&[
        "ingest",
        "corpus/extra/02_sichuan_duchazicha_2014.txt",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(ingest.status.success(), "{}", text(&ingest.stderr));
    // 128 levels of braces (the first is the WHERE group) and a 1,000-operator UNION chain.
    let braces = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {} ?s a pkg:Task {}",
        "{".repeat(128),
        "}".repeat(128)
    );
    let union = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}",
        vec!["{ ?s a pkg:Task }"; 1001].join(" UNION ")
    );
    for (name, query) in [("braces", braces), ("union", union)] {
        let file = dir.path().join(format!("{name}.rq"));
        std::fs::write(&file, query).unwrap();
        let out = policykg(&[
            "query",
            &format!("@{}", file.display()),
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
        ]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let count: usize = stdout.lines().nth(1).unwrap().trim().parse().unwrap();
        assert!(count > 0, "{name}: {stdout}");
    }
}
