//! Read-only descriptions of one resource, for Linked Data: what `policykg serve` answers when an
//! IRI the graph minted (`{base}agency/…`, `{base}expr/…`, `{base}expr/…/task/…`, `{base}work/…`)
//! is dereferenced.
//!
//! - [`resolve_path`]: the path after `/id/` of a request (percent-encoded as browsers send it)
//!   → the IRI as the store holds it (Chinese kept, `/ ? # %` inside names encoded);
//! - [`description`]: the resource's triples as subject, those of its hash resources
//!   (`{task}#span`, `{task}#agency-1` …, which a client cannot dereference on their own), and the
//!   labels of the resources it links to: the RDF answer;
//! - [`page`]: what the HTML page of an agency, a version, a task (or any other resource) shows.
//!
//! Every query is a constant text with the IRI bound as a parameter ([`crate::params`]). Lists
//! that count tasks keep to the texts in force (`pkg:inView pkg:InForce`), as the CLI's answers.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, Term, Triple};
use oxigraph::store::Store;
use serde::{Deserialize, Serialize};

use crate::iri::{doc_number_key, segment, DEFAULT_BASE};
use crate::params::Parameterised;
use crate::query::text;
use crate::vocab::{eli, org, pkg};
use crate::GraphError;

/// The base IRI the store was built with ([`DEFAULT_BASE`] for a store without one).
pub fn base(store: &Store) -> Result<String, GraphError> {
    const BASE: &str = "SELECT ?b WHERE { ?s pkg:baseIri ?b } LIMIT 1";
    let (_, rows) = Parameterised::new(BASE, "the base IRI query").rows(store)?;
    Ok(rows
        .first()
        .and_then(|r| text(&r[0]))
        .unwrap_or_else(|| DEFAULT_BASE.to_owned()))
}

/// The IRI named by `path`, the part of a request path after `/id/`, under `base`: each
/// `/`-separated segment is percent-decoded and encoded again as the IRIs are minted
/// ([`segment`]), so `agency/%E5%AE%89%E5%BE%BD…` finds `agency/安徽…` and `task/1%232` stays
/// `task/1%232`. `None` when a segment is not UTF-8 once decoded, or the path is empty.
pub fn resolve_path(base: &str, path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        return None;
    }
    let mut out = String::from(base);
    for (i, piece) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let decoded = percent_decode(piece)?;
        if decoded.is_empty() {
            // A trailing or doubled slash: not an IRI the graph mints.
            return None;
        }
        out.push_str(&segment(&decoded));
    }
    NamedNode::new(&out).ok().map(NamedNode::into_string)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A linked resource and its label (canonical name, title, rdfs:label), when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub iri: String,
    pub label: Option<String>,
}

/// One statement of a resource, for the "all statements" table of every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub predicate: Link,
    /// The object: an IRI (with its label) or a literal's value (`iri` absent).
    pub iri: Option<String>,
    pub value: String,
    /// A literal's language tag or datatype IRI, for the table.
    pub annotation: Option<String>,
}

/// A version, as other pages list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRef {
    pub iri: String,
    pub title: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    /// 现行 / 草案 / 已被取代 (the label of its `pkg:versionStatus`).
    pub status: Option<String>,
}

/// What one page shows.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub iri: String,
    /// The store's base IRI: links under it are served by the same server.
    pub base: String,
    pub label: Option<String>,
    pub types: Vec<Link>,
    pub statements: Vec<Statement>,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant)]
pub enum PageKind {
    Agency(AgencyPage),
    Version(VersionPage),
    Task(TaskPage),
    /// Any other resource (a policy, a jurisdiction, a target…): its statements and the
    /// resources that link to it.
    Other {
        inbound: Vec<(Link, Link)>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyPage {
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub jurisdiction: Option<Link>,
    pub parent: Option<Link>,
    pub children: Vec<Link>,
    /// Tasks in the texts in force, lead first, then support, then joint.
    pub tasks: Vec<AgencyTask>,
    /// Versions it issued (eli:passed_by), every version.
    pub issued: Vec<VersionRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyTask {
    pub task: Link,
    /// `lead`, `support` or `joint`.
    pub role: String,
    pub role_label: Option<String>,
    pub basis: Option<String>,
    /// `explicit`, `declared` or `inferred`.
    pub basis_kind: Option<String>,
    pub version: VersionRef,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionPage {
    pub version: VersionRef,
    pub status_word: Option<String>,
    pub jurisdiction: Option<Link>,
    pub issuers: Vec<Link>,
    pub work: Option<Link>,
    /// Every version of the same policy, this one included, oldest first.
    pub versions: Vec<VersionRef>,
    /// Versions this one revises, and those that revise it.
    pub revises: Vec<String>,
    pub revised_by: Vec<String>,
    /// What changed from the version this one revises (the change graph of that link; see
    /// [`crate::changes`]), in the 对照表's order.
    #[serde(default)]
    pub changes: Vec<ChangeRow>,
    pub tasks: Vec<VersionTask>,
    pub targets: Vec<Fact>,
    pub amounts: Vec<Fact>,
    pub citations: Vec<Citation>,
    /// Versions in the store citing this policy.
    pub cited_by: Vec<VersionRef>,
}

/// One structured change between two versions, as the version page lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeRow {
    /// The change resource (`…/graph/changes/OLD-NEW/N`).
    pub iri: String,
    /// The version revised.
    pub from: String,
    /// `target_changed`, `agency_added` …
    pub kind: String,
    /// The change in words: "目标调整：省级专精特新企业".
    pub label: Option<String>,
    pub subject: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Where, in both numberings.
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionTask {
    pub task: Link,
    pub agencies: Vec<Assignment>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Assignment {
    pub agency: Link,
    pub mention: Option<String>,
    pub role_label: Option<String>,
    pub basis: Option<String>,
    /// Character offsets of the mention in the version's text.
    pub start: Option<usize>,
    pub end: Option<usize>,
}

/// A target or an amount.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub iri: String,
    pub text: Option<String>,
    /// The figure in words for the table: `≥ 2000 家`, `500000 CNY`.
    pub figure: Option<String>,
    pub detail: Option<String>,
    pub task: Option<Link>,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Citation {
    pub title: Option<String>,
    pub number: Option<String>,
    /// The policy cited by 文号, with its versions in the store.
    pub work: Option<Link>,
    pub versions: Vec<VersionRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskPage {
    pub id: Option<String>,
    pub path: Option<String>,
    pub heading: Option<String>,
    pub text: Option<String>,
    pub deadline: Option<String>,
    pub version: Option<VersionRef>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub agencies: Vec<Assignment>,
    pub targets: Vec<Fact>,
    pub amounts: Vec<Fact>,
}

type Row = Vec<Option<Term>>;

fn rows(q: Parameterised, store: &Store) -> Result<Vec<Row>, GraphError> {
    Ok(q.rows(store)?.1)
}

fn named(iri: &str) -> Result<NamedNode, GraphError> {
    NamedNode::new(iri).map_err(|e| GraphError::Input {
        path: iri.to_owned(),
        reason: format!("not an IRI: {e}"),
    })
}

/// Column `i` as text; `None` past the row's end (a query whose trailing columns are bound).
fn cell(r: &Row, i: usize) -> Option<String> {
    r.get(i).and_then(text)
}

fn number(r: &Row, i: usize) -> Option<usize> {
    cell(r, i).and_then(|n| n.parse().ok())
}

fn link(r: &Row, iri: usize, label: usize) -> Option<Link> {
    Some(Link {
        iri: cell(r, iri)?,
        label: cell(r, label),
    })
}

/// The resource's own triples as subject, in any graph.
const SUBJECT: &str = "SELECT DISTINCT ?p ?o ?s WHERE { ?s ?p ?o } ORDER BY ?p ?o";

/// The labels of a linked resource.
const LABELS: &str = "SELECT DISTINCT ?p ?l ?o WHERE {
    VALUES ?p { skos:prefLabel rdfs:label eli:title }
    ?o ?p ?l
}";

/// Whether `child` is a hash resource of `iri` (`{iri}#span`, `{iri}#agency-1-span`).
fn is_hash_of(iri: &str, child: &str) -> bool {
    child
        .strip_prefix(iri)
        .is_some_and(|rest| rest.starts_with('#') || (iri.contains('#') && rest.starts_with('-')))
}

/// The RDF description of `iri`: its triples, those of its hash resources, and the labels of
/// the resources they link to. Empty when the store has no triple with `iri` as subject.
pub fn description(store: &Store, iri: &str) -> Result<Vec<Triple>, GraphError> {
    let mut triples: Vec<Triple> = Vec::new();
    let mut seen_triples = BTreeSet::new();
    let mut queue = vec![named(iri)?];
    let mut visited = BTreeSet::new();
    let mut linked = BTreeSet::new();
    while let Some(subject) = queue.pop() {
        if !visited.insert(subject.as_str().to_owned()) {
            continue;
        }
        let q = Parameterised::new(SUBJECT, "the resource query").bind("s", subject.clone());
        for r in rows(q, store)? {
            let (Some(Term::NamedNode(p)), Some(o)) = (r[0].clone(), r[1].clone()) else {
                continue;
            };
            if let Term::NamedNode(n) = &o {
                if is_hash_of(iri, n.as_str()) {
                    queue.push(n.clone());
                } else {
                    linked.insert(n.clone());
                }
            }
            let t = Triple::new(subject.clone(), p, o);
            if seen_triples.insert(t.to_string()) {
                triples.push(t);
            }
        }
        if triples.is_empty() {
            // Not in the store: nothing to describe, not even its hash resources.
            return Ok(triples);
        }
    }
    for o in linked {
        let q = Parameterised::new(LABELS, "the labels query").bind("o", o.clone());
        for r in rows(q, store)? {
            let (Some(Term::NamedNode(p)), Some(l)) = (r[0].clone(), r[1].clone()) else {
                continue;
            };
            let t = Triple::new(o.clone(), p, l);
            if seen_triples.insert(t.to_string()) {
                triples.push(t);
            }
        }
    }
    Ok(triples)
}

/// The statements of `iri` with labels (Chinese first) of predicates and objects.
const STATEMENTS: &str = "SELECT ?p ?o ?plabel ?olabel ?s WHERE {
    ?s ?p ?o .
    OPTIONAL { ?p rdfs:label ?plabel FILTER(LANGMATCHES(LANG(?plabel), \"zh\")) }
    OPTIONAL { ?o skos:prefLabel|rdfs:label|eli:title ?olabel
               FILTER(LANG(?olabel) = \"\" || LANGMATCHES(LANG(?olabel), \"zh\")) }
} ORDER BY ?p ?o";

fn statements(store: &Store, iri: &NamedNode) -> Result<Vec<Statement>, GraphError> {
    let q = Parameterised::new(STATEMENTS, "the statements query").bind("s", iri.clone());
    let mut out: Vec<Statement> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in rows(q, store)? {
        let (Some(Term::NamedNode(p)), Some(o)) = (&r[0], &r[1]) else {
            continue;
        };
        if !seen.insert((p.as_str().to_owned(), o.to_string())) {
            continue;
        }
        let (iri, value, annotation) = match o {
            Term::NamedNode(n) => (
                Some(n.as_str().to_owned()),
                cell(&r, 3).unwrap_or_else(|| n.as_str().to_owned()),
                None,
            ),
            Term::Literal(l) => (
                None,
                l.value().to_owned(),
                l.language()
                    .map(|l| format!("@{l}"))
                    .or_else(|| Some(l.datatype().as_str().to_owned()))
                    .filter(|a| !a.ends_with("#string")),
            ),
            #[allow(unreachable_patterns)]
            _ => (None, o.to_string(), None),
        };
        out.push(Statement {
            predicate: Link {
                iri: p.as_str().to_owned(),
                label: cell(&r, 2),
            },
            iri,
            value,
            annotation,
        });
    }
    Ok(out)
}

fn first(statements: &[Statement], predicate: &str) -> Option<String> {
    statements
        .iter()
        .find(|s| s.predicate.iri == predicate)
        .map(|s| s.value.clone())
}

fn first_link(statements: &[Statement], predicate: &str) -> Option<Link> {
    all_links(statements, predicate).into_iter().next()
}

fn all_links(statements: &[Statement], predicate: &str) -> Vec<Link> {
    statements
        .iter()
        .filter(|s| s.predicate.iri == predicate)
        .filter_map(|s| {
            let iri = s.iri.clone()?;
            let label = (s.value != iri).then(|| s.value.clone());
            Some(Link { iri, label })
        })
        .collect()
}

/// The page of `iri`, or `None` when the store does not describe it.
pub fn page(store: &Store, iri: &str) -> Result<Option<Page>, GraphError> {
    let node = named(iri)?;
    let statements = statements(store, &node)?;
    if statements.is_empty() {
        return Ok(None);
    }
    let types = all_links(&statements, crate::vocab::rdf::TYPE.as_str());
    let is = |t: &str| types.iter().any(|l| l.iri == t);
    let label = first(&statements, crate::vocab::skos::PREF_LABEL.as_str())
        .or_else(|| first(&statements, eli::TITLE.as_str()))
        .or_else(|| first(&statements, crate::vocab::rdfs::LABEL.as_str()));
    let kind = if is(org::ORGANIZATION.as_str()) || is(pkg::COLLECTIVE_BODY.as_str()) {
        PageKind::Agency(agency(store, &node, &statements)?)
    } else if is(eli::LEGAL_EXPRESSION.as_str()) {
        PageKind::Version(version(store, &node, &statements)?)
    } else if is(pkg::TASK.as_str()) {
        PageKind::Task(task(store, &node, &statements)?)
    } else {
        PageKind::Other {
            inbound: inbound(store, &node)?,
        }
    };
    Ok(Some(Page {
        iri: iri.to_owned(),
        base: base(store)?,
        label,
        types,
        statements,
        kind,
    }))
}

/// Resources linking to `?o` (at most 500), with labels.
const INBOUND: &str = "SELECT DISTINCT ?s ?slabel ?p ?plabel ?o WHERE {
    ?s ?p ?o .
    OPTIONAL { ?s skos:prefLabel|rdfs:label|eli:title ?slabel
               FILTER(LANG(?slabel) = \"\" || LANGMATCHES(LANG(?slabel), \"zh\")) }
    OPTIONAL { ?p rdfs:label ?plabel FILTER(LANGMATCHES(LANG(?plabel), \"zh\")) }
} ORDER BY ?p ?s LIMIT 500";

fn inbound(store: &Store, iri: &NamedNode) -> Result<Vec<(Link, Link)>, GraphError> {
    let q = Parameterised::new(INBOUND, "the inbound links query").bind("o", iri.clone());
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for r in rows(q, store)? {
        let (Some(s), Some(p)) = (link(&r, 0, 1), link(&r, 2, 3)) else {
            continue;
        };
        if seen.insert((s.iri.clone(), p.iri.clone())) {
            out.push((s, p));
        }
    }
    Ok(out)
}

/// The metadata of the version `?e`.
const VERSION_REF: &str = "SELECT ?title ?number ?date ?status ?e WHERE {
    ?e a eli:LegalExpression .
    OPTIONAL { ?e eli:title ?title }
    OPTIONAL { ?e eli:number ?number }
    OPTIONAL { ?e eli:date_document ?date }
    OPTIONAL { ?e pkg:versionStatus/rdfs:label ?status FILTER(LANGMATCHES(LANG(?status), \"zh\")) }
} LIMIT 1";

fn version_ref(store: &Store, iri: &str) -> Result<VersionRef, GraphError> {
    let q = Parameterised::new(VERSION_REF, "the version query").bind("e", named(iri)?);
    let r = rows(q, store)?.into_iter().next();
    Ok(VersionRef {
        iri: iri.to_owned(),
        title: r.as_ref().and_then(|r| cell(r, 0)),
        number: r.as_ref().and_then(|r| cell(r, 1)),
        date: r.as_ref().and_then(|r| cell(r, 2)),
        status: r.as_ref().and_then(|r| cell(r, 3)),
    })
}

/// Tasks of the agency `?a` in the versions of `?view`, lead first.
const AGENCY_TASKS: &str = "SELECT ?t ?tlabel ?r ?rlabel ?blabel ?bkind ?e ?title ?number ?date ?status ?start ?a ?view WHERE {
    ?t pkg:assignment ?ra ; dcterms:isPartOf ?e .
    ?ra pkg:agency ?a ; pkg:role ?r ; pkg:roleBasis ?b .
    ?e pkg:inView ?view .
    OPTIONAL { ?t rdfs:label ?tlabel }
    OPTIONAL { ?r rdfs:label ?rlabel FILTER(LANGMATCHES(LANG(?rlabel), \"zh\")) }
    OPTIONAL { ?b rdfs:label ?blabel FILTER(LANGMATCHES(LANG(?blabel), \"zh\")) }
    OPTIONAL { ?b pkg:basisKind ?bkind }
    OPTIONAL { ?e eli:title ?title }
    OPTIONAL { ?e eli:number ?number }
    OPTIONAL { ?e eli:date_document ?date }
    OPTIONAL { ?e pkg:versionStatus/rdfs:label ?status FILTER(LANGMATCHES(LANG(?status), \"zh\")) }
    OPTIONAL { ?t prov:wasDerivedFrom/oa:hasSelector/oa:start ?start }
} ORDER BY ?r DESC(?date) ?e ?start ?t";

const CHILDREN: &str = "SELECT DISTINCT ?c ?name ?a WHERE {
    ?c org:subOrganizationOf ?a . OPTIONAL { ?c skos:prefLabel ?name }
} ORDER BY ?name";

const ISSUED: &str = "SELECT DISTINCT ?e ?a WHERE { ?e eli:passed_by ?a } ORDER BY ?e";

fn role_word(iri: &str) -> String {
    iri.rsplit('#').next().unwrap_or(iri).to_ascii_lowercase()
}

fn agency(
    store: &Store,
    a: &NamedNode,
    statements: &[Statement],
) -> Result<AgencyPage, GraphError> {
    let skos = crate::vocab::skos::NS;
    let mut aliases: Vec<String> = statements
        .iter()
        .filter(|s| s.predicate.iri == format!("{skos}altLabel"))
        .map(|s| s.value.clone())
        .collect();
    aliases.sort();
    aliases.dedup();
    let q = Parameterised::new(AGENCY_TASKS, "the agency's tasks query")
        .bind("a", a.clone())
        .bind("view", pkg::IN_FORCE.into_owned());
    let mut tasks: Vec<AgencyTask> = Vec::new();
    let mut seen = BTreeSet::new();
    for r in rows(q, store)? {
        let (Some(task), Some(role), Some(e)) = (link(&r, 0, 1), cell(&r, 2), cell(&r, 6)) else {
            continue;
        };
        if !seen.insert((task.iri.clone(), role.clone())) {
            continue;
        }
        tasks.push(AgencyTask {
            task,
            role: role_word(&role),
            role_label: cell(&r, 3),
            basis: cell(&r, 4),
            basis_kind: cell(&r, 5),
            version: VersionRef {
                iri: e,
                title: cell(&r, 7),
                number: cell(&r, 8),
                date: cell(&r, 9),
                status: cell(&r, 10),
            },
        });
    }
    let order = |role: &str| match role {
        "lead" => 0,
        "support" => 1,
        _ => 2,
    };
    tasks.sort_by_key(|t| order(&t.role));
    let children = rows(
        Parameterised::new(CHILDREN, "the sub-organisations query").bind("a", a.clone()),
        store,
    )?
    .iter()
    .filter_map(|r| link(r, 0, 1))
    .collect();
    let mut issued = Vec::new();
    for r in rows(
        Parameterised::new(ISSUED, "the issued versions query").bind("a", a.clone()),
        store,
    )? {
        if let Some(e) = cell(&r, 0) {
            issued.push(version_ref(store, &e)?);
        }
    }
    issued.sort_by(|x, y| y.date.cmp(&x.date));
    Ok(AgencyPage {
        name: first(statements, crate::vocab::skos::PREF_LABEL.as_str()),
        aliases,
        jurisdiction: first_link(statements, crate::vocab::dcterms::SPATIAL.as_str()),
        parent: first_link(statements, org::SUB_ORGANIZATION_OF.as_str()),
        children,
        tasks,
        issued,
    })
}

/// Versions of the policy `?w`.
const VERSIONS: &str = "SELECT DISTINCT ?e ?w WHERE { ?e eli:is_member_of ?w }";
/// Versions revising `?e`.
const REVISED_BY: &str = "SELECT DISTINCT ?n ?e WHERE { ?n prov:wasRevisionOf ?e } ORDER BY ?n";

/// Tasks of the version `?e` with their agencies, in text order.
const VERSION_TASKS: &str =
    "SELECT ?t ?tlabel ?start ?a ?aname ?mention ?rlabel ?blabel ?pos ?e WHERE {
    ?t a pkg:Task ; dcterms:isPartOf ?e .
    OPTIONAL { ?t rdfs:label ?tlabel }
    OPTIONAL { ?t prov:wasDerivedFrom/oa:hasSelector/oa:start ?start }
    OPTIONAL {
        ?t pkg:assignment ?ra . ?ra pkg:agency ?a .
        OPTIONAL { ?ra pkg:position ?pos }
        OPTIONAL { ?ra pkg:mention ?mention }
        OPTIONAL { ?a skos:prefLabel ?aname }
        OPTIONAL { ?ra pkg:role/rdfs:label ?rlabel FILTER(LANGMATCHES(LANG(?rlabel), \"zh\")) }
        OPTIONAL { ?ra pkg:roleBasis/rdfs:label ?blabel FILTER(LANGMATCHES(LANG(?blabel), \"zh\")) }
    }
} ORDER BY ?start ?t ?pos";

/// Targets and amounts of the version `?e` (or of the task `?t`), in text order: kind, IRI,
/// text, figure parts, task, span.
const FACTS: &str = "SELECT ?kind ?x ?text ?value ?min ?max ?unit ?comparator ?year ?metric ?role ?start ?end ?task ?tlabel ?e WHERE {
    { ?x a pkg:Target . BIND(\"target\" AS ?kind)
      OPTIONAL { ?x schema:unitText ?unit }
      OPTIONAL { ?x pkg:deadlineYear ?year }
      OPTIONAL { ?x pkg:metric ?metric } }
    UNION
    { ?x a schema:MonetaryAmount . BIND(\"amount\" AS ?kind)
      OPTIONAL { ?x schema:currency ?unit }
      OPTIONAL { ?x pkg:amountRole/rdfs:label ?role FILTER(LANGMATCHES(LANG(?role), \"zh\")) } }
    ?x dcterms:isPartOf ?e .
    OPTIONAL { ?x pkg:text ?text }
    OPTIONAL { ?x schema:value ?value }
    OPTIONAL { ?x schema:minValue ?min }
    OPTIONAL { ?x schema:maxValue ?max }
    OPTIONAL { ?x pkg:comparator/rdfs:label ?comparator FILTER(LANGMATCHES(LANG(?comparator), \"zh\")) }
    OPTIONAL { ?x pkg:task ?task . OPTIONAL { ?task rdfs:label ?tlabel } }
    OPTIONAL { ?x prov:wasDerivedFrom/oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
} ORDER BY ?start ?x";

/// Citations of the version `?e`, and the policies it cites (`eli:cites`) with their versions.
const CITATIONS: &str = "SELECT ?c ?title ?number ?start ?e WHERE {
    ?e pkg:citation ?c .
    OPTIONAL { ?c pkg:citedTitle ?title }
    OPTIONAL { ?c pkg:citedNumber ?number }
    OPTIONAL { ?c prov:wasDerivedFrom/oa:hasSelector/oa:start ?start }
} ORDER BY ?start ?c";
/// A citation names the 文号's resource; the versions in the store are members of the work
/// that was issued under that number (keyed by its title, `iri::WorkKey`).
const CITED_WORKS: &str = "SELECT DISTINCT ?w ?number ?v ?e WHERE {
    ?e eli:cites ?w .
    OPTIONAL { ?w eli:number ?number }
    OPTIONAL {
        { ?v eli:is_member_of ?w }
        UNION
        { ?w eli:number ?issued . ?work eli:number ?issued . ?v eli:is_member_of ?work }
    }
}";
const CITED_BY: &str = "SELECT DISTINCT ?v ?w WHERE { ?v eli:cites ?w } ORDER BY ?v";

fn facts(rows: Vec<Row>) -> (Vec<Fact>, Vec<Fact>) {
    let (mut targets, mut amounts) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for r in rows {
        let (Some(kind), Some(iri)) = (cell(&r, 0), cell(&r, 1)) else {
            continue;
        };
        if !seen.insert(iri.clone()) {
            continue;
        }
        let value = match (cell(&r, 3), cell(&r, 4), cell(&r, 5)) {
            (Some(v), _, _) => Some(v),
            (None, Some(min), Some(max)) => Some(format!("{min}–{max}")),
            (None, Some(min), None) => Some(format!("≥ {min}")),
            (None, None, Some(max)) => Some(format!("≤ {max}")),
            _ => None,
        };
        let figure = value.map(|v| {
            let mut f = String::new();
            if let Some(c) = cell(&r, 7) {
                f.push_str(&c);
                f.push(' ');
            }
            f.push_str(&v);
            if let Some(u) = cell(&r, 6) {
                f.push(' ');
                f.push_str(&u);
            }
            f
        });
        let detail = match kind.as_str() {
            "target" => {
                let metric = cell(&r, 9);
                let year = cell(&r, 8).map(|y| format!("{y}年"));
                let parts: Vec<String> = metric.into_iter().chain(year).collect();
                (!parts.is_empty()).then(|| parts.join(" · "))
            }
            _ => cell(&r, 10),
        };
        let fact = Fact {
            iri,
            text: cell(&r, 2),
            figure,
            detail,
            start: number(&r, 11),
            end: number(&r, 12),
            task: link(&r, 13, 14),
        };
        if kind == "target" {
            targets.push(fact);
        } else {
            amounts.push(fact);
        }
    }
    (targets, amounts)
}

fn version(
    store: &Store,
    e: &NamedNode,
    statements: &[Statement],
) -> Result<VersionPage, GraphError> {
    let this = version_ref(store, e.as_str())?;
    let work = first_link(statements, eli::IS_MEMBER_OF.as_str());
    let mut versions = Vec::new();
    let mut cited_by = Vec::new();
    if let Some(w) = &work {
        let w = named(&w.iri)?;
        for r in rows(
            Parameterised::new(VERSIONS, "the versions query").bind("w", w.clone()),
            store,
        )? {
            if let Some(v) = cell(&r, 0) {
                versions.push(version_ref(store, &v)?);
            }
        }
        for r in rows(
            Parameterised::new(CITED_BY, "the cited-by query").bind("w", w),
            store,
        )? {
            if let Some(v) = cell(&r, 0) {
                cited_by.push(version_ref(store, &v)?);
            }
        }
    }
    versions.sort_by(|a, b| a.date.cmp(&b.date).then(a.iri.cmp(&b.iri)));
    let revises = all_links(statements, crate::vocab::prov::WAS_REVISION_OF.as_str())
        .into_iter()
        .map(|l| l.iri)
        .collect();
    let revised_by = rows(
        Parameterised::new(REVISED_BY, "the revisions query").bind("e", e.clone()),
        store,
    )?
    .iter()
    .filter_map(|r| cell(r, 0))
    .collect();
    let changes = rows(
        Parameterised::new(CHANGES, "the changes query").bind("e", e.clone()),
        store,
    )?
    .iter()
    .filter_map(|r| {
        Some(ChangeRow {
            iri: cell(r, 0)?,
            from: cell(r, 1)?,
            kind: cell(r, 2)?,
            subject: cell(r, 3),
            old: cell(r, 4),
            new: cell(r, 5),
            locator: cell(r, 6),
            label: cell(r, 7),
        })
    })
    .collect();
    // Tasks with their agencies.
    let mut tasks: Vec<VersionTask> = Vec::new();
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows(
        Parameterised::new(VERSION_TASKS, "the version's tasks query").bind("e", e.clone()),
        store,
    )? {
        let Some(task) = link(&r, 0, 1) else { continue };
        if tasks.last().is_none_or(|t| t.task.iri != task.iri) {
            tasks.push(VersionTask {
                task: task.clone(),
                agencies: Vec::new(),
            });
        }
        let Some(agency) = link(&r, 3, 4) else {
            continue;
        };
        let key = format!("{} {}", agency.iri, cell(&r, 6).unwrap_or_default());
        if !seen.entry(task.iri.clone()).or_default().insert(key) {
            continue;
        }
        if let Some(t) = tasks.last_mut() {
            t.agencies.push(Assignment {
                agency,
                mention: cell(&r, 5),
                role_label: cell(&r, 6),
                basis: cell(&r, 7),
                start: None,
                end: None,
            });
        }
    }
    let (targets, amounts) = facts(rows(
        Parameterised::new(FACTS, "the facts query").bind("e", e.clone()),
        store,
    )?);
    // Citations, each with the policy its 文号 names and that policy's versions in the store.
    let mut works: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for r in rows(
        Parameterised::new(CITED_WORKS, "the cited policies query").bind("e", e.clone()),
        store,
    )? {
        let (Some(w), Some(n)) = (cell(&r, 0), cell(&r, 1)) else {
            continue;
        };
        let entry = works.entry(n).or_insert_with(|| (w, Vec::new()));
        if let Some(v) = cell(&r, 2) {
            if !entry.1.contains(&v) {
                entry.1.push(v);
            }
        }
    }
    let mut citations = Vec::new();
    for r in rows(
        Parameterised::new(CITATIONS, "the citations query").bind("e", e.clone()),
        store,
    )? {
        let number = cell(&r, 2);
        let cited = number
            .as_deref()
            .and_then(|n| works.get(&doc_number_key(n)));
        let mut versions = Vec::new();
        if let Some((_, vs)) = cited {
            for v in vs {
                versions.push(version_ref(store, v)?);
            }
        }
        citations.push(Citation {
            title: cell(&r, 1),
            number,
            work: cited.map(|(w, _)| Link {
                iri: w.clone(),
                label: None,
            }),
            versions,
        });
    }
    Ok(VersionPage {
        status_word: first(statements, pkg::STATUS.as_str()),
        jurisdiction: first_link(statements, eli::JURISDICTION.as_str()),
        issuers: all_links(statements, eli::PASSED_BY.as_str()),
        version: this,
        work,
        versions,
        revises,
        revised_by,
        changes,
        tasks,
        targets,
        amounts,
        citations,
        cited_by,
    })
}

/// The changes from the versions `?e` revises, in the diff's order (the change's number).
const CHANGES: &str = "SELECT ?c ?from ?kind ?subject ?old ?new ?where ?label ?e WHERE {
    ?set pkg:toVersion ?e ; pkg:fromVersion ?from .
    ?c pkg:inChangeSet ?set ; pkg:changeKind ?kind .
    OPTIONAL { ?c pkg:changeSubject ?subject }
    OPTIONAL { ?c pkg:oldValue ?old }
    OPTIONAL { ?c pkg:newValue ?new }
    OPTIONAL { ?c pkg:locator ?where }
    OPTIONAL { ?c rdfs:label ?label }
    BIND(xsd:integer(REPLACE(STR(?c), \"^.*/\", \"\")) AS ?n)
} ORDER BY ?from ?n";

/// The assignments of the task `?t`, with the spans of their mentions.
const TASK_AGENCIES: &str = "SELECT ?a ?aname ?mention ?rlabel ?blabel ?start ?end ?pos ?t WHERE {
    ?t pkg:assignment ?ra . ?ra pkg:agency ?a .
    OPTIONAL { ?ra pkg:position ?pos }
    OPTIONAL { ?ra pkg:mention ?mention }
    OPTIONAL { ?a skos:prefLabel ?aname }
    OPTIONAL { ?ra pkg:role/rdfs:label ?rlabel FILTER(LANGMATCHES(LANG(?rlabel), \"zh\")) }
    OPTIONAL { ?ra pkg:roleBasis/rdfs:label ?blabel FILTER(LANGMATCHES(LANG(?blabel), \"zh\")) }
    OPTIONAL { ?ra prov:wasDerivedFrom/oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
} ORDER BY ?pos ?start";

/// The task's own span.
const SPAN: &str = "SELECT ?start ?end ?x WHERE {
    ?x prov:wasDerivedFrom/oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end
} LIMIT 1";

/// Targets and amounts linked to the task `?t`: [`FACTS`] keyed by the task.
const TASK_FACTS: &str = "SELECT ?kind ?x ?text ?value ?min ?max ?unit ?comparator ?year ?metric ?role ?start ?end ?t WHERE {
    { ?x a pkg:Target . BIND(\"target\" AS ?kind)
      OPTIONAL { ?x schema:unitText ?unit }
      OPTIONAL { ?x pkg:deadlineYear ?year }
      OPTIONAL { ?x pkg:metric ?metric } }
    UNION
    { ?x a schema:MonetaryAmount . BIND(\"amount\" AS ?kind)
      OPTIONAL { ?x schema:currency ?unit }
      OPTIONAL { ?x pkg:amountRole/rdfs:label ?role FILTER(LANGMATCHES(LANG(?role), \"zh\")) } }
    ?x pkg:task ?t .
    OPTIONAL { ?x pkg:text ?text }
    OPTIONAL { ?x schema:value ?value }
    OPTIONAL { ?x schema:minValue ?min }
    OPTIONAL { ?x schema:maxValue ?max }
    OPTIONAL { ?x pkg:comparator/rdfs:label ?comparator FILTER(LANGMATCHES(LANG(?comparator), \"zh\")) }
    OPTIONAL { ?x prov:wasDerivedFrom/oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
} ORDER BY ?start ?x";

fn task(store: &Store, t: &NamedNode, statements: &[Statement]) -> Result<TaskPage, GraphError> {
    let version = match first_link(statements, crate::vocab::dcterms::IS_PART_OF.as_str()) {
        Some(e) => Some(version_ref(store, &e.iri)?),
        None => None,
    };
    let span = rows(
        Parameterised::new(SPAN, "the span query").bind("x", t.clone()),
        store,
    )?;
    let (start, end) = span
        .first()
        .map_or((None, None), |r| (number(r, 0), number(r, 1)));
    let mut agencies: Vec<Assignment> = Vec::new();
    for r in rows(
        Parameterised::new(TASK_AGENCIES, "the task's agencies query").bind("t", t.clone()),
        store,
    )? {
        let Some(agency) = link(&r, 0, 1) else {
            continue;
        };
        let a = Assignment {
            agency,
            mention: cell(&r, 2),
            role_label: cell(&r, 3),
            basis: cell(&r, 4),
            start: number(&r, 5),
            end: number(&r, 6),
        };
        if !agencies
            .iter()
            .any(|b| b.agency == a.agency && b.start == a.start && b.role_label == a.role_label)
        {
            agencies.push(a);
        }
    }
    // FACTS' columns, without the task's (it is the bound parameter).
    let (targets, amounts) = facts(rows(
        Parameterised::new(TASK_FACTS, "the task's facts query").bind("t", t.clone()),
        store,
    )?);
    let text_of = |p: &str| first(statements, p);
    Ok(TaskPage {
        id: text_of(pkg::TASK_ID.as_str()),
        path: text_of(pkg::OUTLINE_PATH.as_str()),
        heading: text_of(pkg::HEADING.as_str()),
        text: text_of(pkg::TEXT.as_str()),
        deadline: text_of(pkg::DEADLINE_TEXT.as_str()),
        version,
        start,
        end,
        agencies,
        targets,
        amounts,
    })
}

/// A kind of fact highlighted in a task's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Highlight {
    Agency,
    Target,
    Amount,
}

/// The task's text cut at the facts' spans: pieces of text, each with the facts (kind, index
/// in the page's list) whose span covers it. Spans are characters of the version's text; those
/// outside the task's span are left out, and nothing is marked when the task's text is not its
/// span's length (a text that is not the slice its offsets name).
pub fn highlights(page: &TaskPage) -> Vec<(String, Vec<(Highlight, usize)>)> {
    let Some(text) = &page.text else {
        return Vec::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let whole = vec![(text.clone(), Vec::new())];
    let (Some(start), Some(end)) = (page.start, page.end) else {
        return whole;
    };
    if end < start || end - start != chars.len() {
        return whole;
    }
    let mut spans: Vec<(usize, usize, Highlight, usize)> = Vec::new();
    let mut add = |kind, i, s: Option<usize>, e: Option<usize>| {
        if let (Some(s), Some(e)) = (s, e) {
            if s >= start && e <= end && s < e {
                spans.push((s - start, e - start, kind, i));
            }
        }
    };
    for (i, a) in page.agencies.iter().enumerate() {
        add(Highlight::Agency, i, a.start, a.end);
    }
    for (i, f) in page.targets.iter().enumerate() {
        add(Highlight::Target, i, f.start, f.end);
    }
    for (i, f) in page.amounts.iter().enumerate() {
        add(Highlight::Amount, i, f.start, f.end);
    }
    let mut cuts: BTreeSet<usize> = [0, chars.len()].into();
    for (s, e, _, _) in &spans {
        cuts.insert(*s);
        cuts.insert(*e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out: Vec<(String, Vec<(Highlight, usize)>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering: Vec<(Highlight, usize)> = spans
            .iter()
            .filter(|(s, e, _, _)| *s <= a && b <= *e)
            .map(|(_, _, k, i)| (*k, *i))
            .collect();
        covering.sort();
        let piece: String = chars[a..b].iter().collect();
        match out.last_mut() {
            Some((text, facts)) if *facts == covering => text.push_str(&piece),
            _ => out.push((piece, covering)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_resolve_to_minted_iris() {
        let base = DEFAULT_BASE;
        assert_eq!(
            resolve_path(
                base,
                "agency/%E5%AE%89%E5%BE%BD%E7%9C%81%E7%BB%8F%E6%B5%8E%E5%92%8C%E4%BF%A1%E6%81%AF%E5%8C%96%E5%8E%85"
            )
            .as_deref(),
            Some("https://policykg.org/id/agency/安徽省经济和信息化厅")
        );
        // Raw Chinese, and a task id whose `#` is encoded in the IRI.
        assert_eq!(
            resolve_path(base, "expr/abc/task/二/（一）/1%232").as_deref(),
            Some("https://policykg.org/id/expr/abc/task/二/（一）/1%232")
        );
        // Full-width brackets of a 文号, percent-encoded.
        assert_eq!(
            resolve_path(
                base,
                "work/no/%E7%9A%96%E6%94%BF%E3%80%942018%E3%80%9546%E5%8F%B7"
            )
            .as_deref(),
            Some("https://policykg.org/id/work/no/皖政〔2018〕46号")
        );
        assert_eq!(resolve_path(base, ""), None);
        assert_eq!(resolve_path(base, "agency/"), None);
        assert_eq!(resolve_path(base, "agency/%E5%AE"), None); // not UTF-8
        assert_eq!(resolve_path(base, "agency/%zz"), None);
    }

    #[test]
    fn hash_resources_belong_to_their_document() {
        let t = "https://policykg.org/id/expr/a/task/1";
        assert!(is_hash_of(t, &format!("{t}#span")));
        assert!(is_hash_of(
            &format!("{t}#agency-1"),
            &format!("{t}#agency-1-span")
        ));
        assert!(!is_hash_of(
            &format!("{t}#agency-1"),
            &format!("{t}#agency-10")
        ));
        assert!(!is_hash_of(t, &format!("{t}0")));
        assert!(!is_hash_of(t, &format!("{t}/x")));
    }

    #[test]
    fn highlights_cut_the_text_at_the_facts_spans() {
        let page = TaskPage {
            id: None,
            path: None,
            heading: None,
            text: Some("由省经信厅牵头，培育企业2000家。".into()),
            deadline: None,
            version: None,
            start: Some(100),
            end: Some(118),
            agencies: vec![Assignment {
                agency: Link {
                    iri: "x".into(),
                    label: None,
                },
                mention: Some("省经信厅".into()),
                role_label: None,
                basis: None,
                start: Some(101),
                end: Some(105),
            }],
            targets: vec![Fact {
                iri: "t".into(),
                text: None,
                figure: None,
                detail: None,
                task: None,
                start: Some(108),
                end: Some(117),
            }],
            amounts: vec![],
        };
        let pieces = highlights(&page);
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|(_, f)| !f.is_empty())
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, ["省经信厅", "培育企业2000家"]);
        let all: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(all, page.text.clone().unwrap());
        // Offsets that do not fit the text mark nothing.
        let mut odd = page.clone();
        odd.end = Some(200);
        assert!(highlights(&odd).iter().all(|(_, f)| f.is_empty()));
    }
}
