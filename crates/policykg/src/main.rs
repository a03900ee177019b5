//! The `policykg` command line: one subcommand per stage of the pipeline.
//!
//! Each subcommand group lives in its own module with its own `Args` and `run`; this file only
//! holds the options every stage shares and the dispatch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
mod csv_out;
mod diff;
mod eval;
mod extract;
mod graph;
mod out_file;
mod parse;
mod push;
mod serve;
mod split_export;
mod table;

// mimalloc replaces malloc for the whole process (Rust, RocksDB's C++ and libc alike): query
// workers spent about a third of their time in glibc's allocator. A Rust-only global allocator
// is not an option: oxigraph frees RocksDB's C-allocated error strings as Rust CStrings.
use libmimalloc_sys as _;

#[derive(Parser)]
#[command(
    name = "policykg",
    version,
    about = "Turn Chinese government policy notices into a queryable knowledge graph.",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options shared by all subcommands.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Extra ontology files (jurisdictions, agencies, abbreviation rules) added to the bundled ones.
    #[arg(long, global = true, env = "POLICYKG_ONTOLOGY", value_name = "DIR")]
    pub ontology: Option<PathBuf>,
    /// Tables at their full width instead of fitted to the terminal (or COLUMNS, else 100).
    #[arg(long, global = true)]
    pub wide: bool,
}

impl Global {
    /// The bundled ontology, extended by `--ontology DIR` when given.
    pub fn ontology(
        &self,
    ) -> anyhow::Result<std::borrow::Cow<'static, policykg_ontology::Ontology>> {
        use std::borrow::Cow;
        Ok(match &self.ontology {
            None => Cow::Borrowed(policykg_ontology::Ontology::bundled()),
            Some(dir) => Cow::Owned(policykg_ontology::Ontology::with_dir(dir)?),
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read notices and print their metadata and outline.
    Parse(parse::Args),
    /// Extract tasks, responsible agencies, targets and money amounts.
    Extract(extract::Args),
    #[command(flatten)]
    Graph(graph::Command),
    /// Send the store's graphs to another SPARQL store (Graph Store Protocol; unchanged ones skipped).
    Push(push::Args),
    /// Serve the store as a SPARQL 1.1 endpoint with a query page.
    Serve(serve::Args),
    /// Compare two versions of a policy, clause by clause.
    Diff(diff::Args),
    /// Score the extraction against hand-annotated gold files (corpus/gold).
    Eval(eval::Args),
}

fn main() -> ExitCode {
    // `policykg serve` runs its queries in copies of this binary (policykg_serve::worker).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == policykg_serve::worker::SUBCOMMAND)
    {
        return policykg_serve::worker::main();
    }
    let cli = Cli::parse();
    table::set_wide(cli.global.wide);
    let result = match cli.command {
        Command::Parse(args) => parse::run(&cli.global, args),
        Command::Extract(args) => extract::run(&cli.global, args),
        // Queries (and the graph commands' own) parse and evaluate on a thread with the stack
        // the SPARQL guard's limits need.
        Command::Graph(cmd) => {
            let global = &cli.global;
            policykg_graph::query::on_query_stack(move || graph::run(global, cmd))
                .unwrap_or_else(|e| Err(anyhow::anyhow!("cannot start the query thread: {e}")))
        }
        Command::Push(args) => push::run(args),
        Command::Serve(args) => serve::run(&cli.global, args),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::Eval(args) => eval::run(&cli.global, args),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`policykg query … | head`): that ends the output, it is not an
        // error to report.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("policykg: {err:#}");
            ExitCode::from(exit_status(&err))
        }
    }
}

/// Exit statuses, so that scripts can tell a busy or damaged store from a mistake.
const EXIT_USAGE: u8 = 2;
const EXIT_STORE_IN_USE: u8 = 3;
const EXIT_STORE_DAMAGED: u8 = 4;

const EXIT_STATUS_HELP: &str = "Exit status: 0 done; 1 some input files failed (the others were \
    processed); 2 usage or other error; 3 the store is in use by another process (retry when it \
    ends); 4 the store is damaged (check it with `policykg verify`); 5 `diff`: the two documents \
    look unrelated (give --force to compare them anyway).";

fn exit_status(err: &anyhow::Error) -> u8 {
    use policykg_graph::GraphError;
    for cause in err.chain() {
        match cause.downcast_ref::<GraphError>() {
            Some(GraphError::Locked { .. }) => return EXIT_STORE_IN_USE,
            Some(e) if e.is_damaged_store() => return EXIT_STORE_DAMAGED,
            _ => {}
        }
    }
    EXIT_USAGE
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            // Stage errors that carry the I/O error as text (GraphError::Output).
            || cause.to_string().contains("Broken pipe")
    })
}
