//! Why a graph operation failed. Every message names the store path, file or query it is about
//! and the reason, in words a researcher can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Opening read-only (query, tasks, export...) where nothing has been ingested yet.
    #[error("no policykg store at {path}: run `policykg ingest PATH...` first, or pass --store PATH / set POLICYKG_STORE")]
    NoStore { path: PathBuf },

    /// Another process holds RocksDB's lock.
    #[error("the store at {path} is in use by another process (a running `policykg ingest` or `policykg serve`?); wait for it to finish or stop it, then retry")]
    Locked { path: PathBuf },

    /// The path exists but cannot be a store.
    #[error("{path} is not a policykg store: {reason}")]
    NotAStore { path: PathBuf, reason: String },

    /// RocksDB refused the files, or reading them failed part-way (a checksum mismatch in a
    /// table file): nothing read from the store can be trusted.
    #[error("the store at {path} is damaged: {reason}. Check it with `policykg verify --store {path}`; restore a backup, or delete the directory and ingest again")]
    Corrupt { path: PathBuf, reason: String },

    /// Reading the store failed while a query ran. Queries do not know the store's path: the
    /// caller turns this into [`GraphError::Corrupt`] with [`GraphError::at_store`].
    #[error("reading the store failed while running {source_name}: {reason}. The store is damaged: check it with `policykg verify`")]
    StoreRead { source_name: String, reason: String },

    /// Any other storage failure, with what was being done.
    #[error("store {path}: {action}: {reason}")]
    Storage {
        path: PathBuf,
        action: String,
        reason: String,
    },

    /// The store was built with another base IRI; mixing would split every resource in two.
    #[error("the store at {path} was built with base IRI <{stored}>, not <{requested}>: use the same --base-iri, or another store")]
    BaseIriMismatch {
        path: PathBuf,
        stored: String,
        requested: String,
    },

    /// A configured base IRI that cannot prefix identifiers.
    #[error("invalid base IRI <{iri}>: {reason}")]
    BadBaseIri { iri: String, reason: String },

    /// A SPARQL query that does not parse. `source` names where it came from (argument, file).
    #[error("SPARQL syntax error in {source_name}: {reason}")]
    QuerySyntax { source_name: String, reason: String },

    /// A query that parsed but failed while running.
    #[error("SPARQL query {source_name} failed: {reason}")]
    QueryEvaluation { source_name: String, reason: String },

    /// A file that could not be read as a notice (the message names the file).
    #[error(transparent)]
    Read(#[from] policykg_read::ReadError),

    /// Any other problem with an input file.
    #[error("{path}: {reason}")]
    Input { path: String, reason: String },

    /// Writing results, exports or networks.
    #[error("cannot write {what}: {reason}")]
    Output { what: String, reason: String },

    /// The bundled vocabulary or a gazetteer could not be turned into RDF.
    #[error("{what}: {reason}")]
    Data { what: String, reason: String },
}

impl GraphError {
    /// Names the store a [`GraphError::StoreRead`] happened in (other errors are unchanged).
    pub fn at_store(self, path: &std::path::Path) -> GraphError {
        match self {
            GraphError::StoreRead {
                source_name,
                reason,
            } => GraphError::Corrupt {
                path: path.to_owned(),
                reason: format!("reading it failed while running {source_name}: {reason}"),
            },
            other => other,
        }
    }

    /// Whether the store itself is at fault (damaged or unreadable), not the request.
    pub fn is_damaged_store(&self) -> bool {
        matches!(
            self,
            GraphError::Corrupt { .. } | GraphError::StoreRead { .. }
        )
    }

    /// A failed query: storage failures (the dataset's own errors) become
    /// [`GraphError::StoreRead`], so that a damaged store is not reported as a bad query.
    pub(crate) fn evaluation(
        source_name: &str,
        err: oxigraph::sparql::QueryEvaluationError,
    ) -> GraphError {
        use oxigraph::sparql::QueryEvaluationError as E;
        match err {
            E::Dataset(e) => GraphError::StoreRead {
                source_name: source_name.to_owned(),
                reason: e.to_string(),
            },
            e => GraphError::QueryEvaluation {
                source_name: source_name.to_owned(),
                reason: e.to_string(),
            },
        }
    }

    pub(crate) fn storage(
        path: &std::path::Path,
        action: impl Into<String>,
        err: impl std::fmt::Display,
    ) -> GraphError {
        GraphError::Storage {
            path: path.to_owned(),
            action: action.into(),
            reason: err.to_string(),
        }
    }
}
