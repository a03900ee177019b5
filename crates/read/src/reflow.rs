//! Text copied out of a PDF breaks every line where the page's line is full, inside sentences
//! and inside numbers ("…投资50\n0万元"). Such a file is recognised by its lines: many of them
//! fill the same width (ASCII counting half a CJK character, as on the page), which lines
//! written one paragraph each never do. A line break after a full line that does not end a
//! sentence (nor an item's closing parenthesis before the next item's number) is the page's,
//! not the author's, and is removed from the readable text; every other line break is kept. So
//! is a single space between two CJK characters, which such a copy scatters through words and
//! names ("登记 注册局"): a run of spaces, a deliberate gap, is kept. A task table in such a
//! copy, its cells separated by spaces and its rows broken over the page's lines, is written a
//! row a line with its cells separated by tabs ([`crate::space_tables`]).

use policykg_text::is_han;

/// Lines at least this many make a layout worth reading.
const MIN_LINES: usize = 8;
/// The narrowest and widest page lines recognised, in CJK characters.
const WIDTHS: std::ops::RangeInclusive<usize> = 16..=60;
/// The share of lines (of those with text) that must be full: PDFs fill most of theirs.
const FULL_SHARE: f64 = 0.4;
/// The share that suffices when (almost) no line is wider than the page: a notice of short
/// items, one line each, between its wrapped paragraphs.
const FULL_SHARE_NONE_OVER: f64 = 0.2;

/// The room a line takes in halves of a CJK character (an ASCII character takes one, any other
/// two), a space that ends it included (a space before the page's line break still took its
/// room); 0 for a blank line.
fn width_of(line: &str) -> usize {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() {
        return 0;
    }
    // Counted on the bytes, every run of a file's lines: an ASCII byte is a character of one
    // half, a UTF-8 lead byte (11xxxxxx) starts a character of two, continuation bytes
    // (10xxxxxx) add nothing; the same sum as over the characters, without decoding them.
    // Eight bytes at a time: a byte's top bit clear is ASCII; its top two bits set, a lead.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = line.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let (mut ascii, mut leads) = (0, 0);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        ascii += 8 - (w & HIGH).count_ones() as usize;
        leads += (w & (w << 1) & HIGH).count_ones() as usize;
    }
    for &b in chunks.remainder() {
        ascii += usize::from(b < 0x80);
        leads += usize::from(b >= 0xC0);
    }
    ascii + 2 * leads
}

/// Whether `line` opens with an item number (`3.`, `3、`, `（三）`, `(3)`, `三、`, `第三条`): a
/// paragraph that ended on a full line ends there (`…（省财政厅牵头）` then `3.…`).
fn opens_item(line: &str) -> bool {
    use policykg_text::numeral::cn_numeral;
    // A copy out of a PDF spaces the number's parts ("二十一 、", "第 三 条", "（ 三 ）"): read
    // without spaces, as the outline reads heading numbers.
    let s: String = line
        .trim_start()
        .chars()
        .take(12)
        .filter(|c| *c != ' ')
        .collect();
    let s = s.as_str();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let mut rest = s[digits..].chars();
        return match rest.next() {
            Some('、' | '）' | ')') => true,
            Some('.' | '．') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    let numeral_then =
        |t: &str, ends: &[char]| cn_numeral(t).is_some_and(|(_, n)| t[n..].starts_with(ends));
    if let Some(t) = s.strip_prefix(['（', '(']) {
        let d = t.bytes().take_while(u8::is_ascii_digit).count();
        return (1..=3).contains(&d) && t[d..].starts_with(['）', ')'])
            || numeral_then(t, &['）', ')']);
    }
    if let Some(t) = s.strip_prefix('第') {
        return numeral_then(t, &['条', '章', '节']);
    }
    numeral_then(s, &['、'])
}

/// Whether `line` leaves a parenthesis open ("…试点。（负责部门：" then "中医药局）"): a sentence
/// end inside it ends no paragraph.
fn opens_parenthesis(line: &str) -> bool {
    let mut depth = 0i32;
    for c in line.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Whether `line` opens with a label of a page's metadata table and its colon ("发文字号：…",
/// "成 文 日 期:…"; `ontology/documents/page_labels.tsv`).
fn opens_page_label(line: &str) -> bool {
    // A label is short: its colon comes within the line's first sixteen characters.
    let head = line
        .char_indices()
        .nth(16)
        .map_or(line, |(i, _)| &line[..i]);
    crate::rules::listed_label(head, &crate::rules::rules().page_labels).is_some()
}

/// The text with the page's line breaks removed, and how many were, when `text` is laid out in
/// full lines; `None` for any other text.
pub(crate) fn join_page_lines(text: &str) -> Option<(String, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let widths: Vec<usize> = lines.iter().map(|l| width_of(l)).collect();
    let with_text = widths.iter().filter(|&&w| w > 0).count();
    if with_text < MIN_LINES {
        return None;
    }
    // The page's width: the widest line that several lines fill (a lone long line is no page).
    // A full line leaves less room than one CJK character, so full lines differ by a half when
    // some hold an odd number of ASCII characters or a space: they are counted together.
    let mut sorted: Vec<usize> = widths.iter().copied().filter(|&w| w > 0).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    // Widest first, `end` past the last line within a half of `sorted[i]` (it only moves on).
    let mut end = 0;
    let page = (0..sorted.len())
        .find(|&i| {
            end = end.max(i);
            while end < sorted.len() && sorted[end] + 2 > sorted[i] {
                end += 1;
            }
            (end - i) * 10 >= with_text
        })
        .map(|i| sorted[i])?;
    if !WIDTHS.contains(&(page / 2)) {
        return None;
    }
    let full = |w: usize| w + 2 > page && w <= page;
    let n_full = widths.iter().filter(|&&w| full(w)).count();
    // A notice of short items (one line each) fills fewer of its lines; that no line runs past
    // the page is then the sign, as one paragraph a line always has some longer than any width.
    let over = widths.iter().filter(|&&w| w > page).count();
    let share = if over * 50 <= with_text {
        FULL_SHARE_NONE_OVER
    } else {
        FULL_SHARE
    };
    if (n_full as f64) < share * with_text as f64 {
        return None;
    }
    let ends_sentence = |l: &str| {
        l.trim_end()
            .ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':'])
    };
    // A sentence's end within a paragraph (not a colon, which opens what follows).
    let ends_prose = |l: &str| {
        l.trim_end()
            .ends_with(['。', '！', '？', '；', '!', '?', ';'])
    };
    let mut out = String::with_capacity(text.len());
    // The text since the last table, whose single spaces between CJK characters go.
    let mut prose = String::new();
    let mut joined = 0;
    // Task tables whose cells the copy separated by spaces, written a row a line, cells by tabs.
    let tables = crate::space_tables::regions(&lines);
    let mut tables = tables.iter().peekable();
    let mut skip_to = 0;
    for (k, line) in lines.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        if let Some(table) = tables.next_if(|t| t.start == k) {
            // The rows' cells are written without the copy's spaces already.
            out.push_str(&drop_single_spaces(&std::mem::take(&mut prose)));
            out.push_str(&table.lines.join("\n"));
            joined += (table.end - table.start) - table.lines.len();
            skip_to = table.end;
            if table.end < lines.len() {
                out.push('\n');
            }
            continue;
        }
        prose.push_str(line);
        if k + 1 == lines.len() {
            break;
        }
        // "…（省财政厅牵头）" then "3.…": an item closed by its parenthesis on a full line.
        let item_ends = line.trim_end().ends_with(['）', ')']) && opens_item(lines[k + 1]);
        let table_next = tables.peek().is_some_and(|t| t.start == k + 1);
        // A line holding a tab is a row of a table saved as text (cells tab-separated), whose
        // rows may be as wide as the page's lines: its line break is the row's end.
        let tab_row = line.contains('\t') || lines[k + 1].contains('\t');
        // "…多元化资金补充机制。" filling the line, then "中央财政要…": a sentence that happens to
        // end at the page's edge ends no paragraph when prose goes on below it (a full line, or
        // one ending a sentence), rather than an item's number, a title or a 落款 line. A
        // paragraph that ends there too is joined to the next: the lesser harm, as a paragraph
        // holds several sentences and only its last one ends it.
        let sentence_runs_on = ends_prose(line)
            && !opens_item(lines[k + 1])
            && (full(widths[k + 1]) || ends_prose(lines[k + 1]));
        if full(widths[k])
            && (!ends_sentence(line) || opens_parenthesis(line) || sentence_runs_on)
            && !item_ends
            && !table_next
            && !tab_row
            && widths[k + 1] > 0
            // "标题：…" then "发文字号：…": the page's label lines above the notice, a field each
            && !opens_page_label(lines[k + 1])
        {
            joined += 1;
        } else {
            prose.push('\n');
        }
    }
    if joined == 0 {
        return None;
    }
    out.push_str(&drop_single_spaces(&prose));
    Some((out, joined))
}

/// `text` without the single spaces that stand between two CJK characters.
pub(crate) fn drop_single_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        let single_between_han = c == ' '
            && k > 0
            && is_han(chars[k - 1])
            && chars.get(k + 1).is_some_and(|&n| is_han(n));
        if !single_between_han {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte count is the character count it replaces: ASCII one half, any other character
    /// two, whatever its UTF-8 length, at every length around the eight-byte chunks.
    #[test]
    fn width_counts_characters_not_bytes() {
        let line = "第 1 条　为加强管理（试行）,制定本办法。é𠀀 2025年底前完成50%";
        let by_chars = |l: &str| -> usize {
            let l = l.trim_end_matches('\r');
            if l.trim().is_empty() {
                return 0;
            }
            l.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
        };
        for (end, _) in line.char_indices().skip(1) {
            let l = &line[..end];
            assert_eq!(width_of(l), by_chars(l), "{l}");
            let cr = format!("{l}\r");
            assert_eq!(width_of(&cr), by_chars(&cr), "{l}");
        }
        assert_eq!(width_of("   \r"), 0);
    }

    #[test]
    fn full_lines_are_joined() {
        let para = "第一条为了加强绿色建筑管理推动本市资源节约型环境友好型社会建设根据有关法律结合本市实际制定本办法同时废止原办法";
        let mut text = String::new();
        for _ in 0..6 {
            let chars: Vec<char> = para.chars().collect();
            for chunk in chars.chunks(20) {
                text.extend(chunk);
                text.push('\n');
            }
            text.push_str("二、第二段。\n");
        }
        let (joined, n) = join_page_lines(&text).unwrap();
        assert!(n > 0);
        assert!(joined.contains(para));
        assert!(joined.contains("\n二、第二段。\n"));
        assert_eq!(
            drop_single_spaces("登记 注册局  省财政厅 2025 年"),
            "登记注册局  省财政厅 2025 年"
        );
        assert!(opens_item("3.积极") && opens_item("（三）加强") && opens_item("第三条 为"));
        assert!(opens_item("十二、保障") && opens_item("(3)加强") && opens_item("12、加强"));
        assert!(
            opens_item("二十一 、对落实") && opens_item("第 三 条") && opens_item("（ 三 ）加强")
        );
        assert!(!opens_item("2.5亿元") && !opens_item("三年内") && !opens_item("2025年"));
        assert!(opens_page_label("发文字号：国发〔2019〕5号") && opens_page_label("成 文 日 期:"));
        assert!(
            opens_parenthesis("先行试点。（负责部门：")
                && !opens_parenthesis("（一）加强。（省财政厅）")
        );
        assert!(!opens_page_label("如下：") && !opens_page_label("业务，标题：一"));
    }

    /// Dev 007 as a PDF lays it out (the eval's pdf variant): item （十六）'s first sentence ends
    /// at the page's edge, and its paragraph goes on below; the next item's number, the closing
    /// paragraph after a short line and the 落款 keep their breaks.
    #[test]
    fn a_sentence_ending_at_the_edge_ends_no_paragraph() {
        let text = "（十六）完善资金补充机制。探索建立 政府、金融机构、企业、社会团
体和个人广泛参与，出资入股与无偿捐资相结合的多元化资金补充机制。
中央财政要 根据国家融资担保基金的业务拓展、担保代偿和绩效考核等
情况，适时对其进行资金补充。鼓励地方政府和 参与银担合作的银行业
金融机构根据融资担保、再担保机构支小支农业务拓展和放大倍数等情况
，适时 向符合条件的机构注资、捐资。鼓励各类主体对政府性融资担保
、再担保机构进行捐赠。
（十七）探索风险补偿机制。鼓励 有条件的地方探索建立风险补偿机制
，对支小支农担保业务占比较高，在保余额、户数增长较快，代偿率控制
在 合理区间的融资担保、再担保机构，给予一定比例的代偿补偿。
各地区、各部门要充分认识规范政府性融资担保机构运 作的重要意义，
把思想、认识和行动统一到党中央、国务院决策部署上来，强化责任担当
，加大工作力度，完善配套措施，抓 好组织实施，推动政府性融资担保
机构发挥应有作用。财政部要会同发展改革委、工业和信息化部、农业农
村部、银 保监会等部门，加强统筹协调，对本意见执行情况进行督促检
查和跟踪分析，重大事项及时向国务院报告。
国务院办公厅
2019年1 月22日
";
        let (joined, _) = join_page_lines(text).unwrap();
        let lines: Vec<&str> = joined.lines().collect();
        assert_eq!(lines.len(), 5, "{joined}");
        assert!(lines[0].starts_with("（十六）") && lines[0].ends_with("进行捐赠。"));
        assert!(lines[0].contains("资金补充机制。中央财政要根据"));
        assert!(lines[1].starts_with("（十七）") && lines[1].ends_with("代偿补偿。"));
        assert!(lines[2].starts_with("各地区") && lines[2].ends_with("向国务院报告。"));
        assert_eq!(&lines[3..], ["国务院办公厅", "2019年1 月22日"]);
    }

    #[test]
    fn paragraphs_one_a_line_are_left_alone() {
        let text = "第一条 为了加强管理，制定本办法。\n第二条 本办法适用于本市。\n第三条 市人民政府负责组织实施本办法，各区人民政府按照职责做好相关工作。\n第四条 有关部门应当配合。\n第五条 本办法自发布之日起施行。\n第六条 由市政府解释。\n第七条 其他。\n第八条 附则。\n";
        assert!(join_page_lines(text).is_none());
    }
}
