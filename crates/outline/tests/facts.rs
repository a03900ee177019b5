//! Facts about the corpus documents that must hold, asserted one by one (the snapshots show the
//! rest): the outline of seed 001, the metadata the issue names for each document.

mod common;

use common::{children, pairs, parse_file};
use policykg_outline::{Parsed, Source, Style};

const SEED_000: &str = "corpus/seeds/000_eef8574c2d5c617b.txt";
const SEED_001: &str = "corpus/seeds/001_a6818095697d7a7c.txt";
const SEED_002: &str = "corpus/seeds/002_076db4c0ab1c918d.txt";
const SEED_003: &str = "corpus/seeds/003_e1ad1d33f2229fbe.txt";
const SEED_004: &str = "corpus/seeds/004_1fa6e42cb493e32d.txt";

/// (title, issuers, date, 文号, jurisdiction).
type Meta<'a> = (
    Option<&'a str>,
    Vec<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn meta(p: &Parsed) -> Meta<'_> {
    let m = &p.metadata;
    (
        m.title.as_deref(),
        m.issuers.iter().map(String::as_str).collect(),
        m.date.as_deref(),
        m.doc_number.as_deref(),
        m.jurisdiction.as_deref(),
    )
}

#[test]
fn seed_001_outline() {
    let p = parse_file(SEED_001);
    let o = &p.outline;
    assert_eq!(
        children(o, None),
        pairs(&[
            ("一、", "总体要求"),
            ("二、", "重点任务"),
            ("三、", "保障措施")
        ])
    );
    let one = o.find("一").unwrap();
    assert_eq!(
        children(o, Some(one)),
        pairs(&[("（一）", "指导思想。"), ("（二）", "主要目标。")])
    );
    // 二、 has six （X） sections holding items 1–17 in order; 三、 holds 18–20 directly.
    let two = o.find("二").unwrap();
    let sections = &o.nodes[two].children;
    assert_eq!(sections.len(), 6);
    let mut items = Vec::new();
    for (k, &s) in sections.iter().enumerate() {
        assert_eq!(o.nodes[s].style, Style::CnParen);
        assert_eq!(o.nodes[s].ordinal, k as u32 + 1);
        assert!(!o.nodes[s].children.is_empty());
        for &i in &o.nodes[s].children {
            assert_eq!(o.nodes[i].style, Style::ArabicDot);
            assert_eq!(o.nodes[i].level, 3);
            items.push(o.nodes[i].ordinal);
        }
    }
    assert_eq!(items, (1..=17).collect::<Vec<u32>>());
    let three = o.find("三").unwrap();
    let under_three: Vec<u32> = o.nodes[three]
        .children
        .iter()
        .map(|&i| o.nodes[i].ordinal)
        .collect();
    assert_eq!(under_three, [18, 19, 20]);
    assert_eq!(o.nodes[o.nodes[three].children[0]].level, 2);
    // An item's heading is its lead sentence; the rest of the line is its body.
    let item3 = &o.nodes[o.find("二/（二）/3").unwrap()];
    assert_eq!(item3.number, "3．");
    assert_eq!(item3.heading, "支持企业技术创新。");
    assert!(item3.body.starts_with("充分发挥合肥综合性国家科学中心"));
    assert!(item3
        .body
        .ends_with("并按省相关政策给予奖补。（省财政厅、省市场监管局按职责分工负责）"));
    assert_eq!(o.nodes.len(), 3 + 2 + 6 + 20);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    // The preamble holds the cover notice, its 落款, the plan's title and its introduction.
    let preamble: String = p.document.text.chars().take(o.preamble.end).collect();
    assert!(preamble.starts_with("各市人民政府"));
    assert!(preamble.trim_end().ends_with("特制定本行动方案。"));
}

#[test]
fn seed_001_metadata() {
    let p = parse_file(SEED_001);
    let m = &p.metadata;
    assert_eq!(
        meta(&p),
        (
            Some("安徽省专精特新中小企业倍增行动方案"),
            vec!["安徽省人民政府办公厅"],
            Some("2022-02-17"),
            None,
            Some("安徽省")
        )
    );
    assert_eq!(m.addressees, ["各市人民政府", "省政府各部门", "各直属机构"]);
    // A 印发 notice: the title is the plan's, the cover is recorded, and the plan does not cite
    // itself.
    let cover = m.cover.as_ref().unwrap();
    assert_eq!(
        (cover.action.as_str(), cover.title.as_str(), cover.included),
        ("印发", "安徽省专精特新中小企业倍增行动方案", true)
    );
    assert_eq!(m.sources.title, Some(Source::CoverNotice));
    assert_eq!(m.sources.date, Some(Source::Signature));
    assert_eq!(m.sources.jurisdiction, Some(Source::Issuer));
    let cited: Vec<&str> = m
        .citations
        .iter()
        .filter_map(|c| c.title.as_deref())
        .collect();
    assert_eq!(cited, ["安徽省三首产品推广应用指导目录"]);
}

#[test]
fn seed_000_news_page_with_front_matter() {
    let p = parse_file(SEED_000);
    assert_eq!(
        meta(&p),
        (
            Some("安徽：聚焦高端芯片、操作系统、基础软件等重点领域，推进关键核心技术突破"),
            vec![],
            Some("2022-02-07"),
            None,
            Some("安徽省")
        )
    );
    assert_eq!(p.metadata.sources.title, Some(Source::FrontMatter));
    assert_eq!(p.metadata.published.as_deref(), Some("2022-02-07"));
    // The page's <h3> subheadings are its sections.
    let headings: Vec<&str> = p.outline.nodes.iter().map(|n| n.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "推动中小企业创业兴业",
            "梯次培育优质中小企业",
            "促进中小企业创新发展",
            "健全中小企业融资服务体系"
        ]
    );
    assert!(p
        .outline
        .nodes
        .iter()
        .all(|n| n.style == Style::Plain && n.number.is_empty()));
}

#[test]
fn seed_002_unusual_second_section_and_draft_status() {
    let p = parse_file(SEED_002);
    let o = &p.outline;
    assert_eq!(
        children(o, None),
        pairs(&[
            ("一、", "总体要求"),
            ("2、", "重点任务"),
            ("三、", "保障措施")
        ])
    );
    let second = o.roots().nth(1).unwrap().1;
    assert_eq!(second.style, Style::ArabicComma);
    assert_eq!(second.children.len(), 6);
    assert!(p.warnings.iter().any(|w| w.message.contains("“2、”")));
    // Items 1–18 continue across the six sections; 8 and 16 are indented with U+3000.
    let items: Vec<u32> = o
        .nodes
        .iter()
        .filter(|n| n.style == Style::ArabicDot)
        .map(|n| n.ordinal)
        .collect();
    assert_eq!(items, (1..=18).collect::<Vec<u32>>());
    let eight = &o.nodes[o.find("2/（三）/8").unwrap()];
    assert_eq!(eight.number, "8.");
    assert_eq!(eight.heading, "健全创新决策企业参与机制。");
    let m = &p.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("关于大力推进产业科技创新的实施意见")
    );
    assert_eq!(m.status.as_deref(), Some("征求意见稿"));
    assert_eq!((m.date.as_deref(), m.doc_number.as_deref()), (None, None));
    assert!(m.issuers.is_empty());
    // No issuer, 文号 or place in the title: the body names 安徽 and nothing else.
    assert_eq!(m.jurisdiction.as_deref(), Some("安徽省"));
    assert_eq!(m.sources.jurisdiction, Some(Source::Body));
}

#[test]
fn seed_003_newspaper_article() {
    let p = parse_file(SEED_003);
    let m = &p.metadata;
    assert_eq!(m.title.as_deref(), Some("安徽推动新兴产业培育提质增效"));
    assert_eq!(m.date.as_deref(), Some("2025-05-16"));
    assert_eq!(m.sources.date, Some(Source::Dateline));
    assert_eq!(m.jurisdiction.as_deref(), Some("安徽省"));
    assert!(m.issuers.is_empty());
    // The page number "06" stays in the preamble, and 《意见》 (a short name) is no citation.
    let o = &p.outline;
    let preamble: String = p.document.text.chars().take(o.preamble.end).collect();
    assert!(preamble.starts_with("06\n"));
    let cited: Vec<&str> = m
        .citations
        .iter()
        .filter_map(|c| c.title.as_deref())
        .collect();
    assert_eq!(
        cited,
        [
            "安徽省人民政府关于推动新兴产业“双招双引”和产业培育提质增效(2.0版)的意见",
            "安徽省优化营商环境条例"
        ]
    );
    // Three subheadings; 一是…五是 under the first, 一是…六是 under the third.
    let roots: Vec<usize> = o
        .roots()
        .map(|(id, _)| o.nodes[id].children.len())
        .collect();
    assert_eq!(roots, [5, 0, 6]);
}

#[test]
fn seed_004_wuhu() {
    let p = parse_file(SEED_004);
    let m = &p.metadata;
    assert_eq!(
        meta(&p),
        (
            Some("芜湖市人民政府关于进一步推进中小企业“专精特新”发展的实施意见"),
            vec!["芜湖市人民政府"],
            None,
            None,
            Some("芜湖市")
        )
    );
    let numbers: Vec<&str> = m
        .citations
        .iter()
        .filter_map(|c| c.doc_number.as_deref())
        .collect();
    assert_eq!(numbers, ["工信部企业〔2013〕264号", "皖政〔2018〕46号"]);
    let paired = m
        .citations
        .iter()
        .find(|c| c.doc_number.as_deref() == Some("皖政〔2018〕46号"))
        .unwrap();
    assert_eq!(
        paired.title.as_deref(),
        Some("安徽省人民政府关于进一步推进中小企业“专精特新”发展的意见")
    );
    // Indented headings (three no-break spaces and a space) are found, without the indent.
    let o = &p.outline;
    assert_eq!(
        children(o, None),
        pairs(&[
            ("一、", "总体要求"),
            ("二、", "重点任务"),
            ("三、", "推进措施")
        ])
    );
    let counts: Vec<usize> = o.roots().map(|(_, n)| n.children.len()).collect();
    assert_eq!(counts, [3, 8, 5]);
    assert!(m.addressees.contains(&"驻芜各单位".to_owned()));
}

#[test]
fn state_council_notices() {
    for (path, number, date, sections, items) in [
        (
            "corpus/extra/03_national_guofa2018-39_jiuye.txt",
            "国发〔2018〕39号",
            "2018-11-16",
            5,
            15,
        ),
        (
            "corpus/extra/04_national_guofa2018-42_nongjihua.txt",
            "国发〔2018〕42号",
            "2018-12-21",
            8,
            20,
        ),
        (
            "corpus/extra/05_national_guofa2018-38_zimaoqu.txt",
            "国发〔2018〕38号",
            "2018-11-07",
            5,
            53,
        ),
    ] {
        for file in [path.to_owned(), path.replace(".txt", ".raw.html")] {
            let p = parse_file(&file);
            let m = &p.metadata;
            assert_eq!(m.issuers, ["国务院"], "{file}");
            assert_eq!(m.doc_number.as_deref(), Some(number), "{file}");
            assert_eq!(m.date.as_deref(), Some(date), "{file}");
            assert_eq!(m.sources.date, Some(Source::Signature), "{file}");
            assert_eq!(m.jurisdiction.as_deref(), Some("中华人民共和国"), "{file}");
            assert_eq!(
                m.addressees,
                ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"],
                "{file}"
            );
            let o = &p.outline;
            assert_eq!(o.roots().count(), sections, "{file}");
            // （一）…（N） numbered across the sections.
            let ordinals: Vec<u32> = o
                .nodes
                .iter()
                .filter(|n| n.level == 2)
                .map(|n| n.ordinal)
                .collect();
            assert_eq!(ordinals, (1..=items).collect::<Vec<u32>>(), "{file}");
            // The 落款 is the closing block, not part of the last item.
            let closing: String = p.document.text.chars().skip(o.closing.start).collect();
            assert!(closing.starts_with("国务院\n"), "{file}: {closing:?}");
            assert!(o
                .nodes
                .last()
                .is_some_and(|n| !n.body.contains("此件公开发布")));
        }
    }
    let p = parse_file("corpus/extra/03_national_guofa2018-39_jiuye.txt");
    // The title is wrapped over two lines in the source.
    assert_eq!(
        p.metadata.title.as_deref(),
        Some("国务院关于做好当前和今后一个时期促进就业工作的若干意见")
    );
}

#[test]
fn shanghai_regulation_versions() {
    for (path, date, articles, history) in [
        (
            "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
            "2020-04-10",
            80,
            1,
        ),
        (
            "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md",
            "2024-09-27",
            97,
            4,
        ),
    ] {
        let p = parse_file(path);
        let m = &p.metadata;
        assert_eq!(m.title.as_deref(), Some("上海市优化营商环境条例"), "{path}");
        assert_eq!(m.issuers, ["上海市人民代表大会常务委员会"], "{path}");
        assert_eq!(m.date.as_deref(), Some(date), "{path}");
        assert_eq!(m.sources.date, Some(Source::History), "{path}");
        assert_eq!(m.history.len(), history, "{path}");
        assert_eq!(m.history[0].date, "2020-04-10", "{path}");
        assert_eq!(m.jurisdiction.as_deref(), Some("上海市"), "{path}");
        let o = &p.outline;
        let chapters: Vec<&str> = o.roots().map(|(_, n)| n.number.as_str()).collect();
        assert_eq!(
            chapters,
            [
                "第一章",
                "第二章",
                "第三章",
                "第四章",
                "第五章",
                "第六章",
                "第七章",
                "第八章"
            ],
            "{path}"
        );
        let ordinals: Vec<u32> = o
            .nodes
            .iter()
            .filter(|n| n.style == Style::Article)
            .map(|n| n.ordinal)
            .collect();
        assert_eq!(ordinals, (1..=articles).collect::<Vec<u32>>(), "{path}");
        assert!(o
            .nodes
            .iter()
            .filter(|n| n.style == Style::Article)
            .all(|n| n.level == 2));
        // The Markdown marks and the <!-- INFO END --> comment stay out of headings and bodies.
        assert!(o
            .nodes
            .iter()
            .all(|n| !n.heading.contains('#') && !n.body.contains("<!--")));
        assert!(p.warnings.is_empty(), "{path}: {:?}", p.warnings);
    }
}

#[test]
fn sichuan_notice_without_title_number_or_date() {
    let p = parse_file("corpus/extra/02_sichuan_duchazicha_2014.txt");
    let m = &p.metadata;
    // Nothing in the source says who, when, which number or which province: nothing invented.
    assert_eq!(meta(&p), (None, vec![], None, None, None));
    assert_eq!(
        m.addressees,
        [
            "各市（州）、县（市、区）人民政府",
            "省政府各部门",
            "各直属机构"
        ]
    );
    // A 转发 notice whose carried document is not included: a cover and a citation.
    let cover = m.cover.as_ref().unwrap();
    assert_eq!((cover.action.as_str(), cover.included), ("转发", false));
    assert_eq!(cover.doc_number.as_deref(), Some("国发明电〔2014〕1号"));
    assert_eq!(m.citations.len(), 1);
    assert_eq!(
        m.citations[0].doc_number.as_deref(),
        Some("国发明电〔2014〕1号")
    );
    // "特此通知。" closes the document.
    let closing: String = p
        .document
        .text
        .chars()
        .skip(p.outline.closing.start)
        .collect();
    assert_eq!(closing.trim(), "特此通知。");
    assert_eq!(p.outline.roots().count(), 3);
}

#[test]
fn dev_documents_metadata_of_reports_pages_and_decrees() {
    // 036: a reprint's headline, its source line, then the report's own heading; the date from
    // the speech's date line; the deputies greeted are no addressees
    let p = parse_file("corpus/dev/036_hunan_2025_zhengfu_gongzuo_baogao.docx.txt");
    let m = &p.metadata;
    assert_eq!(m.title.as_deref(), Some("政府工作报告"));
    assert_eq!(m.date.as_deref(), Some("2025-01-14"));
    assert!(m.addressees.is_empty(), "{:?}", m.addressees);
    // 038: the headline is the only title; "——2025年1月19日在…会议上"
    let p = parse_file("corpus/dev/038_guizhou_2025_zhengfu_gongzuo_baogao.docx.txt");
    let m = &p.metadata;
    assert_eq!(m.title.as_deref(), Some("2025年贵州省政府工作报告"));
    assert_eq!(m.date.as_deref(), Some("2025-01-19"));
    assert!(m.addressees.is_empty(), "{:?}", m.addressees);
    // 030: a page run together on one line: 文号 and addressees read inside it
    let p = parse_file("corpus/dev/030_pingtan_xinxing_chanyeyuan_zhengce_cuoshi.page.txt");
    let m = &p.metadata;
    assert_eq!(m.doc_number.as_deref(), Some("岚综管办〔2020〕31号"));
    assert_eq!(
        m.addressees,
        ["各片区管理局", "区直各单位", "各区属事业单位", "国企"]
    );
    // 045: a rule promulgated by decree
    let p = parse_file("corpus/dev/045_guojia_anquanbu_jubao_jiangli_banfa_2022.md");
    assert_eq!(
        meta(&p),
        (
            Some("公民举报危害国家安全行为奖励办法"),
            vec!["中华人民共和国国家安全部"],
            Some("2022-06-06"),
            Some("中华人民共和国国家安全部令第2号"),
            Some("中华人民共和国")
        )
    );
}

/// Dev 011, 国办发〔1996〕32号: a 转发 notice whose cover 落款 (国务院办公厅 一九九六年七月十七日,
/// the page's 成文日期) is followed by the forwarded 请示 and its own 落款 (国家教委
/// 一九九六年五月十三日): the notice is dated by the 成文日期, not by the carried 请示's 落款.
#[test]
fn a_forwarding_notice_is_not_dated_by_the_carried_document() {
    let p = parse_file("corpus/dev/011_guobanfa1996-32_zhuanfa_xizangban.html");
    assert_eq!(
        meta(&p),
        (
            Some("国务院办公厅转发国家教委关于内地西藏班（校）扩大规模有关问题请示的通知"),
            vec!["国务院办公厅"],
            Some("1996-07-17"),
            Some("国办发〔1996〕32号"),
            Some("中华人民共和国")
        )
    );
}

/// Dev 044 (劳社部发[2008]3号, a database export): its third item is written "## 三", a Markdown
/// heading holding only the numeral, with its sentence on the next line; it is item 三, not the
/// tail of 二.
#[test]
fn a_markdown_heading_of_a_bare_numeral_is_an_item() {
    let p = parse_file("corpus/dev/044_laoshebufa2008-3_gongzi_zhesuan.md");
    assert_eq!(
        children(&p.outline, None),
        pairs(&[
            ("一、", "制度工作时间的计算"),
            ("二、", "日工资、小时工资的折算"),
            ("三", ""),
        ])
    );
    let last = &p.outline.nodes[2];
    let text: String = p
        .document
        .text
        .chars()
        .skip(last.span.start)
        .take(last.span.end - last.span.start)
        .collect();
    assert!(text.trim_end().ends_with("同时废止。"), "{text}");
}

/// Dev 044 names no issuer (no 落款; the 文号 劳社部发[2008]3号 has no place prefix) but is
/// written to "各省、自治区、直辖市劳动和社会保障厅（局）": only a national body writes to every
/// province, so it governs 中华人民共和国.
#[test]
fn a_notice_to_every_province_is_national() {
    let p = parse_file("corpus/dev/044_laoshebufa2008-3_gongzi_zhesuan.md");
    assert!(p.metadata.issuers.is_empty(), "{:?}", p.metadata.issuers);
    assert_eq!(p.metadata.jurisdiction.as_deref(), Some("中华人民共和国"));
    assert_eq!(p.metadata.sources.jurisdiction, Some(Source::Addressees));
}

/// Dev 056, 江西省人民政府令第223号 republished on a page whose 成文日期 (2020-03-13) is the
/// re-publication's: the text dates the decree itself in the amended 办法's history line
/// ("2016年9月21日省人民政府令第223号修正"), and that date is the document's.
#[test]
fn a_republished_decree_is_dated_by_its_own_history_line() {
    let p = parse_file(
        "corpus/dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html",
    );
    assert_eq!(p.metadata.date.as_deref(), Some("2016-09-21"));
    assert_eq!(p.metadata.sources.date, Some(Source::History));
}

#[test]
fn a_page_title_field_without_the_printed_issuer() {
    // versions/031a: the page's 标题 field reads "关于印发《…》的通知"; the body prints the notice's
    // title with its issuer, "平潭综合实验区管委会办公室关于印发《…》的通知", which is the title.
    let p = parse_file("corpus/versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt");
    assert_eq!(
        meta(&p),
        (
            Some("平潭综合实验区管委会办公室关于印发《平潭综合实验区个人住房国有划拨建设用地使用权转让实施办法》的通知"),
            vec!["平潭综合实验区管委会办公室"],
            Some("2015-01-09"),
            Some("岚综管办〔2015〕11号"),
            Some("平潭综合实验区")
        )
    );
}
