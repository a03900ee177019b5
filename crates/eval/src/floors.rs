//! Floors: the lowest F1 each (split, field) may fall to, so that CI notices a regression.
//!
//! The file is the project's data-line format (`#` comments, blank lines ignored) with three
//! tab-separated cells a line: `split<TAB>field<TAB>min_f1`.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use policykg_text::lines::{data_lines, DataError};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::score::Field;
use crate::{EvalError, Report, SPLITS};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Floor {
    /// dev, blind or all.
    pub split: String,
    pub field: Field,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub min_f1: Decimal,
    /// Where it was set: "corpus/gold/floors.tsv:3".
    pub source: String,
}

/// A floor and the figure it was checked against.
#[derive(Debug, Clone, Serialize)]
pub struct FloorCheck {
    #[serde(flatten)]
    pub floor: Floor,
    /// `None`: nothing was scored for this field in this split.
    pub f1: Option<f64>,
    pub ok: bool,
}

impl fmt::Display for FloorCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Floor {
            split,
            field,
            min_f1,
            source,
        } = &self.floor;
        match self.f1 {
            Some(v) => write!(
                f,
                "{split} {} F1 {v:.3} is below its floor {min_f1} ({source})",
                field.name()
            ),
            None => write!(
                f,
                "{split} {} has no F1 (nothing scored) but a floor of {min_f1} ({source})",
                field.name()
            ),
        }
    }
}

/// Parses floors; `file` names the file in errors.
pub fn parse_floors(src: &str, file: &str) -> Result<Vec<Floor>, DataError> {
    let err = |line: usize, message: String| DataError {
        file: file.to_owned(),
        line,
        message,
    };
    let mut out = Vec::new();
    for (line, text) in data_lines(src) {
        let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
        let [split, field, min] = cells[..] else {
            return Err(err(
                line,
                format!(
                    "expected 3 tab-separated cells (split, field, min_f1), found {}",
                    cells.len()
                ),
            ));
        };
        if !SPLITS.contains(&split) {
            return Err(err(
                line,
                format!("unknown split \"{split}\" (expected {})", SPLITS.join(", ")),
            ));
        }
        let field = Field::parse(field).ok_or_else(|| {
            let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            err(
                line,
                format!("unknown field \"{field}\" (expected {})", names.join(", ")),
            )
        })?;
        let min_f1 = Decimal::from_str(min)
            .ok()
            .filter(|m| *m >= Decimal::ZERO && *m <= Decimal::ONE)
            .ok_or_else(|| {
                err(
                    line,
                    format!("min_f1 \"{min}\" is not a number from 0 to 1"),
                )
            })?;
        out.push(Floor {
            split: split.to_owned(),
            field,
            min_f1,
            source: format!("{file}:{line}"),
        });
    }
    Ok(out)
}

/// Reads a floors file.
pub fn load_floors(path: &Path) -> Result<Vec<Floor>, EvalError> {
    let src = std::fs::read_to_string(path).map_err(|e| EvalError::Floors {
        reason: format!("{}: cannot read: {e}", path.display()),
    })?;
    parse_floors(&src, &path.display().to_string()).map_err(|e| EvalError::Floors {
        reason: e.to_string(),
    })
}

/// Checks every floor against the report. The comparison is exact (2·TP ≥ min · (2·TP + FP +
/// FN) in decimals), so a figure equal to its floor passes whatever the float rounding.
pub fn check_floors(report: &Report, floors: &[Floor]) -> Vec<FloorCheck> {
    floors
        .iter()
        .map(|floor| {
            let counts = report
                .summary(&floor.split)
                .and_then(|s| s.fields.get(&floor.field).copied())
                .unwrap_or_default();
            let den = 2 * counts.tp + counts.fp + counts.fn_;
            let ok = den > 0 && Decimal::from(2 * counts.tp) >= floor.min_f1 * Decimal::from(den);
            FloorCheck {
                floor: floor.clone(),
                f1: counts.f1(),
                ok,
            }
        })
        .collect()
}

/// The violated floors, as an error when there is any.
pub fn enforce_floors(checks: &[FloorCheck]) -> Result<(), EvalError> {
    let violated: Vec<String> = checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.to_string())
        .collect();
    if violated.is_empty() {
        Ok(())
    } else {
        Err(EvalError::FloorsViolated(violated))
    }
}
