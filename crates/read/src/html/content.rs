//! Which element holds the notice.
//!
//! Known containers first (data/content_containers.txt, in order), because government CMSs put
//! the notice in a handful of well-known elements. A known container is accepted when it has CJK
//! text, is not mostly links, and holds at least half as much text as the richest block of the
//! page: a generic `#content` that matched the sidebar is not the notice.
//!
//! Otherwise the richest block: every text node's CJK ideographs count for its nearest block
//! container (div, td, article, …) in full and for the next one up by half, link text counting
//! against; the container with the highest score wins. Otherwise `<body>`.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::Html;

use crate::rules::rules;

use super::tree::{
    element, has_sectioning_ancestor, is_cjk_ideograph, is_furniture, is_sectioning, name_of, walk,
    NodeR, Visitor,
};

/// Elements that hold blocks of text, for the richest-block score.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "td"
            | "th"
            | "article"
            | "section"
            | "main"
            | "body"
            | "blockquote"
            | "center"
            | "form"
            | "dd"
    )
}

/// Matches of one container selector that are scored. Each score walks the element's subtree, so
/// a hostile page of thousands of nested `.content` divs would otherwise cost quadratic time;
/// real pages have one or two.
const MAX_CANDIDATES: usize = 64;

/// How the content container was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// A known container, by its selector.
    Known(String),
    /// The block richest in CJK text.
    Richest,
    /// No block had CJK text: the whole body.
    Body,
}

pub(super) fn choose(doc: &Html) -> (NodeR<'_>, Choice) {
    let root = doc.tree.root();
    let richest = richest_block(root);
    let richest_score = richest.map_or(0, |node| text_score(node).net());
    for (selector_text, selector) in &rules().containers {
        let best = doc
            .select(selector)
            .take(MAX_CANDIDATES)
            .map(|el| (*el, text_score(*el)))
            .filter(|(_, score)| score.cjk > 0 && score.link_cjk * 2 < score.cjk)
            .max_by_key(|(_, score)| score.net());
        if let Some((node, score)) = best {
            if score.net() * 2 >= richest_score {
                return (node, Choice::Known(selector_text.clone()));
            }
        }
    }
    if let Some(node) = richest {
        return (node, Choice::Richest);
    }
    let body = root
        .descendants()
        .find(|n| name_of(n) == Some("body"))
        .unwrap_or(root);
    (body, Choice::Body)
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    cjk: i64,
    link_cjk: i64,
}

impl Score {
    fn net(&self) -> i64 {
        self.cjk - self.link_cjk
    }
}

/// CJK ideographs in the readable text under `node`, and how many of them are link text.
fn text_score(node: NodeR<'_>) -> Score {
    struct Count {
        score: Score,
        links: usize,
        sectioning: usize,
    }
    impl<'a> Visitor<'a> for Count {
        fn open(&mut self, node: NodeR<'a>) -> bool {
            if let Some(text) = node.value().as_text() {
                let n = text.chars().filter(|c| is_cjk_ideograph(*c)).count() as i64;
                self.score.cjk += n;
                if self.links > 0 {
                    self.score.link_cjk += n;
                }
                return false;
            }
            let Some(el) = element(&node) else {
                return node.value().is_document() || node.value().is_fragment();
            };
            if is_furniture(el, self.sectioning > 0) {
                return false;
            }
            self.links += usize::from(el.name() == "a");
            self.sectioning += usize::from(is_sectioning(el.name()));
            true
        }
        fn close(&mut self, node: NodeR<'a>) {
            if let Some(name) = name_of(&node) {
                self.links -= usize::from(name == "a");
                self.sectioning -= usize::from(is_sectioning(name));
            }
        }
    }
    let mut count = Count {
        score: Score::default(),
        links: 0,
        sectioning: usize::from(has_sectioning_ancestor(&node)),
    };
    walk(node, &mut count);
    count.score
}

fn richest_block(root: NodeR<'_>) -> Option<NodeR<'_>> {
    struct Attribute {
        /// Enclosing containers, innermost last.
        stack: Vec<NodeId>,
        scores: HashMap<NodeId, i64>,
        links: usize,
        sectioning: usize,
    }
    impl<'a> Visitor<'a> for Attribute {
        fn open(&mut self, node: NodeR<'a>) -> bool {
            if let Some(text) = node.value().as_text() {
                let n = text.chars().filter(|c| is_cjk_ideograph(*c)).count() as i64;
                if n > 0 {
                    // Doubled so that the half share stays an integer.
                    let full = if self.links > 0 { -2 * n } else { 2 * n };
                    let mut shares = self.stack.iter().rev();
                    if let Some(inner) = shares.next() {
                        *self.scores.entry(*inner).or_default() += full;
                    }
                    if let Some(outer) = shares.next() {
                        *self.scores.entry(*outer).or_default() += full / 2;
                    }
                }
                return false;
            }
            let Some(el) = element(&node) else {
                return node.value().is_document() || node.value().is_fragment();
            };
            if is_furniture(el, self.sectioning > 0) {
                return false;
            }
            let name = el.name();
            self.links += usize::from(name == "a");
            self.sectioning += usize::from(is_sectioning(name));
            if is_container(name) {
                self.stack.push(node.id());
            }
            true
        }
        fn close(&mut self, node: NodeR<'a>) {
            if let Some(name) = name_of(&node) {
                self.links -= usize::from(name == "a");
                self.sectioning -= usize::from(is_sectioning(name));
                if is_container(name) {
                    self.stack.pop();
                }
            }
        }
    }
    let mut attribute = Attribute {
        stack: Vec::new(),
        scores: HashMap::new(),
        links: 0,
        sectioning: 0,
    };
    walk(root, &mut attribute);
    let tree = root.tree();
    attribute
        .scores
        .into_iter()
        .filter(|(_, score)| *score > 0)
        // Ties go to the element that comes first in the document (smaller NodeId: the parser
        // creates nodes in document order).
        .max_by(|(a_id, a), (b_id, b)| a.cmp(b).then(b_id.cmp(a_id)))
        .and_then(|(id, _)| tree.get(id))
}
