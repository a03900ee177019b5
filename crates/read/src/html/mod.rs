//! An HTML page → the notice's text, tables and declared metadata.
//!
//! Parsing is scraper's (html5ever, the browsers' algorithm, so broken markup is repaired the
//! way a browser would), after [`depth`] has dropped the tags nested past the depth limit (the
//! parser's time grows with depth × tags). Then:
//! - [`fields`]: `<title>`/`<meta>` and label/value tables anywhere on the page become fields;
//! - [`content`]: the element holding the notice is chosen (known containers, else the block
//!   richest in CJK text);
//! - [`render`]: that element becomes lines, furniture inside it dropped, tables kept as rows.
//!
//! Metadata tables outside the chosen container therefore reach the fields but not the text.

/// `fn f(name: &str) -> bool` for a fixed set of element names: a `match` the compiler turns
/// into length tests and word compares, where a `&[&str]` list's `contains` called `memcmp`
/// once per name of the same length (tens of thousands of tags and elements a page).
macro_rules! names {
    ($(#[$doc:meta])* $vis:vis fn $f:ident = [$($name:literal),* $(,)?] $(,)?) => {
        $(#[$doc])*
        $vis fn $f(name: &str) -> bool {
            matches!(name, $($name)|*)
        }
    };
}

mod content;
mod depth;
mod fields;
mod render;
mod tree;

use scraper::Html;

use crate::document::{Field, Table};

pub(crate) use content::Choice;

/// What a page yields.
#[derive(Debug)]
pub(crate) struct Extracted {
    pub text: String,
    pub tables: Vec<Table>,
    pub fields: Vec<Field>,
    /// How the content container was chosen.
    pub choice: Choice,
    /// Start tags dropped for nesting past the limit, and the byte offset of the first.
    pub flattened: Option<(usize, usize)>,
}

/// Reads a page whose elements may nest `max_depth` deep; deeper start tags are dropped and
/// their text kept.
pub(crate) fn extract(html: &str, max_depth: usize) -> Extracted {
    let bounded = depth::bound(html, max_depth);
    let flattened = bounded.first_dropped_at.map(|at| (bounded.dropped, at));
    let doc = Html::parse_document(&bounded.html);
    let mut fields = fields::head_fields(&doc);
    fields.extend(fields::page_table_fields(&doc));
    let (root, choice) = content::choose(&doc);
    fields.extend(fields::shown_heading(&doc, root));
    let (text, tables) = render::render(root);
    Extracted {
        text,
        tables,
        fields,
        choice,
        flattened,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_container_beats_richer_noise_only_when_substantial() {
        let page = "<html><body><div id='nav'><a>首页</a><a>政务公开</a></div>\
            <div class='TRS_Editor'><p>　　一、总体要求</p><p>（一）指导思想。以习近平新时代中国特色社会主义思想为指导。</p></div>\
            <div class='footer'>主办单位：安徽省人民政府办公厅</div></body></html>";
        let got = extract(page, 256);
        assert_eq!(got.choice, Choice::Known("div.TRS_Editor".to_owned()));
        assert_eq!(
            got.text,
            "一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n"
        );
    }

    #[test]
    fn richest_block_without_known_container() {
        let page = "<div class='left'><ul><li><a>相关链接一二三四五六七八九十</a></li></ul></div>\
            <div class='x'><p>第一条 为了持续优化营商环境，激发市场主体活力。</p><p>第二条 本条例适用于本市行政区域内。</p></div>";
        let got = extract(page, 256);
        assert_eq!(got.choice, Choice::Richest);
        assert_eq!(
            got.text,
            "第一条 为了持续优化营商环境，激发市场主体活力。\n第二条 本条例适用于本市行政区域内。\n"
        );
    }

    #[test]
    fn bare_title_paragraphs_beside_the_richest_block_are_kept() {
        // corpus/dev/043 (a JSP template): the 文号 and title are bare paragraphs of <body>, the
        // member list and the closing lines a block of their own.
        let page = "<body><p align='center'><strong>临政办函[2013]89号</strong></p>\
            <p align='center'><span>临安市人民政府办公室关于成立临安市<br/>信用建设工作领导小组的通知</span></p>\
            <div class='personnel-list'><ul><li>组长：李文钢</li><li>成员：巫振江（市府办）</li>\
            <li>李红樱（市发改局）</li><li>李震（市委宣传部）</li><li>方远洋（市委政研室）</li>\
            <li>程炳贵（市委政法委）</li><li>吴云海（市编委办）</li><li>陈嫩华（市农办）</li>\
            <li>汪其顺（市经信局）</li><li>帅建筑（市旅游局）</li><li>杨卫国（市规划建设局）</li>\
            <li>应有龙（市城市管理局）</li><li>沈文奎（市商务局）</li><li>项永忠（市科技局）</li>\
            <li>吴云川（市人力社保局）</li><li>叶忠华（市财政局）</li><li>童成林（市国税局）</li>\
            <li>领导小组下设办公室，办公室设在市发改局，胡廖明同志兼任办公室主任。</li>\
            <li>临安市人民政府办公室</li><li>2013年10月10日</li></ul></div></body>";
        let got = extract(page, 256);
        assert_eq!(got.choice, Choice::Richest);
        assert!(
            got.text
                .starts_with("临政办函[2013]89号\n临安市人民政府办公室关于成立临安市\n"),
            "{}",
            got.text
        );
        // A body whose own text holds links (a site's menu) keeps to the block.
        let page = page.replace("<body>", "<body><a>首页</a>");
        let got = extract(&page, 256);
        assert!(got.text.starts_with("组长：李文钢"), "{}", got.text);
    }

    #[test]
    fn the_heading_printed_above_the_content_is_a_field() {
        // A layout-table template: the title in a cell of its own above the cell holding the
        // notice; menus are links, and a heading inside the content is the text's own.
        let page = "<html><head><title>临夏县人民政府</title></head><body><table><tr><td>\
            <table><tr><td class='nav'><a>首页</a> | <a>政务公开</a></td></tr>\
            <tr><td class='title'>临夏县人民政府办公室关于印发重点工作任务分解方案的通知</td></tr>\
            <tr><td class='content'><p>各乡镇人民政府，县直各部门：</p>\
            <p>现将《临夏县2024年重点工作任务分解方案》印发给你们，请认真抓好落实，确保各项任务按期完成。</p>\
            <p>临夏县人民政府办公室</p><p>2024年3月1日</p></td></tr></table></td></tr></table></body></html>";
        let got = extract(page, 256);
        let shown: Vec<(&str, &str)> = got
            .fields
            .iter()
            .filter(|f| f.origin == crate::FieldOrigin::PageHeading)
            .map(|f| (f.key.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [(
                "标题",
                "临夏县人民政府办公室关于印发重点工作任务分解方案的通知"
            )]
        );
        assert!(got.text.starts_with("各乡镇人民政府"), "{}", got.text);
    }

    #[test]
    fn data_table_rows_and_spans() {
        let page = "<div id='zoom'><p>附件</p><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr>\
            <tr><td rowspan='2'>1</td><td>培育企业</td><td rowspan='2'>省经信厅</td></tr>\
            <tr><td><p>支持</p><p>创新</p></td></tr></table><p>完</p></div>";
        let got = extract(page, 256);
        assert_eq!(
            got.text,
            "附件\n序号\t重点任务\t牵头单位\n1\t培育企业\t省经信厅\n支持 创新\n完\n"
        );
        assert_eq!(got.tables.len(), 1);
        let table = &got.tables[0];
        let chars: Vec<char> = got.text.chars().collect();
        let slice = |s: crate::Span| chars[s.start..s.end].iter().collect::<String>();
        assert_eq!(
            slice(table.span),
            "序号\t重点任务\t牵头单位\n1\t培育企业\t省经信厅\n支持 创新"
        );
        for row in &table.rows {
            for cell in row {
                assert_eq!(slice(cell.span), cell.text);
            }
        }
        assert_eq!(table.rows[2][0].column, 1);
        assert_eq!(table.rows[1][2].rowspan, 2);
    }

    #[test]
    fn layout_tables_are_blocks() {
        let page = "<table><tr><td><table><tr><td>一、总体要求</td></tr></table>\
            <p>正文第一段。</p></td></tr></table>";
        assert_eq!(extract(page, 256).text, "一、总体要求\n正文第一段。\n");
    }

    #[test]
    fn furniture_and_comments_are_dropped() {
        let page = "<div id='zoom'><!-- 正文开始 --><script>var a='脚本文字';</script>\
            <p>正文。</p><div class='bdsharebuttonbox'>分享到：微信 微博</div>\
            <p>【打印本页】</p><p style='display:none'>隐藏文字</p><iframe>框架</iframe></div>";
        assert_eq!(extract(page, 256).text, "正文。\n");
    }
}
