//! Tests of HTML metadata reading (`metadata::html`).

use super::*;

fn read(html: &str) -> HtmlMetadata {
    from_html(&Html::parse_document(html), None)
}

fn read_at(html: &str, url: &str) -> HtmlMetadata {
    from_html(&Html::parse_document(html), Some(url))
}

#[test]
fn clean_collapses_every_whitespace_run() {
    assert_eq!(clean("  Jane \u{a0} Doe\n\t(ed.) ").as_deref(), Some("Jane Doe (ed.)"));
    assert_eq!(clean(" \u{2003}\n"), None);
    assert_eq!(clean("one"), Some("one".to_owned()));
}

fn titled(title: &str, head: &str) -> HtmlMetadata {
    read(&format!("<html><head><title>{title}</title>{head}</head><body></body></html>"))
}

const GRAPH: &str = r#"<html><head><title>Minister backs plan for spring | Daily Planet</title>
    <script type=" Application/LD+JSON ">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Daily Planet Online"},
      {"@type":"WebPage","name":"Minister backs plan for spring | Daily Planet"},
      {"@type":["NewsArticle","Article"],"headline":"Minister backs plan for spring",
       "author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
       "datePublished":"2021-03-04T23:30:00-05:00","dateModified":"2021-03-06T10:00:00Z",
       "publisher":{"@type":"Organization","name":"Daily Planet"},
       "articleBody":"The minister said\n\n  the plan   would go ahead.",
       "keywords":"politics, spring"}]}</script></head><body></body></html>"#;

#[test]
fn a_headline_escaped_twice_is_decoded_and_a_scholarly_date_read() {
    let m = read(r#"<html><head><title>And finally… trouble brewing - Site News</title><script type="application/ld+json">{"@type":"NewsArticle",
        "headline":"And finally&amp;#8230; trouble brewing"}</script>
        <meta name="citation_publication_date" content="2023 Jan 7"></head><body></body></html>"#);
    assert_eq!(m.title.as_deref(), Some("And finally… trouble brewing"));
    assert_eq!(m.date.as_deref(), Some("2023-01-07"));
    let m = read(r#"<html><head><meta name="published" content="July 17, 2025"></head><body></body></html>"#);
    assert_eq!(m.date.as_deref(), Some("2025-07-17"));
    assert_eq!(decode_entities("Fish &amp;amp;amp; chips"), "Fish &amp; chips", "decoded twice, no more");
}

#[test]
fn a_line_break_or_a_block_in_a_heading_parts_its_words() {
    let doc = Html::parse_document("<body><h1>Cosmetic Packaging<br><span>Design</span></h1><h2>Tea<div>time</div><em>s</em></h2></body>");
    let heading = |name: &str| doc.select(&scraper::Selector::parse(name).expect("a selector")).next().expect("the heading");
    assert_eq!(element_text(heading("h1")).as_deref(), Some("Cosmetic Packaging Design"));
    assert_eq!(element_text(heading("h2")).as_deref(), Some("Tea time s"), "inline elements join, blocks part");
}

#[test]
fn jsonld_howto_steps_are_the_body() {
    let m = read(r#"<html><head><script type="application/ld+json">{"@type":"HowTo","name":"Sew a round tablecloth",
        "description":"<p>A round table looks best with a <a href=\"/x\">round</a> cloth.</p>",
        "step":[{"@type":"HowToSection","itemListElement":[{"@type":"HowToDirection","text":"<p>Measure the diameter.</p><p>Add the drop twice.</p>"}]},
                {"@type":"HowToStep","text":"Cut the fabric &amp; hem it."}]}</script></head><body></body></html>"#);
    assert_eq!(
        m.article_body.as_deref(),
        Some("A round table looks best with a round cloth.\n\nMeasure the diameter.\n\nAdd the drop twice.\n\nCut the fabric & hem it.")
    );
}

#[test]
fn jsonld_graph_article() {
    let m = read(GRAPH);
    assert_eq!(m.title.as_deref(), Some("Minister backs plan for spring"));
    assert_eq!(m.authors, ["Lois Lane", "Clark Kent"]);
    assert_eq!(m.date.as_deref(), Some("2021-03-04"), "date as written, offset not applied");
    assert_eq!(m.site_name.as_deref(), Some("Daily Planet"), "publisher before WebSite name");
    assert_eq!(m.article_body.as_deref(), Some("The minister said the plan would go ahead."));
    assert_eq!(m.page_types, ["website", "webpage", "newsarticle", "article"]);
    assert_eq!(m.tags, ["politics", "spring"]);
}

#[test]
fn organisation_authors_are_skipped() {
    let m = read(
        r#"<script type="application/ld+json">[{"@type":"BlogPosting","headline":"Notes",
        "author":[{"@type":"NewsMediaOrganization","name":"Reuters"},"By Jane Doe",{"name":"https://x.com/j"},
        {"@type":"Person","givenName":"John","familyName":"Roe"}]}]</script>"#,
    );
    assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
}

#[test]
fn main_entity_and_webpage_rank_last() {
    let m = read(
        r#"<script type="application/ld+json">{"@type":"QAPage","name":"Page name",
        "mainEntity":{"@type":"Question","name":"How?"}}</script>
        <script type="application/ld+json">{"@type":"Report","headline":"Annual report 2020",
          "datePublished":"2020-12-01"}</script>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Annual report 2020"));
    assert_eq!(m.page_types, ["qapage", "question", "report"]);
}

#[test]
fn broken_jsonld_is_skipped_or_repaired() {
    let m = read(
        "<script type=application/ld+json>{\"@type\": \"Article\", \"headline\": </script>
         <script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"Fixed\tone\",
           \"author\":{\"name\":\"Ann Lee\",},}</script>",
    );
    assert_eq!(m.title.as_deref(), Some("Fixed one"));
    assert_eq!(m.authors, ["Ann Lee"]);
    assert_eq!(read("<script type=application/ld+json>{{{]]]</script>"), HtmlMetadata::default());
}

#[test]
fn open_graph_fallbacks() {
    let m = titled(
        "Ignored | Site",
        r#"<meta property="og:title" content=" The   real  headline ">
        <meta property="og:site_name" content="Site"><meta property="og:description" content="Summary.">
        <meta property="og:image" content="https://site.example/a.jpg"><meta property="og:type" content="Article">
        <meta name="twitter:title" content="Twitter title">"#,
    );
    assert_eq!(m.title.as_deref(), Some("The real headline"));
    assert_eq!(m.site_name.as_deref(), Some("Site"));
    assert_eq!(m.description.as_deref(), Some("Summary."));
    assert_eq!(m.image.as_deref(), Some("https://site.example/a.jpg"));
    assert_eq!(m.page_types, ["article"]);
}

#[test]
fn empty_meta_is_missing_and_h1_is_last_resort() {
    let m = read(r#"<meta property="og:title" content="  "><body><h1> Only  heading </h1></body>"#);
    assert_eq!(m.title.as_deref(), Some("Only heading"));
    assert_eq!(m.site_name, None);
}

#[test]
fn dissimilar_headline_loses_to_og_title() {
    let m = read(
        r#"<meta property="og:title" content="Storm closes coastal roads">
        <script type="application/ld+json">{"@type":"Article","headline":"Homepage"}</script>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Storm closes coastal roads"));
}

#[test]
fn site_suffix_and_prefix_are_stripped() {
    let site = r#"<meta property="og:site_name" content="The Site">"#;
    assert_eq!(
        titled("Council votes on budget | The Site", site).title.as_deref(),
        Some("Council votes on budget")
    );
    assert_eq!(titled("THESITE - Council votes on budget", site).title.as_deref(), Some("Council votes on budget"));
    assert_eq!(titled("The Site: Council votes", site).title.as_deref(), Some("Council votes"));
    assert_eq!(titled("The Site", site).title.as_deref(), Some("The Site"), "never empty");
    let host = read_at("<title>How to cook rice - BBC Good Food</title>", "https://www.bbcgoodfood.com/x");
    assert_eq!(host.title.as_deref(), Some("How to cook rice"));
}

#[test]
fn short_suffix_is_stripped_without_site_name() {
    let m = titled("Storm closes the coastal roads again — Weather", "");
    assert_eq!(m.title.as_deref(), Some("Storm closes the coastal roads again"));
    let m = titled("Opinion | Why the plan will fail", "");
    assert_eq!(m.title.as_deref(), Some("Why the plan will fail"));
}

#[test]
fn dashes_that_belong_to_the_title_are_kept() {
    let kept = ["Spider-Man: No Way Home", "2020 - 2021 season review", "Spider-Man – No Way Home ends a trilogy"];
    for title in kept {
        assert_eq!(titled(title, "").title.as_deref(), Some(title));
    }
}

#[test]
fn published_beats_modified() {
    let m = read(
        r#"<meta property="article:modified_time" content="2021-05-01">
        <meta name="dc.date" content="March 4, 2021">"#,
    );
    assert_eq!(m.date.as_deref(), Some("2021-03-04"));
    let m = read(r#"<meta property="article:modified_time" content="2021-05-01T08:00:00+02:00">"#);
    assert_eq!(m.date.as_deref(), Some("2021-05-01"));
    let m = read(
        r#"<script type="application/ld+json">{"@type":"Article","dateModified":"2022-01-01"}</script>
        <meta name="pubdate" content="20210304">"#,
    );
    assert_eq!(m.date.as_deref(), Some("2021-03-04"));
}

#[test]
fn time_element_in_article_first() {
    let m = read(
        r#"<body><aside><time datetime="2019-01-01">old</time></aside>
        <article><time datetime="bogus">x</time><time datetime="2021/03/04 10:00">4 March</time></article></body>"#,
    );
    assert_eq!(m.date.as_deref(), Some("2021-03-04"));
    assert_eq!(read(r#"<p><time datetime="1985-06-01">x</time></p>"#).date, None, "implausible year");
}

#[test]
fn tags_are_deduped_and_capped() {
    let m = read(
        r#"<meta property="article:tag" content="Politics"><meta property="article:tag" content=" budget ">
        <meta name="keywords" content="politics, Budget;economy, ,">"#,
    );
    assert_eq!(m.tags, ["Politics", "budget", "economy"]);
    let many: String = (0..30).map(|i| format!("tag{i},")).collect();
    assert_eq!(read(&format!(r#"<meta name="keywords" content="{many}">"#)).tags.len(), MAX_TAGS);
}

#[test]
fn canonical_must_be_absolute() {
    let m =
        read(r#"<link rel="canonical" href="/relative"><meta property="og:url" content="https://a.example/p">"#);
    assert_eq!(m.canonical_url.as_deref(), Some("https://a.example/p"));
    let m = read(
        r#"<link rel="Canonical" href=" https://a.example/c ">
        <meta property="og:url" content="https://a.example/p">"#,
    );
    assert_eq!(m.canonical_url.as_deref(), Some("https://a.example/c"));
}

#[test]
fn language_from_html_lang_then_locale() {
    assert_eq!(read(r#"<html lang="pt-BR"><body></body></html>"#).language.as_deref(), Some("pt"));
    let m = read(r#"<html lang=""><head><meta property="og:locale" content="en_US"></head></html>"#);
    assert_eq!(m.language.as_deref(), Some("en"));
    let m = read(r#"<meta http-equiv="Content-Language" content="DE, en">"#);
    assert_eq!(m.language.as_deref(), Some("de"));
}

#[test]
fn meta_authors_skip_urls() {
    let m = read(
        r#"<meta property="article:author" content="https://facebook.com/jane">
        <meta name="dc.creator" content="Jane Doe, John Roe">"#,
    );
    assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(read(r#"<meta name="author" content="Doe, Jane">"#).authors, ["Doe, Jane"]);
}

#[test]
fn byline_dom_fallback() {
    let m = read(
        r#"<body><div class="Article-Byline"><span>By Jane Doe and John Roe</span>
        <time>March 4, 2021</time></div><div class="byline">By Someone Else</div></body>"#,
    );
    assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
    let m = read(
        r#"<body><p><a rel="author" href="/a">Ann Lee</a>, <a rel="author" href="/b">Bo Kim</a></p>
        <footer><a rel="author" href="/c">Not Her</a></footer></body>"#,
    );
    assert_eq!(m.authors, ["Ann Lee", "Bo Kim"]);
    let m = read(r#"<div itemprop="author"><span itemprop="name">Von Karl Meier</span></div>"#);
    assert_eq!(m.authors, ["Karl Meier"]);
}

#[test]
fn author_equal_to_site_name_is_not_a_person() {
    let m = read(
        r#"<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet">
        <body><span class="author-name">Lois Lane</span></body>"#,
    );
    assert_eq!(m.authors, ["Lois Lane"]);
}

#[test]
fn jsonld_entities_are_decoded() {
    let m = read(
        r#"<script type="application/ld+json">
        {"@type":"Article","headline":"Tom &amp; Jerry&#8217;s day"}</script>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Tom & Jerry’s day"));
}

#[test]
fn a_fuller_headline_completes_the_title() {
    let page = |title: &str, h1: &str| read(&format!("<html><head><title>{title}</title></head><body><h1>{h1}</h1></body></html>"));
    let cut = page("What will the trend be in the watch...", "What will the trend be in the watch market in 2024?");
    assert_eq!(cut.title.as_deref(), Some("What will the trend be in the watch market in 2024?"));
    let subtitle = page("Pros and Cons of Tiny Houses", "Pros and Cons of Tiny Houses: Why Live Small?");
    assert_eq!(subtitle.title.as_deref(), Some("Pros and Cons of Tiny Houses: Why Live Small?"));
    for (title, h1) in [
        ("Pros and Cons of Tiny Houses", "Thread: Pros and Cons of Tiny Houses"),
        ("Pros and Cons of Tiny Houses", "Tiny Houses"),
        ("Pros and Cons of Tiny Houses", "What tiny houses are good and bad for"),
        ("Don't panic", "Don’t panic"),
    ] {
        // The trust order's choice: the title ranker may still take the heading.
        assert_eq!(page(title, h1).trust_order_title().as_deref(), Some(title), "{h1}");
    }
    let site = read_at("<title>About – Glossy</title><body><h4>About Glossy</h4></body>", "https://glossy.example/about");
    assert_eq!(site.title.as_deref(), Some("About"), "a headline that adds the site's name");
}

#[test]
fn entities_escaped_twice_in_meta_are_decoded() {
    let m = titled("x", r#"<meta property="og:title" content="Healthy Eating Plate &amp;bull; Guide &amp;#8230; more">"#);
    assert_eq!(m.title.as_deref(), Some("Healthy Eating Plate • Guide … more"));
}
