//! Resolution: what a mention means in a document's jurisdiction, in the order of preference
//! the gazetteer's module documentation gives; unknown names kept, scoped by their prefix.

use super::{fill, AgencyKind, Gazetteer, MarkerMeaning, Placeholder, Resolution, Row};
use crate::jurisdiction::Level;
use crate::{Jurisdiction, Jurisdictions};

/// Replace `{J}` / `{S}` by a department prefix (or nothing): the template's name when the
/// jurisdiction is unknown ("省财政厅").
fn fill_unscoped(pattern: &str, prefix: &str) -> String {
    pattern.replace("{J}", prefix).replace("{S}", prefix)
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

/// The best candidate so far: lowest rank, then nearest jurisdiction, then first row.
#[derive(Default)]
struct Best(Option<((Rank, usize, usize), Resolution)>);

impl Best {
    fn offer(&mut self, rank: Rank, distance: usize, row: usize, r: Resolution) {
        let order = (rank, distance, row);
        if self.0.as_ref().is_none_or(|(o, _)| order < *o) {
            self.0 = Some((order, r));
        }
    }
}

impl Gazetteer {
    /// What `mention` means in a document of jurisdiction `scope` (None: unknown).
    pub fn resolve(
        &self,
        mention: &str,
        scope: Option<&Jurisdiction>,
        jurisdictions: &Jurisdictions,
    ) -> Resolution {
        let mention = mention.trim();
        if let Some(r) = self.members(mention, scope, jurisdictions) {
            return r;
        }
        let key = self.rules.key(mention);
        let ancestry: Vec<&Jurisdiction> = scope
            .map(|s| jurisdictions.ancestry(s).collect())
            .unwrap_or_default();
        let mut best = Best::default();
        self.offer_literals(&key, &ancestry, jurisdictions, &mut best);
        self.offer_forms(&key, &ancestry, jurisdictions, &mut best);
        match best.0 {
            Some((_, r)) => r,
            None => self.unknown(mention, scope, &ancestry, jurisdictions),
        }
    }

    /// "X成员单位": the members of X, a collective under X.
    fn members(
        &self,
        mention: &str,
        scope: Option<&Jurisdiction>,
        jurisdictions: &Jurisdictions,
    ) -> Option<Resolution> {
        let marker = self
            .vocabulary
            .markers(MarkerMeaning::Members)
            .find(|m| mention.len() > m.len() && mention.ends_with(m))?;
        let body = self.resolve(
            &mention[..mention.len() - marker.len()],
            scope,
            jurisdictions,
        );
        Some(Resolution {
            canonical: format!("{}{marker}", body.canonical),
            known: body.known,
            collective: true,
            jurisdiction: body.jurisdiction,
            kind: AgencyKind::Collective,
            parent: Some(body.canonical),
            agency_like: true,
            prefix: body.prefix,
        })
    }

    /// Offer the listed bodies whose name or alias has comparison key `key`: central ones, and
    /// regional ones when they name their place or belong to the document's region.
    fn offer_literals(
        &self,
        key: &str,
        ancestry: &[&Jurisdiction],
        jurisdictions: &Jurisdictions,
        best: &mut Best,
    ) {
        if let Some(rows) = self.literal.get(key) {
            for &(i, names_place) in rows {
                let row = &self.rows[i];
                let home = row
                    .jurisdiction
                    .as_deref()
                    .and_then(|n| jurisdictions.get(n));
                let national = home.is_none_or(|h| h.level == Level::National);
                // A listed body named with its place ("人行合肥中心支行") is a fact of the
                // data: it goes before a template's instance for the same place (distance 1).
                let rank = if national {
                    Rank::Central
                } else if names_place {
                    Rank::NamedPlace
                } else if home.is_some_and(|h| related(h, ancestry, jurisdictions)) {
                    Rank::RegionalBody
                } else {
                    continue;
                };
                best.offer(rank, 0, i, self.concrete(row));
            }
        }
    }

    /// Offer the template forms that end `key`: a named place, a department prefix or a bare
    /// stem before them.
    fn offer_forms(
        &self,
        key: &str,
        ancestry: &[&Jurisdiction],
        jurisdictions: &Jurisdictions,
        best: &mut Best,
    ) {
        let prefixes = jurisdictions.department_prefixes();
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
                        // A place named in the mention is the document's word for the body:
                        // the variant facts do not overrule it.
                        // The document's own place may be one the data does not list (a
                        // county read from the issuer: "中国人民银行歙县支行" in 歙县's notice).
                        if let Some(j) = jurisdictions
                            .get(middle)
                            .or_else(|| ancestry.iter().copied().find(|j| j.name == middle))
                            .filter(|j| row.fits(j) && !self.facts.closed(j))
                        {
                            best.offer(
                                Rank::NamedPlace,
                                1,
                                form.row,
                                self.instance(row, j, Some(middle.to_owned())),
                            );
                        }
                    }
                    Placeholder::Prefix => {
                        if !prefixes.iter().any(|p| p == middle) {
                            continue;
                        }
                        let found = ancestry
                            .iter()
                            .enumerate()
                            .find(|(_, j)| j.has_department_prefix(middle) && self.takes(row, j));
                        match found {
                            Some((d, j)) => best.offer(
                                Rank::Prefixed,
                                d,
                                form.row,
                                self.instance(row, j, Some(middle.to_owned())),
                            ),
                            // No place of the document carries the prefix: the template of
                            // the prefix's level ("县人民银行" is a county's office, not a city's).
                            None => best.offer(
                                Rank::Unplaced,
                                usize::from(
                                    !jurisdictions
                                        .prefix_levels(middle)
                                        .any(|l| row.fits_level(l)),
                                ),
                                form.row,
                                self.unplaced(row, middle),
                            ),
                        }
                    }
                    Placeholder::Bare => {
                        if !middle.is_empty() {
                            continue;
                        }
                        match ancestry
                            .iter()
                            .enumerate()
                            .find(|(_, j)| self.takes(row, j))
                        {
                            Some((d, j)) => {
                                best.offer(Rank::Bare, d, form.row, self.instance(row, j, None))
                            }
                            None => best.offer(Rank::Unplaced, 1, form.row, self.unplaced(row, "")),
                        }
                    }
                }
            }
        }
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
        } else if let Some((p, j)) = jurisdictions
            .department_prefixes()
            .iter()
            .map(String::as_str)
            .find_map(|p| {
                let rest = mention.strip_prefix(p)?;
                // 市场…, 区域…, 县级…: words, not a prefix.
                if rest.starts_with(['场', '域', '级']) {
                    return None;
                }
                ancestry
                    .iter()
                    .find(|j| j.has_department_prefix(p))
                    .map(|j| (p, *j))
            })
        {
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
}
/// `h` is the document's jurisdiction, one of its ancestors, or a place inside it.
fn related(h: &Jurisdiction, ancestry: &[&Jurisdiction], jurisdictions: &Jurisdictions) -> bool {
    ancestry.iter().any(|a| a.name == h.name)
        || ancestry
            .first()
            .is_some_and(|s| jurisdictions.ancestry(h).any(|a| a.name == s.name))
}
