//! Times html5ever's parse alone on one page: `parse_only PAGE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_only PAGE");
    let bytes = std::fs::read(&path).expect("read page");
    let start = std::time::Instant::now();
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
    println!("{path}: parsed {} nodes in {:.2} s", doc.tree.nodes().count(), start.elapsed().as_secs_f64());
}
