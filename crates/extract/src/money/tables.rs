//! Money in table cells whose unit is written once, in a header: "资金（万元）", "金额(亿元)",
//! "单位：万元" in the header row or on the line above the table. A cell holding a bare number
//! in such a column is an amount in that unit ("500" under "补助资金（万元）" is 5,000,000 yuan);
//! a cell that writes its own unit ("500万元") is the text finder's, and is left to it.
//!
//! A table-wide unit ("单位：万元") covers every column but those whose header names an index
//! (序号, 编号: `table_index_column` in `money_cues.tsv`) or another unit ("（个）", "（%）").

use policykg_read::{Table, TableCell};
use policykg_text::numeral::{arabic_at, scale_factor};
use rust_decimal::Decimal;

use super::currency;
use crate::numbers::{lexicon, UnitClass};
use crate::{Amount, AmountRole};

/// A money unit written in a header: its factor to the currency's base unit and its currency.
#[derive(Debug, Clone, PartialEq)]
struct HeaderUnit {
    factor: Decimal,
    currency: String,
    written: String,
}

/// What a header cell says of its column's unit.
#[derive(Debug, Clone, PartialEq)]
enum ColumnUnit {
    Money(HeaderUnit),
    /// A unit that is not money ("（个）", "（%）"), or an index column (序号).
    Other,
    Unsaid,
}

/// The amounts of every table of a document whose header gives a money unit, in table order.
/// `text` is the document's text, whose line before a table may say "单位：万元".
pub(crate) fn amounts(tables: &[Table], text_before: impl Fn(&Table) -> String) -> Vec<Amount> {
    let mut out = Vec::new();
    for table in tables {
        let Some(header) = table.rows.first() else {
            continue;
        };
        // "单位：万元" on the line above, or alone in a header cell spanning the table.
        let table_unit = unit_label(&text_before(table)).or_else(|| {
            header
                .iter()
                .find_map(|c| unit_label(&c.text).filter(|_| header.len() == 1))
        });
        let columns: Vec<(usize, ColumnUnit)> = header
            .iter()
            .map(|c| (c.column, column_unit(&c.text)))
            .collect();
        let unit_of = |column: usize| -> Option<&HeaderUnit> {
            match columns.iter().find(|(c, _)| *c == column).map(|(_, u)| u) {
                Some(ColumnUnit::Money(u)) => Some(u),
                Some(ColumnUnit::Other) => None,
                Some(ColumnUnit::Unsaid) | None => table_unit.as_ref(),
            }
        };
        for row in table.rows.iter().skip(1) {
            let label = row_label(row);
            for cell in row {
                let Some(unit) = unit_of(cell.column) else {
                    continue;
                };
                let Some(value) = bare_number(&cell.text) else {
                    continue;
                };
                out.push(amount(cell, value * unit.factor, unit, label.clone()));
            }
        }
    }
    out
}

fn amount(cell: &TableCell, value: Decimal, unit: &HeaderUnit, item: Option<String>) -> Amount {
    Amount {
        yuan: Some(value.normalize()),
        item,
        ..Amount::plain(
            AmountRole::Other,
            unit.currency.clone(),
            format!("{}（{}）", cell.text, unit.written),
            cell.span,
            cell.span,
        )
    }
}

/// The row's label: its first cell that is not a bare number (a project's or a body's name).
fn row_label(row: &[TableCell]) -> Option<String> {
    row.iter()
        .map(|c| c.text.trim())
        .find(|t| !t.is_empty() && bare_number(t).is_none())
        .map(str::to_owned)
}

/// The unit a header cell gives its column: "补助资金（万元）", "金额(单位:亿元)", "序号".
fn column_unit(header: &str) -> ColumnUnit {
    let chars: Vec<char> = header.chars().collect();
    if lexicon()
        .money
        .role("table_index_column")
        .find_in(&chars, 0, chars.len())
        .is_some()
    {
        return ColumnUnit::Other;
    }
    let Some(inner) = bracketed(header) else {
        return ColumnUnit::Unsaid;
    };
    match money_unit(inner.trim_start_matches(['单', '位', '：', ':', ' '])) {
        Some(u) => ColumnUnit::Money(u),
        None => ColumnUnit::Other,
    }
}

/// The text inside the last bracket pair of `s`, when `s` ends with it.
fn bracketed(s: &str) -> Option<&str> {
    let s = s.trim();
    let inner = s.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    Some(inner[open..].trim_start_matches(['（', '(']))
}

/// "单位：万元" (with an ASCII or full-width colon, in brackets or not) anywhere in `s`.
fn unit_label(s: &str) -> Option<HeaderUnit> {
    let at = s.find("单位")? + "单位".len();
    let rest = s[at..].trim_start_matches([' ', '　']);
    let rest = rest
        .strip_prefix(['：', ':'])?
        .trim_start_matches([' ', '　']);
    let end = rest
        .find(['）', ')', '，', '。', '；', ' ', '　', '\n'])
        .unwrap_or(rest.len());
    money_unit(&rest[..end])
}

/// A money unit with an optional scale in front: "万元", "亿元", "元", "万美元".
fn money_unit(s: &str) -> Option<HeaderUnit> {
    let chars: Vec<char> = s.trim().chars().collect();
    let scale_len = chars
        .iter()
        .take_while(|c| matches!(c, '十' | '百' | '千' | '万' | '亿'))
        .count();
    let (len, class) = lexicon().unit_at(&chars, scale_len)?;
    if scale_len + len != chars.len()
        || !matches!(class, UnitClass::Money | UnitClass::ForeignMoney)
    {
        return None;
    }
    let unit: String = chars[scale_len..].iter().collect();
    let scale: String = chars[..scale_len].iter().collect();
    Some(HeaderUnit {
        factor: scale_factor(&scale),
        currency: currency(&unit),
        written: chars.iter().collect(),
    })
}

/// A cell that is one Arabic number and nothing else ("500", "1,200.5"): its value.
fn bare_number(cell: &str) -> Option<Decimal> {
    let chars: Vec<char> = cell.trim().chars().collect();
    let (value, end) = arabic_at(&chars, 0)?;
    (end == chars.len()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use policykg_read::Span;

    fn cell(text: &str, column: usize) -> TableCell {
        TableCell {
            text: text.to_owned(),
            span: Span::new(0, text.chars().count()),
            column,
            colspan: 1,
            rowspan: 1,
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            span: Span::new(0, 0),
            rows: rows
                .iter()
                .map(|r| r.iter().enumerate().map(|(i, t)| cell(t, i)).collect())
                .collect(),
        }
    }

    fn yuan(tables: &[Table], above: &str) -> Vec<(Option<String>, Decimal, String)> {
        amounts(tables, |_| above.to_owned())
            .into_iter()
            .map(|a| (a.item, a.yuan.unwrap(), a.currency))
            .collect()
    }

    #[test]
    fn a_column_unit_in_brackets() {
        let t = table(&[
            &["序号", "项目名称", "补助资金（万元）", "建设规模（个）"],
            &["1", "乡村绿化", "500", "20"],
            &["2", "通道绿化", "1,200.5", "8"],
        ]);
        assert_eq!(
            yuan(&[t], ""),
            [
                (
                    Some("乡村绿化".into()),
                    Decimal::from(5_000_000),
                    "CNY".into()
                ),
                (
                    Some("通道绿化".into()),
                    Decimal::from(12_005_000),
                    "CNY".into()
                ),
            ]
        );
    }

    #[test]
    fn a_table_unit_on_the_line_above_spares_index_and_other_units() {
        let t = table(&[
            &["序号", "项目", "2024年", "占比（%）"],
            &["1", "产业基金", "3.5", "40"],
        ]);
        assert_eq!(
            yuan(&[t], "单位：亿元"),
            [(
                Some("产业基金".into()),
                Decimal::from(350_000_000),
                "CNY".into()
            )]
        );
    }

    #[test]
    fn foreign_units_keep_their_currency_and_cells_with_units_are_left_to_the_text() {
        let t = table(&[
            &["项目", "投资额(万美元)", "补助"],
            &["甲", "300", "50万元"],
        ]);
        assert_eq!(
            yuan(&[t], ""),
            [(Some("甲".into()), Decimal::from(3_000_000), "USD".into())]
        );
    }

    #[test]
    fn merged_in_text_order_with_their_links_moved() {
        let at = |start: usize| {
            let mut a = amount(
                &cell("1", 0),
                Decimal::ONE,
                &money_unit("元").unwrap(),
                None,
            );
            a.span = Span::new(start, start + 1);
            a
        };
        let (mut threshold, paid, in_table) = (at(0), at(10), at(5));
        threshold.conditions = vec![1];
        let mut amounts = vec![threshold, paid];
        super::super::merge_in_text_order(&mut amounts, vec![in_table]);
        let starts: Vec<usize> = amounts.iter().map(|a| a.span.start).collect();
        assert_eq!(starts, [0, 5, 10]);
        assert_eq!(amounts[0].conditions, [2]);
    }

    #[test]
    fn no_unit_no_amounts() {
        let t = table(&[
            &["序号", "任务", "牵头单位"],
            &["1", "做好监测", "省财政厅"],
        ]);
        assert!(yuan(&[t], "").is_empty());
        assert!(yuan(&[], "单位：万元").is_empty());
    }
}
