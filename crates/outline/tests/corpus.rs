//! Every corpus document, parsed and rendered (metadata + outline), against a reviewed snapshot;
//! and the invariants every parse must satisfy.

mod common;

use common::{check_invariants, corpus_files, parse_file, render};

/// One test per corpus file, so that a failure names the document.
macro_rules! corpus {
    ($($name:ident => $path:literal,)*) => {
        $(
            #[test]
            fn $name() {
                let parsed = parse_file($path);
                check_invariants(&parsed).unwrap_or_else(|e| panic!("{}: {e}", $path));
                insta::with_settings!({ prepend_module_to_snapshot => false, description => $path }, {
                    insta::assert_snapshot!(stringify!($name), render(&parsed));
                });
            }
        )*

        /// The list above covers the corpus: a new file needs a reviewed snapshot too.
        #[test]
        fn every_corpus_file_has_a_snapshot_test() {
            let listed: Vec<&str> = vec![$($path),*];
            assert_eq!(corpus_files(), listed);
        }
    };
}

corpus! {
    extra_02_sichuan => "corpus/extra/02_sichuan_duchazicha_2014.txt",
    extra_03_guofa_39_html => "corpus/extra/03_national_guofa2018-39_jiuye.raw.html",
    extra_03_guofa_39 => "corpus/extra/03_national_guofa2018-39_jiuye.txt",
    extra_04_guofa_42_html => "corpus/extra/04_national_guofa2018-42_nongjihua.raw.html",
    extra_04_guofa_42 => "corpus/extra/04_national_guofa2018-42_nongjihua.txt",
    extra_05_guofa_38_html => "corpus/extra/05_national_guofa2018-38_zimaoqu.raw.html",
    extra_05_guofa_38 => "corpus/extra/05_national_guofa2018-38_zimaoqu.txt",
    extra_06a_shanghai_2020 => "corpus/extra/06a_shanghai_yingshang_tiaoli_2020-04-10.md",
    extra_06b_shanghai_2024 => "corpus/extra/06b_shanghai_yingshang_tiaoli_2024-09-27.md",
    seed_000 => "corpus/seeds/000_eef8574c2d5c617b.txt",
    seed_001 => "corpus/seeds/001_a6818095697d7a7c.txt",
    seed_002 => "corpus/seeds/002_076db4c0ab1c918d.txt",
    seed_003 => "corpus/seeds/003_e1ad1d33f2229fbe.txt",
    seed_004 => "corpus/seeds/004_1fa6e42cb493e32d.txt",
}
