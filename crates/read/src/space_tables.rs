//! Task tables copied out of a PDF: the copy keeps no tabs, so a row is its cells' text separated
//! by single spaces and broken wherever the page's line is full, while the copy also scatters
//! single spaces inside the cells ("最高人 民检察院", "8 个"). Such a table is recognised by its
//! header, a line that is nothing but the column words of `ontology/documents/table_columns.tsv`
//! (spaces removed: "序号 改革举措 主 要 内 容 指导部门 推广范围"), with at least three columns and
//! an agency column; its rows by their numbers, consecutive: a serial number and a space (`12 …`)
//! under a 序号 column, else an item number (`12.…`), which may follow a category cell opening
//! with a heading number (`二、加强… 5.系统集成…`). A line opening with a heading number
//! between rows is a section row (`二、科技成果转化激励方面（共4项）`), after which the serial
//! numbers may skip (a table with rows left out); every other line goes on the row above. The
//! table ends at a blank line or a line that goes on no row.
//!
//! Each row's text is split into its columns where the cells fit their kinds: an agency cell is
//! a list of names each ending as a body's name does (the suffixes of
//! `ontology/agencies/markers.tsv`), a time cell is short with a digit or a time word, a text
//! cell is not empty and closes its brackets and quotes. Among the splits that fit, agency cells
//! take as much as fits and every other cell ends at its first possible space. The row is then
//! written as the reader writes a table's rows, one line with its cells separated by tabs, which
//! [`crate::text_tables`] reads.
//!
//! A plain text that is no such copy may hold a table laid out in columns with runs of spaces (a
//! PDF copied with its layout, a table typed with spaces): its header's words are pieces of the
//! line between runs of two spaces or more, which give the columns' positions; each row's cells
//! are the pieces in their columns, on its first line and the lines it wraps onto
//! ([`layout_tables`]). It is written as tab-separated rows too, with a warning.

use std::sync::OnceLock;

use policykg_text::is_han;
use policykg_text::lines::{rows, DataError};
use policykg_text::numeral::cn_numeral;

use crate::reflow::drop_single_spaces;

const COLUMNS: &str = include_str!("../../../ontology/documents/table_columns.tsv");
const MARKERS: &str = include_str!("../../../ontology/agencies/markers.tsv");

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Index,
    Text,
    /// What an indicator table measures: free text, as [`Kind::Text`].
    Indicator,
    Agency,
    Time,
    Other,
}

struct Vocabulary {
    /// Header words, longest first.
    headers: Vec<(String, Kind)>,
    time_words: Vec<String>,
    /// How a body's name ends: 局, 委员会, 部门 …
    agency_suffixes: Vec<String>,
    /// What names a class of bodies: 各, 有关 …
    collective_markers: Vec<String>,
}

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        Vocabulary::parse(COLUMNS, MARKERS)
            .expect("bundled table_columns.tsv and markers.tsv are valid (checked by tests)")
    })
}

impl Vocabulary {
    /// The vocabulary of `columns` (`table_columns.tsv`) and `markers` (`markers.tsv`); a kind
    /// this reader does not know is an error, not a row left out.
    fn parse(columns: &str, markers: &str) -> Result<Vocabulary, DataError> {
        const COLUMNS_FILE: &str = "ontology/documents/table_columns.tsv";
        let mut headers = Vec::new();
        let mut time_words = Vec::new();
        for row in rows(columns, COLUMNS_FILE, &["word", "kind"])? {
            let word = row.cell(0).to_owned();
            let kind = match row.cell(1) {
                "index" => Kind::Index,
                "text" => Kind::Text,
                "agency" => Kind::Agency,
                "time" => Kind::Time,
                "other" => Kind::Other,
                "indicator" => Kind::Indicator,
                "time_word" => {
                    time_words.push(word);
                    continue;
                }
                other => {
                    return Err(DataError {
                        file: COLUMNS_FILE.to_owned(),
                        line: row.line,
                        message: format!(
                            "unknown kind `{other}` (index, text, agency, time, other, indicator, time_word)"
                        ),
                    })
                }
            };
            headers.push((word, kind));
        }
        headers.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let meanings = ["agency", "generic", "members"];
        let markers = rows(
            markers,
            "ontology/agencies/markers.tsv",
            &["marker", "position", "meaning"],
        )?;
        let agency_suffixes = markers
            .iter()
            .filter(|row| row.cell(1) == "suffix" && meanings.contains(&row.cell(2)))
            .map(|row| row.cell(0).to_owned())
            .collect();
        let collective_markers = markers
            .iter()
            .filter(|row| row.cell(1) == "prefix" && row.cell(2) == "collective")
            .map(|row| row.cell(0).to_owned())
            .collect();
        Ok(Vocabulary {
            headers,
            time_words,
            agency_suffixes,
            collective_markers,
        })
    }
}

/// The fewest columns a header names.
const MIN_COLUMNS: usize = 3;
/// The longest header line, in characters without spaces.
const MAX_HEADER_CHARS: usize = 80;
/// The longest section row, in characters.
const SECTION_ROW_CHARS: usize = 80;
/// The most serial numbers a section row may skip (rows left out of a copy).
const MAX_SKIP: u32 = 50;
/// The longest name in an agency cell, in characters.
const MAX_NAME_CHARS: usize = 30;
/// The shortest name a space in an agency cell may follow and stay (区社会 事业局 is one body).
const MIN_SPACED_NAME: usize = 4;
/// The longest time cell and other short cell, in characters.
const MAX_TIME_CHARS: i64 = 30;
const MAX_OTHER_CHARS: i64 = 40;

/// The columns a header line names (each cell's word and kind), if it is one.
fn header(line: &str) -> Option<Vec<(String, Kind)>> {
    let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() || chars.len() > MAX_HEADER_CHARS {
        return None;
    }
    let vocab = vocabulary();
    // best[i]: the fewest cells covering chars[..i], with the last cell's start and kind.
    let n = chars.len();
    let mut best: Vec<Option<(usize, usize, Kind)>> = vec![None; n + 1];
    best[0] = Some((0, 0, Kind::Text));
    for i in 0..n {
        let Some((count, _, _)) = best[i] else {
            continue;
        };
        let relax = |end: usize, kind: Kind, best: &mut Vec<Option<(usize, usize, Kind)>>| {
            if best[end].is_none_or(|(c, _, _)| count + 1 < c) {
                best[end] = Some((count + 1, i, kind));
            }
        };
        for (word, kind) in &vocab.headers {
            if starts_with(&chars[i..], word) {
                relax(i + word.chars().count(), *kind, &mut best);
            }
        }
        // "配合/责任单位", "牵头、配合单位": a short part, a slash or 、, then a column word.
        for part in 1..=4 {
            let at = i + part;
            if at < n && matches!(chars[at], '/' | '／' | '、') {
                for (word, kind) in &vocab.headers {
                    if starts_with(&chars[at + 1..], word) {
                        relax(at + 1 + word.chars().count(), *kind, &mut best);
                    }
                }
            }
        }
    }
    let mut columns = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start, kind) = best[end]?;
        columns.push((chars[start..end].iter().collect::<String>(), kind));
        end = start;
    }
    columns.reverse();
    // The cells were separated on the page: at least as many gaps as cell boundaries.
    let gaps = line
        .trim()
        .split(char::is_whitespace)
        .filter(|s| !s.is_empty())
        .count();
    (columns.len() >= MIN_COLUMNS
        && gaps >= columns.len()
        && columns.iter().any(|(_, k)| *k == Kind::Agency))
    .then_some(columns)
}

/// The column `cell` names when it is one header cell and nothing else: a column word, or a
/// short part and a slash or 、 before one (配合/责任单位), white space left out.
pub(crate) fn column_word(cell: &str) -> Option<(String, Kind)> {
    // Column words are short: most lines are longer, and are answered here.
    if cell.is_empty() || cell.len() > 3 * 12 {
        return None;
    }
    let squeezed: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let vocab = vocabulary();
    let kind_of = |w: &str| vocab.headers.iter().find(|(h, _)| h == w).map(|(_, k)| *k);
    if let Some(k) = kind_of(&squeezed) {
        return Some((squeezed, k));
    }
    let chars: Vec<char> = squeezed.chars().collect();
    (1..=4)
        .filter(|&part| part + 1 < chars.len() && matches!(chars[part], '/' | '／' | '、'))
        .find_map(|part| kind_of(&chars[part + 1..].iter().collect::<String>()))
        .map(|k| (squeezed, k))
}

/// The cells of one row whose `lines` (each one cell's text or part of it, in order) fill
/// columns of `kinds`: the lines fitted to the kinds as a PDF copy's pieces are ([`split`]),
/// every column given a cell, empty where the row wrote none; `None` when they fit no way.
pub(crate) fn fit_row(lines: &[&str], kinds: &[Kind]) -> Option<Vec<String>> {
    if lines.len() > MAX_TOKENS || lines.iter().any(|l| l.contains('\t')) {
        return None;
    }
    if lines.len() > kinds.len() {
        // A cell's text broken over lines: the lines joined where they fit best.
        return best_split(lines, kinds, true).or_else(|| best_split(lines, kinds, false));
    }
    // Each line one whole cell; the columns left empty are those whose leaving out fits best.
    let empty = kinds.len() - lines.len();
    let mut best: Option<(i64, Vec<usize>)> = None;
    let mut chosen: Vec<usize> = Vec::with_capacity(lines.len());
    fn walk(
        lines: &[&str],
        kinds: &[Kind],
        from: usize,
        cost: i64,
        chosen: &mut Vec<usize>,
        best: &mut Option<(i64, Vec<usize>)>,
    ) {
        let k = chosen.len();
        if k == lines.len() {
            let left = i64::try_from(kinds.len() - from).unwrap_or(0);
            let cost = cost.saturating_add(left.saturating_mul(EMPTY));
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                *best = Some((cost, chosen.clone()));
            }
            return;
        }
        // Room for the lines still to place.
        for col in from..=kinds.len() - (lines.len() - k) {
            let mut c = cell_cost(lines[k], kinds[col], 0, false);
            if c == NEVER {
                continue;
            }
            // Classes of bodies (区直各有关单位) alone in a row of two agency columns: the
            // first (牵头) was the empty one.
            if kinds[col] == Kind::Agency
                && kinds[col + 1..].contains(&Kind::Agency)
                && names_only_classes(lines[k])
            {
                c = c.saturating_add(CLASSES_FIRST);
            }
            let skipped = i64::try_from(col - from).unwrap_or(0);
            chosen.push(col);
            walk(
                lines,
                kinds,
                col + 1,
                cost.saturating_add(c)
                    .saturating_add(skipped.saturating_mul(EMPTY)),
                chosen,
                best,
            );
            chosen.pop();
        }
    }
    // The columns are few (a task table has at most a dozen): every placement is weighed.
    if empty > 0 && kinds.len() > 12 {
        return None;
    }
    walk(lines, kinds, 0, 0, &mut chosen, &mut best);
    let (_, placed) = best?;
    let mut cells = vec![String::new(); kinds.len()];
    for (line, col) in lines.iter().zip(placed) {
        cells[col] = line.trim().to_owned();
    }
    Some(cells)
}

fn starts_with(chars: &[char], word: &str) -> bool {
    let n = word.chars().count();
    chars.len() >= n && chars[..n].iter().copied().eq(word.chars())
}

/// The number `s` opens with (1 to 3 ASCII digits) and its length in bytes.
pub(crate) fn number_at(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&len) {
        return None;
    }
    s[..len].parse().ok().map(|n| (n, len))
}

/// Whether the number of length `len` opening `s` is an item number (`12.`, `12．`, `12、`).
pub(crate) fn opens_item(s: &str, len: usize) -> bool {
    s[len..].starts_with(['.', '．', '、'])
}

/// Whether row number `n` may follow row `last`: the next one, or after a section row a later
/// one within [`MAX_SKIP`] (rows left out of a copy).
pub(crate) fn follows(n: u32, last: u32, after_section: bool) -> bool {
    n == last + 1 || (after_section && n > last && n <= last + MAX_SKIP)
}

/// The header written as a table row: its column words separated by tabs.
pub(crate) fn header_row(columns: &[(String, Kind)]) -> String {
    columns
        .iter()
        .map(|(w, _)| w.as_str())
        .collect::<Vec<_>>()
        .join("\t")
}

/// Whether `s` opens with a heading number: `一、` (a space may stand before 、) or `（一）`.
pub(crate) fn opens_heading(s: &str) -> bool {
    if let Some(t) = s.strip_prefix(['（', '(']) {
        return cn_numeral(t).is_some_and(|(_, n)| t[n..].starts_with(['）', ')']));
    }
    cn_numeral(s).is_some_and(|(_, n)| s[n..].trim_start_matches(' ').starts_with('、'))
}

/// One row of the table as read from its lines.
enum Row {
    /// A line merged across the table.
    Section(String),
    /// A row's cells still run together: its category cell (a numbered row after a heading
    /// number), its number (under 序号) and the rest of its text.
    Cells {
        category: Option<String>,
        serial: Option<String>,
        text: String,
    },
}

/// A table found among the lines of a text: lines `start..end`, written as `lines`.
pub(crate) struct Region {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) lines: Vec<String>,
}

/// The tables among `lines` (a text's lines, `\r` included) whose cells are separated by spaces.
pub(crate) fn regions(lines: &[&str]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(columns) = header(lines[i].trim_end_matches('\r')) {
            if let Some(region) = table(lines, i, &columns) {
                i = region.end;
                out.push(region);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The table under the header at line `at`, if two rows or more follow it.
fn table(lines: &[&str], at: usize, columns: &[(String, Kind)]) -> Option<Region> {
    let serials = columns[0].1 == Kind::Index;
    let mut rows: Vec<Row> = Vec::new();
    let mut last = 0u32;
    let mut after_section = false;
    // The line after the last row's.
    let mut end = at + 1;
    for (j, raw) in lines.iter().enumerate().skip(at + 1) {
        let line = raw.trim_end_matches('\r');
        let t = line.trim_start();
        if t.is_empty() {
            break;
        }
        let numbered = number_at(t).filter(|&(n, _)| follows(n, last, after_section));
        if serials {
            if let Some((n, len)) = numbered.filter(|&(_, len)| t[len..].starts_with(' ')) {
                rows.push(Row::Cells {
                    category: None,
                    serial: Some(t[..len].to_owned()),
                    text: t[len + 1..].to_owned(),
                });
                last = n;
                after_section = false;
                end = j + 1;
                continue;
            }
        } else {
            if let Some((n, _)) = numbered.filter(|&(_, len)| opens_item(t, len)) {
                rows.push(Row::Cells {
                    category: None,
                    serial: None,
                    text: t.to_owned(),
                });
                last = n;
                end = j + 1;
                continue;
            }
            if opens_heading(t) {
                // The category cell, then the next item's number after a space.
                let n = last + 1;
                let found = t.match_indices(' ').find(|&(k, _)| {
                    let rest = &t[k + 1..];
                    number_at(rest).is_some_and(|(m, len)| m == n && opens_item(rest, len))
                });
                if let Some((k, _)) = found {
                    rows.push(Row::Cells {
                        category: Some(t[..k].trim_end().to_owned()),
                        serial: None,
                        text: t[k + 1..].to_owned(),
                    });
                    last = n;
                    end = j + 1;
                    continue;
                }
            }
        }
        if opens_heading(t) && t.chars().count() <= SECTION_ROW_CHARS {
            rows.push(Row::Section(t.trim_end().to_owned()));
            after_section = true;
            continue;
        }
        // A line going on the row above.
        match rows.last_mut() {
            Some(Row::Cells { text, .. }) if !after_section => {
                text.push_str(line);
                end = j + 1;
            }
            _ => break,
        }
    }
    // Section rows after the last row belong to what follows.
    while matches!(rows.last(), Some(Row::Section(_))) {
        rows.pop();
    }
    let n_rows = rows
        .iter()
        .filter(|r| matches!(r, Row::Cells { .. }))
        .count();
    if n_rows < 2 {
        return None;
    }
    let mut out = vec![header_row(columns)];
    let kinds: Vec<Kind> = columns.iter().map(|(_, k)| *k).collect();
    for row in rows {
        match row {
            Row::Section(text) => out.push(drop_single_spaces(&text)),
            Row::Cells {
                category,
                serial,
                text,
            } => {
                let (mut cells, rest) = match (serial, category) {
                    (Some(s), _) => (vec![s], &kinds[1..]),
                    (None, Some(c)) => (vec![c], &kinds[1..]),
                    // A row under a category cell merged down from above: the columns after it.
                    (None, None) => (Vec::new(), &kinds[1..]),
                };
                let kinds = if cells.is_empty() { rest } else { &kinds[..] };
                cells.extend(split(&text, rest));
                let cells: Vec<String> = cells
                    .iter()
                    .zip(kinds)
                    .map(|(cell, kind)| written(cell, *kind))
                    .collect();
                out.push(cells.join("\t"));
            }
        }
    }
    Some(Region {
        start: at,
        end,
        lines: out,
    })
}

/// A run of spaces this wide (in halves of a CJK character; an ideographic space is two)
/// separates two cells of a table laid out in columns.
const COLUMN_GAP: usize = 2;
/// How far (in halves of a CJK character) a cell's text may start left of its column's header.
const COLUMN_SLACK: usize = 2;

/// The pieces of `line` between runs of spaces at least [`COLUMN_GAP`] wide, each with the
/// display column it starts at (ASCII one half of a CJK character, any other two); a single
/// space stays inside its piece.
fn pieces(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let (mut col, mut start, mut gap) = (0usize, 0usize, 0usize);
    let mut piece = String::new();
    for c in line.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if c == ' ' || c == '\u{3000}' {
            gap += w;
        } else {
            if !piece.is_empty() && gap >= COLUMN_GAP {
                out.push((start, std::mem::take(&mut piece)));
            } else if !piece.is_empty() && gap > 0 {
                piece.push(' ');
            }
            if piece.is_empty() {
                start = col;
            }
            piece.push(c);
            gap = 0;
        }
        col += w;
    }
    if !piece.is_empty() {
        out.push((start, piece));
    }
    out
}

/// How many pieces [`pieces`] cuts `line` into, counted without building them.
fn piece_count(line: &str) -> usize {
    let (mut n, mut gap) = (0, 0);
    for c in line.chars() {
        match c {
            ' ' => gap += 1,
            '\u{3000}' => gap += 2,
            _ => {
                if n == 0 || gap >= COLUMN_GAP {
                    n += 1;
                }
                gap = 0;
            }
        }
    }
    n
}

/// A plain text's tables laid out in columns with runs of spaces (as a PDF copied with its
/// layout, or a table typed with spaces): a header line of column words (each cell its own
/// piece), then rows numbered as under [`regions`], each cell's text in its column and a row's
/// cells wrapped onto the lines below it in their columns. The text with each such table written
/// a row a line, cells separated by tabs, and how many lines were rewritten; `None` when it has
/// none.
pub(crate) fn layout_tables(text: &str) -> Option<(String, usize)> {
    // A header is as many pieces as columns, at least three: it holds a gap at least
    // [`COLUMN_GAP`] wide, two spaces or an ideographic one. Most texts hold none.
    if !text.contains("  ") && !text.contains('\u{3000}') {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut rewritten = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r');
        // A line of fewer pieces than a header's columns is no header: counted before the
        // header's reading, which most lines fail.
        let found = (!line.contains('\t') && piece_count(line) >= MIN_COLUMNS)
            .then(|| header(line))
            .flatten()
            .and_then(|columns| {
                let heads = pieces(line);
                let aligned = heads.len() == columns.len()
                    && heads.iter().zip(&columns).all(|((_, piece), (word, _))| {
                        piece
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .eq(word.chars())
                    });
                let starts: Vec<usize> = heads.iter().map(|(s, _)| *s).collect();
                aligned
                    .then(|| laid_out(&lines, i, &columns, &starts))
                    .flatten()
            });
        if let Some((rows, end)) = found {
            rewritten += end - i;
            out.extend(rows);
            i = end;
            continue;
        }
        out.push(lines[i].to_owned());
        i += 1;
    }
    (rewritten > 0).then(|| (out.join("\n"), rewritten))
}

/// The rows of the table laid out in columns under the header at line `at` whose cells start at
/// display columns `starts`, written with tabs, and the line after it; `None` when fewer than
/// two rows follow.
fn laid_out(
    lines: &[&str],
    at: usize,
    columns: &[(String, Kind)],
    starts: &[usize],
) -> Option<(Vec<String>, usize)> {
    let serials = columns[0].1 == Kind::Index;
    let column_of = |pos: usize| {
        starts
            .iter()
            .rposition(|&s| s <= pos + COLUMN_SLACK)
            .unwrap_or(0)
    };
    let mut rows: Vec<Option<Vec<String>>> = Vec::new(); // None: a section row, kept as written
    let mut sections: Vec<String> = Vec::new();
    let mut last = 0u32;
    let mut after_section = false;
    let mut end = at + 1;
    let mut j = at + 1;
    while j < lines.len() {
        let line = lines[j].trim_end_matches('\r');
        if line.contains('\t') || line.trim().is_empty() {
            break;
        }
        let ps = pieces(line);
        let starts_row = ps.iter().find_map(|(pos, p)| {
            let (n, len) = number_at(p)?;
            let fits = if serials {
                column_of(*pos) == 0 && len == p.len()
            } else {
                column_of(*pos) > 0 && opens_item(p, len)
            };
            (fits && follows(n, last, after_section)).then_some(n)
        });
        if let Some(n) = starts_row {
            rows.push(Some(vec![String::new(); columns.len()]));
            last = n;
            after_section = false;
        } else if ps.len() == 1
            && column_of(ps[0].0) == 0
            && opens_heading(&ps[0].1)
            && ps[0].1.chars().count() <= SECTION_ROW_CHARS
        {
            rows.push(None);
            sections.push(ps[0].1.clone());
            after_section = true;
            j += 1;
            continue;
        } else if !matches!(rows.last(), Some(Some(_))) || after_section {
            break;
        }
        let Some(Some(cells)) = rows.last_mut() else {
            break;
        };
        for (pos, p) in ps {
            let cell = &mut cells[column_of(pos)];
            let joins_words = cell.ends_with(|c: char| c.is_ascii_alphanumeric())
                && p.starts_with(|c: char| c.is_ascii_alphanumeric());
            if joins_words {
                cell.push(' ');
            }
            cell.push_str(&p);
        }
        j += 1;
        end = j;
    }
    while matches!(rows.last(), Some(None)) {
        rows.pop();
    }
    if rows.iter().flatten().count() < 2 {
        return None;
    }
    let mut out = vec![header_row(columns)];
    let mut sections = sections.into_iter();
    for row in rows {
        match row {
            None => out.push(sections.next().unwrap_or_default()),
            // A row under a category cell merged down from above: the columns after it.
            Some(cells) if !serials && cells[0].is_empty() => out.push(cells[1..].join("\t")),
            Some(cells) => out.push(cells.join("\t")),
        }
    }
    Some((out, end))
}

/// A cell as the readable text writes it: without the single spaces the copy put between CJK
/// characters, except, in an agency cell, a space after a whole name of [`MIN_SPACED_NAME`]
/// characters or more before another ("区经济发展局 区行政审批局": two bodies, as the page had them).
fn written(cell: &str, kind: Kind) -> String {
    if kind != Kind::Agency {
        return drop_single_spaces(cell);
    }
    let chars: Vec<char> = cell.chars().collect();
    let mut out = String::with_capacity(cell.len());
    let mut name = String::new(); // the name before the character, spaces left out
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' && k > 0 && is_han(chars[k - 1]) && chars.get(k + 1).is_some_and(|&n| is_han(n))
        {
            let next: String = chars[k + 1..]
                .iter()
                .take_while(|&&n| n != ' ' && !"、，,；;".contains(n))
                .collect();
            if name.chars().count() >= MIN_SPACED_NAME
                && name_fit(&name) == NameFit::Body
                && name_fit(&next) == NameFit::Body
            {
                out.push(' ');
                name.clear();
            }
            continue;
        }
        out.push(c);
        if "、，,；;".contains(c) {
            name.clear();
        } else if c != ' ' {
            name.push(c);
        }
    }
    out
}

/// The most pieces between spaces a row may have.
const MAX_TOKENS: usize = 150;

/// A cost no split may have.
const NEVER: i64 = i64::MAX;
/// The costs of a split, in hundredths: an empty cell (a text cell's is dearer), a lost trailing
/// cell, a text cell holding an empty cell's two spaces or an open bracket, a short other cell,
/// a name not ending as a body's does (only when no split fits without one).
const EMPTY: i64 = 100;
const EMPTY_TEXT: i64 = 300;
const LOST: i64 = 50;
const GAP: i64 = 200;
const UNBALANCED: i64 = 100;
const OTHER: i64 = 20;
const UNKNOWN_NAME: i64 = 1000;

/// `text` split at its spaces into one cell per kind, the split that fits the kinds best; when
/// none fits, the whole text in its first text column.
fn split(text: &str, kinds: &[Kind]) -> Vec<String> {
    let tokens: Vec<&str> = text.trim_end().split(' ').collect();
    // The split weighs every pair of spaces: a row of more is no table's (nor worth the time).
    let found = (tokens.len() <= MAX_TOKENS)
        .then(|| best_split(&tokens, kinds, true).or_else(|| best_split(&tokens, kinds, false)))
        .flatten();
    let Some(cells) = found else {
        let at = kinds.iter().position(|k| *k == Kind::Text).unwrap_or(0);
        return (0..kinds.len())
            .map(|j| {
                if j == at {
                    text.trim().to_owned()
                } else {
                    String::new()
                }
            })
            .collect();
    };
    cells
}

/// The cheapest split of `tokens` into `kinds`, if any fits; `strict`: every name in an agency
/// cell ends as a body's does. Of equal splits, each cell ends at its first possible space.
fn best_split(tokens: &[&str], kinds: &[Kind], strict: bool) -> Option<Vec<String>> {
    let (t, m) = (tokens.len(), kinds.len());
    // cost[j][k]: the best cost of tokens[..k] in columns[..j]; from[j][k]: where column j-1 began.
    let mut cost = vec![vec![NEVER; t + 1]; m + 1];
    let mut from = vec![vec![usize::MAX; t + 1]; m + 1];
    cost[0][0] = 0;
    for j in 0..m {
        // Of two agency columns side by side the first takes the names the copy split apart:
        // "区社会 事业局 区直各有关单位" (the page's cell held one body), and a space between
        // two whole names ("区经济发展局 区行政审批局 区直…") stays in the first.
        let first = i64::try_from(m - j).unwrap_or(0);
        for k in 0..=t {
            if cost[j][k] == NEVER {
                continue;
            }
            if k == t {
                // A trailing empty cell: the copy lost the spaces after the last text.
                let c = cell_cost("", kinds[j], first, strict).saturating_add(LOST);
                let c = cost[j][k].saturating_add(c);
                if c < cost[j + 1][k] {
                    cost[j + 1][k] = c;
                    from[j + 1][k] = k;
                }
                continue;
            }
            for k2 in k + 1..=t {
                let cell = tokens[k..k2].join(" ");
                let c = cost[j][k].saturating_add(cell_cost(&cell, kinds[j], first, strict));
                if c < cost[j + 1][k2] {
                    cost[j + 1][k2] = c;
                    from[j + 1][k2] = k;
                }
            }
        }
    }
    if cost[m][t] == NEVER {
        return None;
    }
    let mut cells = vec![String::new(); m];
    let mut k = t;
    for j in (1..=m).rev() {
        let start = from[j][k];
        cells[j - 1] = tokens[start..k].join(" ").trim().to_owned();
        k = start;
    }
    Some(cells)
}

/// How badly `cell` fits a column of `kind` ([`NEVER`] when it cannot be one); `first` weighs an
/// agency cell's length (the earlier the column, the more), `strict` as in [`best_split`].
fn cell_cost(cell: &str, kind: Kind, first: i64, strict: bool) -> i64 {
    let squeezed: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let n = i64::try_from(squeezed.chars().count()).unwrap_or(i64::MAX / 1024);
    if n == 0 {
        return match kind {
            Kind::Text | Kind::Indicator => EMPTY_TEXT,
            _ => EMPTY,
        };
    }
    // Two spaces in a row stand around an empty cell: only free text may hold them.
    let gap = cell.starts_with(' ') || cell.ends_with(' ') || cell.contains("  ");
    if gap && !matches!(kind, Kind::Text | Kind::Indicator) {
        return NEVER;
    }
    match kind {
        Kind::Index => {
            if squeezed.chars().all(|c| c.is_ascii_digit()) {
                0
            } else {
                NEVER
            }
        }
        Kind::Text | Kind::Indicator => if balanced(&squeezed) { 0 } else { UNBALANCED }
            .saturating_add(if gap { GAP } else { 0 }),
        Kind::Agency => {
            let mut unknown = 0;
            for name in squeezed.split(['、', '，', ',', '；', ';']) {
                match name_fit(name) {
                    NameFit::Body => {}
                    NameFit::Unknown if !strict => unknown += UNKNOWN_NAME,
                    _ => return NEVER,
                }
            }
            // The longer the better: a name's first characters are no part of the text before.
            unknown - n * (1 + first)
        }
        Kind::Time => {
            let vocab = vocabulary();
            if n <= MAX_TIME_CHARS
                && (squeezed.chars().any(|c| c.is_ascii_digit())
                    || vocab
                        .time_words
                        .iter()
                        .any(|w| squeezed.contains(w.as_str())))
            {
                0
            } else {
                NEVER
            }
        }
        Kind::Other => {
            if n <= MAX_OTHER_CHARS {
                OTHER
            } else {
                NEVER
            }
        }
    }
}

/// What placing an agency cell naming only classes of bodies in an agency column with another
/// after it costs: more than leaving that column empty, so such a cell, when the row left one
/// agency cell empty, goes to the later column.
const CLASSES_FIRST: i64 = 50;

/// Whether every name of the agency cell `cell` names a class of bodies (各…, …有关单位).
fn names_only_classes(cell: &str) -> bool {
    let vocab = vocabulary();
    cell.split(['、', '，', ',', '；', ';'])
        .filter(|n| !n.trim().is_empty())
        .all(|n| {
            vocab
                .collective_markers
                .iter()
                .any(|m| n.contains(m.as_str()))
        })
}

/// How a name in an agency cell looks.
#[derive(Debug, PartialEq, Eq)]
enum NameFit {
    /// It ends as a body's name does.
    Body,
    /// Written as a name, ending otherwise (各区属国有企企).
    Unknown,
    /// No name: sentence punctuation, an open bracket, too long.
    Not,
}

fn name_fit(name: &str) -> NameFit {
    // A name is written in characters, digits and brackets: no sentence punctuation.
    let name_char = |c: char| is_han(c) || c.is_ascii_alphanumeric() || "（）()·".contains(c);
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || !name.chars().all(name_char)
        || !balanced(name)
    {
        return NameFit::Not;
    }
    if is_agency_name(name) {
        NameFit::Body
    } else {
        NameFit::Unknown
    }
}

/// Whether `name` ends as a body's name does (a closing parenthesis aside: 各乡镇人民政府（街道办事处）).
fn is_agency_name(name: &str) -> bool {
    let core = match name.strip_suffix(['）', ')']) {
        Some(inner) => match inner.rfind(['（', '(']) {
            Some(open) if open > 0 => &inner[..open],
            _ => inner,
        },
        None => name,
    };
    !core.is_empty()
        && vocabulary()
            .agency_suffixes
            .iter()
            .any(|s| core.ends_with(s.as_str()))
}

/// Whether every bracket and quote `s` opens it also closes.
fn balanced(s: &str) -> bool {
    let pairs = [
        ('（', '）'),
        ('(', ')'),
        ('“', '”'),
        ('《', '》'),
        ('〔', '〕'),
    ];
    pairs.iter().all(|&(open, close)| {
        let mut depth = 0i32;
        for c in s.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_files_are_read_whole() {
        let v = Vocabulary::parse(COLUMNS, MARKERS).unwrap();
        assert!(v
            .headers
            .iter()
            .any(|(w, k)| w == "牵头单位" && *k == Kind::Agency));
        assert!(v.agency_suffixes.iter().any(|s| s == "局"));
        // A kind the reader does not know is an error naming the file and line, not a row
        // silently left out.
        let e = Vocabulary::parse("word\tkind\n序号\tindex\n牵头单位\tagent\n", MARKERS)
            .err()
            .unwrap();
        assert_eq!(
            (e.file.as_str(), e.line),
            ("ontology/documents/table_columns.tsv", 3)
        );
        assert!(e.message.contains("agent"), "{e}");
    }

    #[test]
    fn piece_count_is_the_number_of_pieces() {
        for line in [
            "",
            "   ",
            "序号  改革举措  牵头单位",
            "  序号\u{3000}改革举措 主要内容    牵头单位  ",
            "1 市发展改革委 2025年",
            "a  b \u{3000}c d",
        ] {
            assert_eq!(piece_count(line), pieces(line).len(), "{line:?}");
        }
    }

    #[test]
    fn header_words_make_a_header() {
        let h = header("序号 改革举措 主 要 内 容 指导部门 推广范围").unwrap();
        let words: Vec<&str> = h.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            ["序号", "改革举措", "主要内容", "指导部门", "推广范围"]
        );
        let h = header("工作任务 工作要求 牵头单位 配合/责任单位").unwrap();
        assert_eq!(h[3], ("配合/责任单位".to_owned(), Kind::Agency));
        // No agency column, too few cells, prose, or the words run together.
        assert!(header("序号 任务 备注").is_none());
        assert!(header("任务 牵头单位").is_none());
        assert!(header("各牵头单位要加强任务落实").is_none());
        assert!(header("序号任务牵头单位").is_none());
    }

    #[test]
    fn cells_fit_their_kinds() {
        use Kind::*;
        assert_eq!(
            split(
                "加强监管 整合分散的审判资源，提高效率。 最高人民法院、最高人 民检察院 全国",
                &[Text, Text, Agency, Other]
            ),
            [
                "加强监管",
                "整合分散的审判资源，提高效率。",
                "最高人民法院、最高人 民检察院",
                "全国"
            ]
        );
        // An empty cell is two spaces; a trailing empty cell is lost.
        assert_eq!(
            split("推进公开。  区直各有关单位", &[Text, Agency, Agency]),
            ["推进公开。", "", "区直各有关单位"]
        );
        assert_eq!(
            split("推进公开。 区财政局", &[Text, Agency, Time]),
            ["推进公开。", "区财政局", ""]
        );
        // An empty cell is never a name's part, nor a name an open bracket's.
        assert_eq!(
            split(
                "加强协调。  区直各有关单位，各乡镇人民政府（街道办 事处）",
                &[Text, Agency, Agency]
            ),
            [
                "加强协调。",
                "",
                "区直各有关单位，各乡镇人民政府（街道办 事处）"
            ]
        );
        // A row of too many pieces is not split (the split weighs every pair of its spaces).
        let long = vec!["加强"; MAX_TOKENS + 1].join(" ") + " 省财政厅";
        assert_eq!(split(&long, &[Text, Agency])[1], "");
        // Nothing fits: the text stays whole in its text column.
        assert_eq!(
            split("推进公开。", &[Index, Text, Agency]),
            ["", "推进公开。", ""]
        );
    }

    #[test]
    fn cells_are_written_without_the_copys_spaces() {
        assert_eq!(
            written("最高人民法院、最高人 民检察院", Kind::Agency),
            "最高人民法院、最高人民检察院"
        );
        assert_eq!(
            written("区经济发展局 区行政审批局", Kind::Agency),
            "区经济发展局 区行政审批局"
        );
        assert_eq!(written("区社会 事业局", Kind::Agency), "区社会事业局");
        assert_eq!(
            written("建立 激励机制 2025 年", Kind::Text),
            "建立激励机制 2025 年"
        );
    }

    #[test]
    fn columns_laid_out_with_spaces() {
        let text = concat!(
            "附表\n",
            "序号  重点任务                牵头单位        完成时限\n",
            "一、科技方面\n",
            "1     加强科技成果转化，      省科技厅、      2025年底\n",
            "      建立激励机制。          省财政厅\n",
            "2     推进知识产权保护。      省市场监管局    长期坚持\n",
            "\n",
            "各地要认真落实。  抓好工作\n",
        );
        let (out, n) = layout_tables(text).unwrap();
        assert_eq!(n, 5);
        assert_eq!(
            out,
            "附表\n序号\t重点任务\t牵头单位\t完成时限\n一、科技方面\n\
1\t加强科技成果转化，建立激励机制。\t省科技厅、省财政厅\t2025年底\n\
2\t推进知识产权保护。\t省市场监管局\t长期坚持\n\n各地要认真落实。  抓好工作\n"
        );
        // Prose, a header without rows, a header whose words run together: left alone.
        assert!(layout_tables("各地要认真落实。\n加强  领导。\n").is_none());
        assert!(layout_tables("序号  重点任务  牵头单位\n各地要认真落实。\n").is_none());
        assert!(
            layout_tables("序号 重点任务 牵头单位\n1  加强  省科技厅\n2  推进  省财政厅\n")
                .is_none()
        );
    }

    #[test]
    fn rows_follow_their_numbers() {
        let lines = [
            "附件",
            "序号 重点任务 牵头单位 完成时限",
            "一、科技方面",
            "1 加强科技成果转化，建立 激励",
            "机制。 省科技厅 2025 年底",
            "2 推进知识产权保护。 省市场监管局、省",
            "财政厅 长期坚持",
            "三、其他方面",
            "5 完善机制。 省财政厅 2024年",
            "",
            "以上任务请认真落实。",
        ];
        let found = regions(&lines);
        assert_eq!(found.len(), 1);
        let r = &found[0];
        assert_eq!((r.start, r.end), (1, 9));
        assert_eq!(
            r.lines,
            [
                "序号\t重点任务\t牵头单位\t完成时限",
                "一、科技方面",
                "1\t加强科技成果转化，建立激励机制。\t省科技厅\t2025 年底",
                "2\t推进知识产权保护。\t省市场监管局、省财政厅\t长期坚持",
                "三、其他方面",
                "5\t完善机制。\t省财政厅\t2024年",
            ]
        );
        // Prose under a header-like line is no table.
        assert!(regions(&["序号 重点任务 牵头单位", "各地要加强领导。", "认真落实。"]).is_empty());
    }
}
