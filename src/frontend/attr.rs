//! Reading one attribute of a parsed element by name.
//!
//! `scraper`'s `Element::attr` makes an atom of the name at every call and
//! searches the attributes by qualified name: 15 M instructions a pass over
//! 100 trafilatura-dev pages (session 40). After the pre-parse pass an
//! element keeps a few attributes ([`super::attributes`]), so comparing
//! their local names in order costs less. It reads; it decides nothing.

use scraper::node::Element;

/// The value of `el`'s attribute `name` (no namespace, as the selector
/// `[name]` and `Element::attr` read it); `name` is lower-case.
pub fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs.iter().find(|(key, _)| key.ns.is_empty() && &*key.local == name).map(|(_, value)| &**value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_element_attr_reads() {
        let doc = scraper::Html::parse_fragment(r#"<a HREF="/x" class="a b" xlink:href="no" data-x="">t</a><svg><a xlink:href="/y"></a></svg>"#);
        for node in doc.tree.nodes() {
            let Some(el) = node.value().as_element() else { continue };
            for name in ["href", "class", "data-x", "xlink:href", "missing"] {
                assert_eq!(attr(el, name), el.attr(name), "{name} of {}", el.name());
            }
        }
        let a = doc.tree.nodes().find_map(|n| n.value().as_element().filter(|e| e.name() == "a")).expect("an a");
        assert_eq!(attr(a, "href"), Some("/x"));
        assert_eq!(attr(a, "data-x"), Some(""));
    }
}
