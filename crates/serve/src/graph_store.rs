//! The [SPARQL 1.1 Graph Store HTTP Protocol](https://www.w3.org/TR/sparql11-http-rdf-update/)
//! at `/store?graph=IRI` or `/store?default`: GET reads a graph for everyone; PUT (replace), POST
//! (merge) and DELETE need the bearer token. Each write is one transaction.
//!
//! `?default` is the store's real default graph, not the union that queries see.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode};
use oxigraph::store::Store;

use crate::error::ApiError;
use crate::negotiate::{negotiate, GraphFormat, Offer, GRAPH_FORMATS};
use crate::protocol::{content_type, parse_urlencoded, read_body, single, values};
use crate::{authorize, AppState};

/// Which graph a request names.
fn target(uri: &Uri) -> Result<GraphName, ApiError> {
    let params = parse_urlencoded(uri.query().unwrap_or("").as_bytes(), "the URL query string")?;
    let graph = single(&params, "graph")?;
    let default = params.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(_), true) => Err(ApiError::bad_request(
            "give either ?graph=IRI or ?default, not both",
        )),
        (Some(iri), false) => NamedNode::new(iri.as_str())
            .map(GraphName::from)
            .map_err(|e| {
                ApiError::bad_request(format!("graph '{iri}' is not an absolute IRI: {e}"))
            }),
        (None, true) => Ok(GraphName::DefaultGraph),
        (None, false) => Err(ApiError::bad_request(
            "name a graph: /store?graph=IRI or /store?default (for the whole store use \
             `policykg export`)",
        )),
    }
}

fn exists(store: &Store, graph: &GraphName) -> Result<bool, ApiError> {
    match graph {
        GraphName::DefaultGraph => Ok(true),
        GraphName::NamedNode(node) => store
            .contains_named_graph(node)
            .map_err(|e| ApiError::internal(format!("the store failed: {e}"))),
        GraphName::BlankNode(_) => Ok(false),
    }
}

pub async fn endpoint(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let graph = match method {
        Method::GET | Method::HEAD | Method::PUT | Method::POST | Method::DELETE => target(&uri)?,
        _ => return Err(ApiError::method_not_allowed("GET, HEAD, PUT, POST, DELETE")),
    };
    if method == Method::GET || method == Method::HEAD {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
        let params =
            parse_urlencoded(uri.query().unwrap_or("").as_bytes(), "the URL query string")?;
        let mut format_params = values(&params, "format");
        format_params.extend(values(&params, "output"));
        let format = negotiate(&GRAPH_FORMATS, accept, &format_params, "graphs")?;
        let prefixes = state.config.prefixes.clone();
        let body = state
            .engine
            .with_store(move |store| read_graph(store, &graph, format, &prefixes))
            .await?;
        return Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(format.content_type()),
                ),
                (header::VARY, HeaderValue::from_static("Accept")),
            ],
            body,
        )
            .into_response());
    }

    authorize(&state.config, &headers)?;
    if method == Method::DELETE {
        return state
            .engine
            .with_store(move |store| {
                if !exists(store, &graph)? {
                    return Err(ApiError::not_found(format!(
                        "no graph {graph} in the store"
                    )));
                }
                let result = match &graph {
                    GraphName::NamedNode(node) => store.remove_named_graph(node),
                    _ => store.clear_graph(GraphNameRef::DefaultGraph),
                };
                result.map_err(|e| ApiError::internal(format!("the store failed: {e}")))?;
                Ok(StatusCode::NO_CONTENT.into_response())
            })
            .await;
    }

    let format = match content_type(&headers)? {
        Some(ct) => GraphFormat::from_content_type(&ct).ok_or_else(|| {
            ApiError::unsupported_media_type(format!(
                "Content-Type {ct} is not an RDF format this server reads; send one of: {}",
                describe_formats()
            ))
        })?,
        None => {
            return Err(ApiError::unsupported_media_type(format!(
                "missing Content-Type; send one of: {}",
                describe_formats()
            )))
        }
    };
    let data = read_body(&headers, body, state.config.max_body).await?;
    let replace = method == Method::PUT;
    state
        .engine
        .with_store(move |store| write_graph(store, &graph, format, &data, replace))
        .await
}

fn describe_formats() -> String {
    GRAPH_FORMATS
        .iter()
        .map(|f| f.media_types()[0])
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_graph(
    store: &Store,
    graph: &GraphName,
    format: GraphFormat,
    prefixes: &[(String, String)],
) -> Result<Vec<u8>, ApiError> {
    if !exists(store, graph)? {
        return Err(ApiError::not_found(format!(
            "no graph {graph} in the store"
        )));
    }
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (prefix, iri) in prefixes {
        serializer = serializer
            .with_prefix(prefix.as_str(), iri.as_str())
            .map_err(|e| ApiError::internal(format!("bad prefix {prefix}: {e}")))?;
    }
    store
        .dump_graph_to_writer(graph.as_ref(), serializer, Vec::new())
        .map_err(|e| ApiError::internal(format!("could not serialise the graph: {e}")))
}

fn write_graph(
    store: &Store,
    graph: &GraphName,
    format: GraphFormat,
    data: &[u8],
    replace: bool,
) -> Result<Response, ApiError> {
    let existed = exists(store, graph)?;
    let parser = RdfParser::from_format(format.rdf_format())
        .with_default_graph(graph.clone())
        .without_named_graphs();
    let mut transaction = store
        .start_transaction()
        .map_err(|e| ApiError::internal(format!("the store failed: {e}")))?;
    if replace {
        transaction
            .clear_graph(graph.as_ref())
            .map_err(|e| ApiError::internal(format!("the store failed: {e}")))?;
    }
    if let GraphName::NamedNode(node) = graph {
        transaction.insert_named_graph(node);
    }
    transaction.load_from_slice(parser, data).map_err(|e| {
        ApiError::bad_request(format!("the request body is not valid {format:?}: {e}"))
    })?;
    transaction
        .commit()
        .map_err(|e| ApiError::internal(format!("the store failed to commit: {e}")))?;
    Ok(if existed {
        StatusCode::NO_CONTENT.into_response()
    } else {
        StatusCode::CREATED.into_response()
    })
}
