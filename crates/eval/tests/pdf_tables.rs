//! Text copied out of a PDF: the pdf variant of dev documents, as the variant eval builds it.
//! Task tables with cells separated only by spaces and rows broken over the page's lines (001, a
//! list of reforms with a 序号 column; 029, a task table whose category cells span rows and whose
//! lead cells are often empty) read as the reader's tables, row by row, with the leads of their
//! role columns; notices of short items (045, 011) read as PDF copies, their broken lines joined.

use std::path::{Path, PathBuf};

use policykg_eval::variant::{transform, Variant};
use policykg_extract::{Processed, Role};
use policykg_ontology::Ontology;
use policykg_read::Limits;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pdf variant of dev document `file`, as the variant eval builds it (with the title the
/// page shows), read and extracted.
fn pdf_copy(file: &str) -> Processed {
    let path = root().join("corpus/dev").join(file);
    let bytes = std::fs::read(&path).unwrap();
    let (ontology, limits) = (Ontology::bundled(), Limits::default());
    let original = policykg_extract::process_bytes(file, &bytes, ontology, &limits).unwrap();
    let t = transform(
        Variant::Pdf,
        file,
        &bytes,
        original.extraction.title.as_deref(),
        &limits,
    )
    .unwrap()
    .unwrap();
    policykg_extract::process_bytes(&t.name, &t.bytes, ontology, &limits).unwrap()
}

/// The mentions of a task's agencies with `role`.
fn mentions(p: &Processed, id: &str, role: Role) -> Vec<String> {
    let task = p
        .extraction
        .tasks
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no task {id}"));
    task.agencies
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.mention.clone())
        .collect()
}

fn row_tasks(p: &Processed) -> usize {
    p.extraction
        .tasks
        .iter()
        .filter(|t| t.id.starts_with("table1/row"))
        .count()
}

#[test]
fn reform_list_with_serial_numbers() {
    let p = pdf_copy("001_guobanfa2018-126_tuiguang_gaige_table.html");
    let doc = &p.parsed.document;
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    // The header, five section rows and the 17 reforms the notice keeps (15–20 were left out).
    assert_eq!(table.rows.len(), 23);
    let header: Vec<&str> = table.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        header,
        ["序号", "改革举措", "主要内容", "指导部门", "推广范围"]
    );
    // Cells index the readable text.
    let chars: Vec<char> = doc.text.chars().collect();
    for cell in table.rows.iter().flatten() {
        let s: String = chars[cell.span.start..cell.span.end].iter().collect();
        assert_eq!(s, cell.text);
    }
    let first = &table.rows[2];
    assert_eq!(first[0].text, "1");
    assert_eq!(
        first[3].text,
        "最高人民法院、最高人民检察院、国家知识产权局"
    );
    assert_eq!(first[4].text, "全国");
    assert_eq!(row_tasks(&p), 17);
    assert_eq!(mentions(&p, "table1/row2", Role::Lead), ["最高人民法院"]);
    assert_eq!(
        mentions(&p, "table1/row2", Role::Support),
        ["最高人民检察院", "国家知识产权局"]
    );
    // 6: eight bodies, a range of a digit and CJK text.
    let six = &table.rows[8];
    assert_eq!(six[0].text, "6");
    assert_eq!(six[3].text.split('、').count(), 8);
    assert_eq!(six[4].text, "8个改革试验区域");
}

#[test]
fn task_table_with_category_cells() {
    let p = pdf_copy("029_pingtan_2022_zhengwu_gongkai_renwu_fenjiebiao.derived.html");
    let doc = &p.parsed.document;
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    // The header and 18 tasks; a row without its category cell keeps its columns.
    assert_eq!(table.rows.len(), 19);
    assert_eq!(table.rows[0][3].text, "配合/责任单位");
    assert_eq!(table.rows[2].len(), 3);
    assert_eq!(table.rows[2][0].column, 1);
    assert_eq!(row_tasks(&p), 18);
    // Two leads the page wrote side by side, and the bodies that support them.
    assert_eq!(
        mentions(&p, "table1/row3", Role::Lead),
        ["区经济发展局", "区行政审批局"]
    );
    assert_eq!(
        mentions(&p, "table1/row3", Role::Support),
        [
            "区直各有关单位",
            "各区属事业单位",
            "各片区管理局",
            "各乡镇人民政府（街道办事处）"
        ]
    );
    // An empty lead cell: the row's bodies share the task.
    assert!(mentions(&p, "table1/row1", Role::Lead).is_empty());
    assert_eq!(mentions(&p, "table1/row1", Role::Joint).len(), 4);
    assert_eq!(mentions(&p, "table1/row13", Role::Lead), ["区社会事业局"]);
}

/// `s` in a column `width` halves of a CJK character wide (ASCII one half, any other two):
/// its lines, each leaving two halves of room at least for the gap before the next column.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        let w = if c.is_ascii() { 1 } else { 2 };
        if used + w + 2 > width {
            lines.push(String::new());
            used = 0;
        }
        lines.last_mut().unwrap().push(c);
        used += w;
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let used: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(used)))
}

/// 001's table laid out in columns with spaces, each cell wrapped in its column (as a PDF copied
/// with its layout), between a line of prose and a closing line: the text reads the same rows,
/// cell for cell, and the same leads as the page.
#[test]
fn reform_list_laid_out_in_columns() {
    let file = "001_guobanfa2018-126_tuiguang_gaige_table.html";
    let (ontology, limits) = (Ontology::bundled(), Limits::default());
    let bytes = std::fs::read(root().join("corpus/dev").join(file)).unwrap();
    let page = policykg_extract::process_bytes(file, &bytes, ontology, &limits).unwrap();
    let table = &page.parsed.document.tables[0];
    let widths = [8, 30, 40, 30, 20];
    let mut text = String::from("附件\n第二批支持创新相关改革举措推广清单\n");
    for row in &table.rows {
        if row.len() == 1 {
            text.push_str(&row[0].text);
            text.push('\n');
            continue;
        }
        let cells: Vec<Vec<String>> = row
            .iter()
            .map(|c| wrap(&c.text, widths[c.column]))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap();
        for l in 0..height {
            let line: String = cells
                .iter()
                .zip(row)
                .map(|(lines, c)| pad(lines.get(l).map_or("", String::as_str), widths[c.column]))
                .collect();
            text.push_str(line.trim_end());
            text.push('\n');
        }
    }
    text.push_str("\n（本表由国务院办公厅印发）\n");
    let copy =
        policykg_extract::process_bytes("001.txt", text.as_bytes(), ontology, &limits).unwrap();
    let doc = &copy.parsed.document;
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.message.contains("laid out in columns")));
    assert_eq!(doc.tables.len(), 1);
    let read = &doc.tables[0];
    assert_eq!(read.rows.len(), table.rows.len());
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (a, b) in read.rows.iter().zip(&table.rows) {
        let a: Vec<String> = a.iter().map(|c| squeeze(&c.text)).collect();
        let b: Vec<String> = b.iter().map(|c| squeeze(&c.text)).collect();
        assert_eq!(a, b);
    }
    assert_eq!((row_tasks(&page), row_tasks(&copy)), (17, 17));
    let ids = page
        .extraction
        .tasks
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| id.starts_with("table1/row"));
    for id in ids {
        assert_eq!(
            mentions(&copy, id, Role::Lead),
            mentions(&page, id, Role::Lead),
            "{id}"
        );
        assert_eq!(
            mentions(&copy, id, Role::Support),
            mentions(&page, id, Role::Support),
            "{id}"
        );
    }
}

/// The task ids of an extraction, in order.
fn task_ids(p: &Processed) -> Vec<String> {
    p.extraction.tasks.iter().map(|t| t.id.clone()).collect()
}

/// A regulation of short articles and items, most of them one line (045, 国家安全机关 举报奖励):
/// fewer than two lines in five fill the page, but none runs past it, so the copy is read as a
/// PDF's and its broken lines joined. The conditions of 第八条 then stay parts of its sentence (a
/// continuation line would otherwise be a sub-item's body) and the copy has the original's tasks.
#[test]
fn short_items_wrapped_by_the_page() {
    let file = "045_guojia_anquanbu_jubao_jiangli_banfa_2022.md";
    let bytes = std::fs::read(root().join("corpus/dev").join(file)).unwrap();
    let (ontology, limits) = (Ontology::bundled(), Limits::default());
    let original = policykg_extract::process_bytes(file, &bytes, ontology, &limits).unwrap();
    let p = pdf_copy(file);
    assert!(p
        .parsed
        .document
        .warnings
        .iter()
        .any(|w| w.message.contains("as copied out of a PDF")));
    let squeeze = |id: &str| {
        id.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let ids: Vec<String> = task_ids(&p).iter().map(|id| squeeze(id)).collect();
    assert_eq!(ids, task_ids(&original));
    assert!(ids.contains(&"第二章/第八条".to_owned()));
    assert!(!ids.iter().any(|id| id.starts_with("第二章/第八条/")));
}

/// A forwarding notice whose addressees fill two page lines (011): joined, they are read whole.
#[test]
fn addressees_over_two_page_lines() {
    let file = "011_guobanfa1996-32_zhuanfa_xizangban.html";
    let bytes = std::fs::read(root().join("corpus/dev").join(file)).unwrap();
    let (ontology, limits) = (Ontology::bundled(), Limits::default());
    let original = policykg_extract::process_bytes(file, &bytes, ontology, &limits).unwrap();
    let p = pdf_copy(file);
    assert_eq!(original.extraction.addressees.len(), 16);
    assert_eq!(p.extraction.addressees, original.extraction.addressees);
}
