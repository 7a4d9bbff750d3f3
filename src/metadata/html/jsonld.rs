//! JSON-LD blocks of an HTML page: the Article-like entity and the site.
//!
//! Reads every `<script type="application/ld+json">`, repairs broken JSON
//! once cheaply (trailing commas, control characters, comment wrappers) and
//! otherwise skips it, flattens arrays, `@graph` and `mainEntity`, and ranks
//! the entities so that an Article beats a WebPage; a HowTo or Recipe gives
//! its steps as the body when no Article does. It follows `@id` references
//! within the page for authors only; it does not fetch `@context` or strip
//! HTML inside `articleBody`.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::{clean, decode_entities};
use super::scan::Scan;
use crate::error::Error;
use crate::frontend::budget::Clock;
use crate::lexicon::regex;
use crate::markup::attr;

static TRAILING_COMMA: LazyLock<Regex> = LazyLock::new(|| regex(r",\s*([\]}])"));
/// The opening of a block tag (its `<`, `/` and name), whose rest
/// [`tag_end`] finds. A tag's rest is scanned in code rather than written as
/// `[^>]{0,500}>`: that bounded class compiles to 500 copies of a Unicode
/// class, about 38 M instructions (some 8 ms) the first time a page has
/// HowTo steps.
static BLOCK_TAG_OPEN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section)\b"));
/// Most characters other than `>` between a tag's name and its `>`: a
/// longer run is text with a `<` in it, not a tag.
const MAX_TAG_CHARS: usize = 500;
/// How deep `@graph` / `mainEntity` nesting is followed.
const MAX_DEPTH: usize = 6;
/// Creative works other than articles whose `author` wrote the page's text
/// (a recipe's cook, a how-to's writer), trusted after articles and before
/// a `WebPage`'s own fields. A `Review` is left out: on a product page it
/// is one customer's.
const AUTHORED_WORKS: [&str; 5] = ["recipe", "howto", "videoobject", "podcastepisode", "creativework"];
/// Most JSON values (counted as the `{`, `[` and `,` bytes of the scripts,
/// an upper bound) read from one page's JSON-LD. A value costs about 100
/// bytes parsed, so this bounds the memory and time JSON-LD can take (a
/// 60 MB array of numbers took 15 s); real pages hold a few hundred, an
/// `articleBody` a comma or two a sentence. Scripts past it are not read,
/// which loses metadata, never content.
const MAX_JSONLD_VALUES: usize = 200_000;

type Object = Map<String, Value>;

/// What the page's JSON-LD says. Strings are whitespace-collapsed and never empty.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    pub headline: Option<String>,
    /// Raw author names of the Article-like entity (organisations left out;
    /// `{"@id": …}` references resolved within the page).
    pub authors: Vec<String>,
    /// Organisations named as the Article-like entity's author.
    pub organisation_authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub body: Option<String>,
    pub publisher: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub keywords: Vec<String>,
    pub language: Option<String>,
    /// Lower-cased `@type`s of the page's entities, in order, deduplicated.
    pub types: Vec<String>,
}

/// Read the page's JSON-LD blocks, within [`MAX_JSONLD_VALUES`] values in
/// all; `Err(Timeout)` when `clock` runs out.
pub(super) fn read(page: &Scan, clock: &mut Clock) -> Result<JsonLd, Error> {
    let mut objects = Vec::new();
    let mut values = 0usize;
    for script in &page.scripts {
        let ld = attr(script.value(), "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !ld {
            continue;
        }
        clock.check()?;
        let raw = script.text().collect::<String>();
        let count = memchr::memchr3_iter(b'{', b'[', b',', raw.as_bytes()).count();
        if values + count > MAX_JSONLD_VALUES {
            continue;
        }
        values += count;
        if let Some(value) = parse(&raw) {
            flatten(value, &mut objects, 0);
        }
    }
    clock.check()?;
    Ok(summarise(&objects))
}

fn parse(raw: &str) -> Option<Value> {
    let raw = unwrap_comments(raw.trim()).trim_end_matches(';');
    serde_json::from_str(raw).ok().or_else(|| {
        let no_controls: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&TRAILING_COMMA.replace_all(&no_controls, "$1")).ok()
    })
}

fn unwrap_comments(raw: &str) -> &str {
    let raw = raw.trim_start_matches("//").trim();
    let raw = raw.strip_prefix("<!--").or_else(|| raw.strip_prefix("<![CDATA[")).unwrap_or(raw);
    let raw = raw.trim_end();
    let raw = raw.strip_suffix("-->").or_else(|| raw.strip_suffix("]]>")).unwrap_or(raw);
    raw.trim().trim_end_matches("//").trim()
}

fn flatten(value: Value, out: &mut Vec<Object>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            let graph = map.remove("@graph");
            let main = map.remove("mainEntity");
            out.push(map);
            graph.into_iter().chain(main).for_each(|v| flatten(v, out, depth + 1));
        }
        _ => {}
    }
}

fn summarise(objects: &[Object]) -> JsonLd {
    let mut ranked: Vec<(u8, &Object)> = objects.iter().filter_map(|o| rank(&types(o)).map(|r| (r, o))).collect();
    ranked.sort_by_key(|(r, _)| *r);
    let articles: Vec<&Object> = ranked.iter().map(|(_, o)| *o).collect();
    let pick = |key: &str| articles.iter().find_map(|o| text(o.get(key)));
    let ids = Ids::of(objects);
    // A Q&A page's question names its asker, who wrote the page's first post.
    let questions = objects.iter().filter(|o| types(o).iter().any(|t| t == "question"));
    let authored: Vec<&Object> = articles.iter().copied().chain(questions).collect();
    let by = |people: bool| {
        let of = |o: &&Object| author_names(o.get("author"), &ids, people, 0);
        authored.iter().map(of).find(|a| !a.is_empty()).unwrap_or_default()
    };
    let body_of = |o: &&Object| text(o.get("articleBody")).or_else(|| text(o.get("text")));
    JsonLd {
        headline: pick("headline").or_else(|| pick("name")),
        authors: by(true),
        organisation_authors: by(false),
        published: pick("datePublished").or_else(|| pick("dateCreated")),
        modified: pick("dateModified"),
        body: ranked
            .iter()
            .filter(|(r, _)| *r == 0)
            .map(|(_, o)| o)
            .find_map(body_of)
            .or_else(|| objects.iter().filter(|o| types(o).iter().any(|t| t == "howto" || t == "recipe")).find_map(steps_body)),
        publisher: articles.iter().copied().chain(objects).find_map(|o| publisher(o.get("publisher"))),
        website: objects.iter().filter(|o| types(o).iter().any(|t| t == "website")).find_map(|o| text(o.get("name"))),
        description: pick("description"),
        image: articles.iter().copied().chain(objects).find_map(|o| image(o.get("image"))),
        keywords: articles.iter().map(|o| keywords(o.get("keywords"))).find(|k| !k.is_empty()).unwrap_or_default(),
        language: pick("inLanguage"),
        types: all_types(objects),
    }
}

/// 0 for Article-like entities, 1 for other authored works, 2 for web pages, `None` for the rest.
fn rank(types: &[String]) -> Option<u8> {
    if types.iter().any(|t| t.contains("article") || t.contains("posting") || t == "report") {
        Some(0)
    } else if types.iter().any(|t| AUTHORED_WORKS.contains(&t.as_str())) {
        Some(1)
    } else if types.iter().any(|t| t.ends_with("page")) {
        Some(2)
    } else {
        None
    }
}

/// Lower-cased `@type`s, without a `schema:` or `https://schema.org/` prefix.
fn types(o: &Object) -> Vec<String> {
    let bare = |t: &str| t.rsplit(['/', ':']).next().unwrap_or(t).trim().to_lowercase();
    match o.get("@type") {
        Some(Value::String(t)) => vec![bare(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(bare).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect()
}

fn all_types(objects: &[Object]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    objects.iter().flat_map(types).filter(|t| seen.insert(t.clone())).collect()
}

fn is_organisation(o: &Object) -> bool {
    types(o).iter().any(|t| t.contains("organization") || t.contains("organisation") || t == "corporation")
}

/// The page's entities by `@id`, for `{"@id": …}` references.
struct Ids<'a>(std::collections::HashMap<&'a str, &'a Object>);

impl<'a> Ids<'a> {
    fn of(objects: &'a [Object]) -> Self {
        let with_id = objects.iter().filter_map(|o| Some((o.get("@id")?.as_str()?, o)));
        Ids(with_id.collect())
    }

    /// The entity `o` refers to when it is a bare reference, else `o`.
    fn resolve<'b>(&'b self, o: &'b Object) -> &'b Object {
        let bare = !o.contains_key("name") && !o.contains_key("@type");
        let target = o.get("@id").and_then(Value::as_str).filter(|_| bare).and_then(|id| self.0.get(id));
        target.copied().unwrap_or(o)
    }
}

/// Names in an `author` value (a string, an entity or a reference to one, or
/// an array of them): the people when `people`, else the organisations.
fn author_names(value: Option<&Value>, ids: &Ids, people: bool, depth: usize) -> Vec<String> {
    match value {
        Some(Value::Array(items)) if depth < MAX_DEPTH => {
            items.iter().flat_map(|v| author_names(Some(v), ids, people, depth + 1)).collect()
        }
        Some(Value::Object(o)) => {
            let o = ids.resolve(o);
            if is_organisation(o) == people {
                return Vec::new();
            }
            person_name(o).into_iter().collect()
        }
        Some(v) if people => text(Some(v)).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn person_name(o: &Object) -> Option<String> {
    text(o.get("name")).or_else(|| {
        let parts = [text(o.get("givenName")), text(o.get("familyName"))];
        clean(&parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
    })
}

/// The name of a publisher that is not a person (a forum post's "publisher"
/// is sometimes its author, who must not be taken for the site).
fn publisher(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(o) if types(o).iter().any(|t| t == "person") => None,
        Value::Array(items) => items.iter().find_map(|v| publisher(Some(v))),
        v => name(Some(v)),
    }
}

/// The name of a string or an object with `name` (first of an array).
fn name(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(o) => text(o.get("name")),
        Value::Array(items) => items.iter().find_map(|v| name(Some(v))),
        v => text(Some(v)),
    }
}

fn image(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(o) => text(o.get("url")).or_else(|| text(o.get("contentUrl"))),
        Value::Array(items) => items.iter().find_map(|v| image(Some(v))),
        v => text(Some(v)),
    }
}

fn keywords(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => s.split(',').filter_map(|k| clean(&decode_entities(k))).collect(),
        Some(Value::Array(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        _ => Vec::new(),
    }
}

/// The text of a HowTo or Recipe entity: its description and the text of
/// its steps (`step`, `recipeInstructions`, nested `itemListElement`), one
/// paragraph each, HTML tags inside them removed. For pages that render
/// their instructions in the browser.
fn steps_body(o: &Object) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for key in ["description", "step", "recipeInstructions"] {
        if let Some(v) = o.get(key) {
            step_texts(v, &mut parts, 0);
        }
    }
    let body = parts.join("\n\n");
    (parts.len() > 1).then_some(body)
}

fn step_texts(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(s) => out.extend(paragraphs(s)),
        Value::Array(items) => items.iter().for_each(|v| step_texts(v, out, depth + 1)),
        Value::Object(o) => match o.get("text") {
            Some(Value::String(s)) => out.extend(paragraphs(s)),
            _ => {
                if let Some(v) = o.get("itemListElement") {
                    step_texts(v, out, depth + 1);
                }
            }
        },
        _ => {}
    }
}

/// The paragraphs of a string that may hold HTML: block tags are breaks,
/// other tags are removed.
fn paragraphs(s: &str) -> Vec<String> {
    let decoded = decode_entities(s);
    let broken = replace_tags(&decoded, |s, at| BLOCK_TAG_OPEN.find_at(s, at).map(|m| (m.start(), m.end())), "\n");
    let plain = replace_tags(&broken, |s, at| s[at..].find('<').map(|i| (at + i, at + i + 1)), "");
    plain.lines().filter_map(clean).collect()
}

/// `s` with each tag replaced by `with`: a tag opens where `next_open(s,
/// at)` finds one at or after `at` (its start and where its rest starts)
/// and ends at the first `>` after at most [`MAX_TAG_CHARS`] other
/// characters; an opening without such an end is text. Tags are taken
/// leftmost first and do not overlap.
fn replace_tags(s: &str, next_open: impl Fn(&str, usize) -> Option<(usize, usize)>, with: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut copied, mut at) = (0, 0);
    while let Some((start, rest)) = next_open(s, at) {
        match tag_end(s, rest) {
            Some(end) => {
                out.push_str(&s[copied..start]);
                out.push_str(with);
                copied = end;
                at = end;
            }
            // Every opening starts with `<`, one byte: the next char starts after it.
            None => at = start + 1,
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// Where the tag whose rest starts at `from` ends (after its `>`), if a `>`
/// comes within [`MAX_TAG_CHARS`] characters.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    s[from..].char_indices().take(MAX_TAG_CHARS + 1).find(|&(_, c)| c == '>').map(|(i, _)| from + i + 1)
}

/// A string value (the first of an array), entities decoded, whitespace collapsed.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => clean(&decode_entities(s)),
        Value::Array(items) => items.iter().find_map(|v| text(Some(v))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns `paragraphs` used before its tags were scanned in code.
    fn paragraphs_by_patterns(s: &str) -> Vec<String> {
        static BLOCK: LazyLock<Regex> =
            LazyLock::new(|| regex(r"(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section)\b[^>]{0,500}>"));
        static INLINE: LazyLock<Regex> = LazyLock::new(|| regex(r"<[^>]{0,500}>"));
        let decoded = decode_entities(s);
        let broken = BLOCK.replace_all(&decoded, "\n");
        INLINE.replace_all(&broken, "").lines().filter_map(clean).collect()
    }

    #[test]
    fn tags_are_read_as_the_patterns_read_them() {
        let long = "x".repeat(MAX_TAG_CHARS);
        let mut cases: Vec<String> = [
            "<p>Mix the flour.</p><p>Bake it <b>hot</b>.</p>",
            "Step one<br/>Step two<BR>Step three<Li class='a'>four",
            "a < b and c > d",
            "<pre>kept</pre><P>broken</P><section>x</section><h7>y</h7><h3>z</h3>",
            "<p <b>nested</b> text</p>",
            "<br\u{301}>mark<p_x>under</p_x>",
            "no tags at all",
            "<",
            "<p",
            "unclosed <div class='a' and more text",
            "é<p>ü</p>ñ<div>日本</div>語",
            "&lt;p&gt;entities&lt;/p&gt;",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A tag's rest at the bound, one over it, and in multi-byte characters.
        cases.push(format!("a<p{long}>b"));
        cases.push(format!("a<p {long}>b"));
        cases.push(format!("a<{long}>b<i>c</i>"));
        cases.push(format!("a<i{long}>b<i>c</i>"));
        cases.push(format!("a<div {}>b", "é".repeat(MAX_TAG_CHARS - 1)));
        cases.push(format!("a<div {}>b", "é".repeat(MAX_TAG_CHARS)));
        // Deterministic random strings over the characters that matter.
        let alphabet: Vec<char> = "<>/pPdivbrlh3 x_é\n".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            let len = (state >> 58) as usize;
            let s: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            cases.push(s);
        }
        for case in &cases {
            assert_eq!(paragraphs(case), paragraphs_by_patterns(case), "{case:?}");
        }
    }
}
