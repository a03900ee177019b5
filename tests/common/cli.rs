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
