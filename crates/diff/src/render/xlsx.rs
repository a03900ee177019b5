//! The 对照表 as an XLSX workbook (rust_xlsxwriter), for researchers who file and annotate it in
//! Excel or WPS.
//!
//! Sheet 对照表: one header row (序号 | 修订前 | 修订后 | 说明), frozen and repeated on every
//! printed page, then the rows of the HTML 对照表 in the same order, every unit in full (nothing
//! folded), deletions struck through in red and insertions underlined in green as rich text,
//! wrapped cells, landscape A4 one page wide. The header row is row 1, so `pandas.read_excel`
//! reads the table as it is. Sheet 说明: both documents' header fields, the counts and the
//! provenance (tool, time, each file with its SHA-256).

pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatUnderline, Workbook};

use super::{
    notes, overview, provenance_lines, report_title, segments, DocField, Seg, View, ADDED_CELL,
    COLUMNS, DELETED_CELL,
};
use crate::model::{Diff, Row};

/// Excel's limit on the characters of one cell.
const CELL_MAX: usize = 32_767;
/// Column widths in Excel's character units (a Chinese character takes about two).
const WIDTHS: [f64; 4] = [6.0, 60.0, 60.0, 34.0];
/// Height of one line of text in points (11-point 宋体), and Excel's largest row height.
const LINE_HEIGHT: f64 = 14.5;
const ROW_MAX: f64 = 409.0;
/// The font every cell uses, with the GB2312 character set so that Excel picks Chinese glyphs.
const FONT: &str = "宋体";
const GB2312: u8 = 134;

struct Formats {
    head: Format,
    cell: Format,
    number: Format,
    plain: Format,
    ins: Format,
    del: Format,
    ins_sys: Format,
    del_sys: Format,
    bold: Format,
    caption: Format,
}

impl Formats {
    fn new() -> Formats {
        let font = || Format::new().set_font_name(FONT).set_font_charset(GB2312);
        let cell = font()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            head: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF3F4F6))
                .set_align(FormatAlign::Center),
            number: cell.clone().set_align(FormatAlign::Right),
            cell,
            plain: font(),
            ins: font()
                .set_font_color(Color::RGB(0x0B6B2E))
                .set_underline(FormatUnderline::Single),
            del: font()
                .set_font_color(Color::RGB(0xB3261E))
                .set_font_strikethrough(),
            ins_sys: font()
                .set_font_color(Color::RGB(0x5F6368))
                .set_underline(FormatUnderline::Single),
            del_sys: font()
                .set_font_color(Color::RGB(0x5F6368))
                .set_font_strikethrough(),
            bold: font().set_bold(),
            caption: font().set_bold().set_align(FormatAlign::Top),
        }
    }
}

/// One side of a row as rich-text runs: each unit's number in bold, then its text with the
/// marked runs; units separated by a blank line.
fn side_runs<'f>(row: &Row, view: View, f: &'f Formats) -> Vec<(&'f Format, String)> {
    let units = if view == View::Old {
        &row.old
    } else {
        &row.new
    };
    let mut runs = Vec::new();
    for (k, u) in units.iter().enumerate() {
        if k > 0 {
            runs.push((&f.plain, "\n\n".to_owned()));
        }
        let number = u.number.trim();
        if !number.is_empty() {
            runs.push((&f.bold, format!("{number} ")));
        }
        for s in segments(row, view, k) {
            runs.push(match s {
                Seg::Plain(t) => (&f.plain, t),
                Seg::Ins(t, sys) => (if sys { &f.ins_sys } else { &f.ins }, t),
                Seg::Del(t, sys) => (if sys { &f.del_sys } else { &f.del }, t),
            });
        }
    }
    runs.retain(|(_, t)| !t.is_empty());
    runs
}

/// Lines that `text` takes wrapped in a column `width` characters wide (a Chinese character
/// counts as two): Excel and LibreOffice do not fit the height of rows written by a program, so
/// each row is given the height of its tallest cell.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| if (c as u32) < 0x1100 { 1.1 } else { 2.0 })
                .sum();
            ((w / room).ceil() as usize).max(1)
        })
        .sum()
}

fn runs_text(runs: &[(&Format, String)]) -> String {
    runs.iter().map(|(_, t)| t.as_str()).collect()
}

fn write_side(
    ws: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    runs: &[(&Format, String)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let chars: usize = runs.iter().map(|(_, t)| t.chars().count()).sum();
    if runs.is_empty() {
        ws.write_string_with_format(r, c, "", &f.cell)?;
    } else if chars > CELL_MAX {
        // Longer than a cell holds: the text without marks, cut, and said so.
        let note = "……（超过 Excel 单元格的字数上限，全文见 HTML 或 DOCX 对照表）";
        let text: String = runs
            .iter()
            .flat_map(|(_, t)| t.chars())
            .take(CELL_MAX - note.chars().count())
            .chain(note.chars())
            .collect();
        ws.write_string_with_format(r, c, text, &f.cell)?;
    } else {
        let rich: Vec<(&Format, &str)> = runs.iter().map(|(fmt, t)| (*fmt, t.as_str())).collect();
        ws.write_rich_string_with_format(r, c, &rich, &f.cell)?;
    }
    Ok(())
}

fn table_sheet(wb: &mut Workbook, diff: &Diff, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("对照表")?;
    for (c, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        ws.set_column_width(c as u16, width)?;
        ws.write_string_with_format(0, c as u16, *name, &f.head)?;
    }
    for (k, row) in diff.rows.iter().enumerate() {
        let r = k as u32 + 1;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &f.number)?;
        if row.old.is_empty() {
            ws.write_string_with_format(r, 1, ADDED_CELL, &f.cell)?;
        } else {
            write_side(ws, (r, 1), &side_runs(row, View::Old, f), f)?;
        }
        if row.new.is_empty() {
            ws.write_string_with_format(r, 2, DELETED_CELL, &f.cell)?;
        } else {
            write_side(ws, (r, 2), &side_runs(row, View::New, f), f)?;
        }
        let mut why = vec![(&f.bold, row.kind.chinese().to_owned())];
        for note in notes(row, diff, k) {
            why.push((&f.plain, format!("\n{note}")));
        }
        write_side(ws, (r, 3), &why, f)?;
        let lines = [
            (side_runs(row, View::Old, f), WIDTHS[1]),
            (side_runs(row, View::New, f), WIDTHS[2]),
            (why, WIDTHS[3]),
        ]
        .iter()
        .map(|(runs, width)| wrapped_lines(&runs_text(runs), *width))
        .max()
        .unwrap_or(1);
        ws.set_row_height(r, (lines as f64 * LINE_HEIGHT + 3.0).min(ROW_MAX))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    // Header and footer text is limited to 255 characters: the title (cut) and the pages; the
    // full provenance is on the 说明 sheet.
    let title: String = report_title(diff)
        .chars()
        .filter(|&c| c != '&')
        .take(60)
        .collect();
    ws.set_header(format!("&C{title}"));
    let made = diff
        .provenance
        .as_ref()
        .map(|p| format!("&L{}，{}", p.tool.replace('&', ""), p.time.replace('&', "")))
        .unwrap_or_default();
    ws.set_footer(format!("{made}&R第 &P 页，共 &N 页"));
    Ok(())
}

fn about_sheet(wb: &mut Workbook, diff: &Diff, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("说明")?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 70)?;
    ws.set_column_width(2, 70)?;
    let cell = f.cell.clone();
    ws.write_string_with_format(0, 0, report_title(diff), &f.bold)?;
    let mut r = 2;
    for (c, name) in ["", "修订前", "修订后"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *name, &f.head)?;
    }
    for field in DocField::ALL {
        let (old, new) = (field.value(&diff.old), field.value(&diff.new));
        if old.is_none() && new.is_none() {
            continue;
        }
        r += 1;
        ws.write_string_with_format(r, 0, field.caption(), &f.caption)?;
        ws.write_string_with_format(r, 1, old.unwrap_or_default(), &cell)?;
        ws.write_string_with_format(r, 2, new.unwrap_or_default(), &cell)?;
    }
    r += 2;
    ws.write_string_with_format(r, 0, "变化概览", &f.caption)?;
    ws.write_string_with_format(r, 1, overview(diff), &cell)?;
    for rep in &diff.systematic {
        r += 1;
        ws.write_string_with_format(r, 0, "全文统一修改", &f.caption)?;
        ws.write_string_with_format(
            r,
            1,
            format!(
                "将“{}”修改为“{}”（{}处，涉及{}个单元）",
                rep.old,
                rep.new,
                rep.count,
                rep.rows.len()
            ),
            &cell,
        )?;
    }
    if let Some(p) = &diff.provenance {
        r += 2;
        ws.write_string_with_format(r, 0, "生成信息", &f.bold)?;
        for (caption, value) in provenance_lines(diff, p) {
            r += 1;
            ws.write_string_with_format(r, 0, caption, &f.caption)?;
            ws.write_string_with_format(r, 1, value, &cell)?;
        }
    }
    Ok(())
}

/// The 对照表 as the bytes of an XLSX workbook.
pub fn render_xlsx(diff: &Diff) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut props = rust_xlsxwriter::DocProperties::new().set_title(report_title(diff));
    if let Some(p) = &diff.provenance {
        props = props.set_comment(format!(
            "{}，{}；修订前 SHA-256 {}；修订后 SHA-256 {}",
            p.tool, p.time, p.old_sha256, p.new_sha256
        ));
    }
    wb.set_properties(&props);
    table_sheet(&mut wb, diff, &f)?;
    about_sheet(&mut wb, diff, &f)?;
    wb.save_to_buffer()
}
