//! The reference data published into every store: the policykg vocabulary
//! (`ontology/policykg.ttl`, graph `{base}graph/vocabulary`) and the agency gazetteer with the
//! jurisdictions (graph `{base}graph/gazetteer`), so that queries can go through aliases
//! (`skos:altLabel "省经信厅"@zh`) and up the jurisdiction tree (`skos:broader`).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::BTreeMap;

use policykg_ontology::gazetteer::AgencyKind;
use policykg_ontology::{Level, Ontology};

use crate::iri::{Iris, SharedGraph};
use crate::vocab::{cpov, dcterms, org, pkg, rdf, skos};
use crate::GraphError;

/// The vocabulary, compiled in.
pub const VOCABULARY_TTL: &str = include_str!("../../../ontology/policykg.ttl");

/// The quads of the vocabulary graph.
pub fn vocabulary_quads(iris: &Iris) -> Result<Vec<Quad>, GraphError> {
    let graph = GraphName::NamedNode(iris.graph(SharedGraph::Vocabulary));
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(VOCABULARY_TTL.as_bytes())
        .map(|q| {
            q.map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
                .map_err(|e| GraphError::Data {
                    what: "ontology/policykg.ttl".into(),
                    reason: e.to_string(),
                })
        })
        .collect()
}

/// One agency of the gazetteer, as the graph needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyRecord {
    /// Canonical, jurisdiction-scoped name: 安徽省经济和信息化厅.
    pub canonical: String,
    /// Other names it goes by in its jurisdiction: 省经济和信息化厅, 省经信厅.
    pub aliases: Vec<String>,
    /// Full name of its jurisdiction.
    pub jurisdiction: Option<String>,
    /// Canonical name of the body it belongs to.
    pub parent: Option<String>,
    /// The gazetteer's kind, as written there.
    pub kind: Option<String>,
    /// A public body (department, government, commission, branch of a central body), as
    /// opposed to an enterprise.
    pub public: bool,
    /// A class of bodies (各市人民政府), typed pkg:CollectiveBody rather than org:Organization.
    pub collective: bool,
}

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "zh")
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::National => "national",
        Level::Province => "province",
        Level::Prefecture => "prefecture",
        Level::County => "county",
    }
}

/// The quads of the gazetteer graph: every jurisdiction of `ontology`, and `agencies`.
pub fn gazetteer_quads(iris: &Iris, ontology: &Ontology, agencies: &[AgencyRecord]) -> Vec<Quad> {
    let graph = GraphName::NamedNode(iris.graph(SharedGraph::Gazetteer));
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(s.clone(), p.into_owned(), o, graph.clone()));
    };
    let mut jurisdictions: Vec<_> = ontology.jurisdictions.iter().collect();
    jurisdictions.sort_by(|a, b| a.name.cmp(&b.name));
    for j in jurisdictions {
        let s = iris.jurisdiction(&j.name);
        add(&s, rdf::TYPE, dcterms::JURISDICTION.into_owned().into());
        add(&s, rdf::TYPE, skos::CONCEPT.into_owned().into());
        add(&s, skos::PREF_LABEL, zh(&j.name).into());
        for short in &j.short {
            add(&s, skos::ALT_LABEL, zh(short).into());
        }
        for abbr in &j.abbr {
            add(&s, skos::NOTATION, Literal::new_simple_literal(abbr).into());
        }
        add(
            &s,
            pkg::LEVEL,
            Literal::new_simple_literal(level_name(j.level)).into(),
        );
        if let Some(parent) = &j.parent {
            add(&s, skos::BROADER, iris.jurisdiction(parent).into());
        }
    }
    let mut agencies: Vec<&AgencyRecord> = agencies.iter().collect();
    agencies.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    for a in agencies {
        let s = iris.agency(&a.canonical);
        if a.collective {
            add(&s, rdf::TYPE, pkg::COLLECTIVE_BODY.into_owned().into());
        } else {
            add(&s, rdf::TYPE, org::ORGANIZATION.into_owned().into());
        }
        if a.public && !a.collective {
            add(&s, rdf::TYPE, cpov::PUBLIC_ORGANISATION.into_owned().into());
        }
        add(&s, skos::PREF_LABEL, zh(&a.canonical).into());
        let mut aliases: Vec<&String> = a.aliases.iter().filter(|x| **x != a.canonical).collect();
        aliases.sort();
        aliases.dedup();
        for alias in aliases {
            add(&s, skos::ALT_LABEL, zh(alias).into());
        }
        if let Some(j) = &a.jurisdiction {
            add(&s, dcterms::SPATIAL, iris.jurisdiction(j).into());
        }
        if let Some(p) = &a.parent {
            add(&s, org::SUB_ORGANIZATION_OF, iris.agency(p).into());
        }
        if let Some(k) = &a.kind {
            add(&s, pkg::AGENCY_KIND, Literal::new_simple_literal(k).into());
        }
    }
    let mut seen = std::collections::HashSet::new();
    quads.retain(|q| seen.insert(q.clone()));
    quads
}

/// Every agency of the ontology's gazetteer: its concrete bodies, and its templates
/// instantiated for every jurisdiction (安徽省经济和信息化厅 with 省经信厅, 安徽经信厅 …), merged by
/// canonical name.
pub fn gazetteer_records(ontology: &Ontology) -> Vec<AgencyRecord> {
    let mut by_name: BTreeMap<String, AgencyRecord> = BTreeMap::new();
    let scopes = std::iter::once(None).chain(ontology.jurisdictions.iter().map(Some));
    for scope in scopes {
        for e in ontology.gazetteer.entries_for(scope) {
            let collective = e.kind == AgencyKind::Collective;
            let public = matches!(
                e.kind,
                AgencyKind::Central | AgencyKind::Local | AgencyKind::Branch
            ) && !ENTERPRISE_MARKS.iter().any(|m| e.canonical.contains(m));
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
            let r = by_name
                .entry(e.canonical.clone())
                .or_insert_with(|| AgencyRecord {
                    canonical: e.canonical.clone(),
                    aliases: Vec::new(),
                    jurisdiction: None,
                    parent: None,
                    kind,
                    public,
                    collective,
                });
            for a in e.aliases {
                if !r.aliases.contains(&a) {
                    r.aliases.push(a);
                }
            }
            if r.jurisdiction.is_none() {
                r.jurisdiction = e.jurisdiction;
            }
            if r.parent.is_none() {
                r.parent = e.parent;
            }
        }
    }
    by_name.into_values().collect()
}

/// Names of enterprises, which the gazetteer lists with public bodies (省投资集团公司).
const ENTERPRISE_MARKS: &[&str] = &["公司", "集团"];
