//! policykg-extract: the third stage, **outline → facts**.
//!
//! What researchers now copy into spreadsheets by hand: the tasks of a notice, the agencies
//! responsible for each with their role (lead / support / joint) and the basis of that role,
//! numeric targets, and money amounts. The result, an [`Extraction`], is the contract that the
//! graph, the CLI's JSONL/CSV output and the diff all read.
//!
//! What it is not for: reading bytes or finding headings (earlier stages), or linking documents
//! to one another (the graph stage).

mod model;

pub use model::*;
