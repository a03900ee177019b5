//! The SPARQL 1.1 Protocol's request shapes: what a query or update request carries, read from
//! the URL and the body with strict decoding (bad UTF-8 or percent escapes are errors, not
//! silently replaced characters) and within the body limit.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Uri};

use crate::error::ApiError;

/// Decoded `key=value` pairs of a query string or urlencoded body, in order.
pub type Params = Vec<(String, String)>;

/// Decodes `application/x-www-form-urlencoded` strictly.
pub fn parse_urlencoded(input: &[u8], what: &str) -> Result<Params, ApiError> {
    let mut params = Vec::new();
    for pair in input.split(|b| *b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (key, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &[][..]),
        };
        params.push((decode_component(key, what)?, decode_component(value, what)?));
    }
    Ok(params)
}

fn decode_component(raw: &[u8], what: &str) -> Result<String, ApiError> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    // percent_decode passes malformed escapes ("%zz") through unchanged, like browsers do; the
    // UTF-8 check below is what must not be lossy.
    let bytes: Vec<u8> = percent_encoding::percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "{what} is not valid UTF-8 after percent-decoding (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// All values of one parameter.
pub fn values(params: &Params, name: &str) -> Vec<String> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The one value of a parameter that must appear at most once.
pub fn single(params: &Params, name: &str) -> Result<Option<String>, ApiError> {
    let mut found = values(params, name);
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        n => Err(ApiError::bad_request(format!(
            "the '{name}' parameter must be given once, not {n} times"
        ))),
    }
}

/// `type/subtype` of the request's `Content-Type`, lower-cased, and whether it names a charset
/// other than UTF-8 (which this server does not decode).
pub fn content_type(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let value = value
        .to_str()
        .map_err(|_| ApiError::bad_request("the Content-Type header is not visible ASCII"))?;
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    for param in parts {
        if let Some((name, charset)) = param.split_once('=') {
            let charset = charset.trim().trim_matches('"').to_ascii_lowercase();
            if name.trim().eq_ignore_ascii_case("charset")
                && !matches!(charset.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
            {
                return Err(ApiError::unsupported_media_type(format!(
                    "charset={charset} is not supported; send UTF-8"
                )));
            }
        }
    }
    Ok(Some(essence))
}

/// Reads the whole body, refusing more than `limit` bytes (413), early when `Content-Length`
/// already says so.
pub async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Vec<u8>, ApiError> {
    if let Some(length) = headers.get(header::CONTENT_LENGTH) {
        let length: u64 = length
            .to_str()
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| ApiError::bad_request("the Content-Length header is not a number"))?;
        if length > limit as u64 {
            return Err(ApiError::payload_too_large(limit));
        }
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(err) => {
            // to_bytes reports the limit through a LengthLimitError somewhere in the source chain.
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
            while let Some(e) = source {
                if e.is::<http_body_util::LengthLimitError>() {
                    return Err(ApiError::payload_too_large(limit));
                }
                if let Some(timeout) = e.downcast_ref::<crate::conn::BodyTimeout>() {
                    return Err(crate::conn::body_timeout_error(timeout.0));
                }
                source = e.source();
            }
            Err(ApiError::bad_request(format!(
                "could not read the request body: {err}"
            )))
        }
    }
}

/// The body as UTF-8 text.
pub fn body_text(body: Vec<u8>, what: &str) -> Result<String, ApiError> {
    String::from_utf8(body).map_err(|e| {
        ApiError::bad_request(format!(
            "{what} is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A SPARQL query request, whichever of the protocol's three shapes it came in.
#[derive(Debug)]
pub struct QueryRequest {
    pub query: String,
    pub default_graph_uris: Vec<String>,
    pub named_graph_uris: Vec<String>,
    /// `format` / `output` parameter values, which override `Accept`.
    pub format: Vec<String>,
}

/// A SPARQL update request.
#[derive(Debug)]
pub struct UpdateRequest {
    pub update: String,
    pub using_graph_uris: Vec<String>,
    pub using_named_graph_uris: Vec<String>,
}

/// Query-or-update: what a POST to the query endpoint turned out to contain.
pub enum Operation {
    Query(QueryRequest),
    /// A form with `update=` sent to the query endpoint.
    MisdirectedUpdate,
}

const QUERY_CONTENT_TYPES: &str = "application/x-www-form-urlencoded or application/sparql-query";
const UPDATE_CONTENT_TYPES: &str = "application/x-www-form-urlencoded or application/sparql-update";

fn uri_params(uri: &Uri) -> Result<Params, ApiError> {
    parse_urlencoded(uri.query().unwrap_or("").as_bytes(), "the URL query string")
}

fn query_from_params(params: &Params, query: Option<String>) -> Result<QueryRequest, ApiError> {
    let query = query.ok_or_else(|| {
        ApiError::bad_request(
            "missing 'query' parameter: send ?query=SPARQL (GET), a form with query=SPARQL, \
             or a body of type application/sparql-query (POST)",
        )
    })?;
    let mut format = values(params, "format");
    format.extend(values(params, "output"));
    Ok(QueryRequest {
        query,
        default_graph_uris: values(params, "default-graph-uri"),
        named_graph_uris: values(params, "named-graph-uri"),
        format,
    })
}

/// Reads a query request (GET or POST) to the query endpoint.
pub async fn read_query_request(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Operation, ApiError> {
    let url = uri_params(uri)?;
    if method == Method::GET || method == Method::HEAD {
        if single(&url, "update")?.is_some() {
            return Ok(Operation::MisdirectedUpdate);
        }
        let query = single(&url, "query")?;
        return query_from_params(&url, query).map(Operation::Query);
    }
    match content_type(headers)?.as_deref() {
        Some("application/x-www-form-urlencoded") => {
            let body = read_body(headers, body, limit).await?;
            let form = parse_urlencoded(&body, "the form body")?;
            if single(&form, "update")?.is_some() {
                return Ok(Operation::MisdirectedUpdate);
            }
            // The protocol puts every parameter in the body here; a format= in the URL is still
            // honoured since it only chooses the answer's format.
            let query = single(&form, "query")?;
            let mut request = query_from_params(&form, query)?;
            if request.format.is_empty() {
                request.format = values(&url, "format");
                request.format.extend(values(&url, "output"));
            }
            Ok(Operation::Query(request))
        }
        Some("application/sparql-query") => {
            let body = read_body(headers, body, limit).await?;
            let query = body_text(body, "the query")?;
            query_from_params(&url, Some(query)).map(Operation::Query)
        }
        Some(other) => Err(ApiError::unsupported_media_type(format!(
            "Content-Type {other} is not a query; send {QUERY_CONTENT_TYPES}"
        ))),
        None => Err(ApiError::unsupported_media_type(format!(
            "missing Content-Type; send {QUERY_CONTENT_TYPES}"
        ))),
    }
}

/// Reads an update request (POST only, by the protocol).
pub async fn read_update_request(
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<UpdateRequest, ApiError> {
    let url = uri_params(uri)?;
    let (update, params) = match content_type(headers)?.as_deref() {
        Some("application/x-www-form-urlencoded") => {
            let body = read_body(headers, body, limit).await?;
            let form = parse_urlencoded(&body, "the form body")?;
            if single(&form, "query")?.is_some() {
                return Err(ApiError::bad_request(
                    "this is the update endpoint; send queries to /sparql",
                ));
            }
            (single(&form, "update")?, form)
        }
        Some("application/sparql-update") => {
            let body = read_body(headers, body, limit).await?;
            (Some(body_text(body, "the update")?), url)
        }
        Some(other) => {
            return Err(ApiError::unsupported_media_type(format!(
                "Content-Type {other} is not an update; send {UPDATE_CONTENT_TYPES}"
            )))
        }
        None => {
            return Err(ApiError::unsupported_media_type(format!(
                "missing Content-Type; send {UPDATE_CONTENT_TYPES}"
            )))
        }
    };
    let update = update.ok_or_else(|| {
        ApiError::bad_request("missing 'update' parameter: send a form with update=SPARQL")
    })?;
    Ok(UpdateRequest {
        update,
        using_graph_uris: values(&params, "using-graph-uri"),
        using_named_graph_uris: values(&params, "using-named-graph-uri"),
    })
}

/// Refuses empty operations and ones that would overflow the parser's or the evaluator's
/// stack (brackets nested too deep, operator chains too long...), before parsing, with
/// `policykg_sparql`'s guard: the same check and the same message as `policykg query`.
pub fn check_operation_text(text: &str, what: &str) -> Result<(), ApiError> {
    policykg_sparql::check(text, &policykg_sparql::Limits::DEFAULT)
        .map_err(|e| ApiError::bad_request(e.refusal(what)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_is_strict() {
        let p = parse_urlencoded(b"query=SELECT+%3Fs%20WHERE&x=&flag", "t").unwrap();
        assert_eq!(
            p,
            vec![
                ("query".into(), "SELECT ?s WHERE".into()),
                ("x".into(), "".into()),
                ("flag".into(), "".into())
            ]
        );
        let chinese = parse_urlencoded("q=%E7%9C%81%E7%BB%8F%E4%BF%A1%E5%8E%85".as_bytes(), "t");
        assert_eq!(chinese.unwrap()[0].1, "省经信厅");
        let err = parse_urlencoded(b"query=%FF%FE", "the form body").unwrap_err();
        assert_eq!(err.status.as_u16(), 400);
        assert!(err.message.contains("not valid UTF-8"), "{}", err.message);
    }

    #[test]
    fn repeated_single_parameter_is_an_error() {
        let p = parse_urlencoded(b"query=a&query=b", "t").unwrap();
        assert!(single(&p, "query").is_err());
        assert_eq!(values(&p, "query").len(), 2);
    }

    #[test]
    fn nesting_is_bounded_outside_strings_and_comments() {
        assert!(check_operation_text("SELECT * { ?s ?p ?o }", "query").is_ok());
        assert!(check_operation_text("  \n ", "query").is_err());
        let deep = format!(
            "SELECT * {{ FILTER({}1{}) }}",
            "(".repeat(500),
            ")".repeat(500)
        );
        let err = check_operation_text(&deep, "query").unwrap_err();
        assert!(err.message.contains("levels deep"));
        let in_string = format!("SELECT * {{ BIND(\"{}\" AS ?x) }}", "(".repeat(500));
        assert!(check_operation_text(&in_string, "query").is_ok());
        let in_long_string = format!("SELECT * {{ BIND('''{}\n''' AS ?x) }}", "{".repeat(500));
        assert!(check_operation_text(&in_long_string, "query").is_ok());
        let in_comment = format!("# {}\nSELECT * {{}}", "[".repeat(500));
        assert!(check_operation_text(&in_comment, "query").is_ok());
        let escaped = format!("SELECT * {{ BIND(\"\\\"{}\" AS ?x) }}", "(".repeat(500));
        assert!(check_operation_text(&escaped, "query").is_ok());
        // `#` inside an IRI is not a comment (issue #10).
        let iri = format!(
            "SELECT * WHERE {{ <http://x/#a> ?p ?o . {}{}",
            "{".repeat(50_000),
            "}".repeat(50_000)
        );
        let err = check_operation_text(&iri, "query").unwrap_err();
        assert_eq!(err.status.as_u16(), 400);
        assert!(
            err.message
                .starts_with("SPARQL query refused before parsing: line 1, column 167: "),
            "{}",
            err.message
        );
    }
}
