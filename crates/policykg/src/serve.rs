//! `policykg serve`.

use std::process::ExitCode;

use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_global: &Global, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`serve` is not implemented yet")
}
