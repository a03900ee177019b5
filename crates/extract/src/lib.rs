//! policykg-extract: the third stage, **outline → facts**.
//!
//! What researchers now copy into spreadsheets by hand: the tasks of a notice, the agencies
//! responsible for each with their role (lead / support / joint) and the basis of that role,
//! numeric targets, and money amounts. The result, an [`Extraction`], is the contract that the
//! graph, the CLI's JSONL/CSV output and the diff all read.
//!
//! What it is not for: reading bytes or finding headings (earlier stages), or linking documents
//! to one another (the graph stage).

mod model;
pub mod money;
pub mod numbers;
pub mod responsibility;
pub mod targets;
pub mod tasks;

pub use model::*;
pub use tasks::tasks;

use policykg_ontology::Ontology;
use policykg_outline::Parsed;

/// Extract the facts of a parsed document. (Provisional: metadata only until tasks, agencies,
/// targets and amounts land.)
pub fn extract(parsed: &Parsed, _ontology: &Ontology) -> Extraction {
    let m = &parsed.metadata;
    Extraction {
        source: parsed.document.source.clone(),
        encoding: parsed.document.encoding.name.to_owned(),
        title: m.title.clone(),
        doc_number: m.doc_number.clone(),
        date: m.date.clone(),
        issuers: m.issuers.clone(),
        jurisdiction: m.jurisdiction.clone(),
        addressees: m.addressees.clone(),
        citations: m.citations.clone(),
        convention: RoleConvention::FirstListed,
        tasks: Vec::new(),
        targets: Vec::new(),
        amounts: Vec::new(),
        warnings: Vec::new(),
    }
}
