//! Output files that appear whole or not at all.
//!
//! Every `--out FILE` is written to a temporary file in the same directory and renamed over
//! `FILE` only once everything was written: a command that fails half-way (a damaged store, a
//! full disk, Ctrl-C) leaves the previous `FILE`, or none, never a truncated one that looks
//! like a result.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tempfile::NamedTempFile;

/// A file being written; dropped without [`OutFile::commit`], it disappears.
pub struct OutFile {
    path: PathBuf,
    tmp: BufWriter<NamedTempFile>,
}

impl OutFile {
    pub fn create(path: &Path) -> anyhow::Result<OutFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{}.", name.as_deref().unwrap_or("out")))
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create", path.display()))?;
        Ok(OutFile {
            path: path.to_owned(),
            tmp: BufWriter::new(tmp),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> anyhow::Result<()> {
        let path = self.path;
        let cannot = || format!("{}: cannot write", path.display());
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(cannot)?;
        // A temporary file is private (0600); a result is for sharing, as a plain create with
        // the usual umask would make it.
        set_default_permissions(tmp.as_file()).with_context(cannot)?;
        tmp.as_file().sync_all().with_context(cannot)?;
        tmp.persist(&path)
            .map_err(|e| e.error)
            .with_context(cannot)?;
        Ok(())
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

#[cfg(unix)]
fn set_default_permissions(file: &File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &File) -> std::io::Result<()> {
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = OutFile::create(path)?;
    out.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    out.commit()
}
