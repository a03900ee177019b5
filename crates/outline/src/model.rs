//! The output of the outline stage.

use policykg_read::{Document, Span, Warning};
use serde::{Serialize, Serializer};

/// Index of a node in [`Outline::nodes`].
pub type NodeId = usize;

/// The numbering style of a heading, which is what decides nesting in Chinese official documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条
    Article,
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 一是 / 二是 (enumerations in reports and news articles)
    CnShi,
    /// 1． or 1.
    ArabicDot,
    /// 1、
    ArabicComma,
    /// （1） or (1)
    ArabicParen,
    /// ①
    Circled,
    /// 第一编 / 第一部分 (the level above chapters in long regulations and plans)
    Part,
    /// 1 / 1.1 / 4.2.1: decimal section numbers (emergency and technical plans); a child's
    /// number is its parent's with one more component.
    Decimal,
    /// A short title line without a number: the subheadings of news articles and web pages.
    /// Only read in documents with no 一、 or 第X章 structure; the number is empty and the path
    /// part is "§1", "§2"….
    Plain,
}

/// One heading and everything under it.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// The number exactly as written in the original text: "一、", "（一）", "1．", "第三条".
    pub number: String,
    pub style: Style,
    /// The value of the number (一 → 1, ⑫ → 12).
    pub ordinal: u32,
    /// Depth in the tree; top-level headings are level 1.
    pub level: u8,
    /// In JSON the tree is nested (see [`Outline`]): ids are an in-memory index.
    #[serde(skip)]
    pub parent: Option<NodeId>,
    #[serde(skip)]
    pub children: Vec<NodeId>,
    /// The heading: a title line ("总体要求") or the lead sentence of an item
    /// ("支持企业技术创新。"), without its number.
    pub heading: String,
    /// The node's own text after the heading, up to its first child (paragraphs joined by '\n').
    pub body: String,
    /// Outline path, numbers without their trailing punctuation joined by '/': "二/（一）/1".
    pub path: String,
    /// The whole node, children included.
    pub span: Span,
    pub number_span: Span,
    pub heading_span: Span,
    /// From the first to the last character of [`Node::body`] (empty, at the end of the heading,
    /// when there is no body).
    pub body_span: Span,
    /// The paragraphs of the body, each trimmed of surrounding white space: `body` is their text
    /// joined by '\n', and each span slices `Document::text` exactly, so that later stages can
    /// report offsets inside a body.
    pub paragraphs: Vec<Span>,
}

/// The heading tree of one document, nodes in reading order (pre-order).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    /// In JSON `outline`: the top-level nodes, each with its `children` nested, which is how a
    /// program walks a document (`policykg parse --format json`, keys in README.md).
    #[serde(rename = "outline", serialize_with = "nested")]
    pub nodes: Vec<Node>,
    /// Text before the first heading (title, 文号, addressees, preamble).
    pub preamble: Span,
    /// The labelled lines a crawler or a database export puts above the text ("标题: …",
    /// "发布时间: …", "原文链接: …", "【法宝引证码】…"), with the rule line closing them
    /// ("==== 正文 ===="): page metadata, not the policy. Inside `preamble`; empty (at 0)
    /// when the text starts with no such block.
    pub page_header: Span,
    /// The closing block at the end of the document, kept out of the last node: 特此通知, the
    /// 落款 (issuer and date lines) and notes such as "（此件公开发布）". Empty (at the end of the
    /// text) when the document has none.
    pub closing: Span,
}

impl Outline {
    pub fn roots(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
    }

    /// The node with this [`Node::path`] ("二/（一）/1").
    pub fn find(&self, path: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.path == path)
    }

    /// The nodes without children: items, or sections that hold only text.
    pub fn leaves(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.children.is_empty())
    }

    /// `id` and its ancestors, innermost first.
    pub fn ancestry(&self, id: NodeId) -> impl Iterator<Item = (NodeId, &Node)> {
        std::iter::successors(self.nodes.get(id).map(|n| (id, n)), move |(_, n)| {
            n.parent.map(|p| (p, &self.nodes[p]))
        })
    }
}

/// A document cited by the notice: a 《title》, a 文号, or both when written together
/// ("《安徽省人民政府关于…的意见》（皖政〔2018〕46号）").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub span: Span,
}

/// What the document says about itself.
///
/// A cover notice that 印发 (issues) another document whose full text follows — seed 001: an
/// addressee line, "现将《安徽省专精特新中小企业倍增行动方案》印发给你们", the 落款 of the
/// 办公厅, then the plan itself — is described as **one** document: `title` is the carried
/// document's title (what researchers cite and what the outline holds), while `issuers`, `date`
/// and `doc_number` are those of the cover notice, which is the act that issued it. The cover is
/// recorded in [`Metadata::cover`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// A draft status printed under the title, kept out of it: "征求意见稿", "送审稿", "草案".
    pub status: Option<String>,
    /// Issuing bodies, full names as written in the document or its metadata table.
    pub issuers: Vec<String>,
    /// 成文日期 as YYYY-MM-DD.
    pub date: Option<String>,
    /// 文号 as written ("皖政〔2018〕46号").
    pub doc_number: Option<String>,
    /// 主送: "各市人民政府", "省政府各部门", "各直属机构".
    pub addressees: Vec<String>,
    /// The province or city the notice belongs to ("安徽省", "芜湖市"), or "中华人民共和国" for
    /// central documents.
    pub jurisdiction: Option<String>,
    pub citations: Vec<Citation>,
    /// The publication date (front matter `date`, 发布日期, a newspaper dateline) as YYYY-MM-DD,
    /// when the document states one; `date` falls back to it when there is no 成文日期.
    pub published: Option<String>,
    /// Adoption and amendment records of a regulation ("2020年4月10日 …会议通过", "…第一次修正"),
    /// oldest first; `date` is the last of them.
    pub history: Vec<HistoryEntry>,
    /// The cover notice that 印发 or 转发 another document, when the text starts with one.
    pub cover: Option<Cover>,
    /// When the document enters into force, by its own clause ("本规定自2007年12月1日起施行");
    /// `None` when it has none.
    pub in_force: Option<InForce>,
    /// Where each field came from, so that a researcher can filter on how sure it is.
    pub sources: Sources,
}

/// A cover notice: "现将《X》印发给你们" / "现将《X》（文号）转发你们".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cover {
    /// The verb as written: "印发", "转发", "发布".
    pub action: String,
    /// The carried document as cited by the cover notice (without 《》).
    pub title: String,
    /// The cover notice's own title ("…关于印发…的通知"), when the document states it (a title
    /// line or the page's 标题) and the carried document is included.
    pub notice_title: Option<String>,
    /// Its 文号 when the cover notice gives one.
    pub doc_number: Option<String>,
    /// Whether the carried document's text follows in this document (its title appears as a
    /// line of its own). When it does not (a 转发 notice with instructions of its own), `title`
    /// of the [`Metadata`] is the cover notice's own title, if the text has one.
    pub included: bool,
    /// The sentence of the cover notice that names the carried document.
    pub span: Span,
}

/// An entry-into-force clause and the date it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InForce {
    /// YYYY-MM-DD.
    pub date: String,
    /// Where the date comes from: the clause itself, or the day it names.
    pub basis: InForceBasis,
    /// The clause as written, from its subject to its verb: "本规定自2007年12月1日起施行".
    pub clause: String,
    pub span: Span,
}

/// How an entry-into-force clause gives its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InForceBasis {
    /// "自2007年12月1日起施行".
    Stated,
    /// "自印发之日起施行", "自下发之日起施行": the date of the document's 印发 note, else its
    /// date (成文日期).
    Issued,
    /// "自发布之日起施行", "自公布之日起施行": the publication date, else the document's date.
    Published,
}

/// One line of a regulation's adoption and amendment history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// YYYY-MM-DD.
    pub date: String,
    /// The rest of the line as written: "上海市第十五届人民代表大会常务委员会第二十次会议通过".
    pub event: String,
    pub span: Span,
}

/// Where a metadata field was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A `---` front-matter block.
    FrontMatter,
    /// The label/value table of a government page (发文机关 / 成文日期 / 发文字号 / 标题).
    PageTable,
    /// `<title>` or `<meta>` of an HTML page.
    HtmlHead,
    /// The heading an HTML page prints above the element holding the notice.
    PageHeading,
    /// The title lines at the top of the text.
    TitleLine,
    /// A line of its own holding only the 文号.
    DocNumberLine,
    /// The 落款: issuer and date lines at the end of the notice (or of its cover notice).
    Signature,
    /// The carried document of a cover notice.
    CoverNotice,
    /// A regulation's adoption and amendment lines.
    History,
    /// The body a speech's speaker speaks for ("我代表省人民政府向大会报告工作").
    Speaker,
    /// A date printed on the title line of a news article.
    Dateline,
    /// A line holding only a date in the preamble (under the title, or closing a cover notice
    /// with no issuer line).
    PreambleDate,
    /// Derived from the issuer ("安徽省人民政府办公厅" → 安徽省, "国务院" → 中华人民共和国).
    Issuer,
    /// Derived from the 文号's prefix (皖 → 安徽省).
    DocNumber,
    /// Derived from the title ("XX关于…" names the issuer; a place name starts it).
    Title,
    /// Derived from the 主送 list: one written to every province ("各省、自治区、直辖市…") comes
    /// from a national body.
    Addressees,
    /// The place most mentioned in the text: the last resort.
    Body,
}

/// The [`Source`] of each metadata field that has a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    pub title: Option<Source>,
    pub issuers: Option<Source>,
    pub date: Option<Source>,
    pub doc_number: Option<Source>,
    pub jurisdiction: Option<Source>,
}

/// A document after the outline stage: the text it was built from, its outline and metadata.
///
/// Its JSON (`policykg parse --format json`, keys in README.md) is one flat object: the
/// document's source, format, encoding, length in characters and number of tables, the
/// metadata, the outline's fields, and the warnings of reading and outlining together. The text
/// itself is left out: `preamble`, `closing` and the nodes' spans point into the file's text.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub document: Document,
    pub outline: Outline,
    pub metadata: Metadata,
    pub warnings: Vec<Warning>,
}

impl Serialize for Parsed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            source: &'a str,
            format: policykg_read::Format,
            encoding: &'a policykg_read::EncodingReport,
            chars: usize,
            metadata: &'a Metadata,
            #[serde(flatten)]
            outline: &'a Outline,
            tables: usize,
            warnings: Vec<&'a Warning>,
        }
        let d = &self.document;
        Flat {
            source: &d.source,
            format: d.format,
            encoding: &d.encoding,
            chars: d.text.chars().count(),
            metadata: &self.metadata,
            outline: &self.outline,
            tables: d.tables.len(),
            warnings: d.warnings.iter().chain(&self.warnings).collect(),
        }
        .serialize(serializer)
    }
}

/// The roots of the outline, each node serialised with its children nested.
fn nested<S: Serializer>(nodes: &[Node], serializer: S) -> Result<S::Ok, S::Error> {
    let roots = nodes.iter().enumerate().filter(|(_, n)| n.parent.is_none());
    serializer.collect_seq(roots.map(|(id, _)| Nested { nodes, id }))
}

struct Nested<'a> {
    nodes: &'a [Node],
    id: NodeId,
}

impl Serialize for Nested<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct WithChildren<'a> {
            #[serde(flatten)]
            node: &'a Node,
            children: Vec<Nested<'a>>,
        }
        let node = &self.nodes[self.id];
        let children = node.children.iter().map(|&id| Nested {
            nodes: self.nodes,
            id,
        });
        WithChildren {
            node,
            children: children.collect(),
        }
        .serialize(serializer)
    }
}
