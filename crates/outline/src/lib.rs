//! policykg-outline: the second stage, **text → outline and metadata**.
//!
//! Given a [`policykg_read::Document`], it finds the heading hierarchy of a Chinese official
//! document (一、 / （一） / 1． 1. 1、 / （1） / ① / 一是 / 第X编 第X章 第X节 第X条, and the mixed
//! styles real files contain) and the document's metadata: title, status, issuing bodies, date,
//! 文号, addressees, jurisdiction, cover notice, regulation history and the documents it cites
//! (see [`metadata`] for the sources of each field, strongest first).
//!
//! What it is not for: it does not decide what is a task, who is responsible or what a number
//! means; that is `policykg-extract`, which walks the [`Outline`] built here.
//!
//! ## How headings are found
//! Only a number at the start of a line ([`numbering::number_at`]) can open a heading, and
//! whether it does is decided by *sequence*, from what is open above it, never by the line alone:
//! 1. a number continuing an open heading of its style is that heading's next sibling
//!    ("（二）" after "（一）"), closing everything below it;
//! 2. a "1" opens a level under the innermost open heading (or, if its style is already open
//!    higher up, restarts the numbering there: a second 一是…二是 run);
//! 3. a style that is not open but whose last number was n−1 continues under the current
//!    heading: items 3–5 under （二） after 1–2 under （一） (seed 001), （三） under 二、 after
//!    （二） under 一、 (State Council notices);
//! 4. a short title line numbered as the next sibling of an open heading of another style takes
//!    that heading's place, with a warning: "2、 重点任务" between 一、 and 三、 (seed 002);
//! 5. a repeated number, or one skipping a single number, is a sibling, with a warning;
//! 6. anything else is body text ("1．" inside a sentence is never at a line start; 第十一次党代会,
//!    一体化 and 2025年05月16日 are no heading numbers; an out-of-sequence number stays text).
//!
//! Lines of the closing block (特此通知, the 落款 issuer and date lines, "（此件公开发布）",
//! 抄送) are never headings; documents without any 一、/第X章 structure (news pages) may have
//! unnumbered subheadings ([`Style::Plain`]). A heading line is either a title ("一、总体要求")
//! or an item whose lead sentence is its heading ("3．支持企业技术创新。充分发挥…": heading
//! "支持企业技术创新。", the rest is body).
//!
//! ## Offsets and cost
//! All spans are character offsets into `Document::text` (the original text, never rewritten).
//! Matching happens on a normalised copy (full-width digits, letters and spaces folded;
//! invisible characters dropped), whose every offset maps back to the original through
//! [`normalize::Normalized`]. Work is linear in the length of the text (no regular expressions,
//! SIMD search for the few characters that matter, long lines scanned a bounded number of
//! times), and memory is proportional to one document.

mod agency;
mod cite;
mod date;
mod docnum;
pub mod metadata;
mod model;
/// Full-width folding with the map back to the original (the one copy lives in `policykg-text`).
pub use policykg_text::fold as normalize;
pub mod numbering;
mod text;
mod tree;

pub use model::{
    Citation, Cover, HistoryEntry, InForce, InForceBasis, Metadata, Node, NodeId, Outline, Parsed,
    Source, Sources, Style,
};

use policykg_ontology::Ontology;
use policykg_read::{Document, Warning};

use crate::text::Text;

/// Build the outline and metadata of a document.
pub fn parse(document: Document, ontology: &Ontology) -> Parsed {
    let norm = normalize::normalize(&document.text);
    let text = Text::new(&document.text, &norm, ontology);
    let mut warnings = Vec::new();
    let (outline, layout) = tree::build(&text, ontology, &mut warnings);
    let metadata = metadata::extract(&text, &layout, &document, ontology, &mut warnings);
    drop(text);
    Parsed {
        outline,
        metadata,
        warnings,
        document,
    }
}

/// The outline of a text alone, with the warnings about its numbering, read with the bundled
/// ontology (its closing-block words); [`parse`] takes any ontology.
pub fn outline(text: &str) -> (Outline, Vec<Warning>) {
    let norm = normalize::normalize(text);
    let ontology = Ontology::bundled();
    let t = Text::new(text, &norm, ontology);
    let mut warnings = Vec::new();
    let (outline, _) = tree::build(&t, ontology, &mut warnings);
    (outline, warnings)
}
