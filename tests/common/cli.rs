//! Running the built `policykg` binary from the root CLI tests (included with `#[path]`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root: the tests are targets of `crates/policykg`, two levels below it.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `policykg ARGS` from the workspace root, with no store chosen by the environment and tables
/// at the default width (100 columns: the output is not a terminal and `COLUMNS` is unset).
pub fn policykg(args: &[&str]) -> Output {
    policykg_with(args, &[])
}

/// [`policykg`] with environment variables set.
pub fn policykg_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policykg"))
        .args(args)
        .current_dir(repo())
        .env_remove("POLICYKG_STORE")
        .env_remove("COLUMNS")
        .envs(env.iter().copied())
        .output()
        .expect("run policykg")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A directory for a store that the tests of one binary share, kept in a `static`.
///
/// Statics are never dropped, so a `TempDir` held in one is never removed: every run left a
/// 75–150 MB store in `/tmp`, and a CI run's disk filled up. This directory is fixed per name
/// under cargo's `target/tmp`, emptied when a run first asks for it: one copy at most, and it is
/// still there to look at after a failure.
pub fn shared_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot empty {}: {e}", dir.display()),
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot make {}: {e}", dir.display()));
    dir
}
