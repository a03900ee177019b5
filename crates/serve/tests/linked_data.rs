//! Linked Data on a store built from a real notice (seed 001, 安徽省专精特新中小企业倍增行动方案, and its
//! 征求意见稿) by the whole pipeline: the graph's IRIs dereference under `/id/…` with content negotiation.
//! HTML pages for browsers (agency, version, task, linked to each other), Turtle / N-Triples /
//! JSON-LD for clients, 404 for an IRI the store does not describe, 406 for an unsupported type.

mod common;

use std::path::Path;

use common::{TestServer, TestStore};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, Triple};
use policykg_graph::ingest::{ingest_paths, IngestOptions};
use policykg_graph::{GraphStore, Mode};
use policykg_ontology::Ontology;
use policykg_serve::Config;

const AGENCY: &str = "/id/agency/安徽省经济和信息化厅";
const AGENCY_IRI: &str = "https://policykg.org/id/agency/安徽省经济和信息化厅";

async fn server() -> TestServer {
    let store = TestStore::empty();
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds/001_a6818095697d7a7c.txt");
    // Its 征求意见稿: the final text revises it, and the version page lists what changed.
    let draft = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/versions/001_zhengqiu.txt");
    let gs = GraphStore::open(&store.path(), Mode::ReadWrite, None).expect("a new store");
    let report = ingest_paths(
        &gs,
        &[seed, draft],
        Ontology::bundled(),
        &IngestOptions::default(),
        &mut (),
    )
    .expect("ingest");
    assert_eq!(report.failures.len(), 0);
    gs.flush().expect("flush");
    drop(gs);
    TestServer::start_on(store, Config::default()).await
}

/// GET `path` with `accept`: status, content type, body.
async fn fetch(
    server: &TestServer,
    path: &str,
    accept: &str,
) -> (u16, String, String, Option<String>) {
    let response = server
        .client
        .get(server.url(path))
        .header("Accept", accept)
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (content_type, vary) = (header("content-type").unwrap_or_default(), header("vary"));
    (status, content_type, response.text().await.unwrap(), vary)
}

/// [`fetch`] of a resource, which always varies by `Accept`.
async fn get(server: &TestServer, path: &str, accept: &str) -> (u16, String, String) {
    let (status, content_type, body, vary) = fetch(server, path, accept).await;
    assert_eq!(vary.as_deref(), Some("Accept"), "{path}");
    (status, content_type, body)
}

/// The `<li>` items of the first `<ol class="items {class}">` of a page.
fn list_items<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<ol class=\"items {class}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {open} in the page"))
        + open.len();
    let end = start + html[start..].find("</ol>").expect("the list ends");
    html[start..end]
        .split("<li>")
        .filter(|s| !s.is_empty())
        .collect()
}

/// The first `href` in `html`.
fn first_href(html: &str) -> &str {
    let start = html.find("href=\"").expect("a link") + 6;
    &html[start..start + html[start..].find('"').unwrap()]
}

const BROWSER: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

#[tokio::test(flavor = "multi_thread")]
async fn the_graphs_iris_resolve_to_pages_and_descriptions() {
    let server = server().await;

    // The agency page (the path percent-encoded by the client): names, and its 11 lead tasks in
    // the text in force, each with the policy, date and role basis.
    let (status, content_type, html) = get(&server, AGENCY, BROWSER).await;
    assert_eq!(status, 200, "{html}");
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(html.contains("<h1>安徽省经济和信息化厅</h1>"), "{html}");
    assert!(html.contains("省经信厅"), "an alias is shown");
    let lead = list_items(&html, "lead");
    assert_eq!(lead.len(), 11, "{lead:#?}");
    for item in &lead {
        assert!(
            item.contains("安徽省专精特新中小企业倍增行动方案"),
            "{item}"
        );
        assert!(item.contains("依据："), "{item}");
    }
    assert!(
        lead.iter().any(|i| i.contains("实施“五企”培育工程")),
        "{lead:#?}"
    );

    // Its first lead task: the page links back to the version and marks the agency's mention.
    let task = first_href(lead[0]).to_owned();
    assert!(
        task.starts_with("/id/expr/") && task.contains("/task/"),
        "{task}"
    );
    let (status, _, page) = get(&server, &task, "text/html").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<mark class=\"agency\""), "{page}");
    assert!(
        page.contains(&format!("<a href=\"{}\">安徽省经济和信息化厅</a>", AGENCY)),
        "the task links to the agency: {page}"
    );
    let version = task[..task.find("/task/").unwrap()].to_owned();
    assert!(page.contains(&format!("href=\"{version}\"")), "{page}");

    // The version page: title, 文号-less seed's date, its tasks with agencies and roles.
    let (status, _, page) = get(&server, &version, "text/html").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<h1>安徽省专精特新中小企业倍增行动方案</h1>"),
        "{page}"
    );
    let tasks = list_items(&page, "tasks");
    assert!(tasks.len() >= 23, "{}", tasks.len());
    assert!(page.contains("<span class=\"role\">牵头</span>"), "{page}");
    // ... and what changed from the draft it revises, as data: the raised target, where it is.
    assert!(page.contains("与所修订版本相比的变化"), "{page}");
    assert!(page.contains("目标调整：省级专精特新企业</a>"), "{page}");
    assert!(
        page.contains("<td>4000家以上（2024年）</td><td>5000家以上（2025年）</td>"),
        "{page}"
    );
    // The link to the 对照表 between the two versions opens it, made by the diff stage.
    let at = page.find("href=\"/diff/").expect("a link to the 对照表");
    let link = &page[at + 6..];
    let link = &link[..link.find('"').unwrap()];
    let (status, content_type, report, _) = fetch(&server, link, "text/html").await;
    assert_eq!(status, 200, "{report}");
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(
        report.contains("<th>修订前</th><th>修订后</th>"),
        "{report}"
    );
    assert!(report.contains("5000家"), "a changed target in the 对照表");
    let (status, _, _, _) = fetch(&server, "/diff/0000/ffff", "text/html").await;
    assert_eq!(status, 404);

    // Turtle for clients: the agency's description parses, with its canonical name.
    let (status, content_type, turtle) = get(&server, AGENCY, "text/turtle").await;
    assert_eq!(status, 200, "{turtle}");
    assert!(content_type.starts_with("text/turtle"), "{content_type}");
    let triples: Vec<Triple> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .map(|q| Triple::from(q.expect("the Turtle parses")))
        .collect();
    let agency = NamedNode::new(AGENCY_IRI).unwrap();
    let pref_label = NamedNode::new("http://www.w3.org/2004/02/skos/core#prefLabel").unwrap();
    assert!(
        triples.contains(&Triple::new(
            agency.clone(),
            pref_label.clone(),
            Literal::new_language_tagged_literal("安徽省经济和信息化厅", "zh").unwrap()
        )),
        "{turtle}"
    );
    // N-Triples and JSON-LD say the same.
    for (accept, format) in [
        ("application/n-triples", RdfFormat::NTriples),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ] {
        let (status, _, body) = get(&server, AGENCY, accept).await;
        assert_eq!(status, 200, "{body}");
        let parsed: Vec<Triple> = RdfParser::from_format(format)
            .for_slice(body.as_bytes())
            .map(|q| Triple::from(q.expect("the answer parses")))
            .collect();
        assert!(
            parsed
                .iter()
                .any(|t| t.subject == agency.clone().into() && t.predicate == pref_label),
            "{accept}: {body}"
        );
    }
    // A task's description carries its hash resources (the span with its offsets).
    let (status, _, turtle) = get(&server, &task, "text/turtle").await;
    assert_eq!(status, 200, "{turtle}");
    assert!(
        turtle.contains("oa:start") && turtle.contains("#span"),
        "{turtle}"
    );

    // Unknown IRIs: a page for people, plain 404 for clients.
    let (status, content_type, page) = get(&server, "/id/agency/没有这个机构", BROWSER).await;
    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(page.contains("库中没有这个资源"), "{page}");
    let (status, _, _) = get(&server, "/id/agency/没有这个机构", "text/turtle").await;
    assert_eq!(status, 404);

    // An unsupported type.
    let (status, _, body) = get(&server, AGENCY, "image/png").await;
    assert_eq!(status, 406, "{body}");
    assert!(
        body.contains("text/turtle"),
        "the answer names what is offered: {body}"
    );

    // The query page links result IRIs under the store's base to these pages.
    let index = server
        .client
        .get(server.url("/"))
        .send()
        .await
        .expect("the query page")
        .text()
        .await
        .unwrap();
    assert!(
        index.contains("\"resourceBase\":\"https://policykg.org/id/\""),
        "the query page knows the base its links go to"
    );

    server.stop().await.unwrap();
}
