//! pith's tokenizer against html5ever's on arbitrary markup: the trees
//! html5ever's tree builder makes from either's tokens must be the same
//! (`frontend::tokenizer`, `tests/tokenizer.rs`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pith::frontend::budget::Budget;
use pith::frontend::parse::{parse_with, Tokenizing};

fuzz_target!(|data: &[u8]| {
    let markup = String::from_utf8_lossy(data);
    let budget = Budget::for_input(markup.len(), None);
    let tree = |tokenizing| parse_with(&markup, &budget, tokenizing).map(|html| html.html()).map_err(|e| e.to_string());
    let (pith, reference) = (tree(Tokenizing::Pith), tree(Tokenizing::Html5ever));
    assert_eq!(pith, reference, "{markup:?}");
});
