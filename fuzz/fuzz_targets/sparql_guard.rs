//! Arbitrary text through the SPARQL guard, and what it accepts through spargebra's parser on a
//! thread of the stack the guard's limits are measured for: the guard must never panic, and
//! nothing it accepts may overflow the parser's stack (which would abort the fuzzer).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policykg_sparql::{check, describe_syntax_error, Limits, QUERY_STACK_BYTES};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The lexer covers the text exactly, whatever it is.
    let covered: usize = policykg_sparql::lexer::tokens(text).map(|t| t.text.len()).sum();
    assert_eq!(covered, text.len());
    if check(text, &Limits::DEFAULT).is_err() {
        return;
    }
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(QUERY_STACK_BYTES)
        .spawn(move || {
            for result in [
                spargebra::SparqlParser::new().parse_query(&text).map(|q| q.to_string()),
                spargebra::SparqlParser::new().parse_update(&text).map(|u| u.to_string()),
            ] {
                if let Err(e) = result {
                    let report = describe_syntax_error(&text, &e.to_string());
                    assert!(!report.message.is_empty());
                }
            }
        })
        .expect("a thread")
        .join()
        .expect("no panic");
});
