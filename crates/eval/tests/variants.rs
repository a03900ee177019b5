//! Metamorphic tests: a few real dev documents scored in the presentations users' files have
//! (saved as text, GB18030, copied out of a PDF, half-width punctuation, tables one cell a line),
//! against the same gold.
//! The floors sit just under what was measured when the rules were made presentation-proof; a
//! rule that depends on presentation again shows here as a variant falling below its floor.

use std::path::{Path, PathBuf};

use policykg_eval::{evaluate_variant, Field, Variant, VariantReport};
use policykg_ontology::Ontology;
use policykg_read::Limits;

/// Gold files of varied sources: a Jiangxi page with its label table (014), a task-division table
/// (029), a regulation in Markdown (027), a pkulaw export (033), a page run together on one line
/// (031a), a government work report with targets and money (037), a provincial notice (x02), a
/// gov.cn cover notice whose carried 请示 is signed by another body (011).
const DOCUMENTS: &[&str] = &["011", "014", "027", "029", "031a", "033", "037", "x02"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A gold directory holding copies of `DOCUMENTS`' gold files, their `file` made absolute.
fn gold_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let gold = root().join("corpus/gold");
    for name in DOCUMENTS {
        let path = gold.join(format!("{name}.json"));
        let mut value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(value["split"], "dev", "{name} must be a dev document");
        let file = gold.join(value["file"].as_str().unwrap());
        let file = file.canonicalize().unwrap();
        value["file"] = serde_json::Value::String(file.display().to_string());
        std::fs::write(
            dir.path().join(format!("{name}.json")),
            serde_json::to_string(&value).unwrap(),
        )
        .unwrap();
    }
    dir
}

fn f1(report: &policykg_eval::Report, field: Field) -> f64 {
    report
        .summary("dev")
        .and_then(|s| s.fields.get(&field))
        .and_then(|c| c.f1())
        .unwrap_or(0.0)
}

const FIELDS: [Field; 5] = [
    Field::Tasks,
    Field::AgencyRole,
    Field::Metadata,
    Field::Targets,
    Field::Amounts,
];

fn run(variant: Variant) -> VariantReport {
    let dir = gold_dir();
    let r = evaluate_variant(dir.path(), variant, Ontology::bundled(), &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", variant.name()));
    assert!(
        r.problems.is_empty(),
        "{}: {:?}",
        variant.name(),
        r.problems
    );
    for field in FIELDS {
        eprintln!(
            "{} {}: {:.3} (original {:.3})",
            variant.name(),
            field.name(),
            f1(&r.transformed, field),
            f1(&r.original, field)
        );
    }
    r
}

/// Each field's F1 on the variant is at least its floor.
fn assert_floors(r: &VariantReport, floors: &[(Field, f64)]) {
    for &(field, floor) in floors {
        let got = f1(&r.transformed, field);
        assert!(
            got >= floor,
            "{} {}: {got:.3} < floor {floor}",
            r.variant.name(),
            field.name()
        );
    }
}

/// A variant that changes only bytes or punctuation widths scores as the original, field by field.
fn assert_same_as_original(r: &VariantReport) {
    for field in Field::ALL {
        let (o, t) = (
            r.original.summary("dev").and_then(|s| s.fields.get(&field)),
            r.transformed
                .summary("dev")
                .and_then(|s| s.fields.get(&field)),
        );
        assert_eq!(o, t, "{} {}", r.variant.name(), field.name());
    }
}

#[test]
fn gbk_scores_as_the_original() {
    let r = run(Variant::Gbk);
    assert_eq!(r.transformed.documents.len(), DOCUMENTS.len());
    assert_same_as_original(&r);
}

#[test]
fn width_scores_as_the_original() {
    let r = run(Variant::Width);
    assert_eq!(r.transformed.documents.len(), DOCUMENTS.len());
    assert_same_as_original(&r);
}

#[test]
fn text_scores_as_the_original() {
    let r = run(Variant::Text);
    // The HTML and Markdown documents; text files have no text variant.
    assert_eq!(r.transformed.documents.len(), 4);
    assert_eq!(r.not_applicable.len(), 4);
    assert_same_as_original(&r);
}

/// Pages with tables saved one cell a line read as the pages do: 029's task table (a category
/// column merged down, task cells opening with their numbers, lead cells often empty) and 011's
/// table.
#[test]
fn cells_score_as_the_original() {
    let r = run(Variant::Cells);
    // The documents with a table: 011 and 029.
    assert_eq!(r.transformed.documents.len(), 2);
    assert_same_as_original(&r);
}

/// Measured: tasks 0.997, agency_role 0.975, metadata 0.976, targets 1.000, amounts 1.000
/// (the originals: 0.997, 0.973, 0.992, 1.000, 1.000; measured on the eight documents, 011
/// included). Before 029's table was read from the copy's spaces, tasks 0.965 and agency_role
/// 0.860.
#[test]
fn pdf_floors() {
    let r = run(Variant::Pdf);
    assert_eq!(r.transformed.documents.len(), DOCUMENTS.len());
    assert_floors(
        &r,
        &[
            (Field::Tasks, 0.99),
            (Field::AgencyRole, 0.97),
            (Field::Metadata, 0.96),
            (Field::Targets, 0.99),
            (Field::Amounts, 0.99),
        ],
    );
}
