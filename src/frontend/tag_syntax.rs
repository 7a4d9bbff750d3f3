//! How html5ever's tokenizer reads a tag: where it ends and where its
//! attributes lie. The pre-parse pass (`frontend::nesting`) follows the
//! tokenizer's states here so that it reads the same tags the parser will
//! (a quote opens a value only after `=`, so `<div a"b>` ends at its `>`),
//! and rewrites a tag's attributes (`frontend::attributes`) only where it
//! reads them exactly. It knows nothing of elements or the tree.

/// Most attributes of one tag [`read_attributes`] reads: a tag with more is
/// left whole (real tags have a handful).
pub const MAX_SPANS: usize = 32;

/// The tokenizer's states inside a tag, after its name.
#[derive(Clone, Copy)]
enum State {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Unquoted,
    AfterQuoted,
}

/// Just past the `>` that ends the tag whose name ended at `from`, as
/// html5ever's tokenizer finds it (a `>` in a quoted value does not end it;
/// quotes elsewhere are plain bytes); the end of input if there is none.
pub fn tag_end(bytes: &[u8], from: usize) -> usize {
    // No quote before the first `>`: no value can hold it (most tags).
    match bytes.get(from..).and_then(|rest| memchr::memchr3(b'>', b'"', b'\'', rest)) {
        None => return bytes.len(),
        Some(off) if bytes[from + off] == b'>' => return from + off + 1,
        Some(_) => {}
    }
    let mut state = State::BeforeName;
    let mut k = from;
    while let Some(&b) = bytes.get(k) {
        k += 1;
        state = match (state, b) {
            (_, b'>') => return k,
            (State::BeforeValue, q @ (b'"' | b'\'')) => match bytes.get(k..).and_then(|rest| memchr::memchr(q, rest)) {
                Some(close) => {
                    k += close + 1;
                    State::AfterQuoted
                }
                None => return bytes.len(),
            },
            (State::BeforeValue, b) if is_space(b) => State::BeforeValue,
            (State::BeforeValue, _) => State::Unquoted,
            (State::Unquoted, b) => if is_space(b) { State::BeforeName } else { State::Unquoted },
            (State::Name | State::AfterName, b'=') => State::BeforeValue,
            (State::Name, b) if is_space(b) => State::AfterName,
            (State::AfterName, b) if is_space(b) => State::AfterName,
            (_, b'/') => State::BeforeName,
            (State::BeforeName | State::AfterQuoted, b) if is_space(b) => State::BeforeName,
            // Any other byte is (or starts) an attribute name; `=` too, first.
            _ => State::Name,
        };
    }
    bytes.len()
}

/// HTML whitespace inside a tag: tab, LF, FF, space, and CR (which the
/// input stream's preprocessing makes LF before any tokenizer reads).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// What [`read_attributes`] found.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    /// Bytes from the tag name's end to just past the tag's `>`.
    pub len: usize,
    /// Attributes read into the spans.
    pub count: usize,
    /// The tag ends with `/>` (outside a value).
    pub self_closing: bool,
}

/// Bytes a plain attribute name is made of. html5ever takes more (quotes,
/// `<`, a leading `=`, with a parse error): tags holding them are left whole.
fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[usize::from(b)]
}

/// [`is_name_byte`] as a table: it runs on every byte of every name.
static NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.' | b'@');
        b += 1;
    }
    table
};

/// The attributes of a start tag as html5ever's tokenizer reads them
/// (before-attribute-name, attribute-name, after-attribute-name,
/// attribute-value and self-closing states), each as the span from its
/// name to the end of its value, into `spans` (offsets into `tag`, which
/// starts just after the tag name and runs on past the tag). None when the
/// tag does not end, holds a name of other bytes than [`is_name_byte`], or
/// more than [`MAX_SPANS`] attributes.
pub fn read_attributes(tag: &[u8], spans: &mut [(usize, usize); MAX_SPANS]) -> Option<Read> {
    let mut count = 0usize;
    let mut k = 0usize;
    let mut self_closing = false;
    loop {
        // Before attribute name (and the self-closing start tag state).
        let b = *tag.get(k)?;
        if is_space(b) {
            k += 1;
            continue;
        }
        match b {
            b'>' => break,
            b'/' => {
                if tag.get(k + 1) == Some(&b'>') {
                    self_closing = true;
                    k += 1;
                    break;
                }
                k += 1;
                continue;
            }
            _ if !is_name_byte(b) => return None,
            _ => {}
        }
        let start = k;
        while tag.get(k).is_some_and(|&b| is_name_byte(b)) {
            k += 1;
        }
        let mut end = k;
        // After attribute name.
        while tag.get(k).is_some_and(|&b| is_space(b)) {
            k += 1;
        }
        match *tag.get(k)? {
            b'=' => {
                k += 1;
                while tag.get(k).is_some_and(|&b| is_space(b)) {
                    k += 1;
                }
                match *tag.get(k)? {
                    q @ (b'"' | b'\'') => {
                        let close = memchr::memchr(q, tag.get(k + 1..)?)?;
                        k += 1 + close + 1;
                    }
                    // A missing value: the tag ends here.
                    b'>' => {}
                    _ => {
                        while tag.get(k).is_some_and(|&b| !is_space(b) && b != b'>') {
                            k += 1;
                        }
                    }
                }
                end = k;
            }
            b'>' | b'/' => {}
            b if is_space(b) || is_name_byte(b) => {}
            _ => return None,
        }
        *spans.get_mut(count)? = (start, end);
        count += 1;
    }
    Some(Read { len: k + 1, count, self_closing })
}


#[cfg(test)]
mod tests {
    use super::*;

    fn end(tag: &str) -> usize {
        tag_end(tag.as_bytes(), tag.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(tag.len()))
    }

    #[test]
    fn tags_end_where_the_tokenizer_ends_them() {
        assert_eq!(end(r#"<a href="x>y">z"#), 14);
        assert_eq!(end(r#"<a title='>'>z"#), 13);
        // A quote that does not follow `=` is part of a name.
        assert_eq!(end(r#"<div a"b>c"#), 9);
        assert_eq!(end(r#"<div id="x</div><div data-a="INLINE" data-b="INLINE">"#), 53);
        assert_eq!(end(r#"<p a = "x>y" b=c>"#), 17);
        assert_eq!(end(r#"<p a=x"y>"#), 9);
        assert_eq!(end(r#"<p a="unclosed>"#), 15);
        assert_eq!(end("<p a=1/>"), 8);
        assert_eq!(end("<p"), 2);
    }

    #[test]
    fn plain_attributes_are_read_as_spans() {
        let tag = br#" a="1" b c = 'x y' d=e/ f/>"#;
        let mut spans = [(0, 0); MAX_SPANS];
        let read = read_attributes(tag, &mut spans).expect("plain");
        assert_eq!(read.len, tag.len());
        let names: Vec<&[u8]> = spans[..read.count].iter().map(|&(s, e)| &tag[s..e]).collect();
        assert_eq!(names, [&b"a=\"1\""[..], b"b", b"c = 'x y'", b"d=e/", b"f"]);
        assert!(read.self_closing);
        assert!(read_attributes(br#" a"b>"#, &mut spans).is_none());
        assert!(read_attributes(b" =a>", &mut spans).is_none());
    }
}
