//! The graph subcommands: `ingest`, `query`, `tasks`, `agencies`, `export`, `network`.

use std::process::ExitCode;

use crate::Global;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Extract notices and load them into the store.
    Ingest(IngestArgs),
}

#[derive(clap::Args, Debug)]
pub struct IngestArgs {}

pub fn run(_global: &Global, _cmd: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("graph commands are not implemented yet")
}
