//! The pass run over the markup before parsing. What it does:
//!
//! - It drops bytes that can never become content, so that no tokenizer
//!   reads them: comments, and the bodies of `<style>` elements and
//!   of JavaScript `<script>`s (no `type`, or a JavaScript or module type;
//!   JSON-LD and every other kind are kept). On news pages these
//!   are about half of the bytes. A body is dropped only where its end is
//!   certain (a script holding `<!--` is left whole: html5ever's escaped
//!   script states could end it elsewhere).
//! - It guards against markup nested deeper than html5ever can parse in
//!   reasonable time, which is flattened, and against more formatting
//!   elements left open than the parser can re-create at each text
//!   (`frontend::formatting`), whose tags are dropped.
//! - It keeps whitespace as it is written. (Until session 39 it made the
//!   newline opening whitespace between two tags a space, for html5ever's
//!   tokenizer, which took a leading newline as a token of its own; pith's
//!   tokenizer (`frontend::tokenizer`) reads such runs in one piece, and
//!   dropping the rewrite saved 0.7% of an HTML page's instructions with
//!   the same output.)
//!
//! html5ever's tree builder looks through the stack of open elements for
//! many tags, so a page nested `d` levels deep costs time proportional to
//! `d²` (20,000 levels: 2 s; 200,000: over three minutes). Tags that would
//! open elements beyond [`MAX_PARSE_DEPTH`] are removed, with their end
//! tags; their text stays.
//!
//! The depth is estimated with a light scan (tags, comments, raw-text
//! elements, void elements, the implied ends of `p`, `li`, `td`…), not a
//! full parse; it only needs to tell absurd nesting from real pages, whose
//! depth stays in the tens.

use std::borrow::Cow;

use crate::error::Error;
use crate::frontend::attributes::KeptAttributes;
use crate::frontend::budget::Clock;
use crate::frontend::formatting::ActiveFormatting;
use crate::frontend::tag_kind;
use crate::frontend::tag_syntax::{read_attributes, tag_end, MAX_SPANS};

/// Deepest element nesting kept for parsing. Real pages stay under 100;
/// the walk itself looks at most 256 levels deep (`MAX_REGION_DEPTH`).
pub const MAX_PARSE_DEPTH: usize = 512;
/// How far up the stack an end tag looks for its element (keeps the scan
/// linear on stray end tags).
const END_TAG_REACH: usize = 256;
/// Most attributes a tag keeps: html5ever checks each new attribute against
/// the tag's earlier ones (100,000 attributes took 9 s). A tag with more
/// loses them all; real tags have a handful.
pub const MAX_ATTRIBUTES: usize = 1000;

/// `html` ready for parsing: comments and script/style bodies dropped,
/// attributes other than `kept` dropped, nesting beyond `max_depth`
/// flattened (borrowed when nothing changed).
pub fn prepare<'h>(html: &'h str, max_depth: usize, kept: &KeptAttributes) -> Cow<'h, str> {
    // Without a deadline the clock never runs out.
    prepare_timed(html, max_depth, kept, &mut Clock::new(None)).unwrap_or(Cow::Borrowed(html))
}

/// [`prepare`] under `clock` (millions of stray end tags each look up to
/// [`END_TAG_REACH`] open elements): `Err(Timeout)` when it runs out.
pub fn prepare_timed<'h>(html: &'h str, max_depth: usize, kept: &KeptAttributes, clock: &mut Clock) -> Result<Cow<'h, str>, Error> {
    let mut out = String::with_capacity(html.len());
    let attrs = kept.filters().then_some(kept);
    scan(html, max_depth, Some(Output { text: &mut out, strip: true, attrs }), clock)?;
    Ok(if out.len() == html.len() { Cow::Borrowed(html) } else { Cow::Owned(out) })
}

/// `html` with nesting beyond `max_depth` flattened and nothing else
/// changed (borrowed when no element is that deep).
pub fn limit_depth(html: &str, max_depth: usize) -> Cow<'_, str> {
    let clock = &mut Clock::new(None);
    match scan(html, max_depth, None, clock) {
        Ok((deepest, crowded)) if deepest > max_depth || crowded > 0 => {}
        _ => return Cow::Borrowed(html),
    }
    let mut out = String::with_capacity(html.len());
    // Without a deadline the scan cannot fail.
    let _ = scan(html, max_depth, Some(Output { text: &mut out, strip: false, attrs: None }), clock);
    Cow::Owned(out)
}

/// Where [`scan`] writes, whether it drops inert bytes, and which
/// attributes it keeps (all with `None`).
struct Output<'o> {
    text: &'o mut String,
    strip: bool,
    attrs: Option<&'o KeptAttributes>,
}

/// Elements whose tags are left whole, attributes and all (see
/// `tag_kind::NOSCRIPT`, `SVG`, `MATH`), by their place in the counts of open ones.
const OPAQUE: [u8; 3] = [tag_kind::NOSCRIPT, tag_kind::SVG, tag_kind::MATH];

/// One open element: its name and whether its tags are kept.
struct Open<'a> {
    name: &'a str,
    kept: bool,
}

/// Walk the tags of `html`, tracking the open elements; returns the
/// greatest depth reached and how many tags have over [`MAX_ATTRIBUTES`]
/// attributes or open a formatting element past
/// [`MAX_ACTIVE_FORMATTING`](crate::frontend::formatting::MAX_ACTIVE_FORMATTING). With `out`, writes `html` without
/// the tags of elements opened beyond `max_depth` or past that list, and
/// without the attributes of crowded tags;
/// with `out.strip`, also without comments and script/style bodies.
fn scan<'a>(html: &'a str, max_depth: usize, out: Option<Output<'_>>, clock: &mut Clock) -> Result<(usize, usize), Error> {
    let strip = out.as_ref().is_some_and(|o| o.strip);
    let mut attrs = out.as_ref().and_then(|o| o.attrs);
    let mut out = out.map(|o| o.text);
    // How many of each OPAQUE element are open (noscript's first end tag ends it).
    let mut opaque = [0usize; OPAQUE.len()];
    let mut spans = [(0usize, 0usize); MAX_SPANS];
    let bytes = html.as_bytes();
    let mut stack: Vec<Open<'a>> = Vec::new();
    let mut active = ActiveFormatting::default();
    let mut deepest = 0usize;
    let mut crowded = 0usize;
    let mut copied = 0usize; // bytes of `html` already written to `out`
    let mut i = 0usize;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        clock.tick()?;
        let lt = i + off;
        let next = bytes.get(lt + 1).copied();
        match next {
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => match comment_end(bytes, lt + 4) {
                Some(end) => {
                    if strip && let Some(out) = out.as_deref_mut() {
                        out.push_str(&html[copied..lt]);
                        copied = end;
                    }
                    i = end;
                }
                // Unclosed: the rest is a comment; left as it is.
                None => i = bytes.len(),
            },
            Some(b'!' | b'?') => i = find(bytes, lt, b">").map_or(bytes.len(), |p| p + 1),
            Some(b'/') => {
                let (name, end) = tag_name(html, lt + 2);
                let gt = tag_end(bytes, end);
                i = gt;
                if name.is_empty() {
                    continue;
                }
                let reach = stack.len().saturating_sub(END_TAG_REACH);
                let found = (reach..stack.len()).rev().find(|&j| stack[j].name.eq_ignore_ascii_case(name));
                let kept = found.is_none_or(|j| stack[j].kept);
                if let Some(j) = found {
                    stack.truncate(j);
                }
                let kind = tag_kind::of(name);
                if let Some(o) = OPAQUE.iter().position(|&bit| kind & bit != 0) {
                    opaque[o] = if o == 0 { 0 } else { opaque[o].saturating_sub(1) };
                }
                if kept && kind & tag_kind::FORMATTING != 0 {
                    // The parser sees this end tag: it ends the element's entry.
                    active.close(name);
                }
                if !kept && let Some(out) = out.as_deref_mut() {
                    out.push_str(&html[copied..lt]);
                    copied = gt;
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = tag_name(html, lt + 1);
                // With attributes to filter, one read finds the tag's end and its attributes.
                let read = attrs.and_then(|_| read_attributes(&bytes[end..], &mut spans));
                let gt = read.map_or_else(|| tag_end(bytes, end), |r| end + r.len);
                i = gt;
                let self_closing = gt >= 2 && bytes[gt - 2] == b'/';
                // Over MAX_ATTRIBUTES attributes take at least twice as many
                // bytes (a name and a separator each): shorter tags need no count.
                let crowded_tag = gt - end > 2 * MAX_ATTRIBUTES && count_attributes(&bytes[end..gt], MAX_ATTRIBUTES + 1) > MAX_ATTRIBUTES;
                crowded += usize::from(crowded_tag);
                let kind = tag_kind::of(name);
                let opens = !(kind & tag_kind::VOID != 0 || self_closing);
                let mut kept = true;
                if opens {
                    if let Some(top) = stack.last()
                        && ((kind & tag_kind::CLOSED_BY_SIBLING != 0 && top.name.eq_ignore_ascii_case(name))
                            || (kind & tag_kind::CLOSES_P != 0 && top.name.eq_ignore_ascii_case("p")))
                    {
                        stack.pop();
                    }
                    kept = stack.len() < max_depth;
                    if kept && kind & tag_kind::FORMATTING != 0 && !active.open(name, &bytes[end..gt]) {
                        kept = false;
                        crowded += 1;
                    }
                    stack.push(Open { name, kept });
                    deepest = deepest.max(stack.len());
                }
                if let Some(out) = out.as_deref_mut() {
                    if !kept {
                        out.push_str(&html[copied..lt]);
                        copied = gt;
                    } else if crowded_tag {
                        out.push_str(&html[copied..end]);
                        out.push('>');
                        copied = gt;
                    } else if let Some(attrs) = attrs
                        && let Some(read) = read.filter(|r| r.count > 0)
                        && opaque == [0; OPAQUE.len()]
                        && (kind & tag_kind::FORMATTING == 0 || name.eq_ignore_ascii_case("a"))
                    {
                        out.push_str(&html[copied..lt]);
                        let rewritten = attrs.rewrite(&html[lt..end], &bytes[end..gt], &read, &spans[..read.count], out);
                        copied = if rewritten { gt } else { lt };
                    }
                }
                if !opens {
                    continue;
                }
                if let Some(o) = OPAQUE.iter().position(|&bit| kind & bit != 0) {
                    opaque[o] += 1;
                }
                if strip
                    && kind & tag_kind::SVG != 0
                    && let Some(out) = out.as_deref_mut()
                    && let Some(body_end) = svg_body_end(html, gt)
                {
                    out.push_str(&html[copied..gt]);
                    copied = body_end;
                    i = body_end;
                    continue;
                }
                if kind & tag_kind::RAW_TEXT != 0 {
                    // Its text runs to its end tag, which the loop reads next.
                    let body_end = closing_tag(bytes, gt, name);
                    i = body_end.unwrap_or(bytes.len());
                    if attrs.is_some()
                        && name.eq_ignore_ascii_case("script")
                        && find(&bytes[gt..i], 0, b"<!--").is_some()
                    {
                        // html5ever's escaped script states may end it past
                        // this end tag: past here the pass may misread tags
                        // as the parser reads them, so it rewrites none.
                        attrs = None;
                    }
                    if strip
                        && let Some(out) = out.as_deref_mut()
                        && let Some(body_end) = body_end
                        && is_inert_body(name, &bytes[end..gt], &bytes[gt..body_end])
                    {
                        out.push_str(&html[copied..gt]);
                        copied = body_end;
                    }
                }
            }
            _ => i = lt + 1,
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    Ok((deepest, crowded))
}

/// The attributes in `attrs` (a tag after its name), counted up to `cap`.
fn count_attributes(attrs: &[u8], cap: usize) -> usize {
    Attributes { attrs, k: 0 }.take(cap).count()
}

/// The attributes of a tag, as raw `(name, value)` bytes: names separated
/// by spaces, each with an optional quoted or bare value (`b""` without one).
struct Attributes<'b> {
    /// The tag after its name.
    attrs: &'b [u8],
    k: usize,
}

impl<'b> Iterator for Attributes<'b> {
    type Item = (&'b [u8], &'b [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let (attrs, mut k) = (self.attrs, self.k);
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
        while k < attrs.len() && space(attrs[k]) {
            k += 1;
        }
        if k >= attrs.len() || attrs[k] == b'>' {
            self.k = attrs.len();
            return None;
        }
        let start = k;
        while k < attrs.len() && !space(attrs[k]) && !matches!(attrs[k], b'=' | b'>') {
            k += 1;
        }
        let name = &attrs[start..k];
        let mut value: &[u8] = b"";
        if attrs.get(k) == Some(&b'=') {
            k += 1;
            match attrs.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    let from = k + 1;
                    let to = attrs[from..].iter().position(|&b| b == q).map_or(attrs.len(), |p| from + p);
                    value = &attrs[from..to];
                    k = to + 1;
                }
                _ => {
                    let from = k;
                    while k < attrs.len() && !space(attrs[k]) && attrs[k] != b'>' {
                        k += 1;
                    }
                    value = &attrs[from..k];
                }
            }
        }
        self.k = k;
        Some((name, value))
    }
}

fn is(list: &[&str], name: &str) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Whether `b` ends a tag name: a space, `/` or `>`.
fn ends_tag_name(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

/// The tag name starting at `start` and where it ends.
fn tag_name(html: &str, start: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    let end = (start..bytes.len()).find(|&k| ends_tag_name(bytes[k])).unwrap_or(bytes.len());
    (html.get(start..end).unwrap_or(""), end)
}

/// Just past the end of the comment whose text starts at `from` (after
/// `<!--`), as HTML parses it: `<!-->` and `<!--->` are whole comments, and
/// `-->` or `--!>` ends one. None when it never ends.
fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut k = from;
    while let Some(q) = find(bytes, k, b"--") {
        match bytes.get(q + 2) {
            Some(b'>') => return Some(q + 3),
            Some(b'!') if bytes.get(q + 3) == Some(&b'>') => return Some(q + 4),
            Some(_) => k = q + 1,
            None => return None,
        }
    }
    None
}

/// Whether the body of a `<script>` or `<style>` with these attributes,
/// running to its end tag, may be dropped. Only JavaScript is dropped
/// (JSON-LD, which the metadata reads, and data or template scripts are
/// kept), and not a script holding `<!--` (html5ever's escaped states may
/// end it elsewhere).
fn is_inert_body(name: &str, attrs: &[u8], body: &[u8]) -> bool {
    if name.eq_ignore_ascii_case("style") {
        return true;
    }
    name.eq_ignore_ascii_case("script") && is_javascript(attrs) && find(body, 0, b"<!--").is_none()
}

/// Start or end tags that take html5ever out of SVG (foreign content)
/// back into HTML: an `<svg>` holding one is left whole.
const BREAKS_OUT_OF_SVG: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "font", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
    "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
];

/// Where the body of an `<svg>` whose start tag ends at `gt` may be dropped
/// up to: its matching `</svg>`, when nothing inside could make html5ever
/// end it elsewhere or leave SVG (no HTML tag that breaks out, no CDATA,
/// script, style or foreignObject). pith drops SVG whole after parsing.
fn svg_body_end(html: &str, gt: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut k = gt;
    while let Some(off) = memchr::memchr(b'<', bytes.get(k..)?) {
        let lt = k + off;
        match bytes.get(lt + 1) {
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => k = comment_end(bytes, lt + 4)?,
            Some(b'!' | b'?') => return None,
            Some(&c) if c == b'/' || c.is_ascii_alphabetic() => {
                let closing = c == b'/';
                let start = lt + 1 + usize::from(closing);
                let (name, end) = tag_name(html, start);
                if end == bytes.len() {
                    return None; // a tag cut off by the end of the input
                }
                if is(BREAKS_OUT_OF_SVG, name) || is(&["script", "style", "foreignobject"], name) {
                    return None;
                }
                let tag_gt = tag_end(bytes, end);
                if name.eq_ignore_ascii_case("svg") {
                    if closing {
                        if depth == 0 {
                            return Some(lt);
                        }
                        depth -= 1;
                    } else if bytes.get(tag_gt.wrapping_sub(2)) != Some(&b'/') {
                        depth += 1;
                    }
                }
                k = tag_gt;
            }
            _ => k = lt + 1,
        }
    }
    None
}

/// Where `</name` followed by a space, `/` or `>` first occurs at or
/// after `from` (any case): the end tag of a raw-text element.
fn closing_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len();
    let mut k = from;
    while let Some(p) = find(bytes, k, b"</") {
        let named = bytes.get(p + 2..p + 2 + n).is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()));
        if named && bytes.get(p + 2 + n).is_some_and(|&b| ends_tag_name(b)) {
            return Some(p);
        }
        k = p + 2;
    }
    None
}

/// Whether a `<script>` with these attributes holds JavaScript: no `type`,
/// an empty one, or a JavaScript or module type as written (an
/// entity-encoded type is not guessed at).
fn is_javascript(attrs: &[u8]) -> bool {
    match attribute_value(attrs, b"type") {
        None => true,
        Some(t) => {
            let t = t.trim_ascii();
            t.is_empty()
                || t.eq_ignore_ascii_case(b"module")
                || [&b"text/javascript"[..], b"application/javascript", b"text/ecmascript", b"application/ecmascript", b"application/x-javascript"]
                    .iter()
                    .any(|js| t.eq_ignore_ascii_case(js))
        }
    }
}

/// The raw value of attribute `name` in `attrs` (a tag after its name).
fn attribute_value<'b>(attrs: &'b [u8], name: &[u8]) -> Option<&'b [u8]> {
    Attributes { attrs, k: 0 }.find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// Where `needle` first occurs at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

#[cfg(test)]
mod tests;
