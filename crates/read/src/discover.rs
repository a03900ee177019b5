//! Which files a command line names: files as given, directories walked recursively in sorted
//! order. The corpus keeps notes beside its documents (`README.md`, `SOURCES.md`) and tools leave
//! dotfiles, and keeps data beside documents (the evaluation gold as JSON, a floors file as TSV);
//! those are skipped inside directories (a file named explicitly is always taken).
//! Every problem (missing path, unreadable directory, a FIFO) is an entry of its own, so a batch
//! reports it and goes on.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::ReadError;

/// Files under `paths`, in order: each path as given, a directory's files sorted by name (by
/// bytes, so the order is the same on every machine), recursing into subdirectories in the same
/// order. Symbolic links are followed; a directory reached twice (a link loop) is walked once.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(source) => out.push(Err(io_error(path, source))),
            Ok(meta) if meta.is_dir() => walk(path, &mut seen_dirs, &mut out),
            Ok(meta) if meta.is_file() => out.push(Ok(path.clone())),
            Ok(_) => out.push(Err(not_a_file(path))),
        }
    }
    out
}

/// Extensions of data and code files, never notices: skipped inside directories. Formats a
/// notice may come in but that policykg cannot read (PDF, Word, images) are not here: those are
/// taken and fail with a per-file error, so that no document is dropped without a word.
const DATA_EXTENSIONS: &[&str] = &[
    "json", "jsonl", "tsv", "csv", "snap", "rq", "sparql", "ttl", "nt", "nq", "trig", "py", "sh",
    "rs", "toml", "lock", "yml", "yaml",
];

/// Whether a directory entry is a note, data or hidden file rather than a document: dotfiles,
/// `README*` / `SOURCES*` (any case when the name before the first dot is exactly that word),
/// and data or code files ([`DATA_EXTENSIONS`], any case).
pub fn is_skipped_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let data = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| DATA_EXTENSIONS.iter().any(|d| ext.eq_ignore_ascii_case(d)));
    name.starts_with('.')
        || name.starts_with("README")
        || name.starts_with("SOURCES")
        || stem.eq_ignore_ascii_case("readme")
        || stem.eq_ignore_ascii_case("sources")
        || data
}

fn walk(root: &Path, seen_dirs: &mut HashSet<PathBuf>, out: &mut Vec<Result<PathBuf, ReadError>>) {
    // An explicit stack, so that a deep tree cannot overflow ours. Children are pushed in reverse
    // so that they are popped in sorted order.
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !seen_dirs.insert(key) {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                out.push(Err(io_error(&dir, source)));
                continue;
            }
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let name = entry.file_name();
                    if !is_skipped_name(&name.to_string_lossy()) {
                        children.push(entry.path());
                    }
                }
                Err(source) => out.push(Err(io_error(&dir, source))),
            }
        }
        children.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        let mut subdirs = Vec::new();
        for child in children {
            match std::fs::metadata(&child) {
                Err(source) => out.push(Err(io_error(&child, source))),
                // Files of a directory come before its subdirectories' files, so a directory's
                // listing reads top-down like `ls`, then `ls` of each subdirectory.
                Ok(meta) if meta.is_dir() => subdirs.push(child),
                Ok(meta) if meta.is_file() => out.push(Ok(child)),
                Ok(_) => out.push(Err(not_a_file(&child))),
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
}

fn io_error(path: &Path, source: io::Error) -> ReadError {
    ReadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn not_a_file(path: &Path) -> ReadError {
    io_error(
        path,
        io::Error::other("not a regular file or directory (device, socket or FIFO)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_dotfiles_are_skipped() {
        assert!(is_skipped_name("README.md"));
        assert!(is_skipped_name("readme.txt"));
        assert!(is_skipped_name("SOURCES.md"));
        assert!(is_skipped_name(".gitkeep"));
        assert!(!is_skipped_name("001_a6818095697d7a7c.txt"));
        assert!(is_skipped_name("README_zh.md"));
        assert!(is_skipped_name("Sources.txt"));
        assert!(!is_skipped_name("sources_of_law.txt"));
    }

    #[test]
    fn data_beside_documents_is_skipped_but_unreadable_documents_are_not() {
        assert!(is_skipped_name("014.json"));
        assert!(is_skipped_name("floors.tsv"));
        assert!(is_skipped_name("tasks-led-by.RQ"));
        assert!(!is_skipped_name("043_linan.jsp"));
        assert!(!is_skipped_name("036_hunan.docx.txt"));
        assert!(!is_skipped_name("notice.pdf"));
        assert!(!is_skipped_name("notice"));
    }
}
