//! A model file's contents (columns, baseline, trees as parallel arrays)
//! and their layout as the evaluator walks them: every tree's nodes in one
//! array, breadth first, each inner node's children side by side.
//!
//! `build.rs` includes this file by path: it parses the built-in models'
//! JSON with these serde types (so every `f32` is the one a JSON load
//! gives), lays them out here and embeds the nodes, so start-up neither
//! parses 700 KB of JSON nor builds the arrays. It depends on serde only;
//! [`super::forest::Forest`] evaluates.

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

/// One node as laid out: the split column, the index of the left child in
/// the node array (the right child is the next one; 0 for a leaf), the
/// threshold and the node's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatNode {
    pub feature: u16,
    pub left: u32,
    pub threshold: f32,
    pub value: f32,
}

impl FlatNode {
    /// The node's 16 bytes as `forest::Node` (`repr(C)`) holds them:
    /// feature, two zero bytes, left, threshold, value; little endian or
    /// not as the target is.
    #[allow(dead_code)] // used by build.rs
    pub fn bytes(&self, little_endian: bool) -> [u8; 16] {
        let mut out = [0u8; 16];
        let (f, l, t, v) = if little_endian {
            (self.feature.to_le_bytes(), self.left.to_le_bytes(), self.threshold.to_le_bytes(), self.value.to_le_bytes())
        } else {
            (self.feature.to_be_bytes(), self.left.to_be_bytes(), self.threshold.to_be_bytes(), self.value.to_be_bytes())
        };
        out[0..2].copy_from_slice(&f);
        out[4..8].copy_from_slice(&l);
        out[8..12].copy_from_slice(&t);
        out[12..16].copy_from_slice(&v);
        out
    }
}

/// A model's trees laid out: every node, and where each tree's root is.
#[derive(Debug, Default)]
pub struct Flat {
    pub nodes: Vec<FlatNode>,
    pub roots: Vec<u32>,
}

/// Check `model`'s trees (for a model of `columns` columns) and lay them
/// out; a malformed tree is `Err((tree index, reason))`.
pub fn layout(model: &ModelFile, columns: usize) -> Result<Flat, (usize, &'static str)> {
    let mut flat = Flat { nodes: Vec::with_capacity(model.trees.iter().map(|t| t.feature.len()).sum()), roots: Vec::with_capacity(model.trees.len()) };
    let mut order = Vec::new();
    for (t, tree) in model.trees.iter().enumerate() {
        let n = tree.feature.len();
        if n == 0 || [tree.threshold.len(), tree.left.len(), tree.right.len(), tree.value.len()].iter().any(|&l| l != n) {
            return Err((t, "arrays of unequal length"));
        }
        for i in 0..n {
            let (left, right) = (tree.left[i], tree.right[i]);
            let leaf = left == 0;
            // Children come after their parent, so evaluation always ends.
            if !leaf && (left as usize <= i || right as usize <= i || left as usize >= n || right as usize >= n) {
                return Err((t, "a child index out of order or out of range"));
            }
            if !leaf && usize::from(tree.feature[i]) >= columns {
                return Err((t, "a split on a column the engine does not compute"));
            }
        }
        // Breadth first from the root, each inner node's children given
        // two adjacent slots.
        let base = flat.nodes.len() as u32;
        flat.roots.push(base);
        order.clear();
        order.push(0u32);
        let mut at = 0;
        while at < order.len() {
            let i = order[at] as usize;
            let leaf = tree.left[i] == 0;
            let left = if leaf {
                0
            } else {
                order.push(tree.left[i]);
                order.push(tree.right[i]);
                base + order.len() as u32 - 2
            };
            flat.nodes.push(FlatNode { feature: tree.feature[i], left, threshold: tree.threshold[i], value: tree.value[i] });
            at += 1;
            if order.len() > n {
                return Err((t, "a node reached twice"));
            }
        }
    }
    Ok(flat)
}
