//! Property tests: a comparison of arbitrary units (any text, any extracted facts with any spans)
//! never panics, accounts for every unit exactly once, and its highlights slice the unit texts.

use proptest::prelude::*;

use policykg_diff::{
    diff_versions, render_html, render_text, Options, TextOptions, Unit, UnitKind, Version,
};
use policykg_extract::Extraction;
use policykg_read::Span;

mod common;

/// Real facts to scatter: seed 001 through the pipeline (tasks with agencies, targets, amounts).
fn template() -> &'static Extraction {
    static T: std::sync::OnceLock<Extraction> = std::sync::OnceLock::new();
    T.get_or_init(|| common::load("corpus/seeds/001_a6818095697d7a7c.txt").1)
}

/// Text that looks like a notice often enough to exercise every token rule, and arbitrary
/// Unicode the rest of the time.
fn text() -> impl Strategy<Value = String> {
    let notice = proptest::collection::vec(
        prop_oneof![
            Just("市场主体".to_owned()),
            Just("经营主体".to_owned()),
            Just("（省经济和信息化厅、省财政厅按职责分工负责）".to_owned()),
            Just("到2025年".to_owned()),
            Just("5000家以上".to_owned()),
            Just("80万元".to_owned()),
            Just("《安徽省条例》".to_owned()),
            Just("“小巨人”".to_owned()),
            Just("七个工作日".to_owned()),
            Just("。".to_owned()),
            Just("，".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("（".to_owned()),
            Just("“".to_owned()),
            "[一二三十百千万亿0-9０-９.．%年个项]{1,4}",
            "[\\p{Han}]{1,6}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat());
    prop_oneof![3 => notice, 1 => any::<String>()]
}

fn kind() -> impl Strategy<Value = UnitKind> {
    prop_oneof![
        Just(UnitKind::Article),
        Just(UnitKind::Item),
        Just(UnitKind::Heading),
        Just(UnitKind::Preamble),
        Just(UnitKind::Paragraph),
    ]
}

fn units() -> impl Strategy<Value = Vec<(UnitKind, String, String)>> {
    proptest::collection::vec((kind(), "(第[一二三]条|[1-9]．|)", text()), 0..14)
}

/// Units laid end to end in one text, one line each.
fn version(units: Vec<(UnitKind, String, String)>, facts: Vec<(usize, usize, u8)>) -> Version {
    let mut pos = 0;
    let units: Vec<Unit> = units
        .into_iter()
        .map(|(kind, number, text)| {
            let len = text.chars().count();
            let u = Unit {
                kind,
                number,
                path: String::new(),
                span: Span::new(pos, pos + len),
                text,
                front: false,
            };
            pos += len + 1;
            u
        })
        .collect();
    // The template's facts, each moved to an arbitrary span (inside, across or past the units).
    let span = |a: usize, b: usize| Span::new(a.min(b), a.max(b));
    let mut x = template().clone();
    let mut spans = facts.iter().cycle();
    let mut next = || {
        spans
            .next()
            .map_or(Span::new(0, 0), |&(a, b, _)| span(a, b))
    };
    for t in &mut x.tasks {
        t.span = next();
        for a in &mut t.agencies {
            a.span = next();
        }
    }
    for t in &mut x.targets {
        t.span = next();
    }
    for a in &mut x.amounts {
        a.span = next();
    }
    let keep = facts.first().map_or(0, |f| f.2 as usize);
    x.tasks.truncate(keep % 8);
    x.targets.truncate(keep % 5);
    x.amounts.truncate(keep % 6);
    Version::from_units(Default::default(), units, Some(x))
}

fn facts() -> impl Strategy<Value = Vec<(usize, usize, u8)>> {
    proptest::collection::vec((0usize..400, 0usize..400, any::<u8>()), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn diff_never_panics_and_accounts_for_every_unit(
        old in units(), new in units(), fo in facts(), fn_ in facts(), gap in 0usize..4,
    ) {
        let (vo, vn) = (version(old, fo), version(new, fn_));
        let options = Options { merge_gap: gap, ..Options::default() };
        let d = diff_versions(&vo, &vn, &options);
        let _ = render_text(&d, &TextOptions { color: true, all: true });
        let _ = render_text(&d, &TextOptions::default());
        let html = render_html(&d);
        prop_assert!(html.starts_with("<!DOCTYPE html>"));
        let json = serde_json::to_string(&d);
        prop_assert!(json.is_ok());

        let mut seen_old: Vec<usize> = d.rows.iter().flat_map(|r| r.old.iter().map(|u| u.index)).collect();
        let mut seen_new: Vec<usize> = d.rows.iter().flat_map(|r| r.new.iter().map(|u| u.index)).collect();
        seen_old.sort_unstable();
        seen_new.sort_unstable();
        prop_assert_eq!(seen_old, (0..vo.units.len()).collect::<Vec<_>>());
        prop_assert_eq!(seen_new, (0..vn.units.len()).collect::<Vec<_>>());

        for r in &d.rows {
            for h in &r.hunks {
                for (pieces, units) in [(&h.old, &r.old), (&h.new, &r.new)] {
                    for p in pieces {
                        let u = &units[p.unit];
                        prop_assert!(p.span.start >= u.span.start && p.span.end <= u.span.end);
                        let chars: Vec<char> = u.text.chars().collect();
                        let local: String = chars[p.span.start - u.span.start..p.span.end - u.span.start].iter().collect();
                        prop_assert_eq!(&local, &p.text);
                    }
                }
            }
            // A row without both sides has no highlights; a row with none is not "modified".
            if r.old.is_empty() || r.new.is_empty() {
                prop_assert!(r.hunks.is_empty());
            }
            prop_assert_eq!(r.modified, !r.hunks.is_empty());
        }
    }

    #[test]
    fn a_version_compared_with_itself_is_unchanged(units in units()) {
        let v = version(units, vec![]);
        let d = diff_versions(&v, &v, &Options::default());
        for r in &d.rows {
            // Units whose letters are all punctuation have no shingles and may stay apart.
            if r.old.len() == 1 && r.new.len() == 1 {
                prop_assert_eq!(r.kind, policykg_diff::RowKind::Unchanged);
            }
        }
        prop_assert!(d.changes.is_empty());
    }
}
