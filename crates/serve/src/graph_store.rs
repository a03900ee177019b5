//! The [SPARQL 1.1 Graph Store HTTP Protocol](https://www.w3.org/TR/sparql11-http-rdf-update/)
//! at `/store?graph=IRI` or `/store?default`: GET reads a graph for everyone; PUT (replace), POST
//! (merge) and DELETE need the bearer token. Each write is one transaction.
//!
//! `?default` is the store's real default graph, not the union that queries see. Reads are
//! answered by a query worker under the query limits (row cap, byte cap with the truncation
//! headers, deadline); writes run in the server and recycle the workers (see `query`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfParser;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode};
use oxigraph::store::Store;

use crate::error::ApiError;
use crate::negotiate::{negotiate, GraphFormat, Offer, GRAPH_FORMATS};
use crate::protocol::{content_type, parse_urlencoded, read_body, single, values};
use crate::{authorize, AppState, MAX_ROWS_HEADER, ROWS_HEADER, TRUNCATED_HEADER};

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
        let graph = match graph {
            GraphName::NamedNode(node) => Some(node.into_string()),
            _ => None,
        };
        // Read by a worker, under the same row cap, byte cap, deadline and kill as a query.
        let answer = state
            .engine
            .read_graph(graph, format.media_types()[0])
            .await?;
        let mut response = (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(format.content_type()),
                ),
                (header::VARY, HeaderValue::from_static("Accept")),
            ],
            answer.body,
        )
            .into_response();
        let h = response.headers_mut();
        h.insert(
            HeaderName::from_static(ROWS_HEADER),
            HeaderValue::from(answer.count),
        );
        h.insert(
            HeaderName::from_static(MAX_ROWS_HEADER),
            HeaderValue::from(state.config.max_rows),
        );
        if answer.truncated {
            h.insert(
                HeaderName::from_static(TRUNCATED_HEADER),
                HeaderValue::from_static("true"),
            );
        }
        return Ok(response);
    }

    authorize(&state.config, &headers)?;
    if method == Method::DELETE {
        return state
            .engine
            .write_store(move |store| {
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
        .write_store(move |store| write_graph(store, &graph, format, &data, replace))
        .await
}

fn describe_formats() -> String {
    GRAPH_FORMATS
        .iter()
        .map(|f| f.media_types()[0])
        .collect::<Vec<_>>()
        .join(", ")
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
