//! The query page at `/`: hand-written HTML, CSS and JavaScript compiled into the binary (no CDN,
//! no files at run time), and the example queries of `scripts/queries/*.rq`, embedded at build
//! time by `build.rs`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;

use crate::error::ApiError;
use crate::{AppState, Config};

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// Scripts and styles come only from this server; results are inserted as text, never HTML.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// An example query, as the page lists it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Example {
    /// File name, e.g. `01_tasks_led_by.rq`.
    pub name: String,
    /// The question, from the file's first comment line.
    pub title: String,
    /// Further leading comment lines, if any.
    pub description: String,
    /// The whole file.
    pub query: String,
}

impl Example {
    /// Reads the title and description from the leading `#` comment lines.
    pub fn parse(name: &str, text: &str) -> Self {
        let mut comments = text
            .lines()
            .map(str::trim)
            .take_while(|l| l.is_empty() || l.starts_with('#'))
            .filter_map(|l| l.strip_prefix('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .filter(|l| !l.is_empty());
        let title = comments
            .next()
            .map(str::to_owned)
            .unwrap_or_else(|| name.trim_end_matches(".rq").replace(['_', '-'], " "));
        let description = comments.collect::<Vec<_>>().join("\n");
        Self {
            name: name.to_owned(),
            title,
            description,
            query: text.to_owned(),
        }
    }
}

/// The example queries compiled into this binary.
pub fn examples() -> Vec<Example> {
    EMBEDDED_EXAMPLES
        .iter()
        .map(|(name, text)| Example::parse(name, text))
        .collect()
}

/// The page with its data filled in once, at start-up.
pub struct Page {
    index: String,
    examples_json: String,
}

/// Embeds JSON in an HTML `<script type="application/json">` safely.
fn json_for_html(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl Page {
    /// `resource_base`: the store's base IRI; result IRIs under it link to this server's `/id/…`.
    pub fn new(config: &Config, resource_base: &str) -> Self {
        let examples = examples();
        let settings = serde_json::json!({
            "endpoint": "/sparql",
            "maxRows": config.max_rows,
            "timeoutMs": config.timeout.as_millis() as u64,
            "store": config.store_label,
            "writable": config.token.is_some(),
            "unionDefaultGraph": config.union_default_graph,
            // For shortening IRIs on the page, whether or not queries get them predeclared.
            "prefixes": policykg_graph::vocab::PREFIXES,
            // IRIs under it are dereferenced by this server at /id/… (Linked Data pages).
            "resourceBase": resource_base,
            "version": env!("CARGO_PKG_VERSION"),
            // Whether the server declares `prefixes` for every query (else a query must).
            "predeclared": config.predeclare_prefixes,
            // For prefix completion: the vocabulary's terms with their Chinese labels.
            "terms": vocabulary_terms(),
        });
        let index = INDEX_HTML
            .replace("{{EXAMPLES_JSON}}", &json_for_html(&examples))
            .replace("{{SETTINGS_JSON}}", &json_for_html(&settings));
        Self {
            index,
            examples_json: serde_json::to_string_pretty(&examples).unwrap_or_default(),
        }
    }
}

/// A term the editor offers after its prefix.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Term {
    /// `pkg`, `eli`, …
    pub prefix: &'static str,
    /// `Task`, `agency`, …
    pub local: String,
    /// The `rdfs:label …@zh` of `ontology/policykg.ttl`, or empty.
    pub label: String,
}

/// The terms of the prefixes in [`policykg_graph::vocab::PREFIXES`] that the mapping uses or
/// `ontology/policykg.ttl` names, sorted, each once, with the Chinese labels the vocabulary gives.
pub fn vocabulary_terms() -> Vec<Term> {
    use policykg_graph::vocab;
    let ttl = policykg_graph::publish::VOCABULARY_TTL;
    let mut iris: Vec<String> = [
        vocab::pkg::ALL,
        vocab::eli::ALL,
        vocab::org::ALL,
        vocab::cpov::ALL,
        vocab::skos::ALL,
        vocab::schema::ALL,
        vocab::prov::ALL,
        vocab::oa::ALL,
        vocab::dcterms::ALL,
    ]
    .iter()
    .flat_map(|all| all.iter().map(|t| t.as_str().to_owned()))
    .collect();
    // Prefixed names in the Turtle, outside comments and strings: `pkg:Lead`, `xsd:decimal`.
    let mut labels = std::collections::HashMap::new();
    let mut subject: Option<String> = None;
    for line in ttl.lines() {
        let code = line.split('#').next().unwrap_or("");
        if code.trim().is_empty() {
            subject = None;
            continue;
        }
        let mut in_string = false;
        for (i, word) in code
            .split(|c: char| {
                if c == '"' {
                    in_string = !in_string;
                }
                in_string || c == '"' || c.is_whitespace() || matches!(c, ';' | ',' | '(' | ')')
            })
            .enumerate()
        {
            let word = word.trim_end_matches('.');
            let Some((prefix, local)) = word.split_once(':') else {
                continue;
            };
            let Some((_, ns)) = vocab::PREFIXES.iter().find(|(p, _)| *p == prefix) else {
                continue;
            };
            if local.is_empty() || !local.chars().all(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let iri = format!("{ns}{local}");
            if i == 0 && !line.starts_with(char::is_whitespace) {
                subject = Some(iri.clone());
            }
            iris.push(iri);
        }
        if let (Some(s), Some(rest)) = (&subject, code.trim().strip_prefix("rdfs:label \"")) {
            if let Some((before, _)) = rest.split_once("\"@zh") {
                let label = before.rsplit('"').next().unwrap_or(before);
                labels.insert(s.clone(), label.to_owned());
            }
        }
    }
    iris.sort();
    iris.dedup();
    iris.into_iter()
        .filter_map(|iri| {
            let (prefix, ns) = vocab::PREFIXES
                .iter()
                .filter(|(_, ns)| iri.starts_with(ns) && iri.len() > ns.len())
                .max_by_key(|(_, ns)| ns.len())?;
            Some(Term {
                prefix,
                local: iri[ns.len()..].to_owned(),
                label: labels.get(&iri).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/assets/app.js", get(app_js))
        .route("/assets/app.css", get(app_css))
        .route("/examples", get(examples_list))
        .route("/examples/{name}", get(example_file))
}

fn asset(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn index(State(state): State<Arc<AppState>>) -> Response {
    let mut response = asset("text/html; charset=utf-8", state.page.index.clone());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS.to_owned())
}

async fn app_css() -> Response {
    asset("text/css; charset=utf-8", APP_CSS.to_owned())
}

async fn examples_list(State(state): State<Arc<AppState>>) -> Response {
    asset(
        "application/json; charset=utf-8",
        state.page.examples_json.clone(),
    )
}

async fn example_file(Path(name): Path<String>) -> Result<Response, ApiError> {
    EMBEDDED_EXAMPLES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| {
            asset(
                "application/sparql-query; charset=utf-8",
                (*text).to_owned(),
            )
        })
        .ok_or_else(|| {
            ApiError::not_found(format!("no example query {name}; the list is at /examples"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_description_come_from_leading_comments() {
        let e = Example::parse(
            "01_tasks.rq",
            "# 省经信厅牵头的任务\n# Tasks led by 省经信厅, through its alias.\n\nSELECT * {}\n# not this\n",
        );
        assert_eq!(e.title, "省经信厅牵头的任务");
        assert_eq!(e.description, "Tasks led by 省经信厅, through its alias.");
        let bare = Example::parse("targets_by_2025.rq", "SELECT * {}");
        assert_eq!(bare.title, "targets by 2025");
        assert_eq!(bare.description, "");
    }

    #[test]
    fn vocabulary_terms_have_their_prefix_and_chinese_label() {
        let terms = vocabulary_terms();
        let find = |p: &str, l: &str| terms.iter().find(|t| t.prefix == p && t.local == l);
        assert_eq!(find("pkg", "Task").map(|t| t.label.as_str()), Some("任务"));
        assert_eq!(find("pkg", "Lead").map(|t| t.label.as_str()), Some("牵头"));
        assert!(find("eli", "LegalExpression").is_some());
        assert!(find("skos", "prefLabel").is_some());
        assert!(find("xsd", "decimal").is_some());
        assert!(terms
            .iter()
            .all(|t| !t.local.is_empty() && !t.local.contains(':')));
    }

    #[test]
    fn json_cannot_close_the_script_element() {
        let s = json_for_html(&vec!["</script><script>alert(1)</script>"]);
        assert!(!s.contains("</script>"), "{s}");
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }
}
