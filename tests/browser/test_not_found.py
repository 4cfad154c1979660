"""The 404 page: translated, styled and working at any depth of unknown address."""

from __future__ import annotations

import pytest

from conftest import LANGS

from .support import SWITCHER_ORDER, interface

EXIT_RED = "rgb(179, 38, 30)"  # handbook.css's rules there
# The page's style: its critical sheet inline, the rest loaded from its root-relative address.
STYLE_JS = """() => ({
  exit: getComputedStyle(document.querySelector(".handbook-exit-button")).backgroundColor,
  sidebar: document.querySelector(".sidebar-drawer").getBoundingClientRect().width,
  furo: [...document.styleSheets].some(s => s.ownerNode.matches("style[data-critical]") && s.cssRules.length > 50)
    && [...document.styleSheets].some(s => /\\/_static\\/handbook-rest-[0-9a-f]+\\.css$/.test(s.href || "") && s.cssRules.length > 20),
})"""


def errors_besides_the_404(reader, url: str) -> list[str]:
    """The console reports the page's own 404 status; anything else is a fault."""
    return [error for error in reader.errors if not error.endswith(f"({reader.base}/{url})")]


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_address_shows_the_translated_page_with_its_style(reader, lang):
    response = reader.open(f"{lang}/no/such/deep/page.html")
    assert response.status == 404
    page = reader.page
    assert page.locator("article h1").text_content().strip() == interface(lang, "Page not found")
    assert page.evaluate("document.documentElement.lang") == lang
    style = page.evaluate(STYLE_JS)
    assert style["furo"] and style["exit"] == EXIT_RED and style["sidebar"] > 100, style
    assert not errors_besides_the_404(reader, f"{lang}/no/such/deep/page.html")  # every asset loaded
    assert not reader.outside_requests()
    languages = page.locator(".handbook-languages a").evaluate_all("links => links.map(a => a.href)")
    assert languages == [f"{reader.base}/{code}/index.html" for code in SWITCHER_ORDER]
    home = page.get_by_role("link", name=interface(lang, "Go to the home page"))
    home.click()
    page.wait_for_url(f"{reader.base}/{lang}/index.html")
    assert not errors_besides_the_404(reader, f"{lang}/no/such/deep/page.html")


def test_the_sidebar_works_from_the_404_page(reader):
    reader.open("fr/a/b/c/")
    link = reader.page.locator(".sidebar-tree a.reference").first
    href = link.get_attribute("href")
    assert href.startswith("/fr/"), href
    link.click()
    reader.page.wait_for_load_state()
    assert reader.page.url == f"{reader.base}{href}"
    assert reader.page.evaluate("document.title")
    assert not errors_besides_the_404(reader, "fr/a/b/c/")


def test_an_unknown_address_outside_the_editions(reader):
    response = reader.open("nowhere/at/all.html")
    assert response.status == 404
    assert reader.page.locator("article h1").text_content().strip() == "Page not found"
    assert reader.page.evaluate(STYLE_JS)["exit"] == EXIT_RED
    assert not errors_besides_the_404(reader, "nowhere/at/all.html")
