//! `Ontology::with_dir` (the CLI's `--ontology DIR`) extends every list: a unit, a not-a-number
//! word and a page label added in a user directory each change what the pipeline finds in a
//! short real text, and a misspelt file or row is an error naming it.

use std::path::Path;

use policykg_extract::Extraction;
use policykg_ontology::{LabelField, Ontology};
use policykg_outline::{Parsed, Source};
use policykg_read::Limits;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(source: &str, text: &str, ontology: &Ontology) -> (Parsed, Extraction) {
    let doc = policykg_read::read_bytes(source, text.as_bytes(), &Limits::default()).unwrap();
    let parsed = policykg_outline::parse(doc, ontology);
    let extraction = policykg_extract::extract(&parsed, ontology);
    (parsed, extraction)
}

/// (value, unit) of every target.
fn targets(e: &Extraction) -> Vec<(String, String)> {
    e.targets
        .iter()
        .map(|t| {
            let value = t.value.map(|v| v.to_string()).unwrap_or_default();
            (value, t.unit.clone())
        })
        .collect()
}

#[test]
fn a_user_unit_is_recognised_in_a_target() {
    let text = "到2025年，全省港口集装箱吞吐量达到300万标准箱。";
    let (_, bundled) = run("port.txt", text, Ontology::bundled());
    assert!(
        bundled.targets.iter().all(|t| t.unit != "标准箱"),
        "{:?}",
        targets(&bundled)
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lexicon/units-port.tsv",
        "# TEU, the container unit of port statistics\nunit\tclass\n标准箱\tcount\n",
    );
    let ontology = Ontology::with_dir(dir.path()).unwrap();
    let (_, extended) = run("port.txt", text, &ontology);
    assert_eq!(
        targets(&extended),
        [("3000000".to_owned(), "标准箱".to_owned())]
    );
    let target = &extended.targets[0];
    assert_eq!(target.year, Some(2025));
    assert!(target.metric.contains("集装箱吞吐量"), "{}", target.metric);
}

#[test]
fn a_user_not_a_number_word_is_respected() {
    // 两个健康 (the healthy development of the private economy and of private entrepreneurs)
    // is a slogan, not two of anything.
    let text = "到2025年，培育两个健康示范企业1000家。";
    let (_, bundled) = run("private.txt", text, Ontology::bundled());
    assert!(
        targets(&bundled).contains(&("2".to_owned(), "个".to_owned())),
        "{:?}",
        targets(&bundled)
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lexicon/not_numbers-slogans.tsv",
        "word\n两个健康\n",
    );
    let ontology = Ontology::with_dir(dir.path()).unwrap();
    let (_, extended) = run("private.txt", text, &ontology);
    assert_eq!(targets(&extended), [("1000".to_owned(), "家".to_owned())]);
}

#[test]
fn a_user_page_label_fills_its_field() {
    let html = "<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>\
        <table><tr><td>出文单位：</td><td>安徽省财政厅</td></tr>\
        <tr><td>成文日期：</td><td>2022年02月17日</td></tr></table>\
        <div class=\"content\"><p>关于做好2022年专项资金申报工作的通知</p>\
        <p>各市财政局：</p><p>现将有关事项通知如下。</p></div></body></html>";
    let (bundled, _) = run("notice.html", html, Ontology::bundled());
    assert!(
        bundled
            .document
            .fields
            .iter()
            .any(|f| f.key == "出文单位" && f.value == "安徽省财政厅"),
        "read keeps the colon-ended label cell: {:?}",
        bundled.document.fields
    );
    assert!(
        bundled.metadata.issuers.is_empty(),
        "{:?}",
        bundled.metadata.issuers
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "documents/page_labels-extra.tsv",
        "label\tfield\n出文单位\tissuers\n",
    );
    let ontology = Ontology::with_dir(dir.path()).unwrap();
    assert_eq!(
        ontology.page_labels.field("出文单位"),
        Some(LabelField::Issuers)
    );
    let (extended, extraction) = run("notice.html", html, &ontology);
    assert_eq!(extended.metadata.issuers, ["安徽省财政厅"]);
    assert_eq!(extended.metadata.sources.issuers, Some(Source::PageTable));
    assert_eq!(extended.metadata.jurisdiction.as_deref(), Some("安徽省"));
    assert_eq!(extraction.issuers, ["安徽省财政厅"]);
}

#[test]
fn user_files_with_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lexicon/units-x.tsv",
        "unit\tclass\n标准箱\tcontainer\n",
    );
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.ends_with("units-x.tsv:2: unknown unit class `container` (count, percent, ratio, physical, money, foreign_money, time or age)"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lexicon/money_cues-x.tsv",
        "cue\trole\n扶持\tsubsidies\n",
    );
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("money_cues-x.tsv:2: unknown role `subsidies` ("),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lexicon/unit.tsv",
        "unit\tclass\n标准箱\tcount\n",
    );
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("unit.tsv: not a lexicon file"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "documents/page_labels.tsv",
        "label\tfield\n出文单位\tissuer\n",
    );
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("page_labels.tsv:2: unknown field `issuer`"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "documents/words.tsv",
        "word\trole\n公报\tdoctype\n",
    );
    let err = Ontology::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("words.tsv:2: unknown role `doctype`"), "{err}");
}

#[test]
fn user_document_words_reach_the_outline() {
    // 公报 is no bundled document type: the title run goes on into the next line.
    let text = "安徽省统计局公报\n全省经济运行情况\n\n一、总体情况\n全省经济稳中向好。\n";
    let (bundled, _) = run("bulletin.txt", text, Ontology::bundled());
    assert_eq!(
        bundled.metadata.title.as_deref(),
        Some("安徽省统计局公报全省经济运行情况")
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "documents/words-extra.tsv",
        "word\trole\n公报\tdoc_type\n",
    );
    let ontology = Ontology::with_dir(dir.path()).unwrap();
    let (extended, _) = run("bulletin.txt", text, &ontology);
    assert_eq!(extended.metadata.title.as_deref(), Some("安徽省统计局公报"));
}
