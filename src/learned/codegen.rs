//! The built-in models' trees as Rust code, written by `build.rs` (which
//! includes this file by path; the library does not).
//!
//! Each tree of a laid-out model ([`super::file::Flat`]) becomes a function
//! that adds the tree's leaf for every row of a chunk to that row's sum:
//! nested `if r[column] <= threshold { left } else { right }`, thresholds
//! and leaf values written as `f32::from_bits` of the embedded `f32`s (their
//! decimal value in a comment), so the code decides and sums exactly as the
//! interpreter (`forest::Forest::walk`) does: `<=` is false for NaN, which
//! goes right as `goes_right` sends it. A model's functions are listed in
//! tree order, and the evaluator adds their leaves in that order, so every
//! sum is the interpreter's to the bit (`compiled_trees_match_the_interpreter`).
//! Constant column indices into the fixed-size row are checked by the
//! compiler.

use std::fmt::Write as _;

use super::file::Flat;

/// Trees per generated function: a row's running sum stays in a register
/// across them and the loop's own work is paid once per group.
pub const GROUP: usize = 4;

/// Rust source for `flat`'s trees: one function per [`GROUP`] trees named
/// `{prefix}_{first tree}` and `pub(super) static {upper}_TREES` listing
/// them in order. `source` names the model file in comments. The code
/// expects `Row` and `TreeFn` in scope.
pub fn trees(flat: &Flat, prefix: &str, upper: &str, source: &str) -> String {
    let mut out = String::new();
    let groups: Vec<(usize, &[u32])> = flat.roots.chunks(GROUP).enumerate().map(|(g, roots)| (g * GROUP, roots)).collect();
    let names: Vec<String> = groups.iter().map(|(first, _)| format!("{prefix}_{first}")).collect();
    writeln!(out, "/// The trees of {source} in order, {GROUP} a function, as code.").expect("write to String");
    writeln!(out, "pub(super) static {upper}_TREES: [TreeFn; {}] = [{}];\n", names.len(), names.join(", ")).expect("write to String");
    for ((first, roots), name) in groups.iter().zip(&names) {
        writeln!(out, "/// {source}, trees {first} to {}.", first + roots.len() - 1).expect("write to String");
        writeln!(out, "fn {name}(rows: &[Row], sums: &mut [f32]) {{").expect("write to String");
        out.push_str("    for (r, s) in rows.iter().zip(sums.iter_mut()) {\n        let mut sum = *s;\n");
        for (t, &root) in roots.iter().enumerate() {
            writeln!(out, "        // tree {}", first + t).expect("write to String");
            out.push_str("        sum += ");
            node(&mut out, flat, root as usize, 2);
            out.push_str(";\n");
        }
        out.push_str("        *s = sum;\n    }\n}\n\n");
    }
    out
}

/// The expression for the subtree at `at`, its inner lines indented
/// `depth` levels.
fn node(out: &mut String, flat: &Flat, at: usize, depth: usize) {
    let n = flat.nodes[at];
    if n.left == 0 {
        write!(out, "f32::from_bits({:#010x}) /* {:?} */", n.value.to_bits(), n.value).expect("write to String");
        return;
    }
    let pad = "    ".repeat(depth + 1);
    let close = "    ".repeat(depth);
    write!(out, "if r[{}] <= f32::from_bits({:#010x}) /* {:?} */ {{\n{pad}", n.feature, n.threshold.to_bits(), n.threshold).expect("write to String");
    node(out, flat, n.left as usize, depth + 1);
    write!(out, "\n{close}}} else {{\n{pad}").expect("write to String");
    node(out, flat, n.left as usize + 1, depth + 1);
    write!(out, "\n{close}}}").expect("write to String");
}
