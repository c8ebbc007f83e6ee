//! A tiny deterministic pseudo-random generator (SplitMix64), so the demo school comes out
//! the same on every machine and every run without pulling in a dependency.

/// SplitMix64 (Steele, Lea, Flood 2014). Plenty of spread for picking names and dates.
pub(super) struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, or 0 when `n` is 0. Modulo bias does not matter for demo data.
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub(super) fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with the given chance in percent.
    pub(super) fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    /// An index into a list ordered from most to least common: the smaller of two draws,
    /// so the head of the list turns up about twice as often as the middle.
    pub(super) fn popular(&mut self, len: usize) -> usize {
        let a = self.below(len);
        let b = self.below(len);
        a.min(b)
    }
}
