//! The agency gazetteer (`ontology/agencies/`, `ontology/abbreviations.tsv`): aliases, scoping to
//! the document's jurisdiction, branches of central bodies, unknown names, user extensions.

use policykg_ontology::{AgencyKind, Jurisdiction, Ontology, Resolution};

fn ontology() -> &'static Ontology {
    Ontology::bundled()
}

fn place(name: &str) -> &'static Jurisdiction {
    ontology().jurisdictions.get(name).unwrap()
}

fn resolve(mention: &str, scope: Option<&str>) -> Resolution {
    let o = ontology();
    o.gazetteer
        .resolve(mention, scope.map(place), &o.jurisdictions)
}

fn canonical(mention: &str, scope: Option<&str>) -> String {
    resolve(mention, scope).canonical
}

#[test]
fn alias_forms_meet_in_anhui() {
    for m in [
        "省经信厅",
        "省经济和信息化厅",
        "省经济信息化厅",
        "安徽省经信厅",
        "安徽省经济和信息化厅",
        "经信厅",
    ] {
        let r = resolve(m, Some("安徽省"));
        assert_eq!(r.canonical, "安徽省经济和信息化厅", "{m}");
        assert!(r.known && !r.collective, "{m}");
        assert_eq!(r.kind, AgencyKind::Local);
        assert_eq!(r.jurisdiction.as_deref(), Some("安徽省"));
        assert_eq!(r.parent.as_deref(), Some("安徽省人民政府"));
    }
    for m in ["省发改委", "省发展改革委", "省发展和改革委员会"] {
        assert_eq!(
            canonical(m, Some("安徽省")),
            "安徽省发展和改革委员会",
            "{m}"
        );
    }
    for m in ["省人社厅", "省人力资源社会保障厅", "省人力资源和社会保障厅"]
    {
        assert_eq!(
            canonical(m, Some("安徽省")),
            "安徽省人力资源和社会保障厅",
            "{m}"
        );
    }
    for m in ["省市场监管局", "省市场监督管理局"] {
        assert_eq!(canonical(m, Some("安徽省")), "安徽省市场监督管理局", "{m}");
    }
    assert_eq!(
        canonical("省地方金融监管局", Some("安徽省")),
        "安徽省地方金融监督管理局"
    );
    assert_eq!(
        canonical("省国资委", Some("安徽省")),
        "安徽省人民政府国有资产监督管理委员会"
    );
    assert_eq!(
        canonical("省政府办公厅", Some("安徽省")),
        "安徽省人民政府办公厅"
    );
    assert_eq!(
        canonical("省委组织部", Some("安徽省")),
        "中共安徽省委组织部"
    );
}

#[test]
fn different_bodies_stay_apart() {
    // 工业和信息化厅 is another body's name, not an alias of 经济和信息化厅.
    assert_eq!(
        canonical("省工业和信息化厅", Some("广东省")),
        "广东省工业和信息化厅"
    );
    assert_eq!(
        canonical("省工信厅", Some("广东省")),
        "广东省工业和信息化厅"
    );
    // Anhui has an 经济和信息化厅 and no 工业和信息化厅 (jurisdiction-templates.tsv): the
    // prefixed name is not placed in Anhui, rather than an invented body.
    let r = resolve("省工业和信息化厅", Some("安徽省"));
    assert_eq!(
        (r.canonical.as_str(), r.jurisdiction.as_deref()),
        ("省工业和信息化厅", None)
    );
    // The pre-2018 经济和信息化委员会 is kept as its own body.
    assert_eq!(
        canonical("省经济和信息化委", Some("四川省")),
        "四川省经济和信息化委员会"
    );
    // A central ministry is not a province's department.
    assert_eq!(
        canonical("工业和信息化部", Some("安徽省")),
        "工业和信息化部"
    );
}

#[test]
fn scoping_follows_the_documents_jurisdiction() {
    // Anhui, Wuhu (a city of Anhui), Shanxi (晋).
    assert_eq!(canonical("省财政厅", Some("安徽省")), "安徽省财政厅");
    assert_eq!(canonical("省财政厅", Some("芜湖市")), "安徽省财政厅");
    assert_eq!(canonical("市财政局", Some("芜湖市")), "芜湖市财政局");
    assert_eq!(canonical("省财政厅", Some("山西省")), "山西省财政厅");
    let shanxi = ontology()
        .jurisdictions
        .from_doc_number("晋医保发〔2021〕14号")
        .unwrap();
    let o = ontology();
    let r = o
        .gazetteer
        .resolve("省医保局", Some(shanxi), &o.jurisdictions);
    assert_eq!(r.canonical, "山西省医疗保障局");
    assert_eq!(
        canonical("市发展改革委", Some("芜湖市")),
        "芜湖市发展和改革委员会"
    );
    assert_eq!(
        canonical("市人力资源和社会保障局", Some("芜湖市")),
        "芜湖市人力资源和社会保障局"
    );
    // Bare names: the nearest jurisdiction that has such a body.
    assert_eq!(
        canonical("住房城乡建设厅", Some("四川省")),
        "四川省住房和城乡建设厅"
    );
    assert_eq!(canonical("财政局", Some("芜湖市")), "芜湖市财政局");
    assert_eq!(canonical("财政厅", Some("芜湖市")), "安徽省财政厅");
    // A name that says its place keeps it, whatever the document.
    assert_eq!(canonical("山西省财政厅", Some("安徽省")), "山西省财政厅");
    assert_eq!(canonical("山西财政厅", None), "山西省财政厅");
    // Direct-controlled municipalities have 局, not 厅.
    assert_eq!(canonical("市财政局", Some("上海市")), "上海市财政局");
    // Without a jurisdiction a department prefix stays a prefix.
    let r = resolve("省财政厅", None);
    assert_eq!(
        (r.canonical.as_str(), r.known, r.jurisdiction),
        ("省财政厅", true, None)
    );
    // In a provincial notice 市财政局 is no single body.
    let r = resolve("市财政局", Some("安徽省"));
    assert_eq!((r.canonical.as_str(), r.jurisdiction), ("市财政局", None));
}

#[test]
fn central_bodies_by_every_name() {
    for (m, c) in [
        ("国务院", "国务院"),
        ("发展改革委", "国家发展和改革委员会"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("工信部", "工业和信息化部"),
        ("人力资源社会保障部", "人力资源和社会保障部"),
        ("人社部", "人力资源和社会保障部"),
        ("人民银行", "中国人民银行"),
        ("人行", "中国人民银行"),
        ("银保监会", "中国银行保险监督管理委员会"),
        ("市场监管总局", "国家市场监督管理总局"),
        ("税务总局", "国家税务总局"),
        ("医保局", "国家医疗保障局"),
        ("国资委", "国务院国有资产监督管理委员会"),
        ("住房城乡建设部", "住房和城乡建设部"),
        ("卫生健康委", "国家卫生健康委员会"),
        ("粮食和储备局", "国家粮食和物资储备局"),
        ("民航局", "中国民用航空局"),
        ("外汇局", "国家外汇管理局"),
        ("中医药局", "国家中医药管理局"),
        ("国际发展合作署", "国家国际发展合作署"),
    ] {
        let r = resolve(m, Some("中华人民共和国"));
        assert_eq!(r.canonical, c, "{m}");
        assert_eq!(r.kind, AgencyKind::Central, "{m}");
        assert_eq!(r.jurisdiction.as_deref(), Some("中华人民共和国"));
    }
    assert_eq!(
        resolve("民航局", None).parent.as_deref(),
        Some("交通运输部")
    );
    // In a provincial notice a bare 国资委 is the province's own; a central notice's is the
    // State Council's.
    assert_eq!(
        canonical("国资委", Some("安徽省")),
        "安徽省人民政府国有资产监督管理委员会"
    );
    assert_eq!(
        canonical("国资委", Some("中华人民共和国")),
        "国务院国有资产监督管理委员会"
    );
}

#[test]
fn branches_keep_their_own_names() {
    let r = resolve("人行合肥中心支行", Some("安徽省"));
    assert_eq!(r.canonical, "中国人民银行合肥中心支行");
    assert_eq!(r.kind, AgencyKind::Branch);
    assert_eq!(r.parent.as_deref(), Some("中国人民银行"));
    assert_eq!(r.jurisdiction.as_deref(), Some("合肥市"));
    // Found wherever the notice comes from, because the name says the place.
    assert_eq!(
        canonical("人行合肥中心支行", None),
        "中国人民银行合肥中心支行"
    );

    let r = resolve("安徽证监局", Some("安徽省"));
    assert_eq!(r.canonical, "中国证券监督管理委员会安徽监管局");
    assert_eq!(
        (r.kind, r.parent.as_deref()),
        (AgencyKind::Branch, Some("中国证券监督管理委员会"))
    );
    assert_eq!(
        canonical("安徽银保监局", Some("安徽省")),
        "中国银行保险监督管理委员会安徽监管局"
    );
    assert_eq!(
        canonical("山西银保监局", Some("安徽省")),
        "中国银行保险监督管理委员会山西监管局"
    );
    let r = resolve("省税务局", Some("安徽省"));
    assert_eq!(r.canonical, "国家税务总局安徽省税务局");
    assert_eq!(
        (r.kind, r.parent.as_deref()),
        (AgencyKind::Branch, Some("国家税务总局"))
    );
    assert_eq!(
        canonical("市税务局", Some("芜湖市")),
        "国家税务总局芜湖市税务局"
    );
}

/// A city's or county's office of 人民银行, as its notices name it: "市人民银行", "县人民银行".
/// A body the data lists by its place goes before the template's instance of that place, and
/// with no place known the prefix still says the level.
#[test]
fn local_offices_of_the_central_bank() {
    assert_eq!(
        canonical("市人民银行", Some("芜湖市")),
        "中国人民银行芜湖市中心支行"
    );
    assert_eq!(
        canonical("区人民银行", Some("浦东新区")),
        "中国人民银行浦东新区支行"
    );
    let r = resolve("人行南昌中心支行", None);
    assert_eq!(
        (r.canonical.as_str(), r.jurisdiction.as_deref(), r.kind),
        (
            "中国人民银行南昌中心支行",
            Some("南昌市"),
            AgencyKind::Branch
        )
    );
    assert_eq!(
        canonical("人行合肥中心支行", Some("合肥市")),
        "中国人民银行合肥中心支行"
    );
    assert_eq!(canonical("县人民银行", None), "中国人民银行县支行");
    assert_eq!(canonical("市人民银行", None), "中国人民银行市中心支行");
    // Bare, the city's own office in a city's notice, the bank itself in a province's.
    assert_eq!(
        canonical("人民银行", Some("芜湖市")),
        "中国人民银行芜湖市中心支行"
    );
    assert_eq!(canonical("人民银行", Some("安徽省")), "中国人民银行");
}

#[test]
fn regional_bodies_of_anhui() {
    assert_eq!(
        canonical("省投资集团公司", Some("安徽省")),
        "安徽省投资集团控股有限公司"
    );
    assert_eq!(
        canonical("国元金控集团公司", Some("安徽省")),
        "安徽国元金融控股集团有限责任公司"
    );
    assert_eq!(
        canonical("十大新兴产业推进组专班", Some("安徽省")),
        "安徽省十大新兴产业推进组专班"
    );
    // Also from a notice of an Anhui city …
    assert_eq!(
        canonical("省投资集团公司", Some("芜湖市")),
        "安徽省投资集团控股有限公司"
    );
    // … but not from a Shanxi one, where 省投资集团公司 is Shanxi's (unknown, scoped).
    let r = resolve("省投资集团公司", Some("山西省"));
    assert_eq!(
        (r.canonical.as_str(), r.known, r.agency_like),
        ("山西省投资集团公司", false, true)
    );
}

#[test]
fn collectives_are_kept_whole_and_scoped() {
    let r = resolve("各市人民政府", Some("安徽省"));
    assert_eq!(r.canonical, "安徽省各市人民政府");
    assert!(r.collective && r.known);
    assert_eq!(r.kind, AgencyKind::Collective);
    assert_eq!(
        canonical("各市人民政府", Some("山西省")),
        "山西省各市人民政府"
    );
    assert_eq!(
        canonical("各区、县级市", Some("广州市")),
        "广州市各区、县级市"
    );
    assert_eq!(
        canonical("各省级人民政府", Some("中华人民共和国")),
        "各省级人民政府"
    );
    assert_eq!(
        canonical("各有关部门和单位", Some("中华人民共和国")),
        "各有关部门和单位"
    );
    assert_eq!(
        canonical("各有关部门和单位", Some("安徽省")),
        "安徽省各有关部门和单位"
    );
    // The State Council's departments, and a government's own, as a class.
    for m in ["国务院有关部门", "国务院各有关部门", "国务院相关部门"] {
        let r = resolve(m, Some("中华人民共和国"));
        assert_eq!(r.canonical, "国务院有关部门", "{m}");
        assert!(r.collective && r.known, "{m}");
    }
    assert_eq!(
        canonical("省直有关部门", Some("安徽省")),
        "安徽省省直有关部门"
    );
    assert_eq!(
        canonical("市直相关部门", Some("芜湖市")),
        "芜湖市市直有关部门"
    );
    // With 各 inside, and all of a government's departments as a class of their own.
    for (m, j, want) in [
        ("市直各有关部门", "芜湖市", "芜湖市市直有关部门"),
        ("省直各有关单位", "安徽省", "安徽省省直有关部门"),
        ("市直各部门", "芜湖市", "芜湖市市直各部门"),
        ("市直各单位", "芜湖市", "芜湖市市直各部门"),
        ("区直各单位", "浦东新区", "浦东新区县直各部门"),
        ("各县市区政府", "南昌市", "南昌市各县（市、区）人民政府"),
    ] {
        let r = resolve(m, Some(j));
        assert_eq!(r.canonical, want, "{m}");
        assert!(r.collective && r.known, "{m}");
    }
    // A marker makes an unlisted class of bodies a collective.
    let r = resolve("其他相关部门（单位）", Some("四川省"));
    assert_eq!(r.canonical, "四川省其他相关部门（单位）");
    assert!(r.collective && !r.known && r.agency_like);
    // The members of a body.
    let r = resolve("省发展民营经济领导小组成员单位", Some("安徽省"));
    assert_eq!(r.canonical, "安徽省发展民营经济领导小组成员单位");
    assert!(r.collective);
    assert_eq!(r.parent.as_deref(), Some("安徽省发展民营经济领导小组"));
    let g = &ontology().gazetteer;
    assert!(g.unsplittable().iter().any(|s| s == "各区、县级市"));
    assert!(g
        .unsplittable()
        .iter()
        .any(|s| s == "各省、自治区、直辖市人民政府"));
}

#[test]
fn unknown_agency_like_names_are_kept() {
    let r = resolve("市发展民营经济工作领导小组", Some("芜湖市"));
    assert_eq!(r.canonical, "芜湖市发展民营经济工作领导小组");
    assert!(!r.known && r.agency_like);
    assert_eq!(r.kind, AgencyKind::Unknown);
    assert_eq!(r.jurisdiction.as_deref(), Some("芜湖市"));
    let r = resolve("省扶贫移民局", Some("四川省"));
    assert_eq!(
        (r.canonical.as_str(), r.known, r.agency_like),
        ("四川省扶贫移民局", false, true)
    );
    let r = resolve("中国烟草总公司", None);
    assert_eq!(
        (r.canonical.as_str(), r.known, r.agency_like),
        ("中国烟草总公司", false, true)
    );
    // 市场… is a word, not 市 + 场….
    let r = resolve("市场化改革推进办公室", Some("芜湖市"));
    assert_eq!(
        (r.canonical.as_str(), r.jurisdiction),
        ("市场化改革推进办公室", None)
    );
    // Not shaped like an agency: still answered, flagged.
    let r = resolve("企业", Some("安徽省"));
    assert_eq!(
        (r.canonical.as_str(), r.known, r.agency_like),
        ("企业", false, false)
    );
}

#[test]
fn entries_for_publishing() {
    let g = &ontology().gazetteer;
    let anhui = g.entries_for(Some(place("安徽省")));
    let jx = anhui
        .iter()
        .find(|e| e.canonical == "安徽省经济和信息化厅")
        .unwrap();
    for a in ["省经信厅", "安徽省经信厅", "安徽经信厅", "省经济和信息化厅"] {
        assert!(jx.aliases.iter().any(|x| x == a), "{a} in {:?}", jx.aliases);
    }
    assert_eq!(jx.parent.as_deref(), Some("安徽省人民政府"));
    assert!(anhui
        .iter()
        .any(|e| e.canonical == "安徽省投资集团控股有限公司"));
    assert!(anhui
        .iter()
        .any(|e| e.canonical == "国家税务总局安徽省税务局" && e.kind == AgencyKind::Branch));
    assert!(anhui
        .iter()
        .any(|e| e.canonical == "安徽省各市人民政府"
            && e.aliases.iter().any(|a| a == "各市人民政府")));
    // Every published alias resolves back to its entry in that jurisdiction.
    let o = ontology();
    for e in &anhui {
        for a in &e.aliases {
            let r = o
                .gazetteer
                .resolve(a, Some(place("安徽省")), &o.jurisdictions);
            assert_eq!(r.canonical, e.canonical, "alias {a}");
        }
    }
    // No template is instantiated for the country; the city gets city bodies.
    let wuhu = g.entries_for(Some(place("芜湖市")));
    assert!(wuhu.iter().any(|e| e.canonical == "芜湖市财政局"));
    assert!(!wuhu.iter().any(|e| e.canonical == "芜湖市财政厅"));
    let all = g.entries_for(None);
    assert!(all
        .iter()
        .any(|e| e.canonical == "国家发展和改革委员会"
            && e.aliases.iter().any(|a| a == "发展改革委")));
    assert!(!all.iter().any(|e| e.canonical.contains('{')));
}

#[test]
fn a_user_directory_adds_a_province() {
    let dir = tempfile::tempdir().unwrap();
    // A new city, a body of it, and a new abbreviation rule.
    std::fs::write(
        dir.path().join("jurisdictions-extra.tsv"),
        "name\tshort\tabbr\tlevel\tparent\n临汾市\t临汾\t\tprefecture\t山西省\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("agencies")).unwrap();
    std::fs::write(
        dir.path().join("agencies").join("shanxi.tsv"),
        "# Shanxi\nname\taliases\tkind\tlevel\tjurisdiction\tparent\n\
         山西省能源局\t省能源局\tlocal\t\t山西省\t山西省人民政府\n\
         晋能控股集团有限公司\t晋能控股集团|晋能控股\tlocal\t\t山西省\t\n\
         临汾市尧都区投资促进中心\t尧都区投促中心\tlocal\t\t临汾市\t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("abbreviations-extra.tsv"),
        "from\tto\twhere\n投资促进\t投促\tany\n",
    )
    .unwrap();
    let o = Ontology::with_dir(dir.path()).unwrap();
    let r = |m: &str, s: &str| {
        o.gazetteer
            .resolve(m, o.jurisdictions.get(s), &o.jurisdictions)
    };
    assert_eq!(r("晋能控股", "山西省").canonical, "晋能控股集团有限公司");
    assert!(r("晋能控股", "山西省").known);
    assert_eq!(r("省财政厅", "临汾市").canonical, "山西省财政厅");
    assert_eq!(r("市财政局", "临汾市").canonical, "临汾市财政局");
    assert_eq!(
        r("尧都区投资促进中心", "临汾市").canonical,
        "临汾市尧都区投资促进中心"
    );
    // The bundled data is still there.
    assert_eq!(r("省经信厅", "安徽省").canonical, "安徽省经济和信息化厅");
}

#[test]
fn errors_in_user_files_name_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "name\taliases\tkind\tlevel\tjurisdiction\tparent\n某局\t\tministry\t\t山西省\t\n",
            "agencies.tsv",
            ":2: unknown kind `ministry` (central, local, branch or collective)",
        ),
        (
            "name\taliases\tkind\tlevel\tjurisdiction\tparent\n\n# c\n某局\t\tlocal\t\t火星省\t\n",
            "agencies.tsv",
            ":4: unknown jurisdiction `火星省` (not in jurisdictions.tsv)",
        ),
        (
            "name\taliases\tkind\tlevel\tjurisdiction\tparent\n{J}某局\t\tlocal\tcity\t\t\n",
            "agencies.tsv",
            ":2: unknown level `city` (province, municipality, prefecture or county)",
        ),
        (
            "name\taliases\tkind\tlevel\tjurisdiction\tparent\n{J}某局\t{X}局\tlocal\tprovince\t\t\n",
            "agencies.tsv",
            ":2: unknown placeholder at `{X}局` in `{X}局` ({J}, {S} or {P})",
        ),
        (
            "name\taliases\tkind\tlevel\tjurisdiction\tparent\n{J}某局\t\tlocal\t\t\t\n",
            "agencies.tsv",
            ":2: template `{J}某局` needs a level",
        ),
        (
            "name\taliases\n某局\t\n",
            "agencies.tsv",
            ":1: expected header",
        ),
        (
            "from\tto\twhere\n经信\t经济和信息化\tsomewhere\n",
            "abbreviations.tsv",
            ":2: unknown where `somewhere` (any or end)",
        ),
    ];
    for (text, name, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
        let want = format!("{}{expected}", path.display());
        assert!(err.starts_with(&want), "{err}\n  expected {want}");
    }
    // Vocabulary files in agencies/.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("agencies")).unwrap();
    let path = dir.path().join("agencies").join("roles-extra.tsv");
    std::fs::write(&path, "phrase\tform\trole\n主抓\tverb\tboss\n").unwrap();
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "{}:2: unknown role `boss` (lead, support, responsible or ignore)",
            path.display()
        )
    );
}

#[path = "../../../tests/common/corpus.rs"]
mod corpus_common;

fn corpus_text(rel: &str) -> String {
    std::fs::read_to_string(corpus_common::corpus_dir().join(rel)).unwrap()
}

#[test]
fn templates_follow_the_jurisdictions_facts() {
    let g = &ontology().gazetteer;
    let names = |j: &str| -> Vec<String> {
        g.entries_for(Some(place(j)))
            .into_iter()
            .map(|e| e.canonical)
            .collect()
    };
    let has = |j: &str, body: &str| names(j).iter().any(|n| n == body);
    // One of the two alternatives per province, as its fact says.
    assert!(has("安徽省", "安徽省经济和信息化厅"));
    assert!(!has("安徽省", "安徽省工业和信息化厅"));
    assert!(has("江西省", "江西省工业和信息化厅"));
    assert!(!has("江西省", "江西省经济和信息化厅"));
    assert!(has("广东省", "广东省工业和信息化厅"));
    assert!(!has("广东省", "广东省经济和信息化厅"));
    // Not known: both stay.
    assert!(has("西藏自治区", "西藏自治区工业和信息化厅"));
    assert!(has("西藏自治区", "西藏自治区经济和信息化厅"));
    // The pre-2018 name is no alternative.
    assert!(has("安徽省", "安徽省经济和信息化委员会"));
    // 直辖市: 北京市经济和信息化局; 上海市 keeps its 经济和信息化委员会 only.
    assert!(has("北京市", "北京市经济和信息化局"));
    assert!(!has("北京市", "北京市工业和信息化局"));
    assert!(!has("上海市", "上海市工业和信息化局"));
    assert!(!has("上海市", "上海市经济和信息化局"));
    assert!(has("上海市", "上海市经济和信息化委员会"));
    // 香港, 澳门, 台湾 take no mainland department, nor a branch of a central body.
    for j in ["香港特别行政区", "澳门特别行政区", "台湾省"] {
        assert_eq!(names(j), Vec::<String>::new(), "{j}");
        let r = resolve("财政厅", Some(j));
        assert_ne!(r.jurisdiction.as_deref(), Some(j), "{j}");
    }
    // Bare and prefixed names find the province's own variant.
    assert_eq!(canonical("经信厅", Some("安徽省")), "安徽省经济和信息化厅");
    assert_eq!(
        canonical("省工信厅", Some("江西省")),
        "江西省工业和信息化厅"
    );
    assert_eq!(canonical("工信厅", Some("江西省")), "江西省工业和信息化厅");
    let r = resolve("省经信厅", Some("江西省"));
    assert_eq!(r.jurisdiction, None, "{r:?}");
    // A name that says its place is the document's word for the body: it still resolves.
    let r = resolve("湖南省经济和信息化厅", None);
    assert_eq!(
        (r.canonical.as_str(), r.known, r.jurisdiction.as_deref()),
        ("湖南省经济和信息化厅", true, Some("湖南省"))
    );
}

#[test]
fn template_facts_in_a_user_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("agencies")).unwrap();
    std::fs::write(
        dir.path()
            .join("agencies")
            .join("jurisdiction-templates-tibet.tsv"),
        "jurisdiction\tgroup\thas\tsource\n\
         西藏自治区\t经信厅\t{J}经济和信息化厅\ta notice of the region\n",
    )
    .unwrap();
    let o = Ontology::with_dir(dir.path()).unwrap();
    let tibet = o.jurisdictions.get("西藏自治区");
    let r = o.gazetteer.resolve("自治区工信厅", tibet, &o.jurisdictions);
    assert_eq!(r.jurisdiction, None, "{r:?}");
    let r = o.gazetteer.resolve("自治区经信厅", tibet, &o.jurisdictions);
    assert_eq!(r.canonical, "西藏自治区经济和信息化厅");

    // Errors name the file and line: a fact without its source, a template of no group.
    for (body, message) in [
        (
            "jurisdiction\tgroup\thas\tsource\n西藏自治区\t经信厅\t{J}经济和信息化厅\t\n",
            "needs its source",
        ),
        (
            "jurisdiction\tgroup\thas\tsource\n西藏自治区\t经信厅\t{J}财政厅\tx\n",
            "is not a template of group `经信厅`",
        ),
        (
            "jurisdiction\tgroup\thas\tsource\n某省\t经信厅\t\tx\n",
            "unknown jurisdiction `某省`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("agencies")).unwrap();
        let file = dir
            .path()
            .join("agencies")
            .join("jurisdiction-templates-x.tsv");
        std::fs::write(&file, body).unwrap();
        let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:2: ", file.display())) && err.contains(message),
            "{err}"
        );
    }
}

#[test]
fn a_county_the_table_does_not_list_is_derived_from_its_name() {
    let o = ontology();
    let js = &o.jurisdictions;
    // 彭水 (dev 053): a 自治县 of 重庆市, which the regulation names.
    let text = corpus_text("dev/053_pengshui_zizhixian_lvyou_tiaoli_2019.md");
    let pengshui = js.scope(Some("彭水苗族土家族自治县"), &text).unwrap();
    assert_eq!(pengshui.level, policykg_ontology::Level::County);
    assert_eq!(pengshui.parent.as_deref(), Some("重庆市"));
    assert_eq!(pengshui.department_prefix(), Some("自治县"));
    let r = |m: &str| o.gazetteer.resolve(m, Some(&pengshui), js);
    for (m, body) in [
        ("自治县人民政府", "彭水苗族土家族自治县人民政府"),
        ("县发改局", "彭水苗族土家族自治县发展和改革局"),
        ("县发展改革委", "彭水苗族土家族自治县发展和改革委员会"),
        ("财政局", "彭水苗族土家族自治县财政局"),
        ("自治县财政局", "彭水苗族土家族自治县财政局"),
        ("市财政局", "重庆市财政局"),
    ] {
        let got = r(m);
        assert_eq!(got.canonical, body, "{m}");
        assert!(got.known, "{m}");
    }
    assert_eq!(
        r("县发改局").jurisdiction.as_deref(),
        Some("彭水苗族土家族自治县")
    );

    // 平潭综合实验区 (dev 039): a 区 of 福建省, named in the text.
    let text = corpus_text("dev/039_pingtan_2023_xinwuranwu_zhili_gongzuo_fangan.page.txt");
    let pingtan = js.scope(Some("平潭综合实验区"), &text).unwrap();
    assert_eq!(pingtan.level, policykg_ontology::Level::County);
    assert_eq!(pingtan.parent.as_deref(), Some("福建省"));
    let r = |m: &str| o.gazetteer.resolve(m, Some(&pingtan), js);
    for (m, body) in [
        ("区财政局", "平潭综合实验区财政局"),
        ("财政局", "平潭综合实验区财政局"),
        ("区市场监管局", "平潭综合实验区市场监督管理局"),
        ("区税务局", "国家税务总局平潭综合实验区税务局"),
        ("省财政厅", "福建省财政厅"),
        ("省工信厅", "福建省工业和信息化厅"),
    ] {
        assert_eq!(r(m).canonical, body, "{m}");
    }
    // An unlisted body with the county's prefix is the county's, not the province's.
    let got = r("区资源生态局");
    assert_eq!(
        (got.canonical.as_str(), got.jurisdiction.as_deref()),
        ("平潭综合实验区资源生态局", Some("平潭综合实验区"))
    );

    // 临安市 (dev 043) names no province: a city of its own, its departments prefixed 市.
    let text = corpus_text("dev/043_linan_linzhengbanhan2013-89_xinyong_lingdao_xiaozu.jsp");
    let linan = js.scope(Some("临安市"), &text).unwrap();
    assert_eq!(linan.parent, None);
    assert_eq!(
        o.gazetteer.resolve("市财政局", Some(&linan), js).canonical,
        "临安市财政局"
    );
    // A city of a listed one is a county-level city.
    let linan = js.scope(Some("临安市"), "杭州市人民政府").unwrap();
    assert_eq!(
        (linan.level, linan.parent.as_deref()),
        (policykg_ontology::Level::County, Some("杭州市"))
    );
    // Listed places are the table's; a name with no place suffix is none.
    assert_eq!(js.scope(Some("芜湖市"), "").unwrap().name, "芜湖市");
    assert!(js.scope(Some("某某"), "").is_none());
    assert!(js.scope(None, "安徽省").is_none());
}

/// `may_be_known` rules out no name that `resolve` knows: every name and alias of the entries of
/// a nation, a province and a city, also as written with a space and ASCII brackets, with the
/// long ending a rule rewrites (委员会 → 委) and as members (…成员单位); and it rules out words
/// that end as no listed name does.
#[test]
fn may_be_known_keeps_every_known_name() {
    let o = ontology();
    let g = &o.gazetteer;
    let mut asked = 0;
    for scope in [None, Some("安徽省"), Some("芜湖市")] {
        for e in g.entries_for(scope.map(place)) {
            for name in std::iter::once(&e.canonical).chain(&e.aliases) {
                let written = [
                    name.clone(),
                    format!("{name} "),
                    name.replace('（', "(").replace('）', ")"),
                    format!("{name}成员单位"),
                    name.strip_suffix('委')
                        .map_or_else(|| name.clone(), |s| format!("{s}委员会")),
                ];
                for m in written {
                    if resolve(&m, scope).known {
                        asked += 1;
                        assert!(g.may_be_known(&m), "{m:?} in {scope:?}");
                    }
                }
            }
        }
    }
    assert!(asked > 1000, "{asked}");
    assert!(resolve("发展和改革委员会", None).known);
    assert!(g.may_be_known("发展和改革委员会"));
    for word in ["切实", "积极", "必要时"] {
        assert!(!resolve(word, Some("安徽省")).known);
        assert!(!g.may_be_known(word), "{word}");
    }
}

#[test]
fn city_bodies_under_the_names_their_notices_use() {
    // Bodies not every city or county has, named as work plans name them: known in the city's
    // scope, with the template's full name.
    for (mention, full) in [
        ("市行政审批局", "芜湖市行政审批局"),
        ("市文化广电旅游局", "芜湖市文化广电旅游局"),
        ("市供销社", "芜湖市供销合作社联合社"),
        ("市文明办", "芜湖市精神文明建设委员会办公室"),
        ("团市委", "共青团芜湖市委员会"),
        ("市委政法委", "中共芜湖市委政法委员会"),
        ("市数据局", "芜湖市数据局"),
        ("市公积金中心", "芜湖市住房公积金管理中心"),
        ("市法院", "芜湖市中级人民法院"),
        ("市台办", "芜湖市人民政府台湾事务办公室"),
        ("市侨联", "芜湖市归国华侨联合会"),
        ("市规划局", "芜湖市规划局"),
        ("市安监局", "芜湖市安全生产监督管理局"),
        ("市气象局", "芜湖市气象局"),
        ("市政务服务办", "芜湖市政务服务管理办公室"),
        ("市委督查室", "中共芜湖市委督查室"),
        ("市政府督查室", "芜湖市人民政府督查室"),
        ("市委农办", "中共芜湖市委农村工作领导小组办公室"),
    ] {
        let r = resolve(mention, Some("芜湖市"));
        assert!(r.known, "{mention}");
        assert_eq!(r.canonical, full, "{mention}");
    }
    // The province's own forms.
    assert_eq!(canonical("省应急厅", Some("安徽省")), "安徽省应急管理厅");
    assert_eq!(canonical("团省委", Some("安徽省")), "共青团安徽省委员会");
    assert_eq!(canonical("省法院", Some("安徽省")), "安徽省高级人民法院");
    // A county's court is its basic people's court.
    assert_eq!(canonical("区法院", Some("浦东新区")), "浦东新区人民法院");
}

#[test]
fn townships_and_street_offices_as_a_class() {
    assert_eq!(
        canonical("各乡（镇）", Some("芜湖市")),
        "芜湖市各乡镇人民政府"
    );
    assert_eq!(
        canonical("各乡镇（街道）", Some("芜湖市")),
        "芜湖市各乡镇人民政府（街道办事处）"
    );
    assert_eq!(canonical("各街道", Some("芜湖市")), "芜湖市各街道办事处");
    assert_eq!(canonical("市应急局", Some("芜湖市")), "芜湖市应急管理局");
}
