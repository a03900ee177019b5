//! The words of responsibility (`ontology/agencies/roles.tsv`) and the markers of agency-like and
//! collective names (`ontology/agencies/markers.tsv`).

use serde::Serialize;

use crate::tsv;
use crate::OntologyError;

pub(crate) const ROLE_COLUMNS: &[&str] = &["phrase", "form", "role"];
pub(crate) const MARKER_COLUMNS: &[&str] = &["marker", "position", "meaning"];

/// How a role phrase is used in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleForm {
    /// "牵头单位：A、B": the items after the label take the role.
    Label,
    /// "A、B牵头": closes a list; the pending items take the role.
    Verb,
    /// "列第一位者为牵头单位": the document's convention.
    Declaration,
    /// "由A牵头", "A统筹协调" in running text.
    Prose,
    /// "以下均需A落实，不再列出": A is responsible for this task and every later one.
    Standing,
    /// "A会同B负责": the names before it lead, the names after it support.
    With,
    /// "县发改局*", "★县发改局": a sign set against one name of a list marks its role (the
    /// document's note, "带*的为牵头单位", says which).
    Marker,
}

/// What a role phrase says about the agencies it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleWord {
    Lead,
    Support,
    /// Responsible, with the role left to the document's convention (负责, 责任单位).
    Responsible,
    /// A label whose text is not a list of agencies (适用范围, 完成时限).
    Ignore,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RolePhrase {
    pub phrase: String,
    pub form: RoleForm,
    pub role: RoleWord,
}

/// What a marker of `markers.tsv` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerMeaning {
    /// Suffix of a body's name: 厅, 局, 领导小组, 专班.
    Agency,
    /// Prefix of a class of bodies: 各, 有关, 其他.
    Collective,
    /// Suffix naming the members of a body: 成员单位.
    Members,
    /// Suffix of a generic word closing an open list after 等: 部门, 单位.
    Generic,
    /// Prefix that may precede a generic word: 有关, 省级, 主管.
    Qualifier,
    /// A verb that opens a heading or a clause and never a name (保障, 抓好): a flattened page
    /// runs "二、保障建设用地" into "各相关单位要…", and "保障行政执法机关依法履职" names the
    /// verb's object, not a subject.
    Verb,
    /// Closes a time clause whose subject is the next clause's (法制审核机构完成审核后，要…).
    Sequel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Prefix,
    Suffix,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Longest phrase first.
    pub(crate) roles: Vec<RolePhrase>,
    /// (marker, position, meaning), longest marker first.
    pub(crate) markers: Vec<(String, Position, MarkerMeaning)>,
    /// The last characters of the agency markers, hashed into 1,024 bits: most names asked
    /// whether they look like an agency's end with none of them.
    agency_ends: [u64; 16],
    /// The first characters of the label phrases, likewise: the list reader asks at every
    /// piece and line whether a label starts there, and most start with none of them.
    label_starts: [u64; 16],
    /// `markers` of each meaning (by [`meaning_index`]), in their order: a resolution asks for
    /// the markers of two or three meanings, and filtering all of them each time read some 40
    /// cache lines per question.
    by_meaning: [Vec<String>; 7],
}

/// The place of a meaning's markers in [`Vocabulary::by_meaning`].
fn meaning_index(meaning: MarkerMeaning) -> usize {
    match meaning {
        MarkerMeaning::Agency => 0,
        MarkerMeaning::Collective => 1,
        MarkerMeaning::Members => 2,
        MarkerMeaning::Generic => 3,
        MarkerMeaning::Qualifier => 4,
        MarkerMeaning::Verb => 5,
        MarkerMeaning::Sequel => 6,
    }
}

impl Vocabulary {
    pub(crate) fn extend_roles(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, ROLE_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let phrase = tsv::cell(&row, 0);
            if phrase.is_empty() {
                return Err(err("empty phrase".into()));
            }
            let form = match tsv::cell(&row, 1) {
                "label" => RoleForm::Label,
                "verb" => RoleForm::Verb,
                "declaration" => RoleForm::Declaration,
                "prose" => RoleForm::Prose,
                "standing" => RoleForm::Standing,
                "with" => RoleForm::With,
                "marker" => RoleForm::Marker,
                other => {
                    return Err(err(format!(
                        "unknown form `{other}` (label, verb, declaration, prose, standing, with or marker)"
                    )))
                }
            };
            let role = match tsv::cell(&row, 2) {
                "lead" => RoleWord::Lead,
                "support" => RoleWord::Support,
                "responsible" => RoleWord::Responsible,
                "ignore" => RoleWord::Ignore,
                other => {
                    return Err(err(format!(
                        "unknown role `{other}` (lead, support, responsible or ignore)"
                    )))
                }
            };
            self.roles
                .retain(|p| !(p.phrase == phrase && p.form == form));
            self.roles.push(RolePhrase {
                phrase: phrase.to_owned(),
                form,
                role,
            });
        }
        self.roles
            .sort_by_key(|p| std::cmp::Reverse(p.phrase.chars().count()));
        self.label_starts = [0; 16];
        let starts: Vec<char> = self
            .roles
            .iter()
            .filter(|p| p.form == RoleForm::Label)
            .filter_map(|p| p.phrase.chars().next())
            .collect();
        for c in starts {
            let (slot, bit) = end_bit(c);
            self.label_starts[slot] |= bit;
        }
        Ok(())
    }

    /// Whether a label phrase may start with `c` (the filter alone).
    pub(crate) fn may_start_label(&self, c: char) -> bool {
        let (slot, bit) = end_bit(c);
        self.label_starts[slot] & bit != 0
    }

    pub(crate) fn extend_markers(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, MARKER_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let marker = tsv::cell(&row, 0);
            if marker.is_empty() {
                return Err(err("empty marker".into()));
            }
            let position = match tsv::cell(&row, 1) {
                "prefix" => Position::Prefix,
                "suffix" => Position::Suffix,
                other => {
                    return Err(err(format!(
                        "unknown position `{other}` (prefix or suffix)"
                    )))
                }
            };
            let meaning = match tsv::cell(&row, 2) {
                "agency" => MarkerMeaning::Agency,
                "collective" => MarkerMeaning::Collective,
                "members" => MarkerMeaning::Members,
                "generic" => MarkerMeaning::Generic,
                "qualifier" => MarkerMeaning::Qualifier,
                "verb" => MarkerMeaning::Verb,
                "sequel" => MarkerMeaning::Sequel,
                other => {
                    return Err(err(format!(
                    "unknown meaning `{other}` (agency, collective, members, generic, qualifier, verb or sequel)"
                )))
                }
            };
            let expected = match meaning {
                MarkerMeaning::Collective | MarkerMeaning::Qualifier | MarkerMeaning::Verb => {
                    Position::Prefix
                }
                _ => Position::Suffix,
            };
            if position != expected {
                return Err(err(format!(
                    "a `{}` marker is a {}",
                    tsv::cell(&row, 2),
                    if expected == Position::Prefix {
                        "prefix"
                    } else {
                        "suffix"
                    }
                )));
            }
            // A marker written with full-width brackets (部门（单位）) is also written with
            // half-width ones in half-width copies of a text (部门(单位)).
            let twin = crate::words::half_width_twin(marker);
            for form in std::iter::once(marker.to_owned()).chain(twin) {
                self.markers
                    .retain(|(m, _, me)| !(*m == form && *me == meaning));
                self.markers.push((form, position, meaning));
            }
        }
        self.markers
            .sort_by_key(|m| std::cmp::Reverse(m.0.chars().count()));
        self.by_meaning = Default::default();
        for (m, _, meaning) in &self.markers {
            self.by_meaning[meaning_index(*meaning)].push(m.clone());
        }
        self.agency_ends = [0; 16];
        let agency_ends: Vec<char> = self
            .markers(MarkerMeaning::Agency)
            .filter_map(|m| m.chars().next_back())
            .collect();
        for c in agency_ends {
            let (slot, bit) = end_bit(c);
            self.agency_ends[slot] |= bit;
        }
        Ok(())
    }

    /// Whether an agency marker may end with `c` (the filter alone).
    pub(crate) fn may_end_agency(&self, c: char) -> bool {
        let (slot, bit) = end_bit(c);
        self.agency_ends[slot] & bit != 0
    }

    /// The markers of one meaning, longest first.
    pub(crate) fn markers(&self, meaning: MarkerMeaning) -> impl Iterator<Item = &str> {
        self.by_meaning[meaning_index(meaning)]
            .iter()
            .map(String::as_str)
    }
}

/// The slot and bit of `c` in a 1,024-bit filter of characters.
fn end_bit(c: char) -> (usize, u64) {
    let c = c as u32;
    (((c >> 6) & 15) as usize, 1 << (c & 63))
}
