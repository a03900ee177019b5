//! Queries run in worker processes: what happens when they run away, run out of memory, meet a
//! damaged store, or lose their worker; and how writes reach them.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use policykg_serve::Config;

/// The fixture plus `n` filler triples (with literals long enough to fill SST blocks) in a graph
/// of their own.
fn filled_store(n: usize) -> TestStore {
    let graph = GraphName::from(NamedNode::new(format!("{EX}graph-filler")).unwrap());
    let p = NamedNode::new(format!("{EX}filler")).unwrap();
    TestStore::new((0..n).map(move |i| {
        Quad::new(
            NamedNode::new(format!("{EX}f{i}")).unwrap(),
            p.clone(),
            Literal::new_simple_literal(format!("填充文本 {i} {}", "x".repeat(40))),
            graph.clone(),
        )
    }))
}

const CROSS_PRODUCT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_runaway_cross_products_are_killed_and_the_server_recovers() {
    let timeout = Duration::from_secs(2);
    let config = Config {
        timeout,
        max_concurrent: 8,
        ..Config::default()
    };
    let server = Arc::new(TestServer::start_on(filled_store(1000), config).await);
    let runaways: Vec<_> = (0..8)
        .map(|_| {
            let server = server.clone();
            tokio::spawn(async move {
                let response = server.get_query(CROSS_PRODUCT, None).await;
                (response.status().as_u16(), response.text().await.unwrap())
            })
        })
        .collect();
    // /health answers while every slot is taken (it needs no slot and no worker).
    loop {
        let (status, health) = server.health().await;
        assert_eq!(status, 200, "{health}");
        if health["workers"]["busy"] == 8 || runaways.iter().all(|r| r.is_finished()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for runaway in runaways {
        let (status, message) = runaway.await.unwrap();
        assert_eq!(status, 503, "{message}");
        assert!(message.contains("timeout of 2 s"), "{message}");
    }
    // Every worker was killed and reaped before its 503: none is left, none is busy. Each
    // runaway was stopped twice: at its deadline, then in the short guarded re-run that checks
    // the store is not damaged (it is not, so the client hears "timeout").
    let (status, health) = server.health().await;
    assert_eq!(status, 200, "{health}");
    let workers = &health["workers"];
    assert!(workers["killed"].as_u64().unwrap() >= 8, "{health}");
    assert_eq!(
        workers["killed"].as_u64().unwrap() + workers["died"].as_u64().unwrap(),
        16,
        "{health}"
    );
    assert_eq!(health["workers"]["busy"], 0, "{health}");
    assert_eq!(server.live_workers(), Vec::<u32>::new());
    // And the next query is answered, correctly.
    let response = server.get_query(&tasks_led_by_query(), None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        json_column(&response.text().await.unwrap(), "label"),
        vec![
            "培育数字经济核心产业",
            "支持企业上云用数赋智",
            "建设工业互联网平台"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_past_the_memory_cap_gets_a_clear_error_and_the_server_goes_on() {
    let config = Config {
        // Far beyond what the query needs to hit the cap: the outcome is decided by memory.
        timeout: Duration::from_secs(600),
        max_query_memory: 512 << 20,
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    // A string doubled 27 times: 2 GiB, built in a few copies.
    let mut query =
        String::from("SELECT (STRLEN(?s27) AS ?n) WHERE {\n BIND(\"0123456789abcdef\" AS ?s0)\n");
    for i in 1..=27 {
        query.push_str(&format!(
            " BIND(CONCAT(?s{p}, ?s{p}) AS ?s{i})\n",
            p = i - 1
        ));
    }
    query.push('}');
    let response = server.get_query(&query, None).await;
    assert_eq!(response.status(), 503);
    let message = response.text().await.unwrap();
    assert!(
        message.contains("the query needed more than 512 MiB of memory"),
        "{message}"
    );
    let (status, health) = server.health().await;
    assert_eq!(status, 200, "{health}");
    // The worker died at its ceiling; the guarded re-run that checked the store was not
    // damaged either died there too or was stopped at its 500 ms budget (which one depends on
    // how fast the machine allocates, so only the sum is asserted).
    let workers = &health["workers"];
    assert!(workers["died"].as_u64().unwrap() >= 1, "{health}");
    assert_eq!(
        workers["died"].as_u64().unwrap() + workers["killed"].as_u64().unwrap(),
        2,
        "{health}"
    );
    // The same shape within the cap is answered.
    let small = "SELECT (STRLEN(CONCAT(\"ab\", \"cd\")) AS ?n) WHERE {}";
    let response = server.get_query(small, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(json_column(&response.text().await.unwrap(), "n"), vec!["4"]);
    server.stop().await.unwrap();
}

/// Flips bytes in the middle of every sizeable SST file: data blocks, whose checksums RocksDB
/// verifies on read.
fn damage(store: &std::path::Path) -> usize {
    let mut damaged = 0;
    for entry in std::fs::read_dir(store).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "sst") {
            let mut bytes = std::fs::read(&path).unwrap();
            if bytes.len() < 16 * 1024 {
                continue;
            }
            let middle = bytes.len() / 2;
            for b in &mut bytes[middle..middle + 256] {
                *b ^= 0x5a;
            }
            std::fs::write(&path, bytes).unwrap();
            damaged += 1;
        }
    }
    damaged
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_store_is_reported_by_queries_and_health() {
    // Each shape on a server of its own, so that none is answered from what an earlier query
    // found: a plain scan meets the error itself; the cross product and ORDER BY swallow it in
    // the fast evaluator and run until stopped (deadline or memory ceiling), and the guarded
    // re-run then finds the damage.
    for query in [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        // The reported runaway: a cross product's build side collected the repeated error.
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o",
    ] {
        let store = filled_store(20_000);
        assert!(damage(&store.path()) > 0, "no SST file to damage");
        let config = Config {
            timeout: Duration::from_secs(20),
            ..Config::default()
        };
        let server = TestServer::start_on(store, config).await;
        let (status, health) = server.health().await;
        assert_eq!(health["store_state"], "ok", "{status} {health}");

        let response = server.get_query(query, None).await;
        let status = response.status();
        let message = response.text().await.unwrap();
        assert_eq!(status, 503, "{query}: {message}");
        assert!(message.contains("is damaged"), "{query}: {message}");
        // RocksDB's own words, from a read during the query (the store opened fine).
        assert!(message.contains("checksum mismatch"), "{query}: {message}");
        assert!(message.contains("policykg verify"), "{query}: {message}");
        assert!(
            message.contains(&server.store.path().display().to_string()),
            "{message}"
        );
        let (status, health) = server.health().await;
        assert_eq!(status, 503, "{health}");
        assert_eq!(health["status"], "error");
        assert_eq!(health["store_state"], "damaged");
        let reason = health["error"].as_str().unwrap();
        assert!(reason.contains("policykg verify"), "{reason}");
        server.stop().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_from_outside_is_replaced() {
    let server = TestServer::start(Config::default()).await;
    assert_eq!(
        server.get_query(&tasks_led_by_query(), None).await.status(),
        200
    );
    let (_, health) = server.health().await;
    let idle: Vec<u32> = serde_json::from_value(health["workers"]["pids"].clone()).unwrap();
    assert_eq!(idle.len(), 1, "{health}");

    // An idle worker killed: the next query notices and starts another.
    kill(idle[0]);
    wait_until_dead(idle[0]).await;
    let response = server.get_query(&tasks_led_by_query(), None).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(json_column(&body, "task").len(), 3);
    let (_, health) = server.health().await;
    assert_eq!(health["workers"]["died"], 1, "{health}");
    assert!(!health["workers"]["pids"]
        .as_array()
        .unwrap()
        .contains(&idle[0].into()));

    // A busy worker killed: its query gets a 500 that says so; the next one is answered.
    let query = format!("#failpoint:wait\n{}", tasks_led_by_query());
    let busy = {
        let client = server.client.clone();
        let url = server.url(&format!("/sparql?query={}", enc(&query)));
        tokio::spawn(async move {
            let response = client.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        })
    };
    let pid = server.running(1).await[0];
    kill(pid);
    let (status, message) = busy.await.unwrap();
    assert_eq!(status, 500, "{message}");
    assert!(message.contains("killed by signal 9"), "{message}");
    assert!(message.contains("replaced"), "{message}");
    assert_eq!(
        server.get_query(&tasks_led_by_query(), None).await.status(),
        200
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_write_queries_see_it() {
    let config = Config {
        token: Some("s3cret".into()),
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/pk/new> { ?s ?p ?o } }";
    let before = server.get_query(count, None).await.text().await.unwrap();
    assert_eq!(json_column(&before, "n"), vec!["0"]);
    // A worker now holds the store as it was.
    let response = server
        .client
        .post(server.url("/update"))
        .header("Authorization", "Bearer s3cret")
        .header("Content-Type", "application/sparql-update")
        .body("INSERT DATA { GRAPH <https://example.org/pk/new> { <https://example.org/pk/s> rdfs:label \"新\"@zh } }")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "{}", response.text().await.unwrap());
    let after = server.get_query(count, None).await.text().await.unwrap();
    assert_eq!(json_column(&after, "n"), vec!["1"]);
    // Graph Store writes too.
    let response = server
        .client
        .put(server.url("/store?graph=https%3A%2F%2Fexample.org%2Fpk%2Fnew"))
        .header("Authorization", "Bearer s3cret")
        .header("Content-Type", "application/n-triples")
        .body("<https://example.org/pk/a> <https://example.org/pk/b> \"1\" .\n<https://example.org/pk/a> <https://example.org/pk/b> \"2\" .\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "{}", response.text().await.unwrap());
    let after = server.get_query(count, None).await.text().await.unwrap();
    assert_eq!(json_column(&after, "n"), vec!["2"]);
    let (_, health) = server.health().await;
    assert_eq!(health["workers"]["generation"], 2, "{health}");
    // A graph read goes through a worker too, with the row headers.
    let response = server
        .client
        .get(server.url("/store?graph=https%3A%2F%2Fexample.org%2Fpk%2Fnew"))
        .header("Accept", "application/n-triples")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-policykg-rows"], "2");
    assert_eq!(response.text().await.unwrap().lines().count(), 2);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_prefixes_are_predeclared_unless_turned_off() {
    let query = "SELECT ?a WHERE { ?a skos:altLabel \"省经信厅\"@zh . OPTIONAL { ?a pkg:x ?y } }";
    let server = TestServer::start(Config::default()).await;
    let response = server.get_query(query, None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        json_column(&response.text().await.unwrap(), "a"),
        vec![format!("{EX}agency-jxt")]
    );
    server.stop().await.unwrap();

    let config = Config {
        predeclare_prefixes: false,
        ..Config::default()
    };
    let server = TestServer::start(config).await;
    let response = server.get_query(query, None).await;
    assert_eq!(response.status(), 400);
    let message = response.text().await.unwrap();
    assert!(message.contains("unknown prefix `skos:`"), "{message}");
    server.stop().await.unwrap();
}

fn kill(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Waits for the kernel to end `pid` (a zombie until the server reaps it).
async fn wait_until_dead(pid: u32) {
    for _ in 0..6_000 {
        if matches!(process_state(pid), None | Some('Z') | Some('X')) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("worker {pid} survived SIGKILL");
}
