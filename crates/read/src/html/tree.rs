//! Walking the parsed page without recursion (hostile pages nest tens of thousands of elements
//! deep) and classifying elements: block or inline, furniture to drop, CJK characters.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

use crate::rules::rules;

pub(super) type NodeR<'a> = NodeRef<'a, Node>;

/// A depth-first visitor. `open` returns whether to enter the node's children; `close` is called
/// only for nodes that were entered.
pub(super) trait Visitor<'a> {
    fn open(&mut self, node: NodeR<'a>) -> bool;
    fn close(&mut self, node: NodeR<'a>);
}

/// Visit `root` and its descendants in document order, iteratively.
pub(super) fn walk<'a>(root: NodeR<'a>, visitor: &mut impl Visitor<'a>) {
    let mut cur = root;
    'outer: loop {
        if visitor.open(cur) {
            if let Some(child) = cur.first_child() {
                cur = child;
                continue;
            }
            visitor.close(cur);
        }
        loop {
            if cur.id() == root.id() {
                break 'outer;
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                continue 'outer;
            }
            match cur.parent() {
                Some(parent) => {
                    cur = parent;
                    visitor.close(cur);
                }
                None => break 'outer,
            }
        }
    }
}

pub(super) fn element<'a>(node: &NodeR<'a>) -> Option<&'a Element> {
    node.value().as_element()
}

pub(super) fn name_of<'a>(node: &NodeR<'a>) -> Option<&'a str> {
    element(node).map(Element::name)
}

names! {
    /// Elements whose content is never notice text.
    fn is_never_text = [
        "script", "style", "noscript", "template", "nav", "aside", "iframe", "frame", "frameset",
        "object", "embed", "applet", "svg", "math", "canvas", "audio", "video", "map", "button",
        "select", "textarea", "input", "head", "title", "meta", "link", "dialog",
    ]
}

names! {
    /// Elements that start and end a line. (`br` breaks a line too but has no content; table parts
    /// are handled by the table code when the table holds data, and are blocks when it is layout.)
    pub(super) fn is_block = [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
}

/// Elements that make `header`/`footer` inside them part of an article rather than of the page.
pub(super) fn is_sectioning(name: &str) -> bool {
    matches!(name, "article" | "section" | "main")
}

/// Whether an element is page furniture: never-text elements, page headers and footers (outside
/// an article), hidden elements, and elements whose class or id names a share widget,
/// breadcrumb, menu or toolbar (data/noise_classes.txt).
pub(super) fn is_furniture(el: &Element, in_sectioning: bool) -> bool {
    let name = el.name();
    if is_never_text(name) {
        return true;
    }
    if !in_sectioning && matches!(name, "header" | "footer") {
        return true;
    }
    let noise = &rules().noise_classes;
    for (attr, value) in el.attrs() {
        match attr {
            "hidden" => return true,
            "aria-hidden" if value.eq_ignore_ascii_case("true") => return true,
            "style" if is_hidden_style(value) => return true,
            "class" | "id" => {
                for token in value.split_ascii_whitespace() {
                    if noise.matches_ignore_ascii_case(token)
                        || token
                            .split(['-', '_'])
                            .any(|w| noise.matches_ignore_ascii_case(w))
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

fn is_hidden_style(style: &str) -> bool {
    // Read as the style with its ASCII whitespace dropped and its letters lowered, without
    // making that copy: each colon (one per declaration) is asked whether `display` ends
    // before it and `none` starts after it (or `visibility` and `hidden`). Styles that say
    // `none` for a border or an underline are common, and copying each, then comparing a window
    // at every letter, was 2 % of read + outline + extract.
    let hay = style.as_bytes();
    let declared = memchr::memchr_iter(b':', hay).any(|colon| {
        let (before, after) = (&hay[..colon], &hay[colon + 1..]);
        // Both properties end with y, and their last two letters tell them apart: most
        // declarations ("font-size", "font-family") are ruled out by these two bytes without
        // comparing either name (54,000 colons in the 10,400 styles of one copy of the corpus).
        let mut last = before
            .iter()
            .rev()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_lowercase());
        if last.next() != Some(b'y') {
            return false;
        }
        match last.next() {
            Some(b'a') => {
                compact_ends_with(before, b"display") && compact_starts_with(after, b"none")
            }
            Some(b't') => {
                compact_ends_with(before, b"visibility") && compact_starts_with(after, b"hidden")
            }
            _ => false,
        }
    });
    // As before, the value must also be written whole somewhere ("no ne" alone is not enough).
    let has = |needle: &[u8]| {
        let first = needle[0];
        memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay).any(
            |at| {
                hay.get(at..at + needle.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(needle))
            },
        )
    };
    declared && (has(b"none") || has(b"hidden"))
}

/// Whether `hay`, its ASCII whitespace dropped and its letters lowered, starts with `word`
/// (lower case). Bytes compare as the characters did: those of other characters are never
/// ASCII.
fn compact_starts_with(hay: &[u8], word: &[u8]) -> bool {
    let mut rest = hay
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_lowercase());
    word.iter().all(|&w| rest.next() == Some(w))
}

/// Whether `hay`, read as [`compact_starts_with`] reads it, ends with `word`.
fn compact_ends_with(hay: &[u8], word: &[u8]) -> bool {
    let mut rest = hay
        .iter()
        .rev()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_lowercase());
    word.iter().rev().all(|&w| rest.next() == Some(w))
}

/// Whether any ancestor of `node` makes `header`/`footer` part of an article.
pub(super) fn has_sectioning_ancestor(node: &NodeR<'_>) -> bool {
    node.ancestors()
        .any(|a| name_of(&a).is_some_and(is_sectioning))
}

/// CJK ideographs (the unified blocks and extensions): what the richest-block score counts.
pub(super) fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The number of [`is_cjk_ideograph`] characters of `s`, read from its bytes: every such
/// character is three or four bytes long, so only lead bytes from 0xE3 on are decoded, and
/// the rest (ASCII, two-byte characters, continuation bytes) are passed over. Counted for
/// every text node of a page, `chars().filter(..).count()` was 0.5 % of the pipeline.
pub(super) fn count_cjk_ideographs(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0xE3 {
            i += 1;
        } else if lead < 0xF0 {
            // `s` is UTF-8: a lead byte of three is followed by two continuation bytes
            let cp = (u32::from(lead & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F);
            n += usize::from(matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF));
            i += 3;
        } else {
            let cp = (u32::from(lead & 0x07) << 18)
                | (u32::from(b[i + 1] & 0x3F) << 12)
                | (u32::from(b[i + 2] & 0x3F) << 6)
                | u32::from(b[i + 3] & 0x3F);
            n += usize::from(matches!(cp, 0x20000..=0x3134F));
            i += 4;
        }
    }
    n
}

/// Characters set full-width in Chinese text: between two of them a line break in the HTML source
/// is no space (CSS Text 3 segment-break rule), so "促进\n就业" reads "促进就业". Curly quotes,
/// dashes and ellipses count, being full-width in Chinese typesetting.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF | 0x2014 | 0x2018..=0x201D | 0x2026)
}

/// Whitespace that collapses, as in CSS (all ASCII, so UTF-8 can be split on these bytes): ASCII space, tab, line feed, form feed, carriage
/// return. Everything else is text and kept: U+00A0 (`&nbsp;`, "皖美制造&nbsp;畅行全球" in seed 001),
/// U+2002/U+2003 (`&ensp;`/`&emsp;`) and the full-width space U+3000 ("标　　题"). All of them are
/// trimmed at the ends of a line, where they are indentation or padding.
pub(super) fn is_collapsible(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_visits_in_order_and_skips() {
        struct Names(Vec<String>);
        impl<'a> Visitor<'a> for Names {
            fn open(&mut self, node: NodeR<'a>) -> bool {
                if let Some(name) = name_of(&node) {
                    self.0.push(name.to_owned());
                    return name != "nav";
                }
                true
            }
            fn close(&mut self, node: NodeR<'a>) {
                if let Some(name) = name_of(&node) {
                    self.0.push(format!("/{name}"));
                }
            }
        }
        let html = scraper::Html::parse_fragment("<div><nav><a>x</a></nav><p>y</p></div>");
        let mut names = Names(Vec::new());
        walk(html.tree.root(), &mut names);
        assert_eq!(
            names.0.join(" "),
            "html div nav p /p /div /html",
            "nav is opened but neither entered nor closed"
        );
    }

    /// The comparison without a copy answers as the copy did (whitespace dropped anywhere,
    /// letters lowered, once `none` or `hidden` is written whole), on styles from pages and on
    /// odd spacings.
    #[test]
    fn hidden_style_as_compacted() {
        let compacted = |style: &str| {
            let lower = style.to_ascii_lowercase();
            if !lower.contains("none") && !lower.contains("hidden") {
                return false;
            }
            let compact: String = style
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            compact.contains("display:none") || compact.contains("visibility:hidden")
        };
        for style in [
            "DISPLAY: none",
            "display:none;",
            "font-family:宋体; display :\tNone",
            "dis play:no ne",
            "text-decoration:none; border:none",
            "visibility: hidden",
            "VISIBILITY:\nHIDDEN",
            "overflow:hidden",
            "display:block; mso-hide:none",
            "ddisplay:none",
            "display：none",
            "显示display: none",
            "d",
            "",
            ":none display",
            "display::none",
            "display:none:",
            "xdisplay : NONE ; visibility:visible",
            "visibility:hid den; color:none",
            "Display\t:\tNone",
            "border:none;display:block",
        ] {
            assert_eq!(is_hidden_style(style), compacted(style), "{style:?}");
        }
    }

    /// The count from bytes agrees with the characters' own test.
    #[test]
    fn cjk_count_from_bytes() {
        for s in [
            "",
            "abc",
            "促进就业 ok",
            "\u{3400}\u{4DBF}\u{4DC0}\u{4E00}\u{9FFF}\u{A000}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}",
            "\u{20000}\u{3134F}\u{31350}\u{1F600}é—“”\u{3000}，。",
            "\u{E000}\u{FFFD}\u{10FFFF}x",
        ] {
            assert_eq!(
                count_cjk_ideographs(s),
                s.chars().filter(|c| is_cjk_ideograph(*c)).count(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn furniture() {
        let html = scraper::Html::parse_fragment(
            "<div class='bdsharebuttonbox'></div><div id='zoom'></div><div class='main-nav'></div>\
             <div style='DISPLAY: none'></div><footer></footer><div class='TRS_Editor'></div>",
        );
        let verdicts: Vec<bool> = html
            .tree
            .root()
            .descendants()
            .filter_map(|n| {
                element(&n)
                    .filter(|e| e.name() != "html")
                    .map(|e| is_furniture(e, false))
            })
            .collect();
        assert_eq!(verdicts, [true, false, true, true, true, false]);
    }
}
