//! Parsing a page within its budget.
//!
//! html5ever builds the whole tree before anyone can look at it, and some
//! markup makes it build far more than the page holds: the reconstruction
//! of active formatting elements re-creates every open `<b>`/`<font>`/...
//! at each new text (250 of them before 100,000 `<div>x</div>` made 25
//! million elements, 4 GiB), and 60 MB of `<br>` is 15 million elements.
//! So the page is read in small steps through a sink that counts the
//! nodes it is asked to create (pith's tokenizer, `frontend::tokenizer`,
//! looks every 1 KiB of markup; html5ever's, where it takes over, is fed
//! 1 KiB chunks); between steps the count is held against the page's node
//! budget and the clock against its deadline.
//! A page over either ends with an error ([`Error::TooComplex`],
//! [`Error::Timeout`]), never a cut tree. The pre-parse pass
//! (`frontend::nesting`) bounds how much one chunk can build: nesting and
//! the list of formatting elements the parser can reconstruct are capped.

use std::borrow::Cow;
use std::cell::{Cell, Ref};
use std::rc::Rc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::State;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, Tokenizer, TokenizerOpts};
use html5ever::TokenizerResult;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use crate::error::Error;
use crate::frontend::budget::Budget;
use crate::frontend::tokenizer::{self, HandOver, Outcome};

/// Bytes of markup fed to the parser at a time: the budget and deadline are
/// looked at between chunks, so this bounds how far a page can run past
/// them (a chunk holds at most a few hundred tags, and each tag rebuilds
/// at most `nesting::MAX_ACTIVE_FORMATTING` elements).
const CHUNK_BYTES: usize = 1024;

/// Most nodes the tree is sized for before parsing (about 100 bytes each):
/// real pages stay under this; a larger tree grows as it needs.
const PRESIZED_NODES: usize = 100_000;

/// Parse `markup` as a document within `budget`: pith's tokenizer
/// (`frontend::tokenizer`) reads what it can, html5ever's the rest.
pub fn parse(markup: &str, budget: &Budget) -> Result<Html, Error> {
    parse_with(markup, budget, Tokenizing::Pith)
}

/// Which tokenizer reads the markup first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tokenizing {
    /// pith's, handing over to html5ever's at a form it does not read.
    Pith,
    /// html5ever's throughout (the reference pith's is tested against).
    Html5ever,
}

/// [`parse`] with the tokenizer chosen.
pub fn parse_with(markup: &str, budget: &Budget, tokenizing: Tokenizing) -> Result<Html, Error> {
    let nodes = Rc::new(Cell::new(0usize));
    // The tree's arena sized once, instead of growing by doubling and
    // copying: two nodes (element or text) per `<` of the markup, within
    // the page's budget and PRESIZED_NODES (past that it grows). Pages
    // have more nodes than `<`s (the whitespace between two tags is a
    // text node); sized for one per `<`, arenas were copied as they grew
    // (8 M instructions on 40 trafilatura-dev pages). Room never used is
    // never touched.
    let tags = memchr::memchr_iter(b'<', markup.as_bytes()).count();
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, (2 * tags + 1).min(budget.nodes()).min(PRESIZED_NODES));
    let sink = Counting { inner: HtmlTreeSink::new(doc), nodes: Rc::clone(&nodes) };
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    // The page's byte-order mark is skipped here, not by html5ever's
    // tokenizer: with `discard_bom` it drops a U+FEFF opening every chunk it
    // is fed, wherever that falls in the page (found by fuzzing, session 39).
    let markup = markup.strip_prefix('\u{feff}').unwrap_or(markup);
    let (markup, handover) = match tokenizing {
        Tokenizing::Html5ever => (Cow::Borrowed(markup), Outcome::HandOver(HandOver { at: 0, state: State::Data, last_start_tag: None })),
        Tokenizing::Pith => {
            let markup = tokenizer::newlines_normalised(markup);
            let outcome = tokenizer::run(&markup, &builder, || {
                budget.check_nodes(nodes.get())?;
                budget.check_time()
            })?;
            (markup, outcome)
        }
    };
    let Outcome::HandOver(HandOver { at, state, last_start_tag }) = handover else {
        let _ = builder.process_token(Token::EOFToken, 1);
        builder.end();
        return Ok(builder.sink.finish());
    };
    let opts = TokenizerOpts { initial_state: Some(state), last_start_tag_name: last_start_tag, discard_bom: false, ..Default::default() };
    let html5ever_tokenizer = Tokenizer::new(builder, opts);
    let queue = BufferQueue::default();
    let mut rest = &markup[at..];
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        queue.push_back(StrTendril::from_slice(chunk));
        // A script's end or an encoding declaration pauses the tokenizer:
        // go on, as html5ever's own driver does.
        while !matches!(html5ever_tokenizer.feed(&queue), TokenizerResult::Done) {}
        rest = tail;
        budget.check_nodes(nodes.get())?;
        budget.check_time()?;
    }
    html5ever_tokenizer.end();
    Ok(html5ever_tokenizer.sink.sink.finish())
}

/// scraper's tree sink, counting the nodes it creates (every text append
/// counts: an upper bound, as adjacent text merges).
struct Counting {
    inner: HtmlTreeSink,
    nodes: Rc<Cell<usize>>,
}

impl Counting {
    fn count(&self) {
        self.nodes.set(self.nodes.get() + 1);
    }

    fn count_text<H>(&self, child: &NodeOrText<H>) {
        if matches!(child, NodeOrText::AppendText(_)) {
            self.count();
        }
    }
}

impl TreeSink for Counting {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    /// Parse errors are not kept: nothing reads them.
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }
    /// scraper's own lookup, written here so that it inlines: the tree
    /// builder asks for names at every scope check, and the call across
    /// crates cost 34.8 M of 966 M parse instructions on 100
    /// trafilatura-dev pages (16.2 M fewer this way; callgrind, session 24).
    /// html5ever asks only for the names of elements it created, as
    /// scraper's `HtmlTreeSink::elem_name` assumes too.
    #[inline]
    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        Ref::map(self.inner.0.borrow(), |html| {
            &html
                .tree
                .get(*target)
                .and_then(|node| node.value().as_element())
                .expect("html5ever names only the elements it created")
                .name
        })
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Self::Handle {
        self.count();
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.count();
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.count();
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.count_text(&child);
        self.inner.append(parent, child);
    }
    fn append_based_on_parent_node(&self, element: &Self::Handle, prev_element: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.count_text(&child);
        self.inner.append_based_on_parent_node(element, prev_element, child);
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.count();
        self.inner.append_doctype_to_document(name, public_id, system_id);
    }
    fn mark_script_already_started(&self, node: &Self::Handle) {
        self.inner.mark_script_already_started(node);
    }
    fn pop(&self, node: &Self::Handle) {
        self.inner.pop(node);
    }
    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }
    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        self.count_text(&new_node);
        self.inner.append_before_sibling(sibling, new_node);
    }
    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }
    fn associate_with_form(&self, target: &Self::Handle, form: &Self::Handle, nodes: (&Self::Handle, Option<&Self::Handle>)) {
        self.inner.associate_with_form(target, form, nodes);
    }
    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent);
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Self::Handle) -> bool {
        self.inner.is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &Self::Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(&self, location: &Self::Handle, template: &Self::Handle, attrs: &[Attribute]) -> bool {
        self.inner.attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Self::Handle) {
        self.inner.maybe_clone_an_option_into_selectedcontent(option);
    }
}
