//! Publishing: every alias form of the bodies of a jurisdiction, templates instantiated, for
//! the graph's agency entries.

use super::{dedup_keep_order, fill, split_form, AgencyEntry, AgencyKind, Gazetteer, Placeholder};
use crate::Jurisdiction;

impl Gazetteer {
    /// The entries to publish for a jurisdiction: its concrete bodies and the templates that fit
    /// it, instantiated, with every alias form (安徽省经信厅, 安徽经信厅, 省经信厅 …). `None`:
    /// every concrete body (central bodies, listed branches and regional bodies, collectives).
    pub fn entries_for(&self, scope: Option<&Jurisdiction>) -> Vec<AgencyEntry> {
        let mut out = Vec::new();
        for row in &self.rows {
            if row.is_template() {
                let Some(j) = scope.filter(|j| self.takes(row, j)) else {
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
