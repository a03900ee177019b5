//! Queries at and one step beyond each of the guard's limits, in every shape that makes
//! something recurse: for the tests that measure [`crate::QUERY_STACK_BYTES`] (here on the
//! parser, in the graph crate on Oxigraph's evaluator) and as fuzzing seeds.

use crate::guard::{check, Limit, Limits};

/// One shape: a query the guard accepts with the limits given, one it refuses, and the limit
/// that refuses it.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: &'static str,
    pub at_limit: String,
    pub beyond: String,
    pub limit: Limit,
}

const P: &str = "<http://x/p>";

fn select(body: &str) -> String {
    format!("SELECT * WHERE {{ ?s ?p ?o . {body} }}")
}

fn repeat_join(item: &str, sep: &str, n: usize) -> String {
    vec![item; n].join(sep)
}

/// Every shape for `limits`. The long-literal shape is as long as `limits.max_bytes`.
pub fn shapes(limits: &Limits) -> Vec<Shape> {
    let n = limits.max_nesting;
    let c = limits.max_chain;
    let u = limits.max_unary;
    let s = limits.max_subqueries;
    let mut out = Vec::new();
    let mut add = |name, at: &dyn Fn(usize) -> String, k: usize, limit| {
        out.push(Shape {
            name,
            at_limit: at(k),
            beyond: at(k + 1),
            limit,
        })
    };
    add(
        "braces",
        &|k| {
            format!(
                "SELECT * WHERE {} ?s ?p ?o {}",
                "{".repeat(k),
                "}".repeat(k)
            )
        },
        n,
        Limit::Nesting,
    );
    add(
        "parentheses",
        &|k| {
            select(&format!(
                "FILTER{}?o{}",
                "(".repeat(k - 1),
                ")".repeat(k - 1)
            ))
        },
        n,
        Limit::Nesting,
    );
    add(
        "path parentheses",
        &|k| {
            format!(
                "SELECT * WHERE {{ ?s {}{P}{} ?o }}",
                "(".repeat(k - 1),
                ")".repeat(k - 1)
            )
        },
        n,
        Limit::Nesting,
    );
    add(
        "blank node brackets",
        &|k| {
            format!(
                "SELECT * WHERE {{ ?s {P} {}{}{} }}",
                format!("[ {P} ").repeat(k - 1),
                "?o",
                " ]".repeat(k - 1)
            )
        },
        n,
        Limit::Nesting,
    );
    add(
        "iri with # and ' before braces",
        &|k| {
            format!(
                "SELECT * WHERE {{ <http://x/#a'> ?p ?o . {} ?s ?p ?o {} }}",
                "{".repeat(k - 1),
                "}".repeat(k - 1)
            )
        },
        n,
        Limit::Nesting,
    );
    add(
        "brackets in comments and strings",
        &|k| {
            let junk = "{{{{ (((( [[[[ <<<< ####";
            format!(
                "# {junk}\nSELECT * WHERE {} ?s ?p \"{junk}\" . ?s ?p '''{junk}\n''' {}",
                "{".repeat(k),
                "}".repeat(k)
            )
        },
        n,
        Limit::Nesting,
    );
    add(
        "path sequence",
        &|k| format!("SELECT * WHERE {{ ?s {} ?o }}", repeat_join(P, "/", k + 1)),
        limits.max_path_sequence,
        Limit::PathSequence,
    );
    add(
        "path alternative",
        &|k| format!("SELECT * WHERE {{ ?s {} ?o }}", repeat_join(P, "|", k + 1)),
        c,
        Limit::Chain,
    );
    add(
        "negated property set",
        &|k| {
            format!(
                "SELECT * WHERE {{ ?s !({}) ?o }}",
                repeat_join(P, "|", k + 1)
            )
        },
        c,
        Limit::Chain,
    );
    add(
        "inverse path",
        &|k| format!("SELECT * WHERE {{ ?s {}{P} ?o }}", "^".repeat(k)),
        u,
        Limit::Unary,
    );
    add(
        "not chain",
        &|k| select(&format!("FILTER({}BOUND(?o))", "!".repeat(k))),
        u,
        Limit::Unary,
    );
    add(
        "minus chain",
        &|k| select(&format!("BIND({}1 AS ?v)", "- ".repeat(k))),
        u,
        Limit::Unary,
    );
    add(
        "union",
        &|k| select(&repeat_join("{ ?s ?p ?o }", " UNION ", k + 1)),
        c,
        Limit::Chain,
    );
    add(
        "and chain",
        &|k| {
            select(&format!(
                "FILTER({})",
                repeat_join("BOUND(?o)", " && ", k + 1)
            ))
        },
        c,
        Limit::Chain,
    );
    add(
        "or chain",
        &|k| {
            select(&format!(
                "FILTER({})",
                repeat_join("?o = ?s", " || ", k.div_ceil(2))
            ))
        },
        c,
        Limit::Chain,
    );
    add(
        "plus chain",
        &|k| select(&format!("BIND({} AS ?v)", repeat_join("1", " + ", k + 1))),
        c,
        Limit::Chain,
    );
    add(
        "optional chain",
        &|k| select(&"OPTIONAL { ?s ?p ?o } ".repeat(k)),
        limits.max_group_elements,
        Limit::GroupElements,
    );
    add(
        "sub-queries",
        &|k| {
            format!(
                "SELECT * WHERE {{ {} ?s ?p ?o {} }}",
                "{ SELECT * WHERE { ".repeat(k),
                " } }".repeat(k)
            )
        },
        s,
        Limit::Subqueries,
    );
    // Nesting and chains together: parentheses each holding a `+` chain, as many levels as the
    // tree-depth limit allows.
    let nested_sums = |levels: usize, k: usize| {
        let mut e = "1".to_owned();
        for _ in 0..levels {
            e = format!("({} + {e})", repeat_join("1", " + ", k));
        }
        select(&format!("BIND({e} AS ?v)"))
    };
    let levels = n - 4;
    let k = largest(|k| nested_sums(levels, k), limits);
    out.push(Shape {
        name: "nested sums",
        at_limit: nested_sums(levels, k),
        beyond: nested_sums(levels, k + 1),
        limit: Limit::TreeDepth,
    });
    let nested_optionals = |levels: usize, k: usize| {
        let mut g = "?s ?p ?o".to_owned();
        for _ in 0..levels {
            g = format!(
                "?s ?p ?o {} OPTIONAL {{ {g} }}",
                "OPTIONAL { ?s ?p ?o } ".repeat(k)
            );
        }
        select(&g)
    };
    let levels = n / 2;
    let k = largest(|k| nested_optionals(levels, k), limits);
    out.push(Shape {
        name: "nested optionals",
        at_limit: nested_optionals(levels, k),
        beyond: nested_optionals(levels, k + 1),
        limit: Limit::TreeDepth,
    });
    let literal = |len: usize| {
        let frame = select("BIND(\"\" AS ?v)");
        select(&format!(
            "BIND(\"{}\" AS ?v)",
            "x".repeat(len - frame.len())
        ))
    };
    out.push(Shape {
        name: "long literal",
        at_limit: literal(limits.max_bytes),
        beyond: literal(limits.max_bytes + 1),
        limit: Limit::Length,
    });
    out
}

/// The largest `k` whose query the guard accepts (queries grow with `k`).
fn largest(query: impl Fn(usize) -> String, limits: &Limits) -> usize {
    let mut k = 0;
    while check(&query(k + 1), limits).is_ok() {
        k += 1;
    }
    k
}
