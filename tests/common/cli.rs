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

/// A directory for a store that one run of a test binary shares between its tests.
///
/// Statics are never dropped, so a `TempDir` held in one is never removed: every run left a
/// 75–150 MB store in `/tmp`, and a CI run's disk filled up. This directory lives under cargo's
/// `target/tmp`, named after the test and the process: two runs of one binary at the same time
/// (two `cargo test` on a shared machine) each have their own store instead of emptying each
/// other's, and a run removes the directories of runs that have ended (on Linux, where
/// `/proc` says which processes live), so one copy per running binary stays, still there to
/// look at after a failure.
pub fn shared_dir(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    remove_ended_runs(root, name);
    let dir = root.join(format!("{name}-{}", std::process::id()));
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot empty {}: {e}", dir.display()),
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot make {}: {e}", dir.display()));
    dir
}

/// Removes `root/{name}-{pid}` of processes that no longer run, and the fixed `root/{name}`
/// that earlier versions used. Best effort: a directory another process is removing is skipped.
fn remove_ended_runs(root: &Path, name: &str) {
    let _ = std::fs::remove_dir_all(root.join(name));
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let prefix = format!("{name}-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
