//! Is this short string the name of an issuing body? Used to recognise 落款 lines and the
//! "XX关于…" part of titles. A shape test only (what the name ends with, what it does not
//! contain); what the name *means* is the gazetteer's business, in `policykg-ontology`.
//!
//! The endings are the agency suffixes of `ontology/agencies/markers.tsv`, by their last
//! character: a 落款 may abbreviate (…人民政府 ends like 政府, …规划司 like 公司), so the shape
//! test is looser than the gazetteer's.

use policykg_ontology::{MarkerMeaning, Ontology};

/// Whether `s` has the shape of one agency name: 2 to 40 characters of running text (no sentence
/// punctuation, quotes or digits) ending like an agency.
pub(crate) fn looks_like_agency(s: &str, ontology: &Ontology) -> bool {
    let n = s.chars().count();
    if !(2..=40).contains(&n) {
        return false;
    }
    let Some(last) = s.chars().last() else {
        return false;
    };
    ontology
        .gazetteer
        .markers(MarkerMeaning::Agency)
        .any(|m| m.ends_with(last))
        && !s.chars().any(|c| {
            c.is_ascii_digit()
                || c.is_whitespace()
                || matches!(
                    c,
                    '，' | '。'
                        | '；'
                        | '：'
                        | '、'
                        | '！'
                        | '？'
                        | '《'
                        | '》'
                        | '“'
                        | '”'
                        | ','
                        | ':'
                        | ';'
                )
        })
}

/// The agencies of a 落款 or 发文机关 value: names separated by spaces or 、 ("安徽省经济和信息化厅
/// 安徽省财政厅"). `None` unless every part looks like an agency.
pub(crate) fn agency_list<'s>(s: &'s str, ontology: &Ontology) -> Option<Vec<&'s str>> {
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | ';' | '；'))
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| looks_like_agency(p, ontology))).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks_like_agency(s: &str) -> bool {
        super::looks_like_agency(s, Ontology::bundled())
    }

    fn agency_list(s: &str) -> Option<Vec<&str>> {
        super::agency_list(s, Ontology::bundled())
    }

    #[test]
    fn agencies() {
        for s in [
            "安徽省人民政府办公厅",
            "国务院",
            "芜湖市人民政府",
            "上海市人民代表大会常务委员会",
            "工业和信息化部",
        ] {
            assert!(looks_like_agency(s), "{s}");
        }
        for s in [
            "特此通知。",
            "2022年2月17日",
            "（此件公开发布）",
            "各市人民政府，省政府各部门",
            "加强组织领导",
        ] {
            assert!(!looks_like_agency(s), "{s}");
        }
        assert_eq!(
            agency_list("安徽省经济和信息化厅  安徽省财政厅"),
            Some(vec!["安徽省经济和信息化厅", "安徽省财政厅"])
        );
        assert_eq!(agency_list("本报记者 路轶晨"), None);
    }
}
