//! The SPARQL 1.1 Protocol as clients see it: a real server on an ephemeral loopback port,
//! queried over HTTP. Status codes, content types, negotiation, datasets, limits, the token.

mod common;

use std::time::{Duration, Instant};

use common::*;
use policykg_serve::Config;

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_select_answers_json_by_default_over_the_union_of_graphs() {
    let server = TestServer::start(Config::default()).await;
    let response = server.get_query(&tasks_led_by_query(), None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        content_type(&response),
        "application/sparql-results+json; charset=utf-8"
    );
    assert_eq!(response.headers()["vary"], "Accept");
    assert_eq!(response.headers()["x-policykg-rows"], "3");
    assert!(response.headers().get("x-policykg-truncated").is_none());
    let body = response.text().await.unwrap();
    // Tasks from two documents (two named graphs) and the agency from a third: the union.
    assert_eq!(
        json_column(&body, "label"),
        vec![
            "培育数字经济核心产业",
            "支持企业上云用数赋智",
            "建设工业互联网平台"
        ]
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_form_and_post_sparql_query_give_the_same_answer() {
    let server = TestServer::start(Config::default()).await;
    let get = server
        .get_query(&tasks_led_by_query(), None)
        .await
        .text()
        .await
        .unwrap();
    let form = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", FORM)
        .body(format!("query={}", enc(&tasks_led_by_query())))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let form = form.text().await.unwrap();
    let direct = server
        .client
        .post(server.url("/query"))
        .header("Content-Type", "application/sparql-query; charset=utf-8")
        .body(tasks_led_by_query())
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status(), 200);
    let direct = direct.text().await.unwrap();
    assert_eq!(json_column(&get, "task"), json_column(&form, "task"));
    assert_eq!(json_column(&get, "task"), json_column(&direct, "task"));
    assert_eq!(json_column(&get, "task").len(), 3);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn select_results_are_negotiated_with_q_values() {
    let server = TestServer::start(Config::default()).await;
    let q = tasks_led_by_query();
    let cases = [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml; charset=utf-8",
            "<sparql",
        ),
        ("text/csv", "text/csv; charset=utf-8", "task,label\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "?task\t?label\n",
        ),
        (
            "application/json",
            "application/sparql-results+json; charset=utf-8",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+json;q=0.4, text/csv;q=0.8, */*;q=0.1",
            "text/csv; charset=utf-8",
            "task,label",
        ),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/sparql-results+xml; charset=utf-8",
            "<sparql",
        ),
    ];
    for (accept, expected_type, expected_body) in cases {
        let response = server.get_query(&q, Some(accept)).await;
        assert_eq!(response.status(), 200, "Accept: {accept}");
        assert_eq!(content_type(&response), expected_type, "Accept: {accept}");
        let body = response.text().await.unwrap();
        assert!(body.contains(expected_body), "Accept: {accept}\n{body}");
        assert!(body.contains("省经信厅") || body.contains("agency-jxt") || body.contains("task"));
    }
    // CSV keeps Chinese as UTF-8.
    let csv = server
        .get_query(&q, Some("text/csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("培育数字经济核心产业"), "{csv}");

    // format= overrides Accept (for browsers and SPARQLWrapper).
    let response = server
        .client
        .get(server.url(&format!("/sparql?query={}&format=tsv", enc(&q))))
        .header("Accept", "application/sparql-results+json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        content_type(&response),
        "text/tab-separated-values; charset=utf-8"
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsupported_accept_is_406_and_malformed_accept_is_400() {
    let server = TestServer::start(Config::default()).await;
    let q = tasks_led_by_query();
    let response = server.get_query(&q, Some("image/png")).await;
    assert_eq!(response.status(), 406);
    let message = response.text().await.unwrap();
    assert!(
        message.contains("application/sparql-results+json"),
        "406 should list what is on offer: {message}"
    );
    // Turtle is for graphs, not for SELECT results.
    assert_eq!(
        server.get_query(&q, Some("text/turtle")).await.status(),
        406
    );
    assert_eq!(
        server
            .get_query(&q, Some("application/json;q=0"))
            .await
            .status(),
        406
    );
    let response = server.get_query(&q, Some("json")).await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("Accept"));
    let response = server
        .client
        .get(server.url(&format!("/sparql?query={}&format=png", enc(&q))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 406);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn construct_is_negotiated_among_rdf_formats() {
    let server = TestServer::start(Config::default()).await;
    let q = format!(
        "{PREFIXES}CONSTRUCT {{ ?task ex:lead ?agency . ?agency skos:prefLabel ?name }} WHERE {{\n\
           ?agency skos:altLabel \"省经信厅\"@zh ; skos:prefLabel ?name .\n\
           ?task ex:lead ?agency .\n\
         }}"
    );
    let turtle = server.get_query(&q, None).await;
    assert_eq!(turtle.status(), 200);
    assert_eq!(content_type(&turtle), "text/turtle; charset=utf-8");
    assert_eq!(turtle.headers()["x-policykg-rows"], "4");
    let turtle = turtle.text().await.unwrap();
    assert!(
        turtle.contains("skos:prefLabel \"安徽省经济和信息化厅\"@zh"),
        "{turtle}"
    );

    let nt = server.get_query(&q, Some("application/n-triples")).await;
    assert_eq!(content_type(&nt), "application/n-triples; charset=utf-8");
    let nt = nt.text().await.unwrap();
    assert_eq!(nt.lines().filter(|l| !l.is_empty()).count(), 4, "{nt}");
    assert!(nt.contains(&format!("<{EX}doc2-task1> <{EX}lead> <{EX}agency-jxt> .")));

    let jsonld = server.get_query(&q, Some("application/ld+json")).await;
    assert_eq!(content_type(&jsonld), "application/ld+json; charset=utf-8");
    let jsonld: serde_json::Value =
        serde_json::from_str(&jsonld.text().await.unwrap()).expect("JSON-LD is JSON");
    assert!(jsonld.to_string().contains("安徽省经济和信息化厅"));

    let rdfxml = server
        .get_query(&q, Some("application/rdf+xml;q=0.9, text/turtle;q=0.5"))
        .await;
    assert_eq!(content_type(&rdfxml), "application/rdf+xml; charset=utf-8");
    assert!(rdfxml.text().await.unwrap().contains("<rdf:RDF"));

    assert_eq!(server.get_query(&q, Some("text/csv")).await.status(), 406);

    let describe = server
        .get_query(&format!("DESCRIBE <{EX}doc1>"), Some("text/turtle"))
        .await;
    assert_eq!(describe.status(), 200);
    assert!(describe
        .text()
        .await
        .unwrap()
        .contains("关于加快推进数字经济发展的若干措施"));
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_a_boolean_in_each_results_format() {
    let server = TestServer::start(Config::default()).await;
    let yes = format!("{PREFIXES}ASK {{ ?a skos:altLabel \"省财政厅\"@zh }}");
    let no = format!("{PREFIXES}ASK {{ ?a skos:altLabel \"省教育厅\"@zh }}");
    let body = server.get_query(&yes, None).await.text().await.unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["boolean"],
        true
    );
    let body = server.get_query(&no, None).await.text().await.unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["boolean"],
        false
    );
    let xml = server
        .get_query(&yes, Some("application/sparql-results+xml"))
        .await
        .text()
        .await
        .unwrap();
    assert!(xml.contains("<boolean>true</boolean>"), "{xml}");
    let csv = server
        .get_query(&yes, Some("text/csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.trim(), "true");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dataset_parameters_and_from_override_the_union_default_graph() {
    let server = TestServer::start(Config::default()).await;
    let titles = "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n\
                  SELECT ?t WHERE { ?d eli:title ?t } ORDER BY ?t";
    let all = server.get_query(titles, None).await.text().await.unwrap();
    assert_eq!(json_column(&all, "t").len(), 2, "union sees both documents");

    // default-graph-uri: only that graph is the default graph.
    let url = format!(
        "/sparql?query={}&default-graph-uri={}",
        enc(titles),
        enc(&format!("{EX}graph-doc2"))
    );
    let body = server
        .client
        .get(server.url(&url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(json_column(&body, "t"), vec!["制造业数字化转型行动方案"]);

    // named-graph-uri in a POSTed form: GRAPH ?g sees only the graphs listed.
    let graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    let form = format!(
        "query={}&named-graph-uri={}&named-graph-uri={}",
        enc(graphs),
        enc(&format!("{EX}graph-doc1")),
        enc(&format!("{EX}graph-agencies"))
    );
    let body = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", FORM)
        .body(form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        json_column(&body, "g"),
        vec![format!("{EX}graph-agencies"), format!("{EX}graph-doc1")]
    );

    // FROM in the query wins over the union.
    let from = format!(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n\
         SELECT ?t FROM <{EX}graph-doc1> WHERE {{ ?d eli:title ?t }}"
    );
    let body = server.get_query(&from, None).await.text().await.unwrap();
    assert_eq!(
        json_column(&body, "t"),
        vec!["关于加快推进数字经济发展的若干措施"]
    );

    let bad = format!(
        "/sparql?query={}&default-graph-uri=not%20an%20iri",
        enc(titles)
    );
    let response = server.client.get(server.url(&bad)).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("default-graph-uri"));
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn union_default_graph_can_be_turned_off() {
    let config = Config {
        union_default_graph: false,
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let body = server
        .get_query("SELECT * WHERE { ?s ?p ?o }", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        json_column(&body, "s").is_empty(),
        "the real default graph is empty"
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_get_400_with_the_reason() {
    let server = TestServer::start(Config::default()).await;
    let response = server.get_query("SELECT ?s WHERE { ?s ?p }", None).await;
    assert_eq!(response.status(), 400);
    assert_eq!(content_type(&response), "text/plain; charset=utf-8");
    let message = response.text().await.unwrap();
    assert!(message.starts_with("SPARQL syntax error:"), "{message}");
    // Where the mistake is.
    assert!(message.contains("line 1, column"), "{message}");

    for (url, expected) in [
        ("/sparql?query=", "empty"),
        ("/sparql?query=%20%0A", "empty"),
        ("/sparql", "missing 'query'"),
        ("/sparql?query=ASK%7B%7D&query=ASK%7B%7D", "once"),
        ("/sparql?query=%FF%FE", "UTF-8"),
        ("/sparql?update=CLEAR%20ALL", "/update"),
    ] {
        let response = server.client.get(server.url(url)).send().await.unwrap();
        assert_eq!(response.status(), 400, "{url}");
        let message = response.text().await.unwrap();
        assert!(message.contains(expected), "{url}: {message}");
    }

    // Hostile nesting is refused before the parser can overflow its stack.
    let deep = format!(
        "SELECT * WHERE {{ FILTER({}1{}) }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("levels deep"));

    // A binary body.
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .body(vec![0xff, 0x00, 0xfe, 0x80])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("not valid UTF-8"));

    // An update sent as a query.
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", FORM)
        .body("update=CLEAR%20ALL")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    // SERVICE would make the server a proxy: refused.
    let response = server
        .get_query(
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            None,
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("SERVICE"));
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_methods_get_405_and_wrong_content_types_415() {
    let server = TestServer::start(Config::default()).await;
    for (method, path, allow) in [
        (reqwest::Method::PUT, "/sparql", "GET, HEAD, POST"),
        (reqwest::Method::DELETE, "/query", "GET, HEAD, POST"),
        (reqwest::Method::GET, "/update", "POST"),
        (
            reqwest::Method::PATCH,
            "/store?default",
            "GET, HEAD, PUT, POST, DELETE",
        ),
    ] {
        let response = server
            .client
            .request(method.clone(), server.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
    }
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", "text/plain")
        .body("SELECT * {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("application/sparql-query"));
    let response = server
        .client
        .post(server.url("/sparql"))
        .body("SELECT * {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", "application/sparql-query; charset=gbk")
        .body("SELECT * {}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    assert!(response.text().await.unwrap().contains("UTF-8"));
    let response = server
        .client
        .get(server.url("/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_413() {
    let config = Config {
        max_body: 1024,
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let padded = format!("{}\n#{}", tasks_led_by_query(), "x".repeat(2000));
    let response = server
        .client
        .post(server.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .body(padded.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(response.text().await.unwrap().contains("1024 bytes"));

    // Without Content-Length (chunked), the limit still holds while reading.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let chunk = "y".repeat(600);
    let request = format!(
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         {len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // A small query still works on the same server.
    assert_eq!(
        server.get_query(&tasks_led_by_query(), None).await.status(),
        200
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_row_cap_truncates_and_says_so() {
    let config = Config {
        max_rows: 2,
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let response = server.get_query(&tasks_led_by_query(), None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-policykg-truncated"], "true");
    assert_eq!(response.headers()["x-policykg-max-rows"], "2");
    assert_eq!(response.headers()["x-policykg-rows"], "2");
    let body = response.text().await.unwrap();
    assert_eq!(json_column(&body, "task").len(), 2);
    // Exactly max_rows rows is not truncation.
    let limited = format!("{} LIMIT 2", tasks_led_by_query());
    let response = server.get_query(&limited, None).await;
    assert!(response.headers().get("x-policykg-truncated").is_none());
    // CONSTRUCT is capped in triples.
    let response = server
        .get_query(
            "CONSTRUCT WHERE { ?s ?p ?o }",
            Some("application/n-triples"),
        )
        .await;
    assert_eq!(response.headers()["x-policykg-truncated"], "true");
    assert_eq!(response.text().await.unwrap().lines().count(), 2);
    server.stop().await.unwrap();
}

/// A query that never finishes here: every triple of [`slow_store`] (over 1000) joined with
/// itself three times (over 10^9 rows) and counted.
const SLOW_QUERY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// The same query, held at the worker's fail point until the test releases it, so the test
/// knows it is running.
fn held(query: &str) -> String {
    format!("#failpoint:wait\n{query}")
}

/// The fixture plus 1000 filler triples in a graph of their own.
fn slow_store() -> TestStore {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    let graph = GraphName::from(NamedNode::new(format!("{EX}graph-filler")).unwrap());
    let p = NamedNode::new(format!("{EX}filler")).unwrap();
    TestStore::new((0..1000).map(move |i| {
        Quad::new(
            NamedNode::new(format!("{EX}f{i}")).unwrap(),
            p.clone(),
            Literal::from(i),
            graph.clone(),
        )
    }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_query_gets_503_and_does_not_block_others() {
    let timeout = Duration::from_millis(1500);
    let config = Config {
        timeout,
        ..Config::default()
    };
    let server = std::sync::Arc::new(TestServer::start_on(slow_store(), config).await);
    let slow = {
        let server = server.clone();
        tokio::spawn(async move {
            let start = Instant::now();
            let response = server.get_query(&held(SLOW_QUERY), None).await;
            (
                response.status(),
                response.text().await.unwrap(),
                start.elapsed(),
            )
        })
    };
    // While the slow query holds its worker (it cannot end before it is released), others are
    // answered by other workers.
    let pid = server.running(1).await[0];
    let mut fast = Vec::new();
    for _ in 0..20 {
        let server = server.clone();
        fast.push(tokio::spawn(async move {
            let response = server.get_query(&tasks_led_by_query(), None).await;
            (response.status(), response.text().await.unwrap())
        }));
    }
    for handle in fast {
        let (status, body) = handle.await.unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(json_column(&body, "task").len(), 3);
    }
    // Now the cross product itself runs, until the deadline.
    server.release(pid);
    let (status, message, took) = slow.await.unwrap();
    assert_eq!(status, 503);
    assert_eq!(message.lines().count(), 1);
    assert!(message.contains("timeout of 1.5 s"), "{message}");
    assert!(took >= timeout, "answered before its deadline: {took:?}");
    // Its worker was killed and reaped before the answer was sent.
    assert_eq!(process_state(pid), None, "worker {pid} still exists");
    // And the server is still serving.
    assert_eq!(
        server.get_query(&tasks_led_by_query(), None).await.status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_query_frees_its_slot_at_once() {
    // One slot. The runaway query's worker is killed at its deadline before the 503 is sent, so
    // the slot is free when the client hears it: the next query gets it at once. (Were the
    // evaluation left running, as a thread ignoring its cancellation token was, the next query
    // would wait its whole timeout and hear "busy".)
    let config = Config {
        timeout: Duration::from_millis(1500),
        max_concurrent: 1,
        ..Config::default()
    };
    let server = std::sync::Arc::new(TestServer::start_on(slow_store(), config).await);
    let slow = {
        let server = server.clone();
        tokio::spawn(async move { server.get_query(&held(SLOW_QUERY), None).await.status() })
    };
    let pid = server.running(1).await[0];
    server.release(pid);
    assert_eq!(slow.await.unwrap(), 503);
    assert_eq!(process_state(pid), None, "worker {pid} still exists");
    let (_, health) = server.health().await;
    assert_eq!(health["workers"]["busy"], 0, "{health}");
    // Killed at its deadline, then again in the short guarded re-run that checks the store is
    // not damaged (at most half a second): both before the 503.
    let workers = &health["workers"];
    assert!(workers["killed"].as_u64().unwrap() >= 1, "{health}");
    assert_eq!(
        workers["killed"].as_u64().unwrap() + workers["died"].as_u64().unwrap(),
        2,
        "{health}"
    );
    let response = server.get_query(&tasks_led_by_query(), None).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(
        json_column(&response.text().await.unwrap(), "task").len(),
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_answers_headers_only() {
    let server = TestServer::start(Config::default()).await;
    let response = server
        .client
        .head(server.url(&format!("/sparql?query={}", enc(&tasks_led_by_query()))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        content_type(&response),
        "application/sparql-results+json; charset=utf-8"
    );
    assert!(response.bytes().await.unwrap().is_empty());
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_reports_the_store() {
    let server = TestServer::start(Config::default()).await;
    let response = server
        .client
        .get(server.url("/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json_body().await;
    assert_eq!(json["status"], "ok");
    assert_eq!(json["store_state"], "ok");
    assert_eq!(json["writable"], false);
    assert_eq!(json["union_default_graph"], true);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_headers_only_for_configured_origins() {
    let config = Config {
        cors_origins: vec!["http://localhost:3000".into()],
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, server.url("/sparql"))
        .header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "http://localhost:3000"
    );
    let response = server
        .client
        .get(server.url(&format!("/sparql?query={}", enc(&tasks_led_by_query()))))
        .header("Origin", "http://localhost:3000")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:3000"
    );
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(exposed.contains("x-policykg-truncated"), "{exposed}");
    let other = server
        .client
        .get(server.url(&format!("/sparql?query={}", enc(&tasks_led_by_query()))))
        .header("Origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    server.stop().await.unwrap();

    let plain = TestServer::start(Config::default()).await;
    let response = plain
        .client
        .get(plain.url("/health"))
        .header("Origin", "http://localhost:3000")
        .send()
        .await
        .unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    plain.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let mut server = TestServer::start(Config::default()).await;
    // The fixture's 28 triples joined with themselves three times, held at the fail point so it
    // is certainly in flight when the shutdown signal is sent.
    let query = held("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let client = server.client.clone();
    let url = server.url(&format!("/sparql?query={}", enc(&query)));
    let in_flight = tokio::spawn(async move {
        let response = client.get(url).send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    });
    let pid = server.running(1).await[0];
    server.signal_shutdown();
    server.release(pid);
    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(json_column(&body, "n"), vec![(28u64.pow(3)).to_string()]);
    let workers = server.workers_watch();
    server.join().await.unwrap();
    // The workers end with the server.
    workers.wait_all_gone().await;
}

trait JsonBody {
    async fn json_body(self) -> serde_json::Value;
}

impl JsonBody for reqwest::Response {
    async fn json_body(self) -> serde_json::Value {
        serde_json::from_str(&self.text().await.unwrap()).unwrap()
    }
}
