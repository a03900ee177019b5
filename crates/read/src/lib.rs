//! policykg-read: the first stage of the pipeline, **bytes → text**.
//!
//! It turns a file as researchers find it (plain text in UTF-8, GBK, GB18030 or UTF-16; an HTML
//! page saved from a government site; Markdown with a `---` front-matter block) into one
//! [`Document`]: the readable text of the notice with its paragraph breaks, its tables as rows of
//! cells, the metadata fields the file itself declares, and a report of how the bytes were
//! decoded.
//!
//! The steps, each in its own module:
//! - [`discover`]: which files a command line names (directories recursively, notes skipped);
//! - `sniff`: binary files refused by magic number (PNG, ZIP/DOCX, PDF…), then the format (HTML,
//!   Markdown, text) from extension and content;
//! - `decode`: BOM → declared charset → UTF-16 by NUL pattern → strict UTF-8 → detection, with
//!   every malformed sequence counted (see [`EncodingReport`]);
//! - `front_matter`: a leading `---` block becomes [`FieldOrigin::FrontMatter`] fields;
//! - `html`: the page's main content becomes lines and tables; `<title>`/`<meta>` and metadata
//!   tables (索引号/发文机关/成文日期/发文字号) become fields;
//! - [`CharIndex`]: byte ↔ character offsets for the later stages.
//!
//! The page rules (known content containers, furniture class words and lines, metadata-table
//! labels) are data files in `crates/read/data/`, not code. `cargo run -p policykg-read
//! --example read -- PATH…` prints what the reader makes of files, for tuning them.
//!
//! What it is not for: it does not interpret the text. Headings, agencies, targets and money are
//! found by later stages (`policykg-outline`, `policykg-extract`), which only ever see
//! [`Document`], never bytes or HTML.
//!
//! Offsets: every [`Span`] in this workspace counts **characters** (Unicode scalar values) of
//! [`Document::text`], so that a researcher slicing the text in Python gets the same string. For
//! text and Markdown, `text` is the decoded file minus its BOM and minus its front matter (up to
//! and including the closing `---` line): offset 0 is the first character after them. For HTML,
//! `text` is the rendered main content, so offsets do not point into the page source.

mod cell_lines;
mod char_index;
mod decode;
mod discover;
mod document;
mod error;
mod front_matter;
mod html;
mod reflow;
mod rules;
mod sniff;
mod space_tables;
mod text_tables;

pub use char_index::CharIndex;
pub use decode::DECLARATION_WINDOW;
pub use discover::{discover, is_skipped_name};
pub use document::{
    Document, EncodingBasis, EncodingReport, Field, FieldOrigin, Format, Span, Table, TableCell,
    Warning,
};
pub use error::ReadError;
pub use front_matter::LIST_SEPARATOR;

use std::io::Read;
use std::path::Path;

/// Limits that protect the pipeline from hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused with [`ReadError::TooLarge`].
    pub max_bytes: u64,
}

impl Limits {
    /// HTML elements nested deeper than this are flattened: their start tags are dropped before
    /// parsing and their text kept (with a warning). Real notices nest a few dozen levels; the
    /// HTML parser's time grows with depth × tags, so 100,000 nested `<div>` took minutes.
    pub const MAX_HTML_DEPTH: usize = 256;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Read one file. Its size is checked before reading (a 2 GB log is refused without being
/// loaded), and reading stops one byte past the limit in case the file grows meanwhile.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, ReadError> {
    let bytes = read_file(path, limits)?;
    read_bytes(&path.display().to_string(), &bytes, limits)
}

/// The bytes of one file, for callers that need them as well as the [`Document`] (the graph
/// stage hashes them): the same checks as [`read_path`] — regular files only, size checked
/// before reading and again after, errors naming the path.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(io_error(std::io::Error::other(
            "is a directory (use discover to list its files)",
        )));
    }
    if !meta.is_file() {
        // A FIFO would block the batch until someone writes to it; a device never ends.
        return Err(io_error(std::io::Error::other(
            "not a regular file (device, socket or FIFO)",
        )));
    }
    let too_large = |size| ReadError::TooLarge {
        source_name: path.display().to_string(),
        size,
        limit: limits.max_bytes,
    };
    if meta.len() > limits.max_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Read bytes that came from `source`: a path or a label, used in messages and, when it has an
/// extension (`.html`, `.md`), as a hint to the format.
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
    let binary = |kind| ReadError::Binary {
        source_name: source.to_owned(),
        kind,
    };
    if let Some(kind) = sniff::binary_kind(bytes) {
        return Err(binary(kind));
    }

    let decoded = decode::decode(bytes);
    let controls = sniff::controls(&decoded.text);
    if let Some(kind) = sniff::binary_by_controls(&decoded.text, controls) {
        return Err(binary(kind));
    }
    let mut text = decoded.text;
    let mut warnings: Vec<Warning> = decoded
        .notes
        .into_iter()
        .map(|message| Warning {
            message,
            span: None,
        })
        .collect();
    if controls.nul + controls.other > 0 {
        warnings.push(Warning {
            message: format!(
                "{} control character(s) ({} NUL) in the text, kept as they are",
                controls.nul + controls.other,
                controls.nul
            ),
            span: None,
        });
    }

    let (mut fields, body_start) = match front_matter::split(&text) {
        Some(fm) => (fm.fields, fm.body_start),
        None => (Vec::new(), 0),
    };
    let format = sniff::format_of(source, &text[body_start..]);
    let mut tables = Vec::new();
    match format {
        Format::Html => {
            let page = html::extract(&text[body_start..], Limits::MAX_HTML_DEPTH);
            if let Some((dropped, at)) = page.flattened {
                warnings.push(Warning {
                    message: format!(
                        "HTML nested deeper than {} elements: {dropped} start tag(s) past that \
                         depth were dropped (the first at byte {at} of the page), their text kept",
                        Limits::MAX_HTML_DEPTH
                    ),
                    span: None,
                });
            }
            if page.choice == html::Choice::Body {
                warnings.push(Warning {
                    message: "no content container and no block of Chinese text found; read \
                              the whole page body"
                        .to_owned(),
                    span: None,
                });
            }
            fields.extend(page.fields);
            tables = page.tables;
            text = page.text;
        }
        Format::Text | Format::Markdown => {
            // Point the malformed-bytes warning at its U+FFFD, now that offsets are known.
            if let Some(first) = decoded.first_invalid_char {
                let removed = text[..body_start].chars().count();
                if let (Some(at), Some(warning)) = (
                    first.checked_sub(removed),
                    warnings
                        .iter_mut()
                        .find(|w| w.message.contains("malformed byte sequence")),
                ) {
                    warning.span = Some(Span::new(at, at + 1));
                }
            }
            text.drain(..body_start);
            if format == Format::Text {
                if decoded.first_invalid_char.is_none() {
                    if let Some((joined, n)) = reflow::join_page_lines(&text) {
                        text = joined;
                        warnings.push(Warning {
                            message: format!(
                                "the text is laid out in full lines, as copied out of a PDF: \
                                 {n} line break(s) inside paragraphs removed"
                            ),
                            span: None,
                        });
                    } else if let Some((rows, n)) = cell_lines::cell_line_tables(&text) {
                        text = rows;
                        warnings.push(Warning {
                            message: format!(
                                "a table written one cell a line: its {n} line(s) written a row \
                                 a line, cells separated by tabs"
                            ),
                            span: None,
                        });
                    } else if let Some((rows, n)) = space_tables::layout_tables(&text) {
                        text = rows;
                        warnings.push(Warning {
                            message: format!(
                                "a table laid out in columns with spaces: its {n} line(s) \
                                 written a row a line, cells separated by tabs"
                            ),
                            span: None,
                        });
                    }
                }
                tables = text_tables::tab_tables(&text);
            }
        }
    }

    if text.trim().is_empty() {
        let detail = match (format, body_start > 0) {
            (Format::Html, _) => {
                "the HTML has no readable text outside scripts, styles, navigation and other \
                 page furniture"
            }
            (_, true) => "only front matter, no body",
            (_, false) => "only whitespace",
        };
        return Err(ReadError::NoText {
            source_name: source.to_owned(),
            detail: detail.to_owned(),
        });
    }

    Ok(Document {
        source: source.to_owned(),
        format,
        encoding: decoded.report,
        text,
        tables,
        fields,
        warnings,
    })
}
