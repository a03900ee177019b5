//! Arbitrary bytes through decoding, format sniffing, HTML extraction, outline and metadata:
//! every file a user can point policykg at goes this way, so none of it may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ontology = policykg_ontology::Ontology::bundled();
    for name in ["fuzz.txt", "fuzz.html", "fuzz.md"] {
        if let Ok(document) = policykg_read::read_bytes(name, data, &Default::default()) {
            let parsed = policykg_outline::parse(document, ontology);
            let chars = parsed.document.text.chars().count();
            for node in &parsed.outline.nodes {
                assert!(node.span.start <= node.span.end && node.span.end <= chars);
            }
        }
    }
});
