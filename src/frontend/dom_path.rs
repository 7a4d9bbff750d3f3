//! CSS paths of elements (`body > main > article > p:nth-of-type(3)`), for
//! `--explain` and the tools that read it (rule authoring). Computed only
//! when asked, after the walk, from the parsed document; the extraction
//! itself never reads them.

use ego_tree::NodeId;
use scraper::{Html, Node};

/// Deepest path kept: deeper elements are written as `… > tag`.
const MAX_SEGMENTS: usize = 64;

/// The path of element `id` from `<html>`'s child down: each step is the
/// tag, with `:nth-of-type(k)` when the parent has other children of that
/// tag. Empty for the document node or an id not in `doc`.
pub fn of(doc: &Html, id: NodeId) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut node = doc.tree.get(id);
    while let Some(n) = node {
        let Node::Element(el) = n.value() else { break };
        let tag = el.name();
        if tag == "html" {
            break;
        }
        if segments.len() == MAX_SEGMENTS {
            segments.push("…".to_owned());
            break;
        }
        let same_tag = |s: &ego_tree::NodeRef<Node>| s.value().as_element().is_some_and(|e| e.name() == tag);
        let before = n.prev_siblings().filter(same_tag).count();
        let after = n.next_siblings().filter(same_tag).count();
        segments.push(if before + after == 0 { tag.to_owned() } else { format!("{tag}:nth-of-type({})", before + 1) });
        node = n.parent();
    }
    segments.reverse();
    segments.join(" > ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    #[test]
    fn numbers_only_tags_with_siblings_alike() {
        let doc = Html::parse_document("<main><article><h1>T</h1><p>a</p><p>b</p><p id=x>c</p></article></main>");
        let sel = Selector::parse("#x").expect("selector");
        let el = doc.select(&sel).next().expect("the third paragraph");
        assert_eq!(of(&doc, el.id()), "body > main > article > p:nth-of-type(3)");
        let h1 = doc.select(&Selector::parse("h1").expect("selector")).next().expect("h1");
        assert_eq!(of(&doc, h1.id()), "body > main > article > h1");
    }
}
