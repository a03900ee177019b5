//! The whole store (or one graph) in a standard RDF format, for loading into any other SPARQL
//! store: N-Quads and TriG keep the named graphs, JSON-LD keeps them as `@graph`s, Turtle merges
//! every graph into one (graphs state disjoint triples, so nothing is duplicated).

use std::io::Write;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode};
use oxigraph::store::Store;

use crate::open::classify;
use crate::vocab::PREFIXES;
use crate::GraphError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    NQuads,
    /// One graph's triples, without prefixes (what a Graph Store Protocol PUT sends).
    NTriples,
    TriG,
    Turtle,
    JsonLd,
}

impl ExportFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            ExportFormat::NQuads => RdfFormat::NQuads,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Writes the store (or only `graph`) to `out`, graph by graph; returns the number of quads.
pub fn export(
    store: &Store,
    store_path: &std::path::Path,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<usize, GraphError> {
    let io = io_error;
    let read = |e| classify(store_path, "read the store", e);
    let mut w = serializer(format.rdf())?.for_writer(out);
    let graphs: Vec<NamedOrBlankNode> = match graph {
        Some(g) => {
            if !store.contains_named_graph(g).map_err(read)? {
                return Err(GraphError::Data {
                    what: format!("graph <{}>", g.as_str()),
                    reason: "no such graph in the store".into(),
                });
            }
            vec![g.clone().into()]
        }
        None => named_graphs(store, store_path)?,
    };
    let mut n = 0;
    for g in &graphs {
        n += write_graph(store, store_path, format, &mut w, g.as_ref().into())?;
    }
    if graph.is_none() {
        n += write_graph(
            store,
            store_path,
            format,
            &mut w,
            GraphNameRef::DefaultGraph,
        )?;
    }
    w.finish().map_err(io)?;
    Ok(n)
}

/// Every named graph of the store, sorted by name (the order [`export`] writes them in).
pub fn named_graphs(
    store: &Store,
    store_path: &std::path::Path,
) -> Result<Vec<NamedOrBlankNode>, GraphError> {
    let mut gs: Vec<NamedOrBlankNode> = store
        .named_graphs()
        .collect::<Result<_, _>>()
        .map_err(|e| classify(store_path, "read the store", e))?;
    gs.sort_by_cached_key(|g| g.to_string());
    Ok(gs)
}

/// Whether the default graph holds any quad (policykg writes none; a Graph Store write may).
pub fn default_graph_is_empty(
    store: &Store,
    store_path: &std::path::Path,
) -> Result<bool, GraphError> {
    Ok(store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .transpose()
        .map_err(|e| classify(store_path, "read the store", e))?
        .is_none())
}

/// Writes the quads of one graph (named or the default graph) to `out` in `format`; returns
/// their number. Splitting an export by graph writes each file with this, so the files together
/// hold exactly what [`export`] writes.
pub fn export_graph(
    store: &Store,
    store_path: &std::path::Path,
    format: ExportFormat,
    graph: GraphNameRef<'_>,
    out: &mut dyn Write,
) -> Result<usize, GraphError> {
    let mut w = serializer(format.rdf())?.for_writer(out);
    let n = write_graph(store, store_path, format, &mut w, graph)?;
    w.finish().map_err(io_error)?;
    Ok(n)
}

fn write_graph<W: Write>(
    store: &Store,
    store_path: &std::path::Path,
    format: ExportFormat,
    w: &mut WriterQuadSerializer<W>,
    g: GraphNameRef<'_>,
) -> Result<usize, GraphError> {
    let mut n = 0;
    for q in store.quads_for_pattern(None, None, None, Some(g)) {
        let q = q.map_err(|e| classify(store_path, "read the store", e))?;
        if matches!(format, ExportFormat::Turtle | ExportFormat::NTriples) {
            w.serialize_triple(q.as_ref()).map_err(io_error)?;
        } else {
            w.serialize_quad(&q).map_err(io_error)?;
        }
        n += 1;
    }
    Ok(n)
}

fn io_error(e: std::io::Error) -> GraphError {
    GraphError::Output {
        what: "the export".into(),
        reason: e.to_string(),
    }
}

/// A serializer for `format` that writes the standard prefixes (formats that have prefixes).
pub(crate) fn serializer(format: RdfFormat) -> Result<RdfSerializer, GraphError> {
    let mut serializer = RdfSerializer::from_format(format);
    if !matches!(format, RdfFormat::NQuads | RdfFormat::NTriples) {
        for (p, ns) in PREFIXES {
            serializer = serializer
                .with_prefix(*p, *ns)
                .map_err(|e| GraphError::Data {
                    what: format!("prefix {p}"),
                    reason: e.to_string(),
                })?;
        }
    }
    Ok(serializer)
}
