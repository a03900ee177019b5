//! Cheap text similarity: sets of hashed character n-grams ("shingles") over the letters and
//! digits of a text, with punctuation and white space left out (so that 、 → ， or a re-wrapped
//! line changes nothing), compared by Dice coefficient and containment. Building a set is linear
//! in the text; comparing two sets is linear in their sizes.

/// Sorted, de-duplicated shingle hashes of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles(pub Vec<u64>);

/// Letters and digits of `text`, with full-width ASCII folded and Latin lower-cased: what
/// shingles are taken over.
pub fn significant(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| policykg_text::fold::fold_alnum(c).to_ascii_lowercase())
        .collect()
}

fn mix(h: u64, c: char) -> u64 {
    // FNV-1a step over the scalar value, then a final avalanche in `finish`.
    (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

impl Shingles {
    /// Shingles of `k` characters; a text shorter than `k` gives one shingle of itself.
    pub fn of(chars: &[char], k: usize) -> Shingles {
        let k = k.max(1);
        let mut out: Vec<u64> = if chars.is_empty() {
            Vec::new()
        } else if chars.len() < k {
            vec![finish(
                chars
                    .iter()
                    .fold(0xcbf2_9ce4_8422_2325 ^ k as u64, |h, &c| mix(h, c)),
            )]
        } else {
            chars
                .windows(k)
                .map(|w| finish(w.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| mix(h, c))))
                .collect()
        };
        out.sort_unstable();
        out.dedup();
        Shingles(out)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of shingles in both sets.
    pub fn common(&self, other: &Shingles) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Dice coefficient: 2|A∩B| / (|A| + |B|).
    pub fn dice(&self, other: &Shingles) -> f64 {
        let total = self.len() + other.len();
        if total == 0 {
            return 0.0;
        }
        2.0 * self.common(other) as f64 / total as f64
    }

    /// Share of this set found in `other`: |A∩B| / |A|.
    pub fn containment_in(&self, other: &Shingles) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        self.common(other) as f64 / self.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(text: &str) -> Shingles {
        Shingles::of(&significant(text), 3)
    }

    #[test]
    fn punctuation_and_width_do_not_matter() {
        assert_eq!(sh("省级、新产品５００项"), sh("省级，新产品 500项"));
        assert_eq!(sh("省级新产品").len(), 3);
    }

    #[test]
    fn dice_and_containment() {
        let a = sh("实施补链强链工程");
        let b = sh("实施补链强链工程。编制目录");
        assert_eq!(a.common(&b), 6);
        assert!((a.containment_in(&b) - 1.0).abs() < 1e-9);
        assert!((a.dice(&b) - 2.0 * 6.0 / (6.0 + 10.0)).abs() < 1e-9);
        assert_eq!(sh("").dice(&sh("")), 0.0);
        // Short texts are one shingle of themselves.
        assert_eq!(sh("总则").len(), 1);
        assert_eq!(sh("总则").dice(&sh("总 则")), 1.0);
    }
}
