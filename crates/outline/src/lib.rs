//! policykg-outline: the second stage, **text → outline and metadata**.
//!
//! Given a [`policykg_read::Document`], it finds the heading hierarchy of a Chinese official
//! document (一、 / （一） / 1． / （1） / ① / 第X章 / 第X条, and the mixed styles real files contain)
//! and the document's metadata: title, issuing bodies, date, 文号, addressees, jurisdiction and the
//! documents it cites.
//!
//! What it is not for: it does not decide what is a task, who is responsible or what a number
//! means; that is `policykg-extract`, which walks the [`Outline`] built here.
//!
//! All spans are character offsets into `Document::text` (the original text). Matching happens
//! on a normalised copy (full-width digits and spaces folded), whose every offset maps back to
//! the original through [`normalize::Normalized`].

mod model;

pub use model::{Citation, Metadata, Node, NodeId, Outline, Parsed, Style};

use policykg_ontology::Ontology;
use policykg_read::Document;

/// Build the outline and metadata of a document. (Provisional: empty outline and metadata until
/// the outline stage lands.)
pub fn parse(document: Document, _ontology: &Ontology) -> Parsed {
    Parsed {
        outline: Outline::default(),
        metadata: Metadata::default(),
        warnings: Vec::new(),
        document,
    }
}
