//! The graph subcommands: `ingest`, `remove`, `query`, `tasks`, `agencies`, `export`,
//! `network`, `verify`.
//!
//! All of them work on one store: `--store PATH`, else `$POLICYKG_STORE`, else `.policykg/store`
//! in the current directory or the nearest ancestor that has one (see
//! [`policykg_graph::default_store_path`]).

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use policykg_graph::export::ExportFormat;
use policykg_graph::ingest::{
    ingest_paths, FileOutcome, IngestOptions, IngestProgress, IngestReport,
};
use policykg_graph::lookup::{self, Resolution, RoleFilter};
use policykg_graph::oxigraph::sparql::QueryResults;
use policykg_graph::query::{self, ResultsFormat, Written};
use policykg_graph::{GraphError, GraphStore, Mode};

use crate::out_file::OutFile;
use crate::Global;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Extract notices and load them into the store (unchanged files are skipped).
    Ingest(IngestArgs),
    /// Remove versions (by id) or files (by path) and everything derived from them, at once.
    Remove(RemoveArgs),
    /// Run a SPARQL query over all documents (standard prefixes predeclared).
    Query(QueryArgs),
    /// Tasks of an agency, found by any of its names (省经信厅 = 安徽省经济和信息化厅).
    Tasks(TasksArgs),
    /// Resolve an agency name, or list agencies with their task counts by role.
    Agencies(AgenciesArgs),
    /// Write the store as N-Quads, TriG, Turtle or JSON-LD for any other SPARQL store.
    Export(ExportArgs),
    /// The agency co-responsibility network or the citation graph, with centralities.
    Network(NetworkArgs),
    /// Check the store: every table file readable, every document whole, every file's record
    /// pointing at its document. Exit status 4 if it is damaged.
    Verify(VerifyArgs),
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    store: StoreArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    /// Three lines for people.
    Text,
    /// One JSON object (for scripts and tests).
    Json,
}

/// Where the store is.
#[derive(clap::Args, Debug, Clone)]
pub struct StoreArg {
    /// The store directory [default: .policykg/store here or in the nearest parent that has one]
    #[arg(long, env = "POLICYKG_STORE", value_name = "PATH")]
    store: Option<PathBuf>,
}

impl StoreArg {
    pub(crate) fn path(&self) -> PathBuf {
        self.store
            .clone()
            .unwrap_or_else(policykg_graph::default_store_path)
    }

    pub(crate) fn open(&self, mode: Mode) -> Result<GraphStore, GraphError> {
        GraphStore::open(&self.path(), mode, None)
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// Aligned columns for people.
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    Csv,
    Tsv,
}

/// Query results in `format`: a SELECT result as a table is laid out here ([`crate::table`]),
/// everything else is written by graph. `wording` puts a table's machine words (`in_force`)
/// into words for people. Returns the rows (or triples) written.
fn write_results(
    results: QueryResults<'_>,
    format: OutFormat,
    out: &mut dyn Write,
    base: Option<&str>,
    source_name: &str,
    wording: Option<fn(&mut query::ResultTable)>,
) -> anyhow::Result<usize> {
    match query::write_results(results, format.into(), out, base, source_name)? {
        Written::Rows(n) => Ok(n),
        Written::Table(mut table) => {
            if let Some(word) = wording {
                word(&mut table);
            }
            crate::table::write_result_table(out, &table)?;
            Ok(table.rows.len())
        }
    }
}

impl From<OutFormat> for ResultsFormat {
    fn from(f: OutFormat) -> Self {
        match f {
            OutFormat::Table => ResultsFormat::Table,
            OutFormat::Json => ResultsFormat::Json,
            OutFormat::Csv => ResultsFormat::Csv,
            OutFormat::Tsv => ResultsFormat::Tsv,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Files or directories (read recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
    /// Base IRI of the identifiers minted (only for a new store; a store keeps its own).
    #[arg(long, value_name = "IRI")]
    base_iri: Option<String>,
    /// Extract and write every file even if the store already holds it unchanged.
    #[arg(long)]
    force: bool,
    /// Do not compact the store at the end (done when this run wrote a quarter of its documents
    /// or more): for a load split over several runs. Queries are slower until a later ingest
    /// compacts.
    #[arg(long)]
    no_compact: bool,
    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = policykg_read::Limits::default().max_bytes)]
    max_size: u64,
    /// New documents loaded together (as sorted files, like Oxigraph's bulk loader): a crash
    /// leaves each batch whole or absent, and the next run resumes after the last one
    /// committed. 1 writes one document at a time, each in a transaction.
    #[arg(long, value_name = "N", default_value_t = policykg_graph::ingest::DEFAULT_BATCH as u32,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    batch: u32,
    /// How the summary on standard output is written.
    #[arg(long, value_enum, default_value = "text")]
    format: SummaryFormat,
}

#[derive(clap::Args, Debug)]
pub struct RemoveArgs {
    /// Version ids (as `tasks` and `extract --format csv` print them), paths as stored
    /// (corpus/seeds/001.txt) or files on disk that were ingested.
    #[arg(required = true, value_name = "PATH|VERSION")]
    targets: Vec<String>,
    /// Say what would be removed, and change nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    store: StoreArg,
    /// How the summary on standard output is written.
    #[arg(long, value_enum, default_value = "text")]
    format: SummaryFormat,
}

#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    /// The query: SPARQL text, `@file.rq`, or `-` for standard input.
    #[arg(value_name = "SPARQL")]
    query: String,
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    #[command(flatten)]
    store: StoreArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleArg {
    Lead,
    Support,
    Joint,
    Any,
}

/// Kinds of role basis (`pkg:basisKind` in ontology/policykg.ttl).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BasisArg {
    Explicit,
    Declared,
    Inferred,
}

/// Which versions of each policy to count: by default the text in force (the latest final text;
/// drafts and superseded versions left out).
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct VersionArgs {
    /// Add drafts (征求意见稿, 送审稿, 草案) to the texts in force.
    #[arg(long, conflicts_with = "all_versions")]
    include_drafts: bool,
    /// Every version: drafts and superseded texts too.
    #[arg(long)]
    all_versions: bool,
}

impl VersionArgs {
    fn versions(self) -> lookup::Versions {
        match (self.include_drafts, self.all_versions) {
            (_, true) => lookup::Versions::All,
            (true, false) => lookup::Versions::WithDrafts,
            (false, false) => lookup::Versions::InForce,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct TasksArgs {
    /// Canonical name or any alias: 省经信厅, 安徽省经济和信息化厅.
    #[arg(long, value_name = "NAME")]
    agency: String,
    #[arg(long, value_enum, default_value = "any")]
    role: RoleArg,
    /// Only roles of this basis: explicit (the text marks the role), declared (the document
    /// declares that the first listed leads), inferred (the text marks nothing: by the
    /// first-listed convention, or a joint listing).
    #[arg(long, value_enum)]
    basis: Option<BasisArg>,
    /// Only agencies of this jurisdiction or below it (安徽省, 安徽, 皖).
    #[arg(long, value_name = "NAME")]
    jurisdiction: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    /// Print the SPARQL query used (to stderr) before the answer.
    #[arg(long)]
    show_sparql: bool,
    #[command(flatten)]
    versions: VersionArgs,
    #[command(flatten)]
    store: StoreArg,
}

#[derive(clap::Args, Debug)]
pub struct AgenciesArgs {
    /// A name to resolve; without it, list agencies with their task counts by role.
    #[arg(value_name = "NAME")]
    name: Option<String>,
    /// Only agencies of this jurisdiction or below it.
    #[arg(long, value_name = "NAME")]
    jurisdiction: Option<String>,
    /// Include collective bodies (各市人民政府) in the list.
    #[arg(long)]
    collective: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    #[command(flatten)]
    versions: VersionArgs,
    #[command(flatten)]
    store: StoreArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormatArg {
    Nquads,
    Trig,
    /// All graphs merged into one (use nquads or trig to keep the named graphs).
    Turtle,
    Jsonld,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "nquads")]
    format: ExportFormatArg,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Export only this named graph (a document version's IRI).
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,
    /// One N-Quads file per named graph in DIR, plus manifest.tsv (graph IRI, file, quads): the
    /// layout of bulk loaders (Virtuoso's ld_dir, QLever, oxigraph load). DIR must be new,
    /// empty, or a previous split export (whose files are replaced).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "graph"])]
    split_by_graph: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkKind {
    /// Agencies joined by the tasks they share.
    Agencies,
    /// Documents joined by citations (《title》 and 文号 resolved in the store).
    Citations,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkFormat {
    Graphml,
    Dot,
    /// The node table (with centralities), or the edge table with `--table edges`.
    Csv,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvTable {
    Nodes,
    Edges,
}

#[derive(clap::Args, Debug)]
pub struct NetworkArgs {
    #[arg(long, value_enum, default_value = "agencies")]
    kind: NetworkKind,
    #[arg(long, value_enum, default_value = "graphml")]
    format: NetworkFormat,
    /// With `--format csv`: which table.
    #[arg(long, value_enum, default_value = "nodes")]
    table: CsvTable,
    /// Include collective bodies (各市人民政府) as nodes of the agency network.
    #[arg(long)]
    collective: bool,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    versions: VersionArgs,
    #[command(flatten)]
    store: StoreArg,
}

pub fn run(global: &Global, cmd: Command) -> anyhow::Result<ExitCode> {
    let store = match &cmd {
        Command::Ingest(a) => &a.store,
        Command::Remove(a) => &a.store,
        Command::Query(a) => &a.store,
        Command::Tasks(a) => &a.store,
        Command::Agencies(a) => &a.store,
        Command::Export(a) => &a.store,
        Command::Network(a) => &a.store,
        Command::Verify(a) => &a.store,
    }
    .path();
    let result = match cmd {
        Command::Ingest(args) => ingest(global, args),
        Command::Remove(args) => remove(global, args),
        Command::Query(args) => query_cmd(args),
        Command::Tasks(args) => tasks(global, args),
        Command::Agencies(args) => agencies(global, args),
        Command::Export(args) => export(args),
        Command::Network(args) => network(args),
        Command::Verify(args) => verify(args),
    };
    // A query that failed reading the store is reported as the damaged store it is, by path.
    result.map_err(|err| match err.downcast::<GraphError>() {
        Ok(e) => e.at_store(&store).into(),
        Err(other) => match other.chain().find_map(|c| c.downcast_ref::<GraphError>()) {
            Some(GraphError::StoreRead {
                source_name,
                reason,
            }) => GraphError::StoreRead {
                source_name: source_name.clone(),
                reason: reason.clone(),
            }
            .at_store(&store)
            .into(),
            _ => other,
        },
    })
}

fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let gs = args.store.open(Mode::ReadOnly)?;
    let v = gs.verify()?;
    if !v.broken.is_empty() || !v.dangling_sources.is_empty() {
        let mut reason = format!(
            "{} half-written document(s), {} file record(s) without their document",
            v.broken.len(),
            v.dangling_sources.len()
        );
        for (graph, why) in &v.broken {
            reason.push_str(&format!("\n  {graph}: {why}"));
        }
        for source in &v.dangling_sources {
            reason.push_str(&format!("\n  {source}: no such document"));
        }
        return Err(GraphError::Corrupt {
            path: gs.path().to_owned(),
            reason,
        }
        .into());
    }
    println!(
        "store {}: ok, {} whole documents",
        gs.path().display(),
        v.whole_documents
    );
    Ok(ExitCode::SUCCESS)
}

/// The ingest's progress bar on standard error.
struct Bar(ProgressBar);

impl IngestProgress for Bar {
    fn started(&mut self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn file_done(&mut self, _display: &str, _outcome: &FileOutcome) {
        self.0.inc(1);
    }

    fn finished(&mut self) {
        self.0.finish_and_clear();
    }

    fn stage(&mut self, what: &str) {
        // Only where the bar was drawn (a terminal): scripts and logs get the summary alone.
        if !self.0.is_hidden() {
            eprintln!("policykg: {what} …");
        }
    }
}

fn ingest(global: &Global, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let options = IngestOptions {
        limits: policykg_read::Limits {
            max_bytes: args.max_size,
        },
        force: args.force,
        batch: args.batch as usize,
        no_compact: args.no_compact,
    };
    let path = args.store.path();
    let gs = GraphStore::open(&path, Mode::ReadWrite, args.base_iri.as_deref())?;
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  eta {eta}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = ingest_paths(&gs, &args.paths, &ontology, &options, &mut Bar(bar))?;

    let out = std::io::stdout();
    let mut out = out.lock();
    if args.format == SummaryFormat::Json {
        writeln!(out, "{}", serde_json::to_value(&report)?)?;
    } else {
        write_summary(&mut out, &report)?;
    }
    drop(out);
    if report.failures.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("policykg: {} files failed:", report.failures.len());
        for f in &report.failures {
            eprintln!("  {f}");
        }
        Ok(ExitCode::from(1))
    }
}

fn write_summary(out: &mut impl Write, r: &IngestReport) -> std::io::Result<()> {
    let moved = if r.relocated > 0 {
        format!(" ({} found under a new root)", r.relocated)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} files: {} new, {} replaced, {} rewritten, {} same text as another file, {} unchanged{moved}, {} failed",
        r.files,
        r.new,
        r.replaced,
        r.rewritten,
        r.same_text,
        r.unchanged,
        r.failures.len()
    )?;
    writeln!(
        out,
        "written: {} documents, {} tasks, {} agencies, {} triples in {:.2} s",
        r.written.documents,
        r.written.tasks,
        r.written.agencies,
        r.written.triples,
        r.written.seconds
    )?;
    writeln!(
        out,
        "store {}: {} documents from {} files, {} tasks, {} agencies with tasks, {} revision links between versions",
        r.store.path,
        r.store.documents,
        r.store.source_files,
        r.store.tasks,
        r.store.agencies,
        r.store.revision_links
    )
}

/// The query text and a name for messages, from an argument, `@file` or `-`.
fn remove(global: &Global, args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let ontology = global.ontology()?;
    let gs = args.store.open(Mode::ReadWrite)?;
    let removal = policykg_graph::remove::remove(&gs, &args.targets, &ontology, args.dry_run)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    if args.format == SummaryFormat::Json {
        writeln!(out, "{}", serde_json::to_value(&removal)?)?;
    } else {
        write_removal(&mut out, &removal)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "1 version", "2 versions": the removal summary is read by people.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn write_removal(out: &mut impl Write, r: &policykg_graph::remove::Removal) -> std::io::Result<()> {
    let verb = if r.dry_run { "would remove" } else { "removed" };
    writeln!(
        out,
        "{verb} {}, {}, {}, {}",
        counted(r.versions.len(), "version"),
        counted(r.files.len(), "file"),
        counted(r.links_removed.len(), "revision link"),
        counted(r.change_graphs.len(), "change graph")
    )?;
    for v in &r.versions {
        writeln!(
            out,
            "  version {}  {}",
            v.id,
            v.title.as_deref().unwrap_or("(untitled)")
        )?;
    }
    for f in &r.files {
        let kept = if f.version_kept {
            "; its version stays, held by another file"
        } else {
            ""
        };
        match &f.root {
            Some(root) => writeln!(out, "  file {}  (under {root}{kept})", f.path)?,
            None => writeln!(out, "  file {}{kept}", f.path)?,
        }
    }
    for (newer, older) in &r.links_removed {
        writeln!(out, "  link {newer} revises {older}")?;
    }
    for g in &r.change_graphs {
        writeln!(out, "  change graph {g}")?;
    }
    let now = if r.dry_run { "would link" } else { "linked" };
    for (newer, older) in &r.links_added {
        writeln!(out, "{now}: {newer} revises {older}")?;
    }
    let now = if r.dry_run { "would become" } else { "now" };
    for (id, before, after) in &r.statuses {
        writeln!(out, "{now} {after}: {id} (was {before})")?;
    }
    if r.dry_run {
        writeln!(out, "nothing changed (--dry-run)")?;
    }
    Ok(())
}

fn read_query(arg: &str) -> anyhow::Result<(String, String)> {
    if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the query from standard input")?;
        return Ok((s, "standard input".into()));
    }
    if let Some(file) = arg.strip_prefix('@') {
        let bytes = std::fs::read(file).with_context(|| format!("{file}: cannot read"))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| anyhow::anyhow!("{file}: not UTF-8 ({e}); save the query as UTF-8"))?;
        return Ok((text, file.to_owned()));
    }
    Ok((arg.to_owned(), "the query argument".into()))
}

fn query_cmd(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let (sparql, name) = read_query(&args.query)?;
    // Parse first: a syntax error is reported even when there is no store yet.
    let prepared = query::prepare(&sparql, &name)?;
    let gs = args.store.open(Mode::ReadOnly)?;
    let results = query::run(prepared, gs.store(), &name)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    write_results(
        results,
        args.format,
        &mut out,
        Some(gs.iris().base()),
        &name,
        None,
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves an agency name ([`lookup::choose_agencies`]) or fails with suggestions; namesakes
/// left out for having no tasks are mentioned on stderr.
fn resolve_one(
    gs: &GraphStore,
    global: &Global,
    name: &str,
    jurisdiction: Option<&str>,
) -> anyhow::Result<Vec<lookup::AgencyMatch>> {
    let ontology = global.ontology()?;
    match lookup::choose_agencies(gs.store(), name, jurisdiction, &ontology.jurisdictions)? {
        Resolution::NotFound { suggestions } => {
            let scope = jurisdiction.map(|j| format!(" in {j}")).unwrap_or_default();
            if suggestions.is_empty() {
                anyhow::bail!(
                    "no agency called {name}{scope} in the store {}",
                    gs.path().display()
                );
            }
            anyhow::bail!(
                "no agency called {name}{scope} in the store {}; did you mean: {}",
                gs.path().display(),
                suggestions.join("、")
            );
        }
        Resolution::Found {
            agencies,
            without_tasks,
        } => {
            if without_tasks > 0 {
                eprintln!(
                    "policykg: {name} also names {without_tasks} other agencies with no tasks in the store{}",
                    if jurisdiction.is_none() {
                        " (narrow with --jurisdiction)"
                    } else {
                        ""
                    }
                );
            }
            Ok(agencies)
        }
    }
}

fn tasks(global: &Global, args: TasksArgs) -> anyhow::Result<ExitCode> {
    let gs = args.store.open(Mode::ReadOnly)?;
    let found = resolve_one(&gs, global, &args.agency, args.jurisdiction.as_deref())?;
    if found.len() > 1 {
        let list: Vec<String> = found
            .iter()
            .map(|m| match &m.jurisdiction {
                Some(j) => format!("{} ({j})", m.name),
                None => m.name.clone(),
            })
            .collect();
        anyhow::bail!(
            "{} names {} agencies: {}; pass --jurisdiction, or the full name",
            args.agency,
            found.len(),
            list.join("、")
        );
    }
    let role = match args.role {
        RoleArg::Lead => RoleFilter::Lead,
        RoleArg::Support => RoleFilter::Support,
        RoleArg::Joint => RoleFilter::Joint,
        RoleArg::Any => RoleFilter::Any,
    };
    let basis = args.basis.map(|b| match b {
        BasisArg::Explicit => "explicit",
        BasisArg::Declared => "declared",
        BasisArg::Inferred => "inferred",
    });
    let versions = args.versions.versions();
    let tasks_query = lookup::tasks_query(&found[0].iri, role, basis, versions)?;
    if args.show_sparql {
        eprintln!("{tasks_query}");
    }
    if args.format == OutFormat::Table {
        eprintln!(
            "{} → {}{}",
            args.agency,
            found[0].name,
            found[0]
                .jurisdiction
                .as_deref()
                .map(|j| format!(" ({j})"))
                .unwrap_or_default()
        );
        eprintln!("{}", versions.describe());
    }
    let results = tasks_query.run(gs.store())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let n = write_results(
        results,
        args.format,
        &mut out,
        Some(gs.iris().base()),
        "the tasks query",
        Some(crate::table::word_tasks),
    )?;
    out.flush()?;
    if args.format == OutFormat::Table {
        eprintln!("{n} tasks");
    }
    Ok(ExitCode::SUCCESS)
}

fn agencies(global: &Global, args: AgenciesArgs) -> anyhow::Result<ExitCode> {
    let gs = args.store.open(Mode::ReadOnly)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match &args.name {
        Some(name) => {
            let found = resolve_one(&gs, global, name, args.jurisdiction.as_deref())?;
            let mut profiles = Vec::new();
            for m in &found {
                profiles.push(lookup::agency_profile(
                    gs.store(),
                    &m.iri,
                    args.versions.versions(),
                )?);
            }
            if args.format == OutFormat::Json {
                let json: Vec<serde_json::Value> = profiles
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "iri": p.iri, "name": p.name, "aliases": p.aliases,
                            "jurisdiction": p.jurisdiction, "parent": p.parent, "kind": p.kind,
                            "tasks": {"lead": p.lead, "support": p.support, "joint": p.joint},
                            "documents": p.documents,
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &json)?;
                writeln!(out)?;
            } else {
                for (i, p) in profiles.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    let rows: Vec<(&str, String)> = vec![
                        ("name", p.name.clone()),
                        ("aliases", p.aliases.join("、")),
                        ("jurisdiction", p.jurisdiction.clone().unwrap_or_default()),
                        ("part of", p.parent.clone().unwrap_or_default()),
                        ("kind", p.kind.clone().unwrap_or_default()),
                        (
                            "tasks",
                            format!(
                                "{} lead, {} support, {} joint, in {} ({})",
                                p.lead,
                                p.support,
                                p.joint,
                                counted(p.documents, "document"),
                                match args.versions.versions() {
                                    lookup::Versions::InForce => "texts in force",
                                    lookup::Versions::WithDrafts => "texts in force and drafts",
                                    lookup::Versions::All => "all versions",
                                }
                            ),
                        ),
                        ("iri", p.iri.clone()),
                    ];
                    for (k, v) in rows {
                        writeln!(out, "{k:<13}{v}")?;
                    }
                }
            }
        }
        None => {
            let versions = args.versions.versions();
            if args.format == OutFormat::Table {
                eprintln!("{}", versions.describe());
            }
            let results = lookup::agencies_table(
                gs.store(),
                args.collective,
                args.jurisdiction.as_deref(),
                versions,
            )?;
            write_results(
                results,
                args.format,
                &mut out,
                Some(gs.iris().base()),
                "the agencies query",
                None,
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Standard output, or `--out FILE` written whole or not at all ([`OutFile`]).
enum Output {
    Stdout(BufWriter<std::io::Stdout>),
    File(OutFile),
}

impl Output {
    fn new(out: &Option<PathBuf>) -> anyhow::Result<(Output, String)> {
        Ok(match out {
            Some(path) => (
                Output::File(OutFile::create(path)?),
                path.display().to_string(),
            ),
            None => (
                Output::Stdout(BufWriter::new(std::io::stdout())),
                "standard output".into(),
            ),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File(f) => f,
        }
    }

    /// Ends the output: the file is renamed into place only now.
    fn finish(self, name: &str) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().with_context(|| format!("{name}: cannot write")),
            Output::File(f) => f.commit(),
        }
    }
}

fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    if args.split_by_graph.is_some() && args.format != ExportFormatArg::Nquads {
        anyhow::bail!("--split-by-graph writes N-Quads: use --format nquads");
    }
    let gs = args.store.open(Mode::ReadOnly)?;
    if let Some(dir) = &args.split_by_graph {
        let (files, quads) = crate::split_export::write(&gs, dir)?;
        eprintln!(
            "policykg: wrote {quads} quads in {files} files to {} (see {})",
            dir.display(),
            crate::split_export::MANIFEST
        );
        return Ok(ExitCode::SUCCESS);
    }
    let format = match args.format {
        ExportFormatArg::Nquads => ExportFormat::NQuads,
        ExportFormatArg::Trig => ExportFormat::TriG,
        ExportFormatArg::Turtle => ExportFormat::Turtle,
        ExportFormatArg::Jsonld => ExportFormat::JsonLd,
    };
    let graph = match &args.graph {
        Some(g) => Some(
            policykg_graph::oxigraph::model::NamedNode::new(g.trim_matches(['<', '>']))
                .with_context(|| format!("--graph {g}: not an IRI"))?,
        ),
        None => None,
    };
    let (mut out, name) = Output::new(&args.out)?;
    let n =
        policykg_graph::export::export(gs.store(), gs.path(), format, graph.as_ref(), out.writer())
            .with_context(|| format!("exporting to {name}"))?;
    out.finish(&name)?;
    if args.out.is_some() {
        eprintln!("policykg: wrote {n} quads to {name}");
    }
    Ok(ExitCode::SUCCESS)
}

fn network(args: NetworkArgs) -> anyhow::Result<ExitCode> {
    let gs = args.store.open(Mode::ReadOnly)?;
    let (mut out, name) = Output::new(&args.out)?;
    let written = match args.kind {
        NetworkKind::Agencies => {
            let net = policykg_graph::network::agency_network(
                gs.store(),
                args.collective,
                args.versions.versions(),
            )?;
            write_network(&net, args.format, args.table, out.writer())
                .map(|_| (net.graph.node_count(), net.graph.edge_count()))
        }
        NetworkKind::Citations => {
            let net = policykg_graph::network::citation_network(gs.store())?;
            write_network(&net, args.format, args.table, out.writer())
                .map(|_| (net.graph.node_count(), net.graph.edge_count()))
        }
    };
    let (nodes, edges) = written.with_context(|| format!("{name}: cannot write"))?;
    out.finish(&name)?;
    if args.out.is_some() {
        eprintln!("policykg: wrote {nodes} nodes and {edges} edges to {name}");
    }
    Ok(ExitCode::SUCCESS)
}

fn write_network<Ty: policykg_graph::petgraph::EdgeType>(
    net: &policykg_graph::network::Network<Ty>,
    format: NetworkFormat,
    table: CsvTable,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match (format, table) {
        (NetworkFormat::Graphml, _) => net.write_graphml(out),
        (NetworkFormat::Dot, _) => net.write_dot(out),
        (NetworkFormat::Csv, CsvTable::Nodes) => crate::csv_out::write_network_nodes(net, out),
        (NetworkFormat::Csv, CsvTable::Edges) => crate::csv_out::write_network_edges(net, out),
    }
}
