//! The 对照表 as a Word document (.docx), the form in which 修订前后对照表 circulate.
//!
//! WordprocessingML written here and packed with `zip` (docx-rs 0.4 cannot mark a header row to
//! repeat on each page, which a printed 对照表 of many pages needs). Landscape A4; the title, both
//! documents and the counts; the table 序号 | 修订前 | 修订后 | 说明 with its header row repeated
//! on every page, deletions struck through in red and insertions underlined in green; then the
//! provenance (tool, time, each file with its SHA-256), which the page footer repeats in short
//! with the page number.

use std::io::Write;

use policykg_text::escape::escape;
use zip::write::SimpleFileOptions;

use super::{
    doc_line, notes, overview, provenance_lines, report_title, segments, Seg, View, ADDED_CELL,
    COLUMNS, DELETED_CELL,
};
use crate::model::{Diff, Row};

/// Column widths in twentieths of a point: 序号, 修订前, 修订后, 说明 (landscape A4 less 2 cm
/// margins: 14570).
const WIDTHS: [u32; 4] = [760, 5560, 5560, 2690];
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// How a run looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    Plain,
    Bold,
    Ins,
    Del,
    InsSys,
    DelSys,
    Note,
}

impl Look {
    fn rpr(self) -> &'static str {
        match self {
            Look::Plain => "",
            Look::Bold => "<w:rPr><w:b/></w:rPr>",
            Look::Ins => "<w:rPr><w:color w:val=\"0B6B2E\"/><w:u w:val=\"single\"/></w:rPr>",
            Look::Del => "<w:rPr><w:strike/><w:color w:val=\"B3261E\"/></w:rPr>",
            Look::InsSys => "<w:rPr><w:color w:val=\"5F6368\"/><w:u w:val=\"dotted\"/></w:rPr>",
            Look::DelSys => "<w:rPr><w:strike/><w:color w:val=\"5F6368\"/></w:rPr>",
            Look::Note => "<w:rPr><w:color w:val=\"5F6368\"/><w:sz w:val=\"18\"/></w:rPr>",
        }
    }
}

/// Paragraphs of runs: text pushed with line breaks starts new paragraphs.
#[derive(Default)]
struct Paras(Vec<Vec<(Look, String)>>);

impl Paras {
    fn push(&mut self, look: Look, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 || self.0.is_empty() {
                self.0.push(Vec::new());
            }
            if !line.is_empty() {
                self.0
                    .last_mut()
                    .expect("a paragraph")
                    .push((look, line.to_owned()));
            }
        }
    }

    fn new_para(&mut self) {
        self.0.push(Vec::new());
    }

    /// As `<w:p>` elements, with `ppr` in each (an empty cell still gets one paragraph).
    fn xml(&self, ppr: &str) -> String {
        let mut out = String::new();
        for p in &self.0 {
            out.push_str("<w:p>");
            out.push_str(ppr);
            for (look, text) in p {
                out.push_str("<w:r>");
                out.push_str(look.rpr());
                out.push_str("<w:t xml:space=\"preserve\">");
                out.push_str(&escape(text));
                out.push_str("</w:t></w:r>");
            }
            out.push_str("</w:p>");
        }
        if self.0.is_empty() {
            out.push_str("<w:p/>");
        }
        out
    }
}

fn para(look: Look, text: &str) -> String {
    let mut p = Paras::default();
    p.push(look, text);
    p.xml("")
}

fn side(row: &Row, view: View) -> Paras {
    let units = if view == View::Old {
        &row.old
    } else {
        &row.new
    };
    let mut p = Paras::default();
    for (k, u) in units.iter().enumerate() {
        p.new_para();
        let number = u.number.trim();
        if !number.is_empty() {
            p.push(Look::Bold, &format!("{number} "));
        }
        for s in segments(row, view, k) {
            match s {
                Seg::Plain(t) => p.push(Look::Plain, &t),
                Seg::Ins(t, sys) => p.push(if sys { Look::InsSys } else { Look::Ins }, &t),
                Seg::Del(t, sys) => p.push(if sys { Look::DelSys } else { Look::Del }, &t),
            }
        }
    }
    // Blank lines inside a unit (paragraph breaks of the source) are not kept as empty paragraphs.
    p.0.retain(|runs| !runs.is_empty());
    p
}

fn cell(width: u32, shade: bool, body: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{}</w:tcPr>{body}</w:tc>",
        if shade {
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F4F6\"/>"
        } else {
            ""
        }
    )
}

fn table(diff: &Diff) -> String {
    let mut out = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>",
    );
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{edge} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A0A4A8\"/>"
        ));
    }
    out.push_str("</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in WIDTHS {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    // The header row, repeated at the top of every page.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (name, w) in COLUMNS.iter().zip(WIDTHS) {
        out.push_str(&cell(
            w,
            true,
            &Paras(vec![vec![(Look::Bold, (*name).to_owned())]])
                .xml("<w:pPr><w:jc w:val=\"center\"/></w:pPr>"),
        ));
    }
    out.push_str("</w:tr>");
    for (k, row) in diff.rows.iter().enumerate() {
        out.push_str("<w:tr>");
        out.push_str(&cell(
            WIDTHS[0],
            false,
            &Paras(vec![vec![(Look::Plain, (k + 1).to_string())]])
                .xml("<w:pPr><w:jc w:val=\"right\"/></w:pPr>"),
        ));
        let empty = |text: &str| Paras(vec![vec![(Look::Note, text.to_owned())]]);
        let old = if row.old.is_empty() {
            empty(ADDED_CELL)
        } else {
            side(row, View::Old)
        };
        let new = if row.new.is_empty() {
            empty(DELETED_CELL)
        } else {
            side(row, View::New)
        };
        out.push_str(&cell(WIDTHS[1], false, &old.xml("")));
        out.push_str(&cell(WIDTHS[2], false, &new.xml("")));
        let mut why = Paras::default();
        why.push(Look::Bold, row.kind.chinese());
        for note in notes(row, diff, k) {
            why.new_para();
            why.push(Look::Plain, &note);
        }
        out.push_str(&cell(WIDTHS[3], false, &why.xml("")));
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn document(diff: &Diff) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(&report_title(diff))
    ));
    body.push_str(&para(
        Look::Plain,
        &format!("修订前：{}", doc_line(&diff.old)),
    ));
    body.push_str(&para(
        Look::Plain,
        &format!("修订后：{}", doc_line(&diff.new)),
    ));
    body.push_str(&para(Look::Plain, &format!("变化概览：{}", overview(diff))));
    for r in &diff.systematic {
        body.push_str(&para(
            Look::Plain,
            &format!(
                "全文统一修改：将“{}”修改为“{}”（{}处，涉及{}个单元）",
                r.old,
                r.new,
                r.count,
                r.rows.len()
            ),
        ));
    }
    body.push_str(&table(diff));
    if let Some(p) = &diff.provenance {
        body.push_str(&para(Look::Bold, "生成信息"));
        for (caption, value) in provenance_lines(diff, p) {
            body.push_str(&para(Look::Note, &format!("{caption}：{value}")));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{body}<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

fn footer(diff: &Diff) -> String {
    let made = diff
        .provenance
        .as_ref()
        .map(|p| format!("{}，{}　", p.tool, p.time))
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r>{rpr}<w:t xml:space=\"preserve\">{}第 </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple><w:r>{rpr}<w:t xml:space=\"preserve\"> 页，共 </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \"><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple><w:r>{rpr}<w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p></w:ftr>",
        escape(&made),
        rpr = Look::Note.rpr()
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// Document properties: the title, and the provenance as the description.
fn core(diff: &Diff) -> String {
    let description = diff.provenance.as_ref().map_or_else(String::new, |p| {
        format!(
            "<dc:description>{}</dc:description>",
            escape(&format!(
                "{}，{}；修订前 SHA-256 {}；修订后 SHA-256 {}",
                p.tool, p.time, p.old_sha256, p.new_sha256
            ))
        )
    });
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>policykg</dc:creator>{description}</cp:coreProperties>",
        escape(&report_title(diff))
    )
}

/// The 对照表 as the bytes of a .docx file.
pub fn render_docx(diff: &Diff) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("docProps/core.xml", core(diff)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/document.xml", document(diff)),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/footer1.xml", footer(diff)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
