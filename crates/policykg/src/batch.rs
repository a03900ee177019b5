//! Running one stage over many files: discovery, parallel work, output in input order, one line
//! per failed file, and an exit status that says whether any file failed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

/// How many files are in flight at once: enough to keep every core busy, few enough that memory
/// stays proportional to a handful of documents however large the batch.
const WINDOW: usize = 32;

/// Counts of a finished batch.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub ok: usize,
    pub failed: usize,
}

impl Summary {
    pub fn exit_code(&self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }

    /// A closing line on stderr when some files failed, so a long batch ends with the count.
    pub fn report(&self) {
        if self.failed > 0 {
            eprintln!(
                "policykg: {} of {} files failed",
                self.failed,
                self.ok + self.failed
            );
        }
    }
}

/// Runs `work` on every file under `paths` (directories recursively, in sorted order), in
/// parallel, and hands each result to `emit` in input order. A file whose `work` fails gets one
/// line on stderr naming it and the reason; the others go on. No paths at all (an empty
/// `--files-from` list) is an empty batch; paths under which no file is found are an error.
pub fn run<T, W, E>(paths: &[PathBuf], work: W, mut emit: E) -> anyhow::Result<Summary>
where
    T: Send,
    W: Fn(&Path) -> anyhow::Result<T> + Sync,
    E: FnMut(&Path, T) -> anyhow::Result<()>,
{
    let mut summary = Summary::default();
    if paths.is_empty() {
        return Ok(summary);
    }
    let found = policykg_read::discover(paths);
    for window in found.chunks(WINDOW) {
        let results: Vec<anyhow::Result<(&Path, T)>> = window
            .par_iter()
            .map(|entry| match entry {
                Ok(path) => work(path).map(|value| (path.as_path(), value)),
                Err(err) => Err(anyhow::anyhow!("{err}")),
            })
            .collect();
        for result in results {
            match result {
                Ok((path, value)) => {
                    summary.ok += 1;
                    emit(path, value)?;
                }
                Err(err) => {
                    summary.failed += 1;
                    eprintln!("policykg: {err:#}");
                }
            }
        }
    }
    if summary.ok + summary.failed == 0 {
        anyhow::bail!("no files found under {}", display_paths(paths));
    }
    Ok(summary)
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
