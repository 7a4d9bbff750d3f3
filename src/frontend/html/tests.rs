//! The walk's tests.

use super::*;

#[test]
fn mathml_is_read_without_annotations_even_in_a_menu_classed_wrapper() {
    let html = r#"<p>When <span class="CtxtMenu_Attached_0"><span><math><mi>a</mi><mo>=</mo><mn>0</mn>
        <annotation encoding="application/x-tex">a=0</annotation></math></span></span> it holds.</p>
        <p>Menu <span class="menu">Home</span> here.</p>"#;
    let page = walk(&Html::parse_document(html), WalkOptions { markdown: false, links: false });
    let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["When a=0 it holds.", "Menu here."]);
}

#[test]
fn permalink_anchors_and_icon_glyphs_are_no_text() {
    let html = "<h1>Quickstart<a class=\"headerlink\" href=\"#q\" title=\"Link to this heading\">¶</a></h1>\
        <h2>Install <a href=\"#i\">#</a></h2><h2>Ansible playbooks<a href=\"#p\">\u{f0c1}</a></h2>\
        <p><i class=\"fa\">\u{f09a}</i> Share this page with your friends.</p>\
        <p>See <a href=\"#s\">§ 4</a> and the C# guide, ¶ 2.</p>";
    let page = walk(&Html::parse_document(html), WalkOptions { markdown: false, links: false });
    let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Quickstart", "Install", "Ansible playbooks", "Share this page with your friends.", "See § 4 and the C# guide, ¶ 2."]);
}
