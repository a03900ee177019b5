//! How a responsibility list is split into bodies, on dev documents' own text: 和 / 及 between
//! two bodies, collectives whatever their brackets, names run together with white space in a
//! table cell, role words never part of a name, combined column headers, declarations and
//! standing assignments ("以下均需…落实，不再列出").

use std::path::PathBuf;

use policykg_extract::responsibility::{self, Mark, Statement};
use policykg_extract::{Role, RoleConvention, Task};
use policykg_ontology::{Ontology, RoleWord};

fn ontology() -> &'static Ontology {
    Ontology::bundled()
}

fn read(text: &str, place: &str) -> Vec<Statement> {
    let o = ontology();
    responsibility::find_statements(text, 0, o.jurisdictions.get(place), o)
}

/// (mention, mark) of every item, and each item's span checked against the text.
fn items(text: &str, place: &str) -> Vec<(String, Mark)> {
    let chars: Vec<char> = text.chars().collect();
    read(text, place)
        .iter()
        .flat_map(|s| s.items.iter())
        .map(|i| {
            let at: String = chars[i.span.start..i.span.end].iter().collect();
            assert_eq!(at, i.mention, "span of {}", i.mention);
            (i.mention.clone(), i.mark)
        })
        .collect()
}

fn named(list: &[(&str, Mark)]) -> Vec<(String, Mark)> {
    list.iter().map(|(n, m)| (n.to_string(), *m)).collect()
}

fn tasks(rel: &str) -> Vec<Task> {
    let o = ontology();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel);
    let doc = policykg_read::read_path(&path, &policykg_read::Limits::default()).unwrap();
    let parsed = policykg_outline::parse(doc, o);
    policykg_extract::tasks(&parsed, o).0
}

// 014 (江西 融资担保): 和 separates two bodies; 各市、县〔区〕人民政府 is one collective, kept as
// written with its 〔〕.
#[test]
fn conjunction_between_bodies_and_collective_with_any_brackets() {
    let r = Mark::Responsible;
    assert_eq!(
        items(
            "做强做大。（责任单位：省财政厅和各市、县〔区〕人民政府）",
            "江西省"
        ),
        named(&[("省财政厅", r), ("各市、县〔区〕人民政府", r)])
    );
    assert_eq!(
        items(
            "防止风险转嫁。（责任单位：人行南昌中心支行、省金融监管局、省公安厅、省市场监督管理局、省直相关部门和各市、县〔区〕人民政府）",
            "江西省"
        ),
        named(&[
            ("人行南昌中心支行", r),
            ("省金融监管局", r),
            ("省公安厅", r),
            ("省市场监督管理局", r),
            ("省直相关部门", r),
            ("各市、县〔区〕人民政府", r),
        ])
    );
}

// 014: a 和 inside a name (省工业和信息化厅) does not split it.
#[test]
fn names_holding_a_conjunction_stay_whole() {
    let r = Mark::Responsible;
    assert_eq!(
        items(
            "降低成本。（责任单位：省财政厅、省工业和信息化厅、省税务局）",
            "江西省"
        ),
        named(&[("省财政厅", r), ("省工业和信息化厅", r), ("省税务局", r)])
    );
}

// 017: 按职责分工牵头 is a verb, not part of the last lead's name; 等省直有关部门 closes the list.
#[test]
fn role_words_are_never_part_of_a_name() {
    let (l, s) = (Mark::Lead, Mark::Support);
    let text = "实行名单制管理。（人行南昌中心支行、省发展改革委、省工业和信息化厅、省财政厅按职责分工牵头，省农业农村厅、省商务厅、省国资委、省交通运输厅等省直有关部门配合）";
    assert_eq!(
        items(text, "江西省"),
        named(&[
            ("人行南昌中心支行", l),
            ("省发展改革委", l),
            ("省工业和信息化厅", l),
            ("省财政厅", l),
            ("省农业农村厅", s),
            ("省商务厅", s),
            ("省国资委", s),
            ("省交通运输厅", s),
        ])
    );
    assert!(read(text, "江西省")[0].open_list);
    // 006: 指导 closes a list like 负责.
    assert_eq!(
        items(
            "到2020年，重点用膜区当季地膜回收率达到80%以上。（农业农村部、市场监管总局指导）",
            "中华人民共和国"
        ),
        named(&[
            ("农业农村部", Mark::Responsible),
            ("市场监管总局", Mark::Responsible)
        ])
    );
}

// 018 and 002 word their declaration differently from 列第一位者为牵头单位.
#[test]
fn declarations_as_dev_documents_word_them() {
    for (text, place) in [
        (
            "（省发展改革委、省商务厅、省文化和旅游厅按职责分工负责，列第一的为牵头单位，下同）",
            "江西省",
        ),
        (
            "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）",
            "中华人民共和国",
        ),
    ] {
        let st = read(text, place);
        assert_eq!(
            responsibility::convention(&st),
            RoleConvention::DeclaredFirstListed,
            "{text}"
        );
        assert_eq!(st[0].items.len(), 3, "{text}");
    }
}

// 029: names on two lines of one cell (white space between them), and the combined header
// 配合/责任单位.
#[test]
fn table_cells_and_combined_headers() {
    let o = ontology();
    let st =
        responsibility::parse_cell("区经济发展局 区行政审批局", 100, RoleWord::Lead, o).unwrap();
    let names: Vec<(&str, Mark, usize)> = st
        .items
        .iter()
        .map(|i| (i.mention.as_str(), i.mark, i.span.start))
        .collect();
    assert_eq!(
        names,
        vec![
            ("区经济发展局", Mark::Lead, 100),
            ("区行政审批局", Mark::Lead, 107)
        ]
    );
    assert_eq!(
        responsibility::column_role("配合/责任单位", o),
        Some(RoleWord::Responsible)
    );
    assert_eq!(
        responsibility::column_role("牵头单位", o),
        Some(RoleWord::Lead)
    );
    assert_eq!(responsibility::column_role("工作要求", o), None);
    assert_eq!(responsibility::column_role("完成时限", o), None);

    let tasks = tasks("dev/029_pingtan_2022_zhengwu_gongkai_renwu_fenjiebiao.derived.html");
    let row3 = tasks.iter().find(|t| t.id == "table1/row3").unwrap();
    let got: Vec<(&str, Role)> = row3
        .agencies
        .iter()
        .map(|a| (a.mention.as_str(), a.role))
        .collect();
    assert_eq!(
        got,
        vec![
            ("区经济发展局", Role::Lead),
            ("区行政审批局", Role::Lead),
            ("区直各有关单位", Role::Support),
            ("各区属事业单位", Role::Support),
            ("各片区管理局", Role::Support),
            ("各乡镇人民政府（街道办事处）", Role::Support),
        ]
    );
    // Row 18: the only body of a list with no lead is the one doing the task.
    let row18 = tasks.iter().find(|t| t.id == "table1/row18").unwrap();
    assert_eq!(row18.agencies.len(), 1);
    assert_eq!(row18.agencies[0].role, Role::Lead);
}

// 039: "以下均需各片区配合落实，不再列出" makes 各片区 a supporting body of its task and of
// every later one; neither phrase is a name.
#[test]
fn standing_assignment_holds_for_later_tasks() {
    let text = "（区资源生态局牵头负责;各片区负责配合落实，以下均需各片区配合落实，不再列出）";
    let st = read(text, "平潭综合实验区");
    assert_eq!(
        st[0]
            .items
            .iter()
            .map(|i| i.mention.as_str())
            .collect::<Vec<_>>(),
        vec!["区资源生态局", "各片区"]
    );
    let o = ontology();
    let standing = responsibility::standing(&st[0], o.jurisdictions.get("平潭综合实验区"), o);
    assert_eq!(standing.len(), 1);
    assert_eq!(standing[0].mention, "各片区");
    assert_eq!(standing[0].mark, Mark::Support);
    let chars: Vec<char> = text.chars().collect();
    let at: String = chars[standing[0].span.start..standing[0].span.end]
        .iter()
        .collect();
    assert_eq!(at, "各片区");
    // The standing phrase is after the first 各片区.
    assert!(standing[0].span.start > st[0].items[1].span.start);

    let tasks = tasks("dev/039_pingtan_2023_xinwuranwu_zhili_gongzuo_fangan.page.txt");
    let with_agencies: Vec<&Task> = tasks.iter().filter(|t| !t.agencies.is_empty()).collect();
    assert!(with_agencies.len() >= 15, "{}", with_agencies.len());
    for t in with_agencies {
        let pianqu: Vec<Role> = t
            .agencies
            .iter()
            .filter(|a| a.mention == "各片区")
            .map(|a| a.role)
            .collect();
        assert_eq!(pianqu, vec![Role::Support], "task {}", t.id);
        assert!(
            t.agencies
                .iter()
                .all(|a| !a.mention.contains("以下均需") && !a.mention.contains("不再列出")),
            "task {}",
            t.id
        );
    }
}

// 047: the standing sentence follows a labelled line.
#[test]
fn standing_assignment_after_a_labelled_line() {
    let text = "每年遴选不少于2000项省级大学生创新创业训练计划项目。\n责任单位：省教育厅、人社厅，各设区市人民政府、平潭综合实验区管委会。以下均需各设区市人民政府、平潭综合实验区管委会落实，不再列出\n";
    let st = read(text, "福建省");
    assert_eq!(st.len(), 1);
    assert_eq!(
        st[0]
            .items
            .iter()
            .map(|i| i.mention.as_str())
            .collect::<Vec<_>>(),
        vec![
            "省教育厅",
            "人社厅",
            "各设区市人民政府",
            "平潭综合实验区管委会"
        ]
    );
    let o = ontology();
    let standing: Vec<String> = responsibility::standing(&st[0], o.jurisdictions.get("福建省"), o)
        .into_iter()
        .map(|i| i.mention)
        .collect();
    assert_eq!(standing, vec!["各设区市人民政府", "平潭综合实验区管委会"]);
}

/// (mention, mark) of each body the prose of `text` names.
fn prose(text: &str, place: &str) -> Vec<(String, Mark)> {
    let o = ontology();
    responsibility::find_prose(text, 0, o.jurisdictions.get(place), o)
        .map(|st| st.items.into_iter().map(|i| (i.mention, i.mark)).collect())
        .unwrap_or_default()
}

#[test]
fn levels_listed_before_a_field_list_are_one_collective_scope() {
    // dev 010 3.2: 省、自治区、直辖市 is one collective level; the fields after it share it and
    // the head 部门, and the last two are joined by 和.
    assert_eq!(
        prose(
            "有下列情形之一的，省、自治区、直辖市发展改革、粮食、价格和商务部门，应当立即进行调查核实，并及时向国家上级主管部门报告。",
            "中华人民共和国"
        ),
        named(&[
            ("省、自治区、直辖市发展改革部门", Mark::Responsible),
            ("省、自治区、直辖市粮食部门", Mark::Responsible),
            ("省、自治区、直辖市价格部门", Mark::Responsible),
            ("省、自治区、直辖市商务部门", Mark::Responsible),
        ])
    );
    // dev 025 第四十五条: levels sharing one government are one collective body, kept whole.
    assert_eq!(
        prose(
            "第四十五条 省、省辖市人民政府应当设立创业投资引导基金。创业投资资金应当重点投向高新技术产业。",
            "河南省"
        ),
        named(&[("省、省辖市人民政府", Mark::Responsible)])
    );
}

#[test]
fn a_field_holding_he_stays_one_field() {
    // dev 025 第五条: 住房和城乡建设 is one body's field (the gazetteer's 住房和城乡建设厅), not two.
    let found = prose(
        "第五条 县级以上人民政府科学技术、发展改革、工业和信息化、财政、税务、国土资源、环境保护、住房和城乡建设等部门应当按照各自职责，做好高新技术产业发展的相关工作。",
        "河南省",
    );
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"县级以上人民政府住房和城乡建设部门")
            && names.contains(&"县级以上人民政府工业和信息化部门"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.ends_with("住房部门")), "{names:?}");
    // corpus-dev 流动人口 第十一条: "城管和其他有关行政机关" joins a class, not two fields.
    let found = prose(
        "公安、民政、城管和其他有关行政机关工作人员对发现的流浪乞讨人员，应当告知或者护送、引导其向流浪乞讨人员救助站求助。",
        "江西省",
    );
    assert!(!found.iter().any(|(n, _)| n == "城管机关"), "{found:?}");
}

/// Dev 056 第十五条: "乡镇、街道流动人口服务管理机构" is one collective of two levels sharing one
/// name (as 市、县人民政府), not 乡镇机构 and a 街道 body; a list of departments after the levels
/// of one scope still shares its head ("省、自治区、直辖市发展改革、粮食…部门", dev 010).
#[test]
fn levels_sharing_one_name_are_one_collective() {
    let tasks =
        tasks("dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html");
    let article = tasks.iter().find(|t| t.id == "十九/第十五条").unwrap();
    let got: Vec<&str> = article
        .agencies
        .iter()
        .map(|a| a.mention.as_str())
        .collect();
    assert_eq!(got[0], "乡镇、街道流动人口服务管理机构", "{got:?}");
    assert!(!got.contains(&"乡镇机构"), "{got:?}");
}

/// Dev 056 第十一条: "由学校、民办高等教育机构、培训机构在其入学时进行登记" — schools and training
/// institutions acting as providers are no public bodies (README), whatever their kind of
/// 教育机构 / 培训机构.
#[test]
fn education_and_training_institutions_are_no_agencies() {
    let tasks =
        tasks("dev/056_jiangxi_shengzhengfuling223_liudong_renkou_banfa_xiugai_jueding.html");
    let article = tasks.iter().find(|t| t.id == "十九/第十一条").unwrap();
    assert!(
        !article
            .agencies
            .iter()
            .any(|a| a.mention.ends_with("教育机构") || a.mention.ends_with("培训机构")),
        "{:?}",
        article.agencies
    );
}

// 032 二 (平潭, a document that marks leads): 各乡镇 names the zone's township governments, and
// the sentence after "…拨付至各乡镇。" charging 各乡镇政府 alone is no list running across it:
// both are sole subjects of their clauses, both lead.
#[test]
fn townships_are_a_collective_and_a_full_stop_ends_a_list() {
    let tasks = tasks("dev/032_pingtan_2019_lvdao_huacheng_gongzuo_yaodian.page.txt");
    let t = tasks.iter().find(|t| t.id == "二").unwrap();
    let role = |m: &str| {
        t.agencies
            .iter()
            .find(|a| a.mention == m)
            .map(|a| (a.role, a.collective))
    };
    assert_eq!(role("各乡镇"), Some((Role::Lead, true)));
    assert_eq!(role("各乡镇政府"), Some((Role::Lead, true)));
}

// 010 2.1.1 / 2.1.2: an item listing one body's duties under a heading that names the body
// ("国家粮食应急工作指挥部职责", "…办公室及其职责") charges that body, its sub-items having no
// subject of their own; 2.1.3 "成员单位职责" names no body, its sub-items each charge their own.
#[test]
fn a_duty_list_heading_names_its_body() {
    let tasks = tasks("dev/010_guobanhan2005-57_liangshi_yuan.html");
    let names = |id: &str| -> Vec<(String, Role)> {
        let t = tasks.iter().find(|t| t.id == id).unwrap();
        t.agencies
            .iter()
            .map(|a| (a.mention.clone(), a.role))
            .collect()
    };
    assert_eq!(
        names("2/2.1/2.1.1"),
        [("国家粮食应急工作指挥部".to_owned(), Role::Lead)]
    );
    assert_eq!(
        names("2/2.1/2.1.2"),
        [("国家粮食应急工作指挥部办公室".to_owned(), Role::Lead)]
    );
    assert_eq!(
        names("2/2.1/2.1.3/（4）"),
        [("财政部".to_owned(), Role::Lead)]
    );
}
