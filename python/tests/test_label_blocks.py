"""scripts/label-blocks.py (issue 19's block labeller): site grouping and the
label a block gets from each kind of truth."""

import importlib.util
import pathlib

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "label-blocks.py"
spec = importlib.util.spec_from_file_location("label_blocks", SCRIPT)
lb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lb)


def test_sites_are_registrable_domains_and_archived_sites_their_own():
    assert lb.site_of("https://www.bbc.co.uk/news/1", "x") == "bbc.co.uk"
    assert lb.site_of("https://blog.example.com/a", "x") == "example.com"
    assert lb.site_of("https://web.archive.org/web/20130307194448/the-pain.net/2008/05/a.html", "x") == "the-pain.net"
    assert lb.site_of(None, "001") == "id:001"


def test_a_page_without_a_truth_url_is_grouped_by_its_canonical_url_or_its_id_stem():
    assert lb.site_of_page("https://www.bbc.co.uk/news/1", "https://other.org/x", "x") == "bbc.co.uk"
    assert lb.site_of_page(None, "http://lifehacker.com/a-1690268064", "lifehacker-working") == "lifehacker.com"
    assert lb.site_of_page(None, None, "yahoo-2") == lb.site_of_page(None, None, "yahoo-4") == "id:yahoo"
    assert lb.site_of_page(None, "/relative/path", "wikipedia-4") == "id:wikipedia"
    assert lb.site_of_page(None, None, "4720") == "id:4720"


def test_folds_are_stable_and_keep_a_site_together():
    assert lb.fold_of("example.com") == lb.fold_of("example.com")
    assert {lb.fold_of(f"site{i}.com") for i in range(100)} == set(range(lb.FOLDS))


def test_main_content_labels_are_the_share_of_shingles_found():
    truth = lb.Truth({"main_content": "The committee published its report on Tuesday and the minister agreed."})
    assert truth.label("The committee published its report on Tuesday") == 1.0
    assert truth.label("Share this article on Facebook and Twitter") == 0.0
    half = truth.label("the minister agreed. Subscribe to our newsletter today")
    assert 0.0 < half < 1.0
    assert truth.label("Tuesday") is None and truth.label("Login") == 0.0


def test_a_word_or_two_is_content_only_as_a_line_of_the_truth():
    truth = lb.Truth({"main_content": "World News\n\nThe news from the world today is good."})
    assert truth.label("World news") == 1.0
    assert truth.label("News") is None  # only inside longer text: a menu item or the body
    assert truth.label("Sport") == 0.0
    assert truth.label("   ") is None


def test_snippet_truths_label_only_what_they_speak_for():
    truth = lb.Truth({"with": ["Shanghai Electric baut"], "without": ["Solarserver Newsletter"]})
    assert truth.label("Shanghai Electric baut das Kraftwerk.") == 1.0
    assert truth.label("Der Solarserver  Newsletter") == 0.0  # whitespace-normalised, as score.py
    assert truth.label("Solarserver Newsletter abonnieren") == 0.0
    assert truth.label("Impressum") is None
