//! Jurisdictions (`ontology/jurisdictions*.tsv`): the country, provinces and cities a notice can
//! belong to, with the short names and 文号 abbreviations (皖 → 安徽省) that identify them.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use serde::Serialize;

use crate::tsv;
use crate::OntologyError;

const BUNDLED: &str = include_str!("../../../ontology/jurisdictions.tsv");
const COLUMNS: &[&str] = &["name", "short", "abbr", "level", "parent"];
const BUNDLED_SUFFIXES: &str = include_str!("../../../ontology/place-suffixes.tsv");
const SUFFIX_COLUMNS: &[&str] = &["suffix", "level", "prefix"];

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
    /// The prefixes its own departments carry, the usual one first (from
    /// `ontology/place-suffixes.tsv`).
    #[serde(skip)]
    prefixes: Vec<String>,
}

impl Jurisdiction {
    /// The prefix its own departments carry when the notice is local: 省 for a province, 市 for a
    /// city (including the four 直辖市), 县/区/自治县 for a county, none for the country.
    pub fn department_prefix(&self) -> Option<&str> {
        self.prefixes.first().map(String::as_str)
    }

    /// Whether its departments may carry `prefix` (a 自治县's take 自治县 or 县).
    pub fn has_department_prefix(&self, prefix: &str) -> bool {
        self.prefixes.iter().any(|p| p == prefix)
    }
}

/// One row of `ontology/place-suffixes.tsv`.
#[derive(Debug, Clone)]
struct Suffix {
    suffix: String,
    levels: Vec<Level>,
    prefixes: Vec<String>,
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
    /// The keys of `by_first` hashed into 1,024 bits: most characters of a text start no place
    /// name and are passed over without the hashed look-up ([`Jurisdictions::mentions`] runs
    /// over whole documents).
    first_bits: [u64; 16],
    /// Starts of central bodies' names that carry no place name (国务院, 国家发展改革委): the
    /// `central_prefix` words of `ontology/documents/words.tsv`.
    central_prefixes: Vec<String>,
    /// Place-name suffixes, longest first.
    suffixes: Vec<Suffix>,
    /// The department prefixes of every suffix, longest first, each once (asked for every
    /// name resolved, so kept rather than rebuilt).
    prefixes: Vec<String>,
}

/// The slot and bit of `c` in [`Jurisdictions`]'s first-character filter.
fn first_bit(c: char) -> (usize, u64) {
    let c = c as u32;
    (((c >> 6) & 15) as usize, 1 << (c & 63))
}

impl Jurisdictions {
    /// The table bundled in the binary.
    pub fn bundled() -> Jurisdictions {
        let mut j = Jurisdictions::default();
        j.extend_suffixes(BUNDLED_SUFFIXES, "ontology/place-suffixes.tsv")
            .expect("bundled ontology/place-suffixes.tsv is valid (checked by tests)");
        j.extend_tsv(BUNDLED, "ontology/jurisdictions.tsv")
            .expect("bundled ontology/jurisdictions.tsv is valid (checked by tests)");
        j.central_prefixes = crate::words::DocumentWords::bundled().central_prefixes;
        j
    }

    /// The starts of central bodies' names (kept in step with [`crate::Ontology::words`]).
    pub(crate) fn set_central_prefixes(&mut self, prefixes: Vec<String>) {
        self.central_prefixes = prefixes;
    }

    fn extend_suffixes(&mut self, text: &str, file: &str) -> Result<(), OntologyError> {
        for row in tsv::rows(text, file, SUFFIX_COLUMNS)? {
            let err = |message: String| OntologyError::Syntax {
                file: file.to_owned(),
                line: row.line,
                message,
            };
            let suffix = tsv::cell(&row, 0);
            if suffix.is_empty() {
                return Err(err("empty suffix".into()));
            }
            let levels = tsv::list(&row, 1)
                .map(|l| parse_level(l).map_err(&err))
                .collect::<Result<Vec<_>, _>>()?;
            if levels.is_empty() {
                return Err(err(format!("suffix `{suffix}` needs a level")));
            }
            self.suffixes.retain(|s| s.suffix != suffix);
            self.suffixes.push(Suffix {
                suffix: suffix.to_owned(),
                levels,
                prefixes: tsv::list(&row, 2).map(str::to_owned).collect(),
            });
        }
        self.suffixes
            .sort_by_key(|s| std::cmp::Reverse(s.suffix.chars().count()));
        let mut prefixes: Vec<String> = Vec::new();
        for p in self.suffixes.iter().flat_map(|s| &s.prefixes) {
            if !prefixes.contains(p) {
                prefixes.push(p.clone());
            }
        }
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        self.prefixes = prefixes;
        Ok(())
    }

    /// The suffix rule of a place name (the longest suffix shorter than the name).
    fn suffix_of(&self, name: &str) -> Option<&Suffix> {
        self.suffixes
            .iter()
            .find(|s| name.len() > s.suffix.len() && name.ends_with(s.suffix.as_str()))
    }

    /// The levels of the places whose departments carry `prefix` (县 → county; 市 → prefecture,
    /// county).
    pub fn prefix_levels<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = Level> + 'a {
        self.suffixes
            .iter()
            .filter(move |s| s.prefixes.iter().any(|p| p == prefix))
            .flat_map(|s| s.levels.iter().copied())
    }

    /// Every department prefix a place may carry (省, 市, 自治县 …), longest first.
    pub fn department_prefixes(&self) -> &[String] {
        &self.prefixes
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
            let level = parse_level(tsv::cell(&row, 3)).map_err(err)?;
            let parent = Some(tsv::cell(&row, 4))
                .filter(|p| !p.is_empty())
                .map(str::to_owned);
            if let Some(p) = &parent {
                if !self.by_name.contains_key(p) && p != name {
                    return Err(err(format!("parent `{p}` is not defined above this line")));
                }
            }
            let prefixes = self.prefixes_of(name, level);
            self.insert(Jurisdiction {
                name: name.to_owned(),
                short: tsv::list(&row, 1).map(str::to_owned).collect(),
                abbr: tsv::list(&row, 2).map(str::to_owned).collect(),
                level,
                parent,
                prefixes,
            });
        }
        Ok(())
    }

    fn prefixes_of(&self, name: &str, level: Level) -> Vec<String> {
        if level == Level::National {
            return Vec::new();
        }
        self.suffix_of(name)
            .map(|s| s.prefixes.clone())
            .unwrap_or_default()
    }

    /// The jurisdiction a document names (its metadata `jurisdiction`): the table's row, or for
    /// a place the table does not list (a county: 彭水苗族土家族自治县, 平潭综合实验区, 临安市) one
    /// derived from its name, so that 县发改局 or a bare 财政局 in its notice is its own body and
    /// not a province's. The derived place's level comes from its suffix
    /// (`ontology/place-suffixes.tsv`); its parent is a listed place starting its name
    /// (杭州市临安区), else the listed place `context` (the document's text) names most, a city
    /// of that province when one is named. `None` for no name, or a name with no known suffix.
    pub fn scope<'a>(&'a self, name: Option<&str>, context: &str) -> Option<Cow<'a, Jurisdiction>> {
        let name = name?.trim();
        if let Some(j) = self.get(name) {
            return Some(Cow::Borrowed(j));
        }
        let suffix = self.suffix_of(name)?;
        let parent = match self.prefix_of(name) {
            Some((p, len)) if len < name.chars().count() && p.level != Level::National => Some(p),
            _ => self.named_most(context),
        };
        let level = match parent {
            Some(p) => suffix.levels.iter().copied().find(|l| *l > p.level)?,
            None => suffix.levels[0],
        };
        Some(Cow::Owned(Jurisdiction {
            name: name.to_owned(),
            short: Vec::new(),
            abbr: Vec::new(),
            level,
            parent: parent.map(|p| p.name.clone()),
            prefixes: suffix.prefixes.clone(),
        }))
    }

    /// The province `text` names most (the first named on a tie), or the city of it named most
    /// when one is: the likely parent of a place the table does not list.
    fn named_most(&self, text: &str) -> Option<&Jurisdiction> {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for (_, j, _) in self.mentions(text) {
            if !matches!(j.level, Level::Province | Level::Prefecture) {
                continue;
            }
            let i = self.by_name[&j.name];
            match counts.iter_mut().find(|(k, _)| *k == i) {
                Some((_, n)) => *n += 1,
                None => counts.push((i, 1)),
            }
        }
        let most = |level: Level, parent: Option<&str>| {
            counts
                .iter()
                .filter(|(i, _)| {
                    self.list[*i].level == level
                        && parent.is_none_or(|p| self.list[*i].parent.as_deref() == Some(p))
                })
                .fold(None::<(usize, usize)>, |best, &(i, n)| match best {
                    Some((_, m)) if m >= n => best,
                    _ => Some((i, n)),
                })
                .map(|(i, _)| &self.list[i])
        };
        match most(Level::Province, None) {
            Some(p) => Some(most(Level::Prefecture, Some(&p.name)).unwrap_or(p)),
            None => most(Level::Prefecture, None),
        }
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
                let (slot, bit) = first_bit(first);
                self.first_bits[slot] |= bit;
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
        // Every name starts with a character of the filter: most texts start with none.
        let (slot, bit) = first_bit(text.chars().next()?);
        if self.first_bits[slot] & bit == 0 {
            return None;
        }
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
                let (slot, bit) = first_bit(c);
                let names = (self.first_bits[slot] & bit != 0)
                    .then(|| self.by_first.get(&c))
                    .flatten();
                if let Some(names) = names {
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

fn parse_level(level: &str) -> Result<Level, String> {
    Ok(match level {
        "national" => Level::National,
        "province" => Level::Province,
        "prefecture" => Level::Prefecture,
        "county" => Level::County,
        other => {
            return Err(format!(
                "unknown level `{other}` (national, province, prefecture or county)"
            ))
        }
    })
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
