//! A real server on an ephemeral loopback port over an in-memory store loaded with
//! `fixtures/mini.trig`, and helpers to talk to it.
#![allow(dead_code)] // each test binary uses a different subset

use std::net::SocketAddr;
use std::time::Duration;

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use policykg_serve::Config;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const EX: &str = "https://example.org/pk/";
pub const PREFIXES: &str = "PREFIX ex: <https://example.org/pk/>\n\
     PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
     PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
     PREFIX eli: <http://data.europa.eu/eli/ontology#>\n";

/// Tasks led by the agency whose alias is 省经信厅 (three in the fixture).
pub fn tasks_led_by_query() -> String {
    format!(
        "{PREFIXES}SELECT ?task ?label WHERE {{\n\
           ?agency skos:altLabel \"省经信厅\"@zh .\n\
           ?task ex:lead ?agency ; rdfs:label ?label .\n\
         }} ORDER BY ?task"
    )
}

pub fn fixture_store() -> Store {
    let store = Store::new().expect("in-memory store");
    store
        .load_from_slice(RdfFormat::TriG, include_str!("../fixtures/mini.trig"))
        .expect("fixture parses");
    store
}

pub struct TestServer {
    pub base: String,
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<std::io::Result<()>>>,
    pub client: reqwest::Client,
}

impl TestServer {
    pub async fn start(config: Config) -> Self {
        Self::start_with_store(fixture_store(), config).await
    }

    pub async fn start_with_store(store: Store, config: Config) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral port");
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(policykg_serve::serve(listener, store, config, async {
            let _ = rx.await;
        }));
        Self {
            base: format!("http://{addr}"),
            addr,
            shutdown: Some(tx),
            handle: Some(handle),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
        }
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.base, path_and_query)
    }

    /// GET /sparql?query=… with an optional Accept header.
    pub async fn get_query(&self, query: &str, accept: Option<&str>) -> reqwest::Response {
        let mut request = self
            .client
            .get(self.url(&format!("/sparql?query={}", enc(query))));
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        request.send().await.expect("request sent")
    }

    /// Stops accepting connections, lets requests in flight finish, and waits for the server.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.handle.take().unwrap().await.expect("server task")
    }

    pub fn signal_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    pub async fn join(mut self) -> std::io::Result<()> {
        self.handle.take().unwrap().await.expect("server task")
    }
}

/// Percent-encodes a query-string or form component.
pub fn enc(s: &str) -> String {
    const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

pub fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// The values of `variable` in a SPARQL JSON results document.
pub fn json_column(body: &str, variable: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(body).expect("SPARQL JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| b[variable]["value"].as_str().unwrap_or("").to_owned())
        .collect()
}
