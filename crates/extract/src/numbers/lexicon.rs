//! The lexicon the finders match against: the one of the [`Ontology`] given to
//! [`crate::extract`] (`ontology/lexicon/`, extended by `--ontology DIR`), loaded and typed by
//! `policykg-ontology`.
//!
//! The finders are many small functions over `&[char]` (`quantity_at`, the cue matchers of
//! targets and money) that every caller reaches through a public entry point taking only text;
//! rather than thread the lexicon through each of them, [`with_lexicon`] installs it for the
//! current thread for the duration of one call, and [`lexicon`] returns it (the bundled one
//! when none is installed, as for the text-only entry points such as `numbers::find`).

use std::cell::RefCell;
use std::sync::Arc;

use policykg_ontology::Ontology;
pub use policykg_ontology::{Cues, Lexicon, UnitClass, Words};

thread_local! {
    static CURRENT: RefCell<Option<Arc<Lexicon>>> = const { RefCell::new(None) };
}

/// The lexicon in effect on this thread.
pub fn lexicon() -> Arc<Lexicon> {
    CURRENT
        .with(|c| c.borrow().clone())
        .unwrap_or_else(|| Arc::clone(&Ontology::bundled().lexicon))
}

/// Run `f` with `lexicon` in effect on this thread; the previous one is restored afterwards,
/// also when `f` panics.
pub fn with_lexicon<R>(lexicon: &Arc<Lexicon>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<Lexicon>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|c| c.borrow_mut().replace(Arc::clone(lexicon)));
    let _restore = Restore(previous);
    f()
}
