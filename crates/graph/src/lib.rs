//! policykg-graph: the fourth stage, **facts → RDF**, and the store they live in.
//!
//! Maps each [`policykg_extract::Extraction`] to RDF with standard vocabularies (ELI for
//! policies, W3C ORG / CPOV and SKOS for agencies, schema.org for money, PROV-O and Web
//! Annotation for provenance) plus the small policykg vocabulary in `ontology/policykg.ttl`, and
//! keeps it in an embedded Oxigraph store on RocksDB, one named graph per document version.
//!
//! - [`iri`]: deterministic identifiers, and how copies of one text collapse into one version;
//! - [`mapping`]: one extraction → the quads of its version's graph;
//! - [`publish`]: the vocabulary and the agency gazetteer as RDF;
//! - [`open()`] / [`default_store_path`]: where the store is and how it opens (shared with
//!   `policykg-serve`); [`GraphStore`]: atomic writes, no-op re-ingest, verification;
//! - [`ingest`]: files → the store ([`ingest::ingest_paths`]: discovery, parallel preparation,
//!   one writer, totals, revision links), and one file → a prepared document;
//! - [`query`]: SPARQL with predeclared prefixes over the union of all graphs, and result tables;
//! - [`lookup`]: agencies and their tasks by name, through aliases and jurisdictions;
//!   [`params`]: constant query texts with values bound as terms, never spliced in;
//! - [`export`]: N-Quads, TriG, Turtle, JSON-LD; [`network`]: agency and citation networks;
//! - [`versions`]: versions of one policy linked by prov:wasRevisionOf, and back to their files;
//!   [`remove`]: a version or a file taken out of the store with everything derived from it;
//! - [`describe`]: one resource's description and page data, for Linked Data (`policykg serve`).
//!
//! What it is not for: HTTP (that is `policykg-serve`), reading or extracting documents (earlier
//! stages; [`ingest`] only calls them), or command-line concerns (the `policykg` binary).

pub mod changes;
pub mod describe;
mod error;
pub mod export;
pub mod ingest;
pub mod iri;
pub mod lookup;
pub mod mapping;
pub mod network;
mod open;
pub mod params;
pub mod publish;
pub mod query;
pub mod remove;
mod store;
pub mod versions;
pub mod vocab;

pub use error::GraphError;
pub use iri::{Iris, SharedGraph, DEFAULT_BASE};
pub use open::{default_store_path, is_store, open, Mode, STORE_DIR, STORE_ENV};
pub use oxigraph;
pub use petgraph;
pub use store::{
    failpoint, pipeline_version, relative_key, GraphStore, Located, SourceRecord, StoreCounts,
    Verification, WriteOutcome,
};
