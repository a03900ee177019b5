//! Duty clauses of regulations and prose notices: the public bodies a clause makes its subject.
//!
//! A clause (between ，；。) names bodies when it opens with a list of bodies followed by a duty
//! cue ("县级以上人民政府应当…", "市交通主管部门负责…"), or when 由 introduces them ("规划由自治县
//! 旅游主管部门组织编制"). The whole subject must read as bodies, or the clause names none: that
//! is what keeps "要合理设置…" and "鼓励企业…" out. "A会同B" makes A lead and B support;
//! "B配合 / 协助 / 参与" makes B support.
//!
//! Lists sharing a head are split, one name per body, with the head and the scope restored:
//! "县级以上人民政府农业农村、生态环境等有关主管部门" → 县级以上人民政府农业农村主管部门,
//! 县级以上人民政府生态环境主管部门; "X及其有关部门" → X, X有关部门. A restored name keeps the
//! span of its piece as written. Market players, persons and associations (企业, 经营者, 协会,
//! 公民) are bodies of the list but not public ones: they are dropped.
//!
//! The words are `ontology/lexicon/duty_cues.tsv`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use policykg_ontology::{Jurisdiction, Lexicon, Ontology};

use super::super::list::{is_close, is_open, pieces};
use super::super::{Mark, MAX_NAME};
use crate::words::{holds_char, CharSet, WordList};
use policykg_text::numeral;

/// The longest subject searched for a cue, in characters: a State Council notice lists up to
/// sixteen departments before their shared head (国发〔2019〕5号).
const MAX_SUBJECT: usize = 120;

/// The longest department name, in characters, read after the government that scopes it
/// ("县级以上人民政府 | 卫生健康主管部门"); a longer run is a clause of its own
/// ("…人民政府指定本级经济和信息化主管部门").
const MAX_DEPARTMENT: usize = 10;

/// The longest place and office after a body's name, in characters ("在沪机构", "在京分支机构").
const MAX_LOCATED: usize = 8;

/// The longest unlisted name read as a subject standing alone before a comma, in characters.
const MAX_ALONE: usize = 12;

/// The most clauses a series of open lists sharing one cue runs over ([`Reader::series_cue`]).
const MAX_SERIES: usize = 4;

/// The characters that split a subject into pieces wherever they stand (besides white space and
/// the conjunctions): the list's separators, brackets, and the 等 closing an open list.
const LIST_MARKS: [char; 19] = [
    '、', '，', ',', '；', ';', '。', '等', '（', '(', '〔', '[', '【', '［', '）', ')', '〕', ']',
    '】', '］',
];

/// The fewest characters of a verb and its object between a subject's modal and a support verb
/// that give the support verb a subject of its own ([`Reader::verb_with_object`]).
const MIN_VERB_OBJECT: usize = 4;

/// One body a clause names: byte range of the piece as written in the text, the name (with
/// head and scope restored), and its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Named {
    pub start: usize,
    pub end: usize,
    pub mention: String,
    pub mark: Mark,
    /// Byte offset just after the cue that made the body responsible.
    pub cue_end: usize,
    /// Marked as leading by a lead cue (牵头), not only by 会同.
    pub marked_lead: bool,
}

/// `names` (start, end, mention) as bodies with `mark`, made responsible by the cue ending at
/// `cue_end`; `None` when there are none.
fn named(names: Vec<(usize, usize, String)>, mark: Mark, cue_end: usize) -> Option<Vec<Named>> {
    let named: Vec<Named> = names
        .into_iter()
        .map(|(start, end, mention)| Named {
            start,
            end,
            mention,
            mark,
            cue_end,
            marked_lead: false,
        })
        .collect();
    (!named.is_empty()).then_some(named)
}

/// `text` without the count opening it ("3个部门" → 部门, "五个乡镇" → 乡镇).
fn strip_count(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(numeral::is_numeral_char).len();
    match text[digits..].strip_prefix('个') {
        Some(rest) if digits > 0 => rest,
        _ => text,
    }
}

/// The duty-clause words of `ontology/lexicon/duty_cues.tsv`, each list longest first, with
/// their automata: built once per ontology and thread ([`DutyWords::for_ontology`]), since the
/// prose reader runs on every item without a statement and asks them at every character.
pub(crate) struct DutyWords {
    with: WordList,
    support: WordList,
    lead: WordList,
    lead_noun: WordList,
    /// Modal verbs ("应当", "不得"): opening a clause, they charge the bodies that open the
    /// clause before, even with a verb phrase after them.
    modal: WordList,
    /// Marks the subject as leading wherever it stands in the subject's clause ("地方政府对…负
    /// 主要责任"): the duty itself says whose it mainly is.
    lead_clause: WordList,
    /// The duty is shared by the subject's bodies ("按照各自职责"), near the cue or in it.
    joint: WordList,
    passive: WordList,
    /// Passive prepositions whose bodies need a duty cue after them ("经A组织论证"), since
    /// "经A批准" only names who approves.
    passive_cue_only: WordList,
    not_passive: WordList,
    /// Words holding a `not_passive` word whose preposition is still one (管理由).
    still_passive: WordList,
    /// Per passive preposition (and 由): where it stands in the `not_passive` and the
    /// `still_passive` words, as (word, byte offset), found once rather than at each 由 read.
    passive_inside: Vec<(String, Inside, Inside)>,
    conjunction: WordList,
    own: WordList,
    /// Words that open with an `own` word but read as a conjunction and a collective (及其他).
    not_own: WordList,
    /// Governments whose "有关部门" after a plain conjunction are their own ("县级以上人民政府及
    /// 有关部门" → 县级以上人民政府有关部门), as with 及其.
    owner: WordList,
    /// The conjunctions that read as 及其 between an owner and its 有关部门 (及, not 和).
    own_loose: WordList,
    heads: WordList,
    not_agency: WordList,
    weak_suffix: WordList,
    mechanism_verb: WordList,
    township_suffix: WordList,
    not_township_stem: WordList,
    not_township_start: WordList,
    not_township_end: WordList,
    scope_prefix: WordList,
    scope_blocker: WordList,
    skip: WordList,
    not_name_start: WordList,
    /// Heads that name no particular body on their own ("经部门负责人同意" → 部门).
    bare_head: WordList,
    scope_attribute: WordList,
    by_not_duty: WordList,
    possessive: WordList,
    not_possessive: WordList,
    enterprise_joined: WordList,
    public_institution: WordList,
    by_sanction: WordList,
    not_name_end: WordList,
    staff: WordList,
    drawn_people: WordList,
    support_adverb: WordList,
    support_preposition: WordList,
    /// A support verb whose object is the body helped, which does the work ("A配合B处理").
    helps: WordList,
    support_noun: WordList,
    /// "X在沪机构": `located` opens the place of a body's office, `branch` closes it.
    located: WordList,
    branch: WordList,
    /// What a body does, opening a list item's verb phrase ("做好", "开展"): no body's name.
    object_verb: WordList,
    needs_head: WordList,
    /// A listed body's name that takes the head a list of two or more shares, written whole
    /// ("…、海关、税务等部门" → 海关部门), not the class closing an open list ("海关等有关单位").
    needs_list_head: WordList,
    clause_word: WordList,
    relative: WordList,
    /// Opens a relative clause that describes whoever fits it ("被授予专利权的单位").
    describing: WordList,
    /// The collective prefixes dropped before a shared head (有关, 相关, 其他).
    collective: WordList,
    /// Verbs that open a heading or a clause, never a name (the gazetteer's `verb` markers).
    verb: WordList,
    /// Ends of a time clause whose subject is the next clause's (the `sequel` markers: 后).
    sequel: WordList,
    /// The cues in the order they are tried (with, lead, support, duty), and what each says.
    cues: WordList,
    cue_kinds: Vec<Cue>,
    /// Words opening with a cue that are no cue (应急 of 应急管理部门).
    not_cue: WordList,
    /// Duty cues that also occur inside bodies' names (审批 of 审批改革部门, 监督 of
    /// 市场监督管理部门).
    in_name: WordList,
    /// "报X批准": the words that send a matter up to X, and the approval that closes them.
    report_to: WordList,
    approval: WordList,
    /// "上报X直接予以审批": adverbs that may stand between X and its approval.
    approval_adverb: WordList,
    /// The with, lead and support cues: a name holding one is a verb phrase.
    role_cues: WordList,
    /// Duty cues and verbs that cannot stand inside a name, of two characters or more and not
    /// among the `in_name` words.
    verbs_inside: WordList,
    /// The scope prefixes of two characters or more, every occurrence reported (overlapping).
    scopes_inside: AhoCorasick,
    /// First characters of the cues ([`DutyWords::cue`] is asked at every character of a
    /// clause; most start no cue).
    cue_starts: CharSet,
    /// Last characters of these words: with the gazetteer's, what a subject can end with.
    ends: CharSet,
    /// First characters of the passive prepositions (由), looked for at every character.
    passive_starts: CharSet,
    /// What can split a subject into pieces: the list's separators, brackets, 等 and the first
    /// characters of the conjunctions and `own` words. A subject holding none (and no white
    /// space) is one piece, read as one name ([`Reader::read_names`]).
    list_breaks: CharSet,
    /// The list's separators, brackets and 等 of `list_breaks`, without the conjunctions' first
    /// characters: those split a subject only where a whole conjunction or `own` word starts
    /// (以 of 以及 does not split "申请人可以"; see [`Reader::may_split`]).
    list_marks: CharSet,
    /// Whether some conjunction or `own` word is empty (it would split anywhere): then no
    /// subject is read as one name without the list's reading.
    empty_joiner: bool,
    /// The deadline words that close a date opening a clause ("2019年6月底前各省份要…"):
    /// `period_end` (底) and `before` (前) of `deadline_cues.tsv`.
    date_period_end: WordList,
    date_before: WordList,
    /// Words holding 等 that close no open list (高等院校).
    not_etc: WordList,
    /// Nouns holding a body's head that name no body (政府采购): no name ends inside one.
    compound: WordList,
    /// The words opening a short form's bracket (以下简称): see [`DutyWords::short_form_in`].
    short_form: WordList,
    /// What, right after a body opening its sentence, says it is no actor there ("…确定的部门",
    /// "…所在地"): see [`Reader::opening_actor`].
    not_acting: WordList,
    modifier: WordList,
    field_word: WordList,
    scope_field: WordList,
    group_class: WordList,
    /// Cues opening an adverbial whose verb may stand in the next clause (在…下，做好…).
    adverbial: WordList,
}

/// The markers the duty words take from the gazetteer: the collective ones (of two characters
/// or more), the verbs and the sequels.
fn gazetteer_markers(ontology: &Ontology) -> [Vec<String>; 3] {
    MARKER_MEANINGS.map(|(meaning, min_chars)| {
        ontology
            .gazetteer
            .markers(meaning)
            .filter(|m| m.chars().count() >= min_chars)
            .map(str::to_owned)
            .collect()
    })
}

/// The gazetteer markers the duty words are built from, with the fewest characters one may
/// have: collective markers of one character are left out.
const MARKER_MEANINGS: [(policykg_ontology::MarkerMeaning, usize); 3] = [
    (policykg_ontology::MarkerMeaning::Collective, 2),
    (policykg_ontology::MarkerMeaning::Verb, 1),
    (policykg_ontology::MarkerMeaning::Sequel, 1),
];

/// Whether `known` are `ontology`'s markers still: compared in place, since the duty words are
/// asked for by every statement read (collecting the markers each time was 1.5 % of a run).
fn same_markers(known: &[Vec<String>; 3], ontology: &Ontology) -> bool {
    known
        .iter()
        .zip(MARKER_MEANINGS)
        .all(|(known, (meaning, min_chars))| {
            known.iter().map(String::as_str).eq(ontology
                .gazetteer
                .markers(meaning)
                .filter(|m| m.chars().count() >= min_chars))
        })
}

/// Duty words with what they were built from: the lexicon (kept alive, so its address is not
/// reused by another) and the gazetteer's collective markers.
type Built = (Arc<Lexicon>, [Vec<String>; 3], Rc<DutyWords>);

/// (word index, byte offset) of a preposition inside the words of a list.
type Inside = Vec<(usize, usize)>;

/// Where `p` occurs in `w`, as `w.match_indices(p)` finds it (left to right, not overlapping)
/// without building a string searcher per word: the words are a few characters long.
fn offsets_in<'w>(w: &'w str, p: &'w str) -> impl Iterator<Item = usize> + 'w {
    let (wb, pb) = (w.as_bytes(), p.as_bytes());
    let mut k = 0;
    std::iter::from_fn(move || {
        if pb.is_empty() {
            // An empty pattern matches at every character boundary, as `match_indices`'s does.
            let at = k;
            if at > wb.len() {
                return None;
            }
            k += w[at..].chars().next().map_or(1, char::len_utf8);
            return Some(at);
        }
        while k + pb.len() <= wb.len() {
            if wb[k..].starts_with(pb) {
                let at = k;
                k += pb.len();
                return Some(at);
            }
            k += 1;
        }
        None
    })
}

thread_local! {
    /// The duty words of the last ontology used on this thread.
    static CACHED: RefCell<Option<Built>> = const { RefCell::new(None) };
}

impl DutyWords {
    /// Whether `text` may send a matter up for approval ([`Reader::approvers`]): it holds the
    /// first character of a `report_to` word (报). Most texts hold none, and a search for each
    /// such character once per text is cheaper than a test at every character of each clause.
    pub fn may_report(&self, text: &str) -> bool {
        self.report_to
            .first_chars()
            .iter()
            .any(|&f| holds_char(text, f))
    }

    /// Whether a prose subject names people drawn from the bodies it lists, not the bodies
    /// (`drawn_people`: "办公室成员由A、B…有关人员组成").
    pub fn names_people(&self, subject: &str) -> bool {
        self.drawn_people.ends(subject.trim_end()).is_some()
    }

    /// Whether the preposition `p` at byte `at` of `s` is part of a word that is no preposition
    /// (经济, 由于 …): such a word holds `p` at some offset, so it is there around `at`.
    pub(super) fn not_passive_at(&self, s: &str, at: usize, p: &str) -> bool {
        if let Some((_, not, still)) = self.passive_inside.iter().find(|(q, _, _)| q == p) {
            let holds = |inside: &Inside, list: &WordList| {
                inside.iter().any(|&(w, k)| {
                    let w = list.words()[w].as_str();
                    k <= at && s.get(at - k..).is_some_and(|t| t.starts_with(w))
                })
            };
            return holds(not, &self.not_passive) && !holds(still, &self.still_passive);
        }
        let holds = |list: &WordList| {
            list.words().iter().any(|w| {
                offsets_in(w, p)
                    .any(|k| k <= at && s.get(at - k..).is_some_and(|t| t.starts_with(w.as_str())))
            })
        };
        // "登记管理由省级登记机关负责": 管理 then 由, though 理由 is a word.
        holds(&self.not_passive) && !holds(&self.still_passive)
    }

    /// Whether `s` holds a passive preposition as a preposition: "由区经济发展局" does (its
    /// 经济 is no preposition, its 由 is), "经济发展局" does not.
    fn holds_passive(&self, s: &str) -> bool {
        s.match_indices(|c: char| self.passive_starts.contains(&c))
            .any(|(i, _)| {
                self.passive
                    .starts(&s[i..])
                    .is_some_and(|p| !self.not_passive_at(s, i, p))
            })
    }

    /// The duty words of `ontology`, built on this thread's first use of its lexicon and
    /// gazetteer markers.
    pub(crate) fn for_ontology(ontology: &Ontology) -> Rc<DutyWords> {
        CACHED.with(|c| {
            if let Some((lexicon, known, words)) = &*c.borrow() {
                if Arc::ptr_eq(lexicon, &ontology.lexicon) && same_markers(known, ontology) {
                    return Rc::clone(words);
                }
            }
            let markers = gazetteer_markers(ontology);
            let words = Rc::new(DutyWords::new(ontology, markers.clone()));
            *c.borrow_mut() = Some((Arc::clone(&ontology.lexicon), markers, Rc::clone(&words)));
            words
        })
    }

    fn new(ontology: &Ontology, [collective, verb, sequel]: [Vec<String>; 3]) -> Self {
        let cues = &ontology.lexicon.duty;
        let words = |role: &str| -> Vec<String> {
            cues.role(role)
                .iter()
                .map(|w| w.iter().collect::<String>())
                .collect()
        };
        let ends = cues
            .roles()
            .flat_map(|(_, list)| list.iter().filter_map(|w| w.last().copied()))
            .collect();
        let mut all_cues = Vec::new();
        let mut cue_kinds = Vec::new();
        for (role, kind) in [
            ("with", Cue::With),
            ("lead", Cue::Lead),
            ("support", Cue::Support),
            ("duty", Cue::Duty),
        ] {
            for w in words(role) {
                all_cues.push(w);
                cue_kinds.push(kind);
            }
        }
        let in_name = words("in_name");
        let verbs_inside = [words("duty"), words("not_name_start")]
            .into_iter()
            .flatten()
            .filter(|c| c.chars().count() > 1 && !in_name.contains(c))
            .collect();
        let scopes_inside: Vec<String> = words("scope_prefix")
            .into_iter()
            .filter(|p| p.chars().count() > 1)
            .collect();
        let scopes_inside = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&scopes_inside)
            .expect("word lists are far below the automaton's size limits");
        let list = |role: &str| WordList::new(words(role));
        let deadline = |role: &str| {
            WordList::new(
                ontology
                    .lexicon
                    .deadline
                    .role(role)
                    .iter()
                    .map(|w| w.iter().collect::<String>())
                    .collect(),
            )
        };
        DutyWords {
            date_period_end: deadline("period_end"),
            date_before: deadline("before"),
            not_etc: list("not_etc"),
            compound: list("compound"),
            short_form: list("short_form"),
            not_acting: list("not_acting"),
            modifier: list("modifier"),
            field_word: list("field_word"),
            scope_field: list("scope_field"),
            group_class: list("group_class"),
            adverbial: list("adverbial"),
            ends,
            cue_starts: all_cues.iter().filter_map(|w| w.chars().next()).collect(),
            role_cues: WordList::new(
                ["with", "lead", "support"]
                    .into_iter()
                    .flat_map(words)
                    .collect(),
            ),
            verbs_inside: WordList::new(verbs_inside),
            scopes_inside,
            cues: WordList::new(all_cues),
            cue_kinds,
            not_cue: list("not_cue"),
            with: list("with"),
            support: list("support"),
            lead: list("lead"),
            lead_noun: list("lead_noun"),
            modal: list("modal"),
            lead_clause: list("lead_clause"),
            joint: list("joint"),
            passive_starts: words("passive")
                .iter()
                .filter_map(|w| w.chars().next())
                .collect(),
            list_breaks: ["conjunction", "own"]
                .into_iter()
                .flat_map(words)
                .filter_map(|w| w.chars().next())
                .chain(LIST_MARKS)
                .collect(),
            list_marks: LIST_MARKS.into_iter().collect(),
            empty_joiner: ["conjunction", "own"]
                .into_iter()
                .flat_map(words)
                .any(|w| w.is_empty()),
            passive: list("passive"),
            passive_cue_only: list("passive_cue_only"),
            not_passive: list("not_passive"),
            in_name: list("in_name"),
            report_to: list("report_to"),
            approval: list("approval"),
            approval_adverb: list("approval_adverb"),
            still_passive: list("still_passive"),
            passive_inside: {
                let inside = |p: &str, role: &str| -> Inside {
                    words(role)
                        .iter()
                        .enumerate()
                        .flat_map(|(i, w)| offsets_in(w, p).map(|k| (i, k)).collect::<Vec<_>>())
                        .collect()
                };
                let mut ps = words("passive");
                ps.push("由".to_owned());
                ps.dedup();
                ps.into_iter()
                    .map(|p| {
                        let (not, still) = (inside(&p, "not_passive"), inside(&p, "still_passive"));
                        (p, not, still)
                    })
                    .collect()
            },
            conjunction: list("conjunction"),
            own: list("own"),
            not_own: list("not_own"),
            owner: list("owner"),
            own_loose: list("own_loose"),
            heads: list("body_head"),
            not_agency: list("not_agency"),
            weak_suffix: list("weak_suffix"),
            mechanism_verb: list("mechanism_verb"),
            township_suffix: list("township_suffix"),
            not_township_stem: list("not_township_stem"),
            not_township_start: list("not_township_start"),
            not_township_end: list("not_township_end"),
            scope_prefix: list("scope_prefix"),
            scope_blocker: list("scope_blocker"),
            skip: list("skip"),
            not_name_start: list("not_name_start"),
            bare_head: list("bare_head"),
            scope_attribute: list("scope_attribute"),
            by_not_duty: list("by_not_duty"),
            possessive: list("possessive"),
            not_possessive: list("not_possessive"),
            enterprise_joined: list("enterprise_joined"),
            public_institution: list("public_institution"),
            by_sanction: list("by_sanction"),
            not_name_end: list("not_name_end"),
            staff: list("staff"),
            drawn_people: list("drawn_people"),
            support_adverb: list("support_adverb"),
            support_preposition: list("support_preposition"),
            helps: list("helps"),
            support_noun: list("support_noun"),
            located: list("located"),
            branch: list("branch"),
            object_verb: list("object_verb"),
            needs_head: list("needs_head"),
            needs_list_head: list("needs_list_head"),
            clause_word: list("clause_word"),
            relative: list("relative"),
            describing: list("describing"),
            collective: WordList::new(collective),
            verb: WordList::new(verb),
            sequel: WordList::new(sequel),
        }
    }

    /// Whether byte `at` of `s` lies inside a word of `list` as written there: at any offset
    /// of it, or (`strict`) past its first character (a name ending at `at` ends inside it).
    fn within(list: &WordList, s: &str, at: usize, strict: bool) -> bool {
        list.words().iter().any(|w| {
            w.char_indices().any(|(k, _)| {
                (k > 0 || !strict)
                    && k <= at
                    && s.get(at - k..).is_some_and(|t| t.starts_with(w.as_str()))
            })
        })
    }

    /// Whether `gap`, between two names, joins them in one list: nothing, 、, a conjunction
    /// (和, 以及) or 及其.
    /// Whether `rest` opens with a plain duty cue ("负责…"): a clause with no subject of its own.
    pub(crate) fn opens_with_duty(&self, rest: &str) -> bool {
        self.cue(rest).is_some_and(|(_, kind)| kind == Cue::Duty)
    }

    /// Whether `before`, the words of a clause before the bodies a 牵头 names, hold a verb that
    /// builds a standing mechanism ("本市建立X和Y共同牵头、…参加的…机制").
    pub(crate) fn builds_mechanism(&self, before: &str) -> bool {
        self.mechanism_verb.in_text(before)
    }

    /// Whether `rest`, the text right after a 牵头, makes it a noun ("牵头工作"): the subject
    /// leads its own part only, and the document does not mark leads.
    pub(crate) fn lead_noun_at(&self, rest: &str) -> bool {
        self.lead_noun.starts(rest).is_some()
    }

    pub(crate) fn joins_list(&self, gap: &str) -> bool {
        let gap = gap.trim();
        gap.is_empty() || gap == "、" || self.conjunction.is_word(gap) || self.own.is_word(gap)
    }

    /// Whether `s` holds the 等 of an open list, not one inside a word (高等院校).
    fn holds_etc(&self, s: &str) -> bool {
        s.match_indices('等')
            .any(|(i, _)| !Self::within(&self.not_etc, s, i, false))
    }

    /// The first 等 of `s` that closes an open list.
    fn first_etc(&self, s: &str) -> Option<usize> {
        s.match_indices('等')
            .map(|(i, _)| i)
            .find(|&i| !Self::within(&self.not_etc, s, i, false))
    }

    /// The short form a bracket's inside gives ("以下简称“联席会议”）…" → 联席会议): its byte
    /// range in `inside`, quotes left out.
    fn short_form_in(&self, inside: &str) -> Option<(usize, usize)> {
        let w = self.short_form.starts(inside)?;
        let mut from = w.len();
        let rest = &inside[from..];
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '“' | '"' | '「' | '‘'));
        if let Some(q) = quote {
            from += q.len_utf8();
        }
        let rest = &inside[from..];
        let len = rest.find(|c: char| {
            is_close(c) || matches!(c, '”' | '"' | '」' | '’' | '，' | '、' | '。' | '；' | '《')
        })?;
        let n = rest[..len].chars().count();
        (2..=MAX_ALONE * 2)
            .contains(&n)
            .then_some((from, from + len))
    }

    /// The short forms a document defines in brackets ("（以下简称联席会议）"), each once, when
    /// the name defined or the short form reads as a public body's ("职业教育培训评价组织（以下简称
    /// 培训评价组织）" names none).
    pub(crate) fn short_forms(&self, text: &str, ontology: &Ontology) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // Most documents define none: one search for the words instead of a look at every
        // bracket.
        let holds = |w: &String| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some();
        if !self.short_form.words().iter().any(holds) {
            return out;
        }
        let reader = Reader {
            text,
            scope: None,
            ontology,
            words: self,
            short_forms: Rc::from([]),
        };
        for (i, c) in text.match_indices(is_open) {
            let inside = &text[i + c.len()..];
            let Some((s, e)) = self.short_form_in(inside) else {
                continue;
            };
            let form = &inside[s..e];
            if out.iter().any(|f| f == form) {
                continue;
            }
            // The name defined: some end of the words before the bracket, within a clause.
            let before = &text[..i];
            let clause = before
                .rfind(['，', '。', '；', '：', '、', '\n'])
                .map_or(0, |k| {
                    k + before[k..].chars().next().map_or(0, char::len_utf8)
                });
            let defined = before[clause..]
                .char_indices()
                .rev()
                .take(MAX_NAME)
                .any(|(k, _)| reader.kind(&before[clause + k..], false) == Kind::Public);
            if defined || reader.kind(form, false) == Kind::Public {
                out.push(form.to_owned());
            }
        }
        out
    }

    /// The cue starting `rest`, with its length.
    fn cue(&self, rest: &str) -> Option<(usize, Cue)> {
        if !rest
            .chars()
            .next()
            .is_some_and(|c| self.cue_starts.contains(&c))
        {
            return None;
        }
        // "应急管理部门": 应 opens a name here, not a duty.
        if self.not_cue.starts(rest).is_some() {
            return None;
        }
        let i = self.cues.start_index(rest)?;
        let len = self.cues.words()[i].len();
        // "省人民政府设立的…专项资金": a verb closing a relative clause charges nobody.
        if self.relative.starts(&rest[len..]).is_some() {
            return None;
        }
        Some((len, self.cue_kinds[i]))
    }
}

/// Whether `c` is a numeral of one to ten (一 … 十), as enumerators and article numbers write
/// them.
fn is_small_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// What a cue says of the subject before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// 会同: the subject leads, the bodies after it support.
    With,
    /// 牵头.
    Lead,
    /// 配合, 协助, 参与.
    Support,
    /// 应当, 负责, 组织 …: responsible, the role following the document's convention.
    Duty,
}

/// What reading one text's clauses needs.
pub(super) struct Reader<'a> {
    pub text: &'a str,
    pub scope: Option<&'a Jurisdiction>,
    pub ontology: &'a Ontology,
    pub words: &'a DutyWords,
    /// The short forms the document defines ("（以下简称联席会议）": [`crate::memo::short_forms`]).
    pub short_forms: Rc<[String]>,
}

/// How a name reads: a public body, another kind of body (a market player, a person), or no
/// body's name at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Public,
    Other,
    NotABody,
}

impl Reader<'_> {
    /// Whether the words `gap` between a subject and a support verb (配合, 参与) give the verb a
    /// subject of its own: past the `support_adverb`s that open it (应当, 积极), a verb with an
    /// object ("…应当建立社会力量参与…的机制", dev 021b 第四十一条: 社会力量 take part, the
    /// subject builds the mechanism). "要积极配合", "应当予以配合" hold no such verb.
    pub(super) fn verb_with_object(&self, gap: &str) -> bool {
        let mut rest = gap.trim();
        while let Some(m) = self.words.support_adverb.starts(rest) {
            rest = &rest[m.len()..];
        }
        // "根据职责或者章程参与", "应当在职责范围内配合": an adverbial, no verb of its own.
        if self.words.support_preposition.starts(rest).is_some() {
            return false;
        }
        let verb = self
            .words
            .cue(rest)
            .filter(|&(_, kind)| kind == Cue::Duty)
            .map(|(len, _)| len)
            .or_else(|| self.words.not_name_start.starts(rest).map(str::len));
        if verb.is_some_and(|len| rest[len..].chars().count() >= 2) {
            return true;
        }
        // "…应当明确社会资本参与…的重点产业" (dev 024 第五十条): any verb and its object, as long
        // as no preposition opens an adverbial ("应当在职责范围内配合").
        rest.chars().count() >= MIN_VERB_OBJECT
            && self.words.support_preposition.starts(rest).is_none()
    }

    /// Whether the support verb in `near` (the words from `near_at`, right after the cue at
    /// `at`) is the object's of a verb before it ([`Reader::verb_with_object`]):
    /// "应当建立社会力量参与…".
    // Out of line: asked by few of the clauses [`Reader::charge`] reads.
    #[inline(never)]
    fn supports_an_object(&self, at: usize, near_at: usize, near: &str) -> bool {
        let Some(k) = self
            .words
            .support
            .words()
            .iter()
            .filter_map(|w| near.find(w.as_str()))
            .min()
        else {
            return false;
        };
        self.verb_with_object(&self.text[at..near_at + k])
    }

    /// Whether `name` is a short form the document defines.
    fn is_short_form(&self, name: &str) -> bool {
        self.short_form_opening(name) == Some(name.len())
    }

    /// The defined short form `name` starts with, the longest: "联席会议办公室" → 联席会议.
    fn short_form_opening(&self, name: &str) -> Option<usize> {
        self.short_forms
            .iter()
            .filter(|f| name.starts_with(f.as_str()))
            .map(String::len)
            .max()
    }

    /// Whether `name` ends with a short form the document defines ("由联席会议确定").
    fn ends_with_short_form(&self, name: &str) -> bool {
        self.short_forms.iter().any(|f| name.ends_with(f.as_str()))
    }

    /// The bodies clause `[start, end)` names, in order; empty when it names none. `start` is
    /// past the clause's lead ([`Reader::skip_lead`]), found once for all the clause's readers.
    pub fn clause(&self, start: usize, end: usize) -> Vec<Named> {
        if start >= end {
            return Vec::new();
        }
        if let Some(found) = self.subject_from(start, end, false) {
            return found;
        }
        // "规划由A组织编制": the bodies after the preposition.
        let clause = &self.text[start..end];
        for (i, _) in clause.match_indices(|c: char| self.words.passive_starts.contains(&c)) {
            let at = start + i;
            let Some(p) = self.words.passive.starts(&self.text[at..end]) else {
                continue;
            };
            if self.words.not_passive_at(clause, i, p) {
                continue;
            }
            if let Some(found) = self.subject_from(at + p.len(), end, true) {
                return found;
            }
            if self.words.passive_cue_only.is_word(p) {
                continue;
            }
            // "由旅游主管部门责令整改", "由区行政服务中心统一兑现": after the preposition the
            // bodies need no cue, only a verb that charges them.
            if let Some(found) = self.bodies_before_verb(at + p.len(), end) {
                return found;
            }
        }
        Vec::new()
    }

    /// "报市人民政府批准", "报送区房屋管理部门审核、确认": the public bodies clause
    /// `[start, end)` sends a matter up to for approval. They support the task (gold README via
    /// dev 021b, 053); "经X批准" names who approves a condition and is not read here.
    // Out of line: asked of every clause of a text that [`DutyWords::may_report`], found in few.
    #[inline(never)]
    pub fn approvers(&self, start: usize, end: usize) -> Vec<Named> {
        let clause = &self.text[start..end];
        let w = self.words;
        let mut out = Vec::new();
        for (i, c) in clause.char_indices() {
            if !w.report_to.has_first(c) {
                continue;
            }
            let Some(word) = w.report_to.starts(&clause[i..]) else {
                continue;
            };
            let from = start + i + word.len();
            // No approval after it (报告, 举报…), no approver: most 报 are such.
            if !w.approval.in_text(&self.text[from..end]) {
                continue;
            }
            let names = self.opening_bodies(from, end);
            let Some(last) = names.last() else {
                continue;
            };
            let mut after = &self.text[last.end..end];
            while let Some(adverb) = w.approval_adverb.starts(after) {
                after = &after[adverb.len()..];
            }
            if w.approval.starts(after).is_none() {
                continue;
            }
            out.extend(names.into_iter().map(|mut n| {
                n.mark = Mark::Support;
                n
            }));
        }
        out
    }

    /// "市住房城乡建设部门依托“一网通办”总门户，…": the public bodies whose list opens clause
    /// `[start, end)`, whatever verb follows them; asked only for a sentence whose later
    /// clause opens with 牵头 and so goes on with their action.
    // Out of line: asked by few of the sentences [`Reader::clause`] reads.
    #[cold]
    #[inline(never)]
    pub fn opening_bodies(&self, start: usize, end: usize) -> Vec<Named> {
        let Some(h) = self.list_end(start, end).filter(|&h| h < end) else {
            return Vec::new();
        };
        // The name goes on or is described: no subject ends here.
        if self.text[h..end].starts_with(['的', '等', '和', '及', '与', '、', '各']) {
            return Vec::new();
        }
        let Some(names) = self.names(start, h, false) else {
            return Vec::new();
        };
        if !names
            .iter()
            .all(|(_, _, n)| self.kind(n, false) == Kind::Public)
        {
            return Vec::new();
        }
        named(names, Mark::Responsible, h).unwrap_or_default()
    }

    /// "自治县人民政府有关部门，按照各自职责，共同做好…": a clause `[start, end)` that is
    /// wholly a list of bodies, charged by the cue that opens the next clause of the sentence
    /// (`next` is where that clause starts, `sentence_end` where the sentence ends).
    /// `start` is past the clause's lead, as for [`Reader::clause`].
    pub fn subject_before(
        &self,
        start: usize,
        end: usize,
        next: usize,
        sentence_end: usize,
    ) -> Vec<Named> {
        if start >= end || next >= sentence_end {
            return Vec::new();
        }
        let rest = &self.text[next..sentence_end];
        let at = next + (rest.len() - rest.trim_start().len());
        let (at, len, cue, series) = match self.words.cue(&self.text[at..sentence_end]) {
            Some((len, cue)) => (at, len, cue, false),
            None => match self.series_cue(start, end, at, sentence_end) {
                Some((cue_at, len, cue)) => (cue_at, len, cue, true),
                None => return Vec::new(),
            },
        };
        let clause_end = self.text[at..sentence_end]
            .find(['，', ','])
            .map_or(sentence_end, |k| at + k);
        // "行政机关实施下列行为，不得…": bodies, then what they do, then a modal opening the
        // next clause: the bodies are its subject.
        let acting = || {
            // "法制审核机构完成审核后，要…": a time clause's subject is the next clause's, whatever
            // its cue.
            if self
                .words
                .sequel
                .ends(self.text[start..end].trim_end())
                .is_none()
            {
                self.words.modal.starts(&self.text[at..sentence_end])?;
            }
            let h = self.list_end(start, end).filter(|&h| h < end)?;
            // The name goes on ("政府各有关部门") or is described ("…的"): no subject ends here.
            // "公安、…行政机关工作人员对…，应当…": the people of the bodies (README: officials
            // and people are no agencies).
            let after = &self.text[h..end];
            if after.starts_with(['的', '等', '和', '及', '与', '、', '各'])
                || self.words.collective.starts(after).is_some()
                || self.words.staff.starts(after).is_some()
            {
                return None;
            }
            // Only names that read as bodies on their own ("行政机关", a listed body), not a
            // verb phrase ending with a name-like word ("使用财政资金的", "招标投标和政府采购").
            self.names(start, h, false).filter(|names| {
                names.iter().all(|(_, _, n)| {
                    crate::memo::resolved(self.ontology, n, self.scope).known
                        || (self.words.heads.ends(n).is_some()
                            && !self.words.conjunction.in_text(n))
                })
            })
        };
        // As before a cue in the clause ([`Reader::subject_from`]): a clause that cannot end
        // with a body's name is not read as a list of names.
        let names = if self.may_end_subject(&self.text[start..end]) {
            self.names(start, end, false)
        } else {
            None
        };
        let Some(names) = names.or_else(acting) else {
            return Vec::new();
        };
        // A clause is more often a sentence of its own ("本市设立优化营商环境咨询委员会，负责…")
        // than a subject alone: unlisted names must be short and hold no clause word.
        // A longer name is one when a government opens it and a body's head closes it
        // ("区县（自治县）人民政府优化营商环境工作主管部门，负责…").
        let governed = |name: &str| {
            self.scope_prefix(name)
                .is_some_and(|p| p.len() < name.len())
                && self.words.heads.ends(name).is_some()
        };
        let plain = |name: &str| {
            let r = crate::memo::resolved(self.ontology, name, self.scope);
            (r.known || r.collective)
                || (!self.words.clause_word.in_text(name)
                    && (name.chars().count() <= MAX_ALONE || governed(name)))
        };
        // "县级以上人民政府其他有关部门以及国家派驻浙江的税务机构，按照各自职责…": a list
        // beside a body the gazetteer knows, a collective or a government's department, each
        // name closed by a body's head, is a list of bodies however long its names.
        let anchored = || {
            names.len() > 1
                && names.iter().any(|(_, _, n)| {
                    let r = crate::memo::resolved(self.ontology, n, self.scope);
                    r.known || r.collective || governed(n)
                })
                && names
                    .iter()
                    .all(|(_, _, n)| plain(n) || self.words.heads.ends(n).is_some())
        };
        if !series && !names.iter().all(|(_, _, n)| plain(n)) && !anchored() {
            return Vec::new();
        }
        self.charge(names, at, len, cue, clause_end)
            .unwrap_or_default()
    }

    /// "自治县人民政府支持旅游企业…", "联席会议原则上每年召开两次会议": a known body, a defined
    /// short form or its office, opening the first clause `[start, end)` of its sentence and
    /// followed by its own verb with no modal, is charged: notices and regulations state duties
    /// with a plain verb as often as with 应当. Not when the clause describes the body (a 的:
    /// "自治县人民政府确定的部门"), is a time clause ("…批准后"), or names on (`not_acting`,
    /// a longer name: "省财政厅国库处").
    /// `start` is past the clause's lead, as for [`Reader::clause`].
    pub fn opening_actor(&self, start: usize, end: usize) -> Vec<Named> {
        let clause = &self.text[start..end];
        if clause.is_empty()
            // A pass over the clause's characters, no substring searcher for one character.
            || clause.chars().any(|c| c == '的')
            || self.words.sequel.ends(clause.trim_end()).is_some()
        {
            return Vec::new();
        }
        let mut best = None;
        for (i, c) in clause.char_indices().take(MAX_NAME) {
            let h = i + c.len_utf8();
            let name = &clause[..h];
            if !self.closes_name(name) {
                continue;
            }
            let short = self.is_short_form(name)
                || (self.short_form_opening(name).is_some()
                    && self.words.heads.ends(name).is_some());
            // A name that cannot be known is not resolved ([`policykg_ontology::Gazetteer::may_be_known`]): every
            // prefix that closes a name is asked, most are no listed body's.
            let listed = || {
                self.ontology.gazetteer.may_be_known(name) && {
                    let r = crate::memo::resolved(self.ontology, name, self.scope);
                    r.known && !r.collective
                }
            };
            if short || listed() {
                best = Some(h);
            }
        }
        let Some(h) = best else {
            return Vec::new();
        };
        let after = &clause[h..];
        let w = self.words;
        // A name goes on: a unit's of a few characters ("省财政厅国库处"; "设在教育部" is a verb
        // and its object), or a body's head closing words that hold no verb
        // ("国务院职业教育工作部际联席会议原则上…").
        let names_on = after
            .char_indices()
            .take(MAX_NAME)
            .enumerate()
            .any(|(n, (k, c))| {
                let longer = &clause[..h + k + c.len_utf8()];
                (n < 4 && self.closes_name(longer))
                    || (self.words.heads.ends(longer).is_some()
                        && !after[..k + c.len_utf8()].char_indices().any(|(j, _)| {
                            w.cue(&after[j..]).is_some()
                                || w.not_name_start.starts(&after[j..]).is_some()
                        }))
            });
        if after.trim().is_empty()
            || names_on
            || w.not_acting.starts(after).is_some()
            || w.conjunction.starts(after).is_some()
            || w.collective.starts(after).is_some()
            // "X由A、B组成": X is what A and B make, no actor.
            || w.holds_passive(after)
            || w.cue(after).is_some()
        {
            return Vec::new();
        }
        named(
            vec![(start, start + h, clause[..h].to_owned())],
            Mark::Responsible,
            start + h,
        )
        .unwrap_or_default()
    }

    /// Whether `name`, found before a prose verb, can be a public body's: no market player or
    /// person, no verb first ("鼓励地方政府统筹…"), and a listed body or a name that ends as
    /// bodies' names end ("市发展民营经济工作领导小组" yes, "其他企业员工子女可按规定" no).
    pub fn may_be_public(&self, name: &str) -> bool {
        if self.kind(name, false) == Kind::Other || self.words.not_name_start.starts(name).is_some()
        {
            return false;
        }
        let r = crate::memo::resolved(self.ontology, name, self.scope);
        (r.known && !r.collective) || self.closes_name(name)
    }

    /// The bodies after 由 up to the first head that closes the list, when a verb that
    /// charges them follows (not "由A、B组成", nor "由A有关司局负责同志担任": the verb that
    /// closes the clause says what the bodies are, not what they do).
    fn bodies_before_verb(&self, start: usize, end: usize) -> Option<Vec<Named>> {
        let mut h = self.list_end(start, end)?;
        // "由县级以上人民政府民政部门责令改正": a government named as the scope of its
        // department; the name goes on to the department's head when a short department name
        // follows (no cue, no 的: not "由县人民政府组织…", "…人民政府确定的部门").
        if self.words.scope_prefix.ends(&self.text[start..h]).is_some()
            && self.words.cue(&self.text[h..end]).is_none()
            && self
                .words
                .not_name_start
                .starts(&self.text[h..end])
                .is_none()
        {
            if let Some(d) = self.list_end(h, end).filter(|&d| {
                let department = &self.text[h..d];
                department.chars().count() <= MAX_DEPARTMENT
                    && !department.contains(['的', '，', ',', '、', '。', '；'])
            }) {
                h = d;
            }
        }
        let rest = &self.text[h..end];
        // "由相关社会救助管理部门责令退回非法获取的救助资金" (dev 021b 第五十四条): a sanction
        // verb charges the bodies before it, whatever 的 its object holds.
        let sanction = self.words.by_sanction.starts(rest).is_some();
        if self.words.by_not_duty.in_text(rest) || (!sanction && self.words.relative.in_text(rest))
        {
            return None;
        }
        let names = self.names(start, h, false)?;
        named(names, Mark::Responsible, h)
    }

    /// Where a list of bodies starting at `start` ends: after the first head that closes a
    /// name and is followed by neither a longer head nor more of the list. A `not_name_end`
    /// word (社会 of 相关社会救助管理部门) closes no name when a head closes one later.
    fn list_end(&self, start: usize, end: usize) -> Option<usize> {
        let rest = &self.text[start..end];
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(MAX_SUBJECT)
            .filter(|&h| self.closes_name(&rest[..h]))
            // "政府采购的…": no name ends inside a compound noun.
            .filter(|&h| !DutyWords::within(&self.words.compound, rest, h, true))
            .collect();
        for (k, &h) in ends.iter().enumerate() {
            // A longer head goes on right after this one (部 → 部门, 委 → 委员会).
            if ends
                .get(k + 1)
                .is_some_and(|&n| rest[h..n].chars().count() <= 2)
            {
                continue;
            }
            if k + 1 < ends.len() && self.words.not_name_end.ends(&rest[..h]).is_some() {
                continue;
            }
            let next = &rest[h..];
            // "会同相关行政管理部门及时向社会公布" (corpus/extra 06a 第二十五条): 及时 is no 及.
            if (next.starts_with(['、', '等', '（', '(', '和', '及', '与'])
                || self.words.conjunction.starts(next).is_some())
                && self.words.not_name_start.starts(next).is_none()
            {
                continue;
            }
            // "会同国务院有关部门（单位）": a body's 有关/各 departments are one name with it.
            if self.words.collective.starts(next).is_some_and(|q| {
                let after = &next[q.len()..];
                self.words
                    .heads
                    .words()
                    .iter()
                    .any(|hd| after.starts_with(hd.as_str()))
            }) {
                continue;
            }
            // "中央金融管理部门在沪机构" (corpus/extra 06b 第五十四条): a body's office in a
            // place is one name with it.
            if ends[k + 1..].iter().any(|&later| {
                let between = &rest[h..later];
                self.words.located.starts(between).is_some()
                    && between.chars().count() <= MAX_LOCATED
                    && self.words.branch.ends(between).is_some()
            }) {
                continue;
            }
            // A known body's name inside a longer one ("…、国务院金融管理部门在沪机构等"): the
            // list goes on to a later end that its 等 closes, within the clause.
            if ends[k + 1..].iter().any(|&later| {
                rest[later..].starts_with('等') && !rest[h..later].contains(['，', ',', '。', '；'])
            }) {
                continue;
            }
            return Some(start + h);
        }
        None
    }

    /// Drop what precedes a subject at the start of a clause: white space, an article number
    /// (第四条), an enumerator (（一）, 1．) and the `skip` words.
    pub fn skip_lead(&self, start: usize, end: usize) -> usize {
        // Most clauses open with their subject: a first character that opens none of the leads
        // below (white space, 第, a digit or numeral, a bracket, a `skip` word) is the answer.
        match self.text[start..end].chars().next() {
            None => return start,
            Some(c)
                if !(c.is_whitespace()
                    || c == '第'
                    || c.is_ascii_digit()
                    || is_open(c)
                    || is_small_numeral(c)
                    || self.words.skip.starts(&self.text[start..end]).is_some()) =>
            {
                return start;
            }
            Some(_) => {}
        }
        self.skip_lead_from(start, end)
    }

    /// [`Reader::skip_lead`] past its first test: the few clauses that open with a lead. Kept
    /// out of line, so that the test asked of every clause is all the code most clauses run.
    #[cold]
    #[inline(never)]
    fn skip_lead_from(&self, mut start: usize, end: usize) -> usize {
        let mut dotted = false;
        loop {
            let rest = &self.text[start..end];
            let trimmed = rest.trim_start();
            start += rest.len() - trimmed.len();
            let rest = &self.text[start..end];
            if let Some(after) = rest.strip_prefix('第') {
                if let Some(i) = after.find(['条', '章', '节']) {
                    if after[..i].chars().count() <= 6
                        && after[..i].chars().all(|c| !c.is_whitespace() && c != '，')
                    {
                        start += '第'.len_utf8() + i + '条'.len_utf8();
                        continue;
                    }
                }
            }
            // "2019年6月底前各省份要…": a date bounding the clause opens it, before its subject.
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                let date = rest
                    .find(|c: char| !(c.is_ascii_digit() || matches!(c, '年' | '月' | '日')))
                    .unwrap_or(rest.len());
                if rest[..date].contains(['年', '月']) {
                    let after = &rest[date..];
                    let end_word = self.words.date_period_end.starts(after).map_or(0, str::len);
                    if let Some(b) = self.words.date_before.starts(&after[end_word..]) {
                        start += date + end_word + b.len();
                        continue;
                    }
                }
            }
            if rest.starts_with(is_open) {
                if let Some(i) = rest.find(is_close) {
                    if rest[..i].chars().count() <= 4 {
                        start += i + rest[i..].chars().next().map_or(0, char::len_utf8);
                        continue;
                    }
                }
            }
            let digits = rest
                .char_indices()
                .take_while(|&(_, c)| c.is_ascii_digit() || is_small_numeral(c))
                .last()
                .map(|(i, c)| i + c.len_utf8());
            if let Some(d) = digits {
                if let Some(sep) = rest[d..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '、' | '．' | '.'))
                {
                    start += d + sep.len_utf8();
                    dotted = true;
                    continue;
                }
                // "7.1　各省、自治区…": the last part of a dotted number ends with a space.
                if dotted && rest[d..].starts_with(char::is_whitespace) {
                    start += d;
                    continue;
                }
            }
            if let Some(w) = self.words.skip.starts(rest) {
                start += w.len();
                continue;
            }
            return start;
        }
    }

    /// A subject starting at `start` and ending at the first cue after which it reads as a
    /// list of bodies.
    /// `after_by`: the subject follows the preposition 由.
    fn subject_from(&self, start: usize, end: usize, after_by: bool) -> Option<Vec<Named>> {
        let clause = &self.text[start..end];
        // A subject that opens with a cue or a verb ("加强…", "对…", "依法…") is no list of
        // bodies whatever cue follows: its first piece is not a name ([`Reader::kind`]).
        let opening = clause.trim_start();
        // "审批改革部门应当…" (corpus/extra 06a 第二十六条): a cue that also stands inside names
        // may open one; the name must then close before the clause's cue ([`Reader::names`]).
        if (self.words.cue(opening).is_some() && !self.cue_opens_name(opening))
            || self.words.not_name_start.starts(opening).is_some()
        {
            return None;
        }
        for (n, (i, c)) in clause.char_indices().enumerate() {
            if n > MAX_SUBJECT {
                break;
            }
            // [`DutyWords::cue`]'s first test, without a call at every character.
            if i == 0 || !self.words.cue_starts.contains(&c) {
                continue;
            }
            let at = start + i;
            let Some((len, cue)) = self.words.cue(&self.text[at..end]) else {
                continue;
            };
            // "市财政局、市发改委积极配合": adverbs with no modal before them open the support cue.
            let (at, len) = match cue {
                Cue::Support => {
                    let b = self.adverbs_before(start, at);
                    (b, len + at - b)
                }
                _ => (at, len),
            };
            // "…等群团组织为成员" (dev 042): 组织 ends the class the list shares, no cue.
            if self
                .words
                .group_class
                .ends(&self.text[start..at + len])
                .is_some_and(|g| g.len() > len)
            {
                continue;
            }
            if !self.may_end_subject(&self.text[start..at]) {
                continue;
            }
            // "县委组织部负责…": a cue that stands inside names, closed by an agency suffix
            // right after it, is the name's (组织部), not the clause's verb, when the gazetteer
            // knows the longer name ("县政府组织会商…" is a verb all the same).
            if self.words.in_name.starts(&self.text[at..end]).is_some() {
                let after = at + len;
                let suffix_end = self.text[after..end]
                    .chars()
                    .next()
                    .map_or(after, |c| after + c.len_utf8());
                let longer = &self.text[start..suffix_end];
                if suffix_end > after
                    && self
                        .ontology
                        .gazetteer
                        .looks_like_agency(&self.text[at..suffix_end])
                    && crate::memo::resolved(self.ontology, longer.trim_start(), self.scope).known
                {
                    continue;
                }
            }
            // "工会、…、红十字会等组织根据职责…参与" (dev 021b 第七条): 组织 after an open list's 等
            // is the list's class, not the verb; the cue comes after it.
            if self.closes_with_group_class(&self.text[start..at + len]) {
                continue;
            }
            // "完成改厕1万户（市农业农村局负责组织实施）": a bracket left open before the cue
            // opens the subject; the words before it are the task's, no name.
            let from = unclosed_open(&self.text[start..at]).map_or(start, |k| start + k);
            let Some(names) = self.names(from, at, after_by) else {
                continue;
            };
            return self.charge(names, at, len, cue, end);
        }
        None
    }

    /// "民政、公安…等部门或者机构，工会、红十字会等有关团体，以及金融机构等单位应当予以配合"
    /// (dev 021b 第三十五条): open lists, each a clause, then one a conjunction opens, share the
    /// cue of that last clause. The cue's place, length and kind, when clause `[start, end)` is an
    /// open list and the clauses from `next` on are such a series.
    fn series_cue(
        &self,
        start: usize,
        end: usize,
        next: usize,
        sentence_end: usize,
    ) -> Option<(usize, usize, Cue)> {
        if !self.words.holds_etc(&self.text[start..end]) {
            return None;
        }
        let mut from = next;
        for _ in 0..MAX_SERIES {
            let seg_end = self.text[from..sentence_end]
                .find(['，', ','])
                .map_or(sentence_end, |k| from + k);
            let seg = self.text[from..seg_end].trim_start();
            let seg_start = seg_end - seg.len();
            if let Some(c) = self.words.conjunction.starts(seg) {
                // The clause that closes the series: its own subject, then the cue.
                let body = seg_start + c.len();
                for (i, ch) in self.text[body..seg_end].char_indices() {
                    if i == 0 || !self.words.cue_starts.contains(&ch) {
                        continue;
                    }
                    if let Some((len, cue)) = self.words.cue(&self.text[body + i..seg_end]) {
                        return self.may_end_subject(&self.text[body..body + i]).then_some((
                            body + i,
                            len,
                            cue,
                        ));
                    }
                }
                return None;
            }
            if !self.words.holds_etc(seg)
                || self.words.cue(seg).is_some()
                || seg_end >= sentence_end
            {
                return None;
            }
            // The separator found above: '，' or an ASCII ',' (text copied from PDFs mixes them).
            from = seg_end
                + self.text[seg_end..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
        }
        None
    }

    /// Where the adverbs that end `[start, at)` ("积极", "全力") start: a support verb's, when no
    /// modal stands before them (a modal is a duty cue of its own, read as support in
    /// [`Reader::charge`]).
    fn adverbs_before(&self, start: usize, at: usize) -> usize {
        let mut b = at;
        while let Some(w) = self.words.support_adverb.ends(&self.text[start..b]) {
            if b - w.len() <= start {
                break;
            }
            b -= w.len();
        }
        b
    }

    /// Whether `subject` can end with a body's name (a known name, an agency suffix, a body
    /// head, a market player, a bracket, before an open list's 等): most text before a cue cannot, and is skipped before
    /// the costly reading of [`Reader::names`].
    fn may_end_subject(&self, subject: &str) -> bool {
        // "A、B等应当…": the open list's 等 stands after the last name (as in `list.rs`).
        let subject = subject.trim_end().trim_end_matches('等').trim_end();
        subject.chars().last().is_some_and(|c| {
            is_close(c) || self.words.ends.contains(&c) || self.ontology.gazetteer.may_end_name(c)
        }) || self.ends_with_short_form(subject)
            || self.closes_with_group_class(subject)
    }

    /// "工会、共青团…等组织", "…等有关团体": an open list closed by a class of organisations.
    fn closes_with_group_class(&self, subject: &str) -> bool {
        self.words.group_class.ends(subject).is_some_and(|g| {
            let before = &subject[..subject.len() - g.len()];
            before.ends_with('等')
                || self.words.collective.words().iter().any(|c| {
                    before
                        .strip_suffix(c.as_str())
                        .is_some_and(|b| b.ends_with('等'))
                })
        })
    }

    /// The bodies `names` charged by the cue at `at` (`len` bytes), with the partners of a
    /// 会同 found before `end`.
    fn charge(
        &self,
        names: Vec<(usize, usize, String)>,
        at: usize,
        len: usize,
        cue: Cue,
        end: usize,
    ) -> Option<Vec<Named>> {
        {
            let (mark, with) = match cue {
                Cue::With => (Mark::With, true),
                Cue::Lead => (Mark::Lead, false),
                Cue::Support => (Mark::Support, false),
                Cue::Duty => (Mark::Responsible, false),
            };
            let mut cue_end = at + len;
            let mut mark = mark;
            let mut partners = Vec::new();
            // "A应当会同B…", "A可以单独或者会同B…": the 会同 a little after the first cue.
            let with_at = if with {
                Some(at)
            } else {
                let near: usize = self.text[cue_end..end]
                    .char_indices()
                    .nth(8)
                    .map_or(end, |(k, _)| cue_end + k);
                // The first place where a 会同 word starts and ends before `near`: what the
                // earliest of each word's first occurrences gives, without a searcher per word.
                self.text[at..near]
                    .char_indices()
                    .find(|&(k, c)| {
                        self.words.with.may_start_with(c)
                            && self.words.with.starts(&self.text[at + k..near]).is_some()
                    })
                    .map(|(k, _)| at + k)
            };
            // "海关总署要继续做好牵头工作", "A要积极配合B": the clause says how it takes part.
            // Only near the cue: "引导社会资本参与…" is someone else's part.
            let rest = &self.text[cue_end..end];
            let near = rest.char_indices().nth(8).map_or(rest, |(k, _)| &rest[..k]);
            let contains = |list: &WordList| list.in_text(near);
            let mut marked_lead = cue == Cue::Lead;
            if mark == Mark::Responsible && contains(&self.words.lead) {
                mark = Mark::Lead;
                // "A依照职业标准牵头组织开发" marks leads for the whole document; "A要做好牵头
                // 工作" names A's part only (牵头 is a noun there).
                marked_lead = !self.words.lead.words().iter().any(|l| {
                    near.match_indices(l.as_str()).any(|(k, _)| {
                        self.words.lead_noun.starts(&near[k + l.len()..]).is_some()
                            || self.words.lead_noun.starts(&rest[k + l.len()..]).is_some()
                    })
                });
            } else if mark == Mark::Responsible
                && ((contains(&self.words.support) && !self.supports_an_object(at, cue_end, near))
                    || self.supports_next(at, end)
                    || self.words.support_noun.in_text(rest))
            {
                mark = Mark::Support;
                partners = self.helped_in(cue_end, near, end);
            } else if mark == Mark::Responsible && self.words.lead_clause.in_text(rest) {
                mark = Mark::Lead;
                marked_lead = true;
            } else if mark == Mark::Responsible
                && self
                    .words
                    .joint
                    .in_text(&self.text[at..cue_end + near.len()])
            {
                mark = Mark::Joint;
            }
            if let Some(w) = with_at {
                let wlen = self
                    .words
                    .with
                    .starts(&self.text[w..end])
                    .map_or(0, str::len);
                if mark != Mark::Lead {
                    mark = Mark::With;
                }
                cue_end = w + wlen;
                if let Some(b) = self.partners(w + wlen, end) {
                    partners = b;
                }
            }
            if cue == Cue::Support && self.words.helps.ends(&self.text[at..at + len]).is_some() {
                partners = self.helped(at + len, end).unwrap_or_default();
            }
            let mut out: Vec<Named> = names
                .into_iter()
                .map(|(s, e, mention)| Named {
                    start: s,
                    end: e,
                    mention,
                    mark,
                    cue_end,
                    marked_lead,
                })
                .collect();
            out.extend(partners);
            Some(out).filter(|o| !o.is_empty())
        }
    }

    /// The bodies a `helps` verb in `near` (the text at `near_at`) names as its object.
    #[inline(never)]
    fn helped_in(&self, near_at: usize, near: &str, end: usize) -> Vec<Named> {
        let Some((k, w)) = self
            .words
            .helps
            .words()
            .iter()
            .filter_map(|w| near.find(w.as_str()).map(|k| (k, w.len())))
            .min()
        else {
            return Vec::new();
        };
        self.helped(near_at + k + w, end).unwrap_or_default()
    }

    /// [`Reader::helped`] after the support verb `[at, start)`, when it is a `helps` verb.
    pub(super) fn helped_after(&self, at: usize, start: usize, end: usize) -> Vec<Named> {
        if !self.words.helps.is_word(&self.text[at..start]) {
            return Vec::new();
        }
        self.helped(start, end).unwrap_or_default()
    }

    /// "由区综合执法局配合所在乡镇处理", "A要积极配合区效能办、督查室": the bodies right after the
    /// verb that ends at `start` are the ones helped, and lead the work (corpus/gold/README.md).
    /// None when a verb, not a body, follows ("配合做好…").
    #[inline(never)]
    fn helped(&self, start: usize, end: usize) -> Option<Vec<Named>> {
        let rest = &self.text[start..end];
        if self.words.verb.starts(rest).is_some() || self.words.object_verb.starts(rest).is_some() {
            return None;
        }
        let cue_end = self.list_end(start, end)?;
        let mut names = self.names(start, cue_end, false)?;
        // "协助其向救助管理机构申请": the object is a person, the body is someone else's.
        if names.first().is_none_or(|n| n.0 != start) {
            return None;
        }
        // "协助相关部门做好…": a bare 相关部门 points back at bodies the task names already.
        names.retain(|(_, _, m)| {
            !self
                .words
                .collective
                .starts(m)
                .is_some_and(|c| self.words.heads.is_word(&m[c.len()..]))
        });
        named(names, Mark::Helped, cue_end)
    }

    /// "其他有关部门在指挥部的统一领导下，做好相关配合工作": the cue at `at` opens an adverbial
    /// that fills its clause (ending at `end`), and the next clause says the subject supports.
    // Out of line: asked by few of the clauses [`Reader::charge`] reads.
    #[inline(never)]
    fn supports_next(&self, at: usize, end: usize) -> bool {
        if self.words.adverbial.starts(&self.text[at..end]).is_none()
            || !self.text[end..].starts_with(['，', ','])
        {
            return false;
        }
        let next = &self.text[end..];
        let next = &next[next.chars().next().map_or(0, char::len_utf8)..];
        let next = next
            .find(['，', ',', '。', '；'])
            .map_or(next, |k| &next[..k]);
        let near = next.char_indices().nth(8).map_or(next, |(k, _)| &next[..k]);
        self.words.support.in_text(near)
    }

    /// "A要发挥牵头作用，加强统筹协调，会同B…": a clause `[start, end)` opening with 会同 names
    /// the partners of the body an earlier clause of its sentence charged.
    /// `start` is past the clause's lead, as for [`Reader::clause`].
    pub fn partners_opening(&self, start: usize, end: usize) -> Vec<Named> {
        match self.words.with.starts(&self.text[start..end]) {
            Some(w) => self.partners(start + w.len(), end).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The bodies after 会同, up to the first head that closes the list.
    // Out of line: asked by few of the clauses [`Reader::charge`] reads.
    #[inline(never)]
    fn partners(&self, start: usize, end: usize) -> Option<Vec<Named>> {
        let cue_end = self.list_end(start, end)?;
        let names = self.names(start, cue_end, false)?;
        named(names, Mark::Support, cue_end)
    }

    /// Where the name of subject `[start, end)` starts: at `start`, unless a verb opens it
    /// ("二、保障建设用地各相关单位要…", a flattened page's heading run into its body): then at
    /// the first name start after the verb (各…, 有关…, a scope prefix opening a body's name:
    /// "抓好乡村绿化区财政金融局负责…"), or nowhere ("保障行政执法机关依法履职…": the verb's
    /// object is no subject). A listed body's name opening with such a verb is read whole.
    pub(super) fn name_start(&self, start: usize, end: usize) -> Option<usize> {
        let subject = &self.text[start..end];
        let Some(verb) = self.words.verb.starts(subject) else {
            return Some(start);
        };
        self.name_after_verb(start, end, verb.len())
    }

    /// [`Reader::name_start`] of a subject that opens with a verb of `verb` bytes: few do, and
    /// the search is kept out of the code every subject runs.
    #[cold]
    #[inline(never)]
    fn name_after_verb(&self, start: usize, end: usize, verb: usize) -> Option<usize> {
        let subject = &self.text[start..end];
        let known = |s: &str| crate::memo::resolved(self.ontology, s, self.scope).known;
        let piece = |s: &str| s.split(['、', '，', ',']).next().unwrap_or(s).to_owned();
        if known(&piece(subject)) {
            return Some(start);
        }
        // Only a verb-led subject is searched (a heading's few characters): rare, and short.
        subject[verb..]
            .char_indices()
            .map(|(i, _)| verb + i)
            .find(|&i| {
                let rest = &subject[i..];
                rest.starts_with('各')
                    || self.words.collective.starts(rest).is_some()
                    || self.words.scope_prefix.starts(rest).is_some_and(|p| {
                        let after = &rest[p.len()..];
                        // 市场, 省级: a one-character prefix inside a word.
                        !(p.chars().count() == 1
                            && self.words.scope_blocker.starts(after).is_some())
                            && self.kind(&piece(rest), false) == Kind::Public
                    })
            })
            .map(|i| start + i)
    }

    /// Whether `name` may end there: a body head, an agency suffix, or a known body.
    fn closes_name(&self, name: &str) -> bool {
        let name = name.trim_end_matches(is_close);
        // Asked of every prefix of a clause's opening: a last character that ends no duty word
        // (the heads among them) leaves only the gazetteer's suffixes and the short forms.
        let word_end = name
            .chars()
            .next_back()
            .is_none_or(|c| self.words.ends.may_contain(c));
        (word_end
            && (self.words.heads.ends(name).is_some()
                || self.words.needs_head.ends(name).is_some()))
            || self.ontology.gazetteer.looks_like_agency(name)
            || self.is_short_form(name)
    }

    /// How `name` reads; `after_by`: it follows the preposition 由 and a cue follows it, where
    /// a one-character suffix on a short name of three characters or more is a body's
    /// ("由园区办按照…").
    /// "审批改革部门", "审批部门": a cue that also stands inside names (`in_name`) opening
    /// `text` as the first word of a body's name. Not when another name starts right after it
    /// ("组织有关部门…", "组织市财政局…", "协调各区…": the cue is the verb of that name).
    fn cue_opens_name(&self, text: &str) -> bool {
        let w = self.words;
        let Some(word) = w.in_name.starts(text) else {
            return false;
        };
        let rest = &text[word.len()..];
        !(rest.is_empty()
            || rest.starts_with('各')
            || w.collective.starts(rest).is_some()
            || w.scope_prefix.starts(rest).is_some()
            || w.not_name_start.starts(rest).is_some()
            || w.cue(rest).is_some())
    }

    /// Whether `name` is a description closed by a bare head ("被授予专利权的单位",
    /// "为旅游者提供代驾服务的单位"): it names whoever fits, not a body.
    fn described_only(&self, name: &str) -> bool {
        let w = self.words;
        w.describing.starts(name).is_some()
            && name
                .rsplit_once('的')
                .is_some_and(|(_, head)| w.bare_head.is_word(head))
    }

    fn kind(&self, name: &str, after_by: bool) -> Kind {
        if name.is_empty()
            || name.chars().count() > MAX_NAME
            || name.contains(['，', '。', '；', '：', '“', '”', '《'])
        {
            return Kind::NotABody;
        }
        let bare = name.trim_end_matches(is_close);
        let bare = match bare.rfind(is_open) {
            Some(i) if bare.len() < name.len() => &bare[..i],
            _ => bare,
        };
        let w = self.words;
        // Public needs a short form, a name that a head, an agency suffix or a short form
        // closes, or one the gazetteer knows; Other, an association's suffix. A name with none
        // of them is no body whatever the tests below find: most names asked here, answered
        // before those tests.
        let township = self.township(bare);
        let may_be_body = township
            || self.closes_name(bare)
            || self.is_short_form(bare)
            || self.ontology.gazetteer.may_be_known(name)
            || (w.not_agency.ends(bare).is_some() && w.public_institution.ends(bare).is_none());
        if !may_be_body {
            return Kind::NotABody;
        }
        // "会同有关部门…", "配合有关部门…": a verb phrase, not a name.
        let passive = w.holds_passive(name);
        if (w.cue(name).is_some() && !self.cue_opens_name(name))
            || passive
            || w.not_name_start.starts(name).is_some()
            || w.role_cues.in_text(name)
            || self.described_only(name)
        {
            return Kind::NotABody;
        }
        // A list kept whole ("发挥行业协会等社会"): not one body's name. A head alone ("经部门
        // 负责人同意" → 部门) names no particular body.
        // "联席会议原则上每年…": a short form the document defines names its body.
        if self.is_short_form(bare) {
            return Kind::Public;
        }
        if w.holds_etc(bare) || w.bare_head.is_word(bare) {
            return Kind::NotABody;
        }
        // Resolved only when the answer depends on it: most names read here are dropped with
        // their clause, and a gazetteer miss is the costly part of the reading.
        // A name whose last character ends no known name's key is not resolved at all
        // ([`policykg_ontology::Gazetteer::may_be_known`]): three in four names asked here.
        let known = || {
            self.ontology.gazetteer.may_be_known(name)
                && crate::memo::resolved(self.ontology, name, self.scope).known
        };
        // "…联合会", "…协会": an association's, unless the gazetteer lists the body (the
        // 工商业联合会, 妇女联合会 and 计划生育协会 are 群团组织 charged with work like departments).
        // "公共就业服务机构": a public institution whose name ends like a provider's.
        let association = self.words.not_agency.ends(bare).is_some()
            && self.words.public_institution.ends(bare).is_none();
        if association && !known() {
            return Kind::Other;
        }
        // "…社会", "…内部": a one-character suffix proves little in running text.
        let weak = self.words.weak_suffix.ends(bare).is_some()
            && self.words.heads.ends(bare).is_none()
            && !(after_by && (3..=5).contains(&bare.chars().count()))
            && !self.short_office(bare);
        // "本市建立市人民政府…", "本市支持境外…": a clause, not an unlisted name.
        // "市场监督管理部门" holds 监督 as part of its name (the `in_name` cues).
        // A name opening with a `not_cue` word is a body's ("制定机关").
        // "涉企政策制定机关" (dev 026 第四十条): the same word closing the name is none either.
        let verb_inside = self.verb_inside(name);
        // A listed collective is a body too, head or not ("各地", "各省份": collectives.tsv).
        if (!association && !weak && !verb_inside && (township || self.closes_name(bare)))
            || known()
        {
            Kind::Public
        } else {
            Kind::NotABody
        }
    }

    /// A class of departments the gazetteer lists ("市直有关部门", "县直各单位"), not a level of
    /// government ("县（市、区）人民政府").
    fn listed_class(&self, name: &str) -> bool {
        if name.ends_with("政府") || !self.ontology.gazetteer.may_be_known(name) {
            return false;
        }
        let r = crate::memo::resolved(self.ontology, name, self.scope);
        r.known && r.collective
    }

    /// "城关镇", "桃源乡", "东城街道": a township named by its own name (two to four characters
    /// before the suffix, not a common word's), its government in a county's plan.
    fn township(&self, bare: &str) -> bool {
        let w = self.words;
        w.township_suffix.ends(bare).is_some_and(|suffix| {
            let stem = &bare[..bare.len() - suffix.len()];
            (2..=4).contains(&stem.chars().count())
                && stem.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                && !w.not_township_stem.is_word(stem)
                && w.not_township_start.starts(stem).is_none()
                && w.not_township_end.ends(bare).is_none()
        })
    }

    /// "本市建立市人民政府" (a clause before its object, read up to a 牵头), not "市场监督管理部门"
    /// (监督 as part of its name, the `in_name` cues). A name opening with a `not_cue` word is
    /// a body's ("制定机关"); "涉企政策制定机关" (dev 026 第四十条): the same word closing the
    /// name is none either.
    pub(super) fn verb_inside(&self, name: &str) -> bool {
        let w = self.words;
        let core = w
            .not_cue
            .ends(name)
            .map_or(name, |c| &name[..name.len() - c.len()]);
        w.verbs_inside.in_text(core) && w.not_cue.starts(name).is_none()
    }

    /// "市委人才办", "县招商办", "区重点办": a department prefix (perhaps with 委), then a short
    /// name: a local office's short form, whose one-character suffix is then no weak proof.
    fn short_office(&self, bare: &str) -> bool {
        self.ontology
            .jurisdictions
            .department_prefixes()
            .iter()
            .filter_map(|p| bare.strip_prefix(p.as_str()))
            .map(|rest| rest.strip_prefix('委').unwrap_or(rest))
            .any(|rest| {
                (2..=5).contains(&rest.chars().count())
                    && self.words.scope_blocker.starts(rest).is_none()
            })
    }

    /// The public bodies of subject `[start, end)`, or `None` when it is not a list of bodies.
    /// (start, end, name) per body, the range being its piece as written.
    fn names(
        &self,
        start: usize,
        end: usize,
        after_by: bool,
    ) -> Option<Vec<(usize, usize, String)>> {
        let found = crate::memo::subject_names(
            self.ontology,
            self.scope,
            &self.short_forms,
            &self.text[start..end],
            after_by,
            || {
                let found = self.read_names(start, end, after_by)?;
                Some(
                    found
                        .into_iter()
                        .map(|(s, e, name)| (s - start, e - start, name))
                        .collect(),
                )
            },
        )?;
        Some(
            found
                .iter()
                .map(|(s, e, name)| (start + s, start + e, name.clone()))
                .collect(),
        )
    }

    /// Whether the list's reading ([`list::pieces`](super::super::list::pieces),
    /// [`Reader::split_conjunctions`]) may split `subject`: it holds white space, a separator, a
    /// bracket, 等, or a conjunction or `own` word. Those split only where the whole word
    /// starts, so a first character of one alone ("申请人可以": 以 of 以及) leaves the subject one
    /// piece. Asked of every subject read: the conjunctions' first characters made a third of
    /// the subjects that are one name take the list's reading.
    fn may_split(&self, subject: &str) -> bool {
        let w = self.words;
        w.empty_joiner
            || subject.char_indices().any(|(i, c)| {
                c.is_whitespace()
                    || (w.list_breaks.may_contain(c)
                        && (w.list_marks.contains(&c)
                            || w.conjunction.starts(&subject[i..]).is_some()
                            || w.own.starts(&subject[i..]).is_some()))
            })
    }

    /// [`Reader::names`] read from the text: what it names depends on `[start, end)` alone.
    fn read_names(
        &self,
        start: usize,
        end: usize,
        after_by: bool,
    ) -> Option<Vec<(usize, usize, String)>> {
        let subject = &self.text[start..end];
        if subject.trim().is_empty() || self.ends_with_no_body(subject) {
            return None;
        }
        // "乡镇人民政府、街道办事处、相关社会救助管理部门和居民经济状况核对机构的工作人员…" (dev
        // 021b 第四十八条): a list closed by 的 and a `staff` word names the people of the bodies,
        // not the bodies (README: officials and people are no agencies). "X及其工作人员" names
        // the bodies and their people: the bodies are charged.
        if let Some(w) = self.words.staff.ends(subject.trim_end()) {
            if subject.trim_end()[..subject.trim_end().len() - w.len()].ends_with('的') {
                return None;
            }
        }
        // "由其上级主管机关责令限期改正" (dev 025 第五十六条): the possessive 其 is no part of the
        // name (其他, 其中 are no possessive).
        if let Some(p) = self.words.possessive.starts(subject) {
            if self.words.not_possessive.starts(subject).is_none() && subject.len() > p.len() {
                return self.names(start + p.len(), end, after_by);
            }
        }
        let from = self.name_start(start, end)?;
        if from > start {
            return self.names(from, end, after_by);
        }
        // "申请人户籍所在地的乡镇人民政府": a modifier that places or owns the body is no part of
        // its name; the name is read from after its 的 when bodies are named there.
        if let Some(after) = self.after_modifier(subject) {
            if let Some(found) = self.names(start + after, end, after_by) {
                return Some(found);
            }
        }
        // "各地区各有关部门要…" (dev 002 五): a listed collective, then another class of bodies
        // opening with 各, written without a 、 between them.
        if !subject.contains(['、', '，', ',']) && subject.chars().skip(1).any(|c| c == '各') {
            if let Some(found) = self.class_after_collective(start, end, after_by) {
                return Some(found);
            }
        }
        // Most subjects read here are one name that is no body's ("本市", "必要时", "申请人可以"):
        // with nothing in it to split at, the list's reading below yields the subject as its only
        // piece, without head or scope to share, so its kind alone decides.
        if !self.may_split(subject) {
            return match self.kind(subject, after_by) {
                Kind::Public => Some(vec![(start, end, subject.to_owned())]),
                Kind::Other | Kind::NotABody => None,
            };
        }
        self.read_list(start, end, after_by)
    }

    /// Whether [`Reader::read_names`] of `subject` reads no body, known from its last character
    /// alone: most subjects read name none, and the list's reading ([`Reader::read_list`], two
    /// in three of its subjects naming none) runs more code than the instruction cache holds.
    /// Exact, for a subject without 等 that ends with no white space and no closing bracket.
    /// The list's last piece then ends where the subject ends (the pieces are trimmed of white
    /// space only; a separator or a conjunction closing the subject leaves an empty last piece),
    /// its name ends with the subject's last character, and no head is shared
    /// ([`Reader::shared_head`] takes a head after 等, or one closing the last piece, whose last
    /// character this is). [`Reader::kind`] finds a name so ended public or an association's
    /// only when that character may end a body head, a `needs_head` or `not_agency` word, an
    /// agency marker, a short form of the document, or a name the gazetteer may know; with none
    /// of them the last piece is no body and, with no head to restore it, ends the list's
    /// reading with none. The other readings of [`Reader::read_names`] read a name or a subject
    /// ending where this one does (after a possessive, a modifier, a listed collective), so
    /// they find none either.
    fn ends_with_no_body(&self, subject: &str) -> bool {
        let Some(c) = subject.chars().next_back() else {
            return false;
        };
        if c.is_whitespace() || is_close(c) || subject.chars().any(|x| x == '等') {
            return false;
        }
        let w = self.words;
        let gazetteer = &self.ontology.gazetteer;
        let mut buf = [0u8; 4];
        !(w.heads.may_end_with(c)
            || w.needs_head.may_end_with(c)
            || w.not_agency.may_end_with(c)
            || w.township_suffix.may_end_with(c)
            || gazetteer.may_end_agency(c)
            || gazetteer.may_be_known(c.encode_utf8(&mut buf))
            || self
                .short_forms
                .iter()
                .any(|f| f.is_empty() || f.ends_with(c)))
    }

    /// [`Reader::read_names`] of a subject that the list's reading may split: kept out of line,
    /// so that the subjects of one piece (most of those read) run only the short code before it.
    #[inline(never)]
    fn read_list(
        &self,
        start: usize,
        end: usize,
        after_by: bool,
    ) -> Option<Vec<(usize, usize, String)>> {
        let subject = &self.text[start..end];
        // "发展改革、教育等部门（单位）和工会、妇联等群团组织": two lists, each closed by its
        // own head; a second list may name no public body at all, one more body must be one
        // ("农业农村、水利等有关主管部门及乡镇人民政府").
        if let Some((left_end, right_start, listed)) = self.second_list(start, end) {
            let right = self.names(right_start, end, after_by);
            // "民族宗教、文化、旅游等有关部门及茶文化研究会": a list closed by its own head
            // stands whatever short noun follows it (a society, no public body).
            let noun = || {
                let r = &self.text[right_start..end];
                let joined = &self.text[left_end..end];
                r.chars().count() <= MAX_ALONE
                    && self.words.not_name_start.starts(joined).is_none()
                    && self.words.cue(r).is_none()
                    && self.closes_name(r)
            };
            if right.is_none() && noun() {
                return self.names(start, left_end, after_by);
            }
            if listed || right.is_some() {
                let mut out = self.names(start, left_end, after_by)?;
                out.extend(right.unwrap_or_default());
                return Some(out);
            }
        }
        // Conjunctions are read below ("X及其有关部门" → X, X有关部门; "市、区人民政府和有关
        // 部门" keeps its collective): pieces split at one are joined again.
        let mut listed: Vec<(usize, usize)> = Vec::new();
        for (s, e) in pieces(subject, self.ontology) {
            match listed.last_mut() {
                Some(last) if !subject[last.1..s].contains(['、', '，', ',', '；', ';']) => {
                    last.1 = e;
                }
                _ => listed.push((s, e)),
            }
        }
        // "市、县（市、区）人民政府", "县区、开发区中小企业管理部门": places sharing one kind of
        // body are one collective body, kept whole.
        // Not when the last piece is a class of bodies of its own ("各地区、各有关部门").
        // "各地区、各部门" (dev 001 二): 各 before a bare head is a class of its own too, after
        // listed collectives ("各区、各部门" stays whole: 各区 is no listed class).
        let listed_before = || {
            listed[..listed.len().saturating_sub(1)]
                .iter()
                .all(|&(s, e)| {
                    let r = crate::memo::resolved(self.ontology, subject[s..e].trim(), self.scope);
                    r.known && r.collective
                })
        };
        let last_collective = || {
            listed.last().is_some_and(|&(s, e)| {
                let last = subject[s..e].trim_start();
                match last.strip_prefix('各') {
                    Some(rest) => {
                        self.words.collective.starts(rest).is_some()
                        || (self.words.bare_head.is_word(rest)
                            && listed_before())
                        // "各区、各市级部门" (corpus/extra 06b 第六十六条): a class of bodies
                        // with its own head, after listed collectives.
                        || (self.words.heads.ends(rest).is_some()
                            && !rest.contains(['、', '，', ','])
                            && listed_before())
                    }
                    // "各县（市、区）、市直有关部门": a listed class of departments after places is a
                    // class of its own, not their shared head (as 人民政府 is in "市、县人民政府").
                    None => {
                        self.words.collective.starts(last).is_some()
                            || self.listed_class(last.trim_end())
                    }
                }
            })
        };
        // A level of government standing alone: a level word (自治区, 直辖市) or a one-character
        // scope prefix (省).
        let one_level = |piece: &str| {
            let w = &self.ontology.words.level_words;
            w.iter().any(|w| piece == w.as_str())
                || (piece.chars().count() == 1 && self.words.scope_prefix.is_word(piece))
        };
        // Or levels joined by a conjunction: "市和区、县科技、农业、教育等行政管理部门".
        // The levels joined open with one: a level word, or a one-character scope prefix, which
        // starts the piece as its first character. Most pieces open with neither, and are not
        // searched for each conjunction.
        let opens_level = |piece: &str| {
            let w = &self.ontology.words.level_words;
            w.iter().any(|w| piece.starts_with(w.as_str()))
                || piece.chars().next().is_some_and(|c| {
                    self.words
                        .scope_prefix
                        .words()
                        .iter()
                        .any(|p| p.len() == c.len_utf8() && piece.starts_with(p.as_str()))
                })
        };
        let level = |piece: &str| {
            one_level(piece)
                || (opens_level(piece)
                    && self.words.conjunction.words().iter().any(|c| {
                        !c.is_empty()
                            && piece.contains(c.as_str())
                            && piece.split(c.as_str()).all(&one_level)
                    }))
        };
        // A piece that ends with a body's head or an agency's suffix names a body of its own,
        // whatever place opens it: "各县（市、区）人民政府、市财政局" is two bodies.
        let places = listed.len() > 1
            && listed[..listed.len() - 1].iter().all(|&(s, e)| {
                let whole = subject[s..e].trim();
                if self.words.heads.ends(whole).is_some()
                    || self.ontology.gazetteer.looks_like_agency(whole)
                {
                    return false;
                }
                let piece = whole.split(is_open).next().unwrap_or("");
                level(piece)
                    || self
                        .ontology
                        .words
                        .level_words
                        .iter()
                        .any(|w| piece.ends_with(w.as_str()))
            })
            && !last_collective();
        // "省、自治区、直辖市发展改革、粮食、价格和商务部门": levels listed before the piece whose
        // level word opens a list of fields are one collective scope, which every field shares.
        let mut levels: Option<String> = None;
        let listed = if places {
            vec![(listed[0].0, listed[listed.len() - 1].1)]
        } else {
            let run = listed
                .iter()
                .take_while(|&&(s, e)| level(subject[s..e].trim()))
                .count();
            let opening = listed.get(run).and_then(|&(s, e)| {
                let piece = subject[s..e].trim_start();
                let w = self
                    .ontology
                    .words
                    .level_words
                    .iter()
                    .filter(|w| piece.starts_with(w.as_str()))
                    .max_by_key(|w| w.len())?;
                let rest = &piece[w.len()..];
                let blocked =
                    w.chars().count() == 1 && self.words.scope_blocker.starts(rest).is_some();
                // The level's government and its 的 go with it: "市和区、县人民政府的科技、农业等
                // 行政管理部门" → 市和区、县人民政府的农业行政管理部门.
                let shared = self
                    .scope_prefix(piece)
                    .filter(|p| p.starts_with(w.as_str()) && p.len() < piece.len())
                    .map_or(w.len(), |p| p.len());
                (!rest.is_empty() && !blocked).then(|| (e - piece.len()) + shared)
            });
            match opening {
                Some(level_end) if run > 0 && run + 1 < listed.len() => {
                    levels = Some(subject[listed[0].0..level_end].to_owned());
                    let mut merged = vec![(listed[0].0, listed[run].1)];
                    merged.extend_from_slice(&listed[run + 1..]);
                    merged
                }
                _ => listed,
            }
        };
        // Pieces at 、, then at the conjunctions between two bodies.
        let mut raw: Vec<(usize, usize, Option<String>)> = Vec::new();
        let in_list = listed.len() > 1;
        for (s, e) in listed {
            self.split_conjunctions(start + s, start + e, in_list, &mut raw)?;
        }
        // The shared head and scope of the last piece: "…等有关主管部门", "…、公安部门".
        let (head, last_end) = self.shared_head(&mut raw);
        // The scope a piece shares with the pieces after it: "国家融资担保基金和省级担保、再担保
        // 基金（机构）" → 省级再担保基金（机构）.
        let mut scope: Option<String> = None;
        let mut restored_any = false;
        let mut prev_written: Option<(String, String)> = None;
        let mut out = Vec::new();
        let count = raw.len();
        for (k, (s, e, own)) in raw.into_iter().enumerate() {
            let e = if k + 1 == count {
                last_end.min(e).max(s)
            } else {
                e
            };
            let written = self.text[s..e].trim();
            if written.is_empty() {
                return None;
            }
            // "自治县人民政府确定的部门（以下简称惠明茶产业主管部门）": the body is named by its
            // short form, as the rest of the document names it, at the short form's place.
            if let Some((fs, fe)) = self.defined_short_form(s, e) {
                prev_written = None;
                out.push((fs, fe, self.text[fs..fe].to_owned()));
                continue;
            }
            let own = own.unwrap_or_default();
            // Joined, not `format!`: once per piece of every subject, and the formatting
            // machinery's code crowded the reader's out of the instruction cache.
            let mut name = [own.as_str(), written].concat();
            // "有关部门和单位": a bare head after a conjunction shares the collective words of
            // the body before it (有关单位, not 单位), and its owner ("X及有关部门和单位" → X有关
            // 单位, as X有关部门).
            if self.words.heads.is_word(&name) {
                if let Some((before, owner)) = &prev_written {
                    name = [owner.as_str(), self.collective_prefix(before), &name].concat();
                }
            }
            prev_written = Some((written.to_owned(), own));
            let mut kind = self.kind(&name, after_by);
            // A piece that is no body, with no head to restore it, ends the reading: before its
            // scope is read (most subjects read here are no list of bodies).
            if kind == Kind::NotABody && head.is_none() {
                return None;
            }
            // "国家派驻浙江的税务、海关…等机构": a modifier closed by 的 opening a piece of a list
            // sharing its head is shared by the pieces after it, as a level is, and is no piece
            // of the scope before it.
            let own_scope = self.scope_prefix(&name).or_else(|| {
                let i = name.rfind('的').filter(|_| head.is_some() && count > 1)?;
                let at = i + '的'.len_utf8();
                (at < name.len()).then(|| name[..at].to_owned())
            });
            let takes_head = head.is_some()
                && (self.words.needs_head.ends(&name).is_some()
                    || (count > 1
                        && self
                            .words
                            .needs_list_head
                            .words()
                            .iter()
                            .any(|w| w == &name)));
            if kind == Kind::NotABody || takes_head {
                let Some(head) = &head else { return None };
                let mut restored = [name.as_str(), head].concat();
                if let (Some(p), None) = (&scope, &own_scope) {
                    restored = [p.as_str(), &restored].concat();
                }
                kind = self.kind(&restored, after_by);
                name = restored;
                restored_any = true;
            } else if k + 1 == count && restored_any {
                // The piece that carries the shared head shares the scope too: "各级政府性融资
                // 担保、再担保机构" → 各级政府性再担保机构.
                if let (Some(p), None) = (&scope, &own_scope) {
                    let scoped = [p.as_str(), &name].concat();
                    if self.kind(&scoped, after_by) == Kind::Public {
                        name = scoped;
                    }
                }
            }
            if own_scope.is_some() {
                scope = own_scope;
            }
            if k == 0 && levels.is_some() {
                scope = levels.take();
            }
            match kind {
                Kind::Public => {
                    // "企业事业单位" (dev 019b 第四十三条) is 企业 and 事业单位 written as one word:
                    // only the institutions are public bodies.
                    match self.words.enterprise_joined.starts(&name) {
                        Some(p)
                            if name.len() > p.len()
                                && self.kind(&name[p.len()..], after_by) == Kind::Public
                                && self.text[s..e].starts_with(p) =>
                        {
                            let tail = name[p.len()..].to_owned();
                            out.push((s + p.len(), e, tail));
                        }
                        _ => out.push((s, e, name)),
                    }
                }
                Kind::Other => {}
                Kind::NotABody => return None,
            }
        }
        Some(out).filter(|o| !o.is_empty())
    }

    /// "各地区各有关部门": subject `[start, end)` as a listed collective and a class of bodies
    /// opening with 各 after it, when it is one ([`Reader::read_names`]).
    #[inline(never)]
    fn class_after_collective(
        &self,
        start: usize,
        end: usize,
        after_by: bool,
    ) -> Option<Vec<(usize, usize, String)>> {
        let subject = &self.text[start..end];
        let split = subject.match_indices('各').map(|(i, _)| i).find(|&i| {
            i > 0 && {
                let r = crate::memo::resolved(self.ontology, &subject[..i], self.scope);
                r.known && r.collective
            }
        });
        let i = split?;
        (self.kind(&subject[i..], after_by) == Kind::Public).then(|| {
            vec![
                (start, start + i, subject[..i].to_owned()),
                (start + i, end, subject[i..].to_owned()),
            ]
        })
    }

    /// The offset in `subject` just after the last 的 that closes a `modifier` ("…所在地的").
    fn after_modifier(&self, subject: &str) -> Option<usize> {
        subject
            .rmatch_indices('的')
            .find(|&(i, d)| {
                self.words.modifier.ends(&subject[..i]).is_some()
                    // "进驻政务服务中心的有关单位" (dev 027 第四十一条): a collective after 的 is
                    // named bare, what places it is a modifier; not a government's own
                    // departments ("市和区、县人民政府的其他有关行政管理部门").
                    || (self.words.collective.starts(&subject[i + d.len()..]).is_some()
                        && self.words.owner.ends(&subject[..i]).is_none())
            })
            .map(|(i, d)| i + d.len())
    }

    /// The short form piece `[s, e)` defines in the bracket that closes it, as a byte range
    /// of the text: "X（以下简称Y）" → Y.
    fn defined_short_form(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        if !self.text[s..e].trim_end().ends_with(is_close) {
            return None;
        }
        self.short_form_in_bracket(s, e)
    }

    /// [`Reader::defined_short_form`] of a piece closed by a bracket: few are, and the reading
    /// of the bracket is kept out of the loop over a list's pieces.
    #[inline(never)]
    fn short_form_in_bracket(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        let piece = self.text[s..e].trim_end();
        let open = piece.rfind(is_open)?;
        let inside_at = s + open + piece[open..].chars().next().map_or(0, char::len_utf8);
        let (fs, fe) = self.words.short_form_in(&self.text[inside_at..e])?;
        let (fs, fe) = (inside_at + fs, inside_at + fe);
        // The body defined or its short form must read as a public body's name.
        let public = |n: &str| self.kind(n, false) == Kind::Public;
        (open > 0 && (public(&piece[..open]) || public(&self.text[fs..fe]))).then_some((fs, fe))
    }
    /// The collective words a name opens with ("其他有关部门" → 其他有关), possibly empty.
    fn collective_prefix<'n>(&self, name: &'n str) -> &'n str {
        let mut rest = name;
        while let Some(q) = self.words.collective.starts(rest) {
            rest = &rest[q.len()..];
        }
        &name[..name.len() - rest.len()]
    }

    /// Where subject `[start, end)` holds a list closed by its own shared head after 等, then
    /// a conjunction and more bodies ("A、B等部门和C、D等群团组织", "A、B等有关主管部门及乡镇人民
    /// 政府"): the end of the list, the start of what follows, and whether that is a list of its
    /// own (with 、 and 等).
    fn second_list(&self, start: usize, end: usize) -> Option<(usize, usize, bool)> {
        let subject = &self.text[start..end];
        let first_etc = self.words.first_etc(subject)?;
        let after = first_etc + '等'.len_utf8();
        for (k, _) in subject[after..].char_indices() {
            let at = after + k;
            let Some(c) = self.words.conjunction.starts(&subject[at..]) else {
                continue;
            };
            let left = subject[after..at].trim_end_matches(is_close);
            let left = match left.rfind(is_open) {
                Some(b) if left.len() < subject[after..at].len() => &left[..b],
                _ => left,
            };
            let right = &subject[at + c.len()..];
            if !left.is_empty() && !left.contains(['、', '，']) && self.closes_name(left) {
                let listed = right.contains('、') && right.contains('等');
                return Some((start + at, start + at + c.len(), listed));
            }
        }
        None
    }

    /// Split piece `[s, e)` at the conjunctions that join two bodies; "X及其Y" gives X and "XY".
    fn split_conjunctions(
        &self,
        s: usize,
        e: usize,
        in_list: bool,
        out: &mut Vec<(usize, usize, Option<String>)>,
    ) -> Option<()> {
        let mut from = s;
        let mut own: Option<String> = None;
        let piece = &self.text[s..e];
        let mut depth = 0usize;
        let mut i = 0;
        while i < piece.len() {
            let c = piece[i..].chars().next()?;
            if is_open(c) {
                depth += 1;
            } else if is_close(c) {
                depth = depth.saturating_sub(1);
            }
            let at = s + i;
            if depth == 0 && at > from {
                let rest = &self.text[at..e];
                // "X及其他有关部门": 及 and 其他, not 及其 ("X及其有关部门").
                let own_word = self
                    .words
                    .own
                    .starts(rest)
                    .filter(|_| self.words.not_own.starts(rest).is_none());
                let conj = own_word.or_else(|| self.words.conjunction.starts(rest));
                if let Some(w) = conj {
                    let left = self.text[from..at].trim();
                    let right = &self.text[at + w.len()..e];
                    // "医疗保障等有关部门和单位": a head joined to an open list's head is part of
                    // it, no body of its own.
                    let joined_head = left.contains('等') && self.words.heads.is_word(right.trim());
                    // "发展改革、粮食、价格和商务部门": in a list sharing a head, the last piece
                    // joins two fields before the head, unless a body's name holds the words
                    // joined (工业和信息化部门 is one body's field). Not before an open list's 等:
                    // the 和 that closes an enumeration closes it, and "公共数据和电子政务等部门"
                    // joins no two items.
                    let fields = || {
                        let right = right.trim();
                        if right.contains('等') {
                            return false;
                        }
                        let Some(h) = self
                            .words
                            .heads
                            .ends(right)
                            .filter(|h| h.len() < right.len())
                        else {
                            return false;
                        };
                        let stem = &right[..right.len() - h.len()];
                        // "城管和其他有关行政机关": a class of its own follows, not a field.
                        own_word.is_none()
                            && self.words.collective.starts(stem).is_none()
                            && left.chars().count() <= 6
                            && !left.contains(['、', '等'])
                            && self.kind(left, false) == Kind::NotABody
                            && self.kind(stem, false) == Kind::NotABody
                            && !self
                                .ontology
                                .gazetteer
                                .names_hold(&format!("{left}{w}{stem}"))
                    };
                    // "商务、经济信息化及其他有关部门": a field, then a class of its own that
                    // gives the list its head (经济信息化部门, 其他有关部门).
                    let class_follows = || {
                        let right = right.trim();
                        !right.contains('等')
                            && self.words.collective.starts(right).is_some()
                            && self.words.heads.ends(right).is_some()
                            && left.chars().count() <= 6
                            && !left.contains(['、', '等'])
                            && self.kind(left, false) == Kind::NotABody
                    };
                    if !right.trim().is_empty()
                        && (self.closes_name(left) || (in_list && (fields() || class_follows())))
                        && !joined_head
                    {
                        let owned = own_word.is_some()
                            || (self.words.own_loose.is_word(w)
                                && self.words.owner.ends(left).is_some()
                                && self.words.collective.starts(right.trim_start()).is_some());
                        out.push((from, at, own.take()));
                        from = at + w.len();
                        if owned {
                            own = Some(left.to_owned());
                        }
                        i += w.len();
                        continue;
                    }
                }
            }
            i += c.len_utf8();
        }
        out.push((from, e, own));
        Some(())
    }

    /// The head the list's pieces share, from its last piece ("等有关主管部门" → 主管部门;
    /// "公安部门" → 部门), and where the last piece's own name ends (before 等). `None` as head
    /// for a list of one.
    fn shared_head(&self, raw: &mut [(usize, usize, Option<String>)]) -> (Option<String>, usize) {
        let Some(&(s, e, _)) = raw.last() else {
            return (None, 0);
        };
        let last = &self.text[s..e];
        if let Some(i) = last.rfind('等') {
            let mut tail = &last[i + '等'.len_utf8()..];
            // "财政、税务等3个部门": the count is no part of the head.
            tail = strip_count(tail);
            while let Some(q) = self.words.collective.starts(tail) {
                tail = &tail[q.len()..];
            }
            let tail = match tail.find(is_open) {
                Some(b) if tail.ends_with(is_close) => &tail[..b],
                _ => tail,
            };
            // "等有关部门和单位": the first of two heads joined is the one the pieces share.
            let tail = self
                .words
                .conjunction
                .words()
                .iter()
                .filter_map(|c| tail.split_once(c.as_str()))
                .find(|(h, rest)| {
                    let is_head = |w: &str| self.words.heads.is_word(w);
                    is_head(h) && is_head(rest)
                })
                .map_or(tail, |(h, _)| h);
            // "等市场监管领域有关部门": a field qualifies the class; the head after its 有关 is
            // the one the pieces share.
            let tail = self
                .words
                .collective
                .words()
                .iter()
                .filter_map(|q| tail.rfind(q.as_str()).map(|k| &tail[k + q.len()..]))
                .find(|rest| self.words.heads.is_word(rest))
                .unwrap_or(tail);
            let end = s + i;
            if tail.is_empty() {
                return (None, end);
            }
            if self.words.heads.is_word(tail) {
                return (Some(tail.to_owned()), end);
            }
            // "各级人民法院和司法鉴定、资产评估等专业机构": the list shares a body's head that
            // names no public body; its pieces are dropped, the bodies joined to it kept (not
            // the 等 of 高等学校: 学校 is no such head).
            if self.words.not_agency.ends(tail).is_some() && self.words.heads.ends(tail).is_some() {
                return (Some(tail.to_owned()), end);
            }
            // "等省级主管部门（单位）", "等组织": an open list with no head to share.
            if self.words.group_class.is_word(tail)
                || self
                    .ontology
                    .gazetteer
                    .is_generic_tail(&last[i + '等'.len_utf8()..])
            {
                return (None, end);
            }
            // "税务、海关等中央驻鲁单位" (dev 023 第五条): a longer head naming a class of bodies
            // (the central bodies' offices in the province) is shared whole.
            // Only for a list of fields: "公安机关、…、审计机关等国家机关" names its bodies whole.
            if self.words.heads.ends(tail).is_some()
                && !tail.contains(['、', '，', '的'])
                && !self.closes_name(last[..i].trim())
            {
                return (Some(tail.to_owned()), end);
            }
            // "等单位": keep the last piece whole.
            return (None, e);
        }
        if raw.len() < 2 {
            return (None, e);
        }
        // "各区、各部门": a class of bodies closing the list shares no head; nor does a listed
        // class of departments ("各县（区）、市直各有关单位").
        if last
            .trim_start()
            .strip_prefix('各')
            .is_some_and(|rest| self.words.bare_head.is_word(rest))
            || self.listed_class(last.trim())
        {
            return (None, e);
        }
        // "省级担保、再担保基金（机构）": the head keeps the bracket that follows it.
        let (core, bracket) = match last.rfind(is_open) {
            Some(b) if last.ends_with(is_close) => last.split_at(b),
            _ => (last, ""),
        };
        let head = self
            .words
            .heads
            .ends(core)
            .filter(|h| h.len() < core.len())
            .map(|h| {
                // "教育、房屋管理部门": 管理 is the last field's (房屋管理), 部门 the shared head.
                let h = self
                    .words
                    .field_word
                    .starts(h)
                    .map(|w| &h[w.len()..])
                    .filter(|rest| self.words.heads.is_word(rest))
                    .unwrap_or(h);
                format!("{h}{bracket}")
            });
        (head, e)
    }

    /// The scope a name opens with and shares with the names after it: "县级以上人民政府",
    /// "市"; `None` when the name is only that.
    fn scope_prefix(&self, name: &str) -> Option<String> {
        if let Some(p) = self.words.scope_prefix.starts(name) {
            // "县级以上人民政府及农业农村、商务等有关部门": a government standing whole shares
            // itself (县级以上人民政府农业农村部门), not the level inside it (县级).
            if p.len() == name.len() && self.words.owner.ends(name).is_some() {
                return Some(name.to_owned());
            }
            let rest = &name[p.len()..];
            let one_char = p.chars().count() == 1;
            let blocked = one_char
                && self.words.scope_blocker.starts(rest).is_some()
                && self.words.scope_field.starts(rest).is_none();
            if !rest.is_empty() && !blocked {
                // "各级政府性…", "自治县的…": the attribute and the 的 go with the scope.
                let mut len = p.len();
                if let Some(a) = self.words.scope_attribute.starts(&name[len..]) {
                    len += a.len();
                }
                if name[len..].starts_with('的') {
                    len += '的'.len_utf8();
                }
                if len == name.len() {
                    len = p.len();
                }
                return Some(name[..len].to_owned());
            }
        }
        // "沿海县级以上人民政府农业农村…": everything up to a government inside the name.
        // Each prefix counts at its last occurrence only (as `rfind` would find it).
        let mut last_end = vec![0usize; self.words.scopes_inside.patterns_len()];
        for m in self.words.scopes_inside.find_overlapping_iter(name) {
            let e = &mut last_end[m.pattern().as_usize()];
            *e = (*e).max(m.end());
        }
        last_end
            .into_iter()
            .filter(|&e| e > 0 && e < name.len())
            .max()
            .map(|e| name[..e].to_owned())
    }
}

/// The byte offset just after the last opening bracket of `text` that no bracket closes
/// after it, if any.
fn unclosed_open(text: &str) -> Option<usize> {
    let (i, c) = text
        .char_indices()
        .rev()
        .find(|&(_, c)| is_open(c) || is_close(c))?;
    is_open(c).then_some(i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::{offsets_in, strip_count, DutyWords, Kind, Reader, WordList};
    use policykg_ontology::Ontology;
    use std::rc::Rc;

    /// A count after 等 is no part of the head a list shares ("…、岚城等5个乡镇负责", dev 032 五;
    /// "十二个部门"); words opening with a numeral that are no count stay whole.
    #[test]
    fn a_count_is_stripped_from_the_shared_head() {
        assert_eq!(strip_count("5个乡镇"), "乡镇");
        assert_eq!(strip_count("十二个部门"), "部门");
        assert_eq!(strip_count("个部门"), "个部门");
        assert_eq!(strip_count("三农部门"), "三农部门");
        assert_eq!(strip_count("有关部门"), "有关部门");
    }

    /// The prepositions' places in the not-passive words, found once, answer as the search in
    /// every word does, at every position of sentences holding them.
    #[test]
    fn passive_table_answers_as_the_search() {
        let o = Ontology::bundled();
        let w = DutyWords::for_ontology(o);
        let search = |s: &str, at: usize, p: &str| {
            let holds = |list: &WordList| {
                list.words().iter().any(|x| {
                    offsets_in(x, p).any(|k| {
                        k <= at && s.get(at - k..).is_some_and(|t| t.starts_with(x.as_str()))
                    })
                })
            };
            holds(&w.not_passive) && !holds(&w.still_passive)
        };
        assert!(!w.passive_inside.is_empty());
        let texts = [
            "登记管理由省级登记机关负责，理由是经济发展由于需要，经由区经济发展局审核",
            "规划由自治县旅游主管部门组织编制，经批准后实施，自由贸易试验区被评为示范",
        ];
        for (p, _, _) in &w.passive_inside {
            for s in texts {
                for (at, _) in s.match_indices(p.as_str()) {
                    assert_eq!(
                        w.not_passive_at(s, at, p),
                        search(s, at, p),
                        "{p} at {at} of {s}"
                    );
                }
            }
        }
    }

    /// [`Reader::ends_with_no_body`] answers only where the list's reading finds no body, nor
    /// the reading of the subject as one name: the text before every cue of the bundled seeds, extra documents and versions, read from
    /// its clause's start (after ，。；： or a line break, so that lists with 、 are read), as
    /// [`Reader::read_names`] would hand it to [`Reader::read_list`].
    #[test]
    fn no_body_by_last_character_is_exact() {
        let o = Ontology::bundled();
        let words = DutyWords::for_ontology(o);
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
        let (mut listed, mut answered) = (0, 0);
        for dir in ["seeds", "extra", "versions"] {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                let reader = Reader {
                    text: &text,
                    scope: None,
                    ontology: o,
                    words: &words,
                    short_forms: Rc::from(words.short_forms(&text, o)),
                };
                let mut start = 0;
                for (i, c) in text.char_indices() {
                    if matches!(c, '，' | '。' | '；' | '：' | '\n') {
                        start = i + c.len_utf8();
                        continue;
                    }
                    let subject = &text[start..i];
                    if subject.trim().is_empty()
                        || subject.chars().count() > 40
                        || words.cue(&text[i..]).is_none()
                    {
                        continue;
                    }
                    let split = reader.may_split(subject);
                    listed += usize::from(split);
                    if reader.ends_with_no_body(subject) {
                        answered += usize::from(split);
                        for after_by in [false, true] {
                            assert_ne!(reader.kind(subject, after_by), Kind::Public, "{subject}");
                            if split {
                                assert_eq!(reader.read_list(start, i, after_by), None, "{subject}");
                            }
                        }
                    }
                }
            }
        }
        // Both kinds of subject are there to compare.
        assert!(answered > 20 && listed > answered, "{answered} of {listed}");
    }

    /// The offsets are `match_indices`'s, overlapping patterns and empty ones included.
    #[test]
    fn offsets_are_those_of_match_indices() {
        for w in [
            "理由",
            "由于",
            "经济",
            "经由经",
            "由由由",
            "aaa",
            "",
            "自由贸易区",
        ] {
            for p in ["由", "经", "由由", "a", "aa", "", "贸易", "区"] {
                let expected: Vec<usize> = w.match_indices(p).map(|(k, _)| k).collect();
                assert_eq!(offsets_in(w, p).collect::<Vec<_>>(), expected, "{w} / {p}");
            }
        }
    }
}
