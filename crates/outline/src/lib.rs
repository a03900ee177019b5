//! policykg-outline: the second stage, **text → outline and metadata**.
//!
//! Given a [`policykg_read::Document`], it finds the heading hierarchy of a Chinese official
//! document (一、 / （一） / 1． 1. 1、 / （1） / ① / 一是 / 第X编 第X章 第X节 第X条, and the mixed
//! styles real files contain) and the document's metadata: title, status, issuing bodies, date,
//! 文号, addressees, jurisdiction, cover notice, regulation history and the documents it cites.
//!
//! How headings are found: only a number at the start of a line can open a heading, and whether
//! it does is decided by *sequence*, not by the line alone: a number must continue or restart
//! the numbering of what is open (see [`tree`](crate::tree) for the rules, including numbering
//! that continues across parents and a sibling written in an unusual style such as "2、" between
//! "一、" and "三、"). Body text that happens to start with a number ("1．" inside a sentence is
//! never at a line start; "第十一次党代会" is no heading number; a number out of sequence is
//! text) stays body. A heading line is either a title ("一、总体要求") or an item whose lead
//! sentence is its heading ("3．支持企业技术创新。充分发挥…": heading "支持企业技术创新。",
//! the rest is body).
//!
//! What it is not for: it does not decide what is a task, who is responsible or what a number
//! means; that is `policykg-extract`, which walks the [`Outline`] built here.
//!
//! All spans are character offsets into `Document::text` (the original text, never rewritten).
//! Matching happens on a normalised copy (full-width digits, letters and spaces folded;
//! invisible characters dropped), whose every offset maps back to the original through
//! [`normalize::Normalized`]. Work is linear in the length of the text (no regular expressions,
//! no backtracking; long lines are scanned a bounded number of times), and memory is
//! proportional to one document.

mod agency;
mod cite;
mod date;
mod docnum;
pub mod metadata;
mod model;
pub mod normalize;
pub mod numbering;
mod text;
pub mod tree;

pub use model::{
    Citation, Cover, HistoryEntry, Metadata, Node, NodeId, Outline, Parsed, Source, Sources, Style,
};

use policykg_ontology::Ontology;
use policykg_read::{Document, Warning};

use crate::text::Text;

/// Build the outline and metadata of a document.
pub fn parse(document: Document, ontology: &Ontology) -> Parsed {
    let norm = normalize::normalize(&document.text);
    let text = Text::new(&document.text, &norm);
    let mut warnings = Vec::new();
    let (outline, layout) = tree::build(&text, &mut warnings);
    let metadata = metadata::extract(&text, &layout, &document, ontology, &mut warnings);
    drop(text);
    Parsed {
        outline,
        metadata,
        warnings,
        document,
    }
}

/// The outline of a text alone, with the warnings about its numbering.
pub fn outline(text: &str) -> (Outline, Vec<Warning>) {
    let norm = normalize::normalize(text);
    let t = Text::new(text, &norm);
    let mut warnings = Vec::new();
    let (outline, _) = tree::build(&t, &mut warnings);
    (outline, warnings)
}
