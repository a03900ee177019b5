//! Money as a reader writes it.

use rust_decimal::Decimal;

/// Yuan as a notice writes them: 800000 → `80万元`, 120000000 → `1.2亿元`, 12345 → `12345元`,
/// 1505.0 → `1505元`, 0.5 → `0.5元`, −800000 → `-80万元`.
///
/// The unit is the largest of 亿元 and 万元 in which the amount is exact with at most two
/// decimals, else 元: notices write `1.2亿元` and `12.5万元`, and `1.23456789亿元` would hide
/// both the magnitude and the exact figure behind its digits. A negative amount (a cut, a
/// difference between versions) is written like its magnitude with a minus sign in front, so
/// −800000 and 800000 read in the same unit. Exact: the quotient is checked by multiplying it
/// back, never rounded; trailing zeros are dropped.
pub fn yuan(d: Decimal) -> String {
    if d.is_zero() {
        return "0元".to_owned();
    }
    for (unit, name) in [(100_000_000u64, "亿元"), (10_000, "万元")] {
        let unit = Decimal::from(unit);
        if d.abs() < unit {
            continue;
        }
        if let Some(q) = d.checked_div(unit).map(|q| q.normalize()) {
            if q.scale() <= 2 && q.checked_mul(unit) == Some(d) {
                return format!("{q}{name}");
            }
        }
    }
    format!("{}元", d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn y(s: &str) -> String {
        yuan(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn reads_like_the_text() {
        assert_eq!(y("800000"), "80万元");
        assert_eq!(y("5000000"), "500万元");
        assert_eq!(y("400000000000"), "4000亿元");
        assert_eq!(y("120000000"), "1.2亿元");
        assert_eq!(y("150000000"), "1.5亿元");
        assert_eq!(y("125000"), "12.5万元");
        assert_eq!(y("5000"), "5000元");
        assert_eq!(y("12345"), "12345元");
        assert_eq!(y("580"), "580元");
    }

    #[test]
    fn exact_with_decimals() {
        assert_eq!(y("1505.0"), "1505元");
        assert_eq!(y("0.5"), "0.5元");
        assert_eq!(y("1234567.89"), "1234567.89元");
        assert_eq!(y("123456789"), "123456789元");
        assert_eq!(y("123450000"), "12345万元");
        assert_eq!(y("10000.00"), "1万元");
        assert_eq!(y("0"), "0元");
        assert_eq!(y("-0.00"), "0元");
        // 28 significant digits: the division cannot be exact, so no unit is claimed
        assert_eq!(
            y("12345.67890123456789012345678"),
            "12345.67890123456789012345678元"
        );
    }

    #[test]
    fn negatives_read_like_their_magnitude() {
        assert_eq!(y("-800000"), "-80万元");
        assert_eq!(y("-120000000"), "-1.2亿元");
        assert_eq!(y("-12345"), "-12345元");
        assert_eq!(y("-0.5"), "-0.5元");
        assert_eq!(y("-9999"), "-9999元");
    }
}
