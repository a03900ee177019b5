//! `policykg serve`: the store as a SPARQL 1.1 endpoint with a query page (`policykg-serve`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

use crate::Global;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Routes: / (query page), /sparql and /query (SPARQL 1.1 Protocol), /update and /store \
(writes, with --token only), /health.

The default graph is the union of all graphs (one named graph per document); FROM, \
default-graph-uri and named-graph-uri select graphs explicitly.

Without --token the store is opened read-only: `policykg ingest` can run meanwhile, but the \
server keeps seeing the store as it was when it started; restart it after an ingest.

Queries run in worker processes (this binary, as a hidden `sparql-worker` command): a query \
past --timeout or --max-query-memory is killed, and its worker replaced.")]
pub struct Args {
    /// The store to serve [default: the store every other command uses: $POLICYKG_STORE, else
    /// .policykg/store here or in the nearest parent that has one].
    #[arg(long, env = "POLICYKG_STORE", value_name = "PATH")]
    store: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: String,
    /// Bearer token enabling /update and Graph Store writes (opens the store read-write).
    #[arg(
        long,
        env = "POLICYKG_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    token: Option<String>,
    /// Longest a query or update may run before it is cancelled (503).
    #[arg(long, default_value = "30s", value_parser = policykg_serve::parse_duration, value_name = "DURATION")]
    timeout: Duration,
    /// Most rows (or triples) in one answer; longer answers are cut and marked with the
    /// header X-Policykg-Truncated: true.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    max_rows: usize,
    /// Largest request body (413 above it).
    #[arg(long, default_value = "10MiB", value_parser = policykg_serve::parse_size, value_name = "SIZE")]
    max_body: usize,
    /// Queries evaluated at once; others wait, within their timeout [default: 4 x cores].
    #[arg(long, value_name = "N")]
    max_concurrent: Option<usize>,
    /// Longest a client may take to send a request's headers; the connection is closed after it.
    #[arg(long, default_value = "10s", value_parser = policykg_serve::parse_duration, value_name = "DURATION")]
    header_timeout: Duration,
    /// Longest a request body may take to arrive in full after its headers (408).
    #[arg(long, default_value = "60s", value_parser = policykg_serve::parse_duration, value_name = "DURATION")]
    body_timeout: Duration,
    /// Longest a keep-alive connection may wait for its next request before it is closed.
    #[arg(long, default_value = "60s", value_parser = policykg_serve::parse_duration, value_name = "DURATION")]
    idle_timeout: Duration,
    /// Most client connections open at once; at the cap the longest-idle one is closed, and
    /// /health still answers [default: half of `ulimit -n`].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// Memory cap of each query worker process; a query needing more is stopped with an error
    /// saying so, and the server goes on.
    #[arg(long, default_value = "1GiB", value_parser = policykg_serve::parse_size, value_name = "SIZE")]
    max_query_memory: usize,
    /// Do not predeclare the standard prefixes (pkg:, eli:, skos:...) in queries and updates.
    #[arg(long)]
    no_predeclared_prefixes: bool,
    /// Allow cross-origin requests from ORIGIN (repeatable; `*` for any).
    #[arg(long, value_name = "ORIGIN")]
    cors: Vec<String>,
    /// Make the default graph the store's own default graph instead of the union of all graphs.
    #[arg(long)]
    no_union_default_graph: bool,
    /// Log lines on stderr as JSON (default) or human-readable text.
    #[arg(long, value_enum, default_value = "json")]
    log_format: LogFormatArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum LogFormatArg {
    Json,
    Text,
}

pub fn run(_global: &Global, args: Args) -> anyhow::Result<ExitCode> {
    policykg_serve::init_logging(match args.log_format {
        LogFormatArg::Json => policykg_serve::LogFormat::Json,
        LogFormatArg::Text => policykg_serve::LogFormat::Text,
    });
    if let Some(token) = &args.token {
        anyhow::ensure!(
            !token.trim().is_empty(),
            "--token (or POLICYKG_TOKEN) is empty; give a secret or leave it unset for a read-only server"
        );
    }
    anyhow::ensure!(args.max_rows > 0, "--max-rows must be at least 1");
    // The same rule as ingest, query and the rest: one store, whatever the command.
    let path = args
        .store
        .unwrap_or_else(policykg_graph::default_store_path);
    eprintln!("policykg serve: serving the store at {}", path.display());
    let mode = if args.token.is_some() {
        policykg_graph::Mode::ReadWrite
    } else {
        policykg_graph::Mode::ReadOnly
    };
    let store = policykg_graph::open(&path, mode)?;
    // Queries run in worker processes: this binary again, as `policykg sparql-worker`.
    let worker = policykg_serve::WorkerCommand::current_exe()
        .context("cannot find this executable to start query workers")?;
    let mut config = policykg_serve::Config {
        timeout: args.timeout,
        max_rows: args.max_rows,
        max_body: args.max_body,
        cors_origins: args.cors,
        token: args.token,
        union_default_graph: !args.no_union_default_graph,
        store_label: path.display().to_string(),
        store_path: Some(path.clone()),
        worker: Some(worker),
        max_query_memory: args.max_query_memory as u64,
        predeclare_prefixes: !args.no_predeclared_prefixes,
        header_timeout: args.header_timeout,
        body_timeout: args.body_timeout,
        idle_timeout: args.idle_timeout,
        max_connections: args.max_connections,
        ..policykg_serve::Config::default()
    };
    if let Some(n) = args.max_concurrent {
        anyhow::ensure!(n > 0, "--max-concurrent must be at least 1");
        config.max_concurrent = n;
    }
    policykg_serve::run_blocking(&args.bind, store, config)
        .with_context(|| format!("serving {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}
