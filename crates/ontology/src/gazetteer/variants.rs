//! Which templates a jurisdiction takes, as facts with their source: the jurisdictions that
//! take no mainland template at all (台湾省, 香港, 澳门), and, for templates that are alternatives
//! (a province has an 经济和信息化厅 or an 工业和信息化厅, not both), which one each has. A
//! template is instantiated only where these facts allow it, so the gazetteer invents no body;
//! where the facts are unknown both alternatives stay.
//!
//! Files: `ontology/agencies/exclusive-templates.tsv` (`group templates note`: each row a set of
//! alternatives) and `ontology/agencies/jurisdiction-templates.tsv` (`jurisdiction group has
//! source`: `has` lists the templates of the group the jurisdiction has, empty for none of
//! them, or `unknown`; group `*` with an empty `has` says it takes no template).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::Row;
use crate::{tsv, Jurisdiction, Jurisdictions, OntologyError};

const GROUP_COLUMNS: &[&str] = &["group", "templates", "note"];
const FACT_COLUMNS: &[&str] = &["jurisdiction", "group", "has", "source"];
/// The group cell of a jurisdiction that takes no template.
const ALL: &str = "*";
/// The `has` cell of a jurisdiction whose alternative is not known: all of them stay.
const UNKNOWN: &str = "unknown";

#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    /// Group → its alternative templates.
    groups: HashMap<String, Vec<String>>,
    /// Template → its group.
    group_of: HashMap<String, String>,
    /// Jurisdiction → group → the templates it has (`None`: unknown).
    decided: HashMap<String, HashMap<String, Option<Vec<String>>>>,
    /// Jurisdictions that take no template.
    closed: HashSet<String>,
}

impl Facts {
    /// `j` takes no template (台湾省, 香港特别行政区, 澳门特别行政区).
    pub(super) fn closed(&self, j: &Jurisdiction) -> bool {
        self.closed.contains(&j.name)
    }

    /// The facts do not rule template `name` out for `j`.
    pub(super) fn allows(&self, name: &str, j: &Jurisdiction) -> bool {
        if self.closed(j) {
            return false;
        }
        let Some(group) = self.group_of.get(name) else {
            return true;
        };
        match self.decided.get(&j.name).and_then(|d| d.get(group)) {
            Some(Some(has)) => has.iter().any(|h| h == name),
            Some(None) | None => true,
        }
    }

    /// Add the groups of an `exclusive-templates` file; every template must be a template row.
    pub(super) fn extend_groups(
        &mut self,
        text: &str,
        file: &str,
        rows: &[Row],
    ) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, GROUP_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let group = tsv::cell(&row, 0);
            if group.is_empty() || group == ALL {
                return Err(err(format!("group name `{group}` (empty or {ALL})")));
            }
            let templates: Vec<String> = tsv::list(&row, 1).map(str::to_owned).collect();
            if templates.len() < 2 {
                return Err(err(format!("group `{group}` needs two templates or more")));
            }
            for t in &templates {
                if !rows.iter().any(|r| r.is_template() && r.name == *t) {
                    return Err(err(format!("`{t}` is not a template of the agency files")));
                }
                if let Some(other) = self.group_of.get(t).filter(|g| *g != group) {
                    return Err(err(format!("`{t}` is already in group `{other}`")));
                }
            }
            if let Some(old) = self.groups.get(group) {
                for t in old {
                    self.group_of.remove(t);
                }
            }
            for t in &templates {
                self.group_of.insert(t.clone(), group.to_owned());
            }
            self.groups.insert(group.to_owned(), templates);
        }
        Ok(())
    }

    /// Add the facts of a `jurisdiction-templates` file (a later row for the same jurisdiction
    /// and group replaces the earlier one).
    pub(super) fn extend_jurisdictions(
        &mut self,
        text: &str,
        file: &str,
        jurisdictions: &Jurisdictions,
    ) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, FACT_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let name = tsv::cell(&row, 0);
            let Some(j) = jurisdictions.get(name) else {
                return Err(err(format!(
                    "unknown jurisdiction `{name}` (not in jurisdictions.tsv)"
                )));
            };
            if j.name != name {
                return Err(err(format!("`{name}`: give the full name `{}`", j.name)));
            }
            if tsv::cell(&row, 3).is_empty() {
                return Err(err(format!(
                    "`{name}`: every fact needs its source (a document, or what it was taken from)"
                )));
            }
            let group = tsv::cell(&row, 1);
            let has: Vec<&str> = tsv::list(&row, 2).collect();
            if group == ALL {
                if !has.is_empty() {
                    return Err(err(format!(
                        "group {ALL} takes an empty `has`: the jurisdiction takes no template"
                    )));
                }
                self.closed.insert(name.to_owned());
                continue;
            }
            let Some(templates) = self.groups.get(group) else {
                return Err(err(format!(
                    "unknown group `{group}` (not in exclusive-templates.tsv)"
                )));
            };
            let decision = if has == [UNKNOWN] {
                None
            } else {
                for h in &has {
                    if !templates.iter().any(|t| t == h) {
                        return Err(err(format!(
                            "`{h}` is not a template of group `{group}` ({})",
                            templates.join(", ")
                        )));
                    }
                }
                Some(has.iter().map(|h| (*h).to_owned()).collect())
            };
            self.decided
                .entry(name.to_owned())
                .or_default()
                .insert(group.to_owned(), decision);
        }
        Ok(())
    }
}
