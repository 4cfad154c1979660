"""Phone numbers never break across lines, in every edition (handbook_ext/phone_numbers.py)."""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, html_pages
from handbook_ext.phone_numbers import NBSP, keep_together

# A spaced number written with an ordinary space: what must never reach a reader.
SPLITTABLE_NUMBER = re.compile(r"\d \d{2,}")


def parse(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def problems(document: BeautifulSoup, where: str) -> list[str]:
    found = []
    for link in document.select('a[href^="tel:"]'):
        if " " in link.get_text():
            found.append(f"{where}: tel: link text {link.get_text()!r} has an ordinary space")
    for element in document(["script", "style", "pre", "code"]):
        element.decompose()  # code keeps its text as written
    for match in SPLITTABLE_NUMBER.finditer(document.get_text()):
        found.append(f"{where}: {match.group(0)!r} can break across lines")
    return found


def test_keep_together():
    assert keep_together("Call 116 000 or 03 201 16 90.") == f"Call 116{NBSP}000 or 03{NBSP}201{NBSP}16{NBSP}90."
    assert keep_together("+32 3 201 16 90") == f"+32{NBSP}3{NBSP}201{NBSP}16{NBSP}90"
    for text in ("23 December 2016", "12 to 18", "in 2019 and 2021", "art. 417/25"):
        assert keep_together(text) == text


@pytest.mark.parametrize("lang", LANGS)
def test_web_edition(site, lang):
    found = []
    pages = html_pages(site, lang)
    for page in pages:
        found += problems(parse(page.read_text(encoding="utf-8")), str(page.relative_to(site)))
    assert not found, "\n".join(found[:20])
    help_page = parse((site / lang / "help.html").read_text(encoding="utf-8"))
    assert f"116{NBSP}000" in [a.get_text() for a in help_page.select('article a[href="tel:116000"]')]


def test_language_chooser(site):
    assert not problems(parse((site / "index.html").read_text(encoding="utf-8")), "index.html")


@pytest.mark.parametrize("lang", LANGS)
def test_epub(site, lang):
    (epub,) = (site / "downloads").glob(f"*-{lang}.epub")
    found = []
    links = 0
    with zipfile.ZipFile(epub) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                document = parse(book.read(name).decode("utf-8"))
                links += len(document.select('a[href^="tel:"]'))
                found += problems(document, f"{epub.name}/{name}")
    assert links > 10
    assert not found, "\n".join(found[:20])
