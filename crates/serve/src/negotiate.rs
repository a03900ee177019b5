//! Content negotiation (RFC 9110 §12.5.1): the `Accept` header with q-values, and the `format` /
//! `output` request parameters that browsers and SPARQLWrapper send instead of (or beside) it.
//!
//! SELECT and ASK answer in the SPARQL results formats; CONSTRUCT and DESCRIBE in RDF formats.
//! Each format lists its media types in the server's order of preference, first one canonical.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

use crate::error::ApiError;

/// A format the server can answer in, with the media types that name it.
pub trait Offer: Copy {
    /// Media types naming this format, canonical first.
    fn media_types(self) -> &'static [&'static str];
    /// Short names accepted in `format=` / `output=` parameters.
    fn short_names(self) -> &'static [&'static str];
}

/// The SPARQL results formats, in the server's order of preference.
pub const RESULTS_FORMATS: [ResultsFormat; 4] = [
    ResultsFormat(QueryResultsFormat::Json),
    ResultsFormat(QueryResultsFormat::Xml),
    ResultsFormat(QueryResultsFormat::Csv),
    ResultsFormat(QueryResultsFormat::Tsv),
];

/// The RDF formats for graphs, in the server's order of preference.
pub const GRAPH_FORMATS: [GraphFormat; 4] = [
    GraphFormat::Turtle,
    GraphFormat::NTriples,
    GraphFormat::JsonLd,
    GraphFormat::RdfXml,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultsFormat(pub QueryResultsFormat);

impl Offer for ResultsFormat {
    fn media_types(self) -> &'static [&'static str] {
        match self.0 {
            QueryResultsFormat::Xml => &[
                "application/sparql-results+xml",
                "application/xml",
                "text/xml",
            ],
            QueryResultsFormat::Csv => &["text/csv"],
            QueryResultsFormat::Tsv => &["text/tab-separated-values", "text/tsv"],
            _ => &["application/sparql-results+json", "application/json"],
        }
    }

    fn short_names(self) -> &'static [&'static str] {
        match self.0 {
            QueryResultsFormat::Xml => &["xml", "srx"],
            QueryResultsFormat::Csv => &["csv"],
            QueryResultsFormat::Tsv => &["tsv"],
            _ => &["json", "srj"],
        }
    }
}

impl ResultsFormat {
    /// The `Content-Type` of the answer (with a charset for the text formats).
    pub fn content_type(self) -> &'static str {
        match self.0 {
            QueryResultsFormat::Xml => "application/sparql-results+xml; charset=utf-8",
            QueryResultsFormat::Csv => "text/csv; charset=utf-8",
            QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
            _ => "application/sparql-results+json; charset=utf-8",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
}

impl Offer for GraphFormat {
    fn media_types(self) -> &'static [&'static str] {
        match self {
            Self::Turtle => &["text/turtle", "application/x-turtle", "application/turtle"],
            Self::NTriples => &["application/n-triples", "text/plain"],
            Self::JsonLd => &["application/ld+json", "application/json"],
            Self::RdfXml => &["application/rdf+xml", "application/xml", "text/xml"],
        }
    }

    fn short_names(self) -> &'static [&'static str] {
        match self {
            Self::Turtle => &["turtle", "ttl"],
            Self::NTriples => &["ntriples", "n-triples", "nt"],
            Self::JsonLd => &["jsonld", "json-ld", "json"],
            Self::RdfXml => &["rdfxml", "rdf+xml", "rdf", "xml"],
        }
    }
}

impl GraphFormat {
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            Self::RdfXml => RdfFormat::RdfXml,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Turtle => "text/turtle; charset=utf-8",
            Self::NTriples => "application/n-triples; charset=utf-8",
            Self::JsonLd => "application/ld+json; charset=utf-8",
            Self::RdfXml => "application/rdf+xml; charset=utf-8",
        }
    }

    /// The RDF format of a request body, from its `Content-Type` (Graph Store Protocol writes).
    pub fn from_content_type(content_type: &str) -> Option<Self> {
        let essence = media_essence(content_type);
        GRAPH_FORMATS
            .into_iter()
            .find(|f| f.media_types().iter().any(|m| *m == essence))
    }
}

/// `type/subtype` of a media type, lower-cased, without parameters.
pub fn media_essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// One media range of an `Accept` header.
#[derive(Debug, PartialEq)]
struct MediaRange {
    kind: String,
    subtype: String,
    /// Quality in thousandths (RFC 9110 allows three decimals), so comparisons are exact.
    q: u16,
}

/// Parses an `Accept` header. Malformed ranges are reported, not skipped, so a client learns
/// why it got no answer.
fn parse_accept(header: &str) -> Result<Vec<MediaRange>, String> {
    let mut ranges = Vec::new();
    for raw in header.split(',') {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let mut parts = raw.split(';');
        let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let (kind, subtype) = essence
            .split_once('/')
            .filter(|(k, s)| !k.is_empty() && !s.is_empty())
            .ok_or_else(|| format!("'{raw}' is not a media range (expected type/subtype)"))?;
        if kind == "*" && subtype != "*" {
            return Err(format!("'{raw}' is not a media range (*/subtype)"));
        }
        let mut q = 1000;
        for param in parts {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("q") {
                q = parse_qvalue(value.trim())
                    .ok_or_else(|| format!("'{raw}' has an invalid q-value '{}'", value.trim()))?;
            }
        }
        ranges.push(MediaRange {
            kind: kind.to_owned(),
            subtype: subtype.to_owned(),
            q,
        });
    }
    Ok(ranges)
}

/// RFC 9110 qvalue: `0[.ddd]` or `1[.000]`.
fn parse_qvalue(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value = if frac.is_empty() {
        0
    } else {
        frac.parse::<u16>().ok()? * 10u16.pow(3 - frac.len() as u32)
    };
    match int {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

/// The quality the ranges give a media type: that of the most specific matching range.
fn quality(ranges: &[MediaRange], media_type: &str) -> u16 {
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    let mut best: Option<(u8, u16)> = None;
    for range in ranges {
        let specificity = if range.kind == kind && range.subtype == subtype {
            2
        } else if range.kind == kind && range.subtype == "*" {
            1
        } else if range.kind == "*" {
            0
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, range.q));
        }
    }
    best.map_or(0, |(_, q)| q)
}

/// Picks the format to answer in.
///
/// `format_params` are the values of the `format` / `output` parameters; the first one naming a
/// format on offer wins over `Accept` (a browser address bar cannot set headers). Without either,
/// the first offer is the default.
pub fn negotiate<F: Offer>(
    offers: &[F],
    accept: Option<&str>,
    format_params: &[String],
    what: &str,
) -> Result<F, ApiError> {
    if !format_params.is_empty() {
        for value in format_params {
            let value = value.trim().to_ascii_lowercase();
            let essence = media_essence(&value);
            if let Some(offer) = offers.iter().find(|o| {
                o.short_names().contains(&value.as_str())
                    || o.media_types().contains(&essence.as_str())
            }) {
                return Ok(*offer);
            }
        }
        return Err(ApiError::not_acceptable(format!(
            "format={} names no format for {what}; use one of: {}",
            format_params.join(","),
            describe(offers)
        )));
    }
    let accept = accept.map(str::trim).unwrap_or("");
    if accept.is_empty() {
        return Ok(offers[0]);
    }
    let ranges = parse_accept(accept)
        .map_err(|e| ApiError::bad_request(format!("invalid Accept header: {e}")))?;
    let mut best: Option<(u16, F)> = None;
    for offer in offers {
        let q = offer
            .media_types()
            .iter()
            .map(|m| quality(&ranges, m))
            .max()
            .unwrap_or(0);
        if q > 0 && best.is_none_or(|(best_q, _)| q > best_q) {
            best = Some((q, *offer));
        }
    }
    best.map(|(_, f)| f).ok_or_else(|| {
        ApiError::not_acceptable(format!(
            "no acceptable format for {what} in 'Accept: {accept}'; this endpoint offers: {}",
            describe(offers)
        ))
    })
}

fn describe<F: Offer>(offers: &[F]) -> String {
    offers
        .iter()
        .map(|o| o.media_types()[0])
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &str) -> Result<QueryResultsFormat, u16> {
        negotiate(&RESULTS_FORMATS, Some(accept), &[], "SELECT results")
            .map(|f| f.0)
            .map_err(|e| e.status.as_u16())
    }

    fn pick_graph(accept: &str) -> Result<GraphFormat, u16> {
        negotiate(&GRAPH_FORMATS, Some(accept), &[], "graphs").map_err(|e| e.status.as_u16())
    }

    #[test]
    fn default_is_json_and_turtle() {
        assert_eq!(pick(""), Ok(QueryResultsFormat::Json));
        assert_eq!(pick("*/*"), Ok(QueryResultsFormat::Json));
        assert_eq!(pick_graph("*/*"), Ok(GraphFormat::Turtle));
    }

    #[test]
    fn q_values_decide() {
        assert_eq!(
            pick("application/sparql-results+json;q=0.5, text/csv"),
            Ok(QueryResultsFormat::Csv)
        );
        assert_eq!(
            pick("text/csv;q=0.2, application/sparql-results+xml;q=0.9, */*;q=0.1"),
            Ok(QueryResultsFormat::Xml)
        );
        // The more specific range decides: text/csv is refused even though text/* is welcome.
        assert_eq!(
            pick("text/csv;q=0, text/*;q=0.8"),
            Ok(QueryResultsFormat::Xml) // text/xml is an XML alias
        );
        assert_eq!(
            pick("text/tab-separated-values"),
            Ok(QueryResultsFormat::Tsv)
        );
        assert_eq!(
            pick_graph("application/ld+json;q=0.9, application/rdf+xml;q=0.95"),
            Ok(GraphFormat::RdfXml)
        );
        assert_eq!(
            pick_graph("application/n-triples"),
            Ok(GraphFormat::NTriples)
        );
    }

    #[test]
    fn browser_accept_header_gets_xml() {
        let chrome =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        assert_eq!(pick(chrome), Ok(QueryResultsFormat::Xml));
    }

    #[test]
    fn unsupported_is_406_and_malformed_is_400() {
        assert_eq!(pick("image/png"), Err(406));
        assert_eq!(pick("application/json;q=0"), Err(406));
        assert_eq!(pick_graph("text/csv"), Err(406));
        assert_eq!(pick("json"), Err(400));
        assert_eq!(pick("text/csv;q=2"), Err(400));
        assert_eq!(pick("text/csv;q=0.1234"), Err(400));
        assert_eq!(pick("*/csv"), Err(400));
    }

    #[test]
    fn format_parameter_overrides_accept() {
        let params = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let f = negotiate(&RESULTS_FORMATS, Some("text/csv"), &params(&["json"]), "x").unwrap();
        assert_eq!(f.0, QueryResultsFormat::Json);
        // SPARQLWrapper sends format=tsv&format=text/tab-separated-values.
        let f = negotiate(
            &RESULTS_FORMATS,
            None,
            &params(&["tsv", "text/tab-separated-values"]),
            "x",
        )
        .unwrap();
        assert_eq!(f.0, QueryResultsFormat::Tsv);
        let f = negotiate(&GRAPH_FORMATS, None, &params(&["json-ld"]), "x").unwrap();
        assert_eq!(f, GraphFormat::JsonLd);
        let err = negotiate(&RESULTS_FORMATS, None, &params(&["turtle"]), "x").unwrap_err();
        assert_eq!(err.status.as_u16(), 406);
    }

    #[test]
    fn qvalues_parse_exactly() {
        assert_eq!(parse_qvalue("1"), Some(1000));
        assert_eq!(parse_qvalue("1.000"), Some(1000));
        assert_eq!(parse_qvalue("0.5"), Some(500));
        assert_eq!(parse_qvalue("0.05"), Some(50));
        assert_eq!(parse_qvalue("0"), Some(0));
        assert_eq!(parse_qvalue("1.5"), None);
        assert_eq!(parse_qvalue("-0.1"), None);
        assert_eq!(parse_qvalue(""), None);
    }
}
