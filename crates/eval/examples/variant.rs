//! Print one document in a variant's presentation (`text`, `gbk`, `pdf`, `width`), as the
//! eval's `--variant` reads it: for looking at what a rule loses on that presentation.
//!
//! ```text
//! cargo run -p policykg-eval --example variant -- pdf corpus/dev/045_….html > /tmp/045.pdf.txt
//! ```
//!
//! The title the page shows is not known here (the eval passes the original's extracted
//! title), so an HTML page whose title sits outside its content lacks it.

use std::io::Write;
use std::process::ExitCode;

use policykg_eval::variant::{transform, Variant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, path] = args.as_slice() else {
        eprintln!("usage: variant text|gbk|pdf|width|cells FILE");
        return ExitCode::from(2);
    };
    let Some(variant) = Variant::parse(name) else {
        eprintln!("unknown variant {name:?}: text, gbk, pdf, width or cells");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let file = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.clone(), |f| f.to_string_lossy().into_owned());
    match transform(
        variant,
        &file,
        &bytes,
        None,
        &policykg_read::Limits::default(),
    ) {
        Ok(Some(t)) => {
            let _ = std::io::stdout().write_all(&t.bytes);
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("{path}: the {name} variant does not apply to this file");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
