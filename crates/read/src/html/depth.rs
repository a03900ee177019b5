//! A linear pre-scan that bounds how deep the page can nest before html5ever sees it.
//!
//! html5ever's tree builder walks the stack of open elements for most tags (scope checks,
//! implied end tags), so its time grows with nesting depth × tags: 100,000 nested `<div>` took
//! minutes. This scan tokenizes the page with a small tokenizer (comments, raw text of
//! `<script>`/`<style>`/`<textarea>`…, quoted attributes, CDATA in SVG/MathML), models the stack
//! of open elements as the HTML parser builds it (void elements, implied end tags of
//! `<p>`/`<li>`/`<dd>`/table parts, formatting elements the adoption agency re-opens, scope
//! boundaries), and drops the start tags that would nest past the limit. Their text stays where
//! it was, so nothing is lost but the markup.
//!
//! The model is meant to be conservative: where it cannot tell what the parser would do, it
//! assumes the element stays open (it over-counts) rather than closing it. Its own work is
//! linear in the page: every walk of the modelled stack is bounded by the depth limit.
//! Known gaps, both needing deliberately crafted markup: `<a>`/`<nobr>`/`<button>` re-opened
//! while open are over-counted (safe), and elements the parser would move out of a `<table>`
//! (foster parenting) are counted where they stand.

use std::borrow::Cow;

/// Tag names hashed with foldhash instead of SipHash (some 20,000 look-ups per copy of the
/// corpus); the names come from the page, so the hash keeps a random seed per process.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// What the scan did to a page.
#[derive(Debug)]
pub(crate) struct Bounded<'a> {
    /// The page to parse: the input itself unless tags were dropped.
    pub html: Cow<'a, str>,
    /// Start tags dropped because they would have nested past the limit.
    pub dropped: usize,
    /// Byte offset of the first dropped tag in the input.
    pub first_dropped_at: Option<usize>,
    /// Deepest nesting the model kept (at most the limit).
    #[cfg_attr(not(test), allow(dead_code))]
    pub max_depth: usize,
    /// Units of work: bytes looked at plus steps over the modelled stack. Tests use it to show
    /// the scan is linear without timing it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub steps: u64,
}

names! {
    /// Elements that never have content.
    fn is_void = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]
}

names! {
    /// Elements whose content is raw text up to their own end tag (scripting is on in scraper, so
    /// `<noscript>` is one of them).
    fn is_raw_text = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
    ]
}

names! {
    /// Formatting elements: closed by a block's end tag, the parser re-opens them later, so until
    /// their own end tag they still count.
    fn is_formatting = [
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
        "u",
    ]
}

names! {
    /// The parser's "special" category: an end tag of an ordinary element does not close past
    /// one.
    fn is_special = [
        "address",
        "applet",
        "area",
        "article",
        "aside",
        "base",
        "basefont",
        "bgsound",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "img",
        "input",
        "keygen",
        "li",
        "link",
        "listing",
        "main",
        "marquee",
        "menu",
        "meta",
        "nav",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "p",
        "param",
        "plaintext",
        "pre",
        "script",
        "search",
        "section",
        "select",
        "source",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "wbr",
        "xmp",
        "foreignobject",
        "desc",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "annotation-xml",
        "svg",
        "math",
    ]
}

names! {
    /// Elements that end the "in scope" search of block end tags.
    fn is_scope = [
        "applet",
        "caption",
        "html",
        "table",
        "td",
        "th",
        "marquee",
        "object",
        "template",
        "foreignobject",
        "desc",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "annotation-xml",
    ]
}

names! {
    /// Start tags that close an open `<p>` (the parser's "close a p element in button scope").
    fn closes_p = [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "search",
        "section",
        "summary",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "form",
        "hr",
        "xmp",
        "li",
        "dd",
        "dt",
    ]
}

names! {
    /// End tags that close everything above their element when it is in scope.
    fn is_block_end = [
        "address",
        "article",
        "aside",
        "blockquote",
        "button",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "pre",
        "search",
        "section",
        "summary",
        "ul",
        "form",
        "p",
        "li",
        "dd",
        "dt",
        "applet",
        "marquee",
        "object",
        "template",
        "select",
    ]
}

names! {
    /// Start tags that leave SVG/MathML content for HTML.
    fn is_breakout = [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
        "font",
    ]
}

names! {
    /// SVG/MathML elements whose children are HTML again.
    fn is_integration = [
        "foreignobject",
        "desc",
        "title",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "annotation-xml",
    ]
}

names! {
    /// Elements that bound the active formatting list: formatting elements closed inside a table
    /// cell are forgotten when the cell closes.
    fn is_marker = [
        "td", "th", "caption", "applet", "object", "marquee", "template",
    ]
}

names! {
    fn is_table_section = ["tbody", "thead", "tfoot"]
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[derive(Debug)]
struct Open<'a> {
    /// Borrowed from the page unless the tag was written with capitals.
    name: Cow<'a, str>,
    /// SVG/MathML content (not HTML): `/>` closes, no raw text, CDATA sections.
    foreign: bool,
    /// For markers: how many orphans there were when it opened.
    orphans_at_open: usize,
    /// For formatting elements still in the parser's list: name and attributes, which the
    /// parser compares to keep at most three alike.
    formatting: Option<String>,
}

/// The modelled stack of open elements plus the formatting elements closed by something else
/// (the parser re-opens them, so they still count towards the depth).
#[derive(Default)]
struct Model<'a> {
    stack: Vec<Open<'a>>,
    counts: HashMap<Cow<'a, str>, usize>,
    /// Name and attribute text of each.
    orphans: Vec<(Cow<'a, str>, String)>,
    steps: u64,
}

impl<'a> Model<'a> {
    fn depth(&self) -> usize {
        self.stack.len() + self.orphans.len()
    }

    fn has(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    fn top(&self) -> Option<&str> {
        self.stack.last().map(|o| o.name.as_ref())
    }

    fn top_foreign(&self) -> bool {
        self.stack.last().is_some_and(|o| o.foreign)
    }

    fn push(&mut self, name: Cow<'a, str>, foreign: bool, formatting: Option<String>) {
        // Looked up before inserting, so that a name already counted is not copied again.
        match self.counts.get_mut(name.as_ref()) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(name.clone(), 1);
            }
        }
        self.stack.push(Open {
            name,
            foreign,
            orphans_at_open: self.orphans.len(),
            formatting,
        });
    }

    /// Where the parser's formatting list starts for the current cell.
    fn orphan_floor(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find(|o| is_marker(&o.name))
            .map_or(0, |o| o.orphans_at_open)
    }

    /// The parser's "Noah's ark": with three formatting elements of the same name and
    /// attributes in its list, a fourth pushes out the earliest.
    fn noahs_ark(&mut self, key: &str) {
        let floor = self.orphan_floor();
        let mut alike = 0;
        let mut earliest_orphan = None;
        for i in (floor..self.orphans.len()).rev() {
            self.steps += 1;
            if self.orphans[i].1 == key {
                alike += 1;
                earliest_orphan = Some(i);
            }
        }
        let mut earliest_open = None;
        for i in (0..self.stack.len()).rev() {
            self.steps += 1;
            let o = &self.stack[i];
            if is_marker(&o.name) {
                break;
            }
            if o.formatting.as_deref() == Some(key) {
                alike += 1;
                earliest_open = Some(i);
            }
        }
        if alike < 3 {
            return;
        }
        match (earliest_orphan, earliest_open) {
            (Some(i), _) => {
                self.orphans.remove(i);
            }
            (None, Some(i)) => self.stack[i].formatting = None,
            (None, None) => {}
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        self.steps += 1;
        if let Some(n) = self.counts.get_mut(open.name.as_ref()) {
            *n -= 1;
        }
        if is_marker(&open.name) {
            self.orphans.truncate(open.orphans_at_open);
        } else if let Some(key) = open.formatting {
            self.orphans.push((open.name, key));
        }
    }

    /// Index (from the bottom) of the topmost element for which `found` holds, searching down
    /// from the top and giving up at the first element for which `stop` holds.
    fn find(&mut self, found: impl Fn(&str) -> bool, stop: impl Fn(&str) -> bool) -> Option<usize> {
        for i in (0..self.stack.len()).rev() {
            self.steps += 1;
            let name = self.stack[i].name.as_ref();
            if found(name) {
                return Some(i);
            }
            if stop(name) {
                return None;
            }
        }
        None
    }

    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// The parser's "close a p element" when a block starts.
    fn close_p(&mut self) {
        if !self.has("p") {
            return;
        }
        if let Some(i) = self.find(|n| n == "p", |n| is_scope(n) || n == "button") {
            self.pop_to(i);
        }
    }

    /// Applies a start tag; returns false when the element would nest past `limit` (the tag is
    /// then dropped and the model left as if it were not there).
    fn start(&mut self, tag: Cow<'a, str>, attrs: &str, self_closing: bool, limit: usize) -> bool {
        let name: &str = &tag;
        let parent_foreign =
            self.top_foreign() && !self.stack.last().is_some_and(|o| is_integration(&o.name));
        let foreign = matches!(name, "svg" | "math") || (parent_foreign && !is_breakout(name));
        if foreign {
            if self_closing {
                return true;
            }
        } else {
            if is_void(name) {
                return true;
            }
            match name {
                // One of each, merged by the parser.
                "html" | "body" if self.has(name) => return true,
                "head" if !self.stack.iter().all(|o| o.name == "html") => return true,
                _ => {}
            }
            if closes_p(name) {
                self.close_p();
            }
            if is_heading(name) && self.top().is_some_and(is_heading) {
                self.pop();
            }
            match name {
                "li" => self.close_list_item(|n| n == "li"),
                "dd" | "dt" => self.close_list_item(|n| n == "dd" || n == "dt"),
                "option" | "optgroup" if self.top() == Some("option") => self.pop(),
                "tr" => {
                    if let Some(i) = self.find(
                        |n| is_table_section(n) || n == "table",
                        |n| n == "template" || n == "html",
                    ) {
                        self.pop_to(i + 1);
                    }
                }
                "td" | "th" => {
                    if let Some(i) = self.find(
                        |n| n == "tr" || n == "table" || is_table_section(n),
                        |n| n == "template" || n == "html",
                    ) {
                        self.pop_to(i + 1);
                    }
                }
                "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => {
                    if let Some(i) = self.find(|n| n == "table", |n| n == "template" || n == "html")
                    {
                        self.pop_to(i + 1);
                    }
                }
                _ => {}
            }
        }
        // Implied table parts the parser inserts (counted, so the model never falls short).
        let implied = match (name, self.top()) {
            ("tr", Some("table")) => 1,
            ("td" | "th", Some("table")) => 2,
            ("td" | "th", Some(t)) if is_table_section(t) => 1,
            _ => 0,
        };
        if self.depth() + implied + 1 > limit {
            return false;
        }
        match implied {
            2 => {
                self.push(Cow::Borrowed("tbody"), false, None);
                self.push(Cow::Borrowed("tr"), false, None);
            }
            1 if name == "tr" => self.push(Cow::Borrowed("tbody"), false, None),
            1 => self.push(Cow::Borrowed("tr"), false, None),
            _ => {}
        }
        let formatting = (!foreign && is_formatting(name)).then(|| format!("{name} {attrs}"));
        if let Some(key) = &formatting {
            self.noahs_ark(key);
        }
        self.push(tag, foreign, formatting);
        true
    }

    /// `<li>`, `<dd>`, `<dt>` close the open item of their kind unless a block is in between.
    fn close_list_item(&mut self, item: impl Fn(&str) -> bool) {
        let found = self.find(&item, |n| {
            is_special(n) && !matches!(n, "address" | "div" | "p")
        });
        if let Some(i) = found {
            self.pop_to(i);
        }
        self.close_p();
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" | "br" => {}
            "head" => {
                if self.top() == Some("head") {
                    self.pop();
                }
            }
            _ if is_heading(name) => {
                if let Some(i) = self.find(is_heading, is_scope) {
                    self.pop_to(i);
                }
            }
            "table" => {
                if let Some(i) = self.find(|n| n == "table", |n| n == "html" || n == "template") {
                    self.pop_to(i);
                }
            }
            "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup" => {
                if let Some(i) = self.find(
                    |n| n == name,
                    |n| n == "table" || n == "html" || n == "template",
                ) {
                    self.pop_to(i);
                }
            }
            _ if is_block_end(name) => {
                if !self.has(name) {
                    return;
                }
                let extra = |n: &str| match name {
                    "li" => n == "ol" || n == "ul",
                    "p" => n == "button",
                    _ => false,
                };
                if let Some(i) = self.find(|n| n == name, |n| is_scope(n) || extra(n)) {
                    self.pop_to(i);
                }
            }
            _ if is_formatting(name) && !self.top_foreign() => {
                if self.has(name) {
                    // Without an open block above it the parser pops up to it; with one
                    // (the adoption agency) the depth does not grow: keep the model as it is.
                    if let Some(i) = self.find(|n| n == name, is_special) {
                        self.pop_to(i);
                    }
                } else {
                    self.forget_orphan(name);
                }
            }
            _ => {
                if !self.has(name) {
                    return;
                }
                let foreign = self.top_foreign();
                if let Some(i) = self.find(
                    |n| n.eq_ignore_ascii_case(name),
                    |n| !foreign && is_special(n),
                ) {
                    self.pop_to(i);
                }
            }
        }
    }

    /// A formatting end tag whose element is no longer open removes it from the parser's list
    /// (only after the last marker: what is before belongs to an enclosing cell).
    fn forget_orphan(&mut self, name: &str) {
        let floor = self.orphan_floor();
        for i in (floor..self.orphans.len()).rev() {
            self.steps += 1;
            if self.orphans[i].0 == name {
                self.orphans.remove(i);
                return;
            }
        }
    }
}

/// Scans `html` and drops start tags nested deeper than `limit`.
pub(crate) fn bound(html: &str, limit: usize) -> Bounded<'_> {
    let bytes = html.as_bytes();
    let mut model = Model::default();
    let mut out: Option<String> = None;
    let mut copied = 0; // input bytes up to here are in `out` (or need no copy)
    let mut dropped = 0;
    let mut first_dropped_at = None;
    let mut max_depth = 0;
    let mut scanned: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) else {
            scanned += (bytes.len() - i) as u64;
            break;
        };
        scanned += (lt - i) as u64;
        let rest = &bytes[lt..];
        let next = |k: usize| rest.get(k).copied();
        let tag_end;
        if rest.starts_with(b"<!--") {
            tag_end = comment_end(bytes, lt + 4);
        } else if rest.starts_with(b"<![CDATA[") && model.top_foreign() {
            tag_end = find(bytes, lt + 9, b"]]>").map_or(bytes.len(), |p| p + 3);
        } else if matches!(next(1), Some(b'!' | b'?')) {
            tag_end = find(bytes, lt + 2, b">").map_or(bytes.len(), |p| p + 1);
        } else if next(1) == Some(b'/') {
            match next(2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = parse_tag(html, lt + 2);
                    tag_end = tag.end;
                    if tag.complete {
                        model.end(&tag.name);
                    }
                }
                _ => tag_end = find(bytes, lt + 2, b">").map_or(bytes.len(), |p| p + 1),
            }
        } else if next(1).is_some_and(|c| c.is_ascii_alphabetic()) {
            let tag = parse_tag(html, lt + 1);
            let mut end = tag.end;
            if tag.complete {
                let name: &str = &tag.name;
                let raw = !model.top_foreign_for(name) && is_raw_text(name);
                if name == "plaintext" && !model.top_foreign_for(name) {
                    // Everything after it is text.
                    scanned += (bytes.len() - end) as u64;
                    break;
                }
                let kept = model.start(tag.name.clone(), tag.attrs, tag.self_closing, limit) || {
                    // A raw-text element holds no elements: keeping it nests one level at
                    // most, and dropping it would turn its script or style into text.
                    raw
                };
                if !kept {
                    dropped += 1;
                    first_dropped_at.get_or_insert(lt);
                    let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
                    buf.push_str(&html[copied..lt]);
                    copied = end;
                }
                max_depth = max_depth.max(model.depth());
                if kept && raw {
                    // Its end tag is consumed with its text, so it is closed here.
                    let pushed = model.top() == Some(name);
                    end = raw_text_end(html, end, name);
                    if pushed {
                        model.pop();
                    }
                }
            }
            tag_end = end;
        } else {
            tag_end = lt + 1;
        }
        scanned += (tag_end - lt) as u64;
        i = tag_end;
    }
    let html = match out {
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(html),
    };
    Bounded {
        html,
        dropped,
        first_dropped_at,
        max_depth,
        steps: scanned + model.steps,
    }
}

impl Model<'_> {
    /// Whether a start tag `name` would be SVG/MathML content here (then `<style>` and
    /// friends are not raw text).
    fn top_foreign_for(&self, name: &str) -> bool {
        let parent_foreign =
            self.top_foreign() && !self.stack.last().is_some_and(|o| is_integration(&o.name));
        parent_foreign && !is_breakout(name)
    }
}

struct Tag<'a> {
    /// Lower case; borrowed from the page unless written with capitals.
    name: Cow<'a, str>,
    /// The attribute text as written (what the parser's "Noah's ark" compares, in effect).
    attrs: &'a str,
    self_closing: bool,
    /// Byte after the closing `>` (or the end of input).
    end: usize,
    /// False when the input ends inside the tag: the parser drops such a tag.
    complete: bool,
}

/// Parses a tag from its name (at `start`) to its `>`, skipping quoted attribute values. Nothing
/// is copied unless the name has capitals: this runs for every tag of every page.
fn parse_tag(html: &str, start: usize) -> Tag<'_> {
    let bytes = html.as_bytes();
    let mut i = start;
    while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    // Both ends are ASCII bytes (or the end), so the slices below are on character boundaries.
    let written = &html[start..i];
    let name = if written.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(written.to_ascii_lowercase())
    } else {
        Cow::Borrowed(written)
    };
    let name_end = i;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && is_ws(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b'>') => {
                return Tag {
                    attrs: html[name_end..i].trim(),
                    name,
                    self_closing,
                    end: i + 1,
                    complete: true,
                }
            }
            Some(b'/') => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        // Attribute name: its first character may be `=`.
        i += 1;
        while i < bytes.len() && !is_ws(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < bytes.len() && is_ws(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && is_ws(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[i + 1..]) {
                Some(p) => i = i + 1 + p + 1,
                None => i = bytes.len(),
            },
            _ => {
                while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
    Tag {
        name,
        attrs: "",
        self_closing: false,
        end: bytes.len(),
        complete: false,
    }
}

/// The end of a comment whose `<!--` ends just before `from` (`<!-->` and `<!--->` are
/// whole comments, `--!>` also ends one).
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let a = find(bytes, from, b"-->").map(|p| p + 3);
    let b = find(bytes, from, b"--!>").map(|p| p + 4);
    match (a, b) {
        (Some(a), Some(b)) => a.min(b),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => bytes.len(),
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|p| from + p)
}

/// Where `</name` followed by a tag delimiter starts after `from` (case-insensitive), past the
/// end tag; for `<script>`, `</script>` inside an escaped `<!--<script>…` section does not count.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let n = name.len();
    let closes = |p: usize| {
        bytes.len() >= p + 2 + n
            && bytes[p + 1] == b'/'
            && bytes[p + 2..p + 2 + n].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(p + 2 + n)
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
    };
    let opens_script = |p: usize| {
        bytes.len() >= p + 7
            && bytes[p + 1..p + 7].eq_ignore_ascii_case(b"script")
            && bytes
                .get(p + 7)
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
    };
    #[derive(PartialEq)]
    enum Script {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = Script::Data;
    let mut i = from;
    while i < bytes.len() {
        let Some(p) = memchr::memchr2(b'<', b'-', &bytes[i..]).map(|p| i + p) else {
            break;
        };
        i = p + 1;
        if name == "script" {
            if bytes[p] == b'-' {
                if state != Script::Data && bytes[p..].starts_with(b"-->") {
                    state = Script::Data;
                }
                continue;
            }
            if state == Script::Data && bytes[p..].starts_with(b"<!--") {
                state = Script::Escaped;
                i = p + 2; // `<!-->` opens and closes at once
                continue;
            }
            if state == Script::Escaped && opens_script(p) {
                state = Script::DoubleEscaped;
                continue;
            }
            if state == Script::DoubleEscaped {
                if closes(p) {
                    state = Script::Escaped;
                }
                continue;
            }
        } else if bytes[p] == b'-' {
            continue;
        }
        if closes(p) {
            return parse_tag(html, p + 2).end;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize, inner: &str) -> String {
        let mut s = String::with_capacity((open.len() + close.len()) * n + inner.len());
        for _ in 0..n {
            s.push_str(open);
        }
        s.push_str(inner);
        for _ in 0..n {
            s.push_str(close);
        }
        s
    }

    #[test]
    fn ordinary_pages_pass_unchanged() {
        let page = "<!DOCTYPE html><html><head><title>t<b></title><script>if(a<b)document.write('</div></div>')</script>\
            <style>p>b{}</style></head><body><div id=zoom><p>一<p>二<br><img src=x><table><tr><td>1<td>2<tr><td>3</table>\
            <ul><li>甲<li>乙</ul><!-- </div> --><p><font>字</p></font><svg><path d='M0'/><path/></svg></div></body></html>";
        let b = bound(page, 16);
        assert!(matches!(b.html, Cow::Borrowed(_)), "{:?}", b.html);
        assert_eq!(b.dropped, 0);
        assert!(b.max_depth <= 9, "{}", b.max_depth);
    }

    #[test]
    fn unclosed_paragraphs_items_and_cells_do_not_accumulate() {
        let mut page = String::from("<body><div>");
        for _ in 0..10_000 {
            page.push_str("<p>段落<font color=red>红");
        }
        page.push_str("<table>");
        for _ in 0..10_000 {
            page.push_str("<tr><td><font>单元<td><span>格");
        }
        page.push_str("</table><ul>");
        for _ in 0..10_000 {
            page.push_str("<li>项<dl><dt>术<dd>义</dl>");
        }
        let b = bound(&page, 64);
        assert_eq!(b.dropped, 0, "max depth {}", b.max_depth);
    }

    #[test]
    fn deep_divs_are_cut_at_the_limit_and_keep_their_text() {
        let page = nested("<div>", "</div>", 100_000, "正文");
        let b = bound(&page, 100);
        assert_eq!(b.max_depth, 100);
        assert_eq!(b.dropped, 100_000 - 100);
        assert_eq!(b.first_dropped_at, Some(100 * 5));
        assert!(b.html.contains("正文"));
        assert_eq!(b.html.matches("<div>").count(), 100);
        // Linear: a few units of work per input byte, not per byte × depth.
        assert!(b.steps <= 3 * page.len() as u64, "{} steps", b.steps);
    }

    #[test]
    fn formatting_elements_reopened_by_the_parser_count() {
        // Each `</p>` closes the `<b>` inside, which the parser re-opens in the next paragraph:
        // the browser nests them all.
        let mut page = String::new();
        for i in 0..1000 {
            page.push_str(&format!("<p><b id={i}>字</p>"));
        }
        let b = bound(&page, 50);
        assert!(b.dropped > 900, "{}", b.dropped);
        assert!(b.max_depth <= 50);
    }

    #[test]
    fn markup_inside_comments_attributes_and_raw_text_is_not_counted() {
        let inner = "<div>".repeat(1000);
        let page = format!(
            "<!--{inner}--><a title='{inner}'>x</a><script>'{inner}'</script><textarea>{inner}</textarea>\
             <script><!--<script>{inner}</script>--></script><p>正文</p>"
        );
        let b = bound(&page, 10);
        assert_eq!(b.dropped, 0);
    }

    #[test]
    fn end_tags_in_the_wrong_place_do_not_hide_depth() {
        // `</span>` cannot close past a `<div>`; `</head>` in the body closes nothing.
        let page = format!(
            "<span>{}<head>{}",
            "<div></span>".repeat(500),
            "<section></head>".repeat(500)
        );
        let b = bound(&page, 100);
        assert!(b.max_depth == 100 && b.dropped > 800, "{b:?}");
    }

    /// The deepest element of the tree html5ever builds, walked without recursion.
    fn parsed_depth(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        let mut deepest = 0;
        let mut todo = vec![(doc.tree.root(), 0usize)];
        while let Some((node, d)) = todo.pop() {
            deepest = deepest.max(d);
            todo.extend(node.children().map(|c| (c, d + 1)));
        }
        deepest
    }

    /// The model against the real parser: whatever the markup, what html5ever builds from the
    /// scan's output nests no deeper than the limit (plus the document node and the `html`,
    /// `body` and raw-text levels the model leaves out).
    #[test]
    fn the_parser_never_nests_past_the_limit() {
        let mut pages = vec![
            nested("<div>", "</div>", 2000, "字"),
            nested("<table><tr><td>", "</td></tr></table>", 700, "字"),
            nested("<b><i>", "</i></b>", 1000, "字"),
            nested("<b><div>", "</b></div>", 1000, "字"),
            nested("<ul><li>", "", 1000, "字"),
            "<div><span>".repeat(1000),
            "<font><p>字".repeat(2000),
            "<p><i>字<b>".repeat(1000),
            "<section></div>".repeat(2000),
            "<svg><g><title><div>".repeat(500),
            "<table><td><b>字</td><b>".repeat(700),
            "<select><option><optgroup><div>".repeat(500),
            "<a><div><a>".repeat(1000),
            "<dl><dt><dd><p><li>".repeat(1000),
        ];
        let mut reopened = String::new();
        for i in 0..1000 {
            reopened.push_str(&format!("<p><b id={i}><i class=c{i}>字</p>"));
        }
        pages.push(reopened);
        for page in &pages {
            let b = bound(page, 64);
            let depth = parsed_depth(&b.html);
            assert!(
                depth <= 64 + 4,
                "{}…: parsed {depth} deep after the scan",
                &page[..40]
            );
            assert!(b.steps <= 70 * page.len() as u64, "{} steps", b.steps);
        }
    }

    #[test]
    fn svg_self_closing_and_breakout() {
        let page = format!("<svg>{}</svg>", "<path/>".repeat(1000));
        assert_eq!(bound(&page, 10).dropped, 0);
        // Inside a breakout `<div>` it is HTML again: `<path/>` opens an element.
        let page = format!("<svg><div>{}</div></svg>", "<path/>".repeat(1000));
        assert!(bound(&page, 10).dropped > 900);
    }
}
