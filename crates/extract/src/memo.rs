//! Gazetteer resolutions remembered for one document: a document names the same bodies again
//! and again (every task of a table, every clause of a regulation), and each finder resolves
//! what it reads. [`with_memo`] holds the answers for the length of one [`crate::extract`]
//! call, during which the ontology is borrowed and cannot change, so an answer is the one
//! [`Gazetteer::resolve`](policykg_ontology::Gazetteer::resolve) would give again.
//! Answers are lent ([`resolved`]) rather than cloned: most callers read one flag of them.

use std::cell::RefCell;
use std::rc::Rc;

use policykg_ontology::{Jurisdiction, Ontology, Resolution};

/// Names hashed with foldhash: SipHash cost more than the look-up saved (540 instructions a
/// look-up), and the keys come from the documents, which may be hostile: a fixed-seed hash
/// such as FxHash would let a crafted page collide its names into one chain. foldhash's seed is
/// random per process.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The answers for one ontology and scope (by address: both are borrowed for the whole call).
struct Memo {
    ontology: usize,
    scope: usize,
    answers: HashMap<String, Rc<Resolution>>,
    /// The short forms the document defines ("（以下简称联席会议）"): within it, each names the
    /// body its definition follows. Kept whatever the ontology or scope: they are the text's.
    short_forms: Rc<[String]>,
    /// The bodies the prose reader found in a subject, by the subject's text (without and
    /// after 由): a document's clauses open with the same few subjects ("本市", "县级以上人民
    /// 政府", "有关部门"), and reading one is the reader's costliest step.
    names: [HashMap<String, SubjectNames>; 2],
}

/// The bodies of one subject as (start, end, name), offsets from the subject's start; `None`
/// when the subject is no list of bodies.
pub(crate) type SubjectNames = Option<Rc<[(usize, usize, String)]>>;

impl Memo {
    /// The memo for `key`, forgetting the answers of another ontology or scope.
    fn for_key(&mut self, key: (usize, usize)) -> &mut Self {
        if (self.ontology, self.scope) != key {
            self.ontology = key.0;
            self.scope = key.1;
            self.answers.clear();
            self.names.iter_mut().for_each(HashMap::clear);
        }
        self
    }
}

fn key_of(ontology: &Ontology, scope: Option<&Jurisdiction>) -> (usize, usize) {
    (
        ontology as *const Ontology as usize,
        scope.map_or(0, |j| j as *const Jurisdiction as usize),
    )
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// Run `f` with resolutions remembered; they are forgotten afterwards, also when `f` panics.
pub(crate) fn with_memo<R>(f: impl FnOnce() -> R) -> R {
    struct Forget(Option<Memo>);
    impl Drop for Forget {
        fn drop(&mut self) {
            let previous = self.0.take();
            MEMO.with(|m| *m.borrow_mut() = previous);
        }
    }
    let previous = MEMO.with(|m| {
        m.borrow_mut().replace(Memo {
            ontology: 0,
            scope: 0,
            answers: HashMap::default(),
            short_forms: Rc::from([]),
            names: Default::default(),
        })
    });
    let _forget = Forget(previous);
    f()
}

/// What `mention` means in `scope`: the gazetteer's answer, remembered inside [`with_memo`].
pub(crate) fn resolve(
    ontology: &Ontology,
    mention: &str,
    scope: Option<&Jurisdiction>,
) -> Resolution {
    Rc::unwrap_or_clone(resolved(ontology, mention, scope))
}

/// [`resolve`]'s answer lent, shared with the memo: no copy of its names per look-up.
pub(crate) fn resolved(
    ontology: &Ontology,
    mention: &str,
    scope: Option<&Jurisdiction>,
) -> Rc<Resolution> {
    let key = key_of(ontology, scope);
    let fresh = || {
        Rc::new(
            ontology
                .gazetteer
                .resolve(mention, scope, &ontology.jurisdictions),
        )
    };
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let Some(memo) = m.as_mut() else {
            return fresh();
        };
        let memo = memo.for_key(key);
        if let Some(r) = memo.answers.get(mention) {
            return Rc::clone(r);
        }
        let r = fresh();
        memo.answers.insert(mention.to_owned(), Rc::clone(&r));
        r
    })
}

/// Remember the short forms `text` defines, for the rest of the [`with_memo`] call that reads
/// it (nothing outside one).
pub(crate) fn note_short_forms(text: &str, ontology: &Ontology) {
    let forms =
        crate::responsibility::DutyWords::for_ontology(ontology).short_forms(text, ontology);
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            memo.short_forms = forms.into();
            memo.names.iter_mut().for_each(HashMap::clear);
        }
    });
}

/// The short forms the document being read defines, taken once by each reader of its
/// statements (asked of every candidate name, a thread-local look-up each was 5 % of a run).
pub(crate) fn short_forms() -> Rc<[String]> {
    MEMO.with(|m| {
        m.borrow()
            .as_ref()
            .map_or_else(|| Rc::from([]), |memo| Rc::clone(&memo.short_forms))
    })
}

/// The bodies of `subject` as `read` finds them, remembered inside [`with_memo`] for readers of
/// the document's own short forms (`short_forms`, as [`short_forms`] gave them): what a subject
/// names depends only on its text, whether 由 precedes it (`after_by`), the ontology, the scope
/// and those short forms.
pub(crate) fn subject_names(
    ontology: &Ontology,
    scope: Option<&Jurisdiction>,
    short_forms: &Rc<[String]>,
    subject: &str,
    after_by: bool,
    read: impl FnOnce() -> SubjectNames,
) -> SubjectNames {
    let key = key_of(ontology, scope);
    let known = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let memo = m.as_mut()?.for_key(key);
        if !Rc::ptr_eq(&memo.short_forms, short_forms) {
            return None;
        }
        Some(memo.names[usize::from(after_by)].get(subject).cloned())
    });
    // Outside a memo, or for other short forms: read, not remembered.
    let Some(known) = known else {
        return read();
    };
    if let Some(found) = known {
        return found;
    }
    // Read with the memo released: the reading resolves names through it.
    let found = read();
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            if memo_key(memo) == key && Rc::ptr_eq(&memo.short_forms, short_forms) {
                memo.names[usize::from(after_by)].insert(subject.to_owned(), found.clone());
            }
        }
    });
    found
}

fn memo_key(memo: &Memo) -> (usize, usize) {
    (memo.ontology, memo.scope)
}
