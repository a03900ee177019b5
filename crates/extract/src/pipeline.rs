//! The whole pure pipeline in one call: bytes (or a file) → [`Document`] → [`Parsed`] →
//! [`Extraction`]. Every user of the stages goes through here — the CLI's `parse`, `extract` and
//! `diff`, and the graph stage's ingest — so they cannot drift apart in how a file is read or
//! which ontology and limits apply.
//!
//! It lives in the extract crate because extraction is the last stage that needs no store: the
//! graph stage maps a [`Processed`] document to RDF, and nothing here knows RDF.
//!
//! [`Document`]: policykg_read::Document

use std::path::Path;

use policykg_ontology::Ontology;
use policykg_outline::Parsed;
use policykg_read::{Limits, ReadError};

use crate::Extraction;

/// What the pipeline made of one input: the reading and outline products (the text, its
/// outline and metadata, for those who slice or show them) and the extraction.
#[derive(Debug, Clone)]
pub struct Processed {
    pub parsed: Parsed,
    pub extraction: Extraction,
}

/// Reads and outlines a file: the first two stages, for callers that want no facts.
pub fn outline_path(
    path: &Path,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<Parsed, ReadError> {
    let document = policykg_read::read_path(path, limits)?;
    Ok(policykg_outline::parse(document, ontology))
}

/// Reads, outlines and extracts a file.
pub fn process_path(
    path: &Path,
    ontology: &Ontology,
    limits: &Limits,
) -> Result<Processed, ReadError> {
    Ok(process_parsed(
        outline_path(path, ontology, limits)?,
        ontology,
    ))
}

/// Reads, outlines and extracts bytes that came from `source` (a path or a label, used in
/// messages and as a format hint).
pub fn process_bytes(
    source: &str,
    bytes: &[u8],
    ontology: &Ontology,
    limits: &Limits,
) -> Result<Processed, ReadError> {
    let document = policykg_read::read_bytes(source, bytes, limits)?;
    Ok(process_parsed(
        policykg_outline::parse(document, ontology),
        ontology,
    ))
}

/// Extracts the facts of an already outlined document.
pub fn process_parsed(parsed: Parsed, ontology: &Ontology) -> Processed {
    let extraction = crate::extract(&parsed, ontology);
    Processed { parsed, extraction }
}
