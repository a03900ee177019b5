//! Reading gold files (the format of `corpus/gold/README.md`) into checked values.
//!
//! Parsing is done by hand over `serde_json::Value` rather than with derived structs so that each
//! defect is reported with the place it is at (`tasks[3].agencies[0].role`) and so that unknown
//! keys (a misspelt `deadlne`) are refused instead of silently read as absent.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::matching::Quantity;

/// Which part of the evaluation set a gold file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    Dev,
    Blind,
}

impl Split {
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Blind => "blind",
        }
    }
}

/// The roles of the gold format; the same words as the extraction's `role`.
pub const ROLES: &[&str] = &["lead", "support", "joint"];
/// Target comparators of the gold format.
pub const COMPARATORS: &[&str] = &["at_least", "at_most", "about", "exactly", "range"];
/// Amount roles of the gold format.
pub const AMOUNT_ROLES: &[&str] = &[
    "award",
    "cap",
    "threshold",
    "fund",
    "penalty",
    "fee",
    "other",
];

/// One gold file, checked.
#[derive(Debug, Clone)]
pub struct Gold {
    /// The gold file.
    pub path: PathBuf,
    /// The gold file's stem: "014".
    pub name: String,
    /// `file`, resolved against the gold file's directory.
    pub document: PathBuf,
    pub split: Split,
    /// `None`: not annotated, not scored.
    pub metadata: Option<GoldMetadata>,
    pub tasks: Option<Vec<GoldTask>>,
    pub targets: Option<Vec<GoldTarget>>,
    pub amounts: Option<Vec<GoldAmount>>,
}

#[derive(Debug, Clone, Default)]
pub struct GoldMetadata {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub jurisdiction: Option<String>,
    /// `None` (null): not annotated; `[]`: annotated, none.
    pub issuers: Option<Vec<String>>,
    pub addressees: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct GoldTask {
    pub snippet: String,
    /// (name as written, role).
    pub agencies: Vec<(String, String)>,
    pub deadline: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GoldTarget {
    pub snippet: Option<String>,
    pub value: Quantity,
    pub unit: String,
    pub comparator: String,
}

#[derive(Debug, Clone)]
pub struct GoldAmount {
    pub snippet: Option<String>,
    pub value: Quantity,
    pub currency: String,
    pub role: String,
}

/// A reason, with the place in the file it applies to.
type Res<T> = Result<T, String>;

struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: String,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, at: &str, allowed: &[&str]) -> Res<Obj<'a>> {
        let map = value
            .as_object()
            .ok_or_else(|| format!("{}: expected an object, found {}", place(at), kind(value)))?;
        if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(format!(
                "{}: unknown key \"{key}\" (expected {})",
                place(at),
                allowed.join(", ")
            ));
        }
        Ok(Obj {
            map,
            at: at.to_owned(),
        })
    }

    fn key_at(&self, key: &str) -> String {
        if self.at.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.at)
        }
    }

    fn required(&self, key: &str) -> Res<&'a Value> {
        self.map
            .get(key)
            .ok_or_else(|| format!("{}: missing key \"{key}\"", place(&self.at)))
    }

    /// A key that must be present and may be null.
    fn nullable(&self, key: &str) -> Res<Option<&'a Value>> {
        Ok(Some(self.required(key)?).filter(|v| !v.is_null()))
    }

    /// A key that may be absent or null.
    fn optional(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn string(&self, key: &str) -> Res<String> {
        string(self.required(key)?, &self.key_at(key))
    }

    fn nullable_string(&self, key: &str) -> Res<Option<String>> {
        self.nullable(key)?
            .map(|v| string(v, &self.key_at(key)))
            .transpose()
    }

    fn optional_string(&self, key: &str) -> Res<Option<String>> {
        self.optional(key)
            .map(|v| string(v, &self.key_at(key)))
            .transpose()
    }

    /// A word of a closed vocabulary.
    fn word(&self, key: &str, words: &[&str]) -> Res<String> {
        let w = self.string(key)?;
        if words.contains(&w.as_str()) {
            Ok(w)
        } else {
            Err(format!(
                "{}: unknown {key} \"{w}\" (expected {})",
                self.key_at(key),
                words.join(", ")
            ))
        }
    }

    /// A decimal string ("5000", "1.5") or a range ("20-200"); a JSON number is taken with its
    /// exact digits.
    fn quantity(&self, key: &str) -> Res<Quantity> {
        let v = self.required(key)?;
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(format!(
                    "{}: expected a decimal string, found {}",
                    self.key_at(key),
                    kind(other)
                ))
            }
        };
        Quantity::parse(&text).map_err(|e| format!("{}: {e}", self.key_at(key)))
    }
}

fn place(at: &str) -> &str {
    if at.is_empty() {
        "top level"
    } else {
        at
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string(v: &Value, at: &str) -> Res<String> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: expected a string, found {}", kind(v)))
}

/// The items of a list that may be null (not annotated).
fn list<'a>(v: Option<&'a Value>, at: &str) -> Res<Option<&'a Vec<Value>>> {
    v.map(|v| {
        v.as_array()
            .ok_or_else(|| format!("{at}: expected a list or null, found {}", kind(v)))
    })
    .transpose()
}

fn strings(v: Option<&Value>, at: &str) -> Res<Option<Vec<String>>> {
    list(v, at)?
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, v)| string(v, &format!("{at}[{i}]")))
                .collect()
        })
        .transpose()
}

/// Parses the text of the gold file at `path` (the document is not opened here).
pub fn parse(path: &Path, text: &str) -> Res<Gold> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let top = Obj::new(
        &value,
        "",
        &[
            "file", "split", "notes", "metadata", "tasks", "targets", "amounts",
        ],
    )?;
    let file = top.string("file")?;
    let split = match top.string("split")?.as_str() {
        "dev" => Split::Dev,
        "blind" => Split::Blind,
        other => {
            return Err(format!(
                "split: unknown split \"{other}\" (expected dev, blind)"
            ))
        }
    };
    top.optional_string("notes")?;
    let metadata = top.nullable("metadata")?.map(metadata).transpose()?;
    let tasks = list(top.nullable("tasks")?, "tasks")?
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, v)| task(v, &format!("tasks[{i}]")))
                .collect::<Res<Vec<_>>>()
        })
        .transpose()?;
    let targets = list(top.nullable("targets")?, "targets")?
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, v)| target(v, &format!("targets[{i}]")))
                .collect::<Res<Vec<_>>>()
        })
        .transpose()?;
    let amounts = list(top.nullable("amounts")?, "amounts")?
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, v)| amount(v, &format!("amounts[{i}]")))
                .collect::<Res<Vec<_>>>()
        })
        .transpose()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    Ok(Gold {
        path: path.to_owned(),
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        document: dir.join(file),
        split,
        metadata,
        tasks,
        targets,
        amounts,
    })
}

fn metadata(v: &Value) -> Res<GoldMetadata> {
    let o = Obj::new(
        v,
        "metadata",
        &[
            "title",
            "doc_number",
            "date",
            "issuers",
            "jurisdiction",
            "addressees",
        ],
    )?;
    Ok(GoldMetadata {
        title: o.nullable_string("title")?,
        doc_number: o.nullable_string("doc_number")?,
        date: o.nullable_string("date")?,
        jurisdiction: o.nullable_string("jurisdiction")?,
        issuers: strings(o.nullable("issuers")?, "metadata.issuers")?,
        addressees: strings(o.nullable("addressees")?, "metadata.addressees")?,
    })
}

fn task(v: &Value, at: &str) -> Res<GoldTask> {
    let o = Obj::new(v, at, &["snippet", "agencies", "deadline"])?;
    let snippet = o.string("snippet")?;
    let agencies_at = format!("{at}.agencies");
    let agencies = o
        .required("agencies")?
        .as_array()
        .ok_or_else(|| format!("{agencies_at}: expected a list"))?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let a = Obj::new(v, &format!("{agencies_at}[{i}]"), &["name", "role"])?;
            Ok((a.string("name")?, a.word("role", ROLES)?))
        })
        .collect::<Res<Vec<_>>>()?;
    Ok(GoldTask {
        snippet,
        agencies,
        deadline: o.optional_string("deadline")?,
    })
}

fn target(v: &Value, at: &str) -> Res<GoldTarget> {
    let o = Obj::new(v, at, &["snippet", "value", "unit", "comparator", "year"])?;
    let value = o.quantity("value")?;
    let comparator = o.word("comparator", COMPARATORS)?;
    match (&value, comparator == "range") {
        (Quantity::One(_), true) => {
            return Err(format!("{at}: comparator range needs a \"min-max\" value"))
        }
        (Quantity::Range(..), false) => {
            return Err(format!(
                "{at}: a \"min-max\" value needs comparator range, found {comparator}"
            ))
        }
        _ => {}
    }
    // Not scored, but checked: a number or a string of digits ("2025") is a year.
    if let Some(y) = o.optional("year") {
        let digits = y
            .as_str()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        if !y.is_i64() && !digits {
            return Err(format!(
                "{at}.year: expected a year such as 2025 or null, found {y}"
            ));
        }
    }
    Ok(GoldTarget {
        snippet: o.optional_string("snippet")?,
        value,
        unit: o.string("unit")?,
        comparator,
    })
}

fn amount(v: &Value, at: &str) -> Res<GoldAmount> {
    let o = Obj::new(v, at, &["snippet", "value", "currency", "role"])?;
    let currency = o.string("currency")?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "{at}.currency: expected an ISO 4217 code such as CNY, found \"{currency}\""
        ));
    }
    Ok(GoldAmount {
        snippet: o.optional_string("snippet")?,
        value: o.quantity("value")?,
        currency,
        role: o.word("role", AMOUNT_ROLES)?,
    })
}
