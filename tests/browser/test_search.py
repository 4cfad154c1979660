"""Search in every edition: stemming finds inflected forms, summaries show, the boxes work.

The stemming case is looked up in the built pages: a word that does not
occur on a page, not even inside a longer word (Sphinx also matches parts
of words), while another form of it with the same stem does, e.g. Dutch
"signaal" on a page that only says "signalen". Only stemming can find it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import snowballstemmer
from bs4 import BeautifulSoup

from conftest import LANGS

from .support import interface, interface_plural, page_paths

# Singular forms whose plural differs beyond an ending (aa → a, al → aux).
STEMMING_CANDIDATES = {
    "nl": ("dutch", ["signaal", "vraag", "school", "naam", "probleem", "verhaal", "jaar"]),
    "fr": ("french", ["signal", "social", "travail", "journal", "général", "local"]),
}
SUMMARY_ONE = "Search finished, found one page matching the search query."
SUMMARY_MANY = "Search finished, found ${resultCount} pages matching the search query."


def page_words(site, path: str) -> set[str]:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one("article").get_text(" ") + " " + soup.title.get_text(" ")
    return set(re.findall(r"\w+", text.lower()))


def stemming_case(site, lang: str) -> tuple[str, str, str]:
    """(query, page, the form the page uses) that only stemming can match."""
    algorithm, candidates = STEMMING_CANDIDATES[lang]
    stem = snowballstemmer.stemmer(algorithm).stemWord
    paths = [p for p in page_paths(site, lang) if not p.endswith(("/search.html", "/404.html"))]
    for query in candidates:
        for path in paths:
            words = page_words(site, path)
            if any(query in word for word in words):
                continue
            forms = sorted(word for word in words if stem(word) == stem(query))
            if forms:
                return query, path, forms[0]
    pytest.fail(f"No page in {lang} uses only another form of {candidates}: add a candidate word.")


def run_search(reader, lang: str, query: str) -> list[str]:
    """Search from the edition's search page; return the result links."""
    reader.open(f"{lang}/search.html?q={quote(query)}")
    return wait_for_results(reader, lang)


def wait_for_results(reader, lang: str) -> list[str]:
    page = reader.page
    page.wait_for_function("() => (document.querySelector('#search-results .search-summary') || {}).textContent")
    count = page.locator("ul.search > li").count()
    summary = page.locator("#search-results .search-summary").text_content()
    expected = interface_plural(lang, SUMMARY_ONE, SUMMARY_MANY, count).replace("${resultCount}", str(count))
    assert summary == expected
    assert page.locator("#search-results h2").text_content().startswith(interface(lang, "Search Results"))
    return page.locator("ul.search > li > a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_an_inflected_form_finds_the_page(reader, site, lang):
    query, path, form = stemming_case(site, lang)
    links = run_search(reader, lang, query)
    assert f"{reader.base}/{path}" in [link.split("?")[0].split("#")[0] for link in links], (
        f"searching {query!r} did not find {path}, which says {form!r}"
    )
    # Each result shows a summary: the words around the match.
    reader.page.wait_for_function("() => document.querySelectorAll('ul.search > li p.context').length > 0")
    assert not reader.errors


@pytest.mark.parametrize("lang", LANGS)
def test_search_shows_results_and_summaries_in_every_language(reader, site, lang):
    heading = BeautifulSoup((site / lang / "understanding/signals.html").read_text(encoding="utf-8"), "html.parser")
    word = re.findall(r"\w+", heading.select_one("article h1").get_text())[0]
    links = run_search(reader, lang, word)
    assert f"{reader.base}/{lang}/understanding/signals.html" in [link.split("?")[0].split("#")[0] for link in links]
    reader.page.wait_for_function("() => document.querySelectorAll('ul.search > li p.context').length > 0")
    assert not reader.errors, reader.errors


@pytest.mark.parametrize("lang", LANGS)
def test_the_sidebar_search_box_works_from_the_keyboard(reader, site, lang):
    reader.open(f"{lang}/understanding/signals.html")
    box = reader.page.locator(".sidebar-search")
    for _ in range(40):
        reader.page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the sidebar search box")
    assert box.evaluate("el => getComputedStyle(el).outlineStyle") != "none", "focus is not visible"
    query, path, _ = stemming_case(site, lang) if lang in STEMMING_CANDIDATES else ("signal", "", "")
    reader.page.keyboard.type(query)
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(f"**/{lang}/search.html?q={quote(query)}*")
    links = wait_for_results(reader, lang)
    assert links
    assert reader.page.locator("#handbook-search-query").input_value() == query
    assert not reader.errors


def test_the_search_page_has_its_own_box(reader):
    reader.page.set_viewport_size({"width": 360, "height": 740})  # the sidebar is folded away
    reader.open("fr/search.html")
    field = reader.page.locator("#handbook-search-query")
    assert field.is_visible()
    field.fill("signal")
    field.press("Enter")
    reader.page.wait_for_url("**/fr/search.html?q=signal")
    assert wait_for_results(reader, "fr")
    assert not reader.errors


# Searches for help that must land on the help page first. Numbers and names are
# the same in every edition (help.rst makes them index entries: Sphinx's search
# skips numbers in the text); "helpline" is a word of the page's heading
# "Helplines for young people", in each edition's language.
HELP_NUMBER_QUERIES = ["116 000", "116000", "Payoke"]
HELPLINE = {"en": "helpline", "nl": "hulplijn", "fr": "ligne d'écoute"}


@pytest.mark.parametrize(
    ("lang", "query"),
    [(lang, query) for lang in LANGS for query in [*HELP_NUMBER_QUERIES, HELPLINE.get(lang, "helpline")]],
)
def test_help_searches_find_the_help_page_first(reader, lang, query):
    links = run_search(reader, lang, query)
    assert links, f"searching {query!r} found nothing"
    first = links[0].split("?")[0].split("#")[0]
    assert first == f"{reader.base}/{lang}/help.html", f"searching {query!r}: first result {links[0]}, then {links[1:4]}"
    assert not reader.errors, reader.errors
