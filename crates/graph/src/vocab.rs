//! The IRIs of the vocabularies the mapping uses. Own terms (`pkg:`) are defined, with labels in
//! Chinese and English, in `ontology/policykg.ttl`; a test checks that every `pkg:` constant here
//! is defined there.

use oxigraph::model::NamedNodeRef;

/// Namespace IRIs and the prefixes used in exports, queries and tables.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pkg", pkg::NS),
    ("eli", eli::NS),
    ("org", org::NS),
    ("cpov", cpov::NS),
    ("skos", skos::NS),
    ("schema", schema::NS),
    ("prov", prov::NS),
    ("oa", oa::NS),
    ("dcterms", dcterms::NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// The `PREFIX` lines of [`PREFIXES`], to put in front of a SPARQL query.
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        pub const NS: &str = $ns;
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
        /// Every term of this namespace used by the mapping.
        #[allow(dead_code)]
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// The policykg vocabulary (`ontology/policykg.ttl`).
pub mod pkg {
    use super::*;
    terms!("https://policykg.org/ns#";
        TASK = "Task",
        TARGET = "Target",
        RESPONSIBILITY_ASSIGNMENT = "ResponsibilityAssignment",
        CITATION = "Citation",
        SOURCE_FILE = "SourceFile",
        COLLECTIVE_BODY = "CollectiveBody",
        LEAD = "Lead",
        SUPPORT = "Support",
        JOINT = "Joint",
        BASIS_EXPLICIT = "BasisExplicit",
        BASIS_DECLARED_CONVENTION = "BasisDeclaredConvention",
        BASIS_FIRST_LISTED = "BasisFirstListed",
        BASIS_JOINT = "BasisJoint",
        BASIS_PROSE = "BasisProse",
        EXPLICIT_MARKS = "ExplicitMarks",
        DECLARED_FIRST_LISTED = "DeclaredFirstListed",
        FIRST_LISTED_CONVENTION = "FirstListedConvention",
        AT_LEAST = "AtLeast",
        AT_MOST = "AtMost",
        ABOUT = "About",
        EXACTLY = "Exactly",
        ANNUAL = "Annual",
        CUMULATIVE = "Cumulative",
        WITHIN_YEARS = "WithinYears",
        SUBSIDY = "Subsidy",
        AWARD = "Award",
        FUND = "Fund",
        CREDIT = "Credit",
        OTHER_AMOUNT = "OtherAmount",
        AWARD_ROLE = "AwardRole",
        CAP_ROLE = "CapRole",
        THRESHOLD_ROLE = "ThresholdRole",
        FUND_ROLE = "FundRole",
        PENALTY_ROLE = "PenaltyRole",
        FEE_ROLE = "FeeRole",
        OTHER_ROLE = "OtherRole",
        OUTLINE_ITEM = "OutlineItem",
        STATEMENT = "Statement",
        TABLE_ROW = "TableRow",
        DATED_DEADLINE = "DatedDeadline",
        RELATIVE_DEADLINE = "RelativeDeadline",
        ONGOING_DEADLINE = "OngoingDeadline",
        RECURRING_DEADLINE = "RecurringDeadline",
        OTHER_DEADLINE = "OtherDeadline",
        TASK_ID = "taskId",
        OUTLINE_PATH = "outlinePath",
        HEADING = "heading",
        TEXT = "text",
        ORIGIN = "origin",
        OPEN_LIST = "openList",
        ASSIGNMENT = "assignment",
        RESPONSIBLE_AGENCY = "responsibleAgency",
        AGENCY = "agency",
        ROLE = "role",
        ROLE_BASIS = "roleBasis",
        MENTION = "mention",
        POSITION = "position",
        KNOWN_AGENCY = "knownAgency",
        ROLE_CONVENTION = "roleConvention",
        TASK_OF = "task",
        METRIC = "metric",
        COMPARATOR = "comparator",
        DEADLINE_YEAR = "deadlineYear",
        PERIOD = "period",
        WITHIN_YEARS_COUNT = "withinYears",
        AMOUNT_KIND = "amountKind",
        AMOUNT_ROLE = "amountRole",
        MEASURE = "measure",
        CONDITIONS = "conditions",
        RATE_PERCENT = "ratePercent",
        RATE_BASE = "rateBase",
        ONE_OFF = "oneOff",
        PER_CAPITA = "perCapita",
        RECIPIENT = "recipient",
        REMARK = "remark",
        DEADLINE = "deadline",
        DEADLINE_TEXT = "deadlineText",
        DEADLINE_KIND = "deadlineKind",
        QUALIFIER = "qualifier",
        ITEM = "item",
        CONDITION = "condition",
        ADDRESSEE = "addressee",
        CITATION_OF = "citation",
        CITED_TITLE = "citedTitle",
        CITED_NUMBER = "citedNumber",
        WARNING = "warning",
        TEXT_FINGERPRINT = "textFingerprint",
        STATUS = "status",
        TRIPLE_COUNT = "tripleCount",
        PATH = "path",
        ROOT = "root",
        CONTENT_HASH = "contentHash",
        ENCODING = "encoding",
        PIPELINE = "pipeline",
        EXPRESSES = "expresses",
        AGENCY_KIND = "agencyKind",
        LEVEL = "level",
        BASE_IRI = "baseIri",
        MAPPING_VERSION = "mappingVersion",
        CONTENT_FINGERPRINT = "contentFingerprint",
        CHANGE = "change",
        INCREASE = "Increase",
        DECREASE = "Decrease",
        PREVIOUS_LEVEL = "PreviousLevel",
        NEW_LEVEL = "newLevel",
        PER = "per",
        CHANGE_SET = "ChangeSet",
        VERSION_CHANGE = "VersionChange",
        FROM_VERSION = "fromVersion",
        TO_VERSION = "toVersion",
        ALIGNED = "aligned",
        CHANGE_SET_OF = "inChangeSet",
        CHANGE_KIND = "changeKind",
        CHANGE_SUBJECT = "changeSubject",
        OLD_VALUE = "oldValue",
        NEW_VALUE = "newValue",
        CHANGED_FIELD = "changedField",
        OLD_NUMBER = "oldNumber",
        NEW_NUMBER = "newNumber",
        LOCATOR = "locator",
        OLD_TASK = "oldTask",
        NEW_TASK = "newTask",
        VERSION_STATUS = "versionStatus",
        STATUS_IN_FORCE = "InForceText",
        STATUS_DRAFT = "DraftText",
        STATUS_SUPERSEDED = "SupersededText",
        IN_VIEW = "inView",
        IN_FORCE = "InForce",
        WITH_DRAFTS = "WithDrafts",
        ALL_VERSIONS = "AllVersions",
    );
}

/// European Legislation Identifier ontology.
pub mod eli {
    use super::*;
    terms!("http://data.europa.eu/eli/ontology#";
        LEGAL_RESOURCE = "LegalResource",
        LEGAL_EXPRESSION = "LegalExpression",
        IS_REALIZED_BY = "is_realized_by",
        REALIZES = "realizes",
        IS_MEMBER_OF = "is_member_of",
        TITLE = "title",
        DATE_DOCUMENT = "date_document",
        FIRST_DATE_ENTRY_IN_FORCE = "first_date_entry_in_force",
        PASSED_BY = "passed_by",
        NUMBER = "number",
        CITES = "cites",
        JURISDICTION = "jurisdiction",
        LANGUAGE = "language",
    );
}

/// W3C Organization ontology.
pub mod org {
    use super::*;
    terms!("http://www.w3.org/ns/org#";
        ORGANIZATION = "Organization",
        SUB_ORGANIZATION_OF = "subOrganizationOf",
    );
}

/// Core Public Organisation Vocabulary.
pub mod cpov {
    use super::*;
    terms!("http://data.europa.eu/m8g/";
        PUBLIC_ORGANISATION = "PublicOrganisation",
    );
}

pub mod skos {
    use super::*;
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept",
        PREF_LABEL = "prefLabel",
        ALT_LABEL = "altLabel",
        NOTATION = "notation",
        BROADER = "broader",
    );
}

pub mod schema {
    use super::*;
    terms!("http://schema.org/";
        MONETARY_AMOUNT = "MonetaryAmount",
        VALUE = "value",
        MIN_VALUE = "minValue",
        MAX_VALUE = "maxValue",
        CURRENCY = "currency",
        UNIT_TEXT = "unitText",
    );
}

pub mod prov {
    use super::*;
    terms!("http://www.w3.org/ns/prov#";
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_REVISION_OF = "wasRevisionOf",
        HAD_PRIMARY_SOURCE = "hadPrimarySource",
        GENERATED_AT_TIME = "generatedAtTime",
    );
}

/// Web Annotation vocabulary.
pub mod oa {
    use super::*;
    terms!("http://www.w3.org/ns/oa#";
        SPECIFIC_RESOURCE = "SpecificResource",
        TEXT_POSITION_SELECTOR = "TextPositionSelector",
        HAS_SOURCE = "hasSource",
        HAS_SELECTOR = "hasSelector",
        START = "start",
        END = "end",
    );
}

pub mod dcterms {
    use super::*;
    terms!("http://purl.org/dc/terms/";
        IS_PART_OF = "isPartOf",
        JURISDICTION = "Jurisdiction",
        SPATIAL = "spatial",
        LANGUAGE = "language",
    );
}

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// The language of the notices (ISO 639-3 via the EU's authority table, as ELI uses).
pub const ZHO: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://publications.europa.eu/resource/authority/language/ZHO");

/// Shortens an IRI with [`PREFIXES`] (and `base` as `id:`), for tables people read.
pub fn compact(iri: &str, base: Option<&str>) -> String {
    if let Some(base) = base {
        if let Some(rest) = iri.strip_prefix(base) {
            return format!("id:{rest}");
        }
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && !local.contains(['/', '#']) {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}
