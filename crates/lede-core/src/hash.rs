//! FNV-1a, 64-bit: the one stable content hash of the build tools (file names of the boot script,
//! the service worker's version, the share cards' keys). Not a security boundary, and not the
//! recogniser's feature hash (`lede_ner`'s `Hasher64` is seeded and avalanched, and baked into
//! the committed model).

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x100_0000_01b3;

/// A running FNV-1a hash.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(OFFSET)
    }
}

impl Fnv1a {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(PRIME);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a of one byte string.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test vectors of the FNV reference (draft-eastlake-fnv, FNV-1a 64).
    #[test]
    fn reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        let mut split = Fnv1a::new();
        split.write(b"foo");
        split.write(b"bar");
        assert_eq!(split.finish(), fnv1a(b"foobar"));
    }
}
