//! The heading rules on short texts made of real lines from the corpus, each probing one trap:
//! body text that looks like a heading, mixed and irregular numbering, layout noise.

mod common;

use common::parse;
use policykg_outline::{Parsed, Style};

/// "path number heading" of every node.
fn tree(p: &Parsed) -> Vec<String> {
    p.outline
        .nodes
        .iter()
        .map(|n| format!("{} {} {}", n.path, n.number, n.heading))
        .collect()
}

#[test]
fn numbers_inside_sentences_are_not_headings() {
    let p = parse(
        "一、总体要求\n\
         （一）主要目标。拉高标杆，奋勇争先，到2025年实现专精特新企业梯队“3个倍增”，即：1．省级专精特新企业5000家以上；2．国家级单项冠军企业达50家。\n\
         第十一次党代会部署的任务，一是打造“三地一区”，二是坚持市场主导。\n\
         2025年05月16日\n\
         二、重点任务\n",
    );
    assert_eq!(
        tree(&p),
        [
            "一 一、 总体要求",
            "一/（一） （一） 主要目标。",
            "二 二、 重点任务"
        ]
    );
    let body = &p.outline.nodes[1].body;
    assert!(
        body.contains("1．省级")
            && body.contains("第十一次党代会")
            && body.contains("2025年05月16日")
    );
}

#[test]
fn a_section_numbered_two_without_one_is_text_unless_it_fits() {
    let p = parse("一、总体要求\n（二）主要目标。到2025年实现倍增。\n二、重点任务\n");
    // （二） continues nothing and starts nothing: body text of 一、 (with a warning, as it looks
    // like a heading only when short).
    assert_eq!(tree(&p), ["一 一、 总体要求", "二 二、 重点任务"]);
    assert!(p.outline.nodes[0].body.starts_with("（二）主要目标。"));
}

#[test]
fn full_width_digits_spaces_and_half_width_brackets() {
    let p = parse(
        "\u{3000}\u{3000}一、总体要求\n\
         \u{3000}\u{3000}(一)指导思想。以习近平新时代中国特色社会主义思想为指导。\n\
         \u{3000}\u{3000}（二）主要目标。到２０２５年。\n\
         １．催生更多市场主体。大力开展“创业安徽”行动。\n\
         （１）发挥创客中国作用。\n\
         （２）培育更多创新型企业。\n\
         ２．实施“五企”培育工程。\n",
    );
    assert_eq!(
        tree(&p),
        [
            "一 一、 总体要求",
            "一/(一) (一) 指导思想。",
            "一/（二） （二） 主要目标。",
            "一/（二）/1 １． 催生更多市场主体。",
            "一/（二）/1/（1） （１） 发挥创客中国作用。",
            "一/（二）/1/（2） （２） 培育更多创新型企业。",
            "一/（二）/2 ２． 实施“五企”培育工程。",
        ]
    );
    let n = &p.outline.nodes[3];
    assert_eq!((n.style, n.ordinal), (Style::ArabicDot, 1));
}

#[test]
fn crlf_and_invisible_characters_keep_offsets() {
    let text = "\u{feff}一、总体要求\r\n（一）指导思想。以习近平\u{200b}新时代为指导。\r\n二、重点任务\r\n";
    let p = parse(text);
    assert_eq!(p.outline.nodes.len(), 3);
    let n = &p.outline.nodes[1];
    assert_eq!(n.heading, "指导思想。");
    assert_eq!(n.body, "以习近平\u{200b}新时代为指导。");
}

#[test]
fn a_bare_number_takes_its_title_from_the_next_line() {
    let p = parse("一、\n总体要求\n坚持市场主导。\n二、\n重点任务\n");
    assert_eq!(tree(&p), ["一 一、 总体要求", "二 二、 重点任务"]);
    assert_eq!(p.outline.nodes[0].body, "坚持市场主导。");
}

#[test]
fn repeated_and_skipped_numbers_are_accepted_with_warnings() {
    let p = parse(
        "一、推进措施\n\
         （一）加强组织领导。市发展民营经济工作领导小组统筹协调推进。\n\
         （二）强化政策支持。充分利用现有政策资金。\n\
         （二）优化金融服务。创新信贷产品和服务。\n\
         （四）加强服务。制定认定管理办法。\n",
    );
    let numbers: Vec<&str> = p.outline.nodes.iter().map(|n| n.number.as_str()).collect();
    assert_eq!(numbers, ["一、", "（一）", "（二）", "（二）", "（四）"]);
    assert!(p.outline.nodes[1..].iter().all(|n| n.level == 2));
    let messages: Vec<&str> = p.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("repeats"));
    assert!(messages[1].contains("skips"));
    // Paths stay unique.
    assert_eq!(p.outline.nodes[3].path, "一/（二）~2");
}

#[test]
fn circled_numbers_and_shi_enumerations_nest_under_items() {
    let p = parse(
        "一、重点任务\n\
         1．实施“五企”培育工程。\n\
         ①每年培育创新型中小企业2000家；\n\
         ②遴选省专精特新企业500家。\n\
         2．提升数字化转型能力。\n\
         一是推动企业上云；\n\
         二是打造标杆。\n",
    );
    assert_eq!(
        tree(&p),
        [
            "一 一、 重点任务",
            "一/1 1． 实施“五企”培育工程。",
            "一/1/① ① 每年培育创新型中小企业2000家；",
            "一/1/② ② 遴选省专精特新企业500家。",
            "一/2 2． 提升数字化转型能力。",
            "一/2/一 一是 推动企业上云；",
            "一/2/二 二是 打造标杆。",
        ]
    );
}

#[test]
fn a_signature_with_numbered_lines_is_closing_not_outline() {
    let p = parse(
        "一、各地自查\n各市（州）要按照督查的内容和重点开展逐项自查。\n\
         二、部门自查\n省级部门要按照职责分工进行深入自查。\n\
         特此通知。\n\n\
         安徽省经济和信息化厅  安徽省财政厅\n\
         2022年2月17日\n\
         （此件公开发布）\n\
         抄送：1．省委办公厅\n",
    );
    assert_eq!(p.outline.nodes.len(), 2);
    let closing: String = p
        .document
        .text
        .chars()
        .skip(p.outline.closing.start)
        .collect();
    assert!(closing.starts_with("特此通知。"));
    assert!(!p.outline.nodes[1].body.contains("特此通知"));
    let m = &p.metadata;
    assert_eq!(m.issuers, ["安徽省经济和信息化厅", "安徽省财政厅"]);
    assert_eq!(m.date.as_deref(), Some("2022-02-17"));
    assert_eq!(m.jurisdiction.as_deref(), Some("安徽省"));
}

#[test]
fn chinese_numeral_dates_in_the_signature() {
    let p = parse("一、总体要求\n坚持市场主导。\n芜湖市人民政府\n二〇一九年三月五日\n");
    assert_eq!(p.metadata.date.as_deref(), Some("2019-03-05"));
    assert_eq!(p.metadata.issuers, ["芜湖市人民政府"]);
    assert_eq!(p.metadata.jurisdiction.as_deref(), Some("芜湖市"));
}

#[test]
fn own_doc_number_is_not_a_citation_and_variants_are_read() {
    let p = parse(
        "山西省医疗保障局关于做好医疗保障工作的通知\n\
         晋医保发[2021]14号\n\n\
         各市医疗保障局：\n\
         根据国办发（2020）32号和《国务院办公厅关于推进医疗保障基金监管制度体系改革的指导意见》（国办发〔2020〕20号），现通知如下。\n\
         一、总体要求\n按照晋医保发[2021]14号执行。\n",
    );
    let m = &p.metadata;
    assert_eq!(m.doc_number.as_deref(), Some("晋医保发[2021]14号"));
    assert_eq!(m.jurisdiction.as_deref(), Some("山西省"));
    assert_eq!(m.issuers, ["山西省医疗保障局"]);
    assert_eq!(m.addressees, ["各市医疗保障局"]);
    let cited: Vec<(Option<&str>, Option<&str>)> = m
        .citations
        .iter()
        .map(|c| (c.title.as_deref(), c.doc_number.as_deref()))
        .collect();
    assert_eq!(
        cited,
        [
            (None, Some("国办发（2020）32号")),
            (
                Some("国务院办公厅关于推进医疗保障基金监管制度体系改革的指导意见"),
                Some("国办发〔2020〕20号")
            ),
        ]
    );
}

#[test]
fn nested_quotes_in_citations() {
    let p = parse("一、总则\n依照《关于修改〈上海市优化营商环境条例〉的决定》执行，参照《中华人民共和国企业破产法》。\n");
    let cited: Vec<&str> = p
        .metadata
        .citations
        .iter()
        .filter_map(|c| c.title.as_deref())
        .collect();
    assert_eq!(
        cited,
        [
            "关于修改〈上海市优化营商环境条例〉的决定",
            "中华人民共和国企业破产法"
        ]
    );
}

#[test]
fn markdown_bold_headings() {
    let p = parse("**一、总体要求**\n坚持市场主导。\n**二、重点任务**\n");
    assert_eq!(tree(&p), ["一 一、 总体要求", "二 二、 重点任务"]);
}

#[test]
fn empty_and_headless_texts() {
    let p = parse("各市人民政府：\n现将有关事项通知如下。\n");
    assert!(p.outline.nodes.is_empty());
    assert_eq!(p.outline.preamble.end, p.outline.closing.start);
    assert_eq!(p.metadata.addressees, ["各市人民政府"]);
    let (o, w) = policykg_outline::outline("");
    assert!(o.nodes.is_empty() && w.is_empty());
    assert_eq!((o.preamble.end, o.closing.start), (0, 0));
}

/// Seed 001's opening with the header a full copy of the notice carries (its own title and 文号):
/// the title is the notice's own (corpus/gold/README.md: a 印发 notice is titled by itself), the
/// carried plan's title is kept on the cover.
#[test]
fn cover_notice_with_its_own_title() {
    let p = parse(
        "安徽省人民政府办公厅关于印发安徽省专精特新中小企业倍增行动方案的通知\n\
         皖政办〔2022〕3号\n\n\
         各市人民政府，省政府各部门、各直属机构：\n\
         经省政府同意，现将《安徽省专精特新中小企业倍增行动方案》印发给你们，请认真贯彻实施。\n\
         安徽省人民政府办公厅\n\
         2022年2月17日\n\
         安徽省专精特新中小企业倍增行动方案\n\
         一、总体要求\n\
         （一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n",
    );
    let m = &p.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("安徽省人民政府办公厅关于印发安徽省专精特新中小企业倍增行动方案的通知")
    );
    let cover = m.cover.as_ref().unwrap();
    assert!(cover.included);
    assert_eq!(cover.title, "安徽省专精特新中小企业倍增行动方案");
    assert_eq!(
        cover.notice_title.as_deref(),
        Some("安徽省人民政府办公厅关于印发安徽省专精特新中小企业倍增行动方案的通知")
    );
    assert_eq!(m.doc_number.as_deref(), Some("皖政办〔2022〕3号"));
    assert_eq!(m.issuers, ["安徽省人民政府办公厅"]);
    assert_eq!(m.date.as_deref(), Some("2022-02-17"));
    assert!(m.citations.is_empty(), "{:?}", m.citations);
}

/// A notice whose 落款 is followed by an attachment (附件) with its own numbering: the 落款 still
/// gives the issuer and date, and the attachment's headings are kept (extraction reads task
/// tables there).
#[test]
fn signature_followed_by_an_attachment() {
    let p = parse(
        "各市人民政府，省政府各部门、各直属机构：\n\
         一、总体要求\n坚持市场主导、政府引导。\n\
         二、重点任务\n梯度化培育优质企业群体。\n\
         附件：重点任务分工表\n\n\
         安徽省人民政府办公厅\n\
         2022年2月17日\n\n\
         附件\n\
         重点任务分工表\n\
         一、梯度化培育优质企业群体\n\
         1．催生更多市场主体。（省发展改革委牵头）\n",
    );
    let m = &p.metadata;
    assert_eq!(m.issuers, ["安徽省人民政府办公厅"]);
    assert_eq!(m.date.as_deref(), Some("2022-02-17"));
    assert_eq!(m.sources.date, Some(policykg_outline::Source::Signature));
    let roots: Vec<&str> = p.outline.roots().map(|(_, n)| n.path.as_str()).collect();
    assert_eq!(roots, ["一", "二", "一~2"]);
    assert_eq!(
        p.outline.nodes.last().unwrap().heading,
        "催生更多市场主体。"
    );
}

/// The item before such an attachment ends at the 附件 line above the 落款 (text adapted from
/// 国办发〔2019〕4号, whose indicator table restarts at 一、): it does not swallow the 落款 and
/// the attachment's title; the attachment's own headings follow.
#[test]
fn item_before_a_numbered_attachment_ends_at_its_attachment_line() {
    let p = parse(
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
         一、总体要求\n坚持公益性，调动积极性。\n\
         二、组织实施\n国家卫生健康委要会同相关部门加强指导和监督。\n\
         附件：三级公立医院绩效考核指标\n\
         国务院办公厅\n\
         2019年1月16日\n\
         （此件公开发布）\n\
         附件\n\
         三级公立医院绩效考核指标\n\
         一、医疗质量\n门诊人次数与出院人次数比。\n",
    );
    let roots: Vec<&str> = p.outline.roots().map(|(_, n)| n.path.as_str()).collect();
    assert_eq!(roots, ["一", "二", "一~2"]);
    let second = &p.outline.nodes[1];
    assert_eq!(second.body, "国家卫生健康委要会同相关部门加强指导和监督。");
}

/// A pkulaw text without a 落款: the last item ends at the line listing the attachments, so the
/// forms attached (corpus/dev/034: registration and notification forms) are no part of it.
#[test]
fn last_item_ends_at_the_attachment_list_without_a_signature() {
    let p = parse(
        "各单位：\n\
         一、明确工作职责\n各单位要确定一名信息宣传联络员。\n\
         二、规范工作程序\n请填报申请宣传申报单（见附件2）。\n\
         附件：1.信息宣传联络员登记表\n\
         2.协助宣传报道通知单\n\
         附件1：\n\
         信息宣传联络员登记表\n\
         填报单位\n",
    );
    let last = p.outline.nodes.last().unwrap();
    assert_eq!(last.path, "二");
    assert_eq!(last.body, "请填报申请宣传申报单（见附件2）。");
}

/// The top of a pkulaw export (corpus/dev/033): database furniture above the title, the title
/// printed twice, the 文号 in brackets, a cover notice dated with no issuer line.
#[test]
fn pkulaw_export_top() {
    let p = parse(
        "    【法宝引证码】 CLI.12.748997\n\
         原文链接：https://www.pkulaw.com/lar/b64c9966173d552d009753b401d10c00bdfb.html\n\
         新余市人民政府办公室关于印发《新余市新余市绿色建筑管理办法》的通知\n\
         新余市人民政府办公室关于印发《新余市新余市绿色建筑管理办法》的通知\n\n\
         （余府发〔2012〕3号）\n\n\
         各县（区）人民政府、管委会，市政府各部门，市直各单位：\n\n\
         \u{3000}\u{3000}《新余市绿色建筑管理办法》已经2011年12月20日市八届人民政府第7次常务会议审议通过，现予印发，请认真遵照执行。\n\
         \u{3000}\u{3000}二○一二年一月九日\n\
         新余市绿色建筑管理办法\n\
         \u{3000}第一章\u{3000}总则\n\
         \u{3000}\u{3000}第一条\u{3000}为了加强绿色建筑管理，制定本办法。\n\
         \u{3000}\u{3000}第二条\u{3000}本办法适用于本市行政区域内推进绿色建筑的建设和管理工作。\n",
    );
    let m = &p.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("新余市人民政府办公室关于印发《新余市新余市绿色建筑管理办法》的通知")
    );
    assert_eq!(m.doc_number.as_deref(), Some("余府发〔2012〕3号"));
    assert_eq!(m.date.as_deref(), Some("2012-01-09"));
    assert_eq!(m.issuers, ["新余市人民政府办公室"]);
    assert_eq!(m.jurisdiction.as_deref(), Some("新余市"));
}

/// A full database export header (`【发布部门】`, `【发布文号】`, `【时效性】`, `【效力级别】`):
/// labelled fields, not the title; the 文号 with square brackets is kept as written.
#[test]
fn database_export_header_fields() {
    let p = parse(
        "【发布部门】湖南省人民政府\n\
         【发布文号】湘政发[2021]5号\n\
         【发布日期】2021.03.12\n\
         【时效性】现行有效\n\
         【效力级别】地方规范性文件\n\
         【法宝引证码】CLI.12.123456\n\n\
         湖南省人民政府关于进一步优化营商环境的意见\n\
         各市州人民政府，省政府各厅委、各直属机构：\n\
         \u{3000}\u{3000}为进一步优化营商环境，现提出如下意见。\n\
         \u{3000}\u{3000}一、深化“放管服”改革。省政务局牵头，省直有关单位配合。\n\
         湖南省人民政府\n\
         2021年3月10日\n",
    );
    let m = &p.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("湖南省人民政府关于进一步优化营商环境的意见")
    );
    assert_eq!(m.doc_number.as_deref(), Some("湘政发[2021]5号"));
    assert_eq!(m.date.as_deref(), Some("2021-03-10"));
    assert_eq!(m.issuers, ["湖南省人民政府"]);
}

/// A page saved as text keeps its furniture after the last item ("打印本页 关闭窗口"): the item
/// ends before it, as before "来源：…".
#[test]
fn last_item_ends_before_page_furniture() {
    let p = parse(
        "各乡镇人民政府，县政府各部门：\n\
         一、对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。（责任单位：县工信局）\n\
         二、支持企业上云用云，最高补贴20万元。（责任单位：县工信局）\n\n\
         打印本页 关闭窗口\n\
         【关闭】\n",
    );
    let last = p.outline.nodes.last().unwrap();
    assert_eq!(last.path, "二");
    assert_eq!(last.heading, "支持企业上云用云，最高补贴20万元。");
    assert_eq!(last.body, "（责任单位：县工信局）");
}

/// A numeral alone on its line (a database export's "## 三" saved as text) is an item number
/// when it is the next of the open items; elsewhere it stays text.
#[test]
fn a_lone_numeral_continues_the_open_items() {
    let p = parse(
        "一、制度工作时间的计算\n\
         年工作日：365天-104天（休息日）-11天（法定节假日）＝250天\n\
         二、日工资、小时工资的折算\n\
         日工资：月工资收入÷月计薪天数\n\
         三\n\
         2000年3月17日劳动保障部发布的《通知》同时废止。\n\
         五\n",
    );
    let md = parse(
        "## 一、制度工作时间的计算\n\
         年工作日：365天-104天（休息日）-11天（法定节假日）＝250天\n\
         ## 二、日工资、小时工资的折算\n\
         日工资：月工资收入÷月计薪天数\n\
         ## 三\n\
         2000年3月17日劳动保障部发布的《通知》同时废止。\n\
         五\n",
    );
    assert_eq!(tree(&p), tree(&md));
    // "三" continues 一、二、; "五" (四 expected) stays text.
    assert_eq!(p.outline.nodes.len(), 3);
    assert_eq!(p.outline.nodes[2].number, "三");
}

/// Numbers a copy out of a PDF spaced (dev 013's and 007's pdf copies: `五 、`, `（ 三 ）`,
/// `第 三 条`) give the paths the original's numbers give: a path is an identifier.
#[test]
fn spaced_numbers_give_the_paths_of_unspaced_ones() {
    let p = parse(
        "四、组织实施\n\
         （一）切实加强组织领导。各地要高度重视。\n\
         五 、强化财税正向激励\n\
         （ 一 ）加大奖补支持力度。中央财政要加大支持。\n\
         （二）完善资金补充机制。探索建立多元化资金补充机制。\n",
    );
    let paths: Vec<&str> = p.outline.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["四", "四/（一）", "五", "五/（一）", "五/（二）"]);
    let p = parse("第一章 总则\n第 一 条 为了规范管理，制定本办法。\n第二条 本办法适用于本市。\n");
    let paths: Vec<&str> = p.outline.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["第一章", "第一章/第一条", "第一章/第二条"]);
}

/// A cover notice saved as text (dev 011, abbreviated): its own 落款 stands in the preamble and
/// names the body its title names; the carried 请示's 落款 closes the text. The notice's issuer
/// and date are its own, not the carried document's.
#[test]
fn a_cover_notice_is_signed_before_the_document_it_carries() {
    let p = parse(
        "国务院办公厅转发国家教委\n\
         关于内地西藏班（校）扩大规模\n\
         有关问题请示的通知\n\
         国办发〔1996〕32号\n\
         北京、天津、上海、河北、辽宁、江苏、浙江、福建、山东、河南、湖南、湖北、广东、四川、西藏、陕西省（自治区、直辖市）人民政府：\n\
         国家教委《关于内地西藏班（校）扩大规模有关问题的请示》已经国务院批准，现转发给你们。请你们把继续办好内地西藏班（校）作为一项政治任务，高度重视，认真组织，大力支持，以确保此项工作顺利进行。\n\
         国务院办公厅\n\
         一九九六年七月十七日\n\
         关于内地西藏班（校）\n\
         扩大规模有关问题的请示\n\
         国务院：\n\
         一、逐年扩招，分步实施\n\
         （一）扩大内地西藏初中班（校）招生规模，以1995年实招人数1445名为基数，从1996年开始逐年扩招。\n\
         （二）内地西藏初中班（校）学生毕业后，根据西藏自治区人民政府对人才的需求意见，仍要继续分流到各有关省（市）和部委所属的普通中专、中师和高中学校学习。\n\
         二、保证必要的办学投资和办学条件\n\
         附：内地西藏初中班（校）扩大招生计划表\n\
         国家教委\n\
         一九九六年五月十三日\n",
    );
    let m = &p.metadata;
    assert_eq!(m.doc_number.as_deref(), Some("国办发〔1996〕32号"));
    assert_eq!(m.issuers, ["国务院办公厅"]);
    assert_eq!(m.date.as_deref(), Some("1996-07-17"));
}

#[test]
fn the_heading_a_page_prints_above_its_text_titles_it() {
    // A layout-table template whose <title> is the site's name and whose title is a cell of
    // its own above the cell holding the notice.
    let page = "<html><head><meta charset=\"utf-8\"><title>临夏县人民政府</title></head><body><table><tr><td>\
        <table><tr><td class='nav'><a>首页</a> | <a>政务公开</a></td></tr>\
        <tr><td class='title'>临夏县人民政府办公室关于印发重点工作任务分解方案的通知</td></tr>\
        <tr><td class='content'><p>各乡镇人民政府，县直各部门：</p>\
        <p>现将《临夏县2024年重点工作任务分解方案》印发给你们，请认真抓好落实，确保各项任务按期完成。</p>\
        <p>临夏县人民政府办公室</p><p>2024年3月1日</p></td></tr></table></td></tr></table></body></html>";
    let doc = policykg_read::read_bytes("page.html", page.as_bytes(), &Default::default())
        .expect("the page reads");
    let p = policykg_outline::parse(doc, policykg_ontology::Ontology::bundled());
    assert_eq!(
        p.metadata.title.as_deref(),
        Some("临夏县人民政府办公室关于印发重点工作任务分解方案的通知")
    );
    assert_eq!(
        p.metadata.sources.title,
        Some(policykg_outline::Source::PageHeading)
    );
    // A heading that reads as no title (a section's name) leaves the <title>.
    let page = page.replace(
        "临夏县人民政府办公室关于印发重点工作任务分解方案的通知</td>",
        "县政府办公室文件发布栏目</td>",
    );
    let doc = policykg_read::read_bytes("page.html", page.as_bytes(), &Default::default())
        .expect("the page reads");
    let p = policykg_outline::parse(doc, policykg_ontology::Ontology::bundled());
    assert_eq!(p.metadata.title.as_deref(), Some("临夏县人民政府"));
}
