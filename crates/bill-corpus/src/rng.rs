//! A small deterministic generator (SplitMix64): the same seed makes the same corpus on every
//! machine, without a dependency.

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next_u64() % (high - low + 1) as u64) as i64
    }

    /// A number in `low..high`.
    pub fn float(&mut self, low: f32, high: f32) -> f32 {
        low + (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32 * (high - low)
    }

    pub fn chance(&mut self, probability: f32) -> bool {
        self.float(0.0, 1.0) < probability
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!((0..5).map(|_| a.range(1, 6)).collect::<Vec<_>>(), (0..5).map(|_| b.range(1, 6)).collect::<Vec<_>>());
        assert!((0..1000).map(|_| a.range(3, 4)).all(|n| (3..=4).contains(&n)));
    }
}
