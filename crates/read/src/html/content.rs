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
//!
//! One walk over the page scores everything: each container's attributed score and the totals of
//! its subtree (a container's total is handed to its parent when it closes, so the walk stays
//! linear however deep the nesting). Known-container selectors are then matched against the
//! container elements only.

/// Node ids hashed with foldhash rather than SipHash (a few thousand inserts and look-ups a
/// page). Nothing read from these maps depends on their order: the richest block breaks ties
/// by id, and a container's children are summed.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use crate::rules::rules;

use super::tree::{
    count_cjk_ideographs, element, is_furniture, is_sectioning, name_of, walk, NodeR, Visitor,
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
    let tree = &doc.tree;
    let page = score_page(root);
    let richest = page
        .attributed
        .iter()
        .filter(|(_, score)| **score > 0)
        // Ties go to the element that comes first in the document (smaller NodeId: the parser
        // creates nodes in document order).
        .max_by(|(a_id, a), (b_id, b)| a.cmp(b).then(b_id.cmp(a_id)))
        .map(|(id, _)| *id);
    let richest_score = richest.map_or(0, |id| page.total(id).net());
    for (selector_text, selector) in &rules().containers {
        let best = page
            .containers
            .iter()
            .filter(|id| {
                tree.get(**id)
                    .and_then(ElementRef::wrap)
                    .is_some_and(|el| selector.matches(&el))
            })
            .take(MAX_CANDIDATES)
            .map(|id| (*id, page.total(*id)))
            .filter(|(_, score)| score.cjk > 0 && score.link_cjk * 2 < score.cjk)
            .max_by_key(|(_, score)| score.net());
        if let Some((id, score)) = best {
            if score.net() * 2 >= richest_score {
                if let Some(node) = tree.get(id) {
                    return (node, Choice::Known(selector_text.clone()));
                }
            }
        }
    }
    if let Some(node) = richest.and_then(|id| tree.get(id)) {
        return (page.widened(node), Choice::Richest);
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

    fn add(&mut self, other: Score) {
        self.cjk += other.cjk;
        self.link_cjk += other.link_cjk;
    }
}

struct PageScores {
    /// Container elements in document order.
    containers: Vec<NodeId>,
    /// CJK text of each container's whole subtree (furniture excluded).
    totals: HashMap<NodeId, Score>,
    /// Richest-block scores (doubled: full share 2, half share 1 per ideograph).
    attributed: HashMap<NodeId, i64>,
    /// Each container's nearest container above.
    parents: HashMap<NodeId, NodeId>,
}

impl PageScores {
    fn total(&self, id: NodeId) -> Score {
        self.totals.get(&id).copied().unwrap_or_default()
    }

    /// The richest block, or its nearest container above when that holds, outside its blocks,
    /// only a little plain text of its own and no link text: a page template that prints the
    /// 文号 and title as bare paragraphs next to the block of the notice's body
    /// (`<body><p>临政办函[2013]89号</p><p>…的通知</p><div class="personnel-list">…`). Site
    /// furniture is links or sits in blocks of its own, so a page with any stays as it was.
    fn widened<'a>(&self, node: NodeR<'a>) -> NodeR<'a> {
        let Some(parent) = node
            .ancestors()
            .find(|a| name_of(a).is_some_and(is_container))
        else {
            return node;
        };
        let block = self.total(node.id());
        let (mut own, mut blocks) = (self.total(parent.id()), 0);
        for child in self.page_children(parent.id()) {
            let t = self.total(child);
            own.cjk -= t.cjk;
            own.link_cjk -= t.link_cjk;
            if child != node.id() {
                blocks += t.cjk;
            }
        }
        if own.cjk > 0 && own.link_cjk == 0 && blocks == 0 && own.cjk * 4 <= block.net() {
            parent
        } else {
            node
        }
    }

    /// The containers whose nearest container above is `parent`.
    fn page_children(&self, parent: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.parents
            .iter()
            .filter(move |(_, p)| **p == parent)
            .map(|(c, _)| *c)
    }
}

fn score_page(root: NodeR<'_>) -> PageScores {
    struct Walk {
        page: PageScores,
        /// Open containers, innermost last, with their running subtree totals and attributed
        /// scores (summed here and stored when the container closes, rather than looked up in
        /// the map for every text node).
        open: Vec<(NodeId, Score, i64)>,
        links: usize,
        sectioning: usize,
    }
    impl<'a> Visitor<'a> for Walk {
        fn open(&mut self, node: NodeR<'a>) -> bool {
            if let Some(text) = node.value().as_text() {
                let n = count_cjk_ideographs(text) as i64;
                if n > 0 {
                    let in_link = self.links > 0;
                    let mut shares = self.open.iter_mut().rev();
                    if let Some((_, total, attributed)) = shares.next() {
                        total.cjk += n;
                        if in_link {
                            total.link_cjk += n;
                        }
                        let full = if in_link { -2 * n } else { 2 * n };
                        *attributed += full;
                        if let Some((_, _, outer)) = shares.next() {
                            *outer += full / 2;
                        }
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
                self.page.containers.push(node.id());
                if let Some((parent, _, _)) = self.open.last() {
                    self.page.parents.insert(node.id(), *parent);
                }
                self.open.push((node.id(), Score::default(), 0));
            }
            true
        }
        fn close(&mut self, node: NodeR<'a>) {
            let Some(name) = name_of(&node) else {
                return;
            };
            self.links = self.links.saturating_sub(usize::from(name == "a"));
            self.sectioning = self
                .sectioning
                .saturating_sub(usize::from(is_sectioning(name)));
            if is_container(name) {
                if let Some((id, total, attributed)) = self.open.pop() {
                    self.page.totals.insert(id, total);
                    if attributed != 0 {
                        self.page.attributed.insert(id, attributed);
                    }
                    if let Some((_, parent, _)) = self.open.last_mut() {
                        parent.add(total);
                    }
                }
            }
        }
    }
    let mut scorer = Walk {
        page: PageScores {
            containers: Vec::new(),
            totals: HashMap::default(),
            attributed: HashMap::default(),
            parents: HashMap::default(),
        },
        open: Vec::new(),
        links: 0,
        sectioning: 0,
    };
    walk(root, &mut scorer);
    // Only a score above zero is ever read: containers left open keep theirs as well.
    for (id, _, attributed) in scorer.open.drain(..) {
        if attributed != 0 {
            scorer.page.attributed.insert(id, attributed);
        }
    }
    scorer.page
}
