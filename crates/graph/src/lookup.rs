//! Questions people ask by name: which agency is 省经信厅, and which tasks does it have. Names
//! are resolved through the labels in the store (canonical names, gazetteer aliases, every form
//! seen in a text) and, optionally, a jurisdiction with everything under it.

use oxigraph::model::Term;
use oxigraph::store::Store;
use policykg_ontology::Jurisdictions;

use crate::query::{select, text};
use crate::GraphError;

/// A SPARQL string literal with `s` escaped.
pub fn sparql_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Which roles to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleFilter {
    Lead,
    Support,
    Joint,
    Any,
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

fn resolve_exact(
    store: &Store,
    name: &str,
    jurisdiction: Option<&str>,
) -> Result<Vec<AgencyMatch>, GraphError> {
    let lit = format!("{}@zh", sparql_string(name));
    let scope = match jurisdiction {
        Some(j) => {
            let j = sparql_string(j.trim());
            format!(
                "?a dcterms:spatial ?aj .
                 {{ ?scope skos:prefLabel {j}@zh }} UNION {{ ?scope skos:altLabel {j}@zh }}
                 UNION {{ ?scope skos:notation {j} }}
                 ?aj skos:broader* ?scope ."
            )
        }
        None => String::new(),
    };
    let q = format!(
        "SELECT DISTINCT ?a ?name ?jurisdiction WHERE {{
            {{ ?a skos:prefLabel {lit} }} UNION {{ ?a skos:altLabel {lit} }}
            ?a skos:prefLabel ?name .
            OPTIONAL {{ ?a dcterms:spatial/skos:prefLabel ?jurisdiction }}
            {scope}
        }} ORDER BY ?name"
    );
    let (_, rows) = select(store, &q, "agency lookup")?;
    let mut out: Vec<AgencyMatch> = Vec::new();
    for r in rows {
        let (Some(iri), Some(name)) = (text(&r[0]), text(&r[1])) else {
            continue;
        };
        if out.iter().any(|m| m.iri == iri) {
            continue;
        }
        out.push(AgencyMatch {
            iri,
            name,
            jurisdiction: text(&r[2]),
        });
    }
    Ok(out)
}

/// The matches that are responsible for at least one task in the store. An alias such as
/// 省财政厅 names the finance department of every province in the gazetteer; the one a
/// researcher means is almost always the one their documents name.
pub fn with_tasks(store: &Store, matches: &[AgencyMatch]) -> Result<Vec<AgencyMatch>, GraphError> {
    if matches.is_empty() {
        return Ok(Vec::new());
    }
    let values: String = matches.iter().map(|m| format!("<{}> ", m.iri)).collect();
    let q = format!("SELECT DISTINCT ?a WHERE {{ VALUES ?a {{ {values}}} ?ra pkg:agency ?a }}");
    let (_, rows) = select(store, &q, "agency lookup")?;
    let active: Vec<String> = rows.iter().filter_map(|r| text(&r[0])).collect();
    Ok(matches
        .iter()
        .filter(|m| active.contains(&m.iri))
        .cloned()
        .collect())
}

/// Up to `limit` canonical names or aliases containing `fragment`, for "did you mean".
pub fn suggest_agencies(
    store: &Store,
    fragment: &str,
    limit: usize,
) -> Result<Vec<String>, GraphError> {
    let f = sparql_string(fragment.trim());
    let q = format!(
        "SELECT DISTINCT ?name WHERE {{
            ?a skos:prefLabel ?name .
            {{ ?a skos:prefLabel ?l }} UNION {{ ?a skos:altLabel ?l }}
            FILTER(CONTAINS(STR(?l), {f}) || CONTAINS({f}, STR(?l)))
        }} ORDER BY STRLEN(STR(?name)) ?name LIMIT {limit}"
    );
    let (_, rows) = select(store, &q, "agency suggestions")?;
    Ok(rows.iter().filter_map(|r| text(&r[0])).collect())
}

/// The SPARQL that lists the tasks of `agencies` (IRIs) with `role`: task, document, file,
/// outline path, role, role basis, agency, text; in document order.
pub fn tasks_query(agencies: &[String], role: RoleFilter) -> String {
    let values: String = agencies.iter().map(|a| format!("<{a}> ")).collect();
    let role_filter = match role {
        RoleFilter::Lead => "FILTER(?r = pkg:Lead)",
        RoleFilter::Support => "FILTER(?r = pkg:Support)",
        RoleFilter::Joint => "FILTER(?r = pkg:Joint)",
        RoleFilter::Any => "",
    };
    format!(
        "SELECT ?task ?document ?file ?path ?role ?basis ?agency ?text WHERE {{
    VALUES ?a {{ {values}}}
    ?t pkg:assignment ?ra .
    ?ra pkg:agency ?a ; pkg:role ?r ; pkg:roleBasis ?b .
    {role_filter}
    ?a skos:prefLabel ?agency .
    ?t pkg:taskId ?task ; pkg:outlinePath ?path ; pkg:text ?text ; dcterms:isPartOf ?e ;
       prov:wasDerivedFrom/oa:hasSelector/oa:start ?start .
    OPTIONAL {{ ?e eli:title ?title }}
    OPTIONAL {{ ?e prov:hadPrimarySource/pkg:path ?p }}
    OPTIONAL {{ ?r rdfs:label ?rl FILTER(LANG(?rl) = \"en\") }}
    OPTIONAL {{ ?b rdfs:label ?bl FILTER(LANG(?bl) = \"en\") }}
    BIND(REPLACE(COALESCE(?p, \"\"), \"^.*/\", \"\") AS ?file)
    BIND(COALESCE(?title, ?file, STR(?e)) AS ?document)
    BIND(COALESCE(?rl, STRAFTER(STR(?r), \"#\")) AS ?role)
    BIND(COALESCE(?bl, STRAFTER(STR(?b), \"#\")) AS ?basis)
}}
ORDER BY ?document ?e ?start ?agency"
    )
}

/// The SPARQL that lists agencies with their task counts by role, most lead tasks first.
/// Collective bodies (各市人民政府) are left out unless `collective`.
pub fn agencies_query(collective: bool) -> String {
    let kind = if collective {
        ""
    } else {
        "?a a org:Organization ."
    };
    format!(
        "SELECT ?agency ?jurisdiction (COUNT(DISTINCT ?tl) AS ?lead) (COUNT(DISTINCT ?ts) AS ?support)
       (COUNT(DISTINCT ?tj) AS ?joint) (COUNT(DISTINCT ?t) AS ?tasks) WHERE {{
    ?t pkg:assignment ?ra .
    ?ra pkg:agency ?a ; pkg:role ?r .
    {kind}
    ?a skos:prefLabel ?agency .
    OPTIONAL {{ ?a dcterms:spatial/skos:prefLabel ?jurisdiction }}
    BIND(IF(?r = pkg:Lead, ?t, ?none) AS ?tl)
    BIND(IF(?r = pkg:Support, ?t, ?none) AS ?ts)
    BIND(IF(?r = pkg:Joint, ?t, ?none) AS ?tj)
}}
GROUP BY ?a ?agency ?jurisdiction
ORDER BY DESC(?lead) DESC(?tasks) ?agency"
    )
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

pub fn agency_profile(store: &Store, iri: &str) -> Result<AgencyProfile, GraphError> {
    let a = format!("<{iri}>");
    let one = |q: &str| -> Result<Vec<Vec<Option<Term>>>, GraphError> {
        Ok(select(store, q, "agency profile")?.1)
    };
    let mut p = AgencyProfile {
        iri: iri.to_owned(),
        ..Default::default()
    };
    for r in one(&format!(
        "SELECT ?name ?j ?parent ?kind WHERE {{ {a} skos:prefLabel ?name .
           OPTIONAL {{ {a} dcterms:spatial/skos:prefLabel ?j }}
           OPTIONAL {{ {a} org:subOrganizationOf/skos:prefLabel ?parent }}
           OPTIONAL {{ {a} pkg:agencyKind ?kind }} }} LIMIT 1"
    ))? {
        p.name = text(&r[0]).unwrap_or_default();
        p.jurisdiction = text(&r[1]);
        p.parent = text(&r[2]);
        p.kind = text(&r[3]);
    }
    for r in one(&format!(
        "SELECT DISTINCT ?l WHERE {{ {a} skos:altLabel ?l }} ORDER BY ?l"
    ))? {
        if let Some(l) = text(&r[0]) {
            p.aliases.push(l);
        }
    }
    for r in one(&format!(
        "SELECT ?r (COUNT(DISTINCT ?t) AS ?n) WHERE {{
           ?t pkg:assignment ?ra . ?ra pkg:agency {a} ; pkg:role ?r }} GROUP BY ?r"
    ))? {
        let n = text(&r[1]).and_then(|n| n.parse().ok()).unwrap_or(0);
        match text(&r[0]).as_deref() {
            Some(x) if x.ends_with("#Lead") => p.lead = n,
            Some(x) if x.ends_with("#Support") => p.support = n,
            Some(x) if x.ends_with("#Joint") => p.joint = n,
            _ => {}
        }
    }
    for r in one(&format!(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
           ?t pkg:assignment ?ra . ?ra pkg:agency {a} . ?t dcterms:isPartOf ?e }}"
    ))? {
        p.documents = text(&r[0]).and_then(|n| n.parse().ok()).unwrap_or(0);
    }
    Ok(p)
}
