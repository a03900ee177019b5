//! Queries with bound parameters: the query text is a constant, and values (a name typed by a
//! user, a jurisdiction, an agency IRI) are RDF terms substituted with
//! [`PreparedSparqlQuery::substitute_variable`]. No value is ever spliced into query text, so
//! no escaping can be forgotten and no template edit can silently drop a condition.
//!
//! Oxigraph substitutes only variables projected by the SELECT clause; a parameter is therefore
//! projected by the query and [`Parameterised::run`] removes its column again, so callers see the
//! columns they asked for.

use std::fmt;
use std::sync::Arc;

use oxigraph::model::{Term, Variable};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};
use oxigraph::store::Store;

use crate::query::{self, Table};
use crate::GraphError;

/// A constant SELECT query and the values bound to its parameters.
#[derive(Debug, Clone)]
pub struct Parameterised {
    /// The query text (policykg's prefixes predeclared).
    pub text: &'static str,
    /// What the query is, for messages ("the tasks query").
    pub name: &'static str,
    pub bindings: Vec<(Variable, Term)>,
    /// Projected parameters whose column is left out even when they stay unbound.
    pub hidden: Vec<Variable>,
}

impl Parameterised {
    pub fn new(text: &'static str, name: &'static str) -> Self {
        Self {
            text,
            name,
            bindings: Vec::new(),
            hidden: Vec::new(),
        }
    }

    /// Binds `?variable` (which the query projects) to `value`.
    pub fn bind(mut self, variable: &str, value: impl Into<Term>) -> Self {
        self.bindings
            .push((Variable::new_unchecked(variable), value.into()));
        self
    }

    /// Leaves the column of `?variable`, a parameter the query projects, out of the results
    /// even when it is not bound.
    pub fn hide(mut self, variable: &str) -> Self {
        self.hidden.push(Variable::new_unchecked(variable));
        self
    }

    /// Runs the query; the parameters' columns are left out of the results.
    pub fn run(&self, store: &Store) -> Result<QueryResults<'static>, GraphError> {
        Ok(QueryResults::Solutions(self.solutions(store)?))
    }

    fn solutions(&self, store: &Store) -> Result<QuerySolutionIter<'static>, GraphError> {
        let mut prepared = query::prepare(self.text, self.name)?;
        for (variable, value) in &self.bindings {
            prepared = prepared.substitute_variable(variable.clone(), value.clone());
        }
        let solutions = match query::run(prepared, store, self.name)? {
            QueryResults::Solutions(s) => s,
            _ => {
                return Err(GraphError::QueryEvaluation {
                    source_name: self.name.to_owned(),
                    reason: "expected a SELECT query".into(),
                })
            }
        };
        let kept: Arc<[Variable]> = solutions
            .variables()
            .iter()
            .filter(|v| !self.bindings.iter().any(|(b, _)| b == *v) && !self.hidden.contains(v))
            .cloned()
            .collect();
        let columns = Arc::clone(&kept);
        Ok(QuerySolutionIter::from_tuples(
            kept,
            solutions.map(move |s| s.map(|s| columns.iter().map(|v| s.get(v).cloned()).collect())),
        ))
    }

    /// The rows, all in memory (for lookups). The first failed row ends the query (a damaged
    /// store fails the same way on every row).
    pub fn rows(&self, store: &Store) -> Result<Table, GraphError> {
        let solutions = self.solutions(store)?;
        let vars = solutions.variables().to_vec();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| GraphError::evaluation(self.name, e))?;
            rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
        }
        Ok((vars, rows))
    }
}

/// The query text, then one comment line per bound parameter (for `--show-sparql`).
impl fmt::Display for Parameterised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text)?;
        for (variable, value) in &self.bindings {
            write!(f, "\n# bound: {variable} = {value}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode, QuadRef};

    #[test]
    fn a_bound_value_is_a_term_not_text_and_its_column_is_dropped() {
        let store = Store::new().unwrap();
        let g = NamedNode::new("https://policykg.org/id/expr/x").unwrap();
        let s = NamedNode::new("https://policykg.org/id/a").unwrap();
        let p = NamedNode::new("http://www.w3.org/2004/02/skos/core#prefLabel").unwrap();
        // A label that would break out of a hand-built string literal.
        let label =
            Literal::new_language_tagged_literal("财政厅\" } UNION { ?x ?y ?z", "zh").unwrap();
        store.insert(QuadRef::new(&s, &p, &label, &g)).unwrap();
        let q = Parameterised::new("SELECT ?a ?l WHERE { ?a skos:prefLabel ?l }", "test query");
        let (vars, rows) = q.clone().bind("l", label.clone()).rows(&store).unwrap();
        assert_eq!(vars, vec![Variable::new_unchecked("a")]);
        assert_eq!(rows, vec![vec![Some(Term::from(s.clone()))]]);
        let other = Literal::new_language_tagged_literal("财政厅", "zh").unwrap();
        let (_, rows) = q.bind("l", other).rows(&store).unwrap();
        assert!(rows.is_empty());
    }

    #[test]
    fn a_parameter_the_query_does_not_project_is_an_error_naming_the_query() {
        let store = Store::new().unwrap();
        let err = Parameterised::new("SELECT ?a WHERE { ?a ?p ?o }", "test query")
            .bind("o", Literal::new_simple_literal("x"))
            .rows(&store)
            .unwrap_err();
        assert!(err.to_string().contains("test query"), "{err}");
    }
}
