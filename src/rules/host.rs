//! Host names of rules and pages, in one form: IDNA to ASCII (punycode),
//! lower case, no trailing dot. A rule host and a page URL's host are both
//! normalised here, so `bücher.de` and `xn--bcher-kva.de` are one host.
//!
//! A rule host is a host name (`example.com`: that host, and its
//! subdomains unless the rule says `subdomains = false`) or a wildcard
//! `*.example.com` (every subdomain of `example.com`, not `example.com`
//! itself). A pattern that could never match a page is refused with the
//! reason: a scheme or path, a `*` anywhere but as a whole first label, an
//! empty or over-long label, a character no host name has, a public suffix
//! (`co.uk`), or a wildcard over one (`*.com`, which would match every site
//! under it rather than one site).

use std::borrow::Cow;

use idna::AsciiDenyList;

/// The prefix of a wildcard host pattern.
pub const WILDCARD: &str = "*.";
/// Longest DNS label, in bytes (RFC 1035): a longer one is never a host.
const MAX_LABEL_BYTES: usize = 63;
/// Longest DNS name, in bytes (RFC 1035), without the trailing dot.
const MAX_HOST_BYTES: usize = 253;

/// `host` in its ASCII (punycode) form: lower case, no trailing dot.
/// `None` when it is not a host name IDNA accepts.
pub fn normalise(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.');
    if host.is_empty() {
        return None;
    }
    if host.is_ascii() && !host.contains("xn--") && !host.contains("XN--") {
        // The common case, and the same result as IDNA for ASCII names.
        return Some(host.to_ascii_lowercase());
    }
    match idna::domain_to_ascii_cow(host.as_bytes(), AsciiDenyList::URL) {
        Ok(Cow::Borrowed(s)) => Some(s.to_owned()),
        Ok(Cow::Owned(s)) => Some(s),
        Err(_) => None,
    }
}

/// A rule's `hosts` entry, checked and normalised (`*.` kept on a
/// wildcard); `Err` says why it can never match a page.
pub fn rule_host(raw: &str) -> Result<String, &'static str> {
    let trimmed = raw.trim().trim_end_matches('.');
    if trimmed.contains("://") || trimmed.contains('/') {
        return Err("write the host alone, without scheme or path");
    }
    let (wildcard, name) = match trimmed.strip_prefix(WILDCARD) {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if name.contains('*') {
        return Err("`*` is allowed only as a whole first label (`*.example.com`); elsewhere it never matches a host");
    }
    if name.chars().any(|c| c.is_whitespace() || c == ':' || c == '@') {
        return Err("not a host name");
    }
    let host = normalise(name).ok_or("not a host name (IDNA rejects it)")?;
    if wildcard && !host.split('.').any(str::is_empty) && psl::domain_str(&host).is_none() {
        return Err("a wildcard over a public suffix (`*.com`) would match every site under it: name a registrable domain (`*.example.com`)");
    }
    if !host.contains('.') || host.starts_with('.') {
        return Err("not a host name");
    }
    if host.split('.').any(str::is_empty) {
        return Err("an empty label (`..`) never matches a host");
    }
    if host.split('.').any(|l| l.len() > MAX_LABEL_BYTES) || host.len() > MAX_HOST_BYTES {
        return Err("longer than a host name can be (63 bytes a label, 253 in all): it never matches");
    }
    if !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.') {
        return Err("a character no host name has: it never matches");
    }
    if psl::domain_str(&host).is_none() {
        return Err("a public suffix, not a site (name the registrable domain or a subdomain)");
    }
    Ok(if wildcard { format!("{WILDCARD}{host}") } else { host })
}

/// Whether `pattern` (a compiled rule host) is a wildcard; its base host.
pub fn split_wildcard(pattern: &str) -> (bool, &str) {
    match pattern.strip_prefix(WILDCARD) {
        Some(base) => (true, base),
        None => (false, pattern),
    }
}

/// Whether `host` is a strict subdomain of `base` (`a.b.com` of `b.com`).
pub fn is_subdomain(host: &str, base: &str) -> bool {
    host.strip_suffix(base).is_some_and(|p| p.len() > 1 && p.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_and_punycode_are_one_host() {
        assert_eq!(normalise("Bücher.DE.").as_deref(), Some("xn--bcher-kva.de"));
        assert_eq!(normalise("xn--bcher-kva.de").as_deref(), Some("xn--bcher-kva.de"));
        assert_eq!(normalise("XN--BCHER-KVA.de").as_deref(), Some("xn--bcher-kva.de"));
        assert_eq!(rule_host("bücher.de"), Ok("xn--bcher-kva.de".to_owned()));
        assert_eq!(rule_host("*.Bücher.de"), Ok("*.xn--bcher-kva.de".to_owned()));
    }

    #[test]
    fn patterns_that_never_match_are_refused() {
        for bad in ["*.com", "*.co.uk", "co.uk", "a*.example.com", "*x.example.com", "x.*.example.com", "*", "*.*.com"] {
            assert!(rule_host(bad).is_err(), "{bad} accepted");
        }
        assert!(rule_host("*.com").unwrap_err().contains("wildcard over a public suffix"));
        assert!(rule_host("a..com").unwrap_err().contains("empty label"));
        assert!(rule_host(&format!("{}.com", "a".repeat(64))).unwrap_err().contains("63 bytes"));
        assert!(rule_host("a!b.com").unwrap_err().contains("character"));
        assert_eq!(rule_host("*.news.example.co.uk"), Ok("*.news.example.co.uk".to_owned()));
    }

    #[test]
    fn subdomains() {
        assert!(is_subdomain("a.b.com", "b.com"));
        assert!(!is_subdomain("b.com", "b.com"));
        assert!(!is_subdomain("ab.com", "b.com"));
    }
}
