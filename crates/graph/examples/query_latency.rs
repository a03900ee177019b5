//! Latency of the tasks-led-by query (`scripts/queries/tasks-led-by-sheng-jingxinting.rq`, the
//! alias 省经信厅 resolved through skos:altLabel) on a store, and of the `policykg tasks` query.
//!
//! `cargo run --release -p policykg-graph --example query_latency -- STORE_DIR [RUNS]`
//!
//! With `EXPLAIN=1` in the environment, also prints Oxigraph's plan of each query with the
//! rows and time of each step (where the time goes).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use policykg_graph::oxigraph::sparql::QueryResults;
use policykg_graph::{lookup, query, GraphStore, Mode};

// Allocate as the policykg binary does: mimalloc in place of malloc, RocksDB's included.
use libmimalloc_sys as _;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: query_latency STORE_DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(50);
    match run(dir, runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("query_latency: {e}");
            ExitCode::FAILURE
        }
    }
}

fn time(
    runs: usize,
    query: impl Fn() -> Result<QueryResults<'static>, policykg_graph::GraphError>,
) -> Result<(usize, Vec<Duration>), Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let started = Instant::now();
        rows = 0;
        if let QueryResults::Solutions(s) = query()? {
            for r in s {
                r?;
                rows += 1;
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    Ok((rows, times))
}

fn report(name: &str, rows: usize, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {rows} rows; min {:.1} ms, median {:.1} ms, p95 {:.1} ms over {} runs",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 95 / 100).min(times.len() - 1)]),
        times.len()
    );
}

fn run(dir: &str, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let store = GraphStore::open(std::path::Path::new(dir), Mode::ReadOnly, None)?;
    // `RQ=FILE` times another spelling of the query (to compare plans).
    let rq = std::fs::read_to_string(std::env::var("RQ").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/queries/tasks-led-by-sheng-jingxinting.rq"
        )
        .to_owned()
    }))?;
    let (rows, times) = time(runs, || query::evaluate(store.store(), &rq, "bench"))?;
    report("tasks-led-by-sheng-jingxinting.rq", rows, &times);

    let ontology = policykg_ontology::Ontology::bundled();
    let started = Instant::now();
    let found = lookup::resolve_agency(
        store.store(),
        "省经信厅",
        Some("安徽省"),
        &ontology.jurisdictions,
    )?;
    let resolve = started.elapsed();
    let first = found.first().ok_or("省经信厅 not found in 安徽省")?;
    let tasks = lookup::tasks_query(
        &first.iri,
        lookup::RoleFilter::Lead,
        None,
        lookup::Versions::InForce,
    )?;
    let (rows, times) = time(runs, || tasks.run(store.store()))?;
    println!(
        "resolve 省经信厅 in 安徽省: {:.1} ms",
        resolve.as_secs_f64() * 1000.0
    );
    report("policykg tasks --agency 省经信厅 --role lead", rows, &times);
    if std::env::var_os("EXPLAIN").is_some() {
        explain(store.store(), query::prepare(&rq, "bench")?)?;
        let mut prepared = query::prepare(tasks.text, tasks.name)?;
        for (variable, value) in &tasks.bindings {
            prepared = prepared.substitute_variable(variable.clone(), value.clone());
        }
        explain(store.store(), prepared)?;
    }
    Ok(())
}

/// Prints the plan of `prepared` with the statistics of one evaluation.
fn explain(
    store: &policykg_graph::oxigraph::store::Store,
    prepared: policykg_graph::oxigraph::sparql::PreparedSparqlQuery,
) -> Result<(), Box<dyn std::error::Error>> {
    let (results, explanation) = prepared.on_store(store).compute_statistics().explain();
    if let QueryResults::Solutions(s) = results? {
        for r in s {
            r?;
        }
    }
    println!("{explanation:?}");
    Ok(())
}
