//! Versions of one policy: the expressions that are `eli:is_member_of` one work (same title in
//! the same jurisdiction, or same 文号 where the title is unknown: a revision has a 文号 of its
//! own), ordered into `prov:wasRevisionOf` links, and the way
//! back from a version's id to a file holding its text (for `policykg diff ID ID`).
//!
//! Order, where the text says it: a draft (`pkg:status` 征求意见稿 / 送审稿 / 草案) precedes the
//! final text; otherwise the earlier `eli:date_document` precedes; between texts without two
//! distinct dates, the one that enters into force earlier (`eli:first_date_entry_in_force`,
//! "本规定自2007年12月1日起施行") precedes. Equal entry-into-force dates say nothing: an amended
//! regulation keeps its first 施行 clause. Versions the text does not order (two undated finals,
//! two drafts of one date) are left unlinked rather than guessed.
//!
//! Which version answers by default: every version gets a `pkg:versionStatus` (in force, draft,
//! superseded) and the views it belongs to (`pkg:inView` pkg:InForce / pkg:WithDrafts /
//! pkg:AllVersions), so that counts and lists, in the CLI and in SPARQL, take one triple pattern
//! to keep to the text in force. A final version is in force unless a later final revises it;
//! finals the texts do not order are all in force (nothing is guessed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use oxigraph::model::{GraphNameRef, NamedNode, Quad};

use crate::iri::SharedGraph;
use crate::query::{self, text};
use crate::vocab::{pkg, prov, sparql_prefixes};
use crate::{GraphError, GraphStore};

/// The words of `ontology/documents/work_names.tsv`, by role.
struct WorkNameWords {
    issuing_verbs: Vec<&'static str>,
    edition_markers: Vec<&'static str>,
}

fn work_name_words() -> &'static WorkNameWords {
    static WORDS: OnceLock<WorkNameWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        const FILE: &str = "ontology/documents/work_names.tsv";
        let src = include_str!("../../../ontology/documents/work_names.tsv");
        // The file is compiled in and checked by the tests below, so a defect is a build error
        // in all but name.
        let rows = policykg_text::lines::rows(src, FILE, &["word", "role"])
            .unwrap_or_else(|e| panic!("{e}"));
        let mut words = WorkNameWords {
            issuing_verbs: Vec::new(),
            edition_markers: Vec::new(),
        };
        for row in rows {
            match row.cell(1) {
                "issuing_verb" => words.issuing_verbs.push(row.cell(0)),
                "edition_marker" => words.edition_markers.push(row.cell(0)),
                other => panic!("{FILE}:{}: unknown role `{other}`", row.line),
            }
        }
        words
    })
}

/// The name of the policy a version of this title belongs to: the document a notice issues
/// ("…关于印发《X（修订）》的通知" → X), without a closing parenthesis naming an edition
/// (修订, 2018年修订, 修正). Any other title is its own name. The issuer before 关于 is left out by
/// taking the name inside 《》; titles without 《》 keep theirs, since two bodies' notices of one
/// title are two policies.
pub fn work_name(title: &str) -> &str {
    let words = work_name_words();
    let title = title.trim();
    let mut name = title;
    if let (Some(open), Some(close)) = (title.find('《'), title.rfind('》')) {
        let before = title[..open].trim_end();
        if open < close && words.issuing_verbs.iter().any(|v| before.ends_with(v)) {
            name = title[open + '《'.len_utf8()..close].trim();
        }
    }
    // One edition parenthesis at the end: "X（修订）", "X(2018年修正)".
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = name.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let marker = &inner[at + open.len_utf8()..];
                if at > 0 && words.edition_markers.iter().any(|m| marker.contains(m)) {
                    name = inner[..at].trim_end();
                    break;
                }
            }
        }
    }
    if name.is_empty() {
        title
    } else {
        name
    }
}

/// One version as the ordering sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub expression: String,
    pub draft: bool,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// YYYY-MM-DD: when the text says it takes effect.
    pub in_force: Option<String>,
}

/// What a version is to the answers given by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionStatus {
    /// The latest final text of its policy (or one the texts do not order against another).
    InForce,
    /// 征求意见稿, 送审稿, 草案.
    Draft,
    /// A final text that a later final text revises.
    Superseded,
}

impl VersionStatus {
    fn status_term(self) -> oxigraph::model::NamedNodeRef<'static> {
        match self {
            VersionStatus::InForce => pkg::STATUS_IN_FORCE,
            VersionStatus::Draft => pkg::STATUS_DRAFT,
            VersionStatus::Superseded => pkg::STATUS_SUPERSEDED,
        }
    }
    /// The views the version belongs to: an in-force text is in all three.
    fn views(self) -> &'static [oxigraph::model::NamedNodeRef<'static>] {
        match self {
            VersionStatus::InForce => &[pkg::IN_FORCE, pkg::WITH_DRAFTS, pkg::ALL_VERSIONS],
            VersionStatus::Draft => &[pkg::WITH_DRAFTS, pkg::ALL_VERSIONS],
            VersionStatus::Superseded => &[pkg::ALL_VERSIONS],
        }
    }
}

/// The status of every version of one policy, given its revision links.
pub fn statuses(versions: &[Version], links: &[(String, String)]) -> Vec<(String, VersionStatus)> {
    let is_final = |e: &str| versions.iter().any(|v| v.expression == e && !v.draft);
    versions
        .iter()
        .map(|v| {
            let status = if v.draft {
                VersionStatus::Draft
            } else if links
                .iter()
                .any(|(newer, older)| *older == v.expression && is_final(newer))
            {
                VersionStatus::Superseded
            } else {
                VersionStatus::InForce
            };
            (v.expression.clone(), status)
        })
        .collect()
}

/// `Some(true)` when `a` precedes `b`, `Some(false)` when `b` precedes `a`, `None` when the
/// texts do not say.
fn precedes(a: &Version, b: &Version) -> Option<bool> {
    if a.draft != b.draft {
        return Some(a.draft);
    }
    if let (Some(x), Some(y)) = (&a.date, &b.date) {
        if x != y {
            return Some(x < y);
        }
    }
    // A text in force from a later day revises one in force from an earlier day; a consolidated
    // edition that kept the first 施行 clause has the same day and is ordered by its date alone.
    match (&a.in_force, &b.in_force) {
        (Some(x), Some(y)) if x != y => Some(x < y),
        _ => None,
    }
}

/// `(newer, older)` pairs: each version revises the nearest version that precedes it.
pub fn revision_links(versions: &[Version]) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for v in versions {
        // The nearest predecessor: one that precedes `v` and that every other predecessor
        // precedes (or cannot be told apart from; then no link).
        let before: Vec<&Version> = versions
            .iter()
            .filter(|w| w.expression != v.expression && precedes(w, v) == Some(true))
            .collect();
        let nearest: Vec<&&Version> = before
            .iter()
            .filter(|w| {
                before
                    .iter()
                    .all(|o| o.expression == w.expression || precedes(o, w) == Some(true))
            })
            .collect();
        if let [only] = nearest.as_slice() {
            links.push((v.expression.clone(), only.expression.clone()));
        }
    }
    links.sort();
    links
}

/// Recomputes the `prov:wasRevisionOf` links of every policy with more than one version, and
/// every version's status and views, and replaces the versions graph with them, in one
/// transaction. Returns the number of links.
pub fn link_revisions(gs: &GraphStore) -> Result<usize, GraphError> {
    let (graph, quads, link_count) = versions_graph(gs, &BTreeSet::new())?;
    let mut tx = gs
        .store()
        .start_transaction()
        .map_err(gs.err("start a transaction"))?;
    tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))
        .map_err(gs.err("clear the versions graph"))?;
    tx.insert_named_graph(&graph);
    for q in &quads {
        tx.insert(q);
    }
    tx.commit().map_err(gs.err("write the versions graph"))?;
    Ok(link_count)
}

/// The versions graph (its name, its quads, the number of links) of the store's versions but
/// those in `without` (expression IRIs): what it becomes once they are removed
/// ([`crate::remove`] writes it in the removal's own transaction).
pub(crate) fn versions_graph(
    gs: &GraphStore,
    without: &BTreeSet<String>,
) -> Result<(NamedNode, Vec<Quad>, usize), GraphError> {
    let sparql = format!(
        "{}SELECT ?work ?e ?status ?date ?inForce WHERE {{
           ?e a eli:LegalExpression .
           OPTIONAL {{ ?e eli:is_member_of ?work }}
           OPTIONAL {{ ?e pkg:status ?status }}
           OPTIONAL {{ ?e eli:date_document ?date }}
           OPTIONAL {{ ?e eli:first_date_entry_in_force ?inForce }}
         }}",
        sparql_prefixes()
    );
    let (_, rows) = query::select(gs.store(), &sparql, "the versions query")?;
    let mut works: BTreeMap<String, Vec<Version>> = BTreeMap::new();
    for row in &rows {
        let Some(e) = text(&row[1]).filter(|e| !without.contains(e)) else {
            continue;
        };
        // A version the mapping could not assign to a policy (no 文号, no title) is a policy
        // of its own.
        let work = text(&row[0]).unwrap_or_else(|| e.clone());
        works.entry(work).or_default().push(Version {
            expression: e,
            draft: row[2].is_some(),
            date: text(&row[3]),
            in_force: text(&row[4]),
        });
    }
    let graph = gs.iris().graph(SharedGraph::Versions);
    let mut quads: Vec<Quad> = Vec::new();
    let mut link_count = 0;
    for versions in works.values() {
        let links = if versions.len() > 1 {
            revision_links(versions)
        } else {
            Vec::new()
        };
        for (e, status) in statuses(versions, &links) {
            let e = NamedNode::new_unchecked(e);
            quads.push(Quad::new(
                e.clone(),
                pkg::VERSION_STATUS,
                status.status_term(),
                graph.clone(),
            ));
            for view in status.views() {
                quads.push(Quad::new(e.clone(), pkg::IN_VIEW, *view, graph.clone()));
            }
        }
        link_count += links.len();
        quads.extend(links.into_iter().map(|(newer, older)| {
            Quad::new(
                NamedNode::new_unchecked(newer),
                prov::WAS_REVISION_OF,
                NamedNode::new_unchecked(older),
                graph.clone(),
            )
        }));
    }
    Ok((graph, quads, link_count))
}

/// The expression IRI an id names: the IRI itself, `id:expr/KEY` or the bare KEY that
/// `policykg query` tables show.
pub fn expression_iri(gs: &GraphStore, id: &str) -> String {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    if id.contains("://") {
        id.to_owned()
    } else {
        let key = id.trim_start_matches("id:").trim_start_matches("expr/");
        gs.iris().expression(key).as_str().to_owned()
    }
}

/// A file holding the text of version `id`, as ingested: the first of its source files that
/// still exists with the content hash recorded at ingest. The error names the id and, when
/// files were found but changed or gone, each of them.
pub fn source_file(gs: &GraphStore, id: &str) -> Result<PathBuf, GraphError> {
    let iri = expression_iri(gs, id);
    let bad = |reason: String| GraphError::Input {
        path: id.to_owned(),
        reason,
    };
    if NamedNode::new(&iri).is_err() {
        return Err(bad("not a file, and not a version id of the store".into()));
    }
    match source_file_of(gs.store(), &iri)? {
        Ok(path) => Ok(path),
        Err(None) => Err(bad(format!(
            "not a file, and the store at {} has no version <{iri}> (list versions with `policykg query @scripts/queries/versions-of-policies.rq`)",
            gs.path().display()
        ))),
        Err(Some(problems)) => Err(bad(problems)),
    }
}

/// [`source_file`] of the version `iri` (an expression IRI) in `store`: the file, or `None`
/// when the store has no such version, or why none of its files is readable as ingested.
pub fn source_file_of(
    store: &oxigraph::store::Store,
    iri: &str,
) -> Result<Result<PathBuf, Option<String>>, GraphError> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(Err(None));
    };
    let sparql = format!(
        "{}SELECT ?path ?hash ?root WHERE {{ ?s pkg:expresses {node} ; pkg:path ?path ; pkg:contentHash ?hash OPTIONAL {{ ?s pkg:root ?root }} }} ORDER BY ?path",
        sparql_prefixes()
    );
    let (_, rows) = query::select(store, &sparql, "the source query")?;
    if rows.is_empty() {
        return Ok(Err(None));
    }
    let mut problems = Vec::new();
    for row in &rows {
        let (Some(path), Some(hash)) = (text(&row[0]), text(&row[1])) else {
            continue;
        };
        // The path is relative to the root the file was last seen under (records from before
        // mapping version 7 hold the absolute path and no root).
        let file = match text(&row[2]) {
            Some(root) => Path::new(&root).join(&path),
            None => PathBuf::from(&path),
        };
        let shown = file.display();
        match std::fs::read(&file) {
            Ok(bytes) if crate::iri::sha256_hex(&bytes) == hash => return Ok(Ok(file)),
            Ok(_) => problems.push(format!("{shown} changed since it was ingested")),
            Err(e) => problems.push(format!("{shown}: {e}")),
        }
    }
    Ok(Err(Some(format!(
        "no source file of this version is readable as ingested: {}",
        problems.join("; ")
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(e: &str, draft: bool, date: Option<&str>) -> Version {
        Version {
            expression: e.into(),
            draft,
            date: date.map(Into::into),
            in_force: None,
        }
    }

    fn in_force(mut v: Version, day: &str) -> Version {
        v.in_force = Some(day.into());
        v
    }

    #[test]
    fn drafts_precede_finals_and_dates_order_the_rest() {
        // Seed 001: the 征求意见稿 (undated) and the final text.
        assert_eq!(
            revision_links(&[
                v("final", false, Some("2022-02-17")),
                v("draft", true, None)
            ]),
            [("final".into(), "draft".into())]
        );
        // Shanghai 2020 → 2024, with a 2021 amendment in between: a chain, not a fan.
        assert_eq!(
            revision_links(&[
                v("2024", false, Some("2024-09-27")),
                v("2020", false, Some("2020-04-10")),
                v("2021", false, Some("2021-10-28")),
            ]),
            [
                ("2021".into(), "2020".into()),
                ("2024".into(), "2021".into())
            ]
        );
    }

    #[test]
    fn entry_into_force_orders_what_the_dates_do_not() {
        // corpus/versions/022a states no date, only 第十五条 本规定自2007年12月1日起施行; 022b
        // is dated 2024-11-28 and in force from 2025-01-01.
        assert_eq!(
            revision_links(&[
                in_force(v("2024", false, Some("2024-11-28")), "2025-01-01"),
                in_force(v("2007", false, None), "2007-12-01"),
            ]),
            [("2024".into(), "2007".into())]
        );
        // An amended regulation keeps its first 施行 clause (corpus/extra/06a and 06b both say
        // 2020-04-10): the dates order them, and without dates the same day says nothing.
        assert_eq!(
            revision_links(&[
                in_force(v("2024", false, Some("2024-09-27")), "2020-04-10"),
                in_force(v("2020", false, Some("2020-04-10")), "2020-04-10"),
            ]),
            [("2024".into(), "2020".into())]
        );
        assert!(revision_links(&[
            in_force(v("a", false, None), "2020-04-10"),
            in_force(v("b", false, None), "2020-04-10"),
        ])
        .is_empty());
        // Distinct dates win over the entry-into-force days.
        assert_eq!(
            revision_links(&[
                in_force(v("later", false, Some("2021-01-01")), "2020-01-01"),
                in_force(v("earlier", false, Some("2019-01-01")), "2022-01-01"),
            ]),
            [("later".into(), "earlier".into())]
        );
    }

    #[test]
    fn the_work_is_the_document_a_notice_issues_whatever_its_edition() {
        // corpus/versions/031a and 031b: the 2015 notice and the 2018 one issuing the revised
        // measure, with and without the issuer before 关于.
        let old = "关于印发《平潭综合实验区个人住房国有划拨建设用地使用权转让实施办法》的通知";
        let new = "平潭综合实验区管委会办公室关于印发《平潭综合实验区个人住房国有划拨建设用地使用权转让实施办法（修订）》的通知";
        assert_eq!(
            work_name(old),
            "平潭综合实验区个人住房国有划拨建设用地使用权转让实施办法"
        );
        assert_eq!(work_name(old), work_name(new));
        assert_eq!(work_name("某某条例（2018年修正）"), "某某条例");
        // A regulation's title is its own name (corpus/versions/022a, 022b).
        assert_eq!(
            work_name("上海市促进农业科技进步若干规定"),
            "上海市促进农业科技进步若干规定"
        );
        // Not editions: a forwarding notice is its own act (corpus/extra/02's kind), 试行 is a
        // status of the same name, and a title without 《》 keeps its issuer.
        let forwarded = "四川省人民政府办公厅关于转发《国务院办公厅关于开展督查自查的通知》的通知";
        assert_eq!(work_name(forwarded), forwarded);
        assert_eq!(
            work_name("关于印发《某办法（试行）》的通知"),
            "某办法（试行）"
        );
        assert_eq!(
            work_name("安徽省人民政府关于推进中小企业发展的意见"),
            "安徽省人民政府关于推进中小企业发展的意见"
        );
        // Nothing inside 《》, or only a marker: the title stays.
        assert_eq!(work_name("关于印发《》的通知"), "关于印发《》的通知");
        assert_eq!(work_name("（修订）"), "（修订）");
    }

    #[test]
    fn what_the_texts_do_not_order_stays_unlinked() {
        assert!(revision_links(&[v("a", false, None), v("b", false, None)]).is_empty());
        assert!(revision_links(&[
            v("a", false, Some("2020-01-01")),
            v("b", false, Some("2020-01-01"))
        ])
        .is_empty());
        // Two undated drafts before one final: which draft the final revises is unknown.
        assert_eq!(
            revision_links(&[
                v("d1", true, None),
                v("d2", true, None),
                v("f", false, Some("2022-01-01"))
            ]),
            Vec::<(String, String)>::new()
        );
    }
}
