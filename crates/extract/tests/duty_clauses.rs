//! Duty clauses of regulations and prose notices (responsibility/prose): the bodies a clause
//! makes responsible, on sentences copied from dev documents (split "dev" in corpus/gold).

use policykg_extract::responsibility::{self, Mark};
use policykg_ontology::Ontology;

/// (mention, mark) of each body the prose of `text` names, read in `place`.
fn prose(text: &str, place: &str) -> Vec<(String, Mark)> {
    let o = Ontology::bundled();
    responsibility::find_prose(text, 0, o.jurisdictions.get(place), o)
        .map(|st| st.items.into_iter().map(|i| (i.mention, i.mark)).collect())
        .unwrap_or_default()
}

fn named(list: &[(&str, Mark)]) -> Vec<(String, Mark)> {
    list.iter().map(|&(n, m)| (n.to_owned(), m)).collect()
}

use Mark::{Helped, Joint, Lead, Responsible, Support, With};

#[test]
fn names_holding_a_cue_word_are_bodies() {
    // dev 023 第三十二条, 第四十八条: 监督 inside a department's name, a court.
    assert_eq!(
        prose(
            "市场监督管理部门、司法机关应当加强知识产权领域的区域合作和部门协作。",
            "山东省"
        ),
        named(&[("市场监督管理部门", Responsible), ("司法机关", Responsible)])
    );
    assert_eq!(
        prose(
            "县级以上人民政府、人民法院应当建立健全企业破产工作协调机制。",
            "山东省"
        ),
        named(&[("县级以上人民政府", Responsible), ("人民法院", Responsible)])
    );
}

#[test]
fn by_with_any_verb_in_penalty_articles() {
    // dev 053 第三十一条: "由A和B、C等相关部门责令整改", no duty cue after the bodies.
    assert_eq!(
        prose(
            "违反本条例第二十条第一款规定的，由旅游主管部门和工商管理、食品药品监督管理等相关部门责令整改；有违法所得的，没收违法所得。",
            "彭水苗族土家族自治县"
        ),
        named(&[
            ("旅游主管部门", Responsible),
            ("工商管理部门", Responsible),
            ("食品药品监督管理部门", Responsible),
        ])
    );
    // dev 030 第七条 and 第四条 10: a service centre, a short name with a one-character suffix.
    assert_eq!(
        prose(
            "入驻企业申请上述奖励政策，由区行政服务中心统一兑现奖补。",
            "平潭综合实验区"
        ),
        named(&[("区行政服务中心", Responsible)])
    );
    assert_eq!(
        prose(
            "由园区办按照“一口受理、全程代办、限时办结”的原则，协助入驻企业全程办理各项行政审批手续。",
            "平潭综合实验区"
        ),
        named(&[("园区办", Responsible)])
    );
    // dev 012: members a body is made of, and a school deciding its own share, are no duty.
    assert_eq!(
        prose(
            "国务院职业教育工作部际联席会议由教育、人力资源社会保障、发展改革、工业和信息化、财政、农业农村、国资、税务、扶贫等单位组成，国务院分管教育工作的副总理担任召集人。",
            "中华人民共和国"
        ),
        []
    );
    // corpus/extra/06b 第七十二条: "需要由A作出规定的" is a condition, not A's duty.
    assert_eq!(
        prose(
            "兜底条款需要由本市有关行政部门作出规定的，有关市级行政主管部门应当明确兜底条款的具体适用情形和规则。",
            "上海市"
        ),
        named(&[("有关市级行政主管部门", Responsible)])
    );
    assert_eq!(
        prose(
            "校企合作中，学校可从中获得智力、专利、教育、劳务等报酬，具体分配由学校按规定自行处理。",
            "中华人民共和国"
        ),
        []
    );
}

#[test]
fn shared_heads_keep_scope_and_bracket() {
    // dev 007 （三）: the scope 各级政府性 goes to every body of the list.
    assert_eq!(
        prose(
            "各级政府性融资担保、再担保机构要合理界定服务对象范围。",
            "中华人民共和国"
        ),
        named(&[
            ("各级政府性融资担保机构", Responsible),
            ("各级政府性再担保机构", Responsible),
        ])
    );
    // dev 007 （六）: a public fund, then a list sharing 省级 and the head 基金（机构）.
    assert_eq!(
        prose(
            "国家融资担保基金和省级担保、再担保基金（机构）要合理设置合作机构准入条件。",
            "中华人民共和国"
        ),
        named(&[
            ("国家融资担保基金", Responsible),
            ("省级担保基金（机构）", Responsible),
            ("省级再担保基金（机构）", Responsible),
        ])
    );
    // dev 053 第十四条: the scope keeps its 的, as the gold writes it.
    let got = prose(
        "自治县的水利、电力、交通、通信、广电、市政等部门在编制规划时，应当兼顾旅游业发展的需要。",
        "彭水苗族土家族自治县",
    );
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "自治县的水利部门",
            "自治县的电力部门",
            "自治县的交通部门",
            "自治县的通信部门",
            "自治县的广电部门",
            "自治县的市政部门"
        ]
    );
}

#[test]
fn finance_as_a_body() {
    // dev 007 （十五）: 中央财政 charged on its own; dev 023 第二十八条: 财政 takes the head of
    // the 会同 list, and 各级财政 after 由.
    assert_eq!(
        prose(
            "中央财政要对扩大实体经济领域小微企业融资担保业务规模的地方予以奖补激励。",
            "中华人民共和国"
        ),
        named(&[("中央财政", Responsible)])
    );
    assert_eq!(
        prose(
            "省人民政府民营经济主管部门应当会同省财政、地方金融监督管理等有关部门建立健全应急转贷制度，构建应急转贷服务体系，由各级财政安排引导资金，吸引社会资本参与，共同建立应急转贷基金。",
            "山东省"
        ),
        named(&[
            ("省人民政府民营经济主管部门", With),
            ("省财政部门", Support),
            ("省地方金融监督管理部门", Support),
            ("各级财政", Responsible),
        ])
    );
}

#[test]
fn subject_across_an_adverbial_clause() {
    // dev 053 第五条: the subject stands alone before "，按照各自职责，" and "，协助…".
    assert_eq!(
        prose(
            "自治县人民政府有关部门，按照各自职责，共同做好旅游业发展的相关工作。",
            "彭水苗族土家族自治县"
        ),
        // "按照各自职责": the bodies share the duty (joint where no lead is named).
        named(&[("自治县人民政府有关部门", Mark::Joint)])
    );
    assert_eq!(
        prose(
            "各乡镇人民政府、街道办事处，协助相关部门做好旅游管理和服务工作。",
            "彭水苗族土家族自治县"
        ),
        named(&[("各乡镇人民政府", Support), ("街道办事处", Support)])
    );
}

#[test]
fn own_departments_and_non_bodies() {
    // dev 023 第八条: "X及其有关部门" → X, X有关部门.
    assert_eq!(
        prose(
            "县级以上人民政府及其有关部门应当加大促进民营经济发展法律、法规和政策的宣传解读。",
            "山东省"
        ),
        named(&[
            ("县级以上人民政府", Responsible),
            ("县级以上人民政府有关部门", Responsible),
        ])
    );
    // dev 024 第十四条: "X及有关部门" reads as 及其 after a government.
    assert_eq!(
        prose(
            "县级以上人民政府及有关部门应当推进农业生产经营管理数字化、智能化转型，统筹建立标准化、集成化的数字农业体系，加强农业信息监测预警和综合服务，推进农业生产经营信息化。",
            "广东省"
        ),
        named(&[
            ("县级以上人民政府", Responsible),
            ("县级以上人民政府有关部门", Responsible),
        ])
    );
    // dev 033 第十条: "并经A组织论证": A after the preposition 经, not "并经A".
    assert_eq!(
        prose(
            "对于设计文件规定采用的没有国家、行业或者地方技术标准的新技术、新材料，应当由具备资质的检测机构出具检测报告，并经建设行政主管部门组织论证、审定后，方可使用。",
            "新余市"
        ),
        named(&[("建设行政主管部门", Responsible)])
    );
    // dev 006 四（二）: the body encouraged is not the subject of 统筹.
    assert_eq!(
        prose(
            "鼓励地方政府统筹运用相关政策，支持建设固体废物处置等公共设施。",
            "中华人民共和国"
        ),
        []
    );
    // dev 030 第四条 6: employees' children are no body, whatever verb follows.
    assert_eq!(
        prose(
            "入驻企业员工符合人才政策的，子女可按规定优先选择区内优质的公立中小学、幼儿园入学；其他企业员工子女可按规定统筹安排公立中小学、幼儿园入学。",
            "平潭综合实验区"
        ),
        []
    );
}

#[test]
fn bare_heads_share_collective_words() {
    // dev 027 第五条, 第十一条: "有关部门和单位" → 有关单位, not 单位; after "X及" both are
    // X's, as the README reads "X及其有关部门" (X有关部门).
    assert_eq!(
        prose(
            "其他有关部门和单位应当按照各自职责做好优化营商环境相关工作。",
            "重庆市"
        ),
        named(&[("其他有关部门", Mark::Joint), ("其他有关单位", Mark::Joint)])
    );
    assert_eq!(
        prose(
            "各级人民政府及有关部门和单位依法保障各类市场主体在生产经营过程中获得平等待遇，不得制定和实施歧视性政策。",
            "重庆市"
        ),
        named(&[
            ("各级人民政府", Responsible),
            ("各级人民政府有关部门", Responsible),
            ("各级人民政府有关单位", Responsible),
        ])
    );
}

#[test]
fn a_heading_verb_is_no_body() {
    // dev 042 三（二）: "推进部门协调。" opens with a verb; the lead is
    // the body 由…牵头 names.
    let found = prose(
        "推进部门协调。建立省促进3岁以下婴幼儿照护服务发展工作部门联席会议，由省卫生健康部门牵头，发展改革、教育、公安、民政、财政、人力资源社会保障、自然资源、住房城乡建设、应急、税务、市场监管等部门（单位）和工会、共青团、妇联、计划生育协会等群团组织为成员，按照各自职责，强化协作配合，加强工作指导、监督和管理，及时协商解决推进婴幼儿照护服务发展的重大问题。",
        "江西省",
    );
    assert!(found.iter().all(|(n, _)| !n.contains("推进")), "{found:?}");
    assert!(
        found.contains(&("省卫生健康部门".to_owned(), Lead)),
        "{found:?}"
    );
}

#[test]
fn a_word_that_only_holds_a_preposition_does_not_hide_the_preposition() {
    // dev 030 第八条: 经济 is no preposition (duty_cues.tsv: not_passive), but the 由 before the
    // body still is one; the body is 区经济发展局, never 由区经济发展局.
    assert_eq!(
        prose(
            "本政策奖补资金从全区各类产业奖补预算中列支，由区经济发展局会同有关部门制定实施细则，自发布之日起试行。",
            "平潭综合实验区"
        ),
        named(&[("区经济发展局", With), ("有关部门", Support)])
    );
}

#[test]
fn an_indefinite_or_adverbial_phrase_is_no_body() {
    // corpus/dev 027 第五十九条: "明确由一个部门牵头" names no body; the government that
    // co-ordinates is the one named.
    assert!(!prose(
        "多个部门对同一市场主体实施的多项检查，由本级人民政府协调，明确由一个部门牵头实行联合检查。",
        "重庆市"
    )
    .iter()
    .any(|(m, _)| m.contains("一个部门")));
    // corpus/dev 042: employers "单独或联合相关单位" run the service; no body is charged.
    assert!(!prose(
        "鼓励用人单位通过自建自营或委托运营的方式，单独或联合相关单位共同举办婴幼儿照护服务机构。",
        "江西省"
    )
    .iter()
    .any(|(m, _)| m.starts_with("单独")));
}

#[test]
fn a_head_alone_names_no_body() {
    // dev 034 四/（二）: 部门负责人 is a person; 部门 alone names no particular body
    // (duty_cues.tsv: bare_head).
    assert!(!prose(
        "区局机关各部门及各直属单位如需开展业务宣传工作，请填报申请宣传申报单，经部门负责人同意签字，分管领导签批后报办公室。",
        "新疆维吾尔自治区"
    )
    .iter()
    .any(|(m, _)| m == "部门" || m == "经部门"));
}

#[test]
fn the_grammar_of_who_does_what() {
    // dev 042 三（二）: 为成员 makes the member departments support; the 群团组织 list after
    // 和 is read with its own class (the 组织 of 群团组织 is no cue), each organisation named
    // (corpus/gold/README: "…等群团组织为成员"); 应急 opens a name, not a duty.
    let found = prose(
        "建立省促进3岁以下婴幼儿照护服务发展工作部门联席会议，由省卫生健康部门牵头，发展改革、教育、公安、民政、财政、人力资源社会保障、自然资源、住房城乡建设、应急、税务、市场监管等部门（单位）和工会、共青团、妇联、计划生育协会等群团组织为成员，按照各自职责，强化协作配合。",
        "江西省",
    );
    let members = [
        "发展改革部门",
        "教育部门",
        "公安部门",
        "民政部门",
        "财政部门",
        "人力资源社会保障部门",
        "自然资源部门",
        "住房城乡建设部门",
        "应急部门",
        "税务部门",
        "市场监管部门",
    ];
    let mut expected = vec![("省卫生健康部门", Lead)];
    expected.extend(members.iter().map(|&m| (m, Support)));
    expected.extend(["工会", "共青团", "妇联", "计划生育协会"].map(|m| (m, Support)));
    assert_eq!(found, named(&expected));
    // dev 042 (二)3.: 负主要责任 marks its subject lead wherever it stands in the clause.
    assert_eq!(
        prose(
            "地方政府对婴幼儿照护服务的规范发展和安全监管负主要责任，各相关部门按照各自职责负监管责任。",
            "江西省"
        ),
        // The others share theirs ("按照各自职责"): beside the lead, they support.
        named(&[("地方政府", Lead), ("各相关部门", Mark::Joint)])
    );
    // dev 034 二、一是: 将 (what a body will do) charges its subject; 办公室 closes a name.
    assert_eq!(
        prose(
            "区局办公室将建立和完善信息采用情况通报制度，按季度在全系统进行通报。",
            "新疆维吾尔自治区"
        ),
        named(&[("区局办公室", Responsible)])
    );
    // dev 024 第十六条, 第二十八条: the government before 及 shares itself with the list after
    // it, and a list closed by its head takes one more body after 及.
    assert_eq!(
        prose(
            "县级以上人民政府及农业农村、商务等有关部门应当支持农村电子商务平台建设。",
            "广东省"
        ),
        named(&[
            ("县级以上人民政府", Responsible),
            ("县级以上人民政府农业农村部门", Responsible),
            ("县级以上人民政府商务部门", Responsible),
        ])
    );
    assert_eq!(
        prose(
            "县级以上人民政府农业农村、生态环境、住房城乡建设、水利等有关主管部门及乡镇人民政府应当建立乡村人居环境长效管护机制。",
            "广东省"
        ),
        named(&[
            ("县级以上人民政府农业农村主管部门", Responsible),
            ("县级以上人民政府生态环境主管部门", Responsible),
            ("县级以上人民政府住房城乡建设主管部门", Responsible),
            ("县级以上人民政府水利主管部门", Responsible),
            ("乡镇人民政府", Responsible),
        ])
    );
}

#[test]
fn bodies_acting_before_a_modal() {
    // dev 023 第十二条: the bodies open a clause with what they do; 不得 opens the next.
    assert_eq!(
        prose(
            "县级以上人民政府及其有关部门实施下列行为，不得因所有制形式不同设置不平等标准或者条件：",
            "山东省"
        ),
        named(&[
            ("县级以上人民政府", Responsible),
            ("县级以上人民政府有关部门", Responsible),
        ])
    );
}

#[test]
fn listed_collectives_without_a_head_are_bodies() {
    // dev 013 三（一）, 四（二）, 五（四）: 各地 and 各省份 name the local governments.
    assert_eq!(
        prose(
            "各地要加强病案首页质量控制和上传病案首页数据质量管理，确保考核数据客观真实。",
            "中华人民共和国"
        ),
        named(&[("各地", Responsible)])
    );
    assert_eq!(
        prose(
            "各省份于2019年11月底前完成对辖区内三级公立医院绩效考核工作。",
            "中华人民共和国"
        ),
        named(&[("各省份", Responsible)])
    );
    // Not "各地部门": 各地 is a body of its own, no piece of a shared-head list.
    assert_eq!(
        prose(
            "各地、各有关部门要把绩效考核作为推动深化医改政策落地的重要抓手。",
            "中华人民共和国"
        ),
        named(&[("各地", Responsible), ("各有关部门", Responsible)])
    );
    // dev 049 四（二）: two classes of bodies, not places sharing one kind of body.
    assert_eq!(
        prose("各地区、各有关部门要进一步增强责任意识。", "中华人民共和国"),
        named(&[("各地区", Responsible), ("各有关部门", Responsible)])
    );
}

#[test]
fn a_long_list_shares_the_head_after_its_field() {
    // dev 049 四（一）: sixteen departments, then "等市场监管领域有关部门": the head is 部门.
    let found = prose(
        "市场监管、发展改革、教育、公安、人力资源社会保障、生态环境、住房城乡建设、交通运输、农业农村、商务、文化和旅游、卫生健康、应急、海关、税务、统计等市场监管领域有关部门要统一思想认识，优化顶层设计。",
        "中华人民共和国",
    );
    assert_eq!(found.len(), 16, "{found:?}");
    assert_eq!(found[0], ("市场监管部门".to_owned(), Responsible));
    assert_eq!(found[10], ("文化和旅游部门".to_owned(), Responsible));
    assert_eq!(found[13], ("海关部门".to_owned(), Responsible));
    assert_eq!(found[15], ("统计部门".to_owned(), Responsible));
}

#[test]
fn plain_verbs_after_a_body_charge_it() {
    // dev 013 三（二）: a date clause, then "A推行…"; "B印发…".
    assert_eq!(
        prose(
            "2019年3月底前，国家卫生健康委推行全国统一的疾病分类编码。国家中医药局印发全国统一的中医病证分类与代码和中医名词术语集。",
            "中华人民共和国"
        ),
        named(&[("国家卫生健康委", Responsible), ("国家中医药局", Responsible)])
    );
    // dev 013 五（二）: 组织部门 is a body (组织 is no cue there), 研究 the verb.
    assert_eq!(
        prose(
            "财政、发展改革、教育、人力资源社会保障、卫生健康、医保、中医药、组织部门研究建立绩效考核结果应用机制，财政和医保部门结合绩效考核结果，调整完善政府投入和医保政策。",
            "中华人民共和国"
        ),
        named(&[
            ("财政部门", Responsible),
            ("发展改革部门", Responsible),
            ("教育部门", Responsible),
            ("人力资源社会保障部门", Responsible),
            ("卫生健康部门", Responsible),
            ("医保部门", Responsible),
            ("中医药部门", Responsible),
            ("组织部门", Responsible),
        ])
    );
    // dev 049 三（四）: "A结合…，统筹制定…".
    assert_eq!(
        prose(
            "县级以上地方人民政府结合本地实际及行业主管部门的抽查要求，统筹制定本辖区年度抽查工作计划。",
            "中华人民共和国"
        ),
        named(&[("县级以上地方人民政府", Responsible)])
    );
}

#[test]
fn owners_and_open_heads_carry_to_joined_heads() {
    // dev 027 第六条: "X及有关部门和单位" → X, X有关部门, X有关单位.
    assert_eq!(
        prose(
            "市、区县（自治县）人民政府及有关部门和单位应当根据营商环境评价结果，及时调整完善优化营商环境的政策措施。",
            "重庆市"
        ),
        named(&[
            ("市、区县（自治县）人民政府", Responsible),
            ("市、区县（自治县）人民政府有关部门", Responsible),
            ("市、区县（自治县）人民政府有关单位", Responsible),
        ])
    );
    // dev 027 第七十条: "A、B等有关部门和单位": the list shares 部门, and its scope.
    assert_eq!(
        prose(
            "各级人力资源社会保障、医疗保障等有关部门和单位应当依法协调解决破产企业的职工社会保险关系转移。",
            "重庆市"
        ),
        named(&[
            ("各级人力资源社会保障部门", Responsible),
            ("各级医疗保障部门", Responsible),
        ])
    );
}

#[test]
fn regulation_subjects_with_plain_verbs() {
    // dev 027 第五十八条: 制定 opens the body's name, not a duty.
    assert_eq!(
        prose(
            "制定机关应当按照职责清理不符合优化营商环境要求的有关地方性法规、政府规章、规范性文件。",
            "重庆市"
        ),
        named(&[("制定机关", Responsible)])
    );
    // dev 027 第十五条, 第二十六条, 第二十九条: 加大, 推广, 探索 right after the bodies.
    assert_eq!(
        prose(
            "市、区县（自治县）人民政府加大中小投资者权益保护力度，完善中小投资者权益保护机制。",
            "重庆市"
        ),
        named(&[("市、区县（自治县）人民政府", Responsible)])
    );
    assert_eq!(
        prose(
            "市公共资源交易、住房城乡建设等相关主管部门推广以金融机构保函、保证保险等替代现金缴纳涉企保证金。",
            "重庆市"
        ),
        named(&[
            ("市公共资源交易主管部门", Responsible),
            ("市住房城乡建设主管部门", Responsible),
        ])
    );
    assert_eq!(
        prose(
            "市、区县（自治县）人民政府探索建立健全融资担保风险分担补偿机制，推动政府性融资担保机构增加注册资本。",
            "重庆市"
        ),
        named(&[("市、区县（自治县）人民政府", Responsible)])
    );
}

#[test]
fn a_date_opening_the_clause_goes_before_its_subject() {
    // dev 013 五（一）: "2019年6月底前各省份要…", no comma after the date.
    assert_eq!(
        prose("2019年6月底前各省份要出台具体实施方案。", "中华人民共和国"),
        named(&[("各省份", Responsible)])
    );
}

#[test]
fn a_verb_closing_a_relative_clause_charges_nobody() {
    // dev 027 第四十三条: "市人民政府设立…热线" charges 市人民政府.
    assert_eq!(
        prose(
            "市人民政府设立“12345”政务服务热线电话，为市场主体提供全方位的政策咨询和投诉举报等政务服务。",
            "重庆市"
        ),
        named(&[("市人民政府", Responsible)])
    );
    // corpus-dev 025 第四十一条 (not annotated): "省人民政府设立的…专项资金" describes the
    // fund; the duty is 省财政's.
    assert_eq!(
        prose(
            "省人民政府设立的高新技术产业化专项资金，每年由省财政预算安排，主要支持省重大高新技术产业化项目。",
            "河南省"
        ),
        named(&[("省财政", Responsible)])
    );
}

#[test]
fn long_governed_names_and_mixed_lists() {
    // dev 027 第五条: a long department name standing before its comma, opened by a
    // government and closed by a body's head.
    assert_eq!(
        prose(
            "市发展改革部门、区县（自治县）人民政府优化营商环境工作主管部门，负责组织、指导、协调本行政区域的优化营商环境工作。",
            "重庆市"
        ),
        named(&[
            ("市发展改革部门", Responsible),
            ("区县（自治县）人民政府优化营商环境工作主管部门", Responsible),
        ])
    );
    // dev 027 第六十八条: courts joined to a list of professional bodies (not public).
    assert_eq!(
        prose(
            "各级人民法院和司法鉴定、资产评估、审计审价等专业机构应当优化工作流程、压缩工作时限，提高合同等纠纷解决效率。",
            "重庆市"
        ),
        named(&[("各级人民法院", Responsible)])
    );
}

#[test]
fn by_means_of_after_a_body_charges_it() {
    // dev 027 第七十六条: "A通过…等方式，加强…监督".
    assert_eq!(
        prose(
            "市、区县（自治县）人民代表大会常务委员会通过听取和审议专项工作报告、开展规范性文件备案审查和执法检查等方式，加强优化营商环境工作的监督。",
            "重庆市"
        ),
        named(&[("市、区县（自治县）人民代表大会常务委员会", Responsible)])
    );
}

#[test]
fn with_opening_a_later_clause_names_the_partners() {
    // dev 049 四（一）: "A要发挥牵头作用，加强统筹协调，会同B共同推进…".
    assert_eq!(
        prose(
            "市场监管总局要发挥牵头作用，加强统筹协调，会同各有关部门共同推进各项工作。",
            "中华人民共和国"
        ),
        named(&[("市场监管总局", Lead), ("各有关部门", Support)])
    );
}

#[test]
fn people_organisations_the_gazetteer_lists_are_bodies() {
    // dev 023 第六条 (山东省民营经济发展促进条例): 联合会 ends associations' names too, but the
    // gazetteer lists the 工商业联合会 of every province.
    assert_eq!(
        prose(
            "工商业联合会应当依照法律、法规和章程规定，发挥在民营经济人士思想政治建设中的引导作用。",
            "山东省"
        ),
        named(&[("工商业联合会", Responsible)])
    );
    // dev 042, the attachment's duty lines: 省计划生育协会 (a 群团组织, in the gazetteer).
    assert_eq!(
        prose(
            "省计划生育协会负责参与婴幼儿照护服务的宣传教育和社会监督。",
            "江西省"
        ),
        named(&[("省计划生育协会", Support)])
    );
    // An association the gazetteer does not list stays no public body.
    assert_eq!(prose("行业协会应当加强行业自律。", "山东省"), named(&[]));
}

#[test]
fn a_known_name_inside_a_partner_list_does_not_end_it() {
    // corpus/versions/022b 第十条: 市科技 is no body's name, but the list runs on to 等部门.
    assert_eq!(
        prose(
            "市农业农村部门应当会同市科技、教育、人力资源社会保障、财政等部门，建立以创新绩效为核心的评价机制。",
            "上海市"
        ),
        named(&[
            ("市农业农村部门", With),
            ("市科技部门", Support),
            ("市教育部门", Support),
            ("市人力资源社会保障部门", Support),
            ("市财政部门", Support),
        ])
    );
    // 022b 第十七条: 国务院 starts 国务院金融管理部门在沪机构 and is not a partner of its own.
    let found = prose(
        "市财政部门应当优化财政支持农业科技发展政策工具，会同市地方金融部门、国务院金融管理部门在沪机构等健全政府性融资担保体系。",
        "上海市",
    );
    assert!(found.iter().all(|(name, _)| name != "国务院"), "{found:?}");
}

#[test]
fn no_partner_name_ends_inside_shehui_baozhang() {
    // corpus/versions/022b 第十一条 and 第十六条: 社会保障 holds the agency suffix 会, but no name
    // ends at its 社会: the partners run on to 等部门 / 部门.
    assert_eq!(
        prose(
            "市农业农村部门应当会同市人才、人力资源社会保障、科技、教育等部门建立以创新能力、质量、实效、贡献为导向的农业科技人才评价机制。",
            "上海市"
        ),
        named(&[
            ("市农业农村部门", With),
            ("市人才部门", Support),
            ("市人力资源社会保障部门", Support),
            ("市科技部门", Support),
            ("市教育部门", Support),
        ])
    );
    assert_eq!(
        prose(
            "市农业农村部门应当会同市人力资源社会保障等部门，面向优势特色主导产业、农业生产性服务新需求、农村社会事业发展，制定农民专业技术、实用技术等农业技术培训计划并组织实施，免费为农民提供农业技术培训。",
            "上海市"
        ),
        named(&[
            ("市农业农村部门", With),
            ("市人力资源社会保障部门", Support),
        ])
    );
}

#[test]
fn two_levels_joined_by_he_are_the_shared_scope() {
    // dev 019a 第六条 and 第十八条: "市和区县" opens the list and is every field's scope, not 市.
    assert_eq!(
        prose(
            "市和区县发展改革、经济和信息化、农业、教育、财政、人力资源和社会保障、国有资产管理等部门在各自的职责范围内，负责有关的科学技术进步工作。",
            "上海市"
        ),
        named(&[
            ("市和区县发展改革部门", Responsible),
            ("市和区县经济和信息化部门", Responsible),
            ("市和区县农业部门", Responsible),
            ("市和区县教育部门", Responsible),
            ("市和区县财政部门", Responsible),
            ("市和区县人力资源和社会保障部门", Responsible),
            ("市和区县国有资产管理部门", Responsible),
        ])
    );
    assert_eq!(
        prose(
            "市和区县科技、经济信息化等部门应当健全中小企业服务机构的服务功能，引导创业投资机构向科技型中小企业投资。",
            "上海市"
        ),
        named(&[
            ("市和区县科技部门", Responsible),
            ("市和区县经济信息化部门", Responsible),
        ])
    );
}

#[test]
fn a_base_in_a_list_is_no_body_and_does_not_hide_the_others() {
    // dev 019a 第三十四条: 科普教育基地 is a place run by others; the departments and the 科协
    // listed before it are charged.
    assert_eq!(
        prose(
            "科学技术行政部门、教育行政部门以及科学技术协会、学校、科普教育基地应当鼓励和积极组织青少年参加科学技术知识的普及活动，形成学科学、爱科学、讲科学、用科学的社会风尚。",
            "上海市"
        ),
        named(&[
            ("科学技术行政部门", Responsible),
            ("教育行政部门", Responsible),
            ("科学技术协会", Responsible),
        ])
    );
}

#[test]
fn lists_sharing_xingzheng_guanli_bumen_and_joined_levels() {
    // corpus/versions/022a 第七、十二、十三条: 行政管理部门 is the head the fields share, and
    // "市和区、县" (levels joined by 和) with its government and 的 is their scope.
    assert_eq!(
        prose(
            "市和区、县人民政府的科技、农业等行政管理部门应当支持科研院所、高等学校、企业以及农民专业合作社等农业生产经营组织开展种源、装备、生态和信息等领域的现代农业科技研究，参与农业标准的制定和修订。",
            "上海市"
        ),
        named(&[
            ("市和区、县人民政府的科技行政管理部门", Responsible),
            ("市和区、县人民政府的农业行政管理部门", Responsible),
        ])
    );
    assert_eq!(
        prose(
            "教育等行政管理部门应当发展农村职业技术教育和农村成人教育，扩大职业教育面向农村的招生规模。",
            "上海市"
        ),
        named(&[("教育行政管理部门", Responsible)])
    );
    assert_eq!(
        prose(
            "市和区、县科技、农业、教育等行政管理部门应当按照国家和本市有关规定，组织有关科研院所、高等学校和农业技术推广机构到乡、镇、村开展农业技术推广工作，提高农民应用农业技术的能力。",
            "上海市"
        ),
        named(&[
            ("市和区、县科技行政管理部门", Responsible),
            ("市和区、县农业行政管理部门", Responsible),
            ("市和区、县教育行政管理部门", Responsible),
        ])
    );
}

#[test]
fn a_name_opens_with_no_verb() {
    // dev 032 二 and 五: a flattened page runs its headings (保障建设用地, 抓好乡村绿化) into the
    // body; the name starts at 各…, or at a scope prefix opening a body's name.
    assert_eq!(
        prose(
            "保障建设用地各相关单位要按照《平潭综合实验区绿岛花城建设三年行动方案》要求，做好造林用地落实工作。",
            "平潭综合实验区"
        ),
        named(&[("各相关单位", Responsible)])
    );
    assert_eq!(
        prose(
            "抓好乡村绿化区财政金融局负责安排专项资金，乡镇政府负责组织群众开展四旁绿化。",
            "平潭综合实验区"
        ),
        named(&[("区财政金融局", Responsible), ("乡镇政府", Responsible)])
    );
    // dev 008 （二十二）: 保障's object is no subject; 省级人民政府 is the only body charged.
    assert_eq!(
        prose(
            "要建立责任明确、管理规范、投入稳定的执法经费保障机制，保障行政执法机关依法履职所需的执法装备、经费，严禁将收费、罚没收入同部门利益直接或者变相挂钩。省级人民政府要分类制定行政执法机关执法装备配备标准。",
            "中华人民共和国"
        ),
        named(&[("省级人民政府", Responsible)])
    );
}

#[test]
fn a_time_clause_keeps_its_subject() {
    // dev 008 （十三）: "…后，" stands between the subject and its 要.
    assert_eq!(
        prose(
            "法制审核机构完成审核后，要根据不同情形，提出同意或者存在问题的书面审核意见。行政执法承办机构要对法制审核机构提出的存在问题的审核意见进行研究。",
            "中华人民共和国"
        ),
        named(&[
            ("法制审核机构", Responsible),
            ("行政执法承办机构", Responsible)
        ])
    );
}

#[test]
fn yiji_before_a_collective_reads_as_jiqi() {
    // dev 025 第二十二条: "县级以上人民政府以及有关单位" → the government and its 有关单位.
    assert_eq!(
        prose(
            "从事高新技术产业发展活动的企业根据需要在境外设立机构的，县级以上人民政府以及有关单位应当予以支持和帮助。",
            "河南省"
        ),
        named(&[
            ("县级以上人民政府", Responsible),
            ("县级以上人民政府有关单位", Responsible)
        ])
    );
}

#[test]
fn shared_duties_and_person_nouns() {
    // dev 050 四: "按照职责分工" after the cue marks the bodies as sharing the duty.
    assert_eq!(
        prose(
            "各成员单位要按照职责分工，积极研究办好新时代职业教育的有关问题。联席会议办公室要及时向各成员单位通报相关情况。",
            "中华人民共和国"
        ),
        named(&[
            ("各成员单位", Mark::Joint),
            ("联席会议办公室", Responsible)
        ])
    );
    // dev 050 二: 负责 in 负责同志 is a person noun; "由A…担任" says who the persons are.
    assert_eq!(
        prose(
            "联席会议设联络员，由各成员单位有关司局负责同志担任。",
            "中华人民共和国"
        ),
        []
    );
    // dev 050 二: the member bodies a body is made of ("由A、B…9个部门和单位组成", the count
    // closing the list), "A为牵头单位" marking A as the lead; the others then support (gold).
    assert_eq!(
        prose(
            "联席会议由教育部、发展改革委、工业和信息化部、财政部、人力资源社会保障部、农业农村部、国资委、税务总局、扶贫办9个部门和单位组成，教育部为牵头单位。",
            "中华人民共和国"
        ),
        named(&[
            ("教育部", Lead),
            ("发展改革委", Responsible),
            ("工业和信息化部", Responsible),
            ("财政部", Responsible),
            ("人力资源社会保障部", Responsible),
            ("农业农村部", Responsible),
            ("国资委", Responsible),
            ("税务总局", Responsible),
            ("扶贫办", Responsible),
        ])
    );
    // dev 010 2.1.2: people drawn from bodies ("A、B…有关人员组成") are members, the bodies
    // are not (gold: the office alone leads the task).
    assert_eq!(
        prose(
            "办公室成员由国家发展改革委、财政部、铁道部、交通部、商务部、国务院新闻办、国家粮食局、中国农业发展银行、中国储备粮管理总公司有关人员组成。",
            "中华人民共和国"
        ),
        []
    );
}

#[test]
fn peoples_congress_short_forms_and_policy_banks() {
    // dev 032 七: 县人大 is the county's people's congress (local-templates.tsv).
    assert_eq!(
        prose(
            "县人大、政协要牵头组织人大代表、政协委员开展“捐树造林”活动，推动社会各界广泛参与。",
            "平潭综合实验区"
        ),
        named(&[("县人大", Lead), ("政协", Lead)])
    );
    // dev 010 2.1.3 (11): a policy bank is an enterprise, no public body (corpus/gold/README).
    assert_eq!(
        prose(
            "中国农业发展银行负责落实采购、加工、调拨、供应应急粮食所需贷款。",
            "中华人民共和国"
        ),
        named(&[])
    );
}

#[test]
fn providers_and_words_holding_etc_are_no_bodies() {
    // dev 025 第三十八条: 高等院校's 等 closes no list; schools, research bodies and firms are
    // providers, not agencies.
    assert_eq!(
        prose(
            "第三十八条 政府有关部门、企业、高等院校、科研机构应当支持高新技术人才的合理流动和共享。",
            "河南省"
        ),
        named(&[("政府有关部门", Responsible)])
    );
    // dev 054 第二十二条: teaching, research and extension institutions beside a department.
    assert_eq!(
        prose(
            "第二十二条 自治县人民政府有关行政管理部门、教学科研机构和惠明茶技术推广机构应当加强惠明茶种植、加工、营销等方面人才培训。",
            "景宁畲族自治县"
        ),
        named(&[("自治县人民政府有关行政管理部门", Responsible)])
    );
    // dev 026 第十三条: 政府 inside the compound 政府采购 is no body.
    assert_eq!(
        prose(
            "第十三条 除法律、法规和国家另有规定外，政府采购的采购人、采购代理机构以及依法必须进行招标项目的招标人，不得实施下列行为：",
            "浙江省"
        ),
        []
    );
}

#[test]
fn conditions_name_violators_and_staff_are_people() {
    // dev 054 第二十六条: the condition's subject is the violator; the body after 由 acts.
    assert_eq!(
        prose(
            "第二十六条 有关单位及其工作人员，在促进惠明茶产业可持续发展工作中玩忽职守、滥用职权、徇私舞弊的，由有权机关对负有责任的领导人员和直接责任人员依法给予处分。",
            "景宁畲族自治县"
        ),
        named(&[("有权机关", Responsible)])
    );
    // dev 025 第五十一条: a duty (不得) of the departments, their staff being people.
    assert_eq!(
        prose(
            "第五十一条 县级以上人民政府有关部门及其工作人员对高新技术企业进行检查，不得违反有关法律、法规的规定。",
            "河南省"
        ),
        named(&[("县级以上人民政府有关部门", Responsible)])
    );
    // dev 026 第十二条: a condition with no 由 after it charges its own subject.
    assert_eq!(
        prose(
            "第十二条 国家机关与民营企业在基础设施和公共服务领域开展合作的，应当在具体合作项目实施方案中，明确项目基本情况。",
            "浙江省"
        ),
        named(&[("国家机关", Responsible)])
    );
}

#[test]
fn a_defined_short_form_names_its_body_as_written() {
    // dev 054 第五条: the body defined is named by its short form, at the short form's place.
    let text =
        "第五条 自治县人民政府确定的部门（以下简称惠明茶产业主管部门）负责惠明茶产业发展工作。";
    let o = Ontology::bundled();
    let st = responsibility::find_prose(text, 0, o.jurisdictions.get("景宁畲族自治县"), o).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let first = &st.items[0];
    assert_eq!(first.mention, "惠明茶产业主管部门");
    let at: String = chars[first.span.start..first.span.end].iter().collect();
    assert_eq!(at, first.mention);
}

#[test]
fn a_known_body_opening_its_sentence_with_a_plain_verb() {
    // dev 054 第十三条, 第十七条: a listed body, an adverbial or nothing, then its verb, no modal.
    assert_eq!(
        prose(
            "自治县人民政府有计划地在全国重点城市和著名媒体开展惠明茶品牌宣传推介活动，加大对惠明茶市场宣传的投入力度。",
            "景宁畲族自治县"
        ),
        named(&[("自治县人民政府", Responsible)])
    );
    assert_eq!(
        prose(
            "自治县人民政府支持旅游企业、茶叶企业开发惠明茶休闲养生功能，培育发展惠明茶休闲度假和乡村旅游。",
            "景宁畲族自治县"
        ),
        named(&[("自治县人民政府", Responsible)])
    );
    // Described, not acting: "…确定的部门", "…批准后".
    assert_eq!(
        prose(
            "自治县人民政府确定的部门（以下简称惠明茶产业主管部门）指导惠明茶产业发展。",
            "景宁畲族自治县"
        )
        .iter()
        .filter(|(n, _)| n == "自治县人民政府")
        .count(),
        0
    );
}

#[test]
fn partners_before_a_society_after_their_own_head() {
    // dev 054 第十四条: the 会同 list closed by its own head (有关部门) and 及 a society: the
    // departments support, the society is no public body.
    assert_eq!(
        prose(
            "惠明茶产业主管部门应当会同民族宗教、文化、旅游等有关部门及茶文化研究会，深入挖掘、整理、传播惠明茶传统文化。",
            "景宁畲族自治县"
        ),
        named(&[
            ("惠明茶产业主管部门", With),
            ("民族宗教部门", Support),
            ("文化部门", Support),
            ("旅游部门", Support),
        ])
    );
}

#[test]
fn support_said_in_the_clause_after_an_adverbial() {
    // dev 010 2.1.3 （13）: "在…统一领导下" fills the subject's clause; the next says it supports.
    assert_eq!(
        prose(
            "其他有关部门在指挥部的统一领导下，做好相关配合工作。",
            "中华人民共和国"
        ),
        named(&[("其他有关部门", Support)])
    );
}

#[test]
fn a_modifier_placing_the_body_is_no_part_of_its_name() {
    // dev 021b 第三十三条: "户籍所在地的" places the township government; the name and its
    // span start after the modifier's 的.
    let text = "申请人户籍所在地的乡镇人民政府、街道办事处应当通过入户调查、邻里访问、信函索证、群众评议、居民经济状况核对等方式，对申请人家庭的人口、收入、财产、支出等状况进行调查核实。";
    assert_eq!(
        prose(text, "上海市"),
        named(&[("乡镇人民政府", Responsible), ("街道办事处", Responsible)])
    );
    let o = Ontology::bundled();
    let chars: Vec<char> = text.chars().collect();
    for item in responsibility::find_prose(text, 0, o.jurisdictions.get("上海市"), o)
        .map(|st| st.items)
        .unwrap_or_default()
    {
        let written: String = chars[item.span.start..item.span.end].iter().collect();
        assert_eq!(written, item.mention);
    }
    // 第三十六条: "其实际居住地的", "所在地的" after 由.
    assert_eq!(
        prose(
            "持有本市居住证的家庭或者个人申请临时救助的，由其实际居住地的乡镇人民政府、街道办事处审核、确认。",
            "上海市"
        ),
        named(&[("乡镇人民政府", Responsible), ("街道办事处", Responsible)])
    );
    // 第三十条: "所属的" owns the body the clause charges.
    assert_eq!(
        prose(
            "乡镇人民政府、街道办事处所属的城市网格化综合管理机构对巡查发现的辖区内的流浪乞讨人员，应当及时派单调度，指挥协调相关机构进行救助。",
            "上海市"
        ),
        named(&[("城市网格化综合管理机构", Responsible)])
    );
}

#[test]
fn hospitals_care_homes_and_research_institutions_are_providers() {
    // dev 021b 第二十二条: the hospital provides the service the regulation arranges.
    assert_eq!(
        prose(
            "对需要住院治疗的最低生活保障家庭成员、最低生活保障边缘家庭成员和刚性支出困难家庭成员，医疗机构应当按照本市有关规定免收或者减收其住院押金。",
            "上海市"
        ),
        named(&[])
    );
    // dev 019b 第十二条: a research institution disposing of its own results.
    assert_eq!(
        prose(
            "使用财政性资金设立的科学技术研究开发机构、高等学校对其持有的科技成果，可以自主决定实施转化。",
            "上海市"
        ),
        named(&[])
    );
}

#[test]
fn a_field_ending_in_guanli_shares_only_the_head_noun() {
    // dev 021b 第三十七条: 管理 ends the last field's name (房屋管理); 教育 takes 部门.
    assert_eq!(
        prose(
            "教育、房屋管理部门应当在规定时限内，作出是否给予救助的决定，并及时通知申请人。",
            "上海市"
        ),
        named(&[("教育部门", Responsible), ("房屋管理部门", Responsible)])
    );
    // 第四十四条: 市 of 市民政 is the list's scope (民政 is a field, not 市民).
    assert_eq!(
        prose(
            "最低生活保障标准、最低生活保障家庭财产标准以及医疗救助、住房救助等具体标准，由市民政、房屋管理等部门拟订，报市人民政府批准后公布执行。",
            "上海市"
        ),
        // 市人民政府, which approves, supports (gold 021b 第四十四条).
        named(&[
            ("市民政部门", Responsible),
            ("市房屋管理部门", Responsible),
            ("市人民政府", Support)
        ])
    );
}

#[test]
fn peoples_organisations_closed_by_a_class() {
    // dev 021b 第七条: 群团组织 given a duty, the open list closed by 等组织 (组织 is the list's
    // class, not the verb). The cue is 根据, and the 参与 after 根据职责或者章程 marks every body
    // support, as the gold reads it.
    assert_eq!(
        prose(
            "工会、共青团、妇联、残联、红十字会等组织根据职责或者章程参与社会救助，开展社会帮扶活动。",
            "上海市"
        ),
        named(&[
            ("工会", Support),
            ("共青团", Support),
            ("妇联", Support),
            ("残联", Support),
            ("红十字会", Support),
        ])
    );
}

#[test]
fn specifically_responsible_charges_its_subject() {
    // dev 021b 第五条: 具体负责 is a duty cue as 负责 is.
    assert_eq!(
        prose(
            "区民政部门具体负责本辖区内相关社会救助管理工作，对乡镇人民政府、街道办事处开展社会救助工作进行业务指导和监督。",
            "上海市"
        ),
        named(&[("区民政部门", Responsible)])
    );
}

#[test]
fn a_name_closing_with_a_word_that_holds_a_verb() {
    // dev 026 第四十条: 制定 inside 制定机关 closing the name is no verb (as 制定机关 alone).
    assert_eq!(
        prose(
            "涉企政策制定机关应当定期评估政策执行情况及实施效果，及时清理不符合民营企业发展促进要求的政策措施。",
            "浙江省"
        ),
        named(&[("涉企政策制定机关", Responsible)])
    );
}

#[test]
fn open_lists_in_clauses_of_their_own_share_the_last_clauses_cue() {
    // dev 021b 第三十五条: two open lists, each a clause, then 以及 and the clause with the cue;
    // the market players (金融机构) are no bodies.
    assert_eq!(
        prose(
            "民政、公安、市场监管、税务、人力资源社会保障、教育、金融管理、房屋管理、不动产登记、公积金管理等部门或者机构，工会、红十字会等有关团体，以及金融机构等单位应当予以配合，及时提供相关信息。",
            "上海市"
        ),
        named(&[
            ("民政部门", Support),
            ("公安部门", Support),
            ("市场监管部门", Support),
            ("税务部门", Support),
            ("人力资源社会保障部门", Support),
            ("教育部门", Support),
            ("金融管理部门", Support),
            ("房屋管理部门", Support),
            ("不动产登记部门", Support),
            ("公积金管理部门", Support),
            ("工会", Support),
            ("红十字会", Support),
        ])
    );
}

#[test]
fn banli_after_a_body_is_its_verb() {
    // dev 026 第四十一条: 办理 opens with the suffix 办, yet no name ends inside it.
    assert_eq!(
        prose(
            "民营企业诉求事项有明确的主管部门的，由相应主管部门办理。",
            "浙江省"
        ),
        named(&[("相应主管部门", Responsible)])
    );
}

#[test]
fn a_command_headquarters_is_a_body() {
    // dev 010 4.2.2 (1), 4.3.1: an emergency plan's 指挥部 is charged like a department, though
    // a name ending with 部 alone is too weak a sign in running text.
    assert_eq!(
        prose(
            "国家粮食应急工作指挥部要随时掌握粮食应急状态发展情况，并迅速采取应对措施，做好应急行动部署。",
            "中华人民共和国"
        ),
        named(&[("国家粮食应急工作指挥部", Responsible)])
    );
    assert_eq!(
        prose(
            "出现省级（Ⅱ级）粮食应急状态时，由省级粮食应急工作指挥部报同级人民政府批准后，启动本省（区、市）粮食应急预案。",
            "中华人民共和国"
        ),
        // 报X批准: X supports (corpus/gold/README.md, roles; 010's gold 4.3.1).
        named(&[
            ("省级粮食应急工作指挥部", Responsible),
            ("同级人民政府", Support)
        ])
    );
    // dev 033 第十三条: a body the matter is sent up to for review (评审) supports, as an
    // approver does; dev 027 第六十四条 (报X审查备案) likewise.
    assert_eq!(
        prose(
            "申报一星级、二星级绿色建筑设计评价证书的项目，由市建设行政主管部门报省建设行政主管部门评审；",
            "江西省"
        ),
        named(&[
            ("市建设行政主管部门", Responsible),
            ("省建设行政主管部门", Support)
        ])
    );
    assert_eq!(
        prose(
            "市级行政执法机关应当依法建立健全本行业、本领域行政处罚裁量基准，合理划分裁量阶次，明确规定适用不同阶次的具体情形，报市人民政府审查备案并向社会公布后实施。",
            "重庆市"
        ),
        named(&[
            ("市级行政执法机关", Responsible),
            ("市人民政府", Support)
        ])
    );
    // dev 010 4.1: 立即 after its subject charges it, as 应 does.
    assert_eq!(
        prose(
            "接到省级粮食应急工作指挥部紧急报告后，国家粮食应急工作指挥部立即组织有关人员迅速掌握分析有关情况，并做出评估和判断。",
            "中华人民共和国"
        ),
        named(&[("国家粮食应急工作指挥部", Responsible)])
    );
}

#[test]
fn a_bodys_own_departments_are_one_name() {
    // dev 010 6.2.1 and 4.2.2 (3): "国务院有关部门（单位）" and "省级人民政府有关部门" name the
    // departments, not the government before them.
    assert_eq!(
        prose(
            "财政部会同国务院有关部门（单位），对应急动用中央储备粮发生的价差、贷款利息和费用开支，进行审核后，及时进行清算。",
            "中华人民共和国"
        ),
        named(&[("财政部", With), ("国务院有关部门（单位）", Support)])
    );
    assert_eq!(
        prose(
            "在粮食应急状态下，当国内可能出现粮食供不应求时，可由中国储备粮管理总公司或省级人民政府有关部门报请国家发展改革委及国家粮食局、商务部，经请示国务院批准后，按职责分工迅速组织粮食进口。",
            "中华人民共和国"
        )
        .first()
        .map(|(n, _)| n.as_str()),
        Some("省级人民政府有关部门")
    );
}

#[test]
fn the_general_staff_is_a_central_body() {
    // dev 046 一 (国办发〔1996〕25号, with 中央军委办公厅): 总参谋部 beside a ministry after 由.
    assert_eq!(
        prose(
            "因此，这项工作由外交部和总参谋部统一归口管理，有关省、自治区、直辖市及军区也要相应指定有关部门负责管理。",
            "中华人民共和国"
        ),
        named(&[("外交部", Responsible), ("总参谋部", Responsible)])
    );
}

#[test]
fn a_qualified_head_and_a_joined_level_are_shared() {
    // dev 023 第五条: fields sharing a head that names a class of bodies ("中央驻鲁单位"), after
    // a first list closed by 部门; 海关 takes the head of a list as the fields do.
    assert_eq!(
        prose(
            "发展改革、科学技术等部门以及税务、海关、金融监督管理等中央驻鲁单位，应当按照各自职责，做好促进民营经济发展的相关工作。",
            "山东省"
        ),
        named(&[
            ("发展改革部门", Mark::Joint),
            ("科学技术部门", Mark::Joint),
            ("税务中央驻鲁单位", Mark::Joint),
            ("海关中央驻鲁单位", Mark::Joint),
            ("金融监督管理中央驻鲁单位", Mark::Joint),
        ])
    );
    // corpus/versions/022a 第十三条: "市和区、县" is one scope every field shares (was 市和区部门,
    // 县科技部门 …), and 行政管理部门 is shared whole.
    assert_eq!(
        prose(
            "市和区、县科技、农业、教育等行政管理部门应当按照国家和本市有关规定，组织有关科研院所、高等学校和农业技术推广机构到乡、镇、村开展农业技术推广。",
            "上海市"
        ),
        named(&[
            ("市和区、县科技行政管理部门", Responsible),
            ("市和区、县农业行政管理部门", Responsible),
            ("市和区、县教育行政管理部门", Responsible),
        ])
    );
    // dev 055 第六十条: bodies named whole keep their names; the class after 等 is no head.
    let found = prose(
        "公安机关、国家安全机关、检察机关、审判机关、纪检监察机关、审计机关等国家机关进行查询，应当出具本部门公函及查询人员的有效证件。",
        "中华人民共和国",
    );
    assert!(
        found.iter().all(|(n, _)| !n.contains("国家机关")),
        "{found:?}"
    );
}

#[test]
fn two_classes_of_bodies_are_two() {
    // dev 001 二: 各部门 is a class of its own beside 各地区, no place sharing a head.
    assert_eq!(
        prose(
            "各地区、各部门要以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神。",
            "中华人民共和国"
        ),
        named(&[("各地区", Responsible), ("各部门", Responsible)])
    );
    // dev 002 五: the same two classes written without a 、.
    assert_eq!(
        prose(
            "各地区各有关部门要充分认识促进综合保税区高水平开放高质量发展、打造全面深化改革开放新高地的重要意义。",
            "中华人民共和国"
        ),
        named(&[("各地区", Responsible), ("各有关部门", Responsible)])
    );
}
#[test]
fn by_with_a_verb_whose_object_holds_a_relative_clause() {
    // dev 021b 第五十四条: the 的 of 非法获取的救助资金 modifies the verb's object; the verb
    // 责令退回 charges the body after 由.
    assert_eq!(
        prose(
            "采取虚报、隐瞒、伪造等手段，骗取救助资金、物资或者服务的，由相关社会救助管理部门责令退回非法获取的救助资金、物资，可以处非法获取的救助款额或者物资价值一倍以上三倍以下的罚款；构成违反治安管理行为的，由公安部门依法给予治安管理处罚；构成犯罪的，依法追究刑事责任。",
            "上海市"
        ),
        named(&[("相关社会救助管理部门", Responsible), ("公安部门", Responsible)])
    );
}

#[test]
fn a_relative_clause_of_office_is_no_part_of_the_name() {
    // dev 021b 第三十七条: the school reports to the 教育部门 in charge of it.
    assert_eq!(
        prose(
            "学前教育、义务教育、高中教育（含中等职业教育）阶段的教育救助申请，由学校报主管的教育部门审核、确认；",
            "上海市"
        ),
        named(&[("教育部门", Responsible)])
    );
    // dev 025 第五十七条: the department that granted the status withdraws it.
    assert_eq!(
        prose(
            "骗取高新技术产业发展项目资金和高新技术企业资格，享受相关优惠政策的，由认定的行政主管部门取消该项目和其资格，有违法所得的，没收其违法所得。",
            "河南省"
        ),
        named(&[("行政主管部门", Responsible)])
    );
}

#[test]
fn the_staff_of_listed_bodies_are_people() {
    // dev 021b 第四十八条: the duty is the staff's (README: people are no agencies).
    assert_eq!(
        prose(
            "乡镇人民政府、街道办事处、相关社会救助管理部门和居民经济状况核对机构的工作人员对在社会救助工作中获取的救助对象个人信息，除按照规定应予公示的信息外，应当予以保密。",
            "上海市"
        ),
        named(&[])
    );
}

#[test]
fn a_support_verb_of_the_duty_s_object_is_not_the_subject_s() {
    // dev 021b 第四十一条: 社会力量 take part; the bodies before 应当建立 are charged.
    assert_eq!(
        prose(
            "社会救助管理部门及相关机构应当建立社会力量参与社会救助的机制和渠道，做好信息发布、政策咨询、业务指导、项目指引、公益服务记录等工作。",
            "上海市"
        ),
        named(&[("社会救助管理部门", Responsible), ("相关机构", Responsible)])
    );
    // dev 024 第五十条: any verb and its object (明确社会资本) before the support verb.
    assert_eq!(
        prose(
            "县级以上人民政府应当明确社会资本参与乡村振兴的重点产业和领域，创新乡村产业、基础设施和公共事业投融资模式。",
            "广东省"
        ),
        named(&[("县级以上人民政府", Responsible)])
    );
    // An adverbial before the support verb leaves it the subject's.
    assert_eq!(
        prose("有关部门应当在职责范围内配合做好相关工作。", "广东省"),
        named(&[("有关部门", Support)])
    );
    assert_eq!(
        prose("有关部门要积极配合。", "广东省"),
        named(&[("有关部门", Support)])
    );
}

#[test]
fn public_employment_services_are_public_bodies() {
    // dev 021b 第三十七条: 公共就业服务机构 verifies and registers (gold: a public body acting in
    // the procedure); 所 of 所在地 ends no name.
    assert_eq!(
        prose(
            "对申请就业救助的，由申请人户籍所在地的公共就业服务机构核实后予以登记，并免费提供就业岗位信息、职业介绍、职业指导等就业服务。",
            "上海市"
        ),
        named(&[("公共就业服务机构", Responsible)])
    );
    // dev 021b 第二十六条.
    assert_eq!(
        prose(
            "最低生活保障家庭中有劳动能力的成员均处于失业状态的，乡镇人民政府、街道办事处和公共就业服务机构应当采取有针对性的措施，确保该家庭至少有一人就业。",
            "上海市"
        ),
        named(&[
            ("乡镇人民政府", Responsible),
            ("街道办事处", Responsible),
            ("公共就业服务机构", Responsible)
        ])
    );
}

#[test]
fn verbs_holding_a_suffix_end_no_name() {
    // dev 024 第五十六条: 组 of 组织 ends no name; the 会同 partner is 有关部门.
    assert_eq!(
        prose(
            "省人民政府农业农村主管部门会同有关部门组织对各地乡村振兴战略实施情况开展调研评估和督导，对发现的问题提出整改建议。",
            "广东省"
        ),
        named(&[("省人民政府农业农村主管部门", With), ("有关部门", Support)])
    );
    // dev 045 第十六条: 委 of 委托 ends no name either.
    assert_eq!(
        prose(
            "举报人应当在被告知奖励决定之日起6个月内，由本人或者委托他人领取奖励。",
            "中华人民共和国"
        ),
        named(&[])
    );
    // dev 024 第二十二条: operators are market players.
    assert_eq!(
        prose(
            "管线运营单位应当及时清理存在安全隐患或者影响村容村貌的废弃管线。",
            "广东省"
        ),
        named(&[])
    );
}

#[test]
fn enterprises_and_institutions_written_as_one_word() {
    // dev 019b 第四十三条: 企业事业单位 is 企业 and 事业单位; only the institutions are public.
    assert_eq!(
        prose(
            "科学技术研究开发机构、高等学校、企业事业单位等应当履行科技伦理管理主体责任，按照国家和本市有关规定完善科技伦理审查机制。",
            "上海市"
        ),
        named(&[("事业单位", Responsible)])
    );
}

#[test]
fn the_documents_own_area_and_catch_alls_are_no_names() {
    // dev 019b 第五条: 本市 opens the subject and is no part of the names; 其他组织 is a
    // catch-all, no public body.
    assert_eq!(
        prose(
            "本市国家机关、社会团体、企业事业单位以及其他组织等应当依法开展科普工作。",
            "上海市"
        ),
        named(&[("国家机关", Responsible), ("事业单位", Responsible)])
    );
}

#[test]
fn a_possessive_is_no_part_of_the_name() {
    // dev 025 第五十六条: 其上级主管机关 is the 上级主管机关 (gold); 其他 stays (其他有关部门).
    assert_eq!(
        prose(
            "行政部门及其工作人员的不作为造成单位和个人依照本条例应当享有的优惠待遇等合法权益受到侵害或者未能享有的，由其上级主管机关责令限期改正。",
            "河南省"
        ),
        named(&[("上级主管机关", Responsible)])
    );
    assert_eq!(
        prose("其他有关部门应当按照职责做好相关工作。", "河南省"),
        named(&[("其他有关部门", Responsible)])
    );
}

#[test]
fn a_collective_placed_by_a_modifier_is_named_bare() {
    // dev 027 第四十一条: what places 有关单位 is no part of its name (gold 有关单位); a
    // government's own departments keep their owner.
    assert_eq!(
        prose(
            "进驻政务服务中心的有关单位应当加强窗口服务力量配置和窗口工作人员业务培训。",
            "重庆市"
        ),
        named(&[("有关单位", Responsible)])
    );
    assert_eq!(
        prose(
            "市和区、县人民政府的其他有关行政管理部门应当按照各自职责，做好农业科技进步的相关工作。",
            "上海市"
        ),
        named(&[("市和区、县人民政府的其他有关行政管理部门", Joint)])
    );
}

#[test]
fn a_clause_opening_with_qiantou_goes_on_with_the_subject() {
    // corpus/extra 06a 第三十五条 (split "dev", gold x06a): the department that opens the
    // sentence leads the building of the system, and the statement marks a lead.
    let text = "本市实施工程建设项目审批全流程、全覆盖改革。市住房城乡建设部门依托“一网通办”总门户，牵头建立统一的工程建设项目审批管理系统，实现立项、用地、规划、施工、竣工验收等各审批阶段“一表申请、一口受理、一网通办、限时完成、一次发证”，推动工程建设项目审批实现全流程网上办理。";
    let o = Ontology::bundled();
    let st = responsibility::find_prose(text, 0, o.jurisdictions.get("上海市"), o).unwrap();
    assert!(st.marks_lead);
    assert_eq!(
        st.items
            .into_iter()
            .map(|i| (i.mention, i.mark))
            .collect::<Vec<_>>(),
        named(&[("市住房城乡建设部门", Lead)])
    );
    // A 牵头 inside a mechanism's description names its body in its own clause (corpus/dev
    // 021b 第四条): content, no lead mark of the document's tasks (gold README).
    let text = "市、区人民政府应当将社会救助纳入国民经济和社会发展规划，健全政府领导、民政部门牵头、有关部门各负其责、社会力量参与的社会救助工作协调机制。";
    let st = responsibility::find_prose(text, 0, o.jurisdictions.get("上海市"), o).unwrap();
    assert!(!st.marks_lead);
}

#[test]
fn districts_of_a_municipality_and_or_its_departments() {
    // corpus/extra 06a 第八条 and 第四十四条 (gold x06a): 各区 is the class of the district
    // governments, a class of its own beside 各部门.
    assert_eq!(
        prose(
            "各区、各部门应当根据营商环境评价结果，及时调整完善优化营商环境的政策措施。",
            "上海市"
        ),
        named(&[("各区", Responsible), ("各部门", Responsible)])
    );
    assert_eq!(
        prose(
            "各区应当建立网格化企业服务模式，在乡镇、街道、园区及商务楼宇等设立企业服务专员，为协调解决企业诉求提供服务。",
            "上海市"
        ),
        named(&[("各区", Responsible)])
    );
    // corpus/extra 06b 第三十一条 (gold x06b): "X或者其有关部门" is X and X's 有关部门.
    assert_eq!(
        prose(
            "区人民政府或者其有关部门可以结合城乡社区服务体系建设，提供个体工商户登记地，供社区内从事居民服务业的个体工商户登记。",
            "上海市"
        ),
        named(&[
            ("区人民政府", Responsible),
            ("区人民政府有关部门", Responsible)
        ])
    );
}

#[test]
fn a_clause_opening_with_bing_huitong_goes_on_with_the_subject() {
    // corpus/extra 06a 第三十五条 (gold x06a): "A应当制定…，并会同B实行…" — A会同B, A leads
    // and B supports (gold README).
    assert_eq!(
        prose(
            "市住房城乡建设、交通等部门应当制定并公布各类工程建设项目的风险划分标准和风险等级，并会同市发展改革、规划资源等部门实行差异化审批、监督和管理。",
            "上海市"
        ),
        named(&[
            ("市住房城乡建设部门", With),
            ("市交通部门", With),
            ("市发展改革部门", Support),
            ("市规划资源部门", Support)
        ])
    );
}

#[test]
fn a_duty_clause_goes_on_with_a_body_defined_by_a_copula() {
    // corpus/extra 06a 第四条 (gold x06a): the department the sentence defines as the
    // competent department is the subject of the 负责 clause after it.
    assert_eq!(
        prose(
            "市、区发展改革部门是本行政区域内优化营商环境工作的主管部门，负责指导、组织、协调优化营商环境日常工作。",
            "上海市"
        ),
        named(&[("市、区发展改革部门", Responsible)])
    );
}

#[test]
fn objects_of_fahui_and_weituo_are_no_subjects() {
    // corpus/extra 06a 第二十二条 (gold x06a): the bodies whose role is to be given full play
    // are no subject of the clause.
    assert_eq!(
        prose(
            "本市完善知识产权纠纷多元解决机制，充分发挥行业协会和调解、仲裁、知识产权服务等机构在解决知识产权纠纷中的积极作用。",
            "上海市"
        ),
        named(&[])
    );
    // corpus/extra 06b 第三十九条 (gold x06b): 委托 is a verb, not part of a body's name.
    assert_eq!(
        prose(
            "对于其他项目，除国家规定必须实行监理的以外，探索建设单位通过购买工程质量潜在缺陷保险，由保险公司委托风险管理机构对工程建设项目进行管理。",
            "上海市"
        ),
        named(&[])
    );
}

#[test]
fn a_class_with_its_own_head_after_listed_collectives() {
    // corpus/extra 06b 第六十六条 (gold x06b).
    assert_eq!(
        prose(
            "各区、各市级部门应当按照国家和本市要求，全面、准确、及时将有关公共信用信息归集至市公共信用信息服务平台。",
            "上海市"
        ),
        named(&[("各区", Responsible), ("各市级部门", Responsible)])
    );
}

#[test]
fn a_name_may_open_with_a_cue_that_stands_inside_names() {
    // corpus/extra 06a 第二十六条 (gold x06a): 审批 is a duty cue and the first word of
    // 审批改革部门 / 审批部门.
    assert_eq!(
        prose(
            "告知承诺的具体事项，由审批改革部门会同相关部门确定，并向社会公布。",
            "上海市"
        ),
        named(&[("审批改革部门", With), ("相关部门", Support)])
    );
    assert_eq!(
        prose(
            "申请人未履行承诺的，审批部门应当责令其限期整改；整改后仍未满足条件的，应当撤销办理决定。",
            "上海市"
        ),
        named(&[("审批部门", Responsible)])
    );
    // The cue is a verb when another name starts right after it.
    assert!(prose("组织有关部门开展联合检查。", "上海市").is_empty());
}

#[test]
fn the_body_a_matter_is_reported_to_for_approval_supports() {
    // corpus/dev 021b 第四十四条 and 第三十七条 (gold: 市人民政府, 区房屋管理部门 support).
    assert_eq!(
        prose(
            "最低生活保障标准等具体标准，由市民政、房屋管理等部门拟订，报市人民政府批准后公布执行。",
            "上海市"
        ),
        named(&[
            ("市民政部门", Responsible),
            ("市房屋管理部门", Responsible),
            ("市人民政府", Support)
        ])
    );
    assert_eq!(
        prose(
            "对申请住房救助的，申请人户籍所在地的乡镇人民政府、街道办事处应当将调查核实意见及时报送区房屋管理部门审核、确认。",
            "上海市"
        ),
        named(&[
            ("乡镇人民政府", Responsible),
            ("街道办事处", Responsible),
            ("区房屋管理部门", Support)
        ])
    );
    // corpus/versions 031b 二、 and 031a 二、: the approval may follow adverbs, and a body
    // written short (区管委会) is read as any other (gold: support).
    assert_eq!(
        prose(
            "个人住宅所在宗地涉及划拨土地转让的，由区不动产登记中心汇总，按批次上报区环境与国土资源局直接予以审批。",
            "平潭综合实验区"
        ),
        named(&[
            ("区不动产登记中心", Responsible),
            ("区环境与国土资源局", Support)
        ])
    );
    assert_eq!(
        prose(
            "由区房地产交易中心汇总，按批次每月两次上报区环境与国土资源局审议，由区环境与国土资源局审核后，报区管委会批准同意。",
            "平潭综合实验区"
        ),
        named(&[
            ("区房地产交易中心", Responsible),
            ("区环境与国土资源局", Responsible),
            ("区管委会", Support)
        ])
    );
    // "报经X批准" in an exception names who approves a condition (dev 027, extra 06a 第六十二条).
    assert_eq!(
        prose(
            "除涉及人民群众生命安全、发生重特大事故或者举办国家重大活动，并报经有权机关批准外，市、区人民政府及其部门不得在相关区域采取要求相关行业、领域的市场主体普遍停产、停业等措施。",
            "上海市"
        ),
        named(&[
            ("市、区人民政府", Responsible),
            ("市、区人民政府部门", Responsible)
        ])
    );
}

#[test]
fn peoples_organisations_as_a_class() {
    // corpus/extra 06a 第六十七条 (gold x06a): 人民团体 (the 群团组织 as a class) given a duty
    // beside courts and departments; the market players of the list are no bodies, and of
    // 企事业单位 (企业 and 事业单位) only the institutions are, as the gold lists them.
    let named_bodies: Vec<String> = prose(
        "本市强化执行难源头治理制度建设，推动完善执行联动机制，支持人民法院加强和改进执行工作。政府各有关部门、人民检察院、人民团体、企事业单位、金融机构等，应当加强与人民法院执行工作的配合与协作，协同推进本市执行工作水平和效率。",
        "上海市",
    )
    .into_iter()
    .map(|(n, _)| n)
    .collect();
    assert_eq!(
        named_bodies,
        ["政府各有关部门", "人民检察院", "人民团体", "事业单位"]
    );
}

#[test]
fn jishi_after_a_partner_is_no_conjunction() {
    // corpus/extra 06a 第二十五条 (gold x06a): the 会同 partner ends before 及时.
    assert_eq!(
        prose(
            "本市对行政许可事项实施清单管理制度。市审批改革部门应当会同相关行政管理部门及时向社会公布清单并进行动态调整。",
            "上海市"
        ),
        named(&[("市审批改革部门", With), ("相关行政管理部门", Support)])
    );
}

#[test]
fn a_field_before_a_class_of_its_own_takes_the_class_head() {
    // corpus/extra 06b 第五十一条 (gold x06b: 商务部门, 经济信息化部门, 其他有关部门).
    assert_eq!(
        prose(
            "商务、经济信息化及其他有关部门应当建立咨询服务机制，通过线上线下等方式，为企业等经营主体提供咨询服务。",
            "上海市"
        ),
        named(&[
            ("商务部门", Responsible),
            ("经济信息化部门", Responsible),
            ("其他有关部门", Responsible)
        ])
    );
}

#[test]
fn a_list_of_bodies_closed_by_their_staff_names_people() {
    // corpus/dev 056 第十一条: the staff of the bodies are told to act (gold: no body of this
    // clause; 流浪乞讨人员救助站 leads the article).
    assert_eq!(
        prose(
            "公安、民政、城管和其他有关行政机关工作人员对发现的流浪乞讨人员，应当告知或者护送、引导其向流浪乞讨人员救助站求助。",
            "江西省"
        ),
        named(&[])
    );
    // corpus/dev 025 第五十一条: "X及其工作人员" charges the bodies and their people.
    assert_eq!(
        prose(
            "县级以上人民政府有关部门及其工作人员对高新技术企业进行检查，不得违反有关法律、法规的规定。",
            "河南省"
        ),
        named(&[("县级以上人民政府有关部门", Responsible)])
    );
}

#[test]
fn open_list_series_with_ascii_commas() {
    // dev 021b 第三十五条 as text copied out of a PDF gives it, with ASCII commas: the series of
    // open lists is read as with '，' (the reader once stepped three bytes past a ',' and panicked
    // inside the next character; found by the fuzzer).
    let full =
        "民政、公安等部门或者机构，工会、红十字会等有关团体，以及金融机构等单位应当予以配合。";
    let ascii = full.replace('，', ",");
    let expected = prose(full, "上海市");
    assert!(!expected.is_empty());
    assert_eq!(prose(&ascii, "上海市"), expected);
}

#[test]
fn a_subject_described_by_what_happens_to_it_is_no_body() {
    // dev 053 第二十七条, dev 019a 第二十四条: a passive or a service opening the subject describes
    // whoever fits it (market players), not a public body.
    assert_eq!(
        prose(
            "为旅游者提供代驾服务的单位应取得经营证照，并服从相关部门的监督管理。",
            "彭水苗族土家族自治县"
        ),
        named(&[])
    );
    assert_eq!(
        prose(
            "职务科学技术成果被授予专利权的，被授予专利权的单位应当对发明人、设计人给予奖励。",
            "上海市"
        ),
        named(&[])
    );
}

#[test]
fn a_body_whose_name_holds_places_is_no_place() {
    // The closing style of a municipal notice (dev 033's addressees, 各县（区）人民政府, as the
    // subject of a duty): a government whose bracket lists places, then another body. The
    // pieces before the last are read as places sharing its head ("市、县（市、区）人民政府")
    // only when none of them ends with a body's head of its own.
    assert_eq!(
        prose(
            "各县（区）人民政府、市直有关部门要按照职责分工，细化工作措施，确保各项任务落到实处。",
            "新余市"
        ),
        named(&[("各县（区）人民政府", Joint), ("市直有关部门", Joint)])
    );
    assert_eq!(
        prose(
            "市、县（区）人民政府应当加强对绿色建筑工作的领导。",
            "新余市"
        ),
        named(&[("市、县（区）人民政府", Responsible)])
    );
}

#[test]
fn a_local_office_s_short_form_is_a_body() {
    // County and city notices name their offices by short forms ending with 办 (a weak suffix in
    // running text: 举办, 督办): after a department prefix and short, they are bodies.
    assert_eq!(
        prose("市委人才办、市人社局按职责分工负责。", "芜湖市"),
        named(&[("市委人才办", Joint), ("市人社局", Joint)])
    );
    assert_eq!(
        prose("县招商办要加强项目谋划。", "芜湖市"),
        named(&[("县招商办", Responsible)])
    );
    // 市场 is no prefix and a place.
    assert_eq!(prose("市场部负责统筹。", "芜湖市"), named(&[]));
}

#[test]
fn places_then_a_class_of_departments() {
    // A city notice's closing: places, then the city's own departments as a class. The class
    // is a body of its own, neither a level of the places' collective nor their shared head.
    assert_eq!(
        prose(
            "各县（市、区）、市直有关部门要按照本意见要求，制定具体实施方案。",
            "芜湖市"
        ),
        named(&[
            ("各县（市、区）", Responsible),
            ("市直有关部门", Responsible)
        ])
    );
    assert_eq!(
        prose("各县（区）、市直各有关单位要制定具体实施方案。", "芜湖市"),
        named(&[("各县（区）", Responsible), ("市直各有关单位", Responsible)])
    );
    // Places sharing the head of the last piece stay one collective body.
    assert_eq!(
        prose("各市、县（区）人民政府要制定具体实施方案。", "安徽省"),
        named(&[("各市、县（区）人民政府", Responsible)])
    );
}

#[test]
fn bodies_charged_with_no_modal_before_their_verb() {
    // County plans charge a body with 做好, 积极, 具体承担 and the like, no 要 before them; and
    // name the townships 各乡（镇）, with the street offices 各乡镇（街道）.
    assert_eq!(
        prose(
            "县农业农村局负责统筹推进农村户厕改造，县卫计局做好技术指导，各乡（镇）负责具体实施。",
            "芜湖市"
        ),
        named(&[
            ("县农业农村局", Responsible),
            ("县卫计局", Responsible),
            ("各乡（镇）", Responsible)
        ])
    );
    assert_eq!(
        prose(
            "县财政局要落实专项资金，县发改局积极争取上级资金支持，县疾控中心具体承担检测工作。",
            "芜湖市"
        ),
        named(&[
            ("县财政局", Responsible),
            ("县发改局", Responsible),
            ("县疾控中心", Responsible)
        ])
    );
    assert_eq!(
        prose("各乡镇（街道）切实做好宣传发动。", "芜湖市"),
        named(&[("各乡镇（街道）", Responsible)])
    );
    // The object of 为 or 指导 opening a clause is no subject.
    assert_eq!(
        prose(
            "市建设行政主管部门应当建立信息平台，为相关单位做好服务工作。",
            "芜湖市"
        ),
        named(&[("市建设行政主管部门", Responsible)])
    );
}

#[test]
fn named_townships_and_the_villages_are_bodies() {
    // A county plan charges its townships by name and its villages as a class; words that end
    // like a township's name (小城镇, 上述乡镇) name none.
    assert_eq!(
        prose(
            "城关镇要加快泵站改造，桃源乡负责沿河排水口整治，各村（社区）负责群众转移。",
            "芜湖市"
        ),
        named(&[
            ("城关镇", Responsible),
            ("桃源乡", Responsible),
            ("各村（社区）", Responsible)
        ])
    );
    assert_eq!(prose("重点镇要加快建设。", "芜湖市"), named(&[]));
    assert_eq!(prose("上述乡镇要加快建设。", "芜湖市"), named(&[]));
    assert_eq!(prose("统筹城乡要坚持规划先行。", "芜湖市"), named(&[]));
}

#[test]
fn bodies_leading_together() {
    // "A、B共同牵头": both lead; 共同 is no part of B's name.
    assert_eq!(
        prose(
            "市商务局、市文旅局共同牵头，各区人民政府具体落实。",
            "芜湖市"
        ),
        named(&[
            ("市商务局", Lead),
            ("市文旅局", Lead),
            ("各区人民政府", Responsible)
        ])
    );
    assert_eq!(
        prose("市发改委、市财政局联合牵头。", "芜湖市"),
        named(&[("市发改委", Lead), ("市财政局", Lead)])
    );
    // corpus/extra 06a 第七十条: a 共同牵头 describing the mechanism a clause builds charges
    // nobody, and the clause before its object is no body's name.
    assert_eq!(
        prose(
            "本市建立市人民政府和市高级人民法院共同牵头、相关部门参加的企业破产工作协调机制。",
            "上海市"
        ),
        named(&[])
    );
}

#[test]
fn a_list_beside_a_government_department_and_a_shared_modifier() {
    // dev 026 第五条: a clause wholly a list (a government's departments, then bodies named
    // with a long modifier and a shared head), charged by the shared-duty phrase after it; the
    // modifier closed by 的 is shared by the list's pieces, not given the scope before it.
    assert_eq!(
        prose(
            "县级以上人民政府其他有关部门以及国家派驻浙江的税务、海关、金融监督管理、外汇管理等机构，按照各自职责做好对民营企业的服务指导。",
            "浙江省"
        ),
        named(&[
            ("县级以上人民政府其他有关部门", Joint),
            ("国家派驻浙江的税务机构", Joint),
            ("国家派驻浙江的海关机构", Joint),
            ("国家派驻浙江的金融监督管理机构", Joint),
            ("国家派驻浙江的外汇管理机构", Joint),
        ])
    );
}

#[test]
fn the_body_a_support_verb_helps_does_the_work() {
    // dev 032 三: "A配合B…": A supports, B is helped.
    assert_eq!(
        prose(
            "区绿岛花城项目建设工作领导小组办公室配合区财金局严把资金使用关，切实提高建设资金使用效益。",
            "平潭综合实验区"
        ),
        named(&[
            ("区绿岛花城项目建设工作领导小组办公室", Support),
            ("区财金局", Helped)
        ])
    );
    // dev 021b 第六条: after an adverb; two bodies helped.
    assert_eq!(
        prose(
            "村民委员会、居民委员会依法协助乡镇人民政府、街道办事处做好有关社会救助工作。",
            "上海市"
        ),
        named(&[
            ("村民委员会", Support),
            ("居民委员会", Support),
            ("乡镇人民政府", Helped),
            ("街道办事处", Helped)
        ])
    );
    // dev 021b 第四十条: the helpers are no public body; the body helped still does the work.
    assert_eq!(
        prose(
            "鼓励和支持企业、事业单位、社会组织以及志愿者等社会力量，结合自身优势和服务对象需求，配合政府有关部门开展社会救助工作。",
            "上海市"
        ),
        named(&[("政府有关部门", Helped)])
    );
    // corpus/extra 06b 第五十四条: a body's office in a place is one name with it (the 会同
    // list before it is another test's).
    let found = prose(
        "市地方金融部门会同市民政、规划资源、市场监管等部门以及信托登记机构，配合中央金融管理部门在沪机构探索建立以不动产、股权等作为信托财产的信托财产登记及相关配套机制。",
        "上海市",
    );
    assert_eq!(found.first(), Some(&("市地方金融部门".to_owned(), With)));
    assert_eq!(
        found.last(),
        Some(&("中央金融管理部门在沪机构".to_owned(), Helped))
    );
    // dev 053 第五条: a bare 相关部门 points back at the bodies named before; a person (其) is
    // helped, not the body after it (dev 021b 第三十六条); a verb after 配合 helps nobody.
    assert_eq!(
        prose(
            "各乡镇人民政府、街道办事处，协助相关部门做好旅游管理和服务工作。",
            "彭水苗族土家族自治县"
        ),
        named(&[("各乡镇人民政府", Support), ("街道办事处", Support)])
    );
    assert_eq!(
        prose(
            "对不持有本市居住证的非本市户籍人员，由所在地的乡镇人民政府、街道办事处协助其向救助管理机构申请救助。",
            "上海市"
        ),
        named(&[("乡镇人民政府", Support), ("街道办事处", Support)])
    );
    assert_eq!(
        prose("有关部门要积极配合做好相关工作。", "广东省"),
        named(&[("有关部门", Support)])
    );
}

#[test]
fn a_duty_of_cooperating_with_another_body_supports_it() {
    // corpus/extra 06a 第六十七条: "加强与人民法院…的配合与协作" is the subjects' part in the
    // court's work; 企事业单位 is 企业 and 事业单位, and only the institutions are public bodies.
    assert_eq!(
        prose(
            "政府各有关部门、人民检察院、人民团体、企事业单位、金融机构等，应当加强与人民法院执行工作的配合与协作，协同提高本市执行工作水平和效率。",
            "上海市"
        ),
        named(&[
            ("政府各有关部门", Support),
            ("人民检察院", Support),
            ("人民团体", Support),
            ("事业单位", Support)
        ])
    );
    // dev 027 第三十一条: utilities are enterprises, whatever their 事业.
    assert_eq!(
        prose(
            "供水、供电、供气、通信、邮政等公用企事业单位应当公开服务标准、资费标准等信息。",
            "重庆市"
        ),
        named(&[])
    );
}
