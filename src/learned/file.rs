//! A model file's contents (columns, baseline, trees as parallel arrays) and
//! the compact binary form of it that `build.rs` writes for the built-in
//! models, so start-up copies arrays instead of parsing 700 KB of JSON.
//!
//! `build.rs` includes this file by path (it parses the JSON with the same
//! serde types, so every `f32` is the one a JSON load gives); it depends on
//! serde only. It checks no tree: [`super::forest::Forest`] does, whatever
//! the form the file came in.

use serde::Deserialize;

/// A tree as the file stores it: parallel arrays, node 0 the root, a leaf
/// where `left` is 0.
#[derive(Debug, Deserialize, PartialEq)]
pub struct TreeFile {
    pub feature: Vec<u16>,
    pub threshold: Vec<f32>,
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    pub value: Vec<f32>,
}

/// A model file.
#[derive(Debug, Deserialize, PartialEq)]
pub struct ModelFile {
    pub columns: Vec<String>,
    pub baseline: f32,
    pub trees: Vec<TreeFile>,
}

/// The first bytes of the binary form (with its version).
const MAGIC: &[u8; 8] = b"pithmdl1";

/// The binary form: [`MAGIC`]; the baseline; the column count and each
/// column as a length and UTF-8 bytes; the tree count and each tree as its
/// node count and then its five arrays in field order. Numbers are little
/// endian, counts `u32`, floats their `f32` bits.
#[allow(dead_code)] // used by build.rs, and by the tests
pub fn encode(model: &ModelFile) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    let len = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u32).to_le_bytes());
    out.extend_from_slice(&model.baseline.to_le_bytes());
    len(&mut out, model.columns.len());
    for c in &model.columns {
        len(&mut out, c.len());
        out.extend_from_slice(c.as_bytes());
    }
    len(&mut out, model.trees.len());
    for t in &model.trees {
        len(&mut out, t.feature.len());
        t.feature.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        t.threshold.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        t.left.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        t.right.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        t.value.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    }
    out
}

/// Reads the binary form front to back.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.bytes.split_first_chunk::<N>()?;
        self.bytes = rest;
        Some(*head)
    }

    fn count(&mut self) -> Option<usize> {
        self.take().map(|b| u32::from_le_bytes(b) as usize)
    }

    fn array<const N: usize, T>(&mut self, n: usize, from: impl Fn([u8; N]) -> T) -> Option<Vec<T>> {
        let bytes = self.bytes.get(..n.checked_mul(N)?)?;
        self.bytes = &self.bytes[bytes.len()..];
        Some(bytes.chunks_exact(N).map(|c| from(c.try_into().unwrap_or([0; N]))).collect())
    }
}

/// The model in `bytes` ([`encode`]'s form), or `None` if they are not one.
#[allow(dead_code)] // used by the library, not by build.rs
pub fn decode(bytes: &[u8]) -> Option<ModelFile> {
    let mut r = Reader { bytes: bytes.strip_prefix(MAGIC)? };
    let baseline = f32::from_le_bytes(r.take()?);
    let columns = (0..r.count()?)
        .map(|_| {
            let n = r.count()?;
            String::from_utf8(r.array(n, |[b]: [u8; 1]| b)?).ok()
        })
        .collect::<Option<Vec<String>>>()?;
    let trees = (0..r.count()?)
        .map(|_| {
            let n = r.count()?;
            Some(TreeFile {
                feature: r.array(n, u16::from_le_bytes)?,
                threshold: r.array(n, f32::from_le_bytes)?,
                left: r.array(n, u32::from_le_bytes)?,
                right: r.array(n, u32::from_le_bytes)?,
                value: r.array(n, f32::from_le_bytes)?,
            })
        })
        .collect::<Option<Vec<TreeFile>>>()?;
    r.bytes.is_empty().then_some(ModelFile { columns, baseline, trees })
}
