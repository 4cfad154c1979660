"""The guidance itself: the facts that matter are in every edition, and only vetted contacts."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, TRANSLATED, html_pages

# Every phone number the handbook may link to (facts.md): Child Focus, emergency,
# police, Awel, Écoute-Enfants, 1712, and the three specialised centres.
CENTRE_NUMBERS = {"Payoke": "032011690", "PAG-ASA": "025116464", "Sürya": "042324030"}
VETTED_NUMBERS = {"116000", "112", "101", "102", "103", "1712", *CENTRE_NUMBERS.values()}

CIRCULAR_DATE = {"en": "23 December 2016", "nl": "23 december 2016", "fr": "23 décembre 2016"}
ARTICLES = ("422bis", "458bis")
CENTRES = ("Payoke", "PAG-ASA", "Sürya")
# Pages where Criminal Code article numbers may appear, so they can be corrected in one place.
ARTICLE_PAGES = {"understanding/the-law.html", "glossary.html"}
# Words that label a victim as a prostitute; never in any edition. (The old legal
# term "child prostitution" may be named once, as the term the law no longer uses.)
FORBIDDEN = {
    "en": [r"child prostitutes?\b", r"teen prostitutes?\b"],
    "nl": [r"kinderprostitué", r"kinderprostituee", r"tienerprostituee"],
    "fr": [r"enfants? prostitué", r"mineure? prostitué", r"trafic des êtres humains"],
}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def section_after(page, label: str):
    """The section a reST label (``.. _label:``) points to."""
    target = page.select_one(f"#{label}")
    assert target is not None, f"no #{label}"
    if target.name == "section":
        return target
    heading = target.find_next_sibling()
    if target.parent.name == "section" and heading is not None and heading.name in {"h1", "h2", "h3"}:
        return target.parent  # Sphinx puts the label's anchor just before the heading
    return target.find_next("section")


def article_text(path) -> str:
    article = soup(path).select_one("article")
    return re.sub(r"\s+", " ", article.get_text(" "))


@pytest.mark.parametrize("lang", LANGS)
def test_help_page_links_every_vetted_number(site, lang):
    links = {a["href"].removeprefix("tel:") for a in soup(site / lang / "help.html").select('article a[href^="tel:"]')}
    assert links == VETTED_NUMBERS


@pytest.mark.parametrize("lang", LANGS)
def test_every_tel_link_is_vetted(site, lang):
    seen = set()
    for page in html_pages(site, lang):
        for link in soup(page).select('a[href^="tel:"]'):
            number = link["href"].removeprefix("tel:")
            assert number in VETTED_NUMBERS, f"{page.relative_to(site)}: unvetted number {number}"
            digits = re.sub(r"\D", "", link.get_text())
            assert digits == number, f"{page.relative_to(site)}: link text {link.get_text()!r} ≠ {number}"
            seen.add(number)
    assert seen == VETTED_NUMBERS


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_gives_urgent_help(site, lang):
    home = soup(site / lang / "index.html")
    urgent = {a["href"] for a in home.select('article .admonition a[href^="tel:"]')}
    assert {"tel:116000", "tel:112", "tel:101"} <= urgent
    assert len(home.select("article .sd-card")) >= 3  # the three doors


@pytest.mark.parametrize("lang", LANGS)
def test_law_page_facts(site, lang):
    text = article_text(site / lang / "understanding" / "the-law.html")
    assert CIRCULAR_DATE[lang] in text
    for fact in (*ARTICLES, *CENTRES, "417/25", "2024"):
        assert fact in text, fact


@pytest.mark.parametrize("lang", LANGS)
def test_article_numbers_live_in_one_place(site, lang):
    for page in html_pages(site, lang):
        relative = page.relative_to(site / lang).as_posix()
        if relative in ARTICLE_PAGES or page.name in {"search.html", "404.html"}:
            continue
        text = soup(page).get_text(" ")
        for article in (*ARTICLES, "art. 458"):
            assert article not in text, f"{relative} names {article}: link to the law page instead"


@pytest.mark.parametrize("lang", LANGS)
def test_specialised_centres_on_help_page(site, lang):
    page = soup(site / lang / "help.html")
    text = article_text(site / lang / "help.html")
    for centre in CENTRES:
        assert centre in text
    # The federal contact point, with its report form and the way to the three centres.
    assert page.select_one('article a[href="https://www.stopmensenhandel.be"]')


@pytest.mark.parametrize("page", ["help.html", "professionals/responding-to-a-victim.html"])
@pytest.mark.parametrize("lang", LANGS)
def test_each_centre_with_its_own_number(site, lang, page):
    """A centre's line (list item or table row) links that centre's number and no other's."""
    document = soup(site / lang / page)
    for centre, number in CENTRE_NUMBERS.items():
        lines = [
            line for line in document.select("article li, article tr")
            if centre in line.get_text() and line.select('a[href^="tel:"]')
            and not line.select("li, tr")  # the innermost line only
        ]  # fmt: skip
        assert lines, f"{page}: no line gives {centre}'s number"
        for line in lines:
            assert {a["href"] for a in line.select('a[href^="tel:"]')} == {f"tel:{number}"}, line.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_one_emergency_wording(site, lang):
    """Police 101 when someone is in danger, then 112 if someone is hurt: never "112 or 101"."""
    checked = 0
    for page in html_pages(site, lang):
        for block in soup(page).select("article p, article li"):
            hrefs = [a["href"] for a in block.select('a[href^="tel:"]')]
            if "tel:101" in hrefs and "tel:112" in hrefs:
                assert hrefs.index("tel:101") < hrefs.index("tel:112"), (
                    f"{page.relative_to(site)}: {block.get_text(' ', strip=True)!r}"
                )
                checked += 1
    assert checked >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_thirteen_signals(site, lang):
    page = soup(site / lang / "understanding" / "signals.html")
    items = section_after(page, "signals-list").select("ol > li")
    assert len(items) == 13
    for item in items:
        assert item.select_one("strong"), "each signal starts in bold"
    # Printed by teachers: no collapsed content on this page.
    assert not page.select("article details")


@pytest.mark.parametrize("lang", LANGS)
def test_four_phases(site, lang):
    page = soup(site / lang / "understanding" / "how-teen-pimps-work.html")
    for n in range(1, 5):
        section = section_after(page, f"how-phase-{n}")
        assert section.select_one("h2, h3"), f"phase {n} has no heading"
    assert len(page.select("article .sd-card")) >= 4  # the visual sequence


@pytest.mark.parametrize("lang", LANGS)
def test_pikasol(site, lang):
    text = article_text(site / lang / "professionals" / "talking-in-a-group.html")
    assert "PIKASOL" in text
    assert "Girl Power Squad" in text
    page = soup(site / lang / "professionals" / "talking-in-a-group.html")
    mail = {unquote(a["href"]) for a in page.select('a[href^="mailto:"]')}
    assert "mailto:training@childfocus.org" in mail


@pytest.mark.parametrize("lang", LANGS)
def test_no_victim_blaming_words(site, lang):
    pattern = re.compile("|".join(FORBIDDEN[lang]), re.IGNORECASE)
    for page in html_pages(site, lang):
        if page.relative_to(site / lang).as_posix() == "about/translating.html":
            continue  # the translator's guide names the words never to use
        match = pattern.search(soup(page).get_text(" "))
        assert not match, f"{page.relative_to(site)}: {match.group(0)!r}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_meta_descriptions_in_the_pages_language(site, lang):
    checked = 0
    for page in html_pages(site, lang):
        relative = page.relative_to(site / lang)
        if page.name in {"search.html", "404.html"}:
            continue
        description = soup(page).select_one('meta[name="description"]')
        assert description and description["content"].strip(), f"{relative}: no meta description"
        english = soup(site / "en" / relative).select_one('meta[name="description"]')
        assert description["content"] != english["content"], f"{relative}: description not translated"
        checked += 1
    assert checked > 15


@pytest.mark.parametrize("lang", LANGS)
def test_young_people_know_who_to_call(site, lang):
    page = soup(site / lang / "young-people" / "dont-get-caught.html")
    numbers = {a["href"] for a in page.select('article a[href^="tel:"]')}
    assert {"tel:102", "tel:103", "tel:116000", "tel:112"} <= numbers


def test_french_edition_says_the_book_is_dutch_only(site):
    mentions = 0
    for page in html_pages(site, "fr"):
        text = article_text(page) if soup(page).select_one("article") else ""
        for match in re.finditer(r"Sterke meisjes huilen niet", text):
            mentions += 1
            around = text[match.start() - 120 : match.end() + 120]
            assert "néerlandais" in around, f"{page.relative_to(site)}: {around!r}"
    assert mentions


# The referral path for professionals who must act now: one part per job, then
# what happens after a report and what to write down (help.rst).
REFERRAL_PARTS = ("school", "youth-care", "police", "health", "after", "notes")


def referral_problems(document: BeautifulSoup, where: str) -> list[str]:
    problems = []
    for part in REFERRAL_PARTS:
        if document.select_one(f"#help-professionals-{part}") is None:
            problems.append(f"{where}: no part #help-professionals-{part}")
            continue
        words = section_after(document, f"help-professionals-{part}").get_text(" ", strip=True).split()
        if len(words) < 25:
            problems.append(f"{where}: #help-professionals-{part} says almost nothing: {' '.join(words)!r}")
    linked = {a["href"] for a in document.select('a[href^="tel:"]')}
    missing = {f"tel:{n}" for n in CENTRE_NUMBERS.values()} - linked
    if missing:
        problems.append(f"{where}: the centres' numbers {sorted(missing)} are not linked")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_referral_path_and_centres_in_the_web_edition_and_the_ebook(site, lang):
    problems = referral_problems(soup(site / lang / "help.html"), f"{lang}/help.html")
    (epub,) = (site / "downloads").glob(f"*-{lang}.epub")
    with zipfile.ZipFile(epub) as book:
        problems += referral_problems(BeautifulSoup(book.read("help.xhtml"), "html.parser"), f"{epub.name}:help.xhtml")
    assert not problems, "\n".join(problems)
