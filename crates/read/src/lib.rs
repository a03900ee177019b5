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
