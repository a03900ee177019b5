//! What the server and a query worker say to each other over the worker's stdin and stdout.
//!
//! Every message is a frame: a 4-byte little-endian length, then that many bytes. Control
//! messages are JSON; an answer's body follows its [`Reply::Answer`] as one raw frame, so result
//! bytes are never re-encoded. Sequence: the worker sends [`Reply::Ready`] (or
//! [`Reply::Failed`] and exits) once its store is open; then, for each [`Request`], one
//! [`Reply`] (plus the body frame after an answer).

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// What a worker is started with (passed as one JSON command-line argument).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Settings {
    pub store: std::path::PathBuf,
    /// RLIMIT_DATA the worker sets on itself before opening the store.
    pub max_memory: u64,
    pub max_rows: usize,
    pub max_response_bytes: usize,
    pub union_default_graph: bool,
    pub predeclare_prefixes: bool,
}

/// One piece of work for a worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// A SPARQL query, answered in the format negotiated from `accept` / `format`.
    Query {
        query: String,
        default_graph_uris: Vec<String>,
        named_graph_uris: Vec<String>,
        accept: Option<String>,
        format: Vec<String>,
        /// Evaluate over the dataset wrapper that makes the first storage error final
        /// (slower: it decodes every term). The server asks for it only to find out why a
        /// query was stopped (see `Engine::call_worker`).
        #[serde(default)]
        guarded: bool,
    },
    /// A Graph Store Protocol read: `graph` `None` is the default graph; `media_type` was
    /// negotiated by the server.
    ReadGraph {
        graph: Option<String>,
        media_type: String,
    },
    /// A Linked Data resource: `path` is the request path after `/id/` (as sent, percent-encoded),
    /// the IRI being the store's base IRI followed by it. With `media_type` (an RDF format
    /// negotiated by the server) the answer is the resource's description in that format;
    /// without, the data of its HTML page as JSON (`policykg_graph::describe::Page`).
    Resource {
        path: String,
        media_type: Option<String>,
    },
    /// The HTML 对照表 between two versions, by their ids (the `expr/` keys): the diff of a
    /// source file of each, as `policykg diff` makes it.
    Diff { old: String, new: String },
}

/// A worker's answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The store is open; the worker waits for requests.
    Ready { pid: u32 },
    /// An answer; its body is the next frame.
    Answer {
        content_type: String,
        count: usize,
        truncated: bool,
    },
    /// The request failed; `damaged` means a storage fault (checksum, unreadable file).
    Failed {
        status: u16,
        message: String,
        damaged: bool,
    },
}

pub fn write_frame(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    let len =
        u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("frame larger than 4 GiB"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// `Ok(None)` at a clean end of input (the server closed the pipe).
pub fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut bytes = vec![0; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    write_frame(
        out,
        &serde_json::to_vec(value).map_err(std::io::Error::other)?,
    )
}

pub async fn write_frame_async(
    out: &mut (impl AsyncWrite + Unpin),
    bytes: &[u8],
) -> std::io::Result<()> {
    let len =
        u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("frame larger than 4 GiB"))?;
    out.write_all(&len.to_le_bytes()).await?;
    out.write_all(bytes).await?;
    out.flush().await
}

/// Reads one frame; a closed pipe is an error here (the server always expects an answer).
pub async fn read_frame_async(input: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len).await?;
    let len = u32::from_le_bytes(len) as usize;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len)
        .map_err(std::io::Error::other)?;
    bytes.resize(len, 0);
    input.read_exact(&mut bytes).await?;
    Ok(bytes)
}

pub async fn read_reply(input: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Reply> {
    let frame = read_frame_async(input).await?;
    serde_json::from_slice(&frame).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("unreadable message from the query worker: {e}"),
        )
    })
}
