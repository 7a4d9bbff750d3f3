//! The one list of metadata fields. [`Metadata`] is declared here, once;
//! its field names ([`Metadata::FIELDS`]) and values ([`Metadata::values`])
//! follow from the same declaration, so the JSON record
//! ([`render::json`](crate::render::json)), the Python `Document` and
//! `--explain` gain a field when it is added here and nowhere else.
//!
//! This module holds the shape of the metadata, not how it is found
//! (`metadata::html`, `metadata::dump`, `page_kind`).

use serde::Serialize;

use crate::page_type::PageType;

/// A metadata field's value as the record and the bindings see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue<'a> {
    /// A text field, or none.
    Text(Option<&'a str>),
    /// A list of texts (tags).
    List(&'a [String]),
}

/// What a metadata field may hold: how it reads as a [`FieldValue`] and how
/// its text is cleaned.
pub trait FieldKind {
    /// The value as the record sees it.
    fn value(&self) -> FieldValue<'_>;
    /// Apply `clean` to every text the field holds.
    fn map_text(&mut self, clean: &dyn Fn(String) -> String);
}

impl FieldKind for Option<String> {
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Text(self.as_deref())
    }
    fn map_text(&mut self, clean: &dyn Fn(String) -> String) {
        if let Some(v) = self.take() {
            *self = Some(clean(v));
        }
    }
}

impl FieldKind for Vec<String> {
    fn value(&self) -> FieldValue<'_> {
        FieldValue::List(self)
    }
    fn map_text(&mut self, clean: &dyn Fn(String) -> String) {
        for v in self {
            *v = clean(std::mem::take(v));
        }
    }
}

impl FieldKind for Option<PageType> {
    fn value(&self) -> FieldValue<'_> {
        FieldValue::Text(self.map(PageType::name))
    }
    fn map_text(&mut self, _: &dyn Fn(String) -> String) {}
}

/// Declares [`Metadata`] and the list of its fields from one list.
macro_rules! metadata_fields {
    ($($(#[$attr:meta])* $name:ident: $ty:ty,)*) => {
        /// Metadata of a document, in the order of the JSON record. Every
        /// field may be missing.
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        pub struct Metadata {
            $($(#[$attr])* pub $name: $ty,)*
        }

        impl Metadata {
            /// The fields' names, in record order.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($name)),*];

            /// Each field's name and value, in record order.
            pub fn values(&self) -> impl Iterator<Item = (&'static str, FieldValue<'_>)> {
                [$((stringify!($name), self.$name.value())),*].into_iter()
            }

            /// Apply `clean` to the text of every field.
            pub(crate) fn map_text(&mut self, clean: &dyn Fn(String) -> String) {
                $(self.$name.map_text(clean);)*
            }
        }
    };
}

metadata_fields! {
    /// The page's URL: the one given, else its canonical URL
    /// (`rel=canonical`, `og:url`).
    url: Option<String>,
    /// The page's title, the site name around it taken off.
    title: Option<String>,
    /// Authors, `; `-separated.
    author: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`).
    date: Option<String>,
    /// Last-modification date, ISO 8601, when the page states one.
    date_modified: Option<String>,
    /// The site's name, else the URL's host.
    site_name: Option<String>,
    /// The page's summary (`og:description`, `<meta name=description>`).
    description: Option<String>,
    /// The page's lead image URL.
    image: Option<String>,
    /// Keywords and tags the page declares.
    tags: Vec<String>,
    /// ISO 639-1 code of the content's language (639-3 where there is none).
    language: Option<String>,
    /// What kind of page this is (WCXB's seven types, or `other`).
    page_type: Option<PageType>,
}

impl Metadata {
    /// The value of the field called `name`, if there is such a field.
    pub fn get(&self, name: &str) -> Option<FieldValue<'_>> {
        self.values().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values_follow_the_declaration() {
        let m = Metadata { title: Some("T".into()), tags: vec!["a".into()], page_type: Some(PageType::Forum), ..Metadata::default() };
        let names: Vec<&str> = m.values().map(|(n, _)| n).collect();
        assert_eq!(names, Metadata::FIELDS);
        assert_eq!(m.get("title"), Some(FieldValue::Text(Some("T"))));
        assert_eq!(m.get("tags"), Some(FieldValue::List(&["a".to_owned()])));
        assert_eq!(m.get("page_type"), Some(FieldValue::Text(Some("forum"))));
        assert_eq!(m.get("nope"), None);
    }

    #[test]
    fn serialised_in_declaration_order() {
        let m = Metadata { page_type: Some(PageType::Article), ..Metadata::default() };
        let json = serde_json::to_string(&m).unwrap();
        let mut at = 0;
        for name in Metadata::FIELDS {
            let found = json[at..].find(&format!("\"{name}\":")).map(|i| i + at);
            assert!(found.is_some(), "{name} missing or out of order in {json}");
            at = found.unwrap_or(at);
        }
        assert!(json.contains("\"page_type\":\"article\""), "{json}");
    }

    #[test]
    fn cleaning_reaches_every_text() {
        let mut m = Metadata { author: Some("a\u{1}b".into()), tags: vec!["c\u{2}".into()], ..Metadata::default() };
        m.map_text(&|s| s.replace(|c: char| c.is_control(), ""));
        assert_eq!(m.author.as_deref(), Some("ab"));
        assert_eq!(m.tags, ["c"]);
    }
}
