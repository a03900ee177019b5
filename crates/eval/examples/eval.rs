//! `policykg eval` without the graph store: the same scoring, printed as JSON, built from the
//! pipeline crates alone (no Oxigraph/RocksDB to compile). For working on the extraction in a
//! fresh target directory:
//!
//! ```text
//! cargo run -p policykg-eval --example eval -- corpus/gold            # summaries and rows
//! cargo run -p policykg-eval --example eval -- corpus/gold 014        # and 014's mismatches
//! cargo run -p policykg-eval --example eval -- corpus/gold --variant pdf
//! ```
//!
//! `--variant NAME` (text, gbk, pdf, width, cells, or all) scores the dev documents in that
//! presentation and in the original, over the same documents, and prints both dev summaries,
//! the fields where the variant loses, and each dev document whose counts differ (with a DOC, its
//! mismatches on the variant).
//!
//! Blind documents' rows and details stay hidden, as in `policykg eval`; variants never read them.

use std::path::PathBuf;
use std::process::ExitCode;

use policykg_eval::{Field, Report, Variant, ViewOptions};
use serde_json::{json, Value};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let variant = match args.iter().position(|a| a == "--variant") {
        Some(i) if i + 1 < args.len() => {
            let name = args.remove(i + 1);
            args.remove(i);
            Some(name)
        }
        Some(_) => {
            eprintln!("--variant needs a name: text, gbk, pdf, width, cells or all");
            return ExitCode::from(2);
        }
        None => None,
    };
    let mut args = args.into_iter();
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: eval GOLD_DIR [DOC] [--variant text|gbk|pdf|width|cells|all]");
        return ExitCode::from(2);
    };
    let details = args.next();
    let ontology = policykg_ontology::Ontology::bundled();
    let limits = policykg_read::Limits::default();
    let out = if let Some(name) = variant {
        let variants: Vec<Variant> = if name == "all" {
            Variant::ALL.to_vec()
        } else if let Some(v) = Variant::parse(&name) {
            vec![v]
        } else {
            eprintln!("no variant \"{name}\": text, gbk, pdf, width, cells or all");
            return ExitCode::from(2);
        };
        let mut all = Vec::new();
        for v in variants {
            match policykg_eval::evaluate_variant(&dir, v, ontology, &limits) {
                Ok(r) => all.push(variant_view(&r, details.as_deref())),
                Err(e) => {
                    eprintln!("eval: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Value::Array(all)
    } else {
        let report = match policykg_eval::evaluate(&dir, ontology, &limits) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("eval: {e}");
                return ExitCode::from(2);
            }
        };
        let view = match report.view(&ViewOptions {
            show_blind: false,
            details,
        }) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("eval: {e}");
                return ExitCode::from(2);
            }
        };
        match serde_json::to_value(&view) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("eval: {e}");
                return ExitCode::from(2);
            }
        }
    };
    match serde_json::to_string_pretty(&out) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::from(2)
        }
    }
}

fn f1s(report: &Report) -> Value {
    let Some(dev) = report.summary("dev") else {
        return Value::Null;
    };
    Value::Object(
        dev.fields
            .iter()
            .filter_map(|(f, c)| {
                Some((
                    f.name().to_owned(),
                    json!((c.f1()? * 1000.0).round() / 1000.0),
                ))
            })
            .collect(),
    )
}

/// The comparison of one variant with the original (dev documents only).
fn variant_view(r: &policykg_eval::VariantReport, details: Option<&str>) -> Value {
    let original = r.original.summary("dev");
    let transformed = r.transformed.summary("dev");
    let mut losses = Vec::new();
    if let (Some(o), Some(t)) = (original, transformed) {
        for f in Field::ALL {
            let (Some(a), Some(b)) = (o.fields.get(&f), t.fields.get(&f)) else {
                continue;
            };
            if a != b {
                losses.push(json!({"field": f.name(),
                    "original": [a.tp, a.fp, a.fn_], "variant": [b.tp, b.fp, b.fn_]}));
            }
        }
    }
    let mut documents = Vec::new();
    for (o, t) in r.original.documents.iter().zip(&r.transformed.documents) {
        let differs: Vec<Value> = Field::ALL
            .iter()
            .filter(|f| o.scores.get(f) != t.scores.get(f))
            .map(|f| {
                let c = |d: &policykg_eval::DocReport| {
                    d.scores.get(f).map(|c| json!([c.tp, c.fp, c.fn_]))
                };
                json!({"field": f.name(), "original": c(o), "variant": c(t)})
            })
            .collect();
        if !differs.is_empty() {
            documents.push(json!({"name": o.name, "document": o.document, "differs": differs}));
        }
    }
    let shown = details.and_then(|d| {
        let (o, t) = (r.original.find(d)?, r.transformed.find(d)?);
        Some(json!({"name": t.name, "original": o.details, "variant": t.details}))
    });
    json!({
        "variant": r.variant.name(),
        "documents": r.transformed.documents.len(),
        "original": f1s(&r.original),
        "transformed": f1s(&r.transformed),
        "losses": losses,
        "not_applicable": r.not_applicable,
        "problems": r.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        "differing_documents": documents,
        "details": shown,
    })
}
