//! Is this short string the name of an issuing body? Used to recognise 落款 lines and the
//! "XX关于…" part of titles. A shape test only (what the name ends with, what it does not
//! contain); what the name *means* is the gazetteer's business, in `policykg-ontology`.

/// Characters an agency name ends with: 政府 厅 办公室 院 委员会 局 委 办 部 署 银行 中心 公司
/// 集团 小组 处 所 站 队 社 联 政协.
const FINAL: &[char] = &[
    '府', '厅', '室', '院', '会', '局', '委', '办', '部', '署', '行', '心', '司', '团', '组', '处',
    '所', '站', '队', '社', '联', '协',
];

/// Whether `s` has the shape of one agency name: 2 to 40 characters of running text (no sentence
/// punctuation, quotes or digits) ending like an agency.
pub(crate) fn looks_like_agency(s: &str) -> bool {
    let n = s.chars().count();
    if !(2..=40).contains(&n) {
        return false;
    }
    let Some(last) = s.chars().last() else {
        return false;
    };
    FINAL.contains(&last)
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
pub(crate) fn agency_list(s: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | ';' | '；'))
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| looks_like_agency(p))).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

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
