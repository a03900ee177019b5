//! The output of the reading stage: the data model every later stage starts from.

use serde::Serialize;

/// A half-open range `[start, end)` of **character** offsets into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// How the file was laid out before we read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Markdown,
}

/// Which rule chose the encoding (in the order they are tried).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingBasis {
    /// A byte-order mark.
    Bom,
    /// `<meta charset>`, `<meta http-equiv="Content-Type">` or an XML declaration.
    Declared,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Statistical detection (chardetng) over the bytes.
    Detected,
}

/// How the bytes became text. Invalid bytes are replaced by U+FFFD and counted here, never
/// dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EncodingReport {
    /// The encoding_rs name of the encoding used: "UTF-8", "GBK", "gb18030", "UTF-16LE", ...
    pub name: &'static str,
    pub basis: EncodingBasis,
    /// The label as declared by the file, when [`EncodingBasis::Declared`] ("gb2312").
    pub declared: Option<String>,
    /// Number of malformed byte sequences replaced by U+FFFD.
    pub invalid_sequences: usize,
    /// Byte offset of the first malformed sequence in the file.
    pub first_invalid_byte: Option<usize>,
}

/// A table of the notice (task-division tables: 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限).
/// Its rows also appear in [`Document::text`], one line per row with cells separated by a tab, so
/// that the outline sees them in reading order; the cells here carry their spans in that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub span: Span,
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell of a [`Table`]: its text (whitespace collapsed, on one line) and where that text is
/// in [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCell {
    pub text: String,
    pub span: Span,
    /// The grid column (0-based) the cell starts in, after the colspans of earlier cells and the
    /// rowspans of cells above, so that a 牵头单位 column stays one column however cells merge.
    pub column: usize,
    /// How many grid columns and rows the cell covers (1 when not merged).
    pub colspan: usize,
    pub rowspan: usize,
}

/// Where a declared metadata field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldOrigin {
    /// The `---` YAML-like block at the top of a file.
    FrontMatter,
    /// A label/value table on the page (gov.cn: 索引号 / 发文机关 / 成文日期 / 发文字号 / 标题).
    PageTable,
    /// `<title>` or `<meta name=...>` of an HTML page.
    HtmlHead,
    /// A heading the page prints above the element holding the notice (`<h1>`, `<td
    /// class="title">`), outside it: the notice's title as shown, when the text has none.
    PageHeading,
}

/// A metadata field the file declares about itself, before any interpretation.
/// Keys are kept as written, with inner spaces removed ("索 引 号" → "索引号").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub origin: FieldOrigin,
}

/// Something the reader noticed but could work around; shown to the user, never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub message: String,
    /// Where in [`Document::text`] it applies, when it applies to text.
    pub span: Option<Span>,
}

/// A notice as text: what every later stage reads.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The path or label the document was read from, as given by the user.
    pub source: String,
    pub format: Format,
    pub encoding: EncodingReport,
    /// The readable text. For plain text and Markdown it is the decoded file (minus BOM and front
    /// matter, which are replaced by nothing: offsets start after them), except a plain text laid
    /// out in full lines as copied out of a PDF, whose page line breaks and single spaces between
    /// CJK characters are removed (with a warning), and whose task tables with cells separated by
    /// spaces are written one row a line, cells separated by tabs (the space between two cells
    /// becomes the tab), as are the lines of a task table laid out in columns with runs of
    /// spaces in any other plain text (with a warning); for HTML it is the main content, one block
    /// (paragraph, heading, list item, table row) per line.
    pub text: String,
    pub tables: Vec<Table>,
    pub fields: Vec<Field>,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The first declared value for `key` (exact match after space removal).
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }
}
