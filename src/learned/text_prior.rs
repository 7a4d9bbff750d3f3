//! The text prior: a learned bag-of-words log-odds of a block's own text,
//! one column of the block row (`text_prior`, [`super::vector`]).
//!
//! A block's words are its maximal runs of alphanumeric chars, lower-cased
//! (`chars::lowercase_one`, else `char::to_lowercase`), each hashed with
//! 64-bit FNV-1a over its UTF-8 bytes into one of [`BUCKETS`] buckets. The
//! prior is `intercept + Σ w[b] · count[b] / ‖count‖₂` (the counts
//! normalised to unit length), the decision function of a logistic
//! regression `scripts/train` fits on the labelled blocks (SGD, log loss);
//! a block without words gets the intercept.
//!
//! The weights are a data file (`data/model/text_prior.bin`, embedded at
//! build; `text_prior.bin` in a `--model-dir` folder): the magic
//! `PITHTP01`, the buckets' log2 (u32), the intercept and the weights'
//! scale (f32), then one i16 per bucket, a weight being `i16 · scale`; all
//! little-endian. `--explain --format jsonl` writes each block's buckets
//! (`text_prior_buckets`) so the trainer reads the engine's own words
//! instead of tokenizing again.
//!
//! This module computes the column; it does not train and decides nothing.

use thiserror::Error;

use crate::chars;

/// log2 of the number of buckets. Measured by `scripts/block-proxy`
/// (session 36, one seed's forest, wcxb-dev / wcxb-rest / readability-dev /
/// trafilatura-dev): 2^18 unigram buckets 0.8818 / 0.8874 / 0.9544 / 0.9510
/// against no prior 0.8761 / 0.8867 / 0.9533 / 0.9492; 2^16 buckets gained
/// less (0.8781 / 0.8870 / 0.9539 / 0.9505).
pub const BUCKETS_LOG2: u32 = 18;
/// Number of buckets.
pub const BUCKETS: usize = 1 << BUCKETS_LOG2;
/// The file's first bytes.
const MAGIC: &[u8; 8] = b"PITHTP01";
/// Header length: magic, log2, intercept, scale.
const HEADER: usize = 8 + 4 + 4 + 4;

/// A text-prior file that cannot be used.
#[derive(Debug, Error)]
pub enum TextPriorError {
    #[error("not a text-prior file (no PITHTP01 header)")]
    Magic,
    #[error("{found} buckets' log2 where the engine hashes into 2^{BUCKETS_LOG2}")]
    Buckets { found: u32 },
    #[error("{found} bytes where 2^{BUCKETS_LOG2} weights take {expected}")]
    Length { found: usize, expected: usize },
    #[error("intercept or scale is not a finite number")]
    NotFinite,
}

/// The regression's weights, one a bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct TextPrior {
    intercept: f32,
    weights: Vec<f32>,
}

impl TextPrior {
    /// Read a text-prior file's bytes (layout in the module comment).
    pub fn from_bytes(bytes: &[u8]) -> Result<TextPrior, TextPriorError> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(TextPriorError::Magic);
        }
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let log2 = u32::from_le_bytes(word(8));
        if log2 != BUCKETS_LOG2 {
            return Err(TextPriorError::Buckets { found: log2 });
        }
        let (intercept, scale) = (f32::from_le_bytes(word(12)), f32::from_le_bytes(word(16)));
        if !intercept.is_finite() || !scale.is_finite() {
            return Err(TextPriorError::NotFinite);
        }
        let body = &bytes[HEADER..];
        if body.len() != 2 * BUCKETS {
            return Err(TextPriorError::Length { found: bytes.len(), expected: HEADER + 2 * BUCKETS });
        }
        let weights = body.chunks_exact(2).map(|p| f32::from(i16::from_le_bytes([p[0], p[1]])) * scale).collect();
        Ok(TextPrior { intercept, weights })
    }

    /// A prior of these weights, one a bucket ([`BUCKETS`] of them).
    pub fn from_weights(intercept: f32, weights: Vec<f32>) -> Option<TextPrior> {
        (weights.len() == BUCKETS).then_some(TextPrior { intercept, weights })
    }

    /// A prior that says nothing (every block's column is 0).
    pub fn zero() -> TextPrior {
        TextPrior { intercept: 0.0, weights: vec![0.0; BUCKETS] }
    }

    /// The prior's log-odds for `text`; `scratch` is reused between blocks.
    pub fn log_odds(&self, text: &str, scratch: &mut Vec<u32>) -> f32 {
        scratch.clear();
        buckets(text, scratch);
        scratch.sort_unstable();
        let (mut dot, mut squares) = (0.0f32, 0.0f32);
        let mut at = 0;
        while at < scratch.len() {
            let b = scratch[at];
            let run = scratch[at..].iter().take_while(|&&x| x == b).count();
            let count = run as f32;
            dot += self.weights[b as usize] * count;
            squares += count * count;
            at += run;
        }
        if squares > 0.0 { self.intercept + dot / squares.sqrt() } else { self.intercept }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Push the bucket of every word of `text` onto `out`, in order.
pub fn buckets(text: &str, out: &mut Vec<u32>) {
    let mask = (BUCKETS - 1) as u64;
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let feed = |hash: &mut u64, c: char| {
        let mut utf8 = [0u8; 4];
        for &byte in c.encode_utf8(&mut utf8).as_bytes() {
            *hash = (*hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
        }
    };
    for c in text.chars() {
        if chars::is_alphanumeric(c) {
            in_word = true;
            match chars::lowercase_one(c) {
                Some(l) => feed(&mut hash, l),
                None => c.to_lowercase().for_each(|l| feed(&mut hash, l)),
            }
        } else if in_word {
            out.push((hash & mask) as u32);
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push((hash & mask) as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(intercept: f32, scale: f32, weights: &[(usize, i16)]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&BUCKETS_LOG2.to_le_bytes());
        bytes.extend_from_slice(&intercept.to_le_bytes());
        bytes.extend_from_slice(&scale.to_le_bytes());
        let mut body = vec![0i16; BUCKETS];
        for &(b, w) in weights {
            body[b] = w;
        }
        body.iter().for_each(|w| bytes.extend_from_slice(&w.to_le_bytes()));
        bytes
    }

    fn bucket_of(word: &str) -> u32 {
        let mut out = Vec::new();
        buckets(word, &mut out);
        assert_eq!(out.len(), 1, "{word:?} is one word");
        out[0]
    }

    #[test]
    fn words_are_lowercased_runs_of_alphanumerics() {
        let mut out = Vec::new();
        buckets("Share this: share, SHARE!  Ünïcode 42", &mut out);
        assert_eq!(out.len(), 6);
        assert_eq!(out[0], bucket_of("share"));
        assert_eq!(out[1], bucket_of("this"));
        assert_eq!(out[2], out[0]);
        assert_eq!(out[3], out[0]);
        assert_eq!(out[4], bucket_of("ünïcode"));
        assert_eq!(out[5], bucket_of("42"));
        assert_ne!(bucket_of("share"), bucket_of("shares"));
    }

    #[test]
    fn fnv_1a_of_the_utf8_bytes_masked() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.
        assert_eq!(u64::from(bucket_of("a")), 0xaf63_dc4c_8601_ec8c & (BUCKETS as u64 - 1));
    }

    #[test]
    fn log_odds_is_the_intercept_plus_the_normalised_dot_product() {
        let (share, this) = (bucket_of("share") as usize, bucket_of("this") as usize);
        let prior = TextPrior::from_bytes(&file(-0.5, 0.25, &[(share, -8), (this, 4)])).expect("a valid file");
        let mut scratch = Vec::new();
        // Counts share 2, this 1: norm √5; dot 2·(−2) + 1·1 = −3.
        let got = prior.log_odds("Share this share", &mut scratch);
        assert!((got - (-0.5 - 3.0 / 5f32.sqrt())).abs() < 1e-6, "{got}");
        assert_eq!(prior.log_odds(" — ", &mut scratch), -0.5, "no words: the intercept");
    }

    #[test]
    fn a_broken_file_is_refused() {
        let good = file(0.0, 1.0, &[]);
        assert!(TextPrior::from_bytes(&good).is_ok());
        assert!(matches!(TextPrior::from_bytes(b"PITHTP0"), Err(TextPriorError::Magic)));
        assert!(matches!(TextPrior::from_bytes(&good[..good.len() - 1]), Err(TextPriorError::Length { .. })));
        let mut other = good.clone();
        other[8] = 16;
        assert!(matches!(TextPrior::from_bytes(&other), Err(TextPriorError::Buckets { found: 16 })));
        let mut nan = good;
        nan[12..16].copy_from_slice(&f32::NAN.to_le_bytes());
        assert!(matches!(TextPrior::from_bytes(&nan), Err(TextPriorError::NotFinite)));
    }
}
