//! Every weight and threshold the scorer uses, in one place.
//!
//! Stage one adds evidence into a score per block (positive leans content);
//! stage two reads the scores of neighbours. Each constant says what it means
//! and what set it. "dumps" = `trafilatura-dumps-dev` segment F1, measured
//! with `score.py --cmd "target/release/pith extract --format jsonl"`; a
//! change is kept only when the figures on every dev set do not drop.

// ---- Stage one: evidence per block ----------------------------------------

/// Words at which length evidence is neutral: shorter blocks lose, longer gain
/// (log scale). Set on dumps: menus are 1-4 words, body sentences 12+.
pub const LEN_PIVOT_WORDS: f32 = 7.0;
/// Weight of log-length evidence.
pub const W_LENGTH: f32 = 0.9;
/// Cap on length evidence, so one long block cannot outweigh everything.
pub const MAX_LENGTH_EVIDENCE: f32 = 2.5;
/// Stopword density at which function-word evidence is neutral (jusText uses
/// 0.30-0.32 with full lists; ours are capped at 500 words a language).
pub const STOPWORD_PIVOT: f32 = 0.22;
/// Weight of (stopword density - pivot). Only for blocks of `STOPWORD_MIN_WORDS`+.
pub const W_STOPWORDS: f32 = 5.0;
pub const STOPWORD_MIN_WORDS: u32 = 4;
/// Ends like a sentence.
pub const W_SENTENCE_END: f32 = 0.6;
/// Per sentence mark inside the block (capped at `MAX_SENTENCES`).
pub const W_SENTENCES: f32 = 0.25;
pub const MAX_SENTENCES: u16 = 4;
/// Per comma (capped at `MAX_COMMAS`).
pub const W_COMMAS: f32 = 0.1;
pub const MAX_COMMAS: u16 = 5;
/// Penalty per unit of link density.
pub const W_LINK_DENSITY: f32 = 3.5;
/// Widget coverage at which a block counts as a widget.
pub const WIDGET_COVERAGE: f32 = 0.5;
/// Widget phrase evidence only applies to blocks up to this many words
/// (a long paragraph mentioning "share" is not a share button).
pub const WIDGET_MAX_WORDS: u32 = 12;
/// Penalty for a widget block (times coverage).
pub const W_WIDGET: f32 = 3.5;
/// A block of at most this many words opening with a call to action
/// ("Follow our coverage on Telegram.") is penalised by `W_CALL_TO_ACTION`.
/// Measured (wcxb-dev word F1; trafilatura-dev, readability-dev and dumps
/// unchanged): 25 0.84638, 32 0.84659, 40 0.84658.
pub const CALL_MAX_WORDS: u32 = 32;
pub const W_CALL_TO_ACTION: f32 = 4.5;
/// At most this many calls to action are dropped from the end of the
/// content (HTML), whatever their neighbours.
pub const TRAILING_CALLS_MAX: usize = 3;
/// A block of at most this many words mentioning cookies is a consent
/// banner, penalised by `W_NOTICE`.
pub const NOTICE_MAX_WORDS: u32 = 80;
pub const W_NOTICE: f32 = 4.0;
/// Penalty for image captions and credits.
pub const W_CREDIT: f32 = 2.5;
/// Penalty for bylines, datelines and relative times.
pub const W_DATELINE: f32 = 3.0;
/// Legal notices shorter than this many chars are penalised.
pub const LEGAL_MAX_CHARS: u32 = 400;
pub const W_LEGAL: f32 = 3.0;
/// Penalty for text that recurs in the dump (menus printed twice, teaser
/// headlines repeated as link and heading).
pub const W_REPEATED: f32 = 1.2;
/// Upper-case share above which a short block shouts (buttons, banners).
pub const SHOUTING_UPPER: f32 = 0.7;
pub const W_SHOUTING: f32 = 1.0;
/// Separator marks (breadcrumbs, tag lists): penalty per mark, capped.
pub const W_SEPARATORS: f32 = 0.5;
pub const MAX_SEPARATORS: u16 = 4;
/// Title-case share above which an unpunctuated line reads as a headline.
pub const HEADLINE_TITLE_CASE: f32 = 0.7;
pub const W_HEADLINE: f32 = 0.5;
/// Share of digits above which a short block is a counter or a date stamp.
pub const DIGITS_SHARE: f32 = 0.3;
pub const W_DIGITS: f32 = 1.0;

/// Blocks under this many words without sentence punctuation are capped at
/// `UNPUNCTUATED_MAX_SCORE`: headlines, labels, teasers. They add no mass to
/// the body span. Set on dumps (F1): off 0.872; 20 words at 0.9 0.874, at 0.0
/// 0.874; 30 words at 0.0 0.875 (P 0.883).
pub const HEADLINE_MAX_WORDS: u32 = 30;
pub const UNPUNCTUATED_MAX_SCORE: f32 = 0.0;
/// Stage-one class boundaries: at or above `GOOD` a block is content on its
/// own; at or below `BAD` it is boilerplate on its own; between, context decides.
pub const GOOD: f32 = 1.0;
pub const BAD: f32 = -1.5;
/// A block this good reads as clear prose (reason `Prose`).
pub const PROSE: f32 = 2.5;

// ---- Stage two: context --------------------------------------------------

/// Short blocks (words) that can form a link list.
pub const LIST_ITEM_MAX_WORDS: u32 = 6;
/// A run of at least this many short unpunctuated lines is a link list
/// (dumps: 3 F 0.875, 4 0.877, 5 0.875).
pub const LINK_LIST_MIN_RUN: usize = 4;
/// In HTML, share of a run's text that must be link text for the run to be
/// a link list (unlinked runs are ingredient lists, specs, captions).
/// Measured (trafilatura-dev / readability-dev / wcxb-dev): no condition
/// 0.9313 / 0.9585 / 0.8470; 0.3 0.9324 / 0.9588 / 0.8498; 0.5 0.9335 /
/// 0.9588 / 0.8509; 0.7 0.9329 / 0.9592 / 0.8508.
pub const LINK_LIST_MIN_LINK_SHARE: f32 = 0.5;
/// Penalty for a block inside a link list.
pub const W_LINK_LIST: f32 = 1.5;
/// Weight of a block's score in the body span: score × chars^`SPAN_MASS_EXP`.
pub const SPAN_MASS_EXP: f32 = 0.5;
/// In the body span a block costs at most this score per unit of mass (set
/// on dumps: 1.5 F 0.869, 2 0.870, 3 0.872, 4 0.869, none 0.867): a
/// short junk line inside the body (a credit, a slide counter) is dropped on
/// its own and should not split the body; long runs still add up.
pub const SPAN_NEGATIVE_CAP: f32 = 3.0;
/// Mass given to an end marker (related, comments, author box) once body
/// text has been seen: the body span does not cross it unless the text after
/// it outweighs this.
/// Set on dumps: 30 F 0.876, 60 0.877, 100 0.877 (P 0.890 vs 0.883).
pub const END_BARRIER: f32 = 100.0;
/// End markers count only once this much positive mass (score × chars^exp)
/// has been seen: a cookie banner or a teaser in the header does not arm them.
pub const END_ARM_MASS: f32 = 150.0;
/// Positive mass after each end marker is multiplied by this: text after
/// "Comments" or "Related" is less likely to be the article than text before
/// (dumps: 0.8 F 0.875, 0.6 0.877, 0.4 0.877 with P 0.888).
pub const END_DECAY: f32 = 0.4;
/// Before the body span, a block scoring at least this much within this many
/// blocks of it (and no end marker between) is kept as the lead. Set on
/// dumps: off F 0.877; 2.5/15 0.879; 2.5/30 0.882 (P 0.890); 2.0/30 0.881.
pub const LEAD_RESCUE_SCORE: f32 = 2.5;
pub const LEAD_RESCUE_REACH: usize = 30;

// ---- Stage two on a region tree (HTML) -------------------------------------

/// Score added to blocks inside a region the markup calls content
/// (`<article>`, `<main>`, `itemprop=articleBody`, `entry-content`).
pub const W_IN_CONTENT_REGION: f32 = 0.5;
/// Score taken from blocks inside weakly boilerplate regions (meta, byline,
/// caption classes, `<figcaption>`).
pub const W_IN_WEAK_REGION: f32 = 1.0;
/// Weight of negative mass when choosing the main region: below 1 a
/// container wins over its best child when it adds prose even at the cost of
/// junk blocks, which the block labels then drop one by one.
pub const SELECT_NEGATIVE_WEIGHT: f32 = 0.5;
/// The same for a table row: the link-heavy rows of a data table (a list
/// of laureates, a price table) must not sink the region that holds it.
/// Measured (wcxb-dev word F1; trafilatura-dev and readability-dev
/// unchanged): 0.5 (as other blocks) 0.8336, 0.25 0.8337, 0.1 and 0.0 0.8340.
pub const TABLE_ROW_NEGATIVE_WEIGHT: f32 = 0.1;
/// Trailing boxes after the body (`tree::trimmed_end`): a child region
/// holding at least `TAIL_DOMINANT_SHARE` of its parent's selection mass is
/// the body; the trailing run of siblings after it, each under
/// `TAIL_LIGHT_SHARE` of its mass, is cut from the span. Measured (traf /
/// rd / wcxb / dumps; before 0.9153 / 0.9411 / 0.8388 / 0.8829): 0.6/0.1
/// 0.9250 / 0.9401 / 0.8414; 0.8/0.1 0.9236 / 0.9409 / 0.8424; with a bare
/// heading in the run stopping the cut (Wikipedia's references): 0.6/0.1
/// 0.9247 / 0.9425 / 0.8414; 0.6/0.2 0.9256 / 0.9428 / 0.8398; 0.7/0.1
/// 0.9241 / 0.9430 / 0.8412; 0.8/0.1 0.9233 / 0.9421 / 0.8424; 0.8/0.15
/// 0.9236 / 0.9421 / 0.8424. Dumps unchanged (no region tree).
/// An end marker inside the HTML body span cuts it when at least
/// `END_CUT_BEFORE_SHARE` of the span's positive mass precedes it, what
/// follows weighs at most `END_CUT_AFTER_SHARE` of that, the marker occurs
/// at most `END_CUT_MAX_REPEATS` times on the page and its link density is
/// below `END_CUT_MAX_LINK_DENSITY`. Measured (trafilatura-dev /
/// readability-dev / wcxb-dev): no cut 0.9335 / 0.9588 / 0.8509; after
/// share 0.2, any marker 0.9362 / 0.9561 / 0.8498 (Wikipedia's "See also"
/// sections, listicles' repeated "Read more"); 0.12, repeats ≤ 1 0.9359 /
/// 0.9587 / 0.8509; and link density < 0.5 0.9356 / 0.9588 / 0.8510.
pub const END_CUT_BEFORE_SHARE: f32 = 0.6;
pub const END_CUT_AFTER_SHARE: f32 = 0.12;
pub const END_CUT_MAX_REPEATS: u16 = 1;
pub const END_CUT_MAX_LINK_DENSITY: f32 = 0.5;
pub const TAIL_DOMINANT_SHARE: f32 = 0.8;
pub const TAIL_LIGHT_SHARE: f32 = 0.1;
/// A linked heading of at most this many words inside the body span,
/// followed by a kept block scoring at least `GOOD`, is kept
/// (`tree::keep_linked_headings`). Measured (trafilatura-dev /
/// readability-dev / wcxb-dev; dumps unchanged, no headings known): off
/// 0.94102 / 0.96712 / 0.85140; next block at least `PROSE`, 12 words
/// 0.94102 / 0.96791 / 0.85150, 20 words 0.94102 / 0.96788 / 0.85150; next
/// at least `GOOD`, 12 words 0.94102 / 0.96791 / 0.85158; next kept
/// whatever its score 0.94102 / 0.96775 / 0.85171.
pub const LINKED_HEADING_MAX_WORDS: u32 = 12;
/// A region marked as boilerplate is kept when its subtree holds at least
/// this share of the page's positive content mass.
pub const DROP_GUARD_SHARE: f32 = 0.5;
/// Drop-marked siblings of one template (parent, tag and first class) are
/// kept together when they hold at least this share of the page's positive
/// content mass: an article cut into sections classed `Section--Ads`.
/// Measured (trafilatura-dev / readability-dev / wcxb-dev): off 0.9356 /
/// 0.9588 / 0.8510; 0.5 0.9354 / 0.9588 / 0.8508 (sidebar widgets beside a
/// short post); 0.75, not asides/navs and not when one member alone holds
/// half 0.9366 / 0.9588 / 0.8509 (one wcxb page −0.02).
pub const DROP_GROUP_GUARD_SHARE: f32 = 0.75;

/// A content-marked region (`<article>`, `<main>`, `itemprop=articleBody`)
/// outside the heaviest unmarked region, holding at least this share of its
/// mass, keeps that region's boilerplate-marked ancestors dropped (a live
/// ticker in a `complementary` aside beside the article), both when the
/// guard would spare it and when the walk from the unmarked winner would.
/// Measured (trafilatura-dev / readability-dev / wcxb-dev): no rival check
/// 0.9389 / 0.9593 / 0.8510; 0.15 0.9404 / 0.9520 / 0.8517 (a live blog in a
/// `sidebar` column whose page has a small content-marked box at 17% of its
/// mass comes out empty); 0.2 0.9405 / 0.9629 / 0.8515; 0.25 0.9405 / 0.9629
/// / 0.8513; 0.3 0.9408 / 0.9629 / 0.8513; 0.4 0.9408 / 0.9587 / 0.8516 (the
/// ticker wins again: its article holds 31% of its selection mass).
pub const NAMED_ARTICLE_RIVAL_SHARE: f32 = 0.25;
/// A drop-marked region inside a content-marked one whose story holds at
/// least this much positive mass (score × chars^`SPAN_MASS_EXP`) outside
/// boilerplate-marked regions both before and after it is never spared by
/// the guard (`tree::embedded_in_story`): an embedded gallery of other news.
/// About two paragraphs. Measured (trafilatura-dev / readability-dev /
/// wcxb-dev / dumps; `gallery` a drop token and `itemprop=articleBody`
/// overruling class and id in both): off 0.9410 / 0.96287 / 0.8514 /
/// 0.8861; 50, 100 and 150 0.9410 / 0.96712 / 0.8514 / 0.8861 (a 50-item
/// photo gallery inside a story, readability-dev page P 0.21 -> 0.98); 400
/// as off.
pub const EMBED_SIDE_MASS: f32 = 100.0;
/// The same for a hidden region (`hidden`, inline `display:none`): only a
/// wrapper of nearly the whole page (hidden until a script shows it) is kept.
/// Measured (trafilatura-dev / readability-dev / wcxb-dev): hidden regions
/// guarded like any drop-marked one 0.9147 / 0.9379 / 0.8334; never spared
/// 0.9147 / 0.9410 / 0.8319 (pages wrapped whole in visibility:hidden came
/// out empty); 0.7 0.9147 / 0.9379 / 0.8336; 0.8 and 0.9 0.9147 / 0.9410 /
/// 0.8336.
pub const HIDDEN_GUARD_SHARE: f32 = 0.9;
/// A page with at least this share of its positive content mass inside
/// comment-marked regions is a thread whose comments are the content
/// (forums that declare nothing). Measured (trafilatura-dev / readability-dev
/// / wcxb-dev): off 0.9137 / 0.9379 / 0.8274; 0.7 0.9145 / 0.9337 / 0.8263;
/// 0.85 0.9162 / 0.9379 / 0.8281; 0.9 0.9147 / 0.9379 / 0.8281; 0.95
/// 0.9147 / 0.9379 / 0.8292 (below it, a short story under a long comment
/// thread, Slashdot-style, is taken for a thread).
pub const COMMENT_PAGE_SHARE: f32 = 0.95;

/// How stage one weighs link text and unpunctuated blocks. The strict
/// profile is the default; the relaxed one is the second pass for pages
/// where the strict pass keeps almost nothing (listings, card grids, link
/// hubs: their content is linked headlines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// Penalty per unit of link density.
    pub link_density: f32,
    /// Cap unpunctuated short blocks at `UNPUNCTUATED_MAX_SCORE`.
    pub cap_unpunctuated: bool,
    /// Extra penalty per unit of link density above `LINK_EXCESS_FROM`
    /// (HTML, where link text is known exactly: a mostly-linked paragraph
    /// is a teaser however long it is).
    pub link_excess: f32,
    /// Penalise repeated headings (in dumps a heading printed twice is a
    /// menu; in HTML a heading repeated by the page's table of contents is
    /// still the section's heading).
    pub repeated_headings: bool,
    /// Blocks are fields of a repeated record (a product's name, its
    /// price): shortness and digits are what such fields are made of, so
    /// neither counts against them.
    pub record_fields: bool,
}

impl Profile {
    /// Text dumps: link text is known only from Markdown links.
    pub const DUMP: Profile = Profile { link_density: W_LINK_DENSITY, cap_unpunctuated: true, link_excess: 0.0, repeated_headings: true, record_fields: false };
    pub const STRICT: Profile = Profile { link_density: W_LINK_DENSITY, cap_unpunctuated: true, link_excess: W_LINK_EXCESS, repeated_headings: false, record_fields: false };
    /// Blocks inside repeated records: labels and prices are what records
    /// are made of, but link text still counts against them.
    pub const RECORD: Profile = Profile { link_density: W_LINK_DENSITY, cap_unpunctuated: false, link_excess: W_LINK_EXCESS, repeated_headings: false, record_fields: false };
    pub const RELAXED: Profile =
        Profile { link_density: RELAXED_LINK_DENSITY, cap_unpunctuated: false, link_excess: 0.0, repeated_headings: false, record_fields: false };
    /// Blocks inside linked records (product cards) in the relaxed pass.
    pub const RELAXED_RECORD: Profile = Profile { record_fields: true, ..Profile::RELAXED };
}

/// Link density above which the strict HTML profile adds `W_LINK_EXCESS`.
pub const LINK_EXCESS_FROM: f32 = 0.5;
pub const W_LINK_EXCESS: f32 = 8.0;
/// Link-density penalty of the relaxed profile.
pub const RELAXED_LINK_DENSITY: f32 = 1.0;
/// The relaxed pass runs when the strict pass keeps fewer chars than this.
pub const RELAX_MIN_CHARS: u32 = 500;

// ---- Repeated records (listings, card grids, collections) -----------------
// Measured on the HTML dev sets (traf = trafilatura-dev segment F1, rd =
// readability-dev shingle F1, wcxb = wcxb-dev word F1); before records:
// traf 0.9088, rd 0.9184, wcxb 0.7846.

/// Sibling regions of one template signature that make a record group
/// (rs-trafilatura's listing rule uses 3 as well).
pub const RECORD_MIN_SIBLINGS: usize = 3;
/// Mean words a record must carry (menus carry one to three).
pub const RECORD_MIN_WORDS: u32 = 5;
/// Mean blocks a record must carry (a card has a title and a price or a
/// teaser; a menu item is one link) unless its records are rich.
/// 1.5 (with rich 7): wcxb 0.8213 vs 0.8216, others equal.
pub const RECORD_MIN_BLOCKS: f32 = 2.0;
/// Mean words at which one-block records count too (search results, posts,
/// linked card titles). 15: traf 0.9111 rd 0.9367 wcxb 0.8193; 10: 0.9125 /
/// 0.9367 / 0.8202; 7: 0.9132 / 0.9379 / 0.8216; 5: 0.9135 / 0.9379 / 0.8212.
pub const RECORD_RICH_WORDS: u32 = 7;
/// Share of a record group's chars that are link text above which its
/// records are teasers or product cards (scored with the strict link
/// penalties, `Profile::RECORD`) rather than entries whose links are authors
/// and tags (scored with the relaxed profile).
pub const RECORD_LINKED_SHARE: f32 = 0.5;
/// Score added to blocks inside records of a mostly linked group.
/// 0.5: traf 0.9085 wcxb 0.7953; 1.0: 0.9103 / 0.8106; 1.5: 0.9097 / 0.8143;
/// 2.5: 0.9102 / 0.8183 (rd 0.9192); 4.0: rd falls to 0.9155.
pub const W_IN_RECORD: f32 = 2.5;
/// The least length evidence a field of a linked record (a product card's
/// name, its price) gets in the relaxed pass: short is what such fields are,
/// and their digits do not count against them either (`record_fields`).
/// Measured (trafilatura-dev / readability-dev / wcxb-dev): off 0.9408 /
/// 0.9629 / 0.8513; floor −1.0 0.9408 / 0.9629 / 0.8515; −0.5 0.9405 /
/// 0.9629 / 0.8536; 0 for linked and plain records 0.9402 / 0.9641 / 0.8553
/// (spec lines and shop boxes beside two articles); **0 for linked records
/// only 0.9408 / 0.9629 / 0.8558** (collection 0.650 → 0.679, listing 0.684
/// → 0.718: product grids whose output was one "Out of stock" line).
pub const RECORD_FIELD_MIN_LENGTH_EVIDENCE: f32 = 0.0;
/// Score added to blocks inside records of a mostly plain group.
/// 1.5: traf 0.9097 wcxb 0.8001; 2.5: 0.9109 / 0.8072; 4.0: 0.9086 / 0.8101.
pub const W_IN_PLAIN_RECORD: f32 = 2.5;
/// Record evidence is weighed only on pages where the strict pass keeps
/// fewer chars than this (a listing's entries look like menus to it; an
/// article with a teaser grid or a comment thread keeps its article).
/// Ungated, rd fell 0.9184 → 0.8981 (related teasers and comments kept).
/// 1200: traf 0.9100 rd 0.9185 wcxb 0.8157; 2000: 0.9108 / 0.9192 / 0.8180;
/// 3000: 0.9084 / 0.9145 / 0.8180.
pub const RECORD_GATE_CHARS: u32 = 2000;
/// Teasers (`records::teaser_blocks`): records whose first heading has
/// at least `TEASER_TITLE_MIN_WORDS` words, at least
/// `TEASER_TITLE_LINK_DENSITY` of it link text, followed by at most
/// `TEASER_MAX_WORDS` words of unlinked text (a "more stories" stream with
/// blurbs). In the strict pass their blocks lose `W_TEASER`; the record
/// pass (listings) does not see it. Measured (traf / rd / wcxb; before
/// 0.9242 / 0.9490 / 0.8454, dumps unchanged): W 3.0 with any heading or
/// list item as title 0.9244 / 0.9524 / 0.8461 (citation lists read as
/// teasers); headings only, group share 0.75: W 2.0 0.9242 / 0.9500 /
/// 0.8456, 3.0 0.9242 / 0.9536 / 0.8460, 4.5 0.9242 / 0.9535 / 0.8459;
/// share 0.6 with W 3.0 0.9251 / 0.9536 / 0.8460; max words 150 as 80.
/// The title as the record's first heading (labels such as a section name
/// or a comment count may precede it) rather than its first block: max
/// words 150 0.9251 / 0.9583 / 0.8463; 250 0.9251 / 0.9583 / 0.8457.
pub const TEASER_TITLE_LINK_DENSITY: f32 = 0.5;
pub const TEASER_TITLE_MIN_WORDS: u32 = 4;
pub const TEASER_MAX_WORDS: u32 = 150;
/// Share of a group's records that must be teasers (a listicle linking the
/// headings of half its items is not a stream of teasers; 0.5 takes it).
pub const TEASER_GROUP_SHARE: f32 = 0.6;
pub const W_TEASER: f32 = 3.0;
/// A page where every pass keeps nothing is returned whole (less its
/// markup-dropped regions) when that is at most this many chars.
pub const TINY_PAGE_MAX_CHARS: u32 = 300;
