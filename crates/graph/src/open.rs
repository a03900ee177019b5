//! Where the store lives and how it is opened, with errors that say what to do.
//!
//! The store is an Oxigraph store on RocksDB, one directory. By default it is
//! `.policykg/store` in the current directory or the nearest ancestor that has one (like `.git`),
//! so a researcher's project carries its own graph; `--store PATH` or `POLICYKG_STORE` choose
//! another.

use std::path::{Path, PathBuf};

use oxigraph::store::{StorageError, Store};

use crate::GraphError;

/// The environment variable that overrides the default store path.
pub const STORE_ENV: &str = "POLICYKG_STORE";

/// The store directory relative to a project directory.
pub const STORE_DIR: &str = ".policykg/store";

/// How to open a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No lock is taken and nothing is created: the store must exist. Sees the store as it was
    /// when opened. Oxigraph documents a concurrent writer as undefined behaviour for read-only
    /// instances, so long-lived readers should be restarted after an ingest.
    ReadOnly,
    /// Takes RocksDB's lock (one writer per store, across processes) and creates the store if
    /// the directory is missing or empty.
    ReadWrite,
}

/// The store path to use when none is given: `$POLICYKG_STORE` if set, else `.policykg/store`
/// in the current directory or its nearest ancestor that has one, else `.policykg/store` in the
/// current directory.
pub fn default_store_path() -> PathBuf {
    if let Some(path) = std::env::var_os(STORE_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let Ok(cwd) = std::env::current_dir() else {
        return PathBuf::from(STORE_DIR);
    };
    for dir in cwd.ancestors() {
        let candidate = dir.join(STORE_DIR);
        if is_store(&candidate) {
            return candidate;
        }
    }
    cwd.join(STORE_DIR)
}

/// Whether `path` looks like a RocksDB directory (it has a `CURRENT` file).
pub fn is_store(path: &Path) -> bool {
    path.join("CURRENT").is_file()
}

/// Opens the store at `path`.
///
/// Errors name the path and say what to do: [`GraphError::NoStore`] (read-only on a missing
/// store), [`GraphError::Locked`] (another process writes it), [`GraphError::NotAStore`] (a file,
/// or a non-empty directory that is not a RocksDB store: it is never written into),
/// [`GraphError::Corrupt`].
pub fn open(path: &Path, mode: Mode) -> Result<Store, GraphError> {
    if path.is_file() {
        return Err(GraphError::NotAStore {
            path: path.to_owned(),
            reason: "it is a file, a store is a directory".into(),
        });
    }
    if path.to_str().is_none() {
        return Err(GraphError::NotAStore {
            path: path.to_owned(),
            reason: "RocksDB needs a path that is valid UTF-8".into(),
        });
    }
    let exists = is_store(path);
    match mode {
        Mode::ReadOnly => {
            if !exists {
                if path.is_dir() && !dir_is_empty(path) {
                    return Err(GraphError::NotAStore {
                        path: path.to_owned(),
                        reason: "the directory has no RocksDB `CURRENT` file".into(),
                    });
                }
                return Err(GraphError::NoStore {
                    path: path.to_owned(),
                });
            }
            Store::open_read_only(path).map_err(|e| classify(path, "open read-only", e))
        }
        Mode::ReadWrite => {
            if !exists {
                if path.is_dir() && !dir_is_empty(path) {
                    return Err(GraphError::NotAStore {
                        path: path.to_owned(),
                        reason: "the directory is not empty and has no RocksDB `CURRENT` file; \
                                 refusing to create a store among other files"
                            .into(),
                    });
                }
                std::fs::create_dir_all(path)
                    .map_err(|e| GraphError::storage(path, "create the store directory", e))?;
            }
            let store = Store::open(path).map_err(|e| classify(path, "open", e))?;
            remove_bulk_leftovers(path)?;
            Ok(store)
        }
    }
}

/// Removes the SST files a bulk load killed mid-way left in the store directory (Oxigraph
/// writes them there as `bulk-*.sst`, and RocksDB, which never listed them, ignores them): taken
/// in, they are a second link to a live file; not taken in, they are dead. Called with the store
/// open for writing, so no other process is loading.
fn remove_bulk_leftovers(path: &Path) -> Result<(), GraphError> {
    let entries =
        std::fs::read_dir(path).map_err(|e| GraphError::storage(path, "list the store", e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            std::fs::remove_file(entry.path())
                .map_err(|e| GraphError::storage(path, format!("remove the leftover {name}"), e))?;
        }
    }
    Ok(())
}

fn dir_is_empty(path: &Path) -> bool {
    std::fs::read_dir(path)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

/// Turns RocksDB's messages into the errors a user can act on.
pub(crate) fn classify(path: &Path, action: &str, err: StorageError) -> GraphError {
    let message = err.to_string();
    match &err {
        StorageError::Corruption(_) => GraphError::Corrupt {
            path: path.to_owned(),
            reason: message,
        },
        _ if message.contains("lock file") || message.contains("LOCK") => GraphError::Locked {
            path: path.to_owned(),
        },
        _ if message.contains("Corruption")
            || message.contains("corrupt")
            || message.contains("does not exist")
            || message.contains("Invalid argument") =>
        {
            GraphError::Corrupt {
                path: path.to_owned(),
                reason: message,
            }
        }
        _ => GraphError::storage(path, action, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_on_missing_store_says_to_ingest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nothing-here");
        let err = open(&path, Mode::ReadOnly).err().expect("an error");
        assert!(matches!(err, GraphError::NoStore { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains("policykg ingest"), "{msg}");
        assert!(!path.exists(), "a read-only open must not create anything");
    }

    #[test]
    fn a_write_open_removes_what_a_killed_bulk_load_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        drop(open(&path, Mode::ReadWrite).unwrap());
        let leftover = path.join("bulk-1234.sst");
        std::fs::write(&leftover, b"half an SST file").unwrap();
        drop(open(&path, Mode::ReadOnly).unwrap());
        assert!(leftover.exists(), "a read-only open changes nothing");
        let store = open(&path, Mode::ReadWrite).unwrap();
        assert!(!leftover.exists());
        assert_eq!(store.len().unwrap(), 0);
    }

    #[test]
    fn refuses_a_file_and_a_foreign_directory() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, "hello").unwrap();
        let err = open(&file, Mode::ReadWrite).err().expect("an error");
        assert!(matches!(err, GraphError::NotAStore { .. }), "{err}");
        assert!(err.to_string().contains("notes.txt"));

        // A directory with the user's files in it is never turned into a store.
        let err = open(dir.path(), Mode::ReadWrite).err().expect("an error");
        assert!(matches!(err, GraphError::NotAStore { .. }), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn second_writer_is_told_the_store_is_locked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let _first = open(&path, Mode::ReadWrite).unwrap();
        let err = open(&path, Mode::ReadWrite).err().expect("an error");
        assert!(matches!(err, GraphError::Locked { .. }), "{err:?}");
        assert!(err.to_string().contains(&path.display().to_string()));
        // Readers still get in.
        open(&path, Mode::ReadOnly).unwrap();
    }

    #[test]
    fn corrupt_store_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        drop(open(&path, Mode::ReadWrite).unwrap());
        std::fs::write(path.join("CURRENT"), b"\x00\x01garbage").unwrap();
        for mode in [Mode::ReadOnly, Mode::ReadWrite] {
            let err = open(&path, mode).err().expect("an error");
            assert!(
                matches!(err, GraphError::Corrupt { .. }),
                "{mode:?}: {err:?}"
            );
            assert!(err.to_string().contains(&path.display().to_string()));
        }
    }
}
