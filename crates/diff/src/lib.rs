//! policykg-diff: compares two versions of one policy, clause by clause.
//!
//! Aligns outline units (articles, items, tasks) even when renumbered, moved, split or merged,
//! highlights inserted and deleted phrases inside modified units, and reports structured changes
//! to targets, amounts and agencies. Renders text, JSON and a self-contained HTML 对照表.
//!
//! What it is not for: reading or extracting (it takes two `Extraction`s and their outlines).
