//! Agencies of county and district notices resolve to that county's bodies, also when the
//! jurisdictions table does not list the county (its place is derived from its name), and never
//! to the province's.

#[path = "../../../tests/common/corpus.rs"]
mod corpus_common;

use policykg_extract::{extract, Extraction};
use policykg_ontology::Ontology;

fn run(rel: &str) -> Extraction {
    let o = Ontology::bundled();
    let path = corpus_common::corpus_dir().join(rel);
    let doc = policykg_read::read_path(&path, &policykg_read::Limits::default()).unwrap();
    extract(&policykg_outline::parse(doc, o), o)
}

/// (mention, name, jurisdiction) of every agency of the tasks.
fn agencies(x: &Extraction) -> Vec<(String, String, Option<String>)> {
    x.tasks
        .iter()
        .flat_map(|t| &t.agencies)
        .map(|a| (a.mention.clone(), a.name.clone(), a.jurisdiction.clone()))
        .collect()
}

/// Every agency whose mention carries `prefix` (区, 县, 自治县) belongs to `county` and names it
/// (区税务局 is 国家税务总局平潭综合实验区税务局).
fn prefixed_are_the_countys(x: &Extraction, prefix: &str, county: &str) -> usize {
    let mut n = 0;
    for (mention, name, jurisdiction) in agencies(x) {
        if mention.starts_with(prefix) {
            assert_eq!(jurisdiction.as_deref(), Some(county), "{mention} → {name}");
            assert!(name.contains(county), "{mention} → {name}");
            n += 1;
        }
    }
    n
}

#[test]
fn pingtan_bodies_are_the_zones() {
    // dev 039: 平潭综合实验区 is not in jurisdictions.tsv; its 区 departments are its own.
    let x = run("dev/039_pingtan_2023_xinwuranwu_zhili_gongzuo_fangan.page.txt");
    assert_eq!(x.jurisdiction.as_deref(), Some("平潭综合实验区"));
    assert!(prefixed_are_the_countys(&x, "区", "平潭综合实验区") >= 30);
    let all = agencies(&x);
    let find = |m: &str| all.iter().find(|(mention, ..)| mention == m).unwrap();
    assert_eq!(find("区市场监管局").1, "平潭综合实验区市场监督管理局");
    assert_eq!(find("区农业农村局").1, "平潭综合实验区农业农村局");
    assert!(!all.iter().any(|(_, _, j)| j.as_deref() == Some("福建省")));

    // dev 029, the same zone's task table.
    let x = run("dev/029_pingtan_2022_zhengwu_gongkai_renwu_fenjiebiao.derived.html");
    assert!(prefixed_are_the_countys(&x, "区", "平潭综合实验区") >= 5);
}

/// A body named with the document's own place, which the data does not list, is that place's
/// body, known like the ones its prefix forms name ("区规划局" and "平潭综合实验区规划局" meet).
#[test]
fn bodies_named_with_an_unlisted_place_are_known() {
    // versions 031a, a regulation of 平潭综合实验区 naming its bureau in full.
    let x = run("versions/031a_pingtan_huabo_tudi_zhuanrang_banfa_2015.page.txt");
    let a = x
        .tasks
        .iter()
        .flat_map(|t| &t.agencies)
        .find(|a| a.mention == "平潭综合实验区规划局")
        .expect("the bureau is named");
    assert!(a.known, "{a:?}");
    assert_eq!(a.jurisdiction.as_deref(), Some("平潭综合实验区"));
    assert_eq!(a.parent.as_deref(), Some("平潭综合实验区人民政府"));
}

#[test]
fn pengshui_bodies_are_the_autonomous_countys() {
    // dev 053: a 自治县 of 重庆市; 自治县人民政府 is its government.
    let x = run("dev/053_pengshui_zizhixian_lvyou_tiaoli_2019.md");
    assert_eq!(x.jurisdiction.as_deref(), Some("彭水苗族土家族自治县"));
    assert!(prefixed_are_the_countys(&x, "自治县", "彭水苗族土家族自治县") >= 9);
    assert!(agencies(&x)
        .iter()
        .any(|(m, n, _)| m == "自治县人民政府" && n == "彭水苗族土家族自治县人民政府"));
}

#[test]
fn wuhu_city_bodies_stay_the_citys() {
    // seed 004: a Wuhu notice; 市… is 芜湖市's, not 安徽省's.
    let x = run("seeds/004_1fa6e42cb493e32d.txt");
    assert_eq!(x.jurisdiction.as_deref(), Some("芜湖市"));
    assert!(prefixed_are_the_countys(&x, "市", "芜湖市") >= 1);
}
