//! The lowest crate of policykg: the small pieces of text handling that every stage needs and
//! that must behave the same everywhere.
//!
//! - [`numeral`]: Chinese and Arabic numerals, parsed exactly into `Decimal`s (零/〇/○/0 as
//!   zero, 两, 廿, 卅, 万/亿 scales, mixed `1.2亿`).
//! - [`fold`]: full-width folding, with an offset map back to the original (offsets count
//!   characters of the original, like every `Span` of the project), and the same folding per
//!   character for comparison keys.
//! - [`yuan`]: money as a reader writes it (`80万元`), exact.
//! - [`escape`]: text for HTML and XML.
//! - [`lines`]: the data-file format of `ontology/` and `crates/*/data/`: `#` comments, blank
//!   lines, tab-separated cells, errors naming the file and line.
//! - [`time`]: UTC timestamps (RFC 3339) from Unix seconds, without a date library.
//!
//! It is not for deciding what a numeral run *means* (a number, an ordinal, part of 一批 or
//! 统一): that needs the lexicon and context and belongs to `policykg-extract`. It depends on
//! no other crate of the workspace, so that every stage, `policykg-read` included, may use it.

pub mod escape;
pub mod fold;
pub mod lines;
pub mod numeral;
pub mod time;
mod yuan;

pub use escape::escape;
pub use fold::{chars_of, is_han, normalize, Normalized, OffsetMap};
pub use yuan::yuan;
