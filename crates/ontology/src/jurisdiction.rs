//! Jurisdictions (`ontology/jurisdictions*.tsv`): the country, provinces and cities a notice can
//! belong to, with the short names and 文号 abbreviations (皖 → 安徽省) that identify them.

use std::collections::HashMap;

use serde::Serialize;

use crate::tsv;
use crate::OntologyError;

const BUNDLED: &str = include_str!("../../../ontology/jurisdictions.tsv");
const COLUMNS: &[&str] = &["name", "short", "abbr", "level", "parent"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Jurisdiction {
    /// Full name: "安徽省", "芜湖市", "中华人民共和国".
    pub name: String,
    /// Short names: "安徽".
    pub short: Vec<String>,
    /// Abbreviations used in 文号 prefixes: "皖".
    pub abbr: Vec<String>,
    pub level: Level,
    /// Full name of the enclosing jurisdiction.
    pub parent: Option<String>,
}

impl Jurisdiction {
    /// The prefix its own departments carry when the notice is local: 省 for a province, 市 for a
    /// city (including the four 直辖市), 县/区 for a county, none for the country.
    pub fn department_prefix(&self) -> Option<&'static str> {
        match self.level {
            Level::National => None,
            Level::Province if self.name.ends_with('市') => Some("市"),
            Level::Province if self.name.ends_with("自治区") => Some("自治区"),
            Level::Province => Some("省"),
            Level::Prefecture => Some("市"),
            Level::County if self.name.ends_with('区') => Some("区"),
            Level::County => Some("县"),
        }
    }
}

/// The loaded table, with lookups by name, short name and abbreviation.
#[derive(Debug, Clone, Default)]
pub struct Jurisdictions {
    list: Vec<Jurisdiction>,
    /// Full and short names → index.
    by_name: HashMap<String, usize>,
    /// 文号 abbreviation → indices, highest level (province before city) first.
    by_abbr: HashMap<String, Vec<usize>>,
    /// Longest name in characters, to bound prefix search.
    longest: usize,
    /// First character of every full and short name → (name, index), longest name first: the
    /// index [`Jurisdictions::mentions`] scans text with.
    by_first: HashMap<char, Vec<(String, usize)>>,
    /// Starts of central bodies' names that carry no place name (国务院, 国家发展改革委): the
    /// `central_prefix` words of `ontology/documents/words.tsv`.
    central_prefixes: Vec<String>,
}

impl Jurisdictions {
    /// The table bundled in the binary.
    pub fn bundled() -> Jurisdictions {
        let mut j = Jurisdictions::default();
        j.extend_tsv(BUNDLED, "ontology/jurisdictions.tsv")
            .expect("bundled ontology/jurisdictions.tsv is valid (checked by tests)");
        j.central_prefixes = crate::words::DocumentWords::bundled().central_prefixes;
        j
    }

    /// The starts of central bodies' names (kept in step with [`crate::Ontology::words`]).
    pub(crate) fn set_central_prefixes(&mut self, prefixes: Vec<String>) {
        self.central_prefixes = prefixes;
    }

    /// Add (or replace, by full name) the rows of a jurisdictions TSV file.
    pub fn extend_tsv(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let name = tsv::cell(&row, 0);
            if name.is_empty() {
                return Err(err("empty name".into()));
            }
            let level = match tsv::cell(&row, 3) {
                "national" => Level::National,
                "province" => Level::Province,
                "prefecture" => Level::Prefecture,
                "county" => Level::County,
                other => {
                    return Err(err(format!(
                        "unknown level `{other}` (national, province, prefecture or county)"
                    )))
                }
            };
            let parent = Some(tsv::cell(&row, 4))
                .filter(|p| !p.is_empty())
                .map(str::to_owned);
            if let Some(p) = &parent {
                if !self.by_name.contains_key(p) && p != name {
                    return Err(err(format!("parent `{p}` is not defined above this line")));
                }
            }
            self.insert(Jurisdiction {
                name: name.to_owned(),
                short: tsv::list(&row, 1).map(str::to_owned).collect(),
                abbr: tsv::list(&row, 2).map(str::to_owned).collect(),
                level,
                parent,
            });
        }
        Ok(())
    }

    fn insert(&mut self, j: Jurisdiction) {
        let idx = match self.by_name.get(&j.name) {
            Some(&i) if self.list[i].name == j.name => {
                self.list[i] = j.clone();
                i
            }
            _ => {
                self.list.push(j.clone());
                self.list.len() - 1
            }
        };
        for n in std::iter::once(&j.name).chain(&j.short) {
            self.longest = self.longest.max(n.chars().count());
            self.by_name.insert(n.clone(), idx);
            if let Some(first) = n.chars().next() {
                let v = self.by_first.entry(first).or_default();
                v.retain(|(name, _)| name != n);
                v.push((n.clone(), idx));
                v.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
            }
        }
        for a in &j.abbr {
            let v = self.by_abbr.entry(a.clone()).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
            let list = &self.list;
            v.sort_by_key(|&i| list[i].level);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Jurisdiction> {
        self.list.iter()
    }

    /// By full or short name: "安徽省" or "安徽".
    pub fn get(&self, name: &str) -> Option<&Jurisdiction> {
        self.by_name.get(name).map(|&i| &self.list[i])
    }

    /// By 文号 abbreviation, the highest level first: "皖" → 安徽省; "宁" → 宁夏回族自治区 before 南京市.
    pub fn by_abbreviation(&self, abbr: &str) -> Option<&Jurisdiction> {
        self.by_abbr
            .get(abbr)
            .and_then(|v| v.first())
            .map(|&i| &self.list[i])
    }

    /// The jurisdiction of a 文号 from its leading abbreviation: "皖政〔2018〕46号" → 安徽省,
    /// "晋医保发〔2021〕14号" → 山西省, "芜政〔2019〕5号" → 芜湖市, "国发〔2018〕39号" → the country.
    /// City abbreviations are only trusted when followed by 政 or 府 (the city government's own
    /// series), since single characters like 合 or 黄 start many words.
    pub fn from_doc_number(&self, doc_number: &str) -> Option<&Jurisdiction> {
        let mut chars = doc_number.chars();
        let first = chars.next()?;
        let second = chars.next();
        let candidates = self.by_abbr.get(first.encode_utf8(&mut [0; 4]) as &str)?;
        candidates
            .iter()
            .map(|&i| &self.list[i])
            .find(|j| j.level <= Level::Province || matches!(second, Some('政') | Some('府')))
    }

    /// The jurisdiction whose full or short name starts `text`, longest match first:
    /// "安徽省人民政府办公厅" → (安徽省, 3 chars).
    pub fn prefix_of(&self, text: &str) -> Option<(&Jurisdiction, usize)> {
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest)
            .collect();
        ends.iter().enumerate().rev().find_map(|(n, &end)| {
            self.by_name
                .get(&text[..end])
                .map(|&i| (&self.list[i], n + 1))
        })
    }

    /// The country (the national row of the table).
    pub fn national(&self) -> Option<&Jurisdiction> {
        self.list.iter().find(|j| j.level == Level::National)
    }

    /// The jurisdiction an agency belongs to, judged from its name alone: a place name starting
    /// it ("安徽省人民政府办公厅" → 安徽省, "芜湖市人民政府" → 芜湖市), or a central body
    /// ("国务院", "国家发展改革委", "工业和信息化部", "税务总局" → the country). `None` for names
    /// that only make sense inside a document ("省财政厅", "市委组织部").
    pub fn of_agency(&self, name: &str) -> Option<&Jurisdiction> {
        if let Some((j, _)) = self.prefix_of(name) {
            return Some(j);
        }
        if name.starts_with(['省', '市', '县', '区', '州', '镇', '乡']) {
            return None;
        }
        let ministry = name.ends_with('部') || name.ends_with("部办公厅") || name.ends_with("总局");
        if ministry
            || self
                .central_prefixes
                .iter()
                .any(|p| name.starts_with(p.as_str()))
        {
            return self.national();
        }
        None
    }

    /// Every full or short place name in `text`, leftmost and longest first, without overlaps:
    /// (byte offset, jurisdiction, length in bytes).
    pub fn mentions<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Jurisdiction, usize)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let rest = &text[at..];
                let c = rest.chars().next()?;
                if let Some(names) = self.by_first.get(&c) {
                    if let Some((name, i)) =
                        names.iter().find(|(n, _)| rest.starts_with(n.as_str()))
                    {
                        let found = (at, &self.list[*i], name.len());
                        at += name.len();
                        return Some(found);
                    }
                }
                at += c.len_utf8();
            }
            None
        })
    }

    /// The enclosing jurisdiction.
    pub fn parent(&self, j: &Jurisdiction) -> Option<&Jurisdiction> {
        j.parent.as_deref().and_then(|p| self.get(p))
    }

    /// `j` and its ancestors, innermost first.
    pub fn ancestry<'a>(&'a self, j: &'a Jurisdiction) -> impl Iterator<Item = &'a Jurisdiction> {
        std::iter::successors(Some(j), move |j| self.parent(j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_loads_and_resolves_abbreviations() {
        let j = Jurisdictions::bundled();
        assert_eq!(j.by_abbreviation("皖").unwrap().name, "安徽省");
        assert_eq!(j.by_abbreviation("宁").unwrap().name, "宁夏回族自治区");
        assert_eq!(
            j.from_doc_number("皖政〔2018〕46号").unwrap().name,
            "安徽省"
        );
        assert_eq!(
            j.from_doc_number("晋医保发〔2021〕14号").unwrap().name,
            "山西省"
        );
        assert_eq!(j.from_doc_number("芜政〔2019〕5号").unwrap().name, "芜湖市");
        assert_eq!(
            j.from_doc_number("国发〔2018〕39号").unwrap().level,
            Level::National
        );
        // 工 is no jurisdiction: a ministry's series.
        assert!(j.from_doc_number("工信部企业〔2013〕264号").is_none());
        // A city abbreviation needs the government's own series marker.
        assert!(j.from_doc_number("合作〔2019〕1号").is_none());
    }

    #[test]
    fn prefix_prefers_the_longest_name() {
        let j = Jurisdictions::bundled();
        let (found, len) = j.prefix_of("安徽省人民政府办公厅").unwrap();
        assert_eq!((found.name.as_str(), len), ("安徽省", 3));
        let (found, len) = j.prefix_of("马鞍山市财政局").unwrap();
        assert_eq!((found.name.as_str(), len), ("马鞍山市", 4));
        let (found, len) = j.prefix_of("安徽银保监局").unwrap();
        assert_eq!((found.name.as_str(), len), ("安徽省", 2));
        assert!(j.prefix_of("省财政厅").is_none());
    }

    #[test]
    fn ancestry_and_prefixes() {
        let j = Jurisdictions::bundled();
        let wuhu = j.get("芜湖市").unwrap();
        let names: Vec<&str> = j.ancestry(wuhu).map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["芜湖市", "安徽省", "中华人民共和国"]);
        assert_eq!(wuhu.department_prefix(), Some("市"));
        assert_eq!(j.get("上海市").unwrap().department_prefix(), Some("市"));
        assert_eq!(j.get("安徽").unwrap().department_prefix(), Some("省"));
    }

    #[test]
    fn agencies_and_mentions() {
        let j = Jurisdictions::bundled();
        let of = |n: &str| j.of_agency(n).map(|j| j.name.as_str());
        assert_eq!(of("安徽省人民政府办公厅"), Some("安徽省"));
        assert_eq!(of("芜湖市人民政府"), Some("芜湖市"));
        assert_eq!(of("国务院"), Some("中华人民共和国"));
        assert_eq!(of("国务院办公厅"), Some("中华人民共和国"));
        assert_eq!(of("工业和信息化部办公厅"), Some("中华人民共和国"));
        assert_eq!(of("上海市人民代表大会常务委员会"), Some("上海市"));
        assert_eq!(of("省财政厅"), None);
        assert_eq!(of("市委组织部"), None);
        let text = "安徽省马鞍山市与芜湖、上海合作";
        let found: Vec<(&str, &str)> = j
            .mentions(text)
            .map(|(at, jj, len)| (&text[at..at + len], jj.name.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("安徽省", "安徽省"),
                ("马鞍山市", "马鞍山市"),
                ("芜湖", "芜湖市"),
                ("上海", "上海市")
            ]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut j = Jurisdictions::bundled();
        let err = j
            .extend_tsv(
                "name\tshort\tabbr\tlevel\tparent\n某市\t\t\tcity\t\n",
                "x.tsv",
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv:2: unknown level `city` (national, province, prefecture or county)"
        );
        let err = j
            .extend_tsv(
                "name\tshort\tabbr\tlevel\tparent\n某市\t\t\tprefecture\t某省\n",
                "y.tsv",
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("y.tsv:2: parent `某省`"));
    }
}
