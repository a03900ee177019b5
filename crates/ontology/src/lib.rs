//! policykg-ontology: the vocabularies and gazetteers under `ontology/`, as data.
//!
//! Knowledge about the world that the stages need (which province 皖 is, that 省经信厅 is
//! 省经济和信息化厅, that 人行合肥中心支行 is a branch of a central body, that 一批 is no
//! quantity, that 发文机关 labels the issuers) lives in plain data files under `ontology/`, not
//! in code: every word list a stage matches against is a field of [`Ontology`]. This crate loads them: the bundled copy is compiled in, and a
//! user can add files for another province at run time ([`Ontology::with_dir`], which the CLI
//! exposes as `--ontology DIR` and `POLICYKG_ONTOLOGY`).
//!
//! What it is not for: finding names in running text. Stages find mentions; this crate answers
//! what a mention means in a given jurisdiction.

pub mod gazetteer;
pub mod jurisdiction;
pub mod lexicon;
mod tsv;
pub mod words;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use gazetteer::{
    AgencyEntry, AgencyKind, Gazetteer, MarkerMeaning, Resolution, RoleForm, RolePhrase, RoleWord,
};
pub use jurisdiction::{Jurisdiction, Jurisdictions, Level};
pub use lexicon::{Cues, Lexicon, UnitClass, Words};
pub use words::{DocumentWords, LabelField, PageLabels};

/// Why an ontology file could not be used. Names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file the directory layout has no place for.
    #[error("{file}: {message}")]
    File { file: String, message: String },
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
    /// The extractors' vocabularies (`ontology/lexicon/`); shared, since the extractors hold
    /// on to it for a whole document.
    pub lexicon: Arc<Lexicon>,
    /// Words of official documents by role (`ontology/documents/words.tsv`).
    pub words: DocumentWords,
    /// Page-table labels and the field each fills (`ontology/documents/page_labels.tsv`).
    pub page_labels: PageLabels,
    /// A digest of the user directory's files ([`Ontology::with_dir`]); `None` for the bundled
    /// data alone. A store records it with each file, so that ingesting again after the user's
    /// data changed redoes the files instead of keeping what the old data found.
    pub user_digest: Option<String>,
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
                lexicon: Arc::new(Lexicon::bundled()),
                words: DocumentWords::bundled(),
                page_labels: PageLabels::bundled(),
                user_digest: None,
            }
        })
    }

    /// The bundled ontology extended with the files of a user directory, in the layout of
    /// `ontology/`: `jurisdictions*.tsv` add places; the gazetteer files described in
    /// [`gazetteer`] add agencies and rules; `lexicon/<name>*.tsv` extend the lexicon file
    /// `<name>` (`lexicon/units-extra.tsv` adds units); `documents/words*.tsv` and
    /// `documents/page_labels*.tsv` add document words and page labels. Rows take the format of
    /// the bundled file they extend; errors name the file and the line.
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
        for path in &entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !path.is_dir() {
                continue;
            }
            match name {
                "lexicon" => {
                    let mut lexicon = Lexicon::clone(&ontology.lexicon);
                    for file in tsv_files(path)? {
                        let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        let label = file.display().to_string();
                        let kind =
                            Lexicon::kind_of(file_name).ok_or_else(|| OntologyError::File {
                                file: label.clone(),
                                message: "not a lexicon file: the name must start with \
                                          not_numbers, units, number_cues, target_cues, \
                                          money_cues or pairing"
                                    .into(),
                            })?;
                        lexicon.extend_user(kind, &read(&file)?, &label)?;
                    }
                    ontology.lexicon = Arc::new(lexicon);
                }
                "documents" => {
                    for file in tsv_files(path)? {
                        let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        let label = file.display().to_string();
                        if file_name.starts_with("words") {
                            ontology.words.extend_tsv(&read(&file)?, &label)?;
                        } else if file_name.starts_with("page_labels") {
                            ontology.page_labels.extend_tsv(&read(&file)?, &label)?;
                        } else {
                            return Err(OntologyError::File {
                                file: label,
                                message: "not a documents file: the name must start with \
                                          words or page_labels"
                                    .into(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        let central = ontology.words.central_prefixes.clone();
        ontology.jurisdictions.set_central_prefixes(central);
        ontology.user_digest = Some(digest_dir(dir)?);
        Ok(ontology)
    }
}

/// A digest of every file under `dir` (relative path and bytes, in name order). Files the
/// loader does not read count too: an unneeded re-ingest is cheap, a stale store is wrong.
/// The hasher is std's SipHash with fixed keys: stable for a given build, which is all a
/// store's record needs (a new build is recorded as a new pipeline anyway).
fn digest_dir(dir: &Path) -> Result<String, OntologyError> {
    use std::hash::{Hash, Hasher};
    fn walk(
        dir: &Path,
        rel: &Path,
        hasher: &mut std::collections::hash_map::DefaultHasher,
    ) -> Result<(), OntologyError> {
        let io = |source| OntologyError::Io {
            path: dir.to_owned(),
            source,
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            let name = rel.join(path.file_name().unwrap_or_default());
            if path.is_dir() {
                walk(&path, &name, hasher)?;
            } else {
                let bytes = std::fs::read(&path).map_err(|source| OntologyError::Io {
                    path: path.clone(),
                    source,
                })?;
                name.hash(hasher);
                bytes.hash(hasher);
            }
        }
        Ok(())
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    walk(dir, Path::new(""), &mut hasher)?;
    Ok(format!("{:016x}", hasher.finish()))
}

/// The `*.tsv` files of a directory, sorted by name.
fn tsv_files(dir: &Path) -> Result<Vec<PathBuf>, OntologyError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| OntologyError::Io {
            path: dir.to_owned(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    Ok(files)
}

pub(crate) fn read(path: &Path) -> Result<String, OntologyError> {
    std::fs::read_to_string(path).map_err(|source| OntologyError::Io {
        path: path.to_owned(),
        source,
    })
}
