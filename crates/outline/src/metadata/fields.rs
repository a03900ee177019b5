//! Labelled fields declared outside the text: the page table (by the labels of
//! `ontology/documents/page_labels.tsv`), front matter and the HTML head.

use policykg_ontology::{LabelField, Ontology};
use policykg_read::{Document, FieldOrigin};

pub(super) fn field<'a>(doc: &'a Document, origin: FieldOrigin, keys: &[&str]) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == origin && keys.contains(&f.key.as_str()) && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}

/// The first page-table field whose label fills `target` (`ontology/documents/page_labels.tsv`).
pub(super) fn table_field<'a>(
    doc: &'a Document,
    ontology: &Ontology,
    target: LabelField,
) -> Option<&'a str> {
    doc.fields
        .iter()
        .find(|f| {
            f.origin == FieldOrigin::PageTable
                && ontology.page_labels.field(&f.key) == Some(target)
                && !f.value.trim().is_empty()
        })
        .map(|f| f.value.trim())
}
