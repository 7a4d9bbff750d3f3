//! pith's tokenizer (`frontend::tokenizer`) against html5ever's: the tree
//! html5ever's tree builder makes from either's tokens must be the same,
//! serialised, on every form the tokenizer reads, every form it hands over,
//! random markup, and (with `PITH_TOKENIZER_CHECK_DIR`) every page of a
//! directory, raw and as the pre-parse pass prepares it.

use std::io::Read;

use pith::decode::decode_html;
use pith::frontend::attributes::KeptAttributes;
use pith::frontend::budget::Budget;
use pith::frontend::nesting::{prepare, MAX_PARSE_DEPTH};
use pith::frontend::parse::{parse_with, Tokenizing};
use proptest::prelude::*;

fn tree(markup: &str, tokenizing: Tokenizing) -> String {
    let budget = Budget::for_input(markup.len(), None);
    match parse_with(markup, &budget, tokenizing) {
        Ok(html) => html.html(),
        Err(e) => format!("error: {e}"),
    }
}

/// The difference between the two trees of `markup`, if any.
fn differs(markup: &str) -> Option<(String, String)> {
    let pith = tree(markup, Tokenizing::Pith);
    let reference = tree(markup, Tokenizing::Html5ever);
    (pith != reference).then_some((pith, reference))
}

#[track_caller]
fn assert_same_tree(markup: &str) {
    if let Some((pith, reference)) = differs(markup) {
        panic!("{markup:?}\npith's tokenizer:\n{pith}\nhtml5ever's:\n{reference}");
    }
}

#[test]
fn text_tags_and_attributes() {
    for markup in [
        "",
        "plain text",
        "<!DOCTYPE html><html><head><title>T &amp; U</title></head><body><p class=a id='b' data-x=\"c\">Hi <b>there</b></p></body></html>",
        "<P CLASS=Upper ID=X>Mixed <SPAN>case</SPAN></P>",
        "<div a=1 a=2 b c = \"d\" e='f'g=h>x</div>",
        "<img src=x alt=\"a > b\"/><br/><input disabled>",
        "<a href=\"?a=1&b=2&copy=3&amp;d=4&lt\">q</a> &copy &copy; &notit; &notin; &noti &#65;&#x42;&#X43 &#0; &#128; &#x9D; &#xD800; &#1114112; &#; &#x; & ; &ampx",
        "<p>a < b and c <= d, e <3 f</p> <p>x<</p> trailing <",
        "<div / class=x><span/ >y</span></div><a/ b>z</a>",
        "<table><tr><td>1<td>2</table> text in <select><option>o</select>",
        "<pre>\nkept first newline dropped</pre><pre>&#10;x</pre><textarea>\nt &amp; <b>not a tag</b></textarea>",
        "<ul><li>one<li>two</ul><p>para<p>para2",
        "<svg><circle cx=1 CX=2 viewBox='0 0 1 1'/><foreignObject><p>in</p></foreignObject></svg><math><mi>x</mi></math>",
        "<title>a</title ><title>b</TITLE>c",
        "<p>\u{e9}l\u{e8}ve \u{4e2d}\u{6587} <span title=\u{e9}t\u{e9}>\u{1f600}</span></p>",
        "\u{feff}<p>after a byte-order mark</p>",
        "\u{feff}\u{feff}<p>a second mark is text</p>",
        "<p>\r\nline\rbreaks\r</p>",
    ] {
        assert_same_tree(markup);
    }
}

#[test]
fn raw_text_comments_and_doctypes() {
    for markup in [
        "<!-- a comment --><p>x<!---->y<!-- - -- --></p>",
        "<!-->x<!--->y<!-- a --!> b -->z",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x",
        "<!doctype HTML SYSTEM 'about:legacy-compat'><p>x",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><p>quirks?",
        "<!DOCTYPEhtml><p>x",
        "<!DOCTYPE html bogus><p>x",
        "<!DOCTYPE>x",
        "<style>p > a { color: red } </style ><script>if (a < b && c) { x = '</scr' + 'ipt>' }</script><p>after",
        "<script>var s = '<!--'; </script><p>escaped</p><script><!-- <script> </script> --></script>after",
        "<script type=application/ld+json>{\"a\": \"</p>\"}</script>",
        "<noscript><img src=x></noscript><iframe><b>raw</b></iframe><xmp><i>raw</i></xmp><noembed>n</noembed><noframes>f</noframes>",
        "<title>unclosed title &amp; more",
        "<style>unclosed style",
        "<plaintext><b>all text</b></plaintext>",
        "<p>before <?php echo 1 ?> after</p>",
        "<svg><![CDATA[ raw ]]></svg>",
        "<p>a\0b</p>",
        "<p class=\"a\0\">x</p>",
        "<p></p x=1>y",
        "<p></br></p></>",
        "<p>unterminated <a href=\"x",
        "<p>unterminated <a href=x",
        "<p>unterminated <a",
        "<p>x</p/>",
        "<script><!-- x --></script>a<script><!--></script>b<script><!---></script>c",
        "<script><!-- <script>inner</script> still --></script>d<script><!-- <SCRIPT >x</script>y</script> z --> w</script>e",
        "<script><!-- <scriptx></script>f<script><!-- <script/></script ></script>g<script><!-- <script>--></script>h",
        "<script>a <!-- b -- > </script>i<script><!-- - -> </script>j<script><!--<script>-->--></script>k",
        "<script><!--<script><!--</script>--></script>l<script><!-- </scripts> </script>m",
        "<script><!-- <script>never closed",
        "<script>x</script",
        "<script>x</script ",
        "<p>x</p a=1 b='2' a=3>y</p / >z",
        "<div =x>y</div><LINK REL=\" stylesheet \"=\" \" type=x>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><svg><![CDATA[x<y]]><?pi?></svg><p><![CDATA[not cdata]]></p>",
        "a</>b</ c>d</1>e<!x>f<!->g<!---h-->i</",
        "<? unterminated",
        "<!bogus unterminated",
    ] {
        assert_same_tree(markup);
    }
}

/// Markup put together from the pieces the tokenizer's states turn on.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<", ">", "/", "=", "\"", "'", "&", ";", "#", "x", "!", "-", "?", " ", "\n", "\r", "\t", "\0", "a", "A", "1", "p", "div", "b", "table", "td", "li",
        "script", "style", "title", "textarea", "pre", "svg", "math", "noscript", "amp", "copy", "notin", "lt", "DOCTYPE", "html", "PUBLIC", "<!--", "-->",
        "<p>", "</p>", "<b>", "</b>", "<br/>", "<a href=", "class=", "&amp;", "&#", "\u{e9}", "\u{4e2d}", "<![CDATA[", "]]>",
        "<script>", "</script>", "<title>", "</title>", "<style>", "</style>", "<textarea>", "<pre>", "<svg>", "<table>", "<select>", "<template>", "<!DOCTYPE html>",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]
    #[test]
    fn random_markup_gives_the_same_tree(markup in markup()) {
        let found = differs(&markup);
        prop_assert!(found.is_none(), "{:?}: {:?}", markup, found);
    }
}

/// Every page of `PITH_TOKENIZER_CHECK_DIR` (`.html`, `.html.gz`), raw and
/// prepared as the extractor prepares it; run with `--ignored`.
#[test]
#[ignore]
fn every_page_of_a_directory_gives_the_same_tree() {
    let Ok(dir) = std::env::var("PITH_TOKENIZER_CHECK_DIR") else {
        return;
    };
    let kept = KeptAttributes::default();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("a readable directory").map(|e| e.expect("an entry").path()).collect();
    paths.sort();
    let mut differing = Vec::new();
    for path in &paths {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(path).expect("a readable page");
        if path.extension().is_some_and(|e| e == "gz") {
            flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gzip");
        } else {
            std::io::BufReader::new(file).read_to_end(&mut bytes).expect("read");
        }
        let decoded = decode_html(&bytes, None);
        let prepared = prepare(&decoded.text, MAX_PARSE_DEPTH, &kept);
        for (kind, markup) in [("raw", decoded.text.as_ref()), ("prepared", prepared.as_ref())] {
            if differs(markup).is_some() {
                differing.push(format!("{} ({kind})", path.display()));
            }
        }
    }
    assert!(differing.is_empty(), "{} of {} pages differ: {differing:#?}", differing.len(), paths.len());
    eprintln!("{} pages, raw and prepared: the same trees", paths.len());
}

#[test]
fn carriage_returns_become_line_feeds() {
    use pith::frontend::tokenizer::newlines_normalised;
    assert_eq!(newlines_normalised("a\r\nb\rc\r\r\nd\n\re\r"), "a\nb\nc\n\nd\n\ne\n");
    assert!(matches!(newlines_normalised("no returns\n"), std::borrow::Cow::Borrowed(_)));
}

/// A U+FEFF inside the page is text wherever it falls, also where the
/// page is cut into the chunks html5ever's tokenizer is fed (1 KiB): the
/// tokenizer dropped it there (found by the fuzz target).
#[test]
fn a_byte_order_mark_inside_the_page_is_text() {
    for at in [1020, 1023, 1024, 1025, 2048] {
        let mut markup = String::from("<p>");
        markup.push_str(&"x".repeat(at - markup.len()));
        markup.push('\u{feff}');
        markup.push_str("y</p><p>z</p>");
        assert_same_tree(&markup);
        assert!(tree(&markup, Tokenizing::Html5ever).contains("x\u{feff}y"), "{at}");
    }
}
