//! Refusing SPARQL text that would make the parser, the algebra, the optimiser, the evaluator
//! or `Drop` recurse deeper than a thread's stack, before any of them sees it.
//!
//! spargebra parses by recursive descent (one chain of calls per bracket level) and builds
//! nested binary trees from flat text: `a || b || c` is `Or(Or(a, b), c)`, and so are `&&`,
//! `+ - * /`, `UNION`, the `/` and `|` of property paths, and the elements of a group (each
//! OPTIONAL, MINUS, BIND, sub-group or FILTER after the first is one more level of `Join`,
//! `LeftJoin`, `Extend`, `And`...). Everything downstream walks those trees recursively. So the
//! guard bounds, on the tokens of the text:
//! - how deep brackets `{ ( [` nest ([`Limits::max_nesting`]: the parser's recursion);
//! - how many operators one chain has ([`Limits::max_chain`]) and how many prefix operators
//!   `! - + ^` follow one another ([`Limits::max_unary`]);
//! - how deep the resulting tree can be at most, nesting and chains together
//!   ([`Limits::max_tree_depth`]: the recursion of everything after the parser);
//! - how deep `SELECT` sub-queries nest ([`Limits::max_subqueries`]: each is a whole evaluator);
//! - the length of the text ([`Limits::max_bytes`]).
//!
//! Every estimate errs on the side of counting more than the parser will build.

use std::fmt;

use crate::lexer::{line_column, tokens, Kind, Token};

/// The bounds [`check`] enforces. [`Limits::DEFAULT`] is what [`crate::QUERY_STACK_BYTES`] is
/// measured for: raising any of them needs a larger stack (see `tests/limits.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest text, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of `{ ( [`.
    pub max_nesting: usize,
    /// Most binary operators (or group elements) in one chain at one bracket level.
    pub max_chain: usize,
    /// Most `/` in one chain: property path sequences become joins the optimiser orders in
    /// time cubic in their length (200 steps: 6 s), so they get a far lower bound than other
    /// chains.
    pub max_path_sequence: usize,
    /// Most elements (OPTIONAL, MINUS, FILTER, BIND, sub-groups...) in one group: the
    /// optimiser orders them in time cubic in their number (500 OPTIONALs: minutes).
    pub max_group_elements: usize,
    /// Most prefix operators in a row.
    pub max_unary: usize,
    /// Deepest `SELECT` inside `SELECT`.
    pub max_subqueries: usize,
    /// Deepest syntax tree, counting each bracket level and each chained operator as a level.
    pub max_tree_depth: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        // The endpoint's default request body limit: the guard refuses no request the
        // endpoint would have accepted before it existed, on length alone.
        max_bytes: 10 * 1024 * 1024,
        max_nesting: 128,
        max_chain: 1000,
        max_path_sequence: 64,
        max_group_elements: 64,
        max_unary: 32,
        max_subqueries: 16,
        max_tree_depth: 1500,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which limit a text broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Nothing but white space and comments.
    Empty,
    Length,
    Nesting,
    Chain,
    PathSequence,
    GroupElements,
    Unary,
    Subqueries,
    TreeDepth,
}

/// Why [`check`] refused a text: the limit, where (1-based line and column in characters, as
/// the parser reports them), and what to do, in [`GuardError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardError {
    pub limit: Limit,
    pub line: usize,
    pub column: usize,
    /// The reason and the remedy, without the position.
    pub message: String,
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.limit == Limit::Empty {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for GuardError {}

impl GuardError {
    /// The one sentence the CLI and the endpoint both say, for a `what` ("query", "update").
    pub fn refusal(&self, what: &str) -> String {
        if self.limit == Limit::Empty {
            format!("the SPARQL {what} is empty (nothing but white space and comments)")
        } else {
            format!("SPARQL {what} refused before parsing: {self}")
        }
    }
}

/// Checks `text` against `limits` in one linear pass over its tokens.
pub fn check(text: &str, limits: &Limits) -> Result<(), GuardError> {
    if text.len() > limits.max_bytes {
        return Err(error(
            text,
            limits.max_bytes,
            Limit::Length,
            format!(
                "the text is {} bytes long, more than the limit of {} bytes; \
                 put long lists of values in the data, or split the operation",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    let mut guard = Guard::new(text, limits);
    for token in tokens(text) {
        guard.step(token, 0)?;
    }
    if !guard.seen_token {
        return Err(GuardError {
            limit: Limit::Empty,
            line: 1,
            column: 1,
            message: "the text is empty or only white space and comments: there is nothing to run"
                .into(),
        });
    }
    // Brackets left open still built (part of) a tree before the parser gave up.
    while guard.stack.len() > 1 {
        guard.close(text.len(), 0)?;
    }
    guard.close_root()
}

fn error(text: &str, offset: usize, limit: Limit, message: String) -> GuardError {
    let (line, column) = line_column(text, offset);
    GuardError {
        limit,
        line,
        column,
        message,
    }
}

/// One open bracket (or the whole text, at the bottom of the stack).
struct Level {
    open: u8,
    /// Byte offset of the bracket.
    start: usize,
    /// Group elements so far (`{` levels): each adds up to two levels to the group's spine.
    spine: usize,
    /// Binary operators in the current chain; `.` `,` `;` end a chain.
    chain: usize,
    /// `/` in the current chain.
    slashes: usize,
    /// Prefix operators in the current chain (each one more node, but not a long chain).
    unary: usize,
    /// Deepest child of the current chain.
    child: usize,
    /// Deepest chain (operators and child together) already ended.
    best: usize,
    /// The data block of VALUES: its rows are a list, not a tree.
    data: bool,
    /// A SELECT starts directly in this group.
    subquery: bool,
}

impl Level {
    fn new(open: u8, start: usize) -> Self {
        Self {
            open,
            start,
            spine: 0,
            chain: 0,
            slashes: 0,
            unary: 0,
            child: 0,
            best: 0,
            data: false,
            subquery: false,
        }
    }

    fn end_chain(&mut self) {
        self.best = self.best.max(self.chain + self.unary + self.child);
        self.chain = 0;
        self.slashes = 0;
        self.unary = 0;
        self.child = 0;
    }

    /// Upper bound of the depth of the tree this level builds.
    fn depth(&mut self) -> usize {
        self.end_chain();
        1 + self.spine + self.best
    }
}

struct Guard<'a> {
    text: &'a str,
    limits: &'a Limits,
    stack: Vec<Level>,
    /// Prefix operators since the last operand.
    unary_run: usize,
    /// Whether the last token can end an operand (so `<` may be the less-than operator and
    /// `+`/`-` are binary).
    after_operand: bool,
    subqueries: usize,
    /// A VALUES keyword whose data block has not opened yet.
    values_pending: bool,
    /// The last token was a string (so `^^` is its datatype marker).
    after_string: bool,
    /// The last token was UNION (so the `{` after it is a branch, not a group element).
    after_union: bool,
    seen_token: bool,
}

impl<'a> Guard<'a> {
    fn new(text: &'a str, limits: &'a Limits) -> Self {
        Self {
            text,
            limits,
            stack: vec![Level::new(0, 0)],
            unary_run: 0,
            after_operand: false,
            subqueries: 0,
            values_pending: false,
            after_string: false,
            after_union: false,
            seen_token: false,
        }
    }

    fn top(&mut self) -> &mut Level {
        self.stack
            .last_mut()
            .expect("the root level is never popped")
    }

    fn err(&self, offset: usize, limit: Limit, message: String) -> GuardError {
        error(self.text, offset, limit, message)
    }

    /// Handles one token; `floor` > 0 while inside an IRI that may be read as operators, where
    /// closing brackets never close a level opened before the IRI.
    fn step(&mut self, t: Token<'_>, floor: usize) -> Result<(), GuardError> {
        let at = t.start;
        match t.kind {
            Kind::Space | Kind::Comment => return Ok(()),
            _ => self.seen_token = true,
        }
        let mut unary = 0;
        let after_string = std::mem::replace(
            &mut self.after_string,
            matches!(t.kind, Kind::String { .. }),
        );
        let after_union = std::mem::replace(
            &mut self.after_union,
            t.kind == Kind::Word && t.text.eq_ignore_ascii_case("UNION"),
        );
        match t.kind {
            Kind::Space | Kind::Comment => {}
            Kind::Open => {
                self.open(t.text.as_bytes()[0], at, after_union)?;
                self.after_operand = false;
            }
            Kind::Close => {
                if self.stack.len() > floor.max(1) {
                    self.close(at, floor)?;
                }
                self.after_operand = true;
            }
            Kind::Iri => {
                let ambiguous = self.after_operand && self.top().open == b'(';
                if ambiguous {
                    self.ambiguous_iri(t)?;
                }
                self.after_operand = true;
            }
            Kind::Punct => match t.text {
                "&&" | "||" | "|" | "/" | "*" | "=" | "!=" | "<" | ">" | "<=" | ">=" => {
                    if self.after_operand || !matches!(t.text, "*") {
                        self.binary(at)?;
                    }
                    if t.text == "/" {
                        self.slash(at)?;
                    }
                    self.after_operand = false;
                }
                "+" | "-" => {
                    if self.after_operand {
                        self.binary(at)?;
                    } else {
                        unary = 1;
                    }
                    self.after_operand = false;
                }
                "!" | "^" => {
                    unary = 1;
                    self.after_operand = false;
                }
                // After a string, the datatype marker; elsewhere two inverse-path operators.
                "^^" => {
                    if !after_string {
                        unary = 2;
                    }
                    self.after_operand = false;
                }
                "." | "," | ";" => {
                    self.top().end_chain();
                    self.after_operand = false;
                }
                // `?` after a path element, or a stray character: neither nests.
                _ => self.after_operand = true,
            },
            Kind::Word => {
                if t.text.eq_ignore_ascii_case("UNION") || t.text.eq_ignore_ascii_case("IN") {
                    self.binary(at)?;
                    self.after_operand = false;
                } else {
                    if t.text.eq_ignore_ascii_case("SELECT") {
                        self.select(at)?;
                    } else if t.text.eq_ignore_ascii_case("VALUES") {
                        self.values_pending = true;
                    }
                    // Some words end operands (`true`, `EXISTS { }` before `<`): count them
                    // all as such, which only makes more `<` ambiguous.
                    self.after_operand = true;
                }
            }
            Kind::PrefixedName
            | Kind::BlankNode
            | Kind::Variable
            | Kind::String { .. }
            | Kind::LangTag
            | Kind::Number
            | Kind::Unknown => self.after_operand = true,
        }
        if unary > 0 {
            self.unary_run += unary;
            self.top().unary += unary;
            if self.unary_run > self.limits.max_unary {
                return Err(self.err(
                    at,
                    Limit::Unary,
                    format!(
                        "more than {} prefix operators (! - + ^) in a row; remove the redundant ones",
                        self.limits.max_unary
                    ),
                ));
            }
        } else {
            self.unary_run = 0;
        }
        Ok(())
    }

    fn open(&mut self, bracket: u8, at: usize, union_branch: bool) -> Result<(), GuardError> {
        if self.stack.len() > self.limits.max_nesting {
            return Err(self.err(
                at,
                Limit::Nesting,
                format!(
                    "brackets {{ ( [ nest more than {} levels deep here; flatten the query \
                     (groups side by side instead of inside one another, VALUES or IN (…) \
                     instead of nested alternatives)",
                    self.limits.max_nesting
                ),
            ));
        }
        let values = self.values_pending && bracket == b'{';
        // VALUES (?a ?b) { … }: the variable list comes before the data block.
        if bracket != b'(' {
            self.values_pending = false;
        }
        let max_elements = self.limits.max_group_elements;
        let parent = self.top();
        if parent.open == b'{' && !parent.data && !union_branch && matches!(bracket, b'{' | b'(') {
            parent.spine += 2;
            if parent.spine > 2 * max_elements {
                return Err(self.err(
                    at,
                    Limit::GroupElements,
                    format!(
                        "more than {max_elements} elements (OPTIONAL, MINUS, FILTER, BIND, \
                         sub-groups…) in one group here; the planner's time grows with the cube \
                         of their number, so split the query or put alternatives in VALUES"
                    ),
                ));
            }
        }
        let mut level = Level::new(bracket, at);
        level.data = values;
        self.stack.push(level);
        Ok(())
    }

    fn close(&mut self, at: usize, floor: usize) -> Result<(), GuardError> {
        debug_assert!(self.stack.len() > floor.max(1));
        let _ = at;
        let mut level = self.stack.pop().expect("checked above");
        if level.subquery {
            self.subqueries -= 1;
        }
        let depth = level.depth();
        if depth > self.limits.max_tree_depth {
            return Err(self.tree_error(level.start));
        }
        let parent = self.top();
        parent.child = parent.child.max(depth);
        Ok(())
    }

    fn close_root(&mut self) -> Result<(), GuardError> {
        let depth = self.top().depth();
        if depth > self.limits.max_tree_depth {
            return Err(self.tree_error(0));
        }
        Ok(())
    }

    fn tree_error(&self, at: usize) -> GuardError {
        self.err(
            at,
            Limit::TreeDepth,
            format!(
                "the brackets opened here and the operators chained inside them make a syntax \
                 tree more than {} levels deep; split the query, or use VALUES or IN (…) for \
                 long lists of alternatives",
                self.limits.max_tree_depth
            ),
        )
    }

    fn chain_error(&self, at: usize) -> GuardError {
        self.err(
            at,
            Limit::Chain,
            format!(
                "more than {} operators chained at one level here (UNION, || && = < + - * /, \
                 property path / and |); split the query, or use VALUES or IN (…) for long lists of \
                 alternatives",
                self.limits.max_chain
            ),
        )
    }

    fn binary(&mut self, at: usize) -> Result<(), GuardError> {
        let max_chain = self.limits.max_chain;
        let level = self.top();
        level.chain += 1;
        if level.chain > max_chain {
            return Err(self.chain_error(at));
        }
        Ok(())
    }

    fn slash(&mut self, at: usize) -> Result<(), GuardError> {
        let max = self.limits.max_path_sequence;
        let level = self.top();
        level.slashes += 1;
        if level.slashes > max {
            return Err(self.err(
                at,
                Limit::PathSequence,
                format!(
                    "more than {max} steps joined by / in one property path (or division chain) \
                     here; the planner's time grows with the cube of the steps, so shorten it"
                ),
            ));
        }
        Ok(())
    }

    fn select(&mut self, at: usize) -> Result<(), GuardError> {
        let level = self.top();
        if level.open != b'{' || level.subquery {
            return Ok(());
        }
        level.subquery = true;
        self.subqueries += 1;
        if self.subqueries > self.limits.max_subqueries {
            return Err(self.err(
                at,
                Limit::Subqueries,
                format!(
                    "sub-queries (SELECT inside {{ }}) nest more than {} deep here; flatten them",
                    self.limits.max_subqueries
                ),
            ));
        }
        Ok(())
    }

    /// `?a<?b&&?c>` inside parentheses is an IRI to the SPARQL grammar, but spargebra decides
    /// by context and may read `<` as less-than and the rest as operators. Count both: the
    /// inside as tokens (with `#` and `'`, which could only start a comment or a string the
    /// parser then skips, made inert), without letting a `)` inside close anything opened
    /// before the IRI.
    fn ambiguous_iri(&mut self, t: Token<'_>) -> Result<(), GuardError> {
        self.binary(t.start)?;
        let inner = &t.text[1..t.text.len() - 1];
        let inert: String = inner
            .chars()
            .map(|c| if matches!(c, '#' | '\'') { ' ' } else { c })
            .collect();
        let floor = self.stack.len();
        self.after_operand = false;
        for inner_token in tokens(&inert) {
            let shifted = Token {
                start: t.start + 1 + inner_token.start,
                ..inner_token
            };
            self.step(shifted, floor)?;
        }
        self.binary(t.start + t.text.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit_of(text: &str) -> Option<Limit> {
        check(text, &Limits::DEFAULT).err().map(|e| e.limit)
    }

    #[test]
    fn ordinary_queries_pass() {
        for q in [
            "SELECT * WHERE { ?s ?p ?o }",
            "PREFIX ex: <http://x/#> SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ex:p/ex:q* ?b . \
             FILTER(?b < 3 && ?b >= -1) OPTIONAL { ?a ^ex:r [ ex:s (1 2 3) ] } } \
             GROUP BY ?a HAVING (COUNT(*) > 1) ORDER BY DESC(?n) LIMIT 10",
            "SELECT * { VALUES (?a ?b) { (1 2) (3 4) } ?a ?p \"x\"^^<http://x/#t> }",
        ] {
            assert_eq!(check(q, &Limits::DEFAULT), Ok(()), "{q}");
        }
    }

    #[test]
    fn empty_texts_are_refused() {
        for q in ["", "  \n\t", "# only a comment\n   # and another"] {
            assert_eq!(limit_of(q), Some(Limit::Empty), "{q:?}");
        }
    }

    #[test]
    fn hash_in_an_iri_does_not_hide_the_brackets_after_it() {
        let n = 200;
        let q = format!(
            "SELECT * WHERE {{ <http://x/#a> ?p ?o . {}{}",
            "{".repeat(n),
            "}".repeat(n + 1)
        );
        let e = check(&q, &Limits::DEFAULT).unwrap_err();
        assert_eq!(e.limit, Limit::Nesting);
        assert_eq!((e.line, e.column), (1, 40 + 127));
        assert!(e.to_string().contains("levels deep"), "{e}");
    }

    #[test]
    fn less_than_that_looks_like_an_iri_is_counted_as_operators() {
        // spargebra reads `?x<?a/?b/…` as a division chain and `#>` as a comment.
        let chain = vec!["?b"; 1500].join("&&");
        let q = format!("SELECT * {{ FILTER(?x<{chain}#>\n) }}");
        assert_eq!(limit_of(&q), Some(Limit::Chain));
        let q = q.replace("&&", "/");
        assert_eq!(limit_of(&q), Some(Limit::PathSequence));
        // … and its `)` cannot close what was opened before it.
        let q = format!("SELECT * {{ FILTER(?x<?b))>\n){} }}", "{".repeat(200));
        assert_eq!(limit_of(&q), Some(Limit::Nesting));
    }

    #[test]
    fn escaped_hash_in_a_prefixed_name_is_not_a_comment() {
        let q = format!("SELECT * {{ ?s ex:a\\#b {} }}", "(".repeat(300));
        assert_eq!(limit_of(&q), Some(Limit::Nesting));
    }

    #[test]
    fn values_rows_are_a_list() {
        let rows = "(1 2) ".repeat(5000);
        let q = format!("SELECT * {{ VALUES (?a ?b) {{ {rows} }} }}");
        assert_eq!(check(&q, &Limits::DEFAULT), Ok(()));
    }

    #[test]
    fn many_triples_with_paths_are_not_one_chain() {
        let triples = "?s <http://x/p>/<http://x/q> ?o .\n".repeat(3000);
        let q = format!("SELECT * {{ {triples} }}");
        assert_eq!(check(&q, &Limits::DEFAULT), Ok(()));
    }

    #[test]
    fn errors_say_where() {
        let q = format!("SELECT *\nWHERE {{\n  FILTER({}?x)\n}}", "!".repeat(40));
        let e = check(&q, &Limits::DEFAULT).unwrap_err();
        assert_eq!((e.limit, e.line, e.column), (Limit::Unary, 3, 10 + 32));
        assert!(e
            .to_string()
            .starts_with("line 3, column 42: more than 32 prefix"));
    }
}
