//! policykg-ontology: the vocabularies and gazetteers under `ontology/`, as data.
//!
//! Knowledge about the world that the stages need (which province 皖 is, that 省经信厅 is
//! 省经济和信息化厅, that 人行合肥中心支行 is a branch of a central body) lives in plain data files
//! under `ontology/`, not in code. This crate loads them: the bundled copy is compiled in, and a
//! user can add files for another province at run time ([`Ontology::with_dir`], which the CLI
//! exposes as `--ontology DIR` and `POLICYKG_ONTOLOGY`).
//!
//! What it is not for: finding names in running text. Stages find mentions; this crate answers
//! what a mention means in a given jurisdiction.

pub mod gazetteer;
pub mod jurisdiction;
mod tsv;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use gazetteer::{
    AgencyEntry, AgencyKind, Gazetteer, MarkerMeaning, Resolution, RoleForm, RolePhrase, RoleWord,
};
pub use jurisdiction::{Jurisdiction, Jurisdictions, Level};

/// Why an ontology file could not be used. Names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
}

/// All the world knowledge the pipeline uses.
#[derive(Debug, Clone)]
pub struct Ontology {
    pub jurisdictions: Jurisdictions,
    pub gazetteer: Gazetteer,
}

impl Ontology {
    /// The copy of `ontology/` compiled into the binary.
    pub fn bundled() -> &'static Ontology {
        static BUNDLED: OnceLock<Ontology> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            let jurisdictions = Jurisdictions::bundled();
            let gazetteer = Gazetteer::bundled(&jurisdictions);
            Ontology {
                jurisdictions,
                gazetteer,
            }
        })
    }

    /// The bundled ontology extended with the files of a user directory: `jurisdictions*.tsv`
    /// add places, and the gazetteer files described in [`gazetteer`] add agencies and rules.
    pub fn with_dir(dir: &Path) -> Result<Ontology, OntologyError> {
        let mut ontology = Ontology::bundled().clone();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|source| OntologyError::Io {
                path: dir.to_owned(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in &entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("jurisdictions") && name.ends_with(".tsv") {
                let text = read(path)?;
                ontology
                    .jurisdictions
                    .extend_tsv(&text, &path.display().to_string())?;
            }
        }
        ontology
            .gazetteer
            .extend_dir(&entries, &ontology.jurisdictions)?;
        Ok(ontology)
    }
}

pub(crate) fn read(path: &Path) -> Result<String, OntologyError> {
    std::fs::read_to_string(path).map_err(|source| OntologyError::Io {
        path: path.to_owned(),
        source,
    })
}
