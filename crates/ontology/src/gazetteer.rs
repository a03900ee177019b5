//! The agency gazetteer: canonical agency names, their aliases, the abbreviation rules that relate
//! them, and the vocabulary of responsibility — all data under `ontology/`.
//!
//! # Files
//! Bundled (compiled in):
//! - `ontology/agencies/central.tsv`, `local-templates.tsv`, `branches.tsv`, `anhui.tsv`,
//!   `collectives.tsv`: agencies, one per row (`name aliases kind level jurisdiction parent`; the
//!   header comment of `central.tsv` documents the columns). A name holding `{J}` (the
//!   jurisdiction's full name) or `{S}` (its short name) is a *template* instantiated for every
//!   jurisdiction of its levels: `{J}财政厅` is 安徽省财政厅 in an Anhui notice and 山西省财政厅 in
//!   a Shanxi one.
//! - `ontology/agencies/exclusive-templates.tsv` and `jurisdiction-templates.tsv`: facts, with
//!   their sources, that restrict the templates: jurisdictions that take none (香港, 澳门, 台湾)
//!   and which of two alternatives (经济和信息化厅 or 工业和信息化厅) a province has, so that no
//!   body is invented (see `variants`). A mention that names its place (湖南省经济和信息化厅)
//!   still resolves to that body: the document is the evidence.
//! - `ontology/abbreviations.tsv`: rewrite rules to comparison keys (经济和信息化 → 经信), so
//!   variants of a name need not all be listed.
//! - `ontology/agencies/roles.tsv`: 牵头单位 / 配合 / 按职责分工负责 / 列第一位者为牵头单位 …, read by
//!   the responsibility parser of `policykg-extract`.
//! - `ontology/agencies/markers.tsv`: what unknown agency-like names and collectives look like.
//!
//! A user directory given to [`crate::Ontology::with_dir`] may add, with the same formats:
//! `abbreviations*.tsv` and `agencies*.tsv` at its top level, and an `agencies/` subdirectory whose
//! `roles*.tsv` and `markers*.tsv` extend the vocabularies, whose `exclusive-templates*.tsv` and
//! `jurisdiction-templates*.tsv` add template facts (read after the agency files), and whose other
//! `*.tsv` files add agencies. A row whose name equals an existing row's name replaces it. Errors name the file and
//! the line.
//!
//! # Resolution
//! [`Gazetteer::resolve`] answers what a mention means in a document's jurisdiction, trying in
//! order: a template form naming its place (安徽省财政厅, 安徽银保监局); a listed body of the
//! document's region (省投资集团公司 in Anhui); a department prefix scoped through the document's
//! ancestry (省财政厅 in a Wuhu notice is 安徽省财政厅); a bare template name (财政厅) at the nearest
//! jurisdiction that has one; a central body (发展改革委); the template without a place when none
//! fits; a collective by its marker (各…, 有关…); and finally an unknown name, kept as written (or
//! scoped, when it carries a prefix) with `known = false`.

mod entries;
mod key;
mod load;
mod resolve;
mod variants;
mod vocab;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

pub use vocab::{MarkerMeaning, RoleForm, RolePhrase, RoleWord};

use crate::jurisdiction::Level;
use crate::Jurisdiction;

/// What kind of body an agency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AgencyKind {
    /// A body of the central government or a national institution (财政部, 国务院).
    Central,
    /// A body of a province, city or county (安徽省财政厅, 芜湖市发展和改革委员会).
    Local,
    /// A local office of a central body, under its own name (中国人民银行合肥中心支行).
    Branch,
    /// A class of bodies named together (安徽省各市人民政府, 各有关部门和单位).
    Collective,
    /// Not in the gazetteer.
    Unknown,
}

/// What a mention means in a jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// The canonical name ("安徽省经济和信息化厅"), or for an unknown name the mention, scoped
    /// when it carries a department prefix (市发展民营经济工作领导小组 → 芜湖市…).
    pub canonical: String,
    /// Found in the gazetteer.
    pub known: bool,
    pub collective: bool,
    /// Full name of the jurisdiction the body belongs to, when known.
    pub jurisdiction: Option<String>,
    pub kind: AgencyKind,
    /// Canonical name of the body it belongs to (org:subOrganizationOf).
    pub parent: Option<String>,
    /// Known, collective, or shaped like an agency's name (…厅, …领导小组, …公司).
    pub agency_like: bool,
    /// The part of the mention that placed it ("省", "市", "安徽省"), which the next names of a
    /// list inherit ("省科技厅、工业和信息化厅").
    pub prefix: Option<String>,
}

/// A gazetteer entry as published (for the graph: agencies, jurisdictions, aliases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyEntry {
    pub canonical: String,
    /// Every other name it goes by in its jurisdiction: 安徽省经信厅, 省经信厅, 省经济和信息化厅 …
    pub aliases: Vec<String>,
    pub jurisdiction: Option<String>,
    pub parent: Option<String>,
    pub kind: AgencyKind,
}

/// Jurisdiction levels as the agency files name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Province,
    Municipality,
    Prefecture,
    County,
}

fn tier(j: &Jurisdiction) -> Option<Tier> {
    match j.level {
        Level::National => None,
        Level::Province if j.name.ends_with('市') => Some(Tier::Municipality),
        Level::Province => Some(Tier::Province),
        Level::Prefecture => Some(Tier::Prefecture),
        Level::County => Some(Tier::County),
    }
}

fn short_name(j: &Jurisdiction) -> &str {
    j.short.first().map(String::as_str).unwrap_or(&j.name)
}

/// One row of an agency file.
#[derive(Debug, Clone)]
struct Row {
    name: String,
    aliases: Vec<String>,
    kind: AgencyKind,
    /// Templates only.
    tiers: Vec<Tier>,
    /// Concrete rows only.
    jurisdiction: Option<String>,
    parent: Option<String>,
}

impl Row {
    fn is_template(&self) -> bool {
        self.name.contains("{J}") || self.name.contains("{S}")
    }

    fn fits(&self, j: &Jurisdiction) -> bool {
        tier(j).is_some_and(|t| self.tiers.contains(&t))
    }

    /// Whether the template is instantiated at a place of `level`.
    fn fits_level(&self, level: Level) -> bool {
        self.tiers.iter().any(|&t| match t {
            Tier::Province | Tier::Municipality => level == Level::Province,
            Tier::Prefecture => level == Level::Prefecture,
            Tier::County => level == Level::County,
        })
    }
}

/// Replace `{J}` / `{S}` by the jurisdiction's names.
fn fill(pattern: &str, j: &Jurisdiction) -> String {
    pattern
        .replace("{J}", &j.name)
        .replace("{S}", short_name(j))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    /// `{J}` or `{S}`: any name of a jurisdiction.
    Place,
    /// `{P}`: a department prefix.
    Prefix,
    /// A bare stem: the document's jurisdiction.
    Bare,
}

/// A template form, split at its placeholder. Both literals are comparison keys.
#[derive(Debug, Clone)]
struct Form {
    row: usize,
    before: String,
    placeholder: Placeholder,
}

/// The agency gazetteer (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    rows: Vec<Row>,
    by_name: HashMap<String, usize>,
    rules: key::Rules,
    vocabulary: vocab::Vocabulary,
    /// Which templates each jurisdiction takes (`exclusive-templates.tsv`,
    /// `jurisdiction-templates.tsv`).
    facts: variants::Facts,
    // Indices, rebuilt after every change.
    /// Key of a concrete row's name or alias → (row, the alias names a place).
    literal: HashMap<String, Vec<(usize, bool)>>,
    /// Key of the literal after a template form's placeholder → forms.
    forms: HashMap<String, Vec<Form>>,
    /// Alias forms holding 、 or ， that a list must not be split inside, longest first.
    unsplittable: Vec<String>,
    /// Every name and alias, one a line ([`Gazetteer::names_hold`]).
    all_names: String,
    /// Last characters of every name, alias, comparison key and marker: a text ending with
    /// none of them is no body's name (see [`Gazetteer::may_end_name`]). Empty: any can.
    name_ends: rustc_hash::FxHashSet<char>,
    /// `name_ends` and the last characters of the rewrite rules' `from` words: what a name the
    /// gazetteer resolves as known can end with (see [`Gazetteer::may_be_known`]). Empty: any.
    known_ends: rustc_hash::FxHashSet<char>,
    /// The longest words every declaration phrase holds (为牵头), `None` when they share none: a
    /// document's whole text is asked whether it holds a declaration, and a search per phrase
    /// over it was 4 % of read + outline + extract (an Aho–Corasick automaton was slower still:
    /// its prefilter's rare bytes are common bytes of Chinese).
    declaration_core: Option<memchr::memmem::Finder<'static>>,
}

impl Gazetteer {
    /// Template `row` has a body in `j`: its level fits and the facts do not rule it out.
    fn takes(&self, row: &Row, j: &Jurisdiction) -> bool {
        row.fits(j) && self.facts.allows(&row.name, j)
    }

    /// Whether a known or agency-shaped name can end with `c`: a cheap test that lets a reader
    /// skip the subjects that cannot be bodies before resolving them.
    pub fn may_end_name(&self, c: char) -> bool {
        self.name_ends.is_empty() || self.name_ends.contains(&c)
    }

    /// Whether an agency marker may end with `c`: false for most characters that end none,
    /// never false for one that ends a marker of [`Gazetteer::looks_like_agency`] (a filter).
    pub fn may_end_agency(&self, c: char) -> bool {
        self.vocabulary.may_end_agency(c)
    }

    /// Whether [`Gazetteer::resolve`] may find `mention` `known`, by its last character alone:
    /// false only when it cannot. Exact: a known answer is a listed name's or a form's, found
    /// by the comparison key of the trimmed mention (white space dropped, `)` folded to `）`,
    /// then rewritten by the rules) in the literal keys, or by a suffix of that key in the
    /// forms' keys (an empty one clears `name_ends`), so the key ends with a character of
    /// `name_ends`: the mention's last (folded) character, unless a rule's `from` ending with
    /// it was rewritten (whatever its `to`), whose last characters are taken too. A members
    /// marker ending the mention ("…成员单位") is a marker: its last character is in
    /// `name_ends` too. Asked before resolving a candidate name that is no body by its shape:
    /// most such names are no body at all, and a gazetteer miss is the reader's costliest step.
    pub fn may_be_known(&self, mention: &str) -> bool {
        if self.known_ends.is_empty() {
            return true;
        }
        mention.trim().chars().next_back().is_none_or(|c| {
            self.known_ends.contains(&c) || (c == ')' && self.known_ends.contains(&'）'))
        })
    }

    /// Whether an unknown name is shaped like an agency's (ends with 厅, 局, 领导小组 …).
    pub fn looks_like_agency(&self, name: &str) -> bool {
        let name = name.trim_end_matches(['）', ')']);
        // The last character first: asked of every candidate name, and most end with none.
        let Some(&last) = name.as_bytes().last() else {
            return self
                .vocabulary
                .markers(MarkerMeaning::Agency)
                .any(str::is_empty);
        };
        if !name
            .chars()
            .next_back()
            .is_some_and(|c| self.vocabulary.may_end_agency(c))
        {
            return false;
        }
        self.vocabulary
            .markers(MarkerMeaning::Agency)
            .any(|m| m.as_bytes().last() == Some(&last) && name.ends_with(m))
    }

    /// Whether `text` is a generic word that closes an open list after 等: "有关部门",
    /// "省级主管部门（单位）", "单位".
    pub fn is_generic_tail(&self, text: &str) -> bool {
        let mut rest = text.trim();
        loop {
            if self
                .vocabulary
                .markers(MarkerMeaning::Generic)
                .any(|g| rest == g)
            {
                return true;
            }
            match self
                .vocabulary
                .markers(MarkerMeaning::Qualifier)
                .find(|q| rest.starts_with(q))
            {
                Some(q) => rest = &rest[q.len()..],
                None => return false,
            }
        }
    }

    /// The markers of one meaning, longest first.
    pub fn markers(&self, meaning: MarkerMeaning) -> impl Iterator<Item = &str> {
        self.vocabulary.markers(meaning)
    }

    /// The role phrases of one form, longest first.
    pub fn role_phrases(&self, form: RoleForm) -> impl Iterator<Item = &RolePhrase> {
        self.vocabulary.roles.iter().filter(move |p| p.form == form)
    }

    /// Whether a label phrase ([`RoleForm::Label`]) may start with `c`: false for most
    /// characters that start none, never false for one that starts a label (a filter).
    pub fn may_start_label(&self, c: char) -> bool {
        self.vocabulary.may_start_label(c)
    }

    /// Whether `text` holds a declaration phrase ("列第一位者为牵头单位"): the phrases are
    /// searched one by one only in a text holding the words they share.
    pub fn holds_declaration(&self, text: &str) -> bool {
        self.declaration_core
            .as_ref()
            .is_none_or(|core| core.find(text.as_bytes()).is_some())
            && self
                .role_phrases(RoleForm::Declaration)
                .any(|p| text.contains(p.phrase.as_str()))
    }

    /// Whether some listed body's name holds `words` ("工业和信息化": a field of one body, not
    /// two fields joined). Asked only of the rare list piece joining two words with 和.
    pub fn names_hold(&self, words: &str) -> bool {
        !words.is_empty() && self.all_names.contains(words)
    }

    /// Names holding 、 or ， that a list of agencies must keep whole (各区、县级市), longest first.
    pub fn unsplittable(&self) -> &[String] {
        &self.unsplittable
    }
}

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|a| seen.insert(a.clone()));
}

/// Split an alias at its placeholder: ("人行", Some(Place), "中心支行").
fn split_form(name: &str) -> (&str, Option<Placeholder>, &str) {
    for (ph, p) in [
        ("{J}", Placeholder::Place),
        ("{S}", Placeholder::Place),
        ("{P}", Placeholder::Prefix),
    ] {
        if let Some(i) = name.find(ph) {
            return (&name[..i], Some(p), &name[i + ph.len()..]);
        }
    }
    (name, None, "")
}
