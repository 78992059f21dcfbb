//! A small, platform-independent hash. Feature hashes are baked into the committed model, so they
//! must be identical on every target and in every build (std's SipHash keys are random per process).

use std::hash::{BuildHasher, Hasher};

/// FNV-1a over bytes with a final avalanche, seeded per use.
#[derive(Debug, Clone, Copy)]
pub struct Hasher64(u64);

const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl Hasher64 {
    pub fn new(seed: u64) -> Hasher64 {
        Hasher64(0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
    }

    #[inline]
    pub fn bytes(&mut self, bs: &[u8]) {
        for &b in bs {
            self.byte(b);
        }
    }

    #[inline]
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Hash the lower-cased form of `s` without allocating.
    #[inline]
    pub fn lower_str(&mut self, s: &str) {
        if s.is_ascii() {
            for &b in s.as_bytes() {
                self.byte(b.to_ascii_lowercase());
            }
        } else {
            let mut buf = [0u8; 4];
            for c in s.chars().flat_map(char::to_lowercase) {
                self.bytes(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    #[inline]
    pub fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// A strong 64-bit finaliser (splitmix64).
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combine two hashes (order matters).
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x51)
}

pub fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h = Hasher64::new(seed);
    h.str(s);
    h.finish()
}

/// For maps keyed by values that are already good hashes.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityBuild;

#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

impl BuildHasher for IdentityBuild {
    type Hasher = IdentityHasher;
    fn build_hasher(&self) -> IdentityHasher {
        IdentityHasher(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        // Pinned: a change here silently invalidates the committed model. With seed 0 the state is
        // plain 64-bit FNV-1a, checked against the published test vectors (offset basis for "",
        // then "a" and "foobar"); the finaliser is splitmix64, whose first output from state 0 is
        // mix(0x9e3779b97f4a7c15) = 0xe220a8397b1dcdaf.
        for (text, fnv1a) in
            [("", 0xcbf2_9ce4_8422_2325_u64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)]
        {
            let mut h = Hasher64::new(0);
            h.str(text);
            assert_eq!(h.0, fnv1a, "FNV-1a of {text:?}");
            assert_eq!(h.finish(), mix(fnv1a));
        }
        assert_eq!(mix(0x9e37_79b9_7f4a_7c15), 0xe220_a839_7b1d_cdaf);
        // Seeds change the hash.
        assert_ne!(hash_str(1, "Bachelet"), hash_str(0, "Bachelet"));
        let mut h = Hasher64::new(7);
        h.lower_str("ÉCOLE");
        let mut g = Hasher64::new(7);
        g.str("école");
        assert_eq!(h.finish(), g.finish());
        assert_eq!(hash_str(0, "lede"), 14104614035253663713);
    }
}
