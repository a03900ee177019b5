//! Arbitrary text through outline and extraction (tasks, agencies, targets, money): the
//! extraction stage must never panic and must only report spans inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let ontology = policykg_ontology::Ontology::bundled();
    let Ok(document) = policykg_read::read_bytes("fuzz.txt", text.as_bytes(), &Default::default())
    else {
        return;
    };
    let parsed = policykg_outline::parse(document, ontology);
    let x = policykg_extract::extract(&parsed, ontology);
    let chars = parsed.document.text.chars().count();
    for t in &x.tasks {
        assert!(t.span.end <= chars);
    }
    for t in &x.targets {
        assert!(t.span.end <= chars);
    }
    for a in &x.amounts {
        assert!(a.span.end <= chars);
    }
});
