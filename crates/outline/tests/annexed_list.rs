//! A list annexed to the body with no 附件 line before it (dev 050: "国务院职业教育工作 /
//! 部际联席会议成员名单", then its members) is no part of the last item.

mod common;

use common::{check_invariants, parse, parse_file};

#[test]
fn dev_050_last_item_ends_above_the_member_list() {
    let p = parse_file("corpus/dev/050_guohan2018-144_zhiye_jiaoyu_lianxi_huiyi_pifu.html");
    check_invariants(&p).unwrap();
    let o = &p.outline;
    let last = &o.nodes[o.find("四").expect("四")];
    assert!(last.body.starts_with("各成员单位要按照职责分工"));
    assert!(
        last.body.ends_with("推动会议议定事项的落实。"),
        "{}",
        last.body
    );
    assert_eq!(last.paragraphs.len(), 1);
    for name in ["部际联席会议成员名单", "召 集 人", "洪天云"] {
        assert!(!last.body.contains(name), "{name}");
    }
}

/// A sentence or a short line of the item that names a list goes on being the item's text; a
/// list title ends the item only where it stands as a title (lines from dev 050 and 034).
#[test]
fn a_list_named_in_the_text_is_no_title() {
    let p = parse(
        "一、工作要求\n\
         各成员单位要按照职责分工，及时报送联络员名单。\n\
         成员名单附后，不再另行通知\n\
         二、其他事项\n\
         联席会议办公室要及时向各成员单位通报相关情况。\n\
         国务院职业教育工作\n\
         部际联席会议成员名单\n\
         召 集 人：孙春兰　　国务院副总理\n",
    );
    let o = &p.outline;
    assert_eq!(o.nodes.len(), 2);
    assert!(o.nodes[0].body.ends_with("成员名单附后，不再另行通知"));
    assert_eq!(
        o.nodes[1].body,
        "联席会议办公室要及时向各成员单位通报相关情况。"
    );
}
