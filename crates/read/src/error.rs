use std::path::PathBuf;

/// Why a file could not be read as a notice. Every variant names the file, so that a batch over a
/// directory prints one self-explaining line per bad file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{source_name}: empty file")]
    Empty { source_name: String },
    #[error("{source_name}: binary file ({kind}), not a text or HTML notice")]
    Binary {
        source_name: String,
        kind: &'static str,
    },
    #[error("{source_name}: file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        source_name: String,
        size: u64,
        limit: u64,
    },
    #[error("{source_name}: no text found ({detail})")]
    NoText { source_name: String, detail: String },
}
