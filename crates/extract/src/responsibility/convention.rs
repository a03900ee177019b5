//! The role convention of a document (declared first-listed, first listed, or joint) and the
//! roles it gives each name of a statement, resolved in the document's jurisdiction.

use policykg_ontology::{Jurisdiction, Ontology};

use super::{Mark, Statement};
use crate::model::{AgencyRole, Role, RoleBasis, RoleConvention, StatementStyle};

/// The document's convention, from all its statements.
pub fn convention<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> RoleConvention {
    let mut marks = false;
    for s in statements {
        if s.declares_first_listed {
            return RoleConvention::DeclaredFirstListed;
        }
        marks |= s.marks_lead;
    }
    if marks {
        RoleConvention::ExplicitMarks
    } else {
        RoleConvention::FirstListed
    }
}

/// The agencies of a statement with their roles, resolved in the document's jurisdiction.
pub fn roles(
    statement: &Statement,
    convention: RoleConvention,
    scope: Option<&Jurisdiction>,
    ontology: &Ontology,
) -> Vec<AgencyRole> {
    // A helped body ("A配合B处理": B) does the work: it leads where the document marks leads;
    // where it marks none it is read as any charged body, and the first-listed convention
    // decides ("村民委员会…依法协助乡镇人民政府、街道办事处做好…", dev 021b 第六条).
    let helped;
    let statement = if statement.items.iter().any(|i| i.mark == Mark::Helped) {
        let as_mark = match convention {
            RoleConvention::ExplicitMarks => Mark::Lead,
            _ => Mark::Responsible,
        };
        let mut s = statement.clone();
        for i in &mut s.items {
            if i.mark == Mark::Helped {
                i.mark = as_mark;
            }
        }
        helped = s;
        &helped
    } else {
        statement
    };
    let explicit_lead = statement
        .items
        .iter()
        .any(|i| matches!(i.mark, Mark::Lead | Mark::With));
    // Only 会同 leads: the first-listed reading still holds beside them.
    let only_with = !statement.items.iter().any(|i| i.mark == Mark::Lead);
    let prose = statement.style == StatementStyle::Prose;
    // The only body of a statement that is not marked as supporting is the one doing the
    // task: "A负责…，B配合" makes A lead. Named twice, or by its full name and then its short
    // one ("由区财政金融局统筹安排…，…配合区财金局…"), it is still the only one.
    let only_one = {
        // Bodies sharing a duty among themselves ("各成员单位要按照职责分工…") are not doing
        // the other's: "…。联席会议办公室要及时…通报" is still its only doer.
        let mut doers = statement
            .items
            .iter()
            .filter(|i| !matches!(i.mark, Mark::Support | Mark::Joint));
        match doers.next() {
            Some(first) => {
                // Compared where the memo keeps them: no copy of a name per doer.
                let first_r = crate::memo::resolved(ontology, &first.mention, scope);
                doers.all(|i| {
                    i.mention == first.mention
                        || crate::memo::resolved(ontology, &i.mention, scope).canonical
                            == first_r.canonical
                })
            }
            None => true,
        }
    };
    // Every body of the statement that is not supporting shares the duty by its own words.
    let only_joint = statement
        .items
        .iter()
        .filter(|i| i.mark != Mark::Support)
        .all(|i| i.mark == Mark::Joint);
    let mut first_responsible = true;
    let mut inherited: Option<String> = None;
    // In a document that marks leads, a lead makes the bodies named after it support; those
    // named before it in an earlier sentence are listed after no lead, so joint ("A、B等部门
    // 要…。C要发挥牵头作用，会同…"). A document that never marks one keeps its first-listed
    // reading.
    let first_lead = statement
        .items
        .iter()
        .filter(|i| matches!(i.mark, Mark::Lead | Mark::With))
        .map(|i| i.span.start)
        .min();
    let sentence_ends: Vec<usize> = statement
        .text
        .chars()
        .enumerate()
        .filter(|&(_, c)| matches!(c, '。' | '\n'))
        .map(|(i, _)| statement.span.start + i)
        .collect();
    let before_lead = |item: &super::Item| {
        convention == RoleConvention::ExplicitMarks
            && first_lead.is_some_and(|l| {
                sentence_ends.partition_point(|&e| e < item.span.start)
                    < sentence_ends.partition_point(|&e| e < l)
            })
    };
    // Prose of a document that marks leads: a body in a sentence holding no lead or 会同 of
    // the statement is not listed after one (gold README: "A body listed after an
    // explicit lead in the same clause stays support"; "各区、各部门…应当…" in a paragraph of
    // its own after "市审批改革部门应当会同…" is joint, corpus/extra 06a 第二十七条).
    let sentence_of = |at: usize| sentence_ends.partition_point(|&e| e < at);
    let apart_from_leads = |item: &super::Item| {
        prose
            && convention == RoleConvention::ExplicitMarks
            && !statement.items.iter().any(|l| {
                matches!(l.mark, Mark::Lead | Mark::With)
                    && sentence_of(l.span.start) == sentence_of(item.span.start)
            })
    };
    let alone = if prose && convention == RoleConvention::ExplicitMarks {
        sole_subjects(statement, &super::DutyWords::for_ontology(ontology))
    } else {
        vec![false; statement.items.len()]
    };
    let mut out = Vec::with_capacity(statement.items.len());
    for (k, item) in statement.items.iter().enumerate() {
        let (role, basis) = match item.mark {
            // Helped is mapped above.
            Mark::Lead | Mark::With | Mark::Helped => (Role::Lead, RoleBasis::Explicit),
            Mark::Support => (Role::Support, RoleBasis::Explicit),
            // A document that never marks a lead reads its first-listed body as the lead, and
            // a 会同 does not change that: "县级以上人民政府应当建立…。A等有关部门应当会同B…"
            // has two leads, the first listed and A.
            Mark::Responsible
                if explicit_lead && only_with && convention == RoleConvention::FirstListed =>
            {
                first_responsible = false;
                if k == 0 {
                    (Role::Lead, RoleBasis::FirstListed)
                } else {
                    (Role::Support, RoleBasis::FirstListed)
                }
            }
            // The sole subject of its own clause is charged alone with that duty, whatever
            // the task's other clauses name (gold README: "Sole subject of its own clause").
            Mark::Responsible if alone[k] => (Role::Lead, RoleBasis::Prose),
            Mark::Responsible | Mark::Joint
                if explicit_lead && !before_lead(item) && !apart_from_leads(item) =>
            {
                (Role::Support, RoleBasis::Explicit)
            }
            // "按照各自职责" with no lead named: joint. Beside another body charged in its own
            // words ("市建设行政主管部门负责…。市发展改革、财政等相关部门应当按照各自职责…"),
            // that body is the lead a document without marks reads first, and they support it.
            Mark::Joint if only_joint || convention == RoleConvention::ExplicitMarks => {
                (Role::Joint, RoleBasis::Joint)
            }
            Mark::Responsible | Mark::Joint => {
                let first = std::mem::replace(&mut first_responsible, false);
                match convention {
                    RoleConvention::DeclaredFirstListed if first => {
                        (Role::Lead, RoleBasis::DeclaredConvention)
                    }
                    RoleConvention::DeclaredFirstListed => {
                        (Role::Support, RoleBasis::DeclaredConvention)
                    }
                    RoleConvention::FirstListed if first => (Role::Lead, RoleBasis::FirstListed),
                    RoleConvention::FirstListed => (Role::Support, RoleBasis::FirstListed),
                    // A task's only body is the one doing it: nobody to be joint with.
                    RoleConvention::ExplicitMarks if only_one => (Role::Lead, RoleBasis::Joint),
                    RoleConvention::ExplicitMarks => (Role::Joint, RoleBasis::Joint),
                }
            }
        };
        // Prose roles are read, not labelled: say so whatever gave them.
        let basis = if prose { RoleBasis::Prose } else { basis };
        let own = crate::memo::resolved(ontology, &item.mention, scope);
        let r = match (&own.prefix, &inherited) {
            (None, Some(p)) if !item.mention.starts_with(p.as_str()) => {
                let with = crate::memo::resolved(ontology, &format!("{p}{}", item.mention), scope);
                if with.known
                    && !with.collective
                    && with.kind != policykg_ontology::AgencyKind::Central
                {
                    with
                } else {
                    own
                }
            }
            _ => own,
        };
        if let Some(p) = &r.prefix {
            inherited = Some(p.clone());
        }
        out.push(AgencyRole {
            name: r.canonical.clone(),
            mention: item.mention.clone(),
            role,
            basis,
            collective: r.collective,
            known: r.known,
            span: item.span,
            kind: r.kind,
            jurisdiction: r.jurisdiction.clone(),
            parent: r.parent.clone(),
        });
    }
    out
}

/// For each item of a prose statement, whether it is the only body of one of its clauses:
/// where it was read, or named again opening a clause ("…（A负责），A组织制定…"). Bodies in one
/// list (A、B和C要…), sharing one verb, or naming each other in one clause are not alone;
/// bodies charged in clauses of their own are not listed together, so none is joint with the
/// others.
fn sole_subjects(statement: &Statement, words: &super::DutyWords) -> Vec<bool> {
    let text = statement.text.as_str();
    let is_mark = |c: char| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？' | '\n');
    // Byte offset of each character of the statement, and one past the end.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte_at = |span_char: usize| {
        span_char
            .checked_sub(statement.span.start)
            .and_then(|c| bytes.get(c).copied())
    };
    let clause_start = |at: usize| {
        text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_mark(c))
            .map_or(0, |(b, c)| b + c.len_utf8())
    };
    let clause_end = |at: usize| text[at..].find(is_mark).map_or(text.len(), |e| at + e);
    let items = &statement.items;
    // Where each item was read, in bytes of the statement.
    let read: Vec<Option<(usize, usize)>> = items
        .iter()
        .map(|i| {
            byte_at(i.span.start)
                .zip(byte_at(i.span.end))
                .filter(|&(s, e)| s < e && e <= text.len())
        })
        .collect();
    // Another body is read in the clause of text[s..e], or named right beside it (a list: 、
    // 和 以及, at most two characters apart), or in a list running across its comma
    // ("A、B，C要…"). A body named further on in the clause is its object, not its partner
    // ("…办公室负责报送区财政金融局").
    let crowded = |k: usize, (s, e): (usize, usize)| {
        let (cs, ce) = (clause_start(s), clause_end(e));
        // Across a comma only: a body closing the sentence before is no partner ("…拨付至各乡镇。
        // 各乡镇政府负责分发…", dev 032 二).
        let before = text[..cs].strip_suffix(['，', ',']).unwrap_or_default();
        let after = text[ce..].strip_prefix(['，', ',']).unwrap_or_default();
        // Only a list's joint: "联席会议办公室设在教育部" names 教育部 as its verb's object.
        let near = |a: usize, b: usize| words.joins_list(&text[a..b]);
        items.iter().enumerate().any(|(j, other)| {
            let m = other.mention.as_str();
            if j == k || m == items[k].mention || m.is_empty() {
                return false;
            }
            let read_here =
                read[j].is_some_and(|(os, oe)| os >= cs && oe <= ce && (oe <= s || os >= e));
            let beside = text[cs..ce].match_indices(m).any(|(o, _)| {
                let (os, oe) = (cs + o, cs + o + m.len());
                (oe <= s && near(oe, s)) || (os >= e && near(e, os))
            });
            let across = (cs > 0 && cs == s && before.ends_with(m))
                || (ce < text.len() && ce == e && after.starts_with(m));
            read_here || beside || across
        })
    };
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let m = item.mention.as_str();
            let read = read[k];
            if read.is_some_and(|r| !crowded(k, r)) {
                return true;
            }
            !m.is_empty()
                && text.match_indices(m).any(|(o, _)| {
                    let e = o + m.len();
                    Some(o) != read.map(|r| r.0)
                        && clause_start(o) == o
                        // Not the head of a longer name of the statement ("政府" of "政府部门").
                        && !items
                            .iter()
                            .any(|i| i.mention.len() > m.len() && text[o..].starts_with(&i.mention))
                        && !crowded(k, (o, e))
                })
        })
        .collect()
}
