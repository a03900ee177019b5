//! `policykg diff` as a command: the 对照表 files (XLSX, DOCX, HTML) with their provenance, and
//! the stop on two documents that look unrelated (exit status 5, `--force` to go on).

#[path = "common/cli.rs"]
mod cli;

use cli::{policykg, policykg_with, text};

const SH_2020: &str = "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md";
const SH_2024: &str = "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md";
const JIUYE: &str = "corpus/extra/03_national_guofa2018-39_jiuye.txt";
const NONGJIHUA: &str = "corpus/extra/04_national_guofa2018-42_nongjihua.txt";
/// 2026-01-01T00:00:00Z.
const EPOCH: &str = "1767225600";

#[test]
fn unrelated_documents_stop_with_status_5_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("对照表.html");
    let o = policykg(&[
        "diff",
        JIUYE,
        NONGJIHUA,
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("look unrelated") && err.contains("--force"),
        "{err}"
    );
    assert!(!out.exists(), "no report is written");

    let o = policykg(&["diff", JIUYE, NONGJIHUA, "--format", "json", "--force"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("going on (--force)"));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["summary"]["unrelated"], true);
    assert_eq!(d["summary"]["same_name"], false);

    // Versions of one regulation go through without a word.
    let o = policykg(&["diff", SH_2020, SH_2024, "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        !text(&o.stderr).contains("unrelated"),
        "{}",
        text(&o.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["summary"]["unrelated"], false);
}

#[test]
fn reports_carry_version_hashes_and_the_given_time() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("SOURCE_DATE_EPOCH", EPOCH)];
    for (format, magic) in [
        ("xlsx", &b"PK"[..]),
        ("docx", b"PK"),
        ("html", b"<!DOCTYPE"),
    ] {
        let out = dir.path().join(format!("对照表.{format}"));
        let o = policykg_with(
            &[
                "diff",
                SH_2020,
                SH_2024,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
            &env,
        );
        assert!(o.status.success(), "{format}: {}", text(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
    let o = policykg_with(&["diff", SH_2020, SH_2024, "--format", "json"], &env);
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &d["provenance"];
    assert_eq!(p["time"], "2026-01-01T00:00:00Z");
    assert_eq!(p["tool"], format!("policykg {}", env!("CARGO_PKG_VERSION")));
    for side in ["old_sha256", "new_sha256"] {
        let h = p[side].as_str().unwrap();
        assert!(
            h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()),
            "{h}"
        );
    }
    assert_ne!(p["old_sha256"], p["new_sha256"]);
    let html = std::fs::read_to_string(dir.path().join("对照表.html")).unwrap();
    let footer = &html[html.find("<footer>").unwrap()..];
    assert!(footer.contains("2026-01-01T00:00:00Z"));
    assert!(footer.contains(p["old_sha256"].as_str().unwrap()));
    assert!(footer.contains(p["new_sha256"].as_str().unwrap()));

    let o = policykg_with(
        &["diff", SH_2020, SH_2024],
        &[("SOURCE_DATE_EPOCH", "soon")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("SOURCE_DATE_EPOCH"),
        "{}",
        text(&o.stderr)
    );
}
