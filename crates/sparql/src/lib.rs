//! SPARQL text before it reaches a parser, and syntax errors after.
//!
//! What it is for: checking a query or update's text before spargebra's recursive-descent
//! parser sees it ([`check`], on the tokens of a real [`lexer`]), so that hostile or generated
//! text (50,000 nested braces, a 100,000-term `||` chain) is refused with a message saying which
//! limit, where, and what to do, instead of overflowing a thread's stack and aborting the
//! process; the stack size that parsing and evaluating anything [`check`] accepts needs
//! ([`QUERY_STACK_BYTES`]); and describing the parser's syntax errors in the user's terms
//! ([`describe_syntax_error`]). The CLI (`policykg_graph::query::prepare`) and the endpoint
//! (`policykg_serve::protocol::check_operation_text`) share it.
//!
//! What it is not for: parsing or evaluating SPARQL (that is spargebra and Oxigraph), or
//! deciding whether text is valid SPARQL: the guard lets syntax errors through for the parser
//! to report, and only bounds what could make something recurse too deep.

pub mod guard;
pub mod lexer;
pub mod report;
pub mod shapes;

pub use guard::{check, GuardError, Limit, Limits};
pub use report::{describe_syntax_error, describe_syntax_error_with_prefixes, SyntaxErrorReport};

/// Stack for a thread that parses, optimises, evaluates and drops one operation that
/// [`check`] accepted with [`Limits::DEFAULT`].
///
/// Measured by `tests/limits.rs` (parsing and dropping) and by the graph crate's
/// `tests/query_limits.rs` (parsing, optimising, evaluating on an in-memory store), which run
/// every shape at the limits on a thread of this size. In a debug build (the deepest stacks)
/// 32 MiB overflowed and 64 MiB sufficed (2026-11-29); four times that leaves room for shapes
/// combined in ways the tests do not try. Only touched pages are committed, so this costs
/// address space, not memory.
pub const QUERY_STACK_BYTES: usize = 256 * 1024 * 1024;
