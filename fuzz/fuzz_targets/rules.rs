//! Rule loading on arbitrary TOML (selectors and regexes inside it); a rule
//! that loads is applied to a small page and dump of its first host.
#![no_main]
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pith::rules::load::Source;
use pith::rules::{Origin, RuleSet};
use pith::{Extractor, ExtractorOptions};

const PAGE: &[u8] = b"<html><head><title>T | Site</title></head><body><nav><a href=/>Home</a></nav><article class=post>\
<h1>Title</h1><p class=lead>The council met on Monday and approved the plan for the harbour.</p><div id=share>Share</div>\
<p>It will be built next year, the mayor said.</p></article><footer>Contact</footer></body></html>";
const DUMP: &[u8] = b"Home\nNews\n\nThe council met on Monday and approved the plan for the harbour.\n\nShare this\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source { file: "fuzz.toml".into(), name: "fuzz".into(), text: text.into(), dir: PathBuf::from("."), origin: Origin::User };
    let Ok(set) = RuleSet::from_sources(vec![vec![source]]) else { return };
    let host = set.rules().first().and_then(|r| r.hosts.first().cloned()).unwrap_or_else(|| "example.com".into());
    let url = format!("https://{host}/a");
    let extractor = Extractor::with_rules(ExtractorOptions::default(), set);
    let _ = extractor.extract(PAGE, Some(&url));
    let _ = extractor.extract(DUMP, Some(&url));
    let _ = extractor.extract(DUMP, None);
});
