//! The jurisdiction a text is about when nothing else says: the place it mentions most.

use std::collections::HashMap;

use policykg_ontology::{Level, MarkerMeaning, Ontology};

use crate::text::Text;

/// Place mentions are counted in this many bytes of text at most.
const MENTION_BYTES: usize = 256 * 1024;

/// The place most mentioned in the text, when clearly ahead of the others (a city counts for
/// its province too; the city is chosen over its province only when the province is never named).
pub(super) fn jurisdiction_from_body(t: &Text, ontology: &Ontology) -> Option<String> {
    let j = &ontology.jurisdictions;
    let mut text = t.norm_text();
    if text.len() > MENTION_BYTES {
        let mut cut = MENTION_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
    }
    let mut own: HashMap<&str, usize> = HashMap::new();
    let mut province: HashMap<&str, usize> = HashMap::new();
    for (_, place, _) in j.mentions(text) {
        if place.level == Level::National {
            continue;
        }
        *own.entry(place.name.as_str()).or_default() += 1;
        let prov = j
            .ancestry(place)
            .find(|a| a.level == Level::Province)
            .unwrap_or(place);
        *province.entry(prov.name.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = province.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (best, count) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1);
    if count < 2 || count < 2 * runner_up.max(1) && runner_up > 0 {
        return None;
    }
    if own.get(best).copied().unwrap_or(0) == 0 {
        // Only cities of that province are named: one city clearly ahead is the answer.
        let mut cities: Vec<(&str, usize)> = own
            .iter()
            .filter(|(name, _)| {
                j.get(name)
                    .is_some_and(|c| j.ancestry(c).any(|a| a.name == best))
            })
            .map(|(n, c)| (*n, *c))
            .collect();
        cities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if let [(city, c), rest @ ..] = cities.as_slice() {
            if rest.is_empty() || *c >= 2 * rest[0].1 {
                return Some((*city).to_owned());
            }
        }
    }
    Some(best.to_owned())
}

/// The place an issuer belongs to when the jurisdiction table does not list it: the start of
/// the name up to a level word of `ontology/documents/words.tsv` (市, 县, 区 …), followed by a
/// body's name ("平潭综合实验区管委会办公室" → 平潭综合实验区, "彭水苗族土家族自治县人民代表大会
/// 常务委员会" → 彭水苗族土家族自治县). A listed place before it is passed over, so that the most
/// specific area is found ("福建省平潭综合实验区…"). Self-references ("市政府") name no place.
pub(super) fn unlisted_place(issuer: &str, ontology: &Ontology) -> Option<String> {
    let j = &ontology.jurisdictions;
    let rest = match j.prefix_of(issuer) {
        Some((_, n)) => {
            let at = issuer
                .char_indices()
                .nth(n)
                .map_or(issuer.len(), |(i, _)| i);
            &issuer[at..]
        }
        None => issuer,
    };
    if rest.starts_with(|c: char| ontology.words.level_words.iter().any(|w| w.starts_with(c))) {
        return None;
    }
    let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    for (n, &end) in ends.iter().enumerate() {
        if n < 1 {
            continue;
        }
        let place = &rest[..end];
        let Some(level) = ontology
            .words
            .level_words
            .iter()
            .find(|w| place.ends_with(w.as_str()))
        else {
            continue;
        };
        let stem = &place[..place.len() - level.len()];
        // One character before the level word: a county's name (歙县) or the start of a longer
        // one (温州市).
        if n < 2 {
            // "全县各乡镇人民政府", "本县…": some county or other, and no place after it.
            if ontology.words.not_place_stems.iter().any(|s| s == stem) {
                return None;
            }
            if short_place(stem, level, ontology) {
                let body = &rest[end..];
                if crate::agency::looks_like_agency(body, ontology) {
                    return Some(place.to_owned());
                }
            }
            continue;
        }
        if !place_stem(stem, ontology) {
            return None;
        }
        let body = &rest[end..];
        // "景德镇市人民政府": a township's level word (镇) inside a city's name, the city's own
        // level word right after it.
        let township = |w: &str| ontology.words.township_words.iter().any(|t| t == w);
        if township(level) {
            if let Some(next) = ontology
                .words
                .level_words
                .iter()
                .find(|w| body.starts_with(w.as_str()) && !township(w))
            {
                let (place, body) = rest.split_at(end + next.len());
                return crate::agency::looks_like_agency(body, ontology).then(|| place.to_owned());
            }
        }
        return crate::agency::looks_like_agency(body, ontology).then(|| place.to_owned());
    }
    None
}

/// The unlisted place a title opens with before a calendar year, with no body named: a county's
/// work list or plan titled by its place ("于都县2023年县域商业体系建设工作任务清单" → 于都县). A
/// listed place before it is passed over, as in [`unlisted_place`].
pub(super) fn place_before_year(title: &str, ontology: &Ontology) -> Option<String> {
    let digit = title.find(|c: char| c.is_ascii_digit())?;
    let year = title[digit..].get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) || !title[digit + 4..].starts_with('年') {
        return None;
    }
    let head = title[..digit].trim();
    let mut rest = head;
    // "安徽省芜湖市湾沚区": every listed place before it
    while let Some((_, n)) = ontology
        .jurisdictions
        .prefix_of(rest)
        .filter(|&(_, n)| n > 0)
    {
        rest = &rest[rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i)..];
    }
    let level = ontology
        .words
        .level_words
        .iter()
        .find(|w| rest.ends_with(w.as_str()))?;
    let stem = &rest[..rest.len() - level.len()];
    (place_stem(stem, ontology) || short_place(stem, level, ontology))
        .then(|| head[head.len() - rest.len()..].to_owned())
}

/// Whether `stem`, one character, may be a place's name before `level`: a county's (歙县), not a
/// word for some county or other (本县, 全县, 各县).
fn short_place(stem: &str, level: &str, ontology: &Ontology) -> bool {
    let w = &ontology.words;
    stem.chars().count() == 1
        && stem.chars().all(crate::docnum::is_han)
        && w.short_place_levels.iter().any(|l| l == level)
        && !w.not_place_stems.iter().any(|s| s == stem)
}

/// Whether `stem` may be a place's name before its level word: two Han characters at least, no
/// central prefix ("国家市场监督管理总局" names no city 国家市) and no agency marker inside.
fn place_stem(stem: &str, ontology: &Ontology) -> bool {
    stem.chars().count() >= 2
        && stem.chars().all(crate::docnum::is_han)
        && !ontology.words.central_prefixes.iter().any(|w| w == stem)
        && !ontology
            .gazetteer
            .markers(MarkerMeaning::Agency)
            .any(|m| stem.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(issuer: &str) -> Option<String> {
        unlisted_place(issuer, Ontology::bundled())
    }

    #[test]
    fn a_township_level_word_inside_a_city_s_name() {
        assert_eq!(place("景德镇市人民政府办公室").as_deref(), Some("景德镇市"));
        assert_eq!(place("某某县某某镇人民政府").as_deref(), Some("某某县"));
    }

    #[test]
    fn places_titling_a_year_s_work() {
        let o = Ontology::bundled();
        let p = |t: &str| place_before_year(t, o);
        assert_eq!(
            p("于都县2023年县域商业体系建设工作任务清单").as_deref(),
            Some("于都县")
        );
        assert_eq!(
            p("安徽省芜湖市湾沚区2024年重点工作").as_deref(),
            Some("湾沚区")
        );
        assert_eq!(p("全省2023年重点工作任务清单"), None);
        assert_eq!(p("国家市场监督管理总局2023年立法工作计划"), None);
        assert_eq!(p("关于做好2023年春季农业生产工作的通知"), None);
    }

    #[test]
    fn counties_of_one_character() {
        assert_eq!(place("歙县人民政府办公室").as_deref(), Some("歙县"));
        assert_eq!(place("泾县财政局").as_deref(), Some("泾县"));
        assert_eq!(
            place_before_year("黟县2024年重点工作任务清单", Ontology::bundled()).as_deref(),
            Some("黟县")
        );
        // Words for some county, and a city whose name holds a level word's character.
        assert_eq!(place("本县人民政府"), None);
        assert_eq!(place("全县各乡镇人民政府"), None);
        assert_eq!(place("温州市人民政府").as_deref(), Some("温州市"));
    }

    #[test]
    fn central_bodies_name_no_place() {
        // corpus/dev/055: issued by 国家市场监督管理总局, not by a city called 国家市.
        assert_eq!(place("国家市场监督管理总局"), None);
    }

    #[test]
    fn unlisted_places_of_issuers() {
        // Issuers of corpus/dev/039, 033 and 053.
        assert_eq!(
            place("平潭综合实验区管委会办公室").as_deref(),
            Some("平潭综合实验区")
        );
        assert_eq!(place("新余市人民政府办公室").as_deref(), Some("新余市"));
        assert_eq!(
            place("彭水苗族土家族自治县人民代表大会").as_deref(),
            Some("彭水苗族土家族自治县")
        );
        // A listed province with no place after it, self-references and central bodies.
        assert_eq!(place("江西省人民政府办公厅"), None);
        assert_eq!(place("江西省市场监督管理局"), None);
        assert_eq!(place("市政府办公室"), None);
        assert_eq!(place("国务院办公厅"), None);
    }
}
