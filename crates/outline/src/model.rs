//! The output of the outline stage.

use policykg_read::{Document, Span, Warning};
use serde::Serialize;

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
    pub parent: Option<NodeId>,
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
    pub body_span: Span,
}

/// The heading tree of one document, nodes in reading order (pre-order).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    pub nodes: Vec<Node>,
    /// Text before the first heading (title, 文号, addressees, preamble).
    pub preamble: Span,
}

impl Outline {
    pub fn roots(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
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
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
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
}

/// A document after the outline stage: the text it was built from, its outline and metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Parsed {
    pub document: Document,
    pub outline: Outline,
    pub metadata: Metadata,
    pub warnings: Vec<Warning>,
}
