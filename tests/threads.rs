//! Comment threads the markup does not name (`classify::threads`): posts
//! of one template, each under a header with a date and a time of day,
//! after a story, are comments to both scorers; dated stories under their
//! headlines and a forum's posts from the top of the page are not.

use pith::{Analysis, Extractor, ExtractorOptions, Scorer};

fn analyze(name: &str, options: ExtractorOptions) -> Analysis {
    let path = format!("{}/tests/fixtures/threads/{name}.html", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Extractor::new(ExtractorOptions { rules: false, ..options }).analyze(&bytes, None).expect("the fixture extracts")
}

fn scorers() -> [ExtractorOptions; 2] {
    [ExtractorOptions { scorer: Scorer::Heuristic, ..Default::default() }, ExtractorOptions { scorer: Scorer::Learned, ..Default::default() }]
}

fn marked(a: &Analysis) -> bool {
    a.trace.iter().any(|d| d.pass == "thread_posts")
}

/// Fixture `name` with `options` keeps every line of `story`, drops every
/// line of `comments`, and keeps `asked` with `--comments`; the analysis
/// without `--comments`.
fn drops_the_thread(name: &str, options: ExtractorOptions, story: &[&str], comments: &[&str], asked: &str) -> Analysis {
    let a = analyze(name, options.clone());
    let text = &a.document.text;
    for line in story {
        assert!(text.contains(line), "{name} {:?}: the story stays ({line:?}): {text}", options.scorer);
    }
    for comment in comments {
        assert!(!text.contains(comment), "{name} {:?}: {comment:?} leaked: {text}", options.scorer);
    }
    let with = analyze(name, ExtractorOptions { comments: true, ..options });
    assert!(with.document.text.contains(asked), "{name}: kept with --comments: {}", with.document.text);
    a
}

#[test]
fn an_unnamed_thread_after_a_story_is_dropped_unless_comments_are_asked_for() {
    for name in ["unnamed_thread", "talkback_thread"] {
        for options in scorers() {
            let story = ["start with an hour a day"];
            let comments = ["Great post!", "gave up after a month", "local office store", "wrote on March"];
            let a = drops_the_thread(name, options, &story, &comments, "Great post!");
            assert!(marked(&a), "{name}: the trace names the marked posts");
        }
    }
}

#[test]
fn dated_stories_under_headlines_and_a_forums_posts_are_not_a_thread() {
    for options in scorers() {
        let stories = analyze("dated_stories", options.clone());
        assert!(!marked(&stories));
        for story in ["met on Tuesday evening", "cracks in two of the supports", "queued on Saturday", "extend the last buses"] {
            assert!(stories.document.text.contains(story), "{story:?}: {}", stories.document.text);
        }
        let forum = analyze("forum_thread", options);
        assert!(!marked(&forum), "posts from the top of the page are the page");
        for post in ["north-facing balcony", "cherry tomatoes can cope", "lettuce and herbs", "report back in the summer"] {
            assert!(forum.document.text.contains(post), "{post:?}: {}", forum.document.text);
        }
    }
}

#[test]
fn a_thread_under_the_pages_one_comments_heading_is_dropped_however_long() {
    // Six readers' comments, as much text as the story, in plain `<div>`s
    // without a time of day: only the heading ("6 Comments", a blog
    // engine's "6 Responses to “…”", "Your comments", a newspaper's "Have
    // your say", or "6 Comments" in a plain `<div>`) says what they are.
    for (name, options) in ["headed_thread", "titled_thread", "audience_thread", "phrase_thread", "counted_thread"].into_iter().flat_map(|n| scorers().map(|o| (n, o))) {
        let story = ["queue outside stretched round the corner", "worse shape than the survey had said"];
        let comments = ["wrote on", "children's corner and did not want", "not enough sockets", "best thing in the whole library"];
        drops_the_thread(name, options, &story, &comments, "not enough sockets");
    }
}

#[test]
fn comments_headings_under_each_post_do_not_end_a_qa_page() {
    for options in scorers() {
        let a = analyze("qa_comments", options.clone());
        let text = &a.document.text;
        for post in ["dies within two weeks", "Split the clump into three or four pots", "away from cold glass at night"] {
            assert!(text.contains(post), "{:?}: {post:?} lost: {text}", options.scorer);
        }
    }
}
