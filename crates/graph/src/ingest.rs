//! One file → a [`Prepared`] document ready to write: read, outline, extract, map. Pure and
//! thread-safe, so a caller can prepare many files in parallel and write them one by one.

use std::path::Path;

use policykg_ontology::Ontology;
use policykg_read::Limits;

use crate::iri::{fingerprint, sha256_hex, Iris};
use crate::mapping::{map_extraction, MappedDocument};
use crate::store::{GraphStore, SourceRecord};
use crate::GraphError;

/// A document ready for [`GraphStore::write`].
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The path as the user gave it, for messages.
    pub display: String,
    pub source: SourceRecord,
    pub doc: MappedDocument,
    /// Extraction warnings (also recorded in the graph as `pkg:warning`).
    pub warnings: usize,
}

/// What preparing a file found.
#[derive(Debug)]
pub enum FileStatus {
    Prepared(Box<Prepared>),
    /// Same bytes, same pipeline, version whole in the store: nothing to do.
    Unchanged {
        display: String,
    },
}

/// Reads `path` (refusing files over `limits.max_bytes` before reading them) and, unless the
/// store already holds exactly this file (`force` ignores that), extracts and maps it.
pub fn prepare_file(
    store: &GraphStore,
    path: &Path,
    ontology: &Ontology,
    limits: &Limits,
    force: bool,
) -> Result<FileStatus, GraphError> {
    let display = path.display().to_string();
    let input = |reason: String| GraphError::Input {
        path: display.clone(),
        reason,
    };
    let key = std::fs::canonicalize(path)
        .map_err(|e| input(format!("cannot read: {e}")))?
        .to_str()
        .ok_or_else(|| input("the path is not valid UTF-8".into()))?
        .to_owned();
    let bytes = policykg_read::read_file(path, limits)?;
    let content_hash = sha256_hex(&bytes);
    if !force {
        let probe = SourceRecord {
            key: key.clone(),
            content_hash: content_hash.clone(),
            encoding: String::new(),
        };
        if store.is_unchanged(&probe)? {
            return Ok(FileStatus::Unchanged { display });
        }
    }
    let prepared = prepare_bytes(&display, &key, &bytes, store.iris(), ontology, limits)?;
    Ok(FileStatus::Prepared(Box::new(prepared)))
}

/// Extracts and maps the bytes of a file; `key` is its absolute path.
pub fn prepare_bytes(
    display: &str,
    key: &str,
    bytes: &[u8],
    iris: &Iris,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<Prepared, GraphError> {
    let processed = policykg_extract::process_bytes(display, bytes, ontology, limits)?;
    let fp = fingerprint(&processed.parsed.document.text);
    if fp == fingerprint("") {
        return Err(GraphError::Input {
            path: display.to_owned(),
            reason: "no text left after reading (only white space)".into(),
        });
    }
    let encoding = processed.parsed.document.encoding.name.to_owned();
    let extraction = processed.extraction;
    let doc = map_extraction(&extraction, &fp, iris, ontology);
    Ok(Prepared {
        display: display.to_owned(),
        source: SourceRecord {
            key: key.to_owned(),
            content_hash: sha256_hex(bytes),
            encoding,
        },
        doc,
        warnings: extraction.warnings.len(),
    })
}
