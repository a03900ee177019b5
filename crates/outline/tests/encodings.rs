//! Each copy of a seed in corpus/encodings/ (GBK, GB18030, UTF-16LE with BOM, a gb2312 HTML page)
//! must give the same outline (numbers, headings, bodies, tree) and metadata as its UTF-8 seed.
//! Offsets are not compared: an HTML page renders blank lines differently. One difference is in
//! the input itself: GBK cannot encode U+00A0, so scripts/make-encoded-copies.py writes a space
//! instead (seed 001 has "皖美制造\u{a0}畅行全球"); strings are compared with that substitution.

mod common;

use common::{check_invariants, parse_file, workspace};
use policykg_outline::Parsed;

/// Everything but offsets and provenance (an HTML page adds its own metadata table, which may
/// change where a field came from but never what it says).
fn comparable(p: &Parsed) -> serde_json::Value {
    let m = &p.metadata;
    let nodes: Vec<serde_json::Value> = p
        .outline
        .nodes
        .iter()
        .map(|n| {
            serde_json::json!([
                n.number, n.style, n.ordinal, n.level, n.parent, n.children, n.path, n.heading,
                n.body
            ])
        })
        .collect();
    let citations: Vec<serde_json::Value> = m
        .citations
        .iter()
        .map(|c| serde_json::json!([c.title, c.doc_number]))
        .collect();
    serde_json::json!({
        "title": m.title, "status": m.status, "issuers": m.issuers, "date": m.date,
        "doc_number": m.doc_number, "addressees": m.addressees, "jurisdiction": m.jurisdiction,
        "citations": citations,
        "cover": m.cover.as_ref().map(|c| serde_json::json!([c.action, c.title, c.doc_number, c.included])),
        "history": m.history.iter().map(|h| serde_json::json!([h.date, h.event])).collect::<Vec<_>>(),
        "nodes": nodes,
        "warnings": p.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>(),
    })
}

#[test]
fn encoded_copies_match_their_seed() {
    let dir = workspace().join("corpus/encodings");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus/encodings exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !policykg_read::is_skipped_name(n))
        .collect();
    names.sort();
    // GBK, GB18030 and UTF-16LE copies of two seeds, and a gb2312 HTML page.
    assert!(names.len() >= 7, "{names:?}");
    for kind in [".gbk.", ".gb18030.", ".utf16le.", ".html"] {
        assert!(
            names.iter().any(|n| n.contains(kind)),
            "no {kind} copy in {names:?}"
        );
    }
    for name in &names {
        let stem = name.split('.').next().unwrap();
        let seed = parse_file(&format!("corpus/seeds/{stem}.txt"));
        let copy = parse_file(&format!("corpus/encodings/{name}"));
        check_invariants(&copy).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_ne!(
            copy.document.encoding.name, "UTF-8",
            "{name} was not decoded from another encoding"
        );
        assert_eq!(copy.document.encoding.invalid_sequences, 0, "{name}");
        assert!(!copy.outline.nodes.is_empty(), "{name}");
        let (mut copy, mut seed) = (comparable(&copy), comparable(&seed));
        if name.ends_with(".html") && stem == "001_a6818095697d7a7c" {
            // The page's <title> gives the notice's own title, which the seed's text lacks
            // (it starts at the addressees); the seed falls back to the carried document's.
            assert_eq!(
                copy["title"],
                "安徽省人民政府办公厅关于印发安徽省专精特新中小企业倍增行动方案的通知"
            );
            assert_eq!(seed["title"], "安徽省专精特新中小企业倍增行动方案");
            copy["title"] = serde_json::Value::Null;
            seed["title"] = serde_json::Value::Null;
        }
        let (copy, seed) = (copy.to_string(), seed.to_string());
        let nbsp = |s: String| s.replace('\u{a0}', " ");
        assert_eq!(nbsp(copy), nbsp(seed), "{name} differs from seed {stem}");
    }
}
