//! XPath to CSS, for importing site configs written in XPath (FiveFilters'
//! ftr-site-config).
//!
//! Covers the XPath that site configs use and CSS can say: child (`/`),
//! descendant (`//`) and `following-sibling::` steps, `*`, a trailing `..`,
//! `|` unions; predicates on attributes (`@a`, `@a='v'`, `@a!='v'`,
//! `contains(@a,'v')`, `starts-with`, `ends-with`, the
//! `contains(concat(' ',normalize-space(@class),' '),' c ')` class idiom),
//! `and`/`or`/`not()`, positions (`[2]`, `position()=2`, `last()`) as
//! `:nth-of-type`/`:nth-child`, and nested paths (`[.//p]`, `[h2]`) as
//! `:has()`. A trailing `/@attr` becomes the attribute to read, a trailing
//! `/text()` is dropped. What CSS cannot say (text predicates, other axes,
//! positions after a filter) is an error naming the reason.

/// A translated expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The CSS selector (list).
    pub css: String,
    /// The attribute a trailing `/@attr` asks for.
    pub attribute: Option<String>,
}

/// Most alternatives an `or` may multiply a selector into.
const MAX_ALTERNATIVES: usize = 16;

/// Translate `xpath` to CSS, or say why it cannot be.
pub fn to_css(xpath: &str) -> Result<Translation, String> {
    let tokens = lex(xpath)?;
    let mut p = Parser { tokens, pos: 0 };
    let mut alternatives = Vec::new();
    let mut attribute: Option<Option<String>> = None;
    loop {
        let (alts, attr) = p.path(false)?;
        if attribute.as_ref().is_some_and(|a| *a != attr) {
            return Err("union parts read different attributes".into());
        }
        attribute = Some(attr);
        alternatives.extend(alts.iter().map(|a| render(a)));
        if !p.eat(&Tok::Pipe) {
            break;
        }
    }
    if let Some(t) = p.peek() {
        return Err(format!("unexpected {t:?}"));
    }
    Ok(Translation { css: alternatives.join(", "), attribute: attribute.flatten() })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Slash,
    DSlash,
    LBr,
    RBr,
    LPar,
    RPar,
    At,
    Comma,
    Pipe,
    Dot,
    DDot,
    Star,
    Op(&'static str),
    Axis(String),
    Str(String),
    Num(u32),
    Name(String),
}

fn lex(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '/' if next == Some('/') => (Tok::DSlash, 2),
            '/' => (Tok::Slash, 1),
            '[' => (Tok::LBr, 1),
            ']' => (Tok::RBr, 1),
            '(' => (Tok::LPar, 1),
            ')' => (Tok::RPar, 1),
            '@' => (Tok::At, 1),
            ',' => (Tok::Comma, 1),
            '|' => (Tok::Pipe, 1),
            '*' => (Tok::Star, 1),
            '.' if next == Some('.') => (Tok::DDot, 2),
            '.' => (Tok::Dot, 1),
            '=' => (Tok::Op("="), 1),
            '!' if next == Some('=') => (Tok::Op("!="), 2),
            '<' | '>' => return Err("comparisons other than = and != have no CSS form".into()),
            '\'' | '"' => {
                let end = chars[i + 1..].iter().position(|&x| x == c).ok_or("unclosed string")?;
                (Tok::Str(chars[i + 1..i + 1 + end].iter().collect()), end + 2)
            }
            c if c.is_ascii_digit() => {
                let len = chars[i..].iter().take_while(|x| x.is_ascii_digit()).count();
                let n: String = chars[i..i + len].iter().collect();
                (Tok::Num(n.parse().map_err(|_| "number too large")?), len)
            }
            c if c.is_alphabetic() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|x| x.is_alphanumeric() || matches!(x, '-' | '_' | '.'))
                    .count();
                let name: String = chars[i..i + len].iter().collect();
                if chars.get(i + len) == Some(&':') && chars.get(i + len + 1) == Some(&':') {
                    (Tok::Axis(name), len + 2)
                } else {
                    (Tok::Name(name), len)
                }
            }
            c => return Err(format!("unexpected character {c:?}")),
        };
        out.push(tok);
        i += len;
    }
    Ok(out)
}

/// One step of a selector: the combinator before it and its compound.
type Part = (&'static str, String);

fn render(parts: &[Part]) -> String {
    let mut s = String::new();
    for (i, (comb, compound)) in parts.iter().enumerate() {
        if i > 0 {
            s.push_str(comb);
        }
        s.push_str(compound);
    }
    s
}

const CHILD: &str = " > ";
const DESCENDANT: &str = " ";
const SIBLING: &str = " ~ ";

struct Parser {
    tokens: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + n)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, t: &Tok) -> Result<(), String> {
        if self.eat(t) { Ok(()) } else { Err(format!("expected {t:?}, found {:?}", self.peek())) }
    }

    fn name_is(&self, n: usize, name: &str) -> bool {
        matches!(self.peek_at(n), Some(Tok::Name(x)) if x == name)
    }

    /// A location path: alternatives of parts, and a trailing attribute.
    /// `nested` paths (inside a predicate) start relative to their element.
    fn path(&mut self, nested: bool) -> Result<(Vec<Vec<Part>>, Option<String>), String> {
        let mut alts: Vec<Vec<Part>> = vec![Vec::new()];
        let mut comb = match self.peek() {
            Some(Tok::DSlash) => {
                self.pos += 1;
                DESCENDANT
            }
            Some(Tok::Slash) if !nested => {
                self.pos += 1;
                CHILD
            }
            _ if nested => CHILD,
            _ => DESCENDANT,
        };
        loop {
            match self.next() {
                Some(Tok::Dot) => {}
                Some(Tok::DDot) => {
                    for alt in &mut alts {
                        let (c, last) = alt.pop().ok_or("`..` above the start of the path")?;
                        let has = format!(":has(> {last})");
                        match (c, alt.last_mut()) {
                            (CHILD, Some((_, prev))) => prev.push_str(&has),
                            (SIBLING, _) => return Err("`..` after a sibling step has no CSS form".into()),
                            _ => alt.push((c, format!("*{has}"))),
                        }
                    }
                }
                Some(Tok::At) => {
                    let Some(Tok::Name(a)) = self.next() else { return Err("expected an attribute name".into()) };
                    if self.path_continues() {
                        return Err("an attribute step must come last".into());
                    }
                    return Ok((alts, Some(a)));
                }
                Some(Tok::Axis(axis)) => {
                    comb = match axis.as_str() {
                        "child" => comb,
                        "descendant" => DESCENDANT,
                        "following-sibling" => SIBLING,
                        other => return Err(format!("the {other}:: axis has no CSS form")),
                    };
                    continue;
                }
                Some(Tok::Name(n)) if n == "text" && self.peek() == Some(&Tok::LPar) => {
                    self.expect(&Tok::LPar)?;
                    self.expect(&Tok::RPar)?;
                    if self.path_continues() {
                        return Err("text() must come last".into());
                    }
                    return Ok((alts, None));
                }
                Some(t @ (Tok::Name(_) | Tok::Star)) => {
                    let tag = match t {
                        Tok::Name(n) if n == "node" && self.eat(&Tok::LPar) => {
                            self.expect(&Tok::RPar)?;
                            "*".to_owned()
                        }
                        Tok::Name(n) => n.to_lowercase(),
                        _ => "*".to_owned(),
                    };
                    let mut compounds = vec![tag.clone()];
                    let mut first = true;
                    while self.eat(&Tok::LBr) {
                        let preds = self.predicate(&tag, first && comb != SIBLING)?;
                        self.expect(&Tok::RBr)?;
                        compounds = cross(&compounds, &preds)?;
                        first = false;
                    }
                    let compounds: Vec<String> =
                        compounds.into_iter().map(|c| tidy(&c)).collect();
                    alts = alts
                        .iter()
                        .flat_map(|alt| compounds.iter().map(move |c| [alt.clone(), vec![(comb, c.clone())]].concat()))
                        .collect();
                    if alts.len() > MAX_ALTERNATIVES {
                        return Err("too many alternatives".into());
                    }
                }
                Some(t) => return Err(format!("unexpected {t:?}")),
                None => return Err("the path ends early".into()),
            }
            match self.peek() {
                Some(Tok::Slash) => {
                    self.pos += 1;
                    comb = CHILD;
                }
                Some(Tok::DSlash) => {
                    self.pos += 1;
                    comb = DESCENDANT;
                }
                _ => break,
            }
        }
        if alts.iter().any(Vec::is_empty) {
            return Err("the path selects no element".into());
        }
        Ok((alts, None))
    }

    fn path_continues(&self) -> bool {
        matches!(self.peek(), Some(Tok::Slash | Tok::DSlash | Tok::LBr))
    }

    /// One `[...]`: alternatives of simple selectors to append.
    fn predicate(&mut self, tag: &str, position_ok: bool) -> Result<Vec<String>, String> {
        let position = match (self.peek(), self.peek_at(1)) {
            (Some(Tok::Num(n)), Some(Tok::RBr)) => Some(*n),
            _ if self.name_is(0, "position") && self.peek_at(3) == Some(&Tok::Op("=")) => match self.peek_at(4) {
                Some(Tok::Num(n)) if self.peek_at(5) == Some(&Tok::RBr) => Some(*n),
                _ => None,
            },
            _ => None,
        };
        let last = self.name_is(0, "last") && self.peek_at(3) == Some(&Tok::RBr);
        if position.is_some() || last {
            if !position_ok {
                return Err("a position after another predicate or a sibling step has no CSS form".into());
            }
            while !matches!(self.peek(), Some(Tok::RBr) | None) {
                self.pos += 1;
            }
            let kind = if tag == "*" { "child" } else { "of-type" };
            return Ok(vec![match position {
                Some(n) => format!(":nth-{kind}({n})"),
                None => format!(":last-{kind}"),
            }]);
        }
        self.or_expr()
    }

    fn or_expr(&mut self) -> Result<Vec<String>, String> {
        let mut alts = self.and_expr()?;
        while self.name_is(0, "or") {
            self.pos += 1;
            alts.extend(self.and_expr()?);
        }
        Ok(alts)
    }

    fn and_expr(&mut self) -> Result<Vec<String>, String> {
        let mut alts = self.unary()?;
        while self.name_is(0, "and") {
            self.pos += 1;
            alts = cross(&alts, &self.unary()?)?;
        }
        Ok(alts)
    }

    fn unary(&mut self) -> Result<Vec<String>, String> {
        if self.name_is(0, "not") && self.peek_at(1) == Some(&Tok::LPar) {
            self.pos += 2;
            let inner = self.or_expr()?;
            self.expect(&Tok::RPar)?;
            return Ok(vec![format!(":not({})", inner.join(", "))]);
        }
        if self.eat(&Tok::LPar) {
            let inner = self.or_expr()?;
            self.expect(&Tok::RPar)?;
            return Ok(inner);
        }
        if self.eat(&Tok::At) {
            let Some(Tok::Name(a)) = self.next() else { return Err("expected an attribute name".into()) };
            return self.attribute_test(&a);
        }
        let function = match (self.peek(), self.peek_at(1)) {
            (Some(Tok::Name(f)), Some(Tok::LPar)) if !matches!(f.as_str(), "node") => Some(f.clone()),
            _ => None,
        };
        match function.as_deref() {
            Some("contains" | "starts-with" | "ends-with") => self.string_test(),
            Some("normalize-space") => {
                let attr = self.normalized_attribute()?;
                self.attribute_test(&attr)
            }
            Some("text" | "string" | "string-length") => Err("text predicates have no CSS form".into()),
            Some(f) => Err(format!("the function {f}() has no CSS form")),
            None => {
                if self.peek() == Some(&Tok::Dot) && matches!(self.peek_at(1), Some(Tok::Op(_))) {
                    return Err("text predicates have no CSS form".into());
                }
                let (alts, attr) = self.path(true)?;
                if attr.is_some() {
                    return Err("an attribute of a nested element has no CSS form".into());
                }
                if matches!(self.peek(), Some(Tok::Op(_))) {
                    return Err("text predicates have no CSS form".into());
                }
                let rel: Vec<String> = alts
                    .iter()
                    .map(|a| {
                        let s = render(a);
                        if a.first().is_some_and(|(c, _)| *c == CHILD) { format!("> {s}") } else { s }
                    })
                    .collect();
                Ok(vec![format!(":has({})", rel.join(", "))])
            }
        }
    }

    /// `normalize-space(@a)`: the attribute's name.
    fn normalized_attribute(&mut self) -> Result<String, String> {
        self.pos += 2; // name, (
        if !self.eat(&Tok::At) {
            return Err("text predicates have no CSS form".into());
        }
        let Some(Tok::Name(a)) = self.next() else { return Err("expected an attribute name".into()) };
        self.expect(&Tok::RPar)?;
        Ok(a)
    }

    /// After `@a`: an optional `= 'v'` or `!= 'v'`.
    fn attribute_test(&mut self, attr: &str) -> Result<Vec<String>, String> {
        let attr = attr.to_lowercase();
        match self.peek() {
            Some(Tok::Op(op)) => {
                let op = *op;
                self.pos += 1;
                let Some(Tok::Str(v)) = self.next() else { return Err("compare an attribute with a string".into()) };
                let test = equals(&attr, &v);
                Ok(vec![if op == "=" { test } else { format!(":not({test})") }])
            }
            _ => Ok(vec![format!("[{attr}]")]),
        }
    }

    /// `contains(...)`, `starts-with(...)`, `ends-with(...)` on an attribute.
    fn string_test(&mut self) -> Result<Vec<String>, String> {
        let Some(Tok::Name(f)) = self.next() else { return Err("expected a function".into()) };
        self.expect(&Tok::LPar)?;
        // The class idiom: contains(concat(' ', normalize-space(@class), ' '), ' c ').
        let idiom = self.name_is(0, "concat");
        let attr = if idiom {
            self.pos += 2;
            let Some(Tok::Str(_)) = self.next() else { return Err("unsupported concat()".into()) };
            self.expect(&Tok::Comma)?;
            if !self.name_is(0, "normalize-space") {
                return Err("unsupported concat()".into());
            }
            let a = self.normalized_attribute()?;
            self.expect(&Tok::Comma)?;
            let Some(Tok::Str(_)) = self.next() else { return Err("unsupported concat()".into()) };
            self.expect(&Tok::RPar)?;
            a
        } else if self.eat(&Tok::At) {
            let Some(Tok::Name(a)) = self.next() else { return Err("expected an attribute name".into()) };
            a
        } else if self.name_is(0, "normalize-space") && self.peek_at(2) == Some(&Tok::At) {
            self.normalized_attribute()?
        } else {
            return Err("text predicates have no CSS form".into());
        };
        self.expect(&Tok::Comma)?;
        let Some(Tok::Str(v)) = self.next() else { return Err(format!("{f}() needs a string")) };
        self.expect(&Tok::RPar)?;
        let attr = attr.to_lowercase();
        if idiom && f == "contains" && attr == "class" && !v.trim().is_empty() && v.starts_with(' ') && v.ends_with(' ') {
            return Ok(vec![v.split_whitespace().map(|c| format!(".{}", ident(c))).collect()]);
        }
        let op = match f.as_str() {
            "contains" => "*=",
            "starts-with" => "^=",
            _ => "$=",
        };
        Ok(vec![format!("[{attr}{op}{}]", quote(&v))])
    }
}

/// Every combination of `a` and `b`, concatenated.
fn cross(a: &[String], b: &[String]) -> Result<Vec<String>, String> {
    let out: Vec<String> = a.iter().flat_map(|x| b.iter().map(move |y| format!("{x}{y}"))).collect();
    if out.len() > MAX_ALTERNATIVES { Err("too many alternatives".into()) } else { Ok(out) }
}

/// `*.x` → `.x`, `*#a` → `#a` (a bare `*` stays).
fn tidy(compound: &str) -> String {
    match compound.strip_prefix('*') {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => compound.to_owned(),
    }
}

/// An equality test: `#id` where the value is a plain identifier.
fn equals(attr: &str, v: &str) -> String {
    if attr == "id" && is_ident(v) { format!("#{v}") } else { format!("[{attr}={}]", quote(v)) }
}

fn is_ident(v: &str) -> bool {
    let mut chars = v.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A class name as a CSS identifier (escaped where needed).
fn ident(v: &str) -> String {
    if is_ident(v) {
        return v.to_owned();
    }
    let mut out = String::new();
    for (i, c) in v.chars().enumerate() {
        if c.is_alphanumeric() && !(i == 0 && c.is_ascii_digit()) || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out
}

/// A CSS string.
fn quote(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn css(x: &str) -> String {
        match to_css(x) {
            Ok(t) => {
                scraper::Selector::parse(&t.css).unwrap_or_else(|e| panic!("{x} → {} does not parse: {e}", t.css));
                t.css
            }
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn steps_and_attribute_predicates() {
        assert_eq!(css("//div[@id='content']"), "div#content");
        assert_eq!(css("//div[@class='post body']//p"), "div[class=\"post body\"] p");
        assert_eq!(css("/html/body/div"), "html > body > div");
        assert_eq!(css("//*[@itemprop='articleBody']"), "[itemprop=\"articleBody\"]");
        assert_eq!(css("//div[contains(@class, 'entry')]"), "div[class*=\"entry\"]");
        assert_eq!(css("//div[contains(concat(' ',normalize-space(@class),' '),' entry-content ')]"), "div.entry-content");
        assert_eq!(css("//a[starts-with(@href, '/tag/')]"), "a[href^=\"/tag/\"]");
        assert_eq!(css("//div[@data-x]"), "div[data-x]");
        assert_eq!(css("//div[@id!='a']"), "div:not(#a)");
    }

    #[test]
    fn logic_unions_positions_and_nesting() {
        assert_eq!(css("//div[@id='a'] | //section[@class='b']"), "div#a, section[class=\"b\"]");
        assert_eq!(css("//div[@id='a' or @id='b']"), "div#a, div#b");
        assert_eq!(css("//div[@class='x' and not(@id='y')]"), "div[class=\"x\"]:not(#y)");
        assert_eq!(css("//article//p[1]"), "article p:nth-of-type(1)");
        assert_eq!(css("//ul/*[position()=2]"), "ul > :nth-child(2)");
        assert_eq!(css("//ul/li[last()]"), "ul > li:last-of-type");
        assert_eq!(css("//div[.//img]"), "div:has(img)");
        assert_eq!(css("//div[h2]"), "div:has(> h2)");
        assert_eq!(css("//h1/following-sibling::div"), "h1 ~ div");
        assert_eq!(css("//span[@class='x']/.."), "*:has(> span[class=\"x\"])");
        assert_eq!(css("//div/p[@class='x']/.."), "div:has(> p[class=\"x\"])");
    }

    #[test]
    fn attributes_and_text_steps() {
        let t = to_css("//meta[@property='og:title']/@content").expect("translates");
        assert_eq!(t.css, "meta[property=\"og:title\"]");
        assert_eq!(t.attribute.as_deref(), Some("content"));
        assert_eq!(to_css("//h1/text()").expect("translates").css, "h1");
    }

    #[test]
    fn every_prefix_of_an_expression_translates_or_errs_without_panicking() {
        let exprs = [
            "//div[contains(concat(' ',normalize-space(@class),' '),' a b ')]/p[position()=2]/@href",
            "//ul/li[last()] | /html/body//*[not(@id='x' or @class)][.//img]/..",
            "//h1/following-sibling::div[@data-x!=\"q\"]/text()",
        ];
        for e in exprs {
            for (i, _) in e.char_indices() {
                let _ = to_css(&e[..i]);
            }
        }
    }

    #[test]
    fn what_css_cannot_say_is_refused_with_a_reason() {
        assert!(css("//p[contains(text(), 'Advert')]").contains("text predicates"));
        assert!(css("//div[@class='a'][2]").contains("position after"));
        assert!(css("//div/ancestor::section").contains("ancestor:: axis"));
        assert!(css("(//div)[1]").starts_with("ERR"));
        assert!(css("//div[count(p) > 2]").starts_with("ERR"));
    }
}
