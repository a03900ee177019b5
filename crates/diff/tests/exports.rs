//! The 对照表 as a file to keep: XLSX read back with calamine, DOCX unzipped and its
//! word/document.xml read, the HTML footer; on real version pairs of corpus/, with a fixed
//! provenance.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use common::diff_files;
use policykg_diff::{render_docx, render_html, render_xlsx, Diff, Provenance, RowKind};

const OLD: &str = "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md";
const NEW: &str = "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md";
const DRAFT: &str = "tests/fixtures/versions/001_zhengqiu.txt";
const FINAL: &str = "corpus/seeds/001_a6818095697d7a7c.txt";

fn provenance() -> Provenance {
    Provenance {
        tool: "policykg 0.1.0".to_owned(),
        old_sha256: "a".repeat(64),
        new_sha256: "b".repeat(64),
        time: "2026-01-01T00:00:00Z".to_owned(),
    }
}

fn with_provenance(mut d: Diff) -> Diff {
    d.provenance = Some(provenance());
    d
}

fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let range = book.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The text of one side of row `k` as the 对照表 shows it (numbers, then the unit's text).
fn side_text(d: &Diff, k: usize, old: bool) -> String {
    let row = &d.rows[k];
    let units = if old { &row.old } else { &row.new };
    units
        .iter()
        .map(|u| {
            let n = u.number.trim();
            if n.is_empty() {
                u.text.clone()
            } else {
                format!("{n} {}", u.text)
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn xlsx_has_the_rows_and_columns_of_the_table() {
    let d = with_provenance(diff_files(OLD, NEW));
    let rows = sheet(render_xlsx(&d).unwrap(), "对照表");
    assert_eq!(rows[0], ["序号", "修订前", "修订后", "说明"]);
    assert_eq!(rows.len(), d.rows.len() + 1);
    assert!(rows.iter().all(|r| r.len() == 4));
    for (k, (cells, row)) in rows[1..].iter().zip(&d.rows).enumerate() {
        assert_eq!(cells[0], (k + 1).to_string());
        // Every unit in full, nothing folded, Chinese intact.
        match row.kind {
            RowKind::Added => assert_eq!(cells[1], "（新增）"),
            _ => assert_eq!(cells[1], side_text(&d, k, true), "row {}", k + 1),
        }
        match row.kind {
            RowKind::Deleted => assert_eq!(cells[2], "（删除）"),
            _ => assert_eq!(cells[2], side_text(&d, k, false), "row {}", k + 1),
        }
        assert!(cells[3].starts_with(row.kind.chinese()), "{}", cells[3]);
    }
    // The split article: 第五十六条 became 第六十六条 and 第六十七条, one row.
    let split = rows
        .iter()
        .find(|r| r[3].starts_with("拆分"))
        .expect("a split row");
    assert!(split[1].starts_with("第五十六条 "), "{}", split[1]);
    assert!(
        split[2].starts_with("第六十六条 ") && split[2].contains("\n\n第六十七条 "),
        "{}",
        split[2]
    );
    assert!(rows.iter().any(|r| r[2].contains("企业等经营主体")));

    let about = sheet(render_xlsx(&d).unwrap(), "说明");
    let find = |caption: &str| {
        about
            .iter()
            .find(|r| r[0] == caption)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {caption} in {about:?}"))
    };
    assert_eq!(find("标题"), "上海市优化营商环境条例");
    assert_eq!(find("生成工具"), "policykg 0.1.0");
    assert_eq!(find("比较时间"), "2026-01-01T00:00:00Z");
    assert_eq!(
        find("修订前文件"),
        format!("{}（SHA-256 {}）", d.old.source, "a".repeat(64))
    );
    assert_eq!(
        find("修订后文件"),
        format!("{}（SHA-256 {}）", d.new.source, "b".repeat(64))
    );
}

fn docx_part(bytes: Vec<u8>, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("docx is a zip");
    let mut part = zip.by_name(name).expect(name);
    let mut s = String::new();
    part.read_to_string(&mut s).unwrap();
    s
}

/// The text of each `<w:tc>` of each `<w:tr>` of the document, paragraphs joined by "\n".
fn docx_rows(xml: &str) -> Vec<Vec<String>> {
    let text_of = |cell: &str| {
        cell.split("</w:p>")
            .filter(|p| p.contains("<w:p"))
            .map(|p| {
                p.split("<w:t xml:space=\"preserve\">")
                    .skip(1)
                    .map(|t| t.split("</w:t>").next().unwrap())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    xml.split("<w:tr>")
        .skip(1)
        .map(|tr| {
            let tr = tr.split("</w:tr>").next().unwrap();
            tr.split("<w:tc>")
                .skip(1)
                .map(|tc| text_of(tc.split("</w:tc>").next().unwrap()))
                .collect()
        })
        .collect()
}

#[test]
fn docx_has_the_rows_columns_marks_and_provenance() {
    let d = with_provenance(diff_files(DRAFT, FINAL));
    let bytes = render_docx(&d).unwrap();
    let xml = docx_part(bytes.clone(), "word/document.xml");
    assert!(xml.starts_with("<?xml"));
    // Landscape, the header row repeated on every page.
    assert!(xml.contains("w:orient=\"landscape\""));
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
    let rows = docx_rows(&xml);
    assert_eq!(rows[0], ["序号", "修订前", "修订后", "说明"]);
    assert_eq!(rows.len(), d.rows.len() + 1);
    assert!(rows.iter().all(|r| r.len() == 4));
    for (k, cells) in rows[1..].iter().enumerate() {
        assert_eq!(cells[0], (k + 1).to_string());
        assert!(cells[3].starts_with(d.rows[k].kind.chinese()), "{cells:?}");
    }
    // The cover notice of the final text is added; the status line of the draft deleted.
    assert_eq!(rows[1][1], "（新增）");
    let status = rows
        .iter()
        .find(|r| r[1].contains("征求意见稿"))
        .expect("the status line");
    assert_eq!(status[2], "（删除）");
    // 50万元 → 80万元 in 2．: struck in red, underlined in green, with the number and the text.
    let modified = rows
        .iter()
        .find(|r| r[1].contains("50万元"))
        .expect("the 50万元 row");
    assert!(modified[1].starts_with("2． "), "{modified:?}");
    assert!(modified[2].contains("80万元"), "{modified:?}");
    assert!(modified[3].contains("金额调整") || modified[3].contains("数字变化"));
    assert!(xml.contains(
        "<w:strike/><w:color w:val=\"B3261E\"/></w:rPr><w:t xml:space=\"preserve\">50万元</w:t>"
    ));
    assert!(xml.contains("<w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">80万元</w:t>"));
    assert!(xml.contains("安徽省专精特新中小企业倍增行动方案"));
    // Provenance after the table, and in short in the footer with the page numbers.
    let tail = &xml[xml.rfind("</w:tbl>").unwrap()..];
    assert!(tail.contains("生成工具：policykg 0.1.0"));
    assert!(tail.contains("比较时间：2026-01-01T00:00:00Z"));
    assert!(tail.contains(&format!(
        "修订前文件：{}（SHA-256 {}）",
        d.old.source,
        "a".repeat(64)
    )));
    assert!(tail.contains(&format!(
        "修订后文件：{}（SHA-256 {}）",
        d.new.source,
        "b".repeat(64)
    )));
    let footer = docx_part(bytes.clone(), "word/footer1.xml");
    assert!(footer.contains("policykg 0.1.0，2026-01-01T00:00:00Z") && footer.contains(" PAGE "));
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        assert!(
            docx_part(bytes.clone(), part).starts_with("<?xml"),
            "{part}"
        );
    }
}

#[test]
fn html_footer_states_the_provenance() {
    let d = diff_files(DRAFT, FINAL);
    assert!(!render_html(&d).contains("生成信息"));
    let (old, new) = (d.old.source.clone(), d.new.source.clone());
    assert!(old.ends_with(DRAFT) && new.ends_with(FINAL));
    let h = render_html(&with_provenance(d));
    let footer = &h[h.find("<footer>").expect("a footer")..];
    assert!(footer.contains("<tr><th>生成工具</th><td>policykg 0.1.0</td></tr>"));
    assert!(footer.contains("<tr><th>比较时间</th><td>2026-01-01T00:00:00Z</td></tr>"));
    assert!(footer.contains(&format!("{old}（SHA-256 {}）", "a".repeat(64))));
    assert!(footer.contains(&format!("{new}（SHA-256 {}）", "b".repeat(64))));
}

#[test]
fn locators_are_in_full_and_in_both_numberings() {
    let d = diff_files(DRAFT, FINAL);
    let place = |old: &str| {
        d.rows
            .iter()
            .find(|r| r.old.first().is_some_and(|u| u.path == old))
            .unwrap_or_else(|| panic!("no row for {old}"))
            .place()
    };
    // The path 一/（二） is cited in full, never as a bare （二）.
    assert_eq!(place("一/（二）"), "第一部分第（二）项");
    assert_eq!(place("二/（一）/2"), "第二部分第（一）项第2条");
    // Renumbered by the split of 6．: both numberings.
    assert_eq!(
        place("二/（三）/7"),
        "修订前第二部分第（三）项第7条，修订后第二部分第（三）项第8条"
    );
    assert_eq!(
        place("二/（三）/6"),
        "修订前第二部分第（三）项第6条，修订后第二部分第（三）项第6条、第二部分第（三）项第7条"
    );
    // Moved between sections.
    assert_eq!(
        place("二/（六）/16"),
        "修订前第二部分第（六）项第16条，修订后第二部分第（五）项第14条"
    );
    // Articles are cited by their article number alone; the 说明 of every format says where.
    let d = diff_files(OLD, NEW);
    let split = d.rows.iter().find(|r| r.kind == RowKind::Split).unwrap();
    assert_eq!(
        split.place(),
        "修订前第五十六条，修订后第六十六条、第六十七条"
    );
    let rows = sheet(render_xlsx(&with_provenance(d.clone())).unwrap(), "对照表");
    assert!(rows[1..]
        .iter()
        .all(|r| r[3].lines().nth(1).is_some_and(|l| l.starts_with("位置："))));
    assert!(rows
        .iter()
        .any(|r| r[3].contains("位置：修订前第五十六条，修订后第六十六条、第六十七条")));
    let xml = docx_part(render_docx(&d).unwrap(), "word/document.xml");
    assert!(xml.contains("位置：修订前第五十六条，修订后第六十六条、第六十七条"));
    let h = render_html(&d);
    assert!(h.contains("<br>位置：修订前第五十六条，修订后第六十六条、第六十七条"));
}
