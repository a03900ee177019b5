//! Every shape at the guard's limits passes the guard and parses (and drops) on a thread of
//! `QUERY_STACK_BYTES`; one step beyond, the guard refuses it with the right limit.

use policykg_sparql::shapes::shapes;
use policykg_sparql::{check, Limits, QUERY_STACK_BYTES};
use spargebra::SparqlParser;

fn on_query_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(QUERY_STACK_BYTES)
            .spawn_scoped(scope, f)
            .expect("a thread")
            .join()
            .expect("no panic")
    })
}

#[test]
fn shapes_at_the_limits_parse_and_beyond_are_refused() {
    let limits = Limits::DEFAULT;
    for shape in shapes(&limits) {
        if let Err(e) = check(&shape.at_limit, &limits) {
            panic!("{}: refused at the limit: {e}", shape.name);
        }
        let err = check(&shape.beyond, &limits).expect_err(shape.name);
        assert_eq!(err.limit, shape.limit, "{}: {err}", shape.name);
        assert!(err.line >= 1 && err.column >= 1);
        let text = shape.at_limit.clone();
        let parsed = on_query_stack(move || {
            let parsed = SparqlParser::new()
                .parse_query(&text)
                .map(|q| q.to_string().len());
            parsed.map_err(|e| e.to_string())
        });
        // Some shapes are not valid SPARQL 1.1 (`!!x`, `^^p`); the point is that the parser
        // gets through them without overflowing.
        match shape.name {
            "inverse path" | "not chain" | "minus chain" => {}
            _ => assert!(parsed.is_ok(), "{}: {parsed:?}", shape.name),
        }
    }
}

#[test]
fn the_reported_example_is_refused_not_a_crash() {
    let q = format!(
        "SELECT * WHERE {{ <http://x/#a> ?p ?o . {}{}",
        "{".repeat(50_000),
        "}".repeat(50_000)
    );
    let err = check(&q, &Limits::DEFAULT).unwrap_err();
    assert!(err.to_string().starts_with("line 1, column "), "{err}");
}

/// The guard reads the text as spargebra does: without replacing `\u` escapes everywhere
/// first. If spargebra's `standard-unicode-escaping` feature gets switched on, `\u007B` becomes
/// a brace the guard does not see, and the guard must unescape first.
#[test]
fn the_parser_does_not_unescape_the_whole_text() {
    assert!(SparqlParser::new()
        .parse_query("SELECT * WHERE \\u007B ?s ?p ?o }")
        .is_err());
}
