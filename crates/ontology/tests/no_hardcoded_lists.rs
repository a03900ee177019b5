//! World knowledge is data under `ontology/`, not Rust: no source file outside tests may hold an
//! array or slice literal of more than a handful of Chinese string literals.
//!
//! Scans `crates/*/src/**/*.rs` and `crates/*/build.rs`, skipping `#[cfg(test)]` items. A
//! bracket group (`[…]`, not counting the groups nested in it) with more than [`HANDFUL`]
//! string literals holding a CJK character fails the test, naming the file and the line.

use std::path::{Path, PathBuf};

const HANDFUL: usize = 5;

/// Sites not yet moved to `ontology/`, each with the reason; the test also fails when one of
/// them no longer holds a list, so that the entry is removed with the list.
const PENDING: &[(&str, &str)] = &[];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Source text with every `#[cfg(test)]` item (the attribute through the end of its braces)
/// blanked out.
fn without_test_items(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after[open..].starts_with(';') {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        // Keep the line count so that reported lines stay right.
        out.extend(after[..end].chars().filter(|&c| c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// (line, count) of every bracket group holding more than `HANDFUL` Chinese string literals.
fn lists(src: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let mut found = Vec::new();
    // Open groups: (line of the `[`, Chinese literals directly inside).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '\'' => {
                // A char literal ('"', '\'', '《'); a lifetime has no closing quote nearby.
                if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
                    i += 4;
                    continue;
                }
                if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                    continue;
                }
            }
            '"' => {
                let mut j = i + 1;
                let mut cjk = false;
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        j += 1;
                    } else if chars[j] == '\n' {
                        line += 1;
                    } else if is_cjk(chars[j]) {
                        cjk = true;
                    }
                    j += 1;
                }
                if cjk {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                }
                i = j + 1;
                continue;
            }
            '[' => stack.push((line, 0)),
            ']' => {
                if let Some((at, n)) = stack.pop() {
                    if n > HANDFUL {
                        found.push((at, n));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_holds_a_list_of_chinese_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    let crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        crates.len() > 5,
        "crates/ not found from {}",
        root.display()
    );
    for krate in &crates {
        rust_files(&krate.join("src"), &mut files);
        let build = krate.join("build.rs");
        if build.is_file() {
            files.push(build);
        }
    }
    files.sort();
    let mut offences = Vec::new();
    let mut pending_seen = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let src = std::fs::read_to_string(file).unwrap();
        let found = lists(&without_test_items(&src));
        if found.is_empty() {
            continue;
        }
        if PENDING.iter().any(|(p, _)| *p == rel) {
            pending_seen.push(rel);
            continue;
        }
        for (line, n) in found {
            offences.push(format!(
                "{rel}:{line}: {n} Chinese string literals in one list"
            ));
        }
    }
    assert!(
        offences.is_empty(),
        "word lists belong in ontology/ (loaded by policykg-ontology):\n{}",
        offences.join("\n")
    );
    for (p, why) in PENDING {
        assert!(
            pending_seen.iter().any(|s| s == p),
            "{p} holds no list any more ({why}): remove it from PENDING"
        );
    }
}

#[test]
fn the_scanner_finds_a_list_and_skips_tests() {
    let src = "const A: &[&str] = &[\"一\", \"二\", \"三\", \"四\", \"五\", \"六\"];\n\
               const B: &[&str] = &[\"一\", \"二\"];\n\
               #[cfg(test)]\nmod tests { const C: &[&str] = &[\"一\", \"二\", \"三\", \"四\", \"五\", \"六\"]; }\n";
    assert_eq!(lists(&without_test_items(src)), [(1, 6)]);
    let pairs = "let f = [(\"标题\", 1), (\"状态\", 2), (\"日期\", 3), (\"文号\", 4), (\"机关\", 5), (\"来源\", 6)];";
    assert_eq!(lists(pairs), [(1, 6)]);
    assert!(lists("let c = ['\"', '《']; let s = \"[一二三四五六七]\";").is_empty());
}
