//! Deterministic identifiers: the same document always gets the same IRIs.
//!
//! Scheme, under a configurable base (default [`DEFAULT_BASE`]):
//!
//! | resource | IRI |
//! |---|---|
//! | policy (eli:LegalResource), by title (+ jurisdiction) | `{base}work/title/安徽省/安徽省专精特新中小企业倍增行动方案` |
//! | policy, by 文号 (title unknown, or cited by number) | `{base}work/no/皖政〔2018〕46号` |
//! | policy, by text (neither known) | `{base}work/text/{fingerprint[..24]}` |
//! | version (eli:LegalExpression) and its named graph | `{base}expr/{fingerprint[..24]}` |
//! | task | `{expr}/task/二/（一）/1%232` (the task id, `/` kept) |
//! | its span, its responsibility assignments | `{task}#span`, `{task}#agency-1`, `{task}#agency-1-span` |
//! | target, amount, citation | `{expr}/target/3`, `{expr}/amount/1`, `{expr}/citation/2` |
//! | agency or collective body | `{base}agency/安徽省经济和信息化厅` (canonical name, scoped) |
//! | jurisdiction | `{base}jurisdiction/安徽省` |
//! | source file | `{base}source/{sha256(relative path, LF, content hash)[..24]}` (before mapping 7: of the absolute path) |
//! | shared graphs | `{base}graph/{gazetteer,agencies,works,sources,vocabulary,meta}` |
//!
//! Names stay readable (IRIs allow Chinese); only characters an IRI cannot hold, and `/ ? # %`
//! inside a name, are percent-encoded. The fingerprint is SHA-256 of the text with all white
//! space removed, so the same text in another encoding or layout is the same version.

use oxigraph::model::NamedNode;
use policykg_text::fold::fold_width;
use sha2::{Digest, Sha256};

use crate::GraphError;

/// The base IRI used when none is configured.
pub const DEFAULT_BASE: &str = "https://policykg.org/id/";

/// Hex characters of a fingerprint or hash used in IRIs (96 bits).
const KEY_HEX: usize = 24;

/// The shared named graphs of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedGraph {
    /// Agencies and jurisdictions of the gazetteer (`policykg-ontology`).
    Gazetteer,
    /// Agencies seen in documents, and name forms seen, that the gazetteer does not have.
    Agencies,
    /// Policies (eli:LegalResource) with a version in the store or cited by 文号 by one.
    Works,
    /// Which file holds which version, with content hashes.
    Sources,
    /// Which version revises which (prov:wasRevisionOf), recomputed after every ingest.
    Versions,
    /// `ontology/policykg.ttl`.
    Vocabulary,
    /// Store format: base IRI, mapping version, fingerprints of published graphs.
    Meta,
}

impl SharedGraph {
    pub const ALL: [SharedGraph; 7] = [
        SharedGraph::Gazetteer,
        SharedGraph::Agencies,
        SharedGraph::Works,
        SharedGraph::Sources,
        SharedGraph::Versions,
        SharedGraph::Vocabulary,
        SharedGraph::Meta,
    ];

    fn name(self) -> &'static str {
        match self {
            SharedGraph::Gazetteer => "gazetteer",
            SharedGraph::Agencies => "agencies",
            SharedGraph::Works => "works",
            SharedGraph::Sources => "sources",
            SharedGraph::Versions => "versions",
            SharedGraph::Vocabulary => "vocabulary",
            SharedGraph::Meta => "meta",
        }
    }
}

/// Mints the IRIs of one store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

impl Iris {
    /// `base` must be an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Iris, GraphError> {
        let bad = |reason: &str| GraphError::BadBaseIri {
            iri: base.to_owned(),
            reason: reason.to_owned(),
        };
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(bad("it must end with `/` or `#`"));
        }
        NamedNode::new(format!("{base}x")).map_err(|e| bad(&e.to_string()))?;
        if base.contains('#') && !base.ends_with('#') {
            return Err(bad("a fragment is only allowed as the last character"));
        }
        Ok(Iris {
            base: base.to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn node(&self, rest: String) -> NamedNode {
        // Every piece is encoded by `segment`/`path`, so the result is a valid IRI.
        NamedNode::new_unchecked(format!("{}{rest}", self.base))
    }

    pub fn graph(&self, graph: SharedGraph) -> NamedNode {
        self.node(format!("graph/{}", graph.name()))
    }

    /// The subject of the store's own metadata.
    pub fn store(&self) -> NamedNode {
        self.node("store".into())
    }

    pub fn work(&self, key: &WorkKey) -> NamedNode {
        match key {
            WorkKey::Number(n) => self.node(format!("work/no/{}", segment(n))),
            WorkKey::Title {
                jurisdiction: Some(j),
                title,
            } => self.node(format!("work/title/{}/{}", segment(j), segment(title))),
            WorkKey::Title {
                jurisdiction: None,
                title,
            } => self.node(format!("work/title/{}", segment(title))),
            WorkKey::Text(fp) => self.node(format!("work/text/{}", short(fp))),
        }
    }

    /// The version with this text fingerprint; also the IRI of its named graph.
    pub fn expression(&self, fingerprint: &str) -> NamedNode {
        self.node(format!("expr/{}", short(fingerprint)))
    }

    pub fn agency(&self, canonical: &str) -> NamedNode {
        self.node(format!("agency/{}", segment(canonical)))
    }

    pub fn jurisdiction(&self, name: &str) -> NamedNode {
        self.node(format!("jurisdiction/{}", segment(name)))
    }

    /// A source file recorded without a root (before mapping version 7), keyed by its
    /// absolute path.
    pub fn source(&self, absolute_path: &str) -> NamedNode {
        self.node(format!(
            "source/{}",
            &sha256_hex(absolute_path.as_bytes())[..KEY_HEX]
        ))
    }

    /// A source file keyed by its relative path and its content: the same bytes under the same
    /// relative path are one file wherever the corpus lies (moved, re-cloned), while two corpora
    /// whose directories share a name but whose files differ stay apart.
    pub fn source_file(&self, relative_path: &str, content_hash: &str) -> NamedNode {
        self.node(format!(
            "source/{}",
            &sha256_hex(format!("{relative_path}\n{content_hash}").as_bytes())[..KEY_HEX]
        ))
    }

    /// Whether `iri` is a version (document graph) of this store.
    pub fn is_expression(&self, iri: &str) -> bool {
        iri.strip_prefix(&self.base)
            .and_then(|rest| rest.strip_prefix("expr/"))
            .is_some_and(|rest| !rest.contains('/'))
    }
}

/// IRIs hanging off a version.
pub fn task(expression: &NamedNode, id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/task/{}", expression.as_str(), path(id)))
}

pub fn numbered(expression: &NamedNode, kind: &str, n: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/{kind}/{n}", expression.as_str()))
}

/// `{iri}#{fragment}`, or `{iri}-{fragment}` when `iri` already is a fragment IRI (an IRI holds
/// at most one `#`; ids in paths are percent-encoded, so the only `#` is one this function added).
pub fn fragment(iri: &NamedNode, fragment: &str) -> NamedNode {
    let sep = if iri.as_str().contains('#') { '-' } else { '#' };
    NamedNode::new_unchecked(format!("{}{sep}{fragment}", iri.as_str()))
}

/// What identifies a policy across its versions. The title (with the jurisdiction) comes first:
/// a revision is a new issuance with a 文号 of its own (岚综管办〔2015〕11号 is revised by
/// 岚综管办〔2018〕184号), so keyed by number no two versions would ever meet. The 文号 keys a
/// work only when the title is unknown; it is recorded on the work either way (`eli:number`),
/// and citations by 文号 name the number's resource.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WorkKey {
    /// The 文号, normalised by [`doc_number_key`].
    Number(String),
    /// The title, normalised by [`title_key`], with the jurisdiction when known.
    Title {
        jurisdiction: Option<String>,
        title: String,
    },
    /// The text fingerprint, when neither is known.
    Text(String),
}

impl WorkKey {
    pub fn new(
        doc_number: Option<&str>,
        title: Option<&str>,
        jurisdiction: Option<&str>,
        fingerprint: &str,
    ) -> WorkKey {
        if let Some(t) = title.map(title_key).filter(|t| !t.is_empty()) {
            return WorkKey::Title {
                jurisdiction: jurisdiction
                    .map(str::trim)
                    .filter(|j| !j.is_empty())
                    .map(str::to_owned),
                title: t,
            };
        }
        if let Some(n) = doc_number.map(doc_number_key).filter(|n| !n.is_empty()) {
            return WorkKey::Number(n);
        }
        WorkKey::Text(fingerprint.to_owned())
    }
}

/// SHA-256 of the text with every white-space character (including U+3000 and the BOM) and
/// zero-width characters removed, as hex. Two files with the same characters in another
/// encoding, line layout or indentation have the same fingerprint.
pub fn fingerprint(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}') {
            continue;
        }
        hasher.update(c.encode_utf8(&mut buf).as_bytes());
    }
    hex(&hasher.finalize())
}

/// The version id of a text: the start of its [`fingerprint`] that names the version's IRI
/// (`expr/{id}`), as `tasks`, `policykg diff id:expr/…` and `extract --format csv` show it.
pub fn version_id(text: &str) -> String {
    short(&fingerprint(text)).to_owned()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..KEY_HEX).unwrap_or(fingerprint)
}

/// The comparison key of a 文号: no white space, ASCII digits, and whatever brackets surround
/// the year written as 〔〕 (皖政[2018]46号, 皖政（2018）46号 and 皖政〔2018〕46号 are one document).
pub fn doc_number_key(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '［' | '【' | '﹝' | '(' | '（' | '〈' | '〖' => '〔',
            ']' | '］' | '】' | '﹞' | ')' | '）' | '〉' | '〗' => '〕',
            c => fold_width(c),
        })
        .collect()
}

/// The comparison key of a title: no white space, no 《》, full-width ASCII folded.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .map(fold_width)
        .collect()
}

/// Characters RFC 3987 allows unencoded in a path segment.
fn allowed(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '-' | '.' | '_' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';'
        | '=' | ':' | '@' => true,
        c if (c as u32) < 0x80 => false,
        c => is_ucschar(c),
    }
}

fn is_ucschar(c: char) -> bool {
    let c = c as u32;
    let low16 = c & 0xffff;
    if c >= 0x10000 && low16 >= 0xfffe {
        return false; // the last two code points of every plane
    }
    matches!(c,
        0xa0..=0xd7ff
        | 0xf900..=0xfdcf
        | 0xfdf0..=0xffef
        | 0x10000..=0xdffff
        | 0xe1000..=0xefffd)
}

fn encode_into(out: &mut String, c: char) {
    use std::fmt::Write;
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        let _ = write!(out, "%{b:02X}");
    }
}

/// One path segment: everything an IRI segment cannot hold, and `/`, is percent-encoded; a
/// segment of only dots, or an empty one, is encoded so that no IRI resolver drops it.
pub fn segment(s: &str) -> String {
    if s.is_empty() {
        return "%00".into();
    }
    if s.chars().all(|c| c == '.') {
        return s.replace('.', "%2E");
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if allowed(c) {
            out.push(c);
        } else {
            encode_into(&mut out, c);
        }
    }
    out
}

/// Like [`segment`] but keeps `/` (for outline-path task ids); dot-only pieces are encoded too.
pub fn path(s: &str) -> String {
    s.split('/').map(segment).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_readable_and_valid() {
        let iris = Iris::default();
        assert_eq!(
            iris.agency("安徽省经济和信息化厅").as_str(),
            "https://policykg.org/id/agency/安徽省经济和信息化厅"
        );
        let work = iris.work(&WorkKey::new(Some("皖政[2018] 46号"), None, None, "00"));
        assert_eq!(
            work.as_str(),
            "https://policykg.org/id/work/no/皖政〔2018〕46号"
        );
        let expr = iris.expression(&fingerprint("一、总体要求"));
        let t = task(&expr, "二/（一）/1#2");
        assert!(t.as_str().ends_with("/task/二/（一）/1%232"), "{t}");
        // Hostile names still give valid IRIs, and distinct names distinct IRIs.
        for name in [
            "a b",
            "<x>",
            "a/b",
            "a%2Fb",
            "..",
            ".",
            "",
            "{}|\\^`\"",
            "\u{e000}私用",
            "\u{1}",
            "?#",
            "\u{fffe}",
        ] {
            let iri = iris.agency(name);
            NamedNode::new(iri.as_str()).unwrap_or_else(|e| panic!("{name:?}: {iri} {e}"));
            NamedNode::new(task(&expr, name).as_str()).unwrap();
        }
        assert_ne!(iris.agency("a/b"), iris.agency("a%2Fb"));
        // A fragment of a fragment IRI (an agency assignment's span) is still one valid IRI.
        let span = fragment(&fragment(&t, "agency-1"), "span");
        assert!(span.as_str().ends_with("1%232#agency-1-span"), "{span}");
        NamedNode::new(span.as_str()).unwrap();
        let hashed = Iris::new("https://example.org/kg#").unwrap();
        let e = hashed.expression("abcdef0123456789abcdef0123456789");
        NamedNode::new(fragment(&task(&e, "1"), "span").as_str()).unwrap();
        assert_ne!(task(&expr, "a/b"), task(&expr, "a%2Fb"));
    }

    #[test]
    fn work_keys_prefer_title_then_number_then_text() {
        assert_eq!(
            WorkKey::new(
                Some(" 国发〔2018〕39号"),
                Some("t"),
                Some("中华人民共和国"),
                "ff"
            ),
            WorkKey::Title {
                jurisdiction: Some("中华人民共和国".into()),
                title: "t".into()
            }
        );
        assert_eq!(
            WorkKey::new(
                Some(" 国发〔2018〕39号"),
                None,
                Some("中华人民共和国"),
                "ff"
            ),
            WorkKey::Number("国发〔2018〕39号".into())
        );
        assert_eq!(
            WorkKey::new(
                None,
                Some("《上海市优化营商环境条例》"),
                Some("上海市"),
                "ff"
            ),
            WorkKey::Title {
                jurisdiction: Some("上海市".into()),
                title: "上海市优化营商环境条例".into()
            }
        );
        assert_eq!(
            WorkKey::new(Some("  "), Some(""), None, "ff"),
            WorkKey::Text("ff".into())
        );
        assert_eq!(
            doc_number_key("皖政（２０１８）４６号"),
            doc_number_key("皖政〔2018〕46号")
        );
    }

    #[test]
    fn fingerprint_ignores_layout_only() {
        let a = "一、总体要求\n（一）指导思想。\n";
        let b = "  一、总体要求\r\n\u{3000}\u{3000}（一）指导思想。";
        assert_eq!(fingerprint(a), fingerprint(b));
        assert_ne!(fingerprint(a), fingerprint("一、总体要求（一）指导思想"));
        assert_eq!(fingerprint(a).len(), 64);
        assert_eq!(version_id(a), version_id(b));
        assert!(Iris::default()
            .expression(&fingerprint(a))
            .as_str()
            .ends_with(&format!("/expr/{}", version_id(a))));
    }

    #[test]
    fn base_iri_is_checked() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("https://example.org/kg#").is_ok());
        let err = Iris::new("https://example.org/kg").unwrap_err();
        assert!(err.to_string().contains("must end with"), "{err}");
        assert!(Iris::new("not an iri/").is_err());
        let iris = Iris::new("https://example.org/kg/").unwrap();
        let e = iris.expression("abcdef0123456789abcdef0123456789");
        assert!(iris.is_expression(e.as_str()));
        assert!(!iris.is_expression(task(&e, "1").as_str()));
        assert!(!iris.is_expression(iris.graph(SharedGraph::Works).as_str()));
    }
}
