//! Loading: the bundled agency files and a user's additions parsed into rows (with their
//! errors by file and line), then indexed by comparison key for [`Gazetteer::resolve`].

use std::path::{Path, PathBuf};

use super::{dedup_keep_order, split_form, AgencyKind, Form, Gazetteer, Placeholder, Row, Tier};
use crate::jurisdiction::Level;
use crate::{tsv, Jurisdictions, OntologyError};

const AGENCY_COLUMNS: &[&str] = &["name", "aliases", "kind", "level", "jurisdiction", "parent"];

const BUNDLED_AGENCIES: &[(&str, &str)] = &[
    (
        "ontology/agencies/central.tsv",
        include_str!("../../../../ontology/agencies/central.tsv"),
    ),
    (
        "ontology/agencies/local-templates.tsv",
        include_str!("../../../../ontology/agencies/local-templates.tsv"),
    ),
    (
        "ontology/agencies/branches.tsv",
        include_str!("../../../../ontology/agencies/branches.tsv"),
    ),
    (
        "ontology/agencies/anhui.tsv",
        include_str!("../../../../ontology/agencies/anhui.tsv"),
    ),
    (
        "ontology/agencies/collectives.tsv",
        include_str!("../../../../ontology/agencies/collectives.tsv"),
    ),
];
const BUNDLED_GROUPS: (&str, &str) = (
    "ontology/agencies/exclusive-templates.tsv",
    include_str!("../../../../ontology/agencies/exclusive-templates.tsv"),
);
const BUNDLED_FACTS: (&str, &str) = (
    "ontology/agencies/jurisdiction-templates.tsv",
    include_str!("../../../../ontology/agencies/jurisdiction-templates.tsv"),
);
const BUNDLED_ABBREVIATIONS: (&str, &str) = (
    "ontology/abbreviations.tsv",
    include_str!("../../../../ontology/abbreviations.tsv"),
);
const BUNDLED_ROLES: (&str, &str) = (
    "ontology/agencies/roles.tsv",
    include_str!("../../../../ontology/agencies/roles.tsv"),
);
const BUNDLED_MARKERS: (&str, &str) = (
    "ontology/agencies/markers.tsv",
    include_str!("../../../../ontology/agencies/markers.tsv"),
);

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
        g.facts
            .extend_groups(BUNDLED_GROUPS.1, BUNDLED_GROUPS.0, &g.rows)?;
        g.facts
            .extend_jurisdictions(BUNDLED_FACTS.1, BUNDLED_FACTS.0, jurisdictions)?;
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
        // Template facts name templates and groups, so they are read after every agency file.
        let mut groups = Vec::new();
        let mut facts = Vec::new();
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
                    if n.starts_with("exclusive-templates") {
                        groups.push((text, label));
                    } else if n.starts_with("jurisdiction-templates") {
                        facts.push((text, label));
                    } else if n.starts_with("roles") {
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
        for (text, label) in &groups {
            self.facts.extend_groups(text, label, &self.rows)?;
        }
        for (text, label) in &facts {
            self.facts
                .extend_jurisdictions(text, label, jurisdictions)?;
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
        // Every name and alias, one a line: a shared-head list's last piece "价格和商务部门" is
        // two bodies unless a body's name holds its words (工业和信息化).
        let mut all_names = String::new();
        for row in &self.rows {
            for name in std::iter::once(&row.name).chain(&row.aliases) {
                all_names.push_str(name);
                all_names.push('\n');
            }
        }
        self.all_names = all_names;
        dedup_keep_order(&mut unsplittable);
        unsplittable.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        self.unsplittable = unsplittable;
        let names = self
            .rows
            .iter()
            .flat_map(|row| std::iter::once(&row.name).chain(&row.aliases))
            .map(|n| match split_form(n) {
                (before, None, _) => before,
                (_, Some(_), after) => after,
            })
            .chain(self.literal.keys().map(String::as_str))
            .chain(self.forms.keys().map(String::as_str))
            .chain(self.vocabulary.markers.iter().map(|(m, _, _)| m.as_str()));
        // A form ending with its placeholder ends with any place: nothing can be ruled out.
        let mut ends = rustc_hash::FxHashSet::default();
        for n in names {
            match n.chars().last() {
                Some(c) => {
                    ends.insert(c);
                }
                None => {
                    ends.clear();
                    break;
                }
            }
        }
        // A mention ending with a rule's `from` has a key ending otherwise: those ends too (not
        // needed when any name can end; an empty `from` is refused when the rules are read).
        let mut known_ends = ends.clone();
        if !known_ends.is_empty() {
            known_ends.extend(self.rules.rewritten_ends());
        }
        self.known_ends = known_ends;
        self.name_ends = ends;
        let declarations: Vec<&str> = self
            .role_phrases(crate::RoleForm::Declaration)
            .map(|p| p.phrase.as_str())
            .collect();
        self.declaration_core = common_words(&declarations)
            .map(|core| memchr::memmem::Finder::new(core.as_bytes()).into_owned());
    }
}

/// The longest text that every one of `phrases` holds (the first of the longest, taken from
/// the first phrase); `None` when they share no character or there are none.
fn common_words<'a>(phrases: &[&'a str]) -> Option<&'a str> {
    let (first, rest) = phrases.split_first()?;
    let bounds: Vec<usize> = first
        .char_indices()
        .map(|(i, _)| i)
        .chain([first.len()])
        .collect();
    let mut best: Option<&str> = None;
    for (a, &start) in bounds.iter().enumerate() {
        for &end in bounds[a + 1..].iter().rev() {
            let words = &first[start..end];
            if best.is_some_and(|b| b.len() >= words.len()) {
                break;
            }
            if rest.iter().all(|p| p.contains(words)) {
                best = Some(words);
                break;
            }
        }
    }
    best
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
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
    fn common_words_of_phrases() {
        let phrases = [
            "列第一位者为牵头单位",
            "排在首位的为牵头部门",
            "第一位为牵头单位",
        ];
        assert_eq!(common_words(&phrases), Some("为牵头"));
        assert_eq!(common_words(&["排名第一", "列首位"]), None);
        assert_eq!(common_words(&["牵头"]), Some("牵头"));
        assert_eq!(common_words(&[]), None);
    }

    #[test]
    fn bundled_files_load() {
        let j = Jurisdictions::bundled();
        Gazetteer::load_bundled(&j).unwrap();
    }
}
