//! One file → a [`Prepared`] document ready to write: read, outline, extract, map. Pure and
//! thread-safe, so a caller can prepare many files in parallel and write them one by one.

use std::io::Read;
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
    let file = std::fs::File::open(path).map_err(|e| input(format!("cannot read: {e}")))?;
    let size = file
        .metadata()
        .map_err(|e| input(format!("cannot read: {e}")))?
        .len();
    if size > limits.max_bytes {
        return Err(policykg_read::ReadError::TooLarge {
            source_name: display,
            size,
            limit: limits.max_bytes,
        }
        .into());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| input(format!("cannot read: {e}")))?;
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
    let document = policykg_read::read_bytes(display, bytes, limits)?;
    let fp = fingerprint(&document.text);
    if fp == fingerprint("") {
        return Err(GraphError::Input {
            path: display.to_owned(),
            reason: "no text left after reading (only white space)".into(),
        });
    }
    let encoding = document.encoding.name.to_owned();
    let parsed = policykg_outline::parse(document, ontology);
    let extraction = policykg_extract::extract(&parsed, ontology);
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
