//! Terminal output: a summary, the systematic replacements, then every changed row with its
//! insertions and deletions inline — coloured (green underlined, red struck) for a terminal,
//! marked `{+…+}` / `[-…-]` (as `git diff --word-diff`) when colour is off.

use std::fmt::Write;

use super::{counts, doc_line, is_change, segments, side_label, Seg, View, FRONT_SECTION};
use crate::model::{Diff, Row, RowKind};

/// How to render text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// ANSI colours (the caller decides: a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// List unchanged and renumbered-only rows too.
    pub all: bool,
}

const RED: &str = "\x1b[31;9m";
const GREEN: &str = "\x1b[32;4m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Style {
    color: bool,
}

impl Style {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    fn seg(&self, s: &Seg) -> String {
        match (s, self.color) {
            (Seg::Plain(t), _) => t.clone(),
            (Seg::Ins(t, sys), true) => format!("{}{t}{RESET}", if *sys { DIM } else { GREEN }),
            (Seg::Del(t, sys), true) => format!("{}{t}{RESET}", if *sys { DIM } else { RED }),
            (Seg::Ins(t, _), false) => format!("{{+{t}+}}"),
            (Seg::Del(t, _), false) => format!("[-{t}-]"),
        }
    }
}

fn sign(kind: RowKind) -> char {
    match kind {
        RowKind::Added => '+',
        RowKind::Deleted => '-',
        RowKind::Moved => '>',
        RowKind::Split => '<',
        RowKind::Merged => '>',
        RowKind::Unchanged => ' ',
        _ => '~',
    }
}

fn heading(row: &Row, style: &Style) -> String {
    let old = side_label(&row.old);
    let new = side_label(&row.new);
    let labels = match row.kind {
        RowKind::Added => format!("新增 → {new}"),
        RowKind::Deleted => format!("{old} → 删除"),
        _ if old == new => old,
        _ => format!("{old} → {new}"),
    };
    let mut notes = vec![format!("{} {}", row.kind.as_str(), row.kind.chinese())];
    if row.renumbered && row.kind != RowKind::Renumbered {
        notes.push("renumbered".to_owned());
    }
    if row.systematic_only {
        notes.push("systematic only".to_owned());
    }
    if let Some(s) = row.similarity {
        if row.modified {
            notes.push(format!("similarity {s:.2}"));
        }
    }
    format!(
        "{} {}  ({})",
        sign(row.kind),
        style.wrap(BOLD, &labels),
        notes.join(", ")
    )
}

/// Continuation lines indented like the first, blank lines dropped.
fn indent(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n    ")
}

/// The diff as text for a terminal or a log.
pub fn render_text(diff: &Diff, options: &TextOptions) -> String {
    let style = Style {
        color: options.color,
    };
    let mut out = String::new();
    let _ = writeln!(out, "修订前 old: {}", doc_line(&diff.old));
    let _ = writeln!(out, "修订后 new: {}", doc_line(&diff.new));
    let mut parts: Vec<String> = counts(diff)
        .into_iter()
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    if diff.summary.front > 0 {
        parts.push(format!(
            "{} {FRONT_SECTION} (cover and status lines, apart)",
            diff.summary.front
        ));
    }
    let _ = writeln!(
        out,
        "units: {} → {}; {}",
        diff.old.units,
        diff.new.units,
        parts.join(", ")
    );
    if diff.summary.systematic_only > 0 {
        let _ = writeln!(
            out,
            "{} modified only by systematic replacements",
            diff.summary.systematic_only
        );
    }
    if !diff.summary.changes.is_empty() {
        let parts: Vec<String> = diff
            .summary
            .changes
            .iter()
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect();
        let _ = writeln!(out, "changes: {}", parts.join(", "));
    }
    for r in &diff.systematic {
        let _ = write!(
            out,
            "throughout: {} → {} ({} times in {} units)",
            r.old,
            r.new,
            r.count,
            r.rows.len()
        );
        if !r.remaining.is_empty() {
            let _ = write!(out, "; unchanged in {}", r.remaining.join(", "));
        }
        out.push('\n');
    }
    let mut renumbered_only = Vec::new();
    let mut section = None;
    for (k, row) in diff.rows.iter().enumerate() {
        if !options.all && !is_change(row) {
            if row.kind == RowKind::Renumbered {
                renumbered_only.push(format!("{}→{}", side_label(&row.old), side_label(&row.new)));
            }
            continue;
        }
        if section != Some(row.front) {
            // The cover and status lines are a section of their own, before the body's rows.
            if row.front {
                let _ = write!(
                    out,
                    "\n== {FRONT_SECTION} (not counted as added or deleted) ==\n"
                );
            } else if section.is_some() {
                let _ = write!(out, "\n== 正文 ==\n");
            }
            section = Some(row.front);
        }
        out.push('\n');
        let _ = writeln!(out, "{}", heading(row, &style));
        match row.kind {
            RowKind::Added => {
                for u in &row.new {
                    let _ = writeln!(out, "    {}", indent(&style.wrap(GREEN, &u.text)));
                }
            }
            RowKind::Deleted => {
                for u in &row.old {
                    let _ = writeln!(out, "    {}", indent(&style.wrap(RED, &u.text)));
                }
            }
            _ => {
                if row.kind == RowKind::Merged || row.kind == RowKind::Split {
                    let _ = writeln!(out, "    from {}:", side_label(&row.old));
                }
                for u in 0..row.new.len() {
                    let text: String = segments(row, View::Unified, u)
                        .iter()
                        .map(|s| style.seg(s))
                        .collect();
                    let prefix = if row.new.len() > 1 {
                        format!("{} ", row.new[u].number.trim())
                    } else {
                        String::new()
                    };
                    let _ = writeln!(out, "    {prefix}{}", indent(&text));
                }
            }
        }
        for c in diff.changes.iter().filter(|c| c.row == k) {
            let _ = writeln!(out, "    • {}", c.describe());
        }
    }
    if !renumbered_only.is_empty() {
        let _ = writeln!(
            out,
            "\nrenumbered only ({}): {}",
            renumbered_only.len(),
            renumbered_only.join(", ")
        );
    }
    out
}
