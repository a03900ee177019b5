//! policykg-graph: the fourth stage, **facts → RDF**, and the store they live in.
//!
//! Maps each [`policykg_extract::Extraction`] to RDF with standard vocabularies (ELI for
//! policies, W3C ORG / CPOV and SKOS for agencies, schema.org for money, PROV-O and Web
//! Annotation for provenance) plus the small policykg vocabulary in `ontology/policykg.ttl`, and
//! keeps it in an embedded Oxigraph store, one named graph per document version.
//!
//! What it is not for: HTTP (that is `policykg-serve`) or reading documents (earlier stages).
