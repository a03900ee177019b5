//! Whether two documents look like versions of one policy (`Summary::unrelated`), on real pairs
//! of corpus/: the threshold `UNRELATED_BELOW` was chosen on these and on the version pairs and
//! 600 unrelated pairs of corpus-dev (README, `policykg diff`).

mod common;

use common::diff_files;
use policykg_diff::UNRELATED_BELOW;

const SH_2020: &str = "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md";
const SH_2024: &str = "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md";

#[test]
fn versions_of_one_policy_are_related() {
    // Draft and final text of seed 001: nearly every clause carried.
    let d = diff_files(
        "tests/fixtures/versions/001_zhengqiu.txt",
        "corpus/seeds/001_a6818095697d7a7c.txt",
    );
    assert!(d.summary.same_name);
    assert!(d.summary.aligned > 0.95, "{}", d.summary.aligned);
    assert!(!d.summary.unrelated);
    // A regulation and its text after three amendments: 17 articles added, most rewritten in
    // part.
    let d = diff_files(SH_2020, SH_2024);
    assert!(d.summary.same_name);
    assert!(
        (0.7..0.8).contains(&d.summary.aligned),
        "{}",
        d.summary.aligned
    );
    assert!(!d.summary.unrelated);
    // The alignment alone would say so too, with room.
    assert!(d.summary.aligned > UNRELATED_BELOW + 0.3);
}

#[test]
fn different_documents_are_unrelated() {
    // Two State Council notices of 2018 on different subjects (就业, 农业机械化).
    let d = diff_files(
        "corpus/extra/03_national_guofa2018-39_jiuye.txt",
        "corpus/extra/04_national_guofa2018-42_nongjihua.txt",
    );
    assert!(!d.summary.same_name);
    assert!(d.summary.aligned < 0.05, "{}", d.summary.aligned);
    assert!(d.summary.unrelated);
    // The hard case: two cities' regulations on the same subject (优化营商环境条例 of Shanghai
    // and of Dezhou), alike in structure and wording, are still two policies.
    for (old, new) in [
        (
            SH_2020,
            "corpus/dev/028_dezhou_youhua_yingshang_tiaoli_2021.md",
        ),
        (
            "corpus/dev/028_dezhou_youhua_yingshang_tiaoli_2021.md",
            SH_2020,
        ),
    ] {
        let d = diff_files(old, new);
        assert!(!d.summary.same_name, "{:?} {:?}", d.old.name, d.new.name);
        assert!(
            (0.05..0.2).contains(&d.summary.aligned),
            "{}",
            d.summary.aligned
        );
        assert!(d.summary.unrelated);
    }
}
