//! `policykg push --endpoint URL`: the store's named graphs (one per document version, and the
//! shared graphs) sent to another SPARQL 1.1 store over the SPARQL 1.1 Graph Store HTTP Protocol,
//! one `PUT {endpoint}?graph=IRI` of N-Triples per graph (a PUT replaces the graph, so a push can
//! be repeated).
//!
//! What the remote store holds is recorded there, in the manifest graph
//! `{base}graph/push-manifest`: `<graph> pkg:contentFingerprint "sha256"`, the SHA-256 of the
//! graph's N-Triples lines sorted. A graph whose fingerprint the manifest already has is skipped;
//! a graph the manifest lists and the store no longer has is deleted. The manifest is read with a
//! SELECT on the query endpoint and written last, with only the graphs that arrived; before any
//! graph is sent, the entries of the graphs about to be sent are taken out of it, so a push that
//! is stopped half-way never leaves a graph looking up to date when it is not.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use md5::{Digest, Md5};
use policykg_graph::export::{self, ExportFormat};
use policykg_graph::iri::sha256_hex;
use policykg_graph::oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use policykg_graph::vocab::pkg;
use policykg_graph::Mode;

use crate::graph::StoreArg;

/// Name of the manifest graph, after the store's base IRI.
const MANIFEST: &str = "graph/push-manifest";

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// The remote store's Graph Store Protocol endpoint (Virtuoso: http://host:8890/sparql-graph-crud-auth;
    /// Fuseki: http://host:3030/DATASET/data; GraphDB: http://host:7200/repositories/REPO/rdf-graphs/service)
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// Its SPARQL query endpoint, where the manifest is read [default: the --endpoint URL]
    #[arg(long, value_name = "URL")]
    query_endpoint: Option<String>,
    /// Send `Authorization: Bearer TOKEN`
    #[arg(
        long,
        value_name = "TOKEN",
        env = "POLICYKG_PUSH_TOKEN",
        conflicts_with = "user"
    )]
    bearer: Option<String>,
    /// HTTP authentication as USER:PASSWORD, digest or basic as the server asks
    #[arg(long, value_name = "USER:PASSWORD", env = "POLICYKG_PUSH_USER")]
    user: Option<String>,
    /// Attempts after the first on a connection error, a timeout, 429 or 5xx (waits 0.5 s, 1 s,
    /// 2 s … between them)
    #[arg(long, default_value_t = 4, value_name = "N")]
    retries: u32,
    /// Send every graph, ignoring the remote manifest
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gs = args.store.open(Mode::ReadOnly)?;
    let store = gs.store();
    let base = gs.iris().base().to_owned();
    let manifest_iri = format!("{base}{MANIFEST}");
    let mut client = Client::new(&args)?;
    let query_endpoint = args
        .query_endpoint
        .clone()
        .unwrap_or_else(|| args.endpoint.clone());

    let remote: BTreeMap<String, String> = if args.force {
        BTreeMap::new()
    } else {
        client
            .read_manifest(&query_endpoint, &manifest_iri)
            .with_context(|| format!("reading the push manifest from {query_endpoint}"))?
    };

    let graphs: Vec<String> = export::named_graphs(store, gs.path())?
        .into_iter()
        .filter_map(|g| match g {
            NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
            NamedOrBlankNode::BlankNode(_) => None,
        })
        .filter(|g| *g != manifest_iri)
        .collect();

    // Each graph's N-Triples and fingerprint; the ones the remote store has are skipped.
    let started = Instant::now();
    let mut to_send: Vec<(String, Vec<u8>, String, usize)> = Vec::new();
    let mut manifest: BTreeMap<String, String> = BTreeMap::new();
    let mut skipped = 0;
    for g in &graphs {
        let node = policykg_graph::oxigraph::model::NamedNode::new_unchecked(g.clone());
        let mut body = Vec::new();
        let n = export::export_graph(
            store,
            gs.path(),
            ExportFormat::NTriples,
            GraphNameRef::NamedNode(node.as_ref()),
            &mut body,
        )?;
        let fp = fingerprint(&body);
        if remote.get(g) == Some(&fp) {
            skipped += 1;
            manifest.insert(g.clone(), fp);
        } else {
            to_send.push((g.clone(), body, fp, n));
        }
    }
    let local: BTreeSet<&String> = graphs.iter().collect();
    let stale: Vec<String> = remote
        .keys()
        .filter(|g| !local.contains(g))
        .cloned()
        .collect();

    let mut failed: Vec<(String, String)> = Vec::new();
    let (mut sent, mut triples, mut bytes, mut removed) = (0, 0, 0, 0);
    if !to_send.is_empty() || !stale.is_empty() {
        // Graphs about to change leave the manifest first (see the module comment).
        let mut pending = manifest.clone();
        for g in &stale {
            pending.insert(g.clone(), remote[g].clone());
        }
        client
            .put(&args.endpoint, &manifest_iri, manifest_body(&pending))
            .with_context(|| format!("writing the push manifest <{manifest_iri}>"))?;

        let bar = ProgressBar::with_draw_target(
            Some((to_send.len() + stale.len()) as u64),
            ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} graphs  {per_sec}  eta {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        for (g, body, fp, n) in to_send {
            bar.set_message(short(&g, &base));
            let size = body.len();
            match client.put(&args.endpoint, &g, body) {
                Ok(()) => {
                    sent += 1;
                    triples += n;
                    bytes += size;
                    manifest.insert(g, fp);
                }
                Err(e) => {
                    bar.suspend(|| eprintln!("policykg: push <{g}>: {e:#}"));
                    failed.push((g, format!("{e:#}")));
                }
            }
            bar.inc(1);
        }
        for g in stale {
            bar.set_message(short(&g, &base));
            match client.delete(&args.endpoint, &g) {
                Ok(()) => removed += 1,
                Err(e) => {
                    bar.suspend(|| eprintln!("policykg: delete <{g}>: {e:#}"));
                    manifest.insert(g.clone(), remote[&g].clone());
                    failed.push((g, format!("{e:#}")));
                }
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        client
            .put(&args.endpoint, &manifest_iri, manifest_body(&manifest))
            .with_context(|| format!("writing the push manifest <{manifest_iri}>"))?;
    }
    println!(
        "policykg push: {} graphs: {sent} sent ({triples} triples, {:.1} MB), {skipped} skipped \
         (unchanged), {removed} removed, {} failed; {:.1} s",
        graphs.len(),
        bytes as f64 / 1e6,
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// SHA-256 (hex) of the N-Triples lines sorted: the same triples give the same fingerprint
/// whatever order they were written in.
fn fingerprint(ntriples: &[u8]) -> String {
    let mut lines: Vec<&[u8]> = ntriples
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort_unstable();
    sha256_hex(&lines.join(&b'\n'))
}

fn manifest_body(entries: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = String::new();
    for (g, fp) in entries {
        out.push_str(&format!(
            "<{g}> <{}> \"{fp}\" .\n",
            pkg::CONTENT_FINGERPRINT.as_str()
        ));
    }
    out.into_bytes()
}

fn short(g: &str, base: &str) -> String {
    g.strip_prefix(base).unwrap_or(g).to_owned()
}

/// `?key=value` with the value percent-encoded (everything but RFC 3986's unreserved bytes).
fn with_param(endpoint: &str, key: &str, value: &str) -> String {
    let mut url = String::from(endpoint);
    url.push(if endpoint.contains('?') { '&' } else { '?' });
    url.push_str(key);
    url.push('=');
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

enum Auth {
    None,
    Bearer(String),
    /// USER, PASSWORD, and what the server asked for once it did.
    User(String, String, Option<Challenge>),
}

enum Challenge {
    Basic,
    Digest {
        realm: String,
        nonce: String,
        opaque: Option<String>,
        qop_auth: bool,
        count: u32,
    },
}

struct Client {
    agent: ureq::Agent,
    auth: Auth,
    retries: u32,
}

struct Response {
    status: u16,
    challenge: Option<String>,
    body: String,
}

impl Client {
    fn new(args: &Args) -> anyhow::Result<Client> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(600)))
            .build()
            .into();
        let auth = match (&args.bearer, &args.user) {
            (Some(t), _) => Auth::Bearer(t.clone()),
            (None, Some(u)) => {
                let Some((user, password)) = u.split_once(':') else {
                    bail!("--user wants USER:PASSWORD");
                };
                Auth::User(user.to_owned(), password.to_owned(), None)
            }
            (None, None) => Auth::None,
        };
        Ok(Client {
            agent,
            auth,
            retries: args.retries,
        })
    }

    /// The manifest's entries (graph → fingerprint); none when the graph does not exist.
    fn read_manifest(
        &mut self,
        query_endpoint: &str,
        manifest: &str,
    ) -> anyhow::Result<BTreeMap<String, String>> {
        let query = format!(
            "SELECT ?g ?fp WHERE {{ GRAPH <{manifest}> {{ ?g <{}> ?fp }} }}",
            pkg::CONTENT_FINGERPRINT.as_str()
        );
        let body = with_param("", "query", &query)[1..].to_owned().into_bytes();
        let r = self.send(
            "POST",
            query_endpoint,
            Some(("application/x-www-form-urlencoded", body)),
            "application/sparql-results+json",
        )?;
        if !(200..300).contains(&r.status) {
            bail!("HTTP {}: {}", r.status, excerpt(&r.body));
        }
        let json: serde_json::Value = serde_json::from_str(&r.body)
            .with_context(|| format!("not SPARQL JSON results: {}", excerpt(&r.body)))?;
        let mut out = BTreeMap::new();
        for row in json["results"]["bindings"].as_array().into_iter().flatten() {
            if let (Some(g), Some(fp)) = (row["g"]["value"].as_str(), row["fp"]["value"].as_str()) {
                out.insert(g.to_owned(), fp.to_owned());
            }
        }
        Ok(out)
    }

    fn put(&mut self, endpoint: &str, graph: &str, ntriples: Vec<u8>) -> anyhow::Result<()> {
        let url = with_param(endpoint, "graph", graph);
        let r = self.send(
            "PUT",
            &url,
            Some(("application/n-triples", ntriples)),
            "*/*",
        )?;
        if (200..300).contains(&r.status) {
            Ok(())
        } else {
            bail!("HTTP {}: {}", r.status, excerpt(&r.body))
        }
    }

    fn delete(&mut self, endpoint: &str, graph: &str) -> anyhow::Result<()> {
        let url = with_param(endpoint, "graph", graph);
        let r = self.send("DELETE", &url, None, "*/*")?;
        // 404: already gone.
        if (200..300).contains(&r.status) || r.status == 404 {
            Ok(())
        } else {
            bail!("HTTP {}: {}", r.status, excerpt(&r.body))
        }
    }

    /// One request, answering an authentication challenge once and retrying with backoff on
    /// connection errors, timeouts, 429 and 5xx.
    fn send(
        &mut self,
        method: &str,
        url: &str,
        body: Option<(&str, Vec<u8>)>,
        accept: &str,
    ) -> anyhow::Result<Response> {
        let mut attempt = 0;
        let mut challenged = false;
        loop {
            let result = self.send_once(method, url, body.as_ref(), accept);
            let retry = match &result {
                Ok(r) if r.status == 401 && !challenged => {
                    if let (Auth::User(_, _, slot), Some(c)) = (&mut self.auth, &r.challenge) {
                        if let Some(c) = parse_challenge(c) {
                            *slot = Some(c);
                            challenged = true;
                            continue;
                        }
                    }
                    false
                }
                Ok(r) => r.status == 429 || r.status >= 500,
                Err(_) => true,
            };
            if !retry || attempt >= self.retries {
                return result;
            }
            std::thread::sleep(Duration::from_millis(500 << attempt.min(6)));
            attempt += 1;
        }
    }

    fn send_once(
        &mut self,
        method: &str,
        url: &str,
        body: Option<&(&str, Vec<u8>)>,
        accept: &str,
    ) -> anyhow::Result<Response> {
        let authorization = self.authorization(method, url);
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(url)
            .header("Accept", accept);
        if let Some(a) = authorization {
            req = req.header("Authorization", a);
        }
        let result = match body {
            Some((content_type, bytes)) => self.agent.run(
                req.header("Content-Type", *content_type)
                    .body(bytes.as_slice())?,
            ),
            None => self.agent.run(req.body(())?),
        };
        let mut resp = result.with_context(|| format!("{method} {url}"))?;
        let status = resp.status().as_u16();
        let challenge = resp
            .headers()
            .get_all("www-authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.to_ascii_lowercase().starts_with("digest"))
            .or_else(|| {
                resp.headers()
                    .get("www-authenticate")
                    .and_then(|v| v.to_str().ok())
            })
            .map(str::to_owned);
        let mut text = String::new();
        resp.body_mut()
            .as_reader()
            .take(8 << 20)
            .read_to_string(&mut text)
            .with_context(|| format!("{method} {url}: reading the answer"))?;
        Ok(Response {
            status,
            challenge,
            body: text,
        })
    }

    fn authorization(&mut self, method: &str, url: &str) -> Option<String> {
        match &mut self.auth {
            Auth::None => None,
            Auth::Bearer(t) => Some(format!("Bearer {t}")),
            Auth::User(_, _, None) => None,
            Auth::User(user, password, Some(Challenge::Basic)) => Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            )),
            Auth::User(
                user,
                password,
                Some(Challenge::Digest {
                    realm,
                    nonce,
                    opaque,
                    qop_auth,
                    count,
                }),
            ) => {
                // RFC 7616 with MD5, the algorithm Virtuoso and most servers offer.
                *count += 1;
                let uri = request_target(url);
                let ha1 = md5_hex(&format!("{user}:{realm}:{password}"));
                let ha2 = md5_hex(&format!("{method}:{uri}"));
                let nc = format!("{count:08x}");
                let cnonce =
                    md5_hex(&format!("{nonce}{count}{:?}", Instant::now()))[..16].to_owned();
                let mut h = format!("Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm=MD5");
                if *qop_auth {
                    let response = md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"));
                    h.push_str(&format!(
                        ", qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\""
                    ));
                } else {
                    let response = md5_hex(&format!("{ha1}:{nonce}:{ha2}"));
                    h.push_str(&format!(", response=\"{response}\""));
                }
                if let Some(o) = opaque {
                    h.push_str(&format!(", opaque=\"{o}\""));
                }
                Some(h)
            }
        }
    }
}

/// The path and query of a URL, as the request line carries them.
fn request_target(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

fn parse_challenge(header: &str) -> Option<Challenge> {
    let (scheme, params) = header.trim().split_once(' ').unwrap_or((header.trim(), ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Challenge::Basic);
    }
    if !scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut rest = params;
    while let Some((key, after)) = rest.split_once('=') {
        let key = key
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        fields.insert(key, value.to_owned());
        rest = next;
    }
    if fields
        .get("algorithm")
        .is_some_and(|a| !a.eq_ignore_ascii_case("md5"))
    {
        return None;
    }
    Some(Challenge::Digest {
        realm: fields.get("realm")?.clone(),
        nonce: fields.get("nonce")?.clone(),
        opaque: fields.get("opaque").cloned(),
        qop_auth: fields
            .get("qop")
            .is_some_and(|q| q.split(',').any(|q| q.trim() == "auth")),
        count: 0,
    })
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn excerpt(body: &str) -> String {
    let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    text.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_challenge_and_helpers() {
        let c = parse_challenge(
            r#"Digest realm="virtuoso_admin", domain="/", nonce="abc,def", opaque="5ebe", stale=false, qop="auth", algorithm="MD5""#,
        );
        match c {
            Some(Challenge::Digest {
                realm,
                nonce,
                opaque,
                qop_auth,
                ..
            }) => {
                assert_eq!(realm, "virtuoso_admin");
                assert_eq!(nonce, "abc,def");
                assert_eq!(opaque.as_deref(), Some("5ebe"));
                assert!(qop_auth);
            }
            _ => panic!("not a digest challenge"),
        }
        assert!(matches!(
            parse_challenge("Basic realm=\"x\""),
            Some(Challenge::Basic)
        ));
        assert_eq!(base64(b"dba:dba"), "ZGJhOmRiYQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(
            with_param("http://h:1/crud", "graph", "http://x/id/省 a"),
            "http://h:1/crud?graph=http%3A%2F%2Fx%2Fid%2F%E7%9C%81%20a"
        );
        assert_eq!(request_target("http://h:1/crud?graph=a"), "/crud?graph=a");
        assert_eq!(fingerprint(b"b .\na .\n"), fingerprint(b"a .\nb .\n"));
    }
}
