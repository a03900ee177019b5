//! One [`Extraction`] → the quads of its version's named graph, plus the shared facts (the
//! policy, the agencies) that go into shared graphs so that no triple is stated twice.
//!
//! The mapping is a pure function of the extraction, its text fingerprint and the base IRI:
//! nothing that depends on the file (path, encoding) goes into the version's graph, so two files
//! holding the same text give the same graph.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{
    GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, TermRef,
    Triple,
};
use policykg_extract::{
    AmountChange, AmountKind, AmountRole, Change, Comparator, Deadline, DeadlineKind, Extraction,
    Period, Role, RoleBasis, RoleConvention, TaskOrigin,
};
use policykg_ontology::Ontology;
use policykg_read::Span;
use rust_decimal::Decimal;

use crate::iri::{self, Iris, WorkKey};
use crate::vocab::{dcterms, eli, oa, org, pkg, prov, rdf, rdfs, schema, skos, xsd, ZHO};

/// Bumped whenever the mapping changes what it writes, so that `ingest` redoes unchanged files
/// (6: a notice issuing a policy is a version of the policy it names, `versions::work_name`;
/// 7: source files are recorded by their path relative to a root, `pkg:root`; 9: a work is keyed
/// by its title before its 文号, `iri::WorkKey`).
pub const MAPPING_VERSION: u32 = 9;

/// The graph of one version, ready to be written.
#[derive(Debug, Clone)]
pub struct MappedDocument {
    /// The version (eli:LegalExpression); also the name of its graph.
    pub expression: NamedNode,
    /// The policy it is a version of (eli:LegalResource).
    pub work: NamedNode,
    pub fingerprint: String,
    /// Every quad of the version's graph, the closing `pkg:tripleCount` included, in a stable
    /// order.
    pub quads: Vec<Quad>,
    /// Facts about the policy and the policies it cites by 文号, for the works graph.
    pub work_facts: Vec<Triple>,
    /// Facts about the agencies named (type, canonical name, name forms seen), for the agencies
    /// graph; the store skips those the gazetteer graph already states.
    pub agency_facts: Vec<Triple>,
    pub stats: DocumentStats,
    pub richness: Richness,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentStats {
    pub tasks: usize,
    pub assignments: usize,
    pub targets: usize,
    pub amounts: usize,
    pub citations: usize,
    /// Agencies (not collective bodies) named responsible, by IRI.
    pub agencies: BTreeSet<String>,
}

/// How much a version's graph says: when several files hold the same text (a saved gov.cn page
/// and its text, a GBK copy), the graph of the one that says most is kept, whatever the order
/// they are ingested in. Compared field by field: metadata first (a page's 发文字号 / 成文日期
/// table), then responsibility assignments, tasks, other facts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Richness {
    /// Which of title, 文号, date, issuer and jurisdiction the version has.
    pub metadata: usize,
    pub assignments: usize,
    pub tasks: usize,
    /// Targets, amounts and citations.
    pub facts: usize,
}

impl Richness {
    /// Measures the quads of a version's graph.
    pub fn of<'a>(expression: &NamedNode, quads: impl IntoIterator<Item = QuadRef<'a>>) -> Self {
        let mut r = Richness::default();
        let mut metadata = BTreeSet::new();
        for q in quads {
            if q.subject == expression.as_ref().into()
                && [
                    eli::TITLE,
                    eli::NUMBER,
                    eli::DATE_DOCUMENT,
                    eli::PASSED_BY,
                    eli::JURISDICTION,
                ]
                .contains(&q.predicate)
            {
                metadata.insert(q.predicate.as_str());
            }
            if q.predicate == rdf::TYPE {
                match q.object {
                    TermRef::NamedNode(t) if t == pkg::TASK => r.tasks += 1,
                    TermRef::NamedNode(t) if t == pkg::RESPONSIBILITY_ASSIGNMENT => {
                        r.assignments += 1
                    }
                    TermRef::NamedNode(t)
                        if t == pkg::TARGET
                            || t == schema::MONETARY_AMOUNT
                            || t == pkg::CITATION =>
                    {
                        r.facts += 1
                    }
                    _ => {}
                }
            }
        }
        r.metadata = metadata.len();
        r
    }
}

/// Maps an extraction. `fingerprint` is [`iri::fingerprint`] of the document text.
pub fn map_extraction(
    x: &Extraction,
    fingerprint: &str,
    iris: &Iris,
    ontology: &Ontology,
) -> MappedDocument {
    let mut m = Mapper::new(x, fingerprint, iris, ontology);
    m.document();
    m.tasks();
    m.targets();
    m.amounts();
    m.finish()
}

struct Mapper<'a> {
    x: &'a Extraction,
    iris: &'a Iris,
    ontology: &'a Ontology,
    expression: NamedNode,
    graph: GraphName,
    work: NamedNode,
    /// The document's own 文号, normalised ([`iri::doc_number_key`]).
    number: Option<String>,
    fingerprint: String,
    /// Full name of the document's jurisdiction, when known.
    jurisdiction: Option<String>,
    quads: Vec<Quad>,
    work_facts: Vec<Triple>,
    agency_facts: Vec<Triple>,
    agency_typed: BTreeSet<String>,
    task_iris: HashMap<&'a str, NamedNode>,
    stats: DocumentStats,
}

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "zh")
}

fn string(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

fn decimal(d: Decimal) -> Literal {
    Literal::new_typed_literal(d.normalize().to_string(), xsd::DECIMAL)
}

fn integer(n: impl Into<i64>) -> Literal {
    Literal::from(n.into())
}

fn boolean(b: bool) -> Literal {
    Literal::from(b)
}

/// A valid xsd:date lexical form, or None.
fn date(s: &str) -> Option<Literal> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| Literal::new_typed_literal(s, xsd::DATE))
}

pub(crate) fn role(r: Role) -> NamedNodeRef<'static> {
    match r {
        Role::Lead => pkg::LEAD,
        Role::Support => pkg::SUPPORT,
        Role::Joint => pkg::JOINT,
    }
}

pub(crate) fn basis(b: RoleBasis) -> NamedNodeRef<'static> {
    match b {
        RoleBasis::Explicit => pkg::BASIS_EXPLICIT,
        RoleBasis::DeclaredConvention => pkg::BASIS_DECLARED_CONVENTION,
        RoleBasis::FirstListed => pkg::BASIS_FIRST_LISTED,
        RoleBasis::Joint => pkg::BASIS_JOINT,
        RoleBasis::Prose => pkg::BASIS_PROSE,
    }
}

fn convention(c: RoleConvention) -> NamedNodeRef<'static> {
    match c {
        RoleConvention::ExplicitMarks => pkg::EXPLICIT_MARKS,
        RoleConvention::DeclaredFirstListed => pkg::DECLARED_FIRST_LISTED,
        RoleConvention::FirstListed => pkg::FIRST_LISTED_CONVENTION,
    }
}

fn comparator(c: Comparator) -> NamedNodeRef<'static> {
    match c {
        Comparator::AtLeast => pkg::AT_LEAST,
        Comparator::AtMost => pkg::AT_MOST,
        Comparator::About => pkg::ABOUT,
        Comparator::Exactly => pkg::EXACTLY,
    }
}

fn period(p: Period) -> NamedNodeRef<'static> {
    match p {
        Period::Annual => pkg::ANNUAL,
        Period::Cumulative => pkg::CUMULATIVE,
        Period::WithinYears => pkg::WITHIN_YEARS,
    }
}

fn amount_role(r: AmountRole) -> NamedNodeRef<'static> {
    match r {
        AmountRole::Award => pkg::AWARD_ROLE,
        AmountRole::Cap => pkg::CAP_ROLE,
        AmountRole::Threshold => pkg::THRESHOLD_ROLE,
        AmountRole::Fund => pkg::FUND_ROLE,
        AmountRole::Penalty => pkg::PENALTY_ROLE,
        AmountRole::Fee => pkg::FEE_ROLE,
        AmountRole::Other => pkg::OTHER_ROLE,
    }
}

fn amount_kind(k: AmountKind) -> NamedNodeRef<'static> {
    match k {
        AmountKind::Subsidy => pkg::SUBSIDY,
        AmountKind::Award => pkg::AWARD,
        AmountKind::Fund => pkg::FUND,
        AmountKind::Credit => pkg::CREDIT,
        AmountKind::Other => pkg::OTHER_AMOUNT,
    }
}

fn deadline_kind(k: DeadlineKind) -> NamedNodeRef<'static> {
    match k {
        DeadlineKind::Date => pkg::DATED_DEADLINE,
        DeadlineKind::Relative => pkg::RELATIVE_DEADLINE,
        DeadlineKind::Ongoing => pkg::ONGOING_DEADLINE,
        DeadlineKind::Recurring => pkg::RECURRING_DEADLINE,
        DeadlineKind::Other => pkg::OTHER_DEADLINE,
    }
}

fn origin(o: TaskOrigin) -> NamedNodeRef<'static> {
    match o {
        TaskOrigin::Item => pkg::OUTLINE_ITEM,
        TaskOrigin::Statement => pkg::STATEMENT,
        TaskOrigin::TableRow => pkg::TABLE_ROW,
    }
}

impl<'a> Mapper<'a> {
    fn new(x: &'a Extraction, fingerprint: &str, iris: &'a Iris, ontology: &'a Ontology) -> Self {
        let expression = iris.expression(fingerprint);
        // The jurisdiction's full name (an extraction may give the short one).
        let jurisdiction = x
            .jurisdiction
            .as_deref()
            .map(str::trim)
            .filter(|j| !j.is_empty())
            .map(|j| {
                ontology
                    .jurisdictions
                    .get(j)
                    .map_or_else(|| j.to_owned(), |found| found.name.clone())
            });
        // A notice issuing a policy is a version of that policy, whatever edition it issues.
        let key = WorkKey::new(
            x.doc_number.as_deref(),
            x.title.as_deref().map(crate::versions::work_name),
            jurisdiction.as_deref(),
            fingerprint,
        );
        let work = iris.work(&key);
        let mut work_facts = vec![Triple::new(
            work.clone(),
            rdf::TYPE,
            eli::LEGAL_RESOURCE.into_owned(),
        )];
        // The work is known by each 文号 it was issued under (one per version).
        let number = x.doc_number.as_deref().map(iri::doc_number_key);
        if let Some(n) = number.as_ref().filter(|n| !n.is_empty()) {
            work_facts.push(Triple::new(work.clone(), eli::NUMBER, string(n)));
        }
        Mapper {
            x,
            iris,
            ontology,
            graph: GraphName::NamedNode(expression.clone()),
            expression,
            work,
            number,
            fingerprint: fingerprint.to_owned(),
            jurisdiction,
            quads: Vec::new(),
            work_facts,
            agency_facts: Vec::new(),
            agency_typed: BTreeSet::new(),
            task_iris: HashMap::new(),
            stats: DocumentStats::default(),
        }
    }

    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: impl Into<NamedNode>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s, p.into(), o, self.graph.clone()));
    }

    /// `thing prov:wasDerivedFrom [oa:SpecificResource on the version, TextPositionSelector]`.
    fn anchor(&mut self, thing: &NamedNode, fragment: &str, span: Span) {
        let resource = iri::fragment(thing, fragment);
        let selector = iri::fragment(thing, &format!("{fragment}-position"));
        self.add(thing.clone(), prov::WAS_DERIVED_FROM, resource.clone());
        self.add(resource.clone(), rdf::TYPE, oa::SPECIFIC_RESOURCE);
        self.add(resource.clone(), oa::HAS_SOURCE, self.expression.clone());
        self.add(resource, oa::HAS_SELECTOR, selector.clone());
        self.add(selector.clone(), rdf::TYPE, oa::TEXT_POSITION_SELECTOR);
        self.add(selector.clone(), oa::START, integer(span.start as i64));
        self.add(selector, oa::END, integer(span.end as i64));
    }

    fn agency_fact(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.agency_facts
            .push(Triple::new(s.clone(), p.into_owned(), o));
    }

    /// The IRI of a named agency, recording what the text says about it: its type, canonical
    /// name, the form written, and (from the extraction's gazetteer lookup) its jurisdiction and
    /// the body it belongs to.
    fn agency(
        &mut self,
        name: &str,
        mention: &str,
        collective: bool,
        jurisdiction: Option<&str>,
        parent: Option<&str>,
    ) -> NamedNode {
        let name = name.trim();
        // Collective bodies are scoped by the extraction like agencies (安徽省各市人民政府).
        let iri = self.iris.agency(name);
        if self.agency_typed.insert(iri.as_str().to_owned()) {
            let kind = if collective {
                pkg::COLLECTIVE_BODY
            } else {
                org::ORGANIZATION
            };
            self.agency_fact(&iri, rdf::TYPE, kind);
            self.agency_fact(&iri, skos::PREF_LABEL, zh(name));
            // The extraction's jurisdiction for the agency; else the scope its canonical name
            // carries ("安徽省经济和信息化厅"); a collective without either is the document's.
            let place = jurisdiction
                .map(str::to_owned)
                .or_else(|| {
                    self.ontology
                        .jurisdictions
                        .prefix_of(name)
                        .map(|(j, _)| j.name.clone())
                })
                .or_else(|| collective.then(|| self.jurisdiction.clone()).flatten());
            if let Some(j) = place {
                let j = self.iris.jurisdiction(&j);
                self.agency_fact(&iri, dcterms::SPATIAL, j);
            }
            if let Some(p) = parent
                .map(str::trim)
                .filter(|p| !p.is_empty() && *p != name)
            {
                let p = self.iris.agency(p);
                self.agency_fact(&iri, org::SUB_ORGANIZATION_OF, p);
            }
        }
        let mention = mention.trim();
        if !mention.is_empty() && mention != name {
            self.agency_fact(&iri, skos::ALT_LABEL, zh(mention));
        }
        iri
    }

    fn document(&mut self) {
        let x = self.x;
        let e = self.expression.clone();
        let work = self.work.clone();
        self.add(e.clone(), rdf::TYPE, eli::LEGAL_EXPRESSION);
        self.add(e.clone(), eli::REALIZES, work.clone());
        self.add(work.clone(), eli::IS_REALIZED_BY, e.clone());
        self.add(e.clone(), eli::IS_MEMBER_OF, work);
        self.add(e.clone(), eli::LANGUAGE, ZHO);
        if let Some(t) = x.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            self.add(e.clone(), eli::TITLE, zh(t));
        }
        if let Some(st) = x.status.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            self.add(e.clone(), pkg::STATUS, zh(st));
        }
        if let Some(n) = x
            .doc_number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            self.add(e.clone(), eli::NUMBER, string(n));
        }
        if let Some(d) = x.date.as_deref() {
            match date(d) {
                Some(lit) => self.add(e.clone(), eli::DATE_DOCUMENT, lit),
                None => self.add(
                    e.clone(),
                    pkg::WARNING,
                    string(&format!("date `{d}` is not YYYY-MM-DD; not recorded")),
                ),
            }
        }
        if let Some(d) = x.in_force_date.as_deref() {
            match date(d) {
                Some(lit) => self.add(e.clone(), eli::FIRST_DATE_ENTRY_IN_FORCE, lit),
                None => self.add(
                    e.clone(),
                    pkg::WARNING,
                    string(&format!(
                        "in-force date `{d}` is not YYYY-MM-DD; not recorded"
                    )),
                ),
            }
        }
        if let Some(j) = self.jurisdiction.clone() {
            let j = self.iris.jurisdiction(&j);
            self.add(e.clone(), eli::JURISDICTION, j);
        }
        for issuer in &x.issuers {
            if issuer.trim().is_empty() {
                continue;
            }
            let a = self.agency(issuer, issuer, false, None, None);
            self.add(e.clone(), eli::PASSED_BY, a);
        }
        for addressee in &x.addressees {
            self.add(e.clone(), pkg::ADDRESSEE, zh(addressee));
        }
        self.add(e.clone(), pkg::ROLE_CONVENTION, convention(x.convention));
        self.add(e.clone(), pkg::TEXT_FINGERPRINT, string(&self.fingerprint));
        for w in &x.warnings {
            let msg = match w.span {
                Some(s) => format!("{} (characters {}–{})", w.message, s.start, s.end),
                None => w.message.clone(),
            };
            self.add(e.clone(), pkg::WARNING, string(&msg));
        }
        for (i, c) in x.citations.iter().enumerate() {
            let cit = iri::numbered(&e, "citation", i + 1);
            self.add(e.clone(), pkg::CITATION_OF, cit.clone());
            self.add(cit.clone(), rdf::TYPE, pkg::CITATION);
            self.add(cit.clone(), dcterms::IS_PART_OF, e.clone());
            if let Some(t) = c.title.as_deref().filter(|t| !t.trim().is_empty()) {
                self.add(cit.clone(), pkg::CITED_TITLE, zh(t.trim()));
            }
            if let Some(n) = c.doc_number.as_deref().filter(|n| !n.trim().is_empty()) {
                self.add(cit.clone(), pkg::CITED_NUMBER, string(n.trim()));
                let number = iri::doc_number_key(n);
                // A document does not cite itself (a notice repeating its own 文号).
                if self.number.as_ref() != Some(&number) {
                    let cited = self.iris.work(&WorkKey::Number(number.clone()));
                    self.add(e.clone(), eli::CITES, cited.clone());
                    // The cited policy is known by its 文号 even when no version of it is in
                    // the store, so that "who cites 皖政〔2018〕46号" is one join.
                    self.work_facts.push(Triple::new(
                        cited.clone(),
                        rdf::TYPE,
                        eli::LEGAL_RESOURCE.into_owned(),
                    ));
                    self.work_facts
                        .push(Triple::new(cited, eli::NUMBER, string(&number)));
                }
            }
            self.anchor(&cit, "span", c.span);
            self.stats.citations += 1;
        }
    }

    fn tasks(&mut self) {
        let x = self.x;
        let e = self.expression.clone();
        let mut used: BTreeSet<String> = BTreeSet::new();
        for task in &x.tasks {
            // Ids are unique by contract; should two collide, the later one gets `~n` rather
            // than silently merging two tasks.
            let mut id = task.id.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{}~{n}", task.id);
            }
            let t = iri::task(&e, &id);
            self.task_iris.entry(task.id.as_str()).or_insert(t.clone());
            self.add(t.clone(), rdf::TYPE, pkg::TASK);
            self.add(t.clone(), dcterms::IS_PART_OF, e.clone());
            self.add(t.clone(), pkg::TASK_ID, string(&id));
            self.add(t.clone(), pkg::OUTLINE_PATH, string(&task.path));
            // rdfs:label for generic tools (the query page, YASGUI): the id and the heading.
            let label = if task.heading.trim().is_empty() {
                id.clone()
            } else {
                self.add(t.clone(), pkg::HEADING, zh(&task.heading));
                format!("{id} {}", task.heading.trim())
            };
            self.add(t.clone(), rdfs::LABEL, zh(&label));
            self.add(t.clone(), pkg::TEXT, zh(&task.text));
            self.add(t.clone(), pkg::ORIGIN, origin(task.origin));
            self.add(t.clone(), pkg::OPEN_LIST, boolean(task.open_list));
            for remark in &task.remarks {
                self.add(t.clone(), pkg::REMARK, zh(remark));
            }
            if let Some(d) = &task.deadline {
                self.deadline(&t, d);
            }
            self.anchor(&t, "span", task.span);
            let mut responsible = BTreeSet::new();
            for (k, a) in task.agencies.iter().enumerate() {
                let agency = self.agency(
                    &a.name,
                    &a.mention,
                    a.collective,
                    a.jurisdiction.as_deref(),
                    a.parent.as_deref(),
                );
                if !a.collective {
                    self.stats.agencies.insert(agency.as_str().to_owned());
                }
                let ra = iri::fragment(&t, &format!("agency-{}", k + 1));
                self.add(t.clone(), pkg::ASSIGNMENT, ra.clone());
                if responsible.insert(agency.clone()) {
                    self.add(t.clone(), pkg::RESPONSIBLE_AGENCY, agency.clone());
                }
                self.add(ra.clone(), rdf::TYPE, pkg::RESPONSIBILITY_ASSIGNMENT);
                self.add(ra.clone(), pkg::AGENCY, agency);
                self.add(ra.clone(), pkg::ROLE, role(a.role));
                self.add(ra.clone(), pkg::ROLE_BASIS, basis(a.basis));
                self.add(ra.clone(), pkg::MENTION, zh(&a.mention));
                self.add(ra.clone(), pkg::POSITION, integer((k + 1) as i64));
                self.add(ra.clone(), pkg::KNOWN_AGENCY, boolean(a.known));
                self.anchor(&ra, "span", a.span);
                self.stats.assignments += 1;
            }
            self.stats.tasks += 1;
        }
    }

    /// A task's deadline: its words always, its kind, and its last day when it is dated.
    fn deadline(&mut self, t: &NamedNode, d: &Deadline) {
        self.add(t.clone(), pkg::DEADLINE_TEXT, zh(&d.text));
        self.add(t.clone(), pkg::DEADLINE_KIND, deadline_kind(d.kind));
        if let Some(by) = d.by.as_deref().and_then(date) {
            self.add(t.clone(), pkg::DEADLINE, by);
        }
    }

    /// Links a target or amount to its task; an id the extraction did not define is a warning.
    fn link_task(&mut self, thing: &NamedNode, task: Option<&str>) {
        let Some(id) = task else { return };
        match self.task_iris.get(id).cloned() {
            Some(t) => self.add(thing.clone(), pkg::TASK_OF, t),
            None => {
                let e = self.expression.clone();
                self.add(
                    e,
                    pkg::WARNING,
                    string(&format!("{thing} refers to unknown task `{id}`")),
                );
            }
        }
    }

    fn targets(&mut self) {
        let (x, e) = (self.x, self.expression.clone());
        for (i, target) in x.targets.iter().enumerate() {
            let t = iri::numbered(&e, "target", i + 1);
            self.add(t.clone(), rdf::TYPE, pkg::TARGET);
            self.add(t.clone(), dcterms::IS_PART_OF, e.clone());
            self.link_task(&t, target.task.as_deref());
            self.add(t.clone(), pkg::METRIC, zh(&target.metric));
            if let Some(v) = target.value {
                self.add(t.clone(), schema::VALUE, decimal(v));
            }
            if let Some(v) = target.min {
                self.add(t.clone(), schema::MIN_VALUE, decimal(v));
            }
            if let Some(v) = target.max {
                self.add(t.clone(), schema::MAX_VALUE, decimal(v));
            }
            if !target.unit.is_empty() {
                self.add(t.clone(), schema::UNIT_TEXT, string(&target.unit));
            }
            self.add(t.clone(), pkg::COMPARATOR, comparator(target.comparator));
            if let Some(c) = target.change {
                self.add(
                    t.clone(),
                    pkg::CHANGE,
                    match c {
                        Change::Increase => pkg::INCREASE,
                        Change::Decrease => pkg::DECREASE,
                    },
                );
            }
            if let Some(y) = target.year {
                self.add(t.clone(), pkg::DEADLINE_YEAR, integer(y));
            }
            if let Some(p) = target.period {
                self.add(t.clone(), pkg::PERIOD, period(p));
            }
            if let Some(n) = target.within_years {
                self.add(t.clone(), pkg::WITHIN_YEARS_COUNT, integer(n));
            }
            if let Some(q) = &target.qualifier {
                self.add(t.clone(), pkg::QUALIFIER, zh(q));
            }
            if let Some(item) = &target.item {
                self.add(t.clone(), pkg::ITEM, zh(item));
            }
            self.add(t.clone(), pkg::TEXT, zh(&target.text));
            self.add(t.clone(), rdfs::LABEL, zh(&target.text));
            self.anchor(&t, "span", target.span);
            self.stats.targets += 1;
        }
    }

    fn amounts(&mut self) {
        let (x, e) = (self.x, self.expression.clone());
        for (i, amount) in x.amounts.iter().enumerate() {
            let a = iri::numbered(&e, "amount", i + 1);
            self.add(a.clone(), rdf::TYPE, schema::MONETARY_AMOUNT);
            self.add(a.clone(), schema::CURRENCY, string(&amount.currency));
            self.add(a.clone(), dcterms::IS_PART_OF, e.clone());
            self.link_task(&a, amount.task.as_deref());
            if let Some(v) = amount.yuan {
                self.add(a.clone(), schema::VALUE, decimal(v));
            }
            // A range (min—max) or a bound (不少于 / 最高); the comparator says which bound.
            if let Some(v) = amount.min_yuan.or(amount.floor) {
                self.add(a.clone(), schema::MIN_VALUE, decimal(v));
            }
            if let Some(v) = amount.max_yuan.or(amount.cap) {
                self.add(a.clone(), schema::MAX_VALUE, decimal(v));
            }
            match (
                amount.comparator,
                amount.floor.is_some(),
                amount.cap.is_some(),
            ) {
                (Some(c), _, _) => self.add(a.clone(), pkg::COMPARATOR, comparator(c)),
                (None, true, false) => self.add(a.clone(), pkg::COMPARATOR, pkg::AT_LEAST),
                (None, false, true) => self.add(a.clone(), pkg::COMPARATOR, pkg::AT_MOST),
                _ => {}
            }
            self.add(a.clone(), pkg::AMOUNT_KIND, amount_kind(amount.kind));
            self.add(a.clone(), pkg::AMOUNT_ROLE, amount_role(amount.role));
            if let Some(m) = &amount.measure {
                self.add(a.clone(), pkg::MEASURE, zh(m));
            }
            // A threshold names the amounts it is the condition of; indices within this document.
            for &j in &amount.conditions {
                let paid = iri::numbered(&e, "amount", j + 1);
                self.add(a.clone(), pkg::CONDITIONS, paid);
            }
            if let Some(rate) = &amount.rate {
                self.add(a.clone(), pkg::RATE_PERCENT, decimal(rate.percent));
                if let Some(base) = &rate.base {
                    self.add(a.clone(), pkg::RATE_BASE, zh(base));
                }
            }
            self.add(a.clone(), pkg::ONE_OFF, boolean(amount.one_off));
            self.add(a.clone(), pkg::PER_CAPITA, boolean(amount.per_capita));
            if let Some(per) = &amount.per {
                self.add(a.clone(), pkg::PER, zh(per));
            }
            if let Some(c) = amount.change {
                self.add(
                    a.clone(),
                    pkg::CHANGE,
                    match c {
                        AmountChange::Increase => pkg::INCREASE,
                        AmountChange::Decrease => pkg::DECREASE,
                        AmountChange::Previous => pkg::PREVIOUS_LEVEL,
                    },
                );
            }
            // The amount stating the level a change reaches; indices within this document.
            if let Some(j) = amount.new_level {
                self.add(
                    a.clone(),
                    pkg::NEW_LEVEL,
                    iri::numbered(&e, "amount", j + 1),
                );
            }
            if let Some(r) = &amount.recipient {
                self.add(a.clone(), pkg::RECIPIENT, zh(r));
            }
            if let Some(p) = amount.period {
                self.add(a.clone(), pkg::PERIOD, period(p));
            }
            if let Some(item) = &amount.item {
                self.add(a.clone(), pkg::ITEM, zh(item));
            }
            if let Some(c) = &amount.condition {
                self.add(a.clone(), pkg::CONDITION, zh(c));
            }
            self.add(a.clone(), pkg::TEXT, zh(&amount.text));
            self.add(a.clone(), rdfs::LABEL, zh(&amount.text));
            self.anchor(&a, "span", amount.span);
            self.stats.amounts += 1;
        }
    }

    fn finish(mut self) -> MappedDocument {
        // The same fact can come twice (an agency named twice in one list); quads are a set.
        let mut seen = std::collections::HashSet::new();
        self.quads.retain(|q| seen.insert(q.clone()));
        let mut seen = std::collections::HashSet::new();
        self.agency_facts.retain(|t| seen.insert(t.clone()));
        let count = self.quads.len() + 1;
        let e = self.expression.clone();
        self.add(e, pkg::TRIPLE_COUNT, integer(count as i64));
        let richness = Richness::of(&self.expression, self.quads.iter().map(Quad::as_ref));
        MappedDocument {
            richness,
            expression: self.expression,
            work: self.work,
            fingerprint: self.fingerprint,
            quads: self.quads,
            work_facts: self.work_facts,
            agency_facts: self.agency_facts,
            stats: self.stats,
        }
    }
}
