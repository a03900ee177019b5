//! The hasher of the look-up tables (names, comparison keys, first characters). They are asked
//! at nearly every character of every document, where SipHash's protection against chosen keys
//! cost 7 % of read + outline + extract; this is the multiply-rotate hash rustc uses for its own
//! tables. Iteration order is not relied on anywhere (SipHash's was random per process).

use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hasher (FxHash).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_lookups_work() {
        let mut m: HashMap<String, usize> = HashMap::default();
        // Keys shorter than, as long as, and longer than one 8-byte word.
        let keys = ["a", "abcdefgh", "abcdefghijk", "abcdefghijklmnopqrstu"];
        for (i, w) in keys.iter().enumerate() {
            m.insert((*w).to_owned(), i);
        }
        for (i, w) in keys.iter().enumerate() {
            assert_eq!(m.get(*w), Some(&i));
        }
        assert_eq!(m.get("abcdefghij"), None);
        assert_eq!(m.get(""), None);
    }
}
