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
//! - `ontology/abbreviations.tsv`: rewrite rules to comparison keys (经济和信息化 → 经信), so
//!   variants of a name need not all be listed.
//! - `ontology/agencies/roles.tsv`: 牵头单位 / 配合 / 按职责分工负责 / 列第一位者为牵头单位 …, read by
//!   the responsibility parser of `policykg-extract`.
//! - `ontology/agencies/markers.tsv`: what unknown agency-like names and collectives look like.
//!
//! A user directory given to [`crate::Ontology::with_dir`] may add, with the same formats:
//! `abbreviations*.tsv` and `agencies*.tsv` at its top level, and an `agencies/` subdirectory whose
//! `roles*.tsv` and `markers*.tsv` extend the vocabularies and whose other `*.tsv` files add
//! agencies. A row whose name equals an existing row's name replaces it. Errors name the file and
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

mod key;
mod vocab;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use vocab::{MarkerMeaning, RoleForm, RolePhrase, RoleWord};

use crate::jurisdiction::Level;
use crate::{tsv, Jurisdiction, Jurisdictions, OntologyError};

const AGENCY_COLUMNS: &[&str] = &["name", "aliases", "kind", "level", "jurisdiction", "parent"];

const BUNDLED_AGENCIES: &[(&str, &str)] = &[
    (
        "ontology/agencies/central.tsv",
        include_str!("../../../ontology/agencies/central.tsv"),
    ),
    (
        "ontology/agencies/local-templates.tsv",
        include_str!("../../../ontology/agencies/local-templates.tsv"),
    ),
    (
        "ontology/agencies/branches.tsv",
        include_str!("../../../ontology/agencies/branches.tsv"),
    ),
    (
        "ontology/agencies/anhui.tsv",
        include_str!("../../../ontology/agencies/anhui.tsv"),
    ),
    (
        "ontology/agencies/collectives.tsv",
        include_str!("../../../ontology/agencies/collectives.tsv"),
    ),
];
const BUNDLED_ABBREVIATIONS: (&str, &str) = (
    "ontology/abbreviations.tsv",
    include_str!("../../../ontology/abbreviations.tsv"),
);
const BUNDLED_ROLES: (&str, &str) = (
    "ontology/agencies/roles.tsv",
    include_str!("../../../ontology/agencies/roles.tsv"),
);
const BUNDLED_MARKERS: (&str, &str) = (
    "ontology/agencies/markers.tsv",
    include_str!("../../../ontology/agencies/markers.tsv"),
);

/// The prefixes a jurisdiction's own departments carry (see
/// [`Jurisdiction::department_prefix`]), longest first.
const DEPARTMENT_PREFIXES: &[&str] = &["自治区", "省", "市", "区", "县"];

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
}

/// Replace `{J}` / `{S}` by the jurisdiction's names.
fn fill(pattern: &str, j: &Jurisdiction) -> String {
    pattern
        .replace("{J}", &j.name)
        .replace("{S}", short_name(j))
}

/// Replace `{J}` / `{S}` by a department prefix (or nothing): the template's name when the
/// jurisdiction is unknown ("省财政厅").
fn fill_unscoped(pattern: &str, prefix: &str) -> String {
    pattern.replace("{J}", prefix).replace("{S}", prefix)
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

/// How sure a candidate is; lower wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    NamedPlace,
    RegionalBody,
    Prefixed,
    Bare,
    Central,
    Unplaced,
}

/// The agency gazetteer (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    rows: Vec<Row>,
    by_name: HashMap<String, usize>,
    rules: key::Rules,
    vocabulary: vocab::Vocabulary,
    // Indices, rebuilt after every change.
    /// Key of a concrete row's name or alias → (row, the alias names a place).
    literal: HashMap<String, Vec<(usize, bool)>>,
    /// Key of the literal after a template form's placeholder → forms.
    forms: HashMap<String, Vec<Form>>,
    /// Alias forms holding 、 or ， that a list must not be split inside, longest first.
    unsplittable: Vec<String>,
}

impl Gazetteer {
    /// The gazetteer bundled in the binary.
    pub fn bundled(jurisdictions: &Jurisdictions) -> Gazetteer {
        Gazetteer::load_bundled(jurisdictions).expect(
            "bundled ontology/agencies/*.tsv and abbreviations.tsv are valid (checked by tests)",
        )
    }

    fn load_bundled(jurisdictions: &Jurisdictions) -> Result<Gazetteer, OntologyError> {
        let mut g = Gazetteer::default();
        g.rules
            .extend_tsv(BUNDLED_ABBREVIATIONS.1, BUNDLED_ABBREVIATIONS.0)?;
        g.vocabulary
            .extend_roles(BUNDLED_ROLES.1, BUNDLED_ROLES.0)?;
        g.vocabulary
            .extend_markers(BUNDLED_MARKERS.1, BUNDLED_MARKERS.0)?;
        for (file, text) in BUNDLED_AGENCIES {
            g.extend_agencies(text, file, jurisdictions)?;
        }
        g.reindex(jurisdictions);
        Ok(g)
    }

    /// Add the gazetteer files among the entries of a user's ontology directory (see the module
    /// documentation for which names are read).
    pub fn extend_dir(
        &mut self,
        files: &[PathBuf],
        jurisdictions: &Jurisdictions,
    ) -> Result<(), OntologyError> {
        for path in files {
            let name = file_name(path);
            if path.is_dir() && name == "agencies" {
                let mut inner: Vec<PathBuf> = std::fs::read_dir(path)
                    .map_err(|source| OntologyError::Io {
                        path: path.clone(),
                        source,
                    })?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && file_name(p).ends_with(".tsv"))
                    .collect();
                inner.sort();
                for p in &inner {
                    let n = file_name(p);
                    let text = crate::read(p)?;
                    let label = p.display().to_string();
                    if n.starts_with("roles") {
                        self.vocabulary.extend_roles(&text, &label)?;
                    } else if n.starts_with("markers") {
                        self.vocabulary.extend_markers(&text, &label)?;
                    } else {
                        self.extend_agencies(&text, &label, jurisdictions)?;
                    }
                }
            } else if path.is_file() && name.ends_with(".tsv") {
                if name.starts_with("abbreviations") {
                    let text = crate::read(path)?;
                    self.rules.extend_tsv(&text, &path.display().to_string())?;
                } else if name.starts_with("agencies") {
                    let text = crate::read(path)?;
                    self.extend_agencies(&text, &path.display().to_string(), jurisdictions)?;
                }
            }
        }
        self.reindex(jurisdictions);
        Ok(())
    }

    /// Add (or replace, by name) the rows of an agency file.
    pub fn extend_tsv(
        &mut self,
        text: &str,
        file: &str,
        jurisdictions: &Jurisdictions,
    ) -> Result<(), OntologyError> {
        self.extend_agencies(text, file, jurisdictions)?;
        self.reindex(jurisdictions);
        Ok(())
    }

    fn extend_agencies(
        &mut self,
        text: &str,
        file: &str,
        jurisdictions: &Jurisdictions,
    ) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, AGENCY_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let parsed = parse_row(&row, jurisdictions).map_err(err)?;
            match self.by_name.get(&parsed.name) {
                Some(&i) => self.rows[i] = parsed,
                None => {
                    self.by_name.insert(parsed.name.clone(), self.rows.len());
                    self.rows.push(parsed);
                }
            }
        }
        Ok(())
    }

    fn reindex(&mut self, jurisdictions: &Jurisdictions) {
        self.literal.clear();
        self.forms.clear();
        let mut unsplittable = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let names = std::iter::once(&row.name).chain(&row.aliases);
            if row.is_template() {
                for name in names {
                    let (before, placeholder, after) = split_form(name);
                    let mut add = |before: String, placeholder, after: &str| {
                        self.forms
                            .entry(self.rules.key(after))
                            .or_default()
                            .push(Form {
                                row: i,
                                before,
                                placeholder,
                            });
                    };
                    match placeholder {
                        // `{J}财政厅`: 财政厅 is also a stem.
                        Some(Placeholder::Place) if before.is_empty() => {
                            add(String::new(), Placeholder::Place, after);
                            add(String::new(), Placeholder::Prefix, after);
                            add(String::new(), Placeholder::Bare, after);
                        }
                        Some(p) => add(self.rules.key_inner(before), p, after),
                        None => {
                            // A stem: after a department prefix, after the place, and bare.
                            add(String::new(), Placeholder::Prefix, name);
                            add(String::new(), Placeholder::Place, name);
                            add(String::new(), Placeholder::Bare, name);
                        }
                    }
                    if placeholder.is_none() && (name.contains('、') || name.contains('，')) {
                        unsplittable.push(name.clone());
                    }
                }
            } else {
                for name in names {
                    let names_place = names_a_place(name, jurisdictions);
                    let entry = self.literal.entry(self.rules.key(name)).or_default();
                    if !entry.iter().any(|(r, _)| *r == i) {
                        entry.push((i, names_place));
                    }
                    if name.contains('、') || name.contains('，') {
                        unsplittable.push(name.clone());
                    }
                }
            }
        }
        dedup_keep_order(&mut unsplittable);
        unsplittable.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        self.unsplittable = unsplittable;
    }

    /// What `mention` means in a document of jurisdiction `scope` (None: unknown).
    pub fn resolve(
        &self,
        mention: &str,
        scope: Option<&Jurisdiction>,
        jurisdictions: &Jurisdictions,
    ) -> Resolution {
        let mention = mention.trim();
        // "X成员单位": the members of X.
        if let Some(marker) = self
            .vocabulary
            .markers(MarkerMeaning::Members)
            .find(|m| mention.len() > m.len() && mention.ends_with(m))
        {
            let body = self.resolve(
                &mention[..mention.len() - marker.len()],
                scope,
                jurisdictions,
            );
            return Resolution {
                canonical: format!("{}{marker}", body.canonical),
                known: body.known,
                collective: true,
                jurisdiction: body.jurisdiction,
                kind: AgencyKind::Collective,
                parent: Some(body.canonical),
                agency_like: true,
                prefix: body.prefix,
            };
        }
        let key = self.rules.key(mention);
        let ancestry: Vec<&Jurisdiction> = scope
            .map(|s| jurisdictions.ancestry(s).collect())
            .unwrap_or_default();
        let mut best: Option<((Rank, usize, usize), Resolution)> = None;
        let mut offer = |rank: Rank, distance: usize, row: usize, r: Resolution| {
            let order = (rank, distance, row);
            if best.as_ref().is_none_or(|(o, _)| order < *o) {
                best = Some((order, r));
            }
        };

        if let Some(rows) = self.literal.get(&key) {
            for &(i, names_place) in rows {
                let row = &self.rows[i];
                let home = row
                    .jurisdiction
                    .as_deref()
                    .and_then(|n| jurisdictions.get(n));
                let national = home.is_none_or(|h| h.level == Level::National);
                let rank = if national {
                    Rank::Central
                } else if names_place || home.is_some_and(|h| related(h, &ancestry, jurisdictions))
                {
                    Rank::RegionalBody
                } else {
                    continue;
                };
                offer(rank, 0, i, self.concrete(row));
            }
        }

        for (start, _) in key.char_indices().chain(std::iter::once((key.len(), ' '))) {
            let Some(forms) = self.forms.get(&key[start..]) else {
                continue;
            };
            let head = &key[..start];
            for form in forms {
                let Some(middle) = head.strip_prefix(form.before.as_str()) else {
                    continue;
                };
                let row = &self.rows[form.row];
                match form.placeholder {
                    Placeholder::Place => {
                        if let Some(j) = jurisdictions.get(middle).filter(|j| row.fits(j)) {
                            offer(
                                Rank::NamedPlace,
                                0,
                                form.row,
                                self.instance(row, j, Some(middle.to_owned())),
                            );
                        }
                    }
                    Placeholder::Prefix => {
                        if !DEPARTMENT_PREFIXES.contains(&middle) {
                            continue;
                        }
                        let found = ancestry
                            .iter()
                            .enumerate()
                            .find(|(_, j)| j.department_prefix() == Some(middle) && row.fits(j));
                        match found {
                            Some((d, j)) => offer(
                                Rank::Prefixed,
                                d,
                                form.row,
                                self.instance(row, j, Some(middle.to_owned())),
                            ),
                            None => offer(Rank::Unplaced, 0, form.row, self.unplaced(row, middle)),
                        }
                    }
                    Placeholder::Bare => {
                        if !middle.is_empty() {
                            continue;
                        }
                        match ancestry.iter().enumerate().find(|(_, j)| row.fits(j)) {
                            Some((d, j)) => {
                                offer(Rank::Bare, d, form.row, self.instance(row, j, None))
                            }
                            None => offer(Rank::Unplaced, 1, form.row, self.unplaced(row, "")),
                        }
                    }
                }
            }
        }

        if let Some((_, r)) = best {
            return r;
        }
        self.unknown(mention, scope, &ancestry, jurisdictions)
    }

    fn concrete(&self, row: &Row) -> Resolution {
        Resolution {
            canonical: row.name.clone(),
            known: true,
            collective: row.kind == AgencyKind::Collective,
            jurisdiction: row.jurisdiction.clone(),
            kind: row.kind,
            parent: row.parent.clone(),
            agency_like: true,
            prefix: None,
        }
    }

    fn instance(&self, row: &Row, j: &Jurisdiction, prefix: Option<String>) -> Resolution {
        Resolution {
            canonical: fill(&row.name, j),
            known: true,
            collective: row.kind == AgencyKind::Collective,
            jurisdiction: Some(j.name.clone()),
            kind: row.kind,
            parent: row.parent.as_deref().map(|p| fill(p, j)),
            agency_like: true,
            prefix,
        }
    }

    fn unplaced(&self, row: &Row, prefix: &str) -> Resolution {
        Resolution {
            canonical: fill_unscoped(&row.name, prefix),
            known: true,
            collective: row.kind == AgencyKind::Collective,
            jurisdiction: None,
            kind: row.kind,
            parent: row
                .parent
                .as_deref()
                .filter(|p| !p.contains('{'))
                .map(str::to_owned),
            agency_like: true,
            prefix: Some(prefix.to_owned()).filter(|p| !p.is_empty()),
        }
    }

    /// A name the gazetteer does not list: kept, scoped when it carries a prefix.
    fn unknown(
        &self,
        mention: &str,
        scope: Option<&Jurisdiction>,
        ancestry: &[&Jurisdiction],
        jurisdictions: &Jurisdictions,
    ) -> Resolution {
        let collective = self
            .vocabulary
            .markers(MarkerMeaning::Collective)
            .any(|m| mention.starts_with(m));
        let agency_like = collective || self.looks_like_agency(mention);
        let mut r = Resolution {
            canonical: mention.to_owned(),
            known: false,
            collective,
            jurisdiction: None,
            kind: if collective {
                AgencyKind::Collective
            } else {
                AgencyKind::Unknown
            },
            parent: None,
            agency_like,
            prefix: None,
        };
        if let Some((j, len)) = jurisdictions
            .prefix_of(mention)
            .filter(|(j, _)| j.level != Level::National)
        {
            r.jurisdiction = Some(j.name.clone());
            r.prefix = Some(mention.chars().take(len).collect());
        } else if let Some((p, j)) = DEPARTMENT_PREFIXES.iter().find_map(|p| {
            let rest = mention.strip_prefix(p)?;
            // 市场…, 区域…, 县级…: words, not a prefix.
            if rest.starts_with(['场', '域', '级']) {
                return None;
            }
            ancestry
                .iter()
                .find(|j| j.department_prefix() == Some(p))
                .map(|j| (*p, *j))
        }) {
            r.canonical = format!("{}{}", j.name, &mention[p.len()..]);
            r.jurisdiction = Some(j.name.clone());
            r.prefix = Some(p.to_owned());
        } else if collective {
            if let Some(s) = scope.filter(|s| s.level != Level::National) {
                r.canonical = format!("{}{mention}", s.name);
            }
            r.jurisdiction = scope.map(|s| s.name.clone());
        }
        r
    }

    /// Whether an unknown name is shaped like an agency's (ends with 厅, 局, 领导小组 …).
    pub fn looks_like_agency(&self, name: &str) -> bool {
        let name = name.trim_end_matches(['）', ')']);
        self.vocabulary
            .markers(MarkerMeaning::Agency)
            .any(|m| name.ends_with(m))
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

    /// Names holding 、 or ， that a list of agencies must keep whole (各区、县级市), longest first.
    pub fn unsplittable(&self) -> &[String] {
        &self.unsplittable
    }

    /// The entries to publish for a jurisdiction: its concrete bodies and the templates that fit
    /// it, instantiated, with every alias form (安徽省经信厅, 安徽经信厅, 省经信厅 …). `None`:
    /// every concrete body (central bodies, listed branches and regional bodies, collectives).
    pub fn entries_for(&self, scope: Option<&Jurisdiction>) -> Vec<AgencyEntry> {
        let mut out = Vec::new();
        for row in &self.rows {
            if row.is_template() {
                let Some(j) = scope.filter(|j| row.fits(j)) else {
                    continue;
                };
                let canonical = fill(&row.name, j);
                let mut aliases = Vec::new();
                let prefix = j.department_prefix().unwrap_or("");
                let places: Vec<&str> = std::iter::once(j.name.as_str())
                    .chain(j.short.iter().map(String::as_str))
                    .collect();
                for name in std::iter::once(&row.name).chain(&row.aliases) {
                    let (before, placeholder, after) = split_form(name);
                    match placeholder {
                        Some(Placeholder::Prefix) => {
                            aliases.push(format!("{before}{prefix}{after}"))
                        }
                        Some(_) => {
                            if before.is_empty() {
                                aliases.push(format!("{prefix}{after}"));
                            }
                            for p in &places {
                                aliases.push(format!("{before}{p}{after}"));
                            }
                        }
                        None => {
                            for p in std::iter::once(&prefix).chain(&places) {
                                aliases.push(format!("{p}{name}"));
                            }
                            if row.kind == AgencyKind::Collective {
                                aliases.push(name.clone());
                            }
                        }
                    }
                }
                aliases.retain(|a| *a != canonical);
                dedup_keep_order(&mut aliases);
                out.push(AgencyEntry {
                    canonical,
                    aliases,
                    jurisdiction: Some(j.name.clone()),
                    parent: row.parent.as_deref().map(|p| fill(p, j)),
                    kind: row.kind,
                });
            } else {
                if let Some(j) = scope {
                    if row.jurisdiction.as_deref() != Some(j.name.as_str()) {
                        continue;
                    }
                }
                let mut aliases = row.aliases.clone();
                aliases.retain(|a| *a != row.name);
                dedup_keep_order(&mut aliases);
                out.push(AgencyEntry {
                    canonical: row.name.clone(),
                    aliases,
                    jurisdiction: row.jurisdiction.clone(),
                    parent: row.parent.clone(),
                    kind: row.kind,
                });
            }
        }
        out
    }
}

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|a| seen.insert(a.clone()));
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// `h` is the document's jurisdiction, one of its ancestors, or a place inside it.
fn related(h: &Jurisdiction, ancestry: &[&Jurisdiction], jurisdictions: &Jurisdictions) -> bool {
    ancestry.iter().any(|a| a.name == h.name)
        || ancestry
            .first()
            .is_some_and(|s| jurisdictions.ancestry(h).any(|a| a.name == s.name))
}

/// Whether a name holds the name of a (non-national) jurisdiction: 人行合肥中心支行, 安徽省投资集团.
fn names_a_place(name: &str, jurisdictions: &Jurisdictions) -> bool {
    let starts: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
    starts.iter().any(|&s| {
        jurisdictions
            .prefix_of(&name[s..])
            .is_some_and(|(j, len)| j.level != Level::National && len >= 2)
    })
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

fn placeholders(s: &str) -> Result<usize, String> {
    let mut n = 0;
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        match ["{J}", "{S}", "{P}"].iter().find(|p| tail.starts_with(*p)) {
            Some(p) => {
                n += 1;
                rest = &tail[p.len()..];
            }
            None => {
                let shown: String = tail.chars().take(4).collect();
                return Err(format!(
                    "unknown placeholder at `{shown}` in `{s}` ({{J}}, {{S}} or {{P}})"
                ));
            }
        }
    }
    Ok(n)
}

fn parse_row(row: &tsv::Row, jurisdictions: &Jurisdictions) -> Result<Row, String> {
    let name = tsv::cell(row, 0);
    if name.is_empty() {
        return Err("empty name".into());
    }
    let kind = match tsv::cell(row, 2) {
        "central" => AgencyKind::Central,
        "local" => AgencyKind::Local,
        "branch" => AgencyKind::Branch,
        "collective" => AgencyKind::Collective,
        other => {
            return Err(format!(
                "unknown kind `{other}` (central, local, branch or collective)"
            ))
        }
    };
    if name.contains("{P}") {
        return Err(format!("`{name}`: a name takes {{J}} or {{S}}, not {{P}}"));
    }
    let in_name = placeholders(name)?;
    if in_name > 1 {
        return Err(format!("`{name}`: more than one placeholder"));
    }
    let template = in_name == 1;
    let mut tiers = Vec::new();
    for t in tsv::list(row, 3) {
        tiers.push(match t {
            "province" => Tier::Province,
            "municipality" => Tier::Municipality,
            "prefecture" => Tier::Prefecture,
            "county" => Tier::County,
            other => {
                return Err(format!(
                    "unknown level `{other}` (province, municipality, prefecture or county)"
                ))
            }
        });
    }
    let jurisdiction = Some(tsv::cell(row, 4))
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if template {
        if tiers.is_empty() {
            return Err(format!("template `{name}` needs a level"));
        }
        if jurisdiction.is_some() {
            return Err(format!(
                "template `{name}` takes levels, not a jurisdiction"
            ));
        }
    } else {
        if !tiers.is_empty() {
            return Err(format!(
                "`{name}` is not a template ({{J}} or {{S}} in its name): give a jurisdiction, not levels"
            ));
        }
        match &jurisdiction {
            None => return Err(format!("`{name}` needs a jurisdiction")),
            Some(j) if jurisdictions.get(j).is_none() => {
                return Err(format!(
                    "unknown jurisdiction `{j}` (not in jurisdictions.tsv)"
                ))
            }
            Some(_) => {}
        }
    }
    let aliases: Vec<String> = tsv::list(row, 1).map(str::to_owned).collect();
    for a in &aliases {
        let n = placeholders(a)?;
        if n > 1 {
            return Err(format!("alias `{a}`: more than one placeholder"));
        }
        if n == 1 && !template {
            return Err(format!(
                "alias `{a}`: placeholders belong to templates only"
            ));
        }
    }
    let parent = Some(tsv::cell(row, 5))
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if let Some(p) = &parent {
        if placeholders(p)? > 0 && !template {
            return Err(format!(
                "parent `{p}`: placeholders belong to templates only"
            ));
        }
    }
    Ok(Row {
        name: name.to_owned(),
        aliases,
        kind,
        tiers,
        jurisdiction,
        parent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_load() {
        let j = Jurisdictions::bundled();
        Gazetteer::load_bundled(&j).unwrap();
    }
}
