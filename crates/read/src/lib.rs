//! policykg-read: the first stage of the pipeline, **bytes → text**.
//!
//! It turns a file as researchers find it (plain text in UTF-8, GBK, GB18030 or UTF-16; an HTML
//! page saved from a government site; Markdown with a `---` front-matter block) into one
//! [`Document`]: the readable text of the notice with its paragraph breaks, its tables as rows of
//! cells, the metadata fields the file itself declares, and a report of how the bytes were
//! decoded.
//!
//! What it is not for: it does not interpret the text. Headings, agencies, targets and money are
//! found by later stages (`policykg-outline`, `policykg-extract`), which only ever see
//! [`Document`], never bytes or HTML.
//!
//! Offsets: every [`Span`] in this workspace counts **characters** (Unicode scalar values) of
//! [`Document::text`], so that a researcher slicing the text in Python gets the same string.

mod document;
mod error;

pub use document::{
    Document, EncodingBasis, EncodingReport, Field, FieldOrigin, Format, Span, Table, TableCell,
    Warning,
};
pub use error::ReadError;

use std::path::Path;

/// Limits that protect the pipeline from hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused with [`ReadError::TooLarge`].
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Read one file. (Provisional: UTF-8 plain text only, until decoding and HTML land.)
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })?;
    read_bytes(&path.display().to_string(), &bytes, limits)
}

/// Read bytes that came from `source` (a path or label used in messages).
pub fn read_bytes(source: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ReadError::TooLarge {
            source_name: source.to_owned(),
            size: bytes.len() as u64,
            limit: limits.max_bytes,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            source_name: source.to_owned(),
        });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Document {
        source: source.to_owned(),
        format: Format::Text,
        encoding: EncodingReport {
            name: "UTF-8",
            basis: EncodingBasis::Utf8,
            declared: None,
            invalid_sequences: 0,
            first_invalid_byte: None,
        },
        text,
        tables: Vec::new(),
        fields: Vec::new(),
        warnings: Vec::new(),
    })
}
