//! Tools for writing site rules (`pith rules …`), kept apart from the rule
//! runtime in [`crate::rules`] (which never imports them): `test_runner`
//! runs the rules' `[[test]]` cases through an [`Extractor`](crate::Extractor),
//! `starter` drafts a rule from a sample page (`pith rules new`), `ftr`
//! converts one FiveFilters site config and `ftr_import` a whole folder of
//! them (`xpath` turns their XPath into CSS), and `input` reads sample pages
//! as `extract` does (`.gz`/`.zst` decompressed).

pub mod ftr;
pub mod ftr_import;
pub mod input;
pub mod names;
pub mod starter;
pub mod test_runner;
pub mod xpath;
