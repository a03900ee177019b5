//! Every query shape at the SPARQL guard's limits is parsed, optimised, evaluated and dropped
//! by Oxigraph on a thread of `policykg_sparql::QUERY_STACK_BYTES` (what the CLI runs queries
//! on); one step beyond, `query::prepare` refuses it with the guard's message.

use oxigraph::model::{GraphNameRef, NamedNodeRef, QuadRef};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use policykg_graph::query;
use policykg_graph::GraphError;
use policykg_sparql::shapes::shapes;
use policykg_sparql::Limits;

fn store() -> Store {
    let store = Store::new().unwrap();
    let p = NamedNodeRef::new("http://x/p").unwrap();
    store
        .insert(QuadRef::new(p, p, p, GraphNameRef::DefaultGraph))
        .unwrap();
    store
}

/// Evaluates to the end; the number of answers, or the evaluation error's text.
fn evaluate(store: &Store, text: &str) -> Result<usize, String> {
    let prepared = query::prepare(text, "shape").map_err(|e| e.to_string())?;
    match query::run(prepared, store, "shape").map_err(|e| e.to_string())? {
        QueryResults::Solutions(solutions) => {
            let mut n = 0;
            for s in solutions {
                s.map_err(|e| e.to_string())?;
                n += 1;
            }
            Ok(n)
        }
        QueryResults::Boolean(_) => Ok(1),
        QueryResults::Graph(triples) => Ok(triples.count()),
    }
}

#[test]
fn shapes_at_the_limits_evaluate_and_beyond_are_refused() {
    let store = store();
    for shape in shapes(&Limits::DEFAULT) {
        let answer = query::on_query_stack(|| evaluate(&store, &shape.at_limit)).unwrap();
        match shape.name {
            // Not SPARQL 1.1 (`!!x`, `^^p`, `- - 1`): a syntax error, reported as one.
            "inverse path" | "not chain" | "minus chain" => {
                let e = answer.expect_err(shape.name);
                assert!(e.starts_with("SPARQL syntax error in shape"), "{e}");
            }
            _ => {
                answer.unwrap_or_else(|e| panic!("{}: {e}", shape.name));
            }
        }
        let refused = query::prepare(&shape.beyond, "shape.rq")
            .err()
            .expect(shape.name);
        assert!(matches!(refused, GraphError::Input { .. }), "{refused}");
        let message = refused.to_string();
        assert!(
            message.starts_with("shape.rq: SPARQL query refused before parsing: line "),
            "{}: {message}",
            shape.name
        );
    }
}

#[test]
fn empty_queries_are_refused_clearly() {
    let e = query::prepare("  # nothing here\n", "empty.rq")
        .err()
        .expect("refused");
    assert_eq!(
        e.to_string(),
        "empty.rq: the SPARQL query is empty (nothing but white space and comments)"
    );
}
