//! Embeds the example queries (`scripts/queries/*.rq` at the workspace root) into the binary, so
//! the query page offers them with no files around.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("../..");
    let dir = root.join("scripts/queries");
    // Watch the directory (cargo then notices added, removed and edited files), or its parent
    // so that creating it triggers a rebuild.
    let watched = [dir.clone(), root.join("scripts")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or(manifest.join("build.rs"));
    println!("cargo:rerun-if-changed={}", watched.display());
    println!("cargo:rerun-if-changed=build.rs");

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rq") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut code = String::from(
        "/// `(file name, text)` of each `scripts/queries/*.rq`, sorted by name.\n\
         pub static EMBEDDED_EXAMPLES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        println!("cargo:rerun-if-changed={}", absolute.display());
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            absolute.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(Path::new(&out).join("examples.rs"), code).expect("OUT_DIR is writable");
}
