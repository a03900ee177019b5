//! SPARQL over the store, the way policykg means it: the standard prefixes (`pkg:`, `eli:`,
//! `skos:`...) are predeclared, and the default graph is the union of all graphs (every document
//! lives in its own named graph) unless the query names its dataset with `FROM`. Results go out
//! as SPARQL JSON / CSV / TSV, or as a [`ResultTable`] of shown cells that the CLI lays out for
//! people.

use std::io::Write;

use oxigraph::io::RdfFormat;
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::vocab::{self, PREFIXES};
use crate::GraphError;

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// For people: a SELECT result as a [`ResultTable`] (IRIs shortened with the standard
    /// prefixes, literals without quotes or tags), a boolean as `true` / `false`, graph results
    /// (CONSTRUCT/DESCRIBE) as Turtle.
    Table,
    /// SPARQL 1.1 Query Results JSON; graph results as JSON-LD.
    Json,
    /// SPARQL 1.1 CSV; graph results as N-Triples.
    Csv,
    /// SPARQL 1.1 TSV; graph results as N-Triples.
    Tsv,
}

/// Parses `sparql` with the standard prefixes predeclared and the union default graph.
/// `source_name` says where the query came from in error messages (`query argument`,
/// `scripts/queries/tasks.rq`).
pub fn prepare(sparql: &str, source_name: &str) -> Result<PreparedSparqlQuery, GraphError> {
    prepare_with(sparql, source_name, Prepare::default())
}

/// What [`prepare_with`] adds to a query; [`Prepare::default`] is what the CLI does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prepare {
    /// Predeclare [`PREFIXES`] (the query's own PREFIX lines still win).
    pub prefixes: bool,
    /// Make the default graph the union of all graphs when the query names no dataset (`FROM`).
    pub union_default_graph: bool,
}

impl Default for Prepare {
    fn default() -> Self {
        Self {
            prefixes: true,
            union_default_graph: true,
        }
    }
}

/// [`prepare`] with either addition switched off (the endpoint lets its operator choose).
pub fn prepare_with(
    sparql: &str,
    source_name: &str,
    options: Prepare,
) -> Result<PreparedSparqlQuery, GraphError> {
    // Refuse what would overflow the parser's or the evaluator's stack before parsing.
    policykg_sparql::check(sparql, &policykg_sparql::Limits::DEFAULT).map_err(|e| {
        GraphError::Input {
            path: source_name.to_owned(),
            reason: e.refusal("query"),
        }
    })?;
    let mut evaluator = SparqlEvaluator::new();
    let prefixes = if options.prefixes { PREFIXES } else { &[] };
    for (prefix, ns) in prefixes {
        evaluator = evaluator
            .with_prefix(*prefix, *ns)
            .map_err(|e| GraphError::Data {
                what: format!("prefix {prefix}"),
                reason: e.to_string(),
            })?;
    }
    let mut prepared = evaluator
        .parse_query(sparql)
        .map_err(|e| GraphError::QuerySyntax {
            source_name: source_name.to_owned(),
            reason: describe_syntax_error(sparql, &e.to_string()).message,
        })?;
    if options.union_default_graph && prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// The parser's error in the user's terms (see [`policykg_sparql::describe_syntax_error`]),
/// naming the predeclared prefixes when a prefix is unknown.
pub fn describe_syntax_error(sparql: &str, message: &str) -> policykg_sparql::SyntaxErrorReport {
    let known: Vec<&str> = PREFIXES.iter().map(|(p, _)| *p).collect();
    policykg_sparql::describe_syntax_error_with_prefixes(sparql, message, &known)
}

/// Runs `f` on a thread with the stack that parsing and evaluating any query the guard
/// accepts needs ([`policykg_sparql::QUERY_STACK_BYTES`]), which the main thread's is not
/// sized for. A panic in `f` is resumed on the caller's thread; the error is
/// the system refusing a thread.
pub fn on_query_stack<T: Send>(f: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("policykg-query".into())
            .stack_size(policykg_sparql::QUERY_STACK_BYTES)
            .spawn_scoped(scope, f)?;
        Ok(handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// Runs a query on the store.
pub fn evaluate(
    store: &Store,
    sparql: &str,
    source_name: &str,
) -> Result<QueryResults<'static>, GraphError> {
    run(prepare(sparql, source_name)?, store, source_name)
}

/// Runs a query [`prepare`]d earlier (so that a syntax error is reported before the store is
/// opened).
pub fn run(
    prepared: PreparedSparqlQuery,
    store: &Store,
    source_name: &str,
) -> Result<QueryResults<'static>, GraphError> {
    prepared
        .on_store(store)
        .execute()
        .map_err(|e| GraphError::evaluation(source_name, e))
}

/// A cell of a [`Table`] as text: a literal's value or an IRI; blank nodes and unbound cells
/// are `None`.
pub fn text(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// The variables of a SELECT query and its rows, one optional term per variable.
pub type Table = (Vec<Variable>, Vec<Vec<Option<Term>>>);

/// The rows of a SELECT query, all in memory: for lookups and tests.
pub fn select(store: &Store, sparql: &str, source_name: &str) -> Result<Table, GraphError> {
    // The first failed row ends the query (a damaged store fails the same way on every row).
    let eval_err = |e| GraphError::evaluation(source_name, e);
    match evaluate(store, sparql, source_name)? {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(eval_err)?;
                rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
            }
            Ok((vars, rows))
        }
        _ => Err(GraphError::QueryEvaluation {
            source_name: source_name.to_owned(),
            reason: "expected a SELECT query".into(),
        }),
    }
}

/// How a term is shown in a table: IRIs compacted, literals as their value.
pub fn display_term(term: &Term, base: Option<&str>) -> String {
    match term {
        Term::NamedNode(n) => vocab::compact(n.as_str(), base),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// A SELECT result for people: the variable names and each row's cells as [`display_term`]
/// shows them (unbound cells empty). Laying it out (widths, cutting long cells) is the CLI's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What [`write_results`] did.
#[derive(Debug)]
pub enum Written {
    /// This many rows (or triples; 1 for a boolean) went to `out`.
    Rows(usize),
    /// A SELECT result in [`ResultsFormat::Table`]: returned, not written, for the caller to lay
    /// out.
    Table(ResultTable),
}

/// Writes query results in `format`, except a SELECT result as a table, which is returned.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultsFormat,
    out: &mut dyn Write,
    base: Option<&str>,
    source_name: &str,
) -> Result<Written, GraphError> {
    let io = |e: std::io::Error| GraphError::Output {
        what: "query results".into(),
        reason: e.to_string(),
    };
    // The first failed row ends the output (a damaged store fails the same way on every row).
    let eval = |e| GraphError::evaluation(source_name, e);
    match results {
        QueryResults::Boolean(b) => {
            match format {
                ResultsFormat::Table => writeln!(out, "{b}").map_err(io)?,
                ResultsFormat::Json => {
                    QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                    writeln!(out).map_err(io)?;
                }
                ResultsFormat::Csv | ResultsFormat::Tsv => {
                    let f = if format == ResultsFormat::Csv {
                        QueryResultsFormat::Csv
                    } else {
                        QueryResultsFormat::Tsv
                    };
                    let mut lf = LfLines::new(&mut *out, f == QueryResultsFormat::Csv);
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut lf, b)
                        .map_err(io)?;
                    lf.finish().map_err(io)?;
                    writeln!(out).map_err(io)?;
                }
            }
            Ok(Written::Rows(1))
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if format == ResultsFormat::Table {
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s.map_err(eval)?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(|t| display_term(t, base)).unwrap_or_default())
                            .collect::<Vec<_>>(),
                    );
                }
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
                return Ok(Written::Table(ResultTable { header, rows }));
            }
            let f = match format {
                ResultsFormat::Json => QueryResultsFormat::Json,
                ResultsFormat::Csv => QueryResultsFormat::Csv,
                _ => QueryResultsFormat::Tsv,
            };
            // SPARQL CSV ends its lines with CRLF (RFC 4180); the CLI's files end theirs with LF
            // like every other output (line breaks inside quoted values are kept as they are).
            // TSV and JSON have LF already.
            let mut lf = LfLines::new(&mut *out, f == QueryResultsFormat::Csv);
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut lf, vars)
                .map_err(io)?;
            let mut n = 0;
            for s in solutions {
                let s = s.map_err(eval)?;
                ser.serialize(s.iter()).map_err(io)?;
                n += 1;
            }
            ser.finish().map_err(io)?;
            lf.finish().map_err(io)?;
            if format == ResultsFormat::Json {
                writeln!(out).map_err(io)?;
            }
            Ok(Written::Rows(n))
        }
        QueryResults::Graph(triples) => {
            let rdf = match format {
                ResultsFormat::Table => RdfFormat::Turtle,
                ResultsFormat::Json => RdfFormat::JsonLd {
                    profile: oxigraph::io::JsonLdProfileSet::empty(),
                },
                _ => RdfFormat::NTriples,
            };
            let mut w = crate::export::serializer(rdf)?.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t.map_err(eval)?).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(Written::Rows(n))
        }
    }
}

/// Passes CSV through with each record's CRLF written as LF; a CRLF inside a quoted value is
/// data and kept. Call [`LfLines::finish`] to write a trailing lone CR. Inactive, it passes
/// everything through.
struct LfLines<W: Write> {
    inner: W,
    active: bool,
    quoted: bool,
    /// A CR outside quotes waiting to see whether an LF follows.
    cr: bool,
}

impl<W: Write> LfLines<W> {
    fn new(inner: W, active: bool) -> Self {
        Self {
            inner,
            active,
            quoted: false,
            cr: false,
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        if self.cr {
            self.inner.write_all(b"\r")?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Write for LfLines<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.cr {
                self.cr = false;
                if b != b'\n' {
                    out.push(b'\r');
                }
            }
            match b {
                b'"' => {
                    self.quoted = !self.quoted;
                    out.push(b);
                }
                b'\r' if !self.quoted => self.cr = true,
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_end_with_lf_and_quoted_breaks_are_kept() {
        let mut out = Vec::new();
        let mut lf = LfLines::new(&mut out, true);
        // Split across writes where a CRLF straddles two of them.
        lf.write_all(b"a,b\r").unwrap();
        lf.write_all(b"\n\"x\r\n\"\"y\",z\r\nlone\rcr\r").unwrap();
        lf.finish().unwrap();
        assert_eq!(out, b"a,b\n\"x\r\n\"\"y\",z\nlone\rcr\r");
    }

    #[test]
    fn syntax_errors_name_the_query_and_position() {
        let err = prepare("SELECT ?x WHERE { ?x pkg:nope }", "tasks.rq")
            .err()
            .expect("an error");
        let msg = err.to_string();
        assert!(msg.starts_with("SPARQL syntax error in tasks.rq"), "{msg}");
        assert!(msg.contains("line 1, column 31"), "{msg}");
        let err = prepare("SELECT ?x WHERE { ?x undeclared:p ?y }", "arg")
            .err()
            .expect("an error");
        let msg = err.to_string();
        assert!(msg.contains("unknown prefix `undeclared:`"), "{msg}");
        assert!(msg.len() < 400, "short enough to read: {msg}");
        let err = prepare("SELECT ?x WHERE {\n  ?x a pkg:Task", "q.rq")
            .err()
            .expect("an error");
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn union_default_graph_unless_from() {
        let store = Store::new().unwrap();
        let g = oxigraph::model::NamedNode::new("https://policykg.org/id/expr/x").unwrap();
        let s = oxigraph::model::NamedNode::new("https://policykg.org/id/t").unwrap();
        store
            .insert(oxigraph::model::QuadRef::new(
                &s,
                vocab::rdf::TYPE,
                vocab::pkg::TASK,
                &g,
            ))
            .unwrap();
        let (_, rows) = select(&store, "SELECT ?t { ?t a pkg:Task }", "q").unwrap();
        assert_eq!(rows.len(), 1);
        let (_, rows) = select(
            &store,
            "SELECT ?t FROM <https://policykg.org/id/other> { ?t a pkg:Task }",
            "q",
        )
        .unwrap();
        assert_eq!(rows.len(), 0);
    }
}
