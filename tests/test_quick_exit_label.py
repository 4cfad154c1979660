"""The quick-exit button has one name: the label it shows on screen.

A frightened reader told to use "the quick-exit button" looks for a button
with that name. Every page that tells the reader about the button names it by
the label the button shows in that edition, read from the built page.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, html_pages

# Pages that tell the reader to use the button (any other page that does, such
# as the glossary, is held to the same names by the check for the old ones).
PAGES_ABOUT_THE_BUTTON = ["index.html", "browsing-safely.html", "young-people/dont-get-caught.html"]
# The names the editions used before the button had one name.
OLD_NAMES = {
    "en": r"quick[- ]exit button",
    "nl": r"vluchtknop",
    "fr": r"bouton de sortie rapide",
}


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def reader_text(document: BeautifulSoup) -> str:
    """The page's own text, and its description in search engines."""
    article = document.select_one("article")
    text = article.get_text(" ") if article else ""
    description = document.select_one('meta[name="description"]')
    text += " " + (description["content"] if description else "")
    return re.sub(r"\s+", " ", text)


def button_label(site, lang: str) -> str:
    button = soup(site / lang / "index.html").select_one("a.handbook-exit-button")
    assert button is not None, "no quick-exit button on the home page"
    return re.sub(r"\s+", " ", button.get_text()).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_pages_name_the_button_by_its_label(site, lang):
    label = button_label(site, lang)
    old_names = re.compile("|".join({OLD_NAMES["en"], OLD_NAMES.get(lang, OLD_NAMES["en"])}), re.IGNORECASE)
    wrong = []
    for page in html_pages(site, lang):
        relative = page.relative_to(site / lang).as_posix()
        text = reader_text(soup(page))
        if relative in PAGES_ABOUT_THE_BUTTON and label not in text:
            wrong.append(f"{relative}: does not name the button {label!r}")
        for match in old_names.finditer(text):
            wrong.append(f"{relative}: calls the button {match.group(0)!r}, not {label!r}")
    assert not wrong, "\n".join(wrong)
