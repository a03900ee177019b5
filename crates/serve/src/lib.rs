//! policykg-serve: a SPARQL 1.1 Protocol endpoint over the store built by `policykg-graph`,
//! with a query page for people. Read-only unless a bearer token is configured.
//!
//! What it is not for: building the graph (that is `policykg-graph`, through `policykg ingest`).
