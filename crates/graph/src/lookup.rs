//! Questions people ask by name: which agency is 省经信厅, and which tasks does it have. Names
//! are resolved through the labels in the store (canonical names, gazetteer aliases, every form
//! seen in a text) and, optionally, a jurisdiction with everything under it.
//!
//! Every query here is a constant text; names, jurisdictions and IRIs are bound as parameters
//! ([`crate::params`]). Where several agencies are asked about ([`with_tasks`]), the query runs
//! once per agency and the answers are merged in Rust: the lists are short (the provinces an
//! alias such as 省财政厅 names), and no query text is assembled from values.

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use policykg_ontology::Jurisdictions;

use crate::params::Parameterised;
use crate::query::text;
use crate::GraphError;

/// Which roles to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleFilter {
    Lead,
    Support,
    Joint,
    Any,
}

/// Which versions of each policy an answer counts (see [`crate::versions`]): the view a
/// version must be in (`pkg:inView`), bound as a parameter of every query here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Versions {
    /// The latest final text of each policy (the default).
    #[default]
    InForce,
    /// The texts in force and every draft.
    WithDrafts,
    /// Every version, superseded ones included.
    All,
}

impl Versions {
    pub fn view(self) -> NamedNode {
        match self {
            Versions::InForce => crate::vocab::pkg::IN_FORCE.into_owned(),
            Versions::WithDrafts => crate::vocab::pkg::WITH_DRAFTS.into_owned(),
            Versions::All => crate::vocab::pkg::ALL_VERSIONS.into_owned(),
        }
    }

    /// One line saying which versions an answer counts, for the header of a table.
    pub fn describe(self) -> &'static str {
        match self {
            Versions::InForce => {
                "versions: the text in force of each policy (drafts and superseded versions left out; --include-drafts, --all-versions widen it)"
            }
            Versions::WithDrafts => {
                "versions: the text in force of each policy and every draft (superseded versions left out; --all-versions adds them)"
            }
            Versions::All => "versions: all, drafts and superseded versions included",
        }
    }
}

/// An agency a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyMatch {
    pub iri: String,
    /// Canonical name.
    pub name: String,
    pub jurisdiction: Option<String>,
}

/// Agencies (and collective bodies) whose canonical name or an alias is `name`, limited to
/// `jurisdiction` (a full or short name, or a 文号 abbreviation) and the places under it.
///
/// When nothing matches and the name starts with a jurisdiction (安徽省经信厅), the rest is tried
/// as written and with the jurisdiction's department prefix (省经信厅) within that jurisdiction.
pub fn resolve_agency(
    store: &Store,
    name: &str,
    jurisdiction: Option<&str>,
    jurisdictions: &Jurisdictions,
) -> Result<Vec<AgencyMatch>, GraphError> {
    let name = name.trim();
    let found = resolve_exact(store, name, jurisdiction)?;
    if !found.is_empty() {
        return Ok(found);
    }
    if let Some((j, len)) = jurisdictions.prefix_of(name) {
        let rest: String = name.chars().skip(len).collect();
        if !rest.is_empty() {
            let scope = jurisdiction.unwrap_or(&j.name);
            let mut candidates = vec![rest.clone()];
            if let Some(prefix) = j.department_prefix() {
                if !rest.starts_with(prefix) {
                    candidates.push(format!("{prefix}{rest}"));
                }
            }
            for c in candidates {
                let found = resolve_exact(store, &c, Some(scope))?;
                if !found.is_empty() {
                    return Ok(found);
                }
            }
        }
    }
    Ok(Vec::new())
}

/// Agencies with `?label` as canonical name or alias.
const RESOLVE: &str = "SELECT DISTINCT ?a ?name ?jurisdiction ?label WHERE {
    { ?a skos:prefLabel ?label } UNION { ?a skos:altLabel ?label }
    ?a skos:prefLabel ?name .
    OPTIONAL { ?a dcterms:spatial/skos:prefLabel ?jurisdiction }
} ORDER BY ?name";

/// [`RESOLVE`] limited to the jurisdiction named `?scopeLabel` (name or short name) or
/// `?scopeCode` (its notation) and the places under it.
const RESOLVE_IN: &str =
    "SELECT DISTINCT ?a ?name ?jurisdiction ?label ?scopeLabel ?scopeCode WHERE {
    { ?a skos:prefLabel ?label } UNION { ?a skos:altLabel ?label }
    ?a skos:prefLabel ?name .
    OPTIONAL { ?a dcterms:spatial/skos:prefLabel ?jurisdiction }
    ?a dcterms:spatial ?aj .
    { ?scope skos:prefLabel ?scopeLabel } UNION { ?scope skos:altLabel ?scopeLabel }
    UNION { ?scope skos:notation ?scopeCode }
    ?aj skos:broader* ?scope .
} ORDER BY ?name";

/// A Chinese label as the store holds names (`"…"@zh`).
fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "zh")
}

/// Binds a jurisdiction name to the parameters of [`RESOLVE_IN`] and the scoped agencies
/// queries.
fn in_scope(q: Parameterised, jurisdiction: &str) -> Parameterised {
    q.bind("scopeLabel", zh(jurisdiction))
        .bind("scopeCode", Literal::new_simple_literal(jurisdiction))
}

/// An IRI from the store (or the user) as a term to bind.
fn named(iri: &str) -> Result<NamedNode, GraphError> {
    NamedNode::new(iri).map_err(|e| GraphError::Input {
        path: iri.to_owned(),
        reason: format!("not an IRI: {e}"),
    })
}

fn resolve_exact(
    store: &Store,
    name: &str,
    jurisdiction: Option<&str>,
) -> Result<Vec<AgencyMatch>, GraphError> {
    let label = zh(name);
    // The agencies with this name or alias, from the label index; the query then runs once per
    // agency with `?a` bound. Oxigraph plans a query before its parameters are bound, so the
    // query alone starts from every skos:prefLabel in the store (0.7 s at 10,000 documents).
    let mut candidates: Vec<NamedNode> = Vec::new();
    for p in [
        crate::vocab::skos::PREF_LABEL,
        crate::vocab::skos::ALT_LABEL,
    ] {
        for q in store.quads_for_pattern(None, Some(p), Some(label.as_ref().into()), None) {
            // A failed read is the store's, as in a query (`GraphError::evaluation`).
            let q = q.map_err(|e| GraphError::StoreRead {
                source_name: "agency lookup".into(),
                reason: e.to_string(),
            })?;
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = q.subject {
                if !candidates.contains(&n) {
                    candidates.push(n);
                }
            }
        }
    }
    let mut out: Vec<AgencyMatch> = Vec::new();
    for a in candidates {
        let q = match jurisdiction {
            Some(j) => in_scope(Parameterised::new(RESOLVE_IN, "agency lookup"), j.trim()),
            None => Parameterised::new(RESOLVE, "agency lookup"),
        };
        // The bound parameters' columns are left out: `?name ?jurisdiction` remain.
        let (vars, rows) = q
            .bind("label", label.clone())
            .bind("a", a.clone())
            .rows(store)?;
        let col = |name: &str| vars.iter().position(|v| v.as_str() == name);
        let (Some(n), Some(j)) = (col("name"), col("jurisdiction")) else {
            continue;
        };
        if let Some(r) = rows.iter().find(|r| r[n].is_some()) {
            out.push(AgencyMatch {
                iri: a.as_str().to_owned(),
                name: text(&r[n]).unwrap_or_default(),
                jurisdiction: text(&r[j]),
            });
        }
    }
    // The query's order: by name.
    out.sort_by(|x, y| x.name.cmp(&y.name));
    Ok(out)
}

/// How many "did you mean" names [`choose_agencies`] offers.
pub const SUGGESTIONS: usize = 8;

/// What a name given by a user stands for, for the caller to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// No agency has that name (in that jurisdiction); names close to it, best first.
    NotFound { suggestions: Vec<String> },
    /// The agencies meant (more than one when the name stays ambiguous).
    Found {
        agencies: Vec<AgencyMatch>,
        /// Other agencies of the same name left out because they have no tasks in the store.
        without_tasks: usize,
    },
}

/// Resolves `name` as [`resolve_agency`] does, then chooses among namesakes: when the name is
/// an alias of several agencies (省财政厅 is every province's) and only some of them have tasks
/// in the store, those are the ones meant ([`with_tasks`]); otherwise all are kept.
pub fn choose_agencies(
    store: &Store,
    name: &str,
    jurisdiction: Option<&str>,
    jurisdictions: &Jurisdictions,
) -> Result<Resolution, GraphError> {
    let found = resolve_agency(store, name, jurisdiction, jurisdictions)?;
    if found.is_empty() {
        return Ok(Resolution::NotFound {
            suggestions: suggest_agencies(store, name, SUGGESTIONS)?,
        });
    }
    if found.len() > 1 {
        let active = with_tasks(store, &found)?;
        if !active.is_empty() && active.len() < found.len() {
            return Ok(Resolution::Found {
                without_tasks: found.len() - active.len(),
                agencies: active,
            });
        }
    }
    Ok(Resolution::Found {
        agencies: found,
        without_tasks: 0,
    })
}

/// The matches that are responsible for at least one task in the store. An alias such as
/// 省财政厅 names the finance department of every province in the gazetteer; the one a
/// researcher means is almost always the one their documents name.
pub fn with_tasks(store: &Store, matches: &[AgencyMatch]) -> Result<Vec<AgencyMatch>, GraphError> {
    const HAS_TASKS: &str = "SELECT ?a WHERE { ?ra pkg:agency ?a } LIMIT 1";
    let mut active = Vec::new();
    for m in matches {
        let (_, rows) = Parameterised::new(HAS_TASKS, "agency lookup")
            .bind("a", named(&m.iri)?)
            .rows(store)?;
        if !rows.is_empty() {
            active.push(m.clone());
        }
    }
    Ok(active)
}

/// Up to `limit` canonical names or aliases containing `fragment`, for "did you mean".
pub fn suggest_agencies(
    store: &Store,
    fragment: &str,
    limit: usize,
) -> Result<Vec<String>, GraphError> {
    const SUGGEST: &str = "SELECT DISTINCT ?name ?fragment WHERE {
            ?a skos:prefLabel ?name .
            { ?a skos:prefLabel ?l } UNION { ?a skos:altLabel ?l }
            FILTER(CONTAINS(STR(?l), ?fragment) || CONTAINS(?fragment, STR(?l)))
        } ORDER BY STRLEN(STR(?name)) ?name";
    let (_, rows) = Parameterised::new(SUGGEST, "agency suggestions")
        .bind("fragment", Literal::new_simple_literal(fragment.trim()))
        .rows(store)?;
    Ok(rows
        .iter()
        .filter_map(|r| text(&r[0]))
        .take(limit)
        .collect())
}

/// The tasks of the agency `?a`, in document order: task, document, version status, date,
/// version id, file, outline path, role, role basis, agency, text. `?r`, when bound, keeps one
/// role (its column is never shown: `role` says it); `?basis_kind`, when bound, one kind of
/// basis (`pkg:basisKind`: explicit, declared, inferred); `?view` (always bound) the versions
/// counted ([`Versions`]).
///
/// The agency's name comes first: Oxigraph plans a query before `?a` is bound and takes equally
/// selective patterns as written, and `?a` is bound when the first pattern is read; starting
/// from `?t pkg:assignment ?ra` read every assignment of the store (3.9 s at 10,000 documents,
/// against 0.06 s; docs/benchmarks.md). The version's file is required (the store keeps a
/// primary source for every version) and in the first group: as an OPTIONAL it was joined by
/// hashing every version's path, and as a pattern after the OPTIONALs the planner started there.
/// The date and title OPTIONALs are nested with the one pattern that binds `?e`: at the top
/// level, the planner (whose size estimates of this long chain saturate) hashed every date and
/// title in the store; nested, it looks them up per task (66 → 47 ms at 10,000 documents).
///
/// Status, role and basis are machine words, the snake_case names of the JSON Lines output
/// (`in_force`, `lead`, `first_listed`), made from the local names of the vocabulary's IRIs
/// (`pkg:InForceText`, `pkg:Lead`, `pkg:BasisFirstListed`); a table for people words them.
pub const TASKS_QUERY: &str =
    "SELECT ?task ?document ?status ?date ?version ?file ?path ?role ?basis ?agency ?text ?a ?r ?basis_kind ?view WHERE {
    ?a skos:prefLabel ?agency .
    ?ra pkg:agency ?a ; pkg:role ?r ; pkg:roleBasis ?b .
    ?t pkg:assignment ?ra .
    ?b pkg:basisKind ?basis_kind .
    ?t pkg:taskId ?task ; pkg:outlinePath ?path ; pkg:text ?text ;
       prov:wasDerivedFrom/oa:hasSelector/oa:start ?start .
    { ?t dcterms:isPartOf ?e OPTIONAL { ?e eli:date_document ?date } OPTIONAL { ?e eli:title ?title } }
    ?e pkg:inView ?view ; pkg:versionStatus ?vs ; prov:hadPrimarySource/pkg:path ?p .
    BIND(STRAFTER(STR(?e), \"/expr/\") AS ?version)
    BIND(REPLACE(?p, \"^.*/\", \"\") AS ?file)
    BIND(COALESCE(?title, ?file, STR(?e)) AS ?document)
    BIND(LCASE(REPLACE(REPLACE(STRAFTER(STR(?vs), \"#\"), \"Text$\", \"\"), \"([a-z])([A-Z])\", \"${1}_$2\")) AS ?status)
    BIND(LCASE(STRAFTER(STR(?r), \"#\")) AS ?role)
    BIND(LCASE(REPLACE(STRAFTER(STR(?b), \"#Basis\"), \"([a-z])([A-Z])\", \"${1}_$2\")) AS ?basis)
}
ORDER BY ?document ?e ?start ?agency";

/// [`TASKS_QUERY`] for the agency `iri` with `role`, and with a basis of kind `basis`
/// (`explicit`, `declared`, `inferred`: the values of `pkg:basisKind`) when given; ready to
/// [`Parameterised::run`] (or to show with its bindings).
pub fn tasks_query(
    iri: &str,
    role: RoleFilter,
    basis: Option<&str>,
    versions: Versions,
) -> Result<Parameterised, GraphError> {
    let q = Parameterised::new(TASKS_QUERY, "the tasks query")
        .bind("a", named(iri)?)
        .bind("view", versions.view())
        .hide("r");
    let q = match role {
        RoleFilter::Lead => q.bind("r", crate::vocab::pkg::LEAD.into_owned()),
        RoleFilter::Support => q.bind("r", crate::vocab::pkg::SUPPORT.into_owned()),
        RoleFilter::Joint => q.bind("r", crate::vocab::pkg::JOINT.into_owned()),
        RoleFilter::Any => q,
    };
    Ok(match basis {
        Some(kind) => q.bind("basis_kind", Literal::new_simple_literal(kind)),
        None => q,
    })
}

/// The tasks of the agency `iri` with `role` (see [`TASKS_QUERY`]).
pub fn tasks_table(
    store: &Store,
    iri: &str,
    role: RoleFilter,
    versions: Versions,
) -> Result<QueryResults<'static>, GraphError> {
    tasks_query(iri, role, None, versions)?.run(store)
}

/// Agencies with their task counts by role, most lead tasks first: `orgs` keeps organisations
/// only (collective bodies such as 各市人民政府 left out); `scoped` keeps the agencies of the
/// jurisdiction bound to `?scopeLabel` / `?scopeCode` and below it (the parameters are
/// projected and grouped on, as oxigraph substitutes projected variables only). The four texts
/// are constants assembled at compile time.
macro_rules! agencies_sparql {
    (@params all) => { " ?view" };
    (@params scoped) => { " ?view ?scopeLabel ?scopeCode" };
    (@kind all) => { "" };
    (@kind orgs) => { "\n    ?a a org:Organization ." };
    (@scope all) => { "" };
    (@scope scoped) => {
        "\n    ?a dcterms:spatial ?aj . ?aj skos:broader* ?scope .
    { ?scope skos:prefLabel ?scopeLabel } UNION { ?scope skos:altLabel ?scopeLabel } UNION { ?scope skos:notation ?scopeCode }"
    };
    ($kind:ident, $scope:ident) => {
        concat!(
            "SELECT ?agency ?jurisdiction (COUNT(DISTINCT ?tl) AS ?lead) (COUNT(DISTINCT ?ts) AS ?support)
       (COUNT(DISTINCT ?tj) AS ?joint) (COUNT(DISTINCT ?t) AS ?tasks)",
            agencies_sparql!(@params $scope),
            " WHERE {
    ?t pkg:assignment ?ra ; dcterms:isPartOf ?e .
    ?e pkg:inView ?view .
    ?ra pkg:agency ?a ; pkg:role ?r .",
            agencies_sparql!(@kind $kind),
            "
    ?a skos:prefLabel ?agency .",
            agencies_sparql!(@scope $scope),
            "
    OPTIONAL { ?a dcterms:spatial/skos:prefLabel ?jurisdiction }
    BIND(IF(?r = pkg:Lead, ?t, ?none) AS ?tl)
    BIND(IF(?r = pkg:Support, ?t, ?none) AS ?ts)
    BIND(IF(?r = pkg:Joint, ?t, ?none) AS ?tj)
}
GROUP BY ?a ?agency ?jurisdiction",
            agencies_sparql!(@params $scope),
            "
ORDER BY DESC(?lead) DESC(?tasks) ?agency"
        )
    };
}

const AGENCIES_ALL: &str = agencies_sparql!(all, all);
const AGENCIES_ORGS: &str = agencies_sparql!(orgs, all);
const AGENCIES_ALL_IN: &str = agencies_sparql!(all, scoped);
const AGENCIES_ORGS_IN: &str = agencies_sparql!(orgs, scoped);

/// The query that lists agencies with their task counts by role (agency, jurisdiction, lead,
/// support, joint, tasks), most lead tasks first. Collective bodies (各市人民政府) are left
/// out unless `collective`; with `jurisdiction` (a full or short name, or a 文号
/// abbreviation), only agencies of that place or below it.
pub fn agencies_query(
    collective: bool,
    jurisdiction: Option<&str>,
    versions: Versions,
) -> Parameterised {
    const NAME: &str = "the agencies query";
    let q = match (collective, jurisdiction) {
        (true, None) => Parameterised::new(AGENCIES_ALL, NAME),
        (false, None) => Parameterised::new(AGENCIES_ORGS, NAME),
        (true, Some(j)) => in_scope(Parameterised::new(AGENCIES_ALL_IN, NAME), j),
        (false, Some(j)) => in_scope(Parameterised::new(AGENCIES_ORGS_IN, NAME), j),
    };
    q.bind("view", versions.view())
}

/// Runs [`agencies_query`].
pub fn agencies_table(
    store: &Store,
    collective: bool,
    jurisdiction: Option<&str>,
    versions: Versions,
) -> Result<QueryResults<'static>, GraphError> {
    agencies_query(collective, jurisdiction, versions).run(store)
}

/// Everything the store knows about one agency, for `policykg agencies NAME`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyProfile {
    pub iri: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub jurisdiction: Option<String>,
    pub parent: Option<String>,
    pub kind: Option<String>,
    pub lead: usize,
    pub support: usize,
    pub joint: usize,
    pub documents: usize,
}

/// The profile of the agency `iri`; its task counts count the `versions` asked for.
pub fn agency_profile(
    store: &Store,
    iri: &str,
    versions: Versions,
) -> Result<AgencyProfile, GraphError> {
    const NAMES: &str = "SELECT ?name ?j ?parent ?kind ?a WHERE { ?a skos:prefLabel ?name .
           OPTIONAL { ?a dcterms:spatial/skos:prefLabel ?j }
           OPTIONAL { ?a org:subOrganizationOf/skos:prefLabel ?parent }
           OPTIONAL { ?a pkg:agencyKind ?kind } } LIMIT 1";
    const ALIASES: &str = "SELECT DISTINCT ?l ?a WHERE { ?a skos:altLabel ?l } ORDER BY ?l";
    const ROLES: &str = "SELECT ?r (COUNT(DISTINCT ?t) AS ?n) ?a ?view WHERE {
           ?t pkg:assignment ?ra ; dcterms:isPartOf ?e . ?e pkg:inView ?view .
           ?ra pkg:agency ?a ; pkg:role ?r } GROUP BY ?r ?a ?view";
    const DOCUMENTS: &str = "SELECT (COUNT(DISTINCT ?e) AS ?n) ?a ?view WHERE {
           ?t pkg:assignment ?ra . ?ra pkg:agency ?a . ?t dcterms:isPartOf ?e .
           ?e pkg:inView ?view } GROUP BY ?a ?view";
    let a = named(iri)?;
    let one = |q: &'static str| -> Result<Vec<Vec<Option<Term>>>, GraphError> {
        let q = Parameterised::new(q, "agency profile").bind("a", a.clone());
        let q = if q.text.contains("?view") {
            q.bind("view", versions.view())
        } else {
            q
        };
        Ok(q.rows(store)?.1)
    };
    let mut p = AgencyProfile {
        iri: iri.to_owned(),
        ..Default::default()
    };
    for r in one(NAMES)? {
        p.name = text(&r[0]).unwrap_or_default();
        p.jurisdiction = text(&r[1]);
        p.parent = text(&r[2]);
        p.kind = text(&r[3]);
    }
    for r in one(ALIASES)? {
        if let Some(l) = text(&r[0]) {
            p.aliases.push(l);
        }
    }
    for r in one(ROLES)? {
        let n = text(&r[1]).and_then(|n| n.parse().ok()).unwrap_or(0);
        match text(&r[0]).as_deref() {
            Some(x) if x.ends_with("#Lead") => p.lead = n,
            Some(x) if x.ends_with("#Support") => p.support = n,
            Some(x) if x.ends_with("#Joint") => p.joint = n,
            _ => {}
        }
    }
    // Grouped by the agency, an agency without tasks has no row (0 documents).
    for r in one(DOCUMENTS)? {
        p.documents = text(&r[0]).and_then(|n| n.parse().ok()).unwrap_or(0);
    }
    Ok(p)
}
