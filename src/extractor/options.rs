//! What an [`Extractor`](super::Extractor) is asked to do: its options
//! ([`ExtractorOptions`]: scorer, bias, comments, limits, passes off), one
//! input with what its container knows ([`PageInput`]), and the constants
//! they default to. It decides nothing about a page.

use super::Deadline;
#[cfg(doc)]
use super::Extractor;
#[cfg(doc)]
use crate::error::Error;
use crate::input::InputFormat;

/// Default input size limit: larger inputs are refused, not truncated.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// How an [`Extractor`] behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractorOptions {
    /// What the inputs are; `Auto` sniffs each one.
    pub input_format: InputFormat,
    /// Whether site rules apply.
    pub rules: bool,
    /// Inputs over this many bytes are refused with [`Error::TooLarge`].
    pub max_bytes: usize,
    /// Keep reader comments under an article (HTML, and text dumps with the
    /// learned scorer: `classify::passes::comments`).
    pub comments: bool,
    /// Lean towards precision or recall.
    pub bias: Bias,
    /// Build inline Markdown (emphasis, code) for the Markdown renderer.
    pub markdown: bool,
    /// In that Markdown, keep links as `[text](href)`.
    pub links: bool,
    /// Which scorer labels the blocks.
    pub scorer: Scorer,
    /// Keep what `--explain` shows (the model's contributions per block).
    pub explain: bool,
    /// Learned-scorer passes not to run, by name (`end_marker`, ...;
    /// `copies` also for the heuristics), and
    /// the metadata rankers (`dump_title`, `dump_date`, `dump_author`,
    /// `html_title`, `html_date`, `html_author`: the lifting's or trust order's choice
    /// stands; `date_above_text`: no date from the line above an HTML page's
    /// main text, `metadata::dateline`): what a pass is worth, measured by `scripts/train --reuse
    /// --passes-off`; not meant for extraction.
    pub passes_off: Vec<String>,
}

/// Which scorer labels the blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scorer {
    /// The default: the learned model for text dumps, the heuristics for
    /// HTML, each front end's scorer that is ahead where it can be judged
    /// (the dump model out of fold against the heuristics' fitted figure,
    /// and on the bundled samples; docs/learned-scorer.md).
    #[default]
    Auto,
    /// The hand-weighted heuristics (`classify::tree` for HTML,
    /// `classify::context` for dumps).
    Heuristic,
    /// The learned model and its passes (`classify::passes`), on both
    /// front ends.
    Learned,
}

impl Scorer {
    /// Whether the learned model labels a page (`dump`: a text dump, else
    /// HTML).
    pub fn learned_for(self, dump: bool) -> bool {
        match self {
            Scorer::Auto => dump,
            Scorer::Heuristic => false,
            Scorer::Learned => true,
        }
    }
}

/// One input with what its container knows about it (a WARC record's HTTP
/// headers, a JSONL record's field), for [`Extractor::analyze_input`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PageInput<'a> {
    /// The raw bytes of the page or dump.
    pub bytes: &'a [u8],
    /// The page's address, if known.
    pub url: Option<&'a str>,
    /// A charset from the transport (HTTP `Content-Type`); it wins over the
    /// page's own declaration.
    pub charset: Option<&'a str>,
    /// What the input is, when the container says so; `None` follows the
    /// extractor's [`ExtractorOptions::input_format`].
    pub format: Option<InputFormat>,
    /// Give up with [`Error::Timeout`] once this instant has passed (checked
    /// between the pipeline's stages).
    pub deadline: Option<Deadline>,
}

impl<'a> PageInput<'a> {
    /// Just bytes: no URL, no charset, the extractor's input format.
    pub fn new(bytes: &'a [u8]) -> Self {
        PageInput { bytes, ..PageInput::default() }
    }
}

/// Which error an extraction should rather make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bias {
    /// The best balance (F1) on the dev sets.
    #[default]
    Balanced,
    /// Keep less: drop doubtful blocks.
    Precision,
    /// Keep more: keep doubtful blocks.
    Recall,
}

impl Bias {
    /// Shift of the stage-one class boundaries (positive keeps more).
    pub(super) fn shift(self) -> f32 {
        match self {
            Bias::Balanced => BALANCED_SHIFT,
            Bias::Precision => BALANCED_SHIFT - BIAS_SHIFT,
            Bias::Recall => BALANCED_SHIFT + BIAS_SHIFT,
        }
    }
}

/// How far `--precision`/`--recall` move the class boundaries (score units).
const BIAS_SHIFT: f32 = 0.75;
/// The default boundary shift for HTML (set on the HTML dev sets: 0.0 gave
/// trafilatura-dev 0.9078 / readability-dev 0.9171 / wcxb-dev 0.7830; a
/// full recall shift of 0.75 gave 0.9111 / 0.9163 / 0.7893). Re-measured
/// after record groups: 0.4 gave 0.9132 / 0.9379 / 0.8216, 0.6 0.9137 /
/// 0.9379 / 0.8257, 0.8 0.9138 / 0.9359 / 0.8267.
pub const BALANCED_SHIFT: f32 = 0.6;

impl Default for ExtractorOptions {
    fn default() -> Self {
        ExtractorOptions {
            input_format: InputFormat::Auto,
            rules: true,
            max_bytes: DEFAULT_MAX_BYTES,
            comments: false,
            bias: Bias::Balanced,
            markdown: false,
            links: false,
            scorer: Scorer::default(),
            explain: false,
            passes_off: Vec::new(),
        }
    }
}

impl ExtractorOptions {
    /// Whether the pass named `pass` is in [`ExtractorOptions::passes_off`].
    pub fn is_off(&self, pass: &str) -> bool {
        self.passes_off.iter().any(|p| p == pass)
    }
}
